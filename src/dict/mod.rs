//! User dictionaries, read at run time: actors (a simple TSV, or the
//! PETRARCH/TABARI actor format of the Phoenix files), agents (the
//! PETRARCH agents format: nouns such as `PRESIDENT [~GOV]` that act for
//! their owner) and CAMEO verb dictionaries (PETRARCH's verb patterns).
//! This module owns the format detection and the pieces the formats share:
//! TABARI dates and bracketed code tags. Each format has its own module;
//! every reader returns what it could read plus an error (with file and
//! line) for each line it could not, and warnings for defects of the
//! public dictionaries that do not stop a run.

pub mod actors;
pub mod agents;
pub mod verbs;

pub use actors::{parse_phoenix, parse_phoenix_with_warnings, parse_tsv, DictEntry};
pub use agents::AgentEntry;
pub use verbs::{ImportedVerb, VerbDictionary};

use crate::error::Error;
use crate::model::EntityType;

/// The format of a dictionary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tsv,
    Phoenix,
    Agents,
    Verbs,
}

impl Format {
    /// The name `geokg dict check` prints.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Tsv => "TSV",
            Format::Phoenix => "PETRARCH/Phoenix",
            Format::Agents => "PETRARCH agents",
            Format::Verbs => "PETRARCH verb",
        }
    }
}

/// Guesses the format. A verb dictionary has `--- VERB [code] ---` block
/// headers; an agents file has agent codes (`[~GOV]`, `[IGO~]`) or macro
/// definitions (`!PERSON! = MAN, WOMAN`); a line of `name<TAB>TYPE` is TSV
/// whatever else the file holds (a name may contain brackets); otherwise
/// Phoenix files have `NAME_` lines and `[CODE]` tags.
pub fn detect(text: &str) -> Format {
    let data = || text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    if data().any(verbs::is_block_header) {
        return Format::Verbs;
    }
    let head = || data().take(50);
    let tsv = head().any(|l| {
        let mut cols = l.split('\t').map(str::trim);
        let (name, kind) = (cols.next().unwrap_or(""), cols.next());
        !name.is_empty() && kind.is_some_and(|k| EntityType::parse(k).is_some())
    });
    if tsv {
        return Format::Tsv;
    }
    if head().any(agents::looks_like_agents) {
        return Format::Agents;
    }
    let phoenix = head().any(|l| l.contains('[') && l.contains(']') || l.starts_with('+') || l.trim_end().ends_with('_'));
    if phoenix {
        Format::Phoenix
    } else {
        Format::Tsv
    }
}

/// Everything one dictionary file gave, whatever its format.
#[derive(Debug, Default)]
pub struct Parsed {
    pub actors: Vec<DictEntry>,
    pub agents: Vec<AgentEntry>,
    pub verbs: Option<VerbDictionary>,
    pub errors: Vec<Error>,
    pub warnings: Vec<Error>,
}

/// Parses a dictionary of any format.
pub fn parse_any(file: &str, text: &str) -> (Format, Parsed) {
    let format = detect(text);
    let mut p = Parsed::default();
    match format {
        Format::Tsv => (p.actors, p.errors) = parse_tsv(file, text),
        Format::Phoenix => (p.actors, p.errors, p.warnings) = parse_phoenix_with_warnings(file, text),
        Format::Agents => (p.agents, p.errors, p.warnings) = agents::parse(file, text),
        Format::Verbs => {
            let (v, errors, warnings) = verbs::parse(file, text);
            (p.verbs, p.errors, p.warnings) = (Some(v), errors, warnings);
        }
    }
    (format, p)
}

/// Parses an actor dictionary; returns the entries that are valid and an
/// error (with file and line) for each line that is not. Agents and verb
/// dictionaries give no actors.
pub fn parse(file: &str, text: &str) -> (Vec<DictEntry>, Vec<Error>) {
    let (e, errs, _) = parse_with_warnings(file, text);
    (e, errs)
}

/// Parses an actor dictionary of either format, with warnings.
pub fn parse_with_warnings(file: &str, text: &str) -> (Vec<DictEntry>, Vec<Error>, Vec<Error>) {
    let (_, p) = parse_any(file, text);
    (p.actors, p.errors, p.warnings)
}

/// A TABARI date: YYMMDD or YYYYMMDD, to ISO.
pub(crate) fn tabari_date(d: &str) -> Option<String> {
    let d = d.trim();
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match d.len() {
        6 => {
            let yy: i32 = d[..2].parse().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &d[2..])
        }
        8 => (d[..4].parse().ok()?, &d[4..]),
        _ => return None,
    };
    let m: u32 = rest[..2].parse().ok()?;
    let day: u32 = rest[2..].parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&day)).then(|| format!("{y:04}-{m:02}-{day:02}"))
}

/// Every `[...]` group of a line (trailing text after the last is
/// ignored). A group the public agents file closes with `}` by mistake
/// (`[~ENV}`) ends there.
pub(crate) fn tags(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find('[') {
        match rest[i..].find([']', '}']) {
            Some(j) => {
                out.push(&rest[i..i + j + 1]);
                rest = &rest[i + j + 1..];
            }
            None => {
                out.push(&rest[i..]);
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart() {
        assert_eq!(detect("Ana Kovac\tPERSON\n"), Format::Tsv);
        assert_eq!(detect("NORTHLAND_ [NLD]\n+NORTHLANDIA_\n"), Format::Phoenix);
        assert_eq!(detect("!CREW! = SAILOR, SAILORS\nHARBOUR_!CREW! [~MIL]\n"), Format::Agents);
        assert_eq!(detect("DOCKWORKER [~LAB]\n"), Format::Agents);
        assert_eq!(detect("# verbs\n---  PARLEY   [040]  ---\nPARLEY\n"), Format::Verbs);
    }

    #[test]
    fn tabari_dates_and_tags() {
        assert_eq!(tabari_date("940720").as_deref(), Some("1994-07-20"));
        assert_eq!(tabari_date("20010120").as_deref(), Some("2001-01-20"));
        assert_eq!(tabari_date("9908223"), None);
        assert_eq!(tags("X [A] [B >01] tail"), ["[A]", "[B >01]"]);
        assert_eq!(tags("OFFICE [~ENV}"), ["[~ENV}"]);
    }
}
