//! XML text for feeds and sitemaps: elements written one per line, every piece of
//! text escaped.
//!
//! Feeds and sitemaps carry editors' text (titles, summaries, whole articles) into
//! XML, where one stray `&` or `<` makes the whole file unreadable for every feed
//! reader. [`Xml`] therefore writes text and attribute values only through
//! [`escape_into`], which escapes the five markup characters and drops the characters
//! XML 1.0 does not allow at all (control characters, U+FFFE and U+FFFF), so any
//! title or body gives a well-formed document. Pieces written separately (a feed item
//! prepared once and reused by many feeds) are joined with [`Xml::raw`].

/// An XML document or fragment being written.
#[derive(Debug, Default)]
pub struct Xml {
    out: String,
    depth: usize,
}

/// The XML declaration every document starts with.
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

impl Xml {
    /// A document, starting with the XML declaration.
    pub fn document() -> Xml {
        Xml { out: DECLARATION.to_string(), depth: 0 }
    }

    /// A fragment whose elements are indented as if nested `depth` levels deep.
    pub fn fragment(depth: usize) -> Xml {
        Xml { out: String::new(), depth }
    }

    /// Makes room for `bytes` more bytes at once: feeds and their items are known to
    /// be long, and growing step by step would copy them again and again.
    pub fn with_room(mut self, bytes: usize) -> Xml {
        self.out.reserve(bytes);
        self
    }

    /// `<name attrs>`; the following elements are nested in it until [`Xml::close`].
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    /// `</name>`, closing the element opened last.
    pub fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `<name attrs>text</name>`.
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start_tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `<name attrs/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// Appends a fragment written by another [`Xml`] (already escaped).
    pub fn raw(&mut self, fragment: &str) {
        self.out.push_str(fragment);
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }
}

/// Appends `text` escaped for XML text and attribute values, without the characters
/// XML 1.0 forbids. Runs of text that need neither are copied whole: whole
/// articles go through here, once per feed format.
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !NEEDS_CARE[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let (replacement, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            // U+FFFE and U+FFFF.
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            0xEF => {
                i += 1;
                continue;
            }
            // The other control characters.
            _ => ("", 1),
        };
        out.push_str(&text[copied..i]);
        out.push_str(replacement);
        i += len;
        copied = i;
    }
    out.push_str(&text[copied..]);
}

/// The bytes [`escape_into`] looks at: the five markup characters, the control
/// characters but tab, line feed and carriage return, and 0xEF, which starts
/// U+FFFE and U+FFFF (and other characters, kept) in UTF-8. XML 1.0 allows every
/// other character a Rust string can hold.
const NEEDS_CARE: [bool; 256] = {
    let mut care = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        care[b] = !matches!(b as u8, b'\t' | b'\n' | b'\r');
        b += 1;
    }
    care[b'&' as usize] = true;
    care[b'<' as usize] = true;
    care[b'>' as usize] = true;
    care[b'"' as usize] = true;
    care[b'\'' as usize] = true;
    care[0xEF] = true;
    care
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_forbidden_characters_dropped() {
        let mut xml = Xml::document();
        xml.open("feed", &[("xml:lang", "fr")]);
        xml.text("title", &[("type", "a\"b")], "</script> & ]]> \u{1}\u{FFFF}ok");
        xml.empty("link", &[("href", "https://x.org/?a=1&b=2")]);
        xml.close("feed");
        assert_eq!(
            xml.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xml:lang=\"fr\">\n  \
             <title type=\"a&quot;b\">&lt;/script&gt; &amp; ]]&gt; ok</title>\n  \
             <link href=\"https://x.org/?a=1&amp;b=2\"/>\n</feed>\n"
        );
    }

    #[test]
    fn only_forbidden_characters_are_dropped_from_any_script() {
        let mut out = String::new();
        escape_into(&mut out, "é\t日本\u{FFFE}\u{FFEF}\u{FFFF}\u{FEFF}x\u{7}\r\n'");
        assert_eq!(out, "é\t日本\u{FFEF}\u{FEFF}x\r\n&apos;");
    }

    #[test]
    fn fragments_keep_their_depth() {
        let mut item = Xml::fragment(2);
        item.text("title", &[], "T");
        let mut doc = Xml::fragment(0);
        doc.open("a", &[]);
        doc.open("b", &[]);
        doc.raw(&item.finish());
        doc.close("b");
        doc.close("a");
        assert_eq!(doc.finish(), "<a>\n  <b>\n    <title>T</title>\n  </b>\n</a>\n");
    }
}
