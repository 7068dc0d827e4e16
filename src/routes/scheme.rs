//! The URL scheme: where each kind of output lives, as a URL and as a file.
//!
//! Every output is a [`Place`]: its root-relative URL path, percent-encoded, and its
//! path in the output folder, not encoded. One function per kind of output gives
//! both, from the language's prefix (`""` or `"ja/"`) and what identifies the
//! output; nothing else in the crate formats a URL or an output path. Pages live in
//! folders (`/ja/tags/x/` is `ja/tags/x/index.html`), the second page of a list under
//! `page/2/`, feeds in the folder of the page they follow. This module depends on no
//! other stage, so the model can place its articles with it.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::dates::YearMonth;
use crate::output_path::{PathProblem, check_relative};
use crate::routes::IndexPart;
use crate::taxonomy::TaxonomyKind;

/// Where an output lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Place {
    /// Root-relative URL path, percent-encoded (`/ja/tags/%E6%97%A5/`).
    pub url: String,
    /// Path of the file in the output folder, not encoded (`ja/tags/日/index.html`).
    pub file: String,
}

impl Place {
    /// The page of folder `folder` (relative, empty or ending with `/`).
    fn folder(folder: String) -> Place {
        Place { url: encode(&format!("/{folder}")), file: format!("{folder}index.html") }
    }

    /// The file at `path` (relative).
    fn file(path: String) -> Place {
        Place { url: encode(&format!("/{path}")), file: path }
    }

    /// The folder this page's file is in, for the files that sit beside it.
    fn dir(&self) -> &str {
        self.file.rsplit_once('/').map_or("", |(dir, _)| &self.file[..dir.len() + 1])
    }
}

/// A feed format, and the name of its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FeedFormat {
    /// RSS 2.0, `rss.xml`.
    Rss,
    /// Atom, `atom.xml`.
    Atom,
    /// JSON Feed 1.1, `feed.json`.
    Json,
}

impl FeedFormat {
    /// Every format, in the order pages announce them.
    pub const ALL: [FeedFormat; 3] = [FeedFormat::Rss, FeedFormat::Atom, FeedFormat::Json];

    /// The feed's file name in its folder.
    pub fn file_name(self) -> &'static str {
        match self {
            FeedFormat::Rss => "rss.xml",
            FeedFormat::Atom => "atom.xml",
            FeedFormat::Json => "feed.json",
        }
    }
}

/// An article (`/ja/articles/slug/`).
pub fn article(prefix: &str, slug: &str) -> Place {
    Place::folder(format!("{prefix}articles/{slug}/"))
}

/// A plain page (`/ja/about/`).
pub fn page(prefix: &str, slug: &str) -> Place {
    Place::folder(format!("{prefix}{slug}/"))
}

/// Page `page` (1-based) of a language's home (`/ja/`, `/ja/page/2/`).
pub fn home(prefix: &str, page: usize) -> Place {
    Place::folder(paginated(prefix.to_string(), page))
}

/// The list of all terms of a taxonomy (`/ja/tags/`).
pub fn taxonomy(prefix: &str, kind: TaxonomyKind) -> Place {
    Place::folder(format!("{prefix}{}/", kind.as_str()))
}

/// Page `page` of a term's articles (`/ja/tags/x/`, `/ja/tags/x/page/2/`).
pub fn term(prefix: &str, kind: TaxonomyKind, key: &str, page: usize) -> Place {
    Place::folder(paginated(format!("{prefix}{}/{key}/", kind.as_str()), page))
}

/// The list of a language's authors (`/ja/authors/`).
pub fn authors(prefix: &str) -> Place {
    Place::folder(format!("{prefix}authors/"))
}

/// Page `page` of a declared author's articles (`/ja/authors/key/`).
pub fn author(prefix: &str, key: &str, page: usize) -> Place {
    Place::folder(paginated(format!("{prefix}authors/{key}/"), page))
}

/// A language's archive: its years and months (`/ja/archives/`).
pub fn archives(prefix: &str) -> Place {
    Place::folder(format!("{prefix}archives/"))
}

/// The months of one year of a language's archive (`/ja/archives/2025/`).
pub fn archive_year(prefix: &str, year: i16) -> Place {
    Place::folder(format!("{prefix}archives/{year:04}/"))
}

/// Page `page` of the articles of one month of a language's archive
/// (`/ja/archives/2025/07/`, `/ja/archives/2025/07/page/2/`).
pub fn archive_month(prefix: &str, month: YearMonth, page: usize) -> Place {
    Place::folder(paginated(format!("{prefix}archives/{:04}/{:02}/", month.year, month.month), page))
}

/// A language's "not found" page (`/ja/404.html`).
pub fn not_found(prefix: &str) -> Place {
    Place::file(format!("{prefix}404.html"))
}

/// A language's search page (`/ja/search/`).
pub fn search(prefix: &str) -> Place {
    Place::folder(format!("{prefix}search/"))
}

/// The folder of a language's search index, as a root-relative URL path ending in
/// `/` (`/ja/search/index/`).
pub fn search_index(prefix: &str) -> String {
    encode(&format!("/{prefix}search/index/"))
}

/// A file of a language's search index (`/ja/search/index/t/3.json`).
pub fn search_file(prefix: &str, part: &IndexPart) -> Place {
    let name = match part {
        IndexPart::Meta => "meta.json".to_string(),
        IndexPart::Terms(n) => format!("t/{n}.json"),
        IndexPart::Docs(k) => format!("d/{k}.json"),
        IndexPart::Filter(kind, key) => format!("f/{}/{key}.json", filter_name(*kind)),
    };
    Place::file(format!("{prefix}search/index/{name}"))
}

/// The name of a taxonomy among the search index's filters: one of its values.
pub fn filter_name(kind: TaxonomyKind) -> &'static str {
    match kind {
        TaxonomyKind::Tags => "tag",
        TaxonomyKind::Regions => "region",
        TaxonomyKind::Categories => "category",
    }
}

/// The feed in `format` of the list whose first page is `list`
/// (`/ja/tags/x/rss.xml`).
pub fn feed(list: &Place, format: FeedFormat) -> Place {
    Place::file(format!("{}{}", list.dir(), format.file_name()))
}

/// The sitemap, or the index of a sitemap split in parts.
pub fn sitemap() -> Place {
    Place::file("sitemap.xml".into())
}

/// Part `part` (0-based) of a sitemap split in parts (`/sitemap-1.xml`).
pub fn sitemap_part(part: usize) -> Place {
    Place::file(format!("sitemap-{}.xml", part + 1))
}

/// The Google News sitemap.
pub fn news_sitemap() -> Place {
    Place::file("news-sitemap.xml".into())
}

/// `robots.txt`.
pub fn robots() -> Place {
    Place::file("robots.txt".into())
}

/// The list of redirects that hosts such as Netlify and Cloudflare Pages read.
pub fn redirects_file() -> Place {
    Place::file("_redirects".into())
}

/// The response headers that hosts such as Netlify and Cloudflare Pages read.
pub fn headers_file() -> Place {
    Place::file("_headers".into())
}

/// The generated code-highlighting stylesheet.
pub fn syntax_css() -> Place {
    Place::file("syntax.css".into())
}

/// A static file of the theme or the site, at its path under `static/`.
pub fn static_file(path: &str) -> Place {
    Place::file(path.to_string())
}

/// The page that redirects from an old URL path (`/old/path/` → `old/path/index.html`,
/// `/old.html` → `old.html`), or why it is not a safe root-relative path.
pub fn alias(alias: &str) -> Result<Place, PathProblem> {
    let path = alias.strip_prefix('/').ok_or(PathProblem::NotRooted)?;
    check_relative(path)?;
    let last = path.rsplit('/').next().unwrap_or("");
    Ok(if path.ends_with('/') {
        Place::folder(path.to_string())
    } else if last.contains('.') {
        Place::file(path.to_string())
    } else {
        Place::folder(format!("{path}/"))
    })
}

/// `folder` for page 1 of a list, `folder/page/N/` for the others.
fn paginated(folder: String, page: usize) -> String {
    if page <= 1 { folder } else { format!("{folder}page/{page}/") }
}

/// Characters escaped in a URL path: controls, space and the characters that would
/// end or change the meaning of a path (`? # %` and friends). `/` is kept.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']');

/// Percent-encodes a root-relative path for use in a URL (non-ASCII as UTF-8 bytes).
/// broadsheet keeps Unicode in slugs rather than transliterating: a Japanese tag
/// `サイバー攻撃` has the folder `tags/サイバー攻撃/` on disk, and every URL that
/// points to it is percent-encoded here, which browsers show as the original text.
pub fn encode(path: &str) -> String {
    match utf8_percent_encode(path, PATH).into() {
        Cow::Borrowed(same) => same.to_string(),
        Cow::Owned(encoded) => encoded,
    }
}

/// A URL path as readers see it in the address bar, for messages: [`encode`] undone.
pub fn readable(url: &str) -> String {
    percent_encoding::percent_decode_str(url).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_live_in_folders_and_later_pages_under_page() {
        assert_eq!(home("", 1), Place { url: "/".into(), file: "index.html".into() });
        assert_eq!(home("ja/", 3).file, "ja/page/3/index.html");
        let t = term("ja/", TaxonomyKind::Tags, "日本", 2);
        assert_eq!(t.url, "/ja/tags/%E6%97%A5%E6%9C%AC/page/2/");
        assert_eq!(t.file, "ja/tags/日本/page/2/index.html");
        assert_eq!(article("", "a b?").url, "/articles/a%20b%3F/");
        assert_eq!(not_found("en/").url, "/en/404.html");
    }

    #[test]
    fn the_archive_has_a_folder_per_year_and_month() {
        assert_eq!(archives("").url, "/archives/");
        assert_eq!(archive_year("en/", 2025).file, "en/archives/2025/index.html");
        let july = YearMonth { year: 2025, month: 7 };
        assert_eq!(archive_month("", july, 1).url, "/archives/2025/07/");
        assert_eq!(archive_month("ja/", july, 3).file, "ja/archives/2025/07/page/3/index.html");
    }

    #[test]
    fn the_search_index_lives_under_the_search_page() {
        assert_eq!(search("ja/").url, "/ja/search/");
        assert_eq!(search_index(""), "/search/index/");
        assert_eq!(search_file("ko/", &IndexPart::Terms(3)).file, "ko/search/index/t/3.json");
        let filter = IndexPart::Filter(TaxonomyKind::Regions, "kp".into());
        assert_eq!(search_file("", &filter).url, "/search/index/f/region/kp.json");
    }

    #[test]
    fn feeds_sit_beside_the_page_they_follow() {
        assert_eq!(feed(&home("", 1), FeedFormat::Rss).file, "rss.xml");
        assert_eq!(
            feed(&term("ja/", TaxonomyKind::Regions, "kp", 1), FeedFormat::Json).url,
            "/ja/regions/kp/feed.json"
        );
        assert_eq!(feed(&author("", "jane", 1), FeedFormat::Atom).file, "authors/jane/atom.xml");
    }

    #[test]
    fn aliases_map_to_output_files() {
        assert_eq!(alias("/old/path/").map(|p| p.file).as_deref(), Ok("old/path/index.html"));
        assert_eq!(alias("/old/page.html").map(|p| p.file).as_deref(), Ok("old/page.html"));
        assert_eq!(alias("/old").map(|p| p.url).as_deref(), Ok("/old/"));
        for bad in ["old/", "/", "//x", "/../etc/", "/a/../../b", "/a\\b", "/con/"] {
            assert!(alias(bad).is_err(), "{bad}");
        }
    }
}
