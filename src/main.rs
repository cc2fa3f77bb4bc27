//! The `newsdex` command: parses the command line and hands over to one module per
//! subcommand. All the work is done by the `newsdex` library.

mod cli;

/// mimalloc rather than the system's allocator: extraction makes and drops millions of
/// small strings, and Tantivy's writer takes and frees its memory in 1 MiB pages at each
/// commit. On AllSides, `index` took a quarter less CPU than with glibc's allocator (see
/// README, Performance), and what a commit frees still goes back to the system.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
