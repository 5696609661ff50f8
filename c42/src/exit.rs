//! Exit codes and how an error is printed: `c42: <what failed>: <cause>: <cause>` on one line.
//!
//! 0 ok · 1 failure · 2 usage (bad flags or values, found before any request) · 130 interrupted.
//! A closed pipe on stdout (`c42 … | head`) is not a failure: exit 0, nothing printed.

use std::fmt;
use std::process::ExitCode;

use crate::interrupt::{self, Interrupted};

/// Shown at the end of `--help`.
pub const HELP: &str = "Exit codes: 0 ok, 1 failure, 2 usage (bad flags or values), \
                        130 interrupted (Ctrl-C: the cursor is saved after the last item written).";

/// A usage error: bad flags or values, found before any request (exit 2).
#[derive(Debug)]
pub struct Usage(pub String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// A usage error (exit 2).
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Usage(message.into()))
}

/// The exit code for an error.
pub fn code(error: &anyhow::Error) -> u8 {
    if broken_pipe(error) {
        return 0;
    }
    if error.downcast_ref::<Interrupted>().is_some() || interrupted_by(error) {
        return interrupt::EXIT_CODE;
    }
    if error.downcast_ref::<Usage>().is_some() {
        return 2;
    }
    for cause in error.chain() {
        if cause.downcast_ref::<Usage>().is_some() {
            return 2;
        }
        if let Some(code42::Error::InvalidInput { .. }) = cause.downcast_ref::<code42::Error>() {
            return 2;
        }
    }
    1
}

/// Whether the error is stdout's reader having gone away.
pub fn broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || matches!(cause.downcast_ref::<code42::Error>(),
                Some(code42::Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Whether a write stopped because of an interruption (see [`interrupt::Stoppable`]).
fn interrupted_by(error: &anyhow::Error) -> bool {
    interrupt::requested()
        && error.chain().any(|cause| {
            cause.downcast_ref::<Interrupted>().is_some()
                || cause
                    .downcast_ref::<std::io::Error>()
                    .and_then(|e| e.get_ref())
                    .is_some_and(|inner| inner.is::<Interrupted>())
        })
}

/// One line: the context, then each cause not already said by the one before.
pub fn message(error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = cause.to_string().replace('\n', " ");
        let text = text.trim().to_owned();
        if text.is_empty() || parts.last().is_some_and(|p| p.contains(&text)) {
            continue;
        }
        parts.push(text);
    }
    parts.join(": ")
}

/// Prints the error (unless it is a closed pipe) and gives the exit code.
pub fn report(error: &anyhow::Error) -> ExitCode {
    let code = code(error);
    if code == 0 {
        return ExitCode::SUCCESS;
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "c42: {}", message(error));
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn causes_are_joined_once() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let e = Err::<(), _>(io)
            .context("reading the cursor file c.json")
            .unwrap_err();
        assert_eq!(message(&e), "reading the cursor file c.json: No such file");
        assert_eq!(code(&e), 1);
        assert_eq!(code(&usage("bad")), 2);
        let pipe = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            .context("writing the output");
        assert_eq!(code(&pipe), 0);
        let invalid = anyhow::Error::new(code42::Error::invalid("page_size", "must be at least 1"));
        assert_eq!(code(&invalid), 2);
    }
}
