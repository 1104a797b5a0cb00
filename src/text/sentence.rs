//! Sentence splitter and page-furniture filter.
//!
//! A line break always ends a sentence (news text puts paragraphs on lines).
//! Inside a line, `.`, `!` and `?` end a sentence unless the word before is
//! an abbreviation or an initial, or the next word starts lowercase. Lines
//! that are page furniture ("Advertisement", share buttons) are dropped
//! before sentences are numbered. Short lines without sentence punctuation
//! (headlines, datelines, bylines, wire source lines such as "Moscow
//! ITAR-TASS") are kept as one sentence each, marked as headings and
//! numbered after the story's sentences: they name places and sources, but
//! they have no clause to read events from.

use super::token::{Case, Token, TokenKind};

/// A sentence or heading line: byte span into the document text and
/// token range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Index among the document's sentences, from 0: the story's first,
    /// then the headings'.
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub tokens: std::ops::Range<usize>,
    /// A headline, dateline, byline or source line rather than story text.
    pub heading: bool,
}

/// US state abbreviations in news style ("Springfield, Ill. (AP)"). They
/// count only capitalised: "ill.", "mass." and "miss." in lowercase are
/// words that may end a sentence.
const STATE_ABBREVIATIONS: &[&str] = &[
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich",
    "minn", "miss", "mo", "mont", "neb", "nebr", "nev", "okla", "ore", "oreg", "pa", "penn", "tenn", "tex", "vt", "va", "wash", "wis",
    "wisc", "wyo",
];

/// Abbreviations after which a dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "aug", "brig", "capt", "cmdr", "co", "col", "corp", "cpl", "dec", "dept", "dr", "etc", "feb", "fig", "fr", "gen", "gov",
    "hon", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mr", "mrs", "ms", "mt", "no", "nov", "oct", "pres",
    "prof", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "supt", "vs",
];

/// Whole lines that are page furniture, compared case-insensitively after
/// trimming punctuation.
const FURNITURE: &str = include_str!("../data/furniture.txt");

pub fn is_furniture_line(line: &str) -> bool {
    let key: String = line.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    if key.is_empty() {
        return true;
    }
    FURNITURE
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|l| l.eq_ignore_ascii_case(&key))
}

fn is_terminal(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.key.as_str(), "." | "!" | "?")
}

fn is_closer(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.key.as_str(), "\"" | "'" | ")" | "]")
}

/// Splits the document into story sentences, then its heading lines.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    // First cut into lines (paragraphs), then sentences inside each line.
    let mut line_start = 0;
    for i in 0..=tokens.len() {
        let breaks = i == tokens.len() || (i > 0 && has_line_break(&text[tokens[i - 1].end..tokens[i].start]));
        if breaks && i > line_start {
            split_line(text, tokens, line_start..i, &mut out);
            line_start = i;
        } else if breaks {
            line_start = i;
        }
    }
    // Story sentences come first and keep their numbers whether or not the
    // page had a headline or dateline; the heading lines follow them, each
    // group in text order.
    let (mut story, headings): (Vec<Sentence>, Vec<Sentence>) = out.into_iter().partition(|s| !s.heading);
    story.extend(headings);
    for (n, s) in story.iter_mut().enumerate() {
        s.index = n;
    }
    story
}

fn has_line_break(gap: &str) -> bool {
    gap.contains('\n') || gap.contains('\r')
}

fn split_line(text: &str, tokens: &[Token], range: std::ops::Range<usize>, out: &mut Vec<Sentence>) {
    let line = &tokens[range.clone()];
    let line_text = &text[line[0].start..line[line.len() - 1].end];
    if is_furniture_line(line_text) {
        return;
    }
    // A line with no sentence punctuation at its end and few words is a
    // headline, byline, dateline or source line, not story text.
    let words = line.iter().filter(|t| t.kind != TokenKind::Punct).count();
    let last_real = line.iter().rev().find(|t| !is_closer(t));
    let ends_sentence = last_real.is_some_and(|t| is_terminal(t) || t.key.ends_with('.'));
    if !ends_sentence && words < 10 {
        push(out, tokens, range, true);
        return;
    }
    let mut start = range.start;
    let mut i = range.start;
    while i < range.end {
        let t = &tokens[i];
        let terminal = is_terminal(t) || (t.kind == TokenKind::Word && t.key.ends_with('.') && t.key.len() > 2);
        if terminal && i + 1 < range.end {
            let mut j = i + 1;
            while j < range.end && is_closer(&tokens[j]) {
                j += 1;
            }
            if j < range.end && ends_here(tokens, start, i, j) {
                push(out, tokens, start..j, false);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < range.end {
        push(out, tokens, start..range.end, false);
    }
}

/// Decides whether the terminal token at `i` ends the sentence, given that
/// the next real token is at `next`.
fn ends_here(tokens: &[Token], start: usize, i: usize, next: usize) -> bool {
    let n = &tokens[next];
    let next_starts = n.is_capitalized() || n.kind == TokenKind::Number || matches!(n.key.as_str(), "\"" | "(" | "'");
    if !next_starts {
        return false;
    }
    let t = &tokens[i];
    if t.kind == TokenKind::Word {
        // "U.S." ends a sentence only before a typical sentence opener.
        return is_sentence_opener(n);
    }
    if t.key != "." || i == start {
        return true;
    }
    let prev = &tokens[i - 1];
    if prev.kind != TokenKind::Word || prev.end != t.start {
        return true;
    }
    let is_initial = prev.key.chars().count() == 1 && prev.case != Case::Lower;
    if is_abbreviation(prev) {
        // "Gen. Smith", "J. Smith" continue; "... in Jan. The" may end,
        // but a false split is worse than a long sentence here.
        return is_sentence_opener(n) && !is_initial && !is_title_abbreviation(&prev.key);
    }
    true
}

/// Whether a dot right after this word may belong to it: an initial
/// ("J."), a capitalised state abbreviation ("Tenn.") or a listed
/// abbreviation ("Corp.", "Gen.").
fn is_abbreviation(t: &Token) -> bool {
    is_word_abbreviation(t) || (t.kind == TokenKind::Word && t.case == Case::Title && STATE_ABBREVIATIONS.contains(&t.key.as_str()))
}

/// An initial or a listed abbreviation; not a state's ("Tenn."), which
/// stands for a name rather than a word.
pub fn is_word_abbreviation(t: &Token) -> bool {
    let key = t.key.as_str();
    t.kind == TokenKind::Word && ((key.chars().count() == 1 && t.case != Case::Lower) || ABBREVIATIONS.contains(&key))
}

fn is_title_abbreviation(key: &str) -> bool {
    matches!(
        key,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "gen"
            | "col"
            | "lt"
            | "capt"
            | "sgt"
            | "gov"
            | "sen"
            | "rep"
            | "prof"
            | "rev"
            | "st"
            | "adm"
            | "maj"
            | "brig"
            | "pres"
            | "hon"
            | "fr"
            | "cmdr"
            | "cpl"
            | "supt"
    )
}

fn is_sentence_opener(t: &Token) -> bool {
    matches!(
        t.key.as_str(),
        "the"
            | "a"
            | "an"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "this"
            | "that"
            | "these"
            | "those"
            | "in"
            | "on"
            | "at"
            | "but"
            | "and"
            | "meanwhile"
            | "however"
            | "after"
            | "before"
            | "his"
            | "her"
            | "their"
            | "its"
            | "there"
            | "officials"
            | "\""
    )
}

fn push(out: &mut Vec<Sentence>, tokens: &[Token], range: std::ops::Range<usize>, heading: bool) {
    out.push(Sentence {
        index: 0,
        start: tokens[range.start].start,
        end: tokens[range.end - 1].end,
        tokens: range,
        heading,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn lines(text: &str, heading: bool) -> Vec<String> {
        let toks = tokenize(text);
        split_sentences(text, &toks)
            .into_iter()
            .filter(|s| s.heading == heading)
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    fn sentences(text: &str) -> Vec<String> {
        lines(text, false)
    }

    #[test]
    fn survives_abbreviations_and_initials() {
        let s = sentences("Gen. Mark Milley met the U.S. envoy on Jan. 5 in Kyiv. J. R. Smith said nothing. The U.S. The end.");
        assert_eq!(
            s,
            [
                "Gen. Mark Milley met the U.S. envoy on Jan. 5 in Kyiv.",
                "J. R. Smith said nothing.",
                "The U.S.",
                "The end."
            ]
        );
    }

    #[test]
    fn a_capitalised_state_abbreviation_does_not_end_the_sentence() {
        let s = sentences("Ann Hale of Peoria, Ill. Sunday won. He fell ill. Doctors came. FARGO, N.D. (AP) _ Snow fell.");
        assert_eq!(
            s,
            [
                "Ann Hale of Peoria, Ill. Sunday won.",
                "He fell ill.",
                "Doctors came.",
                "FARGO, N.D. (AP) _ Snow fell."
            ]
        );
    }

    #[test]
    fn quotes_and_dashes_stay_inside() {
        let s = sentences("He said: “We are not done.” Then she left – quickly.");
        assert_eq!(s, ["He said: “We are not done.”", "Then she left – quickly."]);
    }

    #[test]
    fn furniture_is_dropped_and_short_lines_are_headings() {
        let text = "Share and Follow\nBy Jane Doe\nAdvertisement\nFriday, January 4, 2019\nRUSSIA handed over bodies to Ukraine.\nLIMA, Peru (AP)\n";
        assert_eq!(sentences(text), ["RUSSIA handed over bodies to Ukraine."]);
        assert_eq!(lines(text, true), ["By Jane Doe", "Friday, January 4, 2019", "LIMA, Peru (AP)"]);
        let toks = tokenize(text);
        let all = split_sentences(text, &toks);
        assert!(all.iter().enumerate().all(|(i, s)| s.index == i));
        assert!(
            !all[0].heading && all[1].heading,
            "the story is numbered first, whatever stands above it"
        );
    }

    #[test]
    fn lines_end_sentences() {
        assert_eq!(
            sentences("Japan praised Canada for its help in the talks on trade\nCanada thanked Japan."),
            ["Japan praised Canada for its help in the talks on trade", "Canada thanked Japan."]
        );
    }
}
