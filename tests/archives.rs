//! The archive by date: per language an index of the years and months that have
//! articles, a page per year and a paginated page per month, months named for the
//! page's locale and counted on the site's clock; only published articles; in the
//! sitemap, linked from every page's footer, and a theme without its templates
//! told so.

mod common;

use common::{Site, assert_build_fails, read_tree};

/// The text of the first `<h1>` of a page.
fn heading(html: &str) -> &str {
    let start = html.find("<h1>").map_or(0, |i| i + 4);
    let end = html[start..].find("</h1>").map_or(start, |i| start + i);
    &html[start..end]
}

#[test]
fn each_language_has_an_archive_of_its_own_months_named_in_its_locale() {
    let site = Site::fixture("multilingual");
    site.build(&[]);
    let index = site.output("archives/index.html");
    assert!(index.contains("https://multi.example.org/archives/2025/02/"), "the French-only February");
    assert!(index.contains(">février<") && index.contains(">mars<"), "{index}");
    assert!(index.contains("2 articles"), "the year counts both months");
    let year = site.output("archives/2025/index.html");
    let (march, february) = (year.find(">mars<").unwrap(), year.find(">février<").unwrap());
    assert!(march < february, "newest month first");
    for (month, language, title) in [
        ("archives/2025/03", "fr", "mars 2025"),
        ("en/archives/2025/03", "en", "March 2025"),
        ("ja/archives/2025/03", "ja", "2025年3月"),
        ("ko/archives/2025/03", "ko", "2025년 3월"),
        ("ar/archives/2025/03", "ar", "مارس 2025"),
    ] {
        let page = site.output(&format!("{month}/index.html"));
        assert_eq!(heading(&page), title, "{language}");
        assert!(page.contains(&format!("<title>{title} – ")), "{language}: the page's title");
        let prefix = if language == "fr" { String::new() } else { format!("/{language}") };
        assert!(page.contains(&format!("multi.example.org{prefix}/articles/reunion/")), "{language}");
        assert!(!page.contains("/articles/budget/"), "{language}: February's article is not in March");
        let others = page.matches("rel=\"alternate\" hreflang=").count();
        assert_eq!(others, 6, "{language}: five languages and x-default have March");
    }
    assert!(site.has_output("archives/2025/02/index.html"));
    for lang in ["en", "ja", "ko", "ar"] {
        assert!(!site.has_output(&format!("{lang}/archives/2025/02/index.html")), "{lang} has no February article");
        assert!(site.output(&format!("{lang}/archives/index.html")).contains("/archives/2025/03/"), "{lang}");
    }
    let february = site.output("archives/2025/02/index.html");
    assert_eq!(february.matches("rel=\"alternate\" hreflang=").count(), 0, "February is French only");
}

#[test]
fn a_month_is_paginated_like_a_term_page_and_links_its_neighbours() {
    let site = Site::fixture("news");
    site.write(
        "content/articles/2025-01-20-janvier.md",
        "+++\ntitle = \"Janvier\"\ndate = 2025-01-20\nsummary = \"Résumé.\"\n+++\nTexte.\n",
    );
    site.build(&[]);
    let first = site.output("archives/2025/03/index.html");
    let second = site.output("archives/2025/03/page/2/index.html");
    assert!(!site.has_output("archives/2025/03/page/3/index.html"), "three articles at two a page");
    assert!(first.contains("/articles/gamma/") && first.contains("/articles/beta/"), "newest first");
    assert!(second.contains("/articles/alpha/") && !second.contains("/articles/gamma/"));
    assert!(second.contains("Page 2 / 2"), "the count says which page");
    assert!(first.contains("href=\"https://test.example.org/archives/2025/03/page/2/\" rel=\"next\""));
    assert!(first.contains("href=\"https://test.example.org/archives/2025/01/\""), "the month before");
    assert!(!site.has_output("archives/2025/02/index.html"), "no page for a month without articles");
    let year = site.output("archives/2025/index.html");
    assert!(year.contains(">janvier<") && !year.contains(">février<"), "{year}");
}

#[test]
fn drafts_future_and_expired_articles_are_in_no_archive() {
    let site = Site::fixture("news");
    site.write(
        "content/articles/2025-04-10-expire.md",
        "+++\ntitle = \"Expiré\"\ndate = 2025-04-10\nexpires = 2025-05-01\nsummary = \"R.\"\n+++\nTexte.\n",
    );
    site.build(&[]);
    let all: String = read_tree(&site.public())
        .into_iter()
        .filter(|(path, _)| path.contains("archives/"))
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect();
    for (what, url) in
        [("draft", "/articles/brouillon/"), ("future", "/articles/futur/"), ("expired", "/articles/expire/")]
    {
        assert!(!all.contains(url), "the {what} article is in the archive");
    }
    assert!(site.has_output("articles/expire/index.html"), "the expired article's page stays");
    assert!(!site.has_output("archives/2025/04/index.html"), "its month has no other article");
    assert!(!site.has_output("archives/2999/index.html"), "nor has the future's year");
}

#[test]
fn an_article_is_in_the_month_of_its_date_on_the_site_s_clock() {
    let site = Site::fixture("news");
    site.write(
        "content/articles/2025-04-30-new-york.md",
        "+++\ntitle = \"New York\"\ndate = 2025-04-30T23:30:00-05:00\nsummary = \"R.\"\n+++\nTexte.\n",
    );
    site.build(&[]);
    assert!(!site.has_output("archives/2025/04/index.html"), "in Paris it is already 1 May");
    let may = site.output("archives/2025/05/index.html");
    assert_eq!(heading(&may), "mai 2025");
    assert!(may.contains("/articles/new-york/"));
}

#[test]
fn every_archive_page_is_in_the_sitemap_and_every_page_links_its_language_s_archive() {
    let site = Site::fixture("news");
    site.build(&[]);
    let sitemap = site.output("sitemap.xml");
    let tree = read_tree(&site.public());
    let archive_pages: Vec<&String> =
        tree.keys().filter(|p| p.contains("archives/") && p.ends_with("index.html")).collect();
    assert_eq!(archive_pages.len(), 7, "fr: index, 2025, March in two pages; en: index, 2025, March");
    for page in archive_pages {
        let url = format!("https://test.example.org/{}", page.trim_end_matches("index.html"));
        assert!(sitemap.contains(&format!("<loc>{url}</loc>")), "{url} is not in the sitemap");
    }
    for (path, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html") && !p.starts_with("old/")) {
        let html = String::from_utf8_lossy(bytes);
        let archive = if path.starts_with("en/") {
            "https://test.example.org/en/archives/"
        } else {
            "https://test.example.org/archives/"
        };
        let link = format!("<p class=\"archive-link\"><a href=\"{archive}\"");
        assert!(html.contains(&link) || html.contains("http-equiv=\"refresh\""), "{path} lacks the archive link");
    }
}

#[test]
fn a_page_on_the_archive_s_address_is_refused() {
    assert_build_fails(
        |s| s.write("content/pages/p.md", "+++\ntitle = \"P\"\nslug = \"archives\"\n+++\nTexte.\n"),
        &["the page content/pages/p.md", "the fr archive", "would write the same file archives/index.html"],
    );
}

#[test]
fn a_theme_without_the_archive_templates_is_told_which_one_it_lacks() {
    assert_build_fails(
        |s| {
            s.copy_theme();
            std::fs::remove_file(s.path("themes/default/templates/archive_month.html")).unwrap();
        },
        &["the theme has no template \"archive_month.html\""],
    );
}
