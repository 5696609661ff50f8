//! Ctrl-C (SIGINT), SIGTERM and SIGHUP: the first sets a flag that writer loops check between
//! items (they stop cleanly, save their cursor and exit 130); a second one exits at once.

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);
static SIGNALS: AtomicUsize = AtomicUsize::new(0);

/// The exit code of an interrupted run.
pub const EXIT_CODE: u8 = 130;

/// Installs the handler (once, at start-up). A failure to install leaves the default
/// behaviour (the process ends at once), which loses nothing already saved.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        REQUESTED.store(true, Ordering::SeqCst);
        if SIGNALS.fetch_add(1, Ordering::SeqCst) >= 1 {
            // The second signal: the user does not want to wait for the current request.
            std::process::exit(i32::from(EXIT_CODE));
        }
    });
}

/// Whether an interruption was asked for.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// The error that ends an interrupted command (exit code 130).
#[derive(Debug, Clone, Copy)]
pub struct Interrupted;

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupted {}

/// A writer that refuses to write once an interruption was asked for, so that a long download
/// or export stops at its next chunk.
pub struct Stoppable<W>(pub W);

impl<W: std::io::Write> std::io::Write for Stoppable<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if requested() {
            return Err(std::io::Error::other(Interrupted));
        }
        self.0.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}
