//! Links the `newsdex` binary as a position-dependent executable on Linux.
//!
//! Why: every search is a fresh process, and a position-independent one first has its
//! pointers patched by the dynamic loader (42,772 relocations, one per pointer in the
//! binary's static tables, vtables and word lists), each write a copy of a page. Linked
//! at a fixed address, the binary has three: in alternating runs of the benchmark's 63
//! queries on AllSides (`bench/ab.py`), the median fresh-process search went from 9.8-9.9
//! to 7.0-7.4 ms.
//! The cost is that the binary's own code is not placed at a random address (libraries,
//! stack and heap still are). Set `NEWSDEX_PIE=1` when building to keep the default.

fn main() {
    println!("cargo::rerun-if-env-changed=NEWSDEX_PIE");
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if linux_gnu && std::env::var_os("NEWSDEX_PIE").is_none() {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
