//! Progress on stderr: a "signing in / first page" phase, then a count, and once the server
//! gives a total: a bar with percent, rate (three significant digits) and ETA. Shown when the
//! client waits on its rate limiter or a retry's backoff. Nothing when stderr is not a
//! terminal, or with `NO_COLOR` or `--quiet` (errors still print).

use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

static QUIET: AtomicBool = AtomicBool::new(false);

/// `--quiet`: no progress.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Whether `--quiet` was given (notes on stderr are left out; errors still print).
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Whether progress may be drawn: stderr is a terminal, and neither `--quiet` nor `NO_COLOR`.
pub fn enabled() -> bool {
    !QUIET.load(Ordering::Relaxed)
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stderr().is_terminal()
}

/// A number with three significant digits: `926`, `11.5k`, `1.23M`, `0.500`.
pub fn three_digits(x: f64) -> String {
    if !x.is_finite() || x <= 0.0 {
        return "0".to_owned();
    }
    let (value, suffix) = if x >= 999_500.0 {
        (x / 1_000_000.0, "M")
    } else if x >= 999.5 {
        (x / 1_000.0, "k")
    } else {
        (x, "")
    };
    let decimals = if value >= 99.95 {
        0
    } else if value >= 9.995 {
        1
    } else if value >= 0.9995 {
        2
    } else {
        3
    };
    format!("{value:.decimals$}{suffix}")
}

/// `1h02m`, `3m05s`, `42s`.
pub fn short_duration(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3_600 {
        format!("{}h{:02}m", s / 3_600, (s % 3_600) / 60)
    } else if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

/// The last wait of the client's clock, while it lasts.
static WAITING: Mutex<Option<(Instant, Duration)>> = Mutex::new(None);

/// "waiting 1.2s (rate limit or retry)" while the client sleeps.
fn waiting_text() -> String {
    let Ok(guard) = WAITING.lock() else {
        return String::new();
    };
    match *guard {
        Some((since, wait)) if since.elapsed() < wait => {
            let left = wait.saturating_sub(since.elapsed());
            format!(
                " · waiting {}s (rate limit or retry)",
                three_digits(left.as_secs_f64())
            )
        }
        _ => String::new(),
    }
}

/// The client's clock: the system clock, saying when it sleeps (rate limiter, retry backoff).
#[derive(Debug, Default)]
pub struct WaitingClock;

impl code42::clock::Clock for WaitingClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
    fn system_now(&self) -> std::time::SystemTime {
        std::time::SystemTime::now()
    }
    fn sleep(&self, duration: Duration) {
        if let Ok(mut w) = WAITING.lock() {
            *w = Some((Instant::now(), duration));
        }
        std::thread::sleep(duration);
        if let Ok(mut w) = WAITING.lock() {
            *w = None;
        }
    }
}

/// Progress of a listing of `what` (e.g. `events`).
pub struct Progress {
    bar: ProgressBar,
    what: String,
    started: bool,
    total: Option<u64>,
    /// An ETA the caller computes (bulk runs: limited by the rate limit).
    own_eta: bool,
}

impl Progress {
    /// A spinner in its "signing in / first page" phase (hidden when progress is off).
    pub fn new(what: &str) -> Progress {
        let bar = if enabled() {
            let bar = ProgressBar::new_spinner();
            bar.set_style(style("{spinner} {msg}{wait}"));
            bar.set_message(format!("signing in / first page of {what}…"));
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress {
            bar,
            what: what.to_owned(),
            started: false,
            total: None,
            own_eta: false,
        }
    }

    /// The total the server reported (call as often as convenient; only changes redraw).
    pub fn set_total(&mut self, total: Option<u64>) {
        if total.is_none() || total == self.total || self.bar.is_hidden() {
            return;
        }
        self.total = total;
        if let Some(t) = total {
            self.bar.set_length(t.max(self.bar.position()));
            self.restyle();
        }
    }

    fn restyle(&self) {
        let eta = if self.own_eta { "{msg}" } else { "{eta_short}" };
        self.bar.set_style(style(&format!(
            "{{spinner}} [{{bar:30}}] {{pos}}/{{len}} {} {{percent}}% ({{rate}}/s, ETA {eta}){{wait}}",
            self.what
        )));
    }

    /// Shows this ETA instead of indicatif's estimate (with a total).
    pub fn set_eta(&mut self, eta: Option<Duration>) {
        if self.bar.is_hidden() {
            return;
        }
        if !self.own_eta {
            self.own_eta = true;
            if self.total.is_some() {
                self.restyle();
            }
        }
        self.bar
            .set_message(eta.map_or_else(|| "…".to_owned(), short_duration));
    }

    /// Items done.
    pub fn inc(&mut self, n: u64) {
        if !self.started {
            self.started = true;
            if self.total.is_none() {
                self.bar.set_style(style(&format!(
                    "{{spinner}} {{pos}} {} ({{rate}}/s){{wait}}",
                    self.what
                )));
            }
        }
        self.bar.inc(n);
    }

    /// Clears the line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

pub(crate) fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .with_key(
            "rate",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&three_digits(state.per_sec()));
            },
        )
        .with_key(
            "eta_short",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&short_duration(state.eta()));
            },
        )
        .with_key("wait", |_: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = w.write_str(&waiting_text());
        })
        .progress_chars("=> ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_have_three_significant_digits() {
        assert_eq!(three_digits(925.928), "926");
        assert_eq!(three_digits(11_520.4), "11.5k");
        assert_eq!(three_digits(99.96), "100");
        assert_eq!(three_digits(5.0), "5.00");
        assert_eq!(three_digits(0.5), "0.500");
        assert_eq!(three_digits(1_234_567.0), "1.23M");
        assert_eq!(three_digits(999.7), "1.00k");
        assert_eq!(three_digits(f64::NAN), "0");
        assert_eq!(three_digits(0.0), "0");
    }

    #[test]
    fn durations_are_short() {
        assert_eq!(short_duration(Duration::from_secs(42)), "42s");
        assert_eq!(short_duration(Duration::from_secs(185)), "3m05s");
        assert_eq!(short_duration(Duration::from_secs(3_720)), "1h02m");
    }
}
