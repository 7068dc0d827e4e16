//! Numbers for readers, per locale, with ICU4X: "1 234" in French, "1,234" in
//! English, "١٬٢٣٤" in Egyptian Arabic. Templates use it through the `number` filter.

use icu::decimal::DecimalFormatter;
use icu::decimal::input::Decimal;

/// Formats integers for one locale.
pub struct NumberFormatter {
    inner: Option<DecimalFormatter>,
}

impl NumberFormatter {
    /// A formatter for `locale`; without ICU data for it, numbers stay plain digits.
    pub fn new(locale: &icu::locale::Locale) -> NumberFormatter {
        NumberFormatter { inner: DecimalFormatter::try_new(locale.clone().into(), Default::default()).ok() }
    }

    /// `n` with the locale's digits and grouping.
    pub fn format(&self, n: i64) -> String {
        match &self.inner {
            Some(f) => f.format_to_string(&Decimal::from(n)),
            None => n.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_and_digits_follow_the_locale() {
        let cases =
            [("en", "12,345"), ("fr", "12\u{202f}345"), ("ja", "12,345"), ("ar", "12,345"), ("ar-EG", "١٢٬٣٤٥")];
        for (loc, want) in cases {
            assert_eq!(NumberFormatter::new(&loc.parse().unwrap()).format(12345), want, "{loc}");
        }
    }
}
