//! Alert search terms (py42's `sdk.queries.alerts.filters`) and [`AlertQuery`], the body of
//! `query-alerts`.
//!
//! | py42 1.11.1 / 1.29.1 | here | term | operators |
//! |---|---|---|---|
//! | `Actor` | [`actor()`] | `actor` | eq, not_eq, is_in, not_in, contains, not_contains |
//! | `AlertState` | [`state()`] | `state` | eq, not_eq, is_in, not_in ([`AlertState`]) |
//! | `DateObserved` | [`date_observed()`] | `createdAt` | on_or_after, on_or_before, in_range, on_same_day |
//! | `Description` | [`description()`] | `description` | as `Actor` |
//! | `RuleId` | [`rule_id()`] | `ruleId` | eq, not_eq, is_in, not_in |
//! | `RuleName` | [`rule_name()`] | `name` | as `Actor` |
//! | `RuleSource` | [`rule_source()`] | `ruleSource` | eq … not_in ([`RuleSource`]) |
//! | `RuleType` | [`rule_type()`] | `type` | eq … not_in ([`ObservationType`]: `FedEndpointExfiltration` …) |
//! | `Severity` (1.11.1) | [`severity()`] | `severity` | eq … not_in ([`AlertSeverity`]: `HIGH`, `MEDIUM`, `LOW`) |
//! | `Severity` (1.29.1) | [`risk_severity()`] | `riskSeverity` | eq … not_in ([`RiskSeverity`]; py42's `MEDIUM` alias is [`RiskSeverity::Moderate`]) |
//!
//! `DateObserved` values are written with microseconds, as py42 1.29.1 writes them
//! (`2020-01-01T00:00:00.000000Z`); `date_observed().with_precision(TimePrecision::Millis)`
//! gives py42 1.11.1's milliseconds. Any other term (the alerts article's "AlertID", whose term
//! it does not name) can be built with [`FilterGroup::eq`] and friends.
//!
//! ```
//! use code42::query::alerts::{self as f, AlertQuery, AlertState, RiskSeverity};
//! use time::macros::datetime;
//!
//! let query = AlertQuery::all([
//!     f::state().eq(AlertState::Open),
//!     f::risk_severity().is_in([RiskSeverity::High, RiskSeverity::Moderate]),
//!     f::actor().contains("bob"),
//!     f::date_observed().on_or_after(datetime!(2020-01-01 0:00 UTC)),
//! ])
//! .page_size(100);
//! let body = serde_json::to_value(&query)?;
//! assert_eq!(body["groups"][3]["filters"][0]["value"], "2020-01-01T00:00:00.000000Z");
//! assert_eq!(body["srtKey"], "CreatedAt");
//! # Ok::<(), serde_json::Error>(())
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{
    Clause, FilterGroup, FilterValue, Query, RawQuery, SortDirection, TextTerm, TimePrecision,
    TimeTerm,
};
use crate::wire::alerts::types;
use crate::{Error, Result};

pub use crate::wire::alerts::types::{
    AlertSeverity, AlertState, ObservationType, RiskSeverity, RuleSource,
};

/// Default alerts per page (py42's `items_per_page`).
pub const DEFAULT_PAGE_SIZE: u32 = 500;
/// Most alerts the service returns per page.
pub const MAX_PAGE_SIZE: u32 = 500;
/// Default sort key.
pub const DEFAULT_SORT_KEY: &str = "CreatedAt";

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
    AlertState,
    AlertSeverity,
    RiskSeverity,
    RuleSource,
    ObservationType
);

/// A free-text alert term: equality plus `contains` / `not_contains`.
///
/// ```
/// let group = code42::query::alerts::rule_name().not_contains("test");
/// assert_eq!(group.filters()[0].operator().as_str(), "DOES_NOT_CONTAIN");
/// ```
#[derive(Clone, Debug)]
pub struct ContainsTerm(TextTerm<String>);

impl ContainsTerm {
    /// A term with a fixed name.
    pub const fn new(term: &'static str) -> Self {
        ContainsTerm(TextTerm::new(term))
    }

    /// The term's wire name.
    pub fn term(&self) -> &str {
        self.0.term()
    }

    /// `IS value`.
    pub fn eq(&self, value: impl Into<String>) -> FilterGroup {
        self.0.eq(value.into())
    }

    /// `IS_NOT value`.
    pub fn not_eq(&self, value: impl Into<String>) -> FilterGroup {
        self.0.not_eq(value.into())
    }

    /// `IS` any of the values (`OR` for two or more).
    pub fn is_in<T: Into<String>>(&self, values: impl IntoIterator<Item = T>) -> FilterGroup {
        self.0.is_in(values.into_iter().map(Into::into))
    }

    /// `IS_NOT` each of the values.
    pub fn not_in<T: Into<String>>(&self, values: impl IntoIterator<Item = T>) -> FilterGroup {
        self.0.not_in(values.into_iter().map(Into::into))
    }

    /// `CONTAINS value`.
    pub fn contains(&self, value: impl Into<String>) -> FilterGroup {
        FilterGroup::contains(self.term(), value.into())
    }

    /// `DOES_NOT_CONTAIN value`.
    pub fn not_contains(&self, value: impl Into<String>) -> FilterGroup {
        FilterGroup::not_contains(self.term(), value.into())
    }
}

/// Username or cloud alias whose activity raised the alert (`actor`).
pub fn actor() -> ContainsTerm {
    ContainsTerm::new("actor")
}

/// The alert's state (`state`).
pub fn state() -> TextTerm<AlertState> {
    TextTerm::new("state")
}

/// When the alert was raised (`createdAt`), written with microseconds (py42 1.29.1).
pub fn date_observed() -> TimeTerm {
    TimeTerm::new("createdAt", TimePrecision::Micros)
}

/// The rule's description (`description`).
pub fn description() -> ContainsTerm {
    ContainsTerm::new("description")
}

/// The id of the rule that raised the alert (`ruleId`).
pub fn rule_id() -> TextTerm<String> {
    TextTerm::new("ruleId")
}

/// The name of the rule that raised the alert (`name`).
pub fn rule_name() -> ContainsTerm {
    ContainsTerm::new("name")
}

/// What created the rule (`ruleSource`).
pub fn rule_source() -> TextTerm<RuleSource> {
    TextTerm::new("ruleSource")
}

/// The rule's type (`type`), with the observation-type values py42 sends
/// (`FedEndpointExfiltration`, `FedCloudSharePermissions`, `FedFileTypeMismatch`). Alert
/// responses spell an alert's type `FED_ENDPOINT_EXFILTRATION`; which spelling the server
/// filters on could not be established offline (py42's is used).
pub fn rule_type() -> TextTerm<ObservationType> {
    TextTerm::new("type")
}

/// Severity as py42 1.11.1 filters it (`severity`: `HIGH`, `MEDIUM`, `LOW`).
pub fn severity() -> TextTerm<AlertSeverity> {
    TextTerm::new("severity")
}

/// Risk severity as py42 1.29.1 filters it (`riskSeverity`: `CRITICAL`, `HIGH`, `MODERATE`,
/// `LOW`).
pub fn risk_severity() -> TextTerm<RiskSeverity> {
    TextTerm::new("riskSeverity")
}

/// An alert search: filter groups plus sort and paging, serialised as py42 builds the body of
/// `query-alerts` (`tenantId`, `groupClause`, `groups`, `pgNum`, `pgSize`, `srtDirection`,
/// `srtKey`). Defaults: sort by `CreatedAt` descending, 500 per page, page 0.
///
/// The tenant id is filled in by [`crate::alerts::Alerts`] unless set here; serialised on its
/// own, an unset tenant id is `null`, as py42 prints it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use = "a query does nothing until searched"]
pub struct AlertQuery {
    query: Query,
    tenant_id: Option<String>,
}

impl AlertQuery {
    /// Every alert (no filters).
    pub fn new() -> Self {
        Self::default()
    }

    /// Alerts matching every group (`groupClause: AND`).
    pub fn all(groups: impl IntoIterator<Item = FilterGroup>) -> Self {
        Self::from_query(Query::all(groups))
    }

    /// Alerts matching any group (`groupClause: OR`).
    pub fn any(groups: impl IntoIterator<Item = FilterGroup>) -> Self {
        Self::from_query(Query::any(groups))
    }

    /// Wraps a core [`Query`] (its sort and paging, where set, are kept).
    pub fn from_query(query: Query) -> Self {
        AlertQuery {
            query,
            tenant_id: None,
        }
    }

    /// Adds a group at the end.
    pub fn group(mut self, group: FilterGroup) -> Self {
        self.query = self.query.group(group);
        self
    }

    /// Sort key (`srtKey`, e.g. `CreatedAt`) and direction (`srtDirection`, sent lower case).
    pub fn sort(mut self, key: impl Into<String>, direction: SortDirection) -> Self {
        self.query = self.query.sort(key, direction);
        self
    }

    /// Alerts per page (1 to [`MAX_PAGE_SIZE`]).
    pub fn page_size(mut self, size: u32) -> Self {
        self.query = self.query.page_size(size);
        self
    }

    /// The wire page number: zero-based, as on the wire. [`Alerts::page`]'s `page` argument
    /// (from 1) replaces it when the query is sent; [`Alerts::search`] always starts at the
    /// first page.
    ///
    /// [`Alerts::page`]: crate::alerts::Alerts::page
    /// [`Alerts::search`]: crate::alerts::Alerts::search
    pub fn page_number(mut self, number: u32) -> Self {
        self.query = self.query.page_number(number);
        self
    }

    /// The tenant id to send instead of the client's.
    pub fn tenant_id(mut self, tenant_id: impl Into<String>) -> Self {
        self.tenant_id = Some(tenant_id.into());
        self
    }

    /// The core query (groups, clause, sort and paging as set).
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// The tenant id set on the query with [`tenant_id`](AlertQuery::tenant_id), if any (else
    /// the search uses the client's cached tenant id).
    pub fn tenant(&self) -> Option<&str> {
        self.tenant_id.as_deref()
    }

    /// Alerts per page that will be sent.
    pub fn effective_page_size(&self) -> u32 {
        self.query.page_size.unwrap_or(DEFAULT_PAGE_SIZE)
    }

    /// Checks every group, the sort key and the page size (1 to 500).
    pub fn validate(&self) -> Result<()> {
        self.query.validate()?;
        match self.query.page_size {
            Some(0) => Err(Error::invalid("page_size", "must be at least 1")),
            Some(n) if n > MAX_PAGE_SIZE => Err(Error::invalid(
                "page_size",
                format!("{n} is more than the {MAX_PAGE_SIZE} alerts a page can hold"),
            )),
            _ => Ok(()),
        }
    }

    /// A query from raw JSON: py42's body or the alerts article's (`groups` required;
    /// `groupClause`, `tenantId`, `pgNum`, `pgSize`, `srtKey`, `srtDirection` optional, numbers
    /// also as strings). Groups are read as [`FilterGroup::from_json`] reads them.
    ///
    /// ```
    /// let q = code42::query::alerts::AlertQuery::from_json(
    ///     r#"{"groups":[{"filterClause":"AND","filters":[
    ///         {"term":"state","operator":"IS","value":"OPEN"}]}],"pgSize":"20"}"#,
    /// )?;
    /// assert_eq!(q.effective_page_size(), 20);
    /// # Ok::<(), code42::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        let (query, tenant_id) = RawQuery::parse(text)?;
        Ok(AlertQuery { query, tenant_id })
    }

    fn sort_key(&self) -> &str {
        self.query.sort_key.as_deref().unwrap_or(DEFAULT_SORT_KEY)
    }

    /// The wire body for `tenant_id` (the query's own tenant id wins), validated.
    pub(crate) fn to_request(&self, tenant_id: &str) -> Result<types::QueryRequest> {
        self.validate()?;
        Ok(types::QueryRequest::new(
            wire_clause(self.query.clause),
            self.query.groups.iter().map(wire_group).collect::<Vec<_>>(),
            i64::from(self.query.page_number.unwrap_or(0)),
            i64::from(self.effective_page_size()),
            self.query
                .sort_direction
                .unwrap_or_default()
                .lower()
                .to_owned(),
            self.sort_key().to_owned(),
            self.tenant_id
                .clone()
                .unwrap_or_else(|| tenant_id.to_owned()),
        ))
    }
}

pub(crate) fn wire_clause(clause: Clause) -> types::GroupClause {
    match clause {
        Clause::And => types::GroupClause::And,
        Clause::Or => types::GroupClause::Or,
    }
}

pub(crate) fn wire_group(group: &FilterGroup) -> types::FilterGroup {
    types::FilterGroup::new(
        wire_clause(group.clause()),
        group
            .filters()
            .iter()
            .map(|f| {
                types::Filter::new(
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

#[derive(Serialize)]
struct AlertQueryJson<'a> {
    #[serde(rename = "tenantId")]
    tenant_id: Option<&'a str>,
    #[serde(rename = "groupClause")]
    clause: Clause,
    groups: &'a [FilterGroup],
    #[serde(rename = "pgNum")]
    page_number: u32,
    #[serde(rename = "pgSize")]
    page_size: u32,
    #[serde(rename = "srtDirection")]
    sort_direction: &'static str,
    #[serde(rename = "srtKey")]
    sort_key: &'a str,
}

impl Serialize for AlertQuery {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        AlertQueryJson {
            tenant_id: self.tenant_id.as_deref(),
            clause: self.query.clause,
            groups: &self.query.groups,
            page_number: self.query.page_number.unwrap_or(0),
            page_size: self.effective_page_size(),
            sort_direction: self.query.sort_direction.unwrap_or_default().lower(),
            sort_key: self.sort_key(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for AlertQuery {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = serde_json::Value::deserialize(d)?;
        AlertQuery::from_json(&value.to_string()).map_err(D::Error::custom)
    }
}
