//! Token endpoints (local-account JWT, API-client OAuth) and bearer-token checks.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::json;

use super::Shared;
use super::http::{Access, Ctx, Incoming, Reply, Route, parse_bool};
use super::seed::SplitMix64;
use code42::Secret;
use code42::wire::authority::types::{
    ApiClientTokenResponse, LocalAccountToken, LocalAccountTokenResponse,
};

/// Who a token was issued to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Principal {
    /// A local account, by username.
    User(String),
    /// An API client, by client id.
    ApiClient(String),
    /// An API client on the Incydr API gateway (`POST /v1/oauth`), by client id.
    Gateway(String),
}

impl Principal {
    /// Whether the token was issued by the gateway's token endpoint.
    pub(crate) fn is_gateway(&self) -> bool {
        matches!(self, Principal::Gateway(_))
    }
}

#[derive(Debug)]
struct Issued {
    principal: Principal,
    expires: Instant,
}

/// Tokens the tenant issued.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    issued: HashMap<String, Issued>,
    counter: u64,
}

/// Drop expired tokens once this many are held.
const PRUNE_AT: usize = 4096;

impl Tokens {
    /// Issues a JWT for `principal`, valid for `lifetime` from now.
    pub fn issue(
        &mut self,
        principal: Principal,
        lifetime: Duration,
        seed: u64,
        tenant_uid: &str,
    ) -> String {
        self.counter += 1;
        // A lifetime too long to represent means "never expires" (about a century).
        let lifetime = lifetime.min(Duration::from_secs(100 * 365 * 24 * 3600));
        let now = SystemTime::now();
        let unix = |t: SystemTime| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let (sub, kind) = match &principal {
            Principal::User(u) => (u.as_str(), "user"),
            Principal::ApiClient(c) => (c.as_str(), "api_client"),
            Principal::Gateway(c) => (c.as_str(), "gateway_api_client"),
        };
        let header = json!({ "alg": "HS256", "typ": "JWT", "kid": "fake-tenant" });
        let payload = json!({
            "sub": sub,
            "iat": unix(now),
            "exp": unix(now.checked_add(lifetime).unwrap_or(now)),
            "jti": format!("fake-{}", self.counter),
            "tenantUid": tenant_uid,
            "principalType": kind,
        });
        let mut rng = SplitMix64::new(seed ^ self.counter.rotate_left(32));
        let signature: Vec<u8> = (0..4).flat_map(|_| rng.next_u64().to_be_bytes()).collect();
        let token = format!(
            "{}.{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(payload.to_string()),
            URL_SAFE_NO_PAD.encode(signature)
        );
        if self.issued.len() >= PRUNE_AT {
            let now = Instant::now();
            self.issued.retain(|_, t| t.expires > now);
        }
        let issued_at = Instant::now();
        self.issued.insert(
            token.clone(),
            Issued {
                principal,
                expires: issued_at.checked_add(lifetime).unwrap_or(issued_at),
            },
        );
        token
    }

    /// The principal of an issued, unexpired token.
    pub fn check(&self, token: &str) -> Option<Principal> {
        self.issued
            .get(token)
            .filter(|t| t.expires > Instant::now())
            .map(|t| t.principal.clone())
    }

    /// Forgets every token: the next bearer request gets 401.
    pub fn revoke_all(&mut self) {
        self.issued.clear();
    }
}

/// The token routes.
pub(crate) fn routes() -> Vec<Route> {
    vec![
        Route::get("/api/v3/auth/jwt", Access::Public, local_account_token),
        Route::post("/api/v3/oauth/token", Access::Public, api_client_token),
    ]
}

/// The principal behind the request's `Authorization: Bearer …`, if the token is valid.
pub(crate) fn authenticate(tenant: &Shared, req: &Incoming) -> Option<Principal> {
    let value = req.header("authorization")?.trim();
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    tenant.tokens().check(token.trim())
}

/// The 401 every bearer route answers without a valid token.
pub(crate) fn unauthorized() -> Reply {
    Reply::system_error(401, "Unauthorized")
}

/// `(user, password)` from `Authorization: Basic …`.
pub(crate) fn basic_credentials(req: &Incoming) -> Option<(String, String)> {
    let value = req.header("authorization")?.trim();
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = STANDARD.decode(encoded.trim()).ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

fn login_error(key: &str) -> Reply {
    Reply::json(401, &json!({ "error": [{ "primaryErrorKey": key }] }))
}

/// `GET /api/v3/auth/jwt?useBody=true` with Basic credentials and, when configured, `totp-auth`.
fn local_account_token(ctx: &Ctx<'_>) -> Reply {
    let cfg = &ctx.tenant.config;
    if ctx.req.query("useBody").and_then(parse_bool) != Some(true) {
        return Reply::system_error(400, "The fake tenant only supports useBody=true");
    }
    let good = basic_credentials(ctx.req)
        .is_some_and(|(u, p)| u == cfg.username && p == cfg.password.expose());
    if !good {
        return login_error("LOGIN_FAILED");
    }
    if let Some(totp) = &cfg.totp
        && ctx.req.header("totp-auth").map(str::trim) != Some(totp.expose())
    {
        return login_error("TIME_BASED_ONE_TIME_PASSWORD_REQUIRED");
    }
    let token = ctx
        .tenant
        .issue_token(Principal::User(cfg.username.clone()));
    Reply::json(
        200,
        &LocalAccountTokenResponse::new()
            .with_data(LocalAccountToken::new().with_v3_user_token(Secret::new(token))),
    )
}

/// `POST /api/v3/oauth/token?grant_type=client_credentials` with Basic `id:secret`.
fn api_client_token(ctx: &Ctx<'_>) -> Reply {
    let cfg = &ctx.tenant.config;
    if ctx.req.query("grant_type") != Some("client_credentials") {
        return Reply::json(400, &json!({ "error": "unsupported_grant_type" }));
    }
    let good = basic_credentials(ctx.req).is_some_and(|(id, secret)| {
        id == cfg.api_client_id && secret == cfg.api_client_secret.expose()
    });
    if !good {
        return Reply::json(
            401,
            &json!({ "error": "invalid_client", "error_description": "Bad client credentials" }),
        );
    }
    let token = ctx
        .tenant
        .issue_token(Principal::ApiClient(cfg.api_client_id.clone()));
    Reply::json(
        200,
        &ApiClientTokenResponse::new(Secret::new(token))
            .with_expires_in(i64::try_from(cfg.token_lifetime.as_secs()).unwrap_or(i64::MAX))
            .with_token_type("bearer".to_owned()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_expire_and_are_unique() {
        let mut tokens = Tokens::default();
        let a = tokens.issue(Principal::User("u".into()), Duration::from_secs(60), 1, "t");
        let b = tokens.issue(Principal::User("u".into()), Duration::from_secs(60), 1, "t");
        assert_ne!(a, b);
        assert_eq!(a.split('.').count(), 3);
        let payload = a.split('.').nth(1).unwrap();
        let payload: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
        assert_eq!(payload["sub"], "u");
        assert!(payload["exp"].as_u64().unwrap() > payload["iat"].as_u64().unwrap());
        assert_eq!(tokens.check(&a), Some(Principal::User("u".into())));
        let gone = tokens.issue(Principal::ApiClient("c".into()), Duration::ZERO, 1, "t");
        assert_eq!(tokens.check(&gone), None);
        assert_eq!(tokens.check("nope"), None);
        tokens.revoke_all();
        assert_eq!(tokens.check(&a), None);
        let forever = tokens.issue(Principal::User("u".into()), Duration::MAX, 1, "t");
        assert!(tokens.check(&forever).is_some());
    }
}
