//! The `newsdex` command: parses the command line and hands over to one module per
//! subcommand. All the work is done by the `newsdex` library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
