//! Roles: the tenant's roles and a user's roles, changed by name (authority.md §3.1).
//!
//! A role name is matched against the tenant's role list (fetched once per client and cached;
//! fetched again once when a name is not in it) by `roleName` or `roleId`, as py42 1.29.1
//! does, before anything is written: an unknown name is [`Error::InvalidInput`] naming
//! `role`. Unlike py42, adding a role the user has, or removing one they lack, writes nothing
//! and answers [`Change::Already`]; the list written never holds an id twice.

use std::sync::Arc;

use super::Users;
use crate::wire::authority::{ops, types};
use crate::{Change, Error, Result, UserUid};

impl Users {
    /// The tenant's roles (`GET /api/v1/role`), fetched now (and kept as the client's role list).
    pub fn available_roles(&self) -> Result<Vec<types::Role>> {
        Ok(self.role_list(true)?.as_ref().clone())
    }

    fn role_list(&self, refresh: bool) -> Result<Arc<Vec<types::Role>>> {
        self.client
            .directory()
            .roles(refresh, || Ok(self.client.execute(&ops::ListRoles)?.data))
    }

    /// The id of the role called `name` (by name or id), from the cached role list.
    fn role_id(&self, name: &str) -> Result<String> {
        if name.trim().is_empty() {
            return Err(Error::invalid("role", "is empty"));
        }
        let find = |roles: &[types::Role]| {
            roles
                .iter()
                .find(|r| r.role_name.as_deref() == Some(name))
                .or_else(|| roles.iter().find(|r| r.role_id.as_deref() == Some(name)))
                .and_then(|r| r.role_id.clone())
        };
        if let Some(id) = find(&self.role_list(false)?) {
            return Ok(id);
        }
        let roles = self.role_list(true)?;
        find(&roles).ok_or_else(|| {
            let known: Vec<&str> = roles
                .iter()
                .filter_map(|r| r.role_name.as_deref())
                .collect();
            Error::invalid(
                "role",
                format!(
                    "the tenant has no role `{name}` (roles: {})",
                    known.join(", ")
                ),
            )
        })
    }

    /// A user's roles (`GET /api/v3/users/{uid}/roles`).
    pub fn roles(&self, uid: &UserUid) -> Result<Vec<types::Role>> {
        let op = ops::GetUserRoles {
            user_uid: uid.checked()?.to_owned(),
        };
        Ok(match self.client.execute(&op)? {
            types::UserRolesResponse::RoleListResponse(wrapped) => wrapped.data,
            types::UserRolesResponse::Bare(roles) => roles,
        })
    }

    fn set_roles(&self, uid: &str, role_ids: Vec<String>) -> Result<()> {
        let op = ops::SetUserRoles {
            user_uid: uid.to_owned(),
            body: types::UserRoleIdsRequest {
                role_ids,
                extra: Default::default(),
                nulls: Default::default(),
            },
        };
        self.client.execute(&op)
    }

    /// The user's role ids, each once, in the order the server gave them.
    fn current_ids(&self, uid: &UserUid) -> Result<Vec<String>> {
        let mut ids: Vec<String> = Vec::new();
        for role in self.roles(uid)? {
            if let Some(id) = role.role_id.filter(|id| !ids.contains(id)) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// Gives a user the role called `role` (name or id): reads the user's roles, then
    /// `PUT /api/v3/users/{uid}/roles {"roleIds": [...current, added]}`.
    pub fn add_role(&self, uid: &UserUid, role: &str) -> Result<Change> {
        uid.checked()?;
        let id = self.role_id(role)?;
        let mut ids = self.current_ids(uid)?;
        if ids.contains(&id) {
            return Ok(Change::Already);
        }
        ids.push(id);
        self.set_roles(uid.as_str(), ids)?;
        Ok(Change::Made)
    }

    /// Takes the role called `role` (name or id) from a user: reads the user's roles, then
    /// `PUT /api/v3/users/{uid}/roles` without it.
    pub fn remove_role(&self, uid: &UserUid, role: &str) -> Result<Change> {
        uid.checked()?;
        let id = self.role_id(role)?;
        let mut ids = self.current_ids(uid)?;
        if !ids.contains(&id) {
            return Ok(Change::Already);
        }
        ids.retain(|have| *have != id);
        self.set_roles(uid.as_str(), ids)?;
        Ok(Change::Made)
    }
}
