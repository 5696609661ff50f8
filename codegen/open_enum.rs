//! Component string enums become "open" enums: known values get variants,
//! anything else lands in `Unknown(String)` instead of failing deserialisation.

use heck::ToPascalCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

pub struct OpenEnum {
    pub rust_name: String,
    pub description: Option<String>,
    pub values: Vec<String>,
}

/// Finds `components.schemas.X = {type: string, enum: [...]}`. Inline string
/// enums (outside components) are rejected so that every enum is open.
pub fn take_string_enums(doc: &mut Value) -> Result<Vec<OpenEnum>, String> {
    let mut out = Vec::new();
    if let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    {
        for (name, schema) in schemas {
            if schema.get("type").and_then(Value::as_str) == Some("string") {
                if let Some(values) = schema.get("enum").and_then(Value::as_array) {
                    let values = values
                        .iter()
                        .map(|v| {
                            v.as_str()
                                .map(str::to_owned)
                                .ok_or(format!("{name}: non-string enum value"))
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    let mut idents = std::collections::BTreeMap::new();
                    for value in &values {
                        if let Some(other) = idents.insert(variant_ident(value).to_string(), value)
                        {
                            return Err(format!(
                                "{name}: values `{other}` and `{value}` get the same variant name"
                            ));
                        }
                    }
                    out.push(OpenEnum {
                        rust_name: name.to_pascal_case(),
                        description: schema
                            .get("description")
                            .and_then(Value::as_str)
                            .map(str::to_owned),
                        values,
                    });
                }
            } else {
                reject_inline_enums(name, schema)?;
            }
        }
    }
    if let Some(paths) = doc.get("paths") {
        reject_inline_enums("paths", paths)?;
    }
    out.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    Ok(out)
}

fn reject_inline_enums(at: &str, schema: &Value) -> Result<(), String> {
    match schema {
        Value::Object(m) => {
            if m.contains_key("enum") && m.get("type").and_then(Value::as_str) == Some("string") {
                return Err(format!(
                    "{at}: inline string enum; move it to components/schemas"
                ));
            }
            for (k, v) in m {
                if k != "example" && k != "default" {
                    reject_inline_enums(&format!("{at}.{k}"), v)?;
                }
            }
            Ok(())
        }
        Value::Array(a) => a.iter().try_for_each(|v| reject_inline_enums(at, v)),
        _ => Ok(()),
    }
}

fn variant_ident(value: &str) -> proc_macro2::Ident {
    let mut name = value.to_pascal_case();
    if name.is_empty() {
        name = "Empty".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Unknown" {
        // `Unknown(String)` is the catch-all variant; a known value spelled "Unknown" (e.g.
        // the category `Unknown`) gets another name.
        name = "UnknownValue".into();
    }
    format_ident!("{}", name)
}

pub fn emit(e: &OpenEnum) -> TokenStream {
    let name = format_ident!("{}", e.rust_name);
    let rust_name = &e.rust_name;
    let doc = e
        .description
        .clone()
        .unwrap_or_else(|| format!("The `{}` values.", e.rust_name));
    let idents: Vec<_> = e.values.iter().map(|v| variant_ident(v)).collect();
    let values = &e.values;
    let variant_docs = values.iter().map(|v| format!("The wire value `{v}`."));
    quote! {
        #[doc = #doc]
        ///
        /// Open enum: values unknown to this SDK version deserialize to `Unknown` and are
        /// serialized back unchanged.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #variant_docs] #idents, )*
            /// A value this version of the SDK does not know; kept verbatim.
            Unknown(::std::string::String),
        }
        impl #name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #values, )*
                    Self::Unknown(s) => s.as_str(),
                }
            }
            /// The known variant spelled `value` on the wire, if any.
            fn known(value: &str) -> ::std::option::Option<Self> {
                match value {
                    #( #values => Some(Self::#idents), )*
                    _ => None,
                }
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::known(value).unwrap_or_else(|| Self::Unknown(value.to_owned())))
            }
        }
        impl crate::ToParam for #name {
            fn to_param(&self) -> ::std::string::String {
                self.as_str().to_owned()
            }
        }
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| Self::Unknown(value.to_owned()))
            }
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                deserializer.deserialize_str(crate::wire::runtime::OpenEnumVisitor {
                    known: Self::known,
                    unknown: Self::Unknown,
                    name: #rust_name,
                })
            }
        }
    }
}
