//! The Chinese vocabulary of `data/synonyms.zh.toml`: how the words of a Chinese
//! question read in the English matcher's words. Plain data; the matcher's Chinese
//! reader compiles it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::fields::SourceText;
use super::{Problem, Synonyms};

/// What `data/synonyms.zh.toml` holds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ChineseWords {
    /// Words that carry no meaning for matching (的, 请问, 个).
    pub stop_words: Vec<String>,
    /// Words and the English they read as (专利 → "patent", 多少 → "how much").
    pub terms: Vec<Reading>,
    /// Place names and the place of `data/synonyms.toml` they name (宁夏 → "Ningxia").
    pub places: Vec<Reading>,
}

/// A Chinese word and the English it reads as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    pub chinese: String,
    pub english: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWords {
    #[serde(default)]
    stop_words: Vec<String>,
    #[serde(default)]
    terms: Vec<Spanned<[String; 2]>>,
    #[serde(default)]
    places: Vec<Spanned<[String; 2]>>,
}

impl ChineseWords {
    /// Parses and checks the Chinese vocabulary against the English one: each place
    /// it names is a place `synonyms` lists, and no word reads two ways.
    pub(crate) fn parse(
        file: &SourceText<'_>,
        synonyms: &Synonyms,
        problems: &mut Vec<Problem>,
    ) -> ChineseWords {
        let raw: RawWords = match file.parse() {
            Ok(raw) => raw,
            Err(problem) => {
                problems.push(problem);
                return ChineseWords::default();
            }
        };
        for place in &raw.places {
            let [chinese, english] = place.get_ref();
            if synonyms.place(english).is_none() {
                let message = format!(
                    "place `{chinese}` reads as `{english}`, which is not a place in the synonyms"
                );
                problems.push(file.problem(place.span().start, message));
            }
        }
        let mut first: HashMap<&str, (&str, usize)> = HashMap::new();
        for pair in raw.terms.iter().chain(&raw.places) {
            let [chinese, english] = pair.get_ref();
            let at = pair.span().start;
            if chinese.trim().is_empty() || english.trim().is_empty() {
                problems.push(file.problem(at, "a reading needs a word and its English"));
                continue;
            }
            match first.get(chinese.as_str()) {
                Some(&(other, line_at)) if other != english => {
                    let line = file.problem(line_at, "").line();
                    let message = format!(
                        "`{chinese}` reads as `{english}` here and as `{other}` on line {line}"
                    );
                    problems.push(file.problem(at, message));
                }
                Some(_) => {}
                None => {
                    first.insert(chinese, (english, at));
                }
            }
        }
        let readings = |pairs: Vec<Spanned<[String; 2]>>| {
            pairs
                .into_iter()
                .map(|pair| {
                    let [chinese, english] = pair.into_inner();
                    Reading { chinese, english }
                })
                .collect()
        };
        ChineseWords {
            stop_words: raw.stop_words,
            terms: readings(raw.terms),
            places: readings(raw.places),
        }
    }
}
