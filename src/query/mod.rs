//! The search filter DSL shared by alert, alert-rule and file-event searches.
//!
//! Code42's searches all take the same two-level structure: a query holds **groups** combined by
//! its `groupClause`, and each group holds **filters** (`term`, `operator`, `value`) combined by
//! its `filterClause`:
//!
//! ```json
//! {"groupClause": "AND",
//!  "groups": [{"filterClause": "OR",
//!              "filters": [{"operator": "IS", "term": "state", "value": "OPEN"},
//!                          {"operator": "IS", "term": "state", "value": "PENDING"}]}]}
//! ```
//!
//! This module is the service-independent core: [`Filter`], [`FilterGroup`] (with the group
//! builders py42 has as `create_*_filter_group`), [`Query`] (groups, sort and paging), typed term
//! helpers ([`TextTerm`], [`TimeTerm`]) and timestamp formats ([`TimePrecision`]). Each service
//! adds its terms and its request envelope on top: [`alerts`] for `query-alerts`, [`rules`] for
//! the rule-metadata search, [`file_events`] for forensic search (v1 and v2 terms,
//! [`FileEventQuery`]).
//!
//! Builders never fail: a bad argument (an empty value list, a range that ends before it starts,
//! a year the wire format cannot write) is kept in the group and reported as
//! [`Error::InvalidInput`] naming the argument by [`FilterGroup::validate`],
//! [`Query::validate`], or the search call, before anything is sent.
//!
//! Within a group, filters are de-duplicated and ordered as py42 orders them (by their compact
//! text form: operator, then term, then value), so request bodies equal py42's as JSON values.
//!
//! ```
//! use code42::query::{FilterGroup, Query};
//! use code42::query::alerts::{self as f, AlertState, RiskSeverity};
//!
//! let query = Query::all([
//!     f::state().eq(AlertState::Open),
//!     f::risk_severity().is_in([RiskSeverity::Critical, RiskSeverity::High]),
//!     FilterGroup::eq("actor", "bob@example.com"), // any term, as py42's create_eq_filter_group
//! ]);
//! query.validate()?;
//! assert_eq!(query.groups[1].filters()[0].value().as_str(), Some("CRITICAL"));
//! # Ok::<(), code42::Error>(())
//! ```

pub mod alerts;
pub mod file_events;
pub mod rules;

pub use file_events::{AnyFileEventQuery, FileEventQuery, FileEventVersion, V1, V2};

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, OffsetDateTime};

use crate::{Error, Result};

/// A filter's comparison operator. Unknown operators read from JSON are kept in
/// [`Operator::Other`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Operator {
    /// `IS`
    Is,
    /// `IS_NOT`
    IsNot,
    /// `EXISTS` (value null)
    Exists,
    /// `DOES_NOT_EXIST` (value null)
    DoesNotExist,
    /// `CONTAINS`
    Contains,
    /// `DOES_NOT_CONTAIN`
    DoesNotContain,
    /// `ON_OR_AFTER`
    OnOrAfter,
    /// `ON_OR_BEFORE`
    OnOrBefore,
    /// `WITHIN_THE_LAST` (an ISO 8601 duration such as `P30D`)
    WithinTheLast,
    /// `GREATER_THAN` (a number)
    GreaterThan,
    /// `LESS_THAN` (a number)
    LessThan,
    /// Any other operator, sent verbatim.
    Other(String),
}

impl Operator {
    const KNOWN: [(Operator, &'static str); 11] = [
        (Operator::Is, "IS"),
        (Operator::IsNot, "IS_NOT"),
        (Operator::Exists, "EXISTS"),
        (Operator::DoesNotExist, "DOES_NOT_EXIST"),
        (Operator::Contains, "CONTAINS"),
        (Operator::DoesNotContain, "DOES_NOT_CONTAIN"),
        (Operator::OnOrAfter, "ON_OR_AFTER"),
        (Operator::OnOrBefore, "ON_OR_BEFORE"),
        (Operator::WithinTheLast, "WITHIN_THE_LAST"),
        (Operator::GreaterThan, "GREATER_THAN"),
        (Operator::LessThan, "LESS_THAN"),
    ];

    /// The wire token.
    pub fn as_str(&self) -> &str {
        match self {
            Operator::Other(s) => s,
            known => Self::KNOWN
                .iter()
                .find(|(op, _)| op == known)
                .map_or("", |(_, s)| s),
        }
    }
}

impl From<&str> for Operator {
    fn from(token: &str) -> Self {
        Self::KNOWN
            .iter()
            .find(|(_, s)| *s == token)
            .map_or_else(|| Operator::Other(token.to_owned()), |(op, _)| op.clone())
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Operator {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Operator {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let token = Cow::<'de, str>::deserialize(d)?;
        Ok(Operator::from(&*token))
    }
}

/// How the filters of a group (`filterClause`) or the groups of a query (`groupClause`) combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Clause {
    /// `AND`: every condition must hold.
    #[default]
    #[serde(rename = "AND")]
    And,
    /// `OR`: any condition may hold.
    #[serde(rename = "OR")]
    Or,
}

impl Clause {
    /// The wire token.
    pub fn as_str(self) -> &'static str {
        match self {
            Clause::And => "AND",
            Clause::Or => "OR",
        }
    }
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A filter's value: text, a whole number (`GREATER_THAN` / `LESS_THAN`), or null (`EXISTS` /
/// `DOES_NOT_EXIST`). Booleans are the texts `TRUE` / `FALSE`, as py42 sends them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum FilterValue {
    /// JSON `null`.
    #[default]
    Null,
    /// A JSON string.
    Text(String),
    /// A JSON number.
    Integer(i64),
}

impl FilterValue {
    /// The text, if the value is text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            FilterValue::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The value as py42's `str()` writes it in a filter's compact form (its sort key).
    fn py42_text(&self) -> String {
        match self {
            FilterValue::Null => "null".to_owned(),
            FilterValue::Text(s) => format!("\"{s}\""),
            FilterValue::Integer(n) => format!("\"{n}\""),
        }
    }
}

impl From<&str> for FilterValue {
    fn from(v: &str) -> Self {
        FilterValue::Text(v.to_owned())
    }
}
impl From<String> for FilterValue {
    fn from(v: String) -> Self {
        FilterValue::Text(v)
    }
}
impl From<&String> for FilterValue {
    fn from(v: &String) -> Self {
        FilterValue::Text(v.clone())
    }
}
impl From<i64> for FilterValue {
    fn from(v: i64) -> Self {
        FilterValue::Integer(v)
    }
}
impl From<i32> for FilterValue {
    fn from(v: i32) -> Self {
        FilterValue::Integer(v.into())
    }
}
impl From<u32> for FilterValue {
    fn from(v: u32) -> Self {
        FilterValue::Integer(v.into())
    }
}
impl From<bool> for FilterValue {
    /// `TRUE` / `FALSE`, as py42's `is_true()` / `is_false()` send them.
    fn from(v: bool) -> Self {
        FilterValue::Text(if v { "TRUE" } else { "FALSE" }.to_owned())
    }
}
impl<T: Into<FilterValue>> From<Option<T>> for FilterValue {
    fn from(v: Option<T>) -> Self {
        v.map_or(FilterValue::Null, Into::into)
    }
}

impl Serialize for FilterValue {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            FilterValue::Null => s.serialize_none(),
            FilterValue::Text(t) => s.serialize_str(t),
            FilterValue::Integer(n) => s.serialize_i64(*n),
        }
    }
}

impl<'de> Deserialize<'de> for FilterValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::Error as _;
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::Null => Ok(FilterValue::Null),
            serde_json::Value::String(s) => Ok(FilterValue::Text(s)),
            serde_json::Value::Number(n) => n
                .as_i64()
                .map(FilterValue::Integer)
                .ok_or_else(|| D::Error::custom(format!("filter value {n} is not a whole number"))),
            other => Err(D::Error::custom(format!(
                "a filter value is a string, a whole number or null, not {other}"
            ))),
        }
    }
}

/// One condition: `{"operator", "term", "value"}`.
///
/// ```
/// use code42::query::{Filter, Operator};
/// let f = Filter::new("state", Operator::Is, "OPEN");
/// assert_eq!(
///     serde_json::to_value(&f)?,
///     serde_json::json!({"operator": "IS", "term": "state", "value": "OPEN"})
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Filter {
    operator: Operator,
    term: String,
    /// Missing in raw JSON means null; always sent.
    #[serde(default)]
    value: FilterValue,
}

impl Filter {
    /// A filter on `term`.
    pub fn new(term: impl Into<String>, operator: Operator, value: impl Into<FilterValue>) -> Self {
        Filter {
            operator,
            term: term.into(),
            value: value.into(),
        }
    }

    /// The field filtered on.
    pub fn term(&self) -> &str {
        &self.term
    }

    /// The operator.
    pub fn operator(&self) -> &Operator {
        &self.operator
    }

    /// The value.
    pub fn value(&self) -> &FilterValue {
        &self.value
    }

    /// py42's compact text form, `{"operator":"IS", "term":"state", "value":"OPEN"}`: py42 orders
    /// and de-duplicates a group's filters by it. It is a sort key, not JSON (nothing is escaped).
    pub fn sort_key(&self) -> String {
        format!(
            r#"{{"operator":"{}", "term":"{}", "value":{}}}"#,
            self.operator,
            self.term,
            self.value.py42_text()
        )
    }
}

/// An argument rejected while building, reported when the query is validated.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Rejected {
    argument: &'static str,
    reason: String,
}

/// Filters combined by one clause (`{"filterClause", "filters"}`): the unit queries combine.
///
/// The constructors mirror py42's `create_*_filter_group` helpers and work for any term; typed
/// terms ([`TextTerm`], [`TimeTerm`], [`alerts`]) build on them. Filters are kept de-duplicated
/// and in py42's order.
///
/// ```
/// use code42::query::{Clause, FilterGroup};
/// let group = FilterGroup::is_in("state", ["PENDING", "OPEN", "OPEN"]);
/// assert_eq!(group.clause(), Clause::Or); // two or more values given
/// let values: Vec<_> = group.filters().iter().map(|f| f.value().as_str()).collect();
/// assert_eq!(values, [Some("OPEN"), Some("PENDING")]); // de-duplicated, sorted
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterGroup {
    clause: Clause,
    filters: Vec<Filter>,
    rejected: Option<Rejected>,
}

impl FilterGroup {
    /// Filters combined by `clause`, de-duplicated and ordered as py42 orders them.
    pub fn new(clause: Clause, filters: impl IntoIterator<Item = Filter>) -> Self {
        let mut unique: Vec<Filter> = Vec::new();
        for filter in filters {
            if !unique.contains(&filter) {
                unique.push(filter);
            }
        }
        unique.sort_by_cached_key(Filter::sort_key);
        FilterGroup {
            clause,
            filters: unique,
            rejected: None,
        }
    }

    /// Filters that must all hold.
    pub fn all(filters: impl IntoIterator<Item = Filter>) -> Self {
        Self::new(Clause::And, filters)
    }

    /// Filters of which any may hold.
    pub fn any(filters: impl IntoIterator<Item = Filter>) -> Self {
        Self::new(Clause::Or, filters)
    }

    /// A group that reports `argument` as invalid when validated: for term helpers that reject
    /// their input without failing at the call.
    pub fn rejected(argument: &'static str, reason: impl Into<String>) -> Self {
        FilterGroup {
            clause: Clause::And,
            filters: Vec::new(),
            rejected: Some(Rejected {
                argument,
                reason: reason.into(),
            }),
        }
    }

    /// Nests groups into one group joined by `clause`.
    ///
    /// Searches have only two levels (a query's groups, a group's filters), so a nested group
    /// must use the same clause or hold a single filter; `all(a, any(b, c))` cannot be written as
    /// one group and is rejected (make it two groups of an `AND` query instead).
    ///
    /// ```
    /// use code42::query::{Clause, FilterGroup};
    /// let nested = FilterGroup::nest(
    ///     Clause::And,
    ///     [FilterGroup::eq("state", "OPEN"), FilterGroup::not_eq("actor", "svc")],
    /// );
    /// assert_eq!(nested.filters().len(), 2);
    /// let bad = FilterGroup::nest(Clause::And, [FilterGroup::is_in("state", ["A", "B"])]);
    /// assert!(bad.validate().is_err());
    /// ```
    pub fn nest(clause: Clause, groups: impl IntoIterator<Item = FilterGroup>) -> Self {
        let mut filters = Vec::new();
        let mut rejected = None;
        for group in groups {
            if let Some(r) = group.rejected {
                rejected.get_or_insert(r);
                continue;
            }
            if group.clause != clause && group.filters.len() > 1 {
                rejected.get_or_insert(Rejected {
                    argument: "groups",
                    reason: format!(
                        "{} filters joined by {} cannot be nested in a group joined by {clause}: \
                         searches have only two levels (groups of filters)",
                        group.filters.len(),
                        group.clause
                    ),
                });
                continue;
            }
            filters.extend(group.filters);
        }
        let mut group = FilterGroup::new(clause, filters);
        group.rejected = rejected;
        group
    }

    /// How the filters combine.
    pub fn clause(&self) -> Clause {
        self.clause
    }

    /// The filters, de-duplicated and in py42's order.
    pub fn filters(&self) -> &[Filter] {
        &self.filters
    }

    /// Reports an argument rejected while building, an empty term or an empty operator.
    pub fn validate(&self) -> Result<()> {
        if let Some(r) = &self.rejected {
            return Err(Error::invalid(r.argument, r.reason.clone()));
        }
        for filter in &self.filters {
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
        Ok(())
    }

    /// A group from raw JSON (`{"filterClause", "filters": [{"term", "operator", "value"?}]}`),
    /// as py42's `FilterGroup.from_dict`: other keys (such as `display`) are dropped, filters are
    /// de-duplicated and ordered.
    pub fn from_json(text: &str) -> Result<Self> {
        serde_json::from_str(text).map_err(|e| Error::invalid("filter_group", e.to_string()))
    }

    fn single(term: impl Into<String>, operator: Operator, value: FilterValue) -> Self {
        Self::all([Filter::new(term, operator, value)])
    }

    /// `term IS value` (py42 `create_eq_filter_group`).
    pub fn eq(term: impl Into<String>, value: impl Into<FilterValue>) -> Self {
        Self::single(term, Operator::Is, value.into())
    }

    /// `term IS_NOT value`.
    pub fn not_eq(term: impl Into<String>, value: impl Into<FilterValue>) -> Self {
        Self::single(term, Operator::IsNot, value.into())
    }

    /// One `IS` filter per distinct value, joined by `OR` when two or more values are given
    /// (counted before de-duplication, as py42 does), else `AND`. An empty list is rejected.
    pub fn is_in<V: Into<FilterValue>>(
        term: impl Into<String>,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        let term = term.into();
        let filters: Vec<Filter> = values
            .into_iter()
            .map(|v| Filter::new(term.clone(), Operator::Is, v))
            .collect();
        if filters.is_empty() {
            return Self::rejected(
                "values",
                format!("is_in on `{term}` needs at least one value"),
            );
        }
        let clause = if filters.len() > 1 {
            Clause::Or
        } else {
            Clause::And
        };
        Self::new(clause, filters)
    }

    /// One `IS_NOT` filter per distinct value, joined by `AND`. An empty list is rejected.
    pub fn not_in<V: Into<FilterValue>>(
        term: impl Into<String>,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        let term = term.into();
        let filters: Vec<Filter> = values
            .into_iter()
            .map(|v| Filter::new(term.clone(), Operator::IsNot, v))
            .collect();
        if filters.is_empty() {
            return Self::rejected(
                "values",
                format!("not_in on `{term}` needs at least one value"),
            );
        }
        Self::all(filters)
    }

    /// `term CONTAINS value` (alert terms).
    pub fn contains(term: impl Into<String>, value: impl Into<FilterValue>) -> Self {
        Self::single(term, Operator::Contains, value.into())
    }

    /// `term DOES_NOT_CONTAIN value` (alert terms).
    pub fn not_contains(term: impl Into<String>, value: impl Into<FilterValue>) -> Self {
        Self::single(term, Operator::DoesNotContain, value.into())
    }

    /// `term EXISTS` (value null).
    pub fn exists(term: impl Into<String>) -> Self {
        Self::single(term, Operator::Exists, FilterValue::Null)
    }

    /// `term DOES_NOT_EXIST` (value null).
    pub fn not_exists(term: impl Into<String>) -> Self {
        Self::single(term, Operator::DoesNotExist, FilterValue::Null)
    }

    /// `term ON_OR_AFTER value`, the value already formatted (see [`TimeTerm`]).
    pub fn on_or_after(term: impl Into<String>, value: impl Into<FilterValue>) -> Self {
        Self::single(term, Operator::OnOrAfter, value.into())
    }

    /// `term ON_OR_BEFORE value`, the value already formatted (see [`TimeTerm`]).
    pub fn on_or_before(term: impl Into<String>, value: impl Into<FilterValue>) -> Self {
        Self::single(term, Operator::OnOrBefore, value.into())
    }

    /// `ON_OR_AFTER start` and `ON_OR_BEFORE end` in one `AND` group.
    pub fn in_range(
        term: impl Into<String>,
        start: impl Into<FilterValue>,
        end: impl Into<FilterValue>,
    ) -> Self {
        let term = term.into();
        Self::all([
            Filter::new(term.clone(), Operator::OnOrAfter, start),
            Filter::new(term, Operator::OnOrBefore, end),
        ])
    }

    /// `term WITHIN_THE_LAST duration` (an ISO 8601 duration such as `PT15M` or `P30D`, passed
    /// through unchanged; file-event time terms).
    pub fn within_the_last(term: impl Into<String>, duration: impl Into<String>) -> Self {
        Self::single(
            term,
            Operator::WithinTheLast,
            FilterValue::Text(duration.into()),
        )
    }

    /// `term GREATER_THAN n` (a JSON number, as py42 1.29.1 sends it).
    pub fn greater_than(term: impl Into<String>, n: i64) -> Self {
        Self::single(term, Operator::GreaterThan, FilterValue::Integer(n))
    }

    /// `term LESS_THAN n` (a JSON number, as py42 1.29.1 sends it).
    pub fn less_than(term: impl Into<String>, n: i64) -> Self {
        Self::single(term, Operator::LessThan, FilterValue::Integer(n))
    }

    /// `term IS "TRUE"`.
    pub fn is_true(term: impl Into<String>) -> Self {
        Self::eq(term, true)
    }

    /// `term IS "FALSE"`.
    pub fn is_false(term: impl Into<String>) -> Self {
        Self::eq(term, false)
    }
}

impl From<Filter> for FilterGroup {
    /// A group of one filter (`AND`).
    fn from(filter: Filter) -> Self {
        FilterGroup::all([filter])
    }
}

#[derive(Serialize, Deserialize)]
struct GroupWire<F> {
    #[serde(rename = "filterClause")]
    clause: Clause,
    filters: F,
}

impl Serialize for FilterGroup {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        GroupWire {
            clause: self.clause,
            filters: &self.filters,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for FilterGroup {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let wire = GroupWire::<Vec<Filter>>::deserialize(d)?;
        Ok(FilterGroup::new(wire.clause, wire.filters))
    }
}

/// Sort direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortDirection {
    /// Ascending.
    Asc,
    /// Descending.
    #[default]
    Desc,
}

impl SortDirection {
    /// `asc` / `desc` (alert searches, as py42 sends them).
    pub fn lower(self) -> &'static str {
        match self {
            SortDirection::Asc => "asc",
            SortDirection::Desc => "desc",
        }
    }

    /// `ASC` / `DESC` (rule-metadata searches).
    pub fn upper(self) -> &'static str {
        match self {
            SortDirection::Asc => "ASC",
            SortDirection::Desc => "DESC",
        }
    }

    /// Reads `asc` / `desc` in any case.
    pub fn parse(text: &str) -> Result<Self> {
        match text.to_ascii_lowercase().as_str() {
            "asc" => Ok(SortDirection::Asc),
            "desc" => Ok(SortDirection::Desc),
            _ => Err(Error::invalid(
                "sort_direction",
                format!("`{text}` is neither asc nor desc"),
            )),
        }
    }
}

/// Groups combined by one clause, with optional sorting and paging: the part of a search body
/// every service shares. Services wrap it with their envelope and defaults
/// ([`alerts::AlertQuery`], [`rules::RuleQuery`]).
///
/// Groups keep the order given (py42 neither sorts nor de-duplicates them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
#[must_use = "a query does nothing until searched"]
pub struct Query {
    /// How the groups combine (`groupClause`).
    pub clause: Clause,
    /// The groups, in the order given.
    pub groups: Vec<FilterGroup>,
    /// The sort key (a service's own key, e.g. `CreatedAt`); the service's default if unset.
    pub sort_key: Option<String>,
    /// The sort direction; the service's default if unset.
    pub sort_direction: Option<SortDirection>,
    /// Items per page; the service's default if unset.
    pub page_size: Option<u32>,
    /// The page to ask for, numbered as the service numbers its pages.
    pub page_number: Option<u32>,
}

impl Query {
    /// No groups (matches everything), joined by `AND`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Groups that must all match (`groupClause: AND`).
    pub fn all(groups: impl IntoIterator<Item = FilterGroup>) -> Self {
        Query {
            groups: groups.into_iter().collect(),
            ..Self::default()
        }
    }

    /// Groups of which any may match (`groupClause: OR`).
    pub fn any(groups: impl IntoIterator<Item = FilterGroup>) -> Self {
        Query {
            clause: Clause::Or,
            groups: groups.into_iter().collect(),
            ..Self::default()
        }
    }

    /// Adds a group at the end.
    pub fn group(mut self, group: FilterGroup) -> Self {
        self.groups.push(group);
        self
    }

    /// Sorts by `key` (a service's own key, e.g. `CreatedAt`).
    pub fn sort(mut self, key: impl Into<String>, direction: SortDirection) -> Self {
        self.sort_key = Some(key.into());
        self.sort_direction = Some(direction);
        self
    }

    /// Items per page (a service checks its own limits).
    pub fn page_size(mut self, size: u32) -> Self {
        self.page_size = Some(size);
        self
    }

    /// The page to ask for, numbered as the service numbers its pages.
    pub fn page_number(mut self, number: u32) -> Self {
        self.page_number = Some(number);
        self
    }

    /// Checks every group and the sort key (see [`FilterGroup::validate`]).
    pub fn validate(&self) -> Result<()> {
        self.groups.iter().try_for_each(FilterGroup::validate)?;
        if self
            .sort_key
            .as_deref()
            .is_some_and(|k| k.trim().is_empty())
        {
            return Err(Error::invalid("sort_key", "is empty"));
        }
        Ok(())
    }
}

/// The groups part of a raw query (`groupClause`, `groups`) plus the common envelope keys, read
/// leniently: numbers may be JSON strings, as the alerts article writes them.
#[derive(Deserialize)]
pub(crate) struct RawQuery {
    #[serde(rename = "groupClause", default)]
    pub(crate) clause: Clause,
    pub(crate) groups: Vec<FilterGroup>,
    #[serde(rename = "tenantId", default)]
    pub(crate) tenant_id: Option<String>,
    #[serde(rename = "pgNum", default)]
    pub(crate) page_number: Option<serde_json::Value>,
    #[serde(rename = "pgSize", default)]
    pub(crate) page_size: Option<serde_json::Value>,
    #[serde(rename = "srtKey", default)]
    pub(crate) sort_key: Option<String>,
    #[serde(rename = "srtDirection", default)]
    pub(crate) sort_direction: Option<String>,
}

impl RawQuery {
    pub(crate) fn parse(text: &str) -> Result<(Query, Option<String>)> {
        let raw: RawQuery =
            serde_json::from_str(text).map_err(|e| Error::invalid("query", e.to_string()))?;
        let number = |name: &'static str, v: Option<serde_json::Value>| -> Result<Option<u32>> {
            let n = match v {
                None | Some(serde_json::Value::Null) => return Ok(None),
                Some(serde_json::Value::Number(n)) => n.as_u64(),
                Some(serde_json::Value::String(s)) => s.trim().parse::<u64>().ok(),
                Some(_) => None,
            };
            n.and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| Error::invalid(name, "is not a whole number"))
        };
        let query = Query {
            clause: raw.clause,
            groups: raw.groups,
            sort_key: raw.sort_key,
            sort_direction: raw
                .sort_direction
                .as_deref()
                .map(SortDirection::parse)
                .transpose()?,
            page_size: number("page_size", raw.page_size)?,
            page_number: number("page_number", raw.page_number)?,
        };
        Ok((query, raw.tenant_id))
    }
}

/// How a time term's values are written: always UTC with a literal `Z`, the fraction truncated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimePrecision {
    /// `2020-01-01T00:00:00.000Z`: file-event terms, and alert terms as py42 1.11.1 wrote them.
    Millis,
    /// `2020-01-01T00:00:00.000000Z`: alert terms as py42 1.29.1 writes them.
    Micros,
}

impl TimePrecision {
    /// Formats `t` (converted to UTC; py42 writes a zone-aware value's wall time unconverted).
    ///
    /// ```
    /// use code42::query::TimePrecision;
    /// use time::macros::datetime;
    /// let t = datetime!(2021-01-01 13:30:15.123456 +01:00);
    /// assert_eq!(TimePrecision::Micros.format(t)?, "2021-01-01T12:30:15.123456Z");
    /// assert_eq!(TimePrecision::Millis.format(t)?, "2021-01-01T12:30:15.123Z");
    /// # Ok::<(), code42::Error>(())
    /// ```
    pub fn format(self, t: OffsetDateTime) -> Result<String> {
        let digits = match self {
            TimePrecision::Millis => 3,
            TimePrecision::Micros => 6,
        };
        crate::timestamp::format_utc(t, digits).ok_or_else(|| {
            Error::invalid("timestamp", format!("{t} is outside the years 0 to 9999"))
        })
    }

    fn day_bound(self, day: Date, end: bool) -> Result<String> {
        let time = if end {
            time::Time::from_hms(23, 59, 59)
        } else {
            Ok(time::Time::MIDNIGHT)
        }
        .map_err(|e| Error::invalid("day", e.to_string()))?;
        self.format(day.with_time(time).assume_utc())
    }
}

/// A value a term of type `V` accepts: a `V` itself (or a reference to one), and for text
/// terms any `&str` / `String`.
///
/// A term with known values (an enum such as
/// [`alerts::RiskSeverity`]) takes only that enum, so a
/// misspelt value does not compile; a value this SDK does not know yet is written explicitly
/// with the enum's `Unknown` variant (`RiskSeverity::Unknown("NEW".into())`) or `From<&str>`.
///
/// ```compile_fail
/// use code42::query::alerts as af;
/// let typo = af::risk_severity().is_in(["CRITCAL"]); // a text is not a RiskSeverity
/// ```
///
/// ```
/// use code42::query::alerts::{self as af, RiskSeverity};
/// let known = af::risk_severity().is_in([RiskSeverity::Critical]);
/// let newer = af::risk_severity().eq(RiskSeverity::Unknown("EXTREME".into()));
/// # let _ = (known, newer);
/// ```
pub trait TermValue<V> {
    /// The filter value.
    fn filter_value(self) -> FilterValue;
}

impl<V: Into<FilterValue>> TermValue<V> for V {
    fn filter_value(self) -> FilterValue {
        self.into()
    }
}

impl<V: Clone + Into<FilterValue>> TermValue<V> for &V {
    fn filter_value(self) -> FilterValue {
        self.clone().into()
    }
}

impl TermValue<String> for &str {
    fn filter_value(self) -> FilterValue {
        FilterValue::Text(self.to_owned())
    }
}

/// A term compared by equality (py42's string-field family: `eq`, `not_eq`, `is_in`,
/// `not_in`), with values of type `V` (text, or an enum of known values with an open fallback).
///
/// ```
/// use code42::query::TextTerm;
/// let term: TextTerm = TextTerm::new("ruleId");
/// let group = term.not_in(["R1", "R2"]);
/// assert_eq!(group.filters().len(), 2);
/// ```
pub struct TextTerm<V = String> {
    term: Cow<'static, str>,
    _value: PhantomData<fn(V)>,
}

impl<V> Clone for TextTerm<V> {
    fn clone(&self) -> Self {
        TextTerm {
            term: self.term.clone(),
            _value: PhantomData,
        }
    }
}

impl<V> fmt::Debug for TextTerm<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TextTerm").field(&self.term).finish()
    }
}

impl<V: Into<FilterValue>> TextTerm<V> {
    /// A term with a fixed name.
    pub const fn new(term: &'static str) -> Self {
        TextTerm {
            term: Cow::Borrowed(term),
            _value: PhantomData,
        }
    }

    /// A term whose name is only known at run time (a term py42 has no class for).
    pub fn custom(term: impl Into<String>) -> Self {
        TextTerm {
            term: Cow::Owned(term.into()),
            _value: PhantomData,
        }
    }

    /// The term's wire name.
    pub fn term(&self) -> &str {
        &self.term
    }

    /// `IS value`.
    pub fn eq(&self, value: impl TermValue<V>) -> FilterGroup {
        FilterGroup::eq(self.term.as_ref(), value.filter_value())
    }

    /// `IS_NOT value`.
    pub fn not_eq(&self, value: impl TermValue<V>) -> FilterGroup {
        FilterGroup::not_eq(self.term.as_ref(), value.filter_value())
    }

    /// `IS` any of the values (`OR` for two or more).
    pub fn is_in<T: TermValue<V>>(&self, values: impl IntoIterator<Item = T>) -> FilterGroup {
        FilterGroup::is_in(
            self.term.as_ref(),
            values.into_iter().map(TermValue::filter_value),
        )
    }

    /// `IS_NOT` each of the values.
    pub fn not_in<T: TermValue<V>>(&self, values: impl IntoIterator<Item = T>) -> FilterGroup {
        FilterGroup::not_in(
            self.term.as_ref(),
            values.into_iter().map(TermValue::filter_value),
        )
    }
}

/// A time term (py42's timestamp-field family: `on_or_after`, `on_or_before`, `in_range`,
/// `on_same_day`), writing values with its [`TimePrecision`].
///
/// ```
/// use code42::query::{TimePrecision, TimeTerm};
/// use time::macros::{date, datetime};
/// let term = TimeTerm::new("createdAt", TimePrecision::Micros);
/// let day = term.on_same_day(date!(2020-05-17));
/// assert_eq!(day.filters()[1].value().as_str(), Some("2020-05-17T23:59:59.000000Z"));
/// let bad = term.in_range(datetime!(2021-01-02 0:00 UTC), datetime!(2021-01-01 0:00 UTC));
/// assert!(bad.validate().is_err());
/// ```
#[derive(Clone, Debug)]
pub struct TimeTerm {
    term: Cow<'static, str>,
    precision: TimePrecision,
}

impl TimeTerm {
    /// A term with a fixed name.
    pub const fn new(term: &'static str, precision: TimePrecision) -> Self {
        TimeTerm {
            term: Cow::Borrowed(term),
            precision,
        }
    }

    /// The same term written with another precision.
    pub fn with_precision(mut self, precision: TimePrecision) -> Self {
        self.precision = precision;
        self
    }

    /// The term's wire name.
    pub fn term(&self) -> &str {
        &self.term
    }

    /// How values are written.
    pub fn precision(&self) -> TimePrecision {
        self.precision
    }

    fn format(&self, t: OffsetDateTime) -> std::result::Result<String, FilterGroup> {
        self.precision
            .format(t)
            .map_err(|e| FilterGroup::rejected("timestamp", e.to_string()))
    }

    /// `ON_OR_AFTER t`.
    pub fn on_or_after(&self, t: impl Into<OffsetDateTime>) -> FilterGroup {
        match self.format(t.into()) {
            Ok(v) => FilterGroup::on_or_after(self.term.as_ref(), v),
            Err(rejected) => rejected,
        }
    }

    /// `ON_OR_BEFORE t`.
    pub fn on_or_before(&self, t: impl Into<OffsetDateTime>) -> FilterGroup {
        match self.format(t.into()) {
            Ok(v) => FilterGroup::on_or_before(self.term.as_ref(), v),
            Err(rejected) => rejected,
        }
    }

    /// `ON_OR_AFTER start` and `ON_OR_BEFORE end`; a range ending before it starts is rejected.
    pub fn in_range(
        &self,
        start: impl Into<OffsetDateTime>,
        end: impl Into<OffsetDateTime>,
    ) -> FilterGroup {
        let (start, end) = (start.into(), end.into());
        if end < start {
            return FilterGroup::rejected(
                "range",
                format!("it ends ({end}) before it starts ({start})"),
            );
        }
        match (self.format(start), self.format(end)) {
            (Ok(s), Ok(e)) => FilterGroup::in_range(self.term.as_ref(), s, e),
            (Err(rejected), _) | (_, Err(rejected)) => rejected,
        }
    }

    /// The UTC calendar day `day`: `ON_OR_AFTER` its 00:00:00 and `ON_OR_BEFORE` its 23:59:59.
    pub fn on_same_day(&self, day: Date) -> FilterGroup {
        match (
            self.precision.day_bound(day, false),
            self.precision.day_bound(day, true),
        ) {
            (Ok(s), Ok(e)) => FilterGroup::in_range(self.term.as_ref(), s, e),
            (Err(e), _) | (_, Err(e)) => FilterGroup::rejected("day", e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn operators_round_trip_and_keep_unknown_tokens() {
        for (op, token) in Operator::KNOWN {
            assert_eq!(Operator::from(token), op);
            assert_eq!(op.as_str(), token);
        }
        let other: Operator = serde_json::from_value(json!("STARTS_WITH")).unwrap();
        assert_eq!(other, Operator::Other("STARTS_WITH".into()));
        assert_eq!(serde_json::to_value(&other).unwrap(), json!("STARTS_WITH"));
    }

    #[test]
    fn groups_sort_by_py42_text_not_by_fields() {
        // `"a b"` sorts before `"a"` in py42's text form because ' ' < '"'.
        let group = FilterGroup::is_in("t", ["a", "a b"]);
        let values: Vec<_> = group.filters().iter().map(|f| f.value().as_str()).collect();
        assert_eq!(values, [Some("a b"), Some("a")]);
        // IS sorts before IS_NOT, and a single-value is_in is AND.
        let group = FilterGroup::new(
            Clause::And,
            [
                Filter::new("t", Operator::IsNot, "x"),
                Filter::new("t", Operator::Is, "x"),
            ],
        );
        assert_eq!(group.filters()[0].operator(), &Operator::Is);
        assert_eq!(FilterGroup::is_in("t", ["x"]).clause(), Clause::And);
        assert_eq!(FilterGroup::is_in("t", ["x", "x"]).clause(), Clause::Or);
    }

    #[test]
    fn raw_groups_drop_extra_keys_and_default_missing_values_to_null() {
        let group = FilterGroup::from_json(
            r#"{"filterClause":"OR","display":"x","filters":[
                {"term":"b","operator":"EXISTS"},{"term":"a","operator":"IS","value":"v","x":1}]}"#,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(&group).unwrap(),
            json!({"filterClause":"OR","filters":[
                {"operator":"EXISTS","term":"b","value":null},
                {"operator":"IS","term":"a","value":"v"}]})
        );
        assert!(FilterGroup::from_json(r#"{"filters":[]}"#).is_err());
        assert!(
            FilterGroup::from_json(
                r#"{"filterClause":"AND","filters":[{"term":"a","operator":"IS","value":1.5}]}"#
            )
            .is_err()
        );
    }

    #[test]
    fn rejected_arguments_surface_on_validation() {
        let empty: [&str; 0] = [];
        let e = FilterGroup::is_in("t", empty).validate().unwrap_err();
        assert!(
            matches!(
                e,
                Error::InvalidInput {
                    argument: "values",
                    ..
                }
            ),
            "{e}"
        );
        let e = Query::all([FilterGroup::eq(" ", "x")])
            .validate()
            .unwrap_err();
        assert!(
            matches!(
                e,
                Error::InvalidInput {
                    argument: "term",
                    ..
                }
            ),
            "{e}"
        );
        let far = OffsetDateTime::new_utc(
            Date::from_calendar_date(-5, time::Month::January, 1).unwrap(),
            time::Time::MIDNIGHT,
        );
        let e = TimeTerm::new("t", TimePrecision::Millis)
            .on_or_after(far)
            .validate()
            .unwrap_err();
        assert!(
            matches!(
                e,
                Error::InvalidInput {
                    argument: "timestamp",
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn times_are_truncated_not_rounded() {
        let t = time::macros::datetime!(2021-01-01 12:30:15.999999999 UTC);
        assert_eq!(
            TimePrecision::Millis.format(t).unwrap(),
            "2021-01-01T12:30:15.999Z"
        );
        assert_eq!(
            TimePrecision::Micros.format(t).unwrap(),
            "2021-01-01T12:30:15.999999Z"
        );
    }
}
