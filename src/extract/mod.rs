//! Extraction: from a document to triples, mentions and warnings.
//!
//! The stages, each in its own module with a plain data type between them:
//!
//! 1. `text`: tokens and story sentences (byte spans into the text);
//! 2. [`mentions`]: gazetteer names, unknown names, surnames -> [`Mention`]s
//!    of document entities ([`Registry`]);
//! 3. [`phrases`]: noun phrases over the mentions (titles, owners, agents,
//!    pronouns and descriptions resolved by [`coref`]) -> [`phrases::Np`];
//! 4. [`grammar`]: verbs with their subjects and objects, voice, modality
//!    and attribution, plus noun-phrase events -> triples;
//! 5. [`dates`]: the date each sentence gives.
//!
//! Extraction never fails on text: whatever the input, it returns triples
//! (possibly none) and warnings.

pub mod clauses;
pub mod coref;
pub mod dates;
pub mod details;
mod examples;
pub mod grammar;
pub mod links;
pub mod mentions;
pub mod phrases;
pub mod scope;
#[cfg(test)]
mod tests;
pub mod tree;

use crate::input::Document;
use crate::lexicon::{Gender, Lexicon, RoleEntry, WordClass};
use crate::model::{entity_id, Category, EntityRef, EntityType, Evidence, MentionOut, Modality, Triple};
use crate::text::{split_sentences, tokenize, Sentence, Token};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// Sentences longer than this many tokens get entities and mentions but no
/// relation grammar: it keeps the work linear on text without punctuation.
pub const MAX_GRAMMAR_TOKENS: usize = 160;

/// A document-level entity id (index into [`Registry::ents`]).
pub type EntId = usize;

#[derive(Debug, Clone)]
pub struct DocEntity {
    pub id: String,
    pub name: String,
    pub kind: EntityType,
    /// The gazetteer entry, when the entity is known.
    pub gaz: Option<usize>,
    pub gender: Option<Gender>,
}

/// The entities of one document.
#[derive(Debug, Default)]
pub struct Registry {
    pub ents: Vec<DocEntity>,
    by_id: HashMap<String, EntId>,
}

impl Registry {
    pub fn gaz(&mut self, lex: &Lexicon, i: usize) -> EntId {
        let g = lex.entity(i);
        if let Some(&e) = self.by_id.get(&g.id) {
            return e;
        }
        self.insert(DocEntity {
            id: g.id.clone(),
            name: g.name.clone(),
            kind: g.kind,
            gaz: Some(i),
            gender: g.gender,
        })
    }

    pub fn new_entity(&mut self, name: &str, kind: EntityType, gender: Option<Gender>) -> EntId {
        let id = entity_id(kind, name, None);
        if let Some(&e) = self.by_id.get(&id) {
            if self.ents[e].gender.is_none() {
                self.ents[e].gender = gender;
            }
            return e;
        }
        self.insert(DocEntity {
            id,
            name: name.to_string(),
            kind,
            gaz: None,
            gender,
        })
    }

    fn insert(&mut self, e: DocEntity) -> EntId {
        let i = self.ents.len();
        self.by_id.insert(e.id.clone(), i);
        self.ents.push(e);
        i
    }

    pub fn eref(&self, e: EntId) -> EntityRef {
        let d = &self.ents[e];
        EntityRef {
            id: d.id.clone(),
            name: d.name.clone(),
            kind: d.kind,
        }
    }

    pub fn kind(&self, e: EntId) -> EntityType {
        self.ents[e].kind
    }
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Name,
    /// A nationality adjective or a name used as a modifier ("Belarusian").
    Adjective,
    /// Nationals as a group ("Belarusians").
    People,
}

#[derive(Debug, Clone)]
pub struct Mention {
    pub tok: Range<usize>,
    pub ent: EntId,
    pub kind: MentionKind,
}

/// A relation established by a noun phrase or apposition, known before the
/// relation grammar runs so that descriptions can be resolved with it.
#[derive(Debug, Clone)]
pub struct Fact {
    pub subj: EntId,
    pub obj: EntId,
    pub predicate: String,
    pub category: Category,
    pub symmetric: bool,
    pub sentence: usize,
}

/// Everything one document gives.
#[derive(Debug, Default)]
pub struct Extraction {
    pub triples: Vec<Triple>,
    /// For each triple, how it was derived (mentions, resolution steps, rule).
    pub explanations: Vec<Vec<String>>,
    pub mentions: Vec<MentionOut>,
    pub warnings: Vec<String>,
    pub sentences: usize,
}

/// The extractor: a lexicon and the pipeline over it.
pub struct Extractor {
    pub lex: Lexicon,
}

/// The shared state of one document while its stages run.
pub struct DocCx<'a> {
    pub lex: &'a Lexicon,
    pub doc: &'a Document,
    pub text: &'a str,
    pub toks: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub reg: Registry,
    pub mentions: Vec<Mention>,
    /// For each token, the mention that covers it.
    pub mention_at: Vec<Option<u32>>,
    pub facts: Vec<Fact>,
    pub out: Extraction,
    pub coref: coref::Coref,
    /// Subjects of recent active events by category, for agentless passives.
    pub recent_agents: Vec<(Category, String, Vec<EntId>, usize)>,
    /// The sentence the phrase and grammar stages are working on.
    pub coref_sentence: usize,
    /// Subjects of recent clauses, with their sentence: "it" as a subject
    /// refers back to a subject, not to any thing named before.
    pub recent_subjects: Vec<(EntId, usize)>,
    /// The longest role and agent noun starting at each token, unbounded
    /// by any phrase end: phrase parsing asks for them many times over.
    role_here: Vec<Option<(&'a RoleEntry, usize)>>,
    agent_here: Vec<Option<usize>>,
    /// The grammar class of each token's key, looked up once.
    class_here: Vec<Option<WordClass>>,
    /// For each triple of `out`, the token that states it, when its scope
    /// is left to the parse (see [`NewTriple::trigger`]).
    pub triggers: Vec<Option<usize>>,
}

impl Extractor {
    pub fn new(lex: Lexicon) -> Extractor {
        Extractor { lex }
    }

    pub fn builtin() -> crate::error::Result<Extractor> {
        Ok(Extractor::new(Lexicon::builtin()?))
    }

    /// Runs the whole pipeline on one document.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let mut cx = DocCx::new(&self.lex, doc);
        mentions::find(&mut cx);
        cx.mention_output();
        // Pass 1 learns the roles the article states ("US special envoy
        // Keith Kellogg") so that pass 2 can resolve descriptions that come
        // before them ("Trump's envoy met ...").
        for s in 0..cx.sentences.len() {
            phrases::learn_facts(&mut cx, s);
        }
        for s in 0..cx.sentences.len() {
            grammar::sentence(&mut cx, s);
        }
        // The parse adds what the token grammar did not read: state links
        // everywhere, events only where the grammar found none.
        // The sentences with events, and those with events whose scope is
        // left to the parse.
        let mut with_events: rustc_hash::FxHashSet<usize> = Default::default();
        let mut scoped: rustc_hash::FxHashSet<usize> = Default::default();
        for (t, trigger) in cx.out.triples.iter().zip(&cx.triggers).filter(|(t, _)| t.category.is_event()) {
            with_events.insert(t.evidence.sentence);
            if trigger.is_some() {
                scoped.insert(t.evidence.sentence);
            }
        }
        let lex = cx.lex;
        for s in 0..cx.sentences.len() {
            let eventless = !with_events.contains(&s);
            let scoped = scoped.contains(&s);
            let wanted = |k: &str| links::wants(k) || lex.verb_forms.contains_key(k);
            // A heading in title case or capitals is no sentence the parser
            // learnt from; its names are read by their order alone.
            let tree = if cx.sentences[s].heading {
                None
            } else {
                // A sentence with the grammar's events is parsed for their scope.
                tree::build(&cx, s, scoped, wanted)
            };
            if let Some(tree) = tree.as_ref().filter(|_| scoped) {
                scope::sentence(&mut cx, s, tree);
            }
            links::sentence(&mut cx, s, tree.as_ref());
            if let Some(tree) = tree.filter(|_| eventless) {
                clauses::sentence(&mut cx, s, &tree);
            }
        }
        cx.out.sentences = cx.sentences.iter().filter(|s| !s.heading).count();
        dedupe(&mut cx.out);
        cx.out
    }
}

impl<'a> DocCx<'a> {
    pub fn new(lex: &'a Lexicon, doc: &'a Document) -> DocCx<'a> {
        let text = doc.text.as_str();
        let toks = tokenize(text);
        let sentences = split_sentences(text, &toks);
        let n = toks.len();
        let mut cx = DocCx {
            lex,
            doc,
            text,
            toks,
            sentences,
            reg: Registry::default(),
            mentions: Vec::new(),
            mention_at: vec![None; n],
            facts: Vec::new(),
            out: Extraction::default(),
            coref: coref::Coref::default(),
            recent_agents: Vec::new(),
            coref_sentence: 0,
            recent_subjects: Vec::new(),
            role_here: Vec::new(),
            agent_here: Vec::new(),
            class_here: Vec::new(),
            triggers: Vec::new(),
        };
        cx.class_here = cx.toks.iter().map(|t| lex.word_class(&t.key)).collect();
        cx.role_here = (0..n).map(|i| cx.find_role(i, n)).collect();
        cx.agent_here = (0..n).map(|i| cx.find_agent(i, n)).collect();
        cx
    }

    pub fn mention(&self, tok: usize) -> Option<&Mention> {
        self.mention_at.get(tok).copied().flatten().map(|m| &self.mentions[m as usize])
    }

    pub fn key(&self, tok: usize) -> &str {
        self.toks.get(tok).map(|t| t.key.as_str()).unwrap_or("")
    }

    /// The longest role phrase starting at token `i` (and ending before
    /// `end`): its entry and length in tokens.
    /// The grammar class of token `tok` (none past the end).
    pub fn class(&self, tok: usize) -> Option<WordClass> {
        self.class_here.get(tok).copied().flatten()
    }

    /// The longest role noun of roles.tsv that ends at token `t` ("vice
    /// president", not "president"), with its first token.
    pub fn role_ending_at(&self, t: usize) -> Option<(&'a RoleEntry, usize)> {
        (1..=self.lex.max_role_tokens.min(t + 1)).rev().find_map(|n| {
            self.role_at(t + 1 - n, t + 1)
                .filter(|(_, len)| *len == n)
                .map(|(r, _)| (r, t + 1 - n))
        })
    }

    /// The longest role noun starting at `i` and ending by `end`.
    pub fn role_at(&self, i: usize, end: usize) -> Option<(&'a RoleEntry, usize)> {
        match self.role_here.get(i).copied().flatten() {
            Some((r, n)) if i + n <= end => Some((r, n)),
            // A shorter role may still fit before `end`.
            Some(_) => self.find_role(i, end),
            None => None,
        }
    }

    /// The length of the longest agent noun starting at `i` and ending by `end`.
    pub fn agent_at(&self, i: usize, end: usize) -> Option<usize> {
        match self.agent_here.get(i).copied().flatten() {
            Some(n) if i + n <= end => Some(n),
            Some(_) => self.find_agent(i, end),
            None => None,
        }
    }

    fn find_role(&self, i: usize, end: usize) -> Option<(&'a RoleEntry, usize)> {
        let lex = self.lex;
        if i >= self.toks.len() || !lex.phrase_starts.contains(self.toks[i].key.as_str()) {
            return None;
        }
        let mut key = String::new();
        let mut best = None;
        // `n` counts tokens: an abbreviation's period ("Gov.", "Lt. Gen.")
        // is a token of its own, glued to its word, and roles.tsv writes it
        // as part of the form.
        let (mut n, mut words) = (0, 0);
        while words < lex.max_role_words && i + n < end.min(self.toks.len()) {
            let t = &self.toks[i + n];
            if t.kind == crate::text::TokenKind::Punct && t.key != "-" {
                break;
            }
            if words > 0 {
                key.push(' ');
            }
            key.push_str(&t.key);
            n += 1;
            words += 1;
            if let Some(r) = lex.roles.get(&key) {
                best = Some((r, n));
            }
            let glued = self.toks.get(i + n).filter(|p| p.key == "." && p.start == t.end && i + n < end);
            if glued.is_some() {
                key.push('.');
                n += 1;
                if let Some(r) = lex.roles.get(&key) {
                    best = Some((r, n));
                }
            }
        }
        best
    }

    /// The longest agent noun phrase starting at token `i`.
    fn find_agent(&self, i: usize, end: usize) -> Option<usize> {
        if i >= self.toks.len() || !self.lex.phrase_starts.contains(self.toks[i].key.as_str()) {
            return None;
        }
        let mut key = String::new();
        let mut best = None;
        for n in 1..=self.lex.max_agent_words.min(end.saturating_sub(i)) {
            if n > 1 {
                key.push(' ');
            }
            key.push_str(&self.toks[i + n - 1].key);
            if self.lex.agents.contains_key(&key) {
                best = Some(n);
            }
        }
        best
    }

    /// The sentence a token belongs to.
    pub fn sentence_of(&self, tok: usize) -> Option<usize> {
        // Story sentences, then headings, each part in text order.
        let story = self.sentences.partition_point(|s| !s.heading);
        let (a, b) = self.sentences.split_at(story);
        let find = |part: &[Sentence], offset: usize| {
            let i = part.partition_point(|s| s.tokens.end <= tok);
            (i < part.len() && part[i].tokens.contains(&tok)).then_some(i + offset)
        };
        find(a, 0).or_else(|| find(b, story))
    }

    fn mention_output(&mut self) {
        for m in &self.mentions {
            let (s, e) = (self.toks[m.tok.start].start, self.toks[m.tok.end - 1].end);
            let d = &self.reg.ents[m.ent];
            self.out.mentions.push(MentionOut {
                doc: self.doc.id.clone(),
                span: [s, e],
                text: self.text[s..e].to_string(),
                name: d.name.clone(),
                id: d.id.clone(),
                kind: d.kind,
                sentence: self.sentence_of(m.tok.start).unwrap_or(0),
            });
        }
    }

    /// Adds a triple. Refuses self-relations and non-actor arguments.
    #[allow(clippy::too_many_arguments)]
    pub fn emit(&mut self, mut t: NewTriple) {
        // A capital acting stands for its government: "Washington
        // demanded", "Berlin rejected".
        if t.category.is_event() {
            // A city that is acted upon stays a place ("blockaded Paris");
            // one that speaks or is spoken to is its government.
            let verbal = matches!(
                t.category.quad(),
                crate::model::Quad::VerbalCooperation | crate::model::Quad::VerbalConflict
            );
            // Intentions keep the place of the act they announce.
            let verbal = verbal && t.rule != "intent";
            let ends: Vec<&mut EntId> = if verbal { vec![&mut t.subj, &mut t.obj] } else { vec![&mut t.subj] };
            for e in ends {
                if let Some(c) = self.capital_country(*e) {
                    t.notes
                        .push(format!("{} stands for {}", self.reg.ents[*e].name, self.lex.entity(c).name));
                    *e = self.reg.gaz(self.lex, c);
                }
            }
        }
        if t.subj == t.obj {
            return;
        }
        // An office holder visiting, meeting or ordering the country they
        // hold office in is travel or command inside their own state, read
        // from its region, army or people ("Putin visited Russia's Far
        // East", "Netanyahu ordered Israel's army"), not an event between
        // the two. Pledges and accusations aimed at one's own country are
        // events coders record ("the president promised to democratise
        // Serbia"), so they stay.
        if matches!(t.category, Category::Consult | Category::Request) && self.holds_office_of(t.subj, t.obj) {
            return;
        }
        let (sk, ok) = (self.reg.kind(t.subj), self.reg.kind(t.obj));
        if t.category.is_event() && (!sk.is_actor() || sk == EntityType::Location) {
            return;
        }
        if t.category.is_event() && !ok.is_actor() {
            return;
        }
        let s = &self.sentences[t.sentence];
        // A headline's capitals hide which words are names and which are
        // verbs ("Envoy Meets Lukashenko"), and a dateline or byline states
        // no event: a heading gives state relations only.
        if t.category.is_event() && s.heading {
            return;
        }
        let stoks = &self.toks[s.tokens.clone()];
        // A date expression dates the events of its sentence. A title or
        // apposition states a role as the article is written: "Ukrainian
        // President Zelensky recalled the invasion of 2022" does not date his
        // office to 2022, so state triples take the publication date, which
        // is what their terms are built from.
        let sentence_date = if t.category.is_event() {
            dates::find_date(stoks, self.doc.date.as_deref())
        } else {
            None
        };
        let (date, precision) = match sentence_date {
            Some(d) => (Some(d.iso), Some(d.precision.to_string())),
            None => (self.doc.date.clone(), self.doc.date.as_ref().map(|d| precision_of(d).to_string())),
        };
        let mut notes = t.notes;
        notes.push(format!("rule {} fired in sentence {}", t.rule, t.sentence));
        let (mut place, mut dead, mut injured, mut mode) = (None, None, None, None);
        let (mut valid_from, mut valid_until) = (None, None);
        if t.category.is_event() {
            place = details::place(self, t.sentence, [t.subj, t.obj]).map(|p| self.reg.eref(p));
            if t.category == Category::Assault {
                (dead, injured) = details::casualties(self, t.sentence);
            }
            mode = self.lex.details.modes.get(&t.predicate).cloned();
        } else if let (Some(h), Some(o)) = (self.reg.ents[t.subj].gaz, self.reg.ents[t.obj].gaz) {
            // The gazetteer's dated roles say when a stated role was held.
            // A person may have held the office more than once: the term
            // the statement's date falls in, else the last one begun by then.
            let terms: Vec<_> = self
                .lex
                .entity(h)
                .roles
                .iter()
                .filter(|r| r.predicate == t.predicate && r.target == o)
                .collect();
            let on = date.as_deref();
            let term = terms
                .iter()
                .find(|r| r.holds_on(on))
                .or_else(|| {
                    terms
                        .iter()
                        .filter(|r| on.is_none_or(|d| r.from.as_str() <= d))
                        .max_by(|a, b| a.from.cmp(&b.from))
                })
                .or(terms.first());
            if let Some(r) = term {
                valid_from = Some(r.from.clone()).filter(|d| !d.is_empty());
                valid_until = Some(r.to.clone()).filter(|d| !d.is_empty());
                notes.push(format!("the gazetteer dates the role {}..{}", r.from, r.to));
            }
        }
        let triple = Triple {
            subject: self.reg.eref(t.subj),
            predicate: t.predicate,
            category: t.category,
            object: self.reg.eref(t.obj),
            evidence: Evidence {
                doc: self.doc.id.clone(),
                sentence: t.sentence,
                span: [s.start, s.end],
                text: self.text[s.start..s.end].to_string(),
            },
            date,
            date_precision: precision,
            negated: t.negated,
            modality: t.modality,
            attribution: t.attribution.map(|a| self.reg.eref(a)),
            confidence: t.confidence,
            rule: t.rule.to_string(),
            symmetric: t.symmetric,
            former: t.former,
            valid_from,
            valid_until,
            place,
            dead,
            injured,
            mode,
        };
        self.out.triples.push(triple);
        self.out.explanations.push(notes);
        self.triggers.push(t.trigger);
    }

    /// Whether person `p` holds an office of `c`: a gazetteer role, a
    /// LEADER_OF fact of the document, or a single-holder office
    /// (`single` in roles.tsv) it states. Memberships and opposition roles
    /// do not count: a dissident accusing their own country is an event.
    fn holds_office_of(&self, p: EntId, c: EntId) -> bool {
        if self.reg.kind(p) != EntityType::Person {
            return false;
        }
        let single = crate::lexicon::single_holder_predicates();
        let stated = self
            .facts
            .iter()
            .any(|f| f.subj == p && f.obj == c && (f.category == Category::LeaderOf || single.contains(f.predicate.as_str())));
        stated
            || match (self.reg.ents[p].gaz, self.reg.ents[c].gaz) {
                (Some(h), Some(o)) => self.lex.entity(h).roles.iter().any(|r| r.target == o),
                _ => false,
            }
    }

    /// The country whose capital `e` is, when it is one.
    fn capital_country(&self, e: EntId) -> Option<usize> {
        (self.place_kind(e) == Some("capital"))
            .then(|| self.reg.ents[e].gaz.and_then(|g| self.lex.entity(g).country))
            .flatten()
    }

    /// A gazetteer place's kind (`city`, `region`, `capital`, ...), from the
    /// kind column of places.tsv and countries.tsv.
    pub fn place_kind(&self, e: EntId) -> Option<&'a str> {
        let lex: &'a Lexicon = self.lex;
        lex.entity(self.reg.ents[e].gaz?).org_kind.as_deref()
    }

    /// The gazetteer country entity `e` belongs to: a country is its own,
    /// a city or region its state's.
    pub fn country_of(&self, e: EntId) -> Option<usize> {
        let g = self.reg.ents[e].gaz?;
        if self.reg.kind(e) == EntityType::Country {
            Some(g)
        } else {
            self.lex.entity(g).country
        }
    }

    /// The name mentions of sentence `s`, in text order.
    pub fn names_in(&self, s: usize) -> impl Iterator<Item = &Mention> + '_ {
        let range = self.sentences[s].tokens.clone();
        let first = self.mentions.partition_point(|m| m.tok.start < range.start);
        let last = self.mentions.partition_point(|m| m.tok.start < range.end);
        self.mentions[first..last].iter().filter(|m| m.kind == MentionKind::Name)
    }

    /// Records a fact learned from a noun phrase (deduplicated).
    pub fn add_fact(&mut self, f: Fact) {
        let dup = self
            .facts
            .iter()
            .any(|g| g.subj == f.subj && g.obj == f.obj && g.predicate == f.predicate);
        if !dup {
            self.facts.push(f);
        }
    }
}

/// The arguments of [`DocCx::emit`].
pub struct NewTriple {
    pub subj: EntId,
    pub predicate: String,
    pub category: Category,
    pub obj: EntId,
    pub sentence: usize,
    pub negated: bool,
    pub modality: Modality,
    pub attribution: Option<EntId>,
    pub confidence: f32,
    pub rule: &'static str,
    pub symmetric: bool,
    /// A role the text says has ended.
    pub former: bool,
    pub notes: Vec<String>,
    /// The token of the word that states the event (its verb or noun),
    /// when the stage that read it leaves its scope to the parse
    /// (`scope::sentence`).
    pub trigger: Option<usize>,
}

impl NewTriple {
    pub fn new(subj: EntId, predicate: &str, category: Category, obj: EntId, sentence: usize, rule: &'static str) -> NewTriple {
        NewTriple {
            subj,
            predicate: predicate.to_string(),
            category,
            obj,
            sentence,
            negated: false,
            modality: Modality::Asserted,
            attribution: None,
            confidence: 0.8,
            rule,
            symmetric: false,
            former: false,
            notes: Vec::new(),
            trigger: None,
        }
    }
}

fn precision_of(iso: &str) -> &'static str {
    match iso.len() {
        4 => "year",
        7 => "month",
        _ => "day",
    }
}

/// One triple per (subject, predicate, object, sentence, negation): the
/// same fact stated twice in one sentence (or found by two rules) is
/// printed once, keeping the first (most specific) rule.
fn dedupe(out: &mut Extraction) {
    let mut seen = std::collections::HashSet::new();
    let mut keep = Vec::with_capacity(out.triples.len());
    for (i, t) in out.triples.iter().enumerate() {
        let (a, b) = if t.symmetric && t.object.id < t.subject.id {
            (&t.object.id, &t.subject.id)
        } else {
            (&t.subject.id, &t.object.id)
        };
        if seen.insert((a.clone(), t.predicate.clone(), b.clone(), t.evidence.sentence, t.negated)) {
            keep.push(i);
        }
    }
    if keep.len() == out.triples.len() {
        return;
    }
    let mut triples = Vec::with_capacity(keep.len());
    let mut expl = Vec::with_capacity(keep.len());
    let mut old_t: Vec<Option<Triple>> = std::mem::take(&mut out.triples).into_iter().map(Some).collect();
    let mut old_e: Vec<Option<Vec<String>>> = std::mem::take(&mut out.explanations).into_iter().map(Some).collect();
    for i in keep {
        if let (Some(t), Some(e)) = (old_t[i].take(), old_e[i].take()) {
            triples.push(t);
            expl.push(e);
        }
    }
    out.triples = triples;
    out.explanations = expl;
}
