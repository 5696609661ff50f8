//! An in-process fake Code42 tenant for tests: the `code42-fake` package.
//!
//! [`FakeTenant`] is a real HTTP server on `127.0.0.1` with in-memory state seeded with
//! deterministic data. It serves the console, the key-value store used for service discovery, and
//! every discovered service under its own path prefix, all on one port:
//!
//! | path | what |
//! |---|---|
//! | `/api/v3/auth/jwt?useBody=true` | local-account JWT (HTTP Basic, optional `totp-auth`) |
//! | `/api/v3/oauth/token?grant_type=client_credentials` | API-client token (HTTP Basic) |
//! | `/api/v1/ServerEnv` | `stsBaseUrl` = `<url>/sts` |
//! | `/simple-key-value-store/v1/{key}` | a service's base URL, `<url>/svc/<key lower-cased>` (no auth) |
//! | `/api/v3/customer/my` | the tenant |
//! | `/api/v1/User`, `/api/v1/User/my`, `/api/v1/User/{id}` | users (filters, paging from 1; create, update) |
//! | `/api/v3/users/{uid}/block\|unblock\|deactivate\|activate\|move\|roles`, `/api/v1/role`, `/api/v18/scim-user-data/collated-view` | user writes and roles (legal hold: [`LEGAL_HOLD_USER_ID`]) |
//! | `/api/v1/Org`, `/api/v1/Org/my`, `/api/v3/orgs[/{guid}[/block\|unblock\|deactivate\|activate]]` | the org tree |
//! | `/api/v1/Computer[/{id}]`, `ComputerBlock`, `ComputerDeauthorization`, `/api/v4/computer-deactivation/…`, `/api/v4/device-upgrade/…`, `/api/v14/agent-state/…` | devices (CrashPlan agents with backup usage, Incydr agents) |
//! | `/api/Diagnostic`, `/api/v3/LoginConfiguration` (no auth) | administration |
//! | `/svc/forensic_search-api_url/forensic-search/queryservice/api/v1\|v2/fileevent` | file-event search: filters on the common terms, page numbers (first 10,000 results) and page tokens, pages of up to 10,000 |
//! | `…/api/v1/filelocations`, `…/api/v1\|v2/saved[/{id}]` | file locations, saved searches |
//! | `/svc/exfiltrated-data-service_api-url/api/v3/search-file`, `…/api/v1/download-token`, `…/api/v1/get-file` | file downloads (the last without auth) |
//! | `/svc/cases_api-url/api/v1/case…` | cases and their file events, PDF and CSV exports |
//! | `/svc/alertservice-api_url/svc/api/v1/…` | alerts: search (filters, paging from 0), details, aggregates, state, notes; rule metadata |
//! | `/svc/fedobserver-api_url/svc/api/v1/Rules/…` | alert rules: details by type, user lists |
//! | `/v1/oauth` | the Incydr API gateway's token (HTTP Basic API-client id and secret, no body); the gateway is served from the same URL (`CODE42_API_URL` = the tenant's URL) |
//! | `/v1/customer`, `/v2/file-events`, `/v2/file-events/grouping`, `/v2/file-events/saved-searches[/{id}]`, `/v1/files/get-file-by-sha256/{sha256}` | the gateway: the same tenant and the same events as the console's services; gateway tokens only (a console token gets 401, and a gateway token gets 401 on the console) |
//!
//! Every route other than the token endpoints and the key-value store needs
//! `Authorization: Bearer <token>` with a token the tenant issued and that has not expired (401
//! otherwise). Responses are built from the generated wire types
//! ([`code42::wire::authority::types`], [`code42::wire::forensic_search::types`]), so the fake
//! cannot drift from the specs.
//!
//! File events are generated lazily from the seed and the event index (no memory up front, so a
//! tenant can hold millions): one every 30 s on average from 2024-01-01, by the seeded users,
//! over a pool of 4,096 files, in realistic scenarios (removable media, cloud uploads, email,
//! printing, sharing, downloads from business tools). `WITHIN_THE_LAST` counts back from the
//! newest event.
//!
//! ```
//! use code42_fake::{FakeTenant, FaultRule};
//!
//! let tenant = FakeTenant::builder().users(20).seed(7).start()?;
//! assert!(tenant.url().starts_with("http://127.0.0.1:"));
//! assert_eq!(tenant.users().len(), 20);
//! tenant.inject(FaultRule::status(503).times(2).path("/api/v1/User"));
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! Pointing a [`Client`](code42::Client) at it takes three lines:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let tenant = code42_fake::FakeTenant::start()?;
//! let client = code42::Client::builder(tenant.url()).local_account(tenant.username(), tenant.password()).build()?;
//! assert_eq!(client.users().current()?.username, tenant.username());
//! # Ok(())
//! # }
//! ```
//!
//! How it is built and how to add a service's routes: `docs/fake-tenant.md`.
//!
//! Tests can check what the tenant received with [`FakeTenant::requests`], make the next requests
//! fail with [`FakeTenant::inject`], and force a token renewal with [`FakeTenant::revoke_tokens`].
//! Dropping the tenant closes its port and every connection, and joins its threads.
#![forbid(unsafe_code)]
#![recursion_limit = "256"]

mod administration;
mod alert_rules;
mod alerts;
mod auth;
mod cases;
mod console;
mod devices;
mod faults;
mod file_events;
mod filter;
mod front;
mod gateway;
mod http;
mod kv;
mod orgs;
mod seed;
pub mod serve;
mod services;
mod user_admin;
mod users;

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{
    Arc, Condvar, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard,
};
use std::thread::{self, JoinHandle};
use std::time::Duration;

pub use faults::FaultRule;

use auth::{Principal, Tokens};
use code42::Secret;
use code42::wire::alerts::types::{AlertDetails, RuleMetadata};
use code42::wire::authority::types::{Role, User};
use code42::wire::cases::types::{Case, CaseFileEvent};
use code42::wire::devices::types::Device;
use code42::wire::fed_observer::types::RuleUser;
use code42::wire::orgs::types::Org;
use faults::{FaultKind, Faults};
use http::{Access, Ctx, Incoming, Lookup, Reply, Route};

/// Default number of seeded users.
pub const DEFAULT_USERS: usize = 250;
/// Default seed.
pub const DEFAULT_SEED: u64 = 42;
/// Default number of seeded cases.
pub const DEFAULT_CASES: usize = 12;
/// Default number of seeded alerts.
pub const DEFAULT_ALERTS: usize = 60;
/// Default local-account username.
pub const DEFAULT_USERNAME: &str = "admin@example.com";
/// Default local-account password.
pub const DEFAULT_PASSWORD: &str = "fake-password";
/// Default API client id.
pub const DEFAULT_API_CLIENT_ID: &str = "key-fake";
/// Default API client secret.
pub const DEFAULT_API_CLIENT_SECRET: &str = "fake-secret";
/// Default token lifetime.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(15 * 60);
/// Default number of file events.
pub const DEFAULT_FILE_EVENTS: u64 = 25_000;
/// The seeded user on legal hold: deactivating them or one of their devices is the real 400
/// `ACTIVE_LEGAL_HOLD`.
pub const LEGAL_HOLD_USER_ID: i64 = 1003;
/// Default number of threads answering requests.
pub const DEFAULT_WORKERS: usize = 4;

/// A request the tenant received, as it arrived (nothing redacted: tests check headers).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// `GET`, `POST`, ….
    pub method: String,
    /// The path as sent, without the query string (not percent-decoded).
    pub path: String,
    /// Query parameters in order, percent-decoded (`+` is a space).
    pub query: Vec<(String, String)>,
    /// Headers in order, names as sent.
    pub headers: Vec<(String, String)>,
    /// The body (invalid UTF-8 replaced).
    pub body: String,
}

impl RecordedRequest {
    /// The first header with this name (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first query parameter with this name (exact).
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Settings fixed at start.
pub(crate) struct Config {
    pub username: String,
    pub password: Secret,
    pub totp: Option<Secret>,
    pub api_client_id: String,
    pub api_client_secret: Secret,
    pub token_lifetime: Duration,
    pub seed: u64,
    pub tenant_uid: String,
    pub registration_key: String,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    /// File-event page numbers reach this many results.
    pub page_number_window: u64,
}

/// Mutable tenant data.
pub(crate) struct State {
    /// Users ordered by `userId`.
    pub users: Vec<User>,
    /// The org tree.
    pub org_tree: orgs::OrgStore,
    /// Devices (CrashPlan and Incydr agents).
    pub devices: devices::DeviceStore,
    /// The tenant's roles.
    pub roles: Vec<Role>,
    /// Uids of users on legal hold: they and their devices cannot be deactivated.
    pub legal_hold: std::collections::HashSet<String>,
    /// Cases and their file events.
    pub cases: cases::CaseStore,
    /// Alerts with their observations.
    pub alerts: alerts::AlertStore,
    /// Alert rules and their user lists.
    pub rules: alert_rules::RuleStore,
}

/// Everything the request handlers share.
pub(crate) struct Shared {
    pub config: Config,
    state: RwLock<State>,
    tokens: Mutex<Tokens>,
    faults: Mutex<Faults>,
    /// Injected shifts of page-number listings, by path.
    shifts: Mutex<HashMap<String, i64>>,
    /// The last request served for each method and path (for repeated pages).
    previous: Mutex<HashMap<(String, String), Incoming>>,
    log: Mutex<Vec<RecordedRequest>>,
    record: bool,
    routes: Vec<Route>,
    /// File events, generated on demand.
    events: file_events::generate::Store,
    stopping: Mutex<bool>,
    stopped: Condvar,
}

impl Shared {
    /// The data, for reading.
    pub fn state(&self) -> RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// The file events.
    pub fn events(&self) -> &file_events::generate::Store {
        &self.events
    }

    /// The data, for changing (keep the guard short: every worker waits for it).
    pub fn state_mut(&self) -> RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// The token registry.
    pub fn tokens(&self) -> MutexGuard<'_, Tokens> {
        self.tokens.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn faults(&self) -> MutexGuard<'_, Faults> {
        self.faults.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The injected shift of page-number listings on `path` (0 when none).
    pub fn shift(&self, path: &str) -> i64 {
        self.shifts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    fn add_shift(&self, path: &str, items: i64) {
        let mut shifts = self.shifts.lock().unwrap_or_else(PoisonError::into_inner);
        let shift = shifts.entry(path.to_owned()).or_insert(0);
        *shift = shift.saturating_add(items);
    }

    /// Remembers `req` as the last one served on its method and path; returns the one before.
    fn remember(&self, req: &Incoming) -> Option<Incoming> {
        self.previous
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert((req.method.clone(), req.path.clone()), req.clone())
    }

    fn log(&self) -> MutexGuard<'_, Vec<RecordedRequest>> {
        self.log.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Issues a token for `principal` with the configured lifetime.
    pub fn issue_token(&self, principal: Principal) -> String {
        let cfg = &self.config;
        self.tokens()
            .issue(principal, cfg.token_lifetime, cfg.seed, &cfg.tenant_uid)
    }

    fn record(&self, req: &Incoming) {
        if self.record {
            self.log().push(RecordedRequest {
                method: req.method.clone(),
                path: req.path.clone(),
                query: req.query.clone(),
                headers: req.headers.clone(),
                body: String::from_utf8_lossy(&req.body).into_owned(),
            });
        }
    }

    /// Sleeps for `d`, or less if the tenant is being dropped.
    fn pause(&self, d: Duration) {
        let stopping = self.stopping.lock().unwrap_or_else(PoisonError::into_inner);
        let _ = self
            .stopped
            .wait_timeout_while(stopping, d, |stopping| !*stopping);
    }

    fn begin_stop(&self) {
        *self.stopping.lock().unwrap_or_else(PoisonError::into_inner) = true;
        self.stopped.notify_all();
    }

    fn is_stopping(&self) -> bool {
        *self.stopping.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Routes the request and runs its handler.
    fn dispatch(&self, req: &Incoming) -> Reply {
        match http::lookup(&self.routes, &req.method, &req.path) {
            Lookup::NotFound => Reply::system_error(404, "Resource not found"),
            Lookup::WrongMethod(allowed) => Reply::system_error(405, "Method not allowed")
                .with_header("Allow", allowed.join(", ")),
            Lookup::Found(route, params) => {
                let principal = match route.access() {
                    Access::Public => None,
                    Access::Bearer => match auth::authenticate(self, req) {
                        Some(p) if !p.is_gateway() => Some(p),
                        _ => return auth::unauthorized(),
                    },
                    Access::Gateway => match auth::authenticate(self, req) {
                        Some(p) if p.is_gateway() => Some(p),
                        _ => return auth::unauthorized(),
                    },
                };
                let ctx = Ctx {
                    tenant: self,
                    req,
                    params,
                    principal,
                };
                (route.handler())(&ctx)
            }
        }
    }
}

/// Every route the tenant serves: console, key-value store, services.
fn route_table() -> Vec<Route> {
    let mut routes = auth::routes();
    routes.extend(console::routes());
    routes.extend(users::routes());
    routes.extend(user_admin::routes());
    routes.extend(orgs::routes());
    routes.extend(devices::routes());
    routes.extend(administration::routes());
    routes.extend(kv::routes());
    routes.extend(services::routes());
    routes.extend(gateway::routes());
    routes
}

/// Answers one request: record it, apply a fault if one matches, else route it.
fn serve(shared: &Shared, links: &front::Links, mut rq: tiny_http::Request) {
    let req = match Incoming::read(&mut rq) {
        Ok(req) => req,
        Err(reply) => return reply.send(rq),
    };
    shared.record(&req);
    let fault = shared.faults().take(&req.method, &req.path);
    let cut = |rq: tiny_http::Request, bytes: &[u8]| {
        match rq.remote_addr().and_then(|peer| links.get(peer)) {
            // Nothing more goes through tiny_http for this request.
            Some(link) => {
                drop(rq.into_writer());
                link.cut(bytes);
            }
            None => log::warn!("fake tenant: no connection to cut for {}", req.path),
        }
    };
    let previous = shared.remember(&req);
    match fault {
        None => shared.dispatch(&req).send(rq),
        Some(FaultKind::Delay(d)) => {
            shared.pause(d);
            shared.dispatch(&req).send(rq);
        }
        Some(FaultKind::Status(status)) => {
            Reply::system_error(status, &format!("Injected fault: HTTP {status}")).send(rq);
        }
        Some(FaultKind::TooManyRequests(retry_after)) => {
            let reply = Reply::system_error(429, "Too many requests");
            match retry_after {
                Some(value) => reply.with_header("Retry-After", value),
                None => reply,
            }
            .send(rq);
        }
        Some(FaultKind::InvalidJson) => Reply {
            status: 200,
            content_type: "application/json",
            headers: Vec::new(),
            body: b"<html><body>This is not JSON</body></html>".to_vec(),
        }
        .send(rq),
        Some(FaultKind::TruncatedBody) => {
            let bytes = shared.dispatch(&req).truncated_bytes();
            cut(rq, &bytes);
        }
        Some(FaultKind::Disconnect) => cut(rq, &[]),
        Some(FaultKind::HtmlOk) => Reply {
            status: 200,
            content_type: "text/html; charset=utf-8",
            headers: Vec::new(),
            body: b"<!DOCTYPE html><html><head><title>Sign in</title></head>\
                    <body><form action=\"/login\"></form></body></html>"
                .to_vec(),
        }
        .send(rq),
        Some(FaultKind::StalledBody(stall)) => {
            let bytes = shared.dispatch(&req).truncated_bytes();
            match rq.remote_addr().and_then(|peer| links.get(peer)) {
                Some(link) => {
                    drop(rq.into_writer());
                    link.write(&bytes);
                    shared.pause(stall);
                    link.close();
                }
                None => log::warn!("fake tenant: no connection to stall for {}", req.path),
            }
        }
        Some(FaultKind::RepeatedPage) => {
            // The previous page is answered again; the request stays the one to repeat.
            let answered = previous.unwrap_or_else(|| req.clone());
            shared.remember(&answered);
            shared.dispatch(&answered).send(rq);
        }
        Some(FaultKind::RepeatedToken) => {
            let sent = serde_json::from_slice::<serde_json::Value>(&req.body)
                .ok()
                .and_then(|body| body.get("pgToken").cloned())
                .unwrap_or(serde_json::Value::Null);
            rewrite(shared.dispatch(&req), "nextPgToken", &sent).send(rq);
        }
        Some(FaultKind::ShrinkingTotal) => {
            rewrite(shared.dispatch(&req), "totalCount", &serde_json::json!(1)).send(rq);
        }
        Some(FaultKind::Shift(items)) => {
            shared.add_shift(&req.path, items);
            shared.dispatch(&req).send(rq);
        }
    }
}

/// `reply` with every `key` member of its JSON body (at any depth) set to `value`.
fn rewrite(mut reply: Reply, key: &str, value: &serde_json::Value) -> Reply {
    fn walk(node: &mut serde_json::Value, key: &str, value: &serde_json::Value) {
        match node {
            serde_json::Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    if k == key {
                        *v = value.clone();
                    } else {
                        walk(v, key, value);
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    walk(item, key, value);
                }
            }
            _ => {}
        }
    }
    if let Ok(mut body) = serde_json::from_slice::<serde_json::Value>(&reply.body) {
        walk(&mut body, key, value);
        if let Ok(bytes) = serde_json::to_vec(&body) {
            reply.body = bytes;
        }
    }
    reply
}

fn worker(shared: &Shared, server: &tiny_http::Server, links: &front::Links) {
    loop {
        match server.recv() {
            Ok(rq) => {
                if catch_unwind(AssertUnwindSafe(|| serve(shared, links, rq))).is_err() {
                    log::error!("fake tenant: a request handler panicked");
                }
            }
            Err(e) => {
                if shared.is_stopping() {
                    return;
                }
                log::debug!("fake tenant: receiving a request failed: {e}");
            }
        }
    }
}

/// An in-process fake Code42 tenant; see the [module docs](self).
///
/// Cheap to share by reference across threads (`Send + Sync`). Dropping it stops the server:
/// the port is closed, open connections are closed, and its threads are joined.
pub struct FakeTenant {
    shared: Arc<Shared>,
    front: front::Front,
    server: Arc<tiny_http::Server>,
    workers: Vec<JoinHandle<()>>,
}

impl FakeTenant {
    /// Starts a tenant with the defaults on a random port.
    pub fn start() -> io::Result<FakeTenant> {
        FakeTenant::builder().start()
    }

    /// A builder for a tenant with other settings.
    pub fn builder() -> FakeTenantBuilder {
        FakeTenantBuilder::default()
    }

    /// The base URL of the console, `http://127.0.0.1:PORT` (no trailing slash).
    pub fn url(&self) -> String {
        self.shared.config.base_url.clone()
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.front.addr().port()
    }

    /// The local account's username.
    pub fn username(&self) -> &str {
        &self.shared.config.username
    }

    /// The local account's password.
    pub fn password(&self) -> &str {
        self.shared.config.password.expose()
    }

    /// The TOTP code the JWT endpoint requires, if one was configured.
    pub fn totp(&self) -> Option<&str> {
        self.shared.config.totp.as_ref().map(Secret::expose)
    }

    /// The API client id.
    pub fn api_client_id(&self) -> &str {
        &self.shared.config.api_client_id
    }

    /// The API client secret.
    pub fn api_client_secret(&self) -> &str {
        self.shared.config.api_client_secret.expose()
    }

    /// The tenant uid (`/api/v3/customer/my`).
    pub fn tenant_uid(&self) -> &str {
        &self.shared.config.tenant_uid
    }

    /// The base URL the key-value store hands out for a service key, e.g.
    /// `http://127.0.0.1:PORT/svc/alertservice-api_url`; `None` for keys the fake does not know.
    pub fn service_url(&self, key: &str) -> Option<String> {
        services::find(key).map(|s| format!("{}{}", self.shared.config.base_url, s.prefix()))
    }

    /// Injects a fault for the next matching requests (after the rules already pending).
    pub fn inject(&self, rule: FaultRule) {
        self.shared.faults().push(rule);
    }

    /// How many injected rules still have uses left.
    pub fn pending_faults(&self) -> usize {
        self.shared.faults().pending()
    }

    /// Drops every pending fault rule and every injected shift.
    pub fn clear_faults(&self) {
        self.shared.faults().clear();
        self.shared
            .shifts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// Every request received so far, in order (recorded before any fault was applied).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.log().clone()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.shared.log().clear();
    }

    /// The users as they are now, ordered by `userId` (with their roles, which the API serves
    /// only with `incRoles=true`).
    pub fn users(&self) -> Vec<User> {
        self.shared.state().users.clone()
    }

    /// The org tree as it is now, ordered by `orgId` (the first is the root org).
    pub fn orgs(&self) -> Vec<Org> {
        self.shared.state().org_tree.all().to_vec()
    }

    /// The devices as they are now, ordered by `computerId`, with their backup usage.
    pub fn devices(&self) -> Vec<Device> {
        self.shared.state().devices.all().to_vec()
    }

    /// Guids of the devices asked to upgrade, in order.
    pub fn upgraded_devices(&self) -> Vec<String> {
        self.shared.state().devices.upgraded.clone()
    }

    /// The tenant's roles.
    pub fn roles(&self) -> Vec<Role> {
        self.shared.state().roles.clone()
    }

    /// How many file events the tenant holds.
    pub fn file_event_count(&self) -> u64 {
        self.shared.events.count
    }

    /// File event `index` (0 is the oldest) in the v2 data model, as a client decodes what the
    /// search serves.
    pub fn file_event(
        &self,
        index: u64,
    ) -> Option<code42::wire::forensic_search::types::FileEventV2> {
        let store = &self.shared.events;
        if index >= store.count {
            return None;
        }
        // As a client decodes it: the served `null`s become `None` (and are kept for re-encoding).
        let served = serde_json::to_vec(&store.event_v2_as_served(&store.facts(index))).ok()?;
        serde_json::from_slice(&served).ok()
    }

    /// File event `index` in the v1 data model.
    pub fn file_event_v1(
        &self,
        index: u64,
    ) -> Option<code42::wire::forensic_search::types::FileEventV1> {
        let store = &self.shared.events;
        (index < store.count).then(|| store.event_v1(&store.facts(index)))
    }

    /// The bytes the download routes serve for the file with this SHA-256 (files events name
    /// have generated hashes: the content does not hash to them).
    pub fn file_content(&self, sha256: &str) -> Option<Vec<u8>> {
        let store = &self.shared.events;
        store.by_sha256.get(sha256).and_then(|i| store.content(*i))
    }

    /// The cases as they are now, ordered by number, with descriptions and findings.
    pub fn cases(&self) -> Vec<Case> {
        self.shared.state().cases.all()
    }

    /// The file events of a case as they are now (`None` for a case that does not exist).
    pub fn case_file_events(&self, case_number: i64) -> Option<Vec<CaseFileEvent>> {
        self.shared.state().cases.events(case_number)
    }

    /// The alerts as they are now (with observations and notes), in creation order.
    pub fn alerts(&self) -> Vec<AlertDetails> {
        self.shared.state().alerts.all()
    }

    /// The alert rules' metadata as it is now, in creation order.
    pub fn alert_rules(&self) -> Vec<RuleMetadata> {
        self.shared.state().rules.metadata()
    }

    /// A rule's user list as it is now (`None` for a rule that does not exist).
    pub fn alert_rule_users(&self, rule_id: &str) -> Option<Vec<RuleUser>> {
        self.shared.state().rules.users(rule_id)
    }

    /// Issues a local-account token without an HTTP call (for a client's JWT provider).
    pub fn issue_token(&self) -> String {
        self.shared
            .issue_token(Principal::User(self.shared.config.username.clone()))
    }

    /// Invalidates every token issued so far: the next bearer request gets 401 (to test token
    /// renewal without waiting for expiry).
    pub fn revoke_tokens(&self) {
        self.shared.tokens().revoke_all();
    }

    fn stop(&mut self) {
        self.shared.begin_stop();
        // Closes the port and every connection, joins the accept thread and the pumps.
        self.front.shutdown();
        for _ in &self.workers {
            self.server.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

impl Drop for FakeTenant {
    fn drop(&mut self) {
        self.stop();
    }
}

impl fmt::Debug for FakeTenant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cfg = &self.shared.config;
        f.debug_struct("FakeTenant")
            .field("url", &cfg.base_url)
            .field("username", &cfg.username)
            .field("api_client_id", &cfg.api_client_id)
            .field("tenant_uid", &cfg.tenant_uid)
            .field("seed", &cfg.seed)
            .field("totp", &cfg.totp.is_some())
            .finish_non_exhaustive()
    }
}

/// Settings for a [`FakeTenant`]; every one has a default.
#[derive(Clone)]
pub struct FakeTenantBuilder {
    port: u16,
    seed: u64,
    users: usize,
    cases: usize,
    alerts: usize,
    username: String,
    password: Secret,
    totp: Option<Secret>,
    api_client_id: String,
    api_client_secret: Secret,
    token_lifetime: Duration,
    workers: usize,
    record: bool,
    file_events: u64,
    search_cache: usize,
    page_number_window: u64,
}

impl Default for FakeTenantBuilder {
    fn default() -> Self {
        FakeTenantBuilder {
            port: 0,
            seed: DEFAULT_SEED,
            users: DEFAULT_USERS,
            cases: DEFAULT_CASES,
            alerts: DEFAULT_ALERTS,
            username: DEFAULT_USERNAME.to_owned(),
            password: Secret::new(DEFAULT_PASSWORD),
            totp: None,
            api_client_id: DEFAULT_API_CLIENT_ID.to_owned(),
            api_client_secret: Secret::new(DEFAULT_API_CLIENT_SECRET),
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
            workers: DEFAULT_WORKERS,
            record: true,
            file_events: DEFAULT_FILE_EVENTS,
            search_cache: 0,
            page_number_window: file_events::PAGE_NUMBER_WINDOW,
        }
    }
}

impl fmt::Debug for FakeTenantBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeTenantBuilder")
            .field("port", &self.port)
            .field("seed", &self.seed)
            .field("users", &self.users)
            .field("cases", &self.cases)
            .field("alerts", &self.alerts)
            .field("username", &self.username)
            .field("password", &self.password)
            .field("totp", &self.totp)
            .field("api_client_id", &self.api_client_id)
            .field("api_client_secret", &self.api_client_secret)
            .field("token_lifetime", &self.token_lifetime)
            .field("workers", &self.workers)
            .field("record", &self.record)
            .field("file_events", &self.file_events)
            .field("search_cache", &self.search_cache)
            .field("page_number_window", &self.page_number_window)
            .finish()
    }
}

impl FakeTenantBuilder {
    /// Port on 127.0.0.1; 0 (the default) picks a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Seed for the generated data (default [`DEFAULT_SEED`]); the same seed gives the same
    /// data, byte for byte.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Number of users (default [`DEFAULT_USERS`]), including the local account, which is the
    /// first (`userId` 1001). With 0 there is no user at all.
    pub fn users(mut self, count: usize) -> Self {
        self.users = count;
        self
    }

    /// Number of seeded cases (default [`DEFAULT_CASES`]), numbered from 1, some closed, some
    /// with file events; the local account created them.
    pub fn cases(mut self, count: usize) -> Self {
        self.cases = count;
        self
    }

    /// Number of seeded alerts (default [`DEFAULT_ALERTS`]), raised by the six seeded alert
    /// rules (two of them system rules) on seeded users; most are open.
    pub fn alerts(mut self, count: usize) -> Self {
        self.alerts = count;
        self
    }

    /// The local account (defaults [`DEFAULT_USERNAME`] / [`DEFAULT_PASSWORD`]).
    pub fn credentials(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.username = username.into();
        self.password = Secret::new(password);
        self
    }

    /// Requires this TOTP code in the `totp-auth` header of the JWT request.
    pub fn totp(mut self, code: impl Into<String>) -> Self {
        self.totp = Some(Secret::new(code));
        self
    }

    /// The API client (defaults [`DEFAULT_API_CLIENT_ID`] / [`DEFAULT_API_CLIENT_SECRET`]).
    pub fn api_client(mut self, id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.api_client_id = id.into();
        self.api_client_secret = Secret::new(secret);
        self
    }

    /// How long issued tokens are valid (default [`DEFAULT_TOKEN_LIFETIME`]); measured on the
    /// wall clock.
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// Threads answering requests (default [`DEFAULT_WORKERS`], at least 1). A delayed
    /// response holds one of them.
    pub fn workers(mut self, count: usize) -> Self {
        self.workers = count.max(1);
        self
    }

    /// Whether to record requests for [`FakeTenant::requests`] (default `true`; turn it off for
    /// long benchmark runs).
    pub fn record_requests(mut self, record: bool) -> Self {
        self.record = record;
        self
    }

    /// Number of file events (default [`DEFAULT_FILE_EVENTS`]). They are generated when
    /// served, so a million cost no memory up front.
    pub fn file_events(mut self, count: u64) -> Self {
        self.file_events = count;
        self
    }

    /// Keeps up to `bytes` of file-event search responses and answers a repeated search from
    /// memory (default 0: off). For benchmarks that page the same events several times, so that
    /// they measure the client rather than the tenant's event generator.
    pub fn search_cache(mut self, bytes: usize) -> Self {
        self.search_cache = bytes;
        self
    }

    /// How many results file-event page numbers reach (default 10,000, as the service): past
    /// them a page-number search is a 400 and only page tokens go on. A small window makes
    /// "token paging past the window" cheap to test.
    pub fn page_number_window(mut self, results: u64) -> Self {
        self.page_number_window = results;
        self
    }

    /// Seeds the data and starts serving.
    pub fn start(self) -> io::Result<FakeTenant> {
        let seeded = seed::generate(self.seed, self.users, &self.username);
        let events = file_events::generate::Store::new(
            self.seed,
            self.file_events,
            &seeded.users,
            self.search_cache,
        );
        let seeded_cases = seed::cases(self.seed, self.cases, &seeded.users);
        let seeded_rules = alert_rules::seed(self.seed, &seeded.tenant_uid, &seeded.users);
        let seeded_alerts = alerts::seed(
            self.seed,
            self.alerts,
            &seeded.tenant_uid,
            &seeded.users,
            &seeded_rules,
        );
        let server = tiny_http::Server::http("127.0.0.1:0").map_err(io::Error::other)?;
        let inner_addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| io::Error::other("tiny_http did not listen on an IP address"))?;
        let server = Arc::new(server);
        let front = front::Front::start(self.port, inner_addr)?;
        let shared = Arc::new(Shared {
            config: Config {
                username: self.username,
                password: self.password,
                totp: self.totp,
                api_client_id: self.api_client_id,
                api_client_secret: self.api_client_secret,
                token_lifetime: self.token_lifetime,
                seed: self.seed,
                tenant_uid: seeded.tenant_uid,
                registration_key: seeded.registration_key,
                base_url: format!("http://127.0.0.1:{}", front.addr().port()),
                page_number_window: self.page_number_window,
            },
            state: RwLock::new(State {
                org_tree: orgs::OrgStore::new(self.seed, &seeded.orgs),
                devices: devices::DeviceStore::new(self.seed, &seeded.users),
                roles: seed::all_roles(),
                legal_hold: seeded
                    .users
                    .iter()
                    .filter(|u| u.user_id == LEGAL_HOLD_USER_ID)
                    .map(|u| u.user_uid.clone())
                    .collect(),
                users: seeded.users,
                cases: cases::CaseStore::new(seeded_cases),
                alerts: alerts::AlertStore::new(seeded_alerts),
                rules: alert_rules::RuleStore::new(seeded_rules),
            }),
            tokens: Mutex::new(Tokens::default()),
            faults: Mutex::new(Faults::default()),
            shifts: Mutex::new(HashMap::new()),
            previous: Mutex::new(HashMap::new()),
            log: Mutex::new(Vec::new()),
            record: self.record,
            routes: route_table(),
            events,
            stopping: Mutex::new(false),
            stopped: Condvar::new(),
        });
        let mut tenant = FakeTenant {
            shared,
            front,
            server,
            workers: Vec::new(),
        };
        for i in 0..self.workers {
            let shared = Arc::clone(&tenant.shared);
            let server = Arc::clone(&tenant.server);
            let links = Arc::clone(tenant.front.links());
            let handle = thread::Builder::new()
                .name(format!("fake-tenant-worker-{i}"))
                .spawn(move || worker(&shared, &server, &links))?;
            tenant.workers.push(handle);
        }
        Ok(tenant)
    }
}
