//! The records a graph holds and its files carry: documents, entities,
//! relations and their statements (evidence), with the derived fields of a
//! relation and how they are computed.
//!
//! A relation's statement keeps the fields most statements fill inline and
//! the ones few fill (attribution, terms, place, tolls, mode) behind one
//! pointer (`Sparse`); a relation keeps its term the same way. In memory
//! that halves a statement, and a million statements with nine empty
//! fields each had been the largest part of a large graph. The files do
//! not see it: both records are read and written with their fields flat,
//! in the order they always had (`EvidenceFields`, `RelationFields`).

use super::Str;
use crate::input::Document;
use crate::model::{is_false, Category, EntityType, Modality};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::{Deref, DerefMut};

/// Fields few records fill, behind one pointer that is null when every one
/// is empty. Read it as if the fields were inline (`e.details.place`): an
/// empty one reads as `T`'s empty value. Writing through it allocates, and
/// `Sparse` compares, orders and hashes by the fields, so an allocated
/// empty value equals a null one.
#[derive(Debug, Clone, Default)]
pub struct Sparse<T: Empty>(Option<Box<T>>);

/// A type with a shared empty value, for `Sparse` to read when null.
pub trait Empty: Default + PartialEq + 'static {
    const EMPTY: &'static Self;
}

impl<T: Empty> Sparse<T> {
    /// The fields, kept behind the pointer only when one is filled.
    pub fn new(value: T) -> Sparse<T> {
        Sparse((value != *T::EMPTY).then(|| Box::new(value)))
    }

    /// True when no field is filled.
    pub fn is_empty(&self) -> bool {
        **self == *T::EMPTY
    }
}

impl<T: Empty> Deref for Sparse<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.0.as_deref().unwrap_or(T::EMPTY)
    }
}

impl<T: Empty> DerefMut for Sparse<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.0.get_or_insert_with(Box::default)
    }
}

impl<T: Empty + Eq> PartialEq for Sparse<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Empty + Eq> Eq for Sparse<T> {}

impl<T: Empty + Ord> PartialOrd for Sparse<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<T: Empty + Ord> Ord for Sparse<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

/// A document the graph was built from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocRecord {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub sha256: String,
}

impl DocRecord {
    pub fn of(doc: &Document) -> DocRecord {
        use sha2::Digest;
        let hash = sha2::Sha256::digest(doc.text.as_bytes());
        DocRecord {
            id: doc.id.clone(),
            title: doc.title.clone(),
            date: doc.date.clone(),
            url: doc.url.clone(),
            source: doc.source.clone(),
            sha256: hex(&hash),
        }
    }

    /// The outlet a document comes from: its `source`, else its URL's host
    /// without "www.".
    pub fn outlet(&self) -> Option<String> {
        if let Some(s) = self.source.as_deref().filter(|s| !s.trim().is_empty()) {
            return Some(s.trim().to_lowercase());
        }
        let url = self.url.as_deref()?;
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
        let host = host.strip_prefix("www.").unwrap_or(host).to_lowercase();
        (!host.is_empty()).then_some(host)
    }
}

/// Lower-case hexadecimal, without an allocation per byte.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRecord {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One piece of evidence for a relation: a statement of it in a sentence.
/// Files write it as `EvidenceFields`, whose fields document themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "EvidenceFields")]
pub struct EvidenceRecord {
    pub doc: Str,
    pub sentence: usize,
    pub span: [usize; 2],
    pub text: String,
    pub date: Option<Str>,
    pub modality: Modality,
    pub negated: bool,
    pub rule: Str,
    /// Attribution, role terms, place, tolls and mode.
    pub details: Sparse<StatementDetails>,
}

/// What a statement says that few statements say.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct StatementDetails {
    pub attribution: Option<Str>,
    pub former: bool,
    pub valid_from: Option<Str>,
    pub valid_until: Option<Str>,
    pub place: Option<Str>,
    pub place_name: Option<String>,
    pub dead: Option<u32>,
    pub injured: Option<u32>,
    pub mode: Option<Str>,
}

impl Empty for StatementDetails {
    const EMPTY: &'static StatementDetails = &StatementDetails {
        attribution: None,
        former: false,
        valid_from: None,
        valid_until: None,
        place: None,
        place_name: None,
        dead: None,
        injured: None,
        mode: None,
    };
}

/// A statement with every field in place, as the files hold it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceFields {
    pub doc: Str,
    pub sentence: usize,
    pub span: [usize; 2],
    pub text: String,
    pub date: Option<Str>,
    pub modality: Modality,
    pub negated: bool,
    /// Entity id the statement is attributed to.
    pub attribution: Option<Str>,
    pub rule: Str,
    /// The statement says the role has ended ("former President X").
    #[serde(default, skip_serializing_if = "is_false")]
    pub former: bool,
    /// The role's dates from the gazetteer, when it has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Str>,
    /// Entity id and name of the place the event happened. Places are not
    /// graph nodes unless a relation names them: a node is an entity
    /// something is said about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injured: Option<u32>,
    /// PLOVER mode of the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Str>,
}

impl From<EvidenceFields> for EvidenceRecord {
    fn from(f: EvidenceFields) -> EvidenceRecord {
        EvidenceRecord {
            doc: f.doc,
            sentence: f.sentence,
            span: f.span,
            text: f.text,
            date: f.date,
            modality: f.modality,
            negated: f.negated,
            rule: f.rule,
            details: Sparse::new(StatementDetails {
                attribution: f.attribution,
                former: f.former,
                valid_from: f.valid_from,
                valid_until: f.valid_until,
                place: f.place,
                place_name: f.place_name,
                dead: f.dead,
                injured: f.injured,
                mode: f.mode,
            }),
        }
    }
}

impl Serialize for EvidenceRecord {
    /// The fields of `EvidenceFields`, in its order and with its rules for
    /// leaving a field out, read from the record without copying it.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let d = &*self.details;
        let mut m = s.serialize_struct("EvidenceFields", 17)?;
        m.serialize_field("doc", &self.doc)?;
        m.serialize_field("sentence", &self.sentence)?;
        m.serialize_field("span", &self.span)?;
        m.serialize_field("text", &self.text)?;
        m.serialize_field("date", &self.date)?;
        m.serialize_field("modality", &self.modality)?;
        m.serialize_field("negated", &self.negated)?;
        m.serialize_field("attribution", &d.attribution)?;
        m.serialize_field("rule", &self.rule)?;
        if d.former {
            m.serialize_field("former", &d.former)?;
        }
        optional(&mut m, "valid_from", &d.valid_from)?;
        optional(&mut m, "valid_until", &d.valid_until)?;
        optional(&mut m, "place", &d.place)?;
        optional(&mut m, "place_name", &d.place_name)?;
        optional(&mut m, "dead", &d.dead)?;
        optional(&mut m, "injured", &d.injured)?;
        optional(&mut m, "mode", &d.mode)?;
        m.end()
    }
}

/// A field that files leave out when it is empty.
fn optional<M: serde::ser::SerializeStruct, T: Serialize>(m: &mut M, key: &'static str, value: &Option<T>) -> Result<(), M::Error> {
    match value {
        Some(_) => m.serialize_field(key, value),
        None => m.skip_field(key),
    }
}

impl PartialOrd for EvidenceRecord {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for EvidenceRecord {
    /// The order of the fields in the file, which is the order statements
    /// were always sorted in (attribution before rule).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

impl EvidenceRecord {
    /// The fields in the order statements sort by.
    #[allow(clippy::type_complexity)]
    fn order_key(
        &self,
    ) -> (
        (&Str, usize, [usize; 2], &String, &Option<Str>, Modality, bool),
        (&Option<Str>, &Str),
        &StatementDetails,
    ) {
        (
            (
                &self.doc,
                self.sentence,
                self.span,
                &self.text,
                &self.date,
                self.modality,
                self.negated,
            ),
            (&self.details.attribution, &self.rule),
            &self.details,
        )
    }
}

/// A relation's statements, read as a slice. Most relations have one,
/// which is then kept inline in the record rather than in a vector of its
/// own: a million one-statement relations save a million allocations of
/// fresh memory, which was most of a large load. `push`, `extend`,
/// `retain` and `dedup` are the vector operations the graph uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statements(Held);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Held {
    One(EvidenceRecord),
    /// None, or more than one.
    Many(Vec<EvidenceRecord>),
}

impl Statements {
    pub fn new() -> Statements {
        Statements(Held::Many(Vec::new()))
    }

    pub fn push(&mut self, e: EvidenceRecord) {
        self.0 = match std::mem::replace(&mut self.0, Held::Many(Vec::new())) {
            Held::One(first) => Held::Many(vec![first, e]),
            Held::Many(v) if v.is_empty() => Held::One(e),
            Held::Many(mut v) => {
                v.push(e);
                Held::Many(v)
            }
        };
    }

    /// The statements as a vector (no allocation when there are several).
    pub fn into_vec(self) -> Vec<EvidenceRecord> {
        match self.0 {
            Held::One(e) => vec![e],
            Held::Many(v) => v,
        }
    }

    /// Back to one inline statement when only one is left.
    fn settle(&mut self) {
        if let Held::Many(v) = &mut self.0 {
            if v.len() == 1 {
                if let Some(e) = v.pop() {
                    self.0 = Held::One(e);
                }
            }
        }
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&EvidenceRecord) -> bool) {
        match &mut self.0 {
            Held::One(e) if !keep(e) => self.0 = Held::Many(Vec::new()),
            Held::One(_) => {}
            Held::Many(v) => v.retain(|e| keep(e)),
        }
        self.settle();
    }

    /// Removes consecutive equal statements (sort first for all).
    pub fn dedup(&mut self) {
        if let Held::Many(v) = &mut self.0 {
            v.dedup();
        }
        self.settle();
    }
}

impl Default for Statements {
    fn default() -> Statements {
        Statements::new()
    }
}

impl Deref for Statements {
    type Target = [EvidenceRecord];

    fn deref(&self) -> &[EvidenceRecord] {
        match &self.0 {
            Held::One(e) => std::slice::from_ref(e),
            Held::Many(v) => v,
        }
    }
}

impl DerefMut for Statements {
    fn deref_mut(&mut self) -> &mut [EvidenceRecord] {
        match &mut self.0 {
            Held::One(e) => std::slice::from_mut(e),
            Held::Many(v) => v,
        }
    }
}

impl From<EvidenceRecord> for Statements {
    fn from(e: EvidenceRecord) -> Statements {
        Statements(Held::One(e))
    }
}

impl From<Vec<EvidenceRecord>> for Statements {
    fn from(mut v: Vec<EvidenceRecord>) -> Statements {
        match v.len() {
            1 => Statements(Held::One(v.remove(0))),
            _ => Statements(Held::Many(v)),
        }
    }
}

impl Extend<EvidenceRecord> for Statements {
    fn extend<I: IntoIterator<Item = EvidenceRecord>>(&mut self, items: I) {
        for e in items {
            self.push(e);
        }
    }
}

impl FromIterator<EvidenceRecord> for Statements {
    fn from_iter<I: IntoIterator<Item = EvidenceRecord>>(items: I) -> Statements {
        let mut s = Statements::new();
        s.extend(items);
        s
    }
}

impl IntoIterator for Statements {
    type Item = EvidenceRecord;
    type IntoIter = std::vec::IntoIter<EvidenceRecord>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<'a> IntoIterator for &'a Statements {
    type Item = &'a EvidenceRecord;
    type IntoIter = std::slice::Iter<'a, EvidenceRecord>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl PartialEq<Vec<EvidenceRecord>> for Statements {
    fn eq(&self, other: &Vec<EvidenceRecord>) -> bool {
        **self == other[..]
    }
}

impl Serialize for Statements {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

/// A relation between two entities with every statement of it. Files
/// write it as `RelationFields`, whose fields document themselves.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "RelationFields")]
pub struct RelationRecord {
    pub subject: Str,
    pub predicate: Str,
    pub category: Category,
    pub object: Str,
    pub symmetric: bool,
    pub documents: usize,
    pub corroboration: usize,
    pub sources: usize,
    pub first_date: Option<Str>,
    pub last_date: Option<Str>,
    /// LEADER_OF and AFFILIATED_WITH only: whether the role has ended, and
    /// when it held.
    pub term: Sparse<Term>,
    pub evidence: Statements,
}

/// When a LEADER_OF or AFFILIATED_WITH relation held (derived; see
/// `validity`).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Term {
    pub former: bool,
    pub valid_from: Option<Str>,
    pub valid_from_basis: Option<Str>,
    pub valid_until: Option<Str>,
    pub valid_until_basis: Option<Str>,
}

impl Empty for Term {
    const EMPTY: &'static Term = &Term {
        former: false,
        valid_from: None,
        valid_from_basis: None,
        valid_until: None,
        valid_until_basis: None,
    };
}

/// A relation with every field in place, as the files hold it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationFields {
    pub subject: Str,
    pub predicate: Str,
    pub category: Category,
    pub object: Str,
    #[serde(default)]
    pub symmetric: bool,
    /// Distinct documents with evidence (derived; recomputed on load).
    #[serde(default)]
    pub documents: usize,
    /// Distinct documents once syndicated copies are collapsed: a document
    /// whose supporting sentences all appeared word for word in an earlier
    /// document adds nothing (derived; recomputed on load).
    #[serde(default)]
    pub corroboration: usize,
    /// Distinct outlets (the document's source, else its URL's host) among
    /// the documents with a non-negated statement (derived; recomputed on
    /// load and save).
    #[serde(default)]
    pub sources: usize,
    #[serde(default)]
    pub first_date: Option<Str>,
    #[serde(default)]
    pub last_date: Option<Str>,
    /// LEADER_OF and AFFILIATED_WITH only: every statement that is not
    /// negated says the role has ended (derived).
    #[serde(default, skip_serializing_if = "is_false")]
    pub former: bool,
    /// LEADER_OF and AFFILIATED_WITH only: when the relation held, and on
    /// what basis (`gazetteer`, `statement`, `former`, `successor`); see
    /// `validity` (derived; recomputed on load).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from_basis: Option<Str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until_basis: Option<Str>,
    pub evidence: Vec<EvidenceRecord>,
}

impl From<RelationFields> for RelationRecord {
    fn from(f: RelationFields) -> RelationRecord {
        RelationRecord {
            subject: f.subject,
            predicate: f.predicate,
            category: f.category,
            object: f.object,
            symmetric: f.symmetric,
            documents: f.documents,
            corroboration: f.corroboration,
            sources: f.sources,
            first_date: f.first_date,
            last_date: f.last_date,
            term: Sparse::new(Term {
                former: f.former,
                valid_from: f.valid_from,
                valid_from_basis: f.valid_from_basis,
                valid_until: f.valid_until,
                valid_until_basis: f.valid_until_basis,
            }),
            evidence: f.evidence.into(),
        }
    }
}

impl Serialize for RelationRecord {
    /// The fields of `RelationFields`, in its order and with its rules for
    /// leaving a field out, read from the record without copying it.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let t = &*self.term;
        let mut m = s.serialize_struct("RelationFields", 16)?;
        m.serialize_field("subject", &self.subject)?;
        m.serialize_field("predicate", &self.predicate)?;
        m.serialize_field("category", &self.category)?;
        m.serialize_field("object", &self.object)?;
        m.serialize_field("symmetric", &self.symmetric)?;
        m.serialize_field("documents", &self.documents)?;
        m.serialize_field("corroboration", &self.corroboration)?;
        m.serialize_field("sources", &self.sources)?;
        m.serialize_field("first_date", &self.first_date)?;
        m.serialize_field("last_date", &self.last_date)?;
        if t.former {
            m.serialize_field("former", &t.former)?;
        }
        optional(&mut m, "valid_from", &t.valid_from)?;
        optional(&mut m, "valid_from_basis", &t.valid_from_basis)?;
        optional(&mut m, "valid_until", &t.valid_until)?;
        optional(&mut m, "valid_until_basis", &t.valid_until_basis)?;
        m.serialize_field("evidence", &self.evidence)?;
        m.end()
    }
}

impl RelationRecord {
    /// A relation from its statements, with its derived counts and dates
    /// (`sources` needs the documents and is set when a graph takes it).
    pub fn new(
        subject: Str,
        predicate: Str,
        category: Category,
        object: Str,
        symmetric: bool,
        evidence: impl Into<Statements>,
    ) -> RelationRecord {
        let mut r = RelationRecord {
            subject,
            predicate,
            category,
            object,
            symmetric,
            documents: 0,
            corroboration: 0,
            sources: 0,
            first_date: None,
            last_date: None,
            term: Sparse::default(),
            evidence: evidence.into(),
        };
        r.finish();
        r
    }

    /// Distinct documents with a non-negated statement.
    fn doc_count(&self) -> usize {
        self.evidence
            .iter()
            .filter(|e| !e.negated)
            .map(|e| &e.doc)
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// True when every statement of the relation is negated.
    pub fn only_negated(&self) -> bool {
        self.evidence.iter().all(|e| e.negated)
    }

    /// The statement that stands for the relation in a row: the firmest
    /// one that is not negated, or the first when every one is.
    pub fn firmest_evidence(&self) -> Option<&EvidenceRecord> {
        self.evidence
            .iter()
            .filter(|e| !e.negated)
            .min_by_key(|e| e.modality)
            .or(self.evidence.first())
    }

    /// How firmly the relation is stated: the firmest modality among its
    /// statements that are not negated (asserted before reported, planned,
    /// requested, hypothetical), or among all of them when every one is.
    pub fn modality(&self) -> Modality {
        let negated = self.only_negated();
        self.evidence
            .iter()
            .filter(|e| negated || !e.negated)
            .map(|e| e.modality)
            .min()
            .unwrap_or_default()
    }

    /// Documents with a non-negated statement, syndicated copies counted
    /// once: a document counts only when it has a sentence no earlier
    /// document (in id order) had for this relation.
    fn corroboration_count(&self) -> usize {
        let mut by_doc: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for e in self.evidence.iter().filter(|e| !e.negated) {
            by_doc.entry(&e.doc).or_default().push(normalize_sentence(&e.text));
        }
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut n = 0;
        for texts in by_doc.into_values() {
            if texts.iter().any(|t| !seen.contains(t)) {
                n += 1;
            }
            seen.extend(texts);
        }
        n
    }

    pub(super) fn finish(&mut self) {
        // One statement, the common case while building: no sorting, no
        // sets, no sentence normalisation.
        if let [e] = &self.evidence[..] {
            let n = usize::from(!e.negated);
            self.documents = n;
            self.corroboration = n;
            self.first_date = e.date.clone();
            self.last_date = e.date.clone();
            return;
        }
        self.evidence.sort();
        self.evidence.dedup();
        self.documents = self.doc_count();
        self.corroboration = self.corroboration_count();
        let dates: Vec<&Str> = self.evidence.iter().filter_map(|e| e.date.as_ref()).collect();
        self.first_date = dates.iter().min().map(|&d| d.clone());
        self.last_date = dates.iter().max().map(|&d| d.clone());
    }
}

/// A sentence as syndication compares it: case, spacing and quote styles
/// differ between copies of one wire story.
fn normalize_sentence(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            w.chars()
                .map(|c| match c {
                    '\u{2018}' | '\u{2019}' => '\'',
                    '\u{201c}' | '\u{201d}' => '"',
                    c => c.to_ascii_lowercase(),
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statements() -> Vec<EvidenceFields> {
        let plain = EvidenceFields {
            doc: "d1".into(),
            sentence: 2,
            span: [10, 40],
            text: "Ruritania shelled Borduria.".into(),
            date: Some("2025-03-01".into()),
            rule: "verb-object".into(),
            ..EvidenceFields::default()
        };
        let detailed = EvidenceFields {
            attribution: Some("org:ministry".into()),
            former: true,
            valid_from: Some("2020".into()),
            place: Some("location:x".into()),
            place_name: Some("X".into()),
            dead: Some(3),
            mode: Some("artillery".into()),
            ..plain.clone()
        };
        vec![plain, detailed]
    }

    #[test]
    fn statements_are_written_and_read_as_their_flat_fields() {
        for f in statements() {
            let record = EvidenceRecord::from(f.clone());
            let json = serde_json::to_string(&record).unwrap();
            assert_eq!(json, serde_json::to_string(&f).unwrap());
            assert_eq!(serde_json::from_str::<EvidenceRecord>(&json).unwrap(), record);
        }
    }

    #[test]
    fn relations_are_written_and_read_as_their_flat_fields() {
        for former in [false, true] {
            let f = RelationFields {
                subject: "country:A".into(),
                predicate: "president-of".into(),
                category: Category::LeaderOf,
                object: "person:b".into(),
                symmetric: false,
                documents: 1,
                corroboration: 1,
                sources: 0,
                first_date: None,
                last_date: None,
                former,
                valid_from: former.then(|| "2001".into()),
                valid_from_basis: former.then(|| "gazetteer".into()),
                valid_until: None,
                valid_until_basis: None,
                evidence: statements().into_iter().map(EvidenceRecord::from).collect(),
            };
            let record = RelationRecord::from(f.clone());
            assert_eq!(record.term.is_empty(), !former);
            let json = serde_json::to_string(&record).unwrap();
            assert_eq!(json, serde_json::to_string(&f).unwrap());
            assert_eq!(serde_json::from_str::<RelationRecord>(&json).unwrap(), record);
        }
    }

    #[test]
    fn sparse_fields_compare_by_value_not_by_allocation() {
        let null: Sparse<StatementDetails> = Sparse::default();
        assert!(null.is_empty() && null.0.is_none());
        assert!(Sparse::new(StatementDetails::default()).0.is_none(), "an empty value is not boxed");
        // Writing through the pointer allocates; an allocated empty value
        // still equals the null one and sorts with it.
        let mut written = Sparse::<StatementDetails>::new(StatementDetails::default());
        // Through `DerefMut`, as code that fills a field writes.
        let details: &mut StatementDetails = &mut written;
        details.former = false;
        assert!(written.0.is_some());
        assert_eq!(written, null);
        assert_eq!(written.cmp(&null), std::cmp::Ordering::Equal);
        written.dead = Some(1);
        assert!(written > null);
    }
}
