//! Related coverage at the end of each article: articles of the same language that
//! share its tags, regions or category, most shared first, the same at every build.

mod common;

use common::Site;

/// The addresses of the related cards of an article page.
fn related(html: &str) -> Vec<String> {
    let Some(at) = html.find("id=\"bs-related\"") else { return Vec::new() };
    let end = html[at..].find("</section>").map_or(html.len(), |e| at + e);
    common::links(&html[at..end])
}

/// The tag and region pages that the chips of an article page link to.
fn term_links(html: &str) -> Vec<String> {
    common::links(html)
        .into_iter()
        .filter(|l| l.contains("/tags/") || l.contains("/regions/"))
        .filter(|l| !l.ends_with("/tags/") && !l.ends_with("/regions/"))
        .collect()
}

#[test]
fn an_article_ends_with_related_articles_of_its_language_that_share_its_terms() {
    let site = Site::sample_at("2026-12-05T12:00:00Z");
    site.build(&[]);
    let page = site.output("articles/reunion-cyber-trilaterale/index.html");
    let links = related(&page);
    assert!(!links.is_empty() && links.len() <= 4, "{links:?}");
    assert!(links.iter().all(|l| !l.contains("/en/") && !l.contains("/ja/") && !l.contains("/ko/")), "{links:?}");
    assert!(!links.iter().any(|l| l.ends_with("/articles/reunion-cyber-trilaterale/")), "not itself");
    // The first shares a tag or a region: one of the term pages its chips link to is
    // one this article's chips link to.
    let first = common::file_of("https://broadsheet.example.org", &links[0]);
    let mine = term_links(&page);
    assert!(!mine.is_empty(), "the article links its tags and regions");
    assert!(term_links(&site.output(&first)).iter().any(|t| mine.contains(t)), "{} shares no term", links[0]);
    let japanese = related(&site.output("ja/articles/reunion-cyber-trilaterale/index.html"));
    assert!(japanese.iter().all(|l| l.contains("/ja/")), "{japanese:?}");
}

#[test]
fn the_number_of_related_articles_is_a_setting_and_0_leaves_the_section_out() {
    let site = Site::sample_at("2026-12-05T12:00:00Z");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", config.replacen("\n[", "\nrelated_articles = 2\n\n[", 1));
    site.build(&[]);
    assert_eq!(related(&site.output("articles/reunion-cyber-trilaterale/index.html")).len(), 2);
    site.write("site.toml", config.replacen("\n[", "\nrelated_articles = 0\n\n[", 1));
    site.build(&[]);
    assert!(!site.output("articles/reunion-cyber-trilaterale/index.html").contains("bs-related"));
}
