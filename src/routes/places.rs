//! The URL scheme applied to a site: where each route of the table lives, the
//! redirects its aliases ask for, and which other languages each page exists in.
//!
//! Renderers, feeds, sitemaps and structured data ask here for every URL they
//! write; the functions that take a language index look its prefix up in the
//! configuration and hand it to [`scheme`].

use super::scheme::{self, Place};
use super::{FeedRoute, FeedScope, HtmlRoute, Route, SearchFile};
use crate::config::Config;
use crate::dates::YearMonth;
use crate::model::{Site, TaxonomyKind};
use crate::routes::FeedFormat;

fn prefix(config: &Config, lang: usize) -> &str {
    &config.languages[lang].prefix
}

/// Page `page` of a language's home.
pub fn home(config: &Config, lang: usize, page: usize) -> Place {
    scheme::home(prefix(config, lang), page)
}

/// The list of all terms of a taxonomy in a language.
pub fn taxonomy(config: &Config, lang: usize, kind: TaxonomyKind) -> Place {
    scheme::taxonomy(prefix(config, lang), kind)
}

/// Page `page` of a term's articles in a language.
pub fn term(config: &Config, lang: usize, kind: TaxonomyKind, key: &str, page: usize) -> Place {
    scheme::term(prefix(config, lang), kind, key, page)
}

/// The list of a language's authors.
pub fn authors(config: &Config, lang: usize) -> Place {
    scheme::authors(prefix(config, lang))
}

/// Page `page` of a declared author's articles in a language.
pub fn author(config: &Config, lang: usize, key: &str, page: usize) -> Place {
    scheme::author(prefix(config, lang), key, page)
}

/// A language's archive index.
pub fn archives(config: &Config, lang: usize) -> Place {
    scheme::archives(prefix(config, lang))
}

/// One year of a language's archive.
pub fn archive_year(config: &Config, lang: usize, year: i16) -> Place {
    scheme::archive_year(prefix(config, lang), year)
}

/// Page `page` of one month of a language's archive.
pub fn archive_month(config: &Config, lang: usize, month: YearMonth, page: usize) -> Place {
    scheme::archive_month(prefix(config, lang), month, page)
}

/// A language's search page.
pub fn search(config: &Config, lang: usize) -> Place {
    scheme::search(prefix(config, lang))
}

/// The folder of a language's search index, as a root-relative URL path.
pub fn search_index(config: &Config, lang: usize) -> String {
    scheme::search_index(prefix(config, lang))
}

/// The first page of the list a feed of `scope` follows.
pub fn feed_list(config: &Config, lang: usize, scope: &FeedScope) -> Place {
    match scope {
        FeedScope::Site => home(config, lang, 1),
        FeedScope::Term(kind, key) => term(config, lang, *kind, key, 1),
        FeedScope::Author(key) => author(config, lang, key, 1),
    }
}

/// A feed of `scope` in `format`.
pub fn feed(config: &Config, lang: usize, scope: &FeedScope, format: FeedFormat) -> Place {
    scheme::feed(&feed_list(config, lang, scope), format)
}

/// Where a page rendered through templates lives.
pub fn html(site: &Site, route: &HtmlRoute) -> Place {
    let config = &site.config();
    match route {
        HtmlRoute::Article(i) => {
            let a = site.article_head(*i);
            Place { url: a.url.to_string(), file: a.output.to_string() }
        }
        HtmlRoute::Page(i) => {
            let p = site.page(*i);
            Place { url: p.url.clone(), file: p.output.clone() }
        }
        HtmlRoute::Home { lang, page } => home(config, *lang, *page),
        HtmlRoute::TaxonomyList { lang, kind } => taxonomy(config, *lang, *kind),
        HtmlRoute::Term { lang, kind, key, page } => term(config, *lang, *kind, key, *page),
        HtmlRoute::Author { lang, key, page } => author(config, *lang, key, *page),
        HtmlRoute::AuthorList { lang } => authors(config, *lang),
        HtmlRoute::ArchiveIndex { lang } => archives(config, *lang),
        HtmlRoute::ArchiveYear { lang, year } => archive_year(config, *lang, *year),
        HtmlRoute::ArchiveMonth { lang, month, page } => archive_month(config, *lang, *month, *page),
        HtmlRoute::NotFound { lang } => scheme::not_found(prefix(config, *lang)),
        HtmlRoute::Search { lang } => search(config, *lang),
    }
}

/// Where any route's output lives.
pub fn place(site: &Site, route: &Route) -> Place {
    match route {
        Route::Html(page) => html(site, page),
        Route::Feed(FeedRoute { lang, scope, format }) => feed(site.config(), *lang, scope, *format),
        Route::Redirect { at, .. } => at.clone(),
        Route::RedirectsFile => scheme::redirects_file(),
        Route::HeadersFile => scheme::headers_file(),
        Route::Sitemap { part: None } => scheme::sitemap(),
        Route::Sitemap { part: Some(part) } => scheme::sitemap_part(*part),
        Route::SitemapIndex { .. } => scheme::sitemap(),
        Route::NewsSitemap => scheme::news_sitemap(),
        Route::Robots => scheme::robots(),
        Route::Search(SearchFile { lang, part }) => scheme::search_file(prefix(site.config(), *lang), part),
    }
}

/// A redirect from an old or alternative URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The page that redirects.
    pub at: Place,
    /// The URL path redirected from, as written.
    pub from: String,
    /// The URL path redirected to, encoded.
    pub to: String,
    /// Language index of the target.
    pub lang: usize,
}

/// Every redirect of the site: article and page aliases, and the root when the
/// default language lives under its code. Invalid aliases (reported by the model)
/// are skipped.
pub fn redirects(site: &Site) -> Vec<Redirect> {
    let mut out = Vec::new();
    if !site.config().default_language().prefix.is_empty() {
        let to = home(site.config(), 0, 1).url;
        out.push(Redirect { at: scheme::home("", 1), from: "/".to_string(), to, lang: 0 });
    }
    let articles = site.articles().map(|a| (&a.aliases, &a.url, a.lang));
    let pages = site.pages().map(|p| (&p.aliases, &p.url, p.lang));
    for (aliases, url, lang) in articles.chain(pages) {
        for alias in aliases {
            if let Ok(at) = scheme::alias(alias) {
                out.push(Redirect { at, from: alias.clone(), to: url.clone(), lang });
            }
        }
    }
    out
}

/// The same page in every language where it exists, this one included, as
/// (language index, root-relative URL path) in language order. Empty for pages that
/// have no counterpart elsewhere: 404 pages and list pages after the first.
pub fn alternates(site: &Site, route: &HtmlRoute) -> Vec<(usize, String)> {
    let config = &site.config();
    let in_languages = |url_in: &dyn Fn(usize) -> Option<String>| {
        (0..config.languages.len()).filter_map(|l| url_in(l).map(|p| (l, p))).collect()
    };
    match route {
        HtmlRoute::Article(i) => {
            let a = site.article_head(*i);
            versions(*i, a.translations, |j| (site.article_head(j).lang, site.article_head(j).url.to_string()))
        }
        HtmlRoute::Page(i) => {
            let p = site.page(*i);
            versions(*i, &p.translations, |j| (site.page(j).lang, site.page(j).url.clone()))
        }
        HtmlRoute::Home { page: 1, .. } => in_languages(&|l| Some(home(config, l, 1).url)),
        HtmlRoute::TaxonomyList { kind, .. } => in_languages(&|l| Some(taxonomy(config, l, *kind).url)),
        HtmlRoute::Term { kind, key, page: 1, .. } => {
            in_languages(&|l| site.term_name(l, *kind, key).is_some().then(|| term(config, l, *kind, key, 1).url))
        }
        HtmlRoute::Author { key, page: 1, .. } => {
            in_languages(&|l| site.authors(l).contains_key(key).then(|| author(config, l, key, 1).url))
        }
        HtmlRoute::AuthorList { .. } => {
            in_languages(&|l| (!site.authors(l).is_empty()).then(|| authors(config, l).url))
        }
        HtmlRoute::ArchiveIndex { .. } => in_languages(&|l| Some(archives(config, l).url)),
        HtmlRoute::Search { .. } => in_languages(&|l| Some(search(config, l).url)),
        HtmlRoute::ArchiveYear { year, .. } => in_languages(&|l| {
            site.archive_months(l).any(|(m, _)| m.year == *year).then(|| archive_year(config, l, *year).url)
        }),
        HtmlRoute::ArchiveMonth { month, page: 1, .. } => in_languages(&|l| {
            (!site.archive_month(l, *month).is_empty()).then(|| archive_month(config, l, *month, 1).url)
        }),
        _ => Vec::new(),
    }
}

/// An item and its translations as (language, URL path), in language order.
fn versions(this: usize, translations: &[usize], of: impl Fn(usize) -> (usize, String)) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = translations.iter().chain([&this]).map(|&j| of(j)).collect();
    out.sort();
    out
}
