//! Tokens: the terms a folded text is searched by, the same for an article's text
//! and for a reader's query (the theme's script cuts queries the same way).
//!
//! A token is a maximal run of letters and digits (Unicode Alphabetic or a Number
//! category; anything else, apostrophes included, separates: `l'élection` gives
//! `l` and `election`, and `l` alone is dropped). Chinese, Japanese and Korean write
//! words without spaces, or with particles attached (`선거에서`, "in the election"),
//! so their characters (scripts Han, Hiragana, Katakana and Hangul, by
//! Script_Extensions, so that the long-vowel mark `ー` counts) form runs of their own,
//! indexed by overlapping pairs: `選挙結果` gives `選挙`, `挙結`, `結果`, and a query
//! `選挙` finds it wherever the word stands. A CJK run of one character is its own
//! token; another run of one character is dropped; a long run is cut to
//! [`MAX_CHARS`] characters.

use icu::properties::CodePointMapDataBorrowed;
use icu::properties::CodePointSetDataBorrowed;
use icu::properties::props::{Alphabetic, GeneralCategory, GeneralCategoryGroup, Script};
use icu::properties::script::ScriptWithExtensionsBorrowed;

use super::fold::fold;

/// The longest token, in characters.
pub const MAX_CHARS: usize = 40;

/// The scripts written without spaces between words, indexed by pairs.
const CJK_SCRIPTS: [Script; 4] = [Script::Han, Script::Hiragana, Script::Katakana, Script::Hangul];

/// What a character is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A letter or digit of a script written with spaces.
    Word,
    /// A letter of a CJK script.
    Cjk,
    /// Anything else: it separates tokens.
    Split,
}

/// The Unicode data the tokenizer looks characters up in.
struct Tables {
    alphabetic: CodePointSetDataBorrowed<'static>,
    categories: CodePointMapDataBorrowed<'static, GeneralCategory>,
    scripts: ScriptWithExtensionsBorrowed<'static>,
}

impl Tables {
    fn new() -> Tables {
        Tables {
            alphabetic: CodePointSetDataBorrowed::new::<Alphabetic>(),
            categories: CodePointMapDataBorrowed::<GeneralCategory>::new(),
            scripts: ScriptWithExtensionsBorrowed::new(),
        }
    }

    fn class(&self, c: char) -> Class {
        if c.is_ascii() {
            return if c.is_ascii_alphanumeric() { Class::Word } else { Class::Split };
        }
        if !self.alphabetic.contains(c) && !GeneralCategoryGroup::Number.contains(self.categories.get(c)) {
            return Class::Split;
        }
        let scripts = self.scripts.get_script_extensions_val(c);
        if CJK_SCRIPTS.iter().any(|s| scripts.contains(s)) { Class::Cjk } else { Class::Word }
    }
}

/// Calls `emit` with each token of `text` (folded first), in order, repeats
/// included.
pub fn for_each_token(text: &str, mut emit: impl FnMut(&str)) {
    for_each_folded_token(&fold(text), &mut emit);
}

/// Calls `emit` with each token of `folded`, an already folded text; the tokens
/// are slices of it.
pub fn for_each_folded_token<'t>(folded: &'t str, emit: &mut impl FnMut(&'t str)) {
    let tables = Tables::new();
    let mut run_start = 0;
    let mut run_class = Class::Split;
    for (at, c) in folded.char_indices() {
        let class = tables.class(c);
        if class != run_class {
            flush(&folded[run_start..at], run_class, emit);
            run_start = at;
            run_class = class;
        }
    }
    flush(&folded[run_start..], run_class, emit);
}

/// Emits the tokens of one run of characters of one class.
fn flush<'t>(run: &'t str, class: Class, emit: &mut impl FnMut(&'t str)) {
    match class {
        Class::Split => {}
        Class::Word => {
            let mut chars = run.char_indices();
            if chars.nth(1).is_none() {
                return;
            }
            let end = run.char_indices().nth(MAX_CHARS).map_or(run.len(), |(at, _)| at);
            emit(&run[..end]);
        }
        Class::Cjk => {
            let starts: Vec<usize> = run.char_indices().map(|(at, _)| at).chain([run.len()]).collect();
            if starts.len() == 2 {
                emit(run);
            }
            for pair in starts.windows(3) {
                emit(&run[pair[0]..pair[2]]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_token(text, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn a_query_without_accents_meets_the_accented_word() {
        assert_eq!(tokens("L'Élection présidentielle"), ["election", "presidentielle"]);
        assert_eq!(tokens("election"), tokens("élection"));
        assert_eq!(tokens("l’élection"), ["election"], "a typographic apostrophe splits too");
    }

    #[test]
    fn one_letter_words_are_dropped_and_digits_kept() {
        assert_eq!(tokens("a 7 G20 à 2025"), ["g20", "2025"]);
    }

    #[test]
    fn a_japanese_word_inside_a_sentence_is_found_by_its_pairs() {
        let sentence = tokens("日本銀行は金融政策を決めた");
        let word = tokens("金融政策");
        assert_eq!(word, ["金融", "融政", "政策"]);
        assert!(word.iter().all(|w| sentence.contains(w)), "{sentence:?}");
        assert!(tokens("コーヒー").contains(&"ーヒ".to_string()), "the long-vowel mark stays in its word");
    }

    #[test]
    fn a_korean_word_matches_with_its_particle_attached() {
        let text = tokens("대통령 선거에서 승리했다");
        assert!(text.contains(&"선거".to_string()), "{text:?}");
        assert_eq!(tokens("선거"), ["선거"]);
    }

    #[test]
    fn cjk_and_latin_letters_split_apart_and_single_cjk_characters_stay() {
        assert_eq!(tokens("iPhone発売"), ["iphone", "発売"]);
        assert_eq!(tokens("党 の"), ["党", "の"]);
    }

    #[test]
    fn arabic_words_match_with_or_without_harakat() {
        assert_eq!(tokens("الانْتِخَابَات"), tokens("الانتخابات"));
    }

    #[test]
    fn full_width_text_is_searched_as_plain() {
        assert_eq!(tokens("ＧＤＰ　２０２５"), ["gdp", "2025"]);
    }

    #[test]
    fn long_runs_are_cut() {
        let long = "a".repeat(60);
        assert_eq!(tokens(&long), ["a".repeat(MAX_CHARS)]);
    }
}
