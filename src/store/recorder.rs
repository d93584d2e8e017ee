//! Between the replies and the store: events wait in a bounded buffer and a writer
//! task records them in batches, retrying with backoff while the store fails. A reply
//! never waits for it: [`Recorder::record`] only queues, and drops (and counts) what
//! does not fit. Closing writes what is buffered before the process exits.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tracing::{error, warn};

use super::{Event, Store};

/// Events buffered at most; more are dropped and counted.
pub const CAPACITY: usize = 10_000;
/// Most events written in one transaction.
const BATCH: usize = 500;
/// Wait before retrying a failed write; doubled each time, up to [`MAX_RETRY_WAIT`].
const FIRST_RETRY_WAIT: Duration = Duration::from_millis(100);
const MAX_RETRY_WAIT: Duration = Duration::from_secs(30);
/// Tries at writing what is buffered when closing.
const CLOSING_TRIES: u32 = 5;

/// What became of the events: for the log and the tests.
#[derive(Debug, Default)]
pub struct Counters {
    recorded: AtomicU64,
    failed_writes: AtomicU64,
    dropped: AtomicU64,
}

impl Counters {
    /// Events written to the store.
    pub fn recorded(&self) -> u64 {
        self.recorded.load(Ordering::Relaxed)
    }

    /// Writes that failed (each is retried).
    pub fn failed_writes(&self) -> u64 {
        self.failed_writes.load(Ordering::Relaxed)
    }

    /// Events lost: the buffer was full, or the store still failed when closing.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    fn add(counter: &AtomicU64, n: usize) {
        counter.fetch_add(n as u64, Ordering::Relaxed);
    }
}

/// The sending side, shared by every transport of the process.
pub struct Recorder {
    events: Option<mpsc::Sender<Event>>,
    closing: watch::Sender<bool>,
    writer: Mutex<Option<JoinHandle<()>>>,
    counters: Arc<Counters>,
}

impl Recorder {
    /// Starts the writer task on the current runtime, buffering up to `capacity`.
    pub fn start(store: Store, capacity: usize) -> Recorder {
        let (events, received) = mpsc::channel(capacity);
        let (closing, closed) = watch::channel(false);
        let counters = Arc::new(Counters::default());
        let writer = tokio::spawn(write(store, received, closed, Arc::clone(&counters)));
        Recorder {
            events: Some(events),
            closing,
            writer: Mutex::new(Some(writer)),
            counters,
        }
    }

    /// A recorder that records nothing: for a process without a store.
    pub fn discard() -> Recorder {
        Recorder {
            events: None,
            closing: watch::channel(false).0,
            writer: Mutex::new(None),
            counters: Arc::default(),
        }
    }

    /// Queues `events` without waiting; what does not fit is dropped and counted.
    pub fn record(&self, events: impl IntoIterator<Item = Event>) {
        let Some(sender) = &self.events else { return };
        let mut dropped = 0;
        for event in events {
            if sender.try_send(event).is_err() {
                dropped += 1;
            }
        }
        if dropped > 0 {
            Counters::add(&self.counters.dropped, dropped);
            warn!(dropped, "the event buffer is full; events dropped");
        }
    }

    /// What became of the events so far.
    pub fn counters(&self) -> &Counters {
        &self.counters
    }

    /// Writes what is buffered and stops the writer, waiting at most `within`.
    pub async fn close(&self, within: Duration) {
        let _ = self.closing.send(true);
        let writer = self.writer.lock().ok().and_then(|mut w| w.take());
        if let Some(writer) = writer
            && tokio::time::timeout(within, writer).await.is_err()
        {
            error!("the store did not take the buffered events in time; they are lost");
        }
    }
}

/// The writer task: batches, retries with backoff, and a last flush on closing.
async fn write(
    store: Store,
    mut received: mpsc::Receiver<Event>,
    mut closing: watch::Receiver<bool>,
    counters: Arc<Counters>,
) {
    let mut batch: Vec<Event> = Vec::new();
    let mut wait = FIRST_RETRY_WAIT;
    loop {
        if batch.is_empty() {
            tokio::select! {
                event = received.recv() => match event {
                    Some(event) => batch.push(event),
                    None => return,
                },
                _ = closing.changed() => break,
            }
        }
        while batch.len() < BATCH
            && let Ok(event) = received.try_recv()
        {
            batch.push(event);
        }
        match store.record(&batch).await {
            Ok(()) => {
                Counters::add(&counters.recorded, batch.len());
                batch.clear();
                wait = FIRST_RETRY_WAIT;
            }
            Err(error) => {
                Counters::add(&counters.failed_writes, 1);
                let buffered = batch.len() + received.len();
                warn!(%error, buffered, retry_in = ?wait, "could not record events; will retry");
                tokio::select! {
                    () = tokio::time::sleep(wait) => {}
                    _ = closing.changed() => break,
                }
                wait = (wait * 2).min(MAX_RETRY_WAIT);
            }
        }
    }
    received.close();
    while let Ok(event) = received.try_recv() {
        batch.push(event);
    }
    let (mut wait, mut failures) = (FIRST_RETRY_WAIT, 0);
    while !batch.is_empty() && failures < CLOSING_TRIES {
        let take = batch.len().min(BATCH);
        match store.record(&batch[..take]).await {
            Ok(()) => {
                Counters::add(&counters.recorded, take);
                batch.drain(..take);
            }
            Err(error) => {
                Counters::add(&counters.failed_writes, 1);
                failures += 1;
                warn!(%error, buffered = batch.len(), "could not record events while closing");
                tokio::time::sleep(wait).await;
                wait *= 2;
            }
        }
    }
    if !batch.is_empty() {
        Counters::add(&counters.dropped, batch.len());
        error!(
            lost = batch.len(),
            "the store kept failing; buffered events are lost"
        );
    }
}
