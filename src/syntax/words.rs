//! From geokg's tokens to the words of Universal Dependencies.
//!
//! The tokeniser serves the extractor and keeps some things whole that UD
//! splits, so the parser's input is re-cut here, by byte spans, without
//! changing the tokeniser:
//!
//! - negation clitics: "didn't" is "did" + "n't", "can't" is "ca" + "n't",
//!   "won't" is "wo" + "n't", "cannot" is "can" + "not";
//! - other clitics: "I'm", "they're", "we've", "she'll", "he'd" split before
//!   the apostrophe (the tokeniser already splits "'s");
//! - hyphens: "al-Sharaa" and "ex-Soviet" are three words each, the hyphen
//!   being its own word, as in EWT and GUM.
//!
//! - abbreviations: "Corp." and "Gen." are one word each, dot included,
//!   as in EWT, where the tokeniser makes the dot a token of its own (it
//!   stays apart at the end of a sentence, where it also ends it). State
//!   abbreviations ("Ariz.") keep the dot apart: the parser read
//!   "Tempe, Ariz., ..." as a coordination once the dot was joined.
//!
//! Abbreviations ("U.S."), numbers ("1,200", "3.5") and names with an
//! apostrophe ("O'Brien") are one word in both conventions and stay whole.

use crate::text::{is_word_abbreviation, Token, TokenKind};

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The UD words of a run of tokens, as byte spans into `text`.
pub fn segment(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(tokens.len() + tokens.len() / 8);
    let mut skip_dot = false;
    for (i, t) in tokens.iter().enumerate() {
        if std::mem::take(&mut skip_dot) {
            continue;
        }
        let (s, e) = (t.start, t.end);
        let Some(raw) = text.get(s..e) else { continue };
        let dot = tokens.get(i + 1).filter(|d| d.key == "." && d.start == e && i + 2 < tokens.len());
        if let Some(d) = dot.filter(|_| is_word_abbreviation(t)) {
            out.push((s, d.end));
            skip_dot = true;
            continue;
        }
        if t.kind != TokenKind::Word || raw.chars().count() < 2 {
            out.push((s, e));
            continue;
        }
        split_word(raw, s, &mut out);
    }
    out
}

/// Splits one word token at hyphens, then each part at a clitic.
fn split_word(raw: &str, start: usize, out: &mut Vec<(usize, usize)>) {
    let mut part_start = 0;
    for (i, c) in raw.char_indices() {
        if matches!(c, '-' | '\u{2010}' | '\u{2011}') && i > part_start {
            clitic(raw, start, part_start, i, out);
            out.push((start + i, start + i + c.len_utf8()));
            part_start = i + c.len_utf8();
        }
    }
    // The tokeniser joins a hyphen only when a word character follows, so
    // a word never ends with one and the last part is never empty.
    if part_start < raw.len() {
        clitic(raw, start, part_start, raw.len(), out);
    }
}

/// Pushes `raw[a..b]`, split before a clitic when it ends with one.
fn clitic(raw: &str, start: usize, a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
    let w = &raw[a..b];
    let lower = w.to_lowercase();
    if lower == "cannot" {
        out.push((start + a, start + a + 3));
        out.push((start + a + 3, start + b));
        return;
    }
    if let Some((ap, c)) = w.char_indices().rev().find(|&(_, c)| is_apostrophe(c)) {
        let after = lower.get(ap + c.len_utf8()..).unwrap_or("");
        let before = &w[..ap];
        // "n't": the split falls before the n ("did|n't", "ca|n't").
        if after == "t" && before.len() > 1 && before.ends_with(['n', 'N']) {
            let cut = ap - 1;
            out.push((start + a, start + a + cut));
            out.push((start + a + cut, start + b));
            return;
        }
        if matches!(after, "m" | "re" | "ve" | "ll" | "d" | "s") && !before.is_empty() {
            out.push((start + a, start + a + ap));
            out.push((start + a + ap, start + b));
            return;
        }
    }
    out.push((start + a, start + b));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let toks = crate::text::tokenize(text);
        segment(text, &toks).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn splits_clitics_and_hyphens_like_ud() {
        assert_eq!(words("Iran didn't attack."), ["Iran", "did", "n't", "attack", "."]);
        assert_eq!(
            words("We can't, won’t and cannot go"),
            ["We", "ca", "n't", ",", "wo", "n’t", "and", "can", "not", "go"]
        );
        assert_eq!(words("They're sure I'm here"), ["They", "'re", "sure", "I", "'m", "here"]);
        assert_eq!(
            words("Trump's envoy met al-Sharaa"),
            ["Trump", "'s", "envoy", "met", "al", "-", "Sharaa"]
        );
        assert_eq!(
            words("US-led ex-Soviet O'Brien"),
            ["US", "-", "led", "ex", "-", "Soviet", "O'Brien"]
        );
        assert_eq!(
            words("The U.S. sent 1,200 troops."),
            ["The", "U.S.", "sent", "1,200", "troops", "."]
        );
    }

    #[test]
    fn an_abbreviation_keeps_its_dot_except_at_the_sentence_end() {
        assert_eq!(
            words("Acme Corp. of Ohio and Gen. Ruiz left Acme Corp."),
            ["Acme", "Corp.", "of", "Ohio", "and", "Gen.", "Ruiz", "left", "Acme", "Corp", "."]
        );
        assert_eq!(words("He said no."), ["He", "said", "no", "."]);
    }
}
