//! Shared by the fuzz targets: one record of bytes through the whole reading path,
//! exactly as `newsdex index` runs it (parse, clean, id, passages, countries, speakers),
//! but without the pipeline's `catch_unwind`, so that any panic is a finding.

use newsdex::article::Origin;
use newsdex::extract::enrich;
use newsdex::ingest::{FieldMap, Format, Record, finish, parse_record};

/// Reads `bytes` as a file of `format` and enriches every article found in it.
pub fn read_record(format: Format, bytes: &[u8]) {
    let record = Record { origin: Origin { path: "fuzz".into(), line: None }, format, bytes: bytes.to_vec() };
    for parsed in parse_record(record, &FieldMap::default()) {
        if let Ok((origin, raw)) = parsed
            && let Ok((article, _warning)) = finish(origin, raw)
        {
            let enriched = enrich(article);
            for passage in &enriched.passages {
                assert!(!passage.text.trim().is_empty(), "empty passage");
            }
        }
    }
}
