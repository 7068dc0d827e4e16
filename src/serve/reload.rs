//! Live reload: a script in every served page, and Server-Sent Events to drive it.
//!
//! [`inject`] adds the script of `livereload.js` before `</body>` of each HTML page
//! as it is served (built files never contain it). The script opens an
//! `EventSource` on [`EVENTS_PATH`]; [`LiveReload`] keeps every open stream and, after
//! each rebuild, sends one `build` event: the site's new version, the outputs whose
//! bytes changed, and the build errors, if any, each formatted by
//! [`Diagnostic`](crate::diagnostics::Diagnostic)'s `Display` as in the terminal.
//! A page reloads when its own output changed, swaps its stylesheets when only CSS
//! did, and shows the errors over itself until a build succeeds. Sending an event
//! never waits for a client: each stream has a queue of at most [`EVENT_QUEUE`]
//! events, which its connection writes out as the client reads, and a stream whose
//! queue is full is dropped (its page reconnects). Events are shared, not copied,
//! between the queues. The version (a server instance and a build counter) is also
//! written into each page, so a page that reconnects after a restart or missed a
//! rebuild reloads.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use serde::Serialize;
use tokio::sync::mpsc;

use super::limits::EVENT_QUEUE;
use crate::diagnostics::Diagnostics;

/// Where pages listen for rebuilds.
pub const EVENTS_PATH: &str = "/__broadsheet/events";

/// How often an idle stream gets a comment, which also finds closed tabs.
pub const KEEPALIVE: Duration = Duration::from_secs(15);

/// Above this many changed outputs, pages are told "everything changed".
const MAX_LISTED: usize = 500;

const SCRIPT: &str = include_str!("livereload.js");

/// The open event streams and what they were last told.
pub struct LiveReload {
    instance: u64,
    state: Mutex<State>,
    /// The queue of each open stream.
    clients: Mutex<Vec<mpsc::Sender<Bytes>>>,
}

struct State {
    generation: u64,
    errors: Vec<String>,
}

#[derive(Serialize)]
struct Message<'a> {
    version: String,
    errors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    changed: Option<&'a [String]>,
    all: bool,
}

impl Default for LiveReload {
    fn default() -> Self {
        let instance = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
            ^ u64::from(std::process::id());
        LiveReload {
            instance,
            state: Mutex::new(State { generation: 0, errors: Vec::new() }),
            clients: Mutex::new(Vec::new()),
        }
    }
}

impl LiveReload {
    /// The version of the site now served: changes with every successful rebuild
    /// and every server start.
    pub fn version(&self) -> String {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        self.version_of(&state)
    }

    fn version_of(&self, state: &State) -> String {
        format!("{:x}-{}", self.instance, state.generation)
    }

    /// After a successful rebuild: clears the errors and tells every page which
    /// outputs changed.
    pub fn built(&self, changed: &[String]) {
        let text = {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            state.generation += 1;
            state.errors.clear();
            let all = changed.len() > MAX_LISTED;
            let listed = if all { &[][..] } else { changed };
            event("build", &Message { version: self.version_of(&state), errors: &[], changed: Some(listed), all })
        };
        self.broadcast(text);
    }

    /// After a failed rebuild: shows the errors on every page.
    pub fn failed(&self, problems: &Diagnostics) {
        let text = {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            state.errors = problems.0.iter().map(ToString::to_string).collect();
            event(
                "build",
                &Message { version: self.version_of(&state), errors: &state.errors, changed: None, all: false },
            )
        };
        self.broadcast(text);
    }

    /// Opens a stream for a connection that asked for [`EVENTS_PATH`]: the queue of
    /// events to send it, starting with a `hello` event with the current version and
    /// errors. The stream list stays locked meanwhile, so no rebuild's event can slip
    /// between the hello and the first event the stream gets.
    pub fn subscribe(&self) -> mpsc::Receiver<Bytes> {
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        let hello = {
            let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            event(
                "hello",
                &Message { version: self.version_of(&state), errors: &state.errors, changed: None, all: false },
            )
        };
        let (queue, events) = mpsc::channel(EVENT_QUEUE);
        if queue.try_send(Bytes::from(format!("retry: 1000\n\n{hello}"))).is_ok() {
            clients.push(queue);
        }
        events
    }

    /// Sends a comment to every stream, dropping the closed ones; call every
    /// [`KEEPALIVE`].
    pub fn keep_alive(&self) {
        self.broadcast(Bytes::from_static(b": keep-alive\n\n"));
    }

    /// How many pages are listening.
    pub fn listeners(&self) -> usize {
        self.clients.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Queues `text` for every stream, dropping those whose connection closed and
    /// those whose queue is full; never waits.
    fn broadcast(&self, text: impl Into<Bytes>) {
        let text = text.into();
        self.clients
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|queue| queue.try_send(text.clone()).is_ok());
    }
}

fn event(name: &str, message: &Message) -> String {
    let data = serde_json::to_string(message).unwrap_or_else(|_| "{}".to_string());
    format!("event: {name}\ndata: {data}\n\n")
}

/// Where a served page is: the output it stands for ("" for a "not found" page), the
/// site's version when it was read, and the base path the site is served under.
pub struct PageOrigin<'a> {
    /// The output file, "" for a "not found" page.
    pub output: &'a str,
    /// The site's version.
    pub version: &'a str,
    /// `""` or `/news`, which [`EVENTS_PATH`] is under.
    pub base_path: &'a str,
}

/// `html` with the live-reload script added before `</body>` (or at the end).
pub fn inject(html: &[u8], page: &PageOrigin) -> Vec<u8> {
    let tag = format!(
        "<script data-broadsheet-live data-output=\"{}\" data-version=\"{}\" data-base=\"{}\">\n{SCRIPT}</script>\n",
        escape_attribute(page.output),
        escape_attribute(page.version),
        escape_attribute(page.base_path)
    );
    let at = find_body_end(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Byte offset of the last `</body>`, in any case.
fn find_body_end(html: &[u8]) -> Option<usize> {
    const END: &[u8] = b"</body>";
    html.windows(END.len()).rposition(|w| w.eq_ignore_ascii_case(END))
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Kind;
    use crate::diagnostics::{Diagnostic, Location};

    #[test]
    fn script_goes_before_the_closing_body_tag() {
        let page = inject(
            b"<html><body><p>x</p></BODY></html>",
            &PageOrigin { output: "a/index.html", version: "1-2", base_path: "" },
        );
        let page = String::from_utf8(page).unwrap();
        let script = page
            .find("<script data-broadsheet-live data-output=\"a/index.html\" data-version=\"1-2\" data-base=\"\">")
            .unwrap();
        assert!(page.find("<p>x</p>").unwrap() < script && script < page.find("</BODY>").unwrap());
        assert!(page.ends_with("</BODY></html>"));
    }

    #[test]
    fn script_is_appended_to_a_page_without_body() {
        let page =
            String::from_utf8(inject(b"<p>x</p>", &PageOrigin { output: "x\"y", version: "v", base_path: "/n" }))
                .unwrap();
        assert!(page.starts_with("<p>x</p><script data-broadsheet-live data-output=\"x&quot;y\""));
    }

    /// Everything queued for a stream so far, as text.
    fn received(events: &mut mpsc::Receiver<Bytes>) -> String {
        let mut text = String::new();
        while let Ok(event) = events.try_recv() {
            text.push_str(std::str::from_utf8(&event).unwrap());
        }
        text
    }

    #[test]
    fn streams_get_hello_errors_and_changes_and_closed_ones_are_dropped() {
        let live = LiveReload::default();
        let mut events = live.subscribe();
        drop(live.subscribe());
        live.failed(&Diagnostic::of_kind(Location::at("content/a.md", 3, 1), Kind::UnknownRegion, "bad").into());
        assert_eq!(live.listeners(), 1);
        live.built(&["a/index.html".to_string()]);
        let text = received(&mut events);
        assert!(text.starts_with("retry: 1000\n\nevent: hello\ndata: {\"version\":"), "{text}");
        assert!(text.contains("\"errors\":[\"content/a.md:3:1: bad\"]"), "{text}");
        assert!(
            text.contains(&format!(
                "\"version\":\"{}\",\"errors\":[],\"changed\":[\"a/index.html\"],\"all\":false",
                live.version()
            )),
            "{text}"
        );
    }

    #[test]
    fn a_stream_that_falls_behind_is_dropped_without_delaying_the_others() {
        let live = LiveReload::default();
        let _behind = live.subscribe();
        let mut reading = live.subscribe();
        for _ in 0..EVENT_QUEUE {
            live.keep_alive();
            received(&mut reading);
        }
        assert_eq!(live.listeners(), 1, "the hello and the keep-alives filled the queue of the stream not read");
        live.built(&["a/index.html".to_string()]);
        assert!(received(&mut reading).contains("a/index.html"));
    }
}
