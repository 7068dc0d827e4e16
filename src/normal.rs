//! Text in one Unicode form. The same word can be typed as different code points:
//! `é` as one letter or as `e` followed by a combining accent (U+0301), as some
//! keyboards and copy-pastes from PDFs do. Everything an editor writes (content
//! files, their names, site.toml) is put in composed form (NFC) when it is read, so
//! that titles, tags, names and slugs written either way are the same text and
//! give one tag, one slug and one URL.

use std::borrow::Cow;

use icu::normalizer::ComposingNormalizerBorrowed;

/// `text` in composed form (NFC): an accent typed as a separate combining mark
/// (`e` + U+0301) becomes the accented letter (`é`), so that titles, tags, names
/// and slugs written either way are the same text. Offsets in messages are those of
/// the composed text, which differ from the file's only on lines holding such marks.
pub fn composed(text: String) -> String {
    match composed_str(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(normal) => normal,
    }
}

/// `text` in composed form, borrowed when it already is.
pub fn composed_str(text: &str) -> Cow<'_, str> {
    if text.is_ascii() { Cow::Borrowed(text) } else { ComposingNormalizerBorrowed::new_nfc().normalize(text) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_written_with_combining_accents_is_read_composed() {
        assert_eq!(composed("e\u{301}lection".to_string()), "élection");
        assert_eq!(composed("déjà".to_string()), "déjà");
        assert_eq!(composed_str("サイバー攻撃"), "サイバー攻撃");
        assert_eq!(composed_str("ガ"), "ガ");
    }
}
