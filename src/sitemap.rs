//! Sitemaps and robots.txt: what search engines read to find every page.
//!
//! `sitemap.xml` lists every public page (all but 404 pages and drafts) with its
//! `lastmod` and, for pages that exist in several languages, its `xhtml:link`
//! hreflang alternates (the same set the page's `<head>` gives). `lastmod` is always
//! an article date: an article's last update (else its publication), and for a list
//! page the newest of its articles; plain pages have none. Nothing here reads the
//! wall clock. Past [`MAX_SITEMAP_URLS`] URLs the list is split into `sitemap-1.xml`,
//! `sitemap-2.xml`... and `sitemap.xml` becomes their index. `news-sitemap.xml` is
//! the Google News sitemap: the articles published in the 48 hours before the build
//! clock (`--now`) and not expired at it, at most 1,000. `robots.txt` points to both.
//! An expired article stays in `sitemap.xml`: its page is still published.

use std::collections::HashMap;

use crate::dates::Moment;
use crate::deps::Memo;
use crate::model::{ArticleHead, Site};
use crate::routes::{self, HtmlRoute, MAX_SITEMAP_URLS, places, scheme};
use crate::xml::Xml;

/// The most articles a news sitemap may list.
pub const MAX_NEWS: usize = 1_000;
/// How long after its publication an article stays in the news sitemap.
const NEWS_WINDOW_HOURS: i64 = 48;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// One `<url>` of a sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
struct UrlEntry {
    loc: String,
    lastmod: Option<Moment>,
    /// (hreflang, absolute URL), `x-default` last; empty for one-language pages.
    alternates: Vec<(String, String)>,
}

/// Writes the sitemaps of one site; the URL list is made once, when first needed.
pub struct Sitemaps<'s> {
    site: &'s Site,
    urls: Memo<Vec<UrlEntry>>,
}

impl<'s> Sitemaps<'s> {
    /// The sitemaps of `site`.
    pub fn new(site: &'s Site) -> Sitemaps<'s> {
        Sitemaps { site, urls: Memo::new() }
    }

    /// Part `part` (0-based) of the URL set (the whole set when it is not split).
    pub fn urlset(&self, part: usize) -> String {
        let mut x = Xml::document();
        x.open("urlset", &[("xmlns", SITEMAP_NS), ("xmlns:xhtml", XHTML_NS)]);
        for url in self.part(part) {
            x.open("url", &[]);
            x.text("loc", &[], &url.loc);
            if let Some(lastmod) = &url.lastmod {
                x.text("lastmod", &[], &lastmod.rfc3339());
            }
            for (lang, href) in &url.alternates {
                x.empty("xhtml:link", &[("rel", "alternate"), ("hreflang", lang), ("href", href)]);
            }
            x.close("url");
        }
        x.close("urlset");
        x.finish()
    }

    /// The index of a sitemap split into `parts` files.
    pub fn index(&self, parts: usize) -> String {
        let mut x = Xml::document();
        x.open("sitemapindex", &[("xmlns", SITEMAP_NS)]);
        for part in 0..parts {
            x.open("sitemap", &[]);
            x.text("loc", &[], &self.site.config().absolute(&scheme::sitemap_part(part).url));
            if let Some(lastmod) = newest(self.part(part).iter().filter_map(|u| u.lastmod)) {
                x.text("lastmod", &[], &lastmod.rfc3339());
            }
            x.close("sitemap");
        }
        x.close("sitemapindex");
        x.finish()
    }

    /// The Google News sitemap: articles published in the 48 hours up to the build
    /// clock, newest first, at most [`MAX_NEWS`].
    pub fn news(&self) -> String {
        let site = self.site;
        let mut x = Xml::document();
        x.open("urlset", &[("xmlns", SITEMAP_NS), ("xmlns:news", NEWS_NS)]);
        for i in recent_articles(site) {
            let a = site.article_head(i);
            let language = &site.config().languages[a.lang];
            let publication = site.config().publisher.as_ref().map_or(&language.title, |p| &p.name);
            x.open("url", &[]);
            x.text("loc", &[], &site.config().absolute(a.url));
            x.open("news:news", &[]);
            x.open("news:publication", &[]);
            x.text("news:name", &[], publication);
            x.text("news:language", &[], &news_language(&language.code));
            x.close("news:publication");
            x.text("news:publication_date", &[], &a.date.rfc3339());
            x.text("news:title", &[], a.title);
            x.close("news:news");
            x.close("url");
        }
        x.close("urlset");
        x.finish()
    }

    fn part(&self, part: usize) -> &[UrlEntry] {
        let urls = self.urls.get(|| url_entries(self.site));
        let start = (part * MAX_SITEMAP_URLS).min(urls.len());
        &urls[start..(start + MAX_SITEMAP_URLS).min(urls.len())]
    }
}

/// `robots.txt`: every crawler welcome, and where the sitemaps are.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nDisallow:\n\nSitemap: {}\nSitemap: {}\n",
        site.config().absolute(&scheme::sitemap().url),
        site.config().absolute(&scheme::news_sitemap().url)
    )
}

/// Every listed page, sorted by URL.
fn url_entries(site: &Site) -> Vec<UrlEntry> {
    // Every page of a list has the list's `lastmod`: it is found once per list.
    let mut lists: HashMap<HtmlRoute, Option<Moment>> = HashMap::new();
    let mut urls: Vec<UrlEntry> = routes::html_routes(site)
        .into_iter()
        .filter(|route| routes::is_listed(site, route))
        .map(|route| UrlEntry {
            loc: site.config().absolute(&places::html(site, &route).url),
            lastmod: match route.first_page() {
                Some(first) => *lists.entry(first).or_insert_with(|| lastmod(site, &route)),
                None => lastmod(site, &route),
            },
            alternates: alternates(site, &route),
        })
        .collect();
    urls.sort_by(|a, b| a.loc.cmp(&b.loc));
    urls
}

/// The newest change of what a page shows.
fn lastmod(site: &Site, route: &HtmlRoute) -> Option<Moment> {
    match route {
        HtmlRoute::Article(i) => Some(modified(site.article_head(*i))),
        HtmlRoute::Page(_) | HtmlRoute::NotFound { .. } | HtmlRoute::Search { .. } => None,
        HtmlRoute::Home { lang, .. } => newest_change(site, site.home_list(*lang)),
        HtmlRoute::TaxonomyList { lang, kind } => {
            newest_change(site, site.taxonomy(*lang, *kind).values().flat_map(|t| &t.articles))
        }
        HtmlRoute::Term { lang, kind, key, .. } => {
            newest_change(site, site.term(*lang, *kind, key).map_or(&[][..], |t| &t.articles))
        }
        HtmlRoute::Author { lang, key, .. } => newest_change(site, site.authors(*lang).get(key).into_iter().flatten()),
        HtmlRoute::AuthorList { lang } => newest_change(site, site.authors(*lang).values().flatten()),
        HtmlRoute::ArchiveIndex { lang } => newest_change(site, site.home_list(*lang)),
        HtmlRoute::ArchiveYear { lang, year } => {
            let months: Vec<_> = site.archive_months(*lang).filter(|(m, _)| m.year == *year).collect();
            newest_change(site, months.into_iter().flat_map(|(m, _)| site.archive_month(*lang, m)))
        }
        HtmlRoute::ArchiveMonth { lang, month, .. } => newest_change(site, site.archive_month(*lang, *month)),
    }
}

/// When an article last changed: its last update, else its publication.
pub fn modified(article: ArticleHead) -> Moment {
    article.updated.unwrap_or(article.date)
}

/// The newest change among `articles` (indices into `Site::articles`): the
/// `lastmod` of a list of them.
pub fn newest_change<'a>(site: &Site, articles: impl IntoIterator<Item = &'a usize>) -> Option<Moment> {
    newest(articles.into_iter().map(|&i| modified(site.article_head(i))))
}

fn newest(moments: impl Iterator<Item = Moment>) -> Option<Moment> {
    moments.max_by_key(|m| m.timestamp)
}

/// A page's hreflang alternates, as its `<head>` gives them: every language version
/// and `x-default` for the default language's, when there are several versions.
fn alternates(site: &Site, route: &HtmlRoute) -> Vec<(String, String)> {
    let versions = places::alternates(site, route);
    if versions.len() < 2 {
        return Vec::new();
    }
    let link = |lang: usize, path: &str| (site.config().languages[lang].code.clone(), site.config().absolute(path));
    let default = versions
        .iter()
        .find(|(lang, _)| *lang == 0)
        .map(|(_, path)| ("x-default".to_string(), site.config().absolute(path)));
    versions.iter().map(|(lang, path)| link(*lang, path)).chain(default).collect()
}

/// Articles published in the news window before the build clock and not expired at
/// it, newest first: those the news sitemap lists.
pub fn recent_articles(site: &Site) -> Vec<usize> {
    let since =
        site.now().checked_sub(jiff::SignedDuration::from_hours(NEWS_WINDOW_HOURS)).unwrap_or(jiff::Timestamp::MIN);
    let mut recent: Vec<usize> = (0..site.article_count())
        .filter(|&i| {
            let a = site.article_head(i);
            !a.draft && a.date.timestamp >= since && a.date.timestamp <= site.now() && !a.expired_at(site.now())
        })
        .collect();
    recent.sort_by(|&a, &b| {
        let (a, b) = (site.article_head(a), site.article_head(b));
        b.date.timestamp.cmp(&a.date.timestamp).then_with(|| a.url.cmp(b.url))
    });
    recent.truncate(MAX_NEWS);
    recent
}

/// The first instant, from the build clock on, at which an article enters or
/// leaves the news window: until then the news sitemap stays as it is.
pub fn next_window_change(site: &Site) -> Option<jiff::Timestamp> {
    let window = jiff::SignedDuration::from_hours(NEWS_WINDOW_HOURS);
    site.articles()
        .filter(|a| !a.draft)
        .flat_map(|a| [Some(a.date.timestamp), a.date.timestamp.checked_add(window).ok()])
        .flatten()
        .filter(|&t| t >= site.now())
        .min()
}

/// The language code Google News wants: the ISO 639 language, except Chinese,
/// which is `zh-cn` (simplified) or `zh-tw` (traditional).
fn news_language(code: &str) -> String {
    let lower = code.to_ascii_lowercase();
    let primary = lower.split(['-', '_']).next().unwrap_or(&lower);
    if primary != "zh" {
        return primary.to_string();
    }
    let traditional = ["hant", "tw", "hk", "mo"].iter().any(|part| lower.split(['-', '_']).any(|p| p == *part));
    if traditional { "zh-tw" } else { "zh-cn" }.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_languages_follow_google_news_codes() {
        assert_eq!(news_language("fr"), "fr");
        assert_eq!(news_language("pt-BR"), "pt");
        assert_eq!(news_language("zh-Hant"), "zh-tw");
        assert_eq!(news_language("zh"), "zh-cn");
    }
}
