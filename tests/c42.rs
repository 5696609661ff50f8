//! The `c42` example end to end: the built binary against the fake tenant it starts itself.
#![cfg(feature = "fake")]

use std::path::PathBuf;
use std::process::{Command, Output};

/// `target/<profile>/examples/c42`, built by `cargo test` next to this test's binary.
fn c42() -> Command {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target dir");
    let path: PathBuf = dir
        .join("examples")
        .join(format!("c42{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} not built; run `cargo test --features fake`",
        path.display()
    );
    let mut cmd = Command::new(path);
    for var in [
        "CODE42_HOST",
        "CODE42_USERNAME",
        "CODE42_PASSWORD",
        "CODE42_API_CLIENT_ID",
        "CODE42_API_CLIENT_SECRET",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn run(args: &[&str]) -> (String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = c42().args(args).output().expect("c42 runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    );
    assert!(status.success(), "c42 {args:?} failed: {stderr}");
    assert!(
        stderr.contains("using a fake tenant at http://127.0.0.1:"),
        "{stderr}"
    );
    (stdout, stderr)
}

#[test]
fn users_list_as_a_table() {
    insta::assert_snapshot!(run(&["--format", "table", "users", "list", "--limit", "5"]).0);
}

#[test]
fn users_list_as_json() {
    insta::assert_snapshot!(run(&["--format", "json", "users", "list", "--limit", "2"]).0);
}

#[test]
fn users_list_as_jsonl_is_the_default_when_piped() {
    let (piped, _) = run(&["users", "list", "--limit", "3"]);
    let (jsonl, _) = run(&["--format", "jsonl", "users", "list", "--limit", "3"]);
    assert_eq!(piped, jsonl);
    assert_eq!(jsonl.lines().count(), 3);
    insta::assert_snapshot!(jsonl);
}

#[test]
fn users_list_as_csv_with_filters() {
    insta::assert_snapshot!(
        run(&[
            "--format",
            "csv",
            "users",
            "list",
            "--inactive",
            "--page-size",
            "7",
            "--limit",
            "4"
        ])
        .0
    );
}

#[test]
fn users_list_pages_through_everyone() {
    let (out, _) = run(&["--format", "jsonl", "users", "list", "--page-size", "37"]);
    assert_eq!(out.lines().count(), code42::fake::DEFAULT_USERS);
}

#[test]
fn users_show_by_username_and_whoami() {
    insta::assert_snapshot!(run(&["--format", "table", "users", "show", "admin@example.com"]).0);
    let (who, _) = run(&["--format", "json", "whoami"]);
    let who: serde_json::Value = serde_json::from_str(&who).unwrap();
    assert_eq!(who["user"]["username"], "admin@example.com");
    assert!(who["tenantId"].as_str().is_some_and(|t| !t.is_empty()));
}

#[test]
fn a_failure_is_one_line_on_stderr_and_a_non_zero_exit() {
    let out = c42()
        .args(["users", "show", "nobody@example.com"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("c42: ") && last.contains("nobody@example.com"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());

    let out = c42()
        .args(["--host", "http://127.0.0.1:9", "whoami"])
        .env("CODE42_API_CLIENT_ID", "k")
        .env("CODE42_API_CLIENT_SECRET", "s")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
}

// ---------------------------------------------------------------------------------------------
// cases (the default fake tenant: 12 seeded cases; 2, 4, 7, 8, 9 closed; case 2 has events)

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&run(&all).0).expect("JSON output")
}

fn fails(args: &[&str]) -> String {
    let out = c42().args(args).output().unwrap();
    assert!(!out.status.success(), "c42 {args:?} succeeded");
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    stderr.lines().last().unwrap_or_default().to_owned()
}

#[test]
fn cases_list_and_show_as_tables() {
    insta::assert_snapshot!(run(&["--format", "table", "cases", "list", "--limit", "6"]).0);
    insta::assert_snapshot!(run(&["--format", "table", "cases", "show", "3"]).0);
    let (closed, _) = run(&["--format", "csv", "cases", "list", "--status", "closed"]);
    let numbers: Vec<&str> = closed
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert_eq!(numbers, ["2", "4", "7", "8", "9"]);
}

#[test]
fn cases_create_update_and_close() {
    let created = json(&[
        "cases",
        "create",
        "--name",
        "From c42",
        "--description",
        "d",
    ]);
    assert_eq!(
        (
            &created["number"],
            &created["status"],
            &created["description"]
        ),
        (
            &serde_json::json!(13),
            &serde_json::json!("OPEN"),
            &serde_json::json!("d")
        )
    );

    let before = json(&["cases", "show", "3"]);
    let updated = json(&[
        "cases",
        "update",
        "3",
        "--unassign",
        "--clear-findings",
        "--name",
        "Renamed",
    ]);
    assert_eq!(updated["name"], "Renamed");
    assert!(
        updated.get("assignee").is_none() && updated.get("findings").is_none(),
        "{updated}"
    );
    assert_eq!(updated["description"], before["description"]);
    assert_eq!(updated["subject"], before["subject"]);

    assert_eq!(json(&["cases", "close", "1"])["status"], "CLOSED");
    let refused = fails(&["cases", "update", "2", "--name", "x"]);
    assert!(
        refused.starts_with("c42: ") && refused.contains("closed"),
        "{refused}"
    );
}

#[test]
fn cases_events_and_add_event() {
    insta::assert_snapshot!(run(&["--format", "csv", "cases", "events", "2"]).0);
    let added = json(&["cases", "add-event", "1", "0_abc"]);
    assert_eq!(
        added,
        serde_json::json!({"caseNumber": 1, "eventId": "0_abc", "added": true})
    );
    let closed = fails(&["cases", "add-event", "2", "0_abc"]);
    assert!(
        closed.contains("UpdateClosedCase") && closed.contains("CASE_IS_CLOSED"),
        "{closed}"
    );
}

#[test]
fn cases_export_writes_a_pdf_and_a_csv() {
    let dir = std::env::temp_dir().join(format!("c42-cases-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("case-2.pdf");
    let report = json(&["cases", "export", "2", "--pdf", pdf.to_str().unwrap()]);
    let bytes = std::fs::read(&pdf).unwrap();
    assert_eq!(report["bytes"], bytes.len());
    assert!(bytes.starts_with(b"%PDF-1.4"));

    let csv = dir.join("case-2.csv");
    json(&["cases", "export", "2", "--csv", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("eventId,"));
    assert_eq!(text.lines().count(), 3, "a header and two events");

    let (stdout, _) = run(&["cases", "export", "2", "--csv", "-"]);
    assert_eq!(stdout, text);
    std::fs::remove_dir_all(&dir).unwrap();

    let usage = c42().args(["cases", "export", "2"]).output().unwrap();
    assert!(!usage.status.success());
}
