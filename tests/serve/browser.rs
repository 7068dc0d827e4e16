//! Live reload in a real browser: headless Chromium, driven over the DevTools protocol.
//!
//! Needs Debian's `chromium` (`apt-get install -y chromium`). Without it the test is
//! skipped with a message, except in CI (`CI=true`), where it must run.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

use crate::common::chromium;
use crate::harness::{PATIENCE, Serve, SiteCopy, request};

const ALPHA: &str = "content/articles/2025-01-01-alpha.md";

/// A browser process, ended when dropped (also when a test fails while starting it).
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Headless Chromium showing one page, with a DevTools connection to it.
struct Browser {
    _process: Process,
    _profile: tempfile::TempDir,
    page: WebSocket<MaybeTlsStream<std::net::TcpStream>>,
    next_id: u64,
}

impl Browser {
    fn open(program: &Path, url: &str) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(program)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut process = Process(child);
        let port = devtools_port(&mut process.0);
        let page = page_socket(port);
        Browser { _process: process, _profile: profile, page, next_id: 0 }
    }

    /// Evaluates `expression` in the page and returns its value as text.
    fn eval(&mut self, expression: &str) -> String {
        self.next_id += 1;
        let id = self.next_id;
        let call = serde_json::json!({"id": id, "method": "Runtime.evaluate", "params": {"expression": expression, "returnByValue": true}});
        self.page.send(Message::text(call.to_string())).unwrap();
        loop {
            let reply = self.page.read().unwrap();
            let Ok(text) = reply.to_text() else { continue };
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            if value["id"] == id {
                let result = &value["result"]["result"]["value"];
                return result.as_str().map_or_else(|| result.to_string(), String::from);
            }
        }
    }

    /// Waits until `expression` evaluates to text containing `wanted`.
    fn wait_for(&mut self, expression: &str, wanted: &str) {
        let start = Instant::now();
        loop {
            let value = self.eval(expression);
            if value.contains(wanted) {
                return;
            }
            assert!(start.elapsed() < PATIENCE, "{expression} never showed {wanted:?}; last: {value}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Reads `DevTools listening on ws://127.0.0.1:PORT/...` from the browser's stderr.
fn devtools_port(child: &mut Child) -> u16 {
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    while let Some(Ok(line)) = lines.next() {
        if let Some(rest) = line.strip_prefix("DevTools listening on ws://127.0.0.1:") {
            // Keep draining, so that the browser never blocks on a full pipe.
            std::thread::spawn(move || lines.for_each(drop));
            return rest.split('/').next().unwrap().parse().unwrap();
        }
    }
    panic!("chromium printed no DevTools address");
}

/// The DevTools socket of the browser's first page.
fn page_socket(port: u16) -> WebSocket<MaybeTlsStream<std::net::TcpStream>> {
    let addr = format!("127.0.0.1:{port}").parse().unwrap();
    let start = Instant::now();
    loop {
        let list: serde_json::Value =
            serde_json::from_slice(&request(addr, "GET", "/json/list").body).unwrap_or_default();
        let page = list
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["type"] == "page" && t["url"].as_str().is_some_and(|u| u.starts_with("http")));
        if let Some(ws) = page.and_then(|p| p["webSocketDebuggerUrl"].as_str()) {
            return tungstenite::connect(ws).unwrap().0;
        }
        assert!(start.elapsed() < PATIENCE, "no page target: {list}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn an_open_page_follows_edits_errors_and_stylesheets_without_a_manual_reload() {
    let Some(program) = chromium() else { return };
    let site = SiteCopy::new("serve-site");
    let serve = Serve::start(&site, &[]);
    let mut browser = Browser::open(&program, &format!("{}/articles/alpha/", serve.url));
    browser.wait_for("document.body.innerText", "Le texte d’alpha.");
    browser.wait_for("String(window.__marker = 'same page')", "same page");

    site.edit(ALPHA, "title = \"Alpha\"", "title = \"Alpha");
    browser.wait_for("document.body.innerText", "could not be rebuilt");
    browser
        .wait_for("document.getElementById('broadsheet-errors').innerText", "content/articles/2025-01-01-alpha.md:2:");
    assert_eq!(browser.eval("String(window.__marker)"), "same page", "an error does not reload the page");

    site.edit(ALPHA, "title = \"Alpha\n", "title = \"Alpha\"\n");
    browser.wait_for("String(document.getElementById('broadsheet-errors'))", "null");
    // The page saw the last rebuild, so its event stream is open and its version current:
    // a reload now could only come from the stylesheet's rebuild.
    site.write("static/theme.css", "body { color: rgb(1, 2, 3); }\n");
    browser.wait_for("getComputedStyle(document.body).color", "rgb(1, 2, 3)");
    assert_eq!(browser.eval("String(window.__marker)"), "same page", "a stylesheet is swapped without a reload");

    site.edit(ALPHA, "Le texte d’alpha.", "Le texte d’alpha, vu dans le navigateur.");
    browser.wait_for("document.body.innerText", "vu dans le navigateur");
    assert_eq!(browser.eval("String(window.__marker)"), "undefined", "the page was reloaded by the script");
}

#[test]
fn an_open_page_reconnects_and_reloads_after_a_server_restart() {
    let Some(program) = chromium() else { return };
    let site = SiteCopy::new("serve-site");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let first = Serve::start_at(&site, port, &[]);
    let mut browser = Browser::open(&program, &format!("{}/articles/alpha/", first.url));
    browser.wait_for("document.body.innerText", "Le texte d’alpha.");
    drop(first);

    site.edit(ALPHA, "Le texte d’alpha.", "Le texte d’alpha, changé pendant l’arrêt.");
    let _second = Serve::start_at(&site, port, &[]);
    browser.wait_for("document.body.innerText", "changé pendant l’arrêt");
}
