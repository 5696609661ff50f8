//! The `code42-fake` binary: the lines it prints point a client at the tenant it serves.

use std::collections::HashMap;
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

#[test]
fn the_printed_environment_lines_sign_a_client_in() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_code42-fake"))
        .args(["--port", "0", "--users", "7"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("code42-fake starts");
    let stdout = child.stdout.take().expect("stdout");
    let _served = Served(child);
    let mut all = BufReader::new(stdout).lines().map(|l| l.expect("a line"));
    let lines: Vec<String> = all.by_ref().take_while(|l| !l.starts_with('#')).collect();
    let names: Vec<&str> = lines
        .iter()
        .map(|l| l.split('=').next().unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        [
            "export CODE42_HOST",
            "export CODE42_API_URL",
            "export CODE42_USERNAME",
            "export CODE42_PASSWORD"
        ]
    );
    let env: HashMap<String, String> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("export ")?.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    assert!(env["CODE42_HOST"].starts_with("http://127.0.0.1:"));
    // The gateway is served from the same URL and signs the API client of the comment line in.
    assert_eq!(env["CODE42_API_URL"], env["CODE42_HOST"]);
    let gateway = code42::ClientBuilder::new()
        .api_url(env["CODE42_API_URL"].clone())
        .api_client(
            code42_fake::DEFAULT_API_CLIENT_ID,
            code42_fake::DEFAULT_API_CLIENT_SECRET,
        )
        .env_lookup(|_| None)
        .build()
        .expect("gateway client");
    assert!(
        !gateway
            .incydr()
            .customer()
            .get()
            .expect("customer")
            .tenant_id
            .is_empty()
    );
    let client = code42::Client::builder(env["CODE42_HOST"].clone())
        .env_lookup(move |name| env.get(name).cloned())
        .build()
        .expect("client");
    let users: Vec<_> = client
        .users()
        .list(&code42::users::UserFilter::new())
        .expect("listing")
        .collect::<Result<_, _>>()
        .expect("users");
    assert_eq!(users.len(), 7);
}

#[test]
fn bad_arguments_exit_2_with_the_usage() {
    let out = Command::new(env!("CARGO_BIN_EXE_code42-fake"))
        .args(["--port", "nope"])
        .output()
        .expect("code42-fake runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--port nope"), "{stderr}");
    assert!(stderr.contains("usage: code42-fake"), "{stderr}");
}
