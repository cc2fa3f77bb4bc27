//! Warm, in-process search benchmark (see `bench/README.md`): opens a newsdex index once and
//! runs every query of a list many times through `newsdex::search::search_with` (one reader for the process), in several modes:
//!
//! - `full`: the command line's defaults (10 hits, 2 per article, facets counted, highlights);
//! - `no-facets`: the same with `facet_limit: 0`;
//! - `no-hits`: `limit: 0`: ranking, counting and facets only, no stored document read
//!   and nothing highlighted (SearchRequest has no switch for highlights alone);
//! - `no-facets-no-hits`: both off: the cost of matching and ranking alone;
//! - `highlight`: the highlight step alone (`search::highlight::highlight` over the texts of
//!   the `full` hits), so `full − highlight` is a search without snippets.
//!
//! ```sh
//! cargo run --release --example bench_search -- INDEX_DIR bench/queries.txt [RUNS]
//! ```
//!
//! Prints a markdown table of median and p95 milliseconds per query class and mode (the
//! statistics are taken over every run of every query of the class), then the overall figures.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use newsdex::index::NewsIndex;
use newsdex::search::{SearchRequest, highlight, query, search_with};

/// One query of the list.
struct Query {
    class: String,
    text: String,
    country: Option<String>,
}

impl Query {
    fn class_label(&self) -> String {
        if self.country.is_some() { format!("{} +country", self.class) } else { self.class.clone() }
    }
}

const MODES: [&str; 5] = ["full", "no-facets", "no-hits", "no-facets-no-hits", "highlight"];

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, list, runs) = match args.as_slice() {
        [dir, list] => (dir, list, 20),
        [dir, list, runs] => (dir, list, runs.parse().context("RUNS must be a number")?),
        _ => bail!("usage: bench_search INDEX_DIR QUERIES.txt [RUNS]"),
    };
    let queries = read_queries(Path::new(list))?;
    let mut news_index = NewsIndex::open(Path::new(dir))?;
    news_index.search_segments_in_parallel()?;
    let tokenizer = news_index.index.tokenizer_for_field(news_index.fields.text)?;
    // One reader for the whole process, as a long-lived search service would keep it.
    let searcher = news_index.reader()?.searcher();
    let search = |request: &SearchRequest| search_with(&searcher, &news_index, request);

    // samples[(class label, mode)] = milliseconds of every run of every query of the class.
    let mut samples: BTreeMap<(String, &str), Vec<f64>> = BTreeMap::new();
    let mut all: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for q in &queries {
        let base = || {
            let mut request = SearchRequest::new(q.text.clone());
            request.countries = q.country.iter().cloned().collect();
            request
        };
        let requests = [
            ("full", base()),
            ("no-facets", SearchRequest { facet_limit: 0, ..base() }),
            ("no-hits", SearchRequest { limit: 0, ..base() }),
            ("no-facets-no-hits", SearchRequest { limit: 0, facet_limit: 0, ..base() }),
        ];
        // One warm-up run of each mode.
        for (_, request) in &requests {
            search(request)?;
        }
        let parsed = query::parse_text_query(&news_index.index, &news_index.fields, &q.text, false)?;
        let terms = highlight::query_terms(parsed.query.as_ref(), news_index.fields.text);
        let texts: Vec<String> = search(&requests[0].1)?.hits.into_iter().map(|h| h.text).collect();
        for _ in 0..runs {
            for (mode, request) in &requests {
                let started = Instant::now();
                let results = search(request)?;
                let ms = started.elapsed().as_secs_f64() * 1e3;
                std::hint::black_box(results);
                samples.entry((q.class_label(), mode)).or_default().push(ms);
                all.entry(mode).or_default().push(ms);
            }
            let started = Instant::now();
            for text in &texts {
                std::hint::black_box(highlight::highlight(text, &terms, tokenizer.clone()));
            }
            let ms = started.elapsed().as_secs_f64() * 1e3;
            samples.entry((q.class_label(), "highlight")).or_default().push(ms);
            all.entry("highlight").or_default().push(ms);
        }
    }

    println!("Warm in-process search, {} queries × {runs} runs, milliseconds: median / p95\n", queries.len());
    println!("| class | queries | {} |", MODES.join(" | "));
    println!("|---|---:|{}", "---:|".repeat(MODES.len()));
    let mut labels: Vec<String> = queries.iter().map(Query::class_label).collect();
    labels.dedup();
    for label in &labels {
        let count = queries.iter().filter(|q| &q.class_label() == label).count();
        let cells: Vec<String> = MODES
            .iter()
            .map(|mode| samples.get(&(label.clone(), *mode)).map_or_else(String::new, |s| stats(s)))
            .collect();
        println!("| {label} | {count} | {} |", cells.join(" | "));
    }
    let cells: Vec<String> = MODES.iter().map(|mode| all.get(mode).map_or_else(String::new, |s| stats(s))).collect();
    println!("| **all** | {} | {} |", queries.len(), cells.join(" | "));
    Ok(())
}

/// `median / p95` of a sample, in milliseconds.
fn stats(sample: &[f64]) -> String {
    let mut sorted = sample.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    format!("{:.2} / {:.2}", at(0.5), at(0.95))
}

/// Reads the query list: `QUERY[<TAB>--country X]`; `# class NAME` starts a class.
fn read_queries(path: &Path) -> Result<Vec<Query>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut class = String::from("other");
    let mut queries = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("# class ") {
            class = name.trim().to_string();
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (query, options) = line.split_once('\t').unwrap_or((line, ""));
        let country = options
            .trim()
            .strip_prefix("--country")
            .map(|value| value.trim().trim_matches('"').to_string())
            .filter(|value| !value.is_empty());
        queries.push(Query { class: class.clone(), text: query.to_string(), country });
    }
    Ok(queries)
}
