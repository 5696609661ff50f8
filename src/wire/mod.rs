//! Wire types and operations generated from `specs/` by `build.rs`; never edited by hand.
//!
//! Each module has `types` (serde structs and open enums) and `ops` (one request struct per
//! operation, implementing [`crate::Operation`], and an `OPERATIONS` table).

/// Console (authority) API: authentication, discovery, tenant, users and roles
/// (generated from `specs/authority.json`).
#[rustfmt::skip]
#[allow(missing_docs)]
#[path = "../../generated/authority.rs"]
pub mod authority;

/// Console organizations: list, one org, create, update, block, deactivation, agent state
/// (generated from `specs/orgs.json`).
#[rustfmt::skip]
#[allow(missing_docs)]
#[path = "../../generated/orgs.rs"]
pub mod orgs;

/// Console devices: list, one device, block, deactivation, deauthorization, upgrade, agent state
/// (generated from `specs/devices.json`).
#[rustfmt::skip]
#[allow(missing_docs)]
#[path = "../../generated/devices.rs"]
pub mod devices;

/// Console administration: diagnostics and login configuration
/// (generated from `specs/administration.json`).
#[rustfmt::skip]
#[allow(missing_docs)]
#[path = "../../generated/administration.rs"]
pub mod administration;

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

/// Exfiltrated data service: the file lookup of downloads
/// (generated from `specs/exfiltrated-data.json`).
#[rustfmt::skip]
#[allow(missing_docs)]
#[path = "../../generated/exfiltrated-data.rs"]
pub mod exfiltrated_data;

/// Forensic search: file events (v1 and v2), file locations, saved searches
/// (generated from `specs/forensic-search.json`).
#[rustfmt::skip]
#[allow(missing_docs)]
#[path = "../../generated/forensic-search.rs"]
pub mod forensic_search;

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
