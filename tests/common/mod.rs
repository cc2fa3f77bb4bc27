//! `TestEnv`: a temporary workspace with its own index, and helpers to run the
//! `newsdex` binary in it and read its JSON.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl Default for TestEnv {
    fn default() -> Self {
        TestEnv { dir: tempfile::tempdir().expect("temp dir") }
    }
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv::default()
    }

    /// A workspace whose index holds the sample corpus.
    pub fn with_corpus() -> TestEnv {
        let env = TestEnv::new();
        let output = env.run(&["index", corpus().to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "indexing the corpus: {}", stderr(&output));
        env
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn index_dir(&self) -> PathBuf {
        self.path("index")
    }

    /// Writes a file under the workspace, creating folders.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::cargo_bin("newsdex").expect("binary");
        command.current_dir(self.dir.path()).args(args).env_remove("NO_COLOR");
        if args.first() != Some(&"extract") {
            command.arg("--index").arg(self.index_dir());
        }
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run newsdex")
    }

    /// Runs a command that prints one JSON object, asserting its exit code.
    pub fn json(&self, args: &[&str], code: i32) -> Value {
        let output = self.run(args);
        assert_eq!(output.status.code(), Some(code), "{args:?}: {}", stderr(&output));
        serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", stdout(&output)))
    }

    /// `search ... --json`, which must succeed with hits.
    pub fn search(&self, args: &[&str]) -> Value {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.push("--json");
        self.json(&all, 0)
    }
}

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// `../shared/data` beside the project, when this machine has it.
pub fn shared_data() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: ../shared/data is not here");
        None
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn hits(results: &Value) -> &Vec<Value> {
    results["hits"].as_array().expect("hits")
}

pub fn strs(value: &Value) -> Vec<String> {
    value.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect()).unwrap_or_default()
}

/// One generated article as a JSON Lines line: id `gen-{i}`, a dated title and 3 to 6
/// paragraphs of distinct sentences (every tenth article has one paragraph long enough to
/// be split into several passages). The same `i` always gives the same article.
pub fn generated_article(i: usize) -> String {
    const WORDS: &str = "water dam election minister Kazakhstan Peru harvest talks border river Chile market \
        reform budget Kenya rains Georgia protest grain railway Mongolia court pipeline Ghana";
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut state = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let sentence = |next: &mut dyn FnMut(usize) -> usize| {
        let chosen: Vec<&str> = (0..8 + next(8)).map(|_| words[next(words.len())]).collect();
        let mut text = format!("Report {i} says {}", chosen.join(" "));
        text.push('.');
        text
    };
    let paragraphs: Vec<String> = (0..3 + next(4))
        .map(|p| {
            let sentences = if p == 1 && i.is_multiple_of(10) { 40 } else { 2 + next(4) };
            (0..sentences).map(|_| sentence(&mut next)).collect::<Vec<_>>().join(" ")
        })
        .collect();
    let source = ["Test Wire", "Steppe Courier", "Andes Wire"][i % 3];
    let date = format!("20{:02}-{:02}-{:02}", 10 + i % 14, 1 + i % 12, 1 + i % 28);
    serde_json::json!({
        "id": format!("gen-{i}"),
        "title": format!("Dispatch {i}: {} and {}", words[i % words.len()], words[(i / 3) % words.len()]),
        "date": date,
        "source": source,
        "body": paragraphs.join("\n\n"),
    })
    .to_string()
}

/// Writes articles `range` of [`generated_article`] under `dir` as JSON Lines files of
/// at most 1,000 lines each (`part-000.jsonl`, ...); returns the folder.
pub fn generate_corpus(dir: &Path, range: std::ops::Range<usize>) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let mut start = range.start;
    while start < range.end {
        let end = (start + 1000 - start % 1000).min(range.end);
        let mut text = String::new();
        for i in start..end {
            text.push_str(&generated_article(i));
            text.push('\n');
        }
        std::fs::write(dir.join(format!("part-{:03}.jsonl", start / 1000)), text).unwrap();
        start = end;
    }
    dir.to_path_buf()
}
