//! Reading a news archive: which files to read, how to open them (compressed or not,
//! UTF-8 or Windows-1252), and how each format becomes [`RawArticle`]s.
//!
//! Reading is split in two so that the expensive part runs in parallel:
//! [`read_records`] walks the inputs on one thread and cuts them into [`Record`]s
//! (a whole file, or one JSON line); [`parse_record`] turns a record into raw articles
//! on any thread; [`finish`] cleans one and gives it its id.

pub mod date;
pub mod fields;
pub mod html;
pub mod json;
mod linked_data;
pub mod txt;

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::article::{Article, Origin, RawArticle, content_hash, derived_id};
use crate::clean::{clean_paragraphs, normalize};
pub use fields::FieldMap;

/// The article formats newsdex reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Json,
    JsonLines,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compression {
    None,
    Gzip,
    Zstd,
}

/// The format of a file from its name (`a.jsonl.gz` is gzip'd JSON Lines); None for others.
pub fn format_of(path: &Path) -> Option<Format> {
    format_and_compression(path).map(|(format, _)| format)
}

/// The compression of a file from its (lower-cased) name, and the name without its suffix.
fn compression_of(name: &str) -> (&str, Compression) {
    if let Some(inner) = name.strip_suffix(".gz") {
        (inner, Compression::Gzip)
    } else if let Some(inner) = name.strip_suffix(".zst") {
        (inner, Compression::Zstd)
    } else {
        (name, Compression::None)
    }
}

fn format_and_compression(path: &Path) -> Option<(Format, Compression)> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let (inner, compression) = compression_of(&name);
    let format = match inner.rsplit_once('.')?.1 {
        "txt" | "text" => Format::Text,
        "html" | "htm" => Format::Html,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        _ => return None,
    };
    Some((format, compression))
}

/// One unit of parsing work: a whole file, or one line of a JSON Lines file.
#[derive(Debug)]
pub struct Record {
    pub origin: Origin,
    pub format: Format,
    pub bytes: Vec<u8>,
}

/// Why an input, or part of one, was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// Could not be opened or read (permissions, symlink loop, truncated archive...).
    Unreadable,
    /// Named explicitly but not a format newsdex reads.
    UnsupportedFormat,
    /// Looks like binary data, not text.
    Binary,
    /// JSON that does not parse, or is not an article object.
    BadJson,
    /// No body text at all.
    EmptyArticle,
    /// newsdex itself failed on this input (a bug: the input is skipped, the run goes on).
    InternalError,
    /// A line or file larger than any article ([`MAX_ARTICLE_BYTES`], [`MAX_DOCUMENT_BYTES`]).
    TooLarge,
}

impl SkipReason {
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::Unreadable => "unreadable",
            SkipReason::UnsupportedFormat => "unsupported format",
            SkipReason::Binary => "binary data",
            SkipReason::BadJson => "bad JSON",
            SkipReason::EmptyArticle => "empty article",
            SkipReason::InternalError => "internal error",
            SkipReason::TooLarge => "too large",
        }
    }
}

/// Something wrong with the input, reported with where it happened.
#[derive(Debug, Clone)]
pub struct Problem {
    pub origin: Origin,
    /// None for a warning: the article was kept.
    pub skipped: Option<SkipReason>,
    pub message: String,
}

impl Problem {
    pub fn skip(origin: Origin, reason: SkipReason, message: impl Into<String>) -> Self {
        Problem { origin, skipped: Some(reason), message: message.into() }
    }

    pub fn warning(origin: Origin, message: impl Into<String>) -> Self {
        Problem { origin, skipped: None, message: message.into() }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.skipped {
            Some(reason) => write!(f, "{}: skipped ({}): {}", self.origin, reason.describe(), self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

/// The path that stands for standard input (JSON Lines).
pub const STDIN: &str = "-";

/// The origin path of the articles read from standard input.
pub const STDIN_ORIGIN: &str = "<stdin>";

/// Walks `inputs` (files, folders, or `-` for stdin) in a stable order and hands every
/// record to `on_record`, every problem to `on_problem`. Folders are read recursively,
/// following links; files of other formats inside folders are passed over silently, and
/// so are search indexes inside them. A named input that is neither a file nor a folder
/// (a FIFO, `<(zcat feed.gz)`) is read as a stream. Stops early when `on_record` returns false.
pub fn read_records(
    inputs: &[PathBuf],
    mut on_record: impl FnMut(Record) -> bool,
    mut on_problem: impl FnMut(Problem),
) {
    for input in inputs {
        if input.as_os_str() == STDIN {
            let origin = Origin { path: STDIN_ORIGIN.into(), line: None };
            if !read_stream(Box::new(std::io::stdin().lock()), &origin, None, &mut on_record, &mut on_problem) {
                return;
            }
            continue;
        }
        let origin = Origin { path: input.display().to_string(), line: None };
        // Checked once here: the walker would report a missing input too, and it passes
        // over what is neither a file nor a folder.
        let metadata = match std::fs::metadata(input) {
            Ok(metadata) => metadata,
            Err(err) => {
                let message = if err.kind() == std::io::ErrorKind::NotFound {
                    "no such file or folder".to_string()
                } else {
                    err.to_string()
                };
                on_problem(Problem::skip(origin, SkipReason::Unreadable, message));
                continue;
            }
        };
        if !metadata.is_file() && !metadata.is_dir() {
            let go_on = match File::open(input) {
                Ok(file) => {
                    let format = format_and_compression(input).map(|(format, _)| format);
                    read_stream(Box::new(file), &origin, format, &mut on_record, &mut on_problem)
                }
                Err(err) => {
                    on_problem(Problem::skip(origin, SkipReason::Unreadable, err.to_string()));
                    true
                }
            };
            if !go_on {
                return;
            }
            continue;
        }
        if metadata.is_dir() && is_search_index(input) {
            on_problem(Problem::skip(origin, SkipReason::UnsupportedFormat, "a search index, not an archive"));
            continue;
        }
        let explicit_file = metadata.is_file();
        let walker =
            walkdir::WalkDir::new(input).follow_links(true).sort_by_file_name().into_iter().filter_entry(|entry| {
                entry.depth() == 0
                    || !(is_hidden(entry.file_name()) || entry.file_type().is_dir() && is_search_index(entry.path()))
            });
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err.path().unwrap_or(input).display().to_string();
                    on_problem(Problem::skip(
                        Origin { path, line: None },
                        SkipReason::Unreadable,
                        walk_error_message(&err),
                    ));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            let origin = Origin { path: path.display().to_string(), line: None };
            let Some((format, compression)) = format_and_compression(path) else {
                if explicit_file {
                    on_problem(Problem::skip(
                        origin,
                        SkipReason::UnsupportedFormat,
                        "not .txt, .html, .json or .jsonl (optionally .gz or .zst)",
                    ));
                }
                continue;
            };
            let reader = match open(path, compression).map(utf16_as_utf8) {
                Ok(reader) => reader,
                Err(err) => {
                    on_problem(Problem::skip(origin, SkipReason::Unreadable, err.to_string()));
                    continue;
                }
            };
            let go_on = if format == Format::JsonLines {
                read_lines(reader, &origin, &mut on_record, &mut on_problem)
            } else {
                read_whole(reader, origin, format, &mut on_record, &mut on_problem)
            };
            if !go_on {
                return;
            }
        }
    }
}

/// A folder holding a Tantivy index (newsdex's own, say `./index` under `newsdex index .`):
/// its `meta.json` is not an article.
fn is_search_index(dir: &Path) -> bool {
    let meta = dir.join("meta.json");
    if !meta.is_file() {
        return false;
    }
    if dir.join(".managed.json").is_file() {
        return true;
    }
    // Tantivy writes `index_settings` first.
    let mut head = [0u8; 256];
    let read = File::open(&meta).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    String::from_utf8_lossy(&head[..read]).contains("\"index_settings\"")
}

/// A stream (stdin, a FIFO): gzip or zstd data is recognised by its magic bytes, since a
/// stream has no name to tell; then it is read as `format` when its name gives one, else
/// as JSON Lines.
fn read_stream(
    reader: Box<dyn Read>,
    origin: &Origin,
    format: Option<Format>,
    on_record: &mut impl FnMut(Record) -> bool,
    on_problem: &mut impl FnMut(Problem),
) -> bool {
    let reader = match decompress_by_magic(reader) {
        Ok(reader) => reader,
        Err(err) => {
            on_problem(Problem::skip(origin.clone(), SkipReason::Unreadable, err.to_string()));
            return true;
        }
    };
    let reader = utf16_as_utf8(reader);
    match format {
        None | Some(Format::JsonLines) => read_lines(reader, origin, on_record, on_problem),
        Some(format) => read_whole(reader, origin.clone(), format, on_record, on_problem),
    }
}

/// `reader`, decompressed when it starts with the gzip or zstd magic number.
fn decompress_by_magic(mut reader: Box<dyn Read>) -> std::io::Result<Box<dyn Read>> {
    const GZIP: &[u8] = &[0x1f, 0x8b];
    const ZSTD: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];
    // A pipe may deliver fewer bytes per read than the magic number has.
    let head = read_head(&mut reader, ZSTD.len())?;
    let whole: Box<dyn Read> = Box::new(std::io::Cursor::new(head.clone()).chain(reader));
    Ok(if head.starts_with(GZIP) {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(whole)))
    } else if head.starts_with(ZSTD) {
        Box::new(zstd::stream::read::Decoder::new(whole)?)
    } else {
        whole
    })
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn walk_error_message(err: &walkdir::Error) -> String {
    if let Some(ancestor) = err.loop_ancestor() {
        return format!("symbolic link loop back to {}", ancestor.display());
    }
    match err.io_error() {
        Some(io) => io.to_string(),
        None => err.to_string(),
    }
}

/// A file's bytes, decompressed when its name ends in `.gz` or `.zst` (as `newsdex index`
/// reads it), for tools that read an archive themselves (benchmarks, generators).
pub fn open_decompressed(path: &Path) -> std::io::Result<Box<dyn Read>> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    open(path, compression_of(&name).1)
}

fn open(path: &Path, compression: Compression) -> std::io::Result<Box<dyn Read>> {
    let file = File::open(path)?;
    Ok(match compression {
        Compression::None => Box::new(file),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file))),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(file)?),
    })
}

/// The first `n` bytes of `reader` (fewer at its end), however few a pipe hands over per read.
fn read_head(reader: &mut Box<dyn Read>, n: usize) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(n);
    reader.take(n as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// `reader` as UTF-8 when it starts with a UTF-16 byte-order mark (Windows tools save
/// "Unicode" text so), else as it is. Transcoding as a stream keeps a UTF-16 JSON Lines
/// file's lines whole (its newline is two bytes) and its NUL bytes from reading as binary.
fn utf16_as_utf8(mut reader: Box<dyn Read>) -> Box<dyn Read> {
    let head = match read_head(&mut reader, 2) {
        Ok(head) => head,
        // Handed on to be reported as the input's error: a decoder that failed (a `.gz`
        // that is not gzip) may well say end of file on the next read.
        Err(err) => return Box::new(Failed(Some(err))),
    };
    let encoding = match head.as_slice() {
        [0xFF, 0xFE] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF] => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    let whole: Box<dyn Read> = Box::new(std::io::Cursor::new(head).chain(reader));
    match encoding {
        Some(encoding) => Box::new(Utf16Reader {
            inner: whole,
            decoder: encoding.new_decoder_with_bom_removal(),
            input: vec![0; 1 << 16],
            output: Vec::new(),
            at: 0,
            done: false,
        }),
        None => whole,
    }
}

/// A reader whose first read fails with the error it holds.
struct Failed(Option<std::io::Error>);

impl Read for Failed {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

/// Decodes UTF-16 into UTF-8 as it is read.
struct Utf16Reader {
    inner: Box<dyn Read>,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    output: Vec<u8>,
    at: usize,
    done: bool,
}

impl Read for Utf16Reader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.output.len() && !self.done {
            let n = self.inner.read(&mut self.input)?;
            let last = n == 0;
            let mut text = String::with_capacity(self.decoder.max_utf8_buffer_length(n).unwrap_or(n * 3 + 16));
            let (_, read, _) = self.decoder.decode_to_string(&self.input[..n], &mut text, last);
            debug_assert_eq!(read, n);
            self.output = text.into_bytes();
            self.at = 0;
            self.done = last;
        }
        let n = buf.len().min(self.output.len() - self.at);
        buf[..n].copy_from_slice(&self.output[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

fn read_whole(
    reader: Box<dyn Read>,
    origin: Origin,
    format: Format,
    on_record: &mut impl FnMut(Record) -> bool,
    on_problem: &mut impl FnMut(Problem),
) -> bool {
    let max = if format == Format::Json { MAX_DOCUMENT_BYTES } else { MAX_ARTICLE_BYTES };
    let mut bytes = Vec::new();
    if let Err(err) = reader.take(max as u64 + 1).read_to_end(&mut bytes) {
        on_problem(Problem::skip(origin, SkipReason::Unreadable, err.to_string()));
        return true;
    }
    if bytes.len() > max {
        let hint = if format == Format::Json { " (a .json file is read whole: write JSON Lines instead)" } else { "" };
        let message = format!("larger than {} MiB{hint}", max >> 20);
        on_problem(Problem::skip(origin, SkipReason::TooLarge, message));
        return true;
    }
    on_record(Record { origin, format, bytes })
}

/// Longest JSON Lines line, `.txt` or `.html` file read: far beyond any article, small
/// enough that a file of one endless line (a dump of zeros, a device, a lost newline in a
/// huge export) is reported and skipped instead of exhausting memory and losing the run.
pub const MAX_ARTICLE_BYTES: usize = 64 << 20;
/// Largest `.json` file read (it is read whole, as one document: an array of articles).
pub const MAX_DOCUMENT_BYTES: usize = 1 << 30;

/// Reads one line (its newline included) into `line`, up to `max` bytes; a longer line is
/// read to its end and dropped, and only its first `max` bytes are kept, unless they are
/// binary: then reading stops there (a device of zeros has no end). Returns the bytes read
/// (0 at the end of the input) and whether the line was too long.
fn read_line_capped(reader: &mut impl BufRead, line: &mut Vec<u8>, max: usize) -> std::io::Result<(usize, bool)> {
    let (mut read, mut too_long) = (0, false);
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok((read, too_long));
        }
        let (take, ended) = match memchr::memchr(b'\n', buffer) {
            Some(at) => (at + 1, true),
            None => (buffer.len(), false),
        };
        if !too_long && line.len() + take > max {
            too_long = true;
            if looks_binary(line) {
                return Ok((read, true));
            }
        }
        if !too_long {
            line.extend_from_slice(&buffer[..take]);
        }
        reader.consume(take);
        read += take;
        if ended {
            return Ok((read, too_long));
        }
    }
}

fn read_lines(
    reader: impl Read,
    file: &Origin,
    on_record: &mut impl FnMut(Record) -> bool,
    on_problem: &mut impl FnMut(Problem),
) -> bool {
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let mut line_number = 0u64;
    loop {
        let mut bytes = Vec::new();
        line_number += 1;
        let origin = Origin { path: file.path.clone(), line: Some(line_number) };
        match read_line_capped(&mut reader, &mut bytes, MAX_ARTICLE_BYTES) {
            Ok((0, _)) => return true,
            Ok((_, true)) if looks_binary(&bytes) => {
                // a stream of zeros or a device: no line will ever end
                on_problem(Problem::skip(
                    origin,
                    SkipReason::Binary,
                    "contains NUL bytes; the rest of the file is not read",
                ));
                return true;
            }
            Ok((_, true)) => {
                let message = format!("line longer than {} MiB", MAX_ARTICLE_BYTES >> 20);
                on_problem(Problem::skip(origin, SkipReason::TooLarge, message));
            }
            Ok(_) => {
                // a byte-order mark opens the file, whatever its first line holds
                let text =
                    if line_number == 1 { bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes) } else { &bytes };
                if text.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                if !on_record(Record { origin, format: Format::JsonLines, bytes }) {
                    return false;
                }
            }
            Err(err) => {
                on_problem(Problem::skip(
                    origin,
                    SkipReason::Unreadable,
                    format!("{err}; the rest of the file is not read"),
                ));
                return true;
            }
        }
    }
}

/// Text from bytes: UTF-8 when valid (a byte-order mark is dropped), else Windows-1252,
/// the usual encoding of legacy archives. The flag says whether the fallback was used.
pub fn decode_text(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), false),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text, true)
        }
    }
}

/// A saved page's text: UTF-8 when valid; else the encoding its `<meta>` declares in its
/// first 4 KB (`<meta charset="koi8-r">`, `content="text/html; charset=windows-1251"`:
/// archives of Russian, Chinese or Japanese sites are full of them); else Windows-1252 as
/// for other files. The flag says whether the Windows-1252 fallback was used.
pub fn decode_html(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    if std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).is_ok() {
        return decode_text(bytes);
    }
    match declared_charset(&bytes[..bytes.len().min(4096)]) {
        Some(encoding) => (encoding.decode_without_bom_handling(bytes).0, false),
        None => decode_text(bytes),
    }
}

/// The encoding named by the first `charset=` of a page's head, unless it is UTF-8 or
/// UTF-16 (a page in UTF-16 has no ASCII `charset=` to read; one that says so was saved
/// as something else).
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    // the first `charset` inside a <meta> tag (a <script charset="utf-8"> may come first)
    let in_meta = |at: usize| {
        let tag = memchr::memrchr(b'<', &lower[..at]).map_or(&[][..], |open| &lower[open..at]);
        tag.starts_with(b"<meta") && !tag.contains(&b'>')
    };
    let at = memchr::memmem::find_iter(&lower, b"charset").find(|&at| in_meta(at))? + b"charset".len();
    let rest = &lower[at..];
    let start = rest.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'=' | b'"' | b'\''))?;
    let label = &rest[start..];
    let end = label
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(label.len());
    let encoding = encoding_rs::Encoding::for_label(&label[..end])?;
    let unicode = [encoding_rs::UTF_8, encoding_rs::UTF_16LE, encoding_rs::UTF_16BE].contains(&encoding);
    (!unicode).then_some(encoding)
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0)
}

/// Turns one record into the raw articles it holds (a JSON array holds many), each with
/// its origin, or the problems that made parts of it unusable.
pub fn parse_record(record: Record, fields: &FieldMap) -> Vec<Result<(Origin, RawArticle), Problem>> {
    let Record { origin, format, bytes } = record;
    if looks_binary(&bytes) {
        return vec![Err(Problem::skip(origin, SkipReason::Binary, "contains NUL bytes"))];
    }
    let (text, was_legacy) = if format == Format::Html { decode_html(&bytes) } else { decode_text(&bytes) };
    let mut results = match format {
        Format::Text => vec![Ok((origin.clone(), txt::parse_txt(&text)))],
        Format::Html => vec![Ok((origin.clone(), html::parse_html(&text)))],
        Format::JsonLines => match json::parse_object(&text, fields) {
            Ok(raw) => vec![Ok((origin.clone(), raw))],
            Err(message) => vec![Err(Problem::skip(origin.clone(), SkipReason::BadJson, message))],
        },
        // a `.json` file holding JSON Lines (an export named for its content type)
        Format::Json if json::holds_json_lines(&text) => text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| {
                let line_origin = Origin { path: origin.path.clone(), line: Some(i as u64 + 1) };
                json::parse_object(line, fields)
                    .map(|raw| (line_origin.clone(), raw))
                    .map_err(|message| Problem::skip(line_origin, SkipReason::BadJson, message))
            })
            .collect(),
        Format::Json => json::parse_document(&text, fields)
            .into_iter()
            .enumerate()
            .map(|(i, parsed)| {
                let mut item_origin = origin.clone();
                if i > 0 || parsed.as_ref().is_ok_and(|(many, _)| *many) {
                    item_origin.path = format!("{}[{}]", origin.path, i);
                }
                parsed
                    .map(|(_, raw)| (item_origin.clone(), raw))
                    .map_err(|message| Problem::skip(item_origin, SkipReason::BadJson, message))
            })
            .collect(),
    };
    if was_legacy {
        results.push(Err(Problem::warning(origin, "not valid UTF-8; read as Windows-1252")));
    }
    results
}

/// Cleans a raw article and gives it its id. A missing or unreadable date is a warning
/// (the article is kept without one); an article with no body text is skipped.
pub fn finish(origin: Origin, raw: RawArticle) -> Result<(Article, Option<Problem>), Problem> {
    let paragraphs = clean_paragraphs(&raw.paragraphs);
    if paragraphs.is_empty() {
        return Err(Problem::skip(origin, SkipReason::EmptyArticle, "no body text"));
    }
    let clean_field = |value: Option<String>| value.map(|v| normalize(&v)).filter(|v| !v.is_empty());
    let title = clean_field(raw.title).unwrap_or_default();
    let source = clean_field(raw.source);
    let (date, warning) = match raw.date.as_deref().map(date::parse_date) {
        None | Some(Ok(None)) => (None, None),
        Some(Ok(Some(date))) => (Some(date), None),
        Some(Err(err)) => (None, Some(Problem::warning(origin.clone(), format!("{err}; kept without a date")))),
    };
    let id = clean_field(raw.id).unwrap_or_else(|| derived_id(source.as_deref(), &title, &paragraphs));
    let article = Article {
        id,
        content_hash: content_hash(&title, &paragraphs),
        title,
        date,
        source,
        url: clean_field(raw.url),
        author: clean_field(raw.author),
        dateline: clean_field(raw.dateline),
        origin,
        paragraphs,
    };
    Ok((article, warning))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_line_of_zeros_ends_its_file() {
        // `/dev/zero` named as an input: no newline and no end, ever
        let file = Origin { path: "zeros.jsonl".into(), line: None };
        let (mut records, mut problems) = (0, Vec::new());
        let go_on = read_lines(
            std::io::repeat(0),
            &file,
            &mut |_| {
                records += 1;
                true
            },
            &mut |p| problems.push(p),
        );
        assert!(go_on);
        assert_eq!(records, 0);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].skipped, Some(SkipReason::Binary));
        assert_eq!(problems[0].origin.line, Some(1));
    }

    #[test]
    fn open_decompressed_reads_plain_and_gzip_files_alike() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("feed.jsonl");
        std::fs::write(&plain, "line one\n").unwrap();
        let gzipped = dir.path().join("feed.jsonl.GZ");
        let mut encoder = flate2::write::GzEncoder::new(File::create(&gzipped).unwrap(), Default::default());
        encoder.write_all(b"line one\n").unwrap();
        encoder.finish().unwrap();
        for path in [plain, gzipped] {
            let mut text = String::new();
            open_decompressed(&path).unwrap().read_to_string(&mut text).unwrap();
            assert_eq!(text, "line one\n", "{}", path.display());
        }
    }

    #[test]
    fn formats_come_from_the_name() {
        assert_eq!(format_of(Path::new("a/b.jsonl.gz")), Some(Format::JsonLines));
        assert_eq!(format_of(Path::new("b.NDJSON")), Some(Format::JsonLines));
        assert_eq!(format_of(Path::new("page.htm.zst")), Some(Format::Html));
        assert_eq!(format_of(Path::new("notes.txt")), Some(Format::Text));
        assert_eq!(format_of(Path::new("README.md")), None);
        assert_eq!(format_of(Path::new("archive.gz")), None);
    }

    #[test]
    fn legacy_bytes_are_decoded_as_windows_1252() {
        let (text, legacy) = decode_text(b"caf\xe9 \x93quoted\x94");
        assert!(legacy);
        assert_eq!(text, "café “quoted”");
        let (text, legacy) = decode_text("\u{feff}déjà".as_bytes());
        assert!(!legacy);
        assert_eq!(text, "déjà");
    }

    #[test]
    fn a_page_is_read_in_the_encoding_its_meta_declares() {
        let (koi8, _, _) = encoding_rs::KOI8_R.encode("Выборы в Москве");
        let page = [
            b"<html><head><META http-equiv='Content-Type' content='text/html; Charset=KOI8-R'></head><body><p>"
                .as_slice(),
            &koi8,
            b"</p></body></html>",
        ]
        .concat();
        let (text, legacy) = decode_html(&page);
        assert!(!legacy);
        assert!(text.contains("<p>Выборы в Москве</p>"), "{text}");
        let (gbk, _, _) = encoding_rs::GBK.encode("北京新闻");
        let page = [b"<meta charset=\"gb2312\"><p>".as_slice(), &gbk].concat();
        assert!(decode_html(&page).0.ends_with("<p>北京新闻"));
        // valid UTF-8 wins over an outdated declaration; no declaration: Windows-1252
        assert_eq!(
            decode_html("<meta charset=koi8-r>café".as_bytes()),
            (Cow::Borrowed("<meta charset=koi8-r>café"), false)
        );
        assert_eq!(decode_html(b"<p>caf\xe9</p>"), (Cow::Owned::<str>("<p>café</p>".into()), true));
        let page = [b"<script charset=\"utf-8\" src=\"a.js\"></script><meta charset=\"koi8-r\"><p>".as_slice(), &koi8]
            .concat();
        assert!(decode_html(&page).0.ends_with("<p>Выборы в Москве"), "a script's charset is not the page's");
        assert!(decode_html(b"<meta charset=utf-8><p>caf\xe9</p>").1);
    }

    #[test]
    fn an_article_without_body_is_skipped_and_a_bad_date_is_a_warning() {
        let origin = Origin { path: "x.json".into(), line: None };
        let empty = RawArticle { title: Some("Title".into()), ..Default::default() };
        let err = finish(origin.clone(), empty).unwrap_err();
        assert_eq!(err.skipped, Some(SkipReason::EmptyArticle));

        let raw = RawArticle {
            title: Some("Title".into()),
            paragraphs: vec!["Body.".into()],
            date: Some("0001-11-30".into()),
            ..Default::default()
        };
        let (article, warning) = finish(origin, raw).unwrap();
        assert_eq!(article.date, None);
        assert!(warning.unwrap().skipped.is_none());
        assert!(article.id.starts_with('h'));
    }
}
