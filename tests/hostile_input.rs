//! Hostile or careless input: keys that would become paths outside the output or
//! paths no system can store, outputs that would replace each other, lists that fan
//! out without bound, links, control characters and files that are not what they
//! seem. Each is refused with the file and line that caused it, or made harmless,
//! and a failed build writes nothing anywhere.

mod common;

use common::{ALPHA, Site, assert_build_fails, replace_in};

/// Adds `text` at the end of the news fixture's site.toml.
fn append_settings(site: &Site, text: &str) {
    let settings = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{settings}\n{text}\n"));
}

#[test]
fn a_region_key_that_climbs_out_of_the_output_is_refused_and_nothing_is_written_above() {
    let escape = format!("broadsheet-escape-{}", std::process::id());
    let stderr = assert_build_fails(
        |s| {
            append_settings(s, &format!("[regions.\"../../../{escape}\"]\nname = {{ fr = \"X\" }}"));
            replace_in(s, ALPHA, "regions = [\"kp\", \"kr\"]", &format!("regions = [\"kp\", \"../../../{escape}\"]"));
        },
        &["site.toml:", &format!("regions key \"../../../{escape}\" cannot be a folder of the site")],
    );
    assert!(stderr.contains("separator"), "{stderr}");
    let tmp = std::env::temp_dir();
    assert!(!tmp.join(&escape).exists() && !tmp.parent().unwrap().join(&escape).exists());
}

#[test]
fn every_key_that_becomes_a_folder_must_be_one_safe_name() {
    let tables = ["regions", "categories", "tags"];
    for (table, key, problem) in [
        ("regions", "..", "would name a folder above"),
        ("categories", "a/b", "separator"),
        ("tags", "", "empty"),
        ("regions", "/abs", "separator"),
        ("regions", "con", "device name"),
        ("regions", "a\\u0007b", "invisible character U+0007"),
        ("regions", "x\\u202Eftp.exe", "invisible character U+202E"),
        // A key also names a file of the search index, `<key>.json`.
        (
            "tags",
            &"漢".repeat(84),
            "252 bytes long; a key also names files, with an extension, so it may have at most 250",
        ),
        // 250 bytes, whose lowercase (its slug, the folder's name) takes 375.
        ("tags", &"Ⱥ".repeat(125), "375 bytes long"),
    ] {
        assert!(tables.contains(&table));
        assert_build_fails(
            |s| append_settings(s, &format!("[{table}.\"{key}\"]\nname = {{ fr = \"X\" }}")),
            &[&format!("{table} key \""), problem],
        );
    }
    // The longest key that names a file with its extension still builds.
    let site = Site::fixture("news");
    append_settings(&site, &format!("[tags.\"{}\"]\nname = {{ fr = \"X\" }}", "a".repeat(250)));
    site.build(&[]);
    assert_build_fails(|s| append_settings(s, "[authors.\"../x\"]\nname = \"X\""), &["authors key \"../x\""]);
    assert_build_fails(|s| replace_in(s, "site.toml", "[languages.en]", "[languages.\"con\"]"), &["site.toml:"]);
    assert_build_fails(
        |s| replace_in(s, "site.toml", "timezone =", "theme = \"/etc\"\ntimezone ="),
        &["site.toml:6:1: theme key \"/etc\" cannot be a folder of the site"],
    );
}

#[test]
fn slugs_tags_and_aliases_that_leave_the_site_or_cannot_be_files_are_refused_with_their_line() {
    let cases = [
        ("slug = \"../../x\"", "alpha.md:8:1: slug \"../../x\" cannot be used in a URL"),
        ("slug = \"con\"", "slug \"con\" cannot be used in a URL: \"con\" is a device name"),
        ("slug = \"a\\u0001b\"", "invisible character U+0001"),
        ("slug = \"x. \"", "ends with a dot"),
        ("aliases = [\"/../../etc/x\"]", "alias \"/../../etc/x\" must be a path inside the site"),
        ("aliases = [\"old/\"]", "does not start with \"/\""),
        ("aliases = [\"//evil.example/x\"]", "it starts with \"/\""),
        ("authors = [\"x\", \"x\"]\ntags = [\"CON\"]", "tag \"CON\" cannot be a folder of the site"),
    ];
    for (line, expected) in cases {
        let edit = |s: &Site| {
            replace_in(s, ALPHA, "tags = [\"cyber\", \"sanctions\"]\n", "");
            replace_in(s, ALPHA, "disclaimer = true", &format!("disclaimer = true\n{line}"));
        };
        assert_build_fails(edit, &[expected]);
    }
    let long_category = format!("category = \"{}\"", "i".repeat(251));
    assert_build_fails(
        |s| replace_in(s, ALPHA, "category = \"international\"", &long_category),
        &["251 bytes long; a key also names files, with an extension, so it may have at most 250"],
    );
    let long = "é".repeat(130);
    assert_build_fails(
        |s| replace_in(s, ALPHA, "disclaimer = true", &format!("disclaimer = true\nslug = \"{long}\"")),
        &["260 bytes long; file systems allow at most 255"],
    );
}

#[test]
fn a_page_or_alias_on_a_generated_output_is_an_error_naming_both() {
    let page = |slug: &str| format!("+++\ntitle = \"P\"\nslug = \"{slug}\"\n+++\nText.\n");
    for (slug, both) in [
        ("en", ["the page content/pages/p.md", "page 1 of the en home page"]),
        ("tags", ["the page content/pages/p.md", "the fr list of tags"]),
        ("tags/cyber", ["the page content/pages/p.md", "the fr tags page \"cyber\""]),
        ("page/2", ["the page content/pages/p.md", "page 2 of the fr home page"]),
        ("rss.xml", ["the fr RSS feed of the site writes the file rss.xml", "the page content/pages/p.md"]),
    ] {
        let mut expected = vec!["content/pages/p.md:3:1"];
        expected.extend(both);
        assert_build_fails(|s| s.write("content/pages/p.md", page(slug)), &expected);
    }
    for (alias, other) in [
        ("/rss.xml", "the fr RSS feed of the site"),
        ("/sitemap.xml", "the site's sitemap"),
        ("/en/", "page 1 of the en home page"),
        ("/articles/beta/", "the article content/articles/2025-03-02-beta.md"),
    ] {
        assert_build_fails(
            |s| replace_in(s, ALPHA, "disclaimer = true", &format!("disclaimer = true\naliases = [\"{alias}\"]")),
            &[&format!("{ALPHA}:9:1: "), &format!("an alias of {ALPHA}"), other, "would write the same file"],
        );
    }
}

#[test]
fn a_static_file_on_a_generated_output_is_an_error() {
    assert_build_fails(
        |s| s.write("static/index.html", "mine"),
        &["the static file static/index.html", "page 1 of the fr home page", "would write the same file index.html"],
    );
    assert_build_fails(|s| s.write("static/syntax.css", "x"), &["the code stylesheet"]);
}

#[test]
fn outputs_that_differ_only_by_case_or_unicode_form_are_one_file_and_an_error() {
    let page = |slug: &str| format!("+++\ntitle = \"P\"\nslug = \"{slug}\"\n+++\nText.\n");
    assert_build_fails(
        |s| s.write("content/pages/p.md", page("About")),
        &["the page content/pages/about.md", "the page content/pages/p.md", "would write the same file"],
    );
    assert_build_fails(
        |s| {
            s.write("content/pages/p.md", page("caf\u{e9}"));
            s.write("content/pages/q.md", page("cafe\u{301}"));
        },
        // Both slugs are read composed (NFC), so they are one URL.
        &["content/pages/q.md", "the URL /café/ is also produced by content/pages/p.md"],
    );
}

#[test]
fn repeated_regions_and_authors_are_listed_once() {
    let site = Site::fixture("news");
    append_settings(&site, "[authors.ana]\nname = \"Ana\"");
    replace_in(
        &site,
        ALPHA,
        "regions = [\"kp\", \"kr\"]",
        "regions = [\"kp\", \"kp\", \"kr\", \"kp\"]\nauthors = [\"ana\", \"ana\"]",
    );
    site.build(&[]);
    let alpha = "<link>https://test.example.org/articles/alpha/</link>";
    assert_eq!(site.output("regions/kp/rss.xml").matches(alpha).count(), 1);
    assert_eq!(site.output("authors/ana/rss.xml").matches(alpha).count(), 1);
    let page = site.output("articles/alpha/index.html");
    assert_eq!(page.matches("/regions/kp/\"").count(), page.matches("/regions/kr/\"").count());
}

#[test]
fn an_article_cannot_fan_out_to_more_terms_than_the_documented_limits() {
    let many = |n: usize| (0..n).map(|i| format!("\"t{i}\"")).collect::<Vec<_>>().join(", ");
    assert_build_fails(
        |s| replace_in(s, ALPHA, "tags = [\"cyber\", \"sanctions\"]", &format!("tags = [{}]", many(51))),
        &[&format!("{ALPHA}:6:1: tags lists 51 values; an article may have at most 50")],
    );
    let site = Site::fixture("news");
    replace_in(&site, ALPHA, "tags = [\"cyber\", \"sanctions\"]", &format!("tags = [{}]", many(50)));
    site.build(&[]);
    assert!(site.has_output("tags/t49/rss.xml"));
}

#[test]
fn control_characters_never_reach_a_page() {
    let site = Site::fixture("news");
    replace_in(
        &site,
        ALPHA,
        "title = \"Alpha : réunion sur la cybersécurité\"",
        "title = \"Alpha\\u0007 \\u0085bell\"",
    );
    replace_in(&site, ALPHA, "## Contexte {#context}", "## Contexte {#context}\n\nRaw\u{1}text\u{7f}here.");
    replace_in(&site, "site.toml", "name = \"Français\"", "name = \"Fran\\u001bçais\"");
    site.build(&[]);
    for page in ["articles/alpha/index.html", "index.html", "tags/cyber/index.html"] {
        let html = site.output(page);
        let stray: Vec<char> = html.chars().filter(|&c| broadsheet::controls::is_stray(c)).collect();
        assert!(stray.is_empty(), "{page} has {stray:?}");
    }
    let article = site.output("articles/alpha/index.html");
    assert!(article.contains("Alpha bell") && article.contains("Rawtexthere."), "text kept around the controls");
}

#[test]
fn an_opening_delimiter_with_trailing_spaces_is_accepted() {
    let site = Site::fixture("news");
    let text = std::fs::read_to_string(site.root().join(ALPHA)).unwrap();
    site.write(ALPHA, text.replacen("+++\n", "+++  \n", 1));
    site.build(&[]);
    assert!(site.output("articles/alpha/index.html").contains("Alpha"));
}

#[test]
fn bytes_that_are_not_utf8_are_located_by_line_and_column() {
    assert_build_fails(
        |s| s.write(ALPHA, b"+++\ntitle = \"\xff\"\n+++\n".as_slice()),
        &[&format!("{ALPHA}:2:10: the file is not valid UTF-8 here (byte 13)")],
    );
}

#[test]
fn a_missing_highlight_theme_is_blamed_on_the_setting_that_names_it() {
    assert_build_fails(
        |s| append_settings(s, "[markdown]\nhighlight_theme = \"nope\""),
        &["site.toml:34:1: unknown highlighting theme \"nope\""],
    );
}

#[test]
fn templates_that_include_each_other_in_a_circle_are_an_error_with_a_line() {
    assert_build_fails(
        |s| {
            s.write("templates/a.html", "{% include \"b.html\" %}");
            s.write("templates/b.html", "x\n{% include \"a.html\" %}");
            s.write("templates/404.html", "{% include \"a.html\" %}");
        },
        &["error[template-cycle]: templates/b.html:2:1: templates include or extend each other in a circle"],
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_in_content_and_static_are_reported_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "+++\ntitle = \"S\"\ndate = 2025-01-01\n+++\n").unwrap();
    assert_build_fails(
        |s| {
            std::os::unix::fs::symlink(outside.path().join("secret.md"), s.root().join("content/articles/s.md"))
                .unwrap();
            std::fs::create_dir_all(s.root().join("static")).unwrap();
            std::os::unix::fs::symlink(outside.path(), s.root().join("static/shared")).unwrap();
        },
        &[
            "content/articles/s.md: the file is a symbolic link, which broadsheet does not follow",
            "static/shared: the file is a symbolic link",
        ],
    );
}
