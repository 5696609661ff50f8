//! `c42 alerts …` and `c42 alert-rules …`

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Subcommand, ValueEnum};
use code42::Client;
use code42::alert_rules::RuleMetadata;
use code42::alerts::{AlertDetails, AlertSummary, observation_data};
use code42::query::FilterGroup;
use code42::query::alerts::{self as f, AlertQuery, AlertState, RiskSeverity};
use time::OffsetDateTime;

use crate::bulk::{self, BulkArgs, Verb};
use crate::output::{self, Format, Listing};
use crate::when::TimeRange;

#[derive(Subcommand, Debug)]
pub enum AlertsCommand {
    /// Search alerts (newest first).
    Search(SearchArgs),
    /// Show alerts with their observations and notes.
    Show {
        /// Alert ids.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Resolve (dismiss) alerts.
    Resolve(StateArgs),
    /// Reopen alerts.
    Reopen(StateArgs),
    /// Set an alert's note (replacing any note it has).
    Note {
        /// The alert id.
        id: String,
        /// The note.
        text: String,
    },
    /// Changes from a CSV file, one row each.
    #[command(subcommand)]
    Bulk(AlertsBulkCommand),
}

/// `c42 alerts bulk …`
#[derive(Subcommand, Debug)]
pub enum AlertsBulkCommand {
    /// Set alert states from a CSV with the columns id, state (open, resolved, pending,
    /// in-progress; any letter case) and optionally note.
    UpdateState(BulkArgs),
}

/// `alerts bulk update-state`'s columns.
pub const UPDATE_STATE: Verb = Verb {
    name: "alerts bulk update-state",
    required: &["id", "state"],
    optional: &["note"],
    requests_per_row: 1,
};

#[derive(Subcommand, Debug)]
pub enum AlertRulesCommand {
    /// List alert rules (newest first).
    List {
        /// Only rules with this name (any letter case).
        #[arg(long)]
        name: Option<String>,
        /// Stop after this many rules.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// The users in a rule's inclusion or exclusion list.
    Users {
        /// The rule id (`observerRuleId`).
        rule_id: String,
    },
    /// Add a user, with their aliases, to a rule's list.
    AddUser {
        /// The rule id.
        rule_id: String,
        /// The user's id (best practice: the Code42 user uid).
        user_id: String,
        /// An alias (email, cloud username) that triggers or filters the rule's alerts.
        #[arg(long = "alias", required = true)]
        aliases: Vec<String>,
    },
    /// Remove a user (or only some of their aliases) from a rule's list.
    RemoveUser {
        /// The rule id.
        rule_id: String,
        /// The user's id.
        user_id: String,
        /// Remove only these aliases.
        #[arg(long = "alias")]
        aliases: Vec<String>,
    },
}

/// Alert states a person types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum State {
    /// Open.
    Open,
    /// Resolved (dismissed).
    Resolved,
    /// Pending.
    Pending,
    /// In progress.
    InProgress,
}

impl From<State> for AlertState {
    fn from(state: State) -> Self {
        match state {
            State::Open => AlertState::Open,
            State::Resolved => AlertState::Resolved,
            State::Pending => AlertState::Pending,
            State::InProgress => AlertState::InProgress,
        }
    }
}

/// Risk severities a person types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Severity {
    /// Critical.
    Critical,
    /// High.
    High,
    /// Moderate (py42's MEDIUM).
    Moderate,
    /// Low.
    Low,
}

impl From<Severity> for RiskSeverity {
    fn from(severity: Severity) -> Self {
        match severity {
            Severity::Critical => RiskSeverity::Critical,
            Severity::High => RiskSeverity::High,
            Severity::Moderate => RiskSeverity::Moderate,
            Severity::Low => RiskSeverity::Low,
        }
    }
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Only alerts in these states (repeat for several).
    #[arg(long, value_enum, ignore_case = true)]
    state: Vec<State>,
    /// Only alerts of these risk severities (repeat for several).
    #[arg(long, value_enum, ignore_case = true)]
    severity: Vec<Severity>,
    /// Only alerts whose actor contains this text.
    #[arg(long)]
    actor: Option<String>,
    /// Only alerts of rules whose name contains this text.
    #[arg(long)]
    rule_name: Option<String>,
    /// Only alerts raised in this range.
    #[command(flatten)]
    time: TimeRange,
    /// Search with this query instead (py42's or the alerts article's JSON body); the other
    /// filters add groups to it.
    #[arg(long, value_name = "FILE")]
    query_json: Option<PathBuf>,
    /// Alerts per request (at most 500).
    #[arg(long, default_value_t = code42::query::alerts::DEFAULT_PAGE_SIZE)]
    page_size: u32,
    /// Stop after this many alerts.
    #[arg(long)]
    limit: Option<usize>,
}

#[derive(Args, Debug)]
pub struct StateArgs {
    /// Alert ids.
    #[arg(required = true)]
    ids: Vec<String>,
    /// A note for the alerts (replacing theirs; without it their notes are kept).
    #[arg(long)]
    note: Option<String>,
}

const COLUMNS: &[&str] = &["id", "createdAt", "state", "riskSeverity", "name", "actor"];

const DETAIL_COLUMNS: &[&str] = &[
    "id",
    "createdAt",
    "state",
    "riskSeverity",
    "name",
    "actor",
    "observations",
    "files",
    "note",
];

const RULE_COLUMNS: &[&str] = &[
    "observerRuleId",
    "name",
    "type",
    "severity",
    "ruleSource",
    "isSystem",
    "isEnabled",
    "createdAt",
];

const USER_COLUMNS: &[&str] = &["usersToAlertOn", "userIdFromAuthority", "aliases"];

pub fn run(
    client: &Client,
    command: AlertsCommand,
    format: Format,
    out: &mut impl Write,
) -> Result<()> {
    let alerts = client.alerts();
    match command {
        AlertsCommand::Search(args) => search(client, &args, format, out),
        AlertsCommand::Show { ids } => {
            let found = alerts.details(&ids).context("reading the alerts")?;
            let missing: Vec<&str> = ids
                .iter()
                .filter(|id| !found.iter().any(|a| &a.id == *id))
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                bail!("no alert with the id {}", missing.join(", "));
            }
            let mut listing = Listing::new(format, out, DETAIL_COLUMNS, "alerts")?;
            for alert in found {
                listing.item(&alert, detail_cells(&alert)?)?;
            }
            listing.finish().map(drop)
        }
        AlertsCommand::Bulk(AlertsBulkCommand::UpdateState(args)) => bulk::run(
            &args,
            UPDATE_STATE,
            crate::RATE_PER_MINUTE,
            format,
            out,
            |row| {
                let id = row.require("id")?;
                let state = parse_state(row.require("state")?)?;
                alerts.set_state(state, [id], row.get("note"))?;
                Ok(())
            },
        ),
        AlertsCommand::Resolve(args) => {
            alerts.resolve(&args.ids, args.note.as_deref())?;
            changed(&args, AlertState::Resolved, format, out)
        }
        AlertsCommand::Reopen(args) => {
            alerts.reopen(&args.ids, args.note.as_deref())?;
            changed(&args, AlertState::Open, format, out)
        }
        AlertsCommand::Note { id, text } => {
            alerts.add_note(&id, &text)?;
            let json = serde_json::json!({ "alertId": id, "note": text });
            output::record(
                format,
                out,
                &json,
                &[("alertId", id.clone()), ("note", text.clone())],
            )
        }
    }
}

pub fn run_rules(
    client: &Client,
    command: AlertRulesCommand,
    format: Format,
    out: &mut impl Write,
) -> Result<()> {
    let rules = client.alert_rules();
    match command {
        AlertRulesCommand::List { name, limit } => {
            let pager = match &name {
                Some(name) => rules.by_name(name)?,
                None => rules.search(&code42::query::rules::RuleQuery::new())?,
            };
            let mut listing = Listing::new(format, out, RULE_COLUMNS, "rules")?;
            for rule in pager.take(limit.unwrap_or(usize::MAX)) {
                let rule = rule?;
                listing.item(&rule, rule_cells(&rule))?;
            }
            listing.finish().map(drop)
        }
        AlertRulesCommand::Users { rule_id } => {
            let list = rules.users(&rule_id)?;
            let audience = list
                .users_to_alert_on
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            let mut listing = Listing::new(format, out, USER_COLUMNS, "users")?;
            for user in list.users.unwrap_or_default() {
                let cells = vec![
                    audience.clone(),
                    user.user_id_from_authority.clone().unwrap_or_default(),
                    user.user_alias_list.clone().unwrap_or_default().join(";"),
                ];
                listing.item(&user, cells)?;
            }
            listing.finish().map(drop)
        }
        AlertRulesCommand::AddUser {
            rule_id,
            user_id,
            aliases,
        } => {
            rules.add_user(&rule_id, &user_id, &aliases)?;
            user_changed("added", &rule_id, &user_id, &aliases, format, out)
        }
        AlertRulesCommand::RemoveUser {
            rule_id,
            user_id,
            aliases,
        } => {
            if aliases.is_empty() {
                rules.remove_user(&rule_id, &user_id)?;
            } else {
                rules.remove_user_aliases(&rule_id, &user_id, &aliases)?;
            }
            user_changed("removed", &rule_id, &user_id, &aliases, format, out)
        }
    }
}

fn search(client: &Client, args: &SearchArgs, format: Format, out: &mut impl Write) -> Result<()> {
    let mut query = match &args.query_json {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading the query file {}", path.display()))?;
            AlertQuery::from_json(&text)
                .with_context(|| format!("reading the query file {}", path.display()))?
        }
        None => AlertQuery::new(),
    };
    let mut groups: Vec<FilterGroup> = Vec::new();
    if !args.state.is_empty() {
        groups.push(f::state().is_in(args.state.iter().map(|s| AlertState::from(*s))));
    }
    if !args.severity.is_empty() {
        groups.push(f::risk_severity().is_in(args.severity.iter().map(|s| RiskSeverity::from(*s))));
    }
    if let Some(actor) = &args.actor {
        groups.push(f::actor().contains(actor));
    }
    if let Some(name) = &args.rule_name {
        groups.push(f::rule_name().contains(name));
    }
    let range = args.time.resolve(OffsetDateTime::now_utc())?;
    if let Some(since) = range.since {
        groups.push(f::date_observed().on_or_after(since));
    }
    if let Some(until) = range.until {
        groups.push(f::date_observed().on_or_before(until));
    }
    for group in groups {
        query = query.group(group);
    }
    let query = query.page_size(args.page_size);
    let listing = Listing::new(format, out, COLUMNS, "alerts")?;
    let pager = client.alerts().search(&query).context("searching alerts")?;
    listing.all(pager, args.limit, "searching alerts", cells)
}

/// An alert state as typed in a bulk file: `open`, `resolved`, `pending`, `in-progress`
/// (any letter case; `_` or `-`), or the service's own names.
fn parse_state(text: &str) -> Result<AlertState> {
    let wanted: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .collect();
    State::value_variants()
        .iter()
        .find(|s| {
            s.to_possible_value()
                .is_some_and(|v| v.get_name().replace('-', "").eq_ignore_ascii_case(&wanted))
        })
        .map(|s| AlertState::from(*s))
        .ok_or_else(|| anyhow!("state `{text}` is not one of open, resolved, pending, in-progress"))
}

fn changed(
    args: &StateArgs,
    state: AlertState,
    format: Format,
    out: &mut impl Write,
) -> Result<()> {
    let json = serde_json::json!({ "alertIds": args.ids, "state": state, "note": args.note });
    let fields = [
        ("alerts", args.ids.len().to_string()),
        ("state", state.to_string()),
        ("note", args.note.clone().unwrap_or_default()),
    ];
    output::record(format, out, &json, &fields)
}

fn user_changed(
    what: &str,
    rule_id: &str,
    user_id: &str,
    aliases: &[String],
    format: Format,
    out: &mut impl Write,
) -> Result<()> {
    let mut json = serde_json::json!({
        "ruleId": rule_id, "userIdFromAuthority": user_id, "aliases": aliases
    });
    json[what] = serde_json::Value::Bool(true);
    let fields = [
        ("ruleId", rule_id.to_owned()),
        ("userIdFromAuthority", user_id.to_owned()),
        ("aliases", aliases.join(";")),
        (what, "true".to_owned()),
    ];
    output::record(format, out, &json, &fields)
}

fn time(v: &Option<code42::Timestamp>) -> String {
    v.as_ref()
        .map(|t| t.as_str().to_owned())
        .unwrap_or_default()
}

fn shown<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn cells(alert: &AlertSummary) -> Vec<String> {
    vec![
        alert.id.clone(),
        time(&alert.created_at),
        shown(&alert.state),
        shown(&alert.risk_severity),
        alert.name.clone().unwrap_or_default(),
        alert.actor.clone().unwrap_or_default(),
    ]
}

fn detail_cells(alert: &AlertDetails) -> Result<Vec<String>> {
    let observations = alert.observations.as_deref().unwrap_or_default();
    let mut files = 0;
    for observation in observations {
        if let Some(activity) = observation_data(observation.data.as_ref())? {
            files += activity.file_count.unwrap_or(0);
        }
    }
    Ok(vec![
        alert.id.clone(),
        time(&alert.created_at),
        shown(&alert.state),
        shown(&alert.risk_severity),
        alert.name.clone().unwrap_or_default(),
        alert.actor.clone().unwrap_or_default(),
        observations.len().to_string(),
        files.to_string(),
        alert
            .note
            .as_ref()
            .and_then(|n| n.message.clone())
            .unwrap_or_default(),
    ])
}

fn rule_cells(rule: &RuleMetadata) -> Vec<String> {
    let flag = |v: Option<bool>| v.map(|b| b.to_string()).unwrap_or_default();
    vec![
        rule.observer_rule_id.clone().unwrap_or_default(),
        rule.name.clone().unwrap_or_default(),
        shown(&rule.type_),
        shown(&rule.severity),
        shown(&rule.rule_source),
        flag(rule.is_system),
        flag(rule.is_enabled),
        time(&rule.created_at),
    ]
}
