//! Word counts and reading time that treat Chinese, Japanese and Korean fairly.
//!
//! Alphabetic text is counted in words (runs of letters and digits). Han characters,
//! kana and other scripts written without spaces are counted character by character,
//! since a Japanese sentence is one "word" between spaces. Hangul is written with
//! spaces between words, so Korean is counted in words, like French. Reading time
//! adds words at the language's words-per-minute and CJK characters at its
//! characters-per-minute.

use crate::ascii::{HIGH_BITS, ONES, alphanumeric, byte_in_range, load_chunk};

/// How much text an article has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextStats {
    /// Words in space-separated scripts (Latin, Cyrillic, Hangul, Arabic...).
    pub words: usize,
    /// Characters of scripts written without spaces (Han, kana, Thai...).
    pub cjk_chars: usize,
}

impl TextStats {
    /// Adds the counts of `text`. This runs over every word of every article, so
    /// ASCII, most of the text, is read eight bytes at a time (`ascii_words`);
    /// only other characters are decoded, one by one.
    pub fn add(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut in_word = false;
        let mut i = 0;
        while i < bytes.len() {
            let (chunk, len) = load_chunk(&bytes[i..]);
            let non_ascii = chunk & HIGH_BITS;
            // Bytes before the first non-ASCII one, if any.
            let ascii = if non_ascii == 0 { len } else { non_ascii.trailing_zeros() as usize / 8 };
            if ascii > 0 {
                let (words, after) = ascii_words(chunk, ascii, in_word);
                self.words += words;
                in_word = after;
                i += ascii;
            }
            if non_ascii != 0 {
                let c = text[i..].chars().next().unwrap_or_default();
                in_word = self.add_char(c, in_word);
                i += c.len_utf8();
            }
        }
    }

    /// Counts one non-ASCII character; returns whether a word goes on after it.
    /// Latin-1 letters (`é`, `ç`, `ü`...) and general punctuation (typographic
    /// quotes, dashes, spaces) are told apart without Unicode's tables.
    fn add_char(&mut self, c: char, in_word: bool) -> bool {
        let letter = match c {
            '\u{80}'..='\u{FF}' => is_latin1_alphanumeric(c),
            // The apostrophe of elisions (`l’analyse`) keeps a word going.
            '\u{2000}'..='\u{206F}' => return in_word && c == '’',
            _ if is_unspaced_script(c) => {
                self.cjk_chars += 1;
                return false;
            }
            _ => c.is_alphanumeric(),
        };
        self.words += usize::from(letter && !in_word);
        letter
    }

    /// One number for "word count": words plus CJK characters.
    pub fn word_count(&self) -> usize {
        self.words + self.cjk_chars
    }

    /// Minutes to read, rounded up, at least 1.
    pub fn reading_minutes(&self, words_per_minute: u32, chars_per_minute: u32) -> usize {
        let minutes = self.words as f64 / f64::from(words_per_minute.max(1))
            + self.cjk_chars as f64 / f64::from(chars_per_minute.max(1));
        (minutes.ceil() as usize).max(1)
    }
}

/// Counts the words starting in the first `len` bytes of `chunk` (ASCII, read as
/// little-endian), given whether a word goes on from before them; returns the count
/// and whether a word goes on after them. Letters and digits make words; `'` and `-`
/// join the letters on each side into one word (`l'Union`, `sous-marins`); anything
/// else ends a word. Each byte's high bit stands for the byte, and whether a word goes
/// on after each byte spreads from byte to byte in three shifts (a prefix scan).
fn ascii_words(chunk: u64, len: usize, in_word: bool) -> (usize, bool) {
    let chunk = if len == 8 { chunk } else { chunk & ((1 << (8 * len)) - 1) };
    let letters = alphanumeric(chunk);
    let joiners = byte_in_range(chunk, b'\'', b'\'') | byte_in_range(chunk, b'-', b'-');
    let carried = if in_word { 0x80 } else { 0 };
    // `goes_on`: a word goes on after the byte; `passes`: a run of joiners carries
    // whatever came before it through all its bytes. Most chunks have no joiner.
    let mut goes_on = letters | (joiners & carried);
    if joiners != 0 {
        let mut passes = joiners;
        for shift in [8, 16, 32] {
            goes_on |= passes & (goes_on << shift);
            passes &= passes << shift;
        }
    }
    let starts = letters & !((goes_on << 8) | carried);
    // The multiplication adds the eight bytes (each 0 or 1) into the top one.
    let count = ((starts >> 7).wrapping_mul(ONES) >> 56) as usize;
    (count, (goes_on >> (8 * len - 1)) & 1 == 1)
}

/// Whether a character of U+0080..=U+00FF is alphabetic or numeric: the letters
/// from `À` to `ÿ` but the signs `×` and `÷`, and `ª`, `º`, `µ`, `¹`, `²`, `³`,
/// `¼`, `½`, `¾`.
fn is_latin1_alphanumeric(c: char) -> bool {
    matches!(c, 'À'..='ÿ' | 'ª' | 'º' | 'µ' | '¹' | '²' | '³' | '¼'..='¾') && c != '×' && c != '÷'
}

/// Han ideographs, kana and Thai/Lao/Khmer/Burmese: scripts that do not separate words with spaces.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x31F0..=0x31FF    // katakana extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF66..=0xFF9F    // half-width katakana
        | 0x20000..=0x3134F  // CJK extensions B–G
        | 0x0E00..=0x0EFF    // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(text: &str) -> TextStats {
        let mut s = TextStats::default();
        s.add(text);
        s
    }

    #[test]
    fn french_counts_words_with_elisions_as_one() {
        assert_eq!(stats("L’analyse d’expert, en 3 points.").words, 5);
    }

    #[test]
    fn japanese_counts_characters_not_sentences() {
        let s = stats("日本と韓国は会談した。");
        assert_eq!(s.words, 0);
        assert_eq!(s.cjk_chars, 10);
    }

    #[test]
    fn accented_letters_and_hyphens_stay_inside_words() {
        let s = stats("Sécurité énergétique : l'Union européenne et sous-marins × 2 ÷ 3");
        assert_eq!(s.words, 8);
    }

    #[test]
    fn chunked_counts_match_a_character_by_character_count() {
        /// The definition, one character at a time.
        fn by_character(text: &str) -> TextStats {
            let mut s = TextStats::default();
            let mut in_word = false;
            for c in text.chars() {
                if is_unspaced_script(c) {
                    s.cjk_chars += 1;
                    in_word = false;
                } else if c.is_alphanumeric() {
                    s.words += usize::from(!in_word);
                    in_word = true;
                } else {
                    in_word = in_word && matches!(c, '\'' | '-' | '’');
                }
            }
            s
        }
        let alphabet =
            ['a', 'Z', '7', '\'', '-', ' ', ',', '\n', 'é', '’', '×', '\u{A0}', '日', 'か', '한', '—', '@', '`'];
        let mut random = crate::test_random::Random::new(0x2545_F491_4F6C_DD1D);
        for _ in 0..20_000 {
            let len = random.below(40);
            let text: String = (0..len).map(|_| alphabet[random.below(alphabet.len())]).collect();
            assert_eq!(stats(&text), by_character(&text), "{text:?}");
        }
    }

    #[test]
    fn shortcuts_for_latin1_and_punctuation_agree_with_unicode() {
        for c in ('\u{80}'..='\u{FF}').chain('\u{2000}'..='\u{206F}') {
            let mut s = TextStats::default();
            let letter = s.add_char(c, false);
            assert_eq!(letter, c.is_alphanumeric(), "{c:?}");
            assert_eq!(s.words, usize::from(letter), "{c:?}");
        }
    }

    #[test]
    fn korean_counts_words() {
        assert_eq!(stats("한국과 일본이 회담했다").words, 3);
    }

    #[test]
    fn reading_time_mixes_both_speeds() {
        let s = TextStats { words: 440, cjk_chars: 500 };
        assert_eq!(s.reading_minutes(220, 500), 3);
        assert_eq!(TextStats::default().reading_minutes(220, 500), 1);
    }
}
