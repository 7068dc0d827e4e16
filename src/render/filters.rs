//! Filters and functions the templates can use beyond Tera's own.
//!
//! `{{ n | number }}` formats a number for the page's locale; `recent_articles(limit=5)`
//! gives the cards of the newest articles of the page's language (at most
//! [`RECENT`]), for a footer or a sidebar. A function reads the site while a page
//! renders, so it reports what it gave out like any other read: a page that shows
//! the newest titles depends on them, and only the pages that call it do.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::deps::{self, Read};
use crate::model::{RECENT, Site};
use crate::numbers::NumberFormatter;

/// Per language, the cards of its newest articles and what making them read; set
/// once the renderer can make cards.
pub(super) type Recent = Arc<OnceLock<Vec<(Value, Vec<Read>)>>>;

/// The language code of the page being rendered (`site.lang`).
fn page_language(state: &State) -> String {
    let site = state.get::<Value>("site").ok().flatten();
    site.as_ref().and_then(|s| s.get_from_path("lang")).and_then(Value::as_str).unwrap_or_default().to_string()
}

/// `{{ n | number }}`: `n` formatted for the page's locale (the language of `site.lang`).
pub(super) fn register_number_filter(tera: &mut Tera, site: &Site) {
    let formatters: BTreeMap<String, NumberFormatter> =
        site.config().languages.iter().map(|l| (l.code.clone(), NumberFormatter::new(&l.locale))).collect();
    tera.register_filter("number", move |n: i64, _: Kwargs, state: &State| {
        formatters.get(&page_language(state)).map_or_else(|| n.to_string(), |f| f.format(n))
    });
}

/// `recent_articles(limit=5)`: the cards of the `limit` newest articles of the page's
/// language, newest first, from `recent`.
pub(super) fn register_recent_articles(tera: &mut Tera, site: &Site, recent: Recent) {
    let codes: Vec<String> = site.config().languages.iter().map(|l| l.code.clone()).collect();
    tera.register_function("recent_articles", move |kwargs: Kwargs, state: &State| -> TeraResult<Value> {
        let limit = kwargs.get::<usize>("limit")?.unwrap_or(5).min(RECENT);
        let lang = page_language(state);
        let found = codes.iter().position(|c| *c == lang).and_then(|i| recent.get()?.get(i));
        let Some((cards, reads)) = found else {
            return Ok(Value::from(Vec::<Value>::new()));
        };
        deps::record_all(reads);
        let cards = cards.as_array().unwrap_or_default();
        Ok(Value::from(cards[..limit.min(cards.len())].to_vec()))
    });
}
