//! The facts state the article's figures in our own words: no answer or title copies
//! a long run of the article's words.
//!
//! The article lives outside the repository, in `../shared/source/article.txt`; where
//! it is missing the test says so and passes.

use std::path::Path;

use ipwest::data;

/// The longest run of the article's words a fact may repeat. The longest proper
/// name in the article ("China National Heavy Machinery Research Institute Co Ltd")
/// is eight words.
const MAX_SHARED_RUN: usize = 8;

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\'', '\u{2019}'], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The length of the longest run of consecutive words of `text` found in `source`.
fn longest_shared_run(text: &[String], source: &[String]) -> usize {
    // Longest common substring over words, by dynamic programming.
    let mut best = 0;
    let mut previous = vec![0; source.len() + 1];
    for word in text {
        let mut current = vec![0; source.len() + 1];
        for (j, other) in source.iter().enumerate() {
            if word == other {
                current[j + 1] = previous[j] + 1;
                best = best.max(current[j + 1]);
            }
        }
        previous = current;
    }
    best
}

#[test]
fn no_fact_copies_a_long_run_of_the_article() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/source/article.txt");
    let Ok(article) = std::fs::read_to_string(&path) else {
        println!("skipped: no article at {}", path.display());
        return;
    };
    let article = words(&article);
    let base = data::bundled().expect("bundled data loads");
    let copied: Vec<String> = base
        .facts()
        .iter()
        .flat_map(|f| [(&f.id, "title", &f.title), (&f.id, "answer", &f.answer)])
        .filter_map(|(id, field, text)| {
            let run = longest_shared_run(&words(text), &article);
            (run > MAX_SHARED_RUN).then(|| format!("{id} {field}: {run} words"))
        })
        .collect();
    assert!(copied.is_empty(), "{copied:?}");
}

#[test]
fn the_run_measure_finds_a_copied_sentence() {
    let source = words("The park now generates up to 80 million kilowatt-hours a year.");
    let copy = words("It now generates up to 80 million kilowatt-hours, they say.");
    assert_eq!(longest_shared_run(&copy, &source), 8);
    assert_eq!(longest_shared_run(&words("nothing alike"), &source), 0);
}
