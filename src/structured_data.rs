//! Structured data: each page's JSON-LD (schema.org), ready to go inside a
//! `<script type="application/ld+json">` element.
//!
//! An article is a `NewsArticle` (also an `AnalysisNewsArticle` when it carries
//! commentary besides its news summary) with its dates and their zones, authors,
//! publisher, images (`ImageObject`s with caption and credit), section, keywords,
//! word count, the sources it is based on, the regions it covers, its corrections and
//! its translations; other pages are a `WebSite` (a language's home), a `WebPage`, a
//! `CollectionPage` (lists) or a `ProfilePage` (an author).
//! Pages with a visible breadcrumb get a `BreadcrumbList` made from the same
//! [`Crumb`]s the template shows, so the two always match. [`script_json`] escapes
//! `<`, `>` and `&`, so no text (a `</script>` in a title) can end the element early.

use serde::Serialize;

use crate::config::{Author, AuthorKind};
use crate::controls;
use crate::front_matter::Image;
use crate::images::{self, Crop};
use crate::model::{Article, Site, TaxonomyKind};
use crate::routes::{HtmlRoute, places};

/// One step of a breadcrumb: what the page is called and its absolute URL.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    /// The text shown.
    pub name: String,
    /// Absolute URL.
    pub permalink: String,
}

const CONTEXT: &str = "https://schema.org";

/// The JSON-LD of a page (none for 404 and search pages). `breadcrumb` is the page's visible
/// breadcrumb (may be empty); its last step names list and author pages.
pub fn json_ld(site: &Site, route: &HtmlRoute, breadcrumb: &[Crumb]) -> Option<String> {
    let main = match route {
        HtmlRoute::NotFound { .. } | HtmlRoute::Search { .. } => return None,
        HtmlRoute::Article(i) => Node::Article(Box::new(article(site, site.article(*i)))),
        HtmlRoute::Page(i) => {
            let p = site.page(*i);
            Node::Page(web_page(site, p.lang, "WebPage", &p.title, &p.url, &p.description))
        }
        HtmlRoute::Home { lang, page: 1 } => Node::Site(web_site(site, *lang)),
        HtmlRoute::Home { lang, .. } => {
            let l = &site.config().languages[*lang];
            Node::Page(web_page(
                site,
                *lang,
                "CollectionPage",
                &l.title,
                &places::home(site.config(), *lang, 1).url,
                "",
            ))
        }
        HtmlRoute::TaxonomyList { lang, kind } => {
            let url = places::taxonomy(site.config(), *lang, *kind).url;
            Node::Page(web_page(site, *lang, "CollectionPage", last_name(breadcrumb), &url, ""))
        }
        HtmlRoute::Term { lang, kind, key, .. } => {
            let url = places::term(site.config(), *lang, *kind, key, 1).url;
            Node::Page(web_page(site, *lang, "CollectionPage", last_name(breadcrumb), &url, ""))
        }
        HtmlRoute::Author { lang, key, .. } => Node::Page(profile_page(site, *lang, key)),
        HtmlRoute::AuthorList { lang } => {
            let url = places::authors(site.config(), *lang).url;
            Node::Page(web_page(site, *lang, "CollectionPage", last_name(breadcrumb), &url, ""))
        }
        HtmlRoute::ArchiveIndex { lang }
        | HtmlRoute::ArchiveYear { lang, .. }
        | HtmlRoute::ArchiveMonth { lang, .. } => {
            let url = places::html(site, &route.first_page().unwrap_or_else(|| route.clone())).url;
            Node::Page(web_page(site, *lang, "CollectionPage", last_name(breadcrumb), &url, ""))
        }
    };
    let mut graph = vec![main];
    if !breadcrumb.is_empty() {
        graph.push(Node::Breadcrumb(breadcrumb_list(breadcrumb)));
    }
    Some(script_json(&Graph { context: CONTEXT, graph }))
}

/// JSON text of `value` that cannot close the `<script>` element it is written in:
/// `<`, `>` and `&` (which only occur inside JSON strings) become `\u003c`,
/// `\u003e`, `\u0026`. Control characters are left out, as they are from the page
/// (see [`controls`]), whether JSON escapes them (`\u0007`) or not (U+0085).
pub fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    if !text.contains(['<', '>', '&', '\\']) && !controls::has_stray(&text) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        let mut len = c.len_utf8();
        match c {
            '<' | '>' | '&' => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            '\\' => {
                len = if rest[1..].starts_with('u') { 6 } else { 2 };
                let escape = &rest[..len.min(rest.len())];
                if !escapes_stray_control(escape) {
                    out.push_str(escape);
                }
            }
            c if controls::is_stray(c) => {}
            c => out.push(c),
        }
        rest = &rest[len.min(rest.len())..];
    }
    out
}

/// Whether a JSON escape (`\b`, `\u0007`) stands for a control character that
/// pages leave out.
fn escapes_stray_control(escape: &str) -> bool {
    let code = escape.strip_prefix("\\u").and_then(|hex| u32::from_str_radix(hex, 16).ok());
    escape == "\\b" || code.and_then(char::from_u32).is_some_and(controls::is_stray)
}

fn last_name(breadcrumb: &[Crumb]) -> &str {
    breadcrumb.last().map_or("", |c| c.name.as_str())
}

/// A page's whole JSON-LD: its main object, then its breadcrumb.
#[derive(Serialize)]
struct Graph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<Node<'a>>,
}

/// One object of the graph.
#[derive(Serialize)]
#[serde(untagged)]
enum Node<'a> {
    Article(Box<NewsArticle<'a>>),
    Site(WebSite<'a>),
    Page(WebPage<'a>),
    Breadcrumb(BreadcrumbList<'a>),
}

/// Whether an optional text is missing or empty: such members are left out.
fn blank(text: &Option<&str>) -> bool {
    text.is_none_or(str::is_empty)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@type")]
    types: ArticleTypes,
    #[serde(rename = "@id")]
    id: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    headline: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    in_language: &'a str,
    url: String,
    main_entity_of_page: Typed<'a, IdOf>,
    date_published: String,
    date_modified: String,
    author: Vec<Agent<'a>>,
    publisher: Organization<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<ImageObject<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    #[serde(skip_serializing_if = "blank")]
    article_section: Option<&'a str>,
    word_count: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    is_based_on: Vec<CreativeWork<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    spatial_coverage: Vec<Typed<'a, Named<'a>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<Typed<'a, Correction<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translation_of_work: Option<IdOf>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    work_translation: Vec<IdOf>,
}

/// A news article's schema.org type: a plain `NewsArticle`, or an array adding
/// `AnalysisNewsArticle` when it carries commentary.
#[derive(Serialize)]
#[serde(untagged)]
enum ArticleTypes {
    News(&'static str),
    NewsAndAnalysis([&'static str; 2]),
}

/// An object with a schema.org type and the members of `T`.
#[derive(Serialize)]
struct Typed<'a, T> {
    #[serde(rename = "@type")]
    kind: &'a str,
    #[serde(flatten)]
    members: T,
}

/// A reference to another object by its `@id`.
#[derive(Serialize)]
struct IdOf {
    #[serde(rename = "@id")]
    id: String,
}

#[derive(Serialize)]
struct Named<'a> {
    name: &'a str,
}

/// A person or an organisation that wrote or published something.
#[derive(Serialize)]
#[serde(untagged)]
enum Agent<'a> {
    Person(Person<'a>),
    Organization(Organization<'a>),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "blank")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "blank")]
    same_as: Option<&'a str>,
}

#[derive(Clone, Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<ImageObject<'a>>,
}

/// An image, with its size when it is a photograph of the site.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ImageObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
    #[serde(skip_serializing_if = "blank")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "blank")]
    caption: Option<&'a str>,
    #[serde(skip_serializing_if = "blank")]
    credit_text: Option<&'a str>,
}

impl<'a> ImageObject<'a> {
    fn at(url: String, description: Option<&'a str>) -> Self {
        ImageObject {
            kind: "ImageObject",
            url,
            width: None,
            height: None,
            description,
            caption: None,
            credit_text: None,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "blank")]
    headline: Option<&'a str>,
    name: &'a str,
    url: &'a str,
    publisher: Typed<'a, Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "blank")]
    in_language: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Correction<'a> {
    text: &'a str,
    date_published: String,
}

fn article<'a>(site: &'a Site, a: &'a Article) -> NewsArticle<'a> {
    let config = &site.config();
    let url = config.absolute(&a.url);
    let has_commentary = !a.body.sections.is_empty() || !a.body.intro_html().trim().is_empty();
    let term_name = |kind: TaxonomyKind, key: &'a str| site.term(a.lang, kind, key).map_or(key, |t| t.name.as_str());
    let authors: Vec<Agent> = a
        .authors
        .iter()
        .map(|key| {
            let author = config.authors.get(key);
            Agent::Person(Person {
                kind: agent_type(author),
                name: config.author_name(key, a.lang).unwrap_or(key),
                description: None,
                url: author.map(|_| config.absolute(&places::author(site.config(), a.lang, key, 1).url)),
                same_as: author.and_then(|p| p.url.as_deref()),
            })
        })
        .collect();
    let site_publisher = publisher(site, a.lang);
    let image = article_images(site, a);
    NewsArticle {
        types: if has_commentary {
            ArticleTypes::NewsAndAnalysis(["NewsArticle", "AnalysisNewsArticle"])
        } else {
            ArticleTypes::News("NewsArticle")
        },
        id: format!("{url}#article"),
        headline: &a.title,
        description: &a.description,
        in_language: &config.languages[a.lang].code,
        main_entity_of_page: Typed { kind: "WebPage", members: IdOf { id: url.clone() } },
        url,
        date_published: a.date.rfc3339(),
        date_modified: a.updated.unwrap_or(a.date).rfc3339(),
        author: if authors.is_empty() { vec![Agent::Organization(site_publisher.clone())] } else { authors },
        publisher: site_publisher,
        image,
        keywords: a.tags.iter().map(|t| term_name(TaxonomyKind::Tags, t)).collect(),
        article_section: a.category.as_deref().map(|c| term_name(TaxonomyKind::Categories, c)),
        word_count: a.body.stats.word_count(),
        is_based_on: a
            .sources
            .iter()
            .map(|s| CreativeWork {
                kind: "CreativeWork",
                headline: s.title.as_deref(),
                name: s.title.as_deref().unwrap_or(&s.name),
                url: &s.url,
                publisher: Typed { kind: "Organization", members: Named { name: &s.name } },
                date_published: s.published.map(|p| p.ymd()),
                in_language: s.language.as_deref(),
            })
            .collect(),
        spatial_coverage: a
            .regions
            .iter()
            .map(|r| Typed { kind: "Place", members: Named { name: term_name(TaxonomyKind::Regions, r) } })
            .collect(),
        correction: a
            .corrections
            .iter()
            .map(|c| Typed {
                kind: "CorrectionComment",
                members: Correction { text: &c.note, date_published: c.date.rfc3339() },
            })
            .collect(),
        translation_of_work: if a.lang == 0 { None } else { original(site, a) },
        work_translation: if a.lang == 0 {
            a.translations.iter().map(|&j| article_ref(site, j)).collect()
        } else {
            Vec::new()
        },
    }
}

/// A reference to article `i`'s JSON-LD object, by its `@id`.
fn article_ref(site: &Site, i: usize) -> IdOf {
    IdOf { id: format!("{}#article", site.config().absolute(&site.article(i).url)) }
}

/// The default-language version a translation was made from, when there is one.
fn original(site: &Site, a: &Article) -> Option<IdOf> {
    a.translations.iter().find(|&&j| site.article(j).lang == 0).map(|&j| article_ref(site, j))
}

/// The organisation publishing the site: site.toml's `[publisher]`, else the site.
fn publisher(site: &Site, lang: usize) -> Organization<'_> {
    let config = &site.config();
    let home = config.absolute(&places::home(site.config(), lang, 1).url);
    match &config.publisher {
        Some(p) => Organization {
            kind: "Organization",
            name: &p.name,
            url: p.url.as_deref().and_then(|u| config.resolve_link(u)).unwrap_or(home),
            logo: logo(site),
        },
        None => Organization { kind: "Organization", name: &config.languages[lang].title, url: home, logo: None },
    }
}

/// Whether the structured data of article `a` names an image: its lead image, else
/// the site's default image, else the publisher's logo. Search engines' article
/// results expect one, and link previews show the same.
pub fn names_an_image(site: &Site, a: &Article) -> bool {
    !article_images(site, a).is_empty()
}

/// The publisher's logo as an image object.
fn logo(site: &Site) -> Option<ImageObject<'_>> {
    let src = site.config().publisher.as_ref()?.logo.as_deref()?;
    let url = site.config().resolve_link(src)?;
    Some(ImageObject::at(url, None))
}

/// The images of article `a`: its lead photograph in the three proportions search
/// engines ask for (16:9, 4:3, 1:1), or its lead image as it is, with its caption
/// and credit; then the site's default image when the lead one is missing or not a
/// raster image (which search engines' previews need); the publisher's logo when
/// there is neither.
fn article_images<'a>(site: &'a Site, a: &'a Article) -> Vec<ImageObject<'a>> {
    let config = site.config();
    let described = |object: ImageObject<'a>, i: &'a Image| ImageObject {
        caption: i.caption.as_deref(),
        credit_text: i.credit.as_deref(),
        ..object
    };
    let lead: Vec<ImageObject> = match (a.image.as_ref(), a.picture.as_deref()) {
        (Some(i), Some(picture)) => Crop::STRUCTURED
            .iter()
            .map(|&crop| picture.crop(crop, i.focus()).0)
            .map(|v| ImageObject {
                width: Some(v.width),
                height: Some(v.height),
                ..described(ImageObject::at(config.absolute(&v.address), Some(i.alt())), i)
            })
            .collect(),
        (Some(i), None) => config
            .resolve_link(&i.src)
            .map(|url| described(ImageObject::at(url, Some(i.alt())), i))
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    let has_preview = images::preview(a.image.as_ref(), a.picture.as_deref()).is_some();
    let default = config.images.default.as_ref().filter(|_| !has_preview);
    let default =
        default.and_then(|d| Some(ImageObject::at(config.resolve_link(&d.src)?, config.default_image_alt(a.lang))));
    let images: Vec<ImageObject> = lead.into_iter().chain(default).collect();
    if images.is_empty() { logo(site).into_iter().collect() } else { images }
}

/// What every page object says of itself: its type, name, description, URL and
/// language.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PageCore<'a> {
    #[serde(rename = "@type")]
    kind: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    url: String,
    in_language: &'a str,
}

#[derive(Serialize)]
struct WebSite<'a> {
    #[serde(flatten)]
    core: PageCore<'a>,
    publisher: Organization<'a>,
}

fn web_site(site: &Site, lang: usize) -> WebSite<'_> {
    let l = &site.config().languages[lang];
    WebSite {
        core: web_page(site, lang, "WebSite", &l.title, &places::home(site.config(), lang, 1).url, &l.description).core,
        publisher: publisher(site, lang),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WebPage<'a> {
    #[serde(flatten)]
    core: PageCore<'a>,
    is_part_of: Typed<'a, SiteRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    main_entity: Option<Person<'a>>,
}

#[derive(Serialize)]
struct SiteRef<'a> {
    name: &'a str,
    url: String,
}

fn web_page<'a>(
    site: &'a Site,
    lang: usize,
    kind: &'a str,
    name: &'a str,
    path: &str,
    description: &'a str,
) -> WebPage<'a> {
    let l = &site.config().languages[lang];
    WebPage {
        core: PageCore { kind, name, description, url: site.config().absolute(path), in_language: &l.code },
        is_part_of: Typed {
            kind: "WebSite",
            members: SiteRef { name: &l.title, url: site.config().absolute(&places::home(site.config(), lang, 1).url) },
        },
        main_entity: None,
    }
}

/// `Person` or `Organization`: what a declared author is (a name alone is a person).
fn agent_type(author: Option<&Author>) -> &'static str {
    match author.map(|a| a.kind) {
        Some(AuthorKind::Organization) => "Organization",
        _ => "Person",
    }
}

fn profile_page<'a>(site: &'a Site, lang: usize, key: &'a str) -> WebPage<'a> {
    let author = site.config().authors.get(key);
    let name = site.config().author_name(key, lang).unwrap_or(key);
    let mut page = web_page(site, lang, "ProfilePage", name, &places::author(site.config(), lang, key, 1).url, "");
    page.main_entity = Some(Person {
        kind: agent_type(author),
        name,
        description: site.config().author_bio(key, lang),
        url: Some(page.core.url.clone()),
        same_as: author.and_then(|a| a.url.as_deref()),
    });
    page
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BreadcrumbList<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    item_list_element: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    name: &'a str,
    item: &'a str,
}

fn breadcrumb_list(breadcrumb: &[Crumb]) -> BreadcrumbList<'_> {
    let items = breadcrumb
        .iter()
        .enumerate()
        .map(|(i, c)| ListItem { kind: "ListItem", position: i + 1, name: &c.name, item: &c.permalink })
        .collect();
    BreadcrumbList { kind: "BreadcrumbList", item_list_element: items }
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::{Value, json};

    #[test]
    fn script_json_leaves_out_control_characters_as_pages_do() {
        let text = script_json(&json!({ "headline": "a\u{7f}b\u{85}c\u{1}d\u{8}e\\u0001 \"q\"\n" }));
        assert!(!text.chars().any(controls::is_stray), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "abcde\\u0001 \"q\"\n");
    }

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let text = script_json(&json!({ "headline": "</script><script>alert(1)</script> & ]]>" }));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script> & ]]>");
    }

    #[test]
    fn empty_members_are_left_out() {
        let person = Person { kind: "Person", name: "A", description: Some(""), url: None, same_as: None };
        assert_eq!(serde_json::to_value(&person).unwrap(), json!({ "@type": "Person", "name": "A" }));
    }
}
