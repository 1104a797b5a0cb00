//! State links read from the dependency parse: the relations a sentence
//! states between two names through its structure rather than through a
//! role title or an event verb. "Tempe, Ariz." puts a place inside a state;
//! "Ellis Corp. of Toledo" and "a company based in Dayton" place an
//! organisation; "Maria Ortega, a spokeswoman for the Harlow Authority"
//! ties a person to an organisation; "a Fargo native", "born in Fresno"
//! tie a person to a place.
//!
//! Each rule is a row of `src/data/links.tsv`: a path through the tree
//! from the subject's head word to the object's, the entity types at both
//! ends, and the relation. The stage parses only sentences that name two
//! entities or more, and it never fails: without a syntax model it adds
//! nothing.

use super::tree::Tree;
use super::{DocCx, EntId, MentionKind, NewTriple};
use crate::error::{Error, Result};
use crate::lexicon::{RoleEntry, WordClass};
use crate::model::{Category, EntityType};
use crate::syntax::Upos;

const TABLE: &str = include_str!("../data/links.tsv");
const FILE: &str = "links.tsv";

/// One step of a path through the tree, from the word reached so far.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// `>nmod(of|in)`: to a dependent with one of these relations and, when
    /// cases are given, a `case` dependent with one of these words.
    Down { rels: Vec<String>, cases: Vec<String> },
    /// `<appos`: to the head, when the word hangs from it by one of these.
    Up { rels: Vec<String> },
    /// `[born|raised]`: the word reached is one of these (lowercase).
    Word(Vec<String>),
    /// `[NOUN|PROPN]`: the word reached has one of these tags.
    Tag(Vec<Upos>),
    /// `[role]`: the word reached ends a role noun of roles.tsv, whose
    /// predicate and category the link takes.
    Role,
    /// `(from|of)`: the word reached has a `case` dependent among these, as
    /// the place in "she is from Denver" has, where the copula makes the
    /// place the head of its own clause.
    Case(Vec<String>),
    /// `!advmod`: the word reached has no dependent by these relations
    /// ("she is far from Denver" says where she is not from).
    Without(Vec<String>),
}

/// A row of links.tsv.
#[derive(Debug, Clone)]
pub struct LinkRule {
    pub line: usize,
    pub path: String,
    steps: Vec<Step>,
    subject: Vec<EntityType>,
    object: Vec<EntityType>,
    /// The predicate, or `None` for `{role}`: the role noun's own.
    predicate: Option<String>,
    category: Option<Category>,
    pub positive: String,
    pub expect: String,
    pub negative: String,
}

fn list(s: &str) -> Vec<String> {
    s.split('|').map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect()
}

fn parse_step(tok: &str, line: usize) -> Result<Step> {
    let bad = |what: &str| Error::Data {
        file: FILE.into(),
        line,
        message: format!("{what}: {tok:?}"),
    };
    if let Some(rest) = tok.strip_prefix('>') {
        let (rels, cases) = match rest.split_once('(') {
            Some((r, c)) => (r, c.strip_suffix(')').ok_or_else(|| bad("unclosed case list"))?),
            None => (rest, ""),
        };
        if rels.is_empty() {
            return Err(bad("a step down needs a relation"));
        }
        return Ok(Step::Down {
            rels: list(rels),
            cases: list(cases),
        });
    }
    if let Some(rest) = tok.strip_prefix('<') {
        if rest.is_empty() {
            return Err(bad("a step up needs a relation"));
        }
        return Ok(Step::Up { rels: list(rest) });
    }
    if let Some(inner) = tok.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        if inner == "role" {
            return Ok(Step::Role);
        }
        if inner.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
            let tags: Option<Vec<Upos>> = inner.split('|').map(Upos::parse).collect();
            return tags.map(Step::Tag).ok_or_else(|| bad("unknown part-of-speech tag"));
        }
        return Ok(Step::Word(list(inner)));
    }
    if let Some(rest) = tok.strip_prefix('!') {
        if rest.is_empty() {
            return Err(bad("a step without dependents needs a relation"));
        }
        return Ok(Step::Without(list(rest)));
    }
    if let Some(inner) = tok.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        let cases = list(inner);
        if cases.is_empty() {
            return Err(bad("a case step needs a word"));
        }
        return Ok(Step::Case(cases));
    }
    Err(bad("a step is >rel, <rel, [words], [TAG], [role], (case) or !rel"))
}

fn types(s: &str, line: usize) -> Result<Vec<EntityType>> {
    s.split('|')
        .map(|t| {
            EntityType::parse(t).ok_or_else(|| Error::Data {
                file: FILE.into(),
                line,
                message: format!("unknown entity type {t:?}"),
            })
        })
        .collect()
}

/// Reads a links table: columns path, subject types, object types,
/// predicate (or `{role}`), category (or `-` with `{role}`), positive
/// example, expected `subject>object`, negative example.
pub fn parse_table(text: &str) -> Result<Vec<LinkRule>> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = raw.split('\t').collect();
        if c.len() != 8 {
            return Err(Error::Data {
                file: FILE.into(),
                line,
                message: format!("expected 8 tab-separated columns, found {}", c.len()),
            });
        }
        let steps = c[0].split_whitespace().map(|t| parse_step(t, line)).collect::<Result<Vec<_>>>()?;
        let role = steps.contains(&Step::Role);
        let (predicate, category) = if c[3] == "{role}" {
            if !role {
                return Err(Error::Data {
                    file: FILE.into(),
                    line,
                    message: "{role} needs a [role] step in the path".into(),
                });
            }
            (None, None)
        } else {
            let cat = Category::parse(c[4]).ok_or_else(|| Error::Data {
                file: FILE.into(),
                line,
                message: format!("unknown category {:?}", c[4]),
            })?;
            (Some(c[3].to_string()), Some(cat))
        };
        out.push(LinkRule {
            line,
            path: c[0].to_string(),
            steps,
            subject: types(c[1], line)?,
            object: types(c[2], line)?,
            predicate,
            category,
            positive: c[5].to_string(),
            expect: c[6].to_string(),
            negative: c[7].to_string(),
        });
    }
    Ok(out)
}

/// Whether a token key is one the built-in rules look for: a case word,
/// a word a step names, the comma of an apposition, or the possessive
/// ending of a `nmod:poss` step ("Lyon's Paul Ferrand"). A sentence with
/// none of them near a name cannot give a link and is not parsed for one.
pub fn wants(key: &str) -> bool {
    static WORDS: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut w: rustc_hash::FxHashSet<String> = [",".to_string()].into_iter().collect();
        for r in builtin() {
            for st in &r.steps {
                match st {
                    Step::Down { rels, cases } => {
                        w.extend(cases.iter().cloned());
                        // The tokeniser gives every possessive the key "'s".
                        if rels.iter().any(|r| r == "nmod:poss") {
                            w.insert("'s".to_string());
                        }
                    }
                    Step::Word(ws) | Step::Case(ws) => w.extend(ws.iter().cloned()),
                    _ => {}
                }
            }
        }
        w
    });
    words.contains(key)
}

/// The built-in rules, read once.
pub fn builtin() -> &'static [LinkRule] {
    static RULES: std::sync::OnceLock<Vec<LinkRule>> = std::sync::OnceLock::new();
    // The table is compiled in and tested; a broken row is a build defect
    // that `builtin_links_table_parses` reports with its line.
    RULES.get_or_init(|| parse_table(TABLE).unwrap_or_default())
}

/// A role noun a `[role]` step met, and whether the text says the role
/// has ended.
#[derive(Clone, Copy)]
struct RoleMet<'a> {
    entry: &'a RoleEntry,
    former: bool,
}

/// The longest role noun of roles.tsv that ends at the token starting at
/// byte `at`: "vice president", not "president".
fn role_ending_at<'a>(cx: &DocCx<'a>, at: usize) -> Option<(&'a RoleEntry, usize)> {
    let t = cx.toks.partition_point(|t| t.start < at);
    if t >= cx.toks.len() || cx.toks[t].start != at {
        return None;
    }
    cx.role_ending_at(t)
}

/// Whether the words before the role noun starting at token `first` (as
/// the phrase stage reads them), or a modifier of its word `w` in the
/// parse, say the role has ended: "the former governor", "the late king".
fn ended(cx: &DocCx, tree: &Tree, w: usize, first: usize) -> bool {
    let former = &cx.lex.details.former;
    super::phrases::former_before(cx, first)
        || tree.kids[w].iter().any(|&c| {
            matches!(tree.p.words[c].deprel.as_str(), "amod" | "advmod") && former.contains(tree.p.words[c].form.to_lowercase().as_str())
        })
}

/// Follows `steps` from word `from`; returns the words reached and the
/// role noun a `[role]` step met.
fn follow<'a>(cx: &DocCx<'a>, tree: &Tree, steps: &[Step], from: usize) -> Vec<(usize, Option<RoleMet<'a>>)> {
    let p = &tree.p;
    let mut at: Vec<(usize, Option<RoleMet<'a>>)> = vec![(from, None)];
    for step in steps {
        let mut next = Vec::new();
        for &(w, role) in &at {
            match step {
                Step::Down { rels, cases } => {
                    for &c in &tree.kids[w] {
                        let rel = &p.words[c].deprel;
                        // A prepositional phrase set off by commas ("Tom
                        // Hale, 83, of Houston,") is often parsed as a
                        // conjunct of the name. A conjunct with a case word
                        // among the step's and no coordinator of its own
                        // is read as the modifier it is.
                        let misread = rel == "conj"
                            && !cases.is_empty()
                            && rels.iter().any(|r| r == "nmod")
                            && !tree.kids[c].iter().any(|&k| p.words[k].deprel == "cc");
                        if (misread || rels.iter().any(|r| r == rel)) && tree.has_case(c, cases) {
                            next.push((c, role));
                        }
                    }
                }
                Step::Up { rels } => {
                    if let Some(h) = p.words[w].head.filter(|_| rels.iter().any(|r| *r == p.words[w].deprel)) {
                        next.push((h, role));
                    }
                }
                Step::Word(words) => {
                    if words.iter().any(|k| p.words[w].form.eq_ignore_ascii_case(k)) {
                        next.push((w, role));
                    }
                }
                Step::Case(cases) => {
                    if tree.has_case(w, cases) {
                        next.push((w, role));
                    }
                }
                Step::Without(rels) => {
                    if !tree.kids[w].iter().any(|&c| rels.iter().any(|r| *r == p.words[c].deprel)) {
                        next.push((w, role));
                    }
                }
                Step::Tag(tags) => {
                    if tags.contains(&p.words[w].upos) {
                        next.push((w, role));
                    }
                }
                Step::Role => {
                    if let Some((entry, first)) = role_ending_at(cx, p.words[w].start) {
                        next.push((
                            w,
                            Some(RoleMet {
                                entry,
                                former: ended(cx, tree, w, first),
                            }),
                        ));
                    }
                }
            }
        }
        if next.is_empty() {
            return next;
        }
        at = next;
    }
    at
}

/// Pairs of places named one after the other with only a comma between
/// them, where the second is a region or country that can hold the first
/// ("Tempe, Arizona", "Anzio, Italy", "Sabah, Malaysia"). The parser
/// attaches such pairs in many ways (appos, conj, nmod:unmarked, compound,
/// flat), so the pair is read from the names' order and the gazetteer's
/// hierarchy instead of from the arc. What keeps a list of places ("Italy,
/// France and Spain", "Texas, Utah") out: the first name is no country,
/// a region is not put inside a region, the second must be a gazetteer
/// region or country, and the two must agree on the country when both are
/// known, and no third place follows after another comma.
fn comma_places(cx: &DocCx, s: usize) -> Vec<(EntId, EntId)> {
    let names: Vec<&super::Mention> = cx.names_in(s).collect();
    let comma_between = |a: &super::Mention, b: &super::Mention| b.tok.start == a.tok.end + 1 && cx.key(a.tok.end) == ",";
    let is_place = |e: EntId| matches!(cx.reg.kind(e), EntityType::Location | EntityType::Country);
    let mut out = Vec::new();
    for (i, w) in names.windows(2).enumerate() {
        let (a, b) = (w[0], w[1]);
        if !comma_between(a, b) || a.ent == b.ent || cx.reg.kind(a.ent) != EntityType::Location {
            continue;
        }
        // "Merida, Chihuahua, Tijuana": a third place after another comma
        // makes the three a list.
        if names.get(i + 2).is_some_and(|c| comma_between(b, c) && is_place(c.ent)) {
            continue;
        }
        let holder = match cx.reg.kind(b.ent) {
            EntityType::Country => true,
            EntityType::Location => cx.place_kind(b.ent) == Some("region") && cx.place_kind(a.ent) != Some("region"),
            _ => false,
        };
        let disagree = matches!((cx.country_of(a.ent), cx.country_of(b.ent)), (Some(ca), Some(cb)) if ca != cb);
        if holder && !disagree {
            out.push((a.ent, b.ent));
        }
    }
    out
}

/// "(Bangkok Post)", "(Reuters)", "(AFP via France 24)": an outlet cited
/// in parentheses as a source names no relation the text states.
fn citation(cx: &DocCx, first: &super::Mention, last: &super::Mention) -> bool {
    let (mut a, b) = (first.tok.start, last.tok.end);
    // "(The Sydney Morning Herald)"
    if a > 1 && cx.class(a - 1) == Some(WordClass::Det) {
        a -= 1;
    }
    // "(AFP via The Manila Times)": a credit that names the outlet which
    // carried another's story; the words before "via" are one name.
    if a > 2 && cx.key(a - 1) == "via" {
        let mut k = a - 1;
        while k > 0 && a - k < 8 && cx.toks[k - 1].is_capitalized() {
            k -= 1;
        }
        if k < a - 1 {
            a = k;
        }
    }
    a > 0 && b < cx.toks.len() && cx.key(a - 1) == "(" && cx.key(b) == ")"
}

/// An organisation named right after a place, with nothing between:
/// "the London Stock Exchange", a wire source line "Moscow ITAR-TASS", "a
/// Gary Post-Tribune reporter". A country before a name is its state's
/// body instead ("US Army"), so only places below a country count.
/// The same holds when the place's name begins the organisation's own
/// ("Ohio State University", "Havana Radio Network"): the gazetteer stage
/// gave the whole name to the organisation, and the place is read back
/// from its first words; and when a city ends an institution's name after
/// "of" ("University of Chicago").
fn place_before_org(cx: &mut DocCx, s: usize) -> Vec<(EntId, EntId)> {
    let names: Vec<&super::Mention> = cx.names_in(s).collect();
    let mut out = org_after(cx, &names, EntityType::Location);
    let lex = cx.lex;
    let unknown_orgs: Vec<(EntId, usize, usize)> = names
        .iter()
        .filter(|m| m.tok.len() > 1 && cx.reg.kind(m.ent) == EntityType::Organization && cx.reg.ents[m.ent].gaz.is_none())
        .filter(|m| !citation(cx, m, m))
        .map(|m| (m.ent, cx.toks[m.tok.start].start, cx.toks[m.tok.end - 1].end))
        .collect();
    for (org, start, end) in unknown_orgs {
        // The place opening the name ("Ohio State University") or ending it
        // after "of" ("University of Chicago", which the mention stage
        // reads as one name).
        let text = &cx.text[start..end];
        let leading = lex
            .find_names(text)
            .into_iter()
            .find(|(a, b, _)| (*a == 0 && start + b < end) || (start + b == end && text[..*a].ends_with(" of ")));
        let place = leading.and_then(|(_, _, senses)| {
            senses
                .iter()
                .find(|x| x.surface == crate::lexicon::Surface::Name && lex.entity(x.entity).kind == EntityType::Location)
                .map(|x| x.entity)
        });
        if let Some(g) = place {
            out.push((org, cx.reg.gaz(lex, g)));
        }
    }
    // "Black Sea Fleet", "Mediterranean Foundation": a sea names where an
    // organisation works or what it studies, not a place it is in.
    out.retain(|&(_, place)| cx.place_kind(place) != Some("sea"));
    out
}

/// Organisations named right after a name of `kind`, with nothing between
/// and outside a source credit: pairs (organisation, the name before it).
fn org_after(cx: &DocCx, names: &[&super::Mention], kind: EntityType) -> Vec<(EntId, EntId)> {
    names
        .windows(2)
        .filter(|w| w[1].tok.start == w[0].tok.end && w[0].ent != w[1].ent && !citation(cx, w[0], w[1]))
        .filter(|w| cx.reg.kind(w[0].ent) == kind && cx.reg.kind(w[1].ent) == EntityType::Organization)
        .map(|w| (w[1].ent, w[0].ent))
        .collect()
}

/// An organisation named right after its country, or whose name opens
/// with it: "the Kenyan Ministry of Health", "the U.S. Congress", "Kenya
/// Airways". The body belongs to that state (AFFILIATED_WITH), as with
/// "Kenya's Ministry of Health". An organisation the gazetteer places in
/// another country, or treats as international, is only named beside the
/// country ("Israel Hamas talks", "the US UN ambassador") and is not linked.
fn country_before_org(cx: &mut DocCx, s: usize) -> Vec<(EntId, EntId)> {
    // Adjectives count here ("Kenyan"), nationals as a group do not.
    let range = cx.sentences[s].tokens.clone();
    let names: Vec<&super::Mention> = cx
        .mentions
        .iter()
        .filter(|m| range.contains(&m.tok.start) && m.kind != MentionKind::People)
        .collect();
    // A gazetteer organisation must be placed in that very country.
    let belongs = |cx: &DocCx, org: EntId, country: EntId| {
        cx.reg.ents[org].gaz.is_none() || matches!(cx.country_of(org), Some(c) if cx.country_of(country) == Some(c))
    };
    let mut out = org_after(cx, &names, EntityType::Country);
    out.retain(|&(org, country)| belongs(cx, org, country));
    let lex = cx.lex;
    let orgs: Vec<(EntId, std::ops::Range<usize>)> = names
        .iter()
        .filter(|m| m.kind == MentionKind::Name && m.tok.len() > 1)
        .filter(|m| cx.reg.kind(m.ent) == EntityType::Organization && !citation(cx, m, m))
        .map(|m| (m.ent, m.tok.clone()))
        .collect();
    for (org, tok) in orgs {
        // The longest run of the name's first words that names a country
        // on its own: the whole name matched as the organisation, so each
        // shorter opening is looked up by itself, up to the length of the
        // longest country names ("Democratic Republic of the Congo").
        let start = cx.toks[tok.start].start;
        let longest = tok.end.min(tok.start + 6);
        let country = (tok.start + 1..longest).rev().find_map(|k| {
            let text = &cx.text[start..cx.toks[k - 1].end];
            let found = lex.find_names(text).into_iter().find(|(a, b, _)| *a == 0 && *b == text.len())?;
            found
                .2
                .iter()
                .find(|x| x.surface != crate::lexicon::Surface::People && lex.entity(x.entity).kind == EntityType::Country)
                .map(|x| x.entity)
        });
        if let Some(g) = country {
            let c = cx.reg.gaz(lex, g);
            if c != org && belongs(cx, org, c) {
                out.push((org, c));
            }
        }
    }
    out
}

/// Predicates whose object is a place that a comma-apposed holder
/// contains too: living in Tempe, Arizona is living in Arizona.
fn carries_to_holder(category: Category) -> bool {
    matches!(category, Category::LocatedIn | Category::AffiliatedWith)
}

/// A link found in a sentence, before it is emitted.
struct Found {
    subj: EntId,
    obj: EntId,
    predicate: String,
    category: Category,
    /// Why the link was read: the table row and path, or the order rule.
    why: String,
    /// The role it was read from has ended ("the former governor of").
    former: bool,
}

/// Adds the links of sentence `s`: those read from the order of its names
/// always, and those read from its parse when it has one.
pub fn sentence(cx: &mut DocCx, s: usize, tree: Option<&Tree>) {
    let mut found: Vec<Found> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<(EntId, EntId)> = rustc_hash::FxHashSet::default();
    let places = comma_places(cx, s);
    let named_after = place_before_org(cx, s);
    let of_country = country_before_org(cx, s);
    let ordered = [
        (
            &places,
            "located-in",
            Category::LocatedIn,
            "place, comma, the region or country holding it",
        ),
        (
            &named_after,
            "located-in",
            Category::LocatedIn,
            "a place's name right before or opening an organisation's",
        ),
        (
            &of_country,
            "based-in",
            Category::AffiliatedWith,
            "a country's name or adjective right before or opening an organisation's",
        ),
    ];
    for (pairs, predicate, category, why) in ordered {
        for &(subj, obj) in pairs {
            if seen.insert((subj, obj)) {
                found.push(Found {
                    subj,
                    obj,
                    predicate: predicate.into(),
                    category,
                    why: why.into(),
                    former: false,
                });
            }
        }
    }
    if let Some(tree) = tree {
        for rule in builtin() {
            for a in tree.ends.iter().filter(|a| rule.subject.contains(&a.kind)) {
                let reached = a.words.iter().flat_map(|&w| follow(cx, tree, &rule.steps, w));
                for (w, role) in reached {
                    for b in tree.names_at(w).filter(|b| b.ent != a.ent && rule.object.contains(&b.kind)) {
                        let (predicate, category) = match (&rule.predicate, rule.category, role) {
                            (Some(pr), Some(c), _) => (pr.clone(), c),
                            (None, _, Some(r)) => (r.entry.predicate.clone(), r.entry.category),
                            _ => continue,
                        };
                        // Rows go from specific to general: a pair the table
                        // already linked keeps its first, more specific relation.
                        // A place already put inside the other one is not
                        // also its container: misparsed appositions ("the
                        // office of Morton County, North Dakota,") read both.
                        let reversed = category == Category::LocatedIn && seen.contains(&(b.ent, a.ent));
                        if !reversed && seen.insert((a.ent, b.ent)) {
                            found.push(Found {
                                subj: a.ent,
                                obj: b.ent,
                                predicate,
                                category,
                                why: format!("{FILE}:{} path {}", rule.line, rule.path),
                                former: role.is_some_and(|r| r.former),
                            });
                        }
                    }
                }
            }
        }
    }
    // A relation to a place carries to the region or country the text
    // names right after it ("a plant in Dayton, Ohio" is in Ohio).
    let mut carried = Vec::new();
    for f in &found {
        if !carries_to_holder(f.category) {
            continue;
        }
        for &(a, b) in places.iter().filter(|p| p.0 == f.obj) {
            if f.subj != b && !seen.contains(&(f.subj, b)) {
                carried.push(Found {
                    obj: b,
                    predicate: f.predicate.clone(),
                    why: format!("{}; {} is in {}", f.why, cx.reg.ents[a].name, cx.reg.ents[b].name),
                    ..*f
                });
            }
        }
    }
    for c in carried {
        if seen.insert((c.subj, c.obj)) {
            found.push(c);
        }
    }
    // "Argentina's National Congress" is not the US Congress in Argentina:
    // an organisation the gazetteer places in one country is never linked
    // to a place in another.
    let elsewhere = |f: &Found| {
        matches!(f.category, Category::LocatedIn | Category::AffiliatedWith)
            && cx.reg.kind(f.subj) == EntityType::Organization
            && matches!((cx.country_of(f.subj), cx.country_of(f.obj)), (Some(a), Some(b)) if a != b)
    };
    found.retain(|f| !elsewhere(f));
    for f in found {
        let mut t = NewTriple::new(f.subj, &f.predicate, f.category, f.obj, s, "link");
        t.confidence = 0.7;
        t.former = f.former;
        t.notes = vec![f.why];
        cx.emit(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_links_table_parses() {
        let rules = parse_table(TABLE).unwrap();
        assert!(rules.len() >= 5);
    }

    #[test]
    fn a_broken_row_names_its_line() {
        let err = parse_table("# c\n>appos\tLOCATION\tLOCATION\tlocated-in\tLOCATED_IN\ta\tb\n").unwrap_err();
        assert_eq!(err.to_string(), "links.tsv:2: expected 8 tab-separated columns, found 7");
        let err = parse_table("~x\tLOCATION\tLOCATION\tlocated-in\tLOCATED_IN\ta\tb\tc\n").unwrap_err();
        assert!(err.to_string().starts_with("links.tsv:1: a step is"), "{err}");
    }
}
