//! `c42` end to end: the built binary against the fake tenant it starts itself.

use std::process::{Command, Output};

/// The `c42` binary of this package, built by `cargo test`.
fn c42() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_c42"));
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
    assert_eq!(out.lines().count(), code42_fake::DEFAULT_USERS);
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
    let (stdout, stderr) = run(&["cases", "export", "2", "--pdf", "-o", pdf.to_str().unwrap()]);
    assert!(stdout.is_empty(), "{stdout}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        stderr.contains(&format!("PDF, {} bytes written to", bytes.len())),
        "{stderr}"
    );
    assert!(bytes.starts_with(b"%PDF-1.4"));

    let csv = dir.join("case-2.csv");
    run(&["cases", "export", "2", "--csv", "-o", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("eventId,"));
    assert_eq!(text.lines().count(), 3, "a header and two events");

    let (stdout, _) = run(&["cases", "export", "2", "--csv", "-o", "-"]);
    assert_eq!(stdout, text);
    std::fs::remove_dir_all(&dir).unwrap();

    for usage in [
        &["cases", "export", "2", "-o", "-"][..],
        &["cases", "export", "2", "--pdf"],
        &["cases", "export", "2", "--pdf", "--csv", "-o", "-"],
    ] {
        let out = c42().args(usage).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{usage:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// alerts and alert rules (the default fake tenant: 60 seeded alerts, six rules, two of them
// system rules; each run of c42 starts a fresh tenant, so changes do not carry over)

#[test]
fn alerts_search_as_a_table_with_filters() {
    insta::assert_snapshot!(
        run(&[
            "--format",
            "table",
            "alerts",
            "search",
            "--state",
            "open",
            "--severity",
            "critical",
            "--severity",
            "high",
            "--since",
            "2024-03-01",
            "--limit",
            "6",
        ])
        .0
    );
    let all = json(&["alerts", "search", "--page-size", "25"]);
    assert_eq!(all.as_array().map(Vec::len), Some(60));
    let march = json(&[
        "alerts",
        "search",
        "--since",
        "2024-03-01",
        "--until",
        "2024-03-31",
    ]);
    for alert in march.as_array().unwrap() {
        let at = alert["createdAt"].as_str().unwrap();
        assert!(at.starts_with("2024-03-"), "{at}");
    }
    let bad = fails(&["alerts", "search", "--since", "March"]);
    assert!(bad.contains("since"), "{bad}");
}

#[test]
fn alerts_search_from_a_query_json_file() {
    let dir = std::env::temp_dir().join(format!("c42-alerts-query-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("query.json");
    // the alerts article's form: string page numbers, upper-case direction
    std::fs::write(
        &file,
        r#"{"groups": [{"filters": [{"term": "riskSeverity", "operator": "IS", "value": "CRITICAL"}],
            "filterClause": "AND"}], "groupClause": "AND", "pgSize": "20", "pgNum": "0",
            "srtKey": "CreatedAt", "srtDirection": "DESC"}"#,
    )
    .unwrap();
    let from_file = json(&["alerts", "search", "--query-json", file.to_str().unwrap()]);
    let from_flags = json(&["alerts", "search", "--severity", "critical"]);
    assert_eq!(from_file, from_flags);
    // flags add groups to the file's query
    let narrowed = json(&[
        "alerts",
        "search",
        "--query-json",
        file.to_str().unwrap(),
        "--state",
        "resolved",
    ]);
    assert!(narrowed.as_array().unwrap().len() < from_file.as_array().unwrap().len());
    std::fs::write(&file, "{not json").unwrap();
    let bad = fails(&["alerts", "search", "--query-json", file.to_str().unwrap()]);
    assert!(bad.contains("query"), "{bad}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn alerts_show_resolve_reopen_and_note() {
    let ids: Vec<String> = json(&["alerts", "search", "--state", "open", "--limit", "2"])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    let shown = json(&["alerts", "show", &ids[0], &ids[1]]);
    let shown_ids: Vec<&str> = shown
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(shown_ids, [ids[0].as_str(), ids[1].as_str()]);
    assert!(shown[0]["observations"][0]["data"].is_string());
    insta::assert_snapshot!(run(&["--format", "csv", "alerts", "show", &ids[0]]).0);

    let resolved = json(&["alerts", "resolve", &ids[0], &ids[1], "--note", "triaged"]);
    assert_eq!(resolved["state"], "RESOLVED");
    assert_eq!(resolved["alertIds"].as_array().map(Vec::len), Some(2));
    let reopened = json(&["alerts", "reopen", &ids[0]]);
    assert_eq!(reopened["state"], "OPEN");
    assert_eq!(reopened["note"], serde_json::Value::Null);
    let noted = json(&["alerts", "note", &ids[0], "looked at it"]);
    assert_eq!(noted["note"], "looked at it");
    let missing = fails(&["alerts", "note", "no-such-alert", "x"]);
    assert!(missing.contains("NotFound"), "{missing}");
}

#[test]
fn alert_rules_list_users_and_user_changes() {
    insta::assert_snapshot!(run(&["--format", "table", "alert-rules", "list"]).0);
    let rules = json(&["alert-rules", "list"]);
    let id_of = |name: &str| {
        rules
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .and_then(|r| r["observerRuleId"].as_str())
            .unwrap()
            .to_owned()
    };
    let editable = id_of("Removable media exfiltration");
    let system = id_of("Exposure on an endpoint");
    let by_name = json(&[
        "alert-rules",
        "list",
        "--name",
        "removable MEDIA exfiltration",
    ]);
    assert_eq!(by_name[0]["observerRuleId"], editable.as_str());

    let users = json(&["alert-rules", "users", &editable]);
    assert!(!users.as_array().unwrap().is_empty());
    let added = json(&[
        "alert-rules",
        "add-user",
        &editable,
        "user-1",
        "--alias",
        "a@example.com",
        "--alias",
        "dropbox:a",
    ]);
    assert_eq!(added["added"], true);
    assert_eq!(added["aliases"][1], "dropbox:a");
    let first = users[0]["userIdFromAuthority"].as_str().unwrap();
    let removed = json(&["alert-rules", "remove-user", &editable, first]);
    assert_eq!(removed["removed"], true);

    let refused = fails(&[
        "alert-rules",
        "add-user",
        &system,
        "user-1",
        "--alias",
        "a@example.com",
    ]);
    assert!(
        refused.contains("InvalidRuleOperation") && refused.contains("Departing Employee"),
        "{refused}"
    );
    let unknown = fails(&["alert-rules", "users", "no-such-rule"]);
    assert!(unknown.contains("InvalidRule"), "{unknown}");
}
