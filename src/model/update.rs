//! Updating the model in place after an edit of one article, when the edit leaves
//! every list as it was: what `serve` does on most saves.

use std::sync::Arc;

use crate::load::SourceFile;

use super::cache::{StemMates, meant_target};
use super::items::Item;
use super::parse::{check_expiry, has_date, inherit, is_published, parse_file, same_shared_fields};
use super::urls::assign_urls;
use super::{ModelCache, ModelOptions, Site};

impl Site {
    /// Updates the site in place after an edit of article `file` alone, when the edit
    /// leaves its URL, its links' targets, its aliases and every list as they were,
    /// whether it has expired at the clock included (the usual case: an article's
    /// text or title); the result is then the same as [`Site::build_cached`]'s, and
    /// the article's index is returned. A translation inherits from its original as
    /// in a full build; an original with translations is updated alone when the
    /// fields they inherit from it are as they were. Returns `None`, the site
    /// unchanged, when the site must be built again (a new date, tags or slug, a
    /// problem in the file, an original whose translations inherit something new).
    pub fn update_article(
        &mut self,
        file: &SourceFile,
        options: &ModelOptions,
        cache: &mut ModelCache,
    ) -> Option<usize> {
        // Both paths come from the same walk of `content/`: equal paths have equal bytes,
        // which compare much faster than path components.
        let i = self.articles.iter().position(|a| a.file.as_os_str() == file.path.as_os_str())?;
        let (original, before) = match cache.stem_mates(file, &self.config.default_language().code) {
            StemMates::None => (None, None),
            StemMates::Original(original) => (Some(original), None),
            StemMates::Translations(before) => (None, Some(before)),
            StemMates::Others => return None,
        };
        let read = Arc::new(parse_file(file.clone(), &self.config).ok()?);
        if before.is_some_and(|before| !same_shared_fields(&before, &read)) {
            return None;
        }
        let mut parsed = read.clone();
        if let Some(original) = &original {
            inherit(&mut parsed, original);
        }
        if !has_date(&parsed, &mut Vec::new()) || !is_published(&parsed, options) {
            return None;
        }
        let mut problems = Vec::new();
        check_expiry(&parsed, &mut problems);
        let (url, output) = assign_urls(std::slice::from_ref(&parsed), &self.config, &mut problems).pop()?;
        let old = self.articles[i].clone();
        if !problems.is_empty() || url != old.url || output != old.output {
            return None;
        }
        let (item, problems) = cache.rebuild_one(
            read,
            &parsed,
            (url, output),
            (
                &|target| self.links.get(target).cloned(),
                &|target| meant_target(target, self.links.keys()),
                &options.pictures,
            ),
            &self.config,
        );
        let Item::Article(mut new) = item else { return None };
        let same_lists = (
            new.lang,
            &new.stem,
            new.date.timestamp,
            new.head().expired_at(self.now),
            &new.tags,
            &new.tag_names,
            &new.regions,
            &new.category,
            &new.authors,
            &new.aliases,
            new.featured_until,
            &new.pins,
        ) == (
            old.lang,
            &old.stem,
            old.date.timestamp,
            old.head().expired_at(self.now),
            &old.tags,
            &old.tag_names,
            &old.regions,
            &old.category,
            &old.authors,
            &old.aliases,
            old.featured_until,
            &old.pins,
        );
        if !problems.is_empty() || !same_lists {
            return None;
        }
        Arc::make_mut(&mut new).translations = old.translations.clone();
        cache.keep_linked(std::iter::once(&new));
        self.articles[i] = new;
        Some(i)
    }
}
