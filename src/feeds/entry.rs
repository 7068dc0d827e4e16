//! One article as a feed item: gathered once from the model, then written in the
//! three formats and kept for every feed that lists the article.

use serde_json::value::RawValue;

use crate::dates::Moment;
use crate::model::{Article, Site, SourceRef, TaxonomyKind};
use crate::routes::places;

use super::{ELEMENTS_ROOM, atom, json, rss};

/// An article's item, ready to be joined into feeds.
pub(super) struct Entry {
    /// When it last changed (its update, else its publication).
    pub(super) modified: Moment,
    /// Its RSS `<item>`.
    pub(super) rss: String,
    /// Its Atom `<entry>`.
    pub(super) atom: String,
    /// Its JSON Feed item.
    pub(super) json: Box<RawValue>,
}

impl Entry {
    /// Prepares article `i` of `site` in every format.
    pub(super) fn prepare(site: &Site, i: usize) -> Entry {
        let item = Item::of(site, site.article(i));
        // Entries stay until the build ends: no room is kept beyond their text.
        let trimmed = |mut text: String| {
            text.shrink_to_fit();
            text
        };
        Entry {
            modified: item.modified,
            rss: trimmed(rss::item(&item)),
            atom: trimmed(atom::entry(&item)),
            json: json::item(&item),
        }
    }
}

/// What every format says about an article, with URLs made absolute.
pub(super) struct Item<'a> {
    pub(super) title: &'a str,
    pub(super) url: String,
    pub(super) lang: &'a str,
    pub(super) published: Moment,
    pub(super) modified: Moment,
    pub(super) authors: Vec<Person>,
    /// Plain text, one or two sentences.
    pub(super) description: &'a str,
    /// The news summary as HTML (or the description, escaped, when there is none).
    pub(super) summary_html: String,
    /// The whole article as HTML, when the site publishes full content.
    pub(super) content_html: Option<String>,
    pub(super) sources: &'a [SourceRef],
    pub(super) categories: Vec<Category>,
    pub(super) image: Option<String>,
}

impl Item<'_> {
    /// About how long the item's XML gets: its HTML escaped (markup characters take
    /// four or five bytes each), plus room for the other elements.
    pub(super) fn escaped_len(&self) -> usize {
        let html = self.summary_html.len() + self.content_html.as_ref().map_or(0, String::len);
        html + html / 4 + ELEMENTS_ROOM
    }
}

/// An author, with the absolute URL of their page when they have one.
pub(super) struct Person {
    pub(super) name: String,
    pub(super) url: Option<String>,
}

/// A category, region or tag of an item.
pub(super) struct Category {
    /// Its key (the last folder of its URL).
    pub(super) key: String,
    /// Its name in the item's language.
    pub(super) name: String,
    /// The absolute URL of its taxonomy's index.
    pub(super) scheme: String,
}

impl<'a> Item<'a> {
    fn of(site: &'a Site, a: &'a Article) -> Item<'a> {
        let config = &site.config();
        let summary_html = if a.summary_html.is_empty() {
            let mut escaped = String::new();
            pulldown_cmark_escape::escape_html(&mut escaped, &a.description).ok();
            escaped
        } else {
            absolutize(&a.summary_html, config.origin())
        };
        let content_html = config
            .feeds
            .full_content
            .then(|| absolutize(&format!("{}\n{}", a.summary_html, a.body.html), config.origin()));
        Item {
            title: &a.title,
            url: config.absolute(&a.url),
            lang: &config.languages[a.lang].code,
            published: a.date,
            modified: a.updated.unwrap_or(a.date),
            authors: a
                .authors
                .iter()
                .map(|key| match config.author_name(key, a.lang) {
                    Some(name) => Person {
                        name: name.to_string(),
                        url: Some(config.absolute(&places::author(config, a.lang, key, 1).url)),
                    },
                    None => Person { name: key.clone(), url: None },
                })
                .collect(),
            description: &a.description,
            summary_html,
            content_html,
            sources: &a.sources,
            categories: categories(site, a),
            // Feed readers show the picture of link previews; an SVG drawing is left out.
            image: crate::images::preview(a.image.as_ref(), a.picture.as_deref())
                .and_then(|p| config.resolve_link(&p.address)),
        }
    }
}

/// The article's category, regions and tags, in that order, named in its language.
fn categories(site: &Site, a: &Article) -> Vec<Category> {
    let keys = a
        .category
        .iter()
        .map(|c| (TaxonomyKind::Categories, c))
        .chain(a.regions.iter().map(|r| (TaxonomyKind::Regions, r)))
        .chain(a.tags.iter().map(|t| (TaxonomyKind::Tags, t)));
    keys.map(|(kind, key)| Category {
        key: key.clone(),
        name: site.term(a.lang, kind, key).map_or_else(|| key.clone(), |t| t.name.clone()),
        scheme: site.config().absolute(&places::taxonomy(site.config(), a.lang, kind).url),
    })
    .collect()
}

/// Makes the root-relative `href` and `src` values of rendered HTML absolute, so the
/// links keep working in a feed reader (`/a/` → `https://x.org/a/`; `//host/` and
/// other URLs are left alone). The rendered paths already hold the base URL's path,
/// so only the `origin` goes before them.
fn absolutize(html: &str, origin: &str) -> String {
    ["href=\"/", "src=\"/"].into_iter().fold(html.to_string(), |html, attr| {
        let mut out = String::with_capacity(html.len());
        let mut rest = html.as_str();
        while let Some(at) = rest.find(attr) {
            let end = at + attr.len();
            out.push_str(&rest[..end - 1]);
            if !rest[end..].starts_with('/') {
                out.push_str(origin);
            }
            out.push('/');
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_relative_links_become_absolute() {
        let html = "<a href=\"/a/\">a</a><img src=\"/i.svg\"><a href=\"//cdn.x/\">c</a><a href=\"#f\">f</a>";
        assert_eq!(
            absolutize(html, "https://x.org"),
            "<a href=\"https://x.org/a/\">a</a><img src=\"https://x.org/i.svg\">\
             <a href=\"//cdn.x/\">c</a><a href=\"#f\">f</a>"
        );
    }
}
