//! The plain text of the HTML that the model holds for a summary or a body: what
//! search reads of them, and the text its excerpts are cut from. The HTML is the one broadsheet
//! wrote from the Markdown, so reading it back is a single pass: tags are left
//! out (a block's tag separates words, an inline one does not) and the character
//! references that the HTML writers use are decoded.

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

/// Whether a tag (`<em>`, `</a>`) is an inline element's: its tag does not
/// separate words (`<em>in</em>line`). broadsheet writes tag names in lowercase;
/// an editor's raw HTML may not.
fn is_inline(tag: &str) -> bool {
    let name = tag.trim_start_matches(['<', '/']);
    let name = &name[..name.bytes().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(name.len())];
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        return is_inline_name(&name.to_ascii_lowercase());
    }
    is_inline_name(name)
}

/// Whether `name`, in lowercase, is an inline element's.
fn is_inline_name(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
    )
}

/// The text of the character reference at the start of `text`, and its length; an
/// `&` that starts no known reference is itself.
fn reference(text: &str) -> (&str, usize) {
    const NAMED: [(&str, &str); 6] =
        [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " ")];
    NAMED.iter().find(|(name, _)| text.starts_with(name)).map_or(("&", 1), |(name, value)| (value, name.len()))
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
        assert_eq!(text("<P>un</P><EM>d</EM>eux"), " un deux", "in an editor's raw HTML too");
    }

    #[test]
    fn references_are_decoded() {
        assert_eq!(text("R&amp;D &lt;b&gt; &quot;x&quot; &copy;"), "R&D <b> \"x\" &copy;");
    }
}
