//! The plain text of the HTML that the model holds for a summary or a body: what
//! search reads of them, and the excerpt it shows. The HTML is the one broadsheet
//! wrote from the Markdown, so reading it back is a single pass: tags are left
//! out (a block's tag separates words, an inline one does not) and the character
//! references that the HTML writers use are decoded.

/// Inline elements: their tags do not separate words (`<em>in</em>line`).
const INLINE: [&str; 27] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s",
    "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];

/// Appends the text of `html` to `out`.
pub fn push_text(html: &str, out: &mut String) {
    let mut rest = html;
    while let Some(at) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            let end = memchr::memchr(b'>', rest.as_bytes()).map_or(rest.len(), |e| e + 1);
            if !is_inline(&rest[..end]) {
                out.push(' ');
            }
            rest = &rest[end..];
        } else {
            let (decoded, used) = reference(rest);
            out.push_str(decoded);
            rest = &rest[used..];
        }
    }
    out.push_str(rest);
}

/// Whether a tag (`<em>`, `</a>`) is an inline element's.
fn is_inline(tag: &str) -> bool {
    let name = tag.trim_start_matches(['<', '/']);
    let end = name.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(name.len());
    INLINE.iter().any(|inline| name[..end].eq_ignore_ascii_case(inline))
}

/// The text of the character reference at the start of `text`, and its length; an
/// `&` that starts no known reference is itself.
fn reference(text: &str) -> (&str, usize) {
    const NAMED: [(&str, &str); 6] =
        [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " ")];
    NAMED.iter().find(|(name, _)| text.starts_with(name)).map_or(("&", 1), |(name, value)| (value, name.len()))
}

/// The excerpt of a document: its text with whitespace folded, cut at a word to at
/// most `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut folded = String::with_capacity(max * 2);
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
    crate::markdown::truncate_words(&folded, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        let mut out = String::new();
        push_text(html, &mut out);
        out
    }

    #[test]
    fn blocks_separate_words_and_inline_tags_do_not() {
        assert_eq!(text("<p>un</p><p>deux <em>tr</em>ois</p>"), " un  deux trois ");
        assert_eq!(text("<h2 id=\"x\">Titre</h2>"), " Titre ");
        assert_eq!(text("le 1<sup>er</sup> <time datetime=\"2025\">mai</time>"), "le 1er mai");
    }

    #[test]
    fn references_are_decoded() {
        assert_eq!(text("R&amp;D &lt;b&gt; &quot;x&quot; &copy;"), "R&D <b> \"x\" &copy;");
    }

    #[test]
    fn the_excerpt_folds_whitespace_and_cuts_at_a_word() {
        assert_eq!(excerpt("  un\n deux   trois ", 100), "un deux trois");
        assert_eq!(excerpt("un deux trois quatre", 12), "un deux…");
    }
}
