//! Issue 17: PETRARCH dictionaries read whole. A CAMEO verb dictionary
//! passed with `--verbs` adds verbs to the grammar; `dict check` reads
//! verb, agents and actor dictionaries, and the public files in
//! `../shared/dictionaries` load without an error.

use super::*;

/// A verb dictionary written for these tests: two verbs the built-in
/// lexicon lacks, a pattern the grammar can express and two it cannot.
const MY_VERBS: &str = "# verbs for the tests\n\
&ENVOY\n\
+EMISSARY\n\
\n\
---  PARLEY   [040]  ---\n\
PARLEY\n\
- * (WITH)                  [040:040]  # talks\n\
- PROSECUTOR *              [173]\n\
- * {LONG TALKS}            [046]\n\
\n\
---  PUMMEL   [190]  ---\n\
PUMMEL {PUMMELS PUMMELLED PUMMELLING}\n";

#[test]
fn issue_17_extract_with_my_verbs_codes_a_verb_the_lexicon_lacks() {
    let tmp = tempfile::tempdir().unwrap();
    let verbs = write(tmp.path(), "mine.txt", MY_VERBS.as_bytes());
    let text = write(
        tmp.path(),
        "a.txt",
        b"Norway parleyed with Sweden on Monday. Germany pummelled France.",
    );
    let o = run(bin().arg("extract").arg(&text).arg("--verbs").arg(&verbs));
    assert!(o.status.success(), "{}", stderr(&o));
    let triples = jsonl(&o);
    assert!(has_triple(&triples, "Norway", "CONSULT", "Sweden"), "{}", stdout(&o));
    assert!(
        triples.iter().any(|t| t["predicate"] == "parleyed-with" && t["symmetric"] == true),
        "{}",
        stdout(&o)
    );
    assert!(has_triple(&triples, "Germany", "ASSAULT", "France"), "{}", stdout(&o));
    // The two patterns the grammar cannot express are reported once.
    let err = stderr(&o);
    assert_eq!(err.matches("cannot be expressed").count(), 1, "{err}");
    assert!(err.contains("2 of 3 patterns"), "{err}");
    // Without --verbs the verbs are unknown.
    let o = run(bin().arg("extract").arg(&text));
    assert!(!has_triple(&jsonl(&o), "Norway", "CONSULT", "Sweden"), "{}", stdout(&o));
    // explain and build take the flag too.
    let o = run(bin().arg("explain").arg(&text).arg("--verbs").arg(&verbs));
    assert!(stdout(&o).contains("parleyed-with"), "{}", stdout(&o));
    let g = tmp.path().join("g.json");
    let o = run(bin().arg("build").arg(&text).arg("--verbs").arg(&verbs).arg("-o").arg(&g));
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn issue_17_dict_check_reads_verb_and_agents_dictionaries() {
    let tmp = tempfile::tempdir().unwrap();
    let verbs = write(tmp.path(), "mine.txt", MY_VERBS.as_bytes());
    let o = run(bin().args(["dict", "check"]).arg(&verbs));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("PETRARCH verb format, 2 verb blocks with 2 verbs"), "{out}");
    assert!(out.contains("1 synonym set, 3 patterns: 1 expressed"), "{out}");
    assert!(out.contains("0 errors"), "{out}");
    let bad = write(tmp.path(), "bad.txt", b"---  PARLEY   [040]  ---\nPARLEY\n- * (WITH)\n");
    let o = run(bin().args(["dict", "check"]).arg(&bad));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.txt:3: pattern without a code"), "{}", stderr(&o));
    // The same file is refused as an actor dictionary, and an actor file
    // as a verb dictionary.
    let o = run(bin().arg("extract").arg(&bad).arg("--dict").arg(&verbs));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("pass it with --verbs"), "{}", stderr(&o));
    let actors = write(tmp.path(), "actors.tsv", b"Ana Kovac\tPERSON\n");
    let o = run(bin().arg("extract").arg(&bad).arg("--verbs").arg(&actors));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not a verb dictionary"), "{}", stderr(&o));
    // Agents: macros, plurals and codes.
    let agents = write(
        tmp.path(),
        "agents.txt",
        b"!HAND! = WORKER, HAND\nDOCK_!HAND! [~LAB]\nSHEPHERD [~AGR]\n",
    );
    let o = run(bin().args(["dict", "check"]).arg(&agents));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("PETRARCH agents format, 3 agents (6 forms), 0 errors"),
        "{}",
        stdout(&o)
    );
    // An agent acts for its owner: "Dutch shepherds" is the Netherlands.
    let text = write(tmp.path(), "s.txt", b"Dutch shepherds protested against Germany on Monday.");
    let o = run(bin().arg("extract").arg(&text));
    assert!(!has_triple(&jsonl(&o), "Netherlands", "PROTEST", "Germany"), "{}", stdout(&o));
    let o = run(bin().arg("extract").arg(&text).arg("--dict").arg(&agents));
    assert!(has_triple(&jsonl(&o), "Netherlands", "PROTEST", "Germany"), "{}", stdout(&o));
}

#[test]
fn issue_17_the_public_petrarch_dictionaries_load_without_errors() {
    let Some(shared) = shared("issue_17_the_public_petrarch_dictionaries_load_without_errors") else {
        return;
    };
    let dir = shared.join("dictionaries");
    for (file, format) in [
        ("CAMEO.2.0.txt", "PETRARCH verb format"),
        ("Phoenix.Countries.actors.txt", "PETRARCH/Phoenix format"),
        ("Phoenix.International.actors.txt", "PETRARCH/Phoenix format"),
        ("Phoenix.MilNonState.actors.txt", "PETRARCH/Phoenix format"),
        ("Phoenix.agents.txt", "PETRARCH agents format"),
    ] {
        let o = run(bin().args(["dict", "check"]).arg(dir.join(file)));
        assert!(o.status.success(), "{file}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains(format) && out.contains(", 0 errors,"), "{file}: {out}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let text = write(tmp.path(), "a.txt", b"Russia rushed humanitarian aid to Syria on Monday.");
    let o = run(bin()
        .arg("extract")
        .arg(&text)
        .arg("--verbs")
        .arg(dir.join("CAMEO.2.0.txt"))
        .arg("--dict")
        .arg(dir.join("Phoenix.agents.txt"))
        .arg("--dict")
        .arg(dir.join("Phoenix.International.actors.txt")));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(has_triple(&jsonl(&o), "Russia", "AID", "Syria"), "{}", stdout(&o));
    assert!(stderr(&o).contains("cannot be expressed by the verb grammar"), "{}", stderr(&o));
}
