//! `broadsheet build`: compile the site into static files.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use broadsheet::build::{BuildOptions, BuildReport, LeftOutCounts};
use broadsheet::diagnostics::Severity;
use broadsheet::pipeline::{self, BuildError};
use broadsheet::theme::missing_strings_warnings;

use super::clock::ClockArgs;
use super::progress_bar::Bar;
use super::{SiteArgs, painted};

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
                    eprintln!("{}", painted(problem.tagged(Severity::Error).to_string(), Severity::Error));
                }
                anyhow::bail!("build failed: {}", count(problems.0.len()));
            }
            Err(e) => return Err(e).context("build failed"),
        };
        warn_missing_strings(&report);
        if !self.site.quiet {
            println!("{}", summary_line(&report));
            if let Some(line) = left_out_line(&report.left_out) {
                println!("{line}");
            }
            if let Some(line) = search_line(&report) {
                println!("{line}");
            }
        }
        Ok(())
    }
}

/// The build's warnings, in the form `check` prints them.
fn warn_missing_strings(report: &BuildReport) {
    let missing = report.missing_strings.iter().map(|(lang, keys)| (lang, keys));
    for warning in missing_strings_warnings(&report.theme, missing) {
        eprintln!("{}", painted(warning.tagged(Severity::Warning).to_string(), Severity::Warning));
    }
}

/// `Left out: 2 drafts, 1 scheduled (next: 2026-12-08 09:00 Asia/Tokyo,
/// content/articles/2026-12-08-x.md)`, or nothing when the build left nothing out.
fn left_out_line(left_out: &LeftOutCounts) -> Option<String> {
    let n = left_out.drafts;
    let drafts = (n > 0).then(|| format!("{n} draft{}", if n == 1 { "" } else { "s" }));
    let scheduled = (left_out.scheduled > 0).then(|| {
        let next = left_out.next.as_ref().map_or_else(String::new, |n| format!(" (next: {}, {})", n.at, n.file));
        format!("{} scheduled{next}", left_out.scheduled)
    });
    let parts: Vec<String> = drafts.into_iter().chain(scheduled).collect();
    (!parts.is_empty()).then(|| format!("Left out: {}", parts.join(", ")))
}

/// `Search: 1 document indexed, 9999 reused` after a build that made the search
/// index; nothing when search is off or the build found nothing changed.
fn search_line(r: &BuildReport) -> Option<String> {
    let counts = r.search.filter(|_| !r.up_to_date)?;
    let s = if counts.indexed == 1 { "" } else { "s" };
    Some(format!("Search: {} document{s} indexed, {} reused", counts.indexed, counts.reused))
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

#[cfg(test)]
mod tests {
    use broadsheet::build::NextDue;
    use broadsheet::dates::SiteTime;

    use super::*;

    #[test]
    fn the_left_out_line_counts_drafts_and_names_the_next_due_article() {
        assert_eq!(left_out_line(&LeftOutCounts::default()), None);
        let next = NextDue {
            at: SiteTime { minute: "2026-12-08 09:00".into(), zone: "Asia/Tokyo".into() },
            file: "content/articles/2026-12-08-x.md".into(),
        };
        let both = LeftOutCounts { drafts: 2, scheduled: 1, next: Some(next) };
        assert_eq!(
            left_out_line(&both).as_deref(),
            Some(
                "Left out: 2 drafts, 1 scheduled (next: 2026-12-08 09:00 Asia/Tokyo, content/articles/2026-12-08-x.md)"
            )
        );
        let one_draft = LeftOutCounts { drafts: 1, ..LeftOutCounts::default() };
        assert_eq!(left_out_line(&one_draft).as_deref(), Some("Left out: 1 draft"));
    }
}
