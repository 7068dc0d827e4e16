//! RSS 2.0: the channel, and one `<item>` per article. Dates are RFC 822 with
//! English names; authors are `dc:creator`, the full text `content:encoded`, the
//! last update `atom:updated`, and the first source the item's `<source>`.

use crate::xml::Xml;

use super::entry::{Entry, Item};
use super::{Channel, FeedFormat, GENERATOR, atom, feed_room};

const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

/// The whole feed.
pub(super) fn feed(channel: &Channel, items: &[&Entry]) -> String {
    let mut x = Xml::document().with_room(feed_room(items, |e| &e.rss));
    x.open(
        "rss",
        &[("version", "2.0"), ("xmlns:atom", atom::NAMESPACE), ("xmlns:content", CONTENT_NS), ("xmlns:dc", DC_NS)],
    );
    x.open("channel", &[]);
    x.text("title", &[], &channel.title);
    x.text("link", &[], &channel.page_url);
    x.text("description", &[], &channel.description);
    x.text("language", &[], &channel.lang);
    x.empty("atom:link", &[("href", &channel.feed_url), ("rel", "self"), ("type", FeedFormat::Rss.media_type())]);
    x.text("generator", &[], GENERATOR);
    if let Some(updated) = &channel.updated {
        x.text("lastBuildDate", &[], &updated.rfc822());
    }
    for item in items {
        x.raw(&item.rss);
    }
    x.close("channel");
    x.close("rss");
    x.finish()
}

/// One article's `<item>`.
pub(super) fn item(item: &Item) -> String {
    let mut x = Xml::fragment(2).with_room(item.escaped_len());
    x.open("item", &[]);
    x.text("title", &[], item.title);
    x.text("link", &[], &item.url);
    x.text("guid", &[("isPermaLink", "true")], &item.url);
    x.text("pubDate", &[], &item.published.rfc822());
    x.text("atom:updated", &[], &item.modified.rfc3339());
    for author in &item.authors {
        x.text("dc:creator", &[], &author.name);
    }
    for category in &item.categories {
        x.text("category", &[("domain", &category.scheme)], &category.name);
    }
    x.text("description", &[], &item.summary_html);
    if let Some(content) = &item.content_html {
        x.text("content:encoded", &[], content);
    }
    if let Some(source) = item.sources.first() {
        x.text("source", &[("url", &source.url)], &source.name);
    }
    x.close("item");
    x.finish()
}
