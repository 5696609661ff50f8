//! Console routes that are neither auth nor users: server environment and tenant.

use serde_json::Map;

use super::http::{Access, Ctx, Reply, Route};
use code42::wire::authority::types::{
    Customer, CustomerResponse, MasterServicesAgreement, ServerEnv, ServerEnvResponse,
};

/// The console routes of this module.
pub(crate) fn routes() -> Vec<Route> {
    vec![
        Route::get("/api/v1/ServerEnv", Access::Bearer, server_env),
        Route::get("/api/v3/customer/my", Access::Bearer, customer),
    ]
}

/// `GET /api/v1/ServerEnv`: `stsBaseUrl` is `<base>/sts`, so the key-value store (first `sts`
/// replaced by `simple-key-value-store`) is `<base>/simple-key-value-store`.
fn server_env(ctx: &Ctx<'_>) -> Reply {
    Reply::json(
        200,
        &ServerEnvResponse {
            data: Some(ServerEnv {
                sts_base_url: Some(format!("{}/sts", ctx.tenant.config.base_url)),
                extra: Map::new(),
            }),
            sts_base_url: None,
            extra: Map::new(),
        },
    )
}

/// `GET /api/v3/customer/my`.
fn customer(ctx: &Ctx<'_>) -> Reply {
    let cfg = &ctx.tenant.config;
    Reply::json(
        200,
        &CustomerResponse {
            data: Customer {
                deployment_model: Some("PUBLIC".to_owned()),
                maintenance_mode: Some(false),
                master_services_agreement: Some(MasterServicesAgreement {
                    acceptance_required: Some(false),
                    accepted: Some(true),
                    extra: Map::new(),
                }),
                name: Some("Fake Tenant".to_owned()),
                registration_key: Some(cfg.registration_key.clone()),
                tenant_uid: cfg.tenant_uid.clone(),
                extra: Map::new(),
            },
            extra: Map::new(),
        },
    )
}
