//! No panic on any server or environment value, errors that keep their cause, TLS failures that
//! surface at once, credentials that a server echoes kept out of errors, and bodies capped.

mod common;

use std::error::Error as _;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use base64::Engine as _;
use code42::users::UserFilter;
use code42::{ApiErrorKind, Error, Host, Method, RetryPolicy};
use common::*;
use mockito::{Matcher, Server};

fn users_page(ids: &[i64], total: usize) -> String {
    let users: Vec<String> = ids
        .iter()
        .map(|id| user_json(*id, &format!("u{id}"), &format!("u{id}@example.com")))
        .collect();
    format!(
        r#"{{"data":{{"totalCount":{total},"users":[{}]}},"metadata":{{}}}}"#,
        users.join(",")
    )
}

fn page_mock(server: &mut Server, page: u32) -> mockito::Mock {
    server
        .mock("GET", "/api/v1/User")
        .match_query(Matcher::AllOf(vec![
            Matcher::UrlEncoded("pgNum".into(), page.to_string()),
            Matcher::UrlEncoded("pgSize".into(), "2".into()),
        ]))
}

#[test]
fn absurd_retry_after_values_end_the_call_with_the_429_and_never_panic() {
    for value in ["1e20", "18446744073709551615", "inf", "NaN", "-3", "1e400"] {
        let mut server = Server::new();
        let _t = token_mock(&mut server, TOKEN);
        let limited = server
            .mock("GET", "/api/v1/Org")
            .with_status(429)
            .with_header("retry-after", value)
            .expect_at_least(1)
            .create();
        let (client, _) = client_with(&server, |b| b.retry_policy(RetryPolicy::none()));
        let err = client
            .raw(Method::Get, Host::Console, "/api/v1/Org")
            .json::<serde_json::Value>()
            .unwrap_err();
        assert_eq!(
            err.api_kind(),
            Some(ApiErrorKind::TooManyRequests),
            "{value}"
        );
        assert!(err.is_transient());
        limited.assert();
        // With retries on: a huge wait is past the budget (the 429 comes back at once); an
        // unreadable one is a normal backoff. Either way within the default 120 s budget.
        let (client, clock) = client_with(&server, |b| b);
        let err = client
            .raw(Method::Get, Host::Console, "/api/v1/Org")
            .json::<serde_json::Value>()
            .unwrap_err();
        assert_eq!(
            err.api_kind(),
            Some(ApiErrorKind::TooManyRequests),
            "{value}"
        );
        assert!(clock.slept() <= Duration::from_secs(120), "{value}");
    }
}

#[test]
fn a_retry_after_of_u64_max_after_a_short_one_does_not_overflow_the_wait() {
    let too_many = |retry_after: &str| {
        format!(
            "HTTP/1.1 429 Too Many Requests\r\nRetry-After: {retry_after}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .into_bytes()
    };
    let server = ScriptedServer::start(vec![
        too_many("1"),
        too_many("18446744073709551615"),
        http_json(200, r#"{"data":{"tenantUid":"T"}}"#),
    ]);
    let clock = std::sync::Arc::new(code42::clock::ManualClock::new());
    let client = code42::Client::builder(server.url.as_str())
        .jwt_provider(|| Ok("t".into()))
        .clock(clock.clone())
        .retry_policy(RetryPolicy::default().max_total_wait(Duration::MAX))
        .no_rate_limit()
        .env_lookup(|_| None)
        .build()
        .unwrap();
    // With an unbounded budget the second wait is clamped to a day, then the call goes on.
    assert_eq!(client.tenant_id().unwrap(), "T");
    assert_eq!(server.requests().len(), 3);
    assert_eq!(
        clock.sleeps(),
        vec![Duration::from_secs(1), Duration::from_secs(86_400)]
    );
}

#[test]
fn an_absurd_retry_after_on_the_prefetch_thread_is_the_429_not_a_panic() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _p1 = page_mock(&mut server, 1)
        .with_body(users_page(&[1, 2], 4))
        .create();
    let _p2 = page_mock(&mut server, 2)
        .with_status(429)
        .with_header("retry-after", "1e20")
        .create();
    let (client, _) = client_with(&server, |b| b.retry_policy(RetryPolicy::none()));
    let results: Vec<_> = client
        .users()
        .list(&UserFilter::new().page_size(2))
        .unwrap()
        .prefetch(true)
        .collect();
    assert!(results[0].is_ok() && results[1].is_ok(), "{results:?}");
    let err = results[2].as_ref().unwrap_err();
    assert_eq!(
        err.api_kind(),
        Some(ApiErrorKind::TooManyRequests),
        "{err:?}"
    );
}

#[test]
fn an_expires_in_of_i64_max_does_not_panic() {
    let mut server = Server::new();
    let token = server
        .mock("POST", "/api/v3/oauth/token")
        .match_query(Matcher::Any)
        .with_header("content-type", "application/json")
        .with_body(
            r#"{"access_token":"opaque-token","token_type":"bearer","expires_in":9223372036854775807}"#,
        )
        .expect(1)
        .create();
    let tenant = server
        .mock("GET", "/api/v3/customer/my")
        .with_header("content-type", "application/json")
        .with_body(r#"{"data":{"tenantUid":"T"}}"#)
        .expect(2)
        .create();
    let client = code42::Client::builder(server.url())
        .api_client("key-1", "api-secret-value")
        .no_rate_limit()
        .env_lookup(|_| None)
        .build()
        .unwrap();
    assert_eq!(client.tenant_id().unwrap(), "T");
    assert_eq!(client.tenant_id().unwrap(), "T");
    token.assert();
    tenant.assert();
}

#[test]
fn a_jwt_exp_of_1e19_does_not_panic() {
    let mut server = Server::new();
    let tenant = server
        .mock("GET", "/api/v3/customer/my")
        .with_header("content-type", "application/json")
        .with_body(r#"{"data":{"tenantUid":"T"}}"#)
        .expect(1)
        .create();
    let enc = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    let jwt = format!(
        "{}.{}.sig",
        enc(r#"{"alg":"none"}"#),
        enc(r#"{"exp":1e19}"#)
    );
    let client = code42::Client::builder(server.url())
        .jwt_provider(move || Ok(jwt.clone().into()))
        .no_rate_limit()
        .env_lookup(|_| None)
        .build()
        .unwrap();
    assert_eq!(client.tenant_id().unwrap(), "T");
    tenant.assert();
}

#[test]
fn a_refused_connection_exposes_connection_refused_through_source() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = code42::Client::builder(format!("http://127.0.0.1:{port}"))
        .jwt_provider(|| Ok("t".into()))
        .retry_policy(RetryPolicy::none())
        .env_lookup(|_| None)
        .build()
        .unwrap();
    let err = client.tenant_id().unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.is_transient());
    let mut cause = err.source();
    let mut kinds = Vec::new();
    while let Some(e) = cause {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            kinds.push(io.kind());
        }
        cause = e.source();
    }
    assert!(
        kinds.contains(&std::io::ErrorKind::ConnectionRefused),
        "{err:?}: {kinds:?}"
    );
}

#[test]
fn tls_to_a_plain_http_port_fails_at_once_as_a_tls_error_after_one_attempt() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stopped = stop.clone();
    let server = std::thread::spawn(move || {
        let mut connections = 0;
        listener.set_nonblocking(true).unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline && !stopped.load(std::sync::atomic::Ordering::SeqCst) {
            match listener.accept() {
                Ok((mut stream, _)) => {
                    connections += 1;
                    stream.set_nonblocking(false).unwrap();
                    let mut buf = [0u8; 1024];
                    let _ = stream.read(&mut buf); // the ClientHello
                    let _ = stream.write_all(
                        b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                }
                Err(_) => std::thread::sleep(Duration::from_millis(10)),
            }
        }
        connections
    });
    let client = code42::Client::builder(format!("https://127.0.0.1:{port}"))
        .jwt_provider(|| Ok("t".into()))
        .ca_certificates_pem(include_bytes!("data/test-ca.pem").to_vec())
        .no_rate_limit()
        .env_lookup(|_| None)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.tenant_id().unwrap_err();
    let took = started.elapsed();
    // Long enough for a retry's connection to arrive, if there were one.
    std::thread::sleep(Duration::from_millis(700));
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    assert!(matches!(err, Error::Tls { .. }), "{err:?}");
    assert!(!err.is_transient());
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert_eq!(server.join().unwrap(), 1, "one attempt, no retry");
}

/// Found by the `http` fuzz target: a request-id header echoing the password was shown as is
/// in the error's `Display`.
#[test]
fn a_credential_echoed_in_the_request_id_header_is_redacted() {
    let mut server = Server::new();
    let _token = server
        .mock("GET", "/api/v3/auth/jwt")
        .match_query(Matcher::Any)
        .with_status(429)
        .with_header("X-Request-Id", &format!("req-{PASSWORD}-1"))
        .with_body("{}")
        .create();
    let (client, _) = client_with(&server, |b| b.retry_policy(RetryPolicy::none()));
    let err = client.tenant_id().unwrap_err();
    let api = err.api().expect("an API error");
    let shown = format!("{err} {err:?} {:?}", api.request_id());
    assert!(!shown.contains(PASSWORD), "{shown}");
    assert_eq!(api.request_id(), Some("req-[redacted]-1"));
}

#[test]
fn credentials_a_server_echoes_in_an_error_body_are_redacted() {
    const TOTP: &str = "918273";
    let mut server = Server::new();
    let basic_value = basic(USER, PASSWORD);
    // The token endpoint echoes the Basic credentials, the password and the TOTP.
    let _token = server
        .mock("GET", "/api/v3/auth/jwt")
        .match_query(Matcher::Any)
        .with_status(400)
        .with_body(format!(
            r#"{{"description":"bad header Authorization: {basic_value}; password {PASSWORD}; totp {TOTP}"}}"#
        ))
        .create();
    let (client, _) = client_with(&server, |b| b.totp(TOTP));
    let err = client.tenant_id().unwrap_err();
    let api = err.api().expect("an API error");
    let shown = format!("{err} {err:?} {} {}", api.message(), api.body());
    let encoded = basic_value.trim_start_matches("Basic ");
    for secret in [PASSWORD, TOTP, encoded] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(api.message().contains("[redacted]"), "{}", api.message());

    // A service echoes the bearer token in a 400 body.
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _echo = server
        .mock("GET", "/api/v1/Org")
        .with_status(400)
        .with_body(format!(
            r#"[{{"name":"BAD","description":"header was Bearer {TOKEN}"}}]"#
        ))
        .create();
    let (client, _) = client_with(&server, |b| b.retry_policy(RetryPolicy::none()));
    let err = client
        .raw(Method::Get, Host::Console, "/api/v1/Org")
        .json::<serde_json::Value>()
        .unwrap_err();
    let api = err.api().expect("an API error");
    let shown = format!("{err} {err:?} {} {}", api.message(), api.body());
    assert!(!shown.contains(TOKEN), "{shown}");
}

/// A server that answers every request with `head` and then `body_len` bytes of `'x'` written
/// lazily (nothing held in memory); returns how many body bytes it managed to send.
fn streaming_server(head: String, body_len: u64) -> (String, std::thread::JoinHandle<u64>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return 0;
        };
        let mut buf = [0u8; 4096];
        let _ = stream.read(&mut buf);
        if stream.write_all(head.as_bytes()).is_err() {
            return 0;
        }
        let chunk = vec![b'x'; 64 * 1024];
        let mut sent = 0u64;
        while sent < body_len {
            let n = chunk.len().min((body_len - sent) as usize);
            if stream.write_all(&chunk[..n]).is_err() {
                break;
            }
            sent += n as u64;
        }
        sent
    });
    (url, handle)
}

#[test]
fn a_100_mb_page_is_refused_past_a_small_limit_without_reading_it_all() {
    // A length over the limit is refused before the body is read.
    const SIZE: u64 = 100 << 20;
    let (url, server) = streaming_server(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {SIZE}\r\nConnection: close\r\n\r\n"
        ),
        SIZE,
    );
    let client = code42::Client::builder(url.as_str())
        .jwt_provider(|| Ok("t".into()))
        .max_response_bytes(1 << 20)
        .no_rate_limit()
        .env_lookup(|_| None)
        .build()
        .unwrap();
    let err = client
        .users()
        .list(&UserFilter::new().page_size(2))
        .unwrap()
        .next()
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit, .. } if limit == 1 << 20),
        "{err:?}"
    );
    assert!(!err.is_transient());
    drop(client);
    let sent = server.join().unwrap();
    assert!(sent < SIZE, "the client read the whole body ({sent} bytes)");
}

#[test]
fn a_body_without_a_length_stops_at_the_limit_through_raw_text() {
    const SIZE: u64 = 100 << 20;
    let (url, server) = streaming_server(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n".to_owned(),
        SIZE,
    );
    let client = code42::Client::builder(url.as_str())
        .jwt_provider(|| Ok("t".into()))
        .max_response_bytes(1 << 20)
        .retry_policy(RetryPolicy::none())
        .no_rate_limit()
        .env_lookup(|_| None)
        .build()
        .unwrap();
    let err = client
        .raw(Method::Get, Host::Console, "/big")
        .text()
        .unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
    drop(client);
    let sent = server.join().unwrap();
    assert!(sent < SIZE, "the client read the whole body ({sent} bytes)");
}

#[test]
fn a_body_within_the_limit_is_read_and_streams_are_not_limited() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _m = server
        .mock("GET", "/blob")
        .with_body(vec![b'a'; 4096])
        .create();
    let (client, _) = client_with(&server, |b| b.max_response_bytes(4096));
    assert_eq!(
        client
            .raw(Method::Get, Host::Console, "/blob")
            .text()
            .unwrap()
            .len(),
        4096
    );
    // Small enough for the token response, not for the blob.
    let (client, _) = client_with(&server, |b| b.max_response_bytes(200));
    let mut out = Vec::new();
    let copied = client
        .raw(Method::Get, Host::Console, "/blob")
        .reader()
        .unwrap()
        .copy_to(&mut out)
        .unwrap();
    assert_eq!(copied, 4096);
}

/// Every real error body in `../shared/fixtures` (read at run time, never copied into the
/// repository) gives a non-empty `ApiError::message()`. Run with `--ignored` where `shared/`
/// sits beside the repository.
#[test]
#[ignore = "reads ../shared/fixtures"]
fn every_real_error_body_gives_a_message() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.to_string_lossy().contains(".error__") {
                out.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
    let mut files = Vec::new();
    walk(&root, &mut files);
    assert!(
        !files.is_empty(),
        "no error fixtures under {}",
        root.display()
    );
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let (client, _) = client_with(&server, |b| b.retry_policy(RetryPolicy::none()));
    let mut empty = Vec::new();
    for file in &files {
        let body = std::fs::read_to_string(file).unwrap();
        let mock = server
            .mock("GET", "/error")
            .with_status(400)
            .with_body(&body)
            .create();
        let err = client
            .raw(Method::Get, Host::Console, "/error")
            .send()
            .unwrap_err();
        if err.api().is_none_or(|api| api.message().is_empty()) {
            empty.push(file.display().to_string());
        }
        mock.remove();
    }
    assert!(empty.is_empty(), "empty messages for {empty:#?}");
}
