#![doc = "code42"]
#![deny(missing_docs)]

mod error;
mod operation;
mod secret;
mod timestamp;

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
