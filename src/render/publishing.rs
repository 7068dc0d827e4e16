//! What pages take from the publishing outputs, and the author pages.
//!
//! Every page's context gets its hreflang `alternates` (the same set the sitemap
//! lists), the `feeds` its `<head>` announces, its visible `breadcrumb` and the
//! JSON-LD made from that same breadcrumb. Articles get bylines linking the authors'
//! pages and their corrections. Authors declared in site.toml get a paginated page of
//! their articles per language, and each language a list of its authors.

use serde::Serialize;
use tera::Context;

use super::Renderer;
use super::views::{Alternate, term_link};
use crate::config::AuthorKind;
use crate::feeds;
use crate::model::{Article, TaxonomyKind};
use crate::routes::{FeedScope, HtmlRoute, places};
use crate::structured_data::{self, Crumb};

/// An author of an article, linked to their page when site.toml declares them.
#[derive(Debug, Serialize)]
pub(super) struct Byline {
    name: String,
    permalink: Option<String>,
    /// The author's short biography, when site.toml gives one.
    bio: Option<String>,
}

/// A correction of an article, as themes receive it.
#[derive(Debug, Serialize)]
pub(super) struct CorrectionValue {
    date: String,
    date_display: String,
    note: String,
}

/// A declared author, as author pages receive them.
#[derive(Debug, Serialize)]
struct AuthorValue<'a> {
    key: &'a str,
    name: &'a str,
    bio: Option<&'a str>,
    /// The language the bio is written in: the page's when it has its own.
    bio_lang: &'a str,
    /// An organisation (a newsroom, an agency) rather than a person.
    organization: bool,
    website: Option<&'a str>,
    permalink: String,
    count: usize,
}

impl Renderer<'_> {
    /// Adds `alternates`, `feeds`, `breadcrumb` and `jsonld` to a page's context.
    pub(super) fn insert_publishing(&self, route: &HtmlRoute, lang: usize, ctx: &mut Context) {
        let alternates: Vec<Alternate> =
            places::alternates(self.site, route).iter().map(|(l, path)| self.alternate(*l, path)).collect();
        ctx.insert("alternates", &alternates);
        let scope = feed_scope(route);
        ctx.insert("feeds", &feeds::head_links(self.site, lang, scope.as_ref()));
        let breadcrumb = self.breadcrumb(route);
        ctx.insert("jsonld", &structured_data::json_ld(self.site, route, &breadcrumb));
        ctx.insert("breadcrumb", &breadcrumb);
    }

    /// The visible breadcrumb of a page, from the language's home to the page.
    fn breadcrumb(&self, route: &HtmlRoute) -> Vec<Crumb> {
        let site = self.site;
        let config = &site.config();
        let crumb = |name: &str, path: &str| Crumb { name: name.to_string(), permalink: config.absolute(path) };
        let home = |lang: usize| crumb(self.string(lang, "home"), &places::home(config, lang, 1).url);
        let taxonomy = |lang: usize, kind: TaxonomyKind| {
            crumb(self.string(lang, kind.as_str()), &places::taxonomy(config, lang, kind).url)
        };
        let authors = |lang: usize| crumb(self.string(lang, "authors"), &places::authors(config, lang).url);
        match route {
            HtmlRoute::Article(i) => {
                let a = site.article(*i);
                // A category without a page (its only other articles expired) is no step.
                let category = a.category.as_ref().and_then(|c| {
                    let link = term_link(site, a.lang, TaxonomyKind::Categories, c, c);
                    Some(Crumb { name: link.name, permalink: link.permalink? })
                });
                [home(a.lang)].into_iter().chain(category).chain([crumb(&a.title, &a.url)]).collect()
            }
            HtmlRoute::TaxonomyList { lang, kind } => vec![home(*lang), taxonomy(*lang, *kind)],
            HtmlRoute::Term { lang, kind, key, .. } => {
                let name = site.term(*lang, *kind, key).map_or(key.as_str(), |t| &t.name);
                vec![home(*lang), taxonomy(*lang, *kind), crumb(name, &places::term(config, *lang, *kind, key, 1).url)]
            }
            HtmlRoute::Author { lang, key, .. } => {
                let name = site.config().author_name(key, *lang).unwrap_or(key);
                vec![home(*lang), authors(*lang), crumb(name, &places::author(config, *lang, key, 1).url)]
            }
            HtmlRoute::AuthorList { lang } => vec![home(*lang), authors(*lang)],
            HtmlRoute::Search { lang } => {
                vec![home(*lang), crumb(self.string(*lang, "search_title"), &places::search(config, *lang).url)]
            }
            HtmlRoute::ArchiveIndex { lang }
            | HtmlRoute::ArchiveYear { lang, .. }
            | HtmlRoute::ArchiveMonth { lang, .. } => {
                [home(*lang)].into_iter().chain(self.archive_crumbs(route)).collect()
            }
            _ => Vec::new(),
        }
    }

    /// Page `page` of an author's articles in one language.
    pub(super) fn author_context(&self, lang: usize, key: &str, page: usize) -> Context {
        let site = self.site;
        let place_of = |n: usize| places::author(site.config(), lang, key, n);
        let author = self.author_value(lang, key);
        let description = author.bio.unwrap_or(&site.config().languages[lang].description);
        let mut ctx = self.common(&place_of(page).url, author.name, description);
        ctx.insert("paginator", &self.paginator(&site.authors(lang)[key], page, &place_of));
        ctx.insert("author", &author);
        ctx
    }

    /// The authors of a language, by name.
    pub(super) fn author_list_context(&self, lang: usize) -> Context {
        let site = self.site;
        let title = self.string(lang, "authors");
        let path = places::authors(site.config(), lang).url;
        let mut ctx = self.common(&path, title, &site.config().languages[lang].description);
        let mut authors: Vec<AuthorValue> = site.authors(lang).keys().map(|key| self.author_value(lang, key)).collect();
        let order = &self.languages[lang].names;
        authors.sort_by(|a, b| order.compare(a.name, b.name).then(a.key.cmp(b.key)));
        ctx.insert("authors", &authors);
        ctx
    }

    fn author_value<'a>(&'a self, lang: usize, key: &'a str) -> AuthorValue<'a> {
        let site = self.site;
        let config = site.config();
        let author = config.authors.get(key);
        let (code, default) = (&config.languages[lang].code, &config.default_language().code);
        AuthorValue {
            key,
            name: config.author_name(key, lang).unwrap_or(key),
            bio: config.author_bio(key, lang),
            bio_lang: author.and_then(|a| a.bio.as_ref()).map_or(default, |bio| bio.written_in(code, default)),
            organization: author.is_some_and(|a| a.kind == AuthorKind::Organization),
            website: author.and_then(|a| a.url.as_deref()),
            permalink: site.config().absolute(&places::author(site.config(), lang, key, 1).url),
            count: site.authors(lang).get(key).map_or(0, Vec::len),
        }
    }

    /// The article's authors, linked to their pages when declared.
    pub(super) fn bylines(&self, a: &Article) -> Vec<Byline> {
        let site = self.site;
        a.authors
            .iter()
            .map(|key| match site.config().author_name(key, a.lang) {
                Some(name) => Byline {
                    name: name.to_string(),
                    permalink: Some(site.config().absolute(&places::author(site.config(), a.lang, key, 1).url)),
                    bio: site.config().author_bio(key, a.lang).map(str::to_string),
                },
                None => Byline { name: key.clone(), permalink: None, bio: None },
            })
            .collect()
    }

    /// The article's corrections, oldest first, with localized dates.
    pub(super) fn corrections(&self, a: &Article) -> Vec<CorrectionValue> {
        let dates = &self.languages[a.lang].dates;
        a.corrections
            .iter()
            .map(|c| CorrectionValue {
                date: c.date.rfc3339(),
                date_display: dates.long_date(&c.date),
                note: c.note.clone(),
            })
            .collect()
    }
}

/// The feeds of a term or author page, besides the language's own.
fn feed_scope(route: &HtmlRoute) -> Option<FeedScope> {
    match route {
        HtmlRoute::Term { kind, key, .. } => Some(FeedScope::Term(*kind, key.clone())),
        HtmlRoute::Author { key, .. } => Some(FeedScope::Author(key.clone())),
        _ => None,
    }
}
