//! Scope read from the dependency parse: whether the clause an event word
//! sits in is negated, reported, planned, requested or hypothetical, from
//! the words above it in the tree ("rules out deploying troops", "said
//! that", "according to officials", "is suspected of having given", "to
//! deter an invasion"). The parse reader `clauses` asks it for the events
//! it reads; for the token grammar's events, [`sentence`] narrows what the
//! grammar stated, so one reading of scope holds for both.
//!
//! Scope only ever narrows: a tree that says "reported" or "negated"
//! marks an asserted triple so, and a triple the grammar already marked
//! stays as it is. A parse error can then hide an event behind a wrong
//! scope, but never turns a denial or a report into an asserted fact.

use super::tree::Tree;
use super::{DocCx, EntId};
use crate::lexicon::WordClass;
use crate::model::{Category, Modality};
use crate::syntax::Upos;

/// How far up through clause relations scope is looked for.
const SCOPE_STEPS: usize = 3;

/// The scope a clause sits in, and the word that set it.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub negated: bool,
    pub modality: Modality,
    pub attribution: Option<EntId>,
    pub why: Vec<String>,
}

impl Scope {
    /// The nearest non-asserted modality wins: "said it sent troops to
    /// protect X" plans the protecting, whoever reports it.
    fn set(&mut self, m: Modality, why: String) {
        if self.modality == Modality::Asserted {
            self.modality = m;
            self.why.push(why);
        }
    }
}

/// The grammar class of word `w`, read with its particle first, then with
/// the subordinator of the clause below it (`mark`): "rules out" and
/// "denied that" are refusals, "rules" and "denied" alone are not.
fn class_of(cx: &DocCx, tree: &Tree, w: usize, mark: Option<&str>) -> Option<WordClass> {
    let form = tree.p.words[w].form.to_lowercase();
    let particle = tree.kids_by(w, "compound:prt").next().map(|p| tree.p.words[p].form.to_lowercase());
    let two = |second: &str| cx.lex.word_class(&format!("{form} {second}"));
    particle
        .as_deref()
        .and_then(two)
        .or_else(|| mark.and_then(two))
        .or_else(|| cx.lex.word_class(&form))
}

/// The names a word's subject stands for.
fn subject_of(tree: &Tree, w: usize) -> Option<EntId> {
    tree.kids_by(w, "nsubj").find_map(|s| tree.names_at(s).next().map(|e| e.ent))
}

/// "according to Ukrainian officials" hanging on `w`: the source's name,
/// or `Some(None)` when it names none.
fn according_to(tree: &Tree, w: usize) -> Option<Option<EntId>> {
    tree.kids[w]
        .iter()
        .copied()
        .find(|&c| tree.p.words[c].deprel.starts_with("obl") && tree.kids_by(c, "case").any(|k| tree.is(k, "according")))
        .map(|c| tree.names_at(c).next().map(|e| e.ent))
}

/// What the dependents of one clause head say of the clause: negation,
/// modals, "according to", and a trailing "..., officials said".
/// `below` is the word the walk came up from, which is no dependent that
/// scopes over itself.
fn own(cx: &DocCx, tree: &Tree, w: usize, below: Option<usize>, out: &mut Scope, negation: bool) {
    let words = &tree.p.words;
    for &c in tree.kids[w].iter().filter(|&&c| Some(c) != below) {
        match (words[c].deprel.as_str(), class_of(cx, tree, c, None)) {
            ("advmod" | "neg", Some(WordClass::Neg)) if negation => {
                out.negated = !out.negated;
                out.why.push(format!("negated by {:?}", words[c].form));
            }
            ("aux", Some(WordClass::ModalPlan)) => out.set(Modality::Planned, format!("planned: {:?}", words[c].form)),
            ("aux", Some(WordClass::ModalHyp)) => out.set(Modality::Hypothetical, format!("hypothetical: {:?}", words[c].form)),
            // "..., a senior official said": whoever speaks. The parser
            // may make the verb of speech a conjunct; with no "and" it is
            // still the attribution, not a second clause. A verb of speech
            // with a complement of its own ("; its rivals say this is
            // propaganda") reports that, not this clause.
            ("parataxis" | "conj", Some(WordClass::Speech))
                if c > w
                    && tree.kids_by(c, "nsubj").next().is_some()
                    && tree.kids_by(c, "ccomp").next().is_none()
                    && (words[c].deprel == "parataxis" || tree.kids_by(c, "cc").next().is_none()) =>
            {
                out.set(Modality::Reported, format!("reported: {:?}", words[c].form));
                out.attribution = out.attribution.or(subject_of(tree, c));
            }
            _ => {}
        }
    }
    if let Some(source) = according_to(tree, w) {
        out.set(Modality::Reported, "reported: \"according to\"".into());
        out.attribution = out.attribution.or(source);
    }
}

/// Whether word `w` is a verb of a speech act (a demand, a protest, an
/// accusation, a rejection, talks): such a purpose clause happens in the
/// doing of the act it is the purpose of.
fn performed_by_its_means(cx: &DocCx, tree: &Tree, w: usize) -> bool {
    let form = tree.p.words[w].form.to_lowercase();
    cx.lex.verb_forms.get(form.as_str()).is_some_and(|es| {
        es.iter().any(|&e| {
            matches!(
                cx.lex.verbs[e].category,
                Category::Request | Category::Protest | Category::Accuse | Category::Reject | Category::Consult
            )
        })
    })
}

/// The scope of the clause headed by word `w` (a verb, or an event noun).
pub fn of_word(cx: &DocCx, tree: &Tree, w: usize) -> Scope {
    let words = &tree.p.words;
    let mut out = Scope::default();
    own(cx, tree, w, None, &mut out, true);
    let mut cur = w;
    for step in 0..SCOPE_STEPS {
        let Some(h) = words[cur].head else { break };
        let rel = words[cur].deprel.as_str();
        let mark = tree.kids_by(cur, "mark").map(|m| words[m].form.to_lowercase()).next();
        // "deployed troops to protect civilians", "in order to deter": a
        // purpose clause is what its subject intends, not what happened.
        // A speech act is done by the act it is the purpose of: "staged
        // rallies to demand reforms" demands them, "met to discuss" talks.
        if rel == "advcl" && mark.as_deref() == Some("to") && !(step == 0 && performed_by_its_means(cx, tree, w)) {
            out.set(Modality::Planned, "planned: a purpose clause".into());
        }
        // Coordinated verbs share their governor ("said it attacked and
        // destroyed"), and the modal of the first ("will attack and
        // destroy"), but not what the first verb is: in "denied the report
        // and attacked" the attack is not denied.
        if rel == "conj" {
            own(cx, tree, h, Some(cur), &mut out, false);
            cur = h;
            continue;
        }
        // A noun that a calling-off verb takes as its object ("ruled out
        // a withdrawal") did not happen; other objects are no clause of
        // their own.
        let object = step == 0 && matches!(rel, "obj" | "nsubj:pass");
        if !matches!(rel, "ccomp" | "xcomp" | "parataxis" | "advcl" | "acl") && !object {
            break;
        }
        let class = class_of(cx, tree, h, mark.as_deref());
        let form = words[h].form.to_lowercase();
        match class {
            // A request that is refused was still made: only calling off
            // ("postponed the visit", "ruled out a withdrawal") says that
            // what a noun names did not happen.
            Some(WordClass::Refuse | WordClass::Refusal) if object => break,
            Some(WordClass::Refuse | WordClass::CallOff | WordClass::Refusal) => {
                out.negated = true;
                out.why.push(format!("negated by {form:?}"));
            }
            _ if object => break,
            // A time or reason clause under a verb of speech ("said ...
            // after meeting X") is the writer's, not the speaker's; a
            // complement ("accused X of attacking") is the speaker's.
            // A clause before its verb of speech is set off by punctuation
            // ("X attacked Y, officials said"); without any, the parser
            // has hung a clause on the wrong verb.
            Some(WordClass::Speech)
                if (rel != "advcl" || matches!(mark.as_deref(), Some("of" | "that")))
                    && (h < cur || (cur..h).any(|k| words[k].upos == Upos::Punct)) =>
            {
                out.set(Modality::Reported, format!("reported: {form:?}"));
                out.attribution = out.attribution.or(subject_of(tree, h));
                break;
            }
            Some(WordClass::Allege) => out.set(Modality::Reported, format!("alleged: {form:?}")),
            Some(WordClass::Light) if form.starts_with("threat") => out.set(Modality::Hypothetical, format!("threatened: {form:?}")),
            Some(WordClass::Light) => out.set(Modality::Planned, format!("planned: {form:?}")),
            Some(WordClass::Attempt) => out.set(Modality::Hypothetical, format!("attempted: {form:?}")),
            Some(WordClass::ModalPlan) => out.set(Modality::Planned, format!("planned: {form:?}")),
            Some(WordClass::ModalHyp) => out.set(Modality::Hypothetical, format!("hypothetical: {form:?}")),
            _ => {
                // "asked Iran to release", "pledged to withdraw": a verb of
                // the lexicon that governs a clause makes it requested or
                // intended.
                if let Some(entries) = cx.lex.verb_forms.get(form.as_str()).filter(|_| rel == "xcomp") {
                    let v = entries.iter().map(|&e| &cx.lex.verbs[e]);
                    if v.clone().any(|v| v.control) {
                        out.set(Modality::Requested, format!("requested: {form:?}"));
                    } else if v.clone().any(|v| v.intent) {
                        out.set(Modality::Planned, format!("intended: {form:?}"));
                    }
                }
            }
        }
        own(cx, tree, h, Some(cur), &mut out, false);
        cur = h;
    }
    out
}

/// Narrows the scope of the token grammar's event triples of sentence `s`
/// by what the parse says of the word that states each of them.
pub fn sentence(cx: &mut DocCx, s: usize, tree: &Tree) {
    for k in 0..cx.out.triples.len() {
        let t = &cx.out.triples[k];
        let Some(tok) = cx.triggers[k] else { continue };
        if t.evidence.sentence != s || !t.category.is_event() {
            continue;
        }
        let at = cx.toks[tok].start;
        let w = tree.p.words.partition_point(|w| w.end <= at);
        if tree.p.words.get(w).is_none_or(|w| w.start > at) {
            continue;
        }
        let sc = of_word(cx, tree, w);
        let attribution = sc.attribution.map(|a| cx.reg.eref(a));
        let t = &mut cx.out.triples[k];
        let mut changed = false;
        if sc.negated && !t.negated {
            t.negated = true;
            changed = true;
        }
        if t.modality == Modality::Asserted && sc.modality != Modality::Asserted {
            t.modality = sc.modality;
            changed = true;
        }
        if t.modality == Modality::Reported && t.attribution.is_none() && attribution.is_some() {
            t.attribution = attribution;
            changed = true;
        }
        if changed {
            cx.out.explanations[k].push(format!("scope from the parse: {}", sc.why.join(", ")));
        }
    }
}
