//! [`ClientBuilder`]: every setting, with the precedence builder > `CODE42_*` environment >
//! defaults. The environment is read through an injected lookup, never mutated.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::{Credentials, JwtProvider, Totp, TotpCallback};
use crate::clock::{Clock, SystemClock};
use crate::limiter::RateLimit;
use crate::retry::RetryPolicy;
use crate::{Error, Result, Secret};

/// Reads an environment variable by name (`None` when unset).
pub type EnvLookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default read timeout: waiting for response headers, and between two reads of a body.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(60);
/// Default overall timeout of one request, body included.
pub const DEFAULT_OVERALL_TIMEOUT: Duration = Duration::from_secs(300);
/// Default cap on a response body the SDK buffers or decodes (JSON responses, pages,
/// [`RawRequest::text`](crate::RawRequest::text) and [`RawRequest::json`](crate::RawRequest::json)):
/// 128 MiB, counted after decompression. Streamed bodies are not capped.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 128 << 20;
/// The longest overall timeout `CODE42_TIMEOUT_SECS` may set: one day.
const MAX_TIMEOUT_SECS: f64 = 86_400.0;

/// Builds a [`Client`](crate::Client).
///
/// ```no_run
/// use std::time::Duration;
/// let client = code42::Client::builder("console.us.code42.com")
///     .api_client("key-123", "secret")
///     .overall_timeout(Duration::from_secs(120))
///     .user_agent_suffix("my-tool/1.0")
///     .build()?;
/// # Ok::<(), code42::Error>(())
/// ```
#[derive(Clone)]
#[must_use = "a builder does nothing until `build()`"]
pub struct ClientBuilder {
    pub(crate) host: Option<String>,
    pub(crate) api_url: Option<String>,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) totp: Option<Totp>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) read_timeout: Option<Duration>,
    pub(crate) overall_timeout: Option<Duration>,
    pub(crate) proxy: Option<ProxySetting>,
    pub(crate) ca_certificates: Vec<Vec<u8>>,
    pub(crate) user_agent_suffix: Option<String>,
    pub(crate) max_response_bytes: u64,
    pub(crate) allow_plain_http: bool,
    pub(crate) retry: RetryPolicy,
    pub(crate) rate_limit: Option<RateLimit>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) env: EnvLookup,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ProxySetting {
    Url(String),
    Off,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("host", &self.host)
            .field("api_url", &self.api_url)
            .field("credentials", &self.credentials)
            .field("totp", &self.totp)
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("overall_timeout", &self.overall_timeout)
            .field("proxy", &self.proxy)
            .field("ca_certificates", &self.ca_certificates.len())
            .field("user_agent_suffix", &self.user_agent_suffix)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("allow_plain_http", &self.allow_plain_http)
            .field("retry", &self.retry)
            .field("rate_limit", &self.rate_limit)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            host: None,
            api_url: None,
            credentials: None,
            totp: None,
            connect_timeout: None,
            read_timeout: None,
            overall_timeout: None,
            proxy: None,
            ca_certificates: Vec::new(),
            user_agent_suffix: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            allow_plain_http: false,
            retry: RetryPolicy::default(),
            rate_limit: Some(RateLimit::default()),
            clock: Arc::new(SystemClock),
            env: Arc::new(|name| std::env::var(name).ok()),
        }
    }
}

impl ClientBuilder {
    /// A builder with no host: [`build`](ClientBuilder::build) takes the console from
    /// `CODE42_HOST` unless [`host`](ClientBuilder::host) or [`api_url`](ClientBuilder::api_url)
    /// is given.
    pub fn new() -> Self {
        Self::default()
    }

    /// The Incydr API gateway (`https://api.us.code42.com`): the plane the Incydr REST APIs
    /// are served from. Without it, `CODE42_API_URL`, then incydr's `INCYDR_URL`, then the
    /// gateway of the console's region (`console.us.code42.com` → `https://api.us.code42.com`,
    /// for `us`, `us2`, `ie` and `gov` only). API-client credentials also fall back to incydr's
    /// `INCYDR_API_CLIENT_ID` / `INCYDR_API_CLIENT_SECRET`. A client has a console host, a
    /// gateway URL, or both; with neither,
    /// [`build`](ClientBuilder::build) fails with [`Error::InvalidInput`] naming `host`. The
    /// gateway has a rate-limit bucket of its own. A bare host gets `https://`; `http://` only
    /// for a loopback host, as for the console.
    pub fn api_url(mut self, url: impl Into<String>) -> Self {
        self.api_url = Some(url.into());
        self
    }

    /// The console: a bare host (`console.us.code42.com`) gets `https://`; a path prefix is
    /// kept. `http://` is accepted only for a loopback host (`127.0.0.0/8`, `[::1]`,
    /// `localhost`: a local test server) unless
    /// [`danger_allow_plain_http`](ClientBuilder::danger_allow_plain_http) is set;
    /// [`build`](ClientBuilder::build) rejects any other `http://` host with
    /// [`Error::InvalidInput`] naming `host`, before anything is sent.
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into());
        self
    }

    /// Authenticate as a local account.
    pub fn local_account(
        mut self,
        username: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        self.credentials = Some(Credentials::LocalAccount {
            username: username.into(),
            password: password.into(),
            totp: None,
        });
        self
    }

    /// A fixed TOTP code for a local account with two-factor authentication.
    pub fn totp(mut self, code: impl Into<Secret>) -> Self {
        self.totp = Some(Totp::Code(code.into()));
        self
    }

    /// A callback giving a fresh TOTP code on every token fetch (long-running programs).
    pub fn totp_callback(mut self, callback: impl Fn() -> Secret + Send + Sync + 'static) -> Self {
        let callback: TotpCallback = Arc::new(callback);
        self.totp = Some(Totp::Callback(callback));
        self
    }

    /// Authenticate as an API client.
    pub fn api_client(mut self, id: impl Into<String>, secret: impl Into<Secret>) -> Self {
        self.credentials = Some(Credentials::ApiClient {
            id: id.into(),
            secret: secret.into(),
        });
        self
    }

    /// Authenticate with tokens from a callback, called whenever a new token is needed.
    pub fn jwt_provider(
        mut self,
        provider: impl Fn() -> std::result::Result<Secret, Box<dyn std::error::Error + Send + Sync>>
        + Send
        + Sync
        + 'static,
    ) -> Self {
        let provider: JwtProvider = Arc::new(provider);
        self.credentials = Some(Credentials::JwtProvider(provider));
        self
    }

    /// Connect timeout (default [`DEFAULT_CONNECT_TIMEOUT`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Read timeout: for response headers and between reads of a body (default
    /// [`DEFAULT_READ_TIMEOUT`]).
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// Overall timeout of one request, body included (default [`DEFAULT_OVERALL_TIMEOUT`],
    /// or `CODE42_TIMEOUT_SECS`).
    pub fn overall_timeout(mut self, timeout: Duration) -> Self {
        self.overall_timeout = Some(timeout);
        self
    }

    /// Send every request through this proxy (`http://proxy:3128`). Without it, `CODE42_PROXY`,
    /// then the standard `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`/`NO_PROXY` variables apply.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(ProxySetting::Url(url.into()));
        self
    }

    /// Use no proxy, whatever the environment says.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = Some(ProxySetting::Off);
        self
    }

    /// Also trust the CA certificates in this PEM (e.g. a corporate TLS-inspecting proxy's),
    /// in addition to the bundled Mozilla roots. May be called more than once.
    ///
    /// With the `platform-verifier` feature the operating system verifies certificates and
    /// cannot be given extra ones: add them to the system's trust store instead;
    /// [`build`](ClientBuilder::build) rejects the combination with [`Error::InvalidInput`].
    pub fn ca_certificates_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.ca_certificates.push(pem.into());
        self
    }

    /// The largest response body the SDK buffers or decodes (JSON responses, pages,
    /// [`RawRequest::text`](crate::RawRequest::text), [`RawRequest::json`](crate::RawRequest::json)),
    /// in bytes after decompression (default [`DEFAULT_MAX_RESPONSE_BYTES`], 128 MiB). A larger
    /// body is [`Error::ResponseTooLarge`], and reading stops at the limit. Streamed bodies
    /// ([`Client::execute_stream`](crate::Client::execute_stream),
    /// [`RawRequest::reader`](crate::RawRequest::reader), downloads) are not limited.
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// **Danger**: allow `http://` URLs to hosts that are not loopback addresses. The password,
    /// API secret, TOTP and bearer token then cross the network in clear text. Only for a
    /// test server on a trusted network; there is deliberately no environment variable for it.
    /// (A proxy given as `http://` is a separate matter and is always allowed.)
    pub fn danger_allow_plain_http(mut self) -> Self {
        self.allow_plain_http = true;
        self
    }

    /// Appended to the user agent: `code42-rs/<version> <suffix>`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Retry rules (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Client-side rate limit (default burst 120, 120 per minute).
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.rate_limit = Some(limit);
        self
    }

    /// No client-side rate limit.
    pub fn no_rate_limit(mut self) -> Self {
        self.rate_limit = None;
        self
    }

    /// The clock used for waits and token expiry ([`ManualClock`](crate::clock::ManualClock)
    /// in tests).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Where `CODE42_*` settings are read from (default: the process environment). Pass
    /// `|_| None` to ignore the environment.
    pub fn env_lookup(
        mut self,
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.env = Arc::new(lookup);
        self
    }

    /// Resolves every setting: builder, then environment, then defaults.
    pub(crate) fn resolve(self) -> Result<Settings> {
        let env = |name: &str| (self.env)(name).filter(|v| !v.trim().is_empty());
        let plain_http = |argument: &'static str, given: &str, url: &str| {
            if self.allow_plain_http || plain_http_allowed(url) {
                Ok(())
            } else {
                Err(Error::invalid(
                    argument,
                    format!(
                        "`{given}`: plain http:// only for a loopback host (127.0.0.1, [::1], \
                         localhost); use https:// (or ClientBuilder::danger_allow_plain_http)"
                    ),
                ))
            }
        };
        // The gateway: the builder, `CODE42_API_URL`, incydr's `INCYDR_URL`, else derived from
        // the console host for the regions of incydr.md §1.1.
        let api_url_given = self
            .api_url
            .clone()
            .or_else(|| env("CODE42_API_URL"))
            .or_else(|| env("INCYDR_URL"));
        let api_url = match &api_url_given {
            Some(url) => {
                let normalized = normalize_host(url).map_err(|e| match e {
                    Error::InvalidInput { reason, .. } => Error::invalid("api_url", reason),
                    other => other,
                })?;
                plain_http("api_url", url, &normalized)?;
                Some(normalized)
            }
            None => None,
        };
        let host = self.host.clone().or_else(|| env("CODE42_HOST"));
        let base_url = match host {
            Some(host) => {
                let normalized = normalize_host(&host)?;
                plain_http("host", &host, &normalized)?;
                Some(normalized)
            }
            None if api_url.is_some() => None,
            None => {
                return Err(Error::invalid(
                    "host",
                    "no console host (CODE42_HOST is not set) and no API gateway URL given",
                ));
            }
        };
        let api_url = api_url.or_else(|| base_url.as_deref().and_then(derived_api_url));
        #[cfg(feature = "platform-verifier")]
        if !self.ca_certificates.is_empty() {
            return Err(Error::invalid(
                "ca_certificates_pem",
                "extra CA certificates cannot be combined with the platform verifier \
                 (feature `platform-verifier`): add them to the system's trust store",
            ));
        }

        let credentials = match self.credentials.clone() {
            Some(c) => c,
            None => match (env("CODE42_USERNAME"), env("CODE42_PASSWORD")) {
                (Some(username), Some(password)) => Credentials::LocalAccount {
                    username,
                    password: password.into(),
                    totp: None,
                },
                _ => match (
                    env("CODE42_API_CLIENT_ID").or_else(|| env("INCYDR_API_CLIENT_ID")),
                    env("CODE42_API_CLIENT_SECRET").or_else(|| env("INCYDR_API_CLIENT_SECRET")),
                ) {
                    (Some(id), Some(secret)) => Credentials::ApiClient {
                        id,
                        secret: secret.into(),
                    },
                    _ => {
                        return Err(Error::invalid(
                            "credentials",
                            "none given; set CODE42_USERNAME and CODE42_PASSWORD, or \
                             CODE42_API_CLIENT_ID and CODE42_API_CLIENT_SECRET",
                        ));
                    }
                },
            },
        };
        let credentials = match credentials {
            Credentials::LocalAccount {
                username,
                password,
                totp,
            } => {
                if username.trim().is_empty() {
                    return Err(Error::invalid("username", "is empty"));
                }
                if password.is_empty() {
                    return Err(Error::invalid("password", "is empty"));
                }
                let totp = totp
                    .or(self.totp.clone())
                    .or_else(|| env("CODE42_TOTP").map(|c| Totp::Code(c.into())));
                Credentials::LocalAccount {
                    username,
                    password,
                    totp,
                }
            }
            Credentials::ApiClient { id, secret } => {
                if id.trim().is_empty() {
                    return Err(Error::invalid("api_client_id", "is empty"));
                }
                if secret.is_empty() {
                    return Err(Error::invalid("api_client_secret", "is empty"));
                }
                Credentials::ApiClient { id, secret }
            }
            other => other,
        };

        let overall_timeout = match self.overall_timeout {
            Some(t) => t,
            None => match env("CODE42_TIMEOUT_SECS") {
                Some(text) => text
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s > 0.0 && *s <= MAX_TIMEOUT_SECS)
                    .and_then(|s| Duration::try_from_secs_f64(s).ok())
                    .filter(|d| !d.is_zero())
                    .ok_or_else(|| {
                        Error::invalid(
                            "CODE42_TIMEOUT_SECS",
                            format!(
                                "`{text}` is not a number of seconds above 0 and at most \
                                 {MAX_TIMEOUT_SECS}"
                            ),
                        )
                    })?,
                None => DEFAULT_OVERALL_TIMEOUT,
            },
        };
        let proxy = match self.proxy.clone() {
            Some(p) => Some(p),
            None => env("CODE42_PROXY").map(ProxySetting::Url),
        };
        let user_agent = match &self.user_agent_suffix {
            Some(suffix) if !suffix.trim().is_empty() => {
                format!("code42-rs/{} {}", env!("CARGO_PKG_VERSION"), suffix.trim())
            }
            _ => format!("code42-rs/{}", env!("CARGO_PKG_VERSION")),
        };
        Ok(Settings {
            base_url,
            api_url,
            credentials,
            connect_timeout: self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            read_timeout: self.read_timeout.unwrap_or(DEFAULT_READ_TIMEOUT),
            overall_timeout,
            proxy,
            ca_certificates: self.ca_certificates,
            max_response_bytes: self.max_response_bytes,
            allow_plain_http: self.allow_plain_http,
            user_agent,
            retry: self.retry,
            rate_limit: self.rate_limit,
            clock: self.clock,
        })
    }
}

/// The regions whose gateway incydr documents (incydr.md §1.1): console host → API host.
const GATEWAY_REGIONS: [(&str, &str); 4] = [
    ("console.us.code42.com", "https://api.us.code42.com"),
    ("console.us2.code42.com", "https://api.us2.code42.com"),
    ("console.ie.code42.com", "https://api.ie.code42.com"),
    ("console.gov.code42.com", "https://api.gov.code42.com"),
];

/// The gateway of a console base URL, for the four documented regions only (an `https://` URL
/// with no port or path); any other console has no derived gateway.
pub(crate) fn derived_api_url(base_url: &str) -> Option<String> {
    let host = base_url
        .strip_prefix("https://")?
        .trim_end_matches('/')
        .to_ascii_lowercase();
    GATEWAY_REGIONS
        .iter()
        .find(|(console, _)| *console == host)
        .map(|(_, api)| (*api).to_owned())
}

/// Every setting, resolved.
#[derive(Debug)]
pub(crate) struct Settings {
    /// The console, if the client has one.
    pub(crate) base_url: Option<String>,
    /// The Incydr API gateway, if the client has one.
    pub(crate) api_url: Option<String>,
    pub(crate) credentials: Credentials,
    pub(crate) connect_timeout: Duration,
    pub(crate) read_timeout: Duration,
    pub(crate) overall_timeout: Duration,
    pub(crate) proxy: Option<ProxySetting>,
    pub(crate) ca_certificates: Vec<Vec<u8>>,
    pub(crate) max_response_bytes: u64,
    pub(crate) allow_plain_http: bool,
    pub(crate) user_agent: String,
    pub(crate) retry: RetryPolicy,
    pub(crate) rate_limit: Option<RateLimit>,
    pub(crate) clock: Arc<dyn Clock>,
}

/// `console.us.code42.com` → `https://console.us.code42.com`; an explicit scheme and any path
/// prefix are kept; a trailing `/` is dropped.
pub(crate) fn normalize_host(host: &str) -> Result<String> {
    let host = host.trim();
    let with_scheme = if host.starts_with("https://") || host.starts_with("http://") {
        host.to_owned()
    } else if host.contains("://") {
        return Err(Error::invalid(
            "host",
            format!("`{host}`: only http and https are supported"),
        ));
    } else {
        format!("https://{host}")
    };
    let trimmed = with_scheme.trim_end_matches('/');
    let authority = trimmed
        .split_once("://")
        .map(|(_, rest)| rest.split('/').next().unwrap_or(""))
        .unwrap_or("");
    let host_chars = |c: char| c.is_ascii_alphanumeric() || "-._:[]".contains(c);
    if authority.is_empty()
        || !authority.chars().all(host_chars)
        || trimmed.chars().any(char::is_whitespace)
    {
        return Err(Error::invalid(
            "host",
            format!("`{host}` is not a host name or URL"),
        ));
    }
    Ok(trimmed.to_owned())
}

/// Whether a request may go to `url` without TLS: `https://` always; `http://` only to a
/// loopback host (`127.0.0.0/8`, `::1`, `localhost`).
pub(crate) fn plain_http_allowed(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    if scheme.eq_ignore_ascii_case("https") {
        return true;
    }
    if !scheme.eq_ignore_ascii_case("http") {
        return false;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or("");
    if authority.contains('@') {
        return false;
    }
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        match bracketed.split_once(']') {
            Some((host, _)) => host,
            None => return false,
        }
    } else {
        authority.split(':').next().unwrap_or("")
    };
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "platform-verifier")]
    #[test]
    fn extra_cas_with_the_platform_verifier_are_invalid_input() {
        let err = ClientBuilder::new()
            .host("console.example.com")
            .api_client("k", "s")
            .ca_certificates_pem(b"any".to_vec())
            .env_lookup(|_| None)
            .resolve()
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidInput {
                    argument: "ca_certificates_pem",
                    ..
                }
            ),
            "{err:?}"
        );
        let ok = ClientBuilder::new()
            .host("console.example.com")
            .api_client("k", "s")
            .env_lookup(|_| None)
            .build();
        assert!(ok.is_ok(), "{ok:?}");
    }

    #[test]
    fn plain_http_only_to_loopback_hosts() {
        for ok in [
            "https://console.example.com",
            "http://127.0.0.1:8080/x",
            "http://127.8.9.10",
            "http://[::1]:4285",
            "http://localhost:1/p",
            "HTTP://LOCALHOST",
        ] {
            assert!(plain_http_allowed(ok), "{ok}");
        }
        for refused in [
            "http://console.example.com",
            "http://128.0.0.1",
            "http://10.0.0.1:80",
            "http://[::2]",
            "http://localhost.example.com",
            "http://127.0.0.1.example.com",
            "http://user@127.0.0.1",
            "ftp://127.0.0.1",
        ] {
            assert!(!plain_http_allowed(refused), "{refused}");
        }
    }

    #[test]
    fn a_mistyped_plain_http_host_fails_in_build() {
        let err = ClientBuilder::new()
            .host("http://console.example.com")
            .api_client("k", "s")
            .env_lookup(|_| None)
            .resolve()
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidInput {
                    argument: "host",
                    ..
                }
            ),
            "{err:?}"
        );
        let err = ClientBuilder::new()
            .api_client("k", "s")
            .env_lookup(|name| {
                (name == "CODE42_HOST").then(|| "http://console.example.com".to_owned())
            })
            .resolve()
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidInput {
                    argument: "host",
                    ..
                }
            ),
            "{err:?}"
        );
        let allowed = ClientBuilder::new()
            .host("http://console.example.com")
            .api_client("k", "s")
            .danger_allow_plain_http()
            .env_lookup(|_| None)
            .resolve()
            .unwrap();
        assert_eq!(
            allowed.base_url.as_deref(),
            Some("http://console.example.com")
        );
        // An http:// proxy is a separate matter.
        let proxied = ClientBuilder::new()
            .host("console.example.com")
            .api_client("k", "s")
            .proxy("http://proxy.example.com:3128")
            .env_lookup(|_| None)
            .resolve()
            .unwrap();
        assert_eq!(
            proxied.proxy,
            Some(ProxySetting::Url("http://proxy.example.com:3128".into()))
        );
    }

    #[test]
    fn absurd_timeouts_from_the_environment_are_invalid_input_not_panics() {
        for value in ["1e20", "-1", "NaN", "inf", "-inf", "0", "1e-12", "86401"] {
            let vars = move |name: &str| (name == "CODE42_TIMEOUT_SECS").then(|| value.to_owned());
            let err = ClientBuilder::new()
                .host("h")
                .api_client("k", "s")
                .env_lookup(vars)
                .resolve()
                .unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidInput {
                        argument: "CODE42_TIMEOUT_SECS",
                        ..
                    }
                ),
                "{value}: {err:?}"
            );
        }
        let vars = |name: &str| (name == "CODE42_TIMEOUT_SECS").then(|| "2.5".to_owned());
        let ok = ClientBuilder::new()
            .host("h")
            .api_client("k", "s")
            .env_lookup(vars)
            .resolve()
            .unwrap();
        assert_eq!(ok.overall_timeout, Duration::from_millis(2500));
    }

    #[test]
    fn hosts_are_normalized() {
        assert_eq!(
            normalize_host("console.us.code42.com").unwrap(),
            "https://console.us.code42.com"
        );
        assert_eq!(
            normalize_host("console.us.code42.com:4285/").unwrap(),
            "https://console.us.code42.com:4285"
        );
        assert_eq!(
            normalize_host("http://127.0.0.1:8080/prefix").unwrap(),
            "http://127.0.0.1:8080/prefix"
        );
        assert!(normalize_host("").is_err());
        assert!(normalize_host("ftp://x").is_err());
        assert!(normalize_host("https://").is_err());
        assert!(normalize_host("a b").is_err());
    }

    fn env(
        vars: &'static [(&'static str, &'static str)],
    ) -> impl Fn(&str) -> Option<String> + Send + Sync {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn builder_beats_environment_beats_defaults() {
        let vars = &[
            ("CODE42_HOST", "env.example.com"),
            ("CODE42_USERNAME", "env-user"),
            ("CODE42_PASSWORD", "env-pass"),
            ("CODE42_TOTP", "111111"),
            ("CODE42_TIMEOUT_SECS", "42"),
            ("CODE42_PROXY", "http://proxy.env:3128"),
        ];
        let from_env = ClientBuilder::new()
            .env_lookup(env(vars))
            .resolve()
            .unwrap();
        assert_eq!(
            from_env.base_url.as_deref(),
            Some("https://env.example.com")
        );
        assert_eq!(from_env.api_url, None);
        assert_eq!(from_env.overall_timeout, Duration::from_secs(42));
        assert_eq!(
            from_env.proxy,
            Some(ProxySetting::Url("http://proxy.env:3128".into()))
        );
        assert!(matches!(&from_env.credentials,
            Credentials::LocalAccount { username, totp: Some(_), .. } if username == "env-user"));
        assert_eq!(from_env.read_timeout, DEFAULT_READ_TIMEOUT);

        let built = ClientBuilder::new()
            .host("builder.example.com")
            .api_client("key-1", "secret")
            .overall_timeout(Duration::from_secs(5))
            .no_proxy()
            .env_lookup(env(vars))
            .resolve()
            .unwrap();
        assert_eq!(
            built.base_url.as_deref(),
            Some("https://builder.example.com")
        );
        assert_eq!(built.overall_timeout, Duration::from_secs(5));
        assert_eq!(built.proxy, Some(ProxySetting::Off));
        assert!(matches!(built.credentials, Credentials::ApiClient { .. }));

        let bare = ClientBuilder::new()
            .host("h")
            .api_client("k", "s")
            .env_lookup(|_| None)
            .resolve()
            .unwrap();
        assert_eq!(bare.overall_timeout, DEFAULT_OVERALL_TIMEOUT);
        assert_eq!(bare.proxy, None);
    }

    #[test]
    fn bad_settings_name_the_argument() {
        let none = |_: &str| None;
        let err = ClientBuilder::new().env_lookup(none).resolve().unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidInput {
                argument: "host",
                ..
            }
        ));
        let err = ClientBuilder::new()
            .host("h")
            .env_lookup(none)
            .resolve()
            .unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidInput {
                argument: "credentials",
                ..
            }
        ));
        let err = ClientBuilder::new()
            .host("h")
            .local_account("u", "")
            .env_lookup(none)
            .resolve()
            .unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidInput {
                argument: "password",
                ..
            }
        ));
        let err = ClientBuilder::new()
            .host("h")
            .api_client("k", "s")
            .env_lookup(env(&[("CODE42_TIMEOUT_SECS", "soon")]))
            .resolve()
            .unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidInput {
                argument: "CODE42_TIMEOUT_SECS",
                ..
            }
        ));
    }

    #[test]
    fn a_client_has_a_console_a_gateway_or_both() {
        let gateway_only = ClientBuilder::new()
            .api_url("api.us.code42.com")
            .api_client("k", "s")
            .env_lookup(|_| None)
            .resolve()
            .unwrap();
        assert_eq!(gateway_only.base_url, None);
        assert_eq!(
            gateway_only.api_url.as_deref(),
            Some("https://api.us.code42.com")
        );
        let both = ClientBuilder::new()
            .host("console.us.code42.com")
            .api_url("https://api.us.code42.com")
            .api_client("k", "s")
            .env_lookup(|_| None)
            .resolve()
            .unwrap();
        assert_eq!(
            both.base_url.as_deref(),
            Some("https://console.us.code42.com")
        );
        assert_eq!(both.api_url.as_deref(), Some("https://api.us.code42.com"));
        let neither = ClientBuilder::new()
            .api_client("k", "s")
            .env_lookup(|_| None)
            .resolve()
            .unwrap_err();
        assert!(matches!(
            neither,
            Error::InvalidInput {
                argument: "host",
                ..
            }
        ));
        let bad = ClientBuilder::new()
            .api_url("ftp://api")
            .api_client("k", "s")
            .env_lookup(|_| None)
            .resolve()
            .unwrap_err();
        assert!(matches!(
            bad,
            Error::InvalidInput {
                argument: "api_url",
                ..
            }
        ));
    }
}
