//! The field model the struct passes share: what typify's serde attributes meant, read back
//! from a generated struct so that the serde impls and builders can be emitted by hand.

use proc_macro2::Ident;

/// How a field behaves on the wire.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `T`: must be present (missing is a serde missing-field error).
    Required,
    /// `Option<T>`: may be absent or `null`; absent is skipped on output, `null` re-emitted.
    Optional,
    /// `Option<T>` that the spec requires but allows to be `null`: always written.
    RequiredNullable,
    /// A collection that defaults to empty when absent; empty is skipped on output unless it was
    /// received as `[]` (or `null`).
    Defaulted,
    /// The `extra` map of unknown fields.
    Extra,
}

pub struct Field {
    pub ident: Ident,
    pub wire: String,
    pub ty: syn::Type,
    pub kind: Kind,
    /// The field is a `crate::Secret` (or an `Option` of one).
    pub secret: bool,
}

/// Reads (and removes) the `#[serde(...)]` attributes of `field`.
pub fn read_serde_field(field: &mut syn::Field) -> Result<Field, String> {
    let ident = field.ident.clone().ok_or("tuple struct field")?;
    let mut wire = None;
    let (mut flatten, mut default, mut skip_if, mut nullable) = (false, false, false, false);
    let mut error = None;
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let lit: syn::LitStr = meta.value()?.parse()?;
                wire = Some(lit.value());
            } else if meta.path.is_ident("flatten") {
                flatten = true;
            } else if meta.path.is_ident("default") {
                default = true;
            } else if meta.path.is_ident("skip_serializing_if") {
                let _: syn::LitStr = meta.value()?.parse()?;
                skip_if = true;
            } else if meta.path.is_ident("deserialize_with") {
                let lit: syn::LitStr = meta.value()?.parse()?;
                if lit.value() != "::std::option::Option::deserialize" {
                    error = Some(format!("{ident}: unsupported deserialize_with"));
                }
                nullable = true;
            } else {
                error = Some(format!("{ident}: unsupported serde attribute"));
            }
            Ok(())
        });
        if let Err(e) = parsed {
            return Err(format!("{ident}: {e}"));
        }
    }
    if let Some(e) = error {
        return Err(e);
    }
    field.attrs.retain(|a| !a.path().is_ident("serde"));
    let is_option = option_inner(&field.ty).is_some();
    let kind = match (flatten, default, skip_if, nullable, is_option) {
        (true, false, false, false, false) => Kind::Extra,
        (false, false, true, false, true) => Kind::Optional,
        (false, false, false, true, true) => Kind::RequiredNullable,
        (false, true, true, false, false) => Kind::Defaulted,
        (false, false, false, false, false) => Kind::Required,
        _ => {
            return Err(format!(
                "{ident}: unsupported combination of serde attributes"
            ));
        }
    };
    let wire = wire.unwrap_or_else(|| ident.to_string());
    let secret = last_ident(option_inner(&field.ty).unwrap_or(&field.ty)) == Some("Secret".into());
    Ok(Field {
        ident,
        wire,
        ty: field.ty.clone(),
        kind,
        secret,
    })
}

/// `T` of `Option<T>`.
pub fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    generic_arg(ty, "Option")
}

/// `T` of `Vec<T>`.
pub fn vec_inner(ty: &syn::Type) -> Option<&syn::Type> {
    generic_arg(ty, "Vec")
}

fn generic_arg<'a>(ty: &'a syn::Type, outer: &str) -> Option<&'a syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != outer {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(t) if args.args.len() == 1 => Some(t),
        _ => None,
    }
}

pub fn last_ident(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(p) = ty else { return None };
    Some(p.path.segments.last()?.ident.to_string())
}

/// Whether the item carries `#[derive(...)]` naming `what` (e.g. `Deserialize`).
pub fn derives(attrs: &[syn::Attribute], what: &str) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("derive")
            && a.parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            )
            .is_ok_and(|paths| {
                paths
                    .iter()
                    .any(|p| p.segments.last().is_some_and(|s| s.ident == what))
            })
    })
}

/// Whether the item has a `#[doc]` attribute.
pub fn has_doc(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("doc"))
}
