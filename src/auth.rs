//! Credentials and the bearer-token cache.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use base64::Engine as _;

use crate::Secret;
use crate::classify::{ErrorRule, ErrorRules};
use crate::clock::Clock;

/// Errors of the token endpoints (the console's authentication).
pub(crate) const ERRORS: ErrorRules = &[ErrorRule::new(
    crate::ApiErrorKind::MfaRequired,
    &[
        "TOTP_AUTH_CONFIGURATION_REQUIRED_FOR_USER",
        "TIME_BASED_ONE_TIME_PASSWORD_REQUIRED",
    ],
)];

/// A callback that returns a fresh TOTP code each time a token is fetched.
pub type TotpCallback = Arc<dyn Fn() -> Secret + Send + Sync>;

/// A callback that returns a bearer token (a JWT) obtained elsewhere.
pub type JwtProvider =
    Arc<dyn Fn() -> Result<Secret, Box<dyn std::error::Error + Send + Sync>> + Send + Sync>;

/// How the client authenticates.
#[derive(Clone)]
#[non_exhaustive]
pub enum Credentials {
    /// A Code42 local account: username, password and, with two-factor authentication, a TOTP.
    LocalAccount {
        /// Username.
        username: String,
        /// Password.
        password: Secret,
        /// TOTP code, if the account needs one.
        totp: Option<Totp>,
    },
    /// An API client: its id and secret.
    ApiClient {
        /// Client id (`key-…`).
        id: String,
        /// Client secret.
        secret: Secret,
    },
    /// A callback returning a token, called whenever a new one is needed.
    JwtProvider(JwtProvider),
}

/// A TOTP code: a fixed value, or a callback asked on every token fetch.
#[derive(Clone)]
pub enum Totp {
    /// The same code every time (fine for one short run).
    Code(Secret),
    /// A fresh code for every token fetch.
    Callback(TotpCallback),
}

impl Totp {
    pub(crate) fn code(&self) -> Secret {
        match self {
            Totp::Code(code) => code.clone(),
            Totp::Callback(f) => f(),
        }
    }
}

impl fmt::Debug for Totp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Totp::Code(_) => f.write_str("Totp::Code([redacted])"),
            Totp::Callback(_) => f.write_str("Totp::Callback(..)"),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::LocalAccount { username, totp, .. } => f
                .debug_struct("LocalAccount")
                .field("username", username)
                .field("password", &"[redacted]")
                .field("totp", totp)
                .finish(),
            Credentials::ApiClient { id, .. } => f
                .debug_struct("ApiClient")
                .field("id", id)
                .field("secret", &"[redacted]")
                .finish(),
            Credentials::JwtProvider(_) => f.write_str("JwtProvider(..)"),
        }
    }
}

impl Credentials {
    /// The `Authorization: Basic …` value for the token endpoints.
    pub(crate) fn basic_header(&self) -> Option<Secret> {
        let (user, pass) = match self {
            Credentials::LocalAccount {
                username, password, ..
            } => (username.as_str(), password.expose()),
            Credentials::ApiClient { id, secret } => (id.as_str(), secret.expose()),
            Credentials::JwtProvider(_) => return None,
        };
        let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
        Some(Secret::new(format!("Basic {encoded}")))
    }
}

/// A token in the cache.
#[derive(Clone, Debug)]
pub(crate) struct CachedToken {
    pub(crate) token: Secret,
    pub(crate) refresh_at: Instant,
    /// Increases with every fetch, so a 401 invalidates only the token it was sent with.
    pub(crate) generation: u64,
}

/// The bearer-token cache: one fetch at a time, refreshed 60 s before expiry.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    state: Mutex<TokenState>,
}

#[derive(Debug, Default)]
struct TokenState {
    current: Option<CachedToken>,
    generation: u64,
}

/// How long before expiry a token is replaced.
pub(crate) const REFRESH_MARGIN: Duration = Duration::from_secs(60);
/// Assumed lifetime when neither the JWT nor the response says.
pub(crate) const DEFAULT_LIFETIME: Duration = Duration::from_secs(15 * 60);
/// The longest lifetime believed (a JWT `exp` or an `expires_in` far in the future): a token
/// is fetched again after a day whatever it claims.
pub(crate) const MAX_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

impl TokenCache {
    /// The cached token if it is still fresh, else the one `fetch` returns. The lock is held
    /// during the fetch, so threads sharing a client fetch once.
    pub(crate) fn get(
        &self,
        clock: &dyn Clock,
        fetch: impl FnOnce() -> crate::Result<(Secret, Option<Duration>)>,
    ) -> crate::Result<CachedToken> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(token) = state
            .current
            .as_ref()
            .filter(|t| clock.now() < t.refresh_at)
        {
            return Ok(token.clone());
        }
        let (token, expires_in) = fetch()?;
        let lifetime = jwt_lifetime(&token, clock.system_now())
            .or(expires_in)
            .unwrap_or(DEFAULT_LIFETIME)
            .min(MAX_LIFETIME);
        // Compared only for equality: wrapping after 2^64 fetches is harmless.
        state.generation = state.generation.wrapping_add(1);
        let now = clock.now();
        let cached = CachedToken {
            token,
            // An instant past what the platform can represent: refresh now rather than panic.
            refresh_at: now
                .checked_add(lifetime.saturating_sub(REFRESH_MARGIN))
                .unwrap_or(now),
            generation: state.generation,
        };
        state.current = Some(cached.clone());
        Ok(cached)
    }

    /// Drops the token of `generation` (after a 401), unless another thread already replaced it.
    pub(crate) fn invalidate(&self, generation: u64) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if state
            .current
            .as_ref()
            .is_some_and(|t| t.generation == generation)
        {
            state.current = None;
        }
    }
}

/// Time left until a JWT's `exp`, if the token is a JWT with one (an `exp` past what the
/// platform's clock can represent counts as [`MAX_LIFETIME`]).
pub(crate) fn jwt_lifetime(token: &Secret, now: SystemTime) -> Option<Duration> {
    let payload = token.expose().split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    #[derive(serde::Deserialize)]
    struct Claims {
        exp: f64,
    }
    let claims: Claims = serde_json::from_slice(&bytes).ok()?;
    if claims.exp.is_nan() {
        return None;
    }
    if claims.exp <= 0.0 {
        return Some(Duration::ZERO);
    }
    let Some(exp) = Duration::try_from_secs_f64(claims.exp)
        .ok()
        .and_then(|since_epoch| SystemTime::UNIX_EPOCH.checked_add(since_epoch))
    else {
        return Some(MAX_LIFETIME);
    };
    Some(
        exp.duration_since(now)
            .unwrap_or(Duration::ZERO)
            .min(MAX_LIFETIME),
    )
}

/// A string claim of a JWT's payload (`tenantUid`), read locally without checking the
/// signature (incydr.md §1.2: the second-to-last dot segment, base64url, padding optional).
pub(crate) fn jwt_claim(token: &Secret, claim: &str) -> Option<String> {
    let mut segments = token.expose().rsplit('.');
    let _signature = segments.next()?;
    let payload = segments.next()?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims.get(claim)?.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(exp: u64) -> Secret {
        let enc = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        Secret::new(format!(
            "{}.{}.sig",
            enc(r#"{"alg":"none"}"#),
            enc(&format!(r#"{{"exp":{exp}}}"#))
        ))
    }

    #[test]
    fn lifetime_comes_from_the_jwt_exp() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        assert_eq!(
            jwt_lifetime(&jwt(1_600), now),
            Some(Duration::from_secs(600))
        );
        assert_eq!(jwt_lifetime(&jwt(10), now), Some(Duration::ZERO));
        assert_eq!(jwt_lifetime(&Secret::new("opaque"), now), None);
    }

    fn jwt_raw(exp: &str) -> Secret {
        let enc = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        Secret::new(format!(
            "{}.{}.sig",
            enc(r#"{"alg":"none"}"#),
            enc(&format!(r#"{{"exp":{exp}}}"#))
        ))
    }

    #[test]
    fn absurd_exp_values_never_panic() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        for huge in [
            "1e19",
            "9223372036854775807",
            "1e300",
            "18446744073709551615",
        ] {
            assert_eq!(
                jwt_lifetime(&jwt_raw(huge), now),
                Some(MAX_LIFETIME),
                "{huge}"
            );
        }
        assert_eq!(jwt_lifetime(&jwt_raw("-5"), now), Some(Duration::ZERO));
    }

    #[test]
    fn a_huge_lifetime_is_cached_for_at_most_a_day() {
        use crate::clock::ManualClock;
        let clock = ManualClock::new();
        let cache = TokenCache::default();
        let token = cache
            .get(&clock, || {
                Ok((
                    Secret::new("opaque"),
                    Some(Duration::from_secs(i64::MAX as u64)),
                ))
            })
            .unwrap();
        assert_eq!(
            token.refresh_at - clock.now(),
            MAX_LIFETIME - REFRESH_MARGIN
        );
        let token = cache.get(&clock, || Ok((jwt_raw("1e19"), None))).unwrap();
        assert_eq!(token.generation, 1, "still fresh: not fetched again");
    }

    #[test]
    fn credentials_debug_hides_secrets() {
        let c = Credentials::LocalAccount {
            username: "me".into(),
            password: "hunter2".into(),
            totp: Some(Totp::Code("123456".into())),
        };
        let a = Credentials::ApiClient {
            id: "key-1".into(),
            secret: "s3cr3t".into(),
        };
        let text = format!("{c:?} {a:?}");
        assert!(
            !text.contains("hunter2") && !text.contains("123456") && !text.contains("s3cr3t"),
            "{text}"
        );
    }
}
