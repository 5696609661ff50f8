//! File events against the fake tenant: token paging past 10,000 events, resuming from a
//! cursor, the 10,000-result window of page numbers, filters, saved searches and downloads.

use std::sync::Arc;

use code42::clock::ManualClock;
use code42::query::file_events::v2::{event, file, timestamp, user};
use code42::query::file_events::{EventAction, ExposureTypeV1, WithinTheLast, v1};
use code42::query::{FileEventQuery, FilterGroup, SortDirection, V1, V2};
use code42::wire::forensic_search::types::FileEventV2;
use code42::{ApiErrorKind, Client, Cursor, Error, Host, Method};
use code42_fake::{FakeTenant, FaultRule};
use serde_json::json;

const SEARCH_V2: &str =
    "/svc/forensic_search-api_url/forensic-search/queryservice/api/v2/fileevent";

fn client_for(tenant: &FakeTenant) -> Client {
    Client::builder(tenant.url())
        .local_account(tenant.username(), tenant.password())
        .clock(Arc::new(ManualClock::new()))
        .no_rate_limit()
        .env_lookup(|_| None)
        .build()
        .unwrap()
}

fn id(event: &FileEventV2) -> String {
    event.event.as_ref().unwrap().id.clone().unwrap()
}

fn searches(tenant: &FakeTenant) -> Vec<serde_json::Value> {
    tenant
        .requests()
        .into_iter()
        .filter(|r| r.path == SEARCH_V2)
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect()
}

#[test]
fn search_all_pages_past_10000_events_with_tokens_and_matches_the_tenant() {
    let tenant = FakeTenant::builder()
        .users(30)
        .file_events(12_345)
        .start()
        .unwrap();
    let client = client_for(&tenant);
    let query = FileEventQuery::<V2>::new().page_size(5_000);
    let listed: Vec<FileEventV2> = client
        .file_events()
        .search(&query)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(listed.len(), 12_345);
    let ids: Vec<String> = listed.iter().map(id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, ids, "in id order, none repeated");
    // Whole events compared around the page boundaries and at a stride.
    for i in (0..12_345)
        .step_by(97)
        .chain([4_999, 5_000, 9_999, 10_000, 12_344])
    {
        assert_eq!(
            Some(&listed[i]),
            tenant.file_event(i as u64).as_ref(),
            "event {i}"
        );
    }
    let bodies = searches(&tenant);
    let tokens: Vec<&serde_json::Value> = bodies.iter().map(|b| &b["pgToken"]).collect();
    assert_eq!(
        tokens,
        [
            &json!(""),
            &json!(id(&listed[4_999])),
            &json!(id(&listed[9_999]))
        ]
    );
    assert!(
        bodies
            .iter()
            .all(|b| b.get("pgNum").is_none() && b["pgSize"] == 5_000)
    );
}

#[test]
fn a_cursor_taken_midway_resumes_with_no_event_lost_or_repeated() {
    let tenant = FakeTenant::builder()
        .users(10)
        .file_events(6_000)
        .start()
        .unwrap();
    let query = FileEventQuery::<V2>::all([event::action().not_eq(EventAction::FileDeleted)])
        .page_size(1_500);
    let ids = |pager: code42::Pager<FileEventV2>| -> Vec<String> {
        pager.map(|e| id(&e.unwrap())).collect()
    };
    let uninterrupted = ids(client_for(&tenant).file_events().search(&query).unwrap());
    assert!(uninterrupted.len() > 5_000, "{}", uninterrupted.len());

    // Stop in the middle of the second page, save the cursor, start again in a new client.
    let mut first_run = client_for(&tenant)
        .file_events()
        .search(&query)
        .unwrap()
        .prefetch(true);
    let before: Vec<String> = first_run
        .by_ref()
        .take(2_222)
        .map(|e| id(&e.unwrap()))
        .collect();
    let saved = serde_json::to_string(&first_run.cursor()).unwrap();
    drop(first_run);
    let cursor: Cursor = serde_json::from_str(&saved).unwrap();
    assert_eq!(cursor.token.as_deref(), before.last().map(String::as_str));
    let after = ids(client_for(&tenant)
        .file_events()
        .search(&query)
        .unwrap()
        .resume(&cursor)
        .unwrap()
        .prefetch(true));
    assert_eq!([before, after].concat(), uninterrupted);
}

#[test]
fn a_finished_cursor_later_returns_only_what_came_after() {
    let tenant = FakeTenant::builder().file_events(700).start().unwrap();
    let client = client_for(&tenant);
    let query = FileEventQuery::<V2>::new().page_size(300);
    let mut pager = client.file_events().search(&query).unwrap();
    assert_eq!(pager.by_ref().count(), 700);
    let end = pager.cursor();
    assert!(!end.done);
    assert_eq!(end.token, Some(id(&tenant.file_event(699).unwrap())));
    assert_eq!(
        client
            .file_events()
            .search(&query)
            .unwrap()
            .resume(&end)
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn page_numbers_reach_only_the_first_10000_results() {
    let tenant = FakeTenant::builder().file_events(12_000).start().unwrap();
    let client = client_for(&tenant);
    let last_page = FileEventQuery::<V2>::new().page_size(500).page_number(20);
    let page = client.file_events().page(&last_page, 20).unwrap();
    let events = page.file_events.unwrap();
    assert_eq!(events.len(), 500);
    assert_eq!(events.last(), tenant.file_event(9_999).as_ref());
    assert_eq!(page.total_count, Some(12_000));
    assert_eq!(page.next_pg_token, None);
    // The client refuses page 21; the tenant does too when asked directly.
    assert!(matches!(
        client.file_events().page(&last_page, 21),
        Err(Error::InvalidInput {
            argument: "page",
            ..
        })
    ));
    let err = client
        .raw(
            Method::Post,
            Host::Service("FORENSIC_SEARCH-API_URL"),
            "/forensic-search/queryservice/api/v2/fileevent",
        )
        .body(&json!({"groupClause": "AND", "groups": [], "pgNum": 21, "pgSize": 500}))
        .json::<serde_json::Value>()
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::BadRequest), "{err}");
    let err = client
        .raw(
            Method::Post,
            Host::Service("FORENSIC_SEARCH-API_URL"),
            "/forensic-search/queryservice/api/v2/fileevent",
        )
        .body(&json!({"groupClause": "AND", "groups": [], "pgSize": 10001, "pgToken": ""}))
        .json::<serde_json::Value>()
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::BadRequest), "{err}");
}

#[test]
fn an_unknown_page_token_is_invalid_page_token() {
    let tenant = FakeTenant::start().unwrap();
    let query = FileEventQuery::<V2>::from_json(
        r#"{"groupClause":"AND","groups":[],"pgToken":"0_000000000001_forged_1","srtKey":"event.id"}"#,
    )
    .unwrap();
    let err = client_for(&tenant)
        .file_events()
        .search(&query)
        .unwrap()
        .next()
        .unwrap()
        .unwrap_err();
    assert_eq!(
        err.api_kind(),
        Some(ApiErrorKind::InvalidPageToken),
        "{err}"
    );
}

#[test]
fn filters_on_the_common_terms_filter() {
    let tenant = FakeTenant::builder()
        .users(20)
        .file_events(3_000)
        .start()
        .unwrap();
    let client = client_for(&tenant);
    let all: Vec<FileEventV2> = (0..3_000).map(|i| tenant.file_event(i).unwrap()).collect();
    let count = |groups: Vec<FilterGroup>| {
        client
            .file_events()
            .search(&FileEventQuery::<V2>::all(groups).page_size(1_000))
            .unwrap()
            .map(Result::unwrap)
            .collect::<Vec<_>>()
    };
    let sample = &all[1_234];
    let user = sample.user.as_ref().unwrap().email.clone().unwrap();
    let file = sample.file.as_ref().unwrap();
    let sha = file.hash.as_ref().unwrap().sha256.clone().unwrap();
    let at = sample.timestamp.clone().unwrap();

    let by_user = count(vec![user::email().eq(&user)]);
    let expected: Vec<&FileEventV2> = all
        .iter()
        .filter(|e| e.user.as_ref().unwrap().email.as_deref() == Some(user.as_str()))
        .collect();
    assert_eq!(by_user.iter().collect::<Vec<_>>(), expected);

    let by_hash_and_time = count(vec![
        file::sha256().eq(&sha),
        timestamp::timestamp().on_or_after(at.clone()),
    ]);
    assert!(by_hash_and_time.contains(sample));
    assert!(by_hash_and_time.iter().all(|e| {
        e.timestamp.as_ref().unwrap() >= &at
            && e.file
                .as_ref()
                .unwrap()
                .hash
                .as_ref()
                .unwrap()
                .sha256
                .as_deref()
                == Some(&sha)
    }));

    let removable = count(vec![event::action().eq(EventAction::RemovableMediaCreated)]);
    let expected = all
        .iter()
        .filter(|e| {
            e.event
                .as_ref()
                .unwrap()
                .action
                .as_ref()
                .map(|a| a.as_str())
                == Some("removable-media-created")
        })
        .count();
    assert_eq!(removable.len(), expected);
    assert!(expected > 100, "{expected}");

    // WITHIN_THE_LAST counts back from the newest event: 1 hour is about 120 events.
    let last_hour = count(vec![
        timestamp::timestamp().within_the_last(WithinTheLast::OneHour),
    ]);
    assert!((100..140).contains(&last_hour.len()), "{}", last_hour.len());
    assert_eq!(last_hour.last(), all.last());

    // An OR of two file names, and a v1 query with v1 terms.
    let names = count(vec![file::name().is_in(
        [&all[1], &all[2]].map(|e| e.file.as_ref().unwrap().name.clone().unwrap()),
    )]);
    assert!(names.contains(&all[1]) && names.contains(&all[2]));
    let v1_removable = client
        .file_events()
        .search(
            &FileEventQuery::<V1>::all([v1::exposure_type().eq(ExposureTypeV1::RemovableMedia)])
                .page_size(1_000),
        )
        .unwrap()
        .count();
    assert_eq!(v1_removable, removable.len());

    // A term the fake does not know is a 400, never unfiltered events.
    let err = client
        .file_events()
        .page(
            &FileEventQuery::<V2>::all([FilterGroup::eq("git.repositoryUri", "x")]),
            1,
        )
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::BadRequest));
}

#[test]
fn descending_token_pages_and_a_million_events_cost_nothing_up_front() {
    let started = std::time::Instant::now();
    let tenant = FakeTenant::builder()
        .file_events(1_000_000)
        .start()
        .unwrap();
    let client = client_for(&tenant);
    let query = FileEventQuery::<V2>::new()
        .sort("@timestamp", SortDirection::Desc)
        .page_size(100);
    let newest: Vec<FileEventV2> = client
        .file_events()
        .search(&query)
        .unwrap()
        .take(250)
        .map(Result::unwrap)
        .collect();
    assert_eq!(newest.first(), tenant.file_event(999_999).as_ref());
    assert_eq!(newest.last(), tenant.file_event(999_750).as_ref());
    let page = client.file_events().page(&query, 1).unwrap();
    assert_eq!(page.total_count, Some(1_000_000));
    // Not a timing assertion on the client: a generous bound on the tenant's set-up work.
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn a_failed_page_is_fetched_again_with_prefetch_on() {
    let tenant = FakeTenant::builder().file_events(2_500).start().unwrap();
    let client = client_for(&tenant);
    tenant.inject(FaultRule::status(503).times(1).path(SEARCH_V2));
    tenant.inject(FaultRule::truncated_body().times(1).path(SEARCH_V2));
    let ids: Vec<String> = client
        .file_events()
        .search(&FileEventQuery::<V2>::new().page_size(1_000))
        .unwrap()
        .prefetch(true)
        .map(|e| id(&e.unwrap()))
        .collect();
    let expected: Vec<String> = (0..2_500)
        .map(|i| id(&tenant.file_event(i).unwrap()))
        .collect();
    assert_eq!(ids, expected);
}

#[test]
fn saved_searches_run_against_the_tenant() {
    let tenant = FakeTenant::builder().file_events(5_000).start().unwrap();
    let client = client_for(&tenant);
    let saved = client.file_events().saved_searches();
    let list = saved.list::<V2>().unwrap();
    assert_eq!(list.len(), 3);
    let removable = list
        .iter()
        .find(|s| s.name.as_deref() == Some("Removable media, last 30 days"))
        .unwrap();
    let id_ = removable.id.clone().unwrap();
    let query = saved.query::<V2>(&id_, 1_000).unwrap();
    assert_eq!(query.to_json()["srtKey"], "@timestamp");
    assert_eq!(query.to_json()["srtDir"], "desc");
    let events: Vec<FileEventV2> = saved
        .search::<V2>(&id_, 1_000)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!events.is_empty());
    assert!(
        events.windows(2).all(|w| w[0].timestamp >= w[1].timestamp),
        "newest first"
    );
    assert!(events.iter().all(|e| {
        e.event.as_ref().unwrap().action.as_ref().unwrap().as_str() == "removable-media-created"
    }));
    let page = saved.page::<V2>(&id_, 1, 10).unwrap();
    assert_eq!(page.file_events.unwrap()[0], events[0]);
    // The nested v2 group and its v1 twin select the same events.
    let high = |v2: bool| {
        let search = if v2 {
            saved.list::<V2>()
        } else {
            saved.list::<V1>()
        }
        .unwrap();
        let id_ = search[2].id.clone().unwrap();
        if v2 {
            saved.search::<V2>(&id_, 1_000).unwrap().count()
        } else {
            saved.search::<V1>(&id_, 1_000).unwrap().count()
        }
    };
    assert_eq!(high(true), high(false));
    assert!(high(true) > 0);
}

#[test]
fn a_file_is_downloaded_by_hash_without_credentials_on_the_file_request() {
    let tenant = FakeTenant::builder().file_events(2_000).start().unwrap();
    let client = client_for(&tenant);
    let event = tenant.file_event(42).unwrap();
    let hash = event.file.as_ref().unwrap().hash.clone().unwrap();
    let sha = hash.sha256.unwrap();
    let mut out = Vec::new();
    let n = client
        .file_events()
        .download_by_sha256(&sha, &mut out)
        .unwrap();
    assert_eq!(n as usize, out.len());
    assert_eq!(Some(out.clone()), tenant.file_content(&sha));
    let mut by_md5 = Vec::new();
    client
        .file_events()
        .download_by_md5(&hash.md5.unwrap(), &mut by_md5)
        .unwrap();
    assert_eq!(by_md5, out);
    let file_requests: Vec<_> = tenant
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/api/v1/get-file"))
        .collect();
    assert_eq!(file_requests.len(), 2);
    assert!(
        file_requests
            .iter()
            .all(|r| r.header("authorization").is_none())
    );
    let locations = client.file_events().file_locations(&sha).unwrap();
    assert!(!locations.is_empty());

    let unknown = "0".repeat(64);
    assert!(matches!(
        client
            .file_events()
            .download_by_sha256(&unknown, &mut Vec::new()),
        Err(Error::ChecksumNotFound { .. })
    ));
}
