//! The README's examples are tests: every `console` block of README.md runs
//! here, in order, in one scratch directory holding a copy of
//! `tests/fixtures`, with the built `geokg` first on PATH, and must print
//! what the README shows.
//!
//! A block is a series of `$ command` lines, each followed by the output it
//! shows (stdout and stderr together, as a terminal shows them). Commands
//! run in `sh`, so pipes and `; echo $?` work. In the shown output, a line
//! that is only `…` (or `...`) stands for any number of lines, and `…` (or
//! `[..]`) inside a line stands for any text. A command that exits non-zero
//! fails the test unless its block shows the exit status.

use super::*;

/// One `$ command` and the output the README shows for it.
struct Example {
    line: usize,
    command: String,
    expected: Vec<String>,
}

fn examples(readme: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut in_console = false;
    for (n, line) in readme.lines().enumerate() {
        let trimmed = line.trim_end();
        if !in_console {
            in_console = trimmed == "```console";
            continue;
        }
        if trimmed.starts_with("```") {
            in_console = false;
            continue;
        }
        if let Some(cmd) = trimmed.strip_prefix("$ ") {
            out.push(Example {
                line: n + 1,
                command: cmd.to_string(),
                expected: Vec::new(),
            });
        } else if let Some(ex) = out.last_mut() {
            ex.expected.push(trimmed.to_string());
        }
    }
    out
}

fn is_gap(line: &str) -> bool {
    matches!(line.trim(), "…" | "...")
}

/// Whether one shown line matches one printed line, `…` and `[..]`
/// standing for any text.
fn line_matches(pattern: &str, actual: &str) -> bool {
    let pattern = pattern.replace("[..]", "…");
    let parts: Vec<&str> = pattern.split('…').collect();
    if parts.len() == 1 {
        return pattern == actual;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !actual.starts_with(first) || !actual[first.len()..].ends_with(last) || actual.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &actual[first.len()..actual.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// Whether the shown lines match the printed lines, gap lines standing for
/// any number of lines.
fn lines_match(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((e, rest)) if is_gap(e) => (0..=actual.len()).any(|k| lines_match(rest, &actual[k..])),
        Some((e, rest)) => actual
            .split_first()
            .is_some_and(|(a, more)| line_matches(e, a) && lines_match(rest, more)),
    }
}

#[test]
fn readme_console_examples_print_what_the_readme_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(examples.len() >= 20, "the README has its tour");
    let scratch = tempfile::tempdir().unwrap();
    std::fs::create_dir(scratch.path().join("tests")).unwrap();
    let copied = Command::new("cp")
        .arg("-r")
        .arg(root.join("tests/fixtures"))
        .arg(scratch.path().join("tests/"))
        .status()
        .unwrap();
    assert!(copied.success());
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_geokg")).parent().unwrap().to_path_buf();
    let path =
        std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()))).unwrap();
    let mut failures = Vec::new();
    for ex in &examples {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("exec 2>&1\n{}", ex.command))
            .current_dir(scratch.path())
            .env("PATH", &path)
            .env("COLUMNS", "200")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let actual: Vec<&str> = text.lines().map(str::trim_end).collect();
        let shows_status = ex.command.contains("$?");
        // A blank line between two commands of a block is not output.
        let mut expected = ex.expected.clone();
        while expected.last().is_some_and(|l| l.is_empty()) {
            expected.pop();
        }
        let ok = lines_match(&expected, &actual) && (out.status.success() || shows_status);
        if !ok {
            failures.push(format!(
                "README.md:{}: $ {}\n--- the README shows\n{}\n--- geokg printed (exit {:?})\n{}\n",
                ex.line,
                ex.command,
                ex.expected.join("\n"),
                out.status.code(),
                actual.join("\n")
            ));
        }
    }
    let left_in_repo: Vec<String> = ["graph.json", "a.json", "b.json", "ab.json", "japan.svg"]
        .iter()
        .filter(|f| root.join(f).exists())
        .map(|f| f.to_string())
        .collect();
    assert!(left_in_repo.is_empty(), "the tour wrote into the repository: {left_in_repo:?}");
    assert!(
        failures.is_empty(),
        "{} README examples differ:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn readme_patterns_match_as_documented() {
    assert!(line_matches("a … z", "a b c z"));
    assert!(line_matches("geokg: wrote …", "geokg: wrote x.svg"));
    assert!(line_matches("x [..] y", "x 1 2 y"));
    assert!(!line_matches("a … z", "a b c"));
    assert!(!line_matches("abc", "abd"));
    let e = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(lines_match(&e(&["a", "…", "d"]), &["a", "b", "c", "d"]));
    assert!(lines_match(&e(&["a", "…"]), &["a"]));
    assert!(!lines_match(&e(&["a", "d"]), &["a", "b", "d"]));
}
