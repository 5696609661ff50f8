//! Retry rules and the rate limiter, with an injected clock so nothing waits for real.

mod common;

use std::time::Duration;

use code42::{ApiErrorKind, Host, Method, RateLimit, RetryPolicy};
use common::*;
use mockito::Server;

const TENANT: &str = r#"{"data":{"tenantUid":"T"}}"#;

#[test]
fn a_429_honours_retry_after_in_seconds() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let limited = server
        .mock("GET", "/api/v3/customer/my")
        .with_status(429)
        .with_header("retry-after", "7")
        .expect(2)
        .create();
    let ok = json_mock(&mut server, "GET", "/api/v3/customer/my", TENANT)
        .expect(1)
        .create();
    let (client, clock) = test_client(&server);
    assert_eq!(client.tenant_id().unwrap(), "T");
    limited.assert();
    ok.assert();
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(7); 2]);
}

#[test]
fn a_429_honours_retry_after_as_an_http_date() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let (client, clock) = test_client(&server);
    use code42::clock::Clock;
    let at = httpdate::fmt_http_date(clock.system_now() + Duration::from_secs(12));
    let limited = server
        .mock("GET", "/api/v3/customer/my")
        .with_status(429)
        .with_header("retry-after", &at)
        .expect(1)
        .create();
    let _ok = json_mock(&mut server, "GET", "/api/v3/customer/my", TENANT).create();
    client.tenant_id().unwrap();
    limited.assert();
    let slept = clock.slept();
    assert!(
        slept > Duration::from_secs(10) && slept <= Duration::from_secs(12),
        "{slept:?}"
    );
}

#[test]
fn a_429_without_retry_after_backs_off_exponentially_with_jitter() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _limited = server
        .mock("GET", "/api/v3/customer/my")
        .with_status(429)
        .expect(3)
        .create();
    let _ok = json_mock(&mut server, "GET", "/api/v3/customer/my", TENANT).create();
    let (client, clock) = test_client(&server);
    client.tenant_id().unwrap();
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 3);
    for (i, s) in sleeps.iter().enumerate() {
        let step = Duration::from_millis(500) * (1 << i);
        assert!(*s >= step / 2 && *s <= step, "sleep {i}: {s:?}");
    }
}

#[test]
fn server_errors_are_retried_for_idempotent_calls_only() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let failing = server
        .mock("GET", "/api/v3/customer/my")
        .with_status(503)
        .expect(2)
        .create();
    let _ok = json_mock(&mut server, "GET", "/api/v3/customer/my", TENANT).create();
    let (client, clock) = test_client(&server);
    client.tenant_id().unwrap();
    failing.assert();
    assert_eq!(clock.sleeps().len(), 2);

    // A POST that creates something is sent exactly once.
    let create = server
        .mock("POST", "/api/v1/Thing")
        .with_status(500)
        .with_body(r#"{"message":"boom"}"#)
        .expect(1)
        .create();
    let err = client
        .raw(Method::Post, Host::Console, "/api/v1/Thing")
        .body(&serde_json::json!({"a": 1}))
        .send()
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::Server));
    create.assert();

    // A POST marked idempotent (a search) is retried.
    let search = server
        .mock("POST", "/api/v1/Search")
        .with_status(502)
        .expect(2)
        .create();
    let _found = json_mock(&mut server, "POST", "/api/v1/Search", "{}").create();
    client
        .raw(Method::Post, Host::Console, "/api/v1/Search")
        .idempotent(true)
        .send()
        .unwrap();
    search.assert();
}

#[test]
fn attempts_and_total_wait_are_bounded() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let failing = server
        .mock("GET", "/api/v3/customer/my")
        .with_status(500)
        .expect(3)
        .create();
    let (client, clock) = client_with(&server, |b| {
        b.retry_policy(RetryPolicy::default().max_attempts(3))
    });
    let err = client.tenant_id().unwrap_err();
    assert_eq!(err.api().map(|e| e.status()), Some(500));
    failing.assert();
    assert_eq!(clock.sleeps().len(), 2);

    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let limited = server
        .mock("GET", "/api/v3/customer/my")
        .with_status(429)
        .with_header("retry-after", "100")
        .expect(2)
        .create();
    let (client, clock) = client_with(&server, |b| {
        b.retry_policy(RetryPolicy::default().max_total_wait(Duration::from_secs(150)))
    });
    let err = client.tenant_id().unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::TooManyRequests));
    assert_eq!(
        err.api().and_then(|e| e.retry_after()),
        Some(Duration::from_secs(100))
    );
    assert_eq!(
        clock.slept(),
        Duration::from_secs(100),
        "a second 100 s wait would pass the budget"
    );
    limited.assert();
}

#[test]
fn connection_failures_are_retried_for_reads() {
    // First connection: a body cut short; second: the real answer.
    let server = ScriptedServer::start(vec![
        http_truncated(r#"{"data":{"tenantUid":"#),
        http_json(200, TENANT),
    ]);
    let clock = std::sync::Arc::new(code42::clock::ManualClock::new());
    let client = code42::Client::builder(server.url.as_str())
        .jwt_provider(|| Ok("t".into()))
        .clock(clock.clone())
        .env_lookup(|_| None)
        .build()
        .unwrap();
    assert_eq!(client.tenant_id().unwrap(), "T");
    assert_eq!(server.requests().len(), 2);
    assert_eq!(clock.sleeps().len(), 1);
}

#[test]
fn the_121st_request_waits_for_the_rate_limiter() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, &jwt(3600, 1));
    let _m = json_mock(&mut server, "GET", "/api/v3/customer/my", TENANT)
        .expect(121)
        .create();
    let (client, clock) = client_with(&server, |b| b.rate_limit(RateLimit::default()));
    // The token request takes one token from the bucket too.
    for _ in 0..119 {
        client.tenant_id().unwrap();
    }
    assert!(clock.sleeps().is_empty(), "120 requests fit the burst");
    client.tenant_id().unwrap();
    assert_eq!(
        clock.sleeps(),
        vec![Duration::from_millis(500)],
        "the 121st waits for one refill"
    );
    client.tenant_id().unwrap();
    assert_eq!(clock.sleeps().len(), 2);
}
