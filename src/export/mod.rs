//! Exports of a graph to the formats other tools read: GraphML (networkx,
//! Gephi, yEd), N-Triples and Turtle (RDF stores, SPARQL), a CSV edge list,
//! JSON Lines (pandas, DuckDB, jq), a Neo4j directory (bulk-import CSV
//! files plus a `LOAD CSV` script) and PLOVER event records ([`plover`]).
//!
//! Every export reads the sorted file form of the graph (`to_file`), so the
//! same graph always gives the same bytes. Entity names, evidence sentences
//! and document fields come from untrusted news text: each format escapes
//! them with a real writer (quick-xml, oxttl, csv, serde_json), and URLs from
//! the input are only ever written as plain strings, never as links or IRIs.
//!
//! Formats in brief:
//!
//! - GraphML: one `<node>` per entity (id = entity id; keys `name`, `type`,
//!   `aliases` joined with `|`) and one `<edge>` per relation (`e0`, `e1`...;
//!   keys `predicate`, `category`, `quad`, `documents` int, `evidence` int
//!   (statement count), `first_date`, `last_date`, `negated` boolean (every
//!   statement is negated), `symmetric` boolean, `evidence_text`). Characters
//!   that XML 1.0 forbids (most control characters) become U+FFFD.
//! - CSV edge list: one row per relation, header `subject, subject_name,
//!   subject_type, predicate, category, quad, object, object_name,
//!   object_type, documents, evidence, first_date, last_date, negated,
//!   symmetric, example`.
//! - JSON Lines: one object per relation with both ends (`id`, `name`,
//!   `type`) and every evidence record as in the graph file.
//! - Neo4j: `nodes.csv` (`id:ID, name, type, aliases:string[], :LABEL`) and
//!   `relations.csv` (`:START_ID, :END_ID, :TYPE, predicate, category, quad,
//!   documents:int, first_date, last_date, negated:boolean, example`) in the
//!   `neo4j-admin database import` format, with `;` as the array delimiter
//!   (the importer's default; a `;` inside an alias is written as `,`, since
//!   the importer has no way to escape it). Nodes get the labels `Entity` and
//!   their type (`Person`, `Country`...); relationships get their category
//!   as type. `import.cypher` loads the same files into a running database.
//!
//! The "example" and "evidence_text" of a relation is the first non-negated
//! evidence sentence, or the first sentence when all are negated.
//!
//! RDF vocabulary (namespace `https://geokg.dev/ns#`, prefix `geokg:`; also
//! `rdf:`, `rdfs:` and `xsd:`):
//!
//! - Entity `https://geokg.dev/entity/<id>`:
//!   - `rdf:type` `geokg:Person`, `geokg:Country`, `geokg:Organization`,
//!     `geokg:Location`, `geokg:Group` or `geokg:Other`;
//!   - `geokg:id` the entity id, `rdfs:label` the name, `geokg:alias` one
//!     per alias.
//! - Relation `https://geokg.dev/relation/<n>`:
//!   - `rdf:type geokg:Relation`;
//!   - `geokg:subject`, `geokg:object`: entity IRIs;
//!   - `geokg:predicate` (`"met"`), `geokg:category` (`"CONSULT"`),
//!     `geokg:quad` (`"verbal_cooperation"`);
//!   - `geokg:documents` (`xsd:integer`): documents with a non-negated
//!     statement;
//!   - `geokg:firstDate`, `geokg:lastDate`: plain strings, since dates may be
//!     partial (`"2025-06"`);
//!   - `geokg:symmetric`, `geokg:negated` (`xsd:boolean`; negated means
//!     every statement is negated);
//!   - `geokg:evidence`: one evidence IRI per statement.
//! - Direct statement `<subject> geokg:<CATEGORY> <object>` (`geokg:CONSULT`,
//!   `geokg:LEADER_OF`...), for relations that are not only negated, so that
//!   simple queries need no reification.
//! - Evidence `https://geokg.dev/relation/<n>/evidence/<k>`:
//!   - `rdf:type geokg:Evidence`;
//!   - `geokg:document`: the document id, a string;
//!   - `geokg:sentenceIndex`, `geokg:start`, `geokg:end` (`xsd:integer`): the
//!     sentence and its byte span in the document;
//!   - `geokg:text`, `geokg:date` (if any), `geokg:modality` (`"asserted"`,
//!     `"reported"`...), `geokg:rule`;
//!   - `geokg:negated` (`xsd:boolean`);
//!   - `geokg:attribution`: entity IRI of the source, if any.
//! - Document `https://geokg.dev/document/<id>`:
//!   - `rdf:type geokg:Document`;
//!   - `geokg:id`, `geokg:title`, `geokg:url`, `geokg:source`, `geokg:date`
//!     (if any), `geokg:sha256`. The URL is a string, never an IRI.
//!
//! `<id>` is the id percent-encoded byte by byte, keeping only `A-Z a-z 0-9 -
//! . _ ~` (so `country:BLR` becomes `country%3ABLR`): any id gives a valid
//! IRI. `<n>` is the index of the relation in sorted order (subject,
//! predicate, object) and `<k>` the index of the evidence in the relation's
//! sorted evidence, so both are stable for a given graph but not across
//! graphs.

pub mod plover;
use crate::graph::{write_atomic, EntityRecord, EvidenceRecord, GraphFile, KnowledgeGraph, RelationRecord};
use crate::model::{Category, EntityType, Quad};
use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{Literal, LiteralRef, NamedNode, TripleRef};
use oxttl::{NTriplesSerializer, TurtleSerializer};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer as XmlWriter;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The namespace of the geokg RDF vocabulary.
pub const NS: &str = "https://geokg.dev/ns#";
const ENTITY_BASE: &str = "https://geokg.dev/entity/";
const RELATION_BASE: &str = "https://geokg.dev/relation/";
const DOCUMENT_BASE: &str = "https://geokg.dev/document/";
const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Graphml,
    Ntriples,
    Turtle,
    Neo4j,
    Csv,
    Jsonl,
    Plover,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 7] = [
        ExportFormat::Graphml,
        ExportFormat::Ntriples,
        ExportFormat::Turtle,
        ExportFormat::Neo4j,
        ExportFormat::Csv,
        ExportFormat::Jsonl,
        ExportFormat::Plover,
    ];

    /// Reads a format name, ignoring case; the usual file extensions (`nt`,
    /// `ttl`, `ndjson`) are accepted too.
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "graphml" => Some(ExportFormat::Graphml),
            "ntriples" | "n-triples" | "nt" => Some(ExportFormat::Ntriples),
            "turtle" | "ttl" => Some(ExportFormat::Turtle),
            "neo4j" => Some(ExportFormat::Neo4j),
            "csv" => Some(ExportFormat::Csv),
            "jsonl" | "ndjson" => Some(ExportFormat::Jsonl),
            "plover" => Some(ExportFormat::Plover),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Graphml => "graphml",
            ExportFormat::Ntriples => "ntriples",
            ExportFormat::Turtle => "turtle",
            ExportFormat::Neo4j => "neo4j",
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Plover => "plover",
        }
    }
}

/// Writes single-file formats to `out`. Neo4j is a directory format: use
/// [`export_neo4j`].
pub fn export(g: &KnowledgeGraph, format: ExportFormat, out: &mut dyn Write) -> io::Result<()> {
    if format == ExportFormat::Neo4j {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the neo4j export writes a directory of files, not a single output",
        ));
    }
    if format == ExportFormat::Plover {
        let mut out = io::BufWriter::new(out);
        plover::write(g, &mut out)?;
        return out.flush();
    }
    let f = g.to_file();
    // The writers below issue many small writes; `out` may be a raw file or
    // a locked stdout, so buffer here rather than trust every caller to.
    let mut out = io::BufWriter::new(out);
    match format {
        ExportFormat::Graphml => write_graphml(&f, &mut out)?,
        ExportFormat::Ntriples => write_ntriples(&f, &mut out)?,
        ExportFormat::Turtle => write_turtle(&f, &mut out)?,
        ExportFormat::Csv => write_csv(&f, &mut out)?,
        ExportFormat::Jsonl => write_jsonl(&f, &mut out)?,
        ExportFormat::Neo4j | ExportFormat::Plover => {}
    }
    out.flush()
}

/// Writes nodes.csv, relations.csv (neo4j-admin database import headers) and
/// import.cypher (a LOAD CSV / MERGE script) into `dir`, creating it if
/// needed. Returns the paths written.
pub fn export_neo4j(g: &KnowledgeGraph, dir: &Path) -> io::Result<Vec<PathBuf>> {
    // The three files are one import: they are written into a temporary
    // directory that replaces `dir` only when all three are complete, so a
    // failed or killed export never leaves new nodes beside old relations.
    crate::atomic::write_dir(dir, |tmp| write_neo4j(g, tmp)).map_err(io::Error::other)
}

/// Writes the three Neo4j files into `tmp`, a directory that
/// [`crate::atomic::write_dir`] moves into place whole.
pub(crate) fn write_neo4j(g: &KnowledgeGraph, tmp: &Path) -> crate::Result<Vec<PathBuf>> {
    let f = g.to_file();
    let nodes = tmp.join("nodes.csv");
    let relations = tmp.join("relations.csv");
    let script = tmp.join("import.cypher");
    write_atomic(&nodes, |w| write_neo4j_nodes(&f, w))?;
    write_atomic(&relations, |w| write_neo4j_relations(&f, w))?;
    write_atomic(&script, |w| w.write_all(cypher_script().as_bytes()))?;
    Ok(vec![nodes, relations, script])
}

/// The name of an entity type as an RDF class and a Neo4j label.
fn class_name(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "Person",
        EntityType::Country => "Country",
        EntityType::Organization => "Organization",
        EntityType::Location => "Location",
        EntityType::Group => "Group",
        EntityType::Other => "Other",
    }
}

/// The quad class as the graph file's JSON spells it (a test checks that the
/// two agree), so that every export uses one spelling.
pub(crate) fn quad_str(q: Quad) -> &'static str {
    match q {
        Quad::VerbalCooperation => "verbal_cooperation",
        Quad::MaterialCooperation => "material_cooperation",
        Quad::VerbalConflict => "verbal_conflict",
        Quad::MaterialConflict => "material_conflict",
        Quad::State => "state",
    }
}

fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// The sentence that illustrates a relation: the first non-negated one, so
/// that a relation stated once and denied once is not shown by its denial.
fn example(r: &RelationRecord) -> &str {
    r.evidence.iter().min_by_key(|e| e.negated).map_or("", |e| e.text.as_str())
}

/// Entities by id, to give relation ends their names and types.
fn entity_index(f: &GraphFile) -> HashMap<&str, &EntityRecord> {
    f.entities.iter().map(|e| (e.id.as_str(), e)).collect()
}

/// The name and type of a relation end. The graph never holds a relation
/// whose end is missing, but an export should not panic if one does.
fn end<'a>(index: &HashMap<&str, &'a EntityRecord>, id: &'a str) -> (&'a str, EntityType) {
    match index.get(id) {
        Some(e) => (e.name.as_str(), e.kind),
        None => (id, EntityType::Other),
    }
}

// ---------------------------------------------------------------- GraphML

const GRAPHML_NODE_KEYS: [(&str, &str); 3] = [("name", "string"), ("type", "string"), ("aliases", "string")];

const GRAPHML_EDGE_KEYS: [(&str, &str); 10] = [
    ("predicate", "string"),
    ("category", "string"),
    ("quad", "string"),
    ("documents", "int"),
    ("evidence", "int"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("negated", "boolean"),
    ("symmetric", "boolean"),
    ("evidence_text", "string"),
];

/// Replaces the characters XML 1.0 does not allow anywhere, even escaped
/// (control characters other than tab and line breaks, U+FFFE, U+FFFF):
/// quick-xml escapes markup but passes these through, and a single one makes
/// the whole file unreadable to XML parsers.
pub(crate) fn xml_safe(s: &str) -> Cow<'_, str> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}');
    if s.chars().all(allowed) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().map(|c| if allowed(c) { c } else { '\u{FFFD}' }).collect())
    }
}

fn graphml_key<W: Write>(xml: &mut XmlWriter<W>, domain: &str, name: &str, kind: &str) -> io::Result<()> {
    xml.create_element("key")
        .with_attribute(("id", name))
        .with_attribute(("for", domain))
        .with_attribute(("attr.name", name))
        .with_attribute(("attr.type", kind))
        .write_empty()?;
    Ok(())
}

fn graphml_data<W: Write>(xml: &mut XmlWriter<W>, key: &str, value: &str) -> io::Result<()> {
    xml.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(&xml_safe(value)))?;
    Ok(())
}

/// GraphML node ids: each entity id made XML-safe, and kept distinct when
/// two ids differ only in characters XML forbids (both would otherwise
/// become the same `x\u{FFFD}` and a reader would merge the two entities).
pub(crate) fn graphml_ids(f: &GraphFile) -> HashMap<&str, String> {
    let mut taken: std::collections::HashSet<String> = f
        .entities
        .iter()
        .filter(|e| matches!(xml_safe(&e.id), Cow::Borrowed(_)))
        .map(|e| e.id.to_string())
        .collect();
    let mut ids = HashMap::with_capacity(f.entities.len());
    for e in &f.entities {
        let id = match xml_safe(&e.id) {
            Cow::Borrowed(id) => id.to_string(),
            Cow::Owned(safe) => {
                let mut id = safe.clone();
                let mut n = 2;
                while !taken.insert(id.clone()) {
                    id = format!("{safe}~{n}");
                    n += 1;
                }
                id
            }
        };
        ids.insert(e.id.as_str(), id);
    }
    ids
}

pub(crate) fn write_graphml(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
    let ids = graphml_ids(f);
    let id_of = |id: &str| ids.get(id).cloned().unwrap_or_else(|| xml_safe(id).into_owned());
    let mut xml = XmlWriter::new_with_indent(w, b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    xml.create_element("graphml")
        .with_attribute(("xmlns", GRAPHML_NS))
        .write_inner_content(|xml| {
            for (name, kind) in GRAPHML_NODE_KEYS {
                graphml_key(xml, "node", name, kind)?;
            }
            for (name, kind) in GRAPHML_EDGE_KEYS {
                graphml_key(xml, "edge", name, kind)?;
            }
            xml.create_element("graph")
                .with_attribute(("id", "geokg"))
                .with_attribute(("edgedefault", "directed"))
                .write_inner_content(|xml| {
                    for e in &f.entities {
                        xml.create_element("node")
                            .with_attribute(("id", id_of(&e.id).as_str()))
                            .write_inner_content(|xml| {
                                graphml_data(xml, "name", &e.name)?;
                                graphml_data(xml, "type", e.kind.as_str())?;
                                if !e.aliases.is_empty() {
                                    graphml_data(xml, "aliases", &e.aliases.join("|"))?;
                                }
                                Ok(())
                            })?;
                    }
                    for (i, r) in f.relations.iter().enumerate() {
                        let id = format!("e{i}");
                        xml.create_element("edge")
                            .with_attribute(("id", id.as_str()))
                            .with_attribute(("source", id_of(&r.subject).as_str()))
                            .with_attribute(("target", id_of(&r.object).as_str()))
                            .write_inner_content(|xml| write_graphml_edge(xml, r))?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    xml.into_inner().write_all(b"\n")
}

fn write_graphml_edge<W: Write>(xml: &mut XmlWriter<W>, r: &RelationRecord) -> io::Result<()> {
    graphml_data(xml, "predicate", &r.predicate)?;
    graphml_data(xml, "category", r.category.as_str())?;
    graphml_data(xml, "quad", quad_str(r.category.quad()))?;
    graphml_data(xml, "documents", &r.documents.to_string())?;
    graphml_data(xml, "evidence", &r.evidence.len().to_string())?;
    if let Some(d) = &r.first_date {
        graphml_data(xml, "first_date", d)?;
    }
    if let Some(d) = &r.last_date {
        graphml_data(xml, "last_date", d)?;
    }
    graphml_data(xml, "negated", bool_str(r.only_negated()))?;
    graphml_data(xml, "symmetric", bool_str(r.symmetric))?;
    if !r.evidence.is_empty() {
        graphml_data(xml, "evidence_text", example(r))?;
    }
    Ok(())
}

// ---------------------------------------------------------------- RDF

/// The terms of the geokg vocabulary (see the module documentation).
mod voc {
    use oxrdf::NamedNodeRef;

    macro_rules! terms {
        ($($name:ident = $local:literal;)*) => {
            $(pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!("https://geokg.dev/ns#", $local));)*
            #[cfg(test)]
            pub const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
        };
    }

    terms! {
        RELATION = "Relation";
        EVIDENCE_CLASS = "Evidence";
        DOCUMENT_CLASS = "Document";
        ID = "id";
        ALIAS = "alias";
        SUBJECT = "subject";
        OBJECT = "object";
        PREDICATE = "predicate";
        CATEGORY = "category";
        QUAD = "quad";
        DOCUMENTS = "documents";
        FIRST_DATE = "firstDate";
        LAST_DATE = "lastDate";
        SYMMETRIC = "symmetric";
        NEGATED = "negated";
        EVIDENCE = "evidence";
        DOCUMENT = "document";
        SENTENCE_INDEX = "sentenceIndex";
        TEXT = "text";
        START = "start";
        END = "end";
        DATE = "date";
        MODALITY = "modality";
        ATTRIBUTION = "attribution";
        RULE = "rule";
        TITLE = "title";
        URL = "url";
        SOURCE = "source";
        SHA256 = "sha256";
    }
}

/// Percent-encodes every byte outside the IRI unreserved set, so that ids
/// with spaces, quotes, angle brackets or colons still make valid IRIs.
fn pct(id: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
    out
}

/// An IRI, validated: the parts built here are always valid, and checking
/// costs little next to the guarantee that no output is malformed.
fn named(iri: String) -> io::Result<NamedNode> {
    NamedNode::new(iri).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("cannot build an rdf iri ({e})")))
}

fn entity_iri(id: &str) -> io::Result<NamedNode> {
    named(format!("{ENTITY_BASE}{}", pct(id)))
}

fn lit(s: &str) -> LiteralRef<'_> {
    LiteralRef::new_simple_literal(s)
}

fn integer(n: usize) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::INTEGER)
}

/// Produces the triples of the whole graph, in a fixed order: entities,
/// relations (each followed by its evidence), documents.
fn write_rdf(f: &GraphFile, mut emit: impl FnMut(TripleRef<'_>) -> io::Result<()>) -> io::Result<()> {
    for e in &f.entities {
        let s = entity_iri(&e.id)?;
        let class = named(format!("{NS}{}", class_name(e.kind)))?;
        emit(TripleRef::new(&s, rdf::TYPE, &class))?;
        emit(TripleRef::new(&s, voc::ID, lit(&e.id)))?;
        emit(TripleRef::new(&s, rdfs::LABEL, lit(&e.name)))?;
        for a in &e.aliases {
            emit(TripleRef::new(&s, voc::ALIAS, lit(a)))?;
        }
    }
    // Two predicates of one category between the same pair ("met" and
    // "held-talks-with") give the same direct statement; write it once.
    let mut direct: HashSet<(&str, Category, &str)> = HashSet::new();
    for (n, r) in f.relations.iter().enumerate() {
        let rel = named(format!("{RELATION_BASE}{n}"))?;
        let s = entity_iri(&r.subject)?;
        let o = entity_iri(&r.object)?;
        emit(TripleRef::new(&rel, rdf::TYPE, voc::RELATION))?;
        emit(TripleRef::new(&rel, voc::SUBJECT, &s))?;
        emit(TripleRef::new(&rel, voc::OBJECT, &o))?;
        emit(TripleRef::new(&rel, voc::PREDICATE, lit(&r.predicate)))?;
        emit(TripleRef::new(&rel, voc::CATEGORY, lit(r.category.as_str())))?;
        emit(TripleRef::new(&rel, voc::QUAD, lit(quad_str(r.category.quad()))))?;
        emit(TripleRef::new(&rel, voc::DOCUMENTS, &integer(r.documents)))?;
        if let Some(d) = &r.first_date {
            emit(TripleRef::new(&rel, voc::FIRST_DATE, lit(d)))?;
        }
        if let Some(d) = &r.last_date {
            emit(TripleRef::new(&rel, voc::LAST_DATE, lit(d)))?;
        }
        emit(TripleRef::new(&rel, voc::SYMMETRIC, &Literal::from(r.symmetric)))?;
        emit(TripleRef::new(&rel, voc::NEGATED, &Literal::from(r.only_negated())))?;
        // A relation that is only ever denied must not be asserted as a
        // plain fact; its reified form above still records the denial.
        if !r.only_negated() && direct.insert((r.subject.as_str(), r.category, r.object.as_str())) {
            let p = named(format!("{NS}{}", r.category.as_str()))?;
            emit(TripleRef::new(&s, &p, &o))?;
        }
        for (k, ev) in r.evidence.iter().enumerate() {
            let x = named(format!("{RELATION_BASE}{n}/evidence/{k}"))?;
            emit(TripleRef::new(&rel, voc::EVIDENCE, &x))?;
            emit(TripleRef::new(&x, rdf::TYPE, voc::EVIDENCE_CLASS))?;
            emit(TripleRef::new(&x, voc::DOCUMENT, lit(&ev.doc)))?;
            emit(TripleRef::new(&x, voc::SENTENCE_INDEX, &integer(ev.sentence)))?;
            emit(TripleRef::new(&x, voc::TEXT, lit(&ev.text)))?;
            emit(TripleRef::new(&x, voc::START, &integer(ev.span[0])))?;
            emit(TripleRef::new(&x, voc::END, &integer(ev.span[1])))?;
            if let Some(d) = &ev.date {
                emit(TripleRef::new(&x, voc::DATE, lit(d)))?;
            }
            emit(TripleRef::new(&x, voc::MODALITY, lit(ev.modality.as_str())))?;
            emit(TripleRef::new(&x, voc::NEGATED, &Literal::from(ev.negated)))?;
            if let Some(a) = &ev.attribution {
                emit(TripleRef::new(&x, voc::ATTRIBUTION, &entity_iri(a)?))?;
            }
            emit(TripleRef::new(&x, voc::RULE, lit(&ev.rule)))?;
        }
    }
    for d in &f.documents {
        let s = named(format!("{DOCUMENT_BASE}{}", pct(&d.id)))?;
        emit(TripleRef::new(&s, rdf::TYPE, voc::DOCUMENT_CLASS))?;
        emit(TripleRef::new(&s, voc::ID, lit(&d.id)))?;
        // The URL is a literal on purpose: it comes from the input, and as
        // an IRI a `javascript:` or malformed URL would become a link in
        // every tool that shows the data.
        let fields = [
            (voc::TITLE, d.title.as_deref()),
            (voc::URL, d.url.as_deref()),
            (voc::SOURCE, d.source.as_deref()),
            (voc::DATE, d.date.as_deref()),
        ];
        for (p, v) in fields.into_iter().filter_map(|(p, v)| Some((p, v?))) {
            emit(TripleRef::new(&s, p, lit(v)))?;
        }
        emit(TripleRef::new(&s, voc::SHA256, lit(&d.sha256)))?;
    }
    Ok(())
}

pub(crate) fn write_ntriples(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
    let mut nt = NTriplesSerializer::new().for_writer(w);
    write_rdf(f, |t| nt.serialize_triple(t))
}

pub(crate) fn write_turtle(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
    let bad = |e: oxrdf::IriParseError| io::Error::new(io::ErrorKind::InvalidData, format!("bad turtle prefix ({e})"));
    let mut ttl = TurtleSerializer::new()
        .with_prefix("geokg", NS)
        .map_err(bad)?
        .with_prefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#")
        .map_err(bad)?
        .with_prefix("xsd", "http://www.w3.org/2001/XMLSchema#")
        .map_err(bad)?
        .for_writer(w);
    write_rdf(f, |t| ttl.serialize_triple(t))?;
    // The Turtle writer groups statements by subject and only closes the
    // last group on finish.
    ttl.finish()?;
    Ok(())
}

// ---------------------------------------------------------------- CSV, JSONL

const CSV_HEADER: [&str; 16] = [
    "subject",
    "subject_name",
    "subject_type",
    "predicate",
    "category",
    "quad",
    "object",
    "object_name",
    "object_type",
    "documents",
    "evidence",
    "first_date",
    "last_date",
    "negated",
    "symmetric",
    "example",
];

/// A text cell for a spreadsheet: one that starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return is a formula to Excel, LibreOffice and Google
/// Sheets (`=HYPERLINK(...)` from an article would run when opened), so it
/// gets a leading apostrophe, as OWASP recommends. Ids that geokg makes
/// never start so, but a crafted graph file's may; the same rule applies to
/// every id column, so the Neo4j start and end ids still match node ids.
fn csv_text(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

pub(crate) fn write_csv(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
    let index = entity_index(f);
    let mut out = csv::Writer::from_writer(w);
    out.write_record(CSV_HEADER)?;
    for r in &f.relations {
        let (subject_name, subject_type) = end(&index, &r.subject);
        let (object_name, object_type) = end(&index, &r.object);
        let documents = r.documents.to_string();
        let evidence = r.evidence.len().to_string();
        out.write_record([
            &csv_text(&r.subject),
            &csv_text(subject_name),
            subject_type.as_str(),
            &csv_text(&r.predicate),
            r.category.as_str(),
            quad_str(r.category.quad()),
            &csv_text(&r.object),
            &csv_text(object_name),
            object_type.as_str(),
            documents.as_str(),
            evidence.as_str(),
            r.first_date.as_deref().unwrap_or(""),
            r.last_date.as_deref().unwrap_or(""),
            bool_str(r.only_negated()),
            bool_str(r.symmetric),
            &csv_text(example(r)),
        ])?;
    }
    out.flush()
}

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

pub(crate) fn write_jsonl(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
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

// ---------------------------------------------------------------- Neo4j

const NEO4J_NODE_HEADER: [&str; 5] = ["id:ID", "name", "type", "aliases:string[]", ":LABEL"];

const NEO4J_RELATION_HEADER: [&str; 11] = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "predicate",
    "category",
    "quad",
    "documents:int",
    "first_date",
    "last_date",
    "negated:boolean",
    "example",
];

fn write_neo4j_nodes(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(NEO4J_NODE_HEADER)?;
    for e in &f.entities {
        // `;` separates array items and labels, and the importer cannot
        // escape it, so it cannot appear inside one alias.
        let aliases: Vec<String> = e.aliases.iter().map(|a| a.replace(';', ",")).collect();
        let labels = format!("Entity;{}", class_name(e.kind));
        out.write_record([
            &csv_text(&e.id),
            &csv_text(&e.name),
            e.kind.as_str(),
            &csv_text(&aliases.join(";")),
            labels.as_str(),
        ])?;
    }
    out.flush()
}

fn write_neo4j_relations(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(NEO4J_RELATION_HEADER)?;
    for r in &f.relations {
        let documents = r.documents.to_string();
        out.write_record([
            &csv_text(&r.subject),
            &csv_text(&r.object),
            r.category.as_str(),
            &csv_text(&r.predicate),
            r.category.as_str(),
            quad_str(r.category.quad()),
            documents.as_str(),
            r.first_date.as_deref().unwrap_or(""),
            r.last_date.as_deref().unwrap_or(""),
            bool_str(r.only_negated()),
            &csv_text(example(r)),
        ])?;
    }
    out.flush()
}

const CYPHER_HEAD: &str = r"// A geokg knowledge graph for Neo4j, next to nodes.csv and relations.csv.
//
// Two ways to load it.
//
// 1. Into a new, empty database, with the bulk importer (Neo4j 5). The array
//    delimiter of aliases:string[] and :LABEL is ';', the importer's default,
//    and names and sentences may contain line breaks:
//
//    neo4j-admin database import full --nodes=nodes.csv --relationships=relations.csv --multiline-fields=true neo4j
//
//    Nodes get the labels Entity and their type (Person, Country...), and
//    relationships get their category as type (CONSULT, ASSAULT, LEADER_OF...).
//
// 2. Into a running database, with this script: copy nodes.csv and
//    relations.csv into the Neo4j import directory, then run
//
//    cypher-shell -f import.cypher
//
//    Plain Cypher cannot take a relationship type from data, so this script
//    gives every relationship the generic type RELATION and keeps the category
//    in its `category` property. Type labels are added with one FOREACH per
//    type for the same reason. The script uses MERGE, so running it again
//    updates the graph in place.

CREATE CONSTRAINT geokg_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;

LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
MERGE (e:Entity {id: row.`id:ID`})
SET e.name = row.name,
    e.type = row.type,
    e.aliases = CASE coalesce(row.`aliases:string[]`, '') WHEN '' THEN [] ELSE split(row.`aliases:string[]`, ';') END
";

const CYPHER_TAIL: &str = r";

LOAD CSV WITH HEADERS FROM 'file:///relations.csv' AS row
MATCH (a:Entity {id: row.`:START_ID`})
MATCH (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:RELATION {predicate: row.predicate}]->(b)
SET r.category = row.category,
    r.quad = row.quad,
    r.documents = toInteger(row.`documents:int`),
    r.first_date = CASE coalesce(row.first_date, '') WHEN '' THEN null ELSE row.first_date END,
    r.last_date = CASE coalesce(row.last_date, '') WHEN '' THEN null ELSE row.last_date END,
    r.negated = row.`negated:boolean` = 'true',
    r.example = row.example;
";

/// The LOAD CSV script, with one label line per entity type.
fn cypher_script() -> String {
    let labels: Vec<String> = EntityType::ALL
        .into_iter()
        .map(|t| {
            format!(
                "FOREACH (ignored IN CASE WHEN row.type = '{}' THEN [1] ELSE [] END | SET e:{})",
                t.as_str(),
                class_name(t)
            )
        })
        .collect();
    format!("{CYPHER_HEAD}{}{CYPHER_TAIL}", labels.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testing::*;
    use oxrdf::{NamedOrBlankNode, Term, Triple};
    use oxttl::{NTriplesParser, TurtleParser};

    fn exported(format: ExportFormat) -> String {
        let mut buf: Vec<u8> = Vec::new();
        export(&sample(), format, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn formats_parse_from_their_names() {
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::parse(f.as_str()), Some(f));
            assert_eq!(ExportFormat::parse(&f.as_str().to_uppercase()), Some(f));
        }
        assert_eq!(ExportFormat::parse("ttl"), Some(ExportFormat::Turtle));
        assert_eq!(ExportFormat::parse("dot"), None);
    }

    #[test]
    fn exports_are_byte_stable() {
        for f in ExportFormat::ALL.into_iter().filter(|&f| f != ExportFormat::Neo4j) {
            let (first, second) = (exported(f), exported(f));
            assert_eq!(first, second, "{}", f.as_str());
        }
    }

    #[test]
    fn neo4j_is_refused_as_a_single_file() {
        let err = export(&sample(), ExportFormat::Neo4j, &mut Vec::<u8>::new()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }

    #[test]
    fn quad_spelling_matches_the_graph_file() {
        for c in Category::ALL {
            let q = c.quad();
            assert_eq!(serde_json::to_value(q).unwrap(), serde_json::Value::String(quad_str(q).into()));
        }
    }

    #[test]
    fn vocabulary_iris_are_valid_and_in_the_namespace() {
        for t in voc::ALL {
            assert!(NamedNode::new(t.as_str()).is_ok(), "{t}");
            assert!(t.as_str().starts_with(NS), "{t}");
        }
        assert_eq!(pct(EVIL_ID), "person%3Aevil%20%22id%22%20%3Cx%3E");
        assert_eq!(pct("country:BLR"), "country%3ABLR");
    }

    #[test]
    fn graphml_parses_and_round_trips_hostile_text() {
        let xml = exported(ExportFormat::Graphml);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert!(root.has_tag_name((GRAPHML_NS, "graphml")));
        let types: HashMap<&str, &str> = root
            .children()
            .filter(|n| n.has_tag_name("key"))
            .map(|n| (n.attribute("id").unwrap(), n.attribute("attr.type").unwrap()))
            .collect();
        assert_eq!(types.len(), 13);
        assert_eq!(types["name"], "string");
        assert_eq!(types["documents"], "int");
        assert_eq!(types["evidence"], "int");
        assert_eq!(types["negated"], "boolean");
        assert_eq!(types["symmetric"], "boolean");
        let nodes: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("node")).collect();
        let edges: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("edge")).collect();
        assert_eq!((nodes.len(), edges.len()), (3, 3));
        let data = |n: roxmltree::Node, key: &str| -> Option<String> {
            n.children()
                .find(|c| c.has_tag_name("data") && c.attribute("key") == Some(key))
                .map(|c| c.text().unwrap_or("").to_string())
        };
        let evil = nodes.iter().copied().find(|n| n.attribute("id") == Some(EVIL_ID)).unwrap();
        assert_eq!(data(evil, "name").as_deref(), Some(EVIL_NAME));
        // The control character cannot be written in XML and is replaced.
        assert_eq!(data(evil, "aliases").as_deref(), Some("Evil\u{FFFD}Corp;Ltd|x"));
        let ids: HashSet<&str> = nodes.iter().map(|n| n.attribute("id").unwrap()).collect();
        for e in &edges {
            assert!(ids.contains(e.attribute("source").unwrap()));
            assert!(ids.contains(e.attribute("target").unwrap()));
        }
        let attacked = edges
            .iter()
            .copied()
            .find(|e| data(*e, "predicate").as_deref() == Some("attacked"))
            .unwrap();
        assert_eq!(attacked.attribute("source"), Some(EVIL_ID));
        assert_eq!(data(attacked, "negated").as_deref(), Some("true"));
        let met = edges
            .iter()
            .copied()
            .find(|e| data(*e, "predicate").as_deref() == Some("met"))
            .unwrap();
        assert_eq!(data(met, "evidence").as_deref(), Some("2"));
        assert_eq!(data(met, "documents").as_deref(), Some("2"));
        assert_eq!(data(met, "first_date").as_deref(), Some("2025-06"));
        assert_eq!(data(met, "last_date").as_deref(), Some("2025-06-21"));
        assert_eq!(data(met, "quad").as_deref(), Some("verbal_cooperation"));
        assert_eq!(data(met, "negated").as_deref(), Some("false"));
    }

    /// Checks what both RDF syntaxes must contain.
    fn check_rdf(triples: &[Triple]) {
        // Entities 3 x (type, id, label, alias) = 12. Relations: "met" 9
        // + two dates + direct statement = 12, and two statements of 10
        // + date = 22; "president-of" 9 + direct = 10, and 10; "attacked"
        // (only negated: no direct statement) 9, and 10 + attribution = 11.
        // Documents: d1 7, d2 3.
        assert_eq!(triples.len(), 12 + 12 + 22 + 10 + 10 + 9 + 11 + 7 + 3);
        let literal = |t: &Triple| match &t.object {
            Term::Literal(l) => Some(l.value().to_string()),
            _ => None,
        };
        let subject_is = |t: &Triple, iri: &str| matches!(&t.subject, NamedOrBlankNode::NamedNode(n) if n.as_str() == iri);
        let evil = entity_iri(EVIL_ID).unwrap();
        let label = triples
            .iter()
            .find(|t| t.predicate == rdfs::LABEL && subject_is(t, evil.as_str()))
            .unwrap();
        assert_eq!(literal(label).as_deref(), Some(EVIL_NAME));
        assert!(triples.iter().any(|t| literal(t).as_deref() == Some(EVIL_ALIAS)));
        let url = triples.iter().find(|t| t.predicate == voc::URL).unwrap();
        assert_eq!(literal(url).as_deref(), Some("javascript:alert(1)"));
        assert!(!triples
            .iter()
            .any(|t| matches!(&t.object, Term::NamedNode(n) if n.as_str().starts_with("javascript"))));
        let direct = |category: &str| {
            let iri = format!("{NS}{category}");
            triples.iter().filter(|t| t.predicate.as_str() == iri).count()
        };
        assert_eq!((direct("CONSULT"), direct("LEADER_OF"), direct("ASSAULT")), (1, 1, 0));
        let negated = triples
            .iter()
            .find(|t| t.predicate == voc::NEGATED && subject_is(t, &format!("{RELATION_BASE}2")))
            .unwrap();
        assert_eq!(negated.object, Term::Literal(Literal::from(true)));
        let documents = triples
            .iter()
            .find(|t| t.predicate == voc::DOCUMENTS && subject_is(t, &format!("{RELATION_BASE}0")))
            .unwrap();
        assert_eq!(documents.object, Term::Literal(integer(2)));
    }

    #[test]
    fn ntriples_and_turtle_parse_to_the_same_triples() {
        let nt: Vec<Triple> = NTriplesParser::new()
            .for_slice(&exported(ExportFormat::Ntriples))
            .collect::<Result<_, _>>()
            .unwrap();
        check_rdf(&nt);
        let ttl_text = exported(ExportFormat::Turtle);
        assert!(ttl_text.contains("@prefix geokg: <https://geokg.dev/ns#>"));
        let ttl: Vec<Triple> = TurtleParser::new().for_slice(&ttl_text).collect::<Result<_, _>>().unwrap();
        check_rdf(&ttl);
        let nt: HashSet<Triple> = nt.into_iter().collect();
        let ttl: HashSet<Triple> = ttl.into_iter().collect();
        assert_eq!(nt, ttl);
    }

    #[test]
    fn csv_edge_list_round_trips() {
        let text = exported(ExportFormat::Csv);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), CSV_HEADER);
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.len() == CSV_HEADER.len()));
        let attacked = rows.iter().find(|r| r.get(3) == Some("attacked")).unwrap();
        assert_eq!(attacked.get(0), Some(EVIL_ID));
        assert_eq!(attacked.get(1), Some(EVIL_NAME));
        assert_eq!(attacked.get(13), Some("true"));
        let met = rows.iter().find(|r| r.get(3) == Some("met")).unwrap();
        assert_eq!(met.get(7), Some(EVIL_NAME));
        assert_eq!(met.get(10), Some("2"));
        assert_eq!(met.get(14), Some("true"));
    }

    #[test]
    fn jsonl_lines_parse_with_names_and_evidence() {
        let text = exported(ExportFormat::Jsonl);
        let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 3);
        let f = sample().to_file();
        for (line, r) in lines.iter().zip(&f.relations) {
            assert_eq!(line["subject"]["id"], r.subject.as_str());
            assert_eq!(line["object"]["id"], r.object.as_str());
            assert_eq!(line["predicate"], r.predicate.as_str());
            assert_eq!(line["category"], r.category.as_str());
            let evidence: Vec<EvidenceRecord> = serde_json::from_value(line["evidence"].clone()).unwrap();
            assert_eq!(evidence, r.evidence);
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

    #[test]
    fn neo4j_directory_holds_importable_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("neo4j");
        let paths = export_neo4j(&sample(), &out).unwrap();
        assert_eq!(paths.len(), 3);
        assert!(paths.iter().all(|p| p.is_file()));

        let mut nodes = csv::Reader::from_path(out.join("nodes.csv")).unwrap();
        assert_eq!(nodes.headers().unwrap().iter().collect::<Vec<_>>(), NEO4J_NODE_HEADER);
        let rows: Vec<csv::StringRecord> = nodes.records().collect::<Result<_, _>>().unwrap();
        assert_eq!(rows.len(), 3);
        let evil = rows.iter().find(|r| r.get(0) == Some(EVIL_ID)).unwrap();
        assert_eq!(evil.get(1), Some(EVIL_NAME));
        assert_eq!(evil.get(3), Some("Evil\u{1}Corp,Ltd|x"));
        assert_eq!(evil.get(4), Some("Entity;Person"));

        let mut relations = csv::Reader::from_path(out.join("relations.csv")).unwrap();
        assert_eq!(relations.headers().unwrap().iter().collect::<Vec<_>>(), NEO4J_RELATION_HEADER);
        let rows: Vec<csv::StringRecord> = relations.records().collect::<Result<_, _>>().unwrap();
        assert_eq!(rows.len(), 3);
        let attacked = rows.iter().find(|r| r.get(3) == Some("attacked")).unwrap();
        assert_eq!(attacked.get(0), Some(EVIL_ID));
        assert_eq!(attacked.get(2), Some("ASSAULT"));
        assert_eq!(attacked.get(9), Some("true"));

        let script = std::fs::read_to_string(out.join("import.cypher")).unwrap();
        assert!(script.contains("neo4j-admin database import full --nodes=nodes.csv --relationships=relations.csv"));
        assert!(script.contains("MERGE (a)-[r:RELATION {predicate: row.predicate}]->(b)"));
        assert!(script.contains("SET e:Organization)"));
        assert!(script.trim_end().ends_with(';'));
    }
}
