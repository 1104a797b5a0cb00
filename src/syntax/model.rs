//! The trained model: tag and label inventories, the tagger and the
//! parser, their file format, and the shipped copy compiled into the
//! binary and loaded once per process.
//!
//! File format (all integers little-endian): the magic `GEOKGSYN`, a
//! format version (u32), the tag list (UPOS and XPOS per class), the label
//! list, then three weight tables (tagger, transitions, labels). A table is
//! its class count, its scale (f32), its row count, and the rows in key
//! order: the key as a LEB128 gap from the previous one, the number of
//! entries (u8), and (class u8, weight i16) per entry. Sorted keys make
//! the gaps small.

use super::features::WordInfo;
use super::parser::{Node, Parser};
use super::perceptron::{Builder, Frozen, Table};
use super::tagger::{tag_value, Tagger, VerbClasses};
use super::Upos;
use crate::{Error, Result};
use compact_str::CompactString;
use std::borrow::Cow;

const MAGIC: &[u8; 8] = b"GEOKGSYN";
const VERSION: u32 = 1;

/// A trained tagger and parser with their inventories.
pub struct Model {
    /// Tag classes: a UPOS and an XPOS per class.
    pub tags: Vec<(Upos, CompactString)>,
    pub labels: Vec<CompactString>,
    pub(crate) tagger: Tagger,
    pub(crate) parser: Parser,
    /// The tag classes the tagger's one-verb rule reads, from `tags`.
    verbs: VerbClasses,
    /// The model file this model was decoded from. The decoded tables
    /// keep only fingerprints of their keys, to stay small in memory, so
    /// `to_bytes` hands back the file rather than re-encoding the tables.
    file: Cow<'static, [u8]>,
}

/// What the model says about one sentence of word forms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Tag class per word (index into `Model::tags`).
    pub tags: Vec<u16>,
    /// UD head per word: 0 for the root, else the 1-based word number.
    pub heads: Vec<usize>,
    /// Label per word (index into `Model::labels`).
    pub labels: Vec<u16>,
}

impl Model {
    /// Tags and parses one sentence given as word forms.
    pub fn analyse(&self, forms: &[&str]) -> Analysis {
        let words: Vec<WordInfo> = forms.iter().map(|f| WordInfo::of(f)).collect();
        let mut a = Analysis::default();
        self.tag(forms, &words, &mut a.tags);
        let mut nodes = Vec::with_capacity(words.len() + 1);
        nodes.push(Node::ROOT);
        nodes.extend(words.iter().zip(&a.tags).map(|(w, &t)| Node {
            w: w.lower,
            p: tag_value(Some(t)),
        }));
        let (mut heads, mut labels) = (Vec::new(), Vec::new());
        self.parser.parse(&nodes, &mut heads, &mut labels);
        a.heads = heads.get(1..).unwrap_or(&[]).to_vec();
        a.labels = labels.get(1..).unwrap_or(&[]).to_vec();
        a
    }

    /// Tags word forms without parsing them: the mention stage asks
    /// whether a capitalised word at a sentence start is a proper noun,
    /// which capitals alone cannot say there.
    pub fn tag_upos(&self, forms: &[&str]) -> Vec<Upos> {
        let words: Vec<WordInfo> = forms.iter().map(|f| WordInfo::of(f)).collect();
        let mut tags = Vec::new();
        self.tag(forms, &words, &mut tags);
        tags.into_iter().map(|t| self.upos(t)).collect()
    }

    /// Tags a sentence. A sentence written as a story sentence (a
    /// capital first, a full stop, question or exclamation mark last, four
    /// words or more) gets a verb: see [`Tagger::tag_news`]. Only a word
    /// in lowercase letters may take it, so names, numbers and symbols never
    /// become verbs. Training tags with the plain tagger, so the shipped
    /// model stays what `train-parser` reproduces.
    fn tag(&self, forms: &[&str], words: &[WordInfo], out: &mut Vec<u16>) {
        let story = forms.len() >= 4
            && forms.first().is_some_and(|f| f.chars().next().is_some_and(|c| c.is_uppercase()))
            && forms.last().is_some_and(|f| matches!(*f, "." | "!" | "?"));
        if !story {
            self.tagger.tag(words, out);
            return;
        }
        let lower = |i: usize| {
            let f = forms[i];
            f.len() >= 2 && f.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
        };
        self.tagger.tag_news(words, out, &self.verbs, lower);
    }

    pub fn upos(&self, tag: u16) -> Upos {
        self.tags.get(tag as usize).map_or(Upos::X, |t| t.0)
    }

    pub fn xpos(&self, tag: u16) -> &str {
        self.tags.get(tag as usize).map_or("_", |t| t.1.as_str())
    }

    pub fn label(&self, label: u16) -> &str {
        self.labels.get(label as usize).map_or("dep", |l| l.as_str())
    }

    /// Encodes a freshly trained model and decodes it again, so that a
    /// trained model and one read from its file are the same tables.
    pub(crate) fn assemble(tags: Vec<(Upos, CompactString)>, labels: Vec<CompactString>, root: u16, tables: [&Frozen; 3]) -> Model {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        put_u32(&mut out, tags.len() as u32);
        for (u, x) in &tags {
            put_str(&mut out, u.as_str());
            put_str(&mut out, x);
        }
        put_u32(&mut out, labels.len() as u32);
        for l in &labels {
            put_str(&mut out, l);
        }
        put_u32(&mut out, root as u32);
        for t in tables {
            put_table(&mut out, t);
        }
        // What was just written always reads back; the fallback is an
        // empty model that parses every word as a root's dependent.
        Model::decode("trained model", Cow::Owned(out)).unwrap_or_else(|_| Model::empty())
    }

    /// A model with no weights (used only if encoding a trained model
    /// failed to read back, which would be a bug).
    fn empty() -> Model {
        let none = || Frozen {
            classes: 1,
            scale: 1.0,
            rows: Vec::new(),
        };
        Model {
            tags: vec![(Upos::X, CompactString::new("_"))],
            labels: vec![CompactString::new("root")],
            tagger: Tagger { table: none().table() },
            parser: Parser {
                trans: none().table(),
                labels: none().table(),
                root: 0,
            },
            verbs: VerbClasses::default(),
            file: Cow::Borrowed(&[]),
        }
    }

    /// The model as bytes (the shipped file format).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.file.to_vec()
    }

    /// Reads a model written by `to_bytes`. `name` is used in errors.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Model> {
        Model::decode(name, Cow::Owned(bytes.to_vec()))
    }

    fn decode(name: &str, file: Cow<'static, [u8]>) -> Result<Model> {
        let bad = |m: &str| Error::Usage(format!("{name}: not a geokg syntax model: {m}"));
        let bytes: &[u8] = &file;
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8).ok_or_else(|| bad("too short"))? != MAGIC {
            return Err(bad("wrong magic bytes"));
        }
        let version = r.u32().ok_or_else(|| bad("too short"))?;
        if version != VERSION {
            return Err(bad(&format!("format version {version}, this geokg reads {VERSION}")));
        }
        let mut read = || -> Option<Model> {
            let n = r.u32()? as usize;
            let mut tags = Vec::with_capacity(n.min(1024));
            for _ in 0..n {
                let u = Upos::parse(&r.str()?).unwrap_or(Upos::X);
                tags.push((u, CompactString::new(r.str()?)));
            }
            let n = r.u32()? as usize;
            let mut labels = Vec::with_capacity(n.min(1024));
            for _ in 0..n {
                labels.push(CompactString::new(r.str()?));
            }
            let root = r.u32()? as u16;
            let tagger = r.table()?;
            let trans = r.table()?;
            let lab = r.table()?;
            (r.pos == r.bytes.len() && tagger.classes() == tags.len() && lab.classes() == labels.len() && (root as usize) < labels.len())
                .then_some(Model {
                    verbs: VerbClasses::of(&tags),
                    tags,
                    labels,
                    tagger: Tagger { table: tagger },
                    parser: Parser { trans, labels: lab, root },
                    file: Cow::Borrowed(&[]),
                })
        };
        let mut model = read().ok_or_else(|| bad("damaged or truncated"))?;
        model.file = file;
        Ok(model)
    }

    /// Table sizes, for the training report.
    pub fn summary(&self) -> String {
        format!(
            "{} tag classes, {} labels; tagger {} features, transitions {} features, labels {} features",
            self.tags.len(),
            self.labels.len(),
            self.tagger.table.rows(),
            self.parser.trans.rows(),
            self.parser.labels.rows()
        )
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    let b = &s.as_bytes()[..s.len().min(255)];
    out.push(b.len() as u8);
    out.extend_from_slice(b);
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_table(out: &mut Vec<u8>, t: &Frozen) {
    put_u32(out, t.classes as u32);
    out.extend_from_slice(&t.scale.to_le_bytes());
    put_u32(out, t.rows.len() as u32);
    let mut last = 0u64;
    for &(key, ref entries) in &t.rows {
        put_varint(out, key - last);
        last = key;
        let entries = &entries[..entries.len().min(255)];
        out.push(entries.len() as u8);
        for &(c, w) in entries {
            out.push(c);
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(s)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<String> {
        let n = self.u8()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn table(&mut self) -> Option<Table> {
        let classes = self.u32()? as usize;
        let scale = f32::from_le_bytes(self.take(4)?.try_into().ok()?);
        let n = self.u32()? as usize;
        // Never trust a count to size an allocation: a damaged file could
        // claim billions of rows.
        let mut b = Builder::new(classes, scale, n.min(self.bytes.len()));
        let mut k = 0u64;
        for _ in 0..n {
            k = k.checked_add(self.varint()?)?;
            let len = self.u8()? as usize;
            let row = self.take(len * 3)?;
            b.push(k, row.chunks_exact(3).map(|e| (e[0], i16::from_le_bytes([e[1], e[2]]))));
        }
        Some(b.finish())
    }
}

/// The model trained by `geokg train-parser` on UD English-EWT and GUM,
/// compiled into the binary (see NOTICE for its licences).
static SHIPPED: &[u8] = include_bytes!("model.bin");

/// The shipped model, decoded on first use and shared by every thread.
pub fn shipped() -> Result<&'static Model> {
    static MODEL: std::sync::OnceLock<std::result::Result<Model, String>> = std::sync::OnceLock::new();
    MODEL
        .get_or_init(|| {
            if SHIPPED.is_empty() {
                return Err("this geokg was built without a syntax model (src/syntax/model.bin is empty)".into());
            }
            Model::decode("src/syntax/model.bin", Cow::Borrowed(SHIPPED)).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::Usage(e.clone()))
}
