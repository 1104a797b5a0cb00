/*
 * geokg explorer: the script of the interactive HTML page that
 * `geokg render GRAPH -o graph.html` writes (see src/html.rs). It owns
 * everything that moves in that page: reading the embedded graph data, the
 * force-directed layout, drawing on a canvas, pan, zoom and drag, search,
 * filters, focus on a neighbourhood, the legend and the side panel of
 * relations and their evidence.
 *
 * Security: every string in the data comes from news text and is treated as
 * hostile. The data is read with JSON.parse from the inert JSON element
 * (#geokg-data, which the browser never runs), and strings from it reach the
 * document only through textContent, createTextNode and canvas fillText,
 * none of which parse markup (see `el` below). Nothing here turns data into
 * markup, builds a link or a URL from it, or loads anything from the network;
 * the page's Content-Security-Policy forbids the network as well.
 *
 * Plain ES2017 in one strict IIFE, with no library, so that the page works
 * offline and the project contains only its own code.
 */
(function () {
  'use strict';

  // ------------------------------------------------------------ settings

  // A fixed iteration budget, with a deterministic start, gives the same
  // picture on every load and bounds the work on big graphs.
  const LAYOUT_ITERATIONS = 300;
  // Milliseconds of layout per animation frame: the page keeps answering to
  // the mouse while the layout runs.
  const LAYOUT_SLICE_MS = 12;
  const LINK_DISTANCE = 40;
  // Repulsion between every pair of nodes (negative pushes apart).
  const CHARGE = -60;
  // A weak pull to the centre keeps disconnected pieces from drifting away.
  const GRAVITY = 0.03;
  // Repulsion fades beyond this distance (squared): it goes as 1/d up close
  // and as 1/d^3 far away. With plain 1/d, the summed push of a big
  // component throws small separate ones far out, which shrinks the whole
  // picture when the view is fitted. The fade is smooth because a hard
  // cutoff piles nodes up where a heavy cell's push stops.
  const REPULSION_RANGE2 = LINK_DISTANCE * 15 * (LINK_DISTANCE * 15);
  // Barnes-Hut accuracy: a cell this small for its distance counts as one
  // body. This is theta = 1.2 squared: measured on 5,000 nodes, forces are
  // within about 1% of the exact ones at less than half the cost of 0.9.
  const THETA2 = 1.44;
  // Share of its velocity a node keeps from one iteration to the next.
  const VELOCITY_KEEP = 0.6;
  const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

  const MIN_SCALE = 0.02;
  const MAX_SCALE = 10;
  // Arrowheads cost a triangle per edge and are unreadable when small, so
  // they appear only once zoomed in on a manageable number of edges.
  const ARROW_MIN_SCALE = 0.6;
  const ARROW_MAX_EDGES = 4000;
  // Labels: the most connected nodes always, the others when zoomed in far
  // enough that their shape is this many pixels in radius.
  const LABEL_TOP = 30;
  // Up to this many visible nodes, every node is labelled.
  const LABEL_ALL_NODES = 50;
  const LABEL_MAX = 400;
  const LABEL_MIN_SCREEN_RADIUS = 7;
  const LABEL_MAX_CHARS = 40;
  const LABEL_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  const LABEL_HEIGHT = 15;
  const LABEL_CELL = 8;
  const SEARCH_MAX = 30;
  // Relations listed at once in the panel; a button shows the next batch,
  // so that selecting a hub with thousands of relations stays quick.
  const PANEL_BATCH = 200;
  // Relations whose evidence opens by itself when a node has this few.
  const PANEL_OPEN_MAX = 4;
  // Pointer movement (in pixels) below which a press counts as a click.
  const CLICK_SLOP = 4;
  const NO_DASH = [];

  // Node outlines in units of the node radius, after the Graphviz shapes
  // that render.rs uses for the static diagrams (ellipses are drawn apart).
  const SHAPES = {
    box: [-1.2, -0.85, 1.2, -0.85, 1.2, 0.85, -1.2, 0.85],
    hexagon: [-1.25, 0, -0.65, -0.95, 0.65, -0.95, 1.25, 0, 0.65, 0.95, -0.65, 0.95],
    house: [0, -1.1, 1.05, -0.3, 1.05, 0.9, -1.05, 0.9, -1.05, -0.3],
    octagon: octagon(),
    note: [-1, -0.95, 0.55, -0.95, 1, -0.5, 1, 0.95, -1, 0.95],
  };

  function octagon() {
    const out = [];
    for (let k = 0; k < 8; k++) {
      const a = Math.PI / 8 + (k * Math.PI) / 4;
      out.push(1.1 * Math.cos(a), 1.1 * Math.sin(a));
    }
    return out;
  }

  // ------------------------------------------------------------ pure helpers

  // The first and last day a date of any precision covers, as in
  // graph.rs: "2025-06" covers 2025-06-01 to 2025-06-31, which sorts right.
  function dateBounds(d) {
    if (d.length === 4) return [d + '-01-01', d + '-12-31'];
    if (d.length === 7) return [d + '-01', d + '-31'];
    return [d, d];
  }

  const DATE_INPUT = /^\d{4}(-\d{2}(-\d{2})?)?$/;

  // A date typed in a filter box: empty (no bound), a valid partial date
  // (widened to the bound's side, so "to 2025-06" keeps 2025-06-30), or
  // invalid (ignored, and the box says so).
  function parseDateInput(text, upper) {
    const t = String(text).trim();
    if (t === '') return { ok: true, value: null };
    if (!DATE_INPUT.test(t)) return { ok: false, value: null };
    const b = dateBounds(t);
    return { ok: true, value: upper ? b[1] : b[0] };
  }

  // Whether an edge dated first..last overlaps the range from..to (either
  // may be null). Undated edges pass only when no range is set, like
  // Filter::keeps_date in graph.rs.
  function edgeInRange(first, last, from, to) {
    if (from === null && to === null) return true;
    const a = first || last;
    const b = last || first;
    if (!a) return false;
    const lo = dateBounds(a)[0];
    const hi = dateBounds(b)[1];
    return (from === null || hi >= from) && (to === null || lo <= to);
  }

  // A small seeded generator (Marsaglia's xorshift) for the rare nudges the
  // layout needs, so that they too are the same on every load.
  function xorshift(seed) {
    let s = seed | 0 || 1;
    return function () {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 4294967296;
    };
  }

  // Line width in pixels from the number of documents, the formula of the
  // static diagrams (render.rs), capped so hubs do not smear.
  function edgeWidth(documents) {
    const d = Math.max(Number(documents) || 0, 1);
    return Math.min(1 + Math.log(d) * 1.5, 8);
  }

  function quadLabel(quad) {
    return String(quad).replace(/_/g, ' ');
  }

  function plural(count, one, many) {
    return count + ' ' + (count === 1 ? one : many);
  }

  // Incident edges of every node in two flat arrays (edges of node i are
  // list[start[i]] .. list[start[i + 1] - 1]); a self-loop appears twice.
  function buildAdjacency(n, src, dst) {
    const start = new Int32Array(n + 1);
    for (let e = 0; e < src.length; e++) {
      start[src[e] + 1]++;
      start[dst[e] + 1]++;
    }
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    const fill = start.slice(0, n);
    const list = new Int32Array(start[n]);
    for (let e = 0; e < src.length; e++) {
      list[fill[src[e]]++] = e;
      list[fill[dst[e]]++] = e;
    }
    return { start: start, list: list };
  }

  // The deterministic start of the layout: nodes in breadth-first order from
  // the most connected ones, laid on a sunflower spiral, so that neighbours
  // start close to each other and hubs near the centre.
  function initialPlacement(n, degree, adjStart, adjList, src, dst, x, y) {
    const order = [];
    for (let i = 0; i < n; i++) order.push(i);
    order.sort((a, b) => degree[b] - degree[a] || a - b);
    const seen = new Uint8Array(n);
    const queue = new Int32Array(n);
    let k = 0;
    for (const root of order) {
      if (seen[root]) continue;
      seen[root] = 1;
      let head = 0;
      let tail = 0;
      queue[tail++] = root;
      while (head < tail) {
        const v = queue[head++];
        const r = LINK_DISTANCE * 0.6 * Math.sqrt(k + 0.5);
        const a = k * GOLDEN_ANGLE;
        x[v] = r * Math.cos(a);
        y[v] = r * Math.sin(a);
        k++;
        for (let j = adjStart[v]; j < adjStart[v + 1]; j++) {
          const e = adjList[j];
          const u = src[e] === v ? dst[e] : src[e];
          if (!seen[u]) {
            seen[u] = 1;
            queue[tail++] = u;
          }
        }
      }
    }
  }

  // A Barnes-Hut quadtree over flat typed arrays, rebuilt every iteration:
  // repulsion then costs O(n log n) instead of O(n^2). Leaves hold one
  // position (bodies at exactly the same spot are chained in one leaf).
  function createQuadtree(n) {
    let cap = 0;
    let count = 0;
    let kind = new Int8Array(0); // 0 empty, 1 leaf, 2 internal
    let head = new Int32Array(0);
    let child = new Int32Array(0);
    let cx0 = new Float64Array(0);
    let cy0 = new Float64Array(0);
    let size = new Float64Array(0);
    let mass = new Float64Array(0);
    let mx = new Float64Array(0);
    let my = new Float64Array(0);
    const next = new Int32Array(Math.max(n, 1));
    // Depth is bounded by the minimum cell size below, so the stack of a
    // traversal (at most three pending cells per level) fits easily.
    const stack = new Int32Array(1024);
    const jitter = xorshift(7);
    let minCell = 0;
    let px = null;
    let py = null;

    function grow(need) {
      if (need <= cap) return;
      const nc = Math.max(need, cap * 2, 64);
      const k2 = new Int8Array(nc);
      k2.set(kind);
      kind = k2;
      const h2 = new Int32Array(nc);
      h2.set(head);
      head = h2;
      const c2 = new Int32Array(nc * 4).fill(-1);
      c2.set(child);
      child = c2;
      const grown = (old) => {
        const a = new Float64Array(nc);
        a.set(old);
        return a;
      };
      cx0 = grown(cx0);
      cy0 = grown(cy0);
      size = grown(size);
      mass = grown(mass);
      mx = grown(mx);
      my = grown(my);
      cap = nc;
    }

    function newCell(x0, y0, s) {
      grow(count + 1);
      const c = count++;
      kind[c] = 0;
      head[c] = -1;
      child[4 * c] = -1;
      child[4 * c + 1] = -1;
      child[4 * c + 2] = -1;
      child[4 * c + 3] = -1;
      cx0[c] = x0;
      cy0[c] = y0;
      size[c] = s;
      return c;
    }

    function quadrant(c, bx, by) {
      const half = size[c] / 2;
      return (bx >= cx0[c] + half ? 1 : 0) + (by >= cy0[c] + half ? 2 : 0);
    }

    function childOf(c, q) {
      let ch = child[4 * c + q];
      if (ch < 0) {
        const half = size[c] / 2;
        ch = newCell(cx0[c] + (q & 1) * half, cy0[c] + (q >> 1) * half, half);
        child[4 * c + q] = ch;
      }
      return ch;
    }

    function insert(i) {
      let c = 0;
      for (;;) {
        if (kind[c] === 0) {
          kind[c] = 1;
          head[c] = i;
          next[i] = -1;
          return;
        }
        if (kind[c] === 1) {
          const j = head[c];
          if ((px[j] === px[i] && py[j] === py[i]) || size[c] < minCell) {
            next[i] = head[c];
            head[c] = i;
            return;
          }
          // Split the leaf: its bodies (all at one spot) move to a child,
          // and the loop goes on inserting i into the now internal cell.
          kind[c] = 2;
          head[c] = -1;
          const cj = childOf(c, quadrant(c, px[j], py[j]));
          kind[cj] = 1;
          head[cj] = j;
          continue;
        }
        c = childOf(c, quadrant(c, px[i], py[i]));
      }
    }

    function build(x, y, bodies) {
      px = x;
      py = y;
      count = 0;
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let i = 0; i < bodies; i++) {
        if (x[i] < x0) x0 = x[i];
        if (y[i] < y0) y0 = y[i];
        if (x[i] > x1) x1 = x[i];
        if (y[i] > y1) y1 = y[i];
      }
      let s = Math.max(x1 - x0, y1 - y0);
      if (!(s > 0) || !isFinite(s)) s = 1;
      s *= 1.0001;
      minCell = s * 1e-9;
      newCell(isFinite(x0) ? x0 : 0, isFinite(y0) ? y0 : 0, s);
      for (let i = 0; i < bodies; i++) insert(i);
      // Children are created after their parents, so a backward sweep
      // sees every child before its parent.
      for (let c = count - 1; c >= 0; c--) {
        let m = 0;
        let sx = 0;
        let sy = 0;
        if (kind[c] === 1) {
          for (let j = head[c]; j >= 0; j = next[j]) {
            m++;
            sx += x[j];
            sy += y[j];
          }
        } else if (kind[c] === 2) {
          for (let q = 0; q < 4; q++) {
            const ch = child[4 * c + q];
            if (ch >= 0 && mass[ch] > 0) {
              m += mass[ch];
              sx += mx[ch] * mass[ch];
              sy += my[ch] * mass[ch];
            }
          }
        }
        mass[c] = m;
        mx[c] = m > 0 ? sx / m : 0;
        my[c] = m > 0 ? sy / m : 0;
      }
    }

    // Adds to (vx[i], vy[i]) the push of every other body, times k. Far
    // cells act as one body at their centre of mass; leaves are exact.
    function apply(i, vx, vy, k) {
      const xi = px[i];
      const yi = py[i];
      let fx = 0;
      let fy = 0;
      let sp = 0;
      if (count === 0) return;
      stack[sp++] = 0;
      while (sp > 0) {
        const c = stack[--sp];
        if (kind[c] === 2) {
          const dx = mx[c] - xi;
          const dy = my[c] - yi;
          let l = dx * dx + dy * dy;
          const w = size[c];
          if (w * w < THETA2 * l) {
            if (l < 1) l = Math.sqrt(l);
            const f = mass[c] / (l + (l * l) / REPULSION_RANGE2);
            fx += dx * f;
            fy += dy * f;
            continue;
          }
          for (let q = 0; q < 4; q++) {
            const ch = child[4 * c + q];
            if (ch >= 0 && kind[ch] !== 0 && sp < stack.length) stack[sp++] = ch;
          }
        } else if (kind[c] === 1) {
          for (let j = head[c]; j >= 0; j = next[j]) {
            if (j === i) continue;
            let dx = px[j] - xi;
            let dy = py[j] - yi;
            if (dx === 0 && dy === 0) {
              dx = (jitter() - 0.5) * 1e-3;
              dy = (jitter() - 0.5) * 1e-3;
            }
            let l = dx * dx + dy * dy;
            if (l < 1) l = Math.sqrt(l);
            const f = 1 / (l + (l * l) / REPULSION_RANGE2);
            fx += dx * f;
            fy += dy * f;
          }
        }
      }
      vx[i] += fx * k;
      vy[i] += fy * k;
    }

    return { build: build, apply: apply, cells: () => count };
  }

  // The force-directed layout, one iteration per `step`: springs along
  // edges, Barnes-Hut repulsion, a weak pull to the centre, and velocities
  // that cool down over the fixed iteration budget. Positions live in the
  // caller's x and y arrays, which the drawing reads directly.
  function createLayout(n, src, dst, degree, x, y) {
    const m = src.length;
    const vx = new Float64Array(n);
    const vy = new Float64Array(n);
    // Springs of hubs are weaker, and the lighter end moves more, so that a
    // hub is not dragged around by each of its many neighbours.
    const strength = new Float64Array(m);
    const bias = new Float64Array(m);
    for (let e = 0; e < m; e++) {
      const ds = Math.max(degree[src[e]], 1);
      const dt = Math.max(degree[dst[e]], 1);
      strength[e] = 1 / Math.min(ds, dt);
      bias[e] = ds / (ds + dt);
    }
    const tree = createQuadtree(n);
    const jitter = xorshift(11);
    const cooling = 1 - Math.pow(0.001, 1 / LAYOUT_ITERATIONS);
    let alpha = 1;
    let pinned = -1;
    let pinX = 0;
    let pinY = 0;

    function step() {
      alpha -= alpha * cooling;
      for (let e = 0; e < m; e++) {
        const s = src[e];
        const t = dst[e];
        if (s === t) continue;
        let dx = x[t] + vx[t] - x[s] - vx[s];
        let dy = y[t] + vy[t] - y[s] - vy[s];
        if (dx === 0 && dy === 0) {
          dx = (jitter() - 0.5) * 1e-3;
          dy = (jitter() - 0.5) * 1e-3;
        }
        const l = Math.sqrt(dx * dx + dy * dy);
        const f = ((l - LINK_DISTANCE) / l) * alpha * strength[e];
        dx *= f;
        dy *= f;
        const b = bias[e];
        vx[t] -= dx * b;
        vy[t] -= dy * b;
        vx[s] += dx * (1 - b);
        vy[s] += dy * (1 - b);
      }
      tree.build(x, y, n);
      const k = CHARGE * alpha;
      for (let i = 0; i < n; i++) tree.apply(i, vx, vy, k);
      const pull = GRAVITY * alpha;
      for (let i = 0; i < n; i++) {
        vx[i] -= x[i] * pull;
        vy[i] -= y[i] * pull;
      }
      for (let i = 0; i < n; i++) {
        if (i === pinned) {
          x[i] = pinX;
          y[i] = pinY;
          vx[i] = 0;
          vy[i] = 0;
          continue;
        }
        vx[i] *= VELOCITY_KEEP;
        vy[i] *= VELOCITY_KEEP;
        x[i] += vx[i];
        y[i] += vy[i];
      }
    }

    return {
      step: step,
      pin: function (i, px, py) {
        pinned = i;
        pinX = px;
        pinY = py;
      },
      unpin: function () {
        pinned = -1;
      },
    };
  }

  // Lowercased names, aliases and ids, computed once for the search box.
  function buildSearchIndex(nodes) {
    return nodes.map((nd) => ({
      name: String(nd.name || '').toLowerCase(),
      aliases: (Array.isArray(nd.aliases) ? nd.aliases : []).map((a) => String(a).toLowerCase()),
      id: String(nd.id || '').toLowerCase(),
    }));
  }

  // Nodes whose name, alias or id contains the query (case-insensitive):
  // exact names first, then prefixes, then other matches, each by degree.
  function searchNodes(index, degree, query, limit) {
    const q = String(query).trim().toLowerCase();
    if (q === '') return [];
    const scored = [];
    for (let i = 0; i < index.length; i++) {
      const it = index[i];
      let score;
      if (it.name === q) score = 0;
      else if (it.name.startsWith(q) || it.aliases.includes(q)) score = 1;
      else if (it.name.includes(q)) score = 2;
      else if (it.aliases.some((a) => a.includes(q))) score = 3;
      else if (it.id.includes(q)) score = 4;
      else continue;
      scored.push([score, i]);
    }
    scored.sort((a, b) => a[0] - b[0] || degree[b[1]] - degree[a[1]] || a[1] - b[1]);
    return scored.slice(0, limit).map((s) => s[1]);
  }

  // The graph as the page works with it: the parsed data plus typed arrays
  // for the hot loops. Edges that name a node outside the data are dropped
  // rather than trusted.
  function prepareGraph(data) {
    const nodes = Array.isArray(data.nodes) ? data.nodes : [];
    const n = nodes.length;
    const inRange = (v) => Number.isInteger(v) && v >= 0 && v < n;
    const edges = (Array.isArray(data.edges) ? data.edges : []).filter((e) => e && inRange(e.source) && inRange(e.target));
    const m = edges.length;
    const src = new Int32Array(m);
    const dst = new Int32Array(m);
    const degree = new Int32Array(n);
    for (let e = 0; e < m; e++) {
      src[e] = edges[e].source;
      dst[e] = edges[e].target;
      degree[src[e]]++;
      degree[dst[e]]++;
    }
    // Maps, not plain objects, so that a name like "constructor" or
    // "__proto__" in the data cannot reach an inherited property.
    const types = Array.isArray(data.types) && data.types.length ? data.types : [{ type: 'OTHER', shape: 'ellipse', color: '#f5f5dc' }];
    const typeIndex = new Map(types.map((t, i) => [t.type, i]));
    const fallbackType = typeIndex.has('OTHER') ? typeIndex.get('OTHER') : types.length - 1;
    const quads = Array.isArray(data.quads) && data.quads.length ? data.quads : [{ quad: 'state', color: '#777777', categories: [] }];
    const quadIndex = new Map(quads.map((q, i) => [q.quad, i]));
    const fallbackQuad = quadIndex.has('state') ? quadIndex.get('state') : quads.length - 1;

    const typeOf = new Uint8Array(n);
    const byType = types.map(() => []);
    for (let i = 0; i < n; i++) {
      const t = typeIndex.has(nodes[i].type) ? typeIndex.get(nodes[i].type) : fallbackType;
      typeOf[i] = t;
      byType[t].push(i);
    }
    const quadOf = new Uint8Array(m);
    const style = new Uint8Array(m); // 0 solid, 1 dashed (not asserted), 2 dotted (only negated)
    const widthBucket = new Uint8Array(m); // half pixels
    for (let e = 0; e < m; e++) {
      const ed = edges[e];
      quadOf[e] = quadIndex.has(ed.quad) ? quadIndex.get(ed.quad) : fallbackQuad;
      style[e] = ed.negated ? 2 : ed.hedged ? 1 : 0;
      widthBucket[e] = Math.round(edgeWidth(ed.documents) * 2);
    }
    const radius = new Float64Array(n);
    for (let i = 0; i < n; i++) radius[i] = Math.min(4 + 1.5 * Math.sqrt(degree[i]), 26);
    const byDegree = [];
    for (let i = 0; i < n; i++) byDegree.push(i);
    byDegree.sort((a, b) => degree[b] - degree[a] || a - b);
    const adj = buildAdjacency(n, src, dst);
    const docs = new Map();
    if (data.docs && typeof data.docs === 'object') {
      for (const id of Object.keys(data.docs)) docs.set(id, data.docs[id]);
    }
    return {
      nodes: nodes,
      edges: edges,
      n: n,
      m: m,
      src: src,
      dst: dst,
      degree: degree,
      radius: radius,
      byDegree: byDegree,
      types: types,
      quads: quads,
      typeOf: typeOf,
      byType: byType,
      quadOf: quadOf,
      style: style,
      widthBucket: widthBucket,
      adjStart: adj.start,
      adjList: adj.list,
      docs: docs,
      edgePass: new Uint8Array(m),
      edgeVisible: new Uint8Array(m),
      nodeVisible: new Uint8Array(n),
      neighbour: new Uint8Array(n),
    };
  }

  // Applies the filters (f.categories: Set of enabled categories,
  // f.showNegated, f.from / f.to: date bounds or null) and the focus set
  // (Uint8Array or null). edgePass says whether an edge passes the filters
  // alone, edgeVisible whether it is drawn. A node is drawn when one of its
  // edges is, when it is selected, or when it has no edge at all (and is in
  // the focus, if any): filters hide the nodes they leave without edges.
  function computeVisibility(g, f, focus, selected) {
    let edgesShown = 0;
    let nodesShown = 0;
    g.nodeVisible.fill(0);
    for (let e = 0; e < g.m; e++) {
      const ed = g.edges[e];
      const pass = f.categories.has(ed.category) && (f.showNegated || !ed.negated) && edgeInRange(ed.first_date, ed.last_date, f.from, f.to);
      g.edgePass[e] = pass ? 1 : 0;
      const shown = pass && (!focus || (focus[g.src[e]] === 1 && focus[g.dst[e]] === 1));
      g.edgeVisible[e] = shown ? 1 : 0;
      if (shown) {
        edgesShown++;
        g.nodeVisible[g.src[e]] = 1;
        g.nodeVisible[g.dst[e]] = 1;
      }
    }
    for (let i = 0; i < g.n; i++) {
      if (!g.nodeVisible[i] && (i === selected || (g.degree[i] === 0 && (!focus || focus[i] === 1)))) g.nodeVisible[i] = 1;
      if (g.nodeVisible[i]) nodesShown++;
    }
    g.neighbour.fill(0);
    if (selected >= 0 && selected < g.n) {
      for (let j = g.adjStart[selected]; j < g.adjStart[selected + 1]; j++) {
        const e = g.adjList[j];
        if (g.edgeVisible[e]) {
          g.neighbour[g.src[e]] = 1;
          g.neighbour[g.dst[e]] = 1;
        }
      }
    }
    return { nodes: nodesShown, edges: edgesShown };
  }

  // The focus set grown by one hop along edges that pass the filters.
  function expandFocus(g, focus) {
    const grown = focus.slice();
    for (let e = 0; e < g.m; e++) {
      if (g.edgePass[e] && (focus[g.src[e]] === 1 || focus[g.dst[e]] === 1)) {
        grown[g.src[e]] = 1;
        grown[g.dst[e]] = 1;
      }
    }
    return grown;
  }

  // Incident edges of a node that pass the filters, once each (a self-loop
  // is listed twice in the adjacency), most documented first.
  function relationsOf(g, i) {
    const out = [];
    let hidden = 0;
    let last = -1;
    for (let j = g.adjStart[i]; j < g.adjStart[i + 1]; j++) {
      const e = g.adjList[j];
      if (e === last) continue;
      last = e;
      if (g.edgePass[e]) out.push(e);
      else hidden++;
    }
    out.sort((a, b) => {
      const ea = g.edges[a];
      const eb = g.edges[b];
      return (
        (eb.documents || 0) - (ea.documents || 0) ||
        String(eb.last_date || '').localeCompare(String(ea.last_date || '')) ||
        String(ea.predicate).localeCompare(String(eb.predicate)) ||
        a - b
      );
    });
    return { shown: out, hidden: hidden };
  }

  // ------------------------------------------------------------ drawing shapes

  function tracePath(ctx, shape, x, y, r) {
    const pts = SHAPES[shape];
    if (!pts) {
      ctx.moveTo(x + 1.25 * r, y);
      ctx.ellipse(x, y, 1.25 * r, 0.9 * r, 0, 0, 2 * Math.PI);
      return;
    }
    ctx.moveTo(x + pts[0] * r, y + pts[1] * r);
    for (let k = 2; k < pts.length; k += 2) ctx.lineTo(x + pts[k] * r, y + pts[k + 1] * r);
    ctx.closePath();
  }

  // ------------------------------------------------------------ the page

  function need(id) {
    const found = document.getElementById(id);
    if (!found) throw new Error('the page has no element #' + id);
    return found;
  }

  // The one way this script puts data into the document: textContent sets
  // plain text and never parses markup, whatever the string holds.
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function button(label, onClick, className) {
    const b = el('button', className || null, label);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function nextFrame(fn) {
    if (typeof window.requestAnimationFrame === 'function') window.requestAnimationFrame(fn);
    else setTimeout(fn, 16);
  }

  function start(status) {
    const data = JSON.parse(need('geokg-data').textContent);
    const g = prepareGraph(data);
    const n = g.n;
    const m = g.m;
    const canvas = need('canvas');
    const stage = need('stage');
    const tooltip = need('tooltip');
    const panel = need('panel-body');
    const progress = need('layout-progress');
    const searchBox = need('search');
    const searchList = need('search-results');
    const focusInfo = need('focus-info');
    const expandButton = need('expand');
    const showAllButton = need('show-all');
    const negatedBox = need('show-negated');
    const fromBox = need('date-from');
    const toBox = need('date-to');
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');

    const x = new Float64Array(n);
    const y = new Float64Array(n);
    initialPlacement(n, g.degree, g.adjStart, g.adjList, g.src, g.dst, x, y);
    const layout = createLayout(n, g.src, g.dst, g.degree, x, y);
    let layoutIter = 0;

    const allCategories = [];
    for (const e of g.edges) if (!allCategories.includes(e.category)) allCategories.push(e.category);
    const filters = { categories: new Set(allCategories), showNegated: true, from: null, to: null };
    let focus = null;
    let focusRoot = -1;
    let selected = -1;
    let hover = -1;
    let searchHits = [];
    let shown = { nodes: 0, edges: 0 };
    const reported = { nodes: -1, edges: -1 };

    let dpr = 1;
    let cssW = 800;
    let cssH = 600;
    const view = { scale: 1, tx: 0, ty: 0 };
    // The view follows the layout as it spreads until the user moves it.
    let autoFit = true;
    let drawPending = false;

    const searchIndex = buildSearchIndex(g.nodes);
    const labelText = new Array(n);
    const labelWidth = new Float64Array(n).fill(-1);
    const labelled = new Uint32Array(n);
    let labelStamp = 0;
    let grid = new Uint8Array(0);
    let gridCols = 0;
    let gridRows = 0;

    // -------------------------------------------------------- geometry

    function resize() {
      dpr = window.devicePixelRatio || 1;
      cssW = stage.clientWidth || 800;
      cssH = stage.clientHeight || 600;
      canvas.width = Math.max(1, Math.round(cssW * dpr));
      canvas.height = Math.max(1, Math.round(cssH * dpr));
      canvas.style.width = cssW + 'px';
      canvas.style.height = cssH + 'px';
    }

    function drawRadius(i) {
      return Math.max(g.radius[i], 1.5 / view.scale);
    }

    function fitView() {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let i = 0; i < n; i++) {
        if (!g.nodeVisible[i]) continue;
        const r = g.radius[i] * 1.3;
        x0 = Math.min(x0, x[i] - r);
        y0 = Math.min(y0, y[i] - r);
        x1 = Math.max(x1, x[i] + r);
        y1 = Math.max(y1, y[i] + r + LABEL_HEIGHT);
      }
      if (!isFinite(x0)) {
        view.scale = 1;
        view.tx = cssW / 2;
        view.ty = cssH / 2;
        return;
      }
      const margin = 24;
      const s = Math.min((cssW - 2 * margin) / Math.max(x1 - x0, 1), (cssH - 2 * margin) / Math.max(y1 - y0, 1));
      view.scale = Math.min(Math.max(s, MIN_SCALE), 2);
      view.tx = cssW / 2 - ((x0 + x1) / 2) * view.scale;
      view.ty = cssH / 2 - ((y0 + y1) / 2) * view.scale;
    }

    function centreOn(i) {
      view.scale = Math.max(view.scale, 1);
      view.tx = cssW / 2 - x[i] * view.scale;
      view.ty = cssH / 2 - y[i] * view.scale;
    }

    function zoomAt(sx, sy, factor) {
      const s = Math.min(Math.max(view.scale * factor, MIN_SCALE), MAX_SCALE);
      const f = s / view.scale;
      view.tx = sx - (sx - view.tx) * f;
      view.ty = sy - (sy - view.ty) * f;
      view.scale = s;
    }

    function local(ev) {
      const rect = canvas.getBoundingClientRect();
      return { x: ev.clientX - rect.left, y: ev.clientY - rect.top };
    }

    // The drawn node under a point of the canvas, or -1 (the nearest centre
    // wins where shapes overlap). A plain scan is fast enough for a click or
    // a mouse move even with thousands of nodes.
    function nodeAt(sx, sy) {
      const wx = (sx - view.tx) / view.scale;
      const wy = (sy - view.ty) / view.scale;
      const slack = 3 / view.scale;
      let best = -1;
      let bestD = Infinity;
      for (let i = 0; i < n; i++) {
        if (!g.nodeVisible[i]) continue;
        const dx = x[i] - wx;
        const dy = y[i] - wy;
        const d2 = dx * dx + dy * dy;
        const r = drawRadius(i) * 1.2 + slack;
        if (d2 <= r * r && d2 <= bestD) {
          best = i;
          bestD = d2;
        }
      }
      return best;
    }

    // -------------------------------------------------------- drawing

    function requestDraw() {
      if (drawPending) return;
      drawPending = true;
      nextFrame(() => {
        drawPending = false;
        draw();
      });
    }

    function draw() {
      const sc = view.scale;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.globalAlpha = 1;
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.setTransform(sc * dpr, 0, 0, sc * dpr, view.tx * dpr, view.ty * dpr);
      const pad = 40 + 20 / sc;
      const box = {
        x0: -view.tx / sc - pad,
        y0: -view.ty / sc - pad,
        x1: (cssW - view.tx) / sc + pad,
        y1: (cssH - view.ty) / sc + pad,
      };
      const fading = selected >= 0;
      drawEdges(sc, box, fading);
      drawNodes(sc, box, fading);
      drawLabels(sc, fading);
      report();
    }

    function drawEdges(sc, box, fading) {
      // One path per look (highlight, quad colour, dash, width): a few
      // dozen strokes per frame instead of one per edge.
      const buckets = new Map();
      let onScreen = 0;
      for (let e = 0; e < m; e++) {
        if (!g.edgeVisible[e]) continue;
        const s = g.src[e];
        const t = g.dst[e];
        if (Math.max(x[s], x[t]) < box.x0 || Math.min(x[s], x[t]) > box.x1 || Math.max(y[s], y[t]) < box.y0 || Math.min(y[s], y[t]) > box.y1) {
          continue;
        }
        onScreen++;
        const hi = !fading || s === selected || t === selected ? 1 : 0;
        const key = hi * 100000 + g.quadOf[e] * 1000 + g.style[e] * 100 + g.widthBucket[e];
        let list = buckets.get(key);
        if (!list) {
          list = [];
          buckets.set(key, list);
        }
        list.push(e);
      }
      const arrows = sc >= ARROW_MIN_SCALE && onScreen <= ARROW_MAX_EDGES;
      const keys = Array.from(buckets.keys()).sort((a, b) => a - b);
      for (const key of keys) {
        const list = buckets.get(key);
        const hi = Math.floor(key / 100000);
        const q = Math.floor(key / 1000) % 100;
        const st = Math.floor(key / 100) % 10;
        const wb = key % 100;
        const color = g.quads[q].color;
        ctx.globalAlpha = fading ? (hi ? 0.95 : 0.1) : 0.6;
        ctx.strokeStyle = color;
        ctx.lineWidth = (wb / 2 + (fading && hi ? 0.5 : 0)) / sc;
        ctx.setLineDash(st === 1 ? [6 / sc, 4 / sc] : st === 2 ? [1.5 / sc, 3 / sc] : NO_DASH);
        ctx.beginPath();
        for (const e of list) {
          const s = g.src[e];
          const t = g.dst[e];
          if (s === t) {
            const r = drawRadius(s);
            ctx.moveTo(x[s] + r, y[s] - r);
            ctx.arc(x[s], y[s] - r, r, 0, 2 * Math.PI);
          } else {
            ctx.moveTo(x[s], y[s]);
            ctx.lineTo(x[t], y[t]);
          }
        }
        ctx.stroke();
        if (arrows && hi) {
          ctx.setLineDash(NO_DASH);
          ctx.fillStyle = color;
          ctx.beginPath();
          const size = (7 + wb / 2) / sc;
          for (const e of list) {
            if (g.edges[e].symmetric) continue;
            const s = g.src[e];
            const t = g.dst[e];
            const dx = x[t] - x[s];
            const dy = y[t] - y[s];
            const len = Math.sqrt(dx * dx + dy * dy);
            const rt = drawRadius(t) * 1.15 + 1 / sc;
            if (s === t || len < rt + size) continue;
            const ux = dx / len;
            const uy = dy / len;
            const tipX = x[t] - ux * rt;
            const tipY = y[t] - uy * rt;
            const bx = tipX - ux * size;
            const by = tipY - uy * size;
            const h = size * 0.45;
            ctx.moveTo(tipX, tipY);
            ctx.lineTo(bx - uy * h, by + ux * h);
            ctx.lineTo(bx + uy * h, by - ux * h);
            ctx.closePath();
          }
          ctx.fill();
        }
      }
      ctx.setLineDash(NO_DASH);
    }

    function drawNodes(sc, box, fading) {
      ctx.lineWidth = 1 / sc;
      ctx.strokeStyle = '#555555';
      // Faded nodes first, so that the selection and its neighbours are
      // drawn on top of them.
      for (let pass = fading ? 0 : 1; pass < 2; pass++) {
        ctx.globalAlpha = pass === 0 ? 0.25 : 1;
        for (let ti = 0; ti < g.types.length; ti++) {
          const shape = g.types[ti].shape;
          let any = false;
          ctx.beginPath();
          for (const i of g.byType[ti]) {
            if (!g.nodeVisible[i]) continue;
            const lit = !fading || i === selected || g.neighbour[i] === 1;
            if ((pass === 1) !== lit) continue;
            if (x[i] < box.x0 || x[i] > box.x1 || y[i] < box.y0 || y[i] > box.y1) continue;
            tracePath(ctx, shape, x[i], y[i], drawRadius(i));
            any = true;
          }
          if (any) {
            ctx.fillStyle = g.types[ti].color;
            ctx.fill();
            ctx.stroke();
          }
        }
      }
      ctx.globalAlpha = 1;
      const ring = (i, width, color) => {
        if (i < 0 || !g.nodeVisible[i]) return;
        ctx.beginPath();
        tracePath(ctx, g.types[g.typeOf[i]].shape, x[i], y[i], drawRadius(i));
        ctx.lineWidth = width / sc;
        ctx.strokeStyle = color;
        ctx.stroke();
      };
      for (const i of searchHits) ring(i, 2, '#e08e0b');
      ring(hover, 2, '#1f5fa8');
      ring(selected, 3, '#111111');
    }

    function labelFor(i) {
      if (labelText[i] === undefined) {
        const name = String(g.nodes[i].name || g.nodes[i].id || '');
        labelText[i] = name.length > LABEL_MAX_CHARS ? name.slice(0, LABEL_MAX_CHARS - 1) + '\u2026' : name;
      }
      return labelText[i];
    }

    // Labels are drawn in screen pixels over a coarse occupancy grid: a
    // label that would overlap one already drawn is skipped, unless it
    // belongs to the selection, the pointer or a search hit.
    function drawLabels(sc, fading) {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.globalAlpha = 1;
      ctx.font = LABEL_FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.lineJoin = 'round';
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
      ctx.fillStyle = '#1a1a1a';
      const cols = Math.ceil(cssW / LABEL_CELL) + 1;
      const rows = Math.ceil(cssH / LABEL_CELL) + 1;
      if (cols * rows > grid.length) grid = new Uint8Array(cols * rows);
      else grid.fill(0);
      gridCols = cols;
      gridRows = rows;
      labelStamp++;
      let count = 0;

      const cells = (a, b, c, d, mark) => {
        const c0 = Math.max(0, Math.floor(a / LABEL_CELL));
        const c1 = Math.min(gridCols - 1, Math.floor(c / LABEL_CELL));
        const r0 = Math.max(0, Math.floor(b / LABEL_CELL));
        const r1 = Math.min(gridRows - 1, Math.floor(d / LABEL_CELL));
        for (let r = r0; r <= r1; r++) {
          for (let c2 = c0; c2 <= c1; c2++) {
            if (mark) grid[r * gridCols + c2] = 1;
            else if (grid[r * gridCols + c2]) return true;
          }
        }
        return false;
      };

      // In a small view every node keeps its label: below the node, else
      // above it when that is free, else below it all the same.
      let visible = 0;
      for (let i = 0; i < n; i++) if (g.nodeVisible[i]) visible++;
      const everyLabel = visible <= LABEL_ALL_NODES;

      const put = (i, force) => {
        if (i < 0 || !g.nodeVisible[i] || labelled[i] === labelStamp) return;
        const cx = x[i] * sc + view.tx;
        const below = (y[i] + drawRadius(i)) * sc + view.ty + 2;
        const above = (y[i] - drawRadius(i)) * sc + view.ty - 2 - LABEL_HEIGHT;
        if (cx < -200 || cx > cssW + 200 || below < -LABEL_HEIGHT || above > cssH) return;
        const text = labelFor(i);
        if (labelWidth[i] < 0) labelWidth[i] = ctx.measureText(text).width;
        const half = labelWidth[i] / 2 + 2;
        // Kept inside the canvas: a label is never cut at its edge.
        const sx = Math.min(Math.max(cx, half), Math.max(half, cssW - half));
        const inside = (v) => Math.min(Math.max(v, 0), Math.max(0, cssH - LABEL_HEIGHT));
        let sy = inside(below);
        if (!force && cells(sx - half, sy, sx + half, sy + LABEL_HEIGHT, false)) {
          const up = inside(above);
          if (!cells(sx - half, up, sx + half, up + LABEL_HEIGHT, false)) sy = up;
          else if (!everyLabel) return;
        }
        cells(sx - half, sy, sx + half, sy + LABEL_HEIGHT, true);
        ctx.strokeText(text, sx, sy);
        ctx.fillText(text, sx, sy);
        labelled[i] = labelStamp;
        count++;
      };

      put(selected, true);
      put(hover, true);
      for (const i of searchHits) put(i, true);
      let rank = 0;
      for (const i of g.byDegree) {
        if (count >= LABEL_MAX) break;
        if (!g.nodeVisible[i]) continue;
        rank++;
        if (fading && i !== selected && !g.neighbour[i]) continue;
        if (everyLabel || rank <= LABEL_TOP || (fading && g.neighbour[i]) || g.radius[i] * sc >= LABEL_MIN_SCREEN_RADIUS) put(i, false);
      }
    }

    // The status line a headless browser test reads after the first frame.
    function report() {
      if (shown.nodes === reported.nodes && shown.edges === reported.edges) return;
      reported.nodes = shown.nodes;
      reported.edges = shown.edges;
      status.textContent = 'drawn ' + shown.nodes + ' nodes, ' + shown.edges + ' edges';
      status.setAttribute('data-nodes', String(shown.nodes));
      status.setAttribute('data-edges', String(shown.edges));
      status.setAttribute('data-ready', '1');
    }

    // -------------------------------------------------------- layout loop

    function layoutChunk() {
      const t0 = performance.now();
      while (layoutIter < LAYOUT_ITERATIONS) {
        layout.step();
        layoutIter++;
        if (performance.now() - t0 > LAYOUT_SLICE_MS) break;
      }
      if (autoFit) fitView();
      progress.textContent = layoutIter < LAYOUT_ITERATIONS ? 'layout ' + Math.round((100 * layoutIter) / LAYOUT_ITERATIONS) + '%' : '';
      draw();
      if (layoutIter < LAYOUT_ITERATIONS) nextFrame(layoutChunk);
    }

    // -------------------------------------------------------- state changes

    function refresh() {
      shown = computeVisibility(g, filters, focus, selected);
      renderPanel();
      renderFocusInfo();
      requestDraw();
    }

    function select(i, centre) {
      if (i >= 0 && focus && focus[i] !== 1) {
        // A search result outside the focus: leave focus mode so that the
        // chosen node shows with its relations.
        focus = null;
        focusRoot = -1;
      }
      selected = i;
      refresh();
      if (i >= 0 && centre) {
        autoFit = false;
        centreOn(i);
      }
    }

    function focusOn(i) {
      computeVisibility(g, filters, null, i);
      const seed = new Uint8Array(n);
      seed[i] = 1;
      focus = expandFocus(g, seed);
      focusRoot = i;
      selected = i;
      autoFit = false;
      refresh();
      fitView();
    }

    function expandOnce() {
      if (!focus) return;
      focus = expandFocus(g, focus);
      refresh();
      fitView();
    }

    function showAll() {
      focus = null;
      focusRoot = -1;
      refresh();
      fitView();
    }

    function renderFocusInfo() {
      expandButton.disabled = !focus;
      showAllButton.disabled = !focus;
      if (focus && focusRoot >= 0) {
        focusInfo.textContent = 'Showing the neighbourhood of ' + String(g.nodes[focusRoot].name) + ' (' + plural(shown.nodes, 'node', 'nodes') + ').';
      } else {
        focusInfo.textContent = '';
      }
    }

    // -------------------------------------------------------- side panel

    function endpoint(i) {
      const name = String(g.nodes[i].name);
      if (i === selected) return el('strong', null, name);
      return button(name, () => select(i, true), 'link');
    }

    function dateRange(ed) {
      if (!ed.first_date && !ed.last_date) return 'undated';
      if (ed.first_date === ed.last_date || !ed.last_date) return String(ed.first_date);
      if (!ed.first_date) return String(ed.last_date);
      return ed.first_date + ' to ' + ed.last_date;
    }

    function evidenceItem(ev) {
      const li = el('li', ev.negated ? 'evidence negated' : 'evidence');
      li.appendChild(el('blockquote', null, ev.text));
      const parts = [];
      let where = String(ev.doc) + '#' + String(ev.sentence);
      // hasOwn-style lookup through a Map: document ids are data too.
      const doc = g.docs.get(String(ev.doc));
      if (doc && doc.title) where += ' \u201c' + String(doc.title) + '\u201d';
      if (doc && doc.source) where += ' (' + String(doc.source) + ')';
      parts.push(where);
      parts.push(ev.date ? String(ev.date) : 'undated');
      parts.push(String(ev.modality));
      if (ev.negated) parts.push('negated');
      if (ev.attribution) parts.push('according to ' + String(ev.attribution_name || ev.attribution));
      li.appendChild(el('div', 'ev-meta', parts.join(' \u00b7 ')));
      return li;
    }

    function relationItem(e, openNow) {
      const ed = g.edges[e];
      const li = el('li', 'relation');
      const head = el('div', 'rel-head');
      head.appendChild(endpoint(g.src[e]));
      head.appendChild(el('span', 'predicate', ed.symmetric ? ' \u2014 ' + ed.predicate + ' \u2014 ' : ' \u2014 ' + ed.predicate + ' \u2192 '));
      head.appendChild(endpoint(g.dst[e]));
      li.appendChild(head);

      const meta = el('div', 'rel-meta');
      const sw = el('span', 'swatch');
      sw.style.backgroundColor = g.quads[g.quadOf[e]].color;
      meta.appendChild(sw);
      const facts = [String(ed.category), quadLabel(ed.quad), plural(ed.documents || 0, 'document', 'documents'), dateRange(ed)];
      if (ed.symmetric) facts.push('symmetric');
      if (ed.negated) facts.push('only negated');
      else if (ed.hedged) facts.push('not asserted');
      meta.appendChild(document.createTextNode(facts.join(' \u00b7 ')));
      li.appendChild(meta);

      const evidence = Array.isArray(ed.evidence) ? ed.evidence : [];
      const more = ed.more_evidence || 0;
      const details = el('details', 'rel-evidence');
      details.appendChild(el('summary', null, plural(evidence.length + more, 'statement', 'statements')));
      let filled = false;
      // Evidence lists are built when first opened: a hub can have
      // thousands of sentences that nobody reads.
      const fill = () => {
        if (filled) return;
        filled = true;
        const ul = el('ul', 'evidence-list');
        for (const ev of evidence) ul.appendChild(evidenceItem(ev));
        details.appendChild(ul);
        if (more > 0) details.appendChild(el('p', 'more', plural(more, 'more statement is', 'more statements are') + ' in the graph file but not in this page.'));
      };
      details.addEventListener('toggle', () => {
        if (details.open) fill();
      });
      if (openNow) {
        fill();
        details.open = true;
      }
      li.appendChild(details);
      return li;
    }

    function renderPanel() {
      clear(panel);
      if (selected < 0) {
        panel.appendChild(el('p', 'hint', 'Click a node to list its relations and their evidence. Double-click a node to show only it and its neighbours. Drag the background to pan, a node to move it; the wheel zooms.'));
        return;
      }
      const nd = g.nodes[selected];
      panel.appendChild(el('h2', null, nd.name));
      panel.appendChild(el('p', 'entity-meta', String(nd.type).toLowerCase() + ' \u00b7 ' + String(nd.id)));
      const aliases = Array.isArray(nd.aliases) ? nd.aliases : [];
      if (aliases.length) panel.appendChild(el('p', 'aliases', 'Also: ' + aliases.join(', ')));
      const actions = el('div', 'buttons');
      actions.appendChild(button('Focus on neighbours', () => focusOn(selected)));
      actions.appendChild(
        button('Centre', () => {
          autoFit = false;
          centreOn(selected);
          requestDraw();
        })
      );
      actions.appendChild(button('Deselect', () => select(-1, false)));
      panel.appendChild(actions);

      const rel = relationsOf(g, selected);
      let line = plural(rel.shown.length, 'relation', 'relations');
      if (rel.hidden) line += ' (' + rel.hidden + ' more hidden by the filters)';
      panel.appendChild(el('p', 'rel-count', line));
      const ul = el('ul', 'relations');
      panel.appendChild(ul);
      const openAll = rel.shown.length <= PANEL_OPEN_MAX;
      let done = 0;
      const moreButton = button('', () => batch(), 'more-relations');
      const batch = () => {
        const end = Math.min(done + PANEL_BATCH, rel.shown.length);
        for (; done < end; done++) ul.appendChild(relationItem(rel.shown[done], openAll));
        const left = rel.shown.length - done;
        if (left > 0) {
          moreButton.textContent = left <= PANEL_BATCH ? 'Show the other ' + left : 'Show ' + PANEL_BATCH + ' more (' + left + ' left)';
          panel.appendChild(moreButton);
        } else if (moreButton.parentNode) {
          moreButton.parentNode.removeChild(moreButton);
        }
      };
      batch();
    }

    // -------------------------------------------------------- controls

    function buildFilters() {
      const box = need('category-filters');
      const counts = new Map();
      for (const e of g.edges) counts.set(e.category, (counts.get(e.category) || 0) + 1);
      for (let qi = 0; qi < g.quads.length; qi++) {
        const quad = g.quads[qi];
        const cats = (Array.isArray(quad.categories) ? quad.categories : []).filter((c) => counts.has(c));
        if (!cats.length) continue;
        const group = el('div', 'quad-group');
        const qLabel = el('label', 'quad-label');
        const qBox = el('input');
        qBox.type = 'checkbox';
        qBox.checked = true;
        qLabel.appendChild(qBox);
        const sw = el('span', 'swatch');
        sw.style.backgroundColor = quad.color;
        qLabel.appendChild(sw);
        qLabel.appendChild(document.createTextNode(quadLabel(quad.quad)));
        group.appendChild(qLabel);
        const boxes = [];
        const list = el('div', 'categories');
        for (const c of cats) {
          const label = el('label', 'category');
          const cb = el('input');
          cb.type = 'checkbox';
          cb.checked = true;
          cb.addEventListener('change', () => {
            if (cb.checked) filters.categories.add(c);
            else filters.categories.delete(c);
            syncQuad();
            refresh();
          });
          label.appendChild(cb);
          label.appendChild(document.createTextNode(c + ' (' + counts.get(c) + ')'));
          list.appendChild(label);
          boxes.push([cb, c]);
        }
        const syncQuad = () => {
          const on = boxes.filter((b) => b[0].checked).length;
          qBox.checked = on === boxes.length;
          qBox.indeterminate = on > 0 && on < boxes.length;
        };
        qBox.addEventListener('change', () => {
          for (const b of boxes) {
            b[0].checked = qBox.checked;
            if (qBox.checked) filters.categories.add(b[1]);
            else filters.categories.delete(b[1]);
          }
          qBox.indeterminate = false;
          refresh();
        });
        group.appendChild(list);
        box.appendChild(group);
      }
      if (!box.firstChild) box.appendChild(el('p', 'hint', 'No relations in this view.'));

      // The negated filter only where there is something to filter.
      if (!g.edges.some((ed) => ed.negated)) {
        const row = negatedBox.closest('label');
        if (row) row.style.display = 'none';
      }
      // The date boxes start empty, with the data's own range as a pale
      // hint, so that they never look like a filter already set.
      let firstDate = null;
      let lastDate = null;
      for (const ed of g.edges) {
        for (const d of [ed.first_date, ed.last_date]) {
          if (!d) continue;
          const t = String(d);
          if (firstDate === null || t < firstDate) firstDate = t;
          if (lastDate === null || t > lastDate) lastDate = t;
        }
      }
      fromBox.value = '';
      toBox.value = '';
      fromBox.placeholder = 'any';
      toBox.placeholder = 'any';
      const datesRow = fromBox.closest('.dates');
      if (datesRow && firstDate !== null) {
        const hint = el('p', 'hint', 'dated ' + (firstDate === lastDate ? firstDate : firstDate + ' to ' + lastDate));
        datesRow.insertAdjacentElement('afterend', hint);
      }
      negatedBox.checked = true;
      negatedBox.addEventListener('change', () => {
        filters.showNegated = negatedBox.checked;
        refresh();
      });
      const dates = () => {
        const from = parseDateInput(fromBox.value, false);
        const to = parseDateInput(toBox.value, true);
        fromBox.classList.toggle('invalid', !from.ok);
        toBox.classList.toggle('invalid', !to.ok);
        filters.from = from.value;
        filters.to = to.value;
        refresh();
      };
      fromBox.addEventListener('input', dates);
      toBox.addEventListener('input', dates);
      need('reset-filters').addEventListener('click', () => {
        for (const input of box.querySelectorAll('input')) {
          input.checked = true;
          input.indeterminate = false;
        }
        filters.categories = new Set(allCategories);
        negatedBox.checked = true;
        filters.showNegated = true;
        fromBox.value = '';
        toBox.value = '';
        fromBox.classList.remove('invalid');
        toBox.classList.remove('invalid');
        filters.from = null;
        filters.to = null;
        refresh();
      });
    }

    function swatchCanvas(paint) {
      const c = el('canvas', 'legend-swatch');
      const w = 30;
      const h = 18;
      c.width = w * dpr;
      c.height = h * dpr;
      c.style.width = w + 'px';
      c.style.height = h + 'px';
      const cx = c.getContext('2d');
      if (cx) {
        cx.setTransform(dpr, 0, 0, dpr, 0, 0);
        paint(cx, w, h);
      }
      return c;
    }

    function legendRow(parent, swatch, text) {
      const row = el('div', 'legend-row');
      row.appendChild(swatch);
      row.appendChild(el('span', null, text));
      parent.appendChild(row);
    }

    function lineSwatch(color, dash, width, arrow) {
      return swatchCanvas((cx, w, h) => {
        cx.strokeStyle = color;
        cx.lineWidth = width;
        cx.setLineDash(dash);
        cx.beginPath();
        cx.moveTo(2, h / 2);
        cx.lineTo(arrow ? w - 8 : w - 2, h / 2);
        cx.stroke();
        if (arrow) {
          cx.fillStyle = color;
          cx.beginPath();
          cx.moveTo(w - 2, h / 2);
          cx.lineTo(w - 9, h / 2 - 4);
          cx.lineTo(w - 9, h / 2 + 4);
          cx.closePath();
          cx.fill();
        }
      });
    }

    function buildLegend() {
      const legend = need('legend');
      const present = new Set();
      for (let i = 0; i < n; i++) present.add(g.typeOf[i]);
      for (let ti = 0; ti < g.types.length; ti++) {
        if (n > 0 && !present.has(ti)) continue;
        const t = g.types[ti];
        const sw = swatchCanvas((cx, w, h) => {
          cx.beginPath();
          tracePath(cx, t.shape, w / 2, h / 2, 6.5);
          cx.fillStyle = t.color;
          cx.fill();
          cx.strokeStyle = '#555555';
          cx.lineWidth = 1;
          cx.stroke();
        });
        legendRow(legend, sw, String(t.type).toLowerCase());
      }
      for (const q of g.quads) legendRow(legend, lineSwatch(q.color, NO_DASH, 2, false), quadLabel(q.quad));
      legendRow(legend, lineSwatch('#555555', NO_DASH, 4, false), 'thicker: more documents');
      legendRow(legend, lineSwatch('#555555', [5, 3], 2, false), 'dashed: not asserted (reported, planned, requested or hypothetical)');
      legendRow(legend, lineSwatch('#555555', [1.5, 3], 2, false), 'dotted: only negated');
      legendRow(legend, lineSwatch('#555555', NO_DASH, 2, true), 'direction, when zoomed in (none for symmetric relations)');
    }

    function renderSearch() {
      clear(searchList);
      searchHits = searchNodes(searchIndex, g.degree, searchBox.value, SEARCH_MAX);
      for (const i of searchHits) {
        const li = el('li');
        const b = button('', () => choose(i), 'result');
        b.appendChild(el('span', 'result-name', g.nodes[i].name));
        b.appendChild(el('span', 'result-meta', String(g.nodes[i].type).toLowerCase() + ' \u00b7 ' + plural(g.degree[i], 'relation', 'relations')));
        li.appendChild(b);
        searchList.appendChild(li);
      }
      if (searchBox.value.trim() !== '' && !searchHits.length) searchList.appendChild(el('li', 'none', 'No match.'));
      requestDraw();
    }

    function choose(i) {
      select(i, true);
      requestDraw();
    }

    function bindSearch() {
      searchBox.addEventListener('input', renderSearch);
      searchBox.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' && searchHits.length) {
          ev.preventDefault();
          choose(searchHits[0]);
        } else if (ev.key === 'Escape') {
          searchBox.value = '';
          renderSearch();
        }
      });
    }

    function bindButtons() {
      need('fit').addEventListener('click', () => {
        autoFit = false;
        fitView();
        requestDraw();
      });
      expandButton.addEventListener('click', expandOnce);
      showAllButton.addEventListener('click', showAll);
    }

    // -------------------------------------------------------- pointer

    function bindPointer() {
      let press = null;

      canvas.addEventListener('pointerdown', (ev) => {
        if (ev.button !== 0) return;
        const p = local(ev);
        press = { id: ev.pointerId, x0: p.x, y0: p.y, x: p.x, y: p.y, node: nodeAt(p.x, p.y), moved: false };
        if (canvas.setPointerCapture) canvas.setPointerCapture(ev.pointerId);
        canvas.classList.add('dragging');
      });

      canvas.addEventListener('pointermove', (ev) => {
        const p = local(ev);
        if (press && press.id === ev.pointerId) {
          if (!press.moved && Math.abs(p.x - press.x0) + Math.abs(p.y - press.y0) < CLICK_SLOP) return;
          press.moved = true;
          autoFit = false;
          tooltip.hidden = true;
          if (press.node >= 0) {
            const wx = (p.x - view.tx) / view.scale;
            const wy = (p.y - view.ty) / view.scale;
            x[press.node] = wx;
            y[press.node] = wy;
            layout.pin(press.node, wx, wy);
          } else {
            view.tx += p.x - press.x;
            view.ty += p.y - press.y;
          }
          press.x = p.x;
          press.y = p.y;
          requestDraw();
          return;
        }
        const h = nodeAt(p.x, p.y);
        if (h !== hover) {
          hover = h;
          canvas.classList.toggle('over-node', h >= 0);
          requestDraw();
        }
        if (h >= 0) {
          const nd = g.nodes[h];
          tooltip.textContent = String(nd.name) + ' (' + String(nd.type).toLowerCase() + ', ' + plural(g.degree[h], 'relation', 'relations') + ')';
          tooltip.style.left = Math.min(p.x + 14, Math.max(cssW - 220, 0)) + 'px';
          tooltip.style.top = p.y + 14 + 'px';
          tooltip.hidden = false;
        } else {
          tooltip.hidden = true;
        }
      });

      const release = (ev) => {
        if (!press || press.id !== ev.pointerId) return;
        const click = !press.moved && ev.type === 'pointerup';
        const node = press.node;
        press = null;
        layout.unpin();
        canvas.classList.remove('dragging');
        if (click) select(node, false);
      };
      canvas.addEventListener('pointerup', release);
      canvas.addEventListener('pointercancel', release);

      canvas.addEventListener('pointerleave', () => {
        tooltip.hidden = true;
        if (hover >= 0) {
          hover = -1;
          requestDraw();
        }
      });

      canvas.addEventListener('dblclick', (ev) => {
        const p = local(ev);
        const hit = nodeAt(p.x, p.y);
        if (hit >= 0) focusOn(hit);
      });

      canvas.addEventListener(
        'wheel',
        (ev) => {
          ev.preventDefault();
          const unit = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? cssH : 1;
          const p = local(ev);
          autoFit = false;
          zoomAt(p.x, p.y, Math.exp(-ev.deltaY * unit * 0.0015));
          requestDraw();
        },
        { passive: false }
      );

      window.addEventListener('keydown', (ev) => {
        if (ev.key === 'Escape' && ev.target === document.body && selected >= 0) select(-1, false);
      });

      window.addEventListener('resize', () => {
        resize();
        if (autoFit) fitView();
        requestDraw();
      });
    }

    // -------------------------------------------------------- start

    resize();
    shown = computeVisibility(g, filters, focus, selected);
    fitView();
    // The first frame is drawn here, synchronously, so that the status line
    // is set before the load event (a headless browser's DOM dump sees it);
    // the layout then refines the picture in later frames.
    draw();
    buildFilters();
    buildLegend();
    bindSearch();
    bindButtons();
    bindPointer();
    renderPanel();
    renderFocusInfo();
    if (n > 0 && layoutIter < LAYOUT_ITERATIONS) nextFrame(layoutChunk);
  }

  function boot() {
    try {
      start(need('status'));
    } catch (err) {
      const status = document.getElementById('status');
      if (status) {
        status.textContent = 'error: ' + (err && err.message ? err.message : String(err));
        status.setAttribute('data-ready', '0');
        status.setAttribute('data-error', '1');
      }
      if (window.console) window.console.error(err);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
