//! The editorial rules: what an editor would want to hear about before publishing,
//! and what passes the build without a word but reads wrong on the published site.
//!
//! Each rule is a function of the site model and the files' text that returns
//! [`Finding`]s; none reads a file. One file per family: `images` (alternative text,
//! relative addresses, articles without any image), `articles` (sources, headlines, dates, summaries, duplicate
//! titles, text left to translate), `terms` (categories, tags and authors that
//! site.toml does not declare, declared ones no article uses or without a name in a
//! language) and `translations` (which article is in which language). Whether links
//! and images lead anywhere is a rule of the build itself
//! ([`targets`](crate::targets)), which `check` runs as `build` does.
//!
//! A value a translation inherits from its original (category, authors, lead image)
//! is checked in the original only, where it is written.

mod articles;
mod images;
mod terms;
mod translations;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{self, Diagnostic, Kind, Location};
use crate::model::{Article, Site};
use crate::scaffold::TRANSLATE_MARKER;

use super::report::{Code, Finding};

pub use articles::MAX_TITLE_CHARS;
pub use translations::translation_table;

/// What the rules look at.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The site, drafts and future-dated articles included.
    pub site: &'a Site,
    /// The text of each article and page, by path relative to the site root.
    pub texts: &'a HashMap<PathBuf, String>,
    /// The text of site.toml, where declared terms are located.
    pub settings: &'a str,
    /// The clock: articles dated after it are future-dated.
    pub now: jiff::Timestamp,
}

impl Inputs<'_> {
    /// The text of content file `path` (empty when it could not be read).
    fn text(&self, path: &Path) -> &str {
        self.texts.get(path).map_or("", String::as_str)
    }
}

/// What an editorial rule found; the message of a [`Finding`].
#[derive(Debug, thiserror::Error)]
enum Problem {
    #[error("image \"{0}\" has a relative address, which readers' browsers resolve from the article's own address")]
    RelativeImage(String),
    #[error("image \"{0}\" has no alternative text")]
    MissingAlt(String),
    #[error("{} no lead image, and site.toml names no default image nor publisher logo: their link previews and structured data show no image", if *.0 == 1 { "1 article has".to_string() } else { format!("{} articles have", .0) })]
    NoImage(usize),
    #[error("the article names no source")]
    MissingSource,
    #[error("the headline has {0} characters, over {MAX_TITLE_CHARS}")]
    LongTitle(usize),
    #[error("the title is also the title of {0}")]
    DuplicateTitle(String),
    #[error("the article is dated {0}, in the future: builds leave it out until then")]
    FutureDate(String),
    #[error("no translation in {0}")]
    MissingTranslations(String),
    #[error("{0} passages are still marked {TRANSLATE_MARKER}")]
    Untranslated(usize),
    #[error("the summary is empty")]
    EmptySummary,
    #[error("category \"{0}\" is not declared in site.toml")]
    UnknownCategory(String),
    #[error("tag \"{0}\" is not declared in site.toml")]
    UnknownTag(String),
    #[error("author \"{0}\" is not declared in site.toml: it is shown as a name, without a page")]
    UnknownAuthor(String),
    #[error("{what} \"{key}\" is declared in site.toml but no article uses it")]
    UnusedTerm { what: &'static str, key: String },
    #[error("{what} \"{key}\" has no name in {languages}")]
    MissingName { what: &'static str, key: String, languages: String },
}

impl diagnostics::Problem for Problem {
    fn kind(&self) -> Kind {
        match self {
            Problem::RelativeImage(_) => Kind::RelativeImage,
            Problem::MissingAlt(_) => Kind::MissingAlt,
            Problem::NoImage(_) => Kind::NoImage,
            Problem::MissingSource => Kind::MissingSource,
            Problem::LongTitle(_) => Kind::LongTitle,
            Problem::DuplicateTitle(_) => Kind::DuplicateTitle,
            Problem::FutureDate(_) => Kind::FutureDate,
            Problem::MissingTranslations(_) => Kind::MissingTranslation,
            Problem::Untranslated(_) => Kind::Untranslated,
            Problem::EmptySummary => Kind::EmptySummary,
            Problem::UnknownCategory(_) => Kind::UnknownCategory,
            Problem::UnknownTag(_) => Kind::UnknownTag,
            Problem::UnknownAuthor(_) => Kind::UnknownAuthor,
            Problem::UnusedTerm { .. } => Kind::UnusedTerm,
            Problem::MissingName { .. } => Kind::MissingName,
        }
    }
}

impl Problem {
    fn at(self, location: Location, hint: impl Into<String>) -> Finding {
        let code = Code::Rule(diagnostics::Problem::kind(&self));
        Finding { code, diagnostic: Diagnostic::new(location, self).with_hint(hint) }
    }
}

/// Every editorial finding on the site.
pub fn editorial(inputs: &Inputs) -> Vec<Finding> {
    let mut out = images::findings(inputs);
    out.extend(articles::findings(inputs));
    out.extend(terms::findings(inputs));
    out.extend(translations::findings(inputs.site));
    out
}

/// The location of `key` in `article`'s own front matter, or `None` when the article
/// leaves it to its original.
fn own_key(inputs: &Inputs, article: &Article, key: &str) -> Option<Location> {
    let line = crate::front_matter::key_line(inputs.text(&article.file), key)?;
    Some(Location::at(&article.file, line, 1))
}

#[cfg(test)]
mod tests;
