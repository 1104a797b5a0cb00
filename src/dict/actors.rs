//! Actor dictionaries: a simple TSV of `name, type, aliases, roles`, and
//! the PETRARCH/TABARI actor format of the Phoenix files (`NAME_` lines,
//! `+SYNONYM_` lines, `{PLURAL_}` forms, tab-indented `[CODE date-range]`
//! tags, several codes in one tag as `[ELR/GAL]`, and the `[---]` and
//! `[+++]` markers, which carry no code). Both become gazetteer entries at
//! extraction time.

use super::{tabari_date, tags};
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
    [a, b].iter().all(|d| d.is_empty() || crate::date::parse_iso(d).is_some())
}

/// A code tag as read: `[BLRGOV >940720]` to (code, from, to).
type Tag = (String, String, String);

/// Reads one `[...]` tag into its codes: none for the markers `[---]` and
/// `[+++]`, several for `[ELR/GAL]`, each with the tag's date range. A
/// date that cannot be read leaves the range open and is reported in the
/// flag; a tag that is not a code at all is `Err`.
fn code_tag(tag: &str) -> Result<(Vec<Tag>, bool), ()> {
    let inner = tag.trim().strip_prefix('[').and_then(|t| t.strip_suffix(']')).ok_or(())?.trim();
    let mut parts = inner.splitn(2, char::is_whitespace);
    let codes = parts.next().unwrap_or("");
    if codes.is_empty() || codes.chars().all(|c| c == '-') || codes.chars().all(|c| c == '+') {
        return Ok((vec![], true));
    }
    let codes: Vec<&str> = codes.split('/').collect();
    if codes
        .iter()
        .any(|c| c.is_empty() || !c.chars().all(|c| c.is_ascii_alphanumeric() || c == '~'))
    {
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
    let ok = parsed.is_some();
    let (from, to) = parsed.unwrap_or_default();
    Ok((codes.iter().map(|c| (c.to_string(), from.clone(), to.clone())).collect(), ok))
}

/// The codes of every tag on a line, into `codes`; bad tags and dates
/// become errors and warnings at `line`.
fn read_tags(text: &str, file: &str, line: usize, codes: &mut Vec<Tag>, errors: &mut Vec<Error>, warnings: &mut Vec<Error>) {
    for tag in tags(text) {
        match code_tag(tag) {
            Ok((c, dates_ok)) => {
                if !dates_ok {
                    warnings.push(Error::data(file, line, format!("unreadable date range in {tag:?}; code kept without dates")));
                }
                codes.extend(c);
            }
            Err(()) => errors.push(Error::data(
                file,
                line,
                format!("cannot read code {tag:?} (expected `[CODE]`, `[CODE/CODE]`, `[CODE >YYMMDD]`, `[CODE <YYMMDD]`, `[CODE YYMMDD-YYMMDD]`, `[---]` or `[+++]`)"),
            )),
        }
    }
}

/// The names in a `{...}` group of plural or variant forms
/// (`{UNITED_NATIONS_FORCES_}`), each a synonym.
fn brace_names(text: &str) -> Vec<String> {
    let Some(i) = text.find('{') else { return vec![] };
    let inner = &text[i + 1..];
    let inner = &inner[..inner.find('}').unwrap_or(inner.len())];
    inner.split_whitespace().map(phoenix_name).filter(|n| !n.is_empty()).collect()
}

/// The name part of an actor or synonym line: what comes before its first
/// tag or brace group.
fn name_part(l: &str) -> &str {
    &l[..l.find(['[', '{']).unwrap_or(l.len())]
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
        let indented = l.starts_with('\t') || l.starts_with(' ');
        let t = l.trim();
        if t.starts_with('[') {
            match cur.as_mut() {
                Some((_, codes)) => read_tags(t, file, line, codes, &mut errors, &mut warnings),
                None => errors.push(Error::data(file, line, "code line before any actor")),
            }
            continue;
        }
        if let Some(s) = t.strip_prefix('+') {
            match cur.as_mut() {
                Some((e, codes)) => {
                    e.aliases.push(phoenix_name(name_part(s)));
                    e.aliases.extend(brace_names(s));
                    read_tags(s, file, line, codes, &mut errors, &mut warnings);
                }
                None => errors.push(Error::data(file, line, "synonym before any actor")),
            }
            continue;
        }
        if indented {
            // The public International file indents a few names under the
            // actor they spell differently (`\tJOHN_MCCLOY_\t[CODE]` after
            // `JOHN_J MCCLOY_`): read as a synonym, with its codes.
            match cur.as_mut() {
                Some((e, codes)) if !phoenix_name(name_part(t)).is_empty() => {
                    warnings.push(Error::data(
                        file,
                        line,
                        format!("indented name {:?} read as a synonym of {:?}", name_part(t).trim(), e.name),
                    ));
                    e.aliases.push(phoenix_name(name_part(t)));
                    read_tags(t, file, line, codes, &mut errors, &mut warnings);
                }
                _ => errors.push(Error::data(file, line, format!("unexpected indented line {t:?}"))),
            }
            continue;
        }
        // A new actor, possibly with plural forms and codes on the same line.
        finish(cur.take(), &mut out);
        let name = phoenix_name(name_part(l));
        if name.is_empty() {
            errors.push(Error::data(file, line, "actor line without a name"));
            continue;
        }
        let mut codes = Vec::new();
        read_tags(l, file, line, &mut codes, &mut errors, &mut warnings);
        cur = Some((
            DictEntry {
                name,
                kind: EntityType::Other,
                aliases: brace_names(l),
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

    #[test]
    fn full_petrarch_actor_syntax() {
        let text = "ORLA_VANTE_ [NLDGOV/NLDELI >19930120] [---]\n+VANTE_ORLA_\n\t[NLDMIL 19930120-20010120]\n\t[NLDLEG <010203]\nHARBOUR_GUILDS_ {HARBOUR_GUILD_} [+++]\n\t[NLDLAB]\nDANA_MIRELLE_\n\tMIRELLE_DANA_\t[NLDGOV 940101-941231]\n";
        let (e, errs, warns) = parse_phoenix_with_warnings("d.txt", text);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(e[0].aliases, ["Vante Orla"]);
        assert_eq!(
            e[0].roles,
            [
                "government-member-of:NLD:1993-01-20..",
                "member-of:NLD:1993-01-20..",
                "military-member-of:NLD:1993-01-20..2001-01-20",
                "lawmaker-in:NLD:..2001-02-03"
            ]
        );
        assert_eq!(e[1].name, "Harbour Guilds");
        assert_eq!(e[1].aliases, ["Harbour Guild"]);
        assert_eq!(e[2].aliases, ["Mirelle Dana"]);
        assert_eq!(e[2].roles, ["government-member-of:NLD:1994-01-01..1994-12-31"]);
        assert_eq!(warns.len(), 1, "{warns:?}");
        let (_, errs, _) = parse_phoenix_with_warnings("d.txt", "X_\n\t[NLD/]\n");
        assert!(errs[0].to_string().starts_with("d.txt:2: cannot read code"), "{errs:?}");
    }
}
