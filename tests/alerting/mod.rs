//! Discovery and tenant mocks shared by the alert and alert-rule tests.
#![allow(dead_code)]

use mockito::{Matcher, Mock, Server};

use crate::common::*;

pub const TENANT: &str = "TENANT-1";

/// The token, `ServerEnv`, key-value-store and tenant mocks: the alert service is discovered at
/// `<server>/alerts`, fed-observer at `<server>/fedobs`. The tenant and each lookup are
/// expected exactly once, however many calls a test makes.
pub fn security_mocks(server: &mut Server) -> Vec<Mock> {
    let url = server.url();
    let kv = |server: &mut Server, key: &str, base: String| {
        server
            .mock("GET", format!("/simple-key-value-store/v1/{key}").as_str())
            .match_header("authorization", Matcher::Missing)
            .with_header("content-type", "text/plain")
            .with_body(base)
            .expect_at_most(1)
            .create()
    };
    vec![
        token_mock(server, TOKEN),
        json_mock(
            server,
            "GET",
            "/api/v1/ServerEnv",
            &format!(r#"{{"data":{{"stsBaseUrl":"{url}/sts"}}}}"#),
        )
        .expect(1)
        .create(),
        kv(server, "AlertService-API_URL", format!("{url}/alerts")),
        kv(server, "FedObserver-API_URL", format!("{url}/fedobs")),
        json_mock(
            server,
            "GET",
            "/api/v3/customer/my",
            &format!(r#"{{"data":{{"tenantUid":"{TENANT}"}}}}"#),
        )
        .expect(1)
        .create(),
    ]
}

/// A POST mock with the exact JSON body and the headers every security call carries.
pub fn post(server: &mut Server, path: &str, body: serde_json::Value) -> mockito::Mock {
    server
        .mock("POST", path)
        .match_header("authorization", format!("Bearer {TOKEN}").as_str())
        .match_header("content-type", "application/json")
        .match_header("accept", "application/json")
        .match_body(Matcher::Json(body))
        .with_header("content-type", "application/json")
}
