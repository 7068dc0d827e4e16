//! `broadsheet completions`: the shell completion script, printed for the shell to load.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, stdout};

const EXAMPLES: &str = "\
Examples:
  broadsheet completions bash > ~/.local/share/bash-completion/completions/broadsheet
  broadsheet completions zsh > ~/.zfunc/_broadsheet     # with fpath+=(~/.zfunc) in ~/.zshrc
  broadsheet completions fish > ~/.config/fish/completions/broadsheet.fish";

/// Options of `broadsheet completions`.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct CompletionsArgs {
    /// The shell to complete commands in.
    #[arg(value_enum)]
    shell: Shell,
}

impl CompletionsArgs {
    /// Prints the script to standard output.
    pub fn run(self) -> anyhow::Result<()> {
        let mut script = Vec::new();
        clap_complete::generate(self.shell, &mut Cli::command(), "broadsheet", &mut script);
        stdout::print(&script)
    }
}
