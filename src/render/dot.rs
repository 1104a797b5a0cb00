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
    if s.len() <= MAX_ID_BYTES {
        return Id::Escaped(format!("\"{}\"", dot_escape(s)));
    }
    let mut cut = MAX_ID_BYTES - 20;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let hash = s
        .bytes()
        .fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3));
    Id::Escaped(format!("\"{}~{hash:016x}\"", dot_escape(&s[..cut])))
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
        let label = if r.evidence.len() > 1 {
            format!("{} ({})", r.predicate, r.evidence.len())
        } else {
            r.predicate.to_string()
        };
        let hedged = r.evidence.iter().all(|e| e.modality != Modality::Asserted);
        let mut attrs = vec![
            attr("label", &label),
            attr("color", edge_color(r.category)),
            attr("fontcolor", edge_color(r.category)),
            attr("penwidth", &format!("{:.1}", 1.0 + (docs as f32).ln() * 1.5)),
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
    stmts.push(Stmt::Subgraph(legend(nodes, edges, g)));
    let graph = Graph::DiGraph {
        id: q("geokg"),
        strict: false,
        stmts,
    };
    graph.print(&mut PrinterContext::default())
}

/// A legend of the entity types and quad classes present in the view.
fn legend(nodes: &[NodeIndex], edges: &[EdgeIndex], g: &KnowledgeGraph) -> Subgraph {
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
    let mut stmts = vec![Stmt::GAttribute(GraphAttributes::Graph(vec![
        attr("label", "Legend"),
        attr("style", "rounded"),
        attr("color", "#999999"),
        attr("fontsize", "10"),
    ]))];
    for t in &types {
        let (shape, fill) = node_style(*t);
        stmts.push(Stmt::Node(Node::new(
            NodeId(q(&format!("legend:{}", t.as_str())), None),
            vec![
                attr("label", &t.as_str().to_lowercase()),
                attr("shape", shape),
                attr("fillcolor", fill),
                attr("fontsize", "9"),
            ],
        )));
    }
    for (i, name, color) in &quads {
        let a = format!("legend:q{i}a");
        let b = format!("legend:q{i}b");
        for n in [&a, &b] {
            stmts.push(Stmt::Node(Node::new(
                NodeId(q(n), None),
                vec![attr("label", ""), attr("shape", "point"), attr("width", "0.05")],
            )));
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(NodeId(q(&a), None)), Vertex::N(NodeId(q(&b), None))),
            attributes: vec![attr("label", name), attr("color", color), attr("fontcolor", color)],
        }));
    }
    if !edges.is_empty() {
        stmts.push(Stmt::Node(Node::new(
            NodeId(q("legend:dashed"), None),
            vec![
                attr("label", "dashed edge: reported, planned or requested"),
                attr("shape", "plaintext"),
                attr("fontsize", "9"),
                attr("style", ""),
            ],
        )));
    }
    Subgraph {
        id: q("cluster_legend"),
        stmts,
    }
}
