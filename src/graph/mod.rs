//! The knowledge graph: a petgraph `StableGraph` of entities and relations
//! with an id -> node index map and interned predicates, built from
//! triples, merged with other graphs, and saved as the versioned JSON graph
//! file or the binary one (`json`, `binary`). Views under filters are in
//! `filter`, the compact adjacency index in `adjacency`.
//!
//! Invariants: one node per entity id; one relation per (subject,
//! predicate, object), symmetric relations stored with the smaller id as
//! subject; every relation keeps all its evidence; the file is written
//! sorted, so merging is commutative, associative and idempotent down to
//! the byte.

pub mod adjacency;
pub(crate) mod binary;
mod file;
mod filter;
mod json;
mod records;
mod remove;
pub mod validity;

pub(crate) use filter::date_bounds;
pub use filter::{Filter, View};
pub use records::{
    DocRecord, Empty, EntityRecord, EvidenceFields, EvidenceRecord, RelationFields, RelationRecord, Sparse, StatementDetails, Statements,
    Term,
};
pub use remove::Removed;

use crate::error::{Error, Result};
use crate::input::Document;
use crate::model::{Category, EntityType, Triple};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeIndexable, EdgeRef, NodeIndexable};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

pub const FORMAT: &str = "geokg-graph";

/// Short strings of relations and evidence (ids, predicates, dates, rule
/// names, document ids) are stored inline up to 24 bytes: a million
/// relations then cost a few allocations less each.
pub type Str = compact_str::CompactString;
pub const VERSION: u32 = 1;

/// Levenshtein distance between two strings, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// An entity's name and aliases from all the names it has: the longest is
/// the name (the smallest of equals), the others are its sorted aliases.
fn canonical_names(mut names: BTreeSet<String>) -> (String, Vec<String>) {
    let best = names
        .iter()
        .max_by(|a, b| a.chars().count().cmp(&b.chars().count()).then(b.cmp(a)))
        .cloned()
        .unwrap_or_default();
    names.remove(&best);
    (best, names.into_iter().collect())
}

fn source_count(r: &RelationRecord, outlets: &FxHashMap<String, Option<String>>) -> usize {
    if let [e] = &r.evidence[..] {
        return usize::from(!e.negated && outlets.get(e.doc.as_str()).is_some_and(Option::is_some));
    }
    r.evidence
        .iter()
        .filter(|e| !e.negated)
        .filter_map(|e| outlets.get(e.doc.as_str()).and_then(Option::as_ref))
        .collect::<BTreeSet<_>>()
        .len()
}

/// The graph file, as written to disk.
#[derive(Debug, Serialize, Deserialize)]
pub struct GraphFile {
    pub format: String,
    pub version: u32,
    pub documents: Vec<DocRecord>,
    pub entities: Vec<EntityRecord>,
    pub relations: Vec<RelationRecord>,
}

/// A graph's records in file order (`sorted_records`), with each
/// relation's subject and object as positions in `entities`.
pub(crate) struct Sorted<'g> {
    pub documents: Vec<&'g DocRecord>,
    pub entities: Vec<&'g EntityRecord>,
    pub relations: Vec<&'g RelationRecord>,
    pub ends: Vec<[u32; 2]>,
}

/// The in-memory graph.
#[derive(Debug, Default, Clone)]
pub struct KnowledgeGraph {
    pub graph: StableDiGraph<EntityRecord, RelationRecord>,
    index: FxHashMap<String, NodeIndex>,
    /// Predicates interned, so that the edge key is three integers.
    predicates: FxHashMap<String, u32>,
    edges: FxHashMap<(NodeIndex, u32, NodeIndex), EdgeIndex>,
    /// Document id -> outlet, kept as documents arrive, for `sources`.
    outlets: FxHashMap<String, Option<String>>,
    pub documents: BTreeSet<DocRecord>,
    /// Relations that took statements since their derived fields (sorted
    /// evidence, counts, dates, sources) were last computed. Building adds
    /// statements one at a time, and recomputing a relation's fields on
    /// every statement made a build quadratic in the statements of one
    /// relation; they are computed once, by `finish`, instead.
    stale: FxHashSet<EdgeIndex>,
    /// Relations were added or changed since terms were last closed by
    /// successors (`validity::close_by_successors`), which reads them all.
    terms_stale: bool,
}

impl KnowledgeGraph {
    pub fn new() -> KnowledgeGraph {
        KnowledgeGraph::default()
    }

    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    pub fn entity(&self, n: NodeIndex) -> &EntityRecord {
        &self.graph[n]
    }

    pub fn entity_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn relation_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Adds an entity or merges its names into the existing one. The
    /// canonical name is chosen by a rule that does not depend on the
    /// order of merging: the longest name, then the smallest.
    pub fn add_entity(&mut self, e: EntityRecord) -> NodeIndex {
        if let Some(&n) = self.index.get(&e.id) {
            let cur = &mut self.graph[n];
            let names: BTreeSet<String> = cur
                .aliases
                .drain(..)
                .chain(e.aliases)
                .chain([std::mem::take(&mut cur.name), e.name])
                .collect();
            (cur.name, cur.aliases) = canonical_names(names);
            return n;
        }
        let mut e = e;
        e.aliases.sort();
        e.aliases.dedup();
        e.aliases.retain(|a| *a != e.name);
        let id = e.id.clone();
        let n = self.graph.add_node(e);
        self.index.insert(id, n);
        n
    }

    /// Adds a relation or merges its evidence into the existing one, with
    /// its derived fields up to date. Adding many statements of one relation
    /// this way costs a recount each; `insert_relation` and one `finish`
    /// cost one.
    pub fn add_relation(&mut self, r: RelationRecord) -> Result<EdgeIndex, String> {
        let e = self.insert_relation(r)?;
        self.finish();
        Ok(e)
    }

    /// Computes the derived fields of every relation that took statements
    /// since the last call. Every reader sees a finished graph: `load`,
    /// `merge`, `add_extractions` and `add_relation` end with it.
    pub fn finish(&mut self) {
        for e in std::mem::take(&mut self.stale) {
            if let Some(r) = self.graph.edge_weight_mut(e) {
                r.finish();
                r.sources = source_count(r, &self.outlets);
            }
        }
        if std::mem::take(&mut self.terms_stale) {
            validity::close_by_successors(self);
        }
    }

    /// True when some relation's derived fields wait for `finish`.
    pub fn is_finished(&self) -> bool {
        self.stale.is_empty() && !self.terms_stale
    }

    /// Adds a relation or merges its evidence into the existing one; a
    /// merged relation's derived fields wait for `finish`.
    pub fn insert_relation(&mut self, r: RelationRecord) -> Result<EdgeIndex, String> {
        let s = self
            .node(&r.subject)
            .ok_or_else(|| format!("relation names unknown entity {:?}", r.subject))?;
        let o = self
            .node(&r.object)
            .ok_or_else(|| format!("relation names unknown entity {:?}", r.object))?;
        Ok(self.insert_between(s, o, r))
    }

    /// `insert_relation` for a relation whose ends' nodes the caller knows
    /// (they must be the nodes of its subject and object ids).
    pub(crate) fn insert_between(&mut self, mut s: NodeIndex, mut o: NodeIndex, mut r: RelationRecord) -> EdgeIndex {
        if r.symmetric && r.object < r.subject {
            std::mem::swap(&mut r.subject, &mut r.object);
            std::mem::swap(&mut s, &mut o);
        }
        let next = self.predicates.len() as u32;
        let p = match self.predicates.get(r.predicate.as_str()) {
            Some(&p) => p,
            None => {
                self.predicates.insert(r.predicate.to_string(), next);
                next
            }
        };
        let key = (s, p, o);
        self.terms_stale |= matches!(r.category, Category::LeaderOf | Category::AffiliatedWith);
        if let Some(&e) = self.edges.get(&key) {
            let cur = &mut self.graph[e];
            cur.evidence.extend(r.evidence);
            cur.symmetric |= r.symmetric;
            // Two files may disagree on a predicate's category (an edited
            // graph, an older lexicon): keep the smaller so that merging
            // does not depend on order.
            cur.category = cur.category.min(r.category);
            self.stale.insert(e);
            return e;
        }
        r.finish();
        r.sources = source_count(&r, &self.outlets);
        let e = self.graph.add_edge(s, o, r);
        self.edges.insert(key, e);
        e
    }

    pub fn add_document(&mut self, d: DocRecord) {
        if !self.outlets.contains_key(&d.id) {
            self.outlets.insert(d.id.clone(), d.outlet());
        }
        self.documents.insert(d);
    }

    /// Adds the triples of one extracted document. The relations it extends
    /// wait for `finish` (which `save` and `add_extractions` call).
    pub fn add_extraction(&mut self, doc: &Document, triples: &[Triple]) {
        self.add_document(DocRecord::of(doc));
        for t in triples {
            for e in [&t.subject, &t.object] {
                self.add_entity(EntityRecord {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    kind: e.kind,
                    aliases: vec![],
                });
            }
            let ev = EvidenceRecord::from(crate::graph::EvidenceFields {
                doc: t.evidence.doc.as_str().into(),
                sentence: t.evidence.sentence,
                span: t.evidence.span,
                text: t.evidence.text.clone(),
                date: t.date.as_deref().map(Str::from),
                modality: t.modality,
                negated: t.negated,
                attribution: t.attribution.as_ref().map(|a| Str::from(a.id.as_str())),
                rule: t.rule.as_str().into(),
                former: t.former,
                valid_from: t.valid_from.as_deref().map(Str::from),
                valid_until: t.valid_until.as_deref().map(Str::from),
                place: t.place.as_ref().map(|p| Str::from(p.id.as_str())),
                place_name: t.place.as_ref().map(|p| p.name.clone()),
                dead: t.dead,
                injured: t.injured,
                mode: t.mode.as_deref().map(Str::from),
            });
            let r = RelationRecord::new(
                t.subject.id.as_str().into(),
                t.predicate.as_str().into(),
                t.category,
                t.object.id.as_str().into(),
                t.symmetric,
                ev,
            );
            // Both ends were just added, so this cannot fail.
            let _ = self.insert_relation(r);
        }
    }

    /// Adds the triples of many extracted documents and finishes the graph.
    pub fn add_extractions<'a>(&mut self, docs: impl IntoIterator<Item = (&'a Document, &'a [Triple])>) {
        for (d, t) in docs {
            self.add_extraction(d, t);
        }
        self.finish();
    }

    /// Merges another graph into this one.
    pub fn merge(&mut self, mut other: KnowledgeGraph) {
        // Merging into nothing gives the other graph: it is taken whole
        // instead of rebuilt relation by relation, which was most of a
        // one-file `geokg merge` (a finished graph is already what
        // re-inserting its records would make; the merge-law property
        // tests pin that).
        if self.graph.node_count() == 0 && self.documents.is_empty() {
            other.finish();
            *self = other;
            return;
        }
        let KnowledgeGraph { graph, documents, .. } = other;
        // Room for the other graph's relations, most of which are new in a
        // merge of separate builds: see `from_file`.
        self.graph.reserve_edges(graph.edge_count());
        self.edges.reserve(graph.edge_count());
        for d in documents {
            self.add_document(d);
        }
        // The other graph's node indices, mapped to this graph's nodes as
        // the entities go in: a relation's ends are then found without
        // looking their ids up.
        let mut node_of = vec![NodeIndex::end(); graph.node_bound()];
        let (nodes, edges) = graph.into_nodes_edges_iters();
        for n in nodes {
            node_of[n.index.index()] = self.add_entity(n.weight);
        }
        for r in edges {
            self.insert_between(node_of[r.source.index()], node_of[r.target.index()], r.weight);
        }
        self.finish();
    }

    /// The sorted file form.
    pub fn to_file(&self) -> GraphFile {
        debug_assert!(self.is_finished(), "to_file on a graph with relations waiting for finish");
        let mut entities: Vec<EntityRecord> = self.graph.node_weights().cloned().collect();
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        let mut relations: Vec<RelationRecord> = self.graph.edge_weights().cloned().collect();
        relations.sort_by(|a, b| (&a.subject, &a.predicate, &a.object).cmp(&(&b.subject, &b.predicate, &b.object)));
        GraphFile {
            format: FORMAT.into(),
            version: VERSION,
            documents: self.documents.iter().cloned().collect(),
            entities,
            relations,
        }
    }

    pub fn from_file(f: GraphFile, path: &Path) -> Result<KnowledgeGraph> {
        let GraphFile {
            format,
            version,
            documents,
            entities,
            relations,
        } = f;
        let (mut g, _) = KnowledgeGraph::from_head(&format, version, documents, entities, relations.len(), path)?;
        for r in relations {
            g.insert_relation(r).map_err(|message| Error::Graph {
                path: path.to_path_buf(),
                message,
            })?;
        }
        g.finish();
        Ok(g)
    }

    /// The graph of what a file holds before its relations: its format and
    /// version checked, its documents and entities in, and room made for
    /// the `relations` relations that the caller inserts one at a time (a
    /// binary file decodes each straight into the graph, without a vector
    /// of a million records in between) before calling `finish`. Also
    /// returns the node of each entity, in file order.
    pub(crate) fn from_head(
        format: &str,
        version: u32,
        documents: Vec<DocRecord>,
        entities: Vec<EntityRecord>,
        relations: usize,
        path: &Path,
    ) -> Result<(KnowledgeGraph, Vec<NodeIndex>)> {
        let bad = |message: String| Error::Graph {
            path: path.to_path_buf(),
            message,
        };
        if format != FORMAT {
            return Err(bad(format!("not a geokg graph file (format is {format:?})")));
        }
        if version > VERSION {
            return Err(bad(format!(
                "graph file version {version} is newer than this geokg reads ({VERSION}); upgrade geokg"
            )));
        }
        let mut g = KnowledgeGraph::new();
        // Room for everything at once: growing a vector of a million
        // relation records, or a map of a million keys, copies them all
        // each time it doubles.
        g.graph.reserve_exact_nodes(entities.len());
        g.graph.reserve_exact_edges(relations);
        g.index.reserve(entities.len());
        g.edges.reserve(relations);
        g.outlets.reserve(documents.len());
        for d in documents {
            g.add_document(d);
        }
        let mut nodes = Vec::with_capacity(entities.len());
        for mut e in entities {
            // A file written by hand or by another tool may give an alias
            // longer than the name; read it as geokg would have written it,
            // so that merging the file with itself changes nothing.
            let names = e.aliases.drain(..).chain([std::mem::take(&mut e.name)]).collect();
            (e.name, e.aliases) = canonical_names(names);
            nodes.push(g.add_entity(e));
        }
        Ok((g, nodes))
    }

    /// The nodes sorted by a string of their entities (ties in node
    /// order), and each node's rank in that order, indexed by node index;
    /// entities with equal strings share the rank of the first of them.
    pub(crate) fn ranked_nodes(&self, key: impl Fn(&EntityRecord) -> &str) -> (Vec<NodeIndex>, Vec<u32>) {
        let mut nodes: Vec<NodeIndex> = self.graph.node_indices().collect();
        nodes.sort_by(|&a, &b| key(&self.graph[a]).cmp(key(&self.graph[b])));
        let mut rank = vec![0u32; self.graph.node_bound()];
        for (i, &n) in nodes.iter().enumerate() {
            let equal = i > 0 && key(&self.graph[nodes[i - 1]]) == key(&self.graph[n]);
            rank[n.index()] = if equal { rank[nodes[i - 1].index()] } else { i as u32 };
        }
        (nodes, rank)
    }

    /// The rank of each interned predicate among the sorted predicates,
    /// indexed by its interned id.
    fn predicate_ranks(&self) -> Vec<u32> {
        let mut predicates: Vec<(&str, u32)> = self.predicates.iter().map(|(p, &i)| (p.as_str(), i)).collect();
        predicates.sort_unstable();
        let mut rank = vec![0u32; predicates.len()];
        for (i, &(_, p)) in predicates.iter().enumerate() {
            rank[p as usize] = i as u32;
        }
        rank
    }

    /// The rank of each relation's predicate among the sorted predicates,
    /// indexed by edge index.
    pub(crate) fn predicate_rank_of_edges(&self) -> Vec<u32> {
        let rank = self.predicate_ranks();
        let mut of_edge = vec![0u32; self.graph.edge_bound()];
        for (&(_, p, _), &e) in &self.edges {
            of_edge[e.index()] = rank[p as usize];
        }
        of_edge
    }

    /// The records in file order, borrowed rather than cloned: a million
    /// relations' evidence is not copied to be written.
    pub(crate) fn sorted_records(&self) -> Sorted<'_> {
        debug_assert!(self.is_finished(), "records of a graph with relations waiting for finish");
        let documents: Vec<&DocRecord> = self.documents.iter().collect();
        let (nodes, node_rank) = self.ranked_nodes(|e| &e.id);
        // Relations sort by (subject, predicate, object), which is the order
        // of the ends' and the predicate's ranks among the sorted ids and
        // predicates. Sorting integer keys from the edge map never reads a
        // relation record: comparing the strings inside a million records
        // scattered over memory was most of a save.
        let predicate_rank = self.predicate_ranks();
        let mut keys: Vec<(u32, u32, u32, EdgeIndex)> = self
            .edges
            .iter()
            .map(|(&(s, p, o), &e)| (node_rank[s.index()], predicate_rank[p as usize], node_rank[o.index()], e))
            .collect();
        // The keys are distinct: one relation per (subject, predicate, object).
        keys.sort_unstable();
        Sorted {
            documents,
            entities: nodes.iter().map(|&n| &self.graph[n]).collect(),
            relations: keys.iter().map(|k| &self.graph[k.3]).collect(),
            // Ids are distinct, so an id's rank is its entity's position.
            ends: keys.iter().map(|k| [k.0, k.2]).collect(),
        }
    }

    /// Reads a graph file, JSON or binary: the first bytes tell which.
    pub fn load(path: &Path) -> Result<KnowledgeGraph> {
        KnowledgeGraph::decode(file::read(path)?, path)
    }

    /// Reads a graph file's bytes from memory, JSON or binary, as `load`
    /// reads a file; `name` stands for the file in errors.
    pub fn from_bytes(bytes: Vec<u8>, name: &Path) -> Result<KnowledgeGraph> {
        KnowledgeGraph::decode(file::from_memory(bytes, name)?, name)
    }

    fn decode(raw: file::Raw, path: &Path) -> Result<KnowledgeGraph> {
        match raw {
            file::Raw::Json(bytes) => KnowledgeGraph::from_file(json::parse(&bytes, path)?, path),
            file::Raw::Binary(bytes) => binary::load(&bytes, path),
        }
    }

    /// The bytes `save` writes: the binary file when `binary`, else the
    /// JSON file.
    pub fn to_bytes(&mut self, binary: bool) -> Vec<u8> {
        self.finish();
        let sorted = self.sorted_records();
        if binary {
            return binary::encode(&sorted);
        }
        let Sorted {
            documents,
            entities,
            relations,
            ..
        } = sorted;
        let mut out = Vec::new();
        // Writing to memory cannot fail, and serialising the records never
        // does: every key is a string.
        let _ = json::to_writer(&mut out, &documents, &entities, &relations);
        out
    }

    /// Writes the graph atomically (a temporary file in the same directory,
    /// flushed to disk, then renamed over the target): the binary file when
    /// the name ends in `.geokg`, else the JSON file.
    pub fn save(&mut self, path: &Path) -> Result<()> {
        self.finish();
        let sorted = self.sorted_records();
        if file::is_binary_name(path) {
            let bytes = binary::encode(&sorted);
            write_atomic(path, |w| w.write_all(&bytes))
        } else {
            json::write(path, &sorted.documents, &sorted.entities, &sorted.relations)
        }
    }

    /// Entities whose id, name or alias equals `query` (case-insensitive).
    pub fn find(&self, query: &str) -> Result<NodeIndex> {
        if let Some(n) = self.node(query) {
            return Ok(n);
        }
        let q = query.trim().to_lowercase();
        let mut hits: Vec<NodeIndex> = self
            .graph
            .node_indices()
            .filter(|&n| {
                let e = &self.graph[n];
                e.id.to_lowercase() == q || e.name.to_lowercase() == q || e.aliases.iter().any(|a| a.to_lowercase() == q)
            })
            .collect();
        if hits.is_empty() {
            // A surname or a partial name: "Lukashenko", "Kellogg".
            hits = self
                .graph
                .node_indices()
                .filter(|&n| {
                    let name = self.graph[n].name.to_lowercase();
                    name.split_whitespace().any(|w| w == q) || (q.len() >= 4 && name.contains(&q))
                })
                .collect();
        }
        match hits.len() {
            0 => Err(Error::NoSuchEntity {
                query: query.to_string(),
                suggestions: self.near_names(&q),
            }),
            1 => Ok(hits[0]),
            _ => {
                let mut c: Vec<String> = hits
                    .iter()
                    .map(|&n| format!("{} ({})", self.graph[n].name, self.graph[n].id))
                    .collect();
                c.sort();
                Err(Error::AmbiguousEntity {
                    query: query.to_string(),
                    candidates: c,
                })
            }
        }
    }

    /// Up to three entity names close to a query that matched none (a typo,
    /// another spelling): a name, alias or word of a name within a small
    /// edit distance, nearest first.
    fn near_names(&self, q: &str) -> Vec<String> {
        let limit = (q.chars().count() / 3).clamp(1, 3);
        let mut near: Vec<(usize, &str)> = self
            .graph
            .node_weights()
            .filter_map(|e| {
                let names = std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(String::as_str));
                let d = names
                    .flat_map(|n| std::iter::once(n).chain(n.split_whitespace()))
                    .map(|n| edit_distance(q, &n.to_lowercase()))
                    .min()?;
                (d <= limit).then_some((d, e.name.as_str()))
            })
            .collect();
        near.sort();
        near.dedup_by(|a, b| a.1 == b.1);
        near.into_iter().take(3).map(|(_, n)| n.to_string()).collect()
    }

    /// Degree of every node, counting relations (not evidence).
    pub fn degree(&self, n: NodeIndex) -> usize {
        self.graph.edges_directed(n, petgraph::Direction::Outgoing).count()
            + self.graph.edges_directed(n, petgraph::Direction::Incoming).count()
    }

    /// Counts of entities by type and relations by category.
    pub fn counts(&self) -> (BTreeMap<EntityType, usize>, BTreeMap<Category, usize>) {
        let mut types = BTreeMap::new();
        for e in self.graph.node_weights() {
            *types.entry(e.kind).or_insert(0) += 1;
        }
        let mut cats = BTreeMap::new();
        for r in self.graph.edge_weights() {
            *cats.entry(r.category).or_insert(0) += 1;
        }
        (types, cats)
    }

    /// Relations of a node with the node at the other end.
    pub fn incident(&self, n: NodeIndex) -> impl Iterator<Item = (EdgeIndex, NodeIndex, bool)> + '_ {
        let out = self
            .graph
            .edges_directed(n, petgraph::Direction::Outgoing)
            .map(|e| (e.id(), e.target(), true));
        let inc = self
            .graph
            .edges_directed(n, petgraph::Direction::Incoming)
            .map(|e| (e.id(), e.source(), false));
        out.chain(inc)
    }
}

/// Writes a file atomically; see [`crate::atomic`].
pub use crate::atomic::write_file as write_atomic;

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(id: &str, name: &str) -> EntityRecord {
        EntityRecord {
            id: id.into(),
            name: name.into(),
            kind: EntityType::Person,
            aliases: vec![],
        }
    }

    fn rel(s: &str, p: &str, o: &str, doc: &str, sym: bool) -> RelationRecord {
        RelationRecord::new(
            s.into(),
            p.into(),
            Category::Consult,
            o.into(),
            sym,
            vec![EvidenceRecord::from(crate::graph::EvidenceFields {
                doc: doc.into(),
                sentence: 0,
                span: [0, 1],
                text: "x".into(),
                date: Some("2025-01-01".into()),
                modality: crate::model::Modality::Asserted,
                negated: false,
                attribution: None,
                rule: "r".into(),
                ..Default::default()
            })],
        )
    }

    fn graph(docs: &[&str]) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        g.add_entity(ent("person:b", "B"));
        g.add_entity(ent("person:a", "A"));
        for d in docs {
            g.add_relation(rel("person:b", "met", "person:a", d, true)).unwrap();
        }
        g
    }

    fn bytes(g: &KnowledgeGraph) -> String {
        serde_json::to_string(&g.to_file()).unwrap()
    }

    #[test]
    fn symmetric_relations_are_stored_once_in_canonical_direction() {
        let g = graph(&["d1", "d2"]);
        let f = g.to_file();
        assert_eq!(f.relations.len(), 1);
        assert_eq!(f.relations[0].subject, "person:a");
        assert_eq!(f.relations[0].documents, 2);
    }

    #[test]
    fn merge_is_commutative_and_idempotent() {
        let (a, b) = (graph(&["d1"]), graph(&["d2"]));
        let mut ab = a.clone();
        ab.merge(b.clone());
        let mut ba = b.clone();
        ba.merge(a.clone());
        assert_eq!(bytes(&ab), bytes(&ba));
        let mut aa = a.clone();
        aa.merge(a.clone());
        assert_eq!(bytes(&aa), bytes(&a));
    }

    #[test]
    fn names_merge_independently_of_order() {
        let mut g1 = KnowledgeGraph::new();
        g1.add_entity(ent("person:x", "Lukashenko"));
        g1.add_entity(ent("person:x", "Alexander Lukashenko"));
        let mut g2 = KnowledgeGraph::new();
        g2.add_entity(ent("person:x", "Alexander Lukashenko"));
        g2.add_entity(ent("person:x", "Lukashenko"));
        assert_eq!(bytes(&g1), bytes(&g2));
        assert_eq!(g1.to_file().entities[0].name, "Alexander Lukashenko");
    }
}
