//! Server administration, user context and login configuration: `client.administration()`
//! (py42 `sdk.serveradmin`, `sdk.usercontext`, `sdk.loginconfig`; authority.md §1.7, §2.4,
//! §3.6). py42's `usercontext.get_current_tenant_id()` is [`Client::cached_tenant_id`].

use crate::wire::administration::{ops, types};
use crate::wire::authority::{ops as authority_ops, types as authority_types};
use crate::{Client, Error, Result};

pub use crate::wire::administration::types::{DiagnosticsResponse, LoginConfiguration, LoginType};

/// Server administration. Get it with [`Client::administration`].
#[derive(Clone, Debug)]
pub struct Administration {
    client: Client,
}

impl Client {
    /// Server administration, tenant and login configuration.
    pub fn administration(&self) -> Administration {
        Administration {
            client: self.clone(),
        }
    }
}

impl Administration {
    /// Server diagnostics (`GET /api/Diagnostic`, with `incVolumes` when `include_volumes` is
    /// set). py42 1.29.1 has no such call; this is 1.11.1's (authority.md §3.6), as the server
    /// sends it.
    pub fn diagnostics(&self, include_volumes: Option<bool>) -> Result<types::DiagnosticsResponse> {
        let op = ops::GetDiagnostics {
            inc_volumes: include_volumes,
        };
        self.client.execute(&op)
    }

    /// The tenant of the signed-in user or API client (`GET /api/v3/customer/my`).
    pub fn current_tenant(&self) -> Result<authority_types::Customer> {
        Ok(self.client.execute(&authority_ops::GetCurrentTenant)?.data)
    }

    /// How `username` signs in (`GET /api/v3/LoginConfiguration?username=…`, sent without
    /// authentication, as py42 does).
    pub fn login_configuration(&self, username: &str) -> Result<types::LoginConfiguration> {
        if username.trim().is_empty() {
            return Err(Error::invalid("username", "is empty"));
        }
        let op = ops::GetLoginConfiguration {
            username: username.to_owned(),
        };
        Ok(match self.client.execute(&op)? {
            types::LoginConfigurationResponse::Variant0(wrapped) => wrapped.data,
            types::LoginConfigurationResponse::Variant1(config) => config,
        })
    }
}
