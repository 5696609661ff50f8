//! Console organizations: the org tree, `/api/v1/Org` (list, `my`), the v3 org API (get, create,
//! update, block, deactivate) and the agent-state view by org.

use serde_json::{Value, json};

use super::http::{Access, Ctx, Reply, Route, wire};
use super::seed::{self, SplitMix64};
use code42::wire::orgs::types::Org;

/// Largest `pgSize` accepted.
const MAX_PAGE_SIZE: usize = 1000;

/// Extra orgs below the seeded ones: `(orgId, name, parent orgId)`.
const CHILD_ORGS: &[(i64, &str, i64)] = &[(2007, "Platform", 2002), (2008, "EMEA Sales", 2003)];

/// The org tree, ordered by `orgId`.
#[derive(Clone, Debug, Default)]
pub(crate) struct OrgStore {
    orgs: Vec<Org>,
    rng: Option<SplitMix64>,
}

fn org_json(rng: &mut SplitMix64, id: i64, uid: &str, name: &str, parent: Option<&Org>) -> Value {
    json!({
        "orgId": id,
        "orgUid": uid,
        "orgGuid": seed::uuid(rng),
        "orgName": name,
        "orgExtRef": null,
        "notes": null,
        "status": "Active",
        "active": true,
        "blocked": false,
        "parentOrgId": parent.and_then(|p| p.org_id),
        "parentOrgUid": parent.and_then(|p| p.org_uid.clone()),
        "parentOrgGuid": parent.map(|p| p.org_guid.clone()),
        "type": "ENTERPRISE",
        "classification": "BASIC",
        "registrationKey": format!("FAKE-ORG{id}"),
        "customConfig": false,
        "creationDate": "2019-03-01T10:00:00.000Z",
        "modificationDate": "2024-01-15T09:30:00.000Z",
        "deactivationDate": null,
    })
}

impl OrgStore {
    /// The seeded orgs (the first is the root; the others its children) and two grandchildren.
    pub fn new(seed_value: u64, seeded: &[seed::Org]) -> OrgStore {
        let mut rng = SplitMix64::new(seed_value ^ 0x6F72_6773);
        let mut orgs: Vec<Org> = Vec::new();
        for (i, o) in seeded.iter().enumerate() {
            let parent = if i == 0 { None } else { orgs.first() };
            let value = org_json(&mut rng, o.org_id, &o.org_uid, o.name, parent);
            orgs.extend(wire::<Org>(value));
        }
        for (id, name, parent_id) in CHILD_ORGS {
            let parent = orgs.iter().find(|o| o.org_id == Some(*parent_id)).cloned();
            if parent.is_none() {
                continue;
            }
            let uid = format!("9{:017}", id);
            let value = org_json(&mut rng, *id, &uid, name, parent.as_ref());
            orgs.extend(wire::<Org>(value));
        }
        OrgStore {
            orgs,
            rng: Some(rng),
        }
    }

    /// Every org.
    pub fn all(&self) -> &[Org] {
        &self.orgs
    }

    /// The org with this numeric id.
    pub fn by_id(&self, id: i64) -> Option<&Org> {
        self.orgs.iter().find(|o| o.org_id == Some(id))
    }

    /// The org with this uid.
    pub fn by_uid(&self, uid: &str) -> Option<&Org> {
        self.orgs.iter().find(|o| o.org_uid.as_deref() == Some(uid))
    }

    fn by_guid_mut(&mut self, guid: &str) -> Option<&mut Org> {
        self.orgs.iter_mut().find(|o| o.org_guid == guid)
    }
}

/// The org routes (`my` before nothing: the v1 org has no `{id}` route here).
pub(crate) fn routes() -> Vec<Route> {
    vec![
        Route::get("/api/v1/Org", Access::Bearer, list),
        Route::get("/api/v1/Org/my", Access::Bearer, current),
        Route::post("/api/v3/orgs", Access::Bearer, create),
        Route::get("/api/v3/orgs/{orgGuid}", Access::Bearer, get),
        Route::new("PUT", "/api/v3/orgs/{orgGuid}", Access::Bearer, update),
        Route::post("/api/v3/orgs/{orgGuid}/block", Access::Bearer, block),
        Route::post("/api/v3/orgs/{orgGuid}/unblock", Access::Bearer, unblock),
        Route::post(
            "/api/v3/orgs/{orgGuid}/deactivate",
            Access::Bearer,
            deactivate,
        ),
        Route::post("/api/v3/orgs/{orgGuid}/activate", Access::Bearer, activate),
        Route::get(
            "/api/v14/agent-state/view-by-organization-id",
            Access::Bearer,
            super::devices::agent_state_by_org,
        ),
    ]
}

fn not_found() -> Reply {
    Reply::system_error(404, "Unable to find org")
}

/// A page number or size from the query: absent gives `default`, bad values a 400.
pub(crate) fn page_param(ctx: &Ctx<'_>, name: &str, default: usize) -> Result<usize, Reply> {
    match ctx.req.query(name) {
        None | Some("") => Ok(default),
        Some(v) => v
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1 && (name != "pgSize" || *n <= MAX_PAGE_SIZE))
            .ok_or_else(|| Reply::system_error(400, &format!("Bad {name}: {v}"))),
    }
}

/// One page of `items` as `{"data": {"totalCount": n, key: [...]}}`.
pub(crate) fn paged<T: serde::Serialize>(ctx: &Ctx<'_>, key: &str, items: Vec<T>) -> Reply {
    let (page, size) = match (page_param(ctx, "pgNum", 1), page_param(ctx, "pgSize", 100)) {
        (Ok(p), Ok(s)) => (p, s),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let total = items.len();
    let skip = ctx.shifted((page - 1).saturating_mul(size));
    let page: Vec<T> = items.into_iter().skip(skip).take(size).collect();
    Reply::json(
        200,
        &json!({ "data": { "totalCount": total, key: page }, "metadata": {} }),
    )
}

/// `GET /api/v1/Org`: every org, paged from 1.
fn list(ctx: &Ctx<'_>) -> Reply {
    let orgs = ctx.tenant.state().org_tree.all().to_vec();
    paged(ctx, "orgs", orgs)
}

/// `GET /api/v1/Org/my`: the local account's org; API clients have none (a 500, as the real
/// console answers py42's `get_current`, authority.md §5.2).
fn current(ctx: &Ctx<'_>) -> Reply {
    let Some(super::auth::Principal::User(username)) = &ctx.principal else {
        return Reply::system_error(500, "No org for an API client");
    };
    let state = ctx.tenant.state();
    let org = state
        .users
        .iter()
        .find(|u| u.username.eq_ignore_ascii_case(username))
        .and_then(|u| u.org_id)
        .and_then(|id| state.org_tree.by_id(id));
    match org {
        Some(org) => Reply::json(200, &json!({ "data": org })),
        None => Reply::system_error(500, "No org"),
    }
}

/// `GET /api/v3/orgs/{orgGuid}`: the org, not wrapped (the real envelope is not known).
fn get(ctx: &Ctx<'_>) -> Reply {
    let guid = ctx.param("orgGuid").unwrap_or_default();
    let state = ctx.tenant.state();
    match state.org_tree.all().iter().find(|o| o.org_guid == guid) {
        Some(org) => Reply::json(200, org),
        None => not_found(),
    }
}

/// A text field of a body: absent or `null` is `None`; another type is a 400.
fn text(body: &serde_json::Map<String, Value>, key: &str) -> Result<Option<String>, Reply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Reply::system_error(400, &format!("{key} must be a string"))),
    }
}

/// `POST /api/v3/orgs`: a new org under an existing parent.
fn create(ctx: &Ctx<'_>) -> Reply {
    let body = match ctx.json_object() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let (name, ext_ref, notes, parent) = match (
        text(&body, "orgName"),
        text(&body, "orgExtRef"),
        text(&body, "notes"),
        text(&body, "parentOrgGuid"),
    ) {
        (Ok(a), Ok(b), Ok(c), Ok(d)) => (a, b, c, d),
        (Err(r), ..) | (_, Err(r), ..) | (_, _, Err(r), _) | (.., Err(r)) => return r,
    };
    let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
        return Reply::system_error(400, "orgName is required");
    };
    let Some(parent) = parent else {
        return Reply::system_error(400, "parentOrgGuid is required");
    };
    let mut state = ctx.tenant.state_mut();
    let store = &mut state.org_tree;
    let Some(parent) = store.all().iter().find(|o| o.org_guid == parent).cloned() else {
        return Reply::system_error(400, "Unable to find org");
    };
    let id = store
        .orgs
        .iter()
        .filter_map(|o| o.org_id)
        .max()
        .unwrap_or(2000)
        + 1;
    let uid = format!("9{id:017}");
    let mut rng = store
        .rng
        .take()
        .unwrap_or_else(|| SplitMix64::new(id as u64));
    let mut value = org_json(&mut rng, id, &uid, &name, Some(&parent));
    store.rng = Some(rng);
    value["orgExtRef"] = json!(ext_ref);
    value["notes"] = json!(notes);
    let Some(org) = wire::<Org>(value) else {
        return Reply::system_error(500, "fake tenant: bad org");
    };
    store.orgs.push(org.clone());
    Reply::json(200, &org)
}

/// `PUT /api/v3/orgs/{orgGuid}`: `orgName`, `orgExtRef`, `notes`; `null` leaves a field as it
/// is here (what the real server does with `null` is not known, authority.md §9).
fn update(ctx: &Ctx<'_>) -> Reply {
    let body = match ctx.json_object() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let guid = ctx.param("orgGuid").unwrap_or_default();
    let fields = match (
        text(&body, "orgName"),
        text(&body, "orgExtRef"),
        text(&body, "notes"),
    ) {
        (Ok(a), Ok(b), Ok(c)) => (a, b, c),
        (Err(r), ..) | (_, Err(r), _) | (.., Err(r)) => return r,
    };
    if fields.0.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Reply::system_error(400, "orgName must not be empty");
    }
    let mut state = ctx.tenant.state_mut();
    let Some(org) = state.org_tree.by_guid_mut(guid) else {
        return not_found();
    };
    if let Some(name) = fields.0 {
        org.org_name = Some(name);
    }
    if let Some(ext_ref) = fields.1 {
        org.org_ext_ref = Some(ext_ref);
    }
    if let Some(notes) = fields.2 {
        org.notes = Some(notes);
    }
    Reply::json(200, &json!({}))
}

/// Applies `change` to the org in the path.
fn change(ctx: &Ctx<'_>, change: fn(&mut Org)) -> Reply {
    let guid = ctx.param("orgGuid").unwrap_or_default();
    let mut state = ctx.tenant.state_mut();
    let Some(org) = state.org_tree.by_guid_mut(guid) else {
        return not_found();
    };
    change(org);
    org.status = Some(
        match (org.active, org.blocked) {
            (Some(false), _) => "Deactivated",
            (_, Some(true)) => "Blocked",
            _ => "Active",
        }
        .to_owned(),
    );
    Reply::json(200, &json!({}))
}

fn block(ctx: &Ctx<'_>) -> Reply {
    change(ctx, |o| o.blocked = Some(true))
}

fn unblock(ctx: &Ctx<'_>) -> Reply {
    change(ctx, |o| o.blocked = Some(false))
}

fn deactivate(ctx: &Ctx<'_>) -> Reply {
    change(ctx, |o| o.active = Some(false))
}

fn activate(ctx: &Ctx<'_>) -> Reply {
    change(ctx, |o| o.active = Some(true))
}
