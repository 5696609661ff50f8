//! Rewrites on the raw JSON document before it is parsed by `openapiv3`.

use serde_json::{Map, Value, json};

/// Every object schema without an explicit `additionalProperties` gets
/// `additionalProperties: {}`, which typify turns into
/// `#[serde(flatten)] pub extra: serde_json::Map<String, Value>`.
/// Unknown fields from a newer server are then kept (and sent back on PUT).
/// A spec author can still write `additionalProperties: false|true` explicitly.
pub fn keep_unknown_fields(doc: &mut Value) {
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for schema in schemas.values_mut() {
            walk(schema);
        }
    }
}

/// Server-side validation keywords. typify turns them into checked newtypes,
/// `u64`/`NonZeroU64` or regress patterns that can reject real server data, so
/// they are documentation only for a client SDK.
const VALIDATION_KEYWORDS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
];

fn walk(schema: &mut Value) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    if obj.contains_key("$ref") {
        return;
    }
    for k in VALIDATION_KEYWORDS {
        obj.remove(*k);
    }
    let is_object = obj.get("type").and_then(Value::as_str) == Some("object")
        || (obj.get("type").is_none() && obj.contains_key("properties"));
    if is_object && !obj.contains_key("additionalProperties") {
        obj.insert("additionalProperties".into(), json!({}));
    }
    if let Some(props) = obj.get_mut("properties").and_then(Value::as_object_mut) {
        props.values_mut().for_each(walk);
    }
    if let Some(items) = obj.get_mut("items") {
        walk(items);
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(list) = obj.get_mut(key).and_then(Value::as_array_mut) {
            list.iter_mut().for_each(walk);
        }
    }
    // allOf members must not each grow an `extra` map: only the outer object keeps one.
    if let Some(list) = obj.get_mut("allOf").and_then(Value::as_array_mut) {
        list.iter_mut()
            .filter_map(Value::as_object_mut)
            .for_each(|m: &mut Map<String, Value>| {
                if m.get("additionalProperties") == Some(&json!({})) {
                    m.remove("additionalProperties");
                }
            });
    }
}

/// Spec prose becomes rustdoc. Outside `code spans`, `<x>` would be read as an HTML tag,
/// `[x]` as an intra-doc link and a bare URL draws a lint, all of which fail
/// `cargo doc` with warnings denied; escape them.
pub fn escape_docs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(text) if key == "description" || key == "summary" => {
                        *text = escape_markdown(text);
                    }
                    _ if key == "example" || key == "default" || key == "enum" => {}
                    _ => escape_docs(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(escape_docs),
        _ => {}
    }
}

fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(part); // inside a code span
            continue;
        }
        for word in part.split_inclusive(char::is_whitespace) {
            let bare = word
                .trim_end()
                .trim_end_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | ')'));
            if bare.starts_with("http://") || bare.starts_with("https://") {
                out.push('<');
                out.push_str(bare);
                out.push('>');
                out.push_str(&word[bare.len()..]);
                continue;
            }
            for c in word.chars() {
                match c {
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '[' => out.push_str("\\["),
                    ']' => out.push_str("\\]"),
                    c => out.push(c),
                }
            }
        }
    }
    out
}
