//! Console devices: `/api/v1/Computer` (list, one device with backup usage and settings), block,
//! deactivation, deauthorization, upgrade and the agent-state views. Users have CrashPlan
//! (backup, with backup usage) and Incydr (`Artemis`) agents.

use std::collections::HashSet;

use serde_json::{Value, json};

use super::http::{Access, Ctx, Reply, Route, parse_bool, wire};
use super::orgs::paged;
use super::seed::SplitMix64;
use code42::wire::authority::types::User;
use code42::wire::devices::types::Device;

/// First device id.
pub(crate) const FIRST_DEVICE_ID: i64 = 5001;

/// Only the first this many users get devices (a tenant of 10,000 users starts fast).
pub(crate) const MAX_DEVICE_OWNERS: usize = 1000;

/// The cloud destination every CrashPlan device backs up to.
pub(crate) const DESTINATION_GUID: &str = "632540230984925185";

/// Devices ordered by `computerId`, with what a full-disk-access view reports.
#[derive(Clone, Debug, Default)]
pub(crate) struct DeviceStore {
    devices: Vec<Device>,
    /// Guids of devices whose agent lacks full disk access.
    no_disk_access: HashSet<String>,
    /// Guids of devices asked to upgrade.
    pub upgraded: Vec<String>,
}

fn device_json(rng: &mut SplitMix64, id: i64, user: &User, crashplan: bool) -> Value {
    let os = *rng.pick(&["win", "mac", "linux"]).unwrap_or(&"win");
    let first = user.first_name.clone().unwrap_or_else(|| "user".into());
    let guid = rng.digits18();
    let selected = 1_000_000 + rng.below(50_000_000_000) as i64;
    let usage = if crashplan {
        json!([{
            "targetComputerParentId": null,
            "targetComputerParentGuid": null,
            "targetComputerGuid": DESTINATION_GUID,
            "targetComputerName": "Code42 Cloud USA West",
            "targetComputerOsName": null,
            "targetComputerType": "SERVER",
            "selectedFiles": 1000 + rng.below(200_000),
            "selectedBytes": selected,
            "todoFiles": 0,
            "todoBytes": 0,
            "archiveBytes": selected / 2,
            "billableBytes": selected,
            "sendRateAverage": 0,
            "completionRateAverage": 0,
            "lastBackup": "2024-12-01T09:34:28.364Z",
            "lastCompletedBackup": "2024-12-01T09:34:28.364Z",
            "lastConnected": "2024-12-01T11:02:36.108Z",
            "lastMaintenanceDate": "2024-11-16T07:01:11.697Z",
            "lastCompactDate": "2024-11-16T07:01:11.694Z",
            "modificationDate": "2024-12-01T11:02:36.108Z",
            "creationDate": "2020-09-26T15:27:38.806Z",
            "using": true,
            "alertState": 0,
            "alertStates": ["OK"],
            "percentComplete": 100.0,
            "storePointId": 10989,
            "storePointName": "fsa-iad-2",
            "serverId": 160024121,
            "serverGuid": "883282371081742804",
            "serverName": "fsa-iad",
            "serverHostName": "https://web-fsa-iad.crashplan.com",
            "isProvider": false,
            "archiveGuid": format!("9{:017}", id),
            "archiveFormat": "ARCHIVE_V2",
            "activity": {"connected": false, "backingUp": false, "restoring": false,
                         "timeRemainingInMs": 0, "remainingFiles": 0, "remainingBytes": 0}
        }])
    } else {
        json!([])
    };
    json!({
        "computerId": id,
        "name": format!("{}-{}", first.to_lowercase(), if crashplan { "laptop" } else { "workstation" }),
        "osHostname": format!("host-{id}"),
        "guid": guid,
        "type": "COMPUTER",
        "status": "Active",
        "active": true,
        "blocked": false,
        "alertState": 0,
        "alertStates": ["OK"],
        "userId": user.user_id,
        "userUid": user.user_uid,
        "orgId": user.org_id,
        "orgUid": user.org_uid,
        "computerExtRef": null,
        "notes": null,
        "parentComputerId": null,
        "parentComputerGuid": null,
        "lastConnected": "2024-12-01T11:02:36.108Z",
        "osName": os,
        "osVersion": "10.0",
        "osArch": "amd64",
        "address": format!("10.0.{}.{}:4242", id % 200, id % 250),
        "remoteAddress": "198.51.100.7",
        "javaVersion": if crashplan { json!("11.0.19") } else { Value::Null },
        "timeZone": "America/Chicago",
        "version": 1_700_000_000_000i64,
        "productVersion": if crashplan { "11.2.1" } else { "1.6.0" },
        "buildVersion": 42,
        "creationDate": "2020-09-26T15:27:38.806Z",
        "modificationDate": "2024-12-01T11:02:36.108Z",
        "loginDate": "2024-12-01T08:00:00.000Z",
        "service": if crashplan { "CrashPlan" } else { "Artemis" },
        "backupUsage": usage,
    })
}

impl DeviceStore {
    /// Devices for `users` (the first [`MAX_DEVICE_OWNERS`]): three of four users have a
    /// CrashPlan agent, one in five an Incydr agent; the local account has both.
    pub fn new(seed: u64, users: &[User]) -> DeviceStore {
        let mut rng = SplitMix64::new(seed ^ 0x6465_7663);
        let mut devices = Vec::new();
        let mut no_disk_access = HashSet::new();
        let mut id = FIRST_DEVICE_ID;
        for (i, user) in users.iter().take(MAX_DEVICE_OWNERS).enumerate() {
            let kinds = [(i % 4 != 3, true), (i % 5 == 0, false)];
            for (has, crashplan) in kinds {
                if !has {
                    continue;
                }
                if let Some(device) = wire::<Device>(device_json(&mut rng, id, user, crashplan)) {
                    if rng.percent(20) {
                        no_disk_access.insert(device.guid.clone());
                    }
                    devices.push(device);
                }
                id += 1;
            }
        }
        DeviceStore {
            devices,
            no_disk_access,
            upgraded: Vec::new(),
        }
    }

    /// Every device.
    pub fn all(&self) -> &[Device] {
        &self.devices
    }

    /// A moved user's devices follow them to the org.
    pub fn move_user(&mut self, user_uid: &str, org_id: Option<i64>, org_uid: Option<&str>) {
        for device in self
            .devices
            .iter_mut()
            .filter(|d| d.user_uid.as_deref() == Some(user_uid))
        {
            device.org_id = org_id;
            device.org_uid = org_uid.map(str::to_owned);
        }
    }

    fn by_id_mut(&mut self, id: i64) -> Option<&mut Device> {
        self.devices.iter_mut().find(|d| d.computer_id == id)
    }
}

/// The device routes.
pub(crate) fn routes() -> Vec<Route> {
    vec![
        Route::get("/api/v1/Computer", Access::Bearer, list),
        Route::get("/api/v1/Computer/{deviceId}", Access::Bearer, get),
        Route::new(
            "PUT",
            "/api/v1/ComputerBlock/{deviceId}",
            Access::Bearer,
            block,
        ),
        Route::new(
            "DELETE",
            "/api/v1/ComputerBlock/{deviceId}",
            Access::Bearer,
            unblock,
        ),
        Route::new(
            "PUT",
            "/api/v1/ComputerDeauthorization/{deviceId}",
            Access::Bearer,
            deauthorize,
        ),
        Route::post(
            "/api/v4/computer-deactivation/update",
            Access::Bearer,
            deactivate,
        ),
        Route::post(
            "/api/v4/computer-deactivation/remove",
            Access::Bearer,
            reactivate,
        ),
        Route::post(
            "/api/v4/device-upgrade/upgrade-device",
            Access::Bearer,
            upgrade,
        ),
        Route::get(
            "/api/v14/agent-state/view-by-device-guid",
            Access::Bearer,
            agent_state_by_device,
        ),
    ]
}

fn not_found() -> Reply {
    Reply::system_error(404, "Computer not found")
}

fn flag(ctx: &Ctx<'_>, name: &str) -> Result<Option<bool>, Reply> {
    match ctx.req.query(name) {
        None | Some("") => Ok(None),
        Some(v) => parse_bool(v)
            .map(Some)
            .ok_or_else(|| Reply::system_error(400, &format!("{name} must be true or false"))),
    }
}

/// The device as served: `backupUsage` only when asked for, the settings tree with
/// `incSettings`.
fn served(device: &Device, usage: bool, settings: bool) -> Value {
    let mut value = serde_json::to_value(device).unwrap_or(Value::Null);
    if let Some(map) = value.as_object_mut() {
        if !usage {
            map.remove("backupUsage");
        } else if !map.contains_key("backupUsage") {
            map.insert("backupUsage".into(), json!([]));
        }
        if settings {
            let crashplan = device.service.as_deref() == Some("CrashPlan");
            map.insert(
                "settings".into(),
                if crashplan {
                    json!({
                        "configDateMs": "1700000000000",
                        "serviceBackupConfig": {"backupConfig": {"backupSets": [
                            {"@id": "1", "name": "Default", "destinations": {"@id": DESTINATION_GUID}}
                        ]}}
                    })
                } else {
                    json!({"configDateMs": "1700000000000"})
                },
            );
        }
    }
    value
}

/// `GET /api/v1/Computer`: filters of py42's `get_page`, paged from 1; an unknown `orgUid` is
/// the real 400 "Unable to find org" (authority.md §5.2).
fn list(ctx: &Ctx<'_>) -> Reply {
    let (active, blocked, usage) = match (
        flag(ctx, "active"),
        flag(ctx, "blocked"),
        flag(ctx, "incBackupUsage"),
    ) {
        (Ok(a), Ok(b), Ok(u)) => (a, b, u.unwrap_or(false)),
        (Err(r), ..) | (_, Err(r), _) | (.., Err(r)) => return r,
    };
    let text = |name: &str| ctx.req.query(name).filter(|v| !v.is_empty());
    let (org_uid, user_uid, target, q) = (
        text("orgUid"),
        text("userUid"),
        text("targetComputerGuid"),
        text("q").map(str::to_lowercase),
    );
    let state = ctx.tenant.state();
    if org_uid.is_some_and(|o| state.org_tree.by_uid(o).is_none()) {
        return Reply::system_error(400, "Unable to find org");
    }
    let items: Vec<Value> = state
        .devices
        .all()
        .iter()
        .filter(|d| active.is_none_or(|a| d.active == Some(a)))
        .filter(|d| blocked.is_none_or(|b| d.blocked == Some(b)))
        .filter(|d| org_uid.is_none_or(|o| d.org_uid.as_deref() == Some(o)))
        .filter(|d| user_uid.is_none_or(|u| d.user_uid.as_deref() == Some(u)))
        .filter(|d| {
            target.is_none_or(|t| {
                d.backup_usage
                    .iter()
                    .flatten()
                    .any(|b| b.target_computer_guid.as_deref() == Some(t))
            })
        })
        .filter(|d| {
            q.as_deref().is_none_or(|q| {
                [
                    d.name.as_deref(),
                    d.os_hostname.as_deref(),
                    Some(d.guid.as_str()),
                ]
                .into_iter()
                .flatten()
                .any(|f| f.to_lowercase().contains(q))
            })
        })
        .map(|d| served(d, usage, false))
        .collect();
    drop(state);
    paged(ctx, "computers", items)
}

/// `GET /api/v1/Computer/{deviceId}` (numeric id), or by guid with `idType=guid`.
fn get(ctx: &Ctx<'_>) -> Reply {
    let id = ctx.param("deviceId").unwrap_or_default();
    let (usage, settings) = match (flag(ctx, "incBackupUsage"), flag(ctx, "incSettings")) {
        (Ok(u), Ok(s)) => (u.unwrap_or(false), s.unwrap_or(false)),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let state = ctx.tenant.state();
    let found = match ctx.req.query("idType") {
        Some("guid") => state.devices.all().iter().find(|d| d.guid == id),
        Some(other) => return Reply::system_error(400, &format!("Unsupported idType: {other}")),
        None => match id.parse::<i64>() {
            Ok(n) => state.devices.all().iter().find(|d| d.computer_id == n),
            Err(_) => return Reply::system_error(400, "The computer id must be a number"),
        },
    };
    match found {
        Some(d) => Reply::json(
            200,
            &json!({ "data": served(d, usage, settings), "metadata": {} }),
        ),
        None => not_found(),
    }
}

/// The numeric device id of the path.
fn path_id(ctx: &Ctx<'_>) -> Result<i64, Reply> {
    ctx.param("deviceId")
        .unwrap_or_default()
        .parse()
        .map_err(|_| Reply::system_error(400, "The computer id must be a number"))
}

/// The `{"id": n}` of a deactivation body.
fn body_id(ctx: &Ctx<'_>) -> Result<i64, Reply> {
    let body = ctx.json_object()?;
    body.get("id")
        .and_then(Value::as_i64)
        .ok_or_else(|| Reply::system_error(400, "id is required"))
}

/// Applies `change` to device `id`, keeping `status` consistent; devices of users on legal hold
/// cannot be deactivated.
fn apply(
    ctx: &Ctx<'_>,
    id: Result<i64, Reply>,
    deactivation: bool,
    change: fn(&mut Device),
) -> Reply {
    let id = match id {
        Ok(id) => id,
        Err(r) => return r,
    };
    let mut state = ctx.tenant.state_mut();
    let on_hold = state.legal_hold.clone();
    let Some(device) = state.devices.by_id_mut(id) else {
        return not_found();
    };
    if deactivation
        && device
            .user_uid
            .as_ref()
            .is_some_and(|u| on_hold.contains(u))
    {
        return Reply::json(400, &json!([{ "name": "ACTIVE_LEGAL_HOLD" }]));
    }
    change(device);
    let deauthorized = device
        .status
        .as_deref()
        .is_some_and(|s| s.contains("Deauthorized"));
    let base = match (device.active, device.blocked) {
        (Some(false), _) => "Deactivated",
        (_, Some(true)) => "Blocked",
        _ => "Active",
    };
    device.status = Some(if deauthorized {
        format!("{base}, Deauthorized")
    } else {
        base.to_owned()
    });
    Reply::json(200, &json!({}))
}

fn block(ctx: &Ctx<'_>) -> Reply {
    apply(ctx, path_id(ctx), false, |d| d.blocked = Some(true))
}

fn unblock(ctx: &Ctx<'_>) -> Reply {
    apply(ctx, path_id(ctx), false, |d| d.blocked = Some(false))
}

fn deauthorize(ctx: &Ctx<'_>) -> Reply {
    apply(ctx, path_id(ctx), false, |d| {
        d.status = Some("Active, Deauthorized".into())
    })
}

fn deactivate(ctx: &Ctx<'_>) -> Reply {
    apply(ctx, body_id(ctx), true, |d| d.active = Some(false))
}

fn reactivate(ctx: &Ctx<'_>) -> Reply {
    apply(ctx, body_id(ctx), false, |d| d.active = Some(true))
}

/// `POST /api/v4/device-upgrade/upgrade-device {"deviceGuid": …}`.
fn upgrade(ctx: &Ctx<'_>) -> Reply {
    let body = match ctx.json_object() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(guid) = body.get("deviceGuid").and_then(Value::as_str) else {
        return Reply::system_error(400, "deviceGuid is required");
    };
    let mut state = ctx.tenant.state_mut();
    if !state.devices.all().iter().any(|d| d.guid == guid) {
        return not_found();
    }
    state.devices.upgraded.push(guid.to_owned());
    Reply::json(200, &json!({}))
}

/// One device's state of `property` (the real shape is not known from py42; the fake answers
/// `{"data": [{"deviceGuid", "propertyName", "value"}]}`).
fn state_item(store: &DeviceStore, device: &Device, property: &str) -> Value {
    let value = property != "fullDiskAccess" || !store.no_disk_access.contains(&device.guid);
    json!({ "deviceGuid": device.guid, "propertyName": property, "value": value.to_string() })
}

fn property(ctx: &Ctx<'_>) -> Result<String, Reply> {
    ctx.req
        .query("propertyName")
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| Reply::system_error(400, "propertyName is required"))
}

/// `GET /api/v14/agent-state/view-by-device-guid?deviceGuid=&propertyName=`.
fn agent_state_by_device(ctx: &Ctx<'_>) -> Reply {
    let property = match property(ctx) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let guid = ctx.req.query("deviceGuid").unwrap_or_default();
    let state = ctx.tenant.state();
    match state.devices.all().iter().find(|d| d.guid == guid) {
        Some(d) => Reply::json(
            200,
            &json!({ "data": [state_item(&state.devices, d, &property)] }),
        ),
        None => not_found(),
    }
}

/// `GET /api/v14/agent-state/view-by-organization-id?orgId=&propertyName=`.
pub(crate) fn agent_state_by_org(ctx: &Ctx<'_>) -> Reply {
    let property = match property(ctx) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(org_id) = ctx.req.query("orgId").and_then(|v| v.parse::<i64>().ok()) else {
        return Reply::system_error(400, "orgId must be a number");
    };
    let state = ctx.tenant.state();
    if state.org_tree.by_id(org_id).is_none() {
        return Reply::system_error(404, "Unable to find org");
    }
    let items: Vec<Value> = state
        .devices
        .all()
        .iter()
        .filter(|d| d.org_id == Some(org_id))
        .map(|d| state_item(&state.devices, d, &property))
        .collect();
    Reply::json(200, &json!({ "data": items }))
}
