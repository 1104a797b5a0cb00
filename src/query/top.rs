//! Key actors, by degree or PageRank.

use super::{summary, EntitySummary};
use crate::graph::KnowledgeGraph;
use crate::model::EntityType;
use petgraph::stable_graph::NodeIndex;
use std::collections::HashMap;

/// Key actors by degree (distinct relations) or PageRank.
pub fn top(g: &KnowledgeGraph, pagerank: bool, kind: Option<EntityType>, n: usize) -> Vec<(EntitySummary, f64)> {
    let nodes: Vec<NodeIndex> = g.graph.node_indices().collect();
    let score: HashMap<NodeIndex, f64> = if pagerank {
        let index: HashMap<NodeIndex, usize> = nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
        let count = nodes.len().max(1) as f64;
        let mut rank = vec![1.0 / count; nodes.len()];
        let out: Vec<Vec<usize>> = nodes.iter().map(|&n| g.incident(n).map(|(_, o, _)| index[&o]).collect()).collect();
        for _ in 0..30 {
            let mut next = vec![0.15 / count; nodes.len()];
            let mut dangling = 0.0;
            for (i, targets) in out.iter().enumerate() {
                if targets.is_empty() {
                    dangling += rank[i];
                    continue;
                }
                let share = 0.85 * rank[i] / targets.len() as f64;
                for &t in targets {
                    next[t] += share;
                }
            }
            for v in next.iter_mut() {
                *v += 0.85 * dangling / count;
            }
            rank = next;
        }
        nodes.iter().enumerate().map(|(i, &n)| (n, rank[i])).collect()
    } else {
        nodes.iter().map(|&n| (n, g.degree(n) as f64)).collect()
    };
    let mut v: Vec<(NodeIndex, f64)> = nodes
        .into_iter()
        .filter(|&n| kind.is_none_or(|k| g.entity(n).kind == k))
        .map(|n| (n, score[&n]))
        .collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| g.entity(a.0).id.cmp(&g.entity(b.0).id)));
    v.into_iter().take(n).map(|(n, s)| (summary(g, n), s)).collect()
}
