//! The knowledge graph: a petgraph `StableGraph` of entities and relations
//! with an id -> node index map, built from triples, merged with other
//! graphs, and saved as the versioned JSON graph file.
//!
//! Invariants: one node per entity id; one relation per (subject,
//! predicate, object), symmetric relations stored with the smaller id as
//! subject; every relation keeps all its evidence; the file is written
//! sorted, so merging is commutative, associative and idempotent down to
//! the byte.

mod remove;
pub mod validity;

pub use remove::Removed;

use crate::error::{Error, Result};
use crate::input::Document;
use crate::model::{is_false, Category, EntityType, Modality, Triple};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
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

/// A document the graph was built from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocRecord {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub sha256: String,
}

impl DocRecord {
    pub fn of(doc: &Document) -> DocRecord {
        use sha2::Digest;
        let hash = sha2::Sha256::digest(doc.text.as_bytes());
        DocRecord {
            id: doc.id.clone(),
            title: doc.title.clone(),
            date: doc.date.clone(),
            url: doc.url.clone(),
            source: doc.source.clone(),
            sha256: hex(&hash),
        }
    }
}

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

/// Lower-case hexadecimal, without an allocation per byte.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRecord {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One piece of evidence for a relation.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EvidenceRecord {
    pub doc: Str,
    pub sentence: usize,
    pub span: [usize; 2],
    pub text: String,
    pub date: Option<Str>,
    pub modality: Modality,
    pub negated: bool,
    /// Entity id the statement is attributed to.
    pub attribution: Option<Str>,
    pub rule: Str,
    /// The statement says the role has ended ("former President X").
    #[serde(default, skip_serializing_if = "is_false")]
    pub former: bool,
    /// The role's dates from the gazetteer, when it has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Str>,
    /// Entity id and name of the place the event happened. Places are not
    /// graph nodes unless a relation names them: a node is an entity
    /// something is said about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injured: Option<u32>,
    /// PLOVER mode of the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Str>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationRecord {
    pub subject: Str,
    pub predicate: Str,
    pub category: Category,
    pub object: Str,
    #[serde(default)]
    pub symmetric: bool,
    /// Distinct documents with evidence (derived; recomputed on load).
    #[serde(default)]
    pub documents: usize,
    /// Distinct documents once syndicated copies are collapsed: a document
    /// whose supporting sentences all appeared word for word in an earlier
    /// document adds nothing (derived; recomputed on load).
    #[serde(default)]
    pub corroboration: usize,
    /// Distinct outlets (the document's source, else its URL's host) among
    /// the documents with a non-negated statement (derived; recomputed on
    /// load and save).
    #[serde(default)]
    pub sources: usize,
    #[serde(default)]
    pub first_date: Option<Str>,
    #[serde(default)]
    pub last_date: Option<Str>,
    /// LEADER_OF and AFFILIATED_WITH only: every statement that is not
    /// negated says the role has ended (derived).
    #[serde(default, skip_serializing_if = "is_false")]
    pub former: bool,
    /// LEADER_OF and AFFILIATED_WITH only: when the relation held, and on
    /// what basis (`gazetteer`, `statement`, `former`, `successor`); see
    /// `validity` (derived; recomputed on load).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from_basis: Option<Str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until_basis: Option<Str>,
    pub evidence: Vec<EvidenceRecord>,
}

impl RelationRecord {
    /// A relation from its statements, with its derived counts and dates
    /// (`sources` needs the documents and is set when a graph takes it).
    pub fn new(
        subject: Str,
        predicate: Str,
        category: Category,
        object: Str,
        symmetric: bool,
        evidence: Vec<EvidenceRecord>,
    ) -> RelationRecord {
        let mut r = RelationRecord {
            subject,
            predicate,
            category,
            object,
            symmetric,
            documents: 0,
            corroboration: 0,
            sources: 0,
            first_date: None,
            last_date: None,
            former: false,
            valid_from: None,
            valid_from_basis: None,
            valid_until: None,
            valid_until_basis: None,
            evidence,
        };
        r.finish();
        r
    }

    /// Distinct documents with a non-negated statement.
    fn doc_count(&self) -> usize {
        self.evidence
            .iter()
            .filter(|e| !e.negated)
            .map(|e| &e.doc)
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// True when every statement of the relation is negated.
    pub fn only_negated(&self) -> bool {
        self.evidence.iter().all(|e| e.negated)
    }

    /// How firmly the relation is stated: the firmest modality among its
    /// statements that are not negated (asserted before reported, planned,
    /// requested, hypothetical), or among all of them when every one is.
    pub fn modality(&self) -> Modality {
        let negated = self.only_negated();
        self.evidence
            .iter()
            .filter(|e| negated || !e.negated)
            .map(|e| e.modality)
            .min()
            .unwrap_or_default()
    }

    /// Documents with a non-negated statement, syndicated copies counted
    /// once: a document counts only when it has a sentence no earlier
    /// document (in id order) had for this relation.
    fn corroboration_count(&self) -> usize {
        let mut by_doc: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for e in self.evidence.iter().filter(|e| !e.negated) {
            by_doc.entry(&e.doc).or_default().push(normalize_sentence(&e.text));
        }
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut n = 0;
        for texts in by_doc.into_values() {
            if texts.iter().any(|t| !seen.contains(t)) {
                n += 1;
            }
            seen.extend(texts);
        }
        n
    }

    fn finish(&mut self) {
        // One statement, the common case while building: no sorting, no
        // sets, no sentence normalisation.
        if let [e] = self.evidence.as_slice() {
            let n = usize::from(!e.negated);
            self.documents = n;
            self.corroboration = n;
            self.first_date = e.date.clone();
            self.last_date = e.date.clone();
            return;
        }
        self.evidence.sort();
        self.evidence.dedup();
        self.documents = self.doc_count();
        self.corroboration = self.corroboration_count();
        let dates: Vec<&Str> = self.evidence.iter().filter_map(|e| e.date.as_ref()).collect();
        self.first_date = dates.iter().min().map(|&d| d.clone());
        self.last_date = dates.iter().max().map(|&d| d.clone());
    }
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
    if let [e] = r.evidence.as_slice() {
        return usize::from(!e.negated && outlets.get(e.doc.as_str()).is_some_and(Option::is_some));
    }
    r.evidence
        .iter()
        .filter(|e| !e.negated)
        .filter_map(|e| outlets.get(e.doc.as_str()).and_then(Option::as_ref))
        .collect::<BTreeSet<_>>()
        .len()
}

/// A sentence as syndication compares it: case, spacing and quote styles
/// differ between copies of one wire story.
fn normalize_sentence(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            w.chars()
                .map(|c| match c {
                    '\u{2018}' | '\u{2019}' => '\'',
                    '\u{201c}' | '\u{201d}' => '"',
                    c => c.to_ascii_lowercase(),
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl DocRecord {
    /// The outlet a document comes from: its `source`, else its URL's host
    /// without "www.".
    pub fn outlet(&self) -> Option<String> {
        if let Some(s) = self.source.as_deref().filter(|s| !s.trim().is_empty()) {
            return Some(s.trim().to_lowercase());
        }
        let url = self.url.as_deref()?;
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
        let host = host.strip_prefix("www.").unwrap_or(host).to_lowercase();
        (!host.is_empty()).then_some(host)
    }
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
    pub fn insert_relation(&mut self, mut r: RelationRecord) -> Result<EdgeIndex, String> {
        if r.symmetric && r.object < r.subject {
            std::mem::swap(&mut r.subject, &mut r.object);
        }
        let s = self
            .node(&r.subject)
            .ok_or_else(|| format!("relation names unknown entity {:?}", r.subject))?;
        let o = self
            .node(&r.object)
            .ok_or_else(|| format!("relation names unknown entity {:?}", r.object))?;
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
            return Ok(e);
        }
        r.finish();
        r.sources = source_count(&r, &self.outlets);
        let e = self.graph.add_edge(s, o, r);
        self.edges.insert(key, e);
        Ok(e)
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
            let ev = EvidenceRecord {
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
            };
            let r = RelationRecord::new(
                t.subject.id.as_str().into(),
                t.predicate.as_str().into(),
                t.category,
                t.object.id.as_str().into(),
                t.symmetric,
                vec![ev],
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
    pub fn merge(&mut self, other: KnowledgeGraph) {
        let KnowledgeGraph { graph, documents, .. } = other;
        for d in documents {
            self.add_document(d);
        }
        let (nodes, edges) = graph.into_nodes_edges_iters();
        for n in nodes {
            self.add_entity(n.weight);
        }
        for r in edges {
            // Both ends were added just before, so this cannot fail.
            let _ = self.insert_relation(r.weight);
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
        let bad = |message: String| Error::Graph {
            path: path.to_path_buf(),
            message,
        };
        if f.format != FORMAT {
            return Err(bad(format!("not a geokg graph file (format is {:?})", f.format)));
        }
        if f.version > VERSION {
            return Err(bad(format!(
                "graph file version {} is newer than this geokg reads ({VERSION}); upgrade geokg",
                f.version
            )));
        }
        let mut g = KnowledgeGraph::new();
        for d in f.documents {
            g.add_document(d);
        }
        for mut e in f.entities {
            // A file written by hand or by another tool may give an alias
            // longer than the name; read it as geokg would have written it,
            // so that merging the file with itself changes nothing.
            let names = e.aliases.drain(..).chain([std::mem::take(&mut e.name)]).collect();
            (e.name, e.aliases) = canonical_names(names);
            g.add_entity(e);
        }
        for r in f.relations {
            g.insert_relation(r).map_err(bad)?;
        }
        g.finish();
        Ok(g)
    }

    pub fn load(path: &Path) -> Result<KnowledgeGraph> {
        // Parsing from memory is about twice as fast as from a reader; the
        // bytes are dropped before the graph is built.
        let bytes = read_graph_bytes(path)?;
        let f: GraphFile = serde_json::from_slice(&bytes).map_err(|e| Error::Graph {
            path: path.to_path_buf(),
            message: if e.is_eof() {
                format!("truncated or incomplete graph file ({e})")
            } else {
                format!("not a valid geokg graph file ({e})")
            },
        })?;
        drop(bytes);
        KnowledgeGraph::from_file(f, path)
    }

    /// Writes the graph atomically: a temporary file in the same directory,
    /// flushed to disk, then renamed over the target.
    pub fn save(&mut self, path: &Path) -> Result<()> {
        self.finish();
        // The same sorted form as `to_file`, borrowed rather than cloned: a
        // million relations' evidence is not copied to be written.
        #[derive(Serialize)]
        struct FileRef<'a> {
            format: &'a str,
            version: u32,
            documents: Vec<&'a DocRecord>,
            entities: Vec<&'a EntityRecord>,
            relations: Vec<&'a RelationRecord>,
        }
        let mut entities: Vec<&EntityRecord> = self.graph.node_weights().collect();
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        let mut relations: Vec<&RelationRecord> = self.graph.edge_weights().collect();
        relations.sort_by(|a, b| (&a.subject, &a.predicate, &a.object).cmp(&(&b.subject, &b.predicate, &b.object)));
        let f = FileRef {
            format: FORMAT,
            version: VERSION,
            documents: self.documents.iter().collect(),
            entities,
            relations,
        };
        write_atomic(path, |w| {
            serde_json::to_writer(&mut *w, &f).map_err(std::io::Error::other)?;
            w.write_all(b"\n")
        })
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

/// Writes a file atomically through `write`: temp file, fsync, rename.
/// Reads a graph file whole, after a look at its first bytes: a graph file
/// starts with `{`. A sparse file of zeros, a device such as `/dev/zero` or
/// a binary file is refused at once, instead of after reading gigabytes.
fn read_graph_bytes(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut r = std::io::BufReader::with_capacity(1 << 16, file);
    let head = std::io::BufRead::fill_buf(&mut r).map_err(|e| Error::io(path, e))?;
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => {}
        // All white space, or empty: the JSON parser says "truncated".
        None if head.len() < (1 << 16) => {}
        _ => {
            return Err(Error::Graph {
                path: path.to_path_buf(),
                message: "not a geokg graph file (it does not start with a JSON object)".into(),
            })
        }
    }
    // Read in blocks: a graph file is JSON text, which never holds a NUL
    // byte, so a file that turns into zeros after a valid start (a sparse
    // file, a device) is refused where the zeros begin, not after reading
    // gigabytes; memory is reserved as it is needed, and running out is an
    // error, not an abort.
    let mut bytes: Vec<u8> = Vec::new();
    let _ = bytes.try_reserve(usize::try_from(size).unwrap_or(0).min(1 << 30));
    loop {
        let block = std::io::BufRead::fill_buf(&mut r).map_err(|e| Error::io(path, e))?;
        if block.is_empty() {
            break;
        }
        if let Some(at) = block.iter().position(|&b| b == 0) {
            return Err(Error::Graph {
                path: path.to_path_buf(),
                message: format!(
                    "not a geokg graph file (a NUL byte at offset {}: JSON text has none)",
                    bytes.len() + at
                ),
            });
        }
        bytes.try_reserve(block.len()).map_err(|_| Error::Graph {
            path: path.to_path_buf(),
            message: format!("out of memory after reading {} bytes", bytes.len()),
        })?;
        bytes.extend_from_slice(block);
        let n = block.len();
        std::io::BufRead::consume(&mut r, n);
    }
    Ok(bytes)
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
            vec![EvidenceRecord {
                doc: doc.into(),
                sentence: 0,
                span: [0, 1],
                text: "x".into(),
                date: Some("2025-01-01".into()),
                modality: Modality::Asserted,
                negated: false,
                attribution: None,
                rule: "r".into(),
                ..Default::default()
            }],
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

/// An "as of" view of a graph: only evidence dated within a range, and
/// only relations with enough distinct documents.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub since: Option<String>,
    pub until: Option<String>,
    pub min_docs: usize,
    /// The graph as it stood on this day: events stated by then, and
    /// LEADER_OF and AFFILIATED_WITH relations whose term covers it.
    pub as_of: Option<String>,
}

/// The first and last day a date of any precision covers
/// (`2025-06` covers 2025-06-01 to 2025-06-31, which sorts correctly).
fn date_bounds(d: &str) -> (String, String) {
    match d.len() {
        4 => (format!("{d}-01-01"), format!("{d}-12-31")),
        7 => (format!("{d}-01"), format!("{d}-31")),
        _ => (d.to_string(), d.to_string()),
    }
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.since.is_none() && self.until.is_none() && self.min_docs <= 1 && self.as_of.is_none()
    }

    /// Whether a statement dated `date` was made by the `as_of` day
    /// (undated statements are kept: nothing says they came later).
    fn stated_by(&self, date: Option<&str>) -> bool {
        match (self.as_of.as_deref(), date) {
            (Some(a), Some(d)) => date_bounds(d).0 <= date_bounds(a).1,
            _ => true,
        }
    }

    /// Whether an evidence date falls in the range (undated evidence only
    /// passes when no range is set).
    pub fn keeps_date(&self, date: Option<&str>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(d) = date else { return false };
        let (lo, hi) = date_bounds(d);
        // A bound of month or year precision covers its whole period:
        // `--until 2025` keeps all of 2025, `--since 2025-06` starts on June 1.
        self.since.as_deref().is_none_or(|s| hi >= date_bounds(s).0) && self.until.as_deref().is_none_or(|u| lo <= date_bounds(u).1)
    }
}

impl KnowledgeGraph {
    /// The graph restricted by `f` (entities without relations are dropped
    /// when a filter is set).
    pub fn filtered(&self, f: &Filter) -> KnowledgeGraph {
        if f.is_empty() {
            return self.clone();
        }
        let mut g = KnowledgeGraph::new();
        for d in &self.documents {
            g.add_document(d.clone());
        }
        for r in self.graph.edge_weights() {
            // A term is judged on all its statements: a later "former"
            // statement is what ends it.
            if f.as_of.as_deref().is_some_and(|d| !r.holds_on(d)) {
                continue;
            }
            let mut r = r.clone();
            let terms = validity::has_terms(r.category);
            r.evidence
                .retain(|e| f.keeps_date(e.date.as_deref()) && (terms || f.stated_by(e.date.as_deref())));
            if r.evidence.is_empty() {
                continue;
            }
            r.finish();
            // Corroboration, not raw documents: ten syndicated copies of one
            // wire sentence are one report.
            if r.corroboration.max(1) < f.min_docs {
                continue;
            }
            for id in [&r.subject, &r.object] {
                if let Some(n) = self.node(id) {
                    g.add_entity(self.graph[n].clone());
                }
            }
            let _ = g.insert_relation(r);
        }
        g.finish();
        // Terms are facts about the whole graph: a successor outside the
        // view still ended a term inside it.
        if f.as_of.is_some() {
            for r in g.graph.edge_weights_mut().filter(|r| validity::has_terms(r.category)) {
                let whole = self.node(&r.subject).zip(self.node(&r.object)).and_then(|(s, o)| {
                    self.graph
                        .edges_connecting(s, o)
                        .map(|e| e.weight())
                        .find(|w| w.predicate == r.predicate)
                });
                if let Some(w) = whole {
                    r.valid_from.clone_from(&w.valid_from);
                    r.valid_from_basis.clone_from(&w.valid_from_basis);
                    r.valid_until.clone_from(&w.valid_until);
                    r.valid_until_basis.clone_from(&w.valid_until_basis);
                }
            }
        }
        g
    }
}

#[cfg(test)]
mod filter_tests {
    use super::*;

    fn ev(doc: &str, text: &str) -> EvidenceRecord {
        EvidenceRecord {
            doc: doc.into(),
            sentence: 0,
            span: [0, text.len()],
            text: text.into(),
            date: Some("2025-06-01".into()),
            modality: Modality::Asserted,
            negated: false,
            attribution: None,
            rule: "verb-object".into(),
            ..Default::default()
        }
    }

    fn doc(id: &str, source: Option<&str>, url: Option<&str>) -> DocRecord {
        DocRecord {
            id: id.into(),
            title: None,
            date: None,
            url: url.map(String::from),
            source: source.map(String::from),
            sha256: String::new(),
        }
    }

    #[test]
    fn issue_4_syndicated_copies_count_once_but_every_document_stays_listed() {
        let mut g = KnowledgeGraph::new();
        for d in [
            doc("a", Some("Wire"), None),
            doc("b", None, Some("https://www.paper.example/world/1")),
            doc("c", None, Some("http://other.example:8080/x?y")),
        ] {
            g.add_document(d);
        }
        for id in ["country:AAA", "country:BBB"] {
            g.add_entity(EntityRecord {
                id: id.into(),
                name: id.into(),
                kind: EntityType::Country,
                aliases: vec![],
            });
        }
        let wire = "Aland sanctioned Bland on Monday.";
        // b reprints a's sentence with other quotes and spacing; c says it its own way.
        let r = RelationRecord::new(
            "country:AAA".into(),
            "sanctioned".into(),
            Category::Sanction,
            "country:BBB".into(),
            false,
            vec![
                ev("a", wire),
                ev("b", "Aland  sanctioned Bland on MONDAY."),
                ev("c", "Bland was sanctioned by Aland."),
            ],
        );
        g.add_relation(r).unwrap();
        let f = g.to_file();
        let r = &f.relations[0];
        assert_eq!((r.documents, r.corroboration, r.sources), (3, 2, 3));
        assert_eq!(r.evidence.len(), 3, "every document stays listed");
        let two = Filter {
            min_docs: 2,
            ..Filter::default()
        };
        let three = Filter {
            min_docs: 3,
            ..Filter::default()
        };
        assert_eq!(g.filtered(&two).relation_count(), 1);
        assert_eq!(g.filtered(&three).relation_count(), 0, "the copy does not corroborate");
        assert_eq!(
            doc("x", None, Some("https://user@www.News.example/a")).outlet().as_deref(),
            Some("news.example")
        );
        assert_eq!(doc("x", None, None).outlet(), None);
    }

    #[test]
    fn dates_of_any_precision_fall_in_ranges() {
        let f = Filter {
            since: Some("2025-06-01".into()),
            until: Some("2025-06-30".into()),
            min_docs: 0,
            as_of: None,
        };
        assert!(f.keeps_date(Some("2025-06-21")));
        assert!(f.keeps_date(Some("2025-06")));
        assert!(f.keeps_date(Some("2025")));
        assert!(!f.keeps_date(Some("2025-07-01")));
        assert!(!f.keeps_date(Some("2024")));
        assert!(!f.keeps_date(None));
    }
}
