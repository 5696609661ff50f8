//! File events: `client.file_events()`.
//!
//! Forensic search over file events in the v2 (Incydr) or v1 data model: every matching event
//! ([`FileEvents::search`], page tokens, no limit) or one page at a time ([`FileEvents::page`],
//! page numbers, the first 10,000 events only), saved searches, file locations and downloads
//! of the files events name.
//!
//! `search` yields events lazily: each page body is read whole, its events are located as
//! raw slices and typed one per `next()`. Its [`Cursor`](crate::Cursor) names the last event yielded, so a
//! later run continues right after it with no event lost or repeated, and picks up events that
//! arrived since (with an ascending sort).
//!
//! ```no_run
//! use code42::query::file_events::v2::{event, timestamp};
//! use code42::query::file_events::{EventAction, FileEventQuery, WithinTheLast, V2};
//!
//! # let client = code42::Client::builder("h").api_client("k", "s").build()?;
//! let query = FileEventQuery::<V2>::all([
//!     timestamp::timestamp().within_the_last(WithinTheLast::OneDay),
//!     event::action().is_in([EventAction::RemovableMediaCreated, EventAction::FileEmailed]),
//! ])
//! .page_size(10_000);
//! let mut events = client.file_events().search(&query)?.prefetch(true);
//! for event in events.by_ref().take(25_000) {
//!     let event = event?;
//!     println!("{:?}", event.file.and_then(|f| f.name));
//! }
//! let cursor = serde_json::to_string(&events.cursor())?; // later: search(&query)?.resume(&cursor)
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A program that only forwards events (a SIEM feed) can skip typing them:
//! `search(&query)?.decode_as::<Box<serde_json::value::RawValue>>()` yields each event's JSON
//! text as the server sent it.

mod download;
mod saved;

pub use saved::SavedSearches;

use crate::paging::Pager;
use crate::query::file_events::PAGE_NUMBER_LIMIT;
use crate::query::{FileEventQuery, FileEventVersion};
use crate::wire::forensic_search::{ops, types};
use crate::{Client, Error, Result};

use crate::classify::{ErrorRule, ErrorRules};

/// Errors of forensic search.
pub(crate) const ERRORS: ErrorRules = &[ErrorRule::new(
    crate::ApiErrorKind::InvalidPageToken,
    &["INVALID_PAGE_TOKEN"],
)];

/// The file-event API. Get it with [`Client::file_events`].
#[derive(Clone, Debug)]
pub struct FileEvents {
    client: Client,
    escape_token_quotes: bool,
}

impl Client {
    /// File events: search, saved searches, file locations and downloads.
    pub fn file_events(&self) -> FileEvents {
        FileEvents {
            client: self.clone(),
            escape_token_quotes: true,
        }
    }
}

impl FileEvents {
    /// Whether page tokens containing `"` are sent with a backslash before each quote, as
    /// py42 1.29.1 does because forensic search needs it (default on). The cursor keeps the
    /// token as the server sent it.
    pub fn escape_token_quotes(mut self, escape: bool) -> Self {
        self.escape_token_quotes = escape;
        self
    }

    /// Every event matching `query`: a [`Pager`] that fetches nothing until iterated, with
    /// page tokens (no 10,000 limit), [`page_size`](FileEventQuery::page_size) events a
    /// request. A `pgToken` in the query (raw JSON) starts after that event.
    ///
    /// Continue a saved search with [`Pager::resume`] (the cursor names the last event yielded;
    /// a cursor of another query is refused); decode events as your own type, a
    /// `serde_json::Value` or `Box<serde_json::value::RawValue>` with [`Pager::decode_as`].
    pub fn search<V: FileEventVersion>(
        &self,
        query: &FileEventQuery<V>,
    ) -> Result<Pager<V::Event>> {
        query.validate()?;
        let size = query.checked_page_size()?;
        let start = query.as_wire().pg_token.clone().filter(|t| !t.is_empty());
        let op = V::search(token_body(query));
        let pager = Pager::new(&self.client, &op, size)?;
        let pager = match start {
            None => pager,
            Some(token) => pager.start_at_token(token),
        };
        Ok(self.configure::<V, V::Event>(pager))
    }

    /// One page of events matching `query`: page `page` (numbered from 1) of
    /// [`page_size`](FileEventQuery::page_size) events. Page numbers reach only the first
    /// 10,000 events; [`search`](Self::search) reaches all of them.
    ///
    /// A query carrying a `pgToken` (raw JSON) asks for the page after that token instead
    /// (`page` must then be 1).
    pub fn page<V: FileEventVersion>(
        &self,
        query: &FileEventQuery<V>,
        page: u32,
    ) -> Result<V::Page> {
        query.validate()?;
        if page == 0 {
            return Err(Error::invalid("page", "pages are numbered from 1"));
        }
        let size = u64::from(query.checked_page_size()?);
        let mut body = query.as_wire().clone();
        body.pg_size = Some(size as i64);
        if body.pg_token.as_deref().is_some_and(|t| !t.is_empty()) {
            if page != 1 {
                return Err(Error::invalid(
                    "page",
                    "a query with a pgToken asks for the one page after it: use page 1",
                ));
            }
            body.pg_num = None;
        } else {
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
            body.pg_num = Some(page as i64);
        }
        self.client.execute(&V::search(body))
    }

    /// Saved searches.
    pub fn saved_searches(&self) -> SavedSearches {
        SavedSearches::new(self.clone())
    }

    /// Devices and paths where a file with this SHA-256 was seen.
    pub fn file_locations(&self, sha256: &str) -> Result<Vec<types::FileLocation>> {
        check_hex("sha256", sha256, 64)?;
        let op = ops::GetFileLocations {
            sha256: sha256.to_owned(),
        };
        Ok(self.client.execute(&op)?.locations.unwrap_or_default())
    }

    fn configure<V: FileEventVersion, T>(&self, pager: Pager<T>) -> Pager<T> {
        let pager = pager.item_token(V::EVENT_ID);
        if self.escape_token_quotes {
            pager.encode_token(escape_quotes)
        } else {
            pager
        }
    }
}

/// The query body for token paging: no page number, no token (the pager adds both).
fn token_body<V: FileEventVersion>(query: &FileEventQuery<V>) -> types::FileEventQuery {
    let mut body = query.as_wire().clone();
    body.pg_num = None;
    body.pg_token = None;
    body
}

/// A backslash before every `"` not already preceded by one (py42's `escape_quote_chars`, which
/// also missed a quote at the start and the second of two quotes in a row).
pub(crate) fn escape_quotes(token: &str) -> String {
    let mut out = String::with_capacity(token.len() + 2);
    let mut previous = None;
    for c in token.chars() {
        if c == '"' && previous != Some('\\') {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Checks that `value` is `len` hexadecimal digits.
pub(crate) fn check_hex(argument: &'static str, value: &str, len: usize) -> Result<()> {
    if value.len() == len && value.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(Error::invalid(
            argument,
            format!("`{value}` is not {len} hexadecimal digits"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_escaped_once() {
        assert_eq!(escape_quotes(r#"0_abc"def_123"#), r#"0_abc\"def_123"#);
        assert_eq!(escape_quotes(r#""a""b\"c"#), r#"\"a\"\"b\"c"#);
        assert_eq!(escape_quotes("plain"), "plain");
    }

    #[test]
    fn hashes_are_checked() {
        assert!(check_hex("sha256", &"a".repeat(64), 64).is_ok());
        assert!(check_hex("sha256", &"g".repeat(64), 64).is_err());
        assert!(check_hex("md5", "abc", 32).is_err());
    }
}
