//! Syntax stage: part-of-speech tags and labelled dependency trees in
//! Universal Dependencies (UPOS, head, deprel) for story sentences.
//!
//! The stage reads the text stage's tokens and sentences and returns one
//! [`Parse`] per sentence: a plain list of [`Word`]s, each with its byte
//! span in the document, its tags, its head and its label. Later stages
//! read that type and nothing else.
//!
//! - `words.rs` maps geokg's tokens to UD word conventions (clitics such as
//!   "n't" and "'re" split off, hyphens their own word);
//! - `features.rs` hashes features; `perceptron.rs` is the averaged
//!   perceptron with its frozen, quantised weight table;
//! - `tagger.rs` is the greedy tagger; `parser.rs` the arc-hybrid
//!   transition parser with its oracles;
//! - `model.rs` is the model file and the shipped model
//!   (`src/syntax/model.bin`, trained on UD English-EWT and English-GUM;
//!   see NOTICE), loaded once per process;
//! - `train.rs` trains a model from CoNLL-U files; `conllu.rs` reads and
//!   writes CoNLL-U.
//!
//! Parsing never fails and never panics on any input: every sentence gets
//! a tree (with one root per chunk, see [`MAX_WORDS`]), and the cost is
//! linear in the sentence length.

pub mod conllu;
pub mod features;
pub mod model;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod train;
pub mod words;

pub use model::{shipped, Analysis, Model};

use crate::text::{Sentence, Token};
use compact_str::CompactString;

/// Sentences longer than this many words are parsed in chunks of this
/// size, each with its own root. The parser is linear in any case; the
/// cap keeps a run-on "sentence" (a table, a list of names without
/// punctuation) from being parsed as one absurd tree, and `Parse::chunked`
/// says it happened.
pub const MAX_WORDS: usize = 200;

/// The 17 universal part-of-speech tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|u| u.as_str() == s)
    }
}

/// One syntactic word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte span into the document text.
    pub start: usize,
    pub end: usize,
    /// The text of the span.
    pub form: CompactString,
    pub upos: Upos,
    /// The Penn Treebank tag (`VBD`, `NNP`, ...).
    pub xpos: CompactString,
    /// The index of the head word in `Parse::words`, `None` for a root.
    pub head: Option<usize>,
    /// The UD relation to the head (`nsubj`, `obj`, `nsubj:pass`, ...;
    /// `root` for a root).
    pub deprel: CompactString,
}

/// The syntax of one story sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parse {
    /// `Sentence::index` of the sentence.
    pub sentence: usize,
    pub words: Vec<Word>,
    /// True when the sentence had more than [`MAX_WORDS`] words and was
    /// parsed in chunks, each with its own root.
    pub chunked: bool,
}

impl Parse {
    /// The dependents of word `i`, in text order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| w.head == Some(i))
            .map(|(j, _)| j)
    }
}

impl Model {
    /// Parses one story sentence of a document, over UD words made from
    /// the sentence's tokens.
    pub fn parse_sentence(&self, text: &str, tokens: &[Token], sentence: &Sentence) -> Parse {
        let toks = tokens.get(sentence.tokens.clone()).unwrap_or(&[]);
        let spans = words::segment(text, toks);
        let mut out = Parse {
            sentence: sentence.index,
            words: Vec::with_capacity(spans.len()),
            chunked: spans.len() > MAX_WORDS,
        };
        for (c, chunk) in spans.chunks(MAX_WORDS).enumerate() {
            let offset = c * MAX_WORDS;
            let forms: Vec<&str> = chunk.iter().map(|&(s, e)| &text[s..e]).collect();
            let a = self.analyse(&forms);
            for (i, &(s, e)) in chunk.iter().enumerate() {
                let head = a.heads[i];
                out.words.push(Word {
                    start: s,
                    end: e,
                    form: CompactString::new(forms[i]),
                    upos: self.upos(a.tags[i]),
                    xpos: CompactString::new(self.xpos(a.tags[i])),
                    head: (head != 0).then(|| offset + head - 1),
                    deprel: CompactString::new(self.label(a.labels[i])),
                });
            }
        }
        out
    }

    /// Parses every story sentence of a text; heading lines (headlines,
    /// datelines) are not sentences a treebank has taught the model.
    pub fn parse_text(&self, text: &str) -> Vec<Parse> {
        let tokens = crate::text::tokenize(text);
        let sentences = crate::text::split_sentences(text, &tokens);
        sentences
            .iter()
            .filter(|s| !s.heading)
            .map(|s| self.parse_sentence(text, &tokens, s))
            .collect()
    }
}

#[cfg(test)]
mod tests;
