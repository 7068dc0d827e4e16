//! Words that change with a count, in every language's own way. English has two
//! forms ("1 article", "2 articles"), French counts 0 with 1, Japanese and Korean
//! have one form, Arabic six (0, 1, 2, 3–10, 11–99, 100 and up). ICU4X's plural
//! rules (CLDR) give the form a count takes in a language; a theme's strings carry
//! each form its languages need as `key_zero`, `key_one`, `key_two`, `key_few`,
//! `key_many` and `key_other` (or the bare `key`, which is `other`), and templates
//! pick through the `plural` function.

use std::collections::BTreeMap;

use icu::locale::Locale;
use icu::plurals::{PluralCategory, PluralRules};

/// The plural forms of CLDR, as string-key suffixes.
pub const FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The plural rules of one language.
pub struct PluralForms(Option<PluralRules>);

impl PluralForms {
    /// The rules of `locale`; without ICU data for it, every count takes `other`.
    pub fn new(locale: &Locale) -> PluralForms {
        PluralForms(PluralRules::try_new_cardinal(locale.into()).ok())
    }

    /// The form count `n` takes: one of [`FORMS`].
    pub fn form(&self, n: u64) -> &'static str {
        self.0.as_ref().map_or("other", |rules| name(rules.category_for(n)))
    }

    /// Whether some count takes `form` in this language.
    pub fn uses(&self, form: &str) -> bool {
        match &self.0 {
            Some(rules) => rules.categories().any(|c| name(c) == form),
            None => form == "other",
        }
    }

    /// The string of `strings` for count `n` of `key`: its form's, else `key_other`,
    /// else `key` itself.
    pub fn pick<'s>(&self, strings: &'s BTreeMap<String, String>, key: &str, n: u64) -> Option<&'s str> {
        [format!("{key}_{}", self.form(n)), format!("{key}_other"), key.to_string()]
            .iter()
            .find_map(|k| strings.get(k))
            .map(String::as_str)
    }

    /// Whether `key` is a form this language never uses of a key among `keys`
    /// (`articles_count_one` in Japanese): a language need not translate it.
    pub fn is_unused_form(&self, key: &str, has_key: impl Fn(&str) -> bool) -> bool {
        key.rsplit_once('_').is_some_and(|(base, form)| FORMS.contains(&form) && !self.uses(form) && has_key(base))
    }
}

fn name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(locale: &str) -> Vec<&'static str> {
        let forms = PluralForms::new(&locale.parse().unwrap());
        [0, 1, 2, 3, 11, 100].iter().map(|&n| forms.form(n)).collect()
    }

    #[test]
    fn each_language_takes_its_own_forms_for_0_1_2_3_11_and_100() {
        assert_eq!(forms("fr"), ["one", "one", "other", "other", "other", "other"]);
        assert_eq!(forms("en"), ["other", "one", "other", "other", "other", "other"]);
        assert_eq!(forms("ja"), ["other"; 6]);
        assert_eq!(forms("ko"), ["other"; 6]);
        assert_eq!(forms("ar"), ["zero", "one", "two", "few", "many", "other"]);
    }

    #[test]
    fn a_missing_form_falls_back_to_other_then_to_the_bare_key() {
        let strings: BTreeMap<String, String> =
            [("n", "{n} items"), ("n_one", "{n} item")].into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        let ar = PluralForms::new(&"ar".parse().unwrap());
        assert_eq!(ar.pick(&strings, "n", 1), Some("{n} item"));
        assert_eq!(ar.pick(&strings, "n", 2), Some("{n} items"));
        let ja = PluralForms::new(&"ja".parse().unwrap());
        assert!(ja.is_unused_form("n_one", |k| k == "n"));
        assert!(!ja.is_unused_form("n_other", |k| k == "n"));
        assert!(!ja.is_unused_form("step_one", |k| k == "n"), "not a form of a known key");
    }
}
