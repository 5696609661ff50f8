//! Lazy listings: [`Pager`] walks a page-number or page-token API as an iterator of typed
//! items, driven by the operation's `x-code42-paging` metadata.
//!
//! A pager fetches nothing until its first [`next`](Iterator::next) (or
//! [`next_page`](Pager::next_page)). [`Pager::resume`] continues a listing from a saved
//! [`Cursor`]; [`Pager::decode_as`] changes the item type.
//!
//! Each page body is read whole (a page that fails half-way is fetched again, so no item is
//! repeated or skipped), its item list is located as raw JSON slices in one pass over the body,
//! and one item is typed per `next()`: the page is never decoded into a `Vec` up front. With
//! [`Pager::prefetch`], the next page is fetched on a background thread while the caller works
//! through the current one; at most one page body is held plus the one being fetched.
//!
//! # Errors
//!
//! - A request that fails after the client's retries (transport, timeout, API error, a page
//!   that is not JSON or has no item list) or a listing that stops making progress
//!   ([`Error::Paging`]) is yielded once as `Err`; the iterator is then **fused** (it returns
//!   `None`) and its [`cursor`](Pager::cursor) is **not** `done`: resuming it yields exactly
//!   the items not yet yielded, for every paging style.
//! - An **item** that does not decode as the item type is yielded as `Err(Error::Decode)` for
//!   that item only, and the listing goes on with the next item.
//!
//! # When a listing ends
//!
//! On an empty page, or on a short one: fewer items than the page size asked for, or than the
//! server's cap (`x-code42-paging.max`) when that is smaller. Token listings also end when the
//! server sends no next token (for file events, whose items carry the next token, only on a
//! short or empty page: a full page without a token goes on after its last item). A reported
//! total never ends a listing: a full last page costs one more, empty, request, as in py42.
//!
//! # Repeats
//!
//! When the operation names its items' id (`x-code42-paging.id`), the leading items of a new
//! page whose ids are the last yielded id (which the cursor carries) or the ids of the
//! previous page's first and last 64 items are dropped as repeats. Memory stays flat (no set
//! of every id). A page that brings nothing new (the same page again, a token that does not
//! move) is asked for again; after three in a row the listing stops with [`Error::Paging`]
//! (resumable as above).
//!
//! # What page-number listings can and cannot promise
//!
//! A page number is an offset, and the server computes it again on every request:
//!
//! - Items **inserted** before the position between two page requests move earlier items
//!   onto the next page: they are recognised by id and dropped, so nothing is repeated (up to
//!   64 inserted items per page request).
//! - Items **removed** before the position move later items onto the page already read: one
//!   item per removed item is **never seen**, and no client can tell. A page-number listing
//!   of data that changes during the listing may therefore miss items; it never repeats one.
//! - A shrinking (or growing) reported total changes nothing: the listing goes on to a short
//!   or empty page.
//!
//! Token listings (file events) name their position by an item, so neither inserts nor
//! removals elsewhere lose or repeat anything.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use std::borrow::Cow;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Read;
use std::marker::PhantomData;
use std::ops::Range;
use std::sync::Arc;
use std::thread::JoinHandle;

use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::error::decode_json;
use crate::request::Prepared;
use crate::transport::{self, RawResponse};
use crate::{Client, Error, Operation, PagingSpec, PagingStyle, ParamLocation, Result};

/// Where a listing stands: serialise it, and [`Pager::resume`] later continues with the next
/// item. For page-number APIs the position is a page and an offset in it, so items the server
/// inserted or removed meanwhile can shift it; page tokens are exact.
///
/// # Format
///
/// A cursor serialises as a JSON object:
///
/// | field | meaning |
/// |---|---|
/// | `version` | cursor format version, [`Cursor::VERSION`] (1) for this release |
/// | `operation` | the paged operation's id |
/// | `fingerprint` | 16 hex digits: FNV-1a 64 of the operation and its request (see below) |
/// | `page` | page number of the next item (page-number listings) |
/// | `token` | token of the page holding the next item (token listings; absent = first page) |
/// | `skip` | items of that page already yielded |
/// | `page_size` | items per page |
/// | `last_id` | id of the last item yielded, when the operation names an item id |
/// | `done` | whether the listing is finished |
///
/// The fingerprint hashes the operation id, the method, the path and the request's query
/// parameters and JSON body **without** the paging parameters (page number, page size, page
/// token), written as canonical JSON (object keys sorted, no spaces). Resuming with another
/// operation, another request (filter, query, sort) or another page size is an
/// [`Error::InvalidInput`] naming the argument `cursor`.
///
/// **Version rule**: a later release reads every cursor whose `version` is at most its own
/// and at least 1; it only adds fields with defaults (unknown fields are ignored when
/// reading), and raises `version` when the meaning of a field changes, keeping the reading of
/// the older versions. A cursor without `version` (written before version 1) cannot be
/// resumed: [`Pager::resume`] says so, and the listing must start again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// Cursor format version ([`Cursor::VERSION`] when written by this release; 0 when the
    /// cursor was written before versions existed).
    #[serde(default)]
    pub version: u32,
    /// The paged operation, checked on resume.
    pub operation: String,
    /// Fingerprint of the operation and its request without the paging fields, checked on
    /// resume (16 hex digits; empty in cursors written before version 1).
    #[serde(default)]
    pub fingerprint: String,
    /// Page number of the next item (page-number APIs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    /// Token of the page holding the next item (token APIs; `None` = the first page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// Items of that page already yielded.
    pub skip: u64,
    /// Items per page: a page-number position means nothing with another page size.
    pub page_size: u32,
    /// Id of the last item yielded (operations whose paging names an item id): an item
    /// with this id at the start of the next page is a repeat and is dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_id: Option<String>,
    /// Whether the listing is finished.
    pub done: bool,
}

impl Cursor {
    /// The cursor format version this release writes.
    pub const VERSION: u32 = 1;

    /// Checks that this cursor can continue a listing of `operation` whose request has
    /// `fingerprint`, `page_size` items a page.
    fn check(&self, operation: &str, fingerprint: &str, page_size: u32, sized: bool) -> Result<()> {
        let fail = |reason: String| Err(Error::invalid("cursor", reason));
        if self.version == 0 {
            return fail(
                "it was written by an older version of code42 (before cursor format 1, with no \
                 `version` field) and cannot be resumed: start the listing again"
                    .into(),
            );
        }
        if self.version > Cursor::VERSION {
            return fail(format!(
                "it was written with cursor format {}, newer than this version of code42 reads \
                 ({}): upgrade code42",
                self.version,
                Cursor::VERSION
            ));
        }
        if self.operation != operation {
            return fail(format!("it belongs to {}, not {operation}", self.operation));
        }
        if self.fingerprint != fingerprint {
            return fail(format!(
                "it was taken from another {operation} request (another filter, query or sort: \
                 request fingerprint {}, this request's is {fingerprint})",
                self.fingerprint
            ));
        }
        if sized && self.page_size != page_size {
            return fail(format!(
                "it was taken with {} items a page, this listing asks for {page_size}",
                self.page_size
            ));
        }
        Ok(())
    }
}

/// A lazy iterator over every item of a paged listing.
///
/// ```no_run
/// # let client = code42::Client::builder("h").api_client("k", "s").build()?;
/// let mut users = client.users().list(&code42::users::UserFilter::new().active(true))?;
/// for user in users.by_ref().take(10) {
///     println!("{}", user?.username);
/// }
/// let cursor = users.cursor(); // save it; `pager.resume(&cursor)` continues from here
/// # Ok::<(), code42::Error>(())
/// ```
#[must_use = "a pager fetches nothing until iterated"]
pub struct Pager<T> {
    fetcher: Arc<Fetcher>,
    /// Position of the page to fetch next.
    next_page: u64,
    next_token: Option<String>,
    /// Items to skip on the next fetched page (resuming).
    skip_on_fetch: u64,
    current: Option<Page>,
    /// The next page, being fetched on another thread.
    pending: Option<Pending>,
    /// The body buffer of the last consumed page, for the next read.
    spare: Option<Vec<u8>>,
    prefetch: bool,
    /// Dotted path, inside an item, of the token of the page that follows it (file events:
    /// `event.id`): the cursor then resumes right after the last yielded item.
    item_token: Option<&'static str>,
    /// The token after the last item of a finished listing (`item_token` mode).
    final_token: Option<String>,
    last_page: bool,
    done: bool,
    /// Whether a page was asked for (`next()` was called): a started pager cannot resume.
    started: bool,
    /// Id of the last item yielded before the current page (when the paging spec names an
    /// item id).
    last_id: Option<String>,
    /// Ids of the first and the last [`REPEAT_WINDOW`] items of the previous page: a new
    /// page's leading items with these ids are repeats.
    recent_ids: Vec<String>,
    /// Without item ids: the previous page's count, first and last items, hashed.
    previous_fingerprint: Option<u64>,
    /// Pages in a row that brought nothing new.
    stalls: u32,
    /// An error ended this iterator (its cursor still resumes).
    fused: bool,
    _item: PhantomData<fn() -> T>,
}

/// How many of the previous page's last items are remembered to recognise repeats (plus its
/// first): a shift of up to this many items between two page requests repeats nothing.
const REPEAT_WINDOW: usize = 64;

/// Pages in a row that may bring nothing new (the same page again, a token that does not
/// move) before the listing stops with [`Error::Paging`].
const MAX_STALLS: u32 = 3;

/// Everything a page request needs; shared with the prefetch thread.
struct Fetcher {
    client: Client,
    request: Prepared,
    body: Option<serde_json::Map<String, serde_json::Value>>,
    spec: PagingSpec,
    page_size: u32,
    /// How a token is written into the request (file events escape quotes like py42).
    encode_token: Option<fn(&str) -> String>,
    /// Whether the first page number stays in a token request (the gateway's file events send
    /// `pgNum: 1` with every `pgToken`, incydr.md §4.1).
    page_with_token: bool,
    /// How an error of a page request is reported (a facade that knows what a status means
    /// for its call).
    map_error: Option<fn(Error) -> Error>,
    /// The request's fingerprint (see [`Cursor`]).
    fingerprint: String,
}

/// The page a request asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Position {
    page: u64,
    token: Option<String>,
}

/// A page being fetched on another thread.
struct Pending {
    position: Position,
    handle: JoinHandle<Result<Page>>,
}

/// One page: its body and where each item lies in it.
struct Page {
    body: String,
    items: Vec<Range<usize>>,
    next: usize,
    /// The first item this page yields (after skipped and repeated ones).
    first_new: usize,
    page: u64,
    token: Option<String>,
    total: Option<u64>,
    next_token: Option<String>,
}

impl<T> fmt::Debug for Pager<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pager")
            .field("operation", &self.fetcher.request.operation)
            .field("page_size", &self.fetcher.page_size)
            .field("prefetch", &self.prefetch)
            .field("cursor", &self.cursor())
            .finish_non_exhaustive()
    }
}

impl<T> Pager<T> {
    /// Where the listing stands: the position of the next item.
    ///
    /// For listings whose items carry the next page's token (file events), the cursor names
    /// the last yielded item and is never `done`: resuming it later returns what arrived since.
    pub fn cursor(&self) -> Cursor {
        let spec = self.fetcher.spec;
        let base = Cursor {
            version: Cursor::VERSION,
            operation: self.fetcher.request.operation.to_owned(),
            fingerprint: self.fetcher.fingerprint.clone(),
            page: None,
            token: None,
            skip: 0,
            page_size: self.fetcher.page_size,
            last_id: self.last_yielded_id(),
            done: false,
        };
        if let Some(path) = self.item_token {
            let after_item = match &self.current {
                Some(p) => p
                    .next
                    .checked_sub(1)
                    .and_then(|last| p.item_token(last, path)),
                _ => None,
            };
            let token =
                after_item
                    .or_else(|| self.final_token.clone())
                    .or_else(|| match &self.current {
                        Some(p) => p.token.clone(),
                        None => self.next_token.clone(),
                    });
            let skip = match (&self.current, &self.final_token) {
                (Some(p), _) if p.next > 0 => 0,
                (None, None) => self.skip_on_fetch,
                _ => 0,
            };
            return Cursor {
                token,
                skip,
                ..base
            };
        }
        let (page, token, skip) = match &self.current {
            Some(p) if p.next < p.items.len() => (p.page, p.token.clone(), p.next as u64),
            _ => (self.next_page, self.next_token.clone(), self.skip_on_fetch),
        };
        Cursor {
            page: (spec.style == PagingStyle::PageNumber).then_some(page),
            token: if spec.style == PagingStyle::Token {
                token
            } else {
                None
            },
            skip,
            done: self.done
                && self
                    .current
                    .as_ref()
                    .is_none_or(|p| p.next >= p.items.len()),
            ..base
        }
    }

    /// The id of the last item yielded (operations whose paging names an item id).
    fn last_yielded_id(&self) -> Option<String> {
        let path = self.fetcher.spec.id?;
        match &self.current {
            Some(p) if p.next > p.first_new => {
                p.next.checked_sub(1).and_then(|last| p.item_id(last, path))
            }
            _ => self.last_id.clone(),
        }
    }

    /// Fetches the next page on a background thread while the current one is consumed
    /// (default off). At most one page body is held plus the one being fetched. Worth it when
    /// each item takes real work or the server is far away.
    pub fn prefetch(mut self, on: bool) -> Self {
        self.prefetch = on;
        self
    }

    /// Resume after the item whose `path` (dotted, e.g. `event.id`) holds the next page's
    /// token, instead of a page token and an offset.
    pub(crate) fn item_token(mut self, path: &'static str) -> Self {
        self.item_token = Some(path);
        self
    }

    /// Token requests keep the first page number (`pgNum: 1` next to `pgToken`).
    pub(crate) fn page_with_token(mut self) -> Self {
        if let Some(fetcher) = Arc::get_mut(&mut self.fetcher) {
            fetcher.page_with_token = true;
        }
        self
    }

    /// Page-request errors pass through `map` (a facade's reclassification).
    pub(crate) fn map_error(mut self, map: fn(Error) -> Error) -> Self {
        if let Some(fetcher) = Arc::get_mut(&mut self.fetcher) {
            fetcher.map_error = Some(map);
        }
        self
    }

    /// How tokens are written into requests.
    pub(crate) fn encode_token(mut self, encode: fn(&str) -> String) -> Self {
        if let Some(fetcher) = Arc::get_mut(&mut self.fetcher) {
            fetcher.encode_token = Some(encode);
        }
        self
    }

    /// Whether every item of the pages fetched so far has been yielded: a good moment to save
    /// the [`cursor`](Self::cursor) (after writing out what was yielded).
    pub fn page_consumed(&self) -> bool {
        self.current
            .as_ref()
            .is_none_or(|p| p.next >= p.items.len())
    }

    /// The total the server reported on the last page fetched, if it reports one.
    pub fn total(&self) -> Option<u64> {
        self.current.as_ref().and_then(|p| p.total)
    }
}

impl<T> Pager<T> {
    /// A pager over `op`, `page_size` items a page. Nothing is fetched until the first
    /// [`next`](Iterator::next) or [`next_page`](Self::next_page).
    pub fn new<O: Operation>(client: &Client, op: &O, page_size: u32) -> Result<Pager<T>> {
        let spec = O::PAGING.ok_or_else(|| {
            Error::invalid("operation", format!("{} does not page", O::OPERATION_ID))
        })?;
        if page_size == 0 {
            return Err(Error::invalid("page_size", "must be at least 1"));
        }
        let request = Prepared::from_operation(op)?;
        let body = match spec.location {
            ParamLocation::Body => match &request.body {
                Some(bytes) => match serde_json::from_slice(bytes) {
                    Ok(serde_json::Value::Object(map)) => Some(map),
                    _ => {
                        return Err(Error::invalid(
                            "body",
                            "a paged request body must be a JSON object",
                        ));
                    }
                },
                None => Some(serde_json::Map::new()),
            },
            _ => None,
        };
        let fingerprint = request_fingerprint(&request, &spec, body.as_ref());
        Ok(Pager {
            fetcher: Arc::new(Fetcher {
                client: client.clone(),
                request,
                body,
                spec,
                page_size,
                encode_token: None,
                page_with_token: false,
                map_error: None,
                fingerprint,
            }),
            next_page: u64::from(spec.first),
            next_token: None,
            skip_on_fetch: 0,
            current: None,
            pending: None,
            spare: None,
            prefetch: false,
            item_token: None,
            final_token: None,
            last_page: false,
            done: false,
            started: false,
            last_id: None,
            recent_ids: Vec::new(),
            previous_fingerprint: None,
            stalls: 0,
            fused: false,
            _item: PhantomData,
        })
    }

    /// Continues this listing from a [`Cursor`] taken earlier (from a pager over the same
    /// operation and request), instead of from its start. Call it before the first item.
    ///
    /// Fails with [`Error::InvalidInput`] (argument `cursor`) when the cursor was written
    /// before cursor format 1, by a newer format, for another operation, another request
    /// (another filter, query or sort) or another page size (except for listings that resume
    /// after an item's own token, such as file events, where the page size may change), or
    /// when this pager has already started.
    ///
    /// ```no_run
    /// # let client = code42::Client::builder("h").api_client("k", "s").build()?;
    /// # let saved = String::new();
    /// let cursor: code42::Cursor = serde_json::from_str(&saved).expect("a saved cursor");
    /// let filter = code42::users::UserFilter::new().active(true);
    /// for user in client.users().list(&filter)?.resume(&cursor)? {
    ///     println!("{}", user?.username);
    /// }
    /// # Ok::<(), code42::Error>(())
    /// ```
    pub fn resume(mut self, cursor: &Cursor) -> Result<Pager<T>> {
        if self.started {
            return Err(Error::invalid(
                "cursor",
                "the pager has already started: resume a new pager",
            ));
        }
        let fetcher = &self.fetcher;
        cursor.check(
            fetcher.request.operation,
            &fetcher.fingerprint,
            fetcher.page_size,
            self.item_token.is_none(),
        )?;
        match fetcher.spec.style {
            PagingStyle::PageNumber => {
                self.next_page = cursor.page.ok_or_else(|| {
                    Error::invalid("cursor", "no page number for a page-number listing")
                })?;
            }
            _ => self.next_token = cursor.token.clone(),
        }
        self.skip_on_fetch = cursor.skip;
        self.last_id = cursor.last_id.clone();
        self.done = cursor.done;
        Ok(self)
    }

    /// Starts a token listing at the page of `token` (a token the caller already holds).
    pub(crate) fn start_at_token(mut self, token: String) -> Self {
        self.next_token = Some(token);
        self
    }

    /// The same listing, each item decoded as `U`: your own struct, a `serde_json::Value`,
    /// or `Box<serde_json::value::RawValue>` (the item's JSON as sent). May be called at any
    /// point; the items not yet yielded are decoded as `U`.
    pub fn decode_as<U>(self) -> Pager<U> {
        Pager {
            fetcher: self.fetcher,
            next_page: self.next_page,
            next_token: self.next_token,
            skip_on_fetch: self.skip_on_fetch,
            current: self.current,
            pending: self.pending,
            spare: self.spare,
            prefetch: self.prefetch,
            item_token: self.item_token,
            final_token: self.final_token,
            last_page: self.last_page,
            done: self.done,
            started: self.started,
            last_id: self.last_id,
            recent_ids: self.recent_ids,
            previous_fingerprint: self.previous_fingerprint,
            stalls: self.stalls,
            fused: self.fused,
            _item: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Pager<T> {
    /// The rest of the current page, or the next whole page; `None` at the end.
    pub fn next_page(&mut self) -> Option<Result<Vec<T>>> {
        let mut items = Vec::new();
        loop {
            let in_page = self
                .current
                .as_ref()
                .is_some_and(|p| p.next < p.items.len());
            if !in_page && !items.is_empty() {
                return Some(Ok(items));
            }
            match self.next() {
                Some(Ok(item)) => items.push(item),
                Some(Err(e)) => return Some(Err(e)),
                None => return (!items.is_empty()).then_some(Ok(items)),
            }
        }
    }

    /// An iterator of whole pages.
    pub fn pages(self) -> Pages<T> {
        Pages(self)
    }

    fn next_position(&self) -> Position {
        Position {
            page: self.next_page,
            token: self.next_token.clone(),
        }
    }

    /// The next page: the prefetched one if it is the one wanted, else fetched now.
    fn fetch_next(&mut self) -> Result<Page> {
        let position = self.next_position();
        // The consumed page goes before the next one arrives (one body in memory, plus one
        // being fetched), and its buffer is read into again.
        if let Some(page) = self.current.take() {
            self.remember(&page);
            self.spare = Some(page.body.into_bytes());
        }
        match self.pending.take() {
            Some(pending) if pending.position == position => {
                pending.handle.join().unwrap_or_else(|_| {
                    Err(Error::Paging {
                        operation: self.fetcher.request.operation,
                        reason: "the thread fetching the next page panicked".into(),
                        source: None,
                    })
                })
            }
            _ => self.fetcher.fetch(&position, self.spare.take()),
        }
    }

    /// Starts fetching the page after the current one on another thread.
    fn start_prefetch(&mut self) {
        if !self.prefetch || self.last_page || self.done || self.pending.is_some() {
            return;
        }
        let position = self.next_position();
        let fetcher = Arc::clone(&self.fetcher);
        let wanted = position.clone();
        let buffer = self.spare.take();
        let spawned = std::thread::Builder::new()
            .name("code42-prefetch".into())
            .spawn(move || fetcher.fetch(&wanted, buffer));
        match spawned {
            Ok(handle) => self.pending = Some(Pending { position, handle }),
            // No thread: the page is fetched in line when it is needed.
            Err(e) => log::debug!(target: "code42::http", "no prefetch thread: {e}"),
        }
    }

    /// Keeps what the next page is checked against: the last yielded id, and the ids of the
    /// first and last items of `page` (or its fingerprint, without item ids).
    fn remember(&mut self, page: &Page) {
        let Some(path) = self.fetcher.spec.id else {
            self.previous_fingerprint = Self::fingerprint(page).or(self.previous_fingerprint);
            return;
        };
        if page.next > page.first_new
            && let Some(id) = page
                .next
                .checked_sub(1)
                .and_then(|last| page.item_id(last, path))
        {
            self.last_id = Some(id);
        }
        let count = page.items.len();
        if count == 0 {
            return;
        }
        self.recent_ids.clear();
        let tail = count.saturating_sub(REPEAT_WINDOW);
        let indexes = (tail > 0).then_some(0).into_iter().chain(tail..count);
        self.recent_ids
            .extend(indexes.filter_map(|i| page.item_id(i, path)));
    }

    /// How many items of `page` from `start` on were already yielded (by id, against the last
    /// yielded id and the previous page; without ids, the whole page when it is the previous
    /// page again).
    fn leading_repeats(&self, page: &Page, start: usize) -> usize {
        let count = page.items.len();
        let Some(path) = self.fetcher.spec.id else {
            let fingerprint = Self::fingerprint(page);
            let again = fingerprint.is_some() && fingerprint == self.previous_fingerprint;
            return if again {
                count.saturating_sub(start)
            } else {
                0
            };
        };
        (start..count)
            .take_while(|i| {
                page.item_id(*i, path).is_some_and(|id| {
                    self.last_id.as_deref() == Some(id.as_str()) || self.recent_ids.contains(&id)
                })
            })
            .count()
    }

    /// Decides what comes after `page`: a listing ends on an empty page, a short page (fewer
    /// items than asked for, or than the server's cap) or, with tokens, no next token; never
    /// on the reported total. Leading repeats are dropped; a page that brings nothing new is
    /// asked for again, [`MAX_STALLS`] times at most.
    fn after_fetch(&mut self, page: &mut Page) -> Result<()> {
        let spec = self.fetcher.spec;
        let full = match spec.max {
            Some(max) => self.fetcher.page_size.min(max),
            None => self.fetcher.page_size,
        };
        let count = page.items.len();
        let short = (count as u64) < u64::from(full);
        let skip = usize::try_from(self.skip_on_fetch)
            .unwrap_or(usize::MAX)
            .min(count);
        let repeats = self.leading_repeats(page, skip);
        let start = skip.saturating_add(repeats);
        let no_next_token = page.next_token.as_deref().is_none_or(str::is_empty);
        let nothing_new = repeats > 0 && start == count;
        let stalled = nothing_new
            && match spec.style {
                PagingStyle::PageNumber => !short,
                _ => !no_next_token && page.next_token == page.token,
            };
        if stalled {
            self.stalls = self.stalls.saturating_add(1);
            if self.stalls >= MAX_STALLS {
                return Err(Error::Paging {
                    operation: self.fetcher.request.operation,
                    reason: format!(
                        "the server answered {} times in a row with items already listed",
                        self.stalls
                    ),
                    source: None,
                });
            }
            // The same position is asked for again.
            page.next = count;
            page.first_new = count;
            self.last_page = false;
            return Ok(());
        }
        self.stalls = 0;
        match spec.style {
            PagingStyle::PageNumber => {
                // Past the last representable page number the listing ends.
                let next = self.next_page.checked_add(1);
                self.last_page = count == 0 || short || next.is_none();
                self.next_page = next.unwrap_or(self.next_page);
            }
            _ => {
                // A full page without a next token, where items carry the token of the page
                // after them (file events): go on after its last item until a short or
                // empty page.
                let after_last = match (no_next_token && !short, self.item_token) {
                    (true, Some(path)) => {
                        count.checked_sub(1).and_then(|i| page.item_token(i, path))
                    }
                    _ => None,
                };
                self.last_page = count == 0 || (no_next_token && after_last.is_none());
                self.next_token = after_last.or_else(|| page.next_token.clone());
            }
        }
        page.next = start;
        page.first_new = start;
        self.skip_on_fetch = 0;
        Ok(())
    }

    /// Identifies a page by its item count and its first and last items (hashing a whole
    /// 26 MB page would cost as much as typing a fifth of it).
    fn fingerprint(page: &Page) -> Option<u64> {
        let (first, last) = (page.items.first()?, page.items.last()?);
        let mut hasher = DefaultHasher::new();
        page.items.len().hash(&mut hasher);
        page.body.get(first.clone())?.hash(&mut hasher);
        page.body.get(last.clone())?.hash(&mut hasher);
        Some(hasher.finish())
    }

    /// Ends the listing (remembering, in item-token mode, where it ended).
    fn finish(&mut self) {
        if let (Some(path), Some(page)) = (self.item_token, &self.current) {
            // After the last item, or where an empty last page was asked for.
            let token = match page.items.len().checked_sub(1) {
                Some(last) => page.item_token(last, path),
                None => page.token.clone(),
            };
            if token.is_some() {
                self.final_token = token;
            }
        }
        self.done = true;
        self.current = None;
        self.pending = None;
    }

    /// Ends this iterator with `error`; the position stays where it was, so the
    /// [`cursor`](Self::cursor) resumes with the first item not yet yielded.
    fn fail(&mut self, error: Error) -> Option<Result<T>> {
        if let Some(page) = self.current.take() {
            self.remember(&page);
        }
        self.fused = true;
        self.pending = None;
        Some(Err(error))
    }
}

impl Fetcher {
    /// Requests one page and locates its items.
    fn fetch(&self, position: &Position, buffer: Option<Vec<u8>>) -> Result<Page> {
        let mut request = self.request.clone();
        let spec = self.spec;
        // Token paging opts in with an empty token on the first page (`pgToken: ""`).
        let token = match &position.token {
            Some(token) => match self.encode_token {
                Some(encode) => encode(token),
                None => token.clone(),
            },
            None => String::new(),
        };
        match (spec.location, spec.style) {
            (ParamLocation::Query, PagingStyle::PageNumber) => {
                request.set_query(spec.page, position.page.to_string());
                request.set_query(spec.size, self.page_size.to_string());
            }
            (ParamLocation::Query, _) => {
                request.set_query(spec.size, self.page_size.to_string());
                if let Some(name) = spec.token {
                    request.set_query(name, token);
                }
            }
            (_, style) => {
                let mut body = self.body.clone().unwrap_or_default();
                body.insert(spec.size.to_owned(), self.page_size.into());
                if style == PagingStyle::PageNumber {
                    body.insert(spec.page.to_owned(), position.page.into());
                } else if let Some(name) = spec.token {
                    // A token replaces the page number (unless the API wants both).
                    if self.page_with_token {
                        body.insert(spec.page.to_owned(), spec.first.into());
                    } else {
                        body.remove(spec.page);
                    }
                    body.insert(name.to_owned(), token.into());
                }
                request.body = Some(
                    serde_json::to_vec(&body).map_err(|e| Error::invalid("body", e.to_string()))?,
                );
            }
        }
        let mut buffer = buffer;
        let bytes = self
            .client
            .send(&request, |response, _| {
                read_page(response, buffer.take().unwrap_or_default())
            })
            .map_err(|e| match self.map_error {
                Some(map) => map(e),
                None => e,
            })?;
        let body = crate::error::body_text(request.operation, bytes)?;
        let located = locate(&body, &spec, request.operation)?;
        Ok(Page {
            items: located.items,
            next: 0,
            first_new: 0,
            page: position.page,
            token: position.token.clone(),
            total: located.total,
            next_token: located.next_token,
            body,
        })
    }
}

/// The request's fingerprint: FNV-1a 64 (16 hex digits) of the canonical JSON of the
/// operation, method, path, query parameters and body, without the paging parameters.
fn request_fingerprint(
    request: &Prepared,
    spec: &PagingSpec,
    body: Option<&serde_json::Map<String, serde_json::Value>>,
) -> String {
    let paging = |name: &str| name == spec.page || name == spec.size || Some(name) == spec.token;
    let mut query: Vec<&(String, String)> =
        request.query.iter().filter(|(k, _)| !paging(k)).collect();
    query.sort_by(|a, b| a.0.cmp(&b.0));
    let query: Vec<serde_json::Value> = query
        .into_iter()
        .map(|(k, v)| serde_json::json!([k, v]))
        .collect();
    let body = match body {
        Some(map) => serde_json::Value::Object(
            map.iter()
                .filter(|(k, _)| !paging(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        None => match &request.body {
            Some(bytes) => serde_json::from_slice(bytes)
                .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned().into()),
            None => serde_json::Value::Null,
        },
    };
    let document = serde_json::json!({
        "operation": request.operation,
        "method": request.method.as_str(),
        "path": request.path,
        "query": query,
        "body": body,
    });
    let mut text = String::new();
    canonical_json(&document, &mut text);
    format!("{:016x}", fnv1a64(text.as_bytes()))
}

/// `value` as JSON with object keys sorted and no spaces (whatever order `serde_json::Map`
/// keeps).
fn canonical_json(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, value)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::from(key.as_str()).to_string());
                out.push(':');
                canonical_json(value, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical_json(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms (unlike `DefaultHasher`).
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Page {
    /// The id stored at `path` inside item `index`: a string's text, or any other value's JSON.
    fn item_id(&self, index: usize, path: &str) -> Option<String> {
        let text = self.body.get(self.items.get(index)?.clone())?;
        let found = walk(text, &[(path, Slot::Next)]).ok()?;
        let raw = found.next?;
        match serde_json::from_str::<Option<String>>(raw.get()) {
            Ok(Some(id)) => Some(id),
            Ok(None) => None,
            Err(_) => Some(raw.get().to_owned()),
        }
    }

    /// The token stored at `path` inside item `index`.
    fn item_token(&self, index: usize, path: &str) -> Option<String> {
        let text = self.body.get(self.items.get(index)?.clone())?;
        let found = walk(text, &[(path, Slot::Next)]).ok()?;
        found.next.and_then(|raw| {
            serde_json::from_str::<Option<String>>(raw.get())
                .ok()
                .flatten()
        })
    }
}

/// Reads a page body whole into `body` (the buffer of a consumed page, reused), sized up front
/// from `Content-Length` when the body is not compressed (a 10,000-event page is 25–45 MB; no
/// size cap).
fn read_page(response: RawResponse, mut body: Vec<u8>) -> std::io::Result<Vec<u8>> {
    const MAX_RESERVE: usize = 256 << 20;
    let compressed = transport::header(&response, "content-encoding").is_some();
    let length = transport::header(&response, "content-length")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|_| !compressed)
        .unwrap_or(0);
    body.clear();
    body.reserve(length.min(MAX_RESERVE));
    response.into_body().into_reader().read_to_end(&mut body)?;
    Ok(body)
}

impl<T: DeserializeOwned> Iterator for Pager<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        self.started = true;
        if self.fused {
            return None;
        }
        loop {
            if let Some(page) = &mut self.current {
                if let Some(range) = page.items.get(page.next).cloned() {
                    let index = page.next;
                    page.next = page.next.saturating_add(1);
                    let text = page.body.get(range).unwrap_or("null");
                    let prefix = format!("{}[{index}]", self.fetcher.spec.items);
                    return Some(decode_json(
                        self.fetcher.request.operation,
                        &prefix,
                        text,
                        true,
                    ));
                }
                if self.last_page {
                    self.finish();
                }
            }
            if self.done {
                self.current = None;
                self.pending = None;
                return None;
            }
            let mut page = match self.fetch_next() {
                Ok(page) => page,
                Err(e) => return self.fail(e),
            };
            if let Err(e) = self.after_fetch(&mut page) {
                return self.fail(e);
            }
            self.current = Some(page);
            self.start_prefetch();
        }
    }
}

/// Whole pages of a [`Pager`].
#[derive(Debug)]
#[must_use = "pages are fetched only when iterated"]
pub struct Pages<T>(Pager<T>);

impl<T: DeserializeOwned> Iterator for Pages<T> {
    type Item = Result<Vec<T>>;
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next_page()
    }
}

pub(crate) struct Located {
    pub(crate) items: Vec<Range<usize>>,
    pub(crate) total: Option<u64>,
    pub(crate) next_token: Option<String>,
}

/// Finds the item list (as byte ranges of `body`), the total and the next token, in one pass
/// over the body.
pub(crate) fn locate(body: &str, spec: &PagingSpec, operation: &'static str) -> Result<Located> {
    let fail = |path: &str, message: String| Error::decode(operation, path, message);
    let mut wanted = vec![(spec.items, Slot::Items)];
    wanted.extend(spec.total.map(|p| (p, Slot::Total)));
    wanted.extend(spec.next.map(|p| (p, Slot::Next)));
    let found = walk(body, &wanted).map_err(|e| fail(".", e.to_string()))?;
    let items = match found.items {
        None => return Err(fail(spec.items, "the page has no item list here".into())),
        Some(None) => Vec::new(),
        Some(Some(list)) => {
            let base = body.as_ptr() as usize;
            list.iter()
                .map(|item| {
                    // Every item borrows from `body`: its address is at or after `base`.
                    let start = (item.get().as_ptr() as usize).saturating_sub(base);
                    start..start.saturating_add(item.get().len())
                })
                .collect()
        }
    };
    let total = found.total.and_then(|raw| {
        serde_json::from_str::<Option<u64>>(raw.get())
            .ok()
            .flatten()
    });
    let next_token = found.next.and_then(|raw| {
        serde_json::from_str::<Option<String>>(raw.get())
            .ok()
            .flatten()
    });
    Ok(Located {
        items,
        total,
        next_token,
    })
}

/// What a wanted path is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Items,
    Total,
    Next,
}

/// What one pass found.
#[derive(Default)]
struct Found<'de> {
    /// `Some(None)`: the list is `null`.
    items: Option<Option<Vec<&'de RawValue>>>,
    total: Option<&'de RawValue>,
    next: Option<&'de RawValue>,
}

/// One pass over `text`: the values at the wanted dotted paths, everything else skipped.
fn walk<'de>(text: &'de str, wanted: &[(&str, Slot)]) -> serde_json::Result<Found<'de>> {
    let targets: Vec<(Vec<&str>, Slot)> = wanted
        .iter()
        .map(|(path, slot)| (path.split('.').collect(), *slot))
        .collect();
    let mut found = Found::default();
    let mut de = serde_json::Deserializer::from_str(text);
    Level {
        targets: &targets,
        live: (0..targets.len()).collect(),
        depth: 0,
        found: &mut found,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(found)
}

/// One object level of [`walk`]: `live` are the targets whose first `depth` keys matched.
struct Level<'a, 'de> {
    targets: &'a [(Vec<&'a str>, Slot)],
    live: Vec<usize>,
    depth: usize,
    found: &'a mut Found<'de>,
}

impl<'de> DeserializeSeed<'de> for Level<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Level<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let Level {
            targets,
            live,
            depth,
            found,
        } = self;
        // Paths have a handful of segments (serde_json stops nesting at 128 anyway).
        let below = depth.saturating_add(1);
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let matching: Vec<usize> = live
                .iter()
                .copied()
                .filter(|i| {
                    targets
                        .get(*i)
                        .is_some_and(|t| t.0.get(depth) == Some(&key.as_ref()))
                })
                .collect();
            let leaf = matching
                .iter()
                .find_map(|i| targets.get(*i).filter(|t| t.0.len() == below))
                .map(|t| t.1);
            match leaf {
                None if matching.is_empty() => {
                    map.next_value::<IgnoredAny>()?;
                }
                None => map.next_value_seed(Level {
                    targets,
                    live: matching,
                    depth: below,
                    found: &mut *found,
                })?,
                // The usual case: the item list is read as slices in the same pass.
                Some(Slot::Items) if matching.len() == 1 => {
                    found.items = Some(map.next_value()?);
                }
                Some(slot) => {
                    let raw: &'de RawValue = map.next_value()?;
                    match slot {
                        Slot::Items => {
                            found.items = Some(
                                serde_json::from_str(raw.get())
                                    .map_err(serde::de::Error::custom)?,
                            )
                        }
                        Slot::Total => found.total = Some(raw),
                        Slot::Next => found.next = Some(raw),
                    }
                    let deeper: Vec<usize> = matching
                        .into_iter()
                        .filter(|i| targets.get(*i).is_some_and(|t| t.0.len() > below))
                        .collect();
                    if !deeper.is_empty() {
                        let mut de = serde_json::Deserializer::from_str(raw.get());
                        Level {
                            targets,
                            live: deeper,
                            depth: below,
                            found: &mut *found,
                        }
                        .deserialize(&mut de)
                        .map_err(serde::de::Error::custom)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_unit<E>(self) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> std::result::Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: PagingSpec = PagingSpec {
        style: PagingStyle::PageNumber,
        first: 1,
        location: ParamLocation::Query,
        page: "pgNum",
        size: "pgSize",
        items: "data.users",
        total: Some("data.totalCount"),
        token: None,
        next: None,
        max: None,
        id: None,
    };

    #[test]
    fn items_are_located_as_slices_of_the_body() {
        let body =
            r#"{"metadata":{"x":[1]},"data":{"totalCount":3,"users":[{"a":1}, {"b":"]"} ,[2]]}}"#;
        let located = locate(body, &SPEC, "op").unwrap();
        let slices: Vec<&str> = located.items.iter().map(|r| &body[r.clone()]).collect();
        assert_eq!(slices, [r#"{"a":1}"#, r#"{"b":"]"}"#, "[2]"]);
        assert_eq!(located.total, Some(3));
    }

    #[test]
    fn one_pass_finds_leaves_and_deeper_paths_under_the_same_key() {
        let spec = PagingSpec {
            items: "data",
            total: Some("data.totalCount"),
            next: Some("meta.next"),
            ..SPEC
        };
        // `data` is both a leaf (not a list: an error) and the parent of `totalCount`.
        assert!(locate(r#"{"data":{"totalCount":2}}"#, &spec, "op").is_err());
        let found = walk(
            r#"{"a":[1,{"b":2}],"meta":{"next":"t\"1","x":null},"data":{"totalCount":2}}"#,
            &[("data.totalCount", Slot::Total), ("meta.next", Slot::Next)],
        )
        .unwrap();
        assert_eq!(found.total.map(RawValue::get), Some("2"));
        assert_eq!(found.next.map(RawValue::get), Some(r#""t\"1""#));
        assert!(walk(r#"{"a":1} x"#, &[]).is_err(), "trailing garbage");
        assert!(
            walk(r#"[1,2]"#, &[("a", Slot::Next)])
                .unwrap()
                .next
                .is_none()
        );
    }

    #[test]
    fn a_missing_item_list_is_a_decode_error_and_null_is_empty() {
        assert!(matches!(
            locate(r#"{"data":{}}"#, &SPEC, "op"),
            Err(Error::Decode(_))
        ));
        assert!(
            locate(r#"{"data":{"users":null}}"#, &SPEC, "op")
                .unwrap()
                .items
                .is_empty()
        );
        assert!(matches!(
            locate("not json", &SPEC, "op"),
            Err(Error::Decode(_))
        ));
    }

    use crate::wire::codegen_checks::{ops, types};
    use mockito::Matcher;

    fn client_for_server(server: &mockito::Server) -> Client {
        client(server)
    }

    fn client(server: &mockito::Server) -> Client {
        Client::builder(server.url())
            .jwt_provider(|| Ok("t".into()))
            .env_lookup(|_| None)
            .build()
            .unwrap()
    }

    fn page(
        server: &mut mockito::Server,
        token: serde_json::Value,
        ids: &[&str],
        next: Option<&str>,
    ) -> mockito::Mock {
        let events: Vec<_> = ids.iter().map(|id| serde_json::json!({"id": id})).collect();
        server
            .mock("POST", "/token-paged")
            .match_body(Matcher::Json(
                serde_json::json!({"filter": "x", "pgSize": 2, "pgToken": token}),
            ))
            .with_body(
                serde_json::json!({"fileEvents": events, "nextPgToken": next, "totalCount": 5})
                    .to_string(),
            )
            .expect(1)
            .create()
    }

    #[test]
    fn token_paging_follows_next_tokens_in_the_body_and_resumes_exactly() {
        let mut server = mockito::Server::new();
        let query = ops::SearchTokenPaged {
            body: types::Query::new().with_filter("x"),
        };
        let mocks = [
            page(&mut server, "".into(), &["a", "b"], Some("b")),
            page(&mut server, "b".into(), &["c", "d"], Some("d")),
            page(&mut server, "d".into(), &["e"], None),
        ];
        let client = client(&server);
        let mut pager: Pager<types::Event> = Pager::new(&client, &query, 2).unwrap();
        let first: Vec<String> = pager.by_ref().take(3).map(|e| e.unwrap().id).collect();
        let cursor = pager.cursor();
        assert_eq!(
            (cursor.token.as_deref(), cursor.skip, cursor.page),
            (Some("b"), 1, None)
        );
        let rest: Vec<String> = pager.map(|e| e.unwrap().id).collect();
        assert_eq!([first.clone(), rest].concat(), ["a", "b", "c", "d", "e"]);
        mocks.iter().for_each(mockito::Mock::assert);

        // A second run from the cursor asks for the page after token "b" and skips one item.
        let again = page(&mut server, "b".into(), &["c", "d"], Some("d"));
        let last = page(&mut server, "d".into(), &["e"], None);
        let resumed: Vec<String> = Pager::<types::Event>::new(&client, &query, 2)
            .unwrap()
            .resume(&cursor)
            .unwrap()
            .map(|e| e.unwrap().id)
            .collect();
        assert_eq!(resumed, ["d", "e"]);
        again.assert();
        last.assert();
    }

    #[test]
    fn prefetching_yields_the_same_items_and_requests() {
        let mut server = mockito::Server::new();
        let query = ops::SearchTokenPaged {
            body: types::Query::new().with_filter("x"),
        };
        let mocks = [
            page(&mut server, "".into(), &["a", "b"], Some("b")),
            page(&mut server, "b".into(), &["c", "d"], Some("d")),
            page(&mut server, "d".into(), &["e"], None),
        ];
        let client = client(&server);
        let ids: Vec<String> = Pager::<types::Event>::new(&client, &query, 2)
            .unwrap()
            .prefetch(true)
            .map(|e| e.unwrap().id)
            .collect();
        assert_eq!(ids, ["a", "b", "c", "d", "e"]);
        mocks.iter().for_each(mockito::Mock::assert);
    }

    #[test]
    fn a_token_replaces_the_page_number_and_is_encoded() {
        let mut server = mockito::Server::new();
        let first = server
            .mock("POST", "/token-paged")
            .match_body(Matcher::Json(
                serde_json::json!({"pgSize": 1, "pgToken": ""}),
            ))
            .with_body(r#"{"fileEvents":[{"id":"a\"1"}],"nextPgToken":"a\"1"}"#)
            .expect(1)
            .create();
        let second = server
            .mock("POST", "/token-paged")
            .match_body(Matcher::Json(
                serde_json::json!({"pgSize": 1, "pgToken": "<a\"1>"}),
            ))
            .with_body(r#"{"fileEvents":[],"nextPgToken":null}"#)
            .expect(1)
            .create();
        let query = ops::SearchTokenPaged {
            body: types::Query::new().with_extra(
                [("pgNum".to_owned(), serde_json::json!(1))]
                    .into_iter()
                    .collect(),
            ),
        };
        let ids: Vec<String> = Pager::<types::Event>::new(&client(&server), &query, 1)
            .unwrap()
            .encode_token(|t| format!("<{t}>"))
            .map(|e| e.unwrap().id)
            .collect();
        assert_eq!(ids, ["a\"1"]);
        first.assert();
        second.assert();
    }

    #[test]
    fn an_item_token_cursor_resumes_after_the_last_item_and_survives_the_end() {
        let mut server = mockito::Server::new();
        let query = ops::SearchTokenPaged {
            body: types::Query::new().with_filter("x"),
        };
        let _mocks = [
            page(&mut server, "".into(), &["a", "b"], Some("b")),
            page(&mut server, "b".into(), &["c"], None),
            page(&mut server, "a".into(), &["b"], None),
            page(&mut server, "c".into(), &[], None),
        ];
        let client = client(&server);
        let mut pager = Pager::<types::Event>::new(&client, &query, 2)
            .unwrap()
            .item_token("id");
        assert_eq!(pager.cursor().token, None);
        assert_eq!(pager.next().unwrap().unwrap().id, "a");
        let after_a = pager.cursor();
        assert_eq!(
            (after_a.token.as_deref(), after_a.skip, after_a.done),
            (Some("a"), 0, false)
        );
        let rest: Vec<String> = pager.by_ref().map(|e| e.unwrap().id).collect();
        assert_eq!(rest, ["b", "c"]);
        let end = pager.cursor();
        assert_eq!((end.token.as_deref(), end.done), (Some("c"), false));

        let resumed: Vec<String> = Pager::<types::Event>::new(&client, &query, 2)
            .unwrap()
            .item_token("id")
            .resume(&after_a)
            .unwrap()
            .map(|e| e.unwrap().id)
            .collect();
        assert_eq!(resumed, ["b"]);
        // After the end: asks for what came after the last event (nothing yet).
        let mut later = Pager::<types::Event>::new(&client, &query, 2)
            .unwrap()
            .item_token("id")
            .resume(&end)
            .unwrap();
        assert!(later.next().is_none());
        assert_eq!(later.cursor().token.as_deref(), Some("c"));
    }

    #[test]
    fn zero_based_page_numbers_in_the_body() {
        let mut server = mockito::Server::new();
        let pages =
            [(0, r#"[{"id":"a"},{"id":"b"}]"#), (1, r#"[{"id":"c"}]"#)].map(|(n, events)| {
                server
                    .mock("POST", "/zero-based")
                    .match_body(Matcher::Json(serde_json::json!({"page": n, "pageSize": 2})))
                    .with_body(format!(r#"{{"events":{events}}}"#))
                    .expect(1)
                    .create()
            });
        let op = ops::SearchZeroBased {
            body: types::Query::new(),
        };
        let ids: Vec<String> = Pager::<types::Event>::new(&client(&server), &op, 2)
            .unwrap()
            .map(|e| e.unwrap().id)
            .collect();
        assert_eq!(ids, ["a", "b", "c"]);
        pages.iter().for_each(mockito::Mock::assert);
    }

    #[test]
    fn a_token_that_does_not_move_stops_the_listing() {
        let mut server = mockito::Server::new();
        let _first = server
            .mock("POST", "/token-paged")
            .with_body(r#"{"fileEvents":[{"id":"a"},{"id":"b"}],"nextPgToken":"same"}"#)
            .expect(1)
            .create();
        let _stuck = server
            .mock("POST", "/token-paged")
            .with_body(r#"{"fileEvents":[{"id":"c"},{"id":"d"}],"nextPgToken":"same"}"#)
            .expect(1)
            .create();
        let query = ops::SearchTokenPaged {
            body: types::Query::new(),
        };
        let mut pager = Pager::<types::Event>::new(&client(&server), &query, 2).unwrap();
        let results: Vec<_> = pager.by_ref().collect();
        assert!(
            matches!(results.last(), Some(Err(Error::Paging { .. }))),
            "{results:?}"
        );
        let ids: Vec<&str> = results.iter().flatten().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            ["a", "b", "c", "d"],
            "c, d once (then the same items again), then the error instead of c, d forever"
        );
        // Fused, and the cursor still points at the stuck token.
        assert!(pager.next().is_none());
        let cursor = pager.cursor();
        assert_eq!(
            (
                cursor.token.as_deref(),
                cursor.done,
                cursor.last_id.as_deref()
            ),
            (Some("same"), false, Some("d"))
        );
    }

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let value = serde_json::json!({"b": [{"z": 1, "a": null}], "a": "x\"y"});
        let mut out = String::new();
        canonical_json(&value, &mut out);
        assert_eq!(out, r#"{"a":"x\"y","b":[{"a":null,"z":1}]}"#);
    }

    fn token_query(filter: &str) -> ops::SearchTokenPaged {
        ops::SearchTokenPaged {
            body: types::Query::new().with_filter(filter),
        }
    }

    #[test]
    fn a_pager_fetches_nothing_until_the_first_item() {
        let mut server = mockito::Server::new();
        let none = server.mock("POST", "/token-paged").expect(0).create();
        let client = client(&server);
        let pager = Pager::<types::Event>::new(&client, &token_query("x"), 2)
            .unwrap()
            .prefetch(true);
        let cursor = pager.cursor();
        drop(pager.decode_as::<serde_json::Value>());
        none.assert();
        assert_eq!(cursor.version, Cursor::VERSION);
        assert_eq!(cursor.fingerprint.len(), 16);
    }

    #[test]
    fn the_fingerprint_ignores_paging_fields_and_is_stable() {
        let client = Client::builder("https://example.invalid")
            .jwt_provider(|| Ok("t".into()))
            .env_lookup(|_| None)
            .build()
            .unwrap();
        let fingerprint = |op: &ops::SearchTokenPaged, size| {
            Pager::<types::Event>::new(&client, op, size)
                .unwrap()
                .cursor()
                .fingerprint
        };
        let mut paged = token_query("x");
        paged.body.extra = [
            ("pgNum".to_owned(), serde_json::json!(3)),
            ("pgToken".to_owned(), serde_json::json!("t")),
        ]
        .into_iter()
        .collect();
        assert_eq!(fingerprint(&paged, 2), fingerprint(&token_query("x"), 7));
        assert_ne!(
            fingerprint(&token_query("y"), 2),
            fingerprint(&token_query("x"), 2)
        );
        // Written into cursor files: the same request must give the same digits in every
        // release, on every platform and toolchain.
        assert_eq!(fingerprint(&token_query("x"), 2), "c4ae8b87b73d44c0");
    }

    #[test]
    fn resuming_with_another_request_size_or_format_is_an_error() {
        let server = mockito::Server::new();
        let client = client(&server);
        let new = |filter: &str, size| {
            Pager::<types::Event>::new(&client, &token_query(filter), size).unwrap()
        };
        let cursor = new("x", 2).cursor();
        let reason = |result: Result<Pager<types::Event>>| match result {
            Err(Error::InvalidInput {
                argument: "cursor",
                reason,
            }) => reason,
            other => panic!("{other:?}"),
        };
        assert!(new("x", 2).resume(&cursor).is_ok());
        assert!(reason(new("y", 2).resume(&cursor)).contains("another searchTokenPaged request"));
        assert!(reason(new("x", 3).resume(&cursor)).contains("2 items a page"));
        // Listings that resume after an item's own token may change the page size.
        assert!(new("x", 3).item_token("id").resume(&cursor).is_ok());
        let zero = Pager::<types::Event>::new(
            &client,
            &ops::SearchZeroBased {
                body: types::Query::new().with_filter("x"),
            },
            2,
        )
        .unwrap();
        assert!(reason(zero.resume(&cursor)).contains("belongs to searchTokenPaged"));
        let newer = Cursor {
            version: Cursor::VERSION + 1,
            ..cursor.clone()
        };
        assert!(reason(new("x", 2).resume(&newer)).contains("upgrade code42"));
        // A cursor file written before format 1 (no version, no fingerprint).
        let old: Cursor = serde_json::from_str(
            r#"{"operation":"SearchTokenPaged","token":"b","skip":1,"page_size":2,"done":false}"#,
        )
        .unwrap();
        assert!(reason(new("x", 2).resume(&old)).contains("written by an older version"));
        // A started pager does not resume.
        let mut started = new("x", 2);
        let _ = started.next();
        assert!(reason(started.resume(&cursor)).contains("already started"));
    }

    #[test]
    fn a_cursor_of_this_format_round_trips_and_tolerates_later_fields() {
        let text = r#"{"version":1,"operation":"op","fingerprint":"0123456789abcdef","page":3,
            "skip":1,"page_size":2,"last_id":"u7","done":false,"added_later":[1]}"#;
        let cursor: Cursor = serde_json::from_str(text).unwrap();
        assert_eq!(
            (cursor.page, cursor.last_id.as_deref()),
            (Some(3), Some("u7"))
        );
        let again: Cursor = serde_json::from_str(&serde_json::to_string(&cursor).unwrap()).unwrap();
        assert_eq!(again, cursor);
    }

    fn zero_based(server: &mut mockito::Server, page: u64, body: &str) -> mockito::Mock {
        server
            .mock("POST", "/zero-based")
            .match_body(Matcher::Json(
                serde_json::json!({"page": page, "pageSize": 5}),
            ))
            .with_body(body)
            .expect(1)
            .create()
    }

    fn events(ids: &[&str], total: u64) -> String {
        let events: Vec<_> = ids.iter().map(|id| serde_json::json!({"id": id})).collect();
        serde_json::json!({"events": events, "totalCount": total}).to_string()
    }

    fn zero_based_op() -> ops::SearchZeroBased {
        ops::SearchZeroBased {
            body: types::Query::new(),
        }
    }

    #[test]
    fn after_an_error_a_page_number_pager_is_fused_and_its_cursor_resumes() {
        let mut server = mockito::Server::new();
        // `max` is 3 for this operation: a page of 3 is full even though 5 were asked for.
        let _p0 = zero_based(&mut server, 0, &events(&["a", "b", "c"], 9));
        let broken = zero_based(&mut server, 1, "<html>not json</html>");
        let client = client(&server);
        let mut pager = Pager::<types::Event>::new(&client, &zero_based_op(), 5).unwrap();
        let ids: Vec<String> = pager.by_ref().map_while(|e| e.ok().map(|e| e.id)).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert!(pager.next().is_none(), "fused after the error");
        broken.assert();
        let cursor = pager.cursor();
        assert_eq!(
            (
                cursor.page,
                cursor.skip,
                cursor.done,
                cursor.last_id.as_deref()
            ),
            (Some(1), 0, false, Some("c"))
        );
        // The page again, one item shifted in before it (a repeat, dropped by id), and a
        // total that shrank to nothing (ignored: only a short page ends the listing).
        let _p1 = zero_based(&mut server, 1, &events(&["c", "d", "e"], 1));
        let _p2 = zero_based(&mut server, 2, &events(&["f"], 1));
        let rest: Vec<String> = Pager::<types::Event>::new(&client, &zero_based_op(), 5)
            .unwrap()
            .resume(&cursor)
            .unwrap()
            .map(|e| e.unwrap().id)
            .collect();
        assert_eq!(rest, ["d", "e", "f"]);
    }

    #[test]
    fn the_same_page_again_is_asked_for_again_then_stops_with_a_resumable_cursor() {
        let mut server = mockito::Server::new();
        let _p0 = zero_based(&mut server, 0, &events(&["a", "b", "c"], 9));
        let again = zero_based(&mut server, 1, &events(&["a", "b", "c"], 9));
        let _p1 = zero_based(&mut server, 1, &events(&["d"], 9));
        let client = client(&server);
        let ids: Vec<String> = Pager::<types::Event>::new(&client, &zero_based_op(), 5)
            .unwrap()
            .map(|e| e.unwrap().id)
            .collect();
        assert_eq!(ids, ["a", "b", "c", "d"]);
        again.assert();

        let mut server = mockito::Server::new();
        let _p0 = zero_based(&mut server, 0, &events(&["a", "b", "c"], 9));
        let stuck = zero_based(&mut server, 1, &events(&["a", "b", "c"], 9)).expect(3);
        let client = client_for_server(&server);
        let mut pager = Pager::<types::Event>::new(&client, &zero_based_op(), 5).unwrap();
        let results: Vec<_> = pager.by_ref().collect();
        assert_eq!(results.len(), 4);
        assert!(
            matches!(results[3], Err(Error::Paging { .. })),
            "{results:?}"
        );
        assert_eq!((pager.cursor().page, pager.cursor().done), (Some(1), false));
        stuck.assert();
    }
}
