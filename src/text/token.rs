//! Tokeniser: words, numbers and punctuation with byte spans and a normalised
//! lowercase key.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// The capitalisation of a word as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `Belarus`, `McDonald`.
    Title,
    /// `RUSSIA`, `NATO`: more than one letter, all uppercase.
    Upper,
    Lower,
    /// Numbers and punctuation.
    None,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub case: Case,
    /// Lowercase key with curly apostrophes and dashes folded to ASCII.
    pub key: compact_str::CompactString,
}

impl Token {
    pub fn is_capitalized(&self) -> bool {
        matches!(self.case, Case::Title | Case::Upper)
    }

    pub fn is(&self, word: &str) -> bool {
        self.key == word
    }

    pub fn is_punct(&self, p: &str) -> bool {
        self.kind == TokenKind::Punct && self.key == p
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}' || c == '\u{2018}'
}

fn fold_punct(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => '-',
        '\u{2026}' => '.',
        _ => c,
    }
}

/// Splits `text` into tokens. Words keep internal hyphens and apostrophes
/// (`al-Sharaa`, `O'Brien`) and abbreviation dots (`U.S.`); a possessive
/// `'s` is its own token so that `Trump's envoy` reads as owner + noun.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if is_word_char(c) {
            let mut end = start + c.len_utf8();
            let mut all_digits = c.is_ascii_digit();
            while let Some(&(i, d)) = chars.peek() {
                if is_word_char(d) {
                    all_digits &= d.is_ascii_digit();
                    end = i + d.len_utf8();
                    chars.next();
                    continue;
                }
                // Joiners are kept inside a word only when a word character
                // follows: "al-Sharaa", "O'Brien", "1,200", "U.S.".
                let next = text[i + d.len_utf8()..].chars().next();
                let joins = match d {
                    // "al-Sharaa" and "ex-Soviet" are one word; "US-led" and
                    // "Russian-backed" are a name and a modifier.
                    '-' | '\u{2010}' | '\u{2011}' => {
                        next.is_some_and(is_word_char) && !(c.is_uppercase() && modifier_suffix(&text[i + d.len_utf8()..]))
                    }
                    '.' => {
                        // "U.S." and "3.5", not a sentence end before a word.
                        next.is_some_and(|n| n.is_alphanumeric())
                            && (all_digits || (end - start <= 2 && text[start..end].chars().all(|x| x.is_uppercase())))
                    }
                    ',' => all_digits && next.is_some_and(|n| n.is_ascii_digit()),
                    _ if is_apostrophe(d) => {
                        // Contractions ("didn't", "O'Brien") stay one word;
                        // a possessive 's becomes its own token.
                        next.is_some_and(|n| n.is_alphabetic()) && !is_possessive_at(&text[i + d.len_utf8()..])
                    }
                    _ => false,
                };
                if joins {
                    chars.next();
                    continue;
                }
                break;
            }
            // Abbreviations written with a final dot: "U.S." keeps it when the
            // word already has internal dots.
            if end < bytes.len() && bytes[end] == b'.' && text[start..end].contains('.') {
                end += 1;
                chars.next();
            }
            let raw = &text[start..end];
            tokens.push(Token {
                start,
                end,
                kind: if all_digits || raw.chars().all(|x| x.is_ascii_digit() || x == ',' || x == '.') {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                },
                case: case_of(raw),
                key: word_key(raw),
            });
        } else if is_apostrophe(c) && is_possessive_at(&text[start + c.len_utf8()..]) {
            let (i, n) = chars.next().unwrap_or((start, c));
            tokens.push(Token {
                start,
                end: i + n.len_utf8(),
                kind: TokenKind::Word,
                case: Case::Lower,
                key: compact_str::CompactString::const_new("'s"),
            });
        } else {
            tokens.push(punct(start, start + c.len_utf8(), c));
        }
    }
    tokens
}

/// A lowercase word after a hyphen that makes the name before it a
/// modifier ("US-led", "Russian-backed", "Hamas-run"), unlike the second
/// part of a name ("Kim Jong-un", "Moon Jae-in").
fn modifier_suffix(rest: &str) -> bool {
    let word: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
    if !word.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    word.ends_with("ed")
        || matches!(
            word.as_str(),
            "run"
                | "held"
                | "born"
                | "made"
                | "built"
                | "wide"
                | "style"
                | "era"
                | "linked"
                | "based"
                | "owned"
                | "funded"
                | "led"
                | "backed"
                | "aligned"
                | "allied"
                | "bound"
                | "related"
                | "friendly"
                | "hostile"
                | "dominated"
                | "controlled"
                | "speaking"
                | "majority"
                | "occupied"
                | "supported"
                | "sponsored"
                | "brokered"
                | "mediated"
                | "designated"
                | "affiliated"
        )
}

/// True when `rest` (the text after an apostrophe) is the `s` of a
/// possessive: an `s` not followed by a word character.
fn is_possessive_at(rest: &str) -> bool {
    let mut it = rest.chars();
    matches!(it.next(), Some('s' | 'S')) && !it.next().is_some_and(is_word_char)
}

fn punct(start: usize, end: usize, c: char) -> Token {
    let mut buf = [0u8; 4];
    Token {
        start,
        end,
        kind: TokenKind::Punct,
        case: Case::None,
        key: compact_str::CompactString::new(fold_punct(c).encode_utf8(&mut buf)),
    }
}

fn case_of(raw: &str) -> Case {
    let mut letters = raw.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else { return Case::None };
    if !first.is_uppercase() {
        return Case::Lower;
    }
    let rest: Vec<char> = letters.collect();
    if !rest.is_empty() && rest.iter().all(|c| c.is_uppercase()) {
        Case::Upper
    } else {
        Case::Title
    }
}

/// The lookup key of a word: lowercase, curly apostrophes folded.
pub fn word_key(raw: &str) -> compact_str::CompactString {
    if raw
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'.' | b',' | b'\''))
    {
        return compact_str::CompactString::new(raw);
    }
    raw.chars().map(fold_punct).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.key.to_string()).collect()
    }

    #[test]
    fn splits_possessives_and_keeps_joined_words() {
        assert_eq!(
            keys("Trump’s envoy met al-Sharaa."),
            ["trump", "'s", "envoy", "met", "al-sharaa", "."]
        );
        assert_eq!(keys("The U.S. and 1,200 POWs"), ["the", "u.s.", "and", "1,200", "pows"]);
        assert_eq!(keys("O'Brien didn't go"), ["o'brien", "didn't", "go"]);
        assert_eq!(keys("US-led ex-Soviet"), ["us", "-", "led", "ex-soviet"]);
        assert_eq!(keys("Kim Jong-un"), ["kim", "jong-un"]);
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let text = "“RUSSIA handed – over”";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
        let t = tokenize(text);
        assert_eq!(&text[t[1].start..t[1].end], "RUSSIA");
        assert_eq!(t[1].case, Case::Upper);
        assert_eq!(t[3].key, "-");
        assert_eq!(t[0].key, "\"");
    }
}
