//! [`Client`]: the one handle every call goes through.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::auth::{CachedToken, Credentials, TokenCache};
use crate::config::{ClientBuilder, Settings, plain_http_allowed};
use crate::discovery::Discovery;
use crate::error::{ApiError, decode_json, redact_body, redact_secrets, server_message};
use crate::limiter::Limiters;
use crate::request::Prepared;
use crate::retry::{Failure, Jitter, parse_retry_after};
use crate::transport::{self, RawResponse, Transport};
use crate::wire::authority::{ops, types};
use crate::{AuthScheme, Error, Host, Operation, ResponseKind, Result, Secret};

/// A blocking Code42 client. Cheap to clone; clones share the connection pool, the token,
/// discovered service URLs and the rate limiter. `Send + Sync`: share it across threads.
///
/// ```no_run
/// let client = code42::Client::builder("console.us.code42.com")
///     .local_account("me@example.com", "password")
///     .build()?;
/// let me = client.whoami()?;
/// println!("{} in tenant {}", me.user.username, me.tenant_id);
/// # Ok::<(), code42::Error>(())
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    settings: Settings,
    transport: Transport,
    /// The console's bearer token.
    tokens: TokenCache,
    /// The API gateway's bearer token (`POST /v1/oauth`): never sent to the console, and the
    /// console's never sent here.
    gateway_tokens: TokenCache,
    discovery: Discovery,
    /// One rate-limit bucket per plane (console, gateway).
    limiters: Option<Limiters>,
    jitter: Mutex<Jitter>,
    /// The tenant id, fetched once (alert, rule and detection bodies all carry it).
    tenant: Mutex<Option<String>>,
    /// The org index and role list, fetched once (org guid lookups, role-name checks).
    directory: crate::directory::Directory,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.settings.base_url)
            .field("api_url", &self.inner.settings.api_url)
            .field("credentials", &self.inner.settings.credentials)
            .field("user_agent", &self.inner.settings.user_agent)
            .finish_non_exhaustive()
    }
}

/// Who the client is signed in as.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct WhoAmI {
    /// The current user.
    pub user: types::User,
    /// The tenant id the security services use.
    pub tenant_id: String,
}

/// Most of an error body kept for messages and `Debug`.
const ERROR_BODY_LIMIT: u64 = 64 * 1024;

impl Client {
    /// A builder for the console at `host`.
    pub fn builder(host: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new().host(host)
    }

    /// A client configured only from `CODE42_*` environment variables.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::new().build()
    }

    pub(crate) fn from_settings(settings: Settings) -> Result<Client> {
        let transport = Transport::new(&settings)?;
        let seed = settings
            .clock
            .system_now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0x9E37_79B9, |d| d.as_nanos() as u64);
        Ok(Client {
            inner: Arc::new(Inner {
                limiters: settings.rate_limit.map(Limiters::new),
                transport,
                tokens: TokenCache::default(),
                gateway_tokens: TokenCache::default(),
                discovery: Discovery::default(),
                jitter: Mutex::new(Jitter::new(seed)),
                tenant: Mutex::new(None),
                directory: Default::default(),
                settings,
            }),
        })
    }

    /// The per-client caches of orgs and roles.
    pub(crate) fn directory(&self) -> &crate::directory::Directory {
        &self.inner.directory
    }

    /// The console's base URL, if the client has a console.
    pub fn base_url(&self) -> Option<&str> {
        self.inner.settings.base_url.as_deref()
    }

    /// The Incydr API gateway's URL, if the client has one
    /// ([`ClientBuilder::api_url`]).
    pub fn api_url(&self) -> Option<&str> {
        self.inner.settings.api_url.as_deref()
    }

    /// The console's base URL, or an [`Error::InvalidInput`] naming `host` when the client was
    /// built for the gateway only.
    fn console_url(&self) -> Result<&str> {
        self.base_url().ok_or_else(|| {
            Error::invalid(
                "host",
                "this client has no console host (it was built with an API gateway URL only)",
            )
        })
    }

    /// Wall-clock now, from the client's (injectable) clock.
    pub(crate) fn system_now(&self) -> std::time::SystemTime {
        self.inner.settings.clock.system_now()
    }

    /// The current user and tenant id (not available to API clients, which have no user).
    pub fn whoami(&self) -> Result<WhoAmI> {
        let user = self.execute(&ops::GetCurrentUser)?.data;
        let tenant_id = self.tenant_id()?;
        Ok(WhoAmI { user, tenant_id })
    }

    /// The tenant id the security services use, asked of the console on every call (see
    /// [`Client::cached_tenant_id`] for the value the security APIs reuse). A client with no
    /// console (gateway only) reads the `tenantUid` claim of its gateway token, as incydr does
    /// (incydr.md §1.2), fetching a token first if it has none.
    pub fn tenant_id(&self) -> Result<String> {
        if self.base_url().is_none() {
            let token = self.token_for(crate::operation::Plane::Gateway)?;
            return crate::auth::jwt_claim(&token.token, "tenantUid").ok_or_else(|| Error::Auth {
                message: "the API gateway's token carries no `tenantUid` claim".into(),
                source: None,
            });
        }
        Ok(self.execute(&ops::GetCurrentTenant)?.data.tenant_uid)
    }

    /// The tenant id, fetched on first use and then reused for the life of the client and its
    /// clones (one fetch, whatever the number of threads; a failed fetch is not kept). Alert,
    /// alert-rule and other security calls put it in their bodies through this.
    ///
    /// ```no_run
    /// # let client = code42::Client::builder("h").api_client("k", "s").build()?;
    /// let tenant = client.cached_tenant_id()?;
    /// assert_eq!(tenant, client.cached_tenant_id()?); // no second request
    /// # Ok::<(), code42::Error>(())
    /// ```
    pub fn cached_tenant_id(&self) -> Result<String> {
        let mut cached = self.inner.tenant.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(id) = &*cached {
            return Ok(id.clone());
        }
        let id = self.tenant_id()?;
        *cached = Some(id.clone());
        Ok(id)
    }

    /// Runs one generated operation and decodes its response.
    ///
    /// Use it for operations the facade does not wrap yet.
    ///
    /// ```no_run
    /// # let client = code42::Client::builder("h").api_client("k", "s").build()?;
    /// use code42::wire::authority::ops::GetServerEnv;
    /// let env = client.execute(&GetServerEnv::new())?;
    /// # Ok::<(), code42::Error>(())
    /// ```
    pub fn execute<O: Operation>(&self, op: &O) -> Result<O::Response> {
        let prepared = Prepared::from_operation(op)?;
        let body = self.send(&prepared, transport::read_all)?;
        self.decode(&prepared, &body)
    }

    /// Runs one generated operation and returns its body as a stream (files, PDF, CSV), to be
    /// read or copied to a writer without holding it in memory.
    pub fn execute_stream<O: Operation>(&self, op: &O) -> Result<crate::ResponseBody> {
        let prepared = Prepared::from_operation(op)?;
        self.send(&prepared, |response, url| {
            Ok(crate::ResponseBody::new(
                response,
                prepared.method.as_str(),
                url,
            ))
        })
    }

    /// Decodes a successful body the way `prepared` says.
    pub(crate) fn decode<T: serde::de::DeserializeOwned>(
        &self,
        prepared: &Prepared,
        body: &[u8],
    ) -> Result<T> {
        use serde::de::IntoDeserializer;
        let text = std::str::from_utf8(body).map_err(|e| {
            Error::decode(
                prepared.operation,
                ".",
                format!("the body is not UTF-8: {e}"),
            )
        })?;
        let excerpt = prepared.auth != AuthScheme::Basic;
        match prepared.response {
            ResponseKind::Json => decode_json(prepared.operation, "", text, excerpt),
            ResponseKind::Text => {
                let de: serde::de::value::StrDeserializer<'_, serde_json::Error> =
                    text.into_deserializer();
                T::deserialize(de)
                    .map_err(|e| Error::decode(prepared.operation, ".", e.to_string()))
            }
            _ => decode_json(prepared.operation, "", "null", false),
        }
    }

    /// Sends `prepared` with auth, discovery, rate limiting and retries, and hands a successful
    /// response to `read`. A failure inside `read` (a body cut short) counts as a failed attempt,
    /// so a page is either read whole or fetched again.
    pub(crate) fn send<T>(
        &self,
        prepared: &Prepared,
        mut read: impl FnMut(RawResponse, &str) -> std::io::Result<T>,
    ) -> Result<T> {
        let inner = &*self.inner;
        let clock = &*inner.settings.clock;
        let full_url = match &prepared.url {
            Some(url) => url.clone(),
            None => join_url(&self.base_url_for(prepared.host)?, &prepared.path),
        };
        // Logs and errors show a URL without its query string: an absolute URL handed back by a
        // service (downloads) may carry a token there.
        let url = full_url
            .split_once('?')
            .map_or(full_url.as_str(), |(base, _)| base)
            .to_owned();
        // Credentials never cross the network in clear text: a discovered service or a URL a
        // response handed back is held to the same rule as the host.
        if !inner.settings.allow_plain_http && !plain_http_allowed(&full_url) {
            return Err(Error::invalid(
                "url",
                format!(
                    "`{url}`: plain http:// only for a loopback host; the request is not sent \
                     (ClientBuilder::danger_allow_plain_http allows it)"
                ),
            ));
        }
        // Bodies the SDK buffers are capped; streamed ones are the caller's to bound.
        let limit = (prepared.response != ResponseKind::Stream)
            .then_some(inner.settings.max_response_bytes);
        let mut attempt = 0u32;
        let mut waited = Duration::ZERO;
        let mut refreshed_after_401 = false;
        let plane = prepared.host.plane();
        if plane == crate::operation::Plane::Gateway {
            self.check_gateway_credentials(prepared.operation)?;
        }
        loop {
            attempt += 1;
            let (authorization, token) =
                match prepared.auth {
                    AuthScheme::None => (None, None),
                    AuthScheme::Basic => {
                        let header =
                            inner.settings.credentials.basic_header().ok_or_else(|| {
                                Error::Auth {
                                    message: format!(
                                        "{} needs a local account or API client",
                                        prepared.operation
                                    ),
                                    source: None,
                                }
                            })?;
                        (Some(header), None)
                    }
                    AuthScheme::Bearer => {
                        let token = self.token_for(plane)?;
                        (
                            Some(Secret::new(format!("Bearer {}", token.token.expose()))),
                            Some(token),
                        )
                    }
                };
            if let Some(limiters) = &inner.limiters {
                limiters.for_plane(prepared.host.plane()).acquire(clock);
            }
            let started = clock.now();
            let outcome = inner
                .transport
                .send(prepared, &full_url, authorization.as_ref());
            let elapsed = clock.now().saturating_duration_since(started);
            let (error, failure) = match outcome {
                Ok(response) => {
                    let status = response.status().as_u16();
                    transport::log_attempt(prepared, &url, &status.to_string(), elapsed);
                    if (200..300).contains(&status) {
                        let method = prepared.method.as_str();
                        let limited = match limit {
                            Some(limit) => transport::limit_body(response, limit, method, &url),
                            None => Ok(response),
                        };
                        match limited.and_then(|response| {
                            read(response, &url).map_err(|e| {
                                transport::map_ureq_error(ureq::Error::Io(e), method, &url)
                            })
                        }) {
                            Ok(value) => return Ok(value),
                            Err(e) => {
                                let failure = failure_of(&e);
                                (e, failure)
                            }
                        }
                    } else if status == 401 && !refreshed_after_401 && token.is_some() {
                        // The token may have been revoked or expired early: one retry with a new one.
                        refreshed_after_401 = true;
                        if let Some(token) = &token {
                            self.tokens_of(plane).invalidate(token.generation);
                        }
                        attempt -= 1;
                        continue;
                    } else {
                        let error =
                            self.api_error(prepared, &url, response, authorization.as_ref());
                        let failure = Failure::from_status(status, error.retry_after);
                        (Error::Api(Box::new(error)), failure)
                    }
                }
                Err(error) => {
                    transport::log_attempt(prepared, &url, &error.to_string(), elapsed);
                    let failure = failure_of(&error);
                    (error, failure)
                }
            };
            let delay = {
                let mut jitter = inner.jitter.lock().unwrap_or_else(|e| e.into_inner());
                inner.settings.retry.next_delay(
                    attempt,
                    waited,
                    failure,
                    prepared.idempotent,
                    &mut jitter,
                )
            };
            match delay {
                Some(delay) => {
                    log::warn!(
                        target: "code42::http",
                        "{} {} attempt {attempt} failed ({error}); retrying in {} ms",
                        prepared.method.as_str(),
                        url,
                        delay.as_millis()
                    );
                    clock.sleep(delay);
                    waited = waited.saturating_add(delay);
                }
                None => return Err(error),
            }
        }
    }

    /// Builds the [`ApiError`] for an error status, reading a bounded part of the body. Every
    /// secret the client knows (password, API secret, TOTP, the `Authorization` value it just
    /// sent) and anything that looks like a bearer token or JWT is redacted from the message
    /// and the body: a server may echo them back.
    fn api_error(
        &self,
        prepared: &Prepared,
        url: &str,
        response: RawResponse,
        authorization: Option<&Secret>,
    ) -> ApiError {
        let status = response.status().as_u16();
        let retry_after = transport::header(&response, "retry-after")
            .and_then(|v| parse_retry_after(v, self.inner.settings.clock.system_now()));
        let is_auth_call = prepared.auth == AuthScheme::Basic;
        let secrets = self.known_secrets(authorization);
        let secrets: Vec<&str> = secrets.iter().map(|s| s.expose()).collect();
        // A request id is the server's text too: it may echo a credential (found by fuzzing).
        let request_id = ["x-request-id", "x-amzn-requestid", "x-correlation-id"]
            .iter()
            .find_map(|h| transport::header(&response, h))
            .map(|id| redact_secrets(id, &secrets));
        let body = transport::read_error_body(response, ERROR_BODY_LIMIT);
        ApiError {
            status,
            kind: crate::classify::classify(prepared.host, status, &body),
            message: redact_secrets(&server_message(&body), &secrets),
            operation: prepared.operation,
            method: prepared.method.as_str(),
            url: url.to_owned(),
            request_id,
            retry_after,
            body: if is_auth_call {
                String::new()
            } else {
                redact_secrets(&redact_body(&body), &secrets)
            },
        }
    }

    /// The secrets this client holds or just sent, for redaction: the password or API secret,
    /// a fixed TOTP code, the `Authorization` value and the credential inside it.
    fn known_secrets(&self, authorization: Option<&Secret>) -> Vec<Secret> {
        let mut secrets = Vec::new();
        match &self.inner.settings.credentials {
            Credentials::LocalAccount { password, totp, .. } => {
                secrets.push(password.clone());
                if let Some(crate::Totp::Code(code)) = totp {
                    secrets.push(code.clone());
                }
            }
            Credentials::ApiClient { secret, .. } => secrets.push(secret.clone()),
            _ => {}
        }
        if let Some(value) = authorization {
            secrets.push(value.clone());
            if let Some((_, credential)) = value.expose().split_once(' ') {
                secrets.push(Secret::new(credential.trim()));
            }
        }
        secrets
    }

    /// The token cache of `plane`.
    fn tokens_of(&self, plane: crate::operation::Plane) -> &TokenCache {
        match plane {
            crate::operation::Plane::Console => &self.inner.tokens,
            crate::operation::Plane::Gateway => &self.inner.gateway_tokens,
        }
    }

    /// The API gateway takes API-client credentials only (`POST /v1/oauth`, incydr.md §1.2): any
    /// other credentials are refused before a request is sent.
    fn check_gateway_credentials(&self, operation: &'static str) -> Result<()> {
        match &self.inner.settings.credentials {
            Credentials::ApiClient { .. } => Ok(()),
            other => Err(Error::Unsupported {
                operation,
                plane: "API gateway",
                reason: format!(
                    "the gateway takes API-client credentials only, not {}",
                    match other {
                        Credentials::LocalAccount { .. } => "a local account",
                        _ => "a JWT provider",
                    }
                ),
            }),
        }
    }

    /// A fresh bearer token for `plane`, fetched (once, whatever the number of threads) when
    /// needed. Each plane has its own cache: a token never crosses planes.
    pub(crate) fn token_for(&self, plane: crate::operation::Plane) -> Result<CachedToken> {
        match plane {
            crate::operation::Plane::Console => self.token(),
            crate::operation::Plane::Gateway => {
                self.check_gateway_credentials("getGatewayToken")?;
                let inner = &*self.inner;
                inner.gateway_tokens.get(&*inner.settings.clock, || {
                    let response = self.execute(&crate::wire::incydr::ops::GetGatewayToken)?;
                    // incydr trusts `expires_in`; the cache clamps it and refreshes early.
                    let lifetime = u64::try_from(response.expires_in)
                        .ok()
                        .map(Duration::from_secs);
                    Ok((response.access_token, lifetime))
                })
            }
        }
    }

    /// A fresh console bearer token, fetched (once, whatever the number of threads) when needed.
    fn token(&self) -> Result<CachedToken> {
        let inner = &*self.inner;
        inner.tokens.get(&*inner.settings.clock, || {
            match &inner.settings.credentials {
                Credentials::LocalAccount { totp, .. } => {
                    let response = self.execute(&ops::GetLocalAccountToken {
                        use_body: true,
                        totp_auth: totp.as_ref().map(|t| t.code()),
                    })?;
                    let token = response
                        .data
                        .and_then(|d| d.v3_user_token)
                        .or(response.v3_user_token)
                        .ok_or_else(|| Error::Auth {
                            message: "the token response has no v3_user_token".into(),
                            source: None,
                        })?;
                    Ok((token, None))
                }
                Credentials::ApiClient { .. } => {
                    let response = self.execute(&ops::GetApiClientToken {
                        grant_type: "client_credentials".into(),
                    })?;
                    // Any `expires_in` is clamped by the token cache; a negative one is ignored.
                    let lifetime = response
                        .expires_in
                        .and_then(|s| u64::try_from(s).ok())
                        .map(Duration::from_secs);
                    Ok((response.access_token, lifetime))
                }
                Credentials::JwtProvider(provider) => provider()
                    .map(|token| (token, None))
                    .map_err(|e| Error::Auth {
                        message: format!("the JWT provider failed: {e}"),
                        source: Some(e),
                    }),
            }
        })
    }

    /// The base URL for a host, discovering it on first use.
    pub(crate) fn base_url_for(&self, host: Host) -> Result<String> {
        let inner = &*self.inner;
        match host {
            Host::Console => self.console_url().map(str::to_owned),
            Host::Gateway => self.api_url().map(str::to_owned).ok_or_else(|| {
                Error::invalid(
                    "api_url",
                    "this client has no API gateway URL (ClientBuilder::api_url)",
                )
            }),
            Host::KeyValueStore => inner.discovery.key_value_store(|| {
                let env = self.execute(&ops::GetServerEnv)?;
                Ok(env.data.and_then(|d| d.sts_base_url).or(env.sts_base_url))
            }),
            Host::Service(key) => inner.discovery.service(key, || {
                self.execute(&ops::GetServiceUrl {
                    key: key.to_owned(),
                })
            }),
        }
    }

    /// Whether the bearer token may be sent to `url` (console or a discovered service).
    pub(crate) fn is_trusted_url(&self, url: &str) -> bool {
        self.inner
            .discovery
            .is_trusted(self.base_url(), self.api_url(), url)
    }
}

/// How a failure counts for retrying: a TLS failure or an oversized body would fail the same
/// way again; any other transport failure (refused, reset, cut short, timed out) is worth
/// another attempt for an idempotent call.
fn failure_of(error: &Error) -> Failure {
    match error {
        Error::Tls { .. } | Error::ResponseTooLarge { .. } | Error::InvalidInput { .. } => {
            Failure::Final
        }
        _ => Failure::Retryable,
    }
}

/// Joins a base URL (which may carry a path prefix) and an absolute path, keeping the prefix.
pub(crate) fn join_url(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    if path.starts_with('/') {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    }
}

impl ClientBuilder {
    /// Checks every setting and builds the client. Sends nothing: the first call authenticates.
    pub fn build(self) -> Result<Client> {
        Client::from_settings(self.resolve()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joining_keeps_path_prefixes() {
        assert_eq!(
            join_url("http://h:1/svc/alerts", "/svc/api/v1/x"),
            "http://h:1/svc/alerts/svc/api/v1/x"
        );
        assert_eq!(join_url("https://h/", "/api"), "https://h/api");
        assert_eq!(join_url("https://h", "v1/k"), "https://h/v1/k");
    }

    #[test]
    fn client_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone + 'static>() {}
        check::<Client>();
    }
}
