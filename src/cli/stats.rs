//! `newsdex stats`: what the index holds.

use std::io::Write;

use anyhow::Context;
use clap::Args;
use newsdex::index::NewsIndex;
use newsdex::index::summary::{IndexSummary, summarize};

use super::style::counted;
use super::{IndexDir, exit};

/// Show what the index holds: articles, passages, duplicates folded, dates, top facets, size.
#[derive(Args)]
#[command(after_help = "Examples:\n  newsdex stats\n  newsdex stats --index ~/news-index --json")]
pub struct StatsArgs {
    #[command(flatten)]
    pub index: IndexDir,
    /// One JSON object on stdout.
    #[arg(long)]
    json: bool,
    /// Values listed per facet.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
}

pub fn run(args: StatsArgs) -> anyhow::Result<u8> {
    let news_index = NewsIndex::open(&args.index.dir)?;
    let summary = summarize(&news_index, &args.index.dir, args.top)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &summary).context("writing JSON")?;
        writeln!(out)?;
    } else {
        print_summary(&mut out, &summary)?;
    }
    Ok(exit::OK)
}

fn print_summary(out: &mut impl Write, s: &IndexSummary) -> std::io::Result<()> {
    writeln!(out, "index:             {}", s.index)?;
    writeln!(out, "articles:          {}", s.articles)?;
    writeln!(out, "passages:          {}", s.passages)?;
    writeln!(out, "duplicates folded: {}", s.duplicates_folded)?;
    let range = match (&s.first_date, &s.last_date) {
        (Some(first), Some(last)) => format!("{first} to {last}"),
        _ => "no dates".into(),
    };
    writeln!(out, "dates:             {range} ({} without a date)", counted(s.undated_articles, "article"))?;
    writeln!(out, "sources:           {}", s.sources)?;
    let size = s.size_bytes as f64 / (1 << 20) as f64;
    writeln!(out, "size on disk:      {size:.1} MiB in {}", counted(s.segments, "segment"))?;
    let list = |values: Vec<String>| if values.is_empty() { "-".to_string() } else { values.join(" · ") };
    writeln!(
        out,
        "top sources:       {}",
        list(s.top_sources.iter().map(|v| format!("{} {}", v.value, v.count)).collect())
    )?;
    writeln!(
        out,
        "top countries:     {}",
        list(s.top_countries.iter().map(|c| format!("{} {}", c.name, c.count)).collect())
    )?;
    writeln!(
        out,
        "top regions:       {}",
        list(s.top_regions.iter().map(|v| format!("{} {}", v.value, v.count)).collect())
    )?;
    writeln!(
        out,
        "top speakers:      {}",
        list(s.top_speakers.iter().map(|v| format!("{} {}", v.value, v.count)).collect())
    )?;
    Ok(())
}
