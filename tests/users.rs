//! `client.users()`: exact requests, lazy paging, cursors, and paging failure modes.

mod common;

use code42::users::UserFilter;
use code42::{Cursor, Error};
use common::*;
use mockito::{Matcher, Server};

fn page_body(ids: std::ops::Range<i64>, total: i64) -> String {
    let users: Vec<String> = ids
        .map(|i| user_json(i, &format!("U{i}"), &format!("u{i}@example.com")))
        .collect();
    format!(
        r#"{{"data":{{"totalCount":{total},"users":[{}]}},"metadata":{{}}}}"#,
        users.join(",")
    )
}

fn page_mock(server: &mut Server, page: u32, size: u32, body: String) -> mockito::Mock {
    server
        .mock("GET", "/api/v1/User")
        .match_query(Matcher::AllOf(vec![
            Matcher::UrlEncoded("pgNum".into(), page.to_string()),
            Matcher::UrlEncoded("pgSize".into(), size.to_string()),
        ]))
        .with_header("content-type", "application/json")
        .with_body(body)
        .expect(1)
        .create()
}

#[test]
fn list_sends_the_filters_and_pages_from_1_until_a_short_page() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let m = server
        .mock("GET", "/api/v1/User")
        .match_query(Matcher::AllOf(vec![
            Matcher::UrlEncoded("active".into(), "true".into()),
            Matcher::UrlEncoded("blocked".into(), "false".into()),
            Matcher::UrlEncoded("orgUid".into(), "ORG 1".into()),
            Matcher::UrlEncoded("roleId".into(), "3".into()),
            Matcher::UrlEncoded("email".into(), "a+b@x.com".into()),
            Matcher::UrlEncoded("q".into(), "smith".into()),
            Matcher::UrlEncoded("pgNum".into(), "1".into()),
            Matcher::UrlEncoded("pgSize".into(), "2".into()),
        ]))
        .with_body(page_body(1..3, 4))
        .create();
    let m2 = server
        .mock("GET", "/api/v1/User")
        .match_query(Matcher::UrlEncoded("pgNum".into(), "2".into()))
        .with_body(page_body(3..5, 4))
        .create();
    // authority.md §3.0: py42 stops when a page has fewer items than the page size, never on
    // totalCount; a full last page costs one more (empty) request.
    let m3 = server
        .mock("GET", "/api/v1/User")
        .match_query(Matcher::UrlEncoded("pgNum".into(), "3".into()))
        .with_body(page_body(5..5, 4))
        .expect(1)
        .create();
    let (client, _) = test_client(&server);
    let filter = UserFilter::new()
        .active(true)
        .blocked(false)
        .org_uid("ORG 1")
        .role_id("3")
        .email("a+b@x.com")
        .query("smith")
        .page_size(2);
    let ids: Vec<i64> = client
        .users()
        .list(&filter)
        .unwrap()
        .map(|u| u.unwrap().user_id)
        .collect();
    assert_eq!(ids, [1, 2, 3, 4], "page 3 is empty: the listing ends there");
    m3.assert();
    m.assert();
    m2.assert();
}

#[test]
fn a_short_page_ends_the_listing_without_a_total() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let p1 = page_mock(
        &mut server,
        1,
        3,
        page_body(1..4, 0).replace(r#""totalCount":0,"#, ""),
    );
    let p2 = page_mock(
        &mut server,
        2,
        3,
        page_body(4..5, 0).replace(r#""totalCount":0,"#, ""),
    );
    let (client, _) = test_client(&server);
    let pages: Vec<Vec<i64>> = client
        .users()
        .list(&UserFilter::new().page_size(3))
        .unwrap()
        .pages()
        .map(|p| p.unwrap().into_iter().map(|u| u.user_id).collect())
        .collect();
    assert_eq!(pages, vec![vec![1, 2, 3], vec![4]]);
    p1.assert();
    p2.assert();
}

#[test]
fn a_cursor_resumes_where_iteration_stopped() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _p1 = page_mock(&mut server, 1, 3, page_body(1..4, 7));
    let _p2 = page_mock(&mut server, 2, 3, page_body(4..7, 7)).expect(2);
    let _p3 = page_mock(&mut server, 3, 3, page_body(7..8, 7));
    let (client, _) = test_client(&server);
    let filter = UserFilter::new().page_size(3);
    let mut pager = client.users().list(&filter).unwrap();
    let first: Vec<i64> = pager.by_ref().take(4).map(|u| u.unwrap().user_id).collect();
    let cursor = pager.cursor();
    assert_eq!((cursor.page, cursor.skip, cursor.done), (Some(2), 1, false));
    let saved = serde_json::to_string(&cursor).unwrap();
    drop(pager);

    let cursor: Cursor = serde_json::from_str(&saved).unwrap();
    let rest: Vec<i64> = client
        .users()
        .list(&filter)
        .unwrap()
        .resume(&cursor)
        .unwrap()
        .map(|u| u.unwrap().user_id)
        .collect();
    assert_eq!(
        [first, rest].concat(),
        (1..8).collect::<Vec<_>>(),
        "nothing lost, nothing repeated"
    );
}

#[test]
fn a_truncated_page_is_fetched_again_and_no_user_repeats_or_goes_missing() {
    let token = "t";
    let page1 = page_body(1..3, 5);
    let page2 = page_body(3..5, 5);
    let page3 = page_body(5..6, 5);
    let server = ScriptedServer::start(vec![
        http_json(200, &page1),
        http_truncated(&page2[..page2.len() / 2]),
        http_json(200, &page2),
        http_json(200, &page3),
    ]);
    let client = code42::Client::builder(server.url.as_str())
        .jwt_provider(move || Ok(token.into()))
        .clock(std::sync::Arc::new(code42::clock::ManualClock::new()))
        .env_lookup(|_| None)
        .build()
        .unwrap();
    let ids: Vec<i64> = client
        .users()
        .list(&UserFilter::new().page_size(2))
        .unwrap()
        .map(|u| u.unwrap().user_id)
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    assert!(
        requests[1].contains("pgNum=2") && requests[2].contains("pgNum=2"),
        "{requests:?}"
    );
}

#[test]
fn a_server_repeating_the_same_page_is_stopped() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let _same = server
        .mock("GET", "/api/v1/User")
        .match_query(Matcher::Any)
        .with_body(page_body(1..3, 0).replace(r#""totalCount":0,"#, ""))
        .expect(2)
        .create();
    let (client, _) = test_client(&server);
    let results: Vec<_> = client
        .users()
        .list(&UserFilter::new().page_size(2))
        .unwrap()
        .collect();
    assert_eq!(results.len(), 3);
    assert!(
        matches!(results[2], Err(Error::Paging { .. })),
        "{:?}",
        results[2]
    );
}

#[test]
fn a_bad_item_is_a_decode_error_naming_its_place_and_the_rest_still_decode() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let body = r#"{"data":{"totalCount":3,"users":[{"userId":1,"userUid":"a","username":"a"},{"userId":"two"},{"userId":3,"userUid":"c","username":"c"}]}}"#;
    let _m = json_mock(&mut server, "GET", "/api/v1/User", body).create();
    let (client, _) = test_client(&server);
    let results: Vec<_> = client.users().list(&UserFilter::new()).unwrap().collect();
    assert!(results[0].is_ok() && results[2].is_ok());
    match &results[1] {
        Err(Error::Decode(e)) => assert_eq!(e.path(), "data.users[1].userId"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn get_by_id_uid_username_and_current() {
    let mut server = Server::new();
    let _t = token_mock(&mut server, TOKEN);
    let by_id = json_mock(
        &mut server,
        "GET",
        "/api/v1/User/42",
        &format!(r#"{{"data":{}}}"#, user_json(42, "U42", "a@x")),
    )
    .match_query(Matcher::Missing)
    .create();
    let by_uid = json_mock(
        &mut server,
        "GET",
        "/api/v1/User/U%2F42",
        &format!(r#"{{"data":{}}}"#, user_json(42, "U/42", "a@x")),
    )
    .match_query(Matcher::UrlEncoded("idType".into(), "uid".into()))
    .create();
    let by_name = json_mock(&mut server, "GET", "/api/v1/User", &page_body(42..43, 1))
        .match_query(Matcher::AllOf(vec![
            Matcher::UrlEncoded("username".into(), "a@x".into()),
            Matcher::UrlEncoded("pgNum".into(), "1".into()),
        ]))
        .create();
    let (client, _) = test_client(&server);
    assert_eq!(client.users().get_by_id(42).unwrap().user_uid, "U42");
    assert_eq!(client.users().get_by_uid("U/42").unwrap().user_id, 42);
    assert_eq!(
        client
            .users()
            .get_by_username("a@x")
            .unwrap()
            .map(|u| u.user_id),
        Some(42)
    );
    by_id.assert();
    by_uid.assert();
    by_name.assert();
}

#[test]
fn bad_arguments_are_rejected_before_any_request() {
    let server = Server::new(); // no mocks: any request would fail the call differently
    let (client, _) = test_client(&server);
    let users = client.users();
    let arg = |e: Error| match e {
        Error::InvalidInput { argument, .. } => argument,
        other => panic!("{other:?}"),
    };
    assert_eq!(arg(users.get_by_id(0).unwrap_err()), "user_id");
    assert_eq!(arg(users.get_by_uid(" ").unwrap_err()), "user_uid");
    assert_eq!(arg(users.get_by_username("").unwrap_err()), "username");
    assert_eq!(
        arg(users.list(&UserFilter::new().page_size(0)).unwrap_err()),
        "page_size"
    );
    assert_eq!(
        arg(users.list(&UserFilter::new().email("")).unwrap_err()),
        "email"
    );
    assert_eq!(arg(users.page(&UserFilter::new(), 0).unwrap_err()), "page");
}
