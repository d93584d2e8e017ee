//! ipwest answers questions about intellectual property in western China from a
//! curated fact base.
pub mod facts;
