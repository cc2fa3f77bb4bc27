//! Typed errors of the library; the binary adds context with `anyhow`.

use std::path::PathBuf;

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no index at {0} (build one with `newsdex index`)")]
    NoIndex(PathBuf),
    #[error(
        "index at {path} was built by an incompatible newsdex (schema {found}, expected {expected}); rebuild it with `newsdex index --rebuild`"
    )]
    IncompatibleIndex { path: PathBuf, found: String, expected: u32 },
    #[error("index at {0} is being written by another process")]
    IndexLocked(PathBuf),
    #[error("index at {path} cannot be written: {source}")]
    IndexNotWritable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("bad query: {0}")]
    BadQuery(String),
    #[error("{0}")]
    UnknownCountry(String),
    #[error("bad date {0:?}: expected YYYY, YYYY-MM or YYYY-MM-DD")]
    BadDate(String),
    #[error(
        "bad --field {0:?}: expected NAME=KEY with NAME one of id, title, body, date, source, url, author, dateline"
    )]
    BadFieldMapping(String),
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("index metadata: {0}")]
    Meta(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}
