//! `broadsheet build`: compile the site into static files.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use broadsheet::build::{BuildOptions, BuildReport};
use broadsheet::diagnostics::Severity;
use broadsheet::pipeline::{self, BuildError};
use broadsheet::theme::missing_strings_warnings;

use super::SiteArgs;
use super::clock::ClockArgs;
use super::progress_bar::Bar;

/// Options of `broadsheet build`.
#[derive(Debug, Args)]
#[command(
    after_help = "When nothing the build reads has changed since the last build into the same output, it prints \"Up to date\" and writes nothing. --force builds in full all the same.\n\nExamples:\n  broadsheet build\n  broadsheet build --root my-site --output /tmp/out --base-url https://news.example.org\n  broadsheet build --drafts --future"
)]
pub struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The output folder; default: public/ in the site folder.
    #[arg(long, short = 'o', value_name = "DIR")]
    output: Option<PathBuf>,
    /// Replace site.toml's base_url (e.g. for a preview deploy).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include articles and pages marked draft = true.
    #[arg(long)]
    drafts: bool,
    /// Include articles dated in the future.
    #[arg(long)]
    future: bool,
    #[command(flatten)]
    clock: ClockArgs,
    /// Build in full even when nothing changed since the last build (still writing
    /// only the files whose bytes changed).
    #[arg(long)]
    force: bool,
    /// Replace the output folder even when it holds files that no build wrote
    /// (they are deleted); without it such a folder is refused.
    #[arg(long)]
    replace_output: bool,
}

impl BuildArgs {
    /// Builds and prints the summary line.
    pub fn run(self) -> anyhow::Result<()> {
        let output = self.output.unwrap_or_else(|| self.site.root.join("public"));
        let options = BuildOptions {
            root: self.site.root.clone(),
            output,
            base_url: self.base_url,
            drafts: self.drafts,
            future: self.future,
            now: self.clock.now(&self.site.root),
            force: self.force,
            replace_output: self.replace_output,
        };
        let built = {
            let bar = Bar::on_stderr(self.site.quiet);
            pipeline::build(&options, &bar)
        };
        let report = match built {
            Ok(report) => report,
            Err(BuildError::Content(problems)) => {
                for problem in &problems.0 {
                    eprintln!("{}", problem.tagged(Severity::Error));
                }
                anyhow::bail!("build failed: {}", count(problems.0.len()));
            }
            Err(e) => return Err(e).context("build failed"),
        };
        warn_missing_strings(&report);
        if !self.site.quiet {
            println!("{}", summary_line(&report));
        }
        Ok(())
    }
}

/// The build's warnings, in the form `check` prints them.
fn warn_missing_strings(report: &BuildReport) {
    let missing = report.missing_strings.iter().map(|(lang, keys)| (lang, keys));
    for warning in missing_strings_warnings(&report.theme, missing) {
        eprintln!("{}", warning.tagged(Severity::Warning));
    }
}

/// `1 problem found`, `3 problems found`.
fn count(problems: usize) -> String {
    if problems == 1 { "1 problem found".to_string() } else { format!("{problems} problems found") }
}

/// `Built 12 articles, 2 pages, 40 terms: 96 files (96 written) in 85 ms`, or
/// `Up to date: 12 articles, …` when nothing had changed since the last build.
fn summary_line(r: &BuildReport) -> String {
    format!(
        "{} {} articles, {} pages, {} terms: {} files ({} written) in {} ms",
        if r.up_to_date { "Up to date:" } else { "Built" },
        r.articles,
        r.pages,
        r.terms,
        r.files,
        r.written,
        r.elapsed.as_millis()
    )
}
