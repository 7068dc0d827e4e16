//! Images in articles: a lead image's caption and credit (its link checked like any
//! address an editor writes), its required alternative text and focal point, the
//! figures and lazy loading of body images, the picture of link previews (raster
//! only, else site.toml's `[images] default`), JSON-LD `ImageObject`s, and the
//! robots directive asking for large previews. Built from the `news` fixture with a
//! photo article written into it.

mod common;

use common::{Site, assert_build_fails, graph_object, json_ld, photo_jpeg};

const PHOTO: &str = "content/articles/2025-03-05-port.md";
const BASE: &str = "https://test.example.org";

/// An article of the `news` fixture whose 4th line is `image_line`, with `body`.
fn article(image_line: &str, body: &str) -> String {
    format!("+++\ntitle = \"Le port rouvre\"\ndate = 2025-03-05T08:00:00Z\n{image_line}\n+++\n{body}")
}

/// The `news` fixture with the photo article and the files it shows.
fn with_photo(image_line: &str, body: &str) -> Site {
    let site = Site::fixture("news");
    site.write("static/photos/port.jpg", photo_jpeg(64, 48));
    site.write("static/maps/port.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.write(PHOTO, article(image_line, body));
    site
}

/// site.toml with an `[images] default` table naming `src`.
fn with_default_image(site: &Site, src: &str) {
    let text = std::fs::read_to_string(site.path("site.toml")).unwrap();
    let table =
        format!("\n[images]\ndefault = {{ src = \"{src}\", alt = {{ fr = \"Le logo\", en = \"The logo\" }} }}\n");
    site.write("site.toml", text + &table);
}

fn page(site: &Site) -> String {
    site.output("articles/port/index.html")
}

/// The lead figure of a page.
fn lead_figure(html: &str) -> &str {
    let start = html.find("<figure class=\"lead-image\">").expect("lead figure");
    &html[start..start + html[start..].find("</figure>").unwrap()]
}

fn meta(html: &str, attribute: &str, name: &str) -> Option<String> {
    let tag = format!("<meta {attribute}=\"{name}\" content=\"");
    let start = html.find(&tag)? + tag.len();
    Some(html[start..start + html[start..].find('"').unwrap()].to_string())
}

#[test]
fn caption_and_credit_are_shown_escaped_under_the_lead_image_with_the_credit_linked() {
    let site = with_photo(
        "image = { src = \"/photos/port.jpg\", alt = \"Des grues <au> \\\"quai\\\"\", caption = \"Le port </figure><script>alert(1)</script> & la digue\", credit = \"AFP & <i>Reuters</i>\", credit_url = \"https://afp.example.com/?a=1&b=\\\"><script>alert(2)</script>\" }",
        "Texte.\n",
    );
    site.build(&[]);
    let html = page(&site);
    let figure = lead_figure(&html);
    assert!(!html.contains("<script>alert("), "{figure}");
    assert!(figure.contains("alt=\"Des grues &lt;au&gt; &quot;quai&quot;\""), "{figure}");
    assert!(figure.contains("<figcaption>"), "{figure}");
    assert!(
        figure.contains("<span class=\"image-caption\">Le port &lt;/figure&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; la digue</span>"),
        "{figure}"
    );
    assert!(figure.contains("Crédit\u{a0}: <a href=\"https://afp.example.com/?a=1&amp;b=&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\" rel=\"noopener\">AFP &amp; &lt;i&gt;Reuters&lt;/i&gt;</a>"), "{figure}");
    assert!(!figure.contains("loading=\"lazy\""), "the lead image is not loaded lazily: {figure}");
}

#[test]
fn the_credit_label_is_in_the_page_language_and_a_credit_without_address_is_text() {
    let site = with_photo("image = { src = \"/photos/port.jpg\", alt = \"Des grues\", credit = \"AFP\" }", "Texte.\n");
    site.write(
        "content/articles/2025-03-05-port.en.md",
        "+++\ntitle = \"The port reopens\"\nimage = { src = \"/photos/port.jpg\", alt = \"Cranes\", caption = \"The port\", credit = \"AFP\" }\n+++\nText.\n",
    );
    site.build(&[]);
    let fr = page(&site);
    assert!(lead_figure(&fr).contains("<span class=\"image-credit\">Crédit\u{a0}: AFP</span>"), "{fr}");
    assert!(!lead_figure(&fr).contains("image-caption"), "no caption, no empty caption element");
    let en = site.output("en/articles/port/index.html");
    assert!(
        lead_figure(&en)
            .contains("<span class=\"image-caption\">The port</span><span class=\"image-credit\">Credit: AFP</span>"),
        "{en}"
    );
}

#[test]
fn a_translation_without_an_image_shows_its_originals_and_one_with_an_image_replaces_it_whole() {
    let site = with_photo(
        "image = { src = \"/photos/port.jpg\", alt = \"Des grues\", caption = \"Le port\", credit = \"AFP\" }",
        "Texte.\n",
    );
    site.write("content/articles/2025-03-05-port.en.md", "+++\ntitle = \"The port reopens\"\n+++\nText.\n");
    site.build(&[]);
    let en = site.output("en/articles/port/index.html");
    assert!(
        lead_figure(&en).contains("alt=\"Des grues\"") && lead_figure(&en).contains("Le port"),
        "inherited whole: {en}"
    );
    site.write(
        "content/articles/2025-03-05-port.en.md",
        "+++\ntitle = \"The port reopens\"\nimage = { src = \"/photos/port.jpg\", alt = \"Cranes\" }\n+++\nText.\n",
    );
    site.build(&[]);
    let en = site.output("en/articles/port/index.html");
    let figure = lead_figure(&en);
    assert!(figure.contains("alt=\"Cranes\"") && !figure.contains("figcaption"), "replaced whole: {figure}");
}

#[test]
fn a_script_address_as_credit_url_fails_the_build_at_its_value() {
    let stderr = assert_build_fails(
        |site| {
            site.write(
                PHOTO,
                article(
                    "image = { src = \"/x.jpg\", alt = \"A\", credit = \"AFP\", credit_url = \"javascript:alert(1)\" }",
                    "",
                ),
            );
        },
        &[
            "error[unsafe-link]: content/articles/2025-03-05-port.md:4:67:",
            "image credit_url \"javascript:alert(1)\" is not allowed: it uses the scheme \"javascript:\"",
            "https://example.org/page",
        ],
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_credit_url_without_a_credit_fails_the_build() {
    assert_build_fails(
        |site| {
            site.write(
                PHOTO,
                article("image = { src = \"/x.jpg\", alt = \"A\", credit_url = \"https://afp.example.com/\" }", ""),
            )
        },
        &["content/articles/2025-03-05-port.md:4:51", "has a credit_url but no credit", "add credit ="],
    );
}

#[test]
fn a_lead_image_without_alt_fails_the_build_at_its_line_saying_what_to_write() {
    assert_build_fails(
        |site| site.write(PHOTO, article("image = { src = \"/photos/port.jpg\", caption = \"Le port\" }", "")),
        &[
            "content/articles/2025-03-05-port.md:4:17",
            "image \"/photos/port.jpg\" has no `alt` key",
            "add alt = \"what the image shows\"",
            "alt = \"\" if it is only decorative",
        ],
    );
}

#[test]
fn a_focal_point_outside_the_image_fails_the_build_at_its_value() {
    assert_build_fails(
        |site| site.write(PHOTO, article("image = { src = \"/x.jpg\", alt = \"A\", focus = [0.5, 1.2] }", "")),
        &[
            "content/articles/2025-03-05-port.md:4:46",
            "image focus [0.5, 1.2] is not two numbers between 0 and 1",
            "[0.5, 0.3]",
        ],
    );
    assert_build_fails(
        |site| site.write(PHOTO, article("image = { src = \"/x.jpg\", alt = \"A\", focus = [0.5] }", "")),
        &["content/articles/2025-03-05-port.md:4:46", "is not two numbers"],
    );
}

#[test]
fn a_focal_point_within_the_image_is_accepted() {
    let site = with_photo("image = { src = \"/photos/port.jpg\", alt = \"Des grues\", focus = [0, 0.25] }", "");
    site.build(&[]);
}

#[test]
fn an_empty_alt_marks_a_decorative_image_rendered_with_an_empty_alt() {
    let site = with_photo("image = { src = \"/maps/port.svg\", alt = \"\" }", "");
    site.build(&[]);
    let html = page(&site);
    assert!(lead_figure(&html).contains("<img src=\"/maps/port.svg\" alt=\"\""), "{html}");
}

#[test]
fn a_body_image_alone_in_its_paragraph_is_a_captioned_figure_and_an_inline_one_stays_inline() {
    let body = "Avant.\n\n![Une grue](/maps/port.svg \"La grue <n°3> & le quai\")\n\nUn plan ![plan](/maps/port.svg \"Plan\") dans le texte.\n\n![Sans titre](/maps/port.svg)\n";
    let site = with_photo("", body);
    site.build(&[]);
    let html = page(&site);
    assert!(
        html.contains("<figure>\n<img src=\"/maps/port.svg\" alt=\"Une grue\" loading=\"lazy\" decoding=\"async\">\n<figcaption>La grue &lt;n°3&gt; &amp; le quai</figcaption>\n</figure>"),
        "{html}"
    );
    assert!(
        html.contains("<p>Un plan <img src=\"/maps/port.svg\" alt=\"plan\" title=\"Plan\" loading=\"lazy\" decoding=\"async\"> dans le texte.</p>"),
        "{html}"
    );
    assert!(
        html.contains("<p><img src=\"/maps/port.svg\" alt=\"Sans titre\" loading=\"lazy\" decoding=\"async\"></p>"),
        "{html}"
    );
}

#[test]
fn link_previews_show_a_raster_lead_image_and_never_an_svg() {
    let site = with_photo("image = { src = \"/photos/port.jpg\", alt = \"Des grues\" }", "");
    site.build(&[]);
    let html = page(&site);
    let crop = meta(&html, "property", "og:image").unwrap();
    assert!(crop.starts_with(&format!("{BASE}/photos/port.")) && crop.ends_with("x34.jpg"), "its crop: {crop}");
    assert_eq!(meta(&html, "name", "twitter:image"), Some(crop));
    assert_eq!(meta(&html, "property", "og:image:alt").as_deref(), Some("Des grues"));
    assert_eq!(meta(&html, "name", "twitter:card").as_deref(), Some("summary_large_image"));

    site.write(PHOTO, article("image = { src = \"/maps/port.svg\", alt = \"Un plan\" }", ""));
    site.build(&[]);
    let html = page(&site);
    assert!(!html.contains("og:image") && !html.contains("twitter:image"), "an SVG is no preview:\n{html}");
    assert_eq!(meta(&html, "name", "twitter:card").as_deref(), Some("summary"));
}

/// The `image` of the JSON feed item of the photo article.
fn feed_image(site: &Site) -> serde_json::Value {
    let feed: serde_json::Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    let items = feed["items"].as_array().unwrap();
    let item = items.iter().find(|i| i["url"].as_str().is_some_and(|u| u.ends_with("/articles/port/"))).unwrap();
    item["image"].clone()
}

#[test]
fn the_json_feed_carries_a_raster_lead_image_and_never_an_svg() {
    let site = with_photo("image = { src = \"/photos/port.jpg\", alt = \"Des grues\" }", "");
    site.build(&[]);
    let crop = feed_image(&site);
    assert!(crop.as_str().unwrap().starts_with(&format!("{BASE}/photos/port.")), "its crop: {crop}");
    site.write(PHOTO, article("image = { src = \"/maps/port.svg\", alt = \"Un plan\" }", ""));
    site.build(&[]);
    assert!(feed_image(&site).is_null(), "an SVG is no feed picture");
}

#[test]
fn pages_without_a_raster_image_fall_back_to_the_site_default_in_their_language() {
    let site = with_photo("image = { src = \"/maps/port.svg\", alt = \"Un plan\" }", "");
    site.write("static/social.png", b"\x89PNG\r\n\x1a\n not decoded by the build");
    with_default_image(&site, "/social.png");
    site.build(&[]);
    let html = page(&site);
    assert_eq!(meta(&html, "property", "og:image").as_deref(), Some(&*format!("{BASE}/social.png")));
    assert_eq!(meta(&html, "property", "og:image:alt").as_deref(), Some("Le logo"));
    let en_home = site.output("en/index.html");
    assert_eq!(meta(&en_home, "property", "og:image").as_deref(), Some(&*format!("{BASE}/social.png")));
    assert_eq!(meta(&en_home, "name", "twitter:image:alt").as_deref(), Some("The logo"));
}

#[test]
fn a_default_image_missing_from_the_static_files_or_not_raster_fails_the_build_in_site_toml() {
    assert_build_fails(
        |site| with_default_image(site, "/social.png"),
        &["site.toml:", "image \"/social.png\" is not among the static files", "put the file at static/social.png"],
    );
    assert_build_fails(
        |site| {
            site.write("static/social.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
            with_default_image(site, "/social.svg");
        },
        &["site.toml:", "image \"/social.svg\" is not a raster image (PNG, JPEG, WebP or GIF)", "they ignore SVG"],
    );
    assert_build_fails(
        |site| {
            site.write("static/social.png", "a stand-in: the build does not decode images");
            with_default_image(site, "social.png");
        },
        &["site.toml:", "image \"social.png\" must be written from the site root", "as /social.png"],
    );
}

#[test]
fn json_ld_images_are_image_objects_with_caption_and_credit_escaped() {
    let site = with_photo(
        "image = { src = \"/photos/port.jpg\", alt = \"Des grues\", caption = \"Le port </script><script>alert(1)</script>\", credit = \"AFP & Reuters\" }",
        "",
    );
    site.build(&[]);
    let html = page(&site);
    assert!(!html.contains("<script>alert(1)"), "{html}");
    let article = graph_object(&json_ld(&html), "NewsArticle").clone();
    let image = &article["image"][0];
    assert_eq!(image["@type"], "ImageObject");
    assert!(image["url"].as_str().unwrap().starts_with(&format!("{BASE}/photos/port.")), "{image}");
    assert_eq!(image["caption"], "Le port </script><script>alert(1)</script>");
    assert_eq!(image["creditText"], "AFP & Reuters");
    assert_eq!(image["description"], "Des grues");
    assert_eq!((image["width"].as_u64(), image["height"].as_u64()), (Some(64), Some(36)), "the 16:9 crop's size");
    assert_eq!(article["image"].as_array().unwrap().len(), 3, "three proportions of a photograph, no default");
}

#[test]
fn json_ld_adds_the_default_image_beside_an_svg_lead_image() {
    let site = with_photo("image = { src = \"/maps/port.svg\", alt = \"Un plan\", credit = \"Broadsheet\" }", "");
    site.write("static/social.png", b"\x89PNG\r\n\x1a\n");
    with_default_image(&site, "/social.png");
    site.build(&[]);
    let article = graph_object(&json_ld(&page(&site)), "NewsArticle").clone();
    let urls: Vec<&str> = article["image"].as_array().unwrap().iter().map(|i| i["url"].as_str().unwrap()).collect();
    assert_eq!(urls, [format!("{BASE}/maps/port.svg"), format!("{BASE}/social.png")]);
    assert_eq!(article["image"][0]["creditText"], "Broadsheet");
}

#[test]
fn every_page_asks_for_large_image_previews_and_drafts_and_404_are_not_indexed() {
    let site = with_photo("", "");
    site.build(&["--drafts"]);
    for rel in ["index.html", "articles/port/index.html", "en/index.html", "tags/index.html"] {
        let html = site.output(rel);
        assert_eq!(meta(&html, "name", "robots").as_deref(), Some("max-image-preview:large"), "{rel}");
        assert_eq!(html.matches("name=\"robots\"").count(), 1, "{rel}");
    }
    let draft = site.output("articles/brouillon/index.html");
    assert_eq!(meta(&draft, "name", "robots").as_deref(), Some("noindex"));
    assert_eq!(meta(&site.output("404.html"), "name", "robots").as_deref(), Some("noindex"));
}
