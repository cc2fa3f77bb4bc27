#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::ingest::Format;

fuzz_target!(|data: &[u8]| newsdex_fuzz::read_record(Format::JsonLines, data));
