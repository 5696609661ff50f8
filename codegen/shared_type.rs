//! `x-code42-type`: a component schema that is the same wire type as one generated from another
//! spec. Instead of a copy, the schema names that type (`"x-code42-type":
//! "crate::wire::forensic_search::types::FileEventV2"`) and codegen emits a type alias, so one Rust
//! type serves both services and the two cannot drift apart.

use heck::ToPascalCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

/// A schema served by a type generated from another spec.
pub struct SharedType {
    /// The alias's name (the schema's name in PascalCase).
    pub rust_name: String,
    /// The path of the generated type it stands for.
    pub path: String,
    description: Option<String>,
}

/// Takes the component schemas that carry `x-code42-type`. Such a schema holds only the extension
/// and an optional `description`: its shape is the other spec's.
pub fn take(doc: &Value) -> Result<Vec<SharedType>, String> {
    let mut out = Vec::new();
    let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return Ok(out);
    };
    for (name, schema) in schemas {
        let Some(path) = schema.get("x-code42-type") else {
            continue;
        };
        let path = path
            .as_str()
            .ok_or(format!("{name}: x-code42-type must be a string"))?;
        let valid = path.strip_prefix("crate::wire::").is_some_and(|rest| {
            let parts: Vec<&str> = rest.split("::").collect();
            parts.len() == 3
                && parts[1] == "types"
                && parts.iter().all(|p| {
                    !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                })
        });
        if !valid {
            return Err(format!(
                "{name}: x-code42-type `{path}` must be `crate::wire::<service>::types::<Type>`"
            ));
        }
        if let Some(other) = schema
            .as_object()
            .into_iter()
            .flat_map(|o| o.keys())
            .find(|k| *k != "x-code42-type" && *k != "description")
        {
            return Err(format!(
                "{name}: a schema with x-code42-type takes its shape from that type; remove `{other}`"
            ));
        }
        out.push(SharedType {
            rust_name: name.to_pascal_case(),
            path: path.to_owned(),
            description: schema
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned),
        });
    }
    Ok(out)
}

/// `pub type Name = crate::wire::…;` with the schema's description as its doc.
pub fn emit(shared: &SharedType) -> Result<TokenStream, String> {
    let name = format_ident!("{}", shared.rust_name);
    let path: syn::Path =
        syn::parse_str(&shared.path).map_err(|e| format!("{}: {e}", shared.path))?;
    let doc = shared
        .description
        .clone()
        .unwrap_or_else(|| format!("The same wire type as [`{}`].", shared.path));
    Ok(quote! {
        #[doc = #doc]
        pub type #name = #path;
    })
}
