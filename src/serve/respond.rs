//! One request, one answer: a built file, a redirect, or an error status.

use std::io::Cursor;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::paths::{content_type, output_file, request_path};
use super::reload::{EVENTS_PATH, LiveReload, inject};
use crate::rebuild::SiteFiles;

type Answer = Response<Cursor<Vec<u8>>>;

/// The "not found" page before a first successful build: HTML, so that it gets the
/// live-reload script, shows the build errors and reloads once they are fixed.
const NOT_BUILT: &[u8] = b"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Not found</title></head>\n\
<body><p>404 Not Found</p></body></html>\n";

/// Answers `request` from `site`; event-stream requests go to `live`.
pub fn answer(request: Request, site: &SiteFiles, live: &LiveReload) {
    let target = request.url().to_string();
    let method = request.method().clone();
    if method == Method::Get && target.split('?').next() == Some(EVENTS_PATH) {
        live.subscribe(request.into_writer());
        return;
    }
    let response = match method {
        Method::Get | Method::Head => match request_path(&target) {
            Ok(path) => lookup(&path, &target, site, live),
            Err(e) => text(400, &format!("400 Bad Request: {e}\n")),
        },
        _ => with_header(text(405, "405 Method Not Allowed: only GET and HEAD\n"), "Allow", "GET, HEAD"),
    };
    // A client that went away needs no answer.
    let _ = request.respond(response);
}

/// The file at decoded path `path`, or a redirect to its folder, or "not found".
fn lookup(path: &str, target: &str, site: &SiteFiles, live: &LiveReload) -> Answer {
    // The version is read before the file: a page is never newer than its version says.
    let version = live.version();
    let output = output_file(path);
    if let Some(bytes) = site.get(&output) {
        return file(200, &output, &bytes, &output, &version);
    }
    if !path.is_empty() && !path.ends_with('/') && site.get(&format!("{path}/index.html")).is_some() {
        let (raw, query) = target.split_once('?').map_or((target, String::new()), |(p, q)| (p, format!("?{q}")));
        return with_header(text(301, "301 Moved Permanently\n"), "Location", &format!("{raw}/{query}"));
    }
    not_found(path, site, &version)
}

/// The theme's "not found" page of the language the path is in, with status 404
/// (a bare one while the site has never been built).
fn not_found(path: &str, site: &SiteFiles, version: &str) -> Answer {
    let language = path.split_once('/').map(|(first, _)| format!("{first}/404.html"));
    let page = language.into_iter().chain(["404.html".to_string()]).find_map(|p| site.get(&p).map(|bytes| (p, bytes)));
    match page {
        Some((output, bytes)) => file(404, &output, &bytes, "", version),
        None => file(404, "404.html", NOT_BUILT, "", version),
    }
}

/// A built file; HTML gets the live-reload script for page `page`.
fn file(status: u16, output: &str, bytes: &[u8], page: &str, version: &str) -> Answer {
    let kind = content_type(output);
    let body = if kind.starts_with("text/html") { inject(bytes, page, version) } else { bytes.to_vec() };
    respond_with(status, kind, body)
}

fn text(status: u16, message: &str) -> Answer {
    respond_with(status, "text/plain; charset=utf-8", message.as_bytes().to_vec())
}

fn respond_with(status: u16, kind: &str, body: Vec<u8>) -> Answer {
    let response = Response::from_data(body).with_status_code(StatusCode(status)).with_chunked_threshold(usize::MAX);
    let response = with_header(response, "Content-Type", kind);
    let response = with_header(response, "Cache-Control", "no-store");
    with_header(response, "X-Content-Type-Options", "nosniff")
}

/// Adds a header. Values come from this module or from a request line, which
/// cannot hold the bytes a header refuses; a refused one would be left out.
fn with_header(response: Answer, name: &str, value: &str) -> Answer {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(h) => response.with_header(h),
        Err(()) => response,
    }
}
