//! How fast the store takes events: a batch in one transaction, and the recorder end
//! to end (queued, batched, written), on SQLite in a temporary file.
//!
//! `cargo bench --bench store`

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use ipwest::store::recorder::Recorder;
use ipwest::store::{Asked, Event, Store};

/// A mix like a busy server's: most events count a reply, some log its question.
fn events(n: usize) -> Vec<Event> {
    (0..n)
        .map(|i| {
            let at = 1_796_299_200 + i as i64;
            if i % 4 == 0 {
                Event::Asked(Asked {
                    asked_in: i as u64,
                    at,
                    guild: Some(7),
                    verdict: "unknown",
                    question: format!("how many GIs does tibet have, take {i}"),
                    candidates: vec!["western-gi-products".into()],
                })
            } else {
                Event::Replied {
                    at,
                    verdict: "answer",
                    fact: Some(format!("fact-{}", i % 40)),
                }
            }
        })
        .collect()
}

fn store(runtime: &tokio::runtime::Runtime) -> Store {
    let dir = std::env::temp_dir().join(format!("ipwest-bench-store-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/ipwest.db", dir.display());
    runtime.block_on(Store::connect(&url)).unwrap()
}

fn record(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let store = store(&runtime);
    let mut group = c.benchmark_group("store");
    group.measurement_time(Duration::from_secs(5));

    let batch = events(500);
    group.throughput(Throughput::Elements(batch.len() as u64));
    group.bench_function("sqlite/batch_of_500", |b| {
        b.iter(|| runtime.block_on(store.record(black_box(&batch))).unwrap())
    });

    group.throughput(Throughput::Elements(10_000));
    group.bench_function("sqlite/recorder_10k", |b| {
        b.iter_batched(
            || events(10_000),
            |events| {
                runtime.block_on(async {
                    let recorder = Recorder::start(store.clone(), 10_000);
                    recorder.record(events);
                    recorder.close(Duration::from_secs(60)).await;
                    assert_eq!(recorder.counters().recorded(), 10_000);
                })
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, record);
criterion_main!(benches);
