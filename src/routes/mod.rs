//! Routes: the list of every file a build writes, what renders each one, and where
//! it lives.
//!
//! [`routes`] turns the model into a flat, sorted table of [`Route`]s: articles,
//! pages, each language's paginated home, taxonomy indexes, paginated term pages,
//! author pages, the archive (an index, a page per year, a paginated page per month),
//! each language's search page and the files of its search index, and 404 pages, the
//! redirects, feeds, sitemaps and robots.txt.
//! Rendering walks this table in parallel; an incremental rebuild compares two
//! tables. [`scheme`] is the URL scheme: one function per kind of output gives its
//! URL and its file; [`places`] applies it to a site's routes, and gives the
//! redirects and each page's other languages. [`check_unique`] refuses two outputs
//! that would be one file. Nothing outside this module formats a URL.

mod collisions;
pub mod places;
pub mod scheme;

pub use collisions::{CollisionError, check_unique};
pub use scheme::{FeedFormat, Place};

use crate::dates::YearMonth;
use crate::model::{Site, TaxonomyKind};

/// What renders an output file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route {
    /// A page rendered through the theme's templates.
    Html(HtmlRoute),
    /// A page that redirects from an alias to another URL path of the site.
    Redirect {
        /// The page that redirects.
        at: Place,
        /// The alias, as written (a root-relative URL path).
        from: String,
        /// Root-relative, encoded URL path of the target.
        to: String,
        /// Language index (for the page's `lang`).
        lang: usize,
    },
    /// The `_redirects` file listing every redirect.
    RedirectsFile,
    /// The `_headers` file: how long hosts and browsers may keep each kind of output.
    HeadersFile,
    /// An RSS, Atom or JSON feed.
    Feed(FeedRoute),
    /// A sitemap URL set: the whole sitemap, or a part of a split one.
    Sitemap {
        /// 0-based part number in a split sitemap; `None` for a whole one.
        part: Option<usize>,
    },
    /// The index of a sitemap split into `parts` files.
    SitemapIndex {
        /// Number of parts.
        parts: usize,
    },
    /// The Google News sitemap.
    NewsSitemap,
    /// `robots.txt`.
    Robots,
    /// A file of a language's search index.
    Search(SearchFile),
}

/// The pages that templates render.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HtmlRoute {
    /// An article page (index into `Site::articles`).
    Article(usize),
    /// A plain page (index into `Site::pages`).
    Page(usize),
    /// Page `page` (1-based) of a language's home.
    Home {
        /// Language index.
        lang: usize,
        /// 1-based page number.
        page: usize,
    },
    /// The list of all terms of a taxonomy.
    TaxonomyList {
        /// Language index.
        lang: usize,
        /// Which taxonomy.
        kind: TaxonomyKind,
    },
    /// Page `page` of one term's articles.
    Term {
        /// Language index.
        lang: usize,
        /// Which taxonomy.
        kind: TaxonomyKind,
        /// The term's key.
        key: String,
        /// 1-based page number.
        page: usize,
    },
    /// Page `page` of the articles of an author declared in site.toml.
    Author {
        /// Language index.
        lang: usize,
        /// The author's key in site.toml.
        key: String,
        /// 1-based page number.
        page: usize,
    },
    /// The list of the authors of a language.
    AuthorList {
        /// Language index.
        lang: usize,
    },
    /// A language's archive: its years and months that have articles.
    ArchiveIndex {
        /// Language index.
        lang: usize,
    },
    /// The months of one year of a language's archive.
    ArchiveYear {
        /// Language index.
        lang: usize,
        /// The year.
        year: i16,
    },
    /// Page `page` of the articles of one month of a language's archive.
    ArchiveMonth {
        /// Language index.
        lang: usize,
        /// The month, on the site's clock.
        month: YearMonth,
        /// 1-based page number.
        page: usize,
    },
    /// The "page not found" page of a language.
    NotFound {
        /// Language index.
        lang: usize,
    },
    /// The search page of a language.
    Search {
        /// Language index.
        lang: usize,
    },
}

impl HtmlRoute {
    /// The first page of a paginated list, `None` for other pages.
    pub fn first_page(&self) -> Option<HtmlRoute> {
        match self {
            HtmlRoute::Home { lang, .. } => Some(HtmlRoute::Home { lang: *lang, page: 1 }),
            HtmlRoute::Term { lang, kind, key, .. } => {
                Some(HtmlRoute::Term { lang: *lang, kind: *kind, key: key.clone(), page: 1 })
            }
            HtmlRoute::Author { lang, key, .. } => Some(HtmlRoute::Author { lang: *lang, key: key.clone(), page: 1 }),
            HtmlRoute::ArchiveMonth { lang, month, .. } => {
                Some(HtmlRoute::ArchiveMonth { lang: *lang, month: *month, page: 1 })
            }
            _ => None,
        }
    }
}

/// Which articles of a language a feed follows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeedScope {
    /// All of them.
    Site,
    /// Those of one tag, region or category (by key).
    Term(TaxonomyKind, String),
    /// Those of one declared author (by key).
    Author(String),
}

/// One feed file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FeedRoute {
    /// Language index.
    pub lang: usize,
    /// Which articles.
    pub scope: FeedScope,
    /// Which format.
    pub format: FeedFormat,
}

/// One file of a language's search index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SearchFile {
    /// Language index.
    pub lang: usize,
    /// Which file.
    pub part: IndexPart,
}

/// The files of a search index (see [`crate::search`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndexPart {
    /// `meta.json`: the sizes of the index.
    Meta,
    /// A shard of terms (0-based).
    Terms(usize),
    /// A chunk of doc records (0-based).
    Docs(usize),
    /// The documents of one tag, region or category (by key).
    Filter(TaxonomyKind, String),
}

/// An output file and its route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteEntry {
    /// Path of the output file, relative to the output folder, not encoded.
    pub output: String,
    /// What renders it.
    pub route: Route,
}

/// The most URLs one sitemap file may list: past it, the sitemap is split in parts
/// under an index.
pub const MAX_SITEMAP_URLS: usize = 50_000;

/// Number of pages needed for `items` items at `per_page` a page (at least 1).
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// Every output of the site, sorted by output path; two outputs may share a path
/// (see [`check_unique`]).
pub fn routes(site: &Site) -> Vec<RouteEntry> {
    let html = html_routes(site);
    let listed = html.iter().filter(|r| is_listed(site, r)).count();
    let mut out: Vec<Route> = html.into_iter().map(Route::Html).collect();
    out.extend(feed_routes(site).into_iter().map(Route::Feed));
    out.extend(search_routes(site).into_iter().map(Route::Search));
    out.extend(sitemap_routes(listed));
    let redirects = places::redirects(site);
    if !redirects.is_empty() {
        out.push(Route::RedirectsFile);
    }
    out.extend(redirects.into_iter().map(|r| Route::Redirect { at: r.at, from: r.from, to: r.to, lang: r.lang }));
    out.push(Route::HeadersFile);
    let mut table: Vec<RouteEntry> =
        out.into_iter().map(|route| RouteEntry { output: places::place(site, &route).file, route }).collect();
    table.sort_by(|a, b| a.output.cmp(&b.output));
    table
}

/// The pages rendered through templates.
pub fn html_routes(site: &Site) -> Vec<HtmlRoute> {
    let per_page = site.config().paginate_by;
    let pages = |items: usize| 1..=page_count(items, per_page);
    let mut out: Vec<HtmlRoute> = (0..site.article_count()).map(HtmlRoute::Article).collect();
    out.extend((0..site.page_count()).map(HtmlRoute::Page));
    for lang in 0..site.language_count() {
        out.extend(pages(site.home_list(lang).len()).map(|page| HtmlRoute::Home { lang, page }));
        for kind in TaxonomyKind::ALL {
            out.push(HtmlRoute::TaxonomyList { lang, kind });
            for term in site.taxonomy(lang, kind).values() {
                let key = &term.key;
                out.extend(pages(term.articles.len()).map(|page| HtmlRoute::Term {
                    lang,
                    kind,
                    key: key.clone(),
                    page,
                }));
            }
        }
        let authors = site.authors(lang);
        if !authors.is_empty() {
            out.push(HtmlRoute::AuthorList { lang });
        }
        for (key, articles) in authors {
            out.extend(pages(articles.len()).map(|page| HtmlRoute::Author { lang, key: key.clone(), page }));
        }
        out.extend(archive_routes(site, lang));
        if site.config().search.is_some() {
            out.push(HtmlRoute::Search { lang });
        }
        out.push(HtmlRoute::NotFound { lang });
    }
    out
}

/// The archive of a language: its index, then per year that has articles its page
/// and the pages of each of its months that has some.
fn archive_routes(site: &Site, lang: usize) -> Vec<HtmlRoute> {
    let per_page = site.config().paginate_by;
    let mut out = vec![HtmlRoute::ArchiveIndex { lang }];
    for (month, count) in site.archive_months(lang) {
        if !matches!(out.last(), Some(HtmlRoute::ArchiveMonth { month: last, .. }) if last.year == month.year) {
            out.push(HtmlRoute::ArchiveYear { lang, year: month.year });
        }
        out.extend((1..=page_count(count, per_page)).map(|page| HtmlRoute::ArchiveMonth { lang, month, page }));
    }
    out
}

/// Every feed: per language with articles, the whole language's feeds, then those
/// of each term and author, in every format.
fn feed_routes(site: &Site) -> Vec<FeedRoute> {
    let mut out = Vec::new();
    for lang in (0..site.language_count()).filter(|&lang| site.has_articles(lang)) {
        let terms = TaxonomyKind::ALL
            .into_iter()
            .flat_map(|kind| site.taxonomy(lang, kind).keys().map(move |key| FeedScope::Term(kind, key.clone())));
        let authors = site.authors(lang).keys().map(|k| FeedScope::Author(k.clone()));
        for scope in [FeedScope::Site].into_iter().chain(terms).chain(authors) {
            out.extend(FeedFormat::ALL.into_iter().map(|format| FeedRoute { lang, scope: scope.clone(), format }));
        }
    }
    out
}

/// The documents the search index of language `lang` holds, as `[search] sections`
/// says: the articles its lists show and its plain pages (their indexes in the
/// model, in no particular order); none when search is off.
pub fn search_documents(site: &Site, lang: usize) -> (&[usize], Vec<usize>) {
    let Some(search) = &site.config().search else {
        return (&[], Vec::new());
    };
    let articles = if search.articles { site.home_list(lang) } else { &[] };
    let pages = if search.pages { site.pages_of(lang) } else { Vec::new() };
    (articles, pages)
}

/// The files of each language's search index: its sizes, its term shards, its
/// chunks of doc records and, when articles are indexed, a list per term.
fn search_routes(site: &Site) -> Vec<SearchFile> {
    let Some(search) = &site.config().search else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for lang in 0..site.language_count() {
        let (articles, pages) = search_documents(site, lang);
        let docs = articles.len() + pages.len();
        let mut parts = vec![IndexPart::Meta];
        parts.extend((0..crate::search::shard_count(docs)).map(IndexPart::Terms));
        parts.extend((0..crate::search::chunk_count(docs)).map(IndexPart::Docs));
        if search.articles {
            for kind in TaxonomyKind::ALL {
                parts.extend(site.taxonomy(lang, kind).keys().map(|key| IndexPart::Filter(kind, key.clone())));
            }
        }
        out.extend(parts.into_iter().map(|part| SearchFile { lang, part }));
    }
    out
}

/// The sitemap files for `listed` URLs, the news sitemap and robots.txt.
fn sitemap_routes(listed: usize) -> Vec<Route> {
    let parts = page_count(listed, MAX_SITEMAP_URLS);
    let mut out = if parts == 1 {
        vec![Route::Sitemap { part: None }]
    } else {
        std::iter::once(Route::SitemapIndex { parts })
            .chain((0..parts).map(|part| Route::Sitemap { part: Some(part) }))
            .collect()
    };
    out.extend([Route::NewsSitemap, Route::Robots]);
    out
}

/// True for the pages a sitemap lists: every page but 404 pages, search pages and
/// drafts.
pub fn is_listed(site: &Site, route: &HtmlRoute) -> bool {
    match route {
        HtmlRoute::NotFound { .. } | HtmlRoute::Search { .. } => false,
        HtmlRoute::Article(i) => !site.article_head(*i).draft,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_sitemap_is_split_under_an_index() {
        assert_eq!(sitemap_routes(MAX_SITEMAP_URLS)[0], Route::Sitemap { part: None });
        let split = sitemap_routes(MAX_SITEMAP_URLS + 1);
        let parts = (0..2).map(|part| Route::Sitemap { part: Some(part) });
        let expected: Vec<Route> = std::iter::once(Route::SitemapIndex { parts: 2 })
            .chain(parts)
            .chain([Route::NewsSitemap, Route::Robots])
            .collect();
        assert_eq!(split, expected);
        assert_eq!(sitemap_routes(2 * MAX_SITEMAP_URLS + 1)[0], Route::SitemapIndex { parts: 3 });
    }

    #[test]
    fn page_count_is_at_least_one() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
    }
}
