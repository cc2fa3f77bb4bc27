//! What indexing costs without country and speaker extraction: the same pipeline and index
//! writer as `newsdex index` (reading, cleaning, passages, the schema's fields, facets and
//! columns, the final merge), with an enrichment step that only splits passages. Set beside
//! the raw-Tantivy baseline (`baseline_tantivy`) and `newsdex index` on the same corpus, it
//! tells how much of newsdex's indexing time is extraction and how much the rest.
//!
//! ```sh
//! cargo run --release --example index_without_extraction -- INPUT INDEX_DIR
//! ```
//!
//! The index it writes has no country, `about` or speaker facets: it is for timing only.
//! It runs on `newsdex`'s allocator, so that the difference is extraction alone.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use newsdex::article::{Article, EnrichedArticle, Passage};
use newsdex::index::NewsIndex;
use newsdex::index::writer::{NewsWriter, WriterOptions};
use newsdex::ingest::FieldMap;
use newsdex::passage::split_passages;
use newsdex::pipeline::{self, Event};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Passages without countries or speakers.
fn passages_only(article: Article) -> EnrichedArticle {
    let passages = split_passages(&article.paragraphs)
        .into_iter()
        .enumerate()
        .map(|(n, draft)| Passage {
            n: n as u64,
            heading: draft.heading,
            text: draft.text,
            countries: Vec::new(),
            speakers: Vec::new(),
        })
        .collect();
    EnrichedArticle {
        article,
        passages,
        countries: Vec::new(),
        about: Vec::new(),
        speakers: Vec::new(),
        sources: Vec::new(),
    }
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, dir] = args.as_slice() else { bail!("usage: index_without_extraction INPUT INDEX_DIR") };
    let dir = PathBuf::from(dir);
    let news_index = NewsIndex::open_or_create(&dir).context("opening the index")?;
    let mut writer = NewsWriter::new(news_index, &dir, WriterOptions::default())?;
    let (mut articles, mut problems) = (0u64, 0u64);
    let mut failed = None;
    pipeline::run_with(
        &[PathBuf::from(input)],
        &FieldMap::default(),
        |_| false,
        passages_only,
        |event| {
            match event {
                Event::Article(enriched) => match writer.add(&enriched) {
                    Ok(_) => articles += 1,
                    Err(err) => failed = Some(err),
                },
                Event::Problem(_) => problems += 1,
                Event::Unchanged(_) | Event::Idle => {}
            }
            failed.is_none()
        },
    );
    if let Some(err) = failed {
        return Err(err).context("writing the index");
    }
    writer.finish().context("committing the index")?;
    eprintln!("{articles} articles indexed without extraction, {problems} problems");
    Ok(())
}
