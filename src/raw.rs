//! The escape hatch: any method and path on the console or a discovered service, with auth,
//! retries, the rate limit and typed errors applied.

use std::io::Read;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::request::Prepared;
use crate::transport::{self, RawResponse};
use crate::{AuthScheme, Client, Error, Host, Method, ResponseKind, Result};

/// A request built by hand. Get one from [`Client::raw`].
///
/// ```no_run
/// # let client = code42::Client::builder("h").api_client("k", "s").build()?;
/// use code42::{Host, Method};
/// let orgs: serde_json::Value = client
///     .raw(Method::Get, Host::Console, "/api/v1/Org")
///     .query("pgSize", "10")
///     .json()?;
/// # Ok::<(), code42::Error>(())
/// ```
#[derive(Debug)]
#[must_use = "a raw request does nothing until it is sent"]
pub struct RawRequest {
    client: Client,
    prepared: Prepared,
    error: Option<Error>,
}

impl Client {
    /// A request to `path` (absolute, e.g. `/api/v1/Org`) on `host`, sent with the bearer
    /// token. GET, PUT and DELETE are retried after server errors; POST is not unless
    /// [`RawRequest::idempotent`] says so.
    pub fn raw(&self, method: Method, host: Host, path: &str) -> RawRequest {
        let error = (!path.starts_with('/'))
            .then(|| Error::invalid("path", format!("`{path}` must start with `/`")));
        RawRequest {
            client: self.clone(),
            prepared: Prepared {
                operation: "raw",
                method,
                host,
                auth: AuthScheme::Bearer,
                idempotent: matches!(method, Method::Get | Method::Put | Method::Delete),
                response: ResponseKind::Json,
                path: path.to_owned(),
                query: Vec::new(),
                headers: Vec::new(),
                body: None,
                url: None,
            },
            error,
        }
    }

    /// A request to an absolute URL, allowed only on the console or a service discovered from
    /// it: the bearer token never goes anywhere else.
    pub fn raw_url(&self, method: Method, url: &str) -> RawRequest {
        let mut request = self.raw(method, Host::Console, "/");
        request.error = (!self.is_trusted_url(url)).then(|| {
            Error::invalid(
                "url",
                format!("`{url}` is neither the console nor a discovered service; the token is not sent there"),
            )
        });
        request.prepared.url = Some(url.to_owned());
        request
    }
}

impl RawRequest {
    /// Adds a query parameter.
    pub fn query(mut self, name: &str, value: impl Into<String>) -> Self {
        self.prepared.query.push((name.to_owned(), value.into()));
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.prepared.headers.push((name.to_owned(), value.into()));
        self
    }

    /// Sets a JSON body.
    pub fn body(mut self, body: &impl Serialize) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.prepared.body = Some(bytes),
            Err(e) => self.error = Some(Error::invalid("body", e.to_string())),
        }
        self
    }

    /// Declares whether repeating the request is harmless (a POST that only reads).
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.prepared.idempotent = idempotent;
        self
    }

    /// Sends it and decodes the JSON response (`serde_json::Value` for anything).
    pub fn json<T: DeserializeOwned>(self) -> Result<T> {
        let (client, prepared) = self.ready()?;
        let body = client.send(&prepared, transport::read_all)?;
        client.decode(&prepared, &body)
    }

    /// Sends it and returns the body as text.
    pub fn text(mut self) -> Result<String> {
        self.prepared.response = ResponseKind::Text;
        let (client, prepared) = self.ready()?;
        let body = client.send(&prepared, transport::read_all)?;
        client.decode(&prepared, &body)
    }

    /// Sends it and returns the body as a reader, for large or binary responses.
    pub fn reader(mut self) -> Result<ResponseBody> {
        self.prepared.response = ResponseKind::Stream;
        let (client, prepared) = self.ready()?;
        client.send(&prepared, |response, url| {
            Ok(ResponseBody::new(response, prepared.method.as_str(), url))
        })
    }

    /// Sends it, ignoring any response body.
    pub fn send(mut self) -> Result<()> {
        self.prepared.response = ResponseKind::Empty;
        let (client, prepared) = self.ready()?;
        client.send(&prepared, transport::read_all).map(drop)
    }

    fn ready(self) -> Result<(Client, Prepared)> {
        match self.error {
            Some(e) => Err(e),
            None => Ok((self.client, self.prepared)),
        }
    }
}

/// A streamed response body: read it, or [`copy_to`](ResponseBody::copy_to) a writer.
///
/// It is not size-limited (the caller decides where it goes), but it is checked for
/// truncation: a body that ends before its `Content-Length` is an error (an
/// [`std::io::ErrorKind::UnexpectedEof`] from `read`, [`Error::Transport`] from `copy_to`),
/// never a silently short file.
pub struct ResponseBody {
    reader: Box<dyn Read + Send>,
    method: &'static str,
    url: String,
    /// `Content-Length` of an uncompressed body.
    expected: Option<u64>,
    read: u64,
}

impl ResponseBody {
    pub(crate) fn new(response: RawResponse, method: &'static str, url: &str) -> Self {
        let compressed = transport::header(&response, "content-encoding").is_some();
        let expected = transport::header(&response, "content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|_| !compressed);
        ResponseBody {
            reader: Box::new(response.into_body().into_reader()),
            method,
            url: url.to_owned(),
            expected,
            read: 0,
        }
    }

    /// Copies the whole body to `out` without holding it in memory; returns the byte count.
    /// A failure to read (or a body shorter than its `Content-Length`) is
    /// [`Error::Transport`] (or [`Error::Timeout`]); a failure to write is [`Error::Io`].
    pub fn copy_to(mut self, out: &mut impl std::io::Write) -> Result<u64> {
        let mut buffer = vec![0u8; 64 * 1024];
        let mut total = 0u64;
        loop {
            let n = match self.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(crate::transport::map_ureq_error(
                        ureq::Error::Io(e),
                        self.method,
                        &self.url,
                    ));
                }
            };
            out.write_all(buffer.get(..n).unwrap_or_default())?;
            total += n as u64;
        }
        out.flush()?;
        Ok(total)
    }
}

impl Read for ResponseBody {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.reader.read(buf)?;
        self.read = self.read.saturating_add(n as u64);
        if n == 0
            && !buf.is_empty()
            && let Some(expected) = self.expected.filter(|&e| self.read < e)
        {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!(
                    "the body ended after {} of the {expected} bytes its Content-Length announced",
                    self.read
                ),
            ));
        }
        Ok(n)
    }
}

impl std::fmt::Debug for ResponseBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseBody")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}
