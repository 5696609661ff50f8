//! File downloads on the gateway: `client.incydr().files()` (incydr.md §2.11).

use std::io::Write;

use crate::wire::incydr::ops;
use crate::{Client, Error, Result};

/// Files Incydr stored, by SHA-256 or XFC content id. Get it with
/// [`Incydr::files`](super::Incydr::files).
///
/// One streamed request per download (`GET /v1/files/get-file-by-sha256/{sha256}`), written to
/// the caller's writer as it arrives; a body shorter than its `Content-Length` is an error,
/// never a silently short file.
///
/// ```no_run
/// # let client = code42::ClientBuilder::new().api_url("https://api.us.code42.com").api_client("k", "s").build()?;
/// let mut file = std::fs::File::create("evidence.bin")?;
/// let sha256 = "2e0677355c37fa18fd20d372c7420b8b34de150c5801910c3bbb1e8e04c727ef";
/// let bytes = client.incydr().files().download_by_sha256(sha256, &mut file)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Files {
    client: Client,
}

impl Files {
    pub(super) fn new(client: Client) -> Self {
        Files { client }
    }

    /// Streams the file with this SHA-256 (64 hex digits) to `out` and returns the byte count.
    /// The SHA-256 of what was written is checked against `sha256`: a different file is
    /// [`Error::ChecksumMismatch`] (the bytes have been written by then; discard them).
    pub fn download_by_sha256(&self, sha256: &str, out: &mut impl Write) -> Result<u64> {
        crate::file_events::check_hex("sha256", sha256, 64)?;
        let expected = sha256.to_ascii_lowercase();
        let mut body = self.client.execute_stream(&ops::GetFileBySha256 {
            sha256: expected.clone(),
        })?;
        let mut hashing = HashingWriter {
            inner: out,
            digest: ring::digest::Context::new(&ring::digest::SHA256),
        };
        let written = std::io::copy(&mut body, &mut hashing)?;
        let actual = hex(hashing.digest.finish().as_ref());
        if actual != expected {
            return Err(Error::ChecksumMismatch { expected, actual });
        }
        Ok(written)
    }

    /// Streams the file with this XFC content id (a file event's `event.xfcEventId`) to `out`
    /// and returns the byte count.
    pub fn download_by_xfc_content_id(
        &self,
        xfc_content_id: &str,
        out: &mut impl Write,
    ) -> Result<u64> {
        if xfc_content_id.trim().is_empty() {
            return Err(Error::invalid("xfc_content_id", "is empty"));
        }
        let mut body = self.client.execute_stream(&ops::GetFileByXfcContentId {
            xfc_content_id: xfc_content_id.to_owned(),
        })?;
        Ok(std::io::copy(&mut body, out)?)
    }
}

/// Hashes what it writes.
struct HashingWriter<'a, W: Write> {
    inner: &'a mut W,
    digest: ring::digest::Context,
}

impl<W: Write> Write for HashingWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.digest.update(buf.get(..n).unwrap_or_default());
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}
