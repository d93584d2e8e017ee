//! `/topics [name:]`: the topics with their number of facts, or one topic's facts.

use super::{Choice, Context, Invocation, Kind, OptionKind, OptionSpec, Run, Spec};
use crate::facts::FactBase;
use crate::lang::{self, Lang};
use crate::lookup;
use crate::reply::{Listed, Reply, TopicCount, topic_name};
use crate::ui::{self, Text};

/// All topics, or the facts of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topics {
    pub topic: Option<String>,
}

const NAME: OptionSpec = OptionSpec {
    name: "name",
    kind: OptionKind::Text,
    required: false,
    autocomplete: true,
    max_length: None,
};

impl Run for Topics {
    const SPEC: Spec = Spec {
        name: "topics",
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
        let lang = context.lang(self.topic.as_deref().unwrap_or_default());
        let Some(asked) = self.topic else {
            let counts = topics.iter().map(|(name, facts)| TopicCount {
                name: topic_name(base, name, lang),
                facts: *facts,
            });
            return Reply::Topics(counts.collect());
        };
        let asked = asked.trim();
        let simplified = lang::simplified(asked);
        let named = |name: &str| {
            name.eq_ignore_ascii_case(asked) || topic_name(base, name, Lang::ZH) == simplified
        };
        let Some((topic, _)) = topics.iter().find(|(name, _)| named(name)) else {
            let text = ui::fill(lang, Text::NoSuchTopic, &[("topic", asked)]);
            return Reply::problem(lang, &text);
        };
        let facts = base.facts().iter().filter(|f| f.topic == *topic);
        Reply::Facts {
            heading: topic_name(base, topic, lang),
            facts: facts.map(|fact| Listed::new(base, fact, lang)).collect(),
        }
    }

    fn complete(
        base: &FactBase,
        _option: &str,
        typed: &str,
        limit: usize,
        lang: Lang,
    ) -> Vec<Choice> {
        lookup::topics(base, typed, limit)
            .into_iter()
            .map(|topic| Choice {
                name: lang.script(&topic_name(base, topic, lang)),
                value: topic.to_owned(),
            })
            .collect()
    }
}
