//! What a build is asked to do, and what it reports: shared by the pipeline that
//! runs it, the record that tells when the next one would change nothing, and the
//! commands.

use std::path::PathBuf;
use std::time::Duration;

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
    /// Nothing the build reads had changed since the last build into the same
    /// output, which was left as it was (see [`build_state`](crate::build_state)).
    pub up_to_date: bool,
}
