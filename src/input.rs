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

/// The largest document read by default: a plain-text article, or one
/// JSONL line. Real articles are a few kilobytes; anything near this is a
/// dump or a device, and is refused with a message rather than read into
/// memory without end.
pub const DEFAULT_MAX_DOCUMENT: u64 = 64 << 20;

/// Reads a whole file, but no more than `max` bytes of it: a larger file
/// (or a device that never ends) is an error naming it.
pub fn read_to_limit(path: &Path, max: u64) -> Result<Vec<u8>> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    f.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max {
        return Err(Error::Usage(format!(
            "{}: larger than the {} this file can be",
            path.display(),
            human_bytes(max)
        )));
    }
    Ok(bytes)
}

/// Expands the command-line paths into the files to read, in a
/// deterministic order (directories are walked sorted). Symbolic links
/// into a directory already being walked (a loop, or a second way into
/// the same tree) are skipped with one warning each.
pub fn expand_paths(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Warning>)> {
    let mut out = Vec::new();
    let mut walk = Walk::default();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(p.clone());
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
            walk.dir(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok((out, walk.warnings))
}

/// The state of a directory walk: the directories entered, by their
/// canonical path, so that a symlink loop is entered once.
#[derive(Default)]
struct Walk {
    seen: std::collections::HashSet<PathBuf>,
    warnings: Vec<Warning>,
}

impl Walk {
    fn dir(&mut self, dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
        let canonical = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
        if !self.seen.insert(canonical.clone()) {
            self.warnings.push(Warning {
                location: dir.display().to_string(),
                message: format!(
                    "directory {} was already read (a symbolic link loop?); skipped",
                    canonical.display()
                ),
            });
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                self.dir(&p, out)?;
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "jsonl")) {
                out.push(p);
            }
        }
        Ok(())
    }
}

/// Streams the documents of one file. `.jsonl` files give one document per
/// line; anything else (and stdin) is one plain-text article, unless its
/// first non-blank character is `{`, which reads it as JSONL.
pub fn read_file(path: &Path, default_date: Option<&str>) -> Result<Box<dyn Iterator<Item = Item>>> {
    read_file_with(path, default_date, DEFAULT_MAX_DOCUMENT)
}

/// `read_file` with a limit on the size of one document (a plain-text file,
/// or one JSONL line), in bytes. A larger plain-text input is an error; a
/// larger JSONL line is skipped with a warning. Reading stops at the limit,
/// so an endless input (`/dev/zero`) fails fast.
pub fn read_file_with(path: &Path, default_date: Option<&str>, max_document: u64) -> Result<Box<dyn Iterator<Item = Item>>> {
    let is_stdin = path.as_os_str() == "-";
    let name = if is_stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
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
        return Ok(Box::new(JsonlDocs {
            reader,
            name,
            line: 0,
            default_date,
            seen: Default::default(),
            pending: None,
            queued: None,
            max_line: max_document,
        }));
    }
    let mut bytes = Vec::new();
    reader
        .take(max_document.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max_document {
        return Err(Error::Usage(format!(
            "{name}: larger than the {} limit for one document (raise it with --max-document-size)",
            human_bytes(max_document)
        )));
    }
    let mut items = Vec::new();
    if looks_binary(&bytes) {
        items.push(Item::Warning(Warning {
            location: name,
            message: "binary file skipped".into(),
        }));
        return Ok(Box::new(items.into_iter()));
    }
    let mut text = decode(&bytes, &name, &mut items);
    if looks_html(&text) {
        blank_markup(&mut text);
        items.push(Item::Warning(Warning {
            location: name.clone(),
            message: "HTML page: text taken from the markup (scripts, styles and navigation dropped)".into(),
        }));
    }
    let id = if is_stdin {
        "stdin".to_string()
    } else {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.clone())
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

/// A file with NUL bytes (outside UTF-16) or mostly control bytes is not
/// an article.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.len() >= 2 && (bytes[..2] == [0xFF, 0xFE] || bytes[..2] == [0xFE, 0xFF]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    !head.is_empty() && control * 10 > head.len()
}

/// An HTML page rather than plain text.
pub fn looks_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && (head.contains("<body") || head.contains("<head")))
}

/// Replaces HTML markup with spaces, in place, so that byte offsets into
/// the page stay valid: tags, comments, and the whole content of script,
/// style, nav, header, footer and aside elements. Block-level tags become
/// line breaks so that paragraphs stay apart.
pub fn blank_markup(text: &mut String) {
    const DROP: [&str; 8] = ["script", "style", "nav", "header", "footer", "aside", "noscript", "head"];
    const BLOCK: [&str; 12] = ["p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "section", "article", "title"];
    let mut bytes = std::mem::take(text).into_bytes();
    let lower: Vec<u8> = bytes.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut unclosed: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        // The end of this tag (or comment).
        let close = if lower[i..].starts_with(b"<!--") {
            find(&lower, i + 4, b"-->").map(|e| e + 3)
        } else {
            find(&lower, i + 1, b">").map(|e| e + 1)
        };
        let Some(mut end) = close else { break };
        let name: String = lower[i + 1..end.saturating_sub(1)]
            .iter()
            .skip_while(|&&b| b == b'/')
            .take_while(|b| b.is_ascii_alphanumeric())
            .map(|&b| b as char)
            .collect();
        if lower[i + 1] != b'/' && DROP.contains(&name.as_str()) && !unclosed.contains(&name) {
            let closing = format!("</{name}");
            match find(&lower, end, closing.as_bytes()) {
                Some(c) => end = find(&lower, c, b">").map(|e| e + 1).unwrap_or(bytes.len()),
                // No closing tag anywhere after here, so none after any later
                // opening tag either: searching again for each of those made
                // a page of unclosed tags quadratic.
                None => {
                    unclosed.insert(name.clone());
                }
            }
        }
        let block = BLOCK.contains(&name.as_str());
        for (k, b) in bytes[i..end].iter_mut().enumerate() {
            // Keep UTF-8 continuation bytes valid by blanking whole
            // characters only: markup here is ASCII apart from text inside
            // dropped elements, whose non-ASCII bytes become spaces too.
            *b = if (block && k == 0) || *b == b'\n' { b'\n' } else { b' ' };
        }
        i = end;
    }
    *text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
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
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
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
    /// A warning about the line just read, given before its document.
    pending: Option<Warning>,
    queued: Option<Item>,
    /// The longest line read whole; the rest of a longer one is skipped.
    max_line: u64,
}

/// A size for people: "64 MB", "512 KB", "100 bytes".
pub fn human_bytes(n: u64) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MB", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{} KB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}

/// Reads one line into `buf` but never more than `max` bytes of it; the
/// rest of a longer line is consumed and dropped. Returns the bytes the
/// line had in all, so that the caller can tell that it was cut.
fn read_line_bounded(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: u64) -> std::io::Result<u64> {
    let n = (&mut *reader).take(max).read_until(b'\n', buf)? as u64;
    if n < max || buf.last() == Some(&b'\n') {
        return Ok(n);
    }
    // Skip to the end of the line without keeping it.
    let mut total = n;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(total);
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(total + at as u64 + 1);
            }
            None => {
                let len = chunk.len();
                reader.consume(len);
                total += len as u64;
            }
        }
    }
}

impl Iterator for JsonlDocs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(item) = self.queued.take() {
            return Some(item);
        }
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match read_line_bounded(&mut *self.reader, &mut buf, self.max_line) {
                Ok(0) => return None,
                Ok(n) if n > self.max_line => {
                    self.line += 1;
                    return Some(Item::Warning(Warning {
                        location: format!("{}:{}", self.name, self.line),
                        message: format!(
                            "record of {} is larger than the {} limit for one document; skipped (raise it with --max-document-size)",
                            human_bytes(n),
                            human_bytes(self.max_line)
                        ),
                    }));
                }
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
            let raw = if self.line == 1 {
                buf.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&buf)
            } else {
                &buf[..]
            };
            let line = match std::str::from_utf8(raw) {
                Ok(s) => std::borrow::Cow::Borrowed(s),
                Err(e) => {
                    self.pending = Some(Warning {
                        location: loc.clone(),
                        message: format!("invalid UTF-8 at byte {} of the line; decoded lossily", e.valid_up_to()),
                    });
                    String::from_utf8_lossy(raw)
                }
            };
            let line = line.trim().to_string();
            if line.is_empty() {
                continue;
            }
            let item = match parse_record(&line, self.line, self.default_date.as_deref()) {
                Ok(doc) => {
                    if !self.seen.insert(doc.id.clone()) {
                        Item::Warning(Warning {
                            location: loc,
                            message: format!("duplicate id {:?}; record skipped", doc.id),
                        })
                    } else {
                        Item::Doc(doc)
                    }
                }
                Err(message) => Item::Warning(Warning { location: loc, message }),
            };
            if let Some(w) = self.pending.take() {
                self.queued = Some(item);
                return Some(Item::Warning(w));
            }
            return Some(item);
        }
    }
}

fn parse_record(line: &str, line_no: usize, default_date: Option<&str>) -> Result<Document, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let Value::Object(mut map) = value else {
        return Err("not a JSON object".into());
    };
    // Integers beyond 64 bits are parsed as floats, and two such ids would
    // print alike; the digits as written tell them apart.
    if let Some(Value::Number(n)) = map.get("id") {
        if n.is_f64() {
            let digits = raw_id(line).unwrap_or_else(|| n.to_string());
            map.insert("id".into(), Value::String(digits));
        }
    }
    document_of(map, line_no, default_date).map_err(|e| e.to_string())
}

/// Why a record is not a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    /// The record has no `text`.
    NoText,
    /// A field the reader needs is of the wrong type.
    NotAString(&'static str),
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordError::NoText => write!(f, "record has no `text`"),
            RecordError::NotAString(field) => write!(f, "`{field}` is not a string"),
        }
    }
}

/// The fields of one record as a document: `text` (required), `id`
/// (`line-N` when absent), `date` (normalised, else `default_date`),
/// `title`, `url` and `source` (the URL's host when absent). A
/// non-string `date`, `title`, `url` or `source` is kept in `meta`, as are
/// fields the reader does not know. JSONL lines and the Python package's
/// records both go through here, so a record means the same in both.
pub fn document_of(mut map: Map<String, Value>, line_no: usize, default_date: Option<&str>) -> Result<Document, RecordError> {
    let text = match map.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err(RecordError::NotAString("text")),
        None => return Err(RecordError::NoText),
    };
    let id = match map.remove("id") {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(RecordError::NotAString("id")),
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
    let date = take("date")
        .and_then(|d| crate::date::normalize_iso(&d))
        .or(default_date.map(String::from));
    let title = take("title");
    let url = take("url");
    let source = take("source").or_else(|| url.as_deref().and_then(domain_of));
    Ok(Document {
        id,
        text,
        date,
        title,
        url,
        source,
        meta: map,
    })
}

/// The `id` of a JSONL record exactly as written.
fn raw_id(line: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Id<'a> {
        #[serde(borrow)]
        id: &'a serde_json::value::RawValue,
    }
    let r: Id = serde_json::from_str(line).ok()?;
    Some(r.id.get().trim().to_string())
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
    fn html_markup_is_blanked_in_place() {
        let page = "<!DOCTYPE html><html><head><title>T</title><script>var x = 1;</script></head><body><nav>Home | News</nav><p>Russia attacked Ukraine.</p></body></html>";
        assert!(looks_html(page));
        let mut t = page.to_string();
        blank_markup(&mut t);
        assert_eq!(t.len(), page.len());
        let at = page.find("Russia attacked Ukraine.").unwrap();
        assert_eq!(&t[at..at + 24], "Russia attacked Ukraine.");
        assert!(!t.contains("var x") && !t.contains("Home"));
    }

    #[test]
    fn binary_files_are_recognised() {
        assert!(looks_binary(b"\x7fELF\x02\x01\x01\0\0\0"));
        assert!(!looks_binary("Plain news text.\r\nSecond line.".as_bytes()));
        assert!(!looks_binary(&[0xFF, 0xFE, b'a', 0]));
    }

    #[test]
    fn jsonl_records_report_their_line() {
        let text = "{\"id\":\"a\",\"text\":\"Hello.\",\"date\":\"2025-01-02\",\"url\":\"https://www.bbc.co.uk/x\"}\nnot json\n{\"id\":\"b\"}\n{\"id\":\"a\",\"text\":\"dup\"}\n";
        let docs = JsonlDocs {
            reader: Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            name: "t.jsonl".into(),
            line: 0,
            default_date: None,
            seen: Default::default(),
            pending: None,
            queued: None,
            max_line: DEFAULT_MAX_DOCUMENT,
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
