//! Routes: the list of every file a build writes, and what renders each one.
//!
//! [`routes`] turns the model into a flat, sorted table of [`Route`]s: articles,
//! pages, each language's paginated home, taxonomy indexes, paginated term pages,
//! author pages and 404 pages, then the redirects, feeds, sitemaps and robots.txt.
//! Rendering walks this table in parallel; an incremental rebuild can
//! compare two tables to find what to render again.

mod collisions;

pub use collisions::{CollisionError, check_unique};

use crate::feeds::{self, FeedRoute};
use crate::model::{Site, TaxonomyKind, alias_output};
use crate::sitemap;
use crate::slug::encode_path;

/// What renders an output file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route {
    /// A page rendered through the theme's templates.
    Html(HtmlRoute),
    /// A page that redirects to another URL path of the site.
    Redirect {
        /// Root-relative, encoded URL path of the target.
        to: String,
        /// Language index (for the page's `lang`).
        lang: usize,
    },
    /// The `_redirects` file listing every redirect.
    RedirectsFile,
    /// An RSS, Atom or JSON feed.
    Feed(FeedRoute),
    /// A sitemap URL set: the whole sitemap, or part `part` (0-based) of a split one.
    Sitemap {
        /// 0-based part number.
        part: usize,
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
    /// The "page not found" page of a language.
    NotFound {
        /// Language index.
        lang: usize,
    },
}

/// An output file and its route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteEntry {
    /// Path of the output file, relative to the output folder, not encoded.
    pub output: String,
    /// What renders it.
    pub route: Route,
}

/// Number of pages needed for `items` items at `per_page` a page (at least 1).
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// The folder (not encoded, with trailing `/`, without leading `/`) of page `page`
/// of a paginated list whose first page is `base` (`tags/x/` → `tags/x/page/2/`).
pub fn paginated_folder(base: &str, page: usize) -> String {
    if page <= 1 { base.to_string() } else { format!("{base}page/{page}/") }
}

/// Every output of the site, sorted by output path; two outputs may share a path
/// (see [`check_unique`]).
pub fn routes(site: &Site) -> Vec<RouteEntry> {
    let html = html_routes(site);
    let listed = html.iter().filter(|(_, r)| sitemap::is_listed(site, r)).count();
    let mut out: Vec<RouteEntry> =
        html.into_iter().map(|(output, route)| RouteEntry { output, route: Route::Html(route) }).collect();
    out.extend(feeds::routes(site));
    out.extend(sitemap::routes(listed));
    let redirects = redirects(site);
    if !redirects.is_empty() {
        out.push(RouteEntry { output: "_redirects".to_string(), route: Route::RedirectsFile });
    }
    out.extend(
        redirects
            .into_iter()
            .map(|r| RouteEntry { output: r.output, route: Route::Redirect { to: r.to, lang: r.lang } }),
    );
    out.sort_by(|a, b| a.output.cmp(&b.output));
    out
}

/// Where the generated code-highlighting stylesheet is written.
pub const SYNTAX_CSS: &str = "syntax.css";

/// The pages rendered through templates, as (output path, route).
pub fn html_routes(site: &Site) -> Vec<(String, HtmlRoute)> {
    let per_page = site.config.paginate_by;
    let mut out = Vec::new();
    for (i, a) in site.articles.iter().enumerate() {
        out.push((a.output.clone(), HtmlRoute::Article(i)));
    }
    for (i, p) in site.pages.iter().enumerate() {
        out.push((p.output.clone(), HtmlRoute::Page(i)));
    }
    for (lang, lists) in site.lists.iter().enumerate() {
        let prefix = &site.config.languages[lang].prefix;
        for page in 1..=page_count(lists.articles.len(), per_page) {
            out.push((format!("{}index.html", paginated_folder(prefix, page)), HtmlRoute::Home { lang, page }));
        }
        for (&kind, terms) in &lists.taxonomies {
            out.push((format!("{prefix}{}/index.html", kind.as_str()), HtmlRoute::TaxonomyList { lang, kind }));
            for term in terms.values() {
                let base = format!("{prefix}{}/{}/", kind.as_str(), term.key);
                for page in 1..=page_count(term.articles.len(), per_page) {
                    let route = HtmlRoute::Term { lang, kind, key: term.key.clone(), page };
                    out.push((format!("{}index.html", paginated_folder(&base, page)), route));
                }
            }
        }
        if !lists.authors.is_empty() {
            out.push((format!("{prefix}authors/index.html"), HtmlRoute::AuthorList { lang }));
        }
        for (key, articles) in &lists.authors {
            let base = format!("{prefix}authors/{key}/");
            for page in 1..=page_count(articles.len(), per_page) {
                let route = HtmlRoute::Author { lang, key: key.clone(), page };
                out.push((format!("{}index.html", paginated_folder(&base, page)), route));
            }
        }
        out.push((format!("{prefix}404.html"), HtmlRoute::NotFound { lang }));
    }
    out
}

/// A redirect from an old or alternative URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The URL path redirected from, encoded.
    pub from: String,
    /// The output file that holds the redirect page.
    pub output: String,
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
    if !site.config.default_language().prefix.is_empty() {
        out.push(Redirect { from: "/".to_string(), output: "index.html".to_string(), to: site.home_url(0), lang: 0 });
    }
    let articles = site.articles.iter().map(|a| (&a.aliases, &a.url, a.lang));
    let pages = site.pages.iter().map(|p| (&p.aliases, &p.url, p.lang));
    for (aliases, url, lang) in articles.chain(pages) {
        for alias in aliases {
            if let Ok(output) = alias_output(alias) {
                out.push(Redirect { from: encode_path(alias), output, to: url.clone(), lang });
            }
        }
    }
    out
}

/// The same page in every language where it exists, this one included, as
/// (language index, root-relative URL path) in language order. Empty for pages that
/// have no counterpart elsewhere: 404 pages and list pages after the first.
pub fn alternates(site: &Site, route: &HtmlRoute) -> Vec<(usize, String)> {
    let in_languages = |path_in: &dyn Fn(usize) -> Option<String>| {
        (0..site.config.languages.len()).filter_map(|l| path_in(l).map(|p| (l, p))).collect()
    };
    match route {
        HtmlRoute::Article(i) => {
            let a = &site.articles[*i];
            versions(*i, &a.translations, |j| (site.articles[j].lang, site.articles[j].url.clone()))
        }
        HtmlRoute::Page(i) => {
            let p = &site.pages[*i];
            versions(*i, &p.translations, |j| (site.pages[j].lang, site.pages[j].url.clone()))
        }
        HtmlRoute::Home { page: 1, .. } => in_languages(&|l| Some(site.home_url(l))),
        HtmlRoute::TaxonomyList { kind, .. } => in_languages(&|l| Some(site.taxonomy_url(l, *kind))),
        HtmlRoute::Term { kind, key, page: 1, .. } => {
            in_languages(&|l| site.lists[l].taxonomies[kind].contains_key(key).then(|| site.term_url(l, *kind, key)))
        }
        HtmlRoute::Author { key, page: 1, .. } => {
            in_languages(&|l| site.lists[l].authors.contains_key(key).then(|| site.author_url(l, key)))
        }
        HtmlRoute::AuthorList { .. } => {
            in_languages(&|l| (!site.lists[l].authors.is_empty()).then(|| site.authors_url(l)))
        }
        _ => Vec::new(),
    }
}

/// An item and its translations as (language, URL path), in language order.
fn versions(this: usize, translations: &[usize], of: impl Fn(usize) -> (usize, String)) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = translations.iter().chain([&this]).map(|&j| of(j)).collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_count_is_at_least_one() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
    }

    #[test]
    fn first_page_has_no_page_folder() {
        assert_eq!(paginated_folder("tags/x/", 1), "tags/x/");
        assert_eq!(paginated_folder("tags/x/", 3), "tags/x/page/3/");
        assert_eq!(paginated_folder("", 2), "page/2/");
    }
}
