//! Organizations: `client.orgs()`.
//!
//! py42 1.29.1 reads one org, creates, updates, blocks and deactivates orgs through the v3 API,
//! which names an org by guid; lists go through the v1 API (authority.md §3.2). Methods take the
//! id their endpoint uses; [`Orgs::guid_of`] and [`Orgs::guid_of_uid`] resolve the others from
//! the whole org list, walked once per client and cached (py42 looks at the first page only, so
//! orgs past it cannot be resolved there).

use std::sync::Arc;

use crate::directory::OrgIndex;
use crate::paging::Pager;
use crate::wire::orgs::{ops, types};
use crate::{Change, Client, Error, OrgGuid, OrgId, OrgUid, Result};

pub use crate::wire::orgs::types::{AgentStateResponse, Org, OrgList};

/// Default orgs per page (py42's `items_per_page`).
pub const DEFAULT_PAGE_SIZE: u32 = 500;

/// The agent property of full-disk-access state (py42 `get_agent_full_disk_access_state(s)`).
pub const FULL_DISK_ACCESS: &str = "fullDiskAccess";

/// Options of [`Orgs::list`]. The v1 org list has no filters, only a page size.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct OrgFilter {
    /// Orgs per page (default [`DEFAULT_PAGE_SIZE`]).
    pub page_size: Option<u32>,
}

impl OrgFilter {
    /// Every org.
    pub fn new() -> Self {
        Self::default()
    }
    /// Orgs per page.
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }
    fn size(&self) -> Result<u32> {
        match self.page_size {
            Some(0) => Err(Error::invalid("page_size", "must be at least 1")),
            Some(n) => Ok(n),
            None => Ok(DEFAULT_PAGE_SIZE),
        }
    }
}

/// A new org for [`Orgs::create`]: name and parent are required (py42 1.29.1 refuses a create
/// without a parent before sending anything).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct NewOrg {
    /// Name.
    pub name: String,
    /// The parent org.
    pub parent: OrgGuid,
    /// External reference.
    pub ext_ref: Option<String>,
    /// Notes.
    pub notes: Option<String>,
}

impl NewOrg {
    /// An org named `name` under `parent`.
    pub fn new(name: impl Into<String>, parent: impl Into<OrgGuid>) -> Self {
        NewOrg {
            name: name.into(),
            parent: parent.into(),
            ext_ref: None,
            notes: None,
        }
    }
    /// External reference.
    pub fn ext_ref(mut self, ext_ref: impl Into<String>) -> Self {
        self.ext_ref = Some(ext_ref.into());
        self
    }
    /// Notes.
    pub fn notes(mut self, notes: impl Into<String>) -> Self {
        self.notes = Some(notes.into());
        self
    }
}

/// New values for [`Orgs::update`]. Every key is sent, unset ones as `null`, as py42 does
/// (whether the server keeps or clears a field sent as `null` is not known: authority.md §9).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct OrgUpdate {
    /// Name.
    pub name: Option<String>,
    /// External reference.
    pub ext_ref: Option<String>,
    /// Notes.
    pub notes: Option<String>,
}

impl OrgUpdate {
    /// Nothing set.
    pub fn new() -> Self {
        Self::default()
    }
    /// Name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// External reference.
    pub fn ext_ref(mut self, ext_ref: impl Into<String>) -> Self {
        self.ext_ref = Some(ext_ref.into());
        self
    }
    /// Notes.
    pub fn notes(mut self, notes: impl Into<String>) -> Self {
        self.notes = Some(notes.into());
        self
    }
}

/// The organizations API. Get it with [`Client::orgs`].
#[derive(Clone, Debug)]
pub struct Orgs {
    client: Client,
}

impl Client {
    /// The organizations API.
    pub fn orgs(&self) -> Orgs {
        Orgs {
            client: self.clone(),
        }
    }
}

/// The org inside a v3 answer, wrapped in `data` or not.
fn unwrap_v3(response: types::OrgV3Response) -> types::Org {
    match response {
        types::OrgV3Response::Variant0(wrapped) => wrapped.data,
        types::OrgV3Response::Variant1(org) => org,
    }
}

fn empty_text(name: &'static str, value: &Option<String>) -> Result<()> {
    match value {
        Some(v) if v.trim().is_empty() => Err(Error::invalid(name, "is empty")),
        _ => Ok(()),
    }
}

impl Orgs {
    /// Every org, fetched lazily page by page (`GET /api/v1/Org`).
    pub fn list(&self, filter: &OrgFilter) -> Result<Pager<types::Org>> {
        let op = ops::ListOrgs {
            pg_num: None,
            pg_size: None,
        };
        Pager::new(&self.client, &op, filter.size()?)
    }

    /// One page (numbered from 1) of orgs.
    pub fn page(&self, filter: &OrgFilter, page: u32) -> Result<types::OrgList> {
        if page == 0 {
            return Err(Error::invalid("page", "pages are numbered from 1"));
        }
        let size = filter.size()?;
        let op = ops::ListOrgs {
            pg_num: Some(i32::try_from(page).map_err(|_| Error::invalid("page", "too large"))?),
            pg_size: Some(
                i32::try_from(size).map_err(|_| Error::invalid("page_size", "too large"))?,
            ),
        };
        Ok(self.client.execute(&op)?.data)
    }

    /// One org by guid (`GET /api/v3/orgs/{orgGuid}`).
    pub fn get(&self, guid: &OrgGuid) -> Result<types::Org> {
        let op = ops::GetOrg {
            org_guid: guid.checked()?.to_owned(),
        };
        Ok(unwrap_v3(self.client.execute(&op)?))
    }

    /// One org by numeric id: its guid from the cached org index, then [`Orgs::get`].
    pub fn get_by_id(&self, id: OrgId) -> Result<types::Org> {
        self.get(&self.guid_of(id)?)
    }

    /// One org by uid: its guid from the cached org index, then [`Orgs::get`].
    pub fn get_by_uid(&self, uid: &OrgUid) -> Result<types::Org> {
        self.get(&self.guid_of_uid(uid)?)
    }

    /// Every org with this name (names need not be unique), from one walk of the org list.
    pub fn get_by_name(&self, name: &str) -> Result<Vec<types::Org>> {
        if name.trim().is_empty() {
            return Err(Error::invalid("name", "is empty"));
        }
        let mut found = Vec::new();
        for org in self.list(&OrgFilter::new())? {
            let org = org?;
            if org.org_name.as_deref() == Some(name) {
                found.push(org);
            }
        }
        Ok(found)
    }

    /// The signed-in user's org (`GET /api/v1/Org/my`; API clients have none: a server error).
    pub fn current(&self) -> Result<types::Org> {
        Ok(self.client.execute(&ops::GetCurrentOrg)?.data)
    }

    /// Creates an org (`POST /api/v3/orgs`) and adds it to the client's org index.
    pub fn create(&self, new: NewOrg) -> Result<types::Org> {
        if new.name.trim().is_empty() {
            return Err(Error::invalid("name", "is empty"));
        }
        let parent = new
            .parent
            .checked()
            .map_err(|_| Error::invalid("parent", "is empty"))?;
        empty_text("ext_ref", &new.ext_ref)?;
        let op = ops::CreateOrg {
            body: types::CreateOrgRequest {
                org_name: new.name,
                org_ext_ref: new.ext_ref,
                notes: new.notes,
                parent_org_guid: parent.to_owned(),
                extra: Default::default(),
                nulls: Default::default(),
            },
        };
        let org = unwrap_v3(self.client.execute(&op)?);
        self.client
            .directory()
            .remember_org(org.org_id, org.org_uid.as_deref(), &org.org_guid);
        Ok(org)
    }

    /// Changes an org's name, external reference and notes (`PUT /api/v3/orgs/{orgGuid}`).
    pub fn update(&self, guid: &OrgGuid, update: OrgUpdate) -> Result<()> {
        empty_text("name", &update.name)?;
        let op = ops::UpdateOrg {
            org_guid: guid.checked()?.to_owned(),
            body: types::UpdateOrgRequest {
                org_name: update.name,
                org_ext_ref: update.ext_ref,
                notes: update.notes,
                extra: Default::default(),
                nulls: Default::default(),
            },
        };
        self.client.execute(&op)
    }

    /// The org's state, for the state-changing calls; `None` when the server does not say.
    fn state(&self, guid: &OrgGuid) -> Result<(Option<bool>, Option<bool>)> {
        let org = self.get(guid)?;
        Ok((org.active, org.blocked))
    }

    /// Blocks an org (`POST /api/v3/orgs/{orgGuid}/block`); [`Change::Already`] when it is.
    pub fn block(&self, guid: &OrgGuid) -> Result<Change> {
        let org_guid = guid.checked()?.to_owned();
        if self.state(guid)?.1 == Some(true) {
            return Ok(Change::Already);
        }
        self.client.execute(&ops::BlockOrg { org_guid })?;
        Ok(Change::Made)
    }

    /// Unblocks an org (`POST /api/v3/orgs/{orgGuid}/unblock`).
    pub fn unblock(&self, guid: &OrgGuid) -> Result<Change> {
        let org_guid = guid.checked()?.to_owned();
        if self.state(guid)?.1 == Some(false) {
            return Ok(Change::Already);
        }
        self.client.execute(&ops::UnblockOrg { org_guid })?;
        Ok(Change::Made)
    }

    /// Deactivates an org (`POST /api/v3/orgs/{orgGuid}/deactivate`).
    pub fn deactivate(&self, guid: &OrgGuid) -> Result<Change> {
        let org_guid = guid.checked()?.to_owned();
        if self.state(guid)?.0 == Some(false) {
            return Ok(Change::Already);
        }
        self.client.execute(&ops::DeactivateOrg { org_guid })?;
        Ok(Change::Made)
    }

    /// Reactivates an org (`POST /api/v3/orgs/{orgGuid}/activate`).
    pub fn reactivate(&self, guid: &OrgGuid) -> Result<Change> {
        let org_guid = guid.checked()?.to_owned();
        if self.state(guid)?.0 == Some(true) {
            return Ok(Change::Already);
        }
        self.client.execute(&ops::ActivateOrg { org_guid })?;
        Ok(Change::Made)
    }

    /// An agent property's state on every device of an org
    /// (`GET /api/v14/agent-state/view-by-organization-id`), as the server sends it.
    pub fn agent_state(&self, org: OrgId, property: &str) -> Result<types::AgentStateResponse> {
        if property.trim().is_empty() {
            return Err(Error::invalid("property", "is empty"));
        }
        let op = ops::GetOrgAgentState {
            org_id: org.checked()?,
            property_name: property.to_owned(),
        };
        self.client.execute(&op)
    }

    /// The full-disk-access state of every device of an org.
    pub fn full_disk_access_states(&self, org: OrgId) -> Result<types::AgentStateResponse> {
        self.agent_state(org, FULL_DISK_ACCESS)
    }

    /// The org index: the whole org list, walked once per client.
    fn index(&self, refresh: bool) -> Result<Arc<OrgIndex>> {
        self.client.directory().orgs(refresh, || {
            let mut index = OrgIndex::default();
            for org in self.list(&OrgFilter::new())? {
                let org = org?;
                if let Some(id) = org.org_id {
                    index.by_id.insert(id, org.org_guid.clone());
                }
                if let Some(uid) = &org.org_uid {
                    index.by_uid.insert(uid.clone(), org.org_guid.clone());
                    if let Some(id) = org.org_id {
                        index.id_by_uid.insert(uid.clone(), id);
                    }
                }
            }
            Ok(index)
        })
    }

    /// Looks `find` up in the index; on a miss, walks the org list again once (an org created
    /// elsewhere since).
    fn lookup<T>(&self, find: impl Fn(&OrgIndex) -> Option<T>) -> Result<Option<T>> {
        if let Some(found) = find(&*self.index(false)?) {
            return Ok(Some(found));
        }
        Ok(find(&*self.index(true)?))
    }

    /// The guid of the org with this numeric id, from the whole org list (walked once per client
    /// and cached; walked again once when the id is not in it). An id in no page of the list is
    /// [`Error::InvalidInput`] naming `org_id`.
    pub fn guid_of(&self, id: OrgId) -> Result<OrgGuid> {
        let n = id.checked()?;
        self.lookup(|index| index.by_id.get(&n).cloned())?
            .map(OrgGuid::new)
            .ok_or_else(|| Error::invalid("org_id", format!("no org has id {n}")))
    }

    /// The guid of the org with this uid (see [`Orgs::guid_of`]).
    pub fn guid_of_uid(&self, uid: &OrgUid) -> Result<OrgGuid> {
        let text = uid.checked()?;
        self.lookup(|index| index.by_uid.get(text).cloned())?
            .map(OrgGuid::new)
            .ok_or_else(|| Error::invalid("org_uid", format!("no org has uid {text}")))
    }

    /// The numeric id of the org with this uid (see [`Orgs::guid_of`]); user moves take it.
    pub fn id_of_uid(&self, uid: &OrgUid) -> Result<OrgId> {
        let text = uid.checked()?;
        self.lookup(|index| index.id_by_uid.get(text).copied())?
            .map(OrgId::new)
            .ok_or_else(|| Error::invalid("org_uid", format!("no org has uid {text}")))
    }
}
