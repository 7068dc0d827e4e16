//! One request, one answer: a built file, a redirect, an event stream, or an error
//! status.

use bytes::Bytes;
use hyper::header::{ALLOW, CACHE_CONTROL, CONTENT_TYPE, HeaderValue, LOCATION, X_CONTENT_TYPE_OPTIONS};
use hyper::{Method, Request, Response, StatusCode};

use super::body::Body;
use super::limits::TARGET_LIMIT;
use super::paths::{content_type, output_file, request_path};
use super::reload::{EVENTS_PATH, LiveReload, inject};
use crate::rebuild::SiteFiles;

type Answer = Response<Body>;

/// The "not found" page before a first successful build: HTML, so that it gets the
/// live-reload script, shows the build errors and reloads once they are fixed.
const NOT_BUILT: &[u8] = b"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Not found</title></head>\n\
<body><p>404 Not Found</p></body></html>\n";

/// Answers `request` from `site`; event-stream requests are subscribed to `live`.
pub fn answer<B>(request: &Request<B>, site: &SiteFiles, live: &LiveReload) -> Answer {
    // The target as sent: a path and query, or `*`, or an absolute URL (refused).
    let target = request.uri().to_string();
    if target.len() > TARGET_LIMIT {
        return text(StatusCode::URI_TOO_LONG, &format!("414 URI Too Long: at most {TARGET_LIMIT} bytes\n"));
    }
    let method = request.method();
    if method == Method::GET && target.split('?').next() == Some(EVENTS_PATH) {
        return event_stream(live);
    }
    if method != Method::GET && method != Method::HEAD {
        let refused = text(StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed: only GET and HEAD\n");
        return with_header(refused, ALLOW, HeaderValue::from_static("GET, HEAD"));
    }
    match request_path(&target) {
        Ok(path) => lookup(&path, &target, site, live),
        Err(e) => text(StatusCode::BAD_REQUEST, &format!("400 Bad Request: {e}\n")),
    }
}

/// An event stream subscribed to `live`: its `hello` first, then every rebuild.
fn event_stream(live: &LiveReload) -> Answer {
    respond_with(StatusCode::OK, "text/event-stream; charset=utf-8", Body::Events(live.subscribe()))
}

/// The file at decoded path `path`, or a redirect to its folder, or "not found".
fn lookup(path: &str, target: &str, site: &SiteFiles, live: &LiveReload) -> Answer {
    // The version is read before the file: a page is never newer than its version says.
    let version = live.version();
    let output = output_file(path);
    if let Some(bytes) = site.get(&output) {
        return file(StatusCode::OK, &output, Bytes::from_owner(bytes), &output, &version);
    }
    if !path.is_empty() && !path.ends_with('/') && site.get(&format!("{path}/index.html")).is_some() {
        return redirect_to_folder(target);
    }
    not_found(path, site, &version)
}

/// 301 to `target` with a `/` after its path.
fn redirect_to_folder(target: &str) -> Answer {
    let (raw, query) = target.split_once('?').map_or((target, String::new()), |(p, q)| (p, format!("?{q}")));
    let moved = text(StatusCode::MOVED_PERMANENTLY, "301 Moved Permanently\n");
    // The target came in a request line, which cannot hold the bytes a header value
    // refuses; were it refused, the answer would go without a location.
    match HeaderValue::try_from(format!("{raw}/{query}")) {
        Ok(location) => with_header(moved, LOCATION, location),
        Err(_) => moved,
    }
}

/// The theme's "not found" page of the language the path is in, with status 404
/// (a bare one while the site has never been built).
fn not_found(path: &str, site: &SiteFiles, version: &str) -> Answer {
    let language = path.split_once('/').map(|(first, _)| format!("{first}/404.html"));
    let page = language.into_iter().chain(["404.html".to_string()]).find_map(|p| site.get(&p).map(|bytes| (p, bytes)));
    match page {
        Some((output, bytes)) => file(StatusCode::NOT_FOUND, &output, Bytes::from_owner(bytes), "", version),
        None => file(StatusCode::NOT_FOUND, "404.html", Bytes::from_static(NOT_BUILT), "", version),
    }
}

/// A built file; HTML gets the live-reload script for page `page`.
fn file(status: StatusCode, output: &str, bytes: Bytes, page: &str, version: &str) -> Answer {
    let kind = content_type(output);
    let body = if kind.starts_with("text/html") { Bytes::from(inject(&bytes, page, version)) } else { bytes };
    respond_with(status, kind, Body::whole(body))
}

fn text(status: StatusCode, message: &str) -> Answer {
    respond_with(status, "text/plain; charset=utf-8", Body::whole(message.to_string()))
}

/// A response with the headers every answer has.
fn respond_with(status: StatusCode, kind: &'static str, body: Body) -> Answer {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

fn with_header(mut response: Answer, name: hyper::header::HeaderName, value: HeaderValue) -> Answer {
    response.headers_mut().insert(name, value);
    response
}
