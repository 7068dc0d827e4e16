//! `broadsheet list`: the articles a build at the clock leaves out (drafts, articles
//! scheduled after it) or off its lists (expired ones), so that an editor sees what
//! is waiting, and until when, without building.

use anyhow::Context;
use clap::{Args, ValueEnum};
use serde::Serialize;

use broadsheet::build::BuildOptions;
use broadsheet::dates::{Moment, SiteTime};
use broadsheet::model::{LeftOut, LeftOutReason, Site};
use broadsheet::pipeline;

use super::clock::ClockArgs;
use super::{SiteArgs, stdout};

const EXAMPLES: &str = "\
Examples:
  broadsheet list
  broadsheet list --future --now 2026-12-01   # what is still scheduled on that day
  broadsheet list --drafts --format json > drafts.json

Exit status: 0, whether anything is left out or not; 1 when the site cannot be read.";

/// How the list is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people: one article a line (status, date, language, file, title).
    Text,
    /// For tools: [{ "file", "lang", "title", "status", "date", "due" }, ...].
    Json,
}

/// Options of `broadsheet list`.
#[derive(Debug, Args)]
#[command(
    long_about = "List the articles that a build at the clock (--now) leaves out: drafts, articles dated after \
                  the clock (scheduled), and articles whose `expires` has passed (expired: their page is built, \
                  no list, feed or news sitemap shows them). One a line, by date then file: status, date in the \
                  site's time zone, language, file and title.",
    after_help = EXAMPLES
)]
pub struct ListArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Only drafts (with --future: drafts and scheduled articles).
    #[arg(long)]
    drafts: bool,
    /// Only scheduled articles, dated after the clock (with --drafts: drafts too).
    #[arg(long)]
    future: bool,
    #[command(flatten)]
    clock: ClockArgs,
}

impl ListArgs {
    /// Prints the list; fails only when the site cannot be read.
    pub fn run(self) -> anyhow::Result<()> {
        let options = BuildOptions {
            root: self.site.root.clone(),
            output: self.site.root.join("public"),
            base_url: None,
            drafts: false,
            future: false,
            now: self.clock.now(&self.site.root),
            force: false,
            replace_output: false,
        };
        let site = pipeline::load_model(&options).context("cannot read the site")?;
        let mut shown: Vec<LeftOut> = site.left_out().into_iter().filter(|l| self.shows(l.why)).collect();
        shown.sort_by(|a, b| a.date.map(|d| d.timestamp).cmp(&b.date.map(|d| d.timestamp)).then(a.file.cmp(&b.file)));
        let text = match self.format {
            Format::Json => json(&site, &shown) + "\n",
            Format::Text => text(&site, &shown),
        };
        stdout::print(text.as_bytes())
    }

    /// Whether the list shows articles left out for `why`: `--drafts` and `--future`
    /// choose drafts and scheduled articles; neither or both, everything.
    fn shows(&self, why: LeftOutReason) -> bool {
        match (self.drafts, self.future) {
            (true, false) => why == LeftOutReason::Draft,
            (false, true) => why == LeftOutReason::Scheduled,
            _ => true,
        }
    }
}

/// One line an article, columns aligned, or `Nothing left out.`.
fn text(site: &Site, shown: &[LeftOut]) -> String {
    if shown.is_empty() {
        return "Nothing left out.\n".to_string();
    }
    let rows: Vec<[String; 5]> = shown
        .iter()
        .map(|l| {
            let date = l.date.map_or_else(String::new, |d| SiteTime::new(d.timestamp, &site.config().timezone).minute);
            [l.why.name().to_string(), date, lang(site, l).to_string(), file(l), l.title.clone()]
        })
        .collect();
    let width = |column: usize| rows.iter().map(|r| r[column].chars().count()).max().unwrap_or(0);
    let widths = [width(0), width(1), width(2), width(3)];
    rows.iter()
        .map(|r| {
            let padded = (0..4).map(|c| format!("{:<w$}  ", r[c], w = widths[c])).collect::<String>();
            format!("{padded}{}\n", r[4])
        })
        .collect()
}

/// One article of the JSON list.
#[derive(Serialize)]
struct JsonEntry<'a> {
    file: String,
    lang: &'a str,
    title: &'a str,
    status: &'static str,
    /// RFC 3339 in the site's time zone.
    date: Option<String>,
    /// When a scheduled article becomes due: its date.
    due: Option<String>,
}

/// The list as a JSON array.
fn json(site: &Site, shown: &[LeftOut]) -> String {
    let entries: Vec<JsonEntry> = shown
        .iter()
        .map(|l| {
            let date = l.date.map(|d| Moment::in_zone(d.timestamp, &site.config().timezone).rfc3339());
            JsonEntry {
                file: file(l),
                lang: lang(site, l),
                title: &l.title,
                status: l.why.name(),
                due: date.clone().filter(|_| l.why == LeftOutReason::Scheduled),
                date,
            }
        })
        .collect();
    serde_json::to_string_pretty(&entries).unwrap_or_default()
}

/// The article's language code.
fn lang<'s>(site: &'s Site, l: &LeftOut) -> &'s str {
    &site.config().languages[l.lang].code
}

/// The article's file, relative to the site folder, with `/` separators.
fn file(l: &LeftOut) -> String {
    l.file.to_string_lossy().replace('\\', "/")
}
