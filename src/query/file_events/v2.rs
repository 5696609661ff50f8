//! v2 (Incydr) file-event terms: py42's `sdk.queries.fileevents.v2.filters`, one module per py42
//! module and one function per filter class (`file.Name` is [`file::name()`]).
//!
//! Differences from py42, all deliberate: `file.Size` compares numbers
//! ([`file::size()`]`.greater_than(n)`), where py42 gave it time methods by mistake; enum
//! values are open enums ([`EventAction`](super::EventAction), …) that also accept any text.
//!
//! ```
//! use code42::query::file_events::v2::{event, risk};
//! use code42::query::file_events::{EventAction, FileEventQuery, V2};
//!
//! let query = FileEventQuery::<V2>::any([
//!     event::action().eq(EventAction::FileEmailed),
//!     risk::trusted().is_true(),
//! ]);
//! assert_eq!(query.to_json()["groupClause"], "OR");
//! ```

/// One function per term: `name: Type = "wire term";`.
macro_rules! terms {
    ($( $(#[$doc:meta])* $name:ident: $ty:ty = $term:literal; )*) => {$(
        $(#[$doc])*
        pub fn $name() -> $ty {
            <$ty>::new($term)
        }
    )*};
}

pub mod destination {
    //! Where the file went (`destination.*`).

    use super::super::Term;
    use super::super::family::{Str, StrExists};
    use crate::wire::forensic_search::types::DestinationCategory;

    terms! {
        /// `destination.category` (py42 `destination.Category`): equality and existence, values [`DestinationCategory`].
        category: Term<DestinationCategory, StrExists> = "destination.category";
        /// `destination.email.recipients` (py42 `destination.EmailRecipients`): equality (`eq`, `not_eq`, `is_in`, `not_in`).
        email_recipients: Term<String, Str> = "destination.email.recipients";
        /// `destination.email.subject` (py42 `destination.EmailSubject`): equality (`eq`, `not_eq`, `is_in`, `not_in`).
        email_subject: Term<String, Str> = "destination.email.subject";
        /// `destination.ip` (py42 `destination.IpAddress`): equality and existence.
        ip_address: Term<String, StrExists> = "destination.ip";
        /// `destination.name` (py42 `destination.Name`): equality (`eq`, `not_eq`, `is_in`, `not_in`).
        name: Term<String, Str> = "destination.name";
        /// `destination.operatingSystem` (py42 `destination.OperatingSystem`): equality and existence.
        operating_system: Term<String, StrExists> = "destination.operatingSystem";
        /// `destination.printJobName` (py42 `destination.PrintJobName`): equality and existence.
        print_job_name: Term<String, StrExists> = "destination.printJobName";
        /// `destination.printedFilesBackupPath` (py42 `destination.PrintedFilesBackupPath`): equality and existence.
        printed_files_backup_path: Term<String, StrExists> = "destination.printedFilesBackupPath";
        /// `destination.printerName` (py42 `destination.PrinterName`): equality and existence.
        printer_name: Term<String, StrExists> = "destination.printerName";
        /// `destination.privateIp` (py42 `destination.PrivateIpAddress`): equality and existence.
        private_ip_address: Term<String, StrExists> = "destination.privateIp";
        /// `destination.removableMedia.busType` (py42 `destination.RemovableMediaBusType`): equality and existence.
        removable_media_bus_type: Term<String, StrExists> = "destination.removableMedia.busType";
        /// `destination.removableMedia.capacity` (py42 `destination.RemovableMediaCapacity`): equality and existence.
        removable_media_capacity: Term<String, StrExists> = "destination.removableMedia.capacity";
        /// `destination.removableMedia.mediaName` (py42 `destination.RemovableMediaMediaName`): equality and existence.
        removable_media_media_name: Term<String, StrExists> = "destination.removableMedia.mediaName";
        /// `destination.removableMedia.name` (py42 `destination.RemovableMediaName`): equality and existence.
        removable_media_name: Term<String, StrExists> = "destination.removableMedia.name";
        /// `destination.removableMedia.partitionId` (py42 `destination.RemovableMediaPartitionID`): equality and existence.
        removable_media_partition_id: Term<String, StrExists> = "destination.removableMedia.partitionId";
        /// `destination.removableMedia.serialNumber` (py42 `destination.RemovableMediaSerialNumber`): equality and existence.
        removable_media_serial_number: Term<String, StrExists> = "destination.removableMedia.serialNumber";
        /// `destination.removableMedia.vendor` (py42 `destination.RemovableMediaVendor`): equality and existence.
        removable_media_vendor: Term<String, StrExists> = "destination.removableMedia.vendor";
        /// `destination.removableMedia.volumeName` (py42 `destination.RemovableMediaVolumeName`): equality and existence.
        removable_media_volume_name: Term<String, StrExists> = "destination.removableMedia.volumeName";
        /// `destination.tabs.titleError` (py42 `destination.TabTitleErrors`): equality and existence.
        tab_title_errors: Term<String, StrExists> = "destination.tabs.titleError";
        /// `destination.tabs.title` (py42 `destination.TabTitles`): equality and existence.
        tab_titles: Term<String, StrExists> = "destination.tabs.title";
        /// `destination.tabs.urlError` (py42 `destination.TabUrlErrors`): equality and existence.
        tab_url_errors: Term<String, StrExists> = "destination.tabs.urlError";
        /// `destination.tabs.url` (py42 `destination.TabUrls`): equality and existence.
        tab_urls: Term<String, StrExists> = "destination.tabs.url";
        /// `destination.user.email` (py42 `destination.UserEmail`): equality and existence.
        user_email: Term<String, StrExists> = "destination.user.email";
    }
}

pub mod event {
    //! What happened (`event.*`).

    use super::super::family::StrExists;
    use super::super::{Term, TimestampTerm};
    use crate::wire::forensic_search::types::{EventAction, EventObserver, ShareType};

    terms! {
        /// `event.action` (py42 `event.Action`): equality and existence, values [`EventAction`].
        action: Term<EventAction, StrExists> = "event.action";
        /// `event.id` (py42 `event.Id`): equality and existence.
        id: Term<String, StrExists> = "event.id";
        /// `event.inserted` (py42 `event.Inserted`): times (milliseconds) and `within_the_last`.
        inserted: TimestampTerm = "event.inserted";
        /// `event.observer` (py42 `event.Observer`): equality and existence, values [`EventObserver`].
        observer: Term<EventObserver, StrExists> = "event.observer";
        /// `event.shareType` (py42 `event.ShareType`): equality and existence, values [`ShareType`].
        share_type: Term<ShareType, StrExists> = "event.shareType";
    }
}

pub mod file {
    //! The file (`file.*`).

    use super::super::family::{Num, StrExists};
    use super::super::{Term, TimestampTerm};
    use crate::wire::forensic_search::types::FileCategory;

    terms! {
        /// `file.category` (py42 `file.Category`): equality and existence, values [`FileCategory`].
        category: Term<FileCategory, StrExists> = "file.category";
        /// `file.categoryByBytes` (py42 `file.CategoryByBytes`): equality and existence, values [`FileCategory`].
        category_by_bytes: Term<FileCategory, StrExists> = "file.categoryByBytes";
        /// `file.categoryByExtension` (py42 `file.CategoryByExtension`): equality and existence, values [`FileCategory`].
        category_by_extension: Term<FileCategory, StrExists> = "file.categoryByExtension";
        /// `file.classifications` (py42 `file.Classification`): equality and existence.
        classification: Term<String, StrExists> = "file.classifications";
        /// `file.cloudDriveId` (py42 `file.CloudDriveId`): equality and existence.
        cloud_drive_id: Term<String, StrExists> = "file.cloudDriveId";
        /// `file.created` (py42 `file.Created`): times (milliseconds) and `within_the_last`.
        created: TimestampTerm = "file.created";
        /// `file.directory` (py42 `file.Directory`): equality and existence.
        directory: Term<String, StrExists> = "file.directory";
        /// `file.directoryId` (py42 `file.DirectoryId`): equality and existence.
        directory_id: Term<String, StrExists> = "file.directoryId";
        /// `file.id` (py42 `file.Id`): equality and existence.
        id: Term<String, StrExists> = "file.id";
        /// `file.hash.md5` (py42 `file.MD5`): equality and existence.
        md5: Term<String, StrExists> = "file.hash.md5";
        /// `file.mimeTypeByBytes` (py42 `file.MimeTypeByBytes`): equality and existence.
        mime_type_by_bytes: Term<String, StrExists> = "file.mimeTypeByBytes";
        /// `file.mimeTypeByExtension` (py42 `file.MimeTypeByExtension`): equality and existence.
        mime_type_by_extension: Term<String, StrExists> = "file.mimeTypeByExtension";
        /// `file.modified` (py42 `file.Modified`): times (milliseconds) and `within_the_last`.
        modified: TimestampTerm = "file.modified";
        /// `file.name` (py42 `file.Name`): equality and existence.
        name: Term<String, StrExists> = "file.name";
        /// `file.owner` (py42 `file.Owner`): equality and existence.
        owner: Term<String, StrExists> = "file.owner";
        /// `file.hash.sha256` (py42 `file.SHA256`): equality and existence.
        sha256: Term<String, StrExists> = "file.hash.sha256";
        /// `file.sizeInBytes` (py42 `file.Size`): numeric comparison (`greater_than`, `less_than`). py42 gave this term time methods by mistake; it compares numbers here.
        size: Term<String, Num> = "file.sizeInBytes";
        /// `file.url` (py42 `file.Url`): equality and existence.
        url: Term<String, StrExists> = "file.url";
    }
}

pub mod process {
    //! The process that touched the file (`process.*`).

    use super::super::Term;
    use super::super::family::StrExists;

    terms! {
        /// `process.executable` (py42 `process.Executable`): equality and existence.
        executable: Term<String, StrExists> = "process.executable";
        /// `process.owner` (py42 `process.Owner`): equality and existence.
        owner: Term<String, StrExists> = "process.owner";
    }
}

pub mod report {
    //! Reports downloaded from business tools (`report.*`).

    use super::super::Term;
    use super::super::family::{StrExists, StrExistsNum};
    use crate::wire::forensic_search::types::ReportType;

    terms! {
        /// `report.count` (py42 `report.Count`): equality, existence and numeric comparison.
        count: Term<String, StrExistsNum> = "report.count";
        /// `report.description` (py42 `report.Description`): equality and existence.
        description: Term<String, StrExists> = "report.description";
        /// `report.headers` (py42 `report.Headers`): equality and existence.
        headers: Term<String, StrExists> = "report.headers";
        /// `report.id` (py42 `report.ID`): equality and existence.
        id: Term<String, StrExists> = "report.id";
        /// `report.name` (py42 `report.Name`): equality and existence.
        name: Term<String, StrExists> = "report.name";
        /// `report.type` (py42 `report.Type`): equality and existence, values [`ReportType`].
        report_type: Term<ReportType, StrExists> = "report.type";
    }
}

pub mod risk {
    //! Risk scoring (`risk.*`).

    use super::super::family::{Str, StrExists, StrNum};
    use super::super::{BoolTerm, Term};
    use crate::wire::forensic_search::types::{RiskIndicatorName, RiskSeverity, TrustReason};

    terms! {
        /// `risk.indicators.name` (py42 `risk.Indicators`): equality and existence, values [`RiskIndicatorName`].
        indicators: Term<RiskIndicatorName, StrExists> = "risk.indicators.name";
        /// `risk.indicators.weight` (py42 `risk.IndicatorsWeight`): equality and numeric comparison.
        indicators_weight: Term<String, StrNum> = "risk.indicators.weight";
        /// `risk.score` (py42 `risk.Score`): equality and numeric comparison.
        score: Term<String, StrNum> = "risk.score";
        /// `risk.severity` (py42 `risk.Severity`): equality and existence, values [`RiskSeverity`].
        severity: Term<RiskSeverity, StrExists> = "risk.severity";
        /// `risk.trustReason` (py42 `risk.TrustReason`): equality (`eq`, `not_eq`, `is_in`, `not_in`), values [`TrustReason`].
        trust_reason: Term<TrustReason, Str> = "risk.trustReason";
        /// `risk.trusted` (py42 `risk.Trusted`): `is_true` / `is_false` (`TRUE` / `FALSE`).
        trusted: BoolTerm = "risk.trusted";
    }
}

pub mod source {
    //! Where the file came from (`source.*`).

    use super::super::Term;
    use super::super::family::{Str, StrExists};
    use crate::wire::forensic_search::types::SourceCategory;

    terms! {
        /// `source.category` (py42 `source.Category`): equality and existence, values [`SourceCategory`].
        category: Term<SourceCategory, StrExists> = "source.category";
        /// `source.domain` (py42 `source.Domain`): equality and existence.
        domain: Term<String, StrExists> = "source.domain";
        /// `source.email.from` (py42 `source.EmailFrom`): equality (`eq`, `not_eq`, `is_in`, `not_in`).
        email_from: Term<String, Str> = "source.email.from";
        /// `source.email.sender` (py42 `source.EmailSender`): equality (`eq`, `not_eq`, `is_in`, `not_in`).
        email_sender: Term<String, Str> = "source.email.sender";
        /// `source.ip` (py42 `source.IpAddress`): equality and existence.
        ip_address: Term<String, StrExists> = "source.ip";
        /// `source.name` (py42 `source.Name`): equality and existence.
        name: Term<String, StrExists> = "source.name";
        /// `source.operatingSystem` (py42 `source.OperatingSystem`): equality and existence.
        operating_system: Term<String, StrExists> = "source.operatingSystem";
        /// `source.privateIp` (py42 `source.PrivateIpAddress`): equality and existence.
        private_ip_address: Term<String, StrExists> = "source.privateIp";
        /// `source.removableMedia.busType` (py42 `source.RemovableMediaBusType`): equality and existence.
        removable_media_bus_type: Term<String, StrExists> = "source.removableMedia.busType";
        /// `source.removableMedia.capacity` (py42 `source.RemovableMediaCapacity`): equality and existence.
        removable_media_capacity: Term<String, StrExists> = "source.removableMedia.capacity";
        /// `source.removableMedia.mediaName` (py42 `source.RemovableMediaMediaName`): equality and existence.
        removable_media_media_name: Term<String, StrExists> = "source.removableMedia.mediaName";
        /// `source.removableMedia.name` (py42 `source.RemovableMediaName`): equality and existence.
        removable_media_name: Term<String, StrExists> = "source.removableMedia.name";
        /// `source.removableMedia.partitionId` (py42 `source.RemovableMediaPartitionID`): equality and existence.
        removable_media_partition_id: Term<String, StrExists> = "source.removableMedia.partitionId";
        /// `source.removableMedia.serialNumber` (py42 `source.RemovableMediaSerialNumber`): equality and existence.
        removable_media_serial_number: Term<String, StrExists> = "source.removableMedia.serialNumber";
        /// `source.removableMedia.vendor` (py42 `source.RemovableMediaVendor`): equality and existence.
        removable_media_vendor: Term<String, StrExists> = "source.removableMedia.vendor";
        /// `source.removableMedia.volumeName` (py42 `source.RemovableMediaVolumeName`): equality and existence.
        removable_media_volume_name: Term<String, StrExists> = "source.removableMedia.volumeName";
        /// `source.tabs.titleError` (py42 `source.TabTitleErrors`): equality and existence.
        tab_title_errors: Term<String, StrExists> = "source.tabs.titleError";
        /// `source.tabs.title` (py42 `source.TabTitles`): equality and existence.
        tab_titles: Term<String, StrExists> = "source.tabs.title";
        /// `source.tabs.urlError` (py42 `source.TabUrlErrors`): equality and existence.
        tab_url_errors: Term<String, StrExists> = "source.tabs.urlError";
        /// `source.tabs.url` (py42 `source.TabUrls`): equality and existence.
        tab_urls: Term<String, StrExists> = "source.tabs.url";
    }
}

pub mod timestamp {
    //! When the event happened (`@timestamp`).

    use super::super::TimestampTerm;

    terms! {
        /// `@timestamp` (py42 `timestamp.Timestamp`): times (milliseconds) and `within_the_last`.
        timestamp: TimestampTerm = "@timestamp";
    }
}

pub mod user {
    //! Who did it (`user.*`).

    use super::super::Term;
    use super::super::family::StrExists;

    terms! {
        /// `user.deviceUid` (py42 `user.DeviceUid`): equality and existence.
        device_uid: Term<String, StrExists> = "user.deviceUid";
        /// `user.email` (py42 `user.Email`): equality and existence.
        email: Term<String, StrExists> = "user.email";
        /// `user.id` (py42 `user.Id`): equality and existence.
        id: Term<String, StrExists> = "user.id";
    }
}
