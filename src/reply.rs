//! What the user sees, as plain data: built from an [`Outcome`], rendered for the
//! terminal, as JSON, and (later) as Discord embeds.

use serde::Serialize;

use crate::Outcome;
use crate::facts::{Fact, FactBase};

/// A fact as shown to a user.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactCard {
    pub id: String,
    pub title: String,
    pub topic: String,
    /// The answer in plain text.
    pub text: String,
    /// Each figure's label and its value with unit.
    pub figures: Vec<(String, String)>,
    /// The citation: source, and what it was cited in.
    pub source: String,
    /// The date the figures refer to, as people read it ("30 September 2024").
    pub as_of: String,
    /// The same date in ISO form ("2024-09-30").
    pub as_of_iso: String,
    /// Related facts.
    pub related: Vec<Link>,
}

/// A reference to a fact, to offer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub id: String,
    pub title: String,
}

/// The reply to a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// The answer, with other facts that came close.
    Answer {
        card: Box<FactCard>,
        confidence: f32,
        also: Vec<Link>,
    },
    /// Not sure: facts the user may have meant.
    DidYouMean {
        suggestions: Vec<Link>,
        confidence: f32,
    },
    /// No fact answers it; the topics the base does know about.
    Unknown {
        topics: Vec<String>,
        confidence: f32,
    },
}

impl FactCard {
    /// The card for a fact of `base`.
    pub fn new(base: &FactBase, fact: &Fact) -> FactCard {
        FactCard {
            id: fact.id.clone(),
            title: fact.title.clone(),
            topic: fact.topic.clone(),
            text: fact.answer.clone(),
            figures: fact
                .figures
                .iter()
                .map(|f| (f.label.clone(), f.display()))
                .collect(),
            source: base.citation(fact),
            as_of: fact.as_of.to_string(),
            as_of_iso: fact.as_of.iso(),
            related: base.related(fact).into_iter().map(Link::new).collect(),
        }
    }
}

impl Link {
    /// A link to `fact`.
    pub fn new(fact: &Fact) -> Link {
        Link {
            id: fact.id.clone(),
            title: fact.title.clone(),
        }
    }
}

impl Reply {
    /// The reply for an outcome of `base`.
    pub fn new(base: &FactBase, outcome: &Outcome<'_>) -> Reply {
        let links = |facts: &[&Fact]| facts.iter().map(|f| Link::new(f)).collect();
        match outcome {
            Outcome::Answer {
                fact,
                confidence,
                runners_up,
            } => Reply::Answer {
                card: Box::new(FactCard::new(base, fact)),
                confidence: *confidence,
                also: links(runners_up),
            },
            Outcome::DidYouMean {
                suggestions,
                confidence,
            } => Reply::DidYouMean {
                suggestions: links(suggestions),
                confidence: *confidence,
            },
            Outcome::Unknown {
                closest_topics,
                confidence,
            } => Reply::Unknown {
                topics: closest_topics.iter().map(|t| t.to_string()).collect(),
                confidence: *confidence,
            },
        }
    }

    /// Confidence of the best match, in [0, 1].
    pub fn confidence(&self) -> f32 {
        match self {
            Reply::Answer { confidence, .. }
            | Reply::DidYouMean { confidence, .. }
            | Reply::Unknown { confidence, .. } => *confidence,
        }
    }
}
