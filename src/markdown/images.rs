//! The images of a Markdown text as HTML. A body's images sit below the fold more
//! often than not, so each is loaded when the reader nears it and decoded off the
//! main thread (`loading="lazy" decoding="async"`); an image alone in its paragraph
//! with a title (`![alt](src "caption")`) is a `<figure>` captioned by its title,
//! while one within text stays inline. A photograph of the site is a `<picture>`:
//! WebP versions for the browsers that take them, its own format for the others,
//! each at every width so that a phone loads a small one, and its `width` and
//! `height`, so that the text does not move when it arrives.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::link_problems::{LinkError, LinkProblem};
use crate::images::{Format, Picture};
use crate::links::{self, LinkKind};
use crate::references::Reference;
use crate::resources;

/// Gives the images of `references` that are resources of the article folder whose
/// resources are published under `base` their address from the site root, so that
/// the build looks them up among its outputs; a relative address that leaves the
/// folder is added to `errors` (unless refused already: a backslash).
pub(super) fn resolve_references(
    base: Option<&str>,
    references: &mut [(usize, Reference)],
    errors: &mut Vec<LinkError>,
) {
    let Some(base) = base else {
        return;
    };
    for (offset, reference) in references.iter_mut().filter(|(_, r)| r.alt.is_some()) {
        match resources::resolve(base, &reference.dest) {
            Ok(Some(resolved)) => reference.resource = Some(std::mem::replace(&mut reference.dest, resolved)),
            Ok(None) => {}
            Err(_) if links::check("image", &reference.dest, LinkKind::Resource).is_err() => {}
            Err(e) => errors.push(LinkError { problem: LinkProblem::Outside(e), offset: *offset }),
        }
    }
}

/// Image `dest` of a file of the article folder whose resources are published under
/// `base`: the resource's address when it names one; `None` to keep it as written
/// (a relative address leaving the folder is reported by [`resolve_references`]).
pub(super) fn from_folder(base: Option<&str>, dest: &str) -> Option<String> {
    resources::resolve(base?, dest).ok().flatten()
}

/// How wide a body image is shown: the text's measure on a wide screen, the
/// screen's width on a phone.
const BODY_SIZES: &str = "(min-width: 48rem) 46rem, 100vw";

/// A photograph of the site as a body shows it: its versions at `widths`, their
/// addresses under `base_path`.
pub(super) struct Photo<'p> {
    pub(super) picture: &'p Picture,
    pub(super) widths: &'p [u32],
    pub(super) base_path: &'p str,
}

/// The `<img>` of a body image: `src` as the page links it (under the base path),
/// `title` as written (empty when none); a `<picture>` of its versions when it is a
/// photograph of the site.
pub(super) fn img(src: &str, alt: &str, title: &str, photo: Option<&Photo>) -> String {
    let mut html = String::new();
    let src = match photo {
        Some(photo) => {
            html.push_str("<picture>");
            let Photo { picture, widths, base_path } = photo;
            if picture.format != Format::Webp {
                html.push_str("<source type=\"image/webp\" srcset=\"");
                escape_html(&mut html, &picture.srcset(widths, Format::Webp, base_path)).ok();
                html.push_str(&format!("\" sizes=\"{BODY_SIZES}\">"));
            }
            format!("{base_path}{}", picture.fallback(widths).address)
        }
        None => src.to_string(),
    };
    html.push_str("<img src=\"");
    // Writing to a String cannot fail.
    escape_href(&mut html, &src).ok();
    if let Some(Photo { picture, widths, base_path }) = photo {
        let fallback = picture.fallback(widths);
        html.push_str("\" srcset=\"");
        escape_html(&mut html, &picture.srcset(widths, picture.format, base_path)).ok();
        html.push_str(&format!("\" sizes=\"{BODY_SIZES}\" width=\"{}\" height=\"{}", fallback.width, fallback.height));
    }
    html.push_str("\" alt=\"");
    escape_html(&mut html, alt).ok();
    if !title.is_empty() {
        html.push_str("\" title=\"");
        escape_html(&mut html, title).ok();
    }
    html.push_str("\" loading=\"lazy\" decoding=\"async\">");
    if photo.is_some() {
        html.push_str("</picture>");
    }
    html
}

/// A captioned image: `<figure>` with its `<img>` and its `<figcaption>`.
pub(super) fn figure(src: &str, alt: &str, caption: &str, photo: Option<&Photo>) -> String {
    let mut html = format!("<figure>\n{}\n<figcaption>", img(src, alt, "", photo));
    escape_html(&mut html, caption).ok();
    html.push_str("</figcaption>\n</figure>\n");
    html
}

/// The alternative text of an image from the events inside it: their text, without
/// the markup (`![a *b*](x)` → `a b`).
pub(super) fn alt_text(inner: &[(Event, Range<usize>)]) -> String {
    inner
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// A paragraph holding only an image with a title.
pub(super) struct LoneImage<'e> {
    /// The index of the paragraph's end.
    pub(super) end: usize,
    pub(super) dest: &'e str,
    pub(super) title: &'e str,
}

/// The lone image whose paragraph starts at index `start`, if it is one; `find_end`
/// finds the end of the element starting at an index.
pub(super) fn lone_image<'e>(
    events: &'e [(Event, Range<usize>)],
    start: usize,
    find_end: impl Fn(&[(Event, Range<usize>)], usize) -> usize,
) -> Option<LoneImage<'e>> {
    let (Event::Start(Tag::Paragraph), _) = events.get(start)? else {
        return None;
    };
    let (Event::Start(Tag::Image { dest_url, title, .. }), _) = events.get(start + 1)? else {
        return None;
    };
    if title.is_empty() {
        return None;
    }
    let image_end = find_end(events, start + 1);
    let closes = matches!(events.get(image_end + 1), Some((Event::End(TagEnd::Paragraph), _)));
    closes.then_some(LoneImage { end: image_end + 1, dest: dest_url, title })
}
