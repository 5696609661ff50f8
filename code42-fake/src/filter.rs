//! Evaluating the search filter DSL (`groupClause` / `groups` / `filters`) against the fake's
//! data, for every service whose searches take it (alerts, rule metadata; file events later).
//!
//! Requests are read into the SDK's own [`code42::query`] types, so one evaluator serves every
//! service's generated request type. A handler describes its items through a
//! `term -> Field` lookup; unknown terms and operators a field does not support are problems
//! the handler answers with a 400.

use time::OffsetDateTime;

use crate::http::Ctx;
use code42::Timestamp;
use code42::query::{Clause, Filter, FilterGroup, FilterValue, Operator};

/// What a term of an item holds.
pub(crate) enum Field {
    /// Free text: `IS` / `IS_NOT` ignore letter case, `CONTAINS` is a case-insensitive
    /// substring match.
    Text(Option<String>),
    /// A value from a fixed set: compared exactly.
    Token(Option<String>),
    /// An instant: `ON_OR_AFTER` / `ON_OR_BEFORE` (values at any RFC 3339 precision).
    Time(Option<OffsetDateTime>),
    /// `IS TRUE` / `IS FALSE` (any letter case).
    Bool(Option<bool>),
}

impl Field {
    /// Free text from an optional string.
    pub fn text(value: &Option<String>) -> Field {
        Field::Text(value.clone())
    }

    /// A token from an optional open enum (its wire text).
    pub fn token<T: ToString>(value: &Option<T>) -> Field {
        Field::Token(value.as_ref().map(ToString::to_string))
    }

    /// An instant from an optional timestamp.
    pub fn time(value: &Option<Timestamp>) -> Field {
        Field::Time(value.as_ref().map(Timestamp::instant))
    }
}

/// Reads wire filter groups (any service's generated type) as the SDK's query groups.
pub(crate) fn groups<T: serde::Serialize>(wire: &[T]) -> Result<Vec<FilterGroup>, String> {
    serde_json::to_value(wire)
        .and_then(serde_json::from_value)
        .map_err(|e| format!("the filter groups cannot be read: {e}"))
}

/// Whether an item matches the query; `Err` describes a term or operator the fake cannot apply.
pub(crate) fn matches(
    clause: Clause,
    groups: &[FilterGroup],
    field: &dyn Fn(&str) -> Option<Field>,
) -> Result<bool, String> {
    let mut results = Vec::with_capacity(groups.len());
    for group in groups {
        let mut each = Vec::with_capacity(group.filters().len());
        for filter in group.filters() {
            each.push(test(filter, field)?);
        }
        results.push(combine(group.clause(), &each));
    }
    Ok(combine(clause, &results))
}

/// Every `AND`, any `OR`; no conditions at all match everything.
fn combine(clause: Clause, results: &[bool]) -> bool {
    results.is_empty()
        || match clause {
            Clause::And => results.iter().all(|r| *r),
            Clause::Or => results.iter().any(|r| *r),
        }
}

fn test(filter: &Filter, field: &dyn Fn(&str) -> Option<Field>) -> Result<bool, String> {
    let term = filter.term();
    let Some(value) = field(term) else {
        return Err(format!("unknown term `{term}`"));
    };
    let text = || match filter.value() {
        FilterValue::Text(t) => Ok(t.as_str()),
        other => Err(format!("`{term}` needs a text value, not {other:?}")),
    };
    let unsupported = || {
        Err(format!(
            "operator {} is not supported on `{term}`",
            filter.operator()
        ))
    };
    match (&value, filter.operator()) {
        (Field::Text(v) | Field::Token(v), Operator::Exists) => Ok(present(v)),
        (Field::Text(v) | Field::Token(v), Operator::DoesNotExist) => Ok(!present(v)),
        (Field::Text(v), Operator::Is) => {
            let want = text()?;
            Ok(v.as_deref().is_some_and(|v| v.eq_ignore_ascii_case(want)))
        }
        (Field::Text(v), Operator::IsNot) => {
            let want = text()?;
            Ok(!v.as_deref().is_some_and(|v| v.eq_ignore_ascii_case(want)))
        }
        (Field::Text(v), Operator::Contains) => {
            let want = text()?.to_lowercase();
            Ok(v.as_deref()
                .is_some_and(|v| v.to_lowercase().contains(&want)))
        }
        (Field::Text(v), Operator::DoesNotContain) => {
            let want = text()?.to_lowercase();
            Ok(!v
                .as_deref()
                .is_some_and(|v| v.to_lowercase().contains(&want)))
        }
        (Field::Token(v), Operator::Is) => Ok(v.as_deref() == Some(text()?)),
        (Field::Token(v), Operator::IsNot) => Ok(v.as_deref() != Some(text()?)),
        (Field::Time(v), Operator::OnOrAfter | Operator::OnOrBefore) => {
            let bound: Timestamp = text()?
                .parse()
                .map_err(|_| format!("`{term}` needs an RFC 3339 timestamp"))?;
            let bound = bound.instant();
            Ok(v.is_some_and(|v| {
                if *filter.operator() == Operator::OnOrAfter {
                    v >= bound
                } else {
                    v <= bound
                }
            }))
        }
        (Field::Bool(v), Operator::Is) => {
            let want = text()?;
            let want = if want.eq_ignore_ascii_case("true") {
                true
            } else if want.eq_ignore_ascii_case("false") {
                false
            } else {
                return Err(format!("`{term}` needs TRUE or FALSE"));
            };
            Ok(*v == Some(want))
        }
        _ => unsupported(),
    }
}

fn present(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|v| !v.is_empty())
}

/// Zero-based page `number` of `size` items (`Err` for a size outside `1..=max` or a negative
/// number), its window moved by the path's injected shift.
pub(crate) fn page<T>(
    ctx: &Ctx<'_>,
    items: Vec<T>,
    number: i64,
    size: i64,
    max: i64,
) -> Result<Vec<T>, String> {
    let skip = page_window(items.len(), number, size, max)?;
    let take = usize::try_from(size).unwrap_or(usize::MAX);
    Ok(items
        .into_iter()
        .skip(ctx.shifted(skip))
        .take(take)
        .collect())
}

/// Where page `number` of `size` items starts.
fn page_window(_len: usize, number: i64, size: i64, max: i64) -> Result<usize, String> {
    if !(1..=max).contains(&size) {
        return Err(format!("pgSize must be 1 to {max}, not {size}"));
    }
    if number < 0 {
        return Err(format!("pgNum starts at 0, not {number}"));
    }
    Ok(usize::try_from(number.saturating_mul(size)).unwrap_or(usize::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use code42::query::alerts as f;

    fn item(term: &str) -> Option<Field> {
        match term {
            "name" => Some(Field::Text(Some("Source Code Upload".into()))),
            "state" => Some(Field::Token(Some("OPEN".into()))),
            "createdAt" => Some(Field::time(&"2021-06-01T10:00:00.1234567Z".parse().ok())),
            "isSystem" => Some(Field::Bool(Some(false))),
            _ => None,
        }
    }

    #[test]
    fn every_operator_family() {
        use code42::alerts::AlertState;
        let yes = |g: FilterGroup| matches(Clause::And, &[g], &item).unwrap();
        assert!(yes(f::rule_name().eq("source code upload")));
        assert!(yes(f::rule_name().contains("CODE")));
        assert!(!yes(f::rule_name().not_contains("code")));
        assert!(yes(f::state().eq(AlertState::Open)));
        assert!(
            !yes(f::state().eq(AlertState::from("open"))),
            "tokens compare exactly"
        );
        assert!(yes(
            f::state().is_in([AlertState::Resolved, AlertState::Open])
        ));
        assert!(yes(FilterGroup::exists("name")));
        assert!(yes(FilterGroup::is_false("isSystem")));
        let t = time::macros::datetime!(2021-06-01 10:00:00.123456 UTC);
        assert!(yes(f::date_observed().on_or_after(t)));
        assert!(!yes(f::date_observed().on_or_before(t)));
        assert!(
            matches(
                Clause::Or,
                &[f::state().eq(AlertState::from("X")), f::rule_name().eq("x")],
                &item
            )
            .map(|m| !m)
            .unwrap()
        );
        assert!(matches(Clause::And, &[], &item).unwrap());
        assert!(matches(Clause::And, &[f::actor().eq("x")], &item).is_err());
        let contains_on_a_token = FilterGroup::contains("state", "OP");
        assert!(matches(Clause::And, &[contains_on_a_token], &item).is_err());
    }

    #[test]
    fn pages_are_zero_based_and_bounded() {
        assert_eq!(page_window(7, 1, 3, 500).unwrap(), 3);
        assert_eq!(page_window(7, 2, 3, 500).unwrap(), 6);
        assert!(page_window(7, 0, 501, 500).is_err());
        assert!(page_window(7, -1, 3, 500).is_err());
    }
}
