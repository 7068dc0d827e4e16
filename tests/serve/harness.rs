//! The harness: a copy of a fixture site, the real binary serving it on a free port,
//! a raw HTTP client and an event-stream reader.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{self, Site};

/// How long to wait for anything: generous, since CI machines are slow.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// The build clock of every test, so that a fresh build gives the same pages.
pub const NOW: &str = "2026-01-01T00:00:00Z";

/// A copy of the `serve-site` fixture, whose commands run at [`NOW`].
pub fn serve_site() -> Site {
    Site::fixture_at("serve-site", NOW)
}

/// Lines a child process printed, collected by a thread.
#[derive(Clone, Default)]
pub struct Lines(Arc<Mutex<Vec<String>>>);

impl Lines {
    fn collect(self, stream: impl Read + Send + 'static) -> Self {
        let lines = self.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                lines.0.lock().unwrap().push(line);
            }
        });
        self
    }

    /// Every line so far.
    pub fn all(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }

    /// Waits for a line matching `pred`; panics with everything printed after [`PATIENCE`].
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let lines = self.wait_until(&format!("line {what}"), |lines| lines.iter().any(|l| pred(l)));
        lines.into_iter().find(|l| pred(l)).unwrap()
    }

    /// Waits until the lines so far satisfy `pred`, and returns them; panics with
    /// everything printed after [`PATIENCE`].
    pub fn wait_until(&self, what: &str, pred: impl Fn(&[String]) -> bool) -> Vec<String> {
        let start = Instant::now();
        loop {
            let lines = self.all();
            if pred(&lines) {
                return lines;
            }
            assert!(start.elapsed() < PATIENCE, "no {what} in:\n{}", lines.join("\n"));
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// `broadsheet serve` running on a free port.
pub struct Serve {
    child: Child,
    /// The address it listens on.
    pub addr: SocketAddr,
    /// Its base URL, without a trailing slash.
    pub url: String,
    /// What it printed on stdout.
    pub stdout: Lines,
    /// What it printed on stderr.
    pub stderr: Lines,
}

impl Serve {
    /// Starts serving `site` on a free port with extra `args`; returns once the URL is printed.
    pub fn start(site: &Site, args: &[&str]) -> Serve {
        Serve::start_at(site, 0, args)
    }

    /// Starts serving `site` on `port` (0 for a free one) with extra `args`; returns once
    /// the URL is printed.
    pub fn start_at(site: &Site, port: u16, args: &[&str]) -> Serve {
        let mut command = common::command(site.clock());
        command.args(["serve", "--root"]).arg(site.root()).args(["--port", &port.to_string()]).args(args);
        Serve::launch(command)
    }

    /// Starts serving `site` on a free port in a process that may open at most
    /// `limit` files and sockets (`ulimit -n`).
    pub fn start_with_open_file_limit(site: &Site, limit: u32) -> Serve {
        let mut command = Command::new("sh");
        command
            .args(["-c", "ulimit -n \"$0\" && exec \"$@\""])
            .arg(limit.to_string())
            .arg(env!("CARGO_BIN_EXE_broadsheet"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .env("BROADSHEET_NOW", site.clock());
        Serve::launch(command)
    }

    /// Runs `command`, a `broadsheet serve`; returns once the URL is printed.
    fn launch(mut command: Command) -> Serve {
        let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let stdout = Lines::default().collect(child.stdout.take().unwrap());
        let stderr = Lines::default().collect(child.stderr.take().unwrap());
        let start = Instant::now();
        let line = loop {
            if let Some(line) = stdout.all().into_iter().find(|l| l.starts_with("Serving the site at ")) {
                break line;
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("serve exited with {status}:\n{}", stderr.all().join("\n"));
            }
            assert!(start.elapsed() < PATIENCE, "serve printed no URL:\n{}", stderr.all().join("\n"));
            std::thread::sleep(Duration::from_millis(20));
        };
        let url =
            line["Serving the site at ".len()..].split_whitespace().next().unwrap().trim_end_matches('/').to_string();
        let addr = url.trim_start_matches("http://").split('/').next().unwrap().parse().unwrap();
        Serve { child, addr, url, stdout, stderr }
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a raw request line (`GET /x HTTP/1.1`) and reads the reply.
    pub fn request(&self, method: &str, target: &str) -> Reply {
        request(self.addr, method, target)
    }

    /// `GET target`.
    pub fn get(&self, target: &str) -> Reply {
        self.request("GET", target)
    }

    /// Opens an event stream, as a page's script does.
    pub fn events(&self) -> Events {
        Events::open(self.addr, "/__broadsheet/events")
    }

    /// Opens an event stream and reads its first event, the server's `hello`.
    pub fn greeted_events(&self) -> Events {
        let mut events = self.events();
        assert_eq!(events.next().name, "hello");
        events
    }

    /// Opens the event stream at `path`, for a site served under a base path.
    pub fn events_at(&self, path: &str) -> Events {
        Events::open(self.addr, path)
    }

    /// The rebuild lines printed, once there are at least `count`. A rebuild's line is
    /// printed before its event is sent, but read from the pipe by another thread, so
    /// it may not be collected yet when the event arrives.
    pub fn rebuild_lines(&self, count: usize) -> Vec<String> {
        let rebuilds =
            |lines: &[String]| -> Vec<String> { lines.iter().filter(|l| l.contains(" changed: ")).cloned().collect() };
        rebuilds(&self.stdout.wait_until(&format!("{count} rebuild lines"), |lines| rebuilds(lines).len() >= count))
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP reply.
#[derive(Debug)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Header lines, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request on a fresh connection, the target sent exactly as given.
pub fn request(addr: SocketAddr, method: &str, target: &str) -> Reply {
    let stream = connect(addr);
    write!(&stream, "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    read_reply(&mut BufReader::new(stream), method).unwrap()
}

/// A connection that waits at most [`PATIENCE`] for each read.
pub fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream
}

/// Reads one reply to a `method` request; the body ends at its `Content-Length`, or
/// where the server closes the connection.
pub fn read_reply(reader: &mut impl BufRead, method: &str) -> std::io::Result<Reply> {
    let mut status_line = String::new();
    if reader.read_line(&mut status_line)? == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let status = status_line.split_whitespace().nth(1).expect("a status line").parse().unwrap();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let line = line.trim_end();
        let Some((name, value)) = line.split_once(':') else {
            break;
        };
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let length = headers.iter().find(|(n, _)| n == "content-length").map(|(_, v)| v.parse::<usize>().unwrap());
    let mut body = Vec::new();
    match length {
        _ if method == "HEAD" => {}
        Some(n) => {
            body.resize(n, 0);
            reader.read_exact(&mut body)?;
        }
        None => {
            reader.read_to_end(&mut body)?;
        }
    }
    Ok(Reply { status, headers, body })
}

/// Asks for the event stream and never reads a byte of it, as a frozen tab or a
/// hostile client does.
pub fn stalled_event_stream(addr: SocketAddr) -> TcpStream {
    stalled_event_stream_at(addr, "/__broadsheet/events")
}

/// [`stalled_event_stream`] at `path` (under a base path).
fn stalled_event_stream_at(addr: SocketAddr, path: &str) -> TcpStream {
    let stream = connect(addr);
    write!(&stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n").unwrap();
    stream
}

/// An open event stream.
pub struct Events {
    reader: BufReader<Box<dyn Read + Send>>,
}

/// One server-sent event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Its name (`hello`, `build`).
    pub name: String,
    /// Its data, parsed.
    pub data: serde_json::Value,
}

impl Event {
    /// The outputs it says changed.
    pub fn changed(&self) -> Vec<String> {
        self.data["changed"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
            .unwrap_or_default()
    }

    /// The errors it carries.
    pub fn errors(&self) -> Vec<String> {
        self.data["errors"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
    }
}

impl Events {
    fn open(addr: SocketAddr, path: &str) -> Events {
        let mut reader = BufReader::new(stalled_event_stream_at(addr, path));
        let mut head = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push(line);
        }
        assert!(head[0].starts_with("HTTP/1.1 200"), "{head:?}");
        let has = |header: &str| head.iter().any(|h| h.to_ascii_lowercase().starts_with(header));
        assert!(has("content-type: text/event-stream"), "{head:?}");
        let body: Box<dyn Read + Send> = if has("transfer-encoding: chunked") {
            Box::new(Dechunked { inner: reader, left: 0 })
        } else {
            Box::new(reader)
        };
        Events { reader: BufReader::new(body) }
    }

    /// The next event (comments and `retry` lines skipped), within [`PATIENCE`].
    pub fn next(&mut self) -> Event {
        self.next_before(Instant::now() + PATIENCE)
    }

    fn next_before(&mut self, deadline: Instant) -> Event {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            assert!(Instant::now() < deadline, "no event in time");
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).unwrap();
            assert!(n > 0, "the event stream closed");
            let line = line.trim_end_matches('\n');
            if line.is_empty() && !data.is_empty() {
                return Event { name, data: serde_json::from_str(&data).unwrap() };
            }
            if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data = v.to_string();
            }
        }
    }

    /// Reads events until one matches `pred`.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Event) -> bool) -> Event {
        let deadline = Instant::now() + PATIENCE;
        loop {
            assert!(Instant::now() < deadline, "no event {what}");
            let event = self.next_before(deadline);
            if pred(&event) {
                return event;
            }
        }
    }

    /// Waits for a successful rebuild that changed `output`.
    pub fn wait_for_change(&mut self, output: &str) -> Event {
        self.wait_for(&format!("changing {output}"), |e| e.name == "build" && e.changed().iter().any(|c| c == output))
    }
}

/// A body sent in chunks (`Transfer-Encoding: chunked`), read as the bytes it carries.
struct Dechunked {
    inner: BufReader<TcpStream>,
    /// Bytes left in the current chunk.
    left: usize,
}

impl Read for Dechunked {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            let mut line = String::new();
            self.inner.read_line(&mut line)?;
            if line == "\r\n" {
                // The end of the previous chunk; its successor's size follows.
                line.clear();
                self.inner.read_line(&mut line)?;
            }
            if line.is_empty() {
                return Ok(0);
            }
            self.left = usize::from_str_radix(line.trim(), 16).map_err(std::io::Error::other)?;
            if self.left == 0 {
                return Ok(0);
            }
        }
        let wanted = buf.len().min(self.left);
        let n = self.inner.read(&mut buf[..wanted])?;
        self.left -= n;
        Ok(n)
    }
}

/// A served page without the live-reload script, as `build` writes it.
pub fn without_script(html: &str) -> String {
    let Some(start) = html.find("<script data-broadsheet-live") else {
        return html.to_string();
    };
    let end = start + html[start..].find("</script>\n").unwrap() + "</script>\n".len();
    format!("{}{}", &html[..start], &html[end..])
}

/// Builds `site` with `build` into a temporary folder and checks that the server
/// answers every built file with the same bytes (HTML without its script).
pub fn assert_served_equals_fresh_build(site: &Site, serve: &Serve) {
    let out = tempfile::tempdir().unwrap();
    let built = fresh_build(site, serve, &out.path().join("public"));
    assert!(built.len() > 20, "only {} files built", built.len());
    if let Err(problem) = compare_with_served(serve, &built, &BTreeSet::new()) {
        panic!("{problem}");
    }
}

/// Builds `site` with the real binary into `out` for the base URL `serve` answers
/// on, with its clock; returns every file written, by output path.
pub fn fresh_build(site: &Site, serve: &Serve, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let run = common::command(site.clock())
        .args(["build", "--quiet", "--base-url", &serve.url, "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(out)
        .output()
        .unwrap();
    assert!(run.status.success(), "build failed:\n{}", String::from_utf8_lossy(&run.stderr));
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/");
            files.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Checks that the server answers every file of `built` with its bytes (HTML
/// without the live-reload script) and every path of `gone` with 404.
pub fn compare_with_served(
    serve: &Serve,
    built: &BTreeMap<String, Vec<u8>>,
    gone: &BTreeSet<String>,
) -> Result<(), String> {
    for (rel, bytes) in built {
        assert!(rel.is_ascii(), "the fixtures keep paths ASCII: {rel}");
        let reply = serve.get(&format!("/{rel}"));
        if reply.status != 200 {
            return Err(format!("{rel}: served with status {}", reply.status));
        }
        let served = if rel.ends_with(".html") { without_script(&reply.text()).into_bytes() } else { reply.body };
        if served != *bytes {
            return Err(format!(
                "{rel} differs from a fresh build.\nserved:\n{}\nbuilt:\n{}",
                String::from_utf8_lossy(&served),
                String::from_utf8_lossy(bytes)
            ));
        }
    }
    for rel in gone {
        let status = serve.get(&format!("/{rel}")).status;
        if status != 404 {
            return Err(format!("{rel}: no longer built, but served with status {status}"));
        }
    }
    Ok(())
}
