//! The default theme in a real browser (Debian's `chromium`, headless): the built
//! sample pages load their stylesheet and script from the site itself, and the
//! script turns on the "copy title and URL" button that is hidden without it.

mod common;

use common::Site;
use common::browser::{Browser, dump_dom};
use common::static_host::serve_folder;

#[test]
fn copy_button_is_shown_once_the_theme_script_runs_in_chromium() {
    let site = Site::fixture("news");
    site.build(&["--base-url", "http://127.0.0.1/"]);
    let served = site.output("articles/alpha/index.html");
    let button_tag = |html: &str| {
        html.split("<button").find(|b| b.contains("data-copy-url")).map(|b| b[..b.find('>').unwrap()].to_string())
    };
    assert!(button_tag(&served).unwrap().contains("hidden"), "hidden in the built HTML");

    let base = serve_folder(&site.public());
    let dom = dump_dom(&format!("{base}/articles/alpha/"), (390, 844));
    let button = button_tag(&dom).expect("copy button in the page");
    assert!(button.contains("copy-button") && !button.contains("hidden"), "script un-hid the button: {button}");
    assert!(dom.contains("Alpha : réunion sur la cybersécurité"));
}

#[test]
fn every_list_page_has_the_width_and_header_of_the_others_in_chromium() {
    let site = Site::sample_at("2026-12-05T12:00:00Z");
    site.build(&["--base-url", "http://127.0.0.1/"]);
    let base = serve_folder(&site.public());
    let terms = ["tags/", "regions/", "categories/", "regions/jp/", "categories/economy/"];
    let others = ["authors/", "authors/redaction/", "archives/", "archives/2025/", "archives/2025/07/"];
    let pages = terms.into_iter().chain(others);
    let mut widths = Vec::new();
    for page in pages {
        let mut browser = Browser::open_sized(&format!("{base}/{page}"), (1366, 900));
        browser.wait_for(
            "String(document.readyState == 'complete' && !!document.querySelector('main .page-header h1'))",
            "true",
        );
        let shape = "const b = document.querySelector('main > .list-page'); \
                     [Math.round(b.getBoundingClientRect().width), !!b.querySelector(':scope > .breadcrumb'), \
                     !!b.querySelector(':scope > .page-header > h1')].join(' ')";
        widths.push((page, browser.eval(shape)));
    }
    let first = widths[0].1.clone();
    assert!(first.ends_with(" true true"), "{widths:?}");
    assert!(widths.iter().all(|(_, shape)| *shape == first), "{widths:?}");
}
