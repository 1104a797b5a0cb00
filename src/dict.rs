//! User dictionaries: a simple TSV of `name, type, aliases, roles`, and the
//! PETRARCH/TABARI actor dictionaries (Phoenix format). Both become
//! gazetteer entries at extraction time; `geokg dict check` validates a
//! file with line numbers.

use crate::error::Error;
use crate::model::EntityType;

/// One actor a dictionary defines.
#[derive(Debug, Clone, PartialEq)]
pub struct DictEntry {
    pub name: String,
    pub kind: EntityType,
    pub aliases: Vec<String>,
    /// Roles as `predicate:TARGET:FROM..TO` (TARGET an ISO alpha-3 code or
    /// an organisation's name).
    pub roles: Vec<String>,
    /// ISO alpha-3 of the country the entry is (for country entries).
    pub country: Option<String>,
    pub line: usize,
}

/// The format of a dictionary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tsv,
    Phoenix,
}

/// Guesses the format: a line of `name<TAB>TYPE` is TSV whatever else the
/// file holds (a name may contain brackets); otherwise Phoenix files have
/// `NAME_` lines and `[CODE]` tags.
pub fn detect(text: &str) -> Format {
    let head = || text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).take(50);
    let tsv = head().any(|l| {
        let mut cols = l.split('\t').map(str::trim);
        let (name, kind) = (cols.next().unwrap_or(""), cols.next());
        !name.is_empty() && kind.is_some_and(|k| EntityType::parse(k).is_some())
    });
    let phoenix = !tsv && head().any(|l| l.contains('[') && l.contains(']') || l.starts_with('+') || l.trim_end().ends_with('_'));
    if phoenix {
        Format::Phoenix
    } else {
        Format::Tsv
    }
}

/// Parses a dictionary; returns the entries that are valid and an error
/// (with file and line) for each line that is not.
pub fn parse(file: &str, text: &str) -> (Vec<DictEntry>, Vec<Error>) {
    match detect(text) {
        Format::Tsv => parse_tsv(file, text),
        Format::Phoenix => parse_phoenix(file, text),
    }
}

/// `name<TAB>type<TAB>aliases (|-separated)<TAB>roles (;-separated)`, where
/// a role is `president-of Belarus 1994-07-20..` or `president-of:BLR:1994..`.
pub fn parse_tsv(file: &str, text: &str) -> (Vec<DictEntry>, Vec<Error>) {
    let (mut out, mut errors) = (Vec::new(), Vec::new());
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
        if cols.len() < 2 || cols[0].is_empty() {
            errors.push(Error::data(file, line, "expected at least `name<TAB>type`"));
            continue;
        }
        let Some(kind) = EntityType::parse(cols[1]) else {
            errors.push(Error::data(
                file,
                line,
                format!("unknown type {:?} (PERSON, COUNTRY, ORGANIZATION, LOCATION, GROUP, OTHER)", cols[1]),
            ));
            continue;
        };
        let list = |i: usize, sep: char| -> Vec<String> {
            cols.get(i)
                .map(|c| {
                    c.split(sep)
                        .map(str::trim)
                        .filter(|s| !s.is_empty() && *s != "-")
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut roles = Vec::new();
        let mut bad = None;
        for r in list(3, ';') {
            match normalize_role(&r) {
                Some(x) => roles.push(x),
                None => bad = Some(r),
            }
        }
        if let Some(r) = bad {
            errors.push(Error::data(
                file,
                line,
                format!("cannot read role {r:?} (use `president-of Belarus 1994-07-20..`)"),
            ));
            continue;
        }
        out.push(DictEntry {
            name: cols[0].to_string(),
            kind,
            aliases: list(2, '|'),
            roles,
            country: None,
            line,
        });
    }
    (out, errors)
}

/// `president-of Belarus 1994-07-20..` or `president-of:BLR:1994..` to the
/// colon form.
fn normalize_role(r: &str) -> Option<String> {
    if r.contains(':') {
        let parts: Vec<&str> = r.split(':').collect();
        return (parts.len() == 3 && !parts[0].is_empty() && !parts[1].is_empty() && valid_range(parts[2])).then(|| r.to_string());
    }
    let mut words: Vec<&str> = r.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let range = if words.last().is_some_and(|w| w.contains("..")) {
        words.pop().unwrap_or("..")
    } else {
        ".."
    };
    if !valid_range(range) || words.len() < 2 {
        return None;
    }
    Some(format!("{}:{}:{}", words[0], words[1..].join(" "), range))
}

fn valid_range(r: &str) -> bool {
    let Some((a, b)) = r.split_once("..") else { return false };
    [a, b].iter().all(|d| d.is_empty() || crate::extract::dates::parse_iso(d).is_some())
}

/// A TABARI date: YYMMDD or YYYYMMDD, to ISO.
fn tabari_date(d: &str) -> Option<String> {
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

/// A code tag as read: `[BLRGOV >940720]` to (code, from, to). `None` for
/// the empty code `[---]`; `Err` when the tag is not a code at all. A date
/// that cannot be read leaves the range open and is reported in the flag.
type Tag = (String, String, String);

fn code_tag(tag: &str) -> Result<Option<(Tag, bool)>, ()> {
    let inner = tag.trim().strip_prefix('[').and_then(|t| t.strip_suffix(']')).ok_or(())?.trim();
    let mut parts = inner.splitn(2, char::is_whitespace);
    let code = parts.next().unwrap_or("").to_string();
    if code.chars().all(|c| c == '-') {
        return Ok(None);
    }
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '~') {
        return Err(());
    }
    let range: String = parts.next().unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
    let parsed = if range.is_empty() {
        Some((String::new(), String::new()))
    } else if let Some(d) = range.strip_prefix('>') {
        tabari_date(d).map(|d| (d, String::new()))
    } else if let Some(d) = range.strip_prefix('<') {
        tabari_date(d).map(|d| (String::new(), d))
    } else if let Some((a, b)) = range.split_once('-') {
        tabari_date(a).zip(tabari_date(b))
    } else {
        // A lone date reads as "from".
        tabari_date(&range).map(|d| (d, String::new()))
    };
    Ok(Some(match parsed {
        Some((from, to)) => ((code, from, to), true),
        None => ((code, String::new(), String::new()), false),
    }))
}

/// Every `[...]` group of a line (trailing text after the last is ignored).
fn tags(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find('[') {
        match rest[i..].find(']') {
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

/// `ALYAKSANDR_LUKASHENKA_` to "Alyaksandr Lukashenka".
fn phoenix_name(raw: &str) -> String {
    raw.trim()
        .trim_end_matches('_')
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.len() <= 3 && w.chars().all(|c| c.is_ascii_uppercase() || c == '.') && w.contains('.') {
                return w.to_string();
            }
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c.flat_map(|x| x.to_lowercase())).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The PETRARCH/TABARI actor format. Unreadable dates in the public
/// dictionaries (typos such as `9008223`) keep their code with an open
/// range and are returned as warnings rather than errors.
pub fn parse_phoenix(file: &str, text: &str) -> (Vec<DictEntry>, Vec<Error>) {
    let (entries, errors, _) = parse_phoenix_with_warnings(file, text);
    (entries, errors)
}

pub fn parse_phoenix_with_warnings(file: &str, text: &str) -> (Vec<DictEntry>, Vec<Error>, Vec<Error>) {
    let (mut out, mut errors, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
    let mut cur: Option<(DictEntry, Vec<Tag>)> = None;
    let finish = |cur: Option<(DictEntry, Vec<Tag>)>, out: &mut Vec<DictEntry>| {
        if let Some((mut e, codes)) = cur {
            classify(&mut e, &codes);
            out.push(e);
        }
    };
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let l = raw.split('#').next().unwrap_or("").trim_end_matches('\r');
        if l.trim().is_empty() {
            continue;
        }
        if l.starts_with('\t') || l.starts_with(' ') {
            let t = l.trim();
            if t.starts_with('[') {
                let Some((_, codes)) = cur.as_mut() else {
                    errors.push(Error::data(file, line, "code line before any actor"));
                    continue;
                };
                for tag in tags(t) {
                    match code_tag(tag) {
                        Ok(Some((c, dates_ok))) => {
                            if !dates_ok {
                                warnings.push(Error::data(file, line, format!("unreadable date range in {tag:?}; code kept without dates")));
                            }
                            codes.push(c);
                        }
                        Ok(None) => {}
                        Err(()) => errors.push(Error::data(file, line, format!("cannot read code {tag:?} (expected `[CODE]`, `[CODE >YYMMDD]`, `[CODE <YYMMDD]` or `[CODE YYMMDD-YYMMDD]`)"))),
                    }
                }
            } else if let Some(s) = t.strip_prefix('+') {
                if let Some((e, _)) = cur.as_mut() {
                    e.aliases.push(phoenix_name(s));
                }
            } else {
                errors.push(Error::data(file, line, format!("unexpected indented line {t:?}")));
            }
            continue;
        }
        if let Some(s) = l.strip_prefix('+') {
            match cur.as_mut() {
                Some((e, _)) => e.aliases.push(phoenix_name(s.split('[').next().unwrap_or(s))),
                None => errors.push(Error::data(file, line, "synonym before any actor")),
            }
            continue;
        }
        // A new actor, possibly with its code on the same line.
        finish(cur.take(), &mut out);
        let (name_part, tag) = match l.find('[') {
            Some(i) => (&l[..i], Some(&l[i..])),
            None => (l, None),
        };
        let name = phoenix_name(name_part);
        if name.is_empty() {
            errors.push(Error::data(file, line, "actor line without a name"));
            continue;
        }
        let mut codes = Vec::new();
        if let Some(t) = tag {
            for tag in tags(t) {
                match code_tag(tag) {
                    Ok(Some((c, dates_ok))) => {
                        if !dates_ok {
                            warnings.push(Error::data(
                                file,
                                line,
                                format!("unreadable date range in {tag:?}; code kept without dates"),
                            ));
                        }
                        codes.push(c);
                    }
                    Ok(None) => {}
                    Err(()) => errors.push(Error::data(file, line, format!("cannot read code {tag:?}"))),
                }
            }
        }
        cur = Some((
            DictEntry {
                name,
                kind: EntityType::Other,
                aliases: vec![],
                roles: vec![],
                country: None,
                line,
            },
            codes,
        ));
    }
    finish(cur.take(), &mut out);
    (out, errors, warnings)
}

/// Parses a dictionary of either format, with warnings.
pub fn parse_with_warnings(file: &str, text: &str) -> (Vec<DictEntry>, Vec<Error>, Vec<Error>) {
    match detect(text) {
        Format::Tsv => {
            let (e, errs) = parse_tsv(file, text);
            (e, errs, vec![])
        }
        Format::Phoenix => parse_phoenix_with_warnings(file, text),
    }
}

/// Types an actor from its CAMEO codes: a bare country code is that
/// country; a country code with an agent (GOV, MIL, ELI...) is a person
/// when the name looks like one, else an organisation; IGO/NGO codes are
/// organisations.
fn classify(e: &mut DictEntry, codes: &[(String, String, String)]) {
    let bare: Vec<&String> = codes
        .iter()
        .map(|c| &c.0)
        .filter(|c| c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase()))
        .collect();
    if !codes.is_empty() && bare.len() == codes.len() {
        e.kind = EntityType::Country;
        e.country = Some(bare[0].clone());
        return;
    }
    let words = e.name.split_whitespace().count();
    let international = codes
        .iter()
        .all(|c| c.0.starts_with("IGO") || c.0.starts_with("NGO") || c.0.starts_with("IMG") || c.0.starts_with("MNC"));
    e.kind = if !international && (2..=4).contains(&words) && codes.iter().any(|c| c.0.len() > 3) {
        EntityType::Person
    } else {
        EntityType::Organization
    };
    if e.kind == EntityType::Person {
        for (code, from, to) in codes {
            if code.len() >= 6 && code[..3].chars().all(|c| c.is_ascii_uppercase()) {
                let agent = &code[3..6];
                let predicate = match agent {
                    "GOV" => "government-member-of",
                    "MIL" => "military-member-of",
                    "OPP" => "opposition-member-in",
                    "JUD" => "judge-in",
                    "LEG" => "lawmaker-in",
                    _ => "member-of",
                };
                if !(from.is_empty() && to.is_empty() && agent == "ELI") {
                    e.roles.push(format!("{predicate}:{}:{from}..{to}", &code[..3]));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phoenix_entries_with_synonyms_codes_and_dates() {
        let text = "# comment\nALEKSEI_PETROV_  # note\n+ALEXEI_PETROV_\n\t[RUSGOV >940720]\n\t[RUSELI 720101-000101]\nNORTHLAND_ [NLD]\n+NORTHLANDIA_\n";
        let (e, errs) = parse_phoenix("d.txt", text);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(e[0].name, "Aleksei Petrov");
        assert_eq!(e[0].aliases, ["Alexei Petrov"]);
        assert_eq!(e[0].kind, EntityType::Person);
        assert_eq!(
            e[0].roles,
            ["government-member-of:RUS:1994-07-20..", "member-of:RUS:1972-01-01..2000-01-01"]
        );
        assert_eq!(e[1].kind, EntityType::Country);
        assert_eq!(e[1].country.as_deref(), Some("NLD"));
    }

    #[test]
    fn errors_carry_line_numbers() {
        let (_, errs) = parse_phoenix("d.txt", "ACTOR_\n\t[RUS-GOV]\n");
        assert_eq!(errs[0].to_string().split(':').take(2).collect::<Vec<_>>(), ["d.txt", "2"]);
        let (e, errs, warns) = parse_phoenix_with_warnings("d.txt", "IVAN_ACTOROV_\n\t[RUSGOV > 9908223] [---]\n\t[RUSMIL 19820101]\n");
        assert!(errs.is_empty());
        assert_eq!(warns.len(), 1);
        assert_eq!(e[0].roles, ["government-member-of:RUS:..", "military-member-of:RUS:1982-01-01.."]);
        let (e, errs) = parse_tsv(
            "u.tsv",
            "Ana Kovac\tPERSON\tA. Kovac\tpresident-of Slovenia 2022-12-23..\nBad\tTHING\n",
        );
        assert_eq!(e[0].roles, ["president-of:Slovenia:2022-12-23.."]);
        assert!(errs[0].to_string().starts_with("u.tsv:2: unknown type"));
    }
}
