//! `c42 orgs|devices|users` administration verbs end to end: the binary against a fake tenant,
//! every change checked in the tenant's ground truth, "already" for a second run. (The `bulk`
//! verbs wait for the CLI conventions' bulk runner.)

use std::process::{Command, Output};

use code42_fake::FakeTenant;
use serde_json::Value;

const CREDENTIAL_VARS: [&str; 7] = [
    "CODE42_HOST",
    "CODE42_USERNAME",
    "CODE42_PASSWORD",
    "CODE42_TOTP",
    "CODE42_API_CLIENT_ID",
    "CODE42_API_CLIENT_SECRET",
    "NO_COLOR",
];

fn c42_at(tenant: &FakeTenant) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_c42"));
    for var in CREDENTIAL_VARS {
        cmd.env_remove(var);
    }
    cmd.env("CODE42_HOST", tenant.url())
        .env("CODE42_USERNAME", tenant.username())
        .env("CODE42_PASSWORD", tenant.password())
        .args(["--format", "jsonl"]);
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `c42 args` and expects `code`; returns the JSON lines of stdout and stderr.
fn run(tenant: &FakeTenant, args: &[&str], code: i32) -> (Vec<Value>, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = c42_at(tenant).args(args).output().expect("c42 runs");
    let (stdout, stderr) = (text(&stdout), text(&stderr));
    assert_eq!(
        status.code(),
        Some(code),
        "{args:?}\nstdout: {stdout}\nstderr: {stderr}"
    );
    let lines = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    (lines, stderr)
}

fn tenant() -> FakeTenant {
    FakeTenant::builder()
        .users(30)
        .cases(0)
        .alerts(0)
        .file_events(0)
        .start()
        .unwrap()
}

#[test]
fn orgs_list_and_show() {
    let tenant = tenant();
    let (orgs, _) = run(&tenant, &["orgs", "list", "--page-size", "3"], 0);
    let guids: Vec<&str> = orgs
        .iter()
        .map(|o| o["orgGuid"].as_str().unwrap())
        .collect();
    let truth: Vec<String> = tenant.orgs().into_iter().map(|o| o.org_guid).collect();
    assert_eq!(guids, truth);
    let platform = tenant
        .orgs()
        .into_iter()
        .find(|o| o.org_name.as_deref() == Some("Platform"))
        .unwrap();
    for key in [
        "Platform".to_owned(),
        platform.org_id.unwrap().to_string(),
        platform.org_uid.clone().unwrap(),
        platform.org_guid.clone(),
    ] {
        let (shown, _) = run(&tenant, &["orgs", "show", &key], 0);
        assert_eq!(shown[0]["orgGuid"], platform.org_guid.as_str(), "{key}");
    }
    let (_, stderr) = run(&tenant, &["orgs", "show", "No Such Org"], 1);
    assert!(stderr.contains("no org `No Such Org`"), "{stderr}");
}

#[test]
fn devices_list_show_and_change() {
    let tenant = tenant();
    let device = tenant
        .devices()
        .into_iter()
        .find(|d| d.service.as_deref() == Some("CrashPlan"))
        .unwrap();
    let org = device.org_uid.clone().unwrap();
    let (listed, _) = run(&tenant, &["devices", "list", "--org-uid", &org], 0);
    let expected = tenant
        .devices()
        .iter()
        .filter(|d| d.org_uid.as_deref() == Some(&org))
        .count();
    assert_eq!(listed.len(), expected);
    let id = device.computer_id.to_string();
    let (usage, _) = run(
        &tenant,
        &["devices", "show", &device.guid, "--backup-usage"],
        0,
    );
    assert_eq!(usage[0]["targetComputerGuid"], "632540230984925185");

    let (out, _) = run(&tenant, &["devices", "block", &id], 0);
    assert_eq!(out[0]["status"], "done");
    let (out, _) = run(&tenant, &["devices", "block", &device.guid], 0);
    assert_eq!(out[0]["status"], "already");
    let now = |t: &FakeTenant| {
        t.devices()
            .into_iter()
            .find(|d| d.computer_id == device.computer_id)
            .unwrap()
    };
    assert_eq!(now(&tenant).blocked, Some(true));
    run(&tenant, &["devices", "unblock", &id], 0);
    run(&tenant, &["devices", "deactivate", &id], 0);
    assert_eq!(now(&tenant).active, Some(false));
    let (out, _) = run(&tenant, &["devices", "deactivate", &id], 0);
    assert_eq!(out[0]["status"], "already");
    run(&tenant, &["devices", "reactivate", &id], 0);
    run(&tenant, &["devices", "deauthorize", &id], 0);
    assert_eq!(now(&tenant).status.as_deref(), Some("Active, Deauthorized"));
    let (_, stderr) = run(&tenant, &["devices", "block", "424242"], 1);
    assert!(stderr.contains("424242"), "{stderr}");
}

#[test]
fn users_create_change_move_and_roles() {
    let tenant = tenant();
    let sales = tenant
        .orgs()
        .into_iter()
        .find(|o| o.org_name.as_deref() == Some("Sales"))
        .unwrap();
    let legal = tenant
        .orgs()
        .into_iter()
        .find(|o| o.org_name.as_deref() == Some("Legal"))
        .unwrap();
    let username = "cli.user@example.com";
    run(
        &tenant,
        &[
            "users",
            "create",
            "--org-uid",
            sales.org_uid.as_deref().unwrap(),
            "--username",
            username,
            "--first-name",
            "Cli",
        ],
        0,
    );
    let user = |t: &FakeTenant| {
        t.users()
            .into_iter()
            .find(|u| u.username == username)
            .unwrap()
    };
    assert_eq!(user(&tenant).org_uid, sales.org_uid);

    let (out, _) = run(&tenant, &["users", "block", username], 0);
    assert_eq!(out[0]["status"], "done");
    let (out, _) = run(&tenant, &["users", "block", username], 0);
    assert_eq!(out[0]["status"], "already");
    assert_eq!(user(&tenant).blocked, Some(true));
    run(&tenant, &["users", "unblock", username], 0);
    run(&tenant, &["users", "deactivate", username, "--block"], 0);
    assert_eq!(
        (user(&tenant).active, user(&tenant).blocked),
        (Some(false), Some(true))
    );
    run(&tenant, &["users", "reactivate", username, "--unblock"], 0);
    assert_eq!(
        (user(&tenant).active, user(&tenant).blocked),
        (Some(true), Some(false))
    );
    run(
        &tenant,
        &[
            "users",
            "move",
            username,
            "--org-uid",
            legal.org_uid.as_deref().unwrap(),
        ],
        0,
    );
    assert_eq!(user(&tenant).org_uid, legal.org_uid);
    let (out, _) = run(
        &tenant,
        &[
            "users",
            "move",
            username,
            "--org-id",
            &legal.org_id.unwrap().to_string(),
        ],
        0,
    );
    assert_eq!(out[0]["status"], "already");

    run(
        &tenant,
        &["users", "add-role", username, "Customer Cloud Admin"],
        0,
    );
    let (roles, _) = run(&tenant, &["users", "roles", username], 0);
    let ids: Vec<&str> = roles
        .iter()
        .map(|r| r["roleId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["desktop-user", "customer-cloud-admin"]);
    run(
        &tenant,
        &["users", "remove-role", username, "desktop-user"],
        0,
    );
    let before = tenant.requests().len();
    let (_, stderr) = run(&tenant, &["users", "add-role", username, "Overlord"], 1);
    assert!(stderr.contains("no role `Overlord`"), "{stderr}");
    assert!(
        tenant.requests()[before..]
            .iter()
            .all(|r| r.method == "GET"),
        "no write"
    );
    let (all, _) = run(&tenant, &["users", "roles"], 0);
    assert_eq!(all.len(), tenant.roles().len());
}
