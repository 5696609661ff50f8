#![doc = "code42"]
#![deny(missing_docs)]

mod auth;
mod client;
pub mod clock;
mod config;
mod discovery;
mod error;
mod limiter;
pub mod paging;
mod raw;
mod request;
mod retry;
mod transport;
pub mod users;
mod operation;
mod secret;
mod timestamp;

pub use auth::{Credentials, JwtProvider, Totp, TotpCallback};
pub use client::{Client, WhoAmI};
pub use config::{
    ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_OVERALL_TIMEOUT, DEFAULT_READ_TIMEOUT,
    EnvLookup,
};
pub use limiter::RateLimit;
pub use paging::{Cursor, Pager};
pub use raw::{RawRequest, ResponseBody};
pub use retry::RetryPolicy;
pub use error::{ApiError, ApiErrorKind, DecodeError, Error, Result};
pub use operation::{
    AuthScheme, Host, Method, Operation, OperationInfo, PagingSpec, PagingStyle, ParamLocation,
    ResponseKind, ToParam, encode_path_segment,
};
pub use secret::Secret;
pub use timestamp::Timestamp;

pub mod wire;

#[cfg(feature = "fake")]
pub mod fake;
