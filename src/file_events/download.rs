//! Downloads of files that file events name: `download_by_sha256` / `download_by_md5`.
//!
//! The exfiltrated-data flow of py42 1.29.1 (`shared/reference/security.md` §4.3):
//! 1. the newest v2 event with this hash that names a device, both hashes, a directory and a
//!    file name (none: [`Error::ChecksumNotFound`]);
//! 2. `GET /api/v3/search-file` on the exfiltrated-data service: a `match` with a
//!    `downloadTokenRequest` URL (none: [`Error::FileUnavailable`]);
//! 3. `GET <downloadTokenRequest>` with the bearer token: the storage host that the
//!    (authenticated, discovered) exfiltrated-data service named for this flow gets the token for
//!    this one request, never a redirect (none is followed) and never a later request (the host is
//!    not added to the trusted ones: [`Client::raw_url`](crate::Client::raw_url) still refuses
//!    it); the plain-text answer is the file's URL;
//! 4. `GET <file URL>` without `Authorization`, streamed to the caller's writer; a body shorter
//!    than its `Content-Length` is an error, never a silently short file.
//!
//! Like every request, steps 3 and 4 go over `https://` only (plain `http://` to a loopback host
//! in tests).

use std::io::Write;

use super::{FileEvents, check_hex};
use crate::query::file_events::v2;
use crate::query::{FileEventQuery, SortDirection, V2};
use crate::request::Prepared;
use crate::wire::exfiltrated_data::ops::SearchFile;
use crate::wire::forensic_search::types::FileEventV2;
use crate::{AuthScheme, Error, Host, Method, ResponseBody, ResponseKind, Result};

/// What step 2 needs from an event.
struct Located {
    device_uid: String,
    md5: String,
    sha256: String,
    path: String,
}

impl FileEvents {
    /// Streams the file with this SHA-256 (64 hex digits) to `out`; returns the byte count.
    ///
    /// ```no_run
    /// # let client = code42::Client::builder("h").api_client("k", "s").build()?;
    /// let mut file = std::fs::File::create("evidence.bin")?;
    /// let sha256 = "2e0677355c37fa18fd20d372c7420b8b34de150c5801910c3bbb1e8e04c727ef";
    /// match client.file_events().download_by_sha256(sha256, &mut file) {
    ///     Ok(bytes) => println!("{bytes} bytes"),
    ///     Err(code42::Error::ChecksumNotFound { .. }) => println!("no event names that file"),
    ///     Err(e) => return Err(e.into()),
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn download_by_sha256(&self, sha256: &str, out: &mut impl Write) -> Result<u64> {
        check_hex("sha256", sha256, 64)?;
        self.download("SHA256", sha256, out)
    }

    /// Streams the file with this MD5 (32 hex digits) to `out`; returns the byte count.
    pub fn download_by_md5(&self, md5: &str, out: &mut impl Write) -> Result<u64> {
        check_hex("md5", md5, 32)?;
        self.download("MD5", md5, out)
    }

    fn download(
        &self,
        algorithm: &'static str,
        checksum: &str,
        out: &mut impl Write,
    ) -> Result<u64> {
        // 1. The newest event naming the file.
        let term = match algorithm {
            "MD5" => v2::file::md5(),
            _ => v2::file::sha256(),
        };
        let query =
            FileEventQuery::<V2>::all([term.eq(checksum)]).sort("@timestamp", SortDirection::Desc);
        let page = self.page(&query, 1)?;
        let located = page
            .file_events
            .iter()
            .flatten()
            .find_map(locate)
            .ok_or_else(|| Error::ChecksumNotFound {
                algorithm,
                checksum: checksum.to_owned(),
            })?;
        let unavailable = |reason: String| Error::FileUnavailable {
            checksum: checksum.to_owned(),
            reason,
        };

        // 2. The stored copy.
        let found = self.client.execute(&SearchFile {
            file_sha256: located.sha256,
            file_md5: located.md5,
            device_uid: located.device_uid,
            file_path: located.path,
        })?;
        let Some(found_match) = found.match_ else {
            let reports: Vec<String> = found
                .failure_reports
                .iter()
                .flatten()
                .map(|r| match r {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            return Err(unavailable(if reports.is_empty() {
                "no copy is available for download".into()
            } else {
                format!("no copy is available for download ({})", reports.join("; "))
            }));
        };
        let token_url = found_match
            .download_token_request
            .filter(|u| !u.trim().is_empty())
            .ok_or_else(|| unavailable("the match has no downloadTokenRequest".into()))?;

        // 3. The download token, from the storage host the service named for this flow: the
        //    bearer token goes there for this request only.
        if !is_absolute_http_url(&token_url) {
            return Err(unavailable(format!(
                "the downloadTokenRequest `{token_url}` is not an absolute http(s) URL"
            )));
        }
        let token_request = Prepared {
            operation: "getDownloadToken",
            method: Method::Get,
            host: Host::Console,
            auth: AuthScheme::Bearer,
            idempotent: true,
            response: ResponseKind::Text,
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            url: Some(token_url.clone()),
        };
        let bytes = self
            .client
            .send(&token_request, crate::transport::read_all)?;
        let file_url: String = self.client.decode(&token_request, &bytes)?;
        let file_url = resolve(&token_url, file_url.trim())
            .ok_or_else(|| unavailable(format!("the download token `{file_url}` is not a URL")))?;

        // 4. The file, without credentials, streamed.
        let request = Prepared {
            operation: "getFile",
            method: Method::Get,
            host: Host::Console,
            auth: AuthScheme::None,
            idempotent: true,
            response: ResponseKind::Stream,
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            url: Some(file_url),
        };
        let body = self.client.send(&request, |response, url| {
            Ok(ResponseBody::new(response, "GET", url))
        })?;
        body.copy_to(out)
    }
}

/// The first event with everything step 2 needs (non-empty), as py42 picks it.
fn locate(event: &FileEventV2) -> Option<Located> {
    let text = |v: Option<&String>| v.filter(|s| !s.is_empty()).cloned();
    let file = event.file.as_ref()?;
    let hash = file.hash.as_ref()?;
    let device_uid = text(event.user.as_ref()?.device_uid.as_ref())?;
    let md5 = text(hash.md5.as_ref())?;
    let sha256 = text(hash.sha256.as_ref())?;
    let name = text(file.name.as_ref())?;
    let directory = text(file.directory.as_ref())?;
    Some(Located {
        device_uid,
        md5,
        sha256,
        path: format!("{directory}{name}"),
    })
}

/// Whether `url` is `http(s)://` with a host and no user info.
fn is_absolute_http_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    !authority.is_empty() && !authority.contains('@') && !url.contains(char::is_whitespace)
}

/// `token` as an absolute URL: as is, or resolved against the origin of `base`.
fn resolve(base: &str, token: &str) -> Option<String> {
    let lower = token.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(token.to_owned());
    }
    if token.is_empty() || token.contains(char::is_whitespace) {
        return None;
    }
    let (scheme, rest) = base.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", rest.get(..end)?);
    Some(if token.starts_with('/') {
        format!("{origin}{token}")
    } else {
        format!("{origin}/{token}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_resolve_against_the_token_url_origin() {
        let base = "https://eds.example:8443/api/v1/download-token?id=1";
        assert_eq!(
            resolve(base, "https://cdn.example/f?t=1").as_deref(),
            Some("https://cdn.example/f?t=1")
        );
        assert_eq!(
            resolve(base, "/api/v1/get-file?token=T").as_deref(),
            Some("https://eds.example:8443/api/v1/get-file?token=T")
        );
        assert_eq!(
            resolve(base, "get-file?token=T").as_deref(),
            Some("https://eds.example:8443/get-file?token=T")
        );
        assert_eq!(resolve(base, "not a url"), None);
    }
}
