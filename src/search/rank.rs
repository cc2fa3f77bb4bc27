//! The best passages by BM25 score, ties broken by article id and then passage number.
//!
//! Why not Tantivy's `TopDocs` ordered by (score, article id, passage)? Because a key that
//! is more than the score makes Tantivy score every matching passage, while ordering by
//! the score alone lets it skip blocks of postings that cannot reach the top (Block-WAND),
//! and that skipping keeps a common word fast as an archive grows. Ordering by the score
//! alone, though, leaves ties in whatever order the passages were indexed, and Block-WAND
//! adds up a passage's term scores in an order that depends on where the terms' postings
//! stand, so a tie can come out one float step apart either way.
//!
//! This collector has both, in two steps per segment:
//!
//! 1. With Block-WAND, it gathers every passage that scores within a small [`SLACK`] of the
//!    running `limit`-th best score, ties and near-ties included.
//! 2. It scores those again with Tantivy's ordinary scorer, which adds term scores in the
//!    query's order (the score `for_each` would give), and keeps the `limit` best by
//!    (score, article id, passage), article ids compared by their ordinals in the
//!    segment's dictionary.
//!
//! The segments' bests are then named and merged. The result is the top of the full sort:
//! a passage of the overall top `limit` scores, in either order of addition, within
//! [`SLACK`] of its own segment's `limit`-th best, so no segment prunes it. Should the
//! near-ties pile up (thousands of identical passages), a segment falls back to scoring
//! every match.
//!
//! Facet counts need every match anyway, but not its score: `collect` counts them in a
//! separate pass that does not score. Where Block-WAND does not apply (phrases, required
//! words, filters), ranking has to score every match, so `collect` runs this collector in
//! the counting pass instead, and it keeps the best by the full key as the matches come,
//! reading the tie-break keys only of passages that score high enough to enter.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, Score, SegmentReader};

use super::Ranked;

/// The `limit` best passages by (score descending, article id, passage number).
pub(super) struct BestByScore {
    pub limit: usize,
}

/// A passage in the running for the top of one segment. It orders as its rank would: a
/// better candidate is smaller, so the worst one kept is the top of a `BinaryHeap`.
struct Candidate {
    score: Score,
    article_ord: u64,
    passage: u64,
    doc: DocId,
}

impl Candidate {
    fn key_cmp(&self, other: &Candidate) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then(self.article_ord.cmp(&other.article_ord))
            .then(self.passage.cmp(&other.passage))
            .then(self.doc.cmp(&other.doc))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.key_cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key_cmp(other)
    }
}

/// Relative margin under the running `limit`-th best score within which passages are
/// gathered for scoring again: far above the few float steps by which sums of the same
/// term scores in another order can differ.
const SLACK: Score = 1e-5;

/// Passages gathered per segment before near-ties count as piling up: beyond
/// `max(NEAR_TIES_PER_RESULT × limit, NEAR_TIES_MIN)`, the segment is ranked by scoring
/// every match.
const NEAR_TIES_PER_RESULT: usize = 4;
const NEAR_TIES_MIN: usize = 4096;

pub(super) struct BestInSegment {
    limit: usize,
    segment_ord: u32,
    article_ids: StrColumn,
    passages: Column<u64>,
    /// The best candidates so far, the worst on top.
    heap: BinaryHeap<Candidate>,
}

impl SegmentCollector for BestInSegment {
    type Fruit = Vec<(Ranked, u64)>;

    /// Offers a passage with its exact score.
    fn collect(&mut self, doc: DocId, score: Score) {
        if self.limit == 0 {
            return;
        }
        // Scored below the worst kept, a passage cannot enter: its tie-break keys are not read.
        if self.heap.len() >= self.limit && self.heap.peek().is_some_and(|worst| score < worst.score) {
            return;
        }
        let candidate = Candidate {
            score,
            article_ord: self.article_ids.term_ords(doc).next().unwrap_or(u64::MAX),
            passage: self.passages.first(doc).unwrap_or(0),
            doc,
        };
        if self.heap.len() < self.limit {
            self.heap.push(candidate);
        } else if self.heap.peek().is_some_and(|worst| candidate < *worst) {
            self.heap.pop();
            self.heap.push(candidate);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut article_id = String::new();
        self.heap
            .into_vec()
            .into_iter()
            .map(|c| {
                article_id.clear();
                // An ordinal the dictionary cannot name leaves the id empty, as a missing one does.
                let _ = self.article_ids.ord_to_str(c.article_ord, &mut article_id);
                let address = DocAddress::new(self.segment_ord, c.doc);
                (Ranked { score: c.score, address, article_id: article_id.clone() }, c.passage)
            })
            .collect()
    }
}

/// Step 1 of the module's two: the passages of one segment scoring, by Block-WAND's sums,
/// within [`SLACK`] of the running `limit`-th best; `None` if they pile up past `cap`.
fn gather_near_best(
    weight: &dyn Weight,
    segment: &SegmentReader,
    limit: usize,
    cap: usize,
) -> tantivy::Result<Option<Vec<DocId>>> {
    /// The lowest score still gathered when the `limit`-th best is `kth`.
    fn floor(kth: Score) -> Score {
        kth - kth.abs() * SLACK
    }
    let alive = segment.alive_bitset();
    let mut best_scores = BestScores { limit, lowest_on_top: BinaryHeap::with_capacity(limit + 1) };
    let mut gathered: Vec<(DocId, Score)> = Vec::new();
    let mut piled_up = false;
    weight.for_each_pruning(Score::MIN, segment, &mut |doc, score| {
        if alive.is_none_or(|alive| alive.is_alive(doc)) {
            gathered.push((doc, score));
            best_scores.push(score);
        }
        let Some(kth) = best_scores.kth() else { return Score::MIN };
        if gathered.len() >= 2 * cap {
            gathered.retain(|&(_, s)| s >= floor(kth));
            if gathered.len() > cap {
                piled_up = true;
                return Score::MAX;
            }
        }
        floor(kth).next_down()
    })?;
    if piled_up {
        return Ok(None);
    }
    if let Some(kth) = best_scores.kth() {
        gathered.retain(|&(_, s)| s >= floor(kth));
    }
    let mut docs: Vec<DocId> = gathered.into_iter().map(|(doc, _)| doc).collect();
    docs.sort_unstable();
    Ok(Some(docs))
}

/// The `limit` best scores offered so far.
struct BestScores {
    limit: usize,
    lowest_on_top: BinaryHeap<Reverse<TotalScore>>,
}

impl BestScores {
    fn push(&mut self, score: Score) {
        self.lowest_on_top.push(Reverse(TotalScore(score)));
        if self.lowest_on_top.len() > self.limit {
            self.lowest_on_top.pop();
        }
    }

    /// The `limit`-th best score, once `limit` have been offered.
    fn kth(&self) -> Option<Score> {
        self.lowest_on_top.peek().filter(|_| self.lowest_on_top.len() >= self.limit).map(|Reverse(TotalScore(s))| *s)
    }
}

/// A score ordered by `total_cmp`.
#[derive(PartialEq)]
struct TotalScore(Score);

impl Eq for TotalScore {}

impl PartialOrd for TotalScore {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TotalScore {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl Collector for BestByScore {
    type Fruit = Vec<Ranked>;
    type Child = BestInSegment;

    fn for_segment(&self, segment_ord: u32, segment: &SegmentReader) -> tantivy::Result<BestInSegment> {
        let fast = segment.fast_fields();
        let article_ids = fast
            .str("article_id")?
            .ok_or_else(|| tantivy::TantivyError::SchemaError("`article_id` has no column".into()))?;
        Ok(BestInSegment {
            limit: self.limit,
            segment_ord,
            article_ids,
            passages: fast.u64("passage")?,
            heap: BinaryHeap::with_capacity(self.limit.min(1 << 16) + 1),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    /// Ranks one segment, skipping what cannot reach the top (see the module's doc).
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment_ord: u32,
        segment: &SegmentReader,
    ) -> tantivy::Result<Vec<(Ranked, u64)>> {
        let mut best = self.for_segment(segment_ord, segment)?;
        if self.limit == 0 {
            return Ok(Vec::new());
        }
        let cap = self.limit.saturating_mul(NEAR_TIES_PER_RESULT).max(NEAR_TIES_MIN);
        match gather_near_best(weight, segment, self.limit, cap)? {
            Some(docs) => {
                // Step 2: the ordinary scorer, moved forward from one gathered passage to the next.
                let mut scorer = weight.scorer(segment, 1.0)?;
                for doc in docs {
                    if scorer.doc() < doc {
                        scorer.seek(doc);
                    }
                    if scorer.doc() == doc {
                        best.collect(doc, scorer.score());
                    }
                }
            }
            None => {
                let alive = segment.alive_bitset();
                weight.for_each(segment, &mut |doc, score| {
                    if alive.is_none_or(|alive| alive.is_alive(doc)) {
                        best.collect(doc, score);
                    }
                })?;
            }
        }
        Ok(best.harvest())
    }

    fn merge_fruits(&self, segments: Vec<Vec<(Ranked, u64)>>) -> tantivy::Result<Vec<Ranked>> {
        let mut all: Vec<(Ranked, u64)> = segments.into_iter().flatten().collect();
        all.sort_by(|(a, a_passage), (b, b_passage)| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.article_id.cmp(&b.article_id))
                .then(a_passage.cmp(b_passage))
                .then(a.address.cmp(&b.address))
        });
        all.truncate(self.limit);
        Ok(all.into_iter().map(|(ranked, _)| ranked).collect())
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue, SortByString};
    use tantivy::query::QueryParser;
    use tantivy::schema::{FAST, Field, STRING, Schema, TEXT};
    use tantivy::{Index, IndexWriter, Order, Searcher, TantivyDocument};

    use super::*;

    const WORDS: [&str; 8] = ["alpha", "beta", "gamma", "delta", "river", "dam", "water", "court"];

    /// Several segments of generated passages: words drawn with skewed frequencies (so
    /// postings span many blocks and Block-WAND skips some), exact repeats of a few
    /// passages across articles (true ties), and one segment where 9,000 passages read
    /// "zeta" alone (ties that pile up).
    fn index() -> (Index, [Field; 2]) {
        let mut builder = Schema::builder();
        let article_id = builder.add_text_field("article_id", STRING | FAST);
        let passage = builder.add_u64_field("passage", FAST);
        let title = builder.add_text_field("title", TEXT);
        let text = builder.add_text_field("text", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 50_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let add = |writer: &mut IndexWriter, id: &str, n: u64, title_text: &str, body: &str| {
            let mut doc = TantivyDocument::default();
            doc.add_text(article_id, id);
            doc.add_u64(passage, n);
            doc.add_text(title, title_text);
            doc.add_text(text, body);
            writer.add_document(doc).unwrap();
        };
        for segment in 0..3 {
            for article in 0..400 {
                let id = format!("a{:04}", (article * 7919 + segment * 131) % 10_000);
                let title_text = WORDS[(next() % 8) as usize];
                for n in 0..4 {
                    let body: Vec<&str> = (0..(3 + next() % 12))
                        .map(|_| WORDS[(next() % 8).min(next() % 8) as usize])
                        .chain(["filler"; 3])
                        .collect();
                    let body = if n == 3 { "alpha beta gamma river".to_string() } else { body.join(" ") };
                    add(&mut writer, &id, n, if n == 3 { "dam" } else { title_text }, &body);
                }
            }
            writer.commit().unwrap();
        }
        for i in 0..9_000 {
            add(&mut writer, &format!("z{:05}", (i * 37) % 9_000), 0, "", "zeta");
        }
        writer.commit().unwrap();
        (index, [title, text])
    }

    /// What Tantivy's `TopDocs` gives when sorting every match by the full key.
    fn sorted_by_full_key(
        searcher: &Searcher,
        query: &dyn tantivy::query::Query,
        limit: usize,
    ) -> Vec<(f32, String, DocAddress)> {
        let collector = TopDocs::with_limit(limit).order_by((
            (SortBySimilarityScore, Order::Desc),
            (SortByString::for_field("article_id"), Order::Asc),
            (SortByStaticFastValue::<u64>::for_field("passage"), Order::Asc),
        ));
        searcher
            .search(query, &collector)
            .unwrap()
            .into_iter()
            .map(|((score, id, _), address)| (score, id.unwrap_or_default(), address))
            .collect()
    }

    #[test]
    fn pruned_ranking_equals_the_full_sort_with_ties_broken_by_article_and_passage() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 4);
        let parser = QueryParser::for_index(&index, fields.to_vec());
        for text in [
            "alpha",
            "water dam court",
            "alpha beta gamma river",
            "+river +dam",
            "\"beta gamma\"",
            "zeta",
            "zeta alpha",
        ] {
            let query = parser.parse_query(text).unwrap();
            for limit in [1, 3, 10, 40, 200] {
                let ours: Vec<(f32, String, DocAddress)> = searcher
                    .search(&query, &BestByScore { limit })
                    .unwrap()
                    .into_iter()
                    .map(|r| (r.score, r.article_id, r.address))
                    .collect();
                assert_eq!(ours, sorted_by_full_key(&searcher, &query, limit), "{text:?}, limit {limit}");
                assert!(!ours.is_empty(), "{text:?} matches nothing");
            }
        }
    }
}
