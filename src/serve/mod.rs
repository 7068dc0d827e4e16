//! The preview server: the site built in memory, served over HTTP, with live reload.
//!
//! [`Server::bind`] listens (on 127.0.0.1 unless told otherwise) before anything is
//! built, so a port in use is reported at once; [`Server::start`] then answers
//! requests on a few worker threads, from the [`SiteFiles`] that rebuilds update.
//! Only GET and HEAD are answered, only built files are served (see [`paths`]), and
//! every HTML page gets the live-reload script of [`reload`]. Event streams are
//! handed to [`LiveReload`] and hold no worker, so open tabs never starve the server.

pub mod paths;
pub mod reload;
mod respond;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

pub use reload::LiveReload;

use crate::rebuild::SiteFiles;

/// Threads answering requests; event streams do not take one.
pub const WORKERS: usize = 8;

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
}

/// A listening HTTP server.
pub struct Server {
    http: Arc<tiny_http::Server>,
    addr: SocketAddr,
}

impl Server {
    /// Listens on `addr`; port 0 picks a free port.
    pub fn bind(addr: SocketAddr) -> Result<Server, ServeError> {
        let http = tiny_http::Server::http(addr).map_err(|e| match e.downcast_ref::<std::io::Error>() {
            Some(io) if io.kind() == std::io::ErrorKind::AddrInUse => ServeError::PortInUse(addr),
            _ => ServeError::Listen { addr, message: e.to_string() },
        })?;
        let addr = http.server_addr().to_ip().unwrap_or(addr);
        Ok(Server { http: Arc::new(http), addr })
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

    /// Answers requests from `site` on [`WORKERS`] threads, and keeps the event
    /// streams of `live` alive; returns at once.
    pub fn start(&self, site: Arc<SiteFiles>, live: Arc<LiveReload>) {
        for _ in 0..WORKERS {
            let (http, site, live) = (self.http.clone(), site.clone(), live.clone());
            std::thread::spawn(move || {
                while let Ok(request) = http.recv() {
                    respond::answer(request, &site, &live);
                }
            });
        }
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(reload::KEEPALIVE);
                live.keep_alive();
            }
        });
    }
}
