//! Ranking quality on the TIME collection: MAP and nDCG@10 of newsdex's passage ranking,
//! with an article ranked by its best passage (`--per-article 1`), for the choices the
//! README documents: any-word (OR) or all-words (AND) queries, with or without stemming.
//!
//! Run: `cargo run --release --example eval_time` (skips when ../shared/data is absent).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use newsdex::index::writer::{NewsWriter, WriterOptions};
use newsdex::index::{ANALYZER, NewsIndex, analyzer_with};
use newsdex::ingest::FieldMap;
use newsdex::pipeline::{self, Event};
use newsdex::search::{SearchRequest, search};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/time");
    if !data.is_dir() {
        println!("skipped: {} not found", data.display());
        return Ok(());
    }
    let queries = read_queries(&data.join("time-queries-dev.tsv"))?;
    let qrels = read_qrels(&data.join("time-qrels-dev.txt"))?;
    println!(
        "TIME: {} queries with judgments, {} relevant pairs",
        queries.len(),
        qrels.values().map(HashSet::len).sum::<usize>()
    );
    println!("{:<10} {:<8} {:>7} {:>9}", "stemming", "operator", "MAP", "nDCG@10");
    for stemming in [true, false] {
        let dir = tempdir(stemming)?;
        let index = build(&data.join("time.jsonl"), &dir, stemming)?;
        for require_all in [false, true] {
            let (map, ndcg) = evaluate(&index, &queries, &qrels, require_all)?;
            let operator = if require_all { "AND" } else { "OR" };
            println!("{:<10} {:<8} {:>7.4} {:>9.4}", if stemming { "yes" } else { "no" }, operator, map, ndcg);
        }
        std::fs::remove_dir_all(&dir)?;
    }
    Ok(())
}

fn tempdir(stemming: bool) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("newsdex-eval-time-{}-{stemming}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Indexes the collection with newsdex's own pipeline and the chosen analyser.
fn build(corpus: &Path, dir: &Path, stemming: bool) -> Result<NewsIndex, Box<dyn std::error::Error>> {
    let news_index = NewsIndex::open_or_create(dir)?;
    news_index.index.tokenizers().register(ANALYZER, analyzer_with(stemming));
    let searchable =
        NewsIndex { index: news_index.index.clone(), fields: news_index.fields, meta: news_index.meta.clone() };
    let mut writer = NewsWriter::new(news_index, dir, WriterOptions::default())?;
    let mut failure = None;
    pipeline::run(
        &[corpus.to_path_buf()],
        &FieldMap::default(),
        |_| false,
        |event| {
            if let Event::Article(article) = event
                && let Err(err) = writer.add(&article)
            {
                failure = Some(err);
                return false;
            }
            true
        },
    );
    if let Some(err) = failure {
        return Err(err.into());
    }
    writer.finish()?;
    Ok(searchable)
}

/// Mean average precision over the judged queries, and mean nDCG@10 (binary gains).
fn evaluate(
    index: &NewsIndex,
    queries: &[(String, String)],
    qrels: &HashMap<String, HashSet<String>>,
    require_all: bool,
) -> Result<(f64, f64), Box<dyn std::error::Error>> {
    let (mut ap_sum, mut ndcg_sum, mut judged) = (0.0, 0.0, 0);
    for (id, text) in queries {
        let Some(relevant) = qrels.get(id) else { continue };
        judged += 1;
        let mut request = SearchRequest::new(text.as_str());
        request.limit = 1000;
        request.per_article = 1;
        request.facet_limit = 0;
        request.require_all_terms = require_all;
        let ranking: Vec<String> = search(index, &request)?.hits.into_iter().map(|h| h.article_id).collect();
        let (mut found, mut precision_sum) = (0, 0.0);
        for (i, article) in ranking.iter().enumerate() {
            if relevant.contains(article) {
                found += 1;
                precision_sum += found as f64 / (i + 1) as f64;
            }
        }
        ap_sum += precision_sum / relevant.len() as f64;
        let dcg: f64 = ranking
            .iter()
            .take(10)
            .enumerate()
            .filter(|(_, a)| relevant.contains(*a))
            .map(|(i, _)| 1.0 / (i as f64 + 2.0).log2())
            .sum();
        let ideal: f64 = (0..relevant.len().min(10)).map(|i| 1.0 / (i as f64 + 2.0).log2()).sum();
        ndcg_sum += dcg / ideal;
    }
    Ok((ap_sum / judged as f64, ndcg_sum / judged as f64))
}

fn read_queries(path: &Path) -> std::io::Result<Vec<(String, String)>> {
    Ok(std::fs::read_to_string(path)?
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(id, text)| (id.trim().to_string(), text.trim().to_string()))
        .collect())
}

/// TREC qrels: `query 0 document relevance`.
fn read_qrels(path: &Path) -> std::io::Result<HashMap<String, HashSet<String>>> {
    let mut qrels: HashMap<String, HashSet<String>> = HashMap::new();
    for line in std::fs::read_to_string(path)?.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if let [query, _, document, relevance] = parts.as_slice()
            && relevance.parse::<u32>().is_ok_and(|r| r > 0)
        {
            qrels.entry(query.to_string()).or_default().insert(document.to_string());
        }
    }
    Ok(qrels)
}
