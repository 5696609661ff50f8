//! Forensic search (file events v1 and v2, file locations, saved searches) and the
//! exfiltrated-data download routes of the fake tenant.
//!
//! The real rules: at most 10,000 events a page; page numbers reach only the first 10,000
//! results; `pgToken` is the id of the last event of the previous page (`""` asks for the first
//! page), an unknown token is a 400 `INVALID_PAGE_TOKEN`; `nextPgToken` is null after the last
//! page. Events are generated lazily ([`generate`]); filters work on the common terms
//! ([`filter`]); results come in index order, which is event-id and time order (reversed with
//! `srtDir` `desc`).

pub(crate) mod filter;
pub(crate) mod generate;

use serde_json::json;

use super::http::{Access, Ctx, Reply, Route};
use super::services;
use code42::wire::exfiltrated_data::types::{FileMatch, FileSearchResult};
use code42::wire::forensic_search::types::{
    FileEventPageV1, FileEventPageV2, FileEventQuery, FileLocation, FileLocationList,
    FilterOperator, GroupClause, SavedSearch, SavedSearchList, SortDirection, StoredFilter,
    StoredFilterGroup,
};
use generate::{Facts, Store};

/// Most events a page.
pub(crate) const MAX_PAGE_SIZE: u64 = 10_000;
/// Page numbers reach this many results (by default; see
/// [`FakeTenantBuilder::page_number_window`](crate::FakeTenantBuilder::page_number_window)).
pub(crate) const PAGE_NUMBER_WINDOW: u64 = 10_000;
/// Page size when `pgSize` is absent.
const DEFAULT_PAGE_SIZE: u64 = 500;
/// Most locations answered for one hash.
const MAX_LOCATIONS: usize = 100;

/// The forensic-search routes, relative to the service's base URL.
pub(crate) fn routes() -> Vec<Route> {
    vec![
        Route::post(
            "/forensic-search/queryservice/api/v1/fileevent",
            Access::Bearer,
            search_v1,
        ),
        Route::post(
            "/forensic-search/queryservice/api/v2/fileevent",
            Access::Bearer,
            search_v2,
        ),
        Route::get(
            "/forensic-search/queryservice/api/v1/filelocations",
            Access::Bearer,
            locations,
        ),
        Route::get(
            "/forensic-search/queryservice/api/v1/saved",
            Access::Bearer,
            saved_list_v1,
        ),
        Route::get(
            "/forensic-search/queryservice/api/v1/saved/{searchId}",
            Access::Bearer,
            saved_get_v1,
        ),
        Route::get(
            "/forensic-search/queryservice/api/v2/saved",
            Access::Bearer,
            saved_list_v2,
        ),
        Route::get(
            "/forensic-search/queryservice/api/v2/saved/{searchId}",
            Access::Bearer,
            saved_get_v2,
        ),
    ]
}

/// The exfiltrated-data service routes (downloads).
pub(crate) fn download_routes() -> Vec<Route> {
    vec![
        Route::get("/api/v3/search-file", Access::Bearer, search_file),
        Route::get("/api/v1/download-token", Access::Bearer, download_token),
        // The file request carries no credentials: the token in the URL is the permission.
        Route::get("/api/v1/get-file", Access::Public, get_file),
    ]
}

fn bad_request(description: &str) -> Reply {
    Reply::system_error(400, description)
}

/// The events a search asks for: matching facts, the total and the next token.
struct Found {
    facts: Vec<Facts>,
    total: u64,
    next_token: Option<String>,
}

fn run_search(ctx: &Ctx<'_>) -> Result<Found, Reply> {
    let store = ctx.tenant.events();
    let query: FileEventQuery = serde_json::from_slice(&ctx.req.body)
        .map_err(|e| bad_request(&format!("The query is not valid: {e}")))?;
    let compiled = filter::compile(&query, store).map_err(|e| bad_request(&e))?;
    let size = match query.pg_size {
        None => DEFAULT_PAGE_SIZE,
        Some(n) => u64::try_from(n)
            .ok()
            .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
            .ok_or_else(|| {
                bad_request(&format!(
                    "pgSize must be between 1 and {MAX_PAGE_SIZE}, not {n}"
                ))
            })?,
    };
    match query.srt_key.as_deref() {
        None
        | Some(
            "event.id" | "eventId" | "@timestamp" | "eventTimestamp" | "event.inserted"
            | "insertionTimestamp",
        ) => {}
        Some(other) => {
            return Err(bad_request(&format!(
                "the fake tenant sorts by event id or time only, not `{other}`"
            )));
        }
    }
    let descending = query.srt_dir == Some(SortDirection::Desc);
    let count = store.count;
    // Where the scan starts (in sort order) and how many matches it skips first.
    let (start, skip, tokens) = match &query.pg_token {
        Some(token) if token.is_empty() => (0, 0, true),
        Some(token) => {
            // py42 1.29.1 sends quotes in tokens backslash-escaped; accept both forms.
            let unescaped = token.replace("\\\"", "\"");
            let index = store
                .index_of(token)
                .or_else(|| store.index_of(&unescaped))
                .ok_or_else(|| {
                    Reply::json(
                        400,
                        &json!([{"name": "INVALID_PAGE_TOKEN",
                                 "description": format!("INVALID_PAGE_TOKEN: no event `{token}`")}]),
                    )
                })?;
            let position = if descending { count - 1 - index } else { index };
            (position + 1, 0, true)
        }
        None => {
            let page = query.pg_num.unwrap_or(1);
            let page = u64::try_from(page)
                .ok()
                .filter(|p| *p >= 1)
                .ok_or_else(|| bad_request("pgNum starts at 1"))?;
            let window = ctx.tenant.config.page_number_window;
            if page.saturating_mul(size) > window {
                return Err(bad_request(&format!(
                    "Result window is too large: pgNum and pgSize reach only the first \
                     {window} results; use pgToken"
                )));
            }
            (0, (page - 1) * size, false)
        }
    };
    let at = |position: u64| {
        store.facts(if descending {
            count - 1 - position
        } else {
            position
        })
    };
    let mut facts = Vec::with_capacity(size.min(1024) as usize);
    let mut skipped = 0;
    let mut more = false;
    if compiled.matches_everything() {
        let first = start + skip;
        let end = count.min(first.saturating_add(size));
        facts.extend((first.min(count)..end).map(at));
        more = end < count;
    } else {
        for position in start..count {
            let f = at(position);
            if !compiled.matches(store, &f) {
                continue;
            }
            if skipped < skip {
                skipped += 1;
            } else if (facts.len() as u64) < size {
                facts.push(f);
            } else {
                more = true;
                break;
            }
        }
    }
    let total = total(store, &compiled);
    let next_token = (tokens && more)
        .then(|| facts.last().map(|f| store.event_id(f)))
        .flatten();
    Ok(Found {
        facts,
        total,
        next_token,
    })
}

/// Matches of a query over every event (cached: a listing asks on every page).
fn total(store: &Store, compiled: &filter::Compiled) -> u64 {
    if compiled.matches_everything() {
        return store.count;
    }
    let mut cache = store
        .totals
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(total) = cache.get(&compiled.fingerprint) {
        return *total;
    }
    drop(cache);
    let total = (0..store.count)
        .filter(|i| compiled.matches(store, &store.facts(*i)))
        .count() as u64;
    cache = store
        .totals
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if cache.len() > 256 {
        cache.clear();
    }
    cache.insert(compiled.fingerprint, total);
    total
}

/// A search answered from the response cache, or computed and kept there.
fn cached(ctx: &Ctx<'_>, compute: fn(&Ctx<'_>) -> Reply) -> Reply {
    let store = ctx.tenant.events();
    let lock = || {
        store
            .responses
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    if let Some(body) = lock().get(&ctx.req.path, &ctx.req.body) {
        return Reply {
            status: 200,
            content_type: "application/json",
            headers: Vec::new(),
            body: body.as_ref().clone(),
        };
    }
    let reply = compute(ctx);
    if reply.status == 200 {
        lock().put(
            &ctx.req.path,
            &ctx.req.body,
            std::sync::Arc::new(reply.body.clone()),
        );
    }
    reply
}

/// `POST …/api/v2/fileevent`.
pub(crate) fn search_v2(ctx: &Ctx<'_>) -> Reply {
    cached(ctx, |ctx| match run_search(ctx) {
        Err(reply) => reply,
        Ok(found) => {
            let store = ctx.tenant.events();
            Reply::json(200, &{
                let mut v = FileEventPageV2::new()
                    .with_file_events(
                        found
                            .facts
                            .iter()
                            .map(|f| store.event_v2_as_served(f))
                            .collect(),
                    )
                    .with_total_count(found.total as i64);
                v.next_pg_token = found.next_token;
                v
            })
        }
    })
}

/// `POST …/api/v1/fileevent`.
fn search_v1(ctx: &Ctx<'_>) -> Reply {
    cached(ctx, |ctx| match run_search(ctx) {
        Err(reply) => reply,
        Ok(found) => {
            let store = ctx.tenant.events();
            Reply::json(200, &{
                let mut v = FileEventPageV1::new()
                    .with_file_events(found.facts.iter().map(|f| store.event_v1(f)).collect())
                    .with_total_count(found.total as i64);
                v.next_pg_token = found.next_token;
                v
            })
        }
    })
}

/// `GET …/api/v1/filelocations?sha256=`: devices and paths the file was seen at.
fn locations(ctx: &Ctx<'_>) -> Reply {
    let store = ctx.tenant.events();
    let Some(sha256) = ctx.req.query("sha256").filter(|s| !s.is_empty()) else {
        return bad_request("sha256 is required");
    };
    let mut locations: Vec<FileLocation> = Vec::new();
    if let Some(file) = store.by_sha256.get(sha256).copied() {
        for index in 0..store.count {
            let facts = store.facts(index);
            if facts.file % store.files.len() != file {
                continue;
            }
            let location = {
                let f_device_uid = store.actor(&facts).map(|a| a.device_uid.clone());
                let f_file_name = Some(store.file(&facts).name.clone());
                let f_file_path = Some(store.directory(&facts));
                let mut v = FileLocation::new();
                v.device_uid = f_device_uid;
                v.file_name = f_file_name;
                v.file_path = f_file_path;
                v
            };
            if !locations.contains(&location) {
                locations.push(location);
                if locations.len() >= MAX_LOCATIONS {
                    break;
                }
            }
        }
    }
    Reply::json(200, &FileLocationList::new().with_locations(locations))
}

/// The saved searches: `(id, name, v1 groups, v2 groups, sort v1, sort v2, direction)`.
fn saved_searches(ctx: &Ctx<'_>, v2: bool) -> Vec<SavedSearch> {
    let filter = |term: &str, operator: FilterOperator, value: serde_json::Value| {
        StoredFilter::new()
            .with_operator(operator)
            .with_term(term.to_owned())
            .with_value(value)
    };
    let group = |clause: GroupClause, filters: Vec<StoredFilter>| {
        StoredFilterGroup::new()
            .with_filter_clause(clause)
            .with_filters(filters)
    };
    let term = |v1: &'static str, v2_term: &'static str| if v2 { v2_term } else { v1 };
    let tenant = &ctx.tenant.config;
    let seed = tenant.seed;
    let id = |n: u64| {
        let mut rng = super::seed::SplitMix64::new(seed ^ (0x5A7E_D000 + n));
        let (a, b) = (rng.next_u64(), rng.next_u64());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            ((b >> 48) & 0x3fff) | 0x8000,
            b & 0xffff_ffff_ffff
        )
    };
    let removable = if v2 {
        filter(
            "event.action",
            FilterOperator::Is,
            "removable-media-created".into(),
        )
    } else {
        filter("exposure", FilterOperator::Is, "RemovableMedia".into())
    };
    let mut last_30_days = group(
        GroupClause::And,
        vec![filter(
            term("eventTimestamp", "@timestamp"),
            FilterOperator::WithinTheLast,
            "P30D".into(),
        )],
    );
    last_30_days.extra.insert(
        "display".into(),
        json!("{\"version\":\"v2\",\"data\":{\"isMultiselect\":false}}"),
    );
    let severities = if v2 {
        // The v2 model nests groups.
        StoredFilterGroup::new()
            .with_subgroup_clause(GroupClause::Or)
            .with_subgroups(vec![
                group(
                    GroupClause::And,
                    vec![filter("risk.severity", FilterOperator::Is, "HIGH".into())],
                ),
                group(
                    GroupClause::And,
                    vec![filter(
                        "risk.severity",
                        FilterOperator::Is,
                        "CRITICAL".into(),
                    )],
                ),
            ])
    } else {
        group(
            GroupClause::Or,
            vec![
                filter("riskSeverity", FilterOperator::Is, "CRITICAL".into()),
                filter("riskSeverity", FilterOperator::Is, "HIGH".into()),
            ],
        )
    };
    let searches = [
        (
            1,
            "Removable media, last 30 days",
            vec![last_30_days, group(GroupClause::And, vec![removable])],
            term("eventTimestamp", "@timestamp"),
            SortDirection::Desc,
        ),
        (
            2,
            "Source code to cloud storage",
            vec![
                group(
                    GroupClause::And,
                    vec![filter(
                        term("destinationCategory", "destination.category"),
                        FilterOperator::Is,
                        "Cloud Storage".into(),
                    )],
                ),
                group(
                    GroupClause::And,
                    vec![filter(
                        term("fileCategory", "file.category"),
                        FilterOperator::Is,
                        "SourceCode".into(),
                    )],
                ),
            ],
            term("eventId", "event.id"),
            SortDirection::Asc,
        ),
        (
            3,
            "High and critical risk",
            vec![severities],
            term("eventId", "event.id"),
            SortDirection::Asc,
        ),
    ];
    searches
        .into_iter()
        .map(|(n, name, groups, key, direction)| {
            SavedSearch::new()
                .with_api_version(if v2 { 2 } else { 1 })
                .with_columns(Vec::new())
                .with_created_by_username(tenant.username.clone())
                .with_creation_timestamp(json!("2024-01-15T09:30:00.000Z"))
                .with_group_clause(GroupClause::And)
                .with_groups(groups)
                .with_id(id(n))
                .with_modified_by_username(tenant.username.clone())
                .with_modified_timestamp(json!("2024-02-01T16:45:00.000Z"))
                .with_name(name.to_owned())
                .with_notes(format!(
                    "Seeded by the fake tenant ({})",
                    if v2 { "v2" } else { "v1" }
                ))
                .with_srt_dir(direction)
                .with_srt_key(key.to_owned())
                .with_tenant_id(tenant.tenant_uid.clone())
        })
        .collect()
}

fn saved_list(ctx: &Ctx<'_>, v2: bool) -> Reply {
    Reply::json(
        200,
        &SavedSearchList::new().with_searches(saved_searches(ctx, v2)),
    )
}

fn saved_get(ctx: &Ctx<'_>, v2: bool) -> Reply {
    let id = ctx.param("searchId").unwrap_or_default();
    match saved_searches(ctx, v2)
        .into_iter()
        .find(|s| s.id.as_deref() == Some(id))
    {
        Some(search) => Reply::json(200, &SavedSearchList::new().with_searches(vec![search])),
        None => Reply::system_error(404, &format!("Saved search {id} not found")),
    }
}

fn saved_list_v1(ctx: &Ctx<'_>) -> Reply {
    saved_list(ctx, false)
}
pub(crate) fn saved_list_v2(ctx: &Ctx<'_>) -> Reply {
    saved_list(ctx, true)
}
fn saved_get_v1(ctx: &Ctx<'_>) -> Reply {
    saved_get(ctx, false)
}
pub(crate) fn saved_get_v2(ctx: &Ctx<'_>) -> Reply {
    saved_get(ctx, true)
}

/// Base URL of the exfiltrated-data service.
fn eds_url(ctx: &Ctx<'_>) -> String {
    let prefix = services::find("EXFILTRATED-DATA-SERVICE_API-URL")
        .map(|s| s.prefix())
        .unwrap_or_default();
    format!("{}{prefix}", ctx.tenant.config.base_url)
}

/// `GET /api/v3/search-file?fileSHA256&fileMD5&deviceUid&filePath`.
fn search_file(ctx: &Ctx<'_>) -> Reply {
    let store = ctx.tenant.events();
    let param = |name: &str| ctx.req.query(name).unwrap_or_default();
    let (sha256, md5, device, path) = (
        param("fileSHA256"),
        param("fileMD5"),
        param("deviceUid"),
        param("filePath"),
    );
    let found = store
        .by_sha256
        .get(sha256)
        .and_then(|i| store.files.get(*i));
    let on_device = store.actors.iter().any(|a| a.device_uid == device);
    let result = match found {
        Some(file) if file.md5 == md5 && on_device && path.ends_with(&file.name) => {
            FileSearchResult::new().with_match(FileMatch::new().with_download_token_request(
                format!("{}/api/v1/download-token?id={sha256}", eds_url(ctx)),
            ))
        }
        _ => FileSearchResult::new().with_failure_reports(vec![json!(format!(
            "No exfiltrated copy of {path} with SHA-256 {sha256} on device {device}"
        ))]),
    };
    Reply::json(200, &result)
}

/// `GET /api/v1/download-token?id=`: the file's URL, as plain text.
fn download_token(ctx: &Ctx<'_>) -> Reply {
    let store = ctx.tenant.events();
    match ctx
        .req
        .query("id")
        .filter(|id| store.by_sha256.contains_key(*id))
    {
        Some(id) => Reply::text(
            200,
            format!("{}/api/v1/get-file?token=tok-{id}", eds_url(ctx)),
        ),
        None => Reply::system_error(404, "Unknown download request"),
    }
}

/// `GET /api/v1/get-file?token=` (no auth): the file's bytes.
fn get_file(ctx: &Ctx<'_>) -> Reply {
    let store = ctx.tenant.events();
    let content = ctx
        .req
        .query("token")
        .and_then(|t| t.strip_prefix("tok-"))
        .and_then(|sha| store.by_sha256.get(sha))
        .and_then(|i| store.content(*i));
    match content {
        Some(body) => Reply {
            status: 200,
            content_type: "application/octet-stream",
            headers: Vec::new(),
            body,
        },
        None => Reply::system_error(404, "Unknown or expired download token"),
    }
}
