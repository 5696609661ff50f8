//! Paging throughput: every user of a fake tenant, at several page sizes. Prints figures; it is
//! not a test. Run with `cargo bench --bench users_paging`.
//!
//! By default the fake tenant runs in this process (10,000 users). To measure the client alone,
//! start one elsewhere (`cargo run --release -p code42-fake --
//! --port 4285 --users 10000`) and set `BENCH_URL=http://127.0.0.1:4285`.

use std::time::Instant;

use code42::Client;
use code42::users::UserFilter;
use code42_fake::FakeTenant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (_tenant, url) = match std::env::var("BENCH_URL") {
        Ok(url) => (None, url),
        Err(_) => {
            let tenant = FakeTenant::builder()
                .users(10_000)
                .record_requests(false)
                .start()?;
            let url = tenant.url();
            (Some(tenant), url)
        }
    };
    let client = Client::builder(url)
        .local_account(code42_fake::DEFAULT_USERNAME, code42_fake::DEFAULT_PASSWORD)
        .no_rate_limit()
        .env_lookup(|_| None)
        .build()?;
    client.tenant_id()?; // token and connection warm
    println!(
        "{:>9} {:>8} {:>10} {:>12} {:>13}",
        "page size", "users", "seconds", "users/s", "peak RSS MB"
    );
    for page_size in [100, 500, 1000] {
        for _ in 0..3 {
            let started = Instant::now();
            let mut users = 0usize;
            for user in client
                .users()
                .list(&UserFilter::new().page_size(page_size))?
            {
                std::hint::black_box(user?);
                users += 1;
            }
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{page_size:>9} {users:>8} {secs:>10.3} {:>12.0} {:>13.1}",
                users as f64 / secs,
                peak_rss_mb()
            );
        }
    }
    Ok(())
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
