//! The command line end to end on the sample corpus: indexing, every search filter,
//! the JSON contract, extract, stats, re-indexing and exit codes.

mod common;

use common::{TestEnv, corpus, hits, stderr, stdout, strs};
use serde_json::Value;

fn codes(hit: &Value) -> Vec<String> {
    hit["countries"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn stats_counts_articles_passages_and_folded_duplicates() {
    let env = TestEnv::with_corpus();
    let stats = env.json(&["stats", "--json"], 0);
    // 47 article records in the corpus, two of them syndicated copies of others.
    assert_eq!(stats["articles"], 45);
    assert_eq!(stats["duplicates_folded"], 2);
    let passages = stats["passages"].as_u64().unwrap();
    assert!(passages > 45 * 3, "{passages} passages");
    assert!(stats["sources"].as_u64().unwrap() >= 6);
    assert!(stats["size_bytes"].as_u64().unwrap() > 0);
    assert_eq!(stats["first_date"].as_str().unwrap()[..4].parse::<i32>().unwrap(), 2019);
}

#[test]
fn the_json_contract_holds_for_a_filtered_search() {
    let env = TestEnv::with_corpus();
    let results = env.search(&["iron curtain", "--country", "KZ", "--speaker", "levystone"]);
    assert_eq!(results["query"], "iron curtain");
    assert!(results["total"].as_u64().unwrap() >= 1);
    let hit = &hits(&results)[0];
    for key in ["rank", "score", "article_id", "passage", "title", "date", "source", "url", "path", "heading", "text"] {
        assert!(hit.get(key).is_some(), "hit lacks {key}");
    }
    assert_eq!(hit["rank"], 1);
    assert!(strs(&hit["speakers"]).contains(&"Michaël Levystone".to_string()));
    assert!(codes(hit).contains(&"KZ".to_string()));
    let country = hit["countries"].as_array().unwrap().iter().find(|c| c["code"] == "KZ").unwrap();
    assert_eq!(country["name"], "Kazakhstan");
    let date = hit["date"].as_str().unwrap();
    assert!(date.len() == 10 && date.as_bytes()[4] == b'-', "{date}");
    // Highlights are byte ranges of the query words in the text.
    let text = hit["text"].as_str().unwrap();
    let marked: Vec<String> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize].to_lowercase())
        .collect();
    assert!(marked.contains(&"iron".to_string()) && marked.contains(&"curtain".to_string()), "{marked:?}");
    for facet in ["country", "region", "speaker", "source", "year"] {
        assert!(results["facets"][facet].is_array(), "facet {facet}");
    }
    let speaker_facet = &results["facets"]["speaker"][0];
    assert_eq!(speaker_facet["value"], "Michaël Levystone");
    assert!(speaker_facet["count"].as_u64().unwrap() >= 1);
}

#[test]
fn a_region_filter_keeps_only_passages_mentioning_its_countries() {
    let env = TestEnv::with_corpus();
    let central_asia = ["KZ", "KG", "TJ", "TM", "UZ"];
    let results = env.search(&["russian influence", "--country", "central asia", "--limit", "50"]);
    assert!(!hits(&results).is_empty());
    for hit in hits(&results) {
        assert!(codes(hit).iter().any(|c| central_asia.contains(&c.as_str())), "{hit}");
    }
    let regions = results["facets"]["region"].as_array().unwrap();
    assert!(regions.iter().any(|r| r["value"] == "Central Asia"));
    // Accents and case do not matter; an alternative name works.
    let by_alias = env.search(&["", "--country", "kazakhstan", "--limit", "100"]);
    let by_code = env.search(&["", "--country", "kz", "--limit", "100"]);
    assert_eq!(by_alias["total"], by_code["total"]);
}

#[test]
fn an_unknown_country_is_an_error_with_suggestions() {
    let env = TestEnv::with_corpus();
    let output = env.run(&["search", "water", "--country", "Kazakhstann"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert_eq!(message.trim().lines().count(), 1, "{message}");
    assert!(message.contains("Kazakhstan"), "{message}");
}

#[test]
fn date_filters_and_date_sorting() {
    let env = TestEnv::with_corpus();
    let results = env.search(&["", "--since", "2023", "--until", "2023-12-31", "--limit", "100", "--per-article", "0"]);
    for hit in hits(&results) {
        assert!(hit["date"].as_str().unwrap().starts_with("2023"), "{}", hit["date"]);
    }
    let newest = env.search(&["water", "--sort", "newest", "--limit", "20"]);
    let dates: Vec<&str> = hits(&newest).iter().filter_map(|h| h["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let oldest = env.search(&["water", "--sort", "oldest", "--limit", "20"]);
    let dates: Vec<&str> = hits(&oldest).iter().filter_map(|h| h["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn source_speaker_and_about_filters() {
    let env = TestEnv::with_corpus();
    let results = env.search(&["", "--source", "andes wire", "--limit", "100"]);
    for hit in hits(&results) {
        assert_eq!(hit["source"], "Andes Wire");
    }
    let results = env.search(&["", "--speaker", "SÖDERSTRÖM", "--limit", "100"]);
    for hit in hits(&results) {
        assert!(strs(&hit["speakers"]).iter().any(|s| s.ends_with("Söderström")), "{hit}");
    }
    let about = env.search(&["", "--about", "Georgia", "--limit", "100", "--per-article", "1"]);
    assert!(hits(&about).iter().all(|h| !h["path"].as_str().unwrap().contains("peach")));
}

#[test]
fn per_article_limit_offset_and_ties_are_deterministic() {
    let env = TestEnv::with_corpus();
    let one_each = env.search(&["water", "--per-article", "1", "--limit", "30"]);
    let mut ids: Vec<&str> = hits(&one_each).iter().map(|h| h["article_id"].as_str().unwrap()).collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "an article appears twice");

    let page = |offset: &str| env.search(&["water", "--limit", "3", "--offset", offset]);
    let all = env.search(&["water", "--limit", "6"]);
    let paged: Vec<Value> = hits(&page("0")).iter().chain(hits(&page("3"))).cloned().collect();
    let key = |h: &Value| (h["article_id"].clone(), h["passage"].clone());
    assert_eq!(paged.iter().map(key).collect::<Vec<_>>(), hits(&all).iter().map(key).collect::<Vec<_>>());

    // A second index of the same corpus gives the same ranking.
    let other = TestEnv::with_corpus();
    let again = other.search(&["water", "--limit", "6"]);
    assert_eq!(hits(&again).iter().map(key).collect::<Vec<_>>(), hits(&all).iter().map(key).collect::<Vec<_>>());
}

#[test]
fn no_hits_exits_1_and_a_missing_index_exits_2() {
    let env = TestEnv::with_corpus();
    let output = env.run(&["search", "xylophonequartz"]);
    assert_eq!(output.status.code(), Some(1));
    let empty = TestEnv::new();
    let output = empty.run(&["search", "water"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no index"), "{}", stderr(&output));
}

#[test]
fn malformed_queries_never_panic() {
    let env = TestEnv::with_corpus();
    let long = "water ".repeat(20_000);
    let nested = "(".repeat(5_000);
    for query in [
        "\"unbalanced",
        "country:",
        "-",
        "OR",
        "((water",
        "water)",
        "title:",
        "\u{7}\u{1b}[31m",
        &long,
        &nested,
        "nosuchfield:x",
    ] {
        let output = env.run(&["search", query]);
        let code = output.status.code();
        assert!(matches!(code, Some(0..=2)), "{query:.40}: {code:?} {}", stderr(&output));
        assert!(stderr(&output).lines().count() <= 1, "{query:.40}: {}", stderr(&output));
        assert!(!stderr(&output).contains("panicked"), "{query:.40}");
    }
}

#[test]
fn pasted_text_is_searched_as_written_and_a_filter_field_names_its_flag() {
    let env = TestEnv::with_corpus();
    for query in ["Water talks: what next", "meeting at 10:30 about water"] {
        let output = env.run(&["search", query, "--json"]);
        assert_eq!(output.status.code(), Some(0), "{query}: {}", stderr(&output));
    }
    // a web address is a phrase of its words: no match here, and nothing to warn about
    let output = env.run(&["search", "https://example.org/water"]);
    assert_eq!((output.status.code(), stderr(&output).as_str()), (Some(1), ""));
    // quotes as word processors type them make a phrase, as straight ones do
    let total = |query: &str| env.json(&["search", query, "--json", "--limit", "0"], 0)["total"].as_u64();
    assert_eq!(total("“central asia”"), total("\"central asia\""));
    assert!(total("“central asia”") < total("central asia"));
    let output = env.run(&["search", "water country:KZ"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--country"), "{}", stderr(&output));
}

#[test]
fn a_source_is_found_by_whole_words_before_parts_of_words() {
    let env = TestEnv::new();
    for (i, source) in ["AP Fact Check", "Cape Gazette", "Wire Service AP", "Washington Ledger"].iter().enumerate() {
        env.write(&format!("in/{i}.txt"), format!("Title {i}\nSource: {source}\n\nFloods reached the valley.\n"));
    }
    assert_eq!(env.run(&["index", env.path("in").to_str().unwrap()]).status.code(), Some(0));
    let sources = |name: &str| {
        let results = env.search(&["floods", "--source", name]);
        let mut found: Vec<String> =
            hits(&results).iter().map(|hit| hit["source"].as_str().unwrap().to_string()).collect();
        found.sort();
        found
    };
    assert_eq!(sources("ap"), ["AP Fact Check", "Wire Service AP"]);
    assert_eq!(sources("wash"), ["Washington Ledger"]);
}

#[test]
fn reindexing_adds_nothing_and_a_changed_article_replaces_the_old_one() {
    let env = TestEnv::new();
    let article = "Dam talks\nID: dam-1\nDate: 2021-05-01\nSource: Test Wire\n\nKyrgyzstan and Tajikistan met about water.\n\nA second paragraph.\n";
    let file = env.write("in/dam.txt", article);
    let input = file.parent().unwrap().to_str().unwrap().to_string();
    for _ in 0..2 {
        assert_eq!(env.run(&["index", &input]).status.code(), Some(0));
        let stats = env.json(&["stats", "--json"], 0);
        assert_eq!((stats["articles"].as_u64(), stats["passages"].as_u64()), (Some(1), Some(2)));
    }
    env.write("in/dam.txt", article.replace("A second paragraph.", "A new second paragraph.\n\nAnd a third."));
    let output = env.run(&["index", &input]);
    assert!(stderr(&output).contains("1 replaced"), "{}", stderr(&output));
    let stats = env.json(&["stats", "--json"], 0);
    assert_eq!((stats["articles"].as_u64(), stats["passages"].as_u64()), (Some(1), Some(3)));
    let results = env.search(&["third"]);
    assert_eq!(hits(&results)[0]["article_id"], "dam-1");
}

#[test]
fn broken_inputs_are_reported_with_their_place_and_the_rest_is_indexed() {
    let env = TestEnv::new();
    env.write("in/good.txt", "Good title\n\nUzbekistan opened a canal.\n");
    env.write("in/empty.txt", "");
    env.write("in/binary.txt", b"\x00\x01\x02binary\x00");
    env.write(
        "in/feed.jsonl",
        "{\"id\":\"a\",\"title\":\"A\",\"body\":\"Peru voted.\"}\n{not json\n{\"id\":\"b\",\"title\":\"B\",\"body\":null}\n{\"id\":\"c\",\"title\":\"C\",\"body\":\"Chile voted.\",\"date\":\"0001-01-01\"}\n",
    );
    env.write("in/legacy.jsonl", b"{\"id\":\"d\",\"title\":\"Caf\xe9\",\"body\":\"Na\xefve caf\xe9 in Bolivia.\"}\n");
    let mut gz = Vec::new();
    {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(&mut gz, flate2::Compression::default());
        for i in 0..2000 {
            let line =
                format!("{{\"id\":\"e{i}\",\"title\":\"E{i}\",\"body\":\"Ecuador exported {} bananas.\"}}\n", i * 7919);
            encoder.write_all(line.as_bytes()).unwrap();
        }
        encoder.finish().unwrap();
    }
    gz.truncate(gz.len() / 2);
    env.write("in/cut.jsonl.gz", gz);
    let output = env.run(&["index", env.path("in").to_str().unwrap()]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{errors}");
    assert!(errors.contains("empty.txt"), "{errors}");
    assert!(errors.contains("binary.txt"), "{errors}");
    assert!(errors.contains("feed.jsonl:2"), "{errors}");
    assert!(errors.contains("feed.jsonl:3"), "{errors}");
    assert!(errors.contains("cut.jsonl.gz"), "{errors}");
    assert!(errors.contains("Windows-1252"), "{errors}");
    assert!(!errors.contains("panicked"));
    let stats = env.json(&["stats", "--json"], 0);
    // good, a, c (kept without its absurd date), d, and the readable part of the .gz.
    let articles = stats["articles"].as_u64().unwrap();
    assert!(articles > 4 + 100 && articles < 4 + 2000, "{articles}: {errors}");
    let legacy = env.search(&["naive"]);
    assert_eq!(hits(&legacy)[0]["title"], "Café");
}

#[test]
fn a_count_of_one_is_printed_in_the_singular() {
    let env = TestEnv::new();
    env.write("in/one.txt", "Canal opened\nID: one-1\nDate: the day after tomorrow\n\nUzbekistan opened a canal.\n");
    env.write("in/broken.json", "{not json");
    let output = env.run(&["index", "in"]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{errors}");
    assert!(
        errors.contains("indexed 1 article (1 new, 0 replaced, 0 unchanged) as 1 passage; 0 duplicates folded; "),
        "{errors}"
    );
    assert!(errors.contains("skipped 1 input: 1 bad JSON"), "{errors}");
    assert!(errors.lines().any(|line| line == "1 warning (article kept)"), "{errors}");
    let extracted = env.run(&["extract", "in"]);
    assert!(stderr(&extracted).contains("skipped 1 input: 1 bad JSON"), "{}", stderr(&extracted));

    let found = stdout(&env.run(&["search", "canal"]));
    assert!(found.lines().any(|line| line == "1 matching passage"), "{found}");
    let none_here = stdout(&env.run(&["search", "canal", "--offset", "5"]));
    assert!(none_here.contains("1 matching passage; none on this page"), "{none_here}");
    let stats = stdout(&env.run(&["stats"]));
    assert!(stats.contains("(1 article without a date)") && stats.contains(" in 1 segment\n"), "{stats}");
    let removed = env.run(&["remove", "one-1"]);
    assert!(stderr(&removed).contains("removed 1 article\n"), "{}", stderr(&removed));

    env.write("in/two.txt", "Dam opened\nID: two-2\n\nKazakhstan opened a dam.\n");
    env.run(&["index", "in"]);
    std::fs::remove_file(env.path("in/two.txt")).unwrap();
    let pruned = stderr(&env.run(&["index", "in", "--prune"]));
    assert!(pruned.contains("pruned 1 article no longer in the inputs"), "{pruned}");
}

#[test]
fn extract_prints_one_enriched_article_per_line() {
    let env = TestEnv::new();
    let file = corpus().join("txt/central-asia/steppe-courier/2023-04-12-kazakhstan-options.txt");
    let output = env.run(&["extract", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines: Vec<Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    let article = &lines[0];
    for key in ["id", "title", "date", "source", "url", "path", "countries", "speakers", "passages", "about"] {
        assert!(article.get(key).is_some(), "extract lacks {key}");
    }
    assert_eq!(article["about"][0], "KZ");
    let kz = article["countries"].as_array().unwrap().iter().find(|c| c["code"] == "KZ").unwrap();
    assert!(kz["mentions"].as_u64().unwrap() >= 2);
    let levystone = article["speakers"].as_array().unwrap().iter().find(|s| s["name"] == "Michaël Levystone").unwrap();
    assert!(!levystone["quotes"].as_array().unwrap().is_empty());
    let passage = &article["passages"][0];
    for key in ["n", "heading", "text", "countries", "speakers"] {
        assert!(passage.get(key).is_some(), "passage lacks {key}");
    }
}

#[test]
fn stdin_takes_json_lines() {
    let env = TestEnv::new();
    let output = env
        .command(&["index", "-"])
        .write_stdin("{\"id\":\"s1\",\"title\":\"From stdin\",\"text\":\"Mongolia herders.\"}\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(hits(&env.search(&["herders"]))[0]["path"], "<stdin>");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let env = TestEnv::with_corpus();
    let always = env.run(&["search", "water", "--color", "always"]);
    assert!(stdout(&always).contains("\x1b["));
    let never = env.run(&["search", "water", "--color", "never"]);
    assert!(!stdout(&never).contains("\x1b["));
    let no_color = env.command(&["search", "water"]).env("NO_COLOR", "1").output().unwrap();
    assert!(!stdout(&no_color).contains("\x1b["));
}

#[test]
fn scraped_boilerplate_never_becomes_a_passage() {
    let env = TestEnv::new();
    for page in [
        "html/steppe-courier/2024-10-28-uzbekistan-parliamentary-election.html",
        "html/sahel-review/2024-06-18-nigeria-fuel-prices.html",
    ] {
        let output = env.run(&["extract", corpus().join(page).to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let article: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
        let passages = article["passages"].as_array().unwrap();
        assert!(passages.len() >= 4, "{page}: {} passages", passages.len());
        for passage in passages {
            let text = passage["text"].as_str().unwrap().to_lowercase();
            for boilerplate in
                ["newsletter", "google play", "app store", "read also", "cookie", "all rights reserved", "share on"]
            {
                assert!(!text.contains(boilerplate), "{page}: {boilerplate:?} in {text:?}");
            }
        }
        assert!(!article["source"].is_null() && !article["date"].is_null() && !article["title"].is_null());
    }
}

#[test]
fn remove_deletes_whole_articles_by_id() {
    let env = TestEnv::with_corpus();
    let before = env.json(&["stats", "--json"], 0);
    let output = env.run(&["remove", "agg-000203", "no-such-id"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("no-such-id"));
    let after = env.json(&["stats", "--json"], 0);
    assert_eq!(after["articles"].as_u64().unwrap() + 1, before["articles"].as_u64().unwrap());
    let everything = env.search(&["", "--limit", "1000", "--per-article", "0"]);
    assert!(hits(&everything).iter().all(|h| h["article_id"] != "agg-000203"));
}

/// Indexes `input` as `newsdex index` does but with a commit after every article, for
/// many segments. Through the library: the command line refuses `--commit-every 0`, which
/// makes a real run crawl.
fn index_committing_each_article(input: &std::path::Path, dir: &std::path::Path) {
    use newsdex::index::NewsIndex;
    use newsdex::index::writer::{NewsWriter, WriterOptions};
    use newsdex::pipeline::{self, Event};
    let options = WriterOptions { commit_every: std::time::Duration::ZERO, ..Default::default() };
    let mut writer = NewsWriter::new(NewsIndex::open_or_create(dir).unwrap(), dir, options).unwrap();
    let is_unchanged = writer.unchanged_filter();
    pipeline::run(&[input.to_path_buf()], &Default::default(), is_unchanged, |event| {
        match event {
            Event::Article(article) => drop(writer.add(&article).unwrap()),
            Event::Unchanged(article) => drop(writer.add_unchanged(&article).unwrap()),
            Event::Idle => writer.commit_if_due().unwrap(),
            Event::Problem(_) => {}
        }
        true
    });
    assert!(writer.finish().unwrap().commits > 10);
}

#[test]
fn a_run_merges_its_segments_and_facet_counts_stay_exact_across_segments() {
    let segments = |env: &TestEnv| env.json(&["stats", "--json"], 0)["segments"].as_u64().unwrap();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8) as u64;
    // A commit after every article makes dozens of segments; the run ends with one per core.
    let env = TestEnv::new();
    let corpus = corpus();
    index_committing_each_article(&corpus, &env.index_dir());
    let merged = segments(&env);
    assert!((1..=cores).contains(&merged), "{merged} segments");
    let plain = TestEnv::with_corpus();
    let everything = ["the", "--limit", "10000", "--per-article", "0"];
    assert_eq!(env.search(&everything), plain.search(&everything));

    // A small later run keeps its own segment: the big ones are not rewritten for it.
    env.write(
        "later/extra.txt",
        "Extra\nID: extra-1\nDate: 2020-02-02\nSource: Test Wire\n\nThe minister said: \"We will build the dam.\"\n",
    );
    assert_eq!(env.run(&["index", env.path("later").to_str().unwrap()]).status.code(), Some(0));
    assert_eq!(segments(&env), merged + 1);

    // Facets cut to 3 values agree with counting every hit by hand, ties by value.
    let all = env.search(&["the", "--limit", "10000", "--per-article", "0", "--facets", "0"]);
    let top = env.search(&["the", "--facets", "3"]);
    let mut speakers: std::collections::BTreeMap<String, u64> = Default::default();
    let mut sources: std::collections::BTreeMap<String, u64> = Default::default();
    for hit in hits(&all) {
        for speaker in hit["speakers"].as_array().unwrap() {
            *speakers.entry(speaker.as_str().unwrap().to_string()).or_default() += 1;
        }
        if let Some(source) = hit["source"].as_str() {
            *sources.entry(source.to_string()).or_default() += 1;
        }
    }
    let best = |counts: std::collections::BTreeMap<String, u64>| {
        let mut values: Vec<(String, u64)> = counts.into_iter().collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        values.truncate(3);
        values.into_iter().map(|(value, count)| serde_json::json!({"value": value, "count": count})).collect::<Vec<_>>()
    };
    assert!(speakers.len() > 3 && sources.len() > 3, "the corpus has enough values to cut");
    assert_eq!(top["facets"]["speaker"].as_array().unwrap(), &best(speakers));
    assert_eq!(top["facets"]["source"].as_array().unwrap(), &best(sources));
    let mut countries: std::collections::BTreeMap<(String, String), u64> = Default::default();
    for hit in hits(&all) {
        for country in hit["countries"].as_array().unwrap() {
            let key = (country["name"].as_str().unwrap().to_string(), country["code"].as_str().unwrap().to_string());
            *countries.entry(key).or_default() += 1;
        }
    }
    let mut expected: Vec<((String, String), u64)> = countries.into_iter().collect();
    expected.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let expected: Vec<Value> = expected
        .into_iter()
        .take(3)
        .map(|((name, code), count)| serde_json::json!({"code": code, "name": name, "count": count}))
        .collect();
    assert_eq!(top["facets"]["country"].as_array().unwrap(), &expected);
}

#[test]
fn searching_segments_in_parallel_answers_as_one_thread_does() {
    use newsdex::index::NewsIndex;
    use newsdex::search::{SearchRequest, search};

    // One `index` run per folder of the corpus: a segment (at least) each. (On a machine
    // with one core both indexes search on one thread, and the test proves nothing.)
    let env = TestEnv::new();
    for part in ["txt", "jsonl", "html", "archive"] {
        let output = env.run(&["index", corpus().join(part).to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "indexing {part}: {}", stderr(&output));
    }
    let single = NewsIndex::open(&env.index_dir()).unwrap();
    let mut parallel = NewsIndex::open(&env.index_dir()).unwrap();
    assert!(single.index.searchable_segment_ids().unwrap().len() >= 4);
    parallel.search_segments_in_parallel().unwrap();
    for query in ["said", "water", "\"iron curtain\"", "+river -flood", ""] {
        for facet_limit in [10, 1] {
            let mut request = SearchRequest::new(query);
            request.facet_limit = facet_limit;
            request.limit = 20;
            let one = serde_json::to_value(search(&single, &request).unwrap()).unwrap();
            let many = serde_json::to_value(search(&parallel, &request).unwrap()).unwrap();
            assert_eq!(one, many, "{query:?}, facets {facet_limit}");
            assert!(one["total"].as_u64().unwrap() > 0, "{query:?} matches nothing");
        }
    }
}

/// A workspace whose index holds `n` generated articles (dated 2010 to 2023).
fn generated_env(n: usize) -> TestEnv {
    let env = TestEnv::new();
    let feed = common::generate_corpus(&env.path("feed"), 0..n);
    let output = env.run(&["index", feed.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "indexing: {}", stderr(&output));
    env
}

fn total(env: &TestEnv, args: &[&str], code: i32) -> u64 {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.push("--json");
    env.json(&all, code)["total"].as_u64().unwrap()
}

#[test]
fn date_bounds_beyond_what_tantivy_can_represent_do_not_wrap() {
    let env = generated_env(30);
    let everything = total(&env, &[""], 0);
    assert!(everything > 30);
    // Tantivy counts nanoseconds in an i64 (1677 to 2262): these bounds used to wrap.
    assert_eq!(total(&env, &["", "--until", "9999"], 0), everything);
    assert_eq!(total(&env, &["", "--since", "1000"], 0), everything);
    assert_eq!(total(&env, &["", "--since", "1000", "--until", "9999-12-31"], 0), everything);
    for far in [["--since", "2263"], ["--since", "9999"], ["--until", "1500"], ["--until", "1000-06"]] {
        assert_eq!(total(&env, &["", far[0], far[1]], 1), 0, "{far:?}");
    }
    // Bounds within the range still cut.
    let recent = total(&env, &["", "--since", "2020"], 0);
    assert!(recent > 0 && recent < everything, "{recent} of {everything}");
    // A year is four digits, and a range must not end before it starts.
    for args in [["--since", "20"], ["--until", "+2020"]] {
        let output = env.run(&["search", "", args[0], args[1]]);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("expected YYYY"), "{}", stderr(&output));
    }
    let output = env.run(&["search", "", "--since", "2023", "--until", "2020"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--since 2023-01-01 is after --until 2020-12-31"), "{}", stderr(&output));
}

#[test]
fn a_huge_limit_or_offset_allocates_for_the_matches_only() {
    let env = generated_env(30);
    let everything = total(&env, &["water"], 0);
    for limit in ["1000000000", "18446744073709551615"] {
        let results = env.search(&["water", "--limit", limit, "--per-article", "0"]);
        assert_eq!(hits(&results).len() as u64, everything, "--limit {limit}");
        let results = env.search(&["water", "--limit", limit]);
        assert!(!hits(&results).is_empty(), "--limit {limit}");
    }
    let results = env.json(&["search", "water", "--offset", "18446744073709551615", "--limit", "5", "--json"], 0);
    assert!(hits(&results).is_empty());
}

/// `--json` writes each hit as it is read; what it writes is the library's answer
/// serialised whole, to the byte, warnings included.
#[test]
fn the_json_written_hit_by_hit_is_the_librarys_answer() {
    let env = generated_env(30);
    let news_index = newsdex::index::NewsIndex::open(&env.index_dir()).unwrap();
    for (query, limit, per_article) in [("water", 1000, 0), ("dam \"unbalanced", 5, 2), ("", 0, 2), ("", 7, 1)] {
        let mut request = newsdex::search::SearchRequest::new(query);
        (request.limit, request.per_article) = (limit, per_article);
        let expected = serde_json::to_string(&newsdex::search::search(&news_index, &request).unwrap()).unwrap();
        let (limit, per_article) = (limit.to_string(), per_article.to_string());
        let output = env.run(&["search", query, "--json", "--limit", &limit, "--per-article", &per_article]);
        assert_eq!(stdout(&output).trim_end(), expected, "{query:?}");
    }
}

#[test]
fn a_count_only_query_or_an_offset_past_the_end_reports_the_total_and_exits_0() {
    let env = generated_env(30);
    let everything = total(&env, &["water"], 0);
    for args in [["--limit", "0"], ["--offset", "100000"]] {
        let results = env.json(&["search", "water", args[0], args[1], "--json"], 0);
        assert_eq!(results["total"].as_u64().unwrap(), everything, "{args:?}");
        assert!(hits(&results).is_empty(), "{args:?}");
        let output = env.run(&["search", "water", args[0], args[1]]);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let printed = stdout(&output);
        assert!(printed.contains(&format!("{everything} matching passages; none on this page")), "{printed}");
        assert!(printed.contains("years:"), "facets still counted: {printed}");
    }
    // Nothing matching at all is still exit 1.
    let output = env.run(&["search", "xylophonequartz", "--limit", "0"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("no passages match"), "{}", stdout(&output));
}

#[test]
fn extract_into_a_pipe_closed_early_is_not_an_error() {
    use std::io::BufRead;
    let env = TestEnv::new();
    // Megabytes of output: far more than a pipe holds, so extract is still writing when
    // the reader goes away.
    let feed = common::generate_corpus(&env.path("feed"), 0..3000);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .arg("extract")
        .arg(&feed)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with('{'), "{first:.200}");
    // The reader is dropped here, like `| head -1` exiting.
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn and_not_excludes_like_a_minus() {
    let env = generated_env(30);
    let expected = total(&env, &["water -dam"], 0);
    assert!(expected > 0 && expected < total(&env, &["water"], 0));
    for query in ["water AND NOT dam", "NOT dam AND water", "(water) AND NOT (dam)", "water NOT dam"] {
        assert_eq!(total(&env, &[query], 0), expected, "{query}");
    }
    // Nested: (a AND NOT b) OR c.
    let nested = total(&env, &["(water AND NOT dam) OR xylophonequartz"], 0);
    assert_eq!(nested, expected);
    // A double negation requires what it excludes.
    let water = total(&env, &["water"], 0);
    for query in ["NOT NOT water", "-(-water)", "NOT (NOT water)"] {
        assert_eq!(total(&env, &[query], 0), water, "{query}");
    }
    let either = total(&env, &["water OR dam"], 0);
    assert!(either > water);
    assert_eq!(total(&env, &["NOT (NOT water NOT dam)"], 0), either);
}

#[test]
fn slashes_fuzzy_suffixes_and_decomposed_accents_keep_every_word() {
    let env = generated_env(30);
    let (water, dam) = (total(&env, &["water"], 0), total(&env, &["dam"], 0));
    let either = total(&env, &["water dam"], 0);
    assert!(either > water.max(dam));
    assert_eq!(total(&env, &["water / dam"], 0), either);
    assert_eq!(total(&env, &["/water/"], 0), water);
    let results = env.json(&["search", "water~abc dam", "--json"], 0);
    assert_eq!(results["total"].as_u64().unwrap(), either);
    assert!(results["warnings"][0].as_str().unwrap().contains("water~abc read as water"), "{results}");
    assert_eq!(total(&env, &["water~0.8"], 0), water);
    // A query of punctuation alone matches nothing, and says why.
    let results = env.json(&["search", "?!", "--json"], 1);
    assert!(results["warnings"][0].as_str().unwrap().contains("holds no word"), "{results}");

    let env = TestEnv::with_corpus();
    let composed = total(&env, &["Zürich"], 0);
    assert!(composed > 0);
    assert_eq!(total(&env, &["Zu\u{308}rich"], 0), composed);
}

#[test]
fn stats_counts_each_source_once_and_nothing_else() {
    // The generated articles come from three outlets.
    let env = generated_env(30);
    let stats = env.json(&["stats", "--json"], 0);
    assert_eq!(stats["sources"], 3, "{stats}");
}

#[test]
fn commit_every_0_is_refused() {
    let env = TestEnv::new();
    let feed = common::generate_corpus(&env.path("feed"), 0..3);
    let output = env.run(&["index", feed.to_str().unwrap(), "--commit-every", "0"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("--commit-every"), "{}", stderr(&output));
    assert!(!env.index_dir().join("meta.json").exists());
}

#[test]
fn a_mistake_in_the_arguments_is_one_line_and_help_is_not_an_error() {
    let env = TestEnv::new();
    for (args, expected) in [
        (&["search", "water", "dam"][..], "a query of several words goes in quotes"),
        (&["search", "water", "--limit", "-1"][..], "tip: to pass '-1' as a value"),
        (&["search", "water", "--sort", "NEWEST"][..], "possible values: relevance, newest, oldest"),
        (&["frobnicate"][..], "unrecognized subcommand 'frobnicate'"),
    ] {
        let output = env.run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let err = stderr(&output);
        assert!(err.starts_with("newsdex: error: ") && err.trim_end().lines().count() == 1, "{err}");
        assert!(err.contains(expected), "{err}");
    }
    for args in [&["--help"][..], &["search", "--help"][..], &["--version"][..]] {
        let output = env.run(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(stdout(&output).contains("newsdex"), "{args:?}");
    }
}

#[test]
fn fuzzy_and_wildcard_operators_are_read_as_words_with_a_warning() {
    let env = generated_env(30);
    let water = total(&env, &["water"], 0);
    let results = env.json(&["search", "water~2", "--json"], 0);
    assert_eq!(results["total"].as_u64().unwrap(), water);
    assert!(
        results["warnings"][0].as_str().unwrap().contains("fuzzy matching is not supported: water~2 read as water")
    );
    let results = env.json(&["search", "wat*", "--json"], 1);
    assert!(results["warnings"][0].as_str().unwrap().contains("wildcards are not supported: wat* read as wat"));
    let output = env.run(&["search", "wat*"]);
    assert!(stderr(&output).starts_with("newsdex: warning: query read leniently (wildcards"), "{}", stderr(&output));
    // A phrase's proximity operator is not fuzzy matching.
    let results = env.json(&["search", "\"water dam\"~3", "--json"], 0);
    assert!(results.get("warnings").is_none(), "{results}");
    // A question ends with a question mark, not a wildcard.
    let results = env.json(&["search", "where is the water?", "--json"], 0);
    assert!(results.get("warnings").is_none(), "{results}");
    assert_eq!(results["total"], env.json(&["search", "where is the water", "--json"], 0)["total"]);
}
