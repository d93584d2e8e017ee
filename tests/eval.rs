//! Answer quality on three evaluation sets, each line a question with the fact that
//! should answer it, or none when the engine must abstain:
//!
//! - `tests/eval/questions.jsonl`, the tuning set: the matcher is tuned on it, and
//!   this test fails below [`MIN_ANSWERED_RIGHT`] or [`MIN_ABSTAINED`].
//! - `tests/eval/dev.jsonl`, batches written from the article by helpers who never
//!   saw `data/`, in the voices the bot meets; tuned on, reported with its misses
//!   until it meets the tuning set's bar and joins it.
//! - `tests/eval/test_set.jsonl`, the held-out test set, written from the source
//!   article by someone who never saw `data/`. Nothing is tuned on it, so it is
//!   reported, never a gate (a gate would invite tuning on it), and its misses are
//!   not printed.
//! - `tests/eval/zh_questions.jsonl`, `tests/eval/zh_dev.jsonl` and
//!   `tests/eval/zh_test_set.jsonl`: the same for Chinese, a tuning set (a gate at
//!   90% / 90%), a development batch (reported with its misses) and a held-out set
//!   (reported).
//!
//! Run with `cargo test --test eval -- --nocapture` to see the tables.

use std::collections::BTreeMap;

use ipwest::facts::AsOf;
use ipwest::{Engine, data};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    kind: String,
    question: String,
    expect: Option<String>,
}

const MIN_ANSWERED_RIGHT: f64 = 0.95;
const MIN_ABSTAINED: f64 = 0.92;
const MIN_CHINESE_ANSWERED_RIGHT: f64 = 0.90;
const MIN_CHINESE_ABSTAINED: f64 = 0.90;

/// Scores of one set.
#[derive(Default)]
struct Report {
    /// Per kind: right, total.
    by_kind: BTreeMap<String, (usize, usize)>,
    answerable: usize,
    right: usize,
    unanswerable: usize,
    abstained: usize,
    misses: Vec<String>,
}

impl Report {
    fn answered_share(&self) -> f64 {
        self.right as f64 / self.answerable as f64
    }

    fn abstained_share(&self) -> f64 {
        self.abstained as f64 / self.unanswerable as f64
    }

    fn print(&self, name: &str) {
        println!(
            "\n{name}\n{:<12} {:>6} {:>6} {:>7}",
            "kind", "right", "total", "share"
        );
        for (kind, (ok, total)) in &self.by_kind {
            println!(
                "{kind:<12} {ok:>6} {total:>6} {:>6.1}%",
                100.0 * *ok as f64 / *total as f64
            );
        }
        println!(
            "answerable: {}/{} right ({:.1}%)",
            self.right,
            self.answerable,
            100.0 * self.answered_share()
        );
        println!(
            "unanswerable: {}/{} abstained ({:.1}%)",
            self.abstained,
            self.unanswerable,
            100.0 * self.abstained_share()
        );
    }
}

fn load(text: &str, engine: &Engine) -> Vec<Case> {
    let cases: Vec<Case> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad eval line {l}: {e}")))
        .collect();
    for id in cases.iter().filter_map(|c| c.expect.as_deref()) {
        assert!(
            engine.base().get(id).is_some(),
            "eval expects unknown fact `{id}`"
        );
    }
    cases
}

fn evaluate(engine: &Engine, cases: &[Case]) -> Report {
    // The day the sets are asked on, so that "last year" means 2025 however old
    // the checkout.
    let today: AsOf = "2026-12-01".parse().expect("a date");
    let mut report = Report::default();
    for case in cases {
        let outcome = engine.ask(&case.question, today);
        let got = outcome.answer().map(|f| f.id.as_str());
        let ok = got == case.expect.as_deref();
        let entry = report.by_kind.entry(case.kind.clone()).or_default();
        entry.0 += usize::from(ok);
        entry.1 += 1;
        match case.expect {
            Some(_) => (report.answerable += 1, report.right += usize::from(ok)),
            None => (
                report.unanswerable += 1,
                report.abstained += usize::from(ok),
            ),
        };
        if !ok {
            report.misses.push(format!(
                "  [{}] {:?}\n      expected {:?}, got {:?} ({:.3})",
                case.kind,
                case.question,
                case.expect,
                got,
                outcome.confidence()
            ));
        }
    }
    report
}

fn engine() -> Engine {
    Engine::new(data::bundled().expect("bundled data loads"))
}

#[test]
fn tuning_set_meets_the_quality_bar() {
    let engine = engine();
    let cases = load(include_str!("eval/questions.jsonl"), &engine);
    let report = evaluate(&engine, &cases);
    report.print("tuning set (tests/eval/questions.jsonl)");
    if !report.misses.is_empty() {
        println!("misses:\n{}", report.misses.join("\n"));
    }
    assert!(
        report.answered_share() >= MIN_ANSWERED_RIGHT,
        "answerable questions right: {:.3}",
        report.answered_share()
    );
    assert!(
        report.abstained_share() >= MIN_ABSTAINED,
        "unanswerable questions abstained: {:.3}",
        report.abstained_share()
    );
}

/// Reports the held-out set. It asserts only that the set is what it claims to be: at
/// least 150 questions, about a third of them unanswerable, every expected fact real.
#[test]
fn held_out_test_set_is_reported() {
    let engine = engine();
    let cases = load(include_str!("eval/test_set.jsonl"), &engine);
    let report = evaluate(&engine, &cases);
    report.print("held-out test set (tests/eval/test_set.jsonl), reported, not a gate");
    assert!(cases.len() >= 150, "{} questions", cases.len());
    let unanswerable = report.unanswerable as f64 / cases.len() as f64;
    assert!((0.25..=0.45).contains(&unanswerable), "{unanswerable:.2}");
}

/// The Chinese tuning set: written from the article in Chinese by a helper before it
/// opened `data/`, then labelled; the Chinese reader is tuned on it.
#[test]
fn chinese_tuning_set_meets_the_quality_bar() {
    let engine = engine();
    let cases = load(include_str!("eval/zh_questions.jsonl"), &engine);
    let report = evaluate(&engine, &cases);
    report.print("Chinese tuning set (tests/eval/zh_questions.jsonl)");
    if !report.misses.is_empty() {
        println!("misses:\n{}", report.misses.join("\n"));
    }
    assert!(cases.len() >= 120, "{} questions", cases.len());
    assert!(
        report.answered_share() >= MIN_CHINESE_ANSWERED_RIGHT,
        "answerable Chinese questions right: {:.3}",
        report.answered_share()
    );
    assert!(
        report.abstained_share() >= MIN_CHINESE_ABSTAINED,
        "unanswerable Chinese questions abstained: {:.3}",
        report.abstained_share()
    );
}

/// Reports the Chinese development batch with its misses: written from the article
/// by a helper who never saw `data/`, measured untouched (88.1% / 97.8%) before the
/// reader was tuned on it.
#[test]
fn chinese_development_batch_is_reported() {
    let engine = engine();
    let cases = load(include_str!("eval/zh_dev.jsonl"), &engine);
    let report = evaluate(&engine, &cases);
    report.print("Chinese development batch (tests/eval/zh_dev.jsonl), reported, not a gate");
    if !report.misses.is_empty() {
        println!("misses:\n{}", report.misses.join("\n"));
    }
    assert!(cases.len() >= 120, "{} questions", cases.len());
}

/// Reports the Chinese held-out set, written from the article in Chinese by a helper
/// who never saw `data/` and labelled by another: never tuned on, its misses never
/// printed. It asserts only its make-up: at least 80 questions, of every kind.
#[test]
fn chinese_held_out_test_set_is_reported() {
    let engine = engine();
    let cases = load(include_str!("eval/zh_test_set.jsonl"), &engine);
    let report = evaluate(&engine, &cases);
    report.print("Chinese held-out test set (tests/eval/zh_test_set.jsonl), reported, not a gate");
    assert!(cases.len() >= 80, "{} questions", cases.len());
    assert!(report.by_kind.len() >= 8, "{:?}", report.by_kind.keys());
}

/// Reports the development batch with its misses, which are for tuning.
#[test]
fn development_batch_is_reported() {
    let engine = engine();
    let cases = load(include_str!("eval/dev.jsonl"), &engine);
    let report = evaluate(&engine, &cases);
    report.print("development batch (tests/eval/dev.jsonl), reported, not a gate");
    if !report.misses.is_empty() {
        println!("misses:\n{}", report.misses.join("\n"));
    }
    assert!(cases.len() >= 150, "{} questions", cases.len());
}
