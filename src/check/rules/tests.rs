//! Each editorial rule on a small site built in memory.

use super::*;
use crate::config::Config;
use crate::load::{Kind, SourceFile, stem_and_language};
use crate::model::ModelOptions;

const NOW: &str = "2025-09-01T00:00:00Z";

/// Settings with a publisher's logo, which stands in for articles without an image.
const SETTINGS: &str = "title='t'\nbase_url='https://x.org'\ndefault_language='fr'\ntimezone='Europe/Paris'\n[languages.fr]\n[languages.ja]\n[publisher]\nname='P'\nlogo='/logo.png'\n";

fn config() -> Config {
    Config::parse(SETTINGS, Path::new("site.toml")).unwrap()
}

/// An article with a source, whose front matter is `extra` and whose body is `body`.
fn article(title: &str, extra: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = 2025-08-01\n{extra}\n[source]\nname = \"N\"\nurl = \"https://n.org\"\n+++\n{body}"
    )
}

/// The findings on a site made of `files` (path, text).
fn findings(files: &[(&str, String)]) -> Vec<Finding> {
    findings_with(SETTINGS, files)
}

/// The findings on a site with settings `settings` made of `files` (path, text).
fn findings_with(settings: &str, files: &[(&str, String)]) -> Vec<Finding> {
    let config = Config::parse(settings, Path::new("site.toml")).unwrap();
    let sources: Vec<SourceFile> = files
        .iter()
        .map(|(path, text)| {
            let kind = if path.starts_with("content/pages") { Kind::Page } else { Kind::Article };
            let (stem, lang) = stem_and_language(Path::new(path), kind, &config).unwrap();
            SourceFile { path: PathBuf::from(path), kind, stem, lang, text: text.as_str().into() }
        })
        .collect();
    let texts: HashMap<PathBuf, String> = sources.iter().map(|f| (f.path.clone(), f.text.to_string())).collect();
    let options = ModelOptions::without_pictures(true, true, NOW.parse().unwrap());
    let site = Site::build(config, sources, &options).unwrap();
    editorial(&Inputs { site: &site, texts: &texts, settings, now: options.now })
}

/// (code, file:line) of each finding, sorted.
fn summary(findings: &[Finding]) -> Vec<(&'static str, String)> {
    let mut out: Vec<_> = findings.iter().map(|f| (f.code.as_str(), f.diagnostic.location.to_string())).collect();
    out.sort();
    out
}

fn one_language(findings: Vec<Finding>) -> Vec<Finding> {
    findings.into_iter().filter(|f| f.code != Code::Rule(crate::diagnostics::Kind::MissingTranslation)).collect()
}

/// The findings of one rule's kind alone.
fn only(kind: &str, findings: Vec<Finding>) -> Vec<Finding> {
    findings.into_iter().filter(|f| f.kind() == kind).collect()
}

#[test]
fn images_without_alt_or_with_a_relative_address_are_reported_where_written() {
    let body = "\n![A map](/map.svg)\n\n![](/map.svg)\n\n![Rel](map.svg)\n\n![Far](https://cdn.example/x.png)\n";
    let text = article("T", "image = { src = \"/nowhere.png\", alt = \" \" }", body);
    let found = one_language(findings(&[("content/articles/a.md", text)]));
    assert_eq!(
        summary(&found),
        [
            ("missing-alt", "content/articles/a.md:12:1".to_string()),
            ("missing-alt", "content/articles/a.md:4:17".to_string()),
            ("relative-image", "content/articles/a.md:14:1".to_string()),
        ]
    );
    assert!(found.iter().all(|f| f.diagnostic.hint.is_some()));
}

#[test]
fn images_of_pages_and_summaries_are_checked_too() {
    let page = "+++\ntitle = \"About\"\n+++\n![](/us.jpg)\n".to_string();
    let summary_image = article("T", "summary = \"See ![](/m.svg).\"", "");
    let found = one_language(findings(&[("content/pages/about.md", page), ("content/articles/a.md", summary_image)]));
    assert_eq!(
        summary(&found),
        [
            ("missing-alt", "content/articles/a.md:4:16".to_string()),
            ("missing-alt", "content/pages/about.md:4:1".to_string()),
        ]
    );
}

#[test]
fn a_lead_image_left_without_alt_on_purpose_is_decorative_and_not_reported() {
    let text = article("A", "image = { src = \"/m.svg\", alt = \"\" }", "\n![](/m.svg)\n");
    let found = one_language(findings(&[("content/articles/a.md", text)]));
    assert_eq!(summary(&found), [("missing-alt", "content/articles/a.md:10:1".to_string())], "the body image only");
}

#[test]
fn an_inherited_lead_image_is_checked_in_its_original_only() {
    let original = article("A", "image = { src = \"/m.svg\", alt = \" \" }", "");
    let translation = article("A ja", "", "");
    let found = findings(&[("content/articles/a.md", original), ("content/articles/a.ja.md", translation)]);
    assert_eq!(summary(&found), [("missing-alt", "content/articles/a.md:4:17".to_string())]);
}

#[test]
fn article_without_source_is_reported() {
    let text = "+++\ntitle = \"T\"\ndate = 2025-08-01\n+++\n".to_string();
    let found = one_language(findings(&[("content/articles/a.md", text)]));
    assert_eq!(summary(&found), [("missing-source", "content/articles/a.md:4:1".to_string())]);
}

#[test]
fn headlines_over_the_limit_are_reported_in_characters() {
    let at_limit = "é".repeat(MAX_TITLE_CHARS);
    let over = "字".repeat(MAX_TITLE_CHARS + 1);
    let found = one_language(findings(&[
        ("content/articles/a.md", article(&at_limit, "", "")),
        ("content/articles/b.md", article(&over, "", "")),
    ]));
    assert_eq!(summary(&found), [("long-title", "content/articles/b.md:2:1".to_string())]);
    assert_eq!(found[0].diagnostic.message, format!("the headline has {} characters, over 110", MAX_TITLE_CHARS + 1));
}

#[test]
fn duplicate_titles_in_one_language_are_reported_on_each_file() {
    let found = one_language(findings(&[
        ("content/articles/a.md", article("La même chose", "", "")),
        ("content/articles/b.md", article("la  même chose", "", "")),
        ("content/articles/a.ja.md", article("La même chose", "", "")),
    ]));
    assert_eq!(
        summary(&found),
        [
            ("duplicate-title", "content/articles/a.md:2:1".to_string()),
            ("duplicate-title", "content/articles/b.md:2:1".to_string()),
        ]
    );
    assert!(found[0].diagnostic.message.ends_with("content/articles/b.md"), "{}", found[0].diagnostic.message);
}

#[test]
fn future_dated_articles_are_listed_with_their_date() {
    let text = "+++\ntitle = \"T\"\ndate = 2025-12-24T18:00:00\n[source]\nname = \"N\"\nurl = \"https://n.org\"\n+++\n";
    let found = one_language(findings(&[("content/articles/a.md", text.to_string())]));
    assert_eq!(summary(&found), [("future-date", "content/articles/a.md:3:1".to_string())]);
    assert!(found[0].diagnostic.message.contains("2025-12-24T18:00:00+01:00"), "{}", found[0].diagnostic.message);
}

#[test]
fn articles_missing_a_language_are_reported_with_the_command_that_translates_them() {
    let found = findings(&[
        ("content/articles/a.md", article("A", "", "")),
        ("content/articles/b.md", article("B", "", "")),
        ("content/articles/b.ja.md", article("B", "", "")),
    ]);
    assert_eq!(summary(&found), [("missing-translation", "content/articles/a.md".to_string())]);
    assert_eq!(found[0].diagnostic.message, "no translation in ja");
    assert_eq!(found[0].diagnostic.hint.as_deref(), Some("broadsheet new --translate content/articles/a.md --lang ja"));
}

#[test]
fn translation_table_has_a_row_per_article_and_a_column_per_language() {
    let config = config();
    let files = [("content/articles/b.ja.md", "b", "ja"), ("content/articles/a.md", "a", "fr")];
    let sources = files
        .iter()
        .map(|(path, stem, lang)| SourceFile {
            path: PathBuf::from(path),
            kind: Kind::Article,
            stem: stem.to_string(),
            lang: lang.to_string(),
            text: article("T", "", "").into(),
        })
        .collect();
    let options = ModelOptions::without_pictures(true, true, NOW.parse().unwrap());
    let table = translation_table(&Site::build(config, sources, &options).unwrap());
    assert_eq!(table.languages, ["fr", "ja"]);
    let rows: Vec<_> = table
        .rows
        .iter()
        .map(|r| (r.article.as_str(), r.files.iter().map(Option::is_some).collect::<Vec<_>>()))
        .collect();
    assert_eq!(rows, [("a", vec![true, false]), ("b", vec![false, true])]);
}

#[test]
fn text_still_marked_for_translation_is_reported_at_its_first_mark() {
    let text = article("[translate] T", "", "\n<!-- [translate] x -->\n");
    let found = one_language(findings(&[("content/articles/a.ja.md", text)]));
    assert_eq!(summary(&found), [("untranslated", "content/articles/a.ja.md:2:10".to_string())]);
    assert_eq!(found[0].diagnostic.message, "2 passages are still marked [translate]");
}

#[test]
fn an_empty_or_blank_summary_is_reported_at_its_key() {
    let found = one_language(findings(&[
        ("content/articles/a.md", article("A", "summary = \"\"", "")),
        ("content/articles/b.md", article("B", "summary = \"\"\"\n  \n\"\"\"", "")),
        ("content/articles/c.md", article("C", "summary = \"Text.\"", "")),
        ("content/articles/d.md", article("D", "", "")),
    ]));
    assert_eq!(
        summary(&found),
        [
            ("empty-summary", "content/articles/a.md:4:1".to_string()),
            ("empty-summary", "content/articles/b.md:4:1".to_string())
        ]
    );
}

const DECLARED: &str = "title='t'\nbase_url='https://x.org'\ndefault_language='fr'\n[languages.fr]\n[languages.ja]\n\
                        [categories.economy]\nname = { fr = 'Économie', ja = '経済' }\n\
                        [tags.cybersecurity]\nname = { fr = 'Cybersécurité', ja = 'サイバー' }\n\
                        [authors.redaction]\nname = 'La rédaction'\n[publisher]\nname='P'\nlogo='/logo.png'\n";

#[test]
fn an_undeclared_category_is_an_error_with_the_closest_declared_one() {
    let found = findings_with(DECLARED, &[("content/articles/a.md", article("A", "category = \"econmy\"", ""))]);
    let found = only("unknown-category", found);
    assert_eq!(summary(&found), [("unknown-category", "content/articles/a.md:4:1".to_string())]);
    assert_eq!(found[0].severity(), super::super::report::Severity::Error);
    assert_eq!(found[0].diagnostic.message, "category \"econmy\" is not declared in site.toml");
    assert_eq!(
        found[0].diagnostic.hint.as_deref(),
        Some(
            "did you mean \"economy\"? If not, declare it under [categories.econmy] in site.toml, with its name in each language"
        )
    );
}

#[test]
fn tags_and_authors_spelt_almost_like_declared_ones_are_reported_free_ones_are_not() {
    let extra = "tags = [\"cybersecurty\", \"earth-observation\"]\nauthors = [\"redation\", \"Jane Doe\"]";
    let found = findings_with(DECLARED, &[("content/articles/a.md", article("A", extra, ""))]);
    let mut found: Vec<_> = found.into_iter().filter(|f| f.kind().starts_with("unknown-")).collect();
    found.sort_by_key(|f| f.kind());
    let messages: Vec<(&str, &str)> =
        found.iter().map(|f| (f.diagnostic.message.as_str(), f.diagnostic.hint.as_deref().unwrap_or(""))).collect();
    assert_eq!(
        messages,
        [
            (
                "author \"redation\" is not declared in site.toml: it is shown as a name, without a page",
                "did you mean \"redaction\"?"
            ),
            (
                "tag \"cybersecurty\" is not declared in site.toml",
                "did you mean \"cybersecurity\"? A tag that site.toml does not declare is shown as written, on a page of its own."
            ),
        ]
    );
}

#[test]
fn declared_terms_no_article_uses_are_reported_at_their_table() {
    let found = findings_with(DECLARED, &[("content/articles/a.md", article("A", "category = \"economy\"", ""))]);
    let found = only("unused-term", found);
    assert_eq!(summary(&found), [("unused-term", "site.toml:8:1".to_string())]);
    assert_eq!(found[0].diagnostic.message, "tag \"cybersecurity\" is declared in site.toml but no article uses it");
}

#[test]
fn declared_terms_without_a_name_in_a_language_are_reported_with_the_languages() {
    let settings = "title='t'\nbase_url='https://x.org'\ndefault_language='fr'\n[languages.fr]\n[languages.ja]\n[languages.ko]\n\
                    [regions.kp]\nname = { fr = 'Corée du Nord' }\n[regions.jp]\nname = { fr = 'Japon', ja = '日本', ko = '일본' }\n";
    let text = article("A", "regions = [\"kp\", \"jp\"]", "");
    let found = only("missing-name", findings_with(settings, &[("content/articles/a.md", text)]));
    assert_eq!(summary(&found), [("missing-name", "site.toml:7:1".to_string())]);
    assert_eq!(found[0].diagnostic.message, "region \"kp\" has no name in ja, ko");
    assert_eq!(
        found[0].diagnostic.hint.as_deref(),
        Some("pages in ja, ko show \"kp\" instead; add ja = \"…\", ko = \"…\" to its name table")
    );
}

#[test]
fn articles_without_any_image_are_counted_at_the_images_table_when_nothing_stands_in() {
    let bare = "title='t'\nbase_url='https://x.org'\ndefault_language='fr'\n[languages.fr]\n[images]\nquality = 80\n";
    let lead = "image = { src = \"/a.png\", alt = \"A\" }";
    let files = [
        ("content/articles/a.md", article("A", "", "")),
        ("content/articles/b.md", article("B", "", "")),
        ("content/articles/c.md", article("C", lead, "")),
    ];
    let found = only("no-image", findings_with(bare, &files));
    assert_eq!(summary(&found), [("no-image", "site.toml:5:1".to_string())]);
    assert!(
        found[0].diagnostic.message.starts_with("2 articles have no lead image"),
        "{}",
        found[0].diagnostic.message
    );
    let one = only("no-image", findings_with(bare, &files[..1]));
    assert!(one[0].diagnostic.message.starts_with("1 article has no lead image"), "{}", one[0].diagnostic.message);
    assert!(only("no-image", findings(&files)).is_empty(), "a publisher's logo stands in");
    let with_default = format!("{bare}default = {{ src = \"/d.png\", alt = \"D\" }}\n");
    assert!(only("no-image", findings_with(&with_default, &files)).is_empty(), "a default image stands in");
}
