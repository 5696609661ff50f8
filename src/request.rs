//! [`Prepared`]: one request, ready to be sent as many times as retries need.

use std::fmt;

use crate::{AuthScheme, Host, Method, Operation, ResponseKind, Result};

/// A request with its parameters substituted and its body serialised once, so every attempt
/// sends the same bytes.
#[derive(Clone)]
pub(crate) struct Prepared {
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    pub(crate) host: Host,
    pub(crate) auth: AuthScheme,
    pub(crate) idempotent: bool,
    pub(crate) response: ResponseKind,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Vec<u8>>,
    /// An absolute URL replacing host + path (checked against trusted origins by its maker).
    pub(crate) url: Option<String>,
}

impl Prepared {
    /// Prepares a generated operation.
    pub(crate) fn from_operation<O: Operation>(op: &O) -> Result<Prepared> {
        let mut query = Vec::new();
        op.query(&mut query);
        let mut headers = Vec::new();
        op.headers(&mut headers);
        let body = match op.body() {
            Some(body) => Some(serde_json::to_vec(body).map_err(|e| {
                crate::Error::invalid("body", format!("cannot be serialised as JSON: {e}"))
            })?),
            None => None,
        };
        Ok(Prepared {
            operation: O::OPERATION_ID,
            method: O::METHOD,
            host: O::HOST,
            auth: O::AUTH,
            idempotent: O::IDEMPOTENT,
            response: O::RESPONSE,
            path: op.path(),
            query: query.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
            headers: headers
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            body,
            url: None,
        })
    }

    /// What `Accept` says for this response kind.
    pub(crate) fn accept(&self) -> &'static str {
        match self.response {
            ResponseKind::Json | ResponseKind::Empty => "application/json",
            _ => "*/*",
        }
    }

    /// Sets (or replaces) a query parameter.
    pub(crate) fn set_query(&mut self, name: &str, value: String) {
        self.query.retain(|(k, _)| k != name);
        self.query.push((name.to_owned(), value));
    }

    /// The query string, percent-encoded (without the `?`).
    pub(crate) fn query_string(&self) -> String {
        let mut out = String::new();
        for (i, (k, v)) in self.query.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(&crate::encode_path_segment(k));
            out.push('=');
            out.push_str(&crate::encode_path_segment(v));
        }
        out
    }
}

/// Headers whose values are never shown.
pub(crate) fn is_sensitive_header(name: &str) -> bool {
    [
        "authorization",
        "totp-auth",
        "cookie",
        "set-cookie",
        "x-api-key",
        "proxy-authorization",
    ]
    .iter()
    .any(|s| name.eq_ignore_ascii_case(s))
}

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let shown = if is_sensitive_header(k) {
                    "[redacted]"
                } else {
                    v.as_str()
                };
                (k.as_str(), shown)
            })
            .collect();
        f.debug_struct("Prepared")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("host", &self.host)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body_bytes", &self.body.as_ref().map(Vec::len))
            .finish_non_exhaustive()
    }
}
