//! Scoring weights and the checks that make the matcher abstain.
//!
//! A fact's *coverage* of a question is the share of the question's meaning (its
//! terms, weighted by rarity) that the fact contains. Coverage alone cannot tell
//! "how many patents does western China have" from "how many patents does eastern
//! China have": both are mostly covered by the patents fact. So the coverage is
//! multiplied by *gates* that check that what the question asks for is what the fact
//! states: the same place, a figure of the kind asked for, about the thing asked
//! about, in the year asked about.

use super::analyze::{Lexicon, PlaceId};
use crate::facts::FigureKind;

/// How strongly a term found in each part of a fact counts, relative to a term in
/// the title. Titles, keywords and places are curated to name what the fact is
/// about; the answer's other words are often incidental.
pub(crate) mod field {
    /// The fact's headline.
    pub const TITLE: f32 = 1.0;
    /// Curated keywords.
    pub const KEYWORDS: f32 = 1.0;
    /// The places the fact is about.
    pub const PLACES: f32 = 1.0;
    /// Figure labels, values and units: a question quoting a figure means this fact.
    pub const FIGURES: f32 = 0.9;
    /// Example questions, which hold the fact's common phrasings.
    pub const QUESTIONS: f32 = 0.8;
    /// The answer text and the as-of year.
    pub const ANSWER: f32 = 0.7;
    /// The topic, shared by many facts.
    pub const TOPIC: f32 = 0.6;
}

/// A corrected typo counts for less: the correction may be wrong.
pub(crate) const CORRECTED_TERM: f32 = 0.8;
/// Weight of a question word the fact base has never seen, as if it were a term of
/// moderate rarity: it is meaning the facts cannot cover ("Tesla", "weather").
pub(crate) const UNKNOWN_TERM: f32 = 1.6;

/// The question names a place the fact is not about (or only a larger area that
/// contains it): a different place's figure is the classic wrong answer.
pub(crate) const PLACE_MISMATCH: f32 = 0.15;
/// The fact is about a place inside the one asked about (Guangxi for "the west"):
/// it answers only part of the question.
pub(crate) const PLACE_NARROWER: f32 = 0.55;
/// The question asks for a kind of figure (a length, a count) the fact has none of.
pub(crate) const KIND_MISMATCH: f32 = 0.3;
/// As above, but the fact measures the thing asked about in another way ("how many
/// people" answered by a share of the population): a useful answer, less sure.
pub(crate) const KIND_MISMATCH_SAME_SUBJECT: f32 = 0.8;
/// The fact has a figure of the kind asked for, but of something else ("how many
/// sheep" against a count of patents).
pub(crate) const FOCUS_MISMATCH: f32 = 0.4;
/// The question names a year the fact does not mention.
pub(crate) const YEAR_MISMATCH: f32 = 0.3;

/// Confidence needed to answer outright.
pub const ANSWER_THRESHOLD: f32 = 0.55;
/// Confidence needed to offer a fact as a suggestion.
pub const SUGGEST_THRESHOLD: f32 = 0.3;
/// Least matched weight (sum of matched terms' rarity) needed to answer outright:
/// one common word ("patents") is a topic, not a question.
pub const MIN_EVIDENCE: f32 = 2.2;
/// How many words after a cue name what is asked about ("how many *valid invention*").
pub(crate) const FOCUS_WORDS: usize = 2;

/// The place gate: every place the question names must be one the fact is about.
pub(crate) fn place_factor(lexicon: &Lexicon, asked: &[PlaceId], fact_places: &[PlaceId]) -> f32 {
    asked
        .iter()
        .map(|&place| {
            if fact_places.contains(&place) {
                1.0
            } else if fact_places.iter().any(|&f| lexicon.is_within(f, place)) {
                PLACE_NARROWER
            } else {
                PLACE_MISMATCH
            }
        })
        .fold(1.0, f32::min)
}

/// A figure of a fact, as the kind gate sees it.
pub(crate) struct FigureTerms {
    pub(crate) kind: FigureKind,
    /// Terms of its label and unit.
    pub(crate) terms: Vec<u32>,
}

/// The kind gate: a question that asks for a kind of figure needs a fact with such a
/// figure, of the thing named right after the cue (`focus`). `subject` is the fact's
/// title terms, which name what all its figures are about.
pub(crate) fn figure_factor(
    kinds: &[FigureKind],
    focus: &[Option<u32>],
    figures: &[FigureTerms],
    subject: &[u32],
) -> f32 {
    if kinds.is_empty() {
        return 1.0;
    }
    let measures_focus =
        |figure: &FigureTerms| focus.iter().flatten().any(|t| figure.terms.contains(t));
    let of_kind: Vec<&FigureTerms> = figures.iter().filter(|f| kinds.contains(&f.kind)).collect();
    if of_kind.is_empty() {
        // Only the figure itself can show it measures the thing asked about; the
        // title ("the patented photovoltaic sheep concept") names more than that.
        if figures.iter().any(measures_focus) {
            KIND_MISMATCH_SAME_SUBJECT
        } else {
            KIND_MISMATCH
        }
    } else if focus.is_empty()
        || of_kind
            .into_iter()
            .any(|f| measures_focus(f) || focus.iter().flatten().any(|t| subject.contains(t)))
    {
        1.0
    } else {
        FOCUS_MISMATCH
    }
}

/// Whether a term is a year, which a fact must mention to answer for it.
pub(crate) fn is_year(key: &str) -> bool {
    key.len() == 4 && key.bytes().all(|b| b.is_ascii_digit()) && ("1900".."2100").contains(&key)
}
