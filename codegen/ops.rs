//! Emits one request struct per operation plus an `OPERATIONS` table.
//! progenitor's own operation model is private, so we read `openapiv3` directly.

use std::collections::BTreeSet;

use heck::{ToPascalCase, ToSnakeCase};
use openapiv3::{
    OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind, StatusCode, Type,
};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

struct Param {
    wire: String,
    field: proc_macro2::Ident,
    ty: TokenStream,
    required: bool,
    is_array: bool,
    doc: String,
}

pub fn emit(spec: &OpenAPI, known: &BTreeSet<String>) -> Result<TokenStream, String> {
    let mut items = Vec::new();
    let mut table = Vec::new();
    // `spec.paths` is an IndexMap in document order; sort by (path, method) for a stable order.
    let mut ops = Vec::new();
    for (path, item) in spec.paths.iter() {
        let item = item
            .as_item()
            .ok_or(format!("{path}: $ref path items unsupported"))?;
        for (method, op) in item.iter() {
            ops.push((
                path.clone(),
                method.to_string(),
                op.clone(),
                item.parameters.clone(),
            ));
        }
    }
    ops.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));

    for (path, method, op, shared_params) in ops {
        let op_id = op
            .operation_id
            .clone()
            .ok_or(format!("{method} {path}: missing operationId"))?;
        let struct_name = format_ident!("{}", op_id.to_pascal_case());
        let method_variant = format_ident!("{}", method.to_pascal_case());

        let mut params = Vec::new();
        for p in shared_params.iter().chain(op.parameters.iter()) {
            let p = resolve_param(spec, p)?;
            let data = p.parameter_data_ref();
            let ParameterSchemaOrContent::Schema(schema) = &data.format else {
                return Err(format!(
                    "{op_id}.{}: content parameters unsupported",
                    data.name
                ));
            };
            let (ty, is_array) =
                rust_type(schema, known).map_err(|e| format!("{op_id}.{}: {e}", data.name))?;
            let kind = match p {
                Parameter::Path { .. } => "path",
                Parameter::Query { .. } => "query",
                Parameter::Header { .. } => "header",
                Parameter::Cookie { .. } => {
                    return Err(format!("{op_id}: cookie params unsupported"));
                }
            };
            params.push((
                kind,
                Param {
                    wire: data.name.clone(),
                    field: format_ident!("{}", data.name.to_snake_case()),
                    ty,
                    required: data.required || kind == "path",
                    is_array,
                    doc: data
                        .description
                        .clone()
                        .unwrap_or_else(|| format!("{kind} parameter `{}`", data.name)),
                },
            ));
        }

        let body_ty = match &op.request_body {
            None => None,
            Some(rb) => {
                let rb = rb
                    .as_item()
                    .ok_or(format!("{op_id}: requestBody $ref unsupported"))?;
                let media = rb
                    .content
                    .get("application/json")
                    .ok_or(format!("{op_id}: body must be application/json"))?;
                let schema = media
                    .schema
                    .as_ref()
                    .ok_or(format!("{op_id}: body without schema"))?;
                Some(ref_type(schema, known).map_err(|e| format!("{op_id} body: {e}"))?)
            }
        };

        let (response_kind, response_ty) = response_of(&op_id, &op, known)?;
        let extensions = op
            .extensions
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let meta = Meta::read(&op_id, &method, &extensions)?;

        // Struct fields.
        let mut fields = Vec::new();
        for (_, p) in &params {
            let (f, ty, doc) = (&p.field, &p.ty, &p.doc);
            let ty = if p.is_array {
                quote! { ::std::vec::Vec<#ty> }
            } else if p.required {
                quote! { #ty }
            } else {
                quote! { ::std::option::Option<#ty> }
            };
            fields.push(quote! { #[doc = #doc] pub #f: #ty, });
        }
        if let Some(b) = &body_ty {
            fields.push(quote! { /// JSON request body.
            pub body: #b, });
        }

        // path(): literal pieces and encoded parameters, no `format!` (prettyplease
        // does not format macro arguments, so macros would leave ugly output).
        let mut pieces = Vec::new();
        let mut rest = path.as_str();
        while let Some(start) = rest.find('{') {
            let end = rest[start..]
                .find('}')
                .ok_or(format!("{path}: bad template"))?
                + start;
            let lit = &rest[..start];
            pieces.push(quote! { p.push_str(#lit); });
            let name = &rest[start + 1..end];
            let p = params
                .iter()
                .find(|(k, p)| *k == "path" && p.wire == name)
                .ok_or(format!("{path}: no path parameter `{name}`"))?;
            let f = &p.1.field;
            pieces.push(quote! { p.push_str(&crate::encode_path_segment(&crate::ToParam::to_param(&self.#f))); });
            rest = &rest[end + 1..];
        }
        let path_fn = if pieces.is_empty() {
            quote! { fn path(&self) -> ::std::string::String { #path.to_owned() } }
        } else {
            if !rest.is_empty() {
                pieces.push(quote! { p.push_str(#rest); });
            }
            quote! {
                fn path(&self) -> ::std::string::String {
                    let mut p = ::std::string::String::new();
                    #(#pieces)*
                    p
                }
            }
        };

        let query_pushes: Vec<_> = params
            .iter()
            .filter(|(k, _)| *k == "query")
            .map(|(_, p)| {
                let (f, wire) = (&p.field, &p.wire);
                if p.is_array {
                    quote! { for v in &self.#f { out.push((#wire, crate::ToParam::to_param(v))); } }
                } else if p.required {
                    quote! { out.push((#wire, crate::ToParam::to_param(&self.#f))); }
                } else {
                    quote! { if let Some(v) = &self.#f { out.push((#wire, crate::ToParam::to_param(v))); } }
                }
            })
            .collect();
        let header_pushes: Vec<_> = params
            .iter()
            .filter(|(k, _)| *k == "header")
            .map(|(_, p)| {
                let (f, wire) = (&p.field, &p.wire);
                if p.required {
                    quote! { out.push((#wire, crate::ToParam::to_param(&self.#f))); }
                } else {
                    quote! { if let Some(v) = &self.#f { out.push((#wire, crate::ToParam::to_param(v))); } }
                }
            })
            .collect();

        let (body_assoc, body_fn) = match &body_ty {
            Some(b) => (
                quote! { #b },
                quote! { fn body(&self) -> ::std::option::Option<&Self::Body> { Some(&self.body) } },
            ),
            None => (quote! { () }, quote! {}),
        };
        let doc = format!(
            "`{} {}` (operationId `{}`){}",
            method.to_uppercase(),
            path,
            op_id,
            op.summary
                .as_deref()
                .map(|s| format!("\n\n{s}"))
                .unwrap_or_default()
        );
        let derive_default = if body_ty.is_none() && params.iter().all(|(_, p)| !p.required) {
            quote! { #[derive(Default)] }
        } else {
            quote! {}
        };
        let doc_lines = doc.lines().map(|l| format!(" {l}"));
        let Meta {
            host,
            auth,
            idempotent,
            paging,
        } = &meta;
        let struct_def = if fields.is_empty() {
            quote! { pub struct #struct_name; }
        } else {
            quote! { pub struct #struct_name { #(#fields)* } }
        };
        items.push(quote! {
            #( #[doc = #doc_lines] )*
            #[derive(Clone, Debug, PartialEq)]
            #derive_default
            #struct_def

            impl crate::Operation for #struct_name {
                const OPERATION_ID: &'static str = #op_id;
                const METHOD: crate::Method = crate::Method::#method_variant;
                const PATH_TEMPLATE: &'static str = #path;
                const HOST: crate::Host = #host;
                const AUTH: crate::AuthScheme = crate::AuthScheme::#auth;
                const IDEMPOTENT: bool = #idempotent;
                const PAGING: ::std::option::Option<crate::PagingSpec> = #paging;
                const RESPONSE: crate::ResponseKind = crate::ResponseKind::#response_kind;
                type Body = #body_assoc;
                type Response = #response_ty;
                #path_fn
                fn query(&self, out: &mut ::std::vec::Vec<(&'static str, ::std::string::String)>) {
                    let _ = &out;
                    #(#query_pushes)*
                }
                fn headers(&self, out: &mut ::std::vec::Vec<(&'static str, ::std::string::String)>) {
                    let _ = &out;
                    #(#header_pushes)*
                }
                #body_fn
            }
        });
        table.push(quote! {
            crate::OperationInfo {
                operation_id: #op_id,
                method: crate::Method::#method_variant,
                path_template: #path,
                host: #host,
                auth: crate::AuthScheme::#auth,
                idempotent: #idempotent,
                paging: #paging,
                response: crate::ResponseKind::#response_kind,
            },
        });
    }
    Ok(quote! {
        #(#items)*
        /// Every operation in this spec, sorted by (path, method).
        pub const OPERATIONS: &[crate::OperationInfo] = &[ #(#table)* ];
    })
}

fn resolve_param<'a>(
    spec: &'a OpenAPI,
    p: &'a ReferenceOr<Parameter>,
) -> Result<&'a Parameter, String> {
    match p {
        ReferenceOr::Item(p) => Ok(p),
        ReferenceOr::Reference { reference } => {
            let name = reference
                .strip_prefix("#/components/parameters/")
                .ok_or(format!("bad ref {reference}"))?;
            spec.components
                .as_ref()
                .and_then(|c| c.parameters.get(name))
                .and_then(ReferenceOr::as_item)
                .ok_or(format!("unresolved {reference}"))
        }
    }
}

/// Bodies and responses must be `$ref`s to component schemas.
fn ref_type(schema: &ReferenceOr<Schema>, known: &BTreeSet<String>) -> Result<TokenStream, String> {
    match schema {
        ReferenceOr::Reference { reference } => component_type(reference, known),
        ReferenceOr::Item(_) => Err("inline schema; use a $ref to components/schemas".into()),
    }
}

fn component_type(reference: &str, known: &BTreeSet<String>) -> Result<TokenStream, String> {
    let name = reference
        .strip_prefix("#/components/schemas/")
        .ok_or(format!("unsupported ref {reference}"))?
        .to_pascal_case();
    if !known.contains(&name) {
        return Err(format!("{reference}: typify produced no type named {name}"));
    }
    let ident = format_ident!("{}", name);
    Ok(quote! { types::#ident })
}

/// Parameter schema -> (element type, is_array).
fn rust_type(
    schema: &ReferenceOr<Schema>,
    known: &BTreeSet<String>,
) -> Result<(TokenStream, bool), String> {
    let schema = match schema {
        ReferenceOr::Reference { reference } => {
            return Ok((component_type(reference, known)?, false));
        }
        ReferenceOr::Item(s) => s,
    };
    let scalar = |t: &Type| -> Result<TokenStream, String> {
        Ok(match t {
            Type::String(s) => match &s.format {
                openapiv3::VariantOrUnknownOrEmpty::Unknown(f) if f == "date-time" => {
                    quote! { crate::Timestamp }
                }
                openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::DateTime) => {
                    quote! { crate::Timestamp }
                }
                openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Password) => {
                    quote! { crate::Secret }
                }
                _ if !s.enumeration.is_empty() => return Err("inline enum; use a $ref".into()),
                _ => quote! { ::std::string::String },
            },
            Type::Integer(i) => match &i.format {
                openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => {
                    quote! { i32 }
                }
                _ => quote! { i64 },
            },
            Type::Number(_) => quote! { f64 },
            Type::Boolean(_) => quote! { bool },
            _ => return Err("unsupported parameter schema".into()),
        })
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::Array(a)) => {
            let items = a.items.as_ref().ok_or("array without items")?;
            match items {
                ReferenceOr::Reference { reference } => {
                    Ok((component_type(reference, known)?, true))
                }
                ReferenceOr::Item(s) => match &s.schema_kind {
                    SchemaKind::Type(t) => Ok((scalar(t)?, true)),
                    _ => Err("unsupported array item schema".into()),
                },
            }
        }
        SchemaKind::Type(t) => Ok((scalar(t)?, false)),
        _ => Err("unsupported parameter schema".into()),
    }
}

/// The first 2xx response decides the response kind: JSON (`$ref` body type), plain text
/// (`String`), a byte stream (any other media type; the caller reads the body) or empty.
fn response_of(
    op_id: &str,
    op: &openapiv3::Operation,
    known: &BTreeSet<String>,
) -> Result<(proc_macro2::Ident, TokenStream), String> {
    for (code, resp) in op.responses.responses.iter() {
        let is_2xx = match code {
            StatusCode::Code(c) => (200..300).contains(c),
            StatusCode::Range(r) => *r == 2,
        };
        if !is_2xx {
            continue;
        }
        let resp = resp
            .as_item()
            .ok_or(format!("{op_id}: response $ref unsupported"))?;
        if resp.content.len() > 1 {
            return Err(format!("{op_id}: a 2xx response may have one media type"));
        }
        let Some((media_type, media)) = resp.content.iter().next() else {
            return Ok((format_ident!("Empty"), quote! { () }));
        };
        return match media_type.as_str() {
            "application/json" => {
                let schema = media
                    .schema
                    .as_ref()
                    .ok_or(format!("{op_id}: response without schema"))?;
                let ty = ref_type(schema, known).map_err(|e| format!("{op_id} response: {e}"))?;
                Ok((format_ident!("Json"), ty))
            }
            "text/plain" => Ok((format_ident!("Text"), quote! { ::std::string::String })),
            _ => Ok((format_ident!("Stream"), quote! { () })),
        };
    }
    Ok((format_ident!("Empty"), quote! { () }))
}

/// Operation metadata from the `x-code42-*` extensions, as tokens for constants.
struct Meta {
    host: TokenStream,
    auth: proc_macro2::Ident,
    idempotent: bool,
    paging: TokenStream,
}

impl Meta {
    fn read(
        op_id: &str,
        method: &str,
        ext: &std::collections::BTreeMap<String, serde_json::Value>,
    ) -> Result<Meta, String> {
        use serde_json::Value;
        for key in ext.keys() {
            if key.starts_with("x-code42-")
                && ![
                    "x-code42-host",
                    "x-code42-auth",
                    "x-code42-idempotent",
                    "x-code42-paging",
                ]
                .contains(&key.as_str())
            {
                return Err(format!("{op_id}: unknown extension `{key}`"));
            }
        }
        let host = match ext.get("x-code42-host") {
            None => return Err(format!("{op_id}: `x-code42-host` is required")),
            Some(Value::String(h)) if h == "console" => quote! { crate::Host::Console },
            Some(Value::String(h)) if h == "gateway" => quote! { crate::Host::Gateway },
            Some(Value::String(h)) if h == "key-value-store" => {
                quote! { crate::Host::KeyValueStore }
            }
            Some(Value::String(key)) if !key.is_empty() => quote! { crate::Host::Service(#key) },
            Some(other) => return Err(format!("{op_id}: bad `x-code42-host` {other}")),
        };
        let auth = match ext.get("x-code42-auth").and_then(Value::as_str) {
            Some("none") => format_ident!("None"),
            Some("basic") => format_ident!("Basic"),
            Some("bearer") => format_ident!("Bearer"),
            other => {
                return Err(format!(
                    "{op_id}: `x-code42-auth` must be none, basic or bearer, not {other:?}"
                ));
            }
        };
        let idempotent = match ext.get("x-code42-idempotent") {
            None => matches!(method, "get" | "put" | "delete" | "head" | "options"),
            Some(Value::Bool(b)) => *b,
            Some(other) => return Err(format!("{op_id}: bad `x-code42-idempotent` {other}")),
        };
        let paging = match ext.get("x-code42-paging") {
            None => quote! { None },
            Some(p) => paging_tokens(p).map_err(|e| format!("{op_id}: x-code42-paging: {e}"))?,
        };
        Ok(Meta {
            host,
            auth,
            idempotent,
            paging,
        })
    }
}

fn paging_tokens(p: &serde_json::Value) -> Result<TokenStream, String> {
    use serde_json::Value;
    let obj = p.as_object().ok_or("must be an object")?;
    const KEYS: &[&str] = &[
        "style", "first", "in", "page", "size", "items", "total", "token", "next", "max", "id",
    ];
    if let Some(k) = obj.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(format!("unknown key `{k}`"));
    }
    if let Some(k) = obj
        .iter()
        .find(|(k, v)| *k != "first" && *k != "max" && !v.is_string())
        .map(|(k, _)| k)
    {
        return Err(format!("`{k}` must be a string"));
    }
    for path in ["items", "total", "next", "id"] {
        if let Some(p) = obj.get(path).and_then(Value::as_str)
            && p.split('.').any(str::is_empty)
        {
            return Err(format!("`{path}` must be a dotted path, not `{p}`"));
        }
    }
    let text = |k: &str| obj.get(k).and_then(Value::as_str);
    let required = |k: &str| text(k).ok_or(format!("`{k}` is required"));
    let optional = |k: &str| match text(k) {
        Some(v) => quote! { Some(#v) },
        None => quote! { None },
    };
    let style = match required("style")? {
        "page-number" => quote! { crate::PagingStyle::PageNumber },
        "token" => quote! { crate::PagingStyle::Token },
        s => return Err(format!("unknown style `{s}`")),
    };
    let location = match required("in")? {
        "query" => quote! { crate::ParamLocation::Query },
        "body" => quote! { crate::ParamLocation::Body },
        s => return Err(format!("unknown `in` `{s}`")),
    };
    let first = match obj.get("first") {
        None => 0u32,
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or("`first` must be a small whole number")?,
    };
    let (page, size, items) = (required("page")?, required("size")?, required("items")?);
    let max = match obj.get("max") {
        None => quote! { None },
        Some(v) => {
            let max = v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| *n >= 1)
                .ok_or("`max` must be a whole number from 1")?;
            quote! { Some(#max) }
        }
    };
    let (total, token, next) = (optional("total"), optional("token"), optional("next"));
    let id = optional("id");
    Ok(quote! {
        Some(crate::PagingSpec {
            style: #style,
            first: #first,
            location: #location,
            page: #page,
            size: #size,
            items: #items,
            total: #total,
            token: #token,
            next: #next,
            max: #max,
            id: #id,
        })
    })
}
