//! A small graph for the output tests: three entities (one with a hostile
//! id, name and alias), three relations (one symmetric with two
//! statements, one undated, one only negated and attributed) and two
//! documents (one with a `javascript:` URL).

use crate::graph::{DocRecord, EntityRecord, EvidenceRecord, KnowledgeGraph, RelationRecord};
use crate::model::{Category, EntityType, Modality};

pub const EVIL_ID: &str = "person:evil \"id\" <x>";
pub const EVIL_NAME: &str = "Evil \"<quote>\" & \\ back\nnewline ]]> 'x'";
pub const EVIL_ALIAS: &str = "Evil\u{1}Corp;Ltd|x";
pub const LUKA: &str = "person:alexander-lukashenko";
pub const BLR: &str = "country:BLR";

/// Three entities (one with a hostile id, name and alias), three
/// relations (one symmetric with two statements, one with an undated
/// statement, one only negated and attributed) and two documents (one
/// with a `javascript:` URL).
pub fn sample() -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    let entity = |id: &str, name: &str, kind: EntityType, alias: &str| EntityRecord {
        id: id.into(),
        name: name.into(),
        kind,
        aliases: vec![alias.into()],
    };
    g.add_entity(entity(BLR, "Belarus", EntityType::Country, "Republic of Belarus"));
    g.add_entity(entity(LUKA, "Alexander Lukashenko", EntityType::Person, "Lukashenko"));
    g.add_entity(entity(EVIL_ID, EVIL_NAME, EntityType::Person, EVIL_ALIAS));
    let evidence = |doc: &str, sentence: usize, text: &str, date: Option<&str>, negated: bool| {
        EvidenceRecord::from(crate::graph::EvidenceFields {
            doc: doc.into(),
            sentence,
            span: [sentence * 100, sentence * 100 + text.len()],
            text: text.into(),
            date: date.map(Into::into),
            modality: Modality::Asserted,
            negated,
            attribution: None,
            rule: "test-rule".into(),
            ..Default::default()
        })
    };
    let relation = |s: &str, p: &str, category: Category, o: &str, symmetric: bool, evidence: Vec<EvidenceRecord>| {
        RelationRecord::new(s.into(), p.into(), category, o.into(), symmetric, evidence)
    };
    let met = vec![
        evidence("d1", 0, "Lukashenko met Evil.", Some("2025-06-21"), false),
        evidence("d2", 3, EVIL_NAME, Some("2025-06"), false),
    ];
    g.add_relation(relation(EVIL_ID, "met", Category::Consult, LUKA, true, met))
        .unwrap();
    let leads = vec![evidence("d1", 1, "Lukashenko, president of Belarus.", None, false)];
    g.add_relation(relation(LUKA, "president-of", Category::LeaderOf, BLR, false, leads))
        .unwrap();
    let mut denied = evidence("d2", 4, "Evil did not attack Belarus, Lukashenko said.", None, true);
    denied.modality = Modality::Reported;
    denied.details.attribution = Some(LUKA.into());
    g.add_relation(relation(EVIL_ID, "attacked", Category::Assault, BLR, false, vec![denied]))
        .unwrap();
    g.add_document(DocRecord {
        id: "d1".into(),
        title: Some("Summit \"talks\" <b>".into()),
        date: Some("2025-06-21".into()),
        url: Some("javascript:alert(1)".into()),
        source: Some("Example News".into()),
        sha256: "ab".repeat(32),
    });
    g.add_document(DocRecord {
        id: "d2".into(),
        title: None,
        date: None,
        url: None,
        source: None,
        sha256: "cd".repeat(32),
    });
    g
}

/// What the export `name` writes for [`sample`], as text.
pub fn export(name: &str) -> String {
    let format = super::by_name(name).expect("a registered format");
    let mut buf: Vec<u8> = Vec::new();
    format.write_to(&sample(), &super::Options::default(), &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}
