//! A site published under a sub-path (`https://user.github.io/news`): every URL in
//! every output respects it, checked over real HTTP against a host that serves the
//! output under `/news/` only.

mod common;

use std::collections::BTreeSet;

use common::Site;
use common::static_host::{StaticHost, status_of};

/// Where references sit in HTML, XML feeds and sitemaps, JSON feeds and JSON-LD.
const OPENERS: [(&str, char); 7] = [
    ("href=\"", '"'),
    ("src=\"", '"'),
    ("content=\"", '"'),
    ("<loc>", '<'),
    ("<link>", '<'),
    ("\"url\":\"", '"'),
    ("\"url\": \"", '"'),
];

/// Every reference in `text`, as written (entities for `&` decoded).
fn references(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (opener, closer) in OPENERS {
        for piece in text.split(opener).skip(1) {
            let Some(end) = piece.find(closer) else { continue };
            let value = piece[..end].replace("&amp;", "&");
            // A meta element's content is text unless it is a URL.
            if opener != "content=\"" || value.starts_with('/') || value.starts_with("http") {
                out.push(value);
            }
        }
    }
    out
}

/// `reference` as an absolute URL on `origin`, from page `page_url`; `None` for
/// what is not a link to this host (another host, a fragment, text in `content`).
fn on_host(reference: &str, page_url: &str, origin: &str) -> Option<String> {
    let reference = reference.split('#').next().unwrap_or("");
    if reference.starts_with(origin) {
        Some(reference.to_string())
    } else if reference.starts_with("//") || reference.contains("://") || reference.contains(':') {
        None
    } else if reference.starts_with('/') {
        Some(format!("{origin}{reference}"))
    } else if reference.is_empty() || reference.contains(' ') || !page_url.ends_with('/') {
        None
    } else {
        Some(format!("{page_url}{reference}"))
    }
}

#[test]
fn a_site_built_for_a_sub_path_has_no_broken_reference_when_served_under_it_only() {
    let host = StaticHost::bind();
    let origin = host.origin.clone();
    let site = Site::sample_at("2026-12-05T12:00:00Z");
    site.build(&["--base-url", &format!("{origin}/news")]);
    let public = site.public();
    host.serve(&public, "/news");

    let mut urls = BTreeSet::new();
    let mut outside = Vec::new();
    for (file, bytes) in common::read_tree(&public) {
        let Ok(text) = String::from_utf8(bytes) else { continue };
        let folder = file.rsplit_once('/').map_or("", |(dir, _)| dir);
        let page_url = if folder.is_empty() { format!("{origin}/news/") } else { format!("{origin}/news/{folder}/") };
        for reference in references(&text) {
            if let Some(url) = on_host(&reference, &page_url, &origin) {
                if url.starts_with(&format!("{origin}/news/")) {
                    urls.insert(url);
                } else {
                    outside.push(format!("{file}: {reference}"));
                }
            }
        }
    }
    assert!(outside.is_empty(), "references outside /news/: {:#?}", &outside[..outside.len().min(20)]);
    assert!(urls.len() > 500, "only {} references found: the scan missed the site", urls.len());
    // `http://host/news/archives/2025/07/`: a month of the archive.
    let month = |url: &String| url.contains("/news/archives/") && url.matches('/').count() == 7;
    assert!(urls.iter().any(month), "the archive's month pages are among them");
    let broken: Vec<&String> = urls.iter().filter(|url| status_of(url) != 200).collect();
    assert!(
        broken.is_empty(),
        "{} of {} references broken: {:#?}",
        broken.len(),
        urls.len(),
        &broken[..broken.len().min(20)]
    );
}

#[test]
fn the_redirects_file_names_paths_under_the_sub_path() {
    let site = Site::fixture("news");
    site.build(&["--base-url", "https://user.github.io/news"]);
    let redirects = site.output("_redirects");
    assert!(redirects.contains("/news/old/beta/ "), "{redirects}");
    for line in redirects.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        assert!(parts[0].starts_with("/news/") && parts[1].starts_with("/news/"), "{line}");
    }
}
