//! The rules about each article alone (its source, headline, date and summary), about
//! articles that share a title, and about text still marked for translation.
//!
//! A headline is measured in characters, so that a Japanese headline counts as many
//! as it shows; the limit is the one search engines set for an article's headline
//! in their rich results.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Location, line_col};
use crate::front_matter::key_location;
use crate::model::Article;
use crate::scaffold::TRANSLATE_MARKER;

use super::super::report::Finding;
use super::{Inputs, Problem, own_key};

/// Longest headline without a warning, in characters.
pub const MAX_TITLE_CHARS: usize = 110;

/// Every finding of this family.
pub(super) fn findings(inputs: &Inputs) -> Vec<Finding> {
    let site = inputs.site;
    let mut out = Vec::new();
    for path in site.articles().map(|a| &a.file).chain(site.pages().map(|p| &p.file)) {
        out.extend(untranslated(path, inputs.text(path)));
    }
    for article in site.articles() {
        out.extend(article_findings(inputs, article));
    }
    out.extend(duplicate_titles(inputs));
    out
}

/// The rules about one article alone.
fn article_findings(inputs: &Inputs, article: &Article) -> Vec<Finding> {
    let text = inputs.text(&article.file);
    let mut out = Vec::new();
    if article.sources.is_empty() {
        let hint = "name it in a [source] table, with its name and url, above this line";
        out.push(Problem::MissingSource.at(front_matter_end(&article.file, text), hint));
    }
    let length = article.title.chars().count();
    if length > MAX_TITLE_CHARS {
        let hint = "search engines cut longer headlines in their results, and listings wrap them";
        out.push(Problem::LongTitle(length).at(key_location(&article.file, text, "title"), hint));
    }
    if article.date.is_after(inputs.now) {
        let hint = "if the date is a mistake, correct it; `broadsheet build --future` shows the article now";
        out.push(Problem::FutureDate(article.date.rfc3339()).at(key_location(&article.file, text, "date"), hint));
    }
    if let Some(at) = own_key(inputs, article, "summary").filter(|_| article.summary_html.trim().is_empty()) {
        let hint = "summarise the news in one to three paragraphs, or remove the key";
        out.push(Problem::EmptySummary.at(at, hint));
    }
    out
}

/// The line closing a file's front matter, where a table such as `[source]` is added.
fn front_matter_end(path: &Path, text: &str) -> Location {
    match crate::front_matter::split(text, path) {
        Ok(split) => Location::at(path, split.body_line - 1, 1),
        Err(_) => Location::file(path),
    }
}

/// A file still holding text marked for translation.
fn untranslated(path: &Path, text: &str) -> Option<Finding> {
    let first = text.find(TRANSLATE_MARKER)?;
    let (line, col) = line_col(text, first);
    let hint = "translate the marked text, delete the markers, then set draft = false";
    Some(Problem::Untranslated(text.matches(TRANSLATE_MARKER).count()).at(Location::at(path, line, col), hint))
}

/// Articles of one language that share a title (ignoring case and spacing), each
/// reported with the others' files.
fn duplicate_titles(inputs: &Inputs) -> Vec<Finding> {
    let mut by_title: BTreeMap<(usize, String), Vec<&Article>> = BTreeMap::new();
    for a in inputs.site.articles() {
        let title = a.title.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
        by_title.entry((a.lang, title)).or_default().push(a);
    }
    let mut out = Vec::new();
    for group in by_title.values().filter(|g| g.len() > 1) {
        for a in group {
            let others: Vec<String> =
                group.iter().filter(|b| b.file != a.file).map(|b| b.file.display().to_string()).collect();
            let hint = "readers tell articles apart by their titles; make this one more specific";
            let at = key_location(&a.file, inputs.text(&a.file), "title");
            out.push(Problem::DuplicateTitle(others.join(", ")).at(at, hint));
        }
    }
    out
}
