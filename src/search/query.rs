//! From what a user typed to a Tantivy query: the query language (words, "phrases",
//! OR, -excluded, title:word) plus the filters given as flags, each resolved against
//! the index (country names, speaker surnames, sources) before any search runs.

use std::ops::Bound;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, Query, QueryParser, QueryParserError,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{DateTime, Searcher, Term};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::extract::countries;
use crate::fold::fold;
use crate::index::Fields;

/// Longest query accepted, in bytes: far beyond any real question, small enough to
/// keep parsing cheap.
pub const MAX_QUERY_BYTES: usize = 10_000;
/// Deepest nesting of parentheses accepted.
const MAX_NESTING: usize = 32;

/// The fields searched by words without a `field:` prefix, with their boosts: the passage
/// text counts most; a heading or title match counts less because it is shared by many passages.
const SEARCHED: [(&str, f32); 3] = [("text", 1.0), ("heading", 0.5), ("title", 0.5)];

/// The user's query as Tantivy understands it, with notes on what was read leniently.
pub struct ParsedQuery {
    pub query: Box<dyn Query>,
    pub warnings: Vec<String>,
    /// Tantivy can find the best passages without scoring every match (Block-WAND): one
    /// or more words any of which may appear, without a phrase or an exclusion.
    pub block_wand: bool,
}

/// Parses the query language. An empty query matches every passage (useful with filters).
pub fn parse_text_query(
    index: &tantivy::Index,
    fields: &Fields,
    text: &str,
    require_all_terms: bool,
) -> Result<ParsedQuery> {
    if text.len() > MAX_QUERY_BYTES {
        return Err(Error::BadQuery(format!("query is {} bytes long; the limit is {MAX_QUERY_BYTES}", text.len())));
    }
    // NFC, as the index holds its text: a decomposed "Zu\u{308}rich" (as some keyboards and
    // macOS file names give it) is the "Zürich" of the index
    let text: String = text.nfc().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if nesting_depth(&text) > MAX_NESTING {
        return Err(Error::BadQuery(format!("parentheses nested deeper than {MAX_NESTING}")));
    }
    if text.trim().is_empty() {
        return Ok(ParsedQuery { query: Box::new(AllQuery), warnings: Vec::new(), block_wand: false });
    }
    let searched: Vec<Field> = SEARCHED.iter().map(|(name, _)| field_named(fields, name)).collect();
    let mut parser = QueryParser::for_index(index, searched.clone());
    for (field, (_, boost)) in searched.iter().zip(SEARCHED) {
        parser.set_field_boost(*field, boost);
    }
    if require_all_terms {
        parser.set_conjunction_by_default();
    }
    let text = plain_query_syntax(&text);
    let (text, colon_notes) = colons_outside_field_names(&text)?;
    let (text, mut problems) = without_unsupported_operators(&text);
    problems.extend(colon_notes);
    let (query, errors) = parser.parse_query_lenient(&text);
    for error in errors {
        match error {
            QueryParserError::FieldDoesNotExist(field) => {
                return Err(Error::BadQuery(format!(
                    "unknown field {field:?}; searchable fields are text, heading and title (use --country, --speaker, --source, --since, --until to filter)"
                )));
            }
            other => {
                let problem = other.to_string();
                if !problems.contains(&problem) {
                    problems.push(problem);
                }
            }
        }
    }
    let warnings =
        if problems.is_empty() { Vec::new() } else { vec![format!("query read leniently ({})", problems.join("; "))] };
    let query = lift_negations(query);
    let mut has_words = false;
    query.query_terms(&mut |_, _| has_words = true);
    let nothing_parsed =
        query.is::<EmptyQuery>() || query.downcast_ref::<BooleanQuery>().is_some_and(|b| b.clauses().is_empty());
    if !has_words && nothing_parsed {
        // "?", "!!!", an emoji: nothing the index holds. Say so rather than silently match nothing.
        let warning = format!("the query {text:?} holds no word to search for (an empty query lists every passage)");
        return Ok(ParsedQuery { query: Box::new(EmptyQuery), warnings: vec![warning], block_wand: false });
    }
    let block_wand = only_optional_words(query.as_ref());
    Ok(ParsedQuery { query, warnings, block_wand })
}

/// Words (field-boosted or not, as the parser writes a word searched in several fields) any
/// of which may appear: the shape Tantivy ranks with Block-WAND. Phrases are refused
/// because their positions must be checked at every match.
fn only_optional_words(query: &dyn Query) -> bool {
    let mut needs_positions = false;
    query.query_terms(&mut |_, positions| needs_positions |= positions);
    !needs_positions && optional_words(query)
}

fn optional_words(query: &dyn Query) -> bool {
    query.is::<TermQuery>()
        || query.is::<BoostQuery>()
        || query.downcast_ref::<BooleanQuery>().is_some_and(|boolean| {
            !boolean.clauses().is_empty()
                && boolean.clauses().iter().all(|(occur, sub)| *occur == Occur::Should && optional_words(sub.as_ref()))
        })
}

/// Makes `a AND NOT b` exclude `b`, as in Lexis and Factiva. Tantivy reads it as
/// `+a +(-b)`: `a` and a clause holding only an exclusion, which on its own matches nothing,
/// so the whole query matched nothing. A required clause that only excludes becomes the
/// exclusions of its parent (`+a -b`), at every depth (`(a AND NOT b) OR c`). An excluded
/// clause that only excludes is a double negation (`NOT NOT a`, `-(-a)`): what it excludes
/// is required (any of it: `NOT (NOT a NOT b)` is `a OR b`).
fn lift_negations(query: Box<dyn Query>) -> Box<dyn Query> {
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return query;
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (occur, sub) in boolean.clauses() {
        let sub = lift_negations(sub.box_clone());
        let only_excludes = sub.downcast_ref::<BooleanQuery>().is_some_and(|inner| {
            !inner.clauses().is_empty() && inner.clauses().iter().all(|(o, _)| *o == Occur::MustNot)
        });
        match sub.downcast_ref::<BooleanQuery>() {
            Some(inner) if *occur == Occur::Must && only_excludes => {
                clauses.extend(inner.clauses().iter().map(|(o, q)| (*o, q.box_clone())));
            }
            Some(inner) if *occur == Occur::MustNot && only_excludes => {
                let excluded: Vec<Box<dyn Query>> = inner.clauses().iter().map(|(_, q)| q.box_clone()).collect();
                let required = match <[_; 1]>::try_from(excluded) {
                    Ok([one]) => one,
                    Err(many) => Box::new(BooleanQuery::new(many.into_iter().map(|q| (Occur::Should, q)).collect())),
                };
                clauses.push((Occur::Must, required));
            }
            _ => clauses.push((*occur, sub)),
        }
    }
    Box::new(BooleanQuery::with_minimum_required_clauses(clauses, boolean.get_minimum_number_should_match()))
}

/// A word with Lucene's fuzzy operator (`water~2`, `water~`), and a word with wildcards
/// (`wat*`, `wa?er`).
static QUESTION_MARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([\p{L}\p{N}_])\?+(\s|$)").expect("valid regex"));
static FUZZY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"([\p{L}\p{N}_]+)~[^\s"()]*"#).expect("valid regex"));
static WILDCARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}_]*(?:[\p{L}\p{N}_][*?]|[*?][\p{L}\p{N}_])[\p{L}\p{N}_*?]*").expect("valid regex")
});

/// The query without the operators Tantivy's parser takes without supporting them here,
/// and a note on each: `water~2` silently matched nothing and `wat*` matched the word
/// `wat`. Fuzzy words are read as the word (whatever follows the `~`: `water~0.8`,
/// `water~abc`), wildcards as the word's pieces. Phrases (in
/// quotes, where `"a b"~2` is a proximity search) are left alone.
fn without_unsupported_operators(text: &str) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    // Most queries have none: spare a fresh process compiling the Unicode patterns.
    if !text.contains(['~', '*', '?']) {
        return (text.to_string(), notes);
    }
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('"').enumerate() {
        if i > 0 {
            out.push('"');
        }
        if i % 2 == 1 {
            out.push_str(part);
            continue;
        }
        // a question mark ending a word is punctuation ("…in Central Asia?"), not a wildcard
        let part = QUESTION_MARK.replace_all(part, "$1$2");
        let part = FUZZY.replace_all(&part, |c: &regex::Captures| {
            notes.push(format!("fuzzy matching is not supported: {} read as {}", &c[0], &c[1]));
            c[1].to_string()
        });
        let part = WILDCARD.replace_all(&part, |c: &regex::Captures| {
            let words = c[0].split(['*', '?']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
            notes.push(format!("wildcards are not supported: {} read as {words}", &c[0]));
            words
        });
        out.push_str(&part);
    }
    (out, notes)
}

/// The query with typographic double quotes (“iron curtain”, „…“, «…», as word
/// processors and web pages give them) made phrase quotes, and Tantivy's range brackets
/// (`[a TO b]`, `{…}`, `<x`, `>x`) and the slashes that open or close a word (Tantivy's
/// regular expressions, `/wat.r/`) made spaces outside phrases: ranges over words mean
/// nothing here, `[water]` silently matched nothing, and a lone slash (`Kazakhstan /
/// Russia`) dropped the rest of the query. A slash inside a word (`example.org/water`,
/// `US/Russia`) stays: the word is a phrase of its parts. Dates are filtered with flags.
fn plain_query_syntax(text: &str) -> String {
    let mut in_phrase = false;
    let chars: Vec<char> = text.chars().collect();
    let word_edge = |i: usize| {
        let blank = |c: Option<&char>| c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | ')' | '"'));
        blank(i.checked_sub(1).and_then(|j| chars.get(j))) || blank(chars.get(i + 1))
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let c = if matches!(c, '“' | '”' | '„' | '‟' | '«' | '»' | '＂') { '"' } else { c };
            if c == '"' {
                in_phrase = !in_phrase;
            }
            let range = matches!(c, '[' | ']' | '{' | '}' | '<' | '>');
            if !in_phrase && (range || c == '/' && word_edge(i)) { ' ' } else { c }
        })
        .collect()
}

/// Fields of the index that are filtered with a flag rather than named in the query.
const FILTER_FIELDS: [(&str, &str); 8] = [
    ("country", "--country"),
    ("about", "--about"),
    ("speaker", "--speaker"),
    ("source", "--source"),
    ("year", "--since/--until"),
    ("date", "--since/--until"),
    ("author", "--source"),
    ("url", "--source"),
];

/// The query with every colon that does not follow a searched field's name read as
/// punctuation. People paste headlines and notes ("Brexit: what next", "Covid-19:
/// vaccines", "meeting 10:30"), and Tantivy reads any `word:` as a field, which made these
/// an "unknown field" error. `title:`, `heading:` and `text:` (any case) stay fields; a
/// filter field's name (`country:FR`) is an error naming the flag to use; another word
/// directly followed by a value (`note:water`) is read as two words, with a note.
fn colons_outside_field_names(text: &str) -> Result<(String, Vec<String>)> {
    let mut notes = Vec::new();
    if !text.contains(':') {
        return Ok((text.to_string(), notes));
    }
    let mut out = String::with_capacity(text.len());
    let mut in_phrase = false;
    let mut word_start = 0;
    let mut skip = 0;
    for (i, c) in text.char_indices() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        if c == '"' {
            in_phrase = !in_phrase;
        }
        if in_phrase || c != ':' {
            // a word starts after a separator, and after the + or - that opens it
            let separator = c.is_whitespace() || matches!(c, '(' | ')' | '"');
            if separator || matches!(c, '+' | '-') && word_start == out.len() {
                word_start = out.len() + c.len_utf8();
            }
            out.push(c);
            continue;
        }
        let name = out[word_start..].to_string();
        let value_follows = text[i + 1..].chars().next().is_some_and(|n| !n.is_whitespace() && n != ')');
        let lower = name.to_lowercase();
        if value_follows && SEARCHED.iter().any(|(field, _)| *field == lower) {
            out.truncate(word_start);
            out.push_str(&lower);
            out.push(':');
        } else if let Some((field, flag)) =
            FILTER_FIELDS.iter().find(|(field, _)| *field == lower).filter(|_| value_follows)
        {
            return Err(Error::BadQuery(format!("{field}: is not searched by the query; filter with {flag} instead")));
        } else {
            let url = text[i + 1..].starts_with("//");
            if url {
                // "https://…": Tantivy would read what follows the slashes as a pattern
                skip = 2;
            } else if value_follows && !name.is_empty() && !name.chars().all(|c| c.is_ascii_digit()) {
                notes.push(format!("{name}: is not a field (text, heading, title); read as words"));
            }
            out.push(' ');
        }
        word_start = out.len();
    }
    Ok((out, notes))
}

fn field_named(fields: &Fields, name: &str) -> Field {
    match name {
        "heading" => fields.heading,
        "title" => fields.title,
        _ => fields.text,
    }
}

fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// A `--country`/`--about` value resolved to facet paths (one, or one per member of a
/// group such as "Middle East"), or an error naming the closest known countries and regions.
pub fn country_facets(value: &str) -> Result<Vec<Facet>> {
    match countries::resolve(value) {
        Ok(selector) => selector
            .facet_paths()
            .iter()
            .map(|path| {
                Facet::from_text(path)
                    .map_err(|_| Error::UnknownCountry(format!("unknown country or region {value:?}")))
            })
            .collect(),
        Err(suggestions) if suggestions.is_empty() => {
            Err(Error::UnknownCountry(format!("unknown country or region {value:?}")))
        }
        Err(suggestions) => Err(Error::UnknownCountry(format!(
            "unknown country or region {value:?}; did you mean {}?",
            suggestions.join(", ")
        ))),
    }
}

/// Any of `facets` (empty list: matches nothing).
fn any_facet(field: Field, facets: &[Facet]) -> Box<dyn Query> {
    if facets.is_empty() {
        return Box::new(EmptyQuery);
    }
    let clauses = facets
        .iter()
        .map(|facet| {
            let term = Term::from_facet(field, facet);
            (Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// The values of a flat facet field (speaker, source) that a user's name designates:
/// the whole value, or its last word (a surname), compared case- and accent-insensitively
/// (see [`same_name`]). For sources, part of the name is enough: the values holding every
/// word of it ("fox news" finds "Fox Online News"; "AP" finds "AP Fact Check", not "Ben
/// Shapiro"), else, when none does, the values holding it as a string ("wash").
pub fn matching_facets(searcher: &Searcher, field: Field, value: &str, allow_partial: bool) -> Result<Vec<Facet>> {
    let wanted = fold(value);
    // an empty value (`--speaker ""`, `--source "/"`) would match every value: surely a
    // script's empty variable, not a wish
    if !wanted.chars().any(char::is_alphanumeric) {
        return Err(Error::BadQuery(format!("filter value {value:?} names nobody: give a name")));
    }
    // folded text is words of letters and digits, one space apart
    let wanted_words: Vec<&str> = wanted.split(' ').collect();
    // A name shares its last word with every form of it: on an ASCII value (most are)
    // that is checked without folding, as an archive holds hundreds of thousands of names.
    let wanted_last = wanted.rsplit(' ').next().unwrap_or_default();
    let may_be_named = |value: &str| {
        !value.is_ascii()
            || value
                .rsplit(|c: char| !c.is_ascii_alphanumeric())
                .find(|word| !word.is_empty())
                .is_some_and(|last| last.eq_ignore_ascii_case(wanted_last))
    };
    let (mut named, mut by_words, mut by_part) = (Vec::new(), Vec::new(), Vec::new());
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream().map_err(|e| Error::Meta(e.to_string()))?;
        while stream.advance() {
            // a facet of one level is encoded as its value; levels are separated by NUL
            let Ok(value) = std::str::from_utf8(stream.key()) else { continue };
            if value.contains('\0') || (!allow_partial && !may_be_named(value)) {
                continue;
            }
            let facet = Facet::from_encoded(stream.key().to_vec()).map_err(|e| Error::Meta(e.to_string()))?;
            let folded = fold(value);
            if same_name(&wanted, &folded) {
                named.push(facet.clone());
            }
            if allow_partial && folded.contains(&wanted) {
                by_part.push(facet.clone());
            }
            if allow_partial && wanted_words.iter().all(|w| folded.split(' ').any(|v| v == *w)) {
                by_words.push(facet);
            }
        }
    }
    if allow_partial {
        named.extend(if by_words.is_empty() { by_part } else { by_words });
    }
    // each segment has its own dictionary: a value found in several is listed once
    named.sort();
    named.dedup();
    Ok(named)
}

/// Whether a folded name asked for names the folded facet value: the same name, its
/// surname ("trump"), or the same first and last names with middle names or initials on
/// either side ("donald trump" and "donald j trump", "hillary clinton" and "hillary rodham
/// clinton"), or the end of the longer name ("tayyip erdogan", "recep tayyip erdogan").
fn same_name(wanted: &str, value: &str) -> bool {
    if wanted == value {
        return true;
    }
    // every form shares the last name: most values are ruled out without splitting
    if wanted.rsplit(' ').next() != value.rsplit(' ').next() {
        return false;
    }
    let asked: Vec<&str> = wanted.split_whitespace().collect();
    let named: Vec<&str> = value.split_whitespace().collect();
    match (asked.as_slice(), named.as_slice()) {
        ([surname], [.., last]) => surname == last,
        ([first, .., last], [value_first, .., value_last]) if named.len() >= 2 => {
            last == value_last && (first == value_first || asked.ends_with(&named) || named.ends_with(&asked))
        }
        _ => false,
    }
}

/// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a year of four digits: `--since 20` is not
/// the year 20; month and day of one or two); `end` picks the last day of a year or month.
pub fn parse_bound(value: &str, end: bool) -> Result<NaiveDate> {
    let bad = || Error::BadDate(value.to_string());
    let parts: Vec<&str> = value.trim().split('-').collect();
    let digits = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(parts[0], 4..=4) || !parts[1..].iter().all(|p| digits(p, 1..=2)) {
        return Err(bad());
    }
    let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let year = parts[0].parse::<i32>().map_err(|_| bad())?;
    let (month, day) = match parts.len() {
        1 => (if end { 12 } else { 1 }, None),
        2 => (number(parts[1])?, None),
        3 => (number(parts[1])?, Some(number(parts[2])?)),
        _ => return Err(bad()),
    };
    let first = NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1)).ok_or_else(bad)?;
    if day.is_some() || !end {
        return Ok(first);
    }
    let next_month = if first.month() == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, first.month() + 1, 1)
    };
    next_month.and_then(|d| d.pred_opt()).ok_or_else(bad)
}

/// The dates a bound may hold. Tantivy stores a date as nanoseconds in an `i64`, which
/// covers 1677-09-21 to 2262-04-11 only: a bound outside wrapped around (`--until 9999`
/// became a date in 1816 and matched nothing). Indexed dates are plausible ones (1800 to a
/// year ahead), so a bound is clamped to these years without changing what it selects.
const FIRST_BOUND_YEAR: i32 = 1700;
const LAST_BOUND_YEAR: i32 = 2200;

/// Passages dated within `[since, until]` (any bound, however far out, is read as written;
/// undated passages are never within).
pub fn date_range(field: Field, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Box<dyn Query> {
    let first = NaiveDate::from_ymd_opt(FIRST_BOUND_YEAR, 1, 1).expect("valid constant date");
    let last = NaiveDate::from_ymd_opt(LAST_BOUND_YEAR, 12, 31).expect("valid constant date");
    // A range that no indexed date can be in.
    if since.is_some_and(|d| d > last) || until.is_some_and(|d| d < first) {
        return Box::new(EmptyQuery);
    }
    let bound = |date: Option<NaiveDate>| match date {
        None => Bound::Unbounded,
        Some(date) => {
            let date = date.clamp(first, last);
            let seconds = date.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp());
            Bound::Included(Term::from_field_date(field, DateTime::from_timestamp_secs(seconds)))
        }
    };
    Box::new(RangeQuery::new(bound(since), bound(until)))
}

/// The user's query restricted by every filter. Filters do not change scores.
pub fn with_filters(text_query: Box<dyn Query>, filters: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if filters.is_empty() {
        return text_query;
    }
    let mut clauses = vec![(Occur::Must, text_query)];
    for filter in filters {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0)) as Box<dyn Query>));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Filters on a facet field: any of the given facets.
pub fn facet_filter(field: Field, facets: &[Facet]) -> Box<dyn Query> {
    any_facet(field, facets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds_cover_whole_years_and_months() {
        assert_eq!(parse_bound("2016", false).unwrap(), NaiveDate::from_ymd_opt(2016, 1, 1).unwrap());
        assert_eq!(parse_bound("2016", true).unwrap(), NaiveDate::from_ymd_opt(2016, 12, 31).unwrap());
        assert_eq!(parse_bound("2016-02", true).unwrap(), NaiveDate::from_ymd_opt(2016, 2, 29).unwrap());
        assert_eq!(parse_bound("2016-02-03", true).unwrap(), NaiveDate::from_ymd_opt(2016, 2, 3).unwrap());
        assert!(parse_bound("yesterday", false).is_err());
        assert!(parse_bound("2016-13", false).is_err());
        assert_eq!(parse_bound("2020-1-5", false).unwrap(), NaiveDate::from_ymd_opt(2020, 1, 5).unwrap());
        for bad in ["20", "1", "+2020", "99999", "2020-", "2020-001", "-2020", "2020-01-02-03", ""] {
            assert!(parse_bound(bad, false).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn colons_are_punctuation_unless_they_follow_a_searched_field() {
        let read = |q: &str| colons_outside_field_names(q).map(|(text, notes)| (text, notes.len()));
        assert_eq!(read("Brexit: what next").unwrap(), ("Brexit  what next".to_string(), 0));
        assert_eq!(read("meeting 10:30").unwrap(), ("meeting 10 30".to_string(), 0));
        assert_eq!(read("Covid-19: vaccine").unwrap(), ("Covid-19  vaccine".to_string(), 0));
        assert_eq!(
            read("TITLE:water -heading:\"dam: safe\"").unwrap(),
            ("title:water -heading:\"dam: safe\"".to_string(), 0)
        );
        assert_eq!(read("(title:a OR +text:b)").unwrap(), ("(title:a OR +text:b)".to_string(), 0));
        assert_eq!(read("note:water").unwrap(), ("note water".to_string(), 1));
        let error = read("floods country:FR").unwrap_err().to_string();
        assert!(error.contains("--country"), "{error}");
        assert!(read("speaker:Levystone").is_err());
        assert!(read("title: water").is_ok_and(|(text, _)| text == "title  water"));
        assert_eq!(read("https://example.com/a").unwrap(), ("https example.com/a".to_string(), 0));
    }

    #[test]
    fn typographic_quotes_make_phrases_and_range_brackets_are_spaces() {
        assert_eq!(plain_query_syntax("“iron curtain” „Wende“ «mur»"), "\"iron curtain\" \"Wende\" \"mur\"");
        assert_eq!(plain_query_syntax("[water] {dam} <x> \"a [b]\""), " water   dam   x  \"a [b]\"");
        assert_eq!(plain_query_syntax("Kazakhstan / Russia /dam/ \"a / b\""), "Kazakhstan   Russia  dam  \"a / b\"");
        assert_eq!(plain_query_syntax("(/x/) example.org/water US/Russia"), "( x ) example.org/water US/Russia");
    }

    #[test]
    fn a_name_matches_its_surname_and_its_forms_with_middle_names() {
        assert!(same_name("trump", "donald j trump"));
        assert!(same_name("donald trump", "donald j trump"));
        assert!(same_name("vladimir v putin", "vladimir putin"));
        assert!(same_name("hillary clinton", "hillary rodham clinton"));
        assert!(same_name("tayyip erdogan", "recep tayyip erdogan"));
        assert!(same_name("de blasio", "de blasio"));
        assert!(!same_name("michelle obama", "barack obama"));
        assert!(!same_name("donald trump", "trump"), "a surname alone may be another Trump");
        assert!(!same_name("obama", "barack obama jr") && !same_name("ama", "barack obama"));
    }

    #[test]
    fn only_words_any_of_which_may_appear_are_ranked_by_skipping() {
        let dir = tempfile::tempdir().unwrap();
        let news = crate::index::NewsIndex::open_or_create(dir.path()).unwrap();
        let block_wand = |text: &str, all: bool| {
            parse_text_query(&news.index, &news.fields, text, all).map(|parsed| parsed.block_wand).unwrap()
        };
        for text in ["said", "trade war tariffs", "water OR dam", "title:water", "(water OR dam) river", "water^2 dam"]
        {
            assert!(block_wand(text, false), "{text:?}");
        }
        for text in ["", "\"white house\"", "+water +dam", "water -dam", "water AND NOT dam", "water \"iron curtain\""]
        {
            assert!(!block_wand(text, false), "{text:?}");
        }
        assert!(!block_wand("water dam", true), "--all makes every word required");
    }

    #[test]
    fn nesting_is_measured() {
        assert_eq!(nesting_depth("(a (b) c)"), 2);
        assert_eq!(nesting_depth("))(("), 2);
    }
}
