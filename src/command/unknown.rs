//! A command this build does not have: registered by an older or newer version, say.

use super::{Context, Invocation};
use crate::limits::fit;
use crate::reply::Reply;

/// The name of a command that is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub name: String,
}

impl Unknown {
    pub(super) fn parse(invocation: &Invocation) -> Unknown {
        Unknown {
            name: invocation.name.clone(),
        }
    }

    pub(super) fn run(self, _: &Context<'_>) -> Reply {
        Reply::problem(&format!(
            "I don't know the command \u{201c}{}\u{201d}. Try /help.",
            fit(&self.name, 100)
        ))
    }
}
