//! [`Error`]: the one error type of the crate.

use std::fmt;
use std::time::Duration;

/// Everything that can go wrong. Match on the variant, and for [`Error::Api`] on
/// [`ApiError::kind`].
///
/// ```
/// # fn demo(result: Result<(), code42::Error>) {
/// match result {
///     Err(code42::Error::Api(e)) if e.kind() == code42::ApiErrorKind::NotFound => {}
///     Err(e) => eprintln!("{e}"),
///     Ok(()) => {}
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an error status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The request could not be sent or its response not read (DNS, connection, I/O). The
    /// underlying error is the [`source`](std::error::Error::source): walk the chain to find,
    /// for example, an [`std::io::Error`] of kind
    /// [`ConnectionRefused`](std::io::ErrorKind::ConnectionRefused).
    #[error("{method} {url}: {message}")]
    Transport {
        /// HTTP method.
        method: &'static str,
        /// URL without the query string.
        url: String,
        /// What failed.
        message: String,
        /// The underlying error.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// A connect, read or overall timeout elapsed.
    #[error("{method} {url}: timed out ({message})")]
    Timeout {
        /// HTTP method.
        method: &'static str,
        /// URL without the query string.
        url: String,
        /// Which timeout.
        message: String,
        /// The underlying error.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// The TLS handshake failed (an untrusted certificate, or a server that does not speak
    /// TLS on that port). Not retried: the same handshake fails the same way again.
    #[error("{method} {url}: TLS failed: {message}")]
    Tls {
        /// HTTP method.
        method: &'static str,
        /// URL without the query string.
        url: String,
        /// What failed.
        message: String,
        /// The underlying error (rustls's, when it has one).
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// A response body the SDK buffers or decodes was larger than the limit
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)),
    /// counted after decompression. Reading stopped at the limit; not retried.
    #[error("{method} {url}: the response body is larger than the limit of {limit} bytes")]
    ResponseTooLarge {
        /// HTTP method.
        method: &'static str,
        /// URL without the query string.
        url: String,
        /// The limit, in (decompressed) bytes.
        limit: u64,
    },
    /// A response did not have the shape the spec describes.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// An argument was rejected before any request was sent.
    #[error("invalid argument `{argument}`: {reason}")]
    InvalidInput {
        /// The argument's name.
        argument: &'static str,
        /// Why it was rejected.
        reason: String,
    },
    /// A service could not be located through the console's discovery chain.
    #[error("cannot locate service `{service}`: {reason}")]
    Discovery {
        /// The key-value-store key (or `key-value-store`).
        service: String,
        /// Why.
        reason: String,
        /// The underlying error, if there is one.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// A paged listing misbehaved (for example the server sent the same page again and again).
    #[error("{operation}: paging stopped: {reason}")]
    Paging {
        /// The paged operation.
        operation: &'static str,
        /// Why.
        reason: String,
        /// The underlying error, if there is one.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// Authentication could not produce a token (no usable credentials, a failing JWT
    /// provider, a token response without a token). Rejected credentials are
    /// [`Error::Api`] with [`ApiErrorKind::Unauthorized`].
    #[error("authentication failed: {message}")]
    Auth {
        /// What failed.
        message: String,
        /// The underlying error (a JWT provider's), if there is one.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// The call or the credentials do not work on the plane the call goes to: a local account
    /// (or a JWT provider) on an Incydr API gateway operation, which takes API-client
    /// credentials only, or a resource that one plane does not serve. Nothing was sent.
    #[error("{operation}: unsupported on the {plane}: {reason}")]
    Unsupported {
        /// The operation (or facade call) refused.
        operation: &'static str,
        /// `console` or `API gateway`.
        plane: &'static str,
        /// Why.
        reason: String,
    },
    /// A downloaded file's SHA-256 is not the one asked for (the gateway's files API): the
    /// bytes written are not that file.
    #[error("the file downloaded has SHA-256 {actual}, not {expected}")]
    ChecksumMismatch {
        /// The SHA-256 asked for.
        expected: String,
        /// The SHA-256 of what was written.
        actual: String,
    },
    /// No file event names a file with this checksum together with what a download needs
    /// (device, both hashes, directory and name): py42's `Py42ChecksumNotFoundError`.
    #[error("no file event has a downloadable file with {algorithm} {checksum}")]
    ChecksumNotFound {
        /// `SHA256` or `MD5`.
        algorithm: &'static str,
        /// The checksum asked for.
        checksum: String,
    },
    /// File events name the file, but no copy of it can be downloaded (py42's `Py42Error`
    /// "No file with hash … available for download").
    #[error("the file with checksum {checksum} cannot be downloaded: {reason}")]
    FileUnavailable {
        /// The checksum asked for.
        checksum: String,
        /// Why (the service's failure reports, or a missing or untrusted download URL).
        reason: String,
    },
    /// Writing a downloaded body to the caller's writer failed.
    #[error("writing the response body failed: {0}")]
    Io(#[from] std::io::Error),
}

// `Error` crosses threads (the prefetching pager) and goes into `Box<dyn Error + Send + Sync>`.
const _: () = {
    const fn assert_send_sync_static<T: Send + Sync + 'static>() {}
    assert_send_sync_static::<Error>();
};

/// Shorthand for `Result<T, code42::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An [`Error::InvalidInput`] naming the argument.
    pub fn invalid(argument: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            argument,
            reason: reason.into(),
        }
    }

    /// The API error, if the server answered with an error status.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The [`ApiErrorKind`], if the server answered with an error status.
    pub fn api_kind(&self) -> Option<ApiErrorKind> {
        self.api().map(ApiError::kind)
    }

    /// Whether the same call may succeed if tried again later: a 429 or 5xx answer, a
    /// connection that failed or broke (refused, reset, cut short), a timeout. False for
    /// everything a repeat cannot fix: other error statuses (4xx), decode errors, invalid
    /// input, TLS failures, a body over the size limit, paging and authentication failures,
    /// a failing writer.
    ///
    /// The client already retried transient failures as far as its
    /// [`RetryPolicy`](crate::RetryPolicy) allows (non-idempotent calls after a 429 only);
    /// this tells a caller whether trying later is worthwhile.
    ///
    /// ```
    /// # fn demo(result: Result<(), code42::Error>) {
    /// if let Err(e) = result {
    ///     if e.is_transient() {
    ///         // put the job back in the queue
    ///     }
    /// }
    /// # }
    /// ```
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Api(e) => matches!(
                e.kind().base(),
                ApiErrorKind::TooManyRequests | ApiErrorKind::Server
            ),
            Error::Transport { .. } | Error::Timeout { .. } => true,
            _ => false,
        }
    }
}

/// An error status from the server, with its message and the request it answered.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiError {
    pub(crate) status: u16,
    pub(crate) kind: ApiErrorKind,
    pub(crate) message: String,
    pub(crate) operation: &'static str,
    pub(crate) method: &'static str,
    pub(crate) url: String,
    pub(crate) request_id: Option<String>,
    pub(crate) retry_after: Option<Duration>,
    /// The body, truncated and redacted; empty for authentication calls.
    pub(crate) body: String,
}

impl ApiError {
    /// The same error as another kind (a facade that knows what a status means for its call),
    /// with the message replaced when one is given.
    pub(crate) fn reclassify(mut self, kind: ApiErrorKind, message: Option<String>) -> Self {
        self.kind = kind;
        if let Some(message) = message {
            self.message = message;
        }
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// What kind of error it is.
    pub fn kind(&self) -> ApiErrorKind {
        self.kind
    }
    /// The server's message, as extracted from the known error body shapes.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The operation id (`raw` for the escape hatch).
    pub fn operation(&self) -> &'static str {
        self.operation
    }
    /// HTTP method of the request.
    pub fn method(&self) -> &'static str {
        self.method
    }
    /// URL of the request, without its query string.
    pub fn url(&self) -> &str {
        &self.url
    }
    /// The server's request id, when it sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// How long the server asked to wait (`Retry-After`), if it did.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
    /// The response body, truncated and with secret-looking values redacted.
    pub fn body(&self) -> &str {
        &self.body
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} ({}) failed: {} {:?}",
            self.method, self.url, self.operation, self.status, self.kind
        )?;
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("url", &self.url)
            .field("request_id", &self.request_id)
            .field("retry_after", &self.retry_after)
            .field("body", &self.body)
            .finish()
    }
}

impl std::error::Error for ApiError {}

/// What an error status means. py42's exception classes become kinds; a service-specific
/// kind's [`base`](ApiErrorKind::base) is the status kind py42's class derived from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 400.
    BadRequest,
    /// 401.
    Unauthorized,
    /// 401 asking for a TOTP code (two-factor authentication).
    MfaRequired,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 409.
    Conflict,
    /// 429.
    TooManyRequests,
    /// 5xx.
    Server,
    /// Any other error status.
    Other,
    /// 5xx `USER_DUPLICATE`: the username is taken.
    UserAlreadyExists,
    /// 5xx `USERNAME_NOT_AN_EMAIL`.
    UsernameMustBeEmail,
    /// 5xx `EMAIL_INVALID`.
    InvalidEmail,
    /// 5xx `NEW_PASSWORD_INVALID`.
    InvalidPassword,
    /// 5xx `INVALID_USERNAME`.
    InvalidUsername,
    /// 400 `Organization was not found` / `Unable to find org`.
    OrgNotFound,
    /// 400 `ACTIVE_LEGAL_HOLD`: the user or device is on legal hold.
    ActiveLegalHold,
    /// 400 `USER_ALREADY_IN_HOLD` / `User already on list`.
    UserAlreadyAdded,
    /// 400 `At least one criteria must be specified`.
    LegalHoldCriteriaMissing,
    /// 400 `ALREADY_DEACTIVATED`.
    LegalHoldAlreadyDeactivated,
    /// 400 `ALREADY_ACTIVE`.
    LegalHoldAlreadyActive,
    /// 400 `CREATE_FAILED` on a push restore.
    BadRestoreRequest,
    /// 5xx `PRIVATE_PASSWORD_INVALID`.
    InvalidArchivePassword,
    /// 5xx `CUSTOM_KEY_INVALID`.
    InvalidArchiveEncryptionKey,
    /// 400 `INVALID_PAGE_TOKEN`.
    InvalidPageToken,
    /// 400 `NAME_EXISTS`: a case with that name exists.
    CaseNameExists,
    /// 400 `NO_EDITS_ONCE_CLOSED` / `CASE_IS_CLOSED`.
    UpdateClosedCase,
    /// 400 `DESCRIPTION_TOO_LONG`.
    DescriptionTooLong,
    /// 400 `INVALID_USER` with `subject` or `assignee` in the body: the case's subject or
    /// assignee is not a user of the tenant.
    InvalidCaseUser,
    /// 400 `CASE_ALREADY_HAS_EVENT`.
    CaseAlreadyHasEvent,
    /// 400 `Cloud usernames must be less than or equal to …`.
    CloudAliasLimitExceeded,
    /// 400 `INVALID_CHARACTERS_IN_VALUE` (trusted activities).
    InvalidCharacters,
    /// 404 from an alert rule's user-list calls: no rule with that id (py42
    /// `Py42InvalidRuleError`).
    InvalidRule,
    /// 5xx from an alert rule's user-list calls on a system rule (created by the departing-employee
    /// or high-risk lists), which only those lists may edit (py42
    /// `Py42InvalidRuleOperationError`).
    InvalidRuleOperation,
    /// 400 from an Incydr file-event search or grouping on the gateway: the query was refused
    /// (incydr's `InvalidQueryException`, incydr.md §5); the message carries the `problems`.
    InvalidQuery,
}

impl ApiErrorKind {
    /// The status kind this kind refines (itself for status kinds).
    pub fn base(self) -> ApiErrorKind {
        use ApiErrorKind::*;
        match self {
            UserAlreadyExists
            | UsernameMustBeEmail
            | InvalidEmail
            | InvalidPassword
            | InvalidUsername
            | InvalidArchivePassword
            | InvalidArchiveEncryptionKey
            | InvalidRuleOperation => Server,
            OrgNotFound
            | ActiveLegalHold
            | UserAlreadyAdded
            | LegalHoldCriteriaMissing
            | LegalHoldAlreadyDeactivated
            | LegalHoldAlreadyActive
            | BadRestoreRequest
            | InvalidPageToken
            | CaseNameExists
            | UpdateClosedCase
            | DescriptionTooLong
            | InvalidCaseUser
            | CaseAlreadyHasEvent
            | CloudAliasLimitExceeded
            | InvalidCharacters
            | InvalidQuery => BadRequest,
            MfaRequired => Unauthorized,
            InvalidRule => NotFound,
            other => other,
        }
    }

    /// The status kind for a status code.
    pub fn from_status(status: u16) -> ApiErrorKind {
        match status {
            400 => ApiErrorKind::BadRequest,
            401 => ApiErrorKind::Unauthorized,
            403 => ApiErrorKind::Forbidden,
            404 => ApiErrorKind::NotFound,
            409 => ApiErrorKind::Conflict,
            429 => ApiErrorKind::TooManyRequests,
            500..=599 => ApiErrorKind::Server,
            _ => ApiErrorKind::Other,
        }
    }
}

/// A response body that does not match its spec.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub(crate) operation: &'static str,
    pub(crate) path: String,
    pub(crate) message: String,
    pub(crate) excerpt: String,
}

impl DecodeError {
    /// The operation whose response failed to decode.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
    /// Where in the document decoding failed (`data.users[3].userId`).
    pub fn path(&self) -> &str {
        &self.path
    }
    /// serde's message.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// A short excerpt of the body around the failure (empty for authentication calls).
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: cannot decode the response at `{}`: {}",
            self.operation, self.path, self.message
        )?;
        if !self.excerpt.is_empty() {
            write!(f, " (near `{}`)", self.excerpt)?;
        }
        Ok(())
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for DecodeError {}

impl Error {
    /// A [`DecodeError`] with no excerpt (`path` `.` for the whole body).
    pub(crate) fn decode(operation: &'static str, path: &str, message: impl Into<String>) -> Error {
        Error::Decode(Box::new(DecodeError {
            operation,
            path: path.to_owned(),
            message: message.into(),
            excerpt: String::new(),
        }))
    }
}

/// A response body as text: not UTF-8 is a decode error of the whole body.
pub(crate) fn body_text(operation: &'static str, body: Vec<u8>) -> Result<String> {
    String::from_utf8(body)
        .map_err(|e| Error::decode(operation, ".", format!("the body is not UTF-8: {e}")))
}

/// Decodes `text` as `T`, reporting the JSON path of a failure. `prefix` is prepended to the
/// path (the item's place in the page); `excerpt` is off for authentication calls.
pub(crate) fn decode_json<T: serde::de::DeserializeOwned>(
    operation: &'static str,
    prefix: &str,
    text: &str,
    excerpt: bool,
) -> Result<T> {
    // Fast path without path tracking (which costs on every field); on failure, decode again
    // with it to say where.
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let fail = |path: String, inner: &serde_json::Error| {
        let path = match (prefix, path.as_str()) {
            ("", p) => p.to_owned(),
            (p, ".") => p.to_owned(),
            (p, rest) => format!("{p}.{rest}"),
        };
        // serde's message quotes the offending value (`invalid type: string "…"`): for
        // authentication calls, whose bodies may hold a credential, only its kind and place are
        // kept (found by fuzzing).
        let (message, excerpt) = if excerpt {
            (
                inner.to_string(),
                excerpt_at(text, inner.line(), inner.column()),
            )
        } else {
            (
                format!(
                    "{:?} error at line {} column {} (details withheld: an authentication body)",
                    inner.classify(),
                    inner.line(),
                    inner.column()
                ),
                String::new(),
            )
        };
        Error::Decode(Box::new(DecodeError {
            operation,
            path,
            message,
            excerpt,
        }))
    };
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| fail(e.path().to_string(), e.inner()))?;
    de.end().map_err(|e| fail(".".to_owned(), &e))?;
    Ok(value)
}

/// Up to 40 characters either side of a (1-based) line and column.
fn excerpt_at(text: &str, line: usize, column: usize) -> String {
    let Some(line_text) = text.lines().nth(line.saturating_sub(1)) else {
        return String::new();
    };
    let chars: Vec<char> = line_text.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(40);
    let end = (at + 40).min(chars.len());
    chars
        .get(start..end)
        .map(|c| c.iter().collect())
        .unwrap_or_default()
}

/// The server's message from the known error body shapes:
/// `[{"name","description"}]`, `{"data":[…]}`, `{"error":[{"primaryErrorKey"}]}`,
/// `{"message"|"description"|"detail"|"problem"|"error_description"|"error": "…"}`,
/// `{"pop-bulletin":{"text$":"…"}}`; any other object says its first field
/// (`{"agentsNotFound":["5678"]}` → `agentsNotFound: 5678`).
pub(crate) fn server_message(body: &str) -> String {
    use serde_json::Value;
    fn from_value(v: &Value) -> Option<String> {
        match v {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Array(items) => items.iter().find_map(from_value),
            Value::Object(map) => {
                for key in [
                    "description",
                    "message",
                    "detail",
                    "error_description",
                    "problem",
                    "primaryErrorKey",
                    "text$",
                    "reason",
                    "title",
                    "name",
                ] {
                    if let Some(Value::String(s)) = map.get(key).filter(|v| v != &"") {
                        return Some(s.clone());
                    }
                }
                ["error", "errors", "data", "pop-bulletin"]
                    .iter()
                    .find_map(|k| map.get(*k).and_then(from_value))
            }
            _ => None,
        }
    }
    /// `key: value` for the first field whose value is text, a number or a list of them.
    fn first_field(v: &Value) -> Option<String> {
        let scalar = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        };
        let Value::Object(map) = v else {
            return None;
        };
        map.iter().find_map(|(key, value)| {
            let text = match value {
                Value::Object(_) => return first_field(value),
                Value::Array(items) => {
                    let parts: Option<Vec<String>> = items.iter().map(scalar).collect();
                    parts.filter(|p| !p.is_empty())?.join(", ")
                }
                other => scalar(other)?,
            };
            Some(truncate(&format!("{key}: {text}"), 200))
        })
    }
    match serde_json::from_str::<Value>(body) {
        Ok(v) => from_value(&v)
            .or_else(|| first_field(&v))
            .unwrap_or_default(),
        Err(_) => truncate(body.trim(), 200),
    }
}

/// Keeps at most `max` bytes, cut on a character boundary, marking the cut.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// Replaces the values of secret-looking JSON keys with `[redacted]` and truncates.
pub(crate) fn redact_body(body: &str) -> String {
    const SECRET_KEYS: &[&str] = &["password", "token", "secret", "totp", "authorization"];
    fn walk(v: &mut serde_json::Value) {
        use serde_json::Value;
        match v {
            Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    let lower = k.to_ascii_lowercase();
                    if SECRET_KEYS.iter().any(|s| lower.contains(s)) {
                        *v = Value::String("[redacted]".into());
                    } else {
                        walk(v);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(mut v) => {
            walk(&mut v);
            truncate(&v.to_string(), 2048)
        }
        Err(_) => truncate(body, 2048),
    }
}

/// Replaces every occurrence of a known secret (as is and JSON-escaped) with `[redacted]`,
/// then anything that looks like a credential: the word after `Bearer` or `Basic`, and JWTs
/// (`eyJ…` with two dots).
pub(crate) fn redact_secrets(text: &str, secrets: &[&str]) -> String {
    const REDACTED: &str = "[redacted]";
    let mut out = text.to_owned();
    let mut known: Vec<String> = Vec::new();
    for secret in secrets.iter().map(|s| s.trim()).filter(|s| s.len() >= 3) {
        known.push(secret.to_owned());
        if let Ok(quoted) = serde_json::to_string(secret) {
            let escaped = quoted.trim_matches('"');
            if escaped != secret {
                known.push(escaped.to_owned());
            }
        }
    }
    // Longest first, so a secret that contains another is replaced whole.
    known.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for secret in &known {
        if out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), REDACTED);
        }
    }
    redact_credential_shapes(&out)
}

/// Redacts the credential after `Bearer ` / `Basic ` (any case) and JWT-shaped words.
fn redact_credential_shapes(text: &str) -> String {
    let is_token_char = |c: u8| {
        c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~' | b'+' | b'/' | b'=')
    };
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // text[..copied] is in `out` (or replaced)
    let mut at = 0;
    while let Some(rest) = bytes.get(at..).filter(|rest| !rest.is_empty()) {
        let after_token_char = at
            .checked_sub(1)
            .and_then(|before| bytes.get(before))
            .is_some_and(|&c| is_token_char(c));
        let skip = if rest.starts_with(b"bearer ") {
            7
        } else if rest.starts_with(b"basic ") {
            6
        } else if rest.starts_with(b"eyj") && !after_token_char {
            0
        } else {
            at += 1;
            continue;
        };
        let start = at + skip;
        let word_len = rest
            .get(skip..)
            .unwrap_or_default()
            .iter()
            .position(|&c| !is_token_char(c))
            .unwrap_or(bytes.len() - start);
        let end = start + word_len;
        let word = bytes.get(start..end).unwrap_or_default();
        let secret = if skip > 0 {
            word.len() >= 8
        } else {
            word.len() >= 20 && word.iter().filter(|&&c| c == b'.').count() >= 2
        };
        if secret {
            // All needles and token characters are ASCII: these are char boundaries (the
            // lowercase copy has the same byte offsets as `text`).
            out.push_str(text.get(copied..start).unwrap_or_default());
            out.push_str("[redacted]");
            copied = end;
            at = end;
        } else {
            at = start.max(at + 1);
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_secrets_and_credential_shapes_are_redacted() {
        let jwt = "eyJhbGciOiJub25lIn0.eyJleHAiOjF9.c2lnbmF0dXJl";
        let text = format!(
            r#"bad request: password "hunter2-pass" with "Authorization: Basic YWRtaW46aHVudGVy", bearer {jwt}, totp 123456, "q\"uote""#
        );
        let out = redact_secrets(&text, &["hunter2-pass", "123456", "q\"uote"]);
        for gone in ["hunter2-pass", "YWRtaW46aHVudGVy", jwt, "123456", "uote"] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
        assert!(out.starts_with("bad request: password"), "{out}");
        // Ordinary words survive, including ones that start like a scheme.
        assert_eq!(
            redact_secrets("Basic plan; bearer ok", &[]),
            "Basic plan; bearer ok"
        );
        assert_eq!(redact_secrets("ééé eyJ short", &["x"]), "ééé eyJ short");
    }

    /// An authentication body that is not the expected shape may hold a credential: the decode
    /// error says what kind of error and where, never the value (found by the `http` fuzz target).
    #[test]
    fn a_decode_error_of_an_authentication_body_does_not_quote_it() {
        let err = decode_json::<std::collections::BTreeMap<String, String>>(
            "getApiClientToken",
            "",
            r#""fuzz-secret""#,
            false,
        )
        .unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains("fuzz-secret"), "{text}");
        assert!(text.contains("getApiClientToken"), "{text}");
        let err = decode_json::<std::collections::BTreeMap<String, String>>(
            "listUsers",
            "",
            r#""visible""#,
            true,
        )
        .unwrap_err();
        assert!(err.to_string().contains("visible"), "{err}");
    }

    #[test]
    fn messages_come_from_every_known_shape() {
        assert_eq!(
            server_message(r#"[{"name":"SYSTEM","description":"User not found"}]"#),
            "User not found"
        );
        assert_eq!(
            server_message(r#"{"data": [{"name": "EMAIL_INVALID"}]}"#),
            "EMAIL_INVALID"
        );
        assert_eq!(
            server_message(
                r#"{"error":[{"primaryErrorKey":"TIME_BASED_ONE_TIME_PASSWORD_REQUIRED"}]}"#
            ),
            "TIME_BASED_ONE_TIME_PASSWORD_REQUIRED"
        );
        assert_eq!(
            server_message(r#"{"problem":"NAME_EXISTS","description":null}"#),
            "NAME_EXISTS"
        );
        assert_eq!(
            server_message(
                r#"{"pop-bulletin":{"type$":"com.example.Messages.Invalid","text$":"Command is invalid: too many","details":[],"reason":"too many"}}"#
            ),
            "Command is invalid: too many"
        );
        assert_eq!(
            server_message(r#"{"pop-bulletin":{"type$":"x.Y","details":[],"user":"u1"}}"#),
            "type$: x.Y"
        );
        assert_eq!(
            server_message(r#"{"agentsNotFound":["a-1","b-2"]}"#),
            "agentsNotFound: a-1, b-2"
        );
        assert_eq!(
            server_message(
                r#"{"timestamp":"2021-01-06T16:54:44.668+00:00","status":400,"error":"Bad Request","message":"NO_EDITS_ONCE_CLOSED","path":"/x"}"#
            ),
            "NO_EDITS_ONCE_CLOSED"
        );
        assert_eq!(server_message("plain text"), "plain text");
        assert_eq!(server_message(""), "");
    }

    #[test]
    fn bodies_are_redacted() {
        let out = redact_body(r#"{"v3_user_token":"abc","nested":{"password":"p"},"ok":1}"#);
        assert!(!out.contains("abc") && !out.contains("\"p\""), "{out}");
        assert!(out.contains("\"ok\":1"));
    }
}
