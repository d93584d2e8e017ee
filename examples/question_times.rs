//! Per-question time on the real fact base: every question of the evaluation sets,
//! each asked `ROUNDS` times, and the median and 99th percentile of the per-question
//! medians (criterion's `ask/real` gives only the mean over the batch).
//!
//! Run: `cargo run --release --example question_times`

use std::hint::black_box;
use std::time::{Duration, Instant};

use ipwest::facts::AsOf;
use ipwest::{Engine, data};

const SETS: [&str; 3] = [
    include_str!("../tests/eval/questions.jsonl"),
    include_str!("../tests/eval/dev.jsonl"),
    include_str!("../tests/eval/test_set.jsonl"),
];
const ROUNDS: usize = 21;

fn main() {
    let engine = Engine::new(data::bundled().expect("bundled data loads"));
    let today: AsOf = "2026-12-01".parse().expect("a date");
    let questions: Vec<String> = SETS
        .iter()
        .flat_map(|set| set.lines())
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["question"].as_str().map(str::to_owned))
        .collect();
    let mut medians: Vec<Duration> = questions
        .iter()
        .map(|q| {
            let mut times: Vec<Duration> = (0..ROUNDS)
                .map(|_| {
                    let start = Instant::now();
                    black_box(engine.ask(black_box(q), today).confidence());
                    start.elapsed()
                })
                .collect();
            times.sort();
            times[ROUNDS / 2]
        })
        .collect();
    medians.sort();
    let at = |share: f64| medians[((medians.len() - 1) as f64 * share) as usize];
    println!(
        "{} questions: median {:.1} µs, p90 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        medians.len(),
        at(0.5).as_secs_f64() * 1e6,
        at(0.9).as_secs_f64() * 1e6,
        at(0.99).as_secs_f64() * 1e6,
        at(1.0).as_secs_f64() * 1e6,
    );
}
