//! Deterministic seed data: the same seed gives the same tenant, byte for byte.
//!
//! Each user is drawn from its own generator (seed mixed with the user id), so the first `n`
//! users of a tenant do not depend on how many users it has.

use std::collections::HashSet;

use code42::Timestamp;
use code42::wire::authority::types::{Role, User, UserRole, UserStatus};
use code42::wire::cases::types::{Case, CaseFileEvent, CaseStatus, ExposureType, FileAvailability};

/// SplitMix64: tiny, fast and good enough for test data.
#[derive(Clone, Debug)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// True with probability `percent`/100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of `items` (`None` when it is empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u64) as usize)
    }

    /// An 18-digit decimal string (no leading zero).
    pub fn digits18(&mut self) -> String {
        (100_000_000_000_000_000 + self.below(900_000_000_000_000_000)).to_string()
    }
}

/// An organization users belong to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Org {
    /// Numeric id.
    pub org_id: i64,
    /// 18-digit uid.
    pub org_uid: String,
    /// Display name.
    pub name: &'static str,
    /// `ENTERPRISE`.
    pub org_type: &'static str,
}

/// What [`generate`] builds.
#[derive(Clone, Debug)]
pub(crate) struct Seeded {
    /// Users ordered by `userId` (1001, 1002, …); the first is the local account.
    pub users: Vec<User>,
    /// Organizations; the first is the tenant's root org.
    pub orgs: Vec<Org>,
    /// The tenant uid (UUID form).
    pub tenant_uid: String,
    /// The tenant's registration key.
    pub registration_key: String,
}

/// First user id.
pub(crate) const FIRST_USER_ID: i64 = 1001;

/// Roles: `(seed number, roleId, roleName)`; role ids are strings like the real ones.
pub(crate) const ROLES: &[(i64, &str, &str)] = &[
    (1, "desktop-user", "Desktop User"),
    (2, "proe-user", "PROe User"),
    (3, "org-admin", "Org Admin"),
    (5, "customer-cloud-admin", "Customer Cloud Admin"),
    (8, "security-center-user", "Security Center User"),
    (9, "alert-emails", "Alert Emails"),
    (10, "insider-risk-admin", "Insider Risk Admin"),
];

const ORG_NAMES: &[&str] = &[
    "Fake Tenant",
    "Engineering",
    "Sales",
    "Finance",
    "Legal",
    "Contractors",
];

/// Cumulative weights (percent) of [`ORG_NAMES`] for ordinary users.
const ORG_WEIGHTS: &[u64] = &[5, 40, 65, 80, 90, 100];

const FIRST_NAMES: &[&str] = &[
    "Aaliyah",
    "Adam",
    "Aiko",
    "Alejandro",
    "Amara",
    "Ana",
    "Ben",
    "Carlos",
    "Chen",
    "Chloe",
    "Daniel",
    "Deepa",
    "Elena",
    "Emeka",
    "Fatima",
    "Felix",
    "Grace",
    "Hana",
    "Ibrahim",
    "Isla",
    "James",
    "Jin",
    "Kofi",
    "Laura",
    "Liam",
    "Lucia",
    "Maria",
    "Mateo",
    "Mei",
    "Mohammed",
    "Nadia",
    "Noah",
    "Olivia",
    "Omar",
    "Priya",
    "Rahul",
    "Sofia",
    "Tariq",
    "Yuki",
    "Zoe",
];

const LAST_NAMES: &[&str] = &[
    "Adeyemi", "Andersen", "Brown", "Chen", "Costa", "Dubois", "Garcia", "Gupta", "Hansen",
    "Ivanova", "Jones", "Kim", "Kowalski", "Lee", "Lopez", "Martin", "Meyer", "Mwangi", "Nakamura",
    "Nguyen", "Novak", "Okafor", "Olsen", "Patel", "Perez", "Rossi", "Santos", "Schmidt", "Silva",
    "Singh", "Smith", "Suzuki", "Tanaka", "Taylor", "Wang", "Williams", "Wilson", "Wright",
    "Yilmaz", "Zhang",
];

const LICENSES: &[&[&str]] = &[
    &["Incydr Advanced"],
    &["Incydr Basic"],
    &["Incydr Advanced", "Backup"],
    &[],
];

/// 2018-01-01T00:00:00Z.
const EARLIEST: i64 = 1_514_764_800;
/// 2024-06-30T23:59:59Z: latest creation date.
const LATEST_CREATED: i64 = 1_719_791_999;
/// 2024-12-31T23:59:59Z: latest modification date.
const LATEST: i64 = 1_735_689_599;

/// Builds a tenant: `count` users (the first, when `count > 0`, is the local account
/// `local_username`), a few orgs, the tenant uid.
pub(crate) fn generate(seed: u64, count: usize, local_username: &str) -> Seeded {
    let mut rng = SplitMix64::new(seed);
    let tenant_uid = uuid(&mut rng);
    let registration_key = registration_key(&mut rng);
    let mut uids = HashSet::with_capacity(count + ORG_NAMES.len());
    let orgs: Vec<Org> = ORG_NAMES
        .iter()
        .zip(2001..)
        .map(|(name, org_id)| Org {
            org_id,
            org_uid: unique_uid(&mut rng, &mut uids),
            name,
            org_type: "ENTERPRISE",
        })
        .collect();
    let users = (0..count)
        .map(|i| {
            let user_id = FIRST_USER_ID + i as i64;
            let mut rng =
                SplitMix64::new(seed ^ (user_id as u64).wrapping_mul(0xA076_1D64_78BD_642F));
            let user_uid = unique_uid(&mut rng, &mut uids);
            if i == 0 {
                local_account(&mut rng, user_id, user_uid, local_username, &orgs)
            } else {
                ordinary_user(&mut rng, user_id, user_uid, &orgs)
            }
        })
        .collect();
    Seeded {
        users,
        orgs,
        tenant_uid,
        registration_key,
    }
}

fn unique_uid(rng: &mut SplitMix64, taken: &mut HashSet<String>) -> String {
    loop {
        let uid = rng.digits18();
        if taken.insert(uid.clone()) {
            return uid;
        }
    }
}

pub(crate) fn uuid(rng: &mut SplitMix64) -> String {
    let a = rng.next_u64();
    let b = rng.next_u64();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0x0fff,
        ((b >> 48) & 0x3fff) | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

fn registration_key(rng: &mut SplitMix64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let groups: Vec<String> = (0..4)
        .map(|_| {
            (0..4)
                .map(|_| char::from(*rng.pick(ALPHABET).unwrap_or(&b'A')))
                .collect()
        })
        .collect();
    groups.join("-")
}

/// RFC 3339 with milliseconds, UTC: `2019-03-04T12:34:56.789Z`.
fn timestamp(unix_seconds: i64, millis: u64) -> Option<Timestamp> {
    let t = time::OffsetDateTime::from_unix_timestamp(unix_seconds).ok()?;
    Timestamp::utc(t + time::Duration::milliseconds((millis % 1000) as i64), 3).ok()
}

fn between(rng: &mut SplitMix64, from: i64, to: i64) -> i64 {
    from + rng.below(to.saturating_sub(from).max(0) as u64 + 1) as i64
}

/// The tenant's roles, in [`ROLES`] order.
pub(crate) fn all_roles() -> Vec<Role> {
    ROLES.iter().filter_map(|(n, _, _)| role(*n)).collect()
}

fn role(id: i64) -> Option<Role> {
    let (_, role_id, name) = ROLES.iter().find(|(r, _, _)| *r == id)?;
    let since = timestamp(1_483_228_800, 0); // 2017-01-01
    Some({
        let f_creation_date = since.clone();
        let f_modification_date = since;
        let f_role_id = Some((*role_id).to_owned());
        let f_role_name = Some((*name).to_owned());
        let mut v = Role::new();
        v.creation_date = f_creation_date;
        v.modification_date = f_modification_date;
        v.role_id = f_role_id;
        v.role_name = f_role_name;
        v
    })
}

fn roles(ids: &[i64]) -> Vec<UserRole> {
    ids.iter()
        .filter_map(|id| role(*id))
        .map(UserRole::Role)
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn user(
    rng: &mut SplitMix64,
    user_id: i64,
    user_uid: String,
    username: String,
    first: &str,
    last: &str,
    org: Option<&Org>,
    active: bool,
    blocked: bool,
    role_ids: &[i64],
) -> User {
    let created = between(rng, EARLIEST, LATEST_CREATED);
    let modified = between(rng, created, LATEST);
    let creation_date = timestamp(created, rng.below(1000));
    let modification_date = timestamp(modified, rng.below(1000));
    let licenses = rng
        .pick(LICENSES)
        .map(|l| l.iter().map(|s| (*s).to_owned()).collect());
    let status = if !active {
        UserStatus::Deactivated
    } else if blocked {
        UserStatus::Blocked
    } else {
        UserStatus::Active
    };
    {
        let f_active = Some(active);
        let f_blocked = Some(blocked);
        let f_creation_date = creation_date;
        let f_email = Some(username.clone());
        let f_email_promo = Some(false);
        let f_first_name = Some(first.to_owned());
        let f_invited = Some(false);
        let f_last_name = Some(last.to_owned());
        let f_licenses = licenses;
        let f_local_authentication_only = Some(false);
        let f_modification_date = modification_date;
        let f_org_id = org.map(|o| o.org_id);
        let f_org_name = org.map(|o| o.name.to_owned());
        let f_org_type = org.map(|o| o.org_type.to_owned());
        let f_org_uid = org.map(|o| o.org_uid.clone());
        let f_password_reset = Some(false);
        let f_quota_in_bytes = Some(-1);
        let f_roles = Some(roles(role_ids));
        let f_status = Some(status);
        let f_user_id = user_id;
        let f_user_uid = user_uid;
        let f_username_is_an_email = Some(username.contains('@'));
        let f_username = username;
        let mut v = User::new(f_user_id, f_user_uid, f_username);
        v.active = f_active;
        v.blocked = f_blocked;
        v.creation_date = f_creation_date;
        v.email = f_email;
        v.email_promo = f_email_promo;
        v.first_name = f_first_name;
        v.invited = f_invited;
        v.last_name = f_last_name;
        v.licenses = f_licenses;
        v.local_authentication_only = f_local_authentication_only;
        v.modification_date = f_modification_date;
        v.org_id = f_org_id;
        v.org_name = f_org_name;
        v.org_type = f_org_type;
        v.org_uid = f_org_uid;
        v.password_reset = f_password_reset;
        v.quota_in_bytes = f_quota_in_bytes;
        v.roles = f_roles;
        v.status = f_status;
        v.username_is_an_email = f_username_is_an_email;
        v
    }
}

fn local_account(
    rng: &mut SplitMix64,
    user_id: i64,
    user_uid: String,
    username: &str,
    orgs: &[Org],
) -> User {
    let mut u = user(
        rng,
        user_id,
        user_uid,
        username.to_owned(),
        "Admin",
        "User",
        orgs.first(),
        true,
        false,
        &[1, 5, 8, 10],
    );
    u.local_authentication_only = Some(true);
    u.licenses = Some(vec!["Incydr Advanced".to_owned()]);
    u
}

fn ordinary_user(rng: &mut SplitMix64, user_id: i64, user_uid: String, orgs: &[Org]) -> User {
    let first = rng.pick(FIRST_NAMES).copied().unwrap_or("Alex");
    let last = rng.pick(LAST_NAMES).copied().unwrap_or("Doe");
    let username = format!(
        "{}.{}{}@example.com",
        first.to_ascii_lowercase(),
        last.to_ascii_lowercase(),
        user_id
    );
    let roll = rng.below(100);
    let org = ORG_WEIGHTS
        .iter()
        .position(|w| roll < *w)
        .and_then(|i| orgs.get(i));
    let active = !rng.percent(8);
    let blocked = rng.percent(4);
    let mut role_ids = vec![1];
    for (id, percent) in [(2, 50), (8, 10), (9, 5), (3, 3)] {
        if rng.percent(percent) {
            role_ids.push(id);
        }
    }
    role_ids.sort_unstable();
    let mut u = user(
        rng, user_id, user_uid, username, first, last, org, active, blocked, &role_ids,
    );
    if rng.percent(5) {
        u.notes = Some("Contractor".to_owned());
    }
    u
}

/// First seeded case's number.
pub(crate) const FIRST_CASE_NUMBER: i64 = 1;

const CASE_TOPICS: &[(&str, &str)] = &[
    (
        "Source code copied to USB",
        "Repository archives copied to a removable drive.",
    ),
    (
        "Customer list shared publicly",
        "A CRM export was shared with a public link.",
    ),
    (
        "Forecast emailed to personal account",
        "Quarterly forecast sent to a personal address.",
    ),
    (
        "Design files synced to personal cloud",
        "CAD files uploaded to a personal cloud drive.",
    ),
    (
        "Payroll export on removable media",
        "Payroll spreadsheet copied to a USB stick.",
    ),
    (
        "Contract drafts shared outside trusted domains",
        "Legal drafts shared with an outside domain.",
    ),
    (
        "Departing engineer: bulk downloads",
        "Large downloads in the last two weeks before departure.",
    ),
    (
        "Pricing sheet uploaded via browser",
        "Pricing sheet uploaded to a file-sharing site.",
    ),
];

const CASE_FINDINGS: &[&str] = &[
    "## Summary\n\nThe activity was confirmed with the employee's manager.",
    "Files were recovered; no further exposure found.",
    "Under review.",
];

const FILE_NAMES: &[(&str, &str)] = &[
    ("roadmap-2024.pptx", "C:/Users/{user}/Documents/"),
    ("customers.csv", "C:/Users/{user}/Downloads/"),
    ("forecast-q3.xlsx", "/Users/{user}/Documents/Finance/"),
    ("main.zip", "/Users/{user}/src/"),
    ("payroll.xlsx", "C:/Users/{user}/Desktop/"),
    ("contract-draft.docx", "/Users/{user}/Legal/"),
    ("design.dwg", "C:/Users/{user}/CAD/"),
];

const EXPOSURES: &[&[ExposureType]] = &[
    &[ExposureType::RemovableMedia],
    &[ExposureType::SharedViaLink, ExposureType::IsPublic],
    &[ExposureType::OutsideTrustedDomains],
    &[ExposureType::CloudStorage],
    &[ExposureType::ApplicationRead],
];

/// 2023-01-01T00:00:00Z: earliest case creation.
const CASES_FROM: i64 = 1_672_531_200;
/// 2024-06-30T23:59:59Z: latest case creation.
const CASES_UNTIL: i64 = 1_719_791_999;

/// `count` cases numbered from [`FIRST_CASE_NUMBER`], each with up to four file events, drawn
/// from `seed` (each case from its own generator, so the first cases do not depend on `count`).
/// Subjects are ordinary users; the local account (the first user) creates and mostly owns them.
pub(crate) fn cases(seed: u64, count: usize, users: &[User]) -> Vec<(Case, Vec<CaseFileEvent>)> {
    let admin = users.first();
    let others = users.get(1..).unwrap_or_default();
    (0..count)
        .map(|i| {
            let number = FIRST_CASE_NUMBER + i as i64;
            let mut rng =
                SplitMix64::new(seed ^ (number as u64).wrapping_mul(0xE703_7ED1_A0B4_28DB));
            let (topic, description) = CASE_TOPICS
                .get(i % CASE_TOPICS.len())
                .copied()
                .unwrap_or(("Case", "Seeded case."));
            let subject = rng.pick(others).or(admin);
            let assignee = match rng.below(4) {
                0 => None,
                1 => rng.pick(others),
                _ => admin,
            };
            let created = between(&mut rng, CASES_FROM, CASES_UNTIL);
            let updated = between(&mut rng, created, created + 30 * 86_400);
            let status = if rng.percent(30) {
                CaseStatus::Closed
            } else {
                CaseStatus::Open
            };
            let findings = if status == CaseStatus::Closed || rng.percent(50) {
                rng.pick(CASE_FINDINGS).map(|f| (*f).to_owned())
            } else {
                None
            };
            let uid = |u: Option<&User>| u.map(|u| u.user_uid.clone());
            let name = |u: Option<&User>| u.map(|u| u.username.clone());
            let case = {
                let f_assignee = uid(assignee);
                let f_assignee_username = name(assignee);
                let f_created_at = micros(created, rng.below(1_000_000));
                let f_created_by_user_uid = uid(admin);
                let f_created_by_username = name(admin);
                let f_description = Some(description.to_owned());
                let f_findings = findings;
                let f_last_modified_by_user_uid = uid(admin);
                let f_last_modified_by_username = name(admin);
                let f_name = if i < CASE_TOPICS.len() {
                    topic.to_owned()
                } else {
                    format!("{topic} ({number})")
                };
                let f_number = number;
                let f_status = status;
                let f_subject = uid(subject);
                let f_subject_username = name(subject);
                let f_updated_at = micros(updated, rng.below(1_000_000));
                let mut v = Case::new(f_name, f_number, f_status);
                v.assignee = f_assignee;
                v.assignee_username = f_assignee_username;
                v.created_at = f_created_at;
                v.created_by_user_uid = f_created_by_user_uid;
                v.created_by_username = f_created_by_username;
                v.description = f_description;
                v.findings = f_findings;
                v.last_modified_by_user_uid = f_last_modified_by_user_uid;
                v.last_modified_by_username = f_last_modified_by_username;
                v.subject = f_subject;
                v.subject_username = f_subject_username;
                v.updated_at = f_updated_at;
                v
            };
            let login = subject
                .map(|u| u.username.split('@').next().unwrap_or("user").to_owned())
                .unwrap_or_else(|| "user".to_owned());
            let events = (0..rng.below(5))
                .map(|_| {
                    let (file, dir) = rng.pick(FILE_NAMES).copied().unwrap_or(("f.txt", "/"));
                    let at = between(&mut rng, created - 14 * 86_400, created);
                    {
                        let f_event_id = format!(
                            "0_{}_{}_{}_{}",
                            uuid(&mut rng),
                            rng.digits18(),
                            rng.digits18(),
                            rng.below(1000)
                        );
                        let f_event_timestamp = timestamp(at, rng.below(1000));
                        let f_exposure = rng.pick(EXPOSURES).map(|e| e.to_vec());
                        let f_file_availability = Some(FileAvailability::ExactFileAvailable);
                        let f_file_name = Some(file.to_owned());
                        let f_file_path = Some(dir.replace("{user}", &login));
                        let mut v = CaseFileEvent::new(f_event_id);
                        v.event_timestamp = f_event_timestamp;
                        v.exposure = f_exposure;
                        v.file_availability = f_file_availability;
                        v.file_name = f_file_name;
                        v.file_path = f_file_path;
                        v.risk_indicators = Some(Vec::new());
                        v
                    }
                })
                .collect();
            (case, events)
        })
        .collect()
}

/// RFC 3339 with microseconds, UTC, as the cases service writes: `2020-10-27T15:16:05.369203Z`.
fn micros(unix_seconds: i64, micros: u64) -> Option<Timestamp> {
    let t = time::OffsetDateTime::from_unix_timestamp(unix_seconds).ok()?;
    Timestamp::utc(
        t + time::Duration::microseconds((micros % 1_000_000) as i64),
        6,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_fast() {
        let start = std::time::Instant::now();
        let a = generate(42, 10_000, "admin@example.com");
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        let b = generate(42, 10_000, "admin@example.com");
        assert_eq!(
            serde_json::to_string(&a.users).unwrap(),
            serde_json::to_string(&b.users).unwrap()
        );
        assert_eq!(a.tenant_uid, b.tenant_uid);
        let c = generate(43, 10, "admin@example.com");
        assert_ne!(a.tenant_uid, c.tenant_uid);
        // A smaller tenant is a prefix of a bigger one.
        let small = generate(42, 10, "admin@example.com");
        assert_eq!(small.users[..], a.users[..10]);
        let uids: HashSet<_> = a.users.iter().map(|u| &u.user_uid).collect();
        assert_eq!(uids.len(), a.users.len());
        assert!(a.users.iter().all(|u| u.user_uid.len() == 18));
        assert_eq!(a.users[0].username, "admin@example.com");
        assert!(a.users.iter().any(|u| u.active == Some(false)));
        assert!(a.users.iter().any(|u| u.blocked == Some(true)));
        let created = a.users[1].creation_date.as_ref().unwrap().as_str();
        assert_eq!(created.len(), "2019-03-04T12:34:56.789Z".len(), "{created}");
    }

    #[test]
    fn seeded_cases_are_deterministic_and_a_prefix_of_more_cases() {
        let users = generate(42, 50, "admin@example.com").users;
        let a = cases(42, 20, &users);
        let b = cases(42, 20, &users);
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
        assert_eq!(cases(42, 5, &users)[..], a[..5]);
        assert!(a.iter().any(|(c, _)| c.status == CaseStatus::Closed));
        assert!(a.iter().any(|(c, _)| c.status == CaseStatus::Open));
        assert!(a.iter().any(|(_, events)| !events.is_empty()));
        let names: HashSet<_> = a.iter().map(|(c, _)| &c.name).collect();
        assert_eq!(names.len(), a.len(), "case names are unique");
        assert!(cases(42, 3, &[]).iter().all(|(c, _)| c.subject.is_none()));
    }
}
