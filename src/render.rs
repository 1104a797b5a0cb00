//! Diagrams: DOT built with graphviz-rust (every id and label escaped here,
//! since graphviz-rust escapes nothing), and SVG drawn by the system
//! Graphviz when it is installed or by the in-process `graphviz-pure` port
//! when it is not. This is the only module that spawns processes.

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use crate::model::{Category, EntityType, Modality, Quad};
use graphviz_rust::dot_structures::{Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use std::collections::{BTreeSet, HashSet, VecDeque};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub focus: Option<NodeIndex>,
    pub depth: usize,
    pub categories: Vec<Category>,
    pub show_negated: bool,
    pub title: Option<String>,
}

/// The nodes and edges of a view: the whole graph, or the ego graph of the
/// focus entity.
pub fn select(g: &KnowledgeGraph, view: &View) -> (Vec<NodeIndex>, Vec<EdgeIndex>) {
    let edge_ok = |e: EdgeIndex| {
        let r = &g.graph[e];
        (view.categories.is_empty() || view.categories.contains(&r.category)) && (view.show_negated || !r.only_negated())
    };
    let nodes: BTreeSet<NodeIndex> = match view.focus {
        None => g
            .graph
            .node_indices()
            .filter(|&n| g.incident(n).any(|(e, _, _)| edge_ok(e)))
            .collect(),
        Some(start) => {
            let mut seen = BTreeSet::from([start]);
            let mut q = VecDeque::from([(start, 0)]);
            while let Some((n, d)) = q.pop_front() {
                if d >= view.depth.max(1) {
                    continue;
                }
                for (e, other, _) in g.incident(n) {
                    if edge_ok(e) && seen.insert(other) {
                        q.push_back((other, d + 1));
                    }
                }
            }
            seen
        }
    };
    let mut edges: Vec<EdgeIndex> = g
        .graph
        .edge_indices()
        .filter(|&e| edge_ok(e))
        .filter(|&e| {
            g.graph
                .edge_endpoints(e)
                .is_some_and(|(a, b)| nodes.contains(&a) && nodes.contains(&b))
        })
        .collect();
    edges.sort_by_key(|&e| {
        let r = &g.graph[e];
        (r.subject.clone(), r.predicate.clone(), r.object.clone())
    });
    let mut nodes: Vec<NodeIndex> = nodes.into_iter().collect();
    nodes.sort_by(|&a, &b| g.entity(a).id.cmp(&g.entity(b).id));
    (nodes, edges)
}

/// Escapes text for a double-quoted DOT string.
pub fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn q(s: &str) -> Id {
    Id::Escaped(format!("\"{}\"", dot_escape(s)))
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.to_string()), q(v))
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
pub fn to_dot(g: &KnowledgeGraph, view: &View) -> String {
    let (nodes, edges) = select(g, view);
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("rankdir", "LR"),
            attr("fontname", "Helvetica"),
            attr("overlap", "false"),
            attr("splines", "true"),
            attr("label", view.title.as_deref().unwrap_or("geokg")),
            attr("labelloc", "t"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("style", "filled"),
            attr("fontname", "Helvetica"),
            attr("fontsize", "11"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr("fontname", "Helvetica"), attr("fontsize", "9")])),
    ];
    for &n in &nodes {
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
        stmts.push(Stmt::Node(Node::new(NodeId(q(&e.id), None), attrs)));
    }
    for &ei in &edges {
        let r = &g.graph[ei];
        let docs = r.documents.max(1);
        let label = if r.evidence.len() > 1 {
            format!("{} ({})", r.predicate, r.evidence.len())
        } else {
            r.predicate.clone()
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
    stmts.push(Stmt::Subgraph(legend(&nodes, &edges, g)));
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

/// Which program laid out a diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Engine {
    System { program: String, path: PathBuf },
    Pure { layout: String },
}

impl std::fmt::Display for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Engine::System { program, path } => write!(f, "Graphviz {program} ({})", path.display()),
            Engine::Pure { layout } => write!(f, "graphviz-pure {layout} (in-process; no Graphviz on PATH)"),
        }
    }
}

/// The layout engine for a graph of this size: `dot` draws small graphs
/// well but takes minutes on a few hundred labelled edges.
pub fn auto_layout(nodes: usize, edges: usize) -> &'static str {
    if nodes <= 120 && edges <= 250 {
        "dot"
    } else {
        "sfdp"
    }
}

fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

/// Lays out DOT text and returns SVG, with the engine that ran.
pub fn svg(dot: &str, layout: &str, timeout: Duration) -> Result<(String, Engine)> {
    if let Some(path) = find_program(layout) {
        let out = run_with_timeout(&path, &["-Tsvg"], dot.as_bytes(), timeout)?;
        let svg = String::from_utf8_lossy(&out).into_owned();
        return Ok((
            svg,
            Engine::System {
                program: layout.to_string(),
                path,
            },
        ));
    }
    let rendered = graphviz_pure::render_dot(dot, layout, "svg").map_err(|e| Error::Render(format!("graphviz-pure: {e}")))?;
    Ok((
        rendered.into_output(),
        Engine::Pure {
            layout: layout.to_string(),
        },
    ))
}

fn run_with_timeout(program: &Path, args: &[&str], input: &[u8], timeout: Duration) -> Result<Vec<u8>> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Render(format!("cannot run {}: {e}", program.display())))?;
    let mut stdin = child.stdin.take().ok_or_else(|| Error::Render("no stdin".into()))?;
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().ok_or_else(|| Error::Render("no stdout".into()))?;
    let mut stderr = child.stderr.take().ok_or_else(|| Error::Render("no stderr".into()))?;
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut buf);
        buf
    });
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| Error::Render(e.to_string()))? {
            break s;
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::Render(format!(
                "{} did not finish in {} s (try --engine sfdp or a smaller view)",
                program.display(),
                timeout.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        return Err(Error::Render(format!("{} failed: {}", program.display(), err.trim())));
    }
    Ok(out)
}

/// Writes a view to `path`, by extension (.dot or .svg). Returns the engine
/// used for SVG.
pub fn write(g: &KnowledgeGraph, view: &View, path: &Path, engine: Option<&str>) -> Result<Option<Engine>> {
    let dot = to_dot(g, view);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    match ext.as_str() {
        "dot" | "gv" => {
            crate::graph::write_atomic(path, |w| w.write_all(dot.as_bytes()))?;
            Ok(None)
        }
        "svg" => {
            let (n, e) = select(g, view);
            let layout = engine.unwrap_or_else(|| auto_layout(n.len(), e.len()));
            let (svg, used) = svg(&dot, layout, Duration::from_secs(600))?;
            crate::graph::write_atomic(path, |w| w.write_all(svg.as_bytes()))?;
            Ok(Some(used))
        }
        other => Err(Error::Usage(format!(
            "cannot write {:?}: unknown diagram format {other:?} (use .dot or .svg)",
            path.display().to_string()
        ))),
    }
}

/// The set of node ids of a view (for tests and captions).
pub fn node_ids(g: &KnowledgeGraph, view: &View) -> HashSet<String> {
    select(g, view).0.into_iter().map(|n| g.entity(n).id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_hostile_names_inside_the_string() {
        assert_eq!(dot_escape("x\"]; evil [label=\"pwned"), "x\\\"]; evil [label=\\\"pwned");
        assert_eq!(dot_escape("a\\b\nc"), "a\\\\b\\nc");
    }
}
