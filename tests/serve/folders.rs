//! Article folders under `serve`: a photograph added to, changed in or removed from
//! a folder article, and an edit of its `index.md`, reach the preview as a fresh
//! build would publish them; a photograph's versions are made in the background,
//! after its page.

use std::fs;

use crate::common::{Site, photo_jpeg};
use crate::harness::{PATIENCE, Serve, assert_served_equals_fresh_build, serve_site};

const FOLDER: &str = "content/articles/2025-01-06-port";
const INDEX: &str = "content/articles/2025-01-06-port/index.md";

/// The size of the photograph served at `path`.
fn served_size(serve: &Serve, path: &str) -> (u32, u32) {
    let body = serve.get(path).body;
    let photo = image::load_from_memory(&body).unwrap_or_else(|e| panic!("{path}: {e}"));
    (photo.width(), photo.height())
}

/// The `serve-site` fixture with a folder article showing `port.jpg`, not there yet.
fn with_folder_article() -> Site {
    let site = serve_site();
    site.write(
        INDEX,
        "+++\ntitle = \"Le port\"\ndate = 2025-01-06T09:00:00+01:00\ncategory = \"economy\"\n\
         [source]\nname = \"Agence\"\nurl = \"https://source.example.org/port\"\n+++\n\
         Le port rouvre.\n",
    );
    site
}

#[test]
fn a_photo_added_to_a_folder_article_is_served_and_linked_like_a_fresh_build() {
    let site = with_folder_article();
    let serve = Serve::start(&site, &[]);
    let mut events = serve.greeted_events();

    site.write_whole(&format!("{FOLDER}/port.jpg"), photo_jpeg(64, 48));
    events.wait_for_change("articles/port/port.jpg");
    assert_eq!(served_size(&serve, "/articles/port/port.jpg"), (64, 48));

    site.write_whole(&format!("{FOLDER}/port.jpg"), photo_jpeg(80, 60));
    events.wait_for_change("articles/port/port.jpg");
    assert_eq!(served_size(&serve, "/articles/port/port.jpg"), (80, 60));

    site.edit(INDEX, "Le port rouvre.", "Le port rouvre.\n\n![Le quai](port.jpg)");
    events.wait_for_change("articles/port/index.html");
    let page = serve.get("/articles/port/").text();
    assert!(page.contains("src=\"/articles/port/port.") && page.contains("width=\"80\" height=\"60\""), "{page}");
    assert_served_equals_fresh_build(&site, &serve);

    site.write_whole(&format!("{FOLDER}/port.jpg"), photo_jpeg(96, 72));
    events.wait_for_change("articles/port/index.html");
    assert!(serve.get("/articles/port/").text().contains("width=\"96\" height=\"72\""), "a new size on the page");
    // The new versions are made in the background, and follow.
    events.wait_for_change("articles/port/port.jpg");
    assert_served_equals_fresh_build(&site, &serve);

    site.edit(INDEX, "![Le quai](port.jpg)", "");
    events.wait_for_change("articles/port/index.html");
    fs::remove_file(site.path(&format!("{FOLDER}/port.jpg"))).unwrap();
    events.wait_for_change("articles/port/port.jpg");
    assert_eq!(serve.get("/articles/port/port.jpg").status, 404);
    assert_served_equals_fresh_build(&site, &serve);
}

#[test]
fn an_edit_of_a_folder_articles_index_md_reaches_its_page_and_a_photo_it_lacks_is_shown_until_added() {
    let site = with_folder_article();
    let serve = Serve::start(&site, &[]);
    let mut events = serve.greeted_events();

    site.edit(INDEX, "Le port rouvre.", "Le port rouvre enfin.");
    events.wait_for_change("articles/port/index.html");
    assert!(serve.get("/articles/port/").text().contains("Le port rouvre enfin."));

    site.edit(INDEX, "Le port rouvre enfin.", "Le port rouvre enfin.\n\n![Le quai](quai.jpg)");
    let failed = events.wait_for("with errors", |e| !e.errors().is_empty());
    assert!(
        failed.errors()[0].starts_with("content/articles/2025-01-06-port/index.md:11:1: image \"quai.jpg\""),
        "{:?}",
        failed.errors()
    );
    assert!(serve.get("/articles/port/").text().contains("Le port rouvre enfin."), "the last good page kept");

    site.write_whole(&format!("{FOLDER}/quai.jpg"), photo_jpeg(40, 30));
    events.wait_for_change("articles/port/quai.jpg");
    assert!(serve.get("/articles/port/").text().contains("src=\"/articles/port/quai."));
    assert_served_equals_fresh_build(&site, &serve);
}

#[test]
fn an_edit_showing_a_new_photograph_reloads_its_page_before_the_photograph_is_made() {
    let site = with_folder_article();
    let serve = Serve::start(&site, &[]);
    let mut events = serve.greeted_events();
    // Whatever the time its versions take, the rebuild that renders the page
    // withholds the photograph, and the one that follows publishes it.
    let photo = photo_jpeg(2000, 1500);
    let staged = site.path("grand.jpg");
    fs::write(&staged, &photo).unwrap();
    site.edit(INDEX, "Le port rouvre.", "Le port rouvre.\n\n![Le grand quai](grand.jpg)");
    fs::rename(&staged, site.path(&format!("{FOLDER}/grand.jpg"))).unwrap();

    let page = events.wait_for_change("articles/port/index.html");
    assert!(
        !page.changed().iter().any(|c| c.starts_with("articles/port/grand")),
        "the page came before its photograph: {:?}",
        page.changed()
    );
    assert!(serve.get("/articles/port/").text().contains("src=\"/articles/port/grand."));
    let made = events.wait_for_change("articles/port/grand.jpg");
    assert!(made.changed().iter().any(|c| c.ends_with(".800.webp")), "{:?}", made.changed());
    assert_eq!(served_size(&serve, "/articles/port/grand.jpg"), (1600, 1200));
    assert_served_equals_fresh_build(&site, &serve);
}

/// Whether the image cache holds a version of the photograph named `stem`.
fn cached(site: &Site, stem: &str) -> bool {
    let prefix = format!("{stem}.");
    fs::read_dir(site.path(".broadsheet-cache/images"))
        .map(|dir| dir.flatten().any(|e| e.file_name().to_string_lossy().starts_with(&prefix)))
        .unwrap_or(false)
}

/// Waits until the image cache holds a version of `stem`, for at most [`PATIENCE`].
fn wait_until_cached(site: &Site, stem: &str) {
    let start = std::time::Instant::now();
    while !cached(site, stem) {
        assert!(start.elapsed() < PATIENCE, "no version of {stem} was made");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn a_broken_photograph_does_not_hold_back_the_making_of_the_others() {
    let site = with_folder_article();
    let serve = Serve::start(&site, &[]);
    let mut events = serve.greeted_events();
    let mut broken = photo_jpeg(400, 300);
    broken.truncate(broken.len() / 2);
    site.write_whole(&format!("{FOLDER}/casse.jpg"), &broken);
    site.edit(INDEX, "Le port rouvre.", "Le port rouvre.\n\n![Le quai](casse.jpg)");
    events.wait_for("the broken photograph's error", |e| e.errors().iter().any(|m| m.contains("casse.jpg")));

    // Shown while the broken one is still there: the rebuild fails, but its versions
    // are made, and the rebuild that follows the repair publishes them at once.
    site.write_whole(&format!("{FOLDER}/grand.jpg"), photo_jpeg(2000, 1500));
    site.edit(INDEX, "![Le quai](casse.jpg)", "![Le quai](casse.jpg)\n\n![Le grand quai](grand.jpg)");
    wait_until_cached(&site, "grand");
    fs::remove_file(site.path(&format!("{FOLDER}/casse.jpg"))).unwrap();
    site.edit(INDEX, "![Le quai](casse.jpg)", "");
    let repaired = events.wait_for("a rebuild without errors", |e| e.name == "build" && e.errors().is_empty());
    assert!(repaired.changed().iter().any(|c| c.ends_with(".800.webp")), "{:?}", repaired.changed());
    assert_served_equals_fresh_build(&site, &serve);
}

#[test]
fn a_version_that_the_disk_could_not_keep_is_made_again_at_the_next_rebuild() {
    let site = with_folder_article();
    // A file where the image cache's folder goes: no version can be kept.
    site.write_whole(".broadsheet-cache/images", "not a folder");
    let serve = Serve::start(&site, &[]);
    let mut events = serve.greeted_events();
    site.write_whole(&format!("{FOLDER}/grand.jpg"), photo_jpeg(2000, 1500));
    site.edit(INDEX, "Le port rouvre.", "Le port rouvre.\n\n![Le grand quai](grand.jpg)");
    let failed = events.wait_for("the error of the cache", |e| e.errors().iter().any(|m| m.contains("grand.jpg")));
    assert!(failed.errors().iter().any(|m| m.contains("could not be kept")), "{:?}", failed.errors());

    // The disk repaired, the next rebuild (any edit) makes the versions again.
    fs::remove_file(site.path(".broadsheet-cache/images")).unwrap();
    site.edit(INDEX, "Le port rouvre.", "Le port rouvre enfin.");
    let made = events.wait_for_change("articles/port/grand.jpg");
    assert!(made.errors().is_empty(), "{:?}", made.errors());
    assert_eq!(served_size(&serve, "/articles/port/grand.jpg"), (1600, 1200));
    assert_served_equals_fresh_build(&site, &serve);
}
