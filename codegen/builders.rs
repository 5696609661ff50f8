//! Construction of generated structs from other crates.
//!
//! Every generated struct is `#[non_exhaustive]` (a new field is then not a breaking change),
//! so it cannot be built by a struct literal outside this crate. Instead each gets
//! `new(required…)`, which leaves optional fields absent, and one `with_<field>(value)` setter
//! per field that returns the struct (`Widget::new("w").with_count(3)`). Structs without
//! required fields also implement `Default`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::model::{self, Field, Kind};
use super::serde_impls::NULLS;

/// `new` and the setters of one struct. `has_nulls`: the struct has the hidden `nulls` field.
pub fn emit(name: &syn::Ident, fields: &[Field], has_nulls: bool) -> TokenStream {
    let required: Vec<&Field> = fields.iter().filter(|f| f.kind == Kind::Required).collect();
    let params = required.iter().map(|f| {
        let ident = &f.ident;
        let ty = param_type(&f.ty);
        quote! { #ident: #ty }
    });
    let inits = fields.iter().map(|f| {
        let ident = &f.ident;
        if f.kind == Kind::Required {
            quote! { #ident: #ident.into() }
        } else {
            quote! { #ident: ::std::default::Default::default() }
        }
    });
    let nulls_init = if has_nulls {
        let nulls = format_ident!("{}", NULLS);
        quote! { #nulls: ::std::default::Default::default(), }
    } else {
        quote! {}
    };
    let body = if fields.is_empty() && !has_nulls {
        quote! { Self }
    } else {
        quote! { Self { #(#inits,)* #nulls_init } }
    };
    let new_doc = if required.is_empty() {
        format!(" A new `{name}` with every field absent; add fields with the `with_` setters.")
    } else {
        let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.wire)).collect();
        format!(
            " A new `{name}` from its required fields ({}); add the others with the `with_` setters.",
            names.join(", ")
        )
    };

    let mut setter_names = std::collections::BTreeSet::new();
    let setters = fields.iter().map(|f| {
        let ident = &f.ident;
        let trimmed = ident.to_string().trim_end_matches('_').to_string();
        let setter = if setter_names.insert(trimmed.clone()) {
            format_ident!("with_{}", trimmed)
        } else {
            format_ident!("with_{}", ident)
        };
        let doc = match f.kind {
            Kind::Extra => " Replaces the fields this SDK version does not know.".to_string(),
            _ => format!(" Sets `{}`.", f.wire),
        };
        let ty = &f.ty;
        match f.kind {
            Kind::Optional | Kind::RequiredNullable => {
                let inner = param_type(model::option_inner(ty).unwrap_or(ty));
                quote! {
                    #[doc = #doc]
                    pub fn #setter(mut self, value: #inner) -> Self {
                        self.#ident = Some(value.into());
                        self
                    }
                }
            }
            _ => {
                let ty = param_type(ty);
                quote! {
                #[doc = #doc]
                pub fn #setter(mut self, value: #ty) -> Self {
                    self.#ident = value.into();
                    self
                }
                }
            }
        }
    });
    quote! {
        impl #name {
            #[doc = #new_doc]
            pub fn new(#(#params),*) -> Self {
                #body
            }
            #(#setters)*
        }
    }
}

/// How a setter or `new` takes a value of type `ty`: numbers, booleans and collections as
/// themselves (so that literals and `collect()` infer), anything else as `impl Into<ty>` (so
/// that `&str` fills a `String`, an open enum or a `Secret`).
fn param_type(ty: &syn::Type) -> TokenStream {
    let plain = model::vec_inner(ty).is_some()
        || matches!(
            model::last_ident(ty).as_deref(),
            Some(
                "i8" | "i16"
                    | "i32"
                    | "i64"
                    | "u8"
                    | "u16"
                    | "u32"
                    | "u64"
                    | "f32"
                    | "f64"
                    | "bool"
                    | "Map"
                    | "BTreeMap"
                    | "Value"
            )
        );
    if plain {
        quote! { #ty }
    } else {
        quote! { impl ::std::convert::Into<#ty> }
    }
}

/// The request structs of `mod ops`: `#[non_exhaustive]`, `new` and setters.
pub fn apply_ops(file: &mut syn::File) -> Result<(), String> {
    for item in file.items.iter_mut() {
        let syn::Item::Mod(m) = item else { continue };
        if m.ident != "ops" {
            continue;
        }
        let Some((_, items)) = m.content.as_mut() else {
            continue;
        };
        let mut added = Vec::new();
        for item in items.iter_mut() {
            let syn::Item::Struct(s) = item else { continue };
            let mut fields = Vec::new();
            if let syn::Fields::Named(named) = &s.fields {
                for f in &named.named {
                    let ident = f.ident.clone().ok_or("tuple field")?;
                    let kind = if model::option_inner(&f.ty).is_some() {
                        Kind::Optional
                    } else if model::vec_inner(&f.ty).is_some() {
                        Kind::Defaulted
                    } else {
                        Kind::Required
                    };
                    fields.push(Field {
                        wire: ident.to_string(),
                        ident,
                        ty: f.ty.clone(),
                        kind,
                        secret: false,
                    });
                }
            }
            s.attrs.push(syn::parse_quote!(#[non_exhaustive]));
            added.push(emit(&s.ident, &fields, false));
        }
        for tokens in added {
            let file: syn::File = syn::parse2(tokens).map_err(|e| e.to_string())?;
            items.extend(file.items);
        }
    }
    Ok(())
}
