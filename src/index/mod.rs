//! The Tantivy index: one document per passage, with the article's fields repeated on
//! each passage so a hit needs no second lookup. This module owns the schema, the text
//! analyser and the metadata kept in the commit payload; [`writer`] fills the index.

mod directory;
mod stem;
pub mod summary;
pub mod writer;

use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::directory::error::{LockError, OpenReadError};
use tantivy::schema::{
    DateOptions, FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, IndexReader, ReloadPolicy};

use self::directory::ReadOnlyTolerantDirectory;
use crate::error::{Error, Result};

/// Bumped whenever the schema or the analyser changes in a way old indexes cannot follow.
/// 3: `origin_hash`, so that a moved file's articles are indexed again.
pub const SCHEMA_VERSION: u32 = 3;

/// The analyser of every searchable text field: Unicode words, lower-cased, folded to
/// ASCII (`Michael` finds `Michaël`), English stemming (chosen on the TIME evaluation).
pub const ANALYZER: &str = "newsdex_en";

fn analyzer() -> TextAnalyzer {
    analyzer_with(true)
}

/// The analyser, with or without stemming: the TIME evaluation registers both to compare.
pub fn analyzer_with(stemming: bool) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    if stemming { base.filter(stem::CachedStemmer).build() } else { base.build() }
}

/// The fields of a passage document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub article_id: Field,
    /// xxh3 of the article id: a compact key for re-index and duplicate bookkeeping.
    pub id_hash: Field,
    pub content_hash: Field,
    /// xxh3 of where the article is (path and line): an article found elsewhere than where
    /// it was indexed (its file moved or renamed) is indexed again, so results show where it is.
    pub origin_hash: Field,
    pub passage: Field,
    pub title: Field,
    pub heading: Field,
    pub text: Field,
    pub date: Field,
    pub source: Field,
    pub url: Field,
    pub author: Field,
    pub path: Field,
    pub line: Field,
    /// ISO codes of the countries the passage mentions (stored, for output).
    pub country_codes: Field,
    /// `/Region/Sub-region/Country` of each country the passage mentions.
    pub country: Field,
    /// Same shape, for the countries the article is about.
    pub about: Field,
    pub speaker: Field,
    pub source_facet: Field,
    /// `/YYYY` of the date. newsdex's own year counts read the date column, which opens
    /// faster (`search::facets::YearCounts`); the facet stays for other Tantivy tools.
    pub year: Field,
}

impl Fields {
    fn build() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let text_options = |stored: bool| {
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            let options = TextOptions::default().set_indexing_options(indexing);
            if stored { options.set_stored() } else { options }
        };
        let fields = Fields {
            article_id: builder.add_text_field("article_id", STRING | STORED | FAST),
            id_hash: builder.add_u64_field("id_hash", INDEXED | FAST),
            content_hash: builder.add_u64_field("content_hash", FAST),
            origin_hash: builder.add_u64_field("origin_hash", FAST),
            passage: builder.add_u64_field("passage", STORED | FAST),
            title: builder.add_text_field("title", text_options(true)),
            heading: builder.add_text_field("heading", text_options(true)),
            text: builder.add_text_field("text", text_options(true)),
            date: builder.add_date_field("date", DateOptions::default().set_indexed().set_fast().set_stored()),
            source: builder.add_text_field("source", STORED),
            url: builder.add_text_field("url", STORED),
            author: builder.add_text_field("author", STORED),
            path: builder.add_text_field("path", STORED),
            line: builder.add_u64_field("line", STORED),
            country_codes: builder.add_text_field("country_codes", STORED),
            country: builder.add_facet_field("country", FacetOptions::default()),
            about: builder.add_facet_field("about", FacetOptions::default()),
            speaker: builder.add_facet_field("speaker", FacetOptions::default().set_stored()),
            source_facet: builder.add_facet_field("source_facet", FacetOptions::default()),
            year: builder.add_facet_field("year", FacetOptions::default()),
        };
        (builder.build(), fields)
    }

    /// The fields of an opened index, checked against the current schema.
    fn of(index: &Index, path: &Path, meta: &IndexMeta) -> Result<Fields> {
        let (expected, fields) = Fields::build();
        if meta.schema_version != SCHEMA_VERSION || index.schema() != expected {
            return Err(Error::IncompatibleIndex {
                path: path.to_path_buf(),
                found: meta.schema_version.to_string(),
                expected: SCHEMA_VERSION,
            });
        }
        Ok(fields)
    }
}

/// What newsdex keeps beside Tantivy's data, in the payload of each commit, so that it
/// is exactly as durable as the passages it describes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexMeta {
    pub schema_version: u32,
    /// Syndicated copies folded into an article already indexed: origin → kept article id.
    #[serde(default)]
    pub folded: std::collections::BTreeMap<String, String>,
    /// A run committed passages and has not merged its segments yet (it was killed before
    /// its end): the next run merges every segment (see `NewsWriter::finish`).
    #[serde(default)]
    pub merge_pending: bool,
}

impl Default for IndexMeta {
    fn default() -> Self {
        IndexMeta { schema_version: SCHEMA_VERSION, folded: Default::default(), merge_pending: false }
    }
}

/// An index opened for reading or writing.
pub struct NewsIndex {
    pub index: Index,
    pub fields: Fields,
    pub meta: IndexMeta,
}

impl NewsIndex {
    /// Opens the index at `dir`, which must exist and be compatible. Reading it needs no
    /// permission to write in `dir` (see the `directory` module).
    pub fn open(dir: &Path) -> Result<NewsIndex> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::NoIndex(dir.to_path_buf()));
        }
        let directory = MmapDirectory::open(dir).map_err(|e| Error::Meta(e.to_string()))?;
        let index = Index::open(ReadOnlyTolerantDirectory::new(directory)).map_err(|err| match err {
            tantivy::TantivyError::SchemaError(_) | tantivy::TantivyError::DataCorruption(_) => {
                Error::IncompatibleIndex { path: dir.to_path_buf(), found: "unknown".into(), expected: SCHEMA_VERSION }
            }
            other => Error::Tantivy(other),
        })?;
        let meta = read_meta(&index, dir)?;
        let fields = Fields::of(&index, dir, &meta)?;
        index.tokenizers().register(ANALYZER, analyzer());
        Ok(NewsIndex { index, fields, meta })
    }

    /// Opens the index at `dir`, creating an empty one (and the folder) when there is none.
    pub fn open_or_create(dir: &Path) -> Result<NewsIndex> {
        if dir.join("meta.json").is_file() {
            return NewsIndex::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let (schema, fields) = Fields::build();
        let directory = MmapDirectory::open(dir).map_err(|e| Error::Meta(e.to_string()))?;
        let index = Index::create(directory, schema, Default::default())?;
        index.tokenizers().register(ANALYZER, analyzer());
        Ok(NewsIndex { index, fields, meta: IndexMeta::default() })
    }

    /// Replaces an index that cannot be opened (built by an incompatible newsdex) with an
    /// empty one. Holds the writer lock while it deletes, so a running writer is never
    /// disturbed, and deletes only Tantivy's own files: anything else in the folder stays.
    pub fn recreate(dir: &Path) -> Result<NewsIndex> {
        let directory = MmapDirectory::open(dir).map_err(|e| Error::Meta(e.to_string()))?;
        let lock = tantivy::Directory::acquire_lock(&directory, &tantivy::directory::INDEX_WRITER_LOCK)
            .map_err(|err| writer_lock_error(err, dir))?;
        const TANTIVY_FILES: [&str; 8] = ["idx", "pos", "term", "store", "fast", "fieldnorm", "del", "json"];
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        for entry in entries.filter_map(|entry| entry.ok()) {
            let path = entry.path();
            let ours = path.extension().and_then(|e| e.to_str()).is_some_and(|e| TANTIVY_FILES.contains(&e));
            if ours && path.is_file() {
                std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            }
        }
        drop(lock);
        NewsIndex::open_or_create(dir)
    }

    /// Lets the searches of this index run over its segments in parallel, one thread per
    /// segment up to the number of cores (`newsdex index` leaves one segment per core).
    /// Facet counts are exact, so a query visits every matching passage: on a large
    /// archive most of a common word's time is in that visit, which the segments share.
    /// Call it before [`NewsIndex::reader`]: a reader keeps the way of searching it was
    /// made with.
    pub fn search_segments_in_parallel(&mut self) -> Result<()> {
        let segments = self.index.searchable_segment_ids()?.len();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(segments);
        if threads > 1 {
            self.index.set_multithread_executor(threads)?;
        }
        Ok(())
    }

    /// A reader of the last commit. Tantivy's default reader starts a thread that watches
    /// the folder for new commits: needless for a command that answers one query, and a
    /// few milliseconds of its run. A long-lived caller keeps the reader (one per process)
    /// and calls `reload` on it when it wants to see later commits.
    pub fn reader(&self) -> Result<IndexReader> {
        reader_of(&self.index)
    }

    /// Bytes used on disk by the index folder.
    pub fn size_on_disk(dir: &Path) -> u64 {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| entry.metadata().ok())
            .filter(|meta| meta.is_file())
            .map(|meta| meta.len())
            .sum()
    }
}

/// Why the writer lock of the index at `dir` could not be taken: another writer holds it,
/// or the folder cannot be written (it was reported as held by another writer).
pub(crate) fn writer_lock_error(err: LockError, dir: &Path) -> Error {
    match err {
        LockError::LockBusy => Error::IndexLocked(dir.to_path_buf()),
        LockError::IoError(io) => {
            Error::IndexNotWritable { path: dir.to_path_buf(), source: std::io::Error::new(io.kind(), io.to_string()) }
        }
    }
}

/// [`NewsIndex::reader`] for a bare Tantivy index. A file of the last commit found
/// missing is looked for in the then last commit, up to twice more: a reader that could not
/// take the meta lock (see [`directory`]) can lose a race with a writer's commit that
/// deletes it. Where the file is really gone, the error stays and is reported.
pub(crate) fn reader_of(index: &Index) -> Result<IndexReader> {
    let open = || index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into();
    let mut reader = open();
    for _ in 0..2 {
        match reader {
            Err(tantivy::TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(_))) => reader = open(),
            _ => break,
        }
    }
    Ok(reader?)
}

fn read_meta(index: &Index, dir: &Path) -> Result<IndexMeta> {
    let metas = index.load_metas()?;
    match metas.payload {
        // An index that has never been committed by newsdex yet.
        None if metas.segments.is_empty() => Ok(IndexMeta::default()),
        None => {
            Err(Error::IncompatibleIndex { path: dir.to_path_buf(), found: "none".into(), expected: SCHEMA_VERSION })
        }
        Some(payload) => serde_json::from_str::<IndexMeta>(&payload).map_err(|_| Error::IncompatibleIndex {
            path: dir.to_path_buf(),
            found: "unreadable".into(),
            expected: SCHEMA_VERSION,
        }),
    }
}
