//! Console administration: diagnostics (`/api/Diagnostic`) and the login configuration of a
//! username (`/api/v3/LoginConfiguration`, no authentication).

use serde_json::json;

use super::http::{Access, Ctx, Reply, Route};

/// The administration routes.
pub(crate) fn routes() -> Vec<Route> {
    vec![
        Route::get("/api/Diagnostic", Access::Bearer, diagnostics),
        Route::get(
            "/api/v3/LoginConfiguration",
            Access::Public,
            login_configuration,
        ),
    ]
}

/// `GET /api/Diagnostic`: a few server facts (the real shape is not known from py42).
fn diagnostics(ctx: &Ctx<'_>) -> Reply {
    let state = ctx.tenant.state();
    let mut data = json!({
        "serverName": "fake-tenant",
        "version": env!("CARGO_PKG_VERSION"),
        "userCount": state.users.len(),
        "computerCount": state.devices.all().len(),
        "orgCount": state.org_tree.all().len(),
    });
    if ctx
        .req
        .query("incVolumes")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        data["volumes"] = json!([{ "path": "/data", "totalBytes": 1_000_000_000_000i64 }]);
    }
    Reply::json(200, &json!({ "data": data }))
}

/// `GET /api/v3/LoginConfiguration?username=…`: `LOCAL` for users (`LOCAL_2FA` for the local
/// account when the tenant requires a TOTP code), `LOCAL_2FA` for unknown usernames (py42's
/// docstring), bare as py42's fixture.
fn login_configuration(ctx: &Ctx<'_>) -> Reply {
    let Some(username) = ctx.req.query("username").filter(|u| !u.is_empty()) else {
        return Reply::system_error(400, "username is required");
    };
    let cfg = &ctx.tenant.config;
    let login_type = if username.eq_ignore_ascii_case(&cfg.username) {
        if cfg.totp.is_some() {
            "LOCAL_2FA"
        } else {
            "LOCAL"
        }
    } else if ctx
        .tenant
        .state()
        .users
        .iter()
        .any(|u| u.username.eq_ignore_ascii_case(username))
    {
        "LOCAL"
    } else {
        "LOCAL_2FA"
    };
    Reply::json(200, &json!({ "loginType": login_type }))
}
