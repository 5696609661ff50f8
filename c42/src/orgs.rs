//! `c42 orgs …`

use std::io::Write;

use clap::Subcommand;
use code42::orgs::{Org, OrgFilter};
use code42::{Client, Error, OrgGuid, OrgId, OrgUid};

use crate::output::{self, Format, Listing};

#[derive(Subcommand, Debug)]
pub enum OrgsCommand {
    /// List every organization.
    List {
        /// Orgs per request.
        #[arg(long, default_value_t = code42::orgs::DEFAULT_PAGE_SIZE)]
        page_size: u32,
        /// Stop after this many orgs.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Show one organization by guid, numeric id, uid or name.
    Show {
        /// An org guid, numeric org id, org uid or org name.
        org: String,
    },
}

const COLUMNS: &[&str] = &[
    "orgId",
    "orgUid",
    "orgGuid",
    "orgName",
    "parentOrgUid",
    "status",
    "active",
    "blocked",
];

pub fn run(
    client: &Client,
    command: OrgsCommand,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match command {
        OrgsCommand::List { page_size, limit } => {
            let mut listing = Listing::new(format, out, COLUMNS, "orgs")?;
            for org in client
                .orgs()
                .list(&OrgFilter::new().page_size(page_size))?
                .take(limit.unwrap_or(usize::MAX))
            {
                let org = org?;
                listing.item(&org, cells(&org))?;
            }
            listing.finish().map(drop)
        }
        OrgsCommand::Show { org } => {
            let found = find(client, &org)?;
            let fields: Vec<(&str, String)> = COLUMNS.iter().copied().zip(cells(&found)).collect();
            output::record(format, out, &found, &fields)
        }
    }
}

/// An org by guid (has a `-`), numeric id, uid, or else name. An org that is not found is a
/// failure (exit 1), not a usage error.
pub fn find(client: &Client, org: &str) -> anyhow::Result<Org> {
    let orgs = client.orgs();
    if org.contains('-') {
        return Ok(orgs.get(&OrgGuid::new(org))?);
    }
    if let Ok(id) = org.parse::<i64>() {
        match orgs.guid_of(OrgId::new(id)) {
            Ok(guid) => return Ok(orgs.get(&guid)?),
            Err(Error::InvalidInput { .. }) => {}
            Err(e) => return Err(e.into()),
        }
        match orgs.guid_of_uid(&OrgUid::new(org)) {
            Ok(guid) => return Ok(orgs.get(&guid)?),
            Err(Error::InvalidInput { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let mut named = orgs.get_by_name(org)?;
    match named.len() {
        1 => Ok(named.remove(0)),
        0 => Err(anyhow::anyhow!("no org `{org}` (by guid, id, uid or name)")),
        n => Err(anyhow::anyhow!(
            "{n} orgs are named `{org}`: give its guid, id or uid"
        )),
    }
}

fn cells(org: &Org) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let flag = |v: Option<bool>| v.map(|b| b.to_string()).unwrap_or_default();
    vec![
        org.org_id.map(|i| i.to_string()).unwrap_or_default(),
        text(&org.org_uid),
        org.org_guid.clone(),
        text(&org.org_name),
        text(&org.parent_org_uid),
        text(&org.status),
        flag(org.active),
        flag(org.blocked),
    ]
}
