//! Alert rules: `client.alert_rules()`.
//!
//! Rule metadata is searched on the alert service (`rules/query-rule-metadata`); rule details
//! and user lists live on fed-observer (host key `FedObserver-API_URL`). Rule ids are the
//! metadata's `observerRuleId` (an alert's `ruleId`).
//!
//! ```no_run
//! # let client = code42::Client::builder("console.us.code42.com").api_client("k", "s").build()?;
//! let rules = client.alert_rules();
//! for rule in rules.search(&code42::query::rules::RuleQuery::new())? {
//!     let rule = rule?;
//!     println!("{:?} {:?}", rule.observer_rule_id, rule.name);
//! }
//! rules.add_user("rule-1", "user-uid-1", ["alias@example.com"])?;
//! let users = rules.users("rule-1")?;
//! # Ok::<(), code42::Error>(())
//! ```
//!
//! Enabling and disabling rules (the alerts article's `Rules/update-is-enabled`) is not offered:
//! no reference gives that request's body.

use crate::paging::Pager;
use crate::query::rules::{self as terms, RuleQuery};
use crate::wire::alerts::{ops as alert_ops, types as alert_types};
use crate::wire::fed_observer::{ops, types};
use crate::{ApiErrorKind, Client, Error, Result};

pub use crate::wire::alerts::types::RuleMetadata;
pub use crate::wire::fed_observer::types::{
    CloudSharePermissionsRule, EndpointExfiltrationRule, FileTypeMismatchRule, RuleUser,
    RuleUsersResponse,
};

use crate::classify::ErrorRules;

/// Errors of fed-observer: none by body; [`crate::ApiErrorKind::InvalidRule`] and
/// [`crate::ApiErrorKind::InvalidRuleOperation`] depend on the call and are set by it.
pub(crate) const ERRORS: ErrorRules = &[];

/// The alert rules API. Get it with [`Client::alert_rules`].
#[derive(Clone, Debug)]
pub struct AlertRules {
    client: Client,
}

impl Client {
    /// The alert rules API.
    pub fn alert_rules(&self) -> AlertRules {
        AlertRules {
            client: self.clone(),
        }
    }
}

impl AlertRules {
    fn search_op(&self, query: &RuleQuery) -> Result<alert_ops::QueryRuleMetadata> {
        query.validate()?;
        Ok(alert_ops::QueryRuleMetadata {
            body: query.to_request(&self.client.cached_tenant_id()?)?,
        })
    }

    /// Every rule matching `query` (its sort and page size): a [`Pager`] that fetches nothing
    /// until iterated. `search(&RuleQuery::new())` is every rule, newest first. Continue a
    /// saved search with [`Pager::resume`]. py42: `get_all(sort_key, sort_direction)`,
    /// `get_all_by_name(name)`.
    pub fn search(&self, query: &RuleQuery) -> Result<Pager<RuleMetadata>> {
        Pager::new(
            &self.client,
            &self.search_op(query)?,
            query.effective_page_size(),
        )
    }

    /// One page of rules matching `query`: page `page` (numbered from 1) of the query's page
    /// size. py42: `get_page(sort_key, sort_direction, page_num, page_size)` is
    /// `page(&RuleQuery::new().sort(key, dir).page_size(page_size), page_num)`.
    pub fn page(&self, query: &RuleQuery, page: u32) -> Result<alert_types::RuleMetadataResponse> {
        let zero_based = page
            .checked_sub(1)
            .ok_or_else(|| Error::invalid("page", "pages are numbered from 1"))?;
        let query = query.clone().page_number(zero_based);
        self.client.execute(&self.search_op(&query)?)
    }

    /// Every rule with this name (the server compares case-insensitively, py42's docs say).
    /// py42: `get_all_by_name(name)`.
    pub fn by_name(&self, name: &str) -> Result<Pager<RuleMetadata>> {
        let name = non_empty("name", name)?;
        self.search(&RuleQuery::all([terms::name().eq(name)]))
    }

    /// The rule with this id, if there is one. py42: `get_by_observer_id(rule_id)` (which
    /// returns the first page as is).
    pub fn get(&self, rule_id: &str) -> Result<Option<RuleMetadata>> {
        let rule_id = non_empty("rule_id", rule_id)?;
        let page = self.page(
            &RuleQuery::all([terms::observer_rule_id().eq(rule_id.clone())]),
            1,
        )?;
        let mut rules = page.rule_metadata.unwrap_or_default();
        let exact = rules
            .iter()
            .position(|r| r.observer_rule_id.as_deref() == Some(rule_id.as_str()));
        Ok(match exact {
            Some(i) => Some(rules.swap_remove(i)),
            None => rules.into_iter().next(),
        })
    }

    fn rule_ids_body(&self, rule_id: &str) -> Result<types::RuleIdsRequest> {
        Ok(types::RuleIdsRequest::new(
            vec![non_empty("rule_id", rule_id)?],
            self.client.cached_tenant_id()?,
        ))
    }

    /// An endpoint exfiltration rule's details. py42: `rules.exfiltration.get(rule_id)`.
    pub fn endpoint_exfiltration(&self, rule_id: &str) -> Result<Option<EndpointExfiltrationRule>> {
        let op = ops::QueryEndpointExfiltrationRules {
            body: self.rule_ids_body(rule_id)?,
        };
        Ok(first(self.client.execute(&op)?.rules))
    }

    /// A cloud share permissions rule's details. py42: `rules.cloudshare.get(rule_id)`.
    pub fn cloud_share_permissions(
        &self,
        rule_id: &str,
    ) -> Result<Option<CloudSharePermissionsRule>> {
        let op = ops::QueryCloudSharePermissionsRules {
            body: self.rule_ids_body(rule_id)?,
        };
        Ok(first(self.client.execute(&op)?.rules))
    }

    /// A file type mismatch rule's details. py42: `rules.filetypemismatch.get(rule_id)`.
    pub fn file_type_mismatch(&self, rule_id: &str) -> Result<Option<FileTypeMismatchRule>> {
        let op = ops::QueryFileTypeMismatchRules {
            body: self.rule_ids_body(rule_id)?,
        };
        Ok(first(self.client.execute(&op)?.rules))
    }

    fn rule_id_body(&self, rule_id: &str) -> Result<types::RuleIdRequest> {
        Ok(types::RuleIdRequest::new(
            non_empty("rule_id", rule_id)?,
            self.client.cached_tenant_id()?,
        ))
    }

    /// The users in the rule's inclusion or exclusion list and whom the rule watches
    /// (`usersToAlertOn`). Alerts article only (py42 has no such call).
    pub fn users(&self, rule_id: &str) -> Result<RuleUsersResponse> {
        let op = ops::QueryRuleUsers {
            body: self.rule_id_body(rule_id)?,
        };
        self.client
            .execute(&op)
            .map_err(|e| self.explain(e, rule_id, false))
    }

    /// Adds a user, with the aliases (emails, cloud usernames) that trigger or filter the rule's
    /// alerts, to the rule's list. py42 `add_user(rule_id, user_id)` looks the aliases up in the
    /// user's risk profile (1.29.1) or detection-list profile (1.11.1) first; pass them here.
    /// Rules that watch all users and system rules refuse this.
    pub fn add_user<S: AsRef<str>>(
        &self,
        rule_id: &str,
        user_id: &str,
        aliases: impl IntoIterator<Item = S>,
    ) -> Result<()> {
        let op = ops::AddRuleUsers {
            body: self.user_list_body(rule_id, user_id, aliases, false)?,
        };
        self.client
            .execute(&op)
            .map_err(|e| self.explain(e, rule_id, true))
    }

    /// Removes a user and all their aliases from the rule's list. py42: `remove_user`.
    pub fn remove_user(&self, rule_id: &str, user_id: &str) -> Result<()> {
        self.remove_users(rule_id, [user_id])
    }

    /// Removes users and all their aliases from the rule's list (by the id they were added
    /// with; console-added aliases without one cannot be removed this way).
    pub fn remove_users<S: AsRef<str>>(
        &self,
        rule_id: &str,
        user_ids: impl IntoIterator<Item = S>,
    ) -> Result<()> {
        let mut ids = Vec::new();
        for id in user_ids {
            ids.push(non_empty("user_ids", id.as_ref())?);
        }
        if ids.is_empty() {
            return Err(Error::invalid("user_ids", "no user id given"));
        }
        let body = self.rule_id_body(rule_id)?;
        let op = ops::RemoveRuleUsers {
            body: types::RemoveRuleUsersRequest::new(body.rule_id, body.tenant_id, ids),
        };
        self.client
            .execute(&op)
            .map_err(|e| self.explain(e, rule_id, true))
    }

    /// Removes some of a user's aliases from the rule's list (alerts article only).
    pub fn remove_user_aliases<S: AsRef<str>>(
        &self,
        rule_id: &str,
        user_id: &str,
        aliases: impl IntoIterator<Item = S>,
    ) -> Result<()> {
        let op = ops::RemoveRuleUserAliases {
            body: self.user_list_body(rule_id, user_id, aliases, true)?,
        };
        self.client
            .execute(&op)
            .map_err(|e| self.explain(e, rule_id, true))
    }

    /// Removes every user from the rule's list. py42: `remove_all_users`.
    pub fn remove_all_users(&self, rule_id: &str) -> Result<()> {
        let op = ops::RemoveAllRuleUsers {
            body: self.rule_id_body(rule_id)?,
        };
        self.client
            .execute(&op)
            .map_err(|e| self.explain(e, rule_id, true))
    }

    fn user_list_body<S: AsRef<str>>(
        &self,
        rule_id: &str,
        user_id: &str,
        aliases: impl IntoIterator<Item = S>,
        need_aliases: bool,
    ) -> Result<types::RuleUsersRequest> {
        let user_id = non_empty("user_id", user_id)?;
        let mut alias_list = Vec::new();
        for alias in aliases {
            alias_list.push(non_empty("aliases", alias.as_ref())?);
        }
        if need_aliases && alias_list.is_empty() {
            return Err(Error::invalid("aliases", "no alias given"));
        }
        let body = self.rule_id_body(rule_id)?;
        Ok(types::RuleUsersRequest::new(
            body.rule_id,
            body.tenant_id,
            vec![
                types::RuleUser::new()
                    .with_user_alias_list(alias_list)
                    .with_user_id_from_authority(user_id),
            ],
        ))
    }

    /// Gives a rule call's error its meaning, as py42 does: a 404 means there is no such rule;
    /// a server error on an edit of a system rule means system rules cannot be edited here
    /// (checked by looking the rule up).
    fn explain(&self, error: Error, rule_id: &str, edit: bool) -> Error {
        let Error::Api(api) = error else {
            return error;
        };
        match api.kind() {
            ApiErrorKind::NotFound => Error::Api(Box::new((*api).reclassify(
                ApiErrorKind::InvalidRule,
                Some(format!("No alert rule with id {rule_id} was found.")),
            ))),
            ApiErrorKind::Server if edit => match self.get(rule_id) {
                Ok(Some(rule)) if rule.is_system == Some(true) => {
                    let source = rule
                        .rule_source
                        .as_ref()
                        .map_or("unknown", |s| s.as_str())
                        .to_owned();
                    Error::Api(Box::new((*api).reclassify(
                        ApiErrorKind::InvalidRuleOperation,
                        Some(format!(
                            "Only alert rules with a source of 'Alerting' can be targeted by \
                             this command. Rule {rule_id} has a source of '{source}'."
                        )),
                    )))
                }
                _ => Error::Api(api),
            },
            _ => Error::Api(api),
        }
    }
}

fn first<T>(items: Option<Vec<T>>) -> Option<T> {
    items.and_then(|v| v.into_iter().next())
}

fn non_empty(argument: &'static str, value: &str) -> Result<String> {
    if value.trim().is_empty() {
        return Err(Error::invalid(argument, "is empty"));
    }
    Ok(value.to_owned())
}
