//! Which outputs an edit may have changed: one fingerprint per route.
//!
//! Rendering a route is a pure function of the templates, the configuration and
//! the part of the model the route shows. [`fingerprint`] hashes that part, cheaply:
//! an article or page is stood for by its version in the [`ModelCache`] (which
//! changes whenever the item may have), a list page by its length, its page number
//! and the versions of the articles on it, a taxonomy index by its terms and their
//! counts; each also includes the signature of the templates that render it (see
//! [`templates`](super::templates)). Routes whose fingerprint is unchanged since the
//! last render are not rendered again. A feed is stood for by the versions of the
//! articles it shows, an author page like a list page. Files rendered without
//! templates are stood for by the model data their bytes are made of: a sitemap by
//! every article's and page's URL, language, translations and (for an article) draft
//! flag and last change, and by every list's key, length and newest change; the news
//! sitemap by the articles in its window (their URL, title, date and language); the
//! `_redirects` file by the redirects; a redirect page by its target; robots.txt by
//! nothing but the configuration. These hashes read no article body, so an edit of
//! an article's text renders none of these files again. The configuration and UI
//! strings are not hashed: a change to them re-renders everything.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use crate::feeds;
use crate::model::{ModelCache, Site, TaxonomyKind};
use crate::render::template_of;
use crate::routes::FeedRoute;
use crate::routes::{self, HtmlRoute, Route};
use crate::sitemap;

/// The cache versions of a site's articles and pages, looked up once per rebuild.
#[derive(Clone)]
pub struct Versions {
    articles: Vec<Option<u64>>,
    pages: Vec<Option<u64>>,
}

impl Versions {
    /// Article `i` has a new version (it was rebuilt in place).
    pub fn set_article(&mut self, i: usize, version: Option<u64>) {
        self.articles[i] = version;
    }

    /// The versions of every article and page of `site`.
    pub fn of(site: &Site, cache: &ModelCache) -> Versions {
        Versions {
            articles: site.articles.iter().map(|a| cache.version(&a.file)).collect(),
            pages: site.pages.iter().map(|p| cache.version(&p.file)).collect(),
        }
    }
}

/// The fingerprint of what `route` shows of `site` and of the templates that
/// render it (`templates`: signatures by name), or `None` when an item it shows has
/// no version (it must then be rendered).
pub fn fingerprint(route: &Route, site: &Site, versions: &Versions, templates: &HashMap<String, u64>) -> Option<u64> {
    let route = match route {
        Route::Html(route) => route,
        Route::Feed(feed) => return feed_fingerprint(feed, site, versions),
        Route::Sitemap { .. } | Route::SitemapIndex { .. } => return Some(sitemap_fingerprint(route, site)),
        Route::NewsSitemap => return Some(news_fingerprint(site)),
        Route::RedirectsFile => return Some(redirects_fingerprint(site)),
        // A redirect page shows its target; robots.txt, the configuration alone.
        Route::Redirect { .. } | Route::Robots => return Some(hash_of(route)),
    };
    let mut h = DefaultHasher::new();
    templates.get(template_of(route)).hash(&mut h);
    // Pages link to their language's feeds only when the language has articles.
    for lists in &site.lists {
        lists.articles.is_empty().hash(&mut h);
    }
    match route {
        HtmlRoute::Article(i) => {
            let a = &site.articles[*i];
            ("article", versions.articles[*i]?).hash(&mut h);
            for &j in &a.translations {
                versions.articles[j]?.hash(&mut h);
            }
        }
        HtmlRoute::Page(i) => {
            let p = &site.pages[*i];
            ("page", versions.pages[*i]?).hash(&mut h);
            for &j in &p.translations {
                versions.pages[j]?.hash(&mut h);
            }
        }
        HtmlRoute::Home { lang, page } => {
            let lists = &site.lists[*lang];
            let home = &lists.home;
            ("home", &home.title, &home.description, &home.html).hash(&mut h);
            list_page(&mut h, site, versions, &lists.articles, *page)?;
        }
        HtmlRoute::TaxonomyList { lang, kind } => {
            "taxonomy".hash(&mut h);
            for term in site.lists[*lang].taxonomies.get(kind)?.values() {
                (&term.key, &term.name, term.articles.len()).hash(&mut h);
            }
        }
        HtmlRoute::Term { lang, kind, key, page } => {
            let term = site.lists[*lang].taxonomies.get(kind)?.get(key)?;
            ("term", &term.name).hash(&mut h);
            list_page(&mut h, site, versions, &term.articles, *page)?;
            if *page == 1 {
                languages_with_term(&mut h, site, *kind, key);
            }
        }
        HtmlRoute::NotFound { lang } => ("not found", lang).hash(&mut h),
        HtmlRoute::Author { lang, key, page } => {
            ("author", key).hash(&mut h);
            list_page(&mut h, site, versions, site.lists[*lang].authors.get(key)?, *page)?;
        }
        HtmlRoute::AuthorList { lang } => {
            "authors".hash(&mut h);
            for (key, articles) in &site.lists[*lang].authors {
                (key, articles.len()).hash(&mut h);
            }
        }
    }
    Some(h.finish())
}

/// A feed shows its scope's newest articles: their versions stand for it.
fn feed_fingerprint(feed: &FeedRoute, site: &Site, versions: &Versions) -> Option<u64> {
    let mut h = DefaultHasher::new();
    ("feed", feed).hash(&mut h);
    for &i in feeds::articles(site, feed.lang, &feed.scope).iter().take(site.config.feeds.limit) {
        versions.articles[i]?.hash(&mut h);
    }
    Some(h.finish())
}

/// A sitemap lists every page with its last change and its other languages; the
/// pages are the articles, the pages and the lists (their keys and lengths give
/// their page counts), and a list's last change is the newest of its articles'.
fn sitemap_fingerprint(route: &Route, site: &Site) -> u64 {
    let mut h = DefaultHasher::new();
    route.hash(&mut h);
    for a in &site.articles {
        (&a.output, &a.url, a.lang, a.draft, sitemap::modified(a), &a.translations).hash(&mut h);
    }
    for p in &site.pages {
        (&p.output, &p.url, p.lang, &p.translations).hash(&mut h);
    }
    let newest = |articles: &[usize]| (articles.len(), sitemap::newest_change(site, articles));
    for lists in &site.lists {
        newest(&lists.articles).hash(&mut h);
        for (kind, terms) in &lists.taxonomies {
            for term in terms.values() {
                (kind, &term.key, newest(&term.articles)).hash(&mut h);
            }
        }
        for (key, articles) in &lists.authors {
            (key, newest(articles)).hash(&mut h);
        }
    }
    h.finish()
}

/// The news sitemap shows the URL, title, date and language of the articles in its
/// window.
fn news_fingerprint(site: &Site) -> u64 {
    let mut h = DefaultHasher::new();
    ("news", site.now).hash(&mut h);
    for i in sitemap::recent_articles(site) {
        let a = &site.articles[i];
        (&a.url, &a.title, a.date, a.lang).hash(&mut h);
    }
    h.finish()
}

/// The `_redirects` file lists every redirect.
fn redirects_fingerprint(site: &Site) -> u64 {
    let mut h = DefaultHasher::new();
    "redirects".hash(&mut h);
    for r in routes::places::redirects(site) {
        (r.from, r.to).hash(&mut h);
    }
    h.finish()
}

fn hash_of(value: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Hashes page `page` of a list: its length (page count, totals) and the versions
/// of the articles shown on it.
fn list_page(h: &mut DefaultHasher, site: &Site, versions: &Versions, items: &[usize], page: usize) -> Option<()> {
    let per_page = site.config.paginate_by;
    (page, items.len()).hash(h);
    for &i in items.iter().skip((page - 1) * per_page).take(per_page) {
        versions.articles[i]?.hash(h);
    }
    Some(())
}

/// The first page of a term links to the same term in the other languages.
fn languages_with_term(h: &mut DefaultHasher, site: &Site, kind: TaxonomyKind, key: &str) {
    for lists in &site.lists {
        lists.taxonomies.get(&kind).is_some_and(|terms| terms.contains_key(key)).hash(h);
    }
}
