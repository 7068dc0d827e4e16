//! Scheduled publication in the open: what a build leaves out (drafts, articles dated
//! after its clock) it says under its summary and `broadsheet list` shows, with the
//! expired articles; an `@/` link to a left-out article says why it is broken; an
//! article past its `expires` leaves every list, feed and the news sitemap while its
//! page stays; and the up-to-date check knows when the next expiry comes.

mod common;

use common::{ALPHA, Site, assert_build_fails, replace_in};
use serde_json::Value;

const BETA: &str = "content/articles/2025-03-02-beta.md";
const DRAFT: &str = "content/articles/2025-03-04-brouillon.md";
const FUTURE: &str = "content/articles/2999-01-01-futur.md";

/// The news fixture with beta expiring on 2025-07-01, midnight in Tokyo.
fn expiring_beta() -> Site {
    let site = Site::fixture("news");
    site.edit(BETA, "date = 2025-03-02\n", "date = 2025-03-02\nexpires = 2025-07-01T00:00:00+09:00\n");
    site
}

/// Runs `broadsheet list <args>`, asserting success; returns its output.
fn list(site: &Site, args: &[&str]) -> String {
    let mut all = vec!["list"];
    all.extend_from_slice(args);
    let run = site.run(&all);
    assert!(run.ok(), "list failed:\n{}", run.stderr());
    run.stdout()
}

/// The (status, file) of each line of `list`'s text.
fn statuses_and_files(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(|line| {
            let columns: Vec<&str> = line.split_whitespace().collect();
            (columns[0].to_string(), columns[4].to_string())
        })
        .collect()
}

#[test]
fn the_summary_counts_what_was_left_out_and_names_the_next_due_in_the_site_s_zone() {
    let site = Site::fixture("news");
    site.edit("site.toml", "timezone = \"Europe/Paris\"", "timezone = \"Asia/Tokyo\"");
    site.write(
        "content/articles/2025-10-08-sommet.md",
        "+++\ntitle = \"Sommet\"\ndate = 2025-10-08T02:00:00+02:00\n+++\nTexte.\n",
    );
    site.write(
        "content/articles/2025-09-01-ebauche.md",
        "+++\ntitle = \"Ébauche\"\ndate = 2025-09-01\ndraft = true\n+++\nTexte.\n",
    );
    site.settle();
    let built = site.build(&[]).stdout();
    let lines: Vec<&str> = built.lines().collect();
    assert_eq!(lines.len(), 3, "{built}");
    assert!(lines[2].starts_with("Search: "), "{built}");
    assert!(lines[0].starts_with("Built 4 articles, "), "{built}");
    let left_out = "Left out: 2 drafts, 2 scheduled (next: 2025-10-08 09:00 Asia/Tokyo, \
                    content/articles/2025-10-08-sommet.md)";
    assert_eq!(lines[1], left_out, "a draft dated in the future counts as a draft");

    let again = site.build(&[]).stdout();
    assert!(again.starts_with("Up to date: 4 articles, "), "{again}");
    assert_eq!(again.lines().nth(1), Some(left_out), "an up-to-date build says the same");

    let everything = site.build(&["--drafts", "--future"]).stdout();
    assert!(!everything.contains("Left out"), "nothing left out, nothing said: {everything}");
}

#[test]
fn list_shows_drafts_scheduled_and_expired_articles_by_date_and_filters_them() {
    let site = expiring_beta();
    let all = list(&site, &["--now", "2025-07-02"]);
    let expected = [("expired", BETA), ("draft", DRAFT), ("scheduled", FUTURE)];
    let expected: Vec<(String, String)> = expected.iter().map(|(s, f)| (s.to_string(), f.to_string())).collect();
    assert_eq!(statuses_and_files(&all), expected, "{all}");
    assert!(all.starts_with("expired    2025-03-02 00:00  fr  content/articles/2025-03-02-beta.md"), "{all}");
    assert!(all.contains("  Article du futur\n"), "{all}");
    assert_eq!(list(&site, &["--now", "2025-07-02", "--drafts", "--future"]), all, "both are all");

    let drafts = list(&site, &["--now", "2025-07-02", "--drafts"]);
    assert_eq!(statuses_and_files(&drafts), [("draft".to_string(), DRAFT.to_string())], "{drafts}");
    let future = list(&site, &["--now", "2025-07-02", "--future"]);
    assert_eq!(statuses_and_files(&future), [("scheduled".to_string(), FUTURE.to_string())], "{future}");

    let before_expiry = list(&site, &[]);
    assert!(!before_expiry.contains("expired"), "{before_expiry}");
}

#[test]
fn list_prints_json_objects_with_dates_in_the_site_s_zone_and_the_due_date_of_scheduled_ones() {
    let site = expiring_beta();
    let json: Value = serde_json::from_str(&list(&site, &["--now", "2025-07-02", "--format", "json"])).unwrap();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 3, "{json}");
    assert_eq!(
        entries[0],
        serde_json::json!({
            "file": BETA, "lang": "fr", "title": "Bêta : nouvelles sanctions", "status": "expired",
            "date": "2025-03-02T00:00:00+01:00", "due": null
        })
    );
    assert_eq!(entries[1]["status"], "draft");
    assert_eq!(entries[1]["due"], Value::Null);
    let scheduled = &entries[2];
    assert_eq!((&scheduled["status"], &scheduled["file"]), (&"scheduled".into(), &FUTURE.into()));
    assert_eq!(scheduled["date"], "2999-01-01T00:00:00+01:00");
    assert_eq!(scheduled["due"], scheduled["date"]);

    let drafts: Value = serde_json::from_str(&list(&site, &["--format", "json", "--drafts"])).unwrap();
    assert_eq!(drafts.as_array().map(Vec::len), Some(1), "{drafts}");
}

#[test]
fn list_says_nothing_is_left_out_and_exits_0() {
    let site = Site::fixture("news");
    for file in [DRAFT, FUTURE] {
        std::fs::remove_file(site.path(file)).unwrap();
    }
    assert_eq!(list(&site, &[]), "Nothing left out.\n");
    assert_eq!(list(&site, &["--format", "json"]), "[]\n");
}

#[test]
fn a_link_to_a_scheduled_article_fails_saying_until_when() {
    let stderr = assert_build_fails(
        |site| replace_in(site, BETA, "Texte.", "Texte [futur](@/articles/2999-01-01-futur.md)."),
        &[
            "content/articles/2025-03-02-beta.md:16:7: internal link \"@/articles/2999-01-01-futur.md\" points to an \
             article scheduled for 2999-01-01 00:00 (Europe/Paris): this link would be broken until then",
            "hint: build with --future to preview the link, or add it once the article is published",
        ],
    );
    assert!(!stderr.contains("points to no content file"), "{stderr}");
}

#[test]
fn a_link_to_a_draft_fails_saying_it_is_a_draft() {
    assert_build_fails(
        |site| replace_in(site, BETA, "Texte.", "Voir [le brouillon](@/articles/2025-03-04-brouillon.md#context)."),
        &[
            "content/articles/2025-03-02-beta.md:16:6: internal link \"@/articles/2025-03-04-brouillon.md#context\" \
             points to a draft: this link would be broken until it is published",
            "hint: build with --drafts to preview the link, or add it once the draft is published",
        ],
    );
}

#[test]
fn a_link_to_a_missing_file_still_points_to_no_content_file() {
    assert_build_fails(
        |site| replace_in(site, BETA, "Texte.", "Voir [rien](@/articles/nulle-part.md)."),
        &[
            "content/articles/2025-03-02-beta.md:16:6: internal link \"@/articles/nulle-part.md\" points to no content file",
        ],
    );
}

#[test]
fn an_expired_article_leaves_lists_and_feeds_but_keeps_its_page_and_its_sitemap_entry() {
    let site = expiring_beta();
    let listings = [
        "index.html",
        "tags/cyber/index.html",
        "regions/kp/index.html",
        "rss.xml",
        "atom.xml",
        "feed.json",
        "tags/cyber/rss.xml",
    ];
    site.build(&[]);
    for listing in listings {
        assert!(site.output(listing).contains("/articles/beta/"), "{listing} lists beta before it expires");
    }

    site.build(&["--now", "2025-07-01T00:00:00+09:00"]);
    for listing in listings {
        assert!(!site.output(listing).contains("/articles/beta/"), "{listing} still lists beta after it expired");
    }
    assert!(site.output("articles/beta/index.html").contains("Bêta : nouvelles sanctions"), "its page stays");
    assert!(site.output("sitemap.xml").contains("<loc>https://test.example.org/articles/beta/</loc>"));
    assert!(site.output("articles/alpha/index.html").contains("href=\"/articles/beta/\""), "links to it still work");
}

#[test]
fn an_expired_article_leaves_the_news_sitemap() {
    let site = Site::fixture("news");
    site.write(
        "content/articles/2025-05-31-flash.md",
        "+++\ntitle = \"Flash\"\ndate = 2025-05-31T12:00:00Z\nexpires = 2025-06-01T06:00:00Z\n+++\nTexte.\n",
    );
    site.build(&[]);
    assert!(site.output("news-sitemap.xml").contains("/articles/flash/"));
    site.build(&["--now", "2025-06-01T06:00:00Z"]);
    assert!(!site.output("news-sitemap.xml").contains("/articles/flash/"), "expired, though within two days");
    assert!(site.output("sitemap.xml").contains("/articles/flash/"));
}

#[test]
fn an_expiry_before_the_date_fails_at_its_line() {
    assert_build_fails(
        |site| site.edit(BETA, "date = 2025-03-02\n", "date = 2025-03-02\nexpires = 2025-03-01\n"),
        &["content/articles/2025-03-02-beta.md:4:1: the article expires (2025-03-01T00:00:00+01:00) before its date \
           (2025-03-02T00:00:00+01:00)"],
    );
}

#[test]
fn an_up_to_date_build_is_built_again_once_an_expiry_passes() {
    let site = expiring_beta();
    site.settle();
    site.build(&[]);
    let same_clock = site.build(&[]).stdout();
    assert!(same_clock.starts_with("Up to date:"), "{same_clock}");
    let before_expiry = site.build(&["--now", "2025-06-30T14:59:59Z"]).stdout();
    assert!(before_expiry.starts_with("Up to date:"), "nothing changes before the expiry: {before_expiry}");

    let at_expiry = site.build(&["--now", "2025-06-30T15:00:00Z"]).stdout();
    assert!(at_expiry.starts_with("Built "), "the expiry passed: {at_expiry}");
    assert!(!site.output("index.html").contains("/articles/beta/"));
}

#[test]
fn a_translation_takes_its_original_s_expiry() {
    let site = Site::fixture("news");
    site.edit(ALPHA, "date = 2025-03-01T09:00:00+01:00\n", "date = 2025-03-01T09:00:00+01:00\nexpires = 2025-04-01\n");
    site.build(&[]);
    assert!(!site.output("en/index.html").contains("/en/articles/alpha/"), "the English version expired too");
    assert!(site.has_output("en/articles/alpha/index.html"));
    let expired = list(&site, &[]);
    assert!(expired.contains("content/articles/2025-03-01-alpha.en.md"), "{expired}");
}

#[test]
fn a_term_only_expired_articles_use_is_named_without_a_link_on_their_pages() {
    let site = Site::fixture("news");
    site.write(
        "content/articles/2025-05-20-flash.md",
        "+++\ntitle = \"Flash\"\ndate = 2025-05-20T12:00:00Z\nexpires = 2025-05-25T00:00:00Z\n\
         category = \"breves\"\ntags = [\"Éphémère\"]\n+++\nTexte.\n",
    );
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", config + "\n[categories.breves]\nname = { fr = \"Brèves\" }\n");
    site.build(&[]);
    let page = site.output("articles/flash/index.html");
    assert!(!site.has_output("tags/éphémère/index.html") && !site.has_output("categories/breves/index.html"));
    assert!(page.contains("<span>Éphémère</span>") && page.contains("Brèves"), "named");
    for link in common::links(&page) {
        assert!(!link.contains("/tags/") || !link.contains("ph%C3%A9m"), "no link to the missing tag page: {link}");
        assert!(!link.contains("/categories/breves/"), "no link to the missing category page: {link}");
    }
}
