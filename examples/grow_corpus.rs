//! Makes a larger corpus from a real one, to measure how newsdex grows (see `bench/README.md`).
//!
//! ```sh
//! cargo run --release --example grow_corpus -- allsides.jsonl.gz 10 /tmp/allsides-10x.jsonl.gz
//! ```
//!
//! Streams the JSON Lines source (gzip'd or not) FACTOR times into a gzip'd JSON Lines file.
//! Copy 0 is the source unchanged; copy k ≥ 1 of an article gets:
//! - its id suffixed `-k` (keys `ID`, `id`, `Id`, `guid`, `uuid`, `article_id`),
//! - its paragraphs (the non-empty "\n"-separated lines of `content_original`, `content`,
//!   `body` or `text`) reshuffled with a seeded xorshift RNG,
//! - its date shifted k years *back* (a `YYYY-…` prefix; other formats and empty dates are
//!   left alone; 29 February becomes the 28th), so dates spread over years and none lies in the
//!   future, which newsdex would reject,
//! - its title suffixed ` (k)`: without it a one-paragraph article, or one whose shuffle happens
//!   to repeat an order, would be folded by newsdex as a syndicated copy and the corpus would not
//!   grow by FACTOR.
//!
//! Memory is bounded by one article: nothing is kept between lines.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::write::GzEncoder;
use newsdex::ingest::open_decompressed;
use serde_json::Value;

const ID_KEYS: [&str; 6] = ["ID", "id", "Id", "guid", "uuid", "article_id"];
const BODY_KEYS: [&str; 4] = ["content_original", "content", "body", "text"];

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [src, factor, out] = args.as_slice() else {
        bail!("usage: grow_corpus SRC.jsonl[.gz] FACTOR OUT.jsonl.gz");
    };
    let factor: u64 = factor.parse().context("FACTOR must be a positive integer")?;
    if factor == 0 {
        bail!("FACTOR must be a positive integer");
    }
    let file = File::create(out).with_context(|| format!("creating {out}"))?;
    let mut output = GzEncoder::new(BufWriter::with_capacity(1 << 20, file), Compression::fast());
    let (mut articles, mut bad) = (0u64, 0u64);
    for copy in 0..factor {
        for line in open_lines(Path::new(src))?.lines() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            if copy == 0 {
                output.write_all(line.as_bytes())?;
                output.write_all(b"\n")?;
                articles += 1;
                continue;
            }
            let Ok(Value::Object(mut article)) = serde_json::from_str::<Value>(&line) else {
                bad += 1;
                continue;
            };
            let mut rng = XorShift::new(seed(&line, copy));
            for key in ID_KEYS {
                if let Some(Value::String(id)) = article.get_mut(key) {
                    id.push_str(&format!("-{copy}"));
                }
            }
            if let Some(Value::String(title)) = article.get_mut("title") {
                title.push_str(&format!(" ({copy})"));
            }
            if let Some(key) = BODY_KEYS.iter().find(|key| article.get(**key).is_some_and(Value::is_string))
                && let Some(Value::String(body)) = article.get_mut(*key)
            {
                *body = reshuffle(body, &mut rng);
            }
            if let Some(Value::String(date)) = article.get_mut("date") {
                *date = shift_years(date, copy);
            }
            serde_json::to_writer(&mut output, &Value::Object(article))?;
            output.write_all(b"\n")?;
            articles += 1;
        }
    }
    output.finish()?.flush()?;
    eprintln!("grow_corpus: wrote {articles} articles ({factor} copies) to {out}; {bad} unreadable lines skipped");
    Ok(())
}

/// A line reader over a plain, gzip'd or zstd'd file, decompressed as `newsdex index` does.
fn open_lines(path: &Path) -> Result<BufReader<Box<dyn Read>>> {
    let reader = open_decompressed(path).with_context(|| format!("opening {}", path.display()))?;
    Ok(BufReader::with_capacity(1 << 16, reader))
}

/// The non-empty paragraphs of `body` in a random order, joined as they were
/// (by a blank line when the body used blank lines, else by a newline).
fn reshuffle(body: &str, rng: &mut XorShift) -> String {
    let mut paragraphs: Vec<&str> = body.split('\n').filter(|p| !p.trim().is_empty()).collect();
    // Fisher–Yates.
    for i in (1..paragraphs.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        paragraphs.swap(i, j);
    }
    paragraphs.join(if body.contains("\n\n") { "\n\n" } else { "\n" })
}

/// `YYYY…` with the year moved `years` back; anything else unchanged.
fn shift_years(date: &str, years: u64) -> String {
    let Some(year) = date.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit())) else {
        return date.to_string();
    };
    let Ok(year) = year.parse::<i64>() else { return date.to_string() };
    let new_year = year - years as i64;
    if new_year < 1 {
        return date.to_string();
    }
    let rest = &date[4..];
    let leap = (new_year % 4 == 0 && new_year % 100 != 0) || new_year % 400 == 0;
    match rest.strip_prefix("-02-29") {
        Some(tail) if !leap => format!("{new_year:04}-02-28{tail}"),
        _ => format!("{new_year:04}{rest}"),
    }
}

/// A seed from the article's line and the copy number (FNV-1a), never zero.
fn seed(line: &str, copy: u64) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ copy.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for byte in line.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash | 1
}

/// Marsaglia's xorshift64: tiny, seeded, good enough for shuffling paragraphs.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        XorShift(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

#[cfg(test)]
mod tests {
    use super::{XorShift, reshuffle, shift_years};

    #[test]
    fn shifts_years_back() {
        assert_eq!(shift_years("2016-09-20", 3), "2013-09-20");
        assert_eq!(shift_years("2016-02-29", 1), "2015-02-28");
        assert_eq!(shift_years("2016-02-29", 4), "2012-02-29");
        assert_eq!(shift_years("", 2), "");
        assert_eq!(shift_years("9/20/16", 2), "9/20/16");
    }

    #[test]
    fn reshuffle_keeps_paragraphs() {
        let body = "a\n\nb\n\nc\n\nd";
        let shuffled = reshuffle(body, &mut XorShift::new(7));
        let mut parts: Vec<&str> = shuffled.split("\n\n").collect();
        parts.sort();
        assert_eq!(parts, ["a", "b", "c", "d"]);
    }
}
