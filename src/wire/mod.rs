//! Wire types and operations generated from `specs/` by `build.rs`; never edited by hand.
//!
//! Each module has `types` (serde structs and open enums) and `ops` (one request struct per
//! operation, implementing [`crate::Operation`], and an `OPERATIONS` table).

/// Console (authority) API: authentication, discovery, tenant, users
/// (generated from `specs/authority.json`).
#[rustfmt::skip]
#[allow(missing_docs)]
#[path = "../../generated/authority.rs"]
pub mod authority;

/// Alert service: alert search, details, state and notes, rule metadata
/// (generated from `specs/alerts.json`).
#[rustfmt::skip]
#[allow(missing_docs)]
#[path = "../../generated/alerts.rs"]
pub mod alerts;

/// Cases API: cases, their file events, summary and file-activity exports
/// (generated from `specs/cases.json`).
#[rustfmt::skip]
#[allow(missing_docs)]
#[path = "../../generated/cases.rs"]
pub mod cases;

/// Fed-observer: alert rules' user lists and rule details
/// (generated from `specs/fed-observer.json`).
#[rustfmt::skip]
#[allow(missing_docs)]
#[path = "../../generated/fed-observer.rs"]
pub mod fed_observer;

/// Schemas that exercise the generator's rewrites (tests only).
#[cfg(test)]
#[rustfmt::skip]
#[allow(missing_docs)]
#[path = "../../generated/codegen-checks.rs"]
pub(crate) mod codegen_checks;

#[cfg(test)]
mod tests;
