//! Console user routes: `/api/v1/User`, `/api/v1/User/my`, `/api/v1/User/{id}`.

use super::auth::Principal;
use super::http::{Access, Ctx, Reply, Route, parse_bool};
use code42::wire::authority::types::{User, UserList, UserListResponse, UserResponse, UserRole};

/// Page size when `pgSize` is absent.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 100;
/// Largest `pgSize` accepted.
pub(crate) const MAX_PAGE_SIZE: usize = 1000;

/// The user routes (`my` before `{userId}`).
pub(crate) fn routes() -> Vec<Route> {
    vec![
        Route::get("/api/v1/User", Access::Bearer, list),
        Route::get("/api/v1/User/my", Access::Bearer, current),
        Route::get("/api/v1/User/{userId}", Access::Bearer, by_id),
    ]
}

fn not_found() -> Reply {
    Reply::system_error(404, "User not found")
}

/// The user as served: roles only with `incRoles=true`.
fn served(ctx: &Ctx<'_>, user: &User) -> User {
    let mut user = user.clone();
    if ctx.req.query("incRoles").and_then(parse_bool) != Some(true) {
        user.roles = None;
    }
    user
}

fn one(ctx: &Ctx<'_>, user: &User) -> Reply {
    Reply::json(200, &UserResponse::new(served(ctx, user)))
}

/// `GET /api/v1/User/my`: the local account; API clients have no user (404).
fn current(ctx: &Ctx<'_>) -> Reply {
    let Some(Principal::User(username)) = &ctx.principal else {
        return not_found();
    };
    let state = ctx.tenant.state();
    match state
        .users
        .iter()
        .find(|u| u.username.eq_ignore_ascii_case(username))
    {
        Some(user) => one(ctx, user),
        None => not_found(),
    }
}

/// `GET /api/v1/User/{userId}` (numeric id), or by uid with `idType=uid`.
fn by_id(ctx: &Ctx<'_>) -> Reply {
    let id = ctx.param("userId").unwrap_or_default();
    let state = ctx.tenant.state();
    let found = match ctx.req.query("idType") {
        Some("uid") => state.users.iter().find(|u| u.user_uid == id),
        Some(other) => {
            return Reply::system_error(400, &format!("Unsupported idType: {other}"));
        }
        None => id.parse::<i64>().ok().and_then(|id| {
            state
                .users
                .binary_search_by_key(&id, |u| u.user_id)
                .ok()
                .and_then(|i| state.users.get(i))
        }),
    };
    match found {
        Some(user) => one(ctx, user),
        None => not_found(),
    }
}

/// The filters of `GET /api/v1/User`.
#[derive(Debug, Default)]
struct Filter {
    active: Option<bool>,
    blocked: Option<bool>,
    email: Option<String>,
    org_uid: Option<String>,
    role_id: Option<String>,
    username: Option<String>,
    q: Option<String>,
}

impl Filter {
    fn from_query(ctx: &Ctx<'_>) -> Result<Filter, Reply> {
        let flag = |name: &str| -> Result<Option<bool>, Reply> {
            match ctx.req.query(name) {
                None | Some("") => Ok(None),
                Some(v) => parse_bool(v).map(Some).ok_or_else(|| {
                    Reply::system_error(400, &format!("{name} must be true or false, not {v}"))
                }),
            }
        };
        let text = |name: &str| {
            ctx.req
                .query(name)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        Ok(Filter {
            active: flag("active")?,
            blocked: flag("blocked")?,
            email: text("email"),
            org_uid: text("orgUid"),
            role_id: text("roleId"),
            username: text("username"),
            q: text("q").map(|q| q.to_lowercase()),
        })
    }

    fn matches(&self, u: &User) -> bool {
        let eq = |want: &Option<String>, have: Option<&str>| {
            want.as_deref()
                .is_none_or(|w| have.is_some_and(|h| h.eq_ignore_ascii_case(w)))
        };
        self.active.is_none_or(|a| u.active.unwrap_or(true) == a)
            && self.blocked.is_none_or(|b| u.blocked.unwrap_or(false) == b)
            && eq(&self.email, u.email.as_deref())
            && eq(&self.username, Some(&u.username))
            && self
                .org_uid
                .as_deref()
                .is_none_or(|o| u.org_uid.as_deref() == Some(o))
            && self.role_id.as_deref().is_none_or(|r| {
                u.roles
                    .iter()
                    .flatten()
                    .any(|role| matches!(role, UserRole::Role(role) if role.role_id.as_deref() == Some(r)))
            })
            && self.q.as_deref().is_none_or(|q| {
                [
                    Some(u.username.as_str()),
                    u.email.as_deref(),
                    u.first_name.as_deref(),
                    u.last_name.as_deref(),
                ]
                .into_iter()
                .flatten()
                .any(|field| field.to_lowercase().contains(q))
            })
    }
}

/// A number query parameter; absent or empty gives `None`.
fn number(ctx: &Ctx<'_>, name: &str) -> Result<Option<i64>, Reply> {
    match ctx.req.query(name) {
        None | Some("") => Ok(None),
        Some(v) => v
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| Reply::system_error(400, &format!("{name} must be a number, not {v}"))),
    }
}

/// `GET /api/v1/User`: filtered, paged by `pgNum` (from 1) and `pgSize`, ordered by `userId`.
fn list(ctx: &Ctx<'_>) -> Reply {
    let filter = match Filter::from_query(ctx) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let page = match number(ctx, "pgNum") {
        Ok(p) => usize::try_from(p.unwrap_or(1).max(1)).unwrap_or(usize::MAX),
        Err(reply) => return reply,
    };
    let size = match number(ctx, "pgSize") {
        Ok(None) => DEFAULT_PAGE_SIZE,
        Ok(Some(s)) if (1..=MAX_PAGE_SIZE as i64).contains(&s) => s as usize,
        Ok(Some(s)) => {
            return Reply::system_error(
                400,
                &format!("pgSize must be between 1 and {MAX_PAGE_SIZE}, not {s}"),
            );
        }
        Err(reply) => return reply,
    };
    let skip = ctx.shifted((page - 1).saturating_mul(size));
    let state = ctx.tenant.state();
    // authority.md §5.2: the real 400 for an unknown org.
    if let Some(org) = &filter.org_uid
        && state.org_tree.by_uid(org).is_none()
    {
        return Reply::system_error(400, "Organization was not found");
    }
    let mut total = 0usize;
    let mut users = Vec::new();
    for user in state.users.iter().filter(|u| filter.matches(u)) {
        if total >= skip && users.len() < size {
            users.push(served(ctx, user));
        }
        total += 1;
    }
    drop(state);
    Reply::json(
        200,
        &UserListResponse::new(
            UserList::new(users).with_total_count(i64::try_from(total).unwrap_or(i64::MAX)),
        ),
    )
}
