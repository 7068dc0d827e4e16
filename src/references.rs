//! The root-relative links and the images of a Markdown text, listed while it is
//! rendered, for the checks that need the whole site: whether each leads to a page
//! or file the site has ([`targets`](crate::targets)), whether each image is
//! described (`check`). `@/` links are resolved by the model, and links to other
//! sites are not looked up, so neither is listed.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::config::is_root_relative;

/// A root-relative link or an image of a text, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The address as written (`/articles/x/#part`, `/maps/a.svg`).
    pub dest: String,
    /// For an image, its alternative text; `None` for a link.
    pub alt: Option<String>,
    /// An image given an empty alternative text on purpose (a lead image, whose
    /// `alt` must be written): decorative, not an image someone forgot to describe.
    pub decorative: bool,
    /// For a resource of an article folder, its address as written (`photo.jpg`),
    /// `dest` being its address from the site root.
    pub resource: Option<String>,
}

/// The root-relative links and the images (with their alternative text) of a
/// text's events, each with its byte offset.
pub fn references(events: &[(Event, Range<usize>)]) -> Vec<(usize, Reference)> {
    let mut out = Vec::new();
    // Images being read, innermost last: (their place in `out`).
    let mut open: Vec<usize> = Vec::new();
    for (event, range) in events {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if is_root_relative(dest_url) => {
                out.push((
                    range.start,
                    Reference { dest: dest_url.to_string(), alt: None, decorative: false, resource: None },
                ));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                open.push(out.len());
                out.push((
                    range.start,
                    Reference {
                        dest: dest_url.to_string(),
                        alt: Some(String::new()),
                        decorative: false,
                        resource: None,
                    },
                ));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(alt) = open.last().and_then(|&i| out[i].1.alt.as_mut()) {
                    alt.push_str(text);
                }
            }
            Event::End(TagEnd::Image) => {
                open.pop();
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    #[test]
    fn root_relative_links_and_all_images_are_listed_with_their_offsets() {
        let text = "[a](/about/) [b](@/articles/known.md) [c](https://x.org/) [d](rel/) [e](#top)\n\n\
                    ![A `map`](/m.svg \"T\") ![](https://x.org/i.png)\n";
        let events: Vec<_> = Parser::new_ext(text, Options::empty()).into_offset_iter().collect();
        let listed = references(&events);
        let found: Vec<(usize, &str, Option<&str>)> =
            listed.iter().map(|(at, r)| (*at, r.dest.as_str(), r.alt.as_deref())).collect();
        assert_eq!(
            found,
            [(0, "/about/", None), (79, "/m.svg", Some("A map")), (102, "https://x.org/i.png", Some(""))]
        );
    }
}
