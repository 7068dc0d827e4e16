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
/// XML 1.0 forbids.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// True for the characters XML 1.0 allows in a document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

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
