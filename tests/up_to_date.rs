//! A build that finds nothing changed since the last build into the same output
//! stops early and touches nothing; anything that would change the output (an edit,
//! an option, the clock, a file added to or removed from the output) still builds.

mod common;

use std::fs;

use common::{Site, modification_times, read_tree};

fn up_to_date(run: &common::Run) -> bool {
    run.stdout().starts_with("Up to date:")
}

/// Asserts that `run` built the site rather than finding it up to date.
fn assert_built(run: &common::Run) {
    assert!(!up_to_date(run), "expected a full build: {}", run.stdout());
}

/// The news fixture with settled files, built once.
fn built_fixture() -> Site {
    let site = Site::fixture("news");
    site.settle();
    site.build(&[]);
    site
}

/// `4 articles, 1 pages, 9 terms: 60 files` from the summary line.
fn figures(run: &common::Run) -> String {
    let line = run.stdout();
    let rest = line.strip_prefix("Built ").or_else(|| line.strip_prefix("Up to date: ")).unwrap_or(&line);
    rest.split(" (").next().unwrap_or_default().to_string()
}

#[test]
fn nothing_changed_means_up_to_date_with_the_same_figures_and_no_file_touched() {
    let site = Site::fixture("news");
    site.settle();
    let first = site.build(&[]);
    let (bytes, times) = (read_tree(&site.public()), modification_times(&site.public()));
    let second = site.build(&[]);
    assert!(up_to_date(&second), "{}", second.stdout());
    assert_eq!(figures(&first), figures(&second));
    assert!(second.stdout().contains("(0 written)"), "{}", second.stdout());
    assert_eq!(read_tree(&site.public()), bytes);
    assert_eq!(modification_times(&site.public()), times);
}

#[test]
fn files_changed_just_before_the_first_build_are_not_trusted_by_the_second() {
    let site = Site::fixture("news");
    site.build(&[]);
    let second = site.build(&[]);
    assert_built(&second);
    assert!(second.stdout().contains("(0 written)"), "{}", second.stdout());
}

#[test]
fn an_edit_that_keeps_size_and_modification_time_is_still_seen() {
    let site = built_fixture();
    let path = site.root().join("content/articles/2025-03-02-beta.md");
    let (text, modified) = (fs::read_to_string(&path).unwrap(), fs::metadata(&path).unwrap().modified().unwrap());
    let edited = text.replacen("Texte.", "Teste.", 1);
    assert_ne!(edited, text);
    fs::write(&path, &edited).unwrap();
    fs::File::options().write(true).open(&path).unwrap().set_modified(modified).unwrap();
    assert_built(&site.build(&[]));
    assert!(site.output("articles/beta/index.html").contains("Teste."));
}

#[test]
fn an_output_file_removed_after_a_build_is_put_right_by_the_next() {
    let site = built_fixture();
    let home = site.output("index.html");
    fs::remove_file(site.public().join("index.html")).unwrap();
    assert_built(&site.build(&[]));
    assert_eq!(site.output("index.html"), home);
    assert!(up_to_date(&site.build(&[])));
}

#[test]
fn a_file_added_to_the_output_by_hand_is_never_deleted_the_build_is_refused_instead() {
    let site = built_fixture();
    let before = read_tree(&site.public());
    fs::write(site.public().join("articles/stray.html"), "left here").unwrap();
    let run = site.run(&["build"]);
    assert!(!run.ok());
    let stderr = run.stderr();
    assert!(stderr.contains("holds files that broadsheet did not write (articles/stray.html)"), "{stderr}");
    assert!(stderr.contains("static/"), "the message says where such files belong: {stderr}");
    assert_eq!(site.output("articles/stray.html"), "left here");
    fs::remove_file(site.public().join("articles/stray.html")).unwrap();
    assert_eq!(read_tree(&site.public()), before, "the refused build changed nothing");
    assert!(up_to_date(&site.build(&[])));
}

#[test]
fn an_output_file_edited_after_a_build_is_restored_by_the_next() {
    let site = built_fixture();
    let page = site.output("articles/alpha/index.html");
    fs::write(site.public().join("articles/alpha/index.html"), "edited by hand").unwrap();
    site.build(&[]);
    assert_eq!(site.output("articles/alpha/index.html"), page);
}

#[test]
fn other_options_or_an_edited_template_mean_a_full_build() {
    let site = Site::fixture("news");
    site.write("templates/404.html", "not found {{ site.lang }}");
    site.settle();
    site.build(&[]);
    assert_built(&site.build(&["--base-url", "https://preview.example.org"]));
    assert!(site.output("index.html").contains("https://preview.example.org/"));
    assert!(up_to_date(&site.build(&["--base-url", "https://preview.example.org"])));
    assert_built(&site.build(&["--base-url", "https://preview.example.org", "--drafts"]));
    site.write("templates/404.html", "page not found {{ site.lang }}");
    assert_built(&site.build(&[]));
    assert_eq!(site.output("404.html"), "page not found fr");
}

#[test]
fn a_future_article_appears_with_the_first_build_after_its_date() {
    let site = Site::fixture("news");
    site.settle();
    site.build(&["--now", "2025-06-01T00:00:00Z"]);
    assert!(!site.has_output("articles/futur/index.html"));
    assert!(up_to_date(&site.build(&["--now", "2998-12-31T00:00:00Z"])));
    assert_built(&site.build(&["--now", "2999-01-02T00:00:00Z"]));
    assert!(site.has_output("articles/futur/index.html"));
}

#[test]
fn a_new_article_in_the_news_window_and_its_departure_are_seen_by_the_clock() {
    let site = Site::fixture("news");
    site.write(
        "content/articles/2025-06-01-flash.md",
        "+++\ntitle = \"Flash\"\ndate = 2025-06-01T06:00:00Z\ntags = [\"cyber\"]\nregions = [\"kr\"]\nsummary = \"Bref.\"\n\n[source]\nname = \"Agence\"\nurl = \"https://example.com/flash\"\n+++\n\nTexte.\n",
    );
    site.settle();
    site.build(&["--now", "2025-06-01T12:00:00Z"]);
    assert!(site.output("news-sitemap.xml").contains("/articles/flash/"));
    assert!(up_to_date(&site.build(&["--now", "2025-06-02T12:00:00Z"])));
    assert_built(&site.build(&["--now", "2025-06-04T12:00:00Z"]));
    assert!(!site.output("news-sitemap.xml").contains("/articles/flash/"));
}

#[test]
fn force_builds_in_full_but_still_writes_only_what_changed() {
    let site = built_fixture();
    let times = modification_times(&site.public());
    let run = site.build(&["--force"]);
    assert_built(&run);
    assert!(run.stdout().contains("(0 written)"), "{}", run.stdout());
    assert_eq!(modification_times(&site.public()), times);
    assert!(up_to_date(&site.build(&[])));
}

#[test]
fn the_record_lives_beside_the_output_and_without_it_the_output_must_be_replaced_explicitly() {
    let site = built_fixture();
    let record = site.root().join(".public.broadsheet/state.json");
    assert!(record.is_file());
    fs::write(&record, "{ not json").unwrap();
    let run = site.run(&["build"]);
    assert!(!run.ok() && run.stderr().contains("--replace-output"), "{}", run.stderr());
    assert_built(&site.build(&["--replace-output"]));
    assert!(up_to_date(&site.build(&[])));
}

#[test]
fn a_failed_build_leaves_the_record_and_the_output_as_they_were() {
    let site = built_fixture();
    let before = read_tree(&site.public());
    site.write("content/articles/2025-03-09-broken.md", "+++\ntitle = \n+++\n");
    assert!(!site.run(&["build"]).ok());
    assert_eq!(read_tree(&site.public()), before);
    fs::remove_file(site.root().join("content/articles/2025-03-09-broken.md")).unwrap();
    let run = site.build(&[]);
    assert!(up_to_date(&run), "{}", run.stdout());
}
