//! The Incydr API gateway on the tenant's own URL (`shared/reference/incydr.md`): its token
//! endpoint, the customer, v2 file events (the same events as forensic search), saved searches
//! and file downloads by SHA-256. Every route but the token endpoint takes gateway tokens only.

use serde_json::json;

use super::auth::{Principal, basic_credentials};
use super::file_events;
use super::http::{Access, Ctx, Reply, Route};
use code42::Secret;
use code42::wire::incydr::types::{Customer, GatewayToken};

/// The gateway's routes (absolute paths, as incydr joins them to the base URL).
pub(crate) fn routes() -> Vec<Route> {
    vec![
        Route::post("/v1/oauth", Access::Public, token),
        Route::get("/v1/customer", Access::Gateway, customer),
        Route::post("/v2/file-events", Access::Gateway, search),
        Route::get(
            "/v2/file-events/saved-searches",
            Access::Gateway,
            file_events::saved_list_v2,
        ),
        Route::get(
            "/v2/file-events/saved-searches/{searchId}",
            Access::Gateway,
            file_events::saved_get_v2,
        ),
        Route::get(
            "/v1/files/get-file-by-sha256/{sha256}",
            Access::Gateway,
            file_by_sha256,
        ),
    ]
}

/// `POST /v1/oauth`: Basic `id:secret`, no body, no query (incydr.md §1.2).
fn token(ctx: &Ctx<'_>) -> Reply {
    let cfg = &ctx.tenant.config;
    if !ctx.req.body.is_empty() {
        return Reply::json(400, &json!({ "error": "the token request has no body" }));
    }
    let good = basic_credentials(ctx.req).is_some_and(|(id, secret)| {
        id == cfg.api_client_id && secret == cfg.api_client_secret.expose()
    });
    if !good {
        return Reply::json(401, &json!({ "error": "invalid_client" }));
    }
    let token = ctx
        .tenant
        .issue_token(Principal::Gateway(cfg.api_client_id.clone()));
    Reply::json(
        200,
        &GatewayToken::new(
            Secret::new(token),
            i64::try_from(cfg.token_lifetime.as_secs()).unwrap_or(i64::MAX),
            "bearer",
        ),
    )
}

/// `GET /v1/customer` (incydr.md §2.7).
fn customer(ctx: &Ctx<'_>) -> Reply {
    let cfg = &ctx.tenant.config;
    Reply::json(
        200,
        &Customer::new(
            "Fake Tenant",
            cfg.registration_key.clone(),
            cfg.tenant_uid.clone(),
        ),
    )
}

/// `POST /v2/file-events`: forensic search's v2 search; incydr sends `pgNum: 1` with every
/// `pgToken` (incydr.md §4.1), which means the token.
fn search(ctx: &Ctx<'_>) -> Reply {
    file_events::search_v2(ctx)
}

/// `GET /v1/files/get-file-by-sha256/{sha256}` (incydr.md §2.11): the file's bytes.
fn file_by_sha256(ctx: &Ctx<'_>) -> Reply {
    let store = ctx.tenant.events();
    let content = ctx
        .param("sha256")
        .and_then(|sha| store.by_sha256.get(sha))
        .and_then(|i| store.content(*i));
    match content {
        Some(body) => Reply {
            status: 200,
            content_type: "application/octet-stream",
            headers: Vec::new(),
            body,
        },
        None => Reply::system_error(404, "File not found"),
    }
}
