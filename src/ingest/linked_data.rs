//! What a saved page's schema.org JSON-LD says about its article.
//!
//! Why this exists: most news sites write a `<script type="application/ld+json">` block
//! for search engines, with a `NewsArticle` (or `Article`, `BlogPosting`, …) that names
//! the headline, the publication date, the authors and the publisher more cleanly than
//! the page's markup, and pages whose text a script draws hold the only copy of the
//! article there (`articleBody`). [`super::html`] takes these values where its own
//! sources are missing.
//!
//! The blocks are read leniently: control characters written raw inside strings (a
//! common fault: an `articleBody` with real line breaks) are escaped before parsing, and
//! a block that still does not parse is ignored, as is everything that is not an article.

use serde_json::Value;

/// The article's fields found in a page's JSON-LD; each `None` when absent.
#[derive(Debug, Default, PartialEq)]
pub struct LinkedArticle {
    pub headline: Option<String>,
    pub date_published: Option<String>,
    /// Names of the authors, joined with ", ".
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    /// The text of the article, as written (paragraphs separated by line breaks, or none).
    pub body: Option<String>,
    /// A live blog (`LiveBlogPosting`): its posts are its text.
    pub live_blog: bool,
}

/// Deepest nesting searched for an article object (`@graph`, lists, `mainEntity`).
const MAX_DEPTH: usize = 6;

/// The first article described by the given JSON-LD blocks (the texts of the page's
/// `application/ld+json` scripts), or an empty value.
pub fn linked_article<'a>(blocks: impl IntoIterator<Item = &'a str>) -> LinkedArticle {
    blocks
        .into_iter()
        .filter_map(parse_lenient)
        .find_map(|value| find_article(&value, 0).map(read_article))
        .unwrap_or_default()
}

/// Parses a block, escaping raw control characters inside its strings first if needed.
fn parse_lenient(block: &str) -> Option<Value> {
    let block = block.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
    serde_json::from_str(block).ok().or_else(|| serde_json::from_str(&escape_controls_in_strings(block)).ok())
}

/// JSON with the control characters inside its strings escaped (`\n` for a line break);
/// outside strings they are whitespace and stay as they are.
fn escape_controls_in_strings(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                '\n' => {
                    out.push_str("\\n");
                    continue;
                }
                '\r' => continue,
                c if c.is_control() && (c as u32) < 0x20 => {
                    out.push(' ');
                    continue;
                }
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
    }
    out
}

/// Whether a schema.org type names an article: `NewsArticle`, `ReportageNewsArticle`,
/// `Article`, `BlogPosting`, `LiveBlogPosting`, `Report`… (prefixes such as
/// `schema:` or `https://schema.org/` allowed).
fn is_article_type(name: &str) -> bool {
    let name = name.rsplit(['/', ':']).next().unwrap_or(name);
    name.ends_with("Article") || name.ends_with("BlogPosting") || name == "Report"
}

fn find_article(value: &Value, depth: usize) -> Option<&Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|item| find_article(item, depth + 1)),
        Value::Object(object) => {
            let typed = match object.get("@type") {
                Some(Value::String(name)) => is_article_type(name),
                Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).any(is_article_type),
                _ => false,
            };
            if typed {
                return Some(value);
            }
            ["@graph", "mainEntity"].iter().filter_map(|key| object.get(*key)).find_map(|v| find_article(v, depth + 1))
        }
        _ => None,
    }
}

fn read_article(article: &Value) -> LinkedArticle {
    // CMSs write HTML references into these strings too ("Nigeria&#039;s")
    let decode = |s: &str| super::html::decode_entities(s).trim().to_string();
    let text = |key: &str| article.get(key).and_then(Value::as_str).map(decode).filter(|s| !s.is_empty());
    let live_blog = match article.get("@type") {
        Some(Value::String(name)) => name.ends_with("LiveBlogPosting"),
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).any(|n| n.ends_with("LiveBlogPosting")),
        _ => false,
    };
    LinkedArticle {
        headline: text("headline").or_else(|| text("name")),
        date_published: text("datePublished").or_else(|| text("dateCreated")),
        author: article.get("author").and_then(|a| names(a, true)),
        publisher: article.get("publisher").and_then(|p| names(p, false)),
        url: text("url").or_else(|| article.get("mainEntityOfPage").and_then(page_id)),
        body: article
            .get("articleBody")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        live_blog,
    }
}

/// Names held by a person or organisation value: `"Ann"`, `{"name": "Ann"}`, or a list of
/// those, joined with ", ". Web addresses (profile pages) are not names; for `people`,
/// organisations (a newsroom credited as author) are not either.
fn names(value: &Value, people: bool) -> Option<String> {
    let one = |v: &Value| -> Option<String> {
        let name = match v {
            Value::String(s) => s.as_str(),
            Value::Object(o)
                if people
                    && o.get("@type")
                        .and_then(Value::as_str)
                        .is_some_and(|t| t.ends_with("Organization") || t == "NewsMediaOrganization") =>
            {
                return None;
            }
            Value::Object(o) => o.get("name").and_then(Value::as_str)?,
            _ => return None,
        };
        let name = name.trim();
        (!name.is_empty() && !name.starts_with("http://") && !name.starts_with("https://")).then(|| name.to_string())
    };
    let all: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    (!all.is_empty()).then(|| all.join(", "))
}

/// `mainEntityOfPage`: the page's address, as a string or `{"@id": …}`.
fn page_id(value: &Value) -> Option<String> {
    let id = match value {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("@id").and_then(Value::as_str)?,
        _ => return None,
    };
    (id.starts_with("http://") || id.starts_with("https://")).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_in_a_graph_with_people_and_a_publisher() {
        let block = r#"{"@context": "https://schema.org", "@graph": [
            {"@type": "WebSite", "name": "The Lakeside Post", "url": "https://post.example/"},
            {"@type": ["NewsArticle", "ReportageNewsArticle"], "headline": " Ferry service returns ",
             "datePublished": "2021-04-05T07:00:00Z",
             "author": [{"@type": "Person", "name": "Ida Berg"}, {"@type": "Person", "name": "Tom Vale"}, "https://post.example/staff"],
             "publisher": {"@type": "Organization", "name": "The Lakeside Post"},
             "mainEntityOfPage": {"@id": "https://post.example/ferry"},
             "articleBody": "The ferry sailed again.\n\nPassengers cheered."}]}"#;
        let article = linked_article([block]);
        assert_eq!(
            article,
            LinkedArticle {
                headline: Some("Ferry service returns".into()),
                date_published: Some("2021-04-05T07:00:00Z".into()),
                author: Some("Ida Berg, Tom Vale".into()),
                publisher: Some("The Lakeside Post".into()),
                url: Some("https://post.example/ferry".into()),
                body: Some("The ferry sailed again.\n\nPassengers cheered.".into()),
                live_blog: false,
            }
        );
    }

    #[test]
    fn a_newsroom_is_no_author_and_references_are_decoded() {
        let block = r#"{"@type": "LiveBlogPosting", "headline": "Nigeria&#039;s vote", "author": [{"@type": "Organization", "name": "Desk"}, {"@type": "Person", "name": "Ada Obi"}], "publisher": {"@type": "Organization", "name": "Desk"}}"#;
        let article = linked_article([block]);
        assert_eq!(article.headline.as_deref(), Some("Nigeria's vote"));
        assert_eq!(article.author.as_deref(), Some("Ada Obi"));
        assert_eq!(article.publisher.as_deref(), Some("Desk"));
        assert!(article.live_blog);
        let only_a_newsroom = r#"{"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Desk"}}"#;
        assert_eq!(linked_article([only_a_newsroom]).author, None);
    }

    #[test]
    fn raw_line_breaks_in_strings_are_read_and_broken_blocks_skipped() {
        let broken = r#"{"@type": "NewsArticle", "headline": "Cut off"#;
        let raw = "<!-- {\"@type\": \"schema:BlogPosting\", \"name\": \"Notes\",\n \"articleBody\": \"First line.\r\n\tSecond line \\\"quoted\\\".\"} -->";
        let article = linked_article([broken, raw]);
        assert_eq!(article.headline.as_deref(), Some("Notes"));
        assert_eq!(article.body.as_deref(), Some("First line.\n Second line \"quoted\"."));
    }

    #[test]
    fn pages_that_describe_no_article_give_nothing() {
        let blocks = [
            r#"{"@type": "Organization", "name": "Not an article", "articleBody": "x"}"#,
            r#"[{"@type": "BreadcrumbList"}, 3, null, "text"]"#,
            "not json at all",
            "",
        ];
        assert_eq!(linked_article(blocks), LinkedArticle::default());
        let deep = format!("{}{{\"@type\": \"NewsArticle\", \"headline\": \"x\"}}{}", "[".repeat(50), "]".repeat(50));
        assert_eq!(linked_article([deep.as_str()]), LinkedArticle::default());
    }
}
