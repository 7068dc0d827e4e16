//! Feeds: RSS 2.0, Atom (RFC 4287) and JSON Feed 1.1 for each language of the site,
//! and for each tag, region, category and declared author in it.
//!
//! The route table lists every feed file: `rss.xml`, `atom.xml` and `feed.json` in
//! the folder of the page the feed follows (`/`, `/ja/`, `/tags/x/`, `/authors/k/`).
//! [`Feeds::render`] writes one of them. A site with 300 tags in four languages has
//! thousands of feeds that share their items, so each article is turned into its RSS
//! item, Atom entry and JSON Feed item at most once, the first time a feed lists it,
//! and every feed then joins ready-made pieces. [`head_links`] gives pages the feeds
//! to announce in their `<head>`. Dates come from the articles only (never the build
//! clock), so two builds of the same site write the same bytes.

mod atom;
mod entry;
mod json;
mod rss;

use serde::Serialize;

use crate::dates::Moment;
use crate::deps::Memo;
use crate::model::Site;
use crate::routes::{FeedFormat, FeedRoute, FeedScope, places};

use entry::Entry;

impl FeedFormat {
    /// The media type that `<link rel="alternate" type>` announces.
    pub fn media_type(self) -> &'static str {
        match self {
            FeedFormat::Rss => "application/rss+xml",
            FeedFormat::Atom => "application/atom+xml",
            FeedFormat::Json => "application/feed+json",
        }
    }

    /// The format's name, for readers choosing a feed.
    pub fn label(self) -> &'static str {
        match self {
            FeedFormat::Rss => "RSS",
            FeedFormat::Atom => "Atom",
            FeedFormat::Json => "JSON Feed",
        }
    }
}

/// A feed as a page's `<head>` announces it.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// The feed's title.
    pub title: String,
    /// The format's name (`RSS`, `Atom`, `JSON Feed`).
    pub format: &'static str,
    /// Its media type.
    pub media_type: &'static str,
    /// Its absolute URL.
    pub url: String,
}

/// The feeds a page of language `lang` announces: those of `scope` (a term or an
/// author page), then the language's own.
pub fn head_links(site: &Site, lang: usize, scope: Option<&FeedScope>) -> Vec<FeedLink> {
    if !site.has_articles(lang) {
        return Vec::new();
    }
    scope
        .into_iter()
        .chain([&FeedScope::Site])
        .flat_map(|scope| {
            let title = title(site, lang, scope);
            FeedFormat::ALL.into_iter().map(move |format| FeedLink {
                title: title.clone(),
                format: format.label(),
                media_type: format.media_type(),
                url: site.config().absolute(&places::feed(site.config(), lang, scope, format).url),
            })
        })
        .collect()
}

/// A feed's title: the site's, or the term's or author's name followed by it.
fn title(site: &Site, lang: usize, scope: &FeedScope) -> String {
    let site_title = &site.config().languages[lang].title;
    let name = match scope {
        FeedScope::Site => None,
        FeedScope::Term(kind, key) => site.term_name(lang, *kind, key),
        FeedScope::Author(key) => site.config().author_name(key, lang),
    };
    match name {
        Some(name) => format!("{name} – {site_title}"),
        None => site_title.clone(),
    }
}

/// The articles a feed of `scope` draws from, newest first (it shows the first
/// `[feeds] limit` of them).
pub fn articles<'s>(site: &'s Site, lang: usize, scope: &FeedScope) -> &'s [usize] {
    match scope {
        FeedScope::Site => site.home_list(lang),
        FeedScope::Term(kind, key) => site.term(lang, *kind, key).map_or(&[], |t| t.articles.as_slice()),
        FeedScope::Author(key) => site.authors(lang).get(key).map_or(&[], Vec::as_slice),
    }
}

/// What a feed says about itself.
struct Channel {
    title: String,
    description: String,
    lang: String,
    page_url: String,
    feed_url: String,
    /// The newest modification among the items.
    updated: Option<Moment>,
    /// Who publishes the feed: site.toml's publisher, else the site.
    publisher: String,
    publisher_url: String,
}

/// Writes the feeds of one site, preparing each article's items once.
pub struct Feeds<'s> {
    site: &'s Site,
    entries: Vec<Memo<Entry>>,
}

impl<'s> Feeds<'s> {
    /// Feeds of `site`; nothing is prepared until a feed needs it.
    pub fn new(site: &'s Site) -> Feeds<'s> {
        Feeds { site, entries: (0..site.article_count()).map(|_| Memo::new()).collect() }
    }

    /// The text of one feed.
    pub fn render(&self, route: &FeedRoute) -> String {
        let site = self.site;
        let listed = articles(site, route.lang, &route.scope);
        let items: Vec<&Entry> = listed.iter().take(site.config().feeds.limit).map(|&i| self.entry(i)).collect();
        let channel = self.channel(route, &items);
        match route.format {
            FeedFormat::Rss => rss::feed(&channel, &items),
            FeedFormat::Atom => atom::feed(&channel, &items),
            FeedFormat::Json => json::feed(&channel, &items),
        }
    }

    fn entry(&self, i: usize) -> &Entry {
        self.entries[i].get(|| Entry::prepare(self.site, i))
    }

    fn channel(&self, route: &FeedRoute, items: &[&Entry]) -> Channel {
        let site = self.site;
        let language = &site.config().languages[route.lang];
        let publisher = site.config().publisher.as_ref();
        Channel {
            title: title(site, route.lang, &route.scope),
            description: if language.description.is_empty() {
                language.title.clone()
            } else {
                language.description.clone()
            },
            lang: language.code.clone(),
            page_url: site.config().absolute(&places::feed_list(site.config(), route.lang, &route.scope).url),
            feed_url: site.config().absolute(&places::feed(site.config(), route.lang, &route.scope, route.format).url),
            updated: items.iter().map(|e| e.modified).max_by_key(|m| m.timestamp),
            publisher: publisher.map_or_else(|| language.title.clone(), |p| p.name.clone()),
            publisher_url: publisher
                .and_then(|p| p.url.as_ref().map(ToString::to_string))
                .unwrap_or_else(|| site.config().absolute(&places::home(site.config(), route.lang, 1).url)),
        }
    }
}

/// The name and version of the generator, for the feeds' `generator` elements.
const GENERATOR: &str = concat!("broadsheet ", env!("CARGO_PKG_VERSION"));

/// Room for the elements of a feed or an item besides its long texts, in bytes.
const ELEMENTS_ROOM: usize = 2048;

/// Room for a whole feed: its items, already written in its format by `text`, and
/// its channel's elements.
fn feed_room(items: &[&Entry], text: impl Fn(&Entry) -> &str) -> usize {
    items.iter().map(|&e| text(e).len()).sum::<usize>() + ELEMENTS_ROOM
}
