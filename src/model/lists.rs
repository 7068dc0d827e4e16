//! Linking the site together: each article and page to its other languages, and per
//! language the articles newest first with their tags, regions, categories,
//! declared authors and months. An article past its expiry is in none of these lists.

use std::collections::HashMap;
use std::sync::Arc;

use super::Site;
use super::types::Term;
use super::urls::link_key_of;
use crate::taxonomy::TaxonomyKind;

impl Site {
    /// Links every article and page to its other languages (same stem); returns the
    /// articles whose links changed (they are no longer shared with the cache).
    pub(super) fn link_translations(&mut self) -> Vec<usize> {
        let articles = translations(self.articles.iter().map(|a| (a.stem.as_str(), a.lang)));
        let mut relinked = Vec::new();
        for (i, (a, translations)) in self.articles.iter_mut().zip(articles).enumerate() {
            if a.translations != translations {
                Arc::make_mut(a).translations = translations;
                relinked.push(i);
            }
        }
        let pages = translations(self.pages.iter().map(|p| (p.stem.as_str(), p.lang)));
        for (p, translations) in self.pages.iter_mut().zip(pages) {
            p.translations = translations;
        }
        relinked
    }

    /// Per language: all articles newest first, every term with its articles, and
    /// every month (on the site's clock) with its articles; expired articles left out.
    pub(super) fn build_lists(&mut self) {
        let mut order: Vec<usize> =
            (0..self.articles.len()).filter(|&i| !self.articles[i].head().expired_at(self.now)).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.articles[a], &self.articles[b]);
            b.date.timestamp.cmp(&a.date.timestamp).then_with(|| a.file.cmp(&b.file))
        });
        self.ranks = vec![u32::MAX; self.articles.len()];
        for (rank, &i) in order.iter().enumerate() {
            self.ranks[i] = u32::try_from(rank).unwrap_or(u32::MAX);
        }
        for i in order {
            let article = &self.articles[i];
            let lists = &mut self.lists[article.lang];
            lists.articles.push(i);
            lists.archive.entry(article.date.month_in(&self.config.timezone)).or_default().push(i);
            let code = &self.config.languages[article.lang].code;
            let mut add = |kind: TaxonomyKind, key: &str, written: &str| {
                let names = self.config.terms(kind);
                let terms = lists.taxonomies.entry(kind).or_default();
                if let Some(term) = terms.get_mut(key) {
                    term.articles.push(i);
                    return;
                }
                let name =
                    names.get(key).and_then(|n| n.name.get(code)).cloned().unwrap_or_else(|| written.to_string());
                terms.insert(key.to_string(), Term { key: key.to_string(), name, articles: vec![i] });
            };
            for (tag, written) in article.tags.iter().zip(&article.tag_names) {
                add(TaxonomyKind::Tags, tag, written);
            }
            for region in &article.regions {
                add(TaxonomyKind::Regions, region, region);
            }
            if let Some(category) = &article.category {
                add(TaxonomyKind::Categories, category, category);
            }
            for author in &article.authors {
                if self.config.authors.contains_key(author) {
                    lists.authors.entry(author.clone()).or_default().push(i);
                }
            }
        }
        for lists in &mut self.lists {
            for kind in TaxonomyKind::ALL {
                lists.taxonomies.entry(kind).or_default();
            }
        }
        for lang in 0..self.lists.len() {
            self.lists[lang].lead = self.find_lead(lang);
        }
    }

    /// The newest article of language `lang` featured at the clock, or else its
    /// newest article.
    fn find_lead(&self, lang: usize) -> Option<usize> {
        let articles = &self.lists[lang].articles;
        let featured = |&&i: &&usize| self.articles[i].featured_until.is_some_and(|until| until.is_after(self.now));
        articles.iter().find(featured).or(articles.first()).copied()
    }

    /// Indexes the articles by `@/` key when some article pins related ones.
    pub(super) fn index_pinned(&mut self) {
        if self.articles.iter().any(|a| !a.pins.is_empty()) {
            let keys = self.articles.iter().enumerate().map(|(i, a)| (link_key_of(&a.file), i));
            self.by_link_key = keys.collect();
        }
    }
}

/// For each item, the other items with its stem, in language order.
pub(super) fn translations<'a>(items: impl Iterator<Item = (&'a str, usize)> + Clone) -> Vec<Vec<usize>> {
    let groups = group_by_stem(items.clone());
    items.enumerate().map(|(i, (stem, _))| groups[stem].iter().copied().filter(|&j| j != i).collect()).collect()
}

/// Indices of the items sharing each stem, in language order.
pub(super) fn group_by_stem<'a>(items: impl Iterator<Item = (&'a str, usize)>) -> HashMap<&'a str, Vec<usize>> {
    let mut groups: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (i, (stem, lang)) in items.enumerate() {
        groups.entry(stem).or_default().push((lang, i));
    }
    groups
        .into_iter()
        .map(|(stem, mut v)| {
            v.sort();
            (stem, v.into_iter().map(|(_, i)| i).collect())
        })
        .collect()
}
