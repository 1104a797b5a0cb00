//! Questions asked of a graph: neighbours of an entity and summary
//! statistics.

use crate::graph::KnowledgeGraph;
use crate::model::{Category, EntityType};
use petgraph::stable_graph::NodeIndex;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Out,
    In,
    Both,
}

#[derive(Debug, Clone)]
pub struct NeighborQuery {
    pub depth: usize,
    pub direction: Direction,
    pub categories: Vec<Category>,
    pub include_negated: bool,
}

impl Default for NeighborQuery {
    fn default() -> Self {
        NeighborQuery { depth: 1, direction: Direction::Both, categories: vec![], include_negated: false }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EntitySummary {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceSummary {
    pub doc: String,
    pub sentence: usize,
    pub text: String,
    pub date: Option<String>,
}

/// One relation found around the queried entity.
#[derive(Debug, Clone, Serialize)]
pub struct NeighborRow {
    pub depth: usize,
    pub subject: EntitySummary,
    pub predicate: String,
    pub category: Category,
    pub object: EntitySummary,
    pub symmetric: bool,
    /// Number of statements (evidence records).
    pub count: usize,
    pub documents: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub evidence: EvidenceSummary,
}

fn summary(g: &KnowledgeGraph, n: NodeIndex) -> EntitySummary {
    let e = g.entity(n);
    EntitySummary { id: e.id.clone(), name: e.name.clone(), kind: e.kind }
}

/// Relations within `q.depth` hops of `start`, nearest first, then by
/// evidence count.
pub fn neighbors(g: &KnowledgeGraph, start: NodeIndex, q: &NeighborQuery) -> Vec<NeighborRow> {
    let mut rows = Vec::new();
    let mut seen_nodes: HashMap<NodeIndex, usize> = HashMap::new();
    let mut seen_edges = HashSet::new();
    let mut queue = VecDeque::new();
    seen_nodes.insert(start, 0);
    queue.push_back((start, 0usize));
    while let Some((n, d)) = queue.pop_front() {
        if d >= q.depth {
            continue;
        }
        for (e, other, outgoing) in g.incident(n) {
            let r = &g.graph[e];
            let dir_ok = r.symmetric
                || match q.direction {
                    Direction::Both => true,
                    Direction::Out => outgoing,
                    Direction::In => !outgoing,
                };
            if !dir_ok || (!q.categories.is_empty() && !q.categories.contains(&r.category)) {
                continue;
            }
            if !q.include_negated && r.only_negated() {
                continue;
            }
            if !seen_edges.insert(e) {
                continue;
            }
            let ev = r.evidence.iter().find(|e| !e.negated).or(r.evidence.first());
            let Some(ev) = ev else { continue };
            let (s, o) = g.graph.edge_endpoints(e).unwrap_or((n, other));
            rows.push(NeighborRow {
                depth: d + 1,
                subject: summary(g, s),
                predicate: r.predicate.clone(),
                category: r.category,
                object: summary(g, o),
                symmetric: r.symmetric,
                count: r.evidence.len(),
                documents: r.documents,
                first_date: r.first_date.clone(),
                last_date: r.last_date.clone(),
                evidence: EvidenceSummary { doc: ev.doc.clone(), sentence: ev.sentence, text: ev.text.clone(), date: ev.date.clone() },
            });
            if let std::collections::hash_map::Entry::Vacant(v) = seen_nodes.entry(other) {
                v.insert(d + 1);
                queue.push_back((other, d + 1));
            }
        }
    }
    rows.sort_by(|a, b| {
        a.depth
            .cmp(&b.depth)
            .then(b.count.cmp(&a.count))
            .then_with(|| (&a.subject.name, &a.predicate, &a.object.name).cmp(&(&b.subject.name, &b.predicate, &b.object.name)))
    });
    rows
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub documents: usize,
    pub entities: usize,
    pub relations: usize,
    pub evidence: usize,
    pub entities_by_type: BTreeMap<EntityType, usize>,
    pub relations_by_category: BTreeMap<Category, usize>,
    pub most_connected: Vec<(EntitySummary, usize)>,
}

pub fn stats(g: &KnowledgeGraph, top: usize) -> Stats {
    let (entities_by_type, relations_by_category) = g.counts();
    let mut degrees: Vec<(NodeIndex, usize)> = g.graph.node_indices().map(|n| (n, g.degree(n))).collect();
    degrees.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| g.entity(a.0).id.cmp(&g.entity(b.0).id)));
    Stats {
        documents: g.documents.len(),
        entities: g.entity_count(),
        relations: g.relation_count(),
        evidence: g.graph.edge_weights().map(|r| r.evidence.len()).sum(),
        entities_by_type,
        relations_by_category,
        most_connected: degrees.into_iter().take(top).map(|(n, d)| (summary(g, n), d)).collect(),
    }
}
