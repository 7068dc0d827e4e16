//! The default theme in a real browser (Debian's `chromium`, headless): the built
//! sample pages load their stylesheet and script from the site itself, and the
//! script turns on the "copy title and URL" button that is hidden without it.

mod common;

use common::Site;
use common::browser::dump_dom;
use common::static_host::serve_folder;

#[test]
fn copy_button_is_shown_once_the_theme_script_runs_in_chromium() {
    let site = Site::fixture("news");
    site.build(&["--base-url", "http://127.0.0.1/"]);
    let served = site.output("articles/alpha/index.html");
    let button_tag = |html: &str| html.split("<button").nth(1).map(|b| b[..b.find('>').unwrap()].to_string());
    assert!(button_tag(&served).unwrap().contains("hidden"), "hidden in the built HTML");

    let base = serve_folder(&site.public());
    let dom = dump_dom(&format!("{base}/articles/alpha/"), (390, 844));
    let button = button_tag(&dom).expect("copy button in the page");
    assert!(button.contains("copy-button") && !button.contains("hidden"), "script un-hid the button: {button}");
    assert!(dom.contains("Alpha : réunion sur la cybersécurité"));
}
