//! Command-line interface: the clap definitions, one module per subcommand, and the
//! conventions they share (exit codes, colour, error printing).

mod extract;
mod index;
mod remove;
mod search;
mod stats;
mod style;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Args, Parser, Subcommand};

/// Exit codes, documented in README.
pub mod exit {
    /// Success (for `search`: at least one passage matches, even if the page is empty).
    pub const OK: u8 = 0;
    /// `search`: no passage matches; `index`/`extract` finished but skipped some inputs.
    pub const NOTHING_OR_PARTIAL: u8 = 1;
    /// An error: bad arguments or query, missing or locked index, unknown country.
    pub const ERROR: u8 = 2;
    /// Interrupted by Ctrl-C (after committing what was done).
    pub const INTERRUPTED: u8 = 130;
}

#[derive(Parser)]
#[command(
    name = "newsdex",
    version,
    about = "Search a news archive by passage, country, speaker, outlet and date",
    long_about = "newsdex turns a news archive (text files, JSON Lines, saved HTML pages) into a \
                  search index of passages, tagged with the countries they mention and the \
                  people they quote, and answers questions in milliseconds.",
    after_help = "Examples:\n  \
        newsdex index                                  # reads ./corpus, writes ./index\n  \
        newsdex search \"russian influence\" --country \"Central Asia\"\n  \
        newsdex search \"iron curtain\" --country KZ --speaker levystone --json\n  \
        newsdex extract corpus/txt/central-asia        # what newsdex sees, as JSON Lines\n  \
        newsdex stats"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Index(index::IndexArgs),
    Search(search::SearchArgs),
    Extract(extract::ExtractArgs),
    Remove(remove::RemoveArgs),
    Stats(stats::StatsArgs),
}

/// Flags shared by the commands that read an archive.
#[derive(Args, Clone)]
pub struct InputArgs {
    /// Files and folders to read (recursively); `-` reads JSON Lines from stdin.
    #[arg(default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// Map an article field to a JSON key, e.g. `--field body=story_text`.
    /// Fields: id, title, body, date, source, url, author, dateline.
    #[arg(long = "field", value_name = "NAME=KEY")]
    pub fields: Vec<String>,
    /// Print no per-file warnings (the summary still counts them).
    #[arg(short, long)]
    pub quiet: bool,
}

/// The index folder, shared by every command that uses one.
#[derive(Args, Clone)]
pub struct IndexDir {
    /// Index folder.
    #[arg(long = "index", value_name = "DIR", default_value = "index", global = true)]
    pub dir: PathBuf,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    // A panic is a bug: say so on one line. Reading the archive catches panics per input
    // and reports them as skipped inputs.
    std::panic::set_hook(Box::new(|info| {
        if READING_INDEX.load(Ordering::Relaxed) {
            return; // reported by `reading_index`
        }
        let message = info.payload_as_str().unwrap_or("unknown panic");
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("newsdex: internal error{place}: {message}");
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return argument_error(err),
    };
    let result = match cli.command {
        Command::Index(args) => index::run(args),
        Command::Search(args) => reading_index(&args.index.dir.clone(), || search::run(args)),
        Command::Extract(args) => extract::run(args),
        Command::Remove(args) => remove::run(args),
        Command::Stats(args) => reading_index(&args.index.dir.clone(), || stats::run(args)),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // Output cut short by a closed pipe (`| head`) is not an error.
        Err(err) if err.chain().any(is_broken_pipe) => ExitCode::from(exit::OK),
        Err(err) => {
            eprintln!("newsdex: error: {}", style::printable(&one_line(&err)));
            ExitCode::from(exit::ERROR)
        }
    }
}

/// Help and version as clap prints them; a mistake in the arguments on one line, like
/// every other error, with clap's tip and the usage line.
fn argument_error(err: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = err.print();
        return ExitCode::from(if err.use_stderr() { exit::ERROR } else { exit::OK });
    }
    let rendered = err.render().to_string();
    let mut parts: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("For more information"))
        .collect();
    if let Some(first) = parts.first_mut() {
        *first = first.strip_prefix("error: ").unwrap_or(first);
    }
    let mut message = parts.join("; ").replace("; Usage: ", "; usage: ");
    // `newsdex search water dam`: the second word is an unexpected argument
    if err.kind() == ErrorKind::UnknownArgument
        && let Some(ContextValue::String(arg)) = err.get(ContextKind::InvalidArg)
        && !arg.starts_with('-')
    {
        message.push_str("; a query of several words goes in quotes (\"water dam\")");
    }
    eprintln!("newsdex: error: {}; more with --help", style::printable(&message));
    ExitCode::from(exit::ERROR)
}

/// Set while a command reads an index. Tantivy trusts its files, so a damaged file (a
/// disk error, a copy cut short) can make it panic deep inside; that is the index's
/// damage, not a bug of newsdex, and the user can repair it.
static READING_INDEX: AtomicBool = AtomicBool::new(false);

/// Runs a command that reads the index at `dir`, turning a panic into a one-line error
/// that says how to repair the index.
fn reading_index(dir: &Path, run: impl FnOnce() -> anyhow::Result<u8>) -> anyhow::Result<u8> {
    READING_INDEX.store(true, Ordering::Relaxed);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run));
    READING_INDEX.store(false, Ordering::Relaxed);
    let damaged = |cause: String| {
        anyhow::anyhow!(
            "the index at {} looks damaged ({cause}); rebuild it with `newsdex index --rebuild`",
            dir.display()
        )
    };
    if let Ok(Err(err)) = &outcome
        && let Some(cause) = err.chain().find_map(damage)
    {
        return Err(damaged(cause));
    }
    outcome.unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".into());
        Err(damaged(message))
    })
}

/// What is wrong, in a few words, when an error of Tantivy's says that an index file is
/// cut short, missing or unreadable as Tantivy's (its own messages are debug dumps of a
/// few hundred characters). Not for a file that may not be read (permissions): that is
/// no damage.
fn damage(cause: &(dyn std::error::Error + 'static)) -> Option<String> {
    use tantivy::TantivyError;
    use tantivy::directory::error::OpenReadError;
    let error = match cause.downcast_ref::<newsdex::Error>() {
        Some(newsdex::Error::Tantivy(error)) => error,
        _ => cause.downcast_ref::<TantivyError>()?,
    };
    let permission = |e: &std::io::Error| e.kind() == std::io::ErrorKind::PermissionDenied;
    match error {
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(path)) => {
            Some(format!("{} is missing", path.display()))
        }
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) if !permission(io_error) => {
            // "Footer magic byte mismatch. File corrupted or index was created using old an
            // tantivy version …": the end of it only misleads
            let text = io_error.to_string();
            let text = text.find("File corrupted").map_or(text.as_str(), |at| &text[..at + "File corrupted".len()]);
            Some(format!("{}: {text}", filepath.display()))
        }
        TantivyError::OpenReadError(OpenReadError::IncompatibleIndex(_)) | TantivyError::IncompatibleIndex(_) => {
            Some("a file is cut short or not an index file".into())
        }
        TantivyError::IoError(io_error) if !permission(io_error) => Some(io_error.to_string()),
        TantivyError::DataCorruption(corruption) => Some(format!("{corruption:?}")),
        _ => None,
    }
}

fn is_broken_pipe(cause: &(dyn std::error::Error + 'static)) -> bool {
    cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
        || cause.downcast_ref::<serde_json::Error>().and_then(|e| e.io_error_kind())
            == Some(std::io::ErrorKind::BrokenPipe)
}

/// An error and its causes on one line.
fn one_line(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ").replace('\n', " ")
}

/// A warning on stderr, prefixed like errors.
pub fn warn(message: impl std::fmt::Display) {
    eprintln!("newsdex: warning: {}", style::printable(&message.to_string()));
}
