//! What both transports share: the engine, the per-user cooldown in front of the pure
//! handler, the recorder behind it, and the log line. The gateway and the HTTP
//! endpoint hold one `Service` each and differ only in how they receive and send.

use std::fmt::Display;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use serenity::all::{
    ChannelId, CreateInteractionResponse, CreateMessage, GuildId, Interaction, Message, UserId,
};
use tracing::{info, warn};

use super::cooldown::{Cooldown, Rate};
use super::handle::{self, Handled, Setup, Summary};
use crate::Engine;
use crate::live::Live;
use crate::settings::Settings;
use crate::store::recorder::Recorder;
use crate::store::{Event, Store};

/// Most users the cooldown tracks at once.
const COOLDOWN_USERS: usize = 100_000;

/// The engine behind the cooldown, and the recorder after it.
pub struct Service {
    live: Arc<Live>,
    cooldown: Mutex<Cooldown>,
    /// The cooldown of servers that set none.
    rate: Rate,
    /// Every server's settings: read by each request, replaced whole on a change.
    settings: ArcSwap<Settings>,
    reads_messages: bool,
    /// The store the cooldown is shared through, when instances share one.
    shared_cooldown: Option<Store>,
    recorder: Recorder,
    logging: Logging,
    /// Requests being answered, whose events are not yet queued.
    in_flight: Arc<AtomicUsize>,
    /// Where the web pages are published: answers link their facts there.
    public_url: Option<String>,
    /// Responses may carry files: false over the HTTP endpoint.
    sends_files: bool,
}

/// A request being answered: [`Service::close`] waits for it to be dropped.
pub struct Busy(Arc<AtomicUsize>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Where the questions themselves are logged (what was asked and what became of it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Logging {
    /// Outside servers: DMs and user-installed apps (`IPWEST_LOG_QUESTIONS`).
    pub outside_servers: bool,
}

/// Longest the shared cooldown may take before this instance decides alone.
const SHARED_COOLDOWN_WAIT: Duration = Duration::from_millis(250);

/// How often the settings are read again from the store, for changes other
/// instances made.
const SETTINGS_REFRESH: Duration = Duration::from_secs(15);

impl Service {
    /// A service answering from `engine`, each user limited to `rate`, recording
    /// nothing.
    pub fn new(engine: Arc<Engine>, rate: Rate) -> Service {
        Service::live(Arc::new(Live::new(engine, None)), rate)
    }

    /// A service answering from whatever engine `live` holds at each request.
    pub fn live(live: Arc<Live>, rate: Rate) -> Service {
        Service {
            live,
            cooldown: Mutex::new(Cooldown::new(rate, COOLDOWN_USERS)),
            rate,
            settings: ArcSwap::default(),
            reads_messages: false,
            shared_cooldown: None,
            recorder: Recorder::discard(),
            logging: Logging::default(),
            in_flight: Arc::default(),
            public_url: None,
            sends_files: true,
        }
    }

    /// The service linking answers to their facts' pages at `public_url`
    /// (`IPWEST_PUBLIC_URL`), where the web pages are published.
    pub fn publishing_at(self, public_url: Option<String>) -> Service {
        Service { public_url, ..self }
    }

    /// The service answering in HTTP responses (the interactions endpoint) with no
    /// way to upload files: they are JSON, so a chart's image is linked at the public
    /// address instead of attached.
    pub fn answering_over_http(self) -> Service {
        Service {
            sends_files: false,
            ..self
        }
    }

    /// The service recording through `recorder`, logging questions as `logging` says.
    pub fn recording(self, recorder: Recorder, logging: Logging) -> Service {
        Service {
            recorder,
            logging,
            ..self
        }
    }

    /// The service with the Message Content intent (`IPWEST_MESSAGE_CONTENT`): it may
    /// answer unasked in the channels servers choose.
    pub fn reading_messages(self, reads_messages: bool) -> Service {
        Service {
            reads_messages,
            ..self
        }
    }

    /// The service counting questions for the cooldown in `store`, with every instance
    /// that shares it; should the store fail or be slow, this instance's count rules.
    pub fn sharing_cooldown(self, store: Store) -> Service {
        Service {
            shared_cooldown: Some(store),
            ..self
        }
    }

    /// Replaces every server's settings, as the store has them.
    pub fn set_settings(&self, settings: Settings) {
        self.settings.store(Arc::new(settings));
    }

    /// Reads the settings from `store` now and then, for the changes other instances
    /// make; a failed read keeps the ones held.
    pub fn refresh_settings(self: &Arc<Self>, store: Store) {
        let service = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(SETTINGS_REFRESH);
            every.tick().await;
            loop {
                every.tick().await;
                let Some(service) = service.upgrade() else {
                    return;
                };
                match store.settings().await {
                    Ok(settings) => service.set_settings(settings),
                    Err(error) => warn!(%error, "could not read the servers' settings"),
                }
            }
        });
    }

    /// Queues a reply's events for the store, once the reply is on its way: questions
    /// only where logging is on (the server's setting, or the operator's outside
    /// servers).
    pub fn record(&self, events: Vec<Event>) {
        let settings = self.settings.load();
        self.recorder
            .record(events.into_iter().filter(|event| match event {
                Event::Asked(asked) => match asked.guild {
                    Some(guild) => settings.get(&guild).is_some_and(|s| s.log_questions),
                    None => self.logging.outside_servers,
                },
                _ => true,
            }));
    }

    /// Applies a change of settings among `events` before its reply goes out, so that
    /// the next request, here or racing it, sees the change.
    fn apply_settings(&self, events: &[Event]) {
        for event in events {
            if let Event::SettingsChanged {
                guild, settings, ..
            } = event
            {
                self.settings.rcu(|all| {
                    let mut all = Settings::clone(all);
                    all.insert(*guild, settings.clone());
                    all
                });
            }
        }
    }

    /// The recorder, to read its counters.
    pub fn recorder(&self) -> &Recorder {
        &self.recorder
    }

    /// Marks a request as being answered until the guard is dropped, after its events
    /// are recorded.
    pub fn busy(&self) -> Busy {
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        Busy(Arc::clone(&self.in_flight))
    }

    /// For shutting down: waits for the requests being answered to queue their
    /// events, then writes what is buffered; at most `within` in all.
    pub async fn close(&self, within: Duration) {
        let deadline = Instant::now() + within;
        while self.in_flight.load(Ordering::Acquire) > 0 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        self.recorder.close(left).await;
    }

    /// The response to an interaction: a command or component from a user over the
    /// cooldown gets the "slow down" reply; autocomplete is never limited.
    pub async fn interaction(
        &self,
        interaction: &Interaction,
        now: Instant,
    ) -> Handled<CreateInteractionResponse> {
        let (engine, settings) = (self.live.engine(), self.settings.load_full());
        let asker = match interaction {
            Interaction::Command(command) => Some((command.user.id, command.guild_id)),
            Interaction::Component(component) => Some((component.user.id, component.guild_id)),
            _ => None,
        };
        match asker {
            Some((user, guild)) if !self.allow(&settings, user, guild, now).await => Handled {
                response: handle::slow_down(interaction),
                summary: cooldown(),
                events: Vec::new(),
            },
            _ => {
                let handled = handle::interaction(&self.setup(&engine, &settings), interaction);
                self.apply_settings(&handled.events);
                handled
            }
        }
    }

    /// The reply to a chat message for the bot (`bot` is its user id), if any;
    /// `parent` is the channel of the thread the message starts, if it starts one.
    pub async fn message(
        &self,
        message: &Message,
        bot: UserId,
        parent: Option<ChannelId>,
        now: Instant,
    ) -> Option<Handled<CreateMessage>> {
        let (engine, settings) = (self.live.engine(), self.settings.load_full());
        let handled = handle::message(&self.setup(&engine, &settings), message, bot, parent)?;
        let (user, guild) = (message.author.id, message.guild_id);
        Some(if self.allow(&settings, user, guild, now).await {
            handled
        } else {
            Handled {
                response: handle::slow_down_message(message),
                summary: cooldown(),
                events: Vec::new(),
            }
        })
    }

    /// Whether the server `guild` may have messages answered unasked in its channels.
    pub fn answers_unasked_in(&self, guild: GuildId) -> bool {
        self.reads_messages
            && self
                .settings
                .load()
                .get(&guild.get())
                .is_some_and(|s| !s.auto_answer.is_empty())
    }

    fn setup<'a>(&'a self, engine: &'a Engine, settings: &'a Settings) -> Setup<'a> {
        Setup {
            engine,
            settings,
            default_cooldown: self.rate,
            reads_messages: self.reads_messages,
            public_url: self.public_url.as_deref(),
            sends_files: self.sends_files,
        }
    }

    /// Whether `user` is within the cooldown of `guild` (or the default): counted with
    /// every instance where they share a store, else here. A poisoned lock lets the
    /// question through.
    async fn allow(
        &self,
        settings: &Settings,
        user: UserId,
        guild: Option<GuildId>,
        now: Instant,
    ) -> bool {
        let rate = guild
            .and_then(|g| settings.get(&g.get())?.cooldown)
            .unwrap_or(self.rate);
        if let Some(store) = &self.shared_cooldown {
            let now_ms = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as i64);
            let shared = store.allow(user.get(), now_ms, rate);
            match tokio::time::timeout(SHARED_COOLDOWN_WAIT, shared).await {
                Ok(Ok(allowed)) => return allowed,
                Ok(Err(error)) => warn!(%error, "the shared cooldown failed; counting here"),
                Err(_) => warn!("the shared cooldown is slow; counting here"),
            }
        }
        self.cooldown.lock().map_or(true, |mut cooldown| {
            cooldown.allow_at(user.get(), now, rate)
        })
    }
}

fn cooldown() -> Summary {
    Summary {
        what: "cooldown".to_owned(),
        fact: None,
        confidence: None,
        files: 0,
    }
}

/// One line per answer: what, which fact, how sure, how fast; never the user's text.
pub fn log(summary: &Summary, started: Instant, sent: Result<(), impl Display>) {
    let micros = started.elapsed().as_micros();
    let fact = summary.fact.as_deref().unwrap_or("-");
    match sent {
        Ok(()) => {
            info!(what = %summary.what, fact, confidence = ?summary.confidence, micros, "answered")
        }
        Err(error) => {
            warn!(what = %summary.what, fact, micros, %error, "could not send the answer")
        }
    }
}
