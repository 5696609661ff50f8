//! Users: `client.users()`: list and read here, the write side in `write`, roles in `roles`.

mod roles;
mod write;

pub use write::{NewUser, UserUpdate};

use crate::classify::{ErrorRule, ErrorRules};
use crate::paging::Pager;
use crate::wire::authority::{ops, types};
use crate::{Client, Error, Result};

/// Errors of the users API (py42's user exceptions).
pub(crate) const ERRORS: ErrorRules = {
    use crate::ApiErrorKind::*;
    &[
        ErrorRule::new(UserAlreadyExists, &["USER_DUPLICATE"]),
        ErrorRule::new(UsernameMustBeEmail, &["USERNAME_NOT_AN_EMAIL"]),
        ErrorRule::new(InvalidEmail, &["EMAIL_INVALID"]),
        ErrorRule::new(InvalidPassword, &["NEW_PASSWORD_INVALID"]),
        ErrorRule::new(InvalidUsername, &["INVALID_USERNAME"]),
        ErrorRule::new(
            OrgNotFound,
            &["Organization was not found", "Unable to find org"],
        ),
        ErrorRule::new(ActiveLegalHold, &["ACTIVE_LEGAL_HOLD"]),
        ErrorRule::new(
            CloudAliasLimitExceeded,
            &["Cloud usernames must be less than or equal to"],
        ),
    ]
};

/// Default users per page (py42's `items_per_page`).
pub const DEFAULT_PAGE_SIZE: u32 = 500;

/// Filters for [`Users::list`]; every filter left unset is not sent.
///
/// ```
/// let filter = code42::users::UserFilter::new().active(true).org_uid("8900").page_size(100);
/// # let _ = filter;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
#[must_use = "a filter does nothing until passed to a listing"]
pub struct UserFilter {
    /// Only active (`true`) or deactivated (`false`) users.
    pub active: Option<bool>,
    /// Only blocked (`true`) or unblocked (`false`) users.
    pub blocked: Option<bool>,
    /// Only users of this organization.
    pub org_uid: Option<String>,
    /// Only users with this role id.
    pub role_id: Option<String>,
    /// Only the user with this email.
    pub email: Option<String>,
    /// Only the user with this username.
    pub username: Option<String>,
    /// Free-text search.
    pub query: Option<String>,
    /// Users per page (default [`DEFAULT_PAGE_SIZE`]).
    pub page_size: Option<u32>,
}

impl UserFilter {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    /// Only active (`true`) or deactivated (`false`) users.
    pub fn active(mut self, active: bool) -> Self {
        self.active = Some(active);
        self
    }
    /// Only blocked (`true`) or unblocked (`false`) users.
    pub fn blocked(mut self, blocked: bool) -> Self {
        self.blocked = Some(blocked);
        self
    }
    /// Only users of this organization.
    pub fn org_uid(mut self, org_uid: impl Into<String>) -> Self {
        self.org_uid = Some(org_uid.into());
        self
    }
    /// Only users with this role id.
    pub fn role_id(mut self, role_id: impl Into<String>) -> Self {
        self.role_id = Some(role_id.into());
        self
    }
    /// Only the user with this email.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }
    /// Only the user with this username.
    pub fn username(mut self, username: impl Into<String>) -> Self {
        self.username = Some(username.into());
        self
    }
    /// Free-text search over usernames, emails and names.
    pub fn query(mut self, query: impl Into<String>) -> Self {
        self.query = Some(query.into());
        self
    }
    /// Users per page.
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    fn operation(&self) -> Result<ops::ListUsers> {
        let text = |name: &'static str, value: &Option<String>| match value {
            Some(v) if v.trim().is_empty() => Err(Error::invalid(name, "is empty")),
            other => Ok(other.clone()),
        };
        Ok(ops::ListUsers {
            active: self.active,
            blocked: self.blocked,
            email: text("email", &self.email)?,
            org_uid: text("org_uid", &self.org_uid)?,
            role_id: text("role_id", &self.role_id)?,
            username: text("username", &self.username)?,
            q: text("query", &self.query)?,
            pg_num: None,
            pg_size: None,
        })
    }

    fn size(&self) -> Result<u32> {
        match self.page_size {
            Some(0) => Err(Error::invalid("page_size", "must be at least 1")),
            Some(n) => Ok(n),
            None => Ok(DEFAULT_PAGE_SIZE),
        }
    }
}

/// The users API. Get it with [`Client::users`].
#[derive(Clone, Debug)]
pub struct Users {
    client: Client,
}

impl Client {
    /// The users API.
    pub fn users(&self) -> Users {
        Users {
            client: self.clone(),
        }
    }
}

impl Users {
    /// Every user matching `filter`: a [`Pager`] that fetches nothing until iterated.
    /// Continue a saved listing with [`Pager::resume`]; decode users as your own type with
    /// [`Pager::decode_as`].
    ///
    /// ```no_run
    /// # let client = code42::Client::builder("h").api_client("k", "s").build()?;
    /// use code42::users::UserFilter;
    /// let filter = UserFilter::new().active(true);
    /// for user in client.users().list(&filter)?.take(10) {
    ///     println!("{}", user?.username);
    /// }
    /// # Ok::<(), code42::Error>(())
    /// ```
    pub fn list(&self, filter: &UserFilter) -> Result<Pager<types::User>> {
        Pager::new(&self.client, &filter.operation()?, filter.size()?)
    }

    /// One page (numbered from 1) of users matching `filter`.
    pub fn page(&self, filter: &UserFilter, page: u32) -> Result<types::UserList> {
        if page == 0 {
            return Err(Error::invalid("page", "pages are numbered from 1"));
        }
        let mut op = filter.operation()?;
        op.pg_num = Some(i32::try_from(page).map_err(|_| Error::invalid("page", "too large"))?);
        op.pg_size = Some(
            i32::try_from(filter.size()?).map_err(|_| Error::invalid("page_size", "too large"))?,
        );
        Ok(self.client.execute(&op)?.data)
    }

    /// A user by numeric id.
    pub fn get_by_id(&self, user_id: i64) -> Result<types::User> {
        if user_id <= 0 {
            return Err(Error::invalid("user_id", "must be positive"));
        }
        let op = ops::GetUser {
            user_id: user_id.to_string(),
            id_type: None,
        };
        Ok(self.client.execute(&op)?.data)
    }

    /// A user by uid.
    pub fn get_by_uid(&self, user_uid: &str) -> Result<types::User> {
        if user_uid.trim().is_empty() {
            return Err(Error::invalid("user_uid", "is empty"));
        }
        let op = ops::GetUser {
            user_id: user_uid.to_owned(),
            id_type: Some(types::UserIdType::Uid),
        };
        Ok(self.client.execute(&op)?.data)
    }

    /// The user with this username, if there is one.
    pub fn get_by_username(&self, username: &str) -> Result<Option<types::User>> {
        if username.trim().is_empty() {
            return Err(Error::invalid("username", "is empty"));
        }
        let filter = UserFilter::new().username(username).page_size(1);
        Ok(self.page(&filter, 1)?.users.into_iter().next())
    }

    /// The signed-in user (not available to API clients).
    pub fn current(&self) -> Result<types::User> {
        Ok(self.client.execute(&ops::GetCurrentUser)?.data)
    }
}
