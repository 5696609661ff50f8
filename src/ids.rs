//! Typed ids of console objects: one loose newtype per kind, so that an org id cannot be passed
//! where a device id or an org guid is expected.
//!
//! The console uses three ids for an org (numeric id, uid, guid), two for a device (numeric id,
//! guid) and two for a user (numeric id, uid); each call takes the one its endpoint uses. The
//! newtypes are loose: numeric ids must be positive and text ids non-empty, nothing more is
//! checked (the formats are the server's business).
//!
//! ```
//! use code42::{OrgGuid, UserId};
//! let user = UserId::new(1001);
//! let org: OrgGuid = "a9578c3d-736b-4d96-80e5-71edd8a11ea3".into();
//! assert_eq!(user.to_string(), "1001");
//! assert_eq!(org.as_str(), "a9578c3d-736b-4d96-80e5-71edd8a11ea3");
//! ```

use std::fmt;
use std::str::FromStr;

use crate::{Error, Result};

macro_rules! numeric_id {
    ($(#[$doc:meta])* $name:ident, $arg:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(i64);

        impl $name {
            /// The id.
            pub const fn new(id: i64) -> Self {
                $name(id)
            }
            /// The number.
            pub const fn get(self) -> i64 {
                self.0
            }
            /// The number, or [`Error::InvalidInput`] naming the argument when it is not positive.
            pub(crate) fn checked(self) -> Result<i64> {
                if self.0 > 0 {
                    Ok(self.0)
                } else {
                    Err(Error::invalid($arg, format!("must be positive, not {}", self.0)))
                }
            }
        }

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                s.trim()
                    .parse::<i64>()
                    .map($name)
                    .map_err(|_| Error::invalid($arg, format!("`{s}` is not a number")))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    };
}

macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident, $arg:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The id.
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }
            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
            /// The text, or [`Error::InvalidInput`] naming the argument when it is empty.
            pub(crate) fn checked(&self) -> Result<&str> {
                if self.0.trim().is_empty() {
                    Err(Error::invalid($arg, "is empty"))
                } else {
                    Ok(&self.0)
                }
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl From<&String> for $name {
            fn from(id: &String) -> Self {
                $name(id.clone())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

numeric_id!(
    /// An org's numeric id (`orgId`): v1 org calls, user moves, agent state by org.
    OrgId,
    "org_id"
);
text_id!(
    /// An org's uid (`orgUid`): user and device filters, new users.
    OrgUid,
    "org_uid"
);
text_id!(
    /// An org's guid (`orgGuid`): the v3 org API (get, create, update, block, deactivate).
    OrgGuid,
    "org_guid"
);
numeric_id!(
    /// A device's numeric id (`computerId`): block, deactivate, deauthorize.
    DeviceId,
    "device_id"
);
text_id!(
    /// A device's guid (`guid`): agent state, settings, upgrade, backup usage.
    DeviceGuid,
    "device_guid"
);
numeric_id!(
    /// A user's numeric id (`userId`): the v1 user calls.
    UserId,
    "user_id"
);
text_id!(
    /// A user's uid (`userUid`): the v3 user calls (block, deactivate, move, roles), SCIM data.
    UserUid,
    "user_uid"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_checks_only() {
        assert!(OrgId::new(0).checked().is_err());
        assert!(OrgId::new(-3).checked().is_err());
        assert_eq!(OrgId::new(7).checked().ok(), Some(7));
        assert!(UserUid::new(" ").checked().is_err());
        assert_eq!(UserUid::new("x").checked().ok(), Some("x"));
        assert_eq!("42".parse::<DeviceId>().ok(), Some(DeviceId::new(42)));
        match "4x".parse::<DeviceId>() {
            Err(Error::InvalidInput { argument, .. }) => assert_eq!(argument, "device_id"),
            other => panic!("{other:?}"),
        }
    }
}
