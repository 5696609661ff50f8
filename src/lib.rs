#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod alert_rules;
pub mod alerts;
mod auth;
pub mod cases;
mod classify;
mod client;
pub mod clock;
mod config;
mod discovery;
mod error;
pub mod file_events;
mod limiter;
pub mod operation;
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
pub use client::{Client, WhoAmI};
pub use config::{
    ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_OVERALL_TIMEOUT, DEFAULT_READ_TIMEOUT,
};
pub use error::{ApiError, ApiErrorKind, DecodeError, Error, Result};
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

pub mod wire;
