//! `newsdex search`: rank passages, filter by facets, print them for people or as JSON.

use std::io::Write;

use anyhow::Context;
use clap::{Args, ValueEnum};
use newsdex::index::NewsIndex;
use newsdex::search::{Answer, Facets, Hit, SearchRequest, SortOrder, ValueCount, answer, query::parse_bound};

use super::style::{ColorChoice, Style, counted};
use super::{IndexDir, exit, warn};

/// Search passages.
///
/// Words are matched in the passage text, its section heading and the article title.
/// Without an operator any word may match (OR), and passages with more of them rank first.
/// Syntax: `"exact phrase"`, `a OR b`, `a AND b`, `+required`, `-excluded`, `title:word`,
/// `heading:word`, parentheses.
#[derive(Args)]
#[command(after_help = "Examples:\n  \
    newsdex search \"russian influence\" --country \"Central Asia\"\n  \
    newsdex search \"iron curtain\" --country KZ --speaker levystone --json\n  \
    newsdex search water --since 2020 --until 2023-06 --sort newest\n  \
    newsdex search '+election -referendum' --source \"andes wire\" --per-article 1")]
pub struct SearchArgs {
    /// The query (empty: every passage that passes the filters). It may start with `-`
    /// (`-referendum water`).
    #[arg(default_value = "", allow_hyphen_values = true)]
    query: String,
    #[command(flatten)]
    pub index: IndexDir,
    /// Passages mentioning this country or region: ISO code, name, other name, UN M49
    /// region ("Central Asia") or a group such as "Middle East", "West Africa" or "EU"
    /// (data/regions.tsv). Repeat for any of several.
    #[arg(long, value_name = "COUNTRY")]
    country: Vec<String>,
    /// Passages of articles about this country or region (dateline, title, lead, salience).
    #[arg(long, value_name = "COUNTRY")]
    about: Vec<String>,
    /// Passages quoting this person: full name (middle names and initials optional) or surname, any case or accents. Repeatable.
    #[arg(long, value_name = "NAME")]
    speaker: Vec<String>,
    /// Passages from this outlet (case-insensitive; whole words of the name are enough, else any part of it). Repeatable.
    #[arg(long, value_name = "NAME")]
    source: Vec<String>,
    /// Articles dated on or after: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Articles dated on or before: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Number of passages to show (0: only count them and the facets).
    #[arg(short = 'n', long, default_value_t = 10)]
    limit: usize,
    /// Skip this many passages first (for paging).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// At most this many passages of one article (0: no limit).
    #[arg(long, value_name = "N", default_value_t = 2)]
    per_article: usize,
    /// Require every word (AND) instead of ranking passages with any of them (OR).
    #[arg(long)]
    all: bool,
    /// Values listed per facet (0: no facet counts).
    #[arg(long, value_name = "N", default_value_t = 10)]
    facets: usize,
    /// One JSON object on stdout (see README for its fields).
    #[arg(long)]
    json: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
}

#[derive(Clone, Copy, ValueEnum)]
enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

impl SearchArgs {
    fn request(&self) -> anyhow::Result<SearchRequest> {
        let since = self.since.as_deref().map(|d| parse_bound(d, false)).transpose()?;
        let until = self.until.as_deref().map(|d| parse_bound(d, true)).transpose()?;
        if let (Some(since), Some(until)) = (since, until)
            && since > until
        {
            anyhow::bail!("--since {since} is after --until {until}: no date is in between");
        }
        Ok(SearchRequest {
            query: self.query.clone(),
            countries: self.country.clone(),
            about: self.about.clone(),
            speakers: self.speaker.clone(),
            sources: self.source.clone(),
            since,
            until,
            limit: self.limit,
            offset: self.offset,
            sort: match self.sort {
                SortArg::Relevance => SortOrder::Relevance,
                SortArg::Newest => SortOrder::Newest,
                SortArg::Oldest => SortOrder::Oldest,
            },
            per_article: self.per_article,
            facet_limit: self.facets,
            require_all_terms: self.all,
        })
    }
}

pub fn run(args: SearchArgs) -> anyhow::Result<u8> {
    let request = args.request()?;
    let mut news_index = NewsIndex::open(&args.index.dir)?;
    news_index.search_segments_in_parallel()?;
    let reader = news_index.reader()?;
    let searcher = reader.searcher();
    let answer = answer(&searcher, &news_index, &request)?;
    let hits = answer.hits(&searcher, &news_index)?;
    // The process ends after this answer, and its exit frees the memory at once. Dropping
    // the reader would first unmap the index's files one by one: 10% of a fresh-process
    // query's CPU samples were in `munmap` (perf, 30 `refugees` queries), 0.3% without.
    std::mem::forget(reader);
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    if args.json {
        write_json(&mut out, &answer, hits)?;
    } else {
        for warning in &answer.warnings {
            warn(warning);
        }
        print_results(&mut out, &answer, hits, Style::new(args.color))?;
    }
    out.flush()?;
    // What decides is whether anything matched: `--limit 0` (a count) or an `--offset`
    // past the last page shows no passage of a query that does match.
    Ok(if answer.total == 0 { exit::NOTHING_OR_PARTIAL } else { exit::OK })
}

/// The answer as the `--json` contract ([`SearchResults`]: query, total, hits, facets,
/// warnings when there are any), each hit written as it is read.
fn write_json(
    out: &mut impl Write,
    answer: &Answer,
    hits: impl Iterator<Item = newsdex::Result<Hit>>,
) -> anyhow::Result<()> {
    write!(out, "{{\"query\":")?;
    serde_json::to_writer(&mut *out, &answer.query)?;
    write!(out, ",\"total\":{},\"hits\":[", answer.total)?;
    for (i, hit) in hits.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &hit?).context("writing JSON")?;
    }
    out.write_all(b"],\"facets\":")?;
    serde_json::to_writer(&mut *out, &answer.facets)?;
    if !answer.warnings.is_empty() {
        out.write_all(b",\"warnings\":")?;
        serde_json::to_writer(&mut *out, &answer.warnings)?;
    }
    out.write_all(b"}\n")?;
    Ok(())
}

fn print_results(
    out: &mut impl Write,
    answer: &Answer,
    hits: impl Iterator<Item = newsdex::Result<Hit>>,
    style: Style,
) -> anyhow::Result<()> {
    if answer.total == 0 {
        writeln!(out, "no passages match {:?}", answer.query)?;
        return Ok(());
    }
    if answer.page_len() == 0 {
        let count = format!("{}; none on this page", counted(answer.total, "matching passage"));
        writeln!(out, "{}", style.bold(&count))?;
        return Ok(print_facets(out, &answer.facets, style)?);
    }
    for hit in hits {
        print_hit(out, &hit?, style)?;
    }
    writeln!(out, "{}", style.bold(&counted(answer.total, "matching passage")))?;
    Ok(print_facets(out, &answer.facets, style)?)
}

fn print_hit(out: &mut impl Write, hit: &Hit, style: Style) -> std::io::Result<()> {
    let mut header = vec![if hit.title.is_empty() { "(untitled)".to_string() } else { hit.title.clone() }];
    header.extend(hit.source.clone());
    header.extend(hit.date.clone());
    writeln!(out, "{} {}", style.bold(&format!("{}.", hit.rank)), style.bold(&header.join(" — ")))?;
    if let Some(heading) = &hit.heading {
        writeln!(out, "   {}", style.bold(heading))?;
    }
    writeln!(out, "   {}", highlighted(&hit.text, &hit.highlights, style))?;
    let mut tags = Vec::new();
    if !hit.countries.is_empty() {
        let names: Vec<&str> = hit.countries.iter().map(|c| c.name.as_str()).collect();
        tags.push(format!("countries: {}", names.join(", ")));
    }
    if !hit.speakers.is_empty() {
        tags.push(format!("speakers: {}", hit.speakers.join(", ")));
    }
    if !tags.is_empty() {
        writeln!(out, "   {}", tags.join(" · "))?;
    }
    let place = match hit.line {
        Some(line) => format!("{}:{}", super::style::printable(&hit.path), line),
        None => super::style::printable(&hit.path).into_owned(),
    };
    writeln!(
        out,
        "   {}",
        style.dim(&format!("{place} · article {} · passage {} · score {:.2}", hit.article_id, hit.passage, hit.score))
    )?;
    writeln!(out)
}

fn highlighted(text: &str, ranges: &[[usize; 2]], style: Style) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 12);
    let mut at = 0;
    for &[start, end] in ranges {
        if start < at || end > text.len() {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&style.highlight(&text[start..end]));
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

fn print_facets(out: &mut impl Write, facets: &Facets, style: Style) -> std::io::Result<()> {
    let countries: Vec<String> =
        facets.country.iter().map(|c| format!("{} ({}) {}", c.name, c.code, c.count)).collect();
    let line = |values: &[ValueCount]| values.iter().map(|v| format!("{} {}", v.value, v.count)).collect::<Vec<_>>();
    for (label, values) in [
        ("countries", countries),
        ("regions", line(&facets.region)),
        ("speakers", line(&facets.speaker)),
        ("sources", line(&facets.source)),
        ("years", line(&facets.year)),
    ] {
        if !values.is_empty() {
            writeln!(out, "{} {}", style.bold(&format!("{label}:")), values.join(" · "))?;
        }
    }
    Ok(())
}
