//! Redirects: pages that send readers from an old or alternative URL to the real one.
//!
//! Used for front matter `aliases` (an article's old URLs) and for the site root when
//! the default language lives under its own code. Each redirect is a tiny HTML page
//! with a meta refresh, a canonical link and a plain link (for readers without
//! automatic redirects), plus one line in a `_redirects` file, the format static
//! hosts such as Netlify and Cloudflare Pages read to answer with a real 301.

/// The HTML page that redirects to `to` (an absolute URL).
pub fn redirect_page(to: &str, lang: &str) -> String {
    let to = escape_attribute(to);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{to}</title>\n\
         <link rel=\"canonical\" href=\"{to}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p><a href=\"{to}\">{to}</a></p>\n</body>\n</html>\n",
        lang = escape_attribute(lang)
    )
}

/// The `_redirects` file: one `from to 301` line per redirect, sorted.
pub fn redirects_file(pairs: &[(String, String)]) -> String {
    let mut lines: Vec<String> = pairs.iter().map(|(from, to)| format!("{from} {to} 301")).collect();
    lines.sort();
    lines.dedup();
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_page_refreshes_and_links_to_the_target() {
        let html = redirect_page("https://x.org/a/?q=\"1\"", "fr");
        assert!(html.contains("content=\"0; url=https://x.org/a/?q=&quot;1&quot;\""));
        assert!(html.contains("<link rel=\"canonical\" href=\"https://x.org/a/?q=&quot;1&quot;\">"));
    }

    #[test]
    fn redirects_file_has_one_sorted_line_each() {
        let text = redirects_file(&[("/b/".into(), "/new/".into()), ("/a/".into(), "/new/".into())]);
        assert_eq!(text, "/a/ /new/ 301\n/b/ /new/ 301\n");
    }
}
