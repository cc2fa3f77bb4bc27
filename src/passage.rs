//! Paragraphs → passages.
//!
//! Why this exists: the index stores *passages*, the unit a search hit points
//! to. A passage is normally one paragraph of an article body, but two things
//! in real archives need care:
//!
//! * **Section headings** ("The vote", "What comes next") are short lines of
//!   their own. As passages they would be near-useless hits, yet they tell
//!   what the following paragraph is about, so they are attached to the next
//!   passage as its `heading`.
//! * **Very long paragraphs** (wire copy without line breaks, whole pages
//!   flattened into one `<p>`, multi-megabyte garbage) would make huge
//!   passages. They are split at sentence boundaries into pieces of at most
//!   [`MAX_PASSAGE_CHARS`] characters, or, lacking sentence boundaries, at
//!   whitespace or at any char boundary. All of this is linear in the input
//!   size.
//!
//! No text is ever lost: the passages' texts plus headings, in order, contain
//! every non-whitespace character of the input, in order (whitespace at split
//! points is dropped and consecutive headings are joined with `" — "`).

/// One passage before it is indexed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassageDraft {
    /// Section heading the passage sits under (the short line just before
    /// it), if any. Every piece of a split paragraph carries its heading.
    pub heading: Option<String>,
    /// The passage text (trimmed, never empty).
    pub text: String,
}

/// Maximum length of a passage's text, in Unicode scalar values (`char`s).
///
/// 1500 chars is about 250 English words: a long news paragraph fits whole,
/// while a passage is still short enough to show as a search snippet and to
/// keep BM25 scores comparable between passages.
pub const MAX_PASSAGE_CHARS: usize = 1500;

/// Longest line (in chars) that can be a heading.
const HEADING_MAX_CHARS: usize = 80;
/// Most words a heading can have.
const HEADING_MAX_WORDS: usize = 10;
/// Separator used when consecutive headings are joined.
const HEADING_JOIN: &str = " — ";

/// Input: cleaned paragraphs of one article body (no title). Output: the passages in order.
///
/// Rules:
/// * Empty / whitespace-only paragraphs are skipped.
/// * A heading-like line (see [`is_heading_like`]) directly followed by a
///   real paragraph becomes that paragraph's `heading`. Two consecutive
///   heading-like lines are joined with `" — "`. A run of three or more
///   short lines is a list, not headings: all but the last become one passage
///   (lines joined with `'\n'`, packed up to the maximum), and the last one
///   heads the following paragraph.
/// * Heading-like lines at the end (nothing follows) become a passage of
///   their own (joined with `'\n'`), without heading.
/// * A paragraph longer than [`MAX_PASSAGE_CHARS`] is split (see
///   [`split_long`]); every piece gets the paragraph's heading.
pub fn split_passages(paragraphs: &[String]) -> Vec<PassageDraft> {
    let paras: Vec<&str> = paragraphs.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        if !is_heading_like(paras[i]) {
            push_paragraph(&mut out, None, paras[i]);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < paras.len() && is_heading_like(paras[j]) {
            j += 1;
        }
        let run = &paras[i..j];
        if j == paras.len() {
            // Trailing short lines: nothing to attach them to.
            push_lines(&mut out, run);
        } else {
            let heading = if run.len() <= 2 {
                run.join(HEADING_JOIN)
            } else {
                push_lines(&mut out, &run[..run.len() - 1]);
                run[run.len() - 1].to_string()
            };
            push_paragraph(&mut out, Some(heading), paras[j]);
            j += 1;
        }
        i = j;
    }
    out
}

/// True when `line` looks like a section heading: short (≤ 80 chars, ≤ 10
/// words), contains a letter or digit, does not start with a quote or a dash
/// (dialogue, quotations, bullets), does not start in lower case, and does
/// not end with sentence punctuation (`. ! ? : ; , " ” ' ’ …`).
pub fn is_heading_like(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.len() > HEADING_MAX_CHARS * 4 {
        return false;
    }
    if line.chars().count() > HEADING_MAX_CHARS || line.split_whitespace().count() > HEADING_MAX_WORDS {
        return false;
    }
    if !line.chars().any(char::is_alphanumeric) {
        return false;
    }
    let first = line.chars().next().unwrap_or(' ');
    if matches!(first, '"' | '“' | '”' | '‘' | '\'' | '«' | '„' | '‹' | '-' | '–' | '—' | '•' | '*') {
        return false;
    }
    if line.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase) {
        return false;
    }
    let last = line.chars().next_back().unwrap_or(' ');
    !matches!(last, '.' | '!' | '?' | ':' | ';' | ',' | '"' | '”' | '\'' | '’' | '…' | '»')
}

fn push_paragraph(out: &mut Vec<PassageDraft>, heading: Option<String>, text: &str) {
    if text.len() <= MAX_PASSAGE_CHARS || text.chars().count() <= MAX_PASSAGE_CHARS {
        out.push(PassageDraft { heading, text: text.to_string() });
        return;
    }
    for piece in split_long(text, MAX_PASSAGE_CHARS) {
        out.push(PassageDraft { heading: heading.clone(), text: piece.to_string() });
    }
}

/// Short lines (a list, or trailing headings) packed into passages joined by '\n'.
fn push_lines(out: &mut Vec<PassageDraft>, lines: &[&str]) {
    let mut cur = String::new();
    let mut cur_chars = 0;
    for line in lines {
        let n = line.chars().count();
        if !cur.is_empty() && cur_chars + 1 + n > MAX_PASSAGE_CHARS {
            out.push(PassageDraft { heading: None, text: std::mem::take(&mut cur) });
            cur_chars = 0;
        }
        if !cur.is_empty() {
            cur.push('\n');
            cur_chars += 1;
        }
        cur.push_str(line);
        cur_chars += n;
    }
    if !cur.is_empty() {
        out.push(PassageDraft { heading: None, text: cur });
    }
}

/// Splits `text` into trimmed, non-empty pieces of at most `max` chars.
///
/// Greedy packing of whole sentences (see [`sentence_starts`]); a sentence
/// longer than `max` is cut at the last whitespace in the second half of the
/// window, else at a char boundary. Linear time in `text.len()`.
pub fn split_long(text: &str, max: usize) -> Vec<&str> {
    let max = max.max(1);
    let mut pieces = Vec::new();
    let mut bounds = sentence_starts(text);
    bounds.push(text.len());

    let mut cur_start = 0usize;
    let mut cur_chars = 0usize;
    let mut seg_start = 0usize;
    for seg_end in bounds {
        let seg = &text[seg_start..seg_end];
        let n = seg.chars().count();
        if cur_chars + n <= max {
            cur_chars += n;
        } else {
            if cur_start < seg_start {
                push_trimmed(&mut pieces, &text[cur_start..seg_start]);
            }
            cur_start = seg_start;
            cur_chars = n;
            if n > max {
                // Hard-split the oversize sentence; keep its tail open so that
                // following sentences can still join it.
                let (done, tail) = hard_split(seg, max);
                for p in done {
                    push_trimmed(&mut pieces, p);
                }
                cur_start = seg_end - tail.len();
                cur_chars = tail.chars().count();
            }
        }
        seg_start = seg_end;
    }
    if cur_start < text.len() {
        push_trimmed(&mut pieces, &text[cur_start..]);
    }
    pieces
}

fn push_trimmed<'a>(pieces: &mut Vec<&'a str>, s: &'a str) {
    let t = s.trim();
    if !t.is_empty() {
        pieces.push(t);
    }
}

/// Cuts `s` into pieces of at most `max` chars; returns the full pieces and
/// the final (≤ max chars) tail, which is a suffix of `s`.
fn hard_split(s: &str, max: usize) -> (Vec<&str>, &str) {
    let mut done = Vec::new();
    let mut rest = s;
    loop {
        let Some((cut, _)) = rest.char_indices().nth(max) else {
            return (done, rest);
        };
        // Prefer the last whitespace in the second half of the window.
        let piece_end = match rest[..cut].rfind(char::is_whitespace) {
            Some(ws) if ws >= cut / 2 && ws > 0 => ws,
            _ => cut,
        };
        done.push(&rest[..piece_end]);
        rest = rest[piece_end..].trim_start();
    }
}

/// Byte offsets (other than 0) where a new sentence starts in `text`.
///
/// A boundary is `.`, `!`, `?` or `…` (possibly repeated, possibly followed by
/// closing quotes/brackets), then whitespace, then an upper-case letter, a
/// digit or an opening quote/bracket. A `.` does not end a sentence after a
/// common abbreviation (Mr., Dr., Gen., Jan., vs., …), a dotted initialism
/// (U.S., e.g., a.m.) or a single capital initial ("J. Smith"); "No." only
/// before a number. Single forward pass: linear time.
pub fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let len = text.len();
    let char_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
    let mut word_start = 0usize;
    let mut i = 0usize;
    while i < len {
        let c = char_at(i);
        if c.is_whitespace() {
            i += c.len_utf8();
            word_start = i;
            continue;
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += c.len_utf8();
            continue;
        }
        let term_pos = i;
        let mut j = i + c.len_utf8();
        while j < len {
            let d = char_at(j);
            if matches!(d, '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›') {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        let mut k = j;
        while k < len {
            let d = char_at(k);
            if d.is_whitespace() {
                k += d.len_utf8();
            } else {
                break;
            }
        }
        if k > j && k < len {
            let next = char_at(k);
            let opens = next.is_uppercase()
                || next.is_ascii_digit()
                || matches!(next, '"' | '“' | '‘' | '\'' | '«' | '„' | '(' | '[');
            if opens && !(c == '.' && is_abbreviation(&text[word_start..term_pos], next)) {
                starts.push(k);
            }
            word_start = k;
        }
        i = k;
    }
    starts
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "st", "jr", "sr", "prof", "gen", "sen", "rep", "gov", "vs", "v", "lt", "col",
    "capt", "cpt", "sgt", "maj", "adm", "cmdr", "mt", "ft", "rev", "hon", "pres", "atty", "supt", "det", "insp", "fig",
    "vol", "pp", "approx", "dept", "univ", "ave", "blvd", "rd", "cf", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "messrs", "mme", "mlle", "sens", "reps",
];

/// `word` is the text from the start of the word up to (excluding) the final dot.
fn is_abbreviation(word: &str, next: char) -> bool {
    let word = word.trim_start_matches(['(', '[', '"', '“', '‘', '\'', '«']);
    if word.is_empty() || word.len() > 12 {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    // Single initial: "J. Smith".
    if chars.next().is_none() && first.is_alphabetic() && first.is_uppercase() {
        return true;
    }
    // Dotted initialism: "U.S", "e.g", "a.m", "U.K".
    if word.contains('.')
        && word.split('.').all(|s| !s.is_empty() && s.chars().count() <= 2 && s.chars().all(char::is_alphabetic))
    {
        return true;
    }
    let lower = word.to_lowercase();
    if lower == "no" || lower == "nos" {
        return first == 'N' && next.is_ascii_digit();
    }
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn no_ws(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// Rebuilds the text from passages: each distinct heading once, then texts.
    fn rebuilt(passages: &[PassageDraft]) -> String {
        let mut s = String::new();
        let mut last_heading: Option<&String> = None;
        for p in passages {
            if let Some(h) = &p.heading
                && last_heading != Some(h)
            {
                s.push_str(h);
            }
            last_heading = p.heading.as_ref();
            s.push_str(&p.text);
        }
        s
    }

    #[test]
    fn one_paragraph_one_passage() {
        let p = strings(&["The ferry was late.", "Passengers waited for an hour."]);
        let out = split_passages(&p);
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|d| d.heading.is_none()));
        assert_eq!(out[1].text, "Passengers waited for an hour.");
    }

    #[test]
    fn heading_attaches_to_following_paragraph() {
        let p = strings(&[
            "The storm reached the coast at night.",
            "Damage in the harbour",
            "Three boats sank and a pier collapsed.",
            "What comes next",
            "Repairs are expected to take months. Funding is unclear.",
        ]);
        let out = split_passages(&p);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].heading, None);
        assert_eq!(out[1].heading.as_deref(), Some("Damage in the harbour"));
        assert_eq!(out[1].text, "Three boats sank and a pier collapsed.");
        assert_eq!(out[2].heading.as_deref(), Some("What comes next"));
    }

    #[test]
    fn not_headings() {
        assert!(!is_heading_like("Yes."));
        assert!(!is_heading_like("“We will rebuild”"));
        assert!(!is_heading_like("\"Short quote\""));
        assert!(!is_heading_like("Why now?"));
        assert!(!is_heading_like("and then the rain stopped"));
        assert!(!is_heading_like("— Reporting by the desk"));
        assert!(!is_heading_like("A line that has far too many words to be any kind of plausible heading here"));
        assert!(!is_heading_like("..."));
        assert!(is_heading_like("The 2016 vote"));
        assert!(is_heading_like("Économie"));
    }

    #[test]
    fn consecutive_headings_joined() {
        let p = strings(&["Part two", "The river", "It rose by two metres overnight."]);
        let out = split_passages(&p);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].heading.as_deref(), Some("Part two — The river"));
    }

    #[test]
    fn list_of_short_lines_and_trailing_heading() {
        let p = strings(&[
            "Intro paragraph of the story.",
            "Apples",
            "Pears",
            "Plums",
            "Cherries",
            "The harvest was early this year.",
            "Further information",
        ]);
        let out = split_passages(&p);
        assert_eq!(out.len(), 4);
        assert_eq!(out[1].text, "Apples\nPears\nPlums");
        assert_eq!(out[1].heading, None);
        assert_eq!(out[2].heading.as_deref(), Some("Cherries"));
        assert_eq!(out[3].text, "Further information");
        assert_eq!(out[3].heading, None);
        assert_eq!(no_ws(&rebuilt(&out)), no_ws(&p.concat()));
    }

    #[test]
    fn empty_input_and_blank_paragraphs() {
        assert!(split_passages(&[]).is_empty());
        assert!(split_passages(&strings(&["", "  "])).is_empty());
    }

    fn long_paragraph() -> String {
        let sentences = [
            "Mr. Smith met Dr. Jones at 10 a.m. on Jan. 5 in St. Louis. ",
            "The U.S. delegation, led by Gen. J. Rivera, arrived late! ",
            "Was it planned? ",
            "“Nobody knows,” said Sen. Okafor. ",
            "Prices rose 3.5 per cent (the highest since No. 10 announced it). ",
            "Officials declined to comment, e.g. on the budget, i.e. the numbers. ",
        ];
        let mut s = String::new();
        let mut i = 0;
        while s.chars().count() < 4 * MAX_PASSAGE_CHARS {
            s.push_str(sentences[i % sentences.len()]);
            i += 1;
        }
        s.trim_end().to_string()
    }

    #[test]
    fn long_paragraph_split_at_sentences_keeps_heading() {
        let long = long_paragraph();
        let p = vec!["Background".to_string(), long.clone()];
        let out = split_passages(&p);
        assert!(out.len() >= 4, "{}", out.len());
        for d in &out {
            assert!(d.text.chars().count() <= MAX_PASSAGE_CHARS);
            assert_eq!(d.heading.as_deref(), Some("Background"));
            // every piece starts at a sentence start
            let first = d.text.chars().next().unwrap();
            assert!(first.is_uppercase() || first == '“', "{:?}", &d.text[..20]);
            let last = d.text.chars().next_back().unwrap();
            assert!(matches!(last, '.' | '!' | '?' | ')'), "{:?}", last);
            // never split after an abbreviation or initial
            for bad in ["Mr.", "Dr.", "St.", "Gen.", "Sen.", "J.", "e.g.", "Jan.", "U.S."] {
                assert!(!d.text.ends_with(bad), "split after {bad}");
            }
        }
        assert_eq!(no_ws(&rebuilt(&out)), no_ws(&p.concat()));
    }

    #[test]
    fn sentence_boundaries() {
        let t = "He left. She stayed! Why? “Fine,” he said. Mr. Smith and J. Doe came in 2016. 3 people left.";
        let starts = sentence_starts(t);
        let pieces: Vec<&str> = {
            let mut v = Vec::new();
            let mut prev = 0;
            for s in starts.iter().copied().chain([t.len()]) {
                v.push(t[prev..s].trim());
                prev = s;
            }
            v
        };
        assert_eq!(
            pieces,
            vec![
                "He left.",
                "She stayed!",
                "Why?",
                "“Fine,” he said.",
                "Mr. Smith and J. Doe came in 2016.",
                "3 people left."
            ]
        );
        // no split before lower case, inside numbers, or after "No." + digit
        assert!(sentence_starts("It was 3.5 m. then more").is_empty());
        assert!(sentence_starts("See No. 10 today").is_empty());
        assert_eq!(sentence_starts("He said no. Then left").len(), 1);
        assert_eq!(sentence_starts("Wait... Then it came.").len(), 1);
        assert_eq!(sentence_starts("(He left.) Then she came.").len(), 1);
    }

    #[test]
    fn no_sentence_breaks_split_at_whitespace() {
        let word = "lorem ";
        let text = word.repeat(MAX_PASSAGE_CHARS); // 6x max chars, no punctuation
        let pieces = split_long(&text, MAX_PASSAGE_CHARS);
        assert!(pieces.len() >= 4);
        for p in &pieces {
            assert!(p.chars().count() <= MAX_PASSAGE_CHARS);
            assert!(p.starts_with("lorem") && p.ends_with("lorem"));
        }
        assert_eq!(no_ws(&pieces.concat()), no_ws(&text));
    }

    #[test]
    fn no_whitespace_split_at_char_boundary() {
        let text = "é漢🙂a".repeat(2000); // multi-byte chars, no whitespace
        let pieces = split_long(&text, 1000);
        assert_eq!(pieces.len(), 8);
        for p in &pieces {
            assert_eq!(p.chars().count(), 1000);
        }
        assert_eq!(pieces.concat(), text);
    }

    #[test]
    fn huge_paragraph_is_linear() {
        // 2 MB without any sentence break or whitespace, plus 2 MB of words.
        let a = "x".repeat(2 * 1024 * 1024);
        let b = "word ".repeat(400 * 1024);
        let c = "Short. ".repeat(300 * 1024);
        let start = Instant::now();
        for text in [&a, &b, &c] {
            let out = split_passages(std::slice::from_ref(text));
            assert!(out.iter().all(|d| d.text.chars().count() <= MAX_PASSAGE_CHARS));
            assert_eq!(out.iter().map(|d| no_ws(&d.text).len()).sum::<usize>(), no_ws(text).len());
        }
        // Debug build; quadratic behaviour would take minutes.
        assert!(start.elapsed() < Duration::from_secs(10), "{:?}", start.elapsed());
    }

    #[test]
    fn never_loses_text_mixed() {
        let mut p = strings(&["Opening", "A first paragraph that sets the scene.", "Numbers", "Élan vital: "]);
        p.push(long_paragraph());
        p.push("z".repeat(3 * MAX_PASSAGE_CHARS + 7));
        p.push("Closing words".to_string());
        let out = split_passages(&p);
        assert!(out.iter().all(|d| !d.text.is_empty()));
        assert_eq!(no_ws(&rebuilt(&out)), no_ws(&p.concat()));
    }
}
