//! The Incydr API gateway: `client.incydr()`.
//!
//! Code42's current REST API is served from one regional host, the gateway
//! (`https://api.<region>.code42.com`, [`ClientBuilder::api_url`](crate::ClientBuilder::api_url)),
//! with API-client credentials exchanged at `POST /v1/oauth` for a bearer token of its own
//! (incydr.md §1.2). This module is that plane's facade, resource by resource, with the same
//! names and verbs as the console facade where a resource exists on both:
//!
//! - [`Incydr::customer`]: the tenant (`GET /v1/customer`);
//! - [`Incydr::file_events`]: v2 file-event search, grouped counts and saved searches
//!   (`/v2/file-events…`), with the same [`FileEventQuery`](crate::query::FileEventQuery) as the
//!   console;
//! - [`Incydr::files`]: downloads by SHA-256 or XFC content id (`/v1/files/…`).
//!
//! ```no_run
//! use code42::query::file_events::v2::timestamp;
//! use code42::query::file_events::{FileEventQuery, WithinTheLast, V2};
//!
//! let client = code42::ClientBuilder::new()
//!     .api_url("https://api.us.code42.com")
//!     .api_client("key-123", "secret")
//!     .build()?;
//! println!("{}", client.incydr().customer().get()?.name);
//! let query = FileEventQuery::<V2>::all([timestamp::timestamp().within_the_last(WithinTheLast::OneDay)]);
//! for event in client.incydr().file_events().search(&query)? {
//!     println!("{:?}", event?.event.and_then(|e| e.id));
//! }
//! # Ok::<(), code42::Error>(())
//! ```

mod file_events;
mod files;

pub use file_events::{FileEvents, SavedSearches};
pub use files::Files;

pub use crate::wire::incydr::types::{Customer, EventGroup, GroupedFileEvents};

use crate::classify::ErrorRules;
use crate::{Client, Result};

/// Errors of the gateway that the body alone tells apart. incydr maps none by body text
/// (incydr.md §5); a 400 from a file-event search is [`InvalidQuery`](crate::ApiErrorKind::InvalidQuery),
/// set by [`FileEvents`] from the call.
pub(crate) const ERRORS: ErrorRules = &[];

/// The Incydr API gateway's resources. Get it with [`Client::incydr`].
#[derive(Clone, Debug)]
pub struct Incydr {
    client: Client,
}

impl Client {
    /// The Incydr API gateway: customer, file events, files. Every call needs a gateway URL
    /// ([`ClientBuilder::api_url`](crate::ClientBuilder::api_url)) and API-client credentials.
    pub fn incydr(&self) -> Incydr {
        Incydr {
            client: self.clone(),
        }
    }
}

impl Incydr {
    /// The tenant.
    pub fn customer(&self) -> CustomerApi {
        CustomerApi {
            client: self.client.clone(),
        }
    }

    /// v2 file events on the gateway.
    pub fn file_events(&self) -> FileEvents {
        FileEvents::new(self.client.clone())
    }

    /// File downloads.
    pub fn files(&self) -> Files {
        Files::new(self.client.clone())
    }
}

/// The customer (tenant) resource. Get it with [`Incydr::customer`].
#[derive(Clone, Debug)]
pub struct CustomerApi {
    client: Client,
}

impl CustomerApi {
    /// The tenant's name, registration key and id (`GET /v1/customer`, incydr.md §2.7).
    pub fn get(&self) -> Result<Customer> {
        self.client
            .execute(&crate::wire::incydr::ops::GetCustomer::new())
    }
}
