//! The HTTP layer: one shared ureq `Agent`; statuses are read, never turned into errors;
//! bodies stream without a size cap; requests are logged through `log` with secrets redacted.

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
        if !settings.ca_certificates.is_empty() {
            let mut certs = Vec::new();
            for pem in &settings.ca_certificates {
                for item in ureq::tls::parse_pem(pem) {
                    match item {
                        Ok(ureq::tls::PemItem::Certificate(cert)) => certs.push(cert.to_owned()),
                        Ok(_) => {}
                        Err(e) => return Err(Error::invalid("ca_certificates_pem", e.to_string())),
                    }
                }
            }
            if certs.is_empty() {
                return Err(Error::invalid(
                    "ca_certificates_pem",
                    "no certificate in the PEM",
                ));
            }
            let tls = ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::Specific(Arc::new(certs)))
                .build();
            config = config.tls_config(tls);
        }
        Ok(Transport {
            agent: config.build().into(),
        })
    }

    /// Sends one attempt. `url` has no query string; `authorization` is the full header value.
    pub(crate) fn send(
        &self,
        request: &Prepared,
        url: &str,
        authorization: Option<&Secret>,
    ) -> Result<RawResponse> {
        let query = request.query_string();
        let uri = if query.is_empty() {
            url.to_owned()
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
        let transport_error = |message: String| Error::Transport {
            method: request.method.as_str(),
            url: url.to_owned(),
            message,
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

/// ureq errors become [`Error::Timeout`] or [`Error::Transport`].
pub(crate) fn map_ureq_error(error: ureq::Error, method: &'static str, url: &str) -> Error {
    match error {
        ureq::Error::Timeout(which) => Error::Timeout {
            method,
            url: url.to_owned(),
            message: which.to_string(),
        },
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => Error::Timeout {
            method,
            url: url.to_owned(),
            message: e.to_string(),
        },
        other => Error::Transport {
            method,
            url: url.to_owned(),
            message: other.to_string(),
        },
    }
}

/// Reads a whole body into memory, however large (no 10 MB cap).
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
