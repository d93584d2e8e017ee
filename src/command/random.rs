//! `/random`: a fact chosen at random.

use super::{Context, Invocation, Kind, Run, Spec};
use crate::reply::{FactCard, Reply};

/// A random fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Random;

impl Run for Random {
    const SPEC: Spec = Spec {
        name: "random",
        options: &[],
        kind: Kind::Slash,
        console: true,
        private: false,
        admin: false,
    };

    fn parse(_: &Invocation) -> Random {
        Random
    }

    fn run(self, context: &Context<'_>) -> Reply {
        let base = context.engine.base();
        let facts = base.facts();
        let fact = &facts[(context.seed % facts.len() as u64) as usize];
        Reply::Fact(Box::new(FactCard::new(base, fact, context.lang(""))))
    }
}
