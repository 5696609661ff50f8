//! Saved searches: `client.file_events().saved_searches()`.

use super::FileEvents;
use crate::paging::Pager;
use crate::query::{FileEventQuery, FileEventVersion};
use crate::wire::forensic_search::types::SavedSearch;
use crate::{Error, Result};

/// Saved file-event searches. Get them with [`FileEvents::saved_searches`]; the data model
/// is a type parameter ([`V2`](crate::query::V2) converts v1 searches server-side and omits
/// those it cannot convert).
///
/// ```no_run
/// use code42::query::V2;
/// # let client = code42::Client::builder("h").api_client("k", "s").build()?;
/// let saved = client.file_events().saved_searches();
/// for search in saved.list::<V2>()? {
///     println!("{:?} {:?}", search.id, search.name);
/// }
/// for event in saved.search::<V2>("a083f08d-8f33-4cbd-81c4-8d1820b61185", 10_000)? {
///     let _event = event?;
/// }
/// # Ok::<(), code42::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct SavedSearches {
    events: FileEvents,
}

impl SavedSearches {
    pub(super) fn new(events: FileEvents) -> Self {
        SavedSearches { events }
    }

    /// Every saved search.
    pub fn list<V: FileEventVersion>(&self) -> Result<Vec<SavedSearch>> {
        Ok(self
            .events
            .client
            .execute(&V::list_saved())?
            .searches
            .unwrap_or_default())
    }

    /// One saved search by id.
    pub fn get<V: FileEventVersion>(&self, search_id: &str) -> Result<SavedSearch> {
        if search_id.trim().is_empty() {
            return Err(Error::invalid("search_id", "is empty"));
        }
        let list = self
            .events
            .client
            .execute(&V::get_saved(search_id.to_owned()))?;
        list.searches
            .and_then(|s| s.into_iter().next())
            .ok_or_else(|| {
                Error::invalid(
                    "search_id",
                    format!("the service returned no saved search `{search_id}`"),
                )
            })
    }

    /// The query of a saved search, with its own group clause and sort, `page_size` events a
    /// page (py42 replaced the clause and sort with its defaults).
    pub fn query<V: FileEventVersion>(
        &self,
        search_id: &str,
        page_size: u32,
    ) -> Result<FileEventQuery<V>> {
        Ok(FileEventQuery::from_saved_search(&self.get::<V>(search_id)?)?.page_size(page_size))
    }

    /// Every event of the saved search, `page_size` a request: a [`Pager`] that fetches
    /// nothing until iterated (page tokens, no limit). Resuming needs the same query:
    /// `events.search(&saved.query(id, size)?)?.resume(&cursor)`.
    pub fn search<V: FileEventVersion>(
        &self,
        search_id: &str,
        page_size: u32,
    ) -> Result<Pager<V::Event>> {
        self.events.search(&self.query::<V>(search_id, page_size)?)
    }

    /// One page (numbered from 1) of the saved search's events; page numbers reach the first
    /// 10,000 events only.
    pub fn page<V: FileEventVersion>(
        &self,
        search_id: &str,
        page: u32,
        page_size: u32,
    ) -> Result<V::Page> {
        self.events
            .page(&self.query::<V>(search_id, page_size)?, page)
    }
}
