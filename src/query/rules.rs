//! Alert-rule metadata search terms (the alerts article's filter list for
//! `rules/query-rule-metadata`) and [`RuleQuery`], that search's body.
//!
//! py42 uses two terms, `Name` ([`name()`], `get_all_by_name`) and `ObserverRuleId`
//! ([`observer_rule_id()`], `get_by_observer_id`), with `IS`. The others follow the article; the
//! article writes operators in prose, and the tokens used here (`IS`, `IS_NOT`, `CONTAINS`,
//! `DOES_NOT_CONTAIN`) are the ones py42 sends elsewhere. The article's `IsSystem`, `IsEnabled`,
//! `CreatedAt` and `ModifiedAt` terms are left out: their value formats are not established.
//!
//! ```
//! use code42::query::rules::{self as r, RuleQuery, RuleType};
//! let query = RuleQuery::all([r::rule_type().eq(RuleType::FedEndpointExfiltration)]);
//! let body = serde_json::to_value(&query)?;
//! assert_eq!(body["srtDirection"], "DESC");
//! # Ok::<(), serde_json::Error>(())
//! ```

use serde::{Serialize, Serializer};

use super::alerts::{ContainsTerm, wire_clause, wire_group};
use super::{Clause, FilterGroup, FilterValue, Query, SortDirection, TextTerm};
use crate::wire::alerts::types;
use crate::{Error, Result};

pub use crate::wire::alerts::types::{AlertSeverity, RuleSource, RuleType};

/// Default rules per page (py42's `items_per_page`).
pub const DEFAULT_PAGE_SIZE: u32 = 500;
/// Most rules asked for per page (the alert service's limit, assumed the same as for alerts).
pub const MAX_PAGE_SIZE: u32 = 500;
/// Default sort key.
pub const DEFAULT_SORT_KEY: &str = "CreatedAt";

impl From<RuleType> for FilterValue {
    fn from(v: RuleType) -> Self {
        FilterValue::Text(v.as_str().to_owned())
    }
}

/// The rule id the rules APIs take (`ObserverRuleId`).
pub fn observer_rule_id() -> TextTerm<String> {
    TextTerm::new("ObserverRuleId")
}

/// The rule's name (`Name`; the server matches it case-insensitively, py42's docs say).
pub fn name() -> ContainsTerm {
    ContainsTerm::new("Name")
}

/// The rule's description (`Description`).
pub fn description() -> ContainsTerm {
    ContainsTerm::new("Description")
}

/// The rule's type (`Type`: `FED_ENDPOINT_EXFILTRATION`, `FED_CLOUD_SHARE_PERMISSIONS`,
/// `FED_FILE_TYPE_MISMATCH`).
pub fn rule_type() -> TextTerm<RuleType> {
    TextTerm::new("Type")
}

/// The rule's severity (`Severity`).
pub fn severity() -> TextTerm<AlertSeverity> {
    TextTerm::new("Severity")
}

/// What created the rule (`RuleSource`).
pub fn rule_source() -> TextTerm<RuleSource> {
    TextTerm::new("RuleSource")
}

/// Who created the rule (`CreatedBy`; `Code42` for system rules).
pub fn created_by() -> ContainsTerm {
    ContainsTerm::new("CreatedBy")
}

/// Who last changed the rule (`ModifiedBy`).
pub fn modified_by() -> ContainsTerm {
    ContainsTerm::new("ModifiedBy")
}

/// A rule-metadata search, serialised as py42 builds it (`tenantId`, `groups`, `groupClause`,
/// `pgNum`, `pgSize`, `srtKey`, `srtDirection` upper case). Defaults: sort by `CreatedAt`
/// descending, 500 per page, page 0 (zero-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use = "a query does nothing until searched"]
pub struct RuleQuery {
    query: Query,
}

impl RuleQuery {
    /// Every rule.
    pub fn new() -> Self {
        Self::default()
    }

    /// Rules matching every group.
    pub fn all(groups: impl IntoIterator<Item = FilterGroup>) -> Self {
        RuleQuery {
            query: Query::all(groups),
        }
    }

    /// Rules matching any group.
    pub fn any(groups: impl IntoIterator<Item = FilterGroup>) -> Self {
        RuleQuery {
            query: Query::any(groups),
        }
    }

    /// Sort key (`srtKey`, e.g. `CreatedAt`, `Name`) and direction.
    pub fn sort(mut self, key: impl Into<String>, direction: SortDirection) -> Self {
        self.query = self.query.sort(key, direction);
        self
    }

    /// Rules per page (1 to [`MAX_PAGE_SIZE`]).
    pub fn page_size(mut self, size: u32) -> Self {
        self.query = self.query.page_size(size);
        self
    }

    /// The wire page number, zero-based as on the wire; [`AlertRules::page`]'s `page` argument
    /// (from 1) replaces it when the query is sent.
    ///
    /// [`AlertRules::page`]: crate::alert_rules::AlertRules::page
    pub fn page_number(mut self, number: u32) -> Self {
        self.query = self.query.page_number(number);
        self
    }

    /// The core query.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// Rules per page that will be sent.
    pub fn effective_page_size(&self) -> u32 {
        self.query.page_size.unwrap_or(DEFAULT_PAGE_SIZE)
    }

    /// Checks every group, the sort key and the page size.
    pub fn validate(&self) -> Result<()> {
        self.query.validate()?;
        match self.query.page_size {
            Some(0) => Err(Error::invalid("page_size", "must be at least 1")),
            Some(n) if n > MAX_PAGE_SIZE => Err(Error::invalid(
                "page_size",
                format!("{n} is more than {MAX_PAGE_SIZE}"),
            )),
            _ => Ok(()),
        }
    }

    fn sort_key(&self) -> &str {
        self.query.sort_key.as_deref().unwrap_or(DEFAULT_SORT_KEY)
    }

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
                .upper()
                .to_owned(),
            self.sort_key().to_owned(),
            tenant_id.to_owned(),
        ))
    }
}

#[derive(Serialize)]
struct RuleQueryJson<'a> {
    #[serde(rename = "tenantId")]
    tenant_id: Option<&'a str>,
    groups: &'a [FilterGroup],
    #[serde(rename = "groupClause")]
    clause: Clause,
    #[serde(rename = "pgNum")]
    page_number: u32,
    #[serde(rename = "pgSize")]
    page_size: u32,
    #[serde(rename = "srtKey")]
    sort_key: &'a str,
    #[serde(rename = "srtDirection")]
    sort_direction: &'static str,
}

impl Serialize for RuleQuery {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        RuleQueryJson {
            tenant_id: None,
            groups: &self.query.groups,
            clause: self.query.clause,
            page_number: self.query.page_number.unwrap_or(0),
            page_size: self.effective_page_size(),
            sort_key: self.sort_key(),
            sort_direction: self.query.sort_direction.unwrap_or_default().upper(),
        }
        .serialize(s)
    }
}
