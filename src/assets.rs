//! The stylesheets and script every page links to, by URLs that change with their
//! bytes.
//!
//! A page links to `/theme.css?v=3f2a…`, where the value is a fingerprint of the
//! file's bytes: hosts and browsers can then keep the file for a year (the build's
//! `_headers` says so) and still fetch the new one the moment a theme changes, as
//! the pages then name another URL. Fingerprints are taken when the theme is loaded,
//! so the pages, the rebuild's settings and `_headers` see the same values.

use std::collections::BTreeMap;
use std::hash::Hasher;

use serde::Serialize;
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::config::Config;
use crate::routes::scheme;
use crate::theme::FileSource;

/// The theme's stylesheet, an output path.
pub const STYLESHEET: &str = "theme.css";
/// The theme's script, an output path.
pub const SCRIPT: &str = "broadsheet.js";
/// The search page's script (an ES module), an output path.
pub const SEARCH_SCRIPT: &str = "search.js";

/// The fingerprint of each fingerprinted output, by output path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Fingerprints(BTreeMap<String, String>);

impl Fingerprints {
    /// The fingerprints of the stylesheet and scripts among `statics` (output path →
    /// source) and of the generated code stylesheet. A file that cannot be read gets
    /// none: copying it reports the problem.
    pub fn of(statics: &BTreeMap<String, FileSource>, syntax_css: &[u8]) -> Fingerprints {
        let mut by_output = BTreeMap::new();
        for name in [STYLESHEET, SCRIPT, SEARCH_SCRIPT] {
            if let Some(bytes) = statics.get(name).and_then(|source| source.read().ok()) {
                by_output.insert(name.to_string(), fingerprint(&bytes));
            }
        }
        by_output.insert(scheme::syntax_css().file, fingerprint(syntax_css));
        Fingerprints(by_output)
    }

    /// The URL a page links to for static output `output`: its path from the host's
    /// root, with the fingerprint in the query when it has one.
    pub fn url(&self, config: &Config, output: &str) -> String {
        let path = config.href(&scheme::static_file(output).url);
        match self.0.get(output) {
            Some(print) => format!("{path}?v={print}"),
            None => path,
        }
    }

    /// What templates get as `assets`: the URLs of the stylesheet, the code
    /// stylesheet, the script and the search page's script.
    pub fn links(&self, config: &Config) -> AssetLinks {
        AssetLinks {
            css: self.url(config, STYLESHEET),
            syntax_css: self.url(config, &scheme::syntax_css().file),
            js: self.url(config, SCRIPT),
            search_js: self.url(config, SEARCH_SCRIPT),
        }
    }
}

/// Cache rules for pages and feeds: kept a few minutes at most, checked again after.
const SHORT: &str = "public, max-age=0, must-revalidate";
/// Cache rule for outputs linked by their fingerprint: kept for a year, never checked.
const LONG: &str = "public, max-age=31536000, immutable";
/// Cache rule for feeds and sitemaps, which readers and crawlers poll.
const FEEDS: &str = "public, max-age=300";

/// The `_headers` file (Netlify, Cloudflare Pages): the fingerprinted stylesheets
/// and scripts kept for a year, pages checked at every visit, feeds and sitemaps
/// kept five minutes; every answer refuses to be sniffed as another media type.
/// Paths are from the host's root, under the base path. The rules of the site's
/// own `static/_headers` (`extra`) come last.
pub fn headers_file(config: &Config, extra: Option<&str>) -> String {
    let path = |output: &str| config.href(&scheme::static_file(output).url);
    let mut rules = vec![(config.href("/*"), "X-Content-Type-Options: nosniff".to_string())];
    for output in [STYLESHEET, SCRIPT, SEARCH_SCRIPT, &scheme::syntax_css().file] {
        rules.push((path(output), format!("Cache-Control: {LONG}")));
    }
    for pattern in ["/", "/*/", "/*.html"] {
        rules.push((config.href(pattern), format!("Cache-Control: {SHORT}")));
    }
    for pattern in ["/*.xml", "/*.json"] {
        rules.push((config.href(pattern), format!("Cache-Control: {FEEDS}")));
    }
    let mut text: String = rules.iter().map(|(path, header)| format!("{path}\n  {header}\n")).collect();
    if let Some(extra) = extra {
        text.push_str("\n# static/_headers\n");
        text.push_str(extra);
    }
    text
}

/// The URLs of the theme's assets, for templates.
#[derive(Debug, Clone, Serialize)]
pub struct AssetLinks {
    /// The theme's stylesheet.
    pub css: String,
    /// The code-highlighting stylesheet.
    pub syntax_css: String,
    /// The theme's script.
    pub js: String,
    /// The search page's script, an ES module.
    pub search_js: String,
}

/// 16 hexadecimal digits that change whenever `bytes` do: SipHash-1-3 with fixed
/// keys, whose output does not depend on the platform or the compiler's version.
fn fingerprint(bytes: &[u8]) -> String {
    let mut hasher = SipHasher13::new();
    hasher.write(bytes);
    format!("{:016x}", hasher.finish128().h1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_keep_fingerprinted_assets_a_year_and_check_pages_each_time() {
        let config =
            Config::parse("title='t'\nbase_url='https://u.github.io/news'\n", std::path::Path::new("site.toml"))
                .unwrap();
        let text = headers_file(&config, Some("/*\n  X-Frame-Options: DENY\n"));
        assert!(text.starts_with("/news/*\n  X-Content-Type-Options: nosniff\n"), "{text}");
        assert!(text.contains("/news/theme.css\n  Cache-Control: public, max-age=31536000, immutable\n"), "{text}");
        assert!(text.contains("/news/*/\n  Cache-Control: public, max-age=0, must-revalidate\n"), "{text}");
        assert!(text.contains("/news/*.xml\n  Cache-Control: public, max-age=300\n"), "{text}");
        assert!(
            text.ends_with("\n# static/_headers\n/*\n  X-Frame-Options: DENY\n"),
            "the site's own rules last: {text}"
        );
    }

    #[test]
    fn a_fingerprint_changes_with_the_bytes_and_only_with_them() {
        assert_eq!(fingerprint(b"body{}"), fingerprint(b"body{}"));
        assert_ne!(fingerprint(b"body{}"), fingerprint(b"body{ }"));
        assert_eq!(fingerprint(b"").len(), 16);
    }

    #[test]
    fn pages_link_to_assets_under_the_base_path_with_their_fingerprint() {
        let config =
            Config::parse("title='t'\nbase_url='https://u.github.io/news'\n", std::path::Path::new("site.toml"))
                .unwrap();
        let statics = BTreeMap::from([(STYLESHEET.to_string(), FileSource::Embedded(b"body{}"))]);
        let prints = Fingerprints::of(&statics, b".code{}");
        let links = prints.links(&config);
        assert_eq!(links.css, format!("/news/theme.css?v={}", fingerprint(b"body{}")));
        assert_eq!(links.syntax_css, format!("/news/syntax.css?v={}", fingerprint(b".code{}")));
        assert_eq!(links.js, "/news/broadsheet.js");
    }
}
