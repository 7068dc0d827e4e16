//! Filters the templates can use beyond Tera's own.

use std::collections::BTreeMap;

use tera::{Tera, Value};

use crate::model::Site;
use crate::numbers::NumberFormatter;

/// `{{ n | number }}`: `n` formatted for the page's locale (the language of `site.lang`).
pub(super) fn register_number_filter(tera: &mut Tera, site: &Site) {
    let formatters: BTreeMap<String, NumberFormatter> =
        site.config().languages.iter().map(|l| (l.code.clone(), NumberFormatter::new(&l.locale))).collect();
    tera.register_filter("number", move |n: i64, _: tera::Kwargs, state: &tera::State| {
        let site = state.get::<Value>("site").ok().flatten();
        let lang = site.as_ref().and_then(|s| s.get_from_path("lang")).and_then(Value::as_str).unwrap_or_default();
        formatters.get(lang).map_or_else(|| n.to_string(), |f| f.format(n))
    });
}
