//! The CLI conventions end to end (issue 16): bad input, files that survive failures,
//! interruptions (a real SIGINT and a SIGKILL at a random event, then a resume, compared with
//! the fake tenant's ground truth), closed pipes, error messages, whoami, bulk runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use code42_fake::{FakeTenant, FaultRule};

const CREDENTIAL_VARS: [&str; 11] = [
    "CODE42_HOST",
    "CODE42_API_URL",
    "INCYDR_URL",
    "INCYDR_API_CLIENT_ID",
    "INCYDR_API_CLIENT_SECRET",
    "CODE42_USERNAME",
    "CODE42_PASSWORD",
    "CODE42_TOTP",
    "CODE42_API_CLIENT_ID",
    "CODE42_API_CLIENT_SECRET",
    "NO_COLOR",
];

const SEARCH_V2: &str =
    "/svc/forensic_search-api_url/forensic-search/queryservice/api/v2/fileevent";

/// The `c42` binary of this package, with no credentials from the environment.
fn c42() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_c42"));
    for var in CREDENTIAL_VARS {
        cmd.env_remove(var);
    }
    cmd
}

/// `c42` pointed at a tenant served by this test (a local account).
fn c42_at(tenant: &FakeTenant) -> Command {
    let mut cmd = c42();
    cmd.env("CODE42_HOST", tenant.url())
        .env("CODE42_USERNAME", tenant.username())
        .env("CODE42_PASSWORD", tenant.password());
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs and expects `code`; returns (stdout, stderr).
fn expect(cmd: &mut Command, code: i32) -> (String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("c42 runs");
    let (stdout, stderr) = (text(&stdout), text(&stderr));
    assert_eq!(
        status.code(),
        Some(code),
        "{cmd:?}\nstdout: {stdout}\nstderr: {stderr}"
    );
    (stdout, stderr)
}

/// The last stderr line of a run that must exit with `code` and print nothing on stdout.
fn fails(args: &[&str], code: i32) -> String {
    let (stdout, stderr) = expect(c42().args(args), code);
    assert!(stdout.is_empty(), "{args:?} printed {stdout}");
    stderr.lines().last().unwrap_or_default().to_owned()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("c42-conv-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The files in a folder (no temporary file may be left behind).
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------------
// input

/// A tenant with few file events (searches that match nothing stay fast).
fn small_tenant() -> FakeTenant {
    FakeTenant::builder().file_events(400).start().unwrap()
}

#[test]
fn enum_flags_ignore_letter_case_and_list_the_allowed_values() {
    let upper = expect(
        c42().args([
            "-q",
            "file-events",
            "search",
            "--severity",
            "HIGH",
            "--limit",
            "20",
        ]),
        0,
    )
    .0;
    let lower = expect(
        c42().args([
            "-q",
            "file-events",
            "search",
            "--severity",
            "high",
            "--limit",
            "20",
        ]),
        0,
    )
    .0;
    assert_eq!(upper, lower);
    assert_eq!(lower.lines().count(), 20, "high-severity events exist");
    for line in lower.lines() {
        let event: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(event["risk"]["severity"], "HIGH");
    }
    let (_, stderr) = expect(
        c42().args(["file-events", "search", "--severity", "hgh"]),
        2,
    );
    assert!(
        stderr.contains("possible values: no-risk-indicated, low, moderate, high, critical"),
        "{stderr}"
    );
    expect(
        c42().args(["-q", "alerts", "search", "--state", "OPEN", "--limit", "1"]),
        0,
    );
    expect(
        c42().args(["-q", "--format", "CSV", "users", "list", "--limit", "1"]),
        0,
    );
}

#[test]
fn every_command_reads_times_alike_and_refuses_an_inverted_range() {
    let tenant = small_tenant();
    for command in [&["alerts", "search"][..], &["file-events", "search"]] {
        for since in [
            "2024-01-01 10:00:00",
            "2024-01-01",
            "2024-01-01T10:00:00Z",
            "3d",
            "P1D",
        ] {
            let mut args = vec!["-q", "--format", "jsonl"];
            args.extend_from_slice(command);
            args.extend(["--since", since, "--limit", "1"]);
            expect(c42_at(&tenant).args(&args), 0);
        }
        let mut args = command.to_vec();
        args.extend(["--since", "2024-03-02", "--until", "2024-03-01"]);
        let message = fails(&args, 2);
        assert!(message.contains("inverted"), "{message}");
        let mut args = command.to_vec();
        args.extend(["--within", "2h", "--until", "2024-01-01"]);
        assert!(fails(&args, 2).contains("inverted"));
        let mut args = command.to_vec();
        args.extend(["--since", "March"]);
        let message = fails(&args, 2);
        assert!(
            message.contains("--since") && message.contains("March"),
            "{message}"
        );
    }
}

#[test]
fn an_unknown_id_is_an_error_with_exit_1() {
    let message = fails(&["alerts", "show", "nope"], 1);
    assert!(message.contains("no alert with the id nope"), "{message}");
    assert!(fails(&["users", "show", "nobody@example.com"], 1).contains("nobody@example.com"));
    assert!(fails(&["cases", "show", "99999"], 1).contains("99999"));
}

#[test]
fn help_documents_the_exit_codes_and_completions_are_generated() {
    let (help, _) = expect(c42().arg("--help"), 0);
    assert!(
        help.contains("Exit codes: 0 ok, 1 failure, 2 usage") && help.contains("130 interrupted"),
        "{help}"
    );
    for shell in ["bash", "zsh", "fish"] {
        let (script, _) = expect(c42().args(["completions", shell]), 0);
        assert!(script.contains("file-events"), "{shell}");
    }
    expect(c42().args(["completions", "tcsh"]), 2);
}

#[test]
fn the_gateway_flag_needs_a_gateway_command_and_url() {
    let message = fails(&["--gateway", "users", "list"], 2);
    assert!(message.contains("only `file-events search`"), "{message}");
    // A console with no derivable gateway and no --api-url: refused before any request.
    let (stdout, stderr) = expect(
        c42()
            .env("CODE42_API_CLIENT_ID", "key-1")
            .env("CODE42_API_CLIENT_SECRET", "secret-1")
            .args([
                "--host",
                "https://console.example.com",
                "--gateway",
                "file-events",
                "search",
            ]),
        2,
    );
    assert!(stdout.is_empty());
    assert!(stderr.contains("no gateway URL"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// errors

#[test]
fn path_errors_are_reported_before_any_request() {
    let dir = scratch("paths");
    let missing = dir.join("missing/c.json");
    let message = fails(&["file-events", "search", "--cursor", s(&missing)], 2);
    assert!(
        message.contains("cursor file")
            && message.contains("missing")
            && message.contains("No such file"),
        "{message}"
    );
    let message = fails(&["file-events", "search", "--cursor", s(&dir)], 2);
    assert!(message.contains("is a folder"), "{message}");
    let message = fails(&["users", "list", "-o", s(&dir.join("missing/u.csv"))], 2);
    assert!(
        message.contains("output") && message.contains("missing"),
        "{message}"
    );
    let message = fails(&["users", "list", "-o", s(&dir)], 2);
    assert!(message.contains("is a folder"), "{message}");
    std::fs::write(dir.join("cursor.json"), "{not a cursor").unwrap();
    let message = fails(
        &[
            "file-events",
            "search",
            "--cursor",
            s(&dir.join("cursor.json")),
        ],
        2,
    );
    assert!(message.contains("reading the cursor file"), "{message}");
    assert!(!message.contains("Broken pipe"));
    let table = dir.join("t.json");
    let message = fails(
        &[
            "--format",
            "table",
            "file-events",
            "search",
            "--cursor",
            s(&table),
        ],
        2,
    );
    assert!(message.contains("--cursor needs a format"), "{message}");
}

#[test]
fn a_port_in_use_says_so() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let message = fails(&["fake-tenant", "serve", "--port", &port], 1);
    assert!(
        message.contains(&format!("127.0.0.1:{port}")) && message.to_lowercase().contains("in use"),
        "{message}"
    );
}

#[test]
fn a_closed_pipe_exits_quietly_with_0() {
    let mut child = c42()
        .args(["-q", "file-events", "search", "--page-size", "500"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 4096];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout); // `| head`
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn verbose_logs_requests_without_secrets() {
    let tenant = FakeTenant::start().unwrap();
    let (_, stderr) = expect(
        c42_at(&tenant).args(["-v", "-q", "users", "list", "--limit", "1"]),
        0,
    );
    assert!(stderr.contains("[debug code42::http] GET"), "{stderr}");
    assert!(stderr.contains("(listUsers) -> 200"), "{stderr}");
    assert!(!stderr.contains(tenant.password()), "{stderr}");
}

#[test]
fn whoami_says_which_credentials_and_that_api_clients_have_no_user() {
    let tenant = FakeTenant::start().unwrap();
    let (out, _) = expect(
        c42()
            .env("CODE42_HOST", tenant.url())
            .env("CODE42_API_CLIENT_ID", tenant.api_client_id())
            .env("CODE42_API_CLIENT_SECRET", tenant.api_client_secret())
            .args(["--format", "json", "whoami"]),
        0,
    );
    let who: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(who["auth"], "api-client");
    assert_eq!(who["apiClientId"], tenant.api_client_id());
    assert_eq!(who["note"], "API clients have no user");
    assert_eq!(who["tenantId"], tenant.tenant_uid());
    // Both kinds set: the local account is used, and whoami says so.
    let (out, _) = expect(
        c42_at(&tenant)
            .env("CODE42_API_CLIENT_ID", tenant.api_client_id())
            .env("CODE42_API_CLIENT_SECRET", tenant.api_client_secret())
            .args(["--format", "table", "whoami"]),
        0,
    );
    assert!(
        out.contains("local-account") && out.contains(tenant.username()),
        "{out}"
    );
    assert!(out.contains("precedence"), "{out}");
}

// ---------------------------------------------------------------------------------------------
// files survive failures

#[test]
fn an_existing_file_survives_a_failed_export_download_search_and_bulk() {
    let dir = scratch("survive");
    let existing = dir.join("existing.bin");
    let keep = |cmd: &mut Command| {
        std::fs::write(&existing, "keep me").unwrap();
        let out = cmd.output().unwrap();
        assert!(!out.status.success(), "{cmd:?}");
        assert_eq!(
            std::fs::read_to_string(&existing).unwrap(),
            "keep me",
            "{cmd:?}"
        );
        assert_eq!(listing(&dir), ["existing.bin"], "{cmd:?}");
    };
    keep(c42().args(["cases", "export", "99999", "--csv", "-o", s(&existing)]));
    keep(c42().args(["cases", "export", "99999", "--pdf", "-o", s(&existing)]));
    keep(c42().args([
        "file-events",
        "download",
        "--sha256",
        &"0".repeat(64),
        "-o",
        s(&existing),
    ]));
    // A search whose request fails, to a file and with a cursor file.
    let tenant = FakeTenant::start().unwrap();
    tenant.inject(FaultRule::status(400).times(1).path(SEARCH_V2));
    keep(c42_at(&tenant).args(["file-events", "search", "-o", s(&existing)]));
    tenant.inject(FaultRule::status(400).times(1).path(SEARCH_V2));
    keep(c42_at(&tenant).args(["file-events", "search", "--cursor", s(&existing)]));
    // A bulk run refused for its header keeps an existing --failed file.
    let input = scratch("survive-input").join("in.csv");
    std::fs::write(&input, "alert,state\nx,open\n").unwrap();
    keep(c42().args([
        "alerts",
        "bulk",
        "update-state",
        s(&input),
        "--failed",
        s(&existing),
    ]));
}

// ---------------------------------------------------------------------------------------------
// interruptions and failures mid-way: ids written compared with the fake's ground truth

const EVENTS: u64 = 2_000;

fn ground_truth(tenant: &FakeTenant) -> Vec<String> {
    let mut ids: Vec<String> = (0..EVENTS)
        .map(|i| {
            tenant
                .file_event(i)
                .and_then(|e| e.event)
                .and_then(|e| e.id)
                .expect("an event id")
        })
        .collect();
    ids.sort();
    ids
}

/// The event ids of a JSON-lines file, in order; every line must be a whole event.
fn ids_in(path: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .map(|l| {
            let event: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("a half-written line: {e}: {l}"));
            event["event"]["id"].as_str().unwrap().to_owned()
        })
        .collect()
}

/// A pseudo-random number in `range` (from the clock; printed so a failure can be replayed).
fn random_in(range: std::ops::Range<u64>) -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let n = range.start + u64::from(nanos) % (range.end - range.start);
    eprintln!("random: {n}");
    n
}

/// Starts a search to `out` with `cursor` and waits until `out` holds `events` lines.
fn search_until(
    tenant: &FakeTenant,
    cursor: &Path,
    out: &Path,
    events: u64,
) -> (std::process::Child, Instant) {
    let started = Instant::now();
    let mut child = c42_at(tenant)
        .args([
            "-q",
            "--format",
            "jsonl",
            "file-events",
            "search",
            "--page-size",
            "200",
        ])
        .args(["--cursor", s(cursor), "-o", s(out)])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    loop {
        let lines = std::fs::read(out)
            .map(|b| b.iter().filter(|c| **c == b'\n').count() as u64)
            .unwrap_or(0);
        if lines >= events {
            return (child, started);
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the search ended ({status}) before {events} events were written");
        }
        assert!(started.elapsed() < Duration::from_secs(60), "too slow");
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn resume(tenant: &FakeTenant, cursor: &Path, out: &Path) {
    expect(
        c42_at(tenant)
            .args([
                "-q",
                "--format",
                "jsonl",
                "file-events",
                "search",
                "--page-size",
                "200",
            ])
            .args(["--cursor", s(cursor), "-o", s(out)]),
        0,
    );
}

#[test]
fn a_sigint_at_a_random_event_then_a_resume_writes_each_event_exactly_once() {
    let tenant = FakeTenant::builder().file_events(EVENTS).start().unwrap();
    let truth = ground_truth(&tenant);
    let dir = scratch("sigint");
    let (cursor, first, second) = (dir.join("c.json"), dir.join("1.jsonl"), dir.join("2.jsonl"));
    let (child, _) = search_until(&tenant, &cursor, &first, random_in(50..EVENTS * 7 / 10));
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("interrupted"),
        "{}",
        text(&out.stderr)
    );
    let before = ids_in(&first);
    assert!((before.len() as u64) < EVENTS, "interrupted before the end");
    // The cursor names the last event written.
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&cursor).unwrap()).unwrap();
    assert_eq!(
        saved["cursor"]["token"].as_str(),
        before.last().map(String::as_str)
    );

    resume(&tenant, &cursor, &second);
    let mut all = before;
    all.extend(ids_in(&second));
    all.sort();
    assert_eq!(all.len(), truth.len(), "each event exactly once");
    assert_eq!(all, truth);
    assert_eq!(listing(&dir), ["1.jsonl", "2.jsonl", "c.json"]);
}

#[test]
fn a_sigkill_loses_nothing_and_repeats_at_most_about_a_second() {
    let tenant = FakeTenant::builder().file_events(EVENTS).start().unwrap();
    let truth = ground_truth(&tenant);
    let dir = scratch("sigkill");
    let (cursor, first, second) = (dir.join("c.json"), dir.join("1.jsonl"), dir.join("2.jsonl"));
    let (mut child, started) =
        search_until(&tenant, &cursor, &first, random_in(50..EVENTS * 7 / 10));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let elapsed = started.elapsed().as_secs_f64();
    let before = ids_in(&first);
    resume(&tenant, &cursor, &second);
    let mut all = before.clone();
    all.extend(ids_in(&second));
    all.sort();
    let mut unique = all.clone();
    unique.dedup();
    assert_eq!(unique, truth, "nothing lost");
    let repeated = all.len() - unique.len();
    // The cursor is saved at most about once a second: what was written since may repeat.
    let per_second = before.len() as f64 / elapsed;
    eprintln!(
        "{} written in {elapsed:.2}s, {repeated} repeated",
        before.len()
    );
    assert!(
        repeated as f64 <= per_second * 2.0 + 1.0,
        "{repeated} repeated at {per_second:.0} events/s"
    );
}

#[test]
fn a_request_failing_mid_way_keeps_what_was_written_and_the_resume_completes_it() {
    let tenant = FakeTenant::builder().file_events(EVENTS).start().unwrap();
    let truth = ground_truth(&tenant);
    let dir = scratch("midway");
    let (cursor, first, second) = (dir.join("c.json"), dir.join("1.jsonl"), dir.join("2.jsonl"));
    let (child, _) = search_until(&tenant, &cursor, &first, 10);
    tenant.inject(FaultRule::status(400).path(SEARCH_V2));
    let out = child.wait_with_output().unwrap();
    tenant.clear_faults();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("searching file events") && stderr.contains("400"),
        "{stderr}"
    );
    let before = ids_in(&first);
    resume(&tenant, &cursor, &second);
    let mut all = before;
    all.extend(ids_in(&second));
    all.sort();
    assert_eq!(all, truth, "each event exactly once");
}

// ---------------------------------------------------------------------------------------------
// the bulk runner

#[test]
fn alerts_bulk_update_state_reports_each_row_and_writes_the_failed_ones() {
    let tenant = FakeTenant::start().unwrap();
    let ids: Vec<String> = tenant
        .alerts()
        .iter()
        .take(3)
        .map(|a| a.id.clone())
        .collect();
    let dir = scratch("bulk");
    let input = dir.join("states.csv");
    let failed = dir.join("failed.csv");
    std::fs::write(
        &input,
        format!(
            "ID, State ,note\n{},resolved,triaged\n{},IN-PROGRESS,\nno-such-alert,open,\n{},bogus,\n",
            ids[0], ids[1], ids[2]
        ),
    )
    .unwrap();
    let (report, stderr) = expect(
        c42_at(&tenant).args([
            "-q",
            "--format",
            "csv",
            "alerts",
            "bulk",
            "update-state",
            s(&input),
            "--failed",
            s(&failed),
        ]),
        1,
    );
    assert!(stderr.contains("2 of 4 rows failed"), "{stderr}");
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines[0], "line,id,state,note,status,error");
    assert!(
        lines[1].starts_with(&format!("2,{},resolved,triaged,ok,", ids[0])),
        "{report}"
    );
    assert!(lines[2].ends_with(",ok,"), "{report}");
    assert!(
        lines[3].contains("failed") && lines[3].contains("not found"),
        "{report}"
    );
    assert!(
        lines[4].contains("failed") && lines[4].contains("bogus"),
        "{report}"
    );
    let states: Vec<String> = tenant
        .alerts()
        .iter()
        .take(2)
        .map(|a| a.state.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(states, ["RESOLVED", "IN_PROGRESS"]);

    // The failed rows, with an error column, run again as they are (from stdin).
    let failed_text = std::fs::read_to_string(&failed).unwrap();
    let rows: Vec<&str> = failed_text.lines().collect();
    assert_eq!(rows.len(), 3, "{failed_text}");
    assert_eq!(rows[0], "ID,State,note,error");
    let fixed = failed_text.replace("bogus", "pending");
    let mut child = c42_at(&tenant)
        .args([
            "-q",
            "--format",
            "jsonl",
            "alerts",
            "bulk",
            "update-state",
            "-",
        ])
        .args(["--failed", s(&failed)])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), fixed.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(report.len(), 2);
    assert_eq!(report[1]["status"], "ok");
    assert_eq!(report[0]["status"], "failed");
    let failed_text = std::fs::read_to_string(&failed).unwrap();
    assert_eq!(failed_text.lines().count(), 2, "{failed_text}");
    assert!(failed_text.contains("no-such-alert"));
}

#[test]
fn a_bulk_file_without_a_required_column_is_a_usage_error() {
    let dir = scratch("bulk-usage");
    let input = dir.join("in.csv");
    std::fs::write(&input, "id,note\nx,y\n").unwrap();
    let message = fails(&["alerts", "bulk", "update-state", s(&input)], 2);
    assert!(message.contains("no state column"), "{message}");
    let message = fails(
        &[
            "alerts",
            "bulk",
            "update-state",
            s(&dir.join("missing.csv")),
        ],
        1,
    );
    assert!(message.contains("reading the CSV file"), "{message}");
}

#[test]
fn a_sigint_closes_a_json_array_and_keeps_what_was_written() {
    let tenant = FakeTenant::builder().file_events(EVENTS).start().unwrap();
    let dir = scratch("sigint-json");
    let out = dir.join("events.json");
    std::fs::write(&out, "an older file").unwrap();
    let mut child = c42_at(&tenant)
        .args([
            "-q",
            "--format",
            "json",
            "file-events",
            "search",
            "--page-size",
            "200",
        ])
        .args(["-o", s(&out)])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Without a cursor the file is replaced at the end: wait for the temporary file to grow.
    let started = Instant::now();
    loop {
        let temp = listing(&dir).into_iter().find(|n| n.starts_with(".c42-"));
        let size = temp
            .and_then(|t| std::fs::metadata(dir.join(t)).ok())
            .map_or(0, |m| m.len());
        if size > 200_000 {
            break;
        }
        assert!(child.try_wait().unwrap().is_none(), "ended too early");
        assert!(started.elapsed() < Duration::from_secs(60), "too slow");
        std::thread::sleep(Duration::from_millis(2));
    }
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait_with_output().unwrap().status;
    assert_eq!(status.code(), Some(130));
    let events: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).expect("a closed JSON array");
    assert!(!events.is_empty() && (events.len() as u64) < EVENTS);
    assert_eq!(listing(&dir), ["events.json"]);
}

#[test]
fn tls_to_a_plain_http_port_is_reported_as_tls() {
    use std::io::{Read, Write};
    // A plain-HTTP server: it answers a TLS ClientHello with an HTTP 400, as web servers do.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(3) {
            let Ok(mut stream) = stream else { continue };
            let mut hello = [0u8; 1024];
            let _ = stream.read(&mut hello);
            let _ = stream.write_all(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    let message = {
        let (stdout, stderr) = expect(
            c42()
                .env("CODE42_API_CLIENT_ID", "key")
                .env("CODE42_API_CLIENT_SECRET", "secret")
                .args(["--host", &format!("https://127.0.0.1:{port}"), "whoami"]),
            1,
        );
        assert!(stdout.is_empty());
        stderr
    };
    assert!(message.contains("TLS failed"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(!message.contains("secret"), "{message}");
}
