//! `[search]`: whether `build` writes a search index per language, and what it
//! holds. On by default, over articles and pages and all their fields; a site can
//! turn it off or narrow it. A value these lists do not know is an error at its
//! place, with the closest known value suggested.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::ConfigError;
use super::table_location;
use crate::diagnostics::{Diagnostic, Location};
use crate::search::Field;
use crate::suggest;

/// What `sections` may name.
const SECTIONS: [&str; 2] = ["articles", "pages"];

/// `[search]` as written in `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub(super) struct RawSearch {
    enabled: bool,
    sections: Vec<Spanned<String>>,
    fields: Vec<Spanned<String>>,
}

impl Default for RawSearch {
    fn default() -> Self {
        let spanned = |names: &[&str]| names.iter().map(|n| Spanned::new(0..0, n.to_string())).collect();
        RawSearch { enabled: true, sections: spanned(&SECTIONS), fields: spanned(&Field::ALL.map(Field::name)) }
    }
}

/// What the search index holds; none when `[search] enabled = false`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SearchConfig {
    /// Articles are indexed.
    pub articles: bool,
    /// Plain pages are indexed.
    pub pages: bool,
    /// The fields read, in the order of [`Field::ALL`].
    pub fields: Vec<Field>,
}

impl RawSearch {
    /// The settings, or every problem of them, located in `text` (the file at `path`).
    pub(super) fn resolve(&self, text: &str, path: &Path, problems: &mut Vec<Diagnostic>) -> Option<SearchConfig> {
        let mut known = |key: &'static str, values: &[Spanned<String>], names: &[&'static str]| {
            for value in values.iter().filter(|v| !names.contains(&v.get_ref().as_str())) {
                let listed = names.join(", ");
                let hint = suggest::hint(value.get_ref(), names.iter().copied(), &format!("write some of: {listed}"));
                let error = ConfigError::UnknownSearchValue { key, value: value.get_ref().clone() };
                problems.push(Diagnostic::new(at(text, path, value), error).with_hint(hint));
            }
            if values.is_empty() && self.enabled {
                let error = ConfigError::EmptySearchList(key);
                let hint = "name what to index, or write `enabled = false` to turn search off";
                problems.push(Diagnostic::new(table_location(text, path, "search", key), error).with_hint(hint));
            }
            names.iter().map(|n| values.iter().any(|v| v.get_ref() == n)).collect::<Vec<bool>>()
        };
        let sections = known("sections", &self.sections, &SECTIONS);
        let fields = known("fields", &self.fields, &Field::ALL.map(Field::name));
        self.enabled.then(|| SearchConfig {
            articles: sections[0],
            pages: sections[1],
            fields: Field::ALL.into_iter().zip(fields).filter(|(_, on)| *on).map(|(f, _)| f).collect(),
        })
    }
}

/// Where `value` is written in `text`.
fn at(text: &str, path: &Path, value: &Spanned<String>) -> Location {
    Location::at_offset(path, text, value.span().start, 1)
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    fn parse(search: &str) -> Result<Config, String> {
        let text = format!("title = 't'\nbase_url = 'https://x.org'\n\n[search]\n{search}\n");
        Config::parse(&text, std::path::Path::new("site.toml")).map_err(|d| d.to_string())
    }

    #[test]
    fn search_is_on_by_default_over_everything() {
        let config = parse("").unwrap();
        let search = config.search.unwrap();
        assert!(search.articles && search.pages);
        assert_eq!(search.fields, crate::search::Field::ALL);
    }

    #[test]
    fn search_can_be_turned_off_or_narrowed() {
        assert_eq!(parse("enabled = false").unwrap().search, None);
        let narrow = parse("sections = ['articles']\nfields = ['title', 'summary']").unwrap().search.unwrap();
        assert!(narrow.articles && !narrow.pages);
        assert_eq!(narrow.fields.len(), 2);
    }

    #[test]
    fn an_unknown_value_is_an_error_at_its_line_with_the_closest_one() {
        let error = parse("fields = ['title',\n  'sumary']").unwrap_err();
        assert!(error.contains("site.toml:6:3"), "{error}");
        assert!(error.contains("\"sumary\"") && error.contains("summary"), "{error}");
        let empty = parse("sections = []").unwrap_err();
        assert!(empty.contains("site.toml:4:1") && empty.contains("sections"), "{empty}");
    }
}
