//! ipwest answers questions about intellectual property in western China from a
//! curated fact base.
pub mod console;
pub mod data;
pub mod engine;
pub mod facts;
pub mod matcher;
pub mod reply;

pub use engine::{Engine, Outcome};
