//! Orgs, devices, the users write side, roles, server administration and login configuration:
//! the exact request of every operation (method, path, query, body) as literals from
//! `../shared/reference/authority.md` (cited per test), the org index walked once, role names
//! checked before any write, "already" without a write, and the errors of §5.2 as kinds.

mod common;

use code42::devices::DeviceFilter;
use code42::orgs::{NewOrg, OrgFilter, OrgUpdate};
use code42::users::{NewUser, UserFilter, UserUpdate};
use code42::{
    ApiErrorKind, Change, DeviceGuid, DeviceId, Error, OrgGuid, OrgId, OrgUid, UserId, UserUid,
};
use common::*;
use mockito::{Matcher, Mock, Server};

/// A mock for exactly `method path?query` with exactly this JSON body (`None`: no body at all),
/// answering 200 `reply`, expected once.
fn exact(
    server: &mut Server,
    method: &str,
    path: &str,
    query: &str,
    body: Option<&str>,
    reply: &str,
) -> Mock {
    let q = if query.is_empty() {
        Matcher::Missing
    } else {
        Matcher::Exact(query.to_owned())
    };
    let m = server.mock(method, path).match_query(q);
    let m = match body {
        Some(b) => m.match_body(Matcher::JsonString(b.to_owned())),
        None => m.match_body(Matcher::Exact(String::new())),
    };
    m.with_status(200)
        .with_header("content-type", "application/json")
        .with_body(reply)
        .expect(1)
        .create()
}

/// A mock that must never be hit.
fn never(server: &mut Server, method: &str, path: &str) -> Mock {
    server
        .mock(method, path)
        .match_query(Matcher::Any)
        .with_status(500)
        .expect(0)
        .create()
}

fn user_state(uid: &str, active: bool, blocked: bool, org_id: i64) -> String {
    format!(
        r#"{{"data":{{"userId":1001,"userUid":"{uid}","username":"u@example.com","active":{active},"blocked":{blocked},"orgId":{org_id}}}}}"#
    )
}

fn device_state(id: i64, active: bool, blocked: bool) -> String {
    format!(
        r#"{{"data":{{"computerId":{id},"guid":"G{id}","name":"d","active":{active},"blocked":{blocked},"service":"CrashPlan"}}}}"#
    )
}

const ROLES: &str = r#"{"data":[{"roleId":"desktop-user","roleName":"Desktop User"},{"roleId":"proe-user","roleName":"PROe User"},{"roleId":"customer-cloud-admin","roleName":"Customer Cloud Admin"}]}"#;

// ----------------------------------------------------------------------------------- users

#[test]
fn create_user_sends_every_key() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.1 create_user: POST /api/v1/User {orgUid, username, email, password, firstName, lastName, notes}
    let m = exact(
        &mut server,
        "POST",
        "/api/v1/User",
        "",
        Some(
            r#"{"orgUid":"ORG1","username":"ada@example.com","email":"ada@example.com","password":"pw-1","firstName":"Ada","lastName":null,"notes":null}"#,
        ),
        &user_state("U1", true, false, 7),
    );
    let (client, _) = test_client(&server);
    let new = NewUser::new("ORG1", "ada@example.com", "ada@example.com")
        .password("pw-1")
        .first_name("Ada");
    assert_eq!(client.users().create(new).unwrap().user_uid, "U1");
    m.assert();
}

#[test]
fn create_user_duplicate_is_user_already_exists() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let m = server
        .mock("POST", "/api/v1/User")
        .with_status(500)
        .with_body(r#"[{"name":"USER_DUPLICATE","description":"User already exists"}]"#)
        .create();
    let (client, _) = test_client(&server);
    let err = client
        .users()
        .create(NewUser::new("ORG1", "a@x.com", "a@x.com"))
        .unwrap_err();
    assert_eq!(
        err.api_kind(),
        Some(ApiErrorKind::UserAlreadyExists),
        "{err}"
    );
    m.assert();
}

#[test]
fn update_user_sends_every_key_with_nulls() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.1 update_user: PUT /api/v1/User/{user_uid}?idType=uid {username, email, password, firstName, lastName, notes, quotaInBytes}
    let m = exact(
        &mut server,
        "PUT",
        "/api/v1/User/U1",
        "idType=uid",
        Some(
            r#"{"username":null,"email":"new@example.com","password":null,"firstName":null,"lastName":null,"notes":"n","quotaInBytes":1000}"#,
        ),
        "{}",
    );
    let (client, _) = test_client(&server);
    let update = UserUpdate::new()
        .email("new@example.com")
        .notes("n")
        .archive_quota_bytes(1000);
    client.users().update(&UserUid::new("U1"), update).unwrap();
    m.assert();
}

#[test]
fn update_user_server_checks_are_kinds() {
    for (body, kind) in [
        (
            r#"{"data":[{"name":"EMAIL_INVALID"}]}"#,
            ApiErrorKind::InvalidEmail,
        ),
        (
            r#"{"data":[{"name":"USERNAME_NOT_AN_EMAIL"}]}"#,
            ApiErrorKind::UsernameMustBeEmail,
        ),
        (
            r#"{"data":[{"name":"NEW_PASSWORD_INVALID"}]}"#,
            ApiErrorKind::InvalidPassword,
        ),
        (
            r#"{"data":[{"name":"INVALID_USERNAME"}]}"#,
            ApiErrorKind::InvalidUsername,
        ),
    ] {
        let mut server = Server::new();
        let _t = token_mock(&mut server, TOKEN);
        let _m = server
            .mock("PUT", "/api/v1/User/U1")
            .match_query(Matcher::Any)
            .with_status(500)
            .with_body(body)
            .create();
        let (client, _) = test_client(&server);
        let err = client
            .users()
            .update(&UserUid::new("U1"), UserUpdate::new().email("x"))
            .unwrap_err();
        assert_eq!(err.api_kind(), Some(kind), "{body}: {err}");
    }
}

#[test]
fn scim_data_by_uid_wrapped_or_bare() {
    for reply in [
        r#"{"data":{"division":"R&D","department":"Eng","title":"Dev"}}"#,
        r#"{"division":"R&D","department":"Eng","title":"Dev"}"#,
    ] {
        let mut server = Server::new();
        let _t = token_mock(&mut server, TOKEN);
        // authority.md §3.1 get_scim_data_by_uid: GET /api/v18/scim-user-data/collated-view?userId=<user_uid>
        let m = exact(
            &mut server,
            "GET",
            "/api/v18/scim-user-data/collated-view",
            "userId=U1",
            None,
            reply,
        );
        let (client, _) = test_client(&server);
        let scim = client.users().scim_data(&UserUid::new("U1")).unwrap();
        assert_eq!(scim.department.as_deref(), Some("Eng"));
        m.assert();
    }
}

#[test]
fn block_reads_the_state_then_posts_without_a_body() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let get = exact(
        &mut server,
        "GET",
        "/api/v1/User/U1",
        "idType=uid",
        None,
        &user_state("U1", true, false, 7),
    );
    // authority.md §3.1 block: POST /api/v3/users/{userUid}/block (no body)
    let post = exact(&mut server, "POST", "/api/v3/users/U1/block", "", None, "");
    let (client, _) = test_client(&server);
    assert_eq!(
        client.users().block(&UserUid::new("U1")).unwrap(),
        Change::Made
    );
    get.assert();
    post.assert();
}

#[test]
fn blocking_a_blocked_user_is_already_without_a_write() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let get = exact(
        &mut server,
        "GET",
        "/api/v1/User/U1",
        "idType=uid",
        None,
        &user_state("U1", true, true, 7),
    );
    let post = never(&mut server, "POST", "/api/v3/users/U1/block");
    let (client, _) = test_client(&server);
    assert_eq!(
        client.users().block(&UserUid::new("U1")).unwrap(),
        Change::Already
    );
    get.assert();
    post.assert();
}

#[test]
fn unblock_posts_without_a_body() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _g = exact(
        &mut server,
        "GET",
        "/api/v1/User/U1",
        "idType=uid",
        None,
        &user_state("U1", true, true, 7),
    );
    // authority.md §3.1 unblock: POST /api/v3/users/{userUid}/unblock (no body)
    let post = exact(
        &mut server,
        "POST",
        "/api/v3/users/U1/unblock",
        "",
        None,
        "",
    );
    let (client, _) = test_client(&server);
    assert_eq!(
        client.users().unblock(&UserUid::new("U1")).unwrap(),
        Change::Made
    );
    post.assert();
}

#[test]
fn deactivate_sends_block_null() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _g = exact(
        &mut server,
        "GET",
        "/api/v1/User/U1",
        "idType=uid",
        None,
        &user_state("U1", true, false, 7),
    );
    // authority.md §3.1 deactivate: POST /api/v3/users/{userUid}/deactivate {"block": null}
    let post = exact(
        &mut server,
        "POST",
        "/api/v3/users/U1/deactivate",
        "",
        Some(r#"{"block":null}"#),
        "",
    );
    let (client, _) = test_client(&server);
    assert_eq!(
        client
            .users()
            .deactivate(&UserUid::new("U1"), None)
            .unwrap(),
        Change::Made
    );
    post.assert();
}

#[test]
fn deactivate_and_block_sends_block_true() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // Deactivated but not blocked: asking to block too is a write.
    let _g = exact(
        &mut server,
        "GET",
        "/api/v1/User/U1",
        "idType=uid",
        None,
        &user_state("U1", false, false, 7),
    );
    // authority.md §3.1 deactivate: POST /api/v3/users/{userUid}/deactivate {"block": true}
    let post = exact(
        &mut server,
        "POST",
        "/api/v3/users/U1/deactivate",
        "",
        Some(r#"{"block":true}"#),
        "",
    );
    let (client, _) = test_client(&server);
    assert_eq!(
        client
            .users()
            .deactivate(&UserUid::new("U1"), Some(true))
            .unwrap(),
        Change::Made
    );
    post.assert();
}

#[test]
fn deactivating_a_deactivated_user_is_already() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _g = exact(
        &mut server,
        "GET",
        "/api/v1/User/U1",
        "idType=uid",
        None,
        &user_state("U1", false, false, 7),
    );
    let post = never(&mut server, "POST", "/api/v3/users/U1/deactivate");
    let (client, _) = test_client(&server);
    assert_eq!(
        client
            .users()
            .deactivate(&UserUid::new("U1"), None)
            .unwrap(),
        Change::Already
    );
    post.assert();
}

#[test]
fn deactivate_on_legal_hold_is_active_legal_hold() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _g = exact(
        &mut server,
        "GET",
        "/api/v1/User/U1",
        "idType=uid",
        None,
        &user_state("U1", true, false, 7),
    );
    // authority.md §5.2: 400 + ACTIVE_LEGAL_HOLD -> Py42ActiveLegalHoldError
    let _p = server
        .mock("POST", "/api/v3/users/U1/deactivate")
        .with_status(400)
        .with_body(r#"[{"name":"ACTIVE_LEGAL_HOLD"}]"#)
        .create();
    let (client, _) = test_client(&server);
    let err = client
        .users()
        .deactivate(&UserUid::new("U1"), None)
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::ActiveLegalHold), "{err}");
}

#[test]
fn reactivate_sends_unblock() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _g = exact(
        &mut server,
        "GET",
        "/api/v1/User/U1",
        "idType=uid",
        None,
        &user_state("U1", false, true, 7),
    );
    // authority.md §3.1 reactivate: POST /api/v3/users/{userUid}/activate {"unblock": bool|null}
    let post = exact(
        &mut server,
        "POST",
        "/api/v3/users/U1/activate",
        "",
        Some(r#"{"unblock":true}"#),
        "",
    );
    let (client, _) = test_client(&server);
    assert_eq!(
        client
            .users()
            .reactivate(&UserUid::new("U1"), Some(true))
            .unwrap(),
        Change::Made
    );
    post.assert();
}

#[test]
fn move_sends_the_org_id() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _g = exact(
        &mut server,
        "GET",
        "/api/v1/User/U1",
        "idType=uid",
        None,
        &user_state("U1", true, false, 7),
    );
    // authority.md §3.1 change_org_assignment: POST /api/v3/users/{userUid}/move {"orgId": org_id}
    let post = exact(
        &mut server,
        "POST",
        "/api/v3/users/U1/move",
        "",
        Some(r#"{"orgId":2002}"#),
        "",
    );
    let (client, _) = test_client(&server);
    assert_eq!(
        client
            .users()
            .move_to_org(&UserUid::new("U1"), OrgId::new(2002))
            .unwrap(),
        Change::Made
    );
    post.assert();
}

#[test]
fn moving_to_the_current_org_is_already() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _g = exact(
        &mut server,
        "GET",
        "/api/v1/User/U1",
        "idType=uid",
        None,
        &user_state("U1", true, false, 2002),
    );
    let post = never(&mut server, "POST", "/api/v3/users/U1/move");
    let (client, _) = test_client(&server);
    assert_eq!(
        client
            .users()
            .move_to_org(&UserUid::new("U1"), OrgId::new(2002))
            .unwrap(),
        Change::Already
    );
    post.assert();
}

#[test]
fn uid_of_is_one_get_per_call() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.1 note: every id-based v3 call first resolves userUid with GET /api/v1/User/{user_id}
    let m = server
        .mock("GET", "/api/v1/User/1001")
        .match_query(Matcher::Missing)
        .with_body(user_state("U1", true, false, 7))
        .expect(2)
        .create();
    let (client, _) = test_client(&server);
    for _ in 0..2 {
        assert_eq!(
            client.users().uid_of(UserId::new(1001)).unwrap().as_str(),
            "U1"
        );
    }
    m.assert();
}

#[test]
fn available_roles() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.1 get_available_roles: GET /api/v1/role
    let m = exact(&mut server, "GET", "/api/v1/role", "", None, ROLES);
    let (client, _) = test_client(&server);
    let roles = client.users().available_roles().unwrap();
    assert_eq!(roles.len(), 3);
    assert_eq!(roles[0].role_id.as_deref(), Some("desktop-user"));
    m.assert();
}

#[test]
fn a_users_roles_wrapped_or_bare() {
    for reply in [
        r#"{"data":[{"roleId":"desktop-user","roleName":"Desktop User"}]}"#,
        r#"[{"roleId":"desktop-user","roleName":"Desktop User"}]"#,
    ] {
        let mut server = Server::new();
        let _t = token_mock(&mut server, TOKEN);
        // authority.md §3.1 get_roles: GET /api/v3/users/{userUid}/roles
        let m = exact(
            &mut server,
            "GET",
            "/api/v3/users/U1/roles",
            "",
            None,
            reply,
        );
        let (client, _) = test_client(&server);
        let roles = client.users().roles(&UserUid::new("U1")).unwrap();
        assert_eq!(roles[0].role_name.as_deref(), Some("Desktop User"));
        m.assert();
    }
}

#[test]
fn add_role_by_name_puts_the_current_ids_plus_the_new_one_and_caches_the_role_list() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.1 add_role: GET /api/v1/role (once per client here), GET /api/v3/users/{uid}/roles,
    // PUT /api/v3/users/{uid}/roles {"roleIds": [current ids..., added id]}
    let roles = exact(&mut server, "GET", "/api/v1/role", "", None, ROLES);
    let current = server
        .mock("GET", "/api/v3/users/U1/roles")
        .match_query(Matcher::Missing)
        .with_body(r#"{"data":[{"roleId":"desktop-user","roleName":"Desktop User"}]}"#)
        .expect(2)
        .create();
    let put = exact(
        &mut server,
        "PUT",
        "/api/v3/users/U1/roles",
        "",
        Some(r#"{"roleIds":["desktop-user","customer-cloud-admin"]}"#),
        "",
    );
    let (client, _) = test_client(&server);
    let uid = UserUid::new("U1");
    assert_eq!(
        client
            .users()
            .add_role(&uid, "Customer Cloud Admin")
            .unwrap(),
        Change::Made
    );
    // A role the user has (named by id): no PUT, and the role list is not fetched again.
    assert_eq!(
        client.users().add_role(&uid, "desktop-user").unwrap(),
        Change::Already
    );
    roles.assert();
    current.assert();
    put.assert();
}

#[test]
fn remove_role_puts_the_list_without_it() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _r = exact(&mut server, "GET", "/api/v1/role", "", None, ROLES);
    // Duplicates from the server are written once.
    let _c = exact(
        &mut server,
        "GET",
        "/api/v3/users/U1/roles",
        "",
        None,
        r#"{"data":[{"roleId":"desktop-user"},{"roleId":"proe-user"},{"roleId":"desktop-user"}]}"#,
    );
    // authority.md §3.1 remove_role: PUT /api/v3/users/{uid}/roles {"roleIds": [...]} without the id
    let put = exact(
        &mut server,
        "PUT",
        "/api/v3/users/U1/roles",
        "",
        Some(r#"{"roleIds":["desktop-user"]}"#),
        "",
    );
    let (client, _) = test_client(&server);
    assert_eq!(
        client
            .users()
            .remove_role(&UserUid::new("U1"), "PROe User")
            .unwrap(),
        Change::Made
    );
    put.assert();
}

#[test]
fn an_unknown_role_fails_before_any_write() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // Fetched once, then once more to be sure the name is not new.
    let roles = server
        .mock("GET", "/api/v1/role")
        .with_body(ROLES)
        .expect(2)
        .create();
    let get = never(&mut server, "GET", "/api/v3/users/U1/roles");
    let put = never(&mut server, "PUT", "/api/v3/users/U1/roles");
    let (client, _) = test_client(&server);
    match client.users().add_role(&UserUid::new("U1"), "Overlord") {
        Err(Error::InvalidInput { argument, reason }) => {
            assert_eq!(argument, "role");
            assert!(
                reason.contains("Overlord") && reason.contains("Desktop User"),
                "{reason}"
            );
        }
        other => panic!("{other:?}"),
    }
    roles.assert();
    get.assert();
    put.assert();
}

#[test]
fn bad_ids_fail_before_any_request() {
    let server = Server::new();
    let (client, _) = test_client(&server);
    let argument = |r: Result<Change, Error>| match r {
        Err(Error::InvalidInput { argument, .. }) => argument,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        argument(client.users().block(&UserUid::new(""))),
        "user_uid"
    );
    assert_eq!(
        argument(
            client
                .users()
                .move_to_org(&UserUid::new("U"), OrgId::new(0))
        ),
        "org_id"
    );
    assert_eq!(
        argument(client.devices().block(DeviceId::new(-1))),
        "device_id"
    );
    assert_eq!(
        argument(client.orgs().deactivate(&OrgGuid::new(" "))),
        "org_guid"
    );
    assert_eq!(
        argument(client.users().add_role(&UserUid::new("U"), "")),
        "role"
    );
    assert!(matches!(
        client.orgs().page(&OrgFilter::new(), 0),
        Err(Error::InvalidInput {
            argument: "page",
            ..
        })
    ));
    assert!(matches!(
        client.devices().page(&DeviceFilter::new(), 0),
        Err(Error::InvalidInput {
            argument: "page",
            ..
        })
    ));
    assert!(matches!(
        client.devices().list(&DeviceFilter::new().page_size(0)),
        Err(Error::InvalidInput {
            argument: "page_size",
            ..
        })
    ));
    assert!(matches!(
        client.orgs().create(NewOrg::new("x", "")),
        Err(Error::InvalidInput {
            argument: "parent",
            ..
        })
    ));
}

#[test]
fn users_list_filters_by_org_role_and_active() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.1 get_page: GET /api/v1/User active, email, orgUid, roleId, pgNum, pgSize, q
    let m = exact(
        &mut server,
        "GET",
        "/api/v1/User",
        "active=false&orgUid=ORG1&roleId=desktop-user&pgNum=1&pgSize=500",
        None,
        r#"{"data":{"totalCount":0,"users":[]}}"#,
    );
    let (client, _) = test_client(&server);
    let filter = UserFilter::new()
        .active(false)
        .org_uid("ORG1")
        .role_id("desktop-user");
    assert_eq!(client.users().list(&filter).unwrap().count(), 0);
    m.assert();
}

// ------------------------------------------------------------------------------------ orgs

fn org_json(id: i64, uid: &str, guid: &str, name: &str) -> String {
    format!(
        r#"{{"orgId":{id},"orgUid":"{uid}","orgGuid":"{guid}","orgName":"{name}","active":true,"blocked":false}}"#
    )
}

#[test]
fn org_list_pages_from_1() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.2 get_page/get_all: GET /api/v1/Org pgNum, pgSize; list key orgs (§3.0)
    let p1 = exact(
        &mut server,
        "GET",
        "/api/v1/Org",
        "pgNum=1&pgSize=2",
        None,
        &format!(
            r#"{{"data":{{"totalCount":3,"orgs":[{},{}]}}}}"#,
            org_json(1, "u1", "g1", "a"),
            org_json(2, "u2", "g2", "b")
        ),
    );
    let p2 = exact(
        &mut server,
        "GET",
        "/api/v1/Org",
        "pgNum=2&pgSize=2",
        None,
        &format!(
            r#"{{"data":{{"totalCount":3,"orgs":[{}]}}}}"#,
            org_json(3, "u3", "g3", "c")
        ),
    );
    let (client, _) = test_client(&server);
    let guids: Vec<String> = client
        .orgs()
        .list(&OrgFilter::new().page_size(2))
        .unwrap()
        .map(|o| o.unwrap().org_guid)
        .collect();
    assert_eq!(guids, ["g1", "g2", "g3"]);
    p1.assert();
    p2.assert();
}

#[test]
fn the_org_index_walks_every_page_once_per_client() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // py42 looks at the first page only (authority.md §3.2); the org with id 9 is on page 2.
    let page1: Vec<String> = (1..=500)
        .map(|i| org_json(i, &format!("u{i}"), &format!("g{i}"), "x"))
        .collect();
    let p1 = exact(
        &mut server,
        "GET",
        "/api/v1/Org",
        "pgNum=1&pgSize=500",
        None,
        &format!(
            r#"{{"data":{{"totalCount":501,"orgs":[{}]}}}}"#,
            page1.join(",")
        ),
    );
    let p2 = exact(
        &mut server,
        "GET",
        "/api/v1/Org",
        "pgNum=2&pgSize=500",
        None,
        &format!(
            r#"{{"data":{{"totalCount":501,"orgs":[{}]}}}}"#,
            org_json(9001, "u9001", "g9001", "late")
        ),
    );
    // authority.md §3.2 get_by_id: GET /api/v3/orgs/{orgGuid}
    let get = exact(
        &mut server,
        "GET",
        "/api/v3/orgs/g9001",
        "",
        None,
        &format!(r#"{{"data":{}}}"#, org_json(9001, "u9001", "g9001", "late")),
    );
    let (client, _) = test_client(&server);
    let orgs = client.orgs();
    assert_eq!(orgs.guid_of(OrgId::new(9001)).unwrap().as_str(), "g9001");
    assert_eq!(orgs.guid_of(OrgId::new(3)).unwrap().as_str(), "g3");
    assert_eq!(
        orgs.guid_of_uid(&OrgUid::new("u17")).unwrap().as_str(),
        "g17"
    );
    assert_eq!(
        orgs.id_of_uid(&OrgUid::new("u9001")).unwrap(),
        OrgId::new(9001)
    );
    assert_eq!(
        orgs.get_by_id(OrgId::new(9001))
            .unwrap()
            .org_name
            .as_deref(),
        Some("late")
    );
    p1.assert();
    p2.assert();
    get.assert();
}

#[test]
fn an_org_id_in_no_page_is_invalid_input_after_one_more_walk() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let list = server
        .mock("GET", "/api/v1/Org")
        .match_query(Matcher::Exact("pgNum=1&pgSize=500".into()))
        .with_body(format!(
            r#"{{"data":{{"totalCount":1,"orgs":[{}]}}}}"#,
            org_json(1, "u1", "g1", "a")
        ))
        .expect(2)
        .create();
    let (client, _) = test_client(&server);
    match client.orgs().guid_of(OrgId::new(77)) {
        Err(Error::InvalidInput {
            argument: "org_id",
            reason,
        }) => assert!(reason.contains("77")),
        other => panic!("{other:?}"),
    }
    list.assert();
}

#[test]
fn get_org_by_guid_wrapped_or_bare() {
    for reply in [
        format!(r#"{{"data":{}}}"#, org_json(5, "u5", "g5", "five")),
        r#"{"orgGuid":"g5","orgName":"five","active":true,"userCount":0}"#.to_owned(),
    ] {
        let mut server = Server::new();
        let _t = token_mock(&mut server, TOKEN);
        // authority.md §3.2 get_by_id: GET /api/v3/orgs/{orgGuid}
        let m = exact(&mut server, "GET", "/api/v3/orgs/g5", "", None, &reply);
        let (client, _) = test_client(&server);
        let org = client.orgs().get(&OrgGuid::new("g5")).unwrap();
        assert_eq!(org.org_name.as_deref(), Some("five"));
        m.assert();
    }
}

#[test]
fn current_org() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.2 get_current: GET /api/v1/Org/my
    let m = exact(
        &mut server,
        "GET",
        "/api/v1/Org/my",
        "",
        None,
        &format!(r#"{{"data":{}}}"#, org_json(5, "u5", "g5", "five")),
    );
    let (client, _) = test_client(&server);
    assert_eq!(client.orgs().current().unwrap().org_guid, "g5");
    m.assert();
}

#[test]
fn create_org_sends_every_key() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.2 create_org: POST /api/v3/orgs {orgName, orgExtRef, notes, parentOrgGuid}
    let m = exact(
        &mut server,
        "POST",
        "/api/v3/orgs",
        "",
        Some(r#"{"orgName":"New","orgExtRef":null,"notes":"n","parentOrgGuid":"gp"}"#),
        &org_json(12, "u12", "g12", "New"),
    );
    let (client, _) = test_client(&server);
    let org = client
        .orgs()
        .create(NewOrg::new("New", "gp").notes("n"))
        .unwrap();
    assert_eq!(org.org_id, Some(12));
    m.assert();
}

#[test]
fn update_org_sends_every_key() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.2 update_org: PUT /api/v3/orgs/{guid} {orgName, orgExtRef, notes}
    let m = exact(
        &mut server,
        "PUT",
        "/api/v3/orgs/g5",
        "",
        Some(r#"{"orgName":"Renamed","orgExtRef":null,"notes":null}"#),
        "",
    );
    let (client, _) = test_client(&server);
    client
        .orgs()
        .update(&OrgGuid::new("g5"), OrgUpdate::new().name("Renamed"))
        .unwrap();
    m.assert();
}

#[test]
fn org_block_unblock_deactivate_reactivate() {
    // authority.md §3.2 block/unblock/deactivate/reactivate: POST /api/v3/orgs/{guid}/block|unblock|deactivate|activate (no body)
    type Call = fn(&code42::orgs::Orgs, &OrgGuid) -> code42::Result<Change>;
    let cases: [(&str, bool, bool, Call); 4] = [
        ("block", true, false, |o, g| o.block(g)),
        ("unblock", true, true, |o, g| o.unblock(g)),
        ("deactivate", true, false, |o, g| o.deactivate(g)),
        ("activate", false, false, |o, g| o.reactivate(g)),
    ];
    for (verb, active, blocked, call) in cases {
        let mut server = Server::new();
        let _t = token_mock(&mut server, TOKEN);
        let _g = exact(
            &mut server,
            "GET",
            "/api/v3/orgs/g5",
            "",
            None,
            &format!(r#"{{"orgGuid":"g5","active":{active},"blocked":{blocked}}}"#),
        );
        let m = exact(
            &mut server,
            "POST",
            &format!("/api/v3/orgs/g5/{verb}"),
            "",
            None,
            "",
        );
        let (client, _) = test_client(&server);
        assert_eq!(
            call(&client.orgs(), &OrgGuid::new("g5")).unwrap(),
            Change::Made,
            "{verb}"
        );
        m.assert();
    }
}

#[test]
fn org_agent_state() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.2 get_agent_full_disk_access_states: GET /api/v14/agent-state/view-by-organization-id orgId, propertyName=fullDiskAccess
    let m = exact(
        &mut server,
        "GET",
        "/api/v14/agent-state/view-by-organization-id",
        "orgId=2001&propertyName=fullDiskAccess",
        None,
        r#"{"data":[{"deviceGuid":"G1","value":"true"}]}"#,
    );
    let (client, _) = test_client(&server);
    let state = client
        .orgs()
        .full_disk_access_states(OrgId::new(2001))
        .unwrap();
    assert!(state.data.is_some());
    m.assert();
}

// --------------------------------------------------------------------------------- devices

#[test]
fn device_list_sends_every_py42_filter() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.3 get_page: GET /api/v1/Computer active, blocked, orgUid, userUid, targetComputerGuid,
    // incBackupUsage, incCounts (default True), pgNum, pgSize, q. (py42 form-encodes a space as `+`,
    // this client as `%20`: the same value once decoded; the pager puts its page parameters last.)
    let m = exact(
        &mut server,
        "GET",
        "/api/v1/Computer",
        "active=true&blocked=false&orgUid=O1&userUid=U1&targetComputerGuid=D9&incBackupUsage=true&incCounts=true&q=lap%20top&pgNum=1&pgSize=50",
        None,
        r#"{"data":{"totalCount":1,"computers":[{"computerId":1,"guid":"G1","service":"CrashPlan"}]}}"#,
    );
    let (client, _) = test_client(&server);
    let filter = DeviceFilter::new()
        .active(true)
        .blocked(false)
        .org_uid("O1")
        .user_uid("U1")
        .destination_guid("D9")
        .include_backup_usage(true)
        .query("lap top")
        .page_size(50);
    let ids: Vec<i64> = client
        .devices()
        .list(&filter)
        .unwrap()
        .map(|d| d.unwrap().computer_id)
        .collect();
    assert_eq!(ids, [1]);
    m.assert();
}

#[test]
fn device_list_with_an_unknown_org_is_org_not_found() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §5.2: 400 + "Unable to find org" (devices) -> Py42OrgNotFoundError
    let _m = server
        .mock("GET", "/api/v1/Computer")
        .match_query(Matcher::Any)
        .with_status(400)
        .with_body(r#"[{"name":"SYSTEM","description":"Unable to find org"}]"#)
        .create();
    let (client, _) = test_client(&server);
    let err = client
        .devices()
        .page(&DeviceFilter::new().org_uid("nope"), 1)
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::OrgNotFound), "{err}");
}

#[test]
fn device_by_id_and_by_guid() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.3 get_by_id: GET /api/v1/Computer/{device_id}; get_by_guid: ?idType=guid
    let by_id = exact(
        &mut server,
        "GET",
        "/api/v1/Computer/42",
        "",
        None,
        &device_state(42, true, false),
    );
    let by_guid = exact(
        &mut server,
        "GET",
        "/api/v1/Computer/G42",
        "idType=guid",
        None,
        &device_state(42, true, false),
    );
    let (client, _) = test_client(&server);
    assert_eq!(
        client.devices().get_by_id(DeviceId::new(42)).unwrap().guid,
        "G42"
    );
    assert_eq!(
        client
            .devices()
            .get_by_guid(&DeviceGuid::new("G42"))
            .unwrap()
            .computer_id,
        42
    );
    by_id.assert();
    by_guid.assert();
}

#[test]
fn backup_usage_and_settings_document() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §2.3 default destination: GET /api/v1/Computer/<guid>?idType=guid&incBackupUsage=True
    let usage = exact(
        &mut server,
        "GET",
        "/api/v1/Computer/G42",
        "idType=guid&incBackupUsage=true",
        None,
        r#"{"data":{"computerId":42,"guid":"G42","backupUsage":[{"targetComputerGuid":"632540230984925185","archiveBytes":119501,"percentComplete":0.0}]}}"#,
    );
    // authority.md §3.3 get_settings: GET /api/v1/Computer/{guid}?idType=guid&incSettings=True
    let settings = exact(
        &mut server,
        "GET",
        "/api/v1/Computer/G42",
        "idType=guid&incSettings=true",
        None,
        r#"{"metadata":{},"data":{"computerId":42,"guid":"G42","settings":{"configDateMs":"1","serviceBackupConfig":{"backupConfig":{"backupSets":""}}},"unknownKey":null}}"#,
    );
    let (client, _) = test_client(&server);
    let guid = DeviceGuid::new("G42");
    let usage_list = client.devices().backup_usage(&guid).unwrap();
    assert_eq!(
        usage_list[0].target_computer_guid.as_deref(),
        Some("632540230984925185")
    );
    let doc = client.devices().settings_document(&guid).unwrap();
    assert_eq!(
        doc["settings"]["serviceBackupConfig"]["backupConfig"]["backupSets"],
        ""
    );
    assert!(
        doc.as_object().unwrap().contains_key("unknownKey"),
        "nothing dropped"
    );
    usage.assert();
    settings.assert();
}

#[test]
fn device_block_and_unblock() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _g = server
        .mock("GET", "/api/v1/Computer/42")
        .match_query(Matcher::Missing)
        .with_body(device_state(42, true, false))
        .create();
    // authority.md §3.3 block: PUT /api/v1/ComputerBlock/{device_id} (no body)
    let block = exact(&mut server, "PUT", "/api/v1/ComputerBlock/42", "", None, "");
    let unblock = never(&mut server, "DELETE", "/api/v1/ComputerBlock/42");
    let (client, _) = test_client(&server);
    assert_eq!(
        client.devices().block(DeviceId::new(42)).unwrap(),
        Change::Made
    );
    // Not blocked: unblocking is "already", without a DELETE.
    assert_eq!(
        client.devices().unblock(DeviceId::new(42)).unwrap(),
        Change::Already
    );
    block.assert();
    unblock.assert();
}

#[test]
fn device_unblock_deletes() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _g = exact(
        &mut server,
        "GET",
        "/api/v1/Computer/42",
        "",
        None,
        &device_state(42, true, true),
    );
    // authority.md §3.3 unblock: DELETE /api/v1/ComputerBlock/{device_id}
    let m = exact(
        &mut server,
        "DELETE",
        "/api/v1/ComputerBlock/42",
        "",
        None,
        "",
    );
    let (client, _) = test_client(&server);
    assert_eq!(
        client.devices().unblock(DeviceId::new(42)).unwrap(),
        Change::Made
    );
    m.assert();
}

#[test]
fn device_deactivate_and_reactivate_send_the_id() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _g1 = exact(
        &mut server,
        "GET",
        "/api/v1/Computer/42",
        "",
        None,
        &device_state(42, true, false),
    );
    // authority.md §3.3 deactivate: POST /api/v4/computer-deactivation/update {"id": device_id}
    let m = exact(
        &mut server,
        "POST",
        "/api/v4/computer-deactivation/update",
        "",
        Some(r#"{"id":42}"#),
        "",
    );
    let (client, _) = test_client(&server);
    assert_eq!(
        client.devices().deactivate(DeviceId::new(42)).unwrap(),
        Change::Made
    );
    m.assert();

    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _g2 = exact(
        &mut server,
        "GET",
        "/api/v1/Computer/42",
        "",
        None,
        &device_state(42, false, false),
    );
    // authority.md §3.3 reactivate: POST /api/v4/computer-deactivation/remove {"id": device_id}
    let m = exact(
        &mut server,
        "POST",
        "/api/v4/computer-deactivation/remove",
        "",
        Some(r#"{"id":42}"#),
        "",
    );
    let (client, _) = test_client(&server);
    assert_eq!(
        client.devices().reactivate(DeviceId::new(42)).unwrap(),
        Change::Made
    );
    m.assert();
}

#[test]
fn device_deactivate_on_legal_hold_and_already_deactivated() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _g = exact(
        &mut server,
        "GET",
        "/api/v1/Computer/42",
        "",
        None,
        &device_state(42, true, false),
    );
    let _m = server
        .mock("POST", "/api/v4/computer-deactivation/update")
        .with_status(400)
        .with_body(r#"[{"name":"ACTIVE_LEGAL_HOLD"}]"#)
        .create();
    let _g9 = exact(
        &mut server,
        "GET",
        "/api/v1/Computer/9",
        "",
        None,
        &device_state(9, false, false),
    );
    let (client, _) = test_client(&server);
    let err = client.devices().deactivate(DeviceId::new(42)).unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::ActiveLegalHold), "{err}");
    assert_eq!(
        client.devices().deactivate(DeviceId::new(9)).unwrap(),
        Change::Already
    );
}

#[test]
fn device_deauthorize_upgrade_agent_state() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.3 deauthorize: PUT /api/v1/ComputerDeauthorization/{device_id} (no body)
    let deauth = exact(
        &mut server,
        "PUT",
        "/api/v1/ComputerDeauthorization/42",
        "",
        None,
        "",
    );
    // authority.md §3.3 upgrade: POST /api/v4/device-upgrade/upgrade-device {"deviceGuid": guid}
    let upgrade = exact(
        &mut server,
        "POST",
        "/api/v4/device-upgrade/upgrade-device",
        "",
        Some(r#"{"deviceGuid":"G42"}"#),
        "",
    );
    // authority.md §3.3 get_agent_full_disk_access_state: GET /api/v14/agent-state/view-by-device-guid deviceGuid, propertyName=fullDiskAccess
    let state = exact(
        &mut server,
        "GET",
        "/api/v14/agent-state/view-by-device-guid",
        "deviceGuid=G42&propertyName=fullDiskAccess",
        None,
        r#"{"data":{"value":"true"}}"#,
    );
    let (client, _) = test_client(&server);
    let guid = DeviceGuid::new("G42");
    client.devices().deauthorize(DeviceId::new(42)).unwrap();
    client.devices().upgrade(&guid).unwrap();
    assert!(
        client
            .devices()
            .full_disk_access_state(&guid)
            .unwrap()
            .data
            .is_some()
    );
    deauth.assert();
    upgrade.assert();
    state.assert();
}

// -------------------------------------------------------------------- administration, login

#[test]
fn diagnostics_current_tenant_and_login_configuration() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    // authority.md §3.6 get_diagnostics (1.11.1 only): GET /api/Diagnostic incVolumes
    let diag = exact(
        &mut server,
        "GET",
        "/api/Diagnostic",
        "incVolumes=true",
        None,
        r#"{"data":{"version":"x"}}"#,
    );
    // authority.md §3.6 get_current_tenant: GET /api/v3/customer/my
    let tenant = exact(
        &mut server,
        "GET",
        "/api/v3/customer/my",
        "",
        None,
        r#"{"data":{"tenantUid":"T-1","name":"Acme"}}"#,
    );
    // authority.md §1.7 loginconfig.get_for_user: GET /api/v3/LoginConfiguration?username=<u>, no Authorization
    let login = server
        .mock("GET", "/api/v3/LoginConfiguration")
        .match_query(Matcher::Exact("username=a%40x.com".into()))
        .match_header("authorization", Matcher::Missing)
        .with_body(r#"{"loginType":"LOCAL_2FA"}"#)
        .expect(1)
        .create();
    let (client, _) = test_client(&server);
    let admin = client.administration();
    assert!(admin.diagnostics(Some(true)).unwrap().data.is_some());
    assert_eq!(admin.current_tenant().unwrap().tenant_uid, "T-1");
    let config = admin.login_configuration("a@x.com").unwrap();
    assert_eq!(config.login_type.as_str(), "LOCAL_2FA");
    diag.assert();
    tenant.assert();
    login.assert();
}
