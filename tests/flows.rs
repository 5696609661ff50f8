//! The client against the fake tenant: the retry, error and auth rules as whole flows.

use std::sync::Arc;
use std::time::Duration;

use code42::clock::ManualClock;
use code42::users::UserFilter;
use code42::{ApiErrorKind, Client, Error, Host, Method, RetryPolicy};
use code42_fake::{FakeTenant, FaultRule};

fn client_for(tenant: &FakeTenant) -> (Client, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new());
    let client = Client::builder(tenant.url())
        .local_account(tenant.username(), tenant.password())
        .clock(clock.clone())
        .env_lookup(|_| None)
        .build()
        .unwrap();
    (client, clock)
}

fn count(tenant: &FakeTenant, path: &str) -> usize {
    tenant.requests().iter().filter(|r| r.path == path).count()
}

#[test]
fn listing_every_user_matches_the_tenant_exactly() {
    let tenant = FakeTenant::builder().users(1234).start().unwrap();
    let (client, _) = client_for(&tenant);
    let listed: Vec<_> = client
        .users()
        .list(&UserFilter::new().page_size(100))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let expected: Vec<_> = tenant
        .users()
        .into_iter()
        .map(|mut u| {
            u.roles = None;
            u
        })
        .collect();
    assert_eq!(listed, expected);
    assert_eq!(
        count(&tenant, "/api/v1/User"),
        13,
        "12 full pages and a short one"
    );
}

#[test]
fn a_429_waits_for_retry_after_then_succeeds() {
    let tenant = FakeTenant::start().unwrap();
    tenant.inject(
        FaultRule::too_many_requests(Some("3"))
            .times(2)
            .path("/api/v1/User/my"),
    );
    let (client, clock) = client_for(&tenant);
    assert_eq!(
        client.users().current().unwrap().username,
        tenant.username()
    );
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(3); 2]);
    assert_eq!(count(&tenant, "/api/v1/User/my"), 3);
}

#[test]
fn server_errors_are_retried_for_reads_and_a_create_is_sent_once() {
    let tenant = FakeTenant::start().unwrap();
    tenant.inject(FaultRule::status(503).times(2).path("/api/v3/customer/my"));
    let (client, _) = client_for(&tenant);
    assert_eq!(client.tenant_id().unwrap(), tenant.tenant_uid());
    assert_eq!(count(&tenant, "/api/v3/customer/my"), 3);

    tenant.inject(FaultRule::status(500).times(3).path("/api/v1/Thing"));
    let err = client
        .raw(Method::Post, Host::Console, "/api/v1/Thing")
        .body(&serde_json::json!({"x": 1}))
        .send()
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::Server));
    assert_eq!(
        count(&tenant, "/api/v1/Thing"),
        1,
        "a POST is never repeated"
    );
    assert_eq!(
        tenant.pending_faults(),
        1,
        "the rule still has 2 of its 3 faults left"
    );
}

#[test]
fn a_page_cut_off_mid_listing_is_fetched_again_without_losing_or_repeating_a_user() {
    let tenant = FakeTenant::builder().users(95).start().unwrap();
    let (client, _) = client_for(&tenant);
    let mut pager = client
        .users()
        .list(&UserFilter::new().page_size(20))
        .unwrap();
    let mut ids: Vec<i64> = pager
        .by_ref()
        .take(30)
        .map(|u| u.unwrap().user_id)
        .collect();
    // The next page (3) is cut off once, then the connection drops once.
    tenant.inject(FaultRule::truncated_body().times(1).path("/api/v1/User"));
    tenant.inject(FaultRule::disconnect().times(1).path("/api/v1/User"));
    ids.extend(pager.map(|u| u.unwrap().user_id));
    let expected: Vec<i64> = tenant.users().iter().map(|u| u.user_id).collect();
    assert_eq!(ids, expected);
}

#[test]
fn invalid_json_is_a_decode_error_with_a_path() {
    let tenant = FakeTenant::start().unwrap();
    tenant.inject(
        FaultRule::invalid_json()
            .times(1)
            .path("/api/v3/customer/my"),
    );
    let (client, _) = client_for(&tenant);
    assert!(matches!(client.tenant_id(), Err(Error::Decode(_))));
    assert_eq!(
        client.tenant_id().unwrap(),
        tenant.tenant_uid(),
        "the next call is fine"
    );
}

#[test]
fn a_revoked_token_is_renewed_once() {
    let tenant = FakeTenant::start().unwrap();
    let (client, _) = client_for(&tenant);
    client.tenant_id().unwrap();
    tenant.revoke_tokens();
    client.tenant_id().unwrap();
    assert_eq!(count(&tenant, "/api/v3/auth/jwt"), 2);
}

#[test]
fn an_expired_token_is_replaced_before_it_is_used() {
    let tenant = FakeTenant::builder()
        .token_lifetime(Duration::from_secs(90))
        .start()
        .unwrap();
    let (client, clock) = client_for(&tenant);
    client.tenant_id().unwrap();
    clock.advance(Duration::from_secs(31)); // 59 s left: inside the 60 s margin
    client.tenant_id().unwrap();
    assert_eq!(count(&tenant, "/api/v3/auth/jwt"), 2);
    assert!(
        tenant
            .requests()
            .iter()
            .all(|r| r.path != "/api/v3/customer/my" || r.header("authorization").is_some())
    );
}

#[test]
fn totp_api_client_and_bad_credentials() {
    let tenant = FakeTenant::builder().totp("246810").start().unwrap();
    let base = || {
        Client::builder(tenant.url())
            .env_lookup(|_| None)
            .retry_policy(RetryPolicy::none())
    };
    let without = base()
        .local_account(tenant.username(), tenant.password())
        .build()
        .unwrap();
    assert_eq!(
        without.tenant_id().unwrap_err().api_kind(),
        Some(ApiErrorKind::MfaRequired)
    );
    let with = base()
        .local_account(tenant.username(), tenant.password())
        .totp("246810")
        .build()
        .unwrap();
    assert_eq!(with.whoami().unwrap().user.username, tenant.username());
    let api = base()
        .api_client(tenant.api_client_id(), tenant.api_client_secret())
        .build()
        .unwrap();
    assert_eq!(api.tenant_id().unwrap(), tenant.tenant_uid());
    assert_eq!(
        api.users().current().unwrap_err().api_kind(),
        Some(ApiErrorKind::NotFound),
        "API clients have no user"
    );
    let wrong = base()
        .local_account(tenant.username(), "wrong")
        .totp("246810")
        .build()
        .unwrap();
    assert_eq!(
        wrong.tenant_id().unwrap_err().api_kind(),
        Some(ApiErrorKind::Unauthorized)
    );
}

#[test]
fn a_slow_answer_times_out() {
    let tenant = FakeTenant::start().unwrap();
    let (client, _) = client_for(&tenant);
    client.tenant_id().unwrap();
    tenant.inject(
        FaultRule::delay(Duration::from_secs(2))
            .times(1)
            .path("/api/v3/customer/my"),
    );
    let slow = Client::builder(tenant.url())
        .local_account(tenant.username(), tenant.password())
        .read_timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::none())
        .env_lookup(|_| None)
        .build()
        .unwrap();
    let err = slow.tenant_id().unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
}

#[test]
fn many_threads_share_one_client() {
    let tenant = FakeTenant::builder().users(300).start().unwrap();
    let (client, _) = client_for(&tenant);
    std::thread::scope(|s| {
        for t in 0..4 {
            let client = client.clone();
            s.spawn(move || {
                let n = client
                    .users()
                    .list(&UserFilter::new().page_size(50 + t))
                    .unwrap()
                    .count();
                assert_eq!(n, 300);
            });
        }
    });
    assert_eq!(count(&tenant, "/api/v3/auth/jwt"), 1);
}
