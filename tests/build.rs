//! `broadsheet build` end to end: fixture sites built by the real binary, checked
//! file by file.

mod common;

use common::{Site, links, read_tree};

#[test]
fn build_prints_its_summary_and_what_it_left_out_and_writes_home_articles_and_indexes() {
    let site = Site::fixture("news");
    let run = site.build(&[]);
    let out = run.stdout();
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.starts_with("Built 4 articles, 1 pages,"), "{out}");
    assert!(out.lines().nth(1).is_some_and(|l| l.starts_with("Left out: 1 draft, 1 scheduled (next: ")), "{out}");
    assert_eq!(out.lines().nth(2), Some("Search: 5 documents indexed, 0 reused"), "{out}");
    for file in [
        "index.html",
        "articles/alpha/index.html",
        "articles/beta/index.html",
        "en/articles/alpha/index.html",
        "about/index.html",
        "tags/index.html",
        "tags/cyber/index.html",
        "regions/index.html",
        "regions/kp/index.html",
        "categories/international/index.html",
        "404.html",
        "en/index.html",
        "en/404.html",
        "search/index.html",
        "search/index/meta.json",
        "en/search/index.html",
        "syntax.css",
        "theme.css",
    ] {
        assert!(site.has_output(file), "missing {file}");
    }
}

#[test]
fn article_page_has_summary_source_sections_toc_and_disclaimer() {
    let site = Site::fixture("news");
    site.build(&[]);
    let html = site.output("articles/alpha/index.html");
    assert!(html.contains("<strong>réunion</strong>"), "summary rendered from Markdown");
    assert!(html.contains("href=\"https://www.mofa.example.jp/press/2025/0301.html\""), "source link");
    assert!(html.contains("Ministère des Affaires étrangères"), "source name");
    for id in ["context", "analysis", "key-points", "data"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "section {id}");
        assert!(html.contains(&format!("href=\"#{id}\"")), "toc entry {id}");
    }
    assert!(html.contains("class=\"disclaimer\""), "disclaimer banner");
    assert!(html.contains("<time datetime=\"2025-03-01T09:00:00+01:00\">1 mars 2025</time>"), "localized date");
    assert!(html.contains("hl-"), "code highlighted with classes");
    assert!(html.contains("<table>"), "table");
}

#[test]
fn internal_at_links_resolve_to_article_urls() {
    let site = Site::fixture("news");
    site.build(&[]);
    let html = site.output("articles/alpha/index.html");
    assert!(links(&html).iter().any(|l| l == "/articles/beta/"), "@/ link resolved");
    assert!(!html.contains("@/articles"), "no unresolved @/ link left");
}

#[test]
fn tag_pages_list_articles_newest_first_and_paginate() {
    let site = Site::fixture("news");
    site.build(&[]);
    let first = site.output("tags/cyber/index.html");
    let gamma = first.find("/articles/gamma/").expect("gamma on page 1");
    let beta = first.find("/articles/beta/").expect("beta on page 1");
    assert!(gamma < beta, "newest first");
    assert!(!first.contains("/articles/alpha/\""), "alpha is on page 2");
    let second = site.output("tags/cyber/page/2/index.html");
    assert!(second.contains("/articles/alpha/"), "alpha on page 2");
    assert!(links(&first).iter().any(|l| l.ends_with("/tags/cyber/page/2/")), "link to page 2");
}

#[test]
fn region_pages_use_localized_names_and_list_only_their_language() {
    let site = Site::fixture("news");
    site.build(&[]);
    let fr = site.output("regions/index.html");
    assert!(fr.contains("Corée du Nord"));
    let en = site.output("en/regions/kp/index.html");
    assert!(en.contains("North Korea"));
    assert!(en.contains("/en/articles/alpha/"));
    assert!(!en.contains("/articles/beta/"), "French article not in English list");
}

#[test]
fn drafts_and_future_articles_are_absent_unless_asked_for() {
    let site = Site::fixture("news");
    site.build(&[]);
    let everything: String =
        read_tree(&site.public()).values().map(|b| String::from_utf8_lossy(b).into_owned()).collect();
    assert!(!everything.contains("Brouillon secret"));
    assert!(!everything.contains("Article du futur"));
    assert!(!site.has_output("articles/brouillon/index.html"));
    assert!(!site.has_output("regions/jp/index.html"), "a region with only hidden articles has no page");

    site.build(&["--drafts", "--future"]);
    assert!(site.output("articles/brouillon/index.html").contains("Brouillon secret"));
    assert!(site.output("articles/futur/index.html").contains("Article du futur"));
    assert!(site.output("regions/jp/index.html").contains("Brouillon secret"));
}

#[test]
fn editor_text_is_escaped_in_html_and_attributes() {
    let site = Site::fixture("news");
    site.build(&[]);
    for file in ["articles/gamma/index.html", "index.html", "tags/cyber/index.html"] {
        let html = site.output(file);
        assert!(!html.contains("<script>alert"), "{file}: raw script");
        assert!(!html.contains("<b>balises</b>"), "{file}: raw description markup");
        assert!(html.contains("Gamma &lt;script&gt;"), "{file}: escaped title");
    }
    let article = site.output("articles/gamma/index.html");
    assert!(!article.contains("<i>hostile</i>"));
    assert!(article.contains("https://example.com/?a=1&amp;b=&quot;2&quot;"), "escaped source URL attribute");
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = Site::fixture("news");
    site.build(&["--output", "out1"]);
    site.build(&["--output", "out2"]);
    let (a, b) = (read_tree(&site.root().join("out1")), read_tree(&site.root().join("out2")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between builds");
    }
}

#[test]
fn rebuild_without_changes_rewrites_nothing() {
    let site = Site::fixture("news");
    site.build(&[]);
    let before = std::fs::metadata(site.public().join("articles/alpha/index.html")).unwrap().modified().unwrap();
    let run = site.build(&[]);
    assert!(run.stdout().contains("(0 written)"), "{}", run.stdout());
    let after = std::fs::metadata(site.public().join("articles/alpha/index.html")).unwrap().modified().unwrap();
    assert_eq!(before, after);
}

#[test]
fn deleted_article_disappears_from_the_output_on_rebuild() {
    let site = Site::fixture("news");
    site.build(&[]);
    std::fs::remove_file(site.root().join("content/articles/2025-03-03-gamma.md")).unwrap();
    site.build(&[]);
    assert!(!site.has_output("articles/gamma/index.html"));
    assert!(!site.output("tags/cyber/index.html").contains("/articles/gamma/"));
}

#[test]
fn site_without_themes_folder_builds_with_the_built_in_theme() {
    let site = Site::fixture("news");
    assert!(!site.root().join("themes").exists());
    site.build(&[]);
    assert!(site.output("index.html").contains("<html lang=\"fr\""));
}

#[test]
fn site_templates_override_the_theme_and_site_static_files_win() {
    let site = Site::fixture("news");
    site.write("templates/404.html", "custom 404 for {{ site.lang }}");
    site.write("static/theme.css", "/* site css */");
    site.build(&[]);
    assert_eq!(site.output("404.html"), "custom 404 for fr");
    assert_eq!(site.output("theme.css"), "/* site css */");
}

#[test]
fn base_url_flag_replaces_the_configured_one() {
    let site = Site::fixture("news");
    site.build(&["--base-url", "https://preview.example.net/"]);
    let html = site.output("articles/alpha/index.html");
    assert!(html.contains("https://preview.example.net/articles/alpha/"));
    assert!(!html.contains("https://test.example.org/"));
}

#[test]
fn translations_link_each_other_with_hreflang() {
    let site = Site::fixture("news");
    site.build(&[]);
    let fr = site.output("articles/alpha/index.html");
    let en = site.output("en/articles/alpha/index.html");
    for html in [&fr, &en] {
        assert!(html.contains("hreflang=\"fr\" href=\"https://test.example.org/articles/alpha/\""), "{html}");
        assert!(html.contains("hreflang=\"en\" href=\"https://test.example.org/en/articles/alpha/\""));
    }
    assert!(en.contains("<html lang=\"en\""));
}

#[test]
fn aliases_write_redirect_pages_and_a_redirects_file() {
    let site = Site::fixture("news");
    site.build(&[]);
    for file in ["2025/03/beta.html", "old/beta/index.html"] {
        let html = site.output(file);
        assert!(
            html.contains("<meta http-equiv=\"refresh\" content=\"0; url=https://test.example.org/articles/beta/\">"),
            "{file}"
        );
        assert!(html.contains("<link rel=\"canonical\" href=\"https://test.example.org/articles/beta/\">"));
    }
    assert_eq!(site.output("_redirects"), "/2025/03/beta.html /articles/beta/ 301\n/old/beta/ /articles/beta/ 301\n");
}

#[test]
fn default_language_can_live_under_its_code_with_a_root_redirect() {
    let site = Site::fixture("news");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", config.replace("paginate_by = 2", "paginate_by = 2\ndefault_language_in_subdir = true"));
    site.build(&[]);
    assert!(site.output("fr/articles/alpha/index.html").contains("<html lang=\"fr\""));
    assert!(site.output("index.html").contains("url=https://test.example.org/fr/"));
    assert!(site.has_output("fr/tags/cyber/index.html"));
}

#[test]
fn a_sites_own_headers_file_is_kept_after_the_generated_rules() {
    let site = Site::fixture("news");
    site.write("static/_headers", "/*\n  X-Frame-Options: DENY\n");
    site.build(&[]);
    let headers = site.output("_headers");
    assert!(headers.contains("/theme.css\n  Cache-Control: public, max-age=31536000, immutable\n"), "{headers}");
    assert!(headers.ends_with("# static/_headers\n/*\n  X-Frame-Options: DENY\n"), "{headers}");
}
