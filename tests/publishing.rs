//! What a site publishes besides its pages: feeds read back with a real feed parser,
//! sitemaps parsed as XML and mapped to output files, JSON-LD parsed on every
//! article, robots.txt, author pages and corrections. The `publishing` fixture has
//! an article whose title, summary, body, source and correction carry `</script>`,
//! `&`, `]]>` and a control character.

mod common;

use std::collections::BTreeSet;

use serde_json::Value;

use common::{Site, file_of, graph_object, json_ld, parse_feed, read_tree};

const BASE: &str = "https://pub.example.org";
const HOSTILE_TITLE: &str = "Hostile </script><script>alert(1)</script> & ]]> \"quotes\" end";

fn built() -> Site {
    let site = Site::fixture("publishing");
    site.build(&[]);
    site
}

/// Output paths of every feed.
fn feed_files(site: &Site) -> Vec<String> {
    read_tree(&site.public())
        .into_keys()
        .filter(|p| p.ends_with("rss.xml") || p.ends_with("atom.xml") || p.ends_with("feed.json"))
        .collect()
}

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not well-formed: {e}\n{text}"))
}

/// The text of the first element named `name` (local name) under `node`, in order.
fn texts<'a>(doc: &'a roxmltree::Document, name: &str) -> Vec<&'a str> {
    doc.descendants().filter(|n| n.tag_name().name() == name).map(|n| n.text().unwrap_or("")).collect()
}

/// The visible breadcrumb's names, unescaped.
fn visible_breadcrumb(html: &str) -> Vec<String> {
    let nav = &html[html.find("<nav class=\"breadcrumb\"").expect("breadcrumb")..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    nav.split("<a ")
        .skip(1)
        .map(|a| {
            let text = &a[a.find('>').unwrap() + 1..a.find("</a>").unwrap()];
            unescape(text)
        })
        .collect()
}

fn unescape(text: &str) -> String {
    [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#x27;", "'"), ("&#39;", "'"), ("&#x2F;", "/"), ("&amp;", "&")]
        .iter()
        .fold(text.to_string(), |t, (from, to)| t.replace(from, to))
}

fn is_rfc3339_with_zone(s: &str) -> bool {
    s.len() == 25 && s.as_bytes()[10] == b'T' && matches!(s.as_bytes()[19], b'+' | b'-')
}

#[test]
fn every_feed_parses_with_title_language_self_link_and_complete_items() {
    let site = built();
    let feeds = feed_files(&site);
    assert_eq!(feeds.len(), 2 * 3 * 5, "site, tag, region, category and author feeds in fr and ja: {feeds:?}");
    for rel in &feeds {
        let feed = parse_feed(&site, rel);
        let lang = if rel.starts_with("ja/") { "ja" } else { "fr" };
        assert!(feed.title.as_ref().is_some_and(|t| !t.content.is_empty()), "{rel}: title");
        assert_eq!(feed.language.as_deref(), Some(lang), "{rel}: language");
        assert!(site.output(rel).contains(&format!("{BASE}/{rel}")), "{rel}: self link");
        assert!(!feed.entries.is_empty() && feed.entries.len() <= 3, "{rel}: limit");
        for entry in &feed.entries {
            let what = format!("{rel}: {}", entry.id);
            assert!(entry.id.starts_with(BASE), "{what}: id is the permalink");
            assert!(entry.title.as_ref().is_some_and(|t| !t.content.is_empty()), "{what}: title");
            assert!(entry.published.is_some(), "{what}: published");
            assert!(entry.summary.is_some() || entry.content.is_some(), "{what}: summary");
            let link = &entry.links.first().expect("permalink").href;
            assert!(site.has_output(&file_of(BASE, link)), "{what}: {link} has no file");
            if !rel.ends_with("rss.xml") {
                assert!(entry.updated.is_some(), "{what}: updated");
            }
        }
    }
}

#[test]
fn rss_dates_use_english_names_and_atom_and_json_dates_carry_their_zone() {
    let site = built();
    let rss = site.output("ja/rss.xml");
    let rss = xml(&rss);
    assert_eq!(texts(&rss, "pubDate")[0], "Sat, 31 May 2025 14:00:00 +0200");
    assert_eq!(texts(&rss, "updated")[0], "2025-05-31T20:00:00+02:00");
    let atom = site.output("atom.xml");
    let atom = xml(&atom);
    assert_eq!(texts(&atom, "published")[0], "2025-05-31T14:00:00+02:00");
    let updated = texts(&atom, "updated");
    assert_eq!(updated[0], "2025-05-31T20:00:00+02:00", "feed: its newest item");
    assert_eq!(updated[1], "2025-05-31T20:00:00+02:00", "entry: its last correction");
    let json: Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    let item = &json["items"][0];
    assert_eq!(item["date_published"], "2025-05-31T14:00:00+02:00");
    assert_eq!(item["date_modified"], "2025-05-31T20:00:00+02:00");
}

#[test]
fn items_carry_their_authors_and_link_their_source() {
    let site = built();
    let source = "https://agency.example.com/story?a=1&b=2";
    let json: Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["language"], "fr");
    let item = &json["items"][0];
    assert_eq!(item["external_url"], source);
    assert_eq!(item["authors"][0]["name"], "Alice Martin");
    assert_eq!(item["authors"][0]["url"], format!("{BASE}/authors/alice/"));
    assert_eq!(item["authors"][1]["name"], "Bob Invité");

    let atom = parse_feed(&site, "atom.xml");
    let entry = &atom.entries[0];
    let names: Vec<&str> = entry.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Alice Martin", "Bob Invité"]);
    assert!(entry.links.iter().any(|l| l.href == source && l.rel.as_deref() == Some("via")));

    let rss = site.output("rss.xml");
    let rss = xml(&rss);
    let src = rss.descendants().find(|n| n.has_tag_name("source")).unwrap();
    assert_eq!(src.attribute("url"), Some(source));
    assert_eq!(src.text(), Some("Agency <Press> & Co"));
    let rss = parse_feed(&site, "rss.xml");
    assert_eq!(rss.entries[0].authors[0].name, "Alice Martin");
}

#[test]
fn feeds_carry_summaries_unless_full_content_is_set() {
    let site = built();
    let rss = parse_feed(&site, "rss.xml");
    assert!(rss.entries[0].content.is_none(), "no content:encoded by default");
    let json: Value = serde_json::from_str(&site.output("feed.json")).unwrap();
    let html = json["items"][0]["content_html"].as_str().unwrap();
    assert!(html.contains("Summary with") && !html.contains("Body with"), "{html}");

    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", config.replace("[feeds]\n", "[feeds]\nfull_content = true\n"));
    site.build(&[]);
    let rss = parse_feed(&site, "rss.xml");
    let content = rss.entries[0].content.as_ref().and_then(|c| c.body.clone()).unwrap();
    assert!(content.contains("Body with"), "{content}");
    assert!(content.contains(&format!("href=\"{BASE}/articles/ancien/\"")), "links made absolute: {content}");
    let atom = parse_feed(&site, "atom.xml");
    assert!(atom.entries[0].content.is_some(), "atom content");
}

#[test]
fn feeds_list_only_the_newest_articles_up_to_the_limit() {
    let site = built();
    for rel in ["rss.xml", "tags/cyber/rss.xml", "tags/cyber/atom.xml", "tags/cyber/feed.json"] {
        let feed = parse_feed(&site, rel);
        let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                format!("{BASE}/articles/hostile/"),
                format!("{BASE}/articles/ancien/"),
                format!("{BASE}/articles/premier/"),
            ],
            "{rel}"
        );
    }
    assert_eq!(parse_feed(&site, "authors/alice/rss.xml").entries.len(), 2);
}

#[test]
fn pages_announce_feeds_that_exist() {
    let site = built();
    let announced = |rel: &str| -> Vec<String> {
        site.output(rel)
            .split("<link rel=\"alternate\" type=\"")
            .skip(1)
            .map(|l| {
                let start = l.find("href=\"").unwrap() + 6;
                l[start..start + l[start..].find('"').unwrap()].to_string()
            })
            .collect()
    };
    let home = announced("index.html");
    assert_eq!(home, [format!("{BASE}/rss.xml"), format!("{BASE}/atom.xml"), format!("{BASE}/feed.json")]);
    let tag = announced("ja/tags/cyber/index.html");
    assert_eq!(tag[0], format!("{BASE}/ja/tags/cyber/rss.xml"));
    assert!(tag.contains(&format!("{BASE}/ja/rss.xml")));
    assert!(announced("authors/alice/index.html").contains(&format!("{BASE}/authors/alice/atom.xml")));
    for html in read_tree(&site.public()).keys().filter(|p| p.ends_with(".html")) {
        for url in announced(html) {
            assert!(site.has_output(&file_of(BASE, &url)), "{html}: {url}");
        }
    }
}

#[test]
fn sitemap_lists_every_public_page_once_with_article_dates_and_alternates() {
    let site = built();
    let text = site.output("sitemap.xml");
    let doc = xml(&text);
    let urls: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("url")).collect();
    let mut listed = BTreeSet::new();
    for url in &urls {
        let loc = url.children().find(|n| n.has_tag_name("loc")).unwrap().text().unwrap();
        let file = file_of(BASE, loc);
        assert!(site.has_output(&file), "{loc} has no file");
        assert!(listed.insert(file), "{loc} listed twice");
    }
    // Search pages are for readers, not crawlers: noindex, and out of the sitemap.
    let pages: BTreeSet<String> = read_tree(&site.public())
        .into_keys()
        .filter(|p| p.ends_with(".html") && !p.ends_with("404.html") && !p.ends_with("search/index.html"))
        .collect();
    assert_eq!(listed, pages);

    let entry = |loc: &str| {
        *urls
            .iter()
            .find(|u| u.descendants().any(|n| n.has_tag_name("loc") && n.text() == Some(loc)))
            .unwrap_or_else(|| panic!("{loc} not listed"))
    };
    let lastmod = |loc: &str| {
        entry(loc).children().find(|n| n.has_tag_name("lastmod")).and_then(|n| n.text()).map(str::to_string)
    };
    let hostile = format!("{BASE}/articles/hostile/");
    assert_eq!(lastmod(&hostile).as_deref(), Some("2025-05-31T20:00:00+02:00"));
    assert_eq!(lastmod(&format!("{BASE}/articles/premier/")).as_deref(), Some("2025-04-01T00:00:00+02:00"));
    assert_eq!(lastmod(&format!("{BASE}/tags/cyber/")).as_deref(), Some("2025-05-31T20:00:00+02:00"));
    assert_eq!(lastmod(&format!("{BASE}/about/")), None, "a plain page has no date");
    let alternates: Vec<(&str, &str)> = entry(&hostile)
        .children()
        .filter(|n| n.has_tag_name("link"))
        .map(|n| (n.attribute("hreflang").unwrap(), n.attribute("href").unwrap()))
        .collect();
    let ja = format!("{BASE}/ja/articles/hostile/");
    assert_eq!(alternates, [("fr", hostile.as_str()), ("ja", ja.as_str()), ("x-default", hostile.as_str())]);

    site.build(&["--now", "2025-09-01T00:00:00Z"]);
    assert_eq!(site.output("sitemap.xml"), text, "lastmod never comes from the build clock");
}

#[test]
fn news_sitemap_lists_the_articles_of_the_48_hours_before_the_build_clock() {
    let site = built();
    let text = site.output("news-sitemap.xml");
    let doc = xml(&text);
    let locs = texts(&doc, "loc");
    assert_eq!(locs, [format!("{BASE}/articles/hostile/"), format!("{BASE}/ja/articles/hostile/")]);
    assert_eq!(texts(&doc, "name"), ["Gazette Médias", "Gazette Médias"]);
    assert_eq!(texts(&doc, "language"), ["fr", "ja"]);
    assert_eq!(texts(&doc, "publication_date")[0], "2025-05-31T14:00:00+02:00");
    assert_eq!(texts(&doc, "title")[0], HOSTILE_TITLE);

    site.build(&["--now", "2025-05-02T12:00:00Z"]);
    let doc = site.output("news-sitemap.xml");
    assert_eq!(texts(&xml(&doc), "loc"), [format!("{BASE}/articles/ancien/")]);
    site.build(&["--now", "2025-07-01T00:00:00Z"]);
    assert!(texts(&xml(&site.output("news-sitemap.xml")), "loc").is_empty());
}

#[test]
fn robots_txt_points_to_the_sitemaps() {
    let site = built();
    assert_eq!(
        site.output("robots.txt"),
        format!("User-agent: *\nDisallow:\n\nSitemap: {BASE}/sitemap.xml\nSitemap: {BASE}/news-sitemap.xml\n")
    );
}

#[test]
fn every_article_page_has_news_article_json_ld_and_a_matching_breadcrumb() {
    let site = built();
    let articles: Vec<String> = read_tree(&site.public())
        .into_keys()
        .filter(|p| p.contains("articles/") && p.ends_with("index.html"))
        .collect();
    assert_eq!(articles.len(), 5);
    for rel in &articles {
        let html = site.output(rel);
        let ld = json_ld(&html);
        assert_eq!(ld[0]["@context"], "https://schema.org", "{rel}");
        let a = graph_object(&ld, "NewsArticle");
        for key in ["headline", "description", "inLanguage", "url", "articleSection"] {
            if key == "articleSection" && !html.contains("class=\"kicker\"") {
                continue;
            }
            assert!(a[key].as_str().is_some_and(|s| !s.is_empty()), "{rel}: {key}");
        }
        assert_eq!(a["url"].as_str().map(|u| file_of(BASE, u)).as_deref(), Some(rel.as_str()));
        for key in ["datePublished", "dateModified"] {
            assert!(is_rfc3339_with_zone(a[key].as_str().unwrap()), "{rel}: {key} {}", a[key]);
        }
        assert!(a["author"][0]["name"].is_string(), "{rel}: author");
        assert_eq!(a["publisher"]["name"], "Gazette Médias", "{rel}");
        assert_eq!(a["publisher"]["logo"]["url"], format!("{BASE}/logo.svg"), "{rel}");
        assert!(a["image"][0]["url"].is_string(), "{rel}: image");
        assert!(a["wordCount"].is_u64(), "{rel}: wordCount");
        assert!(
            a["isBasedOn"][0]["url"].is_string() || rel.contains("premier") || rel.contains("doyen"),
            "{rel}: isBasedOn"
        );
        let crumbs: Vec<String> = graph_object(&ld, "BreadcrumbList")["itemListElement"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(crumbs, visible_breadcrumb(&html), "{rel}");
    }
    let hostile = json_ld(&site.output("articles/hostile/index.html"));
    let a = graph_object(&hostile, "NewsArticle");
    assert_eq!(a["@type"], serde_json::json!(["NewsArticle", "AnalysisNewsArticle"]));
    assert_eq!(a["spatialCoverage"][0]["name"], "Corée du Nord");
    assert_eq!(a["keywords"][0], "Cybersécurité");
    let source = &a["isBasedOn"][0];
    assert_eq!(source["headline"], "Original headline ]]>");
    assert_eq!(source["url"], "https://agency.example.com/story?a=1&b=2");
    assert_eq!(source["publisher"]["name"], "Agency <Press> & Co");
    assert_eq!(source["datePublished"], "2025-05-30");
    assert_eq!(source["inLanguage"], "en");
    assert_eq!(a["workTranslation"][0]["@id"], format!("{BASE}/ja/articles/hostile/#article"));
    let ja = json_ld(&site.output("ja/articles/hostile/index.html"));
    assert_eq!(
        graph_object(&ja, "NewsArticle")["translationOfWork"]["@id"],
        format!("{BASE}/articles/hostile/#article")
    );
    let brief = json_ld(&site.output("articles/premier/index.html"));
    assert_eq!(graph_object(&brief, "NewsArticle")["@type"], "NewsArticle", "no commentary");
}

#[test]
fn hostile_text_leaves_every_feed_sitemap_and_json_ld_block_valid() {
    let site = built();
    for (rel, bytes) in read_tree(&site.public()) {
        let text = String::from_utf8(bytes).unwrap();
        if rel.ends_with(".xml") {
            xml(&text);
        } else if rel.ends_with(".json") {
            serde_json::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        } else if rel.ends_with(".html") {
            json_ld(&text);
        }
    }
    let title = |rel: &str| parse_feed(&site, rel).entries[0].title.clone().unwrap().content;
    for rel in ["rss.xml", "atom.xml"] {
        assert_eq!(title(rel), HOSTILE_TITLE, "{rel}: XML cannot carry U+0001");
    }
    let with_control = HOSTILE_TITLE.replace(" end", " \u{1}end");
    assert_eq!(title("feed.json"), with_control, "JSON escapes U+0001");
    let html = site.output("articles/hostile/index.html");
    let script = &html[html.find("<script type=\"application/ld+json\">").unwrap()..];
    let block = &script[..script.find("</script>").unwrap()];
    assert!(!block[1..].contains('<'), "no markup inside the JSON-LD block");
    assert_eq!(graph_object(&json_ld(&html), "NewsArticle")["headline"], HOSTILE_TITLE, "as the page shows it");
}

#[test]
fn corrections_show_on_the_article_and_in_json_ld() {
    let site = built();
    let html = site.output("articles/hostile/index.html");
    let box_start = html.find("class=\"corrections\"").expect("corrections box");
    let first = html[box_start..].find("Headline clarified.").unwrap();
    let second = html[box_start..].find("Figure corrected: &lt;/script&gt; &amp; ]]&gt;.").unwrap();
    assert!(first < second, "oldest first");
    let ld = json_ld(&html);
    let a = graph_object(&ld, "NewsArticle");
    assert_eq!(a["correction"][1]["@type"], "CorrectionComment");
    assert_eq!(a["correction"][1]["text"], "Figure corrected: </script> & ]]>.");
    assert_eq!(a["correction"][1]["datePublished"], "2025-05-31T20:00:00+02:00");
    assert_eq!(a["dateModified"], "2025-05-31T20:00:00+02:00", "the last correction");
    assert!(!site.output("articles/ancien/index.html").contains("class=\"corrections\""));
}

#[test]
fn authors_get_pages_with_their_articles_and_feeds_and_bylines_link_them() {
    let site = built();
    let page = site.output("authors/alice/index.html");
    assert!(page.contains("Correspondante à Tokyo."));
    assert!(page.contains("href=\"https://alice.example.net/\""));
    assert!(page.contains(&format!("{BASE}/articles/hostile/")));
    assert!(page.contains(&format!("{BASE}/articles/ancien/")));
    assert!(!page.contains(&format!("{BASE}/articles/premier/")));
    let ja = site.output("ja/authors/alice/index.html");
    assert!(ja.contains("<p class=\"author-bio\" lang=\"fr\""), "bio marked as French");
    assert!(site.output("authors/index.html").contains(&format!("{BASE}/authors/alice/")));
    let profile = json_ld(&page);
    assert_eq!(graph_object(&profile, "ProfilePage")["mainEntity"]["name"], "Alice Martin");
    let article = site.output("articles/hostile/index.html");
    assert!(
        article.contains(&format!("<a href=\"{BASE}/authors/alice/\" rel=\"author\">Alice Martin</a>, Bob Invité"))
    );
    assert!(!site.has_output("authors/bob-invité/index.html"), "undeclared authors get no page");
}
