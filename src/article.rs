//! The article as it moves through the pipeline: read raw from a file, then cleaned
//! and identified, then enriched with passages, countries and speakers.

use chrono::NaiveDate;
use serde::Serialize;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// Where an article came from: a file, and the line for JSON Lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub path: String,
    pub line: Option<u64>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => f.write_str(&self.path),
        }
    }
}

/// An article as a reader found it: fields are raw strings, the body raw paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    pub id: Option<String>,
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub dateline: Option<String>,
}

/// A cleaned article with its id, ready for extraction.
#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub dateline: Option<String>,
    pub origin: Origin,
    /// Cleaned body paragraphs (normalised, boilerplate removed).
    pub paragraphs: Vec<String>,
    /// [`content_hash`] of title and paragraphs, computed once where articles are made
    /// (on the parallel side of the pipeline).
    pub content_hash: u64,
}

/// Hash of what makes two articles the same story: the words of title and body, not id,
/// source or layout, so that syndicated copies under other ids fold into one even when one
/// copy breaks a paragraph where the other does not.
pub fn content_hash(title: &str, paragraphs: &[String]) -> u64 {
    let mut hasher = Xxh3::new();
    for word in std::iter::once(title).chain(paragraphs.iter().map(String::as_str)).flat_map(str::split_whitespace) {
        hasher.update(word.as_bytes());
        hasher.update(b" ");
    }
    hasher.digest()
}

/// A stable id for an article that has none: a hash of source, title and body.
pub fn derived_id(source: Option<&str>, title: &str, paragraphs: &[String]) -> String {
    let mut text = String::new();
    text.push_str(source.unwrap_or(""));
    text.push('\u{1f}');
    text.push_str(title);
    for paragraph in paragraphs {
        text.push('\u{1f}');
        text.push_str(paragraph);
    }
    format!("h{:016x}", xxh3_64(text.as_bytes()))
}

/// One passage with what extraction found in it.
#[derive(Debug, Clone, Serialize)]
pub struct Passage {
    /// Ordinal within the article, from 0.
    pub n: u64,
    pub heading: Option<String>,
    pub text: String,
    /// ISO codes of the countries the passage mentions, first-seen order.
    pub countries: Vec<&'static str>,
    /// Full names of the people quoted in the passage.
    pub speakers: Vec<String>,
}

/// A country mentioned in an article, with how often.
#[derive(Debug, Clone, Serialize)]
pub struct CountryCount {
    pub code: &'static str,
    pub name: &'static str,
    pub mentions: usize,
}

/// A person quoted in an article, with what they said.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerQuotes {
    pub name: String,
    pub quotes: Vec<String>,
}

/// An article with its passages, countries and speakers.
#[derive(Debug, Clone)]
pub struct EnrichedArticle {
    pub article: Article,
    pub passages: Vec<Passage>,
    pub countries: Vec<CountryCount>,
    /// Codes of the countries the article is about, most salient first.
    pub about: Vec<&'static str>,
    pub speakers: Vec<SpeakerQuotes>,
    /// Non-person attributions ("the ministry said").
    pub sources: Vec<String>,
}
