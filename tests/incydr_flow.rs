//! The Incydr API gateway against the fake tenant: its own token endpoint, the same events
//! behind both planes, token paging past 10,000 events, saved searches and downloads.

use std::sync::Arc;

use code42::clock::ManualClock;
use code42::query::{FileEventQuery, V2};
use code42::wire::forensic_search::types::FileEventV2;
use code42::{Client, ClientBuilder, Error};
use code42_fake::FakeTenant;

/// A client with both planes: the console and the gateway on the tenant's URL.
fn both_planes(tenant: &FakeTenant) -> Client {
    Client::builder(tenant.url())
        .api_url(tenant.url())
        .api_client(tenant.api_client_id(), tenant.api_client_secret())
        .clock(Arc::new(ManualClock::new()))
        .no_rate_limit()
        .env_lookup(|_| None)
        .build()
        .unwrap()
}

fn id(event: &FileEventV2) -> String {
    event.event.as_ref().unwrap().id.clone().unwrap()
}

#[test]
fn the_gateway_serves_the_same_events_past_10000_with_tokens() {
    let tenant = FakeTenant::builder()
        .users(20)
        .file_events(10_500)
        .start()
        .unwrap();
    let client = both_planes(&tenant);
    let query = FileEventQuery::<V2>::new().page_size(5_000);
    let gateway: Vec<FileEventV2> = client
        .incydr()
        .file_events()
        .search(&query)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(gateway.len(), 10_500);
    let ids: Vec<String> = gateway.iter().map(id).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 10_500, "none repeated");
    // Ground truth: the tenant's events, and the console's forensic search, are the same.
    for i in [0usize, 4_999, 5_000, 9_999, 10_000, 10_499] {
        assert_eq!(
            Some(&gateway[i]),
            tenant.file_event(i as u64).as_ref(),
            "event {i}"
        );
    }
    let console: Vec<String> = client
        .file_events()
        .search(&query)
        .unwrap()
        .map(|e| id(&e.unwrap()))
        .collect();
    assert_eq!(console, ids, "the same events behind both planes");
}

#[test]
fn customer_saved_searches_and_downloads_on_the_gateway() {
    let tenant = FakeTenant::builder()
        .users(5)
        .file_events(200)
        .start()
        .unwrap();
    let client = both_planes(&tenant);
    let customer = client.incydr().customer().get().unwrap();
    assert_eq!(customer.tenant_id, tenant.tenant_uid());
    assert_eq!(client.tenant_id().unwrap(), tenant.tenant_uid());

    let saved = client
        .incydr()
        .file_events()
        .saved_searches()
        .list()
        .unwrap();
    let console = client.file_events().saved_searches().list::<V2>().unwrap();
    assert_eq!(saved, console);
    if let Some(first) = saved.first() {
        let id = first.id.clone().unwrap();
        assert_eq!(
            &client
                .incydr()
                .file_events()
                .saved_searches()
                .get(&id)
                .unwrap(),
            first
        );
    }

    let event = tenant.file_event(3).unwrap();
    let sha = event.file.unwrap().hash.unwrap().sha256.unwrap();
    // The fake's generated contents do not hash to the SHA-256 its events advertise (a hash
    // cannot be inverted, and hashing every file up front would cost seconds), so the gateway's
    // download is written whole and then refused by the hash check, as a corrupted real
    // download would be; the bytes are the console flow's.
    let mut out = Vec::new();
    match client.incydr().files().download_by_sha256(&sha, &mut out) {
        Err(Error::ChecksumMismatch { expected, actual }) => {
            assert_eq!(expected, sha);
            assert_ne!(actual, sha);
        }
        other => panic!("{other:?}"),
    }
    assert!(!out.is_empty());
    // The same file through the console's four-step flow.
    let mut console_out = Vec::new();
    client
        .file_events()
        .download_by_sha256(&sha, &mut console_out)
        .unwrap();
    assert_eq!(out, console_out);
}

#[test]
fn a_local_account_cannot_use_the_fake_gateway() {
    let tenant = FakeTenant::start().unwrap();
    let client = ClientBuilder::new()
        .api_url(tenant.url())
        .local_account(tenant.username(), tenant.password())
        .env_lookup(|_| None)
        .build()
        .unwrap();
    assert!(matches!(
        client.incydr().customer().get(),
        Err(Error::Unsupported { .. })
    ));
    assert!(tenant.requests().is_empty(), "nothing was sent");
}

#[test]
fn the_fake_refuses_a_token_of_the_other_plane() {
    use code42::{ApiErrorKind, Host, Method};
    let tenant = FakeTenant::start().unwrap();
    let client = both_planes(&tenant);
    // A console token on a gateway route, and a gateway token on a console route: 401 both.
    let console_token_on_gateway = client
        .raw(Method::Get, Host::Console, "/v1/customer")
        .text()
        .unwrap_err();
    assert_eq!(
        console_token_on_gateway.api().map(|e| e.kind()),
        Some(ApiErrorKind::Unauthorized)
    );
    let gateway_token_on_console = client
        .raw(Method::Get, Host::Gateway, "/api/v3/customer/my")
        .text()
        .unwrap_err();
    assert_eq!(
        gateway_token_on_console.api().map(|e| e.kind()),
        Some(ApiErrorKind::Unauthorized)
    );
    // Each on its own plane works.
    client
        .raw(Method::Get, Host::Gateway, "/v1/customer")
        .text()
        .unwrap();
    client
        .raw(Method::Get, Host::Console, "/api/v3/customer/my")
        .text()
        .unwrap();
}
