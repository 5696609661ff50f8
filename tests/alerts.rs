//! `client.alerts()`: the exact request of every operation (method, path, headers, JSON body),
//! paging, id batching, result order, decoding, and input checks.

mod alerting;
mod common;

use alerting::*;
use code42::alerts::{AlertState, MAX_IDS_PER_REQUEST, observation_data};
use code42::query::alerts::{self as f, AlertQuery, RiskSeverity};
use code42::wire::alerts::{ops, types};
use code42::{ApiErrorKind, Error};
use common::*;
use mockito::Server;
use serde_json::{Value, json};

fn summary(id: &str) -> Value {
    json!({"type$": "ALERT_SUMMARY", "tenantId": TENANT, "type": "FED_ENDPOINT_EXFILTRATION",
           "name": "Exposure", "actor": "bob@example.com", "severity": "HIGH",
           "riskSeverity": "CRITICAL", "ruleId": "RULE1", "ruleSource": "Alerting", "id": id,
           "createdAt": "2020-04-03T15:21:44.6139300Z", "state": "OPEN"})
}

fn details(id: &str) -> Value {
    let mut alert = summary(id);
    alert["type$"] = json!("ALERT_DETAILS");
    alert["observations"] = json!([{
        "type$": "OBSERVATION", "id": format!("obs-{id}"),
        "observedAt": "2020-04-08T13:40:00.0000000Z", "type": "FedEndpointExfiltration",
        "data": "{\"type$\":\"OBSERVED_ENDPOINT_ACTIVITY\",\"fileCount\":2,\"files\":[{\"type$\":\"OBSERVED_FILE\",\"eventId\":\"E1\",\"name\":\"a.png\"}]}"
    }]);
    alert
}

fn query_body(page: u32, size: u32, groups: Value) -> Value {
    json!({"tenantId": TENANT, "groupClause": "AND", "groups": groups, "pgNum": page,
           "pgSize": size, "srtDirection": "desc", "srtKey": "CreatedAt"})
}

fn open_group() -> Value {
    json!([{"filterClause": "AND", "filters": [{"operator": "IS", "term": "state", "value": "OPEN"}]}])
}

#[test]
fn search_pages_from_0_in_the_body_until_a_short_page() {
    let mut server = Server::new();
    let chain = security_mocks(&mut server);
    let pages = [
        (0, json!({"type$": "ALERT_QUERY_RESPONSE", "alerts": [summary("A1"), summary("A2")], "problems": []})),
        (1, json!({"alerts": [summary("A3")], "problems": []})),
    ]
    .map(|(page, response)| {
        post(&mut server, "/alerts/svc/api/v1/query-alerts", query_body(page, 2, open_group()))
            .with_body(response.to_string())
            .expect(1)
            .create()
    });
    let (client, _) = test_client(&server);
    let query = AlertQuery::all([f::state().eq(AlertState::Open)]).page_size(2);
    let ids: Vec<String> = client
        .alerts()
        .search(&query)
        .unwrap()
        .map(|a| a.unwrap().id)
        .collect();
    assert_eq!(ids, ["A1", "A2", "A3"]);
    pages.iter().for_each(mockito::Mock::assert);
    // the tenant and the service URL were looked up once for both pages
    chain.iter().skip(1).take(2).for_each(mockito::Mock::assert);
    chain[4].assert();
}

#[test]
fn search_pages_until_a_short_page_not_the_total_and_resumes_from_a_cursor() {
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    let _p0 = post(
        &mut server,
        "/alerts/svc/api/v1/query-alerts",
        query_body(0, 2, json!([])),
    )
    .with_body(json!({"alerts": [summary("A1"), summary("A2")], "totalCount": 4}).to_string())
    .expect(1)
    .create();
    let p1 = post(
        &mut server,
        "/alerts/svc/api/v1/query-alerts",
        query_body(1, 2, json!([])),
    )
    .with_body(json!({"alerts": [summary("A3"), summary("A4")], "totalCount": 4}).to_string())
    .expect(2)
    .create();
    // security.md §0.4: paging stops on a page shorter than pgSize, never on totalCount (a
    // full last page costs one more, empty, request).
    let p2 = post(
        &mut server,
        "/alerts/svc/api/v1/query-alerts",
        query_body(2, 2, json!([])),
    )
    .with_body(json!({"alerts": [], "totalCount": 4}).to_string())
    .expect(1)
    .create();
    let (client, _) = test_client(&server);
    let query = AlertQuery::new().page_size(2);
    let mut pager = client.alerts().search(&query).unwrap();
    let first: Vec<String> = pager.by_ref().take(3).map(|a| a.unwrap().id).collect();
    assert_eq!(first, ["A1", "A2", "A3"]);
    let cursor = pager.cursor();
    let rest: Vec<String> = client
        .alerts()
        .search(&query)
        .unwrap()
        .resume(&cursor)
        .unwrap()
        .map(|a| a.unwrap().id)
        .collect();
    assert_eq!(rest, ["A4"]);
    p1.assert();
    p2.assert();
}

#[test]
fn search_page_sends_py42_129s_body_for_page_2_of_50() {
    // security.md §1.1: py42 1.29.1 search(query, page_num=2, page_size=50)
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    let expected: Value = serde_json::from_str(r#"{"tenantId": "TENANT-1", "groupClause": "AND", "groups": [{"filterClause": "AND", "filters": [{"operator": "IS", "term": "state", "value": "OPEN"}]}, {"filterClause": "OR", "filters": [{"operator": "IS", "term": "riskSeverity", "value": "HIGH"}, {"operator": "IS", "term": "riskSeverity", "value": "MODERATE"}]}, {"filterClause": "AND", "filters": [{"operator": "CONTAINS", "term": "actor", "value": "bob"}]}, {"filterClause": "AND", "filters": [{"operator": "ON_OR_AFTER", "term": "createdAt", "value": "2020-01-01T00:00:00.000000Z"}]}], "pgNum": 1, "pgSize": 50, "srtDirection": "desc", "srtKey": "CreatedAt"}"#).unwrap();
    let m = post(&mut server, "/alerts/svc/api/v1/query-alerts", expected)
        .with_body(json!({"alerts": [summary("A9")], "totalCount": 51, "problems": []}).to_string())
        .expect(1)
        .create();
    let (client, _) = test_client(&server);
    let query = AlertQuery::all([
        f::state().eq(AlertState::Open),
        f::risk_severity().is_in([RiskSeverity::High, RiskSeverity::Moderate]),
        f::actor().contains("bob"),
        f::date_observed().on_or_after(time::macros::datetime!(2020-01-01 0:00 UTC)),
    ])
    .page_size(50);
    let page = client.alerts().page(&query, 2).unwrap();
    assert_eq!(page.total_count, Some(51));
    let alert = &page.alerts.unwrap()[0];
    assert_eq!(alert.severity, Some(types::AlertSeverity::High));
    assert_eq!(alert.risk_severity, Some(RiskSeverity::Critical));
    assert_eq!(alert.rule_source, Some(types::RuleSource::Alerting));
    assert_eq!(
        alert.created_at.as_ref().map(|t| t.as_str()),
        Some("2020-04-03T15:21:44.6139300Z")
    );
    m.assert();
}

#[test]
fn details_are_batched_by_100_and_returned_in_the_order_asked() {
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    let ids: Vec<String> = (0..150).map(|i| format!("A{i:03}")).collect();
    let batch = |server: &mut Server, ids: &[String]| {
        // the service answers in its own order: reversed here
        let alerts: Vec<Value> = ids.iter().rev().map(|id| details(id)).collect();
        post(
            server,
            "/alerts/svc/api/v1/query-details",
            json!({"tenantId": TENANT, "alertIds": ids}),
        )
        .with_body(json!({"type$": "ALERT_DETAILS_RESPONSE", "alerts": alerts}).to_string())
        .expect(1)
        .create()
    };
    let first = batch(&mut server, &ids[..MAX_IDS_PER_REQUEST]);
    let second = batch(&mut server, &ids[MAX_IDS_PER_REQUEST..]);
    let (client, _) = test_client(&server);
    let mut asked = ids.clone();
    asked.push(ids[3].clone()); // a duplicate is asked once
    let got = client.alerts().details(&asked).unwrap();
    let got_ids: Vec<&str> = got.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(got_ids, ids.iter().map(String::as_str).collect::<Vec<_>>());
    first.assert();
    second.assert();

    let observation = &got[0].observations.as_ref().unwrap()[0];
    let activity = observation_data(observation.data.as_ref())
        .unwrap()
        .unwrap();
    assert_eq!(activity.file_count, Some(2));
    assert_eq!(activity.files.unwrap()[0].event_id.as_deref(), Some("E1"));
}

#[test]
fn details_for_a_query_sends_py42s_pages_of_25_then_their_details() {
    // security.md §1.1 A9: the first request py42 1.29.1 sends for get_all_alert_details
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    let search = post(
        &mut server,
        "/alerts/svc/api/v1/query-alerts",
        query_body(0, 25, open_group()),
    )
    .with_body(json!({"alerts": [summary("A1"), summary("A2")]}).to_string())
    .expect(1)
    .create();
    let details_mock = post(
        &mut server,
        "/alerts/svc/api/v1/query-details",
        json!({"tenantId": "TENANT-1", "alertIds": ["A1", "A2"]}),
    )
    .with_body(json!({"alerts": [details("A2"), details("A1")]}).to_string())
    .expect(1)
    .create();
    let (client, _) = test_client(&server);
    let query = AlertQuery::all([f::state().eq(AlertState::Open)]);
    let ids: Vec<String> = client
        .alerts()
        .details_for(&query)
        .unwrap()
        .map(|a| a.unwrap().id)
        .collect();
    assert_eq!(ids, ["A1", "A2"], "in the search's order");
    search.assert();
    details_mock.assert();
}

#[test]
fn resolve_reopen_and_set_state_send_update_state() {
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    let path = "/alerts/svc/api/v1/update-state";
    // py42 resolve(["A1"], reason="done"), byte for byte (security.md §1.1 A4)
    let resolve = post(
        &mut server,
        path,
        serde_json::from_str(
            r#"{"tenantId": "TENANT-1", "alertIds": ["A1"], "note": "done", "state": "RESOLVED"}"#,
        )
        .unwrap(),
    )
    .expect(1)
    .create();
    // without a note the key is left out (py42 sends null or ""), keeping the existing note
    let resolve_quiet = post(
        &mut server,
        path,
        json!({"tenantId": TENANT, "alertIds": ["A1"], "state": "RESOLVED"}),
    )
    .expect(1)
    .create();
    let reopen = post(
        &mut server,
        path,
        json!({"tenantId": TENANT, "alertIds": ["A1", "A2"], "note": "again", "state": "OPEN"}),
    )
    .expect(1)
    .create();
    let pending = post(
        &mut server,
        path,
        json!({"tenantId": TENANT, "alertIds": ["A1"], "state": "PENDING"}),
    )
    .expect(1)
    .create();
    let (client, _) = test_client(&server);
    let alerts = client.alerts();
    alerts.resolve(["A1"], Some("done")).unwrap();
    alerts.resolve(vec!["A1".to_owned()], None).unwrap();
    alerts.reopen(vec!["A1", "A2"], Some("again")).unwrap();
    alerts.set_state(AlertState::Pending, ["A1"], None).unwrap();
    for m in [resolve, resolve_quiet, reopen, pending] {
        m.assert();
    }
}

#[test]
fn more_than_100_ids_are_split_into_several_updates() {
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    let ids: Vec<String> = (0..250).map(|i| format!("A{i}")).collect();
    let mocks: Vec<_> = ids
        .chunks(100)
        .map(|chunk| {
            post(
                &mut server,
                "/alerts/svc/api/v1/update-state",
                json!({"tenantId": TENANT, "alertIds": chunk, "state": "IN_PROGRESS", "note": "n"}),
            )
            .expect(1)
            .create()
        })
        .collect();
    let (client, _) = test_client(&server);
    client
        .alerts()
        .set_state(AlertState::InProgress, &ids, Some("n"))
        .unwrap();
    assert_eq!(mocks.len(), 3);
    mocks.iter().for_each(mockito::Mock::assert);
}

#[test]
fn add_note_and_aggregate() {
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    let note = post(
        &mut server,
        "/alerts/svc/api/v1/add-note",
        serde_json::from_str(r#"{"tenantId": "TENANT-1", "alertId": "A1", "note": "my note"}"#)
            .unwrap(),
    )
    .expect(1)
    .create();
    let mut alert = summary("A1");
    alert["type$"] = json!("ALERT_DETAILS_AGGREGATE_V2");
    alert["observations"] = json!([{"type$": "OBSERVATION_AGGREGATE",
        "observedAt": "2021-08-09T15:00:00.0000000Z", "type": "FedEndpointExfiltration",
        "data": "{\"isRemoteActivity\":true,\"fileCount\":1}"}]);
    alert["riskSeveritySummary"] = json!([{"type$": "RISK_SEVERITY_SUMMARY", "severity": "CRITICAL",
        "numEvents": 1, "summarizedRiskIndicators": [{"name": "Zip", "numEvents": 1}]}]);
    alert["ffsUrlEndpoint"] = json!("https://console.example/ffs?alert=A1");
    let aggregate = post(
        &mut server,
        "/alerts/svc/api/v2/query-details-aggregate",
        json!({"alertId": "A1"}),
    )
    .with_body(
        json!({"type$": "ALERT_DETAILS_IN_AGGREGATE_V2_RESPONSE", "alert": alert}).to_string(),
    )
    .expect(1)
    .create();
    let (client, _) = test_client(&server);
    client.alerts().add_note("A1", "my note").unwrap();
    let got = client.alerts().aggregate("A1").unwrap();
    assert_eq!(
        got.ffs_url_endpoint.as_deref(),
        Some("https://console.example/ffs?alert=A1")
    );
    let observation = &got.observations.unwrap()[0];
    let data = observation_data(observation.data.as_ref())
        .unwrap()
        .unwrap();
    assert_eq!(data.is_remote_activity, Some(true));
    assert_eq!(
        got.risk_severity_summary.unwrap()[0].severity,
        Some(RiskSeverity::Critical)
    );
    note.assert();
    aggregate.assert();
}

#[test]
fn the_article_only_endpoints_run_through_execute() {
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    let resolve = post(
        &mut server,
        "/alerts/svc/api/v1/resolve-alert",
        json!({"tenantId": TENANT, "alertIds": ["A1", "A2"], "note": "This is an example note."}),
    )
    .expect(1)
    .create();
    let reopen = post(
        &mut server,
        "/alerts/svc/api/v1/reopen-alert",
        json!({"tenantId": TENANT, "alertIds": ["A1"]}),
    )
    .expect(1)
    .create();
    // the alerts article's v1 aggregate, with a single `observation`
    let mut alert = summary("A1");
    alert["observation"] =
        json!({"type$": "OBSERVATION_AGGREGATE", "type": "FedEndpointExfiltration", "data": "{}"});
    let v1 = post(
        &mut server,
        "/alerts/svc/api/v1/query-details-aggregate",
        json!({"alertId": "A1"}),
    )
    .with_body(json!({"type$": "ALERT_DETAILS_IN_AGGREGATE_RESPONSE", "alert": alert}).to_string())
    .expect(1)
    .create();
    let (client, _) = test_client(&server);
    let tenant = client.cached_tenant_id().unwrap();
    client
        .execute(&ops::ResolveAlerts::new(
            types::AlertIdsNoteRequest::new(vec!["A1".into(), "A2".into()], tenant.clone())
                .with_note("This is an example note."),
        ))
        .unwrap();
    client
        .execute(&ops::ReopenAlerts::new(types::AlertIdsNoteRequest::new(
            vec!["A1".into()],
            tenant,
        )))
        .unwrap();
    let got = client
        .execute(&ops::QueryAlertAggregateV1::new(
            types::AlertIdRequest::new("A1"),
        ))
        .unwrap();
    assert!(got.alert.observation.is_some());
    for m in [resolve, reopen, v1] {
        m.assert();
    }
}

#[test]
fn searches_are_retried_after_a_server_error_but_state_changes_are_not() {
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    let failing = server
        .mock("POST", "/alerts/svc/api/v1/query-alerts")
        .with_status(503)
        .expect(1)
        .create();
    let ok = post(
        &mut server,
        "/alerts/svc/api/v1/query-alerts",
        query_body(0, 500, json!([])),
    )
    .with_body(r#"{"alerts":[]}"#)
    .expect(1)
    .create();
    let update = server
        .mock("POST", "/alerts/svc/api/v1/update-state")
        .with_status(500)
        .with_body(r#"{"message":"boom"}"#)
        .expect(1)
        .create();
    let (client, _) = test_client(&server);
    assert_eq!(
        client.alerts().search(&AlertQuery::new()).unwrap().count(),
        0
    );
    let err = client.alerts().resolve(["A1"], None).unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::Server));
    for m in [failing, ok, update] {
        m.assert();
    }
}

#[test]
fn bad_input_is_rejected_before_any_request() {
    let server = Server::new(); // no mocks: any request would fail differently
    let (client, _) = test_client(&server);
    let alerts = client.alerts();
    let none: [&str; 0] = [];
    let argument = |r: Result<(), Error>| match r {
        Err(Error::InvalidInput { argument, .. }) => argument,
        other => panic!("{other:?}"),
    };
    assert_eq!(argument(alerts.resolve(none, None)), "alert_ids");
    assert_eq!(argument(alerts.reopen(["A1", ""], None)), "alert_ids");
    assert_eq!(argument(alerts.details(none).map(drop)), "alert_ids");
    assert_eq!(argument(alerts.add_note("A1", &"x".repeat(2000))), "note");
    assert_eq!(argument(alerts.add_note(" ", "n")), "alert_id");
    assert_eq!(argument(alerts.aggregate("").map(drop)), "alert_id");
    assert_eq!(
        argument(alerts.search(&AlertQuery::new().page_size(501)).map(drop)),
        "page_size"
    );
    assert_eq!(
        argument(
            alerts
                .page(
                    &AlertQuery::all([f::state().is_in([AlertState::Open; 0])]),
                    1
                )
                .map(drop)
        ),
        "values"
    );
}

#[test]
fn the_tenant_is_fetched_once_for_a_client_its_clones_and_its_threads() {
    let mut server = Server::new();
    let chain = security_mocks(&mut server);
    let (client, _) = test_client(&server);
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let client = client.clone();
            std::thread::spawn(move || client.cached_tenant_id().unwrap())
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), TENANT);
    }
    assert_eq!(client.clone().cached_tenant_id().unwrap(), TENANT);
    chain[4].assert();
}
