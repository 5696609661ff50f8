//! The alert query DSL: bodies equal (as JSON values) what py42 1.11.1 and 1.29.1 send for the
//! same query (queries.md §7 and recordings of both versions), and snapshots of the rest.

use code42::Error;
use code42::query::alerts::{
    self as f, AlertQuery, AlertSeverity, AlertState, ObservationType, RiskSeverity, RuleSource,
};
use code42::query::rules::{self as r, RuleQuery, RuleType};
use code42::query::{
    Clause, Filter, FilterGroup, FilterValue, Operator, Query, SortDirection, TimePrecision,
};
use serde_json::{Value, json};
use time::macros::{date, datetime};

fn group(g: &FilterGroup) -> Value {
    serde_json::to_value(g).unwrap()
}

fn body(q: &AlertQuery) -> Value {
    serde_json::to_value(q).unwrap()
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// queries.md §7, "Groups printed by py42 1.29.1" (alert rows), plus the same groups recorded
/// from py42 1.11.1 where the two differ.
#[test]
fn groups_equal_py42_129_output() {
    let cases: Vec<(FilterGroup, &str)> = vec![
        (
            f::risk_severity().is_in([RiskSeverity::Low, RiskSeverity::High]),
            r#"{"filterClause": "OR", "filters": [{"operator": "IS", "term": "riskSeverity", "value": "HIGH"}, {"operator": "IS", "term": "riskSeverity", "value": "LOW"}]}"#,
        ),
        (
            f::risk_severity().is_in([RiskSeverity::High]),
            r#"{"filterClause": "AND", "filters": [{"operator": "IS", "term": "riskSeverity", "value": "HIGH"}]}"#,
        ),
        (
            f::risk_severity().not_in([RiskSeverity::Low, RiskSeverity::High]),
            r#"{"filterClause": "AND", "filters": [{"operator": "IS_NOT", "term": "riskSeverity", "value": "HIGH"}, {"operator": "IS_NOT", "term": "riskSeverity", "value": "LOW"}]}"#,
        ),
        (
            // py42's Severity.MEDIUM is an alias of MODERATE in 1.29.1
            f::risk_severity().eq(RiskSeverity::Moderate),
            r#"{"filterClause": "AND", "filters": [{"operator": "IS", "term": "riskSeverity", "value": "MODERATE"}]}"#,
        ),
        (
            f::description().not_contains("d"),
            r#"{"filterClause": "AND", "filters": [{"operator": "DOES_NOT_CONTAIN", "term": "description", "value": "d"}]}"#,
        ),
        (
            f::date_observed().in_range(
                datetime!(2020-01-01 00:00:00 UTC),
                datetime!(2020-01-31 23:59:59 UTC),
            ),
            r#"{"filterClause": "AND", "filters": [{"operator": "ON_OR_AFTER", "term": "createdAt", "value": "2020-01-01T00:00:00.000000Z"}, {"operator": "ON_OR_BEFORE", "term": "createdAt", "value": "2020-01-31T23:59:59.000000Z"}]}"#,
        ),
        (
            f::date_observed().on_same_day(date!(2020 - 05 - 17)),
            r#"{"filterClause": "AND", "filters": [{"operator": "ON_OR_AFTER", "term": "createdAt", "value": "2020-05-17T00:00:00.000000Z"}, {"operator": "ON_OR_BEFORE", "term": "createdAt", "value": "2020-05-17T23:59:59.000000Z"}]}"#,
        ),
        (
            f::date_observed().on_or_before(datetime!(2021-01-01 12:30:15.123456 UTC)),
            r#"{"filterClause": "AND", "filters": [{"operator": "ON_OR_BEFORE", "term": "createdAt", "value": "2021-01-01T12:30:15.123456Z"}]}"#,
        ),
        (
            // py42: DateObserved.on_or_after(1609459200.5), epoch seconds
            f::date_observed().on_or_after(
                time::OffsetDateTime::from_unix_timestamp_nanos(1_609_459_200_500_000_000).unwrap(),
            ),
            r#"{"filterClause": "AND", "filters": [{"operator": "ON_OR_AFTER", "term": "createdAt", "value": "2021-01-01T00:00:00.500000Z"}]}"#,
        ),
        (
            f::rule_source().eq(RuleSource::DepartingEmployee),
            r#"{"filterClause": "AND", "filters": [{"operator": "IS", "term": "ruleSource", "value": "Departing Employee"}]}"#,
        ),
        (
            f::rule_id().not_eq("R1"),
            r#"{"filterClause": "AND", "filters": [{"operator": "IS_NOT", "term": "ruleId", "value": "R1"}]}"#,
        ),
        (
            f::state().is_in([AlertState::Resolved, AlertState::Open, AlertState::Pending]),
            r#"{"filterClause": "OR", "filters": [{"operator": "IS", "term": "state", "value": "OPEN"}, {"operator": "IS", "term": "state", "value": "PENDING"}, {"operator": "IS", "term": "state", "value": "RESOLVED"}]}"#,
        ),
        (
            f::state().is_in(["HIGH", "HIGH"].map(AlertState::from)),
            r#"{"filterClause": "OR", "filters": [{"operator": "IS", "term": "state", "value": "HIGH"}]}"#,
        ),
        (
            f::state().not_in(["b", "a", "c", "a"].map(AlertState::from)),
            r#"{"filterClause": "AND", "filters": [{"operator": "IS_NOT", "term": "state", "value": "a"}, {"operator": "IS_NOT", "term": "state", "value": "b"}, {"operator": "IS_NOT", "term": "state", "value": "c"}]}"#,
        ),
        (
            // py42 1.29.1's dict form; its string form (and 1.11.1's wire) leaves these unescaped
            f::rule_name().eq("a\"b\\c"),
            r#"{"filterClause": "AND", "filters": [{"operator": "IS", "term": "name", "value": "a\"b\\c"}]}"#,
        ),
    ];
    for (built, py42) in cases {
        assert_eq!(group(&built), parse(py42), "{py42}");
    }
}

#[test]
fn groups_equal_py42_111_output() {
    let millis = f::date_observed().with_precision(TimePrecision::Millis);
    let cases: Vec<(FilterGroup, &str)> = vec![
        (
            f::severity().is_in([AlertSeverity::Low, AlertSeverity::High]),
            r#"{"filterClause": "OR", "filters": [{"operator": "IS", "term": "severity", "value": "HIGH"}, {"operator": "IS", "term": "severity", "value": "LOW"}]}"#,
        ),
        (
            f::severity().eq(AlertSeverity::Medium),
            r#"{"filterClause": "AND", "filters": [{"operator": "IS", "term": "severity", "value": "MEDIUM"}]}"#,
        ),
        (
            millis.in_range(
                datetime!(2020-01-01 00:00:00 UTC),
                datetime!(2020-01-31 23:59:59 UTC),
            ),
            r#"{"filterClause": "AND", "filters": [{"operator": "ON_OR_AFTER", "term": "createdAt", "value": "2020-01-01T00:00:00.000Z"}, {"operator": "ON_OR_BEFORE", "term": "createdAt", "value": "2020-01-31T23:59:59.000Z"}]}"#,
        ),
        (
            millis.on_or_before(datetime!(2021-01-01 12:30:15.123456 UTC)),
            r#"{"filterClause": "AND", "filters": [{"operator": "ON_OR_BEFORE", "term": "createdAt", "value": "2021-01-01T12:30:15.123Z"}]}"#,
        ),
        (
            millis.on_same_day(date!(2020 - 05 - 17)),
            r#"{"filterClause": "AND", "filters": [{"operator": "ON_OR_AFTER", "term": "createdAt", "value": "2020-05-17T00:00:00.000Z"}, {"operator": "ON_OR_BEFORE", "term": "createdAt", "value": "2020-05-17T23:59:59.000Z"}]}"#,
        ),
    ];
    for (built, py42) in cases {
        assert_eq!(group(&built), parse(py42), "{py42}");
    }
}

/// queries.md §7, whole body 1 (1.29.1 `search_all_pages` of an `any` query).
#[test]
fn any_query_equals_recorded_body_1() {
    let query = AlertQuery::any([
        f::rule_name().not_contains("x"),
        f::rule_type().not_in([
            ObservationType::FedEndpointExfiltration,
            ObservationType::FedFileTypeMismatch,
        ]),
    ])
    .tenant_id("TENANT-1");
    assert_eq!(
        body(&query),
        parse(
            r#"{"tenantId": "TENANT-1", "groupClause": "OR", "groups": [{"filterClause": "AND", "filters": [{"operator": "DOES_NOT_CONTAIN", "term": "name", "value": "x"}]}, {"filterClause": "AND", "filters": [{"operator": "IS_NOT", "term": "type", "value": "FedEndpointExfiltration"}, {"operator": "IS_NOT", "term": "type", "value": "FedFileTypeMismatch"}]}], "pgNum": 0, "pgSize": 500, "srtDirection": "desc", "srtKey": "CreatedAt"}"#
        )
    );
}

fn example_2(severity: FilterGroup, precision: TimePrecision) -> AlertQuery {
    AlertQuery::all([
        f::state().eq(AlertState::Open),
        severity,
        f::actor().contains("bob"),
        f::date_observed()
            .with_precision(precision)
            .on_or_after(time::OffsetDateTime::from_unix_timestamp(1_577_836_800).unwrap()),
    ])
    .tenant_id("TENANT-1")
}

/// queries.md §7, whole body 2, in both versions' forms.
#[test]
fn all_query_equals_recorded_body_2_in_both_versions() {
    let v111 = example_2(
        f::severity().is_in([AlertSeverity::High, AlertSeverity::Medium]),
        TimePrecision::Millis,
    );
    assert_eq!(
        body(&v111),
        parse(
            r#"{"tenantId": "TENANT-1", "groupClause": "AND", "groups": [{"filterClause": "AND", "filters": [{"operator": "IS", "term": "state", "value": "OPEN"}]}, {"filterClause": "OR", "filters": [{"operator": "IS", "term": "severity", "value": "HIGH"}, {"operator": "IS", "term": "severity", "value": "MEDIUM"}]}, {"filterClause": "AND", "filters": [{"operator": "CONTAINS", "term": "actor", "value": "bob"}]}, {"filterClause": "AND", "filters": [{"operator": "ON_OR_AFTER", "term": "createdAt", "value": "2020-01-01T00:00:00.000Z"}]}], "pgNum": 0, "pgSize": 500, "srtDirection": "desc", "srtKey": "CreatedAt"}"#
        )
    );
    // security.md §1.1: the 1.29.1 body of search(query, page_num=2, page_size=50)
    let v129 = example_2(
        f::risk_severity().is_in([RiskSeverity::High, RiskSeverity::Moderate]),
        TimePrecision::Micros,
    )
    .page_number(1)
    .page_size(50);
    assert_eq!(
        body(&v129),
        parse(
            r#"{"tenantId": "TENANT-1", "groupClause": "AND", "groups": [{"filterClause": "AND", "filters": [{"operator": "IS", "term": "state", "value": "OPEN"}]}, {"filterClause": "OR", "filters": [{"operator": "IS", "term": "riskSeverity", "value": "HIGH"}, {"operator": "IS", "term": "riskSeverity", "value": "MODERATE"}]}, {"filterClause": "AND", "filters": [{"operator": "CONTAINS", "term": "actor", "value": "bob"}]}, {"filterClause": "AND", "filters": [{"operator": "ON_OR_AFTER", "term": "createdAt", "value": "2020-01-01T00:00:00.000000Z"}]}], "pgNum": 1, "pgSize": 50, "srtDirection": "desc", "srtKey": "CreatedAt"}"#
        )
    );
}

#[test]
fn an_unsent_query_prints_as_py42_prints_it() {
    // py42: dict(AlertQuery()), and a query with custom sort and paging
    assert_eq!(
        body(&AlertQuery::new()),
        json!({"tenantId": null, "groupClause": "AND", "groups": [], "pgNum": 0, "pgSize": 500,
               "srtDirection": "desc", "srtKey": "CreatedAt"})
    );
    let custom = AlertQuery::all([f::state().eq(AlertState::Open)])
        .sort("AlertId", SortDirection::Asc)
        .page_size(10)
        .page_number(2);
    assert_eq!(
        body(&custom),
        json!({"tenantId": null, "groupClause": "AND", "groups": [{"filterClause": "AND",
               "filters": [{"operator": "IS", "term": "state", "value": "OPEN"}]}],
               "pgNum": 2, "pgSize": 10, "srtDirection": "asc", "srtKey": "AlertId"})
    );
}

#[test]
fn rule_queries_equal_py42_bodies() {
    // py42 get_page() / get_all_by_name("My Rule") / get_by_observer_id("RULE1") (both versions)
    let mut all = serde_json::to_value(RuleQuery::new()).unwrap();
    all["tenantId"] = json!("TENANT-1");
    assert_eq!(
        all,
        parse(
            r#"{"tenantId": "TENANT-1", "groups": [], "groupClause": "AND", "pgNum": 0, "pgSize": 500, "srtKey": "CreatedAt", "srtDirection": "DESC"}"#
        )
    );
    let by_name = serde_json::to_value(RuleQuery::all([r::name().eq("My Rule")])).unwrap();
    assert_eq!(
        by_name["groups"],
        parse(
            r#"[{"filterClause": "AND", "filters": [{"operator": "IS", "term": "Name", "value": "My Rule"}]}]"#
        )
    );
    let paged = serde_json::to_value(
        RuleQuery::new()
            .sort("Name", SortDirection::Asc)
            .page_number(2)
            .page_size(10),
    )
    .unwrap();
    assert_eq!(
        (
            &paged["pgNum"],
            &paged["pgSize"],
            &paged["srtKey"],
            &paged["srtDirection"]
        ),
        (&json!(2), &json!(10), &json!("Name"), &json!("ASC"))
    );
    let typed = r::rule_type().eq(RuleType::FedCloudSharePermissions);
    assert_eq!(
        group(&typed)["filters"][0]["value"],
        "FED_CLOUD_SHARE_PERMISSIONS"
    );
}

#[test]
fn raw_json_is_an_escape_hatch_that_round_trips() {
    let text = r#"{"tenantId": "T", "groupClause": "OR", "groups": [
        {"filterClause": "AND", "display": "ignored", "filters": [
            {"term": "state", "operator": "IS", "value": "OPEN"},
            {"term": "state", "operator": "IS", "value": "OPEN"},
            {"term": "actor", "operator": "STARTS_WITH", "value": "b"}]}],
        "pgSize": "20", "pgNum": "0", "srtKey": "CreatedAt", "srtDirection": "DESC"}"#;
    let query = AlertQuery::from_json(text).unwrap();
    assert_eq!(query.tenant(), Some("T"));
    insta::assert_json_snapshot!("raw_query_normalised", body(&query));
    let again = AlertQuery::from_json(&body(&query).to_string()).unwrap();
    assert_eq!(again, query);
    // serde too
    let via_serde: AlertQuery = serde_json::from_str(text).unwrap();
    assert_eq!(via_serde, query);

    for (bad, argument) in [
        (r#"{"groupClause": "AND"}"#, "query"),
        (r#"{"groups": [], "pgSize": "many"}"#, "page_size"),
        (
            r#"{"groups": [], "srtDirection": "sideways"}"#,
            "sort_direction",
        ),
        (
            r#"{"groups": [{"filterClause": "XOR", "filters": []}]}"#,
            "query",
        ),
    ] {
        match AlertQuery::from_json(bad) {
            Err(Error::InvalidInput { argument: a, .. }) => assert_eq!(a, argument, "{bad}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn quotes_and_backslashes_are_escaped_not_spliced() {
    let query = AlertQuery::all([
        f::actor().eq("evil\", \"term\":\"x"),
        f::description().contains("C:\\dir"),
    ]);
    let text = serde_json::to_string(&query).unwrap();
    let back: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        back["groups"][0]["filters"][0]["value"],
        "evil\", \"term\":\"x"
    );
    assert_eq!(back["groups"][0]["filters"][0]["term"], "actor");
    assert_eq!(back["groups"][1]["filters"][0]["value"], "C:\\dir");
}

#[test]
fn bad_input_names_the_argument() {
    let none: [&str; 0] = [];
    let cases = [
        (AlertQuery::all([f::actor().is_in(none)]), "values"),
        (AlertQuery::all([f::rule_id().not_in(none)]), "values"),
        (
            AlertQuery::all([f::date_observed().in_range(
                datetime!(2021-02-01 0:00 UTC),
                datetime!(2021-01-01 0:00 UTC),
            )]),
            "range",
        ),
        (AlertQuery::new().page_size(501), "page_size"),
        (AlertQuery::new().page_size(0), "page_size"),
        (AlertQuery::all([FilterGroup::eq("", "x")]), "term"),
        (
            AlertQuery::all([FilterGroup::all([Filter::new(
                "t",
                Operator::Other(String::new()),
                "x",
            )])]),
            "operator",
        ),
        (AlertQuery::new().sort(" ", SortDirection::Asc), "sort_key"),
    ];
    for (query, argument) in cases {
        match query.validate() {
            Err(Error::InvalidInput { argument: a, .. }) => assert_eq!(a, argument),
            other => panic!("{argument}: {other:?}"),
        }
    }
    assert!(AlertQuery::new().page_size(500).validate().is_ok());
}

#[test]
fn nested_groups_flatten_when_the_wire_can_hold_them() {
    let nested = FilterGroup::nest(
        Clause::Or,
        [
            f::state().is_in([AlertState::Open, AlertState::Pending]),
            f::actor().eq("bob"),
            FilterGroup::nest(Clause::Or, [f::actor().eq("alice"), f::actor().eq("bob")]),
        ],
    );
    assert!(nested.validate().is_ok());
    insta::assert_json_snapshot!("nested_or_group", group(&nested));

    let query = Query::any([nested, f::risk_severity().eq(RiskSeverity::Critical)])
        .sort("CreatedAt", SortDirection::Desc);
    let alert_query = AlertQuery::from_query(query).page_size(100);
    insta::assert_json_snapshot!("nested_any_query", body(&alert_query));

    let impossible = FilterGroup::nest(
        Clause::And,
        [
            f::actor().eq("bob"),
            f::state().is_in([AlertState::Open, AlertState::Pending]),
        ],
    );
    assert!(matches!(
        AlertQuery::all([impossible]).validate(),
        Err(Error::InvalidInput {
            argument: "groups",
            ..
        })
    ));
}

#[test]
fn every_alert_term_and_operator() {
    let t = datetime!(2022-03-04 05:06:07.891234 UTC);
    let groups = vec![
        f::actor().eq("a"),
        f::actor().not_eq("a"),
        f::actor().is_in(["a", "b"]),
        f::actor().not_in(["a", "b"]),
        f::actor().contains("a"),
        f::actor().not_contains("a"),
        f::description().contains("d"),
        f::rule_name().eq("n"),
        f::rule_id().is_in(["r2", "r1"]),
        f::rule_source().not_in([RuleSource::Alerting, RuleSource::HighRiskEmployee]),
        f::rule_type().eq(ObservationType::FedCloudSharePermissions),
        f::state().not_eq(AlertState::InProgress),
        f::severity().not_eq(AlertSeverity::Low),
        f::risk_severity().is_in([RiskSeverity::Critical, RiskSeverity::NoRiskIndicated]),
        f::date_observed().on_or_after(t),
        f::date_observed().on_or_before(t),
        f::date_observed().in_range(t, t),
        f::date_observed().on_same_day(t.date()),
        // any term, any operator (py42's create_* helpers)
        FilterGroup::exists("alertId"),
        FilterGroup::not_exists("alertId"),
        FilterGroup::greater_than("x", 5),
        FilterGroup::less_than("x", 7),
        FilterGroup::is_true("flag"),
        FilterGroup::is_false("flag"),
        FilterGroup::within_the_last("createdAt", "P30D"),
        FilterGroup::all([Filter::new(
            "t",
            Operator::from("STARTS_WITH"),
            FilterValue::from("v"),
        )]),
    ];
    let query = AlertQuery::all(groups).tenant_id("TENANT-1");
    assert!(query.validate().is_ok());
    insta::assert_json_snapshot!("every_alert_term", body(&query));
}
