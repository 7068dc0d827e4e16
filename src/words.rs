//! Word counts and reading time that treat Chinese, Japanese and Korean fairly.
//!
//! Alphabetic text is counted in words (runs of letters and digits). Han characters,
//! kana and other scripts written without spaces are counted character by character,
//! since a Japanese sentence is one "word" between spaces. Hangul is written with
//! spaces between words, so Korean is counted in words, like French. Reading time
//! adds words at the language's words-per-minute and CJK characters at its
//! characters-per-minute.

/// How much text an article has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextStats {
    /// Words in space-separated scripts (Latin, Cyrillic, Hangul, Arabic...).
    pub words: usize,
    /// Characters of scripts written without spaces (Han, kana, Thai...).
    pub cjk_chars: usize,
}

impl TextStats {
    /// Adds the counts of `text`. ASCII bytes, most of the text, go through a table
    /// without decoding (this runs over every word of every article); other
    /// characters are decoded and classified with Unicode's tables.
    pub fn add(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // 1 inside a word, else 0. The ASCII path is arithmetic without branches:
        // letters and spaces alternate too irregularly for branch prediction.
        let mut in_word = 0usize;
        let mut ascii_words = 0usize;
        let mut i = 0;
        while let Some(&byte) = bytes.get(i) {
            if byte.is_ascii() {
                let class = usize::from(ASCII_CLASS[usize::from(byte)]);
                let letter = class & LETTER;
                ascii_words += letter & !in_word;
                in_word = letter | (in_word & (class >> 1));
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or_default();
                in_word = usize::from(self.add_char(c, in_word == 1));
                i += c.len_utf8();
            }
        }
        self.words += ascii_words;
    }

    /// Counts one non-ASCII character; returns whether a word goes on after it.
    /// Accented Latin letters (`é`, `ç`, `ü`...) are recognised before the Unicode
    /// tables are searched.
    fn add_char(&mut self, c: char, in_word: bool) -> bool {
        let latin1_letter = matches!(c, 'À'..='ÿ') && c != '×' && c != '÷';
        if !latin1_letter && is_unspaced_script(c) {
            self.cjk_chars += 1;
            false
        } else if latin1_letter || c.is_alphanumeric() {
            self.words += usize::from(!in_word);
            true
        } else {
            in_word && c == '’'
        }
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

/// [`ASCII_CLASS`] of a letter or digit (bit 0).
const LETTER: usize = 1;
/// [`ASCII_CLASS`] of `'` and `-` (bit 1), which join the letters on each side into
/// one word.
const JOINER: usize = 2;

/// The class of each ASCII byte: [`LETTER`], [`JOINER`] or 0 (a word boundary).
const ASCII_CLASS: [u8; 128] = {
    let mut classes = [0; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        classes[b] = if byte.is_ascii_alphanumeric() {
            LETTER as u8
        } else if byte == b'\'' || byte == b'-' {
            JOINER as u8
        } else {
            0
        };
        b += 1;
    }
    classes
};

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
