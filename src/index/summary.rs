//! What an index holds, for `newsdex stats`: counts read from fast fields, facet counts
//! from a search over everything.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;
use tantivy::schema::Facet;

use super::NewsIndex;
use crate::error::{Error, Result};
use crate::search::{CountryCount, SearchRequest, ValueCount, search};

#[derive(Debug, Clone, Serialize)]
pub struct IndexSummary {
    pub index: String,
    pub articles: u64,
    pub passages: u64,
    pub duplicates_folded: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub undated_articles: u64,
    pub sources: u64,
    pub size_bytes: u64,
    /// Tantivy segments: each is opened by every query (see `NewsWriter::finish`).
    pub segments: u64,
    pub top_sources: Vec<ValueCount>,
    pub top_countries: Vec<CountryCount>,
    pub top_regions: Vec<ValueCount>,
    pub top_speakers: Vec<ValueCount>,
}

pub fn summarize(news_index: &NewsIndex, dir: &Path, top: usize) -> Result<IndexSummary> {
    let searcher = news_index.reader()?.searcher();
    let (mut articles, mut undated) = (0u64, 0u64);
    let (mut first, mut last): (Option<i64>, Option<i64>) = (None, None);
    let mut sources: BTreeSet<String> = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let passage = fast.u64("passage")?;
        let date = fast.date("date")?;
        for doc in segment.doc_ids_alive() {
            if passage.first(doc) != Some(0) {
                continue;
            }
            articles += 1;
            match date.first(doc) {
                Some(d) => {
                    let seconds = d.into_timestamp_secs();
                    first = Some(first.map_or(seconds, |f| f.min(seconds)));
                    last = Some(last.map_or(seconds, |l| l.max(seconds)));
                }
                None => undated += 1,
            }
        }
        let inverted = segment.inverted_index(news_index.fields.source_facet)?;
        let mut stream = inverted.terms().stream().map_err(|e| Error::Meta(e.to_string()))?;
        while stream.advance() {
            // Tantivy indexes every ancestor of a facet, the root `/` included: not a source.
            if let Ok(facet) = Facet::from_encoded(stream.key().to_vec())
                && !facet.is_root()
            {
                sources.insert(facet.to_path_string());
            }
        }
    }
    let day = |seconds: i64| chrono::DateTime::from_timestamp(seconds, 0).map(|d| d.date_naive().to_string());
    let mut everything = SearchRequest::new("");
    everything.limit = 0;
    everything.facet_limit = top.max(1);
    let facets = search(news_index, &everything)?.facets;
    Ok(IndexSummary {
        index: dir.display().to_string(),
        articles,
        passages: searcher.num_docs(),
        duplicates_folded: news_index.meta.folded.len() as u64,
        first_date: first.and_then(day),
        last_date: last.and_then(day),
        undated_articles: undated,
        sources: sources.len() as u64,
        size_bytes: NewsIndex::size_on_disk(dir),
        segments: searcher.segment_readers().len() as u64,
        top_sources: facets.source,
        top_countries: facets.country,
        top_regions: facets.region,
        top_speakers: facets.speaker,
    })
}
