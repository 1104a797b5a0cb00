//! Paths between two entities: the k shortest chains of relations that
//! connect them, with the relation and one evidence sentence on every hop.
//! This module owns `geokg path`.
//!
//! An analyst asking how A relates to B does not care which way a relation
//! was stated, so relations connect entities in either direction, and each
//! hop says which way its relation reads. Parallel relations between one
//! pair count as one link, so that paths differ by the entities they pass
//! through, not by which of several relations they use. The search is Yen's
//! k-shortest-simple-paths algorithm over breadth-first searches bounded by
//! the maximum depth, so it never enumerates all simple paths, which would
//! explode around hubs with thousands of relations.

use crate::graph::{EvidenceRecord, KnowledgeGraph, RelationRecord};
use crate::model::Category;
use crate::query::{EntitySummary, EvidenceSummary};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::NodeIndexable;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;
use std::cmp::{Ordering, Reverse};
use std::collections::hash_map::Entry;

/// One step of a path.
#[derive(Debug, Clone, Serialize)]
pub struct Hop {
    pub from: EntitySummary,
    pub to: EntitySummary,
    pub predicate: String,
    pub category: Category,
    /// True when the relation reads from `from` to `to`.
    pub forward: bool,
    /// True when the relation's direction carries no meaning.
    pub symmetric: bool,
    pub documents: usize,
    /// The first statement of the relation that is not negated.
    pub evidence: EvidenceSummary,
}

#[derive(Debug, Clone, Serialize)]
pub struct PathRow {
    /// Number of hops.
    pub length: usize,
    /// Documents of all hops together, the second sort key.
    pub documents: usize,
    pub hops: Vec<Hop>,
}

/// The relation that stands for a pair of entities.
#[derive(Debug, Clone, Copy)]
struct Link<'g> {
    relation: &'g RelationRecord,
    evidence: &'g EvidenceRecord,
}

/// The graph seen as undirected and simple: one link per pair of entities
/// that have a relation with a statement that is not negated.
struct Links<'g> {
    g: &'g KnowledgeGraph,
    /// The position of every node in entity id order, by node index: it
    /// orders neighbours and breaks ties between paths without comparing
    /// strings.
    rank: Vec<usize>,
    /// The neighbours of every node, by node index, in entity id order,
    /// with the documents of the link.
    adjacent: Vec<Vec<(NodeIndex, usize)>>,
    /// The link of each pair, keyed by (smaller, larger) node index.
    links: HashMap<(NodeIndex, NodeIndex), Link<'g>>,
}

/// How a relation ranks among the parallel relations of its pair: most
/// documents, then most statements, then the smallest predicate, and the
/// subject to tell apart the same predicate stated both ways.
fn preference(r: &RelationRecord) -> (Reverse<usize>, Reverse<usize>, &str, &str) {
    (
        Reverse(r.documents),
        Reverse(r.evidence.len()),
        r.predicate.as_str(),
        r.subject.as_str(),
    )
}

fn pair(x: NodeIndex, y: NodeIndex) -> (NodeIndex, NodeIndex) {
    (x.min(y), x.max(y))
}

/// Where a search reached a node: the hop count, the node it came from, and
/// the documents along the way.
struct Reached {
    depth: usize,
    parent: NodeIndex,
    documents: usize,
}

impl<'g> Links<'g> {
    fn new(g: &'g KnowledgeGraph) -> Links<'g> {
        let bound = g.graph.node_bound();
        let mut order: Vec<NodeIndex> = g.graph.node_indices().collect();
        order.sort_by_key(|&n| &g.entity(n).id);
        let mut rank = vec![0; bound];
        for (i, n) in order.iter().enumerate() {
            rank[n.index()] = i;
        }

        let mut links: HashMap<(NodeIndex, NodeIndex), Link<'g>> = HashMap::default();
        for e in g.graph.edge_indices() {
            let Some((s, o)) = g.graph.edge_endpoints(e) else { continue };
            if s == o {
                continue;
            }
            let relation = &g.graph[e];
            // A relation whose every statement is negated says the two are not
            // connected that way, and it has no statement to show on a hop.
            let Some(evidence) = relation.evidence.iter().find(|ev| !ev.negated) else {
                continue;
            };
            let link = Link { relation, evidence };
            match links.entry(pair(s, o)) {
                Entry::Vacant(slot) => {
                    slot.insert(link);
                }
                Entry::Occupied(mut slot) => {
                    if preference(relation) < preference(slot.get().relation) {
                        slot.insert(link);
                    }
                }
            }
        }

        let mut adjacent: Vec<Vec<(NodeIndex, usize)>> = vec![Vec::new(); bound];
        for (&(x, y), link) in &links {
            adjacent[x.index()].push((y, link.relation.documents));
            adjacent[y.index()].push((x, link.relation.documents));
        }
        for list in &mut adjacent {
            list.sort_by_key(|&(n, _)| rank[n.index()]);
        }
        Links { g, rank, adjacent, links }
    }

    /// The link between two neighbouring nodes of a path. Paths only step
    /// along links, so the pair is always present.
    fn link(&self, x: NodeIndex, y: NodeIndex) -> Link<'g> {
        self.links[&pair(x, y)]
    }

    fn documents(&self, path: &[NodeIndex]) -> usize {
        path.windows(2).map(|w| self.link(w[0], w[1]).relation.documents).sum()
    }

    /// Shorter paths first, then paths with more documents, then by the
    /// entity ids along the path.
    fn order(&self, x: &[NodeIndex], y: &[NodeIndex]) -> Ordering {
        x.len()
            .cmp(&y.len())
            .then_with(|| self.documents(y).cmp(&self.documents(x)))
            .then_with(|| {
                let ranks = |p: &[NodeIndex]| p.iter().map(|n| self.rank[n.index()]).collect::<Vec<_>>();
                ranks(x).cmp(&ranks(y))
            })
    }

    /// The shortest path from `from` to `to` of at most `limit` hops that
    /// does not enter a node of `avoid` and does not leave `from` towards a
    /// node of `banned`. Among equally short paths it takes the one with the
    /// most documents, which the search computes layer by layer, since
    /// every predecessor of a node is in the layer before it.
    fn shortest(&self, from: NodeIndex, to: NodeIndex, avoid: &[NodeIndex], banned: &[NodeIndex], limit: usize) -> Option<Vec<NodeIndex>> {
        let mut reached: HashMap<NodeIndex, Reached> = HashMap::default();
        reached.insert(
            from,
            Reached {
                depth: 0,
                parent: from,
                documents: 0,
            },
        );
        let mut layer = vec![from];
        for depth in 1..=limit {
            let mut next = Vec::new();
            for &u in &layer {
                let here = reached[&u].documents;
                for &(v, docs) in &self.adjacent[u.index()] {
                    // Nodes reached on the last layer cannot lead further, so
                    // only the target is worth recording there; this spares
                    // the widest layer of a search around hubs.
                    if (depth == limit && v != to) || avoid.contains(&v) || (u == from && banned.contains(&v)) {
                        continue;
                    }
                    let documents = here + docs;
                    match reached.entry(v) {
                        Entry::Vacant(slot) => {
                            slot.insert(Reached {
                                depth,
                                parent: u,
                                documents,
                            });
                            next.push(v);
                        }
                        Entry::Occupied(mut slot) => {
                            let r = slot.get_mut();
                            if r.depth == depth && documents > r.documents {
                                r.parent = u;
                                r.documents = documents;
                            }
                        }
                    }
                }
            }
            if reached.contains_key(&to) {
                let mut path = vec![to];
                let mut n = to;
                while n != from {
                    n = reached[&n].parent;
                    path.push(n);
                }
                path.reverse();
                return Some(path);
            }
            if next.is_empty() {
                return None;
            }
            layer = next;
        }
        None
    }

    fn hop(&self, from: NodeIndex, to: NodeIndex) -> Hop {
        let Link { relation, evidence } = self.link(from, to);
        let start = self.g.entity(from);
        Hop {
            from: start.into(),
            to: self.g.entity(to).into(),
            predicate: relation.predicate.to_string(),
            category: relation.category,
            forward: relation.subject == start.id,
            symmetric: relation.symmetric,
            documents: relation.documents,
            evidence: evidence.into(),
        }
    }

    fn row(&self, path: &[NodeIndex]) -> PathRow {
        let hops: Vec<Hop> = path.windows(2).map(|w| self.hop(w[0], w[1])).collect();
        PathRow {
            length: hops.len(),
            documents: hops.iter().map(|h| h.documents).sum(),
            hops,
        }
    }
}

/// The `k` shortest simple paths of at most `max_depth` hops between `a`
/// and `b`, shortest first, then by documents (most first), then by the
/// entity ids along the path.
pub fn paths(g: &KnowledgeGraph, a: NodeIndex, b: NodeIndex, max_depth: usize, k: usize) -> Vec<PathRow> {
    if a == b || k == 0 || max_depth == 0 {
        return Vec::new();
    }
    let links = Links::new(g);
    let Some(first) = links.shortest(a, b, &[], &[], max_depth) else {
        return Vec::new();
    };
    let mut seen: HashSet<Vec<NodeIndex>> = HashSet::default();
    seen.insert(first.clone());
    let mut found = vec![first];
    let mut candidates: Vec<Vec<NodeIndex>> = Vec::new();
    while found.len() < k {
        let Some(last) = found.last() else { break };
        // Yen: every node of the last path found but the target is a spur
        // node. The new path keeps the root up to it, and the rest must
        // avoid the root and every link from the spur node that a path
        // found with the same root already takes.
        for i in 0..last.len() - 1 {
            let root = &last[..=i];
            let banned: Vec<NodeIndex> = found
                .iter()
                .filter(|p| p.len() > i + 1 && p[..=i] == *root)
                .map(|p| p[i + 1])
                .collect();
            let Some(rest) = links.shortest(last[i], b, &last[..i], &banned, max_depth - i) else {
                continue;
            };
            let mut path = last[..i].to_vec();
            path.extend(rest);
            if seen.insert(path.clone()) {
                candidates.push(path);
            }
        }
        let Some(best) = (0..candidates.len()).min_by(|&x, &y| links.order(&candidates[x], &candidates[y])) else {
            break;
        };
        found.push(candidates.swap_remove(best));
    }
    found.sort_by(|x, y| links.order(x, y));
    found.iter().map(|p| links.row(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::EntityRecord;
    use crate::model::{EntityType, Modality};

    /// A relation with one statement in each of `docs`.
    fn rel(s: &str, p: &str, o: &str, docs: &[&str], negated: bool) -> RelationRecord {
        RelationRecord::new(
            s.into(),
            p.into(),
            Category::Consult,
            o.into(),
            false,
            docs.iter()
                .map(|d| {
                    EvidenceRecord::from(crate::graph::EvidenceFields {
                        doc: (*d).into(),
                        sentence: 0,
                        span: [0, 1],
                        text: format!("{s} {p} {o}"),
                        date: None,
                        modality: Modality::Asserted,
                        negated,
                        attribution: None,
                        rule: "test".into(),
                        ..Default::default()
                    })
                })
                .collect::<Vec<_>>(),
        )
    }

    fn graph(entities: &[&str], relations: Vec<RelationRecord>) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        for id in entities {
            g.add_entity(EntityRecord {
                id: id.to_string(),
                name: id.to_uppercase(),
                kind: EntityType::Person,
                aliases: vec![],
            });
        }
        for r in relations {
            g.add_relation(r).unwrap();
        }
        g
    }

    fn find(g: &KnowledgeGraph, a: &str, b: &str, max_depth: usize, k: usize) -> Vec<PathRow> {
        paths(g, g.node(a).unwrap(), g.node(b).unwrap(), max_depth, k)
    }

    /// The entity ids along a path.
    fn ids(row: &PathRow) -> Vec<&str> {
        let mut v = vec![row.hops[0].from.id.as_str()];
        v.extend(row.hops.iter().map(|h| h.to.id.as_str()));
        v
    }

    fn triangle() -> KnowledgeGraph {
        graph(
            &["a", "b", "c"],
            vec![
                rel("a", "met", "b", &["d1"], false),
                rel("b", "met", "c", &["d1"], false),
                rel("a", "called", "c", &["d2"], false),
            ],
        )
    }

    #[test]
    fn the_direct_relation_comes_before_the_detour() {
        let rows = find(&triangle(), "a", "c", 4, 2);
        assert_eq!(rows.iter().map(ids).collect::<Vec<_>>(), vec![vec!["a", "c"], vec!["a", "b", "c"]]);
        assert_eq!((rows[0].length, rows[1].length), (1, 2));
        assert_eq!(rows[0].hops[0].predicate, "called");
        assert_eq!(rows[0].hops[0].evidence.text, "a called c");
        assert_eq!(rows[1].documents, 2);
        assert!(find(&triangle(), "a", "a", 4, 2).is_empty());
    }

    #[test]
    fn max_depth_cuts_longer_paths() {
        let rows = find(&triangle(), "a", "c", 1, 5);
        assert_eq!(rows.iter().map(ids).collect::<Vec<_>>(), vec![vec!["a", "c"]]);
        let chain = graph(
            &["a", "b", "c"],
            vec![rel("a", "met", "b", &["d1"], false), rel("b", "met", "c", &["d1"], false)],
        );
        assert!(find(&chain, "a", "c", 1, 5).is_empty());
        assert_eq!(find(&chain, "a", "c", 2, 5).len(), 1);
    }

    #[test]
    fn relations_that_are_only_negated_do_not_connect() {
        let g = graph(
            &["a", "b", "c"],
            vec![rel("a", "met", "b", &["d1"], false), rel("b", "met", "c", &["d1"], true)],
        );
        assert!(find(&g, "a", "c", 4, 3).is_empty());
    }

    #[test]
    fn parallel_relations_make_one_path_through_the_best_supported() {
        let g = graph(
            &["a", "b"],
            vec![
                rel("a", "met", "b", &["d1"], false),
                rel("b", "criticized", "a", &["d1", "d2"], false),
                rel("a", "called", "b", &["d3"], false),
            ],
        );
        let rows = find(&g, "a", "b", 3, 5);
        assert_eq!(rows.len(), 1);
        let hop = &rows[0].hops[0];
        assert_eq!((hop.predicate.as_str(), hop.documents), ("criticized", 2));
        assert!(!hop.forward);
    }

    #[test]
    fn each_hop_says_which_way_its_relation_reads() {
        let g = graph(
            &["a", "b", "c"],
            vec![rel("a", "met", "b", &["d1"], false), rel("c", "hosted", "b", &["d1"], false)],
        );
        let rows = find(&g, "a", "c", 3, 1);
        assert_eq!(ids(&rows[0]), vec!["a", "b", "c"]);
        assert_eq!(rows[0].hops.iter().map(|h| h.forward).collect::<Vec<_>>(), vec![true, false]);
    }

    #[test]
    fn equally_short_paths_go_by_documents_and_all_are_found() {
        let g = graph(
            &["a", "b", "c", "d", "e"],
            vec![
                rel("a", "met", "b", &["d1"], false),
                rel("b", "met", "e", &["d1"], false),
                rel("a", "met", "c", &["d1", "d2"], false),
                rel("c", "met", "e", &["d1", "d2"], false),
                rel("a", "met", "d", &["d1"], false),
                rel("d", "met", "e", &["d1"], false),
            ],
        );
        let rows = find(&g, "a", "e", 2, 10);
        assert_eq!(
            rows.iter().map(ids).collect::<Vec<_>>(),
            vec![vec!["a", "c", "e"], vec!["a", "b", "e"], vec!["a", "d", "e"]]
        );
    }
}
