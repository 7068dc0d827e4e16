//! Atom (RFC 4287): the feed, and one `<entry>` per article. The feed carries its
//! language as `xml:lang`; each entry links its article, and each of its sources as
//! `rel="via"`.

use crate::xml::Xml;

use super::entry::{Entry, Item};
use super::{Channel, FeedFormat, GENERATOR, feed_room};

/// The Atom namespace (also used by RSS for its self link).
pub(super) const NAMESPACE: &str = "http://www.w3.org/2005/Atom";

/// The whole feed.
pub(super) fn feed(channel: &Channel, items: &[&Entry]) -> String {
    let mut x = Xml::document().with_room(feed_room(items, |e| &e.atom));
    x.open("feed", &[("xmlns", NAMESPACE), ("xml:lang", &channel.lang)]);
    x.text("id", &[], &channel.feed_url);
    x.text("title", &[("type", "text")], &channel.title);
    x.text("subtitle", &[("type", "text")], &channel.description);
    if let Some(updated) = &channel.updated {
        x.text("updated", &[], &updated.rfc3339());
    }
    x.empty("link", &[("rel", "self"), ("type", FeedFormat::Atom.media_type()), ("href", &channel.feed_url)]);
    x.empty("link", &[("rel", "alternate"), ("type", "text/html"), ("href", &channel.page_url)]);
    x.open("author", &[]);
    x.text("name", &[], &channel.publisher);
    x.text("uri", &[], &channel.publisher_url);
    x.close("author");
    x.text("generator", &[], GENERATOR);
    for item in items {
        x.raw(&item.atom);
    }
    x.close("feed");
    x.finish()
}

/// One article's `<entry>`.
pub(super) fn entry(item: &Item) -> String {
    let mut x = Xml::fragment(1).with_room(item.escaped_len());
    x.open("entry", &[]);
    x.text("title", &[("type", "text")], item.title);
    x.empty("link", &[("rel", "alternate"), ("type", "text/html"), ("href", &item.url)]);
    for source in item.sources {
        x.empty("link", &[("rel", "via"), ("href", &source.url), ("title", &source.name)]);
    }
    x.text("id", &[], &item.url);
    x.text("published", &[], &item.published.rfc3339());
    x.text("updated", &[], &item.modified.rfc3339());
    for author in &item.authors {
        x.open("author", &[]);
        x.text("name", &[], &author.name);
        if let Some(url) = &author.url {
            x.text("uri", &[], url);
        }
        x.close("author");
    }
    for category in &item.categories {
        x.empty("category", &[("term", &category.key), ("scheme", &category.scheme), ("label", &category.name)]);
    }
    x.text("summary", &[("type", "html")], &item.summary_html);
    if let Some(content) = &item.content_html {
        x.text("content", &[("type", "html")], content);
    }
    x.close("entry");
    x.finish()
}
