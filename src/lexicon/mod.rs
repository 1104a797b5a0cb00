//! The knowledge the extractor reads: gazetteers, role and verb lexicons,
//! function words. Everything is a human-readable table under `src/data/`,
//! compiled in with `include_str!`; users can add their own tables at run
//! time with `--lexicon DIR` (files with the same names are appended).
//!
//! This module owns loading the tables and the one Aho-Corasick automaton
//! that finds every gazetteer name in a text in a single pass.

mod table;

use crate::error::{Error, Result};
use crate::model::{entity_id, Category, EntityType};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

pub use table::{rows, Row};

/// The built-in tables, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("../data/countries.tsv")),
    ("people.tsv", include_str!("../data/people.tsv")),
    ("organizations.tsv", include_str!("../data/organizations.tsv")),
    ("places.tsv", include_str!("../data/places.tsv")),
    ("groups.tsv", include_str!("../data/groups.tsv")),
    ("given_names.tsv", include_str!("../data/given_names.tsv")),
    ("roles.tsv", include_str!("../data/roles.tsv")),
    ("agents.tsv", include_str!("../data/agents.tsv")),
    ("descriptions.tsv", include_str!("../data/descriptions.tsv")),
    ("words.tsv", include_str!("../data/words.tsv")),
    ("verbs.tsv", include_str!("../data/verbs.tsv")),
    ("event_nouns.tsv", include_str!("../data/event_nouns.tsv")),
    ("name_keywords.tsv", include_str!("../data/name_keywords.tsv")),
    ("details.tsv", include_str!("../data/details.tsv")),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    fn parse(s: &str) -> Option<Gender> {
        match s.trim() {
            "m" | "M" => Some(Gender::Male),
            "f" | "F" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// A role a gazetteer person holds: `president-of:BLR:1994-07-20..`.
#[derive(Debug, Clone)]
pub struct HeldRole {
    pub predicate: String,
    pub target: usize,
    pub from: String,
    pub to: String,
}

impl HeldRole {
    /// Whether the role was held on `date` (ISO prefix comparison works for
    /// YYYY, YYYY-MM and YYYY-MM-DD because they sort as text).
    pub fn holds_on(&self, date: Option<&str>) -> bool {
        let Some(d) = date else { return self.to.is_empty() };
        (self.from.is_empty() || self.from.as_str() <= d) && (self.to.is_empty() || d <= self.to.as_str())
    }
}

/// A gazetteer entity.
#[derive(Debug, Clone)]
pub struct GazEntity {
    pub id: String,
    pub name: String,
    pub kind: EntityType,
    pub iso3: Option<String>,
    /// The country this entity belongs to (a city's or an agency's country).
    pub country: Option<usize>,
    pub gender: Option<Gender>,
    pub roles: Vec<HeldRole>,
    pub aliases: Vec<String>,
    /// Organisation kind (igo, armed, media, gov, party, ngo) when known.
    pub org_kind: Option<String>,
}

/// How a surface string names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// A name or alias: "Belarus", "NATO", "Vladimir Putin".
    Name,
    /// A nationality adjective: "Belarusian".
    Adjective,
    /// A plural noun for the nationals: "Belarusians" (a GROUP actor).
    People,
}

#[derive(Debug, Clone, Copy)]
pub struct Sense {
    pub entity: usize,
    pub surface: Surface,
}

/// Where a verb's object is looked for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Slot {
    Dobj,
    Prep(String),
    /// The subject of a "that" clause: "demanded that the US cancel".
    That,
    None,
}

#[derive(Debug, Clone)]
pub struct VerbEntry {
    pub lemma: String,
    /// Base form, 3rd person, then past and participle forms (the grammar
    /// reads participles from the third form on). Shared: a verb
    /// dictionary gives one verb many rows.
    pub forms: std::sync::Arc<[String]>,
    pub particle: Option<String>,
    /// Shared, like `forms`: a verb dictionary gives many rows one list.
    pub slots: std::sync::Arc<[Slot]>,
    pub predicate: String,
    pub category: Category,
    pub symmetric: bool,
    pub control: bool,
    pub intent: bool,
    /// The object must be an actor, not a place ("returned to Geneva" is
    /// travel, "returned the bodies to Ukraine" is an event).
    pub actor_object: bool,
    /// The prepositional object counts only after the thing moved:
    /// "returned the bodies to Ukraine" is an event, "returned to
    /// Pakistan" is travel (flag `moved`).
    pub moved: bool,
    /// A lone capitalised word the tables lack, as the verb's subject or
    /// object, is a person's surname: "Booth shot Lincoln" (flag
    /// `lone-name`).
    pub lone_name: bool,
    /// The subject must be a person (flag `person-subject`): "Xi Jinping
    /// arrived in Russia" is a visit, "peacekeepers arrived in Bosnia" a
    /// deployment.
    pub person_subject: bool,
    pub example: Option<Example>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct EventNoun {
    pub forms: Vec<String>,
    pub predicate: String,
    pub category: Category,
    pub agent_preps: Vec<String>,
    pub target_preps: Vec<String>,
    pub example: Option<Example>,
    pub line: usize,
}

/// A positive and a negative example sentence, with the expected
/// `Subject>Object` of the positive one.
#[derive(Debug, Clone)]
pub struct Example {
    pub positive: String,
    pub expect: String,
    pub negative: String,
}

#[derive(Debug, Clone)]
pub struct RoleEntry {
    pub predicate: String,
    pub category: Category,
    pub applies_to: EntityType,
    pub gender: Option<Gender>,
    pub symmetric: bool,
    /// The owner is the subject of the relation ("X's father Y": Y parent-of X).
    pub reverse: bool,
    pub leader: bool,
    /// An office in a state's government: a person as its owner ("his
    /// energy minister") stands for the state that person leads (flag
    /// `cabinet`).
    pub cabinet: bool,
    /// The role is held in an organisation: an unknown name after it and
    /// an `employer` word ("a spokeswoman for Velmora") is an
    /// organisation's (flag `org-owner`).
    pub org_owner: bool,
}

/// What `details.tsv` says: the words that qualify a relation beyond its
/// two ends.
#[derive(Debug, Default, Clone)]
pub struct Details {
    /// Words before a role noun that say the role has ended.
    pub former: rustc_hash::FxHashSet<String>,
    /// Words before a role noun that qualify it without ending it
    /// ("incumbent", "outgoing", "acting").
    pub current: rustc_hash::FxHashSet<String>,
    /// Prepositions that introduce the place of an event.
    pub place_preps: rustc_hash::FxHashSet<String>,
    /// Prepositions between a role held in an organisation and the
    /// organisation ("a spokeswoman for", "an engineer with").
    pub employer_preps: rustc_hash::FxHashSet<String>,
    pub dead: rustc_hash::FxHashSet<String>,
    pub injured: rustc_hash::FxHashSet<String>,
    /// Number words and their values.
    pub numbers: HashMap<String, u32>,
    /// Words between a count word and its number ("killing at least 12").
    pub approx: rustc_hash::FxHashSet<String>,
    /// Event predicate -> PLOVER mode.
    pub modes: HashMap<String, String>,
}

/// The predicates of built-in roles that have one holder at a time
/// (`single` in roles.tsv): the graph closes a term when a successor is
/// named, and reports two current holders as a contradiction.
pub fn single_holder_predicates() -> &'static rustc_hash::FxHashSet<String> {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let text = BUILTIN.iter().find(|(n, _)| *n == "roles.tsv").map_or("", |(_, t)| t);
        rows("roles.tsv", text, 6)
            .unwrap_or_default()
            .iter()
            .filter(|r| r.get(5).split(',').any(|f| f.trim() == "single"))
            .map(|r| r.get(1).to_string())
            .collect()
    })
}

/// The grammar class of a function word (`words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordClass {
    Det,
    PronSubj,
    PronObj,
    PronPoss,
    Rel,
    /// Relative pronouns that stand only for people: "who", "whom".
    RelPerson,
    Prep,
    Conj,
    Sub,
    AuxBe,
    AuxHave,
    AuxDo,
    ModalHyp,
    ModalPlan,
    Neg,
    Adv,
    Speech,
    Light,
    /// Verbs that take "to" plus a verb and say it was tried, neither that
    /// it happened nor that it was promised: "tried to sell", "attempted to
    /// seize".
    Attempt,
    Refuse,
    Experiencer,
    /// Verbs whose object noun names the event: "announced a suspension of
    /// air links", "launched an investigation into".
    Support,
    /// Verbs that stop what their object names: "prohibit aid", "suspend talks".
    Halt,
    /// Halting verbs that also say an event did not take place: "postponed
    /// his visit", "cancelled a planned strike" (`end`, `stop` say it did).
    CallOff,
    /// Words that open the demand a protest makes: "to demand the
    /// resignation of X", "calling for independence from Y".
    Demand,
    /// Nouns that negate the infinitive after them: "refusal to accept".
    Refusal,
    /// Words that present the clause they govern as an allegation: "is
    /// suspected of having given", "alleged to have ordered".
    Allege,
    NameJoiner,
}

impl WordClass {
    /// Classes of content nouns ("demands", "protest", "refusal"): scans
    /// that stop at function words read past them, as past any noun.
    pub fn is_relative(self) -> bool {
        matches!(self, WordClass::Rel | WordClass::RelPerson)
    }

    pub fn is_noun(self) -> bool {
        matches!(self, WordClass::Demand | WordClass::Refusal)
    }

    fn parse(s: &str) -> Option<WordClass> {
        Some(match s {
            "det" => WordClass::Det,
            "pron-subj" => WordClass::PronSubj,
            "pron-obj" => WordClass::PronObj,
            "pron-poss" => WordClass::PronPoss,
            "rel" => WordClass::Rel,
            "rel-person" => WordClass::RelPerson,
            "prep" => WordClass::Prep,
            "conj" => WordClass::Conj,
            "sub" => WordClass::Sub,
            "aux-be" => WordClass::AuxBe,
            "aux-have" => WordClass::AuxHave,
            "aux-do" => WordClass::AuxDo,
            "modal-hyp" => WordClass::ModalHyp,
            "modal-plan" => WordClass::ModalPlan,
            "neg" => WordClass::Neg,
            "adv" => WordClass::Adv,
            "speech" => WordClass::Speech,
            "light" => WordClass::Light,
            "attempt" => WordClass::Attempt,
            "refuse" => WordClass::Refuse,
            "experiencer" => WordClass::Experiencer,
            "support" => WordClass::Support,
            "halt" => WordClass::Halt,
            "call-off" => WordClass::CallOff,
            "demand" => WordClass::Demand,
            "refusal" => WordClass::Refusal,
            "allege" => WordClass::Allege,
            "name-joiner" => WordClass::NameJoiner,
            _ => return None,
        })
    }
}

/// All tables, indexed for the extractor.
pub struct Lexicon {
    pub entities: Vec<GazEntity>,
    by_id: HashMap<String, usize>,
    automaton: AhoCorasick,
    patterns: Vec<String>,
    senses: Vec<Vec<Sense>>,
    /// Lowercased surname (last name token) -> gazetteer persons.
    pub surnames: HashMap<String, Vec<usize>>,
    pub given_names: HashMap<String, Option<Gender>>,
    pub verbs: Vec<VerbEntry>,
    /// Lowercase form -> verb entries (built-in rows first, then rows
    /// imported from verb dictionaries).
    pub verb_forms: HashMap<String, Vec<usize>>,
    pub event_nouns: Vec<EventNoun>,
    pub event_noun_forms: HashMap<String, usize>,
    /// Last words of two-word event nouns ("hunger strike"), so that the
    /// extractor builds a two-word key only where one can match.
    pub event_noun_heads: rustc_hash::FxHashSet<String>,
    /// Lowercase role phrase (space-joined) -> role.
    pub roles: HashMap<String, RoleEntry>,
    pub max_role_words: usize,
    /// The most tokens a role form spans: its words and the periods of
    /// its abbreviations ("lt. gen." is four tokens).
    pub max_role_tokens: usize,
    /// First words of multiword roles, agents and descriptions: a token
    /// whose key is not here cannot start one, which spares a lookup.
    pub phrase_starts: rustc_hash::FxHashSet<String>,
    pub agents: HashMap<String, ()>,
    pub max_agent_words: usize,
    pub descriptions: HashMap<String, EntityType>,
    pub words: HashMap<String, WordClass>,
    /// Country index by ISO alpha-3.
    pub by_iso3: HashMap<String, usize>,
    /// Last words that type an unknown name ("Ministry" -> ORGANIZATION).
    pub name_last_words: HashMap<String, EntityType>,
    /// Last words of institutions whose name goes on with "of" and a city
    /// ("University of Chicago"; name_keywords.tsv kind `last-of-place`).
    pub place_in_name: rustc_hash::FxHashSet<String>,
    /// Last words of names that take the nationality adjective before them
    /// ("Rwandan Patriotic Front"; name_keywords.tsv kind
    /// `last-with-nationality`).
    pub nationality_in_name: rustc_hash::FxHashSet<String>,
    /// Capital-letter words that name no actor ("GDP", "CEO", "COVID";
    /// name_keywords.tsv kind `common`): an unknown acronym is otherwise
    /// read as an organisation's name.
    pub common_acronyms: rustc_hash::FxHashSet<String>,
    /// Common nouns that say what the name next to them is, without being
    /// part of it or a role with a relation: "baseball legend Babe Ruth",
    /// "Ana Ruiz, a Chilean immigrant," (name_keywords.tsv kind `noun`).
    pub type_nouns: HashMap<String, (EntityType, Option<Gender>)>,
    /// Honorifics ("Mr", "Mrs") with the gender they imply.
    pub honorifics: HashMap<String, Option<Gender>>,
    /// Table lines that could not be linked (a role naming an unknown
    /// organisation); reported by `geokg dict check` and tests.
    pub unresolved: Vec<String>,
    pub details: Details,
    /// What loading the dictionaries left out, once per file, for the
    /// caller to show (the library prints nothing).
    pub warnings: Vec<String>,
}

/// The summary of what a verb dictionary gave that the grammar cannot use:
/// patterns it cannot express and codes without a category.
fn verb_warnings(name: &str, s: &crate::dict::verbs::VerbStats) -> Vec<String> {
    let mut out = Vec::new();
    if s.unexpressed() > 0 || s.long_verbs > 0 {
        out.push(format!(
            "{name}: {} of {} patterns cannot be expressed by the verb grammar and are left out ({}){}",
            s.unexpressed(),
            s.patterns,
            s.reasons(),
            if s.long_verbs > 0 {
                format!("; so are {} verbs of three or more words", s.long_verbs)
            } else {
                String::new()
            }
        ));
    }
    if s.uncategorised + s.uncategorised_verbs > 0 {
        out.push(format!(
            "{name}: {} patterns and {} verbs have a CAMEO code with no ontology category (such as 01, public statements) and are skipped",
            s.uncategorised, s.uncategorised_verbs
        ));
    }
    out
}

struct Builder {
    entities: Vec<GazEntity>,
    by_id: HashMap<String, usize>,
    surfaces: HashMap<String, Vec<Sense>>,
    pending_roles: Vec<(usize, String, String, usize)>,
    given_names: HashMap<String, Option<Gender>>,
    verbs: Vec<VerbEntry>,
    event_nouns: Vec<EventNoun>,
    roles: HashMap<String, RoleEntry>,
    agents: HashMap<String, ()>,
    descriptions: HashMap<String, EntityType>,
    words: HashMap<String, WordClass>,
    by_iso3: HashMap<String, usize>,
    name_last_words: HashMap<String, EntityType>,
    place_in_name: rustc_hash::FxHashSet<String>,
    nationality_in_name: rustc_hash::FxHashSet<String>,
    common_acronyms: rustc_hash::FxHashSet<String>,
    type_nouns: HashMap<String, (EntityType, Option<Gender>)>,
    honorifics: HashMap<String, Option<Gender>>,
    unresolved: Vec<String>,
    details: Details,
}

/// The largest table or dictionary read: the Phoenix dictionaries are a
/// few megabytes; far more is not a table.
const MAX_TABLE: u64 = 256 << 20;

/// The tables of a `--lexicon` directory. A path that is not a directory,
/// a directory with no table in it, or a file named like a table but not
/// one of the built-in names is an error rather than silently ignored: a
/// user who passes tables expects them to be read.
fn user_tables(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let meta = std::fs::metadata(dir).map_err(|e| Error::io(dir, e))?;
    if !meta.is_dir() {
        return Err(Error::Usage(format!(
            "--lexicon {}: not a directory (it takes a directory of tables named like src/data/: {})",
            dir.display(),
            builtin_names()
        )));
    }
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if BUILTIN.iter().any(|(b, _)| *b == name) {
            found.push(e.path());
        } else if name.ends_with(".tsv") || name.ends_with(".txt") {
            unknown.push(name);
        }
    }
    unknown.sort();
    if !unknown.is_empty() {
        return Err(Error::Usage(format!(
            "--lexicon {}: {} is not a table geokg knows (tables: {})",
            dir.display(),
            unknown.join(", "),
            builtin_names()
        )));
    }
    if found.is_empty() {
        return Err(Error::Usage(format!(
            "--lexicon {}: no tables in this directory (tables: {})",
            dir.display(),
            builtin_names()
        )));
    }
    found.sort();
    Ok(found)
}

fn builtin_names() -> String {
    BUILTIN.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
}

impl Lexicon {
    /// The built-in tables.
    pub fn builtin() -> Result<Lexicon> {
        Lexicon::load(None)
    }

    /// The built-in tables plus any same-named tables found in `extra`.
    pub fn load(extra: Option<&Path>) -> Result<Lexicon> {
        Lexicon::load_with(extra, &[], &[])
    }

    /// The built-in tables, extra tables, user dictionaries of actors and
    /// agents (TSV, PETRARCH/Phoenix actor or agents format) and CAMEO verb
    /// dictionaries (`verbs`). A dictionary line that cannot be read is an
    /// error naming the file and line; what a verb dictionary holds that
    /// the grammar cannot use is summed up in `Lexicon::warnings`.
    pub fn load_with(extra: Option<&Path>, dictionaries: &[std::path::PathBuf], verbs: &[std::path::PathBuf]) -> Result<Lexicon> {
        let mut dict_entries = Vec::new();
        let mut agents = Vec::new();
        let read = |path: &std::path::PathBuf| -> Result<(String, crate::dict::Format, crate::dict::Parsed)> {
            let bytes = crate::input::read_to_limit(path, MAX_TABLE)?;
            let text = String::from_utf8_lossy(&bytes);
            let name = path.display().to_string();
            let (format, parsed) = crate::dict::parse_any(&name, &text);
            if let Some(e) = parsed.errors.into_iter().next() {
                return Err(e);
            }
            Ok((name, format, crate::dict::Parsed { errors: vec![], ..parsed }))
        };
        for path in dictionaries {
            let (name, format, parsed) = read(path)?;
            if format == crate::dict::Format::Verbs {
                return Err(Error::Usage(format!("{name} is a verb dictionary; pass it with --verbs")));
            }
            dict_entries.extend(parsed.actors);
            agents.extend(parsed.agents);
        }
        let mut imported = Vec::new();
        let mut warnings = Vec::new();
        for path in verbs {
            let (name, _, parsed) = read(path)?;
            let Some(dict) = parsed.verbs else {
                return Err(Error::Usage(format!(
                    "{name} is not a verb dictionary (it has no `--- VERB [code] ---` block)"
                )));
            };
            warnings.extend(verb_warnings(&name, &dict.stats));
            imported.push(dict.verbs);
        }
        let mut b = Builder::new();
        let mut user: Vec<(String, String)> = Vec::new();
        if let Some(dir) = extra {
            for path in user_tables(dir)? {
                let bytes = crate::input::read_to_limit(&path, MAX_TABLE)?;
                let text =
                    String::from_utf8(bytes).map_err(|e| Error::data(path.display().to_string(), 0, format!("not UTF-8 text ({e})")))?;
                user.push((path.display().to_string(), text));
            }
        }
        for (name, text) in BUILTIN {
            b.add_table(name, name, text)?;
            for (path, text) in &user {
                if path.ends_with(name) {
                    b.add_table(name, path, text)?;
                }
            }
        }
        b.add_dictionary(dict_entries);
        b.add_agents(agents);
        for rows in imported {
            b.add_imported_verbs(rows);
        }
        let mut lex = b.finish()?;
        lex.warnings = warnings;
        Ok(lex)
    }

    pub fn entity(&self, i: usize) -> &GazEntity {
        &self.entities[i]
    }

    pub fn entity_by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn word_class(&self, key: &str) -> Option<WordClass> {
        self.words.get(key).copied()
    }

    /// Every gazetteer match in `text`, leftmost-longest, on word
    /// boundaries and with compatible capitalisation.
    pub fn find_names(&self, text: &str) -> Vec<(usize, usize, &[Sense])> {
        // Every match, overlapping, is checked for word boundaries and
        // capitalisation; then the longest valid match wins at each place.
        // (A leftmost-longest search alone would lose "Russia" in "Russia
        // today" to the rejected outlet name "Russia Today".)
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            if !is_boundary(text, s, e) {
                continue;
            }
            let p = m.pattern().as_usize();
            if !case_compatible(&self.patterns[p], &text[s..e]) {
                continue;
            }
            found.push((s, e, p));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::with_capacity(found.len());
        let mut covered = 0;
        for (s, e, p) in found {
            if s < covered {
                continue;
            }
            covered = e;
            out.push((s, e, self.senses[p].as_slice()));
        }
        out
    }

    /// The role holder of `predicate` for `target` on `date`, when the
    /// gazetteer knows exactly one.
    pub fn holder_of(&self, predicate_leader: bool, predicate: &str, target: usize, date: Option<&str>) -> Option<usize> {
        let mut found = None;
        for (i, e) in self.entities.iter().enumerate() {
            for r in &e.roles {
                if r.target != target || !r.holds_on(date) {
                    continue;
                }
                let ok = if predicate_leader {
                    self.role_is_leader(&r.predicate)
                } else {
                    r.predicate == predicate
                };
                if ok {
                    if found.is_some_and(|f| f != i) {
                        return None;
                    }
                    found = Some(i);
                }
            }
        }
        found
    }

    /// Whether a role predicate means heading the target.
    pub fn role_is_leader(&self, predicate: &str) -> bool {
        self.roles.values().any(|r| r.leader && r.predicate == predicate)
            || matches!(
                predicate,
                "president-of"
                    | "prime-minister-of"
                    | "leader-of"
                    | "king-of"
                    | "supreme-leader-of"
                    | "chancellor-of"
                    | "emir-of"
                    | "secretary-general-of"
                    | "queen-of"
            )
    }

    /// The category of a role predicate, as `roles.tsv` maps it (offices
    /// not listed there are affiliations).
    pub fn role_category(&self, predicate: &str) -> Category {
        if self.role_is_leader(predicate) {
            return Category::LeaderOf;
        }
        self.roles
            .values()
            .find(|r| r.predicate == predicate)
            .map(|r| r.category)
            .unwrap_or(Category::AffiliatedWith)
    }
}

fn is_boundary(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    // "Russian-backed" names Russia; "Iranian" does not contain "Iran".
    !before.is_some_and(|c| c.is_alphanumeric() || c == '-') && !after.is_some_and(|c| c.is_alphanumeric())
}

/// An uppercase letter in the table must be uppercase in the text; a
/// lowercase letter in the table may be either (so "RUSSIA" matches
/// "Russia", "US" does not match "us", and "the West" needs a capital W).
fn case_compatible(pattern: &str, found: &str) -> bool {
    let mut p = pattern.chars();
    for f in found.chars() {
        let Some(pc) = p.next() else { return false };
        if pc.is_uppercase() && !f.is_uppercase() {
            return false;
        }
    }
    true
}

fn parse_category(file: &str, line: usize, s: &str) -> Result<Category> {
    Category::parse(s).ok_or_else(|| Error::data(file, line, format!("unknown category {s:?}")))
}

impl Builder {
    fn new() -> Builder {
        Builder {
            entities: Vec::new(),
            by_id: HashMap::default(),
            surfaces: HashMap::default(),
            pending_roles: Vec::new(),
            given_names: HashMap::default(),
            verbs: Vec::new(),
            event_nouns: Vec::new(),
            roles: HashMap::default(),
            agents: HashMap::default(),
            descriptions: HashMap::default(),
            words: HashMap::default(),
            by_iso3: HashMap::default(),
            name_last_words: HashMap::default(),
            place_in_name: Default::default(),
            nationality_in_name: Default::default(),
            common_acronyms: Default::default(),
            type_nouns: HashMap::default(),
            honorifics: HashMap::default(),
            unresolved: Vec::new(),
            details: Details::default(),
        }
    }

    fn add_entity(&mut self, e: GazEntity) -> usize {
        if let Some(&i) = self.by_id.get(&e.id) {
            // A user table may add aliases to a built-in entity.
            let extra = e.aliases;
            self.entities[i].aliases.extend(extra);
            return i;
        }
        let i = self.entities.len();
        self.by_id.insert(e.id.clone(), i);
        self.entities.push(e);
        i
    }

    /// Dictionary entries: synonyms of known countries become their
    /// names; people and organisations become gazetteer entities.
    fn add_dictionary(&mut self, entries: Vec<crate::dict::DictEntry>) {
        for e in entries {
            if e.kind == EntityType::Country {
                let Some(&c) = e.country.as_ref().and_then(|iso| self.by_iso3.get(iso)) else {
                    continue;
                };
                for a in std::iter::once(&e.name).chain(e.aliases.iter()) {
                    self.add_surface(a, c, Surface::Name);
                }
                continue;
            }
            let i = self.add_entity(GazEntity {
                id: entity_id(e.kind, &e.name, None),
                name: e.name.clone(),
                kind: e.kind,
                iso3: None,
                country: None,
                gender: None,
                roles: vec![],
                aliases: e.aliases.clone(),
                org_kind: None,
            });
            for a in std::iter::once(&e.name).chain(e.aliases.iter()) {
                self.add_surface(a, i, Surface::Name);
            }
            for r in e.roles {
                self.pending_roles.push((i, r, "dictionary".into(), e.line));
            }
        }
    }

    /// Agent nouns from an agents dictionary, as token keys. A phrase the
    /// built-in tables already read as a role or a description keeps that
    /// reading: "president" names an office holder, not an agent.
    fn add_agents(&mut self, agents: Vec<crate::dict::AgentEntry>) {
        for a in agents {
            for f in &a.forms {
                let key: Vec<String> = crate::text::tokenize(f).iter().map(|t| t.key.to_string()).collect();
                let key = key.join(" ");
                if key.is_empty() || self.roles.contains_key(&key) || self.descriptions.contains_key(&key) {
                    continue;
                }
                self.agents.insert(key, ());
            }
        }
    }

    /// Rows of a verb dictionary, for verbs the tables do not know. A word
    /// that is already a form of a table verb, or that the function-word
    /// table gives a grammar class ("declined" refuses, "offered" is a
    /// light verb), keeps the tables' reading: their rows carry tested
    /// predicates, slots and flags, and a dictionary row for the same word
    /// would compete with them. So a verb dictionary only adds verbs.
    fn add_imported_verbs(&mut self, rows: Vec<crate::dict::ImportedVerb>) {
        let known: rustc_hash::FxHashSet<String> = self.verbs.iter().flat_map(|v| v.forms.iter().cloned()).collect();
        for r in rows {
            if r.forms.iter().any(|f| known.contains(f) || self.words.contains_key(f)) {
                continue;
            }
            self.verbs.push(VerbEntry {
                lemma: r.lemma,
                forms: r.forms,
                particle: r.particle,
                slots: r.slots,
                predicate: r.predicate,
                category: r.category,
                symmetric: r.symmetric,
                control: false,
                intent: false,
                actor_object: false,
                moved: false,
                lone_name: false,
                person_subject: false,
                example: None,
                line: r.line,
            });
        }
    }

    fn add_surface(&mut self, s: &str, entity: usize, surface: Surface) {
        let s = s.trim();
        if s.is_empty() {
            return;
        }
        let mut variants = article_variants(s);
        if s.contains('\'') {
            let curly: Vec<String> = variants.iter().map(|v| v.replace('\'', "\u{2019}")).collect();
            variants.extend(curly);
        }
        for v in variants {
            let senses = self.surfaces.entry(v).or_default();
            if !senses.iter().any(|x| x.entity == entity && x.surface == surface) {
                senses.push(Sense { entity, surface });
            }
        }
    }

    fn add_table(&mut self, name: &str, file: &str, text: &str) -> Result<()> {
        match name {
            "countries.tsv" => {
                for r in rows(file, text, 6)? {
                    let iso = r.get(0).to_string();
                    let cname = r.get(1).to_string();
                    let i = self.add_entity(GazEntity {
                        id: entity_id(EntityType::Country, &cname, Some(&iso)),
                        name: cname.clone(),
                        kind: EntityType::Country,
                        iso3: Some(iso.clone()),
                        country: None,
                        gender: None,
                        roles: Vec::new(),
                        aliases: r.list(2).map(String::from).collect(),
                        org_kind: None,
                    });
                    self.by_iso3.insert(iso.clone(), i);
                    self.add_surface(&cname, i, Surface::Name);
                    for a in r.list(2) {
                        self.add_surface(a, i, Surface::Name);
                    }
                    for a in r.list(3) {
                        self.add_surface(a, i, Surface::Adjective);
                    }
                    for a in r.list(4) {
                        self.add_surface(a, i, Surface::People);
                    }
                    let caps: Vec<&str> = r.list(5).collect();
                    if let Some((&cap, rest)) = caps.split_first() {
                        let c = self.add_entity(GazEntity {
                            id: entity_id(EntityType::Location, cap, None),
                            name: cap.to_string(),
                            kind: EntityType::Location,
                            iso3: None,
                            country: Some(i),
                            gender: None,
                            roles: vec![],
                            aliases: rest.iter().map(|s| s.to_string()).collect(),
                            org_kind: Some("capital".into()),
                        });
                        self.add_surface(cap, c, Surface::Name);
                        for a in rest {
                            self.add_surface(a, c, Surface::Name);
                        }
                    }
                }
            }
            "people.tsv" => {
                for r in rows(file, text, 4)? {
                    let pname = r.get(0);
                    let i = self.add_entity(GazEntity {
                        id: entity_id(EntityType::Person, pname, None),
                        name: pname.to_string(),
                        kind: EntityType::Person,
                        iso3: None,
                        country: None,
                        gender: Gender::parse(r.get(1)),
                        roles: vec![],
                        aliases: r.list(2).map(String::from).collect(),
                        org_kind: None,
                    });
                    self.add_surface(pname, i, Surface::Name);
                    for a in r.list(2) {
                        self.add_surface(a, i, Surface::Name);
                    }
                    for role in r.get(3).split(';').map(str::trim).filter(|s| !s.is_empty()) {
                        self.pending_roles.push((i, role.to_string(), file.to_string(), r.line));
                    }
                }
            }
            "organizations.tsv" => {
                for r in rows(file, text, 5)? {
                    let oname = r.get(0);
                    let kind = EntityType::parse(r.get(1)).unwrap_or(EntityType::Organization);
                    let country = self.by_iso3.get(r.get(3)).copied();
                    let i = self.add_entity(GazEntity {
                        id: entity_id(kind, oname, None),
                        name: oname.to_string(),
                        kind,
                        iso3: None,
                        country,
                        gender: None,
                        roles: vec![],
                        aliases: r.list(2).map(String::from).collect(),
                        org_kind: Some(r.get(4).to_string()).filter(|s| !s.is_empty()),
                    });
                    self.add_surface(oname, i, Surface::Name);
                    for a in r.list(2) {
                        self.add_surface(a, i, Surface::Name);
                    }
                }
            }
            "places.tsv" => {
                for r in rows(file, text, 4)? {
                    let pname = r.get(0);
                    let country = self.by_iso3.get(r.get(2)).copied();
                    let i = self.add_entity(GazEntity {
                        id: entity_id(EntityType::Location, pname, None),
                        name: pname.to_string(),
                        kind: EntityType::Location,
                        iso3: None,
                        country,
                        gender: None,
                        roles: vec![],
                        aliases: r.list(1).map(String::from).collect(),
                        org_kind: Some(r.get(3).to_string()).filter(|s| !s.is_empty()),
                    });
                    self.add_surface(pname, i, Surface::Name);
                    for a in r.list(1) {
                        self.add_surface(a, i, Surface::Name);
                    }
                }
            }
            "groups.tsv" => {
                for r in rows(file, text, 3)? {
                    let gname = r.get(0);
                    let display = gname.strip_prefix("the ").unwrap_or(gname);
                    let i = self.add_entity(GazEntity {
                        id: entity_id(EntityType::Group, display, None),
                        name: gname.to_string(),
                        kind: EntityType::Group,
                        iso3: None,
                        country: None,
                        gender: None,
                        roles: vec![],
                        aliases: r.list(1).map(String::from).collect(),
                        org_kind: None,
                    });
                    self.add_surface(display, i, Surface::Name);
                    for a in r.list(1) {
                        self.add_surface(a, i, Surface::Name);
                    }
                    for a in r.list(2) {
                        self.add_surface(a, i, Surface::Adjective);
                    }
                }
            }
            "given_names.tsv" => {
                for r in rows(file, text, 2)? {
                    self.given_names.insert(r.get(0).to_lowercase(), Gender::parse(r.get(1)));
                }
            }
            "roles.tsv" => {
                for r in rows(file, text, 6)? {
                    let category = parse_category(file, r.line, r.get(2))?;
                    let applies_to = EntityType::parse(r.get(3))
                        .ok_or_else(|| Error::data(file, r.line, format!("unknown entity type {:?}", r.get(3))))?;
                    let flags: Vec<&str> = r.get(5).split(',').map(str::trim).collect();
                    let entry = RoleEntry {
                        predicate: r.get(1).to_string(),
                        category,
                        applies_to,
                        gender: Gender::parse(r.get(4)),
                        symmetric: flags.contains(&"sym"),
                        reverse: flags.contains(&"reverse"),
                        leader: flags.contains(&"leader"),
                        cabinet: flags.contains(&"cabinet"),
                        org_owner: flags.contains(&"org-owner"),
                    };
                    for f in r.list(0) {
                        self.roles.insert(f.to_lowercase(), entry.clone());
                    }
                }
            }
            "agents.tsv" => {
                for r in rows(file, text, 1)? {
                    for f in r.list(0) {
                        self.agents.insert(f.to_lowercase(), ());
                    }
                }
            }
            "descriptions.tsv" => {
                for r in rows(file, text, 2)? {
                    let t = EntityType::parse(r.get(1))
                        .ok_or_else(|| Error::data(file, r.line, format!("unknown entity type {:?}", r.get(1))))?;
                    for f in r.list(0) {
                        self.descriptions.insert(f.to_lowercase(), t);
                    }
                }
            }
            "words.tsv" => {
                for r in rows(file, text, 2)? {
                    let class = WordClass::parse(r.get(1))
                        .ok_or_else(|| Error::data(file, r.line, format!("unknown word class {:?}", r.get(1))))?;
                    self.words.insert(r.get(0).to_lowercase(), class);
                }
            }
            "verbs.tsv" => {
                for r in rows(file, text, 6)? {
                    let forms: Vec<String> = r.list(0).map(|f| f.to_lowercase()).collect();
                    let Some(lemma) = forms.first().cloned() else {
                        return Err(Error::data(file, r.line, "a verb needs at least one form"));
                    };
                    let mut slots = Vec::new();
                    for s in r.get(2).split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        slots.push(match s {
                            "dobj" => Slot::Dobj,
                            "none" => Slot::None,
                            "that" => Slot::That,
                            _ => match s.strip_prefix("prep:") {
                                Some(p) => Slot::Prep(p.to_string()),
                                None => return Err(Error::data(file, r.line, format!("unknown slot {s:?}"))),
                            },
                        });
                    }
                    let flags: Vec<&str> = r.get(5).split(',').map(str::trim).collect();
                    self.verbs.push(VerbEntry {
                        lemma,
                        forms: forms.into(),
                        particle: Some(r.get(1).to_lowercase()).filter(|s| !s.is_empty()),
                        slots: slots.into(),
                        predicate: r.get(3).to_string(),
                        category: parse_category(file, r.line, r.get(4))?,
                        symmetric: flags.contains(&"sym"),
                        control: flags.contains(&"control"),
                        intent: flags.contains(&"intent"),
                        actor_object: flags.contains(&"actor-object"),
                        moved: flags.contains(&"moved"),
                        lone_name: flags.contains(&"lone-name"),
                        person_subject: flags.contains(&"person-subject"),
                        example: example(&r, 6),
                        line: r.line,
                    });
                }
            }
            "event_nouns.tsv" => {
                for r in rows(file, text, 5)? {
                    let split = |i: usize| -> Vec<String> {
                        r.get(i)
                            .split(',')
                            .map(|s| s.trim().to_lowercase())
                            .filter(|s| !s.is_empty())
                            .collect()
                    };
                    self.event_nouns.push(EventNoun {
                        forms: r.list(0).map(|f| f.to_lowercase()).collect(),
                        predicate: r.get(1).to_string(),
                        category: parse_category(file, r.line, r.get(2))?,
                        agent_preps: split(3),
                        target_preps: split(4),
                        example: example(&r, 5),
                        line: r.line,
                    });
                }
            }
            "details.tsv" => {
                for r in rows(file, text, 2)? {
                    let d = &mut self.details;
                    let words = r.list(0).map(str::to_lowercase);
                    match r.get(1) {
                        "former" => d.former.extend(words),
                        "current" => d.current.extend(words),
                        "place" => d.place_preps.extend(words),
                        "employer" => d.employer_preps.extend(words),
                        "dead" => d.dead.extend(words),
                        "injured" => d.injured.extend(words),
                        "approx" => d.approx.extend(words),
                        "number" => {
                            let n: u32 = r
                                .get(2)
                                .parse()
                                .map_err(|_| Error::data(file, r.line, format!("not a number: {:?}", r.get(2))))?;
                            d.numbers.extend(words.map(|w| (w, n)));
                        }
                        "mode" if !r.get(2).is_empty() => {
                            let mode = r.get(2).to_string();
                            d.modes.extend(words.map(|w| (w, mode.clone())));
                        }
                        other => {
                            return Err(Error::data(
                                file,
                                r.line,
                                format!("unknown detail kind {other:?} (or a mode row without its mode)"),
                            ))
                        }
                    }
                }
            }
            "name_keywords.tsv" => {
                for r in rows(file, text, 4)? {
                    let t = EntityType::parse(r.get(1))
                        .ok_or_else(|| Error::data(file, r.line, format!("unknown entity type {:?}", r.get(1))))?;
                    match r.get(3) {
                        "honorific" => {
                            self.honorifics.insert(r.get(0).to_lowercase(), Gender::parse(r.get(2)));
                        }
                        "last" => {
                            self.name_last_words.insert(r.get(0).to_lowercase(), t);
                        }
                        "last-of-place" => {
                            self.name_last_words.insert(r.get(0).to_lowercase(), t);
                            self.place_in_name.insert(r.get(0).to_lowercase());
                        }
                        "last-with-nationality" => {
                            self.name_last_words.insert(r.get(0).to_lowercase(), t);
                            self.nationality_in_name.insert(r.get(0).to_lowercase());
                        }
                        "common" => {
                            self.common_acronyms.insert(r.get(0).to_lowercase());
                        }
                        "noun" => {
                            self.type_nouns.insert(r.get(0).to_lowercase(), (t, Gender::parse(r.get(2))));
                        }
                        other => return Err(Error::data(file, r.line, format!("unknown keyword kind {other:?}"))),
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Lexicon> {
        // Roles name their targets by ISO code or organisation name, so they
        // are linked once every entity is known.
        let mut name_index: HashMap<String, usize> = HashMap::default();
        for (i, e) in self.entities.iter().enumerate() {
            if e.kind != EntityType::Person {
                name_index.entry(e.name.to_lowercase()).or_insert(i);
                for a in &e.aliases {
                    name_index.entry(a.to_lowercase()).or_insert(i);
                }
            }
        }
        for (person, spec, file, line) in std::mem::take(&mut self.pending_roles) {
            let mut parts = spec.splitn(3, ':');
            let predicate = parts.next().unwrap_or("").trim().to_string();
            let target = parts.next().unwrap_or("").trim();
            let range = parts.next().unwrap_or("..");
            let (from, to) = range.split_once("..").unwrap_or((range, ""));
            let Some(t) = self
                .by_iso3
                .get(target)
                .copied()
                .or_else(|| name_index.get(&target.to_lowercase()).copied())
            else {
                // The role is kept out rather than failing the whole run; a
                // test checks that the built-in tables have none of these.
                self.unresolved.push(format!(
                    "{file}:{line}: role target {target:?} is not a known country or organisation"
                ));
                continue;
            };
            if self.entities[person].country.is_none() && self.entities[t].kind == EntityType::Country {
                self.entities[person].country = Some(t);
            }
            self.entities[person].roles.push(HeldRole {
                predicate,
                target: t,
                from: from.trim().to_string(),
                to: to.trim().to_string(),
            });
        }
        let mut surnames: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, e) in self.entities.iter().enumerate() {
            if e.kind != EntityType::Person {
                continue;
            }
            let mut keys: Vec<String> = Vec::new();
            for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
                let toks: Vec<&str> = n.split_whitespace().collect();
                if toks.len() >= 2 {
                    keys.push(toks[toks.len() - 1].to_lowercase());
                }
            }
            keys.sort();
            keys.dedup();
            for k in keys {
                surnames.entry(k).or_default().push(i);
            }
        }
        let mut patterns: Vec<String> = self.surfaces.keys().cloned().collect();
        patterns.sort();
        let senses: Vec<Vec<Sense>> = patterns.iter().map(|p| self.surfaces[p].clone()).collect();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // The contiguous NFA scans faster than the default and, unlike a
            // DFA, builds in milliseconds at start-up.
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| Error::data("gazetteer", 0, format!("cannot build the name automaton: {e}")))?;
        let mut verb_forms: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, v) in self.verbs.iter().enumerate() {
            for f in v.forms.iter() {
                // A verb dictionary gives one form many rows: the key is
                // copied only the first time.
                match verb_forms.get_mut(f) {
                    Some(rows) => rows.push(i),
                    None => {
                        verb_forms.insert(f.clone(), vec![i]);
                    }
                }
            }
        }
        let mut event_noun_forms = HashMap::default();
        let mut event_noun_heads = rustc_hash::FxHashSet::default();
        for (i, n) in self.event_nouns.iter().enumerate() {
            for f in &n.forms {
                event_noun_forms.insert(f.clone(), i);
                if let Some((_, head)) = f.rsplit_once(' ') {
                    event_noun_heads.insert(head.to_string());
                }
            }
        }
        let phrase_starts = self
            .roles
            .keys()
            .chain(self.agents.keys())
            .chain(self.descriptions.keys())
            .filter_map(|k| k.split(' ').next())
            // "gov." starts at the token "gov": the period is a token of its own.
            .map(|w| String::from(w.trim_end_matches('.')))
            .collect();
        let max_role_words = self.roles.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        let max_role_tokens = self
            .roles
            .keys()
            .map(|k| k.split(' ').count() + k.matches('.').count())
            .max()
            .unwrap_or(1);
        let max_agent_words = self.agents.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        Ok(Lexicon {
            entities: self.entities,
            by_id: self.by_id,
            automaton,
            patterns,
            senses,
            surnames,
            given_names: self.given_names,
            verbs: self.verbs,
            verb_forms,
            event_nouns: self.event_nouns,
            event_noun_forms,
            event_noun_heads,
            roles: self.roles,
            max_role_words,
            max_role_tokens,
            phrase_starts,
            agents: self.agents,
            max_agent_words,
            descriptions: self.descriptions,
            words: self.words,
            by_iso3: self.by_iso3,
            name_last_words: self.name_last_words,
            place_in_name: self.place_in_name,
            nationality_in_name: self.nationality_in_name,
            common_acronyms: self.common_acronyms,
            type_nouns: self.type_nouns,
            honorifics: self.honorifics,
            unresolved: self.unresolved,
            warnings: Vec::new(),
            details: self.details,
        })
    }
}

fn example(r: &Row, first: usize) -> Option<Example> {
    let positive = r.get(first);
    if positive.is_empty() {
        return None;
    }
    Some(Example {
        positive: positive.to_string(),
        expect: r.get(first + 1).to_string(),
        negative: r.get(first + 2).to_string(),
    })
}

/// A name and the spellings of its Arabic article that news uses beside
/// the one a table wrote: "al-Qaeda", "al Qaeda", "Al-Qaeda" and "Al Qaeda"
/// name one group, as do "Bashar al-Assad" and "Bashar al Assad". Only the
/// first two articles of a name vary, which keeps a name to 16 spellings.
fn article_variants(s: &str) -> Vec<String> {
    const FORMS: [&str; 4] = ["al-", "al ", "Al-", "Al "];
    // The byte offsets of the articles: "al" or "Al" at a word start,
    // followed by a hyphen or a space and more of the name.
    let b = s.as_bytes();
    let starts: Vec<usize> = (0..b.len().saturating_sub(3))
        .filter(|&i| (i == 0 || b[i - 1] == b' ') && matches!(&b[i..i + 2], b"al" | b"Al") && matches!(b[i + 2], b'-' | b' '))
        .take(2)
        .collect();
    let mut out = vec![String::new()];
    let mut from = 0;
    for &at in &starts {
        out = out.iter().flat_map(|o| FORMS.map(|a| format!("{o}{}{a}", &s[from..at]))).collect();
        from = at + 3;
    }
    out.iter_mut().for_each(|o| o.push_str(&s[from..]));
    // The table's own spelling first.
    out.retain(|v| v != s);
    out.insert(0, s.to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arabic_article_is_matched_in_every_spelling() {
        let v = article_variants("Bashar al-Assad");
        assert_eq!(v[0], "Bashar al-Assad");
        for w in ["Bashar al Assad", "Bashar Al-Assad", "Bashar Al Assad"] {
            assert!(v.iter().any(|x| x == w), "{w}: {v:?}");
        }
        assert_eq!(article_variants("Alabama"), ["Alabama"]);
        assert_eq!(article_variants("Salah"), ["Salah"]);
        let lex = Lexicon::builtin().unwrap();
        let ids: Vec<&str> = ["al Qaida", "Al-Qaeda", "al Qaeda in the Arabian Peninsula"]
            .iter()
            .filter_map(|n| {
                let found = lex.find_names(n);
                let whole = found.iter().find(|(s, e, _)| *s == 0 && *e == n.len())?;
                Some(lex.entity(whole.2.first()?.entity).id.as_str())
            })
            .collect();
        assert_eq!(ids.len(), 3, "{ids:?}");
    }

    #[test]
    fn builtin_tables_load() {
        let lex = Lexicon::builtin().unwrap();
        assert!(lex.by_iso3.len() >= 195);
        let blr = lex.by_iso3["BLR"];
        let found = lex.find_names("The Belarusian leader and RUSSIA met in Minsk; us and US.");
        let names: Vec<(&str, Surface)> = found
            .iter()
            .map(|(_, _, s)| (lex.entity(s[0].entity).name.as_str(), s[0].surface))
            .collect();
        assert!(names.contains(&("Belarus", Surface::Adjective)));
        assert!(names.contains(&("Russia", Surface::Name)));
        assert!(names.contains(&("Minsk", Surface::Name)));
        assert_eq!(names.iter().filter(|(n, _)| *n == "United States").count(), 1);
        assert_eq!(lex.entity(blr).iso3.as_deref(), Some("BLR"));
    }

    #[test]
    fn words_inside_words_do_not_match() {
        let lex = Lexicon::builtin().unwrap();
        let found = lex.find_names("Iranian officials");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2[0].surface, Surface::Adjective);
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    /// The first column of every table, in file order, with the particle
    /// for verbs (a verb may have one row per particle).
    fn keys(name: &str, text: &str) -> Vec<String> {
        rows(name, text, 1)
            .unwrap()
            .iter()
            .map(|r| {
                if name == "verbs.tsv" {
                    format!("{}\t{}", r.get(0), r.get(1))
                } else {
                    r.get(0).to_string()
                }
            })
            .collect()
    }

    #[test]
    fn tables_are_sorted_and_free_of_duplicates() {
        for (name, text) in BUILTIN {
            let k = keys(name, text);
            let mut sorted = k.clone();
            sorted.sort();
            // Verbs sort by their forms; rows of one form keep their own order.
            if *name == "verbs.tsv" {
                let forms: Vec<&str> = k.iter().map(|x| x.split('\t').next().unwrap_or("")).collect();
                assert!(forms.windows(2).all(|w| w[0] <= w[1]), "{name} is not sorted");
            } else {
                assert_eq!(k, sorted, "{name} is not sorted by its first column");
            }
            sorted.dedup();
            assert_eq!(sorted.len(), k.len(), "{name} has duplicate rows");
        }
    }

    #[test]
    fn no_surface_names_two_countries() {
        let mut seen: HashMap<String, String> = HashMap::default();
        for r in rows("countries.tsv", include_str!("../data/countries.tsv"), 6).unwrap() {
            for col in 1..5 {
                for s in r.list(col) {
                    if let Some(prev) = seen.insert(s.to_string(), r.get(0).to_string()) {
                        assert_eq!(prev, r.get(0), "{s:?} names both {prev} and {}", r.get(0));
                    }
                }
            }
        }
    }

    #[test]
    fn every_office_in_the_gazetteer_names_a_known_target() {
        let lex = Lexicon::builtin().unwrap();
        assert!(lex.unresolved.is_empty(), "{}", lex.unresolved.join("\n"));
    }
}
