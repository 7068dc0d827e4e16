//! Live reload: a script in every served page, and Server-Sent Events to drive it.
//!
//! [`inject`] adds the script of `livereload.js` before `</body>` of each HTML page
//! as it is served (built files never contain it). The script opens an
//! `EventSource` on [`EVENTS_PATH`]; [`LiveReload`] keeps every open stream and, after
//! each rebuild, sends one `build` event: the site's new version, the outputs whose
//! bytes changed, and the build errors, if any, each formatted by
//! [`Diagnostic`](crate::diagnostics::Diagnostic)'s `Display` as in the terminal.
//! A page reloads when its own output changed, swaps its stylesheets when only CSS
//! did, and shows the errors over itself until a build succeeds. A stream costs no
//! worker thread: it is a socket kept in a list and written to after each rebuild.
//! The version (a server instance and a build counter) is also written into each
//! page, so a page that reconnects after a restart or missed a rebuild reloads.

use std::io::Write;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;

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
    clients: Mutex<Vec<Box<dyn Write + Send>>>,
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
        self.broadcast(&text);
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
        self.broadcast(&text);
    }

    /// Takes over a connection that asked for [`EVENTS_PATH`]: writes the response
    /// head and a `hello` event with the current version and errors, then keeps it.
    /// The stream list stays locked meanwhile, so no rebuild's event can slip
    /// between the hello and the first event the stream gets.
    pub fn subscribe(&self, mut stream: Box<dyn Write + Send>) {
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        let hello = {
            let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            event(
                "hello",
                &Message { version: self.version_of(&state), errors: &state.errors, changed: None, all: false },
            )
        };
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n\
                    X-Content-Type-Options: nosniff\r\n\r\nretry: 1000\n\n";
        if write_all(&mut stream, &format!("{head}{hello}")) {
            clients.push(stream);
        }
    }

    /// Sends a comment to every stream, dropping the closed ones; call every
    /// [`KEEPALIVE`].
    pub fn keep_alive(&self) {
        self.broadcast(": keep-alive\n\n");
    }

    /// How many pages are listening.
    pub fn listeners(&self) -> usize {
        self.clients.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    fn broadcast(&self, text: &str) {
        self.clients.lock().unwrap_or_else(PoisonError::into_inner).retain_mut(|stream| write_all(stream, text));
    }
}

fn write_all(stream: &mut Box<dyn Write + Send>, text: &str) -> bool {
    stream.write_all(text.as_bytes()).and_then(|()| stream.flush()).is_ok()
}

fn event(name: &str, message: &Message) -> String {
    let data = serde_json::to_string(message).unwrap_or_else(|_| "{}".to_string());
    format!("event: {name}\ndata: {data}\n\n")
}

/// `html` with the live-reload script added before `</body>` (or at the end): the
/// page stands for output `output` ("" for a "not found" page) at site `version`.
pub fn inject(html: &[u8], output: &str, version: &str) -> Vec<u8> {
    let tag = format!(
        "<script data-broadsheet-live data-output=\"{}\" data-version=\"{}\">\n{SCRIPT}</script>\n",
        escape_attribute(output),
        escape_attribute(version)
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
    use std::sync::Arc;

    use super::*;
    use crate::diagnostics::{Diagnostic, Location};

    #[test]
    fn script_goes_before_the_closing_body_tag() {
        let page = inject(b"<html><body><p>x</p></BODY></html>", "a/index.html", "1-2");
        let page = String::from_utf8(page).unwrap();
        let script =
            page.find("<script data-broadsheet-live data-output=\"a/index.html\" data-version=\"1-2\">").unwrap();
        assert!(page.find("<p>x</p>").unwrap() < script && script < page.find("</BODY>").unwrap());
        assert!(page.ends_with("</BODY></html>"));
    }

    #[test]
    fn script_is_appended_to_a_page_without_body() {
        let page = String::from_utf8(inject(b"<p>x</p>", "x\"y", "v")).unwrap();
        assert!(page.starts_with("<p>x</p><script data-broadsheet-live data-output=\"x&quot;y\""));
    }

    /// A stream that records what it was sent, shared with the test.
    #[derive(Clone, Default)]
    struct Recorder(Arc<Mutex<Vec<u8>>>);

    impl Write for Recorder {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn streams_get_hello_errors_and_changes_and_closed_ones_are_dropped() {
        let live = LiveReload::default();
        let recorder = Recorder::default();
        live.subscribe(Box::new(recorder.clone()));
        live.subscribe(Box::new(Closed));
        assert_eq!(live.listeners(), 1);
        live.failed(&Diagnostic::new(Location::at("content/a.md", 3, 1), "bad").into());
        live.built(&["a/index.html".to_string()]);
        let text = String::from_utf8(recorder.0.lock().unwrap().clone()).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream"), "{text}");
        assert!(text.contains("event: hello\ndata: {\"version\":"), "{text}");
        assert!(text.contains("\"errors\":[\"content/a.md:3:1: bad\"]"), "{text}");
        assert!(
            text.contains(&format!(
                "\"version\":\"{}\",\"errors\":[],\"changed\":[\"a/index.html\"],\"all\":false",
                live.version()
            )),
            "{text}"
        );
    }
}
