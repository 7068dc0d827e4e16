//! The editorial rules: what an editor would want to hear about before publishing.
//!
//! Each rule is a function of the site model and the files' text that returns
//! [`Finding`]s; none reads a file. Images are looked up among the static files of
//! the site and its theme, which is where the build copies them from. A headline is
//! measured in characters, so a Japanese headline counts as many as it shows.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{self, Diagnostic, Kind, Location, line_col};
use crate::front_matter::{self, key_location};
use crate::model::{Article, Site};
use crate::scaffold::TRANSLATE_MARKER;

use super::report::{Code, Finding, TranslationRow, TranslationTable};

/// Longest headline without a warning, in characters.
pub const MAX_TITLE_CHARS: usize = 110;

/// What the rules look at.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The site, drafts and future-dated articles included.
    pub site: &'a Site,
    /// The text of each article and page, by path relative to the site root.
    pub texts: &'a HashMap<PathBuf, String>,
    /// Output paths of the static files (`illustrations/map.svg`).
    pub static_files: &'a BTreeSet<String>,
    /// The clock: articles dated after it are future-dated.
    pub now: jiff::Timestamp,
}

/// What an editorial rule found; the message of a [`Finding`].
#[derive(Debug, thiserror::Error)]
enum Problem {
    #[error("image \"{0}\" is not among the static files of the site or its theme")]
    MissingImage(String),
    #[error("image \"{0}\" has a relative address, which readers' browsers resolve from the article's own address")]
    RelativeImage(String),
    #[error("image \"{0}\" has no alternative text")]
    MissingAlt(String),
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
}

impl diagnostics::Problem for Problem {
    fn kind(&self) -> Kind {
        match self {
            Problem::MissingImage(_) => Kind::MissingImage,
            Problem::RelativeImage(_) => Kind::RelativeImage,
            Problem::MissingAlt(_) => Kind::MissingAlt,
            Problem::MissingSource => Kind::MissingSource,
            Problem::LongTitle(_) => Kind::LongTitle,
            Problem::DuplicateTitle(_) => Kind::DuplicateTitle,
            Problem::FutureDate(_) => Kind::FutureDate,
            Problem::MissingTranslations(_) => Kind::MissingTranslation,
            Problem::Untranslated(_) => Kind::Untranslated,
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
    let site = inputs.site;
    let mut out = Vec::new();
    let files = site.articles().map(|a| &a.file).chain(site.pages().map(|p| &p.file));
    for path in files {
        let text = inputs.texts.get(path).map_or("", String::as_str);
        for image in body_images(path, text) {
            out.extend(image_findings(&image, inputs.static_files));
        }
        out.extend(untranslated(path, text));
    }
    for article in site.articles() {
        let text = inputs.texts.get(&article.file).map_or("", String::as_str);
        if let Some(image) = &article.image {
            let location = key_location(&article.file, text, "image");
            out.extend(image_findings(
                &ImageRef { src: image.src.to_string(), alt: image.alt.clone(), location },
                inputs.static_files,
            ));
        }
        out.extend(article_findings(article, text, inputs.now));
    }
    out.extend(duplicate_titles(site, inputs.texts));
    out.extend(missing_translations(&translation_table(site)));
    out
}

/// An image of a page: its address, its alternative text and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ImageRef {
    src: String,
    alt: String,
    location: Location,
}

/// The Markdown images of a file's body.
fn body_images(path: &Path, text: &str) -> Vec<ImageRef> {
    let Ok(split) = front_matter::split(text, path) else {
        return Vec::new();
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut images = Vec::new();
    let mut open: Option<(String, String, usize)> = None;
    for (event, range) in Parser::new_ext(split.body, options).into_offset_iter() {
        match (event, &mut open) {
            (Event::Start(Tag::Image { dest_url, .. }), None) => {
                open = Some((dest_url.to_string(), String::new(), range.start))
            }
            (Event::Text(t) | Event::Code(t), Some((_, alt, _))) => alt.push_str(&t),
            (Event::End(TagEnd::Image), Some(_)) => {
                if let Some((src, alt, offset)) = open.take() {
                    let (line, col) = line_col(split.body, offset);
                    images.push(ImageRef { src, alt, location: Location::at(path, line + split.body_line - 1, col) });
                }
            }
            _ => {}
        }
    }
    images
}

/// Where an image's address leads.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// Another site, or inline data: not checked.
    External,
    /// A static file of the site or theme, by output path.
    Static(String),
    /// An address without a leading `/`.
    Relative,
}

fn image_target(src: &str) -> Target {
    let is_scheme = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if src.starts_with("//") || src.split_once(':').is_some_and(|(scheme, _)| is_scheme(scheme)) {
        return Target::External;
    }
    let Some(path) = src.strip_prefix('/') else {
        return Target::Relative;
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    Target::Static(percent_decode_str(path).decode_utf8_lossy().into_owned())
}

fn image_findings(image: &ImageRef, static_files: &BTreeSet<String>) -> Vec<Finding> {
    let mut out = Vec::new();
    if image.alt.trim().is_empty() {
        let hint = "describe what the image shows, for readers who cannot see it";
        out.push(Problem::MissingAlt(image.src.clone()).at(image.location.clone(), hint));
    }
    match image_target(&image.src) {
        Target::External => {}
        Target::Static(path) if static_files.contains(&path) => {}
        Target::Static(path) => out.push(
            Problem::MissingImage(image.src.clone())
                .at(image.location.clone(), format!("put the file at static/{path}, or correct the address")),
        ),
        Target::Relative => out.push(Problem::RelativeImage(image.src.clone()).at(
            image.location.clone(),
            format!("write the address from the site root, as /{} for static/{}", image.src, image.src),
        )),
    }
    out
}

/// The rules about one article alone: its source, headline and date.
fn article_findings(article: &Article, text: &str, now: jiff::Timestamp) -> Vec<Finding> {
    let mut out = Vec::new();
    if article.sources.is_empty() {
        let hint = "name it in a [source] table, with its name and url";
        out.push(Problem::MissingSource.at(Location::file(&article.file), hint));
    }
    let length = article.title.chars().count();
    if length > MAX_TITLE_CHARS {
        let hint = "headlines this long are cut in listings and search results";
        out.push(Problem::LongTitle(length).at(key_location(&article.file, text, "title"), hint));
    }
    if article.date.is_after(now) {
        let hint = "if the date is a mistake, correct it; `broadsheet build --future` shows the article now";
        out.push(Problem::FutureDate(article.date.rfc3339()).at(key_location(&article.file, text, "date"), hint));
    }
    out
}

/// A file still holding text marked for translation.
fn untranslated(path: &Path, text: &str) -> Option<Finding> {
    let first = text.find(TRANSLATE_MARKER)?;
    let (line, col) = line_col(text, first);
    let hint = "translate the marked text, delete the markers, then set draft = false";
    Some(Problem::Untranslated(text.matches(TRANSLATE_MARKER).count()).at(Location::at(path, line, col), hint))
}

/// Articles of one language that share a title (ignoring case and spacing).
fn duplicate_titles(site: &Site, texts: &HashMap<PathBuf, String>) -> Vec<Finding> {
    let mut by_title: BTreeMap<(usize, String), Vec<&Article>> = BTreeMap::new();
    for a in site.articles() {
        let title = a.title.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
        by_title.entry((a.lang, title)).or_default().push(a);
    }
    let mut out = Vec::new();
    for group in by_title.values().filter(|g| g.len() > 1) {
        for a in group {
            let others: Vec<String> =
                group.iter().filter(|b| b.file != a.file).map(|b| b.file.display().to_string()).collect();
            let text = texts.get(&a.file).map_or("", String::as_str);
            let hint = "readers tell articles apart by their titles; make this one more specific";
            out.push(Problem::DuplicateTitle(others.join(", ")).at(key_location(&a.file, text, "title"), hint));
        }
    }
    out
}

/// Which languages each article is in; empty for a one-language site.
pub fn translation_table(site: &Site) -> TranslationTable {
    let languages = &site.config().languages;
    if languages.len() < 2 {
        return TranslationTable::default();
    }
    let mut rows: BTreeMap<&str, Vec<Option<PathBuf>>> = BTreeMap::new();
    for a in site.articles() {
        rows.entry(&a.stem).or_insert_with(|| vec![None; languages.len()])[a.lang] = Some(a.file.clone());
    }
    TranslationTable {
        languages: languages.iter().map(|l| l.code.clone()).collect(),
        rows: rows.into_iter().map(|(stem, files)| TranslationRow { article: stem.to_string(), files }).collect(),
    }
}

/// One finding per article not yet in every language, on its first file.
fn missing_translations(table: &TranslationTable) -> Vec<Finding> {
    let mut out = Vec::new();
    for row in table.rows.iter().filter(|r| r.is_incomplete()) {
        let Some(file) = row.files.iter().flatten().next() else {
            continue;
        };
        let missing: Vec<&str> =
            table.languages.iter().zip(&row.files).filter(|(_, f)| f.is_none()).map(|(l, _)| l.as_str()).collect();
        let hint = format!("broadsheet new --translate {} --lang {}", file.display(), missing[0]);
        out.push(Problem::MissingTranslations(missing.join(", ")).at(Location::file(file), hint));
    }
    out
}

#[cfg(test)]
mod tests;
