#![no_main]
//! The query path: any string as typed by a user, parsed and run against a small index
//! (built once per process) with the defaults of `newsdex search`.

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsdex::article::Origin;
use newsdex::extract::enrich;
use newsdex::index::NewsIndex;
use newsdex::index::writer::{NewsWriter, WriterOptions};
use newsdex::ingest::finish;
use newsdex::ingest::txt::parse_txt;
use newsdex::search::{SearchRequest, search_with};
use tantivy::Searcher;

const ARTICLES: &[&str] = &[
    "Dam talks\nDate: 2021-05-01\nSource: Test Wire\n\nKyrgyzstan and Tajikistan met about water in Bishkek.\n\n\u{201c}The iron curtain is gone,\u{201d} said Michaël Levystone.\n",
    "Election in Peru\nDate: 2019-02-03\nSource: Andes Wire\n\nPeru voted on Sunday. Chile and Bolivia watched.\n\nThe referendum failed, officials said.\n",
    "Steppe\nDate: 2023-04-12\n\nKazakhstan weighs its options as Moscow and Beijing court the steppe.\n",
];

struct Fixture {
    _dir: tempfile::TempDir,
    index: NewsIndex,
    searcher: Searcher,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("index");
        let created = NewsIndex::open_or_create(&path).expect("create index");
        let mut writer = NewsWriter::new(created, &path, WriterOptions::default()).expect("writer");
        for (i, text) in ARTICLES.iter().enumerate() {
            let origin = Origin { path: format!("a{i}.txt"), line: None };
            let (article, _) = finish(origin, parse_txt(text)).expect("article");
            writer.add(&enrich(article)).expect("add");
        }
        writer.finish().expect("commit");
        let index = NewsIndex::open(&path).expect("open");
        let searcher = index.reader().expect("reader").searcher();
        Fixture { index, searcher, _dir: dir }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let fixture = fixture();
    let mut request = SearchRequest::new(text);
    request.limit = 5;
    // Errors (bad query, too long, unknown field) are fine; panics are not.
    let _ = search_with(&fixture.searcher, &fixture.index, &request);
    request.require_all_terms = true;
    let _ = search_with(&fixture.searcher, &fixture.index, &request);
});
