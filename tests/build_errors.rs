//! Bad input: each mistake an editor can make gives a clear error naming the file
//! (and line where there is one), a non-zero exit, and leaves the previous output
//! exactly as it was.

mod common;

use common::{ALPHA, Site, assert_build_fails, replace_in};

#[test]
fn unknown_front_matter_key_names_file_line_and_known_keys() {
    let stderr = assert_build_fails(
        |s| replace_in(s, ALPHA, "disclaimer = true", "disclaimer = true\ncolour = \"red\""),
        &[&format!("{ALPHA}:9:1: unknown key `colour` (known keys: title, date"), "[extra]"],
    );
    assert!(stderr.starts_with("error[unknown-key]: "), "{stderr}");
    assert!(stderr.ends_with("error: build failed: 1 problem found\n"), "{stderr}");
}

#[test]
fn a_misspelt_key_gets_the_key_it_was_meant_to_be() {
    assert_build_fails(
        |s| replace_in(s, ALPHA, "regions = [", "regoins = ["),
        &[&format!("{ALPHA}:7:1: unknown key `regoins`"), "hint: did you mean `regions`?"],
    );
}

#[test]
fn unknown_region_names_file_line_and_known_regions() {
    assert_build_fails(
        |s| replace_in(s, ALPHA, "regions = [\"kp\", \"kr\"]", "regions = [\"kp\", \"kx\"]"),
        &[&format!("{ALPHA}:7:1: unknown region \"kx\""), "known: jp, kp, kr"],
    );
}

#[test]
fn a_misspelt_region_gets_the_region_it_was_meant_to_be() {
    assert_build_fails(
        |s| replace_in(s, ALPHA, "regions = [\"kp\", \"kr\"]", "regions = [\"kp\", \"jpn\"]"),
        &[
            &format!("error[unknown-region]: {ALPHA}:7:1: unknown region \"jpn\""),
            "hint: did you mean \"jp\"? If not, declare it under [regions.jpn] in site.toml",
        ],
    );
}

#[test]
fn a_date_in_quotes_gets_the_date_written_without_them() {
    assert_build_fails(
        |s| replace_in(s, ALPHA, "date = 2025-03-01T09:00:00+01:00", "date = \"2026-12-04\""),
        &[
            &format!(
                "error[invalid-value]: {ALPHA}:3:8: invalid type: string \"2026-12-04\", expected a TOML datetime"
            ),
            "hint: write the date without quotes: date = 2026-12-04, or with a time, date = 2026-12-04T09:00:00+09:00",
        ],
    );
}

#[test]
fn a_string_where_a_list_goes_gets_the_list_built_from_it() {
    assert_build_fails(
        |s| replace_in(s, ALPHA, "tags = [\"cyber\", \"sanctions\"]", "tags = \"cyber, sanctions\""),
        &[
            &format!("{ALPHA}:6:8: invalid type: string"),
            "hint: a list is written in brackets: tags = [\"cyber\", \"sanctions\"]",
        ],
    );
}

#[test]
fn unresolvable_internal_link_is_an_error_with_its_line() {
    assert_build_fails(
        |s| replace_in(s, ALPHA, "@/articles/2025-03-02-beta.md", "@/articles/nope.md"),
        &[&format!("{ALPHA}:22:50:"), "\"@/articles/nope.md\" points to no content file"],
    );
}

#[test]
fn a_misspelt_internal_link_suggests_the_file_meant() {
    assert_build_fails(
        |s| replace_in(s, ALPHA, "@/articles/2025-03-02-beta.md", "@/articles/2025-03-02-bta.md"),
        &["\"@/articles/2025-03-02-bta.md\" points to no content file", "did you mean @/articles/2025-03-02-beta.md?"],
    );
}

#[test]
fn file_that_is_not_utf8_is_an_error_naming_it() {
    assert_build_fails(
        |s| s.write("content/articles/latin1.md", b"+++\ntitle = \"Caf\xe9\"\n+++\n"),
        &["content/articles/latin1.md:2:13: the file is not valid UTF-8"],
    );
}

#[test]
fn empty_file_is_an_error_naming_it() {
    assert_build_fails(
        |s| s.write("content/articles/empty.md", ""),
        &["content/articles/empty.md:1:1: the file is empty"],
    );
}

#[test]
fn missing_closing_delimiter_is_an_error_naming_it() {
    assert_build_fails(
        |s| s.write("content/articles/open.md", "+++\ntitle = \"x\"\ndate = 2025-01-01\n\nBody\n"),
        &["content/articles/open.md:1:1: the front matter opened on line 1 is never closed"],
    );
}

#[test]
fn two_articles_with_one_slug_and_language_are_a_duplicate_url_error() {
    assert_build_fails(
        |s| s.write("content/articles/2025-04-01-beta.md", "+++\ntitle = \"Autre\"\ndate = 2025-04-01\n+++\n"),
        &[
            "content/articles/2025-04-01-beta.md:1:1: the URL /articles/beta/ is also produced by content/articles/2025-03-02-beta.md",
        ],
    );
}

#[test]
fn translation_in_an_undeclared_language_is_an_error() {
    assert_build_fails(
        |s| s.write("content/articles/2025-03-02-beta.de.md", "+++\ntitle = \"Beta\"\ndate = 2025-03-02\n+++\n"),
        &["content/articles/2025-03-02-beta.de.md:1:1: the language \"de\" of this file is not declared in site.toml"],
    );
}

#[test]
fn template_error_names_the_template_and_line() {
    assert_build_fails(
        |s| s.write("templates/404.html", "<p>ok</p>\n{{ no_such_variable.field }}\n"),
        &["templates/404.html:2:"],
    );
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    assert_build_fails(|s| s.write("templates/404.html", "line one\n{% if %}\n"), &["templates/404.html:2:"]);
}

/// A 404 template whose `{% if %}` on line 4 is never closed.
const OPEN_IF: &str = "{% extends \"base.html\" %}\n{% block content %}\n<main>\n  {%- if t.back_home %}\n  <p>x</p>\n</main>\n{% endblock content %}\n";

#[test]
fn an_if_left_open_is_reported_where_it_opens_not_where_tera_noticed() {
    let stderr = assert_build_fails(
        |s| s.write("templates/404.html", OPEN_IF),
        &[
            "error[template-syntax]: templates/404.html:4:3: \"{% if %}\" opened here is never closed (Tera: ",
            "hint: close it with {% endif %} where its block ends",
        ],
    );
    assert!(!stderr.contains("404.html:7:"), "not at the endblock: {stderr}");
}

#[test]
fn an_if_left_open_in_the_theme_names_the_themes_file() {
    let article = "themes/default/templates/article.html";
    let stderr = assert_build_fails(
        |s| {
            s.copy_theme();
            replace_in(s, article, "{% block content %}\n", "{% block content %}\n  {% if article.draft %}\n");
        },
        &[
            "error[template-syntax]: themes/default/templates/article.html:28:3: \"{% if %}\" opened here is never closed",
        ],
    );
    assert!(!stderr.contains("template error"), "one form for every problem: {stderr}");
}

#[test]
fn every_content_error_is_reported_together() {
    let stderr = assert_build_fails(
        |s| {
            s.write("content/articles/empty.md", "");
            replace_in(s, ALPHA, "regions = [\"kp\", \"kr\"]", "regions = [\"kx\"]");
        },
        &["content/articles/empty.md", "unknown region \"kx\"", "2 problems found"],
    );
    let alpha = stderr.find(ALPHA).unwrap();
    let empty = stderr.find("content/articles/empty.md").unwrap();
    assert!(alpha < empty, "sorted by path:\n{stderr}");
}

#[test]
fn invalid_site_toml_names_its_line() {
    assert_build_fails(|s| s.write("site.toml", "title = \"x\"\nbase_url = 3\n"), &["site.toml:2:"]);
}

#[test]
fn alias_outside_the_site_is_an_error() {
    assert_build_fails(
        |s| replace_in(s, ALPHA, "disclaimer = true", "disclaimer = true\naliases = [\"/../../etc/x\"]"),
        &[&format!("{ALPHA}:9:1: alias \"/../../etc/x\" must be a path inside the site")],
    );
}

#[test]
fn output_folder_that_would_overwrite_the_site_is_refused() {
    let site = Site::fixture("news");
    let run = site.run(&["build", "--output", "."]);
    assert!(!run.ok());
    assert!(run.stderr().contains("would overwrite the site itself"), "{}", run.stderr());
    assert!(site.root().join("content/articles/2025-03-01-alpha.md").is_file(), "content kept");
}
