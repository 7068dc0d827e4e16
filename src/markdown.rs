//! Markdown: article and page bodies to HTML, sections and a table of contents.
//!
//! [`render`] is a pure function of the text and a [`MarkdownContext`]. It runs
//! pulldown-cmark (CommonMark plus tables, footnotes, strikethrough, task lists,
//! heading attributes and smart punctuation) and rewrites its events on the way:
//! every heading gets a unique `id`; each `##` heading opens a [`Section`];
//! `@/articles/x.md` links become the target's URL; every other link and image
//! address must pass [`links::check`](crate::links::check) (an unknown target, one
//! the build leaves out for now, or a refused address is a [`LinkError`] with its
//! byte offset); without `raw_html`, raw HTML is shown as text; fenced code is
//! highlighted with CSS classes (an unknown language stays plain); an image alone in
//! its paragraph with a title becomes a `<figure>` with a caption, and every image is
//! loaded lazily (`images`); tables get a scrolling wrapper. Text outside code is
//! counted for the word count and reading time. Root-relative links and every image
//! are listed ([`references`](crate::references)) for the checks that need the whole
//! site.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use pulldown_cmark_escape::escape_html;
use serde::Serialize;

use crate::highlight;
use crate::images::Picture;
use crate::references::{Reference, references};
use crate::slug::slugify;
use crate::words::TextStats;

mod images;
mod link_problems;

use link_problems::refused_addresses;
pub use link_problems::{LinkError, LinkProblem, LinkTarget, OUTSIDE_HINT};

/// How to render, and how to resolve internal links.
pub struct MarkdownContext<'a> {
    /// Turn quotes and dashes into typographic ones.
    pub smart_punctuation: bool,
    /// Highlight fenced code with syntect.
    pub highlight_code: bool,
    /// Pass raw HTML through; false: escape it, so it shows as text.
    pub raw_html: bool,
    /// What an internal link target (`articles/x.md`, the part after `@/`) is: a
    /// file published at a site path (`/articles/x/`) or one left out for now;
    /// `None` when no content file has that name.
    pub resolve: &'a (dyn Fn(&str) -> Option<LinkTarget> + Sync),
    /// The existing link target closest to one that does not exist, for the hint.
    pub meant: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// What is known of the photograph at an address from the site root (its size,
    /// its versions); `None` for any other image.
    pub picture: &'a (dyn Fn(&str) -> Option<Arc<Picture>> + Sync),
    /// The widths photographs are offered at (`[images] widths`, sorted).
    pub widths: &'a [u32],
    /// The path of the base URL (`""`, `"/news"`), put before every root-relative
    /// link and image, which are taken from the site's root.
    pub base_path: &'a str,
    /// For a file of an article folder, the address from the site root under which
    /// the folder's resources are published (`/articles/ferry/`): its relative image
    /// addresses are taken from there. `None` for any other file.
    pub resources: Option<&'a str>,
}

/// One `##` section of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading as plain text.
    pub heading: String,
    /// The heading's anchor.
    pub id: String,
    /// Where the section's HTML, without its heading, lies in the body's HTML.
    html: std::ops::Range<usize>,
}

/// One entry of the table of contents (headings `##` to `####`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    /// 2, 3 or 4.
    pub level: u8,
    /// The heading's anchor.
    pub id: String,
    /// The heading as plain text.
    pub title: String,
}

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The whole body. Its intro and sections are slices of it, not copies: bodies
    /// are most of a big site's memory.
    pub html: String,
    /// The length of what comes before the first `##` heading.
    intro_len: usize,
    /// The `##` sections, in order.
    pub sections: Vec<Section>,
    /// Headings from `##` to `####`.
    pub toc: Vec<TocEntry>,
    /// Words and CJK characters outside code.
    pub stats: TextStats,
    /// The root-relative links and the images of the text, each with its byte
    /// offset; the model takes them out to locate them in their file.
    pub references: Vec<(usize, Reference)>,
}

/// Renders `text`; returns the result and every broken or refused link and image.
pub fn render(text: &str, ctx: &MarkdownContext) -> (Rendered, Vec<LinkError>) {
    let parser = Parser::new_ext(text, options(ctx)).into_offset_iter();
    let events: Vec<(Event, std::ops::Range<usize>)> =
        if ctx.raw_html { parser.collect() } else { parser.map(|(e, range)| (raw_html_as_text(e), range)).collect() };
    let mut errors = refused_addresses(&events);
    let mut references = references(&events);
    images::resolve_references(ctx.resources, &mut references, &mut errors);
    // HTML is a little longer than its Markdown: room made once, trimmed at the end.
    let out = Rendered { html: String::with_capacity(text.len() + text.len() / 4), references, ..Rendered::default() };
    let mut state = Rewriter { ctx, ids: HashMap::new(), out, errors, unresolved: 0 };
    let segments = state.rewrite(events);
    let out = &mut state.out;
    for segment in segments {
        if let Some(h) = &segment.heading {
            // Writing to a String cannot fail.
            let _ = writeln!(out.html, "<h2 id=\"{}\">{}</h2>", h.id, h.inner_html);
        }
        let start = out.html.len();
        html::push_html(&mut out.html, segment.events.into_iter());
        match segment.heading {
            None => out.intro_len = out.html.len(),
            Some(h) => out.sections.push(Section { heading: h.text, id: h.id, html: start..out.html.len() }),
        }
    }
    out.html.shrink_to_fit();
    (state.out, state.errors)
}

impl Rendered {
    /// What comes before the first `##` heading.
    pub fn intro_html(&self) -> &str {
        &self.html[..self.intro_len]
    }

    /// The HTML of `section` (one of this body's), without its heading.
    pub fn section_html(&self, section: &Section) -> &str {
        &self.html[section.html.clone()]
    }
}

/// Raw HTML made text, which the HTML writer escapes; an HTML block becomes a
/// paragraph, so that it reads as one.
fn raw_html_as_text(event: Event) -> Event {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        other => other,
    }
}

/// The plain text of a Markdown snippet, whitespace folded, cut at a word boundary
/// to at most `max` characters (with an ellipsis when cut).
pub fn plain_text(text: &str, max: usize) -> String {
    let mut plain = String::new();
    for event in Parser::new_ext(text, Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Text(t) | Event::Code(t) => plain.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => plain.push(' '),
            _ => {}
        }
    }
    crate::excerpt::excerpt(&plain, max)
}

fn options(ctx: &MarkdownContext) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if ctx.smart_punctuation {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    o
}

struct Heading {
    text: String,
    inner_html: String,
    id: String,
}

struct Segment<'a> {
    heading: Option<Heading>,
    events: Vec<Event<'a>>,
}

/// How many `@/` links to nothing of one text get a "did you mean".
const SUGGESTED: usize = 5;

struct Rewriter<'c, 'r> {
    ctx: &'c MarkdownContext<'r>,
    ids: HashMap<String, usize>,
    out: Rendered,
    errors: Vec<LinkError>,
    /// `@/` links to nothing met so far.
    unresolved: usize,
}

impl<'a> Rewriter<'_, '_> {
    fn rewrite(&mut self, events: Vec<(Event<'a>, std::ops::Range<usize>)>) -> Vec<Segment<'a>> {
        let mut segments = vec![Segment { heading: None, events: Vec::new() }];
        let mut i = 0;
        while i < events.len() {
            if let Some(lone) = images::lone_image(&events, i, find_end) {
                let alt = images::alt_text(&events[i + 2..lone.end]);
                let (src, picture) = self.image(&lone.dest.into());
                let photo = picture.as_deref().map(|picture| self.photo(picture));
                let figure = images::figure(&src, &alt, lone.title, photo.as_ref());
                current(&mut segments).push(Event::Html(figure.into()));
                i = lone.end + 1;
                continue;
            }
            let (event, range) = &events[i];
            match event {
                Event::Start(Tag::Heading { level, id, .. }) => {
                    let end = find_end(&events, i);
                    let heading = self.heading(*level, id.as_deref(), &events[i + 1..end]);
                    if *level == HeadingLevel::H2 {
                        segments.push(Segment { heading: Some(heading), events: Vec::new() });
                    } else {
                        let tag = level.to_string();
                        let html = format!("<{tag} id=\"{}\">{}</{tag}>\n", heading.id, heading.inner_html);
                        current(&mut segments).push(Event::Html(html.into()));
                    }
                    i = end + 1;
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let end = find_end(&events, i);
                    let code: String = events[i + 1..end].iter().filter_map(|(e, _)| text_of(e)).collect();
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    current(&mut segments).push(Event::Html(self.code_block(&code, &lang).into()));
                    i = end + 1;
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let dest = self.link_target(dest_url, range.start);
                    let tag = Tag::Link { link_type: *link_type, dest_url: dest, title: title.clone(), id: id.clone() };
                    current(&mut segments).push(Event::Start(tag));
                    i += 1;
                }
                Event::Start(Tag::Image { dest_url, title, .. }) => {
                    let end = find_end(&events, i);
                    for text in events[i + 1..end].iter().filter_map(|(e, _)| text_of(e)) {
                        self.out.stats.add(text);
                    }
                    let (src, picture) = self.image(dest_url);
                    let photo = picture.as_deref().map(|picture| self.photo(picture));
                    let img = images::img(&src, &images::alt_text(&events[i + 1..end]), title, photo.as_ref());
                    current(&mut segments).push(Event::InlineHtml(img.into()));
                    i = end + 1;
                }
                Event::Start(Tag::Table(_)) => {
                    let seg = current(&mut segments);
                    seg.push(Event::Html("<div class=\"table-wrap\">".into()));
                    seg.push(event.clone());
                    i += 1;
                }
                Event::End(TagEnd::Table) => {
                    let seg = current(&mut segments);
                    seg.push(event.clone());
                    seg.push(Event::Html("</div>\n".into()));
                    i += 1;
                }
                Event::Text(t) => {
                    self.out.stats.add(t);
                    current(&mut segments).push(event.clone());
                    i += 1;
                }
                _ => {
                    current(&mut segments).push(event.clone());
                    i += 1;
                }
            }
        }
        segments
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        given_id: Option<&str>,
        inner: &[(Event<'a>, std::ops::Range<usize>)],
    ) -> Heading {
        let text: String = inner.iter().filter_map(|(e, _)| text_of(e)).collect();
        self.out.stats.add(&text);
        let mut inner_html = String::new();
        html::push_html(&mut inner_html, inner.iter().map(|(e, _)| e.clone()));
        let base = given_id.map(str::to_string).unwrap_or_else(|| slugify(&text));
        let id = self.unique_id(if base.is_empty() { "section".to_string() } else { base });
        let level_number = level as u8;
        if (2..=4).contains(&level_number) {
            self.out.toc.push(TocEntry { level: level_number, id: id.clone(), title: text.clone() });
        }
        Heading { text, inner_html, id }
    }

    /// `base`, or `base-1`, `base-2`... when taken; ids reserved for themes (`main`
    /// and `bs-*`) are always suffixed.
    fn unique_id(&mut self, base: String) -> String {
        let reserved = base == "main" || base.starts_with("bs-");
        let count = self.ids.entry(base.clone()).or_insert(usize::from(reserved));
        *count += 1;
        if *count == 1 { base } else { format!("{base}-{}", *count - 1) }
    }

    fn link_target(&mut self, dest: &CowStr<'a>, offset: usize) -> CowStr<'a> {
        let Some(target) = dest.strip_prefix("@/") else {
            return self.under_base_path(dest);
        };
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        let base = self.ctx.base_path;
        let problem = match (self.ctx.resolve)(path) {
            Some(LinkTarget::Published(url)) => {
                return match fragment {
                    Some(f) => format!("{base}{url}#{f}").into(),
                    None => format!("{base}{url}").into(),
                };
            }
            Some(LinkTarget::Draft) => LinkProblem::ToDraft(target.to_string()),
            Some(LinkTarget::Scheduled(due)) => LinkProblem::ToScheduled { target: target.to_string(), due },
            None => LinkProblem::Unresolved { target: target.to_string(), meant: self.meant(path) },
        };
        self.errors.push(LinkError { problem, offset });
        dest.clone()
    }

    /// The target meant by an `@/` link to nothing, for the first [`SUGGESTED`] of a
    /// text: comparing with every target costs, and a text with hundreds of broken
    /// links needs the first ones fixed before the rest.
    fn meant(&mut self, path: &str) -> Option<String> {
        self.unresolved += 1;
        if self.unresolved <= SUGGESTED { (self.ctx.meant)(path) } else { None }
    }

    /// Image `dest` as a page links it ([`images::from_folder`], under the base
    /// path), and its photograph when it is one of the site's.
    fn image(&self, dest: &CowStr<'a>) -> (CowStr<'a>, Option<Arc<Picture>>) {
        let address = images::from_folder(self.ctx.resources, dest).map_or_else(|| dest.clone(), CowStr::from);
        let picture = (self.ctx.picture)(&address);
        (self.under_base_path(&address), picture)
    }

    /// How a body shows `picture`.
    fn photo<'p>(&'p self, picture: &'p Picture) -> images::Photo<'p> {
        images::Photo { picture, widths: self.ctx.widths, base_path: self.ctx.base_path }
    }

    /// `dest` under the base path when it is root-relative: the site's `/x` is the
    /// host's `/news/x`.
    fn under_base_path(&self, dest: &CowStr<'a>) -> CowStr<'a> {
        if self.ctx.base_path.is_empty() || !crate::config::is_root_relative(dest) {
            dest.clone()
        } else {
            format!("{}{dest}", self.ctx.base_path).into()
        }
    }

    fn code_block(&self, code: &str, lang: &str) -> String {
        let highlighted =
            if self.ctx.highlight_code && !lang.is_empty() { highlight::highlight(code, lang) } else { None };
        let mut html = String::from("<pre class=\"code\"");
        if !lang.is_empty() {
            html.push_str(" data-lang=\"");
            escape_html(&mut html, lang).ok();
            html.push('"');
        }
        html.push_str("><code>");
        match highlighted {
            Some(h) => html.push_str(&h),
            None => {
                escape_html(&mut html, code).ok();
            }
        }
        html.push_str("</code></pre>\n");
        html
    }
}

fn current<'s, 'a>(segments: &'s mut [Segment<'a>]) -> &'s mut Vec<Event<'a>> {
    &mut segments.last_mut().expect("there is always a first segment").events
}

fn text_of<'e>(event: &'e Event) -> Option<&'e str> {
    match event {
        Event::Text(t) | Event::Code(t) => Some(t),
        _ => None,
    }
}

/// Index of the `End` matching the `Start` at `start`.
fn find_end(events: &[(Event, std::ops::Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::SiteTime;
    use crate::diagnostics::{Kind, Problem};

    fn resolve(target: &str) -> Option<LinkTarget> {
        let due = || SiteTime { minute: "2025-10-08 09:00".into(), zone: "Asia/Tokyo".into() };
        match target {
            "articles/known.md" => Some(LinkTarget::Published("/articles/known/".into())),
            "articles/draft.md" => Some(LinkTarget::Draft),
            "articles/2025-10-08-later.md" => Some(LinkTarget::Scheduled(due())),
            _ => None,
        }
    }

    fn md(text: &str) -> (Rendered, Vec<LinkError>) {
        render_with(text, true)
    }

    fn render_with(text: &str, raw_html: bool) -> (Rendered, Vec<LinkError>) {
        let ctx = MarkdownContext {
            smart_punctuation: true,
            highlight_code: true,
            raw_html,
            resolve: &resolve,
            meant: &|t: &str| (t == "articles/knwon.md").then(|| "articles/known.md".to_string()),
            picture: &|_: &str| None,
            widths: &[],
            base_path: "",
            resources: None,
        };
        render(text, &ctx)
    }

    #[test]
    fn h2_headings_open_sections_with_ids() {
        let (r, _) = md("Intro.\n\n## Context {#context}\n\nA.\n\n## Key points\n\n- one\n");
        assert_eq!(r.intro_html(), "<p>Intro.</p>\n");
        let ids: Vec<_> = r.sections.iter().map(|s| (s.id.as_str(), s.heading.as_str())).collect();
        assert_eq!(ids, [("context", "Context"), ("key-points", "Key points")]);
        assert_eq!(r.section_html(&r.sections[1]), "<ul>\n<li>one</li>\n</ul>\n");
        assert!(r.html.contains("<h2 id=\"context\">Context</h2>"));
    }

    #[test]
    fn repeated_headings_get_unique_anchors() {
        let (r, _) = md("## Data\n\n### Data\n\n## Data\n");
        let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["data", "data-1", "data-2"]);
    }

    #[test]
    fn root_relative_links_and_images_are_taken_from_the_site_root_under_a_sub_path() {
        let ctx = MarkdownContext {
            smart_punctuation: true,
            highlight_code: true,
            raw_html: false,
            resolve: &resolve,
            meant: &|_: &str| None,
            picture: &|_: &str| None,
            widths: &[],
            base_path: "/news",
            resources: None,
        };
        let text = "[a](/tags/x/) [b](@/articles/known.md#s) [c](https://x.org/y) [d](rel/) ![i](/i.svg)\n\n![f](/f.svg \"F\")\n";
        let (r, errors) = render(text, &ctx);
        assert!(errors.is_empty(), "{errors:?}");
        for expected in [
            "href=\"/news/tags/x/\"",
            "href=\"/news/articles/known/#s\"",
            "href=\"https://x.org/y\"",
            "href=\"rel/\"",
            "src=\"/news/i.svg\"",
            "src=\"/news/f.svg\"",
        ] {
            assert!(r.html.contains(expected), "{expected} in {}", r.html);
        }
    }

    #[test]
    fn theme_ids_are_never_produced_by_headings() {
        let (r, _) = md("## Main\n\n## Summary {#bs-summary}\n");
        let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["main-1", "bs-summary-1"]);
    }

    #[test]
    fn internal_links_resolve_or_are_reported() {
        let (r, errors) = md("See [a](@/articles/known.md#x) and [b](@/articles/missing.md).");
        assert!(r.html.contains("href=\"/articles/known/#x\""), "{}", r.html);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].problem, LinkProblem::Unresolved { target: "articles/missing.md".into(), meant: None });
        assert_eq!(errors[0].offset, 35);
        let (_, errors) = md("See [a](@/articles/knwon.md).");
        assert_eq!(errors[0].hint(), "did you mean @/articles/known.md?");
    }

    #[test]
    fn links_to_left_out_articles_say_why_and_until_when() {
        let (r, errors) = md("[a](@/articles/draft.md) [b](@/articles/2025-10-08-later.md#x)");
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "internal link \"@/articles/draft.md\" points to a draft: this link would be broken until it is published",
                "internal link \"@/articles/2025-10-08-later.md#x\" points to an article scheduled for 2025-10-08 09:00 \
                 (Asia/Tokyo): this link would be broken until then",
            ]
        );
        assert_eq!((errors[0].offset, errors[1].offset), (0, 25));
        assert!(errors.iter().all(|e| e.problem.kind() == Kind::BrokenLink));
        assert!(errors[1].hint().contains("--future"), "{}", errors[1].hint());
        assert!(r.html.contains("href=\"@/articles/draft.md\""), "{}", r.html);
    }

    /// The refused addresses of `text`, as (what, where).
    fn refused(text: &str) -> Vec<(String, usize)> {
        let (_, errors) = md(text);
        errors
            .into_iter()
            .map(|e| match e.problem {
                LinkProblem::Refused(r) => (format!("{} {}", r.place, r.link), e.offset),
                other => panic!("unexpected {other}"),
            })
            .collect()
    }

    #[test]
    fn script_and_data_addresses_are_refused_in_links_and_images() {
        assert_eq!(refused("A [x](javascript:alert(1)) b"), [("link javascript:alert(1)".into(), 2)]);
        assert_eq!(refused("![x](data:image/svg+xml,x)"), [("image data:image/svg+xml,x".into(), 0)]);
        assert_eq!(refused("![x](data:x \"A figure\")\n"), [("image data:x".into(), 0)], "lone titled image");
        assert_eq!(refused("[x](JaVaScRiPt:x)"), [("link JaVaScRiPt:x".into(), 0)]);
        assert_eq!(refused("## [x](vbscript:x)"), [("link vbscript:x".into(), 3)], "in a heading");
        assert_eq!(refused("[x](<java\tscript:x>)"), [("link java\tscript:x".into(), 0)]);
    }

    #[test]
    fn entities_and_references_are_checked_once_resolved() {
        assert_eq!(refused("[x](javascript&#58;alert(1))"), [("link javascript:alert(1)".into(), 0)]);
        assert_eq!(refused("See [x][r].\n\n[r]: javascript:alert(1)\n"), [("link javascript:alert(1)".into(), 4)]);
        assert_eq!(refused("[x]\n\n[x]: data:text/html,x\n"), [("link data:text/html,x".into(), 0)]);
        assert_eq!(refused("Footnote[^1].\n\n[^1]: [x](javascript:y)\n"), [("link javascript:y".into(), 21)]);
    }

    #[test]
    fn safe_addresses_and_autolinks_pass() {
        let text = "[a](https://x.org/?q=\"><script>) [b](/about/) [c](#data) [d](mailto:desk@x.org) \
                    [e](tel:+331) <https://x.org/> <desk@x.org> [f]() ![g](/m.svg) [h](@/articles/known.md)";
        let (r, errors) = md(text);
        assert_eq!(errors, []);
        assert!(r.html.contains("href=\"https://x.org/?q=%22%3E%3Cscript%3E\""), "{}", r.html);
        assert!(r.html.contains("href=\"mailto:desk@x.org\""), "{}", r.html);
        // `<javascript:x>` is an autolink in CommonMark; it is refused like any link.
        assert_eq!(refused("<javascript:alert(1)>"), [("link javascript:alert(1)".into(), 0)]);
    }

    #[test]
    fn raw_html_passes_or_shows_as_text() {
        let text = "<script>alert(1)</script>\n\nA <img src=x onerror=alert(1)> b.\n\n## T <b>x</b>\n";
        let (kept, _) = render_with(text, true);
        assert!(kept.html.contains("<script>alert(1)</script>"), "{}", kept.html);
        assert!(kept.html.contains("<img src=x onerror=alert(1)>"), "{}", kept.html);
        let (escaped, _) = render_with(text, false);
        assert!(!escaped.html.contains("<script") && !escaped.html.contains("<img"), "{}", escaped.html);
        assert!(escaped.html.contains("<p>&lt;script&gt;alert(1)&lt;/script&gt;\n</p>"), "{}", escaped.html);
        assert!(escaped.html.contains("A &lt;img src=x onerror=alert(1)&gt; b."), "{}", escaped.html);
        assert!(escaped.html.contains(">T &lt;b&gt;x&lt;/b&gt;</h2>"), "{}", escaped.html);
    }

    #[test]
    fn unknown_code_language_is_plain_and_escaped() {
        let (r, _) = md("```klingon\n<b>qapla'</b>\n```\n");
        assert!(r.html.contains("<pre class=\"code\" data-lang=\"klingon\"><code>&lt;b&gt;"), "{}", r.html);
    }

    #[test]
    fn known_code_language_is_highlighted() {
        let (r, _) = md("```python\nx = 1\n```\n");
        assert!(r.html.contains("hl-"), "{}", r.html);
    }

    #[test]
    fn titled_lone_image_becomes_a_figure() {
        let (r, _) = md("![A map](/m.svg \"The region\")\n");
        assert_eq!(
            r.html,
            "<figure>\n<img src=\"/m.svg\" alt=\"A map\" loading=\"lazy\" decoding=\"async\">\n<figcaption>The region</figcaption>\n</figure>\n"
        );
    }

    #[test]
    fn extensions_are_on() {
        let (r, _) = md("| a |\n|---|\n| 1 |\n\n~~x~~ - [x] t[^1]\n\n[^1]: note\n\n- [ ] task\n");
        for needle in ["<table>", "table-wrap", "<del>", "footnote", "checkbox"] {
            assert!(r.html.contains(needle), "{needle} in {}", r.html);
        }
    }

    #[test]
    fn word_count_skips_code() {
        let (r, _) = md("Deux mots\n\n```\nnot counted\n```\n");
        assert_eq!(r.stats.words, 2);
    }

    #[test]
    fn plain_text_strips_markup_and_truncates() {
        assert_eq!(plain_text("Le **vrai** sujet.\n\nSuite", 100), "Le vrai sujet. Suite");
        assert_eq!(plain_text("un deux trois quatre cinq six", 15), "un deux trois…");
    }
}
