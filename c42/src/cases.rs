//! `c42 cases …`

use std::io::Write;

use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use code42::Client;
use code42::cases::{Case, CaseFileEvent, CaseFilter, CaseStatus, CaseUpdate, NewCase};

use crate::files::Output;
use crate::output::{self, Format, Listing};

#[derive(Subcommand, Debug)]
pub enum CasesCommand {
    /// List cases.
    List(ListArgs),
    /// Show one case, with its description and findings.
    Show {
        /// The case number.
        number: i64,
    },
    /// Create a case.
    Create(CreateArgs),
    /// Change a case: only the fields given change; `--clear-…` / `--unassign` empty a field.
    Update(UpdateArgs),
    /// Close a case (a closed case cannot be edited or reopened).
    Close {
        /// The case number.
        number: i64,
    },
    /// List the file events of a case.
    Events {
        /// The case number.
        number: i64,
    },
    /// Add a file event to a case.
    AddEvent {
        /// The case number.
        number: i64,
        /// The file event's id.
        event_id: String,
    },
    /// Export a case: the summary as PDF or the file activity as CSV, to `-o FILE` (`-` is
    /// stdout); an existing FILE is replaced only when the export succeeds.
    Export(ExportArgs),
}

/// Case statuses a person types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Status {
    /// Open.
    Open,
    /// Closed.
    Closed,
}

impl From<Status> for CaseStatus {
    fn from(status: Status) -> Self {
        match status {
            Status::Open => CaseStatus::Open,
            Status::Closed => CaseStatus::Closed,
        }
    }
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Only cases with this status.
    #[arg(long, value_enum, ignore_case = true)]
    status: Option<Status>,
    /// Only cases whose name contains this text.
    #[arg(long)]
    name: Option<String>,
    /// Only cases assigned to this user uid.
    #[arg(long)]
    assignee: Option<String>,
    /// Only cases about this user uid.
    #[arg(long)]
    subject: Option<String>,
    /// Cases per request.
    #[arg(long, default_value_t = code42::cases::DEFAULT_PAGE_SIZE)]
    page_size: u32,
    /// Stop after this many cases.
    #[arg(long)]
    limit: Option<usize>,
}

#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Name, unique in the tenant.
    #[arg(long)]
    name: String,
    /// Short description.
    #[arg(long)]
    description: Option<String>,
    /// Findings (markdown).
    #[arg(long)]
    findings: Option<String>,
    /// User uid of the person investigated.
    #[arg(long)]
    subject: Option<String>,
    /// User uid of the investigator.
    #[arg(long)]
    assignee: Option<String>,
}

#[derive(Args, Debug)]
pub struct UpdateArgs {
    /// The case number.
    number: i64,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// New description.
    #[arg(long, conflicts_with = "clear_description")]
    description: Option<String>,
    /// Clear the description.
    #[arg(long)]
    clear_description: bool,
    /// New findings (markdown).
    #[arg(long, conflicts_with = "clear_findings")]
    findings: Option<String>,
    /// Clear the findings.
    #[arg(long)]
    clear_findings: bool,
    /// New subject (a user uid).
    #[arg(long, conflicts_with = "clear_subject")]
    subject: Option<String>,
    /// Clear the subject.
    #[arg(long)]
    clear_subject: bool,
    /// New assignee (a user uid).
    #[arg(long, conflicts_with = "unassign")]
    assignee: Option<String>,
    /// Unassign the case.
    #[arg(long)]
    unassign: bool,
    /// New status.
    #[arg(long, value_enum, ignore_case = true)]
    status: Option<Status>,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The case number.
    number: i64,
    /// The summary as PDF.
    #[arg(long, required_unless_present = "csv", conflicts_with = "csv")]
    pdf: bool,
    /// The file activity as CSV.
    #[arg(long)]
    csv: bool,
}

const COLUMNS: &[&str] = &[
    "number",
    "name",
    "status",
    "subjectUsername",
    "assigneeUsername",
    "createdAt",
    "updatedAt",
];

const EVENT_COLUMNS: &[&str] = &[
    "eventId",
    "eventTimestamp",
    "fileName",
    "filePath",
    "exposure",
];

pub fn run(client: &Client, command: CasesCommand, format: Format, out: &mut Output) -> Result<()> {
    let cases = client.cases();
    match command {
        CasesCommand::List(args) => list(client, &args, format, out),
        CasesCommand::Show { number } => show(&cases.get(number)?, format, out),
        CasesCommand::Create(args) => {
            let mut case = NewCase::new(args.name);
            if let Some(v) = args.description {
                case = case.description(v);
            }
            if let Some(v) = args.findings {
                case = case.findings(v);
            }
            if let Some(v) = args.subject {
                case = case.subject(v);
            }
            if let Some(v) = args.assignee {
                case = case.assignee(v);
            }
            show(&cases.create(case)?, format, out)
        }
        CasesCommand::Update(args) => {
            let number = args.number;
            show(&cases.update(number, update(args))?, format, out)
        }
        CasesCommand::Close { number } => show(&cases.close(number)?, format, out),
        CasesCommand::Events { number } => {
            let mut listing = Listing::new(format, out, EVENT_COLUMNS, "events")?;
            for event in cases.file_events(number).list()? {
                let cells = event_cells(&event);
                listing.item(&event, cells)?;
            }
            listing.finish().map(drop)
        }
        CasesCommand::AddEvent { number, event_id } => {
            cases.file_events(number).add(&event_id)?;
            let json =
                serde_json::json!({ "caseNumber": number, "eventId": event_id, "added": true });
            let fields = [
                ("caseNumber", number.to_string()),
                ("eventId", event_id),
                ("added", "true".to_owned()),
            ];
            output::record(format, out, &json, &fields)
        }
        CasesCommand::Export(args) => export(client, &args, out),
    }
}

fn list(client: &Client, args: &ListArgs, format: Format, out: &mut impl Write) -> Result<()> {
    let mut filter = CaseFilter::new().page_size(args.page_size);
    if let Some(v) = args.status {
        filter = filter.status(v.into());
    }
    if let Some(v) = &args.name {
        filter = filter.name(v);
    }
    if let Some(v) = &args.assignee {
        filter = filter.assignee(v);
    }
    if let Some(v) = &args.subject {
        filter = filter.subject(v);
    }
    let listing = Listing::new(format, out, COLUMNS, "cases")?;
    let pager = client.cases().list(&filter).context("listing cases")?;
    listing.all(pager, args.limit, "listing cases", cells)
}

fn update(args: UpdateArgs) -> CaseUpdate {
    let mut update = CaseUpdate::new();
    if let Some(v) = args.name {
        update = update.name(v);
    }
    if let Some(v) = args.description {
        update = update.description(v);
    }
    if args.clear_description {
        update = update.clear_description();
    }
    if let Some(v) = args.findings {
        update = update.findings(v);
    }
    if args.clear_findings {
        update = update.clear_findings();
    }
    if let Some(v) = args.subject {
        update = update.subject(v);
    }
    if args.clear_subject {
        update = update.clear_subject();
    }
    if let Some(v) = args.assignee {
        update = update.assignee(v);
    }
    if args.unassign {
        update = update.unassign();
    }
    if let Some(v) = args.status {
        update = update.status(v.into());
    }
    update
}

/// Streams the export into `-o` (a temporary file renamed into place by the caller on
/// success), then says on stderr what was written.
fn export(client: &Client, args: &ExportArgs, out: &mut Output) -> Result<()> {
    let cases = client.cases();
    let mut w = crate::interrupt::Stoppable(&mut *out);
    let (what, bytes) = if args.pdf {
        let bytes = cases
            .export_summary_pdf(args.number, &mut w)
            .with_context(|| format!("exporting case {} as PDF", args.number))?;
        ("PDF", bytes)
    } else {
        let bytes = cases
            .export_file_events_csv(args.number, &mut w)
            .with_context(|| format!("exporting case {}'s file events as CSV", args.number))?;
        ("CSV", bytes)
    };
    if !crate::progress::quiet() && !out.is_stdout() {
        eprintln!(
            "c42: case {}: {what}, {bytes} bytes written to {}",
            args.number,
            out.describe()
        );
    }
    Ok(())
}

/// One case as a record: the listing's columns plus description and findings.
fn show(case: &Case, format: Format, out: &mut impl Write) -> Result<()> {
    let mut fields: Vec<(&str, String)> = COLUMNS.iter().copied().zip(cells(case)).collect();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    fields.push(("description", text(&case.description)));
    fields.push(("findings", text(&case.findings)));
    output::record(format, out, case, &fields)
}

fn cells(case: &Case) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let time = |v: &Option<code42::Timestamp>| {
        v.as_ref()
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default()
    };
    vec![
        case.number.to_string(),
        case.name.clone(),
        case.status.to_string(),
        text(&case.subject_username),
        text(&case.assignee_username),
        time(&case.created_at),
        time(&case.updated_at),
    ]
}

fn event_cells(event: &CaseFileEvent) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let exposure: Vec<&str> = event
        .exposure
        .iter()
        .flatten()
        .map(|e| e.as_str())
        .collect();
    vec![
        event.event_id.clone(),
        event
            .event_timestamp
            .as_ref()
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default(),
        text(&event.file_name),
        text(&event.file_path),
        exposure.join(";"),
    ]
}
