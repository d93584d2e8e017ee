//! `/about`: what the bot is and where its facts come from.

use super::{Context, Invocation, Kind, Run, Spec};
use crate::reply::Reply;
use crate::ui::{self, Text};

/// What the bot is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About;

impl Run for About {
    const SPEC: Spec = Spec {
        name: "about",
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
        let lang = context.lang("");
        let article = base.sources().iter().find(|(_, s)| s.via.is_none());
        let source = article.map_or_else(String::new, |(key, source)| {
            let chinese = base.translations().sources.get(key);
            match chinese.filter(|_| lang.is_chinese()) {
                Some(title) => format!("《{title}》"),
                None => ui::fill(lang, Text::Quoted, &[("text", &source.title)]),
            }
        });
        let (facts, topics) = (
            base.facts().len().to_string(),
            base.topics().len().to_string(),
        );
        let values = [
            ("facts", facts.as_str()),
            ("topics", &topics),
            ("source", &source),
        ];
        let title = ui::fill(
            lang,
            Text::AboutTitle,
            &[("version", env!("CARGO_PKG_VERSION"))],
        );
        Reply::notice(&title, &ui::fill(lang, Text::AboutText, &values))
    }
}
