//! Reading a graph file from disk, and telling the two kinds apart: a
//! binary file starts with its magic bytes, a JSON file with `{`. Anything
//! else is refused after a look at the first block, not after reading
//! gigabytes.

use super::binary::MAGIC;
use crate::error::{Error, Result};
use std::io::BufRead;
use std::path::Path;

/// A graph file's bytes, by kind.
pub(crate) enum Raw {
    Json(Vec<u8>),
    Binary(Vec<u8>),
}

/// Whether `save` writes the binary file for this name: it ends in
/// `.geokg` (any case).
pub(crate) fn is_binary_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("geokg"))
}

/// Reads a graph file whole, after a look at its first bytes. A sparse
/// file of zeros, a device such as `/dev/zero` or a foreign binary file is
/// refused at once.
pub(crate) fn read(path: &Path) -> Result<Raw> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut r = std::io::BufReader::with_capacity(1 << 16, file);
    let head = r.fill_buf().map_err(|e| Error::io(path, e))?;
    let binary = is_binary_start(head, path)?;
    // Read in blocks: memory is reserved as it is needed, and running out
    // is an error, not an abort. JSON text never holds a NUL byte, so a
    // JSON file that turns into zeros after a valid start (a sparse file, a
    // device) is refused where the zeros begin; a binary file is bounded by
    // the length in its header instead, checked when it is decoded.
    let mut bytes: Vec<u8> = Vec::new();
    let _ = bytes.try_reserve(usize::try_from(size).unwrap_or(0).min(1 << 30));
    loop {
        let block = r.fill_buf().map_err(|e| Error::io(path, e))?;
        if block.is_empty() {
            break;
        }
        if !binary {
            if let Some(at) = block.iter().position(|&b| b == 0) {
                return Err(nul_at(bytes.len() + at, path));
            }
        }
        bytes.try_reserve(block.len()).map_err(|_| Error::Graph {
            path: path.to_path_buf(),
            message: format!("out of memory after reading {} bytes", bytes.len()),
        })?;
        bytes.extend_from_slice(block);
        let n = block.len();
        r.consume(n);
    }
    Ok(if binary { Raw::Binary(bytes) } else { Raw::Json(bytes) })
}

/// Whether a graph file whose first block is `head` is the binary kind.
/// A start that is neither kind is refused: a sparse file of zeros, a
/// device such as `/dev/zero` or a foreign binary file is refused at once.
fn is_binary_start(head: &[u8], path: &Path) -> Result<bool> {
    if head.starts_with(MAGIC) {
        return Ok(true);
    }
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Ok(false),
        // All white space, or empty: the JSON parser says "truncated".
        None if head.len() < (1 << 16) => Ok(false),
        _ => Err(Error::Graph {
            path: path.to_path_buf(),
            message: "not a geokg graph file (it starts with neither a JSON object nor the binary file's magic bytes)".into(),
        }),
    }
}

fn nul_at(offset: usize, path: &Path) -> Error {
    Error::Graph {
        path: path.to_path_buf(),
        message: format!("not a geokg graph file (a NUL byte at offset {offset}: JSON text has none)"),
    }
}

/// A graph file's bytes already in memory, told apart and checked as
/// `read` checks a file; `path` names them in errors.
pub(crate) fn from_memory(bytes: Vec<u8>, path: &Path) -> Result<Raw> {
    if is_binary_start(&bytes[..bytes.len().min(1 << 16)], path)? {
        return Ok(Raw::Binary(bytes));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(nul_at(at, path));
    }
    Ok(Raw::Json(bytes))
}
