//! The write side of `client.users()`: create, update, SCIM data, block, deactivation, moves
//! (authority.md §3.1, py42 1.29.1's form of each call).
//!
//! py42 1.29.1 takes a numeric user id and first reads the user to learn its uid; the v3 calls
//! here take the [`UserUid`] they send. [`Users::uid_of`] does that lookup when a caller has the
//! numeric id: one `GET /api/v1/User/{id}` per call, not cached (a uid never changes, but a
//! cache would grow with every user a bulk job touches).

use super::Users;
use crate::wire::authority::{ops, types};
use crate::{Change, Error, OrgId, OrgUid, Result, Secret, UserId, UserUid};

/// A new user for [`Users::create`].
///
/// ```
/// let new = code42::users::NewUser::new("890854247383106706", "ada@example.com", "ada@example.com")
///     .first_name("Ada").last_name("Lovelace");
/// # let _ = new;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct NewUser {
    /// The org the user joins.
    pub org_uid: OrgUid,
    /// Username (usually an email address).
    pub username: String,
    /// Email address.
    pub email: String,
    /// Password, for local accounts.
    pub password: Option<Secret>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Notes.
    pub notes: Option<String>,
}

impl NewUser {
    /// A user with a username and email address in an org.
    pub fn new(
        org_uid: impl Into<OrgUid>,
        username: impl Into<String>,
        email: impl Into<String>,
    ) -> Self {
        NewUser {
            org_uid: org_uid.into(),
            username: username.into(),
            email: email.into(),
            password: None,
            first_name: None,
            last_name: None,
            notes: None,
        }
    }
    /// Password (local accounts).
    pub fn password(mut self, password: impl Into<String>) -> Self {
        self.password = Some(Secret::new(password));
        self
    }
    /// First name.
    pub fn first_name(mut self, name: impl Into<String>) -> Self {
        self.first_name = Some(name.into());
        self
    }
    /// Last name.
    pub fn last_name(mut self, name: impl Into<String>) -> Self {
        self.last_name = Some(name.into());
        self
    }
    /// Notes.
    pub fn notes(mut self, notes: impl Into<String>) -> Self {
        self.notes = Some(notes.into());
        self
    }
}

/// New values for [`Users::update`]. Every key is sent, unset ones as `null`, as py42 does
/// (whether the server keeps or clears a field sent as `null` is not known: authority.md §9).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct UserUpdate {
    /// Username.
    pub username: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Password.
    pub password: Option<Secret>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// Archive quota in bytes.
    pub archive_quota_bytes: Option<i64>,
}

impl UserUpdate {
    /// Nothing set.
    pub fn new() -> Self {
        Self::default()
    }
    /// Username.
    pub fn username(mut self, v: impl Into<String>) -> Self {
        self.username = Some(v.into());
        self
    }
    /// Email address.
    pub fn email(mut self, v: impl Into<String>) -> Self {
        self.email = Some(v.into());
        self
    }
    /// Password.
    pub fn password(mut self, v: impl Into<String>) -> Self {
        self.password = Some(Secret::new(v));
        self
    }
    /// First name.
    pub fn first_name(mut self, v: impl Into<String>) -> Self {
        self.first_name = Some(v.into());
        self
    }
    /// Last name.
    pub fn last_name(mut self, v: impl Into<String>) -> Self {
        self.last_name = Some(v.into());
        self
    }
    /// Notes.
    pub fn notes(mut self, v: impl Into<String>) -> Self {
        self.notes = Some(v.into());
        self
    }
    /// Archive quota in bytes (`-1` for unlimited).
    pub fn archive_quota_bytes(mut self, v: i64) -> Self {
        self.archive_quota_bytes = Some(v);
        self
    }
}

fn not_empty(name: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        Err(Error::invalid(name, "is empty"))
    } else {
        Ok(())
    }
}

fn not_empty_opt(name: &'static str, value: &Option<String>) -> Result<()> {
    value.as_deref().map_or(Ok(()), |v| not_empty(name, v))
}

impl Users {
    /// Creates a user (`POST /api/v1/User`). A taken username is
    /// [`ApiErrorKind::UserAlreadyExists`](crate::ApiErrorKind::UserAlreadyExists).
    pub fn create(&self, new: NewUser) -> Result<types::User> {
        let org_uid = new.org_uid.checked()?.to_owned();
        not_empty("username", &new.username)?;
        not_empty("email", &new.email)?;
        let op = ops::CreateUser {
            body: types::CreateUserRequest {
                org_uid,
                username: new.username,
                email: new.email,
                password: new.password,
                first_name: new.first_name,
                last_name: new.last_name,
                notes: new.notes,
                extra: Default::default(),
                nulls: Default::default(),
            },
        };
        Ok(self.client.execute(&op)?.data)
    }

    /// Changes a user (`PUT /api/v1/User/{uid}?idType=uid`). Server-side checks come back as
    /// [`ApiErrorKind`](crate::ApiErrorKind) `UsernameMustBeEmail`, `InvalidEmail`,
    /// `InvalidPassword` or `InvalidUsername`.
    pub fn update(&self, uid: &UserUid, update: UserUpdate) -> Result<()> {
        let user_id = uid.checked()?.to_owned();
        not_empty_opt("username", &update.username)?;
        not_empty_opt("email", &update.email)?;
        let op = ops::UpdateUser {
            user_id,
            id_type: types::UserIdType::Uid,
            body: types::UpdateUserRequest {
                username: update.username,
                email: update.email,
                password: update.password,
                first_name: update.first_name,
                last_name: update.last_name,
                notes: update.notes,
                quota_in_bytes: update.archive_quota_bytes,
                extra: Default::default(),
                nulls: Default::default(),
            },
        };
        self.client.execute(&op)
    }

    /// A user's SCIM data: division, department, title
    /// (`GET /api/v18/scim-user-data/collated-view?userId={uid}`).
    pub fn scim_data(&self, uid: &UserUid) -> Result<types::ScimUserData> {
        let op = ops::GetScimUserData {
            user_id: uid.checked()?.to_owned(),
        };
        Ok(match self.client.execute(&op)? {
            types::ScimUserDataResponse::Variant0(wrapped) => wrapped.data,
            types::ScimUserDataResponse::Variant1(data) => data,
        })
    }

    /// The uid of the user with this numeric id: one `GET /api/v1/User/{id}` per call (not
    /// cached), as py42 1.29.1 does before every v3 user call.
    pub fn uid_of(&self, id: UserId) -> Result<UserUid> {
        Ok(UserUid::new(self.get_by_id(id.checked()?)?.user_uid))
    }

    /// Blocks a user (`POST /api/v3/users/{uid}/block`); [`Change::Already`] without a write
    /// when the user is blocked (read first with `GET /api/v1/User/{uid}?idType=uid`).
    pub fn block(&self, uid: &UserUid) -> Result<Change> {
        let user_uid = uid.checked()?.to_owned();
        if self.get_by_uid(&user_uid)?.blocked == Some(true) {
            return Ok(Change::Already);
        }
        self.client.execute(&ops::BlockUser { user_uid })?;
        Ok(Change::Made)
    }

    /// Unblocks a user (`POST /api/v3/users/{uid}/unblock`); [`Change::Already`] when the user
    /// is not blocked.
    pub fn unblock(&self, uid: &UserUid) -> Result<Change> {
        let user_uid = uid.checked()?.to_owned();
        if self.get_by_uid(&user_uid)?.blocked == Some(false) {
            return Ok(Change::Already);
        }
        self.client.execute(&ops::UnblockUser { user_uid })?;
        Ok(Change::Made)
    }

    /// Deactivates a user (`POST /api/v3/users/{uid}/deactivate {"block": …}`), also blocking
    /// them when `block` is `Some(true)`; [`Change::Already`] when the user is deactivated (and,
    /// with `Some(true)`, blocked). A user on legal hold is
    /// [`ApiErrorKind::ActiveLegalHold`](crate::ApiErrorKind::ActiveLegalHold).
    pub fn deactivate(&self, uid: &UserUid, block: Option<bool>) -> Result<Change> {
        let user_uid = uid.checked()?.to_owned();
        let user = self.get_by_uid(&user_uid)?;
        if user.active == Some(false) && (block != Some(true) || user.blocked == Some(true)) {
            return Ok(Change::Already);
        }
        let op = ops::DeactivateUser {
            user_uid,
            body: types::DeactivateUserRequest {
                block,
                extra: Default::default(),
                nulls: Default::default(),
            },
        };
        self.client.execute(&op)?;
        Ok(Change::Made)
    }

    /// Reactivates a user (`POST /api/v3/users/{uid}/activate {"unblock": …}`), also unblocking
    /// them when `unblock` is `Some(true)`; [`Change::Already`] when the user is active (and,
    /// with `Some(true)`, not blocked).
    pub fn reactivate(&self, uid: &UserUid, unblock: Option<bool>) -> Result<Change> {
        let user_uid = uid.checked()?.to_owned();
        let user = self.get_by_uid(&user_uid)?;
        if user.active == Some(true) && (unblock != Some(true) || user.blocked == Some(false)) {
            return Ok(Change::Already);
        }
        let op = ops::ReactivateUser {
            user_uid,
            body: types::ReactivateUserRequest {
                unblock,
                extra: Default::default(),
                nulls: Default::default(),
            },
        };
        self.client.execute(&op)?;
        Ok(Change::Made)
    }

    /// Moves a user to another org (`POST /api/v3/users/{uid}/move {"orgId": …}`);
    /// [`Change::Already`] when the user is in it.
    pub fn move_to_org(&self, uid: &UserUid, org: OrgId) -> Result<Change> {
        let user_uid = uid.checked()?.to_owned();
        let org_id = org.checked()?;
        if self.get_by_uid(&user_uid)?.org_id == Some(org_id) {
            return Ok(Change::Already);
        }
        let op = ops::MoveUser {
            user_uid,
            body: types::MoveUserRequest {
                org_id,
                extra: Default::default(),
                nulls: Default::default(),
            },
        };
        self.client.execute(&op)?;
        Ok(Change::Made)
    }
}
