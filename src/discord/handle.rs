//! The pure handler: an interaction (serenity's model) and the engine in, a
//! [`CreateInteractionResponse`] out; a message in, maybe a reply out. It turns what
//! Discord sent into a [`Command`], lets the core answer it, and renders the reply, so
//! the gateway and the HTTP endpoint cannot answer differently.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use serenity::all::{
    ActionRowComponent, AutocompleteChoice, ChannelId, CommandDataOptionValue, CommandInteraction,
    ComponentInteraction, ComponentInteractionDataKind, CreateAutocompleteResponse,
    CreateInteractionResponse, CreateMessage, GuildId, Interaction, InteractionId, Message,
    MessageId, MessageInteractionMetadata, ModalInteraction, ResolvedTarget, Timestamp, UserId,
};

use super::action::{Action, COMMENT_INPUT, COMMENT_MODAL};
use super::cooldown::Rate;
use super::render::{self, ChartImage, DiscordMessage};
use crate::Engine;
use crate::chart::Drawn;
use crate::command::{self, Command, Context, HIDE, Invocation, Server, Value};
use crate::facts::AsOf;
use crate::lang::Lang;
use crate::limits::{self, fit, fit_id};
use crate::reply::Reply;
use crate::settings::{GuildSettings, Settings};
use crate::store::event::{self, Asking, Event, Vote};
use crate::ui::{self, Text};

/// What was handled, for the log line: never the user's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The command, component or "message".
    pub what: String,
    /// The fact shown, if one was.
    pub fact: Option<String>,
    /// The engine's confidence, for a question.
    pub confidence: Option<f32>,
    /// Files the response uploads (a chart's image).
    pub files: usize,
}

/// A response, its summary, and the events to record once it is sent.
#[derive(Debug, Clone)]
pub struct Handled<T> {
    pub response: T,
    pub summary: Summary,
    pub events: Vec<Event>,
}

/// What the handler answers from: the engine, each server's settings, and what the
/// operator set up.
#[derive(Clone, Copy)]
pub struct Setup<'a> {
    pub engine: &'a Engine,
    pub settings: &'a Settings,
    /// The cooldown of servers that set none.
    pub default_cooldown: Rate,
    /// The bot has the Message Content intent: it may read messages that do not
    /// mention it.
    pub reads_messages: bool,
    /// Where the web pages are published (`IPWEST_PUBLIC_URL`): answers link there.
    pub public_url: Option<&'a str>,
    /// Responses may carry files (the gateway's do; the HTTP endpoint's JSON does not).
    pub sends_files: bool,
}

/// The settings of a server that has set none.
static NO_SETTINGS: GuildSettings = GuildSettings {
    log_questions: false,
    cooldown: None,
    auto_answer: BTreeSet::new(),
};

impl<'a> Setup<'a> {
    /// Just the engine: no server has settings, and no message is read unasked.
    pub fn engine(engine: &'a Engine) -> Setup<'a> {
        static NONE: LazyLock<Settings> = LazyLock::new(Settings::new);
        Setup {
            engine,
            settings: &NONE,
            default_cooldown: Rate::default(),
            reads_messages: false,
            public_url: None,
            sends_files: true,
        }
    }

    /// The settings of server `guild`.
    pub fn guild(&self, guild: u64) -> &'a GuildSettings {
        self.settings.get(&guild).unwrap_or(&NO_SETTINGS)
    }
}

/// The response to an interaction.
pub fn interaction(
    setup: &Setup<'_>,
    interaction: &Interaction,
) -> Handled<CreateInteractionResponse> {
    let engine = setup.engine;
    match interaction {
        Interaction::Ping(_) => Handled {
            response: CreateInteractionResponse::Pong,
            summary: summary("ping", None),
            events: Vec::new(),
        },
        Interaction::Command(command) => run_command(setup, command),
        Interaction::Autocomplete(command) => autocomplete(engine, command),
        Interaction::Component(component) => press(setup, component),
        Interaction::Modal(modal) => comment(modal),
        _ => {
            let lang = Lang::En;
            let reply = Reply::problem(lang, ui::text(lang, Text::UnhandledInteraction));
            respond("unsupported", &reply, lang, true, Vec::new(), None)
        }
    }
}

/// The language a Discord locale asks for, if the bot writes it.
fn locale(locale: &str) -> Option<Lang> {
    Lang::of_locale(locale)
}

/// The reply to a chat message, when it is for the bot and comes from a person: it
/// mentions the bot (`bot`), or is a DM, or is in a channel where the server's admins
/// want questions answered unasked (then only an answer is sent, never "I don't
/// know"). `parent` is the channel of the thread the message starts, if it starts one:
/// a new post in a forum.
pub fn message(
    setup: &Setup<'_>,
    message: &Message,
    bot: UserId,
    parent: Option<ChannelId>,
) -> Option<Handled<CreateMessage>> {
    if message.author.bot {
        return None;
    }
    let mentioned = message.mentions.iter().any(|user| user.id == bot);
    let unasked = match message.guild_id {
        None => false,
        Some(_) if mentioned => false,
        Some(guild) => {
            let channels = &setup.guild(guild.get()).auto_answer;
            let here = channels.contains(&message.channel_id.get());
            let starts_post = parent.is_some_and(|p| channels.contains(&p.get()));
            if !(setup.reads_messages && (here || starts_post)) {
                return None;
            }
            true
        }
    };
    let question = strip_mentions_of(&message.content, bot);
    let ask = Command::Ask(command::Ask {
        question: question.clone(),
    });
    let received = Received::new(message.id.get(), message.guild_id);
    let context = received.context(setup, None);
    let lang = ask.lang(&context);
    let reply = ask.run(&context);
    if unasked && !matches!(reply, Reply::Answer { .. }) {
        return None;
    }
    Some(Handled {
        summary: summary("message", Some(&reply)),
        events: received.events(Some(&question), &reply),
        response: render::reply(&reply, lang)
            .at_site(setup.public_url)
            .into_reply(message.channel_id, message.id),
    })
}

/// The ephemeral reply to a user over the cooldown, in their locale's language.
pub fn slow_down(interaction: &Interaction) -> CreateInteractionResponse {
    let lang = match interaction {
        Interaction::Command(i) | Interaction::Autocomplete(i) => locale(&i.locale),
        Interaction::Component(i) => locale(&i.locale),
        Interaction::Modal(i) => locale(&i.locale),
        _ => None,
    };
    slow_down_notice(lang.unwrap_or_default())
        .ephemeral(true)
        .into_response()
}

/// The reply to a chat message from a user over the cooldown, in the message's
/// language.
pub fn slow_down_message(message: &Message) -> CreateMessage {
    slow_down_notice(Lang::of(&message.content)).into_reply(message.channel_id, message.id)
}

fn slow_down_notice(lang: Lang) -> DiscordMessage {
    let text = |key| ui::text(lang, key);
    render::notice(text(Text::SlowDownTitle), text(Text::SlowDownText)).in_script(lang)
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

    /// The context of a command received from a user whose Discord is set to
    /// `locale` (none: a message, which has no locale).
    fn context<'a>(&self, setup: &Setup<'a>, locale: Option<Lang>) -> Context<'a> {
        let today = AsOf::from_unix_seconds(self.made.unix_timestamp())
            .unwrap_or_else(|| AsOf::from_unix_seconds(0).expect("1970 is a date"));
        Context {
            engine: setup.engine,
            today,
            seed: self.id,
            server: self.guild.map(|guild| Server {
                settings: setup.guild(guild),
                default_cooldown: setup.default_cooldown,
                reads_messages: setup.reads_messages,
            }),
            locale,
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
    setup: &Setup<'_>,
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
    let context = received.context(setup, locale(&interaction.locale));
    let lang = command.lang(&context);
    let question = command.question().map(str::to_owned);
    let changed = match (&command, context.server, received.guild) {
        (Command::Settings(asked), Some(server), Some(guild)) => asked
            .change(&server, lang)
            .ok()
            .filter(|change| !change.is_empty())
            .map(|change| Event::SettingsChanged {
                guild,
                settings: change.apply(server.settings),
                at: received.made.unix_timestamp(),
            }),
        _ => None,
    };
    let reply = command.run(&context);
    let mut events = received.events(question.as_deref(), &reply);
    events.extend(changed);
    respond(&what, &reply, lang, private, events, setup.public_url)
}

/// The command as Discord sent it, in the core's terms.
fn invocation(interaction: &CommandInteraction) -> Invocation {
    let options = interaction.data.options.iter().filter_map(|option| {
        let value = match &option.value {
            CommandDataOptionValue::String(text) => Value::Text(text.clone()),
            CommandDataOptionValue::Autocomplete { value, .. } => Value::Text(value.clone()),
            CommandDataOptionValue::Boolean(flag) => Value::Flag(*flag),
            CommandDataOptionValue::Channel(channel) => Value::Channel(channel.get()),
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
fn press(
    setup: &Setup<'_>,
    component: &ComponentInteraction,
) -> Handled<CreateInteractionResponse> {
    let custom_id = component.data.custom_id.as_str();
    let action = match &component.data.kind {
        ComponentInteractionDataKind::Button => Action::parse(custom_id, &[]),
        ComponentInteractionDataKind::StringSelect { values } => Action::parse(custom_id, values),
        _ => None,
    };
    let (what, command) = match action {
        Some(Action::Vote { up, fact }) => return vote(component, up, fact),
        Some(Action::ShowChart(id)) => return chart(setup, component, &id),
        Some(Action::ShowFact(id)) => ("button", Command::Fact(command::Fact::by_id(&id))),
        Some(Action::ShowTopic(topic)) => (
            "topic-menu",
            Command::Topics(command::Topics { topic: Some(topic) }),
        ),
        None => {
            let lang = component_lang(component);
            let reply = Reply::problem(lang, ui::text(lang, Text::StaleButton));
            return respond("unknown-component", &reply, lang, true, Vec::new(), None);
        }
    };
    let received = Received::new(component.id.get(), component.guild_id);
    let context = received.context(setup, Some(component_lang(component)));
    let lang = command.lang(&context);
    let reply = command.run(&context);
    let events = received.events(None, &reply);
    respond(what, &reply, lang, true, events, setup.public_url)
}

/// The chart a "Chart" button asks for: its figures, and its image attached (or
/// linked at the pages when the response cannot carry a file).
fn chart(
    setup: &Setup<'_>,
    component: &ComponentInteraction,
    id: &str,
) -> Handled<CreateInteractionResponse> {
    let lang = component_lang(component);
    let base = setup.engine.base();
    let Some(found) = base.chart(id) else {
        let reply = Reply::problem(lang, ui::text(lang, Text::ChartGone));
        return respond("chart", &reply, lang, true, Vec::new(), None);
    };
    let image = match (setup.sends_files, setup.public_url) {
        (true, _) => ChartImage::Attached,
        (false, Some(site)) => ChartImage::Linked(site),
        (false, None) => ChartImage::None,
    };
    let drawn = Drawn::new(base, found, lang);
    let message = render::chart(&drawn, lang, image).in_script(lang);
    Handled {
        summary: Summary {
            files: message.files.len(),
            ..summary("chart", None)
        },
        response: message.ephemeral(true).into_response(),
        events: Vec::new(),
    }
}

/// The language to answer a button or menu in: the presser's locale if it is
/// Chinese, else the language of the message it is on, so that a Chinese answer's
/// buttons open Chinese facts.
fn component_lang(component: &ComponentInteraction) -> Lang {
    let on = component.message.embeds.first();
    let shown = on.map_or(String::new(), |e| {
        format!(
            "{} {}",
            e.title.as_deref().unwrap_or_default(),
            e.description.as_deref().unwrap_or_default()
        )
    });
    Lang::choose(locale(&component.locale), Lang::of(&shown))
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
    let lang = component_lang(component);
    let vote = Vote {
        pressed_in: component.id.get(),
        message: answer.id.get(),
        user: component.user.id.get(),
        asked_in,
        fact: fact.clone(),
        guild: received.guild,
        up,
        at: received.made.unix_timestamp(),
    };
    let response = if up {
        let text = |key| ui::text(lang, key);
        render::notice(text(Text::VoteThanksTitle), text(Text::VoteUpThanks))
            .in_script(lang)
            .ephemeral(true)
            .into_response()
    } else {
        render::comment_form(lang)
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
    let lang = locale(&modal.locale).unwrap_or_default();
    let (Some(answer), COMMENT_MODAL) = (&modal.message, modal.data.custom_id.as_str()) else {
        let reply = Reply::problem(lang, ui::text(lang, Text::StaleForm));
        return respond("unknown-modal", &reply, lang, true, Vec::new(), None);
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
    let text = |key| ui::text(lang, key);
    let thanks = render::notice(text(Text::VoteThanksTitle), text(Text::VoteDownThanks));
    Handled {
        response: thanks.in_script(lang).ephemeral(true).into_response(),
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
    let lang = Lang::choose(locale(&interaction.locale), Lang::of(typed));
    let choices = Command::complete(
        name,
        engine.base(),
        option,
        typed,
        limits::AUTOCOMPLETE_CHOICES,
        lang,
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

/// The response showing `reply`, its links at `site` (where the pages are published).
fn respond(
    what: &str,
    reply: &Reply,
    lang: Lang,
    private: bool,
    events: Vec<Event>,
    site: Option<&str>,
) -> Handled<CreateInteractionResponse> {
    let message = render::reply(reply, lang).at_site(site);
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
        files: 0,
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
