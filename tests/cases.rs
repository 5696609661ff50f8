//! `client.cases()`: the exact requests of every operation, update semantics (GET, merge,
//! PUT), streamed exports, typed errors from the server's bodies, and input rejected before
//! anything is sent.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use code42::cases::{
    CaseFilter, CaseSortKey, CaseStatus, CaseUpdate, DESCRIPTION_MAX_CHARS, FINDINGS_MAX_CHARS,
    NAME_MAX_CHARS, NewCase,
};
use code42::clock::{Clock, ManualClock};
use code42::query::SortDirection;
use code42::{ApiErrorKind, Client, Error};
use common::*;
use mockito::{Matcher, Mock, Server};
use serde_json::{Value, json};

/// The cases service is discovered under this prefix of the mock server.
const PREFIX: &str = "/cases";

fn bearer() -> String {
    format!("Bearer {TOKEN}")
}

fn path(rest: &str) -> String {
    format!("{PREFIX}{rest}")
}

/// A client whose cases service lives at `{server}/cases`, and the mocks of the chain.
fn setup(server: &mut Server) -> (Client, Arc<ManualClock>, Vec<Mock>) {
    let url = server.url();
    let chain = vec![
        token_mock(server, TOKEN),
        json_mock(
            server,
            "GET",
            "/api/v1/ServerEnv",
            &format!(r#"{{"data":{{"stsBaseUrl":"{url}/sts"}}}}"#),
        )
        .create(),
        server
            .mock("GET", "/simple-key-value-store/v1/CASES_API-URL")
            .with_body(format!("{url}{PREFIX}"))
            .create(),
    ];
    let (client, clock) = test_client(server);
    (client, clock, chain)
}

/// A case as the service sends it (every key present, as in Code42's article).
fn case_json(number: i64, status: &str) -> Value {
    json!({
        "number": number,
        "name": "Sample case name",
        "createdAt": "2020-10-27T15:16:05.369203Z",
        "updatedAt": "2020-10-27T15:20:26.311894Z",
        "description": "Sample description",
        "findings": "Sample findings",
        "subject": "421380797518239242",
        "subjectUsername": "casey@example.com",
        "status": status,
        "assignee": "273411254592236331",
        "assigneeUsername": "admin@example.com",
        "createdByUserUid": "806150685834341101",
        "createdByUsername": "05c28ad3-7eca-4d99-8bb7-a5d0995806c8",
        "lastModifiedByUserUid": "806150685834341101",
        "lastModifiedByUsername": "05c28ad3-7eca-4d99-8bb7-a5d0995806c8"
    })
}

/// A mock answering `method path` with a JSON body, checking the bearer token and `Accept`.
fn service_mock(
    server: &mut Server,
    method: &str,
    rest: &str,
    status: usize,
    body: &Value,
) -> Mock {
    server
        .mock(method, path(rest).as_str())
        .match_header("authorization", bearer().as_str())
        .match_header("accept", "application/json")
        .with_status(status)
        .with_header("content-type", "application/json")
        .with_body(body.to_string())
}

/// A mock that records the JSON body of each request it answers.
fn recording(mock: Mock, answer: Value) -> (Mock, Arc<Mutex<Vec<Value>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let mock = mock.with_body_from_request(move |request| {
        let body = request
            .body()
            .ok()
            .and_then(|b| serde_json::from_slice(b).ok());
        sink.lock().unwrap().push(body.unwrap_or(Value::Null));
        answer.to_string().into_bytes()
    });
    (mock, seen)
}

/// One mock per method that must never be hit.
fn no_requests(server: &mut Server) -> Vec<Mock> {
    ["GET", "POST", "PUT", "DELETE"]
        .iter()
        .map(|m| server.mock(m, Matcher::Any).expect(0).create())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// create, get

#[test]
fn create_sends_all_five_keys_with_null_for_what_is_not_given() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let (mock, seen) = recording(
        service_mock(&mut server, "POST", "/api/v1/case", 200, &Value::Null)
            .match_query(Matcher::Missing)
            .match_header("content-type", "application/json")
            .match_body(Matcher::Json(json!({
                "name": "Sample case name",
                "description": "Sample description",
                "findings": null,
                "subject": "421380797518239242",
                "assignee": null
            }))),
        case_json(1, "OPEN"),
    );
    let mock = mock.expect(1).create();
    let case = client
        .cases()
        .create(
            NewCase::new("Sample case name")
                .description("Sample description")
                .subject("421380797518239242"),
        )
        .unwrap();
    mock.assert();
    assert_eq!((case.number, case.status), (1, CaseStatus::Open));
    insta::assert_json_snapshot!("create_body", seen.lock().unwrap()[0]);
}

#[test]
fn create_with_only_a_name() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let mock = service_mock(
        &mut server,
        "POST",
        "/api/v1/case",
        200,
        &case_json(2, "OPEN"),
    )
    .match_body(Matcher::Json(json!({
        "name": "n", "description": null, "findings": null, "subject": null, "assignee": null
    })))
    .expect(1)
    .create();
    client.cases().create(NewCase::new("n")).unwrap();
    mock.assert();
}

#[test]
fn get_reads_one_case_and_keeps_unknown_fields() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let mut body = case_json(942897, "ARCHIVED");
    body["brandNewField"] = json!({"nested": [1, 2]});
    let mock = service_mock(&mut server, "GET", "/api/v1/case/942897", 200, &body)
        .match_query(Matcher::Missing)
        .expect(1)
        .create();
    let case = client.cases().get(942897).unwrap();
    mock.assert();
    assert_eq!(case.name, "Sample case name");
    assert_eq!(case.status, CaseStatus::Archived);
    assert_eq!(case.subject.as_deref(), Some("421380797518239242"));
    assert_eq!(
        case.created_at.as_ref().map(|t| t.as_str()),
        Some("2020-10-27T15:16:05.369203Z")
    );
    assert_eq!(case.extra["brandNewField"], json!({"nested": [1, 2]}));
}

// ---------------------------------------------------------------------------------------------
// list

fn list_page(numbers: std::ops::Range<i64>, total: i64) -> Value {
    let cases: Vec<Value> = numbers
        .map(|n| {
            let mut c = case_json(n, "OPEN");
            let o = c.as_object_mut().unwrap();
            o.remove("description");
            o.remove("findings");
            c
        })
        .collect();
    json!({"cases": cases, "totalCount": total})
}

#[test]
fn list_sends_every_filter_and_pages_from_1_until_the_total() {
    let mut server = Server::new();
    let (client, clock, _chain) = setup(&mut server);
    let now = time::OffsetDateTime::from(clock.system_now());
    let now_text = now
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
        ))
        .unwrap();
    let filters = |page: &str| {
        Matcher::AllOf(vec![
            Matcher::UrlEncoded("name".into(), "exfil & co".into()),
            Matcher::UrlEncoded("status".into(), "OPEN".into()),
            Matcher::UrlEncoded("subject".into(), "SUBJ".into()),
            Matcher::UrlEncoded("assignee".into(), "ASSG".into()),
            Matcher::UrlEncoded("isAssigned".into(), "true".into()),
            Matcher::UrlEncoded("lastModifiedBy".into(), "MOD".into()),
            Matcher::UrlEncoded(
                "createdAt".into(),
                "2021-01-01T00:00:00.000Z/2022-01-01T00:00:00.000Z".into(),
            ),
            Matcher::UrlEncoded(
                "updatedAt".into(),
                format!("2021-06-30T22:00:00.250Z/{now_text}"),
            ),
            Matcher::UrlEncoded("srtKey".into(), "updatedAt".into()),
            Matcher::UrlEncoded("srtDir".into(), "desc".into()),
            Matcher::UrlEncoded("pgNum".into(), page.into()),
            Matcher::UrlEncoded("pgSize".into(), "2".into()),
        ])
    };
    let p1 = service_mock(&mut server, "GET", "/api/v1/case", 200, &list_page(1..3, 3))
        .match_query(filters("1"))
        .expect(1)
        .create();
    let p2 = service_mock(&mut server, "GET", "/api/v1/case", 200, &list_page(3..4, 3))
        .match_query(filters("2"))
        .expect(1)
        .create();
    let filter = CaseFilter::new()
        .name("exfil & co")
        .status(CaseStatus::Open)
        .subject("SUBJ")
        .assignee("ASSG")
        .is_assigned(true)
        .last_modified_by("MOD")
        .created_after(time::macros::datetime!(2021-01-01 0:00 UTC))
        .created_before(time::macros::datetime!(2022-01-01 0:00 UTC))
        .updated_after(time::macros::datetime!(2021-07-01 0:00:00.25 +02:00))
        .sort(CaseSortKey::UpdatedAt, SortDirection::Desc)
        .page_size(2);
    let numbers: Vec<i64> = client
        .cases()
        .list(&filter)
        .unwrap()
        .map(|c| c.unwrap().number)
        .collect();
    assert_eq!(numbers, [1, 2, 3]);
    p1.assert();
    p2.assert();
}

#[test]
fn list_defaults_to_number_order_100_a_page_and_no_filters() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let mock = service_mock(&mut server, "GET", "/api/v1/case", 200, &list_page(1..3, 2))
        .match_query(Matcher::AllOf(vec![
            Matcher::UrlEncoded("srtKey".into(), "number".into()),
            Matcher::UrlEncoded("srtDir".into(), "asc".into()),
            Matcher::UrlEncoded("pgNum".into(), "1".into()),
            Matcher::UrlEncoded("pgSize".into(), "100".into()),
            // nothing else: the exact query string
            Matcher::Regex("^srtKey=number&srtDir=asc&pgNum=1&pgSize=100$".into()),
        ]))
        .expect(1)
        .create();
    assert_eq!(client.cases().list(&CaseFilter::new()).unwrap().count(), 2);
    mock.assert();
}

#[test]
fn one_page_and_a_resumed_listing() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let page = |n: &str| {
        Matcher::AllOf(vec![
            Matcher::UrlEncoded("status".into(), "CLOSED".into()),
            Matcher::UrlEncoded("pgNum".into(), n.into()),
            Matcher::UrlEncoded("pgSize".into(), "2".into()),
        ])
    };
    let p3 = service_mock(&mut server, "GET", "/api/v1/case", 200, &list_page(5..6, 5))
        .match_query(page("3"))
        .expect(1)
        .create();
    let filter = CaseFilter::new().status(CaseStatus::Closed).page_size(2);
    let one = client.cases().page(&filter, 3).unwrap();
    assert_eq!((one.cases.len(), one.total_count), (1, Some(5)));
    p3.assert();

    let _p1 = service_mock(&mut server, "GET", "/api/v1/case", 200, &list_page(1..3, 5))
        .match_query(page("1"))
        .create();
    let p2 = service_mock(&mut server, "GET", "/api/v1/case", 200, &list_page(3..5, 5))
        .match_query(page("2"))
        .expect(2)
        .create();
    let _p3 = service_mock(&mut server, "GET", "/api/v1/case", 200, &list_page(5..6, 5))
        .match_query(page("3"))
        .create();
    let mut pager = client.cases().list(&filter).unwrap();
    let first: Vec<i64> = pager.by_ref().take(3).map(|c| c.unwrap().number).collect();
    let cursor = pager.cursor();
    drop(pager);
    let rest: Vec<i64> = client
        .cases()
        .list(&filter)
        .unwrap()
        .resume(&cursor)
        .unwrap()
        .map(|c| c.unwrap().number)
        .collect();
    assert_eq!([first, rest].concat(), [1, 2, 3, 4, 5]);
    p2.assert();
}

// ---------------------------------------------------------------------------------------------
// update, close

#[test]
fn update_resends_unchanged_fields_and_sends_null_for_cleared_ones() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let mut current = case_json(7, "OPEN");
    current["someFutureEditableField"] = json!("keep me");
    let get = service_mock(&mut server, "GET", "/api/v1/case/7", 200, &current)
        .expect(1)
        .create();
    let expected = json!({
        "name": "Sample case name",
        "description": "New description",
        "findings": null,
        "subject": "421380797518239242",
        "assignee": null,
        "status": "OPEN",
        "someFutureEditableField": "keep me"
    });
    let mut updated = case_json(7, "OPEN");
    updated["description"] = json!("New description");
    updated["findings"] = Value::Null;
    updated["assignee"] = Value::Null;
    let (put, seen) = recording(
        service_mock(&mut server, "PUT", "/api/v1/case/7", 200, &Value::Null)
            .match_header("content-type", "application/json")
            .match_body(Matcher::Json(expected)),
        updated,
    );
    let put = put.expect(1).create();
    let case = client
        .cases()
        .update(
            7,
            CaseUpdate::new()
                .description("New description")
                .clear_findings()
                .unassign(),
        )
        .unwrap();
    get.assert();
    put.assert();
    assert_eq!(case.description.as_deref(), Some("New description"));
    assert_eq!((case.findings, case.assignee), (None, None));
    insta::assert_json_snapshot!("update_body", seen.lock().unwrap()[0]);
}

#[test]
fn update_of_a_name_alone_resends_everything_else_like_py42() {
    // py42's observed body for `update(7, name="New name")`, with our current values.
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let mut current = case_json(7, "OPEN");
    current["subject"] = json!("SUBJ");
    current["assignee"] = json!("ASSG");
    current["description"] = json!("old desc");
    current["findings"] = json!("old findings");
    let _get = service_mock(&mut server, "GET", "/api/v1/case/7", 200, &current).create();
    let put = service_mock(&mut server, "PUT", "/api/v1/case/7", 200, &current)
        .match_body(Matcher::Json(json!({
            "assignee": "ASSG", "description": "old desc", "findings": "old findings",
            "name": "New name", "subject": "SUBJ", "status": "OPEN"
        })))
        .expect(1)
        .create();
    client
        .cases()
        .update(7, CaseUpdate::new().name("New name"))
        .unwrap();
    put.assert();
}

#[test]
fn a_closed_case_is_refused_before_any_put() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let get = service_mock(
        &mut server,
        "GET",
        "/api/v1/case/9",
        200,
        &case_json(9, "CLOSED"),
    )
    .expect(2)
    .create();
    let put = server.mock("PUT", Matcher::Any).expect(0).create();
    for update in [
        CaseUpdate::new().findings("more"),
        CaseUpdate::new().status(CaseStatus::Open),
    ] {
        let err = client.cases().update(9, update).unwrap_err();
        match &err {
            Error::InvalidInput { argument, reason } => {
                assert_eq!(*argument, "case_number");
                assert!(reason.contains("closed"), "{reason}");
            }
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }
    get.assert();
    put.assert();
}

#[test]
fn the_server_refusing_an_edit_of_a_closed_case_is_update_closed_case() {
    // The case was closed between our GET and our PUT: the Spring-style body py42 tests use.
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let _get = service_mock(
        &mut server,
        "GET",
        "/api/v1/case/3",
        200,
        &case_json(3, "OPEN"),
    )
    .create();
    let _put = service_mock(
        &mut server,
        "PUT",
        "/api/v1/case/3",
        400,
        &json!({
            "timestamp": "2021-01-06T16:54:44.668+00:00",
            "status": 400,
            "error": "Bad Request",
            "message": "NO_EDITS_ONCE_CLOSED",
            "path": "/api/v1/case"
        }),
    )
    .expect(1)
    .create();
    let err = client
        .cases()
        .update(3, CaseUpdate::new().name("x"))
        .unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(
        (api.status(), api.kind(), api.kind().base()),
        (
            400,
            ApiErrorKind::UpdateClosedCase,
            ApiErrorKind::BadRequest
        )
    );
    assert_eq!(api.message(), "NO_EDITS_ONCE_CLOSED");
}

#[test]
fn close_sends_closed_and_keeps_everything_else_and_a_closed_case_is_left_alone() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let _get = service_mock(
        &mut server,
        "GET",
        "/api/v1/case/5",
        200,
        &case_json(5, "OPEN"),
    )
    .create();
    let put = service_mock(
        &mut server,
        "PUT",
        "/api/v1/case/5",
        200,
        &case_json(5, "CLOSED"),
    )
    .match_body(Matcher::Json(json!({
        "name": "Sample case name",
        "description": "Sample description",
        "findings": "Sample findings",
        "subject": "421380797518239242",
        "assignee": "273411254592236331",
        "status": "CLOSED"
    })))
    .expect(1)
    .create();
    assert_eq!(client.cases().close(5).unwrap().status, CaseStatus::Closed);
    put.assert();

    let _closed = service_mock(
        &mut server,
        "GET",
        "/api/v1/case/6",
        200,
        &case_json(6, "CLOSED"),
    )
    .create();
    let no_put = server
        .mock("PUT", "/cases/api/v1/case/6")
        .expect(0)
        .create();
    assert_eq!(client.cases().close(6).unwrap().status, CaseStatus::Closed);
    no_put.assert();
}

// ---------------------------------------------------------------------------------------------
// exports

/// Counts bytes and the largest single write; never keeps them.
#[derive(Default)]
struct CountingWriter {
    total: u64,
    largest_write: usize,
    checksum: u64,
}

impl Write for CountingWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.total += buf.len() as u64;
        self.largest_write = self.largest_write.max(buf.len());
        for b in buf {
            self.checksum = self.checksum.wrapping_mul(31).wrapping_add(u64::from(*b));
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const EXPORT_BYTES: usize = 8 * 1024 * 1024;

/// `EXPORT_BYTES` of a repeating pattern, written by the mock in 64 KiB chunks.
fn chunk() -> Vec<u8> {
    (0..64 * 1024).map(|i| (i % 251) as u8).collect()
}

fn expected_checksum() -> u64 {
    let mut w = CountingWriter::default();
    for _ in 0..EXPORT_BYTES / (64 * 1024) {
        w.write_all(&chunk()).unwrap();
    }
    w.checksum
}

fn export_mock(server: &mut Server, rest: &str, content_type: &str) -> Mock {
    server
        .mock("GET", path(rest).as_str())
        .match_query(Matcher::Missing)
        .match_header("authorization", bearer().as_str())
        .match_header("accept", "*/*")
        .with_header("content-type", content_type)
        .with_chunked_body(|w| {
            let chunk = chunk();
            for _ in 0..EXPORT_BYTES / chunk.len() {
                w.write_all(&chunk)?;
            }
            Ok(())
        })
        .expect(1)
        .create()
}

#[test]
fn the_summary_pdf_streams_8_mb_to_a_writer_in_small_pieces() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let mock = export_mock(&mut server, "/api/v1/case/12/export", "application/pdf");
    let mut out = CountingWriter::default();
    let written = client.cases().export_summary_pdf(12, &mut out).unwrap();
    mock.assert();
    assert_eq!(
        (written, out.total),
        (EXPORT_BYTES as u64, EXPORT_BYTES as u64)
    );
    assert_eq!(out.checksum, expected_checksum(), "every byte, in order");
    assert!(
        out.largest_write <= 256 * 1024,
        "the body was not buffered whole: largest write {} bytes",
        out.largest_write
    );
}

#[test]
fn the_file_event_csv_streams_to_a_writer() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let mock = export_mock(&mut server, "/api/v1/case/12/fileevent/export", "text/csv");
    let mut out = CountingWriter::default();
    let written = client.cases().file_events(12).export_csv(&mut out).unwrap();
    mock.assert();
    assert_eq!(written, EXPORT_BYTES as u64);
    assert!(out.largest_write <= 256 * 1024);

    // and a small one, byte for byte, through the other entry point
    let csv = "eventId,fileName\n0_abc,a.txt\n";
    let _small = server
        .mock("GET", "/cases/api/v1/case/13/fileevent/export")
        .with_header("content-type", "text/csv")
        .with_body(csv)
        .create();
    let mut bytes = Vec::new();
    client
        .cases()
        .export_file_events_csv(13, &mut bytes)
        .unwrap();
    assert_eq!(bytes, csv.as_bytes());
}

#[test]
fn an_export_of_a_missing_case_is_not_found_and_writes_nothing() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let _m = server
        .mock("GET", "/cases/api/v1/case/404/export")
        .match_header("accept", "*/*")
        .with_status(404)
        .with_header("content-type", "application/json")
        .with_body(r#"{"problem":"NOT_FOUND"}"#)
        .create();
    let mut out = Vec::new();
    let err = client
        .cases()
        .export_summary_pdf(404, &mut out)
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::NotFound));
    assert!(out.is_empty());
}

// ---------------------------------------------------------------------------------------------
// file events

const EVENT: &str =
    "0_147e9445-2f30-4a91-8b2a-9455332e880a_973435567569502913_986467523038446097_163";

#[test]
fn file_events_add_list_get_remove() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let event_path = format!("/api/v1/case/42/fileevent/{EVENT}");
    let add = server
        .mock("POST", path(&event_path).as_str())
        .match_query(Matcher::Missing)
        .match_header("authorization", bearer().as_str())
        .match_header("content-type", Matcher::Missing)
        .match_body("")
        .with_status(204)
        .expect(1)
        .create();
    let list = service_mock(
        &mut server,
        "GET",
        "/api/v1/case/42/fileevent",
        200,
        &json!({"events": [{
            "eventId": EVENT,
            "eventTimestamp": "2020-12-23T14:24:44.593Z",
            "exposure": ["OutsideTrustedDomains", "IsPublic", "SomethingNew"],
            "fileName": "example.docx",
            "filePath": "/Users/casey/Documents/"
        }], "totalCount": 1}),
    )
    .expect(1)
    .create();
    let get = service_mock(
        &mut server,
        "GET",
        &event_path,
        200,
        &json!({"@timestamp": "2022-07-14T16:53:06.112Z", "event": {"id": EVENT}, "file": {"name": "cat.jpg"}}),
    )
    .expect(1)
    .create();
    let remove = server
        .mock("DELETE", path(&event_path).as_str())
        .match_header("authorization", bearer().as_str())
        .with_status(204)
        .expect(1)
        .create();

    let events = client.cases().file_events(42);
    assert_eq!(events.case_number(), 42);
    events.add(EVENT).unwrap();
    let listed = events.list().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].event_id, EVENT);
    assert_eq!(listed[0].file_name.as_deref(), Some("example.docx"));
    assert_eq!(
        listed[0].exposure.as_deref().unwrap(),
        [
            code42::cases::ExposureType::OutsideTrustedDomains,
            code42::cases::ExposureType::IsPublic,
            code42::cases::ExposureType::Unknown("SomethingNew".into())
        ]
    );
    let detail = events.get(EVENT).unwrap();
    // The real body is a whole v2 file event, typed as one (not kept in `extra`).
    assert_eq!(
        detail.file.as_ref().and_then(|f| f.name.as_deref()),
        Some("cat.jpg")
    );
    assert_eq!(
        detail.event.as_ref().and_then(|e| e.id.as_deref()),
        Some(EVENT)
    );
    assert!(detail.extra.is_empty());
    events.remove(EVENT).unwrap();
    for m in [add, list, get, remove] {
        m.assert();
    }
}

#[test]
fn event_ids_are_percent_encoded_in_the_path() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let m = server
        .mock("DELETE", "/cases/api/v1/case/1/fileevent/a%2Fb%20c")
        .with_status(204)
        .expect(1)
        .create();
    client.cases().file_events(1).remove("a/b c").unwrap();
    m.assert();
}

#[test]
fn adding_the_same_event_twice_is_case_already_has_event() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let rest = format!("/api/v1/case/42/fileevent/{EVENT}");
    let first = server
        .mock("POST", path(&rest).as_str())
        .with_status(204)
        .expect(1)
        .create();
    let again = service_mock(
        &mut server,
        "POST",
        &rest,
        400,
        &json!({"problem": "CASE_ALREADY_HAS_EVENT"}),
    )
    .match_header("accept", "application/json")
    .expect(1)
    .create();
    let events = client.cases().file_events(42);
    events.add(EVENT).unwrap();
    let err = events.add(EVENT).unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::CaseAlreadyHasEvent));
    assert_eq!(err.api().unwrap().message(), "CASE_ALREADY_HAS_EVENT");
    first.assert();
    again.assert(); // sent once: a 400 is not retried
}

// ---------------------------------------------------------------------------------------------
// error kinds from the server's bodies (py42's test bodies)

#[test]
fn every_case_error_kind_comes_from_the_servers_body() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let create_errors = [
        (
            json!({"problem": "NAME_EXISTS", "description": null}),
            ApiErrorKind::CaseNameExists,
        ),
        (
            json!({"problem": "DESCRIPTION_TOO_LONG", "description": null}),
            ApiErrorKind::DescriptionTooLong,
        ),
        (
            json!({"problem": "INVALID_USER", "description": "subject validation failed"}),
            ApiErrorKind::InvalidCaseUser,
        ),
        (
            json!({"problem": "INVALID_USER", "description": "assignee validation failed"}),
            ApiErrorKind::InvalidCaseUser,
        ),
        (
            json!({"problem": "SOMETHING_ELSE"}),
            ApiErrorKind::BadRequest,
        ),
    ];
    for (body, kind) in create_errors {
        let m = service_mock(&mut server, "POST", "/api/v1/case", 400, &body)
            .expect(1)
            .create();
        let err = client.cases().create(NewCase::new("n")).unwrap_err();
        assert_eq!(err.api_kind(), Some(kind), "{body}");
        assert_eq!(err.api().unwrap().kind().base(), ApiErrorKind::BadRequest);
        m.assert();
        m.remove();
    }

    let rest = format!("/api/v1/case/8/fileevent/{EVENT}");
    let closed = json!({"problem": "CASE_IS_CLOSED"});
    let _add = service_mock(&mut server, "POST", &rest, 400, &closed).create();
    let _remove = service_mock(&mut server, "DELETE", &rest, 400, &closed).create();
    let events = client.cases().file_events(8);
    assert_eq!(
        events.add(EVENT).unwrap_err().api_kind(),
        Some(ApiErrorKind::UpdateClosedCase)
    );
    assert_eq!(
        events.remove(EVENT).unwrap_err().api_kind(),
        Some(ApiErrorKind::UpdateClosedCase)
    );

    let _missing = service_mock(
        &mut server,
        "GET",
        "/api/v1/case/77",
        404,
        &json!({"problem": "CASE_NOT_FOUND"}),
    )
    .create();
    assert_eq!(
        client.cases().get(77).unwrap_err().api_kind(),
        Some(ApiErrorKind::NotFound)
    );
}

// ---------------------------------------------------------------------------------------------
// bad input

fn invalid_argument<T: std::fmt::Debug>(result: code42::Result<T>) -> &'static str {
    match result {
        Err(Error::InvalidInput { argument, .. }) => argument,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn bad_input_is_rejected_before_any_request_naming_the_argument() {
    let mut server = Server::new();
    let guards = no_requests(&mut server);
    let (client, _) = test_client(&server);
    let cases = client.cases();
    let long = |n: usize| "x".repeat(n);

    assert_eq!(invalid_argument(cases.create(NewCase::new("  "))), "name");
    assert_eq!(
        invalid_argument(cases.create(NewCase::new(long(NAME_MAX_CHARS + 1)))),
        "name"
    );
    assert_eq!(
        invalid_argument(
            cases.create(NewCase::new("n").description(long(DESCRIPTION_MAX_CHARS + 1)))
        ),
        "description"
    );
    assert_eq!(
        invalid_argument(cases.create(NewCase::new("n").findings(long(FINDINGS_MAX_CHARS + 1)))),
        "findings"
    );
    assert_eq!(
        invalid_argument(cases.create(NewCase::new("n").subject(""))),
        "subject"
    );
    assert_eq!(
        invalid_argument(cases.create(NewCase::new("n").assignee(" "))),
        "assignee"
    );

    assert_eq!(
        invalid_argument(cases.update(1, CaseUpdate::new())),
        "update"
    );
    assert_eq!(
        invalid_argument(cases.update(1, CaseUpdate::new().name(""))),
        "name"
    );
    assert_eq!(
        invalid_argument(cases.update(
            1,
            CaseUpdate::new().description(long(DESCRIPTION_MAX_CHARS + 1))
        )),
        "description"
    );
    assert_eq!(
        invalid_argument(cases.update(1, CaseUpdate::new().description(""))),
        "description"
    );
    assert_eq!(
        invalid_argument(cases.update(1, CaseUpdate::new().assignee(""))),
        "assignee"
    );
    assert_eq!(
        invalid_argument(cases.update(0, CaseUpdate::new().name("n"))),
        "case_number"
    );
    assert_eq!(invalid_argument(cases.close(-1)), "case_number");
    assert_eq!(invalid_argument(cases.get(0)), "case_number");
    assert_eq!(
        invalid_argument(cases.export_summary_pdf(0, &mut Vec::new())),
        "case_number"
    );
    assert_eq!(
        invalid_argument(cases.export_file_events_csv(0, &mut Vec::new())),
        "case_number"
    );

    assert_eq!(invalid_argument(cases.file_events(1).add(" ")), "event_id");
    assert_eq!(invalid_argument(cases.file_events(1).get("")), "event_id");
    assert_eq!(
        invalid_argument(cases.file_events(1).remove("")),
        "event_id"
    );
    assert_eq!(invalid_argument(cases.file_events(0).list()), "case_number");

    assert_eq!(
        invalid_argument(cases.list(&CaseFilter::new().page_size(0))),
        "page_size"
    );
    assert_eq!(
        invalid_argument(cases.list(&CaseFilter::new().name(""))),
        "name"
    );
    assert_eq!(invalid_argument(cases.page(&CaseFilter::new(), 0)), "page");
    assert_eq!(
        invalid_argument(
            cases.list(
                &CaseFilter::new()
                    .created_after(time::macros::datetime!(2022-01-01 0:00 UTC))
                    .created_before(time::macros::datetime!(2021-01-01 0:00 UTC))
            )
        ),
        "created_after"
    );

    for g in guards {
        g.assert();
    }
}

#[test]
fn the_description_limit_is_exact() {
    let mut server = Server::new();
    let (client, _, _chain) = setup(&mut server);
    let m = service_mock(
        &mut server,
        "POST",
        "/api/v1/case",
        200,
        &case_json(1, "OPEN"),
    )
    .expect(1)
    .create();
    client
        .cases()
        .create(NewCase::new("n").description("é".repeat(DESCRIPTION_MAX_CHARS)))
        .unwrap();
    m.assert();
}
