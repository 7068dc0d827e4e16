//! The map of regions: `/regions/` draws the world as inline SVG, each region that is
//! a country linked to its page, named in the page's language and shaded by its
//! articles, the other regions listed beside it; a country's page shows a locator
//! map. The maps are small, fetch nothing, run no script, escape what editors wrote,
//! and in a real browser have a size and take keyboard focus.

mod common;

use std::collections::BTreeSet;

use common::Site;
use common::browser::Browser;
use common::static_host::serve_folder;

/// The sample site with every article published.
fn sample() -> Site {
    let site = Site::sample_at("2025-12-01T00:00:00Z");
    site.build(&[]);
    site
}

/// The sample's languages: folder prefix, code, what separates a name from its count.
const LANGUAGES: [(&str, &str, &str); 4] =
    [("", "fr", "\u{a0}: "), ("en/", "en", ": "), ("ja/", "ja", "："), ("ko/", "ko", ": ")];

/// The first element of `class` in `html`, opening tag to closing `</tag>`.
fn element<'h>(html: &'h str, tag: &str, class: &str) -> Option<&'h str> {
    let start = html.find(&format!("<{tag} class=\"{class}\""))?;
    let end = start + html[start..].find(&format!("</{tag}>"))? + tag.len() + 3;
    Some(&html[start..end])
}

/// The world map of a regions page.
fn world_map(html: &str) -> &str {
    element(html, "svg", "world-map").expect("a world map")
}

/// The value of attribute `name` of every `<tag` in `html`.
fn attributes_of<'h>(html: &'h str, tag: &str, name: &str) -> Vec<&'h str> {
    html.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|t| {
            let t = &t[..t.find('>')?];
            let at = t.find(&format!("{name}=\""))? + name.len() + 2;
            Some(&t[at..at + t[at..].find('"')?])
        })
        .collect()
}

/// The regions of a list page: (link, name, count as shown).
fn listed(list: &str) -> Vec<(String, String, String)> {
    list.split("<li>")
        .skip(1)
        .map(|item| {
            let between = |from: &str, to: &str| {
                let at = item.find(from).unwrap() + from.len();
                item[at..at + item[at..].find(to).unwrap()].to_string()
            };
            (between("href=\"", "\""), between("class=\"term-name\">", "<"), between("class=\"term-count\">", "<"))
        })
        .collect()
}

/// The full list of a regions page, below the map.
fn full_list(html: &str) -> Vec<(String, String, String)> {
    let after_map = &html[html.find("class=\"term-list-heading\"").expect("the list's heading")..];
    listed(&after_map[..after_map.find("</ul>").unwrap()])
}

fn is_eu(link: &str) -> bool {
    link.ends_with("/regions/eu/")
}

#[test]
fn the_map_links_each_country_to_its_page_named_with_its_count_in_every_language() {
    let site = sample();
    for (prefix, lang, colon) in LANGUAGES {
        let page = site.output(&format!("{prefix}regions/index.html"));
        let map = world_map(&page);
        let regions = full_list(&page);
        let countries: Vec<_> = regions.iter().filter(|(link, ..)| !is_eu(link)).collect();
        assert!(countries.len() >= 10, "{lang}: {regions:?}");
        for (link, name, count) in &countries {
            let anchor =
                format!("<a href=\"{link}\" aria-label=\"{name}{colon}{count}\"><title>{name}{colon}{count}</title>");
            assert!(map.contains(&anchor), "{lang}: {anchor} in the map");
        }
        assert_eq!(attributes_of(map, "a", "href").len(), countries.len(), "{lang}: one link a country");
    }
    let fr = world_map(&site.output("regions/index.html")).to_string();
    let ja = world_map(&site.output("ja/regions/index.html")).to_string();
    assert!(fr.contains("aria-label=\"Japon\u{a0}: ") && fr.contains("aria-label=\"Carte du monde"));
    assert!(ja.contains("aria-label=\"日本：") && ja.contains("aria-label=\"ニュースに登場する国の世界地図"));
}

#[test]
fn regions_that_are_not_countries_are_listed_beside_the_map_and_in_the_full_list() {
    let site = sample();
    let page = site.output("regions/index.html");
    let beside = element(&page, "section", "region-map-others").expect("a list beside the map");
    let others = listed(beside);
    assert_eq!(others.len(), 1, "{others:?}");
    let (link, name, _) = &others[0];
    assert!(is_eu(link) && name == "Union européenne", "{others:?}");
    assert!(!world_map(&page).contains("/regions/eu/"), "the EU is not drawn as a country");
    assert!(full_list(&page).contains(&others[0]), "the full list keeps every region");
}

/// The shade of each country of a map, by link.
fn shades(map: &str) -> Vec<(String, u32)> {
    map.split("<a href=\"")
        .skip(1)
        .map(|a| {
            let at = a.find("map-shade-").unwrap() + "map-shade-".len();
            (a[..a.find('"').unwrap()].to_string(), a[at..at + 1].parse().unwrap())
        })
        .collect()
}

#[test]
fn shades_rise_with_the_count_from_one_article_to_the_most() {
    let site = sample();
    for (prefix, lang, _) in LANGUAGES {
        let page = site.output(&format!("{prefix}regions/index.html"));
        let counts: Vec<(String, u64)> = full_list(&page)
            .into_iter()
            .filter(|(link, ..)| !is_eu(link))
            .map(|(link, _, count)| {
                (link, count.chars().filter(char::is_ascii_digit).collect::<String>().parse().unwrap())
            })
            .collect();
        let shade_of = shades(world_map(&page));
        let most = counts.iter().map(|(_, n)| *n).max().unwrap();
        for (link, count) in &counts {
            let shade = shade_of.iter().find(|(l, _)| l == link).map(|(_, s)| *s).unwrap();
            if *count == most {
                assert_eq!(shade, 5, "{lang}: {link} has the most");
            } else if *count == 1 {
                assert_eq!(shade, 1, "{lang}: {link} has one article");
            }
            for (other, other_count) in &counts {
                let other_shade = shade_of.iter().find(|(l, _)| l == other).map(|(_, s)| *s).unwrap();
                assert!(count <= other_count || shade >= other_shade, "{lang}: {link} ({count}) and {other}");
            }
        }
        if most > 1 {
            assert!(page.contains("<span class=\"map-shade-5\"></span>"), "{lang}: a legend of the shades");
        }
    }
}

/// The names of the elements and of the attributes in `svg`.
fn names(svg: &str) -> (BTreeSet<&str>, BTreeSet<&str>) {
    let tags = svg.split('<').skip(1).filter(|t| !t.starts_with('/'));
    let elements = tags.clone().map(|t| t.split([' ', '>', '/']).next().unwrap()).collect();
    let attributes = tags
        .flat_map(|t| t[..t.find('>').unwrap()].split("\" ").map(|a| a.trim_start_matches(|c: char| c != ' ')))
        .filter_map(|a| Some(a.trim().split_once("=\"")?.0))
        .collect();
    (elements, attributes)
}

#[test]
fn the_regions_page_is_small_and_its_maps_fetch_nothing_and_run_nothing() {
    let site = sample();
    let elements = BTreeSet::from(["svg", "path", "a", "title", "circle"]);
    let attributes =
        BTreeSet::from(["class", "viewBox", "role", "aria-label", "aria-hidden", "d", "href", "cx", "cy", "r"]);
    for (prefix, lang, _) in LANGUAGES {
        let page = site.output(&format!("{prefix}regions/index.html"));
        assert!(page.len() < 200 * 1024, "{lang}: {} bytes", page.len());
        let map = world_map(&page);
        let (used_elements, used_attributes) = names(map);
        assert!(used_elements.is_subset(&elements), "{lang}: {used_elements:?}");
        assert!(used_attributes.is_subset(&attributes), "{lang}: no script, style or colour: {used_attributes:?}");
        for href in attributes_of(map, "a", "href") {
            assert!(href.starts_with("https://broadsheet.example.org/"), "{lang}: {href}");
        }
    }
}

#[test]
fn a_country_page_shows_its_locator_map_and_other_term_pages_none() {
    let site = sample();
    let japan = site.output("regions/jp/index.html");
    let locator = element(&japan, "svg", "locator-map").expect("a locator map on Japan's page");
    assert!(locator.contains("role=\"img\" aria-label=\"Japon sur la carte du monde\""), "{}", &locator[..200]);
    assert!(locator.contains("<path class=\"map-here\""));
    assert!(!locator.contains("<a "), "a locator map links nothing");
    assert!(locator.len() < 16 * 1024, "{} bytes", locator.len());
    let singapore = site.output("ja/regions/sg/index.html");
    let locator = element(&singapore, "svg", "locator-map").expect("a locator map on Singapore's page");
    assert!(locator.contains("<circle class=\"map-dot map-here\""), "too small to see: a dot");
    assert!(locator.contains("aria-label=\"世界地図上のシンガポール\""));
    for page in ["regions/eu/index.html", "tags/sanctions/index.html", "categories/economy/index.html"] {
        assert!(!site.output(page).contains("<svg class=\"locator-map\""), "{page}");
    }
}

#[test]
fn the_locator_map_is_on_the_first_page_of_a_country_only() {
    let site = Site::fixture("news");
    site.edit("site.toml", "paginate_by = 2", "paginate_by = 1");
    site.build(&[]);
    assert!(site.output("regions/kr/index.html").contains("<svg class=\"locator-map\""));
    let second = site.output("regions/kr/page/2/index.html");
    assert!(second.contains("Corée du Sud") && !second.contains("<svg class=\"locator-map\""), "page 2 has no map");
}

#[test]
fn region_names_are_escaped_where_they_land_in_the_map() {
    let site = Site::fixture("news");
    site.edit("site.toml", "fr = \"Corée du Nord\"", "fr = \"Corée \\\"du\\\" <Nord> & Cie\"");
    site.build(&[]);
    let page = site.output("regions/index.html");
    let map = world_map(&page);
    let label = "Corée &quot;du&quot; &lt;Nord&gt; &amp; Cie";
    assert!(map.contains(&format!("aria-label=\"{label}")) && map.contains(&format!("<title>{label}")), "{map}");
    assert!(!map.contains("<Nord>"));
    let locator = site.output("regions/kp/index.html");
    assert!(locator.contains(&format!("aria-label=\"{label} sur la carte du monde\"")));
}

#[test]
fn a_theme_that_names_no_map_gets_none() {
    let site = Site::fixture("news");
    site.write(
        "templates/taxonomy_list.html",
        "{% for term in terms %}<a href=\"{{ term.permalink }}\">{{ term.name }}</a>{% endfor %}",
    );
    site.write("templates/taxonomy_term.html", "<h1>{{ term.name }}</h1>");
    site.build(&[]);
    assert!(!site.output("regions/index.html").contains("<svg"));
    assert_eq!(site.output("regions/kp/index.html"), "<h1>Corée du Nord</h1>");
}

#[test]
fn the_map_has_a_size_on_a_phone_and_a_desktop_and_its_links_take_keyboard_focus() {
    let site = Site::sample_at("2025-12-01T00:00:00Z");
    site.build(&["--base-url", "http://127.0.0.1/"]);
    let base = serve_folder(&site.public());
    for (width, least) in [(390, 300.0), (1366, 500.0)] {
        let mut browser = Browser::open_sized(&format!("{base}/regions/"), (width, 900));
        browser.wait_for("location.href + ' ' + document.readyState", "/regions/ complete");
        let size = browser.eval("(() => { const r = document.querySelector('svg.world-map').getBoundingClientRect(); return r.width + ' ' + r.height })()");
        let parsed = size.split_once(' ').and_then(|(w, h)| Some((w.parse::<f64>().ok()?, h.parse::<f64>().ok()?)));
        let (w, h) = parsed.unwrap_or_else(|| panic!("at {width}: {size}"));
        assert!(w >= least && w <= f64::from(width) && h > w / 3.0, "at {width}: {size}");
        let focused = browser.eval(
            "(() => { const a = document.querySelector('svg.world-map a'); a.focus(); return a.tabIndex + ' ' + (document.activeElement === a) })()",
        );
        assert_eq!(focused, "0 true", "at {width}: a country's link takes focus from the keyboard");
    }
}
