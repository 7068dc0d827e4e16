//! Routes: the list of every file a build writes, and what renders each one.
//!
//! [`routes`] turns the model into a flat, sorted table of [`Route`]s: articles,
//! pages, each language's paginated home, taxonomy indexes, paginated term pages and
//! 404 pages. Rendering walks this table in parallel; an incremental rebuild can
//! compare two tables to find what to render again.

use crate::model::{Site, TaxonomyKind};

/// What renders an output file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route {
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
    let per_page = site.config.paginate_by;
    let mut out = Vec::new();
    let mut add = |output: String, route: Route| out.push(RouteEntry { output, route });
    for (i, a) in site.articles.iter().enumerate() {
        add(a.output.clone(), Route::Article(i));
    }
    for (i, p) in site.pages.iter().enumerate() {
        add(p.output.clone(), Route::Page(i));
    }
    for (lang, lists) in site.lists.iter().enumerate() {
        let prefix = &site.config.languages[lang].prefix;
        for page in 1..=page_count(lists.articles.len(), per_page) {
            add(format!("{}index.html", paginated_folder(prefix, page)), Route::Home { lang, page });
        }
        for (kind, terms) in &lists.taxonomies {
            let kind = *kind;
            add(format!("{prefix}{}/index.html", kind.as_str()), Route::TaxonomyList { lang, kind });
            for term in terms.values() {
                let base = format!("{prefix}{}/{}/", kind.as_str(), term.key);
                for page in 1..=page_count(term.articles.len(), per_page) {
                    add(format!("{}index.html", paginated_folder(&base, page)), Route::Term { lang, kind, key: term.key.clone(), page });
                }
            }
        }
        add(format!("{prefix}404.html"), Route::NotFound { lang });
    }
    out.sort_by(|a, b| a.output.cmp(&b.output));
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
