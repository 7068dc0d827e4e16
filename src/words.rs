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
    /// Adds the counts of `text`.
    pub fn add(&mut self, text: &str) {
        let mut in_word = false;
        for c in text.chars() {
            if is_unspaced_script(c) {
                self.cjk_chars += 1;
                in_word = false;
            } else if c.is_alphanumeric() {
                if !in_word {
                    self.words += 1;
                }
                in_word = true;
            } else if !(in_word && (c == '\'' || c == '’' || c == '-')) {
                in_word = false;
            }
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
