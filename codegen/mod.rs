//! Spec -> Rust generation (only compiled with `--features regenerate`).

mod builders;
mod model;
mod normalize;
mod open_enum;
mod ops;
mod rename;
mod serde_impls;
mod shared_type;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use progenitor::{GenerationSettings, Generator, InterfaceStyle, TypeImpl};
use quote::quote;
use schemars::schema::{InstanceType, SchemaObject};

pub fn run() {
    if let Err(message) = try_run() {
        // A failed build script shows its panic message: say which spec and why.
        panic!("\n\ncode42 codegen failed: {message}\n");
    }
}

fn try_run() -> Result<(), String> {
    let root = PathBuf::from(
        std::env::var("CARGO_MANIFEST_DIR").map_err(|_| "CARGO_MANIFEST_DIR is not set")?,
    );
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=codegen");
    println!("cargo::rerun-if-changed=specs");

    let specs_dir = root.join("specs");
    let mut specs = Vec::new();
    for entry in fs::read_dir(&specs_dir).map_err(|e| format!("{}: {e}", specs_dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "json") {
            specs.push(path);
        }
    }
    specs.sort(); // read_dir order is not deterministic

    let out_dir = root.join("generated");
    fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    for spec in specs {
        let stem = spec
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("{}: file name is not UTF-8", spec.display()))?
            .to_string();
        let text = fs::read_to_string(&spec).map_err(|e| format!("{}: {e}", spec.display()))?;
        let code = generate(&stem, &text).map_err(|e| format!("{}: {e}", spec.display()))?;
        write_if_changed(&out_dir.join(format!("{stem}.rs")), &code)?;
    }
    Ok(())
}

/// Generate one formatted Rust file (as a String) from one OpenAPI 3.0.x JSON document.
pub fn generate(stem: &str, spec_json: &str) -> Result<String, String> {
    let mut raw: serde_json::Value = serde_json::from_str(spec_json).map_err(|e| e.to_string())?;

    // 1. Forward compatibility rewrites on the raw JSON.
    let enums = open_enum::take_string_enums(&mut raw)?; // component string enums -> open enums
    let shared = shared_type::take(&raw)?; // x-code42-type schemas -> aliases of other specs' types
    normalize::keep_unknown_fields(&mut raw); // objects get `additionalProperties: {}`
    normalize::escape_docs(&mut raw); // spec prose is rustdoc

    let schema_names: Vec<String> = raw
        .pointer("/components/schemas")
        .and_then(serde_json::Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let spec: openapiv3::OpenAPI = serde_json::from_value(raw).map_err(|e| e.to_string())?;

    // 2. Types via progenitor's front end + typify.
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Positional)
        .with_derive("PartialEq")
        .with_map_type("::std::collections::BTreeMap")
        .with_conversion(
            SchemaObject {
                instance_type: Some(InstanceType::String.into()),
                format: Some("date-time".into()),
                ..Default::default()
            },
            "crate::Timestamp",
            [TypeImpl::Display, TypeImpl::FromStr].into_iter(),
        )
        .with_conversion(
            // keep the runtime free of the `uuid` crate
            SchemaObject {
                instance_type: Some(InstanceType::String.into()),
                format: Some("uuid".into()),
                ..Default::default()
            },
            "::std::string::String",
            [TypeImpl::Display, TypeImpl::FromStr].into_iter(),
        )
        .with_conversion(
            // passwords, tokens and TOTP codes never show in `Debug`
            SchemaObject {
                instance_type: Some(InstanceType::String.into()),
                format: Some("password".into()),
                ..Default::default()
            },
            "crate::Secret",
            [TypeImpl::FromStr].into_iter(),
        );
    for e in &enums {
        // typify must not generate these; references resolve to our open enum.
        settings.with_replacement(
            &e.rust_name,
            &e.rust_name,
            [TypeImpl::Display, TypeImpl::FromStr].into_iter(),
        );
    }
    for t in &shared {
        // typify must not generate these either; references resolve to the alias.
        settings.with_replacement(&t.rust_name, &t.rust_name, std::iter::empty());
    }
    let mut generator = Generator::new(&settings);
    // The returned reqwest client is thrown away; the call populates the TypeSpace
    // (component schemas plus inline parameter/body/response types).
    // Only components are handed to progenitor: bodies/responses are $refs (enforced in ops.rs)
    // and progenitor's operation handling has limits (one media type per body, no cookie
    // params, todo!() panics) that must not block type generation.
    let components_only = openapiv3::OpenAPI {
        paths: Default::default(),
        ..spec.clone()
    };
    let _reqwest_client = generator
        .generate_tokens(&components_only)
        .map_err(|e| e.to_string())?;
    let type_space = generator.get_type_space();
    if type_space.uses_chrono() || type_space.uses_uuid() || type_space.uses_regress() {
        return Err(format!(
            "spec needs chrono={} uuid={} regress={}: use a supported format or add a conversion",
            type_space.uses_chrono(),
            type_space.uses_uuid(),
            type_space.uses_regress()
        ));
    }
    let known_types: BTreeSet<String> = type_space
        .iter_types()
        .map(|t| t.name())
        .chain(enums.iter().map(|e| e.rust_name.clone()))
        .chain(shared.iter().map(|t| t.rust_name.clone()))
        .collect();
    let types = type_space.to_stream();
    let open_enums = enums.iter().map(open_enum::emit);
    let aliases = shared
        .iter()
        .map(shared_type::emit)
        .collect::<Result<Vec<_>, _>>()?;

    // Every component schema with its type's JSON round trip, for the round-trip tests.
    let mut round_trips = Vec::new();
    for name in &schema_names {
        let rust = heck::ToPascalCase::to_pascal_case(name.as_str());
        if known_types.contains(&rust) {
            let ident = quote::format_ident!("{}", rust);
            round_trips
                .push(quote! { (#name, crate::wire::runtime::round_trip::<types::#ident>), });
        }
    }

    // 3. Operations table + request structs.
    let operations = ops::emit(&spec, &known_types)?;

    let file = quote! {
        /// Wire types generated from the spec's component schemas.
        #[allow(clippy::all, unused_imports, dead_code)]
        pub mod types {
            #types
            #(#open_enums)*
            #(#aliases)*
        }

        /// One request struct per operation, implementing [`crate::Operation`].
        #[allow(clippy::all, unused_imports, dead_code)]
        pub mod ops {
            use super::types;
            #operations
        }

        /// Every component schema and its generated type's JSON round trip (tests only).
        #[cfg(test)]
        pub(crate) const ROUND_TRIPS: &[(&str, crate::wire::runtime::RoundTrip)] = &[ #(#round_trips)* ];
    };
    let mut file: syn::File = syn::parse2(file).map_err(|e| e.to_string())?;
    rename::resolve_field_collisions(&mut file);
    serde_impls::apply(&mut file)?;
    builders::apply_ops(&mut file)?;
    let body = prettyplease::unparse(&file);
    Ok(format!(
        "// @generated by build.rs (feature `regenerate`) from specs/{stem}.json. Do not edit.\n\n{body}"
    ))
}

fn write_if_changed(path: &Path, contents: &str) -> Result<(), String> {
    if fs::read_to_string(path).ok().as_deref() != Some(contents) {
        fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
