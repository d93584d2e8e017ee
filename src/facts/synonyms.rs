//! The matching vocabulary of `data/synonyms.toml`: stop words, alias groups, known
//! places and question cues. Plain data; the matcher compiles it into its index.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::fields::SourceText;
use super::{FigureKind, Problem};

/// What `data/synonyms.toml` holds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Synonyms {
    /// Words ignored when matching.
    pub stop_words: Vec<String>,
    /// Groups of terms that mean the same; the first term is the group's name.
    pub aliases: Vec<Vec<String>>,
    /// Places the matcher recognises, with their hierarchy.
    pub places: Vec<Place>,
    /// Cues that tell what kind of figure a question asks for.
    pub asks: Vec<Ask>,
    /// Words that name a measured quantity ("cost", "capacity"): a question naming
    /// one asks for a figure of that kind even without "how much".
    pub measures: Vec<Measure>,
    /// Phrases that date a question relative to today ("last year", "right now").
    pub times: Vec<TimePhrase>,
    /// Words after which a word names a thing: determiners and prepositions.
    pub noun_markers: Vec<String>,
    /// Chat that is not a question: greetings, thanks, asking for help.
    pub small_talk: SmallTalkPhrases,
    /// Words a fact must state to answer a question that uses them ("second").
    pub must_state: Vec<String>,
}

/// A quantity people ask for by name.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// How replies name it ("cost").
    pub name: String,
    /// The words that name it.
    pub words: Vec<String>,
    /// The kind of figure that states it.
    pub kind: FigureKind,
}

/// A phrase that dates a question relative to the day it is asked.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TimePhrase {
    /// The phrase, as people type it.
    pub phrase: String,
    /// How many years before this one it means; none: now, the latest figure.
    #[serde(default)]
    pub years_ago: Option<u16>,
    /// Whether it looks ahead ("next year", "forecast"): a figure no fact states.
    #[serde(default)]
    pub future: bool,
    /// A word a fact must state to answer a question using the phrase, which then
    /// dates nothing: a figure "each year" is an *annual* one.
    #[serde(default)]
    pub states: Option<String>,
}

/// The phrases of each kind of small talk.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SmallTalkPhrases {
    /// "hi", "good morning".
    #[serde(default)]
    pub greeting: Vec<String>,
    /// "thanks", "that was helpful".
    #[serde(default)]
    pub thanks: Vec<String>,
    /// "help", "what can you do", "who are you".
    #[serde(default)]
    pub help: Vec<String>,
}

/// A place the matcher recognises.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The place's name as facts spell it ("western China").
    pub name: String,
    /// The larger place it lies in, by name.
    #[serde(default)]
    pub within: Option<String>,
    /// Other ways people write it.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A phrase that shows what a question asks for ("how many" asks for a count).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ask {
    /// The phrase, as people type it.
    pub cue: String,
    /// The kinds of figure that answer it.
    #[serde(default)]
    pub kinds: Vec<FigureKind>,
    /// Whether it asks for a place ("which region"), which a fact about a smaller
    /// place inside the one named answers.
    #[serde(default)]
    pub place: bool,
    /// Whether it asks for a part of a whole ("how many of"): a fact whose figure the
    /// question quotes as that whole does not answer it.
    #[serde(default)]
    pub part: bool,
    /// Whether it counts only where a question starts: "*when* did it open", not
    /// "grass thriving when it is desert".
    #[serde(default)]
    pub opens: bool,
    /// Whether it counts only right before a meaningful word: "which *products*",
    /// not "which was higher".
    #[serde(default)]
    pub before_noun: bool,
    /// Whether it asks who holds a role the question names ("who *runs the
    /// department*"): only a name figure for that role answers.
    #[serde(default)]
    pub role: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSynonyms {
    #[serde(default)]
    stop_words: Vec<String>,
    #[serde(default)]
    aliases: Vec<Spanned<Vec<String>>>,
    #[serde(default)]
    places: Vec<Spanned<Place>>,
    #[serde(default)]
    asks: Vec<Ask>,
    #[serde(default)]
    measures: Vec<Measure>,
    #[serde(default)]
    times: Vec<TimePhrase>,
    #[serde(default)]
    noun_markers: Vec<String>,
    #[serde(default)]
    small_talk: SmallTalkPhrases,
    #[serde(default)]
    must_state: Vec<String>,
}

impl Synonyms {
    /// Parses and checks `data/synonyms.toml`, appending every problem found.
    pub(crate) fn parse(file: &SourceText<'_>, problems: &mut Vec<Problem>) -> Synonyms {
        let raw: RawSynonyms = match file.parse() {
            Ok(raw) => raw,
            Err(problem) => {
                problems.push(problem);
                return Synonyms::default();
            }
        };
        for group in &raw.aliases {
            if group.get_ref().len() < 2 {
                let message = "an alias group needs at least two terms";
                problems.push(file.problem(group.span().start, message));
            }
        }
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        for place in &raw.places {
            let at = place.span().start;
            let name = place.get_ref().name.to_lowercase();
            if let Some(&first) = first_seen.get(&name) {
                let line = file.problem(first, "").line();
                let message = format!(
                    "place `{}` is listed twice (first on line {line})",
                    place.get_ref().name
                );
                problems.push(file.problem(at, message));
            }
            first_seen.entry(name).or_insert(at);
        }
        for place in &raw.places {
            if let Some(within) = &place.get_ref().within
                && !first_seen.contains_key(&within.to_lowercase())
            {
                let message = format!(
                    "place `{}` lies within `{within}`, which is not a listed place",
                    place.get_ref().name
                );
                problems.push(file.problem(place.span().start, message));
            }
        }
        Synonyms {
            stop_words: raw.stop_words,
            aliases: raw.aliases.into_iter().map(Spanned::into_inner).collect(),
            places: raw.places.into_iter().map(Spanned::into_inner).collect(),
            asks: raw.asks,
            measures: raw.measures,
            times: raw.times,
            noun_markers: raw.noun_markers,
            small_talk: raw.small_talk,
            must_state: raw.must_state,
        }
    }

    /// The place with this name, ignoring case.
    pub fn place(&self, name: &str) -> Option<&Place> {
        self.places
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }
}
