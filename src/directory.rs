//! Per-client caches of the tenant's directory data that writes depend on: the org index (org id
//! and uid → guid, for the v3 org API) and the role list (role names → ids, checked before any
//! role write). Each is filled on first need, once per client and its clones, whatever the number
//! of threads; a failed fill is not kept.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::wire::authority::types::Role;

/// Org ids, uids and guids, from one walk of the whole org list.
#[derive(Clone, Debug, Default)]
pub(crate) struct OrgIndex {
    pub by_id: HashMap<i64, String>,
    pub by_uid: HashMap<String, String>,
    pub id_by_uid: HashMap<String, i64>,
}

/// The caches of one client.
#[derive(Debug, Default)]
pub(crate) struct Directory {
    orgs: Mutex<Option<Arc<OrgIndex>>>,
    roles: Mutex<Option<Arc<Vec<Role>>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Directory {
    /// The org index, built by `load` when there is none (or when `refresh` is set).
    pub(crate) fn orgs(
        &self,
        refresh: bool,
        load: impl FnOnce() -> crate::Result<OrgIndex>,
    ) -> crate::Result<Arc<OrgIndex>> {
        let mut cached = lock(&self.orgs);
        if let (false, Some(index)) = (refresh, &*cached) {
            return Ok(Arc::clone(index));
        }
        let index = Arc::new(load()?);
        *cached = Some(Arc::clone(&index));
        Ok(index)
    }

    /// Adds an org this client created (py42 does the same with its map).
    pub(crate) fn remember_org(&self, id: Option<i64>, uid: Option<&str>, guid: &str) {
        if let Some(index) = &mut *lock(&self.orgs) {
            let index = Arc::make_mut(index);
            if let Some(id) = id {
                index.by_id.insert(id, guid.to_owned());
            }
            if let Some(uid) = uid {
                index.by_uid.insert(uid.to_owned(), guid.to_owned());
                if let Some(id) = id {
                    index.id_by_uid.insert(uid.to_owned(), id);
                }
            }
        }
    }

    /// The role list, fetched by `load` when there is none (or when `refresh` is set).
    pub(crate) fn roles(
        &self,
        refresh: bool,
        load: impl FnOnce() -> crate::Result<Vec<Role>>,
    ) -> crate::Result<Arc<Vec<Role>>> {
        let mut cached = lock(&self.roles);
        if let (false, Some(roles)) = (refresh, &*cached) {
            return Ok(Arc::clone(roles));
        }
        let roles = Arc::new(load()?);
        *cached = Some(Arc::clone(&roles));
        Ok(roles)
    }
}
