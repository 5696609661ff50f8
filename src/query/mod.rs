//! Search queries: the file-event query (v1 and v2 data models) sent to forensic search.

pub mod file_events;

pub use file_events::{AnyFileEventQuery, FileEventQuery, FileEventVersion, V1, V2};
