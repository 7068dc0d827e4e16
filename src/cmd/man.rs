//! `broadsheet man`: the manual pages, generated from the same definitions as `--help`.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, CommandFactory};
use clap_mangen::Man;

use super::{Cli, stdout};

const EXAMPLES: &str = "\
Examples:
  broadsheet man | man -l -
  broadsheet man new | man -l -
  broadsheet man --out-dir /usr/local/share/man/man1   # broadsheet.1, broadsheet-new.1...";

/// The footer of every page.
const SOURCE: &str = concat!("broadsheet ", env!("CARGO_PKG_VERSION"));

/// Options of `broadsheet man`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct ManArgs {
    /// The command whose page to print (default: the page of broadsheet itself).
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
    /// Write every page into this folder instead of printing one.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    out_dir: Option<PathBuf>,
}

impl ManArgs {
    /// Prints one page in roff, or writes them all.
    pub fn run(self) -> anyhow::Result<()> {
        let pages = pages();
        if let Some(dir) = &self.out_dir {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            for page in &pages {
                page.generate_to(dir).with_context(|| format!("cannot write {}", page.get_filename()))?;
            }
            return Ok(());
        }
        let wanted = match &self.command {
            None => "broadsheet.1".to_string(),
            Some(name) => format!("broadsheet-{name}.1"),
        };
        let Some(page) = pages.iter().find(|p| p.get_filename() == wanted) else {
            let names: Vec<String> =
                pages.iter().skip(1).map(|p| p.get_filename().replace("broadsheet-", "").replace(".1", "")).collect();
            anyhow::bail!("no command \"{}\" (commands: {})", self.command.unwrap_or_default(), names.join(", "));
        };
        let mut roff = Vec::new();
        page.render(&mut roff).context("cannot render the page")?;
        stdout::print(&roff)
    }
}

/// Every manual page: broadsheet's own, then one per command.
fn pages() -> Vec<Man> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    let commands: Vec<clap::Command> = cli.get_subcommands().filter(|c| !c.is_hide_set()).cloned().collect();
    std::iter::once(cli).chain(commands).map(|c| Man::new(c).source(SOURCE)).collect()
}
