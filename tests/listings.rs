//! The listing convention through the service API (docs/service-pattern.md): a pager resumes
//! only the listing its cursor was taken from, and a cursor file written before cursor format 1
//! is refused with a clear error. Nothing here sends a request after the refusal.

use std::sync::Arc;

use code42::clock::ManualClock;
use code42::query::file_events::{FileEventQuery, V2, v2};
use code42::users::UserFilter;
use code42::{Client, Cursor, Error};
use code42_fake::FakeTenant;

fn client_for(tenant: &FakeTenant) -> Client {
    Client::builder(tenant.url())
        .local_account(tenant.username(), tenant.password())
        .clock(Arc::new(ManualClock::new()))
        .no_rate_limit()
        .env_lookup(|_| None)
        .build()
        .unwrap()
}

fn cursor_refusal(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::InvalidInput {
            argument: "cursor",
            reason,
        }) => reason,
        other => panic!("expected InvalidInput(cursor), got {other:?}"),
    }
}

#[test]
fn a_file_event_cursor_does_not_resume_another_query() {
    let tenant = FakeTenant::builder().file_events(50).start().unwrap();
    let client = client_for(&tenant);
    let usb =
        FileEventQuery::<V2>::all([v2::event::action()
            .is_in([code42::query::file_events::EventAction::RemovableMediaCreated])])
        .page_size(10);
    let mut pager = client.file_events().search(&usb).unwrap();
    assert!(pager.by_ref().take(3).count() > 0);
    let cursor = pager.cursor();

    let other = FileEventQuery::<V2>::new().page_size(10);
    let reason = cursor_refusal(client.file_events().search(&other).unwrap().resume(&cursor));
    assert!(reason.contains("another"), "{reason}");
    // The same query still resumes.
    assert!(
        client
            .file_events()
            .search(&usb)
            .unwrap()
            .resume(&cursor)
            .is_ok()
    );
}

#[test]
fn a_user_cursor_does_not_resume_another_filter() {
    let tenant = FakeTenant::builder().users(30).start().unwrap();
    let client = client_for(&tenant);
    let active = UserFilter::new().active(true).page_size(5);
    let mut pager = client.users().list(&active).unwrap();
    assert_eq!(pager.by_ref().take(7).count(), 7);
    let cursor = pager.cursor();
    let blocked = UserFilter::new().blocked(true).page_size(5);
    let reason = cursor_refusal(client.users().list(&blocked).unwrap().resume(&cursor));
    assert!(reason.contains("another"), "{reason}");
}

#[test]
fn a_cursor_file_from_before_cursor_format_1_is_refused_clearly() {
    let tenant = FakeTenant::builder()
        .file_events(10)
        .users(10)
        .start()
        .unwrap();
    let client = client_for(&tenant);
    // As code42 wrote them before this change: no `version`, no `fingerprint`.
    let old_events: Cursor = serde_json::from_str(
        r#"{"operation":"searchFileEventsV2","token":"0_1","skip":0,"page_size":10,"done":false}"#,
    )
    .expect("an old cursor file still parses");
    let query = FileEventQuery::<V2>::new().page_size(10);
    let reason = cursor_refusal(
        client
            .file_events()
            .search(&query)
            .unwrap()
            .resume(&old_events),
    );
    assert!(reason.contains("older version"), "{reason}");
    assert!(reason.contains("start the listing again"), "{reason}");

    let old_users: Cursor = serde_json::from_str(
        r#"{"operation":"listUsers","page":2,"skip":1,"page_size":5,"done":false}"#,
    )
    .unwrap();
    let filter = UserFilter::new().page_size(5);
    let reason = cursor_refusal(client.users().list(&filter).unwrap().resume(&old_users));
    assert!(reason.contains("older version"), "{reason}");
}
