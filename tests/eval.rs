//! Answer quality on the evaluation set in `tests/eval/questions.jsonl`: each question
//! with the fact that should answer it, or none when the engine must abstain.
//!
//! Prints a table by kind of question and the misses; fails below 95% right on
//! answerable questions or below 90% abstained on unanswerable ones.
//! Run with `cargo test --test eval -- --nocapture` to see the table.

use std::collections::BTreeMap;

use ipwest::{Engine, data};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    kind: String,
    question: String,
    expect: Option<String>,
}

const MIN_ANSWERED_RIGHT: f64 = 0.95;
const MIN_ABSTAINED: f64 = 0.90;

#[test]
fn evaluation_set_meets_the_quality_bar() {
    let engine = Engine::new(data::bundled().expect("bundled data loads"));
    let cases: Vec<Case> = include_str!("eval/questions.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad eval line {l}: {e}")))
        .collect();
    for case in &cases {
        if let Some(id) = &case.expect {
            assert!(
                engine.base().get(id).is_some(),
                "eval expects unknown fact `{id}`"
            );
        }
    }

    let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let (mut answerable, mut right, mut unanswerable, mut abstained) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for case in &cases {
        let outcome = engine.ask(&case.question);
        let got = outcome.answer().map(|f| f.id.as_str());
        let ok = got == case.expect.as_deref();
        let entry = by_kind.entry(&case.kind).or_default();
        entry.0 += usize::from(ok);
        entry.1 += 1;
        match case.expect {
            Some(_) => (answerable += 1, right += usize::from(ok)),
            None => (unanswerable += 1, abstained += usize::from(ok)),
        };
        if !ok {
            misses.push(format!(
                "  [{}] {:?}\n      expected {:?}, got {:?} ({:.3})",
                case.kind,
                case.question,
                case.expect,
                got,
                outcome.confidence()
            ));
        }
    }

    println!(
        "\n{:<12} {:>6} {:>6} {:>7}",
        "kind", "right", "total", "share"
    );
    for (kind, (ok, total)) in &by_kind {
        println!(
            "{kind:<12} {ok:>6} {total:>6} {:>6.1}%",
            100.0 * *ok as f64 / *total as f64
        );
    }
    let answered_share = right as f64 / answerable as f64;
    let abstained_share = abstained as f64 / unanswerable as f64;
    println!(
        "answerable: {right}/{answerable} right ({:.1}%)",
        100.0 * answered_share
    );
    println!(
        "unanswerable: {abstained}/{unanswerable} abstained ({:.1}%)",
        100.0 * abstained_share
    );
    if !misses.is_empty() {
        println!("misses:\n{}", misses.join("\n"));
    }
    assert!(
        answered_share >= MIN_ANSWERED_RIGHT,
        "answerable questions right: {answered_share:.3}"
    );
    assert!(
        abstained_share >= MIN_ABSTAINED,
        "unanswerable questions abstained: {abstained_share:.3}"
    );
}
