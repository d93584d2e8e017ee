//! The engine: a fact base and its matcher, and the verdict for a question.

use crate::facts::{Fact, FactBase};
use crate::matcher::{ANSWER_THRESHOLD, MIN_EVIDENCE, Matcher, Ranked, SUGGEST_THRESHOLD};

/// Most suggestions offered with a verdict.
pub const MAX_SUGGESTIONS: usize = 3;
/// Most topics named when the engine does not know.
const MAX_TOPICS: usize = 3;

/// An immutable fact base with its index, built once and shared.
pub struct Engine {
    base: FactBase,
    matcher: Matcher,
}

/// What the engine makes of a question.
#[derive(Debug, Clone)]
pub enum Outcome<'a> {
    /// A fact answers it.
    Answer {
        fact: &'a Fact,
        confidence: f32,
        /// Other facts that came close, at most [`MAX_SUGGESTIONS`].
        runners_up: Vec<&'a Fact>,
    },
    /// Not sure: these facts may be what was meant.
    DidYouMean {
        suggestions: Vec<&'a Fact>,
        confidence: f32,
    },
    /// No fact answers it; these topics are the closest the base knows about.
    Unknown {
        closest_topics: Vec<&'a str>,
        confidence: f32,
    },
}

impl Outcome<'_> {
    /// Confidence of the best match, in [0, 1].
    pub fn confidence(&self) -> f32 {
        match self {
            Outcome::Answer { confidence, .. }
            | Outcome::DidYouMean { confidence, .. }
            | Outcome::Unknown { confidence, .. } => *confidence,
        }
    }

    /// The answering fact, if the engine answers.
    pub fn answer(&self) -> Option<&Fact> {
        match self {
            Outcome::Answer { fact, .. } => Some(fact),
            _ => None,
        }
    }

    /// Runners-up of an answer, or the suggestions of a "did you mean".
    pub fn suggestions(&self) -> &[&Fact] {
        match self {
            Outcome::Answer { runners_up: s, .. } | Outcome::DidYouMean { suggestions: s, .. } => s,
            Outcome::Unknown { .. } => &[],
        }
    }
}

impl Engine {
    /// Indexes a loaded fact base.
    pub fn new(base: FactBase) -> Engine {
        let matcher = Matcher::new(&base);
        Engine { base, matcher }
    }

    /// The fact base.
    pub fn base(&self) -> &FactBase {
        &self.base
    }

    /// Answers a question, or says why not.
    pub fn ask(&self, question: &str) -> Outcome<'_> {
        let ranking = self.matcher.rank(question);
        let facts = self.base.facts();
        let fact = |r: &Ranked| &facts[r.fact];
        let Some(best) = ranking.ranked.first().copied() else {
            return self.unknown(&ranking.nearest, 0.0);
        };
        let others = |skip: usize| -> Vec<&Fact> {
            ranking
                .ranked
                .iter()
                .skip(skip)
                .filter(|r| r.confidence >= SUGGEST_THRESHOLD)
                .take(MAX_SUGGESTIONS)
                .map(fact)
                .collect()
        };
        if best.confidence >= ANSWER_THRESHOLD && best.evidence >= MIN_EVIDENCE {
            Outcome::Answer {
                fact: fact(&best),
                confidence: best.confidence,
                runners_up: others(1),
            }
        } else if best.confidence >= SUGGEST_THRESHOLD {
            Outcome::DidYouMean {
                suggestions: others(0),
                confidence: best.confidence,
            }
        } else {
            self.unknown(&ranking.nearest, best.confidence)
        }
    }

    fn unknown(&self, nearest: &[usize], confidence: f32) -> Outcome<'_> {
        let facts = self.base.facts();
        let mut topics: Vec<&str> = Vec::new();
        let by_size = self.base.topics().into_iter().map(|(t, _)| t);
        for topic in nearest
            .iter()
            .map(|&i| facts[i].topic.as_str())
            .chain(by_size)
        {
            if topics.len() < MAX_TOPICS && !topics.contains(&topic) {
                topics.push(topic);
            }
        }
        Outcome::Unknown {
            closest_topics: topics,
            confidence,
        }
    }
}
