//! `c42 file-events …` end to end: the built binary against the fake tenant it starts
//! (25,000 seeded file events).

use std::path::PathBuf;
use std::process::{Command, Output};

/// The `c42` binary of this package, built by `cargo test`.
fn c42() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_c42"));
    for var in [
        "CODE42_HOST",
        "CODE42_API_URL",
        "INCYDR_URL",
        "CODE42_USERNAME",
        "CODE42_PASSWORD",
        "CODE42_API_CLIENT_ID",
        "CODE42_API_CLIENT_SECRET",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn run(args: &[&str]) -> String {
    let Output {
        status,
        stdout,
        stderr,
    } = c42().args(args).output().expect("c42 runs");
    assert!(
        status.success(),
        "c42 {args:?} failed: {}",
        String::from_utf8_lossy(&stderr)
    );
    String::from_utf8(stdout).expect("UTF-8 output")
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("c42-fe-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn search_as_jsonl_prints_the_events_as_sent() {
    let out = run(&["--format", "jsonl", "file-events", "search", "--limit", "2"]);
    assert_eq!(out.lines().count(), 2);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert!(
        first["event"]["id"]
            .as_str()
            .unwrap()
            .starts_with("0_000000000000_")
    );
    insta::assert_snapshot!(out);
}

#[test]
fn search_as_csv_with_filters() {
    insta::assert_snapshot!(run(&[
        "--format",
        "csv",
        "file-events",
        "search",
        "--action",
        "removable-media-created",
        "--action",
        "sync-app-created",
        "--since",
        "2024-01-02",
        "--severity",
        "HIGH",
        "--limit",
        "4",
    ]));
}

#[test]
fn search_as_cef() {
    insta::assert_snapshot!(run(&[
        "--format",
        "cef",
        "file-events",
        "search",
        "--category",
        "Cloud Storage",
        "--limit",
        "2",
    ]));
}

#[test]
fn v1_search_from_a_query_file() {
    let dir = scratch("v1");
    let query = dir.join("query.json");
    std::fs::write(
        &query,
        r#"{"groupClause":"AND","groups":[{"filterClause":"AND","filters":[
            {"operator":"IS","term":"exposure","value":"RemovableMedia"}]}],"srtKey":"eventId","srtDir":"desc"}"#,
    )
    .unwrap();
    let out = run(&[
        "--format",
        "csv",
        "file-events",
        "search",
        "--query-json",
        query.to_str().unwrap(),
        "--limit",
        "3",
    ]);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 3);
    // Newest first, all on removable media.
    assert!(rows[0] > rows[1] && rows[1] > rows[2], "{out}");
    assert!(rows.iter().all(|r| r.contains("Removable Media")), "{out}");
}

#[test]
fn a_cursor_file_resumes_after_the_last_event_written() {
    let dir = scratch("cursor");
    let cursor = dir.join("cursor.json");
    let cursor = cursor.to_str().unwrap();
    let search = |limit: &str| {
        run(&[
            "--format",
            "jsonl",
            "file-events",
            "search",
            "--page-size",
            "1000",
            "--within",
            "P30D",
            "--limit",
            limit,
            "--cursor",
            cursor,
        ])
    };
    let first = search("1500");
    let second = search("700");
    let whole = run(&[
        "--format",
        "jsonl",
        "file-events",
        "search",
        "--page-size",
        "1000",
        "--within",
        "P30D",
        "--limit",
        "2200",
    ]);
    assert_eq!(format!("{first}{second}"), whole);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(cursor).unwrap()).unwrap();
    let last: serde_json::Value = serde_json::from_str(whole.lines().last().unwrap()).unwrap();
    assert_eq!(saved["cursor"]["token"], last["event"]["id"]);

    // Another query with the same cursor file is refused.
    let out = c42()
        .args([
            "file-events",
            "search",
            "--user",
            "x@example.com",
            "--cursor",
            cursor,
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("another query"));
}

#[test]
fn saved_searches_list_and_run() {
    let list = run(&["--format", "jsonl", "file-events", "saved-searches"]);
    let first: serde_json::Value = serde_json::from_str(list.lines().next().unwrap()).unwrap();
    assert_eq!(first["name"], "Removable media, last 30 days");
    let out = run(&[
        "--format",
        "csv",
        "file-events",
        "search",
        "--saved-search",
        first["id"].as_str().unwrap(),
        "--limit",
        "2",
    ]);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter().all(|r| r.contains("removable-media-created")),
        "{out}"
    );
    assert!(
        rows[0] > rows[1],
        "newest first, as the saved search sorts: {out}"
    );
}

#[test]
fn a_file_is_downloaded_by_sha256() {
    let dir = scratch("download");
    let out = run(&["--format", "jsonl", "file-events", "search", "--limit", "1"]);
    let event: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let sha = event["file"]["hash"]["sha256"].as_str().unwrap();
    let file = dir.join("file.bin");
    run(&[
        "file-events",
        "download",
        "--sha256",
        sha,
        "-o",
        file.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&file).unwrap();
    assert!(!bytes.is_empty());
    assert!(String::from_utf8_lossy(&bytes).contains(sha));
}

/// `--gateway`: the same search on the Incydr API gateway of the built-in fake tenant (which
/// serves it on its own URL, with the API client) writes the same events as the console's.
#[test]
fn gateway_search_writes_the_same_events_as_the_console() {
    let args = [
        "file-events",
        "search",
        "--limit",
        "250",
        "--format",
        "jsonl",
    ];
    let console = run(&args);
    let mut with_gateway = vec!["--gateway"];
    with_gateway.extend(args);
    let gateway = run(&with_gateway);
    assert_eq!(console.lines().count(), 250);
    assert_eq!(gateway, console);
}

/// `--gateway file-events download`: one request to the gateway's files API; the fake's file
/// contents do not hash to their advertised SHA-256, so the check refuses the file and no
/// output file is left.
#[test]
fn gateway_download_checks_the_sha256_of_what_was_written() {
    let first = run(&["file-events", "search", "--limit", "1", "--format", "jsonl"]);
    let event: serde_json::Value = serde_json::from_str(first.trim()).unwrap();
    let sha = event["file"]["hash"]["sha256"].as_str().unwrap().to_owned();
    let dir = scratch("gateway-download");
    let target = dir.join("file.bin");
    let out = c42()
        .args([
            "--gateway",
            "file-events",
            "download",
            "--sha256",
            &sha,
            "-o",
        ])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("SHA-256"), "{stderr}");
    assert!(!target.exists(), "a refused download leaves no file");
    let md5 = c42()
        .args([
            "--gateway",
            "file-events",
            "download",
            "--md5",
            "19b92e63beb08c27ab4489fcfefbbe44",
            "-o",
        ])
        .arg(dir.join("other.bin"))
        .output()
        .unwrap();
    assert_eq!(md5.status.code(), Some(2), "--md5 has no gateway form");
}
