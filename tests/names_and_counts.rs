//! Names, counts and text as readers of each language expect them: lists sorted by
//! the language's collation, counts in its plural forms, tags shown as written and
//! the same tag however its accents were typed.

mod common;

use common::Site;

/// The names of a term list page, in order.
fn term_names(html: &str) -> Vec<String> {
    html.split("class=\"term-name\">").skip(1).map(|rest| rest[..rest.find('<').unwrap()].to_string()).collect()
}

fn position(names: &[String], name: &str) -> usize {
    names.iter().position(|n| n == name).unwrap_or_else(|| panic!("{name} not in {names:?}"))
}

#[test]
fn term_lists_follow_the_order_of_the_pages_language() {
    let site = Site::sample_at("2026-12-05T12:00:00Z");
    site.build(&[]);
    let tags = term_names(&site.output("tags/index.html"));
    assert!(position(&tags, "Élections") < position(&tags, "Énergie"), "{tags:?}");
    assert!(position(&tags, "Énergie") < position(&tags, "Transport maritime"), "accents sort with their letter");
    let regions = term_names(&site.output("regions/index.html"));
    assert!(position(&regions, "États-Unis") < position(&regions, "Vanuatu"), "{regions:?}");
    let japanese = term_names(&site.output("ja/regions/index.html"));
    assert!(position(&japanese, "アメリカ") < position(&japanese, "バヌアツ"), "{japanese:?}");
}

#[test]
fn a_tag_is_shown_as_written_and_site_toml_may_name_it_by_its_written_form() {
    let site = Site::fixture("news");
    let beta = std::fs::read_to_string(site.path("content/articles/2025-03-02-beta.md")).unwrap();
    site.write(
        "content/articles/2025-03-02-beta.md",
        beta.replace("tags = [\"cyber\"]", "tags = [\"Politique monétaire\"]"),
    );
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", config + "\n[tags.\"politique monétaire\"]\nname = { en = \"Monetary policy\" }\n");
    site.build(&[]);
    assert_eq!(term_names(&site.output("tags/index.html")), ["Cybersécurité", "Politique monétaire", "sanctions"]);
    assert!(site.has_output("tags/politique-monétaire/index.html"));
    let english = beta.replace("tags = [\"cyber\"]", "tags = [\"politique monétaire\"]");
    let english = english.lines().filter(|l| !l.starts_with("aliases")).collect::<Vec<_>>().join("\n");
    site.write("content/articles/2025-03-02-beta.en.md", english);
    site.build(&[]);
    assert!(term_names(&site.output("en/tags/index.html")).contains(&"Monetary policy".to_string()));
}

#[test]
fn a_tag_typed_with_a_combining_accent_is_the_same_tag_and_slug() {
    let site = Site::fixture("news");
    for (file, written) in [("2025-03-02-beta.md", "énergie"), ("2025-03-03-gamma.md", "e\u{301}nergie")] {
        let path = format!("content/articles/{file}");
        let text = std::fs::read_to_string(site.path(&path)).unwrap();
        let tags = text.lines().find(|l| l.starts_with("tags = ")).map(str::to_string);
        let text = match tags {
            Some(line) => text.replace(&line, &format!("tags = [\"{written}\"]")),
            None => text.replacen("date = ", &format!("tags = [\"{written}\"]\ndate = "), 1),
        };
        site.write(&path, text);
    }
    site.build(&[]);
    let names = term_names(&site.output("tags/index.html"));
    assert_eq!(names.iter().filter(|n| n.ends_with("nergie")).count(), 1, "{names:?}");
    let page = site.output("tags/énergie/index.html");
    assert!(page.contains("2 articles"), "both articles under one tag");
}

#[test]
fn counts_take_the_plural_form_of_the_pages_language() {
    let site = Site::fixture("multilingual");
    site.build(&[]);
    let counts = |page: &str| -> Vec<String> {
        let html = site.output(page);
        html.split("class=\"term-count\">").skip(1).map(|rest| rest[..rest.find('<').unwrap()].to_string()).collect()
    };
    assert!(counts("ar/tags/index.html").contains(&"مقالة واحدة".to_string()), "{:?}", counts("ar/tags/index.html"));
    assert!(counts("en/tags/index.html").contains(&"1 article".to_string()));
    assert!(counts("ja/tags/index.html").contains(&"1件の記事".to_string()));
    assert!(counts("ko/tags/index.html").contains(&"기사 1건".to_string()));
    assert!(counts("tags/index.html").iter().all(|c| c.ends_with("article") || c.ends_with("articles")));
}

/// The news fixture with a newsroom that signs the article "alpha" in both languages.
fn site_with_a_newsroom(names: &str) -> Site {
    let site = Site::fixture("news");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("{config}\n[authors.desk]\nkind = \"organization\"\n{names}\n"));
    for file in ["2025-03-01-alpha.md", "2025-03-01-alpha.en.md"] {
        let path = format!("content/articles/{file}");
        let text = std::fs::read_to_string(site.path(&path)).unwrap();
        site.write(&path, text.replacen("date = ", "authors = [\"desk\"]\ndate = ", 1));
    }
    site
}

#[test]
fn an_author_has_a_name_and_bio_per_language_and_may_be_an_organization() {
    let site = site_with_a_newsroom(
        "name = { fr = \"La rédaction\", en = \"The desk\" }\nbio = { fr = \"Notre équipe.\", en = \"Our team.\" }",
    );
    site.build(&[]);
    let english = site.output("en/articles/alpha/index.html");
    assert!(english.contains("rel=\"author\">The desk</a>"), "the English byline");
    let ld = common::json_ld(&english);
    let article = common::graph_object(&ld, "NewsArticle");
    assert_eq!(article["author"][0]["@type"], "Organization");
    assert_eq!(article["author"][0]["name"], "The desk");
    assert!(site.output("en/rss.xml").contains("<dc:creator>The desk</dc:creator>"));
    let page = site.output("authors/desk/index.html");
    assert!(page.contains("La rédaction") && page.contains("Notre équipe."), "the French author page");
    let page_ld = common::json_ld(&page);
    let profile = common::graph_object(&page_ld, "ProfilePage");
    assert_eq!(profile["mainEntity"]["@type"], "Organization");
    assert!(site.output("en/authors/desk/index.html").contains("Our team."));
}

#[test]
fn an_author_text_in_a_language_the_site_does_not_declare_is_an_error() {
    let site = site_with_a_newsroom("name = { fr = \"La rédaction\", de = \"Die Redaktion\" }");
    let run = site.run(&["build"]);
    assert!(!run.ok());
    assert!(
        run.stderr().contains("author \"desk\" has a text in \"de\", a language the site does not declare"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("site.toml:"), "located: {}", run.stderr());
}

#[test]
fn check_warns_about_an_author_named_per_language_but_not_in_every_one() {
    let site = site_with_a_newsroom("name = { fr = \"La rédaction\" }");
    let run = site.run(&["check"]);
    let printed = run.stdout() + &run.stderr();
    let line = printed.lines().find(|l| l.contains("missing-name") && l.contains("desk")).unwrap_or_default();
    assert!(line.contains("site.toml:") && line.contains("en"), "{printed}");
    let named = site_with_a_newsroom("name = { fr = \"La rédaction\", en = \"The desk\" }");
    let run = named.run(&["check"]);
    assert!(!(run.stdout() + &run.stderr()).lines().any(|l| l.contains("missing-name") && l.contains("desk")));
}
