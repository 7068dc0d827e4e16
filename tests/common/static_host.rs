//! A plain static host for a built output folder, as a web host would serve it:
//! `dir/` is `dir/index.html`, the query is ignored, paths are percent-decoded, and
//! a site published under a sub-path is served under that path only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// A loopback port bound before the site is built, so the build can be given the
/// host's URL.
pub struct StaticHost {
    listener: TcpListener,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub origin: String,
}

impl StaticHost {
    /// Binds a free loopback port.
    pub fn bind() -> StaticHost {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        StaticHost { listener, origin }
    }

    /// Serves `root` under `prefix` (`""` or `/news`) from a background thread;
    /// every other path is "not found".
    pub fn serve(self, root: &Path, prefix: &str) {
        let root = root.to_path_buf();
        let prefix = prefix.to_string();
        std::thread::spawn(move || {
            for stream in self.listener.incoming().flatten() {
                answer(&root, &prefix, stream);
            }
        });
    }
}

/// Serves folder `root` at the root of a free loopback port; returns its URL.
pub fn serve_folder(root: &Path) -> String {
    let host = StaticHost::bind();
    let origin = host.origin.clone();
    host.serve(root, "");
    origin
}

fn answer(root: &Path, prefix: &str, mut stream: TcpStream) {
    // The whole head is read: closing with bytes unread would reset the connection.
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 0) && header != "\r\n" {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("");
    let file = path.strip_prefix(prefix).and_then(|p| p.strip_prefix('/')).map(|p| output_file(root, p));
    let _ = match file.and_then(|f| std::fs::read(&f).ok().map(|body| (f, body))) {
        Some((file, body)) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                media_type(&file),
                body.len()
            );
            stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body))
        }
        None => stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    };
}

/// The file of a request path (decoded, without its leading `/`); `..` never
/// leaves `root` as no segment may be one.
fn output_file(root: &Path, path: &str) -> PathBuf {
    let path = super::percent_decode(path);
    let path = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path };
    if path.split('/').any(|segment| segment == "..") { root.join("..invalid") } else { root.join(path) }
}

fn media_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        Some("json") => "application/json",
        Some("txt") => "text/plain",
        _ => "text/html; charset=utf-8",
    }
}

/// The status code a GET of `url` (on a loopback host) is answered with.
pub fn status_of(url: &str) -> u16 {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_once('/').map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let mut stream = TcpStream::connect(host).unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let status_line = String::from_utf8_lossy(answer.split(|&b| b == b'\n').next().unwrap_or_default()).into_owned();
    status_line.split_whitespace().nth(1).and_then(|code| code.parse().ok()).unwrap_or(0)
}
