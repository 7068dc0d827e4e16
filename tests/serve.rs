//! `broadsheet serve` end to end: the real binary on a free port, real HTTP.
//!
//! Each test copies `tests/fixtures/serve-site` to a temporary folder, starts the
//! server on it with `--port 0`, and talks to it over TCP: plain requests (some of
//! them malformed on purpose, which is why the client is a raw socket), the
//! live-reload event stream, clients that misbehave (in `misbehaving`), and, in
//! `browser`, headless Chromium; `equivalence` checks, after a seeded series of
//! edits of every kind, that what is served is what `build` publishes. Nothing is
//! timed: every wait is for an event, a line or a closed connection, with a generous
//! limit.

#[path = "serve/browser.rs"]
mod browser;
mod common;
#[path = "serve/equivalence.rs"]
mod equivalence;
#[path = "serve/folders.rs"]
mod folders;
#[path = "serve/harness.rs"]
mod harness;
#[path = "serve/http.rs"]
mod http;
#[path = "serve/misbehaving.rs"]
mod misbehaving;
#[path = "serve/watching.rs"]
mod watching;
