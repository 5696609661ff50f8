//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use base64::Engine as _;
use code42::Client;
use code42::clock::ManualClock;
use mockito::{Matcher, Mock, Server};

pub const USER: &str = "admin@example.com";
pub const PASSWORD: &str = "hunter2-password";
pub const TOKEN: &str = "test-bearer-token";

/// An unsigned JWT whose `exp` is `lifetime_secs` from now.
pub fn jwt(lifetime_secs: i64, id: u32) -> String {
    let enc = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    let exp = time::OffsetDateTime::now_utc().unix_timestamp() + lifetime_secs;
    format!(
        "{}.{}.sig{id}",
        enc(r#"{"alg":"none","typ":"JWT"}"#),
        enc(&format!(r#"{{"sub":"{USER}","exp":{exp}}}"#))
    )
}

/// `Basic base64(user:pass)`.
pub fn basic(user: &str, pass: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
    )
}

/// The local-account token endpoint, answering `token`.
pub fn token_mock(server: &mut Server, token: &str) -> Mock {
    server
        .mock("GET", "/api/v3/auth/jwt")
        .match_query(Matcher::UrlEncoded("useBody".into(), "true".into()))
        .match_header("authorization", basic(USER, PASSWORD).as_str())
        .with_status(200)
        .with_header("content-type", "application/json")
        .with_body(format!(
            r#"{{"data":{{"v3_user_token":"{token}"}},"metadata":{{}}}}"#
        ))
        .create()
}

/// A client for `server` with a local account, a manual clock, no environment, no rate limit.
pub fn test_client(server: &Server) -> (Client, Arc<ManualClock>) {
    client_with(server, |b| b)
}

pub fn client_with(
    server: &Server,
    configure: impl FnOnce(code42::ClientBuilder) -> code42::ClientBuilder,
) -> (Client, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new());
    let builder = Client::builder(server.url())
        .local_account(USER, PASSWORD)
        .clock(clock.clone())
        .no_rate_limit()
        .env_lookup(|_| None);
    let client = configure(builder).build().expect("client builds");
    (client, clock)
}

/// A JSON 200 mock for `method path` (any query) with `body`.
pub fn json_mock(server: &mut Server, method: &str, path: &str, body: &str) -> Mock {
    server
        .mock(method, path)
        .match_query(Matcher::Any)
        .with_status(200)
        .with_header("content-type", "application/json")
        .with_body(body)
}

/// A one-user `UserResponse` body.
pub fn user_json(id: i64, uid: &str, username: &str) -> String {
    format!(
        r#"{{"userId":{id},"userUid":"{uid}","username":"{username}","status":"Active","active":true}}"#
    )
}

/// A server that answers each connection with the next raw HTTP response from a script and
/// records each request's first line: for responses mockito cannot produce (cut-off bodies).
pub struct ScriptedServer {
    pub url: String,
    pub requests: Arc<Mutex<Vec<String>>>,
    handle: Option<JoinHandle<()>>,
}

impl ScriptedServer {
    pub fn start(script: Vec<Vec<u8>>) -> ScriptedServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let handle = std::thread::spawn(move || {
            for response in script {
                let Ok((stream, _)) = listener.accept() else {
                    return;
                };
                let mut reader = BufReader::new(stream);
                let mut first = String::new();
                let _ = reader.read_line(&mut first);
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                seen.lock().unwrap().push(first.trim().to_owned());
                let mut stream = reader.into_inner();
                let _ = stream.write_all(&response);
                let _ = stream.flush();
                // dropping the stream closes the connection
            }
        });
        ScriptedServer {
            url,
            requests,
            handle: Some(handle),
        }
    }

    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            if !h.is_finished() {
                // unblock a pending accept
                let _ = std::net::TcpStream::connect(self.url.trim_start_matches("http://"));
            }
            let _ = h.join();
        }
    }
}

/// A complete raw HTTP/1.1 response with a JSON body (connection closed after it).
pub fn http_json(status: u16, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// A response that announces `body.len() + 100` bytes but sends only `body`.
pub fn http_truncated(body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len() + 100
    )
    .into_bytes()
}
