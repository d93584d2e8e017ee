//! Finding the known word a misspelt word was meant to be, without comparing it
//! against the whole vocabulary: a BK-tree over Damerau-Levenshtein distance (a true
//! metric, so the tree's pruning is exact), ranked by Jaro-Winkler similarity.

use strsim::{damerau_levenshtein, jaro_winkler};

/// A BK-tree of words.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    nodes: Vec<Node>,
}

#[derive(Debug, Clone)]
struct Node {
    word: String,
    /// Child nodes by their distance to this node's word.
    children: Vec<(usize, usize)>,
}

impl Vocabulary {
    /// Adds a word; adding it twice changes nothing.
    pub fn insert(&mut self, word: &str) {
        if self.nodes.is_empty() {
            self.nodes.push(Node::new(word));
            return;
        }
        let mut at = 0;
        loop {
            let d = damerau_levenshtein(&self.nodes[at].word, word);
            if d == 0 {
                return;
            }
            match self.nodes[at].children.iter().find(|(dist, _)| *dist == d) {
                Some(&(_, child)) => at = child,
                None => {
                    let child = self.nodes.len();
                    self.nodes.push(Node::new(word));
                    self.nodes[at].children.push((d, child));
                    return;
                }
            }
        }
    }

    /// The closest word within `max_distance` edits, the most similar by Jaro-Winkler
    /// among the closest, or `None`.
    pub fn closest(&self, word: &str, max_distance: usize) -> Option<&str> {
        let mut best: Option<(usize, f64, &str)> = None;
        let mut stack = if self.nodes.is_empty() {
            vec![]
        } else {
            vec![0]
        };
        while let Some(at) = stack.pop() {
            let node = &self.nodes[at];
            let d = damerau_levenshtein(&node.word, word);
            if d <= max_distance {
                let similarity = jaro_winkler(&node.word, word);
                let better = best.is_none_or(|(bd, bs, _)| d < bd || (d == bd && similarity > bs));
                if better {
                    best = Some((d, similarity, &node.word));
                }
            }
            let (low, high) = (d.saturating_sub(max_distance), d + max_distance);
            stack.extend(
                node.children
                    .iter()
                    .filter(|(cd, _)| (low..=high).contains(cd))
                    .map(|&(_, c)| c),
            );
        }
        best.map(|(_, _, w)| w)
    }
}

impl Node {
    fn new(word: &str) -> Self {
        Node {
            word: word.to_owned(),
            children: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Vocabulary;

    fn vocabulary() -> Vocabulary {
        let mut v = Vocabulary::default();
        for w in [
            "patents",
            "western",
            "geographical",
            "guangxi",
            "trademarks",
            "photovoltaic",
            "sheep",
            "ship",
        ] {
            v.insert(w);
        }
        v
    }

    #[test]
    fn finds_the_word_a_typo_meant() {
        let v = vocabulary();
        let cases = [
            ("pattents", 1, Some("patents")),
            ("westren", 1, Some("western")),
            ("geografical", 2, Some("geographical")),
            ("guangxy", 1, Some("guangxi")),
            ("photovoltiac", 2, Some("photovoltaic")),
            ("trademark", 1, Some("trademarks")),
            ("banana", 2, None),
            ("geografical", 1, None),
        ];
        for (typo, max, expected) in cases {
            assert_eq!(v.closest(typo, max), expected, "{typo}");
        }
    }

    #[test]
    fn agrees_with_a_full_scan() {
        let v = vocabulary();
        for probe in ["shep", "shiep", "sheeps", "patent", "gaungxi", "x"] {
            let scan = v
                .nodes
                .iter()
                .map(|n| strsim::damerau_levenshtein(&n.word, probe))
                .min();
            let found = v
                .closest(probe, 2)
                .map(|w| strsim::damerau_levenshtein(w, probe));
            assert_eq!(found, scan.filter(|d| *d <= 2), "{probe}");
        }
    }
}
