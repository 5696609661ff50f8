//! `client.file_events()`: exact requests (bodies compared with py42's as JSON values), token
//! paging, saved searches, file locations and the download flow, against mockito.

mod common;

use code42::query::file_events::v2::{file, risk, timestamp};
use code42::query::file_events::{FileCategory, WithinTheLast};
use code42::query::{AnyFileEventQuery, FileEventQuery, SortDirection, V1, V2};
use code42::{ApiErrorKind, Error};
use common::*;
use mockito::{Matcher, Mock, Server};
use serde_json::{Value, json};

const FFS: &str = "/svc/ffs";
const EDS: &str = "/svc/eds";
const SHA: &str = "2e0677355c37fa18fd20d372c7420b8b34de150c5801910c3bbb1e8e04c727ef";
const MD5: &str = "19b92e63beb08c27ab4489fcfefbbe44";

/// ServerEnv and key-value-store answers for forensic search and the exfiltrated-data service.
fn discovery(server: &mut Server) -> Vec<Mock> {
    let url = server.url();
    vec![
        json_mock(
            server,
            "GET",
            "/api/v1/ServerEnv",
            &format!(r#"{{"data":{{"stsBaseUrl":"{url}/sts"}}}}"#),
        )
        .create(),
        server
            .mock("GET", "/simple-key-value-store/v1/FORENSIC_SEARCH-API_URL")
            .with_body(format!("{url}{FFS}"))
            .create(),
        server
            .mock(
                "GET",
                "/simple-key-value-store/v1/EXFILTRATED-DATA-SERVICE_API-URL",
            )
            .with_body(format!("{url}{EDS}"))
            .create(),
    ]
}

fn setup() -> (mockito::ServerGuard, code42::Client, Vec<Mock>) {
    let mut server = Server::new();
    let mut mocks = vec![token_mock(&mut server, TOKEN)];
    mocks.extend(discovery(&mut server));
    let (client, _) = test_client(&server);
    (server, client, mocks)
}

fn v2_path() -> String {
    format!("{FFS}/forensic-search/queryservice/api/v2/fileevent")
}

/// A v2 event as the service sends it (nested objects, nulls, an unknown field).
fn event(id: &str) -> Value {
    json!({
        "@timestamp": "2024-03-01T10:00:00.123Z",
        "event": {"id": id, "action": "file-downloaded", "observer": "Endpoint",
                  "inserted": "2024-03-01T10:05:00.456789Z", "shareType": [], "relatedEvents": null},
        "user": {"email": "ana.lee@example.com", "id": "9876", "deviceUid": "DEV1"},
        "file": {"name": "plan.pdf", "directory": "C:/Users/ana/", "category": "Pdf",
                 "sizeInBytes": 1234, "url": null,
                 "hash": {"md5": MD5, "sha256": SHA, "md5Error": null, "sha256Error": null}},
        "risk": {"score": 7, "severity": "HIGH", "trusted": false,
                 "indicators": [{"id": "x", "name": "Removable media", "weight": 7}],
                 "untrustedValues": {"accountNames": [], "domains": [], "gitRepositoryUris": [],
                                     "slackWorkspaces": [], "urlPaths": []}},
        "brandNewSection": {"x": 1}
    })
}

fn page(ids: &[&str], next: Option<&str>, total: u64) -> String {
    let events: Vec<Value> = ids.iter().map(|id| event(id)).collect();
    json!({"fileEvents": events, "nextPgToken": next, "problems": null, "totalCount": total})
        .to_string()
}

#[test]
fn a_search_sends_py42s_v2_body_and_decodes_the_page() {
    let (mut server, client, _m) = setup();
    // queries.md §7 example 3, as py42 1.29.1 sent it.
    let expected = json!({"groupClause": "AND", "groups": [
        {"filterClause": "AND", "filters": [{"operator": "WITHIN_THE_LAST", "term": "@timestamp", "value": "P1D"}]},
        {"filterClause": "OR", "filters": [
            {"operator": "IS", "term": "file.category", "value": "Document"},
            {"operator": "IS", "term": "file.category", "value": "Pdf"}]},
        {"filterClause": "AND", "filters": [{"operator": "GREATER_THAN", "term": "risk.score", "value": 5}]}],
        "pgSize": 500, "srtDir": "asc", "srtKey": "event.id", "pgNum": 1});
    let search = server
        .mock("POST", v2_path().as_str())
        .match_header("authorization", format!("Bearer {TOKEN}").as_str())
        .match_header("content-type", "application/json")
        .match_body(Matcher::Json(expected))
        .with_body(page(&["e1", "e2"], Some("e2"), 2))
        .expect(1)
        .create();
    let query = FileEventQuery::<V2>::all([
        timestamp::timestamp().within_the_last(WithinTheLast::OneDay),
        file::category().is_in([FileCategory::Document, FileCategory::Pdf]),
        risk::score().greater_than(5),
    ]);
    let page = client.file_events().page(&query, 1).unwrap();
    search.assert();
    assert_eq!(page.total_count, Some(2));
    let events = page.file_events.unwrap();
    let first = &events[0];
    assert_eq!(
        first.event.as_ref().unwrap().id.as_deref(),
        Some("e1"),
        "{first:?}"
    );
    assert_eq!(
        first.timestamp.as_ref().unwrap().as_str(),
        "2024-03-01T10:00:00.123Z"
    );
    assert_eq!(first.extra["brandNewSection"], json!({"x": 1}));
    assert_eq!(
        first.risk.as_ref().unwrap().severity,
        Some(code42::wire::forensic_search::types::RiskSeverity::High)
    );
}

#[test]
fn a_v1_query_from_raw_json_goes_to_the_v1_endpoint_unchanged() {
    let (mut server, client, _m) = setup();
    // queries.md §7 example 4 (1.29.1), posted from raw JSON: `srtKey` says v1.
    let raw = r#"{"groupClause": "AND", "groups": [{"filterClause": "AND", "filters": [{"operator": "ON_OR_AFTER", "term": "eventTimestamp", "value": "2021-01-01T00:00:00.000Z"}]}, {"filterClause": "AND", "filters": [{"operator": "EXISTS", "term": "exposure", "value": null}]}, {"filterClause": "AND", "filters": [{"operator": "LESS_THAN", "term": "fileSize", "value": 1000}]}], "pgSize": 500, "srtDir": "asc", "srtKey": "eventId", "pgNum": 1}"#;
    let search = server
        .mock(
            "POST",
            format!("{FFS}/forensic-search/queryservice/api/v1/fileevent").as_str(),
        )
        .match_body(Matcher::JsonString(raw.into()))
        .with_body(
            r#"{"fileEvents":[{"eventId":"0_1","eventType":"READ_BY_APP","fileName":"a.txt","exposure":["ApplicationRead"],"eventTimestamp":"2021-02-01T00:00:00.000Z"}],"nextPgToken":null,"totalCount":1}"#,
        )
        .expect(1)
        .create();
    let AnyFileEventQuery::V1(query) = AnyFileEventQuery::from_json(raw).unwrap() else {
        panic!("srtKey eventId means v1")
    };
    let page = client.file_events().page(&query, 1).unwrap();
    search.assert();
    let event = &page.file_events.unwrap()[0];
    assert_eq!(event.file_name.as_deref(), Some("a.txt"));
}

#[test]
fn search_all_pages_with_tokens_escapes_quotes_and_yields_every_event() {
    let (mut server, client, _m) = setup();
    let groups = json!([
        {"filterClause": "AND", "filters": [{"operator": "IS", "term": "event.action", "value": "file-emailed"}]},
        {"filterClause": "AND", "filters": [{"operator": "IS_NOT", "term": "destination.category", "value": "Email"}]}]);
    // security.md §4.2: the first token request of py42 1.29.1.
    let first = server
        .mock("POST", v2_path().as_str())
        .match_body(Matcher::Json(json!({"groupClause": "OR", "groups": groups,
            "pgSize": 2, "srtDir": "asc", "srtKey": "event.id", "pgToken": ""})))
        .with_body(page(&["0_a", "0_b\"c"], Some("0_b\"c"), 5))
        .expect(1)
        .create();
    let second = server
        .mock("POST", v2_path().as_str())
        .match_body(Matcher::Json(json!({"groupClause": "OR", "groups": groups,
            "pgSize": 2, "srtDir": "asc", "srtKey": "event.id", "pgToken": "0_b\\\"c"})))
        .with_body(page(&["0_d", "0_e"], Some("0_e"), 5))
        .expect(1)
        .create();
    let third = server
        .mock("POST", v2_path().as_str())
        .match_body(Matcher::PartialJson(json!({"pgToken": "0_e"})))
        .with_body(page(&["0_f"], None, 5))
        .expect(1)
        .create();
    let query = FileEventQuery::<V2>::from_value(json!({"groupClause": "OR", "groups": groups,
        "pgNum": 3, "pgSize": 2, "srtDir": "asc", "srtKey": "event.id"}))
    .unwrap();
    let mut pager = client.file_events().search(&query).unwrap();
    let ids: Vec<String> = pager
        .by_ref()
        .map(|e| e.unwrap().event.unwrap().id.unwrap())
        .collect();
    assert_eq!(ids, ["0_a", "0_b\"c", "0_d", "0_e", "0_f"]);
    for m in [first, second, third] {
        m.assert();
    }
    // The cursor keeps the token as the server sent it and names the last event.
    assert_eq!(pager.cursor().token.as_deref(), Some("0_f"));
}

#[test]
fn tokens_are_sent_verbatim_when_escaping_is_off_and_raw_events_pass_through() {
    let (mut server, client, _m) = setup();
    let body = page(&["0_a\"b"], Some("0_a\"b"), 2);
    let _first = server
        .mock("POST", v2_path().as_str())
        .match_body(Matcher::PartialJson(json!({"pgToken": ""})))
        .with_body(&body)
        .create();
    let second = server
        .mock("POST", v2_path().as_str())
        .match_body(Matcher::PartialJson(json!({"pgToken": "0_a\"b"})))
        .with_body(page(&[], None, 2))
        .expect(1)
        .create();
    let raw: Vec<String> = client
        .file_events()
        .escape_token_quotes(false)
        .search(&FileEventQuery::<V2>::new().page_size(1))
        .unwrap()
        .decode_as::<Box<serde_json::value::RawValue>>()
        .map(|e| e.unwrap().get().to_owned())
        .collect();
    second.assert();
    // The event's JSON exactly as sent (nulls and unknown fields included).
    let sent: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(raw.len(), 1);
    assert_eq!(
        serde_json::from_str::<Value>(&raw[0]).unwrap(),
        sent["fileEvents"][0]
    );
}

#[test]
fn an_invalid_page_token_is_a_typed_error() {
    let (mut server, client, _m) = setup();
    let _bad = server
        .mock("POST", v2_path().as_str())
        .with_status(400)
        .with_body(
            r#"{"problems":[{"type":"INVALID_PAGE_TOKEN","description":"Invalid page token"}]}"#,
        )
        .create();
    let query = FileEventQuery::<V2>::from_json(
        r#"{"groupClause":"AND","groups":[],"pgToken":"nope","srtKey":"event.id"}"#,
    )
    .unwrap();
    let err = client
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
    assert_eq!(err.api_kind().unwrap().base(), ApiErrorKind::BadRequest);
}

#[test]
fn bad_arguments_are_rejected_before_any_request() {
    let server = Server::new();
    let (client, _) = test_client(&server);
    let events = client.file_events();
    let past_window = FileEventQuery::<V2>::new().page_size(500);
    assert!(matches!(
        events.page(&past_window, 21),
        Err(Error::InvalidInput {
            argument: "page",
            ..
        })
    ));
    let too_big = FileEventQuery::<V2>::new().page_size(10_001);
    assert!(matches!(
        events.search(&too_big),
        Err(Error::InvalidInput {
            argument: "page_size",
            ..
        })
    ));
    assert!(matches!(
        events.file_locations("not-a-hash"),
        Err(Error::InvalidInput {
            argument: "sha256",
            ..
        })
    ));
    assert!(matches!(
        events.download_by_md5(SHA, &mut Vec::new()),
        Err(Error::InvalidInput {
            argument: "md5",
            ..
        })
    ));
    // The last page the window reaches is fine (and would be sent).
    let _ = FileEventQuery::<V1>::new().page_size(500).page_number(20);
}

#[test]
fn saved_searches_list_get_and_execute_with_their_own_sort() {
    let (mut server, client, _m) = setup();
    let saved = json!({"id": "S1", "name": "USB", "notes": null, "apiVersion": 2,
        "groupClause": "AND", "srtKey": "@timestamp", "srtDir": "desc",
        "groups": [{"filterClause": "AND", "display": "{\"v\":1}", "filters": [
            {"operator": "IS", "term": "file.name", "value": "a.txt", "display": null}]}]});
    let list = server
        .mock(
            "GET",
            format!("{FFS}/forensic-search/queryservice/api/v2/saved").as_str(),
        )
        .with_body(json!({"searches": [saved.clone()]}).to_string())
        .expect(1)
        .create();
    let get = server
        .mock(
            "GET",
            format!("{FFS}/forensic-search/queryservice/api/v2/saved/S1").as_str(),
        )
        .with_body(json!({"searches": [saved]}).to_string())
        .expect(2)
        .create();
    // py42 `execute("S1", page_number=2, page_size=100)` sent the groups with its default sort;
    // the saved search's own sort is kept here.
    let search = server
        .mock("POST", v2_path().as_str())
        .match_body(Matcher::Json(json!({"groupClause": "AND", "groups": [
            {"filterClause": "AND", "filters": [{"operator": "IS", "term": "file.name", "value": "a.txt"}]}],
            "pgSize": 100, "srtDir": "desc", "srtKey": "@timestamp", "pgNum": 2})))
        .with_body(page(&["e1"], None, 101))
        .expect(1)
        .create();
    let saved = client.file_events().saved_searches();
    let all = saved.list::<V2>().unwrap();
    assert_eq!(all[0].name.as_deref(), Some("USB"));
    assert_eq!(saved.get::<V2>("S1").unwrap().id.as_deref(), Some("S1"));
    let page = saved.page::<V2>("S1", 2, 100).unwrap();
    assert_eq!(page.total_count, Some(101));
    for m in [list, get, search] {
        m.assert();
    }
}

#[test]
fn file_locations_by_sha256() {
    let (mut server, client, _m) = setup();
    let m = server
        .mock(
            "GET",
            format!("{FFS}/forensic-search/queryservice/api/v1/filelocations").as_str(),
        )
        .match_query(Matcher::UrlEncoded("sha256".into(), SHA.into()))
        .with_body(r#"{"locations":[{"fileName":"f","filePath":"/p/","deviceUid":"D1"}]}"#)
        .expect(1)
        .create();
    let locations = client.file_events().file_locations(SHA).unwrap();
    m.assert();
    assert_eq!(locations[0].device_uid.as_deref(), Some("D1"));
}

/// queries.md §7 example 5: the hash lookup that starts a download.
fn hash_lookup(server: &mut Server, events: Value) -> Mock {
    server
        .mock("POST", v2_path().as_str())
        .match_body(Matcher::Json(json!({"groupClause": "AND", "groups": [
            {"filterClause": "AND", "filters": [{"operator": "IS", "term": "file.hash.sha256", "value": SHA}]}],
            "pgSize": 500, "srtDir": "desc", "srtKey": "@timestamp", "pgNum": 1})))
        .with_body(json!({"fileEvents": events, "nextPgToken": null, "totalCount": 1}).to_string())
        .expect(1)
        .create()
}

#[test]
fn a_download_follows_the_four_steps_and_sends_no_token_with_the_file_request() {
    let (mut server, client, _m) = setup();
    let url = server.url();
    // The first event lacks a device: the next one is used, as py42 does.
    let mut incomplete = event("e0");
    incomplete["user"]["deviceUid"] = Value::Null;
    let lookup = hash_lookup(&mut server, json!([incomplete, event("e1")]));
    let search_file = server
        .mock("GET", format!("{EDS}/api/v3/search-file").as_str())
        .match_header("authorization", format!("Bearer {TOKEN}").as_str())
        .match_query(Matcher::AllOf(vec![
            Matcher::UrlEncoded("fileSHA256".into(), SHA.into()),
            Matcher::UrlEncoded("fileMD5".into(), MD5.into()),
            Matcher::UrlEncoded("deviceUid".into(), "DEV1".into()),
            Matcher::UrlEncoded("filePath".into(), "C:/Users/ana/plan.pdf".into()),
        ]))
        .with_body(
            json!({"match": {"downloadTokenRequest": format!("{url}{EDS}/api/v1/download-token?id=XYZ")}})
                .to_string(),
        )
        .expect(1)
        .create();
    let token = server
        .mock("GET", format!("{EDS}/api/v1/download-token").as_str())
        .match_query(Matcher::UrlEncoded("id".into(), "XYZ".into()))
        .match_header("authorization", format!("Bearer {TOKEN}").as_str())
        .match_header("accept", "*/*")
        .with_body("/files/get-file?token=TOK%2B1\n")
        .expect(1)
        .create();
    let file = server
        .mock("GET", "/files/get-file")
        .match_query(Matcher::Exact("token=TOK%2B1".into()))
        .match_header("authorization", Matcher::Missing)
        .match_header("accept", "*/*")
        .with_header("content-type", "application/octet-stream")
        .with_body(vec![7u8; 100_000])
        .expect(1)
        .create();
    let mut out = Vec::new();
    let bytes = client
        .file_events()
        .download_by_sha256(SHA, &mut out)
        .unwrap();
    assert_eq!(bytes, 100_000);
    assert_eq!(out, vec![7u8; 100_000]);
    for m in [lookup, search_file, token, file] {
        m.assert();
    }
}

#[test]
fn download_failures_are_typed() {
    let (mut server, client, _m) = setup();
    // No event with everything a download needs: ChecksumNotFound.
    let mut no_directory = event("e1");
    no_directory["file"]["directory"] = json!("");
    let lookup = hash_lookup(&mut server, json!([no_directory]));
    let err = client
        .file_events()
        .download_by_sha256(SHA, &mut Vec::new())
        .unwrap_err();
    assert!(
        matches!(&err, Error::ChecksumNotFound { algorithm: "SHA256", checksum } if checksum == SHA),
        "{err}"
    );
    lookup.assert();
    lookup.remove();

    // No stored copy: FileUnavailable with the service's reports.
    let _lookup = hash_lookup(&mut server, json!([event("e1")]));
    let search_file = server
        .mock("GET", format!("{EDS}/api/v3/search-file").as_str())
        .match_query(Matcher::Any)
        .with_body(r#"{"match":null,"failureReports":["failure-one"]}"#)
        .create();
    let err = client
        .file_events()
        .download_by_sha256(SHA, &mut Vec::new())
        .unwrap_err();
    assert!(
        matches!(&err, Error::FileUnavailable { reason, .. } if reason.contains("failure-one")),
        "{err}"
    );
    search_file.remove();

    // A token URL over plain http to a host that is not loopback: nothing is sent.
    let _cleartext = server
        .mock("GET", format!("{EDS}/api/v3/search-file").as_str())
        .match_query(Matcher::Any)
        .with_body(r#"{"match":{"downloadTokenRequest":"http://elsewhere.example/token?id=1"}}"#)
        .create();
    let err = client
        .file_events()
        .download_by_sha256(SHA, &mut Vec::new())
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { argument: "url", reason } if reason.contains("elsewhere.example")),
        "{err}"
    );
}

#[test]
fn the_storage_host_named_in_a_download_flow_gets_the_token_for_that_flow_only() {
    let (mut server, client, _m) = setup();
    // The storage host: another origin than the console and every discovered service.
    let mut storage = Server::new();
    let storage_url = storage.url();
    let _lookup = hash_lookup(&mut server, json!([event("e1")]));
    let token_url = format!("{storage_url}/storage/api/v1/download-token?id=XYZ");
    let _search_file = server
        .mock("GET", format!("{EDS}/api/v3/search-file").as_str())
        .match_query(Matcher::Any)
        .with_body(json!({"match": {"downloadTokenRequest": token_url}}).to_string())
        .create();
    let token = storage
        .mock("GET", "/storage/api/v1/download-token")
        .match_query(Matcher::UrlEncoded("id".into(), "XYZ".into()))
        .match_header("authorization", format!("Bearer {TOKEN}").as_str())
        .with_body("/storage/api/v1/get-file?token=TOK")
        .expect(1)
        .create();
    let file = storage
        .mock("GET", "/storage/api/v1/get-file")
        .match_query(Matcher::UrlEncoded("token".into(), "TOK".into()))
        .match_header("authorization", Matcher::Missing)
        .with_body("evidence")
        .expect(1)
        .create();
    let mut out = Vec::new();
    let bytes = client
        .file_events()
        .download_by_sha256(SHA, &mut out)
        .unwrap();
    assert_eq!((bytes, out.as_slice()), (8, &b"evidence"[..]));
    token.assert();
    file.assert();

    // Outside that flow the storage host is not trusted: the token is not sent there again.
    let err = client
        .raw_url(code42::Method::Get, &token_url)
        .text()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                argument: "url",
                ..
            }
        ),
        "{err:?}"
    );
    token.assert();
}

#[test]
fn a_search_is_retried_after_a_server_error_because_it_only_reads() {
    let (mut server, client, _m) = setup();
    let failing = server
        .mock("POST", v2_path().as_str())
        .with_status(503)
        .expect(1)
        .create();
    let page1 = server
        .mock("POST", v2_path().as_str())
        .with_body(page(&["e1"], None, 1))
        .expect(1)
        .create();
    let page = client
        .file_events()
        .page(
            &FileEventQuery::<V2>::new().sort("@timestamp", SortDirection::Desc),
            1,
        )
        .unwrap();
    assert_eq!(page.file_events.unwrap().len(), 1);
    failing.assert();
    page1.assert();
}
