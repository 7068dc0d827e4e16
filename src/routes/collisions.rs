//! Two outputs, one file: found before anything is written, with both sources named.
//!
//! Editors choose slugs and aliases, and static files have names of their own; any of
//! them can land on a file the build also generates (a page whose slug is `tags`, an
//! alias to `/rss.xml`, a static `index.html`), or on a path where another output
//! needs a folder (`rss.xml` as a page's folder). Such outputs used to replace each
//! other quietly. [`check_unique`] compares every output path, including paths that
//! differ only by case or Unicode form, which are one file on macOS and Windows.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Problem};
use crate::front_matter;
use crate::model::Site;
use crate::output_path::collision_key;
use crate::theme::FileSource;

use super::{FeedRoute, FeedScope, HtmlRoute, Route, RouteEntry, scheme};

/// Why two outputs cannot both be written.
#[derive(Debug, thiserror::Error)]
pub enum CollisionError {
    /// The same path, or paths that differ only by case or Unicode form.
    #[error("{first} and {second} would write the same file {path}")]
    SameFile {
        /// The output path.
        path: String,
        /// What asked for it first.
        first: String,
        /// What asked for it too.
        second: String,
    },
    /// One output's file is the folder of another.
    #[error("{file_owner} writes the file {file}, where {folder_owner} needs a folder")]
    FileAndFolder {
        /// The output that is a file.
        file: String,
        /// What asked for it.
        file_owner: String,
        /// What asked for an output inside it.
        folder_owner: String,
    },
}

impl Problem for CollisionError {
    fn kind(&self) -> Kind {
        Kind::OutputCollision
    }
}

/// Who asked for an output.
#[derive(Clone, Copy)]
enum Origin<'a> {
    Route(&'a Route),
    Static(&'a FileSource),
    SyntaxCss,
}

/// Checks that no two of the routes `table` and static files `statics` (output path
/// → source) write the same file, or a file where another needs a folder; errors
/// point at the front matter line (read from the site at `root`) that asked for it.
pub fn check_unique(
    site: &Site,
    table: &[RouteEntry],
    statics: &BTreeMap<String, FileSource>,
    root: &Path,
) -> Result<(), Diagnostics> {
    let syntax_css = scheme::syntax_css().file;
    let mut outputs: Vec<(String, &str, Origin)> = table
        .iter()
        .map(|e| (collision_key(&e.output), e.output.as_str(), Origin::Route(&e.route)))
        .chain(statics.iter().map(|(path, source)| (collision_key(path), path.as_str(), Origin::Static(source))))
        .chain([(collision_key(&syntax_css), syntax_css.as_str(), Origin::SyntaxCss)])
        .collect();
    outputs.sort_by(|a, b| a.0.cmp(&b.0));
    let describe = |o: Origin| describe(site, root, o);
    let mut problems = Vec::new();
    for pair in outputs.windows(2).filter(|pair| pair[0].0 == pair[1].0) {
        let (loc, first, second) = editor_first(describe(pair[0].2), describe(pair[1].2));
        let error = CollisionError::SameFile { path: pair[1].1.to_string(), first, second };
        problems.push(Diagnostic::new(loc, error).with_hint(HINT));
    }
    problems.extend(files_used_as_folders(&outputs, &describe));
    Diagnostics(problems).sorted().into_result(())
}

/// The two origins of a collision, the one an editor wrote first (a content or
/// static file rather than site.toml), with the location to report it at.
fn editor_first(a: (Location, String), b: (Location, String)) -> (Location, String, String) {
    let generated = |l: &Location| l.path == Path::new("site.toml");
    let (a, b) = if generated(&a.0) && !generated(&b.0) { (b, a) } else { (a, b) };
    let (a, b) = if !generated(&a.0) && !generated(&b.0) && b.1 < a.1 { (b, a) } else { (a, b) };
    (a.0, a.1, b.1)
}

const HINT: &str = "give the page another `slug`, the alias another path, or the static file another name";

/// Outputs whose path is a folder of another output's path.
fn files_used_as_folders<'a>(
    outputs: &[(String, &'a str, Origin<'a>)],
    describe: &dyn Fn(Origin<'a>) -> (Location, String),
) -> Vec<Diagnostic> {
    let mut folders: HashMap<&str, usize> = HashMap::new();
    for (i, (key, _, _)) in outputs.iter().enumerate() {
        let mut rest = key.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            folders.entry(parent).or_insert(i);
            rest = parent;
        }
    }
    let mut problems = Vec::new();
    for (key, path, origin) in outputs {
        if let Some(&inside) = folders.get(key.as_str()) {
            let ((file_at, file_owner), (folder_at, folder_owner)) = (describe(*origin), describe(outputs[inside].2));
            let (loc, _, _) = editor_first((file_at, String::new()), (folder_at, String::new()));
            let error = CollisionError::FileAndFolder { file: path.to_string(), file_owner, folder_owner };
            problems.push(Diagnostic::new(loc, error).with_hint(HINT));
        }
    }
    problems
}

/// Where an output was asked for, and a phrase naming what asked for it.
fn describe(site: &Site, root: &Path, origin: Origin) -> (Location, String) {
    let locate = |file: &Path, key: &str| {
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        front_matter::key_location(file, &text, key)
    };
    let settings = || Location::file("site.toml");
    match origin {
        Origin::Static(FileSource::Disk(path)) => {
            let shown = path.strip_prefix(root).unwrap_or(path);
            (Location::file(shown), format!("the static file {}", shown.display()))
        }
        Origin::Static(FileSource::Embedded(_)) => (settings(), "a static file of the built-in theme".to_string()),
        Origin::SyntaxCss => (settings(), "the code stylesheet".to_string()),
        Origin::Route(Route::Html(HtmlRoute::Article(i))) => {
            let file = &site.article(*i).file;
            (locate(file, "slug"), format!("the article {}", file.display()))
        }
        Origin::Route(Route::Html(HtmlRoute::Page(i))) => {
            let file = &site.page(*i).file;
            (locate(file, "slug"), format!("the page {}", file.display()))
        }
        Origin::Route(Route::Redirect { to, .. }) => match alias_owner(site, to) {
            Some(file) => (locate(file, "aliases"), format!("an alias of {}", file.display())),
            None => (settings(), "the redirect from / to the default language".to_string()),
        },
        Origin::Route(Route::Html(route)) => (settings(), generated_page(site, route)),
        Origin::Route(Route::Feed(feed)) => (settings(), feed_name(site, feed)),
        Origin::Route(other) => (settings(), format!("the site's {}", file_kind(other))),
    }
}

/// The content file whose aliases redirect to `url`.
fn alias_owner<'s>(site: &'s Site, url: &str) -> Option<&'s Path> {
    let articles = site.articles().map(|a| (&a.url, &a.file));
    let pages = site.pages().map(|p| (&p.url, &p.file));
    articles.chain(pages).find(|(u, _)| *u == url).map(|(_, f)| f.as_path())
}

fn generated_page(site: &Site, route: &HtmlRoute) -> String {
    let code = |lang: usize| site.config().languages[lang].code.as_str();
    match route {
        HtmlRoute::Home { lang, page } => format!("page {page} of the {} home page", code(*lang)),
        HtmlRoute::TaxonomyList { lang, kind } => format!("the {} list of {}", code(*lang), kind.as_str()),
        HtmlRoute::Term { lang, kind, key, page } => {
            format!("page {page} of the {} {} page \"{key}\"", code(*lang), kind.as_str())
        }
        HtmlRoute::Author { lang, key, page } => format!("page {page} of the {} author page \"{key}\"", code(*lang)),
        HtmlRoute::AuthorList { lang } => format!("the {} list of authors", code(*lang)),
        HtmlRoute::ArchiveIndex { lang } => format!("the {} archive", code(*lang)),
        HtmlRoute::ArchiveYear { lang, year } => format!("the {} archive of {year}", code(*lang)),
        HtmlRoute::ArchiveMonth { lang, month, page } => {
            format!("page {page} of the {} archive of {}-{:02}", code(*lang), month.year, month.month)
        }
        HtmlRoute::NotFound { lang } => format!("the {} \"not found\" page", code(*lang)),
        HtmlRoute::Search { lang } => format!("the {} search page", code(*lang)),
        HtmlRoute::Article(_) | HtmlRoute::Page(_) => "a content page".to_string(),
    }
}

fn feed_name(site: &Site, feed: &FeedRoute) -> String {
    let code = |lang: usize| site.config().languages[lang].code.as_str();
    let of = match &feed.scope {
        FeedScope::Site => "the site".to_string(),
        FeedScope::Term(kind, key) => format!("{} \"{key}\"", kind.as_str()),
        FeedScope::Author(key) => format!("author \"{key}\""),
    };
    format!("the {} {} feed of {of}", code(feed.lang), feed.format.label())
}

fn file_kind(route: &Route) -> &'static str {
    match route {
        Route::RedirectsFile => "_redirects file",
        Route::HeadersFile => "_headers file",
        Route::Sitemap { .. } | Route::SitemapIndex { .. } => "sitemap",
        Route::NewsSitemap => "news sitemap",
        Route::Robots => "robots.txt",
        Route::Search(_) => "search index file",
        _ => "generated file",
    }
}
