//! JSON and JSON Lines articles: one object per line, or a file holding one object
//! or an array of them. Keys are found through [`FieldMap`].

use serde_json::{Map, Value};

use super::fields::{Field, FieldMap};
use crate::article::RawArticle;

/// Parses one JSON Lines line into an article.
pub fn parse_object(text: &str, fields: &FieldMap) -> Result<RawArticle, String> {
    let value: Value = serde_json::from_str(text).map_err(|err| err.to_string())?;
    let mut raw = article_from_value(&value, fields)?;
    if let Value::Object(object) = &value
        && let Some((key, Value::Number(number))) = fields.lookup_entry(object, Field::Id)
        && number.is_f64()
    {
        // a numeric id beyond 64 bits parses as a float, and two such ids one apart are
        // the same float: the id is taken as written
        raw.id = written_number(text, key).or(raw.id);
    }
    Ok(raw)
}

/// The integer under `key` of the object `text`, as written; `None` for a number with a
/// fraction or an exponent, whose id stays as before (`2.5`, `1000.0`).
fn written_number(text: &str, key: &str) -> Option<String> {
    let raw: std::collections::HashMap<String, Box<serde_json::value::RawValue>> = serde_json::from_str(text).ok()?;
    let number = raw.get(key)?.get();
    let digits = number.strip_prefix('-').unwrap_or(number);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| number.to_string())
}

/// Parses a `.json` file: one article object, or an array of them. The flag says whether
/// the file held an array.
pub fn parse_document(text: &str, fields: &FieldMap) -> Vec<Result<(bool, RawArticle), String>> {
    match serde_json::from_str::<Value>(text) {
        Err(err) => vec![Err(err.to_string())],
        Ok(Value::Array(items)) => {
            items.iter().map(|item| article_from_value(item, fields).map(|raw| (true, raw))).collect()
        }
        Ok(value) => vec![article_from_value(&value, fields).map(|raw| (false, raw))],
    }
}

/// Whether a `.json` file's text is JSON Lines: its first line is a whole object and more
/// follows (one JSON document would be cut at its first line).
pub fn holds_json_lines(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let Some((first, rest)) = text.split_once('\n') else {
        return false;
    };
    first.trim_start().starts_with('{')
        && !rest.trim().is_empty()
        && serde_json::from_str::<serde::de::IgnoredAny>(first).is_ok()
}

fn article_from_value(value: &Value, fields: &FieldMap) -> Result<RawArticle, String> {
    let Value::Object(object) = value else {
        return Err(format!("expected an article object, found {}", kind(value)));
    };
    let body = match fields.lookup(object, Field::Body) {
        None => return Err("no body (looked for body, text, content, content_original, article)".into()),
        Some(Value::String(text)) => split_body(text),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                let text = scalar(item).ok_or_else(|| format!("body list holds {}", kind(item)))?;
                Ok(super::html::decode_entities(&text).into_owned())
            })
            .collect::<Result<Vec<_>, String>>()?,
        Some(other) => return Err(format!("body is {}, not text or a list of paragraphs", kind(other))),
    };
    Ok(RawArticle {
        id: text_field(object, fields, Field::Id)?,
        title: text_field(object, fields, Field::Title)?.map(|t| super::html::decode_entities(&t).into_owned()),
        paragraphs: body,
        date: text_field(object, fields, Field::Date)?,
        source: text_field(object, fields, Field::Source)?,
        url: text_field(object, fields, Field::Url)?,
        author: text_field(object, fields, Field::Author)?,
        dateline: text_field(object, fields, Field::Dateline)?,
    })
}

/// A metadata field as text: strings and numbers as they are, a list of strings joined
/// (`authors`), an object with a `name` (`{"source": {"name": ...}}`); anything else is an error.
fn text_field(object: &Map<String, Value>, fields: &FieldMap, field: Field) -> Result<Option<String>, String> {
    let Some(value) = fields.lookup(object, field) else {
        return Ok(None);
    };
    if let Some(text) = scalar(value) {
        return Ok(Some(text));
    }
    match value {
        Value::Array(items) => {
            // `"authors": ["Ann", "Bo"]` or `[{"name": "Ann"}, …]`
            let parts: Vec<String> =
                items.iter().filter_map(|item| scalar(item).or_else(|| item.get("name").and_then(scalar))).collect();
            Ok((!parts.is_empty()).then(|| parts.join(", ")))
        }
        Value::Object(inner) => Ok(inner.get("name").and_then(scalar).or_else(|| extended_json(inner)).or_else(|| {
            // a date in a shape not read here: kept as written, so that it is reported
            // as a date that cannot be read rather than silently dropped
            (field == Field::Date).then(|| value.to_string())
        })),
        other => Err(format!("{field:?} is {}", kind(other)).to_lowercase()),
    }
}

/// A value in MongoDB's extended JSON, as `mongoexport` writes it: `{"$oid": "5f1d…"}`,
/// `{"$date": "2020-01-02T03:04:05Z"}`, `{"$date": {"$numberLong": "1577934245000"}}`
/// (milliseconds since 1970), `{"$numberLong": "42"}`.
fn extended_json(object: &Map<String, Value>) -> Option<String> {
    if let Some(date) = object.get("$date") {
        let millis = match date {
            Value::Object(inner) => inner.get("$numberLong").and_then(scalar)?.parse::<i64>().ok()?,
            Value::Number(number) => number.as_i64()?,
            other => return scalar(other),
        };
        return chrono::DateTime::from_timestamp_millis(millis)
            .map(|date| date.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
    ["$oid", "$numberLong", "$numberInt", "$uuid"].iter().find_map(|key| object.get(*key).and_then(scalar))
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A body held in one string: blank-line separated paragraphs (lines inside a paragraph
/// joined), or, when there is no blank line, one paragraph per line.
pub fn split_body(text: &str) -> Vec<String> {
    use super::html::{decode_entities, fragment_paragraphs, looks_like_html};
    // CMS exports often hold the body, or links inside it, as HTML (its tags would be
    // indexed as words: "href", "https"), and some escape that HTML once more
    // (`&lt;a href=…&gt;`): decoded, it is read as HTML too.
    let mut out = Vec::new();
    for paragraph in split_plain_body(text) {
        if looks_like_html(&paragraph) {
            out.extend(fragment_paragraphs(&paragraph));
            continue;
        }
        match decode_entities(&paragraph) {
            std::borrow::Cow::Borrowed(_) => out.push(paragraph),
            std::borrow::Cow::Owned(decoded) if looks_like_html(&decoded) => out.extend(fragment_paragraphs(&decoded)),
            std::borrow::Cow::Owned(decoded) => out.push(decoded),
        }
    }
    out
}

fn split_plain_body(text: &str) -> Vec<String> {
    // CRLF, a lone CR (old Mac), Unicode's line and paragraph separators
    let text = text.replace("\r\n", "\n").replace(['\r', '\u{2028}'], "\n").replace('\u{2029}', "\n\n");
    let has_blank_lines = text.lines().any(|line| line.trim().is_empty()) && text.trim().contains("\n\n");
    if has_blank_lines {
        let mut paragraphs = Vec::new();
        let mut current = String::new();
        for line in text.lines() {
            if line.trim().is_empty() {
                if !current.is_empty() {
                    paragraphs.push(std::mem::take(&mut current));
                }
            } else {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(line.trim());
            }
        }
        if !current.is_empty() {
            paragraphs.push(current);
        }
        paragraphs
    } else {
        text.lines().filter(|line| !line.trim().is_empty()).map(str::to_string).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_html_in_a_body_is_read_as_html() {
        assert_eq!(
            split_body("Floods.\nWatch at &lt;a href=\"//v.example\"&gt;v.example&lt;/a&gt;\nAT&amp;T &lt;T&gt; rose."),
            ["Floods.", "Watch at v.example", "AT&T <T> rose."]
        );
    }

    #[test]
    fn every_kind_of_line_break_splits_a_body() {
        assert_eq!(
            split_body("One.\r\rTwo.\u{2029}Three.\u{2028}still three."),
            ["One.", "Two.", "Three. still three."]
        );
    }

    #[test]
    fn a_numeric_id_beyond_64_bits_is_kept_as_written() {
        let id = |line: &str| parse_object(line, &FieldMap::default()).unwrap().id;
        assert_eq!(id(r#"{"id": 12345678901234567890123, "body": "x"}"#).as_deref(), Some("12345678901234567890123"));
        assert_eq!(id(r#"{"id": 12345678901234567890124, "body": "x"}"#).as_deref(), Some("12345678901234567890124"));
        assert_eq!(id(r#"{"ID": 18446744073709551615, "body": "x"}"#).as_deref(), Some("18446744073709551615"));
        assert_eq!(id(r#"{"id": -12345678901234567890123, "body": "x"}"#).as_deref(), Some("-12345678901234567890123"));
        assert_eq!(id(r#"{"id": 2.50, "body": "x"}"#).as_deref(), Some("2.5"), "a float id as before");
        assert_eq!(id(r#"{"id": 1e3, "body": "x"}"#).as_deref(), Some("1000.0"), "a float id as before");
        assert_eq!(id(r#"{"id": 7, "body": "x"}"#).as_deref(), Some("7"));
    }

    #[test]
    fn mongodb_extended_json_values_are_read() {
        let line = r#"{"guid": {"$oid": "5f1d7a"}, "title": "Vote", "body": "Text.", "date": {"$date": {"$numberLong": "1577934245000"}}, "source": {"$numberLong": "7"}}"#;
        let raw = parse_object(line, &FieldMap::default()).unwrap();
        assert_eq!(raw.id.as_deref(), Some("5f1d7a"));
        assert_eq!(raw.date.as_deref(), Some("2020-01-02T03:04:05Z"));
        assert_eq!(raw.source.as_deref(), Some("7"));
        let raw = parse_object(r#"{"body": "x", "date": {"$date": "2019-05-06T00:00:00.000Z"}}"#, &FieldMap::default());
        assert_eq!(raw.unwrap().date.as_deref(), Some("2019-05-06T00:00:00.000Z"));
        // a date object of another shape is kept as written, for the date reader to report
        let raw = parse_object(r#"{"body": "x", "date": {"when": 5}}"#, &FieldMap::default()).unwrap();
        assert_eq!(raw.date.as_deref(), Some(r#"{"when":5}"#));
    }

    #[test]
    fn json_lines_in_a_json_file_are_recognised() {
        assert!(holds_json_lines("{\"body\": \"a\"}\r\n{\"body\": \"b\"}\n"));
        assert!(holds_json_lines("\u{feff}\n{\"body\": \"a\"}\nbroken"));
        assert!(!holds_json_lines("{\"body\": \"a\"}\n"));
        assert!(!holds_json_lines("{\n  \"body\": \"a\"\n}\n"));
        assert!(!holds_json_lines("[{\"body\": \"a\"},\n{\"body\": \"b\"}]"));
    }

    #[test]
    fn usual_keys_and_shapes_are_recognised() {
        let line = r#"{"ID": 7, "headline": "Dam talks", "content": ["One.", "Two."], "published": "2020-01-02", "outlet": {"name": "Wire"}, "authors": ["A", "B"]}"#;
        let raw = parse_object(line, &FieldMap::default()).unwrap();
        assert_eq!(raw.id.as_deref(), Some("7"));
        assert_eq!(raw.title.as_deref(), Some("Dam talks"));
        assert_eq!(raw.paragraphs, ["One.", "Two."]);
        assert_eq!(raw.source.as_deref(), Some("Wire"));
        assert_eq!(raw.author.as_deref(), Some("A, B"));
    }

    #[test]
    fn wrong_types_are_errors_not_panics() {
        let fields = FieldMap::default();
        assert!(parse_object(r#"{"title": "T", "body": null}"#, &fields).is_err());
        assert!(parse_object(r#"{"title": "T", "body": {"a": 1}}"#, &fields).is_err());
        assert!(parse_object(r#"[1, 2]"#, &fields).is_err());
        assert!(parse_object(r#"{"title": "T", "body": "x""#, &fields).is_err());
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse_object(&deep, &fields).is_err());
        let raw = parse_object(r#"{"title": 42, "body": "x"}"#, &fields).unwrap();
        assert_eq!(raw.title.as_deref(), Some("42"));
    }

    #[test]
    fn bodies_split_on_blank_lines_else_on_lines() {
        assert_eq!(split_body("a\nb\n\nc"), ["a b", "c"]);
        assert_eq!(split_body("a\nb\nc\n"), ["a", "b", "c"]);
    }

    #[test]
    fn an_html_body_is_read_as_paragraphs_and_tags_in_plain_text_are_dropped() {
        let html = r#"{"title": "t", "body": "<p>Talks resumed on <em>Monday</em>.</p><p>More &amp; more.</p>"}"#;
        assert_eq!(
            parse_object(html, &FieldMap::default()).unwrap().paragraphs,
            ["Talks resumed on Monday.", "More & more."]
        );
        let mixed = r#"{"title": "t", "body": "First part.\n\nWatch it at <a href=\"http://v.example\">v.example</a>\n\nPhillips Petroleum <P> rose."}"#;
        assert_eq!(
            parse_object(mixed, &FieldMap::default()).unwrap().paragraphs,
            ["First part.", "Watch it at v.example", "Phillips Petroleum <P> rose."]
        );
    }

    #[test]
    fn authors_given_as_objects_are_named() {
        let line = r#"{"title": "t", "body": "b", "authors": [{"name": "Ann Lee"}, {"name": "Bo Park"}]}"#;
        assert_eq!(parse_object(line, &FieldMap::default()).unwrap().author.as_deref(), Some("Ann Lee, Bo Park"));
    }

    #[test]
    fn a_json_file_may_hold_an_array() {
        let parsed = parse_document(r#"[{"title":"A","body":"x"}, 3]"#, &FieldMap::default());
        assert_eq!(parsed.len(), 2);
        assert!(parsed[0].as_ref().is_ok_and(|(many, _)| *many));
        assert!(parsed[1].is_err());
    }
}
