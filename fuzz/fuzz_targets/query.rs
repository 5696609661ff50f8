//! The query builders with arbitrary strings, numbers and instants: alert, rule and
//! file-event queries, user and case filters, their JSON forms, then one page of each sent to
//! a loopback server (request building: paths, query strings, bodies).
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use std::time::Duration;

use code42::query::SortDirection;
use code42::query::alerts::{self as af, AlertQuery};
use code42::query::file_events::v2::{event, file};
use code42::query::file_events::{FileEventQuery, V2, WithinTheLast};
use code42::query::rules::{self as rf, RuleQuery};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use time::OffsetDateTime;

fn instant(u: &mut Unstructured<'_>) -> Result<OffsetDateTime> {
    let seconds: i64 = u.arbitrary()?;
    let nanos: i128 = u.arbitrary::<u32>()?.into();
    Ok(OffsetDateTime::from_unix_timestamp_nanos(
        i128::from(seconds) * 1_000_000_000 + nanos % 1_000_000_000,
    )
    .unwrap_or(OffsetDateTime::UNIX_EPOCH))
}

fn direction(u: &mut Unstructured<'_>) -> Result<SortDirection> {
    Ok(if u.arbitrary()? {
        SortDirection::Asc
    } else {
        SortDirection::Desc
    })
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let url = common::serve(vec![common::Reply::ok(br#"{"totalCount":0}"#)]);
    let client = common::client(&url, |b| {
        b.jwt_provider(|| Ok("fuzz-token".into()))
            .api_url(url.clone())
            .retry_policy(code42::RetryPolicy::none())
    });
    let page: u32 = u.arbitrary()?;

    let alerts = AlertQuery::all([
        af::rule_id().eq(u.arbitrary::<String>()?),
        af::actor().contains(u.arbitrary::<String>()?),
        af::description().not_contains(u.arbitrary::<String>()?),
        af::rule_id().is_in(u.arbitrary::<Vec<String>>()?),
        af::date_observed().on_or_after(instant(u)?),
        af::date_observed().on_or_before(instant(u)?),
    ])
    .sort(u.arbitrary::<String>()?, direction(u)?)
    .page_size(u.arbitrary()?)
    .page_number(u.arbitrary()?)
    .tenant_id(u.arbitrary::<String>()?);
    let _ = alerts.validate();
    let _ = alerts.effective_page_size();
    let _ = client.alerts().page(&alerts, page);
    let _ = AlertQuery::from_json(u.arbitrary()?);

    let rules = RuleQuery::any([
        rf::name().contains(u.arbitrary::<String>()?),
        rf::observer_rule_id().not_eq(u.arbitrary::<String>()?),
    ])
    .page_size(u.arbitrary()?);
    let _ = client.alert_rules().page(&rules, page);

    let within = match u.arbitrary::<&str>()?.parse::<WithinTheLast>() {
        Ok(parsed) => parsed,
        Err(_) => WithinTheLast::from(Duration::from_secs(u.arbitrary()?)),
    };
    let _ = within.iso8601();
    let events = FileEventQuery::<V2>::any([
        file::name().eq(u.arbitrary::<String>()?),
        file::size().greater_than(u.arbitrary::<i64>()?),
        file::size().less_than(u.arbitrary::<f64>()?),
        file::size().greater_than(u.arbitrary::<u64>()?),
        event::inserted().within_the_last(within),
        event::inserted().in_range(instant(u)?, instant(u)?),
        event::inserted().on_same_day(instant(u)?.date()),
        file::md5().not_exists(),
    ])
    .sort(u.arbitrary::<String>()?, direction(u)?)
    .page_size(u.arbitrary()?)
    .page_number(u.arbitrary()?);
    let _ = events.validate();
    let _ = events.checked_page_size();
    let json = events.to_json();
    let back = FileEventQuery::<V2>::from_value(json.clone()).expect("to_json reads back");
    assert_eq!(back.to_json(), json);
    let _ = client.file_events().page(&events, page);
    let _ = FileEventQuery::<V2>::from_json(u.arbitrary()?);

    let users = code42::users::UserFilter::new()
        .email(u.arbitrary::<String>()?)
        .username(u.arbitrary::<String>()?)
        .org_uid(u.arbitrary::<String>()?)
        .query(u.arbitrary::<String>()?)
        .page_size(u.arbitrary()?);
    let _ = client.users().page(&users, page);
    let _ = client.users().get_by_uid(u.arbitrary()?);
    let _ = client.users().get_by_username(u.arbitrary()?);

    let cases = code42::cases::CaseFilter::new()
        .name(u.arbitrary::<String>()?)
        .subject(u.arbitrary::<String>()?)
        .created_after(instant(u)?)
        .updated_before(instant(u)?)
        .page_size(u.arbitrary()?);
    let _ = client.cases().page(&cases, page);
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
