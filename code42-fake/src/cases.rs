//! Cases routes (`CASES_API-URL`, mounted under `/svc/cases_api-url`): `/api/v1/case…`.
//!
//! Follows the real service as `shared/reference/security.md` §3 describes it: numbers from 1,
//! listings paged by `pgNum` (from 1) and `pgSize` (default 500) without descriptions and
//! findings, a PUT that clears every field it is not sent, a closed case that refuses edits
//! (`NO_EDITS_ONCE_CLOSED` in a Spring error body; `CASE_IS_CLOSED` for file events), and the
//! error bodies py42's tests record (`{"problem": "NAME_EXISTS", "description": null}` …).
//! Where the real service's answer is not recorded (an unknown case, an empty name), the fake
//! answers a `problem` body of its own: `CASE_NOT_FOUND` (404), `INVALID_NAME`,
//! `FINDINGS_TOO_LONG`, `INVALID_STATUS`, `INVALID_REQUEST` (400).
//!
//! Adding an event id the fake never saw stores an abbreviated event derived from the id (the
//! fake has no file-event store yet). Exports are a one-page PDF and a CSV built from the case.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use serde_json::Value;
use time::OffsetDateTime;

use super::auth::Principal;
use super::http::{Access, Ctx, Reply, Route, parse_bool};
use code42::Timestamp;
use code42::wire::cases::types::{
    Case, CaseFileEvent, CaseFileEventDetail, CaseFileEventList, CaseList, CaseProblem,
    CaseSortKey, CaseStatus, CreateCaseRequest, ExposureType, FileAvailability, ServiceError,
    SortDirection, UpdateCaseRequest,
};

/// Cases per page when `pgSize` is absent (the service's default).
pub(crate) const DEFAULT_PAGE_SIZE: usize = 500;
/// Largest `pgSize` accepted.
pub(crate) const MAX_PAGE_SIZE: usize = 1000;
const NAME_MAX: usize = 50;
const DESCRIPTION_MAX: usize = 250;
const FINDINGS_MAX: usize = 30_000;

/// The cases and their file events.
#[derive(Clone, Debug, Default)]
pub(crate) struct CaseStore {
    /// By number, with descriptions and findings.
    cases: BTreeMap<i64, Case>,
    /// By case number, in the order they were added.
    events: BTreeMap<i64, Vec<CaseFileEvent>>,
    next_number: i64,
}

impl CaseStore {
    /// A store holding `seeded` cases.
    pub fn new(seeded: Vec<(Case, Vec<CaseFileEvent>)>) -> CaseStore {
        let mut store = CaseStore {
            next_number: super::seed::FIRST_CASE_NUMBER,
            ..CaseStore::default()
        };
        for (case, events) in seeded {
            store.next_number = store.next_number.max(case.number + 1);
            store.events.insert(case.number, events);
            store.cases.insert(case.number, case);
        }
        store
    }

    /// Every case, ordered by number.
    pub fn all(&self) -> Vec<Case> {
        self.cases.values().cloned().collect()
    }

    /// A case's file events.
    pub fn events(&self, number: i64) -> Option<Vec<CaseFileEvent>> {
        self.cases
            .contains_key(&number)
            .then(|| self.events.get(&number).cloned().unwrap_or_default())
    }
}

/// The case routes (the export before `{eventId}`, which would match it too).
pub(crate) fn routes() -> Vec<Route> {
    vec![
        Route::get("/api/v1/case", Access::Bearer, list),
        Route::post("/api/v1/case", Access::Bearer, create),
        Route::get("/api/v1/case/{caseNumber}", Access::Bearer, get),
        Route::new("PUT", "/api/v1/case/{caseNumber}", Access::Bearer, update),
        Route::get(
            "/api/v1/case/{caseNumber}/export",
            Access::Bearer,
            export_summary,
        ),
        Route::get(
            "/api/v1/case/{caseNumber}/fileevent",
            Access::Bearer,
            list_events,
        ),
        Route::get(
            "/api/v1/case/{caseNumber}/fileevent/export",
            Access::Bearer,
            export_events,
        ),
        Route::post(
            "/api/v1/case/{caseNumber}/fileevent/{eventId}",
            Access::Bearer,
            add_event,
        ),
        Route::get(
            "/api/v1/case/{caseNumber}/fileevent/{eventId}",
            Access::Bearer,
            get_event,
        ),
        Route::new(
            "DELETE",
            "/api/v1/case/{caseNumber}/fileevent/{eventId}",
            Access::Bearer,
            remove_event,
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// replies

/// `{"problem": …, "description": …}`, the service's own error body.
fn problem(status: u16, code: &str, description: Option<&str>) -> Reply {
    Reply::json(status, &{
        let mut v = CaseProblem::new(code.to_owned());
        v.description = description.map(str::to_owned);
        v
    })
}

/// The Spring error body the update answers for a closed case.
fn spring_error(status: u16, error: &str, message: &str) -> Reply {
    let timestamp = OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]+00:00"
        ))
        .ok();
    Reply::json(status, &{
        let mut v = ServiceError::new()
            .with_error(error.to_owned())
            .with_message(message.to_owned())
            .with_path("/api/v1/case".to_owned())
            .with_status(i32::from(status));
        v.timestamp = timestamp;
        v
    })
}

fn no_content() -> Reply {
    Reply {
        status: 204,
        content_type: "",
        headers: Vec::new(),
        body: Vec::new(),
    }
}

fn not_found(number: i64) -> Reply {
    problem(404, "CASE_NOT_FOUND", Some(&format!("No case {number}")))
}

/// The `caseNumber` path parameter.
fn number(ctx: &Ctx<'_>) -> Result<i64, Reply> {
    let text = ctx.param("caseNumber").unwrap_or_default();
    text.parse().map_err(|_| {
        problem(
            400,
            "INVALID_REQUEST",
            Some(&format!("caseNumber must be a number, not {text}")),
        )
    })
}

/// Now, as the service writes timestamps (microseconds, UTC).
fn now() -> Option<Timestamp> {
    OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
        ))
        .ok()?
        .parse()
        .ok()
}

/// The JSON body as an object with every one of `keys` present: a missing key is `null`, as
/// the real service reads it.
fn body_with_nulls(ctx: &Ctx<'_>, keys: &[&str]) -> Result<Value, Reply> {
    let invalid = |detail: String| problem(400, "INVALID_REQUEST", Some(&detail));
    let mut value: Value = serde_json::from_slice(&ctx.req.body)
        .map_err(|e| invalid(format!("the body is not JSON: {e}")))?;
    let object = value
        .as_object_mut()
        .ok_or_else(|| invalid("the body must be a JSON object".into()))?;
    for key in keys {
        object.entry(*key).or_insert(Value::Null);
    }
    Ok(value)
}

/// Who made the request: a user's uid and username, or an API client's id twice.
fn actor(
    ctx: &Ctx<'_>,
    users: &[code42::wire::authority::types::User],
) -> (Option<String>, Option<String>) {
    match &ctx.principal {
        Some(Principal::User(name)) => users
            .iter()
            .find(|u| u.username.eq_ignore_ascii_case(name))
            .map_or((None, Some(name.clone())), |u| {
                (Some(u.user_uid.clone()), Some(u.username.clone()))
            }),
        Some(Principal::ApiClient(id) | Principal::Gateway(id)) => {
            (Some(id.clone()), Some(id.clone()))
        }
        None => (None, None),
    }
}

/// The editable fields create and update share.
struct Fields<'a> {
    name: &'a str,
    description: Option<&'a str>,
    findings: Option<&'a str>,
    subject: Option<&'a str>,
    assignee: Option<&'a str>,
}

/// Checks `fields` for case `number` (`None` for a new case); `Ok` carries the usernames of
/// the subject and assignee.
fn check_fields(
    store: &CaseStore,
    users: &[code42::wire::authority::types::User],
    number: Option<i64>,
    fields: Fields<'_>,
) -> Result<(Option<String>, Option<String>), Reply> {
    let Fields {
        name,
        description,
        findings,
        subject,
        assignee,
    } = fields;
    if name.trim().is_empty() || name.chars().count() > NAME_MAX {
        return Err(problem(
            400,
            "INVALID_NAME",
            Some("name must be 1 to 50 characters"),
        ));
    }
    if store
        .cases
        .values()
        .any(|c| c.name == name && Some(c.number) != number)
    {
        return Err(problem(400, "NAME_EXISTS", None));
    }
    if description.is_some_and(|d| d.chars().count() > DESCRIPTION_MAX) {
        return Err(problem(400, "DESCRIPTION_TOO_LONG", None));
    }
    if findings.is_some_and(|f| f.chars().count() > FINDINGS_MAX) {
        return Err(problem(400, "FINDINGS_TOO_LONG", None));
    }
    let username = |uid: Option<&str>, which: &str| -> Result<Option<String>, Reply> {
        match uid {
            None => Ok(None),
            Some(uid) => users
                .iter()
                .find(|u| u.user_uid == uid)
                .map(|u| Some(u.username.clone()))
                .ok_or_else(|| {
                    problem(
                        400,
                        "INVALID_USER",
                        Some(&format!("{which} validation failed")),
                    )
                }),
        }
    };
    Ok((
        username(subject, "subject")?,
        username(assignee, "assignee")?,
    ))
}

// ---------------------------------------------------------------------------------------------
// cases

/// `POST /api/v1/case`.
fn create(ctx: &Ctx<'_>) -> Reply {
    let keys = ["name", "description", "findings", "subject", "assignee"];
    let request: CreateCaseRequest = match body_with_nulls(ctx, &keys)
        .and_then(|v| serde_json::from_value(v).map_err(|e| invalid_body(&e)))
    {
        Ok(r) => r,
        Err(reply) => return reply,
    };
    let mut state = ctx.tenant.state_mut();
    let super::State { users, cases, .. } = &mut *state;
    let fields = Fields {
        name: &request.name,
        description: request.description.as_deref(),
        findings: request.findings.as_deref(),
        subject: request.subject.as_deref(),
        assignee: request.assignee.as_deref(),
    };
    let (subject_username, assignee_username) = match check_fields(cases, users, None, fields) {
        Ok(names) => names,
        Err(reply) => return reply,
    };
    let (by_uid, by_name) = actor(ctx, users);
    let at = now();
    let number = cases.next_number;
    cases.next_number += 1;
    let case = {
        let mut v = Case::new(request.name, number, CaseStatus::Open);
        v.assignee = request.assignee;
        v.assignee_username = assignee_username;
        v.created_at = at.clone();
        v.created_by_user_uid = by_uid.clone();
        v.created_by_username = by_name.clone();
        v.description = request.description;
        v.findings = request.findings;
        v.last_modified_by_user_uid = by_uid;
        v.last_modified_by_username = by_name;
        v.subject = request.subject;
        v.subject_username = subject_username;
        v.updated_at = at;
        v
    };
    cases.cases.insert(number, case.clone());
    cases.events.insert(number, Vec::new());
    drop(state);
    Reply::json(200, &case)
}

fn invalid_body(e: &serde_json::Error) -> Reply {
    problem(400, "INVALID_REQUEST", Some(&e.to_string()))
}

/// `GET /api/v1/case/{caseNumber}`.
fn get(ctx: &Ctx<'_>) -> Reply {
    let number = match number(ctx) {
        Ok(n) => n,
        Err(reply) => return reply,
    };
    let found = ctx.tenant.state().cases.cases.get(&number).cloned();
    match found {
        Some(case) => Reply::json(200, &case),
        None => not_found(number),
    }
}

/// `PUT /api/v1/case/{caseNumber}`: every field not sent is cleared; a closed case refuses.
fn update(ctx: &Ctx<'_>) -> Reply {
    let number = match number(ctx) {
        Ok(n) => n,
        Err(reply) => return reply,
    };
    let keys = [
        "name",
        "description",
        "findings",
        "subject",
        "assignee",
        "status",
    ];
    let body = match body_with_nulls(ctx, &keys) {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let mut state = ctx.tenant.state_mut();
    let super::State { users, cases, .. } = &mut *state;
    let Some(current) = cases.cases.get(&number) else {
        return not_found(number);
    };
    if current.status == CaseStatus::Closed {
        return spring_error(400, "Bad Request", "NO_EDITS_ONCE_CLOSED");
    }
    if body.get("name").is_none_or(Value::is_null) {
        return problem(400, "INVALID_NAME", Some("name is required"));
    }
    if body.get("status").is_none_or(Value::is_null) {
        return problem(400, "INVALID_STATUS", Some("status is required"));
    }
    let request: UpdateCaseRequest = match serde_json::from_value(body) {
        Ok(r) => r,
        Err(e) => return invalid_body(&e),
    };
    if !matches!(request.status, CaseStatus::Open | CaseStatus::Closed) {
        return problem(400, "INVALID_STATUS", Some("status must be OPEN or CLOSED"));
    }
    let fields = Fields {
        name: &request.name,
        description: request.description.as_deref(),
        findings: request.findings.as_deref(),
        subject: request.subject.as_deref(),
        assignee: request.assignee.as_deref(),
    };
    let (subject_username, assignee_username) =
        match check_fields(cases, users, Some(number), fields) {
            Ok(names) => names,
            Err(reply) => return reply,
        };
    let (by_uid, by_name) = actor(ctx, users);
    let Some(case) = cases.cases.get_mut(&number) else {
        return not_found(number);
    };
    case.name = request.name;
    case.description = request.description;
    case.findings = request.findings;
    case.subject = request.subject;
    case.subject_username = subject_username;
    case.assignee = request.assignee;
    case.assignee_username = assignee_username;
    case.status = request.status;
    case.updated_at = now();
    case.last_modified_by_user_uid = by_uid;
    case.last_modified_by_username = by_name;
    let case = case.clone();
    drop(state);
    Reply::json(200, &case)
}

/// The filters of `GET /api/v1/case`.
struct Filter {
    name: Option<String>,
    status: Option<CaseStatus>,
    subject: Option<String>,
    assignee: Option<String>,
    is_assigned: Option<bool>,
    last_modified_by: Option<String>,
    created: Option<(Timestamp, Timestamp)>,
    updated: Option<(Timestamp, Timestamp)>,
}

impl Filter {
    fn from_query(ctx: &Ctx<'_>) -> Result<Filter, Reply> {
        let text = |name: &str| {
            ctx.req
                .query(name)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let range = |name: &str| -> Result<Option<(Timestamp, Timestamp)>, Reply> {
            let Some(value) = text(name) else {
                return Ok(None);
            };
            let bad = || {
                problem(
                    400,
                    "INVALID_REQUEST",
                    Some(&format!("{name} must be <start>/<end>, not {value}")),
                )
            };
            let (start, end) = value.split_once('/').ok_or_else(bad)?;
            Ok(Some((
                start.parse().map_err(|_| bad())?,
                end.parse().map_err(|_| bad())?,
            )))
        };
        let is_assigned = match ctx.req.query("isAssigned") {
            None | Some("") => None,
            Some(v) => Some(parse_bool(v).ok_or_else(|| {
                problem(
                    400,
                    "INVALID_REQUEST",
                    Some(&format!("isAssigned must be true or false, not {v}")),
                )
            })?),
        };
        Ok(Filter {
            name: text("name").map(|n| n.to_lowercase()),
            status: text("status").map(|s| s.parse().unwrap_or(CaseStatus::Unknown(s))),
            subject: text("subject"),
            assignee: text("assignee"),
            is_assigned,
            last_modified_by: text("lastModifiedBy"),
            created: range("createdAt")?,
            updated: range("updatedAt")?,
        })
    }

    fn matches(&self, c: &Case) -> bool {
        let within = |range: &Option<(Timestamp, Timestamp)>, at: &Option<Timestamp>| {
            range
                .as_ref()
                .is_none_or(|(from, to)| at.as_ref().is_some_and(|t| from <= t && t <= to))
        };
        self.name
            .as_deref()
            .is_none_or(|n| c.name.to_lowercase().contains(n))
            && self.status.as_ref().is_none_or(|s| &c.status == s)
            && self
                .subject
                .as_deref()
                .is_none_or(|s| c.subject.as_deref() == Some(s))
            && self
                .assignee
                .as_deref()
                .is_none_or(|a| c.assignee.as_deref() == Some(a))
            && self.is_assigned.is_none_or(|a| c.assignee.is_some() == a)
            && self
                .last_modified_by
                .as_deref()
                .is_none_or(|m| c.last_modified_by_user_uid.as_deref() == Some(m))
            && within(&self.created, &c.created_at)
            && within(&self.updated, &c.updated_at)
    }
}

/// A number query parameter; absent or empty gives `None`.
fn query_number(ctx: &Ctx<'_>, name: &str) -> Result<Option<i64>, Reply> {
    match ctx.req.query(name) {
        None | Some("") => Ok(None),
        Some(v) => v.trim().parse().map(Some).map_err(|_| {
            problem(
                400,
                "INVALID_REQUEST",
                Some(&format!("{name} must be a number, not {v}")),
            )
        }),
    }
}

/// `GET /api/v1/case`: filtered, sorted (`srtKey`, `srtDir`; default number ascending), paged
/// by `pgNum` (from 1) and `pgSize`; listed cases have no description or findings.
fn list(ctx: &Ctx<'_>) -> Reply {
    let filter = match Filter::from_query(ctx) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let key = match ctx.req.query("srtKey").filter(|k| !k.is_empty()) {
        None => CaseSortKey::Number,
        Some(k) => match k.parse::<CaseSortKey>() {
            Ok(CaseSortKey::Unknown(_)) | Err(_) => {
                return problem(400, "INVALID_REQUEST", Some(&format!("unknown srtKey {k}")));
            }
            Ok(key) => key,
        },
    };
    let descending = match ctx.req.query("srtDir").map(str::to_ascii_lowercase) {
        None => false,
        Some(d) => match d.parse::<SortDirection>() {
            Ok(SortDirection::Asc) => false,
            Ok(SortDirection::Desc) => true,
            _ => {
                return problem(400, "INVALID_REQUEST", Some(&format!("unknown srtDir {d}")));
            }
        },
    };
    let page = match query_number(ctx, "pgNum") {
        Ok(p) => usize::try_from(p.unwrap_or(1).max(1)).unwrap_or(usize::MAX),
        Err(reply) => return reply,
    };
    let size = match query_number(ctx, "pgSize") {
        Ok(None) => DEFAULT_PAGE_SIZE,
        Ok(Some(s)) if (1..=MAX_PAGE_SIZE as i64).contains(&s) => s as usize,
        Ok(Some(s)) => {
            return problem(
                400,
                "INVALID_REQUEST",
                Some(&format!(
                    "pgSize must be between 1 and {MAX_PAGE_SIZE}, not {s}"
                )),
            );
        }
        Err(reply) => return reply,
    };
    let state = ctx.tenant.state();
    let mut matching: Vec<&Case> = state
        .cases
        .cases
        .values()
        .filter(|c| filter.matches(c))
        .collect();
    matching.sort_by(|a, b| {
        let order = match &key {
            CaseSortKey::Name => a.name.cmp(&b.name),
            CaseSortKey::CreatedAt => a.created_at.cmp(&b.created_at),
            CaseSortKey::UpdatedAt => a.updated_at.cmp(&b.updated_at),
            CaseSortKey::Status => a.status.as_str().cmp(b.status.as_str()),
            CaseSortKey::AssigneeUsername => a.assignee_username.cmp(&b.assignee_username),
            CaseSortKey::SubjectUsername => a.subject_username.cmp(&b.subject_username),
            _ => std::cmp::Ordering::Equal,
        }
        .then(a.number.cmp(&b.number));
        if descending { order.reverse() } else { order }
    });
    let total = matching.len();
    let cases: Vec<Case> = matching
        .into_iter()
        .skip(ctx.shifted((page - 1).saturating_mul(size)))
        .take(size)
        .map(|c| {
            let mut c = c.clone();
            c.description = None;
            c.findings = None;
            c
        })
        .collect();
    drop(state);
    Reply::json(
        200,
        &CaseList::new(cases).with_total_count(i64::try_from(total).unwrap_or(i64::MAX)),
    )
}

// ---------------------------------------------------------------------------------------------
// file events

/// `GET /api/v1/case/{caseNumber}/fileevent`: every event, not paged.
fn list_events(ctx: &Ctx<'_>) -> Reply {
    let number = match number(ctx) {
        Ok(n) => n,
        Err(reply) => return reply,
    };
    let events = ctx.tenant.state().cases.events(number);
    match events {
        Some(events) => Reply::json(200, &{
            let total = i64::try_from(events.len()).unwrap_or(i64::MAX);
            CaseFileEventList::new(events).with_total_count(total)
        }),
        None => not_found(number),
    }
}

/// An abbreviated event for an id the fake has not seen, derived from the id.
fn event_for(event_id: &str) -> CaseFileEvent {
    let mut hasher = DefaultHasher::new();
    event_id.hash(&mut hasher);
    let h = hasher.finish();
    const FILES: &[&str] = &["report.pdf", "notes.txt", "export.csv", "archive.zip"];
    let file = FILES
        .get((h % FILES.len() as u64) as usize)
        .copied()
        .unwrap_or("file.bin");
    // Some time in 2024, from the id.
    let at = OffsetDateTime::from_unix_timestamp(1_704_067_200 + (h % 31_536_000) as i64)
        .ok()
        .and_then(|t| {
            t.format(time::macros::format_description!(
                "[year]-[month]-[day]T[hour]:[minute]:[second].000Z"
            ))
            .ok()
        })
        .and_then(|t| t.parse().ok());
    {
        let mut v = CaseFileEvent::new(event_id.to_owned())
            .with_exposure(vec![ExposureType::RemovableMedia])
            .with_file_availability(FileAvailability::ExactFileAvailable)
            .with_file_name(file.to_owned())
            .with_file_path("C:/Users/user/Documents/".to_owned())
            .with_risk_indicators(Vec::new());
        v.event_timestamp = at;
        v
    }
}

/// `POST /api/v1/case/{caseNumber}/fileevent/{eventId}`: 204; 400 `CASE_ALREADY_HAS_EVENT` or
/// `CASE_IS_CLOSED`.
fn add_event(ctx: &Ctx<'_>) -> Reply {
    let number = match number(ctx) {
        Ok(n) => n,
        Err(reply) => return reply,
    };
    let event_id = ctx.param("eventId").unwrap_or_default().to_owned();
    let mut state = ctx.tenant.state_mut();
    let store = &mut state.cases;
    match store.cases.get(&number) {
        None => return not_found(number),
        Some(c) if c.status == CaseStatus::Closed => {
            return problem(400, "CASE_IS_CLOSED", None);
        }
        Some(_) => {}
    }
    let events = store.events.entry(number).or_default();
    if events.iter().any(|e| e.event_id == event_id) {
        return problem(400, "CASE_ALREADY_HAS_EVENT", None);
    }
    events.push(event_for(&event_id));
    no_content()
}

/// `GET /api/v1/case/{caseNumber}/fileevent/{eventId}`.
fn get_event(ctx: &Ctx<'_>) -> Reply {
    let number = match number(ctx) {
        Ok(n) => n,
        Err(reply) => return reply,
    };
    let event_id = ctx.param("eventId").unwrap_or_default();
    let Some(events) = ctx.tenant.state().cases.events(number) else {
        return not_found(number);
    };
    match events.into_iter().find(|e| e.event_id == event_id) {
        Some(e) => match event_detail(ctx, &e) {
            Some(detail) => Reply::json(200, &detail),
            None => problem(500, "INTERNAL_ERROR", Some("cannot build the event")),
        },
        None => problem(
            404,
            "EVENT_NOT_FOUND",
            Some(&format!("Case {number} has no event {event_id}")),
        ),
    }
}

/// A case's event as the real service answers for one event: the whole v2 file event. Events of
/// the tenant's file-event store are served as the search serves them; others (ids a test made
/// up) from the case's abbreviated fields.
fn event_detail(ctx: &Ctx<'_>, e: &CaseFileEvent) -> Option<CaseFileEventDetail> {
    let store = ctx.tenant.events();
    if let Some(index) = store.index_of(&e.event_id) {
        return Some(store.event_v2_as_served(&store.facts(index)));
    }
    let body = serde_json::json!({
        "@timestamp": e.event_timestamp,
        "event": { "id": e.event_id },
        "file": { "name": e.file_name, "directory": e.file_path },
        "risk": { "score": e.risk_score, "severity": e.risk_severity },
    });
    serde_json::from_value(body).ok()
}

/// `DELETE /api/v1/case/{caseNumber}/fileevent/{eventId}`: 204; 400 `CASE_IS_CLOSED`.
fn remove_event(ctx: &Ctx<'_>) -> Reply {
    let number = match number(ctx) {
        Ok(n) => n,
        Err(reply) => return reply,
    };
    let event_id = ctx.param("eventId").unwrap_or_default();
    let mut state = ctx.tenant.state_mut();
    let store = &mut state.cases;
    match store.cases.get(&number) {
        None => return not_found(number),
        Some(c) if c.status == CaseStatus::Closed => {
            return problem(400, "CASE_IS_CLOSED", None);
        }
        Some(_) => {}
    }
    let events = store.events.entry(number).or_default();
    let before = events.len();
    events.retain(|e| e.event_id != event_id);
    if events.len() == before {
        return problem(
            404,
            "EVENT_NOT_FOUND",
            Some(&format!("Case {number} has no event {event_id}")),
        );
    }
    no_content()
}

// ---------------------------------------------------------------------------------------------
// exports

/// `GET /api/v1/case/{caseNumber}/export`: a one-page PDF summary.
fn export_summary(ctx: &Ctx<'_>) -> Reply {
    let number = match number(ctx) {
        Ok(n) => n,
        Err(reply) => return reply,
    };
    let found = ctx.tenant.state().cases.cases.get(&number).cloned();
    let Some(case) = found else {
        return not_found(number);
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_owned());
    let mut lines = vec![
        format!("Case {}: {}", case.number, case.name),
        format!("Status: {}", case.status),
        format!("Subject: {}", text(&case.subject_username)),
        format!("Assignee: {}", text(&case.assignee_username)),
        format!(
            "Created: {}",
            case.created_at.as_ref().map_or("-", Timestamp::as_str)
        ),
        String::new(),
        "Description".to_owned(),
    ];
    lines.extend(wrap(&text(&case.description), 90));
    lines.push(String::new());
    lines.push("Findings".to_owned());
    lines.extend(wrap(&text(&case.findings), 90));
    Reply {
        status: 200,
        content_type: "application/pdf",
        headers: vec![(
            "Content-Disposition".to_owned(),
            format!("attachment; filename=\"Case-{number}.pdf\""),
        )],
        body: pdf(&lines),
    }
}

/// `GET /api/v1/case/{caseNumber}/fileevent/export`: the case's events as CSV.
fn export_events(ctx: &Ctx<'_>) -> Reply {
    let number = match number(ctx) {
        Ok(n) => n,
        Err(reply) => return reply,
    };
    let Some(events) = ctx.tenant.state().cases.events(number) else {
        return not_found(number);
    };
    let mut csv =
        String::from("eventId,eventTimestamp,fileName,filePath,exposure,fileAvailability\r\n");
    for e in &events {
        let exposure: Vec<&str> = e.exposure.iter().flatten().map(|x| x.as_str()).collect();
        let cells = [
            e.event_id.clone(),
            e.event_timestamp
                .as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
            e.file_name.clone().unwrap_or_default(),
            e.file_path.clone().unwrap_or_default(),
            exposure.join(";"),
            e.file_availability
                .as_ref()
                .map(|f| f.as_str().to_owned())
                .unwrap_or_default(),
        ];
        let row: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        csv.push_str(&row.join(","));
        csv.push_str("\r\n");
    }
    Reply {
        status: 200,
        content_type: "text/csv",
        headers: vec![(
            "Content-Disposition".to_owned(),
            format!("attachment; filename=\"Case-{number}-file-events.csv\""),
        )],
        body: csv.into_bytes(),
    }
}

/// One CSV cell, quoted when it needs to be (RFC 4180).
fn csv_cell(cell: &str) -> String {
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

/// Splits `text` into lines of at most `width` characters at spaces (and at line breaks).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// A one-page PDF 1.4 document showing `lines` in Helvetica (non-ASCII shown as `?`; lines past
/// the page end are dropped).
fn pdf(lines: &[String]) -> Vec<u8> {
    const MAX_LINES: usize = 50;
    let mut content = String::from("BT\n/F1 11 Tf\n14 TL\n56 760 Td\n");
    for line in lines.iter().take(MAX_LINES) {
        let escaped: String = line
            .chars()
            .map(|c| match c {
                '(' | ')' | '\\' => format!("\\{c}"),
                ' '..='~' => c.to_string(),
                _ => "?".to_owned(),
            })
            .collect();
        content.push_str(&format!("({escaped}) Tj T*\n"));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
         /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        table.push_str(&format!("{offset:010} 00000 n \n"));
    }
    table.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.extend_from_slice(table.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pdf_has_a_correct_cross_reference_table() {
        let bytes = pdf(&["Case 1: (a) \\ b".into(), "é".into()]);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("%PDF-1.4\n") && text.ends_with("%%EOF\n"));
        let startxref: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert!(text[startxref..].starts_with("xref\n0 6\n"));
        for (i, line) in text[startxref..].lines().skip(3).take(5).enumerate() {
            let offset: usize = line[..10].parse().unwrap();
            assert!(
                text[offset..].starts_with(&format!("{} 0 obj", i + 1)),
                "object {}",
                i + 1
            );
        }
        assert!(text.contains("(Case 1: \\(a\\) \\\\ b) Tj"));
        assert!(text.contains("(?) Tj"));
    }

    #[test]
    fn csv_cells_are_quoted_when_needed() {
        assert_eq!(csv_cell("a"), "a");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
