//! Removing documents from a graph (a retracted article, an outlet a user
//! no longer trusts): the documents' records and every statement they
//! carried go, the derived counts and terms are recomputed, and entities
//! that only those statements named are dropped.
//!
//! Removing documents and merging their graph back gives the original file
//! byte for byte: an entity that stays keeps its names (merging would add
//! them back), and one that goes (no relation names it any more) comes back
//! with the names its documents gave it.

use super::KnowledgeGraph;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use rustc_hash::FxHashSet;
use serde::Serialize;

/// What a removal took out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub documents: usize,
    pub statements: usize,
    pub relations: usize,
    pub entities: usize,
}

impl KnowledgeGraph {
    /// Removes the documents with these ids and their statements.
    pub fn remove_documents(&mut self, ids: &FxHashSet<String>) -> Removed {
        let mut out = Removed::default();
        let before = self.documents.len();
        self.documents.retain(|d| !ids.contains(&d.id));
        out.documents = before - self.documents.len();
        for id in ids {
            self.outlets.remove(id);
        }
        // Entities the removed statements named: the candidates to drop.
        let mut named: FxHashSet<NodeIndex> = FxHashSet::default();
        let mut emptied: Vec<EdgeIndex> = Vec::new();
        let edges: Vec<EdgeIndex> = self.graph.edge_indices().collect();
        for e in edges {
            let (s, o) = self.graph.edge_endpoints(e).expect("an edge of the graph has ends");
            let r = &mut self.graph[e];
            let n = r.evidence.len();
            r.evidence.retain(|v| !ids.contains(v.doc.as_str()));
            let gone = n - r.evidence.len();
            if gone == 0 {
                continue;
            }
            out.statements += gone;
            named.extend([s, o]);
            if self.graph[e].evidence.is_empty() {
                emptied.push(e);
            } else {
                self.stale.insert(e);
            }
            self.terms_stale = true;
        }
        for e in emptied {
            let (s, o) = self.graph.edge_endpoints(e).expect("an edge of the graph has ends");
            if let Some(r) = self.graph.remove_edge(e) {
                if let Some(&p) = self.predicates.get(r.predicate.as_str()) {
                    self.edges.remove(&(s, p, o));
                }
                self.stale.remove(&e);
                out.relations += 1;
            }
        }
        let unlinked: Vec<NodeIndex> = named
            .into_iter()
            .filter(|&n| self.graph.edges_directed(n, petgraph::Direction::Outgoing).next().is_none())
            .filter(|&n| self.graph.edges_directed(n, petgraph::Direction::Incoming).next().is_none())
            .collect();
        for n in unlinked {
            if let Some(ent) = self.graph.remove_node(n) {
                self.index.remove(&ent.id);
                out.entities += 1;
            }
        }
        self.finish();
        out
    }

    /// The ids of the documents whose outlet (source, else URL host) is
    /// `outlet`, compared without case.
    pub fn documents_of_outlet(&self, outlet: &str) -> Vec<String> {
        let want = outlet.trim().to_lowercase();
        let want = want.strip_prefix("www.").unwrap_or(&want);
        self.documents
            .iter()
            .filter(|d| d.outlet().as_deref() == Some(want))
            .map(|d| d.id.clone())
            .collect()
    }
}
