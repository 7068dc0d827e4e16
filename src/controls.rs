//! Control characters: never in a page.
//!
//! HTML forbids control characters other than whitespace (U+0001–U+001F but tab,
//! line feed, form feed and carriage return; U+007F; U+0080–U+009F): a browser shows
//! them as boxes or drops them, and validators reject the page. Editors do not type
//! them, but text pasted from other programs carries them, and a TOML escape
//! (`"\u0007"`) can put one in any front matter string. They are removed from
//! content files as they are read ([`strip`]) and from every value a template
//! escapes ([`escape_html`], Tera's escape function), so that none reaches a page;
//! feeds drop them when escaping XML, and JSON-LD escapes them.

use std::borrow::Cow;
use std::io::{self, Write};

/// True for the control characters HTML forbids in a page.
pub fn is_stray(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}' | '\r')
}

/// Whether `text` has a stray control character, looked for byte by byte: this
/// runs over every content file and every escaped value.
pub fn has_stray(text: &str) -> bool {
    first_stray(text).is_some()
}

fn first_stray(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().position(|(i, &b)| match b {
        b'\t' | b'\n' | 0x0c | b'\r' => false,
        0..0x20 | 0x7f => true,
        // U+0080–U+009F are 0xC2 0x80–0x9F in UTF-8.
        0xc2 => bytes.get(i + 1).is_some_and(|next| (0x80..0xa0).contains(next)),
        _ => false,
    })
}

/// `text` without its stray control characters; borrowed when it has none.
pub fn strip(text: &str) -> Cow<'_, str> {
    match first_stray(text) {
        None => Cow::Borrowed(text),
        Some(_) => Cow::Owned(text.chars().filter(|&c| !is_stray(c)).collect()),
    }
}

/// Tera's escape function: HTML-escapes `input` without its stray control
/// characters.
pub fn escape_html(input: &str, out: &mut dyn Write) -> io::Result<()> {
    tera::escape_html(&strip(input), out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_and_whitespace_and_every_script_stay() {
        assert_eq!(strip("a\u{0}b\u{7}c\u{1b}d\u{7f}e\u{85}f\u{9f}g"), "abcdefg");
        let kept = "tab\tline\nform\u{c}return\r é « » \u{a0} 北朝鮮 كوريا";
        assert!(matches!(strip(kept), Cow::Borrowed(_)));
    }

    #[test]
    fn escaped_values_lose_their_controls() {
        let (mut ours, mut plain) = (Vec::new(), Vec::new());
        escape_html("<b>\u{7}x & y</b>", &mut ours).unwrap();
        tera::escape_html("<b>x & y</b>", &mut plain).unwrap();
        assert_eq!(ours, plain);
        assert!(String::from_utf8(ours).unwrap().starts_with("&lt;b&gt;x &amp;"));
    }
}
