//! Each server's settings, as its admins set them with `/settings`: whether its
//! questions are logged, its cooldown, and the channels where the bot answers without
//! being mentioned. Plain data: the service keeps a snapshot, the store the rows.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::time::Duration;

use crate::discord::cooldown::Rate;

/// One server's settings; the default is what a server that set nothing gets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuildSettings {
    /// Its questions are logged for `ipwest gaps`.
    pub log_questions: bool,
    /// Its cooldown; `None` for the operator's.
    pub cooldown: Option<Rate>,
    /// Channels (text, forum or help) answered without a mention.
    pub auto_answer: BTreeSet<u64>,
}

/// Every server's settings, by server id.
pub type Settings = HashMap<u64, GuildSettings>;

/// A change an admin asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub log_questions: Option<bool>,
    /// `Some(None)`: back to the operator's cooldown.
    pub cooldown: Option<Option<Rate>>,
    pub answer_in: Option<u64>,
    pub stop_answering_in: Option<u64>,
}

impl Change {
    /// Whether it changes nothing: the settings are only shown.
    pub fn is_empty(&self) -> bool {
        *self == Change::default()
    }

    /// `settings` with the change applied.
    pub fn apply(&self, settings: &GuildSettings) -> GuildSettings {
        let mut changed = settings.clone();
        if let Some(log) = self.log_questions {
            changed.log_questions = log;
        }
        if let Some(cooldown) = self.cooldown {
            changed.cooldown = cooldown;
        }
        changed.auto_answer.extend(self.answer_in);
        if let Some(channel) = self.stop_answering_in {
            changed.auto_answer.remove(&channel);
        }
        changed
    }
}

/// Reads a rate as `IPWEST_COOLDOWN` and `/settings` write it: `5/10s`.
pub fn parse_rate(text: &str) -> Option<Rate> {
    let (limit, seconds) = text.trim().split_once('/')?;
    let limit: usize = limit.trim().parse().ok()?;
    let seconds: u64 = seconds.trim().trim_end_matches('s').parse().ok()?;
    (limit > 0 && seconds > 0).then(|| Rate {
        limit,
        window: Duration::from_secs(seconds),
    })
}

impl fmt::Display for Rate {
    /// `5/10s`, as [`parse_rate`] reads it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}s", self.limit, self.window.as_secs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_applies_only_what_it_names() {
        let start = GuildSettings {
            log_questions: false,
            cooldown: parse_rate("3/20s"),
            auto_answer: [1, 2].into(),
        };
        let change = Change {
            log_questions: Some(true),
            answer_in: Some(3),
            stop_answering_in: Some(1),
            ..Change::default()
        };
        let changed = change.apply(&start);
        assert!(changed.log_questions);
        assert_eq!(changed.cooldown, start.cooldown);
        assert_eq!(changed.auto_answer, [2, 3].into());
        assert!(Change::default().is_empty());
    }

    #[test]
    fn rates_read_and_write_alike() {
        let rate = parse_rate(" 5 / 10s ").unwrap();
        assert_eq!(rate, Rate::default());
        assert_eq!(parse_rate(&rate.to_string()), Some(rate));
        for bad in ["", "5", "0/10s", "5/0s", "five/10s", "5/ten"] {
            assert_eq!(parse_rate(bad), None, "{bad}");
        }
    }
}
