//! The write side of the console's users: create and update (`/api/v1/User`), SCIM data, the v3
//! block, deactivation, move and role calls, and the role list (`/api/v1/role`). Writes change
//! the same state `users.rs` serves, so later reads show them.

use serde_json::{Map, Value, json};

use super::http::{Access, Ctx, Reply, Route, wire};
use code42::wire::authority::types::{Role, User, UserRole, UserStatus};

/// The user-write routes.
pub(crate) fn routes() -> Vec<Route> {
    vec![
        Route::post("/api/v1/User", Access::Bearer, create),
        Route::new("PUT", "/api/v1/User/{userId}", Access::Bearer, update),
        Route::get("/api/v1/role", Access::Bearer, roles),
        Route::get(
            "/api/v18/scim-user-data/collated-view",
            Access::Bearer,
            scim,
        ),
        Route::post("/api/v3/users/{userUid}/block", Access::Bearer, block),
        Route::post("/api/v3/users/{userUid}/unblock", Access::Bearer, unblock),
        Route::post(
            "/api/v3/users/{userUid}/deactivate",
            Access::Bearer,
            deactivate,
        ),
        Route::post("/api/v3/users/{userUid}/activate", Access::Bearer, activate),
        Route::post("/api/v3/users/{userUid}/move", Access::Bearer, move_user),
        Route::get("/api/v3/users/{userUid}/roles", Access::Bearer, user_roles),
        Route::new(
            "PUT",
            "/api/v3/users/{userUid}/roles",
            Access::Bearer,
            set_roles,
        ),
    ]
}

fn not_found() -> Reply {
    Reply::system_error(404, "User not found")
}

/// The 5xx bodies py42 maps to user exceptions (`{"data": [{"name": …}]}`, authority.md §5.2).
fn user_error(status: u16, name: &str) -> Reply {
    Reply::json(status, &json!({ "data": [{ "name": name }] }))
}

fn status_of(user: &User) -> UserStatus {
    match (user.active, user.blocked) {
        (Some(false), _) => UserStatus::Deactivated,
        (_, Some(true)) => UserStatus::Blocked,
        _ => UserStatus::Active,
    }
}

fn text(body: &Map<String, Value>, key: &str) -> Result<Option<String>, Reply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Reply::system_error(400, &format!("{key} must be a string"))),
    }
}

fn valid_email(email: &str) -> bool {
    let mut parts = email.splitn(2, '@');
    matches!((parts.next(), parts.next()), (Some(a), Some(b)) if !a.is_empty() && b.contains('.'))
}

/// `POST /api/v1/User`: a new user in an existing org; a taken username is the real 5xx
/// `USER_DUPLICATE`, an invalid email `EMAIL_INVALID`, an unknown org "Organization was not
/// found".
fn create(ctx: &Ctx<'_>) -> Reply {
    let body = match ctx.json_object() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let field = |k| text(&body, k);
    let (org_uid, username, email, first, last, notes) = match (
        field("orgUid"),
        field("username"),
        field("email"),
        field("firstName"),
        field("lastName"),
        field("notes"),
    ) {
        (Ok(a), Ok(b), Ok(c), Ok(d), Ok(e), Ok(f)) => (a, b, c, d, e, f),
        (Err(r), ..)
        | (_, Err(r), ..)
        | (_, _, Err(r), ..)
        | (_, _, _, Err(r), ..)
        | (.., Err(r), _)
        | (.., Err(r)) => return r,
    };
    let (Some(org_uid), Some(username)) = (org_uid, username) else {
        return Reply::system_error(400, "orgUid and username are required");
    };
    if email.as_deref().is_some_and(|e| !valid_email(e)) {
        return user_error(500, "EMAIL_INVALID");
    }
    let mut state = ctx.tenant.state_mut();
    let Some(org) = state.org_tree.by_uid(&org_uid).cloned() else {
        return Reply::system_error(400, "Organization was not found");
    };
    if state
        .users
        .iter()
        .any(|u| u.username.eq_ignore_ascii_case(&username))
    {
        return user_error(500, "USER_DUPLICATE");
    }
    let user_id = state.users.last().map_or(1001, |u| u.user_id + 1);
    let user_uid = format!("8{user_id:017}");
    let value = json!({
        "userId": user_id,
        "userUid": user_uid,
        "status": "Active",
        "username": username,
        "email": email,
        "firstName": first,
        "lastName": last,
        "notes": notes,
        "quotaInBytes": -1,
        "orgId": org.org_id,
        "orgUid": org.org_uid,
        "orgName": org.org_name,
        "orgType": "ENTERPRISE",
        "active": true,
        "blocked": false,
        "invited": false,
        "usernameIsAnEmail": valid_email(&username),
        "creationDate": "2024-12-31T12:00:00.000Z",
        "modificationDate": "2024-12-31T12:00:00.000Z",
        "roles": [{"roleId": "desktop-user", "roleName": "Desktop User"}],
    });
    let Some(user) = wire::<User>(value) else {
        return Reply::system_error(500, "fake tenant: bad user");
    };
    state.users.push(user.clone());
    drop(state);
    let mut served = user;
    served.roles = None;
    Reply::json(200, &json!({ "data": served }))
}

/// `PUT /api/v1/User/{uid}?idType=uid`: non-null fields change; the real 5xx checks for the
/// email, username and password.
fn update(ctx: &Ctx<'_>) -> Reply {
    if ctx.req.query("idType") != Some("uid") {
        return Reply::system_error(400, "Only idType=uid is supported for updates");
    }
    let body = match ctx.json_object() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let uid = ctx.param("userId").unwrap_or_default();
    let field = |k| text(&body, k);
    let fields = match (
        field("username"),
        field("email"),
        field("password"),
        field("firstName"),
        field("lastName"),
        field("notes"),
    ) {
        (Ok(a), Ok(b), Ok(c), Ok(d), Ok(e), Ok(f)) => (a, b, c, d, e, f),
        (Err(r), ..)
        | (_, Err(r), ..)
        | (_, _, Err(r), ..)
        | (_, _, _, Err(r), ..)
        | (.., Err(r), _)
        | (.., Err(r)) => return r,
    };
    let quota = match body.get("quotaInBytes") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_i64() {
            Some(q) => Some(q),
            None => return Reply::system_error(400, "quotaInBytes must be a number"),
        },
    };
    let (username, email, password, first, last, notes) = fields;
    if email.as_deref().is_some_and(|e| !valid_email(e)) {
        return user_error(500, "EMAIL_INVALID");
    }
    if username.as_deref().is_some_and(|u| u.trim().is_empty()) {
        return user_error(500, "INVALID_USERNAME");
    }
    if password.as_deref().is_some_and(|p| p.len() < 8) {
        return user_error(500, "NEW_PASSWORD_INVALID");
    }
    let mut state = ctx.tenant.state_mut();
    if let Some(name) = &username
        && state
            .users
            .iter()
            .any(|u| u.user_uid != uid && u.username.eq_ignore_ascii_case(name))
    {
        return user_error(500, "USER_DUPLICATE");
    }
    let Some(user) = state.users.iter_mut().find(|u| u.user_uid == uid) else {
        return not_found();
    };
    if let Some(v) = username {
        user.username = v;
    }
    if email.is_some() {
        user.email = email;
    }
    if first.is_some() {
        user.first_name = first;
    }
    if last.is_some() {
        user.last_name = last;
    }
    if notes.is_some() {
        user.notes = notes;
    }
    if quota.is_some() {
        user.quota_in_bytes = quota;
    }
    Reply::json(200, &json!({}))
}

/// `GET /api/v1/role`: the tenant's roles.
fn roles(ctx: &Ctx<'_>) -> Reply {
    Reply::json(200, &json!({ "data": ctx.tenant.state().roles }))
}

/// `GET /api/v18/scim-user-data/collated-view?userId=<uid>` (the real shape is not known from
/// py42; the fake answers `{"data": {"division", "department", "title"}}`).
fn scim(ctx: &Ctx<'_>) -> Reply {
    let uid = ctx.req.query("userId").unwrap_or_default();
    let state = ctx.tenant.state();
    let Some(user) = state.users.iter().find(|u| u.user_uid == uid) else {
        return not_found();
    };
    let department = user.org_name.clone().unwrap_or_default();
    Reply::json(
        200,
        &json!({ "data": { "division": "Fake Tenant", "department": department, "title": "Employee" } }),
    )
}

/// Applies `change` to the user in the path; users on legal hold cannot be deactivated
/// (the real 400 `ACTIVE_LEGAL_HOLD`).
fn apply(ctx: &Ctx<'_>, deactivation: bool, change: impl FnOnce(&mut User)) -> Reply {
    let uid = ctx.param("userUid").unwrap_or_default().to_owned();
    let mut state = ctx.tenant.state_mut();
    if deactivation && state.legal_hold.contains(&uid) {
        return Reply::json(400, &json!([{ "name": "ACTIVE_LEGAL_HOLD" }]));
    }
    let Some(user) = state.users.iter_mut().find(|u| u.user_uid == uid) else {
        return not_found();
    };
    change(user);
    user.status = Some(status_of(user));
    Reply::json(200, &json!({}))
}

fn block(ctx: &Ctx<'_>) -> Reply {
    apply(ctx, false, |u| u.blocked = Some(true))
}

fn unblock(ctx: &Ctx<'_>) -> Reply {
    apply(ctx, false, |u| u.blocked = Some(false))
}

/// An optional boolean of the body; another type is a 400.
fn option_flag(ctx: &Ctx<'_>, key: &str) -> Result<Option<bool>, Reply> {
    let body = ctx.json_object()?;
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(Reply::system_error(
            400,
            &format!("{key} must be true, false or null"),
        )),
    }
}

fn deactivate(ctx: &Ctx<'_>) -> Reply {
    match option_flag(ctx, "block") {
        Ok(block) => apply(ctx, true, |u| {
            u.active = Some(false);
            if block == Some(true) {
                u.blocked = Some(true);
            }
        }),
        Err(r) => r,
    }
}

fn activate(ctx: &Ctx<'_>) -> Reply {
    match option_flag(ctx, "unblock") {
        Ok(unblock) => apply(ctx, false, |u| {
            u.active = Some(true);
            if unblock == Some(true) {
                u.blocked = Some(false);
            }
        }),
        Err(r) => r,
    }
}

/// `POST /api/v3/users/{uid}/move {"orgId": n}`: the user and their devices change org.
fn move_user(ctx: &Ctx<'_>) -> Reply {
    let body = match ctx.json_object() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(org_id) = body.get("orgId").and_then(Value::as_i64) else {
        return Reply::system_error(400, "orgId must be a number");
    };
    let uid = ctx.param("userUid").unwrap_or_default().to_owned();
    let mut state = ctx.tenant.state_mut();
    let Some(org) = state.org_tree.by_id(org_id).cloned() else {
        return Reply::system_error(400, "Unable to find org");
    };
    let Some(user) = state.users.iter_mut().find(|u| u.user_uid == uid) else {
        return not_found();
    };
    user.org_id = org.org_id;
    user.org_uid = org.org_uid.clone();
    user.org_name = org.org_name.clone();
    state
        .devices
        .move_user(&uid, org.org_id, org.org_uid.as_deref());
    Reply::json(200, &json!({}))
}

/// The user's roles as role objects (seeded users may carry names only).
fn role_objects(all: &[Role], user: &User) -> Vec<Role> {
    user.roles
        .iter()
        .flatten()
        .filter_map(|r| match r {
            UserRole::Role(role) => Some(role.clone()),
            UserRole::Name(name) => all
                .iter()
                .find(|x| x.role_name.as_deref() == Some(name.as_str()))
                .cloned(),
            _ => None,
        })
        .collect()
}

/// `GET /api/v3/users/{uid}/roles`: `{"data": [roles]}` (as py42's test fixture).
fn user_roles(ctx: &Ctx<'_>) -> Reply {
    let uid = ctx.param("userUid").unwrap_or_default();
    let state = ctx.tenant.state();
    match state.users.iter().find(|u| u.user_uid == uid) {
        Some(user) => Reply::json(200, &json!({ "data": role_objects(&state.roles, user) })),
        None => not_found(),
    }
}

/// `PUT /api/v3/users/{uid}/roles {"roleIds": [...]}`: every id must be a tenant role.
fn set_roles(ctx: &Ctx<'_>) -> Reply {
    let body = match ctx.json_object() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(ids) = body.get("roleIds").and_then(Value::as_array) else {
        return Reply::system_error(400, "roleIds must be a list");
    };
    let uid = ctx.param("userUid").unwrap_or_default().to_owned();
    let mut state = ctx.tenant.state_mut();
    let mut roles: Vec<UserRole> = Vec::new();
    for id in ids {
        let Some(id) = id.as_str() else {
            return Reply::system_error(400, "roleIds must be strings");
        };
        let Some(role) = state
            .roles
            .iter()
            .find(|r| r.role_id.as_deref() == Some(id))
        else {
            return Reply::system_error(400, &format!("Role not found: {id}"));
        };
        if !roles
            .iter()
            .any(|r| matches!(r, UserRole::Role(x) if x.role_id.as_deref() == Some(id)))
        {
            roles.push(UserRole::Role(role.clone()));
        }
    }
    let Some(user) = state.users.iter_mut().find(|u| u.user_uid == uid) else {
        return not_found();
    };
    user.roles = Some(roles);
    Reply::json(200, &json!({}))
}
