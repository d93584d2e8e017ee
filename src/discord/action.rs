//! What a button or select menu does, encoded in its `custom_id` (and the chosen
//! value), so that components keep working after a restart: no state is kept.

use crate::limits::{CUSTOM_ID, SELECT_OPTION_TEXT, fit_id};

/// A component's action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Show one fact, by id.
    ShowFact(String),
    /// List the facts of one topic.
    ShowTopic(String),
    /// A 👍 (`up`) or 👎 on the answer that showed fact `fact`.
    Vote { up: bool, fact: String },
    /// Send a chart as an image, by id.
    ShowChart(String),
}

/// Prefix of a button that shows a fact: `fact:<id>`.
const FACT_BUTTON: &str = "fact:";
/// Prefix of a button that sends a chart: `chart:<id>`.
const CHART_BUTTON: &str = "chart:";
/// Prefixes of the vote buttons: `vote:up:<fact id>`, `vote:down:<fact id>`.
const VOTE_UP: &str = "vote:up:";
const VOTE_DOWN: &str = "vote:down:";
/// Custom id of the "What was wrong?" modal, and of its text input.
pub const COMMENT_MODAL: &str = "vote-comment";
pub const COMMENT_INPUT: &str = "comment";
/// Custom id of a select menu whose values are fact ids.
pub const FACT_MENU: &str = "fact-menu";
/// Custom id of a select menu whose values are topics.
pub const TOPIC_MENU: &str = "topic-menu";

impl Action {
    /// The custom id of a button that shows the fact `id`.
    pub fn fact_button(id: &str) -> String {
        fit_id(&format!("{FACT_BUTTON}{id}"), CUSTOM_ID)
    }

    /// The custom id of a button that sends the chart `id`.
    pub fn chart_button(id: &str) -> String {
        fit_id(&format!("{CHART_BUTTON}{id}"), CUSTOM_ID)
    }

    /// The custom id of a 👍 (`up`) or 👎 button on an answer showing fact `id`.
    pub fn vote_button(up: bool, id: &str) -> String {
        let prefix = if up { VOTE_UP } else { VOTE_DOWN };
        fit_id(&format!("{prefix}{id}"), CUSTOM_ID)
    }

    /// The value of a select option (a fact id or a topic).
    pub fn option_value(value: &str) -> String {
        fit_id(value, SELECT_OPTION_TEXT)
    }

    /// Reads a component's custom id and, for a select menu, its chosen values.
    pub fn parse(custom_id: &str, values: &[String]) -> Option<Action> {
        if let Some(id) = custom_id.strip_prefix(FACT_BUTTON) {
            return Some(Action::ShowFact(id.to_owned()));
        }
        if let Some(id) = custom_id.strip_prefix(CHART_BUTTON) {
            return Some(Action::ShowChart(id.to_owned()));
        }
        for (prefix, up) in [(VOTE_UP, true), (VOTE_DOWN, false)] {
            if let Some(fact) = custom_id.strip_prefix(prefix) {
                let fact = fact.to_owned();
                return Some(Action::Vote { up, fact });
            }
        }
        let value = values.first()?.clone();
        match custom_id {
            FACT_MENU => Some(Action::ShowFact(value)),
            TOPIC_MENU => Some(Action::ShowTopic(value)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_ids_round_trip() {
        let id = Action::fact_button("guangxi-gi-count");
        assert_eq!(
            Action::parse(&id, &[]),
            Some(Action::ShowFact("guangxi-gi-count".into()))
        );
        let chosen = vec!["Patents".to_owned()];
        assert_eq!(
            Action::parse(TOPIC_MENU, &chosen),
            Some(Action::ShowTopic("Patents".into()))
        );
        assert_eq!(
            Action::parse(FACT_MENU, &["a-b".into()]),
            Some(Action::ShowFact("a-b".into()))
        );
        assert_eq!(Action::parse(FACT_MENU, &[]), None);
        assert_eq!(
            Action::parse(&Action::chart_button("gdp-growth-2023"), &[]),
            Some(Action::ShowChart("gdp-growth-2023".into()))
        );
        assert_eq!(Action::parse("something-else", &chosen), None);
        assert!(Action::fact_button(&"x".repeat(200)).chars().count() <= CUSTOM_ID);
        for up in [true, false] {
            let id = Action::vote_button(up, "guangxi-gi-count");
            let fact = "guangxi-gi-count".to_owned();
            assert_eq!(Action::parse(&id, &[]), Some(Action::Vote { up, fact }));
            let longest = Action::vote_button(up, &"x".repeat(crate::limits::FACT_ID));
            assert_eq!(
                Action::parse(&longest, &[]),
                Some(Action::Vote {
                    up,
                    fact: "x".repeat(crate::limits::FACT_ID)
                }),
                "a vote button fits the longest fact id whole"
            );
        }
    }
}
