//! Decoding bodies shaped like the real ones in `../shared/fixtures` (issue 13's spec corrections):
//! each body here is written for this test, with the shape, field names and casing of a real one.
//! Every body decodes into its generated type with the corrected fields typed, and re-encodes to
//! the same JSON.

use code42::wire::alerts::types::{AlertQueryResponse, AlertWatchlist};
use code42::wire::authority::types::{User, UserRole};
use code42::wire::cases::types::{CaseFileEventDetail, CaseFileEventList};
use code42::wire::forensic_search::types::{EventObserver, FileCategory, FileEventV1, FileEventV2};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Decodes `body` as `T` and checks that it re-encodes to the same JSON.
fn decode<T: DeserializeOwned + Serialize>(body: &Value) -> T {
    let typed: T = serde_json::from_value(body.clone()).expect("decodes");
    assert_eq!(&serde_json::to_value(&typed).unwrap(), body, "round trip");
    typed
}

/// code42cli's users listing: `roles` as role names; console bodies: role objects.
#[test]
fn user_roles_come_as_names_or_objects() {
    let user: User = decode(&json!({
        "userId": 1234,
        "userUid": "911162111513111325",
        "username": "test.username@example.com",
        "roles": ["Desktop User", {"roleId": "customer-cloud-admin", "roleName": "Customer Cloud Admin"}]
    }));
    let roles = user.roles.unwrap();
    assert_eq!(roles[0], UserRole::Name("Desktop User".into()));
    assert!(
        matches!(&roles[1], UserRole::Role(r) if r.role_name.as_deref() == Some("Customer Cloud Admin"))
    );
}

/// incydr's `query-alerts` bodies list the actor's watchlists; details bodies carry observations.
#[test]
fn alert_summaries_keep_watchlists_observations_and_notes() {
    let page: AlertQueryResponse = decode(&json!({
        "type$": "ALERT_QUERY_RESPONSE",
        "alerts": [{
            "type$": "ALERT_SUMMARY",
            "id": "1b7d2a8e",
            "tenantId": "c4e43418",
            "name": "Removable media exfiltration",
            "watchlists": [{
                "type$": "WATCHLIST",
                "id": "b366e314-df8c-4c61-a963-7c0d5df31f1e",
                "name": "SDK_TEST",
                "type": "WATCHLIST_TYPE_UNSPECIFIED",
                "isSignificant": true
            }],
            "observations": [{
                "type$": "OBSERVATION",
                "id": "f561e556",
                "observedAt": "2021-04-23T21:10:00.0000000Z",
                "type": "FedEndpointExfiltration",
                "data": "{\"type$\":\"OBSERVED_ENDPOINT_ACTIVITY\"}"
            }],
            "notes": [{"id": "n1", "message": "looked at it"}]
        }],
        "totalCount": 1,
        "problems": []
    }));
    let alert = &page.alerts.unwrap()[0];
    let watchlist: &AlertWatchlist = &alert.watchlists.as_ref().unwrap()[0];
    assert_eq!(watchlist.name.as_deref(), Some("SDK_TEST"));
    assert_eq!(watchlist.is_significant, Some(true));
    assert_eq!(alert.observations.as_ref().unwrap().len(), 1);
    assert!(alert.notes.is_some());
    assert!(
        alert.extra.is_empty(),
        "nothing left untyped: {:?}",
        alert.extra
    );
}

/// incydr's case file-event list: `riskIndicators` next to the abbreviated fields; one event is
/// the whole v2 file event.
#[test]
fn case_file_events_carry_risk_indicators_and_one_event_is_a_whole_file_event() {
    let list: CaseFileEventList = decode(&json!({
        "events": [{
            "eventId": "0_147e9445-2f30",
            "eventTimestamp": "2020-12-23T14:24:44.593Z",
            "exposure": ["OutsideTrustedDomains", "IsPublic"],
            "fileAvailability": "EXACT_FILE_AVAILABLE",
            "fileName": "example.txt",
            "filePath": "/Users/test/",
            "riskIndicators": [{"name": "Remote", "weight": 0}],
            "riskScore": 8,
            "riskSeverity": "CRITICAL"
        }],
        "totalCount": 1
    }));
    let event = &list.events[0];
    assert_eq!(event.risk_indicators.as_ref().unwrap()[0].weight, Some(0));
    assert!(event.extra.is_empty());

    let detail: CaseFileEventDetail = decode(&json!({
        "@timestamp": "2022-07-14T16:53:06.112Z",
        "event": {"id": "2-event-id-100", "action": "application-read", "observer": "Endpoint"},
        "user": {"email": "engineer@example.com", "deviceUid": "1068825680073059134"},
        "file": {"name": "cat.jpg", "directory": "C:/Users/John Doe/Downloads/", "category": "Spreadsheet"}
    }));
    let _same_type: &FileEventV2 = &detail;
    assert_eq!(detail.file.unwrap().name.as_deref(), Some("cat.jpg"));
    assert!(detail.extra.is_empty());
}

/// A demisto v2 event seen by Salesforce, and code42cli's v1 event with `UNCATEGORIZED`.
#[test]
fn salesforce_observer_and_uncategorized_v1_files_are_known_values() {
    let v2: FileEventV2 = decode(&json!({
        "event": {"id": "e1", "observer": "Salesforce"},
        "file": {"category": "SourceCode"}
    }));
    assert_eq!(v2.event.unwrap().observer, Some(EventObserver::Salesforce));
    let v1: FileEventV1 = decode(&json!({
        "eventId": "0_1d71796f",
        "fileCategory": "UNCATEGORIZED",
        "source": "Endpoint"
    }));
    assert_eq!(v1.file_category, Some(FileCategory::Uncategorized));
}
