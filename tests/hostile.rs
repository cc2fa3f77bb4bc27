//! Hostile input: every case is reported on stderr with its path (and line), skipped, the
//! rest is indexed, the run ends with its summary and the documented exit code (1 when
//! something was skipped), and nothing panics. All inputs are generated here, in a temp
//! folder (the large ones at test time, never committed).
//!
//! Query cases that `tests/cli.rs` already covers (`"unbalanced`, `country:`, `-`, `OR`,
//! `((water`, `water)`, `title:`, control characters, a 120 KB query, 5,000 `(`, an
//! unknown field) are not repeated here.

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::Output;

use common::{TestEnv, generated_article, hits, stderr, stdout};
use serde_json::Value;

/// A good article that must always make it into the index beside the hostile ones.
const GOOD: &str = "Canal opened\nID: good-1\n\nUzbekistan opened a canal on the Amu Darya.\n";

/// `newsdex index DIR` in the workspace, with a good article added to DIR first.
fn index_dir(env: &TestEnv, dir: &str) -> (i32, String) {
    env.write(&format!("{dir}/good.txt"), GOOD);
    let output = env.run(&["index", env.path(dir).to_str().unwrap()]);
    let errors = stderr(&output);
    assert_summary(&output);
    (output.status.code().unwrap(), errors)
}

/// No panic, every stderr line a one-line `newsdex:` message or the summary.
fn assert_sane(output: &Output) {
    let errors = stderr(output);
    assert!(!errors.contains("panicked"), "{errors}");
    assert!(!errors.contains("internal error"), "{errors}");
    for line in errors.lines() {
        assert!(
            line.starts_with("newsdex: ")
                || line.starts_with("indexed ")
                || line.starts_with("skipped ")
                || (line.contains(" warning") && line.ends_with(" kept)"))
                || line.contains(" skipped: id already used"),
            "unexpected stderr line: {line:.200}"
        );
    }
}

/// [`assert_sane`], and an `index` run ends with its summary.
fn assert_summary(output: &Output) {
    assert_sane(output);
    let errors = stderr(output);
    assert!(errors.lines().any(|l| l.starts_with("indexed ")), "no summary: {errors:.2000}");
}

/// A stderr line that names `place` (a path, or `path:line`) and contains `what`.
fn assert_reported(errors: &str, place: &str, what: &str) {
    assert!(
        errors.lines().any(|line| line.contains(&format!("{place}:")) && line.contains(what)),
        "no report of {place} ({what}) in:\n{errors:.3000}"
    );
}

fn stats(env: &TestEnv) -> Value {
    env.json(&["stats", "--json"], 0)
}

fn articles(env: &TestEnv) -> u64 {
    stats(env)["articles"].as_u64().unwrap()
}

/// The good article is there.
fn assert_good_indexed(env: &TestEnv) {
    let results = env.search(&["canal"]);
    assert_eq!(hits(&results)[0]["article_id"], "good-1");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 3).unwrap()
}

fn feed(range: std::ops::Range<usize>) -> String {
    range.map(|i| generated_article(i) + "\n").collect()
}

// ---------------------------------------------------------------------------------------
// Empty, blank, binary
// ---------------------------------------------------------------------------------------

#[test]
fn empty_files_of_every_format_are_reported_and_skipped() {
    let env = TestEnv::new();
    for name in ["empty.txt", "empty.html", "empty.json", "blank.txt", "blank.html", "empty.txt.gz", "empty.json.zst"] {
        let bytes: Vec<u8> = match name {
            "blank.txt" | "blank.html" => b" \n\t\r\n  \n".to_vec(),
            "empty.txt.gz" => gzip(b""),
            "empty.json.zst" => zstd(b""),
            _ => Vec::new(),
        };
        env.write(&format!("in/{name}"), bytes);
    }
    // An empty JSON Lines file holds no record: nothing to report, nothing to skip.
    env.write("in/empty.jsonl", "");
    env.write("in/blank.jsonl", "\n  \n\t\n");
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 1, "{errors}");
    for name in ["empty.txt", "empty.html", "blank.txt", "blank.html", "empty.txt.gz"] {
        assert_reported(&errors, name, "empty article");
    }
    assert_reported(&errors, "empty.json", "bad JSON");
    assert_reported(&errors, "empty.json.zst", "bad JSON");
    assert!(!errors.contains("empty.jsonl") && !errors.contains("blank.jsonl"), "{errors}");
    assert!(errors.contains("skipped 7 inputs"), "{errors}");
    assert_eq!(articles(&env), 1);
    assert_good_indexed(&env);
}

#[test]
fn zero_length_and_whitespace_only_bodies_are_empty_articles() {
    let env = TestEnv::new();
    let lines = [
        r#"{"id":"e1","title":"Empty","body":""}"#,
        r#"{"id":"e2","title":"Blank","body":"  \n\t\r\n \u00a0 \u200b "}"#,
        r#"{"id":"e3","title":"List","body":["", "  ", "\n"]}"#,
        r#"{"id":"e4","title":"Controls","body":"\u0007\u0000\u001b"}"#,
        r#"{"id":"e5","title":"No list","body":[]}"#,
        r#"{"id":"ok","title":"Fine","body":"Mongolia herders moved south."}"#,
    ];
    env.write("in/feed.jsonl", lines.join("\n"));
    env.write("in/title-only.txt", "Just a title\nDate: 2020-01-01\n\n   \n");
    env.write(
        "in/no-text.html",
        "<html><head><title>T</title></head><body><article><p> </p><p>&nbsp;</p></article></body></html>",
    );
    env.write("in/one.json", r#"{"title":"Blank","body":"   "}"#);
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 1, "{errors}");
    for line in 1..=5 {
        assert_reported(&errors, &format!("feed.jsonl:{line}"), "empty article");
    }
    for name in ["title-only.txt", "no-text.html", "one.json"] {
        assert_reported(&errors, name, "empty article");
    }
    assert_eq!(articles(&env), 2);
    assert_eq!(hits(&env.search(&["herders"]))[0]["article_id"], "ok");
}

#[test]
fn binary_files_with_a_text_extension_are_reported_and_skipped() {
    let env = TestEnv::new();
    // A PNG header, a gzip stream under a plain name, and pseudo-random bytes.
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10";
    let random: Vec<u8> = (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    env.write("in/image.txt", png);
    env.write("in/page.html", gzip(b"<html><p>compressed but named .html</p></html>"));
    env.write("in/data.json", &random);
    // A JSON Lines file with one binary line among good ones.
    let mut jsonl = feed(0..2).into_bytes();
    jsonl.extend_from_slice(b"{\"id\":\"x\",\"body\":\"a\x00b\"}\n");
    jsonl.extend_from_slice(feed(2..3).as_bytes());
    env.write("in/feed.jsonl", jsonl);
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 1, "{errors}");
    for place in ["image.txt", "page.html", "data.json", "feed.jsonl:3"] {
        assert_reported(&errors, place, "binary data");
    }
    assert_eq!(articles(&env), 4);
    assert_good_indexed(&env);
}

// ---------------------------------------------------------------------------------------
// Encodings and compression
// ---------------------------------------------------------------------------------------

#[test]
fn invalid_utf8_in_every_format_is_read_as_windows_1252_with_a_warning() {
    let env = TestEnv::new();
    env.write("in/a.txt", b"Caf\xe9 in Lima\n\nNa\xefve caf\xe9 owners in Peru \x93quoted\x94.\n");
    env.write(
        "in/b.html",
        b"<html><body><article><p>Cr\xe8me br\xfbl\xe9e sellers in Quito.</p></article></body></html>",
    );
    env.write("in/c.json", b"{\"id\":\"c\",\"title\":\"J\xe9r\xf4me\",\"body\":\"J\xe9r\xf4me left Santiago.\"}");
    env.write(
        "in/d.jsonl",
        [&feed(0..1).into_bytes()[..], b"{\"id\":\"d\",\"title\":\"D\",\"body\":\"Gar\xe7on from Caracas.\"}\n"]
            .concat(),
    );
    env.write("in/e.txt.gz", gzip(b"Z\xfcrich\n\nBankers in Z\xfcrich met Swiss regulators.\n"));
    // Bytes that are not even Windows-1252 (0x81, 0x8d, 0x8f, 0x90, 0x9d are unassigned).
    env.write("in/f.txt", b"Odd\n\nBytes \x81\x8d\x8f\x90\x9d around Accra.\n");
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 0, "warnings only: {errors}");
    for place in ["a.txt", "b.html", "c.json", "d.jsonl:2", "e.txt.gz", "f.txt"] {
        assert_reported(&errors, place, "Windows-1252");
    }
    assert!(errors.contains("6 warnings (articles kept)"), "{errors}");
    assert_eq!(articles(&env), 8);
    for (query, expected) in [("naive", "Café in Lima"), ("jerome", "Jérôme"), ("zurich", "Zürich")] {
        assert_eq!(hits(&env.search(&[query]))[0]["title"], expected, "{query}");
    }
    let brulee = env.search(&["brulee"]);
    assert!(hits(&brulee)[0]["text"].as_str().unwrap().contains("Crème brûlée"));
}

#[test]
fn truncated_and_fake_compressed_files_keep_what_was_readable() {
    let env = TestEnv::new();
    let lines = feed(0..3000);
    let gz = gzip(lines.as_bytes());
    env.write("in/cut.jsonl.gz", &gz[..gz.len() * 2 / 3]);
    let zst = zstd(lines.as_bytes());
    env.write("in/cut.jsonl.zst", &zst[..zst.len() * 2 / 3]);
    // Whole-file formats: a truncated archive is unreadable as a whole.
    let txt = gzip(format!("Long\n\n{}\n", "Bishkek water talks resumed. ".repeat(5000)).as_bytes());
    env.write("in/cut.txt.gz", &txt[..txt.len() / 2]);
    env.write("in/fake.json.gz", "{\"title\": \"not gzip\", \"body\": \"x\"}");
    env.write("in/fake.html.zst", "<html>not zstd</html>");
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 1, "{errors}");
    for (place, what) in [
        ("cut.jsonl.gz", "the rest of the file is not read"),
        ("cut.jsonl.zst", "the rest of the file is not read"),
        ("cut.txt.gz", "unreadable"),
        ("fake.json.gz", "unreadable"),
        ("fake.html.zst", "unreadable"),
    ] {
        assert_reported(&errors, place, what);
    }
    // The lines before the cut were indexed (the same 3,000 ids in both files).
    let indexed = articles(&env);
    assert!(indexed > 1 + 1000 && indexed < 1 + 3000, "{indexed}: {errors}");
    assert_good_indexed(&env);
}

// ---------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------

#[test]
fn malformed_json_lines_among_good_ones_are_reported_by_line() {
    let env = TestEnv::new();
    let bad = [
        "{\"id\":\"b1\",\"title\":\"Trailing\",\"body\":\"x\",}",
        "{\"id\":\"b2\",\"title\":\"Unterminated,\"body\":\"x\"}",
        "42",
        "null",
        "{}",
        "{\"id\":\"b6\",\"body\":\"x\"} trailing garbage",
        "{\"id\":\"b7\",\"body\":\"\\ud800 lone surrogate\"",
        "\u{feff}{\"id\":\"b8\"}",
    ];
    let mut text = String::new();
    let mut bad_lines = Vec::new();
    for (i, line) in bad.iter().enumerate() {
        text.push_str(&generated_article(i));
        text.push('\n');
        text.push_str(line);
        text.push('\n');
        bad_lines.push(2 * i + 2);
    }
    // CRLF line ends and a byte-order mark on the first line are not errors.
    let text = "\u{feff}".to_string() + &text.replace('\n', "\r\n");
    env.write("in/feed.jsonl", text);
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 1, "{errors}");
    for line in &bad_lines {
        assert_reported(&errors, &format!("feed.jsonl:{line}"), "bad JSON");
    }
    assert!(errors.contains(&format!("skipped {} inputs", bad.len())), "{errors}");
    assert_eq!(articles(&env), 1 + bad.len() as u64);
}

#[test]
fn json_with_wrong_types_is_kept_when_it_can_be_and_reported_when_not() {
    let env = TestEnv::new();
    let lines = [
        // kept: numbers become text, lists of names are joined, {"name": …} is read
        r#"{"id":1,"title":42,"body":"Number title about Ghana.","source":{"name":"Wire"},"author":["A","B"]}"#,
        r#"{"id":"k2","title":"Date number","body":"Dated Kenya story.","date":20160920}"#,
        r#"{"id":"k3","title":["a","list"],"body":"Listed title about Chile."}"#,
        r#"{"id":"k4","title":{"no":"name"},"body":"Object title about Peru."}"#,
        r#"{"id":"k5","title":"Bad date","body":"Bolivia story.","date":"not a date"}"#,
        // kept: an object without "name" where text is expected counts as absent (id derived)
        r#"{"id":{"a":1},"title":"T","body":"Object id about Nauru."}"#,
        // skipped: a body that is not text
        r#"{"id":"s1","title":"T","body":null}"#,
        r#"{"id":"s2","title":"T","body":{"text":"nested"}}"#,
        r#"{"id":"s3","title":"T","body":17}"#,
        r#"{"id":"s4","title":"T","body":true}"#,
        r#"{"id":"s5","title":"T","body":[{"p":"x"}]}"#,
        r#"{"id":"s6","title":"T","body":["ok",null]}"#,
        // skipped: a metadata field of a type that cannot be text
        r#"{"id":"s7","title":true,"body":"Bool title."}"#,
        r#"{"id":"s9","title":"T","body":"x","date":false}"#,
        r#"["not", "an", "object"]"#,
    ];
    env.write("in/feed.jsonl", lines.join("\n"));
    env.write(
        "in/array.json",
        r#"[{"id":"a1","title":"A","body":"Array item about Japan."}, 7, {"id":"a3","body":null}]"#,
    );
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 1, "{errors}");
    assert_reported(&errors, "feed.jsonl:5", "kept without a date");
    for line in 7..=lines.len() {
        assert_reported(&errors, &format!("feed.jsonl:{line}"), "bad JSON");
    }
    assert_reported(&errors, "array.json[1]", "bad JSON");
    assert_reported(&errors, "array.json[2]", "bad JSON");
    assert_eq!(articles(&env), 1 + 6 + 1);
    let ghana = hits(&env.search(&["ghana"]))[0].clone();
    assert_eq!((ghana["article_id"].as_str(), ghana["title"].as_str()), (Some("1"), Some("42")));
    assert_eq!(ghana["source"], "Wire");
    assert_eq!(hits(&env.search(&["kenya"]))[0]["date"], "2016-09-20");
}

#[test]
fn deeply_nested_json_is_bad_json_not_a_stack_overflow() {
    let env = TestEnv::new();
    let depth = 10_000;
    let arrays = "[".repeat(depth) + &"]".repeat(depth);
    let objects = "{\"a\":".repeat(depth) + "1" + &"}".repeat(depth);
    let in_body = format!("{{\"id\":\"n\",\"title\":\"T\",\"body\":{objects}}}");
    env.write("in/arrays.json", &arrays);
    env.write("in/objects.json", &objects);
    env.write("in/feed.jsonl", format!("{arrays}\n{objects}\n{in_body}\n{}\n", generated_article(1)));
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 1, "{errors}");
    for place in ["arrays.json", "objects.json", "feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3"] {
        assert_reported(&errors, place, "recursion limit");
    }
    assert_eq!(articles(&env), 2);
}

// ---------------------------------------------------------------------------------------
// Size
// ---------------------------------------------------------------------------------------

/// A 50 MB line, twice: one that is not JSON, and one that is an article carrying 50 MB in
/// a key newsdex does not read; the lines around them are indexed. (An article whose *body*
/// is 50 MB: `a_50_mb_body_is_indexed`.)
#[test]
fn a_50_mb_line_is_read_without_harm() {
    let env = TestEnv::new();
    let big = "lorem ipsum dolor sit amet ".repeat(50_000_000 / 27 + 1);
    let mut text = feed(0..1);
    text.push_str(&big);
    text.push('\n');
    text.push_str(&feed(1..2));
    text.push_str(
        &serde_json::json!({"id": "carrier", "title": "Carrier", "body": "Small body about Fiji.", "raw_html": big})
            .to_string(),
    );
    text.push('\n');
    text.push_str(&feed(2..3));
    drop(big);
    env.write("in/big.jsonl", text);
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 1, "{errors}");
    assert_reported(&errors, "big.jsonl:2", "bad JSON");
    assert_eq!(articles(&env), 5);
    assert_eq!(hits(&env.search(&["fiji"]))[0]["article_id"], "carrier");
}

/// A line beyond `MAX_ARTICLE_BYTES` (64 MiB) is skipped by its line number, the lines
/// after it are read; a line of zeros that never ends (a dump, a device) ends the file.
/// Both used to be read whole: the run died out of memory, losing every file of it.
#[test]
fn a_line_beyond_64_mib_is_skipped_and_an_endless_line_of_zeros_ends_its_file() {
    let env = TestEnv::new();
    let mut text = feed(0..1).into_bytes();
    text.extend(std::iter::repeat_n(b'x', (64 << 20) + 10));
    text.push(b'\n');
    text.extend(feed(1..2).into_bytes());
    env.write("in/long.jsonl", text);
    let mut zeros = feed(2..3).into_bytes();
    zeros.extend(std::iter::repeat_n(0u8, 100 << 20));
    env.write("in/zeros.jsonl.gz", gzip(&zeros));
    drop(zeros);
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 1, "{errors}");
    assert_reported(&errors, "long.jsonl:2", "too large");
    assert_reported(&errors, "zeros.jsonl.gz:2", "binary data");
    assert_eq!(articles(&env), 4);
}

/// A `.json` file that holds JSON Lines is read line by line (it was skipped whole:
/// "trailing characters"), a bad line reported with its number.
#[test]
fn json_lines_in_a_json_file_are_read_by_line() {
    let env = TestEnv::new();
    env.write("in/export.json", format!("{}{{\"id\": \"broken\", \n{}", feed(0..1), feed(1..2)));
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 1, "{errors}");
    assert_reported(&errors, "export.json:2", "bad JSON");
    assert_eq!(articles(&env), 3);
}

/// A byte-order mark before an empty first line is not a line of bad JSON.
#[test]
fn a_byte_order_mark_on_an_empty_first_line_is_not_an_error() {
    let env = TestEnv::new();
    env.write("in/bom.jsonl", format!("\u{FEFF}\r\n{}", feed(0..1)));
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 0, "{errors}");
    assert_eq!(articles(&env), 2);
}

/// A single 50 MB line that is one article's body: indexed whole, in linear time (about
/// 10 s on 2 cores; it was gated behind an environment variable while it took 20-30 s).
#[test]
fn a_50_mb_body_is_indexed() {
    let env = TestEnv::new();
    let body = "Lorem ipsum dolor sit amet in Fiji. ".repeat(50_000_000 / 36 + 1);
    let line = serde_json::json!({"id": "huge", "title": "Huge", "body": body}).to_string();
    env.write("in/huge.jsonl", line + "\n" + &feed(0..1));
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 0, "{errors}");
    assert_eq!(articles(&env), 3);
    assert!(stats(&env)["passages"].as_u64().unwrap() > 50_000_000 / 1500);
}

/// 20 MB of words without a sentence break, and 5 MB without even a space: split into
/// passages of at most 1,500 characters, in linear time, nothing lost.
#[test]
fn a_20_mb_paragraph_without_sentence_breaks_is_split_into_passages() {
    let env = TestEnv::new();
    let words = "tbilisi water talks and more words without any full stop ".repeat(20_000_000 / 58 + 1);
    env.write("in/words.txt", format!("Words\nID: words\n\n{words}\n"));
    env.write("in/solid.txt", format!("Solid\nID: solid\n\n{}\n", "x".repeat(5_000_000)));
    let started = std::time::Instant::now();
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 0, "{errors}");
    eprintln!("20 MB and 5 MB paragraphs indexed in {:.1} s", started.elapsed().as_secs_f64());
    let stats = stats(&env);
    assert_eq!(stats["articles"], 3);
    let passages = stats["passages"].as_u64().unwrap();
    assert!(passages > (1 + words.len() / 1500 + 5_000_000 / 1500) as u64, "{passages}");
    let hit = hits(&env.search(&["tbilisi", "--limit", "1"]))[0].clone();
    assert!(hit["text"].as_str().unwrap().chars().count() <= 1500);
}

// ---------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------

/// What `extract` reads from an HTML file: (title, passage headings and texts in order).
fn extract_html(env: &TestEnv, name: &str, html: &str) -> (String, Vec<String>) {
    let path = env.write(name, html);
    let output = env.run(&["extract", path.to_str().unwrap()]);
    assert_sane(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let article: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    // A short line without final punctuation becomes the next passage's heading: keep both.
    let texts = article["passages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| [p["heading"].as_str(), p["text"].as_str()])
        .flatten()
        .map(str::to_owned)
        .collect();
    (article["title"].as_str().unwrap_or_default().to_owned(), texts)
}

#[test]
fn html_with_scripts_styles_comments_entities_and_unclosed_tags() {
    let env = TestEnv::new();
    let html = r#"<!DOCTYPE html><html><head><title>Floods in Dhaka | The Wire</title>
<script>var s = "<p>SCRIPTTEXT in a string</p>"; if (a < b && c > d) {}</script>
<style>p::before { content: "STYLETEXT"; }</style></head>
<body><div class="menu"><a href="/">Home</a></div>
<!-- <p>COMMENTTEXT inside a comment</p> -->
<p>Rivers rose in Dhaka &amp; Chittagong &mdash; &ldquo;the worst in years&rdquo;, said R&eacute;ka Nagy &#8211; &#x41;&#65; &bogus; &#0; &#xD800; &#99999999;.
<p>Second paragraph with <b>bold <i>unclosed tags about Bangladesh
<div><p>Third paragraph after a div, never closed
<script>document.write("<p>SCRIPTTEXT2</p>")</script>
<noscript><p>NOSCRIPTTEXT</p></noscript>
<![CDATA[ CDATATEXT ]]>
<p>Fourth &lt;p&gt; paragraph.</p></body>"#;
    let (title, texts) = extract_html(&env, "page.html", html);
    let all = texts.join("\n");
    assert!(title.contains("Floods in Dhaka"), "{title}");
    for absent in ["SCRIPTTEXT", "STYLETEXT", "COMMENTTEXT", "NOSCRIPTTEXT", "var s"] {
        assert!(!all.contains(absent), "{absent} in {all}");
    }
    for present in [
        "Dhaka & Chittagong — “the worst in years”",
        "Réka Nagy",
        "unclosed tags about Bangladesh",
        "Third paragraph",
        "Fourth <p> paragraph.",
    ] {
        assert!(all.contains(present), "{present} not in {all}");
    }
}

#[test]
fn html_without_article_element_or_without_any_structure() {
    let env = TestEnv::new();
    let (_, texts) = extract_html(&env, "bare.html", "Just text about Nepal with no tags at all.");
    assert_eq!(texts.concat(), "Just text about Nepal with no tags at all.");
    let (_, texts) = extract_html(&env, "unclosed.html", "<html><body><div><div><p>Deep <span>Laos text");
    assert!(texts.concat().contains("Deep Laos text"), "{texts:?}");
    let deep = "<div>".repeat(10_000) + "<p>Deep Mali paragraph.</p>" + &"</div>".repeat(10_000);
    let (_, texts) = extract_html(&env, "deep.html", &deep);
    assert!(texts.concat().contains("Deep Mali paragraph."), "{texts:?}");
    let unclosed = "<b><i><u>".repeat(5_000) + "Nested Chad text.";
    let (_, texts) = extract_html(&env, "nested.html", &unclosed);
    assert!(texts.concat().contains("Nested Chad text."), "{texts:?}");
    // A page with nothing but furniture is an empty article, reported by path.
    env.write(
        "in/furniture.html",
        "<html><body><nav><p>Home News Sport</p></nav><script>x()</script><footer><p>© 2024</p></footer></body></html>",
    );
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 1);
    assert_reported(&errors, "furniture.html", "empty article");
}

// ---------------------------------------------------------------------------------------
// The corpus tree
// ---------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn symlink_loops_unreadable_files_and_odd_entries_in_the_tree() {
    use std::os::unix::fs::symlink;
    let env = TestEnv::new();
    env.write("in/sub/deeper/a.txt", "Deep\n\nSenegal fishermen returned.\n");
    symlink(env.path("in"), env.path("in/sub/deeper/back-to-top")).unwrap();
    symlink(env.path("in/sub/self"), env.path("in/sub/self")).unwrap();
    symlink("/nonexistent/target.txt", env.path("in/dangling.txt")).unwrap();
    // Tests run as root, where chmod 000 does not stop reads; /proc/self/mem opens but its
    // first page cannot be read (EIO): an unreadable file even for root.
    symlink("/proc/self/mem", env.path("in/mem.txt")).unwrap();
    // A folder and a FIFO with an article's extension are passed over (a FIFO must not hang).
    std::fs::create_dir_all(env.path("in/folder.txt")).unwrap();
    let fifo = std::process::Command::new("mkfifo").arg(env.path("in/pipe.txt")).status();
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 1, "{errors}");
    assert_reported(&errors, "back-to-top", "symbolic link loop");
    assert_reported(&errors, "self", "unreadable");
    assert_reported(&errors, "dangling.txt", "unreadable");
    assert_reported(&errors, "mem.txt", "unreadable");
    assert!(!errors.contains("folder.txt"), "{errors}");
    if fifo.is_ok_and(|s| s.success()) {
        assert!(!errors.contains("pipe.txt"), "{errors}");
    }
    assert_eq!(articles(&env), 2);
    assert_good_indexed(&env);
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let env = TestEnv::new();
    let dir: PathBuf = env.path("in").join(OsStr::from_bytes(b"d\xe9p\xf4t"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(OsStr::from_bytes(b"caf\xe9.txt")), "Caf\n\nBolivia growers met in La Paz.\n").unwrap();
    std::fs::write(dir.join(OsStr::from_bytes(b"vide\xff.txt")), "").unwrap();
    std::fs::write(dir.join(OsStr::from_bytes(b"feed\x80.jsonl")), feed(0..2) + "{broken\n").unwrap();
    let (code, errors) = index_dir(&env, "in");
    assert_eq!(code, 1, "{errors}");
    assert_reported(&errors, "vide\u{fffd}.txt", "empty article");
    assert_reported(&errors, "feed\u{fffd}.jsonl:3", "bad JSON");
    assert_eq!(articles(&env), 4);
    let hit = hits(&env.search(&["growers"]))[0].clone();
    assert!(hit["path"].as_str().unwrap().ends_with("caf\u{fffd}.txt"), "{hit}");
    // Explicitly named, too.
    let file = dir.join(OsStr::from_bytes(b"caf\xe9.txt"));
    let output = env.command(&["extract"]).arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// A file the walk can read named explicitly but of another format, and a path that does
/// not exist, are reported; the other inputs are still indexed.
#[test]
fn missing_and_unsupported_inputs_named_on_the_command_line() {
    let env = TestEnv::new();
    let good = env.write("good.txt", GOOD);
    let notes = env.write("notes.md", "# not an article\n");
    let output = env.run(&["index", notes.to_str().unwrap(), "nowhere/feed.jsonl", good.to_str().unwrap()]);
    assert_summary(&output);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{errors}");
    assert_reported(&errors, "notes.md", "unsupported format");
    assert_reported(&errors, "nowhere/feed.jsonl", "no such file");
    assert_good_indexed(&env);
}

// ---------------------------------------------------------------------------------------
// Queries (cases tests/cli.rs does not cover)
// ---------------------------------------------------------------------------------------

fn assert_query_handled(env: &TestEnv, args: &[&str]) -> Output {
    let output = env.run(args);
    let code = output.status.code();
    let query = args.get(1).copied().unwrap_or_default();
    let errors = stderr(&output);
    assert!(matches!(code, Some(0..=2)), "{query:.40}: {code:?} {errors}");
    assert!(errors.lines().count() <= 1, "{query:.40}: {errors}");
    assert!(!errors.contains("panicked") && !errors.contains("internal error"), "{query:.40}: {errors}");
    output
}

#[test]
fn odd_queries_give_a_one_line_error_or_a_lenient_result() {
    let env = TestEnv::with_corpus();
    let single_token = "x".repeat(100 * 1024);
    let quotes = "\"".repeat(1001);
    let many_ors = "water OR ".repeat(1100);
    for query in [
        "",
        "   ",
        ")",
        "AND",
        "NOT",
        "+",
        "*",
        "\"\"",
        "'",
        "\\",
        "water AND",
        "a OR OR b",
        "title:\"unclosed phrase",
        "title:(a OR",
        "text:[a TO",
        "text:{a TO b]",
        "date:[2020 TO 2021]",
        "passage:3",
        "article_id:x",
        "water^",
        "water^abc",
        "water^1e38",
        "water^-1",
        "water~2",
        "\"iron curtain\"~100000000",
        "title:*",
        "heading:*",
        "*:*",
        "IN [a b]",
        "text:IN [a]",
        "\u{202e}\u{200b}\u{feff}",
        "ǅ ß ﬁ İ",
        "💧🌊",
        &single_token,
        &quotes,
        &many_ors,
    ] {
        assert_query_handled(&env, &["search", query]);
        assert_query_handled(&env, &["search", query, "--json", "--all"]);
    }
    // Empty and blank queries are lenient: every passage.
    let output = assert_query_handled(&env, &["search", "", "--json"]);
    assert_eq!(output.status.code(), Some(0));
    // A 100 KB query is refused with its length.
    let output = assert_query_handled(&env, &["search", &single_token]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("10000"), "{}", stderr(&output));
    // `field:*` needs a fast field: the user's query is at fault, said as such.
    let output = assert_query_handled(&env, &["search", "title:*"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("bad query"), "{}", stderr(&output));
}

/// README: `-referendum` means "not this word". A query that *starts* with `-` is a query,
/// not a flag for the argument parser.
#[test]
fn a_query_starting_with_a_minus_is_a_query() {
    let env = TestEnv::with_corpus();
    for query in ["-referendum water", "-(a)", "--a", "-\""] {
        let output = env.run(&["search", query]);
        assert!(matches!(output.status.code(), Some(0 | 1)), "{query}: {}", stderr(&output));
        assert!(stderr(&output).lines().count() <= 1, "{query}: {}", stderr(&output));
    }
}

/// Every input read through stdin with problems: reported as `<stdin>:LINE`.
#[test]
fn stdin_with_hostile_lines() {
    let env = TestEnv::new();
    let mut input = feed(0..2).into_bytes();
    input.extend_from_slice(b"{bad\n\x00\x01\x02\n{\"id\":\"w\",\"title\":\"W\",\"body\":\"Caf\xe9 in Lima.\"}\n");
    let output = env.command(&["index", "-"]).write_stdin(input).output().unwrap();
    assert_summary(&output);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{errors}");
    assert_reported(&errors, "<stdin>:3", "bad JSON");
    assert_reported(&errors, "<stdin>:4", "binary data");
    assert_reported(&errors, "<stdin>:5", "Windows-1252");
    assert_eq!(articles(&env), 3);
}

// ---------------------------------------------------------------------------------------
// Inputs named on the command line that are not plain files
// ---------------------------------------------------------------------------------------

#[test]
fn a_missing_input_is_reported_once() {
    let env = TestEnv::new();
    for command in ["index", "extract"] {
        let output = env.run(&[command, "nowhere/feed.jsonl"]);
        assert_sane(&output);
        let errors = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{command}: {errors}");
        assert_eq!(errors.matches("nowhere/feed.jsonl").count(), 1, "{command}: {errors}");
        assert!(errors.contains("skipped 1 input: 1 unreadable"), "{command}: {errors}");
    }
}

/// Makes a FIFO at `path` and writes `bytes` into it from another thread (the write waits
/// for a reader: without one the thread is left blocked, and the test fails on what was read).
fn fifo(path: &std::path::Path, bytes: Vec<u8>) {
    let made = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = std::fs::OpenOptions::new().write(true).open(path).and_then(|mut f| f.write_all(&bytes));
    });
}

#[test]
fn a_fifo_named_on_the_command_line_is_read_as_a_stream() {
    let env = TestEnv::new();
    // No name to go by (like `<(zcat feed.gz)`): JSON Lines, gzip recognised by its magic.
    let unnamed = env.path("pipe");
    fifo(&unnamed, gzip(feed(0..3).as_bytes()));
    let output = env.run(&["index", unnamed.to_str().unwrap()]);
    assert_summary(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(articles(&env), 3);
    // A name with a format: read as that format.
    let text = env.path("article.txt");
    fifo(&text, GOOD.as_bytes().to_vec());
    let output = env.run(&["index", text.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_good_indexed(&env);
}

#[test]
fn compressed_stdin_is_recognised_by_its_magic_number() {
    let env = TestEnv::new();
    for (i, compressed) in [gzip(feed(0..3).as_bytes()), zstd(feed(3..6).as_bytes())].into_iter().enumerate() {
        let output = env.command(&["index", "-"]).write_stdin(compressed).output().unwrap();
        assert_summary(&output);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
        assert_eq!(articles(&env), 3 * (i as u64 + 1));
    }
}

#[test]
fn indexing_a_folder_that_holds_the_index_passes_over_the_index() {
    let env = TestEnv::new();
    env.write("feed.jsonl", feed(0..3));
    // The index is `./index` inside the folder read, and so is another Tantivy index.
    let other = env.path("old/index");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(["index", env.path("feed.jsonl").to_str().unwrap(), "--index", other.to_str().unwrap()])
        .output()
        .unwrap()
        .status;
    assert_eq!(status.code(), Some(0));
    for _ in 0..2 {
        let output = env.run(&["index", "."]);
        assert_summary(&output);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(!stderr(&output).contains("meta.json"), "{}", stderr(&output));
    }
    assert_eq!(articles(&env), 3);
}

#[test]
fn an_article_skipped_for_a_used_id_is_named_with_its_place() {
    let env = TestEnv::new();
    let first = r#"{"id":"same","title":"First","body":"Kenya opened a dam."}"#;
    let second = r#"{"id":"same","title":"Second","body":"Peru closed a railway."}"#;
    env.write("feed/a.jsonl", format!("{first}\n{second}\n"));
    let (code, errors) = index_dir(&env, "feed");
    assert_eq!(code, 1, "{errors}");
    let place = env.path("feed/a.jsonl").display().to_string() + ":2";
    assert_reported(&errors, &place, "id already used");
    assert!(errors.contains("\"same\""), "{errors}");
    assert_good_indexed(&env);
}

#[test]
fn cr_only_line_ends_and_utf16_with_a_bom_are_read() {
    let env = TestEnv::new();
    env.write("in/mac.txt", "Mac title\rDate: 2020-01-08\r\rBody about Kenya.\r");
    let utf16 = |text: &str, big_endian: bool| -> Vec<u8> {
        let units = text.encode_utf16();
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in units {
            bytes.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        bytes
    };
    env.write("in/le.txt", utf16("Nairobi talks\r\n\r\nKenya opened talks on water.\r\n", false));
    env.write(
        "in/be.html",
        utf16("<html><head><title>Lima vote</title></head><body><article><p>Peru held a vote.</p></article></body></html>", true),
    );
    let lines =
        [r#"{"id":"u1","title":"Über","body":"Chile signed."}"#, r#"{"id":"u2","title":"T2","body":"Ghana grain."}"#];
    env.write("in/feed.jsonl", utf16(&format!("{}\n{}\n", lines[0], lines[1]), false));
    let output = env.run(&["extract", env.path("in").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let articles: Vec<Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let summary: Vec<(String, String, String)> = articles
        .iter()
        .map(|a| {
            let path = a["path"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
            (path, a["title"].as_str().unwrap().to_string(), a["passages"][0]["text"].as_str().unwrap().to_string())
        })
        .collect();
    let expected = [
        ("be.html", "Lima vote", "Peru held a vote."),
        ("feed.jsonl", "Über", "Chile signed."),
        ("feed.jsonl", "T2", "Ghana grain."),
        ("le.txt", "Nairobi talks", "Kenya opened talks on water."),
        ("mac.txt", "Mac title", "Body about Kenya."),
    ];
    let expected: Vec<(String, String, String)> =
        expected.iter().map(|(p, t, x)| (p.to_string(), t.to_string(), x.to_string())).collect();
    assert_eq!(summary, expected);
    assert_eq!(articles[4]["date"], "2020-01-08");
}

#[test]
fn a_damaged_index_file_gives_a_one_line_error_that_says_how_to_repair_it() {
    let env = TestEnv::new();
    env.write("feed.jsonl", feed(0..40));
    assert_eq!(env.run(&["index", env.path("feed.jsonl").to_str().unwrap()]).status.code(), Some(0));
    // overwrite the middle of every column file with noise, as a failing disk might
    let mut damaged = 0;
    for entry in std::fs::read_dir(env.index_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "fast") {
            let mut bytes = std::fs::read(&path).unwrap();
            let (from, to) = (bytes.len() / 4, bytes.len() * 3 / 4);
            for (i, b) in bytes[from..to].iter_mut().enumerate() {
                *b = (i as u8).wrapping_mul(151).wrapping_add(7);
            }
            std::fs::write(&path, bytes).unwrap();
            damaged += 1;
        }
    }
    assert!(damaged > 0);
    for args in [&["search", "canal"][..], &["search", "canal", "--json"], &["stats"]] {
        let output = env.run(args);
        assert_sane(&output);
        let errors = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {errors}");
        assert_eq!(errors.lines().count(), 1, "{errors}");
        assert!(errors.contains("looks damaged") && errors.contains("--rebuild"), "{errors}");
    }
}

/// Every kind of segment file cut in half (a copy cut short): the same one-line message,
/// naming the file, not Tantivy's debug dump of a few hundred characters.
#[test]
fn a_segment_file_cut_short_is_reported_as_damage() {
    let env = TestEnv::new();
    env.write("feed.jsonl", feed(0..40));
    assert_eq!(env.run(&["index", env.path("feed.jsonl").to_str().unwrap()]).status.code(), Some(0));
    for extension in ["idx", "term", "pos", "store", "fieldnorm", "fast"] {
        let path = std::fs::read_dir(env.index_dir())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .find(|path| path.extension().is_some_and(|e| e == extension))
            .unwrap();
        let cut = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        let output = env.run(&["search", "canal"]);
        std::fs::write(&path, &bytes).unwrap();
        assert_sane(&output);
        let errors = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{extension}: {errors}");
        assert_eq!(errors.lines().count(), 1, "{errors}");
        assert!(errors.contains("looks damaged") && errors.contains(&cut) && errors.len() < 300, "{errors}");
    }
}

#[test]
fn an_empty_speaker_or_source_filter_is_refused_not_a_match_for_everything() {
    let env = TestEnv::with_corpus();
    for args in
        [&["search", "", "--speaker", ""][..], &["search", "", "--speaker", " "], &["search", "", "--source", "/"]]
    {
        let output = env.run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("names nobody"), "{}", stderr(&output));
    }
    assert_eq!(env.run(&["search", "", "--speaker", "levystone"]).status.code(), Some(0));
}

#[test]
fn control_characters_in_file_names_are_escaped_in_messages_and_results() {
    let env = TestEnv::new();
    env.write("in/e\u{1b}[2Jx.txt", "Tonga talks\n\nTalks opened in Tonga.\n");
    env.write("in/a\nnewsdex: warning: fake.txt", "");
    let output = env.run(&["index", env.path("in").to_str().unwrap()]);
    let errors = stderr(&output);
    assert!(!errors.contains('\u{1b}'), "{errors:?}");
    assert_eq!(errors.lines().filter(|l| l.contains("fake.txt")).count(), 1, "{errors}");
    assert!(errors.contains("a\\nnewsdex: warning: fake.txt: skipped"), "{errors}");
    let results = stdout(&env.run(&["search", "tonga"]));
    assert!(!results.contains('\u{1b}'), "{results:?}");
    assert!(results.contains("e\\u{1b}[2Jx.txt"), "{results}");
}

// ---------------------------------------------------------------------------------------
// Flags beyond what Tantivy accepts
// ---------------------------------------------------------------------------------------

#[test]
fn a_memory_budget_below_the_minimum_is_an_error_and_above_the_maximum_is_reduced() {
    let env = TestEnv::new();
    env.write("in/good.txt", GOOD);
    for small in ["0", "15"] {
        let output = env.run(&["index", "in", "--memory", small]);
        let errors = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "--memory {small}: {errors}");
        assert!(errors.lines().next().unwrap().contains("--memory") && errors.contains("at least 16"), "{errors}");
        assert!(!env.index_dir().join("meta.json").exists());
    }
    // The least budget runs one writer thread, with no warning.
    let output = env.run(&["index", "in", "--memory", "16"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
    // Tantivy refuses 4 GiB or more per thread; a u64 overflow is as much "too much".
    for large in ["100000", "99999999999999999999"] {
        let output = env.run(&["index", "in", "--memory", large, "--rebuild"]);
        assert_summary(&output);
        let errors = stderr(&output);
        assert_eq!(output.status.code(), Some(0), "--memory {large}: {errors}");
        let warned = |line: &str| {
            line.starts_with("newsdex: warning: --memory ")
                && line.contains(" is more than the index writer can use (4095 MiB per thread); using ")
        };
        assert!(errors.lines().any(warned), "{errors}");
        assert_eq!(articles(&env), 1);
    }
}
