//! Facet counts over every matching passage, in one collector.
//!
//! Tantivy's `FacetCollector` turns each counted ordinal back into its term one at a time,
//! which dominates a search for a common word when there are thousands of speakers.
//! This collector counts ordinals per segment in plain arrays, names only the counted ones
//! that can still reach the top in one pass over each segment's dictionary, merges the
//! sorted lists and makes strings of the values kept only ([`top_values`]). Countries are
//! resolved up front (a segment holds at most a few hundred), so regions can be counted
//! once per passage even when it names several countries of one region. Years are
//! counted from the date column ([`YearCounts`]).

use std::collections::HashMap;

use chrono::Datelike;
use itertools::Itertools;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::column_index::MultiValueIndex;
use tantivy::columnar::{Column, ColumnIndex, MonotonicallyMappableToU64, StrColumn};
use tantivy::schema::Facet;
use tantivy::{DateTime, DocId, Score, SegmentReader};

use super::{CountryCount, Facets, ValueCount};
use crate::extract::countries;

/// Counts the country, region, speaker, source and year facets of the matching passages
/// and keeps the `limit` most frequent values of each.
pub struct FacetCounter {
    pub limit: usize,
}

/// Matching passages are counted in blocks of this many: a block reads each facet column
/// in one call, block by block of its index, instead of one lookup per passage and column.
const BLOCK: usize = 256;

/// A facet field's column in one segment: ordinals per passage, and their dictionary.
fn facet_column(segment: &SegmentReader, field: &str) -> tantivy::Result<StrColumn> {
    segment
        .fast_fields()
        .str(field)?
        .ok_or_else(|| tantivy::TantivyError::SchemaError(format!("facet field `{field}` has no column")))
}

/// The facet ordinals of a block of passages (sorted), as (passage, ordinal) pairs.
#[derive(Default)]
struct BlockOrds {
    docs: Vec<DocId>,
    rows: Vec<u32>,
    ords: Vec<u64>,
    /// Multi-valued columns: the passages with values, their ranks, where the bounds of
    /// their value ranges are kept (rank, rank + 1), and those bounds.
    with_values: Vec<DocId>,
    ranks: Vec<u32>,
    bound_positions: Vec<u32>,
    bounds: Vec<u32>,
}

impl BlockOrds {
    fn read(&mut self, column: &Column<u64>, block: &[DocId]) {
        self.docs.clear();
        self.rows.clear();
        match &column.index {
            // Tantivy looks a multi-valued column up passage by passage; batched here, the
            // presence index is decoded once per block of it and the value ranges are
            // read in one call (a common word counts hundreds of thousands of passages).
            ColumnIndex::Multivalued(MultiValueIndex::MultiValueIndexV2(index)) => {
                self.with_values.clear();
                self.ranks.clear();
                index.optional_index.rank_if_exists_batch(block, &mut self.with_values, &mut self.ranks);
                self.bound_positions.clear();
                self.bound_positions.extend(self.ranks.iter().flat_map(|&rank| [rank, rank + 1]));
                self.bounds.resize(self.bound_positions.len(), 0);
                index.start_index_column.get_vals(&self.bound_positions, &mut self.bounds);
                for (&doc, range) in self.with_values.iter().zip(self.bounds.chunks_exact(2)) {
                    for row in range[0]..range[1] {
                        self.docs.push(doc);
                        self.rows.push(row);
                    }
                }
            }
            _ => column.row_ids_for_docs(block, &mut self.docs, &mut self.rows),
        }
        self.ords.resize(self.rows.len(), 0);
        column.values.get_vals(&self.rows, &mut self.ords);
    }
}

/// A flat facet field (one level: speaker, source) in one segment.
pub struct FlatCounts {
    column: StrColumn,
    counts: Vec<u32>,
}

impl FlatCounts {
    fn open(segment: &SegmentReader, field: &str) -> tantivy::Result<FlatCounts> {
        let column = facet_column(segment, field)?;
        let counts = vec![0; column.num_terms()];
        Ok(FlatCounts { column, counts })
    }

    fn count(&mut self, block: &[DocId], scratch: &mut BlockOrds) {
        scratch.read(self.column.ords(), block);
        for &ord in &scratch.ords {
            if let Some(count) = self.counts.get_mut(ord as usize) {
                *count += 1;
            }
        }
    }

    /// How many matching passages of this segment hold `encoded` (a dictionary lookup).
    fn count_of(&self, encoded: &[u8]) -> u64 {
        match self.column.dictionary().term_ord(encoded) {
            Ok(Some(ord)) => self.counts.get(ord as usize).map_or(0, |&n| u64::from(n)),
            _ => 0,
        }
    }

    /// The `k`-th largest count of the segment (0 when fewer than `k` values were counted).
    fn kth_largest(&self, k: usize) -> u32 {
        let mut counted: Vec<u32> = self.counts.iter().copied().filter(|&n| n > 0).collect();
        if k == 0 || counted.len() < k {
            return 0;
        }
        *counted.select_nth_unstable_by(k - 1, |a, b| b.cmp(a)).1
    }
}

/// One segment's counts.
pub struct SegmentCounts {
    /// By index in the country table, and by index of the sub-region.
    country: Vec<u64>,
    region: Vec<u64>,
    speaker: FlatCounts,
    source: FlatCounts,
    year: YearCounts,
}

/// Passages by year, read from the `date` column rather than the year facet's. The year
/// facet is the year of the date (`index::writer`), so the counts are the same; but dates
/// are stored bit-packed, and their column opens at once, whereas the year facet's
/// ordinals come in runs that Tantivy stores in blocks of 512 passages, all decoded when
/// the column is opened (at ten times AllSides, 8% of the page faults of a rare word's
/// query).
pub struct YearCounts {
    /// Dates as Tantivy maps them to `u64` (order-preserving).
    dates: Option<Column<u64>>,
    /// The date being counted and its passages so far: a block's passages come article
    /// by article, so a year is looked up once per run of one date.
    run: Option<(u64, u64)>,
    /// The years met so far, sorted: a run's year is found by a binary search over a few
    /// dozen spans rather than by a calendar computation and a hash per run (a common
    /// word has hundreds of thousands of runs).
    years: Vec<YearSpan>,
}

/// The passages counted in one year, whose dates map to `start..end`.
struct YearSpan {
    start: u64,
    end: u64,
    year: i32,
    passages: u64,
}

impl YearCounts {
    fn open(segment: &SegmentReader) -> tantivy::Result<YearCounts> {
        let dates = segment.fast_fields().column_opt::<DateTime>("date")?.map(Column::to_u64_monotonic);
        Ok(YearCounts { dates, run: None, years: Vec::new() })
    }

    fn count(&mut self, block: &[DocId], scratch: &mut BlockOrds) {
        let Some(dates) = &self.dates else { return };
        scratch.read(dates, block);
        for &date in &scratch.ords {
            match &mut self.run {
                Some((current, passages)) if *current == date => *passages += 1,
                run => {
                    if let Some(ended) = run.replace((date, 1)) {
                        add_run(&mut self.years, ended);
                    }
                }
            }
        }
    }

    fn end_run(&mut self) {
        if let Some(ended) = self.run.take() {
            add_run(&mut self.years, ended);
        }
    }
}

fn add_run(years: &mut Vec<YearSpan>, (date, passages): (u64, u64)) {
    let at = years.partition_point(|span| span.end <= date);
    if let Some(span) = years.get_mut(at)
        && span.start <= date
    {
        span.passages += passages;
        return;
    }
    let Some(year) =
        chrono::DateTime::from_timestamp(DateTime::from_u64(date).into_timestamp_secs(), 0).map(|d| d.year())
    else {
        return;
    };
    let new_year = |year: i32| {
        let midnight = chrono::NaiveDate::from_ymd_opt(year, 1, 1)?.and_hms_opt(0, 0, 0)?.and_utc();
        Some(DateTime::from_timestamp_secs(midnight.timestamp()).to_u64())
    };
    // A year at the edge of what the calendar represents is a span of this one date.
    let (start, end) = new_year(year).zip(new_year(year + 1)).unwrap_or((date, date + 1));
    years.insert(at, YearSpan { start, end, year, passages });
}

pub struct FacetSegmentCounter {
    countries: StrColumn,
    /// Country facet ordinal → (index in the country table, index of its sub-region).
    country_of_ord: Vec<Option<(usize, usize)>>,
    regions_of_doc: Vec<usize>,
    /// Matching passages not counted yet.
    block: Vec<DocId>,
    scratch: BlockOrds,
    counts: SegmentCounts,
}

impl Collector for FacetCounter {
    type Fruit = Facets;
    type Child = FacetSegmentCounter;

    fn for_segment(&self, _segment_local_id: u32, segment: &SegmentReader) -> tantivy::Result<FacetSegmentCounter> {
        let countries = facet_column(segment, "country")?;
        let mut country_of_ord = vec![None; countries.num_terms()];
        let mut terms = countries.dictionary().stream()?;
        while terms.advance() {
            if let Some(&indexes) = country_of_encoded_facet().get(terms.key())
                && let Some(slot) = country_of_ord.get_mut(terms.term_ord() as usize)
            {
                *slot = Some(indexes);
            }
        }
        Ok(FacetSegmentCounter {
            countries,
            country_of_ord,
            regions_of_doc: Vec::new(),
            block: Vec::with_capacity(BLOCK),
            scratch: BlockOrds::default(),
            counts: SegmentCounts {
                country: vec![0; countries::all().len()],
                region: vec![0; subregions().len()],
                speaker: FlatCounts::open(segment, "speaker")?,
                source: FlatCounts::open(segment, "source_facet")?,
                year: YearCounts::open(segment)?,
            },
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentCounts>) -> tantivy::Result<Facets> {
        let limit = self.limit;
        let all = countries::all();
        let mut country: Vec<CountryCount> = sum(segments.iter().map(|s| &s.country), all.len())
            .filter(|&(_, count)| count > 0)
            .map(|(i, count)| CountryCount { code: all[i].code.into(), name: all[i].name.into(), count })
            .collect();
        country.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        country.truncate(limit);
        let mut region: Vec<ValueCount> = sum(segments.iter().map(|s| &s.region), subregions().len())
            .filter(|&(_, count)| count > 0)
            .map(|(i, count)| ValueCount { value: subregions()[i].to_string(), count })
            .collect();
        region.sort_by(by_count_then_value);
        region.truncate(limit);
        let flat = |field: fn(&SegmentCounts) -> &FlatCounts| {
            let field_segments: Vec<&FlatCounts> = segments.iter().map(field).collect();
            top_values(&field_segments, limit)
        };
        let mut by_year: HashMap<i32, u64> = HashMap::new();
        for span in segments.iter().flat_map(|segment| &segment.year.years) {
            *by_year.entry(span.year).or_default() += span.passages;
        }
        let mut year: Vec<ValueCount> =
            by_year.into_iter().map(|(year, count)| ValueCount { value: year.to_string(), count }).collect();
        year.sort_by(by_count_then_value);
        year.truncate(limit);
        year.sort_by(|a, b| b.value.cmp(&a.value));
        Ok(Facets { country, region, speaker: flat(|s| &s.speaker), source: flat(|s| &s.source), year })
    }
}

/// Sums per-segment count arrays, by index.
fn sum<'a>(parts: impl Iterator<Item = &'a Vec<u64>>, len: usize) -> impl Iterator<Item = (usize, u64)> {
    let mut total = vec![0; len];
    for part in parts {
        for (t, n) in total.iter_mut().zip(part) {
            *t += n;
        }
    }
    total.into_iter().enumerate()
}

fn by_count_then_value(a: &ValueCount, b: &ValueCount) -> std::cmp::Ordering {
    b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value))
}

/// One segment's counted values of a flat facet, named: encoded facets back to back, in
/// dictionary (= sorted) order, without one allocation per value.
struct NamedCounts {
    bytes: Vec<u8>,
    ends: Vec<usize>,
    counts: Vec<u64>,
}

impl NamedCounts {
    /// Names the ordinals counted at least `floor` (≥ 1) times, in one pass over the
    /// segment's dictionary.
    fn of(segment: &FlatCounts, floor: u32) -> NamedCounts {
        let ords: Vec<u64> = (0u64..).zip(&segment.counts).filter(|&(_, &n)| n >= floor).map(|(ord, _)| ord).collect();
        let mut named = NamedCounts { bytes: Vec::new(), ends: Vec::with_capacity(ords.len()), counts: Vec::new() };
        let mut counts = ords.iter().map(|&ord| u64::from(segment.counts[ord as usize]));
        let _ = segment.column.dictionary().sorted_ords_to_term_cb(&ords, |encoded| {
            named.bytes.extend_from_slice(encoded);
            named.ends.push(named.bytes.len());
            named.counts.push(counts.next().unwrap_or_default());
        });
        named
    }

    fn iter(&self) -> impl Iterator<Item = (&[u8], u64)> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).zip(&self.counts).map(|((start, &end), &count)| (&self.bytes[start..end], count))
    }
}

/// At most this many dictionary lookups (each decodes a block of the dictionary) for the
/// counts below the floor; beyond it every counted value is named, as one pass does. Not
/// tuned: the 63 bench queries needed at most 139 lookups on the AllSides index, 129 on
/// four times AllSides.
const MAX_LOOKUPS: usize = 512;

/// The fewest passages a value must be counted in, in at least one segment, to have a
/// chance of the top `limit`. The `limit`-th count of any one segment is a lower bound
/// `b` of the `limit`-th total (those `limit` values reach it in that segment alone),
/// and a value below `ceil(b / segments)` everywhere totals less than `b`. Returns 1
/// (name every counted value) when that would not save work.
fn candidate_floor(segments: &[&FlatCounts], limit: usize) -> u32 {
    let bound = segments.iter().map(|s| s.kth_largest(limit)).max().unwrap_or(0);
    let floor = bound.div_ceil(segments.len().max(1) as u32).max(1);
    if floor == 1 || segments.len() > 64 {
        return 1;
    }
    let candidates: usize = segments.iter().map(|s| s.counts.iter().filter(|&&n| n >= floor).count()).sum();
    if candidates * (segments.len() - 1) > MAX_LOOKUPS { 1 } else { floor }
}

/// The `limit` values counted most often over all segments, ties by value, exact.
///
/// A common word meets tens of thousands of speakers, and naming a counted ordinal means
/// decoding its dictionary block; so only the values that can reach the top are named
/// ([`candidate_floor`]), and their counts in the segments where they fell below the
/// floor are looked up by name. Each segment's names come out of its dictionary sorted,
/// so one merge sums them without hashing; only the values kept become strings.
fn top_values(segments: &[&FlatCounts], limit: usize) -> Vec<ValueCount> {
    let floor = candidate_floor(segments, limit);
    let named: Vec<NamedCounts> = segments.iter().map(|s| NamedCounts::of(s, floor)).collect();
    let mut totals: Vec<(&[u8], u64)> = named
        .iter()
        .enumerate()
        .map(|(segment, names)| {
            // A bit per segment (the floor is 1 beyond 64 segments, and the bits unused).
            let bit = 1u64.checked_shl(segment as u32).unwrap_or(0);
            names.iter().map(move |(value, count)| (value, count, bit))
        })
        .kmerge_by(|a, b| a.0 < b.0)
        .coalesce(|a, b| if a.0 == b.0 { Ok((a.0, a.1 + b.1, a.2 | b.2)) } else { Err((a, b)) })
        .map(|(value, count, named_in)| {
            // Below the floor in a segment: not named there, but maybe counted.
            let below_floor: u64 = if floor == 1 {
                0
            } else {
                (0..segments.len()).filter(|s| named_in & (1 << s) == 0).map(|s| segments[s].count_of(value)).sum()
            };
            (value, count + below_floor)
        })
        .collect();
    let best_first = |a: &(&[u8], u64), b: &(&[u8], u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
    if totals.len() > limit {
        totals.select_nth_unstable_by(limit, best_first);
        totals.truncate(limit);
    }
    totals.sort_unstable_by(best_first);
    totals
        .into_iter()
        .filter_map(|(encoded, count)| {
            let facet = Facet::from_encoded(encoded.to_vec()).ok()?;
            Some(ValueCount { value: facet.to_path().join("/"), count })
        })
        .collect()
}

/// Encoded country facet (`/Asia/Central Asia/Kazakhstan`) → (index in the country table,
/// index of its sub-region): built once, so a segment maps its country ordinals with one
/// lookup each.
fn country_of_encoded_facet() -> &'static HashMap<Vec<u8>, (usize, usize)> {
    static MAP: std::sync::LazyLock<HashMap<Vec<u8>, (usize, usize)>> = std::sync::LazyLock::new(|| {
        let subregions = subregions();
        countries::all()
            .iter()
            .enumerate()
            .map(|(index, country)| {
                let region = subregions.iter().position(|r| *r == country.subregion).unwrap_or_default();
                (Facet::from(&country.facet_path()).encoded_str().as_bytes().to_vec(), (index, region))
            })
            .collect()
    });
    &MAP
}

/// The M49 sub-regions of the country table, in table order.
fn subregions() -> &'static [&'static str] {
    static SUBREGIONS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        let mut names: Vec<&'static str> = Vec::new();
        for country in countries::all() {
            if !names.contains(&country.subregion) {
                names.push(country.subregion);
            }
        }
        names
    });
    &SUBREGIONS
}

impl FacetSegmentCounter {
    /// Counts the passages of the block (in document order, as collected).
    fn count_block(&mut self) {
        let (block, scratch, counts) = (&self.block, &mut self.scratch, &mut self.counts);
        scratch.read(self.countries.ords(), block);
        let mut current = None;
        for (&doc, &ord) in scratch.docs.iter().zip(&scratch.ords) {
            if current != Some(doc) {
                current = Some(doc);
                self.regions_of_doc.clear();
            }
            if let Some(&Some((country, region))) = self.country_of_ord.get(ord as usize) {
                counts.country[country] += 1;
                // A passage naming two countries of a region counts once for the region.
                if !self.regions_of_doc.contains(&region) {
                    self.regions_of_doc.push(region);
                    counts.region[region] += 1;
                }
            }
        }
        for flat in [&mut counts.speaker, &mut counts.source] {
            flat.count(block, scratch);
        }
        counts.year.count(block, scratch);
        self.block.clear();
    }
}

impl SegmentCollector for FacetSegmentCounter {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.block.push(doc);
        if self.block.len() == BLOCK {
            self.count_block();
        }
    }

    fn harvest(mut self) -> SegmentCounts {
        self.count_block();
        self.counts.year.end_run();
        self.counts
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use tantivy::schema::{FacetOptions, Schema};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    use super::*;

    /// Segments of speaker facets, one commit each; `segments[s]` lists (values, passages):
    /// `"a+b"` is a passage quoting two people, `""` one quoting nobody.
    fn index_of(segments: &[Vec<(String, u32)>]) -> Index {
        let mut builder = Schema::builder();
        let speaker = builder.add_facet_field("speaker", FacetOptions::default());
        let index = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for segment in segments {
            for (value, passages) in segment {
                for _ in 0..*passages {
                    let mut doc = TantivyDocument::default();
                    for value in value.split('+').filter(|v| !v.is_empty()) {
                        doc.add_facet(speaker, Facet::from(&format!("/{value}")));
                    }
                    writer.add_document(doc).unwrap();
                }
            }
            writer.commit().unwrap();
        }
        index
    }

    /// Every value counted over every passage, best first, ties by value.
    fn by_hand(segments: &[Vec<(String, u32)>], limit: usize) -> Vec<(String, u64)> {
        let mut totals: BTreeMap<String, u64> = BTreeMap::new();
        for (values, passages) in segments.iter().flatten() {
            for value in values.split('+').filter(|v| !v.is_empty()) {
                *totals.entry(value.to_string()).or_default() += u64::from(*passages);
            }
        }
        let mut totals: Vec<(String, u64)> = totals.into_iter().collect();
        totals.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        totals.truncate(limit);
        totals
    }

    fn counted(index: &Index, limit: usize) -> Vec<(String, u64)> {
        let searcher = index.reader().unwrap().searcher();
        let mut scratch = BlockOrds::default();
        let segments: Vec<FlatCounts> = searcher
            .segment_readers()
            .iter()
            .map(|segment| {
                let mut counts = FlatCounts::open(segment, "speaker").unwrap();
                let docs: Vec<DocId> = (0..segment.max_doc()).collect();
                for block in docs.chunks(BLOCK) {
                    counts.count(block, &mut scratch);
                }
                counts
            })
            .collect();
        let segments: Vec<&FlatCounts> = segments.iter().collect();
        top_values(&segments, limit).into_iter().map(|v| (v.value, v.count)).collect()
    }

    #[test]
    fn top_values_are_exact_when_the_best_total_leads_no_segment() {
        // "steady" is quoted 4 times in each of 4 segments (16 in all), while each segment
        // has its own local star quoted 6 times; small fry fill the tails.
        let segments: Vec<Vec<(String, u32)>> = (0..4)
            .map(|s| {
                let mut segment = vec![(format!("star{s}"), 6), ("steady".to_string(), 4), (String::new(), 3)];
                segment.extend((0..30).map(|i| (format!("fry{:02}", (i + 7 * s) % 40), 1 + (i % 3))));
                segment
            })
            .collect();
        let index = index_of(&segments);
        for limit in [1, 2, 3, 5, 10, 100] {
            assert_eq!(counted(&index, limit), by_hand(&segments, limit), "limit {limit}");
        }
        assert_eq!(counted(&index, 1), vec![("steady".to_string(), 16)]);
    }

    #[test]
    fn years_are_counted_from_dates_across_segments_and_runs() {
        let mut builder = Schema::builder();
        for facet in ["country", "speaker", "source_facet"] {
            builder.add_facet_field(facet, FacetOptions::default());
        }
        let date = builder.add_date_field("date", tantivy::schema::DateOptions::default().set_fast());
        let index = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        // Two segments; runs of one date broken by others and by undated passages, and a
        // year (2020) counted in both segments.
        for segment in [
            vec!["2019-03-01", "2019-03-01", "2020-01-01", "", "2019-03-01", "1969-07-20"],
            vec!["2020-05-05", "2020-05-05", "2018-12-31", "2021-06-01", "2021-06-01", "2021-06-02"],
        ] {
            for day in segment {
                let mut doc = TantivyDocument::default();
                if let Ok(day) = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                    let seconds = day.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp();
                    doc.add_date(date, DateTime::from_timestamp_secs(seconds));
                }
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let years = |limit| -> Vec<(String, u64)> {
            let facets = searcher.search(&tantivy::query::AllQuery, &FacetCounter { limit }).unwrap();
            facets.year.into_iter().map(|v| (v.value, v.count)).collect()
        };
        let pairs = |list: &[(&str, u64)]| list.iter().map(|&(y, n)| (y.to_string(), n)).collect::<Vec<_>>();
        // newest first; the `limit` most counted, ties by year
        assert_eq!(years(10), pairs(&[("2021", 3), ("2020", 3), ("2019", 3), ("2018", 1), ("1969", 1)]));
        assert_eq!(years(2), pairs(&[("2020", 3), ("2019", 3)]));
    }

    #[test]
    fn top_values_are_exact_on_random_skewed_counts() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        for round in 0..12 {
            let segment_count = 1 + next(5) as usize;
            let segments: Vec<Vec<(String, u32)>> = (0..segment_count)
                .map(|_| {
                    (0..next(60))
                        .map(|_| {
                            // Zipf-like: low ranks are likely and get large counts.
                            let spread = 1 + next(80);
                            let rank = next(spread);
                            let most = 40 / (rank + 1) + 1;
                            // Some passages quote two people, some nobody.
                            let values = match next(8) {
                                0 => format!("v{rank:02}+v{:02}", next(spread)),
                                1 => String::new(),
                                _ => format!("v{rank:02}"),
                            };
                            (values, (1 + next(most)) as u32)
                        })
                        .collect()
                })
                .collect();
            let index = index_of(&segments);
            for limit in [1, 3, 10] {
                assert_eq!(counted(&index, limit), by_hand(&segments, limit), "round {round}, limit {limit}");
            }
        }
    }
}
