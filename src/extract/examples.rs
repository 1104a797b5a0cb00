//! The examples every lexicon row carries, run as tests: a positive
//! sentence that must give the row's relation and a negative one that must
//! not.

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;
    use crate::input::Document;
    use crate::model::Triple;

    fn run(ex: &Extractor, text: &str) -> Vec<Triple> {
        let mut d = Document::new("example", text);
        d.date = Some("2025-06-21".into());
        ex.extract(&d).triples
    }

    #[allow(clippy::too_many_arguments)]
    fn check(ex: &Extractor, what: &str, line: usize, predicate: &str, pos: &str, expect: &str, neg: &str, failures: &mut Vec<String>) {
        let (s, o) = expect.split_once('>').unwrap_or((expect, ""));
        let got = run(ex, pos);
        let ok = got.iter().any(|t| {
            t.predicate == predicate
                && !t.negated
                && ((t.subject.name == s && t.object.name == o) || (t.symmetric && t.subject.name == o && t.object.name == s))
        });
        if !ok {
            let seen: Vec<String> = got
                .iter()
                .map(|t| format!("{} -{}-> {}", t.subject.name, t.predicate, t.object.name))
                .collect();
            failures.push(format!(
                "{what}:{line}: positive {pos:?} should give {s} -{predicate}-> {o}; got {seen:?}"
            ));
        }
        if !neg.is_empty() {
            let bad: Vec<String> = run(ex, neg)
                .iter()
                .filter(|t| t.predicate == predicate && !t.negated)
                .map(|t| format!("{} -{}-> {}", t.subject.name, t.predicate, t.object.name))
                .collect();
            if !bad.is_empty() {
                failures.push(format!("{what}:{line}: negative {neg:?} gave {bad:?}"));
            }
        }
    }

    #[test]
    fn every_lexicon_row_passes_its_examples() {
        let ex = Extractor::builtin().unwrap();
        let mut failures = Vec::new();
        let mut count = 0;
        for v in &ex.lex.verbs {
            if let Some(e) = &v.example {
                count += 1;
                check(
                    &ex,
                    "verbs.tsv",
                    v.line,
                    &v.predicate,
                    &e.positive,
                    &e.expect,
                    &e.negative,
                    &mut failures,
                );
            }
        }
        for n in &ex.lex.event_nouns {
            if let Some(e) = &n.example {
                count += 1;
                check(
                    &ex,
                    "event_nouns.tsv",
                    n.line,
                    &n.predicate,
                    &e.positive,
                    &e.expect,
                    &e.negative,
                    &mut failures,
                );
            }
        }
        assert!(count > 100);
        assert!(
            failures.is_empty(),
            "{} of {count} examples fail:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

#[cfg(test)]
mod detail_tests {
    use crate::extract::Extractor;
    use crate::input::Document;
    use crate::lexicon::{rows, BUILTIN};
    use crate::model::Triple;

    /// Whether a triple shows the detail a `details.tsv` row reads.
    fn shows(kind: &str, value: &str, t: &Triple) -> bool {
        match kind {
            "former" => t.former,
            "current" => t.category == crate::model::Category::LeaderOf && !t.former && t.object.kind == crate::model::EntityType::Country,
            "place" => t.place.is_some(),
            "employer" => t.object.kind == crate::model::EntityType::Organization,
            "dead" => t.dead.is_some(),
            "injured" => t.injured.is_some(),
            "mode" => t.mode.as_deref() == Some(value),
            _ => false,
        }
    }

    #[test]
    fn every_details_row_passes_its_examples() {
        let ex = Extractor::builtin().unwrap();
        let text = BUILTIN.iter().find(|(n, _)| *n == "details.tsv").unwrap().1;
        let mut failures = Vec::new();
        let mut checked = 0;
        for r in rows("details.tsv", text, 2).unwrap() {
            let (kind, value, pos, neg) = (r.get(1), r.get(2), r.get(3), r.get(4));
            if matches!(kind, "number" | "approx") {
                continue;
            }
            checked += 1;
            let run = |s: &str| {
                let mut d = Document::new("example", s);
                d.date = Some("2025-06-21".into());
                ex.extract(&d).triples
            };
            if pos.is_empty() || neg.is_empty() {
                failures.push(format!(
                    "details.tsv:{}: a {kind} row needs a positive and a negative example",
                    r.line
                ));
                continue;
            }
            if !run(pos).iter().any(|t| shows(kind, value, t)) {
                failures.push(format!("details.tsv:{}: positive {pos:?} should show {kind} {value}", r.line));
            }
            if run(neg).iter().any(|t| shows(kind, value, t)) {
                failures.push(format!("details.tsv:{}: negative {neg:?} should not show {kind} {value}", r.line));
            }
        }
        assert!(checked >= 10, "only {checked} rows checked");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

#[cfg(test)]
mod link_tests {
    use crate::extract::{links, Extractor};
    use crate::input::Document;

    #[test]
    fn every_links_row_passes_its_examples() {
        let ex = Extractor::builtin().unwrap();
        let run = |s: &str| {
            let mut d = Document::new("example", s);
            d.date = Some("2025-06-21".into());
            ex.extract(&d).triples
        };
        let rules = links::builtin();
        assert!(rules.len() >= 5);
        let mut failures = Vec::new();
        for r in rules {
            let (s, o) = r.expect.split_once('>').unwrap_or((&r.expect, ""));
            let link = |t: &crate::model::Triple| t.rule == "link" && t.subject.name == s && t.object.name == o;
            let got = run(&r.positive);
            if !got.iter().any(link) {
                let seen: Vec<String> = got
                    .iter()
                    .map(|t| format!("{} -{}-> {} ({})", t.subject.name, t.predicate, t.object.name, t.rule))
                    .collect();
                failures.push(format!(
                    "links.tsv:{}: positive {:?} should link {s} to {o}; got {seen:?}",
                    r.line, r.positive
                ));
            }
            if run(&r.negative).iter().any(link) {
                failures.push(format!("links.tsv:{}: negative {:?} links {s} to {o}", r.line, r.negative));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
