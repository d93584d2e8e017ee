//! Finding the known word a misspelt word was meant to be, without comparing it
//! against the whole vocabulary.
//!
//! A symmetric-deletion index: two words within `k` edits (insertions, deletions,
//! substitutions, adjacent transpositions) can both be turned into one same string by
//! deleting at most `k` letters from each. So every word is indexed under the hashes
//! of all its variants with up to [`MAX_EDITS`] letters deleted; a lookup hashes the
//! misspelt word's own variants, binary-searches each, and checks the few candidates
//! with strsim's optimal string alignment distance, ranking by Jaro-Winkler.

use std::collections::HashSet;

use strsim::{jaro_winkler, osa_distance};

use crate::hash::fnv1a;

/// Most edits a correction may make.
pub const MAX_EDITS: usize = 2;
/// Words shorter than this are not corrected: too many real words are one edit apart.
pub const MIN_LEN: usize = 4;
/// Words this long or longer may be corrected by two edits, shorter ones by one.
pub const LONG_LEN: usize = 8;

/// The edits a word of `len` characters may be corrected by. The index relies on it:
/// a word shorter than [`LONG_LEN`] is within two edits only of words of at least
/// that length or of words it reaches by insertions, so it is indexed with one
/// deletion, which keeps the index small.
pub fn max_edits(len: usize) -> usize {
    match len {
        0..MIN_LEN => 0,
        MIN_LEN..LONG_LEN => 1,
        _ => MAX_EDITS,
    }
}

/// The known words and their deletion index.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    words: Vec<String>,
    known: HashSet<String>,
    /// (hash of a deletion variant, word index), sorted by hash once built.
    variants: Vec<(u64, u32)>,
    sorted: bool,
}

impl Vocabulary {
    /// Adds a word; adding it twice changes nothing.
    pub fn insert(&mut self, word: &str) {
        if self.known.contains(word) {
            return;
        }
        let id = self.words.len() as u32;
        let chars: Vec<char> = word.chars().collect();
        let deletions = max_edits(chars.len()).max(1);
        for_each_variant(&chars, deletions, |hash| self.variants.push((hash, id)));
        self.known.insert(word.to_owned());
        self.words.push(word.to_owned());
        self.sorted = false;
    }

    /// Makes the index ready for lookups; call after the last [`insert`](Self::insert).
    pub fn build(&mut self) {
        self.variants.sort_unstable();
        self.variants.dedup();
        self.sorted = true;
    }

    /// Whether the word is known exactly.
    pub fn contains(&self, word: &str) -> bool {
        self.known.contains(word)
    }

    /// The closest known word within [`max_edits`] of the word's length, the most
    /// similar by Jaro-Winkler among the closest, or `None`.
    pub fn closest(&self, word: &str) -> Option<&str> {
        debug_assert!(self.sorted, "Vocabulary::build was not called");
        let chars: Vec<char> = word.chars().collect();
        let max_edits = max_edits(chars.len());
        if max_edits == 0 {
            return None;
        }
        let mut candidates: Vec<u32> = Vec::new();
        for_each_variant(&chars, max_edits, |hash| {
            let start = self.variants.partition_point(|(h, _)| *h < hash);
            candidates.extend(
                self.variants[start..]
                    .iter()
                    .take_while(|(h, _)| *h == hash)
                    .map(|(_, id)| *id),
            );
        });
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .map(|id| self.words[id as usize].as_str())
            .filter_map(|known| {
                let distance = osa_distance(known, word);
                (distance <= max_edits).then(|| (distance, jaro_winkler(known, word), known))
            })
            .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(b.2)))
            .map(|(_, _, known)| known)
    }
}

/// Calls `f` with the hash of every variant of `chars` with up to `max` letters
/// deleted (the word itself included; a variant reached twice may be seen twice).
fn for_each_variant(chars: &[char], max: usize, mut f: impl FnMut(u64)) {
    let skip_none = usize::MAX;
    f(hash_skipping(chars, skip_none, skip_none));
    if max >= 1 {
        for i in 0..chars.len() {
            f(hash_skipping(chars, i, skip_none));
            if max >= 2 {
                for j in i + 1..chars.len() {
                    f(hash_skipping(chars, i, j));
                }
            }
        }
    }
}

/// FNV-1a over the characters, leaving out positions `a` and `b`.
fn hash_skipping(chars: &[char], a: usize, b: usize) -> u64 {
    let kept = chars.iter().enumerate().filter(|&(i, _)| i != a && i != b);
    fnv1a(kept.map(|(_, &c)| u64::from(c)))
}

#[cfg(test)]
mod tests {
    use super::{Vocabulary, max_edits};

    const WORDS: [&str; 12] = [
        "patents",
        "western",
        "geographical",
        "guangxi",
        "trademarks",
        "photovoltaic",
        "sheep",
        "ship",
        "xian",
        "gis",
        "indication",
        "pattern",
    ];

    fn vocabulary() -> Vocabulary {
        let mut v = Vocabulary::default();
        for w in WORDS {
            v.insert(w);
        }
        v.build();
        v
    }

    #[test]
    fn finds_the_word_a_typo_meant() {
        let v = vocabulary();
        let cases = [
            ("pattents", Some("patents")),
            ("westren", Some("western")),
            ("geografical", Some("geographical")),
            ("guangxy", Some("guangxi")),
            ("photovoltiac", Some("photovoltaic")),
            ("trademark", Some("trademarks")),
            ("sheeep", Some("sheep")),
            ("indicatoin", Some("indication")),
            ("banana", None),
            ("gis", None),
            ("geogrfical", None),
        ];
        for (typo, expected) in cases {
            assert_eq!(v.closest(typo), expected, "{typo}");
        }
    }

    #[test]
    fn agrees_with_a_full_scan() {
        let v = vocabulary();
        let probes = [
            "shep",
            "shiep",
            "sheeps",
            "patent",
            "gaungxi",
            "x",
            "xain",
            "wsetern",
            "sip",
            "trdemarsk",
            "",
            "ß",
            "patternss",
            "paterns",
            "patentss",
            "xxpatents",
            "westernnn",
            "geographicl",
            "indicatio",
            "ppatnts",
        ];
        for probe in probes {
            let max = max_edits(probe.chars().count());
            let scan = WORDS
                .iter()
                .map(|w| strsim::osa_distance(w, probe))
                .filter(|d| *d <= max)
                .min();
            let found = v.closest(probe).map(|w| strsim::osa_distance(w, probe));
            assert_eq!(found, scan, "{probe} within {max}");
        }
    }
}
