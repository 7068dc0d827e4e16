//! Slugs: the names that tags, categories and headings get in URLs and anchors.
//!
//! broadsheet keeps Unicode in slugs rather than transliterating: a Japanese tag
//! `サイバー攻撃` has the folder `tags/サイバー攻撃/` on disk, and every URL that
//! points to it is percent-encoded by the URL scheme
//! ([`routes::scheme`](crate::routes::scheme)). Transliteration would turn Japanese
//! kanji into Chinese pinyin and lose meaning; percent-encoded UTF-8 is what browsers
//! show as the original text.

/// Lowercases `text` and keeps letters and digits of every script; every run of
/// other characters becomes one `-`. `"Corée du Nord: l'ONU"` → `"corée-du-nord-l-onu"`.
/// Text is first put in composed form (NFC), so that an accent typed as a separate
/// combining mark gives the same slug as the accented letter.
pub fn slugify(text: &str) -> String {
    let composed = crate::normal::composed_str(text);
    let mut slug = String::with_capacity(composed.len());
    let mut pending_dash = false;
    for c in composed.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_keeps_unicode_letters() {
        assert_eq!(slugify("Corée du Nord: l’ONU"), "corée-du-nord-l-onu");
        assert_eq!(slugify("サイバー攻撃"), "サイバー攻撃");
        assert_eq!(slugify("  --Hello, World!--  "), "hello-world");
        assert_eq!(slugify("e\u{301}lection"), slugify("élection"));
    }
}
