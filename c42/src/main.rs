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
//! Each subcommand lives in its own module; `output` holds the formats they share, `files` the
//! atomic writes, `when` the one time parser, `bulk` the bulk runner, `exit` the exit codes.
//! The conventions are in `c42/README.md`.
#![forbid(unsafe_code)]

mod alerts;
mod bulk;
mod cases;
mod devices;
mod exit;
mod file_events;
mod files;
mod interrupt;
mod logger;
mod orgs;
mod output;
mod progress;
mod users;
mod when;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::{CommandFactory, Parser, Subcommand};
use code42::{Client, RateLimit};

use exit::usage;
use files::Output;
use output::Format;

/// Requests per minute the client allows itself (Code42's documented limit); bulk ETAs use it.
pub const RATE_PER_MINUTE: u32 = 120;

#[derive(Parser, Debug)]
#[command(
    name = "c42",
    version,
    about = "Code42 / Incydr from the command line",
    after_help = exit::HELP
)]
struct Cli {
    /// Console host, e.g. console.us.code42.com (else CODE42_HOST; with neither, a fake tenant
    /// is started). Credentials: CODE42_USERNAME / CODE42_PASSWORD (/ CODE42_TOTP), or
    /// CODE42_API_CLIENT_ID / CODE42_API_CLIENT_SECRET; the local account wins when both are set.
    #[arg(long, global = true, value_name = "HOST")]
    host: Option<String>,
    /// Use the Incydr API gateway where both planes have the command (`file-events search`,
    /// `file-events download`); needs a gateway URL (--api-url, CODE42_API_URL, or a
    /// `console.<us|us2|ie|gov>.code42.com` host) and API-client credentials.
    #[arg(long, global = true)]
    gateway: bool,
    /// The Incydr API gateway, e.g. `https://api.us.code42.com` (else CODE42_API_URL, else
    /// INCYDR_URL, else derived from a `console.<region>.code42.com` host).
    #[arg(long, global = true, value_name = "URL")]
    api_url: Option<String>,
    /// Output format (default: table on a terminal; else from -o's extension, else jsonl).
    #[arg(long, global = true, value_enum, ignore_case = true)]
    format: Option<Format>,
    /// Write the output to FILE (`-` = stdout), through a temporary file renamed into place.
    #[arg(short, long, global = true, value_name = "FILE")]
    output: Option<PathBuf>,
    /// No progress and no notes on stderr (errors still print). NO_COLOR also hides progress.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Log each request (method, URL, status, time; never credentials) on stderr; -vv more.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
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
    /// Alerts: search, show, resolve, reopen, notes, bulk state changes.
    #[command(subcommand)]
    Alerts(alerts::AlertsCommand),
    /// Alert rules and their user lists.
    #[command(subcommand, name = "alert-rules")]
    AlertRules(alerts::AlertRulesCommand),
    /// Who the credentials belong to (and which kind was used), and the tenant id.
    Whoami,
    /// File events: search, saved searches, downloads.
    #[command(subcommand, name = "file-events")]
    FileEvents(file_events::FileEventsCommand),
    /// Print a shell completion script (e.g. `c42 completions bash > /etc/bash_completion.d/c42`).
    Completions {
        /// The shell.
        #[arg(value_enum, ignore_case = true)]
        shell: clap_complete::Shell,
    },
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
    let cli = Cli::parse();
    progress::set_quiet(cli.quiet);
    logger::install(cli.verbose);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => exit::report(&e),
    }
}

/// Which credentials the client uses: the library's precedence (a local account when both
/// kinds are set).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Credentials {
    LocalAccount(String),
    ApiClient(String),
    None,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn credentials_from_env() -> Credentials {
    match (env("CODE42_USERNAME"), env("CODE42_PASSWORD")) {
        (Some(user), Some(_)) => Credentials::LocalAccount(user),
        _ => match (env("CODE42_API_CLIENT_ID"), env("CODE42_API_CLIENT_SECRET")) {
            (Some(id), Some(_)) => Credentials::ApiClient(id),
            _ => Credentials::None,
        },
    }
}

fn run(cli: Cli) -> Result<()> {
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
        return code42_fake::serve::serve_forever("c42", &options)
            .with_context(|| format!("serving the fake tenant on 127.0.0.1:{port}"));
    }
    if let Command::Completions { shell } = cli.command {
        let mut command = Cli::command();
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut command, "c42", &mut script);
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(&script)
            .and_then(|()| stdout.flush())
            .context("writing the completion script");
    }
    // From here on, Ctrl-C stops at the next item (the fake tenant's server above keeps the
    // default: Ctrl-C ends it at once).
    interrupt::install();
    if cli.gateway && !matches!(cli.command, Command::FileEvents(_)) {
        bail!(usage(
            "--gateway: only `file-events search` and `file-events download` run on the Incydr \
             API gateway yet; leave out --gateway to use the console"
        ));
    }
    let writes_a_file = matches!(
        cli.command,
        Command::Cases(cases::CasesCommand::Export(_))
            | Command::FileEvents(file_events::FileEventsCommand::Download(_))
    );
    if writes_a_file && cli.output.is_none() {
        bail!(usage(
            "give -o FILE for what is downloaded (`-o -` writes to stdout)"
        ));
    }
    // The output is checked (and its temporary file made) before any request.
    let mut out = Output::open(cli.output.as_deref())?;
    let format = cli.format.unwrap_or_else(|| match cli.output.as_deref() {
        Some(p) if p.as_os_str() != "-" => match p.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("csv") => Format::Csv,
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            Some(e) if e.eq_ignore_ascii_case("cef") => Format::Cef,
            _ => Format::Jsonl,
        },
        _ => Format::default_for(out.is_stdout()),
    });
    let host = cli.host.clone().or_else(|| env("CODE42_HOST"));
    // `_tenant` keeps the fake tenant running until the command is done.
    let (_tenant, client, credentials) = match host {
        Some(host) => {
            let credentials = credentials_from_env();
            let mut builder = Client::builder(host);
            if let Some(url) = &cli.api_url {
                builder = builder.api_url(url);
            }
            let client = builder
                .user_agent_suffix("c42")
                .rate_limit(RateLimit::new(RATE_PER_MINUTE, RATE_PER_MINUTE))
                .clock(Arc::new(progress::WaitingClock))
                .build()
                .context("setting up the client")?;
            (None::<Tenant>, client, credentials)
        }
        #[cfg(not(feature = "fake"))]
        None => {
            bail!(usage(
                "no --host or CODE42_HOST set (this c42 was built without the fake tenant)"
            ));
        }
        #[cfg(feature = "fake")]
        None => {
            let tenant =
                code42_fake::FakeTenant::start().context("starting the built-in fake tenant")?;
            if !cli.quiet {
                eprintln!(
                    "c42: no CODE42_HOST set; using a fake tenant at {} (seeded, in memory)",
                    tenant.url()
                );
            }
            // The fake serves the gateway on its own URL; the gateway takes its API client.
            let builder = Client::builder(tenant.url()).api_url(tenant.url());
            let builder = if cli.gateway {
                builder.api_client(tenant.api_client_id(), tenant.api_client_secret())
            } else {
                builder.local_account(tenant.username(), tenant.password())
            };
            let client = builder
                .user_agent_suffix("c42")
                .rate_limit(RateLimit::new(RATE_PER_MINUTE, RATE_PER_MINUTE))
                .clock(Arc::new(progress::WaitingClock))
                .env_lookup(|_| None)
                .build()
                .context("setting up the client")?;
            let who = Credentials::LocalAccount(tenant.username().to_owned());
            (Some(tenant), client, who)
        }
    };
    if cli.gateway && client.api_url().is_none() {
        bail!(usage(
            "--gateway: no gateway URL (give --api-url or CODE42_API_URL, or a \
             console.<us|us2|ie|gov>.code42.com host)"
        ));
    }
    let result = match cli.command {
        Command::Users(command) => users::run(&client, command, format, &mut out),
        Command::Orgs(command) => orgs::run(&client, command, format, &mut out),
        Command::Devices(command) => devices::run(&client, command, format, &mut out),
        Command::Cases(command) => cases::run(&client, command, format, &mut out),
        Command::Alerts(command) => alerts::run(&client, command, format, &mut out),
        Command::AlertRules(command) => alerts::run_rules(&client, command, format, &mut out),
        Command::FileEvents(command) => {
            file_events::run(&client, command, cli.gateway, format, &mut out)
        }
        Command::Whoami => whoami(&client, &credentials, format, &mut out),
        Command::Completions { .. } => Ok(()),
        #[cfg(feature = "fake")]
        Command::FakeTenant(_) => Ok(()),
    };
    match result {
        Ok(()) => out.commit(),
        // An interrupted listing is a whole prefix (a closed JSON array): keep it. A partial
        // download or export is not.
        Err(e) if e.downcast_ref::<interrupt::Interrupted>().is_some() && !writes_a_file => {
            out.commit()?;
            Err(e)
        }
        Err(e) => Err(e),
    }
}

/// `whoami`: the user (a local account) or the API client, which has no user.
fn whoami(
    client: &Client,
    credentials: &Credentials,
    format: Format,
    out: &mut Output,
) -> Result<()> {
    let (auth, id) = match credentials {
        Credentials::LocalAccount(u) => ("local-account", u.clone()),
        Credentials::ApiClient(id) => ("api-client", id.clone()),
        Credentials::None => ("none", String::new()),
    };
    let precedence = "CODE42_USERNAME/CODE42_PASSWORD are used when both kinds are set";
    if let Credentials::ApiClient(id) = credentials {
        let tenant = client.tenant_id().context("asking the tenant id")?;
        let json = serde_json::json!({
            "auth": auth, "apiClientId": id, "tenantId": tenant,
            "user": null, "note": "API clients have no user",
        });
        let fields = [
            ("auth", auth.to_owned()),
            ("apiClientId", id.clone()),
            ("user", "(API clients have no user)".to_owned()),
            ("tenantId", tenant),
            ("precedence", precedence.to_owned()),
        ];
        return output::record(format, out, &json, &fields);
    }
    let who = client
        .whoami()
        .context("asking who the credentials belong to")?;
    let fields = [
        ("auth", auth.to_owned()),
        ("username", who.user.username.clone()),
        ("userUid", who.user.user_uid.clone()),
        ("tenantId", who.tenant_id.clone()),
        ("precedence", precedence.to_owned()),
    ];
    let json = serde_json::json!({
        "auth": auth, "username": id, "user": who.user, "tenantId": who.tenant_id
    });
    output::record(format, out, &json, &fields)
}

/// What keeps a built-in fake tenant running while a command uses it.
#[cfg(feature = "fake")]
type Tenant = code42_fake::FakeTenant;
#[cfg(not(feature = "fake"))]
type Tenant = std::convert::Infallible;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
