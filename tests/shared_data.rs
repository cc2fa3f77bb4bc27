//! The real archives of `../shared/data`, when this machine has them: everything is
//! indexed, duplicates are folded, dates are kept where valid. Skips when absent.

mod common;

use common::{TestEnv, hits, shared_data, stderr};

fn index(env: &TestEnv, path: &std::path::Path) -> serde_json::Value {
    let output = env.run(&["index", "-q", path.to_str().unwrap()]);
    assert!(matches!(output.status.code(), Some(0)), "{}", stderr(&output));
    env.json(&["stats", "--json"], 0)
}

#[test]
fn bbc_every_file_is_indexed_or_folded() {
    let Some(data) = shared_data() else { return };
    let bbc = data.join("bbc");
    let files = walk(&bbc).into_iter().filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"))).count();
    let env = TestEnv::new();
    let stats = index(&env, &bbc);
    // The data's README: 100 files are exact copies of others (one of them with a paragraph
    // break the other lacks).
    assert_eq!(stats["duplicates_folded"], 100);
    assert_eq!(stats["articles"].as_u64().unwrap() + 100, files as u64);
    // The Latin-1 file is read, not dropped.
    let results = env.search(&["", "--limit", "1000", "--per-article", "1", "--facets", "0"]);
    assert!(results["total"].as_u64().unwrap() > 9_000);
    let output = env.run(&["extract", bbc.join("sport/199.txt").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).contains("Windows-1252"));
}

#[test]
fn reuters_and_time_are_indexed_whole() {
    let Some(data) = shared_data() else { return };
    let reuters = data.join("reuters21578/reuters-dev.jsonl");
    let lines = std::fs::read_to_string(&reuters).unwrap().lines().filter(|l| !l.trim().is_empty()).count() as u64;
    let env = TestEnv::new();
    let stats = index(&env, &reuters);
    assert_eq!(stats["articles"].as_u64().unwrap() + stats["duplicates_folded"].as_u64().unwrap(), lines);
    assert_eq!(stats["first_date"], "1987-02-26");
    let results = env.search(&["cocoa", "--country", "Brazil"]);
    assert!(!hits(&results).is_empty());

    let env = TestEnv::new();
    let stats = index(&env, &data.join("time/time.jsonl"));
    assert_eq!(stats["articles"], 423);
    assert_eq!(stats["undated_articles"], 0);
}

#[test]
fn allsides_all_articles_with_their_valid_dates() {
    let Some(data) = shared_data() else { return };
    let env = TestEnv::new();
    let output = env.run(&["index", data.join("allsides/allsides.jsonl.gz").to_str().unwrap()]);
    let messages = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{messages}");
    let stats = env.json(&["stats", "--json"], 0);
    assert_eq!(stats["articles"].as_u64().unwrap() + stats["duplicates_folded"].as_u64().unwrap(), 37_554);
    // 4,407 empty dates in the data, and a few absurd ones (year 0001, 2050) that are
    // warned about and dropped; every other date is kept.
    let implausible = messages.matches("implausible date").count() as u64;
    assert!(implausible >= 2, "{messages}");
    assert_eq!(stats["undated_articles"].as_u64().unwrap(), 4_407 + implausible);
    assert!(stats["first_date"].as_str().unwrap() >= "1800");
    assert!(stats["last_date"].as_str().unwrap() <= "2021");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { files.extend(walk(&path)) } else { files.push(path) }
    }
    files
}
