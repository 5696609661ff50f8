//! `client.alert_rules()` against the fake tenant: rule metadata, details by type and user
//! lists, with in-memory state.

use code42::alert_rules::RuleMetadata;
use code42::query::SortDirection;
use code42::query::rules::{self as r, RuleQuery, RuleType};
use code42::wire::fed_observer::types::UsersToAlertOn;
use code42::{ApiErrorKind, Client};
use code42_fake::FakeTenant;

fn client_for(tenant: &FakeTenant) -> Client {
    Client::builder(tenant.url())
        .local_account(tenant.username(), tenant.password())
        .env_lookup(|_| None)
        .no_rate_limit()
        .build()
        .unwrap()
}

fn id(rule: &RuleMetadata) -> String {
    rule.observer_rule_id.clone().unwrap()
}

/// The first seeded rule that `pick` accepts, with its id.
fn rule_where(tenant: &FakeTenant, pick: impl Fn(&RuleMetadata) -> bool) -> String {
    tenant
        .alert_rules()
        .iter()
        .find(|r| pick(r))
        .map(id)
        .unwrap()
}

#[test]
fn listing_searching_and_getting_rules() {
    let tenant = FakeTenant::start().unwrap();
    let client = client_for(&tenant);
    let rules = client.alert_rules();
    let mut expected = tenant.alert_rules();
    expected.sort_by(|a, b| b.created_at.cmp(&a.created_at));
    let all: Vec<RuleMetadata> = rules
        .search(&RuleQuery::new())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(all, expected, "newest first, as the default sort says");

    let paged: Vec<String> = rules
        .search(
            &RuleQuery::new()
                .sort("Name", SortDirection::Asc)
                .page_size(4),
        )
        .unwrap()
        .map(|r| r.unwrap().name.unwrap())
        .collect();
    let mut names: Vec<String> = expected.iter().filter_map(|r| r.name.clone()).collect();
    names.sort();
    assert_eq!(paged, names);
    let metadata_requests = tenant
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/rules/query-rule-metadata"))
        .count();
    assert_eq!(metadata_requests, 1 + 2, "one for list(), two pages of 4");

    let name = expected[2].name.clone().unwrap();
    let by_name: Vec<String> = rules
        .by_name(&name.to_uppercase())
        .unwrap()
        .map(|r| id(&r.unwrap()))
        .collect();
    assert_eq!(by_name, [id(&expected[2])], "names compare without case");
    assert_eq!(
        rules.get(&id(&expected[3])).unwrap().as_ref(),
        Some(&expected[3])
    );
    assert!(rules.get("no-such-rule").unwrap().is_none());

    let system: Vec<RuleMetadata> = rules
        .search(&RuleQuery::all([
            code42::query::FilterGroup::is_true("IsSystem"),
            r::rule_type().eq(RuleType::FedEndpointExfiltration),
        ]))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(system.len(), 1);
    assert_eq!(system[0].is_system, Some(true));
}

#[test]
fn rule_details_by_type() {
    let tenant = FakeTenant::start().unwrap();
    let client = client_for(&tenant);
    let rules = client.alert_rules();
    let of = |kind: RuleType| rule_where(&tenant, |r| r.type_.as_ref() == Some(&kind));
    let exfiltration = of(RuleType::FedEndpointExfiltration);
    let share = of(RuleType::FedCloudSharePermissions);
    let mismatch = of(RuleType::FedFileTypeMismatch);
    let got = rules.endpoint_exfiltration(&exfiltration).unwrap().unwrap();
    assert_eq!(got.id.as_deref(), Some(exfiltration.as_str()));
    assert!(got.file_activity_is.is_some());
    assert!(
        rules
            .cloud_share_permissions(&share)
            .unwrap()
            .unwrap()
            .watch_box
            .is_some()
    );
    assert!(rules.file_type_mismatch(&mismatch).unwrap().is_some());
    // a rule of another type is not found by the wrong query
    assert!(rules.file_type_mismatch(&exfiltration).unwrap().is_none());
}

#[test]
fn adding_and_removing_users_shows_in_the_rules_user_list() {
    let tenant = FakeTenant::start().unwrap();
    let client = client_for(&tenant);
    let rules = client.alert_rules();
    // an editable rule with a user list
    let rule = tenant
        .alert_rules()
        .into_iter()
        .find(|r| {
            r.is_system == Some(false)
                && rules.users(&id(r)).unwrap().users_to_alert_on
                    == Some(UsersToAlertOn::SpecifiedUsers)
        })
        .map(|r| id(&r))
        .unwrap();
    let user = &tenant.users()[7];
    let before = rules.users(&rule).unwrap().users.unwrap_or_default().len();

    rules
        .add_user(
            &rule,
            &user.user_uid,
            [user.username.as_str(), "dropbox:jdoe"],
        )
        .unwrap();
    let listed = rules.users(&rule).unwrap().users.unwrap();
    assert_eq!(listed.len(), before + 1);
    let added = listed
        .iter()
        .find(|u| u.user_id_from_authority.as_deref() == Some(user.user_uid.as_str()))
        .unwrap();
    assert_eq!(
        added.user_alias_list.as_deref().unwrap(),
        [user.username.clone(), "dropbox:jdoe".to_owned()]
    );
    assert_eq!(tenant.alert_rule_users(&rule).unwrap(), listed);
    // the rule-type details list the aliases too
    let details = rules.endpoint_exfiltration(&rule).unwrap().unwrap();
    let watched = details.file_belongs_to.unwrap().user_list.unwrap();
    assert!(watched.contains(&"dropbox:jdoe".to_owned()));

    rules
        .remove_user_aliases(&rule, &user.user_uid, ["dropbox:jdoe"])
        .unwrap();
    let aliases = |tenant: &FakeTenant| {
        tenant
            .alert_rule_users(&rule)
            .unwrap()
            .into_iter()
            .find(|u| u.user_id_from_authority.as_deref() == Some(user.user_uid.as_str()))
            .and_then(|u| u.user_alias_list)
    };
    assert_eq!(aliases(&tenant), Some(vec![user.username.clone()]));

    rules.remove_user(&rule, &user.user_uid).unwrap();
    assert_eq!(aliases(&tenant), None);
    assert_eq!(rules.users(&rule).unwrap().users.unwrap().len(), before);

    rules.remove_all_users(&rule).unwrap();
    assert!(rules.users(&rule).unwrap().users.unwrap().is_empty());
}

#[test]
fn system_rules_unknown_rules_and_all_user_rules_refuse_edits() {
    let tenant = FakeTenant::start().unwrap();
    let client = client_for(&tenant);
    let rules = client.alert_rules();
    let uid = tenant.users()[3].user_uid.clone();

    let system = rule_where(&tenant, |r| r.is_system == Some(true));
    let err = rules
        .add_user(&system, &uid, ["a@example.com"])
        .unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.kind(), ApiErrorKind::InvalidRuleOperation);
    assert!(api.message().contains(&system), "{}", api.message());
    let err = rules.remove_all_users(&system).unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::InvalidRuleOperation));

    let err = rules
        .add_user("no-such-rule", &uid, ["a@example.com"])
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::InvalidRule));
    let err = rules.users("no-such-rule").unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::InvalidRule));

    let everyone = tenant
        .alert_rules()
        .into_iter()
        .map(|r| id(&r))
        .find(|r| rules.users(r).unwrap().users_to_alert_on == Some(UsersToAlertOn::AllUsers))
        .unwrap();
    let err = rules
        .add_user(&everyone, &uid, ["a@example.com"])
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::BadRequest));
}
