//! Response decoding: the first byte picks a response type (every paged and single response
//! the handles return) or a paged operation whose page locator runs; the rest is the body.
//! A body that decodes must survive a round trip unchanged (unknown fields, explicit nulls,
//! timestamps), and the locator's item ranges must be JSON values inside the body.
#![no_main]

use code42::wire::{alerts, authority, cases, exfiltrated_data, fed_observer, forensic_search};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn round_trip<T: DeserializeOwned + Serialize>(text: &str) {
    let Ok(value) = code42::__fuzz::decode::<T>(text) else {
        return;
    };
    let first = serde_json::to_string(&value).expect("a decoded value serialises");
    let again: T = code42::__fuzz::decode(&first).expect("what was written decodes again");
    let second = serde_json::to_string(&again).expect("a decoded value serialises");
    assert_eq!(first, second, "a round trip changed the document");
}

macro_rules! types {
    ($selector:expr, $text:expr; $($ty:ty),* $(,)?) => {{
        let all: &[fn(&str)] = &[$(round_trip::<$ty>),*];
        all.get(usize::from($selector) % (all.len() + 1)).map(|f| f($text)).is_some()
    }};
}

fn locate(selector: u8, body: &str) {
    let paged: Vec<_> = [
        authority::ops::OPERATIONS,
        alerts::ops::OPERATIONS,
        cases::ops::OPERATIONS,
        exfiltrated_data::ops::OPERATIONS,
        fed_observer::ops::OPERATIONS,
        forensic_search::ops::OPERATIONS,
    ]
    .into_iter()
    .flatten()
    .filter_map(|op| op.paging)
    .collect();
    let Some(spec) = paged.get(usize::from(selector) % paged.len()) else {
        return;
    };
    let Ok((items, _total, _next)) = code42::__fuzz::locate(body, spec) else {
        return;
    };
    for range in items {
        let item = body
            .get(range)
            .expect("an item range lies on char boundaries of the body");
        serde_json::from_str::<serde::de::IgnoredAny>(item).expect("an item is one JSON value");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let decoded = types!(selector, text;
        authority::types::UserList,
        authority::types::UserListResponse,
        authority::types::UserResponse,
        authority::types::User,
        authority::types::ServerEnvResponse,
        authority::types::CustomerResponse,
        authority::types::LocalAccountTokenResponse,
        authority::types::ApiClientTokenResponse,
        alerts::types::AlertQueryResponse,
        alerts::types::AlertDetailsResponse,
        alerts::types::AlertAggregateResponse,
        alerts::types::RuleMetadataResponse,
        cases::types::Case,
        cases::types::CaseList,
        cases::types::CaseFileEventList,
        exfiltrated_data::types::FileSearchResult,
        fed_observer::types::RuleUsersResponse,
        fed_observer::types::FileTypeMismatchRulesResponse,
        fed_observer::types::EndpointExfiltrationRulesResponse,
        fed_observer::types::CloudSharePermissionsRulesResponse,
        forensic_search::types::FileEventPageV2,
        forensic_search::types::FileEventPageV1,
        forensic_search::types::SavedSearchList,
        forensic_search::types::FileLocationList,
    );
    if !decoded {
        locate(
            rest.first().copied().unwrap_or(0),
            text.get(1..).unwrap_or(""),
        );
    }
});
