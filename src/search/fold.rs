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

use icu::normalizer::ComposingNormalizerBorrowed;
use icu::normalizer::properties::{CanonicalDecompositionBorrowed, Decomposed};
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
    // Full lowercase looks at the context of a capital sigma (`ς` at the end of a
    // word): the text's own method knows it.
    let lower = if compatible.contains('Σ') { compatible.to_lowercase().into() } else { compatible };
    let folder = Folder {
        categories: CodePointMapDataBorrowed::<GeneralCategory>::new(),
        scripts: ScriptWithExtensionsBorrowed::new(),
        decompositions: CanonicalDecompositionBorrowed::new(),
    };
    let mut out = String::with_capacity(lower.len());
    // Whether the last character that is not a nonspacing mark loses its marks.
    let mut after_folded = false;
    let mut rest: &str = &lower;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        if ascii > 0 {
            let start = out.len();
            out.push_str(&rest[..ascii]);
            out[start..].make_ascii_lowercase();
            after_folded = rest.as_bytes()[ascii - 1].is_ascii_alphabetic();
            rest = &rest[ascii..];
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        rest = &rest[c.len_utf8()..];
        if folder.is_mark(c) {
            if !after_folded {
                out.push(c);
            }
        } else {
            for c in c.to_lowercase() {
                let scripts = folder.scripts.get_script_extensions_val(c);
                after_folded = FOLDED_SCRIPTS.iter().any(|s| scripts.contains(s));
                if after_folded {
                    folder.push_without_marks(c, &mut out);
                } else {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// The Unicode data folding looks characters up in.
struct Folder {
    categories: CodePointMapDataBorrowed<'static, GeneralCategory>,
    scripts: ScriptWithExtensionsBorrowed<'static>,
    decompositions: CanonicalDecompositionBorrowed<'static>,
}

impl Folder {
    fn is_mark(&self, c: char) -> bool {
        self.categories.get(c) == GeneralCategory::NonspacingMark
    }

    /// Pushes the canonical decomposition of `c` (NFD, without reordering: its
    /// marks are dropped) without its nonspacing marks.
    fn push_without_marks(&self, c: char, out: &mut String) {
        match self.decompositions.decompose(c) {
            Decomposed::Default if self.is_mark(c) => {}
            Decomposed::Default => out.push(c),
            Decomposed::Singleton(d) => self.push_without_marks(d, out),
            Decomposed::Expansion(a, b) => {
                self.push_without_marks(a, out);
                self.push_without_marks(b, out);
            }
        }
    }
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
        assert_eq!(fold("ΟΔΟΣ"), "οδος", "a final capital sigma lowercases to ς");
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
