//! The triples table `extract_arrow` returns: one row per triple, the JSONL
//! triple flattened. `COLUMNS` is the one definition of its schema: each
//! column's name, type and the field of `Triple` it reads, so the schema
//! and the rows cannot drift apart.
//!
//! Names follow the library's Arrow tables (`subject` is the subject's id,
//! `start`/`end` the evidence span); counts and offsets are int64, since
//! Spark and Java readers have no unsigned types; dates are strings, since
//! a date may be a month or a year. A JSONL field `a.b` is the column
//! `a_b`, except `evidence.doc` (`doc`), `evidence.sentence` (`sentence`),
//! `evidence.span` (`start`, `end`) and `evidence.text` (`text`). Fields the
//! JSON leaves out when false or absent are `false` or null.

use arrow_array::builder::{BooleanBuilder, Float32Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use geokg::model::{EntityRef, Triple};
use std::sync::Arc;

/// How a column reads a triple.
#[derive(Clone, Copy)]
enum Read {
    Str(for<'a> fn(&'a Triple) -> Option<&'a str>),
    Int(fn(&Triple) -> Option<i64>),
    Bool(fn(&Triple) -> bool),
    Float(fn(&Triple) -> f32),
}

/// Name, whether it may be null, and how to read it.
type Column = (&'static str, bool, Read);

fn id(e: &Option<EntityRef>) -> Option<&str> {
    e.as_ref().map(|e| e.id.as_str())
}

fn name(e: &Option<EntityRef>) -> Option<&str> {
    e.as_ref().map(|e| e.name.as_str())
}

fn kind(e: &Option<EntityRef>) -> Option<&str> {
    e.as_ref().map(|e| e.kind.as_str())
}

/// The schema of the triples table, in column order.
const COLUMNS: &[Column] = &[
    ("doc", false, Read::Str(|t| Some(&t.evidence.doc))),
    ("sentence", false, Read::Int(|t| Some(t.evidence.sentence as i64))),
    ("start", false, Read::Int(|t| Some(t.evidence.span[0] as i64))),
    ("end", false, Read::Int(|t| Some(t.evidence.span[1] as i64))),
    ("subject", false, Read::Str(|t| Some(&t.subject.id))),
    ("subject_name", false, Read::Str(|t| Some(&t.subject.name))),
    ("subject_type", false, Read::Str(|t| Some(t.subject.kind.as_str()))),
    ("predicate", false, Read::Str(|t| Some(&t.predicate))),
    ("category", false, Read::Str(|t| Some(t.category.as_str()))),
    ("object", false, Read::Str(|t| Some(&t.object.id))),
    ("object_name", false, Read::Str(|t| Some(&t.object.name))),
    ("object_type", false, Read::Str(|t| Some(t.object.kind.as_str()))),
    ("text", false, Read::Str(|t| Some(&t.evidence.text))),
    ("date", true, Read::Str(|t| t.date.as_deref())),
    ("date_precision", true, Read::Str(|t| t.date_precision.as_deref())),
    ("negated", false, Read::Bool(|t| t.negated)),
    ("modality", false, Read::Str(|t| Some(t.modality.as_str()))),
    ("attribution", true, Read::Str(|t| id(&t.attribution))),
    ("attribution_name", true, Read::Str(|t| name(&t.attribution))),
    ("attribution_type", true, Read::Str(|t| kind(&t.attribution))),
    ("confidence", false, Read::Float(|t| t.confidence)),
    ("rule", false, Read::Str(|t| Some(&t.rule))),
    ("symmetric", false, Read::Bool(|t| t.symmetric)),
    ("former", false, Read::Bool(|t| t.former)),
    ("valid_from", true, Read::Str(|t| t.valid_from.as_deref())),
    ("valid_until", true, Read::Str(|t| t.valid_until.as_deref())),
    ("place", true, Read::Str(|t| id(&t.place))),
    ("place_name", true, Read::Str(|t| name(&t.place))),
    ("place_type", true, Read::Str(|t| kind(&t.place))),
    ("dead", true, Read::Int(|t| t.dead.map(i64::from))),
    ("injured", true, Read::Int(|t| t.injured.map(i64::from))),
    ("mode", true, Read::Str(|t| t.mode.as_deref())),
];

/// The triples table's schema.
pub fn schema() -> SchemaRef {
    let fields: Vec<Field> = COLUMNS
        .iter()
        .map(|&(name, nullable, read)| {
            let ty = match read {
                Read::Str(_) => DataType::Utf8,
                Read::Int(_) => DataType::Int64,
                Read::Bool(_) => DataType::Boolean,
                Read::Float(_) => DataType::Float32,
            };
            Field::new(name, ty, nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// The triples as one record batch of `schema()`.
pub fn batch<'a>(triples: impl Iterator<Item = &'a Triple> + Clone) -> Result<RecordBatch, ArrowError> {
    let columns: Vec<ArrayRef> = COLUMNS
        .iter()
        .map(|&(_, _, read)| -> ArrayRef {
            let rows = triples.clone();
            match read {
                Read::Str(f) => {
                    let mut b = StringBuilder::new();
                    rows.for_each(|t| b.append_option(f(t)));
                    Arc::new(b.finish())
                }
                Read::Int(f) => {
                    let mut b = Int64Builder::new();
                    rows.for_each(|t| b.append_option(f(t)));
                    Arc::new(b.finish())
                }
                Read::Bool(f) => {
                    let mut b = BooleanBuilder::new();
                    rows.for_each(|t| b.append_value(f(t)));
                    Arc::new(b.finish())
                }
                Read::Float(f) => {
                    let mut b = Float32Builder::new();
                    rows.for_each(|t| b.append_value(f(t)));
                    Arc::new(b.finish())
                }
            }
        })
        .collect();
    RecordBatch::try_new(schema(), columns)
}
