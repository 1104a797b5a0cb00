//! The graph as three Arrow tables: one row per entity, per relation and per
//! evidence statement. The Parquet export writes them as they are, and the
//! Python package hands them to pyarrow and pandas.
//!
//! Every table is built from the sorted file form of the graph
//! ([`GraphFile`], from `KnowledgeGraph::to_file`), so the same graph gives
//! the same rows in the same order. Counts and offsets are signed 64-bit
//! integers, since Spark and Java readers have no unsigned types. Dates are
//! strings, not date columns, because a statement's date may be a month
//! (`2025-06`) or a year (`2025`). Enum values are spelled as in the graph
//! file (`COUNTRY`, `CONSULT`, `verbal_cooperation`, `asserted`).
//!
//! `entities` (sorted by `id`):
//!
//! | column | type | meaning |
//! |---|---|---|
//! | `id` | utf8 | entity id (`country:BLR`, `person:alexander-lukashenko`) |
//! | `name` | utf8 | canonical name |
//! | `type` | utf8 | `PERSON`, `COUNTRY`, `ORGANIZATION`, `LOCATION`, `GROUP`, `OTHER` |
//! | `aliases` | list\<utf8\> | other names the id was seen with |
//! | `relations` | int64 | relations that name the entity as subject or object |
//! | `statements` | int64 | evidence statements of those relations |
//!
//! `relations` (sorted by subject, predicate, object):
//!
//! | column | type | meaning |
//! |---|---|---|
//! | `relation` | int64 | the row number, from 0; `evidence.relation` refers to it |
//! | `subject`, `subject_name`, `subject_type` | utf8 | the subject's id, name and type |
//! | `predicate` | utf8 | `met`, `president-of` |
//! | `category`, `quad` | utf8 | the category and its quad class |
//! | `object`, `object_name`, `object_type` | utf8 | the object's id, name and type |
//! | `symmetric` | bool | the direction carries no meaning |
//! | `statements` | int64 | evidence statements |
//! | `documents`, `corroboration`, `sources` | int64 | as in the graph file |
//! | `first_date`, `last_date` | utf8, nullable | span of the statement dates |
//! | `modality` | utf8 | the firmest modality of the statements |
//! | `negated` | bool | every statement is negated |
//! | `former` | bool | every statement calls the role former |
//! | `valid_from`, `valid_from_basis`, `valid_until`, `valid_until_basis` | utf8, nullable | the term of an office |
//!
//! `evidence` (by relation, then in the relation's evidence order):
//!
//! | column | type | meaning |
//! |---|---|---|
//! | `relation` | int64 | the relation's row in `relations` |
//! | `subject`, `predicate`, `object` | utf8 | the relation's key, repeated for joins without `relation` |
//! | `doc` | utf8 | document id |
//! | `sentence` | int64 | story sentence index, from 0 |
//! | `start`, `end` | int64 | byte span of the sentence in the document text |
//! | `text` | utf8 | the sentence |
//! | `date` | utf8, nullable | the statement's date |
//! | `modality` | utf8 | `asserted`, `reported`, `planned`, `requested`, `hypothetical` |
//! | `negated` | bool | the sentence denies the relation |
//! | `attribution` | utf8, nullable | id of the entity the statement is attributed to |
//! | `rule` | utf8 | the extraction rule |
//! | `former` | bool | the sentence calls the role former |
//! | `valid_from`, `valid_until` | utf8, nullable | the gazetteer's dates of the role |
//! | `place`, `place_name` | utf8, nullable | where an event happened |
//! | `dead`, `injured` | int64, nullable | an assault's tolls |
//! | `mode` | utf8, nullable | the PLOVER mode |

use crate::error::{Error, Result};
use crate::graph::{EntityRecord, GraphFile, KnowledgeGraph, RelationRecord};
use crate::model::EntityType;
use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, BooleanArray, Int64Array, RecordBatch, StringArray};
use arrow_schema::{ArrowError, Field, Schema};
use std::collections::HashMap;
use std::sync::Arc;

/// The names of the three tables, in the order [`tables`] returns them.
pub const TABLES: [&str; 3] = ["entities", "relations", "evidence"];

/// The three tables of a graph, named as in [`TABLES`].
pub fn tables(g: &KnowledgeGraph) -> Result<[(&'static str, RecordBatch); 3]> {
    let f = g.to_file();
    Ok([(TABLES[0], entities(&f)?), (TABLES[1], relations(&f)?), (TABLES[2], evidence(&f)?)])
}

/// One row per entity; see the module documentation for the columns.
pub fn entities(f: &GraphFile) -> Result<RecordBatch> {
    let mut degree: HashMap<&str, (i64, i64)> = HashMap::new();
    for r in &f.relations {
        let statements = count(r.evidence.len());
        for end in [r.subject.as_str(), r.object.as_str()] {
            let d = degree.entry(end).or_default();
            d.0 += 1;
            d.1 += statements;
        }
    }
    let of = |e: &EntityRecord| degree.get(e.id.as_str()).copied().unwrap_or_default();
    let mut aliases = ListBuilder::new(StringBuilder::new());
    for e in &f.entities {
        for a in &e.aliases {
            aliases.values().append_value(a);
        }
        aliases.append(true);
    }
    let es = &f.entities;
    batch(vec![
        column("id", strings(es.iter().map(|e| e.id.as_str()))),
        column("name", strings(es.iter().map(|e| e.name.as_str()))),
        column("type", strings(es.iter().map(|e| e.kind.as_str()))),
        column("aliases", Arc::new(aliases.finish())),
        column("relations", ints(es.iter().map(|e| of(e).0))),
        column("statements", ints(es.iter().map(|e| of(e).1))),
    ])
}

/// One row per relation; see the module documentation for the columns.
pub fn relations(f: &GraphFile) -> Result<RecordBatch> {
    let index: HashMap<&str, &EntityRecord> = f.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    // A relation end the entity list lacks (a crafted file) is named by its
    // id, as the other exports do, rather than failing the export.
    let end = |id: &str| -> (String, &'static str) {
        index
            .get(id)
            .map_or((id.to_string(), EntityType::Other.as_str()), |e| (e.name.clone(), e.kind.as_str()))
    };
    let rs = &f.relations;
    let text = |get: fn(&RelationRecord) -> &str| strings(rs.iter().map(get));
    let maybe = |get: fn(&RelationRecord) -> Option<&str>| optional(rs.iter().map(get));
    let flag = |get: fn(&RelationRecord) -> bool| bools(rs.iter().map(get));
    let number = |get: fn(&RelationRecord) -> usize| ints(rs.iter().map(|r| count(get(r))));
    let subjects: Vec<(String, &str)> = rs.iter().map(|r| end(&r.subject)).collect();
    let objects: Vec<(String, &str)> = rs.iter().map(|r| end(&r.object)).collect();
    batch(vec![
        column("relation", ints((0..rs.len()).map(count))),
        column("subject", text(|r| &r.subject)),
        column("subject_name", strings(subjects.iter().map(|s| s.0.as_str()))),
        column("subject_type", strings(subjects.iter().map(|s| s.1))),
        column("predicate", text(|r| &r.predicate)),
        column("category", text(|r| r.category.as_str())),
        column("quad", text(|r| quad_str(r))),
        column("object", text(|r| &r.object)),
        column("object_name", strings(objects.iter().map(|s| s.0.as_str()))),
        column("object_type", strings(objects.iter().map(|s| s.1))),
        column("symmetric", flag(|r| r.symmetric)),
        column("statements", number(|r| r.evidence.len())),
        column("documents", number(|r| r.documents)),
        column("corroboration", number(|r| r.corroboration)),
        column("sources", number(|r| r.sources)),
        column("first_date", maybe(|r| r.first_date.as_deref())),
        column("last_date", maybe(|r| r.last_date.as_deref())),
        column("modality", text(|r| r.modality().as_str())),
        column("negated", flag(RelationRecord::only_negated)),
        column("former", flag(|r| r.term.former)),
        column("valid_from", maybe(|r| r.term.valid_from.as_deref())),
        column("valid_from_basis", maybe(|r| r.term.valid_from_basis.as_deref())),
        column("valid_until", maybe(|r| r.term.valid_until.as_deref())),
        column("valid_until_basis", maybe(|r| r.term.valid_until_basis.as_deref())),
    ])
}

/// One row per evidence statement; see the module documentation for the
/// columns.
pub fn evidence(f: &GraphFile) -> Result<RecordBatch> {
    let rows: Vec<(usize, &RelationRecord, &crate::graph::EvidenceRecord)> = f
        .relations
        .iter()
        .enumerate()
        .flat_map(|(n, r)| r.evidence.iter().map(move |e| (n, r, e)))
        .collect();
    let text = |get: fn(&crate::graph::EvidenceRecord) -> &str| strings(rows.iter().map(|x| get(x.2)));
    let maybe = |get: fn(&crate::graph::EvidenceRecord) -> Option<&str>| optional(rows.iter().map(|x| get(x.2)));
    let flag = |get: fn(&crate::graph::EvidenceRecord) -> bool| bools(rows.iter().map(|x| get(x.2)));
    let toll = |get: fn(&crate::graph::EvidenceRecord) -> Option<u32>| -> ArrayRef {
        Arc::new(rows.iter().map(|x| get(x.2).map(i64::from)).collect::<Int64Array>())
    };
    let key = |get: fn(&RelationRecord) -> &str| strings(rows.iter().map(|x| get(x.1)));
    batch(vec![
        column("relation", ints(rows.iter().map(|x| count(x.0)))),
        column("subject", key(|r| &r.subject)),
        column("predicate", key(|r| &r.predicate)),
        column("object", key(|r| &r.object)),
        column("doc", text(|e| &e.doc)),
        column("sentence", ints(rows.iter().map(|x| count(x.2.sentence)))),
        column("start", ints(rows.iter().map(|x| count(x.2.span[0])))),
        column("end", ints(rows.iter().map(|x| count(x.2.span[1])))),
        column("text", text(|e| &e.text)),
        column("date", maybe(|e| e.date.as_deref())),
        column("modality", text(|e| e.modality.as_str())),
        column("negated", flag(|e| e.negated)),
        column("attribution", maybe(|e| e.details.attribution.as_deref())),
        column("rule", text(|e| &e.rule)),
        column("former", flag(|e| e.details.former)),
        column("valid_from", maybe(|e| e.details.valid_from.as_deref())),
        column("valid_until", maybe(|e| e.details.valid_until.as_deref())),
        column("place", maybe(|e| e.details.place.as_deref())),
        column("place_name", maybe(|e| e.details.place_name.as_deref())),
        column("dead", toll(|e| e.details.dead)),
        column("injured", toll(|e| e.details.injured)),
        column("mode", maybe(|e| e.details.mode.as_deref())),
    ])
}

fn quad_str(r: &RelationRecord) -> &'static str {
    super::quad_str(r.category.quad())
}

/// A count as the tables store it. Counts come from lengths in memory, so
/// they always fit; saturating keeps this total without a panic path.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn column(name: &'static str, values: ArrayRef) -> (&'static str, ArrayRef) {
    (name, values)
}

fn strings<'a>(values: impl Iterator<Item = &'a str>) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(values))
}

fn optional<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(values.collect::<StringArray>())
}

fn ints(values: impl Iterator<Item = i64>) -> ArrayRef {
    Arc::new(Int64Array::from_iter_values(values))
}

fn bools(values: impl Iterator<Item = bool>) -> ArrayRef {
    Arc::new(values.map(Some).collect::<BooleanArray>())
}

/// A record batch whose schema follows its columns: a column is nullable
/// exactly when it may hold nulls, which the builders above decide.
fn batch(columns: Vec<(&'static str, ArrayRef)>) -> Result<RecordBatch> {
    let fields: Vec<Field> = columns
        .iter()
        .map(|(name, a)| Field::new(*name, a.data_type().clone(), nullable(name)))
        .collect();
    let arrays = columns.into_iter().map(|(_, a)| a).collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).map_err(arrow_error)
}

/// The columns that may be empty: dates, terms, attributions, places,
/// tolls and modes. Every other column always has a value.
fn nullable(name: &str) -> bool {
    matches!(
        name,
        "first_date"
            | "last_date"
            | "date"
            | "valid_from"
            | "valid_from_basis"
            | "valid_until"
            | "valid_until_basis"
            | "attribution"
            | "place"
            | "place_name"
            | "dead"
            | "injured"
            | "mode"
    )
}

/// An Arrow error as the library's error. Building these tables fails only
/// on a bug (columns of unequal length), so it is reported as such.
pub(crate) fn arrow_error(e: ArrowError) -> Error {
    Error::Usage(format!("cannot build the arrow tables ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Array;

    fn sample() -> GraphFile {
        crate::output::testing::sample().to_file()
    }

    #[test]
    fn every_table_has_one_row_per_record() {
        let f = sample();
        let statements: usize = f.relations.iter().map(|r| r.evidence.len()).sum();
        assert_eq!(entities(&f).unwrap().num_rows(), f.entities.len());
        assert_eq!(relations(&f).unwrap().num_rows(), f.relations.len());
        assert_eq!(evidence(&f).unwrap().num_rows(), statements);
    }

    #[test]
    fn nullable_columns_are_the_ones_that_hold_nulls() {
        let f = sample();
        for b in [entities(&f).unwrap(), relations(&f).unwrap(), evidence(&f).unwrap()] {
            for (field, col) in b.schema().fields().iter().zip(b.columns()) {
                assert!(field.is_nullable() || col.null_count() == 0, "{}", field.name());
            }
        }
        let ev = evidence(&f).unwrap();
        let dates = ev.column_by_name("date").unwrap();
        assert!(dates.null_count() > 0, "the sample has an undated statement");
    }
}
