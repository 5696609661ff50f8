//! The contract between generated operations (`code42::wire::*::ops`) and the client.
//!
//! Every operation in a spec becomes a request struct implementing [`Operation`]; its
//! `x-code42-*` metadata becomes constants the client reads to decide where the request goes,
//! how it is authenticated, whether it may be retried and how it pages.
//!
//! An ordinary program needs none of this: it calls the service handles
//! ([`Client::users`](crate::Client::users) …). It is public for programs that run a generated
//! operation the facade does not wrap yet ([`Client::execute`](crate::Client::execute)), write
//! generic code over operations, or inject the environment into a builder ([`EnvLookup`]).

use std::fmt::Write as _;

use serde::Serialize;

pub use crate::config::EnvLookup;
use serde::de::DeserializeOwned;

/// HTTP methods used by generated operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// Where an operation is sent (`x-code42-host`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Host {
    /// The console (authority server) the client was built for.
    Console,
    /// The key-value store derived from the console's `stsBaseUrl`.
    KeyValueStore,
    /// A service whose base URL the key-value store holds under this key.
    Service(&'static str),
    /// The Incydr API gateway ([`ClientBuilder::api_url`](crate::ClientBuilder::api_url)).
    Gateway,
}

/// The two planes a client talks to; each has its own rate-limit bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Plane {
    /// The console and the services discovered through it.
    Console,
    /// The Incydr API gateway.
    Gateway,
}

impl Host {
    /// The plane this host belongs to.
    pub(crate) fn plane(self) -> Plane {
        match self {
            Host::Gateway => Plane::Gateway,
            Host::Console | Host::KeyValueStore | Host::Service(_) => Plane::Console,
        }
    }
}

/// How an operation is authenticated (`x-code42-auth`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthScheme {
    /// No `Authorization` header.
    None,
    /// HTTP Basic with the configured credentials (token endpoints only).
    Basic,
    /// The cached bearer token.
    Bearer,
}

/// What a successful response carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResponseKind {
    /// A JSON document decoded into `Operation::Response`.
    Json,
    /// A plain-text body.
    Text,
    /// A byte stream (files, PDF, CSV) the caller reads.
    Stream,
    /// No body of interest.
    Empty,
}

/// How a paged operation pages (`x-code42-paging`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PagingStyle {
    /// Numbered pages.
    PageNumber,
    /// An opaque token taken from the previous page.
    Token,
}

/// Where paging parameters go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParamLocation {
    /// In the query string.
    Query,
    /// In the JSON request body.
    Body,
}

/// Paging metadata of one operation (`x-code42-paging`).
///
/// `items`, `total` and `next` are dotted paths into the response (`data.users`); `id` is a
/// dotted path into one item (`event.id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PagingSpec {
    /// Page numbers or page tokens.
    pub style: PagingStyle,
    /// Number of the first page (0 or 1).
    pub first: u32,
    /// Where the page parameters go.
    pub location: ParamLocation,
    /// Name of the page-number parameter.
    pub page: &'static str,
    /// Name of the page-size parameter.
    pub size: &'static str,
    /// Path of the item list in the response.
    pub items: &'static str,
    /// Path of the total item count in the response, when the API reports one.
    pub total: Option<&'static str>,
    /// Name of the page-token parameter (token paging).
    pub token: Option<&'static str>,
    /// Path of the next page's token in the response (token paging).
    pub next: Option<&'static str>,
    /// The server's page-size cap: a page of this many items is full even when more were
    /// asked for.
    pub max: Option<u32>,
    /// Path, inside an item, of its id (repeated items are recognised by it).
    pub id: Option<&'static str>,
}

/// Static description of one spec operation (see each module's `ops::OPERATIONS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OperationInfo {
    /// The spec's `operationId`.
    pub operation_id: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path with `{placeholders}`.
    pub path_template: &'static str,
    /// Where it is sent.
    pub host: Host,
    /// How it is authenticated.
    pub auth: AuthScheme,
    /// Whether it may be retried after a server error or a broken connection.
    pub idempotent: bool,
    /// How it pages, if it does.
    pub paging: Option<PagingSpec>,
    /// What a successful response carries.
    pub response: ResponseKind,
}

/// Implemented by every generated request struct; run by [`crate::Client::execute`].
pub trait Operation {
    /// The spec's `operationId`.
    const OPERATION_ID: &'static str;
    /// HTTP method.
    const METHOD: Method;
    /// Path with `{placeholders}`.
    const PATH_TEMPLATE: &'static str;
    /// Where it is sent.
    const HOST: Host;
    /// How it is authenticated.
    const AUTH: AuthScheme;
    /// Whether it may be retried after a server error or a broken connection.
    const IDEMPOTENT: bool;
    /// How it pages, if it does.
    const PAGING: Option<PagingSpec>;
    /// What a successful response carries.
    const RESPONSE: ResponseKind;
    /// The JSON request body type (`()` when there is none).
    type Body: Serialize;
    /// The decoded response (`()` for empty and streamed responses).
    type Response: DeserializeOwned;
    /// Path with parameters substituted and percent-encoded.
    fn path(&self) -> String;
    /// Query parameters, in spec order.
    fn query(&self, out: &mut Vec<(&'static str, String)>);
    /// Header parameters, in spec order.
    fn headers(&self, out: &mut Vec<(&'static str, String)>);
    /// The JSON request body, if the operation has one.
    fn body(&self) -> Option<&Self::Body> {
        None
    }
}

/// How a parameter value is written into a path, query string or header.
///
/// Booleans are lower case (`true`), as Code42 documents them.
pub trait ToParam {
    /// The parameter text.
    fn to_param(&self) -> String;
}

macro_rules! to_param_via_display {
    ($($t:ty),*) => {$(
        impl ToParam for $t {
            fn to_param(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
to_param_via_display!(String, bool, i32, i64, u32, u64, f64, crate::Timestamp);

impl<T: ToParam + ?Sized> ToParam for &T {
    fn to_param(&self) -> String {
        (**self).to_param()
    }
}

impl ToParam for crate::Secret {
    fn to_param(&self) -> String {
        self.expose().to_owned()
    }
}

/// Percent-encodes one path segment (everything but RFC 3986 unreserved characters).
pub fn encode_path_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(byte))
            }
            _ => {
                // Writing to a String cannot fail.
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_percent_encoded() {
        assert_eq!(encode_path_segment("a/b c~é"), "a%2Fb%20c~%C3%A9");
    }
}
