//! [`Timestamp`]: an instant that re-encodes exactly as it was received.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// A `date-time` on the wire: a [`time::OffsetDateTime`] plus the exact text it came from.
///
/// Decoding accepts RFC 3339 at any precision (and, leniently, a date-time without an offset,
/// read as UTC). An unchanged value is encoded back byte for byte, so a read-modify-write never
/// rewrites a timestamp the caller did not touch. New values are written as RFC 3339.
/// Equality, ordering and hashing compare instants.
///
/// ```
/// let t: code42::Timestamp = "2020-10-27T15:16:05.369203Z".parse()?;
/// assert_eq!(t.as_str(), "2020-10-27T15:16:05.369203Z");
/// assert_eq!(t.instant().microsecond(), 369203);
/// # Ok::<(), code42::Error>(())
/// ```
#[derive(Clone)]
pub struct Timestamp {
    instant: OffsetDateTime,
    text: Text,
}

/// Bytes kept inline: RFC 3339 at nanosecond precision with an offset is 35.
const INLINE: usize = 38;

/// The text of a timestamp: inline (no heap) for every RFC 3339 length, boxed beyond.
#[derive(Clone)]
enum Text {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl Text {
    fn new(text: &str) -> Text {
        let mut bytes = [0u8; INLINE];
        match (u8::try_from(text.len()), bytes.get_mut(..text.len())) {
            (Ok(len), Some(inline)) => {
                inline.copy_from_slice(text.as_bytes());
                Text::Inline { len, bytes }
            }
            _ => Text::Heap(text.into()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // Always valid: the bytes were copied from a `&str` whole.
            Text::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(""),
            Text::Heap(text) => text,
        }
    }
}

impl Timestamp {
    /// The instant.
    pub fn instant(&self) -> OffsetDateTime {
        self.instant
    }

    /// The text this value is encoded as.
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// The current time.
    pub fn now() -> Self {
        OffsetDateTime::now_utc().into()
    }

    /// `instant` written in UTC with a `Z` and `digits` fractional digits (truncated, at most
    /// 9), the form Code42's services write: 3 gives `2021-01-01T12:30:15.123Z`.
    ///
    /// ```
    /// use time::macros::datetime;
    /// let t = code42::Timestamp::utc(datetime!(2021-01-01 13:30:15.1234567 +01:00), 6)?;
    /// assert_eq!(t.as_str(), "2021-01-01T12:30:15.123456Z");
    /// # Ok::<(), code42::Error>(())
    /// ```
    pub fn utc(instant: OffsetDateTime, digits: u8) -> crate::Result<Timestamp> {
        let text = format_utc(instant, digits).ok_or_else(|| {
            crate::Error::invalid(
                "timestamp",
                format!("{instant} is outside the years 0 to 9999"),
            )
        })?;
        Ok(Timestamp {
            instant,
            text: Text::new(&text),
        })
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` in UTC with `digits` (≤ 9) fractional digits, truncated;
/// `None` outside the years 0 to 9999.
pub(crate) fn format_utc(instant: OffsetDateTime, digits: u8) -> Option<String> {
    let utc = instant.checked_to_offset(UtcOffset::UTC)?;
    if !(0..=9999).contains(&utc.year()) {
        return None;
    }
    let mut text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    );
    if digits > 0 {
        let nanos = format!("{:09}", utc.nanosecond());
        text.push('.');
        text.push_str(nanos.get(..usize::from(digits.min(9)))?);
    }
    text.push('Z');
    Some(text)
}

impl From<OffsetDateTime> for Timestamp {
    fn from(instant: OffsetDateTime) -> Self {
        let text = instant
            .format(&Rfc3339)
            // Rfc3339 fails only for years outside 0..=9999; fall back to the Debug-free form.
            .unwrap_or_else(|_| instant.unix_timestamp().to_string());
        Timestamp {
            instant,
            text: Text::new(&text),
        }
    }
}

impl From<Timestamp> for OffsetDateTime {
    fn from(value: Timestamp) -> Self {
        value.instant
    }
}

impl FromStr for Timestamp {
    type Err = crate::Error;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let instant = OffsetDateTime::parse(text, &Rfc3339)
            .or_else(|_| {
                PrimitiveDateTime::parse(text, &LOCAL_FORMAT)
                    .map(|t| t.assume_offset(UtcOffset::UTC))
            })
            .map_err(|_| {
                crate::Error::invalid(
                    "timestamp",
                    format!("`{text}` is not an RFC 3339 date-time"),
                )
            })?;
        Ok(Timestamp {
            instant,
            text: Text::new(text),
        })
    }
}

/// RFC 3339 without the offset, fractional seconds optional.
const LOCAL_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] = time::macros::format_description!(
    version = 2,
    "[year]-[month]-[day]T[hour]:[minute]:[second][optional [.[subsecond]]]"
);

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({})", self.as_str())
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.instant == other.instant
    }
}

impl Eq for Timestamp {}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.instant.cmp(&other.instant)
    }
}

impl Hash for Timestamp {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.instant.hash(state);
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Parsed from the borrowed (or transient) text; no owned `String` on the way.
        deserializer.deserialize_str(TimestampVisitor)
    }
}

struct TimestampVisitor;

impl serde::de::Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 date-time string")
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Timestamp, E> {
        text.parse().map_err(E::custom)
    }
}
