//! Facet counts over every matching passage, in one collector.
//!
//! Tantivy's `FacetCollector` turns each counted ordinal back into its term one at a time,
//! which dominates a search for a common word when there are thousands of speakers.
//! This collector counts ordinals per segment in plain arrays, and resolves the ordinals
//! it saw in one sorted pass over each segment's dictionary. Countries are resolved up
//! front (a segment holds at most a few hundred), so regions can be counted once per
//! passage even when it names several countries of one region.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentReader};

use crate::extract::countries;

/// Counts per facet value; countries by table index, regions by sub-region name.
#[derive(Debug, Default)]
pub struct RawFacetCounts {
    pub country: HashMap<usize, u64>,
    pub region: HashMap<&'static str, u64>,
    pub speaker: HashMap<String, u64>,
    pub source: HashMap<String, u64>,
    pub year: HashMap<String, u64>,
}

/// Counts the country, region, speaker, source and year facets of the matching passages.
pub struct FacetCounter;

/// A flat facet field (one level: speaker, source, year) in one segment.
struct FlatCounts {
    reader: FacetReader,
    counts: Vec<u32>,
}

impl FlatCounts {
    fn open(segment: &SegmentReader, field: &str) -> tantivy::Result<FlatCounts> {
        let reader = segment.facet_reader(field)?;
        let counts = vec![0; reader.num_facets()];
        Ok(FlatCounts { reader, counts })
    }

    fn collect(&mut self, doc: DocId) {
        for ord in self.reader.facet_ords(doc) {
            if let Some(count) = self.counts.get_mut(ord as usize) {
                *count += 1;
            }
        }
    }

    /// The values seen, with their counts: one sorted pass over the dictionary.
    fn harvest(self, into: &mut HashMap<String, u64>) {
        let ords: Vec<u64> = (0..self.counts.len() as u64).filter(|&ord| self.counts[ord as usize] > 0).collect();
        let mut seen = ords.iter();
        let _ = self.reader.facet_dict().sorted_ords_to_term_cb(&ords, |bytes| {
            let Some(&ord) = seen.next() else { return };
            if let Ok(facet) = Facet::from_encoded(bytes.to_vec()) {
                *into.entry(facet.to_path().join("/")).or_default() += u64::from(self.counts[ord as usize]);
            }
        });
    }
}

pub struct FacetSegmentCounter {
    countries: FacetReader,
    /// Country facet ordinal → (index in the country table, index of its sub-region).
    country_of_ord: Vec<Option<(usize, usize)>>,
    /// Counts by country table index, and by sub-region index.
    country_counts: Vec<u64>,
    region_counts: Vec<u64>,
    regions_of_doc: Vec<usize>,
    speaker: FlatCounts,
    source: FlatCounts,
    year: FlatCounts,
}

impl Collector for FacetCounter {
    type Fruit = RawFacetCounts;
    type Child = FacetSegmentCounter;

    fn for_segment(&self, _segment_local_id: u32, segment: &SegmentReader) -> tantivy::Result<FacetSegmentCounter> {
        let countries = segment.facet_reader("country")?;
        let mut country_of_ord = vec![None; countries.num_facets()];
        let mut terms = countries.facet_dict().stream()?;
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
            country_counts: vec![0; countries::all().len()],
            region_counts: vec![0; subregions().len()],
            regions_of_doc: Vec::new(),
            speaker: FlatCounts::open(segment, "speaker")?,
            source: FlatCounts::open(segment, "source_facet")?,
            year: FlatCounts::open(segment, "year")?,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<RawFacetCounts>) -> tantivy::Result<RawFacetCounts> {
        let mut total = RawFacetCounts::default();
        for fruit in fruits {
            add(&mut total.country, fruit.country);
            add(&mut total.region, fruit.region);
            add(&mut total.speaker, fruit.speaker);
            add(&mut total.source, fruit.source);
            add(&mut total.year, fruit.year);
        }
        Ok(total)
    }
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

fn add<K: std::hash::Hash + Eq>(total: &mut HashMap<K, u64>, part: HashMap<K, u64>) {
    for (key, count) in part {
        *total.entry(key).or_default() += count;
    }
}

impl SegmentCollector for FacetSegmentCounter {
    type Fruit = RawFacetCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.regions_of_doc.clear();
        for ord in self.countries.facet_ords(doc) {
            if let Some(&Some((country, region))) = self.country_of_ord.get(ord as usize) {
                self.country_counts[country] += 1;
                if !self.regions_of_doc.contains(&region) {
                    self.regions_of_doc.push(region);
                    self.region_counts[region] += 1;
                }
            }
        }
        self.speaker.collect(doc);
        self.source.collect(doc);
        self.year.collect(doc);
    }

    fn harvest(self) -> RawFacetCounts {
        let nonzero = |counts: Vec<u64>| counts.into_iter().enumerate().filter(|(_, n)| *n > 0);
        let mut counts = RawFacetCounts {
            country: nonzero(self.country_counts).collect(),
            region: nonzero(self.region_counts).map(|(i, n)| (subregions()[i], n)).collect(),
            ..Default::default()
        };
        self.speaker.harvest(&mut counts.speaker);
        self.source.harvest(&mut counts.source);
        self.year.harvest(&mut counts.year);
        counts
    }
}
