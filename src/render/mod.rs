//! Diagrams of a graph. `select` picks what a view shows (the whole graph,
//! an ego graph, the paths between two actors, filters, a node budget);
//! `dot` turns the selection into DOT with the visual language; `engine`
//! lays DOT out with the system Graphviz or the in-process port. This is the
//! only module that spawns processes.

mod dot;
mod engine;

pub use dot::{dot_escape, edge_color, edge_width, node_style, to_dot};
pub use engine::{auto_layout, check_layout, raster, svg, Engine, LAYOUTS};

use crate::graph::KnowledgeGraph;
use crate::model::{Category, EntityType, Quad};
use crate::terminal::plural as count;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub focus: Option<NodeIndex>,
    pub depth: usize,
    /// Draw the shortest paths between two entities instead.
    pub between: Option<(NodeIndex, NodeIndex)>,
    pub categories: Vec<Category>,
    pub quads: Vec<Quad>,
    pub show_negated: bool,
    /// Keep at most this many entities, the most connected ones.
    pub max_nodes: Option<usize>,
    /// Draw persons and organisations inside a box for their country.
    pub cluster_by_country: bool,
    pub title: Option<String>,
}

/// The nodes and edges a view shows, sorted, and what a node budget left
/// out (said in the caption).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub nodes: Vec<NodeIndex>,
    pub edges: Vec<EdgeIndex>,
    pub omitted_nodes: usize,
    pub omitted_edges: usize,
    /// Relations of the view left out because every statement of them is
    /// negated (`show_negated` draws them).
    pub negated_left_out: usize,
    /// Drawn relations that no statement asserts (reported, planned,
    /// requested or hypothetical): drawn dashed.
    pub hedged: usize,
}

impl Selection {
    /// What the view left out or drew dashed, for the person running it.
    pub fn modality_note(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.negated_left_out > 0 {
            parts.push(format!(
                "{} left out (--show-negated draws them)",
                count(self.negated_left_out, "negated relation")
            ));
        }
        if self.hedged > 0 {
            parts.push(format!(
                "{} drawn dashed (reported, planned, requested or hypothetical)",
                count(self.hedged, "hedged relation")
            ));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }

    /// The caption line under the title, when something was left out.
    pub fn caption(&self) -> Option<String> {
        (self.omitted_nodes > 0).then(|| {
            format!(
                "showing the {} most connected of {} entities; {} and {} left out",
                self.nodes.len(),
                self.nodes.len() + self.omitted_nodes,
                count(self.omitted_nodes, "entity"),
                count(self.omitted_edges, "relation")
            )
        })
    }
}

/// How many shortest paths `--between` draws, and how long they may be.
const BETWEEN_PATHS: usize = 5;
const BETWEEN_DEPTH: usize = 4;

/// The nodes and edges of a view.
pub fn select(g: &KnowledgeGraph, view: &View) -> Selection {
    let edge_ok = |e: EdgeIndex| {
        let r = &g.graph[e];
        (view.categories.is_empty() || view.categories.contains(&r.category))
            && (view.quads.is_empty() || view.quads.contains(&r.category.quad()))
            && (view.show_negated || !r.only_negated())
    };
    let nodes: BTreeSet<NodeIndex> = if let Some((a, b)) = view.between {
        let mut seen = BTreeSet::from([a, b]);
        for p in crate::path::paths(g, a, b, BETWEEN_DEPTH, BETWEEN_PATHS) {
            for h in &p.hops {
                seen.extend([&h.from.id, &h.to.id].into_iter().filter_map(|id| g.node(id)));
            }
        }
        seen
    } else if let Some(start) = view.focus {
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
    } else {
        g.graph
            .node_indices()
            .filter(|&n| g.incident(n).any(|(e, _, _)| edge_ok(e)))
            .collect()
    };
    let edges_among = |nodes: &BTreeSet<NodeIndex>| -> Vec<EdgeIndex> {
        g.graph
            .edge_indices()
            .filter(|&e| edge_ok(e))
            .filter(|&e| {
                g.graph
                    .edge_endpoints(e)
                    .is_some_and(|(a, b)| nodes.contains(&a) && nodes.contains(&b))
            })
            .collect()
    };
    let mut edges = edges_among(&nodes);
    let mut sel = Selection::default();
    let mut nodes = nodes;
    if let Some(max) = view.max_nodes.filter(|&m| nodes.len() > m) {
        // The most connected within the view; the focus and path ends stay.
        let mut degree: HashMap<NodeIndex, usize> = HashMap::new();
        for &e in &edges {
            if let Some((a, b)) = g.graph.edge_endpoints(e) {
                *degree.entry(a).or_default() += 1;
                *degree.entry(b).or_default() += 1;
            }
        }
        let pinned: Vec<NodeIndex> = view
            .focus
            .into_iter()
            .chain(view.between.into_iter().flat_map(|(a, b)| [a, b]))
            .collect();
        let mut ranked: Vec<NodeIndex> = nodes.iter().copied().collect();
        ranked.sort_by(|&a, &b| {
            (pinned.contains(&b), degree.get(&b).copied().unwrap_or(0))
                .cmp(&(pinned.contains(&a), degree.get(&a).copied().unwrap_or(0)))
                .then_with(|| g.entity(a).id.cmp(&g.entity(b).id))
        });
        let kept: BTreeSet<NodeIndex> = ranked.into_iter().take(max).collect();
        sel.omitted_nodes = nodes.len() - kept.len();
        let before = edges.len();
        nodes = kept;
        edges = edges_among(&nodes);
        sel.omitted_edges = before - edges.len();
    }
    edges.sort_by_key(|&e| {
        let r = &g.graph[e];
        (r.subject.clone(), r.predicate.clone(), r.object.clone())
    });
    if !view.show_negated {
        let whole = view.focus.is_none() && view.between.is_none();
        sel.negated_left_out = g
            .graph
            .edge_indices()
            .filter(|&e| {
                let r = &g.graph[e];
                r.only_negated()
                    && (view.categories.is_empty() || view.categories.contains(&r.category))
                    && (view.quads.is_empty() || view.quads.contains(&r.category.quad()))
                    && (whole
                        || g.graph
                            .edge_endpoints(e)
                            .is_some_and(|(a, b)| nodes.contains(&a) && nodes.contains(&b)))
            })
            .count();
    }
    sel.hedged = edges
        .iter()
        .filter(|&&e| {
            let r = &g.graph[e];
            !r.only_negated() && r.modality() != crate::model::Modality::Asserted
        })
        .count();
    let mut nodes: Vec<NodeIndex> = nodes.into_iter().collect();
    nodes.sort_by(|&a, &b| g.entity(a).id.cmp(&g.entity(b).id));
    sel.nodes = nodes;
    sel.edges = edges;
    sel
}

/// The country each person or organisation of a selection belongs to, by
/// its best-supported LEADER_OF or AFFILIATED_WITH relation to a country in
/// the selection. Countries belong to themselves.
pub fn countries(g: &KnowledgeGraph, sel: &Selection) -> BTreeMap<NodeIndex, NodeIndex> {
    let shown: HashSet<NodeIndex> = sel.nodes.iter().copied().collect();
    let mut best: HashMap<NodeIndex, (usize, NodeIndex)> = HashMap::new();
    for &n in &sel.nodes {
        if g.entity(n).kind == EntityType::Country {
            best.insert(n, (usize::MAX, n));
        }
    }
    for e in g.graph.edge_indices() {
        let r = &g.graph[e];
        if !matches!(r.category, Category::LeaderOf | Category::AffiliatedWith) || r.only_negated() {
            continue;
        }
        let Some((a, b)) = g.graph.edge_endpoints(e) else { continue };
        let member = g.entity(a).kind;
        if !shown.contains(&a) || !shown.contains(&b) || !matches!(member, EntityType::Person | EntityType::Organization) {
            continue;
        }
        if g.entity(b).kind != EntityType::Country {
            continue;
        }
        let score = r.corroboration.max(1);
        let entry = best.entry(a).or_insert((0, b));
        if score > entry.0 || (score == entry.0 && g.entity(b).id < g.entity(entry.1).id) {
            *entry = (score, b);
        }
    }
    best.into_iter().map(|(n, (_, c))| (n, c)).collect()
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
