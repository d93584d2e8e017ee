//! `/place name:`: the facts about a region, province or city.

use super::{Choice, Context, Invocation, Kind, OptionKind, OptionSpec, Run, Spec};
use crate::facts::FactBase;
use crate::lang::{self, Lang};
use crate::lookup;
use crate::reply::{Listed, Reply, place_name};
use crate::ui::{self, Text};

/// The facts about a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub name: String,
}

const NAME: OptionSpec = OptionSpec {
    name: "name",
    kind: OptionKind::Text,
    required: true,
    autocomplete: true,
    max_length: None,
};

impl Run for Place {
    const SPEC: Spec = Spec {
        name: "place",
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
        let lang = context.lang(asked);
        let facts = lookup::facts_about(base, asked);
        let Some(first) = facts.first() else {
            let places = ui::list(lang, &base.places());
            let values = [("place", asked), ("places", places.as_str())];
            return Reply::problem(lang, &ui::fill(lang, Text::NoSuchPlace, &values));
        };
        // The place as the facts spell it, not as it was typed.
        let simplified = lang::simplified(asked);
        let place = first
            .places
            .iter()
            .find(|p| {
                p.eq_ignore_ascii_case(asked)
                    || lookup::place_names(base, p).contains(&simplified.as_str())
            })
            .map_or(asked, String::as_str);
        let place = place_name(base, place, lang);
        Reply::Facts {
            heading: ui::fill(lang, Text::FactsAbout, &[("place", &place)]),
            facts: facts
                .into_iter()
                .map(|fact| Listed::new(base, fact, lang))
                .collect(),
        }
    }

    fn complete(
        base: &FactBase,
        _option: &str,
        typed: &str,
        limit: usize,
        lang: Lang,
    ) -> Vec<Choice> {
        lookup::places(base, typed, limit)
            .into_iter()
            .map(|place| Choice {
                name: lang.script(&place_name(base, place, lang)),
                value: place.to_owned(),
            })
            .collect()
    }
}
