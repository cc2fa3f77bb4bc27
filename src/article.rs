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
    for text in std::iter::once(title).chain(paragraphs.iter().map(String::as_str)) {
        if text.is_empty() {
            continue;
        }
        // Each word followed by one space. Cleaned text is already that (but for the
        // last space), and hashing it whole is several times cheaper than word by word.
        if crate::clean::is_normalized(text) {
            hasher.update(text.as_bytes());
            hasher.update(b" ");
        } else {
            for word in text.split_whitespace() {
                hasher.update(word.as_bytes());
                hasher.update(b" ");
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition `content_hash` must keep: every word followed by one space.
    fn word_by_word(title: &str, paragraphs: &[String]) -> u64 {
        let mut hasher = Xxh3::new();
        for word in std::iter::once(title).chain(paragraphs.iter().map(String::as_str)).flat_map(str::split_whitespace)
        {
            hasher.update(word.as_bytes());
            hasher.update(b" ");
        }
        hasher.digest()
    }

    #[test]
    fn content_hash_is_the_hash_of_the_words_whatever_the_spacing() {
        let texts = [
            "",
            " ",
            "one",
            "two words",
            " leading space",
            "trailing space ",
            "double  space",
            "tab\tand\nnewline",
            "no-break\u{a0}space and\u{2009}thin space",
            "ideographic\u{3000}space",
            "curly “quotes” and — dashes, ünïcödé",
            "next\u{85}line, ogham\u{1680}space, line\u{2028}separator, math\u{205f}space",
            "a control \u{1c} character is not a space",
        ];
        for title in texts {
            for body in texts {
                let paragraphs = vec![body.to_string(), "A last paragraph.".to_string()];
                assert_eq!(content_hash(title, &paragraphs), word_by_word(title, &paragraphs), "{title:?} / {body:?}");
            }
        }
        let one = content_hash("A title", &["Some words here.".into()]);
        assert_eq!(one, content_hash("A  title", &["Some\twords\n here.".into()]));
        assert_ne!(one, content_hash("A title", &["Some words there.".into()]));
    }
}
