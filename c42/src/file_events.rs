//! `c42 file-events …`: search (every matching event, resumable), saved searches, downloads.
//!
//! `search` pulls events with page tokens (no 10,000 limit). JSON lines are the events exactly
//! as the service sent them; CSV, table and CEF (ArcSight Common Event Format, the mapping
//! code42cli used, with values escaped) are built from the typed events.
//!
//! With `--cursor FILE` the position after the last event written is saved (atomically) at
//! most about once a second, and when the run ends for any reason: done, Ctrl-C (which stops
//! at the next event), `--limit`, or a failed request. The next run with the same query
//! continues right after that event: after Ctrl-C exactly once; after a crash or SIGKILL,
//! nothing is skipped and at most about a second of events is written again. With `-o FILE`
//! and a cursor the file is renamed into place at the first save and grows from then on, so
//! it always holds at least what the cursor covers.

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Subcommand, ValueEnum};
// Values typed on the command line go through each enum's `From<&str>` on purpose: a value this
// version does not know yet still reaches the server verbatim.
use code42::query::file_events::{self as fe, WithinTheLast, v1, v2};
use code42::query::{AnyFileEventQuery, FileEventQuery, FileEventVersion, FilterGroup, V1, V2};
use code42::wire::forensic_search::types::{FileEventV1, FileEventV2};
use code42::{Client, Cursor, Pager};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use time::OffsetDateTime;

use crate::exit::{Usage, usage};
use crate::files::{CursorFile, Output};
use crate::interrupt::{self, Interrupted, Stoppable};
use crate::output::{Format, Listing};
use crate::progress::Progress;
use crate::when::TimeRange;

#[derive(Subcommand, Debug)]
pub enum FileEventsCommand {
    /// Every file event matching a query (filters, a JSON query, or a saved search).
    Search(Box<SearchArgs>),
    /// Saved searches.
    SavedSearches {
        /// The v1 data model (default v2).
        #[arg(long)]
        v1: bool,
    },
    /// Download the file an event names, by hash.
    Download(DownloadArgs),
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// A query as JSON (what py42 or the console posts); its `srtKey` says v1 or v2.
    #[arg(long, value_name = "FILE", conflicts_with = "saved_search")]
    query_json: Option<PathBuf>,
    /// The query of this saved search.
    #[arg(long, value_name = "ID")]
    saved_search: Option<String>,
    /// Use the v1 data model (filters use v1 terms).
    #[arg(long)]
    v1: bool,
    /// Events in this range (`--within` stays relative: a cursor saved with it resumes).
    #[command(flatten)]
    time: TimeRange,
    /// Events by this user (email); repeat for any of several.
    #[arg(long, value_name = "EMAIL")]
    user: Vec<String>,
    /// Events on a file with this name; repeatable.
    #[arg(long, value_name = "NAME")]
    file_name: Vec<String>,
    /// Events on the file with this SHA-256.
    #[arg(long)]
    sha256: Option<String>,
    /// Events on the file with this MD5.
    #[arg(long)]
    md5: Option<String>,
    /// Event action (v2, e.g. `file-downloaded`) or event type (v1, e.g. `CREATED`); repeatable.
    #[arg(long)]
    action: Vec<String>,
    /// Exposure type (v1 only, e.g. `RemovableMedia`); repeatable.
    #[arg(long)]
    exposure: Vec<String>,
    /// Destination category (e.g. `Cloud Storage`); repeatable.
    #[arg(long)]
    category: Vec<String>,
    /// Risk severity; repeatable.
    #[arg(long, value_enum, ignore_case = true)]
    severity: Vec<Severity>,
    /// Events per request (at most 10,000).
    #[arg(long, default_value_t = 10_000)]
    page_size: u32,
    /// Stop after this many events.
    #[arg(long)]
    limit: Option<usize>,
    /// Resume from this file, and save the position after the last event written to it (at
    /// most about once a second, and at the end, Ctrl-C included).
    #[arg(long, value_name = "FILE")]
    cursor: Option<PathBuf>,
    /// Do not fetch the next page while the current one is written.
    #[arg(long)]
    no_prefetch: bool,
}

#[derive(Args, Debug)]
pub struct DownloadArgs {
    /// SHA-256 of the file.
    #[arg(long, required_unless_present = "md5", conflicts_with = "md5")]
    sha256: Option<String>,
    /// MD5 of the file.
    #[arg(long)]
    md5: Option<String>,
}

/// Risk severities a person types (any letter case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Severity {
    /// No risk indicated.
    NoRiskIndicated,
    /// Low.
    Low,
    /// Moderate.
    Moderate,
    /// High.
    High,
    /// Critical.
    Critical,
}

impl Severity {
    /// The service's name.
    fn wire(self) -> &'static str {
        match self {
            Severity::NoRiskIndicated => "NO_RISK_INDICATED",
            Severity::Low => "LOW",
            Severity::Moderate => "MODERATE",
            Severity::High => "HIGH",
            Severity::Critical => "CRITICAL",
        }
    }
}

pub fn run(
    client: &Client,
    command: FileEventsCommand,
    gateway: bool,
    format: Format,
    out: &mut Output,
) -> Result<()> {
    match command {
        FileEventsCommand::Search(args) => search(client, &args, gateway, format, out),
        FileEventsCommand::SavedSearches { .. } if gateway => {
            bail!(usage(
                "--gateway: `file-events saved-searches` has no gateway form in c42 yet"
            ))
        }
        FileEventsCommand::SavedSearches { v1 } => {
            let saved = client.file_events().saved_searches();
            let searches = if v1 {
                saved.list::<V1>()
            } else {
                saved.list::<V2>()
            }
            .context("listing the saved searches")?;
            let mut listing = Listing::new(format, out, &["id", "name", "notes"], "searches")?;
            for s in &searches {
                let text = |v: &Option<String>| v.clone().unwrap_or_default();
                listing.item(s, vec![text(&s.id), text(&s.name), text(&s.notes)])?;
            }
            listing.finish().map(drop)
        }
        FileEventsCommand::Download(args) => download(client, &args, gateway, out),
    }
}

fn download(client: &Client, args: &DownloadArgs, gateway: bool, out: &mut Output) -> Result<()> {
    let events = client.file_events();
    let mut w = Stoppable(&mut *out);
    let (hash, bytes) = match (&args.sha256, &args.md5) {
        // The gateway's files API: one streamed request, the SHA-256 of what was written checked.
        (Some(sha256), _) if gateway => (
            sha256,
            client.incydr().files().download_by_sha256(sha256, &mut w),
        ),
        (None, Some(_)) if gateway => {
            bail!(usage("--gateway downloads by --sha256 only"))
        }
        (Some(sha256), _) => (sha256, events.download_by_sha256(sha256, &mut w)),
        (None, Some(md5)) => (md5, events.download_by_md5(md5, &mut w)),
        (None, None) => bail!(usage("give --sha256 or --md5")),
    };
    let bytes = bytes.with_context(|| format!("downloading the file {hash}"))?;
    if !crate::progress::quiet() && !out.is_stdout() {
        eprintln!("c42: {bytes} bytes written to {}", out.describe());
    }
    Ok(())
}

/// What `--cursor FILE` holds: the query, so that a cursor is never used with another one.
#[derive(Serialize, Deserialize)]
struct SavedCursor {
    version: String,
    query: serde_json::Value,
    cursor: Cursor,
}

fn search(
    client: &Client,
    args: &SearchArgs,
    gateway: bool,
    format: Format,
    out: &mut Output,
) -> Result<()> {
    if gateway && args.v1 {
        bail!(usage(
            "--gateway serves the v2 data model only: leave out --v1"
        ));
    }
    // Everything about files and flags is checked before the first request.
    let range = args.time.resolve(OffsetDateTime::now_utc())?;
    let cursor = match &args.cursor {
        Some(path) => Some(CursorFile::open(path)?),
        None => None,
    };
    let query_text = match &args.query_json {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("reading the query file {}", path.display()))?,
        ),
        None => None,
    };
    let query = if let (Some(text), Some(path)) = (&query_text, &args.query_json) {
        AnyFileEventQuery::from_json(text)
            .with_context(|| format!("reading the query file {}", path.display()))?
    } else if let (Some(id), true) = (&args.saved_search, gateway) {
        client
            .incydr()
            .file_events()
            .saved_searches()
            .query(id, args.page_size)
            .map(AnyFileEventQuery::V2)
            .with_context(|| format!("reading the saved search {id}"))?
    } else if let Some(id) = &args.saved_search {
        let saved = client.file_events().saved_searches();
        let query = if args.v1 {
            saved
                .query::<V1>(id, args.page_size)
                .map(AnyFileEventQuery::V1)
        } else {
            saved
                .query::<V2>(id, args.page_size)
                .map(AnyFileEventQuery::V2)
        };
        query.with_context(|| format!("reading the saved search {id}"))?
    } else if args.v1 {
        AnyFileEventQuery::V1(FileEventQuery::new())
    } else {
        AnyFileEventQuery::V2(FileEventQuery::new())
    };
    match query {
        AnyFileEventQuery::V1(_) if gateway => {
            bail!(usage(
                "--gateway serves the v2 data model only: the query is v1"
            ))
        }
        AnyFileEventQuery::V1(q) => run_search::<V1>(
            client,
            false,
            with_filters(q, args, &range, true)?,
            args,
            cursor,
            format,
            out,
        ),
        AnyFileEventQuery::V2(q) => run_search::<V2>(
            client,
            gateway,
            with_filters(q, args, &range, false)?,
            args,
            cursor,
            format,
            out,
        ),
        _ => bail!(usage("the query file has an unknown data model")),
    }
}

/// The filter flags as groups, in the data model's terms.
fn with_filters<V: FileEventVersion>(
    mut query: FileEventQuery<V>,
    args: &SearchArgs,
    range: &crate::when::Range,
    v1: bool,
) -> Result<FileEventQuery<V>> {
    let time = if v1 {
        v1::event_timestamp()
    } else {
        v2::timestamp::timestamp()
    };
    match range.within {
        // Relative on the server, so that the query (and a cursor saved with it) stays the same.
        Some(d) => query = query.group(time.within_the_last(WithinTheLast::from(d))),
        None => {
            if let Some(t) = range.since {
                query = query.group(time.on_or_after(t));
            }
        }
    }
    if let Some(t) = range.until {
        query = query.group(time.on_or_before(t));
    }
    type Build = fn(Vec<&str>) -> FilterGroup;
    let severities: Vec<String> = args.severity.iter().map(|s| s.wire().to_owned()).collect();
    let lists: [(&[String], Build, Build); 5] = [
        (
            &args.user,
            |v| v1::device_username().is_in(v),
            |v| v2::user::email().is_in(v),
        ),
        (
            &args.file_name,
            |v| v1::file_name().is_in(v),
            |v| v2::file::name().is_in(v),
        ),
        (
            &args.action,
            |v| v1::event_type().is_in(v.into_iter().map(fe::EventTypeV1::from)),
            |v| v2::event::action().is_in(v.into_iter().map(fe::EventAction::from)),
        ),
        (
            &args.category,
            |v| v1::destination_category().is_in(v.into_iter().map(fe::DestinationCategory::from)),
            |v| v2::destination::category().is_in(v.into_iter().map(fe::DestinationCategory::from)),
        ),
        (
            &severities,
            |v| v1::risk_severity().is_in(v.into_iter().map(fe::RiskSeverity::from)),
            |v| v2::risk::severity().is_in(v.into_iter().map(fe::RiskSeverity::from)),
        ),
    ];
    for (values, v1_group, v2_group) in lists {
        if !values.is_empty() {
            let build = if v1 { v1_group } else { v2_group };
            query = query.group(build(strs(values)));
        }
    }
    if !args.exposure.is_empty() {
        if !v1 {
            bail!(usage(
                "--exposure is a v1 term; use --action with v2 (or --v1)"
            ));
        }
        query = query.group(
            v1::exposure_type().is_in(
                strs(&args.exposure)
                    .into_iter()
                    .map(fe::ExposureTypeV1::from),
            ),
        );
    }
    if let Some(h) = &args.sha256 {
        query = query.group(if v1 {
            v1::sha256().eq(h)
        } else {
            v2::file::sha256().eq(h)
        });
    }
    if let Some(h) = &args.md5 {
        query = query.group(if v1 {
            v1::md5().eq(h)
        } else {
            v2::file::md5().eq(h)
        });
    }
    let query = query.page_size(args.page_size);
    query.validate()?;
    Ok(query)
}

fn strs(values: &[String]) -> Vec<&str> {
    values.iter().map(String::as_str).collect()
}

/// What CSV, table and CEF show of an event, for both data models.
pub trait EventRow {
    /// The CSV / table cells, in [`COLUMNS`] order.
    fn cells(&self) -> Vec<String>;
    /// `(signature id, event name, severity, extension key-value pairs)`.
    fn cef(&self) -> (String, String, u8, Vec<(&'static str, String)>);
}

/// CSV and table columns.
pub const COLUMNS: &[&str] = &[
    "timestamp",
    "eventId",
    "action",
    "user",
    "deviceUid",
    "fileName",
    "directory",
    "sizeInBytes",
    "sha256",
    "category",
    "source",
    "destinationCategory",
    "destinationName",
    "riskScore",
    "riskSeverity",
];

fn text(v: Option<&str>) -> String {
    v.unwrap_or_default().to_owned()
}

fn number(v: Option<i64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

/// Milliseconds since the epoch, as CEF wants times.
fn epoch_ms(t: Option<&code42::Timestamp>) -> Option<String> {
    t.map(|t| (t.instant().unix_timestamp_nanos() / 1_000_000).to_string())
}

fn severity(s: Option<&str>) -> u8 {
    match s {
        Some("NO_RISK_INDICATED") => 0,
        Some("LOW") => 3,
        Some("MODERATE") => 5,
        Some("HIGH") => 7,
        Some("CRITICAL") => 9,
        _ => 5,
    }
}

fn signature(name: &str) -> &'static str {
    match name {
        "CREATED" => "C42200",
        "MODIFIED" => "C42201",
        "DELETED" => "C42202",
        "READ_BY_APP" | "application-read" => "C42203",
        "EMAILED" | "file-emailed" => "C42204",
        n if n.ends_with("-created") => "C42200",
        n if n.ends_with("-modified") => "C42201",
        n if n.ends_with("-deleted") => "C42202",
        _ => "C42000",
    }
}

impl EventRow for FileEventV2 {
    fn cells(&self) -> Vec<String> {
        let event = self.event.as_ref();
        let user = self.user.as_ref();
        let file = self.file.as_ref();
        let destination = self.destination.as_ref();
        let risk = self.risk.as_ref();
        vec![
            text(self.timestamp.as_ref().map(|t| t.as_str())),
            text(event.and_then(|e| e.id.as_deref())),
            text(event.and_then(|e| e.action.as_ref()).map(|a| a.as_str())),
            text(user.and_then(|u| u.email.as_deref())),
            text(user.and_then(|u| u.device_uid.as_deref())),
            text(file.and_then(|f| f.name.as_deref())),
            text(file.and_then(|f| f.directory.as_deref())),
            number(file.and_then(|f| f.size_in_bytes)),
            text(
                file.and_then(|f| f.hash.as_ref())
                    .and_then(|h| h.sha256.as_deref()),
            ),
            text(file.and_then(|f| f.category.as_ref()).map(|c| c.as_str())),
            text(event.and_then(|e| e.observer.as_ref()).map(|o| o.as_str())),
            text(
                destination
                    .and_then(|d| d.category.as_ref())
                    .map(|c| c.as_str()),
            ),
            text(destination.and_then(|d| d.name.as_deref())),
            number(risk.and_then(|r| r.score)),
            text(risk.and_then(|r| r.severity.as_ref()).map(|s| s.as_str())),
        ]
    }

    fn cef(&self) -> (String, String, u8, Vec<(&'static str, String)>) {
        let event = self.event.as_ref();
        let user = self.user.as_ref();
        let file = self.file.as_ref();
        let source = self.source.as_ref();
        let destination = self.destination.as_ref();
        let process = self.process.as_ref();
        let media = destination.and_then(|d| d.removable_media.as_ref());
        let action = text(event.and_then(|e| e.action.as_ref()).map(|a| a.as_str()));
        let mut ext: Vec<(&'static str, Option<String>)> = vec![
            ("externalId", event.and_then(|e| e.id.clone())),
            ("end", epoch_ms(self.timestamp.as_ref())),
            ("rt", epoch_ms(event.and_then(|e| e.inserted.as_ref()))),
            ("suser", user.and_then(|u| u.email.clone())),
            ("suid", user.and_then(|u| u.id.clone())),
            ("deviceExternalId", user.and_then(|u| u.device_uid.clone())),
            ("shost", source.and_then(|s| s.domain.clone())),
            ("src", source.and_then(|s| s.ip.clone())),
            ("fname", file.and_then(|f| f.name.clone())),
            ("filePath", file.and_then(|f| f.directory.clone())),
            (
                "fsize",
                file.and_then(|f| f.size_in_bytes).map(|n| n.to_string()),
            ),
            (
                "fileHash",
                file.and_then(|f| f.hash.as_ref())
                    .and_then(|h| h.md5.clone()),
            ),
            (
                "fileType",
                file.and_then(|f| f.category.as_ref())
                    .map(|c| c.to_string()),
            ),
            (
                "fileCreateTime",
                epoch_ms(file.and_then(|f| f.created.as_ref())),
            ),
            (
                "fileModificationTime",
                epoch_ms(file.and_then(|f| f.modified.as_ref())),
            ),
            ("sproc", process.and_then(|p| p.executable.clone())),
            ("spriv", process.and_then(|p| p.owner.clone())),
            (
                "sourceServiceName",
                event
                    .and_then(|e| e.observer.as_ref())
                    .map(|o| o.to_string()),
            ),
            (
                "destinationServiceName",
                destination.and_then(|d| d.name.clone()),
            ),
            (
                "reason",
                destination
                    .and_then(|d| d.category.as_ref())
                    .map(|c| c.to_string()),
            ),
            (
                "request",
                destination
                    .and_then(|d| d.tabs.as_ref())
                    .and_then(|t| t.first())
                    .and_then(|t| t.url.clone()),
            ),
            (
                "duser",
                destination
                    .and_then(|d| d.email.as_ref())
                    .and_then(|e| e.recipients.as_ref())
                    .map(|r| r.join(",")),
            ),
        ];
        ext.extend(removable_media(
            media.and_then(|m| m.bus_type.clone()),
            media.and_then(|m| m.capacity),
            media.and_then(|m| m.name.clone()),
            media.and_then(|m| m.serial_number.clone()),
            media.and_then(|m| m.vendor.clone()),
        ));
        let severity = severity(
            self.risk
                .as_ref()
                .and_then(|r| r.severity.as_ref())
                .map(|s| s.as_str()),
        );
        (
            signature(&action).to_owned(),
            if action.is_empty() {
                "UNKNOWN".into()
            } else {
                action
            },
            severity,
            present(ext),
        )
    }
}

impl EventRow for FileEventV1 {
    fn cells(&self) -> Vec<String> {
        vec![
            text(self.event_timestamp.as_ref().map(|t| t.as_str())),
            text(self.event_id.as_deref()),
            text(self.event_type.as_ref().map(|t| t.as_str())),
            text(self.device_user_name.as_deref()),
            text(self.device_uid.as_deref()),
            text(self.file_name.as_deref()),
            text(self.file_path.as_deref()),
            number(self.file_size),
            text(self.sha256_checksum.as_deref()),
            text(self.file_category.as_ref().map(|c| c.as_str())),
            text(self.source.as_ref().map(|s| s.as_str())),
            text(self.destination_category.as_ref().map(|c| c.as_str())),
            text(self.destination_name.as_deref()),
            number(self.risk_score),
            text(self.risk_severity.as_ref().map(|s| s.as_str())),
        ]
    }

    fn cef(&self) -> (String, String, u8, Vec<(&'static str, String)>) {
        let list =
            |v: &Option<Vec<String>>| v.as_ref().filter(|l| !l.is_empty()).map(|l| l.join(","));
        let mut ext: Vec<(&'static str, Option<String>)> = vec![
            ("externalId", self.event_id.clone()),
            ("end", epoch_ms(self.event_timestamp.as_ref())),
            ("rt", epoch_ms(self.insertion_timestamp.as_ref())),
            ("suser", self.device_user_name.clone()),
            ("suid", self.user_uid.clone()),
            ("deviceExternalId", self.device_uid.clone()),
            ("dvchost", self.domain_name.clone()),
            ("shost", self.os_host_name.clone()),
            ("src", self.public_ip_address.clone()),
            ("fname", self.file_name.clone()),
            ("filePath", self.file_path.clone()),
            ("fsize", self.file_size.map(|n| n.to_string())),
            ("fileHash", self.md5_checksum.clone()),
            (
                "fileType",
                self.file_category.as_ref().map(|c| c.to_string()),
            ),
            ("fileCreateTime", epoch_ms(self.create_timestamp.as_ref())),
            (
                "fileModificationTime",
                epoch_ms(self.modify_timestamp.as_ref()),
            ),
            ("sproc", self.process_name.clone()),
            ("spriv", self.process_owner.clone()),
            (
                "sourceServiceName",
                self.source.as_ref().map(|s| s.to_string()),
            ),
            (
                "destinationServiceName",
                self.sync_destination.as_ref().map(|s| s.to_string()),
            ),
            (
                "reason",
                self.exposure
                    .as_ref()
                    .filter(|e| !e.is_empty())
                    .map(|e| e.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(",")),
            ),
            ("request", self.tab_url.clone()),
            ("duser", list(&self.email_recipients)),
        ];
        ext.extend(removable_media(
            self.removable_media_bus_type.clone(),
            self.removable_media_capacity,
            self.removable_media_name.clone(),
            self.removable_media_serial_number.clone(),
            self.removable_media_vendor.clone(),
        ));
        let name = self
            .event_type
            .as_ref()
            .map_or_else(|| "UNKNOWN".to_owned(), |t| t.to_string());
        (
            signature(&name).to_owned(),
            name,
            severity(self.risk_severity.as_ref().map(|s| s.as_str())),
            present(ext),
        )
    }
}

/// code42cli's custom fields for removable media, with their labels.
fn removable_media(
    bus: Option<String>,
    capacity: Option<i64>,
    name: Option<String>,
    serial: Option<String>,
    vendor: Option<String>,
) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("cs1", bus.clone()),
        (
            "cs1Label",
            bus.map(|_| "Code42AEDRemovableMediaBusType".into()),
        ),
        ("cn1", capacity.map(|c| c.to_string())),
        (
            "cn1Label",
            capacity.map(|_| "Code42AEDRemovableMediaCapacity".into()),
        ),
        ("cs2", vendor.clone()),
        (
            "cs2Label",
            vendor.map(|_| "Code42AEDRemovableMediaVendor".into()),
        ),
        ("cs3", name.clone()),
        (
            "cs3Label",
            name.map(|_| "Code42AEDRemovableMediaName".into()),
        ),
        ("cs4", serial.clone()),
        (
            "cs4Label",
            serial.map(|_| "Code42AEDRemovableMediaSerialNumber".into()),
        ),
    ]
}

fn present(ext: Vec<(&'static str, Option<String>)>) -> Vec<(&'static str, String)> {
    ext.into_iter()
        .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (k, v)))
        .collect()
}

/// One CEF line (escaped: `\` and `|` in the header, `\`, `=` and line breaks in values).
pub fn cef_line(event: &impl EventRow) -> String {
    let header = |s: &str| s.replace('\\', "\\\\").replace('|', "\\|");
    let value = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('=', "\\=")
            .replace('\r', "\\r")
            .replace('\n', "\\n")
    };
    let (signature, name, severity, ext) = event.cef();
    let extension: Vec<String> = ext
        .iter()
        .map(|(k, v)| format!("{k}={}", value(v)))
        .collect();
    format!(
        "CEF:0|Code42|Advanced Exfiltration Detection|1|{}|{}|{severity}|{}",
        header(&signature),
        header(&name),
        extension.join(" ")
    )
}

fn run_search<V: FileEventVersion>(
    client: &Client,
    gateway: bool,
    query: FileEventQuery<V>,
    args: &SearchArgs,
    cursor: Option<(CursorFile, Option<String>)>,
    format: Format,
    out: &mut Output,
) -> Result<()>
where
    V::Event: EventRow,
{
    if cursor.is_some() && format == Format::Table {
        // A table is printed at the end: a cursor saved meanwhile would cover unwritten rows.
        bail!(usage(
            "--cursor needs a format written event by event: --format jsonl, json, csv or cef"
        ));
    }
    let (file, saved) = match cursor {
        Some((file, text)) => {
            let saved = match text {
                Some(text) => {
                    let saved: SavedCursor = serde_json::from_str(&text).with_context(|| {
                        Usage(format!(
                            "reading the cursor file {}: not a c42 file-event cursor",
                            file.path().display()
                        ))
                    })?;
                    if saved.version != V::NAME || saved.query != query.to_json() {
                        bail!(usage(format!(
                            "the cursor file {} was saved for another query",
                            file.path().display()
                        )));
                    }
                    Some(saved.cursor)
                }
                None => None,
            };
            (Some(file), saved)
        }
        None => (None, None),
    };
    let mut saver = Saver {
        file,
        version: V::NAME,
        query: query.to_json(),
    };
    let events = client.file_events();
    // The console's forensic search, or the same v2 search on the Incydr API gateway (the query
    // is the same wire type; the gateway's events decode as `V::Event`, which is v2 here).
    let open = |query: &FileEventQuery<V>| -> Result<Pager<V::Event>> {
        if gateway {
            let query = FileEventQuery::<V2>::from_wire(query.as_wire().clone());
            Ok(client
                .incydr()
                .file_events()
                .search(&query)
                .context("searching file events on the gateway")?
                .decode_as())
        } else {
            Ok(events.search(query).context("searching file events")?)
        }
    };
    let limit = args.limit.unwrap_or(usize::MAX);
    let prefetch = !args.no_prefetch;
    let searching = || "searching file events";
    match format {
        Format::Jsonl | Format::Json => {
            // The events as the service sent them.
            let pager: Pager<Box<RawValue>> = open(&query)?.decode_as();
            let pager = match &saved {
                Some(cursor) => pager.resume(cursor).context(searching())?,
                None => pager,
            };
            let mut sink = Listed(Listing::new(format, out, COLUMNS, "events")?, no_cells);
            drain(pager.prefetch(prefetch), limit, &mut sink, &mut saver)
        }
        Format::Csv | Format::Table => {
            let pager = open(&query)?;
            let pager = match &saved {
                Some(cursor) => pager.resume(cursor).context(searching())?,
                None => pager,
            };
            let mut sink = Listed(
                Listing::new(format, out, COLUMNS, "events")?,
                |e: &V::Event| e.cells(),
            );
            drain(pager.prefetch(prefetch), limit, &mut sink, &mut saver)
        }
        Format::Cef => {
            let pager = open(&query)?;
            let pager = match &saved {
                Some(cursor) => pager.resume(cursor).context(searching())?,
                None => pager,
            };
            let mut sink = Cef {
                out,
                progress: Progress::new("events"),
            };
            drain(pager.prefetch(prefetch), limit, &mut sink, &mut saver)
        }
    }
}

/// JSON forms need no cells.
fn no_cells<T>(_: &T) -> Vec<String> {
    Vec::new()
}

/// Where `drain` writes events.
trait Sink<T> {
    /// Writes one event (whole, or not at all as far as a later reader is concerned).
    fn write(&mut self, event: T) -> Result<()>;
    /// The progress display.
    fn progress(&mut self) -> &mut Progress;
    /// Writes out what is buffered; a file output is renamed into place.
    fn commit(&mut self) -> Result<()>;
    /// Ends the output (a JSON array is closed, a table printed), then commits.
    fn close(&mut self) -> Result<()>;
}

/// A [`Listing`] and how an event becomes a listing item.
struct Listed<'a, F>(Listing<&'a mut Output>, F);

impl<T: Serialize, F: Fn(&T) -> Vec<String>> Sink<T> for Listed<'_, F> {
    fn write(&mut self, event: T) -> Result<()> {
        let cells = (self.1)(&event);
        // `drain` checks for interruptions itself, between events.
        self.0.item_always(&event, cells)
    }
    fn progress(&mut self) -> &mut Progress {
        self.0.progress()
    }
    fn commit(&mut self) -> Result<()> {
        self.0.flush()?;
        self.0.out().commit()
    }
    fn close(&mut self) -> Result<()> {
        self.0.close()?;
        self.0.out().commit()
    }
}

/// CEF lines.
struct Cef<'a> {
    out: &'a mut Output,
    progress: Progress,
}

impl<T: EventRow> Sink<T> for Cef<'_> {
    fn write(&mut self, event: T) -> Result<()> {
        use std::io::Write;
        self.out
            .write_all(format!("{}\n", cef_line(&event)).as_bytes())
            .context("writing the output")?;
        self.progress.inc(1);
        Ok(())
    }
    fn progress(&mut self) -> &mut Progress {
        &mut self.progress
    }
    fn commit(&mut self) -> Result<()> {
        self.out.commit()
    }
    fn close(&mut self) -> Result<()> {
        self.progress.finish();
        self.out.commit()
    }
}

/// The `--cursor` file and what it is saved with.
struct Saver {
    file: Option<CursorFile>,
    version: &'static str,
    query: serde_json::Value,
}

impl Saver {
    /// Saves `cursor` (after the output was committed: the output always holds at least what
    /// the cursor covers).
    fn save(&mut self, cursor: Cursor) -> Result<()> {
        let Some(file) = &mut self.file else {
            return Ok(());
        };
        let saved = SavedCursor {
            version: self.version.to_owned(),
            query: self.query.clone(),
            cursor,
        };
        let text = serde_json::to_string_pretty(&saved).context("formatting the cursor")? + "\n";
        file.save(&text)
    }

    fn due(&self) -> bool {
        self.file.as_ref().is_some_and(CursorFile::due)
    }
}

/// Writes up to `limit` events, checking for Ctrl-C before each. With a cursor file: commits
/// the output and saves the cursor at most about once a second and when the run ends (done,
/// interrupted, limit, or a failed request); a failed write saves nothing more.
fn drain<T: serde::de::DeserializeOwned>(
    mut pager: Pager<T>,
    limit: usize,
    sink: &mut impl Sink<T>,
    saver: &mut Saver,
) -> Result<()> {
    let mut count = 0;
    let mut failure: Option<anyhow::Error> = None;
    let mut interrupted = false;
    while count < limit {
        if interrupt::requested() {
            interrupted = true;
            break;
        }
        let event = match pager.next() {
            None => break,
            Some(Ok(event)) => event,
            Some(Err(e)) => {
                failure = Some(anyhow!(e).context("searching file events"));
                break;
            }
        };
        sink.write(event)?;
        count += 1;
        sink.progress().set_total(pager.total());
        if saver.due() {
            sink.commit()?;
            saver.save(pager.cursor())?;
        }
    }
    match failure {
        // Without a cursor, a failed run leaves an -o FILE as it was.
        Some(e) if saver.file.is_none() => Err(e),
        Some(e) => {
            sink.close()?;
            saver.save(pager.cursor())?;
            Err(e)
        }
        None => {
            sink.close()?;
            saver.save(pager.cursor())?;
            if interrupted {
                Err(Interrupted.into())
            } else {
                Ok(())
            }
        }
    }
}
