//! The Discord edge: how replies look on Discord and how interactions and messages
//! are answered. Everything here but the gateway is pure: an interaction in, a
//! response out, as serenity's plain-data builders.
//!
//! - [`commands`]: the commands as registered, written from [`crate::command`].
//! - [`action`]: what buttons and select menus do, encoded in their custom ids.
//! - [`render`]: replies as embeds, buttons and menus.
//! - [`handle`]: the pure handler: interactions and messages to commands, replies to
//!   responses.
//! - [`service`]: the cooldown in front of the handler, and the log line, for both
//!   transports.
//! - [`gateway`]: the serenity client (I/O).
//! - [`endpoint`]: the HTTP interactions endpoint, axum (I/O).

pub mod action;
pub mod commands;
pub mod cooldown;
pub mod endpoint;
pub mod gateway;
pub mod handle;
pub mod render;
pub mod service;

use serenity::all::Permissions;

/// What the bot needs in a channel: to see it, read the message it replies to, and
/// send embeds (in threads too).
pub const PERMISSIONS: Permissions = Permissions::VIEW_CHANNEL
    .union(Permissions::SEND_MESSAGES)
    .union(Permissions::SEND_MESSAGES_IN_THREADS)
    .union(Permissions::EMBED_LINKS)
    .union(Permissions::READ_MESSAGE_HISTORY);

/// The OAuth2 link that adds application `id` to a server with the commands.
pub fn invite_url(id: u64) -> String {
    format!(
        "https://discord.com/oauth2/authorize?client_id={id}&scope=bot+applications.commands&permissions={}",
        PERMISSIONS.bits()
    )
}
