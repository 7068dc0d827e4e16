//! Saving files while serving: each save is one rebuild, pages follow, errors show
//! and clear, and the served site equals a fresh build of the same files.

use std::fs;
use std::path::Path;

use crate::harness::{Serve, assert_served_equals_fresh_build, serve_site};

const ALPHA: &str = "content/articles/2025-01-01-alpha.md";
const BETA: &str = "content/articles/2025-01-02-beta.md";
const GAMMA: &str = "content/articles/2025-01-03-gamma.md";
const DELTA: &str = "content/articles/2025-01-04-delta.md";

#[test]
fn edits_renames_and_deletions_reach_pages_and_lists_like_a_fresh_build() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let mut events = serve.greeted_events();

    site.edit(ALPHA, "Le texte d’alpha.", "Le texte d’alpha, corrigé.");
    events.wait_for_change("articles/alpha/index.html");
    assert!(serve.get("/articles/alpha/").text().contains("Le texte d’alpha, corrigé."));

    site.edit(ALPHA, "title = \"Alpha\"", "title = \"Alpha retitré\"");
    events.wait_for_change("articles/alpha/index.html");
    assert!(serve.get("/regions/jp/").text().contains("Alpha retitré"), "the region page lists the new title");

    fs::rename(site.path(GAMMA), site.path("content/articles/2025-01-03-gamma-moved.md")).unwrap();
    let event = events.wait_for_change("articles/gamma/index.html");
    assert!(event.changed().contains(&"articles/gamma-moved/index.html".to_string()), "{:?}", event.changed());
    assert_eq!(serve.get("/articles/gamma/").status, 404);
    assert_eq!(serve.get("/articles/gamma-moved/").status, 200);

    fs::remove_file(site.path(DELTA)).unwrap();
    events.wait_for_change("articles/delta/index.html");
    assert_eq!(serve.get("/articles/delta/").status, 404);
    assert!(!serve.get("/").text().contains("Delta"), "gone from the home page");
    assert!(!serve.get("/regions/kr/").text().contains("Delta"), "gone from its region");

    fs::create_dir_all(site.path("content/articles/2025/02")).unwrap();
    fs::rename(site.path(BETA), site.path("content/articles/2025/02/2025-01-02-beta.md")).unwrap();
    events.wait_for("a rebuild after the move", |e| e.name == "build");
    assert_eq!(serve.get("/articles/beta/").status, 200, "moved into a new folder, same slug");
    fs::rename(site.path("content/articles/2025"), site.path("content/articles/archive")).unwrap();
    site.edit("content/articles/archive/02/2025-01-02-beta.md", "Le texte de bêta", "Le texte de bêta archivé");
    events.wait_for_change("articles/beta/index.html");
    assert!(serve.get("/articles/beta/").text().contains("bêta archivé"));

    assert_served_equals_fresh_build(&site, &serve);
}

#[test]
fn an_article_moved_to_another_month_moves_in_the_archive_and_an_emptied_month_goes() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let mut events = serve.events();
    events.next();
    assert_eq!(serve.get("/archives/2025/02/").status, 404);

    site.edit(GAMMA, "date = 2025-01-03T09:00:00+01:00", "date = 2025-02-03T09:00:00+01:00");
    events.wait_for_change("archives/2025/02/index.html");
    assert!(serve.get("/archives/2025/02/").text().contains("/articles/gamma/"));
    assert!(!serve.get("/archives/2025/01/").text().contains("/articles/gamma/"), "gone from January");
    assert!(serve.get("/archives/").text().contains("/archives/2025/02/"), "the index lists February");

    site.edit(GAMMA, "date = 2025-02-03", "date = 2025-01-03");
    events.wait_for_change("archives/2025/02/index.html");
    assert_eq!(serve.get("/archives/2025/02/").status, 404, "February lost its only article");
    assert_served_equals_fresh_build(&site, &serve);
}

#[test]
fn a_broken_front_matter_is_shown_and_the_last_good_page_kept_until_fixed() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let mut events = serve.events();
    events.next();

    site.edit(GAMMA, "title = \"Gamma\"", "title = \"Gamma");
    let failed = events.wait_for("with errors", |e| !e.errors().is_empty());
    assert!(failed.errors()[0].starts_with("content/articles/2025-01-03-gamma.md:2:"), "{:?}", failed.errors());
    serve
        .stderr
        .wait_for("naming the file", |l| l.starts_with("error[toml-syntax]: content/articles/2025-01-03-gamma.md:2:"));
    let page = serve.get("/articles/gamma/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("<h1") && page.text().contains("Gamma"), "the last good page stays");
    let again = serve.events().next();
    assert_eq!(again.errors(), failed.errors(), "a page opened now sees the errors too");

    site.edit(GAMMA, "title = \"Gamma", "title = \"Gamma réparé\"");
    let fixed = events.wait_for_change("articles/gamma/index.html");
    assert!(fixed.errors().is_empty());
    assert!(serve.get("/articles/gamma/").text().contains("Gamma réparé"));
}

#[test]
fn a_broken_template_is_shown_until_fixed() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let mut events = serve.events();
    events.next();
    let before = serve.get("/articles/alpha/").text();

    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p>{{ page.title }</p>{% endblock content %}",
    );
    let failed = events.wait_for("with errors", |e| !e.errors().is_empty());
    assert!(failed.errors()[0].starts_with("templates/page.html:1:"), "{:?}", failed.errors());
    assert_eq!(serve.get("/articles/alpha/").text(), before, "the last good site stays");

    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"fixed\">{{ page.title }}</p>{% endblock content %}",
    );
    let fixed = events.wait_for_change("about/index.html");
    assert!(fixed.errors().is_empty());
    assert!(!fixed.changed().contains(&"articles/alpha/index.html".to_string()), "articles do not use page.html");
    assert!(serve.get("/about/").text().contains("<p class=\"fixed\">À propos</p>"));
}

#[test]
fn a_rename_save_and_a_truncating_save_are_one_rebuild_each() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let mut events = serve.events();
    events.next();

    let text = fs::read_to_string(site.path(BETA))
        .unwrap()
        .replace("Le texte de bêta", "Le texte de bêta, enregistré par renommage");
    let temp = site.path("content/articles/.2025-01-02-beta.md.swp");
    fs::write(&temp, text).unwrap();
    fs::rename(&temp, site.path(BETA)).unwrap();
    events.wait_for_change("articles/beta/index.html");
    assert!(serve.get("/articles/beta/").text().contains("enregistré par renommage"));

    truncate_and_write(&site.path(ALPHA), "Le texte d’alpha.", "Le texte d’alpha, écrit en deux fois.");
    events.wait_for_change("articles/alpha/index.html");
    assert!(serve.get("/articles/alpha/").text().contains("écrit en deux fois"));

    site.edit(GAMMA, "Le texte de gamma.", "Le texte de gamma, dernier.");
    events.wait_for_change("articles/gamma/index.html");
    let lines = serve.rebuild_lines(3);
    assert_eq!(lines.iter().filter(|l| l.contains("beta")).count(), 1, "{lines:?}");
    assert_eq!(lines.iter().filter(|l| l.contains("alpha")).count(), 1, "{lines:?}");
}

fn truncate_and_write(path: &Path, from: &str, to: &str) {
    use std::io::Write;
    let text = fs::read_to_string(path).unwrap().replace(from, to);
    let middle = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i);
    let (first, second) = text.split_at(middle);
    let mut file = fs::File::create(path).unwrap();
    file.write_all(first.as_bytes()).unwrap();
    file.flush().unwrap();
    file.write_all(second.as_bytes()).unwrap();
}

#[test]
fn a_burst_of_new_files_is_one_rebuild() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let mut events = serve.events();
    events.next();
    let template = fs::read_to_string(site.path(GAMMA)).unwrap();
    // Written outside the watched folders first, then moved in: the burst is 40 quick
    // renames, as a `git checkout` makes, even on a busy machine.
    fs::create_dir_all(site.path("incoming")).unwrap();
    for i in 0..40 {
        let text = template.replace("title = \"Gamma\"", &format!("title = \"Lot {i}\""));
        fs::write(site.path(&format!("incoming/2025-03-01-lot-{i:02}.md")), text).unwrap();
    }
    for i in 0..40 {
        let name = format!("2025-03-01-lot-{i:02}.md");
        fs::rename(site.path(&format!("incoming/{name}")), site.path(&format!("content/articles/{name}"))).unwrap();
    }
    let event = events.wait_for_change("articles/lot-39/index.html");
    assert!(event.changed().contains(&"articles/lot-00/index.html".to_string()), "one rebuild for the whole burst");
    let lines = serve.rebuild_lines(1);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("and 38 more changed"), "{}", lines[0]);
}

#[test]
fn stylesheet_and_headers_changes_reach_every_page_and_headers_as_a_build_would() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let mut events = serve.events();
    events.next();
    let before = serve.get("/").text();
    site.write("static/theme.css", "body { color: rebeccapurple; }\n");
    let event = events.wait_for_change("theme.css");
    assert!(event.changed().contains(&"articles/alpha/index.html".to_string()), "{:?}", event.changed());
    assert_eq!(serve.get("/theme.css").text(), "body { color: rebeccapurple; }\n");
    let link = |page: &str| page.split("theme.css?v=").nth(1).map(|rest| rest[..16].to_string());
    assert_ne!(link(&serve.get("/").text()), link(&before), "the home page links to the new stylesheet");
    assert_served_equals_fresh_build(&site, &serve);

    site.write("static/_headers", "/*\n  X-Frame-Options: DENY\n");
    events.wait_for_change("_headers");
    assert!(serve.get("/_headers").text().ends_with("X-Frame-Options: DENY\n"), "the site's rules end _headers");
    assert_served_equals_fresh_build(&site, &serve);
}

#[test]
fn a_site_broken_from_the_start_is_served_once_fixed() {
    let site = serve_site();
    site.edit(GAMMA, "title = \"Gamma\"", "title = \"Gamma");
    let serve = Serve::start(&site, &[]);
    serve
        .stderr
        .wait_for("naming the file", |l| l.starts_with("error[toml-syntax]: content/articles/2025-01-03-gamma.md:2:"));
    let missing = serve.get("/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("data-broadsheet-live"), "the page can show the errors and reload");
    let mut events = serve.events();
    assert!(!events.next().errors().is_empty(), "a page opened now sees the errors");

    site.edit(GAMMA, "title = \"Gamma", "title = \"Gamma\"");
    events.wait_for_change("index.html");
    assert_eq!(serve.get("/").status, 200);
}
