//! The slash and context-menu commands ipwest registers: usable in servers, in DMs
//! with the bot, and as a user-installed app.

use serenity::all::{
    CommandOptionType, CommandType, CreateCommand, CreateCommandOption, InstallationContext,
    InteractionContext,
};

/// `/ask question: [hide:]`
pub const ASK: &str = "ask";
/// `/fact topic: [hide:]`
pub const FACT: &str = "fact";
/// `/topics`
pub const TOPICS: &str = "topics";
/// `/place name:`
pub const PLACE: &str = "place";
/// `/random`
pub const RANDOM: &str = "random";
/// `/about`
pub const ABOUT: &str = "about";
/// `/help`
pub const HELP: &str = "help";
/// The message context-menu command.
pub const ASK_MESSAGE: &str = "Ask ipwest";

/// The options' names.
pub mod option {
    pub const QUESTION: &str = "question";
    pub const HIDE: &str = "hide";
    pub const TOPIC: &str = "topic";
    pub const NAME: &str = "name";
}

/// Longest question Discord accepts in a string option.
const MAX_QUESTION: u16 = 6000;

/// Every command, as registered.
pub fn all() -> Vec<CreateCommand> {
    let hide = || {
        CreateCommandOption::new(
            CommandOptionType::Boolean,
            option::HIDE,
            "Only you see the answer",
        )
    };
    let text = |name: &str, description: &str| {
        CreateCommandOption::new(CommandOptionType::String, name, description).required(true)
    };
    [
        slash(
            ASK,
            "Ask a question about intellectual property in western China",
        )
        .add_option(
            text(option::QUESTION, "Your question, in your own words").max_length(MAX_QUESTION),
        )
        .add_option(hide()),
        slash(FACT, "Look a fact up by its title")
            .add_option(text(option::TOPIC, "Start typing a fact's title").set_autocomplete(true))
            .add_option(hide()),
        slash(TOPICS, "Browse the topics the bot knows about"),
        slash(PLACE, "The facts about a region, province or city")
            .add_option(text(option::NAME, "Start typing a place").set_autocomplete(true)),
        slash(RANDOM, "A random fact"),
        slash(ABOUT, "What this bot is and where its facts come from"),
        slash(HELP, "How to use the bot"),
        everywhere(CreateCommand::new(ASK_MESSAGE).kind(CommandType::Message)),
    ]
    .into()
}

fn slash(name: &str, description: &str) -> CreateCommand {
    everywhere(CreateCommand::new(name).description(description))
}

/// Installable on servers and by users; usable in servers, the bot's DMs and other DMs.
fn everywhere(command: CreateCommand) -> CreateCommand {
    command
        .integration_types(vec![InstallationContext::Guild, InstallationContext::User])
        .contexts(vec![
            InteractionContext::Guild,
            InteractionContext::BotDm,
            InteractionContext::PrivateChannel,
        ])
}
