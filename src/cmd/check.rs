//! `broadsheet check`: find what would break the build, and editorial problems,
//! without writing anything.

use clap::{Args, ValueEnum};

use broadsheet::check::{CheckOptions, Severity, check};

use super::clock::ClockArgs;
use super::{SiteArgs, stdout};

const EXAMPLES: &str = "\
Examples:
  broadsheet check
  broadsheet check --root my-news --format json > check.json
  broadsheet check --drafts --future   # as a preview build would see the site

Exit status: 0 when there is no error (warnings are advice), 1 when there is one.";

/// How the report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people: one problem a paragraph, then a table of missing translations.
    Text,
    /// For CI tools: { "errors": [...], "warnings": [...], "translations": [...] }.
    Json,
}

/// Options of `broadsheet check`.
#[derive(Debug, Args)]
#[command(
    long_about = "Check the site without writing anything. Errors are what `build` rejects (settings, front \
                  matter, regions, links to no page, missing images, templates: every page is rendered in \
                  memory), categories site.toml does not declare and relative image addresses. Warnings are \
                  editorial: images without alternative text, articles without a source, headlines over 110 \
                  characters, titles used twice in one language, empty summaries, tags and authors spelt almost \
                  like declared ones, declared regions, tags and categories no article uses or without a name (authors too) in \
                  a language, future-dated articles (with their dates), articles not yet in every language (with \
                  a table), text still marked for translation, and problems in drafts and future-dated articles, \
                  which the build leaves out.",
    after_help = EXAMPLES
)]
pub struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Check as `build --drafts` would: problems in drafts are errors.
    #[arg(long)]
    drafts: bool,
    /// Check as `build --future` would: problems in future-dated articles are errors.
    #[arg(long)]
    future: bool,
    #[command(flatten)]
    clock: ClockArgs,
}

impl CheckArgs {
    /// Prints the report; fails when it holds an error.
    pub fn run(self) -> anyhow::Result<()> {
        let options = CheckOptions {
            root: self.site.root.clone(),
            drafts: self.drafts,
            future: self.future,
            now: self.clock.now(&self.site.root),
        };
        let report = check(&options);
        let text = match self.format {
            Format::Json => report.to_json() + "\n",
            Format::Text if self.site.quiet => report.findings_text(),
            Format::Text => report.to_text(),
        };
        stdout::print(text.as_bytes())?;
        match report.count(Severity::Error) {
            0 => Ok(()),
            1 => anyhow::bail!("check found 1 error"),
            n => anyhow::bail!("check found {n} errors"),
        }
    }
}
