//! `site.toml`: the site's settings, read once and validated into a [`Config`].
//!
//! The file is parsed strictly (an unknown key is an error naming its line) into the
//! raw serde structs below, then [`Config::parse`] checks what serde cannot (language
//! codes, the default language, the time zone, the addresses of the publisher and
//! authors) and fills in what is implied (a one-language site when `[languages]` is
//! absent). The rest of the code only sees the resolved [`Config`]. Beside this file:
//! `error` (what can be wrong), `authors` (who signs), `keys` (where a setting is
//! written, and the keys that become folders), `front_page`, `images` and `search`
//! (their tables).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location};
use crate::highlight;
use crate::links::{self, Link, LinkKind};
use crate::toml_text;

mod authors;
mod error;
mod front_page;
mod images;
mod keys;
mod search;
pub use authors::{Author, AuthorKind, Localized};
pub use error::ConfigError;
pub use front_page::FrontPageConfig;
pub use images::{ImagesConfig, SiteImage};
pub use keys::table_location;
use keys::{by_slug, key_location};
pub use search::SearchConfig;

/// `site.toml` as written.
#[derive(Debug, Deserialize)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_language")]
    default_language: String,
    #[serde(default = "default_paginate_by")]
    paginate_by: usize,
    #[serde(default = "default_related")]
    related_articles: usize,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    default_language_in_subdir: bool,
    #[serde(default)]
    languages: BTreeMap<String, LanguageConfig>,
    #[serde(default)]
    regions: BTreeMap<String, TermNames>,
    #[serde(default)]
    categories: BTreeMap<String, TermNames>,
    #[serde(default)]
    tags: BTreeMap<String, TermNames>,
    #[serde(default)]
    publisher: Option<Publisher>,
    #[serde(default)]
    authors: BTreeMap<String, Author>,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    feeds: FeedsConfig,
    #[serde(default)]
    front_page: FrontPageConfig,
    #[serde(default)]
    images: ImagesConfig,
    #[serde(default)]
    search: search::RawSearch,
    #[serde(default)]
    strings: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    extra: toml::Table,
}

fn default_language() -> String {
    "en".to_string()
}
fn default_paginate_by() -> usize {
    10
}
fn default_related() -> usize {
    4
}
fn default_theme() -> String {
    "default".to_string()
}

/// One `[languages.<code>]` table.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LanguageConfig {
    /// The language named in itself ("Français"); default: the code.
    #[serde(default)]
    pub name: Option<String>,
    /// The site title in this language; default: the site's `title`.
    #[serde(default)]
    pub title: Option<String>,
    /// The site description in this language; default: the site's `description`.
    #[serde(default)]
    pub description: Option<String>,
    /// The locale used to format dates and numbers ("fr-FR"); default: the code.
    #[serde(default)]
    pub locale: Option<String>,
    /// Reading speed for alphabetic scripts; default 220 words a minute.
    #[serde(default)]
    pub words_per_minute: Option<u32>,
    /// Reading speed for Chinese, Japanese and Korean; default 500 characters a minute.
    #[serde(default)]
    pub chars_per_minute: Option<u32>,
}

/// Localized names of a region, category or tag: `name = { fr = "…", en = "…" }`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TermNames {
    /// Name per language code.
    #[serde(default)]
    pub name: BTreeMap<String, String>,
}

/// The organisation that publishes the site (used in structured data).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Publisher {
    /// Its name.
    pub name: String,
    /// Root-relative or absolute URL of its logo; default: none.
    #[serde(default)]
    pub logo: Option<Link>,
    /// Its home page; default: the site's base URL.
    #[serde(default)]
    pub url: Option<Link>,
}

/// `[markdown]`: how article bodies are rendered.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct MarkdownConfig {
    /// Curly quotes, dashes and ellipses; default true.
    pub smart_punctuation: bool,
    /// Highlight fenced code blocks with syntect; default true.
    pub highlight_code: bool,
    /// Override the theme's syntect theme; default: the theme's choice.
    pub highlight_theme: Option<String>,
    /// Pass raw HTML of bodies and summaries through; false: show it as text.
    /// Default true.
    pub raw_html: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig { smart_punctuation: true, highlight_code: true, highlight_theme: None, raw_html: true }
    }
}

/// `[feeds]`: what the RSS, Atom and JSON feeds carry.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct FeedsConfig {
    /// Each item carries the article's whole text (news summary and commentary),
    /// not only its news summary; default false.
    pub full_content: bool,
    /// How many of the newest articles a feed lists; default 20.
    pub limit: usize,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig { full_content: false, limit: 20 }
    }
}

/// A language of the site, resolved.
#[derive(Debug, Clone)]
pub struct Language {
    /// BCP 47 code ("fr", "pt-BR").
    pub code: String,
    /// The language named in itself.
    pub name: String,
    /// Site title in this language.
    pub title: String,
    /// Site description in this language.
    pub description: String,
    /// The locale for dates and numbers.
    pub locale: icu::locale::Locale,
    /// True for right-to-left scripts (Arabic, Hebrew, Persian, Urdu...).
    pub rtl: bool,
    /// Words a minute for reading time.
    pub words_per_minute: u32,
    /// CJK characters a minute for reading time.
    pub chars_per_minute: u32,
    /// URL prefix: "" for the default language (unless `default_language_in_subdir`),
    /// "ja/" for the others.
    pub prefix: String,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site title in the default language.
    pub title: String,
    /// Base URL without a trailing slash (`https://example.org` or `https://x.org/blog`).
    pub base_url: String,
    /// Languages, the default one first, then by code.
    pub languages: Vec<Language>,
    /// Articles per list page.
    pub paginate_by: usize,
    /// How many related articles end an article's page (0: none).
    pub related_articles: usize,
    /// The time zone for dates written without an offset.
    pub timezone: jiff::tz::TimeZone,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Declared regions.
    pub regions: BTreeMap<String, TermNames>,
    /// Declared categories (optional names).
    pub categories: BTreeMap<String, TermNames>,
    /// Tag translations (optional).
    pub tags: BTreeMap<String, TermNames>,
    /// The publisher, for structured data.
    pub publisher: Option<Publisher>,
    /// Declared authors.
    pub authors: BTreeMap<String, Author>,
    /// Markdown settings.
    pub markdown: MarkdownConfig,
    /// Feed settings.
    pub feeds: FeedsConfig,
    /// How each language's home page arranges its stories.
    pub front_page: FrontPageConfig,
    /// The site's own images (the default one of link previews).
    pub images: ImagesConfig,
    /// What the search index holds; `None` when search is off.
    pub search: Option<SearchConfig>,
    /// Site overrides of the theme's UI strings, per language.
    pub strings: BTreeMap<String, BTreeMap<String, String>>,
    /// Free-form `[extra]`, passed to templates.
    pub extra: toml::Table,
}

/// Right-to-left primary languages.
const RTL_LANGUAGES: &[&str] = &["ar", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"];

impl Config {
    /// Reads and validates `site.toml` at `path`; errors name the file and line.
    pub fn load(path: &Path) -> Result<Config, Diagnostics> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostic::of_kind(Location::file(path), Kind::Unreadable, format!("cannot read the site settings: {e}"))
                .with_hint("run broadsheet in a site folder (one with site.toml), or pass --root DIR")
        })?;
        Config::parse(&crate::normal::composed(text), path)
    }

    /// Parses and validates the text of `site.toml`; `path` is used in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Diagnostics> {
        let raw: RawConfig =
            toml_text::parse_file(text, path, 1, "the README's site.toml section lists every setting")?;
        raw.resolve(text, path)
    }

    /// The default language (the first).
    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    /// The language with this code, if declared.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The declared terms of taxonomy `kind`, by key (slug).
    pub fn terms(&self, kind: crate::taxonomy::TaxonomyKind) -> &BTreeMap<String, TermNames> {
        match kind {
            crate::taxonomy::TaxonomyKind::Tags => &self.tags,
            crate::taxonomy::TaxonomyKind::Regions => &self.regions,
            crate::taxonomy::TaxonomyKind::Categories => &self.categories,
        }
    }

    /// The name of declared author `key` in language `lang` (an index).
    pub fn author_name(&self, key: &str, lang: usize) -> Option<&str> {
        let author = self.authors.get(key)?;
        Some(author.name.get(&self.languages[lang].code, &self.default_language().code))
    }

    /// The alternative text of the default image of link previews in language `lang`.
    pub fn default_image_alt(&self, lang: usize) -> Option<&str> {
        let alt = &self.images.default.as_ref()?.alt;
        Some(alt.get(&self.languages[lang].code, &self.default_language().code))
    }

    /// The biography of declared author `key` in language `lang`, when it has one.
    pub fn author_bio(&self, key: &str, lang: usize) -> Option<&str> {
        let bio = self.authors.get(key)?.bio.as_ref()?;
        Some(bio.get(&self.languages[lang].code, &self.default_language().code)).filter(|b| !b.is_empty())
    }

    /// The absolute URL of a site path ("/tags/" → "https://x.org/news/tags/").
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// The path of the base URL, without a trailing slash: `""` for a site at the
    /// root of its host, `"/news"` for one published under a sub-path.
    pub fn base_path(&self) -> &str {
        path_of(&self.base_url)
    }

    /// The base URL without its path (`https://x.org`), which a path from the host's
    /// root is appended to.
    pub fn origin(&self) -> &str {
        &self.base_url[..self.base_url.len() - self.base_path().len()]
    }

    /// The path from the host's root of a site path (`/tags/` → `/news/tags/`): what
    /// a page links to when it does not link with the absolute URL.
    pub fn href(&self, path: &str) -> String {
        format!("{}{}", self.base_path(), path)
    }

    /// A link written by an editor as the page will hold it: a root-relative path is
    /// taken from the site's root ([`href`](Self::href)), anything else is kept.
    pub fn link_href(&self, link: &str) -> String {
        if is_root_relative(link) { self.href(link) } else { link.to_string() }
    }

    /// The absolute URL of a link written by an editor (an image, a logo): an
    /// http(s) URL as it is, a root-relative path under the base URL, and `None` for
    /// a relative path, which has no single absolute form.
    pub fn resolve_link(&self, link: &str) -> Option<String> {
        if links::is_absolute_web(link) {
            Some(link.to_string())
        } else if is_root_relative(link) {
            Some(self.absolute(link))
        } else {
            None
        }
    }
}

/// The path of a base URL without a trailing slash (`https://x.org/news/` →
/// `/news`, `https://x.org` → `""`).
pub fn path_of(base_url: &str) -> &str {
    let base_url = base_url.trim_end_matches('/');
    let after_scheme = base_url.split_once("://").map_or("", |(_, rest)| rest);
    after_scheme.find('/').map_or("", |at| &after_scheme[at..])
}

/// Whether `link` is a path from the root (`/x`), not a relative path or a
/// protocol-relative URL (`//host/x`).
pub fn is_root_relative(link: &str) -> bool {
    link.starts_with('/') && !link.starts_with("//")
}

/// Checks a base URL (from `site.toml` or `--base-url`): an absolute http or https
/// address with a host, which the site's paths are appended to.
pub fn check_base_url(url: &str) -> Result<(), ConfigError> {
    let absolute = links::check("base_url", url, LinkKind::External).is_ok();
    if absolute && !url.contains(['?', '#']) { Ok(()) } else { Err(ConfigError::BadBaseUrl(url.to_string())) }
}

impl RawConfig {
    fn resolve(self, text: &str, path: &Path) -> Result<Config, Diagnostics> {
        let mut problems = Vec::new();
        let locate = |key: &str| key_location(text, path, key);
        if let Err(e) = check_base_url(&self.base_url) {
            problems.push(Diagnostic::new(locate("base_url"), e));
        }
        if self.paginate_by == 0 {
            problems.push(Diagnostic::new(locate("paginate_by"), ConfigError::ZeroPagination));
        }
        if self.feeds.limit == 0 {
            problems.push(Diagnostic::new(locate("limit"), ConfigError::ZeroFeedLimit));
        }
        problems.extend(self.refused_links(text, path));
        problems.extend(self.images.problems(text, path));
        problems.extend(self.bad_keys(text, path));
        if let Some(Err(e)) = self.markdown.highlight_theme.as_deref().map(highlight::check_theme) {
            problems.push(Diagnostic::new(locate("highlight_theme"), ConfigError::Highlight(e)));
        }
        let timezone = match &self.timezone {
            None => jiff::tz::TimeZone::UTC,
            Some(name) => jiff::tz::TimeZone::get(name).unwrap_or_else(|_| {
                problems.push(
                    Diagnostic::new(locate("timezone"), ConfigError::BadTimeZone(name.clone()))
                        .with_hint("use an IANA name such as \"Europe/Paris\" or \"Asia/Tokyo\""),
                );
                jiff::tz::TimeZone::UTC
            }),
        };
        let mut declared = self.languages.clone();
        if declared.is_empty() {
            declared.insert(self.default_language.clone(), LanguageConfig::default());
        }
        if !declared.contains_key(&self.default_language) {
            problems.push(
                Diagnostic::new(
                    locate("default_language"),
                    ConfigError::UnknownDefaultLanguage(self.default_language.clone()),
                )
                .with_hint(format!("declared: {}", declared.keys().cloned().collect::<Vec<_>>().join(", "))),
            );
        }
        let mut languages = Vec::new();
        for (code, lang) in &declared {
            match self.resolve_language(code, lang) {
                Some(l) => languages.push(l),
                None => problems.push(
                    Diagnostic::new(locate(&format!("[languages.{code}]")), ConfigError::BadLanguageCode(code.clone()))
                        .with_hint("use a code such as \"fr\", \"ja\" or \"pt-BR\""),
                ),
            }
        }
        languages.sort_by_key(|l| (l.code != self.default_language, l.code.clone()));
        problems.extend(self.undeclared_author_languages(&declared, text, path));
        let tags = by_slug("tags", &self.tags, text, path, &mut problems);
        let categories = by_slug("categories", &self.categories, text, path, &mut problems);
        problems.extend(self.front_page.undeclared(&categories, &self.regions, text, path));
        let search = self.search.resolve(text, path, &mut problems);
        Diagnostics(problems).into_result(())?;
        Ok(Config {
            title: self.title,
            base_url: self.base_url.trim_end_matches('/').to_string(),
            languages,
            paginate_by: self.paginate_by,
            related_articles: self.related_articles,
            timezone,
            theme: self.theme,
            regions: self.regions,
            categories,
            tags,
            publisher: self.publisher,
            authors: self.authors,
            markdown: self.markdown,
            feeds: self.feeds,
            front_page: self.front_page.with_slugs(),
            images: self.images.located(text, path),
            search,
            strings: self.strings,
            extra: self.extra,
        })
    }

    /// The addresses of the publisher and the authors that are not allowed.
    fn refused_links(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let publisher = self.publisher.iter().flat_map(|p| {
            [("publisher url", &p.url, LinkKind::External), ("publisher logo", &p.logo, LinkKind::Resource)]
        });
        let authors = self.authors.values().map(|a| ("author url", &a.url, LinkKind::External));
        let given = publisher.chain(authors).filter_map(|(place, link, kind)| Some((place, link.as_ref()?, kind)));
        links::refused(given, |span| Location::at_offset(path, text, span.start, 1))
    }

    fn resolve_language(&self, code: &str, lang: &LanguageConfig) -> Option<Language> {
        let id: icu::locale::LanguageIdentifier = code.parse().ok()?;
        if id.to_string() != code && id.to_string().to_lowercase() != code.to_lowercase() {
            return None;
        }
        let locale: icu::locale::Locale = lang.locale.as_deref().unwrap_or(code).parse().ok()?;
        let primary = id.language.as_str().to_string();
        let is_default = code == self.default_language;
        Some(Language {
            code: code.to_string(),
            name: lang.name.clone().unwrap_or_else(|| code.to_string()),
            title: lang.title.clone().unwrap_or_else(|| self.title.clone()),
            description: lang.description.clone().unwrap_or_else(|| self.description.clone()),
            locale,
            rtl: RTL_LANGUAGES.contains(&primary.as_str()),
            words_per_minute: lang.words_per_minute.unwrap_or(220).max(1),
            chars_per_minute: lang.chars_per_minute.unwrap_or(500).max(1),
            prefix: if is_default && !self.default_language_in_subdir { String::new() } else { format!("{code}/") },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostics> {
        Config::parse(text, Path::new("site.toml"))
    }

    #[test]
    fn one_language_site_needs_no_languages_table() {
        let c = parse("title = \"T\"\nbase_url = \"https://x.org/\"\ndefault_language = \"fr\"\n").unwrap();
        assert_eq!(c.languages.len(), 1);
        assert_eq!(c.default_language().code, "fr");
        assert_eq!(c.base_url, "https://x.org");
        assert_eq!((c.base_path(), c.origin(), c.href("/a/")), ("", "https://x.org", "/a/".to_string()));
        let c = parse("title = \"T\"\nbase_url = \"https://u.github.io/news/\"\ndefault_language = \"fr\"\n").unwrap();
        assert_eq!((c.base_path(), c.origin()), ("/news", "https://u.github.io"));
        assert_eq!(
            (c.href("/a/"), c.link_href("/i.png"), c.link_href("i.png")),
            ("/news/a/".into(), "/news/i.png".into(), "i.png".into())
        );
    }

    #[test]
    fn default_language_comes_first_and_others_get_a_prefix() {
        let c = parse(
            "title = \"T\"\nbase_url = \"https://x.org\"\ndefault_language = \"fr\"\n[languages.en]\n[languages.fr]\n[languages.ar]\n",
        )
        .unwrap();
        let codes: Vec<_> = c.languages.iter().map(|l| (l.code.as_str(), l.prefix.as_str(), l.rtl)).collect();
        assert_eq!(codes, [("fr", "", false), ("ar", "ar/", true), ("en", "en/", false)]);
    }

    #[test]
    fn default_language_can_live_under_its_code() {
        let c = parse("title = \"T\"\nbase_url = \"https://x.org\"\ndefault_language = \"fr\"\ndefault_language_in_subdir = true\n").unwrap();
        assert_eq!(c.default_language().prefix, "fr/");
    }

    #[test]
    fn unknown_key_names_its_line_and_the_key_it_may_be() {
        let err = parse("title = \"T\"\nbase_url = \"https://x.org\"\ncolour = 1\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("site.toml:3:1: unknown key `colour` (known keys: title, description"), "{text}");
        let err = parse("title = \"T\"\nbase_url = \"https://x.org\"\n[regoins.kp]\n").unwrap_err();
        assert_eq!(err.0[0].kind, crate::diagnostics::Kind::UnknownKey);
        assert!(err.to_string().starts_with("site.toml:3:1: unknown key `regoins`"), "{err}");
        assert_eq!(err.0[0].hint.as_deref(), Some("did you mean `regions`?"));
    }

    #[test]
    fn feeds_default_to_summaries_of_the_twenty_newest() {
        let c = parse("title = \"T\"\nbase_url = \"https://x.org\"\n").unwrap();
        assert!(!c.feeds.full_content);
        assert_eq!(c.feeds.limit, 20);
        let err = parse("title = \"T\"\nbase_url = \"https://x.org\"\n[feeds]\nlimit = 0\n").unwrap_err();
        assert!(err.to_string().starts_with("site.toml:4:1: [feeds] limit"), "{err}");
    }

    #[test]
    fn author_keys_must_fit_in_a_url() {
        let err = parse("title = \"T\"\nbase_url = \"https://x.org\"\n[authors.\"..\"]\nname = \"X\"\n").unwrap_err();
        assert!(err.to_string().contains("authors key \"..\" cannot be a folder"), "{err}");
        assert!(err.to_string().starts_with("site.toml:3:1:"), "{err}");
    }

    #[test]
    fn keys_that_become_folders_must_each_be_one_safe_name() {
        let keys = [
            ("regions", "\"../../../x\""),
            ("regions", "\"..\""),
            ("regions", "\"/abs\""),
            ("categories", "\"a/b\""),
            ("tags", "\"\""),
            ("authors", "\"con\""),
        ];
        for (table, key) in keys {
            let text = format!("title = \"T\"\nbase_url = \"https://x.org\"\n[{table}.{key}]\nname = {{}}\n");
            let text = text.replace("name = {}", if table == "authors" { "name = \"A\"" } else { "" });
            let err = parse(&text).unwrap_err().to_string();
            assert!(err.starts_with(&format!("site.toml:3:1: {table} key")), "{err}");
            assert!(err.contains("cannot be a folder of the site"), "{err}");
        }
        let err = parse("title = \"T\"\nbase_url = \"https://x.org\"\ntheme = \"/etc\"\n").unwrap_err().to_string();
        assert!(err.starts_with("site.toml:3:1: theme key \"/etc\""), "{err}");
    }

    #[test]
    fn publisher_and_author_addresses_are_checked_where_written() {
        let text = "title = \"T\"\nbase_url = \"https://x.org\"\n[publisher]\nname = \"P\"\nurl = \"JavaScript:alert(1)\"\n\
                    logo = \"data:image/svg+xml,<svg onload=alert(1)>\"\n[authors.jane]\nname = \"J\"\nurl = \"/team/jane\"\n";
        let err = parse(text).unwrap_err().to_string();
        for expected in [
            "site.toml:5:7: publisher url \"JavaScript:alert(1)\" is not allowed: it uses the scheme \"JavaScript:\"",
            "site.toml:6:8: publisher logo \"data:image/svg+xml,<svg onload=alert(1)>\" is not allowed",
            "site.toml:9:7: author url \"/team/jane\" is not allowed: it is not an absolute address",
            "hint: write an absolute http:// or https:// address",
            "3 problems found",
        ] {
            assert!(err.contains(expected), "{expected} in {err}");
        }
        let ok =
            parse("title = \"T\"\nbase_url = \"https://x.org\"\n[publisher]\nname = \"P\"\nlogo = \"/logo.svg\"\n")
                .unwrap();
        assert_eq!(ok.publisher.and_then(|p| p.logo).as_deref(), Some("/logo.svg"));
    }

    #[test]
    fn base_urls_are_absolute_web_addresses_with_a_host() {
        for ok in ["https://x.org", "HTTP://x.org/news/", "https://user.github.io/news"] {
            assert!(check_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "https://",
            "//x.org",
            "x.org",
            "https://x.org/?q",
            "https://x.org/#a",
            " https://x.org",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn invalid_language_code_is_an_error() {
        let err = parse("title = \"T\"\nbase_url = \"https://x.org\"\ndefault_language = \"fr\"\n[languages.fr]\n[languages.\"not a code\"]\n")
            .unwrap_err();
        assert!(err.to_string().contains("not a valid BCP 47"), "{err}");
    }
}
