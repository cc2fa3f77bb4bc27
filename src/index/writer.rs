//! Filling the index: decides for each enriched article whether it is new, changed,
//! unchanged or a syndicated copy, turns it into passage documents, and commits in
//! batches so that an interrupted run leaves the last commit whole and readable.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Datelike;
use tantivy::index::SegmentId;
use tantivy::schema::{Facet, Value};
use tantivy::{DateTime, IndexWriter, TantivyDocument, Term};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::{Fields, IndexMeta, NewsIndex};
use crate::article::{Article, EnrichedArticle, Origin};
use crate::error::{Error, Result};
use crate::extract::countries;

/// The least memory one indexing thread of Tantivy's writer is given. Tantivy refuses
/// less than 15 MB (`MEMORY_BUDGET_NUM_BYTES_MIN`: its baseline use is 12 MB); a smaller
/// budget gets fewer threads, down to one.
pub const MIN_MEMORY_PER_THREAD: usize = 16 << 20;

/// The most memory one indexing thread of Tantivy's writer can use: Tantivy refuses
/// `u32::MAX` bytes less 1 MB or more (`MEMORY_BUDGET_NUM_BYTES_MAX`, not exported), as its
/// arena addresses are 32-bit. A larger budget is reduced to this much per thread.
pub const MAX_MEMORY_PER_THREAD: usize = 4095 << 20;

/// The writer's default memory budget, in MiB. Tantivy's writer fills its budget before it
/// writes a segment, so the budget is what bounds a long run's memory; 256 MiB is reached on
/// AllSides already, so a run over ten times the archive holds about as much as one over it.
pub const DEFAULT_MEMORY_MIB: usize = 256;

/// How the writer runs.
#[derive(Debug, Clone)]
pub struct WriterOptions {
    /// Memory budget of Tantivy's writer, in bytes, shared by its threads; brought within
    /// [`MIN_MEMORY_PER_THREAD`] and [`MAX_MEMORY_PER_THREAD`] per thread (see
    /// [`NewsWriter::memory_bytes`] for what was used).
    pub memory_bytes: usize,
    /// Start from an empty index.
    pub rebuild: bool,
    /// Commit at least this often, so a killed run loses little.
    pub commit_every: Duration,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions { memory_bytes: DEFAULT_MEMORY_MIB << 20, rebuild: false, commit_every: Duration::from_secs(30) }
    }
}

/// What happened to one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Added,
    /// Same id as an indexed article, other content or found elsewhere (its file moved):
    /// the old passages were replaced.
    Replaced,
    /// Same id, content and place as an indexed article: nothing to do.
    Unchanged,
    /// Same content as another article (syndicated copy): folded into that one.
    Folded {
        into: String,
    },
    /// Same id as another article of this run with other content: the first one is kept.
    IdConflict,
}

/// Counts of a run.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct WriteCounts {
    pub added: u64,
    pub replaced: u64,
    pub unchanged: u64,
    pub folded: u64,
    pub id_conflicts: u64,
    pub passages: u64,
    pub commits: u64,
}

/// An article's content and place: one indexed with the same fingerprint is unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    content_hash: u64,
    /// [`origin_hash`] of the article's path and line.
    origin_hash: u64,
}

impl Fingerprint {
    fn of(article: &Article) -> Fingerprint {
        Fingerprint { content_hash: article.content_hash, origin_hash: origin_hash(&article.origin) }
    }
}

/// A hash of where an article is: its path, and its line in a JSON Lines file.
fn origin_hash(origin: &Origin) -> u64 {
    let mut hasher = Xxh3::new();
    hasher.update(origin.path.as_bytes());
    hasher.update(&origin.line.map_or([0xff; 8], u64::to_le_bytes));
    hasher.digest()
}

/// Writes enriched articles into a [`NewsIndex`].
pub struct NewsWriter {
    fields: Fields,
    writer: IndexWriter,
    meta: IndexMeta,
    options: WriterOptions,
    /// id hash → content and origin hashes, for the articles committed before this run.
    indexed: Arc<HashMap<u64, Fingerprint>>,
    /// content hash → article id, for everything indexed (before or during this run).
    by_content: HashMap<u64, String>,
    /// id hash → content hash, for the articles seen in this run.
    this_run: HashMap<u64, u64>,
    /// Ids (hashed) of indexed articles that a copy of this run folded into: still wanted
    /// even when their own file is gone, see [`NewsWriter::prune`].
    kept_for_copies: HashSet<u64>,
    /// Origins folded in this run.
    folded_now: HashSet<String>,
    last_commit: Instant,
    /// Segments committed before this run: see [`NewsWriter::finish`].
    segments_before: HashSet<SegmentId>,
    /// The cores (at most 8): a run merges its segments into at most this many.
    cores: usize,
    /// The memory budget Tantivy's writer was given.
    memory_bytes: usize,
    pub counts: WriteCounts,
}

impl NewsWriter {
    /// Takes the index's writer lock; fails at once if another process holds it.
    pub fn new(news_index: NewsIndex, dir: &Path, options: WriterOptions) -> Result<NewsWriter> {
        let NewsIndex { index, fields, meta } = news_index;
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
        let threads = cores.min(options.memory_bytes / MIN_MEMORY_PER_THREAD).max(1);
        let memory = options.memory_bytes.clamp(threads * MIN_MEMORY_PER_THREAD, threads * MAX_MEMORY_PER_THREAD);
        let writer: IndexWriter = index.writer_with_num_threads(threads, memory).map_err(|err| match err {
            tantivy::TantivyError::LockFailure(err, _) => super::writer_lock_error(err, dir),
            other => Error::Tantivy(other),
        })?;
        // Merging is done once, at the end of a run (see `finish`), not as segments come.
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        // After a run that was killed before merging, every segment counts as this run's.
        let segments_before =
            if meta.merge_pending { HashSet::new() } else { index.searchable_segment_ids()?.into_iter().collect() };
        let mut news_writer = NewsWriter {
            fields,
            writer,
            meta,
            options,
            indexed: Arc::default(),
            by_content: HashMap::new(),
            this_run: HashMap::new(),
            kept_for_copies: HashSet::new(),
            folded_now: HashSet::new(),
            last_commit: Instant::now(),
            segments_before,
            cores,
            memory_bytes: memory,
            counts: WriteCounts::default(),
        };
        if news_writer.options.rebuild {
            news_writer.writer.delete_all_documents()?;
            news_writer.meta = IndexMeta::default();
        } else {
            news_writer.load_indexed(&index)?;
        }
        Ok(news_writer)
    }

    /// The memory budget Tantivy's writer was given: [`WriterOptions::memory_bytes`] brought
    /// within what it accepts.
    pub fn memory_bytes(&self) -> usize {
        self.memory_bytes
    }

    /// Reads id, content and origin hashes of the first passage of every committed article.
    fn load_indexed(&mut self, index: &tantivy::Index) -> Result<()> {
        let reader = super::reader_of(index)?;
        let searcher = reader.searcher();
        let mut indexed = HashMap::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let id_hash = fast.u64("id_hash")?;
            let content_hash = fast.u64("content_hash")?;
            let origin_hash = fast.u64("origin_hash")?;
            let passage = fast.u64("passage")?;
            let ids = fast.str("article_id")?;
            let mut id = String::new();
            for doc in segment.doc_ids_alive() {
                if passage.first(doc) != Some(0) {
                    continue;
                }
                let (Some(id_hash), Some(content_hash), Some(origin_hash)) =
                    (id_hash.first(doc), content_hash.first(doc), origin_hash.first(doc))
                else {
                    continue;
                };
                indexed.insert(id_hash, Fingerprint { content_hash, origin_hash });
                if let Some(ids) = &ids {
                    id.clear();
                    if let Some(ord) = ids.term_ords(doc).next() {
                        ids.ord_to_str(ord, &mut id).map_err(|e| Error::Meta(e.to_string()))?;
                        self.by_content.insert(content_hash, id.clone());
                    }
                }
            }
        }
        self.indexed = Arc::new(indexed);
        Ok(())
    }

    /// Adds one article (all its passages, or none), then commits if the batch is due.
    pub fn add(&mut self, enriched: &EnrichedArticle) -> Result<Outcome> {
        self.admit(&enriched.article, Some(enriched))
    }

    /// Accounts for an article that [`NewsWriter::unchanged_filter`] found already indexed
    /// as it is, without its passages (it was never enriched).
    pub fn add_unchanged(&mut self, article: &Article) -> Result<Outcome> {
        self.admit(article, None)
    }

    /// A test, usable on any thread before extraction, for articles indexed before this run
    /// with the same content from the same place: re-indexing an unchanged archive then
    /// costs reading, not extraction. Such articles go to [`NewsWriter::add_unchanged`].
    pub fn unchanged_filter(&self) -> impl Fn(&Article) -> bool + Sync + Send + use<> {
        let indexed = Arc::clone(&self.indexed);
        move |article| indexed.get(&xxh3_64(article.id.as_bytes())) == Some(&Fingerprint::of(article))
    }

    fn admit(&mut self, article: &Article, enriched: Option<&EnrichedArticle>) -> Result<Outcome> {
        let id_hash = xxh3_64(article.id.as_bytes());
        let content_hash = article.content_hash;
        let fingerprint = Fingerprint::of(article);
        let outcome = self.decide(id_hash, fingerprint, &article.id);
        match &outcome {
            Outcome::Added | Outcome::Replaced => {
                let enriched = enriched.ok_or_else(|| {
                    Error::Meta(format!("article {} was taken for unchanged but is not indexed", article.id))
                })?;
                if outcome == Outcome::Replaced {
                    self.writer.delete_term(Term::from_field_text(self.fields.article_id, &article.id));
                }
                for document in documents(&self.fields, enriched, id_hash, fingerprint) {
                    self.writer.add_document(document)?;
                    self.counts.passages += 1;
                }
                self.by_content.insert(content_hash, article.id.clone());
            }
            Outcome::Folded { into } => {
                self.meta.folded.insert(article.origin.to_string(), into.clone());
                self.folded_now.insert(article.origin.to_string());
                self.kept_for_copies.insert(xxh3_64(into.as_bytes()));
            }
            Outcome::Unchanged | Outcome::IdConflict => {}
        }
        self.this_run.entry(id_hash).or_insert(content_hash);
        match &outcome {
            Outcome::Added => self.counts.added += 1,
            Outcome::Replaced => self.counts.replaced += 1,
            Outcome::Unchanged => self.counts.unchanged += 1,
            Outcome::Folded { .. } => self.counts.folded += 1,
            Outcome::IdConflict => self.counts.id_conflicts += 1,
        }
        self.commit_if_due()?;
        Ok(outcome)
    }

    /// Commits when the batch interval has passed: called after each article, and while
    /// input is slow to come (a pipe), so that a pause never holds work uncommitted.
    /// A rebuild commits once, at the end: until then searches see the old index, and a
    /// rebuild that is interrupted or killed leaves it as it was.
    pub fn commit_if_due(&mut self) -> Result<()> {
        if !self.options.rebuild && self.last_commit.elapsed() >= self.options.commit_every {
            self.commit()?;
        }
        Ok(())
    }

    fn decide(&self, id_hash: u64, found: Fingerprint, id: &str) -> Outcome {
        let content_hash = found.content_hash;
        if let Some(&seen) = self.this_run.get(&id_hash) {
            return if seen == content_hash { Outcome::Folded { into: id.to_string() } } else { Outcome::IdConflict };
        }
        match self.indexed.get(&id_hash) {
            Some(&indexed) if indexed == found => Outcome::Unchanged,
            Some(_) => Outcome::Replaced,
            None => match self.by_content.get(&content_hash) {
                Some(other) if other != id => Outcome::Folded { into: other.clone() },
                _ => Outcome::Added,
            },
        }
    }

    /// Deletes an article (all its passages) by id; true when it was indexed. Takes effect
    /// at the next commit.
    pub fn remove(&mut self, id: &str) -> bool {
        let id_hash = xxh3_64(id.as_bytes());
        let was_indexed = self.indexed.contains_key(&id_hash);
        if was_indexed {
            self.writer.delete_term(Term::from_field_text(self.fields.article_id, id));
            self.by_content.retain(|_, kept| kept != id);
            self.meta.folded.retain(|_, kept| kept != id);
        }
        was_indexed
    }

    /// Deletes the indexed articles from files under `scope` (the inputs of a run that
    /// read them to the end) that this run did not meet: their file was deleted, or edited
    /// when the article has no id of its own (its id is derived from its content, so the
    /// edited file arrived as a new article). Articles from elsewhere are never touched,
    /// nor those from files under `unread` (inputs that failed this run: a file that could
    /// not be read is not a file that is gone). Returns how many articles were deleted;
    /// they go at the next commit.
    pub fn prune(&mut self, scope: &[&Path], unread: &[&Path]) -> Result<u64> {
        let under = |dirs: &[&Path], path: &str| dirs.iter().any(|dir| Path::new(path).starts_with(dir));
        let searcher = super::reader_of(self.writer.index())?.searcher();
        let mut pruned = HashSet::new();
        for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
            let fast = segment.fast_fields();
            let (id_hash, passage) = (fast.u64("id_hash")?, fast.u64("passage")?);
            for doc in segment.doc_ids_alive() {
                let Some(hash) = id_hash.first(doc).filter(|_| passage.first(doc) == Some(0)) else { continue };
                if self.this_run.contains_key(&hash) || self.kept_for_copies.contains(&hash) {
                    continue;
                }
                let stored: TantivyDocument = searcher.doc(tantivy::DocAddress::new(ordinal as u32, doc))?;
                let path = stored.get_first(self.fields.path).and_then(|v| v.as_str()).unwrap_or_default();
                if !under(scope, path) || under(unread, path) {
                    continue;
                }
                let id = stored.get_first(self.fields.article_id).and_then(|v| v.as_str()).unwrap_or_default();
                self.writer.delete_term(Term::from_field_u64(self.fields.id_hash, hash));
                pruned.insert(id.to_string());
            }
        }
        self.by_content.retain(|_, kept| !pruned.contains(kept));
        let folded_now = &self.folded_now;
        self.meta.folded.retain(|origin, into| {
            let path = match origin.rsplit_once(':') {
                Some((path, line)) if line.bytes().all(|b| b.is_ascii_digit()) => path,
                _ => origin.as_str(),
            };
            !pruned.contains(into) && (folded_now.contains(origin) || !under(scope, path) || under(unread, path))
        });
        Ok(pruned.len() as u64)
    }

    /// Commits everything added so far, with the metadata in the commit's payload.
    pub fn commit(&mut self) -> Result<()> {
        self.meta.merge_pending |= self.counts.passages > 0;
        self.save()
    }

    /// Commits with the metadata as it is.
    fn save(&mut self) -> Result<()> {
        let payload = serde_json::to_string(&self.meta).map_err(|e| Error::Meta(e.to_string()))?;
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        self.counts.commits += 1;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// Drops everything done since the last commit (an interrupted rebuild): the index
    /// stays as it was.
    pub fn abandon(mut self) -> Result<()> {
        self.writer.rollback()?;
        Ok(())
    }

    /// Commits, then merges the segments of this run into at most one per core.
    ///
    /// Each commit leaves one segment per writer thread, and a cold query pays for every
    /// segment it opens (on AllSides, 4 segments instead of 1 cost a fresh-process query a
    /// fifth to a quarter more). Merging once at the end writes each passage once more; merging as
    /// segments come (Tantivy's default policy) rewrites big runs several times. Older
    /// segments smaller than this run's output join the merge, so the count of segments
    /// stays logarithmic over many small runs; a run that only deletes merges nothing.
    /// Until the merge is done, commits say so (`merge_pending`), and a run that follows
    /// a killed one merges every segment.
    pub fn finish(mut self) -> Result<WriteCounts> {
        self.commit()?;
        let index = self.writer.index().clone();
        let metas = index.searchable_segment_metas()?;
        let added: u32 = metas.iter().filter(|m| !self.segments_before.contains(&m.id())).map(|m| m.num_docs()).sum();
        let mergeable: Vec<(SegmentId, u32)> = metas
            .iter()
            .filter(|m| !self.segments_before.contains(&m.id()) || m.num_docs() < added)
            .map(|m| (m.id(), m.num_docs()))
            .collect();
        drop(metas); // a segment's files live while any copy of its meta does
        // Tantivy's own policy then bounds what is left over many runs.
        self.writer.set_merge_policy(Box::<tantivy::indexer::LogMergePolicy>::default());
        let merges: Vec<_> = merge_groups(mergeable, self.cores)
            .into_iter()
            .filter(|group| group.len() > 1)
            .map(|group| self.writer.merge(&group))
            .collect();
        for merge in merges {
            merge.wait()?;
        }
        if self.meta.merge_pending {
            self.meta.merge_pending = false;
            self.save()?;
        }
        self.writer.wait_merging_threads()?;
        Ok(self.counts)
    }
}

/// Splits segments into at most `groups` groups of about equal size (largest first, each
/// into the smallest group), so that the merges run in parallel and end together.
fn merge_groups(mut segments: Vec<(SegmentId, u32)>, groups: usize) -> Vec<Vec<SegmentId>> {
    if segments.len() <= groups {
        return Vec::new();
    }
    segments.sort_by_key(|&(_, docs)| std::cmp::Reverse(docs));
    let mut out: Vec<(u64, Vec<SegmentId>)> = vec![(0, Vec::new()); groups.max(1)];
    for (id, docs) in segments {
        let smallest = out.iter_mut().min_by_key(|(size, _)| *size).expect("at least one group");
        smallest.0 += u64::from(docs);
        smallest.1.push(id);
    }
    out.into_iter().map(|(_, ids)| ids).collect()
}

/// The passage documents of an article.
fn documents(
    fields: &Fields,
    enriched: &EnrichedArticle,
    id_hash: u64,
    fingerprint: Fingerprint,
) -> Vec<TantivyDocument> {
    let article = &enriched.article;
    let about: Vec<Facet> = enriched.about.iter().filter_map(|code| country_facet(code)).collect();
    enriched
        .passages
        .iter()
        .map(|passage| {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.article_id, &article.id);
            doc.add_u64(fields.id_hash, id_hash);
            doc.add_u64(fields.content_hash, fingerprint.content_hash);
            doc.add_u64(fields.origin_hash, fingerprint.origin_hash);
            doc.add_u64(fields.passage, passage.n);
            doc.add_text(fields.title, &article.title);
            if let Some(heading) = &passage.heading {
                doc.add_text(fields.heading, heading);
            }
            doc.add_text(fields.text, &passage.text);
            if let Some(date) = article.date {
                let seconds = date.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp());
                doc.add_date(fields.date, DateTime::from_timestamp_secs(seconds));
                doc.add_facet(fields.year, Facet::from_path([date.year().to_string()]));
            }
            if let Some(source) = &article.source {
                doc.add_text(fields.source, source);
                doc.add_facet(fields.source_facet, Facet::from_path([source.as_str()]));
            }
            for (field, value) in [(fields.url, &article.url), (fields.author, &article.author)] {
                if let Some(value) = value {
                    doc.add_text(field, value);
                }
            }
            doc.add_text(fields.path, &article.origin.path);
            if let Some(line) = article.origin.line {
                doc.add_u64(fields.line, line);
            }
            for code in &passage.countries {
                if let Some(facet) = country_facet(code) {
                    doc.add_text(fields.country_codes, code);
                    doc.add_facet(fields.country, facet);
                }
            }
            for facet in &about {
                doc.add_facet(fields.about, facet.clone());
            }
            for speaker in &passage.speakers {
                doc.add_facet(fields.speaker, Facet::from_path([speaker.as_str()]));
            }
            doc
        })
        .collect()
}

/// `/Region/Sub-region/Country` for an ISO code.
pub fn country_facet(code: &str) -> Option<Facet> {
    countries::by_code(code).map(|c| Facet::from_path([c.region, c.subregion, c.name]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bounds are Tantivy's own, which it does not export: a change of them in a new
    /// Tantivy fails here rather than in a user's run.
    #[test]
    fn tantivy_accepts_the_memory_bounds_per_thread_and_nothing_beyond() {
        let index = tantivy::Index::create_in_ram(Fields::build().0);
        let writer = |bytes| index.writer_with_num_threads::<TantivyDocument>(1, bytes).map(drop);
        assert!(writer(MIN_MEMORY_PER_THREAD).is_ok());
        assert!(writer(MAX_MEMORY_PER_THREAD).is_ok());
        assert!(writer(MAX_MEMORY_PER_THREAD + (1 << 20)).is_err());
        assert!(writer(MIN_MEMORY_PER_THREAD - (2 << 20)).is_err());
    }
}
