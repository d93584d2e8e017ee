//! `/fact title: [hide:]`: a fact by its title or id, as suggested while typing.

use super::{Choice, Context, HIDE, Invocation, Kind, OptionKind, OptionSpec, Run, Spec, ask};
use crate::facts::FactBase;
use crate::lookup;
use crate::reply::{FactCard, Reply};

/// A fact named by its title or id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub name: String,
    /// The name is an id from a button or menu: no other fact will do.
    pub exact: bool,
}

impl Fact {
    /// The fact with id `id`, as a button or menu names it.
    pub fn by_id(id: &str) -> Fact {
        Fact {
            name: id.to_owned(),
            exact: true,
        }
    }
}

const TITLE: OptionSpec = OptionSpec {
    name: "title",
    description: "Start typing a fact's title",
    kind: OptionKind::Text,
    required: true,
    autocomplete: true,
    max_length: None,
};

impl Run for Fact {
    const SPEC: Spec = Spec {
        name: "fact",
        description: "Look a fact up by its title",
        help: "look a fact up by its title (suggestions appear as you type)",
        options: &[TITLE, HIDE],
        kind: Kind::Slash,
        console: true,
        private: false,
        admin: false,
    };

    fn parse(invocation: &Invocation) -> Fact {
        Fact {
            name: invocation.text(TITLE.name),
            exact: false,
        }
    }

    /// The fact named; failing that, what the engine makes of the text as a question.
    fn run(self, context: &Context<'_>) -> Reply {
        let base = context.engine.base();
        match lookup::fact_named(base, &self.name) {
            Some(fact) => Reply::Fact(Box::new(FactCard::new(base, fact))),
            None if self.exact => Reply::problem("That fact is no longer in my fact base."),
            None => ask::answer(context, &self.name),
        }
    }

    fn complete(base: &FactBase, _option: &str, typed: &str, limit: usize) -> Vec<Choice> {
        lookup::facts(base, typed, limit)
            .into_iter()
            .map(|fact| Choice {
                name: fact.title.clone(),
                value: fact.id.clone(),
            })
            .collect()
    }
}
