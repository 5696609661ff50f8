//! ServerEnv → key-value store → per-service base URLs, resolved once each.

mod common;

use code42::{Error, Host, Method};
use common::*;
use mockito::{Matcher, Server};

const ALERTS: Host = Host::Service("AlertService-API_URL");
const CASES: Host = Host::Service("CASES_API-URL");

fn discovery_mocks(server: &mut Server) -> Vec<mockito::Mock> {
    let url = server.url();
    vec![
        json_mock(
            server,
            "GET",
            "/api/v1/ServerEnv",
            &format!(r#"{{"data":{{"stsBaseUrl":"{url}/sts"}}}}"#),
        )
        .match_header("authorization", format!("Bearer {TOKEN}").as_str())
        .expect(1)
        .create(),
        server
            .mock("GET", "/simple-key-value-store/v1/AlertService-API_URL")
            .match_header("authorization", Matcher::Missing)
            .match_header("accept", "*/*")
            .with_header("content-type", "text/plain")
            .with_body(format!("{url}/svc/alerts\n"))
            .expect(1)
            .create(),
        server
            .mock("GET", "/simple-key-value-store/v1/CASES_API-URL")
            .match_header("authorization", Matcher::Missing)
            .with_body(format!("\"{url}/svc/cases/\""))
            .expect(1)
            .create(),
    ]
}

#[test]
fn services_are_discovered_once_and_keep_their_path_prefix() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let chain = discovery_mocks(&mut server);
    let alerts = json_mock(
        &mut server,
        "POST",
        "/svc/alerts/svc/api/v1/query-alerts",
        r#"{"alerts":[]}"#,
    )
    .match_header("authorization", format!("Bearer {TOKEN}").as_str())
    .expect(3)
    .create();
    let cases = json_mock(
        &mut server,
        "GET",
        "/svc/cases/api/v1/case",
        r#"{"cases":[]}"#,
    )
    .expect(2)
    .create();
    let (client, _) = test_client(&server);
    for _ in 0..3 {
        let _: serde_json::Value = client
            .raw(Method::Post, ALERTS, "/svc/api/v1/query-alerts")
            .idempotent(true)
            .json()
            .unwrap();
    }
    for _ in 0..2 {
        let _: serde_json::Value = client
            .raw(Method::Get, CASES, "/api/v1/case")
            .json()
            .unwrap();
    }
    for m in chain.iter().chain([&alerts, &cases]) {
        m.assert();
    }
}

#[test]
fn a_server_env_without_sts_base_url_means_the_feature_is_unavailable() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _env = json_mock(&mut server, "GET", "/api/v1/ServerEnv", r#"{"data":{}}"#).create();
    let (client, _) = test_client(&server);
    let err = client.raw(Method::Get, ALERTS, "/x").send().unwrap_err();
    assert!(
        matches!(&err, Error::Discovery { service, .. } if service == "key-value-store"),
        "{err:?}"
    );
}

#[test]
fn an_unusable_key_value_answer_is_a_discovery_error() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let url = server.url();
    let _env = json_mock(
        &mut server,
        "GET",
        "/api/v1/ServerEnv",
        &format!(r#"{{"stsBaseUrl":"{url}/sts"}}"#),
    )
    .create();
    let _kv = server
        .mock("GET", "/simple-key-value-store/v1/AlertService-API_URL")
        .with_body("not a url")
        .create();
    let (client, _) = test_client(&server);
    let err = client.raw(Method::Get, ALERTS, "/x").send().unwrap_err();
    assert!(
        matches!(&err, Error::Discovery { service, .. } if service == "AlertService-API_URL"),
        "{err:?}"
    );
}

#[test]
fn the_token_goes_only_to_the_console_and_discovered_hosts() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _chain = discovery_mocks(&mut server);
    let (client, _) = test_client(&server);
    let err = client
        .raw_url(Method::Get, "https://elsewhere.example/file")
        .send()
        .unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidInput {
            argument: "url",
            ..
        }
    ));
    // Once discovered, a service's host is trusted.
    let url = server.url();
    let _file = server
        .mock("GET", "/svc/alerts/file")
        .with_body("bytes")
        .create();
    let _ = client.raw(Method::Get, ALERTS, "/svc/api/v1/x").send();
    let body = client
        .raw_url(Method::Get, &format!("{url}/svc/alerts/file"))
        .text()
        .unwrap();
    assert_eq!(body, "bytes");
}
