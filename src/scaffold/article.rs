//! A new article, ready to be written and built.
//!
//! [`new_article`] turns an editor's request (a title, a language, tags, regions,
//! a source) into a file name under `content/articles/` and the file's text: front
//! matter with `draft = true` and today's date in the site's time zone, commented
//! suggestions for the optional keys, and the headings of the commentary sections in
//! the article's language. Unknown languages and regions, and a source address the
//! build would refuse, are refused here, before any file exists, rather than at the
//! next build.

use std::path::PathBuf;

use crate::config::Config;
use crate::dates::Moment;
use crate::links::{self, LinkKind};
use crate::slug::slugify;

use super::{FrontMatterText, Heading, ScaffoldError, heading_lines};

/// Longest slug put in a file name, in characters; longer ones are cut at a dash.
const MAX_SLUG_CHARS: usize = 80;

/// What an editor asks for.
#[derive(Debug, Clone, Default)]
pub struct ArticleRequest {
    /// The headline.
    pub title: String,
    /// Language code; default: the site's default language.
    pub lang: Option<String>,
    /// Topic tags.
    pub tags: Vec<String>,
    /// Region keys, declared in site.toml.
    pub regions: Vec<String>,
    /// Address of the source of the news summary.
    pub source_url: Option<String>,
    /// Name of the source; default: the host of `source_url`.
    pub source_name: Option<String>,
    /// Write the article as a folder (`YYYY-MM-DD-<slug>/index.md`) that its
    /// photographs can join.
    pub folder: bool,
}

/// A new article: where it goes and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewArticle {
    /// Path relative to the site root (`content/articles/2025-08-29-x.md`).
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// Prepares the article asked for, dated `now` in the site's time zone, with
/// section headings in the article's language (`headings_for` gives them).
pub fn new_article(
    config: &Config,
    request: &ArticleRequest,
    now: jiff::Timestamp,
    headings_for: impl Fn(&str) -> Vec<Heading>,
) -> Result<NewArticle, ScaffoldError> {
    let lang = match &request.lang {
        Some(code) => config.language(code).ok_or_else(|| ScaffoldError::UnknownLanguage {
            lang: code.clone(),
            declared: config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", "),
        })?,
        None => config.default_language(),
    };
    check_regions(config, &request.regions)?;
    if let Some(url) = &request.source_url {
        links::check("source url", url, LinkKind::External)?;
    }
    let date = Moment { timestamp: now, offset: config.timezone.to_offset(now) };
    let suffix = if lang.code == config.default_language().code { String::new() } else { format!(".{}", lang.code) };
    let stem = format!("{}-{}", date.ymd(), file_slug(&request.title)?);
    let file = if request.folder { format!("{stem}/index{suffix}.md") } else { format!("{stem}{suffix}.md") };
    let text = format!("{}\n{}", front_matter(config, request, &date)?, heading_lines(&headings_for(&lang.code)));
    Ok(NewArticle { path: PathBuf::from("content/articles").join(file), text })
}

fn check_regions(config: &Config, regions: &[String]) -> Result<(), ScaffoldError> {
    match regions.iter().find(|r| !config.regions.contains_key(*r)) {
        Some(region) => Err(ScaffoldError::UnknownRegion {
            region: region.clone(),
            declared: config.regions.keys().map(String::as_str).collect::<Vec<_>>().join(", "),
        }),
        None => Ok(()),
    }
}

/// The slug of the file name: the title slugified, cut at a dash when too long.
fn file_slug(title: &str) -> Result<String, ScaffoldError> {
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(ScaffoldError::EmptySlug(title.to_string()));
    }
    if slug.chars().count() <= MAX_SLUG_CHARS {
        return Ok(slug);
    }
    let cut: String = slug.chars().take(MAX_SLUG_CHARS).collect();
    Ok(match cut.rfind('-') {
        Some(i) if i > 0 => cut[..i].to_string(),
        _ => cut,
    })
}

fn front_matter(config: &Config, request: &ArticleRequest, date: &Moment) -> Result<String, ScaffoldError> {
    let mut fm = FrontMatterText::default();
    fm.set("title", request.title.as_str());
    fm.line(&format!("date = {}", date.rfc3339()));
    fm.set("draft", true);
    fm.comment("description = \"One line for listings, feeds and link previews; default: from the summary.\"");
    fm.comment(&suggestion("category", config.categories.keys(), "news", |k| format!("\"{k}\"")));
    fm.set("tags", request.tags.clone());
    fm.set("regions", request.regions.clone());
    fm.comment(&suggestion("authors", config.authors.keys(), "Your name", |k| format!("[\"{k}\"]")));
    fm.comment("disclaimer = true");
    fm.comment(
        "image = { src = \"/illustrations/name.svg\", alt = \"What the image shows\", caption = \"One line under it\", credit = \"Who \
         made it\" }",
    );
    fm.line("summary = \"\"\"\n\n\"\"\"");
    match source_table(request) {
        Some(source) => fm.table("source", source)?,
        None => {
            fm.tail_comment("[source]");
            fm.tail_comment("name = \"Publisher or document\"");
            fm.tail_comment("url = \"https://\"");
        }
    }
    fm.tail_comment(&format!("published = {}", date.ymd()));
    fm.tail_comment("language = \"en\"");
    Ok(fm.finish())
}

/// `category = "international"  # declared: international, economy`, or the
/// placeholder when site.toml declares none; valid TOML once uncommented.
fn suggestion<'a>(
    key: &str,
    declared: impl Iterator<Item = &'a String>,
    placeholder: &str,
    value: impl Fn(&str) -> String,
) -> String {
    let declared: Vec<&str> = declared.map(String::as_str).collect();
    match declared.first() {
        Some(first) => format!("{key} = {}  # declared: {}", value(first), declared.join(", ")),
        None => format!("{key} = {}", value(placeholder)),
    }
}

fn source_table(request: &ArticleRequest) -> Option<toml::Value> {
    let url = request.source_url.as_deref()?;
    let name = request.source_name.clone().unwrap_or_else(|| host_of(url).to_string());
    let mut table = toml::Table::new();
    table.insert("name".into(), name.into());
    table.insert("url".into(), url.into());
    Some(table.into())
}

/// `https://www.state.gov/releases/x` → `www.state.gov`.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::front_matter::{self, ArticleFrontMatter};

    fn config() -> Config {
        Config::parse(
            "title = 'T'\nbase_url = 'https://x.org'\ndefault_language = 'fr'\ntimezone = 'Asia/Tokyo'\n\
             [languages.fr]\n[languages.ja]\n[regions.kp]\n[regions.kr]\n[categories.international]\n",
            Path::new("site.toml"),
        )
        .unwrap()
    }

    fn headings(lang: &str) -> Vec<Heading> {
        vec![Heading { id: "context", text: format!("Context in {lang}") }]
    }

    fn request(title: &str) -> ArticleRequest {
        ArticleRequest { title: title.to_string(), ..ArticleRequest::default() }
    }

    /// 2025-08-28T23:30:00Z is already the 29th in Tokyo.
    fn now() -> jiff::Timestamp {
        "2025-08-28T23:30:00Z".parse().unwrap()
    }

    fn parse(text: &str) -> ArticleFrontMatter {
        let split = front_matter::split(text, Path::new("a.md")).unwrap();
        front_matter::parse(split.front_matter, Path::new("a.md")).unwrap()
    }

    #[test]
    fn file_is_named_after_the_date_in_the_site_zone_and_the_title() {
        let a = new_article(&config(), &request("Séoul & Tokyo : l’accord"), now(), headings).unwrap();
        assert_eq!(a.path, Path::new("content/articles/2025-08-29-séoul-tokyo-l-accord.md"));
        assert!(a.text.contains("date = 2025-08-29T08:30:00+09:00\n"), "{}", a.text);
    }

    #[test]
    fn other_languages_get_a_suffix_and_their_headings() {
        let r = ArticleRequest { lang: Some("ja".into()), ..request("日本の記事") };
        let a = new_article(&config(), &r, now(), headings).unwrap();
        assert_eq!(a.path, Path::new("content/articles/2025-08-29-日本の記事.ja.md"));
        assert!(a.text.ends_with("+++\n\n## Context in ja {#context}\n\n"), "{}", a.text);
    }

    #[test]
    fn front_matter_is_a_valid_draft_with_the_flags_given() {
        let r = ArticleRequest {
            tags: vec!["trade".into()],
            regions: vec!["kp".into(), "kr".into()],
            source_url: Some("https://www.state.gov/x?y=1".into()),
            ..request(r#"He said "no" \ twice"#)
        };
        let fm = parse(&new_article(&config(), &r, now(), headings).unwrap().text);
        assert_eq!(fm.title, r#"He said "no" \ twice"#);
        assert!(fm.draft);
        assert_eq!(fm.tags, ["trade"]);
        assert_eq!(fm.regions, ["kp", "kr"]);
        let source = fm.source.unwrap();
        assert_eq!((source.name.as_str(), &*source.url), ("www.state.gov", "https://www.state.gov/x?y=1"));
    }

    #[test]
    fn without_a_source_the_table_is_only_suggested() {
        let text = new_article(&config(), &request("A"), now(), headings).unwrap().text;
        assert!(text.contains("# [source]\n"), "{text}");
        assert!(parse(&text).source.is_none());
    }

    #[test]
    fn unknown_language_and_region_are_refused() {
        let r = ArticleRequest { lang: Some("de".into()), ..request("A") };
        let e = new_article(&config(), &r, now(), headings).unwrap_err();
        assert_eq!(e.to_string(), "the language \"de\" is not declared in site.toml (declared: fr, ja)");
        let r = ArticleRequest { regions: vec!["zz".into()], ..request("A") };
        let e = new_article(&config(), &r, now(), headings).unwrap_err();
        assert_eq!(e.to_string(), "unknown region \"zz\" (declared in site.toml: kp, kr)");
    }

    #[test]
    fn a_source_address_the_build_would_refuse_is_refused() {
        let r = ArticleRequest { source_url: Some("JavaScript:alert(1)".into()), ..request("A") };
        let e = new_article(&config(), &r, now(), headings).unwrap_err();
        assert_eq!(
            e.to_string(),
            "source url \"JavaScript:alert(1)\" is not allowed: it uses the scheme \"JavaScript:\"; \
             write an absolute http:// or https:// address, such as https://example.org/page"
        );
    }

    #[test]
    fn long_titles_are_cut_at_a_word_and_empty_ones_refused() {
        let slug = file_slug(&"mot ".repeat(40)).unwrap();
        assert!(slug.chars().count() <= MAX_SLUG_CHARS && slug.ends_with("mot"), "{slug}");
        assert!(matches!(file_slug("!?"), Err(ScaffoldError::EmptySlug(_))));
    }
}
