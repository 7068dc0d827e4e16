//! A real browser for the tests that look at what readers see: Debian's `chromium`,
//! headless, either asked for a page's DOM once its scripts ran ([`dump_dom`]) or
//! driven over the DevTools protocol ([`Browser`]). A browser test without
//! `chromium` fails with the command that installs it: it never passes without
//! running.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

/// How long to wait for the browser: generous, since CI machines are slow.
const PATIENCE: Duration = Duration::from_secs(60);

/// Flags that keep headless Chromium from reaching the network or asking anything.
const QUIET: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
];

/// The browser's program; fails, saying how to install it, when it is missing.
pub fn chromium() -> PathBuf {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"].into_iter().map(PathBuf::from).find(|p| p.exists()).expect(
        "the browser tests need Debian's chromium: apt-get install -y chromium (.ci/run installs it when missing)",
    )
}

/// The DOM of `url` once its scripts ran, in a window of `width` by `height`.
pub fn dump_dom(url: &str, (width, height): (u32, u32)) -> String {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(chromium())
        .args(QUIET)
        .arg("--virtual-time-budget=5000")
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    assert!(output.status.success(), "chromium failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A browser process, ended when dropped (also when a test fails while starting it).
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Headless Chromium showing one page, with a DevTools connection to it.
pub struct Browser {
    _process: Process,
    _profile: tempfile::TempDir,
    page: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

impl Browser {
    /// Opens `url` in a viewport of `width` by `height` CSS pixels, as a phone's or
    /// a desktop's (a headless window is never narrower than 500 pixels): the viewport
    /// is set on a blank page first, so that the page loads at that size.
    pub fn open_sized(url: &str, size: (u32, u32)) -> Browser {
        let mut browser = Browser::open("about:blank").sized(size);
        browser.call("Page.navigate", serde_json::json!({ "url": url }));
        browser.wait_for_exact("String(location.href !== 'about:blank' && document.readyState !== 'loading')", "true");
        browser
    }

    /// Opens `url`.
    pub fn open(url: &str) -> Browser {
        Browser::launch(url, &[])
    }

    /// Opens `url` in a viewport of `width` by `height` with JavaScript turned off,
    /// as some readers browse. [`Browser::eval`] still works: it is the test's, not the
    /// page's.
    pub fn open_without_scripts(url: &str, size: (u32, u32)) -> Browser {
        Browser::launch(url, &["--blink-settings=scriptEnabled=false"]).sized(size)
    }

    /// The page in a viewport of `width` by `height` CSS pixels.
    fn sized(mut self, (width, height): (u32, u32)) -> Browser {
        let metrics =
            serde_json::json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500});
        self.call("Emulation.setDeviceMetricsOverride", metrics);
        self
    }

    /// Opens `url` in a browser started with the flags `extra` beside [`QUIET`].
    fn launch(url: &str, extra: &[&str]) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(chromium())
            .args(QUIET)
            .args(extra)
            .arg("--remote-debugging-port=0")
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut process = Process(child);
        let port = devtools_port(&mut process.0);
        let page = page_socket(port, url);
        Browser { _process: process, _profile: profile, page, next_id: 0 }
    }

    /// Evaluates `expression` in the page and returns its value as text.
    pub fn eval(&mut self, expression: &str) -> String {
        let reply = self.call("Runtime.evaluate", serde_json::json!({"expression": expression, "returnByValue": true}));
        let result = &reply["result"]["value"];
        result.as_str().map_or_else(|| result.to_string(), String::from)
    }

    /// Focuses the element `selector` (waiting for it) and types `text` into it as a
    /// keyboard does, after selecting what it held: the page sees the same input
    /// events.
    pub fn type_into(&mut self, selector: &str, text: &str) {
        let focus = format!(
            "(() => {{ const e = document.querySelector({selector:?}); e.focus(); e.select(); return !!e; }})()"
        );
        self.wait_for(&focus, "true");
        self.call("Input.insertText", serde_json::json!({ "text": text }));
    }

    /// Presses and releases `key` ("Enter", "Tab") on the focused element.
    pub fn press(&mut self, key: &str) {
        let (code, text) = match key {
            "Enter" => (13, "\r"),
            "Tab" => (9, ""),
            other => panic!("no key code for {other}"),
        };
        for kind in ["keyDown", "keyUp"] {
            let event = serde_json::json!({"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code,
                "text": if kind == "keyDown" { text } else { "" }});
            self.call("Input.dispatchKeyEvent", event);
        }
    }

    /// Sends the DevTools command `method` to the page and returns its result.
    fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.next_id += 1;
        let id = self.next_id;
        let call = serde_json::json!({"id": id, "method": method, "params": params});
        self.page.send(Message::text(call.to_string())).unwrap();
        loop {
            let reply = self.page.read().unwrap();
            let Ok(text) = reply.to_text() else { continue };
            let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
            if value["id"] == id {
                return value["result"].take();
            }
        }
    }

    /// Waits until `expression` evaluates to exactly `wanted`.
    pub fn wait_for_exact(&mut self, expression: &str, wanted: &str) {
        let start = Instant::now();
        loop {
            let value = self.eval(expression);
            if value == wanted {
                return;
            }
            assert!(start.elapsed() < PATIENCE, "{expression} never gave exactly {wanted:?}; last: {value}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `expression` evaluates to a text containing `wanted`.
    pub fn wait_for(&mut self, expression: &str, wanted: &str) {
        let start = Instant::now();
        loop {
            let value = self.eval(expression);
            if value.contains(wanted) {
                return;
            }
            assert!(start.elapsed() < PATIENCE, "{expression} never gave {wanted:?}; last: {value}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The DevTools port the browser prints on stderr.
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

/// The DevTools socket of the browser's first page, opened at `url`.
fn page_socket(port: u16, url: &str) -> WebSocket<MaybeTlsStream<TcpStream>> {
    let start = Instant::now();
    loop {
        let list: serde_json::Value = serde_json::from_str(&http_get(port, "/json/list")).unwrap_or_default();
        let page = list
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["type"] == "page" && t["url"].as_str().is_some_and(|u| u.starts_with("http") || u == url));
        if let Some(ws) = page.and_then(|p| p["webSocketDebuggerUrl"].as_str()) {
            return tungstenite::connect(ws).unwrap().0;
        }
        assert!(start.elapsed() < PATIENCE, "no page target: {list}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The body of `GET path` on the loopback port `port` (an empty text when it fails).
/// The DevTools server answers HTTP/1.1 only and keeps the connection open, so the
/// body is read by its `Content-Length`.
fn http_get(port: u16, path: &str) -> String {
    let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) else { return String::new() };
    let mut reader = BufReader::new(stream);
    let _ = write!(reader.get_mut(), "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    let mut length = 0;
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
        line.clear();
    }
    let mut body = vec![0; length];
    match reader.read_exact(&mut body) {
        Ok(()) => String::from_utf8_lossy(&body).into_owned(),
        Err(_) => String::new(),
    }
}
