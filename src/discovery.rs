//! Service discovery: console `ServerEnv` → `stsBaseUrl` → key-value store → one base URL
//! per service, each resolved once and cached.

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::config::normalize_host;
use crate::{Error, Result};

#[derive(Debug, Default)]
pub(crate) struct Discovery {
    key_value_store: Mutex<Option<String>>,
    services: Mutex<BTreeMap<String, String>>,
}

impl Discovery {
    /// The key-value store's base URL, from `fetch_sts` (the `stsBaseUrl`) on first use.
    pub(crate) fn key_value_store(
        &self,
        fetch_sts: impl FnOnce() -> Result<Option<String>>,
    ) -> Result<String> {
        let mut slot = self
            .key_value_store
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(url) = &*slot {
            return Ok(url.clone());
        }
        let sts = fetch_sts()?
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| Error::Discovery {
                service: "key-value-store".into(),
                reason: "the console's ServerEnv has no stsBaseUrl (feature unavailable)".into(),
                source: None,
            })?;
        let url = key_value_store_url(&sts)?;
        *slot = Some(url.clone());
        Ok(url)
    }

    /// A service's base URL, from `fetch` (the key-value store's answer) on first use.
    pub(crate) fn service(
        &self,
        key: &str,
        fetch: impl FnOnce() -> Result<String>,
    ) -> Result<String> {
        let mut services = self.services.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(url) = services.get(key) {
            return Ok(url.clone());
        }
        let text = fetch()?;
        let url = service_url(key, &text)?;
        services.insert(key.to_owned(), url.clone());
        Ok(url)
    }

    /// Whether `url` is on the console or on a host discovered from it (scheme, host and port
    /// compared), i.e. whether the bearer token may go there.
    pub(crate) fn is_trusted(
        &self,
        console: Option<&str>,
        gateway: Option<&str>,
        url: &str,
    ) -> bool {
        let Some(target) = origin(url) else {
            return false;
        };
        if [console, gateway]
            .into_iter()
            .flatten()
            .any(|base| origin(base) == Some(target))
        {
            return true;
        }
        let kv = self
            .key_value_store
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if kv.as_deref().and_then(origin) == Some(target) {
            return true;
        }
        drop(kv);
        let services = self.services.lock().unwrap_or_else(|e| e.into_inner());
        services.values().any(|s| origin(s) == Some(target))
    }
}

/// `stsBaseUrl` with its first `sts` replaced by `simple-key-value-store`, as the service does.
pub(crate) fn key_value_store_url(sts_base_url: &str) -> Result<String> {
    let replaced = sts_base_url
        .trim()
        .replacen("sts", "simple-key-value-store", 1);
    normalize_host(&replaced).map_err(|e| Error::Discovery {
        service: "key-value-store".into(),
        reason: format!("stsBaseUrl `{sts_base_url}` does not give a usable URL"),
        source: Some(Box::new(e)),
    })
}

/// The key-value store's plain-text answer as a base URL (a JSON string is unquoted).
fn service_url(key: &str, text: &str) -> Result<String> {
    let text = text.trim();
    let unquoted = serde_json::from_str::<String>(text).unwrap_or_else(|_| text.to_owned());
    normalize_host(&unquoted).map_err(|e| Error::Discovery {
        service: key.to_owned(),
        reason: format!(
            "the key-value store answered `{}`, not a URL",
            crate::error::truncate(text, 100)
        ),
        source: Some(Box::new(e)),
    })
}

/// `scheme://authority` of a URL, lower-case comparison left to the caller's inputs.
fn origin(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end)?;
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    url.get(..scheme.len() + 3 + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_value_store_host_replaces_the_first_sts() {
        assert_eq!(
            key_value_store_url("https://sts-east.us.code42.com").unwrap(),
            "https://simple-key-value-store-east.us.code42.com"
        );
        assert_eq!(
            key_value_store_url("http://127.0.0.1:9/sts").unwrap(),
            "http://127.0.0.1:9/simple-key-value-store"
        );
        assert_eq!(
            key_value_store_url("sts-testsuffix").unwrap(),
            "https://simple-key-value-store-testsuffix"
        );
    }

    #[test]
    fn service_urls_are_unquoted_and_checked() {
        assert_eq!(
            service_url("k", " https://a.example/x/ \n").unwrap(),
            "https://a.example/x"
        );
        assert_eq!(
            service_url("k", "\"https://a.example\"").unwrap(),
            "https://a.example"
        );
        assert!(matches!(
            service_url("k", "<html>"),
            Err(Error::Discovery { .. })
        ));
    }

    #[test]
    fn only_console_and_discovered_origins_are_trusted() {
        let d = Discovery::default();
        d.service("AlertService-API_URL", || {
            Ok("https://alerts.example/prefix".into())
        })
        .unwrap();
        let console = "https://console.example";
        assert!(d.is_trusted(Some(console), None, "https://console.example/api/x"));
        assert!(d.is_trusted(Some(console), None, "https://alerts.example/other"));
        assert!(!d.is_trusted(Some(console), None, "https://evil.example/api"));
        assert!(!d.is_trusted(Some(console), None, "https://console.example.evil.com/x"));
        assert!(!d.is_trusted(Some(console), None, "https://user@console.example/x"));
        assert!(
            !d.is_trusted(Some(console), None, "http://console.example/x"),
            "scheme counts"
        );
    }
}
