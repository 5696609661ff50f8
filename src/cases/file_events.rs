//! [`CaseFileEvents`]: the file events attached to one case.

use super::check_number;
use crate::wire::cases::{ops, types};
use crate::{Client, Error, Result};

/// The file events of one case. Get it with [`Cases::file_events`](super::Cases::file_events).
///
/// ```no_run
/// # let client = code42::Client::builder("h").api_client("k", "s").build()?;
/// use code42::ApiErrorKind;
/// let events = client.cases().file_events(42);
/// match events.add("0_147e9445-2f30-4a91-8b2a-9455332e880a_973435567569502913_986467523038446097_163") {
///     Ok(()) => {}
///     Err(e) if e.api_kind() == Some(ApiErrorKind::CaseAlreadyHasEvent) => {} // added before
///     Err(e) => return Err(e),
/// }
/// for event in events.list()? {
///     println!("{} {:?}", event.event_id, event.file_name);
/// }
/// # Ok::<(), code42::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct CaseFileEvents {
    pub(crate) client: Client,
    pub(crate) number: i64,
}

impl CaseFileEvents {
    /// The case number.
    pub fn case_number(&self) -> i64 {
        self.number
    }

    /// Adds a file event (by its event id) to the case.
    ///
    /// Adding an event the case already has fails with
    /// [`ApiErrorKind::CaseAlreadyHasEvent`](crate::ApiErrorKind::CaseAlreadyHasEvent); a closed
    /// case answers [`ApiErrorKind::UpdateClosedCase`](crate::ApiErrorKind::UpdateClosedCase).
    /// Not retried after a server error: a retry could report an add that succeeded as a
    /// duplicate.
    pub fn add(&self, event_id: &str) -> Result<()> {
        let op = ops::AddCaseFileEvent {
            case_number: check_number(self.number)?,
            event_id: check_event_id(event_id)?,
        };
        self.client.execute(&op)
    }

    /// Every file event of the case (one request; the service does not page them).
    pub fn list(&self) -> Result<Vec<types::CaseFileEvent>> {
        let op = ops::ListCaseFileEvents {
            case_number: check_number(self.number)?,
        };
        Ok(self.client.execute(&op)?.events)
    }

    /// One file event of the case.
    pub fn get(&self, event_id: &str) -> Result<types::CaseFileEventDetail> {
        let op = ops::GetCaseFileEvent {
            case_number: check_number(self.number)?,
            event_id: check_event_id(event_id)?,
        };
        self.client.execute(&op)
    }

    /// Removes a file event from the case. A closed case answers
    /// [`ApiErrorKind::UpdateClosedCase`](crate::ApiErrorKind::UpdateClosedCase).
    pub fn remove(&self, event_id: &str) -> Result<()> {
        let op = ops::RemoveCaseFileEvent {
            case_number: check_number(self.number)?,
            event_id: check_event_id(event_id)?,
        };
        self.client.execute(&op)
    }

    /// Streams the case's file activity (CSV) to `out`; see
    /// [`Cases::export_file_events_csv`](super::Cases::export_file_events_csv).
    pub fn export_csv(&self, out: &mut impl std::io::Write) -> Result<u64> {
        super::Cases {
            client: self.client.clone(),
        }
        .export_file_events_csv(self.number, out)
    }
}

fn check_event_id(event_id: &str) -> Result<String> {
    if event_id.trim().is_empty() {
        return Err(Error::invalid("event_id", "is empty"));
    }
    Ok(event_id.to_owned())
}
