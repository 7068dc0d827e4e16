//! A site in French, English, Japanese, Korean and Arabic: every page in its language
//! and direction, reciprocal hreflang, per-language lists, localized dates.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Site, links, read_tree};

const BASE: &str = "https://multi.example.org";

/// The output file an absolute URL of the site points to.
fn file_of(url: &str) -> String {
    common::file_of(BASE, url)
}

fn built() -> Site {
    let site = Site::fixture("multilingual");
    site.build(&[]);
    site
}

/// The language folder of an output path ("ja/tags/index.html" → "ja").
fn language_of(path: &str) -> &'static str {
    ["en", "ja", "ko", "ar"].into_iter().find(|l| path.starts_with(&format!("{l}/"))).unwrap_or("fr")
}

/// (hreflang, href) pairs of `<link rel="alternate" hreflang>` in a page.
fn hreflangs(html: &str) -> BTreeSet<(String, String)> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|rest| {
            let lang = &rest[..rest.find('"').unwrap()];
            let href_start = rest.find("href=\"").unwrap() + 6;
            let href = &rest[href_start..href_start + rest[href_start..].find('"').unwrap()];
            (lang.to_string(), href.to_string())
        })
        .collect()
}

fn html_pages(site: &Site) -> BTreeMap<String, String> {
    read_tree(&site.public())
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

#[test]
fn every_page_declares_its_language_and_direction() {
    let site = built();
    for (path, html) in html_pages(&site) {
        let lang = language_of(&path);
        let dir = if lang == "ar" { "rtl" } else { "ltr" };
        assert!(html.contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\"")), "{path}");
    }
}

#[test]
fn hreflang_sets_are_equal_and_reciprocal_across_translations() {
    let site = built();
    let pages = html_pages(&site);
    for (path, html) in &pages {
        let set = hreflangs(html);
        for (lang, href) in &set {
            let target = file_of(href);
            let other = pages.get(&target).unwrap_or_else(|| panic!("{path}: hreflang {lang} → missing {target}"));
            assert_eq!(hreflangs(other), set, "{path} and {target} disagree");
            if lang != "x-default" {
                assert_eq!(language_of(&target), lang, "{path}: {href}");
            }
        }
    }
    let article = hreflangs(&pages["articles/reunion/index.html"]);
    let langs: Vec<_> = article.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(langs, ["ar", "en", "fr", "ja", "ko", "x-default"]);
}

#[test]
fn language_switcher_and_all_internal_links_resolve() {
    let site = built();
    let pages = html_pages(&site);
    let files = read_tree(&site.public());
    for (path, html) in &pages {
        for link in links(html) {
            if let Some(rest) = link.strip_prefix(BASE) {
                let target = file_of(&format!("{BASE}{}", rest.split('#').next().unwrap()));
                assert!(files.contains_key(&target), "{path}: {link} → missing {target}");
            }
        }
    }
    let ja = &pages["ja/articles/reunion/index.html"];
    assert!(ja.contains("hreflang=\"ar\" rel=\"alternate\">العربية</a>") || ja.contains(">العربية</a>"));
}

#[test]
fn translations_share_date_regions_and_source_of_their_original() {
    let site = built();
    let ko = site.output("ko/articles/reunion/index.html");
    assert!(ko.contains("https://mofa.example.jp/0301"), "source inherited");
    assert!(ko.contains("/ko/regions/kp/"), "regions inherited");
    assert!(ko.contains("datetime=\"2025-03-01T09:00:00+01:00\""), "date inherited");
}

#[test]
fn term_pages_list_only_their_languages_articles() {
    let site = built();
    let fr = site.output("tags/cyber/index.html");
    assert!(fr.contains("/articles/budget/") && fr.contains("/articles/reunion/"));
    for lang in ["en", "ja", "ko", "ar"] {
        let html = site.output(&format!("{lang}/tags/cyber/index.html"));
        assert!(html.contains(&format!("/{lang}/articles/reunion/")), "{lang}");
        assert!(!html.contains("/articles/budget/"), "{lang} lists a French-only article");
    }
    assert!(site.output("ja/tags/index.html").contains("サイバーセキュリティ"), "tag name translated");
    assert!(site.has_output("ja/tags/外交/index.html"), "Unicode tag folder");
    assert!(
        site.output("ja/articles/reunion/index.html").contains("/ja/tags/%E5%A4%96%E4%BA%A4/"),
        "percent-encoded link"
    );
}

#[test]
fn dates_are_formatted_for_each_locale() {
    let site = built();
    let cases = [
        ("articles/reunion/index.html", "1 mars 2025"),
        ("en/articles/reunion/index.html", "March 1, 2025"),
        ("ja/articles/reunion/index.html", "2025年3月1日"),
        ("ko/articles/reunion/index.html", "2025년 3월 1일"),
    ];
    for (file, date) in cases {
        assert!(site.output(file).contains(date), "{file}: {date}");
    }
    let ar = site.output("ar/articles/reunion/index.html");
    assert!(ar.contains("مارس"), "Arabic month name");
}

#[test]
fn missing_ui_strings_fall_back_to_the_default_language_with_one_warning() {
    let site = Site::fixture("multilingual");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}\n[languages.de]\nname = \"Deutsch\"\n"));
    let run = site.build(&[]);
    let warnings: Vec<_> =
        run.stderr().lines().filter(|l| l.starts_with("warning[missing-strings]: ")).map(str::to_string).collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr());
    assert!(warnings[0].contains("\"de\""), "{}", warnings[0]);
    let fr_commentary = site.output("index.html");
    let de_home = site.output("de/index.html");
    assert!(de_home.contains("<html lang=\"de\""));
    let fr_home_label = "Accueil";
    assert!(fr_commentary.contains(fr_home_label) && de_home.contains(fr_home_label), "French strings used for German");
}

/// The numbers the `<text>` elements of an SVG show.
fn figures(svg: &str) -> Vec<&str> {
    svg.split("<text").skip(1).filter_map(|t| Some(t[t.find('>')? + 1..t.find("</text>")?].trim())).collect()
}

#[test]
fn each_language_of_the_sample_site_shows_a_chart_written_for_it() {
    let site = Site::sample_at("2025-12-01T00:00:00Z");
    site.build(&[]);
    for (prefix, lang, shown, hidden) in
        [("", "fr", "1,7", "1.7"), ("en/", "en", "1.7", "1,7"), ("ja/", "ja", "17", "1,7"), ("ko/", "ko", "17", "1,7")]
    {
        let page = site.output(&format!("{prefix}articles/reunion-cyber-trilaterale/index.html"));
        let chart = format!("illustrations/vols-crypto-rpdc-{lang}.svg");
        assert!(page.contains(&format!("src=\"/{chart}\"")), "{lang} page shows {chart}");
        let svg = site.output(&chart);
        assert!(svg.contains(&format!("xml:lang=\"{lang}\"")), "{chart} declares its language");
        let numbers = figures(&svg);
        assert!(numbers.contains(&shown) && !numbers.contains(&hidden), "{chart}: {numbers:?}");
        let decimal_comma = numbers.iter().any(|n| n.contains(','));
        assert_eq!(decimal_comma, lang == "fr", "{chart}: decimal commas are French: {numbers:?}");
    }
}
