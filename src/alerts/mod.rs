//! Alerts: `client.alerts()` (the alert service, host key `AlertService-API_URL`).
//!
//! ```no_run
//! use code42::query::alerts::{self as f, AlertQuery, AlertState};
//!
//! # let client = code42::Client::builder("console.us.code42.com").api_client("k", "s").build()?;
//! let open = AlertQuery::all([f::state().eq(AlertState::Open)]);
//! for alert in client.alerts().search(&open)? {
//!     let alert = alert?;
//!     println!("{} {:?} {}", alert.id, alert.severity, alert.name.unwrap_or_default());
//!     client.alerts().resolve([&alert.id], Some("triaged by the nightly job"))?;
//! }
//! # Ok::<(), code42::Error>(())
//! ```
//!
//! Every request carries the tenant id, fetched once per client ([`Client::cached_tenant_id`]).
//! Calls that take many alert ids split them into requests of at most
//! [`MAX_IDS_PER_REQUEST`] transparently.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::error::decode_json;
use crate::paging::Pager;
use crate::query::alerts::AlertQuery;
use crate::wire::alerts::{ops, types};
use crate::{Client, Error, Result};

use crate::classify::ErrorRules;
pub use crate::wire::alerts::types::{
    AlertAggregate, AlertDetails, AlertState, AlertSummary, ObservedActivity,
};

/// Errors of the alert service: none beyond the status kinds.
pub(crate) const ERRORS: ErrorRules = &[];

/// Most alert ids the service takes in one request; longer lists are split.
pub const MAX_IDS_PER_REQUEST: usize = 100;
/// Longest note, in characters (the service wants "less than 2000 characters").
pub const MAX_NOTE_CHARS: usize = 1999;
/// Alerts per summary page when [`Alerts::details_for`] is given a query without a page size
/// (py42 1.29.1 uses 25).
pub const DETAILS_PAGE_SIZE: u32 = 25;

/// The alerts API. Get it with [`Client::alerts`].
#[derive(Clone, Debug)]
pub struct Alerts {
    client: Client,
}

impl Client {
    /// The alerts API.
    pub fn alerts(&self) -> Alerts {
        Alerts {
            client: self.clone(),
        }
    }
}

impl Alerts {
    fn search_op(&self, query: &AlertQuery) -> Result<ops::QueryAlerts> {
        query.validate()?;
        let tenant = match query.tenant() {
            Some(id) => id.to_owned(),
            None => self.client.cached_tenant_id()?,
        };
        Ok(ops::QueryAlerts {
            body: query.to_request(&tenant)?,
        })
    }

    /// Every alert matching `query`: a [`Pager`] that fetches nothing until iterated, from
    /// the first page (the query's page size, default 500; its page number is ignored).
    /// Continue a saved search with [`Pager::resume`]. py42: `search_all_pages` (1.29.1).
    pub fn search(&self, query: &AlertQuery) -> Result<Pager<AlertSummary>> {
        Pager::new(
            &self.client,
            &self.search_op(query)?,
            query.effective_page_size(),
        )
    }

    /// One page of alerts matching `query`: page `page` (numbered from 1) of the query's page
    /// size. py42 1.29.1's `search(query, page_num=n, page_size=s)` is
    /// `page(&query.page_size(s), n)`.
    pub fn page(&self, query: &AlertQuery, page: u32) -> Result<types::AlertQueryResponse> {
        let zero_based = page
            .checked_sub(1)
            .ok_or_else(|| Error::invalid("page", "pages are numbered from 1"))?;
        let query = query.clone().page_number(zero_based);
        self.client.execute(&self.search_op(&query)?)
    }

    /// Details (with observations) of the alerts with these ids, in the order of the ids given
    /// (duplicates asked once; ids the service does not return are left out). Lists longer than
    /// [`MAX_IDS_PER_REQUEST`] are split into several requests.
    pub fn details<S: AsRef<str>>(
        &self,
        alert_ids: impl IntoIterator<Item = S>,
    ) -> Result<Vec<AlertDetails>> {
        let ids = alert_id_list(alert_ids)?;
        let tenant = self.client.cached_tenant_id()?;
        let mut found: HashMap<String, AlertDetails> = HashMap::new();
        let mut unasked = Vec::new();
        let asked: HashSet<&str> = ids.iter().map(String::as_str).collect();
        for chunk in ids.chunks(MAX_IDS_PER_REQUEST) {
            let response = self.client.execute(&ops::QueryAlertDetails {
                body: types::AlertIdsRequest::new(chunk.to_vec(), tenant.clone()),
            })?;
            for alert in response.alerts.unwrap_or_default() {
                if !asked.contains(alert.id.as_str()) {
                    unasked.push(alert);
                } else if !found.contains_key(&alert.id) {
                    found.insert(alert.id.clone(), alert);
                }
            }
        }
        let mut out: Vec<AlertDetails> = ids.iter().filter_map(|id| found.remove(id)).collect();
        out.extend(unasked);
        Ok(out)
    }

    /// Details of every alert matching `query`, lazily: a page of summaries, then their details,
    /// in the query's order. Pages hold the query's page size capped at
    /// [`MAX_IDS_PER_REQUEST`], or [`DETAILS_PAGE_SIZE`] when the query sets none.
    /// py42: `get_all_alert_details` (1.29.1).
    pub fn details_for(&self, query: &AlertQuery) -> Result<AlertDetailsIter> {
        let size = query.query().page_size.map_or(DETAILS_PAGE_SIZE, |n| {
            n.min(u32::try_from(MAX_IDS_PER_REQUEST).unwrap_or(u32::MAX))
        });
        let query = query.clone().page_size(size);
        Ok(AlertDetailsIter {
            alerts: self.clone(),
            summaries: self.search(&query)?,
            ready: VecDeque::new(),
            done: false,
        })
    }

    /// The alert with its activity aggregated (`query-details-aggregate` v2, as py42 1.29.1
    /// `get_aggregate_data`; py42 also copies `ffsUrlEndpoint` into an `ffsUrl` key, which is
    /// not done here). The alerts article's v1 endpoint is
    /// [`ops::QueryAlertAggregateV1`] for [`Client::execute`].
    pub fn aggregate(&self, alert_id: &str) -> Result<AlertAggregate> {
        let alert_id = non_empty("alert_id", alert_id)?;
        let op = ops::QueryAlertAggregate {
            body: types::AlertIdRequest::new(alert_id),
        };
        Ok(self.client.execute(&op)?.alert)
    }

    /// Sets the state of the alerts, with an optional note replacing theirs (left out, existing
    /// notes are kept). Lists longer than [`MAX_IDS_PER_REQUEST`] are sent in several requests;
    /// if one fails, the earlier ones have been applied. py42: `update_state`.
    pub fn set_state<S: AsRef<str>>(
        &self,
        state: AlertState,
        alert_ids: impl IntoIterator<Item = S>,
        note: Option<&str>,
    ) -> Result<()> {
        let ids = alert_id_list(alert_ids)?;
        let note = note.map(check_note).transpose()?;
        let tenant = self.client.cached_tenant_id()?;
        for chunk in ids.chunks(MAX_IDS_PER_REQUEST) {
            self.client.execute(&ops::UpdateAlertState {
                body: types::UpdateStateRequest {
                    note: note.clone(),
                    ..types::UpdateStateRequest::new(chunk.to_vec(), state.clone(), tenant.clone())
                },
            })?;
        }
        Ok(())
    }

    /// Resolves (dismisses) the alerts, optionally noting why (state `RESOLVED`). py42:
    /// `resolve(alert_ids, reason)`.
    pub fn resolve<S: AsRef<str>>(
        &self,
        alert_ids: impl IntoIterator<Item = S>,
        note: Option<&str>,
    ) -> Result<()> {
        self.set_state(AlertState::Resolved, alert_ids, note)
    }

    /// Reopens the alerts, optionally noting why (state `OPEN`). py42: `reopen(alert_ids, reason)`.
    pub fn reopen<S: AsRef<str>>(
        &self,
        alert_ids: impl IntoIterator<Item = S>,
        note: Option<&str>,
    ) -> Result<()> {
        self.set_state(AlertState::Open, alert_ids, note)
    }

    /// Sets the alert's note, replacing any existing one. py42: `update_note` (1.29.1).
    pub fn add_note(&self, alert_id: &str, note: &str) -> Result<()> {
        let alert_id = non_empty("alert_id", alert_id)?;
        let note = check_note(note)?;
        let op = ops::AddAlertNote {
            body: types::AddNoteRequest::new(alert_id, note, self.client.cached_tenant_id()?),
        };
        self.client.execute(&op)
    }
}

/// Details of the alerts matching a query, fetched a page at a time
/// ([`Alerts::details_for`]).
#[derive(Debug)]
#[must_use = "details are fetched only when iterated"]
pub struct AlertDetailsIter {
    alerts: Alerts,
    summaries: Pager<AlertSummary>,
    ready: VecDeque<AlertDetails>,
    done: bool,
}

impl Iterator for AlertDetailsIter {
    type Item = Result<AlertDetails>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(alert) = self.ready.pop_front() {
                return Some(Ok(alert));
            }
            if self.done {
                return None;
            }
            let page = match self.summaries.next_page() {
                None => {
                    self.done = true;
                    return None;
                }
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(e));
                }
                Some(Ok(page)) => page,
            };
            match self.alerts.details(page.iter().map(|a| a.id.as_str())) {
                Ok(details) => self.ready.extend(details),
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

/// Decodes an observation's `data`: on the wire a JSON document inside a string (py42 decodes
/// it the same way after the fact); an already decoded object is accepted too. `None` when
/// there is no data; a decode error (with the JSON path) when it is not an observed activity.
///
/// ```
/// let data = serde_json::json!(r#"{"type$":"OBSERVED_ENDPOINT_ACTIVITY","fileCount":2}"#);
/// let activity = code42::alerts::observation_data(Some(&data))?.expect("data");
/// assert_eq!(activity.file_count, Some(2));
/// # Ok::<(), code42::Error>(())
/// ```
pub fn observation_data(data: Option<&serde_json::Value>) -> Result<Option<ObservedActivity>> {
    const WHAT: &str = "observation data";
    match data {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(text)) => decode_json(WHAT, "data", text, true).map(Some),
        Some(value) => decode_json(WHAT, "data", &value.to_string(), true).map(Some),
    }
}

/// Unique, non-empty alert ids in the order given.
fn alert_id_list<S: AsRef<str>>(alert_ids: impl IntoIterator<Item = S>) -> Result<Vec<String>> {
    let mut seen = HashSet::new();
    let mut ids = Vec::new();
    for id in alert_ids {
        let id = id.as_ref();
        if id.trim().is_empty() {
            return Err(Error::invalid("alert_ids", "an alert id is empty"));
        }
        if seen.insert(id.to_owned()) {
            ids.push(id.to_owned());
        }
    }
    if ids.is_empty() {
        return Err(Error::invalid("alert_ids", "no alert id given"));
    }
    Ok(ids)
}

fn non_empty(argument: &'static str, value: &str) -> Result<String> {
    if value.trim().is_empty() {
        return Err(Error::invalid(argument, "is empty"));
    }
    Ok(value.to_owned())
}

fn check_note(note: &str) -> Result<String> {
    let chars = note.chars().count();
    if chars > MAX_NOTE_CHARS {
        return Err(Error::invalid(
            "note",
            format!("{chars} characters; the service takes fewer than 2000"),
        ));
    }
    Ok(note.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_deduplicated_in_order_and_empty_ones_rejected() {
        assert_eq!(alert_id_list(["b", "a", "b"]).unwrap(), ["b", "a"]);
        let none: [&str; 0] = [];
        assert!(matches!(
            alert_id_list(none),
            Err(Error::InvalidInput {
                argument: "alert_ids",
                ..
            })
        ));
        assert!(alert_id_list(["a", " "]).is_err());
    }

    #[test]
    fn notes_must_be_shorter_than_2000_characters() {
        assert!(check_note(&"é".repeat(1999)).is_ok());
        assert!(matches!(
            check_note(&"x".repeat(2000)),
            Err(Error::InvalidInput {
                argument: "note",
                ..
            })
        ));
    }

    #[test]
    fn observation_data_decodes_strings_objects_and_reports_bad_json() {
        let text = serde_json::json!(r#"{"files":[{"name":"a.png"}],"newKey":1}"#);
        let parsed = observation_data(Some(&text)).unwrap().unwrap();
        assert_eq!(parsed.files.unwrap()[0].name.as_deref(), Some("a.png"));
        assert_eq!(parsed.extra["newKey"], 1);
        let object = serde_json::json!({"fileCount": 3});
        assert_eq!(
            observation_data(Some(&object)).unwrap().unwrap().file_count,
            Some(3)
        );
        assert!(observation_data(None).unwrap().is_none());
        let bad = serde_json::json!(r#"{"invalid_json": ][ }"#);
        assert!(matches!(
            observation_data(Some(&bad)),
            Err(Error::Decode(_))
        ));
    }
}
