//! The one date/time parser of every command's `--since`, `--until` and `--within`.
//!
//! A time is RFC 3339 (`2024-03-01T10:00:00Z`, `…+02:00`), a UTC date (`2024-03-01`: its first
//! second for `--since`, its last for `--until`), a UTC date and time (`2024-03-01 10:00:00`),
//! or a duration meaning that long ago: ISO 8601 (`PT15M`, `P1D`, `P1DT2H`, `P2W`) or short
//! (`90s`, `15m`, `2h`, `3d`, `1w`). `--within D` means `--since D`. A range whose start is
//! after its end is refused before any request.

use std::time::Duration;

use anyhow::{Result, bail};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::exit::usage;

/// Which end of a range a time is: a bare date means its first or its last second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// `--since`.
    Start,
    /// `--until`.
    End,
}

/// A duration as typed: ISO 8601 (`P1DT2H`, `PT15M`, `P2W`) or short (`2h`, `3d`, `15m`, `90s`,
/// `1w`).
pub fn parse_duration(text: &str) -> Option<Duration> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(rest) = t.strip_prefix(['P', 'p']) {
        return iso_duration(rest);
    }
    let split = t.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = t.split_at(split);
    let n: u64 = number.parse().ok()?;
    let seconds = match unit.to_ascii_lowercase().as_str() {
        "s" => 1,
        "m" | "min" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        _ => return None,
    };
    n.checked_mul(seconds).map(Duration::from_secs)
}

/// ISO 8601 after the `P`: `nW`, or `nD` and/or `T` with `nH`, `nM`, `nS` (integers; no years
/// or months, whose length varies).
fn iso_duration(rest: &str) -> Option<Duration> {
    let (date, time) = match rest.split_once(['T', 't']) {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return None,
        None => (rest, None),
    };
    let mut total: u64 = 0;
    let mut any = false;
    let mut add = |part: &str, units: &[(char, u64)]| -> Option<()> {
        let mut number = String::new();
        let mut last = 0usize;
        for c in part.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let position = units.iter().position(|(u, _)| u.eq_ignore_ascii_case(&c))?;
            if number.is_empty() || position < last {
                return None;
            }
            last = position + 1;
            let n: u64 = number.parse().ok()?;
            total = total.checked_add(n.checked_mul(units[position].1)?)?;
            number.clear();
            any = true;
        }
        number.is_empty().then_some(())
    };
    add(date, &[('W', 604_800), ('D', 86_400)])?;
    if let Some(time) = time {
        add(time, &[('H', 3_600), ('M', 60), ('S', 1)])?;
    }
    any.then(|| Duration::from_secs(total))
}

/// A time as typed (see the module doc), relative to `now`.
pub fn parse_time(text: &str, end: End, now: OffsetDateTime) -> Option<OffsetDateTime> {
    let t = text.trim();
    if let Ok(at) = OffsetDateTime::parse(t, &Rfc3339) {
        return Some(at);
    }
    if let Ok(day) = time::Date::parse(t, time::macros::format_description!("[year]-[month]-[day]"))
    {
        let at = match end {
            End::Start => time::Time::MIDNIGHT,
            End::End => time::Time::from_hms_milli(23, 59, 59, 999).ok()?,
        };
        return Some(day.with_time(at).assume_utc());
    }
    for format in [
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]"),
    ] {
        if let Ok(at) = time::PrimitiveDateTime::parse(t, format) {
            return Some(at.assume_utc());
        }
    }
    let ago = parse_duration(t)?;
    let ago = time::Duration::try_from(ago).ok()?;
    now.checked_sub(ago)
}

/// The `--since/--until/--within` flags, shared by every command that filters by time.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct TimeRange {
    /// At or after this time: RFC 3339, YYYY-MM-DD, "YYYY-MM-DD HH:MM:SS" (UTC), or a duration
    /// ago (2h, 3d, P1D, PT15M).
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// At or before this time (same forms; a bare date means its last second).
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Within this long before now (2h, 3d, 1w, P1D, PT15M).
    #[arg(long, value_name = "DURATION", conflicts_with = "since")]
    pub within: Option<String>,
}

/// A checked range: both ends absolute, start not after end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Range {
    /// `--since` (or now − `--within`).
    pub since: Option<OffsetDateTime>,
    /// `--until`.
    pub until: Option<OffsetDateTime>,
    /// `--within`, as given.
    pub within: Option<Duration>,
}

impl TimeRange {
    /// The flags checked against `now`: each parses, and the range is not inverted.
    pub fn resolve(&self, now: OffsetDateTime) -> Result<Range> {
        let time = |flag: &'static str, text: &Option<String>, end: End| -> Result<_> {
            text.as_deref()
                .map(|t| {
                    parse_time(t, end, now).ok_or_else(|| {
                        usage(format!(
                            "--{flag}: `{t}` is not a time (RFC 3339, YYYY-MM-DD, \
                             \"YYYY-MM-DD HH:MM:SS\", or a duration ago like 2h, 3d, P1D)"
                        ))
                    })
                })
                .transpose()
        };
        let mut since = time("since", &self.since, End::Start)?;
        let until = time("until", &self.until, End::End)?;
        let within = match &self.within {
            Some(t) => {
                let d = parse_duration(t).filter(|d| !d.is_zero()).ok_or_else(|| {
                    usage(format!(
                        "--within: `{t}` is not a duration (2h, 3d, 1w, P1D, PT15M)"
                    ))
                })?;
                since = time::Duration::try_from(d)
                    .ok()
                    .and_then(|d| now.checked_sub(d));
                if since.is_none() {
                    bail!(usage(format!("--within: `{t}` is too long")));
                }
                Some(d)
            }
            None => None,
        };
        if let (Some(s), Some(u)) = (since, until)
            && s > u
        {
            let flag = if within.is_some() {
                "--within"
            } else {
                "--since"
            };
            bail!(usage(format!(
                "the range is inverted: {flag} ({}) is after --until ({})",
                s.format(&Rfc3339).unwrap_or_default(),
                u.format(&Rfc3339).unwrap_or_default()
            )));
        }
        Ok(Range {
            since,
            until,
            within,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2024-03-10 12:00:00 UTC);

    fn at(text: &str, end: End) -> Option<OffsetDateTime> {
        parse_time(text, end, NOW)
    }

    #[test]
    fn every_form_parses() {
        assert_eq!(
            at("2024-03-01T10:00:00Z", End::Start),
            Some(datetime!(2024-03-01 10:00:00 UTC))
        );
        assert_eq!(
            at("2024-03-01T10:00:00+02:00", End::Start),
            Some(datetime!(2024-03-01 08:00:00 UTC))
        );
        assert_eq!(
            at("2024-03-01", End::Start),
            Some(datetime!(2024-03-01 00:00:00 UTC))
        );
        assert_eq!(
            at("2024-03-01", End::End),
            Some(datetime!(2024-03-01 23:59:59.999 UTC))
        );
        assert_eq!(
            at("2024-03-01 10:00:00", End::Start),
            Some(datetime!(2024-03-01 10:00:00 UTC))
        );
        assert_eq!(
            at("2h", End::Start),
            Some(datetime!(2024-03-10 10:00:00 UTC))
        );
        assert_eq!(
            at("3d", End::Start),
            Some(datetime!(2024-03-07 12:00:00 UTC))
        );
        assert_eq!(
            at("P1D", End::Start),
            Some(datetime!(2024-03-09 12:00:00 UTC))
        );
        assert_eq!(
            at("PT15M", End::End),
            Some(datetime!(2024-03-10 11:45:00 UTC))
        );
        assert_eq!(
            at("P1DT2H30M", End::Start),
            Some(datetime!(2024-03-09 09:30:00 UTC))
        );
        assert_eq!(
            at("P1W", End::Start),
            Some(datetime!(2024-03-03 12:00:00 UTC))
        );
    }

    #[test]
    fn nonsense_is_refused_without_panicking() {
        for bad in [
            "",
            "March",
            "2024-13-01",
            "P",
            "PT",
            "P1H",
            "PT1D",
            "P1M",
            "2x",
            "h",
            "-2h",
            "99999999999999999999d",
            "18446744073709551615w",
            "P18446744073709551615W",
        ] {
            assert_eq!(at(bad, End::Start), None, "{bad}");
        }
    }

    #[test]
    fn an_inverted_range_is_refused() {
        let range = |since: &str, until: &str| TimeRange {
            since: Some(since.into()),
            until: Some(until.into()),
            within: None,
        };
        assert!(range("2024-03-02", "2024-03-01").resolve(NOW).is_err());
        assert!(range("2024-03-01", "2024-03-01").resolve(NOW).is_ok());
        assert!(range("1d", "2d").resolve(NOW).is_err());
        let within = TimeRange {
            since: None,
            until: Some("2024-01-01".into()),
            within: Some("2h".into()),
        };
        let e = within.resolve(NOW).unwrap_err();
        assert!(e.to_string().contains("inverted"), "{e}");
    }
}
