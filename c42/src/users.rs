//! `c42 users …`

use std::io::Write;

use anyhow::{Context, Result, anyhow};
use clap::{Args, Subcommand};
use code42::users::UserFilter;
use code42::wire::authority::types::User;
use code42::{ApiErrorKind, Client};

use crate::output::{self, Format, Listing};

#[derive(Subcommand, Debug)]
pub enum UsersCommand {
    /// List users.
    List(ListArgs),
    /// Show one user by uid or username.
    Show {
        /// A user uid or a username.
        user: String,
    },
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Only active users.
    #[arg(long, conflicts_with = "inactive")]
    active: bool,
    /// Only deactivated users.
    #[arg(long)]
    inactive: bool,
    /// Only blocked users.
    #[arg(long)]
    blocked: bool,
    /// Only users of this organization.
    #[arg(long)]
    org_uid: Option<String>,
    /// Only users with this role id.
    #[arg(long)]
    role_id: Option<String>,
    /// Only the user with this email.
    #[arg(long)]
    email: Option<String>,
    /// Free-text search.
    #[arg(long)]
    query: Option<String>,
    /// Users per request.
    #[arg(long, default_value_t = code42::users::DEFAULT_PAGE_SIZE)]
    page_size: u32,
    /// Stop after this many users.
    #[arg(long)]
    limit: Option<usize>,
}

const COLUMNS: &[&str] = &[
    "userId",
    "userUid",
    "username",
    "email",
    "firstName",
    "lastName",
    "orgName",
    "active",
    "blocked",
];

pub fn run(
    client: &Client,
    command: UsersCommand,
    format: Format,
    out: &mut impl Write,
) -> Result<()> {
    match command {
        UsersCommand::List(args) => list(client, &args, format, out),
        UsersCommand::Show { user } => {
            let found = find(client, &user)?;
            let fields: Vec<(&str, String)> = COLUMNS.iter().copied().zip(cells(&found)).collect();
            output::record(format, out, &found, &fields)
        }
    }
}

fn list(client: &Client, args: &ListArgs, format: Format, out: &mut impl Write) -> Result<()> {
    let mut filter = UserFilter::new().page_size(args.page_size);
    if args.active || args.inactive {
        filter = filter.active(args.active);
    }
    if args.blocked {
        filter = filter.blocked(true);
    }
    if let Some(v) = &args.org_uid {
        filter = filter.org_uid(v);
    }
    if let Some(v) = &args.role_id {
        filter = filter.role_id(v);
    }
    if let Some(v) = &args.email {
        filter = filter.email(v);
    }
    if let Some(v) = &args.query {
        filter = filter.query(v);
    }
    let listing = Listing::new(format, out, COLUMNS, "users")?;
    let pager = client.users().list(&filter).context("listing users")?;
    listing.all(pager, args.limit, "listing users", cells)
}

/// A uid first, then a username (usernames are what people type).
fn find(client: &Client, user: &str) -> Result<User> {
    if !user.contains('@') {
        match client.users().get_by_uid(user) {
            Err(e) if e.api_kind() == Some(ApiErrorKind::NotFound) => {}
            other => return other.with_context(|| format!("looking up the user `{user}`")),
        }
    }
    client
        .users()
        .get_by_username(user)
        .with_context(|| format!("looking up the user `{user}`"))?
        .ok_or_else(|| anyhow!("no user `{user}`"))
}

fn cells(user: &User) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let flag = |v: Option<bool>| v.map(|b| b.to_string()).unwrap_or_default();
    vec![
        user.user_id.to_string(),
        user.user_uid.clone(),
        user.username.clone(),
        text(&user.email),
        text(&user.first_name),
        text(&user.last_name),
        text(&user.org_name),
        flag(user.active),
        flag(user.blocked),
    ]
}
