//! `client.cases()` against the fake tenant: whole flows over real HTTP with in-memory state.

use code42::cases::{Case, CaseFilter, CaseStatus, CaseUpdate, NewCase};
use code42::{ApiErrorKind, Client, Error, Host, Method};
use code42_fake::FakeTenant;
use serde_json::json;

const CASES: Host = Host::Service("CASES_API-URL");

fn client_for(tenant: &FakeTenant) -> Client {
    Client::builder(tenant.url())
        .local_account(tenant.username(), tenant.password())
        .env_lookup(|_| None)
        .no_rate_limit()
        .build()
        .unwrap()
}

/// A case as a listing shows it.
fn listed(mut case: Case) -> Case {
    case.description = None;
    case.findings = None;
    case
}

fn case_requests(tenant: &FakeTenant, method: &str) -> usize {
    tenant
        .requests()
        .iter()
        .filter(|r| r.method == method && r.path.starts_with("/svc/cases_api-url/api/v1/case"))
        .count()
}

#[test]
fn listing_pages_through_the_seeded_cases() {
    let tenant = FakeTenant::builder().cases(23).start().unwrap();
    let client = client_for(&tenant);
    let all: Vec<Case> = client
        .cases()
        .list(&CaseFilter::new().page_size(10))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let expected: Vec<Case> = tenant.cases().into_iter().map(listed).collect();
    assert_eq!(all.len(), 23);
    assert_eq!(all, expected);
    assert_eq!(
        case_requests(&tenant, "GET"),
        3,
        "two full pages and a short one"
    );

    let closed: Vec<i64> = client
        .cases()
        .list(&CaseFilter::new().status(CaseStatus::Closed))
        .unwrap()
        .map(|c| c.unwrap().number)
        .collect();
    let expected_closed: Vec<i64> = tenant
        .cases()
        .iter()
        .filter(|c| c.status == CaseStatus::Closed)
        .map(|c| c.number)
        .collect();
    assert!(!expected_closed.is_empty());
    assert_eq!(closed, expected_closed);

    let admin = tenant.users()[0].user_uid.clone();
    let mine = client
        .cases()
        .list(&CaseFilter::new().assignee(admin.clone()))
        .unwrap()
        .count();
    let expected_mine = tenant
        .cases()
        .iter()
        .filter(|c| c.assignee.as_deref() == Some(admin.as_str()))
        .count();
    assert_eq!(mine, expected_mine);
    let unassigned = client
        .cases()
        .list(&CaseFilter::new().is_assigned(false))
        .unwrap()
        .count();
    assert_eq!(
        unassigned,
        tenant
            .cases()
            .iter()
            .filter(|c| c.assignee.is_none())
            .count()
    );
}

#[test]
fn a_created_case_is_listed_and_read_back() {
    let tenant = FakeTenant::start().unwrap();
    let client = client_for(&tenant);
    let users = tenant.users();
    let subject = &users[3];
    let created = client
        .cases()
        .create(
            NewCase::new("Flow test case")
                .description("created by a test")
                .subject(subject.user_uid.clone()),
        )
        .unwrap();
    assert_eq!(created.number, code42_fake::DEFAULT_CASES as i64 + 1);
    assert_eq!(created.status, CaseStatus::Open);
    assert_eq!(
        created.subject_username.as_deref(),
        Some(subject.username.as_str())
    );
    assert_eq!(
        created.created_by_username.as_deref(),
        Some(tenant.username())
    );

    let found: Vec<Case> = client
        .cases()
        .list(&CaseFilter::new().name("flow TEST"))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(found, vec![listed(created.clone())]);
    assert_eq!(client.cases().get(created.number).unwrap(), created);

    let again = client
        .cases()
        .create(NewCase::new("Flow test case"))
        .unwrap_err();
    assert_eq!(again.api_kind(), Some(ApiErrorKind::CaseNameExists));
    let nobody = client
        .cases()
        .create(NewCase::new("Another").assignee("999"))
        .unwrap_err();
    assert_eq!(nobody.api_kind(), Some(ApiErrorKind::InvalidCaseUser));
    assert_eq!(
        nobody.api().unwrap().message(),
        "assignee validation failed"
    );
}

#[test]
fn an_update_changes_what_it_sets_clears_what_it_clears_and_keeps_the_rest() {
    let tenant = FakeTenant::start().unwrap();
    let client = client_for(&tenant);
    let before = tenant
        .cases()
        .into_iter()
        .find(|c| c.status == CaseStatus::Open && c.assignee.is_some() && c.findings.is_some())
        .or_else(|| {
            tenant
                .cases()
                .into_iter()
                .find(|c| c.status == CaseStatus::Open)
        })
        .unwrap();
    let updated = client
        .cases()
        .update(
            before.number,
            CaseUpdate::new()
                .description("rewritten")
                .clear_findings()
                .unassign(),
        )
        .unwrap();
    let after = client.cases().get(before.number).unwrap();
    assert_eq!(after, updated);
    assert_eq!(after.description.as_deref(), Some("rewritten"));
    assert_eq!(
        (after.findings.as_ref(), after.assignee.as_ref()),
        (None, None)
    );
    assert_eq!(after.assignee_username, None);
    // untouched
    assert_eq!(
        (&after.name, &after.subject, &after.status),
        (&before.name, &before.subject, &before.status)
    );
    assert!(after.updated_at > before.updated_at);

    // The fake, like the real API, clears what a PUT leaves out: why `update` sends everything.
    let raw: Case = client
        .raw(
            Method::Put,
            CASES,
            &format!("/api/v1/case/{}", before.number),
        )
        .body(&json!({"name": before.name, "status": "OPEN"}))
        .json()
        .unwrap();
    assert_eq!((raw.description, raw.subject), (None, None));
}

#[test]
fn a_closed_case_refuses_edits_but_close_is_idempotent() {
    let tenant = FakeTenant::start().unwrap();
    let client = client_for(&tenant);
    let open = tenant
        .cases()
        .into_iter()
        .find(|c| c.status == CaseStatus::Open)
        .unwrap();
    let closed = client.cases().close(open.number).unwrap();
    assert_eq!(closed.status, CaseStatus::Closed);
    assert_eq!(
        (&closed.name, &closed.description, &closed.subject),
        (&open.name, &open.description, &open.subject)
    );

    let puts = case_requests(&tenant, "PUT");
    let refused = client
        .cases()
        .update(open.number, CaseUpdate::new().status(CaseStatus::Open))
        .unwrap_err();
    assert!(
        matches!(
            refused,
            Error::InvalidInput {
                argument: "case_number",
                ..
            }
        ),
        "{refused:?}"
    );
    assert_eq!(client.cases().close(open.number).unwrap(), closed);
    assert_eq!(case_requests(&tenant, "PUT"), puts, "nothing was sent");

    // Sent anyway, the server refuses with its Spring-style body.
    let err = client
        .raw(Method::Put, CASES, &format!("/api/v1/case/{}", open.number))
        .body(&json!({"name": "x", "description": null, "findings": null,
                      "subject": null, "assignee": null, "status": "OPEN"}))
        .json::<Case>()
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::UpdateClosedCase));
    assert_eq!(err.api().unwrap().message(), "NO_EDITS_ONCE_CLOSED");
    assert_eq!(client.cases().get(open.number).unwrap(), closed);

    // File events of a closed case cannot change either.
    let events = client.cases().file_events(open.number);
    assert_eq!(
        events.add("0_new_event").unwrap_err().api_kind(),
        Some(ApiErrorKind::UpdateClosedCase)
    );
}

#[test]
fn file_events_are_added_once_listed_read_and_removed() {
    let tenant = FakeTenant::start().unwrap();
    let client = client_for(&tenant);
    let case = client.cases().create(NewCase::new("Events")).unwrap();
    let events = client.cases().file_events(case.number);
    assert!(events.list().unwrap().is_empty());

    let id = "0_147e9445-2f30-4a91-8b2a-9455332e880a_973435567569502913_986467523038446097_163";
    events.add(id).unwrap();
    events.add("a/b c").unwrap();
    let again = events.add(id).unwrap_err();
    assert_eq!(again.api_kind(), Some(ApiErrorKind::CaseAlreadyHasEvent));

    let listed: Vec<String> = events
        .list()
        .unwrap()
        .into_iter()
        .map(|e| e.event_id)
        .collect();
    assert_eq!(listed, [id, "a/b c"]);
    assert_eq!(
        tenant.case_file_events(case.number).unwrap().len(),
        2,
        "the tenant holds them"
    );
    // One event is the whole v2 file event, as the real service answers.
    let detail = events.get("a/b c").unwrap();
    let event_id = |e: &code42::wire::forensic_search::types::FileEventV2| {
        e.event.as_ref().and_then(|d| d.id.clone())
    };
    assert_eq!(event_id(&detail).as_deref(), Some("a/b c"));
    assert!(detail.file.as_ref().and_then(|f| f.name.as_ref()).is_some());
    let searched = tenant.file_event(5).unwrap();
    let searched_id = event_id(&searched).unwrap();
    events.add(&searched_id).unwrap();
    assert_eq!(events.get(&searched_id).unwrap(), searched);
    events.remove(&searched_id).unwrap();

    events.remove(id).unwrap();
    assert_eq!(events.list().unwrap().len(), 1);
    assert_eq!(
        events.remove(id).unwrap_err().api_kind(),
        Some(ApiErrorKind::NotFound)
    );
    assert_eq!(
        client
            .cases()
            .file_events(9999)
            .list()
            .unwrap_err()
            .api_kind(),
        Some(ApiErrorKind::NotFound)
    );
}

#[test]
fn exports_are_a_real_pdf_and_a_csv_of_the_events() {
    let tenant = FakeTenant::start().unwrap();
    let client = client_for(&tenant);
    let case = tenant
        .cases()
        .into_iter()
        .find(|c| {
            tenant
                .case_file_events(c.number)
                .is_some_and(|e| !e.is_empty())
        })
        .expect("a seeded case with file events");

    let mut pdf = Vec::new();
    let written = client
        .cases()
        .export_summary_pdf(case.number, &mut pdf)
        .unwrap();
    assert_eq!(written as usize, pdf.len());
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.starts_with("%PDF-1.4") && text.trim_end().ends_with("%%EOF"));
    assert!(text.contains(&format!("(Case {}: ", case.number)), "{text}");

    let mut csv = Vec::new();
    client
        .cases()
        .export_file_events_csv(case.number, &mut csv)
        .unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let events = tenant.case_file_events(case.number).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("eventId,eventTimestamp,fileName"));
    assert_eq!(lines.len(), events.len() + 1);
    for (line, event) in lines[1..].iter().zip(&events) {
        assert!(line.starts_with(&event.event_id), "{line}");
    }

    let mut nothing = Vec::new();
    let missing = client
        .cases()
        .export_summary_pdf(9999, &mut nothing)
        .unwrap_err();
    assert_eq!(missing.api_kind(), Some(ApiErrorKind::NotFound));
    assert!(nothing.is_empty());
}
