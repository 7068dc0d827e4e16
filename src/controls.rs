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

/// Whether `text` has a stray control character. This runs over every content file
/// and every escaped value, so it tests 64 bytes at a time (short values padded)
/// with a loop the compiler turns into vector instructions, and looks byte by byte
/// only in a block that has one (about four times faster than a plain scan on news
/// text).
pub fn has_stray(text: &str) -> bool {
    first_stray(text.as_bytes()).is_some()
}

/// Bytes tested at once by [`block_has_stray`].
const BLOCK: usize = 64;

fn first_stray(bytes: &[u8]) -> Option<usize> {
    let mut start = 0;
    while let Some(Ok(block)) = bytes.get(start..start + BLOCK + 1).map(<&[u8; BLOCK + 1]>::try_from) {
        if block_has_stray(block) {
            return scan(&bytes[start..]).map(|at| at + start);
        }
        start += BLOCK;
    }
    let tail = &bytes[start..];
    (!tail.is_empty() && block_has_stray(&padded_block(tail))).then(|| scan(tail).map(|at| at + start)).flatten()
}

/// The last bytes of a text, fewer than a block and the one after it, padded with
/// spaces, which are not stray.
fn padded_block(tail: &[u8]) -> [u8; BLOCK + 1] {
    let mut block = [b' '; BLOCK + 1];
    block[..tail.len()].copy_from_slice(tail);
    block
}

/// Whether the first `BLOCK` bytes of `block` have a stray control character (the
/// last byte tells what follows them). No branch, so that it vectorizes.
fn block_has_stray(block: &[u8; BLOCK + 1]) -> bool {
    let mut found = 0u8;
    for (&byte, &after) in block[..BLOCK].iter().zip(&block[1..]) {
        found |= u8::from(is_stray_ascii(byte) | is_c1_lead(byte, after));
    }
    found != 0
}

/// U+0000–U+001F but tab, line feed, form feed and carriage return, and U+007F.
fn is_stray_ascii(byte: u8) -> bool {
    const WHITESPACE: u32 = 1 << b'\t' | 1 << b'\n' | 1 << 0x0c | 1 << b'\r';
    (byte < 0x20) & ((WHITESPACE >> (byte & 31)) & 1 == 0) | (byte == 0x7f)
}

/// U+0080–U+009F are 0xC2 0x80–0x9F in UTF-8.
fn is_c1_lead(byte: u8, after: u8) -> bool {
    (byte == 0xc2) & (after & 0xe0 == 0x80)
}

/// The first stray control character of `bytes`, byte by byte.
fn scan(bytes: &[u8]) -> Option<usize> {
    let after = |i: usize| bytes.get(i + 1).copied().unwrap_or(0);
    bytes.iter().enumerate().position(|(i, &byte)| is_stray_ascii(byte) | is_c1_lead(byte, after(i)))
}

/// `text` without its stray control characters; borrowed when it has none.
pub fn strip(text: &str) -> Cow<'_, str> {
    match first_stray(text.as_bytes()) {
        None => Cow::Borrowed(text),
        Some(_) => Cow::Owned(text.chars().filter(|&c| !is_stray(c)).collect()),
    }
}

/// What [`escape_html`] does with each byte: 0 copy, 1 to 5 the escape of that
/// index in [`ESCAPES`], [`STRAY`] drop, [`C1_LEAD`] drop with the next byte when
/// that makes U+0080–U+009F.
const ACTIONS: [u8; 256] = {
    let mut actions = [0; 256];
    let mut byte = 0;
    while byte < 0x20 {
        actions[byte] = STRAY;
        byte += 1;
    }
    actions[b'\t' as usize] = 0;
    actions[b'\n' as usize] = 0;
    actions[0x0c] = 0;
    actions[b'\r' as usize] = 0;
    actions[0x7f] = STRAY;
    actions[0xc2] = C1_LEAD;
    actions[b'&' as usize] = 1;
    actions[b'<' as usize] = 2;
    actions[b'>' as usize] = 3;
    actions[b'"' as usize] = 4;
    actions[b'\'' as usize] = 5;
    actions
};
const ESCAPES: [&[u8]; 6] = [b"", b"&amp;", b"&lt;", b"&gt;", b"&quot;", b"&#39;"];
const STRAY: u8 = 6;
const C1_LEAD: u8 = 7;

/// Tera's escape function: HTML-escapes `input` (`&`, `<`, `>`, `"`, `'`, as Tera
/// does) and drops its stray control characters, in one pass. Templates escape
/// many short values per page; one table lookup a byte keeps that as cheap as
/// escaping alone.
pub fn escape_html(input: &str, out: &mut dyn Write) -> io::Result<()> {
    let bytes = input.as_bytes();
    let (mut copied, mut at) = (0, 0);
    while at < bytes.len() {
        let action = ACTIONS[usize::from(bytes[at])];
        let width = match action {
            0 => 0,
            C1_LEAD if bytes.get(at + 1).is_some_and(|&next| is_c1_lead(bytes[at], next)) => 2,
            C1_LEAD => 0,
            _ => 1,
        };
        if width == 0 {
            at += 1;
            continue;
        }
        out.write_all(&bytes[copied..at])?;
        if action <= 5 {
            out.write_all(ESCAPES[usize::from(action)])?;
        }
        at += width;
        copied = at;
    }
    out.write_all(&bytes[copied..])
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
    fn the_block_test_finds_what_a_plain_scan_finds_at_every_offset() {
        let mut rng = 0x9e37_79b9_u32;
        let pieces = ["a", "é", "«", "\u{a0}", "\n", "\t", "北", "\u{7}", "\u{85}", "\u{9f}", "\u{7f}", "\u{c}"];
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(rng % 300) {
                rng ^= rng << 13;
                rng ^= rng >> 17;
                rng ^= rng << 5;
                let piece = pieces[(rng % 12) as usize];
                text.push_str(if rng.is_multiple_of(50) { piece } else { pieces[(rng % 7) as usize] });
            }
            let plain = text.char_indices().find(|&(_, c)| is_stray(c)).map(|(i, _)| i);
            assert_eq!(first_stray(text.as_bytes()), plain, "{text:?}");
        }
    }

    #[test]
    fn escaped_values_lose_their_controls() {
        let (mut ours, mut plain) = (Vec::new(), Vec::new());
        escape_html("<b>\u{7}x & y</b>\u{85}'\"é«\u{a0}»\u{9f}\u{7f}", &mut ours).unwrap();
        tera::escape_html("<b>x & y</b>'\"é«\u{a0}»", &mut plain).unwrap();
        assert_eq!(ours, plain);
        assert!(String::from_utf8(ours).unwrap().starts_with("&lt;b&gt;x &amp;"));
    }
}
