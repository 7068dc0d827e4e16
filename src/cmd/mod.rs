//! The command line: one file per subcommand, each with its `Args` and `run`.

pub mod build;
pub mod serve;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A fast, multilingual static site generator for international-news blogs.
#[derive(Debug, Parser)]
#[command(name = "broadsheet", version, about, long_about = None)]
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
