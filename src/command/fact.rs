//! `/fact title: [hide:]`: a fact by its title or id, as suggested while typing.

use super::{Choice, Context, HIDE, Invocation, Kind, OptionKind, OptionSpec, Run, Spec, ask};
use crate::facts::FactBase;
use crate::lang::Lang;
use crate::lookup;
use crate::reply::{FactCard, Link, Reply};
use crate::ui::{self, Text};

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
    kind: OptionKind::Text,
    required: true,
    autocomplete: true,
    max_length: None,
};

impl Run for Fact {
    const SPEC: Spec = Spec {
        name: "fact",
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
        let lang = context.lang(if self.exact { "" } else { &self.name });
        match lookup::fact_named(base, &self.name) {
            Some(fact) => Reply::Fact(Box::new(FactCard::new(base, fact, lang))),
            None if self.exact => Reply::problem(lang, ui::text(lang, Text::FactGone)),
            None => ask::answer(context, &self.name),
        }
    }

    fn complete(
        base: &FactBase,
        _option: &str,
        typed: &str,
        limit: usize,
        lang: Lang,
    ) -> Vec<Choice> {
        lookup::facts(base, typed, limit)
            .into_iter()
            .map(|fact| Choice {
                name: lang.script(&Link::new(base, fact, lang).title),
                value: fact.id.clone(),
            })
            .collect()
    }
}
