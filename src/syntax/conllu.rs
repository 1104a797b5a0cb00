//! CoNLL-U reading and writing: the treebank format the tagger and parser
//! are trained on and the format `geokg parse` prints.
//!
//! Only what training and re-parsing need is interpreted: the ten columns of
//! word lines. Multiword-token lines (`3-4`) and empty nodes (`5.1`) are kept
//! verbatim so that a re-parsed file has the same lines as its source, which
//! is what the scorer compares.

use crate::{Error, Result};

/// One word line (the ten columns; `head` is the UD head, 0 for the root).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordLine {
    pub id: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    pub head: usize,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// A line of a sentence block other than a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Word(WordLine),
    /// A multiword token range or an empty node, kept as written.
    Other(String),
}

/// One sentence block: its comment lines (without the `#`) and its lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Block {
    pub comments: Vec<String>,
    pub lines: Vec<Line>,
}

impl Block {
    pub fn words(&self) -> impl Iterator<Item = &WordLine> {
        self.lines.iter().filter_map(|l| match l {
            Line::Word(w) => Some(w),
            Line::Other(_) => None,
        })
    }

    pub fn words_mut(&mut self) -> impl Iterator<Item = &mut WordLine> {
        self.lines.iter_mut().filter_map(|l| match l {
            Line::Word(w) => Some(w),
            Line::Other(_) => None,
        })
    }
}

/// Parses CoNLL-U text. `name` is used in error messages (`file:line`).
/// A word line with the wrong number of columns, a bad id or a head that
/// points outside its sentence is an error: training on a damaged tree
/// would silently teach the parser nonsense.
pub fn parse(name: &str, text: &str) -> Result<Vec<Block>> {
    let mut blocks = Vec::new();
    let mut cur = Block::default();
    let mut first_line = 1;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.lines.is_empty() {
                check(name, first_line, &cur)?;
                blocks.push(std::mem::take(&mut cur));
            }
            cur.comments.clear();
            first_line = n + 2;
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(Error::data(
                name,
                n + 1,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        if cols[0].contains(['-', '.']) {
            cur.lines.push(Line::Other(line.to_string()));
            continue;
        }
        let id: usize = cols[0]
            .parse()
            .map_err(|_| Error::data(name, n + 1, format!("bad word id {:?}", cols[0])))?;
        let head: usize = if cols[6] == "_" {
            0
        } else {
            cols[6]
                .parse()
                .map_err(|_| Error::data(name, n + 1, format!("bad head {:?}", cols[6])))?
        };
        cur.lines.push(Line::Word(WordLine {
            id,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        }));
    }
    if !cur.lines.is_empty() {
        check(name, first_line, &cur)?;
        blocks.push(cur);
    }
    Ok(blocks)
}

/// Word ids must run 1..=n and heads must stay inside the sentence.
fn check(name: &str, line: usize, b: &Block) -> Result<()> {
    let n = b.words().count();
    for (i, w) in b.words().enumerate() {
        if w.id != i + 1 {
            return Err(Error::data(name, line, format!("word ids out of order at word {}", w.id)));
        }
        if w.head > n {
            return Err(Error::data(
                name,
                line,
                format!("word {} has head {} outside the sentence", w.id, w.head),
            ));
        }
    }
    Ok(())
}

/// Reads and parses a CoNLL-U file.
pub fn read(path: &std::path::Path) -> Result<Vec<Block>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&path.display().to_string(), &text)
}

/// Writes one block, comments first, then a blank line.
pub fn write_block(out: &mut impl std::io::Write, b: &Block) -> std::io::Result<()> {
    for c in &b.comments {
        writeln!(out, "# {c}")?;
    }
    for l in &b.lines {
        match l {
            Line::Other(s) => writeln!(out, "{s}")?,
            Line::Word(w) => writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                w.id,
                clean(&w.form),
                clean(&w.lemma),
                clean(&w.upos),
                clean(&w.xpos),
                clean(&w.feats),
                w.head,
                clean(&w.deprel),
                clean(&w.deps),
                clean(&w.misc)
            )?,
        }
    }
    writeln!(out)
}

/// A column value that cannot break the format: tabs and line breaks become
/// spaces, and an empty value is `_`.
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_empty() {
        return "_".into();
    }
    if s.contains(['\t', '\n', '\r']) {
        return s.replace(['\t', '\n', '\r'], " ").into();
    }
    s.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a-1\n# text = We don't know.\n1\tWe\twe\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn reads_and_writes_back_the_same_text() {
        let blocks = parse("t", SAMPLE).unwrap();
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].words().count(), 5);
        assert_eq!(blocks[0].comments[0], "sent_id = a-1");
        let mut out = Vec::new();
        write_block(&mut out, &blocks[0]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), SAMPLE);
    }

    #[test]
    fn damaged_lines_name_the_file_and_line() {
        let e = parse("x.conllu", "1\tWe\twe\n").unwrap_err().to_string();
        assert!(e.starts_with("x.conllu:1:"), "{e}");
        let e = parse("x.conllu", "1\tWe\twe\tPRON\tPRP\t_\t7\tnsubj\t_\t_\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("outside the sentence"), "{e}");
    }
}
