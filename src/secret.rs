//! [`Secret`]: a string that never shows itself.

use std::fmt;

use serde::{Deserialize, Deserializer};

/// A password, TOTP code, token or API secret.
///
/// `Debug` and `Display` print `[redacted]`; only [`Secret::expose`] gives the value. `Secret`
/// does not implement `Serialize`, so it cannot leak into logs or files through serde by
/// accident: the generated wire types write a `format: password` field through one audited
/// function when they send it.
///
/// ```
/// let secret = code42::Secret::new("hunter2");
/// assert_eq!(format!("{secret:?}"), "Secret([redacted])");
/// assert_eq!(secret.expose(), "hunter2");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself. Use it only to send it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The value, for the generated wire types' `Serialize` impls only: the one place a secret
    /// is written out on purpose (a `format: password` field of a request being sent, or a
    /// token response served by the fake tenant).
    pub(crate) fn expose_for_wire(&self) -> &str {
        &self.0
    }

    /// Whether the value is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(Secret(value.to_owned()))
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}
