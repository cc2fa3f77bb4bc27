//! The parallel ingest → extract pipeline shared by `index` and `extract`:
//! one thread walks the inputs, all cores parse, clean and enrich, and the caller
//! consumes the results on its own thread (the one that owns the index writer),
//! **in input order**: which of two identical articles is kept, and the order of
//! `extract`'s output, never depend on thread timing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use crossbeam_channel::bounded;
use rayon::prelude::*;

use crate::article::Origin;
use crate::article::{Article, EnrichedArticle};
use crate::extract::enrich;
use crate::ingest::{FieldMap, Problem, Record, SkipReason, finish, parse_record, read_records};

/// What the pipeline hands to its consumer.
pub enum Event {
    Article(Box<EnrichedArticle>),
    /// An article the caller's filter found already indexed as it is: not enriched.
    Unchanged(Box<Article>),
    /// Nothing arrived for a while (a slow pipe): a chance to commit what is pending.
    Idle,
    Problem(Problem),
}

/// How many records or results may wait between stages.
const QUEUE: usize = 1024;
/// How many records may be in flight between the reader and the in-order consumer: bounds
/// the results held back while an earlier, slower record is still being processed.
const WINDOW: usize = 4096;

/// How long the consumer waits for input before it is told the pipeline is idle.
const IDLE: std::time::Duration = std::time::Duration::from_secs(1);

/// The events of one input record, numbered in reading order.
struct Batch {
    seq: u64,
    events: Vec<Event>,
}

/// Runs the pipeline over `inputs`, calling `consume` on this thread for every event, in
/// input order. Articles for which `is_unchanged` holds are passed on without extraction. `consume` returns false to stop early (e.g. on Ctrl-C); the pipeline then
/// drains quickly.
pub fn run(
    inputs: &[PathBuf],
    fields: &FieldMap,
    is_unchanged: impl Fn(&Article) -> bool + Sync + Send,
    consume: impl FnMut(Event) -> bool,
) {
    run_with(inputs, fields, is_unchanged, enrich, consume);
}

/// [`run`] with another enrichment step than [`enrich`]: the benchmark of indexing without
/// extraction (`examples/index_without_extraction.rs`) passes one that only splits passages.
pub fn run_with(
    inputs: &[PathBuf],
    fields: &FieldMap,
    is_unchanged: impl Fn(&Article) -> bool + Sync + Send,
    enrich: impl Fn(Article) -> EnrichedArticle + Sync + Send,
    mut consume: impl FnMut(Event) -> bool,
) {
    let (record_tx, record_rx) = bounded::<(u64, Record)>(QUEUE);
    let (batch_tx, batch_rx) = bounded::<Batch>(QUEUE);
    // A permit per record in flight; the consumer returns one per record it has emitted.
    let (permit_tx, permit_rx) = bounded::<()>(WINDOW);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let reader_batches = batch_tx.clone();
        let stop = &stop;
        scope.spawn(move || {
            // Records and reading problems share one numbering.
            let seq = std::cell::Cell::new(0u64);
            let next = || {
                let n = seq.get();
                seq.set(n + 1);
                permit_tx.send(()).ok().map(|_| n)
            };
            read_records(
                inputs,
                |record| !stop.load(Ordering::Relaxed) && next().is_some_and(|n| record_tx.send((n, record)).is_ok()),
                |problem| {
                    if let Some(n) = next() {
                        let _ = reader_batches.send(Batch { seq: n, events: vec![Event::Problem(problem)] });
                    }
                },
            );
        });
        scope.spawn(move || {
            record_rx.into_iter().par_bridge().for_each(|(seq, record)| {
                let events = if stop.load(Ordering::Relaxed) {
                    Vec::new()
                } else {
                    process(record, fields, &is_unchanged, &enrich)
                };
                let _ = batch_tx.send(Batch { seq, events });
            });
        });
        let mut pending: BTreeMap<u64, Vec<Event>> = BTreeMap::new();
        let mut next_seq = 0u64;
        loop {
            let batch = match batch_rx.recv_timeout(IDLE) {
                Ok(batch) => batch,
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                    if !stop.load(Ordering::Relaxed) && !consume(Event::Idle) {
                        stop.store(true, Ordering::Relaxed);
                    }
                    continue;
                }
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
            };
            pending.insert(batch.seq, batch.events);
            while let Some(events) = pending.remove(&next_seq) {
                for event in events {
                    if !stop.load(Ordering::Relaxed) && !consume(event) {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
                next_seq += 1;
                let _ = permit_rx.recv();
            }
        }
    });
}

/// Parses, cleans and enriches one record. A bug that panics on some input costs that
/// record only: it is reported like any other unreadable input and the run goes on.
fn process(
    record: Record,
    fields: &FieldMap,
    is_unchanged: &(impl Fn(&Article) -> bool + Sync),
    enrich: &(impl Fn(Article) -> EnrichedArticle + Sync),
) -> Vec<Event> {
    let origin: Origin = record.origin.clone();
    let work = std::panic::AssertUnwindSafe(|| {
        let mut events = Vec::new();
        for parsed in parse_record(record, fields) {
            match parsed.and_then(|(origin, raw)| finish(origin, raw)) {
                Ok((article, warning)) => {
                    events.extend(warning.map(Event::Problem));
                    events.push(if is_unchanged(&article) {
                        Event::Unchanged(Box::new(article))
                    } else {
                        Event::Article(Box::new(enrich(article)))
                    });
                }
                Err(problem) => events.push(Event::Problem(problem)),
            }
        }
        events
    });
    std::panic::catch_unwind(work).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        vec![Event::Problem(Problem::skip(
            origin,
            SkipReason::InternalError,
            format!("newsdex bug, please report: {message}"),
        ))]
    })
}
