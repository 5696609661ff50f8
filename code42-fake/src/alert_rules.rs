//! Alert rules: the rule-metadata search on the alert service
//! (`/svc/api/v1/rules/query-rule-metadata`, mounted by [`super::alerts`]) and fed-observer's
//! routes (`FedObserver-API_URL`, mounted under `/svc/fedobserver-api_url`): rule details by
//! type and the rules' user lists.
//!
//! Follows `shared/reference/security.md` §1.4–1.5 and the alerts article: pages from 0 with at
//! most 500 rules; `Name` compared without regard to case; users cannot be added to or removed
//! from a rule that watches all users (400) or a system rule (500, which py42 then explains by
//! looking the rule up); an unknown rule is a 404 (py42's `Py42InvalidRuleError`). Error bodies
//! the real service sends are not recorded: the fake answers `{"message": …}`.

use time::OffsetDateTime;

use super::filter::{self, Field};
use super::http::{Access, Ctx, Reply, Route};
use super::seed::SplitMix64;
use code42::Timestamp;
use code42::query::Clause;
use code42::wire::alerts::types::{
    AlertSeverity, GroupClause, QueryRequest, RuleMetadata, RuleMetadataResponse, RuleSource,
    RuleType,
};
use code42::wire::authority::types::User;
use code42::wire::fed_observer::types as fed;

/// Most rules a metadata page holds.
pub(crate) const MAX_PAGE_SIZE: i64 = 500;

/// A rule: its metadata, whom it watches and its user list.
#[derive(Clone, Debug)]
pub(crate) struct FakeRule {
    /// As the metadata search returns it.
    pub metadata: RuleMetadata,
    /// Whom the rule watches.
    pub users_to_alert_on: fed::UsersToAlertOn,
    /// The inclusion or exclusion list.
    pub users: Vec<fed::RuleUser>,
}

/// Every rule, in creation order.
#[derive(Clone, Debug, Default)]
pub(crate) struct RuleStore {
    rules: Vec<FakeRule>,
}

impl RuleStore {
    /// A store holding `rules`.
    pub fn new(rules: Vec<FakeRule>) -> RuleStore {
        RuleStore { rules }
    }

    /// Every rule's metadata, in creation order.
    pub fn metadata(&self) -> Vec<RuleMetadata> {
        self.rules.iter().map(|r| r.metadata.clone()).collect()
    }

    /// The rule with this `observerRuleId`.
    pub fn get(&self, rule_id: &str) -> Option<&FakeRule> {
        self.rules
            .iter()
            .find(|r| r.metadata.observer_rule_id.as_deref() == Some(rule_id))
    }

    fn get_mut(&mut self, rule_id: &str) -> Option<&mut FakeRule> {
        self.rules
            .iter_mut()
            .find(|r| r.metadata.observer_rule_id.as_deref() == Some(rule_id))
    }

    /// A rule's user list.
    pub fn users(&self, rule_id: &str) -> Option<Vec<fed::RuleUser>> {
        self.get(rule_id).map(|r| r.users.clone())
    }
}

/// The seeded rules: fixed names and kinds, ids and user lists drawn from `seed`.
const RULES: &[(
    &str,
    &str,
    RuleType,
    AlertSeverity,
    RuleSource,
    Audience,
    bool,
)] = &[
    (
        "Exposure on an endpoint",
        "This default rule alerts you when departing employees move data from an endpoint.",
        RuleType::FedEndpointExfiltration,
        AlertSeverity::High,
        RuleSource::DepartingEmployee,
        Audience::Specified,
        true,
    ),
    (
        "Cloud share permissions changes",
        "This default rule alerts you when high risk employees share files publicly.",
        RuleType::FedCloudSharePermissions,
        AlertSeverity::Medium,
        RuleSource::HighRiskEmployee,
        Audience::Specified,
        true,
    ),
    (
        "Removable media exfiltration",
        "Files copied to USB drives by the engineering team.",
        RuleType::FedEndpointExfiltration,
        AlertSeverity::High,
        RuleSource::Alerting,
        Audience::Specified,
        false,
    ),
    (
        "Public links to sensitive files",
        "Files shared by public link from corporate cloud storage.",
        RuleType::FedCloudSharePermissions,
        AlertSeverity::Medium,
        RuleSource::Alerting,
        Audience::All,
        false,
    ),
    (
        "Suspicious file mismatch",
        "Files whose extension does not match their content.",
        RuleType::FedFileTypeMismatch,
        AlertSeverity::Low,
        RuleSource::Alerting,
        Audience::AllExcept,
        false,
    ),
    (
        "Source code to personal cloud",
        "Source code synced to personal cloud services.",
        RuleType::FedEndpointExfiltration,
        AlertSeverity::High,
        RuleSource::Alerting,
        Audience::Specified,
        false,
    ),
];

#[derive(Clone, Copy, Debug)]
enum Audience {
    All,
    Specified,
    AllExcept,
}

/// 2022-01-01T00:00:00Z: when the seeded rules were created.
const RULES_CREATED: i64 = 1_640_995_200;

/// The seeded rules, drawn from `seed`; user lists hold some of `users` (never the first, the
/// local account).
pub(crate) fn seed(seed: u64, tenant_uid: &str, users: &[User]) -> Vec<FakeRule> {
    let mut rng = SplitMix64::new(seed ^ 0x005E_ED0A_1E27_u64);
    let others = users.get(1..).unwrap_or_default();
    RULES
        .iter()
        .enumerate()
        .map(
            |(i, (name, description, kind, severity, source, audience, system))| {
                let created = RULES_CREATED + i as i64 * 86_400 * 17;
                let modified = created + rng.below(86_400 * 60) as i64;
                let by = if *system {
                    "Code42"
                } else {
                    "admin@example.com"
                };
                let users_to_alert_on = match audience {
                    Audience::All => fed::UsersToAlertOn::AllUsers,
                    Audience::Specified => fed::UsersToAlertOn::SpecifiedUsers,
                    Audience::AllExcept => fed::UsersToAlertOn::AllUsersNotSpecified,
                };
                let listed = match audience {
                    Audience::All => 0,
                    _ => 1 + rng.below(3),
                };
                let mut list: Vec<fed::RuleUser> = Vec::new();
                for _ in 0..listed {
                    let Some(user) = rng.pick(others) else {
                        continue;
                    };
                    let listed_already = list
                        .iter()
                        .any(|u| u.user_id_from_authority.as_deref() == Some(&user.user_uid));
                    if !listed_already {
                        list.push(rule_user(&user.user_uid, vec![user.username.clone()]));
                    }
                }
                FakeRule {
                    metadata: {
                        let f_created_at = seven_digits(created, rng.below(10_000_000));
                        let f_created_by = Some(by.to_owned());
                        let f_description = Some((*description).to_owned());
                        let f_id = Some(uuid(&mut rng));
                        let f_is_enabled = Some(i != RULES.len() - 1);
                        let f_is_system = Some(*system);
                        let f_modified_at = seven_digits(modified, rng.below(10_000_000));
                        let f_modified_by = Some(by.to_owned());
                        let f_name = Some((*name).to_owned());
                        let f_observer_rule_id = Some(uuid(&mut rng));
                        let f_rule_source = Some(source.clone());
                        let f_severity = Some(severity.clone());
                        let f_tenant_id = Some(tenant_uid.to_owned());
                        let f_type_ = Some(kind.clone());
                        let f_type_dollar = Some("RULE_METADATA".to_owned());
                        let mut v = RuleMetadata::new();
                        v.created_at = f_created_at;
                        v.created_by = f_created_by;
                        v.description = f_description;
                        v.id = f_id;
                        v.is_enabled = f_is_enabled;
                        v.is_system = f_is_system;
                        v.modified_at = f_modified_at;
                        v.modified_by = f_modified_by;
                        v.name = f_name;
                        v.observer_rule_id = f_observer_rule_id;
                        v.rule_source = f_rule_source;
                        v.severity = f_severity;
                        v.tenant_id = f_tenant_id;
                        v.type_ = f_type_;
                        v.type_dollar = f_type_dollar;
                        v
                    },
                    users_to_alert_on,
                    users: list,
                }
            },
        )
        .collect()
}

fn rule_user(user_id: &str, aliases: Vec<String>) -> fed::RuleUser {
    fed::RuleUser::new()
        .with_type("USER_BAG".to_owned())
        .with_user_alias_list(aliases)
        .with_user_id_from_authority(user_id.to_owned())
}

/// A UUID-shaped id drawn from `rng`.
pub(crate) fn uuid(rng: &mut SplitMix64) -> String {
    let (a, b) = (rng.next_u64(), rng.next_u64());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFF,
        0x8000 | (b >> 48) & 0x3FFF,
        b & 0xFFFF_FFFF_FFFF
    )
}

/// RFC 3339 with seven fractional digits, UTC, as the alert services write:
/// `2020-04-03T15:21:44.6139300Z`.
pub(crate) fn seven_digits(unix_seconds: i64, ticks: u64) -> Option<Timestamp> {
    let t = OffsetDateTime::from_unix_timestamp(unix_seconds).ok()?;
    Timestamp::utc(
        t + time::Duration::nanoseconds((ticks % 10_000_000) as i64 * 100),
        7,
    )
    .ok()
}

/// Now, with seven fractional digits.
pub(crate) fn now() -> Option<Timestamp> {
    let t = OffsetDateTime::now_utc();
    seven_digits(t.unix_timestamp(), u64::from(t.nanosecond() / 100))
}

/// `{"message": …}` with `status`.
pub(crate) fn message(status: u16, text: &str) -> Reply {
    Reply::json(status, &serde_json::json!({ "message": text }))
}

/// The request's JSON body as `T`, or a 400.
pub(crate) fn body<T: serde::de::DeserializeOwned>(ctx: &Ctx<'_>) -> Result<T, Reply> {
    serde_json::from_slice(&ctx.req.body)
        .map_err(|e| message(400, &format!("The request body is invalid: {e}")))
}

/// The tenant id in a body must be the tenant's.
pub(crate) fn check_tenant(ctx: &Ctx<'_>, tenant_id: &str) -> Result<(), Reply> {
    if tenant_id == ctx.tenant.config.tenant_uid {
        Ok(())
    } else {
        Err(message(403, &format!("Tenant {tenant_id} is not yours")))
    }
}

/// The query's clause, as the SDK's type.
pub(crate) fn clause(clause: &GroupClause) -> Result<Clause, Reply> {
    match clause {
        GroupClause::And => Ok(Clause::And),
        GroupClause::Or => Ok(Clause::Or),
        other => Err(message(400, &format!("Unknown groupClause {other}"))),
    }
}

/// Whether `srtDirection` asks for descending order.
pub(crate) fn descending(direction: &str) -> Result<bool, Reply> {
    match direction.to_ascii_lowercase().as_str() {
        "desc" => Ok(true),
        "asc" => Ok(false),
        _ => Err(message(
            400,
            &format!("srtDirection must be asc or desc, not {direction}"),
        )),
    }
}

/// The routes on the alert service.
pub(crate) fn metadata_routes() -> Vec<Route> {
    vec![Route::post(
        "/svc/api/v1/rules/query-rule-metadata",
        Access::Bearer,
        query_metadata,
    )]
}

/// Fed-observer's routes.
pub(crate) fn routes() -> Vec<Route> {
    vec![
        Route::post("/svc/api/v1/Rules/add-users", Access::Bearer, add_users),
        Route::post(
            "/svc/api/v1/Rules/remove-users",
            Access::Bearer,
            remove_users,
        ),
        Route::post(
            "/svc/api/v1/Rules/remove-user-aliases",
            Access::Bearer,
            remove_user_aliases,
        ),
        Route::post(
            "/svc/api/v1/Rules/remove-all-users",
            Access::Bearer,
            remove_all_users,
        ),
        Route::post("/svc/api/v1/Rules/query-users", Access::Bearer, query_users),
        Route::post(
            "/svc/api/v1/Rules/query-endpoint-exfiltration-rule",
            Access::Bearer,
            query_exfiltration,
        ),
        Route::post(
            "/svc/api/v1/Rules/query-cloud-share-permissions-rule",
            Access::Bearer,
            query_cloud_share,
        ),
        Route::post(
            "/svc/api/v1/Rules/query-file-type-mismatch-rule",
            Access::Bearer,
            query_file_type_mismatch,
        ),
    ]
}

/// A rule-metadata term of `rule`.
fn metadata_field(rule: &RuleMetadata, term: &str) -> Option<Field> {
    Some(match term {
        "TenantId" => Field::Token(rule.tenant_id.clone()),
        "ObserverRuleId" => Field::Token(rule.observer_rule_id.clone()),
        "Type" => Field::token(&rule.type_),
        "Name" => Field::text(&rule.name),
        "Description" => Field::text(&rule.description),
        "Severity" => Field::token(&rule.severity),
        "IsSystem" => Field::Bool(rule.is_system),
        "IsEnabled" => Field::Bool(rule.is_enabled),
        "RuleSource" => Field::token(&rule.rule_source),
        "CreatedBy" => Field::text(&rule.created_by),
        "ModifiedBy" => Field::text(&rule.modified_by),
        "CreatedAt" => Field::time(&rule.created_at),
        "ModifiedAt" => Field::time(&rule.modified_at),
        _ => return None,
    })
}

/// `POST /svc/api/v1/rules/query-rule-metadata`.
fn query_metadata(ctx: &Ctx<'_>) -> Reply {
    let request: QueryRequest = match body(ctx) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    if let Err(reply) = check_tenant(ctx, &request.tenant_id) {
        return reply;
    }
    let (clause, descending) = match (
        clause(&request.group_clause),
        descending(&request.srt_direction),
    ) {
        (Ok(c), Ok(d)) => (c, d),
        (Err(reply), _) | (_, Err(reply)) => return reply,
    };
    let groups = match filter::groups(&request.groups) {
        Ok(g) => g,
        Err(text) => return message(400, &text),
    };
    let mut found = Vec::new();
    for rule in ctx.tenant.state().rules.metadata() {
        match filter::matches(clause, &groups, &|term| metadata_field(&rule, term)) {
            Ok(true) => found.push(rule),
            Ok(false) => {}
            Err(text) => return message(400, &text),
        }
    }
    let key = request.srt_key.as_str();
    if !["CreatedAt", "ModifiedAt", "Name"].contains(&key) {
        return message(400, &format!("Cannot sort by {key}"));
    }
    found.sort_by(|a, b| {
        let order = match key {
            "Name" => a.name.cmp(&b.name),
            "ModifiedAt" => a.modified_at.cmp(&b.modified_at),
            _ => a.created_at.cmp(&b.created_at),
        };
        if descending { order.reverse() } else { order }
    });
    let total = found.len() as i64;
    match filter::page(ctx, found, request.pg_num, request.pg_size, MAX_PAGE_SIZE) {
        Ok(page) => Reply::json(
            200,
            &RuleMetadataResponse::new()
                .with_problems(Vec::new())
                .with_rule_metadata(page)
                .with_total_count(total)
                .with_type("RULE_METADATA_SEARCH_RESPONSE".to_owned()),
        ),
        Err(text) => message(400, &text),
    }
}

/// Runs `change` on the rule's user list after the checks every edit shares: the tenant, the
/// rule (404), a system rule (500), a rule that watches all users (400).
fn edit_users(
    ctx: &Ctx<'_>,
    tenant_id: &str,
    rule_id: &str,
    change: impl FnOnce(&mut Vec<fed::RuleUser>) -> Result<(), Reply>,
) -> Reply {
    if let Err(reply) = check_tenant(ctx, tenant_id) {
        return reply;
    }
    let mut state = ctx.tenant.state_mut();
    let Some(rule) = state.rules.get_mut(rule_id) else {
        return message(404, &format!("Rule {rule_id} not found"));
    };
    if rule.metadata.is_system == Some(true) {
        return message(500, "An error has occurred");
    }
    if rule.users_to_alert_on == fed::UsersToAlertOn::AllUsers {
        return message(400, "The rule watches all users; it has no user list");
    }
    match change(&mut rule.users) {
        Ok(()) => {
            rule.metadata.modified_at = now();
            Reply::json(200, &serde_json::json!({}))
        }
        Err(reply) => reply,
    }
}

/// `POST /svc/api/v1/Rules/add-users`: adds users, or more aliases to users already listed.
fn add_users(ctx: &Ctx<'_>) -> Reply {
    let request: fed::RuleUsersRequest = match body(ctx) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    edit_users(ctx, &request.tenant_id, &request.rule_id, |list| {
        for user in request.user_list {
            let id = user.user_id_from_authority.clone().unwrap_or_default();
            let aliases = user.user_alias_list.unwrap_or_default();
            match list
                .iter_mut()
                .find(|u| u.user_id_from_authority.as_deref() == Some(id.as_str()))
            {
                Some(existing) => {
                    let have = existing.user_alias_list.get_or_insert_with(Vec::new);
                    for alias in aliases {
                        if !have.contains(&alias) {
                            have.push(alias);
                        }
                    }
                }
                None => list.push(rule_user(&id, aliases)),
            }
        }
        Ok(())
    })
}

/// `POST /svc/api/v1/Rules/remove-users`.
fn remove_users(ctx: &Ctx<'_>) -> Reply {
    let request: fed::RemoveRuleUsersRequest = match body(ctx) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    edit_users(ctx, &request.tenant_id, &request.rule_id, |list| {
        list.retain(|u| {
            !request
                .user_id_list
                .iter()
                .any(|id| u.user_id_from_authority.as_deref() == Some(id.as_str()))
        });
        Ok(())
    })
}

/// `POST /svc/api/v1/Rules/remove-user-aliases`: a user left with no alias leaves the list.
fn remove_user_aliases(ctx: &Ctx<'_>) -> Reply {
    let request: fed::RuleUsersRequest = match body(ctx) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    edit_users(ctx, &request.tenant_id, &request.rule_id, |list| {
        for user in &request.user_list {
            let Some(id) = user.user_id_from_authority.as_deref() else {
                return Err(message(400, "userIdFromAuthority is required"));
            };
            let gone = user.user_alias_list.clone().unwrap_or_default();
            let aliases = list
                .iter_mut()
                .find(|u| u.user_id_from_authority.as_deref() == Some(id))
                .and_then(|u| u.user_alias_list.as_mut());
            if let Some(aliases) = aliases {
                aliases.retain(|a| !gone.contains(a));
            }
        }
        list.retain(|u| u.user_alias_list.as_ref().is_some_and(|a| !a.is_empty()));
        Ok(())
    })
}

/// `POST /svc/api/v1/Rules/remove-all-users`.
fn remove_all_users(ctx: &Ctx<'_>) -> Reply {
    let request: fed::RuleIdRequest = match body(ctx) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    edit_users(ctx, &request.tenant_id, &request.rule_id, |list| {
        list.clear();
        Ok(())
    })
}

/// `POST /svc/api/v1/Rules/query-users`.
fn query_users(ctx: &Ctx<'_>) -> Reply {
    let request: fed::RuleIdRequest = match body(ctx) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    if let Err(reply) = check_tenant(ctx, &request.tenant_id) {
        return reply;
    }
    let state = ctx.tenant.state();
    match state.rules.get(&request.rule_id) {
        Some(rule) => Reply::json(
            200,
            &fed::RuleUsersResponse::new()
                .with_type("USERS_IN_RULE_RESPONSE".to_owned())
                .with_users(rule.users.clone())
                .with_users_to_alert_on(rule.users_to_alert_on.clone()),
        ),
        None => message(404, &format!("Rule {} not found", request.rule_id)),
    }
}

/// The parts every rule type's details share.
struct Common {
    created_at: Option<Timestamp>,
    created_by: Option<String>,
    description: Option<String>,
    file_belongs_to: Option<fed::FileBelongsTo>,
    file_category_watch: Option<fed::FileCategoryWatch>,
    id: Option<String>,
    is_enabled: Option<bool>,
    is_system: Option<bool>,
    modified_at: Option<Timestamp>,
    modified_by: Option<String>,
    name: Option<String>,
    notification_config: Option<fed::NotificationConfig>,
    rule_source: Option<fed::RuleSource>,
    severity: Option<fed::AlertSeverity>,
    tenant_id: Option<String>,
}

fn common(rule: &FakeRule) -> Common {
    let m = &rule.metadata;
    Common {
        created_at: m.created_at.clone(),
        created_by: m.created_by.clone(),
        description: m.description.clone(),
        file_belongs_to: Some(
            fed::FileBelongsTo::new()
                .with_user_list(
                    rule.users
                        .iter()
                        .flat_map(|u| u.user_alias_list.clone().unwrap_or_default())
                        .collect(),
                )
                .with_users_to_alert_on(rule.users_to_alert_on.clone()),
        ),
        file_category_watch: Some(
            fed::FileCategoryWatch::new()
                .with_file_category_list(vec!["ARCHIVE".to_owned(), "SOURCE_CODE".to_owned()])
                .with_watch_all_files(false),
        ),
        id: m.observer_rule_id.clone(),
        is_enabled: m.is_enabled,
        is_system: m.is_system,
        modified_at: m.modified_at.clone(),
        modified_by: m.modified_by.clone(),
        name: m.name.clone(),
        notification_config: Some(
            fed::NotificationConfig::new()
                .with_enabled(false)
                .with_notification_info(Vec::new()),
        ),
        rule_source: m.rule_source.as_ref().map(|s| s.as_str().into()),
        severity: m.severity.as_ref().map(|s| s.as_str().into()),
        tenant_id: m.tenant_id.clone(),
    }
}

/// The rules of `kind` among the ids asked for.
fn rules_of(ctx: &Ctx<'_>, kind: RuleType) -> Result<Vec<FakeRule>, Reply> {
    let request: fed::RuleIdsRequest = body(ctx)?;
    check_tenant(ctx, &request.tenant_id)?;
    let state = ctx.tenant.state();
    Ok(request
        .rule_ids
        .iter()
        .filter_map(|id| state.rules.get(id))
        .filter(|r| r.metadata.type_.as_ref() == Some(&kind))
        .cloned()
        .collect())
}

/// `POST /svc/api/v1/Rules/query-endpoint-exfiltration-rule`.
fn query_exfiltration(ctx: &Ctx<'_>) -> Reply {
    let rules = match rules_of(ctx, RuleType::FedEndpointExfiltration) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let rules = rules
        .iter()
        .map(|rule| {
            let c = common(rule);
            {
                let mut v = fed::EndpointExfiltrationRule::new()
                    .with_file_activity_is(
                        fed::FileActivity::new()
                            .with_read_by_browser_or_other(false)
                            .with_synced_to_cloud_service(
                                fed::SyncedToCloudService::new()
                                    .with_watch_apple_ic_loud(true)
                                    .with_watch_box(true)
                                    .with_watch_box_drive(false)
                                    .with_watch_drop_box(true)
                                    .with_watch_google_backup_and_sync(false)
                                    .with_watch_microsoft_one_drive(true),
                            )
                            .with_uploaded_on_removable_media(true),
                    )
                    .with_file_size_and_count(
                        fed::FileSizeAndCount::new()
                            .with_file_count_greater_than(15)
                            .with_operator("AND".to_owned())
                            .with_total_size_greater_than_in_bytes(5_000_000),
                    )
                    .with_time_window(60)
                    .with_type("ENDPOINT_EXFILTRATION_RULE".to_owned());
                v.created_at = c.created_at;
                v.created_by = c.created_by;
                v.description = c.description;
                v.file_belongs_to = c.file_belongs_to;
                v.file_category_watch = c.file_category_watch;
                v.id = c.id;
                v.is_enabled = c.is_enabled;
                v.is_system = c.is_system;
                v.modified_at = c.modified_at;
                v.modified_by = c.modified_by;
                v.name = c.name;
                v.notification_config = c.notification_config;
                v.rule_source = c.rule_source;
                v.severity = c.severity;
                v.tenant_id = c.tenant_id;
                v
            }
        })
        .collect();
    Reply::json(
        200,
        &fed::EndpointExfiltrationRulesResponse::new()
            .with_rules(rules)
            .with_type("RULE_DETAILS_RESPONSE".to_owned()),
    )
}

/// `POST /svc/api/v1/Rules/query-cloud-share-permissions-rule`.
fn query_cloud_share(ctx: &Ctx<'_>) -> Reply {
    let rules = match rules_of(ctx, RuleType::FedCloudSharePermissions) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let watch = || {
        Some(
            fed::CloudShareWatch::new()
                .with_outside_trusted_domains(true)
                .with_public_on_the_web(true)
                .with_public_via_link(true),
        )
    };
    let rules = rules
        .iter()
        .map(|rule| {
            let c = common(rule);
            {
                let mut v = fed::CloudSharePermissionsRule::new()
                    .with_type("CLOUD_SHARE_PERMISSIONS_RULE".to_owned());
                v.created_at = c.created_at;
                v.created_by = c.created_by;
                v.description = c.description;
                v.file_belongs_to = c.file_belongs_to;
                v.file_category_watch = c.file_category_watch;
                v.id = c.id;
                v.is_enabled = c.is_enabled;
                v.is_system = c.is_system;
                v.modified_at = c.modified_at;
                v.modified_by = c.modified_by;
                v.name = c.name;
                v.notification_config = c.notification_config;
                v.rule_source = c.rule_source;
                v.severity = c.severity;
                v.tenant_id = c.tenant_id;
                v.watch_box = watch();
                v.watch_google_drive = watch();
                v.watch_microsoft_one_drive = watch();
                v
            }
        })
        .collect();
    Reply::json(
        200,
        &fed::CloudSharePermissionsRulesResponse::new()
            .with_rules(rules)
            .with_type("RULE_DETAILS_RESPONSE".to_owned()),
    )
}

/// `POST /svc/api/v1/Rules/query-file-type-mismatch-rule`.
fn query_file_type_mismatch(ctx: &Ctx<'_>) -> Reply {
    let rules = match rules_of(ctx, RuleType::FedFileTypeMismatch) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let rules = rules
        .iter()
        .map(|rule| {
            let c = common(rule);
            {
                let mut v = fed::FileTypeMismatchRule::new()
                    .with_type("FILE_TYPE_MISMATCH_RULE".to_owned());
                v.created_at = c.created_at;
                v.created_by = c.created_by;
                v.description = c.description;
                v.file_belongs_to = c.file_belongs_to;
                v.file_category_watch = c.file_category_watch;
                v.id = c.id;
                v.is_enabled = c.is_enabled;
                v.is_system = c.is_system;
                v.modified_at = c.modified_at;
                v.modified_by = c.modified_by;
                v.name = c.name;
                v.notification_config = c.notification_config;
                v.rule_source = c.rule_source;
                v.severity = c.severity;
                v.tenant_id = c.tenant_id;
                v
            }
        })
        .collect();
    Reply::json(
        200,
        &fed::FileTypeMismatchRulesResponse::new()
            .with_rules(rules)
            .with_type("RULE_DETAILS_RESPONSE".to_owned()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_rules_are_deterministic_with_every_kind_and_audience() {
        let users = super::super::seed::generate(42, 30, "admin@example.com").users;
        let a = seed(42, "T", &users);
        let b = seed(42, "T", &users);
        let text = |rules: &[FakeRule]| {
            rules
                .iter()
                .map(|r| serde_json::to_string(&(&r.metadata, &r.users)).unwrap_or_default())
                .collect::<Vec<_>>()
        };
        assert_eq!(text(&a), text(&b));
        assert!(a.iter().any(|r| r.metadata.is_system == Some(true)));
        assert!(
            a.iter()
                .any(|r| r.users_to_alert_on == fed::UsersToAlertOn::AllUsers)
        );
        assert!(a.iter().any(|r| !r.users.is_empty()));
        for kind in [
            RuleType::FedEndpointExfiltration,
            RuleType::FedCloudSharePermissions,
            RuleType::FedFileTypeMismatch,
        ] {
            assert!(a.iter().any(|r| r.metadata.type_.as_ref() == Some(&kind)));
        }
        let created = a[0]
            .metadata
            .created_at
            .as_ref()
            .map(Timestamp::as_str)
            .unwrap_or("");
        assert_eq!(
            created.len(),
            "2020-04-03T15:21:44.6139300Z".len(),
            "{created}"
        );
        assert!(uuid(&mut SplitMix64::new(1)).len() == 36);
    }
}
