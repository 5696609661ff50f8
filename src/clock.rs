//! Time as the client sees it: [`Clock`] lets tests of retries, rate limits and token expiry
//! run without waiting.

use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// A source of time and a way to wait. The client sleeps only through its clock.
pub trait Clock: Send + Sync + fmt::Debug {
    /// Monotonic now.
    fn now(&self) -> Instant;
    /// Wall-clock now (token expiry from a JWT's `exp`).
    fn system_now(&self) -> SystemTime;
    /// Waits.
    fn sleep(&self, duration: Duration);
}

/// The real clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
    fn system_now(&self) -> SystemTime {
        SystemTime::now()
    }
    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

/// A clock for tests: time moves only when someone sleeps or [`ManualClock::advance`] is
/// called, and every sleep is recorded.
///
/// ```
/// use code42::clock::{Clock, ManualClock};
/// use std::time::Duration;
/// let clock = ManualClock::new();
/// let start = clock.now();
/// clock.sleep(Duration::from_secs(5));
/// assert_eq!(clock.now() - start, Duration::from_secs(5));
/// assert_eq!(clock.sleeps(), vec![Duration::from_secs(5)]);
/// ```
#[derive(Debug)]
pub struct ManualClock {
    start: Instant,
    system_start: SystemTime,
    state: Mutex<ManualState>,
}

#[derive(Debug, Default)]
struct ManualState {
    elapsed: Duration,
    sleeps: Vec<Duration>,
}

impl ManualClock {
    /// A clock that starts at the real current time and then stands still.
    pub fn new() -> Self {
        ManualClock {
            start: Instant::now(),
            system_start: SystemTime::now(),
            state: Mutex::new(ManualState::default()),
        }
    }

    /// Moves time forward without recording a sleep (time stops [`ManualClock::HORIZON`] after
    /// the start).
    pub fn advance(&self, duration: Duration) {
        let mut state = self.state();
        state.elapsed = state.elapsed.saturating_add(duration).min(Self::HORIZON);
    }

    /// How far a manual clock moves at most: about a century, so that the start plus the
    /// elapsed time is always an instant the platform can represent.
    pub const HORIZON: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);

    /// Every sleep so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state().sleeps.clone()
    }

    /// Total time slept.
    pub fn slept(&self) -> Duration {
        self.state()
            .sleeps
            .iter()
            .fold(Duration::ZERO, |total, d| total.saturating_add(*d))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ManualState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        let elapsed = self.state().elapsed;
        // Within the horizon the sum exists on every supported platform; if not, time stands
        // still rather than panicking.
        self.start.checked_add(elapsed).unwrap_or(self.start)
    }
    fn system_now(&self) -> SystemTime {
        let elapsed = self.state().elapsed;
        self.system_start
            .checked_add(elapsed)
            .unwrap_or(self.system_start)
    }
    fn sleep(&self, duration: Duration) {
        let mut state = self.state();
        state.elapsed = state.elapsed.saturating_add(duration).min(Self::HORIZON);
        state.sleeps.push(duration);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_stops_at_its_horizon_instead_of_panicking() {
        let clock = ManualClock::new();
        let start = clock.now();
        clock.advance(Duration::MAX);
        clock.sleep(Duration::MAX);
        clock.sleep(Duration::from_secs(u64::MAX));
        assert_eq!(clock.now() - start, ManualClock::HORIZON);
        assert!(clock.system_now() > SystemTime::UNIX_EPOCH);
        assert_eq!(clock.slept(), Duration::MAX, "the total saturates");
    }
}
