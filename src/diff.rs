//! What changed between two graph files: the entities, relations and
//! documents one has and the other lacks, the entities whose names changed,
//! and the relations whose evidence or category changed. This module owns
//! the result of `geokg diff` and its text form.
//!
//! A relation is identified by (subject id, predicate, object id), the same
//! key the graph merges on, so a diff of a graph against a merge that
//! includes it shows exactly what the merge brought in.

use crate::graph::{EntityRecord, EvidenceRecord, KnowledgeGraph, RelationRecord};
use crate::model::{Category, EntityType};
use crate::query::{EntitySummary, EvidenceSummary};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// How many added statements a changed relation quotes. A few show what is
/// new; the rest are counted, so that one busy relation cannot flood the
/// output.
const QUOTED_EVIDENCE: usize = 3;

/// An entity present in both graphs whose names or type differ.
#[derive(Debug, Clone, Serialize)]
pub struct EntityChange {
    pub id: String,
    pub old_name: String,
    pub new_name: String,
    /// The old and new type, set only when the type changed.
    #[serde(rename = "old_type")]
    pub old_kind: Option<EntityType>,
    #[serde(rename = "new_type")]
    pub new_kind: Option<EntityType>,
    pub aliases_added: Vec<String>,
    pub aliases_removed: Vec<String>,
}

/// A relation present in only one of the graphs.
#[derive(Debug, Clone, Serialize)]
pub struct RelationSummary {
    pub subject: EntitySummary,
    pub predicate: String,
    pub category: Category,
    pub object: EntitySummary,
    pub symmetric: bool,
    pub documents: usize,
    /// Number of statements (evidence records).
    pub evidence: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// A relation present in both graphs whose evidence or category differs.
#[derive(Debug, Clone, Serialize)]
pub struct RelationChange {
    pub subject: EntitySummary,
    pub predicate: String,
    pub object: EntitySummary,
    pub evidence_added: usize,
    pub evidence_removed: usize,
    pub documents_before: usize,
    pub documents_after: usize,
    /// The old and new category, set only when the category changed.
    pub category_before: Option<Category>,
    pub category_after: Option<Category>,
    /// The first few added statements, in file order.
    pub new_evidence: Vec<EvidenceSummary>,
}

/// Everything that differs between two graphs, each list sorted by its key
/// (entity id, or subject, predicate and object) so that output is stable.
#[derive(Debug, Default, Serialize)]
pub struct GraphDiff {
    pub entities_added: Vec<EntitySummary>,
    pub entities_removed: Vec<EntitySummary>,
    pub entities_changed: Vec<EntityChange>,
    pub relations_added: Vec<RelationSummary>,
    pub relations_removed: Vec<RelationSummary>,
    pub relations_changed: Vec<RelationChange>,
    pub documents_added: usize,
    pub documents_removed: usize,
}

/// A relation with the entities at its ends, borrowed from one graph.
struct Side<'g> {
    relation: &'g RelationRecord,
    subject: &'g EntityRecord,
    object: &'g EntityRecord,
}

/// The relations of a graph by (subject, predicate, object). Borrowing the
/// records rather than going through `to_file` spares a copy of every
/// evidence sentence of both graphs.
fn relations(g: &KnowledgeGraph) -> BTreeMap<(&str, &str, &str), Side<'_>> {
    g.graph
        .edge_references()
        .map(|e| {
            let r = e.weight();
            let side = Side {
                relation: r,
                subject: g.entity(e.source()),
                object: g.entity(e.target()),
            };
            ((r.subject.as_str(), r.predicate.as_str(), r.object.as_str()), side)
        })
        .collect()
}

fn entities(g: &KnowledgeGraph) -> BTreeMap<&str, &EntityRecord> {
    g.graph.node_weights().map(|e| (e.id.as_str(), e)).collect()
}

fn document_ids(g: &KnowledgeGraph) -> BTreeSet<&str> {
    g.documents.iter().map(|d| d.id.as_str()).collect()
}

fn relation_summary(s: &Side<'_>) -> RelationSummary {
    let r = s.relation;
    RelationSummary {
        subject: s.subject.into(),
        predicate: r.predicate.to_string(),
        category: r.category,
        object: s.object.into(),
        symmetric: r.symmetric,
        documents: r.documents,
        evidence: r.evidence.len(),
        first_date: r.first_date.as_ref().map(|d| d.to_string()),
        last_date: r.last_date.as_ref().map(|d| d.to_string()),
    }
}

fn entity_change(old: &EntityRecord, new: &EntityRecord) -> Option<EntityChange> {
    let old_aliases: BTreeSet<&str> = old.aliases.iter().map(String::as_str).collect();
    let new_aliases: BTreeSet<&str> = new.aliases.iter().map(String::as_str).collect();
    let aliases_added: Vec<String> = new_aliases.difference(&old_aliases).map(|a| a.to_string()).collect();
    let aliases_removed: Vec<String> = old_aliases.difference(&new_aliases).map(|a| a.to_string()).collect();
    let kind_changed = old.kind != new.kind;
    if old.name == new.name && !kind_changed && aliases_added.is_empty() && aliases_removed.is_empty() {
        return None;
    }
    Some(EntityChange {
        id: new.id.clone(),
        old_name: old.name.clone(),
        new_name: new.name.clone(),
        old_kind: kind_changed.then_some(old.kind),
        new_kind: kind_changed.then_some(new.kind),
        aliases_added,
        aliases_removed,
    })
}

fn relation_change(old: &Side<'_>, new: &Side<'_>) -> Option<RelationChange> {
    let (o, n) = (old.relation, new.relation);
    // Evidence is compared as whole records: a statement re-extracted by a
    // different rule or with a different date is a different statement.
    let old_evidence: BTreeSet<&EvidenceRecord> = o.evidence.iter().collect();
    let new_evidence: BTreeSet<&EvidenceRecord> = n.evidence.iter().collect();
    let added: Vec<&EvidenceRecord> = new_evidence.difference(&old_evidence).copied().collect();
    let evidence_removed = old_evidence.difference(&new_evidence).count();
    let category_changed = o.category != n.category;
    if added.is_empty() && evidence_removed == 0 && !category_changed {
        return None;
    }
    Some(RelationChange {
        subject: new.subject.into(),
        predicate: n.predicate.to_string(),
        object: new.object.into(),
        evidence_added: added.len(),
        evidence_removed,
        documents_before: o.documents,
        documents_after: n.documents,
        category_before: category_changed.then_some(o.category),
        category_after: category_changed.then_some(n.category),
        new_evidence: added.iter().take(QUOTED_EVIDENCE).map(|e| EvidenceSummary::from(*e)).collect(),
    })
}

/// What changed from `old` to `new`.
pub fn diff(old: &KnowledgeGraph, new: &KnowledgeGraph) -> GraphDiff {
    let mut d = GraphDiff::default();

    let (old_entities, new_entities) = (entities(old), entities(new));
    for (id, o) in &old_entities {
        match new_entities.get(id) {
            None => d.entities_removed.push((*o).into()),
            Some(n) => d.entities_changed.extend(entity_change(o, n)),
        }
    }
    for (id, n) in &new_entities {
        if !old_entities.contains_key(id) {
            d.entities_added.push((*n).into());
        }
    }

    let (old_relations, new_relations) = (relations(old), relations(new));
    for (key, o) in &old_relations {
        match new_relations.get(key) {
            None => d.relations_removed.push(relation_summary(o)),
            Some(n) => d.relations_changed.extend(relation_change(o, n)),
        }
    }
    for (key, n) in &new_relations {
        if !old_relations.contains_key(key) {
            d.relations_added.push(relation_summary(n));
        }
    }

    let (old_docs, new_docs) = (document_ids(old), document_ids(new));
    d.documents_added = new_docs.difference(&old_docs).count();
    d.documents_removed = old_docs.difference(&new_docs).count();
    d
}

fn arrow(subject: &EntitySummary, predicate: &str, object: &EntitySummary) -> String {
    format!("{} -{predicate}-> {}", subject.id, object.id)
}

impl GraphDiff {
    pub fn is_empty(&self) -> bool {
        self.entities_added.is_empty()
            && self.entities_removed.is_empty()
            && self.entities_changed.is_empty()
            && self.relations_added.is_empty()
            && self.relations_removed.is_empty()
            && self.relations_changed.is_empty()
            && self.documents_added == 0
            && self.documents_removed == 0
    }

    /// One line per change, `+` added, `-` removed, `~` changed, with the
    /// new statements of a changed relation quoted below it, and a summary
    /// line at the end.
    pub fn write_text(&self, out: &mut dyn Write) -> std::io::Result<()> {
        for (sign, list) in [("+", &self.entities_added), ("-", &self.entities_removed)] {
            for e in list {
                writeln!(out, "{sign} entity {}  {} ({})", e.id, e.name, e.kind)?;
            }
        }
        for c in &self.entities_changed {
            let mut parts = Vec::new();
            if c.old_name != c.new_name {
                parts.push(format!("{:?} -> {:?}", c.old_name, c.new_name));
            }
            if let (Some(o), Some(n)) = (c.old_kind, c.new_kind) {
                parts.push(format!("{o} -> {n}"));
            }
            parts.extend(c.aliases_added.iter().map(|a| format!("+alias {a:?}")));
            parts.extend(c.aliases_removed.iter().map(|a| format!("-alias {a:?}")));
            writeln!(out, "~ entity {}  {}", c.id, parts.join("  "))?;
        }
        for (sign, list) in [("+", &self.relations_added), ("-", &self.relations_removed)] {
            for r in list {
                writeln!(
                    out,
                    "{sign} relation {}  [{}]  {} evidence, {} doc{}",
                    arrow(&r.subject, &r.predicate, &r.object),
                    r.category,
                    r.evidence,
                    r.documents,
                    if r.documents == 1 { "" } else { "s" }
                )?;
            }
        }
        for c in &self.relations_changed {
            let mut parts = Vec::new();
            let counts: Vec<String> = [("+", c.evidence_added), ("-", c.evidence_removed)]
                .into_iter()
                .filter(|&(_, n)| n > 0)
                .map(|(sign, n)| format!("{sign}{n}"))
                .collect();
            if !counts.is_empty() {
                parts.push(format!(
                    "{} evidence (docs {} -> {})",
                    counts.join(" "),
                    c.documents_before,
                    c.documents_after
                ));
            }
            if let (Some(o), Some(n)) = (c.category_before, c.category_after) {
                parts.push(format!("category {o} -> {n}"));
            }
            writeln!(
                out,
                "~ relation {}  {}",
                arrow(&c.subject, &c.predicate, &c.object),
                parts.join("  ")
            )?;
            for e in &c.new_evidence {
                writeln!(out, "    {}#{}: {:?}", e.doc, e.sentence, e.text)?;
            }
            if c.evidence_added > c.new_evidence.len() {
                writeln!(out, "    and {} more", c.evidence_added - c.new_evidence.len())?;
            }
        }
        writeln!(
            out,
            "entities +{} -{} ~{}, relations +{} -{} ~{}, documents +{} -{}",
            self.entities_added.len(),
            self.entities_removed.len(),
            self.entities_changed.len(),
            self.relations_added.len(),
            self.relations_removed.len(),
            self.relations_changed.len(),
            self.documents_added,
            self.documents_removed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::DocRecord;
    use crate::model::Modality;

    fn ent(id: &str, name: &str) -> EntityRecord {
        EntityRecord {
            id: id.into(),
            name: name.into(),
            kind: EntityType::Person,
            aliases: vec![],
        }
    }

    fn doc(id: &str) -> DocRecord {
        DocRecord {
            id: id.into(),
            title: None,
            date: None,
            url: None,
            source: None,
            sha256: String::new(),
        }
    }

    fn rel(s: &str, p: &str, category: Category, o: &str, doc: &str, sentence: usize, text: &str) -> RelationRecord {
        RelationRecord::new(
            s.into(),
            p.into(),
            category,
            o.into(),
            false,
            vec![EvidenceRecord::from(crate::graph::EvidenceFields {
                doc: doc.into(),
                sentence,
                span: [0, text.len()],
                text: text.into(),
                date: Some("2025-06-01".into()),
                modality: Modality::Asserted,
                negated: false,
                attribution: None,
                rule: "test".into(),
                ..Default::default()
            })],
        )
    }

    /// Three people, one document, and A meeting B.
    fn base() -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        g.add_document(doc("d1"));
        for (id, name) in [("person:a", "A"), ("person:b", "B"), ("person:c", "C")] {
            g.add_entity(ent(id, name));
        }
        g.add_relation(rel("person:a", "met", Category::Consult, "person:b", "d1", 0, "A met B."))
            .unwrap();
        g
    }

    fn text(d: &GraphDiff) -> String {
        let mut out = Vec::new();
        d.write_text(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn identical_graphs_have_an_empty_diff() {
        let d = diff(&base(), &base());
        assert!(d.is_empty());
        assert_eq!(text(&d), "entities +0 -0 ~0, relations +0 -0 ~0, documents +0 -0\n");
    }

    #[test]
    fn an_added_relation_is_listed_with_its_ends() {
        let mut new = base();
        new.add_relation(rel(
            "person:b",
            "criticized",
            Category::Accuse,
            "person:c",
            "d1",
            1,
            "B criticized C.",
        ))
        .unwrap();
        let d = diff(&base(), &new);
        assert_eq!(d.relations_added.len(), 1);
        let r = &d.relations_added[0];
        assert_eq!(
            (r.subject.id.as_str(), r.predicate.as_str(), r.object.id.as_str()),
            ("person:b", "criticized", "person:c")
        );
        assert_eq!((r.evidence, r.documents), (1, 1));
        assert!(d.entities_added.is_empty() && d.relations_changed.is_empty());
        assert!(text(&d).contains("+ relation person:b -criticized-> person:c  [ACCUSE]  1 evidence, 1 doc\n"));
    }

    #[test]
    fn a_removed_entity_is_listed() {
        let mut old = base();
        old.add_entity(ent("person:d", "D"));
        let d = diff(&old, &base());
        assert_eq!(d.entities_removed.len(), 1);
        assert_eq!(d.entities_removed[0].id, "person:d");
        assert!(d.entities_added.is_empty() && d.entities_changed.is_empty());
        assert!(text(&d).starts_with("- entity person:d  D (PERSON)\n"));
    }

    #[test]
    fn new_evidence_on_an_existing_relation_is_a_change_with_its_sentence() {
        let mut new = base();
        new.add_document(doc("d2"));
        new.add_relation(rel("person:a", "met", Category::Consult, "person:b", "d2", 3, "A and B met again."))
            .unwrap();
        let d = diff(&base(), &new);
        assert!(d.relations_added.is_empty() && d.relations_removed.is_empty());
        assert_eq!(d.relations_changed.len(), 1);
        let c = &d.relations_changed[0];
        assert_eq!((c.evidence_added, c.evidence_removed), (1, 0));
        assert_eq!((c.documents_before, c.documents_after), (1, 2));
        assert!(c.category_before.is_none());
        assert_eq!(c.new_evidence.len(), 1);
        assert_eq!(
            (c.new_evidence[0].doc.as_str(), c.new_evidence[0].text.as_str()),
            ("d2", "A and B met again.")
        );
        assert_eq!((d.documents_added, d.documents_removed), (1, 0));
        let t = text(&d);
        assert!(t.contains("~ relation person:a -met-> person:b  +1 evidence (docs 1 -> 2)\n    d2#3: \"A and B met again.\"\n"));
        assert!(t.ends_with("entities +0 -0 ~0, relations +0 -0 ~1, documents +1 -0\n"));
    }

    #[test]
    fn a_renamed_entity_is_a_change_of_name_and_aliases() {
        let mut new = base();
        new.add_entity(ent("person:a", "Alpha Person"));
        let d = diff(&base(), &new);
        assert_eq!(d.entities_changed.len(), 1);
        let c = &d.entities_changed[0];
        assert_eq!((c.old_name.as_str(), c.new_name.as_str()), ("A", "Alpha Person"));
        assert_eq!(c.aliases_added, vec!["A".to_string()]);
        assert!(c.aliases_removed.is_empty() && c.old_kind.is_none());
        // The relation's key is unchanged, so a rename alone does not change it.
        assert!(d.relations_changed.is_empty());
        assert!(text(&d).starts_with("~ entity person:a  \"A\" -> \"Alpha Person\"  +alias \"A\"\n"));
    }
}
