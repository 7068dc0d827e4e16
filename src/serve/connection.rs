//! Accepting connections and serving each with hyper, within the bounds of
//! [`limits`](super::limits).
//!
//! A connection is accepted only while fewer than [`connection_limit`] are open, so
//! the process keeps descriptors for its own files; the others wait in the system's
//! queue until one closes. Accepting may still fail (the descriptors may be taken
//! elsewhere in the process): that is logged and tried again after
//! [`ACCEPT_RETRY`], and never stops the server. Each connection is served by
//! hyper's HTTP/1 with a bounded request head and a timeout for it, and a
//! [`StallGuard`] against clients that stop reading.

use std::convert::Infallible;
use std::future::ready;
use std::sync::Arc;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::Preview;
use super::limits::{ACCEPT_RETRY, HEAD_LIMIT, HEAD_TIMEOUT, connection_limit};
use super::reload::{KEEPALIVE, LiveReload};
use super::respond;
use super::stall::StallGuard;

/// Serves `listener` from `preview`, and keeps its event streams alive; runs for
/// as long as the process does.
pub async fn serve(listener: TcpListener, preview: Arc<Preview>) {
    tokio::spawn(keep_streams_alive(preview.live.clone()));
    let open = Arc::new(Semaphore::new(connection_limit()));
    let http = http1_settings();
    loop {
        // The semaphore is never closed, so waiting for a free slot cannot fail.
        let Ok(slot) = open.clone().acquire_owned().await else { return };
        let stream = accept(&listener).await;
        tokio::spawn(serve_connection(http.clone(), stream, slot, preview.clone()));
    }
}

/// Sends every event stream a comment each [`KEEPALIVE`], which also finds the
/// closed ones.
async fn keep_streams_alive(live: Arc<LiveReload>) {
    loop {
        tokio::time::sleep(KEEPALIVE).await;
        live.keep_alive();
    }
}

/// The next connection; failures are logged once per series and retried.
async fn accept(listener: &TcpListener) -> TcpStream {
    let mut failures = 0u32;
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                if failures > 0 {
                    tracing::warn!("accepting connections again after {failures} failed attempts");
                }
                return stream;
            }
            Err(e) => {
                if failures == 0 {
                    tracing::warn!("cannot accept a connection: {e}; trying again every {ACCEPT_RETRY:?}");
                }
                failures = failures.saturating_add(1);
                tokio::time::sleep(ACCEPT_RETRY).await;
            }
        }
    }
}

/// HTTP/1 as served: request heads of at most [`HEAD_LIMIT`] bytes (431 above),
/// complete within [`HEAD_TIMEOUT`], keep-alive otherwise as usual.
fn http1_settings() -> http1::Builder {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(HEAD_TIMEOUT).max_buf_size(HEAD_LIMIT);
    http
}

/// Answers the requests of one connection until it closes, times out or stalls;
/// its `slot` is given back then.
async fn serve_connection(http: http1::Builder, stream: TcpStream, slot: OwnedSemaphorePermit, preview: Arc<Preview>) {
    // Events are small writes that should leave at once.
    if let Err(e) = stream.set_nodelay(true) {
        tracing::debug!("cannot disable Nagle's algorithm: {e}");
    }
    let answer = service_fn(move |request| ready(Ok::<_, Infallible>(respond::answer(&request, &preview))));
    if let Err(e) = http.serve_connection(TokioIo::new(StallGuard::new(stream)), answer).await {
        tracing::debug!("connection ended: {e}");
    }
    drop(slot);
}
