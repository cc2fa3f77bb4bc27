//! `newsdex extract`: what newsdex understands in each article, as JSON Lines, without
//! an index — to inspect extraction or hand enriched articles to other systems.

use std::collections::BTreeMap;
use std::io::Write;

use clap::Args;
use newsdex::article::{CountryCount, EnrichedArticle, Passage, SpeakerQuotes};
use newsdex::ingest::{FieldMap, SkipReason};
use newsdex::pipeline::{self, Event};
use serde::Serialize;

use super::style::counted;
use super::{InputArgs, exit, warn};

/// Print what newsdex sees in each article (passages, countries, speakers) as JSON Lines.
///
/// Articles come out in input order (files sorted by name, lines in order).
#[derive(Args)]
#[command(after_help = "Examples:\n  \
    newsdex extract corpus/txt/central-asia/water\n  \
    newsdex extract feed.jsonl.gz | jq '.speakers[].name'")]
pub struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,
}

/// One line of output: the documented `extract` contract.
#[derive(Serialize)]
struct ExtractedArticle<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<String>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    author: Option<&'a str>,
    path: &'a str,
    line: Option<u64>,
    about: &'a [&'static str],
    countries: &'a [CountryCount],
    speakers: &'a [SpeakerQuotes],
    sources: &'a [String],
    passages: &'a [Passage],
}

impl<'a> From<&'a EnrichedArticle> for ExtractedArticle<'a> {
    fn from(e: &'a EnrichedArticle) -> Self {
        let a = &e.article;
        ExtractedArticle {
            id: &a.id,
            title: &a.title,
            date: a.date.map(|d| d.format("%Y-%m-%d").to_string()),
            source: a.source.as_deref(),
            url: a.url.as_deref(),
            author: a.author.as_deref(),
            path: &a.origin.path,
            line: a.origin.line,
            about: &e.about,
            countries: &e.countries,
            speakers: &e.speakers,
            sources: &e.sources,
            passages: &e.passages,
        }
    }
}

pub fn run(args: ExtractArgs) -> anyhow::Result<u8> {
    let fields = FieldMap::from_overrides(&args.input.fields)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut skipped: BTreeMap<SkipReason, u64> = BTreeMap::new();
    let mut write_error: Option<std::io::Error> = None;
    pipeline::run(
        &args.input.paths,
        &fields,
        |_| false,
        |event| match event {
            Event::Problem(problem) => {
                if let Some(reason) = problem.skipped {
                    *skipped.entry(reason).or_default() += 1;
                }
                if !args.input.quiet {
                    warn(&problem);
                }
                true
            }
            Event::Article(article) => {
                let written = serde_json::to_writer(&mut out, &ExtractedArticle::from(&*article))
                    // Keeps the kind of a write error (a closed pipe is not an error).
                    .map_err(std::io::Error::from)
                    .and_then(|_| out.write_all(b"\n"));
                match written {
                    Ok(()) => true,
                    Err(err) => {
                        write_error = Some(err);
                        false
                    }
                }
            }
            // Never sent: every article is taken as changed.
            Event::Unchanged(_) | Event::Idle => true,
        },
    );
    match write_error.map_or_else(|| out.flush(), Err) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => return Ok(exit::OK),
        Err(err) => return Err(err.into()),
        Ok(()) => {}
    }
    let skipped_total: u64 = skipped.values().sum();
    if skipped_total > 0 {
        let reasons: Vec<String> = skipped.iter().map(|(r, n)| format!("{n} {}", r.describe())).collect();
        eprintln!("skipped {}: {}", counted(skipped_total, "input"), reasons.join(", "));
        return Ok(exit::NOTHING_OR_PARTIAL);
    }
    Ok(exit::OK)
}
