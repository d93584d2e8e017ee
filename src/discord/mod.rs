//! The Discord edge: how replies look on Discord and how interactions and messages
//! are answered. Everything here but the gateway is pure: an interaction in, a
//! response out, as serenity's plain-data builders.
//!
//! - [`limits`]: Discord's limits, enforced in one place.
//! - [`commands`]: the commands as registered.
//! - [`action`]: what buttons and select menus do, encoded in their custom ids.
//! - [`render`]: replies as embeds, buttons and menus.
//! - [`handle`]: the pure handler of interactions and messages.

pub mod action;
pub mod commands;
pub mod handle;
pub mod limits;
pub mod render;
