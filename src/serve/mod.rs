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

    /// The site's base URL, without a trailing slash: `http://127.0.0.1:1111`.
    /// Listening on every address, it is this machine's address on its network
    /// (`http://192.168.1.20:1111`), so that pages opened on a phone link back to
    /// this machine; `localhost` when the machine has no such address.
    pub fn base_url(&self) -> String {
        let ip = match self.addr.ip() {
            ip if ip.is_unspecified() => network_address(ip),
            ip => Some(ip),
        };
        let host = match ip {
            None => "localhost".to_string(),
            Some(IpAddr::V6(ip)) => format!("[{ip}]"),
            Some(IpAddr::V4(ip)) => ip.to_string(),
        };
        format!("http://{host}:{}", self.addr.port())
    }

    /// Answers requests from `preview` and keeps its event streams alive, on a
    /// thread of its own; returns at once.
    pub fn start(self, preview: Preview) -> Result<(), ServeError> {
        let Server { runtime, listener, .. } = self;
        let preview = Arc::new(preview);
        std::thread::Builder::new()
            .name("serve".to_string())
            .spawn(move || runtime.block_on(connection::serve(listener, preview)))
            .map(drop)
            .map_err(ServeError::Thread)
    }
}

/// This machine's address on the network that its default route reaches, of the
/// family of `any`. Connecting a UDP socket sends nothing: it only asks the system
/// which local address it would send from.
fn network_address(any: IpAddr) -> Option<IpAddr> {
    let probe: SocketAddr = match any {
        IpAddr::V4(_) => ([192, 0, 2, 1], 9).into(),
        IpAddr::V6(_) => (std::net::Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 9).into(),
    };
    let socket = std::net::UdpSocket::bind(SocketAddr::new(any, 0)).ok()?;
    socket.connect(probe).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

/// What the server answers from: the built files, the live-reload streams, and the
/// path the site is served under.
pub struct Preview {
    /// The files of the last good build.
    pub files: Arc<SiteFiles>,
    /// The pages' event streams.
    pub live: Arc<LiveReload>,
    /// The base URL's path (`""`, `/news`): requests outside it are not the site's.
    pub base_path: String,
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
