//! The one text pipeline that facts (at load time) and questions (at ask time) both go
//! through, so that they always meet in the same terms:
//!
//! clean → correct typos (questions only) → find the question cue → drop stop words →
//! stem → fold alias groups and place names into one concept each.

use std::collections::{HashMap, HashSet};

use rust_stemmers::{Algorithm, Stemmer};

use super::chinese::is_chinese;
use super::fuzzy::Vocabulary;
use super::normalize::{clean, is_lone_digit, is_number};
use crate::facts::{FigureKind, Synonyms};

/// A kind of small talk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmallTalk {
    /// "hi", "good morning".
    Greeting,
    /// "thanks", "that was helpful".
    Thanks,
    /// "help", "what can you do", "who are you".
    Help,
}

/// When a question asks about, relative to the day it is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Now: the latest figure there is.
    Latest,
    /// This many years before the current one.
    YearsAgo(u16),
    /// A time to come: a forecast.
    Future,
}

/// Words beyond this many are ignored (a 6,000-character message has about 1,000).
const MAX_WORDS: usize = 400;
/// Longest alias or place phrase, in words after stop words are dropped.
const MAX_PHRASE_WORDS: usize = 6;

/// Index of a place in [`Lexicon::places`].
pub(crate) type PlaceId = usize;

/// What a question's cue asks for.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    words: Vec<String>,
    /// Figure kinds that answer it.
    pub(crate) kinds: Vec<FigureKind>,
    /// Whether it asks for a place.
    pub(crate) place: bool,
    /// Whether it asks for a part of a whole ("how many of").
    pub(crate) part: bool,
    /// Whether it counts only at the start of a question.
    opens: bool,
    /// Whether it counts only right before a meaningful word ("which *products*").
    pub(crate) before_noun: bool,
    /// Whether it asks who holds a role the question names ("who runs ...").
    pub(crate) role: bool,
}

impl Cue {
    /// No cue: any fact may answer.
    pub(crate) const NONE: Cue = Cue {
        words: Vec::new(),
        kinds: Vec::new(),
        place: false,
        part: false,
        opens: false,
        before_noun: false,
        role: false,
    };
}

/// One meaningful unit of a text: a stemmed word, a number, or an alias/place concept.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub(crate) key: String,
    /// Position of its first word in the cleaned text.
    pub(crate) pos: usize,
    /// Position after its last word.
    pub(crate) end: usize,
    /// Whether its first word stands where a noun does: right after a determiner or
    /// a preposition ("the *metro*", "in *Brazil*").
    pub(crate) noun: bool,
    /// Whether a typo correction produced it.
    pub(crate) corrected: bool,
    /// Whether it is a part of a folded phrase, yielded besides the phrase's concept.
    pub(crate) part: bool,
    /// Whether it is named as an example ("countries *such as France*"): it
    /// illustrates a larger whole rather than narrowing the question to itself.
    pub(crate) example: bool,
    /// Whether it is left out of what is asked ("the whole country, not just *the
    /// west*").
    pub(crate) excluded: bool,
    pub(crate) place: Option<PlaceId>,
}

/// Whose text is analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Question,
    Fact,
}

/// A text, analysed.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    pub(crate) tokens: Vec<Token>,
    /// The first cue in the text and the position of the word after it.
    pub(crate) cue: Option<(usize, usize)>,
    /// How many things the question asks to have listed ("which *36* products",
    /// "list the *12* regions"; a lone digit is too often something else): it asks
    /// for the members of a count, not for the count.
    pub(crate) listed: Option<usize>,
    /// The kinds of figure that the quantities it names are measured in, with the
    /// name of each quantity ("cost").
    pub(crate) measures: Vec<(FigureKind, String)>,
    /// When it asks about, if it says so relative to today.
    pub(crate) period: Option<Period>,
    /// Stems of words its phrases need a fact to state ("each year": *annual*).
    pub(crate) stated: Vec<String>,
    /// What kind of small talk it is, when it is nothing but small talk.
    pub(crate) small_talk: Option<SmallTalk>,
    /// How many meaningful words it has, repeats included.
    pub(crate) words: usize,
    /// How many different meaningful words it has.
    pub(crate) distinct_words: usize,
}

#[derive(Debug, Clone)]
struct Concept {
    key: String,
    place: Option<PlaceId>,
}

/// The compiled vocabulary: stop words, concepts, places, cues and the known words
/// that typos are corrected to.
pub(crate) struct Lexicon {
    stemmer: Stemmer,
    stop_words: HashSet<String>,
    concepts: HashMap<String, Concept>,
    /// For each place, the place it lies in.
    within: Vec<Option<PlaceId>>,
    pub(crate) cues: Vec<Cue>,
    /// Phrases naming a measured quantity: words, kind, name.
    measures: Vec<(Vec<String>, (FigureKind, String))>,
    /// Relative dates: words and what they mean.
    times: Vec<(Vec<String>, Period)>,
    /// Time phrases that ask for a rate ("each year"): words, and the stem of the
    /// word a fact must state to answer them.
    rates: Vec<(Vec<String>, String)>,
    /// Determiners and prepositions, after which a word is a noun.
    noun_markers: HashSet<String>,
    /// Small-talk phrases: words and kind.
    small_talk: Vec<(Vec<String>, SmallTalk)>,
    /// Stems of the words a fact must state to answer a question using them.
    must_state: HashSet<String>,
    /// Keys of the alias groups that name one thing (see [`Lexicon::is_subject`]).
    subjects: HashSet<String>,
    /// Every word of the facts and synonyms, which typos are corrected to.
    vocabulary: Vocabulary,
    /// The stem of every word in the vocabulary, computed once.
    stems: HashMap<String, String>,
    /// The name of each alias group and place, by its concept's key, as replies name
    /// a subject ("the china-laos railway", "Talatan").
    names: HashMap<String, String>,
}

impl Lexicon {
    /// Compiles the synonyms; `texts` are all the fact texts, whose words become the
    /// vocabulary that typos are corrected to.
    pub(crate) fn new<'t>(synonyms: &'t Synonyms, texts: impl Iterator<Item = &'t str>) -> Lexicon {
        let mut lexicon = Lexicon {
            stemmer: Stemmer::create(Algorithm::English),
            stop_words: HashSet::new(),
            concepts: HashMap::new(),
            within: Vec::new(),
            cues: Vec::new(),
            measures: Vec::new(),
            times: Vec::new(),
            rates: Vec::new(),
            noun_markers: synonyms.noun_markers.iter().map(|w| clean(w)).collect(),
            small_talk: Vec::new(),
            must_state: HashSet::new(),
            subjects: HashSet::new(),
            vocabulary: Vocabulary::default(),
            stems: HashMap::new(),
            names: HashMap::new(),
        };
        // Stop words as listed first; their stems (so "asks" goes with "ask") once the
        // facts' words are known.
        lexicon.stop_words = synonyms.stop_words.iter().map(|w| clean(w)).collect();
        for group in &synonyms.aliases {
            let Some(key) = group.first().map(|t| lexicon.phrase_key(t)) else {
                continue;
            };
            for term in group {
                lexicon.add_concept(term, &key, None);
            }
            lexicon.names.insert(key, format!("the {}", group[0]));
        }
        for (id, place) in synonyms.places.iter().enumerate() {
            let key = format!("@{}", lexicon.phrase_key(&place.name));
            for name in std::iter::once(&place.name).chain(&place.aliases) {
                lexicon.add_concept(name, &key, Some(id));
            }
            lexicon.names.insert(key, place.name.clone());
            let within = place.within.as_ref().and_then(|w| {
                synonyms
                    .places
                    .iter()
                    .position(|p| p.name.eq_ignore_ascii_case(w))
            });
            lexicon.within.push(within);
        }
        // An alias group whose name holds a place's name ("China-Laos Railway",
        // "China-EU") names one thing: a subject.
        for group in &synonyms.aliases {
            let Some(name) = group.first() else { continue };
            let words = clean(name);
            let names_place = words.split(' ').any(|w| {
                let key = lexicon.phrase_key(w);
                lexicon
                    .concepts
                    .get(&key)
                    .is_some_and(|c| c.place.is_some())
            });
            if names_place && words.contains(' ') {
                lexicon.subjects.insert(lexicon.phrase_key(name));
            }
        }
        for ask in &synonyms.asks {
            let words = clean(&ask.cue).split(' ').map(str::to_owned).collect();
            lexicon.cues.push(Cue {
                words,
                kinds: ask.kinds.clone(),
                place: ask.place,
                part: ask.part,
                opens: ask.opens,
                before_noun: ask.before_noun,
                role: ask.role,
            });
        }
        let words = |phrase: &str| clean(phrase).split(' ').map(str::to_owned).collect();
        for measure in &synonyms.measures {
            for phrase in &measure.words {
                let entry = (words(phrase), (measure.kind, measure.name.clone()));
                lexicon.measures.push(entry);
            }
        }
        for time in &synonyms.times {
            if let Some(word) = &time.states {
                let stem = lexicon.stemmer.stem(&clean(word)).into_owned();
                lexicon.rates.push((words(&time.phrase), stem));
                continue;
            }
            let period = match time.years_ago {
                _ if time.future => Period::Future,
                Some(ago) => Period::YearsAgo(ago),
                None => Period::Latest,
            };
            lexicon.times.push((words(&time.phrase), period));
        }
        let talk = &synonyms.small_talk;
        for (phrases, kind) in [
            (&talk.greeting, SmallTalk::Greeting),
            (&talk.thanks, SmallTalk::Thanks),
            (&talk.help, SmallTalk::Help),
        ] {
            for phrase in phrases {
                lexicon.small_talk.push((words(phrase), kind));
            }
        }
        let phrase_texts = synonyms
            .measures
            .iter()
            .flat_map(|m| &m.words)
            .chain(synonyms.times.iter().map(|t| &t.phrase))
            .chain(&synonyms.noun_markers)
            .chain(&synonyms.must_state)
            .chain(talk.greeting.iter().chain(&talk.thanks).chain(&talk.help));
        let synonym_texts = synonyms
            .stop_words
            .iter()
            .chain(phrase_texts)
            .chain(synonyms.aliases.iter().flatten())
            .chain(
                synonyms
                    .places
                    .iter()
                    .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases)),
            );
        let synonym_texts = synonym_texts
            .map(|t| (t.as_str(), false))
            .chain(synonyms.asks.iter().map(|a| (a.cue.as_str(), false)));
        // Stems of the facts' meaningful words, which a stop word's stem must not hide:
        // "literally" stems to "liter", a unit the facts state.
        let mut meaningful = HashSet::new();
        for (text, from_fact) in synonym_texts.chain(texts.map(|t| (t, true))) {
            for word in clean(text)
                .split(' ')
                .filter(|w| !w.is_empty() && !is_number(w))
            {
                if !lexicon.stems.contains_key(word) {
                    lexicon
                        .stems
                        .insert(word.to_owned(), lexicon.stemmer.stem(word).into_owned());
                    lexicon.vocabulary.insert(word);
                }
                if from_fact && !lexicon.stop_words.contains(word) {
                    meaningful.insert(lexicon.stems[word].clone());
                }
            }
        }
        let stop_stems: Vec<String> = lexicon
            .stop_words
            .iter()
            .map(|w| lexicon.stem(w))
            .filter(|stem| !meaningful.contains(stem))
            .collect();
        lexicon.stop_words.extend(stop_stems);
        lexicon.must_state = synonyms
            .must_state
            .iter()
            .map(|w| lexicon.stem(&clean(w)))
            .collect();
        lexicon.vocabulary.build();
        lexicon
    }

    fn stem(&self, word: &str) -> String {
        if let Some(stem) = self.stems.get(word) {
            stem.clone()
        } else if is_number(word) {
            word.to_owned()
        } else {
            self.stemmer.stem(word).into_owned()
        }
    }

    /// The stems of a term's meaningful words, joined by spaces.
    fn phrase_key(&self, term: &str) -> String {
        let cleaned = clean(term);
        let stems: Vec<String> = cleaned
            .split(' ')
            .filter(|w| !w.is_empty() && !self.stop_words.contains(*w))
            .map(|w| self.stem(w))
            .collect();
        stems.join(" ")
    }

    fn add_concept(&mut self, term: &str, key: &str, place: Option<PlaceId>) {
        let phrase = self.phrase_key(term);
        if !phrase.is_empty() {
            let concept = Concept {
                key: key.to_owned(),
                place,
            };
            self.concepts.insert(phrase, concept);
        }
    }

    /// Analyses a question: typos are corrected, phrases folded into concepts.
    pub(crate) fn question(&self, text: &str) -> Analysis {
        self.analyze(text, Mode::Question)
    }

    /// Analyses fact text: spelt right, and a folded phrase also yields the concepts
    /// of its parts, so that "the China-Laos Railway" in a fact is found by "trains".
    pub(crate) fn fact_text(&self, text: &str) -> Analysis {
        self.analyze(text, Mode::Fact)
    }

    fn analyze(&self, text: &str, mode: Mode) -> Analysis {
        let question = mode == Mode::Question;
        let cleaned = clean(text);
        let mut words: Vec<(&str, bool)> = Vec::new();
        for word in cleaned.split(' ').filter(|w| !w.is_empty()).take(MAX_WORDS) {
            match question.then(|| self.correction(word)).flatten() {
                Some(fixed) => words.push((fixed, true)),
                None => words.push((word, false)),
            }
        }
        let cue = self.find_cue(&words);
        let mut analysis = Analysis {
            cue,
            ..Analysis::default()
        };
        // Quantities named in words of their own tell what the question asks for;
        // dates relative to today are read off and taken out.
        let mut taken = vec![false; words.len()];
        let mut measured = Vec::new();
        if question {
            // Only words as typed name a quantity: "talk" corrected to "tall" does not
            // ask for a height.
            let as_typed: Vec<(&str, bool)> = words
                .iter()
                .map(|&(w, corrected)| (if corrected { "" } else { w }, corrected))
                .collect();
            // The cue's own words ("which *area*") name no quantity besides it.
            let cue_span = cue.map_or(0..0, |(id, end)| end - self.cues[id].words.len()..end);
            measured = find_phrases(&as_typed, &self.measures);
            measured.retain(|(span, _)| span.end <= cue_span.start || span.start >= cue_span.end);
            // A rate's words still count: facts use them ("yearly", "per year").
            analysis.stated = find_phrases(&words, &self.rates)
                .into_iter()
                .map(|(_, stem)| stem.clone())
                .collect();
            for (span, period) in find_phrases(&words, &self.times) {
                taken[span].fill(true);
                // A look ahead outweighs any other date: "the latest forecast".
                if *period == Period::Future || analysis.period.is_none() {
                    analysis.period = Some(*period);
                }
            }
            analysis.small_talk = self.small_talk(&words);
        }
        let names = if question {
            proper_names(text)
        } else {
            HashSet::new()
        };
        analysis.listed = (0..words.len())
            .find(|&i| question && asks_to_list(&words, i))
            .filter(|&i| !is_lone_digit(words[i].0))
            .and_then(|i| words[i].0.parse().ok());
        let examples: Vec<bool> = (0..words.len())
            .map(|i| question && named_after(&words, i, &EXAMPLE_MARKERS))
            .collect();
        let excluded: Vec<bool> = (0..words.len())
            .map(|i| question && named_after(&words, i, &EXCLUSION_MARKERS))
            .collect();
        let nouns: Vec<bool> = (0..words.len())
            .map(|i| {
                question
                    && (self.stands_for_noun(&words, i)
                        || names.contains(words[i].0)
                        || is_chinese(words[i].0))
            })
            .collect();
        let stems: Vec<(String, usize, bool)> = words
            .iter()
            .enumerate()
            .filter(|(pos, (w, _))| !taken[*pos] && !self.stop_words.contains(*w))
            .map(|(pos, (w, corrected))| (self.stem(w), pos, *corrected))
            .filter(|(stem, _, _)| !self.stop_words.contains(stem))
            .collect();
        analysis.words = stems.len();
        analysis.distinct_words = stems.iter().map(|s| &s.0).collect::<HashSet<_>>().len();
        analysis.tokens = self.fold_phrases(&stems, &nouns, mode == Mode::Fact);
        // A measure word inside a name ("the low-*altitude* economy") names no
        // quantity.
        let in_name = |span: &std::ops::Range<usize>| {
            analysis
                .tokens
                .iter()
                .any(|t| t.end - t.pos > span.len() && t.pos <= span.start && span.end <= t.end)
        };
        analysis.measures = measured
            .into_iter()
            .filter(|(span, _)| !in_name(span))
            .map(|(_, (kind, name))| (*kind, name.clone()))
            .collect();
        for token in &mut analysis.tokens {
            token.example = examples.get(token.pos).copied().unwrap_or(false);
            token.excluded = excluded.get(token.pos).copied().unwrap_or(false);
        }
        analysis
    }

    /// The kind of small talk a message is, when all its words are small-talk phrases
    /// or stop words; asking for help outranks thanks, thanks a greeting.
    fn small_talk(&self, words: &[(&str, bool)]) -> Option<SmallTalk> {
        let found = find_phrases(words, &self.small_talk);
        let mut covered = vec![false; words.len()];
        for (span, _) in &found {
            covered[span.clone()].fill(true);
        }
        let only_talk = words
            .iter()
            .zip(&covered)
            .all(|((w, _), covered)| *covered || self.stop_words.contains(*w));
        let rank = |kind: &SmallTalk| match kind {
            SmallTalk::Help => 2,
            SmallTalk::Thanks => 1,
            SmallTalk::Greeting => 0,
        };
        let best = found.into_iter().map(|(_, kind)| *kind).max_by_key(rank);
        best.filter(|_| only_talk)
    }

    /// Whether word `i` stands where a noun does: after a determiner or preposition
    /// ("the *metro*"), or after one and a modifier ("the Kunming *metro*") unless
    /// it looks like a verb ("the west *betting* on").
    fn stands_for_noun(&self, words: &[(&str, bool)], i: usize) -> bool {
        let marker = |j: usize| self.noun_markers.contains(words[j].0);
        let word = words[i].0;
        let verb_like = ["ing", "ed", "s"].iter().any(|end| word.ends_with(end));
        (i >= 1 && marker(i - 1))
            || (i >= 2
                && marker(i - 2)
                && !marker(i - 1)
                && !self.stop_words.contains(words[i - 1].0)
                && !verb_like)
    }

    /// The known word a misspelt word most likely meant.
    fn correction(&self, word: &str) -> Option<&str> {
        /// Up to this length a corrected word must keep its first letter: a short
        /// word is too easily another real word after one edit.
        const SHORT_LEN: usize = 5;
        let len = word.chars().count();
        if is_number(word) || self.vocabulary.contains(word) {
            return None;
        }
        let fixed = self.vocabulary.closest(word)?;
        let same_start = fixed.chars().next() == word.chars().next();
        (len > SHORT_LEN || same_start).then_some(fixed)
    }

    /// The earliest, then longest, cue among the words.
    fn find_cue(&self, words: &[(&str, bool)]) -> Option<(usize, usize)> {
        (0..words.len()).find_map(|start| {
            self.cues
                .iter()
                .enumerate()
                .filter(|(_, cue)| {
                    let end = start + cue.words.len();
                    end <= words.len()
                        && cue
                            .words
                            .iter()
                            .zip(&words[start..end])
                            .all(|(c, (w, _))| c == w)
                        && (!cue.opens || self.opens_at(words, start))
                        && (!cue.before_noun || self.noun_at(words, end))
                })
                .max_by_key(|(_, cue)| cue.words.len())
                .map(|(id, cue)| (id, start + cue.words.len()))
        })
    }

    /// Whether word `start` opens the question: nothing but stop words before it
    /// ("so *which*"; "the railway *which*" is a relative clause).
    fn opens_at(&self, words: &[(&str, bool)], start: usize) -> bool {
        words[..start].iter().all(|(w, _)| !self.meaningful(w))
    }

    /// Whether word `at` is meaningful: there, and not a stop word or a number.
    fn noun_at(&self, words: &[(&str, bool)], at: usize) -> bool {
        words.get(at).is_some_and(|(w, _)| self.meaningful(w))
    }

    fn meaningful(&self, word: &str) -> bool {
        !self.stop_words.contains(word) && !is_number(word)
    }

    /// Replaces runs of stems that name an alias group or a place by its concept,
    /// longest run first; with `with_parts`, a run of several stems also yields each
    /// stem's own concept.
    fn fold_phrases(
        &self,
        stems: &[(String, usize, bool)],
        nouns: &[bool],
        with_parts: bool,
    ) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(stems.len());
        let mut key = String::new();
        let mut i = 0;
        while i < stems.len() {
            let longest = MAX_PHRASE_WORDS.min(stems.len() - i);
            let found = (1..=longest).rev().find_map(|len| {
                key.clear();
                for (n, (stem, _, _)) in stems[i..i + len].iter().enumerate() {
                    if n > 0 {
                        key.push(' ');
                    }
                    key.push_str(stem);
                }
                self.concepts.get(&key).map(|c| (len, c))
            });
            let (len, key, place) = match found {
                Some((len, concept)) => (len, concept.key.clone(), concept.place),
                None => (1, stems[i].0.clone(), None),
            };
            tokens.push(Token {
                key,
                pos: stems[i].1,
                end: stems[i + len - 1].1 + 1,
                noun: nouns.get(stems[i].1).copied().unwrap_or(false),
                corrected: stems[i..i + len].iter().any(|s| s.2),
                part: false,
                example: false,
                excluded: false,
                place,
            });
            if with_parts && len > 1 {
                for (stem, pos, _) in &stems[i..i + len] {
                    let part = self.concepts.get(stem.as_str());
                    tokens.push(Token {
                        key: part.map_or_else(|| stem.clone(), |c| c.key.clone()),
                        pos: *pos,
                        end: *pos + 1,
                        noun: false,
                        corrected: false,
                        part: true,
                        example: false,
                        excluded: false,
                        place: None,
                    });
                }
            }
            i += len;
        }
        tokens
    }

    /// The name of a concept (an alias group or a place), by its key.
    pub(crate) fn name(&self, key: &str) -> Option<&str> {
        self.names.get(key).map(String::as_str)
    }

    /// Whether a term names one thing, such as the China-Laos Railway, which a fact
    /// that does not mention it is not about.
    pub(crate) fn is_subject(&self, key: &str) -> bool {
        self.subjects.contains(key)
    }

    /// Whether a question's term is one a fact must state to answer it.
    pub(crate) fn must_state(&self, key: &str) -> bool {
        self.must_state.contains(key)
    }

    /// Whether `place` is `ancestor` or lies within it.
    pub(crate) fn is_within(&self, mut place: PlaceId, ancestor: PlaceId) -> bool {
        for _ in 0..=self.within.len() {
            if place == ancestor {
                return true;
            }
            match self.within[place] {
                Some(parent) => place = parent,
                None => return false,
            }
        }
        false
    }
}

/// Phrases after which a name is an example of a larger whole.
const EXAMPLE_MARKERS: [&[&str]; 6] = [
    &["such", "as"],
    &["like"],
    &["including"],
    &["for", "example"],
    &["for", "instance"],
    &["e", "g"],
];

/// Phrases after which a name is left out of what is asked ("the whole country, *not
/// just* the west").
const EXCLUSION_MARKERS: [&[&str]; 10] = [
    &["not"],
    &["not", "just"],
    &["not", "only"],
    &["except"],
    &["excluding"],
    &["besides"],
    &["other", "than"],
    &["apart", "from"],
    &["rather", "than"],
    &["instead", "of"],
];

/// Whether one of `markers` ends right before word `end`.
fn marker_ends_at(words: &[(&str, bool)], end: usize, markers: &[&[&str]]) -> bool {
    markers.iter().any(|marker| {
        end >= marker.len()
            && marker
                .iter()
                .zip(&words[end - marker.len()..end])
                .all(|(m, (w, _))| m == w)
    })
}

/// Whether word `i` is named right after one of `markers` ("such as *Britain*",
/// "like the *UK*") or as the second of two one-word names there ("such as Britain
/// and *France*"). Longer lists and names of several words are not recognised yet.
fn named_after(words: &[(&str, bool)], i: usize, markers: &[&[&str]]) -> bool {
    // "such as *the* UK"
    let first = |j: usize| {
        marker_ends_at(words, j, markers)
            || (j >= 1 && words[j - 1].0 == "the" && marker_ends_at(words, j - 1, markers))
    };
    let joined = |j: usize| matches!(words[j].0, "and" | "or");
    first(i) || (i >= 2 && joined(i - 1) && first(i - 2))
}

/// Phrases after which a number counts what the question asks to have named.
const LIST_MARKERS: [&[&str]; 8] = [
    &["which"],
    &["list", "the"],
    &["list", "all"],
    &["list", "all", "the"],
    &["name", "the"],
    &["name", "all"],
    &["name", "all", "the"],
    &["names", "of", "the"],
];

/// Whether word `i` is a number whose members the question asks for ("which *36*
/// products", "list the *12* regions").
fn asks_to_list(words: &[(&str, bool)], i: usize) -> bool {
    is_number(words[i].0) && marker_ends_at(words, i, &LIST_MARKERS)
}

/// The words of a text written as names: capitalised inside a sentence ("does
/// *Apple* hold", "in *Shenzhen*"), as they come out of [`clean`]. A capital at a
/// sentence's start says nothing, and an all-capitals word is as often chat ("LOL")
/// or an acronym the facts spell the same way.
fn proper_names(text: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    for line in text.lines() {
        let mut sentence_start = true;
        for word in line.split_whitespace() {
            let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
            let capitalised = letters.first().is_some_and(|c| c.is_uppercase())
                && letters[1..].iter().any(|c| c.is_lowercase());
            if capitalised && !sentence_start {
                names.extend(clean(word).split(' ').map(str::to_owned));
            }
            sentence_start = word.ends_with(['.', '?', '!', ':']) || word.starts_with('<');
        }
    }
    names
}

/// The phrases found in `words`, left to right, the longest at each position, none
/// overlapping: each with the span of words it covers and its value.
fn find_phrases<'p, T>(
    words: &[(&str, bool)],
    phrases: &'p [(Vec<String>, T)],
) -> Vec<(std::ops::Range<usize>, &'p T)> {
    let mut found = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let longest = phrases
            .iter()
            .filter(|(phrase, _)| {
                let end = start + phrase.len();
                !phrase.is_empty()
                    && end <= words.len()
                    && phrase
                        .iter()
                        .zip(&words[start..end])
                        .all(|(p, (w, _))| p == w)
            })
            .max_by_key(|(phrase, _)| phrase.len());
        match longest {
            Some((phrase, value)) => {
                found.push((start..start + phrase.len(), value));
                start += phrase.len();
            }
            None => start += 1,
        }
    }
    found
}
