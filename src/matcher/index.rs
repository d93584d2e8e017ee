//! The inverted index built at load time: for each term, the facts that contain it
//! and how strongly; for each fact, what the gates need to know.

use std::collections::HashMap;

use super::analyze::{Lexicon, PlaceId};
use super::normalize::{is_lone_digit, is_number};
use super::score::{FigureTerms, field};
use crate::facts::{Fact, FigureKind};

/// Index of a term in the index's vocabulary.
pub(crate) type TermId = u32;

/// The most terms a name figure's value may have to name its fact when a question
/// quotes it: a person's name or an acronym, not a long name whose words ("China",
/// "national") other facts share.
const MAX_NAME_TERMS: usize = 2;

/// What the gates need to know about a fact.
pub(crate) struct Profile {
    pub(crate) places: Vec<PlaceId>,
    pub(crate) figures: Vec<FigureTerms>,
    /// Terms of the fact's keywords.
    pub(crate) keywords: Vec<TermId>,
    /// Terms of the fact's title.
    pub(crate) title: Vec<TermId>,
    /// Terms of the fact's figure values that name it when quoted: numbers ("211",
    /// "16.7"; a lone digit is too common to name a figure) and names no other fact
    /// has, with the kind of their figure.
    pub(crate) values: Vec<(TermId, FigureKind)>,
    /// The most things one of its name figures names ("Xi'an, Chengdu and Lanzhou":
    /// 3).
    pub(crate) most_names: usize,
    /// The year its figures refer to.
    pub(crate) year: u16,
}

/// Terms, their rarity, and which facts hold them.
pub(crate) struct Index {
    terms: HashMap<String, TermId>,
    /// Each term's text, by id.
    keys: Vec<String>,
    idf: Vec<f32>,
    postings: Vec<Vec<(u32, f32)>>,
    /// Per fact, its terms and weights, sorted by term.
    fact_terms: Vec<Vec<(TermId, f32)>>,
    pub(crate) profiles: Vec<Profile>,
}

impl Index {
    pub(crate) fn new(lexicon: &Lexicon, facts: &[Fact]) -> Index {
        let mut index = Index {
            terms: HashMap::new(),
            keys: Vec::new(),
            idf: Vec::new(),
            postings: Vec::new(),
            fact_terms: Vec::with_capacity(facts.len()),
            profiles: Vec::with_capacity(facts.len()),
        };
        for (n, fact) in facts.iter().enumerate() {
            let mut weights: HashMap<TermId, f32> = HashMap::new();
            let mut add = |index: &mut Index, text: &str, weight: f32| -> Vec<TermId> {
                let analysis = lexicon.fact_text(text);
                let mut named = Vec::new();
                for token in &analysis.tokens {
                    let id = index.intern(&token.key);
                    let w = weights.entry(id).or_insert(0.0);
                    *w = w.max(weight);
                    if !token.part {
                        named.push(id);
                    }
                }
                named
            };
            let title = add(&mut index, &fact.title, field::TITLE);
            let keywords: Vec<TermId> = fact
                .keywords
                .iter()
                .flat_map(|k| add(&mut index, k, field::KEYWORDS))
                .collect();
            let mut places = Vec::new();
            for place in &fact.places {
                add(&mut index, place, field::PLACES);
                places.extend(
                    lexicon
                        .fact_text(place)
                        .tokens
                        .iter()
                        .filter_map(|t| t.place),
                );
            }
            let mut figures = Vec::new();
            let mut values = Vec::new();
            for figure in &fact.figures {
                let unit = add(&mut index, &figure.unit, field::FIGURES);
                let mut terms = add(&mut index, &figure.label, field::FIGURES);
                terms.extend(&unit);
                let value = add(&mut index, &figure.value, field::FIGURES);
                // A name is what it measures: "who chairs *the institute*" is
                // answered by the figure whose value names the institute.
                if figure.kind == FigureKind::Name {
                    terms.extend(&value);
                }
                // A number, or a short name (a person's, an acronym), which names
                // this fact when no other fact has it ("who is *Dolkun Awut*").
                let short_name = figure.kind == FigureKind::Name && value.len() <= MAX_NAME_TERMS;
                let quotable = |t: &TermId| {
                    let key = index.key(*t);
                    short_name || (is_number(key) && !is_lone_digit(key))
                };
                values.extend(value.into_iter().filter(quotable).map(|t| (t, figure.kind)));
                figures.push(FigureTerms {
                    kind: figure.kind,
                    terms,
                    unit,
                });
            }
            for question in &fact.questions {
                add(&mut index, question, field::QUESTIONS);
            }
            add(&mut index, &fact.answer, field::ANSWER);
            add(&mut index, &fact.as_of.year().to_string(), field::ANSWER);
            add(&mut index, &fact.topic, field::TOPIC);

            let mut terms: Vec<(TermId, f32)> = weights.into_iter().collect();
            terms.sort_unstable_by_key(|(id, _)| *id);
            for &(id, weight) in &terms {
                index.postings[id as usize].push((n as u32, weight));
            }
            index.fact_terms.push(terms);
            index.profiles.push(Profile {
                places,
                figures,
                keywords,
                title,
                values,
                most_names: fact
                    .figures
                    .iter()
                    .filter(|f| f.kind == FigureKind::Name)
                    .map(|f| names_in(&f.value))
                    .max()
                    .unwrap_or(0),
                year: fact.as_of.year(),
            });
        }
        for profile in &mut index.profiles {
            let postings = &index.postings;
            profile
                .values
                .retain(|&(t, kind)| kind != FigureKind::Name || postings[t as usize].len() == 1);
        }
        let n = facts.len() as f32;
        index.idf = index
            .postings
            .iter()
            .map(|p| (1.0 + n / p.len().max(1) as f32).ln())
            .collect();
        index
    }

    fn key(&self, term: TermId) -> &str {
        &self.keys[term as usize]
    }

    fn intern(&mut self, key: &str) -> TermId {
        if let Some(&id) = self.terms.get(key) {
            return id;
        }
        let id = self.postings.len() as TermId;
        self.terms.insert(key.to_owned(), id);
        self.keys.push(key.to_owned());
        self.postings.push(Vec::new());
        id
    }

    /// The term's id, if any fact has it.
    pub(crate) fn term(&self, key: &str) -> Option<TermId> {
        self.terms.get(key).copied()
    }

    /// How rare a term is: ln(1 + facts / facts with the term).
    pub(crate) fn idf(&self, term: TermId) -> f32 {
        self.idf[term as usize]
    }

    /// The facts holding a term, with the term's weight in each.
    pub(crate) fn postings(&self, term: TermId) -> &[(u32, f32)] {
        &self.postings[term as usize]
    }

    /// The weight of a term in a fact, 0 if absent.
    pub(crate) fn weight(&self, fact: usize, term: TermId) -> f32 {
        let terms = &self.fact_terms[fact];
        terms
            .binary_search_by_key(&term, |(id, _)| *id)
            .map_or(0.0, |i| terms[i].1)
    }
}

/// How many names a name figure's value lists: "Xi'an, Chengdu and Lanzhou" is 3.
fn names_in(value: &str) -> usize {
    value
        .split([',', ';'])
        .flat_map(|part| part.split(" and "))
        .filter(|name| !name.trim().is_empty())
        .count()
}
