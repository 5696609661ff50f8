//! Wire types and operations generated from `specs/` by `build.rs`; never edited by hand.
//!
//! Each module has `types` (serde structs and open enums) and `ops` (one request struct per
//! operation, implementing [`crate::Operation`], and an `OPERATIONS` table).
//!
//! # Forward compatible, losslessly
//!
//! - **Unknown fields** a newer server sends are kept in each struct's `extra` map and written
//!   back after the known fields.
//! - **Unknown enum values** decode to the enum's `Unknown(String)` variant and are written back
//!   as received; every generated enum is `#[non_exhaustive]`.
//! - **Explicit nulls**: a known field received as `null` reads as `None`, and is written back
//!   as `null` (a field that was absent stays absent). Setting the field to a value replaces the
//!   null. So a document read from the server and written back unchanged (a settings document,
//!   a case) is the same document.
//! - **Timestamps** are written back byte for byte as they were received ([`crate::Timestamp`]).
//! - **Numbers round-trip by value, not by text**: `1.0` may come back as `1.0` or `1` depending
//!   on the field's type, `3.10e24` as `3.1e+24`. serde_json's `float_roundtrip` is on, so a
//!   float decodes to the nearest double and is written back as that same value.
//!
//! Decoding streams: the generated `Deserialize` impls match each key against the known field
//! names and read anything else straight into `extra` (no buffering through serde's
//! `flatten`/`untagged`), so keeping unknowns costs little (see `benches/decode.rs`).
//!
//! # Building values
//!
//! Every generated struct is `#[non_exhaustive]`, so that a field added to a spec is not a
//! breaking change; build one with `new(required…)` and the `with_<field>(value)` setters, and
//! change fields directly afterwards (they are public):
//!
//! ```
//! use code42::wire::cases::types::CreateCaseRequest;
//! let request = CreateCaseRequest::new("Departing engineer").with_description("Exfiltration");
//! assert_eq!(request.description.as_deref(), Some("Exfiltration"));
//! ```
//!
//! A struct literal does not compile outside this crate:
//!
//! ```compile_fail
//! use code42::wire::cases::types::CreateCaseRequest;
//! let request = CreateCaseRequest {
//!     name: "Departing engineer".into(),
//!     description: None,
//!     findings: None,
//!     subject: None,
//!     assignee: None,
//!     extra: Default::default(),
//! };
//! ```
//!
//! Setters take numbers, booleans and collections as themselves and anything else as
//! `impl Into<T>` (`&str` for a `String`, an open enum or a [`crate::Secret`]). Structs without
//! required fields also implement `Default`.
//!
//! [`crate::Secret`] fields (`format: password`) are written to the wire by the generated
//! `Serialize` impls only (`Secret` itself does not implement `Serialize`).

/// Console (authority) API: authentication, discovery, tenant, users and roles
/// (generated from `specs/authority.json`).
#[rustfmt::skip]
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
#[path = "../../generated/alerts.rs"]
pub mod alerts;

/// Cases API: cases, their file events, summary and file-activity exports
/// (generated from `specs/cases.json`).
#[rustfmt::skip]
#[path = "../../generated/cases.rs"]
pub mod cases;

/// Exfiltrated data service: the file lookup of downloads
/// (generated from `specs/exfiltrated-data.json`).
#[rustfmt::skip]
#[path = "../../generated/exfiltrated-data.rs"]
pub mod exfiltrated_data;

/// Forensic search: file events (v1 and v2), file locations, saved searches
/// (generated from `specs/forensic-search.json`).
#[rustfmt::skip]
#[path = "../../generated/forensic-search.rs"]
pub mod forensic_search;

/// Fed-observer: alert rules' user lists and rule details
/// (generated from `specs/fed-observer.json`).
#[rustfmt::skip]
#[path = "../../generated/fed-observer.rs"]
pub mod fed_observer;

/// The Incydr API gateway: token, customer, file events v2, files
/// (generated from `specs/incydr.json`).
#[rustfmt::skip]
#[path = "../../generated/incydr.rs"]
pub mod incydr;

/// Schemas that exercise the generator's rewrites (tests only).
#[cfg(test)]
#[rustfmt::skip]
#[path = "../../generated/codegen-checks.rs"]
pub(crate) mod codegen_checks;

pub(crate) mod runtime;

#[cfg(test)]
mod tests;
