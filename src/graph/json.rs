//! The JSON graph file: the documented, sorted, mergeable interchange
//! format (`GraphFile`), parsed from memory and written from borrowed
//! records.

use super::{write_atomic, DocRecord, EntityRecord, GraphFile, RelationRecord, FORMAT, VERSION};
use crate::error::{Error, Result};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The records of a JSON graph file. Parsing from memory is about twice as
/// fast as from a reader.
pub(crate) fn parse(bytes: &[u8], path: &Path) -> Result<GraphFile> {
    serde_json::from_slice(bytes).map_err(|e| Error::Graph {
        path: path.to_path_buf(),
        message: if e.is_eof() {
            format!("truncated or incomplete graph file ({e})")
        } else {
            format!("not a valid geokg graph file ({e})")
        },
    })
}

/// Writes sorted records as the JSON file, atomically.
pub(crate) fn write(path: &Path, documents: &[&DocRecord], entities: &[&EntityRecord], relations: &[&RelationRecord]) -> Result<()> {
    write_atomic(path, |w| to_writer(w, documents, entities, relations))
}

/// Writes sorted records as the JSON file's bytes, with its final newline.
pub(crate) fn to_writer(
    w: &mut dyn Write,
    documents: &[&DocRecord],
    entities: &[&EntityRecord],
    relations: &[&RelationRecord],
) -> std::io::Result<()> {
    // The same form as `GraphFile`, borrowed.
    #[derive(Serialize)]
    struct FileRef<'a> {
        format: &'a str,
        version: u32,
        documents: &'a [&'a DocRecord],
        entities: &'a [&'a EntityRecord],
        relations: &'a [&'a RelationRecord],
    }
    let f = FileRef {
        format: FORMAT,
        version: VERSION,
        documents,
        entities,
        relations,
    };
    serde_json::to_writer(&mut *w, &f).map_err(std::io::Error::other)?;
    w.write_all(b"\n")
}
