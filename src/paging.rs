//! Lazy listings: [`Pager`] walks a page-number or page-token API as an iterator of typed
//! items, driven by the operation's `x-code42-paging` metadata.
//!
//! Each page body is read whole (a page that fails half-way is fetched again, so no item is
//! repeated or skipped), its item list is located as raw JSON slices, and one item is typed per
//! `next()`: the page is never decoded into a `Vec` up front.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::marker::PhantomData;
use std::ops::Range;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::error::decode_json;
use crate::request::Prepared;
use crate::{Client, Error, Operation, PagingSpec, PagingStyle, ParamLocation, Result, transport};

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
    client: Client,
    request: Prepared,
    body: Option<serde_json::Map<String, serde_json::Value>>,
    spec: PagingSpec,
    page_size: u32,
    /// Position of the page to fetch next.
    next_page: u64,
    next_token: Option<String>,
    /// Items to skip on the next fetched page (resuming).
    skip_on_fetch: u64,
    current: Option<Page>,
    last_page: bool,
    done: bool,
    previous_fingerprint: Option<u64>,
    _item: PhantomData<fn() -> T>,
}

/// One page: its body and where each item lies in it.
struct Page {
    body: String,
    items: Vec<Range<usize>>,
    next: usize,
    page: u64,
    token: Option<String>,
}

impl<T> std::fmt::Debug for Pager<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pager")
            .field("operation", &self.request.operation)
            .field("page_size", &self.page_size)
            .field("cursor", &self.cursor())
            .finish_non_exhaustive()
    }
}

impl<T> Pager<T> {
    /// Where the listing stands: the position of the next item.
    pub fn cursor(&self) -> Cursor {
        let (page, token, skip) = match &self.current {
            Some(p) if p.next < p.items.len() => (p.page, p.token.clone(), p.next as u64),
            _ => (self.next_page, self.next_token.clone(), self.skip_on_fetch),
        };
        Cursor {
            operation: self.request.operation.to_owned(),
            page: (self.spec.style == PagingStyle::PageNumber).then_some(page),
            token: if self.spec.style == PagingStyle::Token {
                token
            } else {
                None
            },
            skip,
            page_size: self.page_size,
            done: self.done
                && self
                    .current
                    .as_ref()
                    .is_none_or(|p| p.next >= p.items.len()),
        }
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
            client: client.clone(),
            request,
            body,
            spec,
            page_size,
            next_page: u64::from(spec.first),
            next_token: None,
            skip_on_fetch: 0,
            current: None,
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
        match pager.spec.style {
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

    fn fetch(&mut self) -> Result<Page> {
        let mut request = self.request.clone();
        let spec = self.spec;
        let page_param = self.next_page;
        match (spec.location, spec.style) {
            (ParamLocation::Query, PagingStyle::PageNumber) => {
                request.set_query(spec.page, page_param.to_string());
                request.set_query(spec.size, self.page_size.to_string());
            }
            (ParamLocation::Query, _) => {
                request.set_query(spec.size, self.page_size.to_string());
                if let (Some(name), Some(token)) = (spec.token, &self.next_token) {
                    request.set_query(name, token.clone());
                }
            }
            (_, style) => {
                let mut body = self.body.clone().unwrap_or_default();
                body.insert(spec.size.to_owned(), self.page_size.into());
                if style == PagingStyle::PageNumber {
                    body.insert(spec.page.to_owned(), page_param.into());
                } else if let Some(name) = spec.token {
                    let token = self
                        .next_token
                        .clone()
                        .map_or(serde_json::Value::Null, Into::into);
                    body.insert(name.to_owned(), token);
                }
                request.body = Some(
                    serde_json::to_vec(&body).map_err(|e| Error::invalid("body", e.to_string()))?,
                );
            }
        }
        let bytes = self.client.send(&request, transport::read_all)?;
        let body = crate::error::body_text(request.operation, bytes)?;
        let located = locate(&body, &spec, request.operation)?;
        Ok(Page {
            items: located.items,
            next: 0,
            page: page_param,
            token: self.next_token.clone(),
            body,
        })
        .map(|mut page| {
            self.after_fetch(&mut page, located.total, located.next_token);
            page
        })
    }

    /// Decides what comes after `page`, and guards against a server that repeats itself.
    fn after_fetch(&mut self, page: &mut Page, total: Option<u64>, next_token: Option<String>) {
        let count = page.items.len() as u64;
        let short = count < u64::from(self.page_size);
        // Page numbers: everything up to this page's end, against the reported total.
        let before =
            page.page.saturating_sub(u64::from(self.spec.first)) * u64::from(self.page_size);
        let past_total = total.is_some_and(|t| before + count >= t);
        match self.spec.style {
            PagingStyle::PageNumber => {
                self.next_page += 1;
                self.last_page = count == 0 || short || past_total;
            }
            _ => {
                self.last_page = count == 0 || next_token.as_deref().is_none_or(str::is_empty);
                self.next_token = next_token;
            }
        }
        let skip = usize::try_from(self.skip_on_fetch).unwrap_or(usize::MAX);
        page.next = skip.min(page.items.len());
        self.skip_on_fetch = 0;
    }

    fn fingerprint(page: &Page) -> Option<u64> {
        let (first, last) = (page.items.first()?, page.items.last()?);
        let mut hasher = DefaultHasher::new();
        page.body.get(first.start..last.end)?.hash(&mut hasher);
        Some(hasher.finish())
    }
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
                    let prefix = format!("{}[{index}]", self.spec.items);
                    return Some(decode_json(self.request.operation, &prefix, text, true));
                }
                if self.last_page {
                    self.done = true;
                }
            }
            if self.done {
                self.current = None;
                return None;
            }
            match self.fetch() {
                Ok(page) => {
                    let fingerprint = Self::fingerprint(&page);
                    let token_stuck = self.spec.style == PagingStyle::Token
                        && !self.last_page
                        && page.token.is_some()
                        && self.next_token == page.token;
                    if token_stuck {
                        self.done = true;
                        self.current = None;
                        return Some(Err(Error::Paging {
                            operation: self.request.operation,
                            reason: "the server answered a page token with the same token".into(),
                        }));
                    }
                    if fingerprint.is_some() && fingerprint == self.previous_fingerprint {
                        self.done = true;
                        self.current = None;
                        return Some(Err(Error::Paging {
                            operation: self.request.operation,
                            reason: "the server sent the same page twice in a row".into(),
                        }));
                    }
                    self.previous_fingerprint = fingerprint;
                    self.current = Some(page);
                }
                Err(e) => {
                    self.done = true;
                    self.current = None;
                    return Some(Err(e));
                }
            }
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

/// Finds the item list (as byte ranges of `body`), the total and the next token.
fn locate(body: &str, spec: &PagingSpec, operation: &'static str) -> Result<Located> {
    let fail = |path: &str, message: String| Error::decode(operation, path, message);
    let root: &RawValue = serde_json::from_str(body).map_err(|e| fail(".", e.to_string()))?;
    let items = match find(root, spec.items).map_err(|m| fail(spec.items, m))? {
        None => return Err(fail(spec.items, "the page has no item list here".into())),
        Some(raw) if raw.get() == "null" => Vec::new(),
        Some(raw) => {
            let list: Vec<&RawValue> =
                serde_json::from_str(raw.get()).map_err(|e| fail(spec.items, e.to_string()))?;
            let base = body.as_ptr() as usize;
            list.iter()
                .map(|item| {
                    let start = item.get().as_ptr() as usize - base;
                    start..start + item.get().len()
                })
                .collect()
        }
    };
    let total = match spec.total {
        Some(path) => find(root, path)
            .map_err(|m| fail(path, m))?
            .and_then(|raw| {
                serde_json::from_str::<Option<u64>>(raw.get())
                    .ok()
                    .flatten()
            }),
        None => None,
    };
    let next_token = match spec.next {
        Some(path) => find(root, path)
            .map_err(|m| fail(path, m))?
            .and_then(|raw| {
                serde_json::from_str::<Option<String>>(raw.get())
                    .ok()
                    .flatten()
            }),
        None => None,
    };
    Ok(Located {
        items,
        total,
        next_token,
    })
}

/// Follows a dotted path of object keys; `None` when a key is missing or a level is null.
fn find<'a>(root: &'a RawValue, path: &str) -> std::result::Result<Option<&'a RawValue>, String> {
    let mut current = root;
    for key in path.split('.') {
        if current.get() == "null" {
            return Ok(None);
        }
        let map: std::collections::HashMap<String, &'a RawValue> =
            serde_json::from_str(current.get()).map_err(|e| format!("expected an object: {e}"))?;
        match map.get(key) {
            Some(next) => current = next,
            None => return Ok(None),
        }
    }
    Ok(Some(current))
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
            page(&mut server, serde_json::Value::Null, &["a", "b"], Some("b")),
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
