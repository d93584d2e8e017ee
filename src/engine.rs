//! The engine: a fact base and its matcher, and the verdict for a question.

use crate::facts::{AsOf, Fact, FactBase, FigureKind};
pub use crate::matcher::SmallTalk;
use crate::matcher::{ANSWER_THRESHOLD, MIN_EVIDENCE, Matcher, Ranked, SUGGEST_THRESHOLD};

/// Most suggestions offered with a verdict.
pub const MAX_SUGGESTIONS: usize = 3;
/// Least likeness of meaning (cosine) for a fact to be suggested: a fact that shares
/// a stem with the question but nothing of its sense ("best pizza *topping*" and
/// WIPO's *top* 100) is noise, not a suggestion. Questions about a fact score 0.45 and
/// up on the evaluation sets; unrelated ones mostly below 0.35.
const SUGGEST_LIKENESS: f32 = 0.35;
/// Most facts offered about a subject whose asked-for quantity no fact states (a
/// row of Discord buttons).
pub const MAX_FACTS_ABOUT: usize = 5;
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
        /// The question asks about a later date than the fact's figures: they are
        /// only the latest there are, and the reply must say so.
        latest_only: bool,
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
    /// The question is about something the base knows, but asks for a quantity no
    /// fact states ("how long is the China-Laos Railway"): these are what it knows.
    Unstated {
        /// The quantity asked for ("length", "cost").
        asked: String,
        /// What it is asked of, as the facts name it ("the China-Laos Railway").
        subject: Option<String>,
        /// The facts about it, none of them the answer; at most [`MAX_FACTS_ABOUT`].
        facts: Vec<&'a Fact>,
        confidence: f32,
    },
    /// Not a question: a greeting, thanks, or asking what the bot does.
    SmallTalk(SmallTalk),
}

impl Outcome<'_> {
    /// Confidence of the best match, in [0, 1].
    pub fn confidence(&self) -> f32 {
        match self {
            Outcome::Answer { confidence, .. }
            | Outcome::DidYouMean { confidence, .. }
            | Outcome::Unknown { confidence, .. }
            | Outcome::Unstated { confidence, .. } => *confidence,
            Outcome::SmallTalk(_) => 0.0,
        }
    }

    /// The answering fact, if the engine answers.
    pub fn answer(&self) -> Option<&Fact> {
        match self {
            Outcome::Answer { fact, .. } => Some(fact),
            _ => None,
        }
    }

    /// The verdict's name, as `ask --json` gives it.
    pub fn verdict(&self) -> &'static str {
        match self {
            Outcome::Answer { .. } => "answer",
            Outcome::DidYouMean { .. } => "did_you_mean",
            Outcome::Unknown { .. } | Outcome::Unstated { .. } => "unknown",
            Outcome::SmallTalk(_) => "small_talk",
        }
    }

    /// Runners-up of an answer, or the suggestions of a "did you mean".
    pub fn suggestions(&self) -> &[&Fact] {
        match self {
            Outcome::Answer { runners_up: s, .. } | Outcome::DidYouMean { suggestions: s, .. } => s,
            Outcome::Unstated { facts, .. } => &facts[..facts.len().min(MAX_SUGGESTIONS)],
            Outcome::Unknown { .. } | Outcome::SmallTalk(_) => &[],
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

    /// What a question asks for, as the matcher reads it: two phrasings of one
    /// question read alike ([`Matcher::gist`]).
    pub fn gist(&self, question: &str) -> String {
        self.matcher.gist(question)
    }

    /// Answers a question asked on `today`, or says why not.
    pub fn ask(&self, question: &str, today: AsOf) -> Outcome<'_> {
        let ranking = self.matcher.rank(question, today.year());
        if let Some(talk) = ranking.small_talk {
            return Outcome::SmallTalk(talk);
        }
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
                .filter(|r| r.confidence >= SUGGEST_THRESHOLD && r.similarity >= SUGGEST_LIKENESS)
                .take(MAX_SUGGESTIONS)
                .map(fact)
                .collect()
        };
        if best.confidence >= ANSWER_THRESHOLD && best.evidence >= MIN_EVIDENCE {
            let fact = fact(&best);
            let measured = fact
                .figures
                .iter()
                .any(|f| !matches!(f.kind, FigureKind::Date | FigureKind::Name));
            Outcome::Answer {
                fact,
                confidence: best.confidence,
                runners_up: others(1),
                latest_only: best.later && measured,
            }
        } else if let Some(unstated) = ranking.ranked.iter().find(|r| r.unstated) {
            let about: Vec<&Fact> = ranking
                .ranked
                .iter()
                .filter(|r| {
                    (r.unstated || r.confidence >= SUGGEST_THRESHOLD)
                        && r.similarity >= SUGGEST_LIKENESS
                })
                .take(MAX_FACTS_ABOUT)
                .map(fact)
                .collect();
            let subject = self.matcher.subject(question, unstated.fact);
            Outcome::Unstated {
                asked: ranking.asked.clone().unwrap_or_default(),
                subject: subject.map(|s| display_name(s, fact(unstated))),
                facts: about,
                confidence: best.confidence,
            }
        } else if best.confidence >= SUGGEST_THRESHOLD && best.similarity >= SUGGEST_LIKENESS {
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

/// A subject's name as the fact writes it ("China-Laos Railway" for the alias group
/// "china-laos railway"), or as the synonyms do when the fact does not.
fn display_name(name: &str, fact: &Fact) -> String {
    let lower = name.to_lowercase();
    [fact.title.as_str(), fact.answer.as_str()]
        .into_iter()
        .find_map(|text| {
            let at = text.to_lowercase().find(&lower)?;
            text.get(at..at + name.len()).map(str::to_owned)
        })
        .unwrap_or_else(|| name.to_owned())
}
