//! The alert service (`AlertService-API_URL`, mounted under `/svc/alertservice-api_url`):
//! alert search, details, aggregates, state changes and notes, plus the rule-metadata search
//! ([`super::alert_rules::metadata_routes`]).
//!
//! Follows `shared/reference/security.md` §1 and `queries.md`: searches page from `pgNum` 0 with
//! at most 500 alerts a page; `query-details` and `update-state` take at most 100 ids (400
//! beyond); filters apply to the common terms (`state`, `severity`, `riskSeverity`, `actor`,
//! `name`, `description`, `ruleId`, `ruleSource`, `type` in both spellings, `createdAt`, `id`);
//! an unknown term or an operator a term does not take is a 400. Timestamps have seven
//! fractional digits and observation `data` is a JSON document inside a string, as the real
//! service sends them. Error bodies are the fake's own: `{"message": …}`.

use super::alert_rules::{
    FakeRule, body, check_tenant, clause, descending, message, now, seven_digits, uuid,
};
use super::auth::Principal;
use super::filter::{self, Field};
use super::http::{Access, Ctx, Reply, Route};
use super::seed::SplitMix64;
use code42::wire::alerts::types::{
    AddNoteRequest, AlertAggregate, AlertAggregateResponse, AlertDetails, AlertDetailsResponse,
    AlertIdRequest, AlertIdsNoteRequest, AlertIdsRequest, AlertNote, AlertQueryResponse,
    AlertState, AlertSummary, FileCategorySummary, Observation, ObservationAggregate,
    ObservationType, ObservedActivity, ObservedFile, ObservedFileCategory, QueryRequest,
    RiskSeverity, RiskSeveritySummary, RuleType, SummarizedRiskIndicator, UpdateStateRequest,
};
use code42::wire::authority::types::User;

/// Most alerts a search page holds.
pub(crate) const MAX_PAGE_SIZE: i64 = 500;
/// Most ids `query-details` and `update-state` take.
pub(crate) const MAX_IDS: usize = 100;
/// Longest note, in characters.
pub(crate) const MAX_NOTE: usize = 1999;

/// Every alert, with its observations, in creation order.
#[derive(Clone, Debug, Default)]
pub(crate) struct AlertStore {
    alerts: Vec<AlertDetails>,
}

impl AlertStore {
    /// A store holding `alerts`.
    pub fn new(alerts: Vec<AlertDetails>) -> AlertStore {
        AlertStore { alerts }
    }

    /// Every alert, in creation order.
    pub fn all(&self) -> Vec<AlertDetails> {
        self.alerts.clone()
    }

    fn get(&self, id: &str) -> Option<&AlertDetails> {
        self.alerts.iter().find(|a| a.id == id)
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut AlertDetails> {
        self.alerts.iter_mut().find(|a| a.id == id)
    }
}

/// The routes of the alert service.
pub(crate) fn routes() -> Vec<Route> {
    let mut routes = vec![
        Route::post("/svc/api/v1/query-alerts", Access::Bearer, query_alerts),
        Route::post("/svc/api/v1/query-details", Access::Bearer, query_details),
        Route::post(
            "/svc/api/v1/query-details-aggregate",
            Access::Bearer,
            aggregate_v1,
        ),
        Route::post(
            "/svc/api/v2/query-details-aggregate",
            Access::Bearer,
            aggregate_v2,
        ),
        Route::post("/svc/api/v1/update-state", Access::Bearer, update_state),
        Route::post("/svc/api/v1/resolve-alert", Access::Bearer, resolve_alert),
        Route::post("/svc/api/v1/reopen-alert", Access::Bearer, reopen_alert),
        Route::post("/svc/api/v1/add-note", Access::Bearer, add_note),
    ];
    routes.extend(super::alert_rules::metadata_routes());
    routes
}

// ---------------------------------------------------------------------------------------------
// seed

/// 2024-01-01T00:00:00Z: earliest seeded alert.
const ALERTS_FROM: i64 = 1_704_067_200;
/// Seconds between the earliest and the latest seeded alert (180 days).
const ALERTS_SPAN: u64 = 180 * 86_400;

const FILES: &[(&str, &str, &str)] = &[
    (
        "roadmap-2025.pptx",
        "C:/Users/{user}/Documents/",
        "Presentation",
    ),
    (
        "customers.xlsx",
        "C:/Users/{user}/Downloads/",
        "Spreadsheet",
    ),
    ("source.zip", "/Users/{user}/src/", "Archive"),
    ("payroll.pdf", "/Users/{user}/Desktop/", "Pdf"),
    ("design.fig", "C:/Users/{user}/Dropbox/", "Image"),
    ("main.rs", "/home/{user}/work/", "SourceCode"),
];
const RISK_INDICATORS: &[&str] = &[
    "Zip",
    "Removable media",
    "Off hours",
    "Source code",
    "Remote",
];

/// `count` alerts raised by `rules` on `users`, drawn from `seed` (each alert from its own
/// generator, so the first alerts do not depend on `count`).
pub(crate) fn seed(
    seed: u64,
    count: usize,
    tenant_uid: &str,
    users: &[User],
    rules: &[FakeRule],
) -> Vec<AlertDetails> {
    let actors = users.get(1..).filter(|u| !u.is_empty()).unwrap_or(users);
    (0..count)
        .filter_map(|i| {
            let mut rng =
                SplitMix64::new(seed ^ (i as u64 + 1).wrapping_mul(0xA1E2_7C0D_E5EE_D5A1));
            let rule = rng.pick(rules)?;
            let actor = rng.pick(actors);
            let created = ALERTS_FROM + rng.below(ALERTS_SPAN) as i64;
            let state = match rng.below(10) {
                0..=5 => AlertState::Open,
                6 | 7 => AlertState::Resolved,
                8 => AlertState::Pending,
                _ => AlertState::InProgress,
            };
            let risk = match rng.below(4) {
                0 => RiskSeverity::Critical,
                1 => RiskSeverity::High,
                2 => RiskSeverity::Moderate,
                _ => RiskSeverity::Low,
            };
            let observation_type = match rule.metadata.type_ {
                Some(RuleType::FedCloudSharePermissions) => {
                    ObservationType::FedCloudSharePermissions
                }
                Some(RuleType::FedFileTypeMismatch) => ObservationType::FedFileTypeMismatch,
                _ => ObservationType::FedEndpointExfiltration,
            };
            let login = actor
                .map(|u| u.username.split('@').next().unwrap_or("user").to_owned())
                .unwrap_or_else(|| "user".to_owned());
            let observations = (0..1 + rng.below(2))
                .map(|n| {
                    let observed = created - 600 * (n as i64 + 1);
                    observation(&mut rng, observed, &observation_type, &login)
                })
                .collect();
            let id = uuid(&mut rng);
            let m = &rule.metadata;
            let (modified_at, modified_by) = if state == AlertState::Open {
                (None, None)
            } else {
                (
                    seven_digits(
                        created + 3_600 + rng.below(86_400) as i64,
                        rng.below(10_000_000),
                    ),
                    users.first().map(|u| u.username.clone()),
                )
            };
            Some({
                let f_actor = actor.map(|u| u.username.clone());
                let f_actor_id = actor.map(|u| u.user_uid.clone());
                let f_created_at = seven_digits(created, rng.below(10_000_000));
                let f_description = m.description.clone();
                let f_id = id;
                let f_last_modified_by = modified_by.clone();
                let f_last_modified_time = modified_at.clone();
                let f_name = m.name.clone();
                let f_observations = Some(observations);
                let f_risk_severity = Some(risk);
                let f_rule_id = m.observer_rule_id.clone();
                let f_rule_source = m.rule_source.clone();
                let f_severity = m.severity.clone();
                let f_state = Some(state);
                let f_state_last_modified_at = modified_at;
                let f_state_last_modified_by = modified_by;
                let f_target = Some("N/A".to_owned());
                let f_tenant_id = Some(tenant_uid.to_owned());
                let f_type_ = m.type_.clone();
                let f_type_dollar = Some("ALERT_DETAILS".to_owned());
                let mut v = AlertDetails::new(f_id);
                v.actor = f_actor;
                v.actor_id = f_actor_id;
                v.created_at = f_created_at;
                v.description = f_description;
                v.last_modified_by = f_last_modified_by;
                v.last_modified_time = f_last_modified_time;
                v.name = f_name;
                v.observations = f_observations;
                v.risk_severity = f_risk_severity;
                v.rule_id = f_rule_id;
                v.rule_source = f_rule_source;
                v.severity = f_severity;
                v.state = f_state;
                v.state_last_modified_at = f_state_last_modified_at;
                v.state_last_modified_by = f_state_last_modified_by;
                v.target = f_target;
                v.tenant_id = f_tenant_id;
                v.type_ = f_type_;
                v.type_dollar = f_type_dollar;
                v
            })
        })
        .collect()
}

/// One observation whose `data` is the JSON text of an observed activity.
fn observation(
    rng: &mut SplitMix64,
    observed: i64,
    kind: &ObservationType,
    login: &str,
) -> Observation {
    let files: Vec<ObservedFile> = (0..1 + rng.below(4))
        .filter_map(|_| {
            let (name, dir, category) = rng.pick(FILES).copied()?;
            Some({
                let f_category = Some(category.to_owned());
                let f_event_id = Some(format!("0_{}_{}", uuid(rng), rng.below(1000)));
                let f_name = Some(name.to_owned());
                let f_observed_at = seven_digits(observed + rng.below(300) as i64, 0);
                let f_path = Some(dir.replace("{user}", login));
                let f_size = Some(1_000 + rng.below(50_000_000) as i64);
                let f_type_ = Some("OBSERVED_FILE".to_owned());
                let mut v = ObservedFile::new();
                v.category = f_category;
                v.event_id = f_event_id;
                v.name = f_name;
                v.observed_at = f_observed_at;
                v.path = f_path;
                v.size = f_size;
                v.type_ = f_type_;
                v
            })
        })
        .collect();
    let total: i64 = files.iter().filter_map(|f| f.size).sum();
    let mut categories: Vec<ObservedFileCategory> = Vec::new();
    for file in &files {
        let category = file.category.clone();
        match categories.iter_mut().find(|c| c.category == category) {
            Some(c) => {
                c.file_count = Some(c.file_count.unwrap_or(0) + 1);
                c.total_file_size = Some(c.total_file_size.unwrap_or(0) + file.size.unwrap_or(0));
            }
            None => categories.push({
                let mut v = ObservedFileCategory::new()
                    .with_file_count(1)
                    .with_is_significant(true)
                    .with_type("OBSERVED_FILE_CATEGORY".to_owned());
                v.category = category;
                v.total_file_size = file.size;
                v
            }),
        }
    }
    let id = uuid(rng);
    let activity = {
        let f_exposure_types = Some(vec![
            match kind {
                ObservationType::FedCloudSharePermissions => "IsPublic",
                _ => "RemovableMedia",
            }
            .to_owned(),
        ]);
        let f_file_categories = Some(categories);
        let f_file_count = Some(files.len() as i64);
        let f_files = Some(files);
        let f_first_activity_at = seven_digits(observed, 0);
        let f_id = Some(id.clone());
        let f_is_remote_activity = Some(rng.percent(20));
        let f_last_activity_at = seven_digits(observed + 300, 0);
        let f_sending_ip_addresses =
            Some(vec![format!("10.0.{}.{}", rng.below(255), rng.below(255))]);
        let f_sources = Some(vec!["Endpoint".to_owned()]);
        let f_sync_to_services = Some(Vec::new());
        let f_total_file_size = Some(total);
        let f_type_ = Some("OBSERVED_ENDPOINT_ACTIVITY".to_owned());
        let mut v = ObservedActivity::new();
        v.exposure_types = f_exposure_types;
        v.file_categories = f_file_categories;
        v.file_count = f_file_count;
        v.files = f_files;
        v.first_activity_at = f_first_activity_at;
        v.id = f_id;
        v.is_remote_activity = f_is_remote_activity;
        v.last_activity_at = f_last_activity_at;
        v.sending_ip_addresses = f_sending_ip_addresses;
        v.sources = f_sources;
        v.sync_to_services = f_sync_to_services;
        v.total_file_size = f_total_file_size;
        v.type_ = f_type_;
        v
    };
    {
        let f_data = serde_json::to_string(&activity)
            .ok()
            .map(serde_json::Value::String);
        let f_id = Some(id);
        let f_observed_at = seven_digits(observed, 0);
        let f_type_ = Some(kind.clone());
        let f_type_dollar = Some("OBSERVATION".to_owned());
        let mut v = Observation::new();
        v.data = f_data;
        v.id = f_id;
        v.observed_at = f_observed_at;
        v.type_ = f_type_;
        v.type_dollar = f_type_dollar;
        v
    }
}

// ---------------------------------------------------------------------------------------------
// search

fn summary(a: &AlertDetails) -> AlertSummary {
    {
        let f_actor = a.actor.clone();
        let f_actor_id = a.actor_id.clone();
        let f_alert_url = a.alert_url.clone();
        let f_created_at = a.created_at.clone();
        let f_description = a.description.clone();
        let f_id = a.id.clone();
        let f_last_modified_by = a.last_modified_by.clone();
        let f_last_modified_time = a.last_modified_time.clone();
        let f_name = a.name.clone();
        let f_note = a.note.clone();
        let f_risk_severity = a.risk_severity.clone();
        let f_rule_id = a.rule_id.clone();
        let f_rule_source = a.rule_source.clone();
        let f_severity = a.severity.clone();
        let f_state = a.state.clone();
        let f_state_last_modified_at = a.state_last_modified_at.clone();
        let f_state_last_modified_by = a.state_last_modified_by.clone();
        let f_target = a.target.clone();
        let f_tenant_id = a.tenant_id.clone();
        let f_type_ = a.type_.clone();
        let f_type_dollar = Some("ALERT_SUMMARY".to_owned());
        let f_extra = a.extra.clone();
        let mut v = AlertSummary::new(f_id);
        v.actor = f_actor;
        v.actor_id = f_actor_id;
        v.alert_url = f_alert_url;
        v.created_at = f_created_at;
        v.description = f_description;
        v.last_modified_by = f_last_modified_by;
        v.last_modified_time = f_last_modified_time;
        v.name = f_name;
        v.note = f_note;
        v.risk_severity = f_risk_severity;
        v.rule_id = f_rule_id;
        v.rule_source = f_rule_source;
        v.severity = f_severity;
        v.state = f_state;
        v.state_last_modified_at = f_state_last_modified_at;
        v.state_last_modified_by = f_state_last_modified_by;
        v.target = f_target;
        v.tenant_id = f_tenant_id;
        v.type_ = f_type_;
        v.type_dollar = f_type_dollar;
        v.extra = f_extra;
        v
    }
}

/// The observation-type spelling of an alert type (`FED_ENDPOINT_EXFILTRATION` →
/// `FedEndpointExfiltration`), which py42's `RuleType` filter sends.
fn observation_spelling(kind: &Option<RuleType>) -> Option<String> {
    kind.as_ref().map(|k| {
        k.as_str()
            .split('_')
            .map(|word| {
                let lower = word.to_ascii_lowercase();
                let mut chars = lower.chars();
                chars
                    .next()
                    .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                    .unwrap_or_default()
            })
            .collect()
    })
}

/// An alert term of `alert`.
fn alert_field(alert: &AlertDetails, term: &str) -> Option<Field> {
    Some(match term {
        "id" | "alertId" => Field::Token(Some(alert.id.clone())),
        "tenantId" => Field::Token(alert.tenant_id.clone()),
        "state" => Field::token(&alert.state),
        "severity" => Field::token(&alert.severity),
        "riskSeverity" => Field::token(&alert.risk_severity),
        "actor" => Field::text(&alert.actor),
        "actorId" => Field::Token(alert.actor_id.clone()),
        "name" => Field::text(&alert.name),
        "description" => Field::text(&alert.description),
        "ruleId" => Field::Token(alert.rule_id.clone()),
        "ruleSource" => Field::token(&alert.rule_source),
        "createdAt" => Field::time(&alert.created_at),
        "target" => Field::text(&alert.target),
        _ => return None,
    })
}

/// Whether `alert` matches; the `type` term accepts both spellings.
fn alert_matches(
    alert: &AlertDetails,
    clause: code42::query::Clause,
    groups: &[code42::query::FilterGroup],
) -> Result<bool, String> {
    let plain = filter::matches(clause, groups, &|term| {
        if term == "type" {
            Some(Field::token(&alert.type_))
        } else {
            alert_field(alert, term)
        }
    })?;
    if plain {
        return Ok(true);
    }
    filter::matches(clause, groups, &|term| {
        if term == "type" {
            Some(Field::Token(observation_spelling(&alert.type_)))
        } else {
            alert_field(alert, term)
        }
    })
}

/// `POST /svc/api/v1/query-alerts`.
fn query_alerts(ctx: &Ctx<'_>) -> Reply {
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
    let key = request.srt_key.to_ascii_lowercase();
    if ![
        "createdat",
        "alertid",
        "id",
        "name",
        "actor",
        "state",
        "severity",
    ]
    .contains(&key.as_str())
    {
        return message(400, &format!("Cannot sort by {}", request.srt_key));
    }
    let mut found = Vec::new();
    for alert in &ctx.tenant.state().alerts.alerts {
        match alert_matches(alert, clause, &groups) {
            Ok(true) => found.push(summary(alert)),
            Ok(false) => {}
            Err(text) => return message(400, &text),
        }
    }
    found.sort_by(|a, b| {
        let order = match key.as_str() {
            "alertid" | "id" => a.id.cmp(&b.id),
            "name" => a.name.cmp(&b.name),
            "actor" => a.actor.cmp(&b.actor),
            "state" => a.state.cmp(&b.state),
            "severity" => a.severity.cmp(&b.severity),
            _ => a.created_at.cmp(&b.created_at),
        }
        .then_with(|| a.id.cmp(&b.id));
        if descending { order.reverse() } else { order }
    });
    let total = found.len() as i64;
    match filter::page(ctx, found, request.pg_num, request.pg_size, MAX_PAGE_SIZE) {
        Ok(page) => Reply::json(
            200,
            &AlertQueryResponse::new()
                .with_alerts(page)
                .with_problems(Vec::new())
                .with_total_count(total)
                .with_type("ALERT_QUERY_RESPONSE".to_owned()),
        ),
        Err(text) => message(400, &text),
    }
}

/// Ids of a request: 1 to [`MAX_IDS`].
fn check_ids(ids: &[String]) -> Result<(), Reply> {
    if ids.is_empty() {
        return Err(message(400, "alertIds is empty"));
    }
    if ids.len() > MAX_IDS {
        return Err(message(
            400,
            &format!("At most {MAX_IDS} alert ids per request, not {}", ids.len()),
        ));
    }
    Ok(())
}

/// `POST /svc/api/v1/query-details`: the alerts found, in the store's order (not the order
/// asked); unknown ids are left out.
fn query_details(ctx: &Ctx<'_>) -> Reply {
    let request: AlertIdsRequest = match body(ctx) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    if let Err(reply) = check_tenant(ctx, &request.tenant_id).and(check_ids(&request.alert_ids)) {
        return reply;
    }
    let alerts: Vec<AlertDetails> = ctx
        .tenant
        .state()
        .alerts
        .alerts
        .iter()
        .filter(|a| request.alert_ids.contains(&a.id))
        .cloned()
        .collect();
    Reply::json(
        200,
        &AlertDetailsResponse::new()
            .with_alerts(alerts)
            .with_type("ALERT_DETAILS_RESPONSE".to_owned()),
    )
}

fn aggregate_of(alert: &AlertDetails, base_url: &str, v2: bool) -> AlertAggregate {
    let observations = alert.observations.clone().unwrap_or_default();
    let activities: Vec<ObservedActivity> = observations
        .iter()
        .filter_map(|o| match &o.data {
            Some(serde_json::Value::String(text)) => serde_json::from_str(text).ok(),
            _ => None,
        })
        .collect();
    let files: Vec<ObservedFile> = activities
        .iter()
        .flat_map(|a| a.files.clone().unwrap_or_default())
        .collect();
    let mut categories: Vec<FileCategorySummary> = Vec::new();
    for file in &files {
        match categories.iter_mut().find(|c| c.category == file.category) {
            Some(c) => {
                c.file_count = Some(c.file_count.unwrap_or(0) + 1);
                c.total_file_size = Some(c.total_file_size.unwrap_or(0) + file.size.unwrap_or(0));
            }
            None => categories.push({
                let f_category = file.category.clone();
                let f_file_count = Some(1);
                let f_total_file_size = file.size;
                let f_type_ = Some("FILE_CATEGORY".to_owned());
                let mut v = FileCategorySummary::new();
                v.category = f_category;
                v.file_count = f_file_count;
                v.total_file_size = f_total_file_size;
                v.type_ = f_type_;
                v
            }),
        }
    }
    let total: i64 = files.iter().filter_map(|f| f.size).sum();
    let mut merged = activities
        .first()
        .cloned()
        .unwrap_or_else(ObservedActivity::new);
    merged.file_count = Some(files.len() as i64);
    merged.total_file_size = Some(total);
    merged.files = Some(files.clone());
    merged.is_remote_activity = Some(
        activities
            .iter()
            .any(|a| a.is_remote_activity == Some(true)),
    );
    let aggregated = {
        let f_data = serde_json::to_string(&merged)
            .ok()
            .map(serde_json::Value::String);
        let f_observed_at = observations.first().and_then(|o| o.observed_at.clone());
        let f_type_ = observations.first().and_then(|o| o.type_.clone());
        let f_type_dollar = Some("OBSERVATION_AGGREGATE".to_owned());
        let mut v = ObservationAggregate::new();
        v.data = f_data;
        v.observed_at = f_observed_at;
        v.type_ = f_type_;
        v.type_dollar = f_type_dollar;
        v
    };
    let severity = alert.risk_severity.clone();
    {
        let f_actor = alert.actor.clone();
        let f_actor_id = alert.actor_id.clone();
        let f_alert_url = Some(format!(
            "{base_url}/app/#/alerts/review-alerts?alertId={}",
            alert.id
        ));
        let f_created_at = alert.created_at.clone();
        let f_description = alert.description.clone();
        let f_ffs_url_endpoint = Some(format!(
            "{base_url}/app/#/alerts/investigate-alert?alertId={}",
            alert.id
        ));
        let f_file_categories = Some(categories);
        let f_file_count = Some(files.len() as i64);
        let f_first_observation_at = observations.last().and_then(|o| o.observed_at.clone());
        let f_id = alert.id.clone();
        let f_last_modified_by = alert.last_modified_by.clone();
        let f_last_modified_time = alert.last_modified_time.clone();
        let f_last_observation_at = observations.first().and_then(|o| o.observed_at.clone());
        let f_name = alert.name.clone();
        let f_note = alert.note.clone();
        let f_observation = (!v2).then(|| aggregated.clone());
        let f_observations = v2.then(|| vec![aggregated]);
        let f_risk_severity = severity.clone();
        let f_risk_severity_summary = Some(vec![{
            let mut v = RiskSeveritySummary::new()
                .with_num_events(files.len() as i64)
                .with_summarized_risk_indicators(
                    RISK_INDICATORS
                        .iter()
                        .take(1 + files.len() % RISK_INDICATORS.len())
                        .map(|name| {
                            SummarizedRiskIndicator::new()
                                .with_name((*name).to_owned())
                                .with_num_events(1)
                                .with_type("SUMMARIZED_RISK_INDICATOR".to_owned())
                        })
                        .collect(),
                )
                .with_type("RISK_SEVERITY_SUMMARY".to_owned());
            v.severity = severity;
            v
        }]);
        let f_rule_id = alert.rule_id.clone();
        let f_rule_source = alert.rule_source.clone();
        let f_severity = alert.severity.clone();
        let f_state = alert.state.clone();
        let f_state_last_modified_at = alert.state_last_modified_at.clone();
        let f_state_last_modified_by = alert.state_last_modified_by.clone();
        let f_target = alert.target.clone();
        let f_tenant_id = alert.tenant_id.clone();
        let f_total_file_size = Some(total);
        let f_type_ = alert.type_.clone();
        let f_type_dollar = Some(
            if v2 {
                "ALERT_DETAILS_AGGREGATE_V2"
            } else {
                "ALERT_DETAILS_AGGREGATE"
            }
            .to_owned(),
        );
        let mut v = AlertAggregate::new(f_id);
        v.actor = f_actor;
        v.actor_id = f_actor_id;
        v.alert_url = f_alert_url;
        v.created_at = f_created_at;
        v.description = f_description;
        v.ffs_url_endpoint = f_ffs_url_endpoint;
        v.file_categories = f_file_categories;
        v.file_count = f_file_count;
        v.first_observation_at = f_first_observation_at;
        v.last_modified_by = f_last_modified_by;
        v.last_modified_time = f_last_modified_time;
        v.last_observation_at = f_last_observation_at;
        v.name = f_name;
        v.note = f_note;
        v.observation = f_observation;
        v.observations = f_observations;
        v.risk_severity = f_risk_severity;
        v.risk_severity_summary = f_risk_severity_summary;
        v.rule_id = f_rule_id;
        v.rule_source = f_rule_source;
        v.severity = f_severity;
        v.state = f_state;
        v.state_last_modified_at = f_state_last_modified_at;
        v.state_last_modified_by = f_state_last_modified_by;
        v.target = f_target;
        v.tenant_id = f_tenant_id;
        v.total_file_size = f_total_file_size;
        v.type_ = f_type_;
        v.type_dollar = f_type_dollar;
        v
    }
}

fn aggregate(ctx: &Ctx<'_>, v2: bool) -> Reply {
    let request: AlertIdRequest = match body(ctx) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let state = ctx.tenant.state();
    match state.alerts.get(&request.alert_id) {
        Some(alert) => Reply::json(
            200,
            &AlertAggregateResponse::new(aggregate_of(alert, &ctx.tenant.config.base_url, v2))
                .with_type(
                    if v2 {
                        "ALERT_DETAILS_IN_AGGREGATE_V2_RESPONSE"
                    } else {
                        "ALERT_DETAILS_IN_AGGREGATE_RESPONSE"
                    }
                    .to_owned(),
                ),
        ),
        None => message(404, &format!("Alert {} not found", request.alert_id)),
    }
}

/// `POST /svc/api/v1/query-details-aggregate` (one `observation`).
fn aggregate_v1(ctx: &Ctx<'_>) -> Reply {
    aggregate(ctx, false)
}

/// `POST /svc/api/v2/query-details-aggregate` (`observations`).
fn aggregate_v2(ctx: &Ctx<'_>) -> Reply {
    aggregate(ctx, true)
}

// ---------------------------------------------------------------------------------------------
// changes

/// Who is calling, as the service records it.
fn who(ctx: &Ctx<'_>) -> Option<String> {
    match &ctx.principal {
        Some(Principal::User(name)) => Some(name.clone()),
        Some(Principal::ApiClient(id) | Principal::Gateway(id)) => Some(id.clone()),
        None => None,
    }
}

fn set_note(alert: &mut AlertDetails, text: &str, by: &Option<String>) {
    let at = now();
    let id = alert
        .note
        .as_ref()
        .and_then(|n| n.id.clone())
        .unwrap_or_else(|| format!("note-{}", alert.id));
    alert.note = Some({
        let f_id = Some(id);
        let f_last_modified_at = at;
        let f_last_modified_by = by.clone();
        let f_message = Some(text.to_owned());
        let f_type_ = Some("NOTE".to_owned());
        let mut v = AlertNote::new();
        v.id = f_id;
        v.last_modified_at = f_last_modified_at;
        v.last_modified_by = f_last_modified_by;
        v.message = f_message;
        v.type_ = f_type_;
        v
    });
}

fn check_note(note: &Option<String>) -> Result<(), Reply> {
    match note {
        Some(n) if n.chars().count() > MAX_NOTE => Err(message(
            400,
            &format!(
                "A note must be shorter than 2000 characters, not {}",
                n.chars().count()
            ),
        )),
        _ => Ok(()),
    }
}

/// Sets the state (and the note, when one is given) of every alert named; unknown ids are a
/// 404 and change nothing.
fn change_state(
    ctx: &Ctx<'_>,
    tenant_id: &str,
    ids: &[String],
    state: AlertState,
    note: &Option<String>,
) -> Reply {
    if let Err(reply) = check_tenant(ctx, tenant_id)
        .and(check_ids(ids))
        .and(check_note(note))
    {
        return reply;
    }
    if !matches!(
        state,
        AlertState::Open | AlertState::Resolved | AlertState::Pending | AlertState::InProgress
    ) {
        return message(400, &format!("Unknown state {state}"));
    }
    let by = who(ctx);
    let mut data = ctx.tenant.state_mut();
    if let Some(missing) = ids.iter().find(|id| data.alerts.get(id).is_none()) {
        return message(404, &format!("Alert {missing} not found"));
    }
    let at = now();
    for id in ids {
        if let Some(alert) = data.alerts.get_mut(id) {
            alert.state = Some(state.clone());
            alert.state_last_modified_at = at.clone();
            alert.state_last_modified_by = by.clone();
            alert.last_modified_time = at.clone();
            alert.last_modified_by = by.clone();
            if let Some(text) = note {
                set_note(alert, text, &by);
            }
        }
    }
    Reply::json(200, &serde_json::json!({}))
}

/// `POST /svc/api/v1/update-state`.
fn update_state(ctx: &Ctx<'_>) -> Reply {
    match body::<UpdateStateRequest>(ctx) {
        Ok(r) => change_state(ctx, &r.tenant_id, &r.alert_ids, r.state, &r.note),
        Err(reply) => reply,
    }
}

/// `POST /svc/api/v1/resolve-alert`.
fn resolve_alert(ctx: &Ctx<'_>) -> Reply {
    match body::<AlertIdsNoteRequest>(ctx) {
        Ok(r) => change_state(
            ctx,
            &r.tenant_id,
            &r.alert_ids,
            AlertState::Resolved,
            &r.note,
        ),
        Err(reply) => reply,
    }
}

/// `POST /svc/api/v1/reopen-alert`.
fn reopen_alert(ctx: &Ctx<'_>) -> Reply {
    match body::<AlertIdsNoteRequest>(ctx) {
        Ok(r) => change_state(ctx, &r.tenant_id, &r.alert_ids, AlertState::Open, &r.note),
        Err(reply) => reply,
    }
}

/// `POST /svc/api/v1/add-note`: replaces the alert's note.
fn add_note(ctx: &Ctx<'_>) -> Reply {
    let request: AddNoteRequest = match body(ctx) {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let note = Some(request.note);
    if let Err(reply) = check_tenant(ctx, &request.tenant_id).and(check_note(&note)) {
        return reply;
    }
    let by = who(ctx);
    let mut data = ctx.tenant.state_mut();
    match data.alerts.get_mut(&request.alert_id) {
        Some(alert) => {
            set_note(alert, note.as_deref().unwrap_or_default(), &by);
            Reply::json(200, &serde_json::json!({}))
        }
        None => message(404, &format!("Alert {} not found", request.alert_id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_alerts_are_deterministic_and_look_real() {
        let users = super::super::seed::generate(42, 30, "admin@example.com").users;
        let rules = super::super::alert_rules::seed(42, "T", &users);
        let a = seed(42, 50, "T", &users, &rules);
        let b = seed(42, 50, "T", &users, &rules);
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
        assert_eq!(seed(42, 10, "T", &users, &rules)[..], a[..10]);
        assert!(a.iter().any(|x| x.state == Some(AlertState::Open)));
        assert!(a.iter().any(|x| x.state == Some(AlertState::Resolved)));
        let data = a[0].observations.as_ref().unwrap()[0].data.clone();
        let decoded = code42::alerts::observation_data(data.as_ref())
            .unwrap()
            .unwrap();
        assert!(decoded.file_count.unwrap_or(0) >= 1);
        assert_eq!(
            observation_spelling(&Some(RuleType::FedEndpointExfiltration)).as_deref(),
            Some("FedEndpointExfiltration")
        );
    }
}
