//! RDF: N-Triples and Turtle (RDF stores, SPARQL), through oxrdf and oxttl.
//!
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

use super::{class_name, quad_str, Command, Format, Writer};
use crate::graph::GraphFile;
use crate::model::Category;
use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{Literal, LiteralRef, NamedNode, TripleRef};
use oxttl::{NTriplesSerializer, TurtleSerializer};
use std::collections::HashSet;
use std::io::{self, Write};

pub const NTRIPLES: Format = Format {
    name: "ntriples",
    aliases: &["n-triples", "nt"],
    extensions: &["nt"],
    command: Command::Export,
    help: "RDF N-Triples",
    writer: Writer::Records(write_ntriples),
};

pub const TURTLE: Format = Format {
    name: "turtle",
    aliases: &["ttl"],
    extensions: &["ttl"],
    command: Command::Export,
    help: "RDF Turtle (Oxigraph, Jena, GraphDB)",
    writer: Writer::Records(write_turtle),
};

/// The namespace of the geokg RDF vocabulary.
pub const NS: &str = "https://geokg.dev/ns#";
const ENTITY_BASE: &str = "https://geokg.dev/entity/";
const RELATION_BASE: &str = "https://geokg.dev/relation/";
const DOCUMENT_BASE: &str = "https://geokg.dev/document/";

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
            if let Some(a) = &ev.details.attribution {
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

fn write_ntriples(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
    let mut nt = NTriplesSerializer::new().for_writer(w);
    write_rdf(f, |t| nt.serialize_triple(t))
}

fn write_turtle(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testing::*;
    use oxrdf::{NamedOrBlankNode, Term, Triple};
    use oxttl::{NTriplesParser, TurtleParser};

    #[test]
    fn vocabulary_iris_are_valid_and_in_the_namespace() {
        for t in voc::ALL {
            assert!(NamedNode::new(t.as_str()).is_ok(), "{t}");
            assert!(t.as_str().starts_with(NS), "{t}");
        }
        assert_eq!(pct(EVIL_ID), "person%3Aevil%20%22id%22%20%3Cx%3E");
        assert_eq!(pct("country:BLR"), "country%3ABLR");
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
            .for_slice(&export("ntriples"))
            .collect::<Result<_, _>>()
            .unwrap();
        check_rdf(&nt);
        let ttl_text = export("turtle");
        assert!(ttl_text.contains("@prefix geokg: <https://geokg.dev/ns#>"));
        let ttl: Vec<Triple> = TurtleParser::new().for_slice(&ttl_text).collect::<Result<_, _>>().unwrap();
        check_rdf(&ttl);
        let nt: HashSet<Triple> = nt.into_iter().collect();
        let ttl: HashSet<Triple> = ttl.into_iter().collect();
        assert_eq!(nt, ttl);
    }
}
