//! `newsdex index`: read an archive and add it to the index.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use indicatif::{HumanCount, ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdex::article::Article;
use newsdex::index::NewsIndex;
use newsdex::index::writer::{
    DEFAULT_MEMORY_MIB, MAX_MEMORY_PER_THREAD, MIN_MEMORY_PER_THREAD, NewsWriter, Outcome, WriterOptions,
};
use newsdex::ingest::{FieldMap, STDIN, STDIN_ORIGIN, SkipReason};
use newsdex::pipeline::{self, Event};

use super::style::{counted, plural};
use super::{IndexDir, InputArgs, exit, warn};

/// Read articles and add their passages to the index.
///
/// Articles already indexed with the same content from the same file (and line) are left
/// alone; an article whose id is indexed with other content, or from another place (a
/// moved file), replaces it; an exact copy under another id is folded.
#[derive(Args)]
#[command(after_help = "Examples:\n  \
    newsdex index                                # ./corpus into ./index\n  \
    newsdex index ../archive --index ~/news-index\n  \
    zcat feed.jsonl.gz | newsdex index -\n  \
    newsdex index export.jsonl --field body=story_text --field date=first_seen\n  \
    newsdex index ../archive --prune             # also drop articles whose files are gone")]
pub struct IndexArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    index: IndexDir,
    /// Memory budget of the index writer, in MiB: at least 16 (each writer thread needs
    /// 16, so a small budget gets fewer threads), at most 4095 per thread (more is reduced,
    /// with a warning).
    #[arg(long, value_name = "MIB", default_value_t = DEFAULT_MEMORY_MIB as u64, value_parser = memory_mib)]
    memory: u64,
    /// Commit at least every this many seconds (an interrupted run keeps what was committed).
    // 0 would commit after every article, which makes indexing crawl.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    commit_every: u64,
    /// Replace the index's content with what this run reads. The old content stays
    /// searchable until the run commits, once, at its end; an interrupted rebuild keeps it.
    #[arg(long)]
    rebuild: bool,
    /// After a complete run, delete the indexed articles from files under the inputs that
    /// this run did not read: files removed from the archive, and old versions of edited
    /// files that carry no id of their own. Articles from other paths, and from files that
    /// failed to read, are kept.
    #[arg(long, conflicts_with = "rebuild")]
    prune: bool,
}

pub fn run(args: IndexArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    let fields = FieldMap::from_overrides(&args.input.fields)?;
    let dir = &args.index.dir;
    let news_index = match NewsIndex::open_or_create(dir) {
        // --rebuild is what the message about an incompatible index asks for.
        Err(newsdex::Error::IncompatibleIndex { .. }) if args.rebuild => NewsIndex::recreate(dir),
        opened => opened,
    }
    .with_context(|| format!("opening index {}", dir.display()))?;
    // Beyond the address space is still "more than can be used": reduced below, with the warning.
    let memory_bytes = usize::try_from(args.memory).ok().and_then(|mib| mib.checked_mul(1 << 20)).unwrap_or(usize::MAX);
    let options =
        WriterOptions { memory_bytes, rebuild: args.rebuild, commit_every: Duration::from_secs(args.commit_every) };
    let mut writer = NewsWriter::new(news_index, dir, options)?;
    if writer.memory_bytes() < memory_bytes {
        warn(format!(
            "--memory {} is more than the index writer can use ({} MiB per thread); using {} MiB",
            args.memory,
            MAX_MEMORY_PER_THREAD >> 20,
            writer.memory_bytes() >> 20
        ));
    }

    let interrupted = Arc::new(AtomicBool::new(false));
    {
        let interrupted = interrupted.clone();
        // A second Ctrl-C kills at once: the last commit is still intact.
        let _ = ctrlc::set_handler(move || {
            if interrupted.swap(true, Ordering::SeqCst) {
                std::process::exit(exit::INTERRUPTED.into());
            }
        });
    }

    let progress = progress_bar();
    let mut skipped: BTreeMap<SkipReason, u64> = BTreeMap::new();
    let mut unread: Vec<PathBuf> = Vec::new();
    let mut warnings = 0u64;
    let mut failure: Option<anyhow::Error> = None;
    let is_unchanged = writer.unchanged_filter();
    pipeline::run(&args.input.paths, &fields, is_unchanged, |event| {
        let added = match event {
            Event::Problem(problem) => {
                match problem.skipped {
                    Some(reason) => {
                        *skipped.entry(reason).or_default() += 1;
                        if args.prune {
                            unread.push(PathBuf::from(&problem.origin.path));
                        }
                    }
                    None => warnings += 1,
                }
                if !args.input.quiet {
                    progress.suspend(|| warn(&problem));
                }
                return !interrupted.load(Ordering::SeqCst);
            }
            Event::Article(enriched) => writer.add(&enriched).map(|outcome| id_conflict(&outcome, &enriched.article)),
            Event::Unchanged(article) => writer.add_unchanged(&article).map(|outcome| id_conflict(&outcome, &article)),
            Event::Idle => writer.commit_if_due().map(|()| None),
        };
        match added {
            // README promises every skipped input on stderr with its place: the summary
            // only counts these.
            Ok(Some(conflict)) if !args.input.quiet => progress.suspend(|| warn(conflict)),
            Ok(_) => {}
            Err(err) => {
                failure = Some(err.into());
                return false;
            }
        }
        let counts = &writer.counts;
        progress.set_position(counts.added + counts.replaced + counts.unchanged + counts.folded);
        let rate = progress.position() as f64 / started.elapsed().as_secs_f64().max(0.001);
        let articles = progress.position();
        progress.set_message(format!(
            "{} {}, {}, {rate:.0} articles/s",
            HumanCount(articles),
            plural(articles, "article"),
            counted(counts.passages, "passage")
        ));
        !interrupted.load(Ordering::SeqCst)
    });
    progress.finish_and_clear();
    if let Some(err) = failure {
        return Err(err.context("writing the index"));
    }
    let interrupted = interrupted.load(Ordering::SeqCst);
    if interrupted && args.rebuild {
        writer.abandon().context("abandoning the rebuild")?;
        eprintln!("interrupted: the rebuild is abandoned and the index is as it was; run the same command again");
        return Ok(exit::INTERRUPTED);
    }
    let pruned = if args.prune && !interrupted {
        let scope: Vec<&Path> = args
            .input
            .paths
            .iter()
            .map(|p| if p.as_os_str() == STDIN { Path::new(STDIN_ORIGIN) } else { p.as_path() })
            .collect();
        let unread: Vec<&Path> = unread.iter().map(PathBuf::as_path).collect();
        writer.prune(&scope, &unread).context("pruning the index")?
    } else {
        0
    };
    let counts = writer.finish().context("committing the index")?;

    let elapsed = started.elapsed().as_secs_f64();
    let skipped_total: u64 = skipped.values().sum();
    eprintln!(
        "indexed {} ({} new, {} replaced, {} unchanged) as {}; {} folded; {:.1} s",
        counted(counts.added + counts.replaced + counts.unchanged, "article"),
        counts.added,
        counts.replaced,
        counts.unchanged,
        counted(counts.passages, "passage"),
        counted(counts.folded, "duplicate"),
        elapsed
    );
    if args.prune {
        eprintln!("pruned {} no longer in the inputs", counted(pruned, "article"));
    }
    if counts.id_conflicts > 0 {
        eprintln!(
            "{} skipped: id already used by another article in this run",
            counted(counts.id_conflicts, "article")
        );
    }
    if skipped_total > 0 {
        let reasons: Vec<String> = skipped.iter().map(|(r, n)| format!("{n} {}", r.describe())).collect();
        eprintln!("skipped {}: {}", counted(skipped_total, "input"), reasons.join(", "));
    }
    if warnings > 0 {
        eprintln!("{} ({} kept)", counted(warnings, "warning"), plural(warnings, "article"));
    }
    if interrupted {
        eprintln!("interrupted: everything read so far is committed; run the same command again to finish");
        return Ok(exit::INTERRUPTED);
    }
    Ok(if skipped_total > 0 || counts.id_conflicts > 0 { exit::NOTHING_OR_PARTIAL } else { exit::OK })
}

/// Reads `--memory`: MiB, at least what one writer thread needs. A number too large for a
/// u64 is more than any machine has, and is reduced like any budget beyond what the writer
/// can use.
fn memory_mib(text: &str) -> Result<u64, String> {
    let mib = match text.parse::<u64>() {
        Ok(mib) => mib,
        Err(err) if *err.kind() == std::num::IntErrorKind::PosOverflow => u64::MAX,
        Err(err) => return Err(err.to_string()),
    };
    let least = (MIN_MEMORY_PER_THREAD >> 20) as u64;
    if mib < least {
        return Err(format!("must be at least {least} (MiB): each writer thread needs {least}"));
    }
    Ok(mib)
}

/// The warning for an article skipped because an earlier one of the run has its id.
fn id_conflict(outcome: &Outcome, article: &Article) -> Option<String> {
    (*outcome == Outcome::IdConflict).then(|| {
        format!(
            "{}: skipped (id already used): id {:?} belongs to an earlier article of this run, which is kept",
            article.origin, article.id
        )
    })
}

/// Articles, passages and throughput on stderr, only when stderr is a terminal.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
