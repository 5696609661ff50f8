//! Devices (computers): `client.devices()`.
//!
//! The calls of py42 1.29.1's `sdk.devices` (authority.md §3.3): block, unblock and deauthorize
//! take the numeric [`DeviceId`]; agent state, upgrade, backup usage and the settings document
//! take the [`DeviceGuid`].

use std::io::Read;

use crate::classify::{ErrorRule, ErrorRules};
use crate::paging::Pager;
use crate::wire::devices::{ops, types};
use crate::{Change, Client, DeviceGuid, DeviceId, Error, OrgUid, Result, UserUid};

pub use crate::wire::devices::types::{BackupActivity, BackupUsage, Device, DeviceList};

/// Errors of the devices API (py42's device exceptions, authority.md §5.2).
pub(crate) const ERRORS: ErrorRules = {
    use crate::ApiErrorKind::*;
    &[
        ErrorRule::new(OrgNotFound, &["Unable to find org"]),
        ErrorRule::new(ActiveLegalHold, &["ACTIVE_LEGAL_HOLD"]),
    ]
};

/// Default devices per page (py42's `items_per_page`).
pub const DEFAULT_PAGE_SIZE: u32 = 500;

/// Filters for [`Devices::list`]: every filter of py42's `devices.get_all`. Unset filters are
/// not sent, except `include_counts`, which py42 sends as `true` unless told otherwise.
///
/// ```
/// let filter = code42::devices::DeviceFilter::new().active(true).org_uid("836473214639515393")
///     .include_backup_usage(true).page_size(100);
/// # let _ = filter;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct DeviceFilter {
    /// Only active (`true`) or deactivated (`false`) devices.
    pub active: Option<bool>,
    /// Only blocked (`true`) or unblocked (`false`) devices.
    pub blocked: Option<bool>,
    /// Only devices of this org.
    pub org_uid: Option<OrgUid>,
    /// Only devices of this user.
    pub user_uid: Option<UserUid>,
    /// Only devices backing up to this destination.
    pub destination_guid: Option<DeviceGuid>,
    /// Include each device's backup usage.
    pub include_backup_usage: Option<bool>,
    /// Include counts (default `Some(true)`, as py42).
    pub include_counts: Option<bool>,
    /// Free-text search.
    pub query: Option<String>,
    /// Devices per page (default [`DEFAULT_PAGE_SIZE`]).
    pub page_size: Option<u32>,
}

impl Default for DeviceFilter {
    fn default() -> Self {
        DeviceFilter {
            active: None,
            blocked: None,
            org_uid: None,
            user_uid: None,
            destination_guid: None,
            include_backup_usage: None,
            include_counts: Some(true),
            query: None,
            page_size: None,
        }
    }
}

impl DeviceFilter {
    /// No filters (counts included, as py42).
    pub fn new() -> Self {
        Self::default()
    }
    /// Only active (`true`) or deactivated (`false`) devices.
    pub fn active(mut self, active: bool) -> Self {
        self.active = Some(active);
        self
    }
    /// Only blocked (`true`) or unblocked (`false`) devices.
    pub fn blocked(mut self, blocked: bool) -> Self {
        self.blocked = Some(blocked);
        self
    }
    /// Only devices of this org.
    pub fn org_uid(mut self, org_uid: impl Into<OrgUid>) -> Self {
        self.org_uid = Some(org_uid.into());
        self
    }
    /// Only devices of this user.
    pub fn user_uid(mut self, user_uid: impl Into<UserUid>) -> Self {
        self.user_uid = Some(user_uid.into());
        self
    }
    /// Only devices backing up to this destination.
    pub fn destination_guid(mut self, guid: impl Into<DeviceGuid>) -> Self {
        self.destination_guid = Some(guid.into());
        self
    }
    /// Include (`true`) each device's backup usage.
    pub fn include_backup_usage(mut self, include: bool) -> Self {
        self.include_backup_usage = Some(include);
        self
    }
    /// Include counts (`true`, the default) or not (`false`); `None` sends nothing.
    pub fn include_counts(mut self, include: Option<bool>) -> Self {
        self.include_counts = include;
        self
    }
    /// Free-text search.
    pub fn query(mut self, query: impl Into<String>) -> Self {
        self.query = Some(query.into());
        self
    }
    /// Devices per page.
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    fn operation(&self) -> Result<ops::ListDevices> {
        let q = match &self.query {
            Some(v) if v.trim().is_empty() => return Err(Error::invalid("query", "is empty")),
            other => other.clone(),
        };
        Ok(ops::ListDevices {
            active: self.active,
            blocked: self.blocked,
            org_uid: self
                .org_uid
                .as_ref()
                .map(|v| v.checked().map(str::to_owned))
                .transpose()?,
            user_uid: self
                .user_uid
                .as_ref()
                .map(|v| v.checked().map(str::to_owned))
                .transpose()?,
            target_computer_guid: self
                .destination_guid
                .as_ref()
                .map(|v| v.checked().map(str::to_owned))
                .transpose()?,
            inc_backup_usage: self.include_backup_usage,
            inc_counts: self.include_counts,
            pg_num: None,
            pg_size: None,
            q,
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

/// The devices API. Get it with [`Client::devices`].
#[derive(Clone, Debug)]
pub struct Devices {
    client: Client,
}

impl Client {
    /// The devices API.
    pub fn devices(&self) -> Devices {
        Devices {
            client: self.clone(),
        }
    }
}

impl Devices {
    /// Every device matching `filter`, fetched lazily page by page (`GET /api/v1/Computer`).
    pub fn list(&self, filter: &DeviceFilter) -> Result<Pager<types::Device>> {
        Pager::new(&self.client, &filter.operation()?, filter.size()?)
    }

    /// One page (numbered from 1) of devices matching `filter`.
    pub fn page(&self, filter: &DeviceFilter, page: u32) -> Result<types::DeviceList> {
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

    /// A device by numeric id (`GET /api/v1/Computer/{deviceId}`).
    pub fn get_by_id(&self, id: DeviceId) -> Result<types::Device> {
        let op = ops::GetDevice {
            device_id: id.checked()?.to_string(),
            id_type: None,
            inc_backup_usage: None,
            inc_settings: None,
        };
        Ok(self.client.execute(&op)?.data)
    }

    /// A device by guid (`GET /api/v1/Computer/{guid}?idType=guid`).
    pub fn get_by_guid(&self, guid: &DeviceGuid) -> Result<types::Device> {
        let op = ops::GetDevice {
            device_id: guid.checked()?.to_owned(),
            id_type: Some(types::DeviceIdType::Guid),
            inc_backup_usage: None,
            inc_settings: None,
        };
        Ok(self.client.execute(&op)?.data)
    }

    /// A device's backup usage per destination
    /// (`GET /api/v1/Computer/{guid}?idType=guid&incBackupUsage=true`).
    pub fn backup_usage(&self, guid: &DeviceGuid) -> Result<Vec<types::BackupUsage>> {
        let op = ops::GetDevice {
            device_id: guid.checked()?.to_owned(),
            id_type: Some(types::DeviceIdType::Guid),
            inc_backup_usage: Some(true),
            inc_settings: None,
        };
        Ok(self
            .client
            .execute(&op)?
            .data
            .backup_usage
            .unwrap_or_default())
    }

    /// The device with its settings tree, as the server sends it (the `data` object of
    /// `GET /api/v1/Computer/{guid}?idType=guid&incSettings=true`, py42's `get_settings`
    /// request), byte-for-byte decoded into JSON: nothing is dropped or renamed.
    pub fn settings_document(&self, guid: &DeviceGuid) -> Result<serde_json::Value> {
        let op = ops::GetDevice {
            device_id: guid.checked()?.to_owned(),
            id_type: Some(types::DeviceIdType::Guid),
            inc_backup_usage: None,
            inc_settings: Some(true),
        };
        let mut body = Vec::new();
        self.client.execute_stream(&op)?.read_to_end(&mut body)?;
        let mut value: serde_json::Value = serde_json::from_slice(&body).map_err(|e| {
            Error::decode(
                <ops::GetDevice as crate::Operation>::OPERATION_ID,
                ".",
                e.to_string(),
            )
        })?;
        if let Some(data) = value
            .get_mut("data")
            .filter(|d| d.is_object())
            .map(serde_json::Value::take)
        {
            value = data;
        }
        match value {
            serde_json::Value::Object(_) => Ok(value),
            _ => Err(Error::decode(
                <ops::GetDevice as crate::Operation>::OPERATION_ID,
                ".",
                "the settings document is not a JSON object",
            )),
        }
    }

    /// The device's `(active, blocked)` state, read before a state-changing call.
    fn state(&self, id: DeviceId) -> Result<(Option<bool>, Option<bool>)> {
        let device = self.get_by_id(id)?;
        Ok((device.active, device.blocked))
    }

    /// Blocks a device (`PUT /api/v1/ComputerBlock/{deviceId}`); [`Change::Already`] when it is.
    pub fn block(&self, id: DeviceId) -> Result<Change> {
        let device_id = id.checked()?;
        if self.state(id)?.1 == Some(true) {
            return Ok(Change::Already);
        }
        self.client.execute(&ops::BlockDevice { device_id })?;
        Ok(Change::Made)
    }

    /// Unblocks a device (`DELETE /api/v1/ComputerBlock/{deviceId}`).
    pub fn unblock(&self, id: DeviceId) -> Result<Change> {
        let device_id = id.checked()?;
        if self.state(id)?.1 == Some(false) {
            return Ok(Change::Already);
        }
        self.client.execute(&ops::UnblockDevice { device_id })?;
        Ok(Change::Made)
    }

    /// Deactivates a device (`POST /api/v4/computer-deactivation/update`); a device on legal
    /// hold is [`ApiErrorKind::ActiveLegalHold`](crate::ApiErrorKind::ActiveLegalHold).
    pub fn deactivate(&self, id: DeviceId) -> Result<Change> {
        let device_id = id.checked()?;
        if self.state(id)?.0 == Some(false) {
            return Ok(Change::Already);
        }
        let op = ops::DeactivateDevice {
            body: types::DeviceIdRequest {
                id: device_id,
                extra: Default::default(),
                nulls: Default::default(),
            },
        };
        self.client.execute(&op)?;
        Ok(Change::Made)
    }

    /// Reactivates a device (`POST /api/v4/computer-deactivation/remove`).
    pub fn reactivate(&self, id: DeviceId) -> Result<Change> {
        let device_id = id.checked()?;
        if self.state(id)?.0 == Some(true) {
            return Ok(Change::Already);
        }
        let op = ops::ReactivateDevice {
            body: types::DeviceIdRequest {
                id: device_id,
                extra: Default::default(),
                nulls: Default::default(),
            },
        };
        self.client.execute(&op)?;
        Ok(Change::Made)
    }

    /// Deauthorizes a device: its agent must sign in again
    /// (`PUT /api/v1/ComputerDeauthorization/{deviceId}`).
    pub fn deauthorize(&self, id: DeviceId) -> Result<()> {
        let op = ops::DeauthorizeDevice {
            device_id: id.checked()?,
        };
        self.client.execute(&op)
    }

    /// Asks a device's agent to upgrade (`POST /api/v4/device-upgrade/upgrade-device`).
    pub fn upgrade(&self, guid: &DeviceGuid) -> Result<()> {
        let op = ops::UpgradeDevice {
            body: types::DeviceGuidRequest {
                device_guid: guid.checked()?.to_owned(),
                extra: Default::default(),
                nulls: Default::default(),
            },
        };
        self.client.execute(&op)
    }

    /// An agent property's state on one device
    /// (`GET /api/v14/agent-state/view-by-device-guid`), as the server sends it.
    pub fn agent_state(
        &self,
        guid: &DeviceGuid,
        property: &str,
    ) -> Result<crate::orgs::AgentStateResponse> {
        if property.trim().is_empty() {
            return Err(Error::invalid("property", "is empty"));
        }
        let op = ops::GetDeviceAgentState {
            device_guid: guid.checked()?.to_owned(),
            property_name: property.to_owned(),
        };
        self.client.execute(&op)
    }

    /// The device's full-disk-access state.
    pub fn full_disk_access_state(
        &self,
        guid: &DeviceGuid,
    ) -> Result<crate::orgs::AgentStateResponse> {
        self.agent_state(guid, crate::orgs::FULL_DISK_ACCESS)
    }
}
