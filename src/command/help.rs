//! `/help`: how to use the bot, written from the command list itself.

use super::{Command, Context, Invocation, Kind, OptionKind, Run, Spec};
use crate::reply::Reply;

/// How to use the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help;

impl Run for Help {
    const SPEC: Spec = Spec {
        name: "help",
        description: "How to use the bot",
        help: "",
        options: &[],
        kind: Kind::Slash,
        console: false,
        private: true,
        admin: false,
    };

    fn parse(_: &Invocation) -> Help {
        Help
    }

    fn run(self, _: &Context<'_>) -> Reply {
        Reply::notice("How to use ipwest", &text())
    }
}

/// One line per command that has help, then the other ways to ask.
pub(super) fn text() -> String {
    let mut lines: Vec<String> = Command::SPECS
        .iter()
        .filter(|spec| spec.kind == Kind::Slash && !spec.help.is_empty())
        .map(|spec| {
            let options: String = spec
                .options
                .iter()
                .filter(|option| option.kind == OptionKind::Text)
                .map(|option| format!(" `{}`", option.name))
                .collect();
            format!("**/{}**{options} — {}", spec.name, spec.help)
        })
        .collect();
    let menus: Vec<String> = Command::SPECS
        .iter()
        .filter(|spec| spec.kind == Kind::Message)
        .map(|spec| format!("**Apps → {}**", spec.name))
        .collect();
    lines.push(format!(
        "Add `hide: True` to see an answer only yourself. You can also mention me with a question, \
         DM me, or use {} on any message.",
        menus.join(" or ")
    ));
    lines.join("\n")
}
