//! Output formats shared by every subcommand: `table`, `json`, `jsonl` and `csv`.

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use code42::Error;
use serde::Serialize;

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns.
    Table,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header line.
    Csv,
    /// ArcSight Common Event Format, one event per line (`file-events search` only).
    Cef,
}

impl Format {
    /// The default: a table for people, JSON lines for pipes.
    pub fn default_for_stdout() -> Format {
        if std::io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Jsonl
        }
    }
}

/// Prints a listing item by item: JSON forms stream, a table is aligned at the end.
pub struct Listing<W: Write> {
    format: Format,
    out: W,
    columns: &'static [&'static str],
    rows: Vec<Vec<String>>,
    count: usize,
    progress: indicatif::ProgressBar,
}

impl<W: Write> Listing<W> {
    /// A listing with these column names (table and CSV); `what` names the items for the
    /// progress bar shown on a terminal's stderr.
    pub fn new(
        format: Format,
        out: W,
        columns: &'static [&'static str],
        what: &str,
    ) -> Result<Self, Error> {
        let mut listing = Listing {
            format,
            out,
            columns,
            rows: Vec::new(),
            count: 0,
            progress: progress_bar(what),
        };
        match format {
            Format::Cef => {
                return Err(Error::invalid(
                    "format",
                    "cef is for `file-events search` only",
                ));
            }
            Format::Json => listing.write("[")?,
            Format::Csv => listing.csv_line(columns.iter().map(|c| c.to_string()).collect())?,
            _ => {}
        }
        Ok(listing)
    }

    /// One item: its JSON form and its table/CSV cells (in column order).
    pub fn item(&mut self, json: &impl Serialize, cells: Vec<String>) -> Result<(), Error> {
        self.progress.inc(1);
        match self.format {
            Format::Json => {
                let sep = if self.count == 0 { "\n  " } else { ",\n  " };
                let text = to_json(json)?;
                self.write(&format!("{sep}{text}"))?;
            }
            Format::Jsonl => {
                let text = to_json(json)?;
                self.write(&format!("{text}\n"))?;
            }
            Format::Csv => self.csv_line(cells)?,
            Format::Table => self.rows.push(cells),
            Format::Cef => {}
        }
        self.count += 1;
        Ok(())
    }

    /// Ends the listing; returns how many items it had.
    pub fn finish(mut self) -> Result<usize, Error> {
        self.progress.finish_and_clear();
        match self.format {
            Format::Json => self.write(if self.count == 0 { "]\n" } else { "\n]\n" })?,
            Format::Table => {
                let rows = std::mem::take(&mut self.rows);
                let header: Vec<String> = self.columns.iter().map(|c| c.to_string()).collect();
                let mut widths: Vec<usize> = header.iter().map(|c| c.chars().count()).collect();
                for row in &rows {
                    for (w, cell) in widths.iter_mut().zip(row) {
                        *w = (*w).max(cell.chars().count());
                    }
                }
                for row in std::iter::once(&header).chain(&rows) {
                    let padded: Vec<String> = row
                        .iter()
                        .zip(&widths)
                        .map(|(c, w)| format!("{c:<w$}"))
                        .collect();
                    self.write(&format!("{}\n", padded.join("  ").trim_end()))?;
                }
            }
            _ => {}
        }
        self.out.flush().map_err(Error::Io)?;
        Ok(self.count)
    }

    /// Writes out what has been printed so far (not a table, which is aligned at the end).
    pub fn flush(&mut self) -> Result<(), Error> {
        self.out.flush().map_err(Error::Io)
    }

    fn csv_line(&mut self, cells: Vec<String>) -> Result<(), Error> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record(&cells)
            .map_err(|e| Error::invalid("output", e.to_string()))?;
        let bytes = writer
            .into_inner()
            .map_err(|e| Error::invalid("output", e.to_string()))?;
        self.out.write_all(&bytes).map_err(Error::Io)
    }

    fn write(&mut self, text: &str) -> Result<(), Error> {
        self.out.write_all(text.as_bytes()).map_err(Error::Io)
    }
}

/// Prints one record: JSON forms print the object, table and CSV print its fields.
pub fn record(
    format: Format,
    out: &mut impl Write,
    json: &impl Serialize,
    fields: &[(&str, String)],
) -> Result<(), Error> {
    let text = match format {
        Format::Cef => {
            return Err(Error::invalid(
                "format",
                "cef is for `file-events search` only",
            ));
        }
        Format::Json => {
            serde_json::to_string_pretty(json)
                .map_err(|e| Error::invalid("output", e.to_string()))?
                + "\n"
        }
        Format::Jsonl => to_json(json)? + "\n",
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let csv_error = |e: csv::Error| Error::invalid("output", e.to_string());
            writer
                .write_record(fields.iter().map(|(k, _)| *k))
                .map_err(csv_error)?;
            writer
                .write_record(fields.iter().map(|(_, v)| v))
                .map_err(csv_error)?;
            let bytes = writer
                .into_inner()
                .map_err(|e| Error::invalid("output", e.to_string()))?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Format::Table => {
            let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            fields
                .iter()
                .map(|(k, v)| format!("{k:<width$}  {v}\n"))
                .collect()
        }
    };
    out.write_all(text.as_bytes()).map_err(Error::Io)
}

fn to_json(value: &impl Serialize) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error::invalid("output", e.to_string()))
}

/// A spinner with a count and a rate on a terminal's stderr (hidden otherwise).
pub fn progress_bar(what: &str) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template(&format!(
        "{{spinner}} {{pos}} {what} ({{per_sec}})"
    )) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}
