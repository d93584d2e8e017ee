//! `/help`: how to use the bot, written from the command list itself.

use super::{Command, Context, Invocation, Kind, OptionKind, Run, Spec};
use crate::lang::Lang;
use crate::reply::Reply;
use crate::ui::{self, Text};

/// How to use the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help;

impl Run for Help {
    const SPEC: Spec = Spec {
        name: "help",
        options: &[],
        kind: Kind::Slash,
        console: false,
        private: true,
        admin: false,
    };

    fn parse(_: &Invocation) -> Help {
        Help
    }

    fn run(self, context: &Context<'_>) -> Reply {
        let lang = context.lang("");
        Reply::notice(ui::text(lang, Text::HelpTitle), &text(lang))
    }
}

/// One line per command that has help, then the other ways to ask, in `lang`: each
/// command by the name Discord shows in that language.
pub(super) fn text(lang: Lang) -> String {
    let mut lines: Vec<String> = Command::SPECS
        .iter()
        .filter(|spec| spec.kind == Kind::Slash && !spec.help(lang).is_empty())
        .map(|spec| {
            let text = spec.text(lang);
            let options: String = spec
                .options
                .iter()
                .filter(|option| option.kind == OptionKind::Text)
                .map(|option| {
                    let name = text
                        .options
                        .get(option.name)
                        .map_or(option.name, |o| &o.name);
                    format!(" `{name}`")
                })
                .collect();
            format!("**/{}**{options} — {}", text.name, text.help)
        })
        .collect();
    let menus: Vec<String> = Command::SPECS
        .iter()
        .filter(|spec| spec.kind == Kind::Message)
        .map(|spec| ui::fill(lang, Text::HelpMenu, &[("name", &spec.text(lang).name)]))
        .collect();
    let menus = menus.join(ui::text(lang, Text::Or));
    lines.push(ui::fill(lang, Text::HelpOtherWays, &[("menus", &menus)]));
    lines.join("\n")
}
