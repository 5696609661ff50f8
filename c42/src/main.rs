//! `c42`: Code42 / Incydr from the command line, on the public API of the `code42` crate.
//!
//! With no host configured (`--host` or `CODE42_HOST`) and the default `fake` feature, it starts
//! an in-process fake tenant and says so on stderr, so it works with no Code42 account:
//!
//! ```sh
//! cargo run -p c42 -- users list
//! cargo run -p c42 -- cases list --status open
//! cargo run -p c42 -- alerts search --state open --severity critical
//! cargo run -p c42 -- alert-rules list
//! CODE42_HOST=console.us.code42.com CODE42_API_CLIENT_ID=key-… CODE42_API_CLIENT_SECRET=… \
//!     cargo run -p c42 -- --format csv users list --active
//! ```
//!
//! Each subcommand lives in its own module; `output` holds the formats they share.
#![forbid(unsafe_code)]

mod alerts;
mod cases;
mod devices;
mod file_events;
mod orgs;
mod output;
mod users;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use code42::{Client, Error};

use output::Format;

#[derive(Parser, Debug)]
#[command(name = "c42", version, about = "Code42 / Incydr from the command line")]
struct Cli {
    /// Console host, e.g. console.us.code42.com. Without it (and without CODE42_HOST) a fake
    /// tenant is started. Credentials come from CODE42_USERNAME / CODE42_PASSWORD / CODE42_TOTP
    /// or CODE42_API_CLIENT_ID / CODE42_API_CLIENT_SECRET.
    #[arg(long, global = true)]
    host: Option<String>,
    /// Output format (default: table on a terminal, jsonl when piped).
    #[arg(long, global = true, value_enum)]
    format: Option<Format>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Users.
    #[command(subcommand)]
    Users(users::UsersCommand),
    /// Organizations.
    #[command(subcommand)]
    Orgs(orgs::OrgsCommand),
    /// Devices: list, show, block, deactivate, deauthorize.
    #[command(subcommand)]
    Devices(devices::DevicesCommand),
    /// Cases and their file events.
    #[command(subcommand)]
    Cases(cases::CasesCommand),
    /// Alerts: search, show, resolve, reopen, notes.
    #[command(subcommand)]
    Alerts(alerts::AlertsCommand),
    /// Alert rules and their user lists.
    #[command(subcommand, name = "alert-rules")]
    AlertRules(alerts::AlertRulesCommand),
    /// Who the credentials belong to, and the tenant id.
    Whoami,
    /// File events: search, saved searches, downloads.
    #[command(subcommand, name = "file-events")]
    FileEvents(file_events::FileEventsCommand),
    /// The fake tenant.
    #[cfg(feature = "fake")]
    #[command(subcommand, name = "fake-tenant")]
    FakeTenant(FakeCommand),
}

#[cfg(feature = "fake")]
#[derive(Subcommand, Debug)]
enum FakeCommand {
    /// Serve a fake tenant until interrupted and print the environment lines that point another
    /// terminal's c42 at it (for stateful sessions, benchmarks and manual tests).
    Serve {
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = code42_fake::serve::DEFAULT_PORT)]
        port: u16,
        /// Number of seeded users.
        #[arg(long, default_value_t = code42_fake::DEFAULT_USERS)]
        users: usize,
        /// Seed of the generated data.
        #[arg(long, default_value_t = code42_fake::DEFAULT_SEED)]
        seed: u64,
        /// Number of file events (generated when served; a million cost nothing up front).
        #[arg(long, default_value_t = code42_fake::DEFAULT_FILE_EVENTS)]
        file_events: u64,
        /// Answer repeated file-event searches from up to this many MB of memory (benchmarks).
        #[arg(long, default_value_t = 0)]
        search_cache_mb: usize,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("c42: {}", e.to_string().replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    #[cfg(feature = "fake")]
    if let Command::FakeTenant(FakeCommand::Serve {
        port,
        users,
        seed,
        file_events,
        search_cache_mb,
    }) = cli.command
    {
        let options = code42_fake::serve::ServeOptions {
            port,
            users,
            seed,
            file_events,
            search_cache_mb,
        };
        return code42_fake::serve::serve_forever("c42", &options).map_err(Error::from);
    }
    let format = cli.format.unwrap_or_else(Format::default_for_stdout);
    let host = cli.host.or_else(|| {
        std::env::var("CODE42_HOST")
            .ok()
            .filter(|h| !h.trim().is_empty())
    });
    // `_tenant` keeps the fake tenant running until the command is done.
    let (_tenant, client) = match host {
        Some(host) => (
            None::<Tenant>,
            Client::builder(host).user_agent_suffix("c42").build()?,
        ),
        #[cfg(not(feature = "fake"))]
        None => {
            return Err(Error::invalid(
                "host",
                "no --host or CODE42_HOST set (this c42 was built without the fake tenant)",
            ));
        }
        #[cfg(feature = "fake")]
        None => {
            let tenant = code42_fake::FakeTenant::start()?;
            eprintln!(
                "c42: no CODE42_HOST set; using a fake tenant at {} (seeded, in memory)",
                tenant.url()
            );
            let client = Client::builder(tenant.url())
                .local_account(tenant.username(), tenant.password())
                .user_agent_suffix("c42")
                .env_lookup(|_| None)
                .build()?;
            (Some(tenant), client)
        }
    };
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Users(command) => users::run(&client, command, format, &mut out),
        Command::Orgs(command) => orgs::run(&client, command, format, &mut out),
        Command::Devices(command) => devices::run(&client, command, format, &mut out),
        Command::Cases(command) => cases::run(&client, command, format, &mut out),
        Command::Alerts(command) => alerts::run(&client, command, format, &mut out),
        Command::AlertRules(command) => alerts::run_rules(&client, command, format, &mut out),
        Command::FileEvents(command) => file_events::run(&client, command, format, &mut out),
        Command::Whoami => {
            let who = client.whoami()?;
            let fields = [
                ("username", who.user.username.clone()),
                ("userUid", who.user.user_uid.clone()),
                ("tenantId", who.tenant_id.clone()),
            ];
            let json = serde_json::json!({ "user": who.user, "tenantId": who.tenant_id });
            output::record(format, &mut out, &json, &fields)
        }
        #[cfg(feature = "fake")]
        Command::FakeTenant(_) => Ok(()),
    }
}

/// What keeps a built-in fake tenant running while a command uses it.
#[cfg(feature = "fake")]
type Tenant = code42_fake::FakeTenant;
#[cfg(not(feature = "fake"))]
type Tenant = std::convert::Infallible;
