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

use std::ops::RangeInclusive;
use std::sync::OnceLock;

use icu::properties::CodePointMapDataBorrowed;
use icu::properties::CodePointSetDataBorrowed;
use icu::properties::props::{Alphabetic, GeneralCategory, GeneralCategoryGroup, Script, UnifiedIdeograph};
use icu::properties::script::ScriptWithExtensionsBorrowed;

use super::fold::{CJK_LETTERS, COMMON_IDEOGRAPHS, HANGUL_SYLLABLES, fold};
use crate::ascii;

/// The longest token, in characters.
pub const MAX_CHARS: usize = 40;

/// The scripts written without spaces between words, indexed by pairs.
const CJK_SCRIPTS: [Script; 4] = [Script::Han, Script::Hiragana, Script::Katakana, Script::Hangul];

/// Spaces, dashes, quotation marks and format characters: none is a letter or a
/// digit, and a French text has a typographic apostrophe every few words.
const GENERAL_PUNCTUATION: RangeInclusive<char> = '\u{2000}'..='\u{206f}';

/// The class of each character from U+0080 to U+024F (Latin-1, Latin Extended-A
/// and -B: the letters, guillemets and spaces of the languages written in Latin),
/// looked up once: a French text has one every few words.
static LATIN: [OnceLock<Class>; 0x1d0] = [const { OnceLock::new() }; 0x1d0];

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
    ideographs: CodePointSetDataBorrowed<'static>,
    categories: CodePointMapDataBorrowed<'static, GeneralCategory>,
    scripts: ScriptWithExtensionsBorrowed<'static>,
}

impl Tables {
    fn new() -> Tables {
        Tables {
            alphabetic: CodePointSetDataBorrowed::new::<Alphabetic>(),
            ideographs: CodePointSetDataBorrowed::new::<UnifiedIdeograph>(),
            categories: CodePointMapDataBorrowed::<GeneralCategory>::new(),
            scripts: ScriptWithExtensionsBorrowed::new(),
        }
    }

    fn class(&self, c: char) -> Class {
        if c.is_ascii() {
            return if c.is_ascii_alphanumeric() { Class::Word } else { Class::Split };
        }
        if let Some(class) = LATIN.get(c as usize - 0x80) {
            return *class.get_or_init(|| self.looked_up(c));
        }
        if GENERAL_PUNCTUATION.contains(&c) {
            return Class::Split;
        }
        if CJK_LETTERS.iter().any(|range| range.contains(&c)) {
            return Class::Cjk;
        }
        self.looked_up(c)
    }

    /// Whether `c`, inside a longer CJK run, is a token on its own too: an ideograph
    /// (Unified_Ideograph: not the iteration mark `々` nor other signs of the Han
    /// script) or a Hangul syllable (Korean news writes `북` for North Korea and `미`
    /// for the United States inside longer words: `북미`, `한미`).
    fn stands_alone(&self, c: char) -> bool {
        COMMON_IDEOGRAPHS.contains(&c)
            || HANGUL_SYLLABLES.contains(&c)
            || (!CJK_LETTERS.iter().any(|r| r.contains(&c)) && self.ideographs.contains(c))
    }

    /// The class of `c` from the Unicode data.
    fn looked_up(&self, c: char) -> Class {
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

/// Calls `emit` with each token of `folded`, an already folded text, as a query is
/// cut; the tokens are slices of it.
pub fn for_each_folded_token<'t>(folded: &'t str, emit: &mut impl FnMut(&'t str)) {
    cut(folded, Singles::PairsOnly, &mut |token, _| emit(token));
}

/// Calls `emit` with each token of `folded` as the index holds a document's text:
/// the tokens of [`for_each_folded_token`], and each ideograph and Hangul syllable
/// of a longer CJK run on its own, so that a query of one (`米`, `税`, `북`) finds the
/// words it stands in. Kana alone say little (most are endings and particles), and
/// are not added.
pub fn for_each_indexed_token<'t>(folded: &'t str, emit: &mut impl FnMut(Term<'t>)) {
    cut(folded, Singles::AlsoAlone, &mut |token, term| {
        emit(term.unwrap_or_else(|| Term::of(token.as_bytes())));
    });
}

/// A term as the index counts it: a word of up to eight bytes by the integer its
/// bytes make (the first lowest; a term never holds a zero byte, so the integer
/// gives the bytes back), which hashes and compares in a few instructions, and a
/// longer one by its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term<'t> {
    Short(u64),
    Long(&'t [u8]),
}

impl<'t> Term<'t> {
    /// The term of `bytes`.
    pub fn of(bytes: &'t [u8]) -> Term<'t> {
        Term::at(bytes, bytes.len())
    }

    /// The term of the first `len` bytes of `bytes`, which holds at least that many:
    /// a short one is read at once from the eight bytes at its start when `bytes`
    /// goes on that far (a word in a text, a term in packed terms).
    #[inline]
    pub fn at(bytes: &'t [u8], len: usize) -> Term<'t> {
        match len {
            0 => Term::Short(0),
            1..=8 => Term::Short(ascii::first_bytes(ascii::load_chunk(bytes).0, len)),
            _ => Term::Long(&bytes[..len]),
        }
    }

    /// Calls `each` with the term's bytes.
    pub fn with_bytes<T>(self, each: impl FnOnce(&[u8]) -> T) -> T {
        match self {
            Term::Short(key) => each(&key.to_le_bytes()[..short_len(key)]),
            Term::Long(bytes) => each(bytes),
        }
    }

    /// Appends the term's bytes to `out`: a short one by storing its eight bytes
    /// and cutting back, not by a copy's call.
    pub fn push_to(self, out: &mut Vec<u8>) {
        match self {
            Term::Short(key) => {
                let end = out.len() + short_len(key);
                out.extend_from_slice(&key.to_le_bytes());
                out.truncate(end);
            }
            Term::Long(bytes) => out.extend_from_slice(bytes),
        }
    }
}

/// How many bytes a short term has: no byte of a term is zero, so its last is the
/// highest that is not.
fn short_len(key: u64) -> usize {
    (64 - key.leading_zeros() as usize).div_ceil(8)
}

/// Whether the ideographs and Hangul syllables of a CJK run are tokens on their own
/// too.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Singles {
    PairsOnly,
    AlsoAlone,
}

/// The tokens of `folded`.
///
/// Most words of most texts are ASCII letters and digits: those are found from the
/// bits of 64 bytes classified at once. A run that meets a non-ASCII character is classified character by
/// character from its start, unless that character separates words (a typographic
/// apostrophe, a guillemet, a non-breaking space): then the run ends there.
#[inline(never)]
fn cut<'t>(folded: &'t str, singles: Singles, emit: &mut impl FnMut(&'t str, Option<Term<'t>>)) {
    let tables = Tables::new();
    let bytes = folded.as_bytes();
    // The length of the character at byte `at` when it separates tokens (a
    // typographic apostrophe, a guillemet, a space).
    let split_at =
        |at: usize| folded.get(at..)?.chars().next().filter(|&c| tables.class(c) == Class::Split).map(char::len_utf8);
    let mut at = 0;
    while at < bytes.len() {
        at = block_words(folded, at, emit);
        let Some(&byte) = bytes.get(at) else { break };
        if !byte.is_ascii() {
            match split_at(at) {
                Some(len) => at += len,
                None => at = classified_run(folded, at, &tables, singles, emit),
            }
        } else if byte.is_ascii_alphanumeric() {
            // A word that runs to the end of the block or into a non-ASCII
            // character.
            let end = bytes[at..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |n| at + n);
            if end < bytes.len() && !bytes[end].is_ascii() && split_at(end).is_none() {
                at = classified_run(folded, at, &tables, singles, emit);
            } else {
                emit_ascii(folded, at, end, emit);
                at = end;
            }
        }
    }
}

/// Emits the ASCII words of the 64 bytes of `folded` from `at`, a word's boundary,
/// that end before the first non-ASCII character; returns where it stopped: at that
/// character, at a word that reaches it or the end of the block, or at the end of
/// the block. The bytes are classified all at once, and each word is found from
/// their bits, without a branch per byte.
#[inline]
fn block_words<'t>(folded: &'t str, at: usize, emit: &mut impl FnMut(&'t str, Option<Term<'t>>)) -> usize {
    let rest = &folded.as_bytes()[at..];
    let (mut words, high) = ascii::block_bits(rest);
    let stop = (high.trailing_zeros() as usize).min(rest.len());
    if stop < 64 {
        words &= (1 << stop) - 1;
    }
    while words != 0 {
        let start = words.trailing_zeros() as usize;
        let len = (!(words >> start)).trailing_zeros() as usize;
        if start + len >= stop {
            return at + start;
        }
        emit_ascii(folded, at + start, at + start + len, emit);
        words &= u64::MAX << (start + len);
    }
    at + stop
}

/// Emits the ASCII word of `folded` from byte `start` to `end`, unless it is one
/// letter, with its term: a character is a byte, and a word of up to eight is read
/// at once from the text.
#[inline]
fn emit_ascii<'t>(folded: &'t str, start: usize, end: usize, emit: &mut impl FnMut(&'t str, Option<Term<'t>>)) {
    if end - start > 1 {
        let token = &folded[start..end.min(start + MAX_CHARS)];
        emit(token, Some(Term::at(&folded.as_bytes()[start..], token.len())));
    }
}

/// Emits the tokens of the run of characters of one class that starts at byte
/// `start` of `folded`, and returns where it ends.
fn classified_run<'t>(
    folded: &'t str,
    start: usize,
    tables: &Tables,
    singles: Singles,
    emit: &mut impl FnMut(&'t str, Option<Term<'t>>),
) -> usize {
    let mut chars = folded[start..].char_indices();
    let Some((_, first)) = chars.next() else { return folded.len() };
    let class = tables.class(first);
    let end = chars.find(|&(_, c)| tables.class(c) != class).map_or(folded.len(), |(at, _)| start + at);
    let run = &folded[start..end];
    flush(run, class, &mut |token| emit(token, None));
    if class == Class::Cjk && singles == Singles::AlsoAlone && run.chars().nth(1).is_some() {
        for (at, c) in run.char_indices().filter(|&(_, c)| tables.stands_alone(c)) {
            emit(&run[at..at + c.len_utf8()], None);
        }
    }
    end
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
            // Where each character starts, then the run's end.
            let mut starts = run.char_indices().map(|(at, _)| at).skip(1).chain([run.len()]);
            let (Some(mut second), Some(mut third)) = (starts.next(), starts.next()) else {
                emit(run);
                return;
            };
            let mut first = 0;
            loop {
                emit(&run[first..third]);
                let Some(next) = starts.next() else { break };
                (first, second, third) = (second, third, next);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(term: Term) -> String {
        term.with_bytes(|bytes| String::from_utf8(bytes.to_vec()).unwrap())
    }

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
    fn a_document_holds_each_ideograph_of_a_word_alone_too_and_a_query_does_not() {
        let mut indexed = Vec::new();
        for_each_indexed_token(&fold("消費税の引き上げ"), &mut |t| indexed.push(text_of(t)));
        assert!(indexed.contains(&"税".to_string()), "{indexed:?}");
        assert!(indexed.contains(&"消費".to_string()), "{indexed:?}");
        assert!(!indexed.contains(&"の".to_string()), "kana stay in pairs: {indexed:?}");
        assert_eq!(tokens("税"), ["税"], "a query of one ideograph is that ideograph");
        assert_eq!(tokens("消費税"), ["消費", "費税"], "a longer query is cut in pairs only");
        let mut cjk_unified = Vec::new();
        for_each_indexed_token("龜", &mut |t| cjk_unified.push(text_of(t)));
        assert_eq!(cjk_unified, ["龜"], "a lone character is not given twice");
    }

    #[test]
    fn a_document_holds_each_hangul_syllable_of_a_word_alone_too() {
        let mut indexed = Vec::new();
        for_each_indexed_token(&fold("북미 정상회담"), &mut |t| indexed.push(text_of(t)));
        assert_eq!(indexed, ["북미", "북", "미", "정상", "상회", "회담", "정", "상", "회", "담"]);
        assert_eq!(tokens("북"), ["북"], "a query of one syllable is that syllable");
    }

    #[test]
    fn the_common_ideographs_are_ideographs_by_the_unicode_data_and_kana_do_not_stand_alone() {
        let tables = Tables::new();
        for c in COMMON_IDEOGRAPHS {
            assert!(tables.ideographs.contains(c), "U+{:04X}", u32::from(c));
        }
        assert!(tables.stands_alone('\u{3400}') && tables.stands_alone('\u{20000}'));
        assert!(!tables.stands_alone('々') && !tables.stands_alone('〇') && !tables.stands_alone('の'));
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
    fn the_ascii_path_cuts_as_classifying_every_character_does() {
        // The tokens of each character classified in turn, as the definition says.
        fn classified(text: &str) -> Vec<String> {
            let tables = Tables::new();
            let mut out = Vec::new();
            let (mut start, mut class) = (0, Class::Split);
            for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
                let next = tables.class(c);
                if next != class || at == text.len() {
                    flush(&text[start..at], class, &mut |t| out.push(t.to_string()));
                    (start, class) = (at, next);
                }
            }
            out
        }
        // Texts up to a few blocks long, with words that reach past a block's end
        // and past the longest token.
        const PIECES: [&str; 22] = [
            "a",
            "z",
            "0",
            "9",
            " ",
            ".",
            "'",
            "é",
            "ß",
            "日",
            "本",
            "선",
            "ー",
            "\u{a0}",
            "’",
            "\u{2070}",
            "«",
            "œ",
            "\u{2c6}",
            "Q",
            "abcdefghij",
            "klmnopqrstuvwxyz0123456789",
        ];
        let mut random = crate::test_random::Random::new(0x2545_F491_4F6C_DD1D);
        for _ in 0..10_000 {
            let mut text = String::new();
            for _ in 0..random.below(48) {
                text.push_str(PIECES[random.below(PIECES.len())]);
            }
            let mut fast = Vec::new();
            for_each_folded_token(&text, &mut |t| fast.push(t.to_string()));
            assert_eq!(fast, classified(&text), "{text:?}");
        }
    }

    #[test]
    fn the_cjk_letters_of_the_short_path_are_cjk_letters_by_the_unicode_data() {
        let tables = Tables::new();
        for c in CJK_LETTERS.into_iter().flatten() {
            assert!(tables.looked_up(c) == Class::Cjk, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        let tables = Tables::new();
        for c in GENERAL_PUNCTUATION {
            assert!(!tables.alphabetic.contains(c), "{c:?}");
            assert!(!GeneralCategoryGroup::Number.contains(tables.categories.get(c)), "{c:?}");
        }
    }

    #[test]
    fn long_runs_are_cut() {
        let long = "a".repeat(60);
        assert_eq!(tokens(&long), ["a".repeat(MAX_CHARS)]);
    }
}
