//! The parallel ingest → extract pipeline shared by `index` and `extract`:
//! one thread walks the inputs, all cores parse, clean and enrich, and the caller
//! consumes enriched articles on its own thread (the one that owns the index writer).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use crossbeam_channel::bounded;
use rayon::prelude::*;

use crate::article::EnrichedArticle;
use crate::article::Origin;
use crate::extract::enrich;
use crate::ingest::{FieldMap, Problem, Record, SkipReason, finish, parse_record, read_records};

/// What the pipeline hands to its consumer, in no fixed order.
pub enum Event {
    Article(Box<EnrichedArticle>),
    Problem(Problem),
}

/// How many records or results may wait between stages: bounds memory whatever the corpus size.
const QUEUE: usize = 1024;

/// Runs the pipeline over `inputs`, calling `consume` on this thread for every event.
/// `consume` returns false to stop early (e.g. on Ctrl-C); the pipeline then drains quickly.
pub fn run(inputs: &[PathBuf], fields: &FieldMap, mut consume: impl FnMut(Event) -> bool) {
    let (record_tx, record_rx) = bounded(QUEUE);
    let (event_tx, event_rx) = bounded::<Event>(QUEUE);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let reader_events = event_tx.clone();
        let stop_ref = &stop;
        scope.spawn(move || {
            read_records(
                inputs,
                |record| !stop_ref.load(Ordering::Relaxed) && record_tx.send(record).is_ok(),
                |problem| {
                    let _ = reader_events.send(Event::Problem(problem));
                },
            );
        });
        scope.spawn(move || {
            record_rx.into_iter().par_bridge().for_each(|record| {
                if stop_ref.load(Ordering::Relaxed) {
                    return;
                }
                for event in process(record, fields) {
                    let _ = event_tx.send(event);
                }
            });
        });
        for event in event_rx {
            if !stop.load(Ordering::Relaxed) && !consume(event) {
                stop.store(true, Ordering::Relaxed);
            }
        }
    });
}

/// Parses, cleans and enriches one record. A bug that panics on some input costs that
/// record only: it is reported like any other unreadable input and the run goes on.
fn process(record: Record, fields: &FieldMap) -> Vec<Event> {
    let origin: Origin = record.origin.clone();
    let work = std::panic::AssertUnwindSafe(|| {
        let mut events = Vec::new();
        for parsed in parse_record(record, fields) {
            match parsed.and_then(|(origin, raw)| finish(origin, raw)) {
                Ok((article, warning)) => {
                    events.extend(warning.map(Event::Problem));
                    events.push(Event::Article(Box::new(enrich(article))));
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
