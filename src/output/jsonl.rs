//! JSON Lines (pandas, DuckDB, jq).
//!
//! JSON Lines: one object per relation with both ends (`id`, `name`,
//! `type`) and every evidence record as in the graph file.

use super::{end, entity_index, Command, Format, Writer};
use crate::graph::{EntityRecord, EvidenceRecord, GraphFile};
use crate::model::{Category, EntityType, Quad};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};

pub const FORMAT: Format = Format {
    name: "jsonl",
    aliases: &["ndjson"],
    extensions: &["jsonl", "ndjson"],
    command: Command::Export,
    help: "one relation per line, with its evidence",
    writer: Writer::Records(write_jsonl),
};

/// One end of a relation in a JSON Lines record.
#[derive(Serialize)]
struct JsonEnd<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: EntityType,
}

fn json_end<'a>(index: &HashMap<&str, &'a EntityRecord>, id: &'a str) -> JsonEnd<'a> {
    let (name, kind) = end(index, id);
    JsonEnd { id, name, kind }
}

/// One line of the JSON Lines export.
#[derive(Serialize)]
struct JsonRelation<'a> {
    subject: JsonEnd<'a>,
    predicate: &'a str,
    category: Category,
    quad: Quad,
    object: JsonEnd<'a>,
    documents: usize,
    first_date: Option<&'a str>,
    last_date: Option<&'a str>,
    /// Every statement of the relation is negated.
    negated: bool,
    symmetric: bool,
    evidence: &'a [EvidenceRecord],
}

fn write_jsonl(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
    let index = entity_index(f);
    for r in &f.relations {
        let line = JsonRelation {
            subject: json_end(&index, &r.subject),
            predicate: &r.predicate,
            category: r.category,
            quad: r.category.quad(),
            object: json_end(&index, &r.object),
            documents: r.documents,
            first_date: r.first_date.as_deref(),
            last_date: r.last_date.as_deref(),
            negated: r.only_negated(),
            symmetric: r.symmetric,
            evidence: &r.evidence,
        };
        serde_json::to_writer(&mut *w, &line)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testing::*;

    #[test]
    fn jsonl_lines_parse_with_names_and_evidence() {
        let text = export("jsonl");
        let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 3);
        let f = sample().to_file();
        for (line, r) in lines.iter().zip(&f.relations) {
            assert_eq!(line["subject"]["id"], r.subject.as_str());
            assert_eq!(line["object"]["id"], r.object.as_str());
            assert_eq!(line["predicate"], r.predicate.as_str());
            assert_eq!(line["category"], r.category.as_str());
            let evidence: Vec<EvidenceRecord> = serde_json::from_value(line["evidence"].clone()).unwrap();
            assert_eq!(r.evidence, evidence);
        }
        let met = &lines[0];
        assert_eq!(met["object"]["name"], EVIL_NAME);
        assert_eq!(met["object"]["type"], "PERSON");
        assert_eq!(met["quad"], "verbal_cooperation");
        assert_eq!(met["documents"], 2);
        assert_eq!(met["symmetric"], serde_json::Value::Bool(true));
        assert_eq!(lines[2]["subject"]["name"], EVIL_NAME);
        assert_eq!(lines[2]["negated"], serde_json::Value::Bool(true));
    }
}
