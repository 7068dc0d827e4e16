//! A connection that gives up on a client who stops reading.
//!
//! HTTP/1 in hyper has no write timeout: a response to a client that never reads
//! would wait for the socket forever and keep its connection, and an event stream
//! that is never read would too. [`StallGuard`] fails a write, and so ends the
//! connection, once it has waited [`STALL_TIMEOUT`] without the socket taking a
//! byte; any progress starts the wait again.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{Sleep, sleep};

use super::limits::STALL_TIMEOUT;

/// A TCP stream whose writes fail after [`STALL_TIMEOUT`] without progress.
pub struct StallGuard {
    stream: TcpStream,
    /// Running while a write or flush waits for the socket.
    stalled: Option<Pin<Box<Sleep>>>,
}

impl StallGuard {
    /// Guards `stream`.
    pub fn new(stream: TcpStream) -> StallGuard {
        StallGuard { stream, stalled: None }
    }

    /// Passes on the outcome of a write, flush or shutdown; a pending one starts the
    /// stall timer, or fails once it ran out, and any other stops it.
    fn watch<T>(&mut self, cx: &mut Context<'_>, outcome: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        if outcome.is_ready() {
            self.stalled = None;
            return outcome;
        }
        let timer = self.stalled.get_or_insert_with(|| Box::pin(sleep(STALL_TIMEOUT)));
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "the client stopped reading"))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for StallGuard {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for StallGuard {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let outcome = Pin::new(&mut this.stream).poll_write(cx, buf);
        this.watch(cx, outcome)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let outcome = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        this.watch(cx, outcome)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let outcome = Pin::new(&mut this.stream).poll_flush(cx);
        this.watch(cx, outcome)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let outcome = Pin::new(&mut this.stream).poll_shutdown(cx);
        this.watch(cx, outcome)
    }
}
