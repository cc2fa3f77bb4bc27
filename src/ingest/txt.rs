//! Plain-text articles: the title on the first non-empty line, optional `Key: value`
//! header lines right after it (Date, Source, URL, Author, ID, Dateline), then paragraphs
//! separated by blank lines (or one paragraph per line when there is no blank line).

use crate::article::RawArticle;

/// Parses a plain-text article.
pub fn parse_txt(text: &str) -> RawArticle {
    // Old Mac files end lines with a lone CR, which `lines` does not split on: the whole
    // file became one title line and the article was empty.
    let text: std::borrow::Cow<'_, str> =
        if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n").into() } else { text.into() };
    let mut raw = RawArticle::default();
    let mut lines = text.lines().skip_while(|line| line.trim().is_empty()).peekable();
    raw.title = lines.next().map(|line| line.trim().to_string());
    while let Some(line) = lines.peek() {
        if !apply_header(&mut raw, line) {
            break;
        }
        lines.next();
    }
    let rest: Vec<&str> = lines.collect();
    let has_blank_line = rest.iter().skip_while(|l| l.trim().is_empty()).any(|l| l.trim().is_empty());
    if has_blank_line {
        let mut paragraph = String::new();
        for line in rest {
            if line.trim().is_empty() {
                if !paragraph.is_empty() {
                    raw.paragraphs.push(std::mem::take(&mut paragraph));
                }
            } else {
                if !paragraph.is_empty() {
                    paragraph.push(' ');
                }
                paragraph.push_str(line.trim());
            }
        }
        if !paragraph.is_empty() {
            raw.paragraphs.push(paragraph);
        }
    } else {
        raw.paragraphs = rest.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).map(str::to_string).collect();
    }
    raw
}

/// Applies a `Key: value` header line; false when the line is not one.
fn apply_header(raw: &mut RawArticle, line: &str) -> bool {
    let Some((key, value)) = line.split_once(':') else {
        return false;
    };
    let value = value.trim();
    if value.is_empty() {
        return false;
    }
    let slot = match key.trim().to_ascii_lowercase().as_str() {
        "date" | "published" => &mut raw.date,
        "source" | "outlet" | "publisher" => &mut raw.source,
        "url" | "link" => &mut raw.url,
        "author" | "authors" | "byline" | "by" => &mut raw.author,
        "id" => &mut raw.id,
        "dateline" => &mut raw.dateline,
        _ => return false,
    };
    *slot = Some(value.to_string());
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_headers_and_paragraphs() {
        let raw = parse_txt(
            "\nDam deal\nDate: 2021-03-04\nsource: Andes Wire\nID: aw-1\n\nFirst line\ncontinues.\n\nSecond.\n",
        );
        assert_eq!(raw.title.as_deref(), Some("Dam deal"));
        assert_eq!(raw.date.as_deref(), Some("2021-03-04"));
        assert_eq!(raw.source.as_deref(), Some("Andes Wire"));
        assert_eq!(raw.id.as_deref(), Some("aw-1"));
        assert_eq!(raw.paragraphs, ["First line continues.", "Second."]);
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        let raw = parse_txt("Title\nOne.\nTwo: not a header.\nThree.");
        assert_eq!(raw.paragraphs, ["One.", "Two: not a header.", "Three."]);
        assert_eq!(raw.date, None);
    }

    #[test]
    fn a_prose_line_with_a_colon_ends_the_header() {
        let raw = parse_txt("Title\nNote: this is prose\n\nBody.");
        assert_eq!(raw.paragraphs, ["Note: this is prose", "Body."]);
    }
}
