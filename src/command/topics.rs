//! `/topics [name:]`: the topics with their number of facts, or one topic's facts.

use super::{Choice, Context, Invocation, Kind, OptionKind, OptionSpec, Run, Spec};
use crate::facts::FactBase;
use crate::lookup;
use crate::reply::{Listed, Reply, TopicCount};

/// All topics, or the facts of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topics {
    pub topic: Option<String>,
}

const NAME: OptionSpec = OptionSpec {
    name: "name",
    description: "A topic, to list its facts",
    kind: OptionKind::Text,
    required: false,
    autocomplete: true,
    max_length: None,
};

impl Run for Topics {
    const SPEC: Spec = Spec {
        name: "topics",
        description: "Browse the topics the bot knows about",
        help: "browse the topics, or the facts of one",
        options: &[NAME],
        kind: Kind::Slash,
        console: true,
        private: false,
        admin: false,
    };

    fn parse(invocation: &Invocation) -> Topics {
        let topic = invocation.text(NAME.name);
        Topics {
            topic: (!topic.trim().is_empty()).then_some(topic),
        }
    }

    fn run(self, context: &Context<'_>) -> Reply {
        let base = context.engine.base();
        let topics = base.topics();
        let Some(asked) = self.topic else {
            let counts = topics.iter().map(|(name, facts)| TopicCount {
                name: name.to_string(),
                facts: *facts,
            });
            return Reply::Topics(counts.collect());
        };
        let Some((topic, _)) = topics
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(asked.trim()))
        else {
            return Reply::problem(&format!(
                "I have no topic \u{201c}{}\u{201d}. Try /topics to see them all.",
                asked.trim()
            ));
        };
        let facts = base.facts().iter().filter(|f| f.topic == *topic);
        Reply::Facts {
            heading: topic.to_string(),
            facts: facts.map(Listed::new).collect(),
        }
    }

    fn complete(base: &FactBase, _option: &str, typed: &str, limit: usize) -> Vec<Choice> {
        lookup::topics(base, typed, limit)
            .into_iter()
            .map(|topic| Choice {
                name: topic.to_owned(),
                value: topic.to_owned(),
            })
            .collect()
    }
}
