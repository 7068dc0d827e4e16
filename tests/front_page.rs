//! Each language's home is a front page: a lead story (the newest, or the one
//! featured until a date), the stories beside it, blocks of headlines per category
//! and per region, "updated" markers on recently corrected stories, then the
//! chronological list; and an editor can pin related articles. The browser tests
//! check the first screen on a phone and on a laptop in Chromium.

mod common;

use common::browser::Browser;
use common::static_host::serve_folder;
use common::{Site, replace_in};

const CLOCK: &str = "2026-12-05T12:00:00Z";
const COP30: &str = "https://broadsheet.example.org/articles/cop30-ouverture-belem/";
const ARIANE: &str = "content/articles/2025-07-02-ariane-6-satellite-meteo/index.md";
const CYBER: &str = "content/articles/2025-08-29-reunion-cyber-trilaterale.md";

/// The part of `html` from the element whose opening tag holds `marker` to the end
/// of the first `end` after it.
fn part<'a>(html: &'a str, marker: &str, end: &str) -> &'a str {
    let at = html.find(marker).unwrap_or_else(|| panic!("{marker} not in the page"));
    let stop = html[at..].find(end).map_or(html.len(), |e| at + e + end.len());
    &html[at..stop]
}

/// The article links of the lead, of the stories beside it, and of the list.
fn front(html: &str) -> (String, Vec<String>, Vec<String>) {
    let articles = |marker: &str, end: &str| -> Vec<String> {
        common::links(part(html, marker, end)).into_iter().filter(|l| l.contains("/articles/")).collect()
    };
    let lead = articles("class=\"lead-story\"", "</article>").remove(0);
    (lead, articles("class=\"secondary-stories\"", "</ol>"), articles("class=\"article-list\"", "</ol>"))
}

/// The front page's blocks: (heading link, headline links), in order.
fn blocks(html: &str) -> Vec<(String, Vec<String>)> {
    html.split("<section class=\"front-block\"")
        .skip(1)
        .map(|block| {
            let block = &block[..block.find("</section>").unwrap()];
            let links = common::links(block);
            let headlines = links[1..links.len() - 1].to_vec();
            (links[0].clone(), headlines)
        })
        .collect()
}

#[test]
fn the_home_leads_with_the_newest_article_and_shows_the_next_ones_beside_it() {
    let site = Site::sample_at(CLOCK);
    site.build(&[]);
    let home = site.output("index.html");
    let (lead, secondary, list) = front(&home);
    assert_eq!(lead, COP30);
    assert_eq!(lead, list[0], "the lead is the newest article");
    assert_eq!(secondary, list[1..5], "four stories beside the lead, newest first");
    let (lead, ..) = front(&site.output("ja/index.html"));
    assert!(lead.contains("/ja/articles/"), "each language leads with its own articles: {lead}");
}

#[test]
fn a_featured_article_leads_until_its_date_then_the_newest_leads_again() {
    let site = Site::sample_at(CLOCK);
    replace_in(&site, ARIANE, "category = ", "featured_until = 2026-12-10\ncategory = ");
    site.build(&[]);
    let (lead, secondary, _) = front(&site.output("index.html"));
    assert!(lead.ends_with("/articles/ariane-6-satellite-meteo/"), "{lead}");
    assert_eq!(secondary[0], COP30, "the newest comes first beside the featured lead");

    // Nothing changed but the clock: the build knows the front page is not up to date.
    let later = site.run(&["build", "--now", "2026-12-11"]);
    assert!(later.ok(), "{}", later.stderr());
    let (lead, secondary, _) = front(&site.output("index.html"));
    assert_eq!(lead, COP30);
    assert!(!secondary.iter().any(|l| l.contains("ariane")), "{secondary:?}");
}

#[test]
fn front_page_blocks_follow_the_settings_and_repeat_no_story_shown_above_them() {
    let site = Site::sample_at(CLOCK);
    site.build(&[]);
    let home = site.output("index.html");
    let (lead, secondary, _) = front(&home);
    let default_blocks = blocks(&home);
    assert!(default_blocks.iter().any(|(link, _)| link.ends_with("/categories/international/")), "{default_blocks:?}");
    assert!(default_blocks.iter().any(|(link, _)| link.contains("/regions/")), "{default_blocks:?}");
    for (_, headlines) in &default_blocks {
        assert!(!headlines.is_empty() && headlines.len() <= 3, "{headlines:?}");
        assert!(!headlines.iter().any(|h| *h == lead || secondary.contains(h)), "{headlines:?} repeats the top");
    }

    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    let settings = "\n[front_page]\nsecondary = 2\nheadlines = 1\ncategories = [\"economy\"]\nregions = [\"eu\"]\n";
    site.write("site.toml", format!("{config}{settings}"));
    site.build(&[]);
    let home = site.output("index.html");
    let (_, secondary, _) = front(&home);
    assert_eq!(secondary.len(), 2);
    let chosen: Vec<(String, usize)> = blocks(&home).into_iter().map(|(link, h)| (link, h.len())).collect();
    let base = "https://broadsheet.example.org";
    assert_eq!(chosen, [(format!("{base}/categories/economy/"), 1), (format!("{base}/regions/eu/"), 1)]);
}

#[test]
fn a_front_page_block_naming_an_undeclared_region_fails_naming_its_line() {
    let site = Site::sample_at(CLOCK);
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("{config}\n[front_page]\nregions = [\"jpn\"]\n"));
    let line = config.lines().count() + 3;
    let run = site.run(&["build"]);
    assert!(!run.ok());
    let stderr = run.stderr();
    assert!(stderr.contains(&format!("site.toml:{line}")), "{stderr}");
    assert!(stderr.contains("\"jpn\"") && stderr.contains("jp"), "{stderr}");
    assert!(!site.has_output("index.html"), "nothing written");
}

#[test]
fn a_recent_correction_marks_the_story_updated_and_an_old_one_does_not() {
    let site = Site::sample_at(CLOCK);
    let cop30 = "content/articles/2025-11-11-cop30-ouverture-belem.md";
    let note = "updates = [{ date = 2026-12-03T09:00:00+01:00, note = \"Chiffre corrigé.\" }]\ncategory = ";
    replace_in(&site, cop30, "category = ", note);
    site.build(&[]);
    let lead = part(&site.output("index.html"), "class=\"lead-story\"", "</article>").to_string();
    assert!(lead.contains("class=\"updated-marker\"") && lead.contains("2026-12-03T09:00:00+01:00"), "{lead}");
    assert!(lead.contains("Mis à jour le"));
    let run = site.run(&["build", "--now", "2026-12-20"]);
    assert!(run.ok(), "{}", run.stderr());
    assert!(!site.output("index.html").contains("updated-marker"), "a correction of 17 days ago is not news");
}

#[test]
fn the_home_heading_is_for_screen_readers_only_and_later_pages_show_their_number() {
    let site = Site::sample_at(CLOCK);
    site.build(&[]);
    let first = site.output("index.html");
    assert!(first.contains("<header class=\"page-header visually-hidden\">\n    <h1>"), "an accessible h1 stays");
    let second = site.output("page/2/index.html");
    assert!(second.contains("<header class=\"page-header\">") && second.contains("class=\"page-number\""));
    assert!(!second.contains("class=\"front\""), "the front page is the first page only");
}

/// The related links at the end of an article page.
fn related(html: &str) -> Vec<String> {
    common::links(part(html, "id=\"bs-related\"", "</section>"))
}

#[test]
fn pinned_related_articles_come_first_in_the_version_of_the_page_language() {
    let site = Site::sample_at(CLOCK);
    let pins = "related = [\"@/articles/2025-06-06-bce-baisse-taux-directeurs.md\", \
                \"@/articles/2025-07-24-cij-avis-climat.md\"]\ncategory = ";
    replace_in(&site, CYBER, "category = ", pins);
    site.build(&[]);
    let french = related(&site.output("articles/reunion-cyber-trilaterale/index.html"));
    assert!(french[0].ends_with("/articles/bce-baisse-taux-directeurs/"), "{french:?}");
    assert!(french[1].ends_with("/articles/cij-avis-climat/"), "{french:?}");
    // The Japanese translation inherits the pins: the climate opinion in Japanese; the
    // ECB article has no Japanese version and is left out.
    let japanese = related(&site.output("ja/articles/reunion-cyber-trilaterale/index.html"));
    assert!(japanese[0].ends_with("/ja/articles/cij-avis-climat/"), "{japanese:?}");
    assert!(!japanese.iter().any(|l| l.contains("bce")), "{japanese:?}");
}

#[test]
fn a_related_pin_to_no_article_fails_with_the_file_line_and_the_article_meant() {
    let site = Site::sample_at(CLOCK);
    let pin = "related = [\"@/articles/2025-06-06-bce-baisse-taux-directuers.md\"]\ncategory = ";
    replace_in(&site, CYBER, "category = ", pin);
    let run = site.run(&["build"]);
    assert!(!run.ok());
    let stderr = run.stderr();
    let text = std::fs::read_to_string(site.path(CYBER)).unwrap();
    let line = text.lines().position(|l| l.starts_with("related = ")).unwrap() + 1;
    assert!(stderr.contains(&format!("{CYBER}:{line}:12")), "{stderr}");
    assert!(stderr.contains("did you mean @/articles/2025-06-06-bce-baisse-taux-directeurs.md?"), "{stderr}");

    replace_in(&site, CYBER, "@/articles/2025-06-06-bce-baisse-taux-directuers.md", "/articles/bce/");
    let stderr = site.run(&["build"]).stderr();
    assert!(stderr.contains("must be an @/ link to a file under content/articles/"), "{stderr}");
}

#[test]
fn a_related_pin_to_a_draft_fails_until_the_draft_is_published() {
    let site = Site::sample_at(CLOCK);
    replace_in(&site, ARIANE, "category = ", "draft = true\ncategory = ");
    let pin = "related = [\"@/articles/2025-07-02-ariane-6-satellite-meteo/index.md\"]\ncategory = ";
    replace_in(&site, CYBER, "category = ", pin);
    let stderr = site.run(&["build"]).stderr();
    assert!(stderr.contains("points to a draft"), "{stderr}");
    site.build(&["--drafts"]);
}

/// How many headline links of the front page lie wholly in the first screen, and
/// whether the lead headline does, in Chromium at `size`.
fn first_screen(url: &str, size: (u32, u32)) -> (usize, bool) {
    let mut browser = Browser::open_sized(url, size);
    browser.wait_for("String(document.readyState == 'complete' && !!document.querySelector('.lead-title'))", "true");
    let seen =
        "(e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.height > 0; })";
    let count = browser.eval(&format!("String([...document.querySelectorAll('.front h3 a')].filter({seen}).length)"));
    let lead = browser.eval(&format!("String({seen}(document.querySelector('.lead-title a')))"));
    (count.parse().unwrap(), lead == "true")
}

#[test]
fn the_lead_headline_is_on_a_phones_first_screen_and_a_laptops_holds_four_headlines() {
    let site = Site::sample_at(CLOCK);
    site.build(&["--base-url", "http://127.0.0.1/"]);
    let base = serve_folder(&site.public());
    for home in ["", "en/", "ja/", "ko/"] {
        let url = format!("{base}/{home}");
        let (_, lead_seen) = first_screen(&url, (390, 844));
        assert!(lead_seen, "{url}: lead headline below the fold of a 390x844 phone");
        let (headlines, _) = first_screen(&url, (1366, 900));
        assert!(headlines >= 4, "{url}: {headlines} headlines on the first 1366x900 screen");
    }
}
