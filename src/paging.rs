//! Lazy listings: [`Pager`] walks a page-number or page-token API as an iterator of typed
//! items, driven by the operation's `x-code42-paging` metadata.
//!
//! Each page body is read whole (a page that fails half-way is fetched again, so no item is
//! repeated or skipped), its item list is located as raw JSON slices in one pass over the body,
//! and one item is typed per `next()`: the page is never decoded into a `Vec` up front. With
//! [`Pager::prefetch`], the next page is fetched on a background thread while the caller works
//! through the current one; at most one page body is held plus the one being fetched.

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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// The paged operation, checked on resume.
    pub operation: String,
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
    /// Whether the listing is finished.
    pub done: bool,
}

/// A lazy iterator over every item of a paged listing.
///
/// ```no_run
/// # let client = code42::Client::builder("h").api_client("k", "s").build()?;
/// let mut users = client.users().list(code42::users::UserFilter::new().active(true))?;
/// for user in users.by_ref().take(10) {
///     println!("{}", user?.username);
/// }
/// let cursor = users.cursor(); // save it; `Pager::resume` continues from here
/// # Ok::<(), code42::Error>(())
/// ```
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
    previous_fingerprint: Option<u64>,
    _item: PhantomData<fn() -> T>,
}

/// Everything a page request needs; shared with the prefetch thread.
struct Fetcher {
    client: Client,
    request: Prepared,
    body: Option<serde_json::Map<String, serde_json::Value>>,
    spec: PagingSpec,
    page_size: u32,
    /// How a token is written into the request (file events escape quotes like py42).
    encode_token: Option<fn(&str) -> String>,
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
            operation: self.fetcher.request.operation.to_owned(),
            page: None,
            token: None,
            skip: 0,
            page_size: self.fetcher.page_size,
            done: false,
        };
        if let Some(path) = self.item_token {
            let after_item = match &self.current {
                Some(p) if p.next > 0 => p.item_token(p.next - 1, path),
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

impl<T: DeserializeOwned> Pager<T> {
    /// A pager over `op`, `page_size` items a page.
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
        Ok(Pager {
            fetcher: Arc::new(Fetcher {
                client: client.clone(),
                request,
                body,
                spec,
                page_size,
                encode_token: None,
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
            previous_fingerprint: None,
            _item: PhantomData,
        })
    }

    /// Continues a listing of `op` from a [`Cursor`] taken earlier, with the cursor's page size.
    pub fn resume<O: Operation>(client: &Client, op: &O, cursor: &Cursor) -> Result<Pager<T>> {
        if cursor.operation != O::OPERATION_ID {
            return Err(Error::invalid(
                "cursor",
                format!(
                    "it belongs to {}, not {}",
                    cursor.operation,
                    O::OPERATION_ID
                ),
            ));
        }
        let mut pager = Pager::new(client, op, cursor.page_size)?;
        match pager.fetcher.spec.style {
            PagingStyle::PageNumber => {
                pager.next_page = cursor.page.ok_or_else(|| {
                    Error::invalid("cursor", "no page number for a page-number listing")
                })?;
            }
            _ => pager.next_token = cursor.token.clone(),
        }
        pager.skip_on_fetch = cursor.skip;
        pager.done = cursor.done;
        Ok(pager)
    }

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

    /// Decides what comes after `page`, and guards against a server that repeats itself.
    fn after_fetch(&mut self, page: &mut Page) {
        let spec = self.fetcher.spec;
        let page_size = u64::from(self.fetcher.page_size);
        let count = page.items.len() as u64;
        let short = count < page_size;
        // Page numbers: everything up to this page's end, against the reported total.
        let before = page.page.saturating_sub(u64::from(spec.first)) * page_size;
        let past_total = page.total.is_some_and(|t| before + count >= t);
        match spec.style {
            PagingStyle::PageNumber => {
                self.next_page += 1;
                self.last_page = count == 0 || short || past_total;
            }
            _ => {
                self.last_page = count == 0 || page.next_token.as_deref().is_none_or(str::is_empty);
                self.next_token = page.next_token.clone();
            }
        }
        let skip = usize::try_from(self.skip_on_fetch).unwrap_or(usize::MAX);
        page.next = skip.min(page.items.len());
        self.skip_on_fetch = 0;
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

    fn fail(&mut self, error: Error) -> Option<Result<T>> {
        self.done = true;
        self.current = None;
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
                    // A token replaces the page number.
                    body.remove(spec.page);
                    body.insert(name.to_owned(), token.into());
                }
                request.body = Some(
                    serde_json::to_vec(&body).map_err(|e| Error::invalid("body", e.to_string()))?,
                );
            }
        }
        let mut buffer = buffer;
        let bytes = self.client.send(&request, |response, _| {
            read_page(response, buffer.take().unwrap_or_default())
        })?;
        let body = crate::error::body_text(request.operation, bytes)?;
        let located = locate(&body, &spec, request.operation)?;
        Ok(Page {
            items: located.items,
            next: 0,
            page: position.page,
            token: position.token.clone(),
            total: located.total,
            next_token: located.next_token,
            body,
        })
    }
}

impl Page {
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
        loop {
            if let Some(page) = &mut self.current {
                if let Some(range) = page.items.get(page.next).cloned() {
                    let index = page.next;
                    page.next += 1;
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
            let operation = self.fetcher.request.operation;
            let fingerprint = Self::fingerprint(&page);
            let token_stuck = self.fetcher.spec.style == PagingStyle::Token
                && page.token.is_some()
                && !page.items.is_empty()
                && page.next_token.as_deref().is_some_and(|t| !t.is_empty())
                && page.next_token == page.token;
            if token_stuck {
                return self.fail(Error::Paging {
                    operation,
                    reason: "the server answered a page token with the same token".into(),
                    source: None,
                });
            }
            if fingerprint.is_some() && fingerprint == self.previous_fingerprint {
                return self.fail(Error::Paging {
                    operation,
                    reason: "the server sent the same page twice in a row".into(),
                    source: None,
                });
            }
            self.previous_fingerprint = fingerprint;
            self.after_fetch(&mut page);
            self.current = Some(page);
            self.start_prefetch();
        }
    }
}

/// Whole pages of a [`Pager`].
#[derive(Debug)]
pub struct Pages<T>(Pager<T>);

impl<T: DeserializeOwned> Iterator for Pages<T> {
    type Item = Result<Vec<T>>;
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next_page()
    }
}

struct Located {
    items: Vec<Range<usize>>,
    total: Option<u64>,
    next_token: Option<String>,
}

/// Finds the item list (as byte ranges of `body`), the total and the next token, in one pass
/// over the body.
fn locate(body: &str, spec: &PagingSpec, operation: &'static str) -> Result<Located> {
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
                    let start = item.get().as_ptr() as usize - base;
                    start..start + item.get().len()
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
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let matching: Vec<usize> = live
                .iter()
                .copied()
                .filter(|i| targets[*i].0.get(depth) == Some(&key.as_ref()))
                .collect();
            let leaf = matching
                .iter()
                .find(|i| targets[**i].0.len() == depth + 1)
                .map(|i| targets[*i].1);
            match leaf {
                None if matching.is_empty() => {
                    map.next_value::<IgnoredAny>()?;
                }
                None => map.next_value_seed(Level {
                    targets,
                    live: matching,
                    depth: depth + 1,
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
                        .filter(|i| targets[*i].0.len() > depth + 1)
                        .collect();
                    if !deeper.is_empty() {
                        let mut de = serde_json::Deserializer::from_str(raw.get());
                        Level {
                            targets,
                            live: deeper,
                            depth: depth + 1,
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
            body: types::Query {
                filter: Some("x".into()),
                extra: Default::default(),
            },
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
        let resumed: Vec<String> = Pager::<types::Event>::resume(&client, &query, &cursor)
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
            body: types::Query {
                filter: Some("x".into()),
                extra: Default::default(),
            },
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
            body: types::Query {
                filter: None,
                extra: [("pgNum".to_owned(), serde_json::json!(1))]
                    .into_iter()
                    .collect(),
            },
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
            body: types::Query {
                filter: Some("x".into()),
                extra: Default::default(),
            },
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

        let resumed: Vec<String> = Pager::<types::Event>::resume(&client, &query, &after_a)
            .unwrap()
            .item_token("id")
            .map(|e| e.unwrap().id)
            .collect();
        assert_eq!(resumed, ["b"]);
        // After the end: asks for what came after the last event (nothing yet).
        let mut later = Pager::<types::Event>::resume(&client, &query, &end)
            .unwrap()
            .item_token("id");
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
            body: types::Query {
                filter: None,
                extra: Default::default(),
            },
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
            body: types::Query {
                filter: None,
                extra: Default::default(),
            },
        };
        let results: Vec<_> = Pager::<types::Event>::new(&client(&server), &query, 2)
            .unwrap()
            .collect();
        assert!(
            matches!(results.last(), Some(Err(Error::Paging { .. }))),
            "{results:?}"
        );
        assert_eq!(
            results.len(),
            3,
            "a, b, then the error instead of c, d forever"
        );
    }
}
