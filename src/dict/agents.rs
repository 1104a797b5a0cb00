//! The PETRARCH agents format (Phoenix.agents.txt): one agent noun per line
//! with its code (`FARMER [~AGR]`, `PEACEKEEPING_TROOPS {} [IGO~]`), words
//! joined by `_` or spaces, explicit plurals in `{...}` (`{}` for none;
//! otherwise the regular plural of the last word is added), and `!MACRO!`
//! substitutions defined in the file (`!MINIST! = MINISTER, MINISTRY`,
//! used as `FOREIGN_!MINIST!`). Agents become agent nouns: "Dutch farmers
//! protested" is the Netherlands acting.

use super::tags;
use crate::error::Error;
use std::collections::HashMap;

/// One agent noun with every surface form it may take.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentEntry {
    /// Lowercase forms, words separated by single spaces: the singular
    /// first, then plurals (macro expansions give one entry each).
    pub forms: Vec<String>,
    /// The agent codes (`~GOV`, `IGO~`).
    pub codes: Vec<String>,
    pub line: usize,
}

/// Whether a line can only belong to an agents file: a macro definition or
/// an agent code, whose `~` says which side of an actor code it joins.
pub(crate) fn looks_like_agents(l: &str) -> bool {
    macro_definition(l).is_some() || tags(l).iter().any(|t| t.starts_with("[~") || t.contains("~]"))
}

/// `!PERSON! = MAN, MEN` to ("!PERSON!", ["MAN", "MEN"]).
fn macro_definition(l: &str) -> Option<(&str, Vec<&str>)> {
    let (name, values) = l.split_once('=')?;
    let name = name.trim();
    let ok = name.len() > 2 && name.starts_with('!') && name.ends_with('!') && !name[1..name.len() - 1].contains('!');
    ok.then(|| (name, values.split(',').map(str::trim).filter(|v| !v.is_empty()).collect()))
}

/// The most spellings one line may expand to; a macro that names itself
/// or a line of many macros would otherwise never end.
const MAX_SPELLINGS: usize = 4096;

/// Every spelling of a phrase once its macros are replaced, each value of
/// each macro in turn. An unknown macro is `Err` with its name, and so is
/// an expansion past `MAX_SPELLINGS`.
fn expand(phrase: &str, macros: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let mut done = Vec::new();
    let mut todo = vec![phrase.to_string()];
    let mut steps = 0;
    while let Some(p) = todo.pop() {
        steps += 1;
        let Some(i) = p.find('!') else {
            done.push(p);
            continue;
        };
        let Some(j) = p[i + 1..].find('!') else {
            return Err(p[i..].to_string());
        };
        let name = &p[i..i + j + 2];
        let values = macros.get(name).ok_or_else(|| name.to_string())?;
        if steps + todo.len() + values.len() > MAX_SPELLINGS {
            return Err(format!("{name} (more than {MAX_SPELLINGS} spellings)"));
        }
        for v in values.iter().rev() {
            todo.push(format!("{}{v}{}", &p[..i], &p[i + j + 2..]));
        }
    }
    Ok(done)
}

/// `FOREIGN_MINISTER_` to "foreign minister".
fn words(raw: &str) -> String {
    raw.split(['_', ' '])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The regular plural of the last word: "farmers", "ministries", "coaches".
pub(crate) fn plural_of(phrase: &str) -> String {
    let (head, last) = phrase.rsplit_once(' ').map_or(("", phrase), |(h, l)| (h, l));
    let mut l = last.to_string();
    let vowel_before_y = l.len() >= 2 && matches!(l.as_bytes()[l.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u');
    if l.ends_with('y') && !vowel_before_y {
        l.pop();
        l.push_str("ies");
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|s| l.ends_with(s)) {
        l.push_str("es");
    } else {
        l.push('s');
    }
    if head.is_empty() {
        l
    } else {
        format!("{head} {l}")
    }
}

/// Parses an agents file: the agents that are valid, an error for each
/// line that is not, and warnings for the public file's slips (an agent
/// with no code, a tag closed with `}`).
pub fn parse(file: &str, text: &str) -> (Vec<AgentEntry>, Vec<Error>, Vec<Error>) {
    let (mut out, mut errors, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
    let mut macros: HashMap<String, Vec<String>> = HashMap::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let l = raw.split('#').next().unwrap_or("").trim_end_matches('\r').trim();
        if l.is_empty() {
            continue;
        }
        if let Some((name, values)) = macro_definition(l) {
            if values.is_empty() {
                errors.push(Error::data(file, line, format!("macro {name} has no values")));
            }
            macros.insert(name.to_string(), values.into_iter().map(String::from).collect());
            continue;
        }
        let phrase = &l[..l.find(['[', '{']).unwrap_or(l.len())];
        if words(&phrase.replace('!', "")).is_empty() {
            errors.push(Error::data(file, line, format!("agent line without a phrase: {l:?}")));
            continue;
        }
        let mut codes = Vec::new();
        let mut bad = false;
        for tag in tags(l) {
            let inner = match tag.strip_suffix(']') {
                Some(t) => t,
                None => match tag.strip_suffix('}') {
                    Some(t) => {
                        warnings.push(Error::data(file, line, format!("tag {tag:?} closed with `}}`; read as `]`")));
                        t
                    }
                    None => tag,
                },
            };
            let code = inner.trim_start_matches('[').trim();
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '~') {
                errors.push(Error::data(
                    file,
                    line,
                    format!("cannot read agent code {tag:?} (expected `[~CODE]` or `[CODE~]`)"),
                ));
                bad = true;
            } else {
                codes.push(code.to_string());
            }
        }
        if bad {
            continue;
        }
        if codes.is_empty() {
            warnings.push(Error::data(file, line, format!("agent {:?} has no code; skipped", words(phrase))));
            continue;
        }
        // `{...}` after the phrase: the plurals, or none for `{}`.
        let braces = l.find('{').map(|i| {
            let inner = &l[i + 1..];
            &inner[..inner.find('}').unwrap_or(inner.len())]
        });
        let spellings = match expand(phrase, &macros) {
            Ok(s) => s,
            Err(name) => {
                errors.push(Error::data(
                    file,
                    line,
                    format!("cannot expand macro {name} (define it once as `!NAME! = WORD, WORD`)"),
                ));
                continue;
            }
        };
        for s in spellings {
            let singular = words(&s);
            let mut forms = vec![singular.clone()];
            match braces {
                Some(b) => forms.extend(b.split_whitespace().map(words).filter(|w| !w.is_empty())),
                None => forms.push(plural_of(&singular)),
            }
            forms.dedup();
            out.push(AgentEntry {
                forms,
                codes: codes.clone(),
                line,
            });
        }
    }
    (out, errors, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_with_macros_plurals_and_codes() {
        let text = "# test agents\n!CREW! = SAILOR, DECKHAND\n\nHARBOUR_!CREW! [~MIL]\nSHEPHERD [~AGR]\nFERRY_PILOT {FERRY_PILOTS_} [~BUS]\nTOWN_CRIER {} [~MED] # old\nCANAL WARDEN [IGO~]\nLOCKKEEPER [~GOV}\nORPHAN_AGENT\n";
        let (a, errs, warns) = parse("a.txt", text);
        assert!(errs.is_empty(), "{errs:?}");
        let forms: Vec<&Vec<String>> = a.iter().map(|e| &e.forms).collect();
        assert_eq!(
            forms,
            [
                &vec!["harbour sailor".to_string(), "harbour sailors".into()],
                &vec!["harbour deckhand".to_string(), "harbour deckhands".into()],
                &vec!["shepherd".to_string(), "shepherds".into()],
                &vec!["ferry pilot".to_string(), "ferry pilots".into()],
                &vec!["town crier".to_string()],
                &vec!["canal warden".to_string(), "canal wardens".into()],
                &vec!["lockkeeper".to_string(), "lockkeepers".into()],
            ]
        );
        assert_eq!(a[5].codes, ["IGO~"]);
        assert_eq!(a[0].line, 4);
        // The `}` slip and the agent with no code are warnings.
        assert_eq!(warns.len(), 2, "{warns:?}");
        assert!(warns[1].to_string().starts_with("a.txt:10: agent \"orphan agent\" has no code"));
    }

    #[test]
    fn agent_errors_carry_line_numbers() {
        let (_, errs, _) = parse("a.txt", "SHEPHERD [~AGR]\n!HAND!_MAN [~LAB]\nGUARD [~G-V]\n");
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(msgs[0].starts_with("a.txt:2: cannot expand macro !HAND!"), "{msgs:?}");
        let (_, errs, _) = parse("a.txt", "!A! = X!A!\n!A!_MAN [~LAB]\n");
        assert!(errs[0].to_string().contains("more than 4096 spellings"), "{errs:?}");
        assert!(msgs[1].starts_with("a.txt:3: cannot read agent code"), "{msgs:?}");
        assert_eq!(plural_of("ministry"), "ministries");
        assert_eq!(plural_of("border patrol coach"), "border patrol coaches");
    }
}
