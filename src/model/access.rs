//! Reading the site. The model's fields are private: everything outside this module
//! reads it through these accessors, and each reports the part it gives out to the
//! current [capture](crate::deps), so that what an output was made from is known
//! without anyone listing it. An accessor gives out only what its part covers:
//! articles and pages in lists are indices, read through [`Site::article`] and
//! [`Site::page`].

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::Site;
use super::types::{Article, ArticleHead, HomeText, Page, Term};
use crate::config::Config;
use crate::dates::YearMonth;
use crate::deps::{Read, record, record_with};
use crate::diagnostics::Location;
use crate::images::Pictures;
use crate::references::Reference;
use crate::taxonomy::TaxonomyKind;

/// The most articles [`Site::recent`] gives (and themes' `recent_articles`).
pub const RECENT: usize = 10;

impl Site {
    /// The configuration.
    pub fn config(&self) -> &Config {
        record(Read::Settings);
        &self.config
    }

    /// The build clock.
    pub fn now(&self) -> Timestamp {
        record(Read::Settings);
        self.now
    }

    /// How many languages the site has (indices `0..n`, the default one first).
    pub fn language_count(&self) -> usize {
        self.config().languages.len()
    }

    /// How many articles the site has (indices `0..n`).
    pub fn article_count(&self) -> usize {
        record(Read::AllArticles);
        self.articles.len()
    }

    /// Article `i`.
    pub fn article(&self, i: usize) -> &Article {
        record(Read::Article(i));
        &self.articles[i]
    }

    /// What identifies and dates article `i`, without its text.
    pub fn article_head(&self, i: usize) -> ArticleHead<'_> {
        record(Read::ArticleHead(i));
        self.articles[i].head()
    }

    /// How many plain pages the site has (indices `0..n`).
    pub fn page_count(&self) -> usize {
        record(Read::AllPages);
        self.pages.len()
    }

    /// Every article, in model order.
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        (0..self.article_count()).map(|i| self.article(i))
    }

    /// The root-relative links and the images of every article, page and home text,
    /// where each is written.
    pub fn references(&self) -> impl Iterator<Item = &(Location, Reference)> {
        let homes = (0..self.language_count()).map(|lang| &self.home_text(lang).references);
        self.articles().map(|a| &a.references).chain(self.pages().map(|p| &p.references)).chain(homes).flatten()
    }

    /// The photographs the site's texts show, as read while it was built.
    pub fn pictures(&self) -> &Pictures {
        &self.pictures
    }

    /// Every plain page, in model order.
    pub fn pages(&self) -> impl Iterator<Item = &Page> {
        (0..self.page_count()).map(|i| self.page(i))
    }

    /// Plain page `i`.
    pub fn page(&self, i: usize) -> &Page {
        record(Read::Page(i));
        &self.pages[i]
    }

    /// The plain pages of language `lang`, in model order.
    pub fn pages_of(&self, lang: usize) -> Vec<usize> {
        record(Read::PagesOf(lang));
        (0..self.pages.len()).filter(|&i| self.pages[i].lang == lang).collect()
    }

    /// The home text of language `lang`.
    pub fn home_text(&self, lang: usize) -> &HomeText {
        record(Read::HomeText(lang));
        &self.lists[lang].home
    }

    /// The articles of language `lang`, newest first.
    pub fn home_list(&self, lang: usize) -> &[usize] {
        record(Read::HomeList(lang));
        &self.lists[lang].articles
    }

    /// The story that leads the front page of language `lang`: the newest article
    /// featured at the clock (`featured_until`), or else the newest.
    pub fn lead(&self, lang: usize) -> Option<usize> {
        record(Read::Lead(lang));
        self.lists[lang].lead
    }

    /// The newest articles of language `lang`, at most [`RECENT`].
    pub fn recent(&self, lang: usize) -> &[usize] {
        record(Read::Recent(lang));
        let articles = &self.lists[lang].articles;
        &articles[..articles.len().min(RECENT)]
    }

    /// Whether language `lang` has any article.
    pub fn has_articles(&self, lang: usize) -> bool {
        record(Read::HasArticles(lang));
        !self.lists[lang].articles.is_empty()
    }

    /// The terms of taxonomy `kind` in language `lang`, by key.
    pub fn taxonomy(&self, lang: usize, kind: TaxonomyKind) -> &BTreeMap<String, Term> {
        record(Read::Taxonomy(lang, kind));
        &self.lists[lang].taxonomies[&kind]
    }

    /// A term of a language, when some article of that language uses it.
    pub fn term(&self, lang: usize, kind: TaxonomyKind, key: &str) -> Option<&Term> {
        record_with(|| Read::Term(lang, kind, key.to_string()));
        self.lists[lang].taxonomies.get(&kind)?.get(key)
    }

    /// The name of a term in a language, when some article of that language uses it.
    pub fn term_name(&self, lang: usize, kind: TaxonomyKind, key: &str) -> Option<&str> {
        record_with(|| Read::TermName(lang, kind, key.to_string()));
        self.lists[lang].taxonomies.get(&kind)?.get(key).map(|t| t.name.as_str())
    }

    /// The articles of each declared author with articles in language `lang`, by key,
    /// newest first.
    pub fn authors(&self, lang: usize) -> &BTreeMap<String, Vec<usize>> {
        record(Read::Authors(lang));
        &self.lists[lang].authors
    }

    /// The months that have articles in language `lang`, oldest first, each with
    /// how many.
    pub fn archive_months(&self, lang: usize) -> impl DoubleEndedIterator<Item = (YearMonth, usize)> + '_ {
        record(Read::ArchiveMonths(lang));
        self.lists[lang].archive.iter().map(|(&month, articles)| (month, articles.len()))
    }

    /// The articles of language `lang` dated in `month` (on the site's clock),
    /// newest first.
    pub fn archive_month(&self, lang: usize, month: YearMonth) -> &[usize] {
        record(Read::ArchiveMonth(lang, month));
        self.lists[lang].archive.get(&month).map_or(&[], Vec::as_slice)
    }
}
