//! Filters and functions the templates can use beyond Tera's own.
//!
//! `{{ n | number }}` formats a number for the page's locale; `{{ list | collate(attribute="name") }}`
//! sorts names as readers of the page's language do; `plural(key="articles_count", n=3)`
//! gives the theme string of that key in the plural form the count takes in the page's
//! language, with `{n}` replaced by the formatted count; `recent_articles(limit=5)`
//! gives the cards of the newest articles of the page's language (at most
//! [`RECENT`]), for a footer or a sidebar. A function reads the site while a page
//! renders, so it reports what it gave out like any other read: a page that shows
//! the newest titles depends on them, and only the pages that call it do.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use icu::locale::Locale;
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::collation::NameOrder;
use crate::deps::{self, Read};
use crate::model::{RECENT, Site};
use crate::numbers::NumberFormatter;
use crate::plurals::PluralForms;

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

/// `{{ list | collate(attribute="name") }}`: `list` sorted by the text of each item
/// (or of its `attribute`) in the order of the page's language, byte order last for
/// ties; items without that text keep their place at the end.
pub(super) fn register_collate_filter(tera: &mut Tera, site: &Site, orders: &[Arc<NameOrder>]) {
    let by_code: BTreeMap<String, Arc<NameOrder>> =
        site.config().languages.iter().map(|l| l.code.clone()).zip(orders.iter().cloned()).collect();
    tera.register_filter("collate", move |list: Vec<Value>, kwargs: Kwargs, state: &State| -> TeraResult<Vec<Value>> {
        let attribute = kwargs.get::<String>("attribute")?;
        let text = |item: &Value| -> Option<String> {
            let value = match &attribute {
                Some(path) => item.get_from_path(path)?,
                None => item,
            };
            value.as_str().map(str::to_string)
        };
        let mut keyed: Vec<(Option<String>, Value)> = list.into_iter().map(|item| (text(&item), item)).collect();
        if let Some(order) = by_code.get(&page_language(state)) {
            keyed.sort_by(|(a, _), (b, _)| match (a, b) {
                (Some(a), Some(b)) => order.compare(a, b).then_with(|| a.cmp(b)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
        }
        Ok(keyed.into_iter().map(|(_, item)| item).collect())
    });
}

/// Words that change with a count in one language: what `plural` needs of it, and
/// what the renderer uses to write counts itself (the labels of a map).
pub(super) struct Counting {
    strings: BTreeMap<String, String>,
    forms: PluralForms,
    numbers: NumberFormatter,
}

impl Counting {
    /// The counting of `locale` with the theme's `strings` of its language.
    pub(super) fn new(locale: &Locale, strings: BTreeMap<String, String>) -> Counting {
        Counting { strings, forms: PluralForms::new(locale), numbers: NumberFormatter::new(locale) }
    }

    /// The string `key` in the form `n` takes (see [`PluralForms::pick`]), `{n}`
    /// replaced by `n` formatted for the locale; the key itself when the theme has
    /// no such string.
    pub(super) fn count(&self, key: &str, n: u64) -> String {
        let text = self.forms.pick(&self.strings, key, n).unwrap_or(key);
        text.replace("{n}", &self.numbers.format(i64::try_from(n).unwrap_or(i64::MAX)))
    }
}

/// `plural(key="articles_count", n=3)`: [`Counting::count`] in the page's language.
pub(super) fn register_plural_function(tera: &mut Tera, site: &Site, countings: &[Arc<Counting>]) {
    let by_code: BTreeMap<String, Arc<Counting>> =
        site.config().languages.iter().map(|l| l.code.clone()).zip(countings.iter().cloned()).collect();
    tera.register_function("plural", move |kwargs: Kwargs, state: &State| -> TeraResult<String> {
        let key = kwargs.must_get::<String>("key")?;
        let n = kwargs.must_get::<u64>("n")?;
        Ok(by_code.get(&page_language(state)).map_or(key.clone(), |lang| lang.count(&key, n)))
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
