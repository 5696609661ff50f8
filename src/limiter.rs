//! A client-side token bucket, so a busy program stays under Code42's request rate.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::clock::Clock;
use crate::operation::Plane;

/// Token-bucket settings: `burst` requests at once, refilled at `per_minute`.
///
/// The default, burst 120 and 120 per minute, matches Code42's documented limit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    pub(crate) burst: u32,
    pub(crate) per_minute: u32,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit {
            burst: 120,
            per_minute: 120,
        }
    }
}

impl RateLimit {
    /// `burst` requests at once, then `per_minute` (both at least 1).
    pub fn new(burst: u32, per_minute: u32) -> Self {
        RateLimit {
            burst: burst.max(1),
            per_minute: per_minute.max(1),
        }
    }
}

/// One bucket per plane: a busy console does not slow the gateway, nor the other way round.
#[derive(Debug)]
pub(crate) struct Limiters {
    console: RateLimiter,
    gateway: RateLimiter,
}

impl Limiters {
    pub(crate) fn new(limit: RateLimit) -> Self {
        Limiters {
            console: RateLimiter::new(limit),
            gateway: RateLimiter::new(limit),
        }
    }

    /// The bucket of `plane`.
    pub(crate) fn for_plane(&self, plane: Plane) -> &RateLimiter {
        match plane {
            Plane::Console => &self.console,
            Plane::Gateway => &self.gateway,
        }
    }
}

#[derive(Debug)]
pub(crate) struct RateLimiter {
    limit: RateLimit,
    state: Mutex<Bucket>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    updated: Option<Instant>,
}

impl RateLimiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        RateLimiter {
            limit,
            state: Mutex::new(Bucket {
                tokens: f64::from(limit.burst),
                updated: None,
            }),
        }
    }

    /// Takes one token, sleeping through `clock` until one is available.
    pub(crate) fn acquire(&self, clock: &dyn Clock) {
        let rate_per_sec = f64::from(self.limit.per_minute) / 60.0;
        loop {
            let wait = {
                let mut bucket = self.state.lock().unwrap_or_else(|e| e.into_inner());
                let now = clock.now();
                if let Some(updated) = bucket.updated {
                    let refill =
                        now.saturating_duration_since(updated).as_secs_f64() * rate_per_sec;
                    bucket.tokens = (bucket.tokens + refill).min(f64::from(self.limit.burst));
                }
                bucket.updated = Some(now);
                if bucket.tokens >= 1.0 {
                    bucket.tokens -= 1.0;
                    return;
                }
                // At most 60 s (one token at 1 per minute); never a panic on odd values.
                Duration::try_from_secs_f64((1.0 - bucket.tokens) / rate_per_sec)
                    .unwrap_or(Duration::from_secs(60))
                    .min(Duration::from_secs(60))
            };
            clock.sleep(wait);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;

    #[test]
    fn the_121st_request_waits_for_a_refill() {
        let clock = ManualClock::new();
        let limiter = RateLimiter::new(RateLimit::default());
        for _ in 0..120 {
            limiter.acquire(&clock);
        }
        assert!(clock.sleeps().is_empty());
        limiter.acquire(&clock);
        assert_eq!(clock.sleeps(), vec![Duration::from_millis(500)]);
    }

    #[test]
    fn an_exhausted_console_bucket_does_not_slow_the_gateway() {
        let clock = ManualClock::new();
        let limiters = Limiters::new(RateLimit::new(2, 60));
        for _ in 0..2 {
            limiters.for_plane(Plane::Console).acquire(&clock);
        }
        assert!(clock.sleeps().is_empty());
        for _ in 0..2 {
            limiters.for_plane(Plane::Gateway).acquire(&clock);
        }
        assert!(
            clock.sleeps().is_empty(),
            "the gateway has a bucket of its own"
        );
        limiters.for_plane(Plane::Console).acquire(&clock);
        assert_eq!(clock.sleeps(), vec![Duration::from_secs(1)]);
        // The console's wait refilled nothing the gateway had spent beyond its own rate.
        limiters.for_plane(Plane::Gateway).acquire(&clock);
        assert_eq!(clock.sleeps(), vec![Duration::from_secs(1)]);
    }
}
