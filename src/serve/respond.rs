//! One request, one answer: a built file, a redirect, an event stream, or an error
//! status.

use bytes::Bytes;
use hyper::header::{ALLOW, CACHE_CONTROL, CONTENT_TYPE, HeaderValue, LOCATION, X_CONTENT_TYPE_OPTIONS};
use hyper::{Method, Request, Response, StatusCode};

use super::Preview;
use super::body::Body;
use super::limits::TARGET_LIMIT;
use super::paths::{content_type, output_file, request_path};
use super::reload::{EVENTS_PATH, LiveReload, PageOrigin, inject};
use crate::rebuild::SiteFiles;

type Answer = Response<Body>;

/// The "not found" page before a first successful build: HTML, so that it gets the
/// live-reload script, shows the build errors and reloads once they are fixed.
const NOT_BUILT: &[u8] = b"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Not found</title></head>\n\
<body><p>404 Not Found</p></body></html>\n";

/// Answers `request` from `preview`; event-stream requests are subscribed to its
/// live reload.
pub fn answer<B>(request: &Request<B>, preview: &Preview) -> Answer {
    // The target as sent: a path and query, or `*`, or an absolute URL (refused).
    let target = request.uri().to_string();
    if target.len() > TARGET_LIMIT {
        return text(StatusCode::URI_TOO_LONG, &format!("414 URI Too Long: at most {TARGET_LIMIT} bytes\n"));
    }
    let method = request.method();
    if method != Method::GET && method != Method::HEAD {
        let refused = text(StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed: only GET and HEAD\n");
        return with_header(refused, ALLOW, HeaderValue::from_static("GET, HEAD"));
    }
    let target = match under_base(&target, &preview.base_path) {
        Within::Site(target) => target,
        Within::Base => return redirect_to_folder(&target),
        Within::Outside => {
            let message = format!("404 Not Found: the site is served under {}/\n", preview.base_path);
            return text(StatusCode::NOT_FOUND, &message);
        }
    };
    if method == Method::GET && target.split('?').next() == Some(EVENTS_PATH) {
        return event_stream(&preview.live);
    }
    match request_path(target) {
        Ok(path) => lookup(&path, target, preview),
        Err(e) => text(StatusCode::BAD_REQUEST, &format!("400 Bad Request: {e}\n")),
    }
}

/// Where a request target is, against the base path the site is served under.
enum Within<'t> {
    /// In the site, at this target with the base path taken off (`/news/a/?x` → `/a/?x`).
    Site(&'t str),
    /// The base path itself, without its `/`: sent on to the folder.
    Base,
    /// Not the site's.
    Outside,
}

fn under_base<'t>(target: &'t str, base: &str) -> Within<'t> {
    match target.strip_prefix(base) {
        _ if base.is_empty() => Within::Site(target),
        Some(rest) if rest.starts_with('/') => Within::Site(rest),
        Some(rest) if rest.is_empty() || rest.starts_with('?') => Within::Base,
        _ => Within::Outside,
    }
}

/// An event stream subscribed to `live`: its `hello` first, then every rebuild.
fn event_stream(live: &LiveReload) -> Answer {
    respond_with(StatusCode::OK, "text/event-stream; charset=utf-8", Body::Events(live.subscribe()))
}

/// The file at decoded path `path`, or a redirect to its folder, or "not found".
fn lookup(path: &str, target: &str, preview: &Preview) -> Answer {
    // The version is read before the file: a page is never newer than its version says.
    let version = preview.live.version();
    let page = |output| PageOrigin { output, version: &version, base_path: &preview.base_path };
    let output = output_file(path);
    if let Some(bytes) = preview.files.get(&output) {
        return file(StatusCode::OK, &output, Bytes::from_owner(bytes), &page(&output));
    }
    if !path.is_empty() && !path.ends_with('/') && preview.files.get(&format!("{path}/index.html")).is_some() {
        return redirect_to_folder(&format!("{}{target}", preview.base_path));
    }
    not_found(path, &preview.files, &page(""))
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
fn not_found(path: &str, site: &SiteFiles, page: &PageOrigin) -> Answer {
    let language = path.split_once('/').map(|(first, _)| format!("{first}/404.html"));
    let found = language.into_iter().chain(["404.html".to_string()]).find_map(|p| site.get(&p).map(|bytes| (p, bytes)));
    match found {
        Some((output, bytes)) => file(StatusCode::NOT_FOUND, &output, Bytes::from_owner(bytes), page),
        None => file(StatusCode::NOT_FOUND, "404.html", Bytes::from_static(NOT_BUILT), page),
    }
}

/// A built file; HTML gets the live-reload script for `page`.
fn file(status: StatusCode, output: &str, bytes: Bytes, page: &PageOrigin) -> Answer {
    let kind = content_type(output);
    let body = if kind.starts_with("text/html") { Bytes::from(inject(&bytes, page)) } else { bytes };
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
