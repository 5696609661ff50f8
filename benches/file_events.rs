//! File-event paging throughput and memory: 100,000 events from a fake tenant running as its own
//! process, at 500 and 10,000 events a page. Prints figures; it is not a test.
//!
//! ```sh
//! cargo bench --bench file_events
//! ```
//!
//! By default the bench builds and starts the `code42-fake` server (release) with 100,000 file
//! events and a search cache on a free port, and stops it at the end. The first pass of each
//! page size (which measures the events' size) fills the cache, so the timed runs measure the
//! client and the loopback transport, not the fake's event generator. To use a tenant you started yourself:
//! `cargo run --release -p code42-fake -- --port 4285
//! --file-events 100000 --search-cache-mb 700`, then `BENCH_URL=http://127.0.0.1:4285`. `BENCH_EVENTS` changes the
//! number of events paged (default 100,000), `BENCH_RUNS` the runs per configuration (default 3).
//!
//! Modes: `typed` yields `FileEventV2`s (typed one at a time from the page body), `+prefetch`
//! fetches the next page on a second thread meanwhile, `raw` yields each event's JSON text
//! (`Box<RawValue>`: no typing, the floor of the paging machinery). MB/s counts the events'
//! JSON. Peak RSS is this process's high-water mark, reset before each run.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use code42::Client;
use code42::query::{FileEventQuery, V2};
use code42::wire::forensic_search::types::FileEventV2;
use serde_json::value::RawValue;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let events: usize = env_number("BENCH_EVENTS", 100_000);
    let runs: usize = env_number("BENCH_RUNS", 3);
    let (mut server, url) = match std::env::var("BENCH_URL") {
        Ok(url) => (None, url),
        Err(_) => {
            let (child, url) = start_tenant(events)?;
            (Some(child), url)
        }
    };
    let result = bench(&url, events, runs);
    if let Some(child) = server.as_mut() {
        let _ = child.kill();
        let _ = child.wait();
    }
    result
}

fn bench(url: &str, events: usize, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder(url)
        .local_account(code42_fake::DEFAULT_USERNAME, code42_fake::DEFAULT_PASSWORD)
        .no_rate_limit()
        .env_lookup(|_| None)
        .build()?;
    client.tenant_id()?; // token and connection warm
    let mut bytes_per_size = Vec::new();
    println!(
        "{:>9} {:>16} {:>8} {:>8} {:>10} {:>8} {:>12}",
        "page size", "mode", "events", "seconds", "events/s", "MB/s", "peak RSS MB"
    );
    for page_size in [500u32, 10_000] {
        let query = FileEventQuery::<V2>::new().page_size(page_size);
        // The events' JSON size, measured once per page size.
        let bytes: usize = client
            .file_events()
            .search::<V2>(&query)?
            .decode_as::<Box<RawValue>>()
            .take(events)
            .map(|e| e.map(|e| e.get().len()))
            .sum::<Result<usize, _>>()?;
        bytes_per_size.push(bytes);
        for (mode, prefetch, typed) in [
            ("typed", false, true),
            ("typed+prefetch", true, true),
            ("raw+prefetch", true, false),
        ] {
            for _ in 0..runs {
                reset_peak_rss();
                let started = Instant::now();
                let count = if typed {
                    let mut n = 0usize;
                    for event in client
                        .file_events()
                        .search::<V2>(&query)?
                        .prefetch(prefetch)
                        .take(events)
                    {
                        let event: FileEventV2 = event?;
                        std::hint::black_box(&event);
                        n += 1;
                    }
                    n
                } else {
                    let mut n = 0usize;
                    for event in client
                        .file_events()
                        .search::<V2>(&query)?
                        .decode_as::<Box<RawValue>>()
                        .prefetch(prefetch)
                        .take(events)
                    {
                        std::hint::black_box(event?);
                        n += 1;
                    }
                    n
                };
                let secs = started.elapsed().as_secs_f64();
                if count != events {
                    return Err(format!("paged {count} events, wanted {events}").into());
                }
                println!(
                    "{page_size:>9} {mode:>16} {count:>8} {secs:>8.3} {:>10.0} {:>8.1} {:>12.1}",
                    count as f64 / secs,
                    bytes as f64 / secs / 1e6,
                    peak_rss_mb()
                );
            }
        }
    }
    for (size, bytes) in [500, 10_000].iter().zip(&bytes_per_size) {
        println!(
            "page size {size}: {:.1} MB of event JSON, {:.0} bytes an event, {:.1} MB a page",
            *bytes as f64 / 1e6,
            *bytes as f64 / events as f64,
            *bytes as f64 / events as f64 * f64::from(*size) / 1e6
        );
    }
    Ok(())
}

/// Builds (if needed) and starts the `code42-fake` server in release mode; returns its URL.
fn start_tenant(events: usize) -> Result<(Child, String), Box<dyn std::error::Error>> {
    let manifest = env!("CARGO_MANIFEST_DIR");
    let status = Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "-p",
            "code42-fake",
            "--bin",
            "code42-fake",
        ])
        .current_dir(manifest)
        .stdout(Stdio::null())
        .status()?;
    if !status.success() {
        return Err("building the code42-fake server failed".into());
    }
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| format!("{manifest}/target"));
    let exe = format!(
        "{target}/release/code42-fake{}",
        std::env::consts::EXE_SUFFIX
    );
    let mut child = Command::new(exe)
        .args([
            "--port",
            "0",
            "--file-events",
            &events.to_string(),
            // Repeated runs are answered from memory: the figures are the client's, not the
            // generator's (the first, byte-measuring pass of each page size fills it).
            "--search-cache-mb",
            &(events * 7 / 1000).max(64).to_string(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    // The first line is `export CODE42_HOST=<url>`.
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line)?;
    let url = line
        .trim()
        .strip_prefix("export CODE42_HOST=")
        .ok_or_else(|| format!("unexpected output from the fake tenant: {line}"))?
        .to_owned();
    eprintln!("bench: fake tenant with {events} file events at {url} (its own process)");
    Ok((child, url))
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// Resets this process's peak RSS to its current RSS (Linux `clear_refs` 5; ignored elsewhere).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident set size of this process (Linux `VmHWM`), in MB; 0 elsewhere.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
