//! The library's error type. Data errors carry the file and line they come
//! from so that a user can fix a table or a graph file by hand.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The cause is part of the message and deliberately not a `source`:
    /// printers that walk the chain of causes would say it twice.
    #[error("{path}: {cause}")]
    Io { path: PathBuf, cause: std::io::Error },
    /// A line of a lexicon, dictionary or input file that cannot be used.
    #[error("{file}:{line}: {message}")]
    Data { file: String, line: usize, message: String },
    /// A graph file that is not a geokg graph or is damaged.
    #[error("{path}: {message}")]
    Graph { path: PathBuf, message: String },
    #[error("no entity matches {query:?}{}", did_you_mean(suggestions))]
    NoSuchEntity { query: String, suggestions: Vec<String> },
    #[error("{query:?} is ambiguous; it could be: {}", candidates.join(", "))]
    AmbiguousEntity { query: String, candidates: Vec<String> },
    #[error("rendering failed: {0}")]
    Render(String),
    #[error("{0}")]
    Usage(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

fn did_you_mean(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        more => format!("; did you mean one of {}?", more.join(", ")),
    }
}

/// Whether an error, or anything it wraps, is a closed output pipe: the
/// reader (`| head`) has what it wanted, which is not a failure. The I/O
/// error may sit inside this crate's error, a JSON or CSV writer's error, or
/// a plain `io::Error`; serde_json and csv do not expose it as a `source`.
pub fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cur {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            if io.kind() == BrokenPipe {
                return true;
            }
            // An io::Error made from another error (`io::Error::other`).
            if io.get_ref().is_some_and(|inner| is_broken_pipe(inner)) {
                return true;
            }
        }
        if let Some(Error::Io { cause, .. }) = c.downcast_ref::<Error>() {
            if is_broken_pipe(cause) {
                return true;
            }
        }
        if c.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind) == Some(BrokenPipe) {
            return true;
        }
        if let Some(csv) = c.downcast_ref::<csv::Error>() {
            if let csv::ErrorKind::Io(io) = csv.kind() {
                if io.kind() == BrokenPipe {
                    return true;
                }
            }
        }
        cur = c.source();
    }
    false
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            cause: source,
        }
    }

    pub fn data(file: impl Into<String>, line: usize, message: impl Into<String>) -> Error {
        Error::Data {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}
