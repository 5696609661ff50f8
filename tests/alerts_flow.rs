//! `client.alerts()` against the fake tenant: whole flows over real HTTP with in-memory state.

use code42::alerts::{AlertDetails, AlertState, observation_data};
use code42::query::alerts::{self as f, AlertQuery, RiskSeverity};
use code42::query::{FilterGroup, SortDirection};
use code42::wire::alerts::{ops, types};
use code42::{ApiErrorKind, Client, Error};
use code42_fake::FakeTenant;

fn client_for(tenant: &FakeTenant) -> Client {
    Client::builder(tenant.url())
        .local_account(tenant.username(), tenant.password())
        .env_lookup(|_| None)
        .no_rate_limit()
        .build()
        .unwrap()
}

fn searches(tenant: &FakeTenant) -> usize {
    tenant
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/svc/api/v1/query-alerts"))
        .count()
}

/// The tenant's alerts, newest first, as a search orders them.
fn newest_first(mut alerts: Vec<AlertDetails>) -> Vec<AlertDetails> {
    alerts.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    alerts
}

#[test]
fn search_pages_through_every_alert_newest_first() {
    let tenant = FakeTenant::builder().alerts(45).start().unwrap();
    let client = client_for(&tenant);
    let ids: Vec<String> = client
        .alerts()
        .search(&AlertQuery::new().page_size(20))
        .unwrap()
        .map(|a| a.unwrap().id)
        .collect();
    let expected: Vec<String> = newest_first(tenant.alerts())
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids, expected);
    assert_eq!(searches(&tenant), 3, "pages 0, 1 and the short page 2");
    let bodies: Vec<serde_json::Value> = tenant
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/query-alerts"))
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect();
    let pages: Vec<&serde_json::Value> = bodies.iter().map(|b| &b["pgNum"]).collect();
    assert_eq!(pages, [0, 1, 2]);
    assert!(bodies.iter().all(|b| b["tenantId"] == tenant.tenant_uid()));
}

#[test]
fn filters_on_the_common_terms_match_the_tenants_data() {
    let tenant = FakeTenant::start().unwrap();
    let client = client_for(&tenant);
    let all = tenant.alerts();
    let actor = all[0].actor.clone().unwrap();
    let fragment = &actor[..4];
    let since = all
        .iter()
        .filter_map(|a| a.created_at.as_ref())
        .min()
        .map(|t| t.instant() + time::Duration::days(30))
        .unwrap();
    let query = AlertQuery::all([
        f::state().is_in([AlertState::Open, AlertState::Pending]),
        f::risk_severity().not_eq(RiskSeverity::Low),
        f::actor().contains(fragment.to_uppercase()),
        f::date_observed().on_or_after(since),
    ])
    .sort("CreatedAt", SortDirection::Asc);
    let got: Vec<String> = client
        .alerts()
        .search(&query)
        .unwrap()
        .map(|a| a.unwrap().id)
        .collect();
    let mut expected: Vec<&AlertDetails> = all
        .iter()
        .filter(|a| matches!(a.state, Some(AlertState::Open | AlertState::Pending)))
        .filter(|a| a.risk_severity != Some(RiskSeverity::Low))
        .filter(|a| {
            a.actor
                .as_deref()
                .is_some_and(|x| x.to_lowercase().contains(&fragment.to_lowercase()))
        })
        .filter(|a| a.created_at.as_ref().is_some_and(|t| t.instant() >= since))
        .collect();
    expected.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    assert_eq!(
        got,
        expected.iter().map(|a| a.id.clone()).collect::<Vec<_>>()
    );
    assert!(!got.is_empty(), "the seeded data has matches");

    // py42's RuleType filter (observation-type spelling) and an `any` query
    let rule_type = AlertQuery::any([
        f::rule_type().eq(types::ObservationType::FedFileTypeMismatch),
        f::rule_name().eq("no such rule"),
    ]);
    let mismatches = client.alerts().search(&rule_type).unwrap().count();
    assert_eq!(
        mismatches,
        all.iter()
            .filter(|a| a.type_ == Some(types::RuleType::FedFileTypeMismatch))
            .count()
    );

    // an unknown term is the fake's 400, not silently ignored
    let err = client
        .alerts()
        .page(&AlertQuery::all([FilterGroup::eq("noSuchTerm", "x")]), 1)
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::BadRequest));
}

#[test]
fn resolving_an_alert_changes_later_searches_and_keeps_the_note() {
    let tenant = FakeTenant::start().unwrap();
    let client = client_for(&tenant);
    let open = AlertQuery::all([f::state().eq(AlertState::Open)]);
    let before: Vec<String> = client
        .alerts()
        .search(&open)
        .unwrap()
        .map(|a| a.unwrap().id)
        .collect();
    let target = before[0].clone();
    client
        .alerts()
        .resolve([&target], Some("false positive: backup job"))
        .unwrap();
    let after: Vec<String> = client
        .alerts()
        .search(&open)
        .unwrap()
        .map(|a| a.unwrap().id)
        .collect();
    assert_eq!(after.len(), before.len() - 1);
    assert!(!after.contains(&target));
    let resolved = client
        .alerts()
        .search(&AlertQuery::all([
            f::state().eq(AlertState::Resolved),
            FilterGroup::eq("id", target.as_str()),
        ]))
        .unwrap()
        .count();
    assert_eq!(resolved, 1);

    let details = client.alerts().details([&target]).unwrap();
    let alert = &details[0];
    assert_eq!(alert.state, Some(AlertState::Resolved));
    assert_eq!(
        alert.note.as_ref().and_then(|n| n.message.as_deref()),
        Some("false positive: backup job")
    );
    assert_eq!(
        alert.state_last_modified_by.as_deref(),
        Some(tenant.username())
    );

    // reopening without a note keeps it; a new note replaces it
    client.alerts().reopen([&target], None).unwrap();
    client
        .alerts()
        .add_note(&target, "reopened for review")
        .unwrap();
    let alert = tenant
        .alerts()
        .into_iter()
        .find(|a| a.id == target)
        .unwrap();
    assert_eq!(alert.state, Some(AlertState::Open));
    assert_eq!(
        alert.note.and_then(|n| n.message),
        Some("reopened for review".to_owned())
    );
}

#[test]
fn details_of_many_ids_come_in_batches_of_100_in_the_order_asked() {
    let tenant = FakeTenant::builder().alerts(230).start().unwrap();
    let client = client_for(&tenant);
    let mut ids: Vec<String> = tenant.alerts().into_iter().map(|a| a.id).collect();
    ids.reverse();
    let got: Vec<String> = client
        .alerts()
        .details(&ids)
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(got, ids);
    let batches: Vec<usize> = tenant
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/query-details"))
        .map(|r| {
            let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
            body["alertIds"].as_array().map_or(0, Vec::len)
        })
        .collect();
    assert_eq!(batches, [100, 100, 30]);

    // the service's limit is real: 101 ids in one request are refused
    let tenant_id = client.cached_tenant_id().unwrap();
    let err = client
        .execute(&ops::QueryAlertDetails::new(types::AlertIdsRequest::new(
            ids[..101].to_vec(),
            tenant_id,
        )))
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::BadRequest));

    // state changes of 230 alerts go out in three requests too
    client
        .alerts()
        .set_state(AlertState::InProgress, &ids, None)
        .unwrap();
    assert!(
        tenant
            .alerts()
            .iter()
            .all(|a| a.state == Some(AlertState::InProgress))
    );
}

#[test]
fn details_for_a_query_and_decoded_observations() {
    let tenant = FakeTenant::start().unwrap();
    let client = client_for(&tenant);
    let query = AlertQuery::all([f::risk_severity().eq(RiskSeverity::Critical)]);
    let summaries: Vec<String> = client
        .alerts()
        .search(&query)
        .unwrap()
        .map(|a| a.unwrap().id)
        .collect();
    let details: Vec<AlertDetails> = client
        .alerts()
        .details_for(&query)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        details.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
        summaries
    );
    for alert in &details {
        for observation in alert.observations.as_deref().unwrap_or_default() {
            let activity = observation_data(observation.data.as_ref())
                .unwrap()
                .unwrap();
            assert_eq!(
                activity.file_count,
                activity.files.as_ref().map(|f| f.len() as i64)
            );
        }
    }

    let aggregate = client.alerts().aggregate(&summaries[0]).unwrap();
    assert_eq!(aggregate.id, summaries[0]);
    let merged = &aggregate.observations.unwrap()[0];
    let activity = observation_data(merged.data.as_ref()).unwrap().unwrap();
    assert_eq!(activity.file_count, aggregate.file_count);
    assert!(
        aggregate
            .ffs_url_endpoint
            .unwrap()
            .starts_with(&tenant.url())
    );
}

#[test]
fn unknown_alerts_and_long_notes_are_refused() {
    let tenant = FakeTenant::start().unwrap();
    let client = client_for(&tenant);
    let err = client.alerts().aggregate("no-such-alert").unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::NotFound));
    let err = client
        .alerts()
        .resolve(["no-such-alert"], None)
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::NotFound));
    // the SDK refuses a 2000-character note before sending; the fake would too
    let id = tenant.alerts()[0].id.clone();
    let before = tenant.requests().len();
    assert!(matches!(
        client.alerts().add_note(&id, &"x".repeat(2000)),
        Err(Error::InvalidInput {
            argument: "note",
            ..
        })
    ));
    assert_eq!(tenant.requests().len(), before);
}
