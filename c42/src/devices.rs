//! `c42 devices …`

use std::io::Write;

use clap::{Args, Subcommand};
use code42::devices::{Device, DeviceFilter};
use code42::{Change, Client, DeviceGuid, DeviceId, Error};

use crate::output::{self, Format, Listing};

#[derive(Subcommand, Debug)]
pub enum DevicesCommand {
    /// List devices.
    List(ListArgs),
    /// Show one device by numeric id or guid.
    Show {
        /// A numeric device id or a device guid.
        device: String,
        /// Also list its backup usage per destination.
        #[arg(long)]
        backup_usage: bool,
    },
    /// Block a device (already blocked: "already").
    Block(DeviceArg),
    /// Unblock a device.
    Unblock(DeviceArg),
    /// Deactivate a device (already deactivated: "already").
    Deactivate(DeviceArg),
    /// Reactivate a device.
    Reactivate(DeviceArg),
    /// Deauthorize a device: its agent must sign in again.
    Deauthorize(DeviceArg),
}

#[derive(Args, Debug)]
pub struct DeviceArg {
    /// A numeric device id or a device guid.
    device: String,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Only active devices.
    #[arg(long, conflicts_with = "inactive")]
    active: bool,
    /// Only deactivated devices.
    #[arg(long)]
    inactive: bool,
    /// Only blocked devices.
    #[arg(long, conflicts_with = "unblocked")]
    blocked: bool,
    /// Only unblocked devices.
    #[arg(long)]
    unblocked: bool,
    /// Only devices of this organization (uid).
    #[arg(long)]
    org_uid: Option<String>,
    /// Only devices of this user (uid).
    #[arg(long)]
    user_uid: Option<String>,
    /// Only devices backing up to this destination (guid).
    #[arg(long)]
    destination_guid: Option<String>,
    /// Include backup usage (archive bytes, last backup) in JSON output.
    #[arg(long)]
    include_backup_usage: bool,
    /// Free-text search.
    #[arg(long)]
    query: Option<String>,
    /// Devices per request.
    #[arg(long, default_value_t = code42::devices::DEFAULT_PAGE_SIZE)]
    page_size: u32,
    /// Stop after this many devices.
    #[arg(long)]
    limit: Option<usize>,
}

const COLUMNS: &[&str] = &[
    "computerId",
    "guid",
    "name",
    "service",
    "osName",
    "userUid",
    "orgUid",
    "status",
    "active",
    "blocked",
    "lastConnected",
];

const USAGE_COLUMNS: &[&str] = &[
    "targetComputerGuid",
    "targetComputerName",
    "archiveBytes",
    "selectedBytes",
    "percentComplete",
    "lastCompletedBackup",
];

type Action = fn(&Client, DeviceId) -> code42::Result<Change>;

pub fn run(
    client: &Client,
    command: DevicesCommand,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let single =
        |arg: DeviceArg, what: &str, action: Action, out: &mut dyn Write| -> anyhow::Result<()> {
            let device = find(client, &arg.device)?;
            let _ = what;
            let change = action(client, DeviceId::new(device.computer_id))?;
            report(format, out, &device, change)
        };
    match command {
        DevicesCommand::List(args) => list(client, &args, format, out),
        DevicesCommand::Show {
            device,
            backup_usage,
        } => {
            let found = find(client, &device)?;
            if backup_usage {
                let usage = client
                    .devices()
                    .backup_usage(&DeviceGuid::new(found.guid.clone()))?;
                let mut listing = Listing::new(format, out, USAGE_COLUMNS, "destinations")?;
                for u in &usage {
                    let text = |v: &Option<String>| v.clone().unwrap_or_default();
                    let num = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
                    listing.item(
                        u,
                        vec![
                            text(&u.target_computer_guid),
                            text(&u.target_computer_name),
                            num(u.archive_bytes),
                            num(u.selected_bytes),
                            u.percent_complete
                                .map(|p| p.to_string())
                                .unwrap_or_default(),
                            u.last_completed_backup
                                .as_ref()
                                .map(|t| t.to_string())
                                .unwrap_or_default(),
                        ],
                    )?;
                }
                return listing.finish().map(drop);
            }
            let fields: Vec<(&str, String)> = COLUMNS.iter().copied().zip(cells(&found)).collect();
            output::record(format, out, &found, &fields)
        }
        DevicesCommand::Block(arg) => single(arg, "blocking", |c, id| c.devices().block(id), out),
        DevicesCommand::Unblock(arg) => {
            single(arg, "unblocking", |c, id| c.devices().unblock(id), out)
        }
        DevicesCommand::Deactivate(arg) => {
            single(arg, "deactivating", |c, id| c.devices().deactivate(id), out)
        }
        DevicesCommand::Reactivate(arg) => {
            single(arg, "reactivating", |c, id| c.devices().reactivate(id), out)
        }
        DevicesCommand::Deauthorize(arg) => single(
            arg,
            "deauthorizing",
            |c, id| c.devices().deauthorize(id).map(|()| Change::Made),
            out,
        ),
    }
}

/// One line saying what happened to a device.
fn report(
    format: Format,
    out: &mut dyn Write,
    device: &Device,
    change: Change,
) -> anyhow::Result<()> {
    let json = serde_json::json!({
        "computerId": device.computer_id,
        "guid": device.guid,
        "status": change.as_str(),
    });
    let fields = [
        ("computerId", device.computer_id.to_string()),
        ("guid", device.guid.clone()),
        ("status", change.as_str().to_owned()),
    ];
    output::record(format, &mut &mut *out, &json, &fields)
}

/// A device by numeric id, or else by guid (guids are long numbers too: an id that is not
/// found is tried as a guid).
pub fn find(client: &Client, device: &str) -> Result<Device, Error> {
    let devices = client.devices();
    if let Ok(id) = device.parse::<DeviceId>() {
        match devices.get_by_id(id) {
            Err(e) if e.api_kind() == Some(code42::ApiErrorKind::NotFound) => {}
            other => return other,
        }
    }
    devices.get_by_guid(&DeviceGuid::new(device))
}

fn list(
    client: &Client,
    args: &ListArgs,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut filter = DeviceFilter::new().page_size(args.page_size);
    if args.active || args.inactive {
        filter = filter.active(args.active);
    }
    if args.blocked || args.unblocked {
        filter = filter.blocked(args.blocked);
    }
    if let Some(v) = &args.org_uid {
        filter = filter.org_uid(v);
    }
    if let Some(v) = &args.user_uid {
        filter = filter.user_uid(v);
    }
    if let Some(v) = &args.destination_guid {
        filter = filter.destination_guid(v);
    }
    if args.include_backup_usage {
        filter = filter.include_backup_usage(true);
    }
    if let Some(v) = &args.query {
        filter = filter.query(v);
    }
    let mut listing = Listing::new(format, out, COLUMNS, "devices")?;
    for device in client
        .devices()
        .list(&filter)?
        .take(args.limit.unwrap_or(usize::MAX))
    {
        let device = device?;
        listing.item(&device, cells(&device))?;
    }
    listing.finish().map(drop)
}

fn cells(d: &Device) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let flag = |v: Option<bool>| v.map(|b| b.to_string()).unwrap_or_default();
    vec![
        d.computer_id.to_string(),
        d.guid.clone(),
        text(&d.name),
        text(&d.service),
        text(&d.os_name),
        text(&d.user_uid),
        text(&d.org_uid),
        text(&d.status),
        flag(d.active),
        flag(d.blocked),
        d.last_connected
            .as_ref()
            .map(|t| t.to_string())
            .unwrap_or_default(),
    ]
}
