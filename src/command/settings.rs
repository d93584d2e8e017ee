//! `/settings [log_questions:] [cooldown:] [answer_in:] [stop_answering_in:]`: a
//! server's settings, shown to its admins, and changed by them. Only members who may
//! manage the server see the command (Discord's `default_member_permissions`).

use super::{Context, Invocation, Kind, OptionKind, OptionSpec, Run, Server, Spec};
use crate::reply::Reply;
use crate::settings::{Change, GuildSettings, parse_rate};

/// The settings to show, with the changes asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub log_questions: Option<bool>,
    /// As typed: `5/10s`, or `default`.
    pub cooldown: Option<String>,
    pub answer_in: Option<u64>,
    pub stop_answering_in: Option<u64>,
}

const fn option(name: &'static str, description: &'static str, kind: OptionKind) -> OptionSpec {
    OptionSpec {
        name,
        description,
        kind,
        required: false,
        autocomplete: false,
        max_length: None,
    }
}

const LOG: OptionSpec = option(
    "log_questions",
    "Keep questions the bot could not answer, never who asked, for the bot's operator",
    OptionKind::Flag,
);
const COOLDOWN: OptionSpec = option(
    "cooldown",
    "Questions per user per window, like 5/10s; `default` for the bot's own",
    OptionKind::Text,
);
const ANSWER_IN: OptionSpec = option(
    "answer_in",
    "A channel where the bot answers questions without being mentioned",
    OptionKind::Channel,
);
const STOP_ANSWERING_IN: OptionSpec = option(
    "stop_answering_in",
    "A channel where it should wait to be mentioned again",
    OptionKind::Channel,
);

/// Why answering unasked cannot be turned on.
const NO_MESSAGE_CONTENT: &str = "I can only answer in a channel without being mentioned if I may read its messages: \
     my operator has to turn on the Message Content intent (IPWEST_MESSAGE_CONTENT=on, and the switch on the Bot page \
     of the developer portal). Until then, mention me or use /ask.";

impl Run for Settings {
    const SPEC: Spec = Spec {
        name: "settings",
        description: "Show or change how the bot behaves in this server",
        help: "",
        options: &[LOG, COOLDOWN, ANSWER_IN, STOP_ANSWERING_IN],
        kind: Kind::Slash,
        console: false,
        private: true,
        admin: true,
    };

    fn parse(invocation: &Invocation) -> Settings {
        let cooldown = invocation.text(COOLDOWN.name);
        Settings {
            log_questions: invocation.given_flag(LOG.name),
            cooldown: (!cooldown.trim().is_empty()).then_some(cooldown),
            answer_in: invocation.channel(ANSWER_IN.name),
            stop_answering_in: invocation.channel(STOP_ANSWERING_IN.name),
        }
    }

    fn run(self, context: &Context<'_>) -> Reply {
        let Some(server) = context.server else {
            return Reply::problem("Settings are kept per server: use /settings in one.");
        };
        match self.change(&server) {
            Err(why) => Reply::problem(&why),
            Ok(change) => {
                let title = if change.is_empty() {
                    "Settings"
                } else {
                    "Settings saved"
                };
                Reply::notice(title, &describe(&change.apply(server.settings), &server))
            }
        }
    }
}

impl Settings {
    /// The change asked for, or why it cannot be made.
    pub fn change(&self, server: &Server<'_>) -> Result<Change, String> {
        let cooldown = match self.cooldown.as_deref().map(str::trim) {
            None => None,
            Some(text) if text.eq_ignore_ascii_case("default") => Some(None),
            Some(text) => Some(Some(parse_rate(text).ok_or_else(|| {
                format!(
                    "A cooldown is questions per seconds, like `5/10s`, or `default`; not `{text}`."
                )
            })?)),
        };
        if self.answer_in.is_some() && !server.reads_messages {
            return Err(NO_MESSAGE_CONTENT.to_owned());
        }
        Ok(Change {
            log_questions: self.log_questions,
            cooldown,
            answer_in: self.answer_in,
            stop_answering_in: self.stop_answering_in,
        })
    }
}

/// The settings as the admins read them, with how to change each.
fn describe(settings: &GuildSettings, server: &Server<'_>) -> String {
    let logging = if settings.log_questions {
        "**on**: questions I could not answer (never who asked) are kept for my operator's `ipwest gaps`"
    } else {
        "**off**: no question is kept"
    };
    let cooldown = match settings.cooldown {
        Some(rate) => format!("**{rate}** per user (this server's)"),
        None => format!(
            "**{}** per user (the bot's default)",
            server.default_cooldown
        ),
    };
    let channels = if !server.reads_messages {
        format!("unavailable. {NO_MESSAGE_CONTENT}")
    } else if settings.auto_answer.is_empty() {
        "none: I answer when mentioned, in DMs and with /ask".to_owned()
    } else {
        let channels: Vec<String> = settings
            .auto_answer
            .iter()
            .map(|c| format!("<#{c}>"))
            .collect();
        format!(
            "{} (each message there, and the first message of each new post in a forum; only when I know the answer)",
            channels.join(", ")
        )
    };
    format!(
        "**Question logging**: {logging}\n**Cooldown**: {cooldown}\n**Answering without a mention in**: {channels}\n\n\
         Change them with `/settings log_questions:` `cooldown:` `answer_in:` `stop_answering_in:`."
    )
}
