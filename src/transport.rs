//! The HTTP layer: one shared ureq `Agent`; statuses are read, never turned into errors;
//! bodies the SDK buffers are capped (after decompression), streamed bodies are not; requests
//! are logged through `log` with secrets redacted.

use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

use ureq::Agent;
use ureq::http;

use crate::config::{ProxySetting, Settings};
use crate::request::Prepared;
use crate::{Error, Method, Result, Secret};

/// A response with a status; its body not read yet.
pub(crate) type RawResponse = http::Response<ureq::Body>;

#[derive(Clone, Debug)]
pub(crate) struct Transport {
    agent: Agent,
}

impl Transport {
    pub(crate) fn new(settings: &Settings) -> Result<Transport> {
        let mut config = Agent::config_builder()
            .http_status_as_error(false)
            // A redirect could carry the bearer token to a host nobody vetted: never follow one.
            .max_redirects(0)
            .user_agent(settings.user_agent.as_str())
            .timeout_connect(Some(settings.connect_timeout))
            .timeout_recv_response(Some(settings.read_timeout))
            .timeout_per_read(Some(settings.read_timeout))
            .timeout_global(Some(settings.overall_timeout));
        match &settings.proxy {
            Some(ProxySetting::Off) => config = config.proxy(None),
            Some(ProxySetting::Url(url)) => {
                let proxy = ureq::Proxy::new(url)
                    .map_err(|e| Error::invalid("proxy", format!("`{url}`: {e}")))?;
                config = config.proxy(Some(proxy));
            }
            None => {} // ureq reads HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY
        }
        if let Some(roots) = root_certs(settings)? {
            let tls = ureq::tls::TlsConfig::builder().root_certs(roots).build();
            config = config.tls_config(tls);
        }
        Ok(Transport {
            agent: config.build().into(),
        })
    }

    /// Sends one attempt. `url` may carry a query string of its own (an absolute URL from a
    /// response); `authorization` is the full header value.
    pub(crate) fn send(
        &self,
        request: &Prepared,
        url: &str,
        authorization: Option<&Secret>,
    ) -> Result<RawResponse> {
        let query = request.query_string();
        let uri = if query.is_empty() {
            url.to_owned()
        } else if url.contains('?') {
            format!("{url}&{query}")
        } else {
            format!("{url}?{query}")
        };
        let mut builder = http::Request::builder()
            .method(request.method.as_str())
            .uri(&uri)
            .header("Accept", request.accept());
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(value) = authorization {
            builder = builder.header("Authorization", value.expose());
        }
        // Errors show the URL without its query string (it may carry a token).
        let url = url.split_once('?').map_or(url, |(base, _)| base);
        let transport_error = |message: String| Error::Transport {
            method: request.method.as_str(),
            url: url.to_owned(),
            message,
            source: None,
        };
        let result = match (&request.body, request.method) {
            (Some(body), _) => {
                let req = builder
                    .header("Content-Type", "application/json")
                    .body(body.as_slice())
                    .map_err(|e| transport_error(format!("cannot build the request: {e}")))?;
                self.agent.run(req)
            }
            (None, Method::Post | Method::Put | Method::Patch) => {
                let req = builder
                    .body(&[][..])
                    .map_err(|e| transport_error(format!("cannot build the request: {e}")))?;
                self.agent.run(req)
            }
            (None, _) => {
                let req = builder
                    .body(())
                    .map_err(|e| transport_error(format!("cannot build the request: {e}")))?;
                self.agent.run(req)
            }
        };
        result.map_err(|e| map_ureq_error(e, request.method.as_str(), url))
    }
}

/// The trust roots: `None` for ureq's default (the bundled Mozilla roots); the bundled roots
/// plus the extra CA certificates; or, with the `platform-verifier` feature, the operating
/// system's verifier (which cannot take extra certificates: `resolve` rejects the pair).
fn root_certs(settings: &Settings) -> Result<Option<ureq::tls::RootCerts>> {
    if settings.ca_certificates.is_empty() {
        #[cfg(feature = "platform-verifier")]
        return Ok(Some(ureq::tls::RootCerts::PlatformVerifier));
        #[cfg(not(feature = "platform-verifier"))]
        return Ok(None);
    }
    let mut extra = Vec::new();
    for pem in &settings.ca_certificates {
        for item in ureq::tls::parse_pem(pem) {
            match item {
                Ok(ureq::tls::PemItem::Certificate(cert)) => extra.push(cert.to_owned()),
                Ok(_) => {}
                Err(e) => return Err(Error::invalid("ca_certificates_pem", e.to_string())),
            }
        }
    }
    if extra.is_empty() {
        return Err(Error::invalid(
            "ca_certificates_pem",
            "no certificate in the PEM",
        ));
    }
    Ok(Some(ureq::tls::RootCerts::Specific(Arc::new(
        with_bundled_roots(extra),
    ))))
}

/// The bundled Mozilla roots followed by `extra`.
pub(crate) fn with_bundled_roots(
    extra: Vec<ureq::tls::Certificate<'static>>,
) -> Vec<ureq::tls::Certificate<'static>> {
    webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .map(|der| ureq::tls::Certificate::from_der(der.as_ref()))
        .chain(extra)
        .collect()
}

/// ureq errors become [`Error::Timeout`], [`Error::Tls`], [`Error::ResponseTooLarge`] or
/// [`Error::Transport`], keeping the underlying error as the `source()`.
pub(crate) fn map_ureq_error(error: ureq::Error, method: &'static str, url: &str) -> Error {
    let url = url.to_owned();
    match error {
        ureq::Error::Io(e) => map_io_error(e, method, url),
        ureq::Error::Timeout(which) => Error::Timeout {
            method,
            url,
            message: which.to_string(),
            source: Some(Box::new(ureq::Error::Timeout(which))),
        },
        ureq::Error::BodyExceedsLimit(limit) => Error::ResponseTooLarge { method, url, limit },
        ureq::Error::Decompress(format, e) => Error::Transport {
            method,
            url,
            message: format!("{format} decompression failed: {e}"),
            source: Some(Box::new(e)),
        },
        ureq::Error::Rustls(e) => Error::Tls {
            method,
            url,
            message: e.to_string(),
            source: Some(Box::new(e)),
        },
        e @ (ureq::Error::Tls(_) | ureq::Error::Pem(_) | ureq::Error::TlsRequired) => Error::Tls {
            method,
            url,
            message: e.to_string(),
            source: Some(Box::new(e)),
        },
        other => Error::Transport {
            method,
            url,
            message: other.to_string(),
            source: Some(Box::new(other)),
        },
    }
}

/// An I/O error: a ureq error inside is unwrapped; a rustls error inside is a TLS failure;
/// `TimedOut` is a timeout; the rest is a transport error whose source is the I/O error.
fn map_io_error(error: std::io::Error, method: &'static str, url: String) -> Error {
    if error
        .get_ref()
        .is_some_and(|inner| inner.is::<ureq::Error>())
    {
        if let Some(inner) = error.into_inner()
            && let Ok(ureq_error) = inner.downcast::<ureq::Error>()
        {
            return map_ureq_error(*ureq_error, method, &url);
        }
        return Error::Transport {
            method,
            url,
            message: "I/O error".into(),
            source: None,
        };
    }
    if error
        .get_ref()
        .is_some_and(|inner| inner.is::<rustls::Error>())
    {
        return Error::Tls {
            method,
            url,
            message: error.to_string(),
            source: Some(Box::new(error)),
        };
    }
    if error.kind() == std::io::ErrorKind::TimedOut {
        return Error::Timeout {
            method,
            url,
            message: error.to_string(),
            source: Some(Box::new(error)),
        };
    }
    Error::Transport {
        method,
        url,
        message: error.to_string(),
        source: Some(Box::new(error)),
    }
}

/// Caps what can be read from a body the SDK buffers: `limit` bytes after decompression.
/// A `Content-Length` (of an uncompressed body) already over the limit fails before anything
/// is read; otherwise reading past the limit fails (as an I/O error that
/// [`map_ureq_error`] turns into [`Error::ResponseTooLarge`]).
pub(crate) fn limit_body(
    response: RawResponse,
    limit: u64,
    method: &'static str,
    url: &str,
) -> Result<RawResponse> {
    let compressed = header(&response, "content-encoding").is_some();
    let announced = header(&response, "content-length").and_then(|v| v.trim().parse::<u64>().ok());
    if !compressed && announced.is_some_and(|length| length > limit) {
        return Err(Error::ResponseTooLarge {
            method,
            url: url.to_owned(),
            limit,
        });
    }
    Ok(response
        .map(|body| ureq::Body::builder().reader(body.into_with_config().limit(limit).reader())))
}

/// Reads a whole body into memory (callers give it a body capped by [`limit_body`]).
pub(crate) fn read_all(response: RawResponse, _url: &str) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    response.into_body().into_reader().read_to_end(&mut body)?;
    Ok(body)
}

/// Reads at most `limit` bytes of an error body, lossily as text.
pub(crate) fn read_error_body(response: RawResponse, limit: u64) -> String {
    let mut body = Vec::new();
    let _ = response
        .into_body()
        .into_reader()
        .take(limit)
        .read_to_end(&mut body);
    String::from_utf8_lossy(&body).into_owned()
}

/// A header's value as text.
pub(crate) fn header<'a>(response: &'a RawResponse, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Logs one finished attempt; never logs header values, bodies or credentials.
pub(crate) fn log_attempt(request: &Prepared, url: &str, outcome: &str, elapsed: Duration) {
    log::debug!(
        target: "code42::http",
        "{} {} ({}) -> {} in {} ms",
        request.method.as_str(),
        url,
        request.operation,
        outcome,
        elapsed.as_millis()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_ca_certificates_extend_the_bundled_roots() {
        let extra = ureq::tls::Certificate::from_der(b"not really DER").to_owned();
        let roots = with_bundled_roots(vec![extra]);
        let bundled = webpki_root_certs::TLS_SERVER_ROOT_CERTS.len();
        assert!(bundled > 100, "{bundled}");
        assert_eq!(roots.len(), bundled + 1);
        assert_eq!(roots.last().map(|c| c.der()), Some(&b"not really DER"[..]));
    }

    #[test]
    fn a_rustls_error_inside_an_io_error_is_a_tls_failure() {
        let io = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::General("handshake".into()),
        );
        let err = map_ureq_error(ureq::Error::Io(io), "GET", "https://h/x");
        assert!(matches!(err, Error::Tls { .. }), "{err:?}");
        let wrapped = ureq::Error::BodyExceedsLimit(5).into_io();
        let err = map_ureq_error(ureq::Error::Io(wrapped), "GET", "https://h/x");
        assert!(
            matches!(err, Error::ResponseTooLarge { limit: 5, .. }),
            "{err:?}"
        );
    }
}
