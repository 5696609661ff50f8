//! HTTP plumbing shared by the route modules: the decoded request, the reply, the route table
//! and how a reply is written on the wire.

use std::io::{Read, Write};

use serde::Serialize;

use super::Shared;
use super::auth::Principal;

/// Largest request body the fake reads (bigger bodies get 413).
const MAX_BODY: u64 = 64 << 20;

/// A request as the handlers see it: everything read and decoded up front.
#[derive(Clone, Debug)]
pub(crate) struct Incoming {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path as sent, without the query string.
    pub path: String,
    /// Query pairs, percent-decoded (`+` is a space), in order.
    pub query: Vec<(String, String)>,
    /// Header names and values as sent, in order.
    pub headers: Vec<(String, String)>,
    /// The body, as bytes.
    pub body: Vec<u8>,
}

impl Incoming {
    /// Reads a tiny_http request: target, headers and the whole body. `Err` is the reply to send
    /// when the body cannot be read.
    pub fn read(rq: &mut tiny_http::Request) -> Result<Incoming, Reply> {
        let (path, query) = split_target(rq.url());
        let headers = rq
            .headers()
            .iter()
            .map(|h| {
                (
                    h.field.as_str().as_str().to_owned(),
                    h.value.as_str().to_owned(),
                )
            })
            .collect();
        let method = rq.method().as_str().to_owned();
        let mut body = Vec::new();
        let read = rq.as_reader().take(MAX_BODY + 1).read_to_end(&mut body);
        let incoming = Incoming {
            method,
            path,
            query,
            headers,
            body,
        };
        match read {
            Err(e) => {
                log::debug!("fake tenant: reading a request body failed: {e}");
                Err(Reply::system_error(
                    400,
                    "The request body could not be read",
                ))
            }
            Ok(_) if incoming.body.len() as u64 > MAX_BODY => {
                Err(Reply::system_error(413, "The request body is too large"))
            }
            Ok(_) => Ok(incoming),
        }
    }

    /// The first header with this name (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first query parameter with this name (exact).
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Splits a request target into its path and decoded query pairs.
pub(crate) fn split_target(target: &str) -> (String, Vec<(String, String)>) {
    match target.split_once('?') {
        Some((path, query)) => (path.to_owned(), parse_query(query)),
        None => (target.to_owned(), Vec::new()),
    }
}

/// Decodes `a=1&b=x+y%40z` form-style; pairs without `=` get an empty value.
pub(crate) fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect()
}

/// Percent-decodes `text` (invalid escapes are kept literally, invalid UTF-8 is replaced);
/// with `plus_is_space`, `+` decodes to a space as in forms.
pub(crate) fn percent_decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' if plus_is_space => out.push(b' '),
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `true`/`false` in any letter case (Code42 documents `true`, py42 sends `True`).
pub(crate) fn parse_bool(value: &str) -> Option<bool> {
    if value.eq_ignore_ascii_case("true") {
        Some(true)
    } else if value.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// A generated wire type built from JSON (the fake builds them this way: generated structs are
/// not built by literal outside `code42`); `None` if the JSON does not fit the type.
pub(crate) fn wire<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Option<T> {
    match serde_json::from_value(value) {
        Ok(v) => Some(v),
        Err(e) => {
            log::error!("fake tenant: built JSON does not fit its wire type: {e}");
            None
        }
    }
}

/// What a handler answers.
#[derive(Clone, Debug)]
pub(crate) struct Reply {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type` (omitted when empty).
    pub content_type: &'static str,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// `value` as JSON (a 500 if it cannot be serialised, which the wire types never do).
    pub fn json<T: Serialize + ?Sized>(status: u16, value: &T) -> Reply {
        match serde_json::to_vec(value) {
            Ok(body) => Reply {
                status,
                content_type: "application/json",
                headers: Vec::new(),
                body,
            },
            Err(e) => {
                log::error!("fake tenant: could not serialise a response: {e}");
                Reply::system_error(500, "The fake tenant could not serialise its response")
            }
        }
    }

    /// A plain-text body.
    pub fn text(status: u16, text: impl Into<String>) -> Reply {
        Reply {
            status,
            content_type: "text/plain",
            headers: Vec::new(),
            body: text.into().into_bytes(),
        }
    }

    /// The console's error shape: `[{"name":"SYSTEM","description":"…"}]`.
    pub fn system_error(status: u16, description: &str) -> Reply {
        Reply::json(
            status,
            &serde_json::json!([{ "name": "SYSTEM", "description": description }]),
        )
    }

    /// The same reply with one more header.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Status line and headers, announcing `content_length` body bytes.
    pub fn head(&self, content_length: usize) -> Vec<u8> {
        let reason = tiny_http::StatusCode(self.status).default_reason_phrase();
        let mut head = format!("HTTP/1.1 {} {reason}\r\n", self.status);
        if !self.content_type.is_empty() {
            head.push_str("Content-Type: ");
            head.push_str(self.content_type);
            head.push_str("\r\n");
        }
        for (name, value) in &self.headers {
            // Header values come from the fake itself; strip line breaks all the same.
            let value: String = value.chars().filter(|c| *c != '\r' && *c != '\n').collect();
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {content_length}\r\n\r\n"));
        head.into_bytes()
    }

    /// The whole response, head and body, as one buffer (written with one call, so no
    /// header/body split meets Nagle's algorithm).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = self.head(self.body.len());
        bytes.extend_from_slice(&self.body);
        bytes
    }

    /// The head announcing the full body, then only the first half of the body.
    pub fn truncated_bytes(&self) -> Vec<u8> {
        // An empty body cannot be cut short; announce one byte that never comes.
        let announced = self.body.len().max(1);
        let mut bytes = self.head(announced);
        bytes.extend_from_slice(self.body.get(..self.body.len() / 2).unwrap_or_default());
        bytes
    }

    /// Sends this reply on the request's connection, which stays open for the next request
    /// (the head only for `HEAD`).
    pub fn send(&self, rq: tiny_http::Request) {
        let bytes = if *rq.method() == tiny_http::Method::Head {
            self.head(self.body.len())
        } else {
            self.to_bytes()
        };
        let mut writer = rq.into_writer();
        let result = writer.write_all(&bytes).and_then(|()| writer.flush());
        if let Err(e) = result {
            log::debug!("fake tenant: writing a response failed: {e}");
        }
    }
}

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    /// Anyone (token endpoints check Basic credentials themselves; the key-value store is open).
    Public,
    /// A console bearer token the fake issued and that has not expired (a gateway token is
    /// refused: tokens never cross planes).
    Bearer,
    /// An API-gateway bearer token (`POST /v1/oauth`) the fake issued and that has not expired
    /// (a console token is refused).
    Gateway,
}

/// A route handler.
pub(crate) type Handler = fn(&Ctx<'_>) -> Reply;

/// What a handler gets.
pub(crate) struct Ctx<'a> {
    /// The tenant's state and configuration.
    pub tenant: &'a Shared,
    /// The request.
    pub req: &'a Incoming,
    /// Path parameters by name, percent-decoded.
    pub params: Vec<(&'static str, String)>,
    /// The caller, for [`Access::Bearer`] routes.
    pub principal: Option<Principal>,
}

impl Ctx<'_> {
    /// The JSON body as an object, or the console's 400.
    pub fn json_object(&self) -> Result<serde_json::Map<String, serde_json::Value>, Reply> {
        match serde_json::from_slice(&self.req.body) {
            Ok(serde_json::Value::Object(map)) => Ok(map),
            _ => Err(Reply::system_error(
                400,
                "The request body must be a JSON object",
            )),
        }
    }

    /// Where a page-number listing on this path starts its window of items, given where it
    /// would start (`skip`): moved by the injected [`FaultRule::shift`](crate::FaultRule::shift)s.
    pub fn shifted(&self, skip: usize) -> usize {
        let shift = self.tenant.shift(&self.req.path);
        let skip = i64::try_from(skip).unwrap_or(i64::MAX);
        usize::try_from(skip.saturating_add(shift).max(0)).unwrap_or(usize::MAX)
    }

    /// A path parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Debug)]
enum Segment {
    Literal(String),
    Param(&'static str),
}

/// One method + path pattern (`/api/v1/User/{userId}`) and its handler.
#[derive(Clone)]
pub(crate) struct Route {
    method: &'static str,
    segments: Vec<Segment>,
    access: Access,
    handler: Handler,
}

impl Route {
    /// A route; `pattern` segments in braces match any one non-empty segment.
    pub fn new(
        method: &'static str,
        pattern: &'static str,
        access: Access,
        handler: Handler,
    ) -> Route {
        let segments = pattern
            .split('/')
            .skip(1)
            .map(
                |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(name) => Segment::Param(name),
                    None => Segment::Literal(s.to_owned()),
                },
            )
            .collect();
        Route {
            method,
            segments,
            access,
            handler,
        }
    }

    /// A `GET` route.
    pub fn get(pattern: &'static str, access: Access, handler: Handler) -> Route {
        Route::new("GET", pattern, access, handler)
    }

    /// A `POST` route.
    pub fn post(pattern: &'static str, access: Access, handler: Handler) -> Route {
        Route::new("POST", pattern, access, handler)
    }

    /// The same route mounted under `prefix` (`/svc/alertservice-api_url`).
    pub fn under(mut self, prefix: &str) -> Route {
        let mut segments: Vec<Segment> = prefix
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| Segment::Literal(s.to_owned()))
            .collect();
        segments.append(&mut self.segments);
        self.segments = segments;
        self
    }

    /// Who may call it.
    pub fn access(&self) -> Access {
        self.access
    }

    /// Its handler.
    pub fn handler(&self) -> Handler {
        self.handler
    }

    fn capture(&self, path: &[&str]) -> Option<Vec<(&'static str, String)>> {
        if path.len() != self.segments.len() {
            return None;
        }
        let mut params = Vec::new();
        for (seg, part) in self.segments.iter().zip(path) {
            match seg {
                Segment::Literal(lit) if lit == part => {}
                Segment::Param(name) if !part.is_empty() => {
                    params.push((*name, percent_decode(part, false)));
                }
                _ => return None,
            }
        }
        Some(params)
    }
}

/// The outcome of looking a request up in a route table.
pub(crate) enum Lookup<'r> {
    /// A route and its path parameters.
    Found(&'r Route, Vec<(&'static str, String)>),
    /// The path exists, with these methods only.
    WrongMethod(Vec<&'static str>),
    /// No route has this path.
    NotFound,
}

/// The first route (in table order) matching `method` and `path`.
pub(crate) fn lookup<'r>(routes: &'r [Route], method: &str, path: &str) -> Lookup<'r> {
    let Some(rest) = path.strip_prefix('/') else {
        return Lookup::NotFound;
    };
    let parts: Vec<&str> = rest.split('/').collect();
    let mut allowed = Vec::new();
    for route in routes {
        if let Some(params) = route.capture(&parts) {
            if route.method == method {
                return Lookup::Found(route, params);
            }
            if !allowed.contains(&route.method) {
                allowed.push(route.method);
            }
        }
    }
    if allowed.is_empty() {
        Lookup::NotFound
    } else {
        Lookup::WrongMethod(allowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(_: &Ctx<'_>) -> Reply {
        Reply::text(200, "ok")
    }

    #[test]
    fn query_decoding() {
        assert_eq!(
            split_target("/a/b?x=1&username=a+b%40x.com&flag&&e="),
            (
                "/a/b".to_owned(),
                vec![
                    ("x".into(), "1".into()),
                    ("username".into(), "a b@x.com".into()),
                    ("flag".into(), "".into()),
                    ("e".into(), "".into()),
                ]
            )
        );
        assert_eq!(percent_decode("%zz%4", true), "%zz%4");
        assert_eq!(percent_decode("a+b", false), "a+b");
    }

    #[test]
    fn routing() {
        let routes = vec![
            Route::get("/api/v1/User/my", Access::Bearer, ok),
            Route::get("/api/v1/User/{userId}", Access::Bearer, ok),
            Route::get("/v1/{key}", Access::Public, ok).under("/kv"),
        ];
        match lookup(&routes, "GET", "/api/v1/User/a%20b") {
            Lookup::Found(_, params) => assert_eq!(params, vec![("userId", "a b".to_owned())]),
            _ => panic!("not found"),
        }
        assert!(
            matches!(lookup(&routes, "GET", "/api/v1/User/my"), Lookup::Found(r, p) if p.is_empty() && r.access() == Access::Bearer)
        );
        assert!(
            matches!(lookup(&routes, "POST", "/api/v1/User/7"), Lookup::WrongMethod(m) if m == ["GET"])
        );
        assert!(matches!(
            lookup(&routes, "GET", "/api/v1/User/"),
            Lookup::NotFound
        ));
        assert!(matches!(
            lookup(&routes, "GET", "/kv/v1/KEY"),
            Lookup::Found(..)
        ));
        assert!(matches!(
            lookup(&routes, "GET", "http://x/kv/v1/KEY"),
            Lookup::NotFound
        ));
    }

    #[test]
    fn truncated_reply_announces_the_full_length() {
        let reply = Reply::text(200, "0123456789");
        let bytes = String::from_utf8(reply.truncated_bytes()).unwrap();
        assert!(bytes.contains("Content-Length: 10\r\n\r\n01234"));
        assert!(bytes.ends_with("\r\n\r\n01234"));
    }
}
