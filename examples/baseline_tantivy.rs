//! The raw-Tantivy baseline of the performance benchmark (see `bench/README.md`): the same
//! paragraphs as newsdex indexes, with no extraction, no facets and Tantivy's default analyser.
//!
//! ```sh
//! cargo run --release --example baseline_tantivy -- index allsides.jsonl.gz /tmp/baseline-index
//! cargo run --release --example baseline_tantivy -- search /tmp/baseline-index '"supreme court"'
//! ```
//!
//! `index` reads JSON Lines (gzip'd or not) and adds one document per non-empty
//! "\n"-separated paragraph of `content_original` (else `content`, `body`, `text`), with the
//! article's title, id, date and source stored; 2 writer threads, a 1 GiB budget, one commit.
//! `search` opens the index, parses the query over the text field and prints the ids of the top 10.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use newsdex::ingest::open_decompressed;
use serde_json::Value;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{STORED, STRING, Schema, TEXT, Value as _};
use tantivy::{Index, IndexWriter, TantivyDocument};

const USAGE: &str = "usage: baseline_tantivy index SRC.jsonl[.gz] DIR | baseline_tantivy search DIR QUERY";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["index", src, dir] => index(Path::new(src), Path::new(dir)),
        ["search", dir, query] => search(Path::new(dir), query),
        _ => bail!(USAGE),
    }
}

fn schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field("text", TEXT | STORED);
    builder.add_text_field("title", TEXT | STORED);
    builder.add_text_field("id", STRING | STORED);
    builder.add_text_field("date", STORED);
    builder.add_text_field("source", STORED);
    builder.build()
}

/// A line reader over a plain, gzip'd or zstd'd file, decompressed as `newsdex index` does.
fn open_lines(path: &Path) -> Result<BufReader<Box<dyn Read>>> {
    let reader = open_decompressed(path).with_context(|| format!("opening {}", path.display()))?;
    Ok(BufReader::with_capacity(1 << 16, reader))
}

fn str_of<'a>(article: &'a Value, keys: &[&str]) -> &'a str {
    keys.iter().find_map(|key| article.get(*key).and_then(Value::as_str)).unwrap_or("")
}

fn index(src: &Path, dir: &Path) -> Result<()> {
    let started = Instant::now();
    std::fs::create_dir_all(dir)?;
    let schema = schema();
    let field = |name: &str| schema.get_field(name).expect("field of the schema");
    let (text, title, id, date, source) = (field("text"), field("title"), field("id"), field("date"), field("source"));
    let index = Index::create_in_dir(dir, schema.clone()).context("creating the index (is DIR empty?)")?;
    let mut writer: IndexWriter = index.writer_with_num_threads(2, 1 << 30)?;
    let (mut articles, mut paragraphs) = (0u64, 0u64);
    for line in open_lines(src)?.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let Ok(article) = serde_json::from_str::<Value>(&line) else { continue };
        articles += 1;
        let body = str_of(&article, &["content_original", "content", "body", "text"]);
        let (article_title, article_id) = (str_of(&article, &["title"]), str_of(&article, &["ID", "id"]));
        let (article_date, article_source) = (str_of(&article, &["date"]), str_of(&article, &["source"]));
        for paragraph in body.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            let mut doc = TantivyDocument::default();
            doc.add_text(text, paragraph);
            doc.add_text(title, article_title);
            doc.add_text(id, article_id);
            doc.add_text(date, article_date);
            doc.add_text(source, article_source);
            writer.add_document(doc)?;
            paragraphs += 1;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    eprintln!("baseline: {articles} articles, {paragraphs} paragraphs, {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn search(dir: &Path, query: &str) -> Result<()> {
    let index = Index::open_in_dir(dir)?;
    let schema = index.schema();
    let (text, id) = (schema.get_field("text")?, schema.get_field("id")?);
    let searcher = index.reader()?.searcher();
    let query = QueryParser::for_index(&index, vec![text]).parse_query(query)?;
    let top = searcher.search(&query, &TopDocs::with_limit(10).order_by_score())?;
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let doc_id = doc.get_first(id).and_then(|v| v.as_str()).unwrap_or("");
        println!("{score:.3}\t{doc_id}");
    }
    Ok(())
}
