//! The README's two-terminal workflow: `c42 fake-tenant serve` in one terminal, the environment
//! lines it prints pasted into another, and state kept between commands (create a case, then
//! update it, then read it back).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// Kills the server when the test ends, however it ends.
struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `c42` with the environment of the second terminal: only the pasted lines.
fn c42(env: &[(String, String)], args: &[&str]) -> serde_json::Value {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_c42"));
    for var in [
        "CODE42_HOST",
        "CODE42_API_URL",
        "CODE42_USERNAME",
        "CODE42_PASSWORD",
        "CODE42_TOTP",
        "CODE42_API_CLIENT_ID",
        "CODE42_API_CLIENT_SECRET",
    ] {
        cmd.env_remove(var);
    }
    let out = cmd
        .envs(env.iter().cloned())
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("c42 runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "c42 {args:?} failed: {stderr}");
    assert!(
        !stderr.contains("fake tenant"),
        "the served tenant was not used: {stderr}"
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

#[test]
fn a_case_created_in_one_command_is_updated_in_the_next() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_c42"))
        .args(["fake-tenant", "serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("c42 fake-tenant serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let _served = Served(child);
    let env: Vec<(String, String)> = BufReader::new(stdout)
        .lines()
        .map(|l| l.expect("a line"))
        .take_while(|l| !l.starts_with('#'))
        .map(|l| {
            let (k, v) = l
                .strip_prefix("export ")
                .and_then(|l| l.split_once('='))
                .unwrap_or_else(|| panic!("not an export line: {l}"));
            (k.to_owned(), v.to_owned())
        })
        .collect();
    assert_eq!(env.len(), 4, "{env:?}");
    assert_eq!(
        env[1].0, "CODE42_API_URL",
        "the gateway's URL is printed too"
    );

    let created = c42(&env, &["cases", "create", "--name", "Departing engineer"]);
    let number = created["number"].as_i64().expect("a case number");
    c42(
        &env,
        &[
            "cases",
            "update",
            &number.to_string(),
            "--description",
            "USB copies in the last week",
        ],
    );
    let shown = c42(&env, &["cases", "show", &number.to_string()]);
    assert_eq!(shown["name"], "Departing engineer");
    assert_eq!(shown["description"], "USB copies in the last week");
}
