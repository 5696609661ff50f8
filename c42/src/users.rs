//! `c42 users …`

use std::io::Write;

use anyhow::{Context, Result, anyhow};
use clap::{Args, Subcommand};
use code42::users::{NewUser, UserFilter};
use code42::wire::authority::types::User;
use code42::{ApiErrorKind, Change, Client, Error, OrgId, OrgUid, UserUid};

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
    /// Create a user in an organization.
    Create(CreateArgs),
    /// Block a user (already blocked: "already").
    Block {
        /// A user uid or a username.
        user: String,
    },
    /// Unblock a user.
    Unblock {
        /// A user uid or a username.
        user: String,
    },
    /// Deactivate a user (already deactivated: "already").
    Deactivate {
        /// A user uid or a username.
        user: String,
        /// Also block the user.
        #[arg(long)]
        block: bool,
    },
    /// Reactivate a user.
    Reactivate {
        /// A user uid or a username.
        user: String,
        /// Also unblock the user.
        #[arg(long)]
        unblock: bool,
    },
    /// Move a user (and their devices) to another organization.
    Move {
        /// A user uid or a username.
        user: String,
        #[command(flatten)]
        org: OrgArg,
    },
    /// Give a user a role, by role name or id (checked against the tenant's roles first).
    AddRole {
        /// A user uid or a username.
        user: String,
        /// A role name (`Desktop User`) or id (`desktop-user`).
        role: String,
    },
    /// Take a role from a user.
    RemoveRole {
        /// A user uid or a username.
        user: String,
        /// A role name or id.
        role: String,
    },
    /// A user's roles; with no user, every role of the tenant.
    Roles {
        /// A user uid or a username.
        user: Option<String>,
    },
}

/// The destination org of a move: by uid or numeric id.
#[derive(Args, Debug)]
#[group(required = true, multiple = false)]
pub struct OrgArg {
    /// The org's uid.
    #[arg(long)]
    org_uid: Option<String>,
    /// The org's numeric id.
    #[arg(long)]
    org_id: Option<i64>,
}

#[derive(Args, Debug)]
pub struct CreateArgs {
    /// The org's uid.
    #[arg(long)]
    org_uid: String,
    /// Username (usually the email address).
    #[arg(long)]
    username: String,
    /// Email address (default: the username).
    #[arg(long)]
    email: Option<String>,
    /// First name.
    #[arg(long)]
    first_name: Option<String>,
    /// Last name.
    #[arg(long)]
    last_name: Option<String>,
    /// Notes.
    #[arg(long)]
    notes: Option<String>,
    /// Read a password for a local account from the first line of stdin.
    #[arg(long)]
    password_stdin: bool,
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
        UsersCommand::Create(args) => {
            let mut new = NewUser::new(
                args.org_uid.as_str(),
                args.username.as_str(),
                args.email.as_deref().unwrap_or(&args.username),
            );
            if let Some(v) = &args.first_name {
                new = new.first_name(v);
            }
            if let Some(v) = &args.last_name {
                new = new.last_name(v);
            }
            if let Some(v) = &args.notes {
                new = new.notes(v);
            }
            if args.password_stdin {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line)?;
                let password = line.trim_end_matches(['\r', '\n']);
                if password.is_empty() {
                    return Err(Error::invalid("password", "stdin gave no password").into());
                }
                new = new.password(password);
            }
            let user = client.users().create(new)?;
            let fields: Vec<(&str, String)> = COLUMNS.iter().copied().zip(cells(&user)).collect();
            output::record(format, out, &user, &fields)
        }
        UsersCommand::Block { user } => {
            change(client, &user, format, out, |c, uid| c.users().block(uid))
        }
        UsersCommand::Unblock { user } => {
            change(client, &user, format, out, |c, uid| c.users().unblock(uid))
        }
        UsersCommand::Deactivate { user, block } => change(client, &user, format, out, |c, uid| {
            c.users().deactivate(uid, block.then_some(true))
        }),
        UsersCommand::Reactivate { user, unblock } => {
            change(client, &user, format, out, |c, uid| {
                c.users().reactivate(uid, unblock.then_some(true))
            })
        }
        UsersCommand::Move { user, org } => {
            let org_id = match (org.org_id, &org.org_uid) {
                (Some(id), _) => OrgId::new(id),
                (None, Some(uid)) => client.orgs().id_of_uid(&OrgUid::new(uid.as_str()))?,
                (None, None) => {
                    return Err(Error::invalid("org", "give --org-uid or --org-id").into());
                }
            };
            change(client, &user, format, out, |c, uid| {
                c.users().move_to_org(uid, org_id)
            })
        }
        UsersCommand::AddRole { user, role } => change(client, &user, format, out, |c, uid| {
            c.users().add_role(uid, &role)
        }),
        UsersCommand::RemoveRole { user, role } => change(client, &user, format, out, |c, uid| {
            c.users().remove_role(uid, &role)
        }),
        UsersCommand::Roles { user } => {
            let roles = match &user {
                Some(user) => {
                    let found = find(client, user)?;
                    client.users().roles(&UserUid::new(found.user_uid))?
                }
                None => client.users().available_roles()?,
            };
            let mut listing = Listing::new(format, out, &["roleId", "roleName"], "roles")?;
            for role in &roles {
                let text = |v: &Option<String>| v.clone().unwrap_or_default();
                listing.item(role, vec![text(&role.role_id), text(&role.role_name)])?;
            }
            listing.finish().map(drop)
        }
    }
}

/// Runs a state change on one user and prints what happened (`done` or `already`).
fn change(
    client: &Client,
    user: &str,
    format: Format,
    out: &mut impl Write,
    action: impl FnOnce(&Client, &UserUid) -> Result<Change, Error>,
) -> anyhow::Result<()> {
    let found = find(client, user)?;
    let uid = UserUid::new(found.user_uid.clone());
    // A role the tenant does not have is an unknown id (exit 1), not a usage error.
    let change = action(client, &uid).map_err(|e| match e {
        Error::InvalidInput {
            argument: "role", ..
        } => anyhow::anyhow!("{e}"),
        other => other.into(),
    })?;
    let json = serde_json::json!({
        "userUid": found.user_uid,
        "username": found.username,
        "status": change.as_str(),
    });
    let fields = [
        ("userUid", found.user_uid.clone()),
        ("username", found.username.clone()),
        ("status", change.as_str().to_owned()),
    ];
    output::record(format, out, &json, &fields)
}

fn list(
    client: &Client,
    args: &ListArgs,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<()> {
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
