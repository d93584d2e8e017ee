//! The pure handler: an interaction (serenity's model) and the engine in, a
//! [`CreateInteractionResponse`] out; a message in, maybe a reply out. The gateway and
//! the HTTP endpoint only carry what these return, so they cannot answer differently.

use serenity::all::{
    AutocompleteChoice, ChannelId, CommandDataOptionValue, CommandInteraction, CommandType,
    ComponentInteraction, ComponentInteractionDataKind, CreateAutocompleteResponse,
    CreateInteractionResponse, CreateMessage, Interaction, Message, MessageId, ResolvedTarget,
    Timestamp, UserId,
};

use super::action::Action;
use super::commands::{self, option};
use super::render::{self, DiscordMessage, topic_colour};
use crate::facts::AsOf;
use crate::limits::{self, fit, fit_id};
use crate::reply::{FactCard, Reply};
use crate::{Engine, lookup};

/// What was handled, for the log line: never the user's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The command, component or "message".
    pub what: String,
    /// The fact shown, if one was.
    pub fact: Option<String>,
    /// The engine's confidence, for a question.
    pub confidence: Option<f32>,
}

/// A response and its summary.
#[derive(Debug, Clone)]
pub struct Handled<T> {
    pub response: T,
    pub summary: Summary,
}

/// The response to an interaction.
pub fn interaction(
    engine: &Engine,
    interaction: &Interaction,
) -> Handled<CreateInteractionResponse> {
    match interaction {
        Interaction::Ping(_) => Handled {
            response: CreateInteractionResponse::Pong,
            summary: summary("ping"),
        },
        Interaction::Command(command) => respond(run_command(engine, command)),
        Interaction::Autocomplete(command) => autocomplete(engine, command),
        Interaction::Component(component) => respond(press(engine, component)),
        _ => respond(Shown::error(
            "unsupported",
            "I can't handle that kind of interaction.",
        )),
    }
}

/// The reply to a chat message, when it is for the bot: it mentions the bot (`bot`) or
/// is a DM, and comes from a person.
pub fn message(engine: &Engine, message: &Message, bot: UserId) -> Option<Handled<CreateMessage>> {
    let mentioned = message.mentions.iter().any(|user| user.id == bot);
    if message.author.bot || (message.guild_id.is_some() && !mentioned) {
        return None;
    }
    let question = strip_mentions_of(&message.content, bot);
    let shown = if question.trim().is_empty() {
        Shown::plain("message", render::notice("Ask me something", HELP_TEXT))
    } else {
        ask(
            engine,
            "message",
            &question,
            day_of(message.id.created_at()),
        )
    };
    Some(Handled {
        response: shown.message.into_reply(message.channel_id, message.id),
        summary: shown.summary,
    })
}

/// The ephemeral reply to a user over the cooldown.
pub fn slow_down() -> CreateInteractionResponse {
    slow_down_notice().ephemeral(true).into_response()
}

/// The reply to a chat message from a user over the cooldown.
pub fn slow_down_message(channel: ChannelId, to: MessageId) -> CreateMessage {
    slow_down_notice().into_reply(channel, to)
}

fn slow_down_notice() -> DiscordMessage {
    render::notice(
        "Slow down",
        "You're asking faster than I can keep up with; try again in a few seconds.",
    )
}

/// A message to show and what it shows.
struct Shown {
    message: DiscordMessage,
    summary: Summary,
}

impl Shown {
    fn plain(what: &str, message: DiscordMessage) -> Shown {
        Shown {
            message,
            summary: summary(what),
        }
    }

    fn error(what: &str, text: &str) -> Shown {
        Shown::plain(what, render::notice("Sorry", text).ephemeral(true))
    }

    fn card(what: &str, engine: &Engine, fact: &crate::facts::Fact) -> Shown {
        Shown {
            message: render::fact_card(&FactCard::new(engine.base(), fact)),
            summary: Summary {
                fact: Some(fact.id.clone()),
                ..summary(what)
            },
        }
    }
}

fn summary(what: &str) -> Summary {
    Summary {
        what: what.to_owned(),
        fact: None,
        confidence: None,
    }
}

fn respond(shown: Shown) -> Handled<CreateInteractionResponse> {
    Handled {
        response: shown.message.into_response(),
        summary: shown.summary,
    }
}

/// The day a Discord id was made, which dates the question it carries: the handler
/// stays pure, and "last year" means the year of the question.
fn day_of(moment: Timestamp) -> AsOf {
    AsOf::from_unix_seconds(moment.unix_timestamp())
        .unwrap_or_else(|| AsOf::from_unix_seconds(0).expect("1970 is a date"))
}

fn ask(engine: &Engine, what: &str, question: &str, today: AsOf) -> Shown {
    let outcome = engine.ask(question, today);
    let reply = Reply::new(engine.base(), &outcome);
    Shown {
        message: render::reply(&reply),
        summary: Summary {
            what: what.to_owned(),
            fact: outcome.answer().map(|f| f.id.clone()),
            confidence: Some(outcome.confidence()),
        },
    }
}

fn run_command(engine: &Engine, command: &CommandInteraction) -> Shown {
    let name = command.data.name.as_str();
    let today = day_of(command.id.created_at());
    let hide = boolean(command, option::HIDE);
    let base = engine.base();
    let shown = match (command.data.kind, name) {
        (CommandType::Message, commands::ASK_MESSAGE) => match command.data.target() {
            Some(ResolvedTarget::Message(target)) if !target.content.trim().is_empty() => {
                ask(engine, name, &target.content, today)
            }
            _ => Shown::error(name, "That message has no text I can read."),
        },
        (_, commands::ASK) => ask(engine, name, &string(command, option::QUESTION), today),
        (_, commands::FACT) => {
            let value = string(command, option::TOPIC);
            match lookup::fact_named(base, &value) {
                Some(fact) => Shown::card(name, engine, fact),
                None => ask(engine, name, &value, today),
            }
        }
        (_, commands::TOPICS) => Shown::plain(name, render::topics(&base.topics())),
        (_, commands::PLACE) => {
            let place = string(command, option::NAME);
            let facts = lookup::facts_about(base, &place);
            match facts.first() {
                Some(first) => {
                    let place = first
                        .places
                        .iter()
                        .find(|p| p.eq_ignore_ascii_case(place.trim()))
                        .unwrap_or(&place);
                    let heading = format!("Facts about {place}");
                    Shown::plain(
                        name,
                        render::fact_list(&heading, topic_colour(&first.topic), &facts),
                    )
                }
                None => {
                    let known = base.places().join(", ");
                    Shown::error(
                        name,
                        &format!(
                            "I have no facts about \u{201c}{}\u{201d}. I know about: {known}.",
                            place.trim()
                        ),
                    )
                }
            }
        }
        (_, commands::RANDOM) => {
            // The interaction id is as good as random and keeps the handler pure.
            let facts = base.facts();
            Shown::card(
                name,
                engine,
                &facts[(command.id.get() % facts.len() as u64) as usize],
            )
        }
        (_, commands::ABOUT) => Shown::plain(
            name,
            render::notice(
                &format!("ipwest {}", env!("CARGO_PKG_VERSION")),
                &about(engine),
            ),
        ),
        (_, commands::HELP) => Shown::plain(
            name,
            render::notice("How to use ipwest", HELP_TEXT).ephemeral(true),
        ),
        _ => Shown::error(
            "unknown-command",
            &format!(
                "I don't know the command \u{201c}{}\u{201d}. Try /help.",
                fit(name, 100)
            ),
        ),
    };
    Shown {
        message: if hide {
            shown.message.ephemeral(true)
        } else {
            shown.message
        },
        ..shown
    }
}

fn press(engine: &Engine, component: &ComponentInteraction) -> Shown {
    let custom_id = component.data.custom_id.as_str();
    let action = match &component.data.kind {
        ComponentInteractionDataKind::Button => Action::parse(custom_id, &[]),
        ComponentInteractionDataKind::StringSelect { values } => Action::parse(custom_id, values),
        _ => None,
    };
    let base = engine.base();
    let shown = match action {
        Some(Action::ShowFact(id)) => match base.get(&id) {
            Some(fact) => Shown::card("button", engine, fact),
            None => Shown::error("button", "That fact is no longer in my fact base."),
        },
        Some(Action::ShowTopic(topic)) => {
            let facts: Vec<_> = base.facts().iter().filter(|f| f.topic == topic).collect();
            if facts.is_empty() {
                Shown::error("topic-menu", "That topic is no longer in my fact base.")
            } else {
                Shown::plain(
                    "topic-menu",
                    render::fact_list(&topic, topic_colour(&topic), &facts),
                )
            }
        }
        None => Shown::error("unknown-component", "That button no longer does anything."),
    };
    // What a button shows is for the one who pressed it, not the whole channel.
    Shown {
        message: shown.message.ephemeral(true),
        ..shown
    }
}

fn autocomplete(
    engine: &Engine,
    command: &CommandInteraction,
) -> Handled<CreateInteractionResponse> {
    let typed = command
        .data
        .autocomplete()
        .map_or("", |option| option.value);
    let base = engine.base();
    let limit = limits::AUTOCOMPLETE_CHOICES;
    let choices: Vec<AutocompleteChoice> = match command.data.name.as_str() {
        commands::FACT => lookup::facts(base, typed, limit)
            .into_iter()
            .map(|f| choice(&f.title, &f.id))
            .collect(),
        commands::PLACE => lookup::places(base, typed, limit)
            .into_iter()
            .map(|p| choice(p, p))
            .collect(),
        _ => Vec::new(),
    };
    Handled {
        response: CreateInteractionResponse::Autocomplete(
            CreateAutocompleteResponse::new().set_choices(choices),
        ),
        summary: summary(&format!("{} autocomplete", fit(&command.data.name, 32))),
    }
}

fn choice(name: &str, value: &str) -> AutocompleteChoice {
    AutocompleteChoice::new(
        fit(name, limits::AUTOCOMPLETE_TEXT),
        fit_id(value, limits::AUTOCOMPLETE_TEXT),
    )
}

fn string(command: &CommandInteraction, name: &str) -> String {
    command
        .data
        .options
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| match &o.value {
            CommandDataOptionValue::String(s) => Some(s.clone()),
            CommandDataOptionValue::Autocomplete { value, .. } => Some(value.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn boolean(command: &CommandInteraction, name: &str) -> bool {
    command
        .data
        .options
        .iter()
        .any(|o| o.name == name && o.value == CommandDataOptionValue::Boolean(true))
}

/// The message's text without the mentions of the bot.
fn strip_mentions_of(content: &str, bot: UserId) -> String {
    content
        .replace(&format!("<@{bot}>"), " ")
        .replace(&format!("<@!{bot}>"), " ")
        .trim()
        .to_owned()
}

fn about(engine: &Engine) -> String {
    let base = engine.base();
    let article = base.sources().values().find(|s| s.via.is_none());
    let source = article.map_or_else(String::new, |s| format!("\u{201c}{}\u{201d}", s.title));
    format!(
        "I answer questions about intellectual property (patents, trademarks, geographical indications) in western China \
         from {} curated facts in {} topics, drawn from {source}. Every answer cites its source and the date its figure \
         refers to; when my facts don't answer a question, I say so instead of guessing.",
        base.facts().len(),
        base.topics().len(),
    )
}

const HELP_TEXT: &str = "\
**/ask** `question` — ask in your own words: *How many GI products does western China have?*\n\
**/fact** `topic` — look a fact up by its title (suggestions appear as you type)\n\
**/topics** — browse the topics, **/place** `name` — the facts about a place\n\
**/random** — a random fact, **/about** — where the facts come from\n\
Add `hide: True` to see an answer only yourself. You can also mention me with a question, \
DM me, or use **Apps → Ask ipwest** on any message.";
