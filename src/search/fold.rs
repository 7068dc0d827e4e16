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

use std::ops::{Range, RangeInclusive};
use std::sync::OnceLock;

use icu::normalizer::ComposingNormalizerBorrowed;
use icu::normalizer::properties::{CanonicalDecompositionBorrowed, Decomposed};
use icu::properties::CodePointMapDataBorrowed;
use icu::properties::props::{GeneralCategory, Script};
use icu::properties::script::ScriptWithExtensionsBorrowed;

use crate::ascii;

/// The scripts whose letters lose their accents.
const FOLDED_SCRIPTS: [Script; 4] = [Script::Latin, Script::Greek, Script::Cyrillic, Script::Arabic];

/// `text` folded for search.
///
/// Only the stretches around non-ASCII characters go through the Unicode steps:
/// ASCII is lowercased as it is, which is the same (an ASCII character is never
/// changed by NFKC, nor composed with the one before it). Each stretch starts at the
/// ASCII character before it, since a combining mark may belong to that letter. A
/// capital sigma lowercases by its word's context, so a text that holds one is
/// folded whole.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if holds_capital_sigma(text) {
        fold_into(text, &mut out);
        return out;
    }
    let table = table();
    let mut rest = text;
    while let Some(first) = ascii::first_non_ascii(rest.as_bytes()) {
        if let Some((folded, len)) = tabled(&rest[first..], table) {
            push_ascii_lowercase(&rest[..first], &mut out);
            // Most are one ASCII letter (`é` is `e`): a byte stored, not a copy.
            match folded.as_bytes() {
                &[byte] => out.push(char::from(byte)),
                _ => out.push_str(folded),
            }
            rest = &rest[first + len..];
            continue;
        }
        let plain = first.saturating_sub(1);
        push_ascii_lowercase(&rest[..plain], &mut out);
        let end = rest[first..].bytes().position(|b| b.is_ascii()).map_or(rest.len(), |n| first + n);
        if fold_into(&rest[plain..end], &mut out) {
            // A capital sigma that NFKC made (from `𝚺`): its context is the text.
            out.clear();
            fold_into(text, &mut out);
            return out;
        }
        rest = &rest[end..];
    }
    push_ascii_lowercase(rest, &mut out);
    out
}

/// Whether `text` holds a capital sigma, found by its first byte: only Greek and
/// Coptic letters start with it, when its last byte is in many Japanese characters.
fn holds_capital_sigma(text: &str) -> bool {
    let mut buffer = [0; 4];
    let sigma = 'Σ'.encode_utf8(&mut buffer).as_bytes();
    let bytes = text.as_bytes();
    memchr::memchr_iter(sigma[0], bytes).any(|at| bytes[at..].starts_with(sigma))
}

/// The characters folded from a table: Latin-1, Latin Extended-A and -B (most
/// non-ASCII letters of the languages written in Latin) and General Punctuation
/// (typographic apostrophes, dashes and spaces).
const TABLED: [Range<u32>; 2] = [0x80..0x250, 0x2000..0x2070];

/// Each character of [`TABLED`], folded alone.
fn table() -> &'static [Box<str>] {
    static TABLE: OnceLock<Vec<Box<str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let fold_alone = |c: char| {
            let mut out = String::new();
            fold_into(c.encode_utf8(&mut [0; 4]), &mut out);
            out.into_boxed_str()
        };
        TABLED.into_iter().flatten().map(|code| char::from_u32(code).map(fold_alone).unwrap_or_default()).collect()
    })
}

/// The CJK Unified Ideographs block: the common Han characters.
pub const COMMON_IDEOGRAPHS: RangeInclusive<char> = '\u{4e00}'..='\u{9fff}';

/// The Hangul syllables: Korean text.
pub const HANGUL_SYLLABLES: RangeInclusive<char> = '\u{ac00}'..='\u{d7a3}';

/// Letters of CJK scripts that make most of a Japanese, Chinese or Korean text: kana,
/// the common ideographs and Hangul syllables. Each folds to itself, alone and before
/// any character of the table, of `UNCHANGED` or of ASCII (no case, no accents,
/// NFKC leaves it, and none composes with the character before it); the tokenizer
/// knows them as CJK letters without looking them up. Tests check both.
pub const CJK_LETTERS: [RangeInclusive<char>; 5] =
    ['\u{3041}'..='\u{3096}', '\u{30a1}'..='\u{30fa}', '\u{30fc}'..='\u{30fc}', COMMON_IDEOGRAPHS, HANGUL_SYLLABLES];

/// Punctuation that folds to itself as [`CJK_LETTERS`] do: the Japanese comma, full
/// stop and corner brackets.
const UNCHANGED_PUNCTUATION: [RangeInclusive<char>; 2] = ['\u{3001}'..='\u{3002}', '\u{300c}'..='\u{300f}'];

/// Every character that folds to itself without the Unicode steps.
const UNCHANGED: [&[RangeInclusive<char>]; 2] = [&CJK_LETTERS, &UNCHANGED_PUNCTUATION];

/// Whether `c` is one of the characters of [`UNCHANGED`].
fn unchanged(c: char) -> bool {
    c >= '\u{3001}' && UNCHANGED.iter().copied().flatten().any(|range| range.contains(&c))
}

/// The folding of the character that starts `text` and its length in bytes, from
/// the table or unchanged, when the character is in the table or in [`UNCHANGED`]
/// and what follows cannot change it: no character of the table, of [`UNCHANGED`] or
/// of ASCII is a mark that composes with the one before.
fn tabled<'t>(text: &'t str, table: &'t [Box<str>]) -> Option<(&'t str, usize)> {
    let mut chars = text.chars();
    let c = chars.next()?;
    let plain = |c: char| c.is_ascii() || unchanged(c) || table_index(c).is_some();
    let next_is_plain = chars.next().is_none_or(plain);
    if !next_is_plain {
        return None;
    }
    let len = c.len_utf8();
    match table_index(c) {
        Some(at) => Some((&*table[at], len)),
        None => unchanged(c).then(|| (&text[..len], len)),
    }
}

/// Where character `c` is in the table, if it is.
fn table_index(c: char) -> Option<usize> {
    let code = u32::from(c);
    let mut before = 0;
    for range in TABLED {
        if range.contains(&code) {
            return usize::try_from(before + code - range.start).ok();
        }
        before += range.len() as u32;
    }
    None
}

/// Appends ASCII `text` to `out`, lowercased.
fn push_ascii_lowercase(text: &str, out: &mut String) {
    let start = out.len();
    out.push_str(text);
    out[start..].make_ascii_lowercase();
}

/// Appends `text` folded to `out`, every step applied to all of it; says whether
/// it held a capital sigma once in NFKC.
fn fold_into(text: &str, out: &mut String) -> bool {
    let compatible = ComposingNormalizerBorrowed::new_nfkc().normalize(text);
    // Full lowercase looks at the context of a capital sigma (`ς` at the end of a
    // word): the text's own method knows it.
    let sigma = holds_capital_sigma(&compatible);
    let lower = if sigma { compatible.to_lowercase().into() } else { compatible };
    let folder = Folder {
        categories: CodePointMapDataBorrowed::<GeneralCategory>::new(),
        scripts: ScriptWithExtensionsBorrowed::new(),
        decompositions: CanonicalDecompositionBorrowed::new(),
    };
    // Whether the last character that is not a nonspacing mark loses its marks.
    let mut after_folded = false;
    let mut rest: &str = &lower;
    while !rest.is_empty() {
        let ascii = ascii::first_non_ascii(rest.as_bytes()).unwrap_or(rest.len());
        if ascii > 0 {
            push_ascii_lowercase(&rest[..ascii], out);
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
                    folder.push_without_marks(c, out);
                } else {
                    out.push(c);
                }
            }
        }
    }
    sigma
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
    fn folding_by_stretches_equals_folding_the_whole_text() {
        // Pieces where the stretches' edges matter: combining marks after ASCII
        // letters and digits, compatibility forms, Hangul jamo, marks of scripts
        // that keep them.
        const PIECES: [&str; 34] = [
            "a", "E", "7", " ", "'", "-", "\u{301}", "\u{308}", "é", "Ç", "ß", "ﬁ", "Ａ", "１", "ｶ", "ﾞ", "が",
            "\u{1100}", "\u{1161}", "선", "ё", "\u{64e}", "ك", "\u{94d}", "か", "\u{3099}", "\u{309b}", "ー", "日",
            "가", "\u{11a8}", "。", "\u{3000}", "ｰ",
        ];
        for text in ["ab𝚺c", "ab𝚺 c", "x𝚺"] {
            let mut whole = String::new();
            fold_into(text, &mut whole);
            assert_eq!(fold(text), whole, "a sigma NFKC makes takes its context from the text: {text}");
        }
        let mut random = crate::test_random::Random::new(0x9E37_79B9_7F4A_7C15);
        let mut next = move || random.next();
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..12 {
                // Half the pieces are any character of the table or of the
                // combining marks (U+0080 to U+036F, U+2000 to U+207F).
                let random = next();
                let code = match (random >> 32) as u32 % (0x370 - 0x80 + 0x80) + 0x80 {
                    code @ 0x370.. => code - 0x370 + 0x2000,
                    code => code,
                };
                match (random % 2, char::from_u32(code)) {
                    (0, Some(c)) => text.push(c),
                    _ => text.push_str(PIECES[(random >> 8) as usize % PIECES.len()]),
                }
            }
            let mut whole = String::new();
            fold_into(&text, &mut whole);
            assert_eq!(fold(&text), whole, "{text:?}");
        }
    }

    #[test]
    fn every_character_said_unchanged_folds_to_itself_before_any_plain_character() {
        for c in UNCHANGED.iter().copied().flatten().cloned().flatten() {
            for next in ["", "a", " ", "é", "\u{2019}", "\u{3042}", "\u{4e00}"] {
                let (mut whole, mut next_alone) = (String::new(), String::new());
                fold_into(&format!("{c}{next}"), &mut whole);
                fold_into(next, &mut next_alone);
                assert_eq!(whole, format!("{c}{next_alone}"), "U+{:04X} before {next:?}", u32::from(c));
            }
        }
    }

    #[test]
    fn kana_hangul_and_han_are_never_decomposed() {
        assert_eq!(fold("が"), "が");
        assert_eq!(fold("선거에서"), "선거에서");
        assert_eq!(fold("日本銀行"), "日本銀行");
    }
}
