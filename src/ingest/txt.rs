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
    let mut headers = 0;
    while let Some(line) = lines.peek() {
        if !apply_header(&mut raw, line) {
            break;
        }
        lines.next();
        headers += 1;
    }
    // "Title\n\nDate: …\nSource: …\n\nBody": a header set off from the title by a blank
    // line, when every line of that first block is a header line.
    let blank = |line: &&str| line.trim().is_empty();
    let block: Vec<&str> = lines.clone().skip_while(blank).take_while(|line| !blank(line)).collect();
    if headers == 0 && !block.is_empty() && block.iter().all(|line| header(line).is_some()) {
        while lines.next_if(blank).is_some() {}
        for line in block {
            apply_header(&mut raw, line);
            lines.next();
        }
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

/// The fields a header line may set.
enum Header {
    Date,
    Source,
    Url,
    Author,
    Id,
    Dateline,
}

/// A `Key: value` header line's field and value, if it is one. The value may be empty
/// (`ID:` left blank by an export template): still a header line, not the body's first
/// paragraph.
fn header(line: &str) -> Option<(Header, &str)> {
    let (key, value) = line.split_once(':')?;
    let value = value.trim();
    let field = match key.trim().to_ascii_lowercase().as_str() {
        "date" | "published" => Header::Date,
        "source" | "outlet" | "publisher" => Header::Source,
        "url" | "link" => Header::Url,
        "author" | "authors" | "byline" | "by" => Header::Author,
        "id" => Header::Id,
        "dateline" => Header::Dateline,
        _ => return None,
    };
    Some((field, value))
}

/// Applies a `Key: value` header line; false when the line is not one.
fn apply_header(raw: &mut RawArticle, line: &str) -> bool {
    let Some((field, value)) = header(line) else {
        return false;
    };
    let slot = match field {
        Header::Date => &mut raw.date,
        Header::Source => &mut raw.source,
        Header::Url => &mut raw.url,
        Header::Author => &mut raw.author,
        Header::Id => &mut raw.id,
        Header::Dateline => &mut raw.dateline,
    };
    if !value.is_empty() {
        *slot = Some(value.to_string());
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_block_set_off_by_a_blank_line_is_read_but_a_paragraph_is_not_a_header() {
        let raw = parse_txt("Dam deal\n\nDate: 2021-03-04\nSource: Andes Wire\n\nFirst.\n\nSecond.\n");
        assert_eq!(raw.date.as_deref(), Some("2021-03-04"));
        assert_eq!(raw.source.as_deref(), Some("Andes Wire"));
        assert_eq!(raw.paragraphs, ["First.", "Second."]);
        // a first paragraph that only starts like a header stays a paragraph
        let raw = parse_txt("Dam deal\n\nDate: 2021-03-04\nThe dam opened.\n\nSecond.\n");
        assert_eq!(raw.date, None);
        assert_eq!(raw.paragraphs, ["Date: 2021-03-04 The dam opened.", "Second."]);
    }

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
    fn a_header_left_empty_is_still_a_header() {
        let raw = parse_txt("Title\nID:\nDate: \nSource: Wire\n\nBody.");
        assert_eq!((raw.id, raw.date, raw.source.as_deref()), (None, None, Some("Wire")));
        assert_eq!(raw.paragraphs, ["Body."]);
    }

    #[test]
    fn a_prose_line_with_a_colon_ends_the_header() {
        let raw = parse_txt("Title\nNote: this is prose\n\nBody.");
        assert_eq!(raw.paragraphs, ["Note: this is prose", "Body."]);
    }
}
