//! ipwest answers questions about intellectual property in western China from a
//! curated fact base, citing the source and the date each figure refers to, and says
//! plainly when it does not know.
//!
//! A question flows one way: transport → [`command::Command`] → [`Engine`] →
//! [`reply::Reply`] → transport, and what is worth remembering flows out afterwards:
//! reply → [`store::Event`]s → [`store`]. The I/O is at the edges: [`console`],
//! [`data::read_dir`], [`live`] (reloading), [`store`] (the database), and the Discord
//! gateway and endpoint; everything else is pure, so every transport calls the same
//! code.
//!
//! # Layout
//!
//! - [`facts`]: the fact base's model (facts, figures, sources, synonyms) and its
//!   loading, which reports every problem at once with file, line and column.
//! - [`data`]: where the fact base comes from: the copy compiled into the binary, or a
//!   directory.
//! - [`matcher`]: normalisation, the typo index, the inverted index and the scoring
//!   with its named weights and gates.
//! - [`engine`]: a fact base with its matcher, and the verdict for a question
//!   ([`Outcome`]: answer, "did you mean", or unknown).
//! - [`command`]: the commands (`/ask`, `/fact`, `/place` …), transport-neutral: one
//!   file each with its registration and its run, answered with a [`reply::Reply`].
//! - [`live`]: the engine in use, reloaded on SIGHUP and when the data files change.
//! - [`reply`]: what the user sees, as plain data.
//! - [`lang`] and [`ui`]: the language of a reply (English, or Chinese in Simplified
//!   or Traditional characters) and the catalogue of every string the bot shows.
//! - [`settings`]: each server's settings, as its admins set them with `/settings`.
//! - [`store`]: what the bot remembers (replies served, questions, votes) in SQLite
//!   or PostgreSQL, written after each reply through a bounded buffer.
//! - [`report`]: the store read for admins: gaps, feedback, stats.
//! - [`limits`]: Discord's limits, which facts are checked against and replies cut to.
//! - [`console`]: the console transport: text, JSON lines, the prompt.
//! - [`web`]: the web pages (search, facts, charts; the admin's gaps, feedback and
//!   stats), one axum router served alone or beside the Discord transports.
//! - [`chart`]: figures that compare, drawn by plotters as SVG and PNG.
//!
//! # Why the matcher abstains
//!
//! Similarity alone cannot tell "how many patents does western China have" from "how
//! many patents does eastern China have". So a fact's confidence is its coverage of the
//! question times gates that check that what the question asks for (its place, the kind
//! of figure, the thing counted, the year) is what the fact states; see
//! `src/matcher/score.rs`.

pub mod chart;
pub mod command;
pub mod config;
pub mod console;
pub mod data;
pub mod discord;
pub mod engine;
pub mod facts;
mod hash;
pub mod lang;
pub mod limits;
pub mod live;
pub mod lookup;
pub mod matcher;
pub mod reply;
pub mod report;
pub mod settings;
pub mod store;
pub mod ui;
pub mod web;

pub use engine::{Engine, Outcome};
