//! Event clauses read from the dependency parse, for the sentences the
//! token grammar gave no event: a verb of `verbs.tsv` with its arguments
//! found by their relations (nsubj and obj; obl with its case word;
//! nsubj:pass with obl:agent or a "by" phrase), the arguments coordinated
//! with them, and the clause's scope read from the words above it: a
//! negation, a modal, a speech verb ("officials said that ..."), a refusal
//! verb ("refused to ...").
//!
//! The token grammar keeps the sentences it reads; this stage only adds
//! where it found no event, so the two never state one event twice.

use super::scope::{self, Scope};
use super::tree::Tree;
use super::{DocCx, EntId, NewTriple};
use crate::lexicon::{Slot, VerbEntry};
use crate::model::EntityType;
use crate::syntax::Upos;

/// The relations a verb heading its own clause hangs by.
const CLAUSE_RELATIONS: &[&str] = &["root", "ccomp", "xcomp", "conj", "advcl", "parataxis", "acl:relcl", "acl"];

/// Argument words and the words coordinated with them ("Russia and
/// Belarus signed").
fn with_conjuncts(tree: &Tree, words: Vec<usize>) -> Vec<usize> {
    let mut out = words.clone();
    for w in words {
        out.extend(tree.kids_by(w, "conj"));
    }
    out
}

/// Whether the verb has a subject of its own, active or passive.
fn has_own_subject(tree: &Tree, verb: usize) -> bool {
    tree.kids[verb]
        .iter()
        .any(|&c| matches!(tree.p.words[c].deprel.as_str(), "nsubj" | "nsubj:pass" | "csubj"))
}

/// Whether the verb's clause is passive. A verb coordinated with a passive
/// one and without a subject of its own shares its voice: "was shot and
/// mortally wounded by".
fn is_passive(tree: &Tree, verb: usize) -> bool {
    let words = &tree.p.words;
    let own = tree.kids[verb]
        .iter()
        .any(|&c| matches!(words[c].deprel.as_str(), "nsubj:pass" | "aux:pass"));
    own || (words[verb].deprel == "conj"
        && !has_own_subject(tree, verb)
        && words[verb].head.is_some_and(|h| words[h].upos == Upos::Verb && is_passive(tree, h)))
}

/// The verbs a verb's arguments are shared with: the verb coordinated
/// above it and those coordinated below it that have no subject of
/// their own ("was shot and wounded by X" gives both verbs X).
fn coordinated(tree: &Tree, verb: usize) -> Vec<usize> {
    let words = &tree.p.words;
    let mut out: Vec<usize> = tree
        .kids_by(verb, "conj")
        .filter(|&c| words[c].upos == Upos::Verb && !has_own_subject(tree, c))
        .collect();
    if words[verb].deprel == "conj" && !has_own_subject(tree, verb) {
        out.extend(words[verb].head.filter(|&h| words[h].upos == Upos::Verb));
    }
    out
}

/// The agent words of a passive verb: an obl:agent or a "by" phrase.
fn agents(tree: &Tree, verb: usize) -> Vec<usize> {
    let words = &tree.p.words;
    tree.kids[verb]
        .iter()
        .copied()
        .filter(|&c| words[c].deprel == "obl:agent" || (words[c].deprel == "obl" && tree.has_case(c, &["by".to_string()])))
        .collect()
}

/// The subject words of a verb: its own, or for a verb coordinated with
/// or controlled by another ("met and signed", "agreed to send"), the
/// head verb's. A passive verb's subject is its agent, which coordinated
/// passive verbs share.
fn subjects(tree: &Tree, verb: usize, passive: bool) -> Vec<usize> {
    let words = &tree.p.words;
    if passive {
        let own = agents(tree, verb);
        if !own.is_empty() {
            return own;
        }
        return coordinated(tree, verb)
            .into_iter()
            .filter(|&v| is_passive(tree, v))
            .flat_map(|v| agents(tree, v))
            .collect();
    }
    let own: Vec<usize> = tree.kids_by(verb, "nsubj").collect();
    if !own.is_empty() {
        return own;
    }
    match (words[verb].head, words[verb].deprel.as_str()) {
        (Some(h), "xcomp") => tree.kids_by(h, "nsubj").collect(),
        (Some(h), "conj") if coordinated_with(tree, h, verb) => tree.kids_by(h, "nsubj").collect(),
        _ => Vec::new(),
    }
}

/// Whether conjunct `verb` of `head` is in a real coordination: it or a
/// later conjunct of the same head has its "and", "or" or "but" ("met,
/// talked and signed"). A conjunct with none is the parser's guess for a
/// clause it could not attach ("argued that X, acting alone, killed Y"),
/// and shares no subject.
fn coordinated_with(tree: &Tree, head: usize, verb: usize) -> bool {
    tree.kids_by(head, "conj")
        .filter(|&c| c >= verb)
        .any(|c| tree.kids_by(c, "cc").next().is_some())
}

fn objects(tree: &Tree, verb: usize, v: &VerbEntry, passive: bool) -> Vec<usize> {
    let words = &tree.p.words;
    let mut out = Vec::new();
    for slot in v.slots.iter() {
        match slot {
            Slot::Dobj if passive => {
                out.extend(tree.kids_by(verb, "nsubj:pass"));
                // "X was shot and wounded": the patient of the verb this one
                // is coordinated with.
                if out.is_empty() {
                    out.extend(coordinated(tree, verb).into_iter().flat_map(|v| tree.kids_by(v, "nsubj:pass")));
                }
            }
            Slot::Dobj => out.extend(tree.kids_by(verb, "obj")),
            // "protests in Zambia": a country or place after a locative
            // preposition is where the event happened, not its target.
            // "returned to Pakistan" moves no thing: travel, no event.
            Slot::Prep(_) if v.moved && tree.kids_by(verb, "obj").next().is_none() => {}
            Slot::Prep(p) => {
                let locative = matches!(p.as_str(), "in" | "at" | "near" | "inside" | "across");
                out.extend(tree.kids[verb].iter().copied().filter(|&c| {
                    matches!(words[c].deprel.as_str(), "obl" | "nmod")
                        && tree.has_case(c, std::slice::from_ref(p))
                        && !(locative
                            && tree
                                .names_at(c)
                                .any(|e| matches!(e.kind, EntityType::Location | EntityType::Country)))
                }))
            }
            Slot::That | Slot::None => {}
        }
    }
    out
}

/// Whether the verb carries the entry's particle ("beat up"; a particle
/// that is a noun, "reached a deal", is its object).
fn has_particle(tree: &Tree, verb: usize, v: &VerbEntry) -> bool {
    let Some(part) = &v.particle else { return true };
    let last = part.rsplit(' ').next().unwrap_or(part);
    tree.kids[verb]
        .iter()
        .any(|&c| matches!(tree.p.words[c].deprel.as_str(), "compound:prt" | "obj" | "advmod") && tree.is(c, last))
}

/// Adds the events of sentence `s`.
pub fn sentence(cx: &mut DocCx, s: usize, tree: &Tree) {
    let lex = cx.lex;
    let mut found: Vec<(EntId, EntId, &VerbEntry, Scope)> = Vec::new();
    for (w, word) in tree.p.words.iter().enumerate() {
        // A participle that modifies a noun ("convicted murderer X",
        // "Rwanda-backed rebels") is no clause of its own.
        if word.upos != Upos::Verb || !CLAUSE_RELATIONS.contains(&word.deprel.as_str()) {
            continue;
        }
        let Some(entries) = lex.verb_forms.get(word.form.to_lowercase().as_str()) else {
            continue;
        };
        let passive = is_passive(tree, w);
        let before = found.len();
        for &i in entries {
            let v = &lex.verbs[i];
            // Control and intent verbs take a clause, which the grammar
            // reads with its own rules.
            if v.control || v.intent || !has_particle(tree, w, v) {
                continue;
            }
            let subj = with_conjuncts(tree, subjects(tree, w, passive));
            let obj = with_conjuncts(tree, objects(tree, w, v, passive));
            // A place after a preposition is where the event happened
            // ("demonstrating in Istanbul"), not its target; a place as the
            // direct object is ("attacked Kharkiv").
            let prep_only = !v.slots.iter().any(|sl| matches!(sl, Slot::Dobj));
            if subj.is_empty() || obj.is_empty() {
                continue;
            }
            let sc = scope::of_word(cx, tree, w);
            for a in subj.iter().flat_map(|&x| tree.names_at(x)) {
                if v.person_subject && a.kind != EntityType::Person {
                    continue;
                }
                for b in obj.iter().flat_map(|&x| tree.names_at(x)) {
                    if a.ent == b.ent || ((v.actor_object || prep_only) && b.kind == EntityType::Location) {
                        continue;
                    }
                    found.push((a.ent, b.ent, v, sc.clone()));
                }
            }
            // The first entry that found arguments is the verb's sense.
            if found.len() > before {
                break;
            }
        }
    }
    for (subj, obj, v, sc) in found {
        let mut t = NewTriple::new(subj, &v.predicate, v.category, obj, s, "clause");
        t.symmetric = v.symmetric;
        t.negated = sc.negated;
        t.modality = sc.modality;
        t.attribution = sc.attribution;
        t.confidence = 0.6;
        t.notes = vec![format!("verbs.tsv:{} read from the parse", v.line)];
        if !sc.why.is_empty() {
            t.notes.push(format!("scope from the parse: {}", sc.why.join(", ")));
        }
        cx.emit(t);
    }
}
