//! Neighbourhoods: the relations within some hops of an entity, as rows
//! with their firmest statement (`neighbors`), or the entities alone
//! (`reach`).
//!
//! A `Neighborhood` holds what repeated questions reuse: the visited sets
//! (bitsets that clear only the words they touched) and, when built with
//! `indexed`, the compact adjacency index. Rows borrow their names and
//! texts from the graph, so a row costs no string copies.

use crate::graph::adjacency::{Adjacency, Visited};
use crate::graph::{EntityRecord, EvidenceRecord, KnowledgeGraph};
use crate::model::{Category, EntityType, Modality};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeIndexable, NodeIndexable};
use serde::Serialize;
use std::collections::VecDeque;

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
        NeighborQuery {
            depth: 1,
            direction: Direction::Both,
            categories: vec![],
            include_negated: false,
        }
    }
}

/// An entity as a row names it (serialised like `EntitySummary`).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct EntityName<'g> {
    pub id: &'g str,
    pub name: &'g str,
    #[serde(rename = "type")]
    pub kind: EntityType,
}

/// The statement a row quotes (serialised like `EvidenceSummary`).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Quote<'g> {
    pub doc: &'g str,
    pub sentence: usize,
    pub text: &'g str,
    pub date: Option<&'g str>,
    pub modality: Modality,
    pub negated: bool,
}

impl<'g> From<&'g EntityRecord> for EntityName<'g> {
    fn from(e: &'g EntityRecord) -> EntityName<'g> {
        EntityName {
            id: &e.id,
            name: &e.name,
            kind: e.kind,
        }
    }
}

impl<'g> From<&'g EvidenceRecord> for Quote<'g> {
    fn from(e: &'g EvidenceRecord) -> Quote<'g> {
        Quote {
            doc: &e.doc,
            sentence: e.sentence,
            text: &e.text,
            date: e.date.as_deref(),
            modality: e.modality,
            negated: e.negated,
        }
    }
}

/// One relation found around the queried entity.
#[derive(Debug, Clone, Serialize)]
pub struct NeighborRow<'g> {
    pub depth: usize,
    pub subject: EntityName<'g>,
    pub predicate: &'g str,
    pub category: Category,
    pub object: EntityName<'g>,
    pub symmetric: bool,
    /// Number of statements (evidence records).
    pub count: usize,
    pub documents: usize,
    /// Documents once syndicated copies of one sentence are counted once.
    pub corroboration: usize,
    /// Distinct outlets, when the documents name them.
    pub sources: usize,
    pub first_date: Option<&'g str>,
    pub last_date: Option<&'g str>,
    /// The firmest way the relation is stated (see `RelationRecord::modality`).
    pub modality: Modality,
    /// Every statement of the relation is negated.
    pub negated: bool,
    /// Statements that are not asserted facts: reported, planned, requested
    /// or hypothetical, or negated.
    pub hedged: usize,
    /// LEADER_OF and AFFILIATED_WITH: the role has ended, and its term.
    #[serde(skip_serializing_if = "crate::model::is_false")]
    pub former: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<&'g str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<&'g str>,
    pub evidence: Quote<'g>,
}

/// A row's place in the order of `neighbors`, from the index's ranks:
/// nearest first, then most statements, then subject name, predicate,
/// object name, and the ids that tell equal names apart. Fields compare in
/// declaration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RowKey {
    depth: u32,
    fewer: u32,
    subject: u32,
    predicate: u32,
    object: u32,
    subject_id: u32,
    object_id: u32,
    row: u32,
}

/// Neighbourhood questions over one graph, with their scratch space.
#[derive(Debug)]
pub struct Neighborhood<'g> {
    g: &'g KnowledgeGraph,
    /// The compact index, for many questions; one question walks the
    /// graph itself, which is cheaper than building the index.
    index: Option<Adjacency>,
    nodes: Visited,
    edges: Visited,
}

impl<'g> Neighborhood<'g> {
    /// Questions that walk the graph's own edge lists.
    pub fn new(g: &'g KnowledgeGraph) -> Neighborhood<'g> {
        Neighborhood {
            g,
            index: None,
            nodes: Visited::default(),
            edges: Visited::default(),
        }
    }

    /// Questions that walk the compact adjacency index, built here once.
    pub fn indexed(g: &'g KnowledgeGraph) -> Neighborhood<'g> {
        Neighborhood {
            index: Some(Adjacency::of(g)),
            ..Neighborhood::new(g)
        }
    }

    /// Calls `f` with every relation of `n` (edge, other end, outgoing),
    /// outgoing first, from the index when there is one.
    #[inline]
    fn each_incident(index: Option<&Adjacency>, g: &KnowledgeGraph, n: NodeIndex, mut f: impl FnMut(EdgeIndex, NodeIndex, bool)) {
        match index {
            Some(a) => {
                for i in a.of_node(n) {
                    f(i.edge(), i.other(), i.outgoing());
                }
            }
            None => {
                for (e, other, out) in g.incident(n) {
                    f(e, other, out);
                }
            }
        }
    }

    /// Loads the records of `n`'s relations and their first statements,
    /// with no branch on what the loads find, so that they are all in
    /// flight at once; the walk over them after this then hits the cache.
    /// A relation record and its statements are scattered over a large
    /// graph's memory, and waiting for them one by one was nearly all of a
    /// neighbourhood question (a software prefetch without `unsafe`).
    #[inline]
    fn touch(g: &KnowledgeGraph, a: &Adjacency, n: NodeIndex) {
        let mut touch = 0usize;
        for i in a.of_node(n) {
            if let Some(r) = g.graph.edge_weight(i.edge()) {
                // A record spans several cache lines; a row reads most of
                // its fields, so fields all over it are touched.
                touch ^= r.evidence.len()
                    ^ r.predicate.len()
                    ^ r.sources
                    ^ usize::from(r.first_date.is_some())
                    ^ usize::from(r.term.valid_until.is_some())
                    ^ usize::from(r.term.valid_from.is_some());
            }
        }
        std::hint::black_box(touch);
        let mut touch = 0u8;
        for i in a.of_node(n) {
            if let Some(e) = g.graph.edge_weight(i.edge()).and_then(|r| r.evidence.first()) {
                touch ^= u8::from(e.negated);
            }
            // The other end's name, which the row and its sort read.
            if let Some(&b) = g.graph.node_weight(i.other()).and_then(|e| e.name.as_bytes().first()) {
                touch ^= b;
            }
        }
        std::hint::black_box(touch);
    }

    /// Relations within `q.depth` hops of `start`, nearest first, then by
    /// evidence count, then by names and ids.
    pub fn neighbors(&mut self, start: NodeIndex, q: &NeighborQuery) -> Vec<NeighborRow<'g>> {
        let g = self.g;
        let mut rows = Vec::new();
        self.nodes.clear(g.graph.node_bound());
        self.edges.clear(g.graph.edge_bound());
        let (nodes, edges) = (&mut self.nodes, &mut self.edges);
        let index = self.index.as_ref();
        let mut keys = Vec::new();
        let mut queue = VecDeque::new();
        nodes.insert(start.index());
        queue.push_back((start, 0usize));
        while let Some((n, d)) = queue.pop_front() {
            if d >= q.depth {
                continue;
            }
            if let Some(a) = &self.index {
                Self::touch(g, a, n);
            }
            Self::each_incident(self.index.as_ref(), g, n, |e, other, outgoing| {
                // A relation already listed is passed over before its
                // record is read: at depth 2 that is half of them.
                if edges.contains(e.index()) {
                    return;
                }
                let r = &g.graph[e];
                let dir_ok = r.symmetric
                    || match q.direction {
                        Direction::Both => true,
                        Direction::Out => outgoing,
                        Direction::In => !outgoing,
                    };
                if !dir_ok || (!q.categories.is_empty() && !q.categories.contains(&r.category)) {
                    return;
                }
                let negated = r.only_negated();
                if !q.include_negated && negated {
                    return;
                }
                edges.insert(e.index());
                // The firmest statement stands for the relation.
                let Some(ev) = r.firmest_evidence() else { return };
                // The ends from the direction the relation was met in:
                // reading them from the edge would touch one more line of it.
                let (s, o) = if outgoing { (n, other) } else { (other, n) };
                if let Some(a) = index {
                    let count = u32::try_from(r.evidence.len()).unwrap_or(u32::MAX);
                    keys.push(RowKey {
                        depth: d as u32,
                        fewer: u32::MAX - count,
                        subject: a.name_rank(s),
                        predicate: a.predicate_rank(e),
                        object: a.name_rank(o),
                        subject_id: a.id_rank(s),
                        object_id: a.id_rank(o),
                        row: rows.len() as u32,
                    });
                }
                rows.push(NeighborRow {
                    depth: d + 1,
                    subject: g.entity(s).into(),
                    predicate: &r.predicate,
                    category: r.category,
                    object: g.entity(o).into(),
                    symmetric: r.symmetric,
                    count: r.evidence.len(),
                    documents: r.documents,
                    corroboration: r.corroboration,
                    sources: r.sources,
                    first_date: r.first_date.as_deref(),
                    last_date: r.last_date.as_deref(),
                    modality: r.modality(),
                    negated,
                    hedged: r.evidence.iter().filter(|e| e.negated || e.modality != Modality::Asserted).count(),
                    former: r.term.former,
                    valid_from: r.term.valid_from.as_deref(),
                    valid_until: r.term.valid_until.as_deref(),
                    evidence: ev.into(),
                });
                if nodes.insert(other.index()) {
                    queue.push_back((other, d + 1));
                }
            });
        }
        if self.index.is_some() {
            // The same order from the index's integer ranks.
            keys.sort_unstable();
            return keys.iter().map(|k| rows[k.row as usize].clone()).collect();
        }
        rows.sort_by(|a, b| {
            a.depth
                .cmp(&b.depth)
                .then(b.count.cmp(&a.count))
                .then_with(|| (a.subject.name, a.predicate, a.object.name).cmp(&(b.subject.name, b.predicate, b.object.name)))
                // Entities of one name are told apart by id, so that the
                // order never depends on the order of the walk.
                .then_with(|| (a.subject.id, a.object.id).cmp(&(b.subject.id, b.object.id)))
        });
        rows
    }

    /// The entities within `depth` hops of `start` (either direction),
    /// nearest first, without building rows: the cheap form of a
    /// neighbourhood question.
    pub fn reach(&mut self, start: NodeIndex, depth: usize) -> Vec<NodeIndex> {
        let g = self.g;
        self.nodes.clear(g.graph.node_bound());
        let nodes = &mut self.nodes;
        nodes.insert(start.index());
        // The result is its own queue: each hop appends the next ring.
        let mut found = vec![start];
        let mut ring = 0..1;
        for _ in 0..depth {
            for i in ring.clone() {
                let n = found[i];
                Self::each_incident(self.index.as_ref(), g, n, |_, m, _| {
                    if nodes.insert(m.index()) {
                        found.push(m);
                    }
                });
            }
            ring = ring.end..found.len();
        }
        found.remove(0);
        found
    }
}

/// Relations within `q.depth` hops of `start`, nearest first, then by
/// evidence count (one question; see `Neighborhood` for many).
pub fn neighbors<'g>(g: &'g KnowledgeGraph, start: NodeIndex, q: &NeighborQuery) -> Vec<NeighborRow<'g>> {
    Neighborhood::new(g).neighbors(start, q)
}

/// The entities within `depth` hops of `start` (either direction), nearest
/// first (one question; see `Neighborhood` for many).
pub fn reach(g: &KnowledgeGraph, start: NodeIndex, depth: usize) -> Vec<NodeIndex> {
    Neighborhood::new(g).reach(start, depth)
}

/// The answer `neighbors --format json` prints: the entity asked about and
/// the relations around it.
#[derive(Debug, Clone, Serialize)]
pub struct NeighborAnswer<'g> {
    pub entity: EntityName<'g>,
    pub relations: Vec<NeighborRow<'g>>,
}

/// The relations around `start` under `q`; with `kind`, only those whose
/// other ends are entities of that type.
pub fn answer<'g>(g: &'g KnowledgeGraph, start: NodeIndex, q: &NeighborQuery, kind: Option<EntityType>) -> NeighborAnswer<'g> {
    let entity = EntityName::from(g.entity(start));
    let mut relations = neighbors(g, start, q);
    if let Some(k) = kind {
        let id = entity.id;
        relations.retain(|r| (r.subject.id == id || r.subject.kind == k) && (r.object.id == id || r.object.kind == k));
    }
    NeighborAnswer { entity, relations }
}
