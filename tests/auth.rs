//! Credentials, the token cache and whoami, over real HTTP against mockito.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use code42::{ApiErrorKind, Error, Secret};
use common::*;
use mockito::{Matcher, Server};

fn whoami_mocks(server: &mut Server) -> (mockito::Mock, mockito::Mock) {
    let me = json_mock(
        server,
        "GET",
        "/api/v1/User/my",
        &format!(r#"{{"data":{}}}"#, user_json(42, "U42", USER)),
    )
    .match_header("authorization", format!("Bearer {TOKEN}").as_str())
    .create();
    let tenant = json_mock(
        server,
        "GET",
        "/api/v3/customer/my",
        r#"{"data":{"tenantUid":"TENANT-1","name":"T"}}"#,
    )
    .create();
    (me, tenant)
}

#[test]
fn whoami_fetches_a_token_then_user_and_tenant() {
    let mut server = Server::new();
    let token = token_mock(&mut server, TOKEN).expect(1);
    let (me, tenant) = whoami_mocks(&mut server);
    let (client, _) = test_client(&server);
    let who = client.whoami().unwrap();
    assert_eq!(who.user.username, USER);
    assert_eq!(who.user.user_id, 42);
    assert_eq!(who.tenant_id, "TENANT-1");
    token.assert();
    me.assert();
    tenant.assert();
}

#[test]
fn totp_goes_in_the_totp_auth_header_and_a_callback_is_asked_per_fetch() {
    let mut server = Server::new();
    let token = server
        .mock("GET", "/api/v3/auth/jwt")
        .match_query(Matcher::UrlEncoded("useBody".into(), "true".into()))
        .match_header("totp-auth", Matcher::Regex(r"^\d{6}$".into()))
        .with_body(format!(
            r#"{{"data":{{"v3_user_token":"{}"}}}}"#,
            jwt(3600, 1)
        ))
        .expect(1)
        .create();
    let _me = json_mock(
        &mut server,
        "GET",
        "/api/v1/User/my",
        &format!(r#"{{"data":{}}}"#, user_json(1, "U1", USER)),
    )
    .create();
    let (client, _) = client_with(&server, |b| b.totp("123456"));
    client.users().current().unwrap();
    token.assert();

    let asked = Arc::new(AtomicU32::new(0));
    let counter = asked.clone();
    let (client, clock) = client_with(&server, move |b| {
        b.totp_callback(move || {
            Secret::new(format!(
                "{:06}",
                100000 + counter.fetch_add(1, Ordering::SeqCst)
            ))
        })
    });
    let token = token.expect(3); // counts are cumulative: 1 above + 2 here
    client.users().current().unwrap();
    clock.advance(Duration::from_secs(3600));
    client.users().current().unwrap();
    token.assert();
    assert_eq!(
        asked.load(Ordering::SeqCst),
        2,
        "a fresh code for each token fetch"
    );
}

#[test]
fn an_api_client_gets_its_token_with_basic_auth_and_no_content_type() {
    let mut server = Server::new();
    let token = server
        .mock("POST", "/api/v3/oauth/token")
        .match_query(Matcher::UrlEncoded(
            "grant_type".into(),
            "client_credentials".into(),
        ))
        .match_header("authorization", basic("key-1", "api-secret").as_str())
        .match_header("content-type", Matcher::Missing)
        .with_body(format!(
            r#"{{"access_token":"{TOKEN}","token_type":"bearer","expires_in":900}}"#
        ))
        .expect(1)
        .create();
    let tenant = json_mock(
        &mut server,
        "GET",
        "/api/v3/customer/my",
        r#"{"data":{"tenantUid":"T"}}"#,
    )
    .match_header("authorization", format!("Bearer {TOKEN}").as_str())
    .expect(2)
    .create();
    let (client, _) = client_with(&server, |b| b.api_client("key-1", "api-secret"));
    assert_eq!(client.tenant_id().unwrap(), "T");
    assert_eq!(client.tenant_id().unwrap(), "T");
    token.assert();
    tenant.assert();
}

#[test]
fn a_jwt_provider_supplies_the_token_and_its_failure_is_an_auth_error() {
    let mut server = Server::new();
    let tenant = json_mock(
        &mut server,
        "GET",
        "/api/v3/customer/my",
        r#"{"data":{"tenantUid":"T"}}"#,
    )
    .match_header("authorization", "Bearer from-provider")
    .create();
    let (client, _) = client_with(&server, |b| {
        b.jwt_provider(|| Ok(Secret::new("from-provider")))
    });
    assert_eq!(client.tenant_id().unwrap(), "T");
    tenant.assert();
    let (client, _) = client_with(&server, |b| {
        b.jwt_provider(|| Err("vault is sealed".into()))
    });
    let err = client.tenant_id().unwrap_err();
    assert!(
        matches!(&err, Error::Auth { message, .. } if message.contains("vault is sealed")),
        "{err}"
    );
}

#[test]
fn tokens_are_refreshed_60_seconds_before_the_jwt_expires() {
    let mut server = Server::new();
    let token = token_mock(&mut server, &jwt(600, 1)).expect(2);
    let tenant = json_mock(
        &mut server,
        "GET",
        "/api/v3/customer/my",
        r#"{"data":{"tenantUid":"T"}}"#,
    )
    .expect(3)
    .create();
    let (client, clock) = test_client(&server);
    client.tenant_id().unwrap();
    clock.advance(Duration::from_secs(535)); // 65 s before exp: still cached
    client.tenant_id().unwrap();
    clock.advance(Duration::from_secs(10)); // 55 s before exp: refreshed
    client.tenant_id().unwrap();
    token.assert();
    tenant.assert();
}

#[test]
fn expires_in_is_used_when_the_token_is_not_a_jwt_and_15_minutes_otherwise() {
    let mut server = Server::new();
    let token = server
        .mock("POST", "/api/v3/oauth/token")
        .match_query(Matcher::Any)
        .with_body(r#"{"access_token":"opaque","expires_in":120}"#)
        .expect(2)
        .create();
    let _tenant = json_mock(
        &mut server,
        "GET",
        "/api/v3/customer/my",
        r#"{"data":{"tenantUid":"T"}}"#,
    )
    .expect_at_least(1)
    .create();
    let (client, clock) = client_with(&server, |b| b.api_client("k", "s"));
    client.tenant_id().unwrap();
    clock.advance(Duration::from_secs(59));
    client.tenant_id().unwrap();
    clock.advance(Duration::from_secs(2)); // 120 - 60 s margin passed
    client.tenant_id().unwrap();
    token.assert();

    let mut server = Server::new();
    let token = token_mock(&mut server, "opaque-local").expect(2);
    let _tenant = json_mock(
        &mut server,
        "GET",
        "/api/v3/customer/my",
        r#"{"data":{"tenantUid":"T"}}"#,
    )
    .expect_at_least(1)
    .create();
    let (client, clock) = test_client(&server);
    client.tenant_id().unwrap();
    clock.advance(Duration::from_secs(14 * 60 - 1));
    client.tenant_id().unwrap();
    clock.advance(Duration::from_secs(2));
    client.tenant_id().unwrap();
    token.assert();
}

#[test]
fn a_401_gets_exactly_one_retry_with_a_fresh_token() {
    let mut server = Server::new();
    // mockito answers with the first matching mock until its count is used up.
    let old = token_mock(&mut server, "old-token").expect(1);
    let new = token_mock(&mut server, "new-token").expect(1);
    let rejected = server
        .mock("GET", "/api/v3/customer/my")
        .match_header("authorization", "Bearer old-token")
        .with_status(401)
        .with_body(r#"[{"name":"SYSTEM","description":"Unauthorized"}]"#)
        .expect(1)
        .create();
    let accepted = server
        .mock("GET", "/api/v3/customer/my")
        .match_header("authorization", "Bearer new-token")
        .with_body(r#"{"data":{"tenantUid":"T"}}"#)
        .expect(1)
        .create();
    let (client, clock) = test_client(&server);
    assert_eq!(client.tenant_id().unwrap(), "T");
    assert!(
        clock.sleeps().is_empty(),
        "no backoff before the token retry"
    );
    old.assert();
    new.assert();
    rejected.assert();
    accepted.assert();

    // A server that keeps saying 401: one retry, then the error.
    let mut server = Server::new();
    let tokens = server
        .mock("GET", "/api/v3/auth/jwt")
        .match_query(Matcher::Any)
        .with_body(r#"{"data":{"v3_user_token":"t"}}"#)
        .expect(2)
        .create();
    let denied = server
        .mock("GET", "/api/v3/customer/my")
        .with_status(401)
        .with_body(r#"[{"name":"SYSTEM","description":"Unauthorized"}]"#)
        .expect(2)
        .create();
    let (client, _) = test_client(&server);
    let err = client.tenant_id().unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::Unauthorized));
    assert_eq!(err.api().unwrap().message(), "Unauthorized");
    tokens.assert();
    denied.assert();
}

#[test]
fn bad_credentials_and_missing_totp_are_typed_errors_without_a_body_excerpt() {
    let mut server = Server::new();
    let _token = server
        .mock("GET", "/api/v3/auth/jwt")
        .match_query(Matcher::Any)
        .with_status(401)
        .with_body(r#"{"error":[{"primaryErrorKey":"TIME_BASED_ONE_TIME_PASSWORD_REQUIRED"}]}"#)
        .create();
    let (client, _) = test_client(&server);
    let err = client.tenant_id().unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.kind(), ApiErrorKind::MfaRequired);
    assert_eq!(api.kind().base(), ApiErrorKind::Unauthorized);
    assert_eq!(api.operation(), "getLocalAccountToken");
    assert_eq!(api.body(), "", "auth calls keep no body");
}

#[test]
fn four_threads_sharing_a_client_cause_one_token_request() {
    let mut server = Server::new();
    let token = token_mock(&mut server, TOKEN).expect(1);
    let tenant = json_mock(
        &mut server,
        "GET",
        "/api/v3/customer/my",
        r#"{"data":{"tenantUid":"T"}}"#,
    )
    .expect(40)
    .create();
    let (client, _) = test_client(&server);
    std::thread::scope(|s| {
        for _ in 0..4 {
            let client = client.clone();
            s.spawn(move || {
                for _ in 0..10 {
                    assert_eq!(client.tenant_id().unwrap(), "T");
                }
            });
        }
    });
    token.assert();
    tenant.assert();
}

#[test]
fn debug_output_of_client_and_errors_shows_no_secret() {
    let mut server = Server::new();
    let _token = token_mock(&mut server, "super-secret-token");
    let _fail = server
        .mock("GET", "/api/v3/customer/my")
        .with_status(500)
        .with_body(
            r#"{"message":"boom","token":"super-secret-token","password":"hunter2-password"}"#,
        )
        .create();
    let (client, _) = client_with(&server, |b| {
        b.totp("987654").retry_policy(code42::RetryPolicy::none())
    });
    let err = client.tenant_id().unwrap_err();
    let text = format!("{client:?} {err:?} {err}");
    for secret in [PASSWORD, "987654", "super-secret-token"] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    assert!(text.contains("boom"));
}
