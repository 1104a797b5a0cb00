//! Summary statistics of a graph: counts by type and category, the most
//! connected entities, event records and contradictions.

use super::{events, summary, EntitySummary};
use crate::graph::KnowledgeGraph;
use crate::model::{Category, EntityType};
use petgraph::stable_graph::NodeIndex;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub documents: usize,
    pub entities: usize,
    pub relations: usize,
    pub evidence: usize,
    pub entities_by_type: BTreeMap<EntityType, usize>,
    pub relations_by_category: BTreeMap<Category, usize>,
    pub most_connected: Vec<(EntitySummary, usize)>,
    /// Event records (see [`events`]) and the statements behind them.
    pub events: usize,
    /// Holders of one single-holder office whose terms overlap.
    pub contradictions: Vec<crate::graph::validity::Contradiction>,
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
        events: events::count(g),
        contradictions: crate::graph::validity::contradictions(g),
    }
}
