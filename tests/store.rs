//! The store on both backends: SQLite in a temporary file, and PostgreSQL in a
//! throwaway cluster of its own (skipped, with one line, where none is installed).

#[path = "support/postgres.rs"]
mod postgres;

use std::time::Duration;

use ipwest::store::recorder::Recorder;
use ipwest::store::{Asked, Event, Store, StoreError, Vote};
use postgres::Cluster;

/// 2026-12-03 12:00 UTC.
const NOON: i64 = 1_796_299_200;
const DAY: i64 = 86_400;

fn sqlite_url(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ipwest-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    format!("sqlite://{}/ipwest.db", dir.display())
}

fn asked(asked_in: u64, at: i64, verdict: &'static str, question: &str) -> Event {
    Event::Asked(Asked {
        asked_in,
        at,
        guild: Some(7),
        verdict,
        question: question.into(),
        candidates: vec!["guangxi-gi-count".into()],
    })
}

/// A vote by `user` on message 900, pressed as interaction `pressed`.
fn vote(user: u64, up: bool, pressed: u64) -> Event {
    Event::Voted(Vote {
        pressed_in: pressed,
        message: 900,
        user,
        asked_in: 100,
        fact: "guangxi-gi-count".into(),
        guild: Some(7),
        up,
        at: NOON,
    })
}

fn replied(verdict: &'static str, fact: Option<&str>) -> Event {
    Event::Replied {
        at: NOON,
        verdict,
        fact: fact.map(str::to_owned),
    }
}

/// What every backend must do alike.
async fn behaves(url: &str) {
    let store = Store::connect(url).await.expect("connects and migrates");
    store
        .record(&[
            replied("answer", Some("guangxi-gi-count")),
            replied("answer", Some("guangxi-gi-count")),
            replied("unknown", None),
        ])
        .await
        .unwrap();
    let stats = store.stats(NOON - DAY).await.unwrap();
    assert_eq!(stats.answers, 3);
    assert_eq!(stats.by_verdict["answer"], 2);
    assert_eq!(stats.by_verdict["unknown"], 1);
    assert_eq!(stats.by_fact.len(), 1);
    assert_eq!(stats.by_fact["guangxi-gi-count"], 2);
    assert_eq!(stats.by_day["2026-12-03"], 3);
    assert_eq!(store.stats(NOON + DAY).await.unwrap().answers, 0);

    // 👍 then 👎 by one user on one answer: one vote, changed, with its comment.
    store.record(&[vote(42, true, 1)]).await.unwrap();
    store
        .record(&[
            vote(42, false, 2),
            Event::Commented {
                message: 900,
                user: 42,
                text: "The figure is for 2023".into(),
            },
            vote(43, true, 3),
            // An earlier press that lands late changes nothing.
            vote(42, true, 1),
        ])
        .await
        .unwrap();
    let feedback = store.feedback().await.unwrap();
    assert_eq!(feedback.len(), 1);
    assert_eq!((feedback[0].up, feedback[0].down), (1, 1));
    assert_eq!(feedback[0].comments, ["The figure is for 2023"]);

    // Gaps: what was not answered, and the answer that got a 👎; not the others.
    store
        .record(&[
            asked(100, NOON, "answer", "how many GIs does guangxi have"),
            asked(101, NOON, "unknown", "how many GIs does tibet have"),
            asked(102, NOON, "answer", "guangxi gi count"),
        ])
        .await
        .unwrap();
    let gaps = store.gaps(NOON - DAY).await.unwrap();
    let questions: Vec<(&str, bool)> = gaps
        .iter()
        .map(|g| (g.question.as_str(), g.downvoted))
        .collect();
    assert_eq!(
        questions,
        [
            ("how many GIs does guangxi have", true),
            ("how many GIs does tibet have", false)
        ]
    );
    assert_eq!(gaps[1].candidates, ["guangxi-gi-count"]);

    // Connecting again migrates nothing twice and keeps the voters' key: the same
    // user still has one vote.
    let again = Store::connect(url).await.expect("connects again");
    again.record(&[vote(42, true, 4)]).await.unwrap();
    let feedback = again.feedback().await.unwrap();
    assert_eq!((feedback[0].up, feedback[0].down), (2, 0));

    // The cooldown as instances share it: per user, per window.
    let rate = ipwest::settings::parse_rate("2/10s").unwrap();
    let ms = NOON * 1000;
    let mut allowed = Vec::new();
    for at in [ms, ms + 1, ms + 2, ms + 10_001] {
        allowed.push(again.allow(42, at, rate).await.unwrap());
    }
    assert_eq!(allowed, [true, true, false, true]);
    assert!(again.allow(43, ms + 3, rate).await.unwrap(), "another user");

    // Retention: old questions and votes go, the counts stay.
    assert_eq!(again.forget_before(NOON + 1).await.unwrap(), 5);
    assert!(again.gaps(0).await.unwrap().is_empty());
    assert!(again.feedback().await.unwrap().is_empty());
    assert_eq!(again.stats(0).await.unwrap().answers, 3);
}

#[tokio::test]
async fn sqlite_stores_and_reports() {
    let url = sqlite_url("behaves");
    behaves(&url).await;
    let file = url.trim_start_matches("sqlite://");
    assert!(
        std::path::Path::new(&format!("{file}-wal")).exists(),
        "WAL mode"
    );
}

#[tokio::test]
async fn postgres_stores_and_reports() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    behaves(&cluster.database()).await;
}

#[tokio::test]
async fn a_bad_or_unreachable_database_is_a_clear_error() {
    let bad = Store::connect("mysql://root@localhost/x").await;
    assert!(matches!(bad, Err(StoreError::BadUrl(_))), "{:?}", bad.err());
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("postgres://bot:s3cret@127.0.0.1:{port}/ipwest");
    let error = Store::connect(&url)
        .await
        .err()
        .expect("nothing listens there");
    let message = error.to_string();
    assert!(matches!(error, StoreError::Unreachable { .. }), "{message}");
    assert!(!message.contains("s3cret"), "{message}");
}

#[tokio::test]
async fn buffered_events_land_once_the_database_is_back_and_closing_flushes_them() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let url = cluster.database();
    let store = Store::connect(&url).await.unwrap();
    let recorder = Recorder::start(store.clone(), 100);
    recorder.record([replied("answer", Some("a"))]);
    wait_until(|| recorder.counters().recorded() == 1).await;

    cluster.stop();
    recorder.record((0..5).map(|_| replied("unknown", None)));
    wait_until(|| recorder.counters().failed_writes() > 0).await;
    cluster.restart();
    wait_until(|| recorder.counters().recorded() == 6).await;

    recorder.record((0..3).map(|_| replied("answer", Some("b"))));
    recorder.close(Duration::from_secs(20)).await;
    assert_eq!(recorder.counters().recorded(), 9);
    assert_eq!(recorder.counters().dropped(), 0);
    let stats = Store::connect(&url).await.unwrap().stats(0).await.unwrap();
    assert_eq!(stats.answers, 9);
}

#[tokio::test]
async fn a_full_buffer_drops_and_counts_rather_than_waits() {
    let store = Store::connect(&sqlite_url("full")).await.unwrap();
    let recorder = Recorder::start(store, 2);
    // Nothing has run the writer yet on this single-threaded runtime: the third and
    // fourth events find the buffer full.
    recorder.record((0..4).map(|_| replied("answer", None)));
    assert_eq!(recorder.counters().dropped(), 2);
    recorder.close(Duration::from_secs(10)).await;
    assert_eq!(recorder.counters().recorded(), 2);
}

async fn wait_until(done: impl Fn() -> bool) {
    for _ in 0..400 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting");
}
