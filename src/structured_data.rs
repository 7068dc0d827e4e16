//! Structured data: each page's JSON-LD (schema.org), ready to go inside a
//! `<script type="application/ld+json">` element.
//!
//! An article is a `NewsArticle` (also an `AnalysisNewsArticle` when it carries
//! commentary besides its news summary) with its dates and their zones, authors,
//! publisher, image, section, keywords, word count, the sources it is based on, the
//! regions it covers, its corrections and its translations; other pages are a `WebSite` (a language's
//! home), a `WebPage`, a `CollectionPage` (lists) or a `ProfilePage` (an author).
//! Pages with a visible breadcrumb get a `BreadcrumbList` made from the same
//! [`Crumb`]s the template shows, so the two always match. [`script_json`] escapes
//! `<`, `>` and `&`, so no text (a `</script>` in a title) can end the element early.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::model::{Article, Site, TaxonomyKind};
use crate::routes::HtmlRoute;

/// One step of a breadcrumb: what the page is called and its absolute URL.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    /// The text shown.
    pub name: String,
    /// Absolute URL.
    pub permalink: String,
}

const CONTEXT: &str = "https://schema.org";

/// The JSON-LD of a page (none for 404 pages). `breadcrumb` is the page's visible
/// breadcrumb (may be empty); its last step names list and author pages.
pub fn json_ld(site: &Site, route: &HtmlRoute, breadcrumb: &[Crumb]) -> Option<String> {
    let main = match route {
        HtmlRoute::NotFound { .. } => return None,
        HtmlRoute::Article(i) => article(site, &site.articles[*i]),
        HtmlRoute::Page(i) => {
            let p = &site.pages[*i];
            web_page(site, p.lang, "WebPage", &p.title, &p.url, &p.description)
        }
        HtmlRoute::Home { lang, page: 1 } => web_site(site, *lang),
        HtmlRoute::Home { lang, .. } => {
            let l = &site.config.languages[*lang];
            web_page(site, *lang, "CollectionPage", &l.title, &site.home_url(*lang), "")
        }
        HtmlRoute::TaxonomyList { lang, kind } => {
            let url = site.taxonomy_url(*lang, *kind);
            web_page(site, *lang, "CollectionPage", last_name(breadcrumb), &url, "")
        }
        HtmlRoute::Term { lang, kind, key, .. } => {
            let url = site.term_url(*lang, *kind, key);
            web_page(site, *lang, "CollectionPage", last_name(breadcrumb), &url, "")
        }
        HtmlRoute::Author { lang, key, .. } => profile_page(site, *lang, key),
        HtmlRoute::AuthorList { lang } => {
            let url = site.authors_url(*lang);
            web_page(site, *lang, "CollectionPage", last_name(breadcrumb), &url, "")
        }
    };
    let mut graph = vec![main];
    if !breadcrumb.is_empty() {
        graph.push(breadcrumb_list(breadcrumb));
    }
    Some(script_json(&json!({ "@context": CONTEXT, "@graph": graph })))
}

/// JSON text that cannot close the `<script>` element it is written in: `<`, `>` and
/// `&` (which only occur inside JSON strings) become `\u003c`, `\u003e`, `\u0026`.
pub fn script_json(value: &Value) -> String {
    let text = value.to_string();
    if !text.contains(['<', '>', '&']) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut copied = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            _ => continue,
        };
        out.push_str(&text[copied..i]);
        out.push_str(escaped);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
    out
}

fn last_name(breadcrumb: &[Crumb]) -> &str {
    breadcrumb.last().map_or("", |c| c.name.as_str())
}

fn article(site: &Site, a: &Article) -> Value {
    let config = &site.config;
    let url = config.absolute(&a.url);
    let has_commentary = !a.body.sections.is_empty() || !a.body.intro_html().trim().is_empty();
    let types = if has_commentary { json!(["NewsArticle", "AnalysisNewsArticle"]) } else { json!("NewsArticle") };
    let term_name = |kind: TaxonomyKind, key: &str| {
        site.term(a.lang, kind, key).map_or_else(|| key.to_string(), |t| t.name.clone())
    };
    let authors: Vec<Value> = a
        .authors
        .iter()
        .map(|key| match config.authors.get(key) {
            Some(author) => pruned(json!({
                "@type": "Person",
                "name": author.name,
                "url": config.absolute(&site.author_url(a.lang, key)),
                "sameAs": author.url,
            })),
            None => json!({ "@type": "Person", "name": key }),
        })
        .collect();
    let image = a
        .image
        .as_ref()
        .and_then(|i| {
            config.resolve_link(&i.src).map(|src| json!({ "@type": "ImageObject", "url": src, "description": i.alt }))
        })
        .or_else(|| logo(site));
    pruned(json!({
        "@type": types,
        "@id": format!("{url}#article"),
        "headline": a.title,
        "description": a.description,
        "inLanguage": config.languages[a.lang].code,
        "url": url,
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "datePublished": a.date.rfc3339(),
        "dateModified": a.updated.unwrap_or(a.date).rfc3339(),
        "author": if authors.is_empty() { vec![publisher(site, a.lang)] } else { authors },
        "publisher": publisher(site, a.lang),
        "image": image,
        "keywords": a.tags.iter().map(|t| term_name(TaxonomyKind::Tags, t)).collect::<Vec<_>>(),
        "articleSection": a.category.as_deref().map(|c| term_name(TaxonomyKind::Categories, c)),
        "wordCount": a.body.stats.word_count(),
        "isBasedOn": a.sources.iter().map(|s| pruned(json!({
            "@type": "CreativeWork",
            "headline": s.title,
            "name": s.title.as_deref().unwrap_or(&s.name),
            "url": s.url,
            "publisher": { "@type": "Organization", "name": s.name },
            "datePublished": s.published.map(|p| p.ymd()),
            "inLanguage": s.language,
        }))).collect::<Vec<_>>(),
        "spatialCoverage": a.regions.iter().map(|r| json!({
            "@type": "Place",
            "name": term_name(TaxonomyKind::Regions, r),
        })).collect::<Vec<_>>(),
        "correction": a.corrections.iter().map(|c| json!({
            "@type": "CorrectionComment",
            "text": c.note,
            "datePublished": c.date.rfc3339(),
        })).collect::<Vec<_>>(),
        "translationOfWork": (a.lang != 0).then(|| original(site, a)).flatten(),
        "workTranslation": if a.lang == 0 { a.translations.iter().map(|&j| article_ref(site, j)).collect() } else { Vec::new() },
    }))
}

/// A reference to article `i`'s JSON-LD object, by its `@id`.
fn article_ref(site: &Site, i: usize) -> Value {
    json!({ "@id": format!("{}#article", site.config.absolute(&site.articles[i].url)) })
}

/// The default-language version a translation was made from, when there is one.
fn original(site: &Site, a: &Article) -> Option<Value> {
    a.translations.iter().find(|&&j| site.articles[j].lang == 0).map(|&j| article_ref(site, j))
}

/// The organisation publishing the site: site.toml's `[publisher]`, else the site.
fn publisher(site: &Site, lang: usize) -> Value {
    let config = &site.config;
    let home = config.absolute(&site.home_url(lang));
    match &config.publisher {
        Some(p) => pruned(json!({
            "@type": "Organization",
            "name": p.name,
            "url": p.url.as_deref().and_then(|u| config.resolve_link(u)).unwrap_or(home),
            "logo": logo(site),
        })),
        None => json!({
            "@type": "Organization",
            "name": config.languages[lang].title,
            "url": home,
        }),
    }
}

/// The publisher's logo as an image object.
fn logo(site: &Site) -> Option<Value> {
    let src = site.config.publisher.as_ref()?.logo.as_deref()?;
    let url = site.config.resolve_link(src)?;
    Some(json!({ "@type": "ImageObject", "url": url }))
}

fn web_site(site: &Site, lang: usize) -> Value {
    let l = &site.config.languages[lang];
    pruned(json!({
        "@type": "WebSite",
        "name": l.title,
        "description": l.description,
        "url": site.config.absolute(&site.home_url(lang)),
        "inLanguage": l.code,
        "publisher": publisher(site, lang),
    }))
}

fn web_page(site: &Site, lang: usize, kind: &str, name: &str, path: &str, description: &str) -> Value {
    let l = &site.config.languages[lang];
    pruned(json!({
        "@type": kind,
        "name": name,
        "description": description,
        "url": site.config.absolute(path),
        "inLanguage": l.code,
        "isPartOf": {
            "@type": "WebSite",
            "name": l.title,
            "url": site.config.absolute(&site.home_url(lang)),
        },
    }))
}

fn profile_page(site: &Site, lang: usize, key: &str) -> Value {
    let url = site.config.absolute(&site.author_url(lang, key));
    let author = site.config.authors.get(key);
    let name = author.map_or(key, |a| a.name.as_str());
    let mut page = web_page(site, lang, "ProfilePage", name, &site.author_url(lang, key), "");
    page["mainEntity"] = pruned(json!({
        "@type": "Person",
        "name": name,
        "description": author.and_then(|a| a.bio.as_deref()),
        "url": url,
        "sameAs": author.and_then(|a| a.url.as_deref()),
    }));
    page
}

fn breadcrumb_list(breadcrumb: &[Crumb]) -> Value {
    let items: Vec<Value> = breadcrumb
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": c.name,
                "item": c.permalink,
            })
        })
        .collect();
    json!({ "@type": "BreadcrumbList", "itemListElement": items })
}

/// An object without its null, empty-string and empty-list members.
fn pruned(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.into_iter().filter(|(_, v)| !is_empty(v)).collect::<Map<String, Value>>())
        }
        other => other,
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let text = script_json(&json!({ "headline": "</script><script>alert(1)</script> & ]]>" }));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script> & ]]>");
    }

    #[test]
    fn empty_members_are_left_out() {
        let v = pruned(json!({ "a": null, "b": "", "c": [], "d": 0, "e": "x" }));
        assert_eq!(v, json!({ "d": 0, "e": "x" }));
    }
}
