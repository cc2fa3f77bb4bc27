//! Evaluation of country tagging against the Reuters-21578 `places` labels.
//!
//! Run: `cargo run --release --example eval_countries [-- --errors] [-- --dump FILE] [-- --without-datelines]`
//!
//! Reads `../shared/data/reuters21578/reuters-dev.jsonl` (relative to the crate root; the
//! evaluation is skipped when it is absent) line by line through newsdex's own ingest
//! (`ingest::json::parse_object` with the default field map, then `ingest::finish`) and
//! `extract::enrich`, exactly as `newsdex index` does. The prediction is the article's
//! `about` list, each code converted with `code_in_year` for the article's year and mapped
//! to a Reuters place code with `data/reuters-places.tsv` (codes with no Reuters
//! equivalent stay as `iso:XX` and can only be false positives).
//!
//! Scores are article-level micro precision, recall and F1 over (article, place) pairs,
//! over all places and with `usa` left out. The main figures count every article (the
//! predictions for an article without gold places are all false positives); the same
//! figures over labelled articles only follow. The file is split by id parity into a tuning half (even ids) and a check
//! half (odd ids) so that rules tuned on one half can be checked on the other.
//!
//! Last, over the stories Reuters filed twice, it prints how well the `places` of the two
//! copies agree with each other and the best F1 any tagger could reach on them: a ceiling
//! set by the labels, not by newsdex.
//!
//! `--errors` prints the largest false-positive and false-negative classes by place.
//! `--without-datelines` drops each story's dateline before extraction, to measure `about`
//! as it works on archives that have none (BBC, AllSides, most scraped pages).
//! `--dump FILE` writes one TSV line per article (half, line, id, gold, predicted, dateline,
//! title, dateline country, mention counts, passage countries)
//! for ad-hoc analysis.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use newsdex::article::Origin;
use newsdex::extract::{countries, enrich};
use newsdex::ingest::{FieldMap, finish, json::parse_object};
use rayon::prelude::*;

const PLACES_TSV: &str = include_str!("../data/reuters-places.tsv");

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
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
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

struct Outcome {
    line: usize,
    id: String,
    tuning: bool,
    gold: BTreeSet<String>,
    pred: BTreeSet<String>,
    dateline: String,
    title: String,
    /// Diagnostics for the dump: dateline country and mention counts.
    dateline_code: String,
    mention_counts: String,
    passages: String,
    /// The body's first [`REPEAT_KEY_CHARS`] characters, whitespace collapsed: stories that
    /// share it are one story filed twice (see [`label_agreement`]).
    repeat_key: String,
}

/// How much of a body two filings of one story share, at least.
const REPEAT_KEY_CHARS: usize = 300;

fn compare(gold: &BTreeSet<String>, pred: &BTreeSet<String>, skip_usa: bool) -> Counts {
    let keep = |p: &&String| !(skip_usa && p.as_str() == "usa");
    let tp = pred.iter().filter(keep).filter(|p| gold.contains(*p)).count();
    let fp = pred.iter().filter(keep).filter(|p| !gold.contains(*p)).count();
    let fn_ = gold.iter().filter(keep).filter(|g| !pred.contains(*g)).count();
    Counts { tp, fp, fn_ }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let without_datelines = args.iter().any(|a| a == "--without-datelines");
    let dump = args.iter().position(|a| a == "--dump").and_then(|i| args.get(i + 1)).map(PathBuf::from);

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("../shared/data/reuters21578/reuters-dev.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: {} not found", path.display());
        return;
    };

    // ISO code (as newsdex emits it, after code_in_year) -> Reuters place code.
    let mut to_reuters: HashMap<&str, &str> = HashMap::new();
    for line in PLACES_TSV.lines().filter(|l| !l.starts_with('#')).skip(1) {
        if let Some((reuters, iso)) = line.split_once('\t') {
            to_reuters.entry(iso.trim()).or_insert(reuters.trim());
        }
    }

    let fields = FieldMap::default();
    let lines: Vec<(usize, &str)> =
        text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, l)| (i + 1, l)).collect();
    let results: Vec<Result<Outcome, String>> = lines
        .par_iter()
        .map(|&(lineno, line)| {
            let value: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("line {lineno}: {e}"))?;
            let gold: BTreeSet<String> = value["places"]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str()).map(str::to_string).collect())
                .unwrap_or_default();
            let repeat_key: String = value["body"]
                .as_str()
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(REPEAT_KEY_CHARS)
                .collect();
            let raw = parse_object(line, &fields).map_err(|e| format!("line {lineno}: {e}"))?;
            let origin = Origin { path: path.display().to_string(), line: Some(lineno as u64) };
            let (mut article, _warning) = finish(origin, raw).map_err(|p| p.to_string())?;
            if without_datelines {
                article.dateline = None;
            }
            let year = article.date.map(|d| chrono::Datelike::year(&d));
            let id = article.id.clone();
            let number: u64 = id.rsplit('-').next().and_then(|n| n.parse().ok()).unwrap_or(lineno as u64);
            let dateline = article.dateline.clone().unwrap_or_default();
            let title = article.title.clone();
            let dateline_code = article.dateline.as_deref().and_then(countries::dateline_country).unwrap_or("");
            let enriched = enrich(article);
            let passages: Vec<String> = enriched.passages.iter().map(|p| p.countries.join(",")).collect();
            let in_title: Vec<&str> = countries::mentions(&enriched.article.title).iter().map(|m| m.code).collect();
            let mention_counts: Vec<String> = enriched
                .countries
                .iter()
                .map(|c| {
                    let first = enriched.passages.iter().position(|p| p.countries.contains(&c.code)).unwrap_or(0);
                    let spread = enriched.passages.iter().filter(|p| p.countries.contains(&c.code)).count();
                    let title = u8::from(in_title.contains(&c.code));
                    format!("{}:{}:{title}:{first}:{spread}:{}", c.code, c.mentions, enriched.passages.len())
                })
                .collect();
            let pred: BTreeSet<String> = enriched
                .about
                .iter()
                .map(|code| {
                    let code = year.map_or(*code, |y| countries::code_in_year(code, y));
                    to_reuters.get(code).map_or_else(|| format!("iso:{code}"), |r| r.to_string())
                })
                .collect();
            Ok(Outcome {
                line: lineno,
                id,
                tuning: number.is_multiple_of(2),
                gold,
                pred,
                dateline,
                title,
                dateline_code: dateline_code.to_string(),
                mention_counts: mention_counts.join(","),
                passages: passages.join("|"),
                repeat_key,
            })
        })
        .collect();

    let mut outcomes = Vec::new();
    let mut failures = 0;
    for r in results {
        match r {
            Ok(o) => outcomes.push(o),
            Err(e) => {
                failures += 1;
                if failures <= 5 {
                    eprintln!("not evaluated: {e}");
                }
            }
        }
    }
    let labelled = outcomes.iter().filter(|o| !o.gold.is_empty()).count();
    println!(
        "{}: {} articles read ({} with gold places, {} without), {} unreadable",
        path.display(),
        outcomes.len(),
        labelled,
        outcomes.len() - labelled,
        failures
    );
    // Main figures over every article (an article without gold places makes every
    // prediction a false positive), the convention the targets were set in; then the
    // same over labelled articles only.
    for (heading, only_labelled) in [
        ("all articles (unlabelled ones count their predictions as false positives)", false),
        ("labelled articles only", true),
    ] {
        println!("\n{heading}");
        println!("{:<22} {:>7} {:>7} {:>7}   {:>7} {:>7} {:>7}", "", "P", "R", "F1", "P-usa", "R-usa", "F1-usa");
        let halves: [(&str, Option<bool>); 3] =
            [("tuning (even ids)", Some(true)), ("check (odd ids)", Some(false)), ("total", None)];
        for (name, half) in halves {
            let mut all = Counts::default();
            let mut no_usa = Counts::default();
            let mut n = 0;
            for o in outcomes
                .iter()
                .filter(|o| half.is_none_or(|h| o.tuning == h))
                .filter(|o| !only_labelled || !o.gold.is_empty())
            {
                all.add(compare(&o.gold, &o.pred, false));
                no_usa.add(compare(&o.gold, &o.pred, true));
                n += 1;
            }
            let (p, r, f) = all.prf();
            let (pu, ru, fu) = no_usa.prf();
            println!(
                "{:<22} {p:>7.4} {r:>7.4} {f:>7.4}   {pu:>7.4} {ru:>7.4} {fu:>7.4}   ({n} articles)",
                format!("{name}:")
            );
        }
    }

    if show_errors {
        let mut fps: HashMap<&str, usize> = HashMap::new();
        let mut fns: HashMap<&str, usize> = HashMap::new();
        let mut tps: HashMap<&str, usize> = HashMap::new();
        for o in &outcomes {
            for p in &o.pred {
                if o.gold.contains(p) {
                    *tps.entry(p).or_default() += 1;
                } else {
                    *fps.entry(p).or_default() += 1;
                }
            }
            for g in o.gold.iter().filter(|g| !o.pred.contains(*g)) {
                *fns.entry(g).or_default() += 1;
            }
        }
        for (name, map) in [("false positives", &fps), ("false negatives", &fns)] {
            let mut v: Vec<(&str, usize)> = map.iter().map(|(k, v)| (*k, *v)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let total: usize = v.iter().map(|x| x.1).sum();
            println!("\n{name} ({total}), largest classes (place: count, true positives):");
            for (place, count) in v.iter().take(25) {
                println!("  {place:<24} {count:>5}   tp {}", tps.get(place).copied().unwrap_or(0));
            }
        }
    }

    label_agreement(&outcomes);

    if let Some(dump) = dump {
        let mut out = String::new();
        for o in &outcomes {
            let join = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(",");
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                if o.tuning { "tune" } else { "check" },
                o.line,
                o.id,
                join(&o.gold),
                join(&o.pred),
                o.dateline.replace('\t', " "),
                o.title.replace('\t', " "),
                o.dateline_code,
                o.mention_counts,
                o.passages
            ));
        }
        if let Err(e) = std::fs::write(&dump, out) {
            eprintln!("cannot write {}: {e}", dump.display());
            std::process::exit(1);
        }
    }
}

/// How far any tagger can get: Reuters filed some stories twice, and the two copies do not
/// always carry the same `places`. Over those pairs this prints how well the labels agree
/// with themselves, the best F1 any tagger can reach on them (it answers both copies alike, so
/// each place on one copy only is an error against one of them, and a place on both copies
/// is found twice at best), and newsdex's own F1 on the same stories.
fn label_agreement(outcomes: &[Outcome]) {
    let mut copies: HashMap<&str, Vec<&Outcome>> = HashMap::new();
    for o in outcomes.iter().filter(|o| o.repeat_key.chars().count() == REPEAT_KEY_CHARS) {
        copies.entry(o.repeat_key.as_str()).or_default().push(o);
    }
    let mut groups: Vec<Vec<&Outcome>> = copies.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_by_key(|g| g[0].line);
    let pairs: Vec<(&Outcome, &Outcome)> = groups
        .iter()
        .flat_map(|g| g.iter().enumerate().flat_map(|(i, a)| g[i + 1..].iter().map(move |b| (*a, *b))))
        .collect();
    let in_pairs: Vec<&Outcome> = groups.iter().flatten().copied().collect();
    println!(
        "\nthe same story filed twice (first {REPEAT_KEY_CHARS} characters of the body alike): {} pairs, {} stories",
        pairs.len(),
        in_pairs.len()
    );
    for skip_usa in [false, true] {
        let (mut agree, mut best, mut ours) = (Counts::default(), Counts::default(), Counts::default());
        for (a, b) in &pairs {
            let between = compare(&a.gold, &b.gold, skip_usa);
            agree.add(between);
            best.add(Counts { tp: 2 * between.tp, fp: 0, fn_: between.fp + between.fn_ });
        }
        for o in &in_pairs {
            ours.add(compare(&o.gold, &o.pred, skip_usa));
        }
        println!(
            "  {:<14} labels agree F1 {:.4}; best any tagger can do {:.4}; newsdex {:.4}",
            if skip_usa { "without usa:" } else { "all places:" },
            agree.prf().2,
            best.prf().2,
            ours.prf().2
        );
    }
}
