//! An incrementally rebuilt site must equal a fresh build of the same files.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::*;
use crate::build::BuildOptions;
use crate::diagnostics::Kind;
use crate::output::MemoryOutput;
use crate::pipeline;
use crate::routes::Route;

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-site"), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        base_url: Some("http://127.0.0.1:1111".into()),
        drafts: false,
        future: false,
        now: "2026-01-01T00:00:00Z".parse().unwrap(),
        force: false,
        replace_output: false,
    }
}

/// The site at `root` kept in memory, built once.
fn built(root: &Path) -> LiveSite {
    let mut live = LiveSite::new(options(root));
    live.rebuild(&ChangeSet::everything()).unwrap();
    live
}

fn fresh_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let (site, theme) = pipeline::load_site(&options(root)).unwrap();
    let renderer = Renderer::new(&site, &theme).unwrap();
    let sink = MemoryOutput::default();
    pipeline::render_all(&theme, &renderer, &routes(&site), &sink).unwrap();
    sink.into_files()
}

fn served(live: &LiveSite) -> BTreeMap<String, Vec<u8>> {
    let files = live.files();
    files.paths().into_iter().map(|p| (p.clone(), files.get(&p).unwrap().to_vec())).collect()
}

fn content(paths: &[&str]) -> ChangeSet {
    ChangeSet { content: paths.iter().map(PathBuf::from).collect(), ..ChangeSet::default() }
}

fn assert_same_as_fresh(live: &LiveSite, root: &Path, step: &str) {
    let (got, want) = (served(live), fresh_build(root));
    let got_paths: Vec<&String> = got.keys().collect();
    let want_paths: Vec<&String> = want.keys().collect();
    assert_eq!(got_paths, want_paths, "{step}: outputs differ");
    for (path, bytes) in &want {
        assert!(got[path] == *bytes, "{step}: {path} differs from a fresh build");
    }
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} lacks {from:?}");
    fs::write(path, text.replace(from, to)).unwrap();
}

/// Replaces `from` with `to` in content file `rel`, then rebuilds after that one change.
fn edit_and_rebuild(
    live: &mut LiveSite,
    root: &Path,
    rel: &str,
    from: &str,
    to: &str,
) -> Result<Option<Rebuilt>, Diagnostics> {
    edit(root, rel, from, to);
    live.rebuild(&content(&[rel]))
}

#[test]
fn edits_renames_and_deletions_give_the_same_site_as_a_fresh_build() {
    let dir = fixture();
    let root = dir.path();
    let mut live = LiveSite::new(options(root));
    let first = live.rebuild(&ChangeSet::everything()).unwrap().unwrap();
    assert_eq!(first.rendered, first.total);
    assert_same_as_fresh(&live, root, "first build");

    let alpha = "content/articles/2025-01-01-alpha.md";
    let r =
        edit_and_rebuild(&mut live, root, alpha, "Le texte d’alpha.", "Le texte d’alpha, corrigé.").unwrap().unwrap();
    assert!(r.changed.contains(&"articles/alpha/index.html".to_string()), "{:?}", r.changed);
    // Only the routes showing alpha are rendered (its page, lists, feeds).
    assert!(r.rendered < r.total, "an edit re-renders part of the site: {} of {}", r.rendered, r.total);
    assert!(!r.changed.iter().any(|c| c.starts_with("articles/beta")), "{:?}", r.changed);
    assert_same_as_fresh(&live, root, "body edit");

    let r =
        edit_and_rebuild(&mut live, root, alpha, "title = \"Alpha\"", "title = \"Alpha retitré\"").unwrap().unwrap();
    assert!(r.changed.contains(&"regions/jp/index.html".to_string()), "lists show the new title: {:?}", r.changed);
    assert_same_as_fresh(&live, root, "title edit");

    let gamma = "content/articles/2025-01-03-gamma.md";
    edit_and_rebuild(&mut live, root, gamma, "title = \"Gamma\"", "title = \"Gamma retitré\"").unwrap().unwrap();
    assert_same_as_fresh(&live, root, "title edit of an untranslated article (the site updated in place)");

    edit_and_rebuild(&mut live, root, alpha, "\"trade\", \"energy\"", "\"energy\", \"climate\"").unwrap().unwrap();
    assert_same_as_fresh(&live, root, "tags edit (the site built again)");

    let renamed = "content/articles/2025-01-05-alpha-moved.md";
    fs::rename(root.join(alpha), root.join(renamed)).unwrap();
    let problems = live.rebuild(&content(&[alpha, renamed])).unwrap_err();
    assert!(
        problems.to_string().contains("beta.md:17:33: internal link \"@/articles/2025-01-01-alpha.md\""),
        "{problems}"
    );
    let beta = "content/articles/2025-01-02-beta.md";
    let r =
        edit_and_rebuild(&mut live, root, beta, "2025-01-01-alpha.md", "2025-01-05-alpha-moved.md").unwrap().unwrap();
    assert!(r.changed.contains(&"articles/alpha/index.html".to_string()));
    assert!(r.changed.contains(&"articles/alpha-moved/index.html".to_string()));
    assert!(live.files().get("articles/alpha/index.html").is_none());
    assert_same_as_fresh(&live, root, "rename, then the link to it fixed");

    fs::rename(root.join(renamed), root.join(alpha)).unwrap();
    edit(root, beta, "2025-01-05-alpha-moved.md", "2025-01-01-alpha.md");
    live.rebuild(&content(&[alpha, renamed, beta])).unwrap().unwrap();
    assert_same_as_fresh(&live, root, "renamed back");
}

/// What [`mark`] serves in place of a file's bytes.
const MARK: &[u8] = b"marked";

/// Replaces the served bytes of `paths` with [`MARK`], which stays until they are
/// rendered again.
fn mark(live: &LiveSite, paths: &[&str]) {
    let mut files = live.files.files.write().unwrap();
    for path in paths {
        files.insert(path.to_string(), MARK.into());
    }
}

fn served_text(live: &LiveSite, path: &str) -> String {
    String::from_utf8(live.files().get(path).unwrap().to_vec()).unwrap()
}

#[test]
fn an_article_text_edit_renders_no_sitemap_again() {
    let dir = fixture();
    let root = dir.path();
    let mut live = built(root);
    let untouched = ["sitemap.xml", "news-sitemap.xml", "robots.txt"];
    // Gamma is updated in place; alpha has a translation, so the model is built again.
    let edits = [
        ("content/articles/2025-01-03-gamma.md", "Le texte de gamma.", "articles/gamma/index.html"),
        ("content/articles/2025-01-01-alpha.md", "Le texte d’alpha.", "articles/alpha/index.html"),
    ];
    for (file, text, page) in edits {
        mark(&live, &untouched);
        let r = edit_and_rebuild(&mut live, root, file, text, "Un autre texte.").unwrap().unwrap();
        assert!(r.changed.contains(&page.to_string()), "{:?}", r.changed);
        for path in untouched {
            assert!(*live.files().get(path).unwrap() == *MARK, "{file}: {path} was rendered again");
        }
    }
}

#[test]
fn an_update_date_or_a_new_article_renders_the_sitemap_again() {
    let dir = fixture();
    let root = dir.path();
    let mut live = built(root);
    let sitemap = "sitemap.xml".to_string();

    let gamma = "content/articles/2025-01-03-gamma.md";
    let date = "date = 2025-01-03T09:00:00+01:00\n";
    let r = edit_and_rebuild(&mut live, root, gamma, date, &format!("{date}updated = 2025-01-20T10:00:00+01:00\n"))
        .unwrap()
        .unwrap();
    assert!(r.changed.contains(&sitemap), "{:?}", r.changed);
    assert!(served_text(&live, "sitemap.xml").contains("<lastmod>2025-01-20T10:00:00+01:00</lastmod>"));
    assert_same_as_fresh(&live, root, "updated date");

    let zeta = "content/articles/2025-01-06-zeta.md";
    fs::copy(root.join(gamma), root.join(zeta)).unwrap();
    let r = live.rebuild(&content(&[zeta])).unwrap().unwrap();
    assert!(r.changed.contains(&sitemap), "{:?}", r.changed);
    assert!(served_text(&live, "sitemap.xml").contains("/articles/zeta/"));
    assert_same_as_fresh(&live, root, "new article");

    fs::remove_file(root.join(zeta)).unwrap();
    let r = live.rebuild(&content(&[zeta])).unwrap().unwrap();
    assert!(r.changed.contains(&sitemap), "{:?}", r.changed);
    assert!(!served_text(&live, "sitemap.xml").contains("/articles/zeta/"));
    assert_same_as_fresh(&live, root, "article removed");
}

#[test]
fn translations_follow_the_edits_of_their_original() {
    let dir = fixture();
    let root = dir.path();
    let (alpha, alpha_en) = ("content/articles/2025-01-01-alpha.md", "content/articles/2025-01-01-alpha.en.md");
    edit(root, alpha_en, "regions = [\"jp\"]\n", "");
    let mut live = built(root);
    assert!(live.files().get("en/regions/jp/index.html").is_some(), "the translation inherits its region");

    let r = edit_and_rebuild(&mut live, root, alpha, "regions = [\"jp\"]", "regions = [\"kr\"]").unwrap().unwrap();
    assert!(r.changed.contains(&"en/articles/alpha/index.html".to_string()), "{:?}", r.changed);
    assert_same_as_fresh(&live, root, "region of the original changed");

    edit_and_rebuild(&mut live, root, alpha, "Le texte d’alpha.", "Le texte d’alpha, corrigé.").unwrap().unwrap();
    assert_same_as_fresh(&live, root, "text of the original changed");

    let r =
        edit_and_rebuild(&mut live, root, alpha_en, "The alpha text.", "The alpha text, corrected.").unwrap().unwrap();
    assert!(r.changed.contains(&"en/articles/alpha/index.html".to_string()), "{:?}", r.changed);
    assert_same_as_fresh(&live, root, "text of the translation changed (the site updated in place)");

    edit_and_rebuild(&mut live, root, alpha, "regions = [\"kr\"]", "regions = [\"jp\"]").unwrap().unwrap();
    assert!(live.files().get("en/regions/jp/index.html").is_some(), "the translation inherits the new region");
    assert_same_as_fresh(&live, root, "region of the original changed after an edit of the translation");
}

#[test]
fn an_expiry_takes_an_article_off_every_list_as_a_fresh_build_does() {
    let dir = fixture();
    let root = dir.path();
    let mut live = built(root);
    let gamma = "content/articles/2025-01-03-gamma.md";
    let date = "date = 2025-01-03T09:00:00+01:00\n";
    let listed = |live: &LiveSite| served_text(live, "rss.xml").contains("/articles/gamma/");
    assert!(listed(&live));

    edit_and_rebuild(&mut live, root, gamma, date, &format!("{date}expires = 2027-01-01\n")).unwrap().unwrap();
    assert!(listed(&live), "it expires after the clock");
    assert_same_as_fresh(&live, root, "a later expiry");

    edit_and_rebuild(&mut live, root, gamma, "expires = 2027-01-01", "expires = 2025-12-31").unwrap().unwrap();
    assert!(!listed(&live), "it expired before the clock");
    assert!(served_text(&live, "sitemap.xml").contains("/articles/gamma/"), "its page stays");
    assert_same_as_fresh(&live, root, "an expiry before the clock");

    edit_and_rebuild(&mut live, root, gamma, "Le texte de gamma.", "Le texte de gamma, expiré.").unwrap().unwrap();
    assert_same_as_fresh(&live, root, "the text of an expired article");

    edit_and_rebuild(&mut live, root, gamma, "expires = 2025-12-31", "expires = 2028-01-01").unwrap().unwrap();
    assert!(listed(&live), "listed again");
    assert_same_as_fresh(&live, root, "the expiry moved after the clock");
}

#[test]
fn a_link_to_a_left_out_article_says_why_as_its_target_changes() {
    let dir = fixture();
    let root = dir.path();
    let mut live = built(root);
    let (beta, draft) = ("content/articles/2025-01-02-beta.md", "content/articles/2025-01-05-brouillon.md");
    let problems = edit_and_rebuild(&mut live, root, beta, "2025-01-01-alpha.md", "2025-01-05-brouillon.md");
    assert!(problems.unwrap_err().to_string().contains("points to a draft"));

    edit(root, draft, "draft = true\n", "");
    let problems = edit_and_rebuild(&mut live, root, draft, "date = 2025-01-05", "date = 2027-01-05").unwrap_err();
    let scheduled = "points to an article scheduled for 2027-01-05 09:00 (Europe/Paris)";
    assert!(problems.to_string().contains(scheduled), "{problems}");

    edit_and_rebuild(&mut live, root, draft, "date = 2027-01-05", "date = 2025-01-05").unwrap().unwrap();
    assert!(served_text(&live, "articles/beta/index.html").contains("href=\"/articles/brouillon/\""));
    assert_same_as_fresh(&live, root, "the target published");
}

#[test]
fn a_broken_file_keeps_the_last_good_site_until_fixed() {
    let dir = fixture();
    let root = dir.path();
    let mut live = built(root);
    let before = served(&live);
    let gamma = "content/articles/2025-01-03-gamma.md";
    let problems = edit_and_rebuild(&mut live, root, gamma, "title = \"Gamma\"", "title = \"Gamma").unwrap_err();
    assert!(problems.to_string().starts_with("content/articles/2025-01-03-gamma.md:2:"), "{problems}");
    assert!(served(&live) == before, "the last good build stays");

    let r = edit_and_rebuild(&mut live, root, gamma, "title = \"Gamma", "title = \"Gamma fixed\"").unwrap().unwrap();
    assert!(r.changed.contains(&"articles/gamma/index.html".to_string()));
    assert_same_as_fresh(&live, root, "fixed");
}

#[test]
fn a_link_to_no_page_or_a_missing_image_fails_a_rebuild_as_it_fails_a_build() {
    let dir = fixture();
    let root = dir.path();
    let mut live = built(root);
    let before = served(&live);
    let gamma = "content/articles/2025-01-03-gamma.md";
    let summary = "summary = \"Résumé de Gamma.\"";
    let dead = "summary = \"Voir [la suite](/articles/nulle-part/).\"";
    let problems = edit_and_rebuild(&mut live, root, gamma, summary, dead).unwrap_err();
    assert_eq!(problems.0[0].kind, Kind::DeadLink, "an article edited in place: {problems}");
    assert!(served(&live) == before, "the last good build stays");
    let image = "image = { src = \"/img/dot.svg\", alt = \"Un point\" }";
    edit_and_rebuild(&mut live, root, gamma, dead, &format!("{summary}\n{image}")).unwrap();
    fs::remove_file(root.join("static/img/dot.svg")).unwrap();
    let statics = ChangeSet { statics: [PathBuf::from("img/dot.svg")].into(), ..ChangeSet::default() };
    let problems = live.rebuild(&statics).unwrap_err();
    assert_eq!(problems.0[0].kind, Kind::MissingImage, "a static file removed: {problems}");
}

#[test]
fn deleting_and_adding_articles_and_folders_updates_every_list() {
    let dir = fixture();
    let root = dir.path();
    let mut live = built(root);

    let delta = "content/articles/2025-01-04-delta.md";
    fs::remove_file(root.join(delta)).unwrap();
    live.rebuild(&content(&[delta])).unwrap().unwrap();
    assert!(live.files().get("articles/delta/index.html").is_none());
    assert_same_as_fresh(&live, root, "delete");

    let folder = root.join("content/articles/2025");
    fs::create_dir_all(&folder).unwrap();
    fs::copy(root.join("content/articles/2025-01-03-gamma.md"), folder.join("2025-02-01-epsilon.md")).unwrap();
    edit(root, "content/articles/2025/2025-02-01-epsilon.md", "title = \"Gamma\"", "title = \"Epsilon\"");
    live.rebuild(&content(&["content/articles/2025"])).unwrap().unwrap();
    assert!(live.files().get("articles/epsilon/index.html").is_some());
    assert_same_as_fresh(&live, root, "new folder");

    fs::rename(&folder, root.join("content/articles/old")).unwrap();
    live.rebuild(&content(&["content/articles/2025", "content/articles/old"])).unwrap().unwrap();
    assert_same_as_fresh(&live, root, "folder renamed");
    fs::remove_dir_all(root.join("content/articles/old")).unwrap();
    live.rebuild(&content(&["content/articles/old"])).unwrap().unwrap();
    assert!(live.files().get("articles/epsilon/index.html").is_none());
    assert_same_as_fresh(&live, root, "folder deleted");
}

#[test]
fn templates_config_and_static_files_rebuild_what_depends_on_them() {
    let dir = fixture();
    let root = dir.path();
    let mut live = built(root);

    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<p>Perdu.</p>{% endblock content %}",
    )
    .unwrap();
    let theme = ChangeSet { theme: [PathBuf::from("templates/404.html")].into(), ..ChangeSet::default() };
    let r = live.rebuild(&theme).unwrap().unwrap();
    assert_eq!(r.rendered, 2, "only the two languages' 404 pages use 404.html");
    assert!(
        r.changed.contains(&"404.html".to_string()) && !r.changed.contains(&"index.html".to_string()),
        "{:?}",
        r.changed
    );
    assert_same_as_fresh(&live, root, "template");

    fs::write(root.join("templates/_toc.html"), "<nav class=\"toc-override\"></nav>").unwrap();
    let partial = ChangeSet { theme: [PathBuf::from("templates/_toc.html")].into(), ..ChangeSet::default() };
    let r = live.rebuild(&partial).unwrap().unwrap();
    assert!(
        r.rendered > 2 && r.rendered < r.total,
        "an included template re-renders the pages using it: {} of {} outputs",
        r.rendered,
        r.total
    );
    assert!(!r.changed.iter().any(|c| c.starts_with("tags/")), "{:?}", r.changed);
    assert_same_as_fresh(&live, root, "included template");

    let base = ChangeSet { theme: [PathBuf::from("templates/base.html")].into(), ..ChangeSet::default() };
    fs::write(
        root.join("templates/base.html"),
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"))
            .unwrap()
            .replace("<body>", "<body data-edited>"),
    )
    .unwrap();
    let r = live.rebuild(&base).unwrap().unwrap();
    let (site, _) = pipeline::load_site(&options(root)).unwrap();
    let pages = routes(&site).iter().filter(|e| matches!(e.route, Route::Html(_))).count();
    assert_eq!(r.rendered, pages, "base.html renders every page, and no file made without templates");
    assert_same_as_fresh(&live, root, "base template");

    fs::write(root.join("static/img/dot.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    let statics = ChangeSet { statics: [PathBuf::from("static/img/dot.svg")].into(), ..ChangeSet::default() };
    let r = live.rebuild(&statics).unwrap().unwrap();
    assert_eq!((r.rendered, r.changed.as_slice()), (1, &["img/dot.svg".to_string()][..]));
    assert_same_as_fresh(&live, root, "static file");

    edit(root, "site.toml", "paginate_by = 2", "paginate_by = 3");
    let config = ChangeSet { config: true, ..ChangeSet::default() };
    live.rebuild(&config).unwrap().unwrap();
    assert_same_as_fresh(&live, root, "site.toml");

    let unchanged = content(&["content/articles/2025-01-02-beta.md"]);
    assert!(live.rebuild(&unchanged).unwrap().is_none(), "a file saved unchanged rebuilds nothing");
}

/// A small deterministic generator, so that a failing sequence can be replayed.
struct Steps(u64);

impl Steps {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// Applies one random edit to the site at `root`; returns what it did and the
/// paths it touched.
fn random_edit(root: &Path, steps: &mut Steps, n: usize) -> (String, Vec<String>) {
    let articles: Vec<String> = walkdir::WalkDir::new(root.join("content/articles"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned())
        .filter(|p| !p.contains("alpha"))
        .collect();
    let pick = articles[steps.next(articles.len())].clone();
    let text = fs::read_to_string(root.join(&pick)).unwrap();
    let set = |key: &str, value: &str| -> String {
        let line = text.lines().find(|l| l.starts_with(&format!("{key} = "))).map(str::to_string);
        match line {
            Some(line) => text.replacen(&line, &format!("{key} = {value}"), 1),
            None => text.replacen("+++\n", &format!("+++\n{key} = {value}\n"), 1),
        }
    };
    let tags = ["\"trade\"", "\"energy\"", "\"climate\"", "\"Nouveau Sujet\""];
    let write = |rel: &str, text: &str| fs::write(root.join(rel), text).unwrap();
    match steps.next(9) {
        0 => {
            write(&pick, &format!("{text}\nParagraphe {n}.\n"));
            (format!("body of {pick}"), vec![pick])
        }
        1 => {
            write(&pick, &set("title", &format!("\"Titre {n}\"")));
            (format!("title of {pick}"), vec![pick])
        }
        2 => {
            write(&pick, &set("date", &format!("2025-01-{:02}T09:00:00+01:00", 1 + steps.next(28))));
            (format!("date of {pick}"), vec![pick])
        }
        3 => {
            let chosen: Vec<&str> = tags.iter().copied().filter(|_| steps.next(2) == 0).collect();
            write(&pick, &set("tags", &format!("[{}]", chosen.join(", "))));
            (format!("tags of {pick}"), vec![pick])
        }
        4 if articles.len() > 3 => {
            fs::remove_file(root.join(&pick)).unwrap();
            (format!("deleted {pick}"), vec![pick])
        }
        5 => {
            let new = format!("content/articles/2025-02-{:02}-nouveau-{n}.md", 1 + steps.next(28));
            write(&new, &set("title", &format!("\"Nouveau {n}\"")));
            (format!("added {new}"), vec![new])
        }
        6 => {
            let new = format!("content/articles/2025-03-01-renomme-{n}.md");
            fs::rename(root.join(&pick), root.join(&new)).unwrap();
            (format!("renamed {pick} to {new}"), vec![pick, new])
        }
        7 => {
            let draft = if text.contains("draft = true") { "false" } else { "true" };
            write(&pick, &set("draft", draft));
            (format!("draft of {pick}"), vec![pick])
        }
        _ => {
            let (stem, _) = pick.rsplit_once('.').unwrap();
            let translation = format!("{}.en.md", stem.trim_end_matches(".en"));
            if root.join(&translation).exists() && translation != pick {
                fs::remove_file(root.join(&translation)).unwrap();
            } else {
                write(&translation, &set("title", &format!("\"English {n}\"")));
            }
            (format!("translation {translation}"), vec![translation])
        }
    }
}

#[test]
fn a_random_series_of_edits_always_gives_the_same_site_as_a_fresh_build() {
    let dir = fixture();
    let root = dir.path();
    let mut live = built(root);
    let mut steps = Steps(2026);
    for n in 0..40 {
        let (what, touched) = random_edit(root, &mut steps, n);
        let touched: Vec<&str> = touched.iter().map(String::as_str).collect();
        let incremental = live.rebuild(&content(&touched));
        match pipeline::load_site(&options(root)) {
            Ok(_) => {
                assert!(incremental.is_ok(), "step {n}, {what}: {:?}", incremental.err());
                assert_same_as_fresh(&live, root, &format!("step {n}, {what}"));
            }
            Err(problems) => assert_eq!(incremental.err(), Some(problems), "step {n}, {what}"),
        }
    }
}

#[test]
fn a_page_title_edit_reaches_the_navigation_of_every_page() {
    let dir = fixture();
    let root = dir.path();
    let mut live = built(root);
    let about = "content/pages/about.md";
    let title = fs::read_to_string(root.join(about)).unwrap().lines().nth(1).unwrap().to_string();
    let r = edit_and_rebuild(&mut live, root, about, &title, "title = \"Qui sommes-nous\"").unwrap().unwrap();
    assert!(r.changed.contains(&"index.html".to_string()), "{:?}", r.changed);
    assert!(served_text(&live, "articles/gamma/index.html").contains("Qui sommes-nous"));
    assert_same_as_fresh(&live, root, "page title edited");
}

#[test]
fn an_article_moved_to_another_month_moves_in_the_archive_as_a_fresh_build_does() {
    let dir = fixture();
    let root = dir.path();
    let mut live = built(root);
    let gamma = "content/articles/2025-01-03-gamma.md";
    let (january, february) = ("archives/2025/01/index.html", "archives/2025/02/index.html");
    assert!(served_text(&live, january).contains("/articles/gamma/") && live.files().get(february).is_none());

    let r = edit_and_rebuild(&mut live, root, gamma, "date = 2025-01-03", "date = 2025-02-03").unwrap().unwrap();
    assert!(r.changed.contains(&february.to_string()), "{:?}", r.changed);
    assert!(!served_text(&live, january).contains("/articles/gamma/"));
    assert_same_as_fresh(&live, root, "moved to a month of its own");

    edit_and_rebuild(&mut live, root, gamma, "title = \"Gamma\"", "title = \"Gamma en février\"").unwrap().unwrap();
    assert!(served_text(&live, february).contains("Gamma en février"), "updated in place, listed anew");
    assert_same_as_fresh(&live, root, "its title edited");

    let r = edit_and_rebuild(&mut live, root, gamma, "date = 2025-02-03", "date = 2025-01-03").unwrap().unwrap();
    assert!(r.changed.contains(&february.to_string()) && live.files().get(february).is_none(), "{:?}", r.changed);
    assert_same_as_fresh(&live, root, "the month lost its last article");

    edit_and_rebuild(&mut live, root, gamma, "title = \"Gamma en février\"", "title = \"Gamma\"\ndraft = true")
        .unwrap()
        .unwrap();
    assert!(!served_text(&live, january).contains("/articles/gamma/"), "a draft leaves the archive");
    assert_same_as_fresh(&live, root, "made a draft");
}
