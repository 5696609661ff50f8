//! Forward compatibility and codegen hygiene, proven on generated types.

use serde_json::json;

use super::authority::types::{User, UserStatus};
use super::codegen_checks::types::{Collisions, Shade, Widget};

#[test]
fn unknown_fields_survive_decode_and_encode() {
    let wire = json!({
        "userId": 7, "userUid": "u7", "username": "a@b.c",
        "brandNewField": {"nested": [1, 2, 3]}, "status": "Active"
    });
    let user: User = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(user.extra["brandNewField"], json!({"nested": [1, 2, 3]}));
    assert_eq!(serde_json::to_value(&user).unwrap(), wire);
}

#[test]
fn unknown_enum_values_decode_to_unknown_and_encode_unchanged() {
    let status: UserStatus = serde_json::from_value(json!("Suspended")).unwrap();
    assert_eq!(status, UserStatus::Unknown("Suspended".into()));
    assert_eq!(serde_json::to_value(&status).unwrap(), json!("Suspended"));
    let known: UserStatus = serde_json::from_value(json!("Active")).unwrap();
    assert_eq!(known, UserStatus::Active);
    assert_eq!(Shade::from("3D"), Shade::V3d);
    assert_eq!(Shade::Dark.to_string(), "DARK");
    // A known value spelled "Unknown" does not clash with the catch-all variant.
    assert_eq!(Shade::from("Unknown"), Shade::UnknownValue);
    assert_eq!(Shade::UnknownValue.as_str(), "Unknown");
}

#[test]
fn timestamps_reencode_byte_for_byte_at_any_precision() {
    for text in [
        "2020-10-27T15:16:05Z",
        "2020-10-27T15:16:05.3Z",
        "2020-10-27T15:16:05.369Z",
        "2020-10-27T15:16:05.369203Z",
        "2020-10-27T15:16:05.369203123Z",
        "2020-10-27T17:16:05.369+02:00",
        "2020-10-27T15:16:05.000000Z",
        "2020-10-27T15:16:05.123",
    ] {
        let widget: Widget = serde_json::from_value(json!({"name": "w", "at": text})).unwrap();
        let back = serde_json::to_value(&widget).unwrap();
        assert_eq!(back["at"], json!(text));
    }
    let a: crate::Timestamp = "2020-10-27T15:16:05Z".parse().unwrap();
    let b: crate::Timestamp = "2020-10-27T17:16:05.000+02:00".parse().unwrap();
    assert_eq!(a, b, "equality compares instants");
    assert!("27/10/2020".parse::<crate::Timestamp>().is_err());
}

#[test]
fn password_fields_are_secret_and_hidden_from_debug() {
    let widget: Widget =
        serde_json::from_value(json!({"name": "w", "password": "hunter2"})).unwrap();
    assert_eq!(
        widget.password.as_ref().map(|s| s.expose()),
        Some("hunter2")
    );
    assert!(!format!("{widget:?}").contains("hunter2"));
    assert_eq!(
        serde_json::to_value(&widget).unwrap()["password"],
        json!("hunter2")
    );
}

#[test]
fn validation_keywords_do_not_reject_server_data() {
    let widget: Widget =
        serde_json::from_value(json!({"name": "longer than three", "count": 0})).unwrap();
    assert_eq!(widget.count, Some(0));
}

#[test]
fn colliding_field_names_are_renamed_and_keep_their_wire_names() {
    let wire = json!({"type": "a", "type$": "b", "event.id": "c", "event_id": "d"});
    let c: Collisions = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(
        (
            c.type_.as_deref(),
            c.type_dollar.as_deref(),
            c.event_dot_id.as_deref(),
            c.event_id.as_deref()
        ),
        (Some("a"), Some("b"), Some("c"), Some("d"))
    );
    assert_eq!(serde_json::to_value(&c).unwrap(), wire);
}

#[test]
fn spec_prose_is_escaped_for_rustdoc() {
    let text = include_str!("../../generated/codegen-checks.rs");
    assert!(text.contains("&lt;start&gt; and \\[brackets\\] and a bare URL <https://example.com/x>, but `<code>` stays"));
}

#[test]
fn every_operation_carries_its_metadata() {
    use super::authority::ops;
    use crate::{AuthScheme, Host, Operation, ResponseKind};
    assert_eq!(ops::GetServiceUrl::HOST, Host::KeyValueStore);
    assert_eq!(ops::GetServiceUrl::AUTH, AuthScheme::None);
    assert_eq!(ops::GetServiceUrl::RESPONSE, ResponseKind::Text);
    assert_eq!(ops::GetApiClientToken::AUTH, AuthScheme::Basic);
    const { assert!(ops::GetApiClientToken::IDEMPOTENT) };
    let paging = ops::ListUsers::PAGING.unwrap();
    assert_eq!(
        (paging.first, paging.page, paging.items),
        (1, "pgNum", "data.users")
    );
}

/// A spec's file stem, its text and its generated round trips.
type Spec = (
    &'static str,
    &'static str,
    &'static [(&'static str, super::runtime::RoundTrip)],
);

/// The specs and their generated round trips.
fn specs() -> Vec<Spec> {
    vec![
        (
            "authority",
            include_str!("../../specs/authority.json"),
            super::authority::ROUND_TRIPS,
        ),
        (
            "alerts",
            include_str!("../../specs/alerts.json"),
            super::alerts::ROUND_TRIPS,
        ),
        (
            "cases",
            include_str!("../../specs/cases.json"),
            super::cases::ROUND_TRIPS,
        ),
        (
            "exfiltrated-data",
            include_str!("../../specs/exfiltrated-data.json"),
            super::exfiltrated_data::ROUND_TRIPS,
        ),
        (
            "fed-observer",
            include_str!("../../specs/fed-observer.json"),
            super::fed_observer::ROUND_TRIPS,
        ),
        (
            "forensic-search",
            include_str!("../../specs/forensic-search.json"),
            super::forensic_search::ROUND_TRIPS,
        ),
        (
            "orgs",
            include_str!("../../specs/orgs.json"),
            super::orgs::ROUND_TRIPS,
        ),
        (
            "devices",
            include_str!("../../specs/devices.json"),
            super::devices::ROUND_TRIPS,
        ),
        (
            "administration",
            include_str!("../../specs/administration.json"),
            super::administration::ROUND_TRIPS,
        ),
        (
            "incydr",
            include_str!("../../specs/incydr.json"),
            super::incydr::ROUND_TRIPS,
        ),
        (
            "codegen-checks",
            include_str!("../../specs/codegen-checks.json"),
            super::codegen_checks::ROUND_TRIPS,
        ),
    ]
}

/// A body of `schema`'s shape: every property present, optional ones alternately `null`, an
/// unknown field on every object that keeps them, enum values unknown to the SDK (`unknown`) or
/// known, nested types down to a few levels.
fn synthesize(
    schema: &serde_json::Value,
    schemas: &serde_json::Map<String, serde_json::Value>,
    depth: usize,
    unknown: bool,
) -> serde_json::Value {
    use serde_json::Value;
    if let Some([only]) = schema
        .get("allOf")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        return synthesize(only, schemas, depth, unknown);
    }
    // A oneOf: a body of its first shape (the wrapped one, for the either-envelope answers).
    if let Some(first) = schema
        .get("oneOf")
        .and_then(Value::as_array)
        .and_then(|v| v.first())
    {
        return synthesize(first, schemas, depth, unknown);
    }
    if let Some(target) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    {
        return synthesize(&schemas[target], schemas, depth + 1, unknown);
    }
    // A schema served by another spec's type (`x-code42-type`): that spec's shape.
    if let Some((module, name)) = schema
        .get("x-code42-type")
        .and_then(Value::as_str)
        .and_then(|p| p.strip_prefix("crate::wire::"))
        .and_then(|p| p.split_once("::types::"))
    {
        let stem = module.replace('_', "-");
        let (_, text, _) = specs()
            .into_iter()
            .find(|(s, _, _)| *s == stem)
            .unwrap_or_else(|| panic!("no spec {stem}"));
        let other: Value = serde_json::from_str(text).unwrap();
        let other = other["components"]["schemas"].as_object().unwrap().clone();
        return synthesize(&other[name], &other, depth + 1, unknown);
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return if unknown {
            json!("A_VALUE_FROM_THE_FUTURE")
        } else {
            values[0].clone()
        };
    }
    let kind = schema.get("type").and_then(Value::as_str);
    match kind {
        Some("object") | None if schema.get("properties").is_some() || kind.is_some() => {
            let mut out = serde_json::Map::new();
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let props = schema.get("properties").and_then(Value::as_object);
            for (i, (name, prop)) in props.into_iter().flatten().enumerate() {
                let value = if !required.contains(&name.as_str()) && (i % 2 == 1 || depth > 4) {
                    Value::Null
                } else {
                    synthesize(prop, schemas, depth + 1, unknown)
                };
                out.insert(name.clone(), value);
            }
            if schema.get("additionalProperties") != Some(&Value::Bool(false)) {
                out.insert(
                    "fieldFromTheFuture".into(),
                    json!({"nested": [1, "two", null, 2.5], "flag": false}),
                );
            }
            Value::Object(out)
        }
        Some("array") => match schema.get("items") {
            Some(items) if depth <= 4 => json!([synthesize(items, schemas, depth + 1, unknown)]),
            _ => json!([]),
        },
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => json!("2020-10-27T15:16:05.369203Z"),
            Some("password") => json!("s3cret"),
            _ => json!("text"),
        },
        Some("integer") => json!(7),
        Some("number") => json!(3.1e24),
        Some("boolean") => json!(true),
        _ => json!({"anything": [1, null]}),
    }
}

#[test]
fn every_generated_type_round_trips_unknown_fields_unknown_values_and_nulls() {
    let mut checked = 0;
    for (stem, text, round_trips) in specs() {
        let spec: serde_json::Value = serde_json::from_str(text).unwrap();
        let schemas = spec["components"]["schemas"].as_object().unwrap();
        assert_eq!(
            round_trips.len(),
            schemas.len(),
            "{stem}: every component schema has a generated type"
        );
        for (name, round_trip) in round_trips {
            for unknown in [true, false] {
                let body = synthesize(&schemas[*name], schemas, 0, unknown);
                let text = serde_json::to_string(&body).unwrap();
                let back =
                    round_trip(&text).unwrap_or_else(|e| panic!("{stem} {name}: {e}\n{text}"));
                assert_eq!(back, body, "{stem} {name} (unknown enum values: {unknown})");
                checked += 1;
            }
        }
    }
    assert!(checked > 200, "{checked} bodies");
}

#[test]
fn explicit_nulls_come_back_and_absent_fields_stay_absent() {
    let wire = json!({"userId": 7, "userUid": "u7", "username": "a@b.c", "email": null});
    let user: User = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(user.email, None);
    assert_eq!(serde_json::to_value(&user).unwrap(), wire);
    // Set later, the value is written; the null is gone.
    let user = user.with_email("a@b.c");
    assert_eq!(
        serde_json::to_value(&user).unwrap()["email"],
        json!("a@b.c")
    );
    // Built with `new`, absent optional fields are not written at all.
    let built = User::new(7, "u7", "a@b.c");
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({"userId": 7, "userUid": "u7", "username": "a@b.c"})
    );
    // A required field missing is serde's usual error.
    let err = serde_json::from_value::<User>(json!({"userId": 7})).unwrap_err();
    assert!(err.to_string().contains("missing field `userUid`"), "{err}");
}

#[test]
fn numbers_round_trip_by_value() {
    let page: super::codegen_checks::types::EventPage =
        serde_json::from_str(r#"{"totalCount": 3, "x": 3.1e+24, "y": 1.0}"#).unwrap();
    let back = serde_json::to_string(&page).unwrap();
    // `float_roundtrip`: the nearest double, written back shortest (issue 13's value).
    assert_eq!(back, r#"{"totalCount":3,"x":3.1e+24,"y":1.0}"#);
    assert_eq!(page.extra["x"].as_f64(), Some(3.1e24));
}

/// Every real response body in `../shared/fixtures` (see its INDEX.md) whose endpoint a spec
/// describes is decoded into the operation's response type and encoded back: it must come back
/// as the same JSON value. Run with `cargo test -p code42 --lib -- --ignored real_fixtures`.
#[test]
#[ignore = "reads ../shared/fixtures at run time"]
fn real_fixtures_round_trip_losslessly() {
    use serde_json::Value;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
    let index: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    // (method, normalised path) -> (spec, response schema)
    let normalise = |path: &str| {
        let mut out = String::new();
        let mut in_param = false;
        for c in path.trim_end_matches('/').chars() {
            match c {
                '{' => {
                    in_param = true;
                    out.push_str("{}");
                }
                '}' => in_param = false,
                c if !in_param => out.push(c),
                _ => {}
            }
        }
        out
    };
    let mut routes = Vec::new();
    for (stem, text, round_trips) in specs() {
        let spec: Value = serde_json::from_str(text).unwrap();
        for (path, item) in spec["paths"].as_object().into_iter().flatten() {
            for (method, op) in item.as_object().into_iter().flatten() {
                let schema = op["responses"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(code, _)| code.starts_with('2'))
                    .find_map(|(_, r)| r.pointer("/content/application~1json/schema/$ref"))
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/schemas/"));
                if let Some(schema) = schema {
                    let round_trip = round_trips.iter().find(|(n, _)| *n == schema).unwrap().1;
                    routes.push((
                        method.to_uppercase(),
                        normalise(path),
                        stem,
                        schema.to_owned(),
                        round_trip,
                    ));
                }
            }
        }
    }
    let (mut lossless, mut lossy, mut failed) = (0, Vec::new(), Vec::new());
    for entry in &index {
        let file = entry["file"].as_str().unwrap();
        if entry["kind"] != "body" || file.contains(".error") || file.contains(".item") {
            continue;
        }
        let method = entry["method"].as_str().unwrap_or_default();
        let path = normalise(entry["path"].as_str().unwrap_or_default());
        let Some((_, _, stem, schema, round_trip)) = routes
            .iter()
            .find(|(m, p, ..)| m == method && (*p == path || p.ends_with(&path)))
        else {
            continue;
        };
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let body: Value = serde_json::from_str(&text).unwrap();
        match round_trip(&text) {
            Ok(back) if back == body => lossless += 1,
            Ok(_) => lossy.push(format!("{file} ({stem} {schema})")),
            Err(e) => failed.push(format!("{file} ({stem} {schema}): {e}")),
        }
    }
    println!(
        "{lossless} fixtures lossless, {} lossy, {} not decoded",
        lossy.len(),
        failed.len()
    );
    for line in failed.iter().chain(&lossy) {
        println!("  {line}");
    }
    assert!(lossless > 0);
    assert!(lossy.is_empty(), "lossy: {lossy:#?}");
}
