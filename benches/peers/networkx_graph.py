"""The networkx peer of `cargo bench --bench pipeline -- graph`.

Builds the benchmark's generated graph (the same xorshift sequence as
`synthetic_graph` in benches/pipeline.rs, so the same triples over the same
entities), as a MultiDiGraph keyed by predicate with the evidence list on
each edge, and times what the Rust bench times: build and memory growth,
nx.compose of two graphs, the 2-hop entity set and 2-hop rows with evidence
from the same 1,000 start entities, and pickle save and load.

Run it in a throwaway virtual environment:

    python3 -m venv /tmp/nxvenv && /tmp/nxvenv/bin/pip install networkx
    /tmp/nxvenv/bin/python benches/peers/networkx_graph.py [TRIPLES ENTITIES]
"""

import os
import pickle
import sys
import tempfile
import time

import networkx as nx

PREDICATES = [
    ("met", "CONSULT", True),
    ("attacked", "ASSAULT", False),
    ("praised", "SUPPORT", False),
    ("sanctioned", "SANCTION", False),
    ("accused", "ACCUSE", False),
    ("ally-of", "ALLY_OF", True),
    ("freed", "RETREAT", False),
    ("urged", "REQUEST", False),
]
MASK = (1 << 64) - 1


def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def synthetic_graph(seed, triples, entities):
    x = seed

    def nxt(m):
        nonlocal x
        x ^= (x << 13) & MASK
        x ^= x >> 7
        x ^= (x << 17) & MASK
        return x % m

    g = nx.MultiDiGraph()
    for i in range(entities):
        g.add_node(f"person:p-{i}", name=f"Person {i}", type="PERSON")
    for i in range(triples):
        s, o = nxt(entities), nxt(entities)
        if s == o:
            continue
        p, c, sym = PREDICATES[nxt(len(PREDICATES))]
        date = f"2025-{1 + nxt(12):02}-{1 + nxt(28):02}"
        sid, oid = f"person:p-{s}", f"person:p-{o}"
        if sym and oid < sid:
            sid, oid = oid, sid
        ev = {
            "doc": f"d{i // 20}",
            "sentence": i % 20,
            "span": (0, 40),
            "text": f"Person {s} {p} Person {o}.",
            "date": date,
            "modality": "asserted",
            "negated": False,
            "rule": "verb-object",
        }
        if g.has_edge(sid, oid, key=p):
            g[sid][oid][p]["evidence"].append(ev)
        else:
            g.add_edge(sid, oid, key=p, category=c, symmetric=sym, evidence=[ev])
    return g


def reach(g, start, depth):
    seen = {start}
    frontier = [start]
    for _ in range(depth):
        nxt = []
        for n in frontier:
            for m in g.successors(n):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
            for m in g.predecessors(n):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        frontier = nxt
    seen.discard(start)
    return seen


def neighbors(g, start, depth):
    """Rows as geokg's neighbors builds them: each relation once, with its
    ends' names and its first statement, nearest first, then by count."""
    rows = []
    seen_nodes = {start}
    seen_edges = set()
    queue = [(start, 0)]
    names = g.nodes
    i = 0
    while i < len(queue):
        n, d = queue[i]
        i += 1
        if d >= depth:
            continue
        for s, o, k, a in list(g.out_edges(n, keys=True, data=True)) + list(g.in_edges(n, keys=True, data=True)):
            if (s, o, k) in seen_edges:
                continue
            seen_edges.add((s, o, k))
            ev = a["evidence"][0]
            rows.append(
                {
                    "depth": d + 1,
                    "subject": {"id": s, "name": names[s]["name"]},
                    "predicate": k,
                    "category": a["category"],
                    "object": {"id": o, "name": names[o]["name"]},
                    "count": len(a["evidence"]),
                    "evidence": ev,
                }
            )
            other = o if s == n else s
            if other not in seen_nodes:
                seen_nodes.add(other)
                queue.append((other, d + 1))
    rows.sort(key=lambda r: (r["depth"], -r["count"], r["subject"]["name"], r["predicate"], r["object"]["name"]))
    return rows


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    e = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
    before = rss_kb()
    t = time.perf_counter()
    a = synthetic_graph(7, n, e)
    build = time.perf_counter() - t
    grown = (rss_kb() - before) / 1024
    print(f"nx.build   {n} triples over {e} entities: {build:.2f} s, RSS +{grown:.0f} MB ({a.number_of_edges()} relations)", flush=True)

    b = synthetic_graph(11, n, e)
    t = time.perf_counter()
    m = nx.compose(a, b)
    print(f"nx.compose two such graphs: {time.perf_counter() - t:.2f} s ({m.number_of_edges()} relations)", flush=True)
    del m, b

    starts = [f"person:p-{i}" for i in range(0, e, 50)][:1000]
    t = time.perf_counter()
    reached = sum(len(reach(a, s, 2)) for s in starts)
    per = (time.perf_counter() - t) / len(starts) * 1e6
    print(f"nx.reach2  entities within 2 hops: {per:.1f} us per query ({reached / len(starts):.0f} entities per query)", flush=True)

    t = time.perf_counter()
    rows = sum(len(neighbors(a, s, 2)) for s in starts)
    per = (time.perf_counter() - t) / len(starts) * 1e6
    print(f"nx.2hop    neighbours, depth 2: {per:.1f} us per query ({rows / len(starts):.0f} rows per query)", flush=True)

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "g.pickle")
        t = time.perf_counter()
        with open(path, "wb") as f:
            pickle.dump(a, f, protocol=pickle.HIGHEST_PROTOCOL)
        save = time.perf_counter() - t
        size = os.path.getsize(path)
        t = time.perf_counter()
        with open(path, "rb") as f:
            loaded = pickle.load(f)
        load = time.perf_counter() - t
        print(f"nx.pickle  save {save:.2f} s, load {load:.2f} s, {size / 1e6:.0f} MB ({loaded.number_of_edges()} relations loaded)", flush=True)


if __name__ == "__main__":
    main()
