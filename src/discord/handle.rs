//! The pure handler: an interaction (serenity's model) and the engine in, a
//! [`CreateInteractionResponse`] out; a message in, maybe a reply out. It turns what
//! Discord sent into a [`Command`], lets the core answer it, and renders the reply, so
//! the gateway and the HTTP endpoint cannot answer differently.

use serenity::all::{
    ActionRowComponent, AutocompleteChoice, ChannelId, CommandDataOptionValue, CommandInteraction,
    ComponentInteraction, ComponentInteractionDataKind, CreateAutocompleteResponse,
    CreateInteractionResponse, CreateMessage, GuildId, Interaction, InteractionId, Message,
    MessageId, MessageInteractionMetadata, ModalInteraction, ResolvedTarget, Timestamp, UserId,
};

use super::action::{Action, COMMENT_INPUT, COMMENT_MODAL};
use super::render::{self, DiscordMessage};
use crate::Engine;
use crate::command::{self, Command, Context, HIDE, Invocation, Value};
use crate::facts::AsOf;
use crate::limits::{self, fit, fit_id};
use crate::reply::Reply;
use crate::store::event::{self, Asking, Event, Vote};

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

/// A response, its summary, and the events to record once it is sent.
#[derive(Debug, Clone)]
pub struct Handled<T> {
    pub response: T,
    pub summary: Summary,
    pub events: Vec<Event>,
}

/// The response to an interaction.
pub fn interaction(
    engine: &Engine,
    interaction: &Interaction,
) -> Handled<CreateInteractionResponse> {
    match interaction {
        Interaction::Ping(_) => Handled {
            response: CreateInteractionResponse::Pong,
            summary: summary("ping", None),
            events: Vec::new(),
        },
        Interaction::Command(command) => run_command(engine, command),
        Interaction::Autocomplete(command) => autocomplete(engine, command),
        Interaction::Component(component) => press(engine, component),
        Interaction::Modal(modal) => comment(modal),
        _ => respond(
            "unsupported",
            &Reply::problem("I can't handle that kind of interaction."),
            true,
            Vec::new(),
        ),
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
    let ask = Command::Ask(command::Ask {
        question: question.clone(),
    });
    let received = Received::new(message.id.get(), message.guild_id);
    let reply = ask.run(&received.context(engine));
    Some(Handled {
        summary: summary("message", Some(&reply)),
        events: received.events(Some(&question), &reply),
        response: render::reply(&reply).into_reply(message.channel_id, message.id),
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

/// An interaction or message received, by its Discord id: the moment the id was
/// made dates the question, so "last year" means the year it was asked, and the id
/// is as good as random.
struct Received {
    id: u64,
    made: Timestamp,
    guild: Option<u64>,
}

impl Received {
    fn new(id: u64, guild: Option<GuildId>) -> Received {
        Received {
            id,
            made: InteractionId::new(id).created_at(),
            guild: guild.map(GuildId::get),
        }
    }

    fn context<'a>(&self, engine: &'a Engine) -> Context<'a> {
        let today = AsOf::from_unix_seconds(self.made.unix_timestamp())
            .unwrap_or_else(|| AsOf::from_unix_seconds(0).expect("1970 is a date"));
        Context {
            engine,
            today,
            seed: self.id,
        }
    }

    fn events(&self, question: Option<&str>, reply: &Reply) -> Vec<Event> {
        let asking = Asking {
            id: self.id,
            at: self.made.unix_timestamp(),
            guild: self.guild,
            question,
        };
        event::of_reply(asking, reply)
    }
}

fn run_command(
    engine: &Engine,
    interaction: &CommandInteraction,
) -> Handled<CreateInteractionResponse> {
    let invocation = invocation(interaction);
    let command = Command::parse(&invocation);
    let private = invocation.flag(HIDE.name) || command.spec().is_some_and(|spec| spec.private);
    let what = match &command {
        Command::Unknown(_) => "unknown-command".to_owned(),
        _ => fit(&invocation.name, 32),
    };
    let received = Received::new(interaction.id.get(), interaction.guild_id);
    let question = command.question().map(str::to_owned);
    let reply = command.run(&received.context(engine));
    let events = received.events(question.as_deref(), &reply);
    respond(&what, &reply, private, events)
}

/// The command as Discord sent it, in the core's terms.
fn invocation(interaction: &CommandInteraction) -> Invocation {
    let options = interaction.data.options.iter().filter_map(|option| {
        let value = match &option.value {
            CommandDataOptionValue::String(text) => Value::Text(text.clone()),
            CommandDataOptionValue::Autocomplete { value, .. } => Value::Text(value.clone()),
            CommandDataOptionValue::Boolean(flag) => Value::Flag(*flag),
            _ => return None,
        };
        Some((option.name.clone(), value))
    });
    let target = match interaction.data.target() {
        Some(ResolvedTarget::Message(message)) => Some(message.content.clone()),
        _ => None,
    };
    Invocation {
        name: interaction.data.name.clone(),
        options: options.collect(),
        target,
    }
}

/// A button or menu choice: the command its custom id encodes, shown to the one who
/// pressed it, not the whole channel.
fn press(engine: &Engine, component: &ComponentInteraction) -> Handled<CreateInteractionResponse> {
    let custom_id = component.data.custom_id.as_str();
    let action = match &component.data.kind {
        ComponentInteractionDataKind::Button => Action::parse(custom_id, &[]),
        ComponentInteractionDataKind::StringSelect { values } => Action::parse(custom_id, values),
        _ => None,
    };
    let (what, command) = match action {
        Some(Action::Vote { up, fact }) => return vote(component, up, fact),
        Some(Action::ShowFact(id)) => ("button", Command::Fact(command::Fact::by_id(&id))),
        Some(Action::ShowTopic(topic)) => (
            "topic-menu",
            Command::Topics(command::Topics { topic: Some(topic) }),
        ),
        None => {
            let reply = Reply::problem("That button no longer does anything.");
            return respond("unknown-component", &reply, true, Vec::new());
        }
    };
    let received = Received::new(component.id.get(), component.guild_id);
    let reply = command.run(&received.context(engine));
    respond(what, &reply, true, received.events(None, &reply))
}

/// A 👍 or 👎 on an answer: recorded (one per user and answer; a second press changes
/// it), thanked for, and for a 👎, a form asking what was wrong.
fn vote(
    component: &ComponentInteraction,
    up: bool,
    fact: String,
) -> Handled<CreateInteractionResponse> {
    let answer = &component.message;
    // The question is the slash command's interaction, or the message replied to.
    let asked_in = match answer.interaction_metadata.as_deref() {
        Some(MessageInteractionMetadata::Command(command)) => command.id.get(),
        _ => answer
            .message_reference
            .as_ref()
            .and_then(|reference| reference.message_id)
            .map_or(0, MessageId::get),
    };
    let received = Received::new(component.id.get(), component.guild_id);
    let vote = Vote {
        message: answer.id.get(),
        user: component.user.id.get(),
        asked_in,
        fact: fact.clone(),
        guild: received.guild,
        up,
        at: received.made.unix_timestamp(),
    };
    let response = if up {
        render::notice("Thanks!", "Glad it helped: your 👍 is counted.")
            .ephemeral(true)
            .into_response()
    } else {
        render::comment_form()
    };
    Handled {
        response,
        summary: Summary {
            fact: Some(fact),
            ..summary(if up { "vote-up" } else { "vote-down" }, None)
        },
        events: vec![Event::Voted(vote)],
    }
}

/// What a 👎 voter wrote in "What was wrong?": kept with their vote.
fn comment(modal: &ModalInteraction) -> Handled<CreateInteractionResponse> {
    let (Some(answer), COMMENT_MODAL) = (&modal.message, modal.data.custom_id.as_str()) else {
        return respond(
            "unknown-modal",
            &Reply::problem("That form no longer does anything."),
            true,
            Vec::new(),
        );
    };
    let text = modal
        .data
        .components
        .iter()
        .flat_map(|row| &row.components)
        .find_map(|component| match component {
            ActionRowComponent::InputText(input) if input.custom_id == COMMENT_INPUT => {
                input.value.clone()
            }
            _ => None,
        })
        .unwrap_or_default();
    let text = fit(text.trim(), limits::COMMENT);
    let events = if text.is_empty() {
        Vec::new()
    } else {
        vec![Event::Commented {
            message: answer.id.get(),
            user: modal.user.id.get(),
            text,
        }]
    };
    let thanks = render::notice(
        "Thanks!",
        "Your 👎 is counted; what you wrote goes to the people who keep the facts.",
    );
    Handled {
        response: thanks.ephemeral(true).into_response(),
        summary: summary("vote-comment", None),
        events,
    }
}

fn autocomplete(
    engine: &Engine,
    interaction: &CommandInteraction,
) -> Handled<CreateInteractionResponse> {
    let (option, typed) = interaction
        .data
        .autocomplete()
        .map_or(("", ""), |option| (option.name, option.value));
    let name = &interaction.data.name;
    let choices = Command::complete(
        name,
        engine.base(),
        option,
        typed,
        limits::AUTOCOMPLETE_CHOICES,
    )
    .into_iter()
    .map(|choice| {
        AutocompleteChoice::new(
            fit(&choice.name, limits::AUTOCOMPLETE_TEXT),
            fit_id(&choice.value, limits::AUTOCOMPLETE_TEXT),
        )
    });
    Handled {
        response: CreateInteractionResponse::Autocomplete(
            CreateAutocompleteResponse::new().set_choices(choices.collect()),
        ),
        summary: summary(&format!("{} autocomplete", fit(name, 32)), None),
        events: Vec::new(),
    }
}

fn respond(
    what: &str,
    reply: &Reply,
    private: bool,
    events: Vec<Event>,
) -> Handled<CreateInteractionResponse> {
    let message = render::reply(reply);
    let private = private || message.ephemeral;
    Handled {
        response: message.ephemeral(private).into_response(),
        summary: summary(what, Some(reply)),
        events,
    }
}

fn summary(what: &str, reply: Option<&Reply>) -> Summary {
    Summary {
        what: what.to_owned(),
        fact: reply.and_then(Reply::fact).map(str::to_owned),
        confidence: reply.and_then(Reply::confidence),
    }
}

/// The message's text without the mentions of the bot.
fn strip_mentions_of(content: &str, bot: UserId) -> String {
    content
        .replace(&format!("<@{bot}>"), " ")
        .replace(&format!("<@!{bot}>"), " ")
        .trim()
        .to_owned()
}
