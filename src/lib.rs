//! A blocking, synchronous client for the Code42 / Incydr REST APIs: for command-line tools,
//! cron jobs, SIEM/SOAR connectors and scripts that are not async. It covers what the Python
//! SDK py42 covers, with typed requests and responses generated from OpenAPI specs, typed
//! errors, and lazy paging that can resume.
//!
//! # A complete program
//!
//! ```no_run
//! use code42::query::alerts::{self as af, AlertQuery, AlertState, RiskSeverity};
//! use code42::users::UserFilter;
//! use code42::{ApiErrorKind, Client, Error};
//!
//! fn main() -> Result<(), Error> {
//!     let client = Client::builder("console.us.code42.com")
//!         .api_client("key-123", "secret")
//!         .build()?;
//!
//!     // Every active user, fetched lazily 500 at a time.
//!     let active = UserFilter::new().active(true);
//!     for user in client.users().list(&active)? {
//!         let user = user?;
//!         println!("{} {}", user.user_uid, user.username);
//!     }
//!
//!     // Open critical alerts.
//!     let open = AlertQuery::all([
//!         af::state().eq(AlertState::Open),
//!         af::risk_severity().is_in([RiskSeverity::Critical]),
//!     ]);
//!     for alert in client.alerts().search(&open)?.take(20) {
//!         println!("{:?}", alert?.name);
//!     }
//!
//!     match client.users().get_by_uid("no-such-user") {
//!         Ok(user) => println!("found {}", user.username),
//!         Err(Error::Api(e)) if e.kind() == ApiErrorKind::NotFound => println!("no such user"),
//!         Err(e) => return Err(e),
//!     }
//!     Ok(())
//! }
//! ```
//!
//! Settings come from the [`ClientBuilder`] first, then `CODE42_*` environment variables
//! (`CODE42_HOST`, `CODE42_USERNAME`, `CODE42_PASSWORD`, `CODE42_TOTP`,
//! `CODE42_API_CLIENT_ID`, `CODE42_API_CLIENT_SECRET`, `CODE42_TIMEOUT_SECS`,
//! `CODE42_PROXY`), then defaults: [`Client::from_env`] needs nothing else. A client talks to a
//! console host, an Incydr API gateway ([`ClientBuilder::api_url`]), or both.
//!
//! # Services
//!
//! Each service is a handle on the client; every one follows the same pattern.
//!
//! | Handle | What |
//! |---|---|
//! | [`client.users()`](Client::users) | users of the console |
//! | [`client.cases()`](Client::cases) | cases, their file events and exports |
//! | [`client.alerts()`](Client::alerts) | alert search, details, state and notes |
//! | [`client.alert_rules()`](Client::alert_rules) | alert rules and their user lists |
//! | [`client.file_events()`](Client::file_events) | forensic search, saved searches, downloads |
//!
//! Queries and filters are built in [`query`] with typed terms: a term with known values takes
//! its enum, so a misspelt value does not compile. Operations no handle wraps yet run through
//! [`Client::execute`] with the generated request types in [`wire`], or through
//! [`Client::raw`].
//!
//! # Paging
//!
//! A listing is `client.<service>().list(&filter)` (or `search(&query)`): a [`Pager`] that has
//! fetched nothing yet and yields typed items one at a time. One page is
//! `page(&filter, n)`, numbered from 1. [`Pager::cursor`] is a serialisable [`Cursor`];
//! `list(&filter)?.resume(&cursor)?` continues after the last item yielded, and a cursor of
//! another filter or query is refused. [`Pager::decode_as`] decodes items as your own type.
//!
//! ```no_run
//! # let client = code42::Client::builder("h").api_client("k", "s").build()?;
//! use code42::query::file_events::{FileEventQuery, V2};
//! let query = FileEventQuery::<V2>::new().page_size(10_000);
//! let mut events = client.file_events().search(&query)?;
//! for event in events.by_ref().take(25_000) {
//!     let _event = event?;
//! }
//! let saved = serde_json::to_string(&events.cursor())?;
//! // … later, in another run:
//! let cursor: code42::Cursor = serde_json::from_str(&saved)?;
//! for event in client.file_events().search(&query)?.resume(&cursor)? {
//!     let _event = event?;
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Errors
//!
//! Every call returns [`Result`]: one [`Error`] enum. [`Error::Api`] carries the status, an
//! [`ApiErrorKind`] (py42's exception classes, declared by each service), the server's message,
//! the operation and the request id. Bad arguments fail with [`Error::InvalidInput`] naming the
//! argument before anything is sent. Secrets never appear in `Debug`, errors or logs.
//!
//! # Testing against a fake tenant
//!
//! The `code42-fake` crate (a member of this workspace) is a stateful fake Code42 tenant on
//! 127.0.0.1: users, cases, alerts, rules and file events, with the real services' rejections.
//! Add it as a dev-dependency and point a client at it:
//!
//! ```ignore
//! let tenant = code42_fake::FakeTenant::start()?;
//! let client = code42::Client::builder(tenant.url())
//!     .api_client(tenant.api_client_id(), tenant.api_client_secret())
//!     .build()?;
//! assert!(client.users().list(&Default::default())?.count() > 0);
//! ```
//!
//! `c42 fake-tenant serve` serves one from the command line.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(missing_debug_implementations)]
// Nothing a server sends may panic the client: no unwrap/expect/panic/unchecked indexing in the
// library (tests may). Duration/instant arithmetic is checked in the modules that do it
// (`arithmetic_side_effects` in retry, auth, paging, limiter, timestamp).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod administration;
pub mod alert_rules;
pub mod alerts;
mod auth;
pub mod cases;
mod change;
mod classify;
mod client;
pub mod clock;
mod config;
pub mod devices;
mod directory;
mod discovery;
mod error;
pub mod file_events;
mod ids;
pub mod incydr;
mod limiter;
pub mod operation;
pub mod orgs;
pub mod paging;
pub mod query;
mod raw;
mod request;
mod retry;
mod secret;
mod timestamp;
mod transport;
pub mod users;

pub use auth::{Credentials, JwtProvider, Totp, TotpCallback};
pub use change::Change;
pub use client::{Client, WhoAmI};
pub use config::{
    ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_OVERALL_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
};
pub use error::{ApiError, ApiErrorKind, DecodeError, Error, Result};
pub use ids::{DeviceGuid, DeviceId, OrgGuid, OrgId, OrgUid, UserId, UserUid};
pub use limiter::RateLimit;
pub use operation::{Host, Method};
// Generated code (`generated/*.rs`) names the plumbing at the crate root; users name it as
// `code42::operation::*`.
pub(crate) use operation::{
    AuthScheme, Operation, OperationInfo, PagingSpec, PagingStyle, ParamLocation, ResponseKind,
    ToParam, encode_path_segment,
};
pub use paging::{Cursor, Pager};
pub use raw::{RawRequest, ResponseBody};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use timestamp::Timestamp;

// Generated code (`generated/*.rs`) is exempt from the panic lints; it only (de)serialises.
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
pub mod wire;

/// Internals for the fuzz targets in `fuzz/`; compiled only with `--cfg fuzzing`.
#[cfg(fuzzing)]
#[doc(hidden)]
#[path = "fuzz_hooks.rs"]
pub mod __fuzz;

// The promises the docs make about threads, checked at compile time.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    const fn send<T: Send>() {}
    send_sync::<Client>();
    send_sync::<Error>();
    send::<Pager<serde_json::Value>>();
    send::<Pager<wire::authority::types::User>>();
};
