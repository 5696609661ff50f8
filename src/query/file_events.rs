//! [`FileEventQuery`]: a forensic-search file-event query in the v1 or v2 data model.
//!
//! A query is filter groups combined by `AND` ([`FileEventQuery::all`]) or `OR`
//! ([`FileEventQuery::any`]), a sort, and a page size. It can be built from groups, from raw
//! JSON (what the console or py42 would post), or from a saved search. The data model is a type
//! parameter, [`V2`] (the current Incydr model, the default) or [`V1`] (deprecated by Code42):
//! it decides the endpoint and the event type the search yields.
//!
//! ```
//! use code42::query::{FileEventQuery, V2};
//!
//! let query = FileEventQuery::<V2>::from_json(
//!     r#"{"groupClause": "AND", "groups": [{"filterClause": "AND", "filters": [
//!         {"operator": "IS", "term": "file.name", "value": "report.pdf"}]}]}"#,
//! )?
//! .page_size(1000);
//! assert_eq!(query.to_json()["pgSize"], 1000);
//! # Ok::<(), code42::Error>(())
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::wire::forensic_search::{ops, types};
use crate::{Error, Operation, Result};

pub use types::{GroupClause, QueryFilter, QueryFilterGroup, SortDirection};

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
pub struct FileEventQuery<V = V2> {
    body: types::FileEventQuery,
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
            body: types::FileEventQuery {
                group_clause: GroupClause::And,
                groups: Vec::new(),
                pg_num: Some(1),
                pg_size: Some(i64::from(DEFAULT_PAGE_SIZE)),
                pg_token: None,
                srt_dir: Some(SortDirection::Asc),
                srt_key: Some(V::DEFAULT_SORT_KEY.to_owned()),
                extra: serde_json::Map::new(),
            },
            version: PhantomData,
        }
    }

    /// Events matching every group (`groupClause` `AND`).
    pub fn all(groups: impl IntoIterator<Item = QueryFilterGroup>) -> Self {
        let mut query = Self::new();
        query.body.groups.extend(groups);
        query
    }

    /// Events matching at least one group (`groupClause` `OR`).
    pub fn any(groups: impl IntoIterator<Item = QueryFilterGroup>) -> Self {
        let mut query = Self::all(groups);
        query.body.group_clause = GroupClause::Or;
        query
    }

    /// Adds a group.
    pub fn group(mut self, group: QueryFilterGroup) -> Self {
        self.body.groups.push(group);
        self
    }

    /// Sorts by `key` (a term of this data model) in `direction`.
    pub fn sort(mut self, key: impl Into<String>, direction: SortDirection) -> Self {
        self.body.srt_key = Some(key.into());
        self.body.srt_dir = Some(direction);
        self
    }

    /// Events per page, 1 to [`MAX_PAGE_SIZE`] (checked when the query is sent).
    pub fn page_size(mut self, size: u32) -> Self {
        self.body.pg_size = Some(i64::from(size));
        self
    }

    /// The page number (from 1) [`search`](crate::file_events::FileEvents::search) asks for;
    /// page numbers reach only the first [`PAGE_NUMBER_LIMIT`] events.
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
        filters.push(QueryFilter {
            operator: operator.clone(),
            term: term.clone(),
            value: filter.value.clone().unwrap_or(serde_json::Value::Null),
            extra: serde_json::Map::new(),
        });
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
        extra: serde_json::Map::new(),
    })
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
