//! `broadsheet init`: create a new site, ready to build.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;

use broadsheet::dates::Moment;
use broadsheet::scaffold::site::starter_files;
use broadsheet::scaffold::{ScaffoldError, create_file};

use super::clock::ClockArgs;

const EXAMPLES: &str = "\
Examples:
  broadsheet init my-news
  cd my-news && broadsheet build
  broadsheet init . --force      # in a folder that already holds files";

/// Options of `broadsheet init`.
#[derive(Debug, Args)]
#[command(
    long_about = "Create a new site in DIR: site.toml, the default theme (in themes/default/, to change at will; \
                  without that folder the site uses the copy built into broadsheet), an example article, an \
                  about page and an illustration. The site builds as it is.\n\n\
                  DIR is created when missing. A folder that holds anything but hidden files (such as .git) \
                  is refused unless --force; even then, files already there are kept, never replaced.",
    after_help = EXAMPLES
)]
pub struct InitArgs {
    /// The folder of the new site.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Create the site in a folder that is not empty (its files are kept).
    #[arg(long)]
    force: bool,
    /// Print only errors and warnings.
    #[arg(long, short = 'q')]
    quiet: bool,
    #[command(flatten)]
    clock: ClockArgs,
}

impl InitArgs {
    /// Writes the starter site and says what to do next.
    pub fn run(self) -> anyhow::Result<()> {
        if !self.force && has_visible_files(&self.dir)? {
            anyhow::bail!(
                "{} is not empty; choose a new folder, or pass --force to add a site to it (its files are kept)",
                self.dir.display()
            );
        }
        // The new site has no settings yet: a date alone is taken in UTC, as the starter is.
        let now = self.clock.now(&self.dir);
        let files = starter_files(&Moment { timestamp: now, offset: jiff::tz::Offset::UTC })?;
        let mut kept = Vec::new();
        for file in &files {
            match create_file(&self.dir.join(&file.path), &file.bytes) {
                Ok(()) => {}
                Err(ScaffoldError::Exists(_)) => kept.push(file.path.display().to_string()),
                Err(e) => return Err(e.into()),
            }
        }
        if !self.quiet {
            println!("{}", summary(&self.dir, files.len() - kept.len(), &kept));
        }
        Ok(())
    }
}

/// True when `dir` holds a file or folder whose name does not start with a dot.
fn has_visible_files(dir: &Path) -> anyhow::Result<bool> {
    if !dir.exists() {
        return Ok(false);
    }
    let entries = fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        if !entry.file_name().to_string_lossy().starts_with('.') {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Files named in the summary, at most, before "and N more".
const LISTED: usize = 5;

fn summary(dir: &Path, written: usize, kept: &[String]) -> String {
    let mut text = format!("Created a site in {}: {written} files written.", dir.display());
    if !kept.is_empty() {
        let mut listed = kept.iter().take(LISTED).cloned().collect::<Vec<_>>().join(", ");
        if kept.len() > LISTED {
            listed.push_str(&format!(" and {} more", kept.len() - LISTED));
        }
        text.push_str(&format!("\nKept the {} files already there: {listed}.", kept.len()));
    }
    let cd = if dir == Path::new(".") { String::new() } else { format!("cd {} && ", dir.display()) };
    text.push_str(&format!("\nNext: {cd}broadsheet build, then broadsheet new \"Your first headline\"."));
    text
}
