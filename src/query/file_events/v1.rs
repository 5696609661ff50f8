//! v1 (Forensic Search) file-event terms: py42's `sdk.queries.fileevents.filters`, one function
//! per filter class (`FileName` is [`file_name()`]), terms as py42 1.29.1 sends them (`tabUrls`,
//! `tabTitles`). Deprecated by Code42 in favour of [`v2`](super::v2).
//!
//! ```
//! use code42::query::file_events::{v1, FileEventQuery, V1};
//! use time::macros::datetime;
//!
//! // queries.md §7 example 4
//! let query = FileEventQuery::<V1>::all([
//!     v1::event_timestamp().on_or_after(datetime!(2021-01-01 0:00 UTC)),
//!     v1::exposure_type().exists(),
//!     v1::file_size().less_than(1000),
//! ]);
//! assert_eq!(query.to_json()["groups"][2]["filters"][0]["value"], 1000);
//! ```

use super::family::{Num, Str, StrExists, StrNum};
use super::{BoolTerm, Term, TimestampTerm};
use crate::wire::forensic_search::types::{
    DestinationCategory, EventObserver, EventTypeV1, ExposureTypeV1, FileCategory,
    RiskIndicatorName, RiskSeverity, SharingTypeV1, SourceCategory, SyncDestinationV1,
};

/// One function per term: `name: Type = "wire term";`.
macro_rules! terms {
    ($( $(#[$doc:meta])* $name:ident: $ty:ty = $term:literal; )*) => {$(
        $(#[$doc])*
        pub fn $name() -> $ty {
            <$ty>::new($term)
        }
    )*};
}

terms! {
    /// `remoteActivity` (py42 `activity_filter.RemoteActivity`): `is_true` / `is_false` (`TRUE` / `FALSE`).
    remote_activity: BoolTerm = "remoteActivity";
    /// `trusted` (py42 `activity_filter.TrustedActivity`): `is_true` / `is_false` (`TRUE` / `FALSE`).
    trusted_activity: BoolTerm = "trusted";
    /// `actor` (py42 `cloud_filter.Actor`): equality and existence.
    actor: Term<String, StrExists> = "actor";
    /// `directoryId` (py42 `cloud_filter.DirectoryID`): equality and existence.
    directory_id: Term<String, StrExists> = "directoryId";
    /// `shared` (py42 `cloud_filter.Shared`): `is_true` / `is_false` (`TRUE` / `FALSE`).
    shared: BoolTerm = "shared";
    /// `sharedWith` (py42 `cloud_filter.SharedWith`): equality and existence.
    shared_with: Term<String, StrExists> = "sharedWith";
    /// `sharingTypeAdded` (py42 `cloud_filter.SharingTypeAdded`): equality and existence, values [`SharingTypeV1`].
    sharing_type_added: Term<SharingTypeV1, StrExists> = "sharingTypeAdded";
    /// `operatingSystemUser` (py42 `device_filter.DeviceSignedInUserName`): equality and existence.
    device_signed_in_user_name: Term<String, StrExists> = "operatingSystemUser";
    /// `deviceUserName` (py42 `device_filter.DeviceUsername`): equality and existence.
    device_username: Term<String, StrExists> = "deviceUserName";
    /// `osHostName` (py42 `device_filter.OSHostname`): equality and existence.
    os_hostname: Term<String, StrExists> = "osHostName";
    /// `privateIpAddresses` (py42 `device_filter.PrivateIPAddress`): equality and existence.
    private_ip_address: Term<String, StrExists> = "privateIpAddresses";
    /// `publicIpAddress` (py42 `device_filter.PublicIPAddress`): equality and existence.
    public_ip_address: Term<String, StrExists> = "publicIpAddress";
    /// `emailFrom` (py42 `email_filter.EmailFrom`): equality (`eq`, `not_eq`, `is_in`, `not_in`).
    email_from: Term<String, Str> = "emailFrom";
    /// `emailDlpPolicyNames` (py42 `email_filter.EmailPolicyName`): equality (`eq`, `not_eq`, `is_in`, `not_in`).
    email_policy_name: Term<String, Str> = "emailDlpPolicyNames";
    /// `emailRecipients` (py42 `email_filter.EmailRecipients`): equality (`eq`, `not_eq`, `is_in`, `not_in`).
    email_recipients: Term<String, Str> = "emailRecipients";
    /// `emailSender` (py42 `email_filter.EmailSender`): equality (`eq`, `not_eq`, `is_in`, `not_in`).
    email_sender: Term<String, Str> = "emailSender";
    /// `emailSubject` (py42 `email_filter.EmailSubject`): equality (`eq`, `not_eq`, `is_in`, `not_in`).
    email_subject: Term<String, Str> = "emailSubject";
    /// `eventTimestamp` (py42 `event_filter.EventTimestamp`): times (milliseconds) and `within_the_last`.
    event_timestamp: TimestampTerm = "eventTimestamp";
    /// `eventType` (py42 `event_filter.EventType`): equality and existence, values [`EventTypeV1`].
    event_type: Term<EventTypeV1, StrExists> = "eventType";
    /// `insertionTimestamp` (py42 `event_filter.InsertionTimestamp`): times (milliseconds) and `within_the_last`.
    insertion_timestamp: TimestampTerm = "insertionTimestamp";
    /// `mimeTypeMismatch` (py42 `event_filter.MimeTypeMismatch`): `is_true` / `is_false` (`TRUE` / `FALSE`).
    mime_type_mismatch: BoolTerm = "mimeTypeMismatch";
    /// `outsideActiveHours` (py42 `event_filter.OutsideActiveHours`): `is_true` / `is_false` (`TRUE` / `FALSE`).
    outside_active_hours: BoolTerm = "outsideActiveHours";
    /// `source` (py42 `event_filter.Source`): equality and existence, values [`EventObserver`].
    source: Term<EventObserver, StrExists> = "source";
    /// `destinationCategory` (py42 `exposure_filter.DestinationCategory`): equality and existence, values [`DestinationCategory`].
    destination_category: Term<DestinationCategory, StrExists> = "destinationCategory";
    /// `destinationName` (py42 `exposure_filter.DestinationName`): equality and existence.
    destination_name: Term<String, StrExists> = "destinationName";
    /// `exposure` (py42 `exposure_filter.ExposureType`): equality and existence, values [`ExposureTypeV1`].
    exposure_type: Term<ExposureTypeV1, StrExists> = "exposure";
    /// `processName` (py42 `exposure_filter.ProcessName`): equality and existence.
    process_name: Term<String, StrExists> = "processName";
    /// `processOwner` (py42 `exposure_filter.ProcessOwner`): equality and existence.
    process_owner: Term<String, StrExists> = "processOwner";
    /// `removableMediaMediaName` (py42 `exposure_filter.RemovableMediaMediaName`): equality and existence.
    removable_media_media_name: Term<String, StrExists> = "removableMediaMediaName";
    /// `removableMediaName` (py42 `exposure_filter.RemovableMediaName`): equality and existence.
    removable_media_name: Term<String, StrExists> = "removableMediaName";
    /// `removableMediaPartitionId` (py42 `exposure_filter.RemovableMediaPartitionID`): equality and existence.
    removable_media_partition_id: Term<String, StrExists> = "removableMediaPartitionId";
    /// `removableMediaSerialNumber` (py42 `exposure_filter.RemovableMediaSerialNumber`): equality and existence.
    removable_media_serial_number: Term<String, StrExists> = "removableMediaSerialNumber";
    /// `removableMediaVendor` (py42 `exposure_filter.RemovableMediaVendor`): equality and existence.
    removable_media_vendor: Term<String, StrExists> = "removableMediaVendor";
    /// `removableMediaVolumeName` (py42 `exposure_filter.RemovableMediaVolumeName`): equality and existence.
    removable_media_volume_name: Term<String, StrExists> = "removableMediaVolumeName";
    /// `syncDestination` (py42 `exposure_filter.SyncDestination`): equality and existence, values [`SyncDestinationV1`].
    sync_destination: Term<SyncDestinationV1, StrExists> = "syncDestination";
    /// `syncDestinationUsername` (py42 `exposure_filter.SyncDestinationUsername`): equality and existence.
    sync_destination_username: Term<String, StrExists> = "syncDestinationUsername";
    /// `tabUrls` (py42 `exposure_filter.TabURL`): equality and existence.
    tab_url: Term<String, StrExists> = "tabUrls";
    /// `tabTitles` (py42 `exposure_filter.WindowTitle`): equality and existence.
    window_title: Term<String, StrExists> = "tabTitles";
    /// `fileCategory` (py42 `file_filter.FileCategory`): equality and existence, values [`FileCategory`].
    file_category: Term<FileCategory, StrExists> = "fileCategory";
    /// `fileName` (py42 `file_filter.FileName`): equality and existence.
    file_name: Term<String, StrExists> = "fileName";
    /// `fileOwner` (py42 `file_filter.FileOwner`): equality and existence.
    file_owner: Term<String, StrExists> = "fileOwner";
    /// `filePath` (py42 `file_filter.FilePath`): equality and existence.
    file_path: Term<String, StrExists> = "filePath";
    /// `fileSize` (py42 `file_filter.FileSize`): numeric comparison (`greater_than`, `less_than`).
    file_size: Term<String, Num> = "fileSize";
    /// `md5Checksum` (py42 `file_filter.MD5`): equality and existence.
    md5: Term<String, StrExists> = "md5Checksum";
    /// `sha256Checksum` (py42 `file_filter.SHA256`): equality and existence.
    sha256: Term<String, StrExists> = "sha256Checksum";
    /// `printJobName` (py42 `print_filter.PrintJobName`): equality and existence.
    print_job_name: Term<String, StrExists> = "printJobName";
    /// `printerName` (py42 `print_filter.Printer`): equality and existence.
    printer: Term<String, StrExists> = "printerName";
    /// `riskIndicatorNames` (py42 `risk_filter.RiskIndicator`): equality and existence, values [`RiskIndicatorName`].
    risk_indicator: Term<RiskIndicatorName, StrExists> = "riskIndicatorNames";
    /// `riskScore` (py42 `risk_filter.RiskScore`): equality and numeric comparison.
    risk_score: Term<String, StrNum> = "riskScore";
    /// `riskSeverity` (py42 `risk_filter.RiskSeverity`): equality and existence, values [`RiskSeverity`].
    risk_severity: Term<RiskSeverity, StrExists> = "riskSeverity";
    /// `sourceCategory` (py42 `source_filter.SourceCategory`): equality and existence, values [`SourceCategory`].
    source_category: Term<SourceCategory, StrExists> = "sourceCategory";
    /// `sourceName` (py42 `source_filter.SourceName`): equality and existence.
    source_name: Term<String, StrExists> = "sourceName";
    /// `sourceTabTitles` (py42 `source_filter.SourceTabTitles`): equality and existence.
    source_tab_titles: Term<String, StrExists> = "sourceTabTitles";
    /// `sourceTabUrls` (py42 `source_filter.SourceTabUrls`): equality and existence.
    source_tab_urls: Term<String, StrExists> = "sourceTabUrls";
}
