//! What a build is asked to do, and what it reports: shared by the pipeline that
//! runs it, the record that tells when the next one would change nothing, and the
//! commands.

use std::path::PathBuf;
use std::time::Duration;

use crate::dates::SiteTime;
use crate::model::{LeftOutReason, Site};
use crate::search::TermCounts;

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding site.toml).
    pub root: PathBuf,
    /// The output folder.
    pub output: PathBuf,
    /// Replaces site.toml's `base_url`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Include future-dated articles.
    pub future: bool,
    /// The build clock (articles after it are future-dated).
    pub now: jiff::Timestamp,
    /// Build in full even when nothing changed since the last build.
    pub force: bool,
    /// Replace the output folder even when it holds files no build wrote.
    pub replace_output: bool,
}

/// What a successful build did.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BuildReport {
    /// Articles built (all languages).
    pub articles: usize,
    /// Plain pages built.
    pub pages: usize,
    /// Distinct terms (tags, regions, categories), over all languages.
    pub terms: usize,
    /// Output files in total.
    pub files: usize,
    /// Output files new or changed.
    pub written: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// The theme's name.
    pub theme: String,
    /// Per language, UI strings the theme lacks (filled from the default language).
    pub missing_strings: Vec<(String, Vec<String>)>,
    /// The articles the build left out.
    pub left_out: LeftOutCounts,
    /// How many documents of the search indexes were tokenized and how many taken
    /// from the last build's cache; `None` when search is off.
    #[serde(default)]
    pub search: Option<TermCounts>,
    /// Nothing the build reads had changed since the last build into the same
    /// output, which was left as it was (see [`build_state`](crate::build_state)).
    pub up_to_date: bool,
}

/// How many articles a build left out, and which is due first.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LeftOutCounts {
    /// Drafts (dated in the future or not).
    pub drafts: usize,
    /// Articles dated after the build clock.
    pub scheduled: usize,
    /// The first of those to become due.
    pub next: Option<NextDue>,
}

/// The scheduled article due first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NextDue {
    /// When, in the site's time zone.
    pub at: SiteTime,
    /// Its file, relative to the site folder, with `/` separators.
    pub file: String,
}

impl LeftOutCounts {
    /// What the build of `site` left out.
    pub fn of(site: &Site) -> LeftOutCounts {
        let left_out = site.left_out();
        let count = |why: LeftOutReason| left_out.iter().filter(|l| l.why == why).count();
        let next = site.next_scheduled().map(|(article, at)| NextDue {
            at: SiteTime::new(at, &site.config().timezone),
            file: article.file.to_string_lossy().replace('\\', "/"),
        });
        LeftOutCounts { drafts: count(LeftOutReason::Draft), scheduled: count(LeftOutReason::Scheduled), next }
    }
}
