//! The `broadsheet` command: parse arguments, set up logging, run, report once.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    init_logging();
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            print_error(&e);
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr, warnings and up by default; `BROADSHEET_LOG=debug` for more.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("BROADSHEET_LOG").unwrap_or_else(|_| "warn".into());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .with_target(false)
        .with_ansi(cmd::colours_on_stderr())
        .init();
}

/// Prints the error and its causes, each on its own line.
fn print_error(e: &anyhow::Error) {
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        for line in cause.to_string().lines() {
            eprintln!("  {line}");
        }
    }
}
