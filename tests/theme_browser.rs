//! The default theme in a real browser (Debian's `chromium`, headless): the built
//! sample pages load their stylesheet and script from the site itself, and the
//! script turns on the "copy title and URL" button that is hidden without it.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

use common::{Site, chromium};

/// Serves `root` over HTTP on a free loopback port from a background thread
/// (`dir/` → `dir/index.html`); returns the base URL.
fn serve_folder(root: &Path) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut line = String::new();
            let mut reader = BufReader::new(&stream);
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").trim_start_matches('/').to_string();
            let file = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path };
            let kind = match file.rsplit('.').next() {
                Some("css") => "text/css",
                Some("js") => "text/javascript",
                Some("svg") => "image/svg+xml",
                _ => "text/html; charset=utf-8",
            };
            let mut stream = stream;
            match std::fs::read(root.join(&file)) {
                Ok(body) => {
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(&body));
                }
                Err(_) => {
                    let _ =
                        stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                }
            }
        }
    });
    base
}

/// The DOM of `url` after its scripts ran, as headless Chromium serializes it.
fn rendered_dom(chromium: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=5000",
            "--window-size=390,844",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    assert!(output.status.success(), "chromium failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn copy_button_is_shown_once_the_theme_script_runs_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let site = Site::fixture("news");
    site.build(&["--base-url", "http://127.0.0.1/"]);
    let served = site.output("articles/alpha/index.html");
    let button_tag = |html: &str| html.split("<button").nth(1).map(|b| b[..b.find('>').unwrap()].to_string());
    assert!(button_tag(&served).unwrap().contains("hidden"), "hidden in the built HTML");

    let base = serve_folder(&site.public());
    let dom = rendered_dom(&chromium, &format!("{base}/articles/alpha/"));
    let button = button_tag(&dom).expect("copy button in the page");
    assert!(button.contains("copy-button") && !button.contains("hidden"), "script un-hid the button: {button}");
    assert!(dom.contains("Alpha : réunion sur la cybersécurité"));
}
