//! `/about`: what the bot is and where its facts come from.

use super::{Context, Invocation, Kind, Run, Spec};
use crate::reply::Reply;

/// What the bot is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About;

impl Run for About {
    const SPEC: Spec = Spec {
        name: "about",
        description: "What this bot is and where its facts come from",
        help: "where the facts come from",
        options: &[],
        kind: Kind::Slash,
        console: true,
        private: false,
        admin: false,
    };

    fn parse(_: &Invocation) -> About {
        About
    }

    fn run(self, context: &Context<'_>) -> Reply {
        let base = context.engine.base();
        let article = base.sources().values().find(|s| s.via.is_none());
        let source = article.map_or_else(String::new, |s| format!("\u{201c}{}\u{201d}", s.title));
        let text = format!(
            "I answer questions about intellectual property (patents, trademarks, geographical indications) in western China \
             from {} curated facts in {} topics, drawn from {source}. Every answer cites its source and the date its figure \
             refers to; when my facts don't answer a question, I say so instead of guessing.",
            base.facts().len(),
            base.topics().len(),
        );
        Reply::notice(&format!("ipwest {}", env!("CARGO_PKG_VERSION")), &text)
    }
}
