//! The connection front: the public listener, and a byte pump per client connection to the
//! internal tiny_http server.
//!
//! tiny_http owns its sockets and offers no way to close one, so a fault such as "send half the
//! body, then close the connection" cannot be done through it. The front keeps each client
//! socket: tiny_http still parses every request and its replies are forwarded unchanged, but a
//! fault (or dropping the tenant) can write to the client directly and close the connection.
//! Dropping the front closes every client connection and joins every thread it started.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// One client connection and its twin connection to tiny_http.
#[derive(Debug)]
pub(crate) struct Link {
    /// The client socket, for shutting it down.
    client: TcpStream,
    /// The client socket's write side, shared by the pump and [`Link::cut`].
    client_writer: Mutex<TcpStream>,
    /// Our socket to tiny_http, for shutting it down.
    inner: TcpStream,
}

impl Link {
    /// Writes `bytes` to the client, then closes both connections.
    pub fn cut(&self, bytes: &[u8]) {
        {
            let mut writer = self
                .client_writer
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if let Err(e) = writer.write_all(bytes).and_then(|()| writer.flush()) {
                log::debug!("fake tenant: writing a cut response failed: {e}");
            }
        }
        self.close();
    }

    /// Writes `bytes` to the client and leaves the connection open.
    pub fn write(&self, bytes: &[u8]) {
        let mut writer = self
            .client_writer
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Err(e) = writer.write_all(bytes).and_then(|()| writer.flush()) {
            log::debug!("fake tenant: writing a partial response failed: {e}");
        }
    }

    /// Closes both connections (idempotent).
    pub fn close(&self) {
        let _ = self.client.shutdown(Shutdown::Both);
        let _ = self.inner.shutdown(Shutdown::Both);
    }
}

/// The open links, by the address tiny_http sees as the peer.
#[derive(Debug, Default)]
pub(crate) struct Links {
    open: Mutex<HashMap<SocketAddr, Arc<Link>>>,
    pumps: Mutex<Vec<JoinHandle<()>>>,
}

impl Links {
    /// The link whose internal connection has local address `peer` (tiny_http's
    /// `Request::remote_addr`).
    pub fn get(&self, peer: &SocketAddr) -> Option<Arc<Link>> {
        self.open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(peer)
            .cloned()
    }

    fn remove(&self, peer: &SocketAddr) {
        self.open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(peer);
    }

    /// Connects `client` to tiny_http at `inner_addr` and starts its two pumps.
    fn open(self: &Arc<Self>, client: TcpStream, inner_addr: SocketAddr) -> io::Result<()> {
        let _ = client.set_nodelay(true);
        let inner = TcpStream::connect(inner_addr)?;
        let _ = inner.set_nodelay(true);
        let key = inner.local_addr()?;
        let link = Arc::new(Link {
            client: client.try_clone()?,
            client_writer: Mutex::new(client.try_clone()?),
            inner: inner.try_clone()?,
        });
        self.open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, Arc::clone(&link));

        // Client to tiny_http: copy requests; at the client's EOF, tell tiny_http.
        let mut from_client = client;
        let mut to_inner = inner.try_clone()?;
        let up = thread::Builder::new()
            .name("fake-tenant-pump-up".into())
            .spawn(move || {
                let _ = io::copy(&mut from_client, &mut to_inner);
                let _ = to_inner.shutdown(Shutdown::Write);
            })?;

        // tiny_http to client: forward replies; when either side ends, close both.
        let mut from_inner = inner;
        let links = Arc::clone(self);
        let down = thread::Builder::new()
            .name("fake-tenant-pump-down".into())
            .spawn(move || {
                let mut buf = vec![0u8; 64 * 1024];
                loop {
                    let n = match from_inner.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    let mut writer = link
                        .client_writer
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner);
                    let Some(chunk) = buf.get(..n) else { break };
                    if writer.write_all(chunk).is_err() {
                        break;
                    }
                }
                link.close();
                links.remove(&key);
            })?;

        let mut pumps = self.pumps.lock().unwrap_or_else(PoisonError::into_inner);
        pumps.retain(|h| !h.is_finished());
        pumps.push(up);
        pumps.push(down);
        Ok(())
    }

    /// Closes every connection and joins every pump.
    fn close_all(&self) {
        let open: Vec<Arc<Link>> = self
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .drain()
            .map(|(_, link)| link)
            .collect();
        for link in open {
            link.close();
        }
        let pumps: Vec<JoinHandle<()>> = self
            .pumps
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .drain(..)
            .collect();
        for pump in pumps {
            let _ = pump.join();
        }
    }
}

/// The public listener and its accept thread.
#[derive(Debug)]
pub(crate) struct Front {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    links: Arc<Links>,
    acceptor: Option<JoinHandle<()>>,
}

impl Front {
    /// Listens on `127.0.0.1:port` (0 = any free port) and forwards every connection to
    /// tiny_http at `inner_addr`.
    pub fn start(port: u16, inner_addr: SocketAddr) -> io::Result<Front> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let links = Arc::new(Links::default());
        let acceptor = {
            let stop = Arc::clone(&stop);
            let links = Arc::clone(&links);
            thread::Builder::new()
                .name("fake-tenant-accept".into())
                .spawn(move || accept_loop(&listener, inner_addr, &stop, &links))?
        };
        Ok(Front {
            addr,
            stop,
            links,
            acceptor: Some(acceptor),
        })
    }

    /// The public address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The open links.
    pub fn links(&self) -> &Arc<Links> {
        &self.links
    }

    /// Stops accepting (the port is closed when this returns), closes every connection and
    /// joins every thread. Idempotent.
    pub fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(acceptor) = self.acceptor.take() {
            // Wake the accept call; it sees `stop` and returns, dropping the listener.
            match TcpStream::connect_timeout(&self.addr, Duration::from_secs(2)) {
                Ok(_) => {
                    let _ = acceptor.join();
                }
                Err(e) => log::warn!("fake tenant: could not wake the accept thread: {e}"),
            }
        }
        self.links.close_all();
    }
}

impl Drop for Front {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn accept_loop(
    listener: &TcpListener,
    inner_addr: SocketAddr,
    stop: &AtomicBool,
    links: &Arc<Links>,
) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        match stream {
            Ok(client) => {
                if let Err(e) = links.open(client, inner_addr) {
                    log::debug!("fake tenant: could not open a connection: {e}");
                }
            }
            Err(e) => {
                log::debug!("fake tenant: accept failed: {e}");
                // Out of file descriptors and the like: do not spin.
                thread::sleep(Duration::from_millis(10));
            }
        }
    }
}
