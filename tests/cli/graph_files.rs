//! Binary graph files (`.geokg`) beside JSON ones, and adding documents to
//! an existing graph with `build --into`.

use super::*;

const ARTICLES: [&str; 4] = [
    "Russia attacked Ukraine with drones on Monday.",
    "Japanese Prime Minister Shigeru Ishiba met Donald Trump in Washington.",
    "India accused China of violating the border agreement.",
    "Russia attacked Ukraine again on Friday, officials said.",
];

fn articles(t: &Path) -> Vec<PathBuf> {
    ARTICLES
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let p = t.join(format!("a{i}.txt"));
            std::fs::write(&p, s).unwrap();
            p
        })
        .collect()
}

#[test]
fn binary_graph_files_hold_what_json_ones_do_and_every_command_reads_them() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let inputs = articles(t);
    let json = build(t, &inputs, "g.json");
    let bin_file = build(t, &inputs, "g.geokg");
    assert!(std::fs::read(&bin_file).unwrap().starts_with(b"\x89GEOKG\r\n"));
    // Merging the binary file alone writes the JSON file a build wrote.
    let back = t.join("back.json");
    let o = run(bin().arg("merge").arg(&bin_file).arg("-o").arg(&back));
    assert!(o.status.success());
    assert_eq!(std::fs::read(&back).unwrap(), std::fs::read(&json).unwrap());
    // And JSON to binary to JSON again.
    let again = t.join("again.geokg");
    run(bin().arg("merge").arg(&json).arg("-o").arg(&again));
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&bin_file).unwrap());
    for args in [
        vec!["neighbors", "", "Russia", "--format", "json"],
        vec!["stats", "", "--format", "json"],
        vec!["top", ""],
        vec!["timeline", "", "Russia", "Ukraine"],
    ] {
        let answer = |g: &Path| {
            let mut c = bin();
            for a in &args {
                if a.is_empty() {
                    c.arg(g);
                } else {
                    c.arg(a);
                }
            }
            let o = run(&mut c);
            assert!(matches!(o.status.code(), Some(0 | 1)), "{args:?}: {}", stderr(&o));
            (o.status.code(), stdout(&o))
        };
        assert_eq!(answer(&bin_file), answer(&json), "{args:?}");
    }
}

#[test]
fn binary_files_of_version_1_still_load_and_are_written_as_version_2() {
    // `graph-v1.geokg` was written by geokg before the atom table, from
    // the news and terms fixtures; `graph-v1.json` is its JSON twin.
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let (from_binary, from_json) = (t.join("a.json"), t.join("b.json"));
    for (input, output) in [("graph-v1.geokg", &from_binary), ("graph-v1.json", &from_json)] {
        let o = run(bin().arg("merge").arg(fixture(input)).arg("-o").arg(output));
        assert!(o.status.success(), "{input}: {}", stderr(&o));
    }
    assert_eq!(std::fs::read(&from_binary).unwrap(), std::fs::read(&from_json).unwrap());
    // Written again, it is a version-2 file that reads back to the same graph.
    let v2 = t.join("v2.geokg");
    run(bin().arg("merge").arg(fixture("graph-v1.geokg")).arg("-o").arg(&v2));
    let bytes = std::fs::read(&v2).unwrap();
    assert_eq!(&bytes[8..12], &2u32.to_le_bytes());
    assert!(bytes.len() < std::fs::read(fixture("graph-v1.geokg")).unwrap().len());
    let back = t.join("c.json");
    run(bin().arg("merge").arg(&v2).arg("-o").arg(&back));
    assert_eq!(std::fs::read(&back).unwrap(), std::fs::read(&from_json).unwrap());
}

/// The error a graph command gives for a file, with its exit code; the
/// message is one line, lowercase after the file name, with no trailing
/// period, as every error is.
fn refusal(g: &Path) -> (Option<i32>, String) {
    let o = run(bin().arg("stats").arg(g));
    let err = stderr(&o);
    let message = err.trim_end();
    assert!(!message.ends_with('.'), "no trailing period: {message}");
    let after_name = message.rsplit(": ").next().unwrap_or("");
    assert!(!after_name.starts_with(char::is_uppercase), "lowercase: {message}");
    (o.status.code(), err)
}

#[test]
fn damaged_truncated_foreign_and_newer_binary_files_are_refused_with_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let good = std::fs::read(build(t, &articles(t), "g.geokg")).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = t.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    // A flipped byte in the payload: the checksum catches it.
    let mut flipped = good.clone();
    let last = flipped.len() - 3;
    flipped[last] ^= 0x20;
    let (code, err) = refusal(&write("flipped.geokg", &flipped));
    assert_eq!(code, Some(2));
    assert!(err.contains("flipped.geokg") && err.contains("checksum mismatch"), "{err}");
    // Cut short, in the payload and in the header.
    let (code, err) = refusal(&write("cut.geokg", &good[..good.len() - 10]));
    assert_eq!(code, Some(2));
    assert!(err.contains("cut.geokg") && err.contains("truncated binary graph file"), "{err}");
    let (code, err) = refusal(&write("head.geokg", &good[..20]));
    assert_eq!(code, Some(2));
    assert!(err.contains("head.geokg") && err.contains("truncated binary graph file"), "{err}");
    // Bytes after the payload.
    let mut longer = good.clone();
    longer.extend_from_slice(b"junk");
    let (code, err) = refusal(&write("longer.geokg", &longer));
    assert_eq!(code, Some(2));
    assert!(err.contains("longer.geokg") && err.contains("damaged binary graph file"), "{err}");
    // A newer layout version.
    let mut newer = good.clone();
    newer[8..12].copy_from_slice(&7u32.to_le_bytes());
    let (code, err) = refusal(&write("newer.geokg", &newer));
    assert_eq!(code, Some(2));
    assert!(err.contains("newer.geokg") && err.contains("version 7 is newer"), "{err}");
    // A foreign binary file.
    let (code, err) = refusal(&write("foreign.geokg", b"PK\x03\x04 a zip file"));
    assert_eq!(code, Some(2));
    assert!(err.contains("foreign.geokg") && err.contains("not a geokg graph file"), "{err}");
}

#[test]
fn building_into_an_existing_graph_equals_a_full_rebuild_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let inputs = articles(t);
    let full = build(t, &inputs, "full.json");
    for first in ["part.json", "part.geokg"] {
        let part = build(t, &inputs[..2], first);
        let o = run(bin()
            .arg("build")
            .arg("--into")
            .arg(&part)
            .args(&inputs[2..])
            .args(["--date", "2025-02-10"]));
        assert!(o.status.success(), "{}", stderr(&o));
        // Written in place, in the file's own format; as JSON it is the rebuild.
        let json = t.join(format!("{first}.json"));
        run(bin().arg("merge").arg(&part).arg("-o").arg(&json));
        assert_eq!(std::fs::read(&json).unwrap(), std::fs::read(&full).unwrap(), "{first}");
    }
    // With -o the existing file stays as it was.
    let part = build(t, &inputs[..1], "one.json");
    let before = std::fs::read(&part).unwrap();
    let out = t.join("rest.json");
    let o = run(bin()
        .arg("build")
        .arg("--into")
        .arg(&part)
        .args(&inputs[1..])
        .arg("-o")
        .arg(&out)
        .args(["--date", "2025-02-10"]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&part).unwrap(), before);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&full).unwrap());
}
