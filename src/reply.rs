//! What the user sees, as plain data: built from an [`Outcome`], rendered for the
//! terminal, as JSON, and (later) as Discord embeds.

use serde::Serialize;

use crate::Outcome;
use crate::engine::SmallTalk;
use crate::facts::{Fact, FactBase, FigureKind};
use crate::lang::Lang;
use crate::ui::{self, Text};

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
    /// The charts that draw its figures, by id.
    pub charts: Vec<String>,
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
    /// The card for a fact of `base`, in `lang` (English where the base has no
    /// Chinese for it).
    pub fn new(base: &FactBase, fact: &Fact, lang: Lang) -> FactCard {
        let related = base.related(fact).into_iter();
        let chinese = base.chinese(&fact.id).filter(|_| lang.is_chinese());
        let Some(chinese) = chinese else {
            return FactCard {
                id: fact.id.clone(),
                title: fact.title.clone(),
                topic: fact.topic.clone(),
                text: fact.answer.clone(),
                figures: FigureLine::all(base, fact, Lang::En),
                source: base.citation(fact),
                as_of: fact.as_of.to_string(),
                as_of_iso: fact.as_of.iso(),
                related: related.map(|f| Link::new(base, f, Lang::En)).collect(),
                charts: chart_ids(base, fact),
            };
        };
        FactCard {
            id: fact.id.clone(),
            title: chinese.title.clone(),
            topic: topic_name(base, &fact.topic, lang),
            text: chinese.answer.clone(),
            figures: FigureLine::all(base, fact, lang),
            source: base.citation_in_chinese(fact),
            as_of: fact.as_of.chinese(),
            as_of_iso: fact.as_of.iso(),
            related: related.map(|f| Link::new(base, f, lang)).collect(),
            charts: chart_ids(base, fact),
        }
    }
}

impl FigureLine {
    /// Figure `index` of `fact` as shown in `lang`: its Chinese label, value and unit
    /// where the base has them, else its English.
    pub fn new(base: &FactBase, fact: &Fact, index: usize, lang: Lang) -> FigureLine {
        let figure = &fact.figures[index];
        let chinese = base
            .chinese(&fact.id)
            .filter(|_| lang.is_chinese())
            .and_then(|c| c.figures.get(index));
        match chinese {
            Some(zh) => FigureLine {
                label: zh.label.clone(),
                value: if figure.kind == FigureKind::Date {
                    zh.value.clone()
                } else {
                    format!("{}{}", zh.value, zh.unit)
                },
            },
            None => FigureLine {
                label: figure.label.clone(),
                value: figure.display(),
            },
        }
    }

    /// Every figure of `fact`, as shown in `lang`.
    fn all(base: &FactBase, fact: &Fact, lang: Lang) -> Vec<FigureLine> {
        (0..fact.figures.len())
            .map(|index| FigureLine::new(base, fact, index, lang))
            .collect()
    }
}

/// The ids of the charts that draw a figure of `fact`.
fn chart_ids(base: &FactBase, fact: &Fact) -> Vec<String> {
    base.charts_of(&fact.id).map(|c| c.id.clone()).collect()
}

/// A fact's title in `lang`.
fn title(base: &FactBase, fact: &Fact, lang: Lang) -> String {
    match base.chinese(&fact.id).filter(|_| lang.is_chinese()) {
        Some(chinese) => chinese.title.clone(),
        None => fact.title.clone(),
    }
}

/// A topic's name in `lang`.
pub fn topic_name(base: &FactBase, topic: &str, lang: Lang) -> String {
    let chinese = base.translations().topics.get(topic);
    match chinese.filter(|_| lang.is_chinese()) {
        Some(name) => name.clone(),
        None => topic.to_owned(),
    }
}

impl Listed {
    /// `fact` as listed in `lang`.
    pub fn new(base: &FactBase, fact: &Fact, lang: Lang) -> Listed {
        Listed {
            id: fact.id.clone(),
            title: title(base, fact, lang),
            topic: topic_name(base, &fact.topic, lang),
        }
    }
}

impl Link {
    /// A link to `fact`, titled in `lang`.
    pub fn new(base: &FactBase, fact: &Fact, lang: Lang) -> Link {
        Link {
            id: fact.id.clone(),
            title: title(base, fact, lang),
        }
    }
}

impl Reply {
    /// The reply for an outcome of `base`, in `lang`.
    pub fn new(base: &FactBase, outcome: &Outcome<'_>, lang: Lang) -> Reply {
        let links = |facts: &[&Fact]| facts.iter().map(|f| Link::new(base, f, lang)).collect();
        match outcome {
            Outcome::Answer {
                fact,
                confidence,
                runners_up,
                latest_only,
            } => Reply::Answer {
                card: Box::new(FactCard::new(base, fact, lang)),
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
                topics: closest_topics
                    .iter()
                    .map(|t| topic_name(base, t, lang))
                    .collect(),
                confidence: *confidence,
            },
            Outcome::Unstated {
                asked,
                subject,
                facts,
                confidence,
            } => Reply::Unstated {
                asked: quantity_name(asked, lang),
                subject: match lang {
                    Lang::En => subject.clone(),
                    Lang::Zh(_) => subject.as_deref().and_then(|s| chinese_name(base, s)),
                },
                facts: links(facts),
                confidence: *confidence,
            },
            Outcome::SmallTalk(kind) => Reply::SmallTalk {
                kind: *kind,
                topics: base
                    .topics()
                    .iter()
                    .map(|(t, _)| topic_name(base, t, lang))
                    .collect(),
                examples: examples(base, lang),
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

    /// A notice saying what went wrong, in `lang`.
    pub fn problem(lang: Lang, text: &str) -> Reply {
        Reply::Notice(Notice {
            title: ui::text(lang, Text::Sorry).to_owned(),
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
pub fn latest_note(lang: Lang, as_of: &str) -> String {
    ui::fill(lang, Text::LatestNote, &[("as_of", as_of)])
}

/// What a reply says when the subject is known but the quantity asked is not: "I
/// have no figure for the China-Laos Railway's length. What I know about it:".
pub fn unstated_text(lang: Lang, asked: &str, subject: Option<&str>) -> String {
    let asked = if asked.is_empty() {
        ui::text(lang, Text::UnstatedThat)
    } else {
        asked
    };
    let who = asked == quantity_name(FigureKind::Name.noun(), lang);
    let text = match (who, subject) {
        (true, Some(_)) => Text::UnstatedWhoOf,
        (true, None) => Text::UnstatedWho,
        (false, Some(_)) => Text::UnstatedFigureOf,
        (false, None) => Text::UnstatedFigure,
    };
    let subject = subject.unwrap_or_default();
    ui::fill(lang, text, &[("asked", asked), ("subject", subject)])
}

/// The name of a quantity asked for ("length") in `lang`.
fn quantity_name(asked: &str, lang: Lang) -> String {
    match lang {
        Lang::En => asked.to_owned(),
        Lang::Zh(_) => ui::quantity(lang, asked).to_owned(),
    }
}

/// A place's name in `lang`: its Chinese name where the vocabulary has one.
pub fn place_name(base: &FactBase, place: &str, lang: Lang) -> String {
    match lang {
        Lang::En => place.to_owned(),
        Lang::Zh(_) => chinese_name(base, place).unwrap_or_else(|| place.to_owned()),
    }
}

/// The Chinese of a place or thing the matcher names in English, as the Chinese
/// vocabulary first reads it.
fn chinese_name(base: &FactBase, english: &str) -> Option<String> {
    let words = base.chinese_words();
    words
        .places
        .iter()
        .chain(&words.terms)
        .find(|r| r.english.eq_ignore_ascii_case(english))
        .map(|r| r.chinese.clone())
}

/// The lines of a small-talk reply: one for its kind, what the bot knows, and
/// questions to try.
pub fn small_talk_lines(
    lang: Lang,
    kind: SmallTalk,
    topics: &[String],
    examples: &[String],
) -> Vec<String> {
    let opening = match kind {
        SmallTalk::Greeting => Text::Greeting,
        SmallTalk::Thanks => Text::Thanks,
        SmallTalk::Help => Text::HelpIntro,
    };
    let mut lines = vec![ui::text(lang, opening).to_owned()];
    if !topics.is_empty() {
        let topics = ui::list(lang, topics);
        lines.push(ui::fill(lang, Text::IKnowAbout, &[("topics", &topics)]));
    }
    if !examples.is_empty() {
        let quoted: Vec<String> = examples
            .iter()
            .map(|e| ui::fill(lang, Text::Quoted, &[("text", e)]))
            .collect();
        let examples = quoted.join(ui::text(lang, Text::Or));
        lines.push(ui::fill(lang, Text::TryAsking, &[("examples", &examples)]));
    }
    lines
}

/// The first example question of the first fact with figures in each topic, for the
/// first [`EXAMPLES`] topics, in `lang`: questions the bot is sure to answer.
fn examples(base: &FactBase, lang: Lang) -> Vec<String> {
    base.topics()
        .iter()
        .filter_map(|(topic, _)| {
            base.facts()
                .iter()
                .filter(|f| f.topic == *topic && !f.figures.is_empty())
                .find_map(
                    |f| match base.chinese(&f.id).filter(|_| lang.is_chinese()) {
                        Some(chinese) => chinese.questions.first().cloned(),
                        None => f.questions.first().cloned(),
                    },
                )
        })
        .take(EXAMPLES)
        .collect()
}
