//! Documents from Python: a list of strings or of dicts with the fields of
//! a JSONL record, or an Arrow table with a `text` column. Every record
//! becomes a document through `geokg::input::document_of`, the function
//! that reads JSONL lines, so a record means the same here and in the CLI.
//! What the CLI only warns about (a record without text, a field of the
//! wrong type, a duplicate id) is an exception here: a caller holding the
//! records in memory can fix them, and a silently dropped record would
//! shift every result after it.

use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int64Type, UInt32Type, UInt64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use geokg::input::{document_of, Document, RecordError};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// The record fields the reader uses; others are left out, since no
/// output carries them.
const FIELDS: [&str; 6] = ["text", "id", "date", "title", "url", "source"];

/// The fields whose non-string values `document_of` keeps as metadata
/// rather than refusing; from Python they are a type error.
const OPTIONAL_STRINGS: [&str; 4] = ["date", "title", "url", "source"];

/// Documents in order, with the ids checked for duplicates.
#[derive(Default)]
pub struct Docs {
    pub docs: Vec<Document>,
    seen: HashSet<String>,
}

impl Docs {
    /// Adds the record at `at` (its place, for messages), read as a
    /// document with `line-N` for a missing id as in JSONL.
    fn push(&mut self, at: &str, row: usize, map: Map<String, Value>, date: Option<&str>) -> PyResult<()> {
        let doc = document_of(map, row + 1, date).map_err(|e| match e {
            RecordError::NoText => PyValueError::new_err(format!("{at}: {e}")),
            RecordError::NotAString(_) => PyTypeError::new_err(format!("{at}: {e}")),
        })?;
        if let Some(field) = OPTIONAL_STRINGS.iter().find(|f| doc.meta.contains_key(**f)) {
            return Err(PyTypeError::new_err(format!("{at}: {}", RecordError::NotAString(field))));
        }
        if !self.seen.insert(doc.id.clone()) {
            return Err(PyValueError::new_err(format!("{at}: duplicate id {:?}", doc.id)));
        }
        self.docs.push(doc);
        Ok(())
    }
}

/// A Python value of a record field as JSON, as a JSONL line would hold it.
/// Types JSON has no word for are refused naming the field.
fn json_of(at: &str, field: &str, v: &Bound<'_, PyAny>) -> PyResult<Value> {
    if v.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    // bool is a subclass of int in Python: test it first.
    if let Ok(b) = v.cast::<pyo3::types::PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if v.cast::<pyo3::types::PyInt>().is_ok() {
        if let Ok(n) = v.extract::<i64>() {
            return Ok(Value::from(n));
        }
        if let Ok(n) = v.extract::<u64>() {
            return Ok(Value::from(n));
        }
        // Beyond 64 bits: the digits, as the JSONL reader keeps them.
        return Ok(Value::String(v.str()?.to_cow()?.into_owned()));
    }
    if let Ok(x) = v.extract::<f64>() {
        return Ok(serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number));
    }
    Err(PyTypeError::new_err(format!(
        "{at}: `{field}` is not a string (got {})",
        v.get_type().name()?
    )))
}

/// The documents of a Python iterable of strings or dicts.
pub fn from_python(records: &Bound<'_, PyAny>, date: Option<&str>) -> PyResult<Docs> {
    if records.cast::<PyString>().is_ok() || records.cast::<PyDict>().is_ok() {
        return Err(PyTypeError::new_err("records must be a list of str or dict, not a single record"));
    }
    let iter = records.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "records must be a list of str or dict, not {}",
            records.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        ))
    })?;
    let mut out = Docs::default();
    for (row, item) in iter.enumerate() {
        let item = item?;
        let at = format!("records[{row}]");
        let mut map = Map::new();
        if let Ok(s) = item.cast::<PyString>() {
            map.insert("text".into(), Value::String(s.to_cow()?.into_owned()));
        } else if let Ok(d) = item.cast::<PyDict>() {
            for field in FIELDS {
                if let Some(v) = d.get_item(field)? {
                    map.insert(field.into(), json_of(&at, field, &v)?);
                }
            }
        } else {
            return Err(PyTypeError::new_err(format!(
                "{at}: expected a str or a dict, got {}",
                item.get_type().name()?
            )));
        }
        out.push(&at, row, map, date)?;
    }
    Ok(out)
}

/// One column of an input table, by the kinds of values it may hold.
enum Column<'a> {
    Text(&'a dyn Array),
    Absent,
}

/// A string (or, for ids, integer) cell of a column, or None when null.
fn cell(col: &Column<'_>, row: usize) -> Option<Value> {
    let Column::Text(a) = col else { return None };
    if a.is_null(row) {
        return None;
    }
    let s = match a.data_type() {
        DataType::Utf8 => a.as_string::<i32>().value(row).to_string(),
        DataType::LargeUtf8 => a.as_string::<i64>().value(row).to_string(),
        DataType::Utf8View => a.as_string_view().value(row).to_string(),
        DataType::Int64 => return Some(Value::from(a.as_primitive::<Int64Type>().value(row))),
        DataType::Int32 => return Some(Value::from(a.as_primitive::<Int32Type>().value(row))),
        DataType::UInt64 => return Some(Value::from(a.as_primitive::<UInt64Type>().value(row))),
        DataType::UInt32 => return Some(Value::from(a.as_primitive::<UInt32Type>().value(row))),
        _ => return None,
    };
    Some(Value::String(s))
}

/// The documents of Arrow record batches with a `text` column and optional
/// `id`, `date`, `title`, `url` and `source` columns (strings; `id` may
/// also be integers). Rows are numbered across the batches, for the
/// `line-N` ids of rows without one.
pub fn from_batches(batches: &[RecordBatch], date: Option<&str>) -> PyResult<Docs> {
    let mut out = Docs::default();
    let mut row = 0usize;
    for batch in batches {
        let schema = batch.schema();
        let mut cols = Vec::with_capacity(FIELDS.len());
        for field in FIELDS {
            let col = match schema.index_of(field) {
                Ok(i) => {
                    let a = batch.column(i).as_ref();
                    let ints = field == "id"
                        && matches!(
                            a.data_type(),
                            DataType::Int64 | DataType::Int32 | DataType::UInt64 | DataType::UInt32
                        );
                    let strings = matches!(a.data_type(), DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View);
                    if !(strings || ints || a.data_type() == &DataType::Null) {
                        return Err(PyTypeError::new_err(format!(
                            "column `{field}` is {} but must hold strings",
                            a.data_type().to_string().to_lowercase()
                        )));
                    }
                    Column::Text(a)
                }
                Err(_) if field == "text" => return Err(PyValueError::new_err("the table has no `text` column")),
                Err(_) => Column::Absent,
            };
            cols.push((field, col));
        }
        for r in 0..batch.num_rows() {
            let mut map = Map::new();
            for (field, col) in &cols {
                if let Some(v) = cell(col, r) {
                    map.insert((*field).into(), v);
                }
            }
            out.push(&format!("row {row}"), row, map, date)?;
            row += 1;
        }
    }
    Ok(out)
}
