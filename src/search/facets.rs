//! Facet counts over every matching passage, in one collector.
//!
//! Tantivy's `FacetCollector` turns each counted ordinal back into its term one at a time,
//! which dominates a search for a common word when there are thousands of speakers.
//! This collector counts ordinals per segment in plain arrays, names the counted ones in
//! one pass over each segment's dictionary, merges the sorted lists and makes strings of
//! the values kept only ([`top_values`]). Countries are resolved up front (a
//! segment holds at most a few hundred), so regions can be counted once per passage even
//! when it names several countries of one region.

use itertools::Itertools;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentReader};

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
}

impl BlockOrds {
    fn read(&mut self, column: &Column<u64>, block: &[DocId]) {
        self.docs.clear();
        self.rows.clear();
        column.row_ids_for_docs(block, &mut self.docs, &mut self.rows);
        self.ords.resize(self.rows.len(), 0);
        column.values.get_vals(&self.rows, &mut self.ords);
    }
}

/// A flat facet field (one level: speaker, source, year) in one segment.
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
}

/// One segment's counts.
pub struct SegmentCounts {
    /// By index in the country table, and by index of the sub-region.
    country: Vec<u64>,
    region: Vec<u64>,
    speaker: FlatCounts,
    source: FlatCounts,
    year: FlatCounts,
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
            let Ok(facet) = Facet::from_encoded(terms.key().to_vec()) else { continue };
            let leaf = facet.to_path().last().copied().unwrap_or_default();
            if let Some(country) = countries::by_name(leaf)
                && let Some(slot) = country_of_ord.get_mut(terms.term_ord() as usize)
            {
                let index = countries::all().iter().position(|c| std::ptr::eq(c, country)).unwrap_or_default();
                let region = subregions().iter().position(|r| *r == country.subregion).unwrap_or_default();
                *slot = Some((index, region));
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
                year: FlatCounts::open(segment, "year")?,
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
        let mut year = flat(|s| &s.year);
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
    /// Names the counted ordinals in one pass over the segment's dictionary.
    fn of(segment: &FlatCounts) -> NamedCounts {
        let ords: Vec<u64> = (0u64..).zip(&segment.counts).filter(|&(_, &n)| n > 0).map(|(ord, _)| ord).collect();
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

/// The `limit` values counted most often over all segments, ties by value. Each segment's
/// values come out of its dictionary sorted, so one merge sums them without hashing; only
/// the values kept become strings (a common word meets tens of thousands of speakers).
fn top_values(segments: &[&FlatCounts], limit: usize) -> Vec<ValueCount> {
    let named: Vec<NamedCounts> = segments.iter().map(|s| NamedCounts::of(s)).collect();
    let mut totals: Vec<(&[u8], u64)> = named
        .iter()
        .map(NamedCounts::iter)
        .kmerge_by(|a, b| a.0 < b.0)
        .coalesce(|a, b| if a.0 == b.0 { Ok((a.0, a.1 + b.1)) } else { Err((a, b)) })
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
        for flat in [&mut counts.speaker, &mut counts.source, &mut counts.year] {
            flat.count(block, scratch);
        }
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
        self.counts
    }
}
