//! The fact base: the model of `data/facts.toml` and its loading and validation.
//!
//! Loading never stops at the first problem: it checks every fact and reports every
//! problem it finds, each with file, line and column (see [`LoadError`]).

mod as_of;
mod charts;
mod chinese;
mod chinese_words;
mod error;
mod fields;
mod load;
pub mod numbers;

mod synonyms;

pub use charts::{Bar, Chart, Scale};
pub use chinese::{Chinese, ChineseFigure, Translations};
pub use chinese_words::{ChineseWords, Reading};

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

pub use as_of::AsOf;
pub use error::{LoadError, Problem};
pub use fields::SourceText;
pub use synonyms::{Ask, Measure, Place, SmallTalkPhrases, Synonyms, TimePhrase};

/// The Chinese side's files: the facts' Chinese (`facts.zh.toml`) and the Chinese
/// vocabulary (`synonyms.zh.toml`).
#[derive(Clone, Copy)]
pub struct ChineseFiles<'a> {
    pub facts: &'a SourceText<'a>,
    pub words: &'a SourceText<'a>,
}

/// One answerable unit of knowledge.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// Stable kebab-case identifier.
    pub id: String,
    /// Short headline.
    pub title: String,
    /// Broad subject, used to group facts.
    pub topic: String,
    /// The answer, one to three sentences.
    pub answer: String,
    /// The figures the answer states.
    pub figures: Vec<Figure>,
    /// The date the figures refer to.
    pub as_of: AsOf,
    /// Places the fact is about, as named in `data/synonyms.toml`.
    pub places: Vec<String>,
    /// Words and phrases people use for this fact.
    pub keywords: Vec<String>,
    /// Example questions, worded as users ask them.
    pub questions: Vec<String>,
    /// Ids of related facts.
    pub related: Vec<String>,
    /// Key of the fact's entry in `[sources]`.
    pub source: String,
}

/// A figure a fact states.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// What is measured ("Valid invention patents").
    pub label: String,
    /// The value exactly as the source gives it ("493,000", "over 5 million").
    pub value: String,
    /// The unit ("patents", "percent", "yuan").
    pub unit: String,
    /// What kind of quantity it is, so a question asking for another kind abstains.
    pub kind: FigureKind,
}

impl Figure {
    /// The value with its unit, as a reader wants it: "493,000 valid invention
    /// patents", "16.7 percent"; a date alone: "December 2021".
    pub fn display(&self) -> String {
        if self.kind == FigureKind::Date || self.unit.is_empty() {
            self.value.clone()
        } else {
            format!("{} {}", self.value, self.unit)
        }
    }
}

/// The kind of quantity a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// A number of things.
    Count,
    /// An amount of money.
    Money,
    /// A share of a whole ("38.8 percent of the national total", "two-thirds").
    Share,
    /// A rate of change ("up 16.7 percent year on year").
    Growth,
    /// An area.
    Area,
    /// An amount of energy.
    Energy,
    /// A volume.
    Volume,
    /// A length or distance.
    Length,
    /// A date or year.
    Date,
    /// A power or capacity (megawatts), as opposed to energy produced.
    Power,
    /// A speed.
    Speed,
    /// A position in a ranking ("third").
    Rank,
    /// A span of time ("five years to build"), as opposed to a date.
    Duration,
    /// Who: a person or body the fact names ("chairman: Wang Shechang"), which a
    /// question asking "who runs" or "which agency" wants.
    Name,
}

impl FigureKind {
    /// Every kind.
    pub const ALL: [FigureKind; 14] = [
        FigureKind::Count,
        FigureKind::Money,
        FigureKind::Share,
        FigureKind::Growth,
        FigureKind::Area,
        FigureKind::Energy,
        FigureKind::Volume,
        FigureKind::Length,
        FigureKind::Date,
        FigureKind::Power,
        FigureKind::Speed,
        FigureKind::Rank,
        FigureKind::Duration,
        FigureKind::Name,
    ];

    /// How a reply names a quantity of this kind ("I have no figure for its *length*").
    pub fn noun(self) -> &'static str {
        match self {
            FigureKind::Count => "number",
            FigureKind::Money => "value",
            FigureKind::Share => "share",
            FigureKind::Growth => "growth",
            FigureKind::Area => "area",
            FigureKind::Energy => "energy output",
            FigureKind::Volume => "volume",
            FigureKind::Length => "length",
            FigureKind::Date => "date",
            FigureKind::Power => "capacity",
            FigureKind::Speed => "speed",
            FigureKind::Rank => "rank",
            FigureKind::Duration => "duration",
            FigureKind::Name => "who",
        }
    }
}

/// Where facts come from.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// Key that facts refer to.
    pub key: String,
    /// Name of the publication or body.
    pub title: String,
    /// When it was published, if known.
    pub published: Option<AsOf>,
    /// Key of the source this one is cited in (a body quoted by the article).
    pub via: Option<String>,
}

/// The loaded, validated facts with their sources and matching vocabulary.
#[derive(Debug, Clone, Serialize)]
pub struct FactBase {
    facts: Vec<Fact>,
    sources: BTreeMap<String, Source>,
    synonyms: Synonyms,
    /// The Chinese side: facts, topics and sources.
    chinese: Translations,
    /// How Chinese questions read in the matcher's words.
    chinese_words: ChineseWords,
    /// Each fact's position, by id.
    #[serde(skip)]
    by_id: HashMap<String, usize>,
    /// The topics in order of first appearance, with their number of facts.
    #[serde(skip)]
    topics: Vec<(String, usize)>,
    /// Figures that compare, drawn side by side (`data/charts.toml`).
    #[serde(skip)]
    charts: Vec<Chart>,
}

impl FactBase {
    /// Loads and validates a fact base from the text of its files: the facts, the
    /// matching vocabulary, and the Chinese side (none: English only, as the
    /// benchmarks' generated bases are).
    ///
    /// # Errors
    /// Every problem found in any file, each with its position.
    pub fn parse(
        facts: &SourceText<'_>,
        synonyms: &SourceText<'_>,
        chinese: Option<ChineseFiles<'_>>,
    ) -> Result<FactBase, LoadError> {
        let mut problems = Vec::new();
        let synonyms = Synonyms::parse(synonyms, &mut problems);
        let facts_file = facts;
        let (facts, sources, ids) = load::parse_facts(facts_file, &synonyms, &mut problems);
        let english = chinese::English {
            file: facts_file,
            facts: &facts,
            ids: &ids,
            sources: &sources,
            sound: problems.is_empty(),
        };
        let (translations, chinese_words) = match chinese {
            Some(files) => (
                chinese::parse(files.facts, &english, &mut problems),
                ChineseWords::parse(files.words, &synonyms, &mut problems),
            ),
            None => Default::default(),
        };
        if problems.is_empty() {
            let by_id = facts
                .iter()
                .enumerate()
                .map(|(i, f)| (f.id.clone(), i))
                .collect();
            let mut topics: Vec<(String, usize)> = Vec::new();
            for fact in &facts {
                match topics.iter_mut().find(|(t, _)| *t == fact.topic) {
                    Some((_, n)) => *n += 1,
                    None => topics.push((fact.topic.clone(), 1)),
                }
            }
            Ok(FactBase {
                facts,
                sources,
                synonyms,
                chinese: translations,
                chinese_words,
                by_id,
                topics,
                charts: Vec::new(),
            })
        } else {
            problems.sort_by(|a, b| {
                (a.file(), a.line(), a.column()).cmp(&(b.file(), b.line(), b.column()))
            });
            Err(LoadError::new(problems))
        }
    }

    /// Fact `id` in Chinese, if the base has its Chinese.
    pub fn chinese(&self, id: &str) -> Option<&Chinese> {
        self.chinese.facts.get(id)
    }

    /// The Chinese side of the base.
    pub fn translations(&self) -> &Translations {
        &self.chinese
    }

    /// How Chinese questions read in the matcher's words.
    pub fn chinese_words(&self) -> &ChineseWords {
        &self.chinese_words
    }

    /// All facts, in file order.
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// The base with the charts of `file` (`charts.toml`), each checked against it.
    ///
    /// # Errors
    /// Every problem in `file`, each with its position.
    pub fn with_charts(self, file: &SourceText<'_>) -> Result<FactBase, LoadError> {
        let charts = charts::parse(file, &self)?;
        Ok(FactBase { charts, ..self })
    }

    /// Every chart, in file order.
    pub fn charts(&self) -> &[Chart] {
        &self.charts
    }

    /// The chart with this id.
    pub fn chart(&self, id: &str) -> Option<&Chart> {
        self.charts.iter().find(|c| c.id == id)
    }

    /// The charts that draw a figure of fact `id`.
    pub fn charts_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Chart> + 'a {
        self.charts
            .iter()
            .filter(move |c| c.bars.iter().any(|b| b.fact == id))
    }

    /// The fact with this id.
    pub fn get(&self, id: &str) -> Option<&Fact> {
        self.by_id.get(id).map(|&i| &self.facts[i])
    }

    /// The sources, by key.
    pub fn sources(&self) -> &BTreeMap<String, Source> {
        &self.sources
    }

    /// The matching vocabulary.
    pub fn synonyms(&self) -> &Synonyms {
        &self.synonyms
    }

    /// The topics, in order of first appearance, with their number of facts.
    pub fn topics(&self) -> Vec<(&str, usize)> {
        self.topics.iter().map(|(t, n)| (t.as_str(), *n)).collect()
    }

    /// The distinct places facts are about, in order of first appearance.
    pub fn places(&self) -> Vec<&str> {
        let mut places: Vec<&str> = Vec::new();
        for place in self.facts.iter().flat_map(|f| &f.places) {
            if !places.contains(&place.as_str()) {
                places.push(place);
            }
        }
        places
    }

    /// How to cite a fact's source: "CNIPA, via “Article” (2024)".
    pub fn citation(&self, fact: &Fact) -> String {
        let mut text = String::new();
        let mut key = Some(fact.source.as_str());
        // Bounded so that a `via` cycle cannot loop; loading rejects cycles anyway.
        for _ in 0..self.sources.len() {
            let Some(source) = key.and_then(|k| self.sources.get(k)) else {
                break;
            };
            if !text.is_empty() {
                text.push_str(", via ");
            }
            match source.via {
                Some(_) => text.push_str(&source.title),
                None => text.push_str(&format!("\u{201c}{}\u{201d}", source.title)),
            }
            if let Some(published) = &source.published {
                text.push_str(&format!(" ({published})"));
            }
            key = source.via.as_deref();
        }
        text
    }

    /// How to cite a fact's source in Chinese: "国家知识产权局，转引自《文章》（2024）",
    /// each source by its Chinese title where the base has one.
    pub fn citation_in_chinese(&self, fact: &Fact) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut key = Some(fact.source.as_str());
        for _ in 0..self.sources.len() {
            let Some(source) = key.and_then(|k| self.sources.get(k)) else {
                break;
            };
            let title = self.chinese.sources.get(key.unwrap_or_default());
            let title = title.unwrap_or(&source.title);
            let mut part = match source.via {
                Some(_) => title.clone(),
                None => format!("《{title}》"),
            };
            if let Some(published) = &source.published {
                part.push_str(&format!("（{published}）"));
            }
            parts.push(part);
            key = source.via.as_deref();
        }
        parts.join("，转引自")
    }

    /// The related facts of `fact` that exist.
    pub fn related(&self, fact: &Fact) -> Vec<&Fact> {
        fact.related.iter().filter_map(|id| self.get(id)).collect()
    }
}
