//! [`CaseFilter`]: the filters, sort order and page size of a case listing.

use time::OffsetDateTime;

use crate::query::SortDirection;
use crate::wire::cases::{ops, types};
use crate::{Error, Result};

/// Default cases per page (py42's `page_size` for cases).
pub const DEFAULT_PAGE_SIZE: u32 = 100;

/// Filters for [`Cases::list`](super::Cases::list); every filter left unset is not sent.
///
/// Listings are sorted by case number, ascending, unless [`sort`](CaseFilter::sort) says
/// otherwise: a stable order keeps page-number paging from skipping or repeating cases.
///
/// ```
/// use code42::cases::{CaseFilter, CaseStatus};
/// use time::macros::datetime;
/// let filter = CaseFilter::new()
///     .status(CaseStatus::Open)
///     .assignee("942564422882759874")
///     .created_after(datetime!(2024-01-01 0:00 UTC))
///     .page_size(50);
/// # let _ = filter;
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
#[must_use = "a filter does nothing until passed to a listing"]
pub struct CaseFilter {
    /// Only cases whose name contains this text.
    pub name: Option<String>,
    /// Only cases with this status.
    pub status: Option<types::CaseStatus>,
    /// Only cases whose subject is this user UID.
    pub subject: Option<String>,
    /// Only cases assigned to this user UID.
    pub assignee: Option<String>,
    /// Only assigned (`true`) or unassigned (`false`) cases.
    pub is_assigned: Option<bool>,
    /// Only cases last changed by this user UID.
    pub last_modified_by: Option<String>,
    /// Only cases created at or after this instant.
    pub created_after: Option<OffsetDateTime>,
    /// Only cases created at or before this instant.
    pub created_before: Option<OffsetDateTime>,
    /// Only cases last changed at or after this instant.
    pub updated_after: Option<OffsetDateTime>,
    /// Only cases last changed at or before this instant.
    pub updated_before: Option<OffsetDateTime>,
    /// Sort key and direction (default: number, ascending).
    pub sort: Option<(types::CaseSortKey, SortDirection)>,
    /// Cases per page (default [`DEFAULT_PAGE_SIZE`]).
    pub page_size: Option<u32>,
}

impl CaseFilter {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    /// Only cases whose name contains `name`.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// Only cases with this status.
    pub fn status(mut self, status: types::CaseStatus) -> Self {
        self.status = Some(status);
        self
    }
    /// Only cases whose subject is this user UID.
    pub fn subject(mut self, user_uid: impl Into<String>) -> Self {
        self.subject = Some(user_uid.into());
        self
    }
    /// Only cases assigned to this user UID.
    pub fn assignee(mut self, user_uid: impl Into<String>) -> Self {
        self.assignee = Some(user_uid.into());
        self
    }
    /// Only assigned (`true`) or unassigned (`false`) cases.
    pub fn is_assigned(mut self, assigned: bool) -> Self {
        self.is_assigned = Some(assigned);
        self
    }
    /// Only cases last changed by this user UID.
    pub fn last_modified_by(mut self, user_uid: impl Into<String>) -> Self {
        self.last_modified_by = Some(user_uid.into());
        self
    }
    /// Only cases created at or after `instant`.
    pub fn created_after(mut self, instant: OffsetDateTime) -> Self {
        self.created_after = Some(instant);
        self
    }
    /// Only cases created at or before `instant`.
    pub fn created_before(mut self, instant: OffsetDateTime) -> Self {
        self.created_before = Some(instant);
        self
    }
    /// Only cases last changed at or after `instant`.
    pub fn updated_after(mut self, instant: OffsetDateTime) -> Self {
        self.updated_after = Some(instant);
        self
    }
    /// Only cases last changed at or before `instant`.
    pub fn updated_before(mut self, instant: OffsetDateTime) -> Self {
        self.updated_before = Some(instant);
        self
    }
    /// Sort order (default: by number, ascending).
    pub fn sort(mut self, key: types::CaseSortKey, direction: SortDirection) -> Self {
        self.sort = Some((key, direction));
        self
    }
    /// Cases per page.
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    /// The list operation without paging parameters. `now` closes a range given only a start
    /// (as py42 does); a range given only an end starts at the Unix epoch.
    pub(crate) fn operation(&self, now: OffsetDateTime) -> Result<ops::ListCases> {
        let text = |argument: &'static str, value: &Option<String>| match value {
            Some(v) if v.trim().is_empty() => Err(Error::invalid(argument, "is empty")),
            other => Ok(other.clone()),
        };
        let (srt_key, srt_dir) = self
            .sort
            .clone()
            .unwrap_or((types::CaseSortKey::Number, SortDirection::Asc));
        let srt_dir = match srt_dir {
            SortDirection::Asc => types::SortDirection::Asc,
            SortDirection::Desc => types::SortDirection::Desc,
        };
        Ok(ops::ListCases {
            name: text("name", &self.name)?,
            status: self.status.clone(),
            subject: text("subject", &self.subject)?,
            assignee: text("assignee", &self.assignee)?,
            is_assigned: self.is_assigned,
            last_modified_by: text("last_modified_by", &self.last_modified_by)?,
            created_at: range(
                ("created_after", self.created_after),
                ("created_before", self.created_before),
                now,
            )?,
            updated_at: range(
                ("updated_after", self.updated_after),
                ("updated_before", self.updated_before),
                now,
            )?,
            srt_key: Some(srt_key),
            srt_dir: Some(srt_dir),
            pg_num: None,
            pg_size: None,
        })
    }

    pub(crate) fn size(&self) -> Result<u32> {
        match self.page_size {
            Some(0) => Err(Error::invalid("page_size", "must be at least 1")),
            Some(n) if i32::try_from(n).is_err() => Err(Error::invalid("page_size", "too large")),
            Some(n) => Ok(n),
            None => Ok(DEFAULT_PAGE_SIZE),
        }
    }
}

/// `<start>/<end>` for a range filter, or `None` when neither bound is set.
fn range(
    start: (&'static str, Option<OffsetDateTime>),
    end: (&'static str, Option<OffsetDateTime>),
    now: OffsetDateTime,
) -> Result<Option<String>> {
    let (start_name, end_name) = (start.0, end.0);
    let (from, until) = match (start.1, end.1) {
        (None, None) => return Ok(None),
        (from, until) => (
            from.unwrap_or(OffsetDateTime::UNIX_EPOCH),
            until.unwrap_or(now),
        ),
    };
    if from > until {
        return Err(Error::invalid(
            start_name,
            format!("is later than `{end_name}` (or than now, when `{end_name}` is unset)"),
        ));
    }
    Ok(Some(format!(
        "{}/{}",
        millis(start_name, from)?,
        millis(end_name, until)?
    )))
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC, as the cases service reads range filters.
pub(crate) fn millis(argument: &'static str, instant: OffsetDateTime) -> Result<String> {
    crate::timestamp::format_utc(instant, 3)
        .ok_or_else(|| Error::invalid(argument, "the year must be between 0 and 9999"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn ranges_are_utc_milliseconds_and_open_ends_are_filled_like_py42() {
        let now = datetime!(2024-05-06 07:08:09.123456 UTC);
        let start = datetime!(2021-01-01 01:00:00.5 +01:00);
        assert_eq!(
            range(("a", Some(start)), ("b", None), now)
                .unwrap()
                .as_deref(),
            Some("2021-01-01T00:00:00.500Z/2024-05-06T07:08:09.123Z")
        );
        assert_eq!(
            range(("a", None), ("b", Some(now)), now)
                .unwrap()
                .as_deref(),
            Some("1970-01-01T00:00:00.000Z/2024-05-06T07:08:09.123Z")
        );
        assert_eq!(range(("a", None), ("b", None), now).unwrap(), None);
        assert!(matches!(
            range(("a", Some(now)), ("b", Some(start)), now),
            Err(Error::InvalidInput { argument: "a", .. })
        ));
    }
}
