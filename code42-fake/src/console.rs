//! Console routes that are neither auth nor users: server environment and tenant.

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
        &ServerEnvResponse::new().with_data(
            ServerEnv::new().with_sts_base_url(format!("{}/sts", ctx.tenant.config.base_url)),
        ),
    )
}

/// `GET /api/v3/customer/my`.
fn customer(ctx: &Ctx<'_>) -> Reply {
    let cfg = &ctx.tenant.config;
    Reply::json(
        200,
        &CustomerResponse::new({
            let f_deployment_model = Some("PUBLIC".to_owned());
            let f_maintenance_mode = Some(false);
            let f_master_services_agreement = Some(
                MasterServicesAgreement::new()
                    .with_acceptance_required(false)
                    .with_accepted(true),
            );
            let f_name = Some("Fake Tenant".to_owned());
            let f_registration_key = Some(cfg.registration_key.clone());
            let f_tenant_uid = cfg.tenant_uid.clone();
            let mut v = Customer::new(f_tenant_uid);
            v.deployment_model = f_deployment_model;
            v.maintenance_mode = f_maintenance_mode;
            v.master_services_agreement = f_master_services_agreement;
            v.name = f_name;
            v.registration_key = f_registration_key;
            v
        }),
    )
}
