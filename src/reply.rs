//! What the user sees, as plain data: built from an [`Outcome`], rendered for the
//! terminal, as JSON, and (later) as Discord embeds.

use serde::Serialize;

use crate::Outcome;
use crate::engine::SmallTalk;
use crate::facts::{Fact, FactBase, FigureKind};

/// A fact as shown to a user.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactCard {
    pub id: String,
    pub title: String,
    pub topic: String,
    /// The answer in plain text.
    pub text: String,
    /// Its figures, as shown.
    pub figures: Vec<FigureLine>,
    /// The citation: source, and what it was cited in.
    pub source: String,
    /// The date the figures refer to, as people read it ("30 September 2024").
    pub as_of: String,
    /// The same date in ISO form ("2024-09-30").
    pub as_of_iso: String,
    /// Related facts.
    pub related: Vec<Link>,
}

/// A figure as shown: its label, and its value with unit ("211 GIs").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureLine {
    pub label: String,
    pub value: String,
}

/// A reference to a fact, to offer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub id: String,
    pub title: String,
}

/// A fact in a list: what it is called and where it belongs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    pub id: String,
    pub title: String,
    pub topic: String,
}

/// A topic and how many facts it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicCount {
    pub name: String,
    pub facts: usize,
}

/// A short titled text: help, about, or why a command could not be done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub text: String,
    /// It says what went wrong, for the one who asked only.
    pub problem: bool,
}

/// The reply to a question or a command.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// The answer, with other facts that came close.
    Answer {
        card: Box<FactCard>,
        confidence: f32,
        also: Vec<Link>,
        /// The question asked about a later date: say that this is the latest figure.
        latest_only: bool,
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
    /// The subject is known but the quantity asked for is not: what is known of it,
    /// none of it as the answer.
    Unstated {
        asked: String,
        subject: Option<String>,
        facts: Vec<Link>,
        confidence: f32,
    },
    /// Not a question: what the bot knows and how to ask it.
    SmallTalk {
        kind: SmallTalk,
        topics: Vec<String>,
        /// Questions worth trying, from the facts' own examples.
        examples: Vec<String>,
    },
    /// A fact asked for by name (or at random), not found by a question.
    Fact(Box<FactCard>),
    /// Facts under a heading: those about a place, or in a topic.
    Facts { heading: String, facts: Vec<Listed> },
    /// The topics, with how many facts each holds.
    Topics(Vec<TopicCount>),
    /// A short titled text.
    Notice(Notice),
}

/// How many example questions small talk offers.
const EXAMPLES: usize = 2;

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
                .map(|f| FigureLine {
                    label: f.label.clone(),
                    value: f.display(),
                })
                .collect(),
            source: base.citation(fact),
            as_of: fact.as_of.to_string(),
            as_of_iso: fact.as_of.iso(),
            related: base.related(fact).into_iter().map(Link::new).collect(),
        }
    }
}

impl Listed {
    /// `fact` as listed.
    pub fn new(fact: &Fact) -> Listed {
        Listed {
            id: fact.id.clone(),
            title: fact.title.clone(),
            topic: fact.topic.clone(),
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
                latest_only,
            } => Reply::Answer {
                card: Box::new(FactCard::new(base, fact)),
                confidence: *confidence,
                also: links(runners_up),
                latest_only: *latest_only,
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
            Outcome::Unstated {
                asked,
                subject,
                facts,
                confidence,
            } => Reply::Unstated {
                asked: asked.clone(),
                subject: subject.clone(),
                facts: links(facts),
                confidence: *confidence,
            },
            Outcome::SmallTalk(kind) => Reply::SmallTalk {
                kind: *kind,
                topics: base.topics().iter().map(|(t, _)| t.to_string()).collect(),
                examples: examples(base),
            },
        }
    }

    /// A notice titled `title`.
    pub fn notice(title: &str, text: &str) -> Reply {
        Reply::Notice(Notice {
            title: title.to_owned(),
            text: text.to_owned(),
            problem: false,
        })
    }

    /// A notice saying what went wrong.
    pub fn problem(text: &str) -> Reply {
        Reply::Notice(Notice {
            title: "Sorry".to_owned(),
            text: text.to_owned(),
            problem: true,
        })
    }

    /// Confidence of the best match, in [0, 1]; none for a reply to a command that
    /// asked no question.
    pub fn confidence(&self) -> Option<f32> {
        match self {
            Reply::Answer { confidence, .. }
            | Reply::DidYouMean { confidence, .. }
            | Reply::Unknown { confidence, .. }
            | Reply::Unstated { confidence, .. } => Some(*confidence),
            Reply::SmallTalk { .. } => Some(0.0),
            Reply::Fact(_) | Reply::Facts { .. } | Reply::Topics(_) | Reply::Notice(_) => None,
        }
    }

    /// The verdict's name, as `ask --json` and the stats give it.
    pub fn verdict(&self) -> &'static str {
        match self {
            Reply::Answer { .. } => "answer",
            Reply::DidYouMean { .. } => "did_you_mean",
            Reply::Unknown { .. } | Reply::Unstated { .. } => "unknown",
            Reply::SmallTalk { .. } => "small_talk",
            Reply::Fact(_) => "fact",
            Reply::Facts { .. } | Reply::Topics(_) => "list",
            Reply::Notice(_) => "notice",
        }
    }

    /// The facts the engine weighed, best first: the answer and its runners-up, or
    /// its suggestions.
    pub fn candidates(&self) -> Vec<String> {
        let ids = |links: &[Link]| links.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
        match self {
            Reply::Answer { card, also, .. } => [vec![card.id.clone()], ids(also)].concat(),
            Reply::DidYouMean { suggestions, .. } => ids(suggestions),
            Reply::Unstated { facts, .. } => ids(facts),
            _ => Vec::new(),
        }
    }

    /// The fact the reply shows as its answer, if it shows one.
    pub fn fact(&self) -> Option<&str> {
        match self {
            Reply::Answer { card, .. } | Reply::Fact(card) => Some(&card.id),
            _ => None,
        }
    }
}

/// The sentence that comes before an answer to a question about a later date than
/// the fact's: "The latest figure I have is for 30 September 2024."
pub fn latest_note(as_of: &str) -> String {
    format!("The latest figure I have is for {as_of}; I have none more recent.")
}

/// What a reply says when the subject is known but the quantity asked is not: "I
/// have no figure for the China-Laos Railway's length. What I know about it:".
pub fn unstated_text(asked: &str, subject: Option<&str>) -> String {
    let asked = if asked.is_empty() { "that" } else { asked };
    if asked == FigureKind::Name.noun() {
        return match subject {
            Some(subject) => format!("I can't say who, for {subject}. What I know about it:"),
            None => "I can't say who. What I know about the subject:".to_owned(),
        };
    }
    match subject {
        Some(subject) => format!("I have no figure for {subject}'s {asked}. What I know about it:"),
        None => format!("I have no figure for that {asked}. What I know about the subject:"),
    }
}

/// The lines of a small-talk reply: one for its kind, what the bot knows, and
/// questions to try.
pub fn small_talk_lines(kind: SmallTalk, topics: &[String], examples: &[String]) -> Vec<String> {
    let opening = match kind {
        SmallTalk::Greeting => {
            "Hi! I answer questions about intellectual property in western China: patents, trademarks and geographical indications."
        }
        SmallTalk::Thanks => {
            "You're welcome! Ask me anything else about intellectual property in western China."
        }
        SmallTalk::Help => {
            "I answer questions about intellectual property in western China (patents, trademarks, geographical indications) from a curated fact base, and cite the source and date of every figure. If no fact answers a question, I say so rather than guess."
        }
    };
    let mut lines = vec![opening.to_owned()];
    if !topics.is_empty() {
        lines.push(format!("I know about: {}.", topics.join(", ")));
    }
    if !examples.is_empty() {
        let quoted: Vec<String> = examples
            .iter()
            .map(|e| format!("\u{201c}{e}\u{201d}"))
            .collect();
        lines.push(format!("Try asking: {}", quoted.join(" or ")));
    }
    lines
}

/// The first example question of the first fact with figures in each topic, for the
/// first [`EXAMPLES`] topics: questions the bot is sure to answer.
fn examples(base: &FactBase) -> Vec<String> {
    base.topics()
        .iter()
        .filter_map(|(topic, _)| {
            base.facts()
                .iter()
                .filter(|f| f.topic == *topic && !f.figures.is_empty())
                .find_map(|f| f.questions.first().cloned())
        })
        .take(EXAMPLES)
        .collect()
}
