//! `client.alert_rules()`: rule metadata on the alert service, rule details and user lists on
//! fed-observer; exact requests, paging, py42's error meanings, input checks.

mod alerting;
mod common;

use alerting::*;
use code42::query::SortDirection;
use code42::query::rules::RuleQuery;
use code42::wire::fed_observer::types::UsersToAlertOn;
use code42::{ApiErrorKind, Error};
use common::*;
use mockito::Server;
use serde_json::{Value, json};

const METADATA: &str = "/alerts/svc/api/v1/rules/query-rule-metadata";

fn rule(id: &str, system: bool, source: &str) -> Value {
    json!({"type$": "RULE_METADATA", "modifiedBy": "Code42", "modifiedAt": "2020-06-04T21:07:03.5417950Z",
           "name": format!("Rule {id}"), "description": "d", "severity": "HIGH", "isSystem": system,
           "isEnabled": true, "ruleSource": source, "tenantId": TENANT, "observerRuleId": id,
           "type": "FED_ENDPOINT_EXFILTRATION", "id": format!("internal-{id}"), "createdBy": "Code42",
           "createdAt": "2020-01-10T12:16:40.7765970Z"})
}

fn metadata_body(page: u32, size: u32, groups: Value) -> Value {
    json!({"tenantId": TENANT, "groups": groups, "groupClause": "AND", "pgNum": page,
           "pgSize": size, "srtKey": "CreatedAt", "srtDirection": "DESC"})
}

fn by_id_group(id: &str) -> Value {
    json!([{"filterClause": "AND", "filters": [{"operator": "IS", "term": "ObserverRuleId", "value": id}]}])
}

#[test]
fn list_sends_py42s_body_and_pages_from_0() {
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    // py42 get_all(): {"tenantId", "groups": [], "groupClause": "AND", "pgNum": 0, "pgSize": 500, ...}
    let expected: Value = serde_json::from_str(r#"{"tenantId": "TENANT-1", "groups": [], "groupClause": "AND", "pgNum": 0, "pgSize": 500, "srtKey": "CreatedAt", "srtDirection": "DESC"}"#).unwrap();
    let m = post(&mut server, METADATA, expected)
        .with_body(
            json!({"type$": "RULE_METADATA_SEARCH_RESPONSE", "ruleMetadata": [rule("R1", false, "Alerting"), rule("R2", true, "Departing Employee")],
                   "totalCount": 2, "problems": []})
            .to_string(),
        )
        .expect(1)
        .create();
    let (client, _) = test_client(&server);
    let rules: Vec<_> = client
        .alert_rules()
        .search(&RuleQuery::new())
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[1].is_system, Some(true));
    assert_eq!(
        rules[1].rule_source,
        Some(code42::wire::alerts::types::RuleSource::DepartingEmployee)
    );
    m.assert();
}

#[test]
fn search_page_by_name_and_get_by_id() {
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    // py42 get_page(sort_key="Name", sort_direction="ASC", page_num=3, page_size=10)
    let page = post(
        &mut server,
        METADATA,
        json!({"tenantId": TENANT, "groups": [], "groupClause": "AND", "pgNum": 2, "pgSize": 10,
               "srtKey": "Name", "srtDirection": "ASC"}),
    )
    .with_body(
        json!({"ruleMetadata": [rule("R1", false, "Alerting")], "totalCount": 21}).to_string(),
    )
    .expect(1)
    .create();
    // py42 get_all_by_name("My Rule")
    let by_name = post(
        &mut server,
        METADATA,
        metadata_body(
            0,
            500,
            json!([{"filterClause": "AND", "filters": [{"operator": "IS", "term": "Name", "value": "My Rule"}]}]),
        ),
    )
    .with_body(json!({"ruleMetadata": [rule("R7", false, "Alerting")]}).to_string())
    .expect(1)
    .create();
    // py42 get_by_observer_id("R1")
    let by_id = post(
        &mut server,
        METADATA,
        metadata_body(0, 500, by_id_group("R1")),
    )
    .with_body(
        json!({"ruleMetadata": [rule("R1", false, "Alerting")], "totalCount": 1}).to_string(),
    )
    .expect(1)
    .create();
    let missing = post(
        &mut server,
        METADATA,
        metadata_body(0, 500, by_id_group("nope")),
    )
    .with_body(json!({"ruleMetadata": [], "totalCount": 0}).to_string())
    .expect(1)
    .create();
    let (client, _) = test_client(&server);
    let rules = client.alert_rules();
    let query = RuleQuery::new()
        .sort("Name", SortDirection::Asc)
        .page_size(10);
    assert_eq!(rules.page(&query, 3).unwrap().total_count, Some(21));
    let named: Vec<_> = rules
        .by_name("My Rule")
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(named[0].observer_rule_id.as_deref(), Some("R7"));
    let one = rules.get("R1").unwrap().unwrap();
    assert_eq!(one.name.as_deref(), Some("Rule R1"));
    assert!(rules.get("nope").unwrap().is_none());
    for m in [page, by_name, by_id, missing] {
        m.assert();
    }
}

#[test]
fn rule_details_by_type_on_fed_observer() {
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    let common = json!({"tenantId": TENANT, "name": "Removable Media Exfiltration Rule",
        "severity": "LOW", "isEnabled": true, "ruleSource": "Alerting", "id": "R1", "isSystem": false,
        "fileBelongsTo": {"usersToAlertOn": "SPECIFIED_USERS", "userList": ["user1"]},
        "createdAt": "2020-02-18T01:00:45.006683Z"});
    let with = |extra: Value| {
        let mut rule = common.clone();
        if let (Some(rule), Some(extra)) = (rule.as_object_mut(), extra.as_object()) {
            rule.extend(extra.clone());
        }
        json!({"rules": [rule]}).to_string()
    };
    // py42 exfiltration.get / cloudshare.get / filetypemismatch.get: {"tenantId", "ruleIds": [id]}
    let body = json!({"tenantId": TENANT, "ruleIds": ["R1"]});
    let exfiltration = post(
        &mut server,
        "/fedobs/svc/api/v1/Rules/query-endpoint-exfiltration-rule",
        body.clone(),
    )
    .with_body(with(json!({"timeWindow": 60, "fileSizeAndCount": {"fileCountGreaterThan": 15, "operator": "AND"}})))
    .expect(1)
    .create();
    let cloud = post(
        &mut server,
        "/fedobs/svc/api/v1/Rules/query-cloud-share-permissions-rule",
        body.clone(),
    )
    .with_body(with(
        json!({"watchBox": {"publicViaLink": false, "outsideTrustedDomains": true}}),
    ))
    .expect(1)
    .create();
    let mismatch = post(
        &mut server,
        "/fedobs/svc/api/v1/Rules/query-file-type-mismatch-rule",
        body,
    )
    .with_body(json!({"rules": []}).to_string())
    .expect(1)
    .create();
    let (client, _) = test_client(&server);
    let rules = client.alert_rules();
    let exf = rules.endpoint_exfiltration("R1").unwrap().unwrap();
    assert_eq!(exf.time_window, Some(60));
    assert_eq!(
        exf.file_belongs_to.unwrap().users_to_alert_on,
        Some(UsersToAlertOn::SpecifiedUsers)
    );
    let share = rules.cloud_share_permissions("R1").unwrap().unwrap();
    assert_eq!(share.watch_box.unwrap().outside_trusted_domains, Some(true));
    assert!(rules.file_type_mismatch("R1").unwrap().is_none());
    for m in [exfiltration, cloud, mismatch] {
        m.assert();
    }
}

#[test]
fn user_list_calls_send_the_documented_bodies() {
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    let base = "/fedobs/svc/api/v1/Rules";
    // py42 add_user("RULE1", "UID1") once it found the aliases (security.md §1.4 R1)
    let add = post(
        &mut server,
        &format!("{base}/add-users"),
        serde_json::from_str(r#"{"tenantId": "TENANT-1", "ruleId": "RULE1", "userList": [{"userIdFromAuthority": "UID1", "userAliasList": ["alias1@x.com"]}]}"#).unwrap(),
    )
    .expect(1)
    .create();
    // py42 remove_user("RULE1", "UID1")
    let remove = post(
        &mut server,
        &format!("{base}/remove-users"),
        serde_json::from_str(
            r#"{"tenantId": "TENANT-1", "ruleId": "RULE1", "userIdList": ["UID1"]}"#,
        )
        .unwrap(),
    )
    .expect(1)
    .create();
    let remove_two = post(
        &mut server,
        &format!("{base}/remove-users"),
        json!({"tenantId": TENANT, "ruleId": "RULE1", "userIdList": ["U2", "U3"]}),
    )
    .expect(1)
    .create();
    // py42 remove_all_users("RULE1")
    let remove_all = post(
        &mut server,
        &format!("{base}/remove-all-users"),
        serde_json::from_str(r#"{"tenantId": "TENANT-1", "ruleId": "RULE1"}"#).unwrap(),
    )
    .expect(1)
    .create();
    // alerts article: remove-user-aliases and query-users
    let aliases = post(
        &mut server,
        &format!("{base}/remove-user-aliases"),
        json!({"tenantId": TENANT, "ruleId": "RULE1", "userList": [{"userIdFromAuthority": "UID1", "userAliasList": ["a@x.com", "b@x.com"]}]}),
    )
    .expect(1)
    .create();
    let users = post(
        &mut server,
        &format!("{base}/query-users"),
        json!({"tenantId": TENANT, "ruleId": "RULE1"}),
    )
    .with_body(
        json!({"type$": "USERS_IN_RULE_RESPONSE", "users": [{"type$": "USER_BAG",
               "userIdFromAuthority": "947210378478595410",
               "userAliasList": ["SCassidy", "sean.cassidy@example.com"]}],
               "usersToAlertOn": "SPECIFIED_USERS"})
        .to_string(),
    )
    .expect(1)
    .create();
    let (client, _) = test_client(&server);
    let rules = client.alert_rules();
    rules.add_user("RULE1", "UID1", ["alias1@x.com"]).unwrap();
    rules.remove_user("RULE1", "UID1").unwrap();
    rules.remove_users("RULE1", ["U2", "U3"]).unwrap();
    rules.remove_all_users("RULE1").unwrap();
    rules
        .remove_user_aliases("RULE1", "UID1", ["a@x.com", "b@x.com"])
        .unwrap();
    let list = rules.users("RULE1").unwrap();
    assert_eq!(list.users_to_alert_on, Some(UsersToAlertOn::SpecifiedUsers));
    let user = &list.users.unwrap()[0];
    assert_eq!(user.user_alias_list.as_ref().map(Vec::len), Some(2));
    for m in [add, remove, remove_two, remove_all, aliases, users] {
        m.assert();
    }
}

#[test]
fn a_404_means_no_such_rule() {
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    let m = server
        .mock("POST", "/fedobs/svc/api/v1/Rules/add-users")
        .with_status(404)
        .with_body("{}")
        .expect(1)
        .create();
    let (client, _) = test_client(&server);
    let err = client
        .alert_rules()
        .add_user("NOPE", "UID1", ["a@x.com"])
        .unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.kind(), ApiErrorKind::InvalidRule);
    assert_eq!(api.kind().base(), ApiErrorKind::NotFound);
    assert_eq!(api.status(), 404);
    assert!(api.message().contains("NOPE"), "{}", api.message());
    m.assert();
}

#[test]
fn a_server_error_on_a_system_rule_says_system_rules_cannot_be_edited() {
    let mut server = Server::new();
    let _chain = security_mocks(&mut server);
    // py42 sends failed POSTs twice; this SDK sends a non-idempotent edit once
    let edit = server
        .mock("POST", "/fedobs/svc/api/v1/Rules/remove-users")
        .with_status(500)
        .with_body(r#"{"message":"internal"}"#)
        .expect(2)
        .create();
    let lookup_system = post(
        &mut server,
        METADATA,
        metadata_body(0, 500, by_id_group("SYS")),
    )
    .with_body(json!({"ruleMetadata": [rule("SYS", true, "Departing Employee")]}).to_string())
    .expect(1)
    .create();
    let lookup_plain = post(
        &mut server,
        METADATA,
        metadata_body(0, 500, by_id_group("PLAIN")),
    )
    .with_body(json!({"ruleMetadata": [rule("PLAIN", false, "Alerting")]}).to_string())
    .expect(1)
    .create();
    let (client, _) = test_client(&server);
    let err = client.alert_rules().remove_user("SYS", "UID1").unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.kind(), ApiErrorKind::InvalidRuleOperation);
    assert_eq!(api.status(), 500);
    assert_eq!(
        api.message(),
        "Only alert rules with a source of 'Alerting' can be targeted by this command. \
         Rule SYS has a source of 'Departing Employee'."
    );
    let err = client
        .alert_rules()
        .remove_user("PLAIN", "UID1")
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::Server));
    assert_eq!(err.api().map(|e| e.message()), Some("internal"));
    for m in [edit, lookup_system, lookup_plain] {
        m.assert();
    }
}

#[test]
fn bad_input_is_rejected_before_any_request() {
    let server = Server::new();
    let (client, _) = test_client(&server);
    let rules = client.alert_rules();
    let none: [&str; 0] = [];
    let argument = |r: Result<(), Error>| match r {
        Err(Error::InvalidInput { argument, .. }) => argument,
        other => panic!("{other:?}"),
    };
    assert_eq!(argument(rules.add_user("", "U", ["a"])), "rule_id");
    assert_eq!(argument(rules.add_user("R", " ", ["a"])), "user_id");
    assert_eq!(argument(rules.add_user("R", "U", [""])), "aliases");
    assert_eq!(
        argument(rules.remove_user_aliases("R", "U", none)),
        "aliases"
    );
    assert_eq!(argument(rules.remove_users("R", none)), "user_ids");
    assert_eq!(argument(rules.remove_all_users(" ")), "rule_id");
    assert_eq!(argument(rules.users("").map(drop)), "rule_id");
    assert_eq!(argument(rules.get("").map(drop)), "rule_id");
    assert_eq!(argument(rules.by_name("").map(drop)), "name");
    assert_eq!(
        argument(rules.endpoint_exfiltration("").map(drop)),
        "rule_id"
    );
    assert_eq!(
        argument(rules.search(&RuleQuery::new().page_size(0)).map(drop)),
        "page_size"
    );
}
