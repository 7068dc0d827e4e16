//! The command line: one file per subcommand, each with its `Args` and `run`.

pub mod build;
pub mod check;
mod clock;
pub mod completions;
pub mod init;
pub mod list;
pub mod man;
pub mod new;
mod progress_bar;
pub mod serve;
mod stdout;

use std::path::PathBuf;

use std::io::IsTerminal;

use broadsheet::diagnostics::Severity;
use clap::{Args, Parser, Subcommand};

/// Colours only on a terminal, and never when `NO_COLOR` is set to anything.
pub fn colours_on_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A problem's line for standard error: its `error[kind]` or `warning[kind]` tag in
/// bold red or yellow on a terminal that takes colours, as it is elsewhere.
pub fn painted(line: String, severity: Severity) -> String {
    let Some(end) = line.find(']').filter(|_| colours_on_stderr()) else { return line };
    let colour = match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
    };
    format!("\x1b[{colour}m{}\x1b[0m{}", &line[..=end], &line[end + 1..])
}

/// An editor's day, for `broadsheet --help`.
const WORKFLOW: &str = "\
Examples:
  broadsheet init my-news                      # a new site, ready to build
  broadsheet new \"Tokyo and Seoul meet again\"  # a new article, as a draft
  broadsheet check                             # mistakes, before CI finds them
  broadsheet list                              # drafts, scheduled and expired articles
  broadsheet build --drafts                    # preview, drafts included
  broadsheet build                             # the site to publish, in public/

`broadsheet <command> --help` explains each command; `broadsheet man` prints the manual page.";

/// `broadsheet --version`: the version and the commit built.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("BROADSHEET_COMMIT"), ")");

/// A fast, multilingual static site generator for international-news blogs.
#[derive(Debug, Parser)]
#[command(name = "broadsheet", version = VERSION, about, long_about = None, after_help = WORKFLOW)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build(build::BuildArgs),
    /// Serve the site for preview, rebuilding and reloading pages on every save.
    Serve(serve::ServeArgs),
    /// Start an article (or the translation of one) as a draft.
    New(new::NewArgs),
    /// Create a new site, ready to build.
    Init(init::InitArgs),
    /// Find what would break the build, and editorial problems, without writing.
    Check(check::CheckArgs),
    /// List the drafts, scheduled and expired articles that a build leaves out.
    List(list::ListArgs),
    /// Print the shell completion script for bash, zsh, fish, elvish or PowerShell.
    Completions(completions::CompletionsArgs),
    /// Print the manual page of broadsheet or of one command (roff).
    Man(man::ManArgs),
}

/// Options every command shares.
#[derive(Debug, Clone, Args)]
pub struct SiteArgs {
    /// The site folder, holding site.toml.
    #[arg(long, short = 'r', value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Print only errors and warnings.
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
}

impl Cli {
    /// Runs the chosen command.
    pub fn run(self) -> anyhow::Result<()> {
        match self.command {
            Command::Build(args) => args.run(),
            Command::Serve(args) => args.run(),
            Command::New(args) => args.run(),
            Command::Init(args) => args.run(),
            Command::Check(args) => args.run(),
            Command::List(args) => args.run(),
            Command::Completions(args) => args.run(),
            Command::Man(args) => args.run(),
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
