//! Fault injection: rules that make the next matching requests fail in a chosen way.

use std::time::Duration;

/// A fault to inject into the next matching requests, built in a chain:
///
/// ```
/// use std::time::Duration;
/// use code42_fake::FaultRule;
///
/// // The next two requests under /api/v1/User get 503, then requests succeed again.
/// let rule = FaultRule::status(503).times(2).path("/api/v1/User");
/// // The next request gets 429 with `Retry-After: 2`.
/// let rule = FaultRule::too_many_requests(Some("2"));
/// // The next POST is answered normally after 300 ms.
/// let rule = FaultRule::delay(Duration::from_millis(300)).method("POST");
/// ```
///
/// Rules are checked in the order they were injected; the first rule that matches a request and
/// has uses left is applied (and one use consumed). A request that matches no rule is served
/// normally. Every request is recorded (see [`FakeTenant::requests`](super::FakeTenant::requests))
/// before any fault is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultRule {
    pub(crate) kind: FaultKind,
    times: usize,
    /// Matching requests to let through before the rule applies.
    after: usize,
    path: Option<String>,
    method: Option<String>,
}

/// What a rule does to a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum FaultKind {
    /// Answer with this status and a console error body.
    Status(u16),
    /// Answer 429, with this `Retry-After` value if any.
    TooManyRequests(Option<String>),
    /// Sleep, then answer normally.
    Delay(Duration),
    /// Send the real head (full `Content-Length`) and half the body, then close the connection.
    TruncatedBody,
    /// Answer 200 with a body that is not JSON.
    InvalidJson,
    /// Answer 200 with `Content-Type: text/html` and an HTML page (a proxy's login page).
    HtmlOk,
    /// Close the connection without answering.
    Disconnect,
    /// Send the head and half the body, stall this long, then close the connection.
    StalledBody(Duration),
    /// Answer with what the previous request to the same method and path was answered.
    RepeatedPage,
    /// Answer normally, but with `nextPgToken` equal to the `pgToken` sent.
    RepeatedToken,
    /// Answer normally, but with every `totalCount` in the body set to 1.
    ShrinkingTotal,
    /// From this request on, page-number listings on this path start `n` items later
    /// (negative: earlier), as if items were removed (inserted) before the position.
    Shift(i64),
}

impl FaultRule {
    fn new(kind: FaultKind) -> Self {
        FaultRule {
            kind,
            times: 1,
            after: 0,
            path: None,
            method: None,
        }
    }

    /// Answer with HTTP `status` and a console error body
    /// (`[{"name":"SYSTEM","description":"…"}]`).
    pub fn status(status: u16) -> Self {
        FaultRule::new(FaultKind::Status(status))
    }

    /// Answer 429 Too Many Requests, with `Retry-After: <retry_after>` when given (seconds or an
    /// HTTP date, sent verbatim).
    pub fn too_many_requests(retry_after: Option<&str>) -> Self {
        FaultRule::new(FaultKind::TooManyRequests(retry_after.map(str::to_owned)))
    }

    /// Sleep for `delay`, then answer normally (a slow server). Dropping the tenant cuts the
    /// sleep short.
    pub fn delay(delay: Duration) -> Self {
        FaultRule::new(FaultKind::Delay(delay))
    }

    /// Send the real response's status and headers with its full `Content-Length`, but only the
    /// first half of the body, then close the connection: the client sees an I/O error while
    /// reading the body.
    pub fn truncated_body() -> Self {
        FaultRule::new(FaultKind::TruncatedBody)
    }

    /// Answer 200 with `Content-Type: application/json` and a body that is not JSON.
    pub fn invalid_json() -> Self {
        FaultRule::new(FaultKind::InvalidJson)
    }

    /// Answer 200 with `Content-Type: text/html` and an HTML page, as a proxy or a login
    /// portal in front of the service would.
    pub fn html_ok() -> Self {
        FaultRule::new(FaultKind::HtmlOk)
    }

    /// Close the connection without sending anything (a connection reset mid-request).
    pub fn disconnect() -> Self {
        FaultRule::new(FaultKind::Disconnect)
    }

    /// Send the real response's head (full `Content-Length`) and the first half of its body,
    /// stall for `stall` (cut short when the tenant is dropped), then close the connection: a
    /// client with a read timeout shorter than `stall` times out mid-body.
    pub fn stalled_body(stall: Duration) -> Self {
        FaultRule::new(FaultKind::StalledBody(stall))
    }

    /// Answer with the response to the previous request with the same method and path (for a
    /// listing: the previous page again). The first such request is answered normally.
    pub fn repeated_page() -> Self {
        FaultRule::new(FaultKind::RepeatedPage)
    }

    /// Answer normally, but with the body's `nextPgToken` set to the `pgToken` the request
    /// sent: a token that does not move.
    pub fn repeated_token() -> Self {
        FaultRule::new(FaultKind::RepeatedToken)
    }

    /// Answer normally, but with every `totalCount` in the body set to 1: a total that shrank
    /// under the listing.
    pub fn shrinking_total() -> Self {
        FaultRule::new(FaultKind::ShrinkingTotal)
    }

    /// From the matching request on (and until [`FakeTenant::clear_faults`]), page-number
    /// listings on this rule's path serve their pages `items` later (`items` < 0: earlier), as
    /// if `items` items had been removed before the position (inserted, when negative). Page
    /// tokens, which name an item, are not affected. Needs a [`path`](Self::path).
    ///
    /// [`FakeTenant::clear_faults`]: super::FakeTenant::clear_faults
    pub fn shift(items: i64) -> Self {
        FaultRule::new(FaultKind::Shift(items))
    }

    /// Lets the first `n` matching requests through before the rule applies (default 0): with
    /// a path, `after(2)` hits the third page of a listing.
    pub fn after(mut self, n: usize) -> Self {
        self.after = n;
        self
    }

    /// Apply to the next `n` matching requests (default 1); `usize::MAX` means "until cleared".
    pub fn times(mut self, n: usize) -> Self {
        self.times = n;
        self
    }

    /// Only requests whose path starts with `prefix` (the path as sent, without the query).
    pub fn path(mut self, prefix: impl Into<String>) -> Self {
        self.path = Some(prefix.into());
        self
    }

    /// Only requests with this method (`GET`, `POST`, …; ASCII case-insensitive).
    pub fn method(mut self, method: impl Into<String>) -> Self {
        self.method = Some(method.into());
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.times > 0
            && self.path.as_deref().is_none_or(|p| path.starts_with(p))
            && self
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
    }
}

/// The pending rules, in injection order.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    rules: Vec<FaultRule>,
}

impl Faults {
    /// Adds a rule after the existing ones (a rule with `times(0)` is ignored).
    pub fn push(&mut self, rule: FaultRule) {
        if rule.times > 0 {
            self.rules.push(rule);
        }
    }

    /// Drops every rule.
    pub fn clear(&mut self) {
        self.rules.clear();
    }

    /// How many rules still have uses left.
    pub fn pending(&self) -> usize {
        self.rules.len()
    }

    /// The fault for this request, consuming one use of the first matching rule (a rule
    /// still letting requests through counts this one and does not apply).
    pub fn take(&mut self, method: &str, path: &str) -> Option<FaultKind> {
        let index = self.rules.iter().position(|r| r.matches(method, path))?;
        let rule = self.rules.get_mut(index)?;
        if rule.after > 0 {
            rule.after -= 1;
            return None;
        }
        let kind = rule.kind.clone();
        if rule.times != usize::MAX {
            rule.times -= 1;
        }
        if rule.times == 0 {
            self.rules.remove(index);
        }
        Some(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_apply_in_order_and_run_out() {
        let mut faults = Faults::default();
        faults.push(FaultRule::status(503).times(2).path("/api/v1/User"));
        faults.push(FaultRule::invalid_json().method("post"));
        faults.push(FaultRule::status(500).times(0));
        assert_eq!(faults.pending(), 2);
        assert_eq!(faults.take("GET", "/api/v1/ServerEnv"), None);
        assert_eq!(faults.take("POST", "/x"), Some(FaultKind::InvalidJson));
        assert_eq!(faults.take("POST", "/x"), None);
        assert_eq!(
            faults.take("GET", "/api/v1/User/7"),
            Some(FaultKind::Status(503))
        );
        assert_eq!(
            faults.take("GET", "/api/v1/User"),
            Some(FaultKind::Status(503))
        );
        assert_eq!(faults.take("GET", "/api/v1/User"), None);
        assert_eq!(faults.pending(), 0);

        faults.push(FaultRule::disconnect().times(usize::MAX));
        for _ in 0..3 {
            assert_eq!(faults.take("GET", "/"), Some(FaultKind::Disconnect));
        }
        faults.clear();
        assert_eq!(faults.take("GET", "/"), None);

        faults.push(FaultRule::status(500).after(2).path("/p"));
        assert_eq!(faults.take("GET", "/p"), None);
        assert_eq!(faults.take("GET", "/q"), None);
        assert_eq!(faults.take("GET", "/p"), None);
        assert_eq!(faults.take("GET", "/p"), Some(FaultKind::Status(500)));
        assert_eq!(faults.pending(), 0);
    }
}
