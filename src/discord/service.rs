//! What both transports share: the engine, the per-user cooldown in front of the pure
//! handler, the recorder behind it, and the log line. The gateway and the HTTP
//! endpoint hold one `Service` each and differ only in how they receive and send.

use std::fmt::Display;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serenity::all::{CreateInteractionResponse, CreateMessage, Interaction, Message, UserId};
use tracing::{info, warn};

use super::cooldown::{Cooldown, Rate};
use super::handle::{self, Handled, Summary};
use crate::Engine;
use crate::live::Live;
use crate::store::Event;
use crate::store::recorder::Recorder;

/// Most users the cooldown tracks at once.
const COOLDOWN_USERS: usize = 100_000;

/// The engine behind the cooldown, and the recorder after it.
pub struct Service {
    live: Arc<Live>,
    cooldown: Mutex<Cooldown>,
    recorder: Recorder,
    logging: Logging,
}

/// Where the questions themselves are logged (what was asked and what became of it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Logging {
    /// Outside servers: DMs and user-installed apps (`IPWEST_LOG_QUESTIONS`).
    pub outside_servers: bool,
}

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
            recorder: Recorder::discard(),
            logging: Logging::default(),
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

    /// Queues a reply's events for the store, once the reply is on its way: questions
    /// only where logging is on.
    pub fn record(&self, events: Vec<Event>) {
        let logging = self.logging;
        self.recorder
            .record(events.into_iter().filter(|event| match event {
                Event::Asked(asked) => asked.guild.is_none() && logging.outside_servers,
                _ => true,
            }));
    }

    /// The recorder, to close it or read its counters.
    pub fn recorder(&self) -> &Recorder {
        &self.recorder
    }

    /// The response to an interaction: a command or component from a user over the
    /// cooldown gets the "slow down" reply; autocomplete is never limited.
    pub fn interaction(
        &self,
        interaction: &Interaction,
        now: Instant,
    ) -> Handled<CreateInteractionResponse> {
        let asker = match interaction {
            Interaction::Command(command) => Some(command.user.id),
            Interaction::Component(component) => Some(component.user.id),
            _ => None,
        };
        match asker {
            Some(user) if !self.allow(user, now) => Handled {
                response: handle::slow_down(),
                summary: cooldown(),
                events: Vec::new(),
            },
            _ => handle::interaction(&self.live.engine(), interaction),
        }
    }

    /// The reply to a chat message for the bot (`bot` is its user id), if any.
    pub fn message(
        &self,
        message: &Message,
        bot: UserId,
        now: Instant,
    ) -> Option<Handled<CreateMessage>> {
        let handled = handle::message(&self.live.engine(), message, bot)?;
        Some(if self.allow(message.author.id, now) {
            handled
        } else {
            Handled {
                response: handle::slow_down_message(message.channel_id, message.id),
                summary: cooldown(),
                events: Vec::new(),
            }
        })
    }

    /// Whether `user` is within the cooldown; a poisoned lock lets the question through.
    fn allow(&self, user: UserId, now: Instant) -> bool {
        self.cooldown
            .lock()
            .map_or(true, |mut cooldown| cooldown.allow(user.get(), now))
    }
}

fn cooldown() -> Summary {
    Summary {
        what: "cooldown".to_owned(),
        fact: None,
        confidence: None,
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
