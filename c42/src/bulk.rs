//! The bulk runner every `c42 <noun> bulk <verb> FILE|-` uses: a CSV with a header line in
//! (a file, or `-` for stdin), one report line per row on stdout, `--failed FILE` (the rows
//! that failed, with an `error` column, re-runnable as they are), exit 1 if any row failed,
//! and an ETA of the rows left ÷ min(observed rate, the rate limit's rate).
//!
//! A verb names its columns ([`Verb`]) and gives a function applying one [`Row`]. Columns are
//! matched by name (any letter case, surrounding spaces ignored); other columns are carried
//! into `--failed` and ignored, so a `--failed` file (with its `error` column) is re-run as is.
//! A header without a required column is a usage error (exit 2) before any request; a row
//! with a bad value fails alone. Ctrl-C stops before the next row; the rows not run go into
//! `--failed` as "not run (interrupted)".

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;

use crate::exit::usage;
use crate::files::AtomicFile;
use crate::interrupt;
use crate::output::{Format, Listing};
use crate::progress;

/// The arguments every bulk verb takes.
#[derive(Args, Debug, Clone)]
pub struct BulkArgs {
    /// CSV file with a header line (`-` reads stdin).
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// Write the rows that failed (and those not run), with an `error` column, to this CSV;
    /// it can be run again as it is.
    #[arg(long, value_name = "FILE")]
    pub failed: Option<PathBuf>,
}

/// What a bulk verb reads.
#[derive(Debug, Clone, Copy)]
pub struct Verb {
    /// `noun bulk verb`, for messages.
    pub name: &'static str,
    /// Columns every row must have.
    pub required: &'static [&'static str],
    /// Columns a row may have.
    pub optional: &'static [&'static str],
    /// Requests one row costs (for the ETA under the rate limit).
    pub requests_per_row: u32,
}

/// One CSV row.
#[derive(Debug, Clone)]
pub struct Row {
    /// Line number in the input (the header is line 1).
    pub line: u64,
    values: Vec<String>,
    /// Index of each of the verb's columns (required, then optional) in `values`.
    index: Vec<Option<usize>>,
    names: Vec<&'static str>,
}

impl Row {
    /// The value of `column` (one of the verb's), trimmed; `None` when absent or empty.
    pub fn get(&self, column: &str) -> Option<&str> {
        let at = self.names.iter().position(|n| *n == column)?;
        let value = self.values.get(self.index[at]?)?.trim();
        (!value.is_empty()).then_some(value)
    }

    /// The value of a required column; an error naming it when empty.
    pub fn require(&self, column: &str) -> Result<&str> {
        self.get(column)
            .ok_or_else(|| anyhow!("the `{column}` column is empty"))
    }
}

/// The rate-limited ETA: the rows left at the slower of the rate observed so far and the
/// rate the client's rate limit allows (`None` before any row is done).
pub fn eta(remaining: u64, observed_per_sec: f64, limit_per_sec: f64) -> Option<Duration> {
    if !(observed_per_sec > 0.0 && observed_per_sec.is_finite()) {
        return None;
    }
    let rate = if limit_per_sec > 0.0 {
        observed_per_sec.min(limit_per_sec)
    } else {
        observed_per_sec
    };
    if !(rate > 0.0 && rate.is_finite()) {
        return None;
    }
    Duration::try_from_secs_f64(remaining as f64 / rate).ok()
}

/// The input: a header and the rows.
struct Input {
    headers: Vec<String>,
    records: Vec<(u64, Vec<String>)>,
}

fn read_input(path: &Path) -> Result<Input> {
    let mut text = String::new();
    if path.as_os_str() == "-" {
        io::stdin()
            .read_to_string(&mut text)
            .context("reading the CSV from stdin")?;
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_string(&mut text))
            .with_context(|| format!("reading the CSV file {}", path.display()))?;
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::Headers)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .with_context(|| format!("reading the CSV header of {}", path.display()))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_owned())
        .collect();
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("reading the CSV {}", path.display()))?;
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line());
        records.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok(Input { headers, records })
}

/// Runs `apply` on every row of `args.file`, reporting each; see the module doc.
pub fn run(
    args: &BulkArgs,
    verb: Verb,
    rate_limit_per_minute: u32,
    format: Format,
    out: &mut impl Write,
    mut apply: impl FnMut(&Row) -> Result<()>,
) -> Result<()> {
    // Everything that can be checked is checked before the first request.
    let mut failed_file = args
        .failed
        .as_deref()
        .map(|p| AtomicFile::create(p, "--failed file"))
        .transpose()?;
    let input = read_input(&args.file)?;
    let names: Vec<&'static str> = verb.required.iter().chain(verb.optional).copied().collect();
    let index: Vec<Option<usize>> = names
        .iter()
        .map(|n| {
            input
                .headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(n))
        })
        .collect();
    let missing: Vec<&str> = verb
        .required
        .iter()
        .zip(&index)
        .filter(|(_, i)| i.is_none())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        bail!(usage(format!(
            "{}: the CSV has no {} column (its header: {}; needed: {}{})",
            verb.name,
            missing.join(", "),
            input.headers.join(","),
            verb.required.join(","),
            if verb.optional.is_empty() {
                String::new()
            } else {
                format!(", optional: {}", verb.optional.join(","))
            }
        )));
    }
    let error_column = input
        .headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("error"));
    let mut failed_headers = input.headers.clone();
    if error_column.is_none() {
        failed_headers.push("error".to_owned());
    }
    let mut failed_csv = csv::Writer::from_writer(Vec::new());
    failed_csv
        .write_record(&failed_headers)
        .context("formatting the --failed CSV")?;

    let mut columns = vec!["line".to_owned()];
    columns.extend(names.iter().map(|n| (*n).to_owned()));
    columns.extend(["status".to_owned(), "error".to_owned()]);
    let mut report = Listing::with_columns(format, &mut *out, columns, "rows")?;
    report
        .progress()
        .set_total(Some(input.records.len() as u64));

    let total = input.records.len() as u64;
    let limit_per_sec =
        f64::from(rate_limit_per_minute) / 60.0 / f64::from(verb.requests_per_row.max(1));
    let started = Instant::now();
    let (mut ok, mut failures, mut not_run) = (0u64, 0u64, 0u64);
    for (done, (line, values)) in input.records.iter().enumerate() {
        let row = Row {
            line: *line,
            values: values.clone(),
            index: index.clone(),
            names: names.clone(),
        };
        let outcome = if interrupt::requested() {
            not_run += 1;
            Err(anyhow!("not run (interrupted)"))
        } else {
            apply(&row)
        };
        let error = outcome
            .as_ref()
            .err()
            .map(crate::exit::message)
            .unwrap_or_default();
        if outcome.is_ok() {
            ok += 1;
        } else {
            if not_run == 0 {
                failures += 1;
            }
            let mut record = values.clone();
            record.resize(input.headers.len(), String::new());
            match error_column {
                Some(i) => record[i] = error.clone(),
                None => record.push(error.clone()),
            }
            failed_csv
                .write_record(&record)
                .context("formatting the --failed CSV")?;
        }
        if not_run == 0 {
            let mut json = serde_json::Map::new();
            json.insert("line".into(), row.line.into());
            let mut cells = vec![row.line.to_string()];
            for n in &names {
                let v = row.get(n).unwrap_or_default().to_owned();
                json.insert((*n).into(), v.clone().into());
                cells.push(v);
            }
            let status = if outcome.is_ok() { "ok" } else { "failed" };
            json.insert("status".into(), status.into());
            json.insert(
                "error".into(),
                if error.is_empty() {
                    serde_json::Value::Null
                } else {
                    error.clone().into()
                },
            );
            cells.extend([status.to_owned(), error]);
            // The report must not stop at an interruption: the remaining rows are listed in
            // --failed, and the report is closed below.
            report_item(&mut report, &json, cells)?;
            let finished = done as u64 + 1;
            let observed = finished as f64 / started.elapsed().as_secs_f64().max(1e-3);
            report
                .progress()
                .set_eta(eta(total - finished, observed, limit_per_sec));
        }
    }
    report.finish()?;
    if let Some(file) = failed_file.as_mut() {
        let bytes = failed_csv
            .into_inner()
            .map_err(|e| anyhow!("formatting the --failed CSV: {e}"))?;
        file.write_all(&bytes)
            .with_context(|| format!("writing the --failed file {}", file.target().display()))?;
        file.commit()?;
    }
    let where_failed = match &args.failed {
        Some(p) if failures + not_run > 0 => format!(" (listed in {})", p.display()),
        _ => String::new(),
    };
    if not_run > 0 {
        if !progress::quiet() {
            eprintln!(
                "c42: {}: {ok} ok, {failures} failed, {not_run} not run{where_failed}",
                verb.name
            );
        }
        return Err(interrupt::Interrupted.into());
    }
    if failures > 0 {
        bail!(
            "{}: {failures} of {total} rows failed{where_failed}",
            verb.name
        );
    }
    if !progress::quiet() {
        eprintln!("c42: {}: {ok} of {total} rows ok", verb.name);
    }
    Ok(())
}

/// Writes a report line even after an interruption was asked for.
fn report_item<W: Write>(
    report: &mut Listing<W>,
    json: &serde_json::Map<String, serde_json::Value>,
    cells: Vec<String>,
) -> Result<()> {
    report.item_always(json, cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eta_uses_the_slower_of_the_observed_and_the_limited_rate() {
        // 120 rows left: 10 rows/s observed, but the limit allows 2 rows/s -> 60 s.
        assert_eq!(eta(120, 10.0, 2.0), Some(Duration::from_secs(60)));
        // 120 rows left at 1 row/s observed, the limit allows 2/s -> 120 s.
        assert_eq!(eta(120, 1.0, 2.0), Some(Duration::from_secs(120)));
        assert_eq!(eta(0, 1.0, 2.0), Some(Duration::ZERO));
        assert_eq!(eta(5, 0.0, 2.0), None);
        assert_eq!(eta(5, f64::NAN, 2.0), None);
    }
}
