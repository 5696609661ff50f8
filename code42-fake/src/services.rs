//! The microservices the fake tenant knows, each mounted under `/svc/<key lower-cased>`.
//!
//! To add a service's routes: write `code42-fake/src/<service>.rs` with
//! `pub(crate) fn routes() -> Vec<Route>` (paths relative to the service's base URL, e.g.
//! `/svc/api/v1/query-alerts` for alerts, as py42 joins them), and point its entry below at it.
//! The key-value store answers every key listed here; the routes are mounted under the prefix.

use super::http::Route;

/// A service: its key-value-store key and its routes (relative to its base URL).
pub(crate) struct Service {
    /// The key-value-store key, spelled exactly as the client asks for it.
    pub key: &'static str,
    /// The service's routes, relative to its base URL.
    pub routes: fn() -> Vec<Route>,
}

impl Service {
    /// Path prefix of the service's base URL: `/svc/<key lower-cased>`.
    pub fn prefix(&self) -> String {
        format!("/svc/{}", self.key.to_ascii_lowercase())
    }
}

fn no_routes_yet() -> Vec<Route> {
    Vec::new()
}

/// Every service the key-value store knows.
pub(crate) const SERVICES: &[Service] = &[
    Service {
        key: "AlertService-API_URL",
        routes: super::alerts::routes,
    },
    Service {
        key: "FedObserver-API_URL",
        routes: super::alert_rules::routes,
    },
    Service {
        key: "FORENSIC_SEARCH-API_URL",
        routes: super::file_events::routes,
    },
    Service {
        key: "CASES_API-URL",
        routes: super::cases::routes,
    },
    Service {
        key: "AUDIT-LOG_API-URL",
        routes: no_routes_yet,
    },
    Service {
        key: "TRUSTED-DOMAINS_API-URL",
        routes: no_routes_yet,
    },
    Service {
        key: "watchlists-API_URL",
        routes: no_routes_yet,
    },
    Service {
        key: "EXFILTRATED-DATA-SERVICE_API-URL",
        routes: super::file_events::download_routes,
    },
    Service {
        key: "PRESERVATION-DATA-SERVICE_API-URL",
        routes: no_routes_yet,
    },
    Service {
        key: "employeecasemanagementV2-API_URL",
        routes: no_routes_yet,
    },
];

/// The service with this key (exact spelling).
pub(crate) fn find(key: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| s.key == key)
}

/// Every service's routes, mounted under its prefix.
pub(crate) fn routes() -> Vec<Route> {
    SERVICES
        .iter()
        .flat_map(|s| {
            let prefix = s.prefix();
            (s.routes)().into_iter().map(move |r| r.under(&prefix))
        })
        .collect()
}
