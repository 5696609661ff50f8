//! Internals the fuzz targets in `fuzz/` drive directly (compiled only with `--cfg fuzzing`;
//! not part of the API).

use std::ops::Range;
use std::time::{Duration, SystemTime};

use crate::clock::ManualClock;
use crate::{PagingSpec, Secret};

/// What [`locate`] found: item byte ranges, total and next token.
pub type Located = (Vec<Range<usize>>, Option<u64>, Option<String>);

/// The page locator the pager runs on every page body.
pub fn locate(body: &str, spec: &PagingSpec) -> crate::Result<Located> {
    let found = crate::paging::locate(body, spec, "fuzz")?;
    Ok((found.items, found.total, found.next_token))
}

/// Decodes a JSON body as the client decodes every response.
pub fn decode<T: serde::de::DeserializeOwned>(text: &str) -> crate::Result<T> {
    crate::error::decode_json("fuzz", "", text, true)
}

/// `Retry-After` parsing, relative to `now`.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    crate::retry::parse_retry_after(value, now)
}

/// The retry decision after a failed attempt (`status`, with its parsed `Retry-After`).
pub fn next_delay(
    policy: &crate::RetryPolicy,
    attempt: u32,
    waited: Duration,
    status: u16,
    retry_after: Option<Duration>,
    idempotent: bool,
    seed: u64,
) -> Option<Duration> {
    let failure = crate::retry::Failure::from_status(status, retry_after);
    let mut jitter = crate::retry::Jitter::new(seed);
    policy.next_delay(attempt, waited, failure, idempotent, &mut jitter)
}

/// A token's lifetime from its JWT `exp`, relative to `now`.
pub fn jwt_lifetime(token: &str, now: SystemTime) -> Option<Duration> {
    crate::auth::jwt_lifetime(&Secret::new(token), now)
}

/// Caches `token` (with the server's `expires_in`) on a manual clock that has advanced by
/// `elapsed`, and returns how long it stays fresh.
pub fn cache_token(token: &str, expires_in: Option<Duration>, elapsed: Duration) -> Duration {
    let clock = ManualClock::new();
    clock.advance(elapsed);
    let cache = crate::auth::TokenCache::default();
    match cache.get(&clock, || Ok((Secret::new(token), expires_in))) {
        Ok(cached) => cached
            .refresh_at
            .saturating_duration_since(crate::clock::Clock::now(&clock)),
        Err(_) => Duration::ZERO,
    }
}
