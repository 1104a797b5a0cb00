//! Entity resolution across documents, as a view over a graph file.
//!
//! Within one article, coreference already maps "Kellogg" to the "Keith
//! Kellogg" named earlier. Across articles a story may name a person by
//! surname alone; this module maps such a bare surname to the one full name
//! of that surname the graph knows, refuses when there are several, and
//! reports both, together with the spellings each entity was merged from.
//!
//! The graph file keeps what the documents said; resolution happens when a
//! graph is read for questions. Doing it at merge time would make merging
//! depend on order ("Kellogg" joins "Keith Kellogg" when merged before a
//! "Mike Kellogg" arrives, and stays apart after), which breaks the merge
//! laws. Gendered forms (Tikhanovsky, Tikhanovskaya) are different words, so
//! they never match; two full names with different first names are different
//! entities and are never merged.

use crate::graph::{EntityRecord, KnowledgeGraph};
use crate::model::EntityType;
use crate::query::EntitySummary;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// A bare surname mapped to the one full name of that surname.
#[derive(Debug, Clone, Serialize)]
pub struct Resolution {
    pub from: EntitySummary,
    pub to: EntitySummary,
}

/// A bare surname left alone because several full names share it.
#[derive(Debug, Clone, Serialize)]
pub struct Refusal {
    pub entity: EntitySummary,
    pub candidates: Vec<EntitySummary>,
}

/// An entity whose documents spelled it in more than one way.
#[derive(Debug, Clone, Serialize)]
pub struct NameMerge {
    pub entity: EntitySummary,
    pub names: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub merged_names: Vec<NameMerge>,
    pub resolved: Vec<Resolution>,
    pub refused: Vec<Refusal>,
}

impl Report {
    pub fn write_text(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "names merged into one entity: {}", self.merged_names.len())?;
        for m in &self.merged_names {
            writeln!(out, "  {} ({}): {}", m.entity.name, m.entity.id, m.names.join(" | "))?;
        }
        writeln!(out, "bare surnames resolved: {}", self.resolved.len())?;
        for r in &self.resolved {
            writeln!(
                out,
                "  {} ({}) -> {} ({}): the only person of that surname",
                r.from.name, r.from.id, r.to.name, r.to.id
            )?;
        }
        writeln!(out, "ambiguities refused: {}", self.refused.len())?;
        for r in &self.refused {
            let names: Vec<&str> = r.candidates.iter().map(|c| c.name.as_str()).collect();
            writeln!(
                out,
                "  {} ({}) kept apart: {} candidates ({})",
                r.entity.name,
                r.entity.id,
                names.len(),
                names.join(", ")
            )?;
        }
        Ok(())
    }
}

/// The last word of a full name, lowercased; `None` for one-word names.
fn surname(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    (words.len() >= 2).then(|| words[words.len() - 1].to_lowercase())
}

/// A one-word person name that can be a surname ("Kellogg", not "the").
fn bare_surname(e: &EntityRecord) -> Option<String> {
    let mut words = e.name.split_whitespace();
    let w = words.next()?;
    (e.kind == EntityType::Person && words.next().is_none() && w.starts_with(char::is_uppercase) && w.chars().count() > 1)
        .then(|| w.to_lowercase())
}

/// What resolution would do to a graph: the spellings merged into one id,
/// the bare surnames that join a full name, and those left apart.
pub fn report(g: &KnowledgeGraph) -> Report {
    let mut report = Report::default();
    let mut full: BTreeMap<String, Vec<&EntityRecord>> = BTreeMap::new();
    let mut entities: Vec<&EntityRecord> = g.graph.node_weights().collect();
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    for e in &entities {
        if !e.aliases.is_empty() {
            let mut names = vec![e.name.clone()];
            names.extend(e.aliases.iter().cloned());
            report.merged_names.push(NameMerge {
                entity: (*e).into(),
                names,
            });
        }
        if e.kind == EntityType::Person {
            if let Some(s) = surname(&e.name) {
                full.entry(s).or_default().push(e);
            }
        }
    }
    for e in &entities {
        let Some(s) = bare_surname(e) else { continue };
        match full.get(&s).map(Vec::as_slice) {
            Some([one]) => report.resolved.push(Resolution {
                from: (*e).into(),
                to: (*one).into(),
            }),
            Some(many) if many.len() > 1 => report.refused.push(Refusal {
                entity: (*e).into(),
                candidates: many.iter().map(|&c| c.into()).collect(),
            }),
            _ => {}
        }
    }
    report
}

/// The graph with bare surnames resolved. A graph with nothing to resolve
/// is returned as it is, without a copy.
pub fn resolve(g: KnowledgeGraph) -> KnowledgeGraph {
    let resolved = report(&g).resolved;
    if resolved.is_empty() {
        return g;
    }
    let target: HashMap<String, EntitySummary> = resolved.into_iter().map(|r| (r.from.id, r.to)).collect();
    let KnowledgeGraph { graph, documents, .. } = g;
    let mut out = KnowledgeGraph::new();
    for d in documents {
        out.add_document(d);
    }
    let (nodes, edges) = graph.into_nodes_edges_iters();
    for n in nodes {
        let e = n.weight;
        match target.get(&e.id) {
            // The full name's entity, with the surname as one more alias.
            Some(t) => out.add_entity(EntityRecord {
                id: t.id.clone(),
                name: t.name.clone(),
                kind: t.kind,
                aliases: vec![e.name],
            }),
            None => out.add_entity(e),
        };
    }
    for edge in edges {
        let mut r = edge.weight;
        for end in [&mut r.subject, &mut r.object] {
            if let Some(t) = target.get(end.as_str()) {
                *end = t.id.as_str().into();
            }
        }
        // "Kellogg met Keith Kellogg" is an artefact of the two spellings.
        if r.subject == r.object {
            continue;
        }
        // Both ends were added above.
        let _ = out.add_relation(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{EvidenceRecord, RelationRecord};
    use crate::model::{Category, Modality};

    fn person(g: &mut KnowledgeGraph, name: &str) -> String {
        let id = crate::model::entity_id(EntityType::Person, name, None);
        g.add_entity(EntityRecord {
            id: id.clone(),
            name: name.into(),
            kind: EntityType::Person,
            aliases: vec![],
        });
        id
    }

    fn met(g: &mut KnowledgeGraph, a: &str, b: &str, doc: &str) {
        g.add_relation(RelationRecord::new(
            a.into(),
            "met".into(),
            Category::Consult,
            b.into(),
            true,
            vec![EvidenceRecord::from(crate::graph::EvidenceFields {
                doc: doc.into(),
                sentence: 0,
                span: [0, 1],
                text: format!("{a} met {b}."),
                date: None,
                modality: Modality::Asserted,
                negated: false,
                attribution: None,
                rule: "verb-object".into(),
                ..Default::default()
            })],
        ))
        .unwrap();
    }

    #[test]
    fn issue_4_a_bare_surname_joins_its_only_full_name() {
        let mut g = KnowledgeGraph::new();
        let keith = person(&mut g, "Keith Kellogg");
        let bare = person(&mut g, "Kellogg");
        let luka = person(&mut g, "Alexander Lukashenko");
        met(&mut g, &keith, &luka, "d1");
        met(&mut g, &bare, &luka, "d2");
        met(&mut g, &bare, &keith, "d3");
        let report = report(&g);
        let r = resolve(g);
        assert_eq!(report.resolved.len(), 1);
        assert_eq!(report.resolved[0].to.id, keith);
        assert!(r.node(&bare).is_none());
        assert_eq!(r.relation_count(), 1, "the two meetings merge; Kellogg-meets-Kellogg is dropped");
        assert_eq!(r.graph.edge_weights().next().unwrap().documents, 2);
        assert!(r.entity(r.node(&keith).unwrap()).aliases.contains(&"Kellogg".to_string()));
    }

    #[test]
    fn issue_4_ambiguous_surnames_and_gendered_forms_stay_apart() {
        let mut g = KnowledgeGraph::new();
        let a = person(&mut g, "Imran Khan");
        let _b = person(&mut g, "Sadiq Khan");
        let tk = person(&mut g, "Sergei Tikhanovsky");
        let tka = person(&mut g, "Tikhanovskaya");
        let khan = person(&mut g, "Khan");
        met(&mut g, &a, &khan, "d1");
        met(&mut g, &tk, &tka, "d2");
        let report = report(&g);
        let r = resolve(g);
        assert!(report.resolved.is_empty(), "{report:?}");
        assert_eq!(report.refused.len(), 1, "Khan has two candidates");
        assert_eq!(report.refused[0].candidates.len(), 2);
        assert!(r.node(&tka).is_some(), "Tikhanovskaya is not Tikhanovsky");
        let mut text = Vec::new();
        report.write_text(&mut text).unwrap();
        assert!(String::from_utf8(text).unwrap().contains("kept apart: 2 candidates"));
    }
}
