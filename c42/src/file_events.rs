//! `c42 file-events …`: search (every matching event, resumable), saved searches, downloads.
//!
//! `search` pulls events with page tokens (no 10,000 limit). JSON lines are the events exactly
//! as the service sent them; CSV, table and CEF (ArcSight Common Event Format, the mapping
//! code42cli used, with values escaped) are built from the typed events. With `--cursor FILE`
//! the position is saved after each page is written, and the next run with the same query
//! continues after the last event written (events written after the last save may be written
//! again after a crash; none is ever skipped).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
// Values typed on the command line go through each enum's `From<&str>` on purpose: a value this
// version does not know yet still reaches the server verbatim.
use code42::query::file_events::{self as fe, WithinTheLast, v1, v2};
use code42::query::{AnyFileEventQuery, FileEventQuery, FileEventVersion, FilterGroup, V1, V2};
use code42::wire::forensic_search::types::{FileEventV1, FileEventV2};
use code42::{Client, Cursor, Error, Pager};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::output::{self, Format, Listing};

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
    /// Events at or after this time (RFC 3339, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, UTC).
    #[arg(long, value_name = "TIME")]
    since: Option<String>,
    /// Events at or before this time.
    #[arg(long, value_name = "TIME")]
    until: Option<String>,
    /// Events within this ISO-8601 duration before now (`PT15M`, `P1D`, `P30D`).
    #[arg(long, value_name = "DURATION")]
    within: Option<String>,
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
    /// Risk severity (`LOW`, `MODERATE`, `HIGH`, `CRITICAL`); repeatable.
    #[arg(long)]
    severity: Vec<String>,
    /// Events per request (at most 10,000).
    #[arg(long, default_value_t = 10_000)]
    page_size: u32,
    /// Stop after this many events.
    #[arg(long)]
    limit: Option<usize>,
    /// Resume from this file and save the position to it after each page.
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
    /// Where to write it (`-` for stdout).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

pub fn run(
    client: &Client,
    command: FileEventsCommand,
    format: Format,
    out: &mut impl Write,
) -> Result<(), Error> {
    match command {
        FileEventsCommand::Search(args) => search(client, &args, format, out),
        FileEventsCommand::SavedSearches { v1 } => {
            let searches = if v1 {
                client.file_events().saved_searches().list::<V1>()?
            } else {
                client.file_events().saved_searches().list::<V2>()?
            };
            let mut listing = Listing::new(format, out, &["id", "name", "notes"], "searches")?;
            for s in &searches {
                let text = |v: &Option<String>| v.clone().unwrap_or_default();
                listing.item(s, vec![text(&s.id), text(&s.name), text(&s.notes)])?;
            }
            listing.finish().map(drop)
        }
        FileEventsCommand::Download(args) => download(client, &args, out),
    }
}

fn download(client: &Client, args: &DownloadArgs, stdout: &mut impl Write) -> Result<(), Error> {
    let events = client.file_events();
    let fetch = |out: &mut dyn Write| match (&args.sha256, &args.md5) {
        (Some(sha256), _) => events.download_by_sha256(sha256, &mut WriteRef(out)),
        (None, Some(md5)) => events.download_by_md5(md5, &mut WriteRef(out)),
        (None, None) => Err(Error::invalid("sha256", "give --sha256 or --md5")),
    };
    let bytes = if args.output == Path::new("-") {
        fetch(stdout)?
    } else {
        let mut file = fs::File::create(&args.output)?;
        fetch(&mut file)?
    };
    eprintln!("c42: {bytes} bytes written to {}", args.output.display());
    Ok(())
}

/// `&mut dyn Write` as a sized writer.
struct WriteRef<'a>(&'a mut dyn Write);

impl Write for WriteRef<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
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
    format: Format,
    out: &mut impl Write,
) -> Result<(), Error> {
    let query = if let Some(path) = &args.query_json {
        let text = fs::read_to_string(path)?;
        AnyFileEventQuery::from_json(&text)?
    } else if let Some(id) = &args.saved_search {
        let saved = client.file_events().saved_searches();
        if args.v1 {
            AnyFileEventQuery::V1(saved.query::<V1>(id, args.page_size)?)
        } else {
            AnyFileEventQuery::V2(saved.query::<V2>(id, args.page_size)?)
        }
    } else if args.v1 {
        AnyFileEventQuery::V1(FileEventQuery::new())
    } else {
        AnyFileEventQuery::V2(FileEventQuery::new())
    };
    match query {
        AnyFileEventQuery::V1(q) => {
            run_search::<V1>(client, with_filters(q, args, true)?, args, format, out)
        }
        AnyFileEventQuery::V2(q) => {
            run_search::<V2>(client, with_filters(q, args, false)?, args, format, out)
        }
        _ => Err(Error::invalid("query", "unknown data model")),
    }
}

/// The filter flags as groups, in the data model's terms.
fn with_filters<V: FileEventVersion>(
    mut query: FileEventQuery<V>,
    args: &SearchArgs,
    v1: bool,
) -> Result<FileEventQuery<V>, Error> {
    let time = if v1 {
        v1::event_timestamp()
    } else {
        v2::timestamp::timestamp()
    };
    if let Some(t) = &args.since {
        query = query.group(time.on_or_after(parse_time(t)?));
    }
    if let Some(t) = &args.until {
        query = query.group(time.on_or_before(parse_time(t)?));
    }
    if let Some(d) = &args.within {
        query = query.group(time.within_the_last(d.parse::<WithinTheLast>()?));
    }
    type Build = fn(Vec<&str>) -> FilterGroup;
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
            &args.severity,
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
            return Err(Error::invalid(
                "exposure",
                "is a v1 term; use --action with v2",
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

/// A time typed by a person: RFC 3339, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` (UTC).
fn parse_time(text: &str) -> Result<time::OffsetDateTime, Error> {
    let normalized = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.replacen(' ', "T", 1)
    };
    let t: code42::Timestamp = normalized
        .parse()
        .map_err(|_| Error::invalid("since/until", format!("`{text}` is not a time")))?;
    Ok(t.instant())
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
    query: FileEventQuery<V>,
    args: &SearchArgs,
    format: Format,
    out: &mut impl Write,
) -> Result<(), Error>
where
    V::Event: EventRow,
{
    let saved = match &args.cursor {
        Some(path) if path.exists() => {
            let saved: SavedCursor = serde_json::from_str(&fs::read_to_string(path)?)
                .map_err(|e| Error::invalid("cursor", format!("{}: {e}", path.display())))?;
            if saved.version != V::NAME || saved.query != query.to_json() {
                return Err(Error::invalid(
                    "cursor",
                    format!("{} was saved for another query", path.display()),
                ));
            }
            Some(saved.cursor)
        }
        _ => None,
    };
    let events = client.file_events();
    let limit = args.limit.unwrap_or(usize::MAX);
    let prefetch = !args.no_prefetch;
    let save = |cursor: Cursor| -> Result<(), Error> {
        match &args.cursor {
            Some(path) => write_cursor(path, V::NAME, &query, cursor),
            None => Ok(()),
        }
    };
    match format {
        Format::Jsonl | Format::Json => {
            // The events as the service sent them.
            let pager: Pager<Box<RawValue>> = events.search(&query)?.decode_as();
            let pager = match &saved {
                Some(cursor) => pager.resume(cursor)?,
                None => pager,
            };
            let mut sink = Listed(Listing::new(format, out, COLUMNS, "events")?, no_cells);
            drain(pager.prefetch(prefetch), limit, &mut sink, &save)?;
            sink.0.finish().map(drop)
        }
        Format::Csv | Format::Table => {
            let pager = events.search(&query)?;
            let pager = match &saved {
                Some(cursor) => pager.resume(cursor)?,
                None => pager,
            };
            let mut sink = Listed(
                Listing::new(format, out, COLUMNS, "events")?,
                |e: &V::Event| e.cells(),
            );
            drain(pager.prefetch(prefetch), limit, &mut sink, &save)?;
            sink.0.finish().map(drop)
        }
        Format::Cef => {
            let pager = events.search(&query)?;
            let pager = match &saved {
                Some(cursor) => pager.resume(cursor)?,
                None => pager,
            };
            let mut sink = Cef {
                out,
                progress: output::progress_bar("events"),
            };
            let result = drain(pager.prefetch(prefetch), limit, &mut sink, &save);
            sink.progress.finish_and_clear();
            result
        }
    }
}

/// JSON forms need no cells.
fn no_cells<T>(_: &T) -> Vec<String> {
    Vec::new()
}

/// Where `drain` writes events.
trait Sink<T> {
    fn write(&mut self, event: T) -> Result<(), Error>;
    fn flush(&mut self) -> Result<(), Error>;
}

/// A [`Listing`] and how an event becomes a listing item.
struct Listed<W: Write, F>(Listing<W>, F);

impl<W: Write, T: Serialize, F: Fn(&T) -> Vec<String>> Sink<T> for Listed<W, F> {
    fn write(&mut self, event: T) -> Result<(), Error> {
        let cells = (self.1)(&event);
        self.0.item(&event, cells)
    }
    fn flush(&mut self) -> Result<(), Error> {
        self.0.flush()
    }
}

/// CEF lines.
struct Cef<'a, W: Write> {
    out: &'a mut W,
    progress: indicatif::ProgressBar,
}

impl<W: Write, T: EventRow> Sink<T> for Cef<'_, W> {
    fn write(&mut self, event: T) -> Result<(), Error> {
        self.progress.inc(1);
        writeln!(self.out, "{}", cef_line(&event)).map_err(Error::Io)
    }
    fn flush(&mut self) -> Result<(), Error> {
        self.out.flush().map_err(Error::Io)
    }
}

/// Writes up to `limit` events; after each page (and at the end) flushes, then saves the
/// cursor.
fn drain<T: serde::de::DeserializeOwned>(
    mut pager: Pager<T>,
    limit: usize,
    sink: &mut impl Sink<T>,
    save: &dyn Fn(Cursor) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut count = 0;
    while count < limit {
        let Some(event) = pager.next() else { break };
        sink.write(event?)?;
        count += 1;
        if pager.page_consumed() {
            sink.flush()?;
            save(pager.cursor())?;
        }
    }
    sink.flush()?;
    save(pager.cursor())
}

/// Saves the cursor next to the file, then renames it over (never a half-written file).
fn write_cursor<V: FileEventVersion>(
    path: &Path,
    version: &str,
    query: &FileEventQuery<V>,
    cursor: Cursor,
) -> Result<(), Error> {
    let saved = SavedCursor {
        version: version.to_owned(),
        query: query.to_json(),
        cursor,
    };
    let text = serde_json::to_string_pretty(&saved)
        .map_err(|e| Error::invalid("cursor", e.to_string()))?;
    let tmp = path.with_extension("tmp");
    fs::write(&tmp, text + "\n")?;
    fs::rename(&tmp, path)?;
    Ok(())
}
