//! The commands as Discord registers them, written from [`Command::SPECS`]: usable in
//! servers, in DMs with the bot, and as a user-installed app.

use serenity::all::{
    ChannelType, CommandOptionType, CommandType, CreateCommand, CreateCommandOption,
    InstallationContext, InteractionContext, Permissions,
};

use crate::command::{Command, Kind, OptionKind, OptionSpec, Spec};

/// Every command, as registered.
pub fn all() -> Vec<CreateCommand> {
    Command::SPECS.iter().map(register).collect()
}

fn register(spec: &Spec) -> CreateCommand {
    let command = match spec.kind {
        Kind::Slash => spec.options.iter().fold(
            CreateCommand::new(spec.name).description(spec.description),
            |command, option| command.add_option(option_of(option)),
        ),
        Kind::Message => CreateCommand::new(spec.name).kind(CommandType::Message),
    };
    if spec.admin {
        // Only in servers, and only for those who may manage one, unless its admins
        // allow others in the server's Integrations settings.
        command
            .default_member_permissions(Permissions::MANAGE_GUILD)
            .integration_types(vec![InstallationContext::Guild])
            .contexts(vec![InteractionContext::Guild])
    } else {
        everywhere(command)
    }
}

fn option_of(option: &OptionSpec) -> CreateCommandOption {
    let kind = match option.kind {
        OptionKind::Text => CommandOptionType::String,
        OptionKind::Flag => CommandOptionType::Boolean,
        OptionKind::Channel => CommandOptionType::Channel,
    };
    let mut created = CreateCommandOption::new(kind, option.name, option.description)
        .required(option.required)
        .set_autocomplete(option.autocomplete);
    if option.kind == OptionKind::Channel {
        created = created.channel_types(vec![ChannelType::Text, ChannelType::Forum]);
    }
    if let Some(max) = option.max_length {
        created = created.max_length(max);
    }
    created
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
