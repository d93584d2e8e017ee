//! `/place name:`: the facts about a region, province or city.

use super::{Choice, Context, Invocation, Kind, OptionKind, OptionSpec, Run, Spec};
use crate::facts::FactBase;
use crate::lookup;
use crate::reply::{Listed, Reply};

/// The facts about a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub name: String,
}

const NAME: OptionSpec = OptionSpec {
    name: "name",
    description: "Start typing a place",
    kind: OptionKind::Text,
    required: true,
    autocomplete: true,
    max_length: None,
};

impl Run for Place {
    const SPEC: Spec = Spec {
        name: "place",
        description: "The facts about a region, province or city",
        help: "the facts about a place",
        options: &[NAME],
        kind: Kind::Slash,
        console: true,
        private: false,
        admin: false,
    };

    fn parse(invocation: &Invocation) -> Place {
        Place {
            name: invocation.text(NAME.name),
        }
    }

    fn run(self, context: &Context<'_>) -> Reply {
        let base = context.engine.base();
        let asked = self.name.trim();
        let facts = lookup::facts_about(base, asked);
        let Some(first) = facts.first() else {
            return Reply::problem(&format!(
                "I have no facts about \u{201c}{asked}\u{201d}. I know about: {}.",
                base.places().join(", ")
            ));
        };
        // The place as the facts spell it, not as it was typed.
        let place = first
            .places
            .iter()
            .find(|p| p.eq_ignore_ascii_case(asked))
            .map_or(asked, String::as_str);
        Reply::Facts {
            heading: format!("Facts about {place}"),
            facts: facts.into_iter().map(Listed::new).collect(),
        }
    }

    fn complete(base: &FactBase, _option: &str, typed: &str, limit: usize) -> Vec<Choice> {
        lookup::places(base, typed, limit)
            .into_iter()
            .map(|place| Choice {
                name: place.to_owned(),
                value: place.to_owned(),
            })
            .collect()
    }
}
