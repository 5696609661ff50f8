//! Cases: `client.cases()`.
//!
//! Create, read, list, update and close cases, attach file events to them, and stream their
//! exports (a PDF summary, a CSV of file activity) to any writer.
//!
//! ```no_run
//! # let client = code42::Client::builder("h").api_client("k", "s").build()?;
//! use code42::cases::{CaseFilter, CaseStatus, CaseUpdate, NewCase};
//!
//! let case = client.cases().create(NewCase::new("USB exfiltration").subject("421380797518239242"))?;
//! client.cases().file_events(case.number).add("0_147e9445-2f30_9734_163")?;
//! client.cases().update(case.number, CaseUpdate::new().findings("Confirmed.").unassign())?;
//!
//! for case in client.cases().list(&CaseFilter::new().status(CaseStatus::Open))? {
//!     let case = case?;
//!     println!("{} {}", case.number, case.name);
//! }
//!
//! let mut pdf = std::fs::File::create("case.pdf")?;
//! client.cases().export_summary_pdf(case.number, &mut pdf)?;
//! client.cases().close(case.number)?;
//! # Ok::<(), code42::Error>(())
//! ```

mod edit;
mod file_events;
mod filter;

pub use edit::{
    CaseUpdate, Change, DESCRIPTION_MAX_CHARS, FINDINGS_MAX_CHARS, NAME_MAX_CHARS, NewCase,
};
pub use file_events::CaseFileEvents;
pub use filter::{CaseFilter, DEFAULT_PAGE_SIZE};

pub use crate::wire::cases::types::{
    Case, CaseFileEvent, CaseFileEventDetail, CaseList, CaseSortKey, CaseStatus, ExposureType,
    FileAvailability,
};

use crate::paging::Pager;
use crate::wire::cases::ops;
use crate::{Client, Error, Result};

use crate::classify::{ErrorRule, ErrorRules};

/// Errors of the cases API (py42's case exceptions).
pub(crate) const ERRORS: ErrorRules = {
    use crate::ApiErrorKind::*;
    &[
        ErrorRule::new(CaseNameExists, &["NAME_EXISTS"]),
        ErrorRule::new(
            UpdateClosedCase,
            &["NO_EDITS_ONCE_CLOSED", "CASE_IS_CLOSED"],
        ),
        ErrorRule::new(DescriptionTooLong, &["DESCRIPTION_TOO_LONG"]),
        // py42: `INVALID_USER` counts only with `subject` or `assignee` in the body.
        ErrorRule::new(InvalidCaseUser, &["INVALID_USER"]).also(&["subject", "assignee"]),
        ErrorRule::new(CaseAlreadyHasEvent, &["CASE_ALREADY_HAS_EVENT"]),
    ]
};

/// The cases API. Get it with [`Client::cases`].
#[derive(Clone, Debug)]
pub struct Cases {
    client: Client,
}

impl Client {
    /// The cases API.
    pub fn cases(&self) -> Cases {
        Cases {
            client: self.clone(),
        }
    }
}

impl Cases {
    /// Creates a case. The name must be unique in the tenant
    /// ([`ApiErrorKind::CaseNameExists`](crate::ApiErrorKind::CaseNameExists) otherwise);
    /// a subject or assignee that is not a user of the tenant is
    /// [`ApiErrorKind::InvalidCaseUser`](crate::ApiErrorKind::InvalidCaseUser). An empty or
    /// over-long name, description or findings is rejected before sending.
    pub fn create(&self, case: NewCase) -> Result<Case> {
        let op = ops::CreateCase { body: case.body()? };
        self.client.execute(&op)
    }

    /// A case by number, with its description and findings.
    pub fn get(&self, case_number: i64) -> Result<Case> {
        let op = ops::GetCase {
            case_number: check_number(case_number)?,
        };
        self.client.execute(&op)
    }

    /// Every case matching `filter`: a [`Pager`] that fetches nothing until iterated
    /// (listings leave out descriptions and findings; [`get`](Cases::get) has them). Continue
    /// a saved listing with [`Pager::resume`].
    pub fn list(&self, filter: &CaseFilter) -> Result<Pager<Case>> {
        Pager::new(&self.client, &self.list_operation(filter)?, filter.size()?)
    }

    /// One page (numbered from 1) of cases matching `filter`.
    pub fn page(&self, filter: &CaseFilter, page: u32) -> Result<CaseList> {
        if page == 0 {
            return Err(Error::invalid("page", "pages are numbered from 1"));
        }
        let mut op = self.list_operation(filter)?;
        op.pg_num = Some(i32::try_from(page).map_err(|_| Error::invalid("page", "too large"))?);
        op.pg_size = Some(
            i32::try_from(filter.size()?).map_err(|_| Error::invalid("page_size", "too large"))?,
        );
        self.client.execute(&op)
    }

    /// Changes a case and returns it as the server saved it.
    ///
    /// The API replaces every editable field and clears whatever is not sent, so this reads
    /// the case, applies `update` (each field kept, set or cleared), and sends every field
    /// back; fields this SDK does not know yet are sent back unchanged.
    ///
    /// A closed case cannot be edited or reopened: the update is refused with
    /// [`Error::InvalidInput`] (argument `case_number`) before anything is sent. Should the
    /// case be closed between the read and the write, the server's refusal is
    /// [`ApiErrorKind::UpdateClosedCase`](crate::ApiErrorKind::UpdateClosedCase). An update
    /// that changes nothing, or sets an empty or over-long value, is rejected before sending.
    ///
    /// ```no_run
    /// # let client = code42::Client::builder("h").api_client("k", "s").build()?;
    /// use code42::cases::CaseUpdate;
    /// // Reassign and drop the old findings; name, description, subject, status stay.
    /// let update = CaseUpdate::new().assignee("273411254592236331").clear_findings();
    /// let case = client.cases().update(42, update)?;
    /// # Ok::<(), code42::Error>(())
    /// ```
    pub fn update(&self, case_number: i64, update: CaseUpdate) -> Result<Case> {
        check_number(case_number)?;
        update.check()?;
        let current = self.get(case_number)?;
        if current.status == CaseStatus::Closed {
            return Err(closed(case_number));
        }
        self.put(case_number, update.merge(&current))
    }

    /// Closes a case, keeping every other field. Closing a case that is already closed sends
    /// nothing and returns it as it is. A closed case cannot be reopened.
    pub fn close(&self, case_number: i64) -> Result<Case> {
        check_number(case_number)?;
        let current = self.get(case_number)?;
        if current.status == CaseStatus::Closed {
            return Ok(current);
        }
        let body = CaseUpdate::new().status(CaseStatus::Closed).merge(&current);
        self.put(case_number, body)
    }

    fn put(
        &self,
        case_number: i64,
        body: crate::wire::cases::types::UpdateCaseRequest,
    ) -> Result<Case> {
        self.client.execute(&ops::UpdateCase { case_number, body })
    }

    /// Streams the case summary PDF (subject, details, findings; no file activity) to `out`
    /// without holding it in memory; returns the number of bytes written.
    pub fn export_summary_pdf(
        &self,
        case_number: i64,
        out: &mut impl std::io::Write,
    ) -> Result<u64> {
        let op = ops::ExportCaseSummary {
            case_number: check_number(case_number)?,
        };
        self.client.execute_stream(&op)?.copy_to(out)
    }

    /// Streams the CSV of the case's file activity (full file-event metadata for every event)
    /// to `out` without holding it in memory; returns the number of bytes written.
    pub fn export_file_events_csv(
        &self,
        case_number: i64,
        out: &mut impl std::io::Write,
    ) -> Result<u64> {
        let op = ops::ExportCaseFileEvents {
            case_number: check_number(case_number)?,
        };
        self.client.execute_stream(&op)?.copy_to(out)
    }

    /// The file events of a case: add, list, get, remove.
    pub fn file_events(&self, case_number: i64) -> CaseFileEvents {
        CaseFileEvents {
            client: self.client.clone(),
            number: case_number,
        }
    }

    fn list_operation(&self, filter: &CaseFilter) -> Result<ops::ListCases> {
        let now = time::OffsetDateTime::from(self.client.system_now());
        filter.operation(now)
    }
}

/// Case numbers start at 1.
pub(crate) fn check_number(case_number: i64) -> Result<i64> {
    if case_number < 1 {
        return Err(Error::invalid(
            "case_number",
            format!("{case_number} is not a case number (they start at 1)"),
        ));
    }
    Ok(case_number)
}

fn closed(case_number: i64) -> Error {
    Error::invalid(
        "case_number",
        format!("case {case_number} is closed: a closed case cannot be edited or reopened"),
    )
}
