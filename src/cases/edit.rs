//! What a caller sends: [`NewCase`] for a create, [`CaseUpdate`] (built of [`Change`]s) for an
//! update, and the checks both pass before anything is sent.

use crate::wire::cases::types;
use crate::{Error, Result};

/// Longest case name, in characters (Code42's limit, checked before sending).
pub const NAME_MAX_CHARS: usize = 50;
/// Longest case description, in characters (the server answers `DESCRIPTION_TOO_LONG`).
pub const DESCRIPTION_MAX_CHARS: usize = 250;
/// Longest case findings, in characters.
pub const FINDINGS_MAX_CHARS: usize = 30_000;

/// A case to create. Only the name is required; everything left unset is sent as `null`.
///
/// ```
/// let case = code42::cases::NewCase::new("Exfiltration by departing engineer")
///     .description("USB copies in the last week")
///     .subject("421380797518239242");
/// # let _ = case;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
#[must_use = "a new case is created only by `Cases::create`"]
pub struct NewCase {
    /// Name (1 to [`NAME_MAX_CHARS`] characters, unique in the tenant).
    pub name: String,
    /// Short description (at most [`DESCRIPTION_MAX_CHARS`] characters).
    pub description: Option<String>,
    /// Findings, markdown (at most [`FINDINGS_MAX_CHARS`] characters).
    pub findings: Option<String>,
    /// User UID of the person investigated.
    pub subject: Option<String>,
    /// User UID of the investigator.
    pub assignee: Option<String>,
}

impl NewCase {
    /// A case with this name and nothing else.
    pub fn new(name: impl Into<String>) -> Self {
        NewCase {
            name: name.into(),
            description: None,
            findings: None,
            subject: None,
            assignee: None,
        }
    }
    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
    /// Sets the findings (markdown).
    pub fn findings(mut self, findings: impl Into<String>) -> Self {
        self.findings = Some(findings.into());
        self
    }
    /// Sets the subject (a user UID).
    pub fn subject(mut self, user_uid: impl Into<String>) -> Self {
        self.subject = Some(user_uid.into());
        self
    }
    /// Sets the assignee (a user UID).
    pub fn assignee(mut self, user_uid: impl Into<String>) -> Self {
        self.assignee = Some(user_uid.into());
        self
    }

    /// The request body, after checking every field.
    pub(crate) fn body(&self) -> Result<types::CreateCaseRequest> {
        check_name(&self.name)?;
        let set = |field: Field, value: &Option<String>| -> Result<Option<String>> {
            if let Some(v) = value {
                field.check(v, "leave it unset")?;
            }
            Ok(value.clone())
        };
        Ok(types::CreateCaseRequest {
            description: set(Field::Description, &self.description)?,
            findings: set(Field::Findings, &self.findings)?,
            subject: set(Field::Subject, &self.subject)?,
            assignee: set(Field::Assignee, &self.assignee)?,
            ..types::CreateCaseRequest::new(self.name.clone())
        })
    }
}

/// What an update does to one field: keep the current value, set a new one, or clear it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Change<T> {
    /// Re-send the current value (the default).
    #[default]
    Keep,
    /// Send this value.
    Set(T),
    /// Send `null`: the server clears the field.
    Clear,
}

impl<T: Clone> Change<T> {
    /// The value to send, given the current one.
    pub fn apply(&self, current: Option<T>) -> Option<T> {
        match self {
            Change::Keep => current,
            Change::Set(value) => Some(value.clone()),
            Change::Clear => None,
        }
    }

    /// Whether this changes anything.
    pub fn is_keep(&self) -> bool {
        matches!(self, Change::Keep)
    }
}

/// Changes to a case. Every field not mentioned keeps its current value; `clear_*` sends an
/// explicit `null` (py42 cannot clear a field; this can).
///
/// ```
/// use code42::cases::{CaseStatus, CaseUpdate};
/// let update = CaseUpdate::new()
///     .findings("Confirmed: 3 files copied to USB.")
///     .unassign()
///     .status(CaseStatus::Closed);
/// # let _ = update;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
#[must_use = "an update is applied only by `Cases::update`"]
pub struct CaseUpdate {
    /// A new name (a name cannot be cleared).
    pub name: Option<String>,
    /// The description.
    pub description: Change<String>,
    /// The findings.
    pub findings: Change<String>,
    /// The subject's user UID.
    pub subject: Change<String>,
    /// The assignee's user UID.
    pub assignee: Change<String>,
    /// A new status (a status cannot be cleared, and a closed case cannot be reopened).
    pub status: Option<types::CaseStatus>,
}

impl CaseUpdate {
    /// Changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// Renames the case.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Change::Set(description.into());
        self
    }
    /// Clears the description.
    pub fn clear_description(mut self) -> Self {
        self.description = Change::Clear;
        self
    }
    /// Sets the findings (markdown).
    pub fn findings(mut self, findings: impl Into<String>) -> Self {
        self.findings = Change::Set(findings.into());
        self
    }
    /// Clears the findings.
    pub fn clear_findings(mut self) -> Self {
        self.findings = Change::Clear;
        self
    }
    /// Sets the subject (a user UID).
    pub fn subject(mut self, user_uid: impl Into<String>) -> Self {
        self.subject = Change::Set(user_uid.into());
        self
    }
    /// Clears the subject.
    pub fn clear_subject(mut self) -> Self {
        self.subject = Change::Clear;
        self
    }
    /// Assigns the case to a user UID.
    pub fn assignee(mut self, user_uid: impl Into<String>) -> Self {
        self.assignee = Change::Set(user_uid.into());
        self
    }
    /// Unassigns the case (clears the assignee).
    pub fn unassign(mut self) -> Self {
        self.assignee = Change::Clear;
        self
    }
    /// Sets the status.
    pub fn status(mut self, status: types::CaseStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Whether the update changes nothing.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.description.is_keep()
            && self.findings.is_keep()
            && self.subject.is_keep()
            && self.assignee.is_keep()
            && self.status.is_none()
    }

    /// Checks the values this update sets (current values are the server's business).
    pub(crate) fn check(&self) -> Result<()> {
        if self.is_empty() {
            return Err(Error::invalid("update", "sets or clears nothing"));
        }
        if let Some(name) = &self.name {
            check_name(name)?;
        }
        for (field, change) in [
            (Field::Description, &self.description),
            (Field::Findings, &self.findings),
            (Field::Subject, &self.subject),
            (Field::Assignee, &self.assignee),
        ] {
            if let Change::Set(value) = change {
                field.check(value, field.clear_hint())?;
            }
        }
        Ok(())
    }

    /// The PUT body: this update applied to `current`. Every field is sent, and fields the SDK
    /// does not know yet are sent back as they came, so the server clears nothing by accident.
    pub(crate) fn merge(&self, current: &types::Case) -> types::UpdateCaseRequest {
        types::UpdateCaseRequest {
            description: self.description.apply(current.description.clone()),
            findings: self.findings.apply(current.findings.clone()),
            subject: self.subject.apply(current.subject.clone()),
            assignee: self.assignee.apply(current.assignee.clone()),
            extra: current.extra.clone(),
            ..types::UpdateCaseRequest::new(
                self.name.clone().unwrap_or_else(|| current.name.clone()),
                self.status
                    .clone()
                    .unwrap_or_else(|| current.status.clone()),
            )
        }
    }
}

/// The optional text fields, with their argument names and limits.
#[derive(Clone, Copy)]
enum Field {
    Description,
    Findings,
    Subject,
    Assignee,
}

impl Field {
    fn argument(self) -> &'static str {
        match self {
            Field::Description => "description",
            Field::Findings => "findings",
            Field::Subject => "subject",
            Field::Assignee => "assignee",
        }
    }

    fn max_chars(self) -> Option<usize> {
        match self {
            Field::Description => Some(DESCRIPTION_MAX_CHARS),
            Field::Findings => Some(FINDINGS_MAX_CHARS),
            Field::Subject | Field::Assignee => None,
        }
    }

    fn clear_hint(self) -> &'static str {
        match self {
            Field::Description => "use `clear_description()` to clear it",
            Field::Findings => "use `clear_findings()` to clear them",
            Field::Subject => "use `clear_subject()` to clear it",
            Field::Assignee => "use `unassign()` to clear it",
        }
    }

    fn check(self, value: &str, empty_hint: &str) -> Result<()> {
        if value.trim().is_empty() {
            return Err(Error::invalid(
                self.argument(),
                format!("is empty; {empty_hint}"),
            ));
        }
        if let Some(max) = self.max_chars() {
            let count = value.chars().count();
            if count > max {
                return Err(Error::invalid(
                    self.argument(),
                    format!("has {count} characters; at most {max} are allowed"),
                ));
            }
        }
        Ok(())
    }
}

fn check_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Error::invalid("name", "is empty"));
    }
    let count = name.chars().count();
    if count > NAME_MAX_CHARS {
        return Err(Error::invalid(
            "name",
            format!("has {count} characters; at most {NAME_MAX_CHARS} are allowed"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_characters_not_bytes() {
        let name = "é".repeat(NAME_MAX_CHARS);
        assert!(NewCase::new(name.clone()).body().is_ok());
        assert!(matches!(
            NewCase::new(format!("{name}é")).body(),
            Err(Error::InvalidInput {
                argument: "name",
                ..
            })
        ));
        assert!(matches!(
            CaseUpdate::new()
                .description("x".repeat(DESCRIPTION_MAX_CHARS + 1))
                .check(),
            Err(Error::InvalidInput {
                argument: "description",
                ..
            })
        ));
    }

    #[test]
    fn change_applies_keep_set_and_clear() {
        let current = Some("old".to_owned());
        assert_eq!(Change::Keep.apply(current.clone()), current);
        assert_eq!(
            Change::Set("new".to_owned()).apply(current.clone()),
            Some("new".into())
        );
        assert_eq!(Change::<String>::Clear.apply(current), None);
    }
}
