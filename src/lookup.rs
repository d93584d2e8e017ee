//! Looking facts and places up by name, as autocomplete does while a user types:
//! exact matches first, then prefixes, then words contained, then similar spellings.
//! Names are found in English and in Chinese (Simplified or Traditional).

use strsim::jaro_winkler;

use crate::facts::{Fact, FactBase};
use crate::lang::simplified;
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
    let typed = clean(&simplified(typed));
    if typed.is_empty() {
        return round_robin_by_topic(base, limit);
    }
    let ranked: Vec<(Rank, usize, &Fact)> = base
        .facts()
        .iter()
        .enumerate()
        .filter_map(|(order, fact)| {
            let chinese = base.chinese(&fact.id);
            let keywords = fact
                .keywords
                .iter()
                .chain(chinese.into_iter().flat_map(|c| &c.keywords))
                .map(|k| clean(k));
            let chinese_title = chinese.and_then(|c| rank_name(&typed, &clean(&c.title)));
            let title = rank_name(&typed, &clean(&fact.title));
            let id = rank_name(&typed, &clean(&fact.id));
            // `Option::min` would prefer a miss: None orders first.
            let rank = best_rank(best_rank(title, chinese_title), id).or_else(|| {
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

/// The places facts are about that match `typed` (by their English or a Chinese
/// name), best first, at most `limit`.
pub fn places<'a>(base: &'a FactBase, typed: &str, limit: usize) -> Vec<&'a str> {
    names(base.places(), typed, limit, |place| {
        place_names(base, place)
    })
}

/// The topics that match `typed` (by their English or Chinese name), best first, at
/// most `limit`.
pub fn topics<'a>(base: &'a FactBase, typed: &str, limit: usize) -> Vec<&'a str> {
    let topics = base.topics().into_iter().map(|(topic, _)| topic);
    names(topics, typed, limit, |topic| {
        base.translations()
            .topics
            .get(topic)
            .map(String::as_str)
            .into_iter()
            .collect()
    })
}

/// The Chinese names of a place, as the Chinese vocabulary reads them.
pub fn place_names<'a>(base: &'a FactBase, place: &str) -> Vec<&'a str> {
    let places = &base.chinese_words().places;
    let named = places
        .iter()
        .filter(|r| r.english.eq_ignore_ascii_case(place));
    named.map(|r| r.chinese.as_str()).collect()
}

/// The `names` that match `typed` by themselves or by one of their `other_names`,
/// best first; all of them when nothing is typed.
fn names<'a>(
    names: impl IntoIterator<Item = &'a str>,
    typed: &str,
    limit: usize,
    other_names: impl Fn(&str) -> Vec<&'a str>,
) -> Vec<&'a str> {
    let typed = clean(&simplified(typed));
    let ranked: Vec<(Rank, usize, &str)> = names
        .into_iter()
        .enumerate()
        .filter_map(|(order, name)| {
            let rank = if typed.is_empty() {
                Some(Rank::Prefix)
            } else {
                let others = other_names(name).into_iter();
                others.fold(rank_name(&typed, &clean(name)), |rank, other| {
                    best_rank(rank, rank_name(&typed, &clean(other)))
                })
            };
            Some((rank?, order, name))
        })
        .collect();
    best(ranked, limit)
}

/// The better of two ranks, either of which may be none.
fn best_rank(a: Option<Rank>, b: Option<Rank>) -> Option<Rank> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The fact a `/fact` value names: its id, or its English or Chinese title in any
/// case or script.
pub fn fact_named<'a>(base: &'a FactBase, value: &str) -> Option<&'a Fact> {
    let value = value.trim();
    let chinese = simplified(value);
    base.get(value).or_else(|| {
        base.facts().iter().find(|f| {
            f.title.eq_ignore_ascii_case(value)
                || base.chinese(&f.id).is_some_and(|c| c.title == chinese)
        })
    })
}

/// The facts about a place, named in English in any case, or in Chinese.
pub fn facts_about<'a>(base: &'a FactBase, place: &str) -> Vec<&'a Fact> {
    let place = place.trim();
    let chinese = simplified(place);
    let named = |name: &str| {
        name.eq_ignore_ascii_case(place) || place_names(base, name).contains(&chinese.as_str())
    };
    base.facts()
        .iter()
        .filter(|f| f.places.iter().any(|p| named(p)))
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
    fn finds_facts_places_and_topics_by_their_chinese_names() {
        let base = data::bundled().unwrap();
        let first = |typed: &str| facts(&base, typed, 5).first().map(|f| f.id.clone());
        assert_eq!(first("广西的地理").as_deref(), Some("guangxi-gi-count"));
        assert_eq!(first("廣西的地理").as_deref(), Some("guangxi-gi-count"));
        assert_eq!(places(&base, "宁夏", 5), ["Ningxia"]);
        assert_eq!(topics(&base, "地理标志", 5), ["Geographical indications"]);
        assert_eq!(
            fact_named(&base, "廣西的地理標誌數量").map(|f| f.id.as_str()),
            Some("guangxi-gi-count")
        );
        assert!(!facts_about(&base, "寧夏").is_empty());
    }

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
