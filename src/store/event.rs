//! What is worth remembering about a reply, as plain data: the pure handler returns
//! these, and the service records them after the reply is sent.

use crate::reply::Reply;
use crate::settings::GuildSettings;

/// Something to record.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A reply was served: counted per day, verdict and fact.
    Replied {
        at: i64,
        verdict: &'static str,
        fact: Option<String>,
    },
    /// A question and what became of it. Recorded only where question logging is on
    /// (the service decides); never with who asked.
    Asked(Asked),
    /// A 👍 or 👎 on an answer.
    Voted(Vote),
    /// A server's admins changed its settings; `settings` is the whole new set.
    SettingsChanged {
        guild: u64,
        settings: GuildSettings,
        at: i64,
    },
    /// What a 👎 voter wrote in "What was wrong?".
    Commented {
        message: u64,
        user: u64,
        text: String,
    },
}

/// A question, as logged.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked {
    /// The interaction or message that carried it.
    pub asked_in: u64,
    pub at: i64,
    /// The server it was asked in; none in a DM, the console or a user-installed app.
    pub guild: Option<u64>,
    pub verdict: &'static str,
    pub question: String,
    /// The best candidate facts' ids.
    pub candidates: Vec<String>,
}

/// A vote. The user id is only ever stored as a keyed hash.
#[derive(Debug, Clone, PartialEq)]
pub struct Vote {
    /// The press (a Discord interaction id, which grows with time): of two presses
    /// by one user on one answer, the later one counts, whatever order they land in.
    pub pressed_in: u64,
    /// The answer message voted on.
    pub message: u64,
    pub user: u64,
    /// The interaction or message that asked the question it answers.
    pub asked_in: u64,
    pub fact: String,
    pub guild: Option<u64>,
    pub up: bool,
    pub at: i64,
}

/// Where and when a reply was asked for: the interaction or message, its time (Unix
/// seconds), its server, and the question put to the engine, if any.
#[derive(Debug, Clone, Copy)]
pub struct Asking<'a> {
    pub id: u64,
    pub at: i64,
    pub guild: Option<u64>,
    pub question: Option<&'a str>,
}

/// The events of a reply: it was served; and the question, if it was put to the
/// engine and got a verdict on it (whether it is logged is the service's to decide).
pub fn of_reply(asking: Asking<'_>, reply: &Reply) -> Vec<Event> {
    let verdict = reply.verdict();
    let mut events = vec![Event::Replied {
        at: asking.at,
        verdict,
        fact: reply.fact().map(str::to_owned),
    }];
    let judged = matches!(verdict, "answer" | "did_you_mean" | "unknown");
    if let Some(question) = asking.question.filter(|_| judged) {
        events.push(Event::Asked(Asked {
            asked_in: asking.id,
            at: asking.at,
            guild: asking.guild,
            verdict,
            question: question.to_owned(),
            candidates: reply.candidates(),
        }));
    }
    events
}
