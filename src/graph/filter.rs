//! Filters and views: the `--since`, `--until`, `--min-docs` and `--as-of`
//! restriction of a graph (`Filter`), and the graph a question reads under
//! it (`View`), which is the graph itself, not a copy, when no filter is set.

use super::{validity, EvidenceRecord, KnowledgeGraph, RelationRecord, Sparse, Term};

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
pub(crate) fn date_bounds(d: &str) -> (String, String) {
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

/// A graph as a question sees it under a filter: the graph itself when the
/// filter is empty, which is what almost every query asks, else the
/// restricted graph.
#[derive(Debug)]
pub enum View<'g> {
    Whole(&'g KnowledgeGraph),
    Restricted(Box<KnowledgeGraph>),
}

impl std::ops::Deref for View<'_> {
    type Target = KnowledgeGraph;

    fn deref(&self) -> &KnowledgeGraph {
        match self {
            View::Whole(g) => g,
            View::Restricted(g) => g,
        }
    }
}

impl RelationRecord {
    /// The relation with other statements: its own fields copied, never
    /// its evidence.
    fn with_evidence(&self, evidence: Vec<EvidenceRecord>) -> RelationRecord {
        RelationRecord::from(crate::graph::RelationFields {
            subject: self.subject.clone(),
            predicate: self.predicate.clone(),
            category: self.category,
            object: self.object.clone(),
            symmetric: self.symmetric,
            documents: self.documents,
            corroboration: self.corroboration,
            sources: self.sources,
            first_date: self.first_date.clone(),
            last_date: self.last_date.clone(),
            former: self.term.former,
            valid_from: self.term.valid_from.clone(),
            valid_from_basis: self.term.valid_from_basis.clone(),
            valid_until: self.term.valid_until.clone(),
            valid_until_basis: self.term.valid_until_basis.clone(),
            evidence,
        })
    }
}

impl KnowledgeGraph {
    /// The graph restricted by `f`, borrowed whole when `f` is empty
    /// (entities without relations are dropped when a filter is set).
    pub fn view(&self, f: &Filter) -> View<'_> {
        if f.is_empty() {
            View::Whole(self)
        } else {
            View::Restricted(Box::new(self.restricted(f)))
        }
    }

    /// The restricted graph of a non-empty filter. Only what the view keeps
    /// is copied: a relation none of whose statements pass is skipped
    /// before anything of it is cloned, and a kept relation takes only its
    /// passing statements.
    fn restricted(&self, f: &Filter) -> KnowledgeGraph {
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
            let terms = validity::has_terms(r.category);
            let keeps = |e: &&EvidenceRecord| f.keeps_date(e.date.as_deref()) && (terms || f.stated_by(e.date.as_deref()));
            if !r.evidence.iter().any(|e| keeps(&e)) {
                continue;
            }
            let mut r = r.with_evidence(r.evidence.iter().filter(keeps).cloned().collect());
            r.finish();
            // Corroboration, not raw documents: ten syndicated copies of one
            // wire sentence are one report.
            if r.corroboration.max(1) < f.min_docs {
                continue;
            }
            for id in [&r.subject, &r.object] {
                if let Some(n) = self.node(id) {
                    // Adding an entity again only merges its names, which
                    // can change nothing for an entity without aliases: the
                    // common case is spared a name set per relation end.
                    let e = &self.graph[n];
                    if g.node(&e.id).is_none() || !e.aliases.is_empty() {
                        g.add_entity(e.clone());
                    }
                }
            }
            let _ = g.insert_relation(r);
        }
        g.finish();
        if f.as_of.is_some() {
            self.copy_terms_into(&mut g);
        }
        g
    }

    /// Terms are facts about the whole graph: a successor outside the view
    /// still ended a term inside it, so a view's terms are the whole
    /// graph's.
    fn copy_terms_into(&self, g: &mut KnowledgeGraph) {
        for r in g.graph.edge_weights_mut().filter(|r| validity::has_terms(r.category)) {
            let whole = self.node(&r.subject).zip(self.node(&r.object)).and_then(|(s, o)| {
                self.graph
                    .edges_connecting(s, o)
                    .map(|e| e.weight())
                    .find(|w| w.predicate == r.predicate)
            });
            if let Some(w) = whole {
                // The view's own `former` (its statements say it), the
                // whole graph's dates.
                let term = Term {
                    former: r.term.former,
                    ..(*w.term).clone()
                };
                r.term = Sparse::new(term);
            }
        }
    }
}

#[cfg(test)]
impl KnowledgeGraph {
    /// The implementation `view` replaced, kept as the oracle the view is
    /// tested against: it clones every relation whole, then drops what
    /// the filter excludes.
    pub(crate) fn filtered_by_cloning(&self, f: &Filter) -> KnowledgeGraph {
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
        if f.as_of.is_some() {
            self.copy_terms_into(&mut g);
        }
        g
    }
}

#[cfg(test)]
mod filter_tests {
    use super::*;
    use crate::graph::{DocRecord, EntityRecord};
    use crate::model::{Category, EntityType, Modality};

    fn ev(doc: &str, text: &str) -> EvidenceRecord {
        EvidenceRecord::from(crate::graph::EvidenceFields {
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
        })
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
        assert_eq!(g.view(&two).relation_count(), 1);
        assert_eq!(g.view(&three).relation_count(), 0, "the copy does not corroborate");
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
