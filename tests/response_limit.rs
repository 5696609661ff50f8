//! A gzip body that inflates far past the response-size limit stops at the limit, with the
//! memory this process holds measured by a counting allocator (its own test binary, so no
//! other test's allocations count).

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

use code42::users::UserFilter;
use code42::{Error, Host, Method};
use common::*;
use flate2::Compression;
use flate2::write::GzEncoder;
use mockito::{Matcher, Server};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
            PEAK.fetch_max(now, Ordering::SeqCst);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// 1 GiB of zeros as 1,024 gzip members of 1 MiB each (about 1 MB in all): valid gzip, built
/// in a moment.
fn gzip_bomb() -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(&vec![0u8; 1 << 20]).unwrap();
    let member = encoder.finish().unwrap();
    let mut body = Vec::with_capacity(member.len() * 1024);
    for _ in 0..1024 {
        body.extend_from_slice(&member);
    }
    body
}

const LIMIT: u64 = 8 << 20;

#[test]
fn a_gzip_bomb_stops_at_the_limit_with_bounded_memory() {
    let bomb = gzip_bomb();
    assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _page = server
        .mock("GET", "/api/v1/User")
        .match_query(Matcher::Any)
        .with_header("content-type", "application/json")
        .with_header("content-encoding", "gzip")
        .with_body(&bomb)
        .create();
    let _raw = server
        .mock("GET", "/bomb")
        .with_header("content-type", "text/plain")
        .with_header("content-encoding", "gzip")
        .with_body(&bomb)
        .create();
    let (client, _) = client_with(&server, |b| b.max_response_bytes(LIMIT));
    // Warm up: the token, connection and TLS-free agent are set up outside the measurement.
    client.tenant_id().ok();

    let base = CURRENT.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let err = client
        .raw(Method::Get, Host::Console, "/bomb")
        .text()
        .unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: LIMIT, .. }),
        "{err:?}"
    );
    let err = client
        .users()
        .list(&UserFilter::new())
        .unwrap()
        .next()
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: LIMIT, .. }),
        "{err:?}"
    );
    let peak = PEAK.load(Ordering::SeqCst) - base;
    eprintln!("peak while reading: {} KiB", peak >> 10);
    // The limit, a growing buffer's doubling, the 1 MB body in the test server: far below
    // the 1 GiB the body inflates to.
    assert!(
        peak < 4 * LIMIT as usize,
        "peak {} MiB while reading",
        peak >> 20
    );
}
