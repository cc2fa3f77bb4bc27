//! newsdex turns a news archive into a passage-level search index.
//!
//! Data flows one way, one module per stage:
//! [`ingest`] (files → raw articles) → [`clean`] and [`passage`] (text → passages)
//! → [`extract`] (passages → countries and speakers, pure functions)
//! → [`index`] (Tantivy documents, one per passage) → [`search`] (queries → ranked hits and facets).
//! Only the binary prints or knows about command-line flags.

pub mod article;
pub mod clean;
pub mod error;
pub mod extract;
pub mod fold;
pub mod index;
pub mod ingest;
pub mod passage;
pub mod pipeline;
pub mod search;

pub use error::{Error, Result};
