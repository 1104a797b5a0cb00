//! The library's error type. Data errors carry the file and line they come
//! from so that a user can fix a table or a graph file by hand.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A line of a lexicon, dictionary or input file that cannot be used.
    #[error("{file}:{line}: {message}")]
    Data { file: String, line: usize, message: String },
    /// A graph file that is not a geokg graph or is damaged.
    #[error("{path}: {message}")]
    Graph { path: PathBuf, message: String },
    #[error("no entity matches {query:?}")]
    NoSuchEntity { query: String },
    #[error("{query:?} is ambiguous; it could be: {}", candidates.join(", "))]
    AmbiguousEntity { query: String, candidates: Vec<String> },
    #[error("rendering failed: {0}")]
    Render(String),
    #[error("{0}")]
    Usage(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }

    pub fn data(file: impl Into<String>, line: usize, message: impl Into<String>) -> Error {
        Error::Data {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}
