//! CAMEO verb dictionaries in the PETRARCH format (CAMEO.2.0.txt), turned
//! into rows of the verb lexicon.
//!
//! The format: `&NAME` synonym sets of `+WORD` lines; verb blocks headed
//! `--- VERB [code] ---`, each listing its verbs (`SPEED {SPEEDS SPED
//! SPEEDING}` with irregular forms, `+CALL_OFF` for a verb with a
//! particle, `[code]` for a verb's own default) and then patterns that
//! every verb of the block shares: `- * (TO) [042:043]`, where `*` is the
//! verb, words around it are required, `{...}` is a phrase, `(...)` a
//! prepositional phrase, `&NAME` any word of a set, `$` and `+` the source
//! and the target, `^` and `%` skips and compounds, and `[a:b]` a code for
//! each direction. `#` starts a comment.
//!
//! The verb grammar reads a verb, one following word (its particle:
//! "off", "aid", "troops") and its object slots (a direct object or the
//! object of named prepositions). Patterns of that shape become lexicon
//! rows; the rest (words before the verb, phrases of several words,
//! required words inside a prepositional phrase, sources or targets in
//! other places, codes for the reverse direction only) are counted by
//! reason, so that the caller can say what was left out. CAMEO codes are
//! mapped to categories by `data/cameo_plover.tsv`.

use crate::error::Error;
use crate::lexicon::Slot;
use crate::model::Category;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// CAMEO code prefixes and their categories (see the table's header).
const CAMEO_PLOVER: &str = include_str!("../data/cameo_plover.tsv");

/// The prepositions that introduce the target of a pattern that names a
/// required noun and no preposition ("rushed aid to Y").
const TARGET_PREPOSITIONS: &str = include_str!("../data/cameo_target_preps.tsv");

/// One lexicon row a verb dictionary gives.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedVerb {
    pub lemma: String,
    /// Lowercase forms: the lemma, the 3rd person, then the past and
    /// participle forms and the gerund. Shared by the rows of one verb.
    pub forms: std::sync::Arc<[String]>,
    pub particle: Option<String>,
    /// Shared by the rows of one pattern.
    pub slots: Arc<[Slot]>,
    pub predicate: String,
    pub category: Category,
    /// A two-way code whose directions share a category (`[042:043]`,
    /// visit and host): the relation is symmetric.
    pub symmetric: bool,
    /// The CAMEO code the row comes from.
    pub code: String,
    pub line: usize,
}

/// What a verb dictionary held and how much of it became rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VerbStats {
    pub blocks: usize,
    pub verbs: usize,
    pub forms: usize,
    pub synsets: usize,
    pub patterns: usize,
    /// Patterns that gave at least one row.
    pub expressed: usize,
    /// Patterns the grammar cannot express, by reason.
    pub unexpressible: BTreeMap<&'static str, usize>,
    /// Patterns whose code has no ontology category (CAMEO 01, public
    /// statements), skipped.
    pub uncategorised: usize,
    /// Verbs whose own or block code has no ontology category, skipped.
    pub uncategorised_verbs: usize,
    /// Patterns whose rows all repeat earlier rows of their verbs.
    pub repeated: usize,
    /// Two-way codes whose second direction has another category: the
    /// first direction is kept, the second dropped.
    pub second_direction_dropped: usize,
    /// Verbs of three or more words (`+GET_HOLD_OF`), which the grammar
    /// cannot read: it takes one particle.
    pub long_verbs: usize,
    /// Rows that repeat an earlier row of the same verb, particle and slots.
    pub duplicates: usize,
}

impl VerbStats {
    pub fn unexpressed(&self) -> usize {
        self.unexpressible.values().sum()
    }

    /// The reasons, largest first: "1203 with words before the verb, ...".
    pub fn reasons(&self) -> String {
        let mut r: Vec<(&&str, &usize)> = self.unexpressible.iter().collect();
        r.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        r.iter().map(|(k, n)| format!("{n} {k}")).collect::<Vec<_>>().join(", ")
    }
}

#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    pub verbs: Vec<ImportedVerb>,
    pub stats: VerbStats,
}

/// Whether a line is a verb block header, `--- VERB [code] ---`.
pub(crate) fn is_block_header(l: &str) -> bool {
    let t = l.trim();
    t.len() > 6 && t.starts_with("---") && t.ends_with("---") && t.contains('[') && t.contains(']')
}

/// The category of a CAMEO code: the row of its longest listed prefix.
pub fn category_of(code: &str) -> Option<Category> {
    static TABLE: std::sync::OnceLock<HashMap<&'static str, Category>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        CAMEO_PLOVER
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (code, cat) = l.split_once('\t')?;
                Some((code.trim(), Category::parse(cat.trim())?))
            })
            .collect()
    });
    (2..=code.len())
        .rev()
        .find_map(|n| code.get(..n).and_then(|p| table.get(p)).copied())
}

fn target_prepositions() -> Vec<Slot> {
    TARGET_PREPOSITIONS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|p| Slot::Prep(p.trim().to_string()))
        .collect()
}

/// A code tag's contents: `042`, `042:043`, `:173` or `---`.
#[derive(Debug, Clone, PartialEq)]
enum Code {
    None,
    One(String),
    Two(String, String),
}

/// Reads the `[...]` of a line. `Ok(None)` when the line has no tag;
/// `Err` with a message when the tag is not a code.
fn code_of(text: &str) -> Result<Option<Code>, String> {
    let Some(i) = text.find('[') else { return Ok(None) };
    let inner = &text[i + 1..];
    let Some(j) = inner.find(']') else {
        return Err(format!("unclosed code tag {:?}", &text[i..]));
    };
    let inner = inner[..j].trim();
    if inner.chars().all(|c| c == '-') {
        return Ok(Some(Code::None));
    }
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit()) && s.len() <= 4;
    let bad = || format!("unreadable code [{inner}] (expected [CODE], [CODE:CODE], [:CODE] or [---])");
    match inner.split_once(':') {
        Some((a, b)) if digits(a) && digits(b) && !b.is_empty() => Ok(Some(Code::Two(a.to_string(), b.to_string()))),
        Some(_) => Err(bad()),
        None if digits(inner) && inner.len() >= 2 => Ok(Some(Code::One(inner.to_string()))),
        None => Err(bad()),
    }
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq)]
enum El {
    Verb,
    Source,
    Target,
    /// `^` (skip to the end of a phrase) or `%` (a compound actor).
    Skip,
    Word(String),
    Synset(String),
    Phrase(Vec<El>),
    Prep(String, Vec<El>),
}

/// Splits a pattern body (between `-` and its code) into elements.
fn elements(body: &str) -> Result<Vec<El>, String> {
    fn seq(chars: &[char], i: &mut usize, close: Option<char>) -> Result<Vec<El>, String> {
        let mut out = Vec::new();
        while *i < chars.len() {
            let c = chars[*i];
            if c.is_whitespace() {
                *i += 1;
                continue;
            }
            if Some(c) == close {
                *i += 1;
                return Ok(out);
            }
            *i += 1;
            match c {
                '*' => out.push(El::Verb),
                '$' => out.push(El::Source),
                '+' => out.push(El::Target),
                '^' | '%' => out.push(El::Skip),
                '{' => out.push(El::Phrase(seq(chars, i, Some('}'))?)),
                '(' => {
                    let inner = seq(chars, i, Some(')'))?;
                    match inner.split_first() {
                        Some((El::Word(p), rest)) => out.push(El::Prep(p.clone(), rest.to_vec())),
                        _ => return Err("a prepositional phrase must start with its preposition".into()),
                    }
                }
                '}' | ')' => return Err(format!("unbalanced {c:?}")),
                _ => {
                    let start = *i - 1;
                    while *i < chars.len() && !chars[*i].is_whitespace() && !"{}()".contains(chars[*i]) {
                        *i += 1;
                    }
                    let w: String = chars[start..*i].iter().collect();
                    match w.strip_prefix('&') {
                        Some(s) => out.push(El::Synset(s.trim_end_matches('_').to_uppercase())),
                        None => out.push(El::Word(w)),
                    }
                }
            }
        }
        match close {
            Some(c) => Err(format!("missing {c:?}")),
            None => Ok(out),
        }
    }
    let chars: Vec<char> = body.chars().collect();
    seq(&chars, &mut 0, None)
}

/// A dictionary word as a token key: lowercase, the stop mark `_` at the
/// end dropped, `RE_` (how PETRARCH writes "re-") as "re-". `None` for a
/// word of several words.
fn word_key(w: &str) -> Option<String> {
    let w = w.trim_end_matches('_').to_lowercase();
    let w = match w.strip_prefix("re_") {
        Some(rest) => format!("re-{rest}"),
        None => w,
    };
    (!w.is_empty() && !w.contains('_')).then_some(w)
}

/// What follows the verb in a pattern the grammar can express: the
/// required words (any of which may be the particle) and the slots.
struct Shape {
    particles: Vec<Option<String>>,
    slots: Vec<Slot>,
}

/// The shape of a pattern, or the reason it has none.
fn shape(els: &[El], synsets: &HashMap<String, Vec<String>>) -> Result<Shape, &'static str> {
    let Some(star) = els.iter().position(|e| *e == El::Verb) else {
        return Err("without a verb position `*`");
    };
    if els.iter().filter(|e| **e == El::Verb).count() > 1 {
        return Err("with several verb positions");
    }
    for e in &els[..star] {
        match e {
            El::Source => {}
            El::Target => return Err("with the target before the verb"),
            _ => return Err("with words before the verb"),
        }
    }
    let after = &els[star + 1..];
    let mut rest = after;
    let mut particles = vec![None];
    let mut slots = vec![Slot::Dobj];
    // An explicit target right after the verb is the direct object; the
    // grammar reads a particle only right after the verb, not after it.
    if let [El::Target, tail @ ..] = rest {
        if !tail.is_empty() {
            return Err("with required words after the target");
        }
        rest = tail;
    }
    match rest.first() {
        Some(El::Word(w)) if !matches!(rest.get(1), Some(El::Target)) => {
            let k = word_key(w).ok_or("with a required phrase of several words")?;
            particles = vec![Some(k)];
            rest = &rest[1..];
            slots = target_prepositions();
        }
        Some(El::Synset(name)) => {
            let members = synsets.get(name).ok_or("naming an unknown synonym set")?;
            particles = members.iter().map(|m| Some(m.clone())).collect();
            if particles.is_empty() {
                return Err("with a synonym set of phrases of several words");
            }
            rest = &rest[1..];
            slots = target_prepositions();
        }
        _ => {}
    }
    match rest {
        [] => {}
        // "TOWARD +": a preposition written without brackets.
        [El::Word(p), El::Target] => slots = vec![Slot::Prep(word_key(p).ok_or("with a required phrase of several words")?)],
        [El::Prep(p, inner)] if inner.is_empty() || inner == &[El::Target] => {
            slots = vec![Slot::Prep(word_key(p).ok_or("with a preposition of several words")?)];
        }
        [El::Prep(_, inner)] if inner.contains(&El::Source) => return Err("with the source after the verb"),
        [El::Prep(..)] => return Err("with required words inside a prepositional phrase"),
        [El::Prep(..), El::Prep(..), ..] => return Err("with several prepositional phrases"),
        _ if rest.iter().any(|e| matches!(e, El::Phrase(_))) || after.iter().any(|e| matches!(e, El::Phrase(_))) => {
            return Err("with a required phrase of several words")
        }
        _ if rest.contains(&El::Source) || after.contains(&El::Source) => return Err("with the source after the verb"),
        _ if rest.contains(&El::Skip) => return Err("with a skip or compound marker"),
        _ => return Err("with several required words"),
    }
    if let Some(El::Phrase(_)) = after.first() {
        return Err("with a required phrase of several words");
    }
    Ok(Shape { particles, slots })
}

/// The regular forms of a verb: 3rd person, past, gerund.
fn regular_forms(v: &str) -> [String; 3] {
    let stem = &v[..v.char_indices().last().map_or(0, |(i, _)| i)];
    let before_last = v.len().checked_sub(2).and_then(|i| v.as_bytes().get(i)).copied();
    let vowel = |b: Option<u8>| matches!(b, Some(b'a' | b'e' | b'i' | b'o' | b'u'));
    if v.ends_with("ee") {
        [format!("{v}s"), format!("{v}d"), format!("{v}ing")]
    } else if v.ends_with('e') {
        [format!("{v}s"), format!("{v}d"), format!("{stem}ing")]
    } else if v.ends_with('y') && !vowel(before_last) {
        [format!("{stem}ies"), format!("{stem}ied"), format!("{v}ing")]
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|s| v.ends_with(s)) {
        [format!("{v}es"), format!("{v}ed"), format!("{v}ing")]
    } else {
        [format!("{v}s"), format!("{v}ed"), format!("{v}ing")]
    }
}

/// A verb of a block.
struct Verb {
    lemma: String,
    forms: std::sync::Arc<[String]>,
    /// The past form, for predicates ("rushed").
    past: String,
    /// The particle a multi-word verb brings (`+CALL_OFF`).
    particle: Option<String>,
    code: Code,
    line: usize,
}

/// Reads a verb line: `SPEED {SPEEDS SPED SPEEDING} [code]` or
/// `+CALL_OFF {+CALLS_OFF} [code]`. `Err` names what is wrong; `Ok(None)`
/// is a verb of three or more words, which the grammar cannot express.
fn verb_line(l: &str, block_code: &Code, line: usize) -> Result<Option<Verb>, String> {
    let head_end = l.find(['{', '[']).unwrap_or(l.len());
    let head = l[..head_end].trim();
    let multi = head.starts_with('+');
    let words: Vec<&str> = head.trim_start_matches('+').split(['_', ' ']).filter(|w| !w.is_empty()).collect();
    let Some(first) = words.first() else {
        return Err(format!("verb line without a verb: {l:?}"));
    };
    let (lemma, particle) = if multi || (words.len() > 1 && !first.eq_ignore_ascii_case("re")) {
        if words.len() > 2 {
            return Ok(None);
        }
        (first.to_lowercase(), words.get(1).map(|w| w.to_lowercase()))
    } else {
        (
            word_key(head.trim_start_matches('+')).ok_or_else(|| format!("cannot read verb {head:?}"))?,
            None,
        )
    };
    let listed = l.find('{').map(|i| {
        let inner = &l[i + 1..];
        inner[..inner.find('}').unwrap_or(inner.len())]
            .split_whitespace()
            .filter_map(|f| {
                let f = f.trim_start_matches('+');
                match f.split_once('_') {
                    Some((v, _)) if !f.to_lowercase().starts_with("re_") => Some(v.to_lowercase()),
                    _ => word_key(f),
                }
            })
            .collect::<Vec<_>>()
    });
    let regular = regular_forms(&lemma);
    let (listed, past) = match listed {
        Some(listed) => {
            let past = listed
                .iter()
                .find(|f| f.ends_with("ed"))
                .or_else(|| listed.iter().find(|f| !f.ends_with("ing") && **f != regular[0]))
                .cloned()
                .unwrap_or_else(|| lemma.clone());
            (listed, past)
        }
        None => (regular.to_vec(), regular[1].clone()),
    };
    // The 3rd person comes second, so that the grammar's participle test
    // (third form on) sees only past forms and gerunds after it.
    // `{}` lists no forms: the verb is only what is written.
    let third = listed.iter().find(|f| **f == regular[0]).cloned();
    let mut forms = vec![lemma.clone()];
    if !listed.is_empty() {
        forms.push(third.unwrap_or_else(|| regular[0].clone()));
    }
    forms.extend(listed.iter().filter(|f| **f != regular[0]).cloned());
    let mut seen = HashSet::new();
    forms.retain(|f| seen.insert(f.clone()));
    let code = code_of(&l[head_end..])?.unwrap_or_else(|| block_code.clone());
    Ok(Some(Verb {
        lemma,
        forms: forms.into(),
        past,
        particle,
        code,
        line,
    }))
}

/// The block being read: its default code, verbs and patterns.
struct Block {
    code: Code,
    verbs: Vec<Verb>,
    patterns: Vec<(Vec<El>, Code, usize)>,
}

/// Parses a verb dictionary into lexicon rows, with an error for each line
/// that breaks the file's structure (a line outside any block, a bad set
/// member or header, a pattern with no code) and a warning for each
/// pattern or verb that cannot be read, which is skipped: the public file
/// has codes such as `[s]` and `[080!]` and patterns with stray brackets,
/// and the rest of it is still worth reading.
pub fn parse(file: &str, text: &str) -> (VerbDictionary, Vec<Error>, Vec<Error>) {
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    let mut synsets: HashMap<String, Vec<String>> = HashMap::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut stats = VerbStats::default();
    let mut synset: Option<String> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let l = raw.split('#').next().unwrap_or("").trim_end_matches('\r').trim();
        if l.is_empty() {
            continue;
        }
        if let Some(name) = l.strip_prefix('&') {
            let name = name.trim().trim_end_matches('_').to_uppercase();
            if name.is_empty() || name.contains(char::is_whitespace) {
                errors.push(Error::data(file, line, format!("cannot read synonym set name {l:?}")));
                continue;
            }
            stats.synsets += 1;
            synsets.entry(name.clone()).or_default();
            synset = Some(name);
            continue;
        }
        if is_block_header(l) {
            synset = None;
            let inner = l.trim_matches('-');
            match code_of(inner) {
                Ok(code) => {
                    if inner[..inner.find('[').unwrap_or(inner.len())].trim().is_empty() {
                        errors.push(Error::data(file, line, "verb block header without a verb"));
                    }
                    stats.blocks += 1;
                    blocks.push(Block {
                        code: code.unwrap_or(Code::None),
                        verbs: vec![],
                        patterns: vec![],
                    });
                }
                Err(m) => errors.push(Error::data(file, line, m)),
            }
            continue;
        }
        if let Some(name) = &synset {
            match l.strip_prefix('+') {
                Some(m) => {
                    // A set member of one word matches that word and, unless
                    // it ends in the stop mark `_`, its regular plural, as
                    // PETRARCH reads nouns.
                    let stop = m.trim().ends_with('_');
                    if let Some(k) = word_key(m.trim()) {
                        let set = synsets.entry(name.clone()).or_default();
                        let plural = super::agents::plural_of(&k);
                        set.push(k);
                        if !stop {
                            set.push(plural);
                        }
                    }
                }
                None => errors.push(Error::data(
                    file,
                    line,
                    format!("expected a `+WORD` member of &{name}, found {l:?}"),
                )),
            }
            continue;
        }
        let Some(block) = blocks.last_mut() else {
            errors.push(Error::data(
                file,
                line,
                format!("line before any `--- VERB [code] ---` block: {l:?}"),
            ));
            continue;
        };
        if let Some(body) = l.strip_prefix('-') {
            stats.patterns += 1;
            let body_end = body.find('[').unwrap_or(body.len());
            let code = match code_of(&body[body_end..]) {
                Ok(Some(c)) => c,
                Ok(None) => {
                    errors.push(Error::data(file, line, "pattern without a code (add `[CODE]` or `[---]`)"));
                    continue;
                }
                Err(m) => {
                    warnings.push(Error::data(file, line, format!("{m}; pattern skipped")));
                    *stats.unexpressible.entry("that cannot be read").or_default() += 1;
                    continue;
                }
            };
            match elements(&body[..body_end]) {
                Ok(els) => block.patterns.push((els, code, line)),
                Err(m) => {
                    warnings.push(Error::data(file, line, format!("cannot read pattern: {m}; pattern skipped")));
                    *stats.unexpressible.entry("that cannot be read").or_default() += 1;
                }
            }
            continue;
        }
        stats.verbs += 1;
        match verb_line(l, &block.code, line) {
            Ok(Some(v)) => {
                stats.forms += v.forms.len();
                block.verbs.push(v);
            }
            Ok(None) => stats.long_verbs += 1,
            Err(m) => {
                if m.starts_with("unreadable code") {
                    warnings.push(Error::data(file, line, format!("{m}; verb skipped")));
                } else {
                    errors.push(Error::data(file, line, m));
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut seen: HashSet<(String, Option<String>, Arc<[Slot]>)> = HashSet::new();
    let mut push = |row: ImportedVerb, stats: &mut VerbStats| {
        let key = (row.lemma.clone(), row.particle.clone(), row.slots.clone());
        if seen.insert(key) {
            out.push(row);
            true
        } else {
            stats.duplicates += 1;
            false
        }
    };
    let dobj: Arc<[Slot]> = Arc::new([Slot::Dobj]);
    for block in &blocks {
        // A verb's own default: "V X" codes as the verb's code.
        for v in &block.verbs {
            let Some((cat, sym, code)) = categorise(&v.code, &mut stats.uncategorised_verbs, &mut stats.second_direction_dropped) else {
                continue;
            };
            let row = row(v, v.particle.clone(), dobj.clone(), cat, sym, code, v.line);
            push(row, &mut stats);
        }
        for (els, code, line) in &block.patterns {
            if *code == Code::None {
                *stats
                    .unexpressible
                    .entry("with the null code [---], which only stops coding")
                    .or_default() += 1;
                continue;
            }
            if matches!(code, Code::Two(a, _) if a.is_empty()) {
                *stats.unexpressible.entry("coding only the reverse direction [:CODE]").or_default() += 1;
                continue;
            }
            let shape = match shape(els, &synsets) {
                Ok(s) => s,
                Err(reason) => {
                    *stats.unexpressible.entry(reason).or_default() += 1;
                    continue;
                }
            };
            let Some((cat, sym, code)) = categorise(code, &mut stats.uncategorised, &mut stats.second_direction_dropped) else {
                continue;
            };
            let bare = matches!(shape.particles.as_slice(), [None]) && shape.slots == [Slot::Dobj];
            let slots: Arc<[Slot]> = shape.slots.into();
            let mut any = false;
            for v in &block.verbs {
                // A multi-word verb already has its particle: only a
                // pattern that adds nothing after the verb applies to it.
                if v.particle.is_some() && !bare {
                    continue;
                }
                for p in &shape.particles {
                    let particle = v.particle.clone().or_else(|| p.clone());
                    let r = row(v, particle, slots.clone(), cat, sym, code.clone(), *line);
                    any |= push(r, &mut stats);
                }
            }
            if any {
                stats.expressed += 1;
            } else {
                stats.repeated += 1;
            }
        }
    }
    (VerbDictionary { verbs: out, stats }, errors, warnings)
}

/// The category of a verb's or pattern's code: `None` for the null code
/// and for codes without a category (counted). A two-way code is
/// symmetric when both directions share a category; otherwise its second
/// direction is dropped (counted).
fn categorise(code: &Code, uncategorised: &mut usize, dropped: &mut usize) -> Option<(Category, bool, String)> {
    match code {
        Code::None => None,
        Code::One(c) => match category_of(c) {
            Some(cat) => Some((cat, false, c.clone())),
            None => {
                *uncategorised += 1;
                None
            }
        },
        Code::Two(a, b) => {
            let Some(cat) = category_of(a) else {
                *uncategorised += 1;
                return None;
            };
            let sym = category_of(b) == Some(cat);
            if !sym {
                *dropped += 1;
            }
            Some((cat, sym, format!("{a}:{b}")))
        }
    }
}

/// A lexicon row: the predicate is the past form with the particle and the
/// first preposition ("rushed-aid-to", "called-off").
fn row(
    v: &Verb,
    particle: Option<String>,
    slots: Arc<[Slot]>,
    category: Category,
    symmetric: bool,
    code: String,
    line: usize,
) -> ImportedVerb {
    let mut predicate = v.past.clone();
    if let Some(p) = &particle {
        predicate.push('-');
        predicate.push_str(p);
    }
    if let [Slot::Prep(p)] = &*slots {
        predicate.push('-');
        predicate.push_str(p);
    }
    ImportedVerb {
        lemma: v.lemma.clone(),
        forms: v.forms.clone(),
        particle,
        slots,
        predicate,
        category,
        symmetric,
        code,
        line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNIPPET: &str = "# a small verb dictionary written for these tests\n\
&BOAT\n\
+FERRY\n\
+BARGE_\n\
+TUG_BOAT\n\
\n\
---  PARLEY   [040]  ---\n\
PARLEY  # the default is consult\n\
CONFAB {CONFABS CONFABBED CONFABBING}\n\
- * (WITH)                          [040:040]  # PARLEY\n\
- * (IN ^) (WITH)                   [046]\n\
- PROSECUTOR *                      [173]\n\
\n\
---  HURL   [---]  ---\n\
HURL\n\
+LOB_AT {+LOBS_AT +LOBBED_AT} [193]\n\
- * &BOAT                           [072]\n\
- * ABUSE                           [111]\n\
- * INSULTS (AT +)                  [111]\n\
- * {ROTTEN EGGS}                   [145]\n\
- * (AT {RIOT POLICE})              [145]\n\
- * (BEFORE COURT)                  [:173]\n\
- * STONES                          [---]\n\
- * COMPLAINT                       [010]\n\
- * TOWARD +                        [190]\n\
- * + STONES                        [190]\n";

    fn rows(text: &str) -> (VerbDictionary, Vec<Error>, Vec<Error>) {
        parse("v.txt", text)
    }

    fn find<'a>(d: &'a VerbDictionary, lemma: &str, particle: Option<&str>) -> Vec<&'a ImportedVerb> {
        d.verbs
            .iter()
            .filter(|v| v.lemma == lemma && v.particle.as_deref() == particle)
            .collect()
    }

    #[test]
    fn blocks_verbs_patterns_and_codes() {
        let (d, errs, warns) = rows(SNIPPET);
        assert!(errs.is_empty(), "{errs:?}");
        assert!(warns.is_empty(), "{warns:?}");
        let s = &d.stats;
        assert_eq!((s.blocks, s.verbs, s.synsets, s.patterns), (2, 4, 1, 13));
        // PARLEY and CONFAB code as CONSULT by default, and with "with".
        let parley = find(&d, "parley", None);
        assert_eq!(*parley[0].forms, ["parley", "parleys", "parleyed", "parleying"]);
        assert_eq!(
            (parley[0].category, parley[0].slots.to_vec(), parley[0].predicate.as_str()),
            (Category::Consult, vec![Slot::Dobj], "parleyed")
        );
        assert_eq!(*parley[1].slots, [Slot::Prep("with".into())]);
        assert!(parley[1].symmetric);
        assert_eq!(parley[1].predicate, "parleyed-with");
        let confab = find(&d, "confab", None);
        assert_eq!(*confab[0].forms, ["confab", "confabs", "confabbed", "confabbing"]);
        assert_eq!(confab[0].predicate, "confabbed");
        // The synonym set gives one row per member word and its plural;
        // the stop mark keeps "barge" singular; "tug boat" is two words.
        let boats: Vec<&str> = d
            .verbs
            .iter()
            .filter(|v| v.lemma == "hurl" && v.code == "072")
            .filter_map(|v| v.particle.as_deref())
            .collect();
        assert_eq!(boats, ["ferry", "ferries", "barge"]);
        let abuse = find(&d, "hurl", Some("abuse"));
        assert_eq!((abuse[0].category, abuse[0].predicate.as_str()), (Category::Accuse, "hurled-abuse"));
        assert!(abuse[0].slots.contains(&Slot::Prep("at".into())));
        let insults = find(&d, "hurl", Some("insults"));
        assert_eq!(*insults[0].slots, [Slot::Prep("at".into())]);
        assert_eq!(insults[0].predicate, "hurled-insults-at");
        let toward = find(&d, "hurl", None);
        assert_eq!(
            (toward[0].category, toward[0].slots.to_vec()),
            (Category::Assault, vec![Slot::Prep("toward".into())])
        );
        // The multi-word verb: its own code, its particle, its forms.
        let lob = find(&d, "lob", Some("at"));
        assert_eq!(*lob[0].forms, ["lob", "lobs", "lobbed"]);
        assert_eq!((lob[0].category, lob[0].predicate.as_str()), (Category::Assault, "lobbed-at"));
        // What the grammar cannot say is counted by reason.
        let u = &s.unexpressible;
        assert_eq!(u.get("with several prepositional phrases"), Some(&1));
        assert_eq!(u.get("with words before the verb"), Some(&1));
        assert_eq!(u.get("with a required phrase of several words"), Some(&1));
        assert_eq!(u.get("with required words inside a prepositional phrase"), Some(&1));
        assert_eq!(u.get("coding only the reverse direction [:CODE]"), Some(&1));
        assert_eq!(u.get("with the null code [---], which only stops coding"), Some(&1));
        assert_eq!(u.get("with required words after the target"), Some(&1));
        assert_eq!(s.unexpressed(), 7);
        // [010] is a public statement: no category.
        assert_eq!(s.uncategorised, 1);
        assert_eq!(s.expressed, 5);
    }

    #[test]
    fn verb_dictionary_errors_and_warnings_carry_lines() {
        let (d, errs, warns) = rows("HURL\n---  HURL  [190]  ---\n- * (AT [193]\n- * STONE [s]\n- * ROCK\n&\n");
        let e: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(e[0].starts_with("v.txt:1: line before any"), "{e:?}");
        assert!(e[1].starts_with("v.txt:5: pattern without a code"), "{e:?}");
        assert!(e[2].starts_with("v.txt:6: cannot read synonym set name"), "{e:?}");
        let w: Vec<String> = warns.iter().map(|e| e.to_string()).collect();
        assert!(w[0].starts_with("v.txt:3: cannot read pattern: missing ')'"), "{w:?}");
        assert!(w[1].starts_with("v.txt:4: unreadable code [s]"), "{w:?}");
        assert_eq!(d.stats.unexpressible.get("that cannot be read"), Some(&2));
    }

    #[test]
    fn codes_map_to_categories_by_prefix() {
        assert_eq!(category_of("042"), Some(Category::Consult));
        assert_eq!(category_of("0874"), Some(Category::Retreat));
        assert_eq!(category_of("0831"), Some(Category::Concede));
        assert_eq!(category_of("0213"), Some(Category::Request));
        assert_eq!(category_of("163"), Some(Category::Coerce));
        assert_eq!(category_of("1712"), Some(Category::Assault));
        assert_eq!(category_of("010"), None);
        // Every row of the table names a category.
        for l in CAMEO_PLOVER.lines().filter(|l| !l.starts_with('#')) {
            let (code, cat) = l.split_once('\t').expect("two columns");
            assert!(Category::parse(cat).is_some() && code.chars().all(|c| c.is_ascii_digit()), "{l}");
        }
        assert_eq!(regular_forms("agree"), ["agrees", "agreed", "agreeing"]);
        assert_eq!(regular_forms("rally"), ["rallies", "rallied", "rallying"]);
        assert_eq!(regular_forms("push"), ["pushes", "pushed", "pushing"]);
    }
}
