//! File-event search: the v1 and v2 filter terms (py42's `sdk.queries.fileevents`) on the shared
//! [query core](super), and [`FileEventQuery`], the body of a forensic search.
//!
//! A query is filter groups combined by `AND` ([`FileEventQuery::all`]) or `OR`
//! ([`FileEventQuery::any`]), a sort and a page size. The data model is a type parameter,
//! [`V2`] (the current Incydr model, the default) or [`V1`] (deprecated by Code42): it decides
//! the endpoint and the event type a search yields. Terms live in [`v2`] (modules `destination`,
//! `event`, `file`, `process`, `report`, `risk`, `source`, `timestamp`, `user`, as in py42) and
//! [`v1`]; each is a function returning a typed term whose methods build groups exactly as
//! py42 builds them (filters de-duplicated and ordered inside a group, `is_in` joined by `OR`
//! from two values on, times written with milliseconds, numbers as JSON numbers, booleans as
//! `TRUE`/`FALSE`). A query can also come from raw JSON (what py42 or the console posts) or a
//! saved search.
//!
//! ```
//! use code42::query::file_events::v2::{file, risk, timestamp};
//! use code42::query::file_events::{FileCategory, FileEventQuery, WithinTheLast, V2};
//!
//! // py42: FileEventQuery.all(Timestamp.within_the_last(ONE_DAY),
//! //                          file.Category.is_in([DOCUMENT, PDF]), risk.Score.greater_than(5))
//! let query = FileEventQuery::<V2>::all([
//!     timestamp::timestamp().within_the_last(WithinTheLast::OneDay),
//!     file::category().is_in([FileCategory::Document, FileCategory::Pdf]),
//!     risk::score().greater_than(5),
//! ]);
//! query.validate()?;
//! assert_eq!(
//!     query.to_json(),
//!     serde_json::json!({"groupClause": "AND", "groups": [
//!         {"filterClause": "AND", "filters": [{"operator": "WITHIN_THE_LAST", "term": "@timestamp", "value": "P1D"}]},
//!         {"filterClause": "OR", "filters": [
//!             {"operator": "IS", "term": "file.category", "value": "Document"},
//!             {"operator": "IS", "term": "file.category", "value": "Pdf"}]},
//!         {"filterClause": "AND", "filters": [{"operator": "GREATER_THAN", "term": "risk.score", "value": 5}]}],
//!         "pgSize": 500, "srtDir": "asc", "srtKey": "event.id", "pgNum": 1})
//! );
//! # Ok::<(), code42::Error>(())
//! ```
//!
//! Raw JSON keeps every key as given (nested `subgroups` included):
//!
//! ```
//! use code42::query::{FileEventQuery, V2};
//! let query = FileEventQuery::<V2>::from_json(
//!     r#"{"groupClause": "AND", "groups": [{"filterClause": "AND", "filters": [
//!         {"operator": "IS", "term": "file.name", "value": "report.pdf"}]}]}"#,
//! )?
//! .page_size(1000);
//! assert_eq!(query.to_json()["pgSize"], 1000);
//! # Ok::<(), code42::Error>(())
//! ```

pub mod v1;
pub mod v2;

use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{
    Clause, FilterGroup, FilterValue, Query, SortDirection, TermValue, TextTerm, TimePrecision,
    TimeTerm,
};
use crate::wire::forensic_search::types::{GroupClause, QueryFilter, QueryFilterGroup};
use crate::wire::forensic_search::{ops, types};
use crate::{Error, Operation, Result};

pub use crate::wire::forensic_search::types::{
    DestinationCategory, EventAction, EventObserver, EventTypeV1, ExposureTypeV1, FileCategory,
    ReportType, RiskIndicatorName, RiskSeverity, ShareType, SharingTypeV1, SourceCategory,
    SyncDestinationV1, TrustReason,
};

/// Events per page unless the query says otherwise (py42 1.29.1's default).
pub const DEFAULT_PAGE_SIZE: u32 = 500;
/// The largest page the service returns.
pub const MAX_PAGE_SIZE: u32 = 10_000;
/// Page numbers reach only this many results; page tokens reach all of them.
pub const PAGE_NUMBER_LIMIT: u64 = 10_000;

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::V1 {}
    impl Sealed for super::V2 {}
}

/// A file-event data model: [`V1`] or [`V2`]. It names the search and saved-search operations
/// and the event type.
pub trait FileEventVersion:
    sealed::Sealed + Clone + Copy + fmt::Debug + Default + PartialEq + Send + Sync + 'static
{
    /// One event.
    type Event: DeserializeOwned + Serialize + Clone + fmt::Debug + Send + 'static;
    /// One page of events.
    type Page: DeserializeOwned + fmt::Debug;
    /// The search operation.
    type Search: Operation<Body = types::FileEventQuery, Response = Self::Page>;
    /// The saved-search listing.
    type ListSaved: Operation<Response = types::SavedSearchList>;
    /// One saved search.
    type GetSaved: Operation<Response = types::SavedSearchList>;
    /// `v1` or `v2`, as in the endpoint paths.
    const NAME: &'static str;
    /// Default sort term (`eventId` / `event.id`).
    const DEFAULT_SORT_KEY: &'static str;
    /// Dotted path of the event id inside an event (the token of the page after it).
    const EVENT_ID: &'static str;
    /// Term of the event time (`eventTimestamp` / `@timestamp`).
    const TIMESTAMP: &'static str;
    /// The search operation for `body`.
    fn search(body: types::FileEventQuery) -> Self::Search;
    /// The saved-search listing operation.
    fn list_saved() -> Self::ListSaved;
    /// The operation reading saved search `id`.
    fn get_saved(id: String) -> Self::GetSaved;
}

/// The v1 (Forensic Search) data model: flat events ([`types::FileEventV1`]), terms such as
/// `fileName`. Deprecated by Code42; prefer [`V2`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct V1;

/// The v2 (Incydr) data model: nested events ([`types::FileEventV2`]), dotted terms such as
/// `file.name`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct V2;

impl FileEventVersion for V1 {
    type Event = types::FileEventV1;
    type Page = types::FileEventPageV1;
    type Search = ops::SearchFileEventsV1;
    type ListSaved = ops::ListSavedSearchesV1;
    type GetSaved = ops::GetSavedSearchV1;
    const NAME: &'static str = "v1";
    const DEFAULT_SORT_KEY: &'static str = "eventId";
    const EVENT_ID: &'static str = "eventId";
    const TIMESTAMP: &'static str = "eventTimestamp";
    fn search(body: types::FileEventQuery) -> Self::Search {
        ops::SearchFileEventsV1 { body }
    }
    fn list_saved() -> Self::ListSaved {
        ops::ListSavedSearchesV1
    }
    fn get_saved(search_id: String) -> Self::GetSaved {
        ops::GetSavedSearchV1 { search_id }
    }
}

impl FileEventVersion for V2 {
    type Event = types::FileEventV2;
    type Page = types::FileEventPageV2;
    type Search = ops::SearchFileEventsV2;
    type ListSaved = ops::ListSavedSearchesV2;
    type GetSaved = ops::GetSavedSearchV2;
    const NAME: &'static str = "v2";
    const DEFAULT_SORT_KEY: &'static str = "event.id";
    const EVENT_ID: &'static str = "event.id";
    const TIMESTAMP: &'static str = "@timestamp";
    fn search(body: types::FileEventQuery) -> Self::Search {
        ops::SearchFileEventsV2 { body }
    }
    fn list_saved() -> Self::ListSaved {
        ops::ListSavedSearchesV2
    }
    fn get_saved(search_id: String) -> Self::GetSaved {
        ops::GetSavedSearchV2 { search_id }
    }
}

/// A file-event search in data model `V`; see the [module docs](self).
#[derive(Clone, PartialEq)]
#[must_use = "a query does nothing until searched"]
pub struct FileEventQuery<V = V2> {
    body: types::FileEventQuery,
    /// The first argument a group builder rejected (reported by `validate`).
    rejected: Option<(&'static str, String)>,
    version: PhantomData<V>,
}

impl<V: FileEventVersion> fmt::Debug for FileEventQuery<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileEventQuery")
            .field("version", &V::NAME)
            .field("body", &self.to_json())
            .finish()
    }
}

impl<V: FileEventVersion> fmt::Display for FileEventQuery<V> {
    /// The request body as compact JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json().to_string())
    }
}

impl<V: FileEventVersion> Default for FileEventQuery<V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<V: FileEventVersion> FileEventQuery<V> {
    /// A query matching every event: no groups, `AND`, page 1 of [`DEFAULT_PAGE_SIZE`], sorted
    /// by event id ascending (py42's defaults).
    pub fn new() -> Self {
        FileEventQuery {
            body: types::FileEventQuery::new(GroupClause::And, Vec::new())
                .with_pg_num(1)
                .with_pg_size(i64::from(DEFAULT_PAGE_SIZE))
                .with_srt_dir(types::SortDirection::Asc)
                .with_srt_key(V::DEFAULT_SORT_KEY),
            rejected: None,
            version: PhantomData,
        }
    }

    /// Events matching every group (`groupClause` `AND`; py42's `FileEventQuery.all`).
    pub fn all(groups: impl IntoIterator<Item = FilterGroup>) -> Self {
        groups.into_iter().fold(Self::new(), Self::group)
    }

    /// Events matching at least one group (`groupClause` `OR`; py42's `FileEventQuery.any`).
    pub fn any(groups: impl IntoIterator<Item = FilterGroup>) -> Self {
        let mut query = Self::all(groups);
        query.body.group_clause = GroupClause::Or;
        query
    }

    /// Adds a group at the end (groups keep their order, as in py42).
    pub fn group(mut self, group: FilterGroup) -> Self {
        if let Err(Error::InvalidInput { argument, reason }) = group.validate() {
            self.rejected.get_or_insert((argument, reason));
        }
        self.body.groups.push(wire_group(&group));
        self
    }

    /// Adds a group in the wire form (for shapes the core does not build, such as `subgroups`).
    pub fn wire_group(mut self, group: QueryFilterGroup) -> Self {
        self.body.groups.push(group);
        self
    }

    /// Sorts by `key` (a term of this data model, e.g. `@timestamp`) in `direction`.
    pub fn sort(mut self, key: impl Into<String>, direction: SortDirection) -> Self {
        self.body.srt_key = Some(key.into());
        self.body.srt_dir = Some(wire_direction(direction));
        self
    }

    /// A query from the core [`Query`]: its clause and groups, and its sort and paging where
    /// set (else this model's defaults).
    pub fn from_query(query: Query) -> Self {
        let mut out = match query.clause {
            Clause::And => Self::all(query.groups),
            Clause::Or => Self::any(query.groups),
        };
        if let Some(key) = query.sort_key {
            out = out.sort(key, query.sort_direction.unwrap_or(SortDirection::Asc));
        } else if let Some(direction) = query.sort_direction {
            out.body.srt_dir = Some(wire_direction(direction));
        }
        if let Some(size) = query.page_size {
            out = out.page_size(size);
        }
        if let Some(page) = query.page_number {
            out = out.page_number(page);
        }
        out
    }

    /// Checks the groups (arguments a term rejected, empty terms), the page size and the sort
    /// key, as every search does before sending.
    pub fn validate(&self) -> Result<()> {
        if let Some((argument, reason)) = &self.rejected {
            return Err(Error::invalid(argument, reason.clone()));
        }
        for group in &self.body.groups {
            check_group(group)?;
        }
        if self
            .body
            .srt_key
            .as_deref()
            .is_some_and(|k| k.trim().is_empty())
        {
            return Err(Error::invalid("sort_key", "is empty"));
        }
        self.checked_page_size().map(drop)
    }

    /// Events per page, 1 to [`MAX_PAGE_SIZE`] (checked when the query is sent).
    pub fn page_size(mut self, size: u32) -> Self {
        self.body.pg_size = Some(i64::from(size));
        self
    }

    /// The page number (from 1) of the wire query (`pgNum`); [`FileEvents::page`]'s `page`
    /// argument replaces it when the query is sent, and [`FileEvents::search`] pages by token.
    ///
    /// [`FileEvents::page`]: crate::file_events::FileEvents::page
    /// [`FileEvents::search`]: crate::file_events::FileEvents::search
    pub fn page_number(mut self, page: u32) -> Self {
        self.body.pg_num = Some(i64::from(page));
        self
    }

    /// A query from raw JSON, e.g. one py42 or the console would post. Keys are kept as given;
    /// unknown keys are sent too.
    pub fn from_json(text: &str) -> Result<Self> {
        let body = serde_json::from_str(text)
            .map_err(|e| Error::invalid("query", format!("not a file-event query: {e}")))?;
        Ok(Self::from_wire(body))
    }

    /// A query from a JSON value (see [`from_json`](Self::from_json)).
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        let body = serde_json::from_value(value)
            .map_err(|e| Error::invalid("query", format!("not a file-event query: {e}")))?;
        Ok(Self::from_wire(body))
    }

    /// A query from the wire type.
    pub fn from_wire(body: types::FileEventQuery) -> Self {
        FileEventQuery {
            body,
            rejected: None,
            version: PhantomData,
        }
    }

    /// The query of a saved search: its groups, group clause and sort (py42 replaced the last
    /// two with its defaults), with this page size.
    pub fn from_saved_search(search: &types::SavedSearch) -> Result<Self> {
        let mut query = Self::new();
        if let Some(clause) = &search.group_clause {
            query.body.group_clause = clause.clone();
        }
        for group in search.groups.iter().flatten() {
            query.body.groups.push(stored_group(group)?);
        }
        if let Some(key) = search.srt_key.as_deref().filter(|k| !k.is_empty()) {
            query.body.srt_key = Some(key.to_owned());
        }
        if let Some(direction) = &search.srt_dir {
            query.body.srt_dir = Some(direction.clone());
        }
        Ok(query)
    }

    /// The request body.
    pub fn as_wire(&self) -> &types::FileEventQuery {
        &self.body
    }

    /// The request body, owned.
    pub fn into_wire(self) -> types::FileEventQuery {
        self.body
    }

    /// The request body as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The groups.
    pub fn groups(&self) -> &[QueryFilterGroup] {
        &self.body.groups
    }

    /// Events per page: the query's, else [`DEFAULT_PAGE_SIZE`]; checked to be 1 to
    /// [`MAX_PAGE_SIZE`].
    pub fn checked_page_size(&self) -> Result<u32> {
        match self.body.pg_size {
            None => Ok(DEFAULT_PAGE_SIZE),
            Some(n) => u32::try_from(n)
                .ok()
                .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
                .ok_or_else(|| {
                    Error::invalid(
                        "page_size",
                        format!("{n} is not between 1 and {MAX_PAGE_SIZE}"),
                    )
                }),
        }
    }
}

fn wire_clause(clause: Clause) -> GroupClause {
    match clause {
        Clause::And => GroupClause::And,
        Clause::Or => GroupClause::Or,
    }
}

fn wire_direction(direction: SortDirection) -> types::SortDirection {
    match direction {
        SortDirection::Asc => types::SortDirection::Asc,
        SortDirection::Desc => types::SortDirection::Desc,
    }
}

/// A core group in the wire form.
fn wire_group(group: &FilterGroup) -> QueryFilterGroup {
    QueryFilterGroup::new()
        .with_filter_clause(wire_clause(group.clause()))
        .with_filters(
            group
                .filters()
                .iter()
                .map(|f| {
                    QueryFilter::new(
                        types::FilterOperator::from(f.operator().as_str()),
                        f.term().to_owned(),
                        match f.value() {
                            FilterValue::Null => serde_json::Value::Null,
                            FilterValue::Text(s) => serde_json::Value::String(s.clone()),
                            FilterValue::Integer(n) => serde_json::Value::from(*n),
                        },
                    )
                })
                .collect::<Vec<_>>(),
        )
}

/// Empty terms and operators are rejected before sending.
fn check_group(group: &QueryFilterGroup) -> Result<()> {
    for filter in &group.filters {
        if filter.term.trim().is_empty() {
            return Err(Error::invalid("term", "a filter's term is empty"));
        }
        if filter.operator.as_str().trim().is_empty() {
            return Err(Error::invalid(
                "operator",
                format!("the filter on `{}` has an empty operator", filter.term),
            ));
        }
    }
    group.subgroups.iter().try_for_each(check_group)
}

/// A query whose data model is known only at run time (raw JSON from a file).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum AnyFileEventQuery {
    /// A v1 query.
    V1(FileEventQuery<V1>),
    /// A v2 query.
    V2(FileEventQuery<V2>),
}

impl AnyFileEventQuery {
    /// Raw JSON; the data model is read from `srtKey` as py42 does (a `.` or `@` in it means
    /// v2). Without `srtKey`, a dotted or `@` filter term means v2, no filter at all means v2,
    /// and plain terms mean v1.
    pub fn from_json(text: &str) -> Result<Self> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| Error::invalid("query", format!("not JSON: {e}")))?;
        Self::from_value(value)
    }

    /// A JSON value (see [`from_json`](Self::from_json)).
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        let v2 = |term: &str| term.contains('.') || term.contains('@');
        let is_v2 = match value.get("srtKey").and_then(|k| k.as_str()) {
            Some(key) => v2(key),
            None => {
                let mut terms = Vec::new();
                collect_terms(value.get("groups"), &mut terms);
                terms.is_empty() || terms.iter().any(|t| v2(t))
            }
        };
        Ok(if is_v2 {
            AnyFileEventQuery::V2(FileEventQuery::from_value(value)?)
        } else {
            AnyFileEventQuery::V1(FileEventQuery::from_value(value)?)
        })
    }

    /// `v1` or `v2`.
    pub fn version(&self) -> &'static str {
        match self {
            AnyFileEventQuery::V1(_) => V1::NAME,
            AnyFileEventQuery::V2(_) => V2::NAME,
        }
    }
}

fn collect_terms(groups: Option<&serde_json::Value>, out: &mut Vec<String>) {
    for group in groups.and_then(|g| g.as_array()).into_iter().flatten() {
        for filter in group
            .get("filters")
            .and_then(|f| f.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(term) = filter.get("term").and_then(|t| t.as_str()) {
                out.push(term.to_owned());
            }
        }
        collect_terms(group.get("subgroups"), out);
    }
}

/// A stored group as a query group; extra keys such as `display` are dropped.
fn stored_group(group: &types::StoredFilterGroup) -> Result<QueryFilterGroup> {
    let mut filters = Vec::new();
    for filter in group.filters.iter().flatten() {
        let (Some(operator), Some(term)) = (&filter.operator, &filter.term) else {
            return Err(Error::invalid(
                "saved_search",
                "a saved filter has no operator or term",
            ));
        };
        filters.push(QueryFilter::new(
            operator.clone(),
            term.clone(),
            filter.value.clone().unwrap_or(serde_json::Value::Null),
        ));
    }
    let subgroups = group
        .subgroups
        .iter()
        .flatten()
        .map(stored_group)
        .collect::<Result<Vec<_>>>()?;
    let is_nested = !subgroups.is_empty() || group.subgroup_clause.is_some();
    Ok(QueryFilterGroup {
        filter_clause: match (&group.filter_clause, is_nested) {
            (Some(clause), _) => Some(clause.clone()),
            (None, false) => Some(GroupClause::And),
            (None, true) => None,
        },
        filters,
        subgroup_clause: group.subgroup_clause.clone(),
        subgroups,
        ..QueryFilterGroup::new()
    })
}

macro_rules! filter_values {
    ($($t:ty),*) => {$(
        impl From<$t> for FilterValue {
            fn from(v: $t) -> Self {
                FilterValue::Text(v.as_str().to_owned())
            }
        }
        impl From<&$t> for FilterValue {
            fn from(v: &$t) -> Self {
                FilterValue::Text(v.as_str().to_owned())
            }
        }
    )*};
}
filter_values!(
    DestinationCategory,
    EventAction,
    EventObserver,
    EventTypeV1,
    ExposureTypeV1,
    FileCategory,
    ReportType,
    RiskIndicatorName,
    RiskSeverity,
    ShareType,
    SharingTypeV1,
    SourceCategory,
    SyncDestinationV1,
    TrustReason
);

/// The operator families of a [`Term`] (py42's field classes): they decide which methods it has.
pub mod family {
    pub(super) mod sealed {
        pub trait Family {}
        pub trait Number {}
    }

    /// Terms compared by equality: `eq`, `not_eq`, `is_in`, `not_in`.
    pub trait Equality: sealed::Family {}
    /// Terms that can be tested for presence: `exists`, `not_exists`.
    pub trait Existence: sealed::Family {}
    /// Terms compared as numbers: `greater_than`, `less_than`.
    pub trait Numeric: sealed::Family {}

    /// Equality only (py42 `QueryFilterStringField`).
    #[derive(Clone, Copy, Debug)]
    pub struct Str;
    /// Equality and existence (py42 `FileEventFilterStringField`).
    #[derive(Clone, Copy, Debug)]
    pub struct StrExists;
    /// Equality and numbers (`risk.score`, `riskScore`, `risk.indicators.weight`).
    #[derive(Clone, Copy, Debug)]
    pub struct StrNum;
    /// Equality, existence and numbers (`report.count`).
    #[derive(Clone, Copy, Debug)]
    pub struct StrExistsNum;
    /// Numbers only (`fileSize`, `file.sizeInBytes`).
    #[derive(Clone, Copy, Debug)]
    pub struct Num;

    impl sealed::Family for Str {}
    impl sealed::Family for StrExists {}
    impl sealed::Family for StrNum {}
    impl sealed::Family for StrExistsNum {}
    impl sealed::Family for Num {}
    impl Equality for Str {}
    impl Equality for StrExists {}
    impl Equality for StrNum {}
    impl Equality for StrExistsNum {}
    impl Existence for StrExists {}
    impl Existence for StrExistsNum {}
    impl Numeric for StrNum {}
    impl Numeric for StrExistsNum {}
    impl Numeric for Num {}
}

use family::{Equality, Existence, Numeric};

/// A file-event term with values of type `V` (text, or an open enum of known values) and the
/// operators of family `F` (see [`family`]). Get one from [`v1`] or [`v2`].
///
/// ```
/// use code42::query::file_events::{v1, EventTypeV1};
/// let group = v1::event_type().is_in([
///     EventTypeV1::Created,
///     EventTypeV1::Modified,
///     EventTypeV1::Created,
/// ]);
/// assert_eq!(group.filters().len(), 2); // de-duplicated, joined by OR
/// let size = v1::file_size().greater_than(1024);
/// assert_eq!(size.filters()[0].value(), &code42::query::FilterValue::Integer(1024));
/// ```
pub struct Term<V = String, F = family::StrExists> {
    text: TextTerm<V>,
    _family: PhantomData<fn(F)>,
}

impl<V, F> Clone for Term<V, F> {
    fn clone(&self) -> Self {
        Term {
            text: self.text.clone(),
            _family: PhantomData,
        }
    }
}

impl<V, F> fmt::Debug for Term<V, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Term").field(&self.text).finish()
    }
}

impl<V: Into<FilterValue>, F> Term<V, F> {
    /// A term with a fixed name.
    pub const fn new(term: &'static str) -> Self {
        Term {
            text: TextTerm::new(term),
            _family: PhantomData,
        }
    }

    /// The term's wire name.
    pub fn term(&self) -> &str {
        self.text.term()
    }
}

impl<V: Into<FilterValue>, F: Equality> Term<V, F> {
    /// `IS value`.
    pub fn eq(&self, value: impl TermValue<V>) -> FilterGroup {
        self.text.eq(value)
    }

    /// `IS_NOT value`.
    pub fn not_eq(&self, value: impl TermValue<V>) -> FilterGroup {
        self.text.not_eq(value)
    }

    /// `IS` each value, joined by `OR` from two values on (counted before de-duplication, as
    /// py42 counts).
    pub fn is_in<T: TermValue<V>>(&self, values: impl IntoIterator<Item = T>) -> FilterGroup {
        self.text.is_in(values)
    }

    /// `IS_NOT` each value, joined by `AND`.
    pub fn not_in<T: TermValue<V>>(&self, values: impl IntoIterator<Item = T>) -> FilterGroup {
        self.text.not_in(values)
    }
}

impl<V: Into<FilterValue>, F: Existence> Term<V, F> {
    /// `EXISTS` (value `null`).
    pub fn exists(&self) -> FilterGroup {
        FilterGroup::exists(self.term())
    }

    /// `DOES_NOT_EXIST` (value `null`).
    pub fn not_exists(&self) -> FilterGroup {
        FilterGroup::not_exists(self.term())
    }
}

impl<V: Into<FilterValue>, F: Numeric> Term<V, F> {
    /// `GREATER_THAN n` (a JSON number, as py42 1.29.1 sends it). Integer terms take `i64`,
    /// `u64`, `i32` and `u32`; size terms also `f64`, truncated toward zero as py42's `int(n)`
    /// does. A number out of the wire's range (or a NaN) is an [`Error::InvalidInput`] naming
    /// `value` when the query is validated.
    pub fn greater_than(&self, n: impl NumberValue<F>) -> FilterGroup {
        match n.to_wire() {
            Ok(n) => FilterGroup::greater_than(self.term(), n),
            Err(reason) => FilterGroup::rejected("value", reason),
        }
    }

    /// `LESS_THAN n` (a JSON number); the same number types as
    /// [`greater_than`](Self::greater_than).
    pub fn less_than(&self, n: impl NumberValue<F>) -> FilterGroup {
        match n.to_wire() {
            Ok(n) => FilterGroup::less_than(self.term(), n),
            Err(reason) => FilterGroup::rejected("value", reason),
        }
    }
}

/// A number a numeric term of family `F` accepts: integers for every numeric term
/// (`risk.score`, `report.count` …), and `f64` too for the sizes py42 compares as floats
/// ([`family::Num`]: `fileSize`, `file.sizeInBytes`).
///
/// ```
/// use code42::query::file_events::{v1, v2};
/// use code42::query::FilterValue;
/// let size = v2::file::size().greater_than(1024.9_f64); // py42: int(1024.9)
/// assert_eq!(size.filters()[0].value(), &FilterValue::Integer(1024));
/// let big = v1::file_size().less_than(5_000_000_000_u64);
/// assert_eq!(big.filters()[0].value(), &FilterValue::Integer(5_000_000_000));
/// let score = v2::risk::score().greater_than(5_i64);
/// # let _ = score;
/// ```
///
/// A risk score is a whole number:
///
/// ```compile_fail
/// use code42::query::file_events::v2;
/// let score = v2::risk::score().greater_than(4.5_f64);
/// ```
pub trait NumberValue<F>: family::sealed::Number {
    /// The wire number, or why there is none.
    fn to_wire(self) -> std::result::Result<i64, String>;
}

macro_rules! integer_values {
    ($($t:ty),*) => {$(
        impl family::sealed::Number for $t {}
        impl<F: Numeric> NumberValue<F> for $t {
            fn to_wire(self) -> std::result::Result<i64, String> {
                i64::try_from(self).map_err(|_| format!("{self} is out of the range of a 64-bit signed number"))
            }
        }
    )*};
}
integer_values!(i64, u64, i32, u32);

impl family::sealed::Number for f64 {}
impl NumberValue<family::Num> for f64 {
    fn to_wire(self) -> std::result::Result<i64, String> {
        // `as` saturates; the bounds check keeps values that would saturate out.
        if self.is_finite() && self > -9.223_372_036_854_776e18 && self < 9.223_372_036_854_776e18 {
            Ok(self.trunc() as i64)
        } else {
            Err(format!(
                "{self} is not a finite number in the range of a 64-bit signed number"
            ))
        }
    }
}

/// A boolean term: `IS "TRUE"` / `IS "FALSE"`, as py42 sends them.
#[derive(Clone, Debug)]
pub struct BoolTerm {
    term: &'static str,
}

impl BoolTerm {
    /// A term with a fixed name.
    pub const fn new(term: &'static str) -> Self {
        BoolTerm { term }
    }

    /// The term's wire name.
    pub fn term(&self) -> &str {
        self.term
    }

    /// `IS "TRUE"`.
    pub fn is_true(&self) -> FilterGroup {
        FilterGroup::is_true(self.term)
    }

    /// `IS "FALSE"`.
    pub fn is_false(&self) -> FilterGroup {
        FilterGroup::is_false(self.term)
    }
}

/// A file-event time term: the core [`TimeTerm`] writing milliseconds
/// (`2021-01-01T12:30:15.123Z`, truncated), plus [`within_the_last`](Self::within_the_last).
///
/// ```
/// use code42::query::file_events::{v2::timestamp, WithinTheLast};
/// use time::macros::datetime;
/// let t = timestamp::timestamp();
/// let after = t.on_or_after(datetime!(2021-01-01 12:30:15.123456 UTC));
/// assert_eq!(after.filters()[0].value().as_str(), Some("2021-01-01T12:30:15.123Z"));
/// let recent = t.within_the_last(std::time::Duration::from_secs(90 * 60));
/// assert_eq!(recent.filters()[0].value().as_str(), Some("PT1H30M"));
/// assert!(t.within_the_last(WithinTheLast::SevenDays).validate().is_ok());
/// ```
#[derive(Clone, Debug)]
pub struct TimestampTerm(TimeTerm);

impl TimestampTerm {
    /// A term with a fixed name.
    pub const fn new(term: &'static str) -> Self {
        TimestampTerm(TimeTerm::new(term, TimePrecision::Millis))
    }

    /// The term's wire name.
    pub fn term(&self) -> &str {
        self.0.term()
    }

    /// `ON_OR_AFTER t`.
    pub fn on_or_after(&self, t: impl Into<time::OffsetDateTime>) -> FilterGroup {
        self.0.on_or_after(t)
    }

    /// `ON_OR_BEFORE t`.
    pub fn on_or_before(&self, t: impl Into<time::OffsetDateTime>) -> FilterGroup {
        self.0.on_or_before(t)
    }

    /// `ON_OR_AFTER start` and `ON_OR_BEFORE end` in one group.
    pub fn in_range(
        &self,
        start: impl Into<time::OffsetDateTime>,
        end: impl Into<time::OffsetDateTime>,
    ) -> FilterGroup {
        self.0.in_range(start, end)
    }

    /// The UTC day: from its 00:00:00.000 to its 23:59:59.000.
    pub fn on_same_day(&self, day: time::Date) -> FilterGroup {
        self.0.on_same_day(day)
    }

    /// `WITHIN_THE_LAST duration` (py42's constants, or any positive duration).
    pub fn within_the_last(&self, duration: impl Into<WithinTheLast>) -> FilterGroup {
        match duration.into().iso8601() {
            Some(text) => FilterGroup::within_the_last(self.term(), text),
            None => FilterGroup::rejected("duration", "within_the_last needs a positive duration"),
        }
    }
}

/// How far back `WITHIN_THE_LAST` reaches: py42's constants (`EventTimestamp.ONE_DAY` …) or any
/// duration, written in ISO 8601 (`P1D`, `PT1H30M`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WithinTheLast {
    /// `PT15M`
    FifteenMinutes,
    /// `PT1H`
    OneHour,
    /// `PT3H`
    ThreeHours,
    /// `PT12H`
    TwelveHours,
    /// `P1D`
    OneDay,
    /// `P3D`
    ThreeDays,
    /// `P7D`
    SevenDays,
    /// `P14D`
    FourteenDays,
    /// `P30D`
    ThirtyDays,
    /// Any other duration (whole seconds; zero is rejected).
    Duration(std::time::Duration),
}

impl WithinTheLast {
    /// The ISO 8601 text sent; `None` for a zero duration.
    pub fn iso8601(&self) -> Option<String> {
        let fixed = match self {
            WithinTheLast::FifteenMinutes => "PT15M",
            WithinTheLast::OneHour => "PT1H",
            WithinTheLast::ThreeHours => "PT3H",
            WithinTheLast::TwelveHours => "PT12H",
            WithinTheLast::OneDay => "P1D",
            WithinTheLast::ThreeDays => "P3D",
            WithinTheLast::SevenDays => "P7D",
            WithinTheLast::FourteenDays => "P14D",
            WithinTheLast::ThirtyDays => "P30D",
            WithinTheLast::Duration(d) => {
                let secs = d.as_secs();
                if secs == 0 {
                    return None;
                }
                let (days, rest) = (secs / 86_400, secs % 86_400);
                let (hours, minutes, seconds) = (rest / 3600, rest % 3600 / 60, rest % 60);
                let mut text = String::from("P");
                if days > 0 {
                    text.push_str(&format!("{days}D"));
                }
                if rest > 0 {
                    text.push('T');
                    for (n, unit) in [(hours, 'H'), (minutes, 'M'), (seconds, 'S')] {
                        if n > 0 {
                            text.push_str(&format!("{n}{unit}"));
                        }
                    }
                }
                return Some(text);
            }
        };
        Some(fixed.to_owned())
    }
}

impl std::str::FromStr for WithinTheLast {
    type Err = Error;

    /// Reads ISO 8601 (`P1D`, `PT15M`, `P2DT3H`, `P1W`): py42's constants become their variants,
    /// other durations [`WithinTheLast::Duration`]. Years and months (no fixed length) are
    /// rejected.
    fn from_str(text: &str) -> Result<Self> {
        let bad = || {
            Error::invalid(
                "duration",
                format!(
                    "`{text}` is not an ISO 8601 duration of weeks, days, hours, minutes or seconds"
                ),
            )
        };
        let rest = text.trim().strip_prefix('P').ok_or_else(bad)?;
        let (date, time) = match rest.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (rest, None),
        };
        let mut secs: u64 = 0;
        let mut any = false;
        let mut read = |part: &str, units: &[(char, u64)]| -> Result<()> {
            let mut number = String::new();
            for c in part.chars() {
                if c.is_ascii_digit() {
                    number.push(c);
                    continue;
                }
                let (_, unit) = units.iter().find(|(u, _)| *u == c).ok_or_else(bad)?;
                let n: u64 = number.parse().map_err(|_| bad())?;
                secs = n
                    .checked_mul(*unit)
                    .and_then(|s| secs.checked_add(s))
                    .ok_or_else(bad)?;
                number.clear();
                any = true;
            }
            if number.is_empty() {
                Ok(())
            } else {
                Err(bad())
            }
        };
        read(date, &[('W', 604_800), ('D', 86_400)])?;
        if let Some(time) = time {
            read(time, &[('H', 3600), ('M', 60), ('S', 1)])?;
        }
        if !any || secs == 0 {
            return Err(bad());
        }
        let duration = WithinTheLast::Duration(std::time::Duration::from_secs(secs));
        let iso = duration.iso8601();
        Ok([
            WithinTheLast::FifteenMinutes,
            WithinTheLast::OneHour,
            WithinTheLast::ThreeHours,
            WithinTheLast::TwelveHours,
            WithinTheLast::OneDay,
            WithinTheLast::ThreeDays,
            WithinTheLast::SevenDays,
            WithinTheLast::FourteenDays,
            WithinTheLast::ThirtyDays,
        ]
        .into_iter()
        .find(|c| c.iso8601() == iso)
        .unwrap_or(duration))
    }
}

impl From<std::time::Duration> for WithinTheLast {
    fn from(d: std::time::Duration) -> Self {
        WithinTheLast::Duration(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_are_py42s() {
        assert_eq!(
            FileEventQuery::<V2>::new().to_json(),
            json!({"groupClause": "AND", "groups": [], "pgNum": 1, "pgSize": 500,
                   "srtDir": "asc", "srtKey": "event.id"})
        );
        assert_eq!(FileEventQuery::<V1>::new().to_json()["srtKey"], "eventId");
    }

    #[test]
    fn raw_json_keeps_every_key_and_the_version_is_detected_like_py42() {
        let text = r#"{"groupClause":"OR","groups":[{"filterClause":"AND","filters":[
            {"operator":"IS","term":"fileName","value":"a\"b.txt"}]}],"srtKey":"eventId","custom":1}"#;
        let any = AnyFileEventQuery::from_json(text).unwrap();
        let AnyFileEventQuery::V1(q) = &any else {
            panic!("{any:?}")
        };
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(q.to_json(), value);
        for (text, version) in [
            (
                r#"{"groupClause":"AND","groups":[],"srtKey":"@timestamp"}"#,
                "v2",
            ),
            (r#"{"groupClause":"AND","groups":[]}"#, "v2"),
            (
                r#"{"groupClause":"AND","groups":[{"filters":[{"operator":"EXISTS","term":"file.name","value":null}]}]}"#,
                "v2",
            ),
            (
                r#"{"groupClause":"AND","groups":[{"filters":[{"operator":"EXISTS","term":"fileName","value":null}]}]}"#,
                "v1",
            ),
        ] {
            assert_eq!(
                AnyFileEventQuery::from_json(text).unwrap().version(),
                version
            );
        }
        assert!(matches!(
            FileEventQuery::<V2>::from_json(r#"{"groups":[]}"#),
            Err(Error::InvalidInput {
                argument: "query",
                ..
            })
        ));
    }

    #[test]
    fn a_saved_search_keeps_its_clause_and_sort_and_drops_display_keys() {
        let search: types::SavedSearch = serde_json::from_value(json!({
            "id": "S1", "groupClause": "OR", "srtKey": "@timestamp", "srtDir": "desc",
            "groups": [
                {"filterClause": "AND", "display": "x", "filters": [
                    {"operator": "IS", "term": "file.name", "value": "a.txt", "display": "y"},
                    {"operator": "EXISTS", "term": "file.owner"}]},
                {"subgroupClause": "OR", "subgroups": [
                    {"filterClause": "AND", "filters": [{"operator": "IS", "term": "user.email", "value": "a@b.c"}]}]}
            ]
        }))
        .unwrap();
        let query = FileEventQuery::<V2>::from_saved_search(&search)
            .unwrap()
            .page_size(100);
        assert_eq!(
            query.to_json(),
            json!({"groupClause": "OR", "groups": [
                {"filterClause": "AND", "filters": [
                    {"operator": "IS", "term": "file.name", "value": "a.txt"},
                    {"operator": "EXISTS", "term": "file.owner", "value": null}]},
                {"subgroupClause": "OR", "subgroups": [
                    {"filterClause": "AND", "filters": [{"operator": "IS", "term": "user.email", "value": "a@b.c"}]}]}
            ], "pgNum": 1, "pgSize": 100, "srtDir": "desc", "srtKey": "@timestamp"})
        );
    }

    #[test]
    fn page_sizes_are_checked() {
        assert_eq!(
            FileEventQuery::<V2>::new().checked_page_size().unwrap(),
            500
        );
        assert!(
            FileEventQuery::<V2>::new()
                .page_size(10_001)
                .checked_page_size()
                .is_err()
        );
        assert!(
            FileEventQuery::<V2>::new()
                .page_size(0)
                .checked_page_size()
                .is_err()
        );
    }
}
