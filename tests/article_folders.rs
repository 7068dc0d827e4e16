//! Articles as folders: `content/articles/<stem>/index.md`, its translations
//! `index.<lang>.md` beside it and its photographs next to them, published once
//! beside the article's page and linked from relative addresses; an address that
//! leaves the folder or names no file of it fails the build at its line and column,
//! with the previous output untouched; `new --folder` and `new --translate` write
//! folder articles. Built from the `news` fixture with a folder article written
//! into it.

mod common;

use common::{Site, assert_build_fails, photo_jpeg, read_tree};

const FOLDER: &str = "content/articles/2025-03-05-port";
const INDEX: &str = "content/articles/2025-03-05-port/index.md";

/// A folder article whose 4th line is `image_line`, with `body`.
fn article(image_line: &str, body: &str) -> String {
    format!("+++\ntitle = \"Le port rouvre\"\ndate = 2025-03-05T08:00:00Z\n{image_line}\n+++\n{body}")
}

/// Writes the folder article with `image_line` and `body`, its photograph and map.
fn write_folder(site: &Site, image_line: &str, body: &str) {
    site.write(INDEX, article(image_line, body));
    site.write(&format!("{FOLDER}/port.jpg"), photo_jpeg(64, 48));
    site.write(&format!("{FOLDER}/cartes/port.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.write(&format!("{FOLDER}/.port.jpg.swp"), "an editor's leftover");
}

fn with_folder() -> Site {
    let site = Site::fixture("news");
    write_folder(
        &site,
        "image = { src = \"port.jpg\", alt = \"Des grues\" }",
        "Texte.\n\n![La carte](./cartes/port.svg \"Le port\")\n",
    );
    site.write(
        &format!("{FOLDER}/index.en.md"),
        "+++\ntitle = \"The port reopens\"\n+++\nText.\n\n![The map](cartes/port.svg)\n",
    );
    site
}

#[test]
fn a_folder_article_is_published_with_its_files_beside_its_page_and_linked_from_relative_addresses() {
    let site = with_folder();
    site.build(&[]);
    let html = site.output("articles/port/index.html");
    assert!(html.contains("src=\"/articles/port/port."), "lead image from the folder");
    assert!(html.contains("<img src=\"/articles/port/cartes/port.svg\" alt=\"La carte\""), "body figure");
    let published = site.public().join("articles/port/port.jpg");
    assert_eq!(image::image_dimensions(published).unwrap(), (64, 48), "the photograph, processed");
    assert!(site.has_output("articles/port/cartes/port.svg"));
    assert!(!site.has_output("articles/port/.port.jpg.swp"), "hidden files stay out");
    assert!(!site.has_output("articles/port/index.md"), "the Markdown is not copied");
}

#[test]
fn a_translation_beside_index_md_is_linked_to_it_and_shares_its_files() {
    let site = with_folder();
    site.build(&[]);
    let english = site.output("en/articles/port/index.html");
    assert!(english.contains("<img src=\"/articles/port/cartes/port.svg\" alt=\"The map\""), "one shared copy");
    assert!(english.contains("src=\"/articles/port/port."), "the original's lead image");
    assert!(english.contains("hreflang=\"fr\""), "linked to its original");
    assert!(site.output("articles/port/index.html").contains("hreflang=\"en\""));
    assert!(!site.has_output("en/articles/port/port.jpg"), "files are published once");
    assert!(!english.contains("/en/articles/port/port."), "versions too");
}

#[test]
fn folder_files_follow_the_sites_sub_path() {
    let site = with_folder();
    site.build(&["--base-url", "https://test.example.org/news"]);
    let html = site.output("articles/port/index.html");
    assert!(html.contains("<img src=\"/news/articles/port/cartes/port.svg\""), "body image under the sub-path");
    assert!(html.contains("src=\"/news/articles/port/port."), "lead image under the sub-path");
    assert!(html.contains("content=\"https://test.example.org/news/articles/port/port."), "absolute in previews");
}

#[test]
fn a_link_to_a_folder_article_is_written_with_its_index_file() {
    let site = with_folder();
    common::replace_in(
        &site,
        common::ALPHA,
        "\n+++\n",
        "\n+++\nVoir [le port](@/articles/2025-03-05-port/index.md).\n",
    );
    site.build(&[]);
    assert!(site.output("articles/alpha/index.html").contains("href=\"/articles/port/\""));
}

#[test]
fn relative_addresses_leaving_the_folder_fail_the_build_at_their_place_and_keep_the_output() {
    let stderr = assert_build_fails(
        |site| {
            write_folder(
                site,
                "image = { src = \"port.jpg\", alt = \"A\" }",
                "Texte.\n\n![Une](photos/../../x.jpg) et ![deux](%2e%2e/secret.jpg)\n",
            );
            common::replace_in(site, common::ALPHA, "\n+++\n", "\n+++\n[Mort](@/articles/nulle-part.md)\n");
        },
        &[
            "content/articles/2025-03-05-port/index.md:8:1",
            "image \"photos/../../x.jpg\" is not a path inside the article's folder",
            "content/articles/2025-03-05-port/index.md:8:31",
            "%2e%2e/secret.jpg",
            "put the file in the article's folder",
            "nulle-part.md",
        ],
    );
    assert!(stderr.contains("error[resource-path]"), "{stderr}");
}

#[test]
fn a_lead_image_leaving_the_folder_fails_the_build_at_its_value() {
    assert_build_fails(
        |site| write_folder(site, "image = { src = \"../alpha.jpg\", alt = \"A\" }", "Texte.\n"),
        &["content/articles/2025-03-05-port/index.md:4:17", "image \"../alpha.jpg\" is not a path inside"],
    );
}

#[test]
fn a_relative_image_naming_no_file_of_the_folder_fails_the_build_at_its_place() {
    assert_build_fails(
        |site| write_folder(site, "image = { src = \"port.jpg\", alt = \"\" }", "Texte.\n\n![La carte](carte.png)\n"),
        &[
            "content/articles/2025-03-05-port/index.md:8:1",
            "image \"carte.png\" is not a file of the article's folder",
            "put carte.png in the article's folder",
        ],
    );
}

#[test]
fn a_markdown_file_other_than_the_index_files_in_a_folder_fails_the_build() {
    assert_build_fails(
        |site| {
            write_folder(site, "", "Texte.\n");
            site.write(&format!("{FOLDER}/notes.md"), "+++\ntitle = \"Notes\"\n+++\n");
        },
        &["content/articles/2025-03-05-port/notes.md", "must be index.md or a translation index.<lang>.md"],
    );
}

#[test]
fn a_folder_file_where_a_static_file_is_fails_the_build() {
    assert_build_fails(
        |site| {
            write_folder(site, "", "Texte.\n");
            site.write("static/articles/port/port.jpg", photo_jpeg(8, 8));
        },
        &["port.jpg", "would be published at /articles/port/port.jpg, where a static file already is"],
    );
}

#[test]
fn two_folders_that_publish_a_file_at_one_address_fail_the_build() {
    assert_build_fails(
        |site| {
            write_folder(site, "", "Texte.\n");
            let other = "content/articles/2024-01-02-port";
            let text =
                "+++\ntitle = \"Le port ferme\"\ndate = 2024-01-02T08:00:00Z\nslug = \"port-2024\"\n+++\nTexte.\n";
            site.write(&format!("{other}/index.md"), text);
            site.write(&format!("{other}/port.jpg"), photo_jpeg(8, 8));
        },
        &["port.jpg", "would be published at /articles/port/port.jpg, where another article folder publishes one"],
    );
}

#[test]
fn a_removed_photo_leaves_the_output_at_the_next_build() {
    let site = with_folder();
    site.build(&[]);
    std::fs::remove_file(site.path(&format!("{FOLDER}/cartes/port.svg"))).unwrap();
    common::replace_in(&site, INDEX, "![La carte](./cartes/port.svg \"Le port\")", "");
    common::replace_in(&site, &format!("{FOLDER}/index.en.md"), "![The map](cartes/port.svg)", "");
    site.build(&[]);
    assert!(!site.has_output("articles/port/cartes/port.svg"));
    assert!(site.has_output("articles/port/port.jpg"));
}

#[test]
fn new_with_folder_writes_index_md_in_a_dated_folder_and_translate_writes_beside_it() {
    let site = Site::fixture("news");
    let run = site.run(&["new", "Le port rouvre", "--folder"]);
    assert!(run.ok(), "{}", run.stderr());
    let written = run.stdout().trim().to_string();
    assert!(written.ends_with("-le-port-rouvre/index.md"), "{written}");
    assert!(site.root().join(&written).is_file() || std::path::Path::new(&written).is_file(), "{written}");
    let rel = written.rsplit_once("content/").map(|(_, r)| format!("content/{r}")).unwrap();
    let run = site.run(&["new", "--translate", &rel, "--lang", "en"]);
    assert!(run.ok(), "{}", run.stderr());
    let translation = rel.replace("/index.md", "/index.en.md");
    assert!(site.path(&translation).is_file(), "{}", run.stdout());
    let before = read_tree(&site.path("content"));
    assert!(before.keys().any(|k| k.ends_with("-le-port-rouvre/index.en.md")));
}
