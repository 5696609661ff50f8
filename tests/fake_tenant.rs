//! The fake tenant over real HTTP, driven with plain ureq (no `code42::Client`).

use std::collections::HashSet;
use std::io::Read as _;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use code42::wire::authority::types::{User, UserListResponse, UserResponse, UserRole};
use code42_fake::{FakeTenant, FaultRule};
use serde_json::{Value, json};
use ureq::Agent;
use ureq::http::Response;

fn agent() -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(10)))
        .timeout_recv_body(Some(Duration::from_secs(5)))
        .build()
        .into()
}

fn basic(user: &str, password: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{user}:{password}")))
}

fn status(resp: &Response<ureq::Body>) -> u16 {
    resp.status().as_u16()
}

fn header<'a>(resp: &'a Response<ureq::Body>, name: &str) -> Option<&'a str> {
    resp.headers().get(name).and_then(|v| v.to_str().ok())
}

fn json_body(mut resp: Response<ureq::Body>) -> Value {
    resp.body_mut().read_json().expect("a JSON body")
}

/// A local-account token from the JWT endpoint.
fn token(tenant: &FakeTenant, agent: &Agent) -> String {
    let resp = agent
        .get(format!("{}/api/v3/auth/jwt", tenant.url()))
        .query("useBody", "true")
        .header("Authorization", basic(tenant.username(), tenant.password()))
        .call()
        .unwrap();
    assert_eq!(status(&resp), 200);
    json_body(resp)["data"]["v3_user_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// `GET {url}{path}` with a bearer token.
fn get(agent: &Agent, tenant: &FakeTenant, token: &str, path: &str) -> Response<ureq::Body> {
    agent
        .get(format!("{}{path}", tenant.url()))
        .header("Authorization", format!("Bearer {token}"))
        .call()
        .unwrap()
}

fn jwt_payload(token: &str) -> Value {
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "{token}");
    assert!(parts.iter().all(|p| !p.is_empty() && !p.contains('=')));
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap()
}

fn now_secs() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn user_page(agent: &Agent, tenant: &FakeTenant, token: &str, query: &str) -> UserListResponse {
    let resp = get(agent, tenant, token, &format!("/api/v1/User?{query}"));
    assert_eq!(status(&resp), 200, "{query}");
    serde_json::from_value(json_body(resp)).unwrap()
}

// ---------------------------------------------------------------- auth

#[test]
fn local_account_token_is_a_jwt_for_the_user() {
    let tenant = FakeTenant::start().unwrap();
    let agent = agent();
    let a = token(&tenant, &agent);
    let b = token(&tenant, &agent);
    assert_ne!(a, b, "every token is unique");
    let payload = jwt_payload(&a);
    assert_eq!(payload["sub"], tenant.username());
    let exp = payload["exp"].as_i64().unwrap();
    assert!(
        (now_secs() + 890..=now_secs() + 901).contains(&exp),
        "{exp}"
    );

    // py42 spells the flag `True`.
    let resp = agent
        .get(format!("{}/api/v3/auth/jwt?useBody=True", tenant.url()))
        .header("Authorization", basic(tenant.username(), tenant.password()))
        .call()
        .unwrap();
    assert_eq!(status(&resp), 200);
    assert_eq!(header(&resp, "content-type"), Some("application/json"));

    // The token opens bearer routes.
    assert_eq!(status(&get(&agent, &tenant, &a, "/api/v1/User/my")), 200);
}

#[test]
fn bad_credentials_get_401() {
    let tenant = FakeTenant::start().unwrap();
    let agent = agent();
    let jwt = format!("{}/api/v3/auth/jwt?useBody=true", tenant.url());
    let resp = agent
        .get(&jwt)
        .header("Authorization", basic(tenant.username(), "wrong"))
        .call()
        .unwrap();
    assert_eq!(status(&resp), 401);
    assert_eq!(
        json_body(resp),
        json!({"error": [{"primaryErrorKey": "LOGIN_FAILED"}]})
    );
    let resp = agent.get(&jwt).call().unwrap();
    assert_eq!(status(&resp), 401);
    let resp = agent
        .get(&jwt)
        .header("Authorization", "Basic !!!not-base64")
        .call()
        .unwrap();
    assert_eq!(status(&resp), 401);

    let oauth = format!(
        "{}/api/v3/oauth/token?grant_type=client_credentials",
        tenant.url()
    );
    let resp = agent
        .post(&oauth)
        .header("Authorization", basic(tenant.api_client_id(), "wrong"))
        .send_empty()
        .unwrap();
    assert_eq!(status(&resp), 401);
    // The local account is not an API client.
    let resp = agent
        .post(&oauth)
        .header("Authorization", basic(tenant.username(), tenant.password()))
        .send_empty()
        .unwrap();
    assert_eq!(status(&resp), 401);
}

#[test]
fn totp_is_required_when_configured() {
    let tenant = FakeTenant::builder()
        .credentials("sam@example.com", "s3cret")
        .totp("123456")
        .start()
        .unwrap();
    assert_eq!(tenant.username(), "sam@example.com");
    assert_eq!(tenant.totp(), Some("123456"));
    let agent = agent();
    let jwt = format!("{}/api/v3/auth/jwt?useBody=true", tenant.url());
    let auth = basic("sam@example.com", "s3cret");
    for totp in [None, Some("654321")] {
        let mut req = agent.get(&jwt).header("Authorization", &auth);
        if let Some(code) = totp {
            req = req.header("totp-auth", code);
        }
        let resp = req.call().unwrap();
        assert_eq!(status(&resp), 401);
        assert_eq!(
            json_body(resp),
            json!({"error": [{"primaryErrorKey": "TIME_BASED_ONE_TIME_PASSWORD_REQUIRED"}]})
        );
    }
    let resp = agent
        .get(&jwt)
        .header("Authorization", &auth)
        .header("totp-auth", "123456")
        .call()
        .unwrap();
    assert_eq!(status(&resp), 200);
    let token = json_body(resp)["data"]["v3_user_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let me: UserResponse =
        serde_json::from_value(json_body(get(&agent, &tenant, &token, "/api/v1/User/my"))).unwrap();
    assert_eq!(me.data.username, "sam@example.com");
    assert_eq!(me.data.user_id, 1001);
}

#[test]
fn api_client_token_works_but_has_no_user() {
    let tenant = FakeTenant::builder()
        .api_client("key-123", "shh")
        .start()
        .unwrap();
    let agent = agent();
    let resp = agent
        .post(format!("{}/api/v3/oauth/token", tenant.url()))
        .query("grant_type", "client_credentials")
        .header("Authorization", basic("key-123", "shh"))
        .send_empty()
        .unwrap();
    assert_eq!(status(&resp), 200);
    let body = json_body(resp);
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 900);
    let token = body["access_token"].as_str().unwrap();
    assert_eq!(jwt_payload(token)["sub"], "key-123");

    let resp = get(&agent, &tenant, token, "/api/v3/customer/my");
    assert_eq!(status(&resp), 200);
    let customer = json_body(resp);
    assert_eq!(customer["data"]["tenantUid"], tenant.tenant_uid());
    assert_eq!(customer["data"]["name"], "Fake Tenant");

    let resp = get(&agent, &tenant, token, "/api/v1/User/my");
    assert_eq!(status(&resp), 404);
    assert_eq!(
        json_body(resp),
        json!([{"name": "SYSTEM", "description": "User not found"}])
    );
    assert_eq!(
        status(&get(&agent, &tenant, token, "/api/v1/User/1001")),
        200
    );

    // Only the client-credentials grant, only POST.
    let resp = agent
        .post(format!(
            "{}/api/v3/oauth/token?grant_type=password",
            tenant.url()
        ))
        .header("Authorization", basic("key-123", "shh"))
        .send_empty()
        .unwrap();
    assert_eq!(status(&resp), 400);
    let resp = agent
        .get(format!("{}/api/v3/oauth/token", tenant.url()))
        .call()
        .unwrap();
    assert_eq!(status(&resp), 405);
}

#[test]
fn bearer_routes_need_a_valid_token() {
    let tenant = FakeTenant::start().unwrap();
    let agent = agent();
    let unauthorized = json!([{"name": "SYSTEM", "description": "Unauthorized"}]);
    for path in ["/api/v1/ServerEnv", "/api/v3/customer/my", "/api/v1/User"] {
        let resp = agent.get(format!("{}{path}", tenant.url())).call().unwrap();
        assert_eq!(status(&resp), 401, "{path}");
        assert_eq!(json_body(resp), unauthorized);
        let resp = get(&agent, &tenant, "not-a-token", path);
        assert_eq!(status(&resp), 401, "{path}");
    }
    // Basic is not accepted on bearer routes.
    let resp = agent
        .get(format!("{}/api/v1/User/my", tenant.url()))
        .header("Authorization", basic(tenant.username(), tenant.password()))
        .call()
        .unwrap();
    assert_eq!(status(&resp), 401);

    // A token issued without HTTP works; revoking tokens forces a renewal.
    let issued = tenant.issue_token();
    assert_eq!(
        status(&get(&agent, &tenant, &issued, "/api/v1/User/my")),
        200
    );
    let fetched = token(&tenant, &agent);
    tenant.revoke_tokens();
    assert_eq!(
        status(&get(&agent, &tenant, &issued, "/api/v1/User/my")),
        401
    );
    assert_eq!(
        status(&get(&agent, &tenant, &fetched, "/api/v1/User/my")),
        401
    );
    let renewed = token(&tenant, &agent);
    assert_eq!(
        status(&get(&agent, &tenant, &renewed, "/api/v1/User/my")),
        200
    );
}

#[test]
fn tokens_expire_on_the_wall_clock() {
    let tenant = FakeTenant::builder()
        .token_lifetime(Duration::from_secs(1))
        .start()
        .unwrap();
    let agent = agent();
    let token = token(&tenant, &agent);
    let exp = jwt_payload(&token)["exp"].as_i64().unwrap();
    assert!((now_secs()..=now_secs() + 1).contains(&exp), "{exp}");
    assert_eq!(
        status(&get(&agent, &tenant, &token, "/api/v1/ServerEnv")),
        200
    );
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(
        status(&get(&agent, &tenant, &token, "/api/v1/ServerEnv")),
        401
    );
}

// ---------------------------------------------------------------- discovery and tenant

#[test]
fn discovery_chain_points_back_at_the_tenant() {
    let tenant = FakeTenant::start().unwrap();
    let agent = agent();
    let token = token(&tenant, &agent);
    let resp = get(&agent, &tenant, &token, "/api/v1/ServerEnv");
    assert_eq!(status(&resp), 200);
    let sts = json_body(resp)["data"]["stsBaseUrl"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(sts, format!("{}/sts", tenant.url()));
    let kv = sts.replacen("sts", "simple-key-value-store", 1);
    assert_eq!(kv, format!("{}/simple-key-value-store", tenant.url()));

    let keys = [
        "AlertService-API_URL",
        "FedObserver-API_URL",
        "FORENSIC_SEARCH-API_URL",
        "CASES_API-URL",
        "AUDIT-LOG_API-URL",
        "TRUSTED-DOMAINS_API-URL",
        "watchlists-API_URL",
        "EXFILTRATED-DATA-SERVICE_API-URL",
        "PRESERVATION-DATA-SERVICE_API-URL",
        "employeecasemanagementV2-API_URL",
    ];
    for key in keys {
        // No Authorization on the key-value store.
        let mut resp = agent
            .get(format!("{kv}/v1/{key}"))
            .header("Accept", "*/*")
            .call()
            .unwrap();
        assert_eq!(status(&resp), 200, "{key}");
        assert_eq!(header(&resp, "content-type"), Some("text/plain"));
        let url = resp.body_mut().read_to_string().unwrap();
        assert_eq!(
            url,
            format!("{}/svc/{}", tenant.url(), key.to_ascii_lowercase())
        );
        assert_eq!(tenant.service_url(key), Some(url));
    }
    assert_eq!(
        tenant.service_url("AlertService-API_URL").unwrap(),
        format!("{}/svc/alertservice-api_url", tenant.url())
    );

    let resp = agent
        .get(format!("{kv}/v1/NoSuchService-API_URL"))
        .call()
        .unwrap();
    assert_eq!(status(&resp), 404);
    assert_eq!(tenant.service_url("NoSuchService-API_URL"), None);
    // Keys are case-sensitive, as the client must spell them exactly.
    let resp = agent
        .get(format!("{kv}/v1/alertservice-api_url"))
        .call()
        .unwrap();
    assert_eq!(status(&resp), 404);
}

#[test]
fn unknown_routes_and_methods() {
    let tenant = FakeTenant::start().unwrap();
    let agent = agent();
    let token = token(&tenant, &agent);
    for path in [
        "/",
        "/api/v1/Nothing",
        "/api/v1/User/1001/extra",
        "/svc/alertservice-api_url/svc/api/v1/no-such-endpoint",
        "/sts",
    ] {
        let resp = get(&agent, &tenant, &token, path);
        assert_eq!(status(&resp), 404, "{path}");
        assert_eq!(header(&resp, "content-type"), Some("application/json"));
        assert_eq!(json_body(resp)[0]["name"], "SYSTEM");
    }
    let resp = agent
        .post(format!("{}/api/v1/ServerEnv", tenant.url()))
        .header("Authorization", format!("Bearer {token}"))
        .send_empty()
        .unwrap();
    assert_eq!(status(&resp), 405);
    assert_eq!(header(&resp, "allow"), Some("GET"));
    // a service route exists for its own method only
    let resp = get(
        &agent,
        &tenant,
        &token,
        "/svc/alertservice-api_url/svc/api/v1/query-alerts",
    );
    assert_eq!(status(&resp), 405);
    assert_eq!(header(&resp, "allow"), Some("POST"));
    let resp = agent
        .delete(format!("{}/api/v1/User/1001", tenant.url()))
        .call()
        .unwrap();
    assert_eq!(status(&resp), 405);
}

// ---------------------------------------------------------------- users

#[test]
fn current_user_and_user_by_id_or_uid() {
    let tenant = FakeTenant::start().unwrap();
    let agent = agent();
    let token = token(&tenant, &agent);
    let users = tenant.users();
    assert_eq!(users.len(), 250);

    let me: UserResponse =
        serde_json::from_value(json_body(get(&agent, &tenant, &token, "/api/v1/User/my"))).unwrap();
    assert_eq!(me.data.username, tenant.username());
    assert_eq!(me.data.user_id, users[0].user_id);

    let target = &users[17];
    for path in [
        format!("/api/v1/User/{}", target.user_id),
        format!("/api/v1/User/{}?idType=uid", target.user_uid),
    ] {
        let resp = get(&agent, &tenant, &token, &path);
        assert_eq!(status(&resp), 200, "{path}");
        let got: UserResponse = serde_json::from_value(json_body(resp)).unwrap();
        assert_eq!(got.data.user_uid, target.user_uid);
        assert_eq!(got.data.username, target.username);
        assert_eq!(got.data.roles, None, "roles only with incRoles");
    }
    let with_roles: UserResponse = serde_json::from_value(json_body(get(
        &agent,
        &tenant,
        &token,
        &format!("/api/v1/User/{}?incRoles=true", target.user_id),
    )))
    .unwrap();
    assert_eq!(with_roles.data, *target);

    let not_found = json!([{"name": "SYSTEM", "description": "User not found"}]);
    for path in [
        "/api/v1/User/999999".to_owned(),
        "/api/v1/User/abc".to_owned(),
        format!("/api/v1/User/{}", target.user_uid),
        format!("/api/v1/User/{}?idType=uid", target.user_id),
    ] {
        let resp = get(&agent, &tenant, &token, &path);
        assert_eq!(status(&resp), 404, "{path}");
        assert_eq!(json_body(resp), not_found);
    }
}

#[test]
fn user_pages_cover_every_user_exactly_once() {
    let tenant = FakeTenant::builder().users(237).start().unwrap();
    let agent = agent();
    let token = token(&tenant, &agent);
    let expected: Vec<i64> = tenant.users().iter().map(|u| u.user_id).collect();
    assert!(
        expected.windows(2).all(|w| w[0] < w[1]),
        "ordered by userId"
    );

    let mut seen = Vec::new();
    for page in 1..=5 {
        let list = user_page(&agent, &tenant, &token, &format!("pgNum={page}&pgSize=50"));
        assert_eq!(list.data.total_count, Some(237));
        assert_eq!(list.data.users.len(), if page < 5 { 50 } else { 37 });
        seen.extend(list.data.users.iter().map(|u| u.user_id));
    }
    assert_eq!(seen, expected);

    let past = user_page(&agent, &tenant, &token, "pgNum=6&pgSize=50");
    assert!(past.data.users.is_empty());
    assert_eq!(past.data.total_count, Some(237));

    // Defaults: page 1, 100 users; page 0 is page 1.
    let first = user_page(&agent, &tenant, &token, "");
    assert_eq!(first.data.users.len(), 100);
    assert_eq!(first.data.users[0].user_id, 1001);
    let zero = user_page(&agent, &tenant, &token, "pgNum=0&pgSize=100");
    assert_eq!(zero.data.users, first.data.users);
    let all = user_page(&agent, &tenant, &token, "pgSize=1000");
    assert_eq!(all.data.users.len(), 237);

    for bad in [
        "pgSize=1001",
        "pgSize=0",
        "pgSize=ten",
        "pgNum=x",
        "active=yes",
    ] {
        let resp = get(&agent, &tenant, &token, &format!("/api/v1/User?{bad}"));
        assert_eq!(status(&resp), 400, "{bad}");
        assert!(json_body(resp)[0]["description"].as_str().is_some());
    }
}

#[test]
fn user_filters() {
    let tenant = FakeTenant::builder().users(400).seed(7).start().unwrap();
    let agent = agent();
    let token = token(&tenant, &agent);
    let users = tenant.users();
    let ids = |list: &UserListResponse| -> Vec<i64> {
        list.data.users.iter().map(|u| u.user_id).collect()
    };
    let expect = |pred: &dyn Fn(&User) -> bool| -> Vec<i64> {
        users
            .iter()
            .filter(|u| pred(u))
            .map(|u| u.user_id)
            .collect()
    };
    let check = |query: &str, want: Vec<i64>| {
        assert!(!want.is_empty(), "{query}: the seed should have matches");
        let list = user_page(&agent, &tenant, &token, &format!("{query}&pgSize=1000"));
        assert_eq!(ids(&list), want, "{query}");
        assert_eq!(list.data.total_count, Some(want.len() as i64), "{query}");
    };

    let inactive = expect(&|u| u.active == Some(false));
    check("active=false", inactive.clone());
    check("active=False", inactive);
    check("active=true", expect(&|u| u.active == Some(true)));
    check("blocked=True", expect(&|u| u.blocked == Some(true)));
    check("blocked=false", expect(&|u| u.blocked == Some(false)));

    let someone = &users[123];
    check(
        &format!("username={}", someone.username.to_uppercase()),
        vec![someone.user_id],
    );
    check(
        &format!("email={}", someone.email.clone().unwrap()),
        vec![someone.user_id],
    );
    let org = someone.org_uid.clone().unwrap();
    check(
        &format!("orgUid={org}"),
        expect(&|u| u.org_uid.as_deref() == Some(org.as_str())),
    );
    let has_role = |u: &User, id: &str| {
        u.roles
            .iter()
            .flatten()
            .any(|r| matches!(r, UserRole::Role(r) if r.role_id.as_deref() == Some(id)))
    };
    check(
        "roleId=security-center-user",
        expect(&|u| has_role(u, "security-center-user")),
    );
    let last = someone.last_name.clone().unwrap();
    check(
        &format!("q={}", last.to_uppercase()),
        expect(&|u| {
            [
                Some(&u.username),
                u.email.as_ref(),
                u.first_name.as_ref(),
                u.last_name.as_ref(),
            ]
            .into_iter()
            .flatten()
            .any(|f| f.to_lowercase().contains(&last.to_lowercase()))
        }),
    );
    check(
        &format!("active=true&orgUid={org}&roleId=desktop-user"),
        expect(&|u| {
            u.active == Some(true)
                && u.org_uid.as_deref() == Some(org.as_str())
                && has_role(u, "desktop-user")
        }),
    );
    let none = user_page(&agent, &tenant, &token, "q=nobody-has-this-name");
    assert!(none.data.users.is_empty());
    assert_eq!(none.data.total_count, Some(0));
}

#[test]
fn ten_thousand_users_start_and_page_quickly() {
    let started = Instant::now();
    let tenant = FakeTenant::builder().users(10_000).start().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    let agent = agent();
    let token = token(&tenant, &agent);
    let mut seen = HashSet::new();
    for page in 1..=10 {
        let list = user_page(
            &agent,
            &tenant,
            &token,
            &format!("pgNum={page}&pgSize=1000"),
        );
        assert_eq!(list.data.total_count, Some(10_000));
        for u in list.data.users {
            assert!(seen.insert(u.user_uid));
        }
    }
    assert_eq!(seen.len(), 10_000);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn same_seed_same_json() {
    let serve = |seed: u64| {
        let tenant = FakeTenant::builder().users(120).seed(seed).start().unwrap();
        let agent = agent();
        let token = token(&tenant, &agent);
        let mut resp = get(
            &agent,
            &tenant,
            &token,
            "/api/v1/User?pgSize=1000&incRoles=true",
        );
        let body = resp.body_mut().read_to_string().unwrap();
        (body, tenant.tenant_uid().to_owned())
    };
    let (a, tenant_a) = serve(9);
    let (b, tenant_b) = serve(9);
    assert_eq!(a, b);
    assert_eq!(tenant_a, tenant_b);
    let (c, tenant_c) = serve(10);
    assert_ne!(a, c);
    assert_ne!(tenant_a, tenant_c);
    // Realistic data: RFC 3339 timestamps with milliseconds in 2018–2024, 18-digit uids.
    let list: UserListResponse = serde_json::from_str(&a).unwrap();
    for u in &list.data.users {
        assert_eq!(u.user_uid.len(), 18);
        assert!(u.user_uid.bytes().all(|b| b.is_ascii_digit()));
        let created = u.creation_date.as_ref().unwrap();
        assert!(
            created.as_str().ends_with('Z') && created.as_str().len() == 24,
            "{created}"
        );
        assert!((2018..=2024).contains(&created.instant().year()));
        assert!(u.modification_date.as_ref().unwrap() >= created);
    }
}

// ---------------------------------------------------------------- faults

#[test]
fn fault_429_with_retry_after() {
    let tenant = FakeTenant::start().unwrap();
    let agent = agent();
    let token = token(&tenant, &agent);
    tenant.inject(FaultRule::too_many_requests(Some("2")).times(1));
    tenant.inject(FaultRule::too_many_requests(None));
    assert_eq!(tenant.pending_faults(), 2);
    let resp = get(&agent, &tenant, &token, "/api/v1/ServerEnv");
    assert_eq!(status(&resp), 429);
    assert_eq!(header(&resp, "retry-after"), Some("2"));
    let resp = get(&agent, &tenant, &token, "/api/v1/ServerEnv");
    assert_eq!(status(&resp), 429);
    assert_eq!(header(&resp, "retry-after"), None);
    assert_eq!(
        status(&get(&agent, &tenant, &token, "/api/v1/ServerEnv")),
        200
    );
    assert_eq!(tenant.pending_faults(), 0);
}

#[test]
fn fault_503_twice_then_ok_only_on_its_path() {
    let tenant = FakeTenant::start().unwrap();
    let agent = agent();
    let token = token(&tenant, &agent);
    tenant.inject(FaultRule::status(503).times(2).path("/api/v1/User"));
    // Other paths are untouched.
    assert_eq!(
        status(&get(&agent, &tenant, &token, "/api/v1/ServerEnv")),
        200
    );
    for _ in 0..2 {
        let resp = get(&agent, &tenant, &token, "/api/v1/User?pgSize=5");
        assert_eq!(status(&resp), 503);
        assert_eq!(json_body(resp)[0]["name"], "SYSTEM");
    }
    assert_eq!(
        status(&get(&agent, &tenant, &token, "/api/v1/User?pgSize=5")),
        200
    );

    // Method filter, and clearing.
    tenant.inject(FaultRule::status(500).method("POST").times(usize::MAX));
    assert_eq!(
        status(&get(&agent, &tenant, &token, "/api/v1/User/my")),
        200
    );
    tenant.clear_faults();
    assert_eq!(tenant.pending_faults(), 0);
}

#[test]
fn fault_truncated_body_is_an_error_not_a_hang() {
    let tenant = FakeTenant::start().unwrap();
    let agent = agent();
    let token = token(&tenant, &agent);
    let full = get(&agent, &tenant, &token, "/api/v1/User?pgSize=20")
        .into_body()
        .read_to_string()
        .unwrap();

    tenant.inject(FaultRule::truncated_body().path("/api/v1/User"));
    let started = Instant::now();
    let mut resp = get(&agent, &tenant, &token, "/api/v1/User?pgSize=20");
    assert_eq!(status(&resp), 200);
    assert_eq!(
        header(&resp, "content-length"),
        Some(full.len().to_string().as_str())
    );
    let mut partial = Vec::new();
    let read = resp.body_mut().as_reader().read_to_end(&mut partial);
    assert!(read.is_err(), "reading a cut body must fail");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert!(partial.len() < full.len());
    assert!(full.as_bytes().starts_with(&partial));

    // The next request gets a fresh connection and a whole body.
    let again = get(&agent, &tenant, &token, "/api/v1/User?pgSize=20")
        .into_body()
        .read_to_string()
        .unwrap();
    assert_eq!(again, full);
}

#[test]
fn fault_invalid_json_delay_and_disconnect() {
    let tenant = FakeTenant::start().unwrap();
    let agent = agent();
    let token = token(&tenant, &agent);

    tenant.inject(FaultRule::invalid_json());
    let mut resp = get(&agent, &tenant, &token, "/api/v1/User/my");
    assert_eq!(status(&resp), 200);
    assert_eq!(header(&resp, "content-type"), Some("application/json"));
    let body = resp.body_mut().read_to_string().unwrap();
    assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");

    tenant.inject(FaultRule::delay(Duration::from_millis(300)));
    let started = Instant::now();
    assert_eq!(
        status(&get(&agent, &tenant, &token, "/api/v1/User/my")),
        200
    );
    assert!(started.elapsed() >= Duration::from_millis(300));

    tenant.inject(FaultRule::disconnect().path("/api/v1/User/my"));
    let started = Instant::now();
    let result = agent
        .get(format!("{}/api/v1/User/my", tenant.url()))
        .header("Authorization", format!("Bearer {token}"))
        .call();
    assert!(result.is_err(), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(
        status(&get(&agent, &tenant, &token, "/api/v1/User/my")),
        200
    );
}

// ---------------------------------------------------------------- recording, threads, lifecycle

#[test]
fn requests_are_recorded_in_order_before_faults() {
    let tenant = FakeTenant::start().unwrap();
    let agent = agent();
    let token = token(&tenant, &agent);
    tenant.inject(FaultRule::status(503).path("/api/v1/User"));
    let resp = agent
        .get(format!("{}/api/v1/User", tenant.url()))
        .query("username", "a b@x.com")
        .query("pgNum", "1")
        .header("Authorization", format!("Bearer {token}"))
        .header("User-Agent", "fake-tenant-test")
        .call()
        .unwrap();
    assert_eq!(status(&resp), 503);
    let resp = agent
        .post(format!("{}/api/v1/Nothing", tenant.url()))
        .header("Content-Type", "application/json")
        .send(r#"{"a":1}"#)
        .unwrap();
    assert_eq!(status(&resp), 404);

    let log = tenant.requests();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0].method, "GET");
    assert_eq!(log[0].path, "/api/v3/auth/jwt");
    assert_eq!(
        log[0].query,
        vec![("useBody".to_owned(), "true".to_owned())]
    );
    assert!(
        log[0]
            .header("authorization")
            .unwrap()
            .starts_with("Basic ")
    );

    assert_eq!(log[1].path, "/api/v1/User");
    assert_eq!(
        log[1].query,
        vec![
            ("username".to_owned(), "a b@x.com".to_owned()),
            ("pgNum".to_owned(), "1".to_owned())
        ]
    );
    assert_eq!(log[1].query_param("pgNum"), Some("1"));
    assert_eq!(
        log[1].header("Authorization"),
        Some(format!("Bearer {token}").as_str())
    );
    assert_eq!(log[1].header("user-agent"), Some("fake-tenant-test"));
    assert_eq!(log[1].body, "");

    assert_eq!(log[2].method, "POST");
    assert_eq!(log[2].body, r#"{"a":1}"#);

    tenant.clear_requests();
    assert!(tenant.requests().is_empty());
}

#[test]
fn many_threads_at_once() {
    let tenant = FakeTenant::builder().users(300).start().unwrap();
    let token = token(&tenant, &agent());
    tenant.clear_requests();
    std::thread::scope(|scope| {
        for t in 0..4 {
            let (tenant, token) = (&tenant, &token);
            scope.spawn(move || {
                let agent = agent();
                for i in 0..25 {
                    let page = (t * 25 + i) % 3 + 1;
                    let list =
                        user_page(&agent, tenant, token, &format!("pgNum={page}&pgSize=100"));
                    assert_eq!(list.data.users.len(), 100);
                    assert_eq!(list.data.users[0].user_id, 1001 + (page as i64 - 1) * 100);
                }
            });
        }
    });
    assert_eq!(tenant.requests().len(), 100);
}

#[test]
fn drop_stops_the_server() {
    let tenant = FakeTenant::start().unwrap();
    let agent = agent();
    let token = token(&tenant, &agent);
    // Keep a pooled connection open across the drop.
    assert_eq!(
        status(&get(&agent, &tenant, &token, "/api/v1/ServerEnv")),
        200
    );
    let url = tenant.url();
    let port = tenant.port();
    assert_eq!(url, format!("http://127.0.0.1:{port}"));
    drop(tenant);
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
    let started = Instant::now();
    let result = agent
        .get(format!("{url}/api/v1/ServerEnv"))
        .header("Authorization", format!("Bearer {token}"))
        .call();
    assert!(result.is_err(), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn head_requests_get_no_body() {
    use std::io::Write as _;
    let tenant = FakeTenant::start().unwrap();
    let mut socket = TcpStream::connect(("127.0.0.1", tenant.port())).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    socket
        .write_all(b"HEAD /api/v1/User/my HTTP/1.1\r\nHost: fake\r\n\r\n")
        .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        socket.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).unwrap();
    assert!(head.starts_with("HTTP/1.1 405 "), "{head}");
    // No body follows the head: the next response on this connection starts right away.
    socket
        .write_all(b"GET /api/v1/User/my HTTP/1.1\r\nHost: fake\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut rest = String::new();
    socket.read_to_string(&mut rest).unwrap();
    assert!(rest.starts_with("HTTP/1.1 401 "), "{rest}");
}

#[test]
fn tenant_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<FakeTenant>();
    check::<FaultRule>();
    check::<code42_fake::RecordedRequest>();
}

#[test]
fn chosen_port() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let tenant = FakeTenant::builder().port(port).start().unwrap();
    assert_eq!(tenant.port(), port);
    assert_eq!(tenant.url(), format!("http://127.0.0.1:{port}"));
    // The port is taken while the tenant runs.
    assert!(FakeTenant::builder().port(port).start().is_err());
}

#[test]
fn debug_output_hides_secrets() {
    let builder = FakeTenant::builder()
        .credentials("u@example.com", "pass-xyzzy")
        .api_client("key-1", "secret-plugh")
        .totp("totp-31337");
    let shown = format!("{builder:?}");
    let tenant = builder.start().unwrap();
    let shown = format!("{shown} {tenant:?}");
    for secret in ["pass-xyzzy", "secret-plugh", "totp-31337"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(shown.contains("u@example.com"));
    assert!(shown.contains(&tenant.url()));
}
