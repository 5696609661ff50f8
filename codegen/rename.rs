//! Field-name collisions typify cannot resolve: `type` and `type$` both become `type_`,
//! `event.id` and `event_id` both `event_id`. The field whose wire name is a plain identifier
//! keeps the name; the others are renamed after their punctuation (`type_dollar`,
//! `event_dot_id`). The serde `rename` attribute still carries the wire name.

use std::collections::BTreeSet;

use heck::ToSnakeCase;
use syn::visit_mut::VisitMut;

pub fn resolve_field_collisions(file: &mut syn::File) {
    Renamer.visit_file_mut(file);
}

struct Renamer;

impl VisitMut for Renamer {
    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        let syn::Fields::Named(fields) = &mut item.fields else {
            return;
        };
        let mut taken = BTreeSet::new();
        let mut clashing = BTreeSet::new();
        for f in fields.named.iter() {
            if let Some(id) = &f.ident {
                if !taken.insert(id.to_string()) {
                    clashing.insert(id.to_string());
                }
            }
        }
        if clashing.is_empty() {
            return;
        }
        for f in fields.named.iter_mut() {
            let Some(id) = f.ident.clone() else { continue };
            if !clashing.contains(&id.to_string()) {
                continue;
            }
            let Some(wire) = serde_rename(&f.attrs) else {
                continue; // no rename: the wire name is the identifier itself
            };
            if wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let mut name = spell_out(&wire);
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{}_{n}", spell_out(&wire));
                n += 1;
            }
            taken.insert(name.clone());
            f.ident = Some(syn::Ident::new(&name, id.span()));
        }
    }
}

fn spell_out(wire: &str) -> String {
    let mut out = String::new();
    for c in wire.chars() {
        match c {
            c if c.is_ascii_alphanumeric() || c == '_' => out.push(c),
            '$' => out.push_str("_dollar_"),
            '.' => out.push_str("_dot_"),
            '@' => out.push_str("_at_"),
            _ => out.push('_'),
        }
    }
    let name = out.to_snake_case();
    match syn::parse_str::<syn::Ident>(&name) {
        Ok(_) => name,
        Err(_) => format!("{name}_"),
    }
}

fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    let mut found = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let lit: syn::LitStr = meta.value()?.parse()?;
                found = Some(lit.value());
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    found
}
