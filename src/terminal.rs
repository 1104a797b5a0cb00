//! Text meant for people, made safe for a terminal. Article text can carry
//! escape sequences (ESC, BEL, OSC, C1 controls) that would set a
//! terminal's title, clear its screen or worse when a text output prints
//! them. Every text and JSON output of the CLI goes through [`Safe`]; data
//! exports (CSV, RDF, GraphML) have their own escaping and are not touched.

use std::io::{self, Write};

/// A writer that shows control characters as harmless visible symbols:
/// C0 controls (other than newline and tab) and DEL become their Unicode
/// "control pictures" (ESC is shown as ␛), and C1 controls (U+0080 to
/// U+009F) become U+FFFD. Everything else passes unchanged.
pub struct Safe<W: Write> {
    inner: W,
    /// The last byte of the previous write was 0xC2, which starts a C1
    /// control when the next byte is 0x80..=0x9F.
    pending_c2: bool,
}

impl<W: Write> Safe<W> {
    pub fn new(inner: W) -> Safe<W> {
        Safe { inner, pending_c2: false }
    }

    pub fn into_inner(self) -> W {
        self.inner
    }
}

/// The visible stand-in for a C0 control or DEL.
fn picture(b: u8) -> char {
    match b {
        0x7f => '\u{2421}',
        b => char::from_u32(0x2400 + u32::from(b)).unwrap_or('\u{fffd}'),
    }
}

impl<W: Write> Write for Safe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut start = 0;
        let mut i = 0;
        if self.pending_c2 {
            self.pending_c2 = false;
            if buf.first().is_some_and(|b| (0x80..=0x9f).contains(b)) {
                self.inner.write_all("\u{fffd}".as_bytes())?;
                start = 1;
                i = 1;
            } else {
                self.inner.write_all(&[0xc2])?;
            }
        }
        while i < buf.len() {
            let b = buf[i];
            let control = (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f;
            let c1 = b == 0xc2 && buf.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n));
            if control || c1 {
                self.inner.write_all(&buf[start..i])?;
                if control {
                    let mut tmp = [0u8; 4];
                    self.inner.write_all(picture(b).encode_utf8(&mut tmp).as_bytes())?;
                    i += 1;
                } else {
                    self.inner.write_all("\u{fffd}".as_bytes())?;
                    i += 2;
                }
                start = i;
                continue;
            }
            if b == 0xc2 && i + 1 == buf.len() {
                // Decided by the next write.
                self.inner.write_all(&buf[start..i])?;
                self.pending_c2 = true;
                return Ok(buf.len());
            }
            i += 1;
        }
        self.inner.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending_c2) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

/// The same neutralising for a string, for callers that build text.
pub fn clean(s: &str) -> String {
    let mut w = Safe::new(Vec::with_capacity(s.len()));
    // Writing to a Vec cannot fail.
    let _ = w.write_all(s.as_bytes());
    let _ = w.flush();
    String::from_utf8_lossy(&w.into_inner()).into_owned()
}

/// Cuts text to at most `max` characters, ending with an ellipsis when cut:
/// for table columns, diagram labels and tooltips, where one name of
/// 70,000 characters (an article can produce one) must not take over.
pub fn truncate(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max.saturating_sub(1)) {
        Some((at, _)) if s[at..].chars().nth(1).is_some() => format!("{}\u{2026}", &s[..at]).into(),
        _ => s.into(),
    }
}

/// "1 document", "2 documents", "0 entities": a count with its noun.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    match noun.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// A name cut to at most `max` bytes, made unique again by a hash of the
/// whole when cut: for ids and file names, where two long names that share
/// a prefix must stay distinct.
pub fn shorten_with_hash(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if s.len() <= max {
        return s.into();
    }
    let mut cut = max.saturating_sub(17);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let hash = s
        .bytes()
        .fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3));
    format!("{}~{hash:016x}", &s[..cut]).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_hashed_shortening() {
        assert_eq!(plural(1, "entity"), "1 entity");
        assert_eq!(plural(0, "entity"), "0 entities");
        assert_eq!(plural(2, "day"), "2 days");
        let (a, b) = ("a".repeat(300) + "x", "a".repeat(300) + "y");
        let (sa, sb) = (shorten_with_hash(&a, 100), shorten_with_hash(&b, 100));
        assert!(sa.len() <= 100 && sa != sb);
        assert_eq!(shorten_with_hash("short", 100), "short");
    }

    #[test]
    fn truncation_keeps_short_text_and_marks_a_cut() {
        assert_eq!(truncate("Belarus", 7), "Belarus");
        assert_eq!(truncate("Belarus", 4), "Bel\u{2026}");
        assert_eq!(truncate("\u{e9}\u{e9}\u{e9}", 2).chars().count(), 2);
        assert_eq!(truncate("", 3), "");
    }

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        let hostile = "Russia attacked Ukraine \u{1b}]0;PWNED\u{7}\u{1b}[2J today\r\u{9b}31m.\n";
        let out = clean(hostile);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert_eq!(
            out,
            "Russia attacked Ukraine \u{241b}]0;PWNED\u{2407}\u{241b}[2J today\u{240d}\u{fffd}31m.\n"
        );
    }

    #[test]
    fn ordinary_text_passes_unchanged_even_split_across_writes() {
        let text = "Zelensky met Macron in Par\u{ed}s \u{2014} \u{a0}\u{c2}\tok\n";
        let mut w = Safe::new(Vec::new());
        for chunk in text.as_bytes().chunks(1) {
            w.write_all(chunk).unwrap();
        }
        w.flush().unwrap();
        assert_eq!(String::from_utf8(w.into_inner()).unwrap(), text);
        // A C1 control split across two writes is still caught.
        let mut w = Safe::new(Vec::new());
        w.write_all(&[b'a', 0xc2]).unwrap();
        w.write_all(&[0x9b, b'b']).unwrap();
        w.flush().unwrap();
        assert_eq!(String::from_utf8(w.into_inner()).unwrap(), "a\u{fffd}b");
    }
}
