//! Every v1 and v2 file-event term with every operator it has: the groups equal those py42
//! 1.29.1 builds for the same calls (checked against py42 when the terms were written; the
//! snapshots keep them so), and the literal groups of queries.md §7.

use std::collections::BTreeMap;

use code42::query::FilterGroup;
use code42::query::file_events as fe;
use code42::query::file_events::{
    EventAction, FileCategory, FileEventQuery, RiskSeverity, V1, V2, WithinTheLast, v1, v2,
};
use serde_json::{Value, json};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

const T1: OffsetDateTime = datetime!(2021-01-01 12:30:15.123456 UTC);
const T2: OffsetDateTime = datetime!(2021-01-02 0:00 UTC);
const DAY: Date = date!(2020 - 05 - 17);

/// `"v1.file_filter.FileName.eq"` → the group, for every term and operator.
fn every_term() -> BTreeMap<String, Value> {
    let mut groups = BTreeMap::new();
    let mut put = |key: &str, group: FilterGroup| {
        group.validate().unwrap_or_else(|e| panic!("{key}: {e}"));
        groups.insert(key.to_owned(), serde_json::to_value(&group).unwrap());
    };
    put(
        "v1.activity_filter.RemoteActivity.is_true",
        v1::remote_activity().is_true(),
    );
    put(
        "v1.activity_filter.RemoteActivity.is_false",
        v1::remote_activity().is_false(),
    );
    put(
        "v1.activity_filter.TrustedActivity.is_true",
        v1::trusted_activity().is_true(),
    );
    put(
        "v1.activity_filter.TrustedActivity.is_false",
        v1::trusted_activity().is_false(),
    );
    put("v1.cloud_filter.Actor.eq", v1::actor().eq("x1"));
    put("v1.cloud_filter.Actor.not_eq", v1::actor().not_eq("x2"));
    put(
        "v1.cloud_filter.Actor.is_in",
        v1::actor().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.cloud_filter.Actor.is_in_one",
        v1::actor().is_in(["only"]),
    );
    put(
        "v1.cloud_filter.Actor.not_in",
        v1::actor().not_in(["b", "a"]),
    );
    put("v1.cloud_filter.Actor.exists", v1::actor().exists());
    put("v1.cloud_filter.Actor.not_exists", v1::actor().not_exists());
    put(
        "v1.cloud_filter.DirectoryID.eq",
        v1::directory_id().eq("x1"),
    );
    put(
        "v1.cloud_filter.DirectoryID.not_eq",
        v1::directory_id().not_eq("x2"),
    );
    put(
        "v1.cloud_filter.DirectoryID.is_in",
        v1::directory_id().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.cloud_filter.DirectoryID.is_in_one",
        v1::directory_id().is_in(["only"]),
    );
    put(
        "v1.cloud_filter.DirectoryID.not_in",
        v1::directory_id().not_in(["b", "a"]),
    );
    put(
        "v1.cloud_filter.DirectoryID.exists",
        v1::directory_id().exists(),
    );
    put(
        "v1.cloud_filter.DirectoryID.not_exists",
        v1::directory_id().not_exists(),
    );
    put("v1.cloud_filter.Shared.is_true", v1::shared().is_true());
    put("v1.cloud_filter.Shared.is_false", v1::shared().is_false());
    put("v1.cloud_filter.SharedWith.eq", v1::shared_with().eq("x1"));
    put(
        "v1.cloud_filter.SharedWith.not_eq",
        v1::shared_with().not_eq("x2"),
    );
    put(
        "v1.cloud_filter.SharedWith.is_in",
        v1::shared_with().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.cloud_filter.SharedWith.is_in_one",
        v1::shared_with().is_in(["only"]),
    );
    put(
        "v1.cloud_filter.SharedWith.not_in",
        v1::shared_with().not_in(["b", "a"]),
    );
    put(
        "v1.cloud_filter.SharedWith.exists",
        v1::shared_with().exists(),
    );
    put(
        "v1.cloud_filter.SharedWith.not_exists",
        v1::shared_with().not_exists(),
    );
    put(
        "v1.cloud_filter.SharingTypeAdded.eq",
        v1::sharing_type_added().eq(fe::SharingTypeV1::from("x1")),
    );
    put(
        "v1.cloud_filter.SharingTypeAdded.not_eq",
        v1::sharing_type_added().not_eq(fe::SharingTypeV1::from("x2")),
    );
    put(
        "v1.cloud_filter.SharingTypeAdded.is_in",
        v1::sharing_type_added().is_in(["b", "a b", "b"].map(fe::SharingTypeV1::from)),
    );
    put(
        "v1.cloud_filter.SharingTypeAdded.is_in_one",
        v1::sharing_type_added().is_in(["only"].map(fe::SharingTypeV1::from)),
    );
    put(
        "v1.cloud_filter.SharingTypeAdded.not_in",
        v1::sharing_type_added().not_in(["b", "a"].map(fe::SharingTypeV1::from)),
    );
    put(
        "v1.cloud_filter.SharingTypeAdded.exists",
        v1::sharing_type_added().exists(),
    );
    put(
        "v1.cloud_filter.SharingTypeAdded.not_exists",
        v1::sharing_type_added().not_exists(),
    );
    put(
        "v1.device_filter.DeviceSignedInUserName.eq",
        v1::device_signed_in_user_name().eq("x1"),
    );
    put(
        "v1.device_filter.DeviceSignedInUserName.not_eq",
        v1::device_signed_in_user_name().not_eq("x2"),
    );
    put(
        "v1.device_filter.DeviceSignedInUserName.is_in",
        v1::device_signed_in_user_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.device_filter.DeviceSignedInUserName.is_in_one",
        v1::device_signed_in_user_name().is_in(["only"]),
    );
    put(
        "v1.device_filter.DeviceSignedInUserName.not_in",
        v1::device_signed_in_user_name().not_in(["b", "a"]),
    );
    put(
        "v1.device_filter.DeviceSignedInUserName.exists",
        v1::device_signed_in_user_name().exists(),
    );
    put(
        "v1.device_filter.DeviceSignedInUserName.not_exists",
        v1::device_signed_in_user_name().not_exists(),
    );
    put(
        "v1.device_filter.DeviceUsername.eq",
        v1::device_username().eq("x1"),
    );
    put(
        "v1.device_filter.DeviceUsername.not_eq",
        v1::device_username().not_eq("x2"),
    );
    put(
        "v1.device_filter.DeviceUsername.is_in",
        v1::device_username().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.device_filter.DeviceUsername.is_in_one",
        v1::device_username().is_in(["only"]),
    );
    put(
        "v1.device_filter.DeviceUsername.not_in",
        v1::device_username().not_in(["b", "a"]),
    );
    put(
        "v1.device_filter.DeviceUsername.exists",
        v1::device_username().exists(),
    );
    put(
        "v1.device_filter.DeviceUsername.not_exists",
        v1::device_username().not_exists(),
    );
    put("v1.device_filter.OSHostname.eq", v1::os_hostname().eq("x1"));
    put(
        "v1.device_filter.OSHostname.not_eq",
        v1::os_hostname().not_eq("x2"),
    );
    put(
        "v1.device_filter.OSHostname.is_in",
        v1::os_hostname().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.device_filter.OSHostname.is_in_one",
        v1::os_hostname().is_in(["only"]),
    );
    put(
        "v1.device_filter.OSHostname.not_in",
        v1::os_hostname().not_in(["b", "a"]),
    );
    put(
        "v1.device_filter.OSHostname.exists",
        v1::os_hostname().exists(),
    );
    put(
        "v1.device_filter.OSHostname.not_exists",
        v1::os_hostname().not_exists(),
    );
    put(
        "v1.device_filter.PrivateIPAddress.eq",
        v1::private_ip_address().eq("x1"),
    );
    put(
        "v1.device_filter.PrivateIPAddress.not_eq",
        v1::private_ip_address().not_eq("x2"),
    );
    put(
        "v1.device_filter.PrivateIPAddress.is_in",
        v1::private_ip_address().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.device_filter.PrivateIPAddress.is_in_one",
        v1::private_ip_address().is_in(["only"]),
    );
    put(
        "v1.device_filter.PrivateIPAddress.not_in",
        v1::private_ip_address().not_in(["b", "a"]),
    );
    put(
        "v1.device_filter.PrivateIPAddress.exists",
        v1::private_ip_address().exists(),
    );
    put(
        "v1.device_filter.PrivateIPAddress.not_exists",
        v1::private_ip_address().not_exists(),
    );
    put(
        "v1.device_filter.PublicIPAddress.eq",
        v1::public_ip_address().eq("x1"),
    );
    put(
        "v1.device_filter.PublicIPAddress.not_eq",
        v1::public_ip_address().not_eq("x2"),
    );
    put(
        "v1.device_filter.PublicIPAddress.is_in",
        v1::public_ip_address().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.device_filter.PublicIPAddress.is_in_one",
        v1::public_ip_address().is_in(["only"]),
    );
    put(
        "v1.device_filter.PublicIPAddress.not_in",
        v1::public_ip_address().not_in(["b", "a"]),
    );
    put(
        "v1.device_filter.PublicIPAddress.exists",
        v1::public_ip_address().exists(),
    );
    put(
        "v1.device_filter.PublicIPAddress.not_exists",
        v1::public_ip_address().not_exists(),
    );
    put("v1.email_filter.EmailFrom.eq", v1::email_from().eq("x1"));
    put(
        "v1.email_filter.EmailFrom.not_eq",
        v1::email_from().not_eq("x2"),
    );
    put(
        "v1.email_filter.EmailFrom.is_in",
        v1::email_from().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.email_filter.EmailFrom.is_in_one",
        v1::email_from().is_in(["only"]),
    );
    put(
        "v1.email_filter.EmailFrom.not_in",
        v1::email_from().not_in(["b", "a"]),
    );
    put(
        "v1.email_filter.EmailPolicyName.eq",
        v1::email_policy_name().eq("x1"),
    );
    put(
        "v1.email_filter.EmailPolicyName.not_eq",
        v1::email_policy_name().not_eq("x2"),
    );
    put(
        "v1.email_filter.EmailPolicyName.is_in",
        v1::email_policy_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.email_filter.EmailPolicyName.is_in_one",
        v1::email_policy_name().is_in(["only"]),
    );
    put(
        "v1.email_filter.EmailPolicyName.not_in",
        v1::email_policy_name().not_in(["b", "a"]),
    );
    put(
        "v1.email_filter.EmailRecipients.eq",
        v1::email_recipients().eq("x1"),
    );
    put(
        "v1.email_filter.EmailRecipients.not_eq",
        v1::email_recipients().not_eq("x2"),
    );
    put(
        "v1.email_filter.EmailRecipients.is_in",
        v1::email_recipients().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.email_filter.EmailRecipients.is_in_one",
        v1::email_recipients().is_in(["only"]),
    );
    put(
        "v1.email_filter.EmailRecipients.not_in",
        v1::email_recipients().not_in(["b", "a"]),
    );
    put(
        "v1.email_filter.EmailSender.eq",
        v1::email_sender().eq("x1"),
    );
    put(
        "v1.email_filter.EmailSender.not_eq",
        v1::email_sender().not_eq("x2"),
    );
    put(
        "v1.email_filter.EmailSender.is_in",
        v1::email_sender().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.email_filter.EmailSender.is_in_one",
        v1::email_sender().is_in(["only"]),
    );
    put(
        "v1.email_filter.EmailSender.not_in",
        v1::email_sender().not_in(["b", "a"]),
    );
    put(
        "v1.email_filter.EmailSubject.eq",
        v1::email_subject().eq("x1"),
    );
    put(
        "v1.email_filter.EmailSubject.not_eq",
        v1::email_subject().not_eq("x2"),
    );
    put(
        "v1.email_filter.EmailSubject.is_in",
        v1::email_subject().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.email_filter.EmailSubject.is_in_one",
        v1::email_subject().is_in(["only"]),
    );
    put(
        "v1.email_filter.EmailSubject.not_in",
        v1::email_subject().not_in(["b", "a"]),
    );
    put(
        "v1.event_filter.EventTimestamp.on_or_after",
        v1::event_timestamp().on_or_after(T1),
    );
    put(
        "v1.event_filter.EventTimestamp.on_or_before",
        v1::event_timestamp().on_or_before(T1),
    );
    put(
        "v1.event_filter.EventTimestamp.in_range",
        v1::event_timestamp().in_range(T1, T2),
    );
    put(
        "v1.event_filter.EventTimestamp.on_same_day",
        v1::event_timestamp().on_same_day(DAY),
    );
    put(
        "v1.event_filter.EventTimestamp.within_the_last",
        v1::event_timestamp().within_the_last(WithinTheLast::SevenDays),
    );
    put(
        "v1.event_filter.EventType.eq",
        v1::event_type().eq(fe::EventTypeV1::from("x1")),
    );
    put(
        "v1.event_filter.EventType.not_eq",
        v1::event_type().not_eq(fe::EventTypeV1::from("x2")),
    );
    put(
        "v1.event_filter.EventType.is_in",
        v1::event_type().is_in(["b", "a b", "b"].map(fe::EventTypeV1::from)),
    );
    put(
        "v1.event_filter.EventType.is_in_one",
        v1::event_type().is_in(["only"].map(fe::EventTypeV1::from)),
    );
    put(
        "v1.event_filter.EventType.not_in",
        v1::event_type().not_in(["b", "a"].map(fe::EventTypeV1::from)),
    );
    put(
        "v1.event_filter.EventType.exists",
        v1::event_type().exists(),
    );
    put(
        "v1.event_filter.EventType.not_exists",
        v1::event_type().not_exists(),
    );
    put(
        "v1.event_filter.InsertionTimestamp.on_or_after",
        v1::insertion_timestamp().on_or_after(T1),
    );
    put(
        "v1.event_filter.InsertionTimestamp.on_or_before",
        v1::insertion_timestamp().on_or_before(T1),
    );
    put(
        "v1.event_filter.InsertionTimestamp.in_range",
        v1::insertion_timestamp().in_range(T1, T2),
    );
    put(
        "v1.event_filter.InsertionTimestamp.on_same_day",
        v1::insertion_timestamp().on_same_day(DAY),
    );
    put(
        "v1.event_filter.InsertionTimestamp.within_the_last",
        v1::insertion_timestamp().within_the_last(WithinTheLast::SevenDays),
    );
    put(
        "v1.event_filter.MimeTypeMismatch.is_true",
        v1::mime_type_mismatch().is_true(),
    );
    put(
        "v1.event_filter.MimeTypeMismatch.is_false",
        v1::mime_type_mismatch().is_false(),
    );
    put(
        "v1.event_filter.OutsideActiveHours.is_true",
        v1::outside_active_hours().is_true(),
    );
    put(
        "v1.event_filter.OutsideActiveHours.is_false",
        v1::outside_active_hours().is_false(),
    );
    put(
        "v1.event_filter.Source.eq",
        v1::source().eq(fe::EventObserver::from("x1")),
    );
    put(
        "v1.event_filter.Source.not_eq",
        v1::source().not_eq(fe::EventObserver::from("x2")),
    );
    put(
        "v1.event_filter.Source.is_in",
        v1::source().is_in(["b", "a b", "b"].map(fe::EventObserver::from)),
    );
    put(
        "v1.event_filter.Source.is_in_one",
        v1::source().is_in(["only"].map(fe::EventObserver::from)),
    );
    put(
        "v1.event_filter.Source.not_in",
        v1::source().not_in(["b", "a"].map(fe::EventObserver::from)),
    );
    put("v1.event_filter.Source.exists", v1::source().exists());
    put(
        "v1.event_filter.Source.not_exists",
        v1::source().not_exists(),
    );
    put(
        "v1.exposure_filter.DestinationCategory.eq",
        v1::destination_category().eq(fe::DestinationCategory::from("x1")),
    );
    put(
        "v1.exposure_filter.DestinationCategory.not_eq",
        v1::destination_category().not_eq(fe::DestinationCategory::from("x2")),
    );
    put(
        "v1.exposure_filter.DestinationCategory.is_in",
        v1::destination_category().is_in(["b", "a b", "b"].map(fe::DestinationCategory::from)),
    );
    put(
        "v1.exposure_filter.DestinationCategory.is_in_one",
        v1::destination_category().is_in(["only"].map(fe::DestinationCategory::from)),
    );
    put(
        "v1.exposure_filter.DestinationCategory.not_in",
        v1::destination_category().not_in(["b", "a"].map(fe::DestinationCategory::from)),
    );
    put(
        "v1.exposure_filter.DestinationCategory.exists",
        v1::destination_category().exists(),
    );
    put(
        "v1.exposure_filter.DestinationCategory.not_exists",
        v1::destination_category().not_exists(),
    );
    put(
        "v1.exposure_filter.DestinationName.eq",
        v1::destination_name().eq("x1"),
    );
    put(
        "v1.exposure_filter.DestinationName.not_eq",
        v1::destination_name().not_eq("x2"),
    );
    put(
        "v1.exposure_filter.DestinationName.is_in",
        v1::destination_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.exposure_filter.DestinationName.is_in_one",
        v1::destination_name().is_in(["only"]),
    );
    put(
        "v1.exposure_filter.DestinationName.not_in",
        v1::destination_name().not_in(["b", "a"]),
    );
    put(
        "v1.exposure_filter.DestinationName.exists",
        v1::destination_name().exists(),
    );
    put(
        "v1.exposure_filter.DestinationName.not_exists",
        v1::destination_name().not_exists(),
    );
    put(
        "v1.exposure_filter.ExposureType.eq",
        v1::exposure_type().eq(fe::ExposureTypeV1::from("x1")),
    );
    put(
        "v1.exposure_filter.ExposureType.not_eq",
        v1::exposure_type().not_eq(fe::ExposureTypeV1::from("x2")),
    );
    put(
        "v1.exposure_filter.ExposureType.is_in",
        v1::exposure_type().is_in(["b", "a b", "b"].map(fe::ExposureTypeV1::from)),
    );
    put(
        "v1.exposure_filter.ExposureType.is_in_one",
        v1::exposure_type().is_in(["only"].map(fe::ExposureTypeV1::from)),
    );
    put(
        "v1.exposure_filter.ExposureType.not_in",
        v1::exposure_type().not_in(["b", "a"].map(fe::ExposureTypeV1::from)),
    );
    put(
        "v1.exposure_filter.ExposureType.exists",
        v1::exposure_type().exists(),
    );
    put(
        "v1.exposure_filter.ExposureType.not_exists",
        v1::exposure_type().not_exists(),
    );
    put(
        "v1.exposure_filter.ProcessName.eq",
        v1::process_name().eq("x1"),
    );
    put(
        "v1.exposure_filter.ProcessName.not_eq",
        v1::process_name().not_eq("x2"),
    );
    put(
        "v1.exposure_filter.ProcessName.is_in",
        v1::process_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.exposure_filter.ProcessName.is_in_one",
        v1::process_name().is_in(["only"]),
    );
    put(
        "v1.exposure_filter.ProcessName.not_in",
        v1::process_name().not_in(["b", "a"]),
    );
    put(
        "v1.exposure_filter.ProcessName.exists",
        v1::process_name().exists(),
    );
    put(
        "v1.exposure_filter.ProcessName.not_exists",
        v1::process_name().not_exists(),
    );
    put(
        "v1.exposure_filter.ProcessOwner.eq",
        v1::process_owner().eq("x1"),
    );
    put(
        "v1.exposure_filter.ProcessOwner.not_eq",
        v1::process_owner().not_eq("x2"),
    );
    put(
        "v1.exposure_filter.ProcessOwner.is_in",
        v1::process_owner().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.exposure_filter.ProcessOwner.is_in_one",
        v1::process_owner().is_in(["only"]),
    );
    put(
        "v1.exposure_filter.ProcessOwner.not_in",
        v1::process_owner().not_in(["b", "a"]),
    );
    put(
        "v1.exposure_filter.ProcessOwner.exists",
        v1::process_owner().exists(),
    );
    put(
        "v1.exposure_filter.ProcessOwner.not_exists",
        v1::process_owner().not_exists(),
    );
    put(
        "v1.exposure_filter.RemovableMediaMediaName.eq",
        v1::removable_media_media_name().eq("x1"),
    );
    put(
        "v1.exposure_filter.RemovableMediaMediaName.not_eq",
        v1::removable_media_media_name().not_eq("x2"),
    );
    put(
        "v1.exposure_filter.RemovableMediaMediaName.is_in",
        v1::removable_media_media_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaMediaName.is_in_one",
        v1::removable_media_media_name().is_in(["only"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaMediaName.not_in",
        v1::removable_media_media_name().not_in(["b", "a"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaMediaName.exists",
        v1::removable_media_media_name().exists(),
    );
    put(
        "v1.exposure_filter.RemovableMediaMediaName.not_exists",
        v1::removable_media_media_name().not_exists(),
    );
    put(
        "v1.exposure_filter.RemovableMediaName.eq",
        v1::removable_media_name().eq("x1"),
    );
    put(
        "v1.exposure_filter.RemovableMediaName.not_eq",
        v1::removable_media_name().not_eq("x2"),
    );
    put(
        "v1.exposure_filter.RemovableMediaName.is_in",
        v1::removable_media_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaName.is_in_one",
        v1::removable_media_name().is_in(["only"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaName.not_in",
        v1::removable_media_name().not_in(["b", "a"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaName.exists",
        v1::removable_media_name().exists(),
    );
    put(
        "v1.exposure_filter.RemovableMediaName.not_exists",
        v1::removable_media_name().not_exists(),
    );
    put(
        "v1.exposure_filter.RemovableMediaPartitionID.eq",
        v1::removable_media_partition_id().eq("x1"),
    );
    put(
        "v1.exposure_filter.RemovableMediaPartitionID.not_eq",
        v1::removable_media_partition_id().not_eq("x2"),
    );
    put(
        "v1.exposure_filter.RemovableMediaPartitionID.is_in",
        v1::removable_media_partition_id().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaPartitionID.is_in_one",
        v1::removable_media_partition_id().is_in(["only"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaPartitionID.not_in",
        v1::removable_media_partition_id().not_in(["b", "a"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaPartitionID.exists",
        v1::removable_media_partition_id().exists(),
    );
    put(
        "v1.exposure_filter.RemovableMediaPartitionID.not_exists",
        v1::removable_media_partition_id().not_exists(),
    );
    put(
        "v1.exposure_filter.RemovableMediaSerialNumber.eq",
        v1::removable_media_serial_number().eq("x1"),
    );
    put(
        "v1.exposure_filter.RemovableMediaSerialNumber.not_eq",
        v1::removable_media_serial_number().not_eq("x2"),
    );
    put(
        "v1.exposure_filter.RemovableMediaSerialNumber.is_in",
        v1::removable_media_serial_number().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaSerialNumber.is_in_one",
        v1::removable_media_serial_number().is_in(["only"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaSerialNumber.not_in",
        v1::removable_media_serial_number().not_in(["b", "a"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaSerialNumber.exists",
        v1::removable_media_serial_number().exists(),
    );
    put(
        "v1.exposure_filter.RemovableMediaSerialNumber.not_exists",
        v1::removable_media_serial_number().not_exists(),
    );
    put(
        "v1.exposure_filter.RemovableMediaVendor.eq",
        v1::removable_media_vendor().eq("x1"),
    );
    put(
        "v1.exposure_filter.RemovableMediaVendor.not_eq",
        v1::removable_media_vendor().not_eq("x2"),
    );
    put(
        "v1.exposure_filter.RemovableMediaVendor.is_in",
        v1::removable_media_vendor().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaVendor.is_in_one",
        v1::removable_media_vendor().is_in(["only"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaVendor.not_in",
        v1::removable_media_vendor().not_in(["b", "a"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaVendor.exists",
        v1::removable_media_vendor().exists(),
    );
    put(
        "v1.exposure_filter.RemovableMediaVendor.not_exists",
        v1::removable_media_vendor().not_exists(),
    );
    put(
        "v1.exposure_filter.RemovableMediaVolumeName.eq",
        v1::removable_media_volume_name().eq("x1"),
    );
    put(
        "v1.exposure_filter.RemovableMediaVolumeName.not_eq",
        v1::removable_media_volume_name().not_eq("x2"),
    );
    put(
        "v1.exposure_filter.RemovableMediaVolumeName.is_in",
        v1::removable_media_volume_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaVolumeName.is_in_one",
        v1::removable_media_volume_name().is_in(["only"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaVolumeName.not_in",
        v1::removable_media_volume_name().not_in(["b", "a"]),
    );
    put(
        "v1.exposure_filter.RemovableMediaVolumeName.exists",
        v1::removable_media_volume_name().exists(),
    );
    put(
        "v1.exposure_filter.RemovableMediaVolumeName.not_exists",
        v1::removable_media_volume_name().not_exists(),
    );
    put(
        "v1.exposure_filter.SyncDestination.eq",
        v1::sync_destination().eq(fe::SyncDestinationV1::from("x1")),
    );
    put(
        "v1.exposure_filter.SyncDestination.not_eq",
        v1::sync_destination().not_eq(fe::SyncDestinationV1::from("x2")),
    );
    put(
        "v1.exposure_filter.SyncDestination.is_in",
        v1::sync_destination().is_in(["b", "a b", "b"].map(fe::SyncDestinationV1::from)),
    );
    put(
        "v1.exposure_filter.SyncDestination.is_in_one",
        v1::sync_destination().is_in(["only"].map(fe::SyncDestinationV1::from)),
    );
    put(
        "v1.exposure_filter.SyncDestination.not_in",
        v1::sync_destination().not_in(["b", "a"].map(fe::SyncDestinationV1::from)),
    );
    put(
        "v1.exposure_filter.SyncDestination.exists",
        v1::sync_destination().exists(),
    );
    put(
        "v1.exposure_filter.SyncDestination.not_exists",
        v1::sync_destination().not_exists(),
    );
    put(
        "v1.exposure_filter.SyncDestinationUsername.eq",
        v1::sync_destination_username().eq("x1"),
    );
    put(
        "v1.exposure_filter.SyncDestinationUsername.not_eq",
        v1::sync_destination_username().not_eq("x2"),
    );
    put(
        "v1.exposure_filter.SyncDestinationUsername.is_in",
        v1::sync_destination_username().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.exposure_filter.SyncDestinationUsername.is_in_one",
        v1::sync_destination_username().is_in(["only"]),
    );
    put(
        "v1.exposure_filter.SyncDestinationUsername.not_in",
        v1::sync_destination_username().not_in(["b", "a"]),
    );
    put(
        "v1.exposure_filter.SyncDestinationUsername.exists",
        v1::sync_destination_username().exists(),
    );
    put(
        "v1.exposure_filter.SyncDestinationUsername.not_exists",
        v1::sync_destination_username().not_exists(),
    );
    put("v1.exposure_filter.TabURL.eq", v1::tab_url().eq("x1"));
    put(
        "v1.exposure_filter.TabURL.not_eq",
        v1::tab_url().not_eq("x2"),
    );
    put(
        "v1.exposure_filter.TabURL.is_in",
        v1::tab_url().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.exposure_filter.TabURL.is_in_one",
        v1::tab_url().is_in(["only"]),
    );
    put(
        "v1.exposure_filter.TabURL.not_in",
        v1::tab_url().not_in(["b", "a"]),
    );
    put("v1.exposure_filter.TabURL.exists", v1::tab_url().exists());
    put(
        "v1.exposure_filter.TabURL.not_exists",
        v1::tab_url().not_exists(),
    );
    put(
        "v1.exposure_filter.WindowTitle.eq",
        v1::window_title().eq("x1"),
    );
    put(
        "v1.exposure_filter.WindowTitle.not_eq",
        v1::window_title().not_eq("x2"),
    );
    put(
        "v1.exposure_filter.WindowTitle.is_in",
        v1::window_title().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.exposure_filter.WindowTitle.is_in_one",
        v1::window_title().is_in(["only"]),
    );
    put(
        "v1.exposure_filter.WindowTitle.not_in",
        v1::window_title().not_in(["b", "a"]),
    );
    put(
        "v1.exposure_filter.WindowTitle.exists",
        v1::window_title().exists(),
    );
    put(
        "v1.exposure_filter.WindowTitle.not_exists",
        v1::window_title().not_exists(),
    );
    put(
        "v1.file_filter.FileCategory.eq",
        v1::file_category().eq(fe::FileCategory::from("x1")),
    );
    put(
        "v1.file_filter.FileCategory.not_eq",
        v1::file_category().not_eq(fe::FileCategory::from("x2")),
    );
    put(
        "v1.file_filter.FileCategory.is_in",
        v1::file_category().is_in(["b", "a b", "b"].map(fe::FileCategory::from)),
    );
    put(
        "v1.file_filter.FileCategory.is_in_one",
        v1::file_category().is_in(["only"].map(fe::FileCategory::from)),
    );
    put(
        "v1.file_filter.FileCategory.not_in",
        v1::file_category().not_in(["b", "a"].map(fe::FileCategory::from)),
    );
    put(
        "v1.file_filter.FileCategory.exists",
        v1::file_category().exists(),
    );
    put(
        "v1.file_filter.FileCategory.not_exists",
        v1::file_category().not_exists(),
    );
    put("v1.file_filter.FileName.eq", v1::file_name().eq("x1"));
    put(
        "v1.file_filter.FileName.not_eq",
        v1::file_name().not_eq("x2"),
    );
    put(
        "v1.file_filter.FileName.is_in",
        v1::file_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.file_filter.FileName.is_in_one",
        v1::file_name().is_in(["only"]),
    );
    put(
        "v1.file_filter.FileName.not_in",
        v1::file_name().not_in(["b", "a"]),
    );
    put("v1.file_filter.FileName.exists", v1::file_name().exists());
    put(
        "v1.file_filter.FileName.not_exists",
        v1::file_name().not_exists(),
    );
    put("v1.file_filter.FileOwner.eq", v1::file_owner().eq("x1"));
    put(
        "v1.file_filter.FileOwner.not_eq",
        v1::file_owner().not_eq("x2"),
    );
    put(
        "v1.file_filter.FileOwner.is_in",
        v1::file_owner().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.file_filter.FileOwner.is_in_one",
        v1::file_owner().is_in(["only"]),
    );
    put(
        "v1.file_filter.FileOwner.not_in",
        v1::file_owner().not_in(["b", "a"]),
    );
    put("v1.file_filter.FileOwner.exists", v1::file_owner().exists());
    put(
        "v1.file_filter.FileOwner.not_exists",
        v1::file_owner().not_exists(),
    );
    put("v1.file_filter.FilePath.eq", v1::file_path().eq("x1"));
    put(
        "v1.file_filter.FilePath.not_eq",
        v1::file_path().not_eq("x2"),
    );
    put(
        "v1.file_filter.FilePath.is_in",
        v1::file_path().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.file_filter.FilePath.is_in_one",
        v1::file_path().is_in(["only"]),
    );
    put(
        "v1.file_filter.FilePath.not_in",
        v1::file_path().not_in(["b", "a"]),
    );
    put("v1.file_filter.FilePath.exists", v1::file_path().exists());
    put(
        "v1.file_filter.FilePath.not_exists",
        v1::file_path().not_exists(),
    );
    put(
        "v1.file_filter.FileSize.greater_than",
        v1::file_size().greater_than(1024),
    );
    put(
        "v1.file_filter.FileSize.less_than",
        v1::file_size().less_than(7),
    );
    put("v1.file_filter.MD5.eq", v1::md5().eq("x1"));
    put("v1.file_filter.MD5.not_eq", v1::md5().not_eq("x2"));
    put(
        "v1.file_filter.MD5.is_in",
        v1::md5().is_in(["b", "a b", "b"]),
    );
    put("v1.file_filter.MD5.is_in_one", v1::md5().is_in(["only"]));
    put("v1.file_filter.MD5.not_in", v1::md5().not_in(["b", "a"]));
    put("v1.file_filter.MD5.exists", v1::md5().exists());
    put("v1.file_filter.MD5.not_exists", v1::md5().not_exists());
    put("v1.file_filter.SHA256.eq", v1::sha256().eq("x1"));
    put("v1.file_filter.SHA256.not_eq", v1::sha256().not_eq("x2"));
    put(
        "v1.file_filter.SHA256.is_in",
        v1::sha256().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.file_filter.SHA256.is_in_one",
        v1::sha256().is_in(["only"]),
    );
    put(
        "v1.file_filter.SHA256.not_in",
        v1::sha256().not_in(["b", "a"]),
    );
    put("v1.file_filter.SHA256.exists", v1::sha256().exists());
    put(
        "v1.file_filter.SHA256.not_exists",
        v1::sha256().not_exists(),
    );
    put(
        "v1.print_filter.PrintJobName.eq",
        v1::print_job_name().eq("x1"),
    );
    put(
        "v1.print_filter.PrintJobName.not_eq",
        v1::print_job_name().not_eq("x2"),
    );
    put(
        "v1.print_filter.PrintJobName.is_in",
        v1::print_job_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.print_filter.PrintJobName.is_in_one",
        v1::print_job_name().is_in(["only"]),
    );
    put(
        "v1.print_filter.PrintJobName.not_in",
        v1::print_job_name().not_in(["b", "a"]),
    );
    put(
        "v1.print_filter.PrintJobName.exists",
        v1::print_job_name().exists(),
    );
    put(
        "v1.print_filter.PrintJobName.not_exists",
        v1::print_job_name().not_exists(),
    );
    put("v1.print_filter.Printer.eq", v1::printer().eq("x1"));
    put("v1.print_filter.Printer.not_eq", v1::printer().not_eq("x2"));
    put(
        "v1.print_filter.Printer.is_in",
        v1::printer().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.print_filter.Printer.is_in_one",
        v1::printer().is_in(["only"]),
    );
    put(
        "v1.print_filter.Printer.not_in",
        v1::printer().not_in(["b", "a"]),
    );
    put("v1.print_filter.Printer.exists", v1::printer().exists());
    put(
        "v1.print_filter.Printer.not_exists",
        v1::printer().not_exists(),
    );
    put(
        "v1.risk_filter.RiskIndicator.eq",
        v1::risk_indicator().eq(fe::RiskIndicatorName::from("x1")),
    );
    put(
        "v1.risk_filter.RiskIndicator.not_eq",
        v1::risk_indicator().not_eq(fe::RiskIndicatorName::from("x2")),
    );
    put(
        "v1.risk_filter.RiskIndicator.is_in",
        v1::risk_indicator().is_in(["b", "a b", "b"].map(fe::RiskIndicatorName::from)),
    );
    put(
        "v1.risk_filter.RiskIndicator.is_in_one",
        v1::risk_indicator().is_in(["only"].map(fe::RiskIndicatorName::from)),
    );
    put(
        "v1.risk_filter.RiskIndicator.not_in",
        v1::risk_indicator().not_in(["b", "a"].map(fe::RiskIndicatorName::from)),
    );
    put(
        "v1.risk_filter.RiskIndicator.exists",
        v1::risk_indicator().exists(),
    );
    put(
        "v1.risk_filter.RiskIndicator.not_exists",
        v1::risk_indicator().not_exists(),
    );
    put("v1.risk_filter.RiskScore.eq", v1::risk_score().eq("x1"));
    put(
        "v1.risk_filter.RiskScore.not_eq",
        v1::risk_score().not_eq("x2"),
    );
    put(
        "v1.risk_filter.RiskScore.is_in",
        v1::risk_score().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.risk_filter.RiskScore.is_in_one",
        v1::risk_score().is_in(["only"]),
    );
    put(
        "v1.risk_filter.RiskScore.not_in",
        v1::risk_score().not_in(["b", "a"]),
    );
    put(
        "v1.risk_filter.RiskScore.greater_than",
        v1::risk_score().greater_than(1024),
    );
    put(
        "v1.risk_filter.RiskScore.less_than",
        v1::risk_score().less_than(7),
    );
    put(
        "v1.risk_filter.RiskSeverity.eq",
        v1::risk_severity().eq(fe::RiskSeverity::from("x1")),
    );
    put(
        "v1.risk_filter.RiskSeverity.not_eq",
        v1::risk_severity().not_eq(fe::RiskSeverity::from("x2")),
    );
    put(
        "v1.risk_filter.RiskSeverity.is_in",
        v1::risk_severity().is_in(["b", "a b", "b"].map(fe::RiskSeverity::from)),
    );
    put(
        "v1.risk_filter.RiskSeverity.is_in_one",
        v1::risk_severity().is_in(["only"].map(fe::RiskSeverity::from)),
    );
    put(
        "v1.risk_filter.RiskSeverity.not_in",
        v1::risk_severity().not_in(["b", "a"].map(fe::RiskSeverity::from)),
    );
    put(
        "v1.risk_filter.RiskSeverity.exists",
        v1::risk_severity().exists(),
    );
    put(
        "v1.risk_filter.RiskSeverity.not_exists",
        v1::risk_severity().not_exists(),
    );
    put(
        "v1.source_filter.SourceCategory.eq",
        v1::source_category().eq(fe::SourceCategory::from("x1")),
    );
    put(
        "v1.source_filter.SourceCategory.not_eq",
        v1::source_category().not_eq(fe::SourceCategory::from("x2")),
    );
    put(
        "v1.source_filter.SourceCategory.is_in",
        v1::source_category().is_in(["b", "a b", "b"].map(fe::SourceCategory::from)),
    );
    put(
        "v1.source_filter.SourceCategory.is_in_one",
        v1::source_category().is_in(["only"].map(fe::SourceCategory::from)),
    );
    put(
        "v1.source_filter.SourceCategory.not_in",
        v1::source_category().not_in(["b", "a"].map(fe::SourceCategory::from)),
    );
    put(
        "v1.source_filter.SourceCategory.exists",
        v1::source_category().exists(),
    );
    put(
        "v1.source_filter.SourceCategory.not_exists",
        v1::source_category().not_exists(),
    );
    put("v1.source_filter.SourceName.eq", v1::source_name().eq("x1"));
    put(
        "v1.source_filter.SourceName.not_eq",
        v1::source_name().not_eq("x2"),
    );
    put(
        "v1.source_filter.SourceName.is_in",
        v1::source_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.source_filter.SourceName.is_in_one",
        v1::source_name().is_in(["only"]),
    );
    put(
        "v1.source_filter.SourceName.not_in",
        v1::source_name().not_in(["b", "a"]),
    );
    put(
        "v1.source_filter.SourceName.exists",
        v1::source_name().exists(),
    );
    put(
        "v1.source_filter.SourceName.not_exists",
        v1::source_name().not_exists(),
    );
    put(
        "v1.source_filter.SourceTabTitles.eq",
        v1::source_tab_titles().eq("x1"),
    );
    put(
        "v1.source_filter.SourceTabTitles.not_eq",
        v1::source_tab_titles().not_eq("x2"),
    );
    put(
        "v1.source_filter.SourceTabTitles.is_in",
        v1::source_tab_titles().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.source_filter.SourceTabTitles.is_in_one",
        v1::source_tab_titles().is_in(["only"]),
    );
    put(
        "v1.source_filter.SourceTabTitles.not_in",
        v1::source_tab_titles().not_in(["b", "a"]),
    );
    put(
        "v1.source_filter.SourceTabTitles.exists",
        v1::source_tab_titles().exists(),
    );
    put(
        "v1.source_filter.SourceTabTitles.not_exists",
        v1::source_tab_titles().not_exists(),
    );
    put(
        "v1.source_filter.SourceTabUrls.eq",
        v1::source_tab_urls().eq("x1"),
    );
    put(
        "v1.source_filter.SourceTabUrls.not_eq",
        v1::source_tab_urls().not_eq("x2"),
    );
    put(
        "v1.source_filter.SourceTabUrls.is_in",
        v1::source_tab_urls().is_in(["b", "a b", "b"]),
    );
    put(
        "v1.source_filter.SourceTabUrls.is_in_one",
        v1::source_tab_urls().is_in(["only"]),
    );
    put(
        "v1.source_filter.SourceTabUrls.not_in",
        v1::source_tab_urls().not_in(["b", "a"]),
    );
    put(
        "v1.source_filter.SourceTabUrls.exists",
        v1::source_tab_urls().exists(),
    );
    put(
        "v1.source_filter.SourceTabUrls.not_exists",
        v1::source_tab_urls().not_exists(),
    );
    put(
        "v2.destination.Category.eq",
        v2::destination::category().eq(fe::DestinationCategory::from("x1")),
    );
    put(
        "v2.destination.Category.not_eq",
        v2::destination::category().not_eq(fe::DestinationCategory::from("x2")),
    );
    put(
        "v2.destination.Category.is_in",
        v2::destination::category().is_in(["b", "a b", "b"].map(fe::DestinationCategory::from)),
    );
    put(
        "v2.destination.Category.is_in_one",
        v2::destination::category().is_in(["only"].map(fe::DestinationCategory::from)),
    );
    put(
        "v2.destination.Category.not_in",
        v2::destination::category().not_in(["b", "a"].map(fe::DestinationCategory::from)),
    );
    put(
        "v2.destination.Category.exists",
        v2::destination::category().exists(),
    );
    put(
        "v2.destination.Category.not_exists",
        v2::destination::category().not_exists(),
    );
    put(
        "v2.destination.EmailRecipients.eq",
        v2::destination::email_recipients().eq("x1"),
    );
    put(
        "v2.destination.EmailRecipients.not_eq",
        v2::destination::email_recipients().not_eq("x2"),
    );
    put(
        "v2.destination.EmailRecipients.is_in",
        v2::destination::email_recipients().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.EmailRecipients.is_in_one",
        v2::destination::email_recipients().is_in(["only"]),
    );
    put(
        "v2.destination.EmailRecipients.not_in",
        v2::destination::email_recipients().not_in(["b", "a"]),
    );
    put(
        "v2.destination.EmailSubject.eq",
        v2::destination::email_subject().eq("x1"),
    );
    put(
        "v2.destination.EmailSubject.not_eq",
        v2::destination::email_subject().not_eq("x2"),
    );
    put(
        "v2.destination.EmailSubject.is_in",
        v2::destination::email_subject().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.EmailSubject.is_in_one",
        v2::destination::email_subject().is_in(["only"]),
    );
    put(
        "v2.destination.EmailSubject.not_in",
        v2::destination::email_subject().not_in(["b", "a"]),
    );
    put(
        "v2.destination.IpAddress.eq",
        v2::destination::ip_address().eq("x1"),
    );
    put(
        "v2.destination.IpAddress.not_eq",
        v2::destination::ip_address().not_eq("x2"),
    );
    put(
        "v2.destination.IpAddress.is_in",
        v2::destination::ip_address().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.IpAddress.is_in_one",
        v2::destination::ip_address().is_in(["only"]),
    );
    put(
        "v2.destination.IpAddress.not_in",
        v2::destination::ip_address().not_in(["b", "a"]),
    );
    put(
        "v2.destination.IpAddress.exists",
        v2::destination::ip_address().exists(),
    );
    put(
        "v2.destination.IpAddress.not_exists",
        v2::destination::ip_address().not_exists(),
    );
    put("v2.destination.Name.eq", v2::destination::name().eq("x1"));
    put(
        "v2.destination.Name.not_eq",
        v2::destination::name().not_eq("x2"),
    );
    put(
        "v2.destination.Name.is_in",
        v2::destination::name().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.Name.is_in_one",
        v2::destination::name().is_in(["only"]),
    );
    put(
        "v2.destination.Name.not_in",
        v2::destination::name().not_in(["b", "a"]),
    );
    put(
        "v2.destination.OperatingSystem.eq",
        v2::destination::operating_system().eq("x1"),
    );
    put(
        "v2.destination.OperatingSystem.not_eq",
        v2::destination::operating_system().not_eq("x2"),
    );
    put(
        "v2.destination.OperatingSystem.is_in",
        v2::destination::operating_system().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.OperatingSystem.is_in_one",
        v2::destination::operating_system().is_in(["only"]),
    );
    put(
        "v2.destination.OperatingSystem.not_in",
        v2::destination::operating_system().not_in(["b", "a"]),
    );
    put(
        "v2.destination.OperatingSystem.exists",
        v2::destination::operating_system().exists(),
    );
    put(
        "v2.destination.OperatingSystem.not_exists",
        v2::destination::operating_system().not_exists(),
    );
    put(
        "v2.destination.PrintJobName.eq",
        v2::destination::print_job_name().eq("x1"),
    );
    put(
        "v2.destination.PrintJobName.not_eq",
        v2::destination::print_job_name().not_eq("x2"),
    );
    put(
        "v2.destination.PrintJobName.is_in",
        v2::destination::print_job_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.PrintJobName.is_in_one",
        v2::destination::print_job_name().is_in(["only"]),
    );
    put(
        "v2.destination.PrintJobName.not_in",
        v2::destination::print_job_name().not_in(["b", "a"]),
    );
    put(
        "v2.destination.PrintJobName.exists",
        v2::destination::print_job_name().exists(),
    );
    put(
        "v2.destination.PrintJobName.not_exists",
        v2::destination::print_job_name().not_exists(),
    );
    put(
        "v2.destination.PrintedFilesBackupPath.eq",
        v2::destination::printed_files_backup_path().eq("x1"),
    );
    put(
        "v2.destination.PrintedFilesBackupPath.not_eq",
        v2::destination::printed_files_backup_path().not_eq("x2"),
    );
    put(
        "v2.destination.PrintedFilesBackupPath.is_in",
        v2::destination::printed_files_backup_path().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.PrintedFilesBackupPath.is_in_one",
        v2::destination::printed_files_backup_path().is_in(["only"]),
    );
    put(
        "v2.destination.PrintedFilesBackupPath.not_in",
        v2::destination::printed_files_backup_path().not_in(["b", "a"]),
    );
    put(
        "v2.destination.PrintedFilesBackupPath.exists",
        v2::destination::printed_files_backup_path().exists(),
    );
    put(
        "v2.destination.PrintedFilesBackupPath.not_exists",
        v2::destination::printed_files_backup_path().not_exists(),
    );
    put(
        "v2.destination.PrinterName.eq",
        v2::destination::printer_name().eq("x1"),
    );
    put(
        "v2.destination.PrinterName.not_eq",
        v2::destination::printer_name().not_eq("x2"),
    );
    put(
        "v2.destination.PrinterName.is_in",
        v2::destination::printer_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.PrinterName.is_in_one",
        v2::destination::printer_name().is_in(["only"]),
    );
    put(
        "v2.destination.PrinterName.not_in",
        v2::destination::printer_name().not_in(["b", "a"]),
    );
    put(
        "v2.destination.PrinterName.exists",
        v2::destination::printer_name().exists(),
    );
    put(
        "v2.destination.PrinterName.not_exists",
        v2::destination::printer_name().not_exists(),
    );
    put(
        "v2.destination.PrivateIpAddress.eq",
        v2::destination::private_ip_address().eq("x1"),
    );
    put(
        "v2.destination.PrivateIpAddress.not_eq",
        v2::destination::private_ip_address().not_eq("x2"),
    );
    put(
        "v2.destination.PrivateIpAddress.is_in",
        v2::destination::private_ip_address().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.PrivateIpAddress.is_in_one",
        v2::destination::private_ip_address().is_in(["only"]),
    );
    put(
        "v2.destination.PrivateIpAddress.not_in",
        v2::destination::private_ip_address().not_in(["b", "a"]),
    );
    put(
        "v2.destination.PrivateIpAddress.exists",
        v2::destination::private_ip_address().exists(),
    );
    put(
        "v2.destination.PrivateIpAddress.not_exists",
        v2::destination::private_ip_address().not_exists(),
    );
    put(
        "v2.destination.RemovableMediaBusType.eq",
        v2::destination::removable_media_bus_type().eq("x1"),
    );
    put(
        "v2.destination.RemovableMediaBusType.not_eq",
        v2::destination::removable_media_bus_type().not_eq("x2"),
    );
    put(
        "v2.destination.RemovableMediaBusType.is_in",
        v2::destination::removable_media_bus_type().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.RemovableMediaBusType.is_in_one",
        v2::destination::removable_media_bus_type().is_in(["only"]),
    );
    put(
        "v2.destination.RemovableMediaBusType.not_in",
        v2::destination::removable_media_bus_type().not_in(["b", "a"]),
    );
    put(
        "v2.destination.RemovableMediaBusType.exists",
        v2::destination::removable_media_bus_type().exists(),
    );
    put(
        "v2.destination.RemovableMediaBusType.not_exists",
        v2::destination::removable_media_bus_type().not_exists(),
    );
    put(
        "v2.destination.RemovableMediaCapacity.eq",
        v2::destination::removable_media_capacity().eq("x1"),
    );
    put(
        "v2.destination.RemovableMediaCapacity.not_eq",
        v2::destination::removable_media_capacity().not_eq("x2"),
    );
    put(
        "v2.destination.RemovableMediaCapacity.is_in",
        v2::destination::removable_media_capacity().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.RemovableMediaCapacity.is_in_one",
        v2::destination::removable_media_capacity().is_in(["only"]),
    );
    put(
        "v2.destination.RemovableMediaCapacity.not_in",
        v2::destination::removable_media_capacity().not_in(["b", "a"]),
    );
    put(
        "v2.destination.RemovableMediaCapacity.exists",
        v2::destination::removable_media_capacity().exists(),
    );
    put(
        "v2.destination.RemovableMediaCapacity.not_exists",
        v2::destination::removable_media_capacity().not_exists(),
    );
    put(
        "v2.destination.RemovableMediaMediaName.eq",
        v2::destination::removable_media_media_name().eq("x1"),
    );
    put(
        "v2.destination.RemovableMediaMediaName.not_eq",
        v2::destination::removable_media_media_name().not_eq("x2"),
    );
    put(
        "v2.destination.RemovableMediaMediaName.is_in",
        v2::destination::removable_media_media_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.RemovableMediaMediaName.is_in_one",
        v2::destination::removable_media_media_name().is_in(["only"]),
    );
    put(
        "v2.destination.RemovableMediaMediaName.not_in",
        v2::destination::removable_media_media_name().not_in(["b", "a"]),
    );
    put(
        "v2.destination.RemovableMediaMediaName.exists",
        v2::destination::removable_media_media_name().exists(),
    );
    put(
        "v2.destination.RemovableMediaMediaName.not_exists",
        v2::destination::removable_media_media_name().not_exists(),
    );
    put(
        "v2.destination.RemovableMediaName.eq",
        v2::destination::removable_media_name().eq("x1"),
    );
    put(
        "v2.destination.RemovableMediaName.not_eq",
        v2::destination::removable_media_name().not_eq("x2"),
    );
    put(
        "v2.destination.RemovableMediaName.is_in",
        v2::destination::removable_media_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.RemovableMediaName.is_in_one",
        v2::destination::removable_media_name().is_in(["only"]),
    );
    put(
        "v2.destination.RemovableMediaName.not_in",
        v2::destination::removable_media_name().not_in(["b", "a"]),
    );
    put(
        "v2.destination.RemovableMediaName.exists",
        v2::destination::removable_media_name().exists(),
    );
    put(
        "v2.destination.RemovableMediaName.not_exists",
        v2::destination::removable_media_name().not_exists(),
    );
    put(
        "v2.destination.RemovableMediaPartitionID.eq",
        v2::destination::removable_media_partition_id().eq("x1"),
    );
    put(
        "v2.destination.RemovableMediaPartitionID.not_eq",
        v2::destination::removable_media_partition_id().not_eq("x2"),
    );
    put(
        "v2.destination.RemovableMediaPartitionID.is_in",
        v2::destination::removable_media_partition_id().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.RemovableMediaPartitionID.is_in_one",
        v2::destination::removable_media_partition_id().is_in(["only"]),
    );
    put(
        "v2.destination.RemovableMediaPartitionID.not_in",
        v2::destination::removable_media_partition_id().not_in(["b", "a"]),
    );
    put(
        "v2.destination.RemovableMediaPartitionID.exists",
        v2::destination::removable_media_partition_id().exists(),
    );
    put(
        "v2.destination.RemovableMediaPartitionID.not_exists",
        v2::destination::removable_media_partition_id().not_exists(),
    );
    put(
        "v2.destination.RemovableMediaSerialNumber.eq",
        v2::destination::removable_media_serial_number().eq("x1"),
    );
    put(
        "v2.destination.RemovableMediaSerialNumber.not_eq",
        v2::destination::removable_media_serial_number().not_eq("x2"),
    );
    put(
        "v2.destination.RemovableMediaSerialNumber.is_in",
        v2::destination::removable_media_serial_number().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.RemovableMediaSerialNumber.is_in_one",
        v2::destination::removable_media_serial_number().is_in(["only"]),
    );
    put(
        "v2.destination.RemovableMediaSerialNumber.not_in",
        v2::destination::removable_media_serial_number().not_in(["b", "a"]),
    );
    put(
        "v2.destination.RemovableMediaSerialNumber.exists",
        v2::destination::removable_media_serial_number().exists(),
    );
    put(
        "v2.destination.RemovableMediaSerialNumber.not_exists",
        v2::destination::removable_media_serial_number().not_exists(),
    );
    put(
        "v2.destination.RemovableMediaVendor.eq",
        v2::destination::removable_media_vendor().eq("x1"),
    );
    put(
        "v2.destination.RemovableMediaVendor.not_eq",
        v2::destination::removable_media_vendor().not_eq("x2"),
    );
    put(
        "v2.destination.RemovableMediaVendor.is_in",
        v2::destination::removable_media_vendor().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.RemovableMediaVendor.is_in_one",
        v2::destination::removable_media_vendor().is_in(["only"]),
    );
    put(
        "v2.destination.RemovableMediaVendor.not_in",
        v2::destination::removable_media_vendor().not_in(["b", "a"]),
    );
    put(
        "v2.destination.RemovableMediaVendor.exists",
        v2::destination::removable_media_vendor().exists(),
    );
    put(
        "v2.destination.RemovableMediaVendor.not_exists",
        v2::destination::removable_media_vendor().not_exists(),
    );
    put(
        "v2.destination.RemovableMediaVolumeName.eq",
        v2::destination::removable_media_volume_name().eq("x1"),
    );
    put(
        "v2.destination.RemovableMediaVolumeName.not_eq",
        v2::destination::removable_media_volume_name().not_eq("x2"),
    );
    put(
        "v2.destination.RemovableMediaVolumeName.is_in",
        v2::destination::removable_media_volume_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.RemovableMediaVolumeName.is_in_one",
        v2::destination::removable_media_volume_name().is_in(["only"]),
    );
    put(
        "v2.destination.RemovableMediaVolumeName.not_in",
        v2::destination::removable_media_volume_name().not_in(["b", "a"]),
    );
    put(
        "v2.destination.RemovableMediaVolumeName.exists",
        v2::destination::removable_media_volume_name().exists(),
    );
    put(
        "v2.destination.RemovableMediaVolumeName.not_exists",
        v2::destination::removable_media_volume_name().not_exists(),
    );
    put(
        "v2.destination.TabTitleErrors.eq",
        v2::destination::tab_title_errors().eq("x1"),
    );
    put(
        "v2.destination.TabTitleErrors.not_eq",
        v2::destination::tab_title_errors().not_eq("x2"),
    );
    put(
        "v2.destination.TabTitleErrors.is_in",
        v2::destination::tab_title_errors().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.TabTitleErrors.is_in_one",
        v2::destination::tab_title_errors().is_in(["only"]),
    );
    put(
        "v2.destination.TabTitleErrors.not_in",
        v2::destination::tab_title_errors().not_in(["b", "a"]),
    );
    put(
        "v2.destination.TabTitleErrors.exists",
        v2::destination::tab_title_errors().exists(),
    );
    put(
        "v2.destination.TabTitleErrors.not_exists",
        v2::destination::tab_title_errors().not_exists(),
    );
    put(
        "v2.destination.TabTitles.eq",
        v2::destination::tab_titles().eq("x1"),
    );
    put(
        "v2.destination.TabTitles.not_eq",
        v2::destination::tab_titles().not_eq("x2"),
    );
    put(
        "v2.destination.TabTitles.is_in",
        v2::destination::tab_titles().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.TabTitles.is_in_one",
        v2::destination::tab_titles().is_in(["only"]),
    );
    put(
        "v2.destination.TabTitles.not_in",
        v2::destination::tab_titles().not_in(["b", "a"]),
    );
    put(
        "v2.destination.TabTitles.exists",
        v2::destination::tab_titles().exists(),
    );
    put(
        "v2.destination.TabTitles.not_exists",
        v2::destination::tab_titles().not_exists(),
    );
    put(
        "v2.destination.TabUrlErrors.eq",
        v2::destination::tab_url_errors().eq("x1"),
    );
    put(
        "v2.destination.TabUrlErrors.not_eq",
        v2::destination::tab_url_errors().not_eq("x2"),
    );
    put(
        "v2.destination.TabUrlErrors.is_in",
        v2::destination::tab_url_errors().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.TabUrlErrors.is_in_one",
        v2::destination::tab_url_errors().is_in(["only"]),
    );
    put(
        "v2.destination.TabUrlErrors.not_in",
        v2::destination::tab_url_errors().not_in(["b", "a"]),
    );
    put(
        "v2.destination.TabUrlErrors.exists",
        v2::destination::tab_url_errors().exists(),
    );
    put(
        "v2.destination.TabUrlErrors.not_exists",
        v2::destination::tab_url_errors().not_exists(),
    );
    put(
        "v2.destination.TabUrls.eq",
        v2::destination::tab_urls().eq("x1"),
    );
    put(
        "v2.destination.TabUrls.not_eq",
        v2::destination::tab_urls().not_eq("x2"),
    );
    put(
        "v2.destination.TabUrls.is_in",
        v2::destination::tab_urls().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.TabUrls.is_in_one",
        v2::destination::tab_urls().is_in(["only"]),
    );
    put(
        "v2.destination.TabUrls.not_in",
        v2::destination::tab_urls().not_in(["b", "a"]),
    );
    put(
        "v2.destination.TabUrls.exists",
        v2::destination::tab_urls().exists(),
    );
    put(
        "v2.destination.TabUrls.not_exists",
        v2::destination::tab_urls().not_exists(),
    );
    put(
        "v2.destination.UserEmail.eq",
        v2::destination::user_email().eq("x1"),
    );
    put(
        "v2.destination.UserEmail.not_eq",
        v2::destination::user_email().not_eq("x2"),
    );
    put(
        "v2.destination.UserEmail.is_in",
        v2::destination::user_email().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.destination.UserEmail.is_in_one",
        v2::destination::user_email().is_in(["only"]),
    );
    put(
        "v2.destination.UserEmail.not_in",
        v2::destination::user_email().not_in(["b", "a"]),
    );
    put(
        "v2.destination.UserEmail.exists",
        v2::destination::user_email().exists(),
    );
    put(
        "v2.destination.UserEmail.not_exists",
        v2::destination::user_email().not_exists(),
    );
    put(
        "v2.event.Action.eq",
        v2::event::action().eq(fe::EventAction::from("x1")),
    );
    put(
        "v2.event.Action.not_eq",
        v2::event::action().not_eq(fe::EventAction::from("x2")),
    );
    put(
        "v2.event.Action.is_in",
        v2::event::action().is_in(["b", "a b", "b"].map(fe::EventAction::from)),
    );
    put(
        "v2.event.Action.is_in_one",
        v2::event::action().is_in(["only"].map(fe::EventAction::from)),
    );
    put(
        "v2.event.Action.not_in",
        v2::event::action().not_in(["b", "a"].map(fe::EventAction::from)),
    );
    put("v2.event.Action.exists", v2::event::action().exists());
    put(
        "v2.event.Action.not_exists",
        v2::event::action().not_exists(),
    );
    put("v2.event.Id.eq", v2::event::id().eq("x1"));
    put("v2.event.Id.not_eq", v2::event::id().not_eq("x2"));
    put(
        "v2.event.Id.is_in",
        v2::event::id().is_in(["b", "a b", "b"]),
    );
    put("v2.event.Id.is_in_one", v2::event::id().is_in(["only"]));
    put("v2.event.Id.not_in", v2::event::id().not_in(["b", "a"]));
    put("v2.event.Id.exists", v2::event::id().exists());
    put("v2.event.Id.not_exists", v2::event::id().not_exists());
    put(
        "v2.event.Inserted.on_or_after",
        v2::event::inserted().on_or_after(T1),
    );
    put(
        "v2.event.Inserted.on_or_before",
        v2::event::inserted().on_or_before(T1),
    );
    put(
        "v2.event.Inserted.in_range",
        v2::event::inserted().in_range(T1, T2),
    );
    put(
        "v2.event.Inserted.on_same_day",
        v2::event::inserted().on_same_day(DAY),
    );
    put(
        "v2.event.Inserted.within_the_last",
        v2::event::inserted().within_the_last(WithinTheLast::SevenDays),
    );
    put(
        "v2.event.Observer.eq",
        v2::event::observer().eq(fe::EventObserver::from("x1")),
    );
    put(
        "v2.event.Observer.not_eq",
        v2::event::observer().not_eq(fe::EventObserver::from("x2")),
    );
    put(
        "v2.event.Observer.is_in",
        v2::event::observer().is_in(["b", "a b", "b"].map(fe::EventObserver::from)),
    );
    put(
        "v2.event.Observer.is_in_one",
        v2::event::observer().is_in(["only"].map(fe::EventObserver::from)),
    );
    put(
        "v2.event.Observer.not_in",
        v2::event::observer().not_in(["b", "a"].map(fe::EventObserver::from)),
    );
    put("v2.event.Observer.exists", v2::event::observer().exists());
    put(
        "v2.event.Observer.not_exists",
        v2::event::observer().not_exists(),
    );
    put(
        "v2.event.ShareType.eq",
        v2::event::share_type().eq(fe::ShareType::from("x1")),
    );
    put(
        "v2.event.ShareType.not_eq",
        v2::event::share_type().not_eq(fe::ShareType::from("x2")),
    );
    put(
        "v2.event.ShareType.is_in",
        v2::event::share_type().is_in(["b", "a b", "b"].map(fe::ShareType::from)),
    );
    put(
        "v2.event.ShareType.is_in_one",
        v2::event::share_type().is_in(["only"].map(fe::ShareType::from)),
    );
    put(
        "v2.event.ShareType.not_in",
        v2::event::share_type().not_in(["b", "a"].map(fe::ShareType::from)),
    );
    put(
        "v2.event.ShareType.exists",
        v2::event::share_type().exists(),
    );
    put(
        "v2.event.ShareType.not_exists",
        v2::event::share_type().not_exists(),
    );
    put(
        "v2.file.Category.eq",
        v2::file::category().eq(fe::FileCategory::from("x1")),
    );
    put(
        "v2.file.Category.not_eq",
        v2::file::category().not_eq(fe::FileCategory::from("x2")),
    );
    put(
        "v2.file.Category.is_in",
        v2::file::category().is_in(["b", "a b", "b"].map(fe::FileCategory::from)),
    );
    put(
        "v2.file.Category.is_in_one",
        v2::file::category().is_in(["only"].map(fe::FileCategory::from)),
    );
    put(
        "v2.file.Category.not_in",
        v2::file::category().not_in(["b", "a"].map(fe::FileCategory::from)),
    );
    put("v2.file.Category.exists", v2::file::category().exists());
    put(
        "v2.file.Category.not_exists",
        v2::file::category().not_exists(),
    );
    put(
        "v2.file.CategoryByBytes.eq",
        v2::file::category_by_bytes().eq(fe::FileCategory::from("x1")),
    );
    put(
        "v2.file.CategoryByBytes.not_eq",
        v2::file::category_by_bytes().not_eq(fe::FileCategory::from("x2")),
    );
    put(
        "v2.file.CategoryByBytes.is_in",
        v2::file::category_by_bytes().is_in(["b", "a b", "b"].map(fe::FileCategory::from)),
    );
    put(
        "v2.file.CategoryByBytes.is_in_one",
        v2::file::category_by_bytes().is_in(["only"].map(fe::FileCategory::from)),
    );
    put(
        "v2.file.CategoryByBytes.not_in",
        v2::file::category_by_bytes().not_in(["b", "a"].map(fe::FileCategory::from)),
    );
    put(
        "v2.file.CategoryByBytes.exists",
        v2::file::category_by_bytes().exists(),
    );
    put(
        "v2.file.CategoryByBytes.not_exists",
        v2::file::category_by_bytes().not_exists(),
    );
    put(
        "v2.file.CategoryByExtension.eq",
        v2::file::category_by_extension().eq(fe::FileCategory::from("x1")),
    );
    put(
        "v2.file.CategoryByExtension.not_eq",
        v2::file::category_by_extension().not_eq(fe::FileCategory::from("x2")),
    );
    put(
        "v2.file.CategoryByExtension.is_in",
        v2::file::category_by_extension().is_in(["b", "a b", "b"].map(fe::FileCategory::from)),
    );
    put(
        "v2.file.CategoryByExtension.is_in_one",
        v2::file::category_by_extension().is_in(["only"].map(fe::FileCategory::from)),
    );
    put(
        "v2.file.CategoryByExtension.not_in",
        v2::file::category_by_extension().not_in(["b", "a"].map(fe::FileCategory::from)),
    );
    put(
        "v2.file.CategoryByExtension.exists",
        v2::file::category_by_extension().exists(),
    );
    put(
        "v2.file.CategoryByExtension.not_exists",
        v2::file::category_by_extension().not_exists(),
    );
    put(
        "v2.file.Classification.eq",
        v2::file::classification().eq("x1"),
    );
    put(
        "v2.file.Classification.not_eq",
        v2::file::classification().not_eq("x2"),
    );
    put(
        "v2.file.Classification.is_in",
        v2::file::classification().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.file.Classification.is_in_one",
        v2::file::classification().is_in(["only"]),
    );
    put(
        "v2.file.Classification.not_in",
        v2::file::classification().not_in(["b", "a"]),
    );
    put(
        "v2.file.Classification.exists",
        v2::file::classification().exists(),
    );
    put(
        "v2.file.Classification.not_exists",
        v2::file::classification().not_exists(),
    );
    put(
        "v2.file.CloudDriveId.eq",
        v2::file::cloud_drive_id().eq("x1"),
    );
    put(
        "v2.file.CloudDriveId.not_eq",
        v2::file::cloud_drive_id().not_eq("x2"),
    );
    put(
        "v2.file.CloudDriveId.is_in",
        v2::file::cloud_drive_id().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.file.CloudDriveId.is_in_one",
        v2::file::cloud_drive_id().is_in(["only"]),
    );
    put(
        "v2.file.CloudDriveId.not_in",
        v2::file::cloud_drive_id().not_in(["b", "a"]),
    );
    put(
        "v2.file.CloudDriveId.exists",
        v2::file::cloud_drive_id().exists(),
    );
    put(
        "v2.file.CloudDriveId.not_exists",
        v2::file::cloud_drive_id().not_exists(),
    );
    put(
        "v2.file.Created.on_or_after",
        v2::file::created().on_or_after(T1),
    );
    put(
        "v2.file.Created.on_or_before",
        v2::file::created().on_or_before(T1),
    );
    put(
        "v2.file.Created.in_range",
        v2::file::created().in_range(T1, T2),
    );
    put(
        "v2.file.Created.on_same_day",
        v2::file::created().on_same_day(DAY),
    );
    put(
        "v2.file.Created.within_the_last",
        v2::file::created().within_the_last(WithinTheLast::SevenDays),
    );
    put("v2.file.Directory.eq", v2::file::directory().eq("x1"));
    put(
        "v2.file.Directory.not_eq",
        v2::file::directory().not_eq("x2"),
    );
    put(
        "v2.file.Directory.is_in",
        v2::file::directory().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.file.Directory.is_in_one",
        v2::file::directory().is_in(["only"]),
    );
    put(
        "v2.file.Directory.not_in",
        v2::file::directory().not_in(["b", "a"]),
    );
    put("v2.file.Directory.exists", v2::file::directory().exists());
    put(
        "v2.file.Directory.not_exists",
        v2::file::directory().not_exists(),
    );
    put("v2.file.DirectoryId.eq", v2::file::directory_id().eq("x1"));
    put(
        "v2.file.DirectoryId.not_eq",
        v2::file::directory_id().not_eq("x2"),
    );
    put(
        "v2.file.DirectoryId.is_in",
        v2::file::directory_id().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.file.DirectoryId.is_in_one",
        v2::file::directory_id().is_in(["only"]),
    );
    put(
        "v2.file.DirectoryId.not_in",
        v2::file::directory_id().not_in(["b", "a"]),
    );
    put(
        "v2.file.DirectoryId.exists",
        v2::file::directory_id().exists(),
    );
    put(
        "v2.file.DirectoryId.not_exists",
        v2::file::directory_id().not_exists(),
    );
    put("v2.file.Id.eq", v2::file::id().eq("x1"));
    put("v2.file.Id.not_eq", v2::file::id().not_eq("x2"));
    put("v2.file.Id.is_in", v2::file::id().is_in(["b", "a b", "b"]));
    put("v2.file.Id.is_in_one", v2::file::id().is_in(["only"]));
    put("v2.file.Id.not_in", v2::file::id().not_in(["b", "a"]));
    put("v2.file.Id.exists", v2::file::id().exists());
    put("v2.file.Id.not_exists", v2::file::id().not_exists());
    put("v2.file.MD5.eq", v2::file::md5().eq("x1"));
    put("v2.file.MD5.not_eq", v2::file::md5().not_eq("x2"));
    put(
        "v2.file.MD5.is_in",
        v2::file::md5().is_in(["b", "a b", "b"]),
    );
    put("v2.file.MD5.is_in_one", v2::file::md5().is_in(["only"]));
    put("v2.file.MD5.not_in", v2::file::md5().not_in(["b", "a"]));
    put("v2.file.MD5.exists", v2::file::md5().exists());
    put("v2.file.MD5.not_exists", v2::file::md5().not_exists());
    put(
        "v2.file.MimeTypeByBytes.eq",
        v2::file::mime_type_by_bytes().eq("x1"),
    );
    put(
        "v2.file.MimeTypeByBytes.not_eq",
        v2::file::mime_type_by_bytes().not_eq("x2"),
    );
    put(
        "v2.file.MimeTypeByBytes.is_in",
        v2::file::mime_type_by_bytes().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.file.MimeTypeByBytes.is_in_one",
        v2::file::mime_type_by_bytes().is_in(["only"]),
    );
    put(
        "v2.file.MimeTypeByBytes.not_in",
        v2::file::mime_type_by_bytes().not_in(["b", "a"]),
    );
    put(
        "v2.file.MimeTypeByBytes.exists",
        v2::file::mime_type_by_bytes().exists(),
    );
    put(
        "v2.file.MimeTypeByBytes.not_exists",
        v2::file::mime_type_by_bytes().not_exists(),
    );
    put(
        "v2.file.MimeTypeByExtension.eq",
        v2::file::mime_type_by_extension().eq("x1"),
    );
    put(
        "v2.file.MimeTypeByExtension.not_eq",
        v2::file::mime_type_by_extension().not_eq("x2"),
    );
    put(
        "v2.file.MimeTypeByExtension.is_in",
        v2::file::mime_type_by_extension().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.file.MimeTypeByExtension.is_in_one",
        v2::file::mime_type_by_extension().is_in(["only"]),
    );
    put(
        "v2.file.MimeTypeByExtension.not_in",
        v2::file::mime_type_by_extension().not_in(["b", "a"]),
    );
    put(
        "v2.file.MimeTypeByExtension.exists",
        v2::file::mime_type_by_extension().exists(),
    );
    put(
        "v2.file.MimeTypeByExtension.not_exists",
        v2::file::mime_type_by_extension().not_exists(),
    );
    put(
        "v2.file.Modified.on_or_after",
        v2::file::modified().on_or_after(T1),
    );
    put(
        "v2.file.Modified.on_or_before",
        v2::file::modified().on_or_before(T1),
    );
    put(
        "v2.file.Modified.in_range",
        v2::file::modified().in_range(T1, T2),
    );
    put(
        "v2.file.Modified.on_same_day",
        v2::file::modified().on_same_day(DAY),
    );
    put(
        "v2.file.Modified.within_the_last",
        v2::file::modified().within_the_last(WithinTheLast::SevenDays),
    );
    put("v2.file.Name.eq", v2::file::name().eq("x1"));
    put("v2.file.Name.not_eq", v2::file::name().not_eq("x2"));
    put(
        "v2.file.Name.is_in",
        v2::file::name().is_in(["b", "a b", "b"]),
    );
    put("v2.file.Name.is_in_one", v2::file::name().is_in(["only"]));
    put("v2.file.Name.not_in", v2::file::name().not_in(["b", "a"]));
    put("v2.file.Name.exists", v2::file::name().exists());
    put("v2.file.Name.not_exists", v2::file::name().not_exists());
    put("v2.file.Owner.eq", v2::file::owner().eq("x1"));
    put("v2.file.Owner.not_eq", v2::file::owner().not_eq("x2"));
    put(
        "v2.file.Owner.is_in",
        v2::file::owner().is_in(["b", "a b", "b"]),
    );
    put("v2.file.Owner.is_in_one", v2::file::owner().is_in(["only"]));
    put("v2.file.Owner.not_in", v2::file::owner().not_in(["b", "a"]));
    put("v2.file.Owner.exists", v2::file::owner().exists());
    put("v2.file.Owner.not_exists", v2::file::owner().not_exists());
    put("v2.file.SHA256.eq", v2::file::sha256().eq("x1"));
    put("v2.file.SHA256.not_eq", v2::file::sha256().not_eq("x2"));
    put(
        "v2.file.SHA256.is_in",
        v2::file::sha256().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.file.SHA256.is_in_one",
        v2::file::sha256().is_in(["only"]),
    );
    put(
        "v2.file.SHA256.not_in",
        v2::file::sha256().not_in(["b", "a"]),
    );
    put("v2.file.SHA256.exists", v2::file::sha256().exists());
    put("v2.file.SHA256.not_exists", v2::file::sha256().not_exists());
    put(
        "v2.file.Size.greater_than",
        v2::file::size().greater_than(1024),
    );
    put("v2.file.Size.less_than", v2::file::size().less_than(7));
    put("v2.file.Url.eq", v2::file::url().eq("x1"));
    put("v2.file.Url.not_eq", v2::file::url().not_eq("x2"));
    put(
        "v2.file.Url.is_in",
        v2::file::url().is_in(["b", "a b", "b"]),
    );
    put("v2.file.Url.is_in_one", v2::file::url().is_in(["only"]));
    put("v2.file.Url.not_in", v2::file::url().not_in(["b", "a"]));
    put("v2.file.Url.exists", v2::file::url().exists());
    put("v2.file.Url.not_exists", v2::file::url().not_exists());
    put(
        "v2.process.Executable.eq",
        v2::process::executable().eq("x1"),
    );
    put(
        "v2.process.Executable.not_eq",
        v2::process::executable().not_eq("x2"),
    );
    put(
        "v2.process.Executable.is_in",
        v2::process::executable().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.process.Executable.is_in_one",
        v2::process::executable().is_in(["only"]),
    );
    put(
        "v2.process.Executable.not_in",
        v2::process::executable().not_in(["b", "a"]),
    );
    put(
        "v2.process.Executable.exists",
        v2::process::executable().exists(),
    );
    put(
        "v2.process.Executable.not_exists",
        v2::process::executable().not_exists(),
    );
    put("v2.process.Owner.eq", v2::process::owner().eq("x1"));
    put("v2.process.Owner.not_eq", v2::process::owner().not_eq("x2"));
    put(
        "v2.process.Owner.is_in",
        v2::process::owner().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.process.Owner.is_in_one",
        v2::process::owner().is_in(["only"]),
    );
    put(
        "v2.process.Owner.not_in",
        v2::process::owner().not_in(["b", "a"]),
    );
    put("v2.process.Owner.exists", v2::process::owner().exists());
    put(
        "v2.process.Owner.not_exists",
        v2::process::owner().not_exists(),
    );
    put("v2.report.Count.eq", v2::report::count().eq("x1"));
    put("v2.report.Count.not_eq", v2::report::count().not_eq("x2"));
    put(
        "v2.report.Count.is_in",
        v2::report::count().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.report.Count.is_in_one",
        v2::report::count().is_in(["only"]),
    );
    put(
        "v2.report.Count.not_in",
        v2::report::count().not_in(["b", "a"]),
    );
    put("v2.report.Count.exists", v2::report::count().exists());
    put(
        "v2.report.Count.not_exists",
        v2::report::count().not_exists(),
    );
    put(
        "v2.report.Count.greater_than",
        v2::report::count().greater_than(1024),
    );
    put(
        "v2.report.Count.less_than",
        v2::report::count().less_than(7),
    );
    put(
        "v2.report.Description.eq",
        v2::report::description().eq("x1"),
    );
    put(
        "v2.report.Description.not_eq",
        v2::report::description().not_eq("x2"),
    );
    put(
        "v2.report.Description.is_in",
        v2::report::description().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.report.Description.is_in_one",
        v2::report::description().is_in(["only"]),
    );
    put(
        "v2.report.Description.not_in",
        v2::report::description().not_in(["b", "a"]),
    );
    put(
        "v2.report.Description.exists",
        v2::report::description().exists(),
    );
    put(
        "v2.report.Description.not_exists",
        v2::report::description().not_exists(),
    );
    put("v2.report.Headers.eq", v2::report::headers().eq("x1"));
    put(
        "v2.report.Headers.not_eq",
        v2::report::headers().not_eq("x2"),
    );
    put(
        "v2.report.Headers.is_in",
        v2::report::headers().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.report.Headers.is_in_one",
        v2::report::headers().is_in(["only"]),
    );
    put(
        "v2.report.Headers.not_in",
        v2::report::headers().not_in(["b", "a"]),
    );
    put("v2.report.Headers.exists", v2::report::headers().exists());
    put(
        "v2.report.Headers.not_exists",
        v2::report::headers().not_exists(),
    );
    put("v2.report.ID.eq", v2::report::id().eq("x1"));
    put("v2.report.ID.not_eq", v2::report::id().not_eq("x2"));
    put(
        "v2.report.ID.is_in",
        v2::report::id().is_in(["b", "a b", "b"]),
    );
    put("v2.report.ID.is_in_one", v2::report::id().is_in(["only"]));
    put("v2.report.ID.not_in", v2::report::id().not_in(["b", "a"]));
    put("v2.report.ID.exists", v2::report::id().exists());
    put("v2.report.ID.not_exists", v2::report::id().not_exists());
    put("v2.report.Name.eq", v2::report::name().eq("x1"));
    put("v2.report.Name.not_eq", v2::report::name().not_eq("x2"));
    put(
        "v2.report.Name.is_in",
        v2::report::name().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.report.Name.is_in_one",
        v2::report::name().is_in(["only"]),
    );
    put(
        "v2.report.Name.not_in",
        v2::report::name().not_in(["b", "a"]),
    );
    put("v2.report.Name.exists", v2::report::name().exists());
    put("v2.report.Name.not_exists", v2::report::name().not_exists());
    put(
        "v2.report.Type.eq",
        v2::report::report_type().eq(fe::ReportType::from("x1")),
    );
    put(
        "v2.report.Type.not_eq",
        v2::report::report_type().not_eq(fe::ReportType::from("x2")),
    );
    put(
        "v2.report.Type.is_in",
        v2::report::report_type().is_in(["b", "a b", "b"].map(fe::ReportType::from)),
    );
    put(
        "v2.report.Type.is_in_one",
        v2::report::report_type().is_in(["only"].map(fe::ReportType::from)),
    );
    put(
        "v2.report.Type.not_in",
        v2::report::report_type().not_in(["b", "a"].map(fe::ReportType::from)),
    );
    put("v2.report.Type.exists", v2::report::report_type().exists());
    put(
        "v2.report.Type.not_exists",
        v2::report::report_type().not_exists(),
    );
    put(
        "v2.risk.Indicators.eq",
        v2::risk::indicators().eq(fe::RiskIndicatorName::from("x1")),
    );
    put(
        "v2.risk.Indicators.not_eq",
        v2::risk::indicators().not_eq(fe::RiskIndicatorName::from("x2")),
    );
    put(
        "v2.risk.Indicators.is_in",
        v2::risk::indicators().is_in(["b", "a b", "b"].map(fe::RiskIndicatorName::from)),
    );
    put(
        "v2.risk.Indicators.is_in_one",
        v2::risk::indicators().is_in(["only"].map(fe::RiskIndicatorName::from)),
    );
    put(
        "v2.risk.Indicators.not_in",
        v2::risk::indicators().not_in(["b", "a"].map(fe::RiskIndicatorName::from)),
    );
    put("v2.risk.Indicators.exists", v2::risk::indicators().exists());
    put(
        "v2.risk.Indicators.not_exists",
        v2::risk::indicators().not_exists(),
    );
    put(
        "v2.risk.IndicatorsWeight.eq",
        v2::risk::indicators_weight().eq("x1"),
    );
    put(
        "v2.risk.IndicatorsWeight.not_eq",
        v2::risk::indicators_weight().not_eq("x2"),
    );
    put(
        "v2.risk.IndicatorsWeight.is_in",
        v2::risk::indicators_weight().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.risk.IndicatorsWeight.is_in_one",
        v2::risk::indicators_weight().is_in(["only"]),
    );
    put(
        "v2.risk.IndicatorsWeight.not_in",
        v2::risk::indicators_weight().not_in(["b", "a"]),
    );
    put(
        "v2.risk.IndicatorsWeight.greater_than",
        v2::risk::indicators_weight().greater_than(1024),
    );
    put(
        "v2.risk.IndicatorsWeight.less_than",
        v2::risk::indicators_weight().less_than(7),
    );
    put("v2.risk.Score.eq", v2::risk::score().eq("x1"));
    put("v2.risk.Score.not_eq", v2::risk::score().not_eq("x2"));
    put(
        "v2.risk.Score.is_in",
        v2::risk::score().is_in(["b", "a b", "b"]),
    );
    put("v2.risk.Score.is_in_one", v2::risk::score().is_in(["only"]));
    put("v2.risk.Score.not_in", v2::risk::score().not_in(["b", "a"]));
    put(
        "v2.risk.Score.greater_than",
        v2::risk::score().greater_than(1024),
    );
    put("v2.risk.Score.less_than", v2::risk::score().less_than(7));
    put(
        "v2.risk.Severity.eq",
        v2::risk::severity().eq(fe::RiskSeverity::from("x1")),
    );
    put(
        "v2.risk.Severity.not_eq",
        v2::risk::severity().not_eq(fe::RiskSeverity::from("x2")),
    );
    put(
        "v2.risk.Severity.is_in",
        v2::risk::severity().is_in(["b", "a b", "b"].map(fe::RiskSeverity::from)),
    );
    put(
        "v2.risk.Severity.is_in_one",
        v2::risk::severity().is_in(["only"].map(fe::RiskSeverity::from)),
    );
    put(
        "v2.risk.Severity.not_in",
        v2::risk::severity().not_in(["b", "a"].map(fe::RiskSeverity::from)),
    );
    put("v2.risk.Severity.exists", v2::risk::severity().exists());
    put(
        "v2.risk.Severity.not_exists",
        v2::risk::severity().not_exists(),
    );
    put(
        "v2.risk.TrustReason.eq",
        v2::risk::trust_reason().eq(fe::TrustReason::from("x1")),
    );
    put(
        "v2.risk.TrustReason.not_eq",
        v2::risk::trust_reason().not_eq(fe::TrustReason::from("x2")),
    );
    put(
        "v2.risk.TrustReason.is_in",
        v2::risk::trust_reason().is_in(["b", "a b", "b"].map(fe::TrustReason::from)),
    );
    put(
        "v2.risk.TrustReason.is_in_one",
        v2::risk::trust_reason().is_in(["only"].map(fe::TrustReason::from)),
    );
    put(
        "v2.risk.TrustReason.not_in",
        v2::risk::trust_reason().not_in(["b", "a"].map(fe::TrustReason::from)),
    );
    put("v2.risk.Trusted.is_true", v2::risk::trusted().is_true());
    put("v2.risk.Trusted.is_false", v2::risk::trusted().is_false());
    put(
        "v2.source.Category.eq",
        v2::source::category().eq(fe::SourceCategory::from("x1")),
    );
    put(
        "v2.source.Category.not_eq",
        v2::source::category().not_eq(fe::SourceCategory::from("x2")),
    );
    put(
        "v2.source.Category.is_in",
        v2::source::category().is_in(["b", "a b", "b"].map(fe::SourceCategory::from)),
    );
    put(
        "v2.source.Category.is_in_one",
        v2::source::category().is_in(["only"].map(fe::SourceCategory::from)),
    );
    put(
        "v2.source.Category.not_in",
        v2::source::category().not_in(["b", "a"].map(fe::SourceCategory::from)),
    );
    put("v2.source.Category.exists", v2::source::category().exists());
    put(
        "v2.source.Category.not_exists",
        v2::source::category().not_exists(),
    );
    put("v2.source.Domain.eq", v2::source::domain().eq("x1"));
    put("v2.source.Domain.not_eq", v2::source::domain().not_eq("x2"));
    put(
        "v2.source.Domain.is_in",
        v2::source::domain().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.Domain.is_in_one",
        v2::source::domain().is_in(["only"]),
    );
    put(
        "v2.source.Domain.not_in",
        v2::source::domain().not_in(["b", "a"]),
    );
    put("v2.source.Domain.exists", v2::source::domain().exists());
    put(
        "v2.source.Domain.not_exists",
        v2::source::domain().not_exists(),
    );
    put("v2.source.EmailFrom.eq", v2::source::email_from().eq("x1"));
    put(
        "v2.source.EmailFrom.not_eq",
        v2::source::email_from().not_eq("x2"),
    );
    put(
        "v2.source.EmailFrom.is_in",
        v2::source::email_from().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.EmailFrom.is_in_one",
        v2::source::email_from().is_in(["only"]),
    );
    put(
        "v2.source.EmailFrom.not_in",
        v2::source::email_from().not_in(["b", "a"]),
    );
    put(
        "v2.source.EmailSender.eq",
        v2::source::email_sender().eq("x1"),
    );
    put(
        "v2.source.EmailSender.not_eq",
        v2::source::email_sender().not_eq("x2"),
    );
    put(
        "v2.source.EmailSender.is_in",
        v2::source::email_sender().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.EmailSender.is_in_one",
        v2::source::email_sender().is_in(["only"]),
    );
    put(
        "v2.source.EmailSender.not_in",
        v2::source::email_sender().not_in(["b", "a"]),
    );
    put("v2.source.IpAddress.eq", v2::source::ip_address().eq("x1"));
    put(
        "v2.source.IpAddress.not_eq",
        v2::source::ip_address().not_eq("x2"),
    );
    put(
        "v2.source.IpAddress.is_in",
        v2::source::ip_address().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.IpAddress.is_in_one",
        v2::source::ip_address().is_in(["only"]),
    );
    put(
        "v2.source.IpAddress.not_in",
        v2::source::ip_address().not_in(["b", "a"]),
    );
    put(
        "v2.source.IpAddress.exists",
        v2::source::ip_address().exists(),
    );
    put(
        "v2.source.IpAddress.not_exists",
        v2::source::ip_address().not_exists(),
    );
    put("v2.source.Name.eq", v2::source::name().eq("x1"));
    put("v2.source.Name.not_eq", v2::source::name().not_eq("x2"));
    put(
        "v2.source.Name.is_in",
        v2::source::name().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.Name.is_in_one",
        v2::source::name().is_in(["only"]),
    );
    put(
        "v2.source.Name.not_in",
        v2::source::name().not_in(["b", "a"]),
    );
    put("v2.source.Name.exists", v2::source::name().exists());
    put("v2.source.Name.not_exists", v2::source::name().not_exists());
    put(
        "v2.source.OperatingSystem.eq",
        v2::source::operating_system().eq("x1"),
    );
    put(
        "v2.source.OperatingSystem.not_eq",
        v2::source::operating_system().not_eq("x2"),
    );
    put(
        "v2.source.OperatingSystem.is_in",
        v2::source::operating_system().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.OperatingSystem.is_in_one",
        v2::source::operating_system().is_in(["only"]),
    );
    put(
        "v2.source.OperatingSystem.not_in",
        v2::source::operating_system().not_in(["b", "a"]),
    );
    put(
        "v2.source.OperatingSystem.exists",
        v2::source::operating_system().exists(),
    );
    put(
        "v2.source.OperatingSystem.not_exists",
        v2::source::operating_system().not_exists(),
    );
    put(
        "v2.source.PrivateIpAddress.eq",
        v2::source::private_ip_address().eq("x1"),
    );
    put(
        "v2.source.PrivateIpAddress.not_eq",
        v2::source::private_ip_address().not_eq("x2"),
    );
    put(
        "v2.source.PrivateIpAddress.is_in",
        v2::source::private_ip_address().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.PrivateIpAddress.is_in_one",
        v2::source::private_ip_address().is_in(["only"]),
    );
    put(
        "v2.source.PrivateIpAddress.not_in",
        v2::source::private_ip_address().not_in(["b", "a"]),
    );
    put(
        "v2.source.PrivateIpAddress.exists",
        v2::source::private_ip_address().exists(),
    );
    put(
        "v2.source.PrivateIpAddress.not_exists",
        v2::source::private_ip_address().not_exists(),
    );
    put(
        "v2.source.RemovableMediaBusType.eq",
        v2::source::removable_media_bus_type().eq("x1"),
    );
    put(
        "v2.source.RemovableMediaBusType.not_eq",
        v2::source::removable_media_bus_type().not_eq("x2"),
    );
    put(
        "v2.source.RemovableMediaBusType.is_in",
        v2::source::removable_media_bus_type().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.RemovableMediaBusType.is_in_one",
        v2::source::removable_media_bus_type().is_in(["only"]),
    );
    put(
        "v2.source.RemovableMediaBusType.not_in",
        v2::source::removable_media_bus_type().not_in(["b", "a"]),
    );
    put(
        "v2.source.RemovableMediaBusType.exists",
        v2::source::removable_media_bus_type().exists(),
    );
    put(
        "v2.source.RemovableMediaBusType.not_exists",
        v2::source::removable_media_bus_type().not_exists(),
    );
    put(
        "v2.source.RemovableMediaCapacity.eq",
        v2::source::removable_media_capacity().eq("x1"),
    );
    put(
        "v2.source.RemovableMediaCapacity.not_eq",
        v2::source::removable_media_capacity().not_eq("x2"),
    );
    put(
        "v2.source.RemovableMediaCapacity.is_in",
        v2::source::removable_media_capacity().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.RemovableMediaCapacity.is_in_one",
        v2::source::removable_media_capacity().is_in(["only"]),
    );
    put(
        "v2.source.RemovableMediaCapacity.not_in",
        v2::source::removable_media_capacity().not_in(["b", "a"]),
    );
    put(
        "v2.source.RemovableMediaCapacity.exists",
        v2::source::removable_media_capacity().exists(),
    );
    put(
        "v2.source.RemovableMediaCapacity.not_exists",
        v2::source::removable_media_capacity().not_exists(),
    );
    put(
        "v2.source.RemovableMediaMediaName.eq",
        v2::source::removable_media_media_name().eq("x1"),
    );
    put(
        "v2.source.RemovableMediaMediaName.not_eq",
        v2::source::removable_media_media_name().not_eq("x2"),
    );
    put(
        "v2.source.RemovableMediaMediaName.is_in",
        v2::source::removable_media_media_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.RemovableMediaMediaName.is_in_one",
        v2::source::removable_media_media_name().is_in(["only"]),
    );
    put(
        "v2.source.RemovableMediaMediaName.not_in",
        v2::source::removable_media_media_name().not_in(["b", "a"]),
    );
    put(
        "v2.source.RemovableMediaMediaName.exists",
        v2::source::removable_media_media_name().exists(),
    );
    put(
        "v2.source.RemovableMediaMediaName.not_exists",
        v2::source::removable_media_media_name().not_exists(),
    );
    put(
        "v2.source.RemovableMediaName.eq",
        v2::source::removable_media_name().eq("x1"),
    );
    put(
        "v2.source.RemovableMediaName.not_eq",
        v2::source::removable_media_name().not_eq("x2"),
    );
    put(
        "v2.source.RemovableMediaName.is_in",
        v2::source::removable_media_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.RemovableMediaName.is_in_one",
        v2::source::removable_media_name().is_in(["only"]),
    );
    put(
        "v2.source.RemovableMediaName.not_in",
        v2::source::removable_media_name().not_in(["b", "a"]),
    );
    put(
        "v2.source.RemovableMediaName.exists",
        v2::source::removable_media_name().exists(),
    );
    put(
        "v2.source.RemovableMediaName.not_exists",
        v2::source::removable_media_name().not_exists(),
    );
    put(
        "v2.source.RemovableMediaPartitionID.eq",
        v2::source::removable_media_partition_id().eq("x1"),
    );
    put(
        "v2.source.RemovableMediaPartitionID.not_eq",
        v2::source::removable_media_partition_id().not_eq("x2"),
    );
    put(
        "v2.source.RemovableMediaPartitionID.is_in",
        v2::source::removable_media_partition_id().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.RemovableMediaPartitionID.is_in_one",
        v2::source::removable_media_partition_id().is_in(["only"]),
    );
    put(
        "v2.source.RemovableMediaPartitionID.not_in",
        v2::source::removable_media_partition_id().not_in(["b", "a"]),
    );
    put(
        "v2.source.RemovableMediaPartitionID.exists",
        v2::source::removable_media_partition_id().exists(),
    );
    put(
        "v2.source.RemovableMediaPartitionID.not_exists",
        v2::source::removable_media_partition_id().not_exists(),
    );
    put(
        "v2.source.RemovableMediaSerialNumber.eq",
        v2::source::removable_media_serial_number().eq("x1"),
    );
    put(
        "v2.source.RemovableMediaSerialNumber.not_eq",
        v2::source::removable_media_serial_number().not_eq("x2"),
    );
    put(
        "v2.source.RemovableMediaSerialNumber.is_in",
        v2::source::removable_media_serial_number().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.RemovableMediaSerialNumber.is_in_one",
        v2::source::removable_media_serial_number().is_in(["only"]),
    );
    put(
        "v2.source.RemovableMediaSerialNumber.not_in",
        v2::source::removable_media_serial_number().not_in(["b", "a"]),
    );
    put(
        "v2.source.RemovableMediaSerialNumber.exists",
        v2::source::removable_media_serial_number().exists(),
    );
    put(
        "v2.source.RemovableMediaSerialNumber.not_exists",
        v2::source::removable_media_serial_number().not_exists(),
    );
    put(
        "v2.source.RemovableMediaVendor.eq",
        v2::source::removable_media_vendor().eq("x1"),
    );
    put(
        "v2.source.RemovableMediaVendor.not_eq",
        v2::source::removable_media_vendor().not_eq("x2"),
    );
    put(
        "v2.source.RemovableMediaVendor.is_in",
        v2::source::removable_media_vendor().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.RemovableMediaVendor.is_in_one",
        v2::source::removable_media_vendor().is_in(["only"]),
    );
    put(
        "v2.source.RemovableMediaVendor.not_in",
        v2::source::removable_media_vendor().not_in(["b", "a"]),
    );
    put(
        "v2.source.RemovableMediaVendor.exists",
        v2::source::removable_media_vendor().exists(),
    );
    put(
        "v2.source.RemovableMediaVendor.not_exists",
        v2::source::removable_media_vendor().not_exists(),
    );
    put(
        "v2.source.RemovableMediaVolumeName.eq",
        v2::source::removable_media_volume_name().eq("x1"),
    );
    put(
        "v2.source.RemovableMediaVolumeName.not_eq",
        v2::source::removable_media_volume_name().not_eq("x2"),
    );
    put(
        "v2.source.RemovableMediaVolumeName.is_in",
        v2::source::removable_media_volume_name().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.RemovableMediaVolumeName.is_in_one",
        v2::source::removable_media_volume_name().is_in(["only"]),
    );
    put(
        "v2.source.RemovableMediaVolumeName.not_in",
        v2::source::removable_media_volume_name().not_in(["b", "a"]),
    );
    put(
        "v2.source.RemovableMediaVolumeName.exists",
        v2::source::removable_media_volume_name().exists(),
    );
    put(
        "v2.source.RemovableMediaVolumeName.not_exists",
        v2::source::removable_media_volume_name().not_exists(),
    );
    put(
        "v2.source.TabTitleErrors.eq",
        v2::source::tab_title_errors().eq("x1"),
    );
    put(
        "v2.source.TabTitleErrors.not_eq",
        v2::source::tab_title_errors().not_eq("x2"),
    );
    put(
        "v2.source.TabTitleErrors.is_in",
        v2::source::tab_title_errors().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.TabTitleErrors.is_in_one",
        v2::source::tab_title_errors().is_in(["only"]),
    );
    put(
        "v2.source.TabTitleErrors.not_in",
        v2::source::tab_title_errors().not_in(["b", "a"]),
    );
    put(
        "v2.source.TabTitleErrors.exists",
        v2::source::tab_title_errors().exists(),
    );
    put(
        "v2.source.TabTitleErrors.not_exists",
        v2::source::tab_title_errors().not_exists(),
    );
    put("v2.source.TabTitles.eq", v2::source::tab_titles().eq("x1"));
    put(
        "v2.source.TabTitles.not_eq",
        v2::source::tab_titles().not_eq("x2"),
    );
    put(
        "v2.source.TabTitles.is_in",
        v2::source::tab_titles().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.TabTitles.is_in_one",
        v2::source::tab_titles().is_in(["only"]),
    );
    put(
        "v2.source.TabTitles.not_in",
        v2::source::tab_titles().not_in(["b", "a"]),
    );
    put(
        "v2.source.TabTitles.exists",
        v2::source::tab_titles().exists(),
    );
    put(
        "v2.source.TabTitles.not_exists",
        v2::source::tab_titles().not_exists(),
    );
    put(
        "v2.source.TabUrlErrors.eq",
        v2::source::tab_url_errors().eq("x1"),
    );
    put(
        "v2.source.TabUrlErrors.not_eq",
        v2::source::tab_url_errors().not_eq("x2"),
    );
    put(
        "v2.source.TabUrlErrors.is_in",
        v2::source::tab_url_errors().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.TabUrlErrors.is_in_one",
        v2::source::tab_url_errors().is_in(["only"]),
    );
    put(
        "v2.source.TabUrlErrors.not_in",
        v2::source::tab_url_errors().not_in(["b", "a"]),
    );
    put(
        "v2.source.TabUrlErrors.exists",
        v2::source::tab_url_errors().exists(),
    );
    put(
        "v2.source.TabUrlErrors.not_exists",
        v2::source::tab_url_errors().not_exists(),
    );
    put("v2.source.TabUrls.eq", v2::source::tab_urls().eq("x1"));
    put(
        "v2.source.TabUrls.not_eq",
        v2::source::tab_urls().not_eq("x2"),
    );
    put(
        "v2.source.TabUrls.is_in",
        v2::source::tab_urls().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.source.TabUrls.is_in_one",
        v2::source::tab_urls().is_in(["only"]),
    );
    put(
        "v2.source.TabUrls.not_in",
        v2::source::tab_urls().not_in(["b", "a"]),
    );
    put("v2.source.TabUrls.exists", v2::source::tab_urls().exists());
    put(
        "v2.source.TabUrls.not_exists",
        v2::source::tab_urls().not_exists(),
    );
    put(
        "v2.timestamp.Timestamp.on_or_after",
        v2::timestamp::timestamp().on_or_after(T1),
    );
    put(
        "v2.timestamp.Timestamp.on_or_before",
        v2::timestamp::timestamp().on_or_before(T1),
    );
    put(
        "v2.timestamp.Timestamp.in_range",
        v2::timestamp::timestamp().in_range(T1, T2),
    );
    put(
        "v2.timestamp.Timestamp.on_same_day",
        v2::timestamp::timestamp().on_same_day(DAY),
    );
    put(
        "v2.timestamp.Timestamp.within_the_last",
        v2::timestamp::timestamp().within_the_last(WithinTheLast::SevenDays),
    );
    put("v2.user.DeviceUid.eq", v2::user::device_uid().eq("x1"));
    put(
        "v2.user.DeviceUid.not_eq",
        v2::user::device_uid().not_eq("x2"),
    );
    put(
        "v2.user.DeviceUid.is_in",
        v2::user::device_uid().is_in(["b", "a b", "b"]),
    );
    put(
        "v2.user.DeviceUid.is_in_one",
        v2::user::device_uid().is_in(["only"]),
    );
    put(
        "v2.user.DeviceUid.not_in",
        v2::user::device_uid().not_in(["b", "a"]),
    );
    put("v2.user.DeviceUid.exists", v2::user::device_uid().exists());
    put(
        "v2.user.DeviceUid.not_exists",
        v2::user::device_uid().not_exists(),
    );
    put("v2.user.Email.eq", v2::user::email().eq("x1"));
    put("v2.user.Email.not_eq", v2::user::email().not_eq("x2"));
    put(
        "v2.user.Email.is_in",
        v2::user::email().is_in(["b", "a b", "b"]),
    );
    put("v2.user.Email.is_in_one", v2::user::email().is_in(["only"]));
    put("v2.user.Email.not_in", v2::user::email().not_in(["b", "a"]));
    put("v2.user.Email.exists", v2::user::email().exists());
    put("v2.user.Email.not_exists", v2::user::email().not_exists());
    put("v2.user.Id.eq", v2::user::id().eq("x1"));
    put("v2.user.Id.not_eq", v2::user::id().not_eq("x2"));
    put("v2.user.Id.is_in", v2::user::id().is_in(["b", "a b", "b"]));
    put("v2.user.Id.is_in_one", v2::user::id().is_in(["only"]));
    put("v2.user.Id.not_in", v2::user::id().not_in(["b", "a"]));
    put("v2.user.Id.exists", v2::user::id().exists());
    put("v2.user.Id.not_exists", v2::user::id().not_exists());
    groups
}

fn with_prefix(prefix: &str) -> BTreeMap<String, Value> {
    every_term()
        .into_iter()
        .filter(|(k, _)| k.starts_with(prefix))
        .collect()
}

#[test]
fn every_v1_term() {
    insta::assert_json_snapshot!(with_prefix("v1."));
}

#[test]
fn every_v2_term() {
    insta::assert_json_snapshot!(with_prefix("v2."));
}

fn group_json(group: FilterGroup) -> Value {
    group.validate().unwrap();
    serde_json::to_value(group).unwrap()
}

#[test]
fn groups_equal_queries_md_section_7() {
    let cases: Vec<(FilterGroup, Value)> = vec![
        (
            v1::event_timestamp().within_the_last(WithinTheLast::ThirtyDays),
            json!({"filterClause": "AND", "filters": [{"operator": "WITHIN_THE_LAST", "term": "eventTimestamp", "value": "P30D"}]}),
        ),
        (
            v1::event_timestamp()
                .on_or_after(OffsetDateTime::from_unix_timestamp(1_609_459_200).unwrap()),
            json!({"filterClause": "AND", "filters": [{"operator": "ON_OR_AFTER", "term": "eventTimestamp", "value": "2021-01-01T00:00:00.000Z"}]}),
        ),
        (
            v1::event_timestamp().on_or_after(T1),
            json!({"filterClause": "AND", "filters": [{"operator": "ON_OR_AFTER", "term": "eventTimestamp", "value": "2021-01-01T12:30:15.123Z"}]}),
        ),
        (
            v1::exposure_type().not_exists(),
            json!({"filterClause": "AND", "filters": [{"operator": "DOES_NOT_EXIST", "term": "exposure", "value": null}]}),
        ),
        (
            v1::file_size().greater_than(1024),
            json!({"filterClause": "AND", "filters": [{"operator": "GREATER_THAN", "term": "fileSize", "value": 1024}]}),
        ),
        (
            v1::shared().is_false(),
            json!({"filterClause": "AND", "filters": [{"operator": "IS", "term": "shared", "value": "FALSE"}]}),
        ),
        (
            v1::event_type().is_in(["CREATED", "MODIFIED", "CREATED"].map(fe::EventTypeV1::from)),
            json!({"filterClause": "OR", "filters": [
                {"operator": "IS", "term": "eventType", "value": "CREATED"},
                {"operator": "IS", "term": "eventType", "value": "MODIFIED"}]}),
        ),
        (
            v2::risk::trusted().is_true(),
            json!({"filterClause": "AND", "filters": [{"operator": "IS", "term": "risk.trusted", "value": "TRUE"}]}),
        ),
        (
            v2::risk::indicators_weight().less_than(7),
            json!({"filterClause": "AND", "filters": [{"operator": "LESS_THAN", "term": "risk.indicators.weight", "value": 7}]}),
        ),
        (
            v2::event::inserted().within_the_last(WithinTheLast::FifteenMinutes),
            json!({"filterClause": "AND", "filters": [{"operator": "WITHIN_THE_LAST", "term": "event.inserted", "value": "PT15M"}]}),
        ),
        (
            v2::timestamp::timestamp().in_range(
                datetime!(2022-01-01 0:00 UTC),
                datetime!(2022-01-02 0:00 UTC),
            ),
            json!({"filterClause": "AND", "filters": [
                {"operator": "ON_OR_AFTER", "term": "@timestamp", "value": "2022-01-01T00:00:00.000Z"},
                {"operator": "ON_OR_BEFORE", "term": "@timestamp", "value": "2022-01-02T00:00:00.000Z"}]}),
        ),
        (
            v2::timestamp::timestamp().on_same_day(date!(2021 - 03 - 04)),
            json!({"filterClause": "AND", "filters": [
                {"operator": "ON_OR_AFTER", "term": "@timestamp", "value": "2021-03-04T00:00:00.000Z"},
                {"operator": "ON_OR_BEFORE", "term": "@timestamp", "value": "2021-03-04T23:59:59.000Z"}]}),
        ),
    ];
    for (group, expected) in cases {
        assert_eq!(group_json(group), expected);
    }
}

#[test]
fn whole_bodies_equal_py42s() {
    // queries.md §7 example 3 (v2, 1.29.1).
    let v2_query = FileEventQuery::<V2>::all([
        v2::timestamp::timestamp().within_the_last(WithinTheLast::OneDay),
        v2::file::category().is_in([FileCategory::Document, FileCategory::Pdf]),
        v2::risk::score().greater_than(5),
    ]);
    assert_eq!(
        v2_query.to_json(),
        json!({"groupClause": "AND", "groups": [
            {"filterClause": "AND", "filters": [{"operator": "WITHIN_THE_LAST", "term": "@timestamp", "value": "P1D"}]},
            {"filterClause": "OR", "filters": [
                {"operator": "IS", "term": "file.category", "value": "Document"},
                {"operator": "IS", "term": "file.category", "value": "Pdf"}]},
            {"filterClause": "AND", "filters": [{"operator": "GREATER_THAN", "term": "risk.score", "value": 5}]}],
            "pgSize": 500, "srtDir": "asc", "srtKey": "event.id", "pgNum": 1})
    );
    // Example 4 (v1, 1.29.1).
    let v1_query = FileEventQuery::<V1>::all([
        v1::event_timestamp().on_or_after(datetime!(2021-01-01 0:00 UTC)),
        v1::exposure_type().exists(),
        v1::file_size().less_than(1000),
    ]);
    assert_eq!(
        v1_query.to_json(),
        json!({"groupClause": "AND", "groups": [
            {"filterClause": "AND", "filters": [{"operator": "ON_OR_AFTER", "term": "eventTimestamp", "value": "2021-01-01T00:00:00.000Z"}]},
            {"filterClause": "AND", "filters": [{"operator": "EXISTS", "term": "exposure", "value": null}]},
            {"filterClause": "AND", "filters": [{"operator": "LESS_THAN", "term": "fileSize", "value": 1000}]}],
            "pgSize": 500, "srtDir": "asc", "srtKey": "eventId", "pgNum": 1})
    );
    // security.md §4.2's first token request (v2): `any`, as search_all sends it minus the token.
    let any = FileEventQuery::<V2>::any([
        v2::event::action().eq(EventAction::FileEmailed),
        v2::destination::category().not_eq(fe::DestinationCategory::from("Email")),
    ]);
    assert_eq!(any.to_json()["groupClause"], "OR");
    assert_eq!(
        any.to_json()["groups"],
        json!([
            {"filterClause": "AND", "filters": [{"operator": "IS", "term": "event.action", "value": "file-emailed"}]},
            {"filterClause": "AND", "filters": [{"operator": "IS_NOT", "term": "destination.category", "value": "Email"}]}])
    );
}

#[test]
fn quotes_and_backslashes_are_sent_as_json_escapes() {
    // py42 1.11.1 sent `"value":"a"b.txt"` unescaped (broken JSON); 1.29.1 and this crate escape.
    let group = v1::file_name().eq("a\"b\\c.txt");
    let text = serde_json::to_string(&group).unwrap();
    assert!(text.contains(r#""value":"a\"b\\c.txt""#), "{text}");
    let back: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back["filters"][0]["value"], "a\"b\\c.txt");
}

#[test]
fn nested_groups_sort_and_bad_arguments() {
    // Groups nest when their clauses agree (searches have two levels).
    let nested = FilterGroup::nest(
        code42::query::Clause::Or,
        [
            v2::risk::severity().is_in([RiskSeverity::High, RiskSeverity::Critical]),
            v2::event::action().eq(EventAction::FileShared),
        ],
    );
    assert_eq!(
        group_json(nested),
        json!({"filterClause": "OR", "filters": [
            {"operator": "IS", "term": "event.action", "value": "file-shared"},
            {"operator": "IS", "term": "risk.severity", "value": "CRITICAL"},
            {"operator": "IS", "term": "risk.severity", "value": "HIGH"}]})
    );
    let sorted = FileEventQuery::<V2>::new()
        .sort("@timestamp", code42::query::SortDirection::Desc)
        .page_size(10_000);
    assert_eq!(sorted.to_json()["srtDir"], "desc");
    sorted.validate().unwrap();
    // A rejected argument is reported before anything is sent.
    let empty: [&str; 0] = [];
    let bad = FileEventQuery::<V2>::all([v2::file::name().is_in(empty)]);
    assert!(matches!(
        bad.validate(),
        Err(code42::Error::InvalidInput {
            argument: "values",
            ..
        })
    ));
    let zero = FileEventQuery::<V2>::all([
        v2::timestamp::timestamp().within_the_last(std::time::Duration::ZERO)
    ]);
    assert!(zero.validate().is_err());
    assert_eq!(
        "P2DT3H"
            .parse::<WithinTheLast>()
            .unwrap()
            .iso8601()
            .as_deref(),
        Some("P2DT3H")
    );
    assert_eq!(
        "P7D".parse::<WithinTheLast>().unwrap(),
        WithinTheLast::SevenDays
    );
    assert!("P1M".parse::<WithinTheLast>().is_err());
}
