//! The editors' commands (`new`, `init`, `check`, `completions`, `man`), each run
//! as the real binary in a temporary folder.
//!
//! Sites come from the sample site at the repository root or from
//! `tests/fixtures/check-*`, copied first so that nothing in the repository changes.
//! The clock is set with `BROADSHEET_NOW`, so file names and future dates are
//! known in advance.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{Site, run_in};

/// The moment every command takes as now.
const NOW: &str = "2025-12-01T10:00:00Z";

/// Runs `broadsheet args...` in `dir` at [`NOW`].
fn broadsheet(dir: &Path, args: &[&str]) -> Output {
    run_in(dir, NOW, args)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts success, showing what the command said otherwise.
fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        stdout(output),
        stderr(output)
    );
}

/// The JSON report of `check` on the site in `dir`.
fn check_json(dir: &Path) -> (Output, serde_json::Value) {
    let output = broadsheet(dir, &["check", "--format", "json"]);
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&output)));
    (output, json)
}

/// (code, file) of each finding of one severity.
fn codes(json: &serde_json::Value, severity: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = json[severity]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap().to_string(), f["file"].as_str().unwrap().to_string()))
        .collect();
    found.sort();
    found
}

fn pair(code: &str, file: &str) -> (String, String) {
    (code.to_string(), file.to_string())
}

#[test]
fn new_article_builds_and_shows_only_with_drafts() {
    let site = Site::sample_at(NOW);
    let created = broadsheet(
        site.root(),
        &["new", "Séoul et Tokyo rouvrent le dialogue", "--tags", "diplomacy", "--regions", "kr,jp"],
    );
    assert_success(&created);
    let path = "content/articles/2025-12-01-séoul-et-tokyo-rouvrent-le-dialogue.md";
    assert_eq!(stdout(&created), format!("{path}\n"));
    let text = fs::read_to_string(site.root().join(path)).unwrap();
    assert!(text.contains("date = 2025-12-01T11:00:00+01:00\ndraft = true\n"), "{text}");
    assert!(text.contains("## Contexte et arrière-plan {#context}\n"), "{text}");

    assert_success(&broadsheet(site.root(), &["build", "--output", "without"]));
    let page = Path::new("articles/séoul-et-tokyo-rouvrent-le-dialogue/index.html");
    assert!(!site.root().join("without").join(page).exists(), "a draft is not published");

    assert_success(&broadsheet(site.root(), &["build", "--drafts", "--output", "with"]));
    let html = fs::read_to_string(site.root().join("with").join(page)).unwrap();
    assert!(html.contains("Séoul et Tokyo rouvrent le dialogue"), "{html}");
    assert!(html.contains("draft-badge"), "the draft is marked as one");
}

#[test]
fn new_in_another_language_uses_its_section_headings() {
    let site = Site::sample_at(NOW);
    let created =
        broadsheet(site.root(), &["new", "日韓対話が再開", "--lang", "ja", "--source-url", "https://www.mofa.go.jp/x"]);
    assert_success(&created);
    assert_eq!(stdout(&created), "content/articles/2025-12-01-日韓対話が再開.ja.md\n");
    let text = fs::read_to_string(site.root().join("content/articles/2025-12-01-日韓対話が再開.ja.md")).unwrap();
    assert!(text.contains("## 背景 {#context}\n\n## 専門家の分析 {#analysis}\n"), "{text}");
    assert!(text.contains("[source]\nname = \"www.mofa.go.jp\"\nurl = \"https://www.mofa.go.jp/x\"\n"), "{text}");
}

#[test]
fn new_twice_with_one_title_keeps_the_first_file() {
    let site = Site::sample_at(NOW);
    assert_success(&broadsheet(site.root(), &["new", "Un titre"]));
    let path = site.root().join("content/articles/2025-12-01-un-titre.md");
    fs::write(&path, "the editor's work").unwrap();

    let again = broadsheet(site.root(), &["new", "Un titre"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists; nothing was written"), "{}", stderr(&again));
    assert_eq!(fs::read_to_string(&path).unwrap(), "the editor's work");
}

#[test]
fn new_refuses_undeclared_regions_before_writing() {
    let site = Site::sample_at(NOW);
    let refused = broadsheet(site.root(), &["new", "Un titre", "--regions", "kp,zz"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("unknown region \"zz\""), "{}", stderr(&refused));
    assert!(!site.root().join("content/articles/2025-12-01-un-titre.md").exists());
}

#[test]
fn new_translation_is_a_marked_draft_beside_its_original_that_builds() {
    let site = Site::sample_at(NOW);
    let original = "content/articles/2025-06-06-bce-baisse-taux-directeurs.md";
    let created = broadsheet(site.root(), &["new", "--translate", original, "--lang", "en"]);
    assert_success(&created);
    let path = "content/articles/2025-06-06-bce-baisse-taux-directeurs.en.md";
    assert_eq!(stdout(&created), format!("{path}\n"));
    let text = fs::read_to_string(site.root().join(path)).unwrap();
    assert!(text.starts_with("+++\ntitle = \"[translate] La BCE"), "{text}");
    assert!(text.contains("draft = true\n"), "{text}");
    assert!(text.contains("## Context and background {#context}\n\n<!-- [translate] "), "{text}");

    assert_success(&broadsheet(site.root(), &["build", "--drafts"]));
    assert!(site.root().join("public/en/articles/bce-baisse-taux-directeurs/index.html").exists());

    let (checked, json) = check_json(site.root());
    assert_success(&checked);
    assert!(codes(&json, "warnings").contains(&pair("untranslated", path)), "{json:#}");
}

#[test]
fn init_then_build_works() {
    let parent = Site::empty_at(NOW);
    let created = broadsheet(parent.root(), &["init", "my-news"]);
    assert_success(&created);
    let site = parent.root().join("my-news");
    for file in [
        "site.toml",
        "content/articles/2025-12-01-welcome.md",
        "content/pages/about.md",
        "themes/default/templates/article.html",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert_success(&broadsheet(&site, &["build"]));
    assert!(site.join("public/articles/welcome/index.html").is_file());
    assert!(site.join("public/about/index.html").is_file());

    let (checked, json) = check_json(&site);
    assert_success(&checked);
    assert_eq!(json["errors"], serde_json::json!([]), "{json:#}");
    assert_eq!(json["warnings"], serde_json::json!([]), "{json:#}");
}

#[test]
fn init_refuses_a_folder_with_files_unless_forced_and_keeps_them() {
    let dir = Site::empty_at(NOW);
    fs::write(dir.root().join("site.toml"), "mine").unwrap();
    let refused = broadsheet(dir.root(), &["init", "."]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("is not empty"), "{}", stderr(&refused));
    assert!(!dir.root().join("content").exists());

    assert_success(&broadsheet(dir.root(), &["init", ".", "--force"]));
    assert_eq!(fs::read_to_string(dir.root().join("site.toml")).unwrap(), "mine");
    assert!(dir.root().join("content/pages/about.md").is_file());
}

#[test]
fn init_accepts_a_folder_with_only_hidden_files() {
    let dir = Site::empty_at(NOW);
    fs::create_dir(dir.root().join(".git")).unwrap();
    assert_success(&broadsheet(dir.root(), &["init", "."]));
    assert!(dir.root().join("site.toml").is_file());
}

#[test]
fn check_passes_the_sample_site() {
    let site = Site::sample_at(NOW);
    let checked = broadsheet(site.root(), &["check"]);
    assert_success(&checked);
    assert!(stdout(&checked).contains("\n0 errors, "), "{}", stdout(&checked));
    assert!(!site.root().join("public").exists(), "check writes nothing");
}

#[test]
fn check_reports_each_editorial_problem() {
    let site = Site::fixture_at("check-editorial", NOW);
    let (checked, json) = check_json(site.root());
    assert_eq!(checked.status.code(), Some(1), "the missing image is an error");
    let a = "content/articles/";
    assert_eq!(codes(&json, "errors"), [pair("build", &format!("{a}2025-01-11-images.md"))]);
    assert_eq!(json["errors"][0]["kind"], "missing-image", "what the build refuses, as the build reports it");
    let warnings = codes(&json, "warnings");
    for expected in [
        pair("missing-alt", &format!("{a}2025-01-11-images.md")),
        pair("missing-source", &format!("{a}2025-01-12-sans-source.md")),
        pair("long-title", &format!("{a}2025-01-13-titre-long.md")),
        pair("duplicate-title", &format!("{a}2025-01-14-doublon-a.md")),
        pair("duplicate-title", &format!("{a}2025-01-14-doublon-b.md")),
        pair("future-date", &format!("{a}2030-01-01-futur.md")),
        pair("unpublished", &format!("{a}2025-01-15-brouillon.md")),
        pair("missing-translation", &format!("{a}2025-01-11-images.md")),
        pair("no-image", "site.toml"),
    ] {
        assert!(warnings.contains(&expected), "{expected:?} in {warnings:#?}");
    }
    assert!(!warnings.iter().any(|(_, file)| file.contains("complet")), "the faultless article has no finding");
    let future = json["warnings"].as_array().unwrap().iter().find(|f| f["code"] == "future-date").unwrap();
    assert!(future["message"].as_str().unwrap().contains("2030-01-01T09:00:00+01:00"), "{future}");
    assert_eq!(future["line"], 3);
}

#[test]
fn check_text_report_shows_a_translation_table_and_counts() {
    let site = Site::fixture_at("check-editorial", NOW);
    let checked = broadsheet(site.root(), &["check"]);
    assert_eq!(checked.status.code(), Some(1));
    let text = stdout(&checked);
    assert!(text.starts_with("error[missing-image]: content/articles/2025-01-11-images.md:12:1: "), "{text}");
    assert!(text.contains("\n  fr en  article\n  ✓  ✗   2025-01-11-images\n"), "{text}");
    assert!(text.ends_with("\n1 error, 14 warnings\n"), "{text}");
    assert_eq!(stderr(&checked), "error: check found 1 error\n");
}

#[test]
fn check_catches_template_errors_without_writing_the_site() {
    let site = Site::fixture_at("check-template", NOW);
    let (checked, json) = check_json(site.root());
    assert_eq!(checked.status.code(), Some(1));
    assert_eq!(codes(&json, "errors"), [pair("template", "templates/article.html")]);
    assert_eq!(json["errors"][0]["line"], 4);
    assert!(!site.root().join("public").exists());
}

#[test]
fn completions_are_printed_for_each_shell() {
    let dir = Site::empty_at(NOW);
    for (shell, marker) in
        [("bash", "_broadsheet()"), ("zsh", "#compdef broadsheet"), ("fish", "complete -c broadsheet")]
    {
        let script = broadsheet(dir.root(), &["completions", shell]);
        assert_success(&script);
        let text = stdout(&script);
        assert!(text.contains(marker), "{shell}: {text}");
        for command in ["new", "init", "check", "translate"] {
            assert!(text.contains(command), "{shell} completes {command}");
        }
    }
}

#[test]
fn man_pages_cover_every_command_with_examples() {
    let dir = Site::empty_at(NOW);
    let page = broadsheet(dir.root(), &["man"]);
    assert_success(&page);
    assert!(stdout(&page).starts_with(".ie"), "roff");
    assert!(stdout(&page).contains(".TH broadsheet 1"), "{}", stdout(&page));
    let new_page = stdout(&broadsheet(dir.root(), &["man", "new"]));
    assert!(new_page.contains(".TH broadsheet-new 1") && new_page.contains("\\-\\-translate"), "{new_page}");

    let out: PathBuf = dir.root().join("man1");
    assert_success(&broadsheet(dir.root(), &["man", "--out-dir", out.to_str().unwrap()]));
    for command in [
        "broadsheet",
        "broadsheet-new",
        "broadsheet-init",
        "broadsheet-check",
        "broadsheet-completions",
        "broadsheet-build",
    ] {
        assert!(out.join(format!("{command}.1")).is_file(), "{command}.1");
    }
}

#[test]
fn every_command_help_has_examples() {
    let dir = Site::empty_at(NOW);
    for command in [
        &["--help"][..],
        &["new", "--help"],
        &["init", "--help"],
        &["check", "--help"],
        &["completions", "--help"],
        &["man", "--help"],
        &["build", "--help"],
    ] {
        let help = broadsheet(dir.root(), command);
        assert_success(&help);
        assert!(stdout(&help).contains("Examples:\n  broadsheet"), "{command:?}: {}", stdout(&help));
    }
}

#[test]
fn check_reports_the_kind_of_each_build_error() {
    let dir = Site::fixture_at("news", NOW);
    let alpha = dir.root().join("content/articles/2025-03-01-alpha.md");
    let text = std::fs::read_to_string(&alpha).unwrap();
    std::fs::write(&alpha, text.replace("regions = [\"kp\", \"kr\"]", "regions = [\"kx\"]\nregoins = []")).unwrap();
    let (output, json) = check_json(dir.root());
    assert_eq!(output.status.code(), Some(1));
    let kinds: Vec<(&str, &str)> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(kinds, [("build", "unknown-key")], "an unknown key stops the file before its regions are read");
    std::fs::write(&alpha, text.replace("regions = [\"kp\", \"kr\"]", "regions = [\"kx\"]")).unwrap();
    let (_, json) = check_json(dir.root());
    assert_eq!(json["errors"][0]["kind"], "unknown-region");
    assert!(
        stdout(&broadsheet(dir.root(), &["check"]))
            .contains("error[unknown-region]: content/articles/2025-03-01-alpha.md:7:1")
    );
}
