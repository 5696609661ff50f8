//! Filtering generated events by a file-event query: the common terms, in their v1 and v2
//! spellings, with every operator. A term the fake does not know is a 400, so a test never
//! silently gets unfiltered events.

use std::borrow::Cow;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::generate::{Facts, Store};
use code42::wire::forensic_search::types::{
    FileEventQuery, FilterOperator, GroupClause, QueryFilter, QueryFilterGroup,
};

/// A field filters can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Timestamp,
    Inserted,
    UserEmail,
    UserId,
    DeviceUid,
    FileName,
    Directory,
    Md5,
    Sha256,
    Category,
    Size,
    Action,
    EventTypeV1,
    Exposure,
    EventId,
    Observer,
    DestinationCategory,
    DestinationName,
    Severity,
    Score,
    Indicators,
}

impl Field {
    fn parse(term: &str) -> Option<Field> {
        use Field::*;
        Some(match term {
            "@timestamp" | "eventTimestamp" => Timestamp,
            "event.inserted" | "insertionTimestamp" => Inserted,
            "user.email" | "deviceUserName" => UserEmail,
            "user.id" | "userUid" => UserId,
            "user.deviceUid" | "deviceUid" => DeviceUid,
            "file.name" | "fileName" => FileName,
            "file.directory" | "filePath" => Directory,
            "file.hash.md5" | "md5Checksum" => Md5,
            "file.hash.sha256" | "sha256Checksum" => Sha256,
            "file.category" | "fileCategory" => Category,
            "file.sizeInBytes" | "fileSize" => Size,
            "event.action" => Action,
            "eventType" => EventTypeV1,
            "exposure" => Exposure,
            "event.id" | "eventId" => EventId,
            "event.observer" | "source" => Observer,
            "destination.category" | "destinationCategory" => DestinationCategory,
            "destination.name" | "destinationName" => DestinationName,
            "risk.severity" | "riskSeverity" => Severity,
            "risk.score" | "riskScore" => Score,
            "risk.indicators.name" | "riskIndicatorNames" => Indicators,
            _ => return None,
        })
    }

    fn is_time(self) -> bool {
        matches!(self, Field::Timestamp | Field::Inserted)
    }

    fn is_number(self) -> bool {
        matches!(self, Field::Size | Field::Score)
    }
}

/// A field's value in one event.
enum Value<'a> {
    Text(Cow<'a, str>),
    Many(Vec<Cow<'a, str>>),
    Number(i64),
    Time(i64),
    Null,
}

impl Store {
    fn value<'a>(&'a self, facts: &Facts, field: Field) -> Value<'a> {
        let actor = self.actor(facts);
        let text = |s: Option<&'a str>| s.map_or(Value::Null, |s| Value::Text(Cow::Borrowed(s)));
        let scenario = facts.scenario();
        match field {
            Field::Timestamp => Value::Time(facts.millis),
            Field::Inserted => Value::Time(facts.inserted_ms()),
            Field::UserEmail => text(actor.map(|a| a.email.as_str())),
            Field::UserId => text(actor.map(|a| a.uid.as_str())),
            Field::DeviceUid => text(actor.map(|a| a.device_uid.as_str())),
            Field::FileName => text(Some(self.file(facts).name.as_str())),
            Field::Directory => Value::Text(Cow::Owned(self.directory(facts))),
            Field::Md5 => text(Some(self.file(facts).md5.as_str())),
            Field::Sha256 => text(Some(self.file(facts).sha256.as_str())),
            Field::Category => text(Some(self.category(facts))),
            Field::Size => Value::Number(self.file(facts).size),
            Field::Action => text(Some(scenario.action)),
            Field::EventTypeV1 => text(Some(scenario.v1_type)),
            Field::Exposure => Value::Many(
                scenario
                    .exposure
                    .iter()
                    .map(|e| Cow::Borrowed(*e))
                    .collect(),
            ),
            Field::EventId => Value::Text(Cow::Owned(self.event_id(facts))),
            Field::Observer => text(Some(scenario.observer)),
            Field::DestinationCategory => text(scenario.destination_category),
            Field::DestinationName => text(facts.destination_name()),
            Field::Severity => text(Some(facts.severity())),
            Field::Score => Value::Number(facts.score),
            Field::Indicators => Value::Many(
                self.indicators(facts)
                    .into_iter()
                    .map(|(name, _)| Cow::Borrowed(name))
                    .collect(),
            ),
        }
    }
}

/// What a filter compares with.
#[derive(Debug)]
enum Arg {
    None,
    Text(String),
    Texts(Vec<String>),
    Number(i64),
    Time(i64),
    Day(i64),
}

#[derive(Debug)]
struct Filter {
    field: Field,
    operator: FilterOperator,
    arg: Arg,
}

#[derive(Debug)]
enum Node {
    Group { any: bool, filters: Vec<Filter> },
    Nested { any: bool, children: Vec<Node> },
}

/// A query ready to test events.
#[derive(Debug)]
pub(crate) struct Compiled {
    any: bool,
    groups: Vec<Node>,
    /// Identifies the filters (for the total cache).
    pub fingerprint: u64,
}

impl Compiled {
    /// Whether the query has no filter at all.
    pub fn matches_everything(&self) -> bool {
        self.groups.is_empty()
    }

    /// Whether event `facts` matches.
    pub fn matches(&self, store: &Store, facts: &Facts) -> bool {
        combine(self.any, self.groups.iter(), |n| node(store, facts, n))
    }
}

fn combine<T>(any: bool, mut items: impl Iterator<Item = T>, test: impl Fn(T) -> bool) -> bool {
    if any {
        items.any(test)
    } else {
        items.all(test)
    }
}

fn node(store: &Store, facts: &Facts, node: &Node) -> bool {
    match node {
        Node::Group { filters, .. } if filters.is_empty() => true,
        Node::Group { any, filters } => combine(*any, filters.iter(), |f| filter(store, facts, f)),
        Node::Nested { any, children } => {
            combine(*any, children.iter(), |n| self::node(store, facts, n))
        }
    }
}

fn equals(field: Field, have: &str, want: &str) -> bool {
    if field == Field::UserEmail {
        have.eq_ignore_ascii_case(want)
    } else {
        have == want
    }
}

fn filter(store: &Store, facts: &Facts, f: &Filter) -> bool {
    use FilterOperator as Op;
    let value = store.value(facts, f.field);
    let is = |want: &str| match &value {
        Value::Text(t) => equals(f.field, t, want),
        Value::Many(list) => list.iter().any(|t| equals(f.field, t, want)),
        Value::Number(n) => want.trim().parse::<i64>().is_ok_and(|w| w == *n),
        Value::Time(t) => parse_millis(want) == Some(*t),
        Value::Null => false,
    };
    let contains = |want: &str| match &value {
        Value::Text(t) => t.contains(want),
        Value::Many(list) => list.iter().any(|t| t.contains(want)),
        _ => false,
    };
    let number = || match value {
        Value::Number(n) | Value::Time(n) => Some(n),
        _ => None,
    };
    let exists = match &value {
        Value::Null => false,
        Value::Many(list) => !list.is_empty(),
        Value::Text(t) => !t.is_empty(),
        _ => true,
    };
    match (&f.operator, &f.arg) {
        (Op::Is, Arg::Text(w)) => is(w),
        (Op::IsNot, Arg::Text(w)) => !is(w),
        (Op::IsAny, Arg::Texts(ws)) => ws.iter().any(|w| is(w)),
        (Op::IsNone, Arg::Texts(ws)) => !ws.iter().any(|w| is(w)),
        (Op::Contains, Arg::Text(w)) => contains(w),
        (Op::DoesNotContain, Arg::Text(w)) => !contains(w),
        (Op::Exists, _) => exists,
        (Op::DoesNotExist, _) => !exists,
        (Op::OnOrAfter, Arg::Time(t)) => number().is_some_and(|n| n >= *t),
        (Op::OnOrBefore, Arg::Time(t)) => number().is_some_and(|n| n <= *t),
        (Op::WithinTheLast, Arg::Time(since)) => number().is_some_and(|n| n >= *since),
        (Op::On, Arg::Day(start)) => {
            number().is_some_and(|n| (*start..*start + 86_400_000).contains(&n))
        }
        (Op::GreaterThan, Arg::Number(w)) => number().is_some_and(|n| n > *w),
        (Op::LessThan, Arg::Number(w)) => number().is_some_and(|n| n < *w),
        _ => false,
    }
}

/// Checks and compiles `query`'s filters; `Err` is the 400 message.
pub(crate) fn compile(query: &FileEventQuery, store: &Store) -> Result<Compiled, String> {
    let groups = query
        .groups
        .iter()
        .map(|g| compile_group(g, store))
        .collect::<Result<Vec<_>, _>>()?;
    let mut hasher = DefaultHasher::new();
    serde_json::to_string(&(&query.group_clause, &query.groups))
        .unwrap_or_default()
        .hash(&mut hasher);
    Ok(Compiled {
        any: query.group_clause == GroupClause::Or,
        groups,
        fingerprint: hasher.finish(),
    })
}

fn clause(c: &Option<GroupClause>) -> Result<bool, String> {
    match c {
        None | Some(GroupClause::And) => Ok(false),
        Some(GroupClause::Or) => Ok(true),
        Some(other) => Err(format!("unknown clause `{other}`")),
    }
}

fn compile_group(group: &QueryFilterGroup, store: &Store) -> Result<Node, String> {
    if !group.subgroups.is_empty() || group.subgroup_clause.is_some() {
        return Ok(Node::Nested {
            any: clause(&group.subgroup_clause)?,
            children: group
                .subgroups
                .iter()
                .map(|g| compile_group(g, store))
                .collect::<Result<_, _>>()?,
        });
    }
    Ok(Node::Group {
        any: clause(&group.filter_clause)?,
        filters: group
            .filters
            .iter()
            .map(|f| compile_filter(f, store))
            .collect::<Result<_, _>>()?,
    })
}

fn compile_filter(f: &QueryFilter, store: &Store) -> Result<Filter, String> {
    use FilterOperator as Op;
    let field = Field::parse(&f.term)
        .ok_or_else(|| format!("the fake tenant does not filter on `{}`", f.term))?;
    let bad = |why: &str| format!("{} {} {}: {why}", f.term, f.operator, f.value);
    let text = || match &f.value {
        serde_json::Value::String(s) => Ok(s.clone()),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        _ => Err(bad("needs a string value")),
    };
    let time = || {
        let text = text()?;
        parse_millis(&text).ok_or_else(|| bad("needs a timestamp"))
    };
    let arg = match f.operator {
        Op::Is | Op::IsNot | Op::Contains | Op::DoesNotContain => Arg::Text(text()?),
        Op::IsAny | Op::IsNone => match &f.value {
            serde_json::Value::Array(items) => Arg::Texts(
                items
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .map(str::to_owned)
                            .ok_or_else(|| bad("needs strings"))
                    })
                    .collect::<Result<_, _>>()?,
            ),
            _ => return Err(bad("needs a list")),
        },
        Op::Exists | Op::DoesNotExist => Arg::None,
        Op::OnOrAfter | Op::OnOrBefore if field.is_time() => Arg::Time(time()?),
        Op::WithinTheLast if field.is_time() => {
            let duration =
                parse_duration(&text()?).ok_or_else(|| bad("needs an ISO-8601 duration"))?;
            Arg::Time(store.now_ms() - duration)
        }
        Op::On if field.is_time() => {
            let day = text()?;
            let start = parse_millis(&format!("{day}T00:00:00Z"))
                .ok_or_else(|| bad("needs a date YYYY-MM-DD"))?;
            Arg::Day(start)
        }
        Op::GreaterThan | Op::LessThan if field.is_number() => Arg::Number(match &f.value {
            serde_json::Value::Number(n) => n
                .as_f64()
                .map(|n| n as i64)
                .ok_or_else(|| bad("needs a number"))?,
            serde_json::Value::String(s) => s.trim().parse().map_err(|_| bad("needs a number"))?,
            _ => return Err(bad("needs a number")),
        }),
        _ => return Err(bad("this operator does not apply to this term")),
    };
    Ok(Filter {
        field,
        operator: f.operator.clone(),
        arg,
    })
}

/// An RFC 3339 timestamp in milliseconds since the epoch.
pub(crate) fn parse_millis(text: &str) -> Option<i64> {
    let t: code42::Timestamp = text.parse().ok()?;
    i64::try_from(t.instant().unix_timestamp_nanos() / 1_000_000).ok()
}

/// `P[nY][nM][nW][nD][T[nH][nM][nS]]` in milliseconds (a year is 365 days, a month 30).
pub(crate) fn parse_duration(text: &str) -> Option<i64> {
    let rest = text.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut total = 0i64;
    let mut any = false;
    let mut read = |part: &str, units: &[(char, i64)]| -> Option<()> {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                number.push(c);
            } else {
                let (_, ms) = units.iter().find(|(u, _)| *u == c)?;
                total = total.checked_add(number.parse::<i64>().ok()?.checked_mul(*ms)?)?;
                number.clear();
                any = true;
            }
        }
        number.is_empty().then_some(())
    };
    const DAY: i64 = 86_400_000;
    read(
        date,
        &[
            ('Y', 365 * DAY),
            ('M', 30 * DAY),
            ('W', 7 * DAY),
            ('D', DAY),
        ],
    )?;
    if let Some(time) = time {
        read(time, &[('H', 3_600_000), ('M', 60_000), ('S', 1000)])?;
    }
    any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("P1D"), Some(86_400_000));
        assert_eq!(parse_duration("PT15M"), Some(900_000));
        assert_eq!(parse_duration("P1DT1H"), Some(90_000_000));
        assert_eq!(parse_duration("P"), None);
        assert_eq!(parse_duration("1D"), None);
        assert_eq!(parse_duration("PXD"), None);
    }
}
