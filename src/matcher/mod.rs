//! The matcher: from a question to the facts that answer it, best first, each with a
//! confidence in [0, 1].
//!
//! Cost grows with the question, not the fact base: the question's terms are looked
//! up in an inverted index built at load time, a misspelt word finds its neighbours in
//! a deletion index (`fuzzy`), and only the few best candidates are scored in full and
//! gated (see `score` for the weights and gates).
//!
//! # Meaning, and why it only lifts
//!
//! Shared words miss paraphrases ("out in front of" for leads), so a semantic step
//! (`semantic`) compares the question with each candidate in meaning. The model is a
//! model2vec static model distilled from all-MiniLM-L6-v2: embedding a question is a
//! mean of token vectors (microseconds, no transformer at ask time, 7.5 MB int8
//! bundled), where MiniLM itself would need 90 MB of weights and milliseconds per
//! question. Measured on the evaluation sets with the same model in Python, a fact's
//! centroid ranks the right fact first for 87.8% of the tuning set's answerable
//! questions and 83.0% of the first development batch's (256 dimensions; 128 gave
//! 83.3% and 80.2%; int8 ranks exactly as float16 does).
//!
//! Meaning cannot decide alone: the best cosine averages 0.79 on answerable and 0.64
//! on unanswerable questions of the development batch, and the near-domain ones ("the
//! Kunming metro" against the railway) are as alike as the right ones. So meaning
//! only makes up part of the weight of the asker's own wording (and a little of known
//! terms the fact lacks, never an unknown subject) and vetoes a suggestion that shares
//! a stem but no sense; the gates still decide what is answered. Through `ask
//! --json`, the step took the development batch from 65.0% to 71.2% answered right on
//! its harder half at no loss of abstention on the tuning set.
//!
//! Meaning is also a second opinion on the decision itself: a candidate below the
//! threshold that passed every check but the title's and is the nearest in meaning
//! is answered (`AGREEMENT_LIKENESS` in `score`: on the tuning set and development
//! batches, 659 answerable and 382 not, 3 more answered right, none wrongly).
//! Stronger uses lost more than they gained there: lifting the title gate for the
//! nearest in meaning answered none more and 4 it should not; reranking candidates by
//! meaning changed nothing; a logistic regression over the scorer's features
//! (cross-validated) gained 7 answers for 4 wrong ones. What helped most was checking
//! more of what a question asks for: who (a figure of kind `name`), a time to come
//! (a forecast), a name no fact uses ("does *Apple* hold"), a part of a quoted figure,
//! places named as examples, and describing each fact in more of the words people use
//! for it. The next round, on two fresh batches measured untouched (88.4% / 80.5% and
//! 85.8% / 89.9%), added: "which products" asking to have things named (only a fact
//! with a name figure listing them answers), a rate per year ("each year"), what a
//! question sets aside ("not just the west"), words that ask something only where a
//! question starts ("when"), and a name only one fact has naming that fact.
//!
//! # Chinese: one index, read into its words
//!
//! A Chinese question is read into the English words of the index (`chinese`:
//! Traditional folded to Simplified, same-sound wrong characters corrected by pinyin,
//! jieba over our own vocabulary, each word read as its English, the asking word
//! first) rather than matched by a model of both languages. Meaning cannot decide
//! alone, as above, so a Chinese question needs the same checks of place, kind of
//! figure, thing counted and year, and those need the question in the index's words.
//! Measured through `ask --json`: 94% of the Chinese tuning set's answerable questions
//! right and 96% of its unanswerable abstained, 88.1% / 97.8% on a fresh batch before
//! any tuning on it, 27 µs a question, and no second model to ship or load. A
//! multilingual model was not tried; it would still have needed the reading.

mod analyze;
mod chinese;
mod fuzzy;
mod index;
pub mod normalize;
mod score;
mod semantic;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use analyze::{Cue, Lexicon, PlaceId};
pub use analyze::{Period, SmallTalk};
pub use chinese::is_chinese;
use index::{Index, TermId};
pub use score::{ANSWER_THRESHOLD, MIN_EVIDENCE, SUGGEST_THRESHOLD};

use crate::facts::{FactBase, FigureKind};

/// Facts scored in full and gated per question; the rest are ranked out by the index.
const CANDIDATES: usize = 16;
/// Terms held by more facts than this share of the base (at least
/// [`MIN_COMMON_DF`]) do not nominate candidates, so a common word costs nothing on
/// a large base; they still count when the candidates are scored.
const COMMON_TERM_SHARE: usize = 100;
const MIN_COMMON_DF: usize = 64;

/// Messages longer than this many words are also ranked sentence by sentence.
const LONG_MESSAGE_WORDS: usize = 25;
/// A message with more meaningful words than this may name places in passing ("we
/// have clients in Chengdu") besides the one it asks about.
const LONG_MESSAGE_MEANINGFUL_WORDS: usize = 10;
/// Most sentences ranked together in a long message.
const WINDOW_SENTENCES: usize = 2;

/// The byte ranges of a text's sentences and clauses, split after `.`, `?`, `!`,
/// `;`, `: ` and line breaks (a decimal point such as 16.7 does not end a sentence).
fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let next = bytes.get(i + 1);
        let ends = matches!(c, '?' | '!' | ';' | '\n')
            || (c == '.' && !next.is_some_and(u8::is_ascii_digit))
            || (c == ':' && next == Some(&b' '));
        if ends {
            let end = i + c.len_utf8();
            if !text[start..end].trim().is_empty() {
                ranges.push(start..end);
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        ranges.push(start..text.len());
    }
    ranges
}

/// What a question without a cue asks for: anything.
static NO_CUE: Cue = Cue::NONE;

/// A fact ranked for a question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// Index of the fact in [`FactBase::facts`].
    pub fact: usize,
    /// Confidence in [0, 1].
    pub confidence: f32,
    /// Sum of the rarity of the question terms the fact contains.
    pub evidence: f32,
    /// Whether the question asks about a later date than the fact's: now, or a year
    /// after the fact's. The fact is then only the latest figure there is.
    pub later: bool,
    /// How alike the question and the fact are in meaning (cosine, in [-1, 1]).
    pub similarity: f32,
    /// Whether the fact would answer but for the kind of figure asked: it is about
    /// what was asked, but does not state the quantity asked for.
    pub unstated: bool,
    /// Whether every check but the title's passed, with enough shared words and
    /// likeness of meaning, so that being the candidate nearest in meaning confirms it
    /// (`AGREEMENT_LIKENESS` in `score.rs`).
    pub confirmable: bool,
}

/// The matcher's view of a question.
#[derive(Debug, Default)]
pub struct Ranking {
    /// Candidates, most confident first.
    pub ranked: Vec<Ranked>,
    /// Candidates by lexical coverage alone, before the gates: what the question is
    /// about even when no fact answers it.
    pub nearest: Vec<usize>,
    /// What kind of small talk the question is, when it is nothing else.
    pub small_talk: Option<SmallTalk>,
    /// What quantity it asks for, as a reply names it ("cost", "length"); `None`
    /// when it asks for no kind of figure.
    pub asked: Option<String>,
}

/// The index over one fact base.
pub struct Matcher {
    chinese: chinese::Reader,
    lexicon: Lexicon,
    index: Index,
    semantic: semantic::Semantic,
    common_df: usize,
}

struct QueryTerm {
    term: TermId,
    weight: f32,
    /// Whether it names one thing ("the China-Laos Railway").
    subject: bool,
}

/// A question as the scoring sees it.
struct Query<'m> {
    /// Its known terms, once each, weighted by rarity.
    terms: Vec<QueryTerm>,
    /// The weight of all its meaning: known terms and unknown words.
    total: f32,
    /// The share of that weight in words of the asker's own: words the base does not
    /// know that do not stand where a noun does, which a likeness of meaning may
    /// make up.
    wording: f32,
    /// The share of that weight in unknown words standing where a noun does: a
    /// subject no fact names.
    unknown_subject: f32,
    /// Its meaning, as the semantic model sees it.
    meaning: semantic::Meaning,
    /// The places it names.
    places: Vec<PlaceId>,
    /// Those of its places named as examples of a larger whole.
    examples: Vec<PlaceId>,
    /// Whether it is a long message, whose places may be named in passing.
    long: bool,
    /// The years it names, as terms (`None`: a year no fact mentions), with the
    /// year itself.
    years: Vec<(Option<TermId>, u16)>,
    /// Whether it asks about now.
    latest: bool,
    /// Whether it asks about a time to come: a year after the current one, or a
    /// forecast.
    future: bool,
    /// How many things it asks to have named (see `Analysis::listed`).
    listed: Option<usize>,
    /// Words it uses that a fact must state to answer it ("second"), as terms.
    required: Vec<Option<TermId>>,
    /// What it asks for.
    cue: &'m Cue,
    /// The kinds of figure it asks for: its cue's, narrowed by the quantities it
    /// names.
    kinds: Vec<FigureKind>,
    /// Whether it asks for a name besides its kinds ("*which city* ranks highest").
    names_too: bool,
    /// The terms right after its cue, naming what it asks about.
    focus: Vec<Option<TermId>>,
    /// When it asks only for a count, the thing counted (`None` inside: a word no
    /// fact has).
    counted: Option<Option<TermId>>,
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
            chinese: chinese::Reader::new(base.chinese_words(), &base.synonyms().asks),
            lexicon,
            index,
            semantic: semantic::Semantic::new(facts),
            common_df: (facts.len() / COMMON_TERM_SHARE).max(MIN_COMMON_DF),
        }
    }

    /// Ranks the facts for a question. A long message is also ranked a window of
    /// one or two sentences at a time, each fact keeping its best: the
    /// question is usually one sentence, its referent in the one before, and the rest
    /// small talk whose places and words would otherwise count against the answer.
    ///
    /// `year` is the current year, against which "last year" is read.
    pub fn rank(&self, question: &str, year: u16) -> Ranking {
        let question = &*self.in_english(question);
        let mut ranking = self.rank_text(question, year);
        let sentences = sentences(question);
        let words = question.split_whitespace().count();
        if words <= LONG_MESSAGE_WORDS || sentences.len() < 2 {
            return ranking;
        }
        let windows: Vec<(&str, Ranking)> = (1..=WINDOW_SENTENCES)
            .flat_map(|size| sentences.windows(size))
            .map(|window| {
                let text = &question[window[0].start..window[window.len() - 1].end];
                (text, self.rank_text(text, year))
            })
            .collect();
        // What the message asks for is in its questions, when it marks them ("is it
        // worth it." asks for no value).
        let is_question = |text: &str| text.trim_end().ends_with('?');
        let asks_quantity = if sentences.iter().any(|s| is_question(&question[s.clone()])) {
            // The one-sentence windows come first, one per sentence.
            let single = &windows[..sentences.len()];
            single
                .iter()
                .any(|(text, r)| is_question(text) && r.asked.is_some())
        } else {
            ranking.asked.is_some()
        };
        for (_, window_ranking) in windows {
            // A window without the message's question cannot answer it.
            if asks_quantity && window_ranking.asked.is_none() {
                continue;
            }
            for ranked in window_ranking.ranked {
                match ranking.ranked.iter_mut().find(|r| r.fact == ranked.fact) {
                    Some(r) if r.confidence >= ranked.confidence => {}
                    Some(r) => *r = ranked,
                    None => ranking.ranked.push(ranked),
                }
            }
        }
        ranking.ranked.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then(a.fact.cmp(&b.fact))
        });
        ranking
    }

    /// A question in the words the index knows: a Chinese one read into English
    /// (see `chinese`), any other as it is.
    fn in_english<'q>(&self, question: &'q str) -> Cow<'q, str> {
        match self.chinese.read(question) {
            Some(english) => Cow::Owned(english),
            None => Cow::Borrowed(question),
        }
    }

    /// What a question asks for, as the matcher reads it: the kind of figure, then
    /// its concepts and places in a fixed order, typos corrected and synonyms folded,
    /// so that two phrasings of one question read alike ("number: gi guangxi").
    pub fn gist(&self, question: &str) -> String {
        let analysis = self.lexicon.question(&self.in_english(question));
        let mut keys: Vec<&str> = analysis
            .tokens
            .iter()
            .filter(|t| !t.part && !t.excluded)
            .map(|t| t.key.as_str())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let cue_kind = analysis
            .cue
            .and_then(|(cue, _)| self.lexicon.cues[cue].kinds.first().copied());
        let kind = analysis
            .measures
            .first()
            .map(|(kind, _)| *kind)
            .or(cue_kind);
        match kind {
            Some(kind) => format!("{}: {}", kind.noun(), keys.join(" ")),
            None => keys.join(" "),
        }
    }

    fn rank_text(&self, question: &str, year: u16) -> Ranking {
        let analysis = self.lexicon.question(question);
        let small_talk = analysis.small_talk;
        let measure = analysis.measures.first().map(|(_, name)| name.clone());
        let Some(query) = self.read(&analysis, question, year) else {
            return Ranking {
                small_talk,
                ..Ranking::default()
            };
        };
        let mut scored: Vec<(Ranked, f32)> = self
            .candidates(&query.terms)
            .into_iter()
            .map(|fact| self.score(&query, fact))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.fact.cmp(&b.0.fact)));
        let nearest = scored.iter().map(|(r, _)| r.fact).collect();
        let mut ranked: Vec<Ranked> = scored.into_iter().map(|(r, _)| r).collect();
        // Words and meaning agree: the candidate nearest in meaning, which passed
        // every check but the title's, is answered.
        // On a tie, the better covered (`ranked` is in order of coverage here, and
        // `max_by` keeps the last of equals).
        let nearest_in_meaning = ranked
            .iter_mut()
            .rev()
            .max_by(|a, b| a.similarity.total_cmp(&b.similarity));
        if let Some(agreed) = nearest_in_meaning.filter(|r| r.confirmable) {
            agreed.confidence = agreed.confidence.max(ANSWER_THRESHOLD);
        }
        ranked.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then(a.fact.cmp(&b.fact))
        });
        Ranking {
            ranked,
            nearest,
            small_talk,
            asked: measure.or_else(|| query.kinds.first().map(|k| k.noun().to_owned())),
        }
    }

    /// What a question asks, or `None` when it has no meaningful word or is nothing
    /// but one word repeated.
    fn read(&self, analysis: &analyze::Analysis, text: &str, year: u16) -> Option<Query<'_>> {
        let mut seen = HashSet::new();
        let mut query = Query {
            terms: Vec::new(),
            total: 0.0,
            wording: 0.0,
            unknown_subject: 0.0,
            meaning: semantic::Meaning::default(),
            places: Vec::new(),
            examples: Vec::new(),
            long: analysis.words > LONG_MESSAGE_MEANINGFUL_WORDS,
            years: Vec::new(),
            latest: analysis.period == Some(Period::Latest),
            future: analysis.period == Some(Period::Future),
            listed: analysis.listed,
            required: Vec::new(),
            cue: &NO_CUE,
            kinds: Vec::new(),
            names_too: false,
            focus: Vec::new(),
            counted: None,
        };
        if let Some(Period::YearsAgo(ago)) = analysis.period {
            let asked = year.saturating_sub(ago);
            query
                .years
                .push((self.index.term(&asked.to_string()), asked));
        }
        let (mut unknown_nouns, mut unknown_wording) = (0.0, 0.0);
        for token in analysis
            .tokens
            .iter()
            .filter(|t| !t.excluded && seen.insert(t.key.as_str()))
        {
            query.places.extend(token.place);
            if token.example {
                query.examples.extend(token.place);
            }
            let term = self.index.term(&token.key);
            if score::is_year(&token.key) {
                query.years.push((term, token.key.parse().unwrap_or(0)));
            } else if self.lexicon.must_state(&token.key) && !token.corrected {
                // "back and *forth*" is not a misspelt "fourth".
                query.required.push(term);
            }
            // A lone digit names no figure: it counts as the asker's wording.
            let Some(term) = term.filter(|_| !normalize::is_lone_digit(&token.key)) else {
                let share = score::unknown_share(&token.key);
                if token.noun {
                    unknown_nouns += share;
                } else {
                    unknown_wording += share;
                }
                continue;
            };
            let mut weight = self.index.idf(term);
            if token.corrected {
                weight *= score::CORRECTED_TERM;
            }
            if token.place.is_some() {
                weight *= score::PLACE_TERM;
            }
            let subject = self.lexicon.is_subject(&token.key);
            query.terms.push(QueryTerm {
                term,
                weight,
                subject,
            });
        }
        query
            .required
            .extend(analysis.stated.iter().map(|stem| self.index.term(stem)));
        query.future |= query.years.iter().any(|&(_, y)| y > year);
        // Words, not concepts: a name of six words is one concept but no repetition.
        let repeated = analysis.words >= score::SPAM_MIN_WORDS
            && (analysis.distinct_words as f32)
                <= score::SPAM_DISTINCT_SHARE * analysis.words as f32;
        let wording = score::unknown_weight(0.0, unknown_wording);
        query.total = query.terms.iter().map(|t| t.weight).sum::<f32>()
            + score::unknown_weight(unknown_nouns, unknown_wording);
        if query.total <= 0.0 || repeated {
            return None;
        }
        query.wording = wording / query.total;
        query.unknown_subject = score::unknown_weight(unknown_nouns, 0.0) / query.total;
        query.meaning = self.semantic.meaning(&normalize::clean(text));
        let named: Vec<FigureKind> = analysis.measures.iter().map(|(kind, _)| *kind).collect();
        if let Some((cue, end)) = analysis.cue {
            query.cue = &self.lexicon.cues[cue];
            let after: Vec<&analyze::Token> = analysis
                .tokens
                .iter()
                .filter(|t| t.pos >= end && !t.part)
                .collect();
            // After a place ("what growth rate did *the west* post"), the words
            // that follow say what it did: an unknown one there is wording, not a
            // thing asked about.
            let place_first = after.first().is_some_and(|t| t.place.is_some());
            query.focus = after
                .iter()
                .filter(|t| t.place.is_none())
                .take(score::FOCUS_WORDS)
                .map(|t| self.index.term(&t.key))
                .filter(|term| term.is_some() || !place_first)
                .collect();
            if query.cue.kinds == [FigureKind::Count] && named.is_empty() {
                query.counted = counted(&after).map(|t| self.index.term(&t.key));
            }
        }
        let narrowed: Vec<FigureKind> = query
            .cue
            .kinds
            .iter()
            .copied()
            .filter(|k| named.contains(k))
            .collect();
        // "Which city ranks highest" asks for a name and a rank: the quantity named
        // is asked for, and a name besides.
        query.names_too = query.cue.before_noun && !named.is_empty();
        query.kinds = if !narrowed.is_empty() {
            narrowed
        } else if query.cue.kinds.is_empty() || query.names_too {
            named
        } else {
            query.cue.kinds.clone()
        };
        Some(query)
    }

    /// A fact's confidence for a query, and its coverage before the gates.
    fn score(&self, query: &Query<'_>, fact: usize) -> (Ranked, f32) {
        let profile = &self.index.profiles[fact];
        let matched: f32 = query
            .terms
            .iter()
            .map(|t| t.weight * self.index.weight(fact, t.term))
            .sum();
        let similarity = self.semantic.similarity(&query.meaning, fact);
        let coverage = score::with_meaning(
            matched / query.total,
            query.wording,
            query.unknown_subject,
            similarity,
        );
        // Quoting one of the fact's figures names it as surely as its title.
        let quoted: Vec<FigureKind> = profile
            .values
            .iter()
            .filter(|(v, _)| query.terms.iter().any(|t| t.term == *v))
            .map(|&(_, kind)| kind)
            .collect();
        let quotes_figure = !quoted.is_empty();
        let title_coverage = if quotes_figure {
            1.0
        } else {
            self.title_coverage(&profile.title, &query.terms)
        };
        let about = score::FactTerms {
            title: &profile.title,
            keywords: &profile.keywords,
        };
        let figure = score::figure_factor(
            &query.kinds,
            &query.focus,
            query.counted,
            query.cue.role,
            &profile.figures,
            &about,
        );
        let figure = if query.names_too {
            let name = [FigureKind::Name];
            figure.min(score::figure_factor(
                &name,
                &[],
                None,
                false,
                &profile.figures,
                &about,
            ))
        } else {
            figure
        };
        // "How many of the 493,000 patents are ..." asks about a part of the figure it
        // quotes; "which 36 products ..." asks for 36 names, which only a fact that
        // names as many things states.
        let names_enough = query.listed.is_none_or(|n| profile.most_names >= n);
        let figure = if !names_enough
            || (query.cue.part && quoted.iter().any(|k| query.kinds.contains(k)))
        {
            figure.min(score::QUOTED_FIGURE)
        } else {
            figure
        };
        let mentions = |t: Option<TermId>| t.is_some_and(|t| self.index.weight(fact, t) > 0.0);
        let unmentioned = || query.years.iter().filter(|(t, _)| !mentions(*t));
        let year = if query.future {
            score::FORECAST
        } else if unmentioned().all(|&(_, y)| y > profile.year) {
            1.0
        } else {
            score::YEAR_MISMATCH
        };
        let later = query.latest || unmentioned().next().is_some();
        let stated = if query.required.iter().all(|&t| mentions(t)) {
            1.0
        } else {
            score::UNSTATED_WORD
        };
        let subject = if query
            .terms
            .iter()
            .all(|t| !t.subject || mentions(Some(t.term)))
        {
            1.0
        } else {
            score::SUBJECT_MISSING
        };
        let gate = score::place_factor(
            &self.lexicon,
            &query.places,
            &query.examples,
            &profile.places,
            query.cue.place,
            query.long,
        ) * score::title_factor(title_coverage)
            * figure
            * year
            * stated
            * subject;
        // A question naming all that the title names, or asking for a figure the fact
        // has, of the thing it names, is complete even in common words ("what is a
        // GI?", "number of GIs in the west").
        let asks_this_figure = !query.kinds.is_empty() && !query.focus.is_empty() && figure == 1.0;
        let evidence = if title_coverage >= 1.0 || asks_this_figure {
            matched.max(score::MIN_EVIDENCE)
        } else {
            matched
        };
        let confidence = (coverage * gate).clamp(0.0, 1.0);
        (
            Ranked {
                fact,
                confidence,
                evidence,
                later,
                similarity,
                unstated: figure < 1.0
                    && coverage * gate / figure >= ANSWER_THRESHOLD
                    && evidence >= MIN_EVIDENCE,
                confirmable: gate >= score::title_factor(title_coverage)
                    && !query.cue.role
                    && query.unknown_subject <= score::AGREEMENT_UNKNOWN_SUBJECT
                    && coverage >= score::AGREEMENT_COVERAGE
                    && similarity >= score::AGREEMENT_LIKENESS
                    && evidence >= score::AGREEMENT_EVIDENCE,
            },
            coverage,
        )
    }

    /// The name of what a question asks about that `fact` is about too: the first
    /// place they share, else the first alias group, since a question names its
    /// subject early ("how long is *the China-Laos Railway*", "what rank is *Xi'an*").
    pub fn subject(&self, question: &str, fact: usize) -> Option<&str> {
        let analysis = self.lexicon.question(&self.in_english(question));
        let shared = |t: &&analyze::Token| {
            self.index
                .term(&t.key)
                .is_some_and(|term| self.index.weight(fact, term) > 0.0)
        };
        let mut named = analysis
            .tokens
            .iter()
            .filter(shared)
            .filter(|t| self.lexicon.name(&t.key).is_some());
        let first_place = named.clone().find(|t| t.place.is_some());
        first_place
            .or_else(|| named.next())
            .and_then(|t| self.lexicon.name(&t.key))
    }

    /// The share of a title's rarity-weighted terms that the question has.
    fn title_coverage(&self, title: &[TermId], terms: &[QueryTerm]) -> f32 {
        let weight = |t: &TermId| self.index.idf(*t);
        let total: f32 = title.iter().map(weight).sum();
        let asked: f32 = title
            .iter()
            .filter(|t| terms.iter().any(|q| q.term == **t))
            .map(weight)
            .sum();
        if total > 0.0 { asked / total } else { 1.0 }
    }

    /// The facts worth scoring in full: the best by the question's selective terms.
    fn candidates(&self, terms: &[QueryTerm]) -> Vec<usize> {
        let rarest = terms
            .iter()
            .map(|t| self.index.postings(t.term).len())
            .min()
            .unwrap_or(0);
        let mut scores: HashMap<u32, f32> = HashMap::new();
        for &QueryTerm { term, weight, .. } in terms {
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

/// What a count asks to count: the first word after the cue, not a place ("how many
/// *sheep*", "how many *valid* invention patents": an adjective names the thing as
/// surely as its noun does).
fn counted<'t>(after: &[&'t analyze::Token]) -> Option<&'t analyze::Token> {
    after.iter().find(|t| t.place.is_none()).copied()
}
