//! The administration specs against the real bodies in `../shared/fixtures` (read at run time,
//! never copied into the repository): each realistic or semi-synthetic org, device, role and
//! login-configuration body decodes into its generated type and re-encodes without losing a
//! field. `#[ignore]`d: run with `cargo test -p code42 --test admin_real_bodies -- --ignored`
//! where `../shared` exists.

use std::path::PathBuf;

use code42::wire::administration::types::LoginConfigurationResponse;
use code42::wire::authority::types::{RoleListResponse, UserRolesResponse};
use code42::wire::devices::types::{Device, DeviceList, DeviceResponse};
use code42::wire::orgs::types::{Org, OrgList, OrgV3Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn fixture(path: &str) -> Value {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures")
        .join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_str(&text).unwrap()
}

/// Decodes, and checks every key of the body survives re-encoding (explicit `null`s may be
/// dropped by this version of the generator: only non-null values are compared).
fn decode<T: DeserializeOwned + Serialize>(path: &str, body: &Value) -> T {
    let typed: T = serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{path}: {e}"));
    let back = serde_json::to_value(&typed).unwrap();
    fn same(a: &Value, b: &Value, at: &str) {
        match (a, b) {
            (Value::Object(a), Value::Object(b)) => {
                for (k, v) in a {
                    if v.is_null() {
                        continue;
                    }
                    let other = b.get(k).unwrap_or_else(|| panic!("{at}.{k} lost"));
                    same(v, other, &format!("{at}.{k}"));
                }
            }
            (Value::Array(a), Value::Array(b)) => {
                assert_eq!(a.len(), b.len(), "{at}");
                for (i, (x, y)) in a.iter().zip(b).enumerate() {
                    same(x, y, &format!("{at}[{i}]"));
                }
            }
            (Value::Number(x), Value::Number(y)) => {
                assert_eq!(x.as_f64(), y.as_f64(), "{at}");
            }
            _ => assert_eq!(a, b, "{at}"),
        }
    }
    same(body, &back, path);
    typed
}

#[test]
#[ignore = "reads ../shared/fixtures"]
fn real_org_bodies_decode() {
    let path = "code42cli/orgs/get_api_v1_Org_orgUid__1.json";
    let org: Org = decode(path, &fixture(path));
    assert_eq!(org.org_id, Some(9087));
    let path = "code42cli/orgs/get_api_v1_Org__1.json";
    let list: OrgList = decode(path, &fixture(path));
    assert_eq!(list.orgs.len(), 1);
    // The v3-style org (incydr's /v1/orgs/{guid} has the same keys): bare.
    let path = "incydr_python/orgs/get_v1_orgs_orgGuid__1.json";
    let v3: OrgV3Response = decode(path, &fixture(path));
    assert!(matches!(v3, OrgV3Response::Variant1(_)));
}

#[test]
#[ignore = "reads ../shared/fixtures"]
fn real_device_bodies_decode() {
    let path = "code42cli/devices/get_api_v1_Computer__1.json";
    let list: DeviceList = decode(path, &fixture(path));
    assert!(!list.computers.is_empty());
    for path in [
        "code42cli/devices/get_api_v1_Computer_deviceGuid__1.json",
        "code42cli/devices/get_api_v1_Computer_deviceGuid__2.json",
        "code42cli/devices/get_api_v1_Computer_deviceGuid__3.json",
    ] {
        let device: DeviceResponse = decode(path, &fixture(path));
        let _: &Device = &device.data;
    }
    let path = "code42cli/devices/get_api_v1_Computer_deviceGuid__2.json";
    let device: DeviceResponse = decode(path, &fixture(path));
    let usage = device.data.backup_usage.unwrap();
    assert_eq!(usage.len(), 2);
    assert_eq!(usage[1].percent_complete, Some(100.0));
}

#[test]
#[ignore = "reads ../shared/fixtures"]
fn real_role_and_login_bodies_decode() {
    for path in [
        "py42/users/get_api_v1_role__1.json",
        "code42cli/users/get_api_v1_role__1.json",
    ] {
        let roles: RoleListResponse = decode(path, &fixture(path));
        assert!(!roles.data.is_empty(), "{path}");
    }
    let path = "py42/users/get_api_v3_users_userUid_roles__1.json";
    let roles: UserRolesResponse = decode(path, &fixture(path));
    assert!(matches!(roles, UserRolesResponse::RoleListResponse(r) if r.data.len() == 3));
    let path = "py42/auth/get_api_v3_LoginConfiguration__1.json";
    let config: LoginConfigurationResponse = decode(path, &fixture(path));
    assert!(
        matches!(config, LoginConfigurationResponse::Variant1(c) if c.login_type.as_str() == "LOCAL_2FA")
    );
}
