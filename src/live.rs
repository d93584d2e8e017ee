//! The engine in use, replaced whole when the facts change: `run` and `serve` reload
//! the data directory on SIGHUP and when its files change. The new engine is built off
//! the hot path and swapped in at once; a broken file keeps the old one, and every
//! problem is logged at file:line:column.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use notify::{RecursiveMode, Watcher};
use tracing::{error, info, warn};

use crate::Engine;
use crate::data::{self, DataError};

/// How long the files must be quiet before a change is reloaded: an editor's save is
/// several events.
const SETTLE: Duration = Duration::from_millis(300);

/// The engine replies come from, and where it was loaded from.
pub struct Live {
    current: ArcSwap<Engine>,
    dir: Option<PathBuf>,
}

impl Live {
    /// `engine`, loaded from `dir` (`None`: the copy built in, which never changes).
    pub fn new(engine: Arc<Engine>, dir: Option<PathBuf>) -> Live {
        Live {
            current: ArcSwap::new(engine),
            dir,
        }
    }

    /// The engine now; a reply keeps the one it started with.
    pub fn engine(&self) -> Arc<Engine> {
        self.current.load_full()
    }

    /// Loads the directory again and swaps the new engine in; on any problem the
    /// current engine stays. Returns how many facts the engine now has.
    pub async fn reload(&self) -> Result<usize, DataError> {
        let Some(dir) = self.dir.clone() else {
            return Ok(self.engine().base().facts().len());
        };
        let built = tokio::task::spawn_blocking(move || data::read_dir(&dir).map(Engine::new))
            .await
            .expect("building an engine does not panic")?;
        let facts = built.base().facts().len();
        self.current.store(Arc::new(built));
        Ok(facts)
    }

    /// [`Live::reload`], logged: the new size, or every problem.
    pub async fn reload_logged(&self, why: &str) {
        match self.reload().await {
            Ok(facts) => info!(facts, why, "fact base reloaded"),
            Err(DataError::Invalid(problems)) => {
                for problem in problems.problems() {
                    error!(%problem, "fact base not reloaded; still answering from the previous one");
                }
            }
            Err(error) => {
                error!(%error, "fact base not reloaded; still answering from the previous one")
            }
        }
    }
}

/// Reloads `live` on SIGHUP and whenever a file of its directory changes, until the
/// runtime stops. Without a directory there is nothing to watch.
pub fn watch(live: Arc<Live>) {
    let Some(dir) = live.dir.clone() else {
        return;
    };
    let (changed, mut changes) = tokio::sync::mpsc::unbounded_channel();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| e.kind.is_modify() || e.kind.is_create() || e.kind.is_remove()) {
            let _ = changed.send(());
        }
    })
    .and_then(|mut watcher| {
        watcher.watch(&dir, RecursiveMode::NonRecursive)?;
        Ok(watcher)
    });
    let watcher = match watcher {
        Ok(watcher) => Some(watcher),
        Err(error) => {
            warn!(%error, dir = %dir.display(), "cannot watch the data directory; reload with SIGHUP");
            None
        }
    };
    tokio::spawn(async move {
        // Kept alive as long as the task.
        let _watcher = watcher;
        let mut hangup = hangup();
        loop {
            let why = tokio::select! {
                Some(()) = changes.recv() => {
                    // Let the burst of events of one save settle.
                    while tokio::time::timeout(SETTLE, changes.recv()).await.is_ok_and(|c| c.is_some()) {}
                    "a data file changed"
                }
                Some(()) = hangup.recv() => "SIGHUP",
                else => return,
            };
            live.reload_logged(why).await;
        }
    });
}

/// SIGHUPs, as a stream; never one where there are no signals.
fn hangup() -> tokio::sync::mpsc::UnboundedReceiver<()> {
    let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::hangup()) {
            Ok(mut signals) => {
                tokio::spawn(async move {
                    while signals.recv().await.is_some() {
                        if sender.send(()).is_err() {
                            return;
                        }
                    }
                });
            }
            Err(error) => warn!(%error, "cannot listen for SIGHUP"),
        }
    }
    #[cfg(not(unix))]
    drop(sender);
    receiver
}
