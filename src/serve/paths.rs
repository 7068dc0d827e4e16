//! From a request's URL to an output path, refusing anything that is not one.
//!
//! The server only ever looks paths up in the map of built files, so no request can
//! reach a file outside the site; still, a URL that tries (`..`, `%2e%2e`, an encoded
//! `/` or `\`, a NUL byte, `//host/x`, a scheme) is answered 400 rather than looked
//! up, so that a mistake or an attack shows as one. [`content_type`] gives each kind
//! of output its media type, with a charset for text.

use percent_encoding::percent_decode_str;

/// Why a request target is refused (answered 400).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadPath {
    /// Not a path starting with `/` (`*`, `http://x/`, `x/y`).
    #[error("the request target is not a path")]
    NotAPath,
    /// A `.` or `..` segment, also percent-encoded.
    #[error("the path has a dot segment")]
    DotSegment,
    /// An empty segment (`//`): an absolute path inside the path.
    #[error("the path has an empty segment")]
    EmptySegment,
    /// An encoded `/` or `\`, a backslash or a NUL byte.
    #[error("the path has a forbidden character")]
    ForbiddenCharacter,
    /// Percent-encoded bytes that are not UTF-8.
    #[error("the path is not UTF-8")]
    NotUtf8,
}

/// The decoded output path a request target names, without its leading `/`
/// (`/ja/articles/%E6%97%A5/?x=1` → `ja/articles/日/`); a path that ends with
/// `/` names a folder's `index.html`.
pub fn request_path(target: &str) -> Result<String, BadPath> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let rest = path.strip_prefix('/').ok_or(BadPath::NotAPath)?;
    let lower = rest.to_ascii_lowercase();
    if ["%2f", "%5c", "%00"].iter().any(|bad| lower.contains(bad)) {
        return Err(BadPath::ForbiddenCharacter);
    }
    let decoded = percent_decode_str(rest).decode_utf8().map_err(|_| BadPath::NotUtf8)?;
    if decoded.contains(['\\', '\0']) {
        return Err(BadPath::ForbiddenCharacter);
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." | ".." => return Err(BadPath::DotSegment),
            "" if i != last => return Err(BadPath::EmptySegment),
            _ => {}
        }
    }
    Ok(decoded.into_owned())
}

/// The output file a request path is served from: `index.html` for a folder.
pub fn output_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
}

/// The `Content-Type` of an output, from its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_are_decoded_without_query() {
        assert_eq!(request_path("/").unwrap(), "");
        assert_eq!(request_path("/articles/x/?utm=1#top").unwrap(), "articles/x/");
        assert_eq!(request_path("/ja/tags/%E6%97%A5%E6%9C%AC/").unwrap(), "ja/tags/日本/");
        assert_eq!(request_path("/theme.css").unwrap(), "theme.css");
    }

    #[test]
    fn traversal_in_every_form_is_refused() {
        let cases = [
            ("/../etc/passwd", BadPath::DotSegment),
            ("/articles/../../etc/passwd", BadPath::DotSegment),
            ("/%2e%2e/%2e%2e/etc/passwd", BadPath::DotSegment),
            ("/%2E%2E/etc/passwd", BadPath::DotSegment),
            ("/./index.html", BadPath::DotSegment),
            ("/..%2f..%2fetc/passwd", BadPath::ForbiddenCharacter),
            ("/%2F%2Fetc/passwd", BadPath::ForbiddenCharacter),
            ("/..%5c..%5cwindows", BadPath::ForbiddenCharacter),
            ("/..\\..\\etc\\passwd", BadPath::ForbiddenCharacter),
            ("/index.html%00.css", BadPath::ForbiddenCharacter),
            ("//etc/passwd", BadPath::EmptySegment),
            ("/articles//x/", BadPath::EmptySegment),
            ("http://example.org/etc/passwd", BadPath::NotAPath),
            ("etc/passwd", BadPath::NotAPath),
            ("*", BadPath::NotAPath),
            ("/%ff%fe", BadPath::NotUtf8),
        ];
        for (target, expected) in cases {
            assert_eq!(request_path(target), Err(expected), "{target}");
        }
    }

    #[test]
    fn folders_are_served_from_their_index() {
        assert_eq!(output_file(""), "index.html");
        assert_eq!(output_file("articles/x/"), "articles/x/index.html");
        assert_eq!(output_file("theme.css"), "theme.css");
    }

    #[test]
    fn text_types_carry_a_charset() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("theme.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("broadsheet.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("search.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("logo.SVG"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("a.png"), "image/png");
        assert_eq!(content_type("f.woff2"), "font/woff2");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
