//! Orgs, devices, user writes, roles and administration against the fake tenant: every write is
//! checked through a separate read (a second client, so no cache of the first answers), and the
//! fake rejects what the real service rejects (unknown ids, unknown orgs, legal hold, duplicates).

use code42::devices::DeviceFilter;
use code42::orgs::{NewOrg, OrgFilter, OrgUpdate};
use code42::users::{NewUser, UserFilter, UserUpdate};
use code42::{
    ApiErrorKind, Change, Client, DeviceGuid, DeviceId, Error, OrgGuid, OrgId, OrgUid, UserUid,
};
use code42_fake::{FakeTenant, LEGAL_HOLD_USER_ID};

fn client_for(tenant: &FakeTenant) -> Client {
    Client::builder(tenant.url())
        .local_account(tenant.username(), tenant.password())
        .env_lookup(|_| None)
        .no_rate_limit()
        // The fake answers 5xx for user errors, as the real console: no retry to wait for.
        .retry_policy(code42::RetryPolicy::none())
        .build()
        .unwrap()
}

fn tenant() -> FakeTenant {
    FakeTenant::builder()
        .users(40)
        .cases(0)
        .alerts(0)
        .file_events(0)
        .start()
        .unwrap()
}

#[test]
fn the_org_tree_lists_resolves_and_changes() {
    let tenant = tenant();
    let client = client_for(&tenant);
    let reader = client_for(&tenant);
    let truth: Vec<String> = tenant.orgs().into_iter().map(|o| o.org_guid).collect();
    let listed: Vec<String> = client
        .orgs()
        .list(&OrgFilter::new().page_size(3))
        .unwrap()
        .map(|o| o.unwrap().org_guid)
        .collect();
    assert_eq!(listed, truth, "every org once, in order, over pages of 3");
    let root = &tenant.orgs()[0];
    let platform = tenant
        .orgs()
        .into_iter()
        .find(|o| o.org_name.as_deref() == Some("Platform"))
        .unwrap();
    let engineering = tenant
        .orgs()
        .into_iter()
        .find(|o| o.org_name.as_deref() == Some("Engineering"))
        .unwrap();
    assert_eq!(
        platform.parent_org_guid.as_deref(),
        Some(engineering.org_guid.as_str())
    );
    assert_eq!(
        engineering.parent_org_guid.as_deref(),
        Some(root.org_guid.as_str())
    );
    assert_eq!(
        client
            .orgs()
            .guid_of(OrgId::new(platform.org_id.unwrap()))
            .unwrap()
            .as_str(),
        platform.org_guid
    );
    assert_eq!(
        client
            .orgs()
            .get_by_uid(&OrgUid::new(platform.org_uid.clone().unwrap()))
            .unwrap()
            .org_name
            .as_deref(),
        Some("Platform")
    );
    assert_eq!(client.orgs().get_by_name("Sales").unwrap().len(), 1);
    assert_eq!(
        client.orgs().current().unwrap().org_guid,
        root.org_guid,
        "the local account is in the root org"
    );

    // Create under Engineering; a separate client finds it in the list and by id.
    let new = client
        .orgs()
        .create(NewOrg::new("Research", engineering.org_guid.clone()).ext_ref("R-1"))
        .unwrap();
    let id = OrgId::new(new.org_id.unwrap());
    assert_eq!(
        client.orgs().guid_of(id).unwrap().as_str(),
        new.org_guid,
        "the creating client knows it"
    );
    let read = reader.orgs().get_by_id(id).unwrap();
    assert_eq!(read.org_name.as_deref(), Some("Research"));
    assert_eq!(
        read.parent_org_guid.as_deref(),
        Some(engineering.org_guid.as_str())
    );
    assert_eq!(read.org_ext_ref.as_deref(), Some("R-1"));

    let guid = OrgGuid::new(new.org_guid.clone());
    client
        .orgs()
        .update(&guid, OrgUpdate::new().name("R&D").notes("n"))
        .unwrap();
    let read = reader.orgs().get(&guid).unwrap();
    assert_eq!(
        (read.org_name.as_deref(), read.notes.as_deref()),
        (Some("R&D"), Some("n"))
    );

    assert_eq!(client.orgs().block(&guid).unwrap(), Change::Made);
    assert_eq!(client.orgs().block(&guid).unwrap(), Change::Already);
    assert_eq!(reader.orgs().get(&guid).unwrap().blocked, Some(true));
    assert_eq!(client.orgs().deactivate(&guid).unwrap(), Change::Made);
    assert_eq!(
        reader.orgs().get(&guid).unwrap().status.as_deref(),
        Some("Deactivated")
    );
    assert_eq!(client.orgs().deactivate(&guid).unwrap(), Change::Already);
    assert_eq!(client.orgs().reactivate(&guid).unwrap(), Change::Made);
    assert_eq!(client.orgs().unblock(&guid).unwrap(), Change::Made);
    assert_eq!(
        reader.orgs().get(&guid).unwrap().status.as_deref(),
        Some("Active")
    );

    // What the real service rejects.
    let missing = client
        .orgs()
        .get(&OrgGuid::new("no-such-guid"))
        .unwrap_err();
    assert_eq!(
        missing.api_kind(),
        Some(ApiErrorKind::NotFound),
        "{missing}"
    );
    let orphan = client
        .orgs()
        .create(NewOrg::new("Orphan", "no-such-parent"))
        .unwrap_err();
    assert_eq!(
        orphan.api_kind(),
        Some(ApiErrorKind::OrgNotFound),
        "{orphan}"
    );
    assert!(matches!(
        client.orgs().guid_of(OrgId::new(999_999)),
        Err(Error::InvalidInput {
            argument: "org_id",
            ..
        })
    ));
    let states = client
        .orgs()
        .full_disk_access_states(OrgId::new(root.org_id.unwrap()))
        .unwrap();
    assert!(states.data.as_ref().and_then(|d| d.as_array()).is_some());
}

#[test]
fn devices_list_filter_and_change() {
    let tenant = tenant();
    let client = client_for(&tenant);
    let reader = client_for(&tenant);
    let truth: Vec<i64> = tenant.devices().iter().map(|d| d.computer_id).collect();
    assert!(truth.len() > 30, "{}", truth.len());
    let listed: Vec<i64> = client
        .devices()
        .list(&DeviceFilter::new().page_size(7))
        .unwrap()
        .map(|d| d.unwrap().computer_id)
        .collect();
    assert_eq!(listed, truth);
    let crashplan = tenant
        .devices()
        .into_iter()
        .find(|d| d.service.as_deref() == Some("CrashPlan"))
        .unwrap();
    let incydr = tenant
        .devices()
        .into_iter()
        .find(|d| d.service.as_deref() == Some("Artemis"))
        .unwrap();

    // Filters: by org, by user, with backup usage.
    let org = crashplan.org_uid.clone().unwrap();
    let in_org: Vec<i64> = client
        .devices()
        .list(&DeviceFilter::new().org_uid(org.clone()))
        .unwrap()
        .map(|d| d.unwrap().computer_id)
        .collect();
    let expected: Vec<i64> = tenant
        .devices()
        .iter()
        .filter(|d| d.org_uid.as_deref() == Some(&org))
        .map(|d| d.computer_id)
        .collect();
    assert_eq!(in_org, expected);
    let with_usage = client
        .devices()
        .page(
            &DeviceFilter::new()
                .user_uid(crashplan.user_uid.clone().unwrap())
                .include_backup_usage(true),
            1,
        )
        .unwrap();
    assert!(
        with_usage
            .computers
            .iter()
            .any(|d| d.backup_usage.as_ref().is_some_and(|u| !u.is_empty()))
    );
    let without = client
        .devices()
        .page(
            &DeviceFilter::new().user_uid(crashplan.user_uid.clone().unwrap()),
            1,
        )
        .unwrap();
    assert!(without.computers.iter().all(|d| d.backup_usage.is_none()));
    let bad_org = client
        .devices()
        .page(&DeviceFilter::new().org_uid("nope"), 1)
        .unwrap_err();
    assert_eq!(
        bad_org.api_kind(),
        Some(ApiErrorKind::OrgNotFound),
        "{bad_org}"
    );

    let cp_guid = DeviceGuid::new(crashplan.guid.clone());
    let usage = client.devices().backup_usage(&cp_guid).unwrap();
    assert_eq!(usage.len(), 1);
    assert!(usage[0].archive_bytes.unwrap() > 0);
    assert!(
        client
            .devices()
            .backup_usage(&DeviceGuid::new(incydr.guid.clone()))
            .unwrap()
            .is_empty()
    );
    let doc = client.devices().settings_document(&cp_guid).unwrap();
    assert!(doc["settings"]["serviceBackupConfig"].is_object());
    assert_eq!(
        client.devices().get_by_guid(&cp_guid).unwrap().computer_id,
        crashplan.computer_id
    );

    // Writes, each read back by the other client.
    let id = DeviceId::new(crashplan.computer_id);
    assert_eq!(client.devices().block(id).unwrap(), Change::Made);
    assert_eq!(reader.devices().get_by_id(id).unwrap().blocked, Some(true));
    assert_eq!(client.devices().block(id).unwrap(), Change::Already);
    assert_eq!(client.devices().unblock(id).unwrap(), Change::Made);
    assert_eq!(client.devices().deactivate(id).unwrap(), Change::Made);
    assert_eq!(
        reader.devices().get_by_id(id).unwrap().status.as_deref(),
        Some("Deactivated")
    );
    assert_eq!(client.devices().deactivate(id).unwrap(), Change::Already);
    let inactive: Vec<i64> = reader
        .devices()
        .list(&DeviceFilter::new().active(false))
        .unwrap()
        .map(|d| d.unwrap().computer_id)
        .collect();
    assert_eq!(inactive, [crashplan.computer_id]);
    assert_eq!(client.devices().reactivate(id).unwrap(), Change::Made);
    client.devices().deauthorize(id).unwrap();
    assert_eq!(
        reader.devices().get_by_id(id).unwrap().status.as_deref(),
        Some("Active, Deauthorized")
    );
    client.devices().upgrade(&cp_guid).unwrap();
    assert_eq!(
        tenant.upgraded_devices(),
        std::slice::from_ref(&crashplan.guid)
    );
    let state = client.devices().full_disk_access_state(&cp_guid).unwrap();
    assert_eq!(
        state.data.unwrap()[0]["deviceGuid"],
        crashplan.guid.as_str()
    );

    // What the real service rejects.
    let missing = client.devices().deauthorize(DeviceId::new(1)).unwrap_err();
    assert_eq!(
        missing.api_kind(),
        Some(ApiErrorKind::NotFound),
        "{missing}"
    );
    let held_user = tenant
        .users()
        .into_iter()
        .find(|u| u.user_id == LEGAL_HOLD_USER_ID)
        .unwrap();
    if let Some(held) = tenant
        .devices()
        .into_iter()
        .find(|d| d.user_uid.as_deref() == Some(held_user.user_uid.as_str()))
    {
        let err = client
            .devices()
            .deactivate(DeviceId::new(held.computer_id))
            .unwrap_err();
        assert_eq!(err.api_kind(), Some(ApiErrorKind::ActiveLegalHold), "{err}");
        assert_eq!(
            reader
                .devices()
                .get_by_id(DeviceId::new(held.computer_id))
                .unwrap()
                .active,
            Some(true)
        );
    }
}

#[test]
fn users_are_created_changed_moved_and_given_roles() {
    let tenant = tenant();
    let client = client_for(&tenant);
    let reader = client_for(&tenant);
    let sales = tenant
        .orgs()
        .into_iter()
        .find(|o| o.org_name.as_deref() == Some("Sales"))
        .unwrap();
    let legal = tenant
        .orgs()
        .into_iter()
        .find(|o| o.org_name.as_deref() == Some("Legal"))
        .unwrap();

    let created = client
        .users()
        .create(
            NewUser::new(
                sales.org_uid.clone().unwrap(),
                "new.hire@example.com",
                "new.hire@example.com",
            )
            .first_name("New"),
        )
        .unwrap();
    let uid = UserUid::new(created.user_uid.clone());
    let read = reader
        .users()
        .get_by_username("new.hire@example.com")
        .unwrap()
        .unwrap();
    assert_eq!(
        (read.user_uid.as_str(), read.org_uid.as_deref()),
        (uid.as_str(), sales.org_uid.as_deref())
    );
    let dup = client
        .users()
        .create(NewUser::new(
            sales.org_uid.clone().unwrap(),
            "NEW.HIRE@example.com",
            "x@example.com",
        ))
        .unwrap_err();
    assert_eq!(
        dup.api_kind(),
        Some(ApiErrorKind::UserAlreadyExists),
        "{dup}"
    );
    let bad_email = client
        .users()
        .update(&uid, UserUpdate::new().email("not-an-email"))
        .unwrap_err();
    assert_eq!(
        bad_email.api_kind(),
        Some(ApiErrorKind::InvalidEmail),
        "{bad_email}"
    );
    client
        .users()
        .update(
            &uid,
            UserUpdate::new()
                .last_name("Hire")
                .archive_quota_bytes(5000),
        )
        .unwrap();
    let read = reader.users().get_by_uid(uid.as_str()).unwrap();
    assert_eq!(
        (
            read.first_name.as_deref(),
            read.last_name.as_deref(),
            read.quota_in_bytes
        ),
        (Some("New"), Some("Hire"), Some(5000))
    );
    assert_eq!(
        client
            .users()
            .scim_data(&uid)
            .unwrap()
            .department
            .as_deref(),
        Some("Sales")
    );

    // Block, deactivate, move: read back, and "already" the second time.
    assert_eq!(client.users().block(&uid).unwrap(), Change::Made);
    assert_eq!(client.users().block(&uid).unwrap(), Change::Already);
    let blocked: Vec<String> = reader
        .users()
        .list(&UserFilter::new().blocked(true))
        .unwrap()
        .map(|u| u.unwrap().user_uid)
        .collect();
    assert!(blocked.contains(&created.user_uid));
    assert_eq!(client.users().deactivate(&uid, None).unwrap(), Change::Made);
    assert_eq!(
        client.users().deactivate(&uid, None).unwrap(),
        Change::Already
    );
    assert_eq!(
        reader.users().get_by_uid(uid.as_str()).unwrap().active,
        Some(false)
    );
    assert_eq!(
        client.users().reactivate(&uid, Some(true)).unwrap(),
        Change::Made
    );
    let read = reader.users().get_by_uid(uid.as_str()).unwrap();
    assert_eq!((read.active, read.blocked), (Some(true), Some(false)));
    let legal_id = OrgId::new(legal.org_id.unwrap());
    assert_eq!(
        client.users().move_to_org(&uid, legal_id).unwrap(),
        Change::Made
    );
    assert_eq!(
        client.users().move_to_org(&uid, legal_id).unwrap(),
        Change::Already
    );
    let in_legal: Vec<String> = reader
        .users()
        .list(
            &UserFilter::new()
                .org_uid(legal.org_uid.clone().unwrap())
                .active(true),
        )
        .unwrap()
        .map(|u| u.unwrap().user_uid)
        .collect();
    assert!(in_legal.contains(&created.user_uid));
    let no_org = client
        .users()
        .move_to_org(&uid, OrgId::new(424_242))
        .unwrap_err();
    assert_eq!(
        no_org.api_kind(),
        Some(ApiErrorKind::OrgNotFound),
        "{no_org}"
    );
    let bad_filter = reader
        .users()
        .page(&UserFilter::new().org_uid("nope"), 1)
        .unwrap_err();
    assert_eq!(
        bad_filter.api_kind(),
        Some(ApiErrorKind::OrgNotFound),
        "{bad_filter}"
    );

    // Roles by name.
    let available = client.users().available_roles().unwrap();
    assert_eq!(available.len(), tenant.roles().len());
    assert_eq!(
        client
            .users()
            .add_role(&uid, "Customer Cloud Admin")
            .unwrap(),
        Change::Made
    );
    assert_eq!(
        client
            .users()
            .add_role(&uid, "customer-cloud-admin")
            .unwrap(),
        Change::Already
    );
    let roles: Vec<String> = reader
        .users()
        .roles(&uid)
        .unwrap()
        .into_iter()
        .filter_map(|r| r.role_id)
        .collect();
    assert_eq!(roles, ["desktop-user", "customer-cloud-admin"]);
    let admins: Vec<String> = reader
        .users()
        .list(&UserFilter::new().role_id("customer-cloud-admin"))
        .unwrap()
        .map(|u| u.unwrap().user_uid)
        .collect();
    assert!(admins.contains(&created.user_uid));
    assert_eq!(
        client.users().remove_role(&uid, "Desktop User").unwrap(),
        Change::Made
    );
    assert_eq!(
        client.users().remove_role(&uid, "Desktop User").unwrap(),
        Change::Already
    );
    let roles: Vec<String> = reader
        .users()
        .roles(&uid)
        .unwrap()
        .into_iter()
        .filter_map(|r| r.role_id)
        .collect();
    assert_eq!(roles, ["customer-cloud-admin"]);
    let before = tenant.requests().len();
    assert!(matches!(
        client.users().add_role(&uid, "Overlord"),
        Err(Error::InvalidInput {
            argument: "role",
            ..
        })
    ));
    assert!(
        tenant.requests()[before..]
            .iter()
            .all(|r| r.method == "GET"),
        "no write for an unknown role"
    );

    // Legal hold and unknown users.
    let held = tenant
        .users()
        .into_iter()
        .find(|u| u.user_id == LEGAL_HOLD_USER_ID)
        .unwrap();
    let err = client
        .users()
        .deactivate(&UserUid::new(held.user_uid.clone()), None)
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::ActiveLegalHold), "{err}");
    let missing = client
        .users()
        .block(&UserUid::new("no-such-uid"))
        .unwrap_err();
    assert_eq!(
        missing.api_kind(),
        Some(ApiErrorKind::NotFound),
        "{missing}"
    );
}

#[test]
fn administration_and_login_configuration() {
    let tenant = FakeTenant::builder()
        .users(3)
        .cases(0)
        .alerts(0)
        .file_events(0)
        .totp("123456")
        .start()
        .unwrap();
    let client = Client::builder(tenant.url())
        .local_account(tenant.username(), tenant.password())
        .totp("123456")
        .env_lookup(|_| None)
        .no_rate_limit()
        .build()
        .unwrap();
    let admin = client.administration();
    assert_eq!(
        admin.current_tenant().unwrap().tenant_uid,
        tenant.tenant_uid()
    );
    assert!(admin.diagnostics(Some(true)).unwrap().data.unwrap()["volumes"].is_array());
    let before = tenant.requests().len();
    assert_eq!(
        admin
            .login_configuration(tenant.username())
            .unwrap()
            .login_type
            .as_str(),
        "LOCAL_2FA"
    );
    assert_eq!(
        admin
            .login_configuration("nobody@example.com")
            .unwrap()
            .login_type
            .as_str(),
        "LOCAL_2FA"
    );
    let user = &tenant.users()[1];
    assert_eq!(
        admin
            .login_configuration(&user.username)
            .unwrap()
            .login_type
            .as_str(),
        "LOCAL"
    );
    assert!(
        tenant.requests()[before..]
            .iter()
            .all(|r| r.header("authorization").is_none()),
        "the login configuration is asked without a token"
    );
}
