//! The mistakes that used to pass `build` and `check` without a word, each made on a
//! copy of the `news` fixture: `check` reports it with its code, severity, file,
//! line and column and a hint that teaches the fix; where the mistake would publish
//! a broken page (a link to nothing, a missing lead image), `build` fails on it with
//! the very line `check` prints, and leaves the previous output as it was.

mod common;

use common::{ALPHA, Site, assert_build_fails, replace_in};
use serde_json::Value;

/// `check --format json` on `site`: its exit code and report.
fn check_json(site: &Site) -> (Option<i32>, Value) {
    let run = site.run(&["check", "--format", "json"]);
    let json = serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{e}: {}", run.stdout()));
    (run.output.status.code(), json)
}

/// The findings of `severity` (`errors`, `warnings`) whose kind is `kind`.
fn findings<'a>(json: &'a Value, severity: &str, kind: &str) -> Vec<&'a Value> {
    json[severity].as_array().unwrap().iter().filter(|f| f["kind"] == kind).collect()
}

/// The one finding of `severity` with kind `kind`.
fn one<'a>(json: &'a Value, severity: &str, kind: &str) -> &'a Value {
    let found = findings(json, severity, kind);
    assert_eq!(found.len(), 1, "one {kind} in {severity}: {json:#}");
    found[0]
}

/// (file, line, column) of a finding.
fn place(finding: &Value) -> (String, u64, u64) {
    let file = finding["file"].as_str().unwrap().to_string();
    (file, finding["line"].as_u64().unwrap(), finding["column"].as_u64().unwrap())
}

/// The line of `check`'s text report that starts with `start`.
fn check_line(site: &Site, start: &str) -> String {
    let text = site.run(&["check", "-q"]).stdout();
    text.lines().find(|l| l.starts_with(start)).unwrap_or_else(|| panic!("{start} in:\n{text}")).to_string()
}

const DEAD_LINK: &str = "Voir [l'article bêta](@/articles/2025-03-02-beta.md).";
const DEAD_LINK_WRITTEN: &str = "Voir [l'article bêta](@/articles/2025-03-02-beta.md), [la suite](/articles/n-existe-pas/) \
                                 et [le début](/articles/alpha/?ref=x#context).";

#[test]
fn a_root_relative_link_to_no_page_fails_the_build_with_the_line_check_prints() {
    let break_site = |s: &Site| replace_in(s, ALPHA, DEAD_LINK, DEAD_LINK_WRITTEN);
    let stderr = assert_build_fails(break_site, &["error[dead-link]: "]);
    let site = Site::fixture("news");
    break_site(&site);
    let line = check_line(&site, "error[dead-link]: ");
    assert_eq!(
        line,
        format!("error[dead-link]: {ALPHA}:22:99: link \"/articles/n-existe-pas/\" leads to no page of the site")
    );
    assert!(stderr.contains(&format!("{line}\n  hint: correct the address")), "{stderr}");
    assert!(!stderr.contains("/articles/alpha/"), "a link to a page the site has, query and fragment aside: {stderr}");
    let (code, json) = check_json(&site);
    assert_eq!(code, Some(1));
    assert_eq!(one(&json, "errors", "dead-link")["code"], "build");
}

#[test]
fn a_missing_lead_image_fails_the_build_with_the_line_check_prints() {
    let image = "disclaimer = true\nimage = { src = \"/illustrations/absente.svg\", alt = \"Une carte\" }";
    let break_site = |s: &Site| replace_in(s, ALPHA, "disclaimer = true", image);
    let stderr = assert_build_fails(break_site, &["error[missing-image]: "]);
    let site = Site::fixture("news");
    break_site(&site);
    let line = check_line(&site, "error[missing-image]: ");
    assert_eq!(
        line,
        format!(
            "error[missing-image]: {ALPHA}:9:17: image \"/illustrations/absente.svg\" is not among the static files \
             of the site or its theme"
        )
    );
    assert!(stderr.contains(&format!("{line}\n  hint: put the file at static/illustrations/absente.svg")), "{stderr}");
}

#[test]
fn a_dead_link_in_a_draft_is_a_warning_until_the_draft_is_built() {
    let site = Site::fixture("news");
    site.edit("content/articles/2025-03-04-brouillon.md", "Pas encore prêt.", "Voir [ceci](/nulle-part/).");
    let (code, json) = check_json(&site);
    assert_eq!(code, Some(0), "{json:#}");
    let warning = one(&json, "warnings", "dead-link");
    assert_eq!(warning["code"], "unpublished");
    assert_eq!(place(warning), ("content/articles/2025-03-04-brouillon.md".to_string(), 9, 6));
    site.build(&[]);
    let drafts = site.run(&["build", "--drafts"]);
    assert!(!drafts.ok() && drafts.stderr().contains("error[dead-link]: "), "{}", drafts.stderr());
}

#[test]
fn an_undeclared_category_is_an_error_of_check_with_the_category_meant() {
    let site = Site::fixture("news");
    site.edit(ALPHA, "category = \"international\"", "category = \"internatinal\"");
    let (code, json) = check_json(&site);
    assert_eq!(code, Some(1));
    let error = one(&json, "errors", "unknown-category");
    assert_eq!(place(error), (ALPHA.to_string(), 5, 1));
    assert_eq!(error["message"], "category \"internatinal\" is not declared in site.toml");
    assert!(error["hint"].as_str().unwrap().starts_with("did you mean \"international\"? If not, declare it"));
    assert!(findings(&json, "errors", "unknown-category").len() == 1, "the translation keeps its own category");
}

#[test]
fn an_unknown_key_in_an_author_table_fails_with_the_keys_of_that_table() {
    let author = "\n[authors.redaction]\nname = \"La rédaction\"\nboi = \"Une équipe.\"\n";
    let break_site = |s: &Site| {
        let settings = std::fs::read_to_string(s.path("site.toml")).unwrap();
        s.write("site.toml", settings + author);
    };
    assert_build_fails(
        break_site,
        &["error[unknown-key]: site.toml:35:1: unknown key `authors.redaction.boi` (known keys: name, bio, url, kind)"],
    );
    let site = Site::fixture("news");
    break_site(&site);
    let (code, json) = check_json(&site);
    assert_eq!(code, Some(1));
    let error = one(&json, "errors", "unknown-key");
    assert_eq!(place(error), ("site.toml".to_string(), 35, 1));
    assert_eq!(error["hint"], "did you mean `bio`?");
}

#[test]
fn an_empty_summary_is_a_warning_at_its_key() {
    let site = Site::fixture("news");
    site.edit(
        ALPHA,
        "summary = \"\"\"\nLes trois gouvernements ont tenu une **réunion** à Tokyo.\n\"\"\"",
        "summary = \" \"",
    );
    let (_, json) = check_json(&site);
    let warning = one(&json, "warnings", "empty-summary");
    assert_eq!(place(warning), (ALPHA.to_string(), 9, 1));
    assert_eq!(warning["message"], "the summary is empty");
}

#[test]
fn a_translation_still_marked_for_translation_is_a_warning_at_its_first_mark() {
    let site = Site::fixture("news");
    let beta = "content/articles/2025-03-02-beta.md";
    assert!(site.run(&["new", "--translate", beta, "--lang", "en"]).ok());
    let (_, json) = check_json(&site);
    let warning = one(&json, "warnings", "untranslated");
    assert_eq!(place(warning), ("content/articles/2025-03-02-beta.en.md".to_string(), 2, 10));
    assert!(warning["message"].as_str().unwrap().ends_with("passages are still marked [translate]"), "{warning}");
}

#[test]
fn two_articles_of_one_language_with_one_title_are_each_warned_naming_the_other() {
    let site = Site::fixture("news");
    site.edit(
        "content/articles/2025-03-02-beta.md",
        "Bêta : nouvelles sanctions",
        "Alpha : réunion sur la cybersécurité",
    );
    let (_, json) = check_json(&site);
    let warnings = findings(&json, "warnings", "duplicate-title");
    let found: Vec<(String, u64, u64, &str)> =
        warnings.iter().map(|w| (place(w).0, place(w).1, place(w).2, w["message"].as_str().unwrap())).collect();
    assert_eq!(
        found,
        [
            (ALPHA.to_string(), 2, 1, "the title is also the title of content/articles/2025-03-02-beta.md"),
            (
                "content/articles/2025-03-02-beta.md".to_string(),
                2,
                1,
                &format!("the title is also the title of {ALPHA}")
            ),
        ]
    );
}

#[test]
fn a_headline_over_110_characters_is_a_warning_and_one_of_110_is_not() {
    let site = Site::fixture("news");
    let title = |n: usize| format!("title = \"{}\"", "é".repeat(n));
    site.edit(ALPHA, "title = \"Alpha : réunion sur la cybersécurité\"", &title(111));
    site.edit("content/articles/2025-03-02-beta.md", "title = \"Bêta : nouvelles sanctions\"", &title(110));
    let (_, json) = check_json(&site);
    let warning = one(&json, "warnings", "long-title");
    assert_eq!(place(warning), (ALPHA.to_string(), 2, 1));
    assert_eq!(warning["message"], "the headline has 111 characters, over 110");
}

#[test]
fn an_article_without_a_source_is_a_warning() {
    let site = Site::fixture("news");
    site.edit(
        "content/articles/2025-03-02-beta.md",
        "[source]\nname = \"Agence\"\nurl = \"https://agency.example.com/beta\"\n",
        "",
    );
    let (_, json) = check_json(&site);
    let warnings = findings(&json, "warnings", "missing-source");
    let beta =
        warnings.iter().find(|w| w["file"] == "content/articles/2025-03-02-beta.md").expect("beta has no source");
    assert_eq!(place(beta), ("content/articles/2025-03-02-beta.md".to_string(), 9, 1), "the closing +++");
    assert_eq!(beta["message"], "the article names no source");
    assert_eq!(beta["hint"], "name it in a [source] table, with its name and url, above this line");
    assert!(!warnings.iter().any(|w| w["file"] == ALPHA), "alpha names its source");
}

#[test]
fn a_declared_region_no_article_uses_and_without_a_name_in_english_is_warned_at_its_table() {
    let site = Site::fixture("news");
    site.edit(
        "site.toml",
        "[categories.international]",
        "[regions.us]\nname = { fr = \"États-Unis\" }\n\n[categories.international]",
    );
    let (code, json) = check_json(&site);
    assert_eq!(code, Some(0));
    let unused = one(&json, "warnings", "unused-term");
    assert_eq!(place(unused), ("site.toml".to_string(), 27, 1));
    assert_eq!(unused["message"], "region \"us\" is declared in site.toml but no article uses it");
    let unnamed = one(&json, "warnings", "missing-name");
    assert_eq!(place(unnamed), ("site.toml".to_string(), 27, 1));
    assert_eq!(unnamed["message"], "region \"us\" has no name in en");
}

#[test]
fn a_tag_or_author_spelt_almost_like_a_declared_one_is_a_warning_with_the_name_meant() {
    let site = Site::fixture("news");
    site.edit("site.toml", "[tags.cyber]", "[authors.redaction]\nname = \"La rédaction\"\n\n[tags.cyber]");
    site.edit(
        ALPHA,
        "tags = [\"cyber\", \"sanctions\"]",
        "tags = [\"cybr\", \"sanctions\"]\nauthors = [\"redation\", \"Jeanne Doe\"]",
    );
    let (_, json) = check_json(&site);
    let tag = one(&json, "warnings", "unknown-tag");
    assert_eq!(place(tag), (ALPHA.to_string(), 6, 1));
    assert!(tag["hint"].as_str().unwrap().starts_with("did you mean \"cyber\"?"), "{tag}");
    let author = one(&json, "warnings", "unknown-author");
    assert_eq!(place(author), (ALPHA.to_string(), 7, 1));
    assert_eq!(author["hint"], "did you mean \"redaction\"?");
}

#[test]
fn build_prints_its_problems_and_warnings_in_the_form_check_prints_them() {
    let site = Site::fixture("news");
    site.edit("site.toml", "[regions.kp]", "[languages.de]\nname = \"Deutsch\"\n\n[regions.kp]");
    let built = site.build(&[]);
    let warning = check_line(&site, "warning[missing-strings]: ");
    assert!(
        warning
            .starts_with("warning[missing-strings]: themes/default/i18n/de.toml: the theme has no \"de\" text for: ")
    );
    assert!(built.stderr().contains(&format!("{warning}\n  hint: ")), "{}", built.stderr());
}
