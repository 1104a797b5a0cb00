//! The binary graph file (`.geokg`): the same sorted records as the JSON
//! file, in a compact hand-written encoding, behind a header that makes
//! damage detectable before anything is read as data.
//!
//! Layout, integers little-endian:
//!
//! | bytes | contents |
//! |---|---|
//! | 8 | magic `\x89GEOKG\r\n` (the high byte and the line ending catch text-mode copies) |
//! | 4 | format version (`BINARY_VERSION`) |
//! | 8 | payload length in bytes |
//! | 32 | SHA-256 of the payload |
//! | n | payload |
//!
//! The payload holds three name tables (entity types, categories,
//! modalities, each a count and names) that the records index into, so that
//! reordering or adding an enum variant never changes what an old file
//! means; then the documents and entities, each a count and records.
//! Version 2 then holds the atom table: every short string the relations
//! repeat (predicates, document ids, dates, rules, attributions, places,
//! modes, term bases), each once. A relation names its ends by their
//! position in the entity table and its short strings by their position in
//! the atom table; only a statement's sentence text is written inline.
//! Loading then neither looks an id up nor builds a string a second time,
//! and the file is about half the size of version 1, which wrote every
//! string in place (version 1 files still load).
//!
//! Integers are LEB128 varints; a string is its length and UTF-8 bytes; an
//! optional string, atom or number is 0 for none, else its value + 1
//! (strings: their length + 1). Every field of the JSON records is kept,
//! derived ones included, so a file holds exactly the records its JSON twin
//! does, and loading inserts them as `from_file` does, each relation
//! decoded straight into the graph.

use super::{
    DocRecord, EntityRecord, EvidenceRecord, KnowledgeGraph, RelationRecord, Sorted, Sparse, Statements, Str, Term, FORMAT, VERSION,
};
use crate::error::{Error, Result};
use crate::model::{Category, EntityType, Modality};
use rustc_hash::FxHashMap;
use std::path::Path;

pub(crate) const MAGIC: &[u8; 8] = b"\x89GEOKG\r\n";
/// The binary layout's version, independent of the records' `VERSION`.
/// Version 1 wrote every string in place; version 2 has the atom table.
pub(crate) const BINARY_VERSION: u32 = 2;
const HEADER: usize = 8 + 4 + 8 + 32;

const MODALITIES: [Modality; 5] = [
    Modality::Asserted,
    Modality::Reported,
    Modality::Planned,
    Modality::Requested,
    Modality::Hypothetical,
];

/// The whole file for borrowed, sorted records.
pub(crate) fn encode(sorted: &Sorted) -> Vec<u8> {
    let Sorted {
        documents,
        entities,
        relations,
        ends,
    } = sorted;
    let mut w = Writer(Vec::with_capacity(64 + entities.len() * 32));
    w.uint(EntityType::ALL.len() as u64);
    for t in EntityType::ALL {
        w.str(t.as_str());
    }
    w.uint(Category::ALL.len() as u64);
    for c in Category::ALL {
        w.str(c.as_str());
    }
    w.uint(MODALITIES.len() as u64);
    for m in MODALITIES {
        w.str(m.as_str());
    }
    w.uint(documents.len() as u64);
    for d in documents {
        w.str(&d.id);
        w.opt(d.title.as_deref());
        w.opt(d.date.as_deref());
        w.opt(d.url.as_deref());
        w.opt(d.source.as_deref());
        w.str(&d.sha256);
    }
    w.uint(entities.len() as u64);
    for e in entities {
        w.str(&e.id);
        w.str(&e.name);
        w.uint(EntityType::ALL.iter().position(|&t| t == e.kind).unwrap_or(0) as u64);
        w.uint(e.aliases.len() as u64);
        for a in &e.aliases {
            w.str(a);
        }
    }
    // The relations go to a buffer of their own while the atom table fills
    // up, and the table is written before them: one pass over the records.
    let mut atoms = Atoms::default();
    let mut body = Writer(Vec::with_capacity(relations.len() * 80));
    let b = &mut body;
    for (r, &[s, o]) in relations.iter().zip(ends) {
        b.uint(u64::from(s));
        b.uint(atoms.of(&r.predicate));
        b.uint(category_index(r.category));
        b.uint(u64::from(o));
        b.flag(r.symmetric);
        b.uint(r.documents as u64);
        b.uint(r.corroboration as u64);
        b.uint(r.sources as u64);
        b.uint(atoms.opt(r.first_date.as_deref()));
        b.uint(atoms.opt(r.last_date.as_deref()));
        b.flag(r.term.former);
        b.uint(atoms.opt(r.term.valid_from.as_deref()));
        b.uint(atoms.opt(r.term.valid_from_basis.as_deref()));
        b.uint(atoms.opt(r.term.valid_until.as_deref()));
        b.uint(atoms.opt(r.term.valid_until_basis.as_deref()));
        b.uint(r.evidence.len() as u64);
        for e in &r.evidence {
            b.uint(atoms.of(&e.doc));
            b.uint(e.sentence as u64);
            b.uint(e.span[0] as u64);
            b.uint(e.span[1] as u64);
            b.str(&e.text);
            b.uint(atoms.opt(e.date.as_deref()));
            b.uint(MODALITIES.iter().position(|&m| m == e.modality).unwrap_or(0) as u64);
            b.flag(e.negated);
            b.uint(atoms.opt(e.details.attribution.as_deref()));
            b.uint(atoms.of(&e.rule));
            b.flag(e.details.former);
            b.uint(atoms.opt(e.details.valid_from.as_deref()));
            b.uint(atoms.opt(e.details.valid_until.as_deref()));
            b.uint(atoms.opt(e.details.place.as_deref()));
            b.uint(atoms.opt(e.details.place_name.as_deref()));
            b.opt_num(e.details.dead);
            b.opt_num(e.details.injured);
            b.uint(atoms.opt(e.details.mode.as_deref()));
        }
    }
    w.uint(atoms.list.len() as u64);
    for a in &atoms.list {
        w.str(a);
    }
    w.uint(relations.len() as u64);
    // The file in one buffer of its final size: the header, then the
    // payload's head and body, each copied once (fresh pages cost more
    // than the copy, and a million-relation payload is 76 MB).
    let mut file = Vec::with_capacity(HEADER + w.0.len() + body.0.len());
    file.extend_from_slice(MAGIC);
    file.extend_from_slice(&BINARY_VERSION.to_le_bytes());
    file.extend_from_slice(&((w.0.len() + body.0.len()) as u64).to_le_bytes());
    file.extend_from_slice(&[0; 32]);
    file.extend_from_slice(&w.0);
    drop(w);
    file.extend_from_slice(&body.0);
    drop(body);
    use sha2::Digest;
    let sum = sha2::Sha256::digest(&file[HEADER..]);
    file[20..HEADER].copy_from_slice(&sum);
    file
}
/// The atom table as the writer fills it: each distinct string once, in
/// the order the sorted records first use it, so equal graphs write equal
/// tables.
#[derive(Default)]
struct Atoms<'a> {
    list: Vec<&'a str>,
    index: FxHashMap<&'a str, u64>,
}

impl<'a> Atoms<'a> {
    /// The position of `s` in the table, added when it is new.
    fn of(&mut self, s: &'a str) -> u64 {
        let next = self.list.len() as u64;
        *self.index.entry(s).or_insert_with(|| {
            self.list.push(s);
            next
        })
    }

    /// An optional atom: 0 for none, else its position + 1.
    fn opt(&mut self, s: Option<&'a str>) -> u64 {
        s.map_or(0, |s| self.of(s) + 1)
    }
}

/// The position of a category in `Category::ALL`, which the file's
/// category table lists in that order.
fn category_index(c: Category) -> u64 {
    Category::ALL.iter().position(|&x| x == c).unwrap_or(0) as u64
}

/// The payload of a binary graph file, checked against its header first:
/// a file that is cut short, longer than it says, newer than this geokg or
/// whose checksum does not match is refused before any record is read.
fn checked_payload<'a>(bytes: &'a [u8], path: &Path) -> Result<(u32, &'a [u8])> {
    let bad = |message: String| Error::Graph {
        path: path.to_path_buf(),
        message,
    };
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return Err(bad(format!(
            "truncated binary graph file ({} bytes, shorter than its {HEADER}-byte header)",
            bytes.len()
        )));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().unwrap_or_default());
    if version > BINARY_VERSION {
        return Err(bad(format!(
            "binary graph file version {version} is newer than this geokg reads ({BINARY_VERSION}); upgrade geokg"
        )));
    }
    if version == 0 {
        return Err(bad("damaged binary graph file (version 0)".into()));
    }
    let length = u64::from_le_bytes(bytes[12..20].try_into().unwrap_or_default());
    let payload = &bytes[HEADER..];
    if (payload.len() as u64) < length {
        return Err(bad(format!(
            "truncated binary graph file (the header promises {length} payload bytes, the file has {})",
            payload.len()
        )));
    }
    if payload.len() as u64 > length {
        return Err(bad(format!(
            "damaged binary graph file ({} bytes after the {length} payload bytes the header promises)",
            payload.len() as u64 - length
        )));
    }
    use sha2::Digest;
    if sha2::Sha256::digest(payload).as_slice() != &bytes[20..52] {
        return Err(bad("damaged binary graph file (checksum mismatch)".into()));
    }
    Ok((version, payload))
}

/// What a decoding error says: the checksum matched, so it means a writer
/// that was not geokg's; it is still reported, never trusted.
fn damaged(what: &str, r: &Reader) -> String {
    format!("damaged binary graph file ({what} at payload offset {})", r.at)
}

/// The graph of a binary graph file, each relation decoded straight into
/// it: no vector of every record is built first, which halved the memory
/// a load wrote (a million records are 288 MB before their statements).
pub(crate) fn load(bytes: &[u8], path: &Path) -> Result<KnowledgeGraph> {
    let (version, payload) = checked_payload(bytes, path)?;
    let mut r = Reader { bytes: payload, at: 0 };
    let bad = |message: String| Error::Graph {
        path: path.to_path_buf(),
        message,
    };
    let head = read_head(&mut r, version).map_err(|what| bad(damaged(what, &r)))?;
    let Head {
        tables,
        documents,
        entities,
        relations,
    } = head;
    // The id of each entity in file order, for the relations that name
    // their ends by position.
    let ids: Vec<Str> = entities.iter().map(|e| Str::from(e.id.as_str())).collect();
    let (mut g, nodes) = KnowledgeGraph::from_head(FORMAT, VERSION, documents, entities, relations, path)?;
    for _ in 0..relations {
        let (ends, rel) = read_relation(&mut r, &tables, &ids).map_err(|what| bad(damaged(what, &r)))?;
        match ends {
            Some([s, o]) => {
                g.insert_between(nodes[s], nodes[o], rel);
            }
            None => {
                g.insert_relation(rel).map_err(bad)?;
            }
        }
    }
    g.finish();
    if r.at != r.bytes.len() {
        return Err(bad(damaged("bytes left over after the last relation", &r)));
    }
    Ok(g)
}

/// The name tables a file's indices refer to.
struct Tables {
    categories: Vec<Category>,
    modalities: Vec<Modality>,
    /// The short strings of version 2 (empty in version 1).
    atoms: Vec<Str>,
    /// Version 1: short strings and relation ends are written in place.
    inline: bool,
}

/// What comes before the relations: the name tables, documents and
/// entities, the atoms, and the number of relations that follow.
struct Head {
    tables: Tables,
    documents: Vec<DocRecord>,
    entities: Vec<EntityRecord>,
    relations: usize,
}

fn read_head(r: &mut Reader, version: u32) -> Result<Head, &'static str> {
    let types: Vec<EntityType> = r.table(|s| EntityType::ALL.iter().copied().find(|t| t.as_str() == s))?;
    let categories: Vec<Category> = r.table(|s| Category::ALL.iter().copied().find(|c| c.as_str() == s))?;
    let modalities: Vec<Modality> = r.table(|s| MODALITIES.iter().copied().find(|m| m.as_str() == s))?;
    let n = r.count()?;
    let mut documents = Vec::with_capacity(n);
    for _ in 0..n {
        documents.push(DocRecord {
            id: r.string()?,
            title: r.opt_string()?,
            date: r.opt_string()?,
            url: r.opt_string()?,
            source: r.opt_string()?,
            sha256: r.string()?,
        });
    }
    let n = r.count()?;
    let mut entities = Vec::with_capacity(n);
    for _ in 0..n {
        let id = r.string()?;
        let name = r.string()?;
        let kind = pick(&types, r.uint()?, "an unknown entity type")?;
        let k = r.count()?;
        let mut aliases = Vec::with_capacity(k);
        for _ in 0..k {
            aliases.push(r.string()?);
        }
        entities.push(EntityRecord { id, name, kind, aliases });
    }
    let mut atoms = Vec::new();
    if version >= 2 {
        let n = r.count()?;
        atoms.reserve(n);
        for _ in 0..n {
            atoms.push(r.small()?);
        }
    }
    Ok(Head {
        tables: Tables {
            categories,
            modalities,
            atoms,
            inline: version < 2,
        },
        documents,
        entities,
        relations: r.count()?,
    })
}

/// One relation record, with the file positions of its subject and object
/// when the layout names ends by position (version 2; version 1 writes
/// their ids, and every short string, in place).
fn read_relation(r: &mut Reader, t: &Tables, ids: &[Str]) -> Result<(Option<[usize; 2]>, RelationRecord), &'static str> {
    let end = |r: &mut Reader| -> Result<(Option<usize>, Str), &'static str> {
        if t.inline {
            return Ok((None, r.small()?));
        }
        let i = r.usize()?;
        let id = ids.get(i).ok_or("a relation naming an entity the file does not hold")?;
        Ok((Some(i), id.clone()))
    };
    let (s, subject) = end(r)?;
    let predicate = r.short(t)?;
    let category = pick(&t.categories, r.uint()?, "an unknown category")?;
    let (o, object) = end(r)?;
    let symmetric = r.flag()?;
    let documents = r.usize()?;
    let corroboration = r.usize()?;
    let sources = r.usize()?;
    let first_date = r.opt_short(t)?;
    let last_date = r.opt_short(t)?;
    let term = Term {
        former: r.flag()?,
        valid_from: r.opt_short(t)?,
        valid_from_basis: r.opt_short(t)?,
        valid_until: r.opt_short(t)?,
        valid_until_basis: r.opt_short(t)?,
    };
    let k = r.count()?;
    // One statement stays inline in the record: no vector is allocated.
    let mut evidence = Statements::new();
    for _ in 0..k {
        evidence.push(EvidenceRecord::from(crate::graph::EvidenceFields {
            doc: r.short(t)?,
            sentence: r.usize()?,
            span: [r.usize()?, r.usize()?],
            text: r.string()?,
            date: r.opt_short(t)?,
            modality: pick(&t.modalities, r.uint()?, "an unknown modality")?,
            negated: r.flag()?,
            attribution: r.opt_short(t)?,
            rule: r.short(t)?,
            former: r.flag()?,
            valid_from: r.opt_short(t)?,
            valid_until: r.opt_short(t)?,
            place: r.opt_short(t)?,
            place_name: r.opt_short(t)?.map(String::from),
            dead: r.opt_num()?,
            injured: r.opt_num()?,
            mode: r.opt_short(t)?,
        }));
    }
    let record = RelationRecord {
        subject,
        predicate,
        category,
        object,
        symmetric,
        documents,
        corroboration,
        sources,
        first_date,
        last_date,
        term: Sparse::new(term),
        evidence,
    };
    Ok((s.zip(o).map(|(s, o)| [s, o]), record))
}

/// The value a file's table index stands for.
fn pick<T: Copy>(table: &[T], i: u64, what: &'static str) -> Result<T, &'static str> {
    usize::try_from(i).ok().and_then(|i| table.get(i)).copied().ok_or(what)
}

fn pick_ref<T>(table: &[T], i: u64) -> Result<&T, &'static str> {
    usize::try_from(i)
        .ok()
        .and_then(|i| table.get(i))
        .ok_or("an atom the file does not hold")
}

struct Writer(Vec<u8>);

impl Writer {
    fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    fn flag(&mut self, b: bool) {
        self.0.push(u8::from(b));
    }

    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn opt(&mut self, s: Option<&str>) {
        match s {
            None => self.uint(0),
            Some(s) => {
                self.uint(s.len() as u64 + 1);
                self.0.extend_from_slice(s.as_bytes());
            }
        }
    }

    fn opt_num(&mut self, n: Option<u32>) {
        self.uint(n.map_or(0, |n| u64::from(n) + 1));
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn uint(&mut self) -> Result<u64, &'static str> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let &b = self.bytes.get(self.at).ok_or("a number cut short")?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err("a number longer than 64 bits")
    }

    fn usize(&mut self) -> Result<usize, &'static str> {
        usize::try_from(self.uint()?).map_err(|_| "a number too large")
    }

    /// A count of records, which cannot exceed the bytes left (every record
    /// takes at least one): a damaged count never reserves gigabytes.
    fn count(&mut self) -> Result<usize, &'static str> {
        let n = self.usize()?;
        if n > self.bytes.len() - self.at {
            return Err("a count larger than the file");
        }
        Ok(n)
    }

    fn flag(&mut self) -> Result<bool, &'static str> {
        match self.uint()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err("a flag that is neither 0 nor 1"),
        }
    }

    fn slice(&mut self, n: usize) -> Result<&'a str, &'static str> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or("a string cut short")?;
        let s = std::str::from_utf8(&self.bytes[self.at..end]).map_err(|_| "a string that is not UTF-8")?;
        self.at = end;
        Ok(s)
    }

    fn str(&mut self) -> Result<&'a str, &'static str> {
        let n = self.usize()?;
        self.slice(n)
    }

    fn opt_str(&mut self) -> Result<Option<&'a str>, &'static str> {
        match self.usize()? {
            0 => Ok(None),
            n => self.slice(n - 1).map(Some),
        }
    }

    fn string(&mut self) -> Result<String, &'static str> {
        self.str().map(String::from)
    }

    fn opt_string(&mut self) -> Result<Option<String>, &'static str> {
        Ok(self.opt_str()?.map(String::from))
    }

    fn small(&mut self) -> Result<Str, &'static str> {
        self.str().map(Str::from)
    }

    fn opt_small(&mut self) -> Result<Option<Str>, &'static str> {
        Ok(self.opt_str()?.map(Str::from))
    }

    /// A short string: in place (version 1) or from the atom table.
    fn short(&mut self, t: &Tables) -> Result<Str, &'static str> {
        if t.inline {
            return self.small();
        }
        pick_ref(&t.atoms, self.uint()?).cloned()
    }

    fn opt_short(&mut self, t: &Tables) -> Result<Option<Str>, &'static str> {
        if t.inline {
            return self.opt_small();
        }
        match self.uint()? {
            0 => Ok(None),
            i => pick_ref(&t.atoms, i - 1).cloned().map(Some),
        }
    }

    fn opt_num(&mut self) -> Result<Option<u32>, &'static str> {
        match self.uint()? {
            0 => Ok(None),
            n => u32::try_from(n - 1).map(Some).map_err(|_| "a number too large"),
        }
    }

    /// A name table: the values the file's indices stand for, each name
    /// known to this geokg.
    fn table<T>(&mut self, known: impl Fn(&str) -> Option<T>) -> Result<Vec<T>, &'static str> {
        let n = self.count()?;
        (0..n)
            .map(|_| known(self.str()?).ok_or("a name this geokg does not know"))
            .collect()
    }
}
