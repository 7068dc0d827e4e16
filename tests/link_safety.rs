//! Addresses and raw HTML from editors: a `javascript:` or `data:` address, however
//! disguised, in front matter, site.toml or Markdown fails the build at its file,
//! line and column and leaves the previous output as it was; an allowed address
//! that carries markup is escaped in pages, feeds and JSON-LD; raw HTML passes
//! through by default and shows as text with `[markdown] raw_html = false`.

mod common;

use serde_json::Value;

use common::{Site, assert_build_fails, graph_object, json_ld, parse_feed, read_tree, replace_in};

const ALPHA: &str = "content/articles/2025-03-01-alpha.md";
const BETA: &str = "content/articles/2025-03-02-beta.md";
const HOSTILE: &str = "content/articles/2025-05-31-hostile.md";

/// `path:line:col` of the first `needle` in the site's file `rel` (column in characters).
fn at(site: &Site, rel: &str, needle: &str) -> String {
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    let before = &text[..text.find(needle).unwrap_or_else(|| panic!("{needle} not in {rel}"))];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
    format!("{rel}:{line}:{col}")
}

/// Breaks the `news` fixture with `break_site`, then checks that the build fails
/// (output intact) and reports, for each `(file, needle, message)`, `message` at the
/// place of `needle` in `file`; returns the error output.
fn assert_refused(break_site: impl Fn(&Site), expected: &[(&str, &str, &str)]) -> String {
    let located = Site::fixture("news");
    break_site(&located);
    let lines: Vec<String> =
        expected.iter().map(|(rel, needle, message)| format!("{}: {message}", at(&located, rel, needle))).collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    assert_build_fails(break_site, &lines)
}

#[test]
fn script_source_url_fails_naming_file_line_and_column() {
    assert_build_fails(
        |s| replace_in(s, ALPHA, "https://www.mofa.example.jp/press/2025/0301.html", "javascript:alert(1)"),
        &[
            &format!(
                "{ALPHA}:15:7: source url \"javascript:alert(1)\" is not allowed: it uses the scheme \"javascript:\""
            ),
            "hint: write an absolute http:// or https:// address",
        ],
    );
}

#[test]
fn disguised_and_data_addresses_fail_in_every_front_matter_place_together() {
    let stderr = assert_refused(
        |s| {
            replace_in(s, ALPHA, "\"https://www.mofa.example.jp/press/2025/0301.html\"", "\" JaVaScRiPt:alert(1)\"");
            replace_in(
                s,
                BETA,
                "[source]\nname = \"Agence\"\nurl = \"https://agency.example.com/beta\"",
                "[[sources]]\nname = \"Agence\"\nurl = \"https://agency.example.com/beta\"\n\n\
                 [[sources]]\nname = \"Autre\"\nurl = \"java\\tscript:alert(1)\"",
            );
            replace_in(
                s,
                BETA,
                "summary = ",
                "image = { src = \"DATA:image/svg+xml,<svg/onload=alert(1)>\", alt = \"x\" }\nsummary = ",
            );
        },
        &[
            (
                ALPHA,
                "\" JaVaScRiPt",
                "source url \" JaVaScRiPt:alert(1)\" is not allowed: it contains a space (U+0020)",
            ),
            (BETA, "\"java", "source url \"java\\tscript:alert(1)\" is not allowed: it contains a tab (U+0009)"),
            (
                BETA,
                "\"DATA:",
                "image src \"DATA:image/svg+xml,<svg/onload=alert(1)>\" is not allowed: it uses the scheme",
            ),
        ],
    );
    assert!(stderr.contains("3 problems found"), "{stderr}");
}

#[test]
fn site_toml_addresses_fail_naming_line_and_column() {
    let append = "\n[publisher]\nname = \"P\"\nurl = \"vbscript:msgbox(1)\"\nlogo = \"//cdn.example/logo.svg\"\n\n\
                  [authors.jane]\nname = \"Jane\"\nurl = \"https:///jane\"\n";
    let break_site = |s: &Site| {
        let text = std::fs::read_to_string(s.root().join("site.toml")).unwrap();
        s.write("site.toml", text + append);
    };
    assert_refused(
        break_site,
        &[
            ("site.toml", "\"vbscript", "publisher url \"vbscript:msgbox(1)\" is not allowed: it uses the scheme"),
            ("site.toml", "\"//cdn", "publisher logo \"//cdn.example/logo.svg\" is not allowed: it starts with //"),
            ("site.toml", "\"https:///", "author url \"https:///jane\" is not allowed: it has no host name"),
        ],
    );
}

#[test]
fn script_links_in_body_and_summary_fail_at_their_position() {
    assert_refused(
        |s| {
            replace_in(s, ALPHA, "(@/articles/2025-03-02-beta.md)", "(javascript:alert(1))");
            replace_in(s, ALPHA, "**réunion**", "**réunion** ![carte](data:image/png;base64,AAAA)");
            replace_in(s, ALPHA, "## Analyse", "Voir [la note][n].\n\n[n]: JAVASCRIPT:alert(2)\n\n## Analyse");
        },
        &[
            (ALPHA, "[l'article", "link \"javascript:alert(1)\" is not allowed: it uses the scheme \"javascript:\""),
            (ALPHA, "![carte]", "image \"data:image/png;base64,AAAA\" is not allowed: it uses the scheme \"data:\""),
            (ALPHA, "[la note]", "link \"JAVASCRIPT:alert(2)\" is not allowed"),
        ],
    );
}

/// The `publishing` fixture with `[markdown] raw_html` set, whole articles in feeds,
/// and raw HTML in the hostile article's summary and body.
fn built_with_raw_html(raw_html: bool) -> Site {
    let site = Site::fixture("publishing");
    replace_in(
        &site,
        "site.toml",
        "[feeds]\n",
        &format!("[markdown]\nraw_html = {raw_html}\n\n[feeds]\nfull_content = true\n"),
    );
    replace_in(&site, HOSTILE, "**bold**", "**bold** <img src=x onerror=alert(3)>");
    replace_in(&site, HOSTILE, "## Analyse {#analysis}\n", "## Analyse {#analysis}\n\n<script>alert(4)</script>\n");
    site.build(&[]);
    site
}

/// The HTML of the hostile article, as its page and each feed carry it.
fn article_html(site: &Site) -> Vec<(&'static str, String)> {
    let json: Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    let feed_content = |rel: &str| parse_feed(site, rel).entries[0].content.as_ref().and_then(|c| c.body.clone());
    vec![
        ("page", site.output("articles/hostile/index.html")),
        ("rss.xml", feed_content("rss.xml").unwrap()),
        ("atom.xml", feed_content("atom.xml").unwrap()),
        ("feed.json", json["items"][0]["content_html"].as_str().unwrap().to_string()),
    ]
}

#[test]
fn raw_html_false_shows_script_and_handlers_as_text_in_pages_and_feeds() {
    let site = built_with_raw_html(false);
    for (place, html) in article_html(&site) {
        for raw in ["<script>alert(", "<img src=x", "<script>alert(2)"] {
            assert!(!html.contains(raw), "{place} has raw {raw}:\n{html}");
        }
        for shown in ["&lt;img src=x onerror=alert(3)&gt;", "&lt;script&gt;alert(4)&lt;/script&gt;"] {
            assert!(html.contains(shown), "{place} lacks {shown}:\n{html}");
        }
    }
}

#[test]
fn raw_html_passes_by_default_in_body_and_summary() {
    let site = built_with_raw_html(true);
    for (place, html) in article_html(&site) {
        for raw in ["<img src=x onerror=alert(3)>", "<script>alert(4)</script>"] {
            assert!(html.contains(raw), "{place} lacks raw {raw}:\n{html}");
        }
    }
}

#[test]
fn hostile_but_allowed_addresses_are_escaped_in_pages_feeds_and_json_ld() {
    let site = Site::fixture("publishing");
    let source = "https://agency.example.com/?q=\"><script>alert(5)</script>";
    // Raster images, which pages, JSON-LD and the JSON feed all show: one on another
    // site as lead image (a photograph of the site's own is published under new
    // addresses), one of the site as the publisher's logo.
    let image = "/logo.png?\"><script>alert(6)</script>";
    let remote = "https://cdn.example.org/lead.png?\"><script>alert(6)</script>";
    site.write("static/logo.png", "a stand-in: the build does not decode a logo");
    let author = "https://alice.example.net/\"><script>alert(7)</script>";
    let publisher = "https://pub.example.org/?\"><script>alert(8)</script>";
    replace_in(&site, HOSTILE, "url = \"https://agency.example.com/story?a=1&b=2\"", &format!("url = '{source}'"));
    replace_in(&site, HOSTILE, "regions = ", &format!("image = {{ src = '{remote}', alt = \"Logo\" }}\nregions = "));
    replace_in(
        &site,
        HOSTILE,
        "## Analyse {#analysis}\n",
        "## Analyse {#analysis}\n\n[x](https://x.org/?\"><script>alert(9)</script>)\n",
    );
    replace_in(&site, "site.toml", "url = \"https://alice.example.net/\"", &format!("url = '{author}'"));
    replace_in(&site, "site.toml", "logo = \"/logo.svg\"", &format!("logo = '{image}'\nurl = '{publisher}'"));
    site.build(&[]);

    for (rel, bytes) in read_tree(&site.public()) {
        let text = String::from_utf8(bytes).unwrap();
        if rel.ends_with(".html") || rel.ends_with(".xml") {
            for n in 5..=9 {
                assert!(!text.contains(&format!("<script>alert({n})")), "{rel} carries raw script {n}");
            }
        }
    }
    let page = site.output("articles/hostile/index.html");
    let article = graph_object(&json_ld(&page), "NewsArticle").clone();
    assert_eq!(article["isBasedOn"][0]["url"], source, "{article}");
    assert_eq!(article["image"][0]["url"], remote);
    assert_eq!(article["publisher"]["url"], publisher);
    assert_eq!(article["publisher"]["logo"]["url"], format!("https://pub.example.org{image}"));
    assert_eq!(article["author"][0]["sameAs"], author);

    // Feed parsers normalise addresses: the XML is read as it is written.
    let atom = site.output("atom.xml");
    let atom = roxmltree::Document::parse(&atom).unwrap();
    let via = atom.descendants().find(|n| n.attribute("rel") == Some("via")).unwrap();
    assert_eq!(via.attribute("href"), Some(source));
    let rss = site.output("rss.xml");
    let rss = roxmltree::Document::parse(&rss).unwrap();
    let rss_source = rss.descendants().find(|n| n.has_tag_name("source")).unwrap();
    assert_eq!(rss_source.attribute("url"), Some(source));
    let json: Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    assert_eq!(json["items"][0]["external_url"], source);
    assert_eq!(json["items"][0]["image"], remote);
    let profile = site.output("authors/alice/index.html");
    assert!(profile.contains("&quot;&gt;&lt;script&gt;alert(7)"), "the author's site, escaped: {profile}");
}
