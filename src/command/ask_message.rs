//! "Apps → Ask ipwest": the chosen message's text, asked as a question.

use super::{Context, Invocation, Kind, Run, Spec, ask};
use crate::reply::Reply;
use crate::ui::{self, Text};

/// The text of the message the command was used on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskMessage {
    pub text: String,
}

impl Run for AskMessage {
    const SPEC: Spec = Spec {
        name: "Ask ipwest",
        options: &[],
        kind: Kind::Message,
        console: false,
        private: false,
        admin: false,
    };

    fn parse(invocation: &Invocation) -> AskMessage {
        AskMessage {
            text: invocation.target.clone().unwrap_or_default(),
        }
    }

    fn run(self, context: &Context<'_>) -> Reply {
        if self.text.trim().is_empty() {
            let lang = context.lang("");
            return Reply::problem(lang, ui::text(lang, Text::NoMessageText));
        }
        ask::answer(context, &self.text)
    }
}
