//! The pager over a loopback server: the first byte picks a listing (users, alerts, cases,
//! file events v1/v2, alert rules) and a page size; the rest, split at 0xFF bytes (never in
//! UTF-8), are the bodies of the successive pages. The pager is run as users run it.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use code42::query::alerts::AlertQuery;
use code42::query::file_events::{FileEventQuery, V1, V2};
use code42::query::rules::RuleQuery;
use code42::{Pager, Result};
use libfuzzer_sys::fuzz_target;

/// Walks a pager like a user: items until an error or the end (bounded), then the cursor.
fn drain<T: serde::de::DeserializeOwned + Send + 'static>(pager: Result<Pager<T>>) {
    let Ok(mut pager) = pager else {
        return;
    };
    let _ = pager.total();
    for item in pager.by_ref().take(500) {
        if item.is_err() {
            break;
        }
    }
    let cursor = pager.cursor();
    let text = serde_json::to_string(&cursor).expect("a cursor serialises");
    let back: code42::Cursor = serde_json::from_str(&text).expect("a cursor reads back");
    assert_eq!(back, cursor);
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let replies = rest
        .split(|b| *b == 0xFF)
        .take(8)
        .map(common::Reply::ok)
        .collect();
    let url = common::serve(replies);
    let client = common::client(&url, |b| {
        b.jwt_provider(|| Ok("fuzz-token".into()))
            .api_url(url.clone())
            .retry_policy(code42::RetryPolicy::default().max_attempts(2))
    });
    let size = u32::from(selector >> 3) % 4 + 1;
    let prefetch = selector & 0x80 != 0;
    match selector & 7 {
        0 => drain(
            client
                .users()
                .list(&code42::users::UserFilter::new().page_size(size)),
        ),
        1 => drain(client.alerts().search(&AlertQuery::new().page_size(size))),
        2 => drain(
            client
                .cases()
                .list(&code42::cases::CaseFilter::new().page_size(size)),
        ),
        3 => drain(
            client
                .file_events()
                .search(&FileEventQuery::<V2>::new().page_size(size))
                .map(|p| p.prefetch(prefetch)),
        ),
        4 => drain(
            client
                .file_events()
                .search(&FileEventQuery::<V1>::new().page_size(size))
                .map(|p| p.prefetch(prefetch)),
        ),
        5 => drain(client.alert_rules().search(&RuleQuery::new())),
        6 => drain(
            client
                .users()
                .list(&code42::users::UserFilter::new().page_size(size))
                .map(|p| p.decode_as::<serde_json::Value>()),
        ),
        _ => {
            let _ = client.users().page(&code42::users::UserFilter::new(), size);
            let _ = client.alerts().page(&AlertQuery::new(), size);
            let _ = client.cases().page(&code42::cases::CaseFilter::new(), size);
        }
    }
});
