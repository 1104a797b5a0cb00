//! DOT text of a selection, built with graphviz-rust's syntax types. Every
//! id and label is quoted and escaped here: graphviz-rust escapes nothing.

use super::{countries, Selection, View};
use crate::graph::KnowledgeGraph;
use crate::model::{Category, EntityType, Modality, Quad};
use crate::terminal::truncate;
use graphviz_rust::dot_structures::{Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};

/// Escapes text for a double-quoted DOT string. Characters that XML
/// forbids (controls, U+FFFE, U+FFFF) are dropped here too, since the DOT
/// text becomes SVG: one of them makes the whole diagram ill-formed.
pub fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The longest label drawn on a node or edge, in characters. The full
/// text stays in the graph file, JSON outputs and the HTML panel.
pub const MAX_LABEL: usize = 120;
/// The longest tooltip (evidence sentences), in characters.
pub const MAX_TOOLTIP: usize = 600;
/// Graphviz refuses quoted strings over 16,384 bytes; ids longer than this
/// are shortened, with a hash that keeps them distinct.
const MAX_ID_BYTES: usize = 1024;

fn q(s: &str) -> Id {
    let id = crate::terminal::shorten_with_hash(s, MAX_ID_BYTES);
    Id::Escaped(format!("\"{}\"", dot_escape(&id)))
}

fn attr(k: &str, v: &str) -> Attribute {
    let max = match k {
        "tooltip" => MAX_TOOLTIP,
        "label" => MAX_LABEL,
        _ => MAX_TOOLTIP,
    };
    Attribute(Id::Plain(k.to_string()), q_text(&truncate(v, max)))
}

/// A quoted attribute value (never shortened by hashing: `attr` has cut it).
fn q_text(s: &str) -> Id {
    Id::Escaped(format!("\"{}\"", dot_escape(s)))
}

/// Shape and fill colour of an entity type.
pub fn node_style(kind: EntityType) -> (&'static str, &'static str) {
    match kind {
        EntityType::Person => ("ellipse", "#fde2b3"),
        EntityType::Country => ("box", "#b9d7f0"),
        EntityType::Organization => ("hexagon", "#cdeac0"),
        EntityType::Location => ("house", "#e6e6e6"),
        EntityType::Group => ("octagon", "#f3c6e0"),
        EntityType::Other => ("note", "#f5f5dc"),
    }
}

/// Edge colour by quad class: cooperation cool, conflict warm, state neutral.
pub fn edge_color(c: Category) -> &'static str {
    match c.quad() {
        Quad::VerbalCooperation => "#2b83ba",
        Quad::MaterialCooperation => "#1a9641",
        Quad::VerbalConflict => "#fdae61",
        Quad::MaterialConflict => "#d7191c",
        Quad::State => "#777777",
    }
}

/// The width of an edge stated in `corroboration` documents (syndicated
/// copies counted once): thicker with more reports, but slowly, so that a
/// much-reported relation does not hide its neighbours.
pub fn edge_width(corroboration: usize) -> f32 {
    1.0 + (corroboration.max(1) as f32).ln() * 1.5
}

/// Builds the DOT text of a view.
pub fn to_dot(g: &KnowledgeGraph, view: &View, sel: &Selection) -> String {
    let (nodes, edges) = (&sel.nodes, &sel.edges);
    let mut label = view.title.clone().unwrap_or_else(|| "geokg".into());
    if let Some(c) = sel.caption() {
        label = format!("{label}\n{c}");
    }
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("rankdir", "LR"),
            attr("fontname", "Helvetica"),
            attr("overlap", "false"),
            attr("splines", "true"),
            // The title with the caption under it: a longer limit than an
            // entity's label, so that the caption is not cut.
            Attribute(Id::Plain("label".into()), q_text(&truncate(&label, MAX_TOOLTIP))),
            attr("labelloc", "t"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("style", "filled"),
            attr("fontname", "Helvetica"),
            attr("fontsize", "11"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr("fontname", "Helvetica"), attr("fontsize", "9")])),
    ];
    // Persons and organisations inside their country's box.
    let home = if view.cluster_by_country {
        countries(g, sel)
    } else {
        BTreeMap::new()
    };
    let mut boxes: BTreeMap<NodeIndex, Vec<Stmt>> = BTreeMap::new();
    for &n in nodes {
        let e = g.entity(n);
        let (shape, fill) = node_style(e.kind);
        let mut attrs = vec![
            attr("label", &e.name),
            attr("shape", shape),
            attr("fillcolor", fill),
            attr("tooltip", &format!("{} ({})", e.name, e.kind)),
        ];
        if Some(n) == view.focus {
            attrs.push(attr("penwidth", "2.5"));
        }
        let node = Stmt::Node(Node::new(NodeId(q(&e.id), None), attrs));
        match home.get(&n) {
            Some(&c) => boxes.entry(c).or_default().push(node),
            None => stmts.push(node),
        }
    }
    for (c, members) in boxes {
        let country = g.entity(c);
        let mut inner = vec![Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", &country.name),
            attr("style", "rounded,dashed"),
            attr("color", "#6b8fb3"),
            attr("fontcolor", "#6b8fb3"),
        ]))];
        inner.extend(members);
        stmts.push(Stmt::Subgraph(Subgraph {
            id: q(&format!("cluster_{}", country.id)),
            stmts: inner,
        }));
    }
    for &ei in edges {
        let r = &g.graph[ei];
        // Width by corroboration: syndicated copies do not thicken an edge.
        let docs = r.corroboration.max(1);
        // A role the text says has ended is drawn as such, never as current.
        let former = if r.term.former { "former " } else { "" };
        let label = if r.evidence.len() > 1 {
            format!("{former}{} ({})", r.predicate, r.evidence.len())
        } else {
            format!("{former}{}", r.predicate)
        };
        let hedged = is_hedged(r);
        let mut attrs = vec![
            attr("label", &label),
            attr("color", edge_color(r.category)),
            attr("fontcolor", edge_color(r.category)),
            attr("penwidth", &format!("{:.1}", edge_width(docs))),
            attr(
                "tooltip",
                &format!(
                    "{} {} {}: {}",
                    r.subject,
                    r.predicate,
                    r.object,
                    r.evidence.first().map(|e| e.text.as_str()).unwrap_or("")
                ),
            ),
        ];
        if hedged {
            attrs.push(attr("style", "dashed"));
        }
        if r.only_negated() {
            attrs.push(attr("style", "dotted"));
        }
        if r.symmetric {
            attrs.push(attr("dir", "none"));
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(NodeId(q(&r.subject), None)), Vertex::N(NodeId(q(&r.object), None))),
            attributes: attrs,
        }));
    }
    stmts.push(legend(nodes, edges, g));
    for (a, b) in row_links(g, nodes, edges) {
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(NodeId(q(&a), None)), Vertex::N(NodeId(q(&b), None))),
            attributes: vec![attr("style", "invis")],
        }));
    }
    let graph = Graph::DiGraph {
        id: q("geokg"),
        strict: false,
        stmts,
    };
    graph.print(&mut PrinterContext::default())
}

/// The legend: one small table node listing only what the view draws (its
/// entity types, the quad classes of its edges, dashed and dotted edges
/// when there are any). A single node keeps it compact, beside the last
/// row of components, instead of a column of sample nodes and edges that
/// took a third of the image.
fn legend(nodes: &[NodeIndex], edges: &[EdgeIndex], g: &KnowledgeGraph) -> Stmt {
    let types: BTreeSet<EntityType> = nodes.iter().map(|&n| g.entity(n).kind).collect();
    let quads: BTreeSet<(u8, &str, &str)> = edges
        .iter()
        .map(|&e| {
            let c = g.graph[e].category;
            let (i, name) = match c.quad() {
                Quad::VerbalCooperation => (0, "verbal cooperation"),
                Quad::MaterialCooperation => (1, "material cooperation"),
                Quad::VerbalConflict => (2, "verbal conflict"),
                Quad::MaterialConflict => (3, "material conflict"),
                Quad::State => (4, "state relation"),
            };
            (i, name, edge_color(c))
        })
        .collect();
    let hedged = edges.iter().any(|&e| is_hedged(&g.graph[e]));
    let negated = edges.iter().any(|&e| g.graph[e].only_negated());
    // Every string below is fixed ASCII text of ours, so the HTML label
    // needs no escaping.
    let mut rows = String::from("<tr><td colspan=\"2\"><b>Legend</b></td></tr>");
    for t in &types {
        let (shape, fill) = node_style(*t);
        rows.push_str(&format!(
            "<tr><td width=\"16\" bgcolor=\"{fill}\" border=\"1\"></td><td align=\"left\">{} ({shape})</td></tr>",
            t.as_str().to_lowercase()
        ));
    }
    for (_, name, color) in &quads {
        rows.push_str(&format!(
            "<tr><td width=\"16\" height=\"3\" fixedsize=\"true\" bgcolor=\"{color}\"></td><td align=\"left\"><font color=\"{color}\">{name}</font></td></tr>"
        ));
    }
    if hedged {
        rows.push_str("<tr><td>- - -</td><td align=\"left\">reported, planned, requested or hypothetical</td></tr>");
    }
    if negated {
        rows.push_str("<tr><td>. . .</td><td align=\"left\">negated</td></tr>");
    }
    let table = format!("<<table border=\"1\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\" color=\"#999999\">{rows}</table>>");
    Stmt::Node(Node::new(
        NodeId(q("legend"), None),
        vec![
            Attribute(Id::Plain("label".into()), Id::Html(table)),
            attr("shape", "plaintext"),
            attr("style", ""),
            attr("fontsize", "8"),
        ],
    ))
}

/// How many ranks (columns, left to right) a row of small components
/// spans before the next row starts; a wider component has a row of its own.
const ROW_RANKS: usize = 6;

/// Invisible edges that put disconnected components side by side in rows.
/// Left alone, dot stacks every component (and the legend) in one tall
/// column; Graphviz's own packing loses edge labels with dot. An invisible
/// edge from a sink of one component to a source of the next puts the next
/// one to the right of it; the rows, still unconnected, stack. The legend
/// ends the last row.
fn row_links(g: &KnowledgeGraph, nodes: &[NodeIndex], edges: &[EdgeIndex]) -> Vec<(String, String)> {
    let index: BTreeMap<NodeIndex, usize> = nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut has_out = vec![false; nodes.len()];
    let mut has_in = vec![false; nodes.len()];
    for &e in edges {
        let Some((a, b)) = g.graph.edge_endpoints(e) else { continue };
        let (Some(&i), Some(&j)) = (index.get(&a), index.get(&b)) else {
            continue;
        };
        has_out[i] = true;
        has_in[j] = true;
        let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
        parent[ri] = rj;
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..nodes.len() {
        let r = root(&mut parent, i);
        components.entry(r).or_default().push(i);
    }
    // Largest first, then by the id of their first entity, for stable output.
    let mut components: Vec<Vec<usize>> = components.into_values().collect();
    components.sort_by_key(|c| (std::cmp::Reverse(c.len()), g.entity(nodes[c[0]]).id.clone()));
    let id = |i: usize| g.entity(nodes[i]).id.clone();
    // The ranks a component spans: its longest chain of edges, plus one
    // (edges closing a cycle are ignored, as dot reverses them).
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for &e in edges {
        if let Some((a, b)) = g.graph.edge_endpoints(e) {
            if let (Some(&i), Some(&j)) = (index.get(&a), index.get(&b)) {
                succ[i].push(j);
            }
        }
    }
    let mut depth: Vec<Option<usize>> = vec![None; nodes.len()];
    let mut on_path = vec![false; nodes.len()];
    fn longest(i: usize, succ: &[Vec<usize>], depth: &mut [Option<usize>], on_path: &mut [bool]) -> usize {
        if let Some(d) = depth[i] {
            return d;
        }
        on_path[i] = true;
        let mut best = 1;
        for k in 0..succ[i].len() {
            let j = succ[i][k];
            if !on_path[j] {
                best = best.max(1 + longest(j, succ, depth, on_path));
            }
        }
        on_path[i] = false;
        depth[i] = Some(best);
        best
    }
    let ranks = |c: &[usize], depth: &mut [Option<usize>], on_path: &mut [bool]| {
        c.iter().map(|&i| longest(i, &succ, depth, on_path)).max().unwrap_or(1)
    };
    // A component's right end (a node with no outgoing edge in the view)
    // and left end (one with no incoming edge); cycles fall back to any.
    let sink = |c: &[usize]| c.iter().copied().find(|&i| !has_out[i]).unwrap_or(c[0]);
    let source = |c: &[usize]| c.iter().copied().find(|&i| !has_in[i]).unwrap_or(c[0]);
    let mut links = Vec::new();
    let mut row_size = 0;
    let mut last_sink: Option<String> = None;
    for c in &components {
        let width = ranks(c, &mut depth, &mut on_path);
        if row_size > 0 && row_size + width <= ROW_RANKS {
            if let Some(prev) = &last_sink {
                links.push((prev.clone(), id(source(c))));
            }
            row_size += width;
        } else {
            row_size = width;
        }
        last_sink = Some(id(sink(c)));
    }
    if let Some(prev) = last_sink {
        links.push((prev, "legend".to_string()));
    }
    links
}

/// Drawn dashed: no statement of the relation asserts it.
fn is_hedged(r: &crate::graph::RelationRecord) -> bool {
    !r.only_negated() && r.modality() != Modality::Asserted
}
