//! The matcher: from a question to the facts that answer it, best first, each with a
//! confidence in [0, 1].
//!
//! Cost grows with the question, not the fact base: the question's terms are looked
//! up in an inverted index built at load time, a misspelt word finds its neighbours in
//! a BK-tree, and only the few best candidates are scored in full and gated (see
//! [`score`] for the weights and gates).

mod analyze;
mod fuzzy;
mod index;
pub mod normalize;
mod score;

use std::collections::HashMap;

use analyze::{Lexicon, PlaceId};
use index::{Index, TermId};
pub use score::{ANSWER_THRESHOLD, MIN_EVIDENCE, SUGGEST_THRESHOLD};

use crate::facts::FactBase;

/// Facts scored in full and gated per question; the rest are ranked out by the index.
const CANDIDATES: usize = 16;
/// Terms held by more facts than this share of the base (at least
/// [`MIN_COMMON_DF`]) do not nominate candidates, so a common word costs nothing on
/// a large base; they still count when the candidates are scored.
const COMMON_TERM_SHARE: usize = 20;
const MIN_COMMON_DF: usize = 64;

/// A fact ranked for a question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// Index of the fact in [`FactBase::facts`].
    pub fact: usize,
    /// Confidence in [0, 1].
    pub confidence: f32,
    /// Sum of the rarity of the question terms the fact contains.
    pub evidence: f32,
}

/// The matcher's view of a question.
#[derive(Debug, Default)]
pub struct Ranking {
    /// Candidates, most confident first.
    pub ranked: Vec<Ranked>,
    /// Candidates by lexical coverage alone, before the gates: what the question is
    /// about even when no fact answers it.
    pub nearest: Vec<usize>,
}

/// The index over one fact base.
pub struct Matcher {
    lexicon: Lexicon,
    index: Index,
    common_df: usize,
}

struct QueryTerm {
    term: Option<TermId>,
    weight: f32,
}

impl Matcher {
    /// Builds the index for `base`.
    pub fn new(base: &FactBase) -> Matcher {
        let facts = base.facts();
        let texts = facts.iter().flat_map(|f| {
            let figures = f
                .figures
                .iter()
                .flat_map(|g| [g.label.as_str(), g.unit.as_str()]);
            [f.title.as_str(), f.answer.as_str(), f.topic.as_str()]
                .into_iter()
                .chain(f.keywords.iter().map(String::as_str))
                .chain(f.questions.iter().map(String::as_str))
                .chain(f.places.iter().map(String::as_str))
                .chain(figures)
        });
        let lexicon = Lexicon::new(base.synonyms(), texts);
        let index = Index::new(&lexicon, facts);
        Matcher {
            lexicon,
            index,
            common_df: (facts.len() / COMMON_TERM_SHARE).max(MIN_COMMON_DF),
        }
    }

    /// Ranks the facts for a question.
    pub fn rank(&self, question: &str) -> Ranking {
        let analysis = self.lexicon.analyze(question, true);
        let mut seen = HashMap::new();
        let mut terms = Vec::new();
        let mut asked_places: Vec<PlaceId> = Vec::new();
        let mut years = Vec::new();
        for token in &analysis.tokens {
            if seen.insert(token.key.as_str(), ()).is_some() {
                continue;
            }
            let term = self.index.term(&token.key);
            let weight = match term {
                Some(t) if token.corrected => self.index.idf(t) * score::CORRECTED_TERM,
                Some(t) => self.index.idf(t),
                None => score::UNKNOWN_TERM,
            };
            terms.push(QueryTerm { term, weight });
            asked_places.extend(token.place);
            if score::is_year(&token.key) {
                years.push(term);
            }
        }
        let total: f32 = terms.iter().map(|t| t.weight).sum();
        if total <= 0.0 {
            return Ranking::default();
        }
        // A place that contains another place named in the question only qualifies it
        // ("Qinghai's Talatan park", "the western regions of China").
        let narrowest: Vec<PlaceId> = asked_places
            .iter()
            .copied()
            .filter(|&p| {
                !asked_places
                    .iter()
                    .any(|&q| q != p && self.lexicon.is_within(q, p))
            })
            .collect();
        let (kinds, focus) = match analysis.cue {
            Some((cue, end)) => {
                let focus: Vec<Option<TermId>> = analysis
                    .tokens
                    .iter()
                    .filter(|t| t.pos >= end && t.place.is_none())
                    .take(score::FOCUS_WORDS)
                    .map(|t| self.index.term(&t.key))
                    .collect();
                (self.lexicon.cues[cue].kinds.as_slice(), focus)
            }
            None => (&[][..], Vec::new()),
        };

        let candidates = self.candidates(&terms);
        let mut scored: Vec<(Ranked, f32)> = candidates
            .into_iter()
            .map(|fact| {
                let evidence: f32 = terms
                    .iter()
                    .filter_map(|t| Some(t.weight * self.index.weight(fact, t.term?)))
                    .sum();
                let coverage = evidence / total;
                let profile = &self.index.profiles[fact];
                let year = if years
                    .iter()
                    .all(|y| y.is_some_and(|t| self.index.weight(fact, t) > 0.0))
                {
                    1.0
                } else {
                    score::YEAR_MISMATCH
                };
                let gate = score::place_factor(&self.lexicon, &narrowest, &profile.places)
                    * score::figure_factor(kinds, &focus, &profile.figures, &profile.subject)
                    * year;
                let confidence = (coverage * gate).clamp(0.0, 1.0);
                (
                    Ranked {
                        fact,
                        confidence,
                        evidence,
                    },
                    coverage,
                )
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.fact.cmp(&b.0.fact)));
        let nearest = scored.iter().map(|(r, _)| r.fact).collect();
        let mut ranked: Vec<Ranked> = scored.into_iter().map(|(r, _)| r).collect();
        ranked.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then(a.fact.cmp(&b.fact))
        });
        Ranking { ranked, nearest }
    }

    /// The facts worth scoring in full: the best by the question's selective terms.
    fn candidates(&self, terms: &[QueryTerm]) -> Vec<usize> {
        let known: Vec<(TermId, f32)> = terms
            .iter()
            .filter_map(|t| Some((t.term?, t.weight)))
            .collect();
        let rarest = known
            .iter()
            .map(|(t, _)| self.index.postings(*t).len())
            .min()
            .unwrap_or(0);
        let mut scores: HashMap<u32, f32> = HashMap::new();
        for &(term, weight) in &known {
            let postings = self.index.postings(term);
            if postings.len() > self.common_df && postings.len() > rarest {
                continue;
            }
            for &(fact, w) in postings {
                *scores.entry(fact).or_insert(0.0) += weight * w;
            }
        }
        let mut best: Vec<(u32, f32)> = scores.into_iter().collect();
        let keep = CANDIDATES.min(best.len());
        if keep < best.len() {
            best.select_nth_unstable_by(keep, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            best.truncate(keep);
        }
        best.into_iter().map(|(f, _)| f as usize).collect()
    }
}
