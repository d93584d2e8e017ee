//! The commands, transport-neutral: each transport turns what it received into an
//! [`Invocation`] (a name and its options), [`Command::parse`] reads it once, and the
//! core answers it with a [`Reply`]. Discord registers and renders, the console offers
//! the same commands as subcommands; neither knows what a command does.
//!
//! Each command is one file holding its registration ([`Run::SPEC`]) and its run, as
//! in mini-redis's `src/cmd/`. Adding one is a line in `commands!` below and a file
//! implementing [`Run`]: the compiler names whatever is missing, and help, Discord's
//! registration, autocomplete and the console all follow from [`Command::SPECS`].

mod about;
mod ask;
mod ask_message;
mod fact;
mod help;
mod place;
mod random;
mod settings;
mod topics;
mod unknown;

pub use about::About;
pub use ask::Ask;
pub use ask_message::AskMessage;
pub use fact::Fact;
pub use help::Help;
pub use place::Place;
pub use random::Random;
pub use settings::Settings;
pub use topics::Topics;
pub use unknown::Unknown;

use crate::Engine;
use crate::discord::cooldown::Rate;
use crate::facts::{AsOf, FactBase};
use crate::lang::Lang;
use crate::reply::Reply;
use crate::settings::GuildSettings;
use crate::ui::{self, CommandText};

/// How a command is registered: its name, where it is offered, and its options. What
/// it says it does is in the catalogue (`[commands.<name>]` of `data/ui.*.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub name: &'static str,
    pub options: &'static [OptionSpec],
    pub kind: Kind,
    /// Where the command is offered besides Discord.
    pub console: bool,
    /// Its replies are for the one who asked only.
    pub private: bool,
    /// Only for a server's admins (those who may manage it), and only in servers.
    pub admin: bool,
}

impl Spec {
    /// Its name, description, help line and options' texts in `lang`.
    pub fn text(&self, lang: Lang) -> &'static CommandText {
        ui::command(lang, self.name)
    }

    /// One line, shown in Discord's command picker and the console's help.
    pub fn description(&self, lang: Lang) -> &'static str {
        &self.text(lang).description
    }

    /// A longer line for the bot's own help; empty when the command is left out of it.
    pub fn help(&self, lang: Lang) -> &'static str {
        &self.text(lang).help
    }

    /// The description of its option `option`.
    pub fn option_description(&self, option: &str, lang: Lang) -> &'static str {
        self.text(lang)
            .options
            .get(option)
            .map_or("", |o| o.description.as_str())
    }
}

/// How a command is invoked on Discord.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A slash command.
    Slash,
    /// A message context-menu command: it reads the chosen message's text.
    Message,
}

/// One option of a command; its description is in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    pub name: &'static str,
    pub kind: OptionKind,
    pub required: bool,
    /// Suggestions are offered as it is typed ([`Run::complete`]).
    pub autocomplete: bool,
    /// Longest text accepted, if limited.
    pub max_length: Option<u16>,
}

/// The type of an option's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    Text,
    Flag,
    /// A text, forum or help channel of the server.
    Channel,
}

/// The option every command that shows an answer takes: show it to the asker only.
pub const HIDE: OptionSpec = OptionSpec {
    name: "hide",
    kind: OptionKind::Flag,
    required: false,
    autocomplete: false,
    max_length: None,
};

/// A command as received: its name and the option values given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invocation {
    pub name: String,
    pub options: Vec<(String, Value)>,
    /// For a message command, the chosen message's text.
    pub target: Option<String>,
}

/// An option's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Flag(bool),
    Channel(u64),
}

impl Invocation {
    /// The invocation of command `name` with no options.
    pub fn named(name: &str) -> Invocation {
        Invocation {
            name: name.to_owned(),
            ..Invocation::default()
        }
    }

    /// The text of option `name`; empty when not given.
    pub fn text(&self, name: &str) -> String {
        self.options
            .iter()
            .find_map(|(n, v)| match v {
                Value::Text(text) if n == name => Some(text.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// Whether flag `name` is set.
    pub fn flag(&self, name: &str) -> bool {
        self.given_flag(name) == Some(true)
    }

    /// Flag `name`, if it was given at all.
    pub fn given_flag(&self, name: &str) -> Option<bool> {
        self.options.iter().find_map(|(n, v)| match v {
            Value::Flag(flag) if n == name => Some(*flag),
            _ => None,
        })
    }

    /// The channel option `name`, if given.
    pub fn channel(&self, name: &str) -> Option<u64> {
        self.options.iter().find_map(|(n, v)| match v {
            Value::Channel(id) if n == name => Some(*id),
            _ => None,
        })
    }
}

/// What a command runs with: the engine, the day it was asked (which dates "last
/// year"), a number to choose at random with, so that running stays pure, and the
/// server it was used in, if any.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub engine: &'a Engine,
    pub today: AsOf,
    pub seed: u64,
    pub server: Option<Server<'a>>,
    /// The language the asker chose: their Discord locale, when the bot writes it, or
    /// `ask --lang`. `None`: each reply is in the language of what was typed.
    pub locale: Option<Lang>,
}

impl Context<'_> {
    /// The language to reply in to `typed` (a question, a name; empty when nothing
    /// was typed): see [`Lang::choose`].
    pub fn lang(&self, typed: &str) -> Lang {
        Lang::choose(self.locale, Lang::of(typed))
    }
}

/// The server a command was used in, as the bot's operator set it up.
#[derive(Debug, Clone, Copy)]
pub struct Server<'a> {
    pub settings: &'a GuildSettings,
    /// The operator's cooldown, which applies unless the server set its own.
    pub default_cooldown: Rate,
    /// The bot may read messages that do not mention it (the privileged Message
    /// Content intent), which answering in a channel unasked needs.
    pub reads_messages: bool,
}

/// A suggestion offered while an option is typed: what is shown, and what is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub name: String,
    pub value: String,
}

/// A command: how it is registered, read from an invocation, and answered.
pub trait Run: Sized {
    /// Its registration.
    const SPEC: Spec;

    /// The command as invoked; missing options read as empty.
    fn parse(invocation: &Invocation) -> Self;

    /// Its reply.
    fn run(self, context: &Context<'_>) -> Reply;

    /// Suggestions for `option` as `typed` so far, named in `lang`; none unless the
    /// command offers them.
    fn complete(
        _base: &FactBase,
        _option: &str,
        _typed: &str,
        _limit: usize,
        _lang: Lang,
    ) -> Vec<Choice> {
        Vec::new()
    }
}

/// Declares [`Command`] with one variant per command type, and its dispatch.
macro_rules! commands {
    ($($variant:ident($command:ty)),+ $(,)?) => {
        /// Every command, as parsed from an [`Invocation`].
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Command {
            $($variant($command),)+
            /// A command this build does not have.
            Unknown(Unknown),
        }

        impl Command {
            /// Every command's registration, in the order help lists them.
            pub const SPECS: &[Spec] = &[$(<$command as Run>::SPEC),+];

            /// The command `invocation` names; [`Command::Unknown`] if none.
            pub fn parse(invocation: &Invocation) -> Command {
                $(if invocation.name == <$command as Run>::SPEC.name {
                    return Command::$variant(<$command as Run>::parse(invocation));
                })+
                Command::Unknown(Unknown::parse(invocation))
            }

            /// The reply to the command.
            pub fn run(self, context: &Context<'_>) -> Reply {
                match self {
                    $(Command::$variant(command) => command.run(context),)+
                    Command::Unknown(command) => command.run(context),
                }
            }

            /// Suggestions for option `option` of command `name`, as `typed` so far,
            /// named in `lang`.
            pub fn complete(
                name: &str,
                base: &FactBase,
                option: &str,
                typed: &str,
                limit: usize,
                lang: Lang,
            ) -> Vec<Choice> {
                $(if name == <$command as Run>::SPEC.name {
                    return <$command as Run>::complete(base, option, typed, limit, lang);
                })+
                Vec::new()
            }

            /// Its registration; none for an unknown command.
            pub fn spec(&self) -> Option<&'static Spec> {
                match self {
                    $(Command::$variant(_) => Some(&<$command as Run>::SPEC),)+
                    Command::Unknown(_) => None,
                }
            }
        }
    };
}

commands! {
    Ask(Ask),
    Fact(Fact),
    Topics(Topics),
    Place(Place),
    Random(Random),
    About(About),
    Help(Help),
    Settings(Settings),
    AskMessage(AskMessage),
}

impl Command {
    /// What the asker typed, whose language the reply follows: the question, or the
    /// name looked up; empty when nothing was typed.
    pub fn typed(&self) -> &str {
        match self {
            Command::Place(place) => &place.name,
            Command::Topics(topics) => topics.topic.as_deref().unwrap_or_default(),
            _ => self.question().unwrap_or_default(),
        }
    }

    /// The language of its reply in `context` ([`Context::lang`]).
    pub fn lang(&self, context: &Context<'_>) -> Lang {
        context.lang(self.typed())
    }

    /// The question the command puts to the engine, if it puts one.
    pub fn question(&self) -> Option<&str> {
        match self {
            Command::Ask(ask) => Some(&ask.question),
            Command::AskMessage(message) => Some(&message.text),
            Command::Fact(fact) if !fact.exact => Some(&fact.name),
            _ => None,
        }
    }

    /// The registration of command `name`.
    pub fn spec_named(name: &str) -> Option<&'static Spec> {
        Command::SPECS.iter().find(|spec| spec.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits;

    #[test]
    fn every_command_parses_back_from_its_own_name() {
        for spec in Command::SPECS {
            let parsed = Command::parse(&Invocation::named(spec.name));
            assert_eq!(parsed.spec(), Some(spec), "{}", spec.name);
        }
        let unknown = Command::parse(&Invocation::named("frobnicate"));
        assert_eq!(
            unknown,
            Command::Unknown(Unknown {
                name: "frobnicate".into()
            })
        );
    }

    /// Discord refuses a whole registration for one bad name or description.
    #[test]
    fn registrations_are_ones_discord_accepts() {
        let mut names: Vec<&str> = Command::SPECS.iter().map(|spec| spec.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Command::SPECS.len(), "command names repeat");
        for spec in Command::SPECS {
            assert!(
                spec.name.chars().count() <= limits::COMMAND_NAME,
                "{}",
                spec.name
            );
            if spec.kind == Kind::Slash {
                let lowercase = |name: &str| {
                    name.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
                    })
                };
                assert!(lowercase(spec.name), "{}", spec.name);
                for lang in [Lang::En, Lang::ZH] {
                    let description = spec.description(lang).chars().count();
                    assert!((1..=limits::COMMAND_DESCRIPTION).contains(&description));
                    for option in spec.options {
                        let description = spec.option_description(option.name, lang);
                        let length = description.chars().count();
                        assert!((1..=limits::COMMAND_DESCRIPTION).contains(&length));
                    }
                }
                for option in spec.options {
                    assert!(lowercase(option.name), "{}", option.name);
                }
                // Discord wants every required option before the optional ones.
                let required: Vec<bool> = spec.options.iter().map(|o| o.required).collect();
                assert!(required.is_sorted_by(|a, b| a >= b), "{}", spec.name);
            }
        }
    }

    #[test]
    fn help_lists_every_slash_command_that_has_help() {
        let help = help::text(Lang::En);
        for spec in Command::SPECS {
            let listed = help.contains(&format!("**/{}**", spec.name));
            let wanted = spec.kind == Kind::Slash && !spec.help(Lang::En).is_empty();
            assert_eq!(listed, wanted, "{}", spec.name);
        }
        assert!(help.contains("**Apps → Ask ipwest**"));
    }

    #[test]
    fn the_readme_documents_every_command() {
        let readme = include_str!("../../README.md");
        for spec in Command::SPECS {
            let shown = match spec.kind {
                Kind::Slash => format!("/{}", spec.name),
                Kind::Message => format!("Apps → {}", spec.name),
            };
            assert!(readme.contains(&shown), "README.md lacks {shown}");
            if spec.console {
                let console = format!("`ipwest {}", spec.name);
                assert!(readme.contains(&console), "README.md lacks {console}");
            }
        }
    }
}
