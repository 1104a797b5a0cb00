//! Event records: one per (date, source, target, category, place), with
//! every statement that reports it, whatever its predicate, outlet or
//! document. Ten outlets reporting one strike are one event with ten
//! statements, so counts of events are counts of events, not of sentences.
//!
//! Records are a view computed from the graph's statements, never stored:
//! removing or merging documents cannot leave a stale one.

use super::EntitySummary;
use crate::graph::{EvidenceRecord, KnowledgeGraph, Str};
use crate::model::{Category, EntityType, Modality};
use serde::Serialize;
use std::collections::BTreeMap;

/// Which event records to list.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// Only these categories (all event categories when empty).
    pub categories: Vec<Category>,
    /// Only events this entity (by id) is the source, target or place of.
    pub entity: Option<String>,
    /// Also events only planned, requested or hypothetical.
    pub hedged: bool,
}

/// One statement of an event.
#[derive(Debug, Clone, Serialize)]
pub struct EventStatement {
    pub doc: String,
    pub sentence: usize,
    pub span: [usize; 2],
    pub text: String,
    pub predicate: String,
    pub outlet: Option<String>,
    pub modality: Modality,
}

/// One event, as `geokg events` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct EventRecord {
    /// Stable across runs and merges: a hash of the record's key.
    pub id: String,
    pub date: Option<String>,
    pub category: Category,
    pub source: EntitySummary,
    pub target: EntitySummary,
    pub place: Option<EntitySummary>,
    pub symmetric: bool,
    /// The predicates its statements use ("struck", "attacked").
    pub predicates: Vec<String>,
    /// The PLOVER mode most statements give.
    pub mode: Option<String>,
    /// The largest counts any statement gives (tolls rise as news comes in).
    pub dead: Option<u32>,
    pub injured: Option<u32>,
    /// The firmest way a statement gives it.
    pub modality: Modality,
    pub statements: usize,
    pub documents: usize,
    /// Distinct outlets among its documents.
    pub sources: usize,
    pub evidence: Vec<EventStatement>,
}

/// What makes two statements one event.
pub type EventKey = (Option<Str>, Str, Str, Category, Option<Str>);

/// The event a statement of relation (`subject`, `category`, `object`)
/// reports.
pub fn event_key(subject: &Str, object: &Str, category: Category, e: &EvidenceRecord) -> EventKey {
    (e.date.clone(), subject.clone(), object.clone(), category, e.details.place.clone())
}

/// Whether a statement reports an event that happened (or, with `hedged`,
/// one only planned, requested or hypothetical); negated ones never do.
pub fn counts_as_event(e: &EvidenceRecord, hedged: bool) -> bool {
    !e.negated && (hedged || matches!(e.modality, Modality::Asserted | Modality::Reported))
}

fn hex_id(key: &EventKey) -> String {
    use sha2::Digest;
    let (date, s, o, c, p) = key;
    let text = format!("{}\t{s}\t{o}\t{c}\t{}", date.as_deref().unwrap_or(""), p.as_deref().unwrap_or(""));
    let hash = sha2::Sha256::digest(text.as_bytes());
    let mut id = String::from("ev-");
    for b in &hash[..8] {
        id.push_str(&format!("{b:02x}"));
    }
    id
}

/// The id of a place that events name (case-insensitive name or id), for
/// places no relation names and so no graph node stands for.
pub fn place_id(g: &KnowledgeGraph, query: &str) -> Option<String> {
    let q = query.trim().to_lowercase();
    g.graph
        .edge_weights()
        .flat_map(|r| r.evidence.iter())
        .filter_map(|e| Some((e.details.place.as_deref()?, e.details.place_name.as_deref()?)))
        .find(|(id, name)| id.to_lowercase() == q || name.to_lowercase() == q)
        .map(|(id, _)| id.to_string())
}

/// How many event records `events` would list with the default query,
/// without building them.
pub fn count(g: &KnowledgeGraph) -> usize {
    let mut keys: std::collections::HashSet<EventKey> = std::collections::HashSet::new();
    for r in g.graph.edge_weights().filter(|r| r.category.is_event()) {
        keys.extend(
            r.evidence
                .iter()
                .filter(|e| counts_as_event(e, false))
                .map(|e| event_key(&r.subject, &r.object, r.category, e)),
        );
    }
    keys.len()
}

/// The event records of a graph, by date (undated last), category, source
/// and target.
pub fn events(g: &KnowledgeGraph, q: &EventQuery) -> Vec<EventRecord> {
    let outlets: BTreeMap<&str, Option<String>> = g.documents.iter().map(|d| (d.id.as_str(), d.outlet())).collect();
    let wanted = |c: Category| c.is_event() && (q.categories.is_empty() || q.categories.contains(&c));
    let entity_id = q.entity.as_deref();
    // Per event: whether a relation of it is symmetric, and its statements
    // with their predicates.
    type Statements<'g> = (bool, Vec<(&'g EvidenceRecord, &'g str)>);
    let mut by_key: BTreeMap<EventKey, Statements> = BTreeMap::new();
    for r in g.graph.edge_weights().filter(|r| wanted(r.category)) {
        let ends = entity_id.is_none_or(|id| r.subject == id || r.object == id);
        // A place is no node of the graph unless a relation names it, so
        // `--entity` may name a place only events know.
        for e in r.evidence.iter().filter(|e| counts_as_event(e, q.hedged)) {
            if !ends && e.details.place.as_deref() != entity_id {
                continue;
            }
            let slot = by_key.entry(event_key(&r.subject, &r.object, r.category, e)).or_default();
            slot.0 |= r.symmetric;
            slot.1.push((e, r.predicate.as_str()));
        }
    }
    let summary = |id: &str| g.node(id).map(|n| EntitySummary::from(g.entity(n)));
    let mut out: Vec<EventRecord> = Vec::with_capacity(by_key.len());
    for (key, (symmetric, statements)) in by_key {
        let (Some(source), Some(target)) = (summary(&key.1), summary(&key.2)) else {
            continue;
        };
        let mut predicates: Vec<String> = statements.iter().map(|(_, p)| p.to_string()).collect();
        predicates.sort();
        predicates.dedup();
        let mut modes: BTreeMap<&str, usize> = BTreeMap::new();
        for (e, _) in &statements {
            if let Some(m) = e.details.mode.as_deref() {
                *modes.entry(m).or_insert(0) += 1;
            }
        }
        // The most frequent mode; the smallest name among equals.
        let mode = modes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(m, _)| m.to_string());
        let docs: std::collections::BTreeSet<&str> = statements.iter().map(|(e, _)| e.doc.as_str()).collect();
        let sources: std::collections::BTreeSet<&String> = docs.iter().filter_map(|d| outlets.get(d).and_then(Option::as_ref)).collect();
        let mut evidence: Vec<EventStatement> = statements
            .iter()
            .map(|(e, p)| EventStatement {
                doc: e.doc.to_string(),
                sentence: e.sentence,
                span: e.span,
                text: e.text.clone(),
                predicate: p.to_string(),
                outlet: outlets.get(e.doc.as_str()).cloned().flatten(),
                modality: e.modality,
            })
            .collect();
        evidence.sort_by(|a, b| (&a.doc, a.sentence, &a.predicate).cmp(&(&b.doc, b.sentence, &b.predicate)));
        out.push(EventRecord {
            id: hex_id(&key),
            date: key.0.as_deref().map(String::from),
            category: key.3,
            place: key.4.as_deref().map(|id| {
                summary(id).unwrap_or_else(|| {
                    let name = statements
                        .iter()
                        .find_map(|(e, _)| e.details.place_name.clone())
                        .unwrap_or_else(|| id.to_string());
                    let kind = EntityType::ALL
                        .into_iter()
                        .find(|k| id.strip_prefix(k.id_prefix()).is_some_and(|r| r.starts_with(':')))
                        .unwrap_or(EntityType::Location);
                    EntitySummary {
                        id: id.to_string(),
                        name,
                        kind,
                    }
                })
            }),
            source,
            target,
            symmetric,
            predicates,
            mode,
            dead: statements.iter().filter_map(|(e, _)| e.details.dead).max(),
            injured: statements.iter().filter_map(|(e, _)| e.details.injured).max(),
            modality: statements.iter().map(|(e, _)| e.modality).min().unwrap_or_default(),
            statements: statements.len(),
            documents: docs.len(),
            sources: sources.len(),
            evidence,
        });
    }
    // Undated events after dated ones.
    out.sort_by(|a, b| {
        (a.date.is_none(), &a.date, a.category, &a.source.id, &a.target.id).cmp(&(
            b.date.is_none(),
            &b.date,
            b.category,
            &b.source.id,
            &b.target.id,
        ))
    });
    out
}
