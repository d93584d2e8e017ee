//! The gateway transport: a serenity client whose event handler applies the
//! cooldown, calls the pure handler and sends what it returns. All I/O of the bot
//! mode is here.

use std::future::Future;
use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serenity::all::{
    ApplicationId, ClientBuilder, Command, Context, EventHandler, GatewayIntents, GuildId, Http,
    HttpBuilder, Interaction, Message, Ready,
};
use serenity::async_trait;
use serenity::builder::Builder;
use tracing::{info, warn};

use super::commands;
use super::service::{self, Service};
use crate::config::BotConfig;

/// The gateway intents the bot needs: messages in servers (only those that mention
/// it carry content without the privileged MESSAGE_CONTENT intent) and DMs.
pub const INTENTS: GatewayIntents =
    GatewayIntents::GUILD_MESSAGES.union(GatewayIntents::DIRECT_MESSAGES);
/// Tries at sending a reply that Discord answers with 429 Too Many Requests.
const SEND_TRIES: u32 = 3;
/// Wait before the first retry; doubled each time.
const RETRY_WAIT: Duration = Duration::from_millis(250);

/// Which shards this process runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shards {
    /// As many as Discord recommends.
    Auto,
    /// `range` of `total` shards, so several processes split the load.
    Range { range: Range<u32>, total: u32 },
}

/// The serenity HTTP client for `config`: through `DISCORD_API_BASE` when set, with
/// serenity's ratelimiter off, which would otherwise ignore the proxy.
pub fn http(config: &BotConfig) -> Http {
    let mut builder = HttpBuilder::new(config.token.expose())
        .application_id(ApplicationId::new(config.token.application_id()));
    if let Some(base) = &config.api_base {
        builder = builder.proxy(base).ratelimiter_disabled(true);
    }
    builder.build()
}

/// Replaces the bot's commands, globally or in one server; `remove` deletes them.
/// Returns how many commands are registered.
pub async fn register(http: &Http, guild: Option<u64>, remove: bool) -> serenity::Result<usize> {
    let commands = if remove { Vec::new() } else { commands::all() };
    let registered = match guild {
        Some(guild) => GuildId::new(guild).set_commands(http, commands).await?,
        None => Command::set_global_commands(http, commands).await?,
    };
    Ok(registered.len())
}

/// Runs the bot until `shutdown` completes, then closes every shard.
pub async fn run(
    config: BotConfig,
    service: Arc<Service>,
    shards: Shards,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> serenity::Result<()> {
    let bot = Bot {
        service,
        guild: config.guild_id,
    };
    let intents = if config.message_content {
        INTENTS | GatewayIntents::MESSAGE_CONTENT
    } else {
        INTENTS
    };
    let mut client = ClientBuilder::new_with_http(http(&config), intents)
        .event_handler(bot)
        .await?;
    let manager = client.shard_manager.clone();
    tokio::spawn(async move {
        shutdown.await;
        info!("shutting down");
        manager.shutdown_all().await;
    });
    match shards {
        Shards::Auto => client.start_autosharded().await,
        Shards::Range { range, total } => client.start_shard_range(range, total).await,
    }
}

/// The event handler: the service, and where to register commands.
struct Bot {
    service: Arc<Service>,
    guild: Option<u64>,
}

#[async_trait]
impl EventHandler for Bot {
    async fn ready(&self, ctx: Context, ready: Ready) {
        let shard = ready.shard.map_or(0, |s| s.id.0);
        info!(shard, user = %ready.user.name, guilds = ready.guilds.len(), "connected");
        if shard == 0 {
            match register(&ctx.http, self.guild, false).await {
                Ok(count) => info!(count, guild = ?self.guild, "commands registered"),
                Err(error) => warn!(%error, "could not register commands"),
            }
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let started = Instant::now();
        let _busy = self.service.busy();
        let handled = self.service.interaction(&interaction, started).await;
        let (id, token) = (interaction.id(), interaction.token());
        // Through the builder, which uploads its files (a chart) with it.
        let sent = with_retry(|| handled.response.clone().execute(&ctx.http, (id, token))).await;
        service::log(&handled.summary, started, sent);
        self.service.record(handled.events);
    }

    async fn message(&self, ctx: Context, message: Message) {
        let started = Instant::now();
        let _busy = self.service.busy();
        let bot = ctx.cache.current_user().id;
        // A new forum post starts a thread whose id is its first message's: its forum
        // decides whether it is answered unasked, so look the forum up (only then).
        let starts_thread = message.id.get() == message.channel_id.get();
        let parent = match message.guild_id {
            Some(guild) if starts_thread && self.service.answers_unasked_in(guild) => {
                match message.channel_id.to_channel(&ctx).await {
                    Ok(channel) => channel.guild().and_then(|c| c.parent_id),
                    Err(error) => {
                        warn!(%error, "could not look up the channel of a new thread");
                        None
                    }
                }
            }
            _ => None,
        };
        let Some(handled) = self.service.message(&message, bot, parent, started).await else {
            return;
        };
        let sent = with_retry(|| {
            message
                .channel_id
                .send_message(&ctx.http, handled.response.clone())
        })
        .await
        .map(|_| ());
        service::log(&handled.summary, started, sent);
        self.service.record(handled.events);
    }
}

/// Runs `send`, retrying a few times with a growing wait while Discord (or the proxy)
/// answers 429 Too Many Requests.
async fn with_retry<T, F: Future<Output = serenity::Result<T>>>(
    mut send: impl FnMut() -> F,
) -> serenity::Result<T> {
    let mut wait = RETRY_WAIT;
    for _ in 1..SEND_TRIES {
        match send().await {
            Err(serenity::Error::Http(error))
                if error.status_code().is_some_and(|s| s.as_u16() == 429) =>
            {
                tokio::time::sleep(wait).await;
                wait *= 2;
            }
            result => return result,
        }
    }
    send().await
}
