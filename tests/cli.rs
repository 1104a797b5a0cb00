//! Integration tests: the real `geokg` binary on fixtures written for these
//! tests, in temporary directories.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_geokg"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.join("corpus").is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared is not here (a fresh clone has no shared corpus)");
        None
    }
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run geokg");
    if !out.status.success() {
        eprintln!("stderr: {}", String::from_utf8_lossy(&out.stderr));
    }
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn jsonl(out: &Output) -> Vec<serde_json::Value> {
    stdout(out).lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
}

fn has_triple(triples: &[serde_json::Value], s: &str, cat: &str, o: &str) -> bool {
    triples.iter().any(|t| {
        let sn = t["subject"]["name"].as_str().unwrap_or("");
        let on = t["object"]["name"].as_str().unwrap_or("");
        t["category"] == cat && ((sn.contains(s) && on.contains(o)) || (t["symmetric"] == true && sn.contains(o) && on.contains(s)))
    })
}

fn build(tmp: &Path, inputs: &[PathBuf], name: &str) -> PathBuf {
    let out = tmp.join(name);
    let o = run(bin().arg("build").args(inputs).arg("-o").arg(&out).args(["--date", "2025-02-10"]));
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    out
}

#[test]
fn extract_jsonl_has_the_contract_fields() {
    let o = run(bin().args(["extract", "--date", "2025-02-10"]).arg(fixture("summit.txt")));
    assert!(o.status.success());
    let triples = jsonl(&o);
    assert!(!triples.is_empty());
    for t in &triples {
        for k in ["subject", "predicate", "category", "object", "evidence", "date", "negated", "modality", "attribution", "confidence", "rule"] {
            assert!(t.get(k).is_some(), "missing {k} in {t}");
        }
        for k in ["id", "name", "type"] {
            assert!(t["subject"].get(k).is_some() && t["object"].get(k).is_some());
        }
        let ev = &t["evidence"];
        let text = std::fs::read_to_string(fixture("summit.txt")).unwrap();
        let (s, e) = (ev["span"][0].as_u64().unwrap() as usize, ev["span"][1].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], ev["text"].as_str().unwrap(), "span points at the sentence");
        assert!(ev["doc"] == "summit");
    }
    assert!(has_triple(&triples, "Shigeru Ishiba", "LEADER_OF", "Japan"));
    assert!(has_triple(&triples, "Shigeru Ishiba", "CONSULT", "Donald Trump"));
    assert!(has_triple(&triples, "Donald Trump", "SUPPORT", "Japan"));
}

#[test]
fn extract_tsv_and_text_formats() {
    let o = run(bin().args(["extract", "--format", "tsv"]).arg(fixture("summit.txt")));
    assert!(o.status.success());
    for line in stdout(&o).lines() {
        assert_eq!(line.split('\t').count(), 10, "{line}");
    }
    let o = run(bin().args(["extract", "--format", "text"]).arg(fixture("summit.txt")));
    assert!(stdout(&o).contains("-met->"), "{}", stdout(&o));
}

#[test]
fn extract_reads_jsonl_stdin_and_directories() {
    let o = run(bin().arg("extract").arg(fixture("news.jsonl")));
    let docs: std::collections::BTreeSet<String> = jsonl(&o).iter().map(|t| t["evidence"]["doc"].as_str().unwrap().to_string()).collect();
    assert!(docs.contains("n1") && docs.contains("n3"), "{docs:?}");
    let mut child = bin().args(["extract", "-", "--format", "tsv"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"Russia attacked Ukraine on Monday.\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(stdout(&o).contains("Russia\tattacked\tASSAULT\tUkraine"), "{}", stdout(&o));
    let o = run(bin().arg("extract").arg(fixture("")));
    assert!(o.status.success());
    assert!(jsonl(&o).len() >= 3);
}

#[test]
fn mentions_carry_canonical_names_and_byte_spans() {
    let o = run(bin().args(["extract", "--mentions"]).arg(fixture("summit.txt")));
    let ms = jsonl(&o);
    let text = std::fs::read_to_string(fixture("summit.txt")).unwrap();
    let japanese = ms.iter().find(|m| m["text"] == "Japanese").expect("a mention of Japanese");
    assert_eq!(japanese["name"], "Japan");
    assert_eq!(japanese["id"], "country:JPN");
    for m in &ms {
        let (s, e) = (m["span"][0].as_u64().unwrap() as usize, m["span"][1].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], m["text"].as_str().unwrap());
    }
}

#[test]
fn build_neighbors_and_stats() {
    let tmp = tempfile::tempdir().unwrap();
    let g = build(tmp.path(), &[fixture("summit.txt"), fixture("news.jsonl")], "g.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
    assert_eq!(v["format"], "geokg-graph");
    assert_eq!(v["version"], 1);
    assert_eq!(v["documents"].as_array().unwrap().len(), 4);
    assert!(v["documents"][0]["sha256"].as_str().unwrap().len() == 64);
    let o = run(bin().arg("neighbors").arg(&g).arg("japan"));
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("Shigeru Ishiba") && text.contains("LEADER_OF"), "{text}");
    let o = run(bin().arg("neighbors").arg(&g).args(["Trump", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rels = v["relations"].as_array().unwrap();
    assert!(rels.iter().all(|r| r["evidence"]["text"].is_string() && r["count"].as_u64().unwrap() >= 1));
    let o = run(bin().arg("neighbors").arg(&g).args(["Russia", "--category", "COOPERATE"]));
    assert_eq!(o.status.code(), Some(1), "a query that finds nothing exits 1");
    let o = run(bin().arg("neighbors").arg(&g).arg("Atlantis"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no entity matches"), "{}", stderr(&o));
    let o = run(bin().arg("stats").arg(&g));
    assert!(stdout(&o).contains("documents  4"), "{}", stdout(&o));
}

#[test]
fn merge_laws_hold_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let a = build(t, &[fixture("summit.txt")], "a.json");
    let b = build(t, &[fixture("news.jsonl")], "b.json");
    let both = build(t, &[fixture("summit.txt"), fixture("news.jsonl")], "both.json");
    let merge = |inputs: &[&Path], out: &str| {
        let p = t.join(out);
        let o = run(bin().arg("merge").args(inputs).arg("-o").arg(&p));
        assert!(o.status.success());
        std::fs::read(&p).unwrap()
    };
    let ab = merge(&[&a, &b], "ab.json");
    let ba = merge(&[&b, &a], "ba.json");
    assert_eq!(ab, ba, "merge is commutative");
    assert_eq!(merge(&[&a, &a], "aa.json"), std::fs::read(&a).unwrap(), "merge is idempotent");
    assert_eq!(ab, std::fs::read(&both).unwrap(), "merging single builds equals building together");
    // -o may be an input.
    let o = run(bin().arg("merge").arg(&a).arg(&b).arg("-o").arg(&a));
    assert!(o.status.success());
    assert_eq!(std::fs::read(&a).unwrap(), ab);
}

#[test]
fn render_dot_and_svg_without_graphviz_on_path() {
    let tmp = tempfile::tempdir().unwrap();
    let g = build(tmp.path(), &[fixture("summit.txt")], "g.json");
    let dot = tmp.path().join("g.dot");
    let o = run(bin().arg("render").arg(&g).arg("-o").arg(&dot));
    assert!(o.status.success());
    let text = std::fs::read_to_string(&dot).unwrap();
    assert!(text.starts_with("digraph") && text.contains("Shigeru Ishiba"));
    let svg = tmp.path().join("g.svg");
    let o = run(bin().arg("render").arg(&g).arg("-o").arg(&svg).args(["--focus", "Japan"]).env("PATH", tmp.path()));
    assert!(o.status.success());
    assert!(stderr(&o).contains("graphviz-pure"), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&svg).unwrap();
    let opts = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(&svg, opts).expect("SVG parses as XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert!(svg.contains("Japan"));
}

#[test]
fn errors_name_the_file_and_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(bin().args(["extract", "no/such/file.txt"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/file.txt"), "{}", stderr(&o));
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, "{\"format\": \"geokg-graph\", \"version\": 1, \"documents\": [").unwrap();
    let o = run(bin().arg("stats").arg(&bad));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.json") && stderr(&o).contains("truncated"), "{}", stderr(&o));
    let other = tmp.path().join("other.json");
    std::fs::write(&other, "{\"format\": \"something\", \"version\": 1, \"documents\": [], \"entities\": [], \"relations\": []}").unwrap();
    let o = run(bin().arg("neighbors").arg(&other).arg("x"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("other.json") && stderr(&o).contains("not a geokg graph"), "{}", stderr(&o));
    let newer = tmp.path().join("newer.json");
    std::fs::write(&newer, "{\"format\": \"geokg-graph\", \"version\": 99, \"documents\": [], \"entities\": [], \"relations\": []}").unwrap();
    let o = run(bin().arg("stats").arg(&newer));
    assert!(stderr(&o).contains("newer"), "{}", stderr(&o));
    let out = tmp.path().join("never.json");
    let o = run(bin().arg("merge").arg(&bad).arg("-o").arg(&out));
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists(), "nothing is written on error");
}

#[test]
fn demo_writes_the_three_files() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(bin().arg("demo").arg("-o").arg(tmp.path()));
    assert!(o.status.success(), "{}", stderr(&o));
    for f in ["demo.json", "demo.dot", "demo.svg"] {
        assert!(tmp.path().join(f).metadata().unwrap().len() > 100, "{f}");
    }
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = [fixture("summit.txt"), fixture("news.jsonl")];
    let one = run(bin().arg("extract").args(&inputs).args(["--jobs", "1"]));
    let two = run(bin().arg("extract").args(&inputs).args(["--jobs", "2"]));
    assert_eq!(one.stdout, two.stdout);
    let a = tmp.path().join("a.json");
    let b = tmp.path().join("b.json");
    run(bin().arg("build").args(&inputs).arg("-o").arg(&a).args(["--jobs", "1"]));
    run(bin().arg("build").args(&inputs).arg("-o").arg(&b).args(["--jobs", "2"]));
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}

#[test]
fn closed_stdout_pipe_is_not_an_error() {
    let mut child = bin().arg("extract").arg(fixture("news.jsonl")).arg(fixture("summit.txt")).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

/// Issue 2: on the seed article, Kellogg met Lukashenko and Russia deploys
/// in Belarus, each with its evidence sentence.
#[test]
fn issue_2_seed_article_key_relations() {
    let Some(shared) = shared() else { return };
    let o = run(bin().arg("extract").arg(shared.join("corpus/seed/000_a83012862aeac482.txt")).args(["--date", "2025-06-21"]));
    let triples = jsonl(&o);
    assert!(has_triple(&triples, "Kellogg", "CONSULT", "Lukashenko"));
    assert!(has_triple(&triples, "Russia", "MOBILIZE", "Belarus"));
    for t in &triples {
        assert!(!t["evidence"]["text"].as_str().unwrap().is_empty());
    }
}
