//! Evaluation of speaker attribution against the hand-labelled paragraphs of `eval/speakers-dev.tsv`.
//!
//! Run: `cargo run --release --example eval_speakers [-- --errors[=all]] [-- --text]`
//!
//! Reads the labels (corpus, doc, paragraph, kind, speakers; the rules are in the file's header),
//! loads each labelled article from `../shared/data` (relative to the crate root; the evaluation
//! is skipped when it is absent), splits its body into raw paragraphs exactly as the labels were
//! made (BBC: title line dropped, blank-line separated paragraphs with their lines joined by a
//! space; AllSides: `content_original` split on newlines, empty lines dropped), runs
//! `newsdex::extract::speakers::attribute` on ALL the paragraphs of the article (so coreference
//! sees the whole story, as in `newsdex index`) and compares the `per_passage` entry of the
//! labelled paragraph with the gold names.
//!
//! Scores are paragraph-level micro precision, recall and F1 over (paragraph, person) pairs,
//! separately for `direct` (the paragraph has a quotation) and `indirect` (reported speech only)
//! rows, for the `dev` half (tune on it) and the `test` half (report only). A document goes to
//! `test` when the xxh3 hash of `corpus:doc` is divisible by 3. Names are compared after
//! `newsdex::fold::fold`, ignoring one-letter initials; a one-word name (a surname the article
//! never completes) matches a longer name with the same last word.
//!
//! `--errors` lists the dev errors (doc, paragraph, expected, got); `--errors=all` adds the test
//! half. `--text` prints the paragraph under each error (to the terminal only: the texts belong
//! to their publishers and must not be copied into the project).

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsdex::extract::speakers::attribute;
use newsdex::fold::fold;

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Split {
    Dev,
    Test,
}

impl Split {
    fn name(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }
}

struct Row {
    corpus: String,
    doc: String,
    paragraph: usize,
    kind: String,
    gold: Vec<String>,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    rows: usize,
    gold: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.rows += other.rows;
        self.gold += other.gold;
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    fn prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn split_of(corpus: &str, doc: &str) -> Split {
    let h = xxhash_rust::xxh3::xxh3_64(format!("{corpus}:{doc}").as_bytes());
    if h.is_multiple_of(3) { Split::Test } else { Split::Dev }
}

/// Comparison key: folded, one-letter tokens (initials) dropped.
fn key(name: &str) -> Vec<String> {
    fold(name).split(' ').filter(|t| t.chars().count() > 1).map(str::to_string).collect()
}

fn same_person(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b || (a.len() == 1 || b.len() == 1) && a.last() == b.last()
}

/// Greedy one-to-one matching of predicted against gold names.
fn compare(gold: &[String], pred: &[String]) -> Counts {
    let gold_keys: Vec<Vec<String>> = gold.iter().map(|g| key(g)).collect();
    let mut used = vec![false; gold.len()];
    let mut tp = 0;
    let mut fp = 0;
    // exact matches first, so that a surname-only prediction does not steal a full match
    let pred_keys: Vec<Vec<String>> = pred.iter().map(|p| key(p)).collect();
    let mut matched = vec![false; pred.len()];
    for exact in [true, false] {
        for (pi, pk) in pred_keys.iter().enumerate() {
            if matched[pi] {
                continue;
            }
            if let Some(gi) = (0..gold.len())
                .find(|&gi| !used[gi] && if exact { gold_keys[gi] == *pk } else { same_person(&gold_keys[gi], pk) })
            {
                used[gi] = true;
                matched[pi] = true;
                tp += 1;
            }
        }
    }
    fp += matched.iter().filter(|m| !**m).count();
    let fn_ = used.iter().filter(|u| !**u).count();
    Counts { rows: 1, gold: gold.len(), tp, fp, fn_ }
}

fn read_rows(path: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("corpus\t") {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() == 5, "{}:{}: expected 5 tab-separated fields", path.display(), n + 1);
        assert!(f[3] == "direct" || f[3] == "indirect", "{}:{}: bad kind {:?}", path.display(), n + 1, f[3]);
        rows.push(Row {
            corpus: f[0].to_string(),
            doc: f[1].to_string(),
            paragraph: f[2].parse().unwrap_or_else(|_| panic!("{}:{}: bad paragraph", path.display(), n + 1)),
            kind: f[3].to_string(),
            gold: f[4].split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect(),
        });
    }
    rows
}

/// BBC body paragraphs: UTF-8 (Latin-1 when invalid), title line dropped, blank-line separated,
/// lines of a paragraph trimmed and joined with a space.
fn bbc_paragraphs(path: &Path) -> Option<Vec<String>> {
    let bytes = std::fs::read(path).ok()?;
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n').skip(1) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    Some(paragraphs)
}

/// AllSides body paragraphs: `content_original` split on newlines, trimmed, empty lines dropped.
fn allsides_paragraphs(path: &Path, wanted: &HashSet<&str>) -> HashMap<String, Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Line {
        #[serde(rename = "ID")]
        id: String,
        content_original: Option<String>,
    }
    let mut out = HashMap::new();
    if wanted.is_empty() {
        return out;
    }
    let Ok(file) = std::fs::File::open(path) else { return out };
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    for line in reader.lines() {
        let Ok(line) = line else { break };
        // cheap pre-filter before parsing the whole line
        if !wanted.iter().any(|id| line.contains(id)) {
            continue;
        }
        let Ok(parsed) = serde_json::from_str::<Line>(&line) else { continue };
        if wanted.contains(parsed.id.as_str()) {
            let body = parsed.content_original.unwrap_or_default();
            let paragraphs = body.split('\n').map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
            out.insert(parsed.id, paragraphs);
            if out.len() == wanted.len() {
                break;
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors_all = args.iter().any(|a| a == "--errors=all");
    let errors_dev = errors_all || args.iter().any(|a| a == "--errors");
    let show_text = args.iter().any(|a| a == "--text");

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("../shared/data");
    if !data.is_dir() {
        println!("skipped: ../shared/data not found");
        return;
    }
    let rows = read_rows(&root.join("eval/speakers-dev.tsv"));

    // load the labelled articles
    let mut articles: HashMap<(String, String), Vec<String>> = HashMap::new();
    for row in rows.iter().filter(|r| r.corpus == "bbc") {
        let k = (row.corpus.clone(), row.doc.clone());
        if !articles.contains_key(&k)
            && let Some(ps) = bbc_paragraphs(&data.join("bbc").join(&row.doc))
        {
            articles.insert(k, ps);
        }
    }
    let wanted: HashSet<&str> = rows.iter().filter(|r| r.corpus == "allsides").map(|r| r.doc.as_str()).collect();
    for (id, ps) in allsides_paragraphs(&data.join("allsides/allsides.jsonl.gz"), &wanted) {
        articles.insert(("allsides".to_string(), id), ps);
    }

    // run the extractor once per article, on all its paragraphs
    let mut predictions: HashMap<(String, String), Vec<Vec<String>>> = HashMap::new();
    let mut elapsed = Duration::ZERO;
    let mut n_paragraphs = 0usize;
    for (k, ps) in &articles {
        let refs: Vec<&str> = ps.iter().map(String::as_str).collect();
        let start = Instant::now();
        let attribution = attribute(&refs);
        elapsed += start.elapsed();
        n_paragraphs += refs.len();
        predictions.insert(k.clone(), attribution.per_passage);
    }

    let mut table: HashMap<(Split, String), Counts> = HashMap::new();
    let mut by_corpus: HashMap<(Split, String, String), Counts> = HashMap::new();
    let mut errors: Vec<(Split, &Row, Vec<String>)> = Vec::new();
    let mut missing = 0;
    for row in &rows {
        let split = split_of(&row.corpus, &row.doc);
        let k = (row.corpus.clone(), row.doc.clone());
        let pred = match predictions.get(&k).and_then(|p| p.get(row.paragraph)) {
            Some(p) => p.clone(),
            None => {
                missing += 1;
                eprintln!("missing: {} {} paragraph {}", row.corpus, row.doc, row.paragraph);
                Vec::new()
            }
        };
        let c = compare(&row.gold, &pred);
        table.entry((split, row.kind.clone())).or_default().add(c);
        by_corpus.entry((split, row.kind.clone(), row.corpus.clone())).or_default().add(c);
        if c.fp + c.fn_ > 0 {
            errors.push((split, row, pred));
        }
    }

    println!("speaker attribution, {} labelled paragraphs from {} articles", rows.len(), articles.len());
    println!(
        "paragraph-level micro scores over named speakers (a row with no gold and no prediction counts as correct but adds nothing)"
    );
    println!(
        "{:<5} {:<9} {:<9} {:>5} {:>5} {:>5} {:>4} {:>4}  {:>6} {:>6} {:>6}",
        "split", "kind", "corpus", "rows", "gold", "tp", "fp", "fn", "P", "R", "F1"
    );
    for split in [Split::Dev, Split::Test] {
        for kind in ["direct", "indirect"] {
            for corpus in ["bbc", "allsides", "all"] {
                let c = if corpus == "all" {
                    table.get(&(split, kind.to_string())).copied().unwrap_or_default()
                } else {
                    by_corpus.get(&(split, kind.to_string(), corpus.to_string())).copied().unwrap_or_default()
                };
                let (p, r, f) = c.prf();
                println!(
                    "{:<5} {:<9} {:<9} {:>5} {:>5} {:>5} {:>4} {:>4}  {:>6.3} {:>6.3} {:>6.3}",
                    split.name(),
                    kind,
                    corpus,
                    c.rows,
                    c.gold,
                    c.tp,
                    c.fp,
                    c.fn_,
                    p,
                    r,
                    f
                );
            }
        }
    }
    if missing > 0 {
        println!("{missing} labelled paragraphs could not be found (their gold names count as misses)");
    }
    let secs = elapsed.as_secs_f64();
    println!(
        "speed: {} paragraphs of {} whole articles in {:.1} ms ({:.0} paragraphs/s)",
        n_paragraphs,
        articles.len(),
        secs * 1000.0,
        if secs > 0.0 { n_paragraphs as f64 / secs } else { 0.0 }
    );

    if errors_dev {
        errors.sort_by(|a, b| {
            (a.0, &a.1.corpus, &a.1.doc, a.1.paragraph).cmp(&(b.0, &b.1.corpus, &b.1.doc, b.1.paragraph))
        });
        println!("\nerrors (split, corpus, doc, paragraph, kind: expected -> got)");
        for (split, row, pred) in &errors {
            if *split == Split::Test && !errors_all {
                continue;
            }
            println!(
                "{}\t{}\t{}\t{}\t{}: [{}] -> [{}]",
                split.name(),
                row.corpus,
                row.doc,
                row.paragraph,
                row.kind,
                row.gold.join(" | "),
                pred.join(" | ")
            );
            if show_text
                && let Some(p) =
                    articles.get(&(row.corpus.clone(), row.doc.clone())).and_then(|ps| ps.get(row.paragraph))
            {
                println!("    {p}");
            }
        }
    }
}
