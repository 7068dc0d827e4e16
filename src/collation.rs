//! Names in the order readers of a language expect: "Élections" between "Économie"
//! and "Énergie" for a French reader, not after "Transport" as bytes would put it.
//! ICU4X's collator gives each language its order (CLDR root order with the
//! language's tailoring); lists of terms and authors, and the `collate` filter of
//! templates, sort with it.

use std::cmp::Ordering;

use icu::collator::options::CollatorOptions;
use icu::collator::{Collator, CollatorBorrowed};
use icu::locale::Locale;

/// The order of names in one language.
pub struct NameOrder(Option<CollatorBorrowed<'static>>);

impl NameOrder {
    /// The order of `locale`; byte order when ICU has no data for it.
    pub fn new(locale: &Locale) -> NameOrder {
        NameOrder(Collator::try_new(locale.into(), CollatorOptions::default()).ok())
    }

    /// How `a` and `b` compare for a reader of the language.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        match &self.0 {
            Some(collator) => collator.compare(a, b),
            None => a.cmp(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(locale: &str, names: &[&str]) -> Vec<String> {
        let order = NameOrder::new(&locale.parse().unwrap());
        let mut names: Vec<String> = names.iter().map(ToString::to_string).collect();
        names.sort_by(|a, b| order.compare(a, b));
        names
    }

    #[test]
    fn french_names_sort_as_a_french_reader_sorts_them() {
        let names = ["Transport maritime", "Énergie", "Élections", "Économie", "États-Unis", "Vanuatu", "eau"];
        assert_eq!(
            sorted("fr", &names),
            ["eau", "Économie", "Élections", "Énergie", "États-Unis", "Transport maritime", "Vanuatu"]
        );
    }

    #[test]
    fn each_language_has_its_own_order() {
        // Swedish puts "ö" after "z"; German sorts it with "o".
        assert_eq!(sorted("sv", &["öl", "zebra", "ost"]), ["ost", "zebra", "öl"]);
        assert_eq!(sorted("de", &["öl", "zebra", "ost"]), ["öl", "ost", "zebra"]);
        assert_eq!(sorted("ja", &["ロシア", "アメリカ", "イギリス"]), ["アメリカ", "イギリス", "ロシア"]);
    }
}
