//! A sentence's dependency parse with its names placed in it: the word
//! heading each name mention, the words that stand for it, and every
//! word's dependents. The stages that read the parse (`links`, `clauses`)
//! share one `Tree` per sentence, so each sentence is parsed once.

use super::{DocCx, EntId};
use crate::lexicon::Lexicon;
use crate::model::EntityType;
use crate::syntax::{Parse, Upos};
use rustc_hash::FxHashMap as HashMap;

/// A name mention in the parse: the word that heads it and the words that
/// stand for it (see [`stand_ins`]).
pub struct Ends {
    pub words: Vec<usize>,
    pub ent: EntId,
    pub kind: EntityType,
}

/// The words a name's head stands for: itself and, when the parser made a
/// title noun before the name its head ("actor Henry Fonda was born",
/// "historian and teacher Sydney Freedberg"), that noun, so the name
/// takes the place the noun has in the clause.
///
/// A name in commas after the noun it renames stands for that noun too:
/// in "the fifth president, James Monroe, was born in Virginia" the
/// parser makes "president" the subject and the name its apposition.
///
/// The parser tags a capitalised title ("the 18th President of the United
/// States, Ulysses S. Grant,") as a proper noun; a role of roles.tsv renames
/// as a common noun does.
fn stand_ins(p: &Parse, lex: &Lexicon, head: usize, start: usize, kind: EntityType) -> Vec<usize> {
    let role = |f: &str| lex.roles.contains_key(f);
    let mut out = vec![head];
    let w = &p.words[head];
    if let Some(h) = w.head.filter(|_| matches!(w.deprel.as_str(), "appos" | "flat" | "compound")) {
        let title = &p.words[h];
        let between: Vec<&crate::syntax::Word> = p.words.get(h + 1..head).unwrap_or(&[]).iter().filter(|b| b.end <= start).collect();
        let plain_between = between.iter().all(|b| b.upos != Upos::Punct);
        let renamed = w.deprel == "appos"
            && (title.upos == Upos::Noun || (title.upos == Upos::Propn && role(&title.form.to_lowercase())))
            && between.last().is_some_and(|b| b.form == ",")
            && between.iter().filter(|b| b.upos == Upos::Punct).count() == 1;
        if title.end <= start && matches!(title.upos, Upos::Noun | Upos::Propn) && (plain_between || renamed) {
            out.push(h);
        }
        // "an economist with the Harlow Foundation research group": an
        // organisation's name that modifies a noun for a kind of
        // organisation after it names what that noun is, as a place's name
        // does a noun for a kind of place ("governor of the Kaltan
        // region"). Not a person's, nor a place's before any other noun
        // ("the Trump administration", "the Tokyo office" are not Trump and
        // Tokyo), nor before a noun for a person ("University of Texas tower
        // sniper").
        let fits = matches!(kind, EntityType::Organization | EntityType::Location)
            && lex.name_last_words.get(title.form.to_lowercase().as_str()) == Some(&kind);
        let kind_noun = fits
            && w.deprel == "compound"
            && h > head
            && title.upos == Upos::Noun
            && p.words[head + 1..h]
                .iter()
                .all(|b| matches!(b.upos, Upos::Noun | Upos::Propn) && b.head == Some(h) && b.deprel == "compound");
        if kind_noun {
            out.push(h);
        }
    }
    out
}

/// "The chairman of the Harlow Authority, Ana Ruiz, said": the parser
/// often makes the person's name a conjunct of the organisation before it.
/// A conjunct with no coordinating word, after a comma, of a name of
/// another type (a person "and" an organisation is no list) renames the
/// noun the organisation hangs from, so the name stands for that noun.
fn renamed_through_conj(p: &Parse, kids: &[Vec<usize>], ends: &mut [Ends]) {
    let kind_at: HashMap<usize, EntityType> = ends.iter().map(|e| (e.words[0], e.kind)).collect();
    for e in ends.iter_mut().filter(|e| e.kind == EntityType::Person) {
        let w = e.words[0];
        let word = &p.words[w];
        let Some(h) = word.head.filter(|_| word.deprel == "conj") else {
            continue;
        };
        let other_type = kind_at.get(&h).is_some_and(|&k| k != EntityType::Person);
        let coordinated = kids[w].iter().any(|&c| p.words[c].deprel == "cc");
        let after_comma = w > 0 && p.words[w - 1].form == ",";
        if let Some(noun) = p.words[h].head.filter(|&r| p.words[r].upos == Upos::Noun && r < h) {
            if other_type && !coordinated && after_comma && !e.words.contains(&noun) {
                e.words.push(noun);
            }
        }
    }
}

/// The words of `p` inside the byte span `s..e`.
fn inside_words(p: &Parse, s: usize, e: usize) -> impl Iterator<Item = usize> + '_ {
    let first = p.words.partition_point(|w| w.start < s);
    (first..p.words.len()).take_while(move |&w| in_span(&p.words[w], s, e))
}

/// Whether a word lies in the byte span `s..e` of a name. "Corp." is one
/// word, but the name "Larami Corp" ends before its dot.
fn in_span(word: &crate::syntax::Word, s: usize, e: usize) -> bool {
    word.start >= s && (word.end <= e || (word.end == e + 1 && word.form.ends_with('.')))
}

/// The word of `p` that heads the byte span `s..e`: the first non-punctuation
/// word inside whose head lies outside. Words are in text order, so only
/// the words of the span are looked at.
fn head_word(p: &Parse, s: usize, e: usize) -> Option<usize> {
    let inside = |w: usize| in_span(&p.words[w], s, e);
    let first = p.words.partition_point(|w| w.start < s);
    (first..p.words.len())
        .take_while(|&w| p.words[w].start < e)
        .find(|&w| inside(w) && p.words[w].upos != Upos::Punct && !p.words[w].head.is_some_and(inside))
}

/// "Ana Ruiz, who works at the institute, won": the parser often makes a
/// relative clause after a comma a `parataxis` of the name, with its
/// prepositional phrase an `nmod`. A clause whose subject is a relative
/// pronoun (tag WP or WDT) right after the comma is a relative clause of
/// the noun before it, and an `nmod` of its verb is an oblique.
fn relative_clauses(p: &mut Parse, kids: &[Vec<usize>]) {
    for (v, children) in kids.iter().enumerate() {
        let w = &p.words[v];
        let Some(h) = w.head.filter(|&h| h < v && w.deprel == "parataxis") else {
            continue;
        };
        let relative = children.iter().any(|&c| {
            let k = &p.words[c];
            c < v && k.deprel.starts_with("nsubj") && matches!(k.xpos.as_str(), "WP" | "WDT") && c > 0 && p.words[c - 1].form == ","
        });
        if !relative || !matches!(p.words[h].upos, Upos::Noun | Upos::Propn) {
            continue;
        }
        p.words[v].deprel = "acl:relcl".into();
        for &c in children {
            if p.words[c].deprel == "nmod" {
                p.words[c].deprel = "obl".into();
            }
        }
    }
}

/// The dependents of every word, in text order, built once per sentence:
/// `Parse::children` scans the whole sentence on each call.
fn children_of(p: &Parse) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); p.words.len()];
    for (i, w) in p.words.iter().enumerate() {
        if let Some(h) = w.head {
            out[h].push(i);
        }
    }
    out
}

pub struct Tree {
    pub p: Parse,
    /// The dependents of every word, in text order.
    pub kids: Vec<Vec<usize>>,
    /// The sentence's name mentions, placed in the parse.
    pub ends: Vec<Ends>,
    /// The names each word stands for, as indexes into `ends`.
    at_word: HashMap<usize, Vec<usize>>,
}

impl Tree {
    /// The names word `w` stands for.
    pub fn names_at(&self, w: usize) -> impl Iterator<Item = &Ends> + '_ {
        self.at_word
            .get(&w)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .map(|&i| &self.ends[i])
    }

    /// The dependents of `w` by relation `rel`.
    pub fn kids_by<'t>(&'t self, w: usize, rel: &'t str) -> impl Iterator<Item = usize> + 't {
        self.kids[w].iter().copied().filter(move |&c| self.p.words[c].deprel == rel)
    }

    /// Whether word `w` is `form`, ignoring ASCII case.
    pub fn is(&self, w: usize, form: &str) -> bool {
        self.p.words[w].form.eq_ignore_ascii_case(form)
    }

    /// Whether word `w` has a `case` dependent among `cases` (any, when empty).
    pub fn has_case(&self, w: usize, cases: &[String]) -> bool {
        cases.is_empty() || self.kids_by(w, "case").any(|c| cases.iter().any(|k| self.is(c, k)))
    }
}

/// How many tokens apart two names may be for the parse gate to look
/// between them.
const GATE_SPAN: usize = 8;

/// Parses sentence `s` when it can hold a relation between names: at most
/// `MAX_GRAMMAR_TOKENS` tokens (the grammar stage skips longer ones and
/// says so) and two different named entities or more. `None` otherwise, and
/// when the build has no syntax model. With `events`, the sentence holds
/// the grammar's events, whose scope the parse reads whatever names it
/// has ("Israeli soldiers killed Palestinians" names none), so only the
/// length bounds the parse.
pub fn build(cx: &DocCx, s: usize, events: bool, wanted: impl Fn(&str) -> bool) -> Option<Tree> {
    let range = cx.sentences[s].tokens.clone();
    if range.len() > super::MAX_GRAMMAR_TOKENS {
        return None;
    }
    let mentions: Vec<&super::Mention> = cx.names_in(s).collect();
    let names: Vec<(usize, usize, EntId)> = mentions
        .iter()
        .map(|m| (cx.toks[m.tok.start].start, cx.toks[m.tok.end - 1].end, m.ent))
        .collect();
    if !events && (names.len() < 2 || names.iter().all(|n| n.2 == names[0].2)) {
        return None;
    }
    // Parsing is the costly step: a sentence is parsed only when a word a
    // reader of the tree needs stands between two of its names, at most
    // `GATE_SPAN` tokens apart, or just after the second ("a Houston
    // native"), or a lone comma separates them ("Tempe, Arizona").
    let between = |a: &super::Mention, b: &super::Mention| {
        let gap = a.tok.end..b.tok.start;
        let look = a.tok.end..(b.tok.end + 2).min(range.end);
        a.ent != b.ent
            && gap.len() <= GATE_SPAN
            && ((gap.len() == 1 && cx.key(gap.start) == ",") || look.clone().any(|t| cx.key(t) != "," && wanted(cx.key(t))))
    };
    if !events && !mentions.windows(2).any(|w| between(w[0], w[1])) {
        return None;
    }
    let model = crate::syntax::shipped().ok()?;
    let mut p = model.parse_sentence(cx.text, &cx.toks, &cx.sentences[s]);
    // A run-on "sentence" parsed in chunks has no real tree to read.
    if p.chunked {
        return None;
    }
    // Relabelling keeps every head, so the children stay as they are.
    let kids = children_of(&p);
    relative_clauses(&mut p, &kids);
    let ends: Vec<Ends> = names
        .iter()
        .filter_map(|&(bs, be, ent)| {
            head_word(&p, bs, be).map(|w| {
                // The other words of the name stand for it too: the parser
                // often hangs "of Sweden" on a name's last word.
                let mut words = stand_ins(&p, cx.lex, w, bs, cx.reg.kind(ent));
                words.extend(inside_words(&p, bs, be).filter(|&k| k != w && p.words[k].upos != Upos::Punct));
                Ends {
                    words,
                    ent,
                    kind: cx.reg.kind(ent),
                }
            })
        })
        .collect();
    let mut ends = ends;
    renamed_through_conj(&p, &kids, &mut ends);
    let mut at_word: HashMap<usize, Vec<usize>> = HashMap::default();
    for (i, e) in ends.iter().enumerate() {
        for &w in &e.words {
            at_word.entry(w).or_default().push(i);
        }
    }
    Some(Tree { p, kids, ends, at_word })
}
