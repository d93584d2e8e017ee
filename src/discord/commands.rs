//! The commands as Discord registers them, written from [`Command::SPECS`]: usable in
//! servers, in DMs with the bot, and as a user-installed app, with their names and
//! descriptions in Chinese for zh-CN and zh-TW (from `data/ui.zh.toml`; zh-TW's in
//! Traditional characters).

use serenity::all::{
    ChannelType, CommandOptionType, CommandType, CreateCommand, CreateCommandOption,
    InstallationContext, InteractionContext, Permissions,
};

use crate::command::{Command, Kind, OptionKind, OptionSpec, Spec};
use crate::lang::{Lang, Script};

/// The Discord locales commands are localised for, and the language of each.
const LOCALES: [(&str, Lang); 2] = [
    ("zh-CN", Lang::Zh(Script::Simplified)),
    ("zh-TW", Lang::Zh(Script::Taiwan)),
];

/// Every command, as registered.
pub fn all() -> Vec<CreateCommand> {
    Command::SPECS.iter().map(register).collect()
}

fn register(spec: &Spec) -> CreateCommand {
    let mut command = match spec.kind {
        Kind::Slash => spec.options.iter().fold(
            CreateCommand::new(spec.name).description(spec.description(Lang::En)),
            |command, option| command.add_option(option_of(spec, option)),
        ),
        Kind::Message => CreateCommand::new(spec.name).kind(CommandType::Message),
    };
    for (locale, lang) in LOCALES {
        let text = spec.text(lang);
        command = command.name_localized(locale, lang.script(&text.name));
        if spec.kind == Kind::Slash {
            command = command.description_localized(locale, lang.script(&text.description));
        }
    }
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

fn option_of(spec: &Spec, option: &OptionSpec) -> CreateCommandOption {
    let kind = match option.kind {
        OptionKind::Text => CommandOptionType::String,
        OptionKind::Flag => CommandOptionType::Boolean,
        OptionKind::Channel => CommandOptionType::Channel,
    };
    let description = spec.option_description(option.name, Lang::En);
    let mut created = CreateCommandOption::new(kind, option.name, description)
        .required(option.required)
        .set_autocomplete(option.autocomplete);
    if option.kind == OptionKind::Channel {
        created = created.channel_types(vec![ChannelType::Text, ChannelType::Forum]);
    }
    if let Some(max) = option.max_length {
        created = created.max_length(max);
    }
    for (locale, lang) in LOCALES {
        if let Some(text) = spec.text(lang).options.get(option.name) {
            created = created
                .name_localized(locale, lang.script(&text.name))
                .description_localized(locale, lang.script(&text.description));
        }
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
