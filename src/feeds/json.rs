//! JSON Feed 1.1: the feed object, and one item per article. The first source of an
//! article is its `external_url`; `content_html` is the whole article or its news
//! summary, as site.toml's `[feeds] full_content` says.

use serde::Serialize;
use serde_json::value::RawValue;

use super::Channel;
use super::entry::{Entry, Item};

const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct Feed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    language: &'a str,
    authors: [Author<'a>; 1],
    items: Vec<&'a RawValue>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_url: Option<&'a str>,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    content_html: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    language: &'a str,
}

/// The whole feed.
pub(super) fn feed(channel: &Channel, items: &[&Entry]) -> String {
    let feed = Feed {
        version: VERSION,
        title: &channel.title,
        home_page_url: &channel.page_url,
        feed_url: &channel.feed_url,
        description: &channel.description,
        language: &channel.lang,
        authors: [Author { name: &channel.publisher, url: Some(&channel.publisher_url) }],
        items: items.iter().map(|e| e.json.as_ref()).collect(),
    };
    let mut text = serde_json::to_string(&feed).expect("a JSON Feed is strings and numbers");
    text.push('\n');
    text
}

/// One article's item.
pub(super) fn item(item: &Item) -> Box<RawValue> {
    let value = JsonItem {
        id: &item.url,
        url: &item.url,
        external_url: item.sources.first().map(|s| s.url.as_str()),
        title: item.title,
        summary: item.description,
        content_html: item.content_html.as_deref().unwrap_or(&item.summary_html),
        image: item.image.as_deref(),
        date_published: item.published.rfc3339(),
        date_modified: item.modified.rfc3339(),
        authors: item.authors.iter().map(|a| Author { name: &a.name, url: a.url.as_deref() }).collect(),
        tags: item.categories.iter().map(|c| c.name.as_str()).collect(),
        language: item.lang,
    };
    serde_json::value::to_raw_value(&value).expect("a JSON Feed item is strings")
}
