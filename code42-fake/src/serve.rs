//! Serving a tenant as its own process: the `code42-fake` binary and `c42 fake-tenant serve`.

use std::io::{self, Write};

use crate::FakeTenant;

/// What a served tenant holds and where it listens. The defaults are the library's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeOptions {
    /// Port on 127.0.0.1 (0 picks a free one).
    pub port: u16,
    /// Number of seeded users.
    pub users: usize,
    /// Seed of the generated data.
    pub seed: u64,
    /// Number of file events (generated when served).
    pub file_events: u64,
    /// Memory for answering repeated file-event searches, in MiB (0: off; for benchmarks).
    pub search_cache_mb: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            port: DEFAULT_PORT,
            users: crate::DEFAULT_USERS,
            seed: crate::DEFAULT_SEED,
            file_events: crate::DEFAULT_FILE_EVENTS,
            search_cache_mb: 0,
        }
    }
}

/// The port a served tenant listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 4285;

impl ServeOptions {
    /// Starts the tenant (requests are not recorded: a served tenant may run for long).
    pub fn start(&self) -> io::Result<FakeTenant> {
        FakeTenant::builder()
            .port(self.port)
            .users(self.users)
            .seed(self.seed)
            .file_events(self.file_events)
            .search_cache(self.search_cache_mb.saturating_mul(1 << 20))
            .record_requests(false)
            .start()
    }
}

impl FakeTenant {
    /// Shell lines that point `c42` or any `Client::from_env()` program at this tenant, to paste
    /// into another terminal (local-account credentials; the API-client pair as a comment; the
    /// Incydr API gateway's URL, which is the tenant's own).
    ///
    /// ```
    /// let tenant = code42_fake::FakeTenant::start()?;
    /// let lines = tenant.env_exports();
    /// assert!(lines.starts_with(&format!("export CODE42_HOST={0}\nexport CODE42_API_URL={0}\n", tenant.url())));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn env_exports(&self) -> String {
        let mut lines = format!(
            "export CODE42_HOST={}\nexport CODE42_API_URL={}\nexport CODE42_USERNAME={}\n\
             export CODE42_PASSWORD={}\n",
            self.url(),
            self.url(),
            self.username(),
            self.password()
        );
        if let Some(totp) = self.totp() {
            lines.push_str(&format!("export CODE42_TOTP={totp}\n"));
        }
        lines.push_str(&format!(
            "# or as an API client: unset CODE42_USERNAME CODE42_PASSWORD; \
             export CODE42_API_CLIENT_ID={} CODE42_API_CLIENT_SECRET={}\n",
            self.api_client_id(),
            self.api_client_secret()
        ));

        lines
    }
}

/// Starts a tenant, prints [`FakeTenant::env_exports`] on stdout and a one-line banner on
/// stderr (prefixed with `program`), then serves until the process is stopped.
pub fn serve_forever(program: &str, options: &ServeOptions) -> io::Result<()> {
    let tenant = options.start()?;
    let mut out = io::stdout().lock();
    out.write_all(tenant.env_exports().as_bytes())?;
    out.flush()?;
    drop(out);
    eprintln!(
        "{program}: fake tenant at {}; paste the lines above into another terminal; Ctrl-C stops it",
        tenant.url()
    );
    loop {
        std::thread::park();
    }
}
