//! Statuses, body kinds, large and compressed bodies, errors and redacted logging.

mod common;

use std::io::Write;
use std::sync::{Mutex, OnceLock};

use code42::{ApiErrorKind, Error, Host, Method, RetryPolicy};
use common::*;
use mockito::{Matcher, Server};

fn authed(server: &mut Server) -> mockito::Mock {
    token_mock(server, TOKEN)
}

#[test]
fn each_status_class_becomes_its_error_kind_with_the_server_message() {
    let cases = [
        (400u16, ApiErrorKind::BadRequest),
        (403, ApiErrorKind::Forbidden),
        (404, ApiErrorKind::NotFound),
        (409, ApiErrorKind::Conflict),
        (418, ApiErrorKind::Other),
        (429, ApiErrorKind::TooManyRequests),
        (500, ApiErrorKind::Server),
        (503, ApiErrorKind::Server),
    ];
    for (status, kind) in cases {
        let mut server = Server::new();
        let _t = authed(&mut server);
        let _m = server
            .mock("GET", "/api/v1/User/77")
            .with_status(usize::from(status))
            .with_header("x-request-id", "req-123")
            .with_body(r#"[{"name":"SYSTEM","description":"User not found"}]"#)
            .create();
        let (client, _) = client_with(&server, |b| b.retry_policy(RetryPolicy::none()));
        let err = client.users().get_by_id(77).unwrap_err();
        let api = err.api().unwrap_or_else(|| panic!("{status}: {err:?}"));
        assert_eq!((api.status(), api.kind()), (status, kind));
        assert_eq!(api.message(), "User not found");
        assert_eq!(api.request_id(), Some("req-123"));
        assert_eq!(api.method(), "GET");
        assert_eq!(api.url(), format!("{}/api/v1/User/77", server.url()));
        assert_eq!(api.operation(), "getUser");
        let shown = err.to_string();
        assert!(
            shown.contains("User not found") && shown.contains(&status.to_string()),
            "{shown}"
        );
    }
}

#[test]
fn service_error_texts_become_service_kinds() {
    let mut server = Server::new();
    let _t = authed(&mut server);
    let _m = server
        .mock("GET", "/api/v1/User")
        .match_query(Matcher::Any)
        .with_status(400)
        .with_body(r#"[{"name":"SYSTEM","description":"Organization was not found"}]"#)
        .create();
    let (client, _) = test_client(&server);
    let err = client
        .users()
        .list(&code42::users::UserFilter::new().org_uid("nope"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::OrgNotFound));
    assert_eq!(
        err.api_kind().map(ApiErrorKind::base),
        Some(ApiErrorKind::BadRequest)
    );
}

#[test]
fn a_malformed_body_is_a_decode_error_with_path_and_excerpt() {
    let mut server = Server::new();
    let _t = authed(&mut server);
    let _m = json_mock(
        &mut server,
        "GET",
        "/api/v1/User/5",
        r#"{"data":{"userId":"five","userUid":"u","username":"x"}}"#,
    )
    .create();
    let (client, _) = test_client(&server);
    match client.users().get_by_id(5).unwrap_err() {
        Error::Decode(e) => {
            assert_eq!(e.path(), "data.userId");
            assert_eq!(e.operation(), "getUser");
            assert!(e.excerpt().contains("five"), "{e:?}");
        }
        other => panic!("{other:?}"),
    }
    let _bad = json_mock(&mut server, "GET", "/api/v1/User/6", "<html>oops</html>").create();
    assert!(matches!(client.users().get_by_id(6), Err(Error::Decode(_))));
}

#[test]
fn a_30_mb_body_is_read_whole() {
    let mut server = Server::new();
    let _t = authed(&mut server);
    let filler = "x".repeat(30 * 1024 * 1024);
    let body =
        format!(r#"{{"data":{{"userId":1,"userUid":"u","username":"big","notes":"{filler}"}}}}"#);
    let _m = json_mock(&mut server, "GET", "/api/v1/User/1", &body).create();
    let (client, _) = test_client(&server);
    let user = client.users().get_by_id(1).unwrap();
    assert_eq!(user.notes.map(|n| n.len()), Some(30 * 1024 * 1024));
}

#[test]
fn gzip_bodies_are_decoded() {
    let mut server = Server::new();
    let _t = authed(&mut server);
    let json = format!(r#"{{"data":{}}}"#, user_json(9, "U9", "zipped@example.com"));
    let mut gz = Vec::new();
    {
        // A stored (uncompressed) deflate block inside a gzip member: valid gzip, no encoder crate.
        gz.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        let data = json.as_bytes();
        gz.push(1);
        let len = data.len() as u16;
        gz.extend_from_slice(&len.to_le_bytes());
        gz.extend_from_slice(&(!len).to_le_bytes());
        gz.extend_from_slice(data);
        gz.extend_from_slice(&crc32(data).to_le_bytes());
        gz.extend_from_slice(&(data.len() as u32).to_le_bytes());
    }
    let m = server
        .mock("GET", "/api/v1/User/9")
        .match_header("accept-encoding", Matcher::Regex("gzip".into()))
        .with_header("content-encoding", "gzip")
        .with_header("content-type", "application/json")
        .with_body(gz)
        .create();
    let (client, _) = test_client(&server);
    assert_eq!(
        client.users().get_by_id(9).unwrap().username,
        "zipped@example.com"
    );
    m.assert();
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn plain_text_and_streamed_bodies() {
    let mut server = Server::new();
    let _t = authed(&mut server);
    let _text = server
        .mock("GET", "/api/v1/Text")
        .with_body("hello text")
        .create();
    let payload: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    let _bin = server
        .mock("GET", "/api/v1/Blob")
        .with_header("content-type", "application/octet-stream")
        .with_body(payload.clone())
        .create();
    let (client, _) = test_client(&server);
    assert_eq!(
        client
            .raw(Method::Get, Host::Console, "/api/v1/Text")
            .text()
            .unwrap(),
        "hello text"
    );
    let mut out = Vec::new();
    let n = client
        .raw(Method::Get, Host::Console, "/api/v1/Blob")
        .reader()
        .unwrap()
        .copy_to(&mut out)
        .unwrap();
    assert_eq!(n as usize, payload.len());
    assert!(out == payload);
}

#[test]
fn the_user_agent_names_the_crate_and_the_suffix() {
    let mut server = Server::new();
    let _t = authed(&mut server);
    let m = json_mock(
        &mut server,
        "GET",
        "/api/v1/User/my",
        &format!(r#"{{"data":{}}}"#, user_json(1, "u", "x")),
    )
    .match_header(
        "user-agent",
        format!("code42-rs/{} my-tool/2.0", env!("CARGO_PKG_VERSION")).as_str(),
    )
    .match_header("accept", "application/json")
    .create();
    let (client, _) = client_with(&server, |b| b.user_agent_suffix("my-tool/2.0"));
    client.users().current().unwrap();
    m.assert();
}

#[test]
fn a_silent_server_times_out() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let client = code42::Client::builder(url)
        .jwt_provider(|| Ok("t".into()))
        .read_timeout(std::time::Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .env_lookup(|_| None)
        .build()
        .unwrap();
    let err = client.tenant_id().unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    drop(listener);
}

#[test]
fn a_refused_connection_is_a_transport_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client = code42::Client::builder(format!("http://127.0.0.1:{port}"))
        .jwt_provider(|| Ok("t".into()))
        .retry_policy(RetryPolicy::none())
        .env_lookup(|_| None)
        .build()
        .unwrap();
    assert!(matches!(client.tenant_id(), Err(Error::Transport { .. })));
}

struct Capture;
static LINES: OnceLock<Mutex<Vec<String>>> = OnceLock::new();

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        if record.target().starts_with("mockito") {
            return; // the test server's own log of what it received
        }
        let mut line = Vec::new();
        let _ = write!(line, "{} {}", record.target(), record.args());
        LINES
            .get_or_init(Default::default)
            .lock()
            .unwrap()
            .push(String::from_utf8_lossy(&line).into());
    }
    fn flush(&self) {}
}

/// Every client-side target at debug level, ureq's included. (ureq-proto's *trace* level dumps raw bytes
/// of bodies and headers; the crate docs say never to enable it.)
#[test]
fn request_logs_carry_no_secret() {
    let _ = log::set_logger(&Capture);
    log::set_max_level(log::LevelFilter::Debug);
    let mut server = Server::new();
    let _t = token_mock(&mut server, "log-secret-token");
    let _m = server
        .mock("GET", "/api/v1/User/my")
        .with_status(503)
        .with_body("{}")
        .expect_at_least(1)
        .create();
    let (client, _) = client_with(&server, |b| {
        b.totp("555444")
            .retry_policy(RetryPolicy::default().max_attempts(2))
    });
    let _ = client.users().current();
    let lines = LINES
        .get_or_init(Default::default)
        .lock()
        .unwrap()
        .join("\n");
    assert!(
        lines.contains("/api/v1/User/my"),
        "requests are logged: {lines}"
    );
    assert!(lines.contains("retrying"), "{lines}");
    for secret in [
        "log-secret-token",
        PASSWORD,
        "555444",
        &basic(USER, PASSWORD),
    ] {
        assert!(!lines.contains(secret), "{secret} in logs:\n{lines}");
    }
}

#[test]
fn an_explicit_proxy_receives_the_requests() {
    // The proxy answers nothing useful; what matters is that the client went to it.
    let proxy = ScriptedServer::start(vec![
        b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".to_vec(),
    ]);
    // Plain HTTP to the target so that the proxy sees the request line (allowed only on purpose).
    let client = code42::Client::builder("http://console.invalid")
        .danger_allow_plain_http()
        .jwt_provider(|| Ok("t".into()))
        .proxy(proxy.url.as_str())
        .retry_policy(RetryPolicy::none())
        .env_lookup(|_| None)
        .build()
        .unwrap();
    let _ = client.tenant_id();
    let requests = proxy.requests();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].contains("console.invalid"), "{requests:?}");
}

#[test]
fn code42_proxy_from_the_environment_is_used_and_a_bad_one_is_rejected() {
    let proxy = ScriptedServer::start(vec![
        b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".to_vec(),
    ]);
    let url = proxy.url.clone();
    let client = code42::Client::builder("http://console.invalid")
        .danger_allow_plain_http()
        .jwt_provider(|| Ok("t".into()))
        .retry_policy(RetryPolicy::none())
        .env_lookup(move |name| (name == "CODE42_PROXY").then(|| url.clone()))
        .build()
        .unwrap();
    let _ = client.tenant_id();
    assert_eq!(proxy.requests().len(), 1);

    let err = code42::Client::builder("h")
        .api_client("k", "s")
        .proxy("::not a url::")
        .env_lookup(|_| None)
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                argument: "proxy",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn extra_ca_certificates_are_loaded_and_bad_pem_is_rejected() {
    let pem = include_bytes!("data/test-ca.pem");
    let built = code42::Client::builder("console.example")
        .api_client("k", "s")
        .ca_certificates_pem(pem.to_vec())
        .env_lookup(|_| None)
        .build();
    assert!(built.is_ok(), "{built:?}");
    let err = code42::Client::builder("console.example")
        .api_client("k", "s")
        .ca_certificates_pem(b"not a certificate".to_vec())
        .env_lookup(|_| None)
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                argument: "ca_certificates_pem",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_stream_cut_short_is_a_transport_error_and_a_failing_writer_an_io_error() {
    let server = ScriptedServer::start(vec![
        http_truncated("partial bytes"),
        http_json(200, "0123456789"),
    ]);
    let client = code42::Client::builder(server.url.as_str())
        .jwt_provider(|| Ok("t".into()))
        .env_lookup(|_| None)
        .build()
        .unwrap();
    let body = client
        .raw(Method::Get, Host::Console, "/file")
        .reader()
        .unwrap();
    let err = body.copy_to(&mut Vec::new()).unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");

    struct Full;
    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let body = client
        .raw(Method::Get, Host::Console, "/file")
        .reader()
        .unwrap();
    assert!(matches!(body.copy_to(&mut Full), Err(Error::Io(_))));
}
