//! The preview server: the site built in memory, served over HTTP, with live reload.
//!
//! [`Server::bind`] listens (on 127.0.0.1 unless told otherwise) before anything is
//! built, so a port in use is reported at once; [`Server::start`] then answers
//! requests on a thread of its own, from the [`SiteFiles`] that rebuilds update.
//! Only GET and HEAD are answered, only built files are served (see [`paths`]), and
//! every HTML page gets the live-reload script of [`reload`].
//!
//! The server must keep serving pages and events to a browser whatever other
//! clients do, so it is built on hyper's HTTP/1 and tokio rather than on a library
//! that gives up accepting after one error or reads request heads of any size:
//! `connection` accepts and serves connections within the bounds of [`limits`], and
//! [`LiveReload`] never waits for an event stream's client.

mod body;
mod connection;
pub mod limits;
pub mod paths;
pub mod reload;
mod respond;
mod stall;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

pub use reload::LiveReload;

use self::limits::LISTEN_BACKLOG;
use crate::rebuild::SiteFiles;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// Another program listens on the port.
    #[error("cannot listen on {0}: the port is already in use")]
    PortInUse(SocketAddr),
    /// Any other failure to listen.
    #[error("cannot listen on {addr}: {message}")]
    Listen {
        /// The address asked for.
        addr: SocketAddr,
        /// What the system said.
        message: String,
    },
    /// The server's runtime or thread could not be set up.
    #[error("cannot start the server's thread")]
    Thread(#[source] std::io::Error),
}

/// A listening HTTP server, not answering yet.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    addr: SocketAddr,
}

impl Server {
    /// Listens on `addr`; port 0 picks a free port.
    pub fn bind(addr: SocketAddr) -> Result<Server, ServeError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(ServeError::Thread)?;
        let listener = {
            let _context = runtime.enter();
            listen(addr)
        }
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => ServeError::PortInUse(addr),
            _ => ServeError::Listen { addr, message: e.to_string() },
        })?;
        let bound = listener.local_addr().unwrap_or(addr);
        Ok(Server { runtime, listener, addr: bound })
    }

    /// The site's base URL, without a trailing slash: `http://127.0.0.1:1111`
    /// (`localhost` when listening on every address).
    pub fn base_url(&self) -> String {
        let host = match self.addr.ip() {
            ip if ip.is_unspecified() => "localhost".to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        format!("http://{host}:{}", self.addr.port())
    }

    /// Answers requests from `site` and keeps the event streams of `live` alive, on
    /// a thread of its own; returns at once.
    pub fn start(self, site: Arc<SiteFiles>, live: Arc<LiveReload>) -> Result<(), ServeError> {
        let Server { runtime, listener, .. } = self;
        std::thread::Builder::new()
            .name("serve".to_string())
            .spawn(move || runtime.block_on(connection::serve(listener, site, live)))
            .map(drop)
            .map_err(ServeError::Thread)
    }
}

/// A socket listening on `addr` whose queue holds [`LISTEN_BACKLOG`] connections
/// not yet accepted. On Unix it reuses the address, as the standard library does, so
/// that a restarted server gets its port back at once.
fn listen(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
    if cfg!(unix) {
        socket.set_reuseaddr(true)?;
    }
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}
