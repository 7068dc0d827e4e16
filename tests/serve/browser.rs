//! Live reload in a real browser: headless Chromium, driven over the DevTools protocol
//! (`common::browser`). Needs Debian's `chromium`; without it the tests fail with the
//! command that installs it.

use crate::common::browser::Browser;
use crate::harness::{Serve, serve_site};

const ALPHA: &str = "content/articles/2025-01-01-alpha.md";

#[test]
fn an_open_page_follows_edits_errors_and_stylesheets_without_a_manual_reload() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let mut browser = Browser::open(&format!("{}/articles/alpha/", serve.url));
    browser.wait_for("document.body.innerText", "Le texte d’alpha.");
    browser.wait_for("String(window.__marker = 'same page')", "same page");

    site.edit(ALPHA, "title = \"Alpha\"", "title = \"Alpha");
    browser.wait_for("document.body.innerText", "could not be rebuilt");
    browser
        .wait_for("document.getElementById('broadsheet-errors').innerText", "content/articles/2025-01-01-alpha.md:2:");
    assert_eq!(browser.eval("String(window.__marker)"), "same page", "an error does not reload the page");

    site.edit(ALPHA, "title = \"Alpha\n", "title = \"Alpha\"\n");
    browser.wait_for("String(document.getElementById('broadsheet-errors'))", "null");
    // Pages link to the stylesheet by its fingerprint: a new stylesheet is a new page.
    site.write("static/theme.css", "body { color: rgb(1, 2, 3); }\n");
    browser.wait_for("getComputedStyle(document.body).color", "rgb(1, 2, 3)");
    assert_eq!(browser.eval("String(window.__marker)"), "undefined", "the page was reloaded with its new stylesheet");
    browser.wait_for("String(window.__marker = 'same page')", "same page");

    site.edit(ALPHA, "Le texte d’alpha.", "Le texte d’alpha, vu dans le navigateur.");
    browser.wait_for("document.body.innerText", "vu dans le navigateur");
    assert_eq!(browser.eval("String(window.__marker)"), "undefined", "the page was reloaded by the script");
}

#[test]
fn an_open_page_reconnects_and_reloads_after_a_server_restart() {
    let site = serve_site();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let first = Serve::start_at(&site, port, &[]);
    let mut browser = Browser::open(&format!("{}/articles/alpha/", first.url));
    browser.wait_for("document.body.innerText", "Le texte d’alpha.");
    drop(first);

    site.edit(ALPHA, "Le texte d’alpha.", "Le texte d’alpha, changé pendant l’arrêt.");
    let _second = Serve::start_at(&site, port, &[]);
    browser.wait_for("document.body.innerText", "changé pendant l’arrêt");
}
