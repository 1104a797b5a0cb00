//! Atomic writes: every file geokg writes (graph files, diagrams, exports)
//! goes through here, so that a reader never sees half a file and a failed
//! or killed run leaves the old file as it was.
//!
//! A file is written to a hidden temporary beside its target, flushed to
//! disk and renamed over the target. The target keeps its permissions, a
//! symbolic link is written through to the file it points at, and the
//! temporaries of earlier killed runs are removed on the next success.
//! Several files that belong together (the Neo4j export) are written into a
//! temporary directory and moved into the target directory only when all of
//! them are complete.

use crate::error::{Error, Result};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// The longest file name most file systems allow, in bytes.
const NAME_MAX: usize = 255;

/// Writes `path` atomically with `write`.
pub fn write_file(path: &Path, write: impl FnOnce(&mut BufWriter<std::fs::File>) -> std::io::Result<()>) -> Result<()> {
    let target = through_links(path);
    let existing = std::fs::metadata(&target).ok();
    if let Some(m) = &existing {
        if m.is_dir() {
            return Err(Error::io(path, std::io::Error::other("is a directory")));
        }
        if m.permissions().readonly() {
            return Err(Error::Usage(format!("{}: the file is read-only; not overwritten", path.display())));
        }
    }
    let (dir, stem) = temp_parts(&target);
    let tmp = dir.join(format!("{stem}{}", std::process::id()));
    register(&tmp);
    let result = (|| -> std::io::Result<()> {
        let f = std::fs::File::create(&tmp)?;
        let mut w = BufWriter::with_capacity(1 << 20, f);
        write(&mut w)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        // The new file gets the old one's permissions: a private graph
        // (0600) stays private when it is rewritten.
        if let Some(m) = &existing {
            f.set_permissions(m.permissions())?;
        }
        f.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    unregister(&tmp);
    result.map_err(|e| Error::io(path, e))?;
    remove_stale(&dir, &stem);
    Ok(())
}

/// Writes a set of files into `dir` (the Neo4j export) so that a failure
/// never mixes old and new files: `write` fills a hidden temporary
/// directory inside `dir`, and only when every file is complete on disk are
/// they moved into place, one rename each. Other files in `dir` are left
/// alone, and so is the directory itself (its mode, a link to it). Returns
/// the paths written, inside `dir`.
pub fn write_dir(dir: &Path, write: impl FnOnce(&Path) -> Result<Vec<PathBuf>>) -> Result<Vec<PathBuf>> {
    let target = through_links(dir);
    if let Ok(m) = std::fs::metadata(&target) {
        if !m.is_dir() {
            return Err(Error::io(dir, std::io::Error::other("exists and is not a directory")));
        }
    }
    std::fs::create_dir_all(&target).map_err(|e| Error::io(dir, e))?;
    const STEM: &str = ".geokg-set.tmp-";
    let tmp = target.join(format!("{STEM}{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    register(&tmp);
    std::fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let result = write(&tmp).and_then(|written| {
        let mut placed = Vec::with_capacity(written.len());
        for p in &written {
            let name = p.file_name().ok_or_else(|| Error::io(p, std::io::Error::other("no file name")))?;
            let to = target.join(name);
            std::fs::rename(p, &to).map_err(|e| Error::io(&to, e))?;
            placed.push(dir.join(name));
        }
        Ok(placed)
    });
    let _ = std::fs::remove_dir_all(&tmp);
    unregister(&tmp);
    if result.is_ok() {
        remove_stale(&target, STEM);
    }
    result
}

/// The temporaries being written now, so that an interrupt can remove them
/// (`remove_temporaries`) before the process exits.
static IN_PROGRESS: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn register(p: &Path) {
    if let Ok(mut v) = IN_PROGRESS.lock() {
        v.push(p.to_path_buf());
    }
}

fn unregister(p: &Path) {
    if let Ok(mut v) = IN_PROGRESS.lock() {
        v.retain(|q| q != p);
    }
}

/// Removes the temporaries of writes still in progress: for a process that
/// is about to exit on Ctrl-C, so that "nothing was written" holds.
pub fn remove_temporaries() {
    if let Ok(v) = IN_PROGRESS.lock() {
        for p in v.iter() {
            let _ = if p.is_dir() {
                std::fs::remove_dir_all(p)
            } else {
                std::fs::remove_file(p)
            };
        }
    }
}

/// Refuses to write over one of a command's inputs: `build corpus.jsonl
/// -o corpus.jsonl` would replace the corpus with the graph. Paths are
/// compared by the file they name (links and `./` resolved).
pub fn refuse_overwriting_input(output: &Path, inputs: &[PathBuf], what: &str) -> Result<()> {
    let Ok(out) = std::fs::canonicalize(output) else {
        // The output does not exist yet, so it is no input.
        return Ok(());
    };
    for i in inputs {
        if i.as_os_str() == "-" {
            continue;
        }
        if std::fs::canonicalize(i).is_ok_and(|inp| inp == out) {
            return Err(Error::Usage(format!(
                "-o {} is the {what} {}; writing it would destroy the input (choose another output file)",
                output.display(),
                i.display()
            )));
        }
    }
    Ok(())
}

/// The file a path names once symbolic links are followed, so that writing
/// to a link updates the file it points at rather than replacing the link.
fn through_links(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    // A bounded walk: a link loop is left to the write to report.
    for _ in 0..40 {
        match std::fs::read_link(&p) {
            Ok(next) => {
                p = match p.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                }
            }
            Err(_) => break,
        }
    }
    p
}

/// The directory of a target and the prefix of its temporaries,
/// `.NAME.tmp-`, with NAME shortened (and made unique by a hash) when the
/// whole would exceed the longest file name.
fn temp_parts(target: &Path) -> (PathBuf, String) {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    // Room for ".", ".tmp-", a process id, "-old" and a hash.
    const ROOM: usize = NAME_MAX - 40;
    let short = crate::terminal::shorten_with_hash(&name, ROOM);
    (dir, format!(".{short}.tmp-"))
}

/// Removes the temporaries of this target that killed runs left behind:
/// those whose process no longer runs. Without a process table to ask
/// (not Linux), nothing is removed.
fn remove_stale(dir: &Path, stem: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(stem) else { continue };
        let pid = rest.strip_suffix("-old").unwrap_or(rest);
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if pid == std::process::id().to_string() || Path::new("/proc").join(pid).exists() {
            continue;
        }
        let p = e.path();
        let _ = if p.is_dir() {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_rewritten_file_keeps_its_mode_and_its_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        write_file(&link, |w| w.write_all(b"new")).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn stale_temporaries_of_dead_runs_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("g.json");
        // No process has id 4194304 or more (Linux's pid_max bound).
        let stale = dir.path().join(".g.json.tmp-4194399");
        std::fs::write(&stale, "partial").unwrap();
        let other = dir.path().join(".h.json.tmp-4194399");
        std::fs::write(&other, "someone else's").unwrap();
        write_file(&target, |w| w.write_all(b"{}")).unwrap();
        assert!(!stale.exists());
        assert!(other.exists(), "only this target's temporaries are touched");
    }

    #[test]
    fn long_names_get_a_temporary_that_fits() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join(format!("{}.json", "a".repeat(245)));
        write_file(&target, |w| w.write_all(b"{}")).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "{}");
    }

    #[test]
    fn a_set_of_files_is_written_whole_or_not_at_all_and_other_files_stay() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("neo");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("nodes.csv"), "old").unwrap();
        std::fs::write(out.join("relations.csv"), "old").unwrap();
        // A file of the user's in the same directory survives every export.
        std::fs::write(out.join("keep.txt"), "mine").unwrap();
        let failed = write_dir(&out, |tmp| {
            std::fs::write(tmp.join("nodes.csv"), "new").unwrap();
            Err(Error::Usage("disk full".into()))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(out.join("nodes.csv")).unwrap(), "old");
        let written = write_dir(&out, |tmp| {
            std::fs::write(tmp.join("nodes.csv"), "new").unwrap();
            std::fs::write(tmp.join("relations.csv"), "new").unwrap();
            Ok(vec![tmp.join("nodes.csv"), tmp.join("relations.csv")])
        })
        .unwrap();
        assert_eq!(written, vec![out.join("nodes.csv"), out.join("relations.csv")]);
        assert_eq!(std::fs::read_to_string(out.join("relations.csv")).unwrap(), "new");
        let left: Vec<_> = std::fs::read_dir(&out).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(left.len(), 3, "no temporaries left, the other file kept: {left:?}");
        assert_eq!(std::fs::read_to_string(out.join("keep.txt")).unwrap(), "mine");
    }

    #[test]
    fn an_input_is_never_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("c.jsonl");
        std::fs::write(&corpus, "{}").unwrap();
        let same = dir.path().join(".").join("c.jsonl");
        assert!(refuse_overwriting_input(&same, std::slice::from_ref(&corpus), "input").is_err());
        assert!(refuse_overwriting_input(&dir.path().join("new.json"), &[corpus], "input").is_ok());
    }
}
