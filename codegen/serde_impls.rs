//! Streaming serde impls for the generated structs of `mod types`.
//!
//! typify derives `Deserialize`/`Serialize` with `#[serde(flatten)] extra`, which makes serde
//! buffer every object as `Content` and replay it. This pass replaces those derives with
//! hand-rolled impls: a map visitor matches known keys to slots and reads anything else straight
//! into `extra`; known fields received as `null` are remembered in a hidden `nulls` set and
//! written back, so a round trip keeps them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::builders;
use super::model::{self, Field, Kind};

/// The hidden field every generated struct gets.
pub const NULLS: &str = "nulls";

/// Rewrites every serde struct in `mod types`: streaming impls, `#[non_exhaustive]`, docs,
/// `new` and setters.
pub fn apply(file: &mut syn::File) -> Result<(), String> {
    for item in file.items.iter_mut() {
        let syn::Item::Mod(m) = item else { continue };
        if m.ident != "types" {
            continue;
        }
        let Some((_, items)) = m.content.as_mut() else {
            continue;
        };
        let mut added = Vec::new();
        for item in items.iter_mut() {
            if let syn::Item::Enum(e) = item {
                document_variants(e);
                continue;
            }
            let syn::Item::Struct(s) = item else { continue };
            if !model::derives(&s.attrs, "Deserialize") {
                continue;
            }
            let name = s.ident.to_string();
            let fields = rewrite_struct(s).map_err(|e| format!("{name}: {e}"))?;
            added.push(emit(&s.ident, &fields));
            added.push(builders::emit(&s.ident, &fields, true));
        }
        for tokens in added {
            let file: syn::File = syn::parse2(tokens).map_err(|e| e.to_string())?;
            items.extend(file.items);
        }
    }
    Ok(())
}

/// typify's `oneOf` enums (untagged: a value of one shape or another) get a doc line on each
/// variant that has none, so `missing_docs` holds for the whole wire module, and
/// `#[non_exhaustive]` like every generated type.
fn document_variants(e: &mut syn::ItemEnum) {
    if !e.attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
        e.attrs.push(syn::parse_quote!(#[non_exhaustive]));
    }
    for v in e.variants.iter_mut() {
        if !model::has_doc(&v.attrs) {
            let doc = format!(" The value in its `{}` shape.", v.ident);
            v.attrs.push(syn::parse_quote!(#[doc = #doc]));
        }
    }
}

/// Reads the fields, strips serde attributes and derives, adds docs, `#[non_exhaustive]` and
/// the hidden `nulls` field.
fn rewrite_struct(s: &mut syn::ItemStruct) -> Result<Vec<Field>, String> {
    let syn::Fields::Named(named) = &mut s.fields else {
        return Err("not a struct with named fields".into());
    };
    let mut fields = Vec::new();
    for f in named.named.iter_mut() {
        let field = model::read_serde_field(f)?;
        if field.ident == NULLS {
            return Err(format!("a field is named `{NULLS}`"));
        }
        if !model::has_doc(&f.attrs) {
            let doc = if field.kind == Kind::Extra {
                " Fields this SDK version does not know, kept as received and serialized back."
                    .to_string()
            } else {
                format!(" The `{}` field.", field.wire)
            };
            f.attrs.push(syn::parse_quote!(#[doc = #doc]));
        }
        fields.push(field);
    }
    let known = fields.iter().filter(|f| f.kind != Kind::Extra).count();
    let words = proc_macro2::Literal::usize_unsuffixed(known.div_ceil(64).max(1));
    let nulls = format_ident!("{}", NULLS);
    named.named.push(syn::parse_quote! {
        /// Known fields received as `null` (or `[]`), written back on serialisation.
        pub(crate) #nulls: crate::wire::runtime::Nulls<#words>
    });
    let default = fields.iter().all(|f| f.kind != Kind::Required);
    s.attrs
        .retain(|a| !a.path().is_ident("derive") && !a.path().is_ident("serde"));
    if !model::has_doc(&s.attrs) {
        let doc = format!(" The `{}` object.", s.ident);
        s.attrs.push(syn::parse_quote!(#[doc = #doc]));
    }
    s.attrs.push(if default {
        syn::parse_quote!(#[derive(Clone, Debug, PartialEq, Default)])
    } else {
        syn::parse_quote!(#[derive(Clone, Debug, PartialEq)])
    });
    s.attrs.push(syn::parse_quote!(#[non_exhaustive]));
    Ok(fields)
}

fn emit(name: &syn::Ident, fields: &[Field]) -> TokenStream {
    let nulls = format_ident!("{}", NULLS);
    let known: Vec<&Field> = fields.iter().filter(|f| f.kind != Kind::Extra).collect();
    let extra = fields.iter().find(|f| f.kind == Kind::Extra);
    let words = proc_macro2::Literal::usize_unsuffixed(known.len().div_ceil(64).max(1));
    let tracks_nulls = known
        .iter()
        .any(|f| matches!(f.kind, Kind::Optional | Kind::Defaulted));
    let mut_nulls = if tracks_nulls {
        quote! { mut #nulls }
    } else {
        quote! { #nulls }
    };
    let expecting = format!("a `{name}` object");

    // Deserialize.
    let slot = |i: usize| format_ident!("f_{}", i);
    let wires: Vec<&str> = known.iter().map(|f| f.wire.as_str()).collect();
    let indexes: Vec<_> = (0..known.len())
        .map(proc_macro2::Literal::usize_unsuffixed)
        .collect();
    let mut slots = Vec::new();
    let mut arms = Vec::new();
    let mut finish = Vec::new();
    for (i, f) in known.iter().enumerate() {
        let (v, ty, ident, wire) = (slot(i), &f.ty, &f.ident, &f.wire);
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        match f.kind {
            Kind::Required | Kind::RequiredNullable => {
                slots.push(quote! { let mut #v: ::std::option::Option<#ty> = None; });
                arms.push(quote! { crate::wire::runtime::Key::Known(#i) => { #v = Some(map.next_value()?); } });
                finish.push(quote! {
                    let #ident = match #v {
                        Some(v) => v,
                        None => return Err(<A::Error as ::serde::de::Error>::missing_field(#wire)),
                    };
                });
            }
            Kind::Optional => {
                slots.push(quote! { let mut #v: #ty = None; });
                arms.push(quote! { crate::wire::runtime::Key::Known(#i) => {
                    #v = map.next_value()?;
                    #nulls.set_null(#i, #v.is_none());
                } });
                finish.push(quote! { let #ident = #v; });
            }
            Kind::Defaulted => {
                slots.push(quote! { let mut #v: #ty = ::std::default::Default::default(); });
                arms.push(quote! { crate::wire::runtime::Key::Known(#i) => {
                    let value: ::std::option::Option<#ty> = map.next_value()?;
                    #nulls.set_null(#i, value.is_none());
                    #v = value.unwrap_or_default();
                    #nulls.set_empty(#i, !#nulls.is_null(#i) && #v.is_empty());
                } });
                finish.push(quote! { let #ident = #v; });
            }
            Kind::Extra => unreachable!(),
        }
    }
    let (extra_slot, unknown_arm, extra_finish) = match extra {
        Some(f) => {
            let ident = &f.ident;
            (
                quote! { let mut #ident = ::serde_json::Map::new(); },
                quote! { crate::wire::runtime::Key::Unknown(key) => { #ident.insert(key, map.next_value()?); } },
                quote! {},
            )
        }
        None => (
            quote! {},
            quote! { crate::wire::runtime::Key::Unknown(_) => { map.next_value::<::serde::de::IgnoredAny>()?; } },
            quote! {},
        ),
    };
    let all_idents = fields.iter().map(|f| &f.ident);

    // Serialize.
    let mut writes = Vec::new();
    for (i, f) in known.iter().enumerate() {
        let (ident, wire) = (&f.ident, &f.wire);
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        let value = |v: TokenStream| {
            if f.secret {
                quote! { crate::Secret::expose_for_wire(#v) }
            } else {
                v
            }
        };
        writes.push(match f.kind {
            Kind::Required => {
                let v = value(quote! { &self.#ident });
                quote! { map.serialize_entry(#wire, #v)?; }
            }
            Kind::RequiredNullable => {
                if f.secret {
                    quote! { map.serialize_entry(#wire, &self.#ident.as_ref().map(crate::Secret::expose_for_wire))?; }
                } else {
                    quote! { map.serialize_entry(#wire, &self.#ident)?; }
                }
            }
            Kind::Optional => {
                let v = value(quote! { v });
                quote! {
                    match &self.#ident {
                        Some(v) => map.serialize_entry(#wire, #v)?,
                        None if self.#nulls.is_null(#i) => map.serialize_entry(#wire, &())?,
                        None => {}
                    }
                }
            }
            Kind::Defaulted => quote! {
                if !self.#ident.is_empty() || self.#nulls.is_empty(#i) {
                    map.serialize_entry(#wire, &self.#ident)?;
                } else if self.#nulls.is_null(#i) {
                    map.serialize_entry(#wire, &())?;
                }
            },
            Kind::Extra => unreachable!(),
        });
    }
    if let Some(f) = extra {
        let ident = &f.ident;
        writes.push(
            quote! { for (key, value) in &self.#ident { map.serialize_entry(key, value)?; } },
        );
    }

    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                fn field(key: &str) -> ::std::option::Option<usize> {
                    match key {
                        #( #wires => Some(#indexes), )*
                        _ => None,
                    }
                }
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#name, A::Error> {
                        let #mut_nulls = crate::wire::runtime::Nulls::<#words>::default();
                        #(#slots)*
                        #extra_slot
                        while let Some(key) = map.next_key_seed(crate::wire::runtime::KeySeed(field))? {
                            match key {
                                #(#arms)*
                                crate::wire::runtime::Key::Known(_) => { map.next_value::<::serde::de::IgnoredAny>()?; }
                                #unknown_arm
                            }
                        }
                        #(#finish)*
                        #extra_finish
                        Ok(#name { #(#all_idents,)* #nulls })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(None)?;
                #(#writes)*
                map.end()
            }
        }
    }
}
