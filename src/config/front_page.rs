//! `[front_page]`: how each language's home page arranges its newest stories. A news
//! front page is a hierarchy, not a list: a lead story, a few stories beside it, then
//! a block of headlines per desk (category) and per region in the news, before the
//! full chronological list. Editors choose the blocks and their order here; the
//! defaults suit a site that sets nothing.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{ConfigError, TermNames, key_location};
use crate::diagnostics::Diagnostic;
use crate::slug::slugify;
use crate::suggest;

/// `[front_page]` in `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct FrontPageConfig {
    /// Stories shown beside the lead; default 4.
    pub secondary: usize,
    /// Headlines in each category or region block; default 3.
    pub headlines: usize,
    /// The category blocks, in order, by key; default: every category with
    /// articles, the one with most articles first.
    pub categories: Option<Vec<String>>,
    /// The region blocks, in order, by key; default: the `region_blocks` regions
    /// whose newest article is newest (the regions in the news).
    pub regions: Option<Vec<String>>,
    /// How many region blocks when `regions` is not given; default 4.
    pub region_blocks: usize,
    /// For how many days after a correction or an update a story is marked as
    /// updated; default 7.
    pub updated_days: u32,
}

impl Default for FrontPageConfig {
    fn default() -> Self {
        FrontPageConfig {
            secondary: 4,
            headlines: 3,
            categories: None,
            regions: None,
            region_blocks: 4,
            updated_days: 7,
        }
    }
}

impl FrontPageConfig {
    /// The blocks that name a category or region site.toml does not declare, each
    /// located at its list in `text` (the file at `path`).
    pub(super) fn undeclared(
        &self,
        categories: &BTreeMap<String, TermNames>,
        regions: &BTreeMap<String, TermNames>,
        text: &str,
        path: &Path,
    ) -> Vec<Diagnostic> {
        let lists = [("categories", &self.categories, categories), ("regions", &self.regions, regions)];
        let mut problems = Vec::new();
        for (list, keys, declared) in lists {
            // Categories are known by slug (as articles name them), regions by their key.
            let known =
                |k: &String| declared.contains_key(if list == "categories" { slugify(k) } else { k.clone() }.as_str());
            for key in keys.iter().flatten().filter(|k| !known(k)) {
                let known = declared.keys().map(String::as_str);
                let hint = suggest::hint(key, known, &format!("declare it under [{list}.{key}] in site.toml"));
                let error = ConfigError::UndeclaredBlock { list, key: key.clone() };
                problems.push(Diagnostic::new(key_location(text, path, list), error).with_hint(hint));
            }
        }
        problems
    }

    /// The same settings with the category keys as the site knows them (slugs).
    pub(super) fn with_slugs(mut self) -> FrontPageConfig {
        if let Some(categories) = &mut self.categories {
            categories.iter_mut().for_each(|c| *c = slugify(c));
        }
        self
    }
}
