//! Folding: the form of text that search compares, so that a reader's query and an
//! article's words meet however either was typed.
//!
//! The theme's script folds queries the same way, step for step (see
//! `docs/themes.md`): NFKC (full-width `ＡＢＣ１` is `abc1`, `ｶﾞ` is `ガ`), then full
//! Unicode lowercase, then, for letters of the Latin, Greek, Cyrillic and Arabic
//! scripts (by Script_Extensions), their canonical decomposition without its
//! nonspacing marks: `é` is `e`, `ё` is `е`, and the harakat that follow an Arabic
//! letter are dropped. A nonspacing mark that follows a letter of another script is
//! kept, and Hangul, kana and Han are never decomposed (`が` stays `が`).

use std::borrow::Cow;

use icu::normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};
use icu::properties::CodePointMapDataBorrowed;
use icu::properties::props::{GeneralCategory, Script};
use icu::properties::script::ScriptWithExtensionsBorrowed;

/// The scripts whose letters lose their accents.
const FOLDED_SCRIPTS: [Script; 4] = [Script::Latin, Script::Greek, Script::Cyrillic, Script::Arabic];

/// `text` folded for search.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let compatible = ComposingNormalizerBorrowed::new_nfkc().normalize(text);
    let lower = compatible.to_lowercase();
    let categories = CodePointMapDataBorrowed::<GeneralCategory>::new();
    let scripts = ScriptWithExtensionsBorrowed::new();
    let decompose = DecomposingNormalizerBorrowed::new_nfd();
    let mut out = String::with_capacity(lower.len());
    // Whether the last character that is not a nonspacing mark loses its marks.
    let mut after_folded = false;
    let mut buf = [0u8; 4];
    for c in lower.chars() {
        if c.is_ascii() {
            out.push(c);
            after_folded = c.is_ascii_alphabetic();
            continue;
        }
        if categories.get(c) == GeneralCategory::NonspacingMark {
            if !after_folded {
                out.push(c);
            }
            continue;
        }
        after_folded = FOLDED_SCRIPTS.iter().any(|&s| scripts.has_script(c, s));
        if !after_folded {
            out.push(c);
            continue;
        }
        match decompose.normalize(c.encode_utf8(&mut buf)) {
            Cow::Borrowed(same) => out.push_str(same),
            Cow::Owned(parts) => {
                out.extend(parts.chars().filter(|&p| categories.get(p) != GeneralCategory::NonspacingMark));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_accents_and_case_fold_away() {
        assert_eq!(fold("Élection"), "election");
        assert_eq!(fold("e\u{301}lection"), "election", "a combining accent typed apart");
        assert_eq!(fold("Ça déjà"), "ca deja");
        assert_eq!(fold("STRASSE Straße"), "strasse straße", "ß lowercases to itself");
    }

    #[test]
    fn greek_and_cyrillic_lose_their_marks() {
        assert_eq!(fold("Ἀθῆναι"), "αθηναι");
        assert_eq!(fold("Ёлка"), "елка");
    }

    #[test]
    fn arabic_harakat_are_dropped() {
        assert_eq!(fold("كَتَبَ"), "كتب");
        assert_eq!(fold("مُحَمَّد"), "محمد");
    }

    #[test]
    fn full_width_and_compatibility_forms_become_plain() {
        assert_eq!(fold("ＡＢＣ１２３"), "abc123");
        assert_eq!(fold("ｶﾞｿﾘﾝ"), "ガソリン");
        assert_eq!(fold("ﬁnance"), "finance");
    }

    #[test]
    fn kana_hangul_and_han_are_never_decomposed() {
        assert_eq!(fold("が"), "が");
        assert_eq!(fold("선거에서"), "선거에서");
        assert_eq!(fold("日本銀行"), "日本銀行");
    }
}
