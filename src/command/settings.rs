//! `/settings [log_questions:] [cooldown:] [answer_in:] [stop_answering_in:]`: a
//! server's settings, shown to its admins, and changed by them. Only members who may
//! manage the server see the command (Discord's `default_member_permissions`).

use super::{Context, Invocation, Kind, OptionKind, OptionSpec, Run, Server, Spec};
use crate::lang::Lang;
use crate::reply::Reply;
use crate::settings::{Change, GuildSettings, parse_rate};
use crate::ui::{self, Text};

/// The settings to show, with the changes asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub log_questions: Option<bool>,
    /// As typed: `5/10s`, or `default`.
    pub cooldown: Option<String>,
    pub answer_in: Option<u64>,
    pub stop_answering_in: Option<u64>,
}

/// An optional option of `/settings`; its description is in the catalogue.
const fn option(name: &'static str, kind: OptionKind) -> OptionSpec {
    OptionSpec {
        name,
        kind,
        required: false,
        autocomplete: false,
        max_length: None,
    }
}

const LOG: OptionSpec = option("log_questions", OptionKind::Flag);
const COOLDOWN: OptionSpec = option("cooldown", OptionKind::Text);
const ANSWER_IN: OptionSpec = option("answer_in", OptionKind::Channel);
const STOP_ANSWERING_IN: OptionSpec = option("stop_answering_in", OptionKind::Channel);

impl Run for Settings {
    const SPEC: Spec = Spec {
        name: "settings",
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
        let lang = context.lang("");
        let Some(server) = context.server else {
            return Reply::problem(lang, ui::text(lang, Text::SettingsPerServer));
        };
        match self.change(&server, lang) {
            Err(why) => Reply::problem(lang, &why),
            Ok(change) => {
                let title = if change.is_empty() {
                    Text::SettingsTitle
                } else {
                    Text::SettingsSaved
                };
                let settings = change.apply(server.settings);
                Reply::notice(ui::text(lang, title), &describe(&settings, &server, lang))
            }
        }
    }
}

impl Settings {
    /// The change asked for, or why it cannot be made (in `lang`).
    pub fn change(&self, server: &Server<'_>, lang: Lang) -> Result<Change, String> {
        let cooldown = match self.cooldown.as_deref().map(str::trim) {
            None => None,
            Some(text) if text.eq_ignore_ascii_case("default") => Some(None),
            Some(text) => {
                Some(Some(parse_rate(text).ok_or_else(|| {
                    ui::fill(lang, Text::BadCooldown, &[("text", text)])
                })?))
            }
        };
        if self.answer_in.is_some() && !server.reads_messages {
            return Err(ui::text(lang, Text::NoMessageContent).to_owned());
        }
        Ok(Change {
            log_questions: self.log_questions,
            cooldown,
            answer_in: self.answer_in,
            stop_answering_in: self.stop_answering_in,
        })
    }
}

/// The settings as the admins read them, with how to change each, in `lang`.
fn describe(settings: &GuildSettings, server: &Server<'_>, lang: Lang) -> String {
    let logging = ui::text(
        lang,
        if settings.log_questions {
            Text::LoggingOn
        } else {
            Text::LoggingOff
        },
    );
    let cooldown = match settings.cooldown {
        Some(rate) => ui::fill(lang, Text::CooldownServer, &[("rate", &rate.to_string())]),
        None => {
            let rate = server.default_cooldown.to_string();
            ui::fill(lang, Text::CooldownDefault, &[("rate", &rate)])
        }
    };
    let channels = if !server.reads_messages {
        let why = ui::text(lang, Text::NoMessageContent);
        ui::fill(lang, Text::ChannelsUnavailable, &[("why", why)])
    } else if settings.auto_answer.is_empty() {
        ui::text(lang, Text::ChannelsNone).to_owned()
    } else {
        let channels: Vec<String> = settings
            .auto_answer
            .iter()
            .map(|c| format!("<#{c}>"))
            .collect();
        let channels = ui::list(lang, &channels);
        ui::fill(lang, Text::ChannelsSome, &[("channels", &channels)])
    };
    let values = [
        ("logging", logging),
        ("cooldown", cooldown.as_str()),
        ("channels", channels.as_str()),
    ];
    ui::fill(lang, Text::SettingsSummary, &values)
}
