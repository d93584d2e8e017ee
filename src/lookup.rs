//! Looking facts and places up by name, as autocomplete does while a user types:
//! exact matches first, then prefixes, then words contained, then similar spellings.

use strsim::jaro_winkler;

use crate::facts::{Fact, FactBase};
use crate::matcher::normalize::clean;

/// Least Jaro-Winkler similarity for a misspelt name to be offered.
const MIN_SIMILARITY: f64 = 0.8;

/// How well a name matches what was typed; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Exact,
    Prefix,
    WordPrefix,
    Contains,
    Keyword,
    Similar(u16),
}

/// The facts whose title (or id, or keywords) match `typed`, best first, at most
/// `limit`. With nothing typed, one fact per topic in turn, so the list shows the
/// breadth of the base.
pub fn facts<'a>(base: &'a FactBase, typed: &str, limit: usize) -> Vec<&'a Fact> {
    let typed = clean(typed);
    if typed.is_empty() {
        return round_robin_by_topic(base, limit);
    }
    let ranked: Vec<(Rank, usize, &Fact)> = base
        .facts()
        .iter()
        .enumerate()
        .filter_map(|(order, fact)| {
            let keywords = fact.keywords.iter().map(|k| clean(k));
            let rank = rank_name(&typed, &clean(&fact.title))
                .min(rank_name(&typed, &clean(&fact.id)))
                .or_else(|| {
                    keywords
                        .filter(|k| k.contains(&typed))
                        .map(|_| Rank::Keyword)
                        .next()
                })?;
            Some((rank, order, fact))
        })
        .collect();
    best(ranked, limit)
}

/// The places facts are about that match `typed`, best first, at most `limit`.
pub fn places<'a>(base: &'a FactBase, typed: &str, limit: usize) -> Vec<&'a str> {
    names(base.places(), typed, limit)
}

/// The topics that match `typed`, best first, at most `limit`.
pub fn topics<'a>(base: &'a FactBase, typed: &str, limit: usize) -> Vec<&'a str> {
    names(
        base.topics().into_iter().map(|(topic, _)| topic),
        typed,
        limit,
    )
}

/// The `names` that match `typed`, best first; all of them when nothing is typed.
fn names<'a>(names: impl IntoIterator<Item = &'a str>, typed: &str, limit: usize) -> Vec<&'a str> {
    let typed = clean(typed);
    let ranked: Vec<(Rank, usize, &str)> = names
        .into_iter()
        .enumerate()
        .filter_map(|(order, name)| {
            let rank = if typed.is_empty() {
                Some(Rank::Prefix)
            } else {
                rank_name(&typed, &clean(name))
            };
            Some((rank?, order, name))
        })
        .collect();
    best(ranked, limit)
}

/// The fact a `/fact` value names: its id, or its title in any case.
pub fn fact_named<'a>(base: &'a FactBase, value: &str) -> Option<&'a Fact> {
    let value = value.trim();
    base.get(value).or_else(|| {
        base.facts()
            .iter()
            .find(|f| f.title.eq_ignore_ascii_case(value))
    })
}

/// The facts about a place, named in any case.
pub fn facts_about<'a>(base: &'a FactBase, place: &str) -> Vec<&'a Fact> {
    let place = place.trim();
    base.facts()
        .iter()
        .filter(|f| f.places.iter().any(|p| p.eq_ignore_ascii_case(place)))
        .collect()
}

/// The `limit` best of ranked items, ties in their original order.
fn best<T>(mut ranked: Vec<(Rank, usize, T)>, limit: usize) -> Vec<T> {
    ranked.sort_by_key(|(rank, order, _)| (*rank, *order));
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, _, item)| item)
        .collect()
}

fn rank_name(typed: &str, name: &str) -> Option<Rank> {
    if name == typed {
        Some(Rank::Exact)
    } else if name.starts_with(typed) {
        Some(Rank::Prefix)
    } else if name.split(' ').any(|word| word.starts_with(typed)) {
        Some(Rank::WordPrefix)
    } else if name.contains(typed) {
        Some(Rank::Contains)
    } else {
        // Compare with the start of the name as long as what was typed, so that a
        // misspelt beginning ("guangxy") still finds the name.
        let head: String = name.chars().take(typed.chars().count()).collect();
        let similarity = jaro_winkler(typed, &head).max(jaro_winkler(typed, name));
        (similarity >= MIN_SIMILARITY)
            .then_some(Rank::Similar(((1.0 - similarity) * 1000.0) as u16))
    }
}

fn round_robin_by_topic(base: &FactBase, limit: usize) -> Vec<&Fact> {
    let topics = base.topics();
    let mut by_topic: Vec<Vec<&Fact>> = topics
        .iter()
        .map(|(t, _)| {
            base.facts()
                .iter()
                .filter(|f| f.topic == *t)
                .rev()
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    while out.len() < limit && by_topic.iter().any(|facts| !facts.is_empty()) {
        for facts in &mut by_topic {
            if let Some(fact) = facts.pop()
                && out.len() < limit
            {
                out.push(fact);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data;

    #[test]
    fn ranks_exact_then_prefix_then_words_then_similar() {
        let base = data::bundled().unwrap();
        let titles = |typed: &str| -> Vec<String> {
            facts(&base, typed, 25)
                .iter()
                .map(|f| f.id.clone())
                .collect()
        };
        assert_eq!(
            titles("Guangxi's geographical indications")[0],
            "guangxi-gi-count"
        );
        assert_eq!(
            titles("guangxi")[..3],
            [
                "guangxi-gi-count",
                "guangxi-gi-output-value",
                "guangxi-gi-employment"
            ]
        );
        assert!(titles("sheep")[0].contains("sheep"));
        assert_eq!(titles("guangxy")[0], "guangxi-gi-count");
        assert!(titles("photovoltaic sheep").contains(&"photovoltaic-sheep-patent".to_owned()));
        assert!(titles("zzzzqqq").is_empty());
    }

    #[test]
    fn empty_input_shows_every_topic_first() {
        let base = data::bundled().unwrap();
        let listed = facts(&base, "", 25);
        assert_eq!(listed.len(), 25);
        let first_topics: Vec<&str> = listed
            .iter()
            .take(base.topics().len())
            .map(|f| f.topic.as_str())
            .collect();
        let topics: Vec<&str> = base.topics().into_iter().map(|(t, _)| t).collect();
        assert_eq!(first_topics, topics);
    }

    #[test]
    fn places_and_names() {
        let base = data::bundled().unwrap();
        assert_eq!(places(&base, "gua", 25), ["Guangxi"]);
        assert_eq!(places(&base, "xian", 25)[0], "Xi'an");
        assert_eq!(places(&base, "", 100).len(), base.places().len());
        assert_eq!(topics(&base, "patnts", 25)[0], "Patents");
        assert_eq!(
            fact_named(&base, "guangxi-gi-count").map(|f| f.id.as_str()),
            Some("guangxi-gi-count")
        );
        assert_eq!(
            fact_named(&base, "guangxi's GEOGRAPHICAL indications").map(|f| f.id.as_str()),
            Some("guangxi-gi-count")
        );
        assert!(fact_named(&base, "how many gis").is_none());
        assert_eq!(facts_about(&base, "guangxi").len(), 6);
    }
}
