//! File events v2 on the gateway: `client.incydr().file_events()` (incydr.md §2.10, §4).

use crate::paging::Pager;
use crate::query::file_events::PAGE_NUMBER_LIMIT;
use crate::query::{FileEventQuery, V2};
use crate::wire::forensic_search::types::{FileEventPageV2, FileEventV2, SavedSearch};
use crate::wire::incydr::{ops, types};
use crate::{ApiErrorKind, Client, Error, Result};

/// v2 file events on the Incydr API gateway. Get it with
/// [`Incydr::file_events`](super::Incydr::file_events).
///
/// The query is the console's [`FileEventQuery<V2>`]; on the gateway page tokens are sent as
/// the server gave them (no backslash before quotes, incydr.md §4.6), and a refused query (400)
/// is [`ApiErrorKind::InvalidQuery`] with the server's `problems` in the message.
#[derive(Clone, Debug)]
pub struct FileEvents {
    client: Client,
}

impl FileEvents {
    pub(super) fn new(client: Client) -> Self {
        FileEvents { client }
    }

    /// Every event matching `query` (`POST /v2/file-events`, token paging from `pgToken: ""`,
    /// so past the 10,000 events page numbers reach): a [`Pager`] that fetches nothing until
    /// iterated. Resume with [`Pager::resume`]; a `pgToken` in the query starts after it.
    pub fn search(&self, query: &FileEventQuery<V2>) -> Result<Pager<FileEventV2>> {
        query.validate()?;
        let size = query.checked_page_size()?;
        let start = query.as_wire().pg_token.clone().filter(|t| !t.is_empty());
        let mut body = query.as_wire().clone();
        body.pg_num = None;
        body.pg_token = None;
        let op = ops::SearchGatewayFileEvents { body };
        let pager = Pager::new(&self.client, &op, size)?.item_token("event.id");
        let pager = match start {
            None => pager,
            Some(token) => pager.start_at_token(token),
        };
        Ok(pager.page_with_token().map_error(invalid_query))
    }

    /// One page (numbered from 1) of [`page_size`](FileEventQuery::page_size) events; page
    /// numbers reach the first 10,000 events only (`pgToken: null`).
    pub fn page(&self, query: &FileEventQuery<V2>, page: u32) -> Result<FileEventPageV2> {
        query.validate()?;
        if page == 0 {
            return Err(Error::invalid("page", "pages are numbered from 1"));
        }
        let size = u64::from(query.checked_page_size()?);
        let page = u64::from(page);
        if page.saturating_mul(size) > PAGE_NUMBER_LIMIT {
            return Err(Error::invalid(
                "page",
                format!(
                    "page {page} of {size} ends past event {PAGE_NUMBER_LIMIT}, the most page \
                     numbers reach; use search (page tokens)"
                ),
            ));
        }
        let mut body = query.as_wire().clone();
        body.pg_size = i64::try_from(size).ok();
        body.pg_num = i64::try_from(page).ok();
        body.pg_token = None;
        self.client
            .execute(&ops::SearchGatewayFileEvents { body })
            .map_err(invalid_query)
    }

    /// Counts of the events matching `query` per value of `grouping_term`, at most `size`
    /// groups (`POST /v2/file-events/grouping`, incydr.md §4.7: the query's clause and groups
    /// only, no paging or sort).
    pub fn group(
        &self,
        query: &FileEventQuery<V2>,
        grouping_term: &str,
        size: u32,
    ) -> Result<types::GroupedFileEvents> {
        query.validate()?;
        if grouping_term.trim().is_empty() {
            return Err(Error::invalid("grouping_term", "is empty"));
        }
        if size == 0 || size > 10_000 {
            return Err(Error::invalid("size", "must be 1 to 10,000"));
        }
        let wire = query.as_wire();
        let body = types::GroupingQuery::new(
            wire.group_clause.clone(),
            grouping_term,
            wire.groups.clone(),
            i64::from(size),
        );
        self.client
            .execute(&ops::GroupGatewayFileEvents { body })
            .map_err(invalid_query)
    }

    /// Saved searches.
    pub fn saved_searches(&self) -> SavedSearches {
        SavedSearches {
            events: self.clone(),
        }
    }
}

/// A 400 from a search is a refused query: [`ApiErrorKind::InvalidQuery`] (incydr.md §2.10).
fn invalid_query(error: Error) -> Error {
    match error {
        Error::Api(api) if api.kind() == ApiErrorKind::BadRequest => Error::Api(Box::new(
            (*api).reclassify(ApiErrorKind::InvalidQuery, None),
        )),
        other => other,
    }
}

/// Saved searches on the gateway. Get them with [`FileEvents::saved_searches`].
#[derive(Clone, Debug)]
pub struct SavedSearches {
    events: FileEvents,
}

impl SavedSearches {
    /// Every saved search (`GET /v2/file-events/saved-searches`).
    pub fn list(&self) -> Result<Vec<SavedSearch>> {
        Ok(self
            .events
            .client
            .execute(&ops::ListGatewaySavedSearches::new())?
            .searches
            .unwrap_or_default())
    }

    /// One saved search (`GET /v2/file-events/saved-searches/{id}`; the server answers a
    /// one-element list, 404 when unknown).
    pub fn get(&self, search_id: &str) -> Result<SavedSearch> {
        if search_id.trim().is_empty() {
            return Err(Error::invalid("search_id", "is empty"));
        }
        let list = self.events.client.execute(&ops::GetGatewaySavedSearch {
            search_id: search_id.to_owned(),
        })?;
        list.searches
            .and_then(|s| s.into_iter().next())
            .ok_or_else(|| {
                Error::invalid(
                    "search_id",
                    format!("the gateway returned no saved search `{search_id}`"),
                )
            })
    }

    /// The saved search's query, keeping its clause and sort (incydr.md §4.8), `page_size`
    /// events a page.
    pub fn query(&self, search_id: &str, page_size: u32) -> Result<FileEventQuery<V2>> {
        Ok(FileEventQuery::from_saved_search(&self.get(search_id)?)?.page_size(page_size))
    }

    /// Every event of the saved search (token paging).
    pub fn search(&self, search_id: &str, page_size: u32) -> Result<Pager<FileEventV2>> {
        self.events.search(&self.query(search_id, page_size)?)
    }
}
