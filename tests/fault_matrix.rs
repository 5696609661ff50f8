//! The fault matrix (issue 13): every fault × paging kind × position × prefetch, each cell
//! comparing the ids the consumer received (after the client's retries, and after resuming
//! from the cursor whenever the iterator returned an error) with the fake tenant's ground truth.
//!
//! Zero lost and zero repeated in every cell, except page-number listings under a page shift
//! that removes an item before the position: exactly one item is lost per shift (what a
//! page-number listing cannot see) and none is repeated.
//!
//! Cells run in parallel on a few threads, each against its own small tenant. Slow-head and
//! stalled-body cells use a real 50 ms read timeout; every other wait (retry backoff,
//! `Retry-After`) goes through a [`ManualClock`], so nothing sleeps for real.
//!
//! Run: `cargo test -p code42 --test fault_matrix`; each failing cell is printed, then the
//! count.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use code42::cases::CaseFilter;
use code42::clock::ManualClock;
use code42::query::alerts::AlertQuery;
use code42::query::{FileEventQuery, V2};
use code42::users::UserFilter;
use code42::{Client, Cursor, Pager, Result};
use code42_fake::{FakeTenant, FaultRule};
use serde_json::Value;

/// Items in every listing, and items a page: five pages, the last one short.
const ITEMS: usize = 23;
const PAGE: u32 = 5;
const PAGES: usize = 5;
/// A real read timeout for the slow cells, and how long their server stalls.
const TIMEOUT: Duration = Duration::from_millis(50);
const STALL: Duration = Duration::from_millis(250);
/// Resumes a cell may need before the listing must be complete.
const MAX_RESUMES: usize = 6;
const THREADS: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Users: page numbers from 1, in the query string.
    PageFromOne,
    /// Alerts: page numbers from 0, in the JSON body.
    PageFromZeroBody,
    /// Cases: page numbers from 1, in the query string, another service.
    PageFromOneCases,
    /// File events: page tokens, past the page-number window.
    Token,
}

const KINDS: [Kind; 4] = [
    Kind::PageFromOne,
    Kind::PageFromZeroBody,
    Kind::PageFromOneCases,
    Kind::Token,
];

impl Kind {
    fn path(self) -> &'static str {
        match self {
            Kind::PageFromOne => "/api/v1/User",
            Kind::PageFromZeroBody => "/svc/alertservice-api_url/svc/api/v1/query-alerts",
            Kind::PageFromOneCases => "/svc/cases_api-url/api/v1/case",
            Kind::Token => {
                "/svc/forensic_search-api_url/forensic-search/queryservice/api/v2/fileevent"
            }
        }
    }

    fn id_path(self) -> &'static [&'static str] {
        match self {
            Kind::PageFromOne => &["userUid"],
            Kind::PageFromZeroBody => &["id"],
            Kind::PageFromOneCases => &["number"],
            Kind::Token => &["event", "id"],
        }
    }

    fn page_numbers(self) -> bool {
        self != Kind::Token
    }

    /// A new, unstarted pager over the whole listing, items as JSON.
    fn pager(self, client: &Client) -> Result<Pager<Value>> {
        Ok(match self {
            Kind::PageFromOne => client
                .users()
                .list(&UserFilter::new().page_size(PAGE))?
                .decode_as(),
            Kind::PageFromZeroBody => client
                .alerts()
                .search(&AlertQuery::new().page_size(PAGE))?
                .decode_as(),
            Kind::PageFromOneCases => client
                .cases()
                .list(&CaseFilter::new().page_size(PAGE))?
                .decode_as(),
            Kind::Token => client
                .file_events()
                .search(&FileEventQuery::<V2>::new().page_size(PAGE))?
                .decode_as(),
        })
    }

    fn truth(self, tenant: &FakeTenant) -> Vec<String> {
        match self {
            Kind::PageFromOne => tenant.users().into_iter().map(|u| u.user_uid).collect(),
            Kind::PageFromZeroBody => tenant.alerts().into_iter().map(|a| a.id).collect(),
            Kind::PageFromOneCases => tenant
                .cases()
                .into_iter()
                .map(|c| c.number.to_string())
                .collect(),
            Kind::Token => (0..tenant.file_event_count())
                .map(|i| {
                    let event = serde_json::to_value(tenant.file_event(i)).expect("event");
                    id_of(&event, &["event", "id"])
                })
                .collect(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    None,
    TooMany,
    TooManyRetryAfter1,
    TooManyRetryAfter1e20,
    TooManyRetryAfterU64Max,
    Status500,
    Status502,
    Status503x3,
    Reset,
    Truncated,
    InvalidJson,
    HtmlOk,
    SlowHead,
    StalledBody,
    Unauthorized1,
    Unauthorized2,
    RepeatedPage,
    ShrinkingTotal,
    ShiftRemove,
    ShiftInsert,
    RepeatedToken,
}

const FAULTS: [Fault; 21] = [
    Fault::None,
    Fault::TooMany,
    Fault::TooManyRetryAfter1,
    Fault::TooManyRetryAfter1e20,
    Fault::TooManyRetryAfterU64Max,
    Fault::Status500,
    Fault::Status502,
    Fault::Status503x3,
    Fault::Reset,
    Fault::Truncated,
    Fault::InvalidJson,
    Fault::HtmlOk,
    Fault::SlowHead,
    Fault::StalledBody,
    Fault::Unauthorized1,
    Fault::Unauthorized2,
    Fault::RepeatedPage,
    Fault::ShrinkingTotal,
    Fault::ShiftRemove,
    Fault::ShiftInsert,
    Fault::RepeatedToken,
];

impl Fault {
    fn rule(self) -> Option<FaultRule> {
        Some(match self {
            Fault::None => return None,
            Fault::TooMany => FaultRule::too_many_requests(None),
            Fault::TooManyRetryAfter1 => FaultRule::too_many_requests(Some("1")),
            Fault::TooManyRetryAfter1e20 => FaultRule::too_many_requests(Some("1e20")),
            Fault::TooManyRetryAfterU64Max => {
                FaultRule::too_many_requests(Some("18446744073709551615"))
            }
            Fault::Status500 => FaultRule::status(500),
            Fault::Status502 => FaultRule::status(502),
            Fault::Status503x3 => FaultRule::status(503).times(3),
            Fault::Reset => FaultRule::disconnect(),
            Fault::Truncated => FaultRule::truncated_body(),
            Fault::InvalidJson => FaultRule::invalid_json(),
            Fault::HtmlOk => FaultRule::html_ok(),
            Fault::SlowHead => FaultRule::delay(STALL),
            Fault::StalledBody => FaultRule::stalled_body(STALL),
            Fault::Unauthorized1 => FaultRule::status(401),
            Fault::Unauthorized2 => FaultRule::status(401).times(2),
            Fault::RepeatedPage => FaultRule::repeated_page(),
            Fault::ShrinkingTotal => FaultRule::shrinking_total(),
            Fault::ShiftRemove => FaultRule::shift(1),
            Fault::ShiftInsert => FaultRule::shift(-1),
            Fault::RepeatedToken => FaultRule::repeated_token(),
        })
    }

    fn slow(self) -> bool {
        matches!(self, Fault::SlowHead | Fault::StalledBody)
    }

    fn applies_to(self, kind: Kind) -> bool {
        self != Fault::RepeatedToken || kind == Kind::Token
    }

    /// Items a cell may lose (exactly): one per shift that removes an item before the position
    /// of a page-number listing.
    fn expected_lost(self, kind: Kind) -> usize {
        usize::from(self == Fault::ShiftRemove && kind.page_numbers())
    }
}

#[derive(Clone, Copy, Debug)]
struct Cell {
    fault: Fault,
    kind: Kind,
    /// Index of the page request that meets the fault.
    position: usize,
    prefetch: bool,
}

impl Cell {
    fn name(&self) -> String {
        let position = match self.position {
            0 => "first",
            p if p + 1 == PAGES => "last",
            _ => "middle",
        };
        format!(
            "{:?} × {:?} × {position} page × prefetch {}",
            self.fault,
            self.kind,
            if self.prefetch { "on" } else { "off" }
        )
    }
}

fn cells() -> Vec<Cell> {
    let mut cells = Vec::new();
    for fault in FAULTS {
        for kind in KINDS {
            if !fault.applies_to(kind) {
                continue;
            }
            for position in [0, PAGES / 2, PAGES - 1] {
                for prefetch in [false, true] {
                    cells.push(Cell {
                        fault,
                        kind,
                        position,
                        prefetch,
                    });
                }
            }
        }
    }
    cells
}

fn id_of(item: &Value, path: &[&str]) -> String {
    let value = path.iter().fold(item, |v, key| &v[*key]);
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Runs one cell: `Ok` when the received ids match the ground truth as the cell expects.
fn run(cell: Cell) -> std::result::Result<(), String> {
    let tenant = FakeTenant::builder()
        .users(ITEMS)
        .cases(ITEMS)
        .alerts(ITEMS)
        .file_events(ITEMS as u64)
        .page_number_window(10)
        .workers(2)
        .start()
        .map_err(|e| format!("tenant: {e}"))?;
    let clock = Arc::new(ManualClock::new());
    let mut builder = Client::builder(tenant.url())
        .local_account(tenant.username(), tenant.password())
        .clock(clock)
        .no_rate_limit()
        .env_lookup(|_| None);
    if cell.fault.slow() {
        builder = builder.read_timeout(TIMEOUT);
    }
    let client = builder.build().map_err(|e| format!("client: {e}"))?;
    let truth = cell.kind.truth(&tenant);
    assert_eq!(truth.len(), ITEMS, "ground truth of {:?}", cell.kind);
    if let Some(rule) = cell.fault.rule() {
        tenant.inject(rule.path(cell.kind.path()).after(cell.position));
    }

    let mut received = Vec::new();
    let mut errors = Vec::new();
    let mut pager = cell
        .kind
        .pager(&client)
        .map_err(|e| format!("pager: {e}"))?
        .prefetch(cell.prefetch);
    loop {
        let mut failed = false;
        for item in pager.by_ref() {
            match item {
                Ok(item) => received.push(id_of(&item, cell.kind.id_path())),
                Err(e) => {
                    errors.push(e.to_string());
                    failed = true;
                    break;
                }
            }
        }
        if !failed {
            break;
        }
        if let Some(more) = pager.next() {
            return Err(format!(
                "the pager was not fused after an error: then {more:?}"
            ));
        }
        if errors.len() > MAX_RESUMES {
            return Err(format!(
                "still failing after {MAX_RESUMES} resumes: {errors:?}"
            ));
        }
        // The cursor as a program saves it, then a new pager resumes from it.
        let saved = serde_json::to_string(&pager.cursor()).map_err(|e| e.to_string())?;
        let cursor: Cursor = serde_json::from_str(&saved).map_err(|e| e.to_string())?;
        pager = cell
            .kind
            .pager(&client)
            .and_then(|p| p.resume(&cursor))
            .map_err(|e| format!("resume from {saved}: {e} (errors: {errors:?})"))?
            .prefetch(cell.prefetch);
    }

    let mut seen = std::collections::HashSet::new();
    let repeated: Vec<&String> = received.iter().filter(|id| !seen.insert(*id)).collect();
    let lost: Vec<&String> = truth.iter().filter(|id| !seen.contains(id)).collect();
    let unknown: Vec<&String> = seen
        .iter()
        .filter(|id| !truth.contains(id))
        .copied()
        .collect();
    let expected_lost = cell.fault.expected_lost(cell.kind);
    if lost.len() != expected_lost || !repeated.is_empty() || !unknown.is_empty() {
        return Err(format!(
            "lost {} (expected {expected_lost}) {lost:?}, repeated {repeated:?}, unknown \
             {unknown:?}; received {} after {} error(s) {errors:?}",
            lost.len(),
            received.len(),
            errors.len()
        ));
    }
    Ok(())
}

#[test]
fn no_item_is_lost_or_repeated_under_any_fault() {
    let cells = cells();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let started = Instant::now();
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    std::thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(cell) = cells.get(i).copied() else {
                        return;
                    };
                    match catch_unwind(AssertUnwindSafe(|| run(cell))) {
                        Ok(Ok(())) => {}
                        Ok(Err(why)) => failures
                            .lock()
                            .unwrap()
                            .push(format!("FAIL {}: {why}", cell.name())),
                        Err(panic) => {
                            let message = panic
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                                .unwrap_or_default();
                            failures
                                .lock()
                                .unwrap()
                                .push(format!("FAIL {}: panicked: {message}", cell.name()));
                        }
                    }
                }
            });
        }
    });
    std::panic::set_hook(default_hook);
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    for line in &failures {
        println!("{line}");
    }
    println!(
        "{} cells: {} failed, in {:.1} s",
        cells.len(),
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cells failed",
        failures.len(),
        cells.len()
    );
}
