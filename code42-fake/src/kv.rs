//! The key-value store used for service discovery, mounted at `/simple-key-value-store`.

use super::http::{Access, Ctx, Reply, Route};
use super::services;

/// Where the key-value store is mounted (the console's `stsBaseUrl` is `<base>/sts`).
pub(crate) const PREFIX: &str = "/simple-key-value-store";

/// The key-value store's routes, already under [`PREFIX`].
pub(crate) fn routes() -> Vec<Route> {
    vec![Route::get("/v1/{key}", Access::Public, lookup).under(PREFIX)]
}

/// `GET /simple-key-value-store/v1/{key}` (no auth): the service's base URL as plain text.
fn lookup(ctx: &Ctx<'_>) -> Reply {
    let key = ctx.param("key").unwrap_or_default();
    match services::find(key) {
        Some(service) => Reply::text(
            200,
            format!("{}{}", ctx.tenant.config.base_url, service.prefix()),
        ),
        None => Reply::system_error(404, "Key not found"),
    }
}
