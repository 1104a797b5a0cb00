//! Tests of the syntax stage on sentences written for them.

use super::conllu;
use super::parser::{projectivize, State};

/// Projective trees written for this test, in CoNLL-U.
const PROJECTIVE: &str = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_
4\tKyiv\tKyiv\tPROPN\tNNP\t_\t3\tobj\t_\t_
5\ton\ton\tADP\tIN\t_\t6\tcase\t_\t_
6\tMonday\tMonday\tPROPN\tNNP\t_\t3\tobl\t_\t_
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tTalks\ttalk\tNOUN\tNNS\t_\t4\tnsubj:pass\t_\t_
2\twere\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_
3\tnot\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\theld\thold\tVERB\tVBN\t_\t0\troot\t_\t_
5\tbecause\tbecause\tSCONJ\tIN\t_\t8\tmark\t_\t_
6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_
7\tenvoy\tenvoy\tNOUN\tNN\t_\t8\tnsubj\t_\t_
8\tleft\tleave\tVERB\tVBD\t_\t4\tadvcl\t_\t_
9\tearly\tearly\tADV\tRB\t_\t8\tadvmod\t_\t_
10\tand\tand\tCCONJ\tCC\t_\t11\tcc\t_\t_
11\tsaid\tsay\tVERB\tVBD\t_\t8\tconj\t_\t_
12\tnothing\tnothing\tPRON\tNN\t_\t11\tobj\t_\t_
13\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

";

#[test]
fn the_static_oracle_reproduces_projective_gold_trees_at_zero_cost() {
    for b in conllu::parse("test", PROJECTIVE).unwrap() {
        let mut gold = vec![0usize];
        gold.extend(b.words().map(|w| w.head));
        let mut st = State::new(gold.len() - 1);
        let mut steps = 0;
        while !st.terminal() {
            let a = st.static_oracle(&gold);
            assert_eq!(st.costs(&gold)[a], 0, "the oracle's transition must lose no gold arc");
            st.apply(a, 0);
            steps += 1;
        }
        assert_eq!(steps, 2 * (gold.len() - 1));
        assert_eq!(&st.heads[1..], &gold[1..]);
    }
}

#[test]
fn lifting_makes_a_crossing_tree_projective() {
    // "A hearing is scheduled on the issue today": "on the issue" belongs to
    // "hearing" across the verb, which crosses the root arc's span.
    let mut heads = vec![0, 2, 4, 4, 0, 7, 7, 2, 4];
    assert_eq!(projectivize(&mut heads), 1);
    assert_eq!(heads, vec![0, 2, 4, 4, 0, 7, 7, 4, 4]);
}

/// More sentences written for the tests, so that a tiny training run sees
/// every common label at least once.
const MORE: &str = "\
1\tIran\tIran\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tdenied\tdeny\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthat\tthat\tSCONJ\tIN\t_\t6\tmark\t_\t_
4\tits\tits\tPRON\tPRP$\t_\t5\tnmod:poss\t_\t_
5\tmissiles\tmissile\tNOUN\tNNS\t_\t6\tnsubj\t_\t_
6\thit\thit\tVERB\tVBD\t_\t2\tccomp\t_\t_
7\tthe\tthe\tDET\tDT\t_\t8\tdet\t_\t_
8\tjet\tjet\tNOUN\tNN\t_\t6\tobj\t_\t_
9\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tenvoy\tenvoy\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tasked\task\tVERB\tVBD\t_\t0\troot\t_\t_
4\tFrance\tFrance\tPROPN\tNNP\t_\t3\tobj\t_\t_
5\tand\tand\tCCONJ\tCC\t_\t6\tcc\t_\t_
6\tSpain\tSpain\tPROPN\tNNP\t_\t4\tconj\t_\t_
7\tto\tto\tPART\tTO\t_\t8\tmark\t_\t_
8\tsend\tsend\tVERB\tVB\t_\t3\txcomp\t_\t_
9\tnew\tnew\tADJ\tJJ\t_\t10\tamod\t_\t_
10\ttroops\ttroop\tNOUN\tNNS\t_\t8\tobj\t_\t_
11\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

";

fn sample() -> Vec<conllu::Block> {
    let mut b = conllu::parse("test", PROJECTIVE).unwrap();
    b.extend(conllu::parse("test", MORE).unwrap());
    b
}

#[test]
fn training_is_deterministic_and_the_file_round_trips() {
    let settings = super::train::Settings {
        tagger_epochs: 3,
        parser_epochs: 4,
        folds: 2,
        seed: 7,
        min_weight: 1,
    };
    let a = super::train::train(&sample(), &settings, &mut |_| {});
    let b = super::train::train(&sample(), &settings, &mut |_| {});
    let bytes = a.to_bytes();
    assert!(bytes == b.to_bytes(), "same data and seed must give the same model");
    let back = super::Model::from_bytes("mem", &bytes).unwrap();
    let again = back.to_bytes();
    let first = again.iter().zip(&bytes).position(|(x, y)| x != y);
    let f = first.unwrap_or(0);
    assert!(
        again == bytes,
        "the model file must round-trip; first difference at byte {first:?} of {}: {:?} vs {:?}",
        bytes.len(),
        &bytes[f.saturating_sub(12)..f + 12],
        &again[f.saturating_sub(12)..f + 12]
    );
    // A model that learnt four sentences should at least parse one of them.
    let forms = ["Iran", "denied", "that", "its", "missiles", "hit", "the", "jet", "."];
    assert_eq!(back.analyse(&forms), a.analyse(&forms));
    // Damaged files are errors, not panics.
    for cut in [0, 7, 12, bytes.len() / 2, bytes.len() - 1] {
        assert!(super::Model::from_bytes("cut", &bytes[..cut]).is_err());
    }
}

/// The shipped model, or `None` when this checkout has no model.
fn shipped() -> &'static super::Model {
    super::shipped().expect("the shipped model (src/syntax/model.bin) loads")
}

#[test]
fn the_shipped_model_parses_a_news_sentence() {
    let text = "Russian troops didn't withdraw from the border, the ministry said on Monday.";
    let m = shipped();
    let parses = m.parse_text(text);
    assert_eq!(parses.len(), 1);
    let p = &parses[0];
    let forms: Vec<&str> = p.words.iter().map(|w| w.form.as_str()).collect();
    assert_eq!(
        forms,
        ["Russian", "troops", "did", "n't", "withdraw", "from", "the", "border", ",", "the", "ministry", "said", "on", "Monday", "."]
    );
    for w in &p.words {
        assert_eq!(&text[w.start..w.end], w.form.as_str());
    }
    let head = |i: usize| p.words[i].head.map(|h| p.words[h].form.as_str());
    let label = |i: usize| p.words[i].deprel.as_str();
    // UD English treebanks analyse a reporting clause after the reported
    // one ("..., the ministry said") both ways: the reported verb as the
    // root with the reporting verb its parataxis, or the reporting verb as
    // the root with the reported verb its ccomp. Either is right here.
    let (withdraw, said) = (4, 11);
    let reported = (head(withdraw).is_none() && head(said) == Some("withdraw") && label(said) == "parataxis")
        || (head(said).is_none() && head(withdraw) == Some("said") && label(withdraw) == "ccomp");
    assert!(reported, "{:?}", p.words);
    assert_eq!(head(1), Some("withdraw"));
    assert_eq!(label(1), "nsubj");
    assert_eq!(head(0), Some("troops"));
    assert_eq!(head(2), Some("withdraw"));
    assert_eq!(head(3), Some("withdraw"));
    assert_eq!(head(7), Some("withdraw"));
    assert_eq!(label(7), "obl");
    assert_eq!(head(5), Some("border"));
    assert_eq!(head(10), Some("said"));
    assert_eq!(label(10), "nsubj");
    assert_eq!(head(13), Some("said"));
    assert_eq!(p.words[4].upos, super::Upos::Verb);
    assert_eq!(p.words[2].upos, super::Upos::Aux);
}

/// Headline-style sentences in the present tense ("X arrives in Y") get
/// their verb even where the tagger alone reads the bare form as a noun;
/// a sentence without one, such as a review's fragment, keeps none.
#[test]
fn a_news_sentence_in_the_present_tense_gets_its_verb() {
    let cases = [
        (
            "President Tomas Berg of Norland arrives in Velmora on a state visit.",
            Some("arrives"),
        ),
        ("Seven Norland soldiers die in a helicopter crash.", Some("die")),
        ("A strong earthquake hits the coast of Velmora.", Some("hits")),
        ("Great food and very friendly staff.", None),
    ];
    for (text, verb) in cases {
        let parses = shipped().parse_text(text);
        let verbs: Vec<&str> = parses[0]
            .words
            .iter()
            .filter(|w| matches!(w.upos, super::Upos::Verb | super::Upos::Aux))
            .map(|w| w.form.as_str())
            .collect();
        assert_eq!(verbs, verb.into_iter().collect::<Vec<_>>(), "{text}");
        if let Some(v) = verb {
            let root = parses[0].words.iter().find(|w| w.head.is_none()).map(|w| w.form.as_str());
            assert_eq!(root, Some(v), "{text}");
        }
    }
}

#[test]
fn a_run_on_sentence_is_parsed_in_chunks_in_linear_time() {
    // One line of 20,000 words and no punctuation: one story sentence.
    let text = "Iran and Iraq signed deals ".repeat(4000);
    let t = std::time::Instant::now();
    let parses = shipped().parse_text(&text);
    let elapsed = t.elapsed();
    assert_eq!(parses.len(), 1);
    let p = &parses[0];
    assert!(p.chunked);
    assert_eq!(p.words.len(), 20_000);
    assert_eq!(
        p.words.iter().filter(|w| w.head.is_none()).count(),
        20_000_usize.div_ceil(super::MAX_WORDS)
    );
    // Heads stay inside their chunk.
    for (i, w) in p.words.iter().enumerate() {
        if let Some(h) = w.head {
            assert_eq!(h / super::MAX_WORDS, i / super::MAX_WORDS);
        }
    }
    // About 20 ms at the measured speed; a quadratic parser would take
    // minutes.
    assert!(elapsed.as_secs() < 10, "{elapsed:?}");
}

/// `../shared/ud`, unless it is absent or `GEOKG_NO_SHARED` is set. The
/// same rule and SKIP line as the integration tests' `shared` helper
/// (`tests/cli/main.rs`), which CI counts through `GEOKG_SKIP_LOG`.
fn shared_ud(test: &str) -> Option<std::path::PathBuf> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ud");
    let hidden = std::env::var_os("GEOKG_NO_SHARED").is_some_and(|v| !v.is_empty() && v != "0");
    if hidden || !p.join("en_ewt-dev.conllu").exists() {
        let line = format!("SKIP {test}: ../shared/ud is not here (a fresh clone has no treebanks)");
        eprintln!("{line}");
        if let Some(log) = std::env::var_os("GEOKG_SKIP_LOG") {
            use std::io::Write;
            if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(log) {
                let _ = writeln!(f, "{line}");
            }
        }
        return None;
    }
    Some(p)
}

/// The dev figures recorded in benches/README.md, from its lines such as
/// `parse.en_ewt-dev  gold tokens: UPOS 0.9500, UAS 0.8800, LAS 0.8500`.
fn recorded(file: &str) -> Option<(f64, f64, f64)> {
    let readme = include_str!("../../benches/README.md");
    let line = readme.lines().find(|l| l.trim_start().starts_with(&format!("parse.{file} ")))?;
    let num = |key: &str| -> Option<f64> { line.split(key).nth(1)?.trim().get(..6)?.parse().ok() };
    Some((num("UPOS")?, num("UAS")?, num("LAS")?))
}

#[test]
fn the_shipped_model_scores_what_benches_readme_records_on_the_dev_files() {
    let Some(ud) = shared_ud("the_shipped_model_scores_what_benches_readme_records_on_the_dev_files") else {
        return;
    };
    for file in ["en_ewt-dev", "en_gum-dev"] {
        let (upos, uas, las) = recorded(file).unwrap_or_else(|| panic!("benches/README.md records no parse.{file} line"));
        let blocks = conllu::read(&ud.join(format!("{file}.conllu"))).unwrap();
        let s = super::train::evaluate(shipped(), &blocks);
        // The model is deterministic, so the figures are reproduced to the
        // fourth decimal (rounding allowed).
        for (what, got, want) in [("UPOS", s.upos, upos), ("UAS", s.uas, uas), ("LAS", s.las, las)] {
            assert!(
                (got - want).abs() <= 0.00051,
                "{file} {what}: measured {got:.4}, benches/README.md says {want:.4}"
            );
        }
    }
}

mod properties {
    use proptest::prelude::*;

    fn words() -> impl Strategy<Value = Vec<String>> {
        let pick = prop::sample::select(vec![
            "the", "Iran", "said", ",", ".", "and", "did", "n't", "to", "of", "\"", "(", ")", "U.S.", "1,200", "-", "'s", "was",
            "attacked", "by", "troops", "who",
        ]);
        let any = "\\PC{1,12}";
        prop::collection::vec(prop_oneof![pick.prop_map(String::from), any.prop_map(String::from)], 0..80)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any word sequence gets a tree: one head per word, in range, one
        /// root, and no cycle.
        #[test]
        fn any_words_get_a_tree(ws in words()) {
            let m = super::shipped();
            let forms: Vec<&str> = ws.iter().map(String::as_str).collect();
            let a = m.analyse(&forms);
            prop_assert_eq!(a.heads.len(), forms.len());
            prop_assert_eq!(a.tags.len(), forms.len());
            if !forms.is_empty() {
                prop_assert_eq!(a.heads.iter().filter(|&&h| h == 0).count(), 1);
            }
            for (i, &h) in a.heads.iter().enumerate() {
                prop_assert!(h <= forms.len() && h != i + 1);
                let mut x = i + 1;
                for _ in 0..=forms.len() {
                    if x == 0 { break; }
                    x = a.heads[x - 1];
                }
                prop_assert_eq!(x, 0, "word {} is on a cycle", i + 1);
            }
        }

        /// Arbitrary text never panics, and spans stay on char boundaries.
        #[test]
        fn any_text_parses(text in "\\PC{0,300}") {
            for p in super::shipped().parse_text(&text) {
                for w in &p.words {
                    prop_assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
                    prop_assert!(w.head.is_none_or(|h| h < p.words.len()));
                }
            }
        }
    }
}
