//! Scheduled publication in the open: what a build leaves out (drafts, articles dated
//! after its clock) it says under its summary and `broadsheet list` shows; an `@/`
//! link to a left-out article says why it is broken.

mod common;

use common::{Site, assert_build_fails, replace_in};
use serde_json::Value;

const BETA: &str = "content/articles/2025-03-02-beta.md";
const DRAFT: &str = "content/articles/2025-03-04-brouillon.md";
const FUTURE: &str = "content/articles/2999-01-01-futur.md";

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
    assert_eq!(lines.len(), 2, "{built}");
    assert!(lines[0].starts_with("Built 4 articles, "), "{built}");
    let left_out = "Left out: 2 drafts, 2 scheduled (next: 2025-10-08 09:00 Asia/Tokyo, \
                    content/articles/2025-10-08-sommet.md)";
    assert_eq!(lines[1], left_out, "a draft dated in the future counts as a draft");

    let again = site.build(&[]).stdout();
    assert!(again.starts_with("Up to date: 4 articles, "), "{again}");
    assert_eq!(again.lines().nth(1), Some(left_out), "an up-to-date build says the same");

    let everything = site.build(&["--drafts", "--future"]).stdout();
    assert_eq!(everything.lines().count(), 1, "nothing left out, nothing said: {everything}");
}

#[test]
fn list_shows_drafts_and_scheduled_articles_by_date_and_filters_them() {
    let site = Site::fixture("news");
    let all = list(&site, &[]);
    let expected = [("draft", DRAFT), ("scheduled", FUTURE)];
    let expected: Vec<(String, String)> = expected.iter().map(|(s, f)| (s.to_string(), f.to_string())).collect();
    assert_eq!(statuses_and_files(&all), expected, "{all}");
    assert!(all.starts_with("draft      2025-03-04 00:00  fr  content/articles/2025-03-04-brouillon.md"), "{all}");
    assert!(all.contains("  Article du futur\n"), "{all}");
    assert_eq!(list(&site, &["--drafts", "--future"]), all, "both are all");

    let drafts = list(&site, &["--drafts"]);
    assert_eq!(statuses_and_files(&drafts), [("draft".to_string(), DRAFT.to_string())], "{drafts}");
    let future = list(&site, &["--future"]);
    assert_eq!(statuses_and_files(&future), [("scheduled".to_string(), FUTURE.to_string())], "{future}");
    let later = list(&site, &["--future", "--now", "3000-01-01"]);
    assert_eq!(later, "Nothing left out.\n", "due by then");
}

#[test]
fn list_prints_json_objects_with_dates_in_the_site_s_zone_and_the_due_date_of_scheduled_ones() {
    let site = Site::fixture("news");
    let json: Value = serde_json::from_str(&list(&site, &["--format", "json"])).unwrap();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 2, "{json}");
    assert_eq!(
        entries[0],
        serde_json::json!({
            "file": DRAFT, "lang": "fr", "title": "Brouillon secret", "status": "draft",
            "date": "2025-03-04T00:00:00+01:00", "due": null
        })
    );
    let scheduled = &entries[1];
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
