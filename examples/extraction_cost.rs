//! What extraction costs: passages per second through passage splitting alone and through
//! the whole of `extract::enrich` (passages, countries, speakers, `about`), measured in one
//! run on the same articles, one thread.
//!
//! Run: `cargo run --release --example extraction_cost [ARTICLES]` (default 5,000 AllSides
//! articles; skips when ../shared/data is absent).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

use newsdex::article::{Article, Origin};
use newsdex::extract::enrich;
use newsdex::ingest::{FieldMap, finish, json::parse_object};
use newsdex::passage::split_passages;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/allsides/allsides.jsonl.gz");
    if !path.is_file() {
        println!("skipped: {} not found", path.display());
        return Ok(());
    }
    let wanted: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(5_000);
    let reader = BufReader::new(flate2::read::MultiGzDecoder::new(std::fs::File::open(&path)?));
    let fields = FieldMap::default();
    let mut articles: Vec<Article> = Vec::with_capacity(wanted);
    for (i, line) in reader.lines().enumerate() {
        if articles.len() == wanted {
            break;
        }
        let origin = Origin { path: path.display().to_string(), line: Some(i as u64 + 1) };
        if let Ok((article, _)) =
            parse_object(&line?, &fields).map_err(|_| ()).and_then(|raw| finish(origin, raw).map_err(|_| ()))
        {
            articles.push(article);
        }
    }

    let started = Instant::now();
    let passages: usize = articles.iter().map(|a| split_passages(&a.paragraphs).len()).sum();
    let split_seconds = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let enriched: usize = articles.into_iter().map(|a| enrich(a).passages.len()).sum();
    let enrich_seconds = started.elapsed().as_secs_f64();
    assert_eq!(passages, enriched);

    println!("{passages} passages, one thread:");
    println!("  passages only:          {:>9.0} passages/s", passages as f64 / split_seconds);
    println!("  passages + extraction:  {:>9.0} passages/s", passages as f64 / enrich_seconds);
    Ok(())
}
