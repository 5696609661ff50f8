//! [`Change`]: what a state-changing call (block, deactivate, move, add a role …) did.

/// What a state-changing call did. Asking for the state something is already in is not an
/// error: blocking a blocked user, deactivating a deactivated device or adding a role the user
/// has answers [`Change::Already`] without a write (the facade reads the state first).
///
/// ```
/// # fn demo(client: &code42::Client) -> code42::Result<()> {
/// use code42::{Change, UserUid};
/// match client.users().block(&UserUid::new("840103986007089121"))? {
///     Change::Made => println!("blocked"),
///     Change::Already => println!("already blocked"),
///     _ => {}
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Change {
    /// The write was sent and accepted.
    Made,
    /// The object was already in the asked-for state; nothing was written.
    Already,
}

impl Change {
    /// `already` or `done`, as the CLI's bulk report says it.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Made => "done",
            Change::Already => "already",
        }
    }
}
