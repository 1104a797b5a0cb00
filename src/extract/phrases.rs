//! Noun phrases over the mentions: determiners, possessive owners,
//! nationality modifiers, titles and roles, agent nouns, pronouns and
//! descriptions, resolved to document entities.
//!
//! The phrase stage also learns the state relations noun phrases state
//! ("Belarusian President Alexander Lukashenko", "Sergei Tikhanovsky, a
//! Belarusian opposition leader", "Tikhanovsky's wife", "Russian ally
//! Belarus", "the country's capital, Minsk").

use super::{DocCx, EntId, Fact, MentionKind, NewTriple};
use crate::lexicon::{RoleEntry, WordClass};
use crate::model::{Category, EntityType};
use crate::text::{Case, TokenKind};
use std::ops::Range;

/// Whether descriptions and pronouns are resolved (pass 2) or only the
/// facts a phrase states are collected (pass 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Learn,
    Full,
}

/// A noun phrase.
#[derive(Debug, Clone)]
pub struct Np<'a> {
    pub start: usize,
    pub end: usize,
    /// What the phrase refers to (several for "Japanese and Polish citizens"
    /// or "both sides"); empty when it refers to no known actor.
    pub refs: Vec<EntId>,
    /// The phrase is only the owner of what follows ("Russia's war").
    pub owner_only: bool,
    /// Entities named by modifiers ("Western" in "Western sanctions").
    pub adjs: Vec<EntId>,
    pub owners: Vec<EntId>,
    /// The modifiers that are places ("Zaporizhzhia" in "Zaporizhzhia
    /// nuclear plant").
    pub place_adjs: Vec<EntId>,
    /// A proper name at the core of the phrase.
    pub named: Option<EntId>,
    pub role: Option<&'a RoleEntry>,
    /// The role has ended ("former President X", "the late king").
    pub former: bool,
    pub notes: Vec<String>,
}

impl<'a> Np<'a> {
    fn new(start: usize) -> Np<'a> {
        Np {
            start,
            end: start,
            refs: vec![],
            owner_only: false,
            adjs: vec![],
            owners: vec![],
            place_adjs: vec![],
            named: None,
            role: None,
            former: false,
            notes: vec![],
        }
    }
}

/// The phrases of one sentence.
pub struct SentencePhrases<'a> {
    pub range: Range<usize>,
    pub nps: Vec<Np<'a>>,
    /// For each token of the sentence, the phrase covering it.
    np_at: Vec<Option<usize>>,
    /// Appositions and parentheticals: not subjects or objects of the clause.
    pub paren: Vec<Range<usize>>,
}

impl<'a> SentencePhrases<'a> {
    pub fn np_at(&self, tok: usize) -> Option<&Np<'a>> {
        if !self.range.contains(&tok) {
            return None;
        }
        self.np_at[tok - self.range.start].map(|i| &self.nps[i])
    }

    pub fn in_paren(&self, tok: usize) -> bool {
        self.paren.iter().any(|r| r.contains(&tok))
    }
}

/// Pass 1: collect the facts the sentence's phrases state.
pub fn learn_facts(cx: &mut DocCx, s: usize) {
    let _ = analyse(cx, s, Mode::Learn);
}

fn is_verbish(cx: &DocCx, i: usize) -> bool {
    let k = cx.key(i);
    cx.lex.verb_forms.contains_key(k)
        || matches!(
            cx.lex.word_class(k),
            Some(
                WordClass::AuxBe
                    | WordClass::AuxHave
                    | WordClass::AuxDo
                    | WordClass::Speech
                    | WordClass::Light
                    | WordClass::Attempt
                    | WordClass::ModalHyp
                    | WordClass::ModalPlan
                    | WordClass::Experiencer
                    | WordClass::Refuse
                    | WordClass::Neg
            )
        )
}

/// A lowercase word that can modify a noun inside a phrase ("top",
/// "jailed", "special", "ex-Soviet").
fn is_modifier(cx: &DocCx, i: usize, after_det: bool) -> bool {
    let t = &cx.toks[i];
    if t.kind == TokenKind::Number {
        return true;
    }
    if t.kind != TokenKind::Word || t.is_capitalized() || cx.mention(i).is_some() {
        return false;
    }
    let k = t.key.as_str();
    if k == "'s" || cx.class(i).is_some_and(|c| c != WordClass::Adv && !c.is_noun()) {
        return false;
    }
    // Adverbs stand inside a phrase only after its determiner ("the
    // recently freed leader"); elsewhere they belong to the verb.
    if (k.ends_with("ly") || cx.class(i) == Some(WordClass::Adv)) && !after_det {
        return false;
    }
    // "a video showing X", "troops guarding X": an -ing word after a
    // common noun opens a clause of its own ("the ruling party" keeps its
    // participle, which follows the determiner).
    if k.ends_with("ing") && i > 0 {
        let p = &cx.toks[i - 1];
        if p.kind == TokenKind::Word && p.case == Case::Lower && cx.class(i - 1).is_none() && !is_verbish(cx, i - 1) {
            return false;
        }
    }
    if cx.lex.verb_forms.contains_key(k) || k.ends_with("ed") {
        // Participles modify nouns after a determiner ("its jailed leader");
        // after a bare name an -ed word is the verb ("Belarus worried Poland").
        return after_det && (k.ends_with("ed") || k.ends_with("en"));
    }
    !is_verbish(cx, i)
}

/// Plural nouns that, after "both" or "the two", refer to the last two
/// entities of a type.
fn pair_noun(k: &str) -> Option<Option<EntityType>> {
    Some(match k {
        "sides" | "parties" => None,
        "leaders" | "men" | "women" | "presidents" => Some(EntityType::Person),
        "countries" | "nations" | "states" | "governments" | "neighbours" | "neighbors" => Some(EntityType::Country),
        _ => return None,
    })
}

fn desc_at(cx: &DocCx, i: usize) -> Option<(EntityType, usize)> {
    let lex = cx.lex;
    if i >= cx.toks.len() || !lex.phrase_starts.contains(cx.toks[i].key.as_str()) {
        return None;
    }
    let mut key = String::new();
    let mut best = None;
    for n in 1..=3usize {
        let Some(t) = cx.toks.get(i + n - 1) else { break };
        if n > 1 {
            key.push(' ');
        }
        key.push_str(&t.key);
        if let Some(&k) = lex.descriptions.get(&key) {
            best = Some((k, n));
        }
    }
    best
}

/// Parses the noun phrase starting at token `i` (before `end`).
pub fn parse_np<'a>(cx: &mut DocCx<'a>, i: usize, end: usize, mode: Mode) -> Option<Np<'a>> {
    let mut np = Np::new(i);
    let mut j = i;
    let mut det = false;
    // An owner first: "Trump's", "the country's".
    if let Some((at, refs, notes)) = owner_at(cx, j, end, mode) {
        if cx.key(at) == "'s" {
            np.owners.extend(refs);
            np.notes.extend(notes);
            j = at + 1;
            det = true;
        }
    }
    match cx.class(j) {
        _ if det => {}
        Some(WordClass::Det) => {
            det = true;
            j += 1;
        }
        Some(WordClass::PronPoss)
            if j + 1 < end
                && (is_modifier(cx, j + 1, true)
                    || cx.role_at(j + 1, end).is_some()
                    || cx.agent_at(j + 1, end).is_some()
                    || cx.mention(j + 1).is_some()) =>
        {
            if mode == Mode::Full {
                if let Some(e) = cx.coref.pronoun(&cx.reg, cx.key(j), j) {
                    np.owners.push(e);
                    np.notes.push(format!("{:?} -> {} (pronoun)", cx.key(j), cx.reg.ents[e].name));
                }
            }
            det = true;
            j += 1;
        }
        _ => {}
    }
    if j >= end {
        return None;
    }
    // "both sides", "the two leaders"
    let two = cx.key(j) == "two" || (cx.key(i) == "both" && det);
    let pair_at = if cx.key(j) == "two" { j + 1 } else { j };
    if two && pair_at < end {
        if let Some(kind) = pair_noun(cx.key(pair_at)) {
            np.end = pair_at + 1;
            if mode == Mode::Full {
                let reg = &cx.reg;
                let is_leader = |e: EntId| cx.facts.iter().any(|f| f.subj == e && f.category == Category::LeaderOf);
                let ok = |e: EntId| match kind {
                    Some(EntityType::Person) => reg.ents[e].kind == EntityType::Person && (is_leader(e) || reg.ents[e].gaz.is_some()),
                    Some(k) => reg.ents[e].kind == k,
                    None => matches!(reg.ents[e].kind, EntityType::Country | EntityType::Organization),
                };
                if let Some((a, b)) = cx.coref.last_two(i, ok) {
                    np.refs = vec![a, b];
                    np.notes.push(format!(
                        "{:?} -> {} and {} (the two last mentioned)",
                        &cx.text[cx.toks[i].start..cx.toks[pair_at].end],
                        cx.reg.ents[a].name,
                        cx.reg.ents[b].name
                    ));
                }
            }
            return Some(np);
        }
    }
    // Modifiers: nationality adjectives (coordinated too) and lowercase words.
    let mut k = j;
    let mut steps = 0;
    let mut name_as_modifier = false;
    while k < end && steps < 7 {
        steps += 1;
        if let Some(m) = cx.mention(k).cloned() {
            let after = past_abbreviation(cx, m.tok.end, end);
            let attributive = m.kind == MentionKind::Adjective
                || (m.kind == MentionKind::Name
                    && matches!(
                        cx.reg.kind(m.ent),
                        EntityType::Country | EntityType::Organization | EntityType::Group | EntityType::Location
                    )
                    && after < end
                    && (cx.role_at(after, end).is_some()
                        || cx.agent_at(after, end).is_some()
                        || is_modifier(cx, after, false) && cx.key(after) != "and"));
            if attributive {
                name_as_modifier |= m.kind == MentionKind::Name;
                np.adjs.push(m.ent);
                if cx.reg.kind(m.ent) == EntityType::Location {
                    np.place_adjs.push(m.ent);
                }
                k = after;
                if k + 1 < end
                    && matches!(cx.key(k), "," | "and" | "or")
                    && cx.mention(k + 1).is_some_and(|n| n.kind == MentionKind::Adjective)
                {
                    k += 1;
                }
                continue;
            }
            break;
        }
        if cx.role_at(k, end).is_some() || cx.agent_at(k, end).is_some() || desc_at(cx, k).is_some() {
            break;
        }
        if from_a_place(cx, &np, k, end) {
            break;
        }
        if is_modifier(cx, k, det) && k + 1 < end {
            k += 1;
            continue;
        }
        // "Shona rebels", "Maoist insurgents": an unknown capitalised word
        // before a generic group noun qualifies it.
        if k + 1 < end && cx.toks[k].is_capitalized() && cx.mention(k).is_none() && generic_group_at(cx, k + 1) {
            k += 1;
            continue;
        }
        break;
    }
    // A name followed by words and another name is a clause ("Belarus
    // worried Poland"), not one phrase.
    let name_core = cx.mention(k).is_some_and(|m| m.kind != MentionKind::Adjective);
    if name_as_modifier && name_core {
        np.adjs.clear();
    } else if let Some(core_end) = core(cx, &mut np, k, end, det, mode) {
        np.end = core_end;
        if cx.key(core_end) == "'s" {
            np.owner_only = true;
        }
        return Some(np);
    }
    // No core: a bare name (with what we took for modifiers) is the phrase,
    // unless it is owned ("Ukraine's Zaporizhzhia nuclear plant").
    if let Some(m) = cx.mention(j).cloned().filter(|_| np.owners.is_empty()) {
        if m.kind != MentionKind::Adjective {
            let mut np = Np::new(i);
            np.end = m.tok.end;
            np.refs = vec![m.ent];
            np.named = Some(m.ent);
            np.owner_only = cx.key(m.tok.end) == "'s";
            return Some(np);
        }
    }
    if !np.adjs.is_empty() || !np.owners.is_empty() {
        // An attributive phrase ("Russia's war", "Western sanctions"): no
        // referent, but event nouns read its modifiers.
        np.end = k.max(j + 1).min(end);
        np.owner_only = true;
        return Some(np);
    }
    None
}

/// A possessive owner at `j`: returns the index of the token after the
/// owner (expected to be `'s`), its referents and notes.
fn owner_at(cx: &mut DocCx, j: usize, end: usize, mode: Mode) -> Option<(usize, Vec<EntId>, Vec<String>)> {
    if let Some(m) = cx.mention(j).cloned() {
        if m.kind != MentionKind::Adjective && m.tok.end < end && cx.key(m.tok.end) == "'s" {
            return Some((m.tok.end, vec![m.ent], vec![]));
        }
        return None;
    }
    // "the country's", "the ex-Soviet state's"
    if cx.class(j) != Some(WordClass::Det) {
        return None;
    }
    let mut k = j + 1;
    while k < end && is_modifier(cx, k, true) && desc_at(cx, k).is_none() {
        k += 1;
    }
    let (kind, n) = desc_at(cx, k)?;
    if cx.key(k + n) != "'s" {
        return None;
    }
    if mode == Mode::Learn {
        return Some((k + n, vec![], vec![]));
    }
    let e = cx.coref.description(&cx.reg, kind, j)?;
    let note = format!(
        "{:?} -> {} (last {} mentioned)",
        &cx.text[cx.toks[j].start..cx.toks[k + n - 1].end],
        cx.reg.ents[e].name,
        kind.as_str().to_lowercase()
    );
    Some((k + n, vec![e], vec![note]))
}

/// The token after a name, past the period of an abbreviation that ends
/// it ("Acme Corp. spokesman Ann Lee"): a period glued to the name's last
/// word, with the sentence going on in lowercase, closes the abbreviation,
/// not the sentence.
fn past_abbreviation(cx: &DocCx, at: usize, end: usize) -> usize {
    let glued = at > 0 && at + 1 < end && cx.key(at) == "." && cx.toks[at].start == cx.toks[at - 1].end;
    if glued && cx.toks[at + 1].case == Case::Lower {
        at + 1
    } else {
        at
    }
}

/// True when a generic group noun ("rebels", "protesters") starts at `k`.
fn generic_group_at(cx: &DocCx, k: usize) -> bool {
    cx.mention(k).is_some_and(|m| {
        m.kind == MentionKind::Name
            && cx.reg.kind(m.ent) == EntityType::Group
            && cx.reg.ents[m.ent]
                .gaz
                .is_some_and(|g| cx.lex.entity(g).name.starts_with(char::is_lowercase))
    })
}

/// "a Wisconsin man", "a Texas woman": token `k` is a lowercase noun for
/// a person after modifiers that are all places. The place says where the
/// person is from; the phrase names no actor.
fn from_a_place(cx: &DocCx, np: &Np, k: usize, end: usize) -> bool {
    !np.place_adjs.is_empty()
        && np.adjs.len() == np.place_adjs.len()
        && k < end
        && cx.toks[k].case == Case::Lower
        && cx.lex.type_nouns.get(cx.key(k)).is_some_and(|&(t, _)| t == EntityType::Person)
}

/// The core of a phrase at `k`; returns the end token.
fn core<'a>(cx: &mut DocCx<'a>, np: &mut Np<'a>, k: usize, end: usize, det: bool, mode: Mode) -> Option<usize> {
    if k >= end {
        return None;
    }
    if from_a_place(cx, np, k, end) {
        np.adjs.clear();
        np.place_adjs.clear();
        return Some(k + 1);
    }
    if let Some(m) = cx.mention(k).cloned() {
        if m.kind != MentionKind::Adjective {
            // "Houthi rebels", "Israeli settlers": a generic group noun after
            // a nationality or organisation acts for it, as agent nouns do.
            let generic = generic_group_at(cx, k);
            if generic && (!np.adjs.is_empty() || !np.owners.is_empty()) {
                np.refs = np.adjs.iter().chain(np.owners.iter()).copied().collect();
                return Some(m.tok.end);
            }
            if generic {
                // "rebels in the Ivory Coast"
                if let Some((c, e)) = place_after(cx, np.start, m.tok.end, end) {
                    np.refs = vec![c];
                    return Some(e);
                }
            }
            np.named = Some(m.ent);
            np.refs = vec![m.ent];
            return Some(m.tok.end);
        }
        return None;
    }
    if let Some((mut role, mut n)) = cx.role_at(k, end) {
        np.former = former_before(cx, k);
        // "the deputy commander of": of two role words in a row the
        // last is the head, the one the name holds.
        let mut k = k;
        while let Some((head, m)) = cx.role_at(k + n, end) {
            (k, role, n) = (k + n, head, m);
        }
        np.role = Some(role);
        let mut after = k + n;
        // "President of Ukraine"
        if cx.key(after) == "of" {
            if let Some(m) = cx.mention(after + 1).cloned() {
                if m.kind == MentionKind::Name && matches!(cx.reg.kind(m.ent), EntityType::Country | EntityType::Organization) {
                    np.owners.push(m.ent);
                    after = m.tok.end;
                }
            }
        }
        let owners: Vec<EntId> = np.owners.iter().chain(np.adjs.iter()).copied().collect();
        // A name right after the role, or after a comma ("the country's
        // capital, Minsk", "Tikhanovsky's wife, Svetlana").
        let named_at = |cx: &DocCx, at: usize| {
            cx.mention(at)
                .filter(|m| m.kind == MentionKind::Name && kind_fits(cx.reg.kind(m.ent), role.applies_to))
                .cloned()
        };
        // "Vice President Dr. Riek Machar": an honorific between the title
        // and the name.
        let mut titled = after;
        if after < end && cx.lex.honorifics.contains_key(cx.key(after)) {
            titled += if after + 1 < end && cx.key(after + 1) == "." { 2 } else { 1 };
        }
        let named = named_at(cx, titled).map(|m| (m, "title-name")).or_else(|| {
            (cx.key(after) == "," && !owners.is_empty())
                .then(|| named_at(cx, after + 1))
                .flatten()
                .map(|m| (m, "role-apposition"))
        });
        if let Some((m, rule)) = named {
            np.named = Some(m.ent);
            np.refs = vec![m.ent];
            for o in owners {
                state_fact(cx, m.ent, role, o, mode, rule, np.former, vec![]);
            }
            return Some(m.tok.end);
        }
        if mode == Mode::Full {
            let possessive = !np.owners.is_empty();
            if let Some((e, how)) = resolve_role(cx, role, &owners, possessive) {
                np.refs = vec![e];
                np.notes.push(format!(
                    "{:?} -> {} ({})",
                    &cx.text[cx.toks[np.start].start..cx.toks[after - 1].end],
                    cx.reg.ents[e].name,
                    how
                ));
            }
        }
        return Some(after);
    }
    if let Some(mut n) = cx.agent_at(k, end) {
        // "army bulldozers", "police officers": agent nouns in a row.
        while let Some(m) = cx.agent_at(k + n, end) {
            n += m;
        }
        let mut owners: Vec<EntId> = np
            .adjs
            .iter()
            .chain(np.owners.iter())
            .copied()
            .filter(|&e| cx.reg.kind(e) != EntityType::Person)
            .collect();
        if owners.is_empty() {
            // "the Trump administration", "Putin's forces"
            owners = np.adjs.iter().chain(np.owners.iter()).copied().collect();
        }
        if !owners.is_empty() {
            np.notes.push(format!(
                "{:?} acts for {}",
                &cx.text[cx.toks[np.start].start..cx.toks[k + n - 1].end],
                owners.iter().map(|&e| cx.reg.ents[e].name.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
        let mut end_at = k + n;
        if owners.is_empty() {
            // "security forces in Guinea", "the government of Sudan"
            if let Some((c, e)) = place_after(cx, np.start, end_at, end) {
                owners.push(c);
                end_at = e;
            }
        }
        np.refs = owners;
        return Some(end_at);
    }
    let key = cx.key(k);
    if np.adjs.is_empty() && np.owners.is_empty() && !det {
        if let Some(WordClass::PronSubj | WordClass::PronObj) = cx.lex.word_class(key) {
            if mode == Mode::Full {
                let resolved = if key == "it" {
                    // A country or organisation earlier in this sentence
                    // ("Switzerland said it had ..."), else a recent subject.
                    let in_sentence = cx
                        .coref
                        .last(k, |e| matches!(cx.reg.kind(e), EntityType::Country | EntityType::Organization));
                    let in_sentence = in_sentence.filter(|_| cx.coref.last_at(k).is_some_and(|t| t >= cx.coref.sentence_start));
                    let s = cx.coref_sentence;
                    in_sentence.or_else(|| {
                        cx.recent_subjects
                            .iter()
                            .rev()
                            .take_while(|(_, at)| *at + 1 >= s)
                            .find(|(e, _)| matches!(cx.reg.kind(*e), EntityType::Country | EntityType::Organization))
                            .map(|(e, _)| *e)
                    })
                } else {
                    cx.coref.pronoun(&cx.reg, key, k)
                };
                if let Some(e) = resolved {
                    np.refs = vec![e];
                    np.notes.push(format!("{key:?} -> {} (pronoun)", cx.reg.ents[e].name));
                }
            }
            return Some(k + 1);
        }
        if key == "her" {
            // "her" not followed by a noun is the object pronoun.
            if mode == Mode::Full {
                if let Some(e) = cx.coref.pronoun(&cx.reg, key, k) {
                    np.refs = vec![e];
                }
            }
            return Some(k + 1);
        }
    }
    if det || !np.owners.is_empty() {
        if let Some((kind, n)) = desc_at(cx, k) {
            // "the northern city of Kirkuk", "the country of Chad": the
            // name after "of" is the referent, not an earlier entity.
            if cx.key(k + n) == "of" {
                if let Some(m) = cx.mention(k + n + 1).cloned() {
                    let fits = |t: EntityType| t == kind || matches!((kind, t), (EntityType::Location, EntityType::Country));
                    if m.kind == MentionKind::Name && fits(cx.reg.kind(m.ent)) {
                        np.named = Some(m.ent);
                        np.refs = vec![m.ent];
                        return Some(m.tok.end);
                    }
                }
                // Otherwise the "of" phrase says what the noun is ("the
                // movement of workers", "the state of emergency"): it does
                // not point back at an earlier entity.
                return Some(k + n);
            }
            if mode == Mode::Full && np.owners.is_empty() {
                if let Some(e) = cx.coref.description(&cx.reg, kind, np.start) {
                    np.refs = vec![e];
                    np.notes.push(format!(
                        "{:?} -> {} (last {} mentioned)",
                        &cx.text[cx.toks[np.start].start..cx.toks[k + n - 1].end],
                        cx.reg.ents[e].name,
                        kind.as_str().to_lowercase()
                    ));
                }
            }
            return Some(k + n);
        }
    }
    None
}

/// "in Guinea", "of the Ivory Coast" after an agent or group noun: the
/// country it belongs to, and where the phrase then ends.
///
/// Only for a phrase that opens its sentence ("Security forces in Guinea
/// have ..."): elsewhere the place is usually the verb's own complement
/// ("stationed troops in Poland").
fn place_after(cx: &DocCx, start: usize, at: usize, end: usize) -> Option<(EntId, usize)> {
    let opens = cx.sentence_of(start).is_some_and(|s| {
        let first = cx.sentences[s].tokens.start;
        start == first || (start == first + 1 && cx.key(first) == "the")
    });
    if !opens || at >= end || !matches!(cx.key(at), "in" | "of" | "from") {
        return None;
    }
    let mut t = at + 1;
    if cx.key(t) == "the" {
        t += 1;
    }
    let m = cx.mention(t)?;
    (m.kind == MentionKind::Name && cx.reg.kind(m.ent) == EntityType::Country && m.tok.end <= end).then_some((m.ent, m.tok.end))
}

fn kind_fits(found: EntityType, wanted: EntityType) -> bool {
    found == wanted
        || (wanted == EntityType::Country && found == EntityType::Organization)
        || (wanted == EntityType::Location && found == EntityType::Country)
}

/// Whether a word before the role noun at `k` says the role has ended
/// ("former Iranian President", "ex-President", "the late king"), looking
/// back over the names, nationality adjectives and hyphens between them,
/// within the sentence. The links stage asks the same of a role it meets
/// in the parse.
pub(super) fn former_before(cx: &DocCx, k: usize) -> bool {
    let lo = cx.sentence_of(k).map_or(0, |s| cx.sentences[s].tokens.start);
    let mut i = k;
    while i > lo && k - i < 6 {
        i -= 1;
        let key = cx.key(i);
        if cx.lex.details.former.contains(key) {
            return true;
        }
        if key != "-" && cx.mention(i).is_none() {
            return false;
        }
    }
    false
}

/// Records (and in pass 2 emits) the relation a role states between a
/// named holder and the role's owner. A former role is emitted with its
/// `former` mark but is not a fact: descriptions ("the president") are
/// resolved to current holders only.
#[allow(clippy::too_many_arguments)]
fn state_fact(
    cx: &mut DocCx,
    holder: EntId,
    role: &RoleEntry,
    owner: EntId,
    mode: Mode,
    rule: &'static str,
    former: bool,
    notes: Vec<String>,
) {
    if holder == owner {
        return;
    }
    // "Belarusian opposition leader" names the country the person is in,
    // but only a person can be someone's spouse.
    let owner_kind = cx.reg.kind(owner);
    if role.category == Category::Family && owner_kind != EntityType::Person {
        return;
    }
    if role.category == Category::LeaderOf && owner_kind == EntityType::Person {
        return;
    }
    // "President Wade dismisses his energy minister Sarr": a cabinet
    // office owned by a person who leads a state is an office of the state.
    let owner = if role.cabinet && owner_kind == EntityType::Person {
        cx.facts
            .iter()
            .find(|f| f.subj == owner && f.category == Category::LeaderOf && cx.reg.kind(f.obj) == EntityType::Country)
            .map_or(owner, |f| f.obj)
    } else {
        owner
    };
    if holder == owner {
        return;
    }
    let (s, o) = if role.reverse { (owner, holder) } else { (holder, owner) };
    let fact = Fact {
        subj: s,
        obj: o,
        predicate: role.predicate.clone(),
        category: role.category,
        symmetric: role.symmetric,
        sentence: cx.coref_sentence,
    };
    if !former {
        cx.add_fact(fact);
    }
    if mode == Mode::Learn {
        return;
    }
    let cur = cx.coref_sentence;
    let mut t = NewTriple::new(s, &role.predicate, role.category, o, cur, rule);
    t.symmetric = role.symmetric;
    t.former = former;
    t.confidence = 0.9;
    t.notes = notes;
    cx.emit(t);
}

/// Resolves a role description ("Trump's envoy", "the Belarusian leader")
/// to the entity the article or the gazetteer says holds it.
fn resolve_role(cx: &mut DocCx, role: &RoleEntry, owners: &[EntId], possessive: bool) -> Option<(EntId, String)> {
    if owners.is_empty() {
        return None;
    }
    // A person owner stands for what they lead too: "Trump's envoy" may be
    // stated as "US special envoy".
    let mut scope: Vec<EntId> = owners.to_vec();
    for &o in owners {
        if cx.reg.kind(o) == EntityType::Person {
            for f in &cx.facts {
                if f.subj == o && f.category == Category::LeaderOf {
                    scope.push(f.obj);
                }
            }
            if let Some(g) = cx.reg.ents[o].gaz {
                let date = cx.doc.date.clone();
                for r in &cx.lex.entity(g).roles {
                    if r.holds_on(date.as_deref()) && cx.lex.role_is_leader(&r.predicate) {
                        let t = cx.reg.gaz(cx.lex, r.target);
                        scope.push(t);
                    }
                }
            }
        }
    }
    let fits = |f: &Fact| scope.contains(&f.obj) && (f.predicate == role.predicate || (role.leader && f.category == Category::LeaderOf));
    let mut found: Vec<EntId> = cx.facts.iter().filter(|f| fits(f)).map(|f| f.subj).collect();
    found.sort_unstable();
    found.dedup();
    if found.len() == 1 {
        let at = cx
            .facts
            .iter()
            .find(|f| f.subj == found[0] && fits(f))
            .map(|f| f.sentence)
            .unwrap_or(0);
        return Some((found[0], format!("via {} {} in sentence {at}", role.category, role.predicate)));
    }
    if !found.is_empty() {
        return None;
    }
    if possessive {
        // "Hezbollah's leader" in a story about a strike may be the
        // previous one: only the article itself can say who it is.
        return None;
    }
    let date = cx.doc.date.clone();
    for &o in owners {
        let Some(g) = cx.reg.ents[o].gaz else { continue };
        if role.applies_to == EntityType::Location {
            let cap = cx
                .lex
                .entities
                .iter()
                .position(|e| e.country == Some(g) && e.org_kind.as_deref() == Some("capital"))?;
            return Some((cx.reg.gaz(cx.lex, cap), "capital in the gazetteer".into()));
        }
        if let Some(h) = cx.lex.holder_of(role.leader, &role.predicate, g, date.as_deref()) {
            return Some((cx.reg.gaz(cx.lex, h), format!("{} in the gazetteer", role.predicate)));
        }
    }
    None
}

/// Parses the phrases of sentence `s`; in pass 2 also notes referents for
/// coreference and emits the state relations phrases state.
pub fn analyse<'a>(cx: &mut DocCx<'a>, s: usize, mode: Mode) -> SentencePhrases<'a> {
    let range = cx.sentences[s].tokens.clone();
    cx.coref_sentence = s;
    cx.coref.sentence_start = range.start;
    let end = range.end;
    let mut out = SentencePhrases {
        range: range.clone(),
        nps: vec![],
        np_at: vec![None; range.len()],
        paren: vec![],
    };
    let mut i = range.start;
    while i < end {
        let Some(np) = parse_np(cx, i, end, mode) else {
            i += 1;
            continue;
        };
        let next = np.end.max(i + 1);
        if mode == Mode::Full {
            for &e in np.adjs.iter().chain(np.owners.iter()).chain(np.refs.iter()) {
                cx.coref.note(e, np.start);
            }
        }
        let idx = out.nps.len();
        for t in np.start..np.end.min(end) {
            out.np_at[t - range.start] = Some(idx);
        }
        let named = np.named.filter(|_| np.refs.len() == 1);
        out.nps.push(np);
        i = if cx.key(next) == "'s" { next + 1 } else { next };
        // Apposition: "Sergei Tikhanovsky, a Belarusian opposition leader,"
        // and "Svetlana Tikhanovskaya - who is Tikhanovsky's wife and ... -".
        if let Some(holder) = named {
            if let Some(app_end) = apposition(cx, holder, next, end, mode) {
                out.paren.push(next..app_end);
                i = app_end;
            } else if cx.key(next) == "," && matches!(cx.key(next + 1), "a" | "an") {
                // "Sweden, a close partner of Finland, has sent ...": an
                // apposition without a known role is still a parenthetical.
                if let Some(close) = (next + 2..end.min(next + 14)).find(|&t| cx.key(t) == ",") {
                    out.paren.push(next..close + 1);
                }
            }
        }
    }
    // Dash and bracket parentheticals.
    let mut open: Option<usize> = None;
    for t in range.clone() {
        match cx.key(t) {
            "-" if is_spaced_dash(cx, t) => match open {
                Some(o) => {
                    out.paren.push(o..t + 1);
                    open = None;
                }
                None => open = Some(t),
            },
            "(" => open = Some(t),
            ")" => {
                if let Some(o) = open.take() {
                    out.paren.push(o..t + 1);
                }
            }
            _ => {}
        }
    }
    out
}

fn is_spaced_dash(cx: &DocCx, t: usize) -> bool {
    let tok = &cx.toks[t];
    let before = cx.text[..tok.start].ends_with(' ');
    let after = cx.text[tok.end..].starts_with(' ');
    before && after
}

/// An apposition after a named phrase ending at `at`; returns where it ends.
fn apposition(cx: &mut DocCx, holder: EntId, at: usize, end: usize, mode: Mode) -> Option<usize> {
    let open = cx.key(at).to_string();
    if !matches!(open.as_str(), "," | "-" | "(") || at + 1 >= end {
        return None;
    }
    let mut j = at + 1;
    if cx.key(j) == "who" && matches!(cx.key(j + 1), "is" | "was" | "are" | "were") {
        j += 2;
    }
    let mut last_end = None;
    loop {
        let np = parse_np(cx, j, end, Mode::Learn)?;
        let role = np.role?;
        if np.named.is_some() {
            return last_end;
        }
        let owners: Vec<EntId> = np.owners.iter().chain(np.adjs.iter()).copied().collect();
        if owners.is_empty() && mode == Mode::Full && role.applies_to == cx.reg.kind(holder) {
            // "X, a spokesman" states nothing about whom; keep it a parenthetical.
        }
        if mode == Mode::Full {
            // Re-parse to resolve owners such as "the country's".
            if let Some(full) = parse_np(cx, j, end, Mode::Full) {
                for o in full.owners.iter().chain(full.adjs.iter()).copied().collect::<Vec<_>>() {
                    state_fact(cx, holder, role, o, mode, "apposition", full.former, full.notes.clone());
                }
            }
        } else {
            for o in owners {
                state_fact(cx, holder, role, o, mode, "apposition", np.former, vec![]);
            }
        }
        let mut k = np.end;
        // "herself", "himself"
        if matches!(cx.key(k), "herself" | "himself" | "itself") {
            k += 1;
        }
        last_end = Some(k);
        // "... wife and also a Belarusian opposition politician"
        if cx.key(k) == "and" {
            let mut n = k + 1;
            if cx.key(n) == "also" {
                n += 1;
            }
            j = n;
            continue;
        }
        let close = cx.key(k);
        if close == "," || close == "-" || close == ")" || k >= end || close == "." {
            return Some((k + 1).min(end));
        }
        return last_end;
    }
}
