//! Entity mentions: gazetteer names (one automaton pass over the text),
//! unknown capitalised names typed by their cues, and surnames resolved to a
//! full name the article or the gazetteer gives.

use super::{DocCx, EntId, Mention, MentionKind};
use crate::lexicon::{Gender, Surface, WordClass};
use crate::model::EntityType;
use crate::text::{Case, TokenKind};
use rustc_hash::FxHashMap as HashMap;

/// Finds every mention of the document and fills `cx.mentions`.
pub fn find(cx: &mut DocCx) {
    gazetteer(cx);
    source_lines(cx);
    unknown_names(cx);
    singles(cx);
    unknown_acronyms(cx);
    acronyms(cx);
    cx.mentions.sort_by_key(|m| m.tok.start);
    for (i, m) in cx.mentions.iter().enumerate() {
        for t in m.tok.clone() {
            cx.mention_at[t] = Some(i as u32);
        }
    }
}

/// "International Labor Office (ILO)", "Democratic People's Republic of
/// Korea (DPRK)": an acronym in parentheses whose letters are the initials
/// of the name before it names the same entity. The gazetteer's entity
/// wins when only one of the two is known; otherwise the long name does.
fn acronyms(cx: &mut DocCx) {
    cx.mentions.sort_by_key(|m| m.tok.start);
    let initials_of = |cx: &DocCx, m: &Mention| -> String {
        cx.toks[m.tok.clone()]
            .iter()
            .filter(|t| t.is_capitalized())
            .filter_map(|t| cx.text[t.start..t.end].chars().next())
            .collect()
    };
    let mut merges: Vec<(EntId, EntId)> = Vec::new();
    let mut new_acronyms: Vec<(String, EntId)> = Vec::new();
    // An organisation's acronym no table knows ([`unknown_acronyms`]) may
    // spell another language's name: "RP ( Welfare Party )" and "Welfare
    // Party ( RP )" name one party whatever the letters.
    let unknown_org = |cx: &DocCx, m: &Mention| {
        let e = &cx.reg.ents[m.ent];
        m.tok.len() == 1 && e.gaz.is_none() && e.kind == EntityType::Organization && cx.toks[m.tok.start].case == Case::Upper
    };
    let organisation = |cx: &DocCx, m: &Mention| cx.reg.ents[m.ent].kind == EntityType::Organization;
    for (x, short) in cx.mentions.iter().enumerate() {
        let Some(long) = cx.mentions.get(x + 1) else { break };
        let (open, close) = (short.tok.end, long.tok.end);
        let spelt = long.tok.start == open + 1 && close < cx.toks.len() && cx.key(open) == "(" && cx.key(close) == ")";
        if spelt && long.kind == MentionKind::Name && unknown_org(cx, short) && organisation(cx, long) && short.ent != long.ent {
            merges.push((short.ent, long.ent));
        }
    }
    for (x, long) in cx.mentions.iter().enumerate() {
        let (open, at) = (long.tok.end, long.tok.end + 1);
        if long.kind != MentionKind::Name || at + 1 >= cx.toks.len() || cx.key(open) != "(" || cx.key(at + 1) != ")" {
            continue;
        }
        let initials = initials_of(cx, long);
        let acronym = &cx.text[cx.toks[at].start..cx.toks[at].end];
        let short_unknown = cx.mentions.get(x + 1).is_some_and(|m| m.tok.start == at && unknown_org(cx, m));
        let matches = initials.len() >= 2 && acronym.replace('.', "").eq_ignore_ascii_case(&initials);
        if !(matches || (short_unknown && organisation(cx, long))) {
            continue;
        }
        match cx.mentions.get(x + 1).filter(|m| m.tok.start == at) {
            // Both are mentions: the gazetteer's entity wins when only one is known.
            Some(short) if short.kind == MentionKind::Name && short.ent != long.ent => {
                match (cx.reg.ents[long.ent].gaz.is_some(), cx.reg.ents[short.ent].gaz.is_some()) {
                    (false, true) => merges.push((long.ent, short.ent)),
                    (_, false) => merges.push((short.ent, long.ent)),
                    (true, true) => {}
                }
            }
            Some(_) => {}
            // An acronym nobody knew: it names the entity from now on.
            None if cx.toks[at].case == Case::Upper => new_acronyms.push((acronym.to_string(), long.ent)),
            None => {}
        }
    }
    // Merges are applied in order, each moving the mentions its entity
    // holds at that moment. Mentions are grouped by entity once, so that
    // many acronyms in one document cost one pass, not one pass each.
    if !merges.is_empty() {
        let mut holding: rustc_hash::FxHashMap<EntId, Vec<usize>> = rustc_hash::FxHashMap::default();
        for (i, m) in cx.mentions.iter().enumerate() {
            holding.entry(m.ent).or_default().push(i);
        }
        for (from, to) in merges {
            if from == to {
                continue;
            }
            if let Some(moved) = holding.remove(&from) {
                for &i in &moved {
                    cx.mentions[i].ent = to;
                }
                holding.entry(to).or_default().extend(moved);
            }
        }
    }
    if new_acronyms.is_empty() {
        return;
    }
    // One scan of the tokens for every new acronym; the first entity to
    // introduce an acronym keeps it, as when each was looked for in turn.
    let mut named: rustc_hash::FxHashMap<String, EntId> = rustc_hash::FxHashMap::default();
    for (acronym, ent) in new_acronyms {
        named.entry(acronym).or_insert(ent);
    }
    // An acronym a cue typed on its own ("AIP chairman Ana Ruiz") is the
    // entity the parentheses spelled out.
    for m in cx.mentions.iter_mut().filter(|m| m.tok.len() == 1 && m.kind == MentionKind::Name) {
        let t = &cx.toks[m.tok.start];
        if let Some(&ent) = named.get(&cx.text[t.start..t.end]).filter(|_| cx.reg.ents[m.ent].gaz.is_none()) {
            m.ent = ent;
        }
    }
    for i in 0..cx.toks.len() {
        if covered(cx, i) || cx.toks[i].kind != TokenKind::Word {
            continue;
        }
        let Some(&ent) = named.get(&cx.text[cx.toks[i].start..cx.toks[i].end]) else {
            continue;
        };
        if in_story(cx, i) {
            add(cx, i..i + 1, ent, MentionKind::Name);
        }
    }
}

/// "NASA said", "an engineer with the USDA": a word in capitals that no
/// table knows is an organisation's acronym, unless it is a common one
/// (name_keywords.tsv kind `common`), a Roman numeral ("World War II"),
/// or one of a run of capitals (a shouted headline, a masthead), where
/// capitals say nothing of what a word is.
fn unknown_acronyms(cx: &mut DocCx) {
    for i in 0..cx.toks.len() {
        if covered(cx, i) || !is_unknown_acronym(cx, i) {
            continue;
        }
        let Some(s) = cx.sentence_of(i) else { continue };
        if cx.sentences[s].heading {
            continue;
        }
        let name = cx.text[cx.toks[i].start..cx.toks[i].end].to_string();
        let ent = cx.reg.new_entity(&name, EntityType::Organization, None);
        add(cx, i..i + 1, ent, MentionKind::Name);
    }
}

fn is_unknown_acronym(cx: &DocCx, i: usize) -> bool {
    let t = &cx.toks[i];
    let lex = cx.lex;
    let letters = t.key.chars().count();
    let capitals = |k: usize| cx.toks[k].kind == TokenKind::Word && cx.toks[k].case == Case::Upper && cx.toks[k].key.chars().count() > 1;
    // Two letters are too often a state, a unit or a currency ("WA",
    // "PR", "US$"); a word glued to a symbol or another word is a code
    // ("252P/LINEAR", "US$5").
    if t.kind != TokenKind::Word || t.case != Case::Upper || !(3..=6).contains(&letters) || !t.key.chars().all(|c| c.is_ascii_alphabetic())
    {
        return false;
    }
    // A slash between capitals joins two names ("SPLM/A", "PKK/KCK").
    let capital_beyond = |k: usize| k < cx.toks.len() && cx.toks[k].is_capitalized();
    let glued = |k: usize| match cx.key(k) {
        "," | "." | ";" | ":" | "(" | ")" | "'s" | "\"" | "'" => false,
        "/" => !(capital_beyond(k + 1) && k > 0 && cx.toks[k - 1].case == Case::Upper),
        _ => true,
    };
    if (i > 0 && cx.toks[i - 1].end == t.start && glued(i - 1)) || (i + 1 < cx.toks.len() && cx.toks[i + 1].start == t.end && glued(i + 1))
    {
        return false;
    }
    let key = t.key.as_str();
    let known = lex.common_acronyms.contains(key) || table_knows(cx, key) || cx.role_at(i, cx.toks.len()).is_some();
    let roman = key.chars().all(|c| "ivxlcdm".contains(c));
    let in_run = (i > 0 && capitals(i - 1)) || (i + 1 < cx.toks.len() && capitals(i + 1));
    !known && !roman && !in_run
}

fn in_story(cx: &DocCx, tok: usize) -> bool {
    cx.sentence_of(tok).is_some()
}

fn add(cx: &mut DocCx, tok: std::ops::Range<usize>, ent: EntId, kind: MentionKind) {
    for t in tok.clone() {
        cx.mention_at[t] = Some(u32::MAX);
    }
    cx.mentions.push(Mention { tok, ent, kind });
}

fn covered(cx: &DocCx, tok: usize) -> bool {
    cx.mention_at[tok].is_some()
}

fn gazetteer(cx: &mut DocCx) {
    let lex = cx.lex;
    let found = lex.find_names(cx.text);
    for (s, e, senses) in found {
        let first = cx.toks.partition_point(|t| t.start < s);
        if first >= cx.toks.len() || cx.toks[first].start != s {
            continue;
        }
        let mut last = first;
        while last < cx.toks.len() && cx.toks[last].end < e {
            last += 1;
        }
        if last >= cx.toks.len() || cx.toks[last].end != e || !in_story(cx, first) {
            continue;
        }
        if (first..=last).any(|t| covered(cx, t)) {
            continue;
        }
        // "US$ 10 billion", "HK$": a currency, not the country.
        if cx.text[e..].starts_with('$') {
            continue;
        }
        let sense = senses.iter().find(|s| s.surface == Surface::Name).unwrap_or(&senses[0]);
        // "University of Chicago", "Federal Reserve Bank of Dallas": a city
        // or region after "of" and a word that ends institutions' names is
        // the end of that institution's name, which the unknown-name stage
        // reads whole. Countries keep their mention ("Central Bank of Iran"
        // names Iran as well).
        if sense.surface == Surface::Name && lex.entity(sense.entity).kind == EntityType::Location && names_organisation_before(cx, first) {
            continue;
        }
        // "Black Sea Grain Initiative", "Black Sea Fleet": a place name that
        // starts a longer capitalised name typed by its last word is part of
        // that name, not the place. Country names keep their mention ("United
        // States Coast Guard" still names the United States).
        if sense.surface == Surface::Name && lex.entity(sense.entity).kind == EntityType::Location {
            let mut j = last + 1;
            while j < cx.toks.len() && j <= last + 3 && cx.toks[j].case == Case::Title && cx.toks[j - 1].end + 1 == cx.toks[j].start {
                j += 1;
            }
            if let Some(&kind) = (j > last + 1)
                .then(|| lex.name_last_words.get(cx.toks[j - 1].key.as_str()))
                .flatten()
            {
                // "California Department of Forestry", "Massachusetts
                // Institute of Technology": the name goes on after "of" or
                // "for" as unknown names do.
                let joined = |k: usize| k > 0 && cx.toks[k - 1].end + 1 == cx.toks[k].start;
                if j + 1 < cx.toks.len()
                    && joins_name(cx.key(j))
                    && joined(j)
                    && joined(j + 1)
                    && cx.toks[j + 1].case == Case::Title
                    && !covered(cx, j + 1)
                {
                    j += 2;
                    while j < cx.toks.len() && j <= last + 8 && cx.toks[j].case == Case::Title && joined(j) && !covered(cx, j) {
                        j += 1;
                    }
                }
                let name = cx.text[s..cx.toks[j - 1].end].to_string();
                let ent = cx.reg.new_entity(&name, kind, None);
                add(cx, first..j, ent, MentionKind::Name);
                continue;
            }
        }
        // "Ilir Meta", "Jordan Bardella": a given name next to a one-word
        // place or organisation name is a person's name, not two entities.
        if sense.surface == Surface::Name && last == first && lex.entity(sense.entity).kind != EntityType::Person {
            let given_before = first > 0
                && cx.toks[first - 1].case == Case::Title
                && cx.mention_at[first - 1].is_none()
                && lex.given_names.contains_key(cx.toks[first - 1].key.as_str())
                && cx.toks[first - 1].end + 1 == cx.toks[first].start;
            let unknown_after = last + 1 < cx.toks.len()
                && cx.toks[last + 1].case == Case::Title
                && lex.given_names.contains_key(cx.toks[first].key.as_str())
                && cx.toks[last].end + 1 == cx.toks[last + 1].start
                && lex.word_class(cx.toks[last + 1].key.as_str()).is_none()
                && lex.find_names(&cx.text[cx.toks[last + 1].start..cx.toks[last + 1].end]).is_empty();
            if given_before || unknown_after {
                continue;
            }
        }
        let g = lex.entity(sense.entity);
        let (ent, kind) = match sense.surface {
            Surface::Name => (cx.reg.gaz(lex, sense.entity), MentionKind::Name),
            Surface::Adjective => (cx.reg.gaz(lex, sense.entity), MentionKind::Adjective),
            Surface::People => {
                let text = &cx.text[s..e];
                let name = title_case(text);
                let _ = g;
                (cx.reg.new_entity(&name, EntityType::Group, None), MentionKind::People)
            }
        };
        add(cx, first..last + 1, ent, kind);
    }
}

/// "Moscow PRAVDA", "Sofia BTA", "Tokyo YOMIURI SHIMBUN in Japanese": a
/// heading that opens with a place and goes on in capitals is a wire
/// service's source line, and the words in capitals name the outlet. A
/// headline in capitals goes on with a verb ("MOSCOW REJECTS ..."), which
/// ends the run before it starts.
fn source_lines(cx: &mut DocCx) {
    let lex = cx.lex;
    for si in 0..cx.sentences.len() {
        if !cx.sentences[si].heading {
            continue;
        }
        let range = cx.sentences[si].tokens.clone();
        let Some(place) = cx.mentions.iter().find(|m| m.tok.start == range.start) else {
            continue;
        };
        if cx.reg.kind(place.ent) != EntityType::Location {
            continue;
        }
        let start = place.tok.end;
        let mut end = start;
        while end < range.end
            && !covered(cx, end)
            && cx.toks[end].kind == TokenKind::Word
            && cx.toks[end].case == Case::Upper
            && lex.word_class(cx.key(end)).is_none()
            && !lex.verb_forms.contains_key(cx.key(end))
        {
            end += 1;
        }
        if end == start {
            continue;
        }
        let (s, e) = (cx.toks[start].start, cx.toks[end - 1].end);
        // Acronyms stay in capitals ("EFE", "BTA"); words are written as
        // names ("Yomiuri Shimbun").
        let name = if end - start == 1 && e - s <= 5 {
            cx.text[s..e].to_string()
        } else {
            title_case(&cx.text[s..e])
        };
        let ent = cx.reg.new_entity(&name, EntityType::Organization, None);
        add(cx, start..end, ent, MentionKind::Name);
    }
}

/// Whether "of" and a capitalised word that ends institutions' names
/// with their city ("University", "Bank") come right before token `i`.
fn names_organisation_before(cx: &DocCx, i: usize) -> bool {
    let joined = |k: usize| cx.toks[k - 1].end + 1 == cx.toks[k].start;
    i >= 2
        && cx.key(i - 1) == "of"
        && joined(i)
        && joined(i - 1)
        && cx.toks[i - 2].case == Case::Title
        && !covered(cx, i - 2)
        && cx.lex.place_in_name.contains(cx.key(i - 2))
}

/// The prepositions a name goes on after ("Ministry of Defence", "Center
/// for Economic Studies"), for the gazetteer's names and unknown ones alike.
fn joins_name(key: &str) -> bool {
    matches!(key, "of" | "for")
}

/// Whether the word at `k` joins two parts of one name: "of" in "Ministry
/// of Defence", or a name-joiner of words.tsv ("bin" in "Hamza bin Laden").
fn joins_at(cx: &DocCx, k: usize) -> bool {
    joins_name(cx.key(k)) || cx.class(k) == Some(WordClass::NameJoiner)
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

/// Whether a token can be part of a proper name.
fn is_name_token(cx: &DocCx, i: usize) -> bool {
    let t = &cx.toks[i];
    if t.kind != TokenKind::Word {
        return false;
    }
    let key = t.key.as_str();
    let prefixed = ["al-", "el-", "ad-", "as-", "ash-", "an-", "ibn-", "abu-"]
        .iter()
        .any(|p| key.starts_with(p) && cx.text[t.start + p.len()..].starts_with(|c: char| c.is_uppercase()));
    if !(t.is_capitalized() || prefixed) {
        return false;
    }
    if t.case == Case::Upper && t.key.chars().count() <= 5 {
        // Unknown acronyms (IRBM, POW) are not names of actors.
        return false;
    }
    if t.key.chars().count() == 1 || super::dates::MONTHS.contains(&key) || super::dates::WEEKDAYS.contains(&key) {
        return false;
    }
    if cx.lex.word_class(key).is_some() && !cx.lex.given_names.contains_key(key) {
        return false;
    }
    if cx.role_at(i, cx.toks.len()).is_some() {
        return false;
    }
    // "UK Foreign Secretary William Hague": the last word of a role that
    // starts before it ("Secretary") is the role's, not the name's.
    cx.role_ending_at(i).is_none_or(|(_, first)| first >= i)
}

/// The tokens of the initials that start at `i` and end before `end`:
/// single capital letters, each with its period glued to it ("J.H.",
/// "W."); 0 when there are none.
fn initials_at(cx: &DocCx, i: usize, end: usize) -> usize {
    let mut n = 0;
    while i + n + 1 < end {
        let t = &cx.toks[i + n];
        if t.kind != TokenKind::Word || t.case == Case::Lower {
            break;
        }
        // "J.H." may be one token, with or without its last period.
        let letters = t.key.trim_end_matches('.').split('.').all(|l| l.chars().count() == 1);
        if !letters {
            break;
        }
        if t.key.ends_with('.') {
            n += 1;
        } else if cx.toks[i + n + 1].key == "." && cx.toks[i + n + 1].start == t.end {
            n += 2;
        } else {
            break;
        }
    }
    n
}

/// "Booth shot Lincoln", "Lennon was shot by Chapman", "Oswald allegedly
/// killed": a lone capitalised word the tables lack, next to a verb whose
/// row says its arguments are people (`lone-name` in verbs.tsv), is a
/// person's surname. A lone word needs that strong a cue: sentence starts
/// and headlines capitalise common words, and an unknown company or
/// disease is no person, so the word must be title case, mid-sentence,
/// and not followed by a possessive.
fn lone_surname(cx: &DocCx, i: usize) -> bool {
    let t = &cx.toks[i];
    let n = cx.toks.len();
    if t.case != Case::Title || t.key.chars().count() < 3 || cx.key(i + 1) == "'s" {
        return false;
    }
    let start = sentence_start(cx, i);
    // Not the last word of a longer name ("Philippine Marines") or a word
    // that names a kind of organisation ("University").
    if (i > 0 && cx.toks[i - 1].is_capitalized()) || cx.lex.name_last_words.contains_key(t.key.as_str()) {
        return false;
    }
    let names_people = |k: usize| {
        k < n
            && cx
                .lex
                .verb_forms
                .get(cx.key(k))
                .is_some_and(|es| es.iter().any(|&e| cx.lex.verbs[e].lone_name))
    };
    let skippable =
        |k: usize| matches!(cx.class(k), Some(WordClass::Adv | WordClass::AuxBe | WordClass::AuxHave)) || cx.key(k).ends_with("ly");
    // As the subject: the verb next, past auxiliaries and adverbs.
    let mut k = i + 1;
    while k < n && k < i + 4 && skippable(k) {
        k += 1;
    }
    // At a sentence start, where every word is capitalised, only as the
    // subject, of a word that looks like a surname and that the tagger
    // reads as a proper noun: "Dravnik shot the guard", not "Gunfire
    // killed two" or "Shelling killed a boy".
    if start {
        return names_people(k) && looks_like_surname(cx, i) && !t.key.ends_with("ing") && tagged_as_name(cx, i);
    }
    // A verb of speech names its speaker as surely: "Ono said", and after
    // the verb "..., said Ono." at the end of a clause.
    let speech = |k: usize| k < n && cx.class(k) == Some(WordClass::Speech) && cx.toks[k].case == Case::Lower;
    if names_people(k) || (speech(i + 1) && !lone_word_blocked(cx, i)) {
        return true;
    }
    // Not after "told": its object is the one spoken to, often an outlet
    // ("told Interfax.").
    if i > 0 && speech(i - 1) && !attribution_before(cx, i) && (i + 1 >= n || matches!(cx.key(i + 1), "," | "." | ";")) {
        return true;
    }
    // As the object, or the agent after "by"; not before a common noun
    // it modifies ("sentenced Islamic militant Ismail").
    let mut k = i;
    if k > 0 && cx.key(k - 1) == "by" {
        k -= 1;
    }
    k > 0 && names_people(k - 1) && !common_word_at(cx, i + 1)
}

/// The tagger's reading of the word at `i`, from the sentence's words up
/// to two after it (as far as its features look).
fn tagged(cx: &DocCx, i: usize) -> Option<crate::syntax::Upos> {
    let model = crate::syntax::shipped().ok()?;
    let s = cx.sentence_of(i)?;
    let from = cx.sentences[s].tokens.start;
    let to = cx.sentences[s].tokens.end.min(i + 3);
    let forms: Vec<&str> = cx.toks[from..to].iter().map(|t| &cx.text[t.start..t.end]).collect();
    model.tag_upos(&forms).get(i - from).copied()
}

/// Whether the tagger leaves the word at `i` free to be a name: a common
/// noun, adjective, adverb, determiner, number or pronoun is none
/// ("Gunfire killed", "Early voting"). It is cautious: an unknown surname
/// at a sentence start often reads as a common noun too.
fn tagged_as_name(cx: &DocCx, i: usize) -> bool {
    use crate::syntax::Upos;
    tagged(cx, i).is_some_and(|u| !matches!(u, Upos::Noun | Upos::Adj | Upos::Adv | Upos::Det | Upos::Num | Upos::Pron))
}

/// "Warner, a former U.S. ambassador,", "Rogers, 45,", "Cetin added":
/// a lone capitalised word that no table knows, typed by what follows it
/// as [`cue_after`] types longer names. At a sentence start, where any
/// word is capitalised, only an age in commas counts and a verb of speech
/// after a word that [`looks_like_surname`] ("Police say" is no name).
///
/// Not after a determiner ("confirmed by the Diet, the ...") nor after a
/// joining word that follows a capitalised one: "Centers for Disease
/// Control and Prevention reports" is one name, not a person. Not before
/// a capitalised word after the comma either: "Lebak, Sultan Kudarat" is
/// a town and its province.
fn lone_name_cue(cx: &DocCx, adjectives: &rustc_hash::FxHashSet<usize>, i: usize) -> Option<(EntityType, Option<Gender>)> {
    let t = &cx.toks[i];
    if t.case != Case::Title || t.key.chars().count() < 3 || cx.key(i + 1) == "'s" {
        return None;
    }
    if (i > 0 && cx.toks[i - 1].is_capitalized() && !sentence_start(cx, i)) || cx.lex.name_last_words.contains_key(t.key.as_str()) {
        return None;
    }
    let n = cx.toks.len();
    if !sentence_start(cx, i) {
        // Not before a common noun: "a member of the Castro family".
        if employer_before(cx, i) && !common_word_at(cx, i + 1) {
            return Some((EntityType::Organization, None));
        }
        let place_pair = cx.key(i + 1) == "," && i + 2 < n && cx.toks[i + 2].case == Case::Title;
        if place_pair || lone_word_blocked(cx, i) {
            return None;
        }
        return cue_after(cx, adjectives, i, i + 1);
    }
    let aged = cx.key(i + 1) == "," && i + 3 < n && cx.toks[i + 2].kind == TokenKind::Number && cx.key(i + 3) == ",";
    let speaks = i + 1 < n && cx.class(i + 1) == Some(WordClass::Speech) && cx.toks[i + 1].case == Case::Lower;
    // "Harlow spokesman Ana Ruiz said": a word no table knows before a
    // role and a name is the organisation the person serves.
    // Only a role held in an organisation: "Rebel leader Ana Ruiz" is no
    // organisation's leader.
    let serves_org = cx.role_at(i + 1, n).is_some_and(|(r, _)| r.org_owner);
    if serves_org && role_then_name(cx, i + 1) && looks_like_surname(cx, i) {
        return Some((EntityType::Organization, None));
    }
    // "Initial reports say", "Media report": the speech word must read as
    // a verb, not as a noun the capitalised word qualifies.
    let verb = || tagged(cx, i + 1) == Some(crate::syntax::Upos::Verb);
    (aged || (speaks && looks_like_surname(cx, i) && verb())).then_some((EntityType::Person, None))
}

/// Whether a capitalised word at a sentence start could be a surname
/// rather than a common noun or a company's name: no table knows it as a
/// word ("Police", "Gunmen"), it does not look plural ("Officials"), and it
/// is written as a name is, without inner capitals or hyphens
/// ("Lashkar-e-Jihadi", "IQAir").
fn looks_like_surname(cx: &DocCx, i: usize) -> bool {
    let key = cx.key(i);
    let form = &cx.text[cx.toks[i].start..cx.toks[i].end];
    !table_knows(cx, key) && !key.ends_with('s') && !form.contains('-') && !form.chars().skip(1).any(char::is_uppercase)
}

/// Whether a table knows the word as something other than a name: a
/// function word, a noun for a kind of actor or thing, a word that ends
/// names, an agent noun, an honorific or a word that qualifies a role
/// ("Incumbent president Ana Ruiz" names no organisation).
fn table_knows(cx: &DocCx, key: &str) -> bool {
    let lex = cx.lex;
    lex.word_class(key).is_some()
        || lex.type_nouns.contains_key(key)
        || lex.name_last_words.contains_key(key)
        || lex.descriptions.contains_key(key)
        || lex.agents.contains_key(key)
        || lex.honorifics.contains_key(key)
        || lex.details.current.contains(key)
}

/// Whether the context before a lone capitalised word at `i` (not at a
/// sentence start) says it is no person's surname: a determiner ("by the
/// Diet"), a joining word after a capitalised one ("Disease Control and
/// Prevention"), or a cue that types it ("think tank Ember", which
/// [`singles`] reads).
fn lone_word_blocked(cx: &DocCx, i: usize) -> bool {
    let after_determiner = cx.class(i - 1) == Some(WordClass::Det);
    // "mining company Vantrel reports": a noun that ends organisations'
    // names says what the name after it is.
    let after_kind = cx.toks[i - 1].case == Case::Lower && cx.lex.name_last_words.contains_key(cx.key(i - 1));
    let joins = matches!(cx.class(i - 1), Some(WordClass::Conj | WordClass::NameJoiner)) || joins_name(cx.key(i - 1));
    let inside_name = i >= 2 && joins && cx.toks[i - 2].is_capitalized();
    after_determiner || after_kind || inside_name || cue_before(cx, i).is_some()
}

/// Whether a capitalised role word starts at `i`: the word before it is
/// then part of a title ("Deputy First Minister"), not a name.
fn title_role_at(cx: &DocCx, i: usize) -> bool {
    i < cx.toks.len() && cx.toks[i].case == Case::Title && cx.role_at(i, cx.toks.len()).is_some()
}

/// Whether a lowercase content word (no function word of words.tsv)
/// stands at `i`: a capitalised word before it modifies it ("the Castro
/// family", "Islamic militant").
fn common_word_at(cx: &DocCx, i: usize) -> bool {
    i < cx.toks.len() && cx.toks[i].kind == TokenKind::Word && cx.toks[i].case == Case::Lower && cx.class(i).is_none()
}

fn sentence_start(cx: &DocCx, i: usize) -> bool {
    let Some(s) = cx.sentence_of(i) else { return false };
    let mut j = cx.sentences[s].tokens.start;
    while j < i && cx.toks[j].kind == TokenKind::Punct {
        j += 1;
    }
    j == i
}

/// The entity type and gender cues just before token `i`: a role phrase
/// ("rights group Viasna"), an honorific ("Mr"), or attribution wording.
fn cue_before(cx: &DocCx, i: usize) -> Option<(EntityType, Option<Gender>)> {
    let lex = cx.lex;
    if i == 0 {
        return None;
    }
    let mut j = i - 1;
    if cx.toks[j].key == "." && j > 0 {
        j -= 1;
    }
    if let Some(g) = lex.honorifics.get(cx.key(j)) {
        return Some((EntityType::Person, *g));
    }
    for n in 1..=lex.max_role_tokens.min(i) {
        if let Some((r, len)) = cx.role_at(i - n, i) {
            if len == n {
                return Some((r.applies_to, r.gender));
            }
        }
    }
    // "baseball legend Babe Ruth": a lowercase noun for what the name is.
    if cx.toks[i - 1].case == Case::Lower {
        if let Some(&c) = lex.type_nouns.get(cx.key(i - 1)) {
            return Some(c);
        }
    }
    None
}

fn surname_gender(key: &str) -> Option<Gender> {
    const F: &[&str] = &["aya", "ova", "eva", "ina", "ska", "skaya", "yna", "iene", "yte", "ite"];
    const M: &[&str] = &["sky", "ski", "ov", "ev", "in", "enko", "uk", "vich"];
    if F.iter().any(|s| key.ends_with(s)) {
        Some(Gender::Female)
    } else if M.iter().any(|s| key.ends_with(s)) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// Capitalised sequences of two or more words that the gazetteer lacks.
fn unknown_names(cx: &mut DocCx) {
    let lex = cx.lex;
    // One-word nationality adjectives, by token, that an organisation's name
    // may absorb; absorbed ones are dropped in one pass at the end (looking
    // each up in the mention list made a page of party names quadratic).
    let adjectives: rustc_hash::FxHashSet<usize> = cx
        .mentions
        .iter()
        .filter(|m| m.tok.len() == 1 && m.kind == MentionKind::Adjective)
        .map(|m| m.tok.start)
        .collect();
    let mut absorbed: rustc_hash::FxHashSet<usize> = rustc_hash::FxHashSet::default();
    let places = places_by_start(cx);
    for si in 0..cx.sentences.len() {
        let range = cx.sentences[si].tokens.clone();
        let mut i = range.start;
        while i < range.end {
            // "J.H. Berman", "W. Dale Nelson": initials open a name.
            let initials = initials_at(cx, i, range.end);
            let opens = initials > 0
                && i + initials < range.end
                && !covered(cx, i)
                && !covered(cx, i + initials)
                && is_name_token(cx, i + initials);
            if !opens && (covered(cx, i) || !is_name_token(cx, i)) {
                i += 1;
                continue;
            }
            let start = i;
            let i_open = i;
            let mut end = if opens { i + initials + 1 } else { i + 1 };
            loop {
                if end < range.end && !covered(cx, end) && is_name_token(cx, end) {
                    end += 1;
                } else if end < range.end
                    && !covered(cx, end)
                    && cx.toks[end].case == Case::Title
                    && cx.lex.given_names.contains_key(cx.key(start))
                    && end - start == 1
                    && (end + 1 == range.end || !cx.toks[end + 1].is_capitalized())
                {
                    // "Tom King has promised": a title word after a first
                    // name and before a lowercase word is a surname.
                    end += 1;
                } else if end + 1 < range.end
                    && cx.key(end) == "."
                    && cx.toks[end].start == cx.toks[end - 1].end
                    && crate::text::is_word_abbreviation(&cx.toks[end - 1])
                    && cx.toks[end - 1].case != Case::Lower
                    && !covered(cx, end + 1)
                    && is_name_token(cx, end + 1)
                {
                    // "St. Joseph": an abbreviation and its dot start a name.
                    end += 2;
                } else if let Some(n) = Some(initials_at(cx, end, range.end))
                    .filter(|&n| n > 0 && end + n < range.end && !covered(cx, end + n) && is_name_token(cx, end + n))
                {
                    // "Frank D. Cuevas", "John F.X. Ruiz": middle initials.
                    end += n + 1;
                } else if let Some(r) = and_joined(cx, end, range.end) {
                    // "Truth and Reconciliation Commission".
                    end = r;
                } else if end + 1 < range.end && joins_at(cx, end) && !covered(cx, end + 1) && is_name_token(cx, end + 1) {
                    end += 2;
                } else {
                    break;
                }
            }
            i = end;
            if end - start == 1 && !opens {
                let cue = if lone_surname(cx, start) {
                    Some((EntityType::Person, None))
                } else {
                    lone_name_cue(cx, &adjectives, start)
                };
                if let Some((kind, gender)) = cue {
                    let name = cx.text[cx.toks[start].start..cx.toks[start].end].to_string();
                    let gender = if kind == EntityType::Person {
                        gender.or_else(|| surname_gender(cx.key(start)))
                    } else {
                        None
                    };
                    let ent = cx.reg.new_entity(&name, kind, gender);
                    add(cx, start..end, ent, MentionKind::Name);
                    continue;
                }
            }
            if end - start < 2 {
                continue;
            }
            // "Judge Ana Ruiz": a capitalised honorific is the cue before
            // the name, not part of it.
            let start = if lex.honorifics.contains_key(cx.key(start)) {
                start + if cx.key(start + 1) == "." { 2 } else { 1 }
            } else {
                start
            };
            // "Yesterday Ana Ruiz said": a sentence's capitalised first word
            // that is no given name does not open the given name after it.
            let start = if sentence_start(cx, start)
                && end - start > 2
                && !lex.given_names.contains_key(cx.key(start))
                && lex.given_names.contains_key(cx.key(start + 1))
                && cx.toks[start + 1].kind == TokenKind::Word
            {
                start + 1
            } else {
                start
            };
            if end - start < 2 {
                continue;
            }
            // "Ministry of Defence" and "Center for Economic Studies" keep
            // their "of" and "for"; "Kellogg of Texas" does not, and the
            // name after the "of" is read on its own: "Ana Ruiz of State
            // University".
            let mut head = None;
            if let Some(of) = (start..end).find(|&k| joins_name(cx.key(k))) {
                match lex.name_last_words.get(cx.key(of - 1)) {
                    Some(&t) => head = Some(t),
                    None => {
                        end = of;
                        i = of + 1;
                    }
                }
            }
            if end - start < 2 {
                continue;
            }
            let last = cx.key(end - 1).to_string();
            // The initials that opened the name, read once; a name whose
            // start moved past a cue word reads its own.
            let initials = if opens && start == i_open {
                initials.min(end - start - 1)
            } else {
                initials_at(cx, start, end)
            };
            let first = cx.key(start + initials).to_string();
            let cue = cue_before(cx, start);
            // "Deputy National Security Advisor": capitalised words between
            // two role words are part of one title, not a person's name.
            // An honorific or a given name still opens a name: "Dr. Martin
            // Luther King", "civil rights leader Martin Luther King".
            let titled = title_role_at(cx, end);
            let honorific = start > 0 && (lex.honorifics.contains_key(cx.key(start - 1)) || cx.key(start - 1) == ".");
            let given = lex.given_names.contains_key(cx.key(start));
            if titled && !honorific && !given && cue.is_some_and(|(t, _)| t == EntityType::Person) {
                continue;
            }
            let (kind, gender) = if let Some(c) = cue {
                c
            } else if let Some(&t) = lex.name_last_words.get(&last) {
                (t, None)
            } else if let Some(t) = head {
                (t, None)
            } else if let Some(&g) = lex.given_names.get(&first) {
                (EntityType::Person, g)
            } else if initials > 0 {
                // Initials before a surname write a person's name.
                (EntityType::Person, None)
            } else if employer_before(cx, start) {
                (EntityType::Organization, None)
            } else if attribution_before(cx, start) && cue_after(cx, &adjectives, start, end).is_none() {
                // "according to Reuters", but "according to Marcio Barbosa,
                // director of the agency": a person's cue after the name wins.
                (EntityType::Organization, None)
            } else if place_follows(cx, &places, end) {
                (EntityType::Location, None)
            } else if let Some(c) = cue_after(cx, &adjectives, start, end) {
                c
            } else {
                continue;
            };
            let gender = if kind == EntityType::Person {
                gender.or_else(|| surname_gender(&last))
            } else {
                None
            };
            // "Rwandan Patriotic Front", "Palestinian Liberation
            // Organization": a nationality word directly before an
            // organisation's name is part of the name.
            let mut start = start;
            // Not for state bodies: "Russian Army" is Russia's army
            // (name_keywords.tsv says which last words take one).
            let movement = lex.nationality_in_name.contains(last.as_str());
            if cue.is_none() && movement && start > 0 && adjectives.contains(&(start - 1)) && absorbed.insert(start - 1) {
                start -= 1;
            }
            let s = cx.toks[start].start;
            let e = cx.toks[end - 1].end;
            let name = if cx.toks[start..end].iter().all(|t| t.case == Case::Upper) {
                title_case(&cx.text[s..e])
            } else {
                cx.text[s..e].replace('\u{2019}', "'")
            };
            let ent = cx.reg.new_entity(&name, kind, gender);
            add(cx, start..end, ent, MentionKind::Name);
        }
    }
    if !absorbed.is_empty() {
        cx.mentions
            .retain(|m| !(m.tok.len() == 1 && m.kind == MentionKind::Adjective && absorbed.contains(&m.tok.start)));
    }
}

/// "Truth and Reconciliation Commission", "Trade and Industry Ministry":
/// an "and" at `at` joins two runs of capitalised words into one name when
/// the second ends the name of an organisation. Returns where that run
/// ends; a list of names ("Ana Ruiz and Tom Hale") ends in no such word,
/// and "Barclays and Bank of America" has a second name that goes on.
fn and_joined(cx: &DocCx, at: usize, end: usize) -> Option<usize> {
    if cx.key(at) != "and" || cx.toks[at].case != Case::Lower {
        return None;
    }
    let mut r = at + 1;
    while r < end && !covered(cx, r) && is_name_token(cx, r) {
        r += 1;
    }
    let organisation = r > at + 1 && cx.lex.name_last_words.get(cx.key(r - 1)) == Some(&EntityType::Organization);
    // "Barclays and Bank of America": a second name that goes on with
    // "of" and a name is a name of its own; "of the Solomon Islands" after
    // it says where the one organisation is.
    let goes_on = r < end && (cx.toks[r].is_capitalized() || (joins_at(cx, r) && r + 1 < end && cx.toks[r + 1].is_capitalized()));
    (organisation && !goes_on).then_some(r)
}

/// "Tempe, Ariz.", "Fort Hamilton, Brooklyn", "AOSTA, Italy (AP)": a name
/// followed by a comma and a known place or country, itself followed by
/// punctuation, a lowercase word or the end, names a place inside that
/// one. The last condition keeps "Jones, Ohio's governor" and "Smith, Texas
/// Rangers" out.
fn place_follows(cx: &DocCx, places: &HashMap<usize, usize>, end: usize) -> bool {
    if end + 1 >= cx.toks.len() || cx.key(end) != "," {
        return false;
    }
    let Some(&place_end) = places.get(&(end + 1)) else {
        return false;
    };
    match cx.toks.get(place_end) {
        None => true,
        Some(t) if t.kind == TokenKind::Word => t.case == Case::Lower,
        Some(t) => !matches!(t.key.as_str(), "'s" | "\u{2019}s" | "-"),
    }
}

/// The named places and countries found so far, by first token, with the
/// token after each: what [`place_follows`] looks for.
fn places_by_start(cx: &DocCx) -> HashMap<usize, usize> {
    cx.mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Name && matches!(cx.reg.ents[m.ent].kind, EntityType::Location | EntityType::Country))
        .map(|m| (m.tok.start, m.tok.end))
        .collect()
}

/// The entity type that the words around an otherwise untyped name give
/// it, for names of two or more words that no table knows:
/// - an age in commas, "Ana Ruiz, 45, said": a person;
/// - "who" after its comma: a person;
/// - an apposition with a role or a type noun, "Ana Ruiz, a retired
///   judge," "Ana Ruiz, public relations secretary at", "Ana Ruiz, a
///   Chilean immigrant," (`adjectives` holds the tokens of one-word
///   nationality adjectives): the role's or the noun's type;
/// - a speech verb next to it, "Ana Ruiz said" or "said Ana Ruiz.": a
///   person. Organisations speak too, but an unknown organisation's name
///   nearly always ends in a word such as "Group" or "Council", which types
///   it before this cue is asked.
fn cue_after(cx: &DocCx, adjectives: &rustc_hash::FxHashSet<usize>, start: usize, end: usize) -> Option<(EntityType, Option<Gender>)> {
    let n = cx.toks.len();
    let key = |i: usize| if i < n { cx.key(i) } else { "" };
    if key(end) == "," && end + 2 < n && cx.toks[end + 1].kind == TokenKind::Number && key(end + 2) == "," {
        return Some((EntityType::Person, None));
    }
    if key(end) == "," {
        // "Ana Ruiz, who": a relative pronoun that stands only for people.
        if end + 1 < n && cx.class(end + 1) == Some(WordClass::RelPerson) {
            return Some((EntityType::Person, None));
        }
        let mut j = end + 1;
        if j < n && cx.class(j) == Some(WordClass::Det) {
            j += 1;
        }
        // "a retired judge", "public relations secretary", "a 20-year-old
        // Chilean immigrant": up to six lowercase words, numbers, hyphens
        // and nationality adjectives before the role or type noun.
        for k in j..(j + 7).min(n) {
            if let Some((r, _)) = cx.role_at(k, n) {
                return Some((r.applies_to, r.gender));
            }
            if cx.toks[k].case == Case::Lower {
                if let Some(&c) = cx.lex.type_nouns.get(cx.key(k)) {
                    return Some(c);
                }
            }
            let adjective = adjectives.contains(&k);
            let modifier = match cx.toks[k].kind {
                TokenKind::Word => cx.toks[k].case == Case::Lower && cx.class(k).is_none(),
                TokenKind::Number => true,
                _ => cx.key(k) == "-",
            };
            if !(modifier || adjective) {
                break;
            }
        }
    }
    if role_then_name(cx, end) {
        return Some((EntityType::Organization, None));
    }
    let speech = |i: usize| i < n && cx.class(i) == Some(WordClass::Speech) && cx.toks[i].case == Case::Lower;
    let closes = end >= n || matches!(key(end), "," | "." | ";");
    if speech(end) || (start > 0 && speech(start - 1) && closes && !attribution_before(cx, start)) {
        return Some((EntityType::Person, None));
    }
    None
}

/// "Board of Education spokesman Frank Sobrino", "Healy president George
/// Malina": a role noun for people and then a capitalised name after an
/// unknown name make that name the organisation the person serves (known
/// places and nationality words are mentions already and never get here).
fn role_then_name(cx: &DocCx, end: usize) -> bool {
    let n = cx.toks.len();
    match cx.role_at(end, n) {
        Some((r, len)) => {
            r.applies_to == EntityType::Person
                && cx.toks[end].case == Case::Lower
                && end + len < n
                && cx.toks[end + len].case == Case::Title
                && is_name_token(cx, end + len)
        }
        None => false,
    }
}

/// Whether the role noun at `i` is one a person holds in an organisation
/// ("spokesman", "chairman"), not one held in a cause or a field ("LGBT
/// activist", "AI researcher"): roles.tsv writes the latter as "-in".
fn serves(cx: &DocCx, i: usize) -> bool {
    cx.role_at(i, cx.toks.len()).is_some_and(|(r, _)| !r.predicate.ends_with("-in"))
}

/// "a spokeswoman for Velmora", "director of the Harlow Institute", "an
/// engineer with Larami": an unknown name after a role held in an
/// organisation (roles.tsv flag `org-owner`), an employer word
/// (details.tsv kind `employer`) and perhaps a determiner is that
/// organisation's.
fn employer_before(cx: &DocCx, i: usize) -> bool {
    let mut j = i;
    if j > 0 && cx.class(j - 1) == Some(WordClass::Det) {
        j -= 1;
    }
    if j < 2 || !cx.lex.details.employer_preps.contains(cx.key(j - 1)) {
        return false;
    }
    cx.role_ending_at(j - 2).is_some_and(|(r, _)| r.org_owner)
}

fn attribution_before(cx: &DocCx, i: usize) -> bool {
    let k1 = if i >= 1 { cx.key(i - 1) } else { "" };
    let k2 = if i >= 2 { cx.key(i - 2) } else { "" };
    matches!((k2, k1), ("according", "to") | ("reported", "by") | (_, "told"))
}

/// Single capitalised words: surnames of people the article or the
/// gazetteer names in full, or names typed by a cue ("rights group Viasna").
fn singles(cx: &mut DocCx) {
    let lex = cx.lex;
    // Surnames of the people this document names in full.
    let mut doc_surnames: HashMap<String, Vec<EntId>> = HashMap::default();
    for m in &cx.mentions {
        let d = &cx.reg.ents[m.ent];
        if d.kind != EntityType::Person || m.tok.len() < 2 {
            continue;
        }
        let last = cx.key(m.tok.end - 1).to_string();
        let v = doc_surnames.entry(last).or_default();
        if !v.contains(&m.ent) {
            v.push(m.ent);
        }
    }
    let places = places_by_start(cx);
    for si in 0..cx.sentences.len() {
        let range = cx.sentences[si].tokens.clone();
        for i in range.clone() {
            if covered(cx, i) {
                continue;
            }
            let t = &cx.toks[i];
            if t.kind != TokenKind::Word || !t.is_capitalized() || t.key.chars().count() < 2 {
                continue;
            }
            let key = t.key.clone();
            if let Some(v) = doc_surnames.get(key.as_str()).filter(|v| v.len() == 1) {
                let ent = v[0];
                add(cx, i..i + 1, ent, MentionKind::Name);
                continue;
            }
            // "GE spokesman Richard Kerr", "FBI agent Ana Ruiz": an acronym
            // the tables lack, before a role for people and a name, is the
            // organisation the person serves. Elsewhere a short word in
            // capitals is no name (IRBM, POW).
            let acronym = t.case == Case::Upper && t.key.chars().all(|c| c.is_ascii_alphabetic());
            if acronym && !is_name_token(cx, i) && role_then_name(cx, i + 1) && serves(cx, i + 1) {
                let ent = cx.reg.new_entity(&cx.text[t.start..t.end], EntityType::Organization, None);
                add(cx, i..i + 1, ent, MentionKind::Name);
                continue;
            }
            if !is_name_token(cx, i) {
                continue;
            }
            // "Austin, Texas" is a place even where Austin is a known
            // surname. At a sentence start only a dateline's capitals count:
            // "Meanwhile, Ohio officials" is no place.
            if place_follows(cx, &places, i + 1) && (t.case == Case::Upper || !sentence_start(cx, i)) {
                let name = if t.case == Case::Upper {
                    title_case(&cx.text[t.start..t.end])
                } else {
                    cx.text[t.start..t.end].to_string()
                };
                let ent = cx.reg.new_entity(&name, EntityType::Location, None);
                add(cx, i..i + 1, ent, MentionKind::Name);
                continue;
            }
            // "Aftab Ahmad Khan Sherpao" is not Imran Khan: a known surname
            // inside a longer unknown name is part of that name.
            let in_longer_name = (i > range.start && is_name_token(cx, i - 1) && !covered(cx, i - 1))
                || (i + 1 < range.end && is_name_token(cx, i + 1) && !covered(cx, i + 1));
            if let Some(v) = lex.surnames.get(key.as_str()).filter(|v| v.len() == 1 && !in_longer_name) {
                let ent = cx.reg.gaz(lex, v[0]);
                add(cx, i..i + 1, ent, MentionKind::Name);
                continue;
            }
            // A single word before "spokesman Ana Ruiz"; not at a sentence
            // start, where a capitalised adverb or adjective may stand.
            // Nor as the last word of a longer name the tables lack:
            // "Jama'at Nasr al-Islam wal Muslimin spokesman".
            let after_name_part = i > range.start && {
                let p = &cx.toks[i - 1];
                p.kind == TokenKind::Word && (p.case != Case::Lower || cx.class(i - 1) == Some(WordClass::NameJoiner))
            };
            if !sentence_start(cx, i) && !after_name_part && role_then_name(cx, i + 1) {
                let ent = cx.reg.new_entity(&cx.text[t.start..t.end], EntityType::Organization, None);
                add(cx, i..i + 1, ent, MentionKind::Name);
                continue;
            }
            // "Vice President Dr. Riek Machar": an honorific is the next
            // name's cue, never a name of its own.
            if lex.honorifics.contains_key(key.as_str()) {
                continue;
            }
            if let Some((kind, gender)) = cue_before(cx, i) {
                // "Journalist Syndicate", "Workers Union": a capitalised
                // role word starts an organisation's name, not a title.
                // "Deputy First Minister", "Deputy Health Minister": a word
                // between two role words is part of one title.
                let titled = title_role_at(cx, i + 1);
                if sentence_start(cx, i) || lex.name_last_words.contains_key(key.as_str()) || titled {
                    continue;
                }
                let name = cx.text[t.start..t.end].to_string();
                let ent = cx.reg.new_entity(&name, kind, gender.or_else(|| surname_gender(&key)));
                add(cx, i..i + 1, ent, MentionKind::Name);
            }
        }
    }
}
