//! `code42-fake`: serve a fake Code42 tenant on 127.0.0.1 until interrupted.
//!
//! ```text
//! code42-fake [--port N] [--users N] [--seed N] [--file-events N] [--search-cache-mb N]
//! ```
//!
//! It prints the environment lines to paste into another terminal (`export CODE42_HOST=…`).
#![forbid(unsafe_code)]

use std::process::ExitCode;

use code42_fake::serve::{ServeOptions, serve_forever};

const USAGE: &str = "usage: code42-fake [--port N] [--users N] [--seed N] [--file-events N] \
                     [--search-cache-mb N]\n\nServes a fake Code42 tenant on 127.0.0.1 (default \
                     port 4285; 0 picks a free one) and prints the environment lines that point \
                     c42 or a code42 program at it.";

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)) {
        Ok(Some(options)) => match serve_forever("code42-fake", &options) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("code42-fake: cannot serve on port {}: {e}", options.port);
                ExitCode::FAILURE
            }
        },
        Ok(None) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("code42-fake: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The options, or `None` for `--help`.
fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<ServeOptions>, String> {
    let mut options = ServeOptions::default();
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = |e: std::num::ParseIntError| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--port" => options.port = value.parse().map_err(bad)?,
            "--users" => options.users = value.parse().map_err(bad)?,
            "--seed" => options.seed = value.parse().map_err(bad)?,
            "--file-events" => options.file_events = value.parse().map_err(bad)?,
            "--search-cache-mb" => options.search_cache_mb = value.parse().map_err(bad)?,
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    Ok(Some(options))
}
