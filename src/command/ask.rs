//! `/ask question: [hide:]`: a question in the asker's own words.

use super::{Context, HIDE, Invocation, Kind, OptionKind, OptionSpec, Run, Spec, help};
use crate::reply::Reply;
use crate::ui::{self, Text};

/// A question for the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub question: String,
}

/// Longest question Discord accepts in a text option.
const MAX_QUESTION: u16 = 6000;

const QUESTION: OptionSpec = OptionSpec {
    name: "question",
    kind: OptionKind::Text,
    required: true,
    autocomplete: false,
    max_length: Some(MAX_QUESTION),
};

impl Run for Ask {
    const SPEC: Spec = Spec {
        name: "ask",
        options: &[QUESTION, HIDE],
        kind: Kind::Slash,
        // The console's `ask` reads standard input too; main.rs offers it.
        console: false,
        private: false,
        admin: false,
    };

    fn parse(invocation: &Invocation) -> Ask {
        Ask {
            question: invocation.text(QUESTION.name),
        }
    }

    fn run(self, context: &Context<'_>) -> Reply {
        answer(context, &self.question)
    }
}

/// The engine's reply to `question`; help when there is no question.
pub(super) fn answer(context: &Context<'_>, question: &str) -> Reply {
    let lang = context.lang(question);
    if question.trim().is_empty() {
        return Reply::notice(ui::text(lang, Text::AskMeSomething), &help::text(lang));
    }
    let engine = context.engine;
    Reply::new(engine.base(), &engine.ask(question, context.today), lang)
}
