//! Excerpts: a text with its whitespace folded, cut at a word to a number of
//! characters. Descriptions made from an article's opening and the excerpts of
//! search results are both cut here, once per document of a large site, so the text
//! is read once and only as far as the excerpt needs.

/// `text` with each run of whitespace made one space (none at either end), cut at a
/// word to at most `max` characters, with an ellipsis when cut.
///
/// The cut keeps `max - 1` characters and an ellipsis, back to the last space when
/// that space stands past the middle, without a trailing comma, semicolon or colon.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut folded = String::with_capacity(text.len().min(max.saturating_mul(4)));
    let mut chars = 0;
    for word in text.split_whitespace() {
        if chars > max {
            break;
        }
        if chars > 0 {
            folded.push(' ');
            chars += 1;
        }
        folded.push_str(word);
        chars += word.chars().count();
    }
    if chars <= max {
        return folded;
    }
    let end = folded.char_indices().nth(max.saturating_sub(1)).map_or(folded.len(), |(at, _)| at);
    let mut cut = &folded[..end];
    if let Some(space) = cut.rfind(' ').filter(|&at| at > max / 2) {
        cut = &cut[..space];
    }
    let mut out = cut.trim_end_matches([',', ';', ':', ' ']).to_string();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_random::Random;

    /// The excerpt by its definition: fold all whitespace, then cut.
    fn by_definition(text: &str, max: usize) -> String {
        let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if folded.chars().count() <= max {
            return folded;
        }
        let cut: String = folded.chars().take(max.saturating_sub(1)).collect();
        let cut = match cut.rfind(' ') {
            Some(at) if at > max / 2 => &cut[..at],
            _ => &cut,
        };
        format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
    }

    #[test]
    fn whitespace_is_folded_and_the_cut_falls_at_a_word() {
        assert_eq!(excerpt("  un\n deux   trois ", 100), "un deux trois");
        assert_eq!(excerpt("un deux trois quatre", 12), "un deux…");
        assert_eq!(excerpt("un deux trois quatre cinq six", 15), "un deux trois…");
        assert_eq!(excerpt("", 10), "");
    }

    #[test]
    fn the_excerpt_of_random_text_is_the_folded_text_cut() {
        let alphabet = ['a', 'é', ' ', '\n', '\t', '\u{A0}', '\u{3000}', ',', ';', ':', '日', '\u{0B}', '한', '…'];
        let mut random = Random::new(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let len = random.below(60);
            let text: String = (0..len).map(|_| alphabet[random.below(alphabet.len())]).collect();
            let max = random.below(30);
            assert_eq!(excerpt(&text, max), by_definition(&text, max), "{text:?} at {max}");
        }
    }
}
