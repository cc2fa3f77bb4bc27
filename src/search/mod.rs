//! Answering a question: parse and filter the query ([`query`]), rank passages with BM25
//! (ties broken by article id, then passage number, so results never depend on the
//! order documents were indexed in), keep a few passages per article, highlight the
//! query terms ([`highlight`]) and count facets over all matching passages.

mod facets;
pub mod highlight;
pub mod query;
mod rank;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue, SortByString};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::{Facet, Value};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use crate::error::{Error, Result};
use crate::extract::countries;
use crate::index::{Fields, NewsIndex};
use facets::FacetCounter;
use rank::BestByScore;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// A question to the index.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    /// Passages that mention any of these countries or regions.
    pub countries: Vec<String>,
    /// Passages of articles about any of these countries or regions.
    pub about: Vec<String>,
    /// Passages quoting any of these people (full name or surname).
    pub speakers: Vec<String>,
    pub sources: Vec<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub limit: usize,
    pub offset: usize,
    pub sort: SortOrder,
    /// At most this many passages of one article (0: no limit).
    pub per_article: usize,
    /// How many values to list per facet (0: no facet counting).
    pub facet_limit: usize,
    /// Words without an operator must all appear (AND) rather than any (OR).
    pub require_all_terms: bool,
}

impl SearchRequest {
    /// The defaults of the command line: see README for why each was chosen.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            countries: Vec::new(),
            about: Vec::new(),
            speakers: Vec::new(),
            sources: Vec::new(),
            since: None,
            until: None,
            limit: 10,
            offset: 0,
            sort: SortOrder::Relevance,
            per_article: 2,
            facet_limit: 10,
            require_all_terms: false,
        }
    }
}

/// The answer, shaped as the `--json` contract.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Matching passages, before the per-article limit.
    pub total: u64,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub article_id: String,
    pub passage: u64,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub path: String,
    pub line: Option<u64>,
    pub heading: Option<String>,
    pub text: String,
    /// `[start, end)` byte ranges of the query terms in `text`.
    pub highlights: Vec<[usize; 2]>,
    pub countries: Vec<CountryRef>,
    pub speakers: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CountryRef {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Facets {
    pub country: Vec<CountryCount>,
    /// M49 sub-regions ("Central Asia", "Western Europe").
    pub region: Vec<ValueCount>,
    pub speaker: Vec<ValueCount>,
    pub source: Vec<ValueCount>,
    pub year: Vec<ValueCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryCount {
    pub code: String,
    pub name: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ValueCount {
    pub value: String,
    pub count: u64,
}

/// A ranked passage before it is read from the store.
struct Ranked {
    score: f32,
    address: DocAddress,
    article_id: String,
}

/// Runs a request against an index.
pub fn search(news_index: &NewsIndex, request: &SearchRequest) -> Result<SearchResults> {
    search_with(&news_index.reader()?.searcher(), news_index, request)
}

/// [`search`] with a searcher the caller keeps: a process answering many queries opens
/// the index's reader once ([`NewsIndex::reader`]).
pub fn search_with(searcher: &Searcher, news_index: &NewsIndex, request: &SearchRequest) -> Result<SearchResults> {
    let answer = answer(searcher, news_index, request)?;
    let hits = answer.hits(searcher, news_index)?.collect::<Result<Vec<Hit>>>()?;
    let Answer { query, total, facets, warnings, .. } = answer;
    Ok(SearchResults { query, total, hits, facets, warnings })
}

/// A search answered but for its passages' documents: the counts, facets and warnings,
/// and the page's passages by address. [`Answer::hits`] reads the documents one at a time,
/// so that a page of a million passages (`--limit` to dump a whole selection) is written
/// out as it is read instead of held (a page of 848,000 passages took 1.2 GB before its
/// first byte was written).
pub struct Answer {
    pub query: String,
    /// Matching passages, before the per-article limit.
    pub total: u64,
    pub facets: Facets,
    pub warnings: Vec<String>,
    ranked: Vec<Ranked>,
    offset: usize,
    terms: highlight::Terms,
}

/// Runs `request` up to its hits (see [`Answer`]).
pub fn answer(searcher: &Searcher, news_index: &NewsIndex, request: &SearchRequest) -> Result<Answer> {
    let fields = &news_index.fields;
    let parsed = query::parse_text_query(&news_index.index, fields, &request.query, request.require_all_terms)?;
    let filters = filters(searcher, fields, request)?;
    let filters_empty = filters.is_empty();
    let full_query = query::with_filters(parsed.query.box_clone(), filters);

    let (total, ranked, facet_counts) =
        collect(searcher, full_query.as_ref(), request, parsed.block_wand && filters_empty)?;
    let terms = highlight::query_terms(parsed.query.as_ref(), fields.text);
    Ok(Answer {
        query: request.query.clone(),
        total,
        facets: facet_counts.unwrap_or_default(),
        warnings: parsed.warnings,
        ranked,
        offset: request.offset,
        terms,
    })
}

impl Answer {
    /// How many passages the page holds.
    pub fn page_len(&self) -> usize {
        self.ranked.len()
    }

    /// The page's passages, in rank order, each read from the index when it is asked for.
    pub fn hits<'a>(
        &'a self,
        searcher: &'a Searcher,
        news_index: &'a NewsIndex,
    ) -> Result<impl Iterator<Item = Result<Hit>> + 'a> {
        let fields = &news_index.fields;
        let tokenizer = news_index.index.tokenizer_for_field(fields.text)?;
        Ok(self.ranked.iter().enumerate().map(move |(i, ranked)| {
            let document: TantivyDocument = searcher.doc(ranked.address)?;
            Ok(hit_from_document(fields, &document, self.offset + i + 1, ranked.score, &self.terms, tokenizer.clone()))
        }))
    }
}

fn filters(searcher: &Searcher, fields: &Fields, request: &SearchRequest) -> Result<Vec<Box<dyn Query>>> {
    let mut filters = Vec::new();
    for (values, field) in [(&request.countries, fields.country), (&request.about, fields.about)] {
        if !values.is_empty() {
            let mut facets = Vec::new();
            for value in values {
                facets.extend(query::country_facets(value)?);
            }
            filters.push(query::facet_filter(field, &facets));
        }
    }
    for (values, field, partial) in
        [(&request.speakers, fields.speaker, false), (&request.sources, fields.source_facet, true)]
    {
        if !values.is_empty() {
            let mut facets = Vec::new();
            for value in values {
                facets.extend(query::matching_facets(searcher, field, value, partial)?);
            }
            filters.push(query::facet_filter(field, &facets));
        }
    }
    if request.since.is_some() || request.until.is_some() {
        filters.push(query::date_range(fields.date, request.since, request.until));
    }
    Ok(filters)
}

/// Counts, ranks and (optionally) facets the matching passages.
fn collect(
    searcher: &Searcher,
    query: &dyn Query,
    request: &SearchRequest,
    block_wand: bool,
) -> Result<(u64, Vec<Ranked>, Option<Facets>)> {
    match request.sort {
        // Where Block-WAND applies, the best passages are found without scoring every match
        // ([`rank`]), so counting is a pass of its own that does not score. Elsewhere
        // (phrases, required words, filters) ranking visits and scores every match anyway,
        // and a second pass over the matches would cost more than it saves.
        SortOrder::Relevance => {
            let passes = if block_wand { Passes::Separate } else { Passes::Shared };
            collect_with(searcher, query, request, passes, |n| BestByScore { limit: n })
        }
        SortOrder::Newest | SortOrder::Oldest => {
            let order = if request.sort == SortOrder::Newest { Order::Desc } else { Order::Asc };
            collect_with(searcher, query, request, Passes::Shared, move |n| {
                MapFruit(
                    TopDocs::with_limit(n).order_by((
                        (SortByStaticFastValue::<tantivy::DateTime>::for_field("date"), order),
                        (SortBySimilarityScore, Order::Desc),
                        (by_article(), by_passage()),
                    )),
                    |top: Vec<(ByDate, DocAddress)>| {
                        top.into_iter()
                            .map(|((_, score, (id, _)), address)| Ranked {
                                score,
                                address,
                                article_id: id.unwrap_or_default(),
                            })
                            .collect()
                    },
                )
            })
        }
    }
}

/// Whether counting shares the ranking's pass over the matches: it should when ranking
/// visits (and scores) every match anyway, and should not when ranking can skip most.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Passes {
    Shared,
    Separate,
}

/// Sort key of the date orders: (date, score, article id, passage).
type ByDate = (Option<tantivy::DateTime>, f32, (Option<String>, Option<u64>));

// A 3-tuple with a nested pair rather than a flat 4-tuple: in tantivy 0.27 the flat
// 4-tuple ignores `Order::Asc` on its first key (seen as `--sort oldest` coming out newest first).

/// Ties are broken by article id, then passage number: stable whatever the indexing order.
fn by_article() -> (SortByString, Order) {
    (SortByString::for_field("article_id"), Order::Asc)
}

fn by_passage() -> (SortByStaticFastValue<u64>, Order) {
    (SortByStaticFastValue::<u64>::for_field("passage"), Order::Asc)
}

/// The largest first window of ranked passages: beyond it, the passages that match are
/// counted first and the window widened up to that count.
const FIRST_WINDOW_MAX: usize = 10_000;

/// Ranking fetches a window of the best passages, widened until the per-article limit
/// still leaves `offset + limit` of them (or every match has been seen).
fn collect_with<C>(
    searcher: &Searcher,
    query: &dyn Query,
    request: &SearchRequest,
    passes: Passes,
    top_collector: impl Fn(usize) -> C,
) -> Result<(u64, Vec<Ranked>, Option<Facets>)>
where
    C: tantivy::collector::Collector<Fruit = Vec<Ranked>>,
{
    // `--limit` and `--offset` are the user's: any size is accepted, and the first window
    // is capped, so a huge page allocates for the passages that match, not for the limit
    // (`--limit 1000000000` asked the collector for 384 GB). Widening below stops at `total`.
    let wanted = request.offset.saturating_add(request.limit);
    let first = if request.per_article == 0 { wanted } else { wanted.saturating_mul(4) };
    let mut window = first.clamp(16, FIRST_WINDOW_MAX);
    let facet_counter = (request.facet_limit > 0).then_some(FacetCounter { limit: request.facet_limit });
    let (total, mut candidates, facet_counts) = match passes {
        Passes::Shared => {
            let (total, top, counts) =
                searcher.search(query, &(Count, top_collector(window), facet_counter)).map_err(query_error)?;
            (total as u64, top, counts)
        }
        Passes::Separate => {
            let (total, counts) = searcher.search(query, &(Count, facet_counter)).map_err(query_error)?;
            let top = searcher.search(query, &top_collector(window)).map_err(query_error)?;
            (total as u64, top, counts)
        }
    };
    loop {
        let kept = per_article(candidates, request.per_article);
        if kept.len() >= wanted || window >= total as usize {
            let page = kept.into_iter().skip(request.offset).take(request.limit).collect();
            return Ok((total, page, facet_counts));
        }
        window = window.saturating_mul(4).min(total as usize);
        candidates = searcher.search(query, &top_collector(window)).map_err(query_error)?;
    }
}

/// A query form the fields do not support (`title:*` asks for a fast field) is the user's
/// query at fault, not the index.
fn query_error(err: tantivy::TantivyError) -> Error {
    match err {
        tantivy::TantivyError::SchemaError(message) => {
            Error::BadQuery(format!("this query form does not work on that field ({message})"))
        }
        other => other.into(),
    }
}

fn per_article(candidates: Vec<Ranked>, limit: usize) -> Vec<Ranked> {
    let mut per_article: HashMap<String, usize> = HashMap::new();
    candidates
        .into_iter()
        .filter(|c| {
            let seen = per_article.entry(c.article_id.clone()).or_default();
            *seen += 1;
            limit == 0 || *seen <= limit
        })
        .collect()
}

fn hit_from_document(
    fields: &Fields,
    document: &TantivyDocument,
    rank: usize,
    score: f32,
    terms: &highlight::Terms,
    tokenizer: tantivy::tokenizer::TextAnalyzer,
) -> Hit {
    let text_of = |field| document.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
    let text = text_of(fields.text).unwrap_or_default();
    let highlights = highlight::highlight(&text, terms, tokenizer);
    let date = document
        .get_first(fields.date)
        .and_then(|v| v.as_datetime())
        .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
        .map(|d| d.date_naive().format("%Y-%m-%d").to_string());
    let countries = document
        .get_all(fields.country_codes)
        .filter_map(|v| v.as_str())
        .filter_map(countries::by_code)
        .map(|c| CountryRef { code: c.code.into(), name: c.name.into() })
        .collect();
    let speakers = document
        .get_all(fields.speaker)
        .filter_map(|v| v.as_facet())
        .filter_map(|encoded| Facet::from_encoded(encoded.as_bytes().to_vec()).ok())
        .map(|facet| facet.to_path().join("/"))
        .collect();
    Hit {
        rank,
        score,
        article_id: text_of(fields.article_id).unwrap_or_default(),
        passage: document.get_first(fields.passage).and_then(|v| v.as_u64()).unwrap_or(0),
        title: text_of(fields.title).unwrap_or_default(),
        date,
        source: text_of(fields.source),
        url: text_of(fields.url),
        author: text_of(fields.author),
        path: text_of(fields.path).unwrap_or_default(),
        line: document.get_first(fields.line).and_then(|v| v.as_u64()),
        heading: text_of(fields.heading),
        text,
        highlights,
        countries,
        speakers,
    }
}

/// Adapts a collector's fruit: lets the two sort orders share one result type.
struct MapFruit<C, F>(C, F);

impl<C, F, T> tantivy::collector::Collector for MapFruit<C, F>
where
    C: tantivy::collector::Collector,
    F: Fn(C::Fruit) -> T + Sync + Send + 'static,
    T: tantivy::collector::Fruit,
{
    type Fruit = T;
    type Child = C::Child;

    fn for_segment(&self, segment_local_id: u32, segment: &tantivy::SegmentReader) -> tantivy::Result<Self::Child> {
        self.0.for_segment(segment_local_id, segment)
    }

    fn requires_scoring(&self) -> bool {
        self.0.requires_scoring()
    }

    fn merge_fruits(
        &self,
        segment_fruits: Vec<<Self::Child as tantivy::collector::SegmentCollector>::Fruit>,
    ) -> tantivy::Result<T> {
        self.0.merge_fruits(segment_fruits).map(&self.1)
    }
}
