//! Parsing and validating `data/facts.toml`.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use toml::Spanned;

use super::fields::{Fields, RawTable, SourceText};
use super::{AsOf, Fact, Figure, Problem, Source, Synonyms};
use crate::limits;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    sources: BTreeMap<Spanned<String>, Spanned<RawTable>>,
    #[serde(default)]
    facts: Vec<Spanned<RawTable>>,
}

const FACT_FIELDS: &[&str] = &[
    "id",
    "title",
    "topic",
    "answer",
    "figures",
    "as_of",
    "places",
    "keywords",
    "questions",
    "related",
    "source",
];
const SOURCE_FIELDS: &[&str] = &["title", "published", "via"];

/// A fact as read, with the positions that later cross-checks report at. `fact` is
/// `None` when a field had a problem; its id still counts, so that facts relating to
/// it are not reported as well.
struct ReadFact {
    fact: Option<Fact>,
    id: Option<(String, usize)>,
    related: Option<(Vec<String>, usize)>,
    source: Option<(String, usize)>,
}

/// The facts read, their sources, and where each id is in the file.
pub(super) type Read = (Vec<Fact>, BTreeMap<String, Source>, HashMap<String, usize>);

/// Parses the facts file, appending every problem found to `problems`.
pub(super) fn parse_facts(
    file: &SourceText<'_>,
    synonyms: &Synonyms,
    problems: &mut Vec<Problem>,
) -> Read {
    let raw: RawFile = match file.parse() {
        Ok(raw) => raw,
        Err(problem) => {
            problems.push(problem);
            return Default::default();
        }
    };
    if raw.facts.is_empty() {
        problems.push(file.problem(0, "the file has no [[facts]]"));
    }
    // Every source named, even one too broken to load: a fact citing it has the
    // source's problem, not one of its own.
    let declared: Vec<String> = raw.sources.keys().map(|k| k.get_ref().clone()).collect();
    let sources = read_sources(file, raw.sources, problems);
    let read: Vec<ReadFact> = raw
        .facts
        .into_iter()
        .map(|table| read_fact(file, synonyms, table, problems))
        .collect();
    check_ids(file, &read, &declared, problems);
    let ids = read.iter().filter_map(|r| r.id.clone()).collect();
    (
        read.into_iter().filter_map(|r| r.fact).collect(),
        sources,
        ids,
    )
}

fn read_sources(
    file: &SourceText<'_>,
    raw: BTreeMap<Spanned<String>, Spanned<RawTable>>,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, Source> {
    let keys: Vec<String> = raw.keys().map(|k| k.get_ref().clone()).collect();
    let mut sources = BTreeMap::new();
    for (key, table) in raw {
        let mut fields = Fields::new(file, problems, "source", SOURCE_FIELDS, table);
        let title = non_empty(&mut fields, "title");
        let published = fields
            .optional::<String>("published")
            .and_then(|(text, span)| {
                text.parse::<AsOf>()
                    .map_err(|e| fields.report(span.start, format!("field `published`: {e}")))
                    .ok()
            });
        let via = fields.optional::<String>("via").map(|(via, span)| {
            if !keys.contains(&via) || &via == key.get_ref() {
                let message = format!(
                    "source `{}` is cited via `{via}`, which is not another source",
                    key.get_ref()
                );
                fields.report(span.start, message);
            }
            via
        });
        fields.finish();
        if let Some(title) = title {
            let key = key.into_inner();
            sources.insert(
                key.clone(),
                Source {
                    key,
                    title,
                    published,
                    via,
                },
            );
        }
    }
    sources
}

fn read_fact(
    file: &SourceText<'_>,
    synonyms: &Synonyms,
    table: Spanned<RawTable>,
    problems: &mut Vec<Problem>,
) -> ReadFact {
    let mut fields = Fields::new(file, problems, "fact", FACT_FIELDS, table);
    let id = fields.required::<String>("id").map(|(id, span)| {
        if !is_kebab_case(&id) {
            let message = format!("id `{id}` must be kebab-case: lowercase letters and digits joined by single hyphens");
            fields.report(span.start, message);
        } else if id.len() > limits::FACT_ID {
            let message = format!(
                "id `{id}` is {} characters; at most {} fit in Discord's component ids",
                id.len(),
                limits::FACT_ID
            );
            fields.report(span.start, message);
        }
        (id, span.start)
    });
    let title = bounded(
        &mut fields,
        "title",
        limits::EMBED_TITLE,
        "a Discord embed title",
    );
    let topic = non_empty(&mut fields, "topic");
    let answer = bounded(
        &mut fields,
        "answer",
        limits::EMBED_DESCRIPTION,
        "a Discord embed description",
    );
    let figures = fields
        .optional::<Vec<Figure>>("figures")
        .map(|(figures, span)| {
            check_figures(&mut fields, &figures, span.start);
            figures
        })
        .unwrap_or_default();
    let as_of = fields.required::<String>("as_of").and_then(|(text, span)| {
        text.parse::<AsOf>()
            .map_err(|e| fields.report(span.start, format!("field `as_of`: {e}")))
            .ok()
    });
    let places = fields
        .optional::<Vec<String>>("places")
        .map(|(places, span)| {
            for place in places.iter().filter(|p| synonyms.place(p).is_none()) {
                let message =
                    format!("place `{place}` is not listed in the places of the synonyms file");
                fields.report(span.start, message);
            }
            places
        })
        .unwrap_or_default();
    let keywords = string_list(&mut fields, "keywords");
    let questions = string_list(&mut fields, "questions");
    let related = fields.optional::<Vec<String>>("related");
    let source = fields.required::<String>("source");
    fields.finish();

    let related = related.map(|(r, span)| (r, span.start));
    let source = source.map(|(s, span)| (s, span.start));
    let fact = (|| {
        Some(Fact {
            id: id.as_ref()?.0.clone(),
            title: title?,
            topic: topic?,
            answer: answer?,
            figures,
            as_of: as_of?,
            places,
            keywords,
            questions,
            related: related.as_ref().map(|r| r.0.clone()).unwrap_or_default(),
            source: source.as_ref()?.0.clone(),
        })
    })();
    ReadFact {
        fact,
        id,
        related,
        source,
    }
}

/// Checks what needs the whole file: unique ids, and `related` and `source` pointing
/// somewhere.
fn check_ids(
    file: &SourceText<'_>,
    read: &[ReadFact],
    sources: &[String],
    problems: &mut Vec<Problem>,
) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (id, at) in read.iter().filter_map(|r| r.id.as_ref()) {
        if let Some(&line) = first.get(id.as_str()) {
            problems.push(file.problem(
                *at,
                format!("duplicate id `{id}` (first defined on line {line})"),
            ));
        } else {
            first.insert(id, file.problem(*at, "").line());
        }
    }
    for r in read {
        let name = r.id.as_ref().map_or("(without id)", |(id, _)| id.as_str());
        for target in r
            .related
            .iter()
            .flat_map(|(related, at)| related.iter().map(move |t| (t, *at)))
        {
            let (target, at) = target;
            if target == name || !first.contains_key(target.as_str()) {
                let what = if target == name { "itself" } else { "no fact" };
                problems.push(file.problem(
                    at,
                    format!("fact `{name}` is related to `{target}`, which is {what}"),
                ));
            }
        }
        if let Some((source, at)) = &r.source
            && !sources.contains(source)
        {
            let known = sources.join(", ");
            let message = format!(
                "fact `{name}` cites source `{source}`, which is not in [sources] (known: {known})"
            );
            problems.push(file.problem(*at, message));
        }
    }
}

fn non_empty(fields: &mut Fields<'_, '_>, key: &str) -> Option<String> {
    let (text, span) = fields.required::<String>(key)?;
    if text.trim().is_empty() {
        fields.report(span.start, format!("field `{key}` is empty"));
    }
    Some(text)
}

fn bounded(fields: &mut Fields<'_, '_>, key: &str, max: usize, fits: &str) -> Option<String> {
    let text = non_empty(fields, key)?;
    let len = text.chars().count();
    if len > max {
        let message =
            format!("field `{key}` is too long for {fits}: {len} characters, at most {max}");
        fields.report(fields.start(), message);
    }
    Some(text)
}

fn string_list(fields: &mut Fields<'_, '_>, key: &str) -> Vec<String> {
    let Some((list, span)) = fields.optional::<Vec<String>>(key) else {
        return Vec::new();
    };
    if list.iter().any(|s| s.trim().is_empty()) {
        fields.report(span.start, format!("field `{key}` has an empty entry"));
    }
    list
}

fn check_figures(fields: &mut Fields<'_, '_>, figures: &[Figure], at: usize) {
    if figures.len() > limits::EMBED_FIELDS {
        let message = format!(
            "a fact has at most {} figures (one embed field each); this one has {}",
            limits::EMBED_FIELDS,
            figures.len()
        );
        fields.report(at, message);
    }
    for figure in figures {
        if figure.label.trim().is_empty() || figure.value.trim().is_empty() {
            fields.report(at, "a figure has an empty label or value");
        }
        if figure.label.chars().count() > limits::FIELD_NAME {
            fields.report(
                at,
                format!(
                    "figure label `{}` is longer than {} characters",
                    figure.label,
                    limits::FIELD_NAME
                ),
            );
        }
        if figure.value.chars().count() + figure.unit.chars().count() + 1 > limits::FIELD_VALUE {
            fields.report(
                at,
                format!(
                    "figure `{}`: value and unit are longer than {} characters",
                    figure.label,
                    limits::FIELD_VALUE
                ),
            );
        }
    }
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}
