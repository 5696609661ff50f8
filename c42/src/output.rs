//! Output formats shared by every subcommand: `table`, `json`, `jsonl`, `csv` (and `cef` for
//! file events).

use std::io::{IsTerminal, Write};

use anyhow::{Context, Result};
use clap::ValueEnum;
use serde::Serialize;

use crate::exit::usage;
use crate::interrupt;
use crate::progress::Progress;

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
    /// The default: a table for people, JSON lines for pipes and files.
    pub fn default_for(to_stdout: bool) -> Format {
        if to_stdout && std::io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Jsonl
        }
    }
}

fn write_error(e: std::io::Error) -> anyhow::Error {
    anyhow::Error::new(e).context("writing the output")
}

/// Prints a listing item by item: JSON forms stream, a table is aligned at the end. A JSON
/// array is closed however the listing ends (done, interrupted, or on an error).
pub struct Listing<W: Write> {
    format: Format,
    out: W,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
    count: usize,
    progress: Progress,
    closed: bool,
}

impl<W: Write> Listing<W> {
    /// A listing with these column names (table and CSV); `what` names the items for the
    /// progress shown on a terminal's stderr.
    pub fn new(format: Format, out: W, columns: &[&str], what: &str) -> Result<Self> {
        Self::with_columns(
            format,
            out,
            columns.iter().map(|c| (*c).to_owned()).collect(),
            what,
        )
    }

    /// [`Listing::new`] with columns known at run time.
    pub fn with_columns(format: Format, out: W, columns: Vec<String>, what: &str) -> Result<Self> {
        if format == Format::Cef {
            return Err(usage("--format cef is for `file-events search` only"));
        }
        let mut listing = Listing {
            format,
            out,
            columns,
            rows: Vec::new(),
            count: 0,
            progress: Progress::new(what),
            closed: false,
        };
        match format {
            Format::Json => listing.write("[")?,
            Format::Csv => {
                let header = listing.columns.clone();
                listing.csv_line(header)?;
            }
            _ => {}
        }
        Ok(listing)
    }

    /// The progress display (to give it the server's total).
    pub fn progress(&mut self) -> &mut Progress {
        &mut self.progress
    }

    /// One item: its JSON form and its table/CSV cells (in column order). Once an interruption
    /// was asked for, the listing is closed instead and `Interrupted` returned.
    pub fn item(&mut self, json: &impl Serialize, cells: Vec<String>) -> Result<()> {
        if interrupt::requested() {
            self.close()?;
            return Err(interrupt::Interrupted.into());
        }
        self.item_always(json, cells)
    }

    /// [`Listing::item`] even after an interruption (reports that must be complete).
    pub fn item_always(&mut self, json: &impl Serialize, cells: Vec<String>) -> Result<()> {
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
        self.progress.inc(1);
        Ok(())
    }

    /// The writer (to commit a file output while the listing goes on).
    pub fn out(&mut self) -> &mut W {
        &mut self.out
    }

    /// Ends the listing (closing a JSON array, printing a table); idempotent.
    pub fn close(&mut self) -> Result<()> {
        if self.closed {
            return Ok(());
        }
        self.closed = true;
        self.progress.finish();
        match self.format {
            Format::Json => self.write(if self.count == 0 { "]\n" } else { "\n]\n" })?,
            Format::Table => {
                let rows = std::mem::take(&mut self.rows);
                let header = self.columns.clone();
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
        self.out.flush().map_err(write_error)
    }

    /// Lists up to `limit` items of `pager` (with the server's total in the progress), then
    /// ends the listing. `what` says what failed (`listing users`).
    pub fn all<T: serde::de::DeserializeOwned + Serialize>(
        mut self,
        mut pager: code42::Pager<T>,
        limit: Option<usize>,
        what: &str,
        cells: impl Fn(&T) -> Vec<String>,
    ) -> Result<()> {
        for _ in 0..limit.unwrap_or(usize::MAX) {
            let Some(item) = pager.next() else { break };
            let item = item.with_context(|| what.to_owned())?;
            self.progress.set_total(pager.total());
            let row = cells(&item);
            self.item(&item, row)?;
        }
        self.finish().map(drop)
    }

    /// Ends the listing; returns how many items it had.
    pub fn finish(mut self) -> Result<usize> {
        self.close()?;
        Ok(self.count)
    }

    /// Writes out what has been printed so far (not a table, which is aligned at the end).
    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(write_error)
    }

    fn csv_line(&mut self, cells: Vec<String>) -> Result<()> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record(&cells)
            .context("formatting a CSV line")?;
        let bytes = writer
            .into_inner()
            .map_err(|e| anyhow::anyhow!("formatting a CSV line: {e}"))?;
        self.out.write_all(&bytes).map_err(write_error)
    }

    fn write(&mut self, text: &str) -> Result<()> {
        self.out.write_all(text.as_bytes()).map_err(write_error)
    }
}

impl<W: Write> Drop for Listing<W> {
    /// A listing ended by an error still closes its JSON array.
    fn drop(&mut self) {
        let _ = self.close();
    }
}

/// Prints one record: JSON forms print the object, table and CSV print its fields.
pub fn record(
    format: Format,
    out: &mut impl Write,
    json: &impl Serialize,
    fields: &[(&str, String)],
) -> Result<()> {
    let text = match format {
        Format::Cef => return Err(usage("--format cef is for `file-events search` only")),
        Format::Json => serde_json::to_string_pretty(json).context("formatting JSON")? + "\n",
        Format::Jsonl => to_json(json)? + "\n",
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer
                .write_record(fields.iter().map(|(k, _)| *k))
                .context("formatting CSV")?;
            writer
                .write_record(fields.iter().map(|(_, v)| v))
                .context("formatting CSV")?;
            let bytes = writer
                .into_inner()
                .map_err(|e| anyhow::anyhow!("formatting CSV: {e}"))?;
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
    out.write_all(text.as_bytes()).map_err(write_error)?;
    out.flush().map_err(write_error)
}

fn to_json(value: &impl Serialize) -> Result<String> {
    serde_json::to_string(value).context("formatting JSON")
}
