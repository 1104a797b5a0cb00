//! Input stage: turns paths (`.txt`, `.jsonl`, directories, `-` for stdin)
//! into a stream of documents, with warnings for what could not be read.
//!
//! Documents are produced one at a time so that a corpus is never held in
//! memory whole.

use crate::error::{Error, Result};
use serde_json::{Map, Value};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One article.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub id: String,
    pub text: String,
    /// Publication date, ISO `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// Other JSONL fields, kept as they were.
    pub meta: Map<String, Value>,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }
}

/// A problem with one input item that does not stop the run.
#[derive(Debug, Clone)]
pub struct Warning {
    pub location: String,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// An item of the input stream.
pub enum Item {
    Doc(Document),
    Warning(Warning),
}

/// Expands the command-line paths into the files to read, in a
/// deterministic order (directories are walked sorted).
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(p.clone());
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "jsonl")) {
            out.push(p);
        }
    }
    Ok(())
}

/// Streams the documents of one file. `.jsonl` files give one document per
/// line; anything else (and stdin) is one plain-text article, unless its
/// first non-blank character is `{`, which reads it as JSONL.
pub fn read_file(path: &Path, default_date: Option<&str>) -> Result<Box<dyn Iterator<Item = Item>>> {
    let is_stdin = path.as_os_str() == "-";
    let name = if is_stdin { "<stdin>".to_string() } else { path.display().to_string() };
    let mut reader: Box<dyn BufRead> = if is_stdin {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Box::new(BufReader::with_capacity(1 << 16, f))
    };
    let jsonl = path.extension().is_some_and(|e| e == "jsonl") || {
        let buf = reader.fill_buf().map_err(|e| Error::io(path, e))?;
        buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
    };
    let default_date = default_date.map(String::from);
    if jsonl {
        return Ok(Box::new(JsonlDocs { reader, name, line: 0, default_date, seen: Default::default() }));
    }
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    let mut items = Vec::new();
    let text = decode(&bytes, &name, &mut items);
    let id = if is_stdin {
        "stdin".to_string()
    } else {
        path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| name.clone())
    };
    let mut doc = Document::new(id, text);
    doc.date = default_date;
    if !is_stdin {
        doc.source = None;
        doc.meta.insert("path".into(), Value::String(name));
    }
    items.push(Item::Doc(doc));
    Ok(Box::new(items.into_iter()))
}

/// Decodes bytes as UTF-8 (or UTF-16 with a BOM), lossily, warning once
/// with the offset of the first bad byte.
fn decode(bytes: &[u8], name: &str, items: &mut Vec<Item>) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode(rest, name, items);
    }
    if bytes.len() >= 2 && (bytes[..2] == [0xFF, 0xFE] || bytes[..2] == [0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        return String::from_utf16_lossy(&units);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            items.push(Item::Warning(Warning {
                location: name.to_string(),
                message: format!("invalid UTF-8 at byte {}; decoded lossily", e.valid_up_to()),
            }));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

struct JsonlDocs {
    reader: Box<dyn BufRead>,
    name: String,
    line: usize,
    default_date: Option<String>,
    seen: std::collections::HashSet<String>,
}

impl Iterator for JsonlDocs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match self.reader.read_until(b'\n', &mut buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    // A read error ends the stream: report it once and stop.
                    let item = Item::Warning(Warning {
                        location: format!("{}:{}", self.name, self.line + 1),
                        message: format!("read error: {e}; rest of file skipped"),
                    });
                    self.reader = Box::new(std::io::empty());
                    return Some(item);
                }
            }
            self.line += 1;
            let loc = format!("{}:{}", self.name, self.line);
            let line = String::from_utf8_lossy(&buf);
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            return Some(match parse_record(line, self.line, self.default_date.as_deref()) {
                Ok(doc) => {
                    if !self.seen.insert(doc.id.clone()) {
                        Item::Warning(Warning { location: loc, message: format!("duplicate id {:?}; record skipped", doc.id) })
                    } else {
                        Item::Doc(doc)
                    }
                }
                Err(message) => Item::Warning(Warning { location: loc, message }),
            });
        }
    }
}

fn parse_record(line: &str, line_no: usize, default_date: Option<&str>) -> Result<Document, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let Value::Object(mut map) = value else {
        return Err("not a JSON object".into());
    };
    let text = match map.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err("`text` is not a string".into()),
        None => return Err("record has no `text`".into()),
    };
    let id = match map.remove("id") {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err("`id` is not a string".into()),
        None => format!("line-{line_no}"),
    };
    let mut take = |k: &str| match map.remove(k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        Some(Value::String(_)) | Some(Value::Null) | None => None,
        Some(other) => {
            // Keep non-string values as metadata rather than losing them.
            map.insert(k.to_string(), other);
            None
        }
    };
    let date = take("date").and_then(|d| crate::extract::dates::normalize_iso(&d)).or(default_date.map(String::from));
    let title = take("title");
    let url = take("url");
    let source = take("source").or_else(|| url.as_deref().and_then(domain_of));
    Ok(Document { id, text, date, title, url, source, meta: map })
}

/// The host of a URL, without `www.`, as the outlet name.
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_records_report_their_line() {
        let text = "{\"id\":\"a\",\"text\":\"Hello.\",\"date\":\"2025-01-02\",\"url\":\"https://www.bbc.co.uk/x\"}\nnot json\n{\"id\":\"b\"}\n{\"id\":\"a\",\"text\":\"dup\"}\n";
        let docs = JsonlDocs {
            reader: Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            name: "t.jsonl".into(),
            line: 0,
            default_date: None,
            seen: Default::default(),
        };
        let items: Vec<Item> = docs.collect();
        assert_eq!(items.len(), 4);
        match &items[0] {
            Item::Doc(d) => {
                assert_eq!(d.date.as_deref(), Some("2025-01-02"));
                assert_eq!(d.source.as_deref(), Some("bbc.co.uk"));
            }
            Item::Warning(w) => panic!("{w}"),
        }
        let warnings: Vec<String> = items
            .iter()
            .filter_map(|i| match i {
                Item::Warning(w) => Some(w.to_string()),
                _ => None,
            })
            .collect();
        assert!(warnings[0].starts_with("t.jsonl:2: not a JSON object"));
        assert!(warnings[1].starts_with("t.jsonl:3: record has no `text`"));
        assert!(warnings[2].contains("duplicate id"));
    }
}
