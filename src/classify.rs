//! Error classification: which [`ApiErrorKind`] an error response means.
//!
//! There is no global table: each service module declares the error texts of its own API as an
//! [`ErrorRules`] static (`users::ERRORS`, `cases::ERRORS` …), and the client asks the service an
//! operation is sent to ([`rules_for`], keyed by the operation's [`Host`]) for its rules. A new
//! service declares its kinds next to its facade and adds one arm here.

use crate::ApiErrorKind;
use crate::operation::Host;

/// One service error: `kind` when the body contains any of `any_of` (and, if `also_any_of` is
/// not empty, any of those too) and the status is of `kind`'s [`base`](ApiErrorKind::base) class.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ErrorRule {
    pub(crate) kind: ApiErrorKind,
    pub(crate) any_of: &'static [&'static str],
    pub(crate) also_any_of: &'static [&'static str],
}

/// A service's error rules, tried in order.
pub(crate) type ErrorRules = &'static [ErrorRule];

impl ErrorRule {
    /// `kind` when the body contains any of `any_of`.
    pub(crate) const fn new(kind: ApiErrorKind, any_of: &'static [&'static str]) -> Self {
        ErrorRule {
            kind,
            any_of,
            also_any_of: &[],
        }
    }

    /// … and also any of `also`.
    pub(crate) const fn also(self, also: &'static [&'static str]) -> Self {
        ErrorRule {
            also_any_of: also,
            ..self
        }
    }

    fn matches(&self, by_status: ApiErrorKind, body: &str) -> bool {
        self.kind.base() == by_status
            && self.any_of.iter().any(|n| body.contains(n))
            && (self.also_any_of.is_empty() || self.also_any_of.iter().any(|n| body.contains(n)))
    }
}

/// The rules of the service(s) behind `host`.
pub(crate) fn rules_for(host: Host) -> &'static [ErrorRules] {
    match host {
        // The console serves authentication, users and the console services that have no
        // facade yet (legal hold, archives, trusted activities).
        Host::Console => &[
            crate::auth::ERRORS,
            crate::users::ERRORS,
            crate::devices::ERRORS,
            PENDING_CONSOLE,
        ],
        Host::Service("CASES_API-URL") => &[crate::cases::ERRORS],
        Host::Service("FORENSIC_SEARCH-API_URL") => &[crate::file_events::ERRORS],
        Host::Service("AlertService-API_URL") => &[crate::alerts::ERRORS],
        Host::Service("FedObserver-API_URL") => &[crate::alert_rules::ERRORS],
        Host::Gateway => &[crate::incydr::ERRORS],
        _ => &[],
    }
}

/// Classifies an error response from `host`: the first service kind whose rule matches, else
/// the status kind.
pub(crate) fn classify(host: Host, status: u16, body: &str) -> ApiErrorKind {
    let by_status = ApiErrorKind::from_status(status);
    rules_for(host)
        .iter()
        .flat_map(|rules| rules.iter())
        .find(|rule| rule.matches(by_status, body))
        .map_or(by_status, |rule| rule.kind)
}

/// Kinds of console services that have no facade module yet (py42's legal-hold, archive and
/// trusted-activity errors). Each moves into its service module's `ERRORS` when that service
/// lands.
const PENDING_CONSOLE: ErrorRules = {
    use ApiErrorKind::*;
    &[
        ErrorRule::new(InvalidArchivePassword, &["PRIVATE_PASSWORD_INVALID"]),
        ErrorRule::new(InvalidArchiveEncryptionKey, &["CUSTOM_KEY_INVALID"]),
        ErrorRule::new(
            UserAlreadyAdded,
            &["USER_ALREADY_IN_HOLD", "User already on list"],
        ),
        ErrorRule::new(
            LegalHoldCriteriaMissing,
            &["At least one criteria must be specified"],
        ),
        ErrorRule::new(LegalHoldAlreadyDeactivated, &["ALREADY_DEACTIVATED"]),
        ErrorRule::new(LegalHoldAlreadyActive, &["ALREADY_ACTIVE"]),
        ErrorRule::new(BadRestoreRequest, &["CREATE_FAILED"]),
        ErrorRule::new(InvalidCharacters, &["INVALID_CHARACTERS_IN_VALUE"]),
    ]
};

#[cfg(test)]
mod tests {
    use super::*;
    use ApiErrorKind::*;

    const CASES: Host = Host::Service("CASES_API-URL");

    fn kind(host: Host, status: u16, body: &str) -> ApiErrorKind {
        classify(host, status, body)
    }

    #[test]
    fn service_kinds_need_their_status_class() {
        assert_eq!(
            kind(Host::Console, 500, "USER_DUPLICATE"),
            UserAlreadyExists
        );
        assert_eq!(kind(Host::Console, 400, "USER_DUPLICATE"), BadRequest);
        assert_eq!(
            kind(Host::Console, 400, r#"[{"name":"ACTIVE_LEGAL_HOLD"}]"#),
            ActiveLegalHold
        );
        assert_eq!(
            kind(
                Host::Console,
                401,
                "TOTP_AUTH_CONFIGURATION_REQUIRED_FOR_USER"
            ),
            MfaRequired
        );
        assert_eq!(kind(Host::Console, 418, ""), Other);
        assert_eq!(
            kind(
                CASES,
                400,
                r#"{"problem":"INVALID_USER","description":"assignee validation failed"}"#
            ),
            InvalidCaseUser
        );
        assert_eq!(
            kind(CASES, 400, r#"{"problem":"INVALID_USERNAME"}"#),
            BadRequest,
            "INVALID_USER without subject/assignee is not a case-user error"
        );
    }

    #[test]
    fn a_kind_belongs_to_its_service() {
        assert_eq!(
            kind(CASES, 400, r#"{"problem":"NAME_EXISTS"}"#),
            CaseNameExists
        );
        assert_eq!(
            kind(Host::Console, 400, r#"{"problem":"NAME_EXISTS"}"#),
            BadRequest,
            "a case text from the console is not a case error"
        );
        assert_eq!(
            kind(
                Host::Service("FORENSIC_SEARCH-API_URL"),
                400,
                "INVALID_PAGE_TOKEN"
            ),
            InvalidPageToken
        );
        assert_eq!(kind(CASES, 400, "INVALID_PAGE_TOKEN"), BadRequest);
        assert_eq!(kind(Host::Gateway, 500, "USER_DUPLICATE"), Server);
    }

    #[test]
    fn rule_kinds_depend_on_the_call_not_the_body() {
        assert_eq!(InvalidRule.base(), NotFound);
        assert_eq!(InvalidRuleOperation.base(), Server);
        assert_eq!(
            kind(Host::Service("FedObserver-API_URL"), 404, "rule"),
            NotFound
        );
    }
}
