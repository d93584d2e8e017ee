//! Parsing `data/facts.zh.toml`, the Chinese side of the fact base: each fact's title,
//! answer, figures' labels and units, example questions and keywords, keyed by the
//! English fact's id, and the Chinese names of topics and sources. Checked against
//! the English facts: every fact has a Chinese version with as many figures, and
//! states the same numbers (after reading 万 and 亿, commas and full-width digits).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::fields::{Fields, RawTable, SourceText};
use super::numbers::{quantities, same};
use super::{Fact, Problem, Source};
use crate::limits;

/// A fact in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chinese {
    pub title: String,
    pub answer: String,
    /// The English figures' labels, values and units, in the same order.
    pub figures: Vec<ChineseFigure>,
    pub questions: Vec<String>,
    pub keywords: Vec<String>,
}

/// A figure's label, value and unit in Chinese ("有效发明专利", "49.3万", "件").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChineseFigure {
    pub label: String,
    pub value: String,
    #[serde(default)]
    pub unit: String,
}

/// The Chinese side of a fact base.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Translations {
    /// By fact id.
    pub facts: HashMap<String, Chinese>,
    /// Topic names, by English name.
    pub topics: BTreeMap<String, String>,
    /// Source titles, by source key.
    pub sources: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    topics: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    sources: BTreeMap<Spanned<String>, Spanned<RawTable>>,
    #[serde(default)]
    facts: BTreeMap<Spanned<String>, Spanned<RawTable>>,
}

const FACT_FIELDS: &[&str] = &["title", "answer", "figures", "questions", "keywords"];

/// The English side a translation is checked against.
pub(super) struct English<'a> {
    pub file: &'a SourceText<'a>,
    pub facts: &'a [Fact],
    /// Where each fact's id is in the English file.
    pub ids: &'a HashMap<String, usize>,
    pub sources: &'a BTreeMap<String, Source>,
    /// The English loaded without a problem. When it did not, the Chinese is read
    /// but not compared with it: its problems are the English file's, not echoes.
    pub sound: bool,
}

/// Parses the Chinese file, appending every problem to `problems`.
pub(super) fn parse(
    file: &SourceText<'_>,
    english: &English<'_>,
    problems: &mut Vec<Problem>,
) -> Translations {
    let raw: RawFile = match file.parse() {
        Ok(raw) => raw,
        Err(problem) => {
            problems.push(problem);
            return Translations::default();
        }
    };
    let mut translations = Translations::default();
    for (topic, name) in raw.topics {
        if name.get_ref().trim().is_empty() {
            problems.push(file.problem(name.span().start, "an empty topic name"));
        }
        translations
            .topics
            .insert(topic.into_inner(), name.into_inner());
    }
    for (key, table) in raw.sources {
        let at = key.span().start;
        let mut fields = Fields::new(file, problems, "source", &["title"], table);
        let title = fields.required::<String>("title");
        fields.finish();
        if !english.sources.contains_key(key.get_ref()) {
            problems.push(file.problem(
                at,
                format!("no source `{}` in the English facts", key.get_ref()),
            ));
        }
        if let Some((title, _)) = title {
            translations.sources.insert(key.into_inner(), title);
        }
    }
    let by_id: HashMap<&str, &Fact> = english.facts.iter().map(|f| (f.id.as_str(), f)).collect();
    for (id, table) in raw.facts {
        let Some(fact) = by_id.get(id.get_ref().as_str()) else {
            // A fact whose English has a problem of its own is not an echo here.
            if !english.ids.contains_key(id.get_ref()) {
                let message = format!("no fact `{}` in the English facts", id.get_ref());
                problems.push(file.problem(id.span().start, message));
            }
            continue;
        };
        let fact = english.sound.then_some(*fact);
        if let Some(chinese) = read_fact(file, fact, table, problems) {
            translations.facts.insert(id.into_inner(), chinese);
        }
    }
    if english.sound {
        check_complete(english, &translations, file, problems);
    }
    translations
}

/// Reads one fact's Chinese, compared with its English `fact` when there is one to
/// compare with.
fn read_fact(
    file: &SourceText<'_>,
    fact: Option<&Fact>,
    table: Spanned<RawTable>,
    problems: &mut Vec<Problem>,
) -> Option<Chinese> {
    let mut fields = Fields::new(file, problems, "Chinese fact", FACT_FIELDS, table);
    let title = fields.required::<String>("title");
    let answer = fields.required::<String>("answer");
    let figures = fields.optional::<Vec<ChineseFigure>>("figures");
    let questions = fields.optional::<Vec<String>>("questions").map(|(q, _)| q);
    let keywords = fields.optional::<Vec<String>>("keywords").map(|(k, _)| k);
    if let Some((title, span)) = &title {
        check_text(&mut fields, "title", title, span.start, limits::EMBED_TITLE);
    }
    if let Some((answer, span)) = &answer {
        check_text(
            &mut fields,
            "answer",
            answer,
            span.start,
            limits::EMBED_DESCRIPTION,
        );
        let message = fact.and_then(|fact| differences(&fact.answer, answer, &fact.id));
        if let Some(message) = message {
            fields.report(span.start, message);
        }
    }
    let at = fields.start();
    match (&figures, fact) {
        (_, None) => {}
        (Some((figures, span)), Some(fact)) => {
            check_figures(&mut fields, fact, figures, span.start);
        }
        (None, Some(fact)) if !fact.figures.is_empty() => {
            let message = format!(
                "fact `{}` has {} figures in English and none in Chinese",
                fact.id,
                fact.figures.len()
            );
            fields.report(at, message);
        }
        (None, Some(_)) => {}
    }
    fields.finish();
    Some(Chinese {
        title: title?.0,
        answer: answer?.0,
        figures: figures.map(|(f, _)| f).unwrap_or_default(),
        questions: questions.unwrap_or_default(),
        keywords: keywords.unwrap_or_default(),
    })
}

fn check_text(fields: &mut Fields<'_, '_>, key: &str, text: &str, at: usize, max: usize) {
    if text.trim().is_empty() {
        fields.report(at, format!("field `{key}` is empty"));
    } else if text.chars().count() > max {
        fields.report(at, format!("field `{key}` is longer than {max} characters"));
    }
}

fn check_figures(fields: &mut Fields<'_, '_>, fact: &Fact, figures: &[ChineseFigure], at: usize) {
    if figures.len() != fact.figures.len() {
        let message = format!(
            "fact `{}` has {} figures in English and {} in Chinese",
            fact.id,
            fact.figures.len(),
            figures.len()
        );
        fields.report(at, message);
        return;
    }
    for (english, chinese) in fact.figures.iter().zip(figures) {
        if chinese.label.trim().is_empty() {
            fields.report(
                at,
                format!("a figure of `{}` has an empty Chinese label", fact.id),
            );
        }
        if let Some(message) = differences(&english.value, &chinese.value, &fact.id) {
            fields.report(at, format!("figure `{}`: {message}", english.label));
        }
    }
}

/// What the Chinese text states differently from the English one, if anything.
fn differences(english: &str, chinese: &str, id: &str) -> Option<String> {
    let (en, zh) = (quantities(english), quantities(chinese));
    let missing: Vec<String> = en
        .iter()
        .filter(|q| !zh.iter().any(|z| same(**q, *z)))
        .map(|q| show(*q))
        .collect();
    let extra: Vec<String> = zh
        .iter()
        .filter(|q| !en.iter().any(|e| same(**q, *e)))
        .map(|q| show(*q))
        .collect();
    if missing.is_empty() && extra.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("lacks {} (in the English)", missing.join(", ")));
    }
    if !extra.is_empty() {
        parts.push(format!("states {} (not in the English)", extra.join(", ")));
    }
    Some(format!("the Chinese of `{id}` {}", parts.join(" and ")))
}

/// A quantity as people write it: 493000, 16.7, 42000000.
fn show(quantity: f64) -> String {
    let text = format!("{quantity:.6}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Every English fact, topic and source has its Chinese.
fn check_complete(
    english: &English<'_>,
    translations: &Translations,
    file: &SourceText<'_>,
    problems: &mut Vec<Problem>,
) {
    for fact in english.facts {
        if !translations.facts.contains_key(&fact.id) {
            let at = english.ids.get(&fact.id).copied().unwrap_or(0);
            let message = format!(
                "fact `{}` has no Chinese version ([facts.{}] in {})",
                fact.id,
                fact.id,
                file.name()
            );
            problems.push(english.file.problem(at, message));
        }
    }
    let topics: std::collections::BTreeSet<&str> =
        english.facts.iter().map(|f| f.topic.as_str()).collect();
    for topic in topics {
        if !translations.topics.contains_key(topic) {
            problems.push(file.problem(0, format!("[topics] has no Chinese name for `{topic}`")));
        }
    }
    for key in english.sources.keys() {
        if !translations.sources.contains_key(key) {
            problems.push(file.problem(0, format!("[sources.{key}] has no Chinese title")));
        }
    }
}
