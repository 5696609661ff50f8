//! Deterministic file events, generated lazily from the seed and the event index.
//!
//! Nothing is stored per event: [`Store::facts`] draws the few facts filters look at (time,
//! user, file, scenario, score) from a generator seeded with the tenant seed and the index, and
//! [`Store::event_v2`] / [`Store::event_v1`] build a whole event from them only for events that
//! are served. A million events cost nothing up front.
//!
//! Time runs forward with the index (one event every 30 s on average from 2024-01-01, strictly
//! increasing), and event ids sort like indexes, so sorting by time or id is index order.

use std::collections::HashMap;
use std::sync::Mutex;

use super::super::seed::SplitMix64;
use code42::Timestamp;
use code42::wire::authority::types::User;
use code42::wire::forensic_search::types::{
    AccountUser, BrowserTab, DestinationCategory, DestinationEmail, EventAction, EventDestination,
    EventDetails, EventObserver, EventSource, EventTypeV1, EventUser, ExposureTypeV1, FileCategory,
    FileDetails, FileEventV1, FileEventV2, FileHash, GitDetails, ProcessDetails, RemovableMedia,
    ReportDetails, ReportType, RiskDetails, RiskIndicator, RiskIndicatorName, RiskSeverity,
    ShareType, SourceCategory, SourceEmail, UntrustedValues,
};

/// 2024-01-01T00:00:00Z in milliseconds.
pub(crate) const START_MS: i64 = 1_704_067_200_000;
/// Average gap between events.
pub(crate) const GAP_MS: i64 = 30_000;
/// Delay between an event and its insertion.
const INSERT_DELAY_MS: i64 = 90_000;
/// Distinct files events refer to.
const FILES: usize = 4096;
/// Largest file body served by the download routes.
const MAX_CONTENT: usize = 256 * 1024;

/// One user as events show them.
#[derive(Clone, Debug)]
pub(crate) struct Actor {
    pub email: String,
    pub uid: String,
    pub device_uid: String,
    pub home: String,
    pub host_name: String,
    pub os: &'static str,
    pub os_user: String,
    pub public_ip: String,
    pub private_ip: String,
}

/// One file events refer to.
#[derive(Clone, Debug)]
pub(crate) struct FakeFile {
    pub name: String,
    pub subdir: &'static str,
    pub category: usize,
    pub size: i64,
    pub md5: String,
    pub sha256: String,
    pub created_ms: i64,
}

/// What filters look at, drawn cheaply per index.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Facts {
    pub index: u64,
    pub millis: i64,
    pub user: Option<usize>,
    pub file: usize,
    pub scenario: usize,
    /// Extra randomness for names and details.
    pub pick: u64,
    pub score: i64,
}

impl Facts {
    pub fn inserted_ms(&self) -> i64 {
        self.millis + INSERT_DELAY_MS
    }
    pub fn scenario(&self) -> &'static Scenario {
        &SCENARIOS[self.scenario % SCENARIOS.len()]
    }
    pub fn severity(&self) -> &'static str {
        match self.score {
            i64::MIN..=0 => "NO_RISK_INDICATED",
            1..=3 => "LOW",
            4..=6 => "MODERATE",
            7..=8 => "HIGH",
            _ => "CRITICAL",
        }
    }
    /// The destination name, if the scenario has one.
    pub fn destination_name(&self) -> Option<&'static str> {
        let names = self.scenario().destinations;
        (!names.is_empty()).then(|| names[(self.pick % names.len() as u64) as usize])
    }
}

/// A kind of activity and how it shows in both data models.
#[derive(Debug)]
pub(crate) struct Scenario {
    pub weight: u64,
    pub action: &'static str,
    pub observer: &'static str,
    pub v1_type: &'static str,
    pub exposure: &'static [&'static str],
    pub destination_category: Option<&'static str>,
    /// `(name, risk indicator)`.
    pub destinations: &'static [&'static str],
    pub indicators: &'static [&'static str],
    pub source_category: Option<&'static str>,
    pub source_name: Option<&'static str>,
    pub vector: &'static str,
    pub score: i64,
}

pub(crate) const SCENARIOS: &[Scenario] = &[
    Scenario {
        weight: 30,
        action: "file-created",
        observer: "Endpoint",
        v1_type: "CREATED",
        exposure: &[],
        destination_category: None,
        destinations: &[],
        indicators: &[],
        source_category: None,
        source_name: None,
        vector: "NONE",
        score: 0,
    },
    Scenario {
        weight: 15,
        action: "file-modified",
        observer: "Endpoint",
        v1_type: "MODIFIED",
        exposure: &[],
        destination_category: None,
        destinations: &[],
        indicators: &[],
        source_category: None,
        source_name: None,
        vector: "NONE",
        score: 0,
    },
    Scenario {
        weight: 3,
        action: "file-deleted",
        observer: "Endpoint",
        v1_type: "DELETED",
        exposure: &[],
        destination_category: None,
        destinations: &[],
        indicators: &[],
        source_category: None,
        source_name: None,
        vector: "NONE",
        score: 0,
    },
    Scenario {
        weight: 10,
        action: "removable-media-created",
        observer: "Endpoint",
        v1_type: "CREATED",
        exposure: &["RemovableMedia"],
        destination_category: Some("Device"),
        destinations: &["Removable Media"],
        indicators: &["Removable media"],
        source_category: None,
        source_name: None,
        vector: "REMOVABLE_MEDIA",
        score: 5,
    },
    Scenario {
        weight: 12,
        action: "application-read",
        observer: "Endpoint",
        v1_type: "READ_BY_APP",
        exposure: &["ApplicationRead", "CloudStorage"],
        destination_category: Some("Cloud Storage"),
        destinations: &[
            "Google Drive",
            "Dropbox",
            "Box",
            "OneDrive",
            "WeTransfer",
            "Mega",
        ],
        indicators: &[
            "Google Drive upload",
            "Dropbox upload",
            "Box upload",
            "OneDrive upload",
            "WeTransfer upload",
            "Mega upload",
        ],
        source_category: None,
        source_name: None,
        vector: "UPLOADED",
        score: 6,
    },
    Scenario {
        weight: 4,
        action: "application-read",
        observer: "Endpoint",
        v1_type: "READ_BY_APP",
        exposure: &["ApplicationRead"],
        destination_category: Some("Messaging"),
        destinations: &["Slack", "Microsoft Teams", "WhatsApp"],
        indicators: &["Slack upload", "Microsoft Teams upload", "WhatsApp upload"],
        source_category: None,
        source_name: None,
        vector: "UPLOADED",
        score: 5,
    },
    Scenario {
        weight: 6,
        action: "sync-app-created",
        observer: "Endpoint",
        v1_type: "CREATED",
        exposure: &["CloudStorage"],
        destination_category: Some("Cloud Storage"),
        destinations: &["Dropbox", "OneDrive", "iCloud", "Box"],
        indicators: &[
            "Dropbox upload",
            "OneDrive upload",
            "iCloud upload",
            "Box upload",
        ],
        source_category: None,
        source_name: None,
        vector: "SYNCED",
        score: 4,
    },
    Scenario {
        weight: 6,
        action: "file-emailed",
        observer: "Office365",
        v1_type: "EMAILED",
        exposure: &["OutsideTrustedDomains"],
        destination_category: Some("Email"),
        destinations: &["Outlook", "Gmail"],
        indicators: &[
            "Sent from corporate Microsoft Office 365",
            "Sent from corporate Gmail",
        ],
        source_category: Some("Email"),
        source_name: Some("Microsoft Office 365"),
        vector: "EMAILED",
        score: 5,
    },
    Scenario {
        weight: 5,
        action: "file-downloaded",
        observer: "Salesforce",
        v1_type: "READ_BY_APP",
        exposure: &[],
        destination_category: Some("Device"),
        destinations: &["Unmonitored Device"],
        indicators: &["Download to unmonitored device from corporate Salesforce"],
        source_category: Some("CRM Tools"),
        source_name: Some("Salesforce"),
        vector: "DOWNLOADED",
        score: 6,
    },
    Scenario {
        weight: 4,
        action: "file-printed",
        observer: "Endpoint",
        v1_type: "PRINTED",
        exposure: &[],
        destination_category: Some("Device"),
        destinations: &["HP LaserJet 4th Floor", "Canon Color MF"],
        indicators: &[],
        source_category: None,
        source_name: None,
        vector: "PRINTED",
        score: 2,
    },
    Scenario {
        weight: 5,
        action: "file-shared",
        observer: "GoogleDrive",
        v1_type: "MODIFIED",
        exposure: &["SharedViaLink", "IsPublic"],
        destination_category: Some("Cloud Storage"),
        destinations: &["Google Drive"],
        indicators: &["Public link from corporate Google Drive"],
        source_category: Some("Cloud Storage"),
        source_name: Some("Google Drive"),
        vector: "SHARED",
        score: 7,
    },
];

/// `(category wire value, extensions, MIME type, extra score, typical size)`.
const CATEGORIES: &[(&str, &[&str], &str, i64, i64)] = &[
    (
        "Document",
        &["docx", "doc", "odt"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        1,
        80_000,
    ),
    ("Pdf", &["pdf"], "application/pdf", 1, 400_000),
    (
        "Spreadsheet",
        &["xlsx", "csv"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        2,
        150_000,
    ),
    (
        "Presentation",
        &["pptx"],
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        1,
        2_000_000,
    ),
    (
        "SourceCode",
        &["rs", "py", "java", "go"],
        "text/plain",
        2,
        12_000,
    ),
    ("Image", &["png", "jpg"], "image/png", 0, 900_000),
    (
        "Archive",
        &["zip", "tar.gz"],
        "application/zip",
        2,
        20_000_000,
    ),
    (
        "Executable",
        &["exe", "dmg"],
        "application/octet-stream",
        1,
        50_000_000,
    ),
    ("Script", &["sh", "ps1"], "text/x-shellscript", 1, 3_000),
    ("Audio", &["mp3"], "audio/mpeg", 0, 5_000_000),
    ("Video", &["mp4"], "video/mp4", 0, 80_000_000),
    (
        "VirtualDiskImage",
        &["vmdk"],
        "application/octet-stream",
        1,
        4_000_000_000,
    ),
];

const WORDS: &[&str] = &[
    "q3-forecast",
    "customer-list",
    "salary-review",
    "design-spec",
    "roadmap",
    "board-deck",
    "pricing",
    "contract",
    "payroll",
    "source-export",
    "patent-draft",
    "invoice",
    "backlog",
    "budget",
    "org-chart",
    "release-notes",
    "incident-report",
    "press-kit",
    "benchmark",
    "audit",
];

const SUBDIRS: &[&str] = &[
    "Documents/",
    "Downloads/",
    "Desktop/",
    "Projects/",
    "Documents/Finance/",
    "Work/Shared/",
];

const RECIPIENTS: &[&str] = &[
    "partner@outside.example",
    "me.personal@gmail.example",
    "recruiter@jobs.example",
    "vendor@supplier.example",
];

/// Every event of a tenant, generated on demand.
pub(crate) struct Store {
    pub seed: u64,
    pub count: u64,
    pub actors: Vec<Actor>,
    pub files: Vec<FakeFile>,
    pub by_sha256: HashMap<String, usize>,
    /// Match counts by query fingerprint (totals are asked for on every page).
    pub totals: Mutex<HashMap<u64, u64>>,
    /// Search responses kept for repeated searches (benchmarks), within a byte budget.
    pub responses: Mutex<ResponseCache>,
}

/// Search response bodies by request, oldest dropped first once over budget (0: off).
#[derive(Debug, Default)]
pub(crate) struct ResponseCache {
    budget: usize,
    used: usize,
    bodies: HashMap<(String, Vec<u8>), std::sync::Arc<Vec<u8>>>,
    order: std::collections::VecDeque<(String, Vec<u8>)>,
}

impl ResponseCache {
    /// A cache of at most `budget` bytes of bodies.
    pub fn new(budget: usize) -> Self {
        ResponseCache {
            budget,
            ..Self::default()
        }
    }

    /// The body answered earlier for this route and request body.
    pub fn get(&self, route: &str, request: &[u8]) -> Option<std::sync::Arc<Vec<u8>>> {
        if self.budget == 0 {
            return None;
        }
        self.bodies
            .get(&(route.to_owned(), request.to_vec()))
            .cloned()
    }

    /// Keeps a body, dropping the oldest ones beyond the budget.
    pub fn put(&mut self, route: &str, request: &[u8], body: std::sync::Arc<Vec<u8>>) {
        if body.len() > self.budget {
            return;
        }
        let key = (route.to_owned(), request.to_vec());
        self.used += body.len();
        if let Some(old) = self.bodies.insert(key.clone(), body) {
            self.used -= old.len();
        } else {
            self.order.push_back(key);
        }
        while self.used > self.budget {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            if let Some(old) = self.bodies.remove(&oldest) {
                self.used -= old.len();
            }
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("count", &self.count)
            .finish_non_exhaustive()
    }
}

fn hex(rng: &mut SplitMix64, digits: usize) -> String {
    let mut out = String::with_capacity(digits + 16);
    while out.len() < digits {
        out.push_str(&format!("{:016x}", rng.next_u64()));
    }
    out.truncate(digits);
    out
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub(crate) fn millis_text(millis: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    code42::Timestamp::utc(t, 3)
        .map(|t| t.as_str().to_owned())
        .unwrap_or_default()
}

fn timestamp(millis: i64) -> Option<Timestamp> {
    millis_text(millis).parse().ok()
}

fn some(s: impl Into<String>) -> Option<String> {
    Some(s.into())
}

impl Store {
    /// The store of a tenant with `count` events by `users` (the tenant's seeded users).
    pub fn new(seed: u64, count: u64, users: &[User], response_cache: usize) -> Store {
        let mut rng = SplitMix64::new(seed ^ 0x0F11_E5EE_D0F1_1E5E);
        let actors = users
            .iter()
            .map(|u| {
                let mut r =
                    SplitMix64::new(seed ^ u.user_id.unsigned_abs().wrapping_mul(0x2545_F491));
                let first = u
                    .first_name
                    .clone()
                    .unwrap_or_else(|| "user".into())
                    .to_lowercase();
                let windows = r.percent(60);
                Actor {
                    email: u.email.clone().unwrap_or_else(|| u.username.clone()),
                    uid: u.user_uid.clone(),
                    device_uid: r.digits18(),
                    home: if windows {
                        format!("C:/Users/{first}/")
                    } else {
                        format!("/Users/{first}/")
                    },
                    host_name: format!("{first}-{}", if windows { "laptop" } else { "mbp" }),
                    os: if windows { "Windows 11" } else { "macOS 14.4" },
                    os_user: first,
                    public_ip: format!("203.0.113.{}", 1 + r.below(254)),
                    private_ip: format!(
                        "10.{}.{}.{}",
                        r.below(256),
                        r.below(256),
                        1 + r.below(254)
                    ),
                }
            })
            .collect();
        let mut files = Vec::with_capacity(FILES);
        let mut by_sha256 = HashMap::with_capacity(FILES);
        for i in 0..FILES {
            let category = rng.below(CATEGORIES.len() as u64) as usize;
            let (_, extensions, _, _, typical) = CATEGORIES[category];
            let ext = extensions[(rng.below(extensions.len() as u64)) as usize];
            let word = WORDS[(rng.below(WORDS.len() as u64)) as usize];
            let file = FakeFile {
                name: format!("{word}-{i:04}.{ext}"),
                subdir: SUBDIRS[(rng.below(SUBDIRS.len() as u64)) as usize],
                category,
                size: 1 + (rng.below(2 * typical as u64)) as i64,
                md5: hex(&mut rng, 32),
                sha256: hex(&mut rng, 64),
                created_ms: START_MS - 86_400_000 * (1 + rng.below(700) as i64),
            };
            by_sha256.insert(file.sha256.clone(), i);
            files.push(file);
        }
        Store {
            seed,
            count,
            actors,
            files,
            by_sha256,
            totals: Mutex::new(HashMap::new()),
            responses: Mutex::new(ResponseCache::new(response_cache)),
        }
    }

    /// "Now" for `WITHIN_THE_LAST`: the end of the timeline.
    pub fn now_ms(&self) -> i64 {
        START_MS + self.count as i64 * GAP_MS
    }

    /// The facts of event `index`.
    pub fn facts(&self, index: u64) -> Facts {
        let mut rng =
            SplitMix64::new(self.seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED_F11E);
        let millis = START_MS + index as i64 * GAP_MS + rng.below(GAP_MS as u64) as i64;
        let user = (!self.actors.is_empty()).then(|| {
            // A few busy users, a long tail.
            let r = rng.below(100);
            let n = self.actors.len() as u64;
            (if r < 30 {
                rng.below(n.min(10))
            } else {
                rng.below(n)
            }) as usize
        });
        let file = rng.below(FILES as u64) as usize;
        let roll = rng.below(SCENARIOS.iter().map(|s| s.weight).sum());
        let mut acc = 0;
        let scenario = SCENARIOS
            .iter()
            .position(|s| {
                acc += s.weight;
                roll < acc
            })
            .unwrap_or(0);
        let pick = rng.next_u64();
        let base = SCENARIOS[scenario].score;
        let category_score = self.files.get(file).map_or(0, |f| CATEGORIES[f.category].3);
        let hour = (millis / 3_600_000) % 24;
        let off_hours = i64::from(!(7..19).contains(&hour));
        let score = if base == 0 {
            0
        } else {
            base + category_score + off_hours
        };
        Facts {
            index,
            millis,
            user,
            file,
            scenario,
            pick,
            score,
        }
    }

    /// The id of event `index`: sorts like the index.
    pub fn event_id(&self, facts: &Facts) -> String {
        let device = facts
            .user
            .and_then(|u| self.actors.get(u))
            .map_or("0", |a| a.device_uid.as_str());
        format!(
            "0_{:012}_{device}_{:x}",
            facts.index,
            facts.pick & 0xffff_ffff
        )
    }

    /// The index an event id names, if it is one of this tenant's.
    pub fn index_of(&self, id: &str) -> Option<u64> {
        let digits = id.strip_prefix("0_")?.get(..12)?;
        let index: u64 = digits.parse().ok()?;
        (index < self.count && self.event_id(&self.facts(index)) == id).then_some(index)
    }

    pub fn actor(&self, facts: &Facts) -> Option<&Actor> {
        facts.user.and_then(|u| self.actors.get(u))
    }

    pub fn file(&self, facts: &Facts) -> &FakeFile {
        &self.files[facts.file % self.files.len()]
    }

    pub fn category(&self, facts: &Facts) -> &'static str {
        CATEGORIES[self.file(facts).category].0
    }

    pub fn mime(&self, facts: &Facts) -> &'static str {
        CATEGORIES[self.file(facts).category].2
    }

    /// The directory of the file in this event.
    pub fn directory(&self, facts: &Facts) -> String {
        let file = self.file(facts);
        match self.actor(facts) {
            Some(a) => format!("{}{}", a.home, file.subdir),
            None => format!("/srv/shared/{}", file.subdir),
        }
    }

    /// The risk indicator names of this event.
    pub fn indicators(&self, facts: &Facts) -> Vec<(&'static str, i64)> {
        let scenario = facts.scenario();
        let mut out = Vec::new();
        if !scenario.indicators.is_empty() {
            let i = (facts.pick % scenario.indicators.len() as u64) as usize;
            let name = if scenario.indicators.len() == scenario.destinations.len() {
                scenario.indicators[(facts.pick % scenario.destinations.len() as u64) as usize]
            } else {
                scenario.indicators[i]
            };
            out.push((name, scenario.score));
        }
        if facts.score > 0 {
            let category = match self.category(facts) {
                "Pdf" => "PDF",
                "SourceCode" => "Source code",
                "VirtualDiskImage" => "Virtual Disk Image",
                "Archive" => "Zip",
                other => other,
            };
            out.push((category, CATEGORIES[self.file(facts).category].3));
            let hour = (facts.millis / 3_600_000) % 24;
            if !(7..19).contains(&hour) {
                out.push(("Off hours", 1));
            }
        }
        out
    }

    /// Event `index` in the v2 data model.
    pub fn event_v2(&self, facts: &Facts) -> FileEventV2 {
        let scenario = facts.scenario();
        let file = self.file(facts);
        let actor = self.actor(facts);
        let destination_name = facts.destination_name();
        let directory = self.directory(facts);
        let tab = |name: &str| {
            let mut v = BrowserTab::new();
            v.title = some(format!("{name} - Upload"));
            v.url = some(format!(
                "https://{}.example/upload?file={}",
                name.to_lowercase().replace(' ', ""),
                file.name
            ));
            v
        };
        let is_upload = scenario.vector == "UPLOADED";
        let removable = (scenario.vector == "REMOVABLE_MEDIA").then(|| {
            let f_bus_type = some("USB");
            let f_capacity = Some(64_000_000_000);
            let f_media_name = some("SanDisk Ultra USB 3.0 Media");
            let f_name = some("SanDisk Ultra");
            let f_partition_id = Some(vec![format!("{:08X}-0001", facts.pick & 0xffff_ffff)]);
            let f_serial_number = some(format!("4C53{:012X}", facts.pick >> 16));
            let f_vendor = some("SanDisk");
            let f_volume_name = Some(vec!["USB DRIVE".into()]);
            let mut v = RemovableMedia::new();
            v.bus_type = f_bus_type;
            v.capacity = f_capacity;
            v.media_name = f_media_name;
            v.name = f_name;
            v.partition_id = f_partition_id;
            v.serial_number = f_serial_number;
            v.vendor = f_vendor;
            v.volume_name = f_volume_name;
            v
        });
        let email = scenario.vector == "EMAILED";
        let printed = scenario.vector == "PRINTED";
        let report = (scenario.vector == "DOWNLOADED").then(|| {
            let f_count = Some(20 + (facts.pick % 5000) as i64);
            let f_headers = Some(
                ["FIRST_NAME", "LAST_NAME", "EMAIL", "ACCOUNT.NAME", "PHONE1"]
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect(),
            );
            let f_id = some(format!("00O5f{:010X}", facts.pick & 0xff_ffff_ffff));
            let f_name = some("New Contacts & Accounts Report");
            let f_type_ = Some(ReportType::ReportTypeSaved);
            let mut v = ReportDetails::new();
            v.count = f_count;
            v.headers = f_headers;
            v.id = f_id;
            v.name = f_name;
            v.type_ = f_type_;
            v
        });
        let indicators: Vec<RiskIndicator> = self
            .indicators(facts)
            .into_iter()
            .map(|(name, weight)| {
                let f_id = some(name);
                let f_name = Some(RiskIndicatorName::from(name));
                let f_weight = Some(weight);
                let mut v = RiskIndicator::new();
                v.id = f_id;
                v.name = f_name;
                v.weight = f_weight;
                v
            })
            .collect();
        let windows = actor.is_some_and(|a| a.os.starts_with("Windows"));
        {
            let f_timestamp = timestamp(facts.millis);
            let f_event = Some({
                let f_action = Some(EventAction::from(scenario.action));
                let f_id = Some(self.event_id(facts));
                let f_ingested = timestamp(facts.millis + 2_000);
                let f_inserted = timestamp(facts.inserted_ms());
                let f_observer = Some(EventObserver::from(scenario.observer));
                let f_share_type = Some(if scenario.vector == "SHARED" {
                    vec![ShareType::AnyoneWithTheLink]
                } else {
                    Vec::new()
                });
                let f_vector = some(scenario.vector);
                let mut v = EventDetails::new();
                v.action = f_action;
                v.id = f_id;
                v.ingested = f_ingested;
                v.inserted = f_inserted;
                v.observer = f_observer;
                v.share_type = f_share_type;
                v.vector = f_vector;
                v
            });
            let f_user = Some({
                let mut v = EventUser::new();
                v.device_uid = actor.map(|a| a.device_uid.clone());
                v.email = actor.map(|a| a.email.clone());
                v.id = actor.map(|a| a.uid.clone());
                v
            });
            let f_file = Some({
                let f_acquired_from = Some(Vec::new());
                let f_category = Some(FileCategory::from(self.category(facts)));
                let f_category_by_bytes = Some(FileCategory::from(self.category(facts)));
                let f_category_by_extension = Some(FileCategory::from(self.category(facts)));
                let f_change_type = some(match scenario.action {
                    "file-created" | "removable-media-created" | "sync-app-created" => "CREATED",
                    "file-modified" => "MODIFIED",
                    "file-deleted" => "DELETED",
                    _ => "NONE",
                });
                let f_classifications = Some(Vec::new());
                let f_created = timestamp(file.created_ms);
                let f_directory = Some(directory);
                let f_directory_id = Some(Vec::new());
                let f_hash = Some(
                    FileHash::new()
                        .with_md5(file.md5.clone())
                        .with_sha256(file.sha256.clone()),
                );
                let f_mime_type = some(self.mime(facts));
                let f_mime_type_by_bytes = some(self.mime(facts));
                let f_mime_type_by_extension = some(self.mime(facts));
                let f_modified = timestamp(facts.millis - 60_000);
                let f_name = Some(file.name.clone());
                let f_owner = actor.map(|a| a.os_user.clone());
                let f_password_protected = Some(false);
                let f_size_in_bytes = Some(file.size);
                let mut v = FileDetails::new();
                v.acquired_from = f_acquired_from;
                v.category = f_category;
                v.category_by_bytes = f_category_by_bytes;
                v.category_by_extension = f_category_by_extension;
                v.change_type = f_change_type;
                v.classifications = f_classifications;
                v.created = f_created;
                v.directory = f_directory;
                v.directory_id = f_directory_id;
                v.hash = f_hash;
                v.mime_type = f_mime_type;
                v.mime_type_by_bytes = f_mime_type_by_bytes;
                v.mime_type_by_extension = f_mime_type_by_extension;
                v.modified = f_modified;
                v.name = f_name;
                v.owner = f_owner;
                v.password_protected = f_password_protected;
                v.size_in_bytes = f_size_in_bytes;
                v
            });
            let f_source = Some({
                let f_category = scenario.source_category.map(SourceCategory::from);
                let f_domain = actor.map(|a| a.host_name.clone());
                let f_domains = Some(Vec::new());
                let f_email = Some({
                    let mut v = SourceEmail::new();
                    v.from = if email {
                        actor.map(|a| a.email.clone())
                    } else {
                        None
                    };
                    v.sender = if email {
                        actor.map(|a| a.email.clone())
                    } else {
                        None
                    };
                    v
                });
                let f_ip = actor.map(|a| a.public_ip.clone());
                let f_name = scenario
                    .source_name
                    .map(str::to_owned)
                    .or_else(|| actor.map(|a| a.host_name.clone()));
                let f_operating_system = actor.map(|a| a.os.to_owned());
                let f_private_ip = Some(
                    actor
                        .map(|a| vec![a.private_ip.clone()])
                        .unwrap_or_default(),
                );
                let f_tabs = Some(Vec::new());
                let f_user = Some(AccountUser::new().with_email(Vec::new()));
                let mut v = EventSource::new();
                v.category = f_category;
                v.domain = f_domain;
                v.domains = f_domains;
                v.email = f_email;
                v.ip = f_ip;
                v.name = f_name;
                v.operating_system = f_operating_system;
                v.private_ip = f_private_ip;
                v.tabs = f_tabs;
                v.user = f_user;
                v
            });
            let f_destination = Some({
                let f_category = scenario.destination_category.map(DestinationCategory::from);
                let f_domains = Some(if is_upload {
                    destination_name
                        .map(|n| vec![format!("{}.example", n.to_lowercase().replace(' ', ""))])
                        .unwrap_or_default()
                } else {
                    Vec::new()
                });
                let f_email = Some({
                    let mut v = DestinationEmail::new();
                    v.recipients = email.then(|| {
                        vec![RECIPIENTS[(facts.pick % RECIPIENTS.len() as u64) as usize].to_owned()]
                    });
                    v.subject = email.then(|| format!("FW: {}", file.name));
                    v
                });
                let f_name = destination_name.map(str::to_owned);
                let f_print_job_name = printed.then(|| file.name.clone());
                let f_printer_name = if printed {
                    destination_name.map(str::to_owned)
                } else {
                    None
                };
                let f_private_ip = Some(Vec::new());
                let f_removable_media = removable;
                let f_tabs = Some(if is_upload {
                    destination_name.map(|n| vec![tab(n)]).unwrap_or_default()
                } else {
                    Vec::new()
                });
                let f_user = Some(AccountUser::new().with_email(Vec::new()));
                let mut v = EventDestination::new();
                v.category = f_category;
                v.domains = f_domains;
                v.email = f_email;
                v.name = f_name;
                v.print_job_name = f_print_job_name;
                v.printer_name = f_printer_name;
                v.private_ip = f_private_ip;
                v.removable_media = f_removable_media;
                v.tabs = f_tabs;
                v.user = f_user;
                v
            });
            let f_process = Some({
                let mut v = ProcessDetails::new().with_executable(
                    match (scenario.vector, windows) {
                        ("UPLOADED", true) => {
                            "C:/Program Files/Google/Chrome/Application/chrome.exe"
                        }
                        ("UPLOADED", false) => {
                            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
                        }
                        (_, true) => "C:/Windows/explorer.exe",
                        (_, false) => {
                            "/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder"
                        }
                    }
                    .to_owned(),
                );
                v.owner = actor.map(|a| a.os_user.clone());
                v
            });
            let f_risk = Some(
                RiskDetails::new()
                    .with_indicators(indicators)
                    .with_score(facts.score)
                    .with_severity(RiskSeverity::from(facts.severity()))
                    .with_trusted(false)
                    .with_untrusted_values(
                        UntrustedValues::new()
                            .with_account_names(Vec::new())
                            .with_domains(Vec::new())
                            .with_git_repository_uris(Vec::new())
                            .with_slack_workspaces(Vec::new())
                            .with_url_paths(Vec::new()),
                    ),
            );
            let f_report = report;
            let mut v = FileEventV2::new();
            v.timestamp = f_timestamp;
            v.event = f_event;
            v.user = f_user;
            v.file = f_file;
            v.source = f_source;
            v.destination = f_destination;
            v.process = f_process;
            v.risk = f_risk;
            v.report = f_report;
            v
        }
    }

    /// Event `index` in the v2 data model, with every absent field sent as `null`, as the
    /// real service does (about 2.5 KB of JSON an event).
    pub fn event_v2_as_served(&self, facts: &Facts) -> FileEventV2 {
        let mut event = self.event_v2(facts);
        fill_nulls(&mut event);
        event
    }

    /// Event `index` in the v1 data model.
    pub fn event_v1(&self, facts: &Facts) -> FileEventV1 {
        let scenario = facts.scenario();
        let file = self.file(facts);
        let actor = self.actor(facts);
        let destination_name = facts.destination_name();
        let email = scenario.vector == "EMAILED";
        let printed = scenario.vector == "PRINTED";
        let removable = scenario.vector == "REMOVABLE_MEDIA";
        let category = Some(FileCategory::from(self.category(facts)));
        {
            let f_create_timestamp = timestamp(file.created_ms);
            let f_destination_category =
                scenario.destination_category.map(DestinationCategory::from);
            let f_destination_name = destination_name.map(str::to_owned);
            let f_device_uid = actor.map(|a| a.device_uid.clone());
            let f_device_user_name = actor.map(|a| a.email.clone());
            let f_directory_id = Some(Vec::new());
            let f_domain_name = actor.map(|a| a.private_ip.clone());
            let f_email_from = if email {
                actor.map(|a| a.email.clone())
            } else {
                None
            };
            let f_email_recipients = email.then(|| {
                vec![RECIPIENTS[(facts.pick % RECIPIENTS.len() as u64) as usize].to_owned()]
            });
            let f_email_sender = if email {
                actor.map(|a| a.email.clone())
            } else {
                None
            };
            let f_email_subject = email.then(|| format!("FW: {}", file.name));
            let f_event_id = some(self.event_id(facts));
            let f_event_timestamp = timestamp(facts.millis);
            let f_event_type = Some(EventTypeV1::from(scenario.v1_type));
            let f_exposure = Some(
                scenario
                    .exposure
                    .iter()
                    .map(|e| ExposureTypeV1::from(*e))
                    .collect(),
            );
            let f_file_category = category.clone();
            let f_file_category_by_bytes = category.clone();
            let f_file_category_by_extension = category;
            let f_file_name = Some(file.name.clone());
            let f_file_owner = actor.map(|a| a.os_user.clone());
            let f_file_path = Some(self.directory(facts));
            let f_file_size = Some(file.size);
            let f_file_type = some("FILE");
            let f_insertion_timestamp = timestamp(facts.inserted_ms());
            let f_md5_checksum = Some(file.md5.clone());
            let f_mime_type_by_bytes = some(self.mime(facts));
            let f_mime_type_by_extension = some(self.mime(facts));
            let f_mime_type_mismatch = Some(false);
            let f_modify_timestamp = timestamp(facts.millis - 60_000);
            let f_operating_system_user = actor.map(|a| a.os_user.clone());
            let f_os_host_name = actor.map(|a| a.host_name.clone());
            let f_outside_active_hours =
                Some(!(7..19).contains(&((facts.millis / 3_600_000) % 24)));
            let f_print_job_name = printed.then(|| file.name.clone());
            let f_printer_name = if printed {
                destination_name.map(str::to_owned)
            } else {
                None
            };
            let f_private_ip_addresses = Some(
                actor
                    .map(|a| vec![a.private_ip.clone()])
                    .unwrap_or_default(),
            );
            let f_process_owner = actor.map(|a| a.os_user.clone());
            let f_public_ip_address = actor.map(|a| a.public_ip.clone());
            let f_remote_activity = some("FALSE");
            let f_removable_media_bus_type = removable.then(|| "USB".to_owned());
            let f_removable_media_capacity = removable.then_some(64_000_000_000);
            let f_removable_media_media_name =
                removable.then(|| "SanDisk Ultra USB 3.0 Media".to_owned());
            let f_removable_media_name = removable.then(|| "SanDisk Ultra".to_owned());
            let f_removable_media_partition_id = removable.then(Vec::new);
            let f_removable_media_serial_number =
                removable.then(|| format!("4C53{:012X}", facts.pick >> 16));
            let f_removable_media_vendor = removable.then(|| "SanDisk".to_owned());
            let f_removable_media_volume_name = removable.then(|| vec!["USB DRIVE".to_owned()]);
            let f_risk_indicators = Some(
                self.indicators(facts)
                    .into_iter()
                    .map(|(name, weight)| {
                        RiskIndicator::new()
                            .with_name(RiskIndicatorName::from(name))
                            .with_weight(weight)
                    })
                    .collect(),
            );
            let f_risk_score = Some(facts.score);
            let f_risk_severity = Some(RiskSeverity::from(facts.severity()));
            let f_sha256_checksum = Some(file.sha256.clone());
            let f_shared_with = Some(Vec::new());
            let f_sharing_type_added = Some(Vec::new());
            let f_source = Some(EventObserver::from(scenario.observer));
            let f_source_category = scenario.source_category.map(SourceCategory::from);
            let f_source_name = scenario.source_name.map(str::to_owned);
            let f_trusted = Some(false);
            let f_user_uid = actor.map(|a| a.uid.clone());
            let mut v = FileEventV1::new();
            v.create_timestamp = f_create_timestamp;
            v.destination_category = f_destination_category;
            v.destination_name = f_destination_name;
            v.device_uid = f_device_uid;
            v.device_user_name = f_device_user_name;
            v.directory_id = f_directory_id;
            v.domain_name = f_domain_name;
            v.email_from = f_email_from;
            v.email_recipients = f_email_recipients;
            v.email_sender = f_email_sender;
            v.email_subject = f_email_subject;
            v.event_id = f_event_id;
            v.event_timestamp = f_event_timestamp;
            v.event_type = f_event_type;
            v.exposure = f_exposure;
            v.file_category = f_file_category;
            v.file_category_by_bytes = f_file_category_by_bytes;
            v.file_category_by_extension = f_file_category_by_extension;
            v.file_name = f_file_name;
            v.file_owner = f_file_owner;
            v.file_path = f_file_path;
            v.file_size = f_file_size;
            v.file_type = f_file_type;
            v.insertion_timestamp = f_insertion_timestamp;
            v.md5_checksum = f_md5_checksum;
            v.mime_type_by_bytes = f_mime_type_by_bytes;
            v.mime_type_by_extension = f_mime_type_by_extension;
            v.mime_type_mismatch = f_mime_type_mismatch;
            v.modify_timestamp = f_modify_timestamp;
            v.operating_system_user = f_operating_system_user;
            v.os_host_name = f_os_host_name;
            v.outside_active_hours = f_outside_active_hours;
            v.print_job_name = f_print_job_name;
            v.printer_name = f_printer_name;
            v.private_ip_addresses = f_private_ip_addresses;
            v.process_owner = f_process_owner;
            v.public_ip_address = f_public_ip_address;
            v.remote_activity = f_remote_activity;
            v.removable_media_bus_type = f_removable_media_bus_type;
            v.removable_media_capacity = f_removable_media_capacity;
            v.removable_media_media_name = f_removable_media_media_name;
            v.removable_media_name = f_removable_media_name;
            v.removable_media_partition_id = f_removable_media_partition_id;
            v.removable_media_serial_number = f_removable_media_serial_number;
            v.removable_media_vendor = f_removable_media_vendor;
            v.removable_media_volume_name = f_removable_media_volume_name;
            v.risk_indicators = f_risk_indicators;
            v.risk_score = f_risk_score;
            v.risk_severity = f_risk_severity;
            v.sha256_checksum = f_sha256_checksum;
            v.shared_with = f_shared_with;
            v.sharing_type_added = f_sharing_type_added;
            v.source = f_source;
            v.source_category = f_source_category;
            v.source_name = f_source_name;
            v.trusted = f_trusted;
            v.user_uid = f_user_uid;
            v
        }
    }

    /// The body the download routes serve for a file (at most 256 KiB).
    pub fn content(&self, file: usize) -> Option<Vec<u8>> {
        let f = self.files.get(file)?;
        let len = usize::try_from(f.size)
            .unwrap_or(MAX_CONTENT)
            .min(MAX_CONTENT);
        let line = format!("fake file {} sha256 {}\n", f.name, f.sha256);
        Some(line.bytes().cycle().take(len).collect())
    }
}

/// Puts `"key": null` in `extra` for every listed field that is `None`.
macro_rules! nulls {
    ($target:expr, $($field:ident => $json:literal),* $(,)?) => {{
        let target = &mut $target;
        $(
            if target.$field.is_none() {
                target.extra.insert($json.to_owned(), serde_json::Value::Null);
            }
        )*
    }};
}

/// The real service sends every key of the v2 model, most of them `null`.
fn fill_nulls(event: &mut FileEventV2) {
    if event.git.is_none() {
        event.git = Some(GitDetails::new());
    }
    if event.report.is_none() {
        event.report = Some(ReportDetails::new().with_headers(Vec::new()));
    }
    if let Some(e) = event.event.as_mut() {
        nulls!(*e, detector_display_name => "detectorDisplayName", related_events => "relatedEvents",
            xfc_event_id => "xfcEventId");
    }
    if let Some(u) = event.user.as_mut() {
        nulls!(*u, device_uid => "deviceUid", email => "email", id => "id");
    }
    if let Some(f) = event.file.as_mut() {
        nulls!(*f, archive_id => "archiveId", cloud_drive_id => "cloudDriveId", id => "id",
            original_directory => "originalDirectory", original_name => "originalName",
            owner => "owner", parent_archive_id => "parentArchiveId", url => "url");
        if let Some(h) = f.hash.as_mut() {
            nulls!(*h, md5_error => "md5Error", sha256_error => "sha256Error");
        }
    }
    if let Some(s) = event.source.as_mut() {
        nulls!(*s, account_name => "accountName", account_type => "accountType",
            category => "category", remote_hostname => "remoteHostname");
        if s.removable_media.is_none() {
            s.removable_media = Some(empty_media());
        }
        if let Some(e) = s.email.as_mut() {
            nulls!(*e, from => "from", sender => "sender");
        }
    }
    if let Some(d) = event.destination.as_mut() {
        nulls!(*d, account_name => "accountName", account_type => "accountType",
            category => "category", ip => "ip", name => "name",
            operating_system => "operatingSystem", print_job_name => "printJobName",
            printed_files_backup_path => "printedFilesBackupPath", printer_name => "printerName",
            remote_hostname => "remoteHostname");
        if d.removable_media.is_none() {
            d.removable_media = Some(empty_media());
        }
        if let Some(e) = d.email.as_mut() {
            nulls!(*e, recipients => "recipients", subject => "subject");
        }
    }
    if let Some(p) = event.process.as_mut() {
        nulls!(*p, extension => "extension");
    }
    if let Some(r) = event.risk.as_mut() {
        nulls!(*r, preventative_control => "preventativeControl", trust_reason => "trustReason");
    }
    if let Some(r) = event.report.as_mut() {
        nulls!(*r, count => "count", description => "description", id => "id", name => "name",
            type_ => "type");
    }
    if let Some(g) = event.git.as_mut() {
        nulls!(*g, event_id => "eventId", last_commit_hash => "lastCommitHash",
            repository_email => "repositoryEmail",
            repository_endpoint_path => "repositoryEndpointPath",
            repository_uri => "repositoryUri", repository_user => "repositoryUser");
    }
}

fn empty_media() -> RemovableMedia {
    let mut media = RemovableMedia::new()
        .with_partition_id(Vec::new())
        .with_volume_name(Vec::new());
    nulls!(media, bus_type => "busType", capacity => "capacity", media_name => "mediaName",
        name => "name", serial_number => "serialNumber", vendor => "vendor");
    media
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        let users = super::super::super::seed::generate(42, 20, "admin@example.com").users;
        Store::new(42, 1_000_000, &users, 0)
    }

    #[test]
    fn events_are_deterministic_ordered_and_cheap() {
        let a = store();
        let b = store();
        let first = serde_json::to_string(&a.event_v2(&a.facts(123))).unwrap();
        assert_eq!(
            first,
            serde_json::to_string(&b.event_v2(&b.facts(123))).unwrap()
        );
        let mut last = (0i64, String::new());
        for i in (0..1_000_000).step_by(997) {
            let f = a.facts(i);
            let id = a.event_id(&f);
            assert!(f.millis > last.0 && id > last.1, "index order at {i}");
            assert_eq!(a.index_of(&id), Some(i));
            last = (f.millis, id);
        }
        assert_eq!(a.index_of("0_000000000001_x_1"), None);
        assert_eq!(a.index_of("0_999999999999_x_1"), None);
    }

    #[test]
    fn the_response_cache_keeps_to_its_budget() {
        use std::sync::Arc;
        let mut cache = ResponseCache::new(10);
        cache.put("/a", b"q1", Arc::new(vec![1; 6]));
        cache.put("/a", b"q2", Arc::new(vec![2; 6]));
        assert!(cache.get("/a", b"q1").is_none(), "oldest dropped");
        assert_eq!(cache.get("/a", b"q2").map(|b| b.len()), Some(6));
        cache.put("/a", b"big", Arc::new(vec![0; 11]));
        assert!(cache.get("/a", b"big").is_none(), "larger than the budget");
        assert!(ResponseCache::new(0).get("/a", b"q2").is_none());
    }

    fn without_nulls(value: serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Object(map) => map
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
            serde_json::Value::Array(items) => items.into_iter().map(without_nulls).collect(),
            other => other,
        }
    }

    #[test]
    fn events_look_real() {
        let s = store();
        let sizes: Vec<usize> = (0..200)
            .map(|i| {
                serde_json::to_vec(&s.event_v2_as_served(&s.facts(i)))
                    .unwrap()
                    .len()
            })
            .collect();
        let average = sizes.iter().sum::<usize>() / sizes.len();
        assert!((2000..3500).contains(&average), "{average} bytes per event");
        // The nulls decode to the same typed event, and are kept for re-encoding.
        let served = serde_json::to_string(&s.event_v2_as_served(&s.facts(3))).unwrap();
        let decoded: FileEventV2 = serde_json::from_str(&served).unwrap();
        assert_eq!(
            serde_json::to_value(&decoded).unwrap(),
            serde_json::from_str::<serde_json::Value>(&served).unwrap()
        );
        let mut plain = s.event_v2(&s.facts(3));
        plain.git = decoded.git.clone();
        plain.report = decoded.report.clone();
        assert_eq!(
            without_nulls(serde_json::to_value(&decoded.file).unwrap()),
            serde_json::to_value(&plain.file).unwrap()
        );
        let v1 = serde_json::to_value(s.event_v1(&s.facts(7))).unwrap();
        assert!(
            v1["eventId"]
                .as_str()
                .unwrap()
                .starts_with("0_000000000007_")
        );
    }
}
