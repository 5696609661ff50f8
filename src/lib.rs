#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod administration;
pub mod alert_rules;
pub mod alerts;
mod auth;
pub mod cases;
mod change;
mod client;
pub mod clock;
mod config;
pub mod devices;
mod directory;
mod discovery;
mod error;
pub mod file_events;
mod ids;
mod limiter;
mod operation;
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
    DEFAULT_READ_TIMEOUT, EnvLookup,
};
pub use error::{ApiError, ApiErrorKind, DecodeError, Error, Result};
pub use ids::{DeviceGuid, DeviceId, OrgGuid, OrgId, OrgUid, UserId, UserUid};
pub use limiter::RateLimit;
pub use operation::{
    AuthScheme, Host, Method, Operation, OperationInfo, PagingSpec, PagingStyle, ParamLocation,
    ResponseKind, ToParam, encode_path_segment,
};
pub use paging::{Cursor, Pager};
pub use raw::{RawRequest, ResponseBody};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use timestamp::Timestamp;

pub mod wire;
