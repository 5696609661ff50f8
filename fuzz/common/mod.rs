//! A loopback HTTP server answering with scripted replies (the fuzz input), shared by the
//! targets that drive a real `code42::Client`.
// Each target uses part of this module.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// One scripted reply.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn ok(body: &[u8]) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_vec(),
        }
    }
}

#[derive(Default)]
struct Script {
    replies: Vec<Reply>,
    next: usize,
}

struct Server {
    url: String,
    script: Arc<Mutex<Script>>,
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let script = Arc::new(Mutex::new(Script::default()));
        let shared = Arc::clone(&script);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = answer(stream, &shared);
            }
        });
        Server { url, script }
    })
}

/// Serves `replies` in order (the last one again once they run out); returns the base URL.
pub fn serve(replies: Vec<Reply>) -> String {
    let server = server();
    *server.script.lock().unwrap_or_else(|e| e.into_inner()) = Script { replies, next: 0 };
    server.url.clone()
}

fn answer(stream: TcpStream, script: &Mutex<Script>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length.min(1 << 20)];
    reader.read_exact(&mut body)?;
    let mut out = Vec::new();
    {
        let mut script = script.lock().unwrap_or_else(|e| e.into_inner());
        let index = script.next.min(script.replies.len().saturating_sub(1));
        script.next = script.next.saturating_add(1);
        let Some(reply) = script.replies.get(index) else {
            out.extend_from_slice(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            return (&stream).write_all(&out);
        };
        out.extend_from_slice(format!("HTTP/1.1 {} Fuzz\r\n", reply.status).as_bytes());
        for (name, value) in &reply.headers {
            let token = |c: char| c.is_ascii_alphanumeric() || "-_".contains(c);
            if name.is_empty() || !name.chars().all(token) {
                continue;
            }
            if value.chars().any(|c| c.is_control()) {
                continue;
            }
            out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                reply.body.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&reply.body);
    }
    (&stream).write_all(&out)?;
    (&stream).flush()
}

/// A client of the loopback server on a manual clock (retries and rate limits never sleep).
pub fn client(
    url: &str,
    builder: impl FnOnce(code42::ClientBuilder) -> code42::ClientBuilder,
) -> code42::Client {
    let b = code42::Client::builder(url)
        .env_lookup(|_| None)
        .danger_allow_plain_http()
        .clock(Arc::new(code42::clock::ManualClock::new()))
        .connect_timeout(Duration::from_secs(2))
        .read_timeout(Duration::from_secs(2));
    builder(b).build().expect("a client of 127.0.0.1")
}
