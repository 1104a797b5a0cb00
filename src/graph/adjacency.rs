//! The compact adjacency index: every node's relations in one flat array
//! (compressed sparse rows) of 8-byte entries, beside the petgraph graph.
//!
//! petgraph stores each edge with its weight inline, and a relation record
//! is a few hundred bytes, so walking a node's edge list in the graph
//! touches one cache line per relation. Repeated traversals (an analyst's
//! hundreds of neighbourhood questions, the benchmarks) read this index
//! instead: a node's relations are consecutive, and a 2-hop walk touches
//! a few dozen cache lines. It is a snapshot: built from a finished graph,
//! and not updated when the graph changes.
//!
//! Also here: `Visited`, the reusable set that traversals mark nodes and
//! relations in.

use super::KnowledgeGraph;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::NodeIndexable;

/// One relation seen from one of its ends.
#[derive(Debug, Clone, Copy)]
pub struct Incidence {
    /// The node at the other end.
    other: u32,
    /// The relation's edge index, with the top bit set when the relation
    /// goes out of the node.
    edge: u32,
}

const OUTGOING: u32 = 1 << 31;

impl Incidence {
    pub fn other(self) -> NodeIndex {
        NodeIndex::new(self.other as usize)
    }

    pub fn edge(self) -> EdgeIndex {
        EdgeIndex::new((self.edge & !OUTGOING) as usize)
    }

    pub fn outgoing(self) -> bool {
        self.edge & OUTGOING != 0
    }
}

/// Every node's relations, outgoing first, each group in edge index
/// order. That is not always the order of `KnowledgeGraph::incident`
/// (petgraph's lists run newest first, and reuse removed slots), so
/// whatever walks the index must not depend on the order of a node's
/// relations.
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    /// Node `n`'s relations are `entries[offsets[n]..offsets[n + 1]]`.
    offsets: Vec<u32>,
    entries: Vec<Incidence>,
    /// The orders rows sort in, as integers, so that sorting them never
    /// compares strings: each node's rank by entity name (equal names,
    /// equal ranks) and by id, and each relation's predicate's rank.
    name_rank: Vec<u32>,
    id_rank: Vec<u32>,
    predicate_rank: Vec<u32>,
}

impl Adjacency {
    /// The index of a graph, in three passes over a compact copy of the
    /// edge list (petgraph's edges hold their records inline, so one scan
    /// of them is the expensive part). Edge indices must fit in 31 bits and
    /// entry counts in 32, which holds for graphs of up to a billion
    /// relations.
    pub fn of(g: &KnowledgeGraph) -> Adjacency {
        use petgraph::visit::{EdgeRef, IntoEdgeReferences};
        let bound = g.graph.node_bound();
        let ends: Vec<[u32; 3]> = g
            .graph
            .edge_references()
            .map(|e| [e.source().index() as u32, e.target().index() as u32, e.id().index() as u32])
            .collect();
        let mut offsets = vec![0u32; bound + 1];
        for &[s, t, _] in &ends {
            offsets[s as usize + 1] += 1;
            offsets[t as usize + 1] += 1;
        }
        for i in 0..bound {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut entries = vec![Incidence { other: 0, edge: 0 }; ends.len() * 2];
        for &[s, t, e] in &ends {
            let at = &mut next[s as usize];
            entries[*at as usize] = Incidence {
                other: t,
                edge: e | OUTGOING,
            };
            *at += 1;
        }
        for &[s, t, e] in &ends {
            let at = &mut next[t as usize];
            entries[*at as usize] = Incidence { other: s, edge: e };
            *at += 1;
        }
        Adjacency {
            offsets,
            entries,
            name_rank: g.ranked_nodes(|e| &e.name).1,
            id_rank: g.ranked_nodes(|e| &e.id).1,
            predicate_rank: g.predicate_rank_of_edges(),
        }
    }

    /// Where `n`'s entity name sorts among all names.
    pub fn name_rank(&self, n: NodeIndex) -> u32 {
        self.name_rank[n.index()]
    }

    /// Where `n`'s entity id sorts among all ids.
    pub fn id_rank(&self, n: NodeIndex) -> u32 {
        self.id_rank[n.index()]
    }

    /// Where relation `e`'s predicate sorts among all predicates.
    pub fn predicate_rank(&self, e: EdgeIndex) -> u32 {
        self.predicate_rank[e.index()]
    }

    /// The relations of `n`, outgoing first.
    pub fn of_node(&self, n: NodeIndex) -> &[Incidence] {
        let i = n.index();
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.entries[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// A set of small integers (node or edge indices), one bit each, reused
/// across traversals instead of a hash set per query. Emptying it clears
/// only the words that were written, so a small traversal of a large graph
/// pays for what it touched.
#[derive(Debug, Clone, Default)]
pub struct Visited {
    bits: Vec<u64>,
    /// Indices of the words that have a bit set.
    dirty: Vec<u32>,
}

impl Visited {
    /// Empties the set and makes room for members below `bound`.
    pub fn clear(&mut self, bound: usize) {
        for &w in &self.dirty {
            self.bits[w as usize] = 0;
        }
        self.dirty.clear();
        let words = bound.div_ceil(64);
        if self.bits.len() < words {
            self.bits.resize(words, 0);
        }
    }

    /// Whether `i` is a member.
    #[inline]
    pub fn contains(&self, i: usize) -> bool {
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }

    /// Adds `i`; true when it was not a member yet.
    #[inline]
    pub fn insert(&mut self, i: usize) -> bool {
        let w = &mut self.bits[i / 64];
        let bit = 1 << (i % 64);
        if *w & bit != 0 {
            return false;
        }
        if *w == 0 {
            self.dirty.push((i / 64) as u32);
        }
        *w |= bit;
        true
    }
}
