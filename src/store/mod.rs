//! The store: what the bot remembers (replies served, questions where logging is on,
//! votes), in SQLite by default or PostgreSQL when `DATABASE_URL` says so. The only
//! place with SQL: one schema, written once for both (`migrations/`), through sqlx's
//! `Any` driver.
//!
//! - [`event`]: what the handler asks to record, as plain data.
//! - [`recorder`]: the bounded buffer between replies and the store, with retries.

pub mod event;
pub mod recorder;

use std::collections::BTreeMap;
use std::sync::Once;
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor, Row};

pub use event::{Asked, Event, Vote};

use crate::discord::cooldown::Rate;
use crate::facts::AsOf;
use crate::settings::{self, GuildSettings, Settings};

/// Where the store is when `DATABASE_URL` is not set: a SQLite file in the working
/// directory, created on first start.
pub const DEFAULT_URL: &str = "sqlite://ipwest.db";
/// How long connecting may take before the database counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections per process.
const MAX_CONNECTIONS: u32 = 4;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!();

/// Why the store cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("DATABASE_URL `{0}` is neither sqlite://… nor postgres://…")]
    BadUrl(String),
    #[error("cannot open the database at {url}: {source}")]
    Unreachable { url: String, source: sqlx::Error },
    #[error("cannot bring the database at {url} up to date: {source}")]
    Migrate {
        url: String,
        source: sqlx::migrate::MigrateError,
    },
    #[error("database: {0}")]
    Query(#[from] sqlx::Error),
}

/// A connection pool to the store, with the key people are hashed with.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    voter_key: Vec<u8>,
    shared: bool,
}

/// The answers served: `ipwest stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub answers: i64,
    pub by_verdict: BTreeMap<String, i64>,
    pub by_fact: BTreeMap<String, i64>,
    pub by_day: BTreeMap<String, i64>,
}

/// A logged question, as `ipwest gaps` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub at: i64,
    pub verdict: String,
    pub question: String,
    pub candidates: Vec<String>,
    /// Its answer got a 👎.
    pub downvoted: bool,
}

/// The votes on one fact: `ipwest feedback`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Votes {
    pub fact: String,
    pub up: i64,
    pub down: i64,
    pub comments: Vec<String>,
}

impl Store {
    /// Connects to `url` (`sqlite://…` or `postgres://…`), creating a SQLite file if
    /// there is none, and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        static DRIVERS: Once = Once::new();
        DRIVERS.call_once(install_default_drivers);
        let shown = redact(url);
        let sqlite = url.starts_with("sqlite:");
        if !sqlite && !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
            return Err(StoreError::BadUrl(shown));
        }
        let url = if sqlite && !url.contains("mode=") {
            let joiner = if url.contains('?') { '&' } else { '?' };
            format!("{url}{joiner}mode=rwc")
        } else {
            url.to_owned()
        };
        let pool = AnyPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(CONNECT_TIMEOUT)
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if sqlite {
                        // Commits wait for the log, not for the disk.
                        connection.execute("PRAGMA synchronous = NORMAL").await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(|source| StoreError::Unreachable {
                url: shown.clone(),
                source,
            })?;
        if sqlite {
            // Readers never wait for the writer; kept in the file once set.
            pool.execute("PRAGMA journal_mode = WAL").await?;
        }
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|source| StoreError::Migrate { url: shown, source })?;
        let voter_key = voter_key(&pool).await?;
        Ok(Store {
            pool,
            voter_key,
            shared: !sqlite,
        })
    }

    /// Records `events` in one transaction: all of them, or none.
    pub async fn record(&self, events: &[Event]) -> Result<(), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        for event in events {
            match event {
                Event::Replied { at, verdict, fact } => {
                    sqlx::query(
                        "INSERT INTO answers (day, verdict, fact, count) VALUES ($1, $2, $3, 1) \
                         ON CONFLICT (day, verdict, fact) DO UPDATE SET count = answers.count + 1",
                    )
                    .bind(day(*at))
                    .bind(*verdict)
                    .bind(fact.as_deref().unwrap_or(""))
                    .execute(&mut *tx)
                    .await?;
                }
                Event::Asked(asked) => {
                    sqlx::query(
                        "INSERT INTO questions (asked_in, asked_at, guild, verdict, question, candidates) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(id(asked.asked_in))
                    .bind(asked.at)
                    .bind(id(asked.guild.unwrap_or(0)))
                    .bind(asked.verdict)
                    .bind(&asked.question)
                    .bind(asked.candidates.join(" "))
                    .execute(&mut *tx)
                    .await?;
                }
                Event::Voted(vote) => {
                    sqlx::query(
                        "INSERT INTO votes (message, voter, asked_in, fact, guild, up, voted_at, pressed_in) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                         ON CONFLICT (message, voter) DO UPDATE SET up = excluded.up, \
                         voted_at = excluded.voted_at, pressed_in = excluded.pressed_in \
                         WHERE excluded.pressed_in >= votes.pressed_in",
                    )
                    .bind(id(vote.message))
                    .bind(self.voter(vote.user))
                    .bind(id(vote.asked_in))
                    .bind(&vote.fact)
                    .bind(id(vote.guild.unwrap_or(0)))
                    .bind(i64::from(vote.up))
                    .bind(vote.at)
                    .bind(id(vote.pressed_in))
                    .execute(&mut *tx)
                    .await?;
                }
                Event::SettingsChanged {
                    guild,
                    settings,
                    at,
                } => {
                    let channels: Vec<String> =
                        settings.auto_answer.iter().map(u64::to_string).collect();
                    sqlx::query(
                        "INSERT INTO guild_settings (guild, log_questions, cooldown, auto_answer, updated_at) \
                         VALUES ($1, $2, $3, $4, $5) \
                         ON CONFLICT (guild) DO UPDATE SET log_questions = excluded.log_questions, \
                         cooldown = excluded.cooldown, auto_answer = excluded.auto_answer, updated_at = excluded.updated_at",
                    )
                    .bind(id(*guild))
                    .bind(i64::from(settings.log_questions))
                    .bind(settings.cooldown.map_or_else(String::new, |r| r.to_string()))
                    .bind(channels.join(" "))
                    .bind(*at)
                    .execute(&mut *tx)
                    .await?;
                }
                Event::Commented {
                    message,
                    user,
                    text,
                } => {
                    sqlx::query("UPDATE votes SET comment = $1 WHERE message = $2 AND voter = $3")
                        .bind(text)
                        .bind(id(*message))
                        .bind(self.voter(*user))
                        .execute(&mut *tx)
                        .await?;
                }
            }
        }
        tx.commit().await
    }

    /// Whether several instances may share this store (PostgreSQL): then they share
    /// the cooldown through it.
    pub fn is_shared(&self) -> bool {
        self.shared
    }

    /// Whether `user` may ask at `now_ms` (Unix milliseconds) at `rate`, counting the
    /// questions every instance recorded; if so, this one counts too.
    pub async fn allow(&self, user: u64, now_ms: i64, rate: Rate) -> Result<bool, sqlx::Error> {
        let asker = self.voter(user);
        let window = i64::try_from(rate.window.as_millis()).unwrap_or(i64::MAX);
        let recent: i64 = sqlx::query(
            "SELECT COUNT(*) AS recent FROM recent_questions WHERE asker = $1 AND asked_at_ms > $2",
        )
        .bind(&asker)
        .bind(now_ms.saturating_sub(window))
        .fetch_one(&self.pool)
        .await?
        .try_get("recent")?;
        if recent >= i64::try_from(rate.limit).unwrap_or(i64::MAX) {
            return Ok(false);
        }
        sqlx::query("INSERT INTO recent_questions (asker, asked_at_ms) VALUES ($1, $2)")
            .bind(asker)
            .bind(now_ms)
            .execute(&self.pool)
            .await?;
        Ok(true)
    }

    /// Every server's settings.
    pub async fn settings(&self) -> Result<Settings, sqlx::Error> {
        let rows =
            sqlx::query("SELECT guild, log_questions, cooldown, auto_answer FROM guild_settings")
                .fetch_all(&self.pool)
                .await?;
        let mut all = Settings::new();
        for row in rows {
            let guild: i64 = row.try_get("guild")?;
            let cooldown: String = row.try_get("cooldown")?;
            let channels: String = row.try_get("auto_answer")?;
            let settings = GuildSettings {
                log_questions: row.try_get::<i64, _>("log_questions")? == 1,
                cooldown: settings::parse_rate(&cooldown),
                auto_answer: channels
                    .split_whitespace()
                    .filter_map(|c| c.parse().ok())
                    .collect(),
            };
            all.insert(guild as u64, settings);
        }
        Ok(all)
    }

    /// The replies served since `since` (Unix seconds).
    pub async fn stats(&self, since: i64) -> Result<Stats, sqlx::Error> {
        let rows = sqlx::query("SELECT day, verdict, fact, count FROM answers WHERE day >= $1")
            .bind(day(since))
            .fetch_all(&self.pool)
            .await?;
        let mut stats = Stats::default();
        for row in rows {
            let count: i64 = row.try_get("count")?;
            let fact: String = row.try_get("fact")?;
            stats.answers += count;
            *stats.by_verdict.entry(row.try_get("verdict")?).or_default() += count;
            *stats.by_day.entry(row.try_get("day")?).or_default() += count;
            if !fact.is_empty() {
                *stats.by_fact.entry(fact).or_default() += count;
            }
        }
        Ok(stats)
    }

    /// The questions logged since `since` that were not answered, or whose answer got
    /// a 👎, oldest first.
    pub async fn gaps(&self, since: i64) -> Result<Vec<Logged>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT q.asked_at, q.verdict, q.question, q.candidates, \
                    (SELECT COUNT(*) FROM votes v WHERE v.asked_in = q.asked_in AND v.up = 0) AS down \
             FROM questions q WHERE q.asked_at >= $1 ORDER BY q.asked_at",
        )
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        let mut logged = Vec::new();
        for row in rows {
            let candidates: String = row.try_get("candidates")?;
            let question = Logged {
                at: row.try_get("asked_at")?,
                verdict: row.try_get("verdict")?,
                question: row.try_get("question")?,
                candidates: candidates.split_whitespace().map(str::to_owned).collect(),
                downvoted: row.try_get::<i64, _>("down")? > 0,
            };
            if question.verdict != "answer" || question.downvoted {
                logged.push(question);
            }
        }
        Ok(logged)
    }

    /// The votes per fact, with the 👎 comments, most 👎 first.
    pub async fn feedback(&self) -> Result<Vec<Votes>, sqlx::Error> {
        let rows = sqlx::query("SELECT fact, up, comment FROM votes ORDER BY voted_at")
            .fetch_all(&self.pool)
            .await?;
        let mut by_fact: BTreeMap<String, Votes> = BTreeMap::new();
        for row in rows {
            let fact: String = row.try_get("fact")?;
            let votes = by_fact.entry(fact.clone()).or_insert_with(|| Votes {
                fact,
                ..Votes::default()
            });
            if row.try_get::<i64, _>("up")? == 1 {
                votes.up += 1;
            } else {
                votes.down += 1;
                let comment: Option<String> = row.try_get("comment")?;
                votes
                    .comments
                    .extend(comment.filter(|c| !c.trim().is_empty()));
            }
        }
        let mut all: Vec<Votes> = by_fact.into_values().collect();
        all.sort_by(|a, b| b.down.cmp(&a.down).then(b.up.cmp(&a.up)));
        Ok(all)
    }

    /// Deletes the questions and votes from before `before` (Unix seconds), and the
    /// cooldown's memory of anything older; the counts of answers served are kept.
    /// Returns how many questions and votes went.
    pub async fn forget_before(&self, before: i64) -> Result<u64, sqlx::Error> {
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        sqlx::query("DELETE FROM recent_questions WHERE asked_at_ms < $1")
            .bind(now_ms - COOLDOWN_MEMORY_MS)
            .execute(&self.pool)
            .await?;
        let questions = sqlx::query("DELETE FROM questions WHERE asked_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        let votes = sqlx::query("DELETE FROM votes WHERE voted_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(questions.rows_affected() + votes.rows_affected())
    }

    /// The keyed hash a user is known by: the same user, the same voter, and no way
    /// back to the id without the key.
    fn voter(&self, user: u64) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.voter_key).expect("HMAC takes any key");
        mac.update(&user.to_be_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// How long the shared cooldown remembers a question: longer than any sane window.
const COOLDOWN_MEMORY_MS: i64 = 60 * 60 * 1000;

/// How often old questions and votes are deleted.
const RETENTION_SWEEP: Duration = Duration::from_secs(60 * 60);

/// Deletes questions and votes older than `days`, now and every hour, until the
/// runtime stops; failures are logged and retried at the next sweep.
pub fn keep_for(store: Store, days: u32) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut sweep = tokio::time::interval(RETENTION_SWEEP);
        loop {
            sweep.tick().await;
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            match store.forget_before(now - i64::from(days) * 86_400).await {
                Ok(0) => {}
                Ok(rows) => tracing::info!(rows, days, "forgot questions and votes past retention"),
                Err(error) => tracing::warn!(%error, "could not apply the retention period"),
            }
        }
    })
}

/// The key voters are hashed with: made once, on the first start against a database,
/// and then read by every instance.
async fn voter_key(pool: &AnyPool) -> Result<Vec<u8>, sqlx::Error> {
    let mut fresh = [0u8; 32];
    getrandom::fill(&mut fresh).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let fresh: String = fresh.iter().map(|b| format!("{b:02x}")).collect();
    sqlx::query(
        "INSERT INTO secrets (name, value) VALUES ('voter-key', $1) ON CONFLICT (name) DO NOTHING",
    )
    .bind(fresh)
    .execute(pool)
    .await?;
    let key: String = sqlx::query("SELECT value FROM secrets WHERE name = 'voter-key'")
        .fetch_one(pool)
        .await?
        .try_get("value")?;
    Ok(key.into_bytes())
}

/// The day of a moment, as stats count it ("2026-12-03").
fn day(at: i64) -> String {
    AsOf::from_unix_seconds(at).map_or_else(|| "1970-01-01".to_owned(), |d| d.iso())
}

/// A Discord id as the database's BIGINT: they fit, being under 2^63.
fn id(id: u64) -> i64 {
    i64::try_from(id).unwrap_or(i64::MAX)
}

/// The URL without its password, to show in errors and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redact("postgres://bot:s3cret@db:5432/ipwest"),
            "postgres://bot:***@db:5432/ipwest"
        );
        assert_eq!(redact("sqlite://ipwest.db"), "sqlite://ipwest.db");
        assert_eq!(
            redact("postgres://bot@db/ipwest"),
            "postgres://bot@db/ipwest"
        );
    }
}
