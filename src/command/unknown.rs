//! A command this build does not have: registered by an older or newer version, say.

use super::{Context, Invocation};
use crate::limits::fit;
use crate::reply::Reply;
use crate::ui::{self, Text};

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

    pub(super) fn run(self, context: &Context<'_>) -> Reply {
        let lang = context.lang("");
        let name = fit(&self.name, 100);
        let text = ui::fill(lang, Text::UnknownCommand, &[("command", &name)]);
        Reply::problem(lang, &text)
    }
}
