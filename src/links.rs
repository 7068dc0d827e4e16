//! Which links an editor may give: one rule for every address written outside the
//! theme, so that none can run script in a reader's browser.
//!
//! Escaping keeps an address inside its attribute, its XML element or its JSON
//! string, but a `javascript:` address stays a `javascript:` link once escaped. So
//! every address an editor writes, in front matter (`source.url`, `image.src`), in
//! site.toml (an author's and the publisher's `url`, the publisher's `logo`) and in
//! Markdown (the links and images of bodies and summaries), goes through [`check`]
//! with the [`LinkKind`] of its place, which allows a few schemes (http and https
//! everywhere, mailto and tel in Markdown links) and, where they make sense, paths.
//! The scheme is read as RFC 3986 and browsers read it (letters, digits, `+`, `-`
//! and `.` before a `:` that comes before any `/`, `?` or `#`), compared without
//! case; whatever else could make a browser see another scheme than the one read
//! here is refused outright: a control character or a space anywhere (browsers drop
//! tabs and line breaks, which is how `java\tscript:` gets through naive filters), a
//! backslash (read as `/` in web addresses) and a leading `//` (no scheme at all).

use std::fmt;
use std::ops::{Deref, Range};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Kind, Location, Problem};

/// Where an address is written, which decides what it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// A page of another site: an absolute http(s) address (`source.url`,
    /// `[[sources]].url`, an author's and the publisher's `url`).
    External,
    /// A file a page shows: an http(s) address or a path (`image.src`, the
    /// publisher's `logo`, a Markdown image).
    Resource,
    /// A Markdown link: an http(s), mailto or tel address, a path, a `#fragment`,
    /// or an `@/` link to a content file.
    Markdown,
}

impl LinkKind {
    fn allows_scheme(self, scheme: &str) -> bool {
        match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" => true,
            "mailto" | "tel" => self == LinkKind::Markdown,
            _ => false,
        }
    }

    /// What an address of this kind may be, for hints.
    pub fn accepted(self) -> &'static str {
        match self {
            LinkKind::External => "write an absolute http:// or https:// address, such as https://example.org/page",
            LinkKind::Resource => "write an http:// or https:// address, or a path such as /images/map.svg",
            LinkKind::Markdown => {
                "links may use http:, https:, mailto: or tel:, or be a path (/about/), a #fragment or an @/ link \
                 to a content file"
            }
        }
    }
}

/// Why an address is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Nothing is written.
    #[error("it is empty")]
    Empty,
    /// A space or a control character, which browsers drop or read differently.
    #[error("it contains {}", describe(*.0))]
    Invisible(char),
    /// Browsers read `\` as `/` in web addresses: `/\host` is another site.
    #[error("it contains a backslash")]
    Backslash,
    /// `//host/...` takes the scheme of the page that shows it.
    #[error("it starts with // and so has no scheme")]
    ProtocolRelative,
    /// A scheme not allowed in this place (`javascript:`, `data:`...), as written.
    #[error("it uses the scheme \"{0}:\"")]
    Scheme(String),
    /// An http(s) address without a host (`https:///x`, `http:x`).
    #[error("it has no host name")]
    NoHost,
    /// A path where only an absolute address can be.
    #[error("it is not an absolute address")]
    NotAbsolute,
}

fn describe(c: char) -> String {
    let name = match c {
        ' ' => "a space",
        '\t' => "a tab",
        '\n' | '\r' => "a line break",
        _ if c.is_whitespace() => "a space character",
        _ => "a control character",
    };
    format!("{name} (U+{:04X})", u32::from(c))
}

/// An address refused in its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place} {} is not allowed: {reason}", Shown(.link))]
pub struct RefusedLink {
    /// What the address is, as an editor knows it: "source url", "image".
    pub place: &'static str,
    /// The address as written.
    pub link: String,
    /// What is wrong with it.
    pub reason: Refusal,
    kind: LinkKind,
}

impl Problem for RefusedLink {
    fn kind(&self) -> Kind {
        Kind::UnsafeLink
    }
}

impl RefusedLink {
    /// What the place accepts.
    pub fn hint(&self) -> &'static str {
        self.kind.accepted()
    }

    /// The problem at `location`, with its hint.
    pub fn at(&self, location: Location) -> Diagnostic {
        Diagnostic::new(location, self).with_hint(self.hint())
    }
}

/// An address quoted and escaped as Rust would (a tab shows as `\t`), cut when long
/// (a `data:` address can be megabytes).
struct Shown<'a>(&'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MAX_CHARS: usize = 60;
        let mut cut: String = self.0.chars().take(MAX_CHARS).collect();
        if cut.len() < self.0.len() {
            cut.push('…');
        }
        write!(f, "{cut:?}")
    }
}

/// Accepts `link` in a place of `kind` (called `place` in the error), or says why not.
pub fn check(place: &'static str, link: &str, kind: LinkKind) -> Result<(), RefusedLink> {
    match refusal(link, kind) {
        None => Ok(()),
        Some(reason) => Err(RefusedLink { place, link: link.to_string(), reason, kind }),
    }
}

fn refusal(link: &str, kind: LinkKind) -> Option<Refusal> {
    if link.is_empty() {
        // `[text]()` is a CommonMark link to the page itself.
        return (kind != LinkKind::Markdown).then_some(Refusal::Empty);
    }
    if let Some(c) = link.chars().find(|c| c.is_control() || c.is_whitespace()) {
        return Some(Refusal::Invisible(c));
    }
    if link.contains('\\') {
        return Some(Refusal::Backslash);
    }
    if link.starts_with("//") {
        return Some(Refusal::ProtocolRelative);
    }
    match scheme(link) {
        None if kind == LinkKind::External => Some(Refusal::NotAbsolute),
        None => None,
        Some(scheme) if !kind.allows_scheme(scheme) => Some(Refusal::Scheme(scheme.to_string())),
        Some(scheme) if is_web(scheme) && !has_host(&link[scheme.len() + 1..]) => Some(Refusal::NoHost),
        Some(_) => None,
    }
}

/// The scheme of `link` as RFC 3986 reads it: the `ALPHA *( ALPHA / DIGIT / "+" /
/// "-" / "." )` before a `:` that comes before any `/`, `?` or `#`. Anything else
/// (`%6Aavascript:x`, `1x:y`, `a/b:c`) is a relative reference, resolved by
/// browsers against the page's own address.
pub(crate) fn scheme(link: &str) -> Option<&str> {
    let end = link.find([':', '/', '?', '#'])?;
    let candidate = &link[..end];
    let valid = link[end..].starts_with(':')
        && candidate.starts_with(|c: char| c.is_ascii_alphabetic())
        && candidate.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(candidate)
}

/// Whether `link` is an absolute http or https address (of any case), which pages,
/// feeds and structured data can use as it is.
pub fn is_absolute_web(link: &str) -> bool {
    scheme(link).is_some_and(is_web)
}

fn is_web(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
}

/// Whether `rest`, what follows `http:`, is `//` and an authority with a host.
fn has_host(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix("//") else {
        return false;
    };
    let authority = &after[..after.find(['/', '?', '#']).unwrap_or(after.len())];
    let host_and_port = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host =
        if host_and_port.starts_with('[') { host_and_port } else { host_and_port.split(':').next().unwrap_or("") };
    !host.is_empty()
}

/// An address written in a TOML file, with the span of its value there, for errors
/// that point at it; it reads as a `str`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Link(toml::Spanned<String>);

impl Link {
    /// Where the value (its opening quote) is in the TOML text it was read from.
    pub fn span(&self) -> Range<usize> {
        self.0.span()
    }

    /// Another address at the same place of the TOML text (a resource's relative
    /// address made one from the site root).
    pub fn with_address(&self, address: String) -> Link {
        Link(toml::Spanned::new(self.span(), address))
    }
}

impl Deref for Link {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.get_ref()
    }
}

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

/// Checks addresses read from a TOML file, each with what it is called and its kind;
/// `locate` turns the span of a refused one into its location.
pub fn refused<'a>(
    links: impl IntoIterator<Item = (&'static str, &'a Link, LinkKind)>,
    locate: impl Fn(Range<usize>) -> Location,
) -> Vec<Diagnostic> {
    links
        .into_iter()
        .filter_map(|(place, link, kind)| check(place, link, kind).err().map(|e| e.at(locate(link.span()))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(link: &str, kind: LinkKind) -> Option<Refusal> {
        check("link", link, kind).err().map(|e| e.reason)
    }

    #[test]
    fn web_addresses_are_accepted_everywhere() {
        for kind in [LinkKind::External, LinkKind::Resource, LinkKind::Markdown] {
            for link in [
                "https://www.state.gov/x?y=1&z=2#top",
                "http://example.org",
                "HTTPS://EXAMPLE.ORG/",
                "https://user@[::1]:8080/x",
                "https://x.org/?a=\"><script>",
            ] {
                assert_eq!(reason(link, kind), None, "{link} as {kind:?}");
            }
        }
    }

    #[test]
    fn paths_are_accepted_where_they_make_sense() {
        for link in ["/illustrations/map.svg", "images/x.png", "../x.png", "?page=2", "#context", "%6Aavascript:x"] {
            assert_eq!(reason(link, LinkKind::Resource), None, "{link}");
            assert_eq!(reason(link, LinkKind::Markdown), None, "{link}");
            assert_eq!(reason(link, LinkKind::External), Some(Refusal::NotAbsolute), "{link}");
        }
        assert_eq!(reason("@/articles/x.md#a", LinkKind::Markdown), None);
    }

    #[test]
    fn mail_and_phone_links_only_in_markdown_links() {
        for link in ["mailto:desk@example.org", "tel:+33123456789", "MailTo:x@y.z"] {
            assert_eq!(reason(link, LinkKind::Markdown), None, "{link}");
            assert!(matches!(reason(link, LinkKind::Resource), Some(Refusal::Scheme(_))), "{link}");
            assert!(matches!(reason(link, LinkKind::External), Some(Refusal::Scheme(_))), "{link}");
        }
    }

    #[test]
    fn script_and_data_schemes_are_refused_in_any_case() {
        for link in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml;base64,PHN2Zz4=",
            "file:///etc/passwd",
            "ftp://example.org/",
            "x-unknown:thing",
            "javascript:/x/",
        ] {
            for kind in [LinkKind::External, LinkKind::Resource, LinkKind::Markdown] {
                let scheme = link.split(':').next().unwrap().to_string();
                assert_eq!(reason(link, kind), Some(Refusal::Scheme(scheme)), "{link} as {kind:?}");
            }
        }
    }

    #[test]
    fn invisible_characters_are_refused_anywhere() {
        for (link, c) in [
            (" javascript:alert(1)", ' '),
            ("javascript:alert(1) ", ' '),
            ("java\tscript:alert(1)", '\t'),
            ("java\nscript:alert(1)", '\n'),
            ("java\rscript:alert(1)", '\r'),
            ("\u{0}javascript:alert(1)", '\u{0}'),
            ("javascript\u{1}:alert(1)", '\u{1}'),
            ("https://x.org/\u{7f}", '\u{7f}'),
            ("https://x.org/\u{85}", '\u{85}'),
            ("\u{a0}https://x.org/", '\u{a0}'),
            ("https://x.org/a b", ' '),
        ] {
            assert_eq!(reason(link, LinkKind::Markdown), Some(Refusal::Invisible(c)), "{link:?}");
        }
    }

    #[test]
    fn scheme_less_tricks_are_refused() {
        for kind in [LinkKind::External, LinkKind::Resource, LinkKind::Markdown] {
            assert_eq!(reason("//evil.example/x.js", kind), Some(Refusal::ProtocolRelative));
            assert_eq!(reason("/\\evil.example/", kind), Some(Refusal::Backslash));
            assert_eq!(reason("https:\\\\evil.example", kind), Some(Refusal::Backslash));
            for no_host in ["https:///x", "http:x.org", "https://", "https://user@/", "https://:80/"] {
                assert_eq!(reason(no_host, kind), Some(Refusal::NoHost), "{no_host}");
            }
        }
        assert_eq!(reason("", LinkKind::Resource), Some(Refusal::Empty));
        assert_eq!(reason("", LinkKind::Markdown), None);
    }

    #[test]
    fn look_alikes_are_relative_paths_that_cannot_run() {
        // A full-width colon or an entity is no colon to a browser: these resolve
        // against the page's address, and are shown escaped.
        for link in ["javascript：alert(1)", "javascript&#58;alert(1)", "1javascript:x", "java/script:x"] {
            assert_eq!(reason(link, LinkKind::Resource), None, "{link}");
            assert_eq!(reason(link, LinkKind::External), Some(Refusal::NotAbsolute), "{link}");
        }
    }

    #[test]
    fn the_message_names_the_place_quotes_the_address_and_hints() {
        let e = check("source url", "java\tscript:alert(1)", LinkKind::External).unwrap_err();
        assert_eq!(e.to_string(), "source url \"java\\tscript:alert(1)\" is not allowed: it contains a tab (U+0009)");
        assert!(e.hint().contains("https://"), "{}", e.hint());
        let long = format!("data:image/png;base64,{}", "A".repeat(10_000));
        let e = check("image src", &long, LinkKind::Resource).unwrap_err();
        assert!(e.to_string().len() < 150, "{e}");
        assert!(e.to_string().contains("AAA…\" is not allowed: it uses the scheme \"data:\""), "{e}");
    }

    #[test]
    fn spanned_links_are_located_in_their_toml() {
        #[derive(Deserialize)]
        struct T {
            url: Link,
        }
        let text = "name = 'x'\nurl = \"JAVASCRIPT:x\"\n";
        let t: T = toml::from_str(text).unwrap();
        assert_eq!(&*t.url, "JAVASCRIPT:x");
        let problems = refused([("source url", &t.url, LinkKind::External)], |span| {
            Location::at_offset("a.toml", text, span.start, 1)
        });
        assert_eq!(problems.len(), 1);
        assert!(problems[0].to_string().starts_with("a.toml:2:7: source url \"JAVASCRIPT:x\""), "{}", problems[0]);
    }
}
