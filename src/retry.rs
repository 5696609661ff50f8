//! When to try a request again, and how long to wait first.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use std::time::Duration;

/// Retry rules: a 429 is always retried, honouring `Retry-After` (seconds or an HTTP date),
/// else after a jittered exponential backoff; a 5xx, a broken connection, a timeout or a body
/// that could not be read are retried only for idempotent operations (GET, PUT, DELETE, or a
/// POST the spec marks `x-code42-idempotent`). Attempts and the total wait are bounded.
///
/// ```
/// use std::time::Duration;
/// let policy = code42::RetryPolicy::default()
///     .max_attempts(6)
///     .max_total_wait(Duration::from_secs(300));
/// # let _ = policy;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) max_total_wait: Duration,
}

impl Default for RetryPolicy {
    /// 4 attempts, backoff from 500 ms doubling up to 30 s, at most 120 s of waiting per call.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_total_wait: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Attempts per call, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first backoff; each later one doubles, up to [`RetryPolicy::max_backoff`].
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest single backoff.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The most a call waits in total; a `Retry-After` longer than what is left ends the call
    /// with the 429 error.
    pub fn max_total_wait(mut self, wait: Duration) -> Self {
        self.max_total_wait = wait;
        self
    }

    /// How long to wait before attempt `attempt + 1` (1-based `attempt` just failed), or
    /// `None` to give up. `waited` is what this call has already waited.
    pub(crate) fn next_delay(
        &self,
        attempt: u32,
        waited: Duration,
        failure: Failure,
        idempotent: bool,
        jitter: &mut Jitter,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let delay = match failure {
            Failure::TooManyRequests { retry_after } => {
                retry_after.unwrap_or_else(|| self.backoff(attempt, jitter))
            }
            Failure::Retryable if idempotent => self.backoff(attempt, jitter),
            Failure::Retryable | Failure::Final => return None,
        };
        waited
            .checked_add(delay)
            .is_some_and(|total| total <= self.max_total_wait)
            .then_some(delay)
    }

    /// Equal jitter: half the exponential step, plus a random part of the other half.
    fn backoff(&self, attempt: u32, jitter: &mut Jitter) -> Duration {
        let exp = self
            .initial_backoff
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(20))
            .min(self.max_backoff);
        let half = exp.checked_div(2).unwrap_or_default();
        // `next_unit` is in [0, 1): the random part is at most `half`, so the sum is at most
        // `exp` (saturating keeps that true without a panic path).
        half.saturating_add(
            Duration::try_from_secs_f64(half.as_secs_f64() * jitter.next_unit())
                .unwrap_or_default(),
        )
    }
}

/// What went wrong with an attempt, as far as retrying goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// 429, with the server's `Retry-After` if it sent one.
    TooManyRequests { retry_after: Option<Duration> },
    /// 5xx, connection failure, timeout, unreadable body: safe to repeat only if idempotent.
    Retryable,
    /// Anything else.
    Final,
}

impl Failure {
    pub(crate) fn from_status(status: u16, retry_after: Option<Duration>) -> Failure {
        match status {
            429 => Failure::TooManyRequests { retry_after },
            500..=599 => Failure::Retryable,
            _ => Failure::Final,
        }
    }
}

/// The longest `Retry-After` kept: a server asking for more (up to "forever") is read as
/// one day, which is past any retry budget, so the call ends with the 429.
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Parses `Retry-After`: delay seconds (a decimal too), or an HTTP date (relative to `now`).
/// Values past [`MAX_RETRY_AFTER`] (however large, `inf` included) are clamped to it; a
/// negative number, NaN or anything else unreadable counts as no `Retry-After`.
pub(crate) fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds).min(MAX_RETRY_AFTER));
    }
    if let Ok(seconds) = value.parse::<f64>() {
        if seconds.is_nan() || seconds < 0.0 {
            return None;
        }
        return Some(
            Duration::try_from_secs_f64(seconds)
                .unwrap_or(MAX_RETRY_AFTER)
                .min(MAX_RETRY_AFTER),
        );
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(now)
            .unwrap_or(Duration::ZERO)
            .min(MAX_RETRY_AFTER),
    )
}

/// A small xorshift generator for backoff jitter (no global state, no crate).
#[derive(Clone, Debug)]
pub(crate) struct Jitter(u64);

impl Jitter {
    pub(crate) fn new(seed: u64) -> Self {
        Jitter(seed | 1)
    }

    /// A number in `[0, 1)`.
    pub(crate) fn next_unit(&mut self) -> f64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        let date = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(parse_retry_after(&date, now), Some(Duration::from_secs(30)));
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn absurd_retry_after_values_are_clamped_or_ignored_never_a_panic() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        for huge in [
            "1e20",
            "18446744073709551615",
            "99999999999999999999999",
            "inf",
            "1e308",
        ] {
            assert_eq!(
                parse_retry_after(huge, now),
                Some(MAX_RETRY_AFTER),
                "{huge}"
            );
        }
        for ignored in ["-1", "-0.5", "NaN", "-inf"] {
            assert_eq!(parse_retry_after(ignored, now), None, "{ignored}");
        }
        assert_eq!(
            parse_retry_after("1.5", now),
            Some(Duration::from_millis(1500))
        );
    }

    #[test]
    fn a_wait_that_would_overflow_ends_the_retries() {
        let p = RetryPolicy::default().max_total_wait(Duration::MAX);
        let mut j = Jitter::new(1);
        let ra = Failure::TooManyRequests {
            retry_after: Some(Duration::from_secs(u64::MAX)),
        };
        assert_eq!(
            p.next_delay(2, Duration::from_secs(1), ra, true, &mut j),
            None
        );
    }

    #[test]
    fn backoff_doubles_within_jitter_bounds_and_is_capped() {
        let policy = RetryPolicy::default().max_attempts(10);
        let mut jitter = Jitter::new(7);
        for attempt in 1..9 {
            let d = policy
                .next_delay(
                    attempt,
                    Duration::ZERO,
                    Failure::Retryable,
                    true,
                    &mut jitter,
                )
                .unwrap();
            let step =
                (Duration::from_millis(500) * (1 << (attempt - 1))).min(Duration::from_secs(30));
            assert!(d >= step / 2 && d <= step, "attempt {attempt}: {d:?}");
        }
    }

    #[test]
    fn only_idempotent_calls_retry_server_errors() {
        let p = RetryPolicy::default();
        let mut j = Jitter::new(1);
        assert!(
            p.next_delay(1, Duration::ZERO, Failure::Retryable, false, &mut j)
                .is_none()
        );
        assert!(
            p.next_delay(1, Duration::ZERO, Failure::Retryable, true, &mut j)
                .is_some()
        );
        let ra = Failure::TooManyRequests {
            retry_after: Some(Duration::from_secs(3)),
        };
        assert_eq!(
            p.next_delay(1, Duration::ZERO, ra, false, &mut j),
            Some(Duration::from_secs(3))
        );
        assert!(
            p.next_delay(4, Duration::ZERO, ra, true, &mut j).is_none(),
            "attempts bounded"
        );
        assert!(
            p.next_delay(1, Duration::from_secs(119), ra, true, &mut j)
                .is_none(),
            "wait bounded"
        );
    }
}
