//! Front matter: the TOML block between `+++` lines at the top of a content file.
//!
//! [`split`] finds the block and the Markdown body and remembers on which line each
//! starts, so that an error from the TOML parser points at the right line of the file
//! (not of the block). [`parse`] deserializes the block into the typed, strict structs
//! below: an unknown key outside `[extra]` is an error that lists the known keys.
//! The addresses and the summary keep the span of their value, so that a refused
//! address, or a link in the summary's Markdown, is reported at its line and column.

use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Problem};
use crate::links::{self, Link, LinkKind};
use crate::toml_text;

mod image;

pub use image::{Image, ImageError};

/// The file line of the front matter's first line: the opening `+++` is line 1 (a
/// byte order mark before it is no line).
const FIRST_LINE: usize = 2;

/// What can be wrong with the shape of a content file.
#[derive(Debug, thiserror::Error)]
pub enum FrontMatterError {
    /// The file has no content at all.
    #[error("the file is empty")]
    Empty,
    /// The first line is not `+++`.
    #[error("the file does not start with a `+++` line")]
    MissingOpening,
    /// No closing `+++` line after the opening one.
    #[error("the front matter opened on line 1 is never closed")]
    MissingClosing,
}

impl Problem for FrontMatterError {
    fn kind(&self) -> Kind {
        match self {
            FrontMatterError::Empty => Kind::EmptyFile,
            FrontMatterError::MissingOpening | FrontMatterError::MissingClosing => Kind::MissingDelimiter,
        }
    }
}

/// A content file cut in two.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The TOML text between the `+++` lines.
    pub front_matter: &'a str,
    /// Byte offset of the front matter in the text that was split.
    pub front_matter_offset: usize,
    /// The Markdown after the closing `+++` line.
    pub body: &'a str,
    /// File line of the body's first line (1-based).
    pub body_line: usize,
}

/// Cuts `text` into front matter and body; `path` is used in errors.
pub fn split<'a>(file_text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let text = file_text.strip_prefix('\u{feff}').unwrap_or(file_text);
    if text.trim().is_empty() {
        return Err(Diagnostic::new(Location::at(path, 1, 1), FrontMatterError::Empty)
            .with_hint("start the file with a front matter block: +++ / title = \"...\" / +++"));
    }
    let first_line = text.split_inclusive('\n').next().unwrap_or(text);
    if first_line.trim_end() != "+++" || !first_line.ends_with('\n') {
        return Err(Diagnostic::new(Location::at(path, 1, 1), FrontMatterError::MissingOpening)
            .with_hint("a content file starts with a line `+++`, its TOML front matter, then another `+++` line"));
    }
    let after_open = &text[first_line.len()..];
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front_matter = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            let body_line = FIRST_LINE + front_matter.matches('\n').count() + 1;
            let front_matter_offset = file_text.len() - after_open.len();
            return Ok(Split { front_matter, front_matter_offset, body, body_line });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(Location::at(path, 1, 1), FrontMatterError::MissingClosing)
        .with_hint("add a line `+++` after the last front matter key"))
}

/// Parses a front matter block (found by [`split`]) into `T`; errors point into the file.
pub fn parse<T: DeserializeOwned>(front_matter: &str, path: &Path) -> Result<T, Diagnostics> {
    toml_text::parse_file(front_matter, path, FIRST_LINE, "free-form keys go under an [extra] table")
}

/// The location in its file of byte `offset` of a front matter block.
pub fn location(path: &Path, front_matter: &str, offset: usize) -> Location {
    Location::at_offset(path, front_matter, offset, FIRST_LINE)
}

/// The location in its file of byte `offset` of `value`, a string of a front matter
/// block (a link in the summary's Markdown): exact when the string is written without
/// escapes up to there, as summaries are, else the start of the value.
pub fn location_in_string(path: &Path, front_matter: &str, value: &Spanned<String>, offset: usize) -> Location {
    let span = value.span();
    let raw = &front_matter[span.clone()];
    let opening = ["\"\"\"\r\n", "\"\"\"\n", "'''\r\n", "'''\n", "\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|quotes| raw.starts_with(quotes))
        .map_or(0, str::len);
    let verbatim = raw[opening..].get(..offset).is_some_and(|written| value.get_ref().get(..offset) == Some(written));
    location(path, front_matter, if verbatim { span.start + opening + offset } else { span.start })
}

/// The location of the line `key = ...` in the text of a content file, or of its
/// first line when no line sets `key`.
pub fn key_location(path: &Path, text: &str, key: &str) -> Location {
    Location::at(path, key_line(text, key).unwrap_or(1), 1)
}

/// The 1-based line of `key = ...` in the text of a content file, if a line sets it.
/// A key set as a table (`[source]`, `[[sources]]`) is found by its header.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    let sets_key = |line: &str| {
        let line = line.trim_start();
        let header = line.trim_start_matches('[').strip_prefix(key).is_some_and(|rest| rest.starts_with(']'));
        (line.starts_with('[') && header)
            || line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    text.lines().position(sets_key).map(|i| i + 1)
}

/// The front matter of an article.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ArticleFrontMatter {
    /// Headline.
    pub title: String,
    /// Publication date or date-time; a translation may leave it to its original.
    #[serde(default)]
    pub date: Option<toml::value::Datetime>,
    /// Last significant update.
    #[serde(default)]
    pub updated: Option<toml::value::Datetime>,
    /// When the article leaves every list, feed and the news sitemap (its page
    /// stays); a translation may leave it to its original.
    #[serde(default)]
    pub expires: Option<toml::value::Datetime>,
    /// Until when the article leads its language's front page, whatever is newer;
    /// a translation may leave it to its original.
    #[serde(default)]
    pub featured_until: Option<toml::value::Datetime>,
    /// Articles pinned at the head of its related coverage, as `@/` links to their
    /// content files; a translation may leave them to its original.
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    /// URL slug; default: the file stem without a `YYYY-MM-DD-` prefix.
    #[serde(default)]
    pub slug: Option<String>,
    /// One line for listings, feeds and previews; default: from the summary.
    #[serde(default)]
    pub description: Option<String>,
    /// A category key.
    #[serde(default)]
    pub category: Option<String>,
    /// Topic tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Region keys declared in site.toml.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Author keys (declared in site.toml) or names.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Left out of the build unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// `true`: the theme's default disclaimer; a string: this text; `false` or absent: none.
    #[serde(default)]
    pub disclaimer: Option<Disclaimer>,
    /// Lead image.
    #[serde(default)]
    pub image: Option<Image>,
    /// The news summary, in Markdown.
    #[serde(default)]
    pub summary: Option<Spanned<String>>,
    /// The source the news summary is based on.
    #[serde(default)]
    pub source: Option<Source>,
    /// Several sources.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Old URLs that should redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Corrections and updates published after the article, each with its date.
    #[serde(default)]
    pub updates: Vec<Update>,
    /// Free-form data for the theme.
    #[serde(default)]
    pub extra: toml::Table,
}

impl ArticleFrontMatter {
    /// The addresses of this front matter (read from `front_matter`, in the file at
    /// `path`) that are not allowed, each located at its value.
    pub fn refused_links(&self, path: &Path, front_matter: &str) -> Diagnostics {
        let sources = self.source.iter().chain(&self.sources).map(|s| ("source url", &s.url, LinkKind::External));
        let image = self.image.iter().flat_map(|i| {
            let credit_url = i.credit_url.iter().map(|url| ("image credit_url", url, LinkKind::External));
            std::iter::once(("image src", &i.src, LinkKind::Resource)).chain(credit_url)
        });
        Diagnostics(links::refused(sources.chain(image), |span| location(path, front_matter, span.start)))
    }

    /// What is wrong with the lead image of this front matter (read from
    /// `front_matter`, in the file at `path`) beyond its addresses.
    pub fn image_problems(&self, path: &Path, front_matter: &str) -> Vec<Diagnostic> {
        self.image.as_ref().map(|i| i.problems(path, front_matter)).unwrap_or_default()
    }
}

/// One entry of `updates`: `{ date = 2025-09-01, note = "..." }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Update {
    /// When the article was corrected or updated.
    pub date: toml::value::Datetime,
    /// What changed, for readers.
    pub note: String,
}

/// The front matter of a plain page or of a home page text (`_index.md`).
#[derive(Debug, Clone, Deserialize)]
pub struct PageFrontMatter {
    /// Page title.
    pub title: String,
    /// Meta description.
    #[serde(default)]
    pub description: Option<String>,
    /// URL slug; default: the file stem.
    #[serde(default)]
    pub slug: Option<String>,
    /// Left out unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Old URLs that should redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Free-form data for the theme.
    #[serde(default)]
    pub extra: toml::Table,
}

/// `disclaimer = true | false | "text"`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Disclaimer {
    /// On (the theme's text) or off.
    Flag(bool),
    /// The article's own text.
    Text(String),
}

/// An external source of a news summary.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Source {
    /// Publisher or document name.
    pub name: String,
    /// Address of the source.
    pub url: Link,
    /// The source's headline, when it has one.
    #[serde(default)]
    pub title: Option<String>,
    /// When the source was published.
    #[serde(default)]
    pub published: Option<toml::value::Datetime>,
    /// The source's language code.
    #[serde(default)]
    pub language: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "content/articles/a.md";

    #[test]
    fn split_finds_block_and_body_line() {
        let s = split("+++\ntitle = \"x\"\n+++\nbody\n", Path::new(P)).unwrap();
        assert_eq!(s.front_matter, "title = \"x\"\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn delimiters_may_end_with_spaces() {
        let s = split("+++  \r\ntitle = \"x\"\n+++ \nbody\n", Path::new(P)).unwrap();
        assert_eq!(s.front_matter, "title = \"x\"\n");
        assert_eq!(s.body, "body\n");
    }

    #[test]
    fn missing_closing_is_reported() {
        let e = split("+++\ntitle = \"x\"\nbody\n", Path::new(P)).unwrap_err();
        assert!(e.to_string().contains("never closed"), "{e}");
    }

    #[test]
    fn empty_file_is_reported() {
        let e = split("  \n", Path::new(P)).unwrap_err();
        assert!(e.to_string().contains("empty"), "{e}");
    }

    #[test]
    fn unknown_key_points_at_its_file_line() {
        let text = "+++\ntitle = \"x\"\ndate = 2025-01-01\ncolour = \"red\"\n+++\n";
        let s = split(text, Path::new(P)).unwrap();
        let e = parse::<ArticleFrontMatter>(s.front_matter, Path::new(P)).unwrap_err().0.remove(0);
        assert_eq!(e.location, Location::at(P, 4, 1));
        assert_eq!(e.kind, Kind::UnknownKey);
        assert!(e.message.starts_with("unknown key `colour` (known keys: title, date"), "{}", e.message);
        assert_eq!(e.hint.as_deref(), Some("free-form keys go under an [extra] table"));
    }

    #[test]
    fn refused_addresses_are_located_at_their_value_after_a_byte_order_mark() {
        let text = "\u{feff}+++\ntitle = \"x\"\nimage = { src = \"/a.svg\", alt = \"a\" }\n[source]\nname = \"n\"\nurl = \" javascript:alert(1)\"\n+++\n";
        let s = split(text, Path::new(P)).unwrap();
        assert_eq!(&text[s.front_matter_offset..][..5], "title");
        let fm: ArticleFrontMatter = parse(s.front_matter, Path::new(P)).unwrap();
        let problems = fm.refused_links(Path::new(P), s.front_matter).0;
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].location, Location::at(P, 6, 7));
        assert!(
            problems[0].message.starts_with("source url \" javascript:alert(1)\" is not allowed"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_position_in_the_summary_is_found_in_the_file() {
        let at = |text: &str| {
            let s = split(text, Path::new(P)).unwrap();
            let fm: ArticleFrontMatter = parse(s.front_matter, Path::new(P)).unwrap();
            let summary = fm.summary.unwrap();
            let offset = summary.get_ref().find('[').unwrap();
            location_in_string(Path::new(P), s.front_matter, &summary, offset)
        };
        let multiline = "+++\ntitle = \"x\"\nsummary = \"\"\"\nFirst line.\nSee [x](javascript:y).\n\"\"\"\n+++\n";
        assert_eq!(at(multiline), Location::at(P, 5, 5));
        assert_eq!(at("+++\ntitle = \"x\"\nsummary = 'See [x](y)'\n+++\n"), Location::at(P, 3, 16));
        let escaped = "+++\ntitle = \"x\"\nsummary = \"A \\\"quote\\\" [x](y)\"\n+++\n";
        assert_eq!(at(escaped), Location::at(P, 3, 11), "at the value when escapes shift the text");
    }

    #[test]
    fn updates_need_a_date_and_a_note() {
        let t: ArticleFrontMatter =
            toml::from_str("title='t'\nupdates = [{ date = 2025-01-02, note = 'Fixed a figure.' }]").unwrap();
        assert_eq!(t.updates[0].note, "Fixed a figure.");
        let e = toml::from_str::<ArticleFrontMatter>("title='t'\nupdates = [{ note = 'x' }]");
        assert!(e.unwrap_err().to_string().contains("missing field `date`"));
    }

    #[test]
    fn disclaimer_accepts_bool_and_text() {
        let t: ArticleFrontMatter = toml::from_str("title='t'\ndate=2025-01-01\ndisclaimer='own'").unwrap();
        assert_eq!(t.disclaimer, Some(Disclaimer::Text("own".into())));
        let t: ArticleFrontMatter = toml::from_str("title='t'\ndate=2025-01-01\ndisclaimer=true").unwrap();
        assert_eq!(t.disclaimer, Some(Disclaimer::Flag(true)));
    }
}
