//! When state relations held: the validity interval of LEADER_OF and
//! AFFILIATED_WITH relations, derived from their statements, the
//! gazetteer's dated roles and successors named for the same office; the
//! office-holder lists and contradictions that `geokg holders` prints.
//!
//! The interval's ends and their basis:
//! - `valid_from`: the gazetteer's start of the role (`gazetteer`), else the
//!   earliest dated statement of the role as current (`statement`);
//! - `valid_until`: the gazetteer's end (`gazetteer`), else the earliest
//!   date a statement calls the holder former after the last statement of
//!   them as current (`former`: the term ended by then), or the start of
//!   the next holder of a single-holder office (`successor`), whichever
//!   comes first.
//!
//! Everything here is derived: it is recomputed whenever the graph is
//! finished, so merging, removing and loading never carry a stale interval.

use super::{date_bounds, KnowledgeGraph, RelationRecord, Sparse, Str, Term};
use crate::model::{Category, Modality};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;
use serde::Serialize;

pub const BASIS_GAZETTEER: &str = "gazetteer";
pub const BASIS_STATEMENT: &str = "statement";
pub const BASIS_FORMER: &str = "former";
pub const BASIS_SUCCESSOR: &str = "successor";

/// Whether a category's relations have terms.
pub fn has_terms(c: Category) -> bool {
    matches!(c, Category::LeaderOf | Category::AffiliatedWith)
}

impl RelationRecord {
    /// Statements that state the role as current: not negated, not
    /// former, asserted or reported.
    fn current_dates(&self) -> impl Iterator<Item = &Str> {
        self.evidence
            .iter()
            .filter(|e| !e.negated && !e.details.former && matches!(e.modality, Modality::Asserted | Modality::Reported))
            .filter_map(|e| e.date.as_ref())
    }

    /// The last date a statement gives the role as current.
    pub fn last_current(&self) -> Option<&Str> {
        self.current_dates().max()
    }

    /// The interval from the relation's own statements (successors are
    /// the graph's business: `close_by_successors`).
    pub(super) fn set_validity(&mut self) {
        // The term is computed aside and stored once: writing its fields in
        // place would give every relation a term, even an empty one.
        self.term = Sparse::new(self.validity());
    }

    fn validity(&self) -> Term {
        let mut term = Term::default();
        if !has_terms(self.category) {
            return term;
        }
        let stated = self.evidence.iter().filter(|e| !e.negated);
        term.former = stated.clone().next().is_some() && stated.clone().all(|e| e.details.former);
        // The gazetteer term of the latest statement that has one: a person
        // may have held the office twice, and a relation has one term.
        let gaz = self
            .evidence
            .iter()
            .filter(|e| e.details.valid_from.is_some() || e.details.valid_until.is_some())
            .max_by(|a, b| a.date.cmp(&b.date).then_with(|| a.details.valid_from.cmp(&b.details.valid_from)));
        let (gaz_from, gaz_until) = gaz.map_or((None, None), |e| (e.details.valid_from.clone(), e.details.valid_until.clone()));
        let gaz_term = gaz.is_some();
        let last = self.last_current().cloned();
        if let Some(d) = gaz_from {
            (term.valid_from, term.valid_from_basis) = (Some(d), Some(BASIS_GAZETTEER.into()));
        } else if let Some(d) = self.current_dates().min().cloned() {
            (term.valid_from, term.valid_from_basis) = (Some(d), Some(BASIS_STATEMENT.into()));
        }
        if let Some(d) = gaz_until {
            (term.valid_until, term.valid_until_basis) = (Some(d), Some(BASIS_GAZETTEER.into()));
        } else if gaz_term && !term.former {
            // The gazetteer says the term is still open.
        } else if let Some(d) = stated
            .filter(|e| e.details.former)
            .filter_map(|e| e.date.as_ref())
            .filter(|d| last.as_ref().is_none_or(|l| *d > l))
            .min()
            .cloned()
        {
            (term.valid_until, term.valid_until_basis) = (Some(d), Some(BASIS_FORMER.into()));
        }
        term
    }

    /// Whether the relation held on `date` (ISO, any precision). Relations
    /// without terms always hold; a former role without both ends dated
    /// holds on no date.
    pub fn holds_on(&self, date: &str) -> bool {
        if !has_terms(self.category) {
            return true;
        }
        // A role known only as former, with no date for its start, cannot
        // be placed on any day.
        if self.term.former && (self.term.valid_until.is_none() || self.term.valid_from.is_none()) {
            return false;
        }
        let (lo, hi) = date_bounds(date);
        self.term.valid_from.as_deref().is_none_or(|f| date_bounds(f).0 <= hi)
            && self.term.valid_until.as_deref().is_none_or(|u| lo < date_bounds(u).0)
    }
}

/// One holder's known term: its start, the last statement of it as
/// current, and its end when known.
struct HolderTerm {
    edge: EdgeIndex,
    holder: NodeIndex,
    start: Option<Str>,
    last: Option<Str>,
    until: Option<Str>,
}

/// The relations of each single-holder office, by (predicate, owner).
fn offices(g: &KnowledgeGraph) -> FxHashMap<(Str, NodeIndex), Vec<HolderTerm>> {
    let single = crate::lexicon::single_holder_predicates();
    let mut by_office: FxHashMap<(Str, NodeIndex), Vec<HolderTerm>> = FxHashMap::default();
    for e in g.graph.edge_indices() {
        let r = &g.graph[e];
        let (source, target) = g.graph.edge_endpoints(e).expect("an edge of the graph has ends");
        if !has_terms(r.category) || r.term.former || !single.contains(r.predicate.as_str()) {
            continue;
        }
        by_office.entry((r.predicate.clone(), target)).or_default().push(HolderTerm {
            edge: e,
            holder: source,
            start: r.term.valid_from.clone(),
            last: r.last_current().cloned(),
            until: r.term.valid_until.clone(),
        });
    }
    by_office
}

/// Closes the open terms of single-holder offices at the start of the next
/// holder named after the last statement of them as current.
pub(super) fn close_by_successors(g: &mut KnowledgeGraph) {
    // A term closed by a successor that has since moved (a merge gave it an
    // earlier statement) must not keep the old end: start from the
    // relations' own intervals every time.
    let edges: Vec<EdgeIndex> = g.graph.edge_indices().filter(|&e| has_terms(g.graph[e].category)).collect();
    for e in edges {
        g.graph[e].set_validity();
    }
    let mut closing: Vec<(EdgeIndex, Str)> = Vec::new();
    for terms in offices(g).into_values().filter(|t| t.len() > 1) {
        for t in &terms {
            let r = &g.graph[t.edge];
            // A gazetteer end is curated; a "former" statement only bounds
            // the end, and an earlier successor bounds it better.
            if r.term.valid_until_basis.as_deref() == Some(BASIS_GAZETTEER) {
                continue;
            }
            let Some(last) = r.last_current() else { continue };
            let next = terms
                .iter()
                .filter(|u| u.holder != t.holder)
                .filter_map(|u| u.start.as_ref())
                .filter(|s| *s > last && t.start.as_ref().is_none_or(|ts| *s > ts))
                .min();
            if let Some(s) = next.filter(|s| r.term.valid_until.as_ref().is_none_or(|u| *s < u)) {
                closing.push((t.edge, s.clone()));
            }
        }
    }
    for (e, until) in closing {
        let r = &mut g.graph[e];
        r.term.valid_until = Some(until);
        r.term.valid_until_basis = Some(BASIS_SUCCESSOR.into());
    }
}

/// Two holders of one single-holder office whose terms overlap.
#[derive(Debug, Clone, Serialize)]
pub struct Contradiction {
    pub office: String,
    pub owner: String,
    pub holders: [String; 2],
    /// The first date both were stated as holding it.
    pub overlap_from: Option<String>,
}

/// Every pair of overlapping terms of one single-holder office: the graph
/// keeps both relations, and this says so instead of choosing silently.
pub fn contradictions(g: &KnowledgeGraph) -> Vec<Contradiction> {
    let mut out = Vec::new();
    for ((predicate, owner), terms) in offices(g) {
        for (i, a) in terms.iter().enumerate() {
            for b in &terms[i + 1..] {
                let (Some(a_last), Some(b_last)) = (&a.last, &b.last) else {
                    continue;
                };
                let a_start = a.start.as_ref().unwrap_or(a_last);
                let b_start = b.start.as_ref().unwrap_or(b_last);
                let ended_before = |until: &Option<Str>, start: &Str| until.as_ref().is_some_and(|u| u <= start);
                if a_start <= b_last && b_start <= a_last && !ended_before(&a.until, b_start) && !ended_before(&b.until, a_start) {
                    let mut holders = [g.graph[a.holder].name.clone(), g.graph[b.holder].name.clone()];
                    holders.sort();
                    out.push(Contradiction {
                        office: predicate.to_string(),
                        owner: g.graph[owner].name.clone(),
                        holders,
                        overlap_from: Some(a_start.max(b_start).to_string()),
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| (&a.owner, &a.office, &a.holders).cmp(&(&b.owner, &b.office, &b.holders)));
    out
}

/// One holder of an office, as `geokg holders` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Holder {
    pub id: String,
    pub name: String,
    pub predicate: String,
    pub valid_from: Option<String>,
    pub valid_from_basis: Option<String>,
    pub valid_until: Option<String>,
    pub valid_until_basis: Option<String>,
    pub former: bool,
    pub documents: usize,
    pub statements: usize,
    pub last_stated: Option<String>,
    /// The sentence of the latest statement, with its document.
    pub evidence: Option<(String, String)>,
}

/// Who held `predicate` of `owner` (any LEADER_OF or AFFILIATED_WITH
/// predicate), in order of their terms.
pub fn holders(g: &KnowledgeGraph, predicate: &str, owner: NodeIndex) -> Vec<Holder> {
    let mut out: Vec<Holder> = g
        .graph
        .edges_directed(owner, petgraph::Direction::Incoming)
        .filter(|e| has_terms(e.weight().category) && e.weight().predicate == predicate)
        .map(|e| {
            let r = e.weight();
            let latest = r.evidence.iter().filter(|v| !v.negated).max_by(|a, b| a.date.cmp(&b.date));
            let h = &g.graph[e.source()];
            Holder {
                id: h.id.clone(),
                name: h.name.clone(),
                predicate: r.predicate.to_string(),
                valid_from: r.term.valid_from.as_deref().map(String::from),
                valid_from_basis: r.term.valid_from_basis.as_deref().map(String::from),
                valid_until: r.term.valid_until.as_deref().map(String::from),
                valid_until_basis: r.term.valid_until_basis.as_deref().map(String::from),
                former: r.term.former,
                documents: r.documents,
                statements: r.evidence.len(),
                last_stated: r.last_date.as_deref().map(String::from),
                evidence: latest.map(|v| (v.doc.to_string(), v.text.clone())),
            }
        })
        .collect();
    // Open starts first would hide the order: sort by the start, then the end.
    out.sort_by(|a, b| {
        let key = |h: &Holder| (h.valid_from.clone().or(h.valid_until.clone()), h.valid_until.clone(), h.id.clone());
        key(a).cmp(&key(b))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{EntityRecord, EvidenceRecord};
    use crate::model::EntityType;

    fn ev(doc: &str, date: &str, former: bool) -> EvidenceRecord {
        EvidenceRecord::from(crate::graph::EvidenceFields {
            doc: doc.into(),
            sentence: 0,
            span: [0, 1],
            text: format!("statement of {doc}"),
            date: Some(date.into()),
            modality: Modality::Asserted,
            negated: false,
            attribution: None,
            rule: "title-name".into(),
            former,
            ..Default::default()
        })
    }

    fn graph(relations: Vec<(&str, Vec<EvidenceRecord>)>) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        let person = |id: &str| EntityRecord {
            id: id.into(),
            name: id.trim_start_matches("person:").into(),
            kind: EntityType::Person,
            aliases: vec![],
        };
        g.add_entity(EntityRecord {
            id: "country:AAA".into(),
            name: "Aland".into(),
            kind: EntityType::Country,
            aliases: vec![],
        });
        for (holder, evidence) in relations {
            g.add_entity(person(holder));
            let r = RelationRecord::new(
                holder.into(),
                "president-of".into(),
                Category::LeaderOf,
                "country:AAA".into(),
                false,
                evidence,
            );
            g.insert_relation(r).unwrap();
        }
        g.finish();
        g
    }

    fn term(g: &KnowledgeGraph, holder: &str) -> (Option<String>, Option<String>, Option<String>) {
        let r = g.graph.edge_weights().find(|r| r.subject == holder).unwrap();
        (
            r.term.valid_from.as_deref().map(String::from),
            r.term.valid_until.as_deref().map(String::from),
            r.term.valid_until_basis.as_deref().map(String::from),
        )
    }

    #[test]
    fn a_successor_closes_the_predecessors_term() {
        let g = graph(vec![
            ("person:old", vec![ev("a", "2025-01-10", false), ev("b", "2025-03-01", false)]),
            ("person:new", vec![ev("c", "2025-05-02", false)]),
        ]);
        assert_eq!(
            term(&g, "person:old"),
            (Some("2025-01-10".into()), Some("2025-05-02".into()), Some("successor".into()))
        );
        assert_eq!(term(&g, "person:new"), (Some("2025-05-02".into()), None, None));
        let old = g.graph.edge_weights().find(|r| r.subject == "person:old").unwrap();
        assert!(old.holds_on("2025-04-30") && !old.holds_on("2025-06-01"));
        assert!(contradictions(&g).is_empty());
    }

    #[test]
    fn a_former_statement_ends_the_term_and_is_never_current() {
        let g = graph(vec![(
            "person:old",
            vec![ev("a", "2025-01-10", false), ev("b", "2025-06-01", true)],
        )]);
        assert_eq!(
            term(&g, "person:old"),
            (Some("2025-01-10".into()), Some("2025-06-01".into()), Some("former".into()))
        );
        let g = graph(vec![("person:late", vec![ev("a", "2025-01-10", true)])]);
        let r = g.graph.edge_weights().next().unwrap();
        assert!(r.term.former);
        assert_eq!(
            r.term.valid_until.as_deref(),
            Some("2025-01-10"),
            "the term ended by the statement's date"
        );
        assert!(!r.holds_on("2024-01-01"), "but nothing says when it began");
        assert!(!r.holds_on("2025-02-01"));
    }

    #[test]
    fn overlapping_holders_of_one_office_are_a_contradiction() {
        let g = graph(vec![
            ("person:one", vec![ev("a", "2025-01-10", false), ev("b", "2025-03-01", false)]),
            ("person:two", vec![ev("c", "2025-02-02", false), ev("d", "2025-04-01", false)]),
        ]);
        let c = contradictions(&g);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].holders, ["one".to_string(), "two".to_string()]);
        assert_eq!(c[0].overlap_from.as_deref(), Some("2025-02-02"));
    }
}
