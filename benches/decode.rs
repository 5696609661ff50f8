//! Decoding cost of the generated wire types against the floor (issue 15). Prints figures; it is
//! not a test.
//!
//! ```sh
//! cargo bench -p code42 --bench decode
//! ```
//!
//! One realistic page of v2 file events is built in memory (the fake tenant's generator, then
//! every absent known field written as an explicit `null` as real tenants do, values unknown to
//! the enums on a third of the enum fields, and unknown fields on the event and on its `file` and
//! `source` objects, or on every object with `BENCH_UNKNOWN_FIELDS=every`). The same bytes
//! are decoded into (a) the generated `FileEventV2`, which keeps unknown fields, unknown enum
//! values and nulls, and (b) a plain `#[derive(Deserialize)]` mirror with the same field types
//! (`support/decode_mirror.rs`: derived enums, nested structs, nothing kept: the floor). The bench first
//! asserts both decoded the same values field by field and that the generated type re-encodes each
//! event exactly, then times both at 10,000 and at 500 events a page and prints µs/event and the
//! ratio (target ≤ 1.15×). `BENCH_RUNS` sets the timed runs per figure (default 7; the median is
//! printed); `BENCH_SIZES=500` times only the listed page sizes. Instruction counts per decoder,
//! stable under load (the inclusive cost of each `time_per_event` instance):
//!
//! ```sh
//! BENCH_SIZES=500 BENCH_RUNS=1 valgrind --tool=callgrind --callgrind-out-file=cg.out \
//!     target/release/deps/decode-*[!.d]
//! callgrind_annotate --inclusive=yes cg.out | grep time_per_event
//! ```

#[path = "support/decode_mirror.rs"]
mod decode_mirror;

use std::time::Instant;

use code42_fake::FakeTenant;
use decode_mirror::{MFileEventV2, Same};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use code42::wire::forensic_search::types::FileEventV2;

/// The page envelope, the same for both decodes.
#[derive(Deserialize)]
struct Page<T> {
    #[serde(rename = "fileEvents")]
    file_events: Vec<T>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    // BENCH_UNKNOWN_FIELDS=every: an unknown field on every object (25 an event), not 3.
    let every = std::env::var("BENCH_UNKNOWN_FIELDS").is_ok_and(|v| v == "every");
    let events = realistic_events(10_000, every)?;
    println!(
        "decode: generated FileEventV2 vs a derived mirror (the floor), median of {runs} runs, unknown fields on {}",
        if every {
            "every object"
        } else {
            "the event, /file and /source"
        }
    );
    // BENCH_SIZES=500: only the listed page sizes (a short run under callgrind).
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 500]);
    println!(
        "size of one event: generated {} bytes, floor {} bytes",
        std::mem::size_of::<FileEventV2>(),
        std::mem::size_of::<MFileEventV2>()
    );
    for size in sizes {
        let page = page_bytes(events.get(..size).ok_or("too few events")?)?;
        check_equal(&page, events.get(..size).ok_or("too few events")?)?;
        let generated = time_per_event::<FileEventV2>(&page, size, runs)?;
        let floor = time_per_event::<MFileEventV2>(&page, size, runs)?;
        println!(
            "{size:>6} events a page ({:.1} MB): generated {generated:.2} µs/event, floor {floor:.2} µs/event, ratio {:.3}×",
            page.len() as f64 / 1e6,
            generated / floor
        );
    }
    Ok(())
}

/// Decodes the page `runs` times (after one warm-up) and returns the median µs per event.
/// Never inlined, so that a profiler sees each decoder's cost under its own instance.
#[inline(never)]
fn time_per_event<T: DeserializeOwned>(
    page: &[u8],
    size: usize,
    runs: usize,
) -> Result<f64, Box<dyn std::error::Error>> {
    let repeat = (20_000 / size).max(1);
    let mut samples = Vec::new();
    for run in 0..=runs {
        let start = Instant::now();
        for _ in 0..repeat {
            let decoded: Page<T> = serde_json::from_slice(page)?;
            std::hint::black_box(&decoded);
            drop(decoded);
        }
        let per_event = start.elapsed().as_secs_f64() * 1e6 / (repeat * size) as f64;
        if run > 0 {
            samples.push(per_event);
        }
    }
    samples.sort_by(f64::total_cmp);
    Ok(samples[samples.len() / 2])
}

/// Both decodes agree field by field, and the generated type re-encodes every event exactly
/// (unknown fields, unknown enum values and explicit nulls included).
fn check_equal(page: &[u8], events: &[Value]) -> Result<(), Box<dyn std::error::Error>> {
    let generated: Page<FileEventV2> = serde_json::from_slice(page)?;
    let floor: Page<MFileEventV2> = serde_json::from_slice(page)?;
    assert_eq!(generated.file_events.len(), floor.file_events.len());
    for (i, (g, m)) in generated
        .file_events
        .iter()
        .zip(&floor.file_events)
        .enumerate()
    {
        assert!(g.same(m), "event {i} decoded differently");
        assert_eq!(
            &serde_json::to_value(g)?,
            &events[i],
            "event {i} re-encoded differently"
        );
    }
    Ok(())
}

fn page_bytes(events: &[Value]) -> Result<Vec<u8>, serde_json::Error> {
    let last = events
        .last()
        .and_then(|e| e.pointer("/event/id"))
        .cloned()
        .unwrap_or(Value::Null);
    serde_json::to_vec(&json!({
        "fileEvents": events,
        "nextPgToken": last,
        "problems": null,
        "totalCount": events.len(),
    }))
}

/// `count` events from the fake tenant's generator, made to look like a real tenant's page.
fn realistic_events(count: u64, every: bool) -> Result<Vec<Value>, Box<dyn std::error::Error>> {
    let tenant = FakeTenant::builder().file_events(count).start()?;
    let spec: Value = serde_json::from_str(include_str!("../specs/forensic-search.json"))?;
    let schemas = spec
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .ok_or("no component schemas")?;
    let root = schemas.get("FileEventV2").ok_or("no FileEventV2 schema")?;
    let mut out = Vec::new();
    for i in 0..count {
        let event = tenant.file_event(i).ok_or("missing event")?;
        let mut value = serde_json::to_value(&event)?;
        let mut n = i as usize;
        dress(&mut value, root, schemas, &mut n, "", every);
        if let Some(obj) = value.as_object_mut() {
            obj.insert(
                "futureSection".into(),
                json!({"score": 0.5, "tags": ["a", "b"]}),
            );
        }
        out.push(value);
    }
    Ok(out)
}

/// Walks `value` along `schema`: absent known properties become `null`, a third of the enum
/// values become values no SDK version knows, and objects get an unknown field (every object
/// when `every`, else those at `/file` and `/source`).
fn dress(
    value: &mut Value,
    schema: &Value,
    schemas: &Map<String, Value>,
    n: &mut usize,
    path: &str,
    every: bool,
) {
    let schema = resolve(schema, schemas);
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        *n += 1;
        if n.is_multiple_of(3) && value.is_string() && !values.is_empty() {
            *value = Value::String(format!("NEW_VALUE_{}", *n % 7));
        }
        return;
    }
    match value {
        Value::Object(obj) => {
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (name, prop) in props {
                    match obj.get_mut(name) {
                        Some(v) => dress(v, prop, schemas, n, &format!("{path}/{name}"), every),
                        None => {
                            obj.insert(name.clone(), Value::Null);
                        }
                    }
                }
            }
            if every || path == "/file" || path == "/source" {
                obj.insert("futureFlag".into(), Value::Bool(true));
            }
        }
        Value::Array(items) => {
            if let Some(item) = schema.get("items") {
                for v in items {
                    dress(v, item, schemas, n, path, every);
                }
            }
        }
        _ => {}
    }
}

fn resolve<'a>(schema: &'a Value, schemas: &'a Map<String, Value>) -> &'a Value {
    // `allOf: [{$ref}]` (a nullable reference) is its one member.
    if let Some([only]) = schema
        .get("allOf")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        return resolve(only, schemas);
    }
    match schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
        .and_then(|name| schemas.get(name))
    {
        Some(target) => resolve(target, schemas),
        None => schema,
    }
}
