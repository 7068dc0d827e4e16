//! What follows a response head: a whole file, or an event stream.
//!
//! An event stream sends what [`LiveReload`](super::LiveReload) queues for it, and
//! lasts until its client is dropped from the list of streams (or the connection
//! closes). A dropped client's stream ends with an error rather than cleanly, so
//! that hyper closes the connection instead of waiting for another request on it.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use hyper::body::{Frame, SizeHint};
use tokio::sync::mpsc;

/// The body of a response.
pub enum Body {
    /// Bytes sent at once; `None` once sent.
    Whole(Option<Bytes>),
    /// Events, as they are queued.
    Events(mpsc::Receiver<Bytes>),
}

/// Why an event stream ends: the server stopped sending it events.
#[derive(Debug, thiserror::Error)]
#[error("the event stream was dropped by the server")]
pub struct Dropped;

impl Body {
    /// A body of `bytes`.
    pub fn whole(bytes: impl Into<Bytes>) -> Body {
        Body::Whole(Some(bytes.into()))
    }
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = Dropped;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Dropped>>> {
        match self.get_mut() {
            Body::Whole(bytes) => Poll::Ready(bytes.take().map(|bytes| Ok(Frame::data(bytes)))),
            Body::Events(events) => events.poll_recv(cx).map(|event| Some(event.map(Frame::data).ok_or(Dropped))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Whole(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Whole(bytes) => SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64)),
            Body::Events(_) => SizeHint::default(),
        }
    }
}
