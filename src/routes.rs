//! Routes: the list of every file a build writes, and what renders each one.
//!
//! [`routes`] turns the model into a flat, sorted table of [`Route`]s: articles,
//! pages, each language's paginated home, taxonomy indexes, paginated term pages and
//! 404 pages. Rendering walks this table in parallel; an incremental rebuild can
//! compare two tables to find what to render again.

use crate::model::{Site, TaxonomyKind, alias_output};
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

/// Every output of the site, sorted by output path.
pub fn routes(site: &Site) -> Vec<RouteEntry> {
    let mut out: Vec<RouteEntry> =
        html_routes(site).into_iter().map(|(output, route)| RouteEntry { output, route: Route::Html(route) }).collect();
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
    out.dedup_by(|a, b| a.output == b.output);
    out
}

/// The pages rendered through templates, as (output path, route).
fn html_routes(site: &Site) -> Vec<(String, HtmlRoute)> {
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
            if let Some(output) = alias_output(alias) {
                out.push(Redirect { from: encode_path(alias), output, to: url.clone(), lang });
            }
        }
    }
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
