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
