//! The relation grammar: verbs from the verb lexicon with their subjects and
//! objects (active, passive, coordinated, infinitive and relative clauses),
//! negation, modality and attribution; and events stated by nouns
//! ("Western sanctions on Belarus", "the deployment of Russian arms in
//! Belarus").

use super::phrases::{self, Mode, SentencePhrases};
use super::{DocCx, EntId, NewTriple, MAX_GRAMMAR_TOKENS};
use crate::lexicon::{Slot, VerbEntry, WordClass};
use crate::model::{Category, EntityType, Modality, Quad};
use crate::text::TokenKind;

/// A verb occurrence already analysed in this sentence.
#[derive(Debug, Clone)]
struct Record {
    tok: usize,
    subj: Vec<EntId>,
    obj: Vec<EntId>,
    /// "asked X to ...": the infinitive's subject is the object.
    control: bool,
    /// "plans to", "threatened to": the infinitive is not asserted.
    intent: Option<Modality>,
    /// "tried to": the infinitive is not asserted, and not announced.
    attempt: bool,
    /// "refused to": the infinitive is negated.
    refuse: bool,
    /// The governing event verb ("offered to hand over to Y" codes the
    /// offer against Y).
    entry: Option<usize>,
    negated: bool,
    modality: Modality,
    speech: bool,
}

/// Runs the grammar over sentence `s`.
pub fn sentence(cx: &mut DocCx, s: usize) {
    let ph = phrases::analyse(cx, s, Mode::Full);
    if ph.range.len() > MAX_GRAMMAR_TOKENS {
        cx.out.warnings.push(format!(
            "{}: sentence {s} has {} tokens; relations skipped (entities kept)",
            cx.doc.id,
            ph.range.len()
        ));
        return;
    }
    let lex = cx.lex;
    let mut records: Vec<Record> = Vec::new();
    let attribution = trailing_attribution(cx, &ph);
    let trailing_speech = trailing_speech(cx, &ph);
    // Tokens a phrasal verb used as its particle ("pulled back") are not
    // verbs of their own.
    let mut consumed = ph.range.start;
    for i in ph.range.clone() {
        if i < consumed || ph.np_at(i).is_some() || cx.toks[i].kind != TokenKind::Word {
            continue;
        }
        let key = cx.key(i).to_string();
        let class = lex.word_class(&key);
        let entries: Vec<usize> = lex.verb_forms.get(&key).cloned().unwrap_or_default();
        let light = matches!(
            class,
            Some(
                WordClass::Light
                    | WordClass::Attempt
                    | WordClass::Speech
                    | WordClass::Refuse
                    | WordClass::Experiencer
                    | WordClass::Support
                    | WordClass::Halt
                    | WordClass::CallOff
            )
        );
        if entries.is_empty() && !light {
            infinitive_object(cx, &ph, s, i, &records, attribution);
            continue;
        }
        if !entries.is_empty() && looks_like_noun(cx, &ph, i) {
            continue;
        }
        let clause = find_subject(cx, &ph, i, &records);
        let passive = is_passive(cx, i);
        if !passive {
            for &e in &clause.subj {
                cx.recent_subjects.push((e, s));
            }
        }
        let mut rec = Record {
            tok: i,
            subj: clause.subj.clone(),
            obj: vec![],
            control: false,
            intent: match class {
                Some(WordClass::Light) => Some(if key.starts_with("threat") {
                    Modality::Hypothetical
                } else {
                    Modality::Planned
                }),
                // Whether a tried act came about, the sentence does not say.
                Some(WordClass::Attempt) => Some(Modality::Hypothetical),
                _ => None,
            },
            attempt: class == Some(WordClass::Attempt),
            refuse: matches!(class, Some(WordClass::Refuse | WordClass::CallOff)),
            entry: None,
            negated: clause.negated,
            modality: clause.modality,
            // "denied the report", "rejected his claims": a verb of speech
            // after a determiner or an owner is a noun, and reports nothing.
            speech: class == Some(WordClass::Speech)
                && !(i > ph.range.start && matches!(cx.class(i - 1), Some(WordClass::Det | WordClass::PronPoss))),
        };
        let mut best: Option<(usize, Vec<EntId>, usize)> = None;
        // Phrasal entries whose particle follows come first: "exchanged
        // fire with" before "exchanged with".
        let mut entries = entries;
        entries.sort_by_key(|&e| lex.verbs[e].particle.as_deref().is_none_or(|p| particle_at(cx, i + 1, p).is_none()));
        for &e in &entries {
            let v = &lex.verbs[e];
            let after = match &v.particle {
                Some(p) => match particle_at(cx, i + 1, p) {
                    Some(a) => a,
                    None => continue,
                },
                None => i + 1,
            };
            if passive {
                best = Some((e, vec![], after));
                break;
            }
            let mut objs = find_objects(cx, &ph, after, v);
            // "demonstrated in Kirkuk calling for independence from Iraq":
            // a protest's target is named by its demand, not by its place.
            // A city is where a protest happens, not whom it is against; a
            // country stands for its government, as event coders read it.
            if v.category == Category::Protest {
                objs.retain(|&o| cx.reg.kind(o) != EntityType::Location);
                if objs.is_empty() {
                    objs = demand_target(cx, &ph, after);
                }
            }
            if !objs.is_empty() {
                best = Some((e, objs, after));
                break;
            }
            if best.is_none() {
                best = Some((e, vec![], after));
            }
        }
        if best.is_none() {
            infinitive_object(cx, &ph, s, i, &records, attribution);
        }
        if let Some((e, objs, after)) = best {
            let v = &lex.verbs[e];
            if v.particle.is_some() {
                consumed = after;
            }
            rec.entry = Some(e);
            rec.control = v.control;
            if v.intent && rec.intent.is_none() {
                rec.intent = Some(if v.category == Category::Threaten {
                    Modality::Hypothetical
                } else {
                    Modality::Planned
                });
            }
            rec.obj = objs.clone();
            let speaker = attribution.or(speech_before(&records));
            // Reported speech is reported whoever speaks: "the ministry
            // said", "officials claim", ", sources said" name no entity.
            let reported = speaker.is_some() || records.iter().any(|r| r.speech) || trailing_speech;
            let (modality, attr) = match (clause.modality, speaker) {
                (Modality::Asserted, Some(a)) => (Modality::Reported, Some(a)),
                (Modality::Asserted, None) if reported => (Modality::Reported, None),
                (m, a) => (m, a),
            };
            if passive {
                passive_event(cx, &ph, s, i, v, &clause, modality, attr);
            } else {
                // How the objects were resolved belongs in the explanation too.
                let mut clause = clause.clone();
                for np in ph.nps.iter().filter(|np| np.start > i && np.refs.iter().any(|r| objs.contains(r))) {
                    clause.notes.extend(np.notes.iter().cloned());
                }
                active_event(cx, s, i, v, &clause, &objs, modality, attr);
                // "Libya offered to hand over to Britain": the governing
                // verb takes the infinitive's object when it has none.
                if clause.via_infinitive && !objs.is_empty() {
                    if let Some(g) = records
                        .iter()
                        .rev()
                        .find(|r| r.tok < i && r.obj.is_empty() && r.entry.is_some() && r.intent.is_some() && !r.control)
                    {
                        let gv = &lex.verbs[g.entry.unwrap_or(0)];
                        let subj = g.subj.clone();
                        let (neg, gm) = (g.negated, g.modality);
                        for &s0 in &subj {
                            for o in apart(&objs, &subj) {
                                let mut t = NewTriple::new(s0, &gv.predicate, gv.category, o, s, "verb-governs-infinitive");
                                t.trigger = Some(g.tok);
                                t.negated = neg;
                                t.modality = if gm == Modality::Asserted && attr.is_some() {
                                    Modality::Reported
                                } else {
                                    gm
                                };
                                t.attribution = attr;
                                t.symmetric = gv.symmetric;
                                t.confidence = 0.6;
                                cx.emit(t);
                            }
                        }
                    }
                }
            }
        }
        if rec.speech {
            deontic_report(cx, &ph, s, i, &rec);
        }
        records.push(rec);
    }
    event_nouns(cx, &ph, s, &records, attribution);
}

/// "threatened to break relations with Russia": a verb the lexicon lacks,
/// after an intent verb that has no object of its own, lends that verb the
/// first actor of its clause.
fn infinitive_object(cx: &mut DocCx, ph: &SentencePhrases, s: usize, i: usize, records: &[Record], attr: Option<EntId>) {
    if i == 0 || cx.key(i - 1) != "to" || cx.toks[i].is_capitalized() {
        return;
    }
    let Some(g) = records.last() else { return };
    let Some(e) = g.entry else { return };
    let v = &cx.lex.verbs[e];
    if !g.obj.is_empty() || g.subj.is_empty() || !v.intent || v.control || g.tok + 8 < i {
        return;
    }
    let end = clause_end(cx, ph, i + 1);
    let mut t = i + 1;
    let mut objs = vec![];
    while t < end {
        let direct = t == i + 1 || cx.class(t - 1) == Some(WordClass::Det);
        let after_prep = matches!(cx.key(t - 1), "with" | "against" | "on" | "to" | "in" | "from" | "into");
        if let Some(np) = ph.np_at(t).filter(|np| np.start == t) {
            if direct || after_prep {
                objs = argument(np);
                if !objs.is_empty() {
                    break;
                }
            }
            t = np.end.max(t + 1);
            continue;
        }
        t += 1;
    }
    for &a in &g.subj {
        for o in apart(&objs, &g.subj) {
            let mut t = NewTriple::new(a, &v.predicate, v.category, o, s, "verb-governs-infinitive");
            t.trigger = Some(g.tok);
            t.modality = if attr.is_some() { Modality::Reported } else { g.modality };
            t.attribution = attr;
            t.negated = g.negated;
            t.confidence = 0.5;
            t.notes.push(format!("object of the infinitive {:?}", cx.key(i)));
            cx.emit(t);
        }
    }
}

/// "Russia said Sudan must return the helicopter": a report that someone
/// must act is a demand on them.
fn deontic_report(cx: &mut DocCx, ph: &SentencePhrases, s: usize, i: usize, rec: &Record) {
    if rec.subj.is_empty() {
        return;
    }
    let end = ph.range.end;
    let mut t = i + 1;
    let limit = (i + 7).min(end);
    while t < limit && ph.np_at(t).is_none() && cx.key(t) != "that" {
        t += 1;
    }
    if cx.key(t) == "that" {
        t += 1;
    }
    let Some(np) = ph.np_at(t).filter(|np| np.start == t) else { return };
    let objs = coordinated(cx, ph, argument(np), np.end, end);
    // Past the coordinated phrase and a short tail ("US and British forces
    // must ...", "the rebels in Darfur must ..."), but not past a verb.
    let mut k = np.end;
    let limit = (np.end + 12).min(end);
    while k < limit && !matches!(cx.key(k), "must" | "should" | "has" | "have" | "needs" | "need") {
        if cx.lex.verb_forms.contains_key(cx.key(k)) && ph.np_at(k).is_none() {
            return;
        }
        k += 1;
    }
    while k < end && matches!(cx.class(k), Some(WordClass::Adv)) {
        k += 1;
    }
    let must = matches!(cx.key(k), "must" | "should") || (matches!(cx.key(k), "has" | "have" | "needs" | "need") && cx.key(k + 1) == "to");
    if !must {
        return;
    }
    for &a in &rec.subj {
        for &o in &objs {
            let mut t = NewTriple::new(a, "demanded", Category::Request, o, s, "report-must");
            t.confidence = 0.6;
            t.notes.push(format!("{:?} ... must: a demand", cx.key(i)));
            cx.emit(t);
        }
    }
}

/// Where a verb's particle or fixed object ends: right after the verb
/// ("handed over") or after one or two modifiers ("granted political
/// asylum", "sent more troops").
fn particle_at(cx: &DocCx, at: usize, particle: &str) -> Option<usize> {
    for skip in 0..3 {
        let t = at + skip;
        if t >= cx.toks.len() {
            return None;
        }
        if cx.key(t) == particle {
            return Some(t + 1);
        }
        let tok = &cx.toks[t];
        let modifier = tok.kind == TokenKind::Word
            && !tok.is_capitalized()
            && cx.mention(t).is_none()
            && !cx.lex.verb_forms.contains_key(tok.key.as_str())
            && cx.lex.word_class(&tok.key).is_none_or(|c| c == WordClass::Det);
        if !modifier || skip == 2 {
            return None;
        }
        // Only content-like particles (nouns such as "asylum", "troops")
        // may stand after modifiers; "over" and "up" follow the verb.
        if matches!(cx.lex.word_class(particle), Some(WordClass::Prep | WordClass::Adv)) {
            return None;
        }
    }
    None
}

/// A verb form used as a noun: "the attack", "Israeli strikes", "its release".
fn looks_like_noun(cx: &DocCx, ph: &SentencePhrases, i: usize) -> bool {
    if i == ph.range.start {
        return matches!(cx.key(i + 1), "by" | "of" | "between" | "from");
    }
    let prev = cx.key(i - 1);
    if matches!(cx.lex.word_class(prev), Some(WordClass::Det | WordClass::PronPoss)) && prev != "that" && prev != "all" {
        return true;
    }
    // "halted aid to", "announced support for": the object of a halting or
    // support verb is a noun.
    if matches!(
        cx.lex.word_class(prev),
        Some(WordClass::Halt | WordClass::CallOff | WordClass::Support)
    ) {
        return true;
    }
    // "prohibit all aid", "with all aid": "all" after a verb or preposition
    // starts a noun phrase.
    if prev == "all" && i >= ph.range.start + 2 {
        let pp = cx.key(i - 2);
        if cx.lex.verb_forms.contains_key(pp)
            || matches!(
                cx.lex.word_class(pp),
                Some(WordClass::Prep | WordClass::Halt | WordClass::CallOff | WordClass::Support)
            )
        {
            return true;
        }
    }
    if let Some(np) = ph.np_at(i - 1) {
        if np.owner_only || cx.mention(i - 1).is_some_and(|m| m.kind == super::MentionKind::Adjective) {
            return true;
        }
    }
    if prev == "'s" || (prev != "to" && cx.lex.word_class(prev) == Some(WordClass::Prep)) {
        return true;
    }
    // "a close partner", "the new deployment": a determiner a few
    // lowercase words back. Not after a noun that names an event: "the
    // airstrike killed" is a verb. (Agent nouns are often adjectives as
    // well: "military aid" is a noun.)
    let noun_before = cx.lex.event_noun_forms.contains_key(cx.key(i - 1));
    if noun_before && !cx.lex.verb_forms.contains_key(cx.key(i - 1)) {
        return false;
    }
    let mut b = i - 1;
    for _ in 0..3 {
        let t = &cx.toks[b];
        if t.kind != TokenKind::Word || t.is_capitalized() {
            break;
        }
        match cx.lex.word_class(&t.key) {
            Some(WordClass::Det | WordClass::PronPoss) if t.key != "that" && t.key != "all" => return true,
            None if !cx.lex.verb_forms.contains_key(t.key.as_str()) && !t.key.ends_with("ly") => {}
            _ => break,
        }
        if b == ph.range.start {
            break;
        }
        b -= 1;
    }
    let p = &cx.toks[i - 1];
    let key = cx.key(i);
    // "the army clashes with", "police detains": after a noun for people
    // who act for others, a verb form is that noun's verb. Headlines and
    // news summaries tell events in the present tense, and the rule below
    // took such verbs for the second half of a compound noun.
    // The agent noun must open its phrase after a determiner or a
    // nationality ("the army", "Russian police"): "continue military aid
    // to" has the modifier "military" before a noun.
    let opens_phrase = |k: usize| {
        k == ph.range.start
            || matches!(cx.class(k - 1), Some(WordClass::Det))
            || cx.mention(k - 1).is_some_and(|m| m.kind == super::MentionKind::Adjective)
    };
    if cx.agent_at(i - 1, i).is_some() && !cx.toks[i - 1].is_capitalized() && opens_phrase(i - 1) {
        return false;
    }
    // The same after the name of a state, organisation or person that ends
    // in a lowercase word ("the Sudanese army", a name of the gazetteer).
    // Generic groups are left out: "a boat carrying 15 migrants sinks" has
    // the boat sinking.
    if !cx.toks[i - 1].is_capitalized()
        && cx.mention(i - 1).is_some_and(|m| {
            m.kind == super::MentionKind::Name
                && m.tok.end == i
                && matches!(
                    cx.reg.kind(m.ent),
                    EntityType::Organization | EntityType::Country | EntityType::Person
                )
        })
    {
        return false;
    }
    // "gas supplies", "grain imports": a plural after a bare noun.
    if key.ends_with('s')
        && p.kind == TokenKind::Word
        && !p.is_capitalized()
        && cx.lex.word_class(prev).is_none()
        && !cx.lex.verb_forms.contains_key(prev)
        && !prev.ends_with("ly")
    {
        return true;
    }
    // "military aid to", "food aid for": a verb form between a bare
    // modifier and a preposition is a noun.
    if p.kind == TokenKind::Word
        && !p.is_capitalized()
        && cx.lex.word_class(prev).is_none()
        && !cx.lex.verb_forms.contains_key(prev)
        && !prev.ends_with("ly")
        && !prev.ends_with("ed")
        && cx.mention(i - 1).is_none()
        && !key.ends_with("ed")
        && !prev.ends_with('s')
        && matches!(cx.class(i + 1), Some(WordClass::Prep))
    {
        return true;
    }
    // "pledged aid to", "promised support for": a bare verb form right
    // after a past-tense verb is that verb's object, a noun. English puts
    // no bare verb there ("pledged to aid" has its "to").
    if prev.ends_with("ed")
        && cx.lex.verb_forms.contains_key(prev)
        && cx
            .lex
            .verb_forms
            .get(key)
            .is_some_and(|vs| vs.iter().any(|&v| cx.lex.verbs[v].lemma == key))
    {
        return true;
    }
    // "two detained soldiers": a participle used as a modifier.
    if key.ends_with("ed") && (p.kind == TokenKind::Number || matches!(cx.lex.word_class(prev), Some(WordClass::Det))) {
        return true;
    }
    // A verb form starting the sentence and followed by "by", "of",
    // "between" or "from" is a noun: "Talks between ...", "Strikes by ...".
    if matches!(cx.key(i + 1), "by" | "of" | "between" | "from") && (i == ph.range.start || cx.toks[i - 1].kind == TokenKind::Punct) {
        return true;
    }
    false
}

fn is_passive(cx: &DocCx, i: usize) -> bool {
    let k = cx.key(i);
    if !(k.ends_with("ed")
        || k.ends_with("en")
        || cx
            .lex
            .verb_forms
            .get(k)
            .is_some_and(|es| es.iter().any(|&e| is_participle(&cx.lex.verbs[e], k))))
    {
        return false;
    }
    let mut j = i;
    while j > 0 {
        j -= 1;
        match cx.class(j) {
            Some(WordClass::AuxBe) => return true,
            Some(WordClass::Adv | WordClass::Neg) => continue,
            _ if cx.key(j).ends_with("ly") => continue,
            _ if cx.key(j) == "got" || cx.key(j) == "get" => return true,
            _ => return false,
        }
    }
    false
}

fn is_participle(v: &VerbEntry, form: &str) -> bool {
    // Irregular participles are listed after the past form.
    v.forms.iter().skip(2).any(|f| f == form) && !form.ends_with("ing") && !form.ends_with('s')
}

/// The subject side of a verb and what the words before it say about
/// negation and modality.
#[derive(Debug, Clone, Default)]
struct Clause {
    subj: Vec<EntId>,
    negated: bool,
    modality: Modality,
    via_infinitive: bool,
    /// The infinitive hangs on a lexicon verb that already states the
    /// intent ("threatened to", "pledged to").
    governed_by_intent_verb: bool,
    /// Under a verb of trying ("tried to sell"): an attempt is no announced
    /// intention.
    attempted: bool,
    /// "refused to", "declined to"
    refused: bool,
    /// The clause is a condition ("if X is attacked", "unless X withdraws").
    conditional: bool,
    notes: Vec<String>,
}

fn find_subject(cx: &DocCx, ph: &SentencePhrases, verb: usize, records: &[Record]) -> Clause {
    let lex = cx.lex;
    let start = ph.range.start;
    let mut c = Clause::default();
    let mut j = verb;
    while j > start {
        let p = j - 1;
        let key = cx.key(p);
        match lex.word_class(key) {
            Some(WordClass::Neg) => c.negated = true,
            Some(WordClass::ModalHyp) => c.modality = Modality::Hypothetical,
            Some(WordClass::ModalPlan) => {
                if c.modality == Modality::Asserted {
                    c.modality = Modality::Planned
                }
            }
            Some(WordClass::Adv | WordClass::AuxBe | WordClass::AuxHave | WordClass::AuxDo) => {}
            _ if key.ends_with("ly") && cx.mention(p).is_none() && ph.np_at(p).is_none() => {}
            _ if key == "n't" => c.negated = true,
            _ => break,
        }
        j = p;
    }
    if j == start {
        return c;
    }
    let p = j - 1;
    let prev_rec = records.iter().rev().find(|r| r.tok < verb);
    // "do not want Russians being handed over": a gerund clause under a
    // negated or intended verb shares its negation and modality.
    if verb > start && cx.key(verb - 1) == "being" {
        if let Some(r) = prev_rec {
            c.negated |= r.negated || r.refuse;
            if let Some(m) = r.intent {
                c.modality = m;
            }
        }
    }
    let pkey = cx.key(p);
    // "to" before a gerund is a preposition ("an alternative to attacking").
    if pkey == "to" && !cx.key(verb).ends_with("ing") {
        // "the Russian government's refusal to accept", "Iran's decision to
        // enrich": the owner of the noun before "to" is the subject.
        if p >= start + 3 && cx.key(p - 2) == "'s" && !records.iter().any(|r| r.tok == p - 1) {
            if let Some(np) = ph.np_at(p - 3) {
                c.subj = argument(np);
                c.via_infinitive = true;
                c.refused = cx.class(p - 1) == Some(WordClass::Refusal);
                c.negated |= c.refused;
                return c;
            }
        }
        if let Some(r) = prev_rec {
            c.via_infinitive = true;
            c.subj = if r.control { r.obj.clone() } else { r.subj.clone() };
            if r.control {
                c.modality = Modality::Requested;
            } else if let Some(m) = r.intent {
                c.modality = m;
            } else if r.modality != Modality::Asserted {
                c.modality = r.modality;
            }
            c.negated |= r.refuse || r.negated;
            c.refused = r.refuse || r.entry.is_some_and(|e| cx.lex.verbs[e].category == Category::Reject);
            c.attempted = r.attempt;
            c.governed_by_intent_verb = r
                .entry
                .is_some_and(|e| matches!(cx.lex.verbs[e].category, Category::Agree | Category::Threaten | Category::Reject));
        }
        return c;
    }
    // "sentenced them for joining X": a gerund after a preposition has the
    // previous verb's object as its subject, or none we can name.
    if cx.key(verb).ends_with("ing") && lex.word_class(pkey) == Some(WordClass::Prep) && pkey != "to" {
        if let Some(r) = prev_rec {
            c.subj = r.obj.clone();
        }
        return c;
    }
    if matches!(pkey, "and" | "or" | "but") && cx.key(verb).ends_with("ing") {
        // "for supporting or joining X": the same subject as the gerund before.
        if let Some(r) = prev_rec.filter(|r| cx.key(r.tok).ends_with("ing")) {
            c.subj = r.subj.clone();
            return c;
        }
    }
    if matches!(pkey, "and" | "or" | "but") {
        if let Some(r) = prev_rec {
            c.subj = r.subj.clone();
            if c.modality == Modality::Asserted {
                c.modality = r.modality;
            }
            return c;
        }
    }
    if lex.word_class(pkey).is_some_and(WordClass::is_relative) || (pkey == "that" && ph.np_at(p).is_none()) {
        let mut t = p;
        while t > start && matches!(cx.key(t - 1), ",") {
            t -= 1;
        }
        if t > start {
            if let Some(np) = ph.np_at(t - 1) {
                if !np.owner_only {
                    c.subj = np.refs.clone();
                }
            }
        }
        return c;
    }
    // The nearest phrase to the left that is not a prepositional object,
    // skipping appositions and parentheticals. "X, along with Y," adds Y to
    // the subject found further left.
    let mut t = p as isize;
    let mut steps = 0;
    let mut along: Vec<EntId> = Vec::new();
    while t >= start as isize && steps < 30 {
        steps += 1;
        let ti = t as usize;
        if let Some(r) = ph.paren.iter().find(|r| r.contains(&ti) && r.start < ti + 1 && r.end <= verb) {
            t = r.start as isize - 1;
            continue;
        }
        let key = cx.key(ti);
        if matches!(key, ";" | ":" | "\"") || (key == "-" && !ph.in_paren(ti)) {
            break;
        }
        if let Some(np) = ph.np_at(ti) {
            let before = np.start.checked_sub(1).map(|b| cx.key(b)).unwrap_or("");
            // "at a hospital in Jibla, Yemen, were killed": a country or
            // region after a comma and a town is the second half of a
            // "Town, Country" pair, a prepositional object with the town.
            let kinds = |np: &phrases::Np| -> Option<EntityType> {
                let k = np.refs.first().map(|&r| cx.reg.kind(r))?;
                np.refs.iter().all(|&r| cx.reg.kind(r) == k).then_some(k)
            };
            if before == ","
                && np.start >= start + 2
                && matches!(kinds(np), Some(EntityType::Country | EntityType::Location))
                && ph
                    .np_at(np.start - 2)
                    .is_some_and(|town| kinds(town) == Some(EntityType::Location) && !np.refs.iter().any(|r| town.refs.contains(r)))
            {
                t = np.start as isize - 2;
                continue;
            }
            let quantity = (before == "of" && np.start >= start + 2 && is_quantity(cx, np.start - 2))
                || (matches!(before, "to" | "than")
                    && np.start >= start + 2
                    && matches!(cx.key(np.start - 2), "up" | "more" | "less" | "fewer"));
            if before == "with" && np.start >= start + 2 && matches!(cx.key(np.start - 2), "along" | "together") && !np.owner_only {
                along.extend(argument(np));
                t = np.start as isize - 3;
                continue;
            }
            if lex.word_class(before) == Some(WordClass::Prep) && np.start > start && !quantity {
                t = np.start as isize - 2;
                continue;
            }
            if np.owner_only || (np.refs.is_empty() && np.role.is_some()) {
                // "Iran's nuclear sites were bombed", "Japan's diplomat was
                // detained": the owner is the patient of a passive. An
                // unnamed office holder acts for the office's owner ("a top
                // US official praised"); a mere possession does not act.
                if is_passive(cx, verb) || np.role.is_some() {
                    c.subj = argument(np);
                    c.notes.push("an unnamed office holder acts for its owner".into());
                }
                return c;
            }
            // A list of names that opens after a preposition is its
            // object ("officials in A, B and C met"), and the subject is
            // further left; "in the Mediterranean Sea, the French embassy
            // said" is no list. But a list after "from" or "of" and a noun
            // for people who act for others is who acts: "Representatives
            // from A, B and C met".
            let mut first = np.start;
            while first >= start + 2 && matches!(cx.key(first - 1), "and" | ",") {
                match ph.np_at(first - 2) {
                    Some(other) if !other.owner_only && !other.refs.is_empty() => first = other.start,
                    _ => break,
                }
            }
            let list_after_prep = first < np.start && first > start && cx.class(first - 1) == Some(WordClass::Prep);
            let agents_of = list_after_prep
                && matches!(cx.key(first - 1), "from" | "of")
                && first > start + 1
                && cx.agent_at(first - 2, first - 1).is_some();
            let coordinated_list = cx.key(np.start - 1) == "and" || (np.start..np.end).any(|k| cx.key(k) == "and");
            if list_after_prep && !agents_of && coordinated_list {
                t = first as isize - 2;
                continue;
            }
            c.subj = np.refs.clone();
            c.subj.extend(along.iter().copied().filter(|e| !np.refs.contains(e)));
            c.notes.extend(np.notes.iter().cloned());
            if c.modality == Modality::Asserted && demanded_clause(cx, start, np.start) {
                c.modality = Modality::Requested;
            }
            // "if the country is attacked by NATO": a condition is not a fact.
            if np.start > start && matches!(cx.key(np.start - 1), "if" | "unless") {
                c.conditional = true;
                if c.modality == Modality::Asserted {
                    c.modality = Modality::Hypothetical;
                }
            }
            // Coordinated subjects: "Russia and Ukraine", "A, B and C".
            let after_prep = |at: usize| at > start && cx.class(at - 1) == Some(WordClass::Prep);
            let mut s0 = np.start;
            while s0 >= start + 2 && matches!(cx.key(s0 - 1), "and" | ",") {
                match ph.np_at(s0 - 2) {
                    // Not "in the Mediterranean Sea, the French embassy said".
                    Some(other) if !other.owner_only && !other.refs.is_empty() && (agents_of || !after_prep(other.start)) => {
                        for &e in &other.refs {
                            if !c.subj.contains(&e) {
                                c.subj.insert(0, e);
                            }
                        }
                        s0 = other.start;
                    }
                    _ => break,
                }
            }
            return c;
        }
        if cx.toks[ti].kind == TokenKind::Word && ti != p {
            let cl = lex.word_class(key);
            if matches!(cl, Some(WordClass::Sub | WordClass::Speech | WordClass::Light | WordClass::Attempt)) || key == "that" {
                break;
            }
            if lex.verb_forms.contains_key(key) && !looks_like_noun(cx, ph, ti) {
                break;
            }
        }
        t -= 1;
    }
    c
}

/// True when the clause whose subject starts at `np_start` is what someone
/// demands: "demanded that Israel ease ...", "its demand today that Israel
/// ease ...". Such a clause states a request, not a fact.
fn demanded_clause(cx: &DocCx, start: usize, np_start: usize) -> bool {
    if np_start <= start || cx.key(np_start - 1) != "that" {
        return false;
    }
    let lex = cx.lex;
    let requests = |k: &str| {
        lex.verb_forms
            .get(k)
            .is_some_and(|es| es.iter().any(|&e| lex.verbs[e].category == Category::Request))
            || lex
                .event_noun_forms
                .get(k)
                .is_some_and(|&n| lex.event_nouns[n].category == Category::Request)
    };
    (start.max(np_start.saturating_sub(4))..np_start - 1)
        .rev()
        .any(|b| requests(cx.key(b)))
}

/// "Thousands of", "dozens of", "two of": the phrase after "of" is the
/// actor.
fn is_quantity(cx: &DocCx, i: usize) -> bool {
    cx.toks[i].kind == TokenKind::Number
        || matches!(
            cx.key(i),
            "thousands"
                | "hundreds"
                | "dozens"
                | "millions"
                | "tens"
                | "scores"
                | "some"
                | "many"
                | "most"
                | "several"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "members"
                | "groups"
                | "group"
                | "number"
                | "handful"
                | "crowd"
                | "crowds"
                | "units"
        )
}

/// Where a clause stops for object search.
fn clause_end(cx: &DocCx, ph: &SentencePhrases, from: usize) -> usize {
    let lex = cx.lex;
    let mut t = from;
    while t < ph.range.end {
        let key = cx.key(t);
        if matches!(key, ";" | ":" | "!" | "?") || (key == "." && t + 1 >= ph.range.end) {
            return t;
        }
        if ph.np_at(t).is_none() {
            let cl = lex.word_class(key);
            // A condition ("if", "unless") starts another clause.
            if matches!(cl, Some(WordClass::Sub | WordClass::Rel | WordClass::RelPerson))
                || matches!(key, "if" | "unless")
                || (key == "-" && !ph.in_paren(t))
            {
                return t;
            }
            if t > from
                && cx.toks[t].kind == TokenKind::Word
                && (lex.verb_forms.contains_key(key) || cl == Some(WordClass::Speech))
                && !looks_like_noun(cx, ph, t)
            {
                // "to deploy ..." keeps its own objects.
                return t;
            }
        }
        t += 1;
    }
    t
}

/// The by-agent of a participle right after a phrase: "crimes committed by
/// Croat forces", "abuses carried out by the army".
fn participle_agent(cx: &DocCx, ph: &SentencePhrases, from: usize) -> Vec<EntId> {
    let end = (from + 5).min(ph.range.end);
    for k in from + 1..end {
        let key = cx.key(k);
        if cx.toks[k].kind == TokenKind::Punct {
            break;
        }
        let participle = |b: usize| cx.key(b).ends_with("ed") || cx.key(b).ends_with("en");
        if key == "by" && (participle(k - 1) || k >= from + 2 && participle(k - 2)) {
            return ph.np_at(k + 1).filter(|np| np.start == k + 1).map(argument).unwrap_or_default();
        }
    }
    vec![]
}

/// The target of a protest named by the demand that follows it: the first
/// actor after "to demand", "calling for", "in protest at", within a short
/// window ("a hunger strike to demand the resignation of President X").
fn demand_target(cx: &DocCx, ph: &SentencePhrases, from: usize) -> Vec<EntId> {
    const WINDOW: usize = 30;
    let end = (from + WINDOW).min(ph.range.end);
    let Some(marker) = (from..end).find(|&t| cx.class(t) == Some(WordClass::Demand)) else {
        return vec![];
    };
    let stop = (marker + 1..end)
        .find(|&t| matches!(cx.key(t), ";" | ":") || cx.class(t) == Some(WordClass::Speech))
        .unwrap_or(end);
    ph.nps
        .iter()
        .filter(|np| np.start > marker && np.start < stop)
        .map(|np| {
            argument(np)
                .into_iter()
                .filter(|&e| cx.reg.kind(e) != EntityType::Location)
                .collect::<Vec<_>>()
        })
        .find(|refs| !refs.is_empty())
        .unwrap_or_default()
}

/// Skips a quantity before an object: "more than 100 Palestinians", "at
/// least 20 civilians", "dozens of protesters".
fn skip_quantity(cx: &DocCx, ph: &SentencePhrases, mut t: usize, end: usize) -> usize {
    let start = t;
    let mut amount = false;
    while t < end && ph.np_at(t).is_none_or(|np| np.refs.is_empty() && np.start == t && np.end <= t + 1) {
        let k = cx.key(t);
        let participle = cx.key(t).ends_with("ed") && !cx.toks[t].is_capitalized() && ph.np_at(t + 1).is_some();
        let quantity = participle
            || cx.toks[t].kind == TokenKind::Number
            || matches!(
                k,
                "more"
                    | "than"
                    | "at"
                    | "least"
                    | "up"
                    | "to"
                    | "about"
                    | "nearly"
                    | "almost"
                    | "around"
                    | "some"
                    | "any"
                    | "over"
                    | "of"
                    | "dozens"
                    | "hundreds"
                    | "thousands"
                    | "scores"
                    | "several"
                    | "many"
                    | "a"
                    | "few"
                    | "tens"
                    | "millions"
            );
        if !quantity || t - start > 6 {
            return start;
        }
        amount |= participle
            || cx.toks[t].kind == TokenKind::Number
            || matches!(
                k,
                "dozens"
                    | "hundreds"
                    | "thousands"
                    | "scores"
                    | "several"
                    | "many"
                    | "few"
                    | "tens"
                    | "millions"
                    | "some"
                    | "any"
                    | "least"
                    | "most"
                    | "than"
            );
        t += 1;
    }
    // Only an amount makes the words before a phrase a quantity: "met at
    // Downing Street" and "talked about Iran" have a preposition there,
    // "at least 20 civilians" a number.
    // The phrase may itself start with the amount ("least 20 civilians").
    amount |= t < end && (cx.toks[t].kind == TokenKind::Number || matches!(cx.key(t), "least" | "most"));
    if t > start && amount && ph.np_at(t).is_some() {
        t
    } else {
        start
    }
}

fn skip_fillers(cx: &DocCx, mut t: usize, end: usize) -> usize {
    while t < end
        && (matches!(cx.key(t), "\"" | "'")
            || super::dates::WEEKDAYS.contains(&cx.key(t))
            || matches!(cx.key(t), "today" | "yesterday")
            || (cx.key(t).ends_with("ly") && cx.mention(t).is_none())
            || cx.class(t) == Some(WordClass::Adv))
    {
        t += 1;
    }
    t
}

/// The objects of a verb whose complements start at `from`.
fn find_objects(cx: &DocCx, ph: &SentencePhrases, from: usize, v: &VerbEntry) -> Vec<EntId> {
    let end = clause_end(cx, ph, from);
    for slot in v.slots.iter() {
        match slot {
            Slot::Dobj => {
                let t = skip_fillers(cx, from, end);
                let t = if ph.np_at(t).is_some_and(|np| np.start == t && !argument(np).is_empty()) {
                    t
                } else {
                    skip_quantity(cx, ph, t, end)
                };
                if let Some(np) = ph.np_at(t).filter(|np| np.start == t && !ph.in_paren(t)) {
                    let refs = argument(np);
                    if !refs.is_empty() {
                        return coordinated(cx, ph, refs, np.end, end);
                    }
                }
                // "dismissed an appeal from X", "rejected calls by X": a
                // thing whose source is named right after it; "shelled
                // positions of X", "boycott contact with X": a thing of its
                // owner or partner. A source counts for things said or
                // asked and things taken ("seized weapons from X"); what a
                // release or a deployment moves comes from somewhere, not
                // someone ("releases a video statement from the White
                // House").
                let sourced = v.category == Category::Coerce || matches!(v.category.quad(), Quad::VerbalCooperation | Quad::VerbalConflict);
                let mut k = t;
                let mut steps = 0;
                while k < end
                    && steps < 5
                    && !matches!(cx.key(k), "from" | "by" | "of" | "with" | "against")
                    && ph.np_at(k).is_none_or(|np| np.refs.is_empty())
                {
                    if cx.toks[k].kind == TokenKind::Punct
                        || cx
                            .class(k)
                            .is_some_and(|c| !matches!(c, WordClass::Det | WordClass::Adv) && !c.is_noun())
                    {
                        break;
                    }
                    k += 1;
                    steps += 1;
                }
                let source = matches!(cx.key(k), "from" | "by");
                if k > t && k < end && (sourced || !source) && matches!(cx.key(k), "from" | "by" | "of" | "with" | "against") {
                    if let Some(np) = ph.np_at(k + 1) {
                        let refs = argument(np);
                        if !refs.is_empty() {
                            return coordinated(cx, ph, refs, np.end, end);
                        }
                    }
                }
                if let Some(place) = attacked_place(cx, ph, v, t, end) {
                    return place;
                }
            }
            Slot::That => {
                let t = skip_fillers(cx, from, end);
                if cx.key(t) == "that" {
                    if let Some(np) = ph.np_at(t + 1) {
                        let refs = argument(np);
                        if !refs.is_empty() {
                            return coordinated(cx, ph, refs, np.end, end);
                        }
                    }
                }
            }
            Slot::Prep(p) => {
                for t in from..end {
                    if cx.key(t) != p || (v.moved && skip_fillers(cx, from, end) == t) {
                        continue;
                    }
                    let n = skip_fillers(cx, t + 1, end);
                    if let Some(np) = ph.np_at(n).filter(|np| np.start == n) {
                        let refs = argument(np);
                        if !refs.is_empty() {
                            return coordinated(cx, ph, refs, np.end, end);
                        }
                    }
                    if let Some(place) = attacked_place(cx, ph, v, n, end) {
                        return place;
                    }
                    // "hack into the computers of South Korean officers"
                    let mut k = n;
                    while k < end
                        && k < n + 5
                        && cx.toks[k].kind == TokenKind::Word
                        && cx.key(k) != "of"
                        && ph.np_at(k).is_none_or(|np| argument(np).is_empty())
                    {
                        k += 1;
                    }
                    if k > n && cx.key(k) == "of" {
                        if let Some(np) = ph.np_at(k + 1) {
                            let refs = argument(np);
                            if !refs.is_empty() {
                                return coordinated(cx, ph, refs, np.end, end);
                            }
                        }
                    }
                }
            }
            Slot::None => {}
        }
    }
    vec![]
}

/// "struck grain terminals in Odesa", "fired shells at targets in Jericho":
/// an attack on an unnamed thing in a named place is an attack on the place.
fn attacked_place(cx: &DocCx, ph: &SentencePhrases, v: &VerbEntry, from: usize, end: usize) -> Option<Vec<EntId>> {
    if v.category != Category::Assault {
        return None;
    }
    let mut k = from;
    while k < end && k < from + 5 && cx.toks[k].kind == TokenKind::Word && !matches!(cx.key(k), "in" | "near" | "outside") {
        if ph.np_at(k).is_some_and(|np| !np.refs.is_empty())
            || cx
                .class(k)
                .is_some_and(|c| !matches!(c, WordClass::Det | WordClass::Adv) && !c.is_noun())
        {
            return None;
        }
        k += 1;
    }
    if k == from || k >= end || !matches!(cx.key(k), "in" | "near" | "outside") {
        return None;
    }
    let np = ph.np_at(k + 1).filter(|np| np.start == k + 1)?;
    let places: Vec<EntId> = np
        .refs
        .iter()
        .copied()
        .filter(|&e| matches!(cx.reg.kind(e), EntityType::Location | EntityType::Country))
        .collect();
    (!places.is_empty()).then_some(places)
}

/// The actors a phrase stands for as an object: its referents, or for a
/// possessed thing its owner ("seized Ukraine's nuclear plant" acts on
/// Ukraine), as event coders read news.
fn argument(np: &phrases::Np) -> Vec<EntId> {
    // "President Suharto's government": a named possessor stands for what it owns.
    if !np.owner_only && !np.refs.is_empty() || np.owner_only && np.named.is_some() {
        return np.refs.clone();
    }
    // An unresolved role ("Hezbollah's leader", "China's ambassador") or a
    // possession ("Ukraine's port city") stands for its owner.
    if np.owner_only || np.role.is_some() || np.refs.is_empty() {
        if np.role.is_some() {
            return np.owners.iter().chain(np.adjs.iter()).copied().collect();
        }
        // "an Indian proposal", "its European Community partners": a
        // nationality or organisation modifier names the actor; a place
        // modifier does not ("Ukraine's Zaporizhzhia plant" is Ukraine's).
        let actors: Vec<EntId> = np.adjs.iter().copied().filter(|e| !np.place_adjs.contains(e)).collect();
        if !actors.is_empty() {
            return actors;
        }
        if !np.owners.is_empty() {
            return np.owners.clone();
        }
        return np.adjs.clone();
    }
    vec![]
}

/// Extends an object list over coordination: "Trump, Kellogg and all
/// European allies".
fn coordinated(cx: &DocCx, ph: &SentencePhrases, mut refs: Vec<EntId>, mut e: usize, end: usize) -> Vec<EntId> {
    loop {
        let mut t = e;
        if !matches!(cx.key(t), "," | "and" | "or") {
            if cx.key(t) == "\"" && matches!(cx.key(t + 1), "," | "and") {
                t += 1;
            } else {
                break;
            }
        }
        t += 1;
        if cx.key(t) == "and" {
            t += 1;
        }
        let t = skip_fillers(cx, t, end);
        match ph.np_at(t).filter(|np| np.start == t && !np.owner_only && !np.refs.is_empty()) {
            Some(np) if t < end => {
                for &r in &np.refs {
                    if !refs.contains(&r) {
                        refs.push(r);
                    }
                }
                e = np.end;
            }
            _ => break,
        }
    }
    refs
}

/// The objects that are none of the subjects: in "A, B and C pledged to
/// cut their emissions" one of the subjects is not the others' object.
fn apart<'o>(objs: &'o [EntId], subj: &'o [EntId]) -> impl Iterator<Item = EntId> + 'o {
    objs.iter().copied().filter(move |o| !subj.contains(o))
}

#[allow(clippy::too_many_arguments)]
fn active_event(
    cx: &mut DocCx,
    s: usize,
    i: usize,
    v: &VerbEntry,
    clause: &Clause,
    objs: &[EntId],
    modality: Modality,
    attr: Option<EntId>,
) {
    let people: Vec<EntId>;
    let subj = if v.person_subject {
        people = clause
            .subj
            .iter()
            .copied()
            .filter(|&a| cx.reg.kind(a) == EntityType::Person)
            .collect();
        &people
    } else {
        &clause.subj
    };
    if subj.is_empty() {
        return;
    }
    // "returned to Geneva" is travel: some verbs take only actors as objects.
    let kept: Vec<EntId>;
    let objs = if v.actor_object {
        kept = objs.iter().copied().filter(|&o| cx.reg.kind(o) != EntityType::Location).collect();
        &kept[..]
    } else {
        objs
    };
    let kept_apart: Vec<EntId> = apart(objs, subj).collect();
    let objs = &kept_apart[..];
    let mut pairs: Vec<(EntId, EntId, &'static str)> = Vec::new();
    if !objs.is_empty() {
        for &a in subj {
            for &o in objs {
                pairs.push((a, o, "verb-object"));
            }
        }
    } else if v.symmetric && subj.len() >= 2 {
        for x in 0..subj.len() {
            for y in x + 1..subj.len() {
                pairs.push((subj[x], subj[y], "verb-reciprocal"));
            }
        }
    }
    // Remembered even without an actor object ("Russia handed over 20
    // bodies"): a later agentless passive of the same verb has this agent.
    if matches!(modality, Modality::Asserted | Modality::Reported) && !clause.negated {
        cx.recent_agents.push((v.category, v.predicate.clone(), subj.clone(), s));
    }
    if pairs.is_empty() {
        return;
    }
    // Event coders read announced intentions as agreements or threats and
    // refusals of cooperation as rejections (PLOVER AGREE, THREATEN,
    // REJECT): "said they would blockade Paris", "will not accept refugees".
    let coop = v.category.polarity() > 0;
    // The condition of an ultimatum is not itself announced by its subject.
    let intent = matches!(modality, Modality::Planned | Modality::Hypothetical)
        && !clause.governed_by_intent_verb
        && !clause.attempted
        && !clause.conditional;
    // "will withdraw its force unless ...": an intention under a condition
    // is an ultimatum.
    let ultimatum = intent && cx.sentences[s].tokens.clone().any(|t| cx.key(t) == "unless");
    let derived: Option<(Category, String)> = if ultimatum && !clause.negated {
        Some((Category::Threaten, format!("threatened-to-{}", v.lemma)))
    } else if clause.negated && coop && (intent || clause.refused) {
        Some((Category::Reject, format!("refused-to-{}", v.lemma)))
    } else if !clause.negated && intent && !matches!(v.category, Category::Agree | Category::Threaten) {
        if coop {
            Some((Category::Agree, format!("promised-to-{}", v.lemma)))
        } else {
            Some((Category::Threaten, format!("threatened-to-{}", v.lemma)))
        }
    } else {
        None
    };
    if let Some((cat, pred)) = derived {
        for &(a, o, _) in &pairs {
            let mut t = NewTriple::new(a, &pred, cat, o, s, "intent");
            t.attribution = attr;
            t.modality = if attr.is_some() { Modality::Reported } else { Modality::Asserted };
            t.confidence = 0.5;
            t.notes = clause.notes.clone();
            t.notes.push(format!(
                "announced {} of {:?}",
                if cat == Category::Reject { "refusal" } else { "intention" },
                v.lemma
            ));
            cx.emit(t);
        }
    }
    for (a, o, rule) in pairs {
        let mut t = NewTriple::new(a, &v.predicate, v.category, o, s, rule);
        t.trigger = Some(i);
        t.negated = clause.negated;
        t.modality = modality;
        t.attribution = attr;
        t.symmetric = v.symmetric;
        t.confidence = if clause.via_infinitive { 0.6 } else { 0.8 };
        t.notes = clause.notes.clone();
        t.notes.push(format!("verb {:?} (verbs.tsv line {})", v.lemma, v.line));
        cx.emit(t);
    }
}

/// "X was freed by Y"; without a by-agent, the agent of the most recent
/// active event of the same category in the article ("Belarus freed ... /
/// Tikhanovsky was freed").
#[allow(clippy::too_many_arguments)]
fn passive_event(
    cx: &mut DocCx,
    ph: &SentencePhrases,
    s: usize,
    i: usize,
    v: &VerbEntry,
    clause: &Clause,
    modality: Modality,
    attr: Option<EntId>,
) {
    let patients = &clause.subj;
    let end = clause_end(cx, ph, i + 1);
    if patients.is_empty() {
        // "Tens of thousands have been arrested in Belarus, says rights
        // group X": no patient to name, but a rights group's report of
        // repression in a country accuses that country's state.
        ngo_report(cx, ph, s, i, end, v, attr);
        return;
    }
    let mut agents = vec![];
    let mut rule = "passive-by";
    let mut confidence = 0.8;
    for t in i + 1..end {
        if cx.key(t) == "by" {
            if let Some(np) = ph.np_at(t + 1).filter(|np| !np.owner_only && !np.refs.is_empty()) {
                agents = np.refs.clone();
                break;
            }
        }
    }
    let mut notes = clause.notes.clone();
    if agents.is_empty() {
        // The same predicate within a few paragraphs, or the same category
        // in the sentence before: "Belarus freed X ... X was freed".
        let recent = || cx.recent_agents.iter().rev();
        let found = recent()
            .find(|(_, p, _, at)| p == &v.predicate && s - at <= 10)
            .or_else(|| recent().find(|(c, _, _, at)| *c == v.category && s - at <= 8));
        if let Some((_, _, a, at)) = found {
            notes.push(format!(
                "agentless passive; agent taken from the {} event in sentence {at}",
                v.category
            ));
            agents = a.clone();
            rule = "passive-implicit-agent";
            confidence = 0.5;
            // The story goes on: a later passive may lean on this one.
            if !clause.negated && !agents.is_empty() {
                cx.recent_agents.push((v.category, v.predicate.clone(), agents.clone(), s));
            }
        }
    }
    // An inferred agent for something that did not happen, or is only
    // wished for, is too much guessing to state at all.
    if rule == "passive-implicit-agent" && (clause.negated || !matches!(modality, Modality::Asserted | Modality::Reported)) {
        return;
    }
    // Objects after the verb ("was handed over to X") stay objects.
    let also: Vec<EntId> = patients.to_vec();
    for &a in &agents {
        for &p in &also {
            let mut t = NewTriple::new(a, &v.predicate, v.category, p, s, rule);
            t.trigger = Some(i);
            t.negated = clause.negated;
            t.modality = modality;
            t.attribution = attr;
            t.symmetric = v.symmetric;
            t.confidence = confidence;
            t.notes = notes.clone();
            t.notes
                .push(format!("verb {:?} in the passive (verbs.tsv line {})", v.lemma, v.line));
            cx.emit(t);
        }
    }
}

/// An agentless passive of repression ("were arrested in
/// Belarus") reported by a rights organisation is that organisation's
/// accusation against the state where it happened.
fn ngo_report(cx: &mut DocCx, ph: &SentencePhrases, s: usize, i: usize, end: usize, v: &VerbEntry, attr: Option<EntId>) {
    let Some(source) = attr else { return };
    let is_ngo = cx.reg.ents[source]
        .gaz
        .is_some_and(|g| cx.lex.entity(g).org_kind.as_deref() == Some("ngo"));
    // Arrests and detentions are the state's; killings in a country may be anyone's.
    if !is_ngo || v.category != Category::Coerce {
        return;
    }
    let state = (i + 1..end).find_map(|t| {
        (cx.key(t) == "in")
            .then(|| ph.np_at(t + 1))
            .flatten()
            .filter(|np| np.refs.len() == 1 && cx.reg.kind(np.refs[0]) == EntityType::Country)
            .map(|np| np.refs[0])
    });
    let Some(state) = state else { return };
    let mut t = NewTriple::new(source, "accused", Category::Accuse, state, s, "rights-group-report");
    t.confidence = 0.5;
    t.notes.push(format!(
        "{:?} in {} reported by a rights organisation",
        v.lemma, cx.reg.ents[state].name
    ));
    cx.emit(t);
}

/// A speech verb earlier in the sentence ("X said (that) ...").
fn speech_before(records: &[Record]) -> Option<EntId> {
    records.iter().rev().find(|r| r.speech && r.subj.len() == 1).map(|r| r.subj[0])
}

/// A speech verb closing the sentence after a comma (", officials said.",
/// ", the ministry says."), whoever its subject is; or "according to"
/// opening the sentence or set off by a comma ("..., according to UN
/// monitors."), whoever the source is. ("Troops withdrew according to the
/// plan" has no comma: the plan is no source.)
fn trailing_speech(cx: &DocCx, ph: &SentencePhrases) -> bool {
    let end = ph.range.end;
    let said = (end.saturating_sub(3).max(ph.range.start)..end).any(|t| {
        cx.lex.word_class(cx.key(t)) == Some(WordClass::Speech) && (t.saturating_sub(5).max(ph.range.start)..t).any(|b| cx.key(b) == ",")
    });
    said || ph
        .range
        .clone()
        .any(|t| cx.key(t) == "according" && cx.key(t + 1) == "to" && (t == ph.range.start || cx.key(t - 1) == ","))
}

/// Attribution after the content: ", says X", ", X said", "according to X",
/// "as reported by X".
fn trailing_attribution(cx: &DocCx, ph: &SentencePhrases) -> Option<EntId> {
    let lex = cx.lex;
    for t in ph.range.clone() {
        let key = cx.key(t);
        if key == "according" && cx.key(t + 1) == "to" {
            // "according to Tikhanovskaya's office": a possession speaks for its owner.
            return ph.np_at(t + 2).map(argument).filter(|refs| refs.len() == 1).map(|refs| refs[0]);
        }
        if lex.word_class(key) == Some(WordClass::Speech) && t > ph.range.start && cx.key(t - 1) == "," {
            // ", says Zelensky" / ", said rights group Viasna"
            return ph.np_at(t + 1).filter(|np| np.refs.len() == 1).map(|np| np.refs[0]);
        }
        if lex.word_class(key) == Some(WordClass::Speech) && t + 2 >= ph.range.end {
            // ", Zelensky said."
            if let Some(np) = t.checked_sub(1).and_then(|b| ph.np_at(b)) {
                if np.start > ph.range.start && cx.key(np.start - 1) == "," && np.refs.len() == 1 {
                    return Some(np.refs[0]);
                }
            }
        }
    }
    None
}

/// The nearest token before `i`, at most `steps` back, that `found`
/// accepts; the search stops at punctuation and at another verb (the word
/// that governs an event noun stands in its own clause).
fn look_back(cx: &DocCx, ph: &SentencePhrases, records: &[Record], i: usize, steps: usize, found: impl Fn(usize) -> bool) -> Option<usize> {
    for b in (ph.range.start.max(i.saturating_sub(steps))..i).rev() {
        if found(b) {
            return Some(b);
        }
        // A verb read as a verb ends the search; a verb form read as a
        // noun modifier ("staged mass demonstrations") does not.
        if cx.toks[b].kind == TokenKind::Punct || records.iter().any(|r| r.tok == b) {
            return None;
        }
    }
    None
}

/// Events stated by nouns: "Western sanctions on Belarus", "the deployment
/// of Russian troops in Belarus", "talks between Russia and Ukraine",
/// "Belarus has faced heavy Western sanctions".
fn event_nouns(cx: &mut DocCx, ph: &SentencePhrases, s: usize, records: &[Record], attr: Option<EntId>) {
    let lex = cx.lex;
    for i in ph.range.clone() {
        // Two-word nouns first: "hunger strike" is a protest, "strike" alone an attack.
        let compound = (i > ph.range.start && lex.event_noun_heads.contains(cx.key(i)))
            .then(|| lex.event_noun_forms.get(&format!("{} {}", cx.key(i - 1), cx.key(i))))
            .flatten();
        let Some(&ni) = compound.or_else(|| lex.event_noun_forms.get(cx.key(i))) else {
            continue;
        };
        // The first word of a two-word noun is not a noun of its own ("war" in "war games").
        if compound.is_none()
            && i + 1 < ph.range.end
            && lex.event_noun_heads.contains(cx.key(i + 1))
            && lex.event_noun_forms.contains_key(&format!("{} {}", cx.key(i), cx.key(i + 1)))
        {
            continue;
        }
        let first = if compound.is_some() { i - 1 } else { i };
        if ph
            .np_at(i)
            .is_some_and(|np| !np.owner_only && (np.named.is_some() || np.end != i + 1))
        {
            continue;
        }
        // A form that is also a verb counts as a noun only where a noun
        // stands: after a determiner, owner or modifier.
        if lex.verb_forms.contains_key(cx.key(i)) && !looks_like_noun(cx, ph, i) {
            let prev_lower = i > ph.range.start
                && cx.toks[i - 1].kind == TokenKind::Word
                && !cx.toks[i - 1].is_capitalized()
                && cx.class(i - 1).is_none();
            if !prev_lower {
                continue;
            }
        }
        let n = &lex.event_nouns[ni];
        // "prohibit all aid to X", "suspended talks with X": a cooperation
        // noun under a halting verb is a sanction by the verb's subject.
        // A visit or talks called off are no sanction: they did not happen.
        let halts = |b: usize| match cx.class(b) {
            Some(WordClass::Halt) => true,
            Some(WordClass::CallOff) => n.category != Category::Consult,
            _ => false,
        };
        let halted = look_back(cx, ph, records, first, 4, halts)
            .and_then(|b| records.iter().find(|r| r.tok == b).map(|r| r.subj.clone()).or(Some(vec![])))
            .filter(|_| n.category.polarity() > 0);
        // A noun's arguments end where the verb it is the subject of
        // begins: in "a US airstrike kills militants in Somalia" the place
        // belongs to the killing.
        // A form that is also an event noun ("ceasefire talks between")
        // is no such verb.
        let verb_after = records
            .iter()
            .find(|r| r.tok > i && r.entry.is_some() && !r.speech && !lex.event_noun_forms.contains_key(cx.key(r.tok)));
        let end = clause_end(cx, ph, i + 1).min(i + 12).min(verb_after.map_or(usize::MAX, |r| r.tok));
        let mut agents: Vec<EntId> = Vec::new();
        let mut targets: Vec<EntId> = Vec::new();
        let mut notes = vec![format!("event noun {:?} (event_nouns.tsv line {})", cx.key(i), n.line)];
        // Modifiers and owners right before the noun.
        if first > ph.range.start {
            if let Some(np) = ph.np_at(first - 1) {
                if np.owner_only || cx.mention(first - 1).is_some_and(|m| m.kind == super::MentionKind::Adjective) {
                    agents.extend(np.adjs.iter().chain(np.owners.iter()).copied());
                    if agents.is_empty() {
                        agents.extend(np.refs.iter().copied());
                    }
                }
            }
        }
        // "the Iraq War": a capitalised noun is the name of an event, and
        // the country in it says where, not who.
        if agents.is_empty() && !cx.toks[i].is_capitalized() {
            // "a US airstrike", "the US drone strike", "an Iranian-backed
            // ...": a country's or organisation's name between a
            // determiner and the noun (with at most one plain word between,
            // "drone", "missile") modifies it as an adjective would.
            let plain = |k: usize| {
                cx.toks[k].kind == TokenKind::Word && !cx.toks[k].is_capitalized() && cx.class(k).is_none() && cx.mention(k).is_none()
            };
            let end = if first > ph.range.start + 1 && plain(first - 1) {
                first - 1
            } else {
                first
            };
            let m = cx
                .mention(end - 1)
                .filter(|m| m.tok.end == end && m.kind == super::MentionKind::Name && m.tok.start > ph.range.start);
            if let Some(m) = m.filter(|m| {
                cx.class(m.tok.start - 1) == Some(WordClass::Det)
                    && matches!(cx.reg.kind(m.ent), EntityType::Country | EntityType::Organization)
            }) {
                agents.push(m.ent);
                notes.push(format!("{:?} modifies the noun", cx.reg.ents[m.ent].name));
            }
        }
        if agents.is_empty() && first > ph.range.start && cx.class(first - 1) == Some(WordClass::PronPoss) {
            // "reiterated its demand": the owner named by the pronoun.
            if let Some(e) = cx.coref.pronoun(&cx.reg, cx.key(first - 1), first - 1) {
                agents.push(e);
                notes.push(format!("{:?} -> {} (pronoun)", cx.key(first - 1), cx.reg.ents[e].name));
            }
        }
        if agents.is_empty() {
            // "Italy announced a suspension of air links with Serbia": the
            // subject of a support verb is the agent of its event noun.
            if let Some(b) = look_back(cx, ph, records, first, 5, |b| cx.class(b) == Some(WordClass::Support)) {
                if let Some(r) = records.iter().find(|r| r.tok == b) {
                    agents = r.subj.clone();
                    notes.push(format!("agent is the subject of {:?}", cx.key(b)));
                }
            }
        }
        let mut t = i + 1;
        while t < end {
            let key = cx.key(t);
            let np = ph.np_at(t + 1);
            if key == "of" && t == i + 1 && !n.target_preps.iter().any(|p| p == "of") {
                // "the deployment of Russian troops": the theme's nationality is the agent.
                if let Some(np) = np {
                    if agents.is_empty() {
                        agents.extend(np.adjs.iter().copied());
                    }
                    t = np.end;
                    continue;
                }
            }
            if key == "between" {
                if let Some(np) = np {
                    let both = coordinated(cx, ph, np.refs.clone(), np.end, end);
                    if both.len() >= 2 {
                        agents = vec![both[0]];
                        targets = vec![both[1]];
                        break;
                    }
                }
            }
            if n.agent_preps.iter().any(|p| p == key) && agents.is_empty() {
                if let Some(np) = np {
                    agents.extend(argument(np));
                }
            } else if n.target_preps.iter().any(|p| p == key) && targets.is_empty() {
                if let Some(np) = np {
                    let refs = argument(np);
                    if !refs.is_empty() {
                        targets = coordinated(cx, ph, refs, np.end, end);
                    }
                }
                if targets.is_empty() {
                    // "an investigation into crimes committed by Croat
                    // forces": the agent of what the noun is about.
                    targets = participle_agent(cx, ph, t + 1);
                }
            }
            t += 1;
        }
        if targets.is_empty() && n.category == Category::Request {
            // "its demand that Israel ease restrictions": the subject of the
            // demanded clause is the target.
            if let Some(t) = (i + 1..ph.range.end.min(i + 4)).find(|&t| cx.key(t) == "that") {
                if let Some(np) = ph.np_at(t + 1).filter(|np| np.start == t + 1) {
                    targets = argument(np);
                }
            }
        }
        if targets.is_empty() && n.category == Category::Protest {
            targets = demand_target(cx, ph, i + 1);
        }
        if targets.is_empty() {
            // "X faced Western sanctions": the experiencer is the target;
            // "came under Russian attack": the subject of the clause.
            let experiencer = |b: usize| cx.class(b) == Some(WordClass::Experiencer) || cx.key(b) == "under";
            if let Some(b) = look_back(cx, ph, records, first, 6, experiencer) {
                if let Some(r) = records.iter().find(|r| r.tok == b) {
                    targets = r.subj.clone();
                    notes.push(format!("target is the subject of {:?}", cx.key(b)));
                } else if cx.key(b) == "under" {
                    if let Some(r) = records.iter().rev().find(|r| r.tok < b) {
                        targets = r.subj.clone();
                    }
                }
            }
        }
        let places = |ts: &[EntId]| {
            ts.iter()
                .all(|&t| matches!(cx.reg.kind(t), EntityType::Location | EntityType::Country))
        };
        if places(&targets) && n.category == Category::Assault && !agents.is_empty() {
            // "A US drone airstrike in Somalia kills 15 members of
            // al-Shabaab": an attack noun that is the subject of a verb of
            // harm is aimed at that verb's object, rather than at the place
            // it happened. Only words that are not a clause break may stand
            // between them ("airstrikes have killed").
            let harms = verb_after.filter(|r| {
                r.tok <= i + 8
                    && (i + 1..r.tok).all(|k| cx.toks[k].kind != TokenKind::Punct && !cx.class(k).is_some_and(|c| c.is_relative()))
                    && r.entry.is_some_and(|e| lex.verbs[e].category == Category::Assault)
            });
            let located = |ts: &[EntId]| ts.iter().all(|&t| cx.reg.kind(t) == EntityType::Location);
            if let Some(r) = harms.filter(|r| !r.obj.is_empty() && !located(&r.obj)) {
                targets = r.obj.clone();
                notes.push(format!("target is the object of {:?}, whose subject the noun is", cx.key(r.tok)));
            }
        }
        agents.retain(|&a| cx.reg.kind(a) != EntityType::Location);
        let (category, predicate) = match &halted {
            Some(subj) => {
                if !subj.is_empty() {
                    agents = subj.clone();
                }
                (Category::Sanction, format!("halted-{}", cx.key(i)))
            }
            None => (n.category, n.predicate.clone()),
        };
        // "postponed his visit", "cancelled a planned strike", "refused
        // talks": an event noun that a calling-off or refusing verb takes
        // did not happen (a cooperation noun under a halting verb is the
        // sanction above instead). "ended its boycott" and "a failed air
        // strike" say the event was real: `end` is no call-off word, and
        // the verb must take the noun's phrase (a determiner, a possessive
        // or the noun itself after it).
        let takes_phrase = |b: usize| b + 1 == first || matches!(cx.class(b + 1), Some(WordClass::Det | WordClass::PronPoss));
        let called_off = halted.is_none()
            && look_back(cx, ph, records, first, 4, |b| {
                matches!(cx.class(b), Some(WordClass::CallOff | WordClass::Refuse)) && takes_phrase(b)
            })
            .is_some();
        if called_off {
            notes.push("taken by a calling-off or refusing verb: negated".into());
        }
        let symmetric = halted.is_none() && (matches!(n.category, Category::Consult | Category::Cooperate) || cx.key(i) == "talks");
        // "French and Egyptian warships launched joint war games": a shared
        // event between coordinated agents relates them to each other.
        let mut pairs: Vec<(EntId, EntId)> = agents.iter().flat_map(|&a| targets.iter().map(move |&o| (a, o))).collect();
        if targets.is_empty() && symmetric {
            for (x, &a) in agents.iter().enumerate() {
                pairs.extend(agents[x + 1..].iter().map(|&b| (a, b)));
            }
        }
        for (a, o) in pairs {
            {
                let mut t = NewTriple::new(a, &predicate, category, o, s, "event-noun");
                t.trigger = Some(i);
                t.confidence = 0.6;
                t.negated = called_off;
                t.symmetric = symmetric;
                t.attribution = attr;
                if attr.is_some() {
                    t.modality = Modality::Reported;
                }
                t.notes = notes.clone();
                cx.emit(t);
            }
        }
    }
}
