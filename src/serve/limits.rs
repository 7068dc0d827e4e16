//! The numbers that bound what one client can cost the server.
//!
//! A preview server only ever has a few honest clients, a browser's tabs, so every
//! bound here is far above what they need and far below what would let one client,
//! by mistake or on purpose, keep the others from being served: how many
//! connections are open at once, how large and how slow a request head may be, how
//! long a client may leave a response unread, and how many events wait for one
//! event stream. `docs/serve.md` lists them under "Limits".

use std::time::Duration;

/// The most bytes a request head (request line and headers) may take; a larger one
/// is answered 431 and its connection closed, after reading no more than this.
pub const HEAD_LIMIT: usize = 32 * 1024;

/// The longest request target answered; a longer one gets 414.
pub const TARGET_LIMIT: usize = 8 * 1024;

/// How long a connection may take to send a complete request head, counted from
/// when it opens or from the end of its previous response: idle keep-alive
/// connections and heads sent a byte at a time are closed after it.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a write may wait for a client that reads nothing before its
/// connection is closed.
pub const STALL_TIMEOUT: Duration = Duration::from_secs(10);

/// How many events may wait for one event stream; a stream that falls further
/// behind is dropped (its page reconnects once it reads again).
pub const EVENT_QUEUE: usize = 8;

/// The most connections open at once, whatever the descriptor limit; more wait in
/// the system's queue of connections to accept.
pub const MAX_CONNECTIONS: usize = 512;

/// How many connections the system holds for the server before it accepts them
/// (the standard library asks for 128); past that it drops new ones, whose clients
/// try again a second later.
pub const LISTEN_BACKLOG: u32 = 1024;

/// The fewest connections allowed at once, even under a tiny descriptor limit.
pub const MIN_CONNECTIONS: usize = 8;

/// Descriptors left for everything but connections: the standard streams, the
/// watcher, the runtime, and the files a rebuild reads.
pub const RESERVED_DESCRIPTORS: u64 = 32;

/// How long to wait before accepting again after accepting failed (for example
/// when the process has no descriptor left).
pub const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// How many connections may be open at once in this process: its descriptor limit
/// less [`RESERVED_DESCRIPTORS`], within [`MIN_CONNECTIONS`] and
/// [`MAX_CONNECTIONS`].
pub fn connection_limit() -> usize {
    connections_for(open_file_limit())
}

fn connections_for(descriptors: Option<u64>) -> usize {
    let Some(descriptors) = descriptors else { return MAX_CONNECTIONS };
    let available = descriptors.saturating_sub(RESERVED_DESCRIPTORS);
    usize::try_from(available).unwrap_or(MAX_CONNECTIONS).clamp(MIN_CONNECTIONS, MAX_CONNECTIONS)
}

/// The soft limit on open descriptors (`ulimit -n`); `None` when unlimited.
#[cfg(target_os = "linux")]
fn open_file_limit() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Nofile).current
}

/// Elsewhere the limit is not read: 256, the smallest common default (macOS), is
/// assumed.
#[cfg(not(target_os = "linux"))]
fn open_file_limit() -> Option<u64> {
    Some(256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_leave_descriptors_for_the_rest_of_the_server() {
        assert_eq!(connections_for(Some(1024)), MAX_CONNECTIONS);
        assert_eq!(connections_for(Some(256)), 224);
        assert_eq!(connections_for(Some(64)), 32);
        assert_eq!(connections_for(Some(16)), MIN_CONNECTIONS);
        assert_eq!(connections_for(None), MAX_CONNECTIONS);
    }
}
