//! The three tables read from YAML, driven by [`crate::format`]: every key
//! and column comes from there, so a row is added or renamed in one place.
//! Counts are parsed from the raw scalar so that each mistake gets its own
//! Chinese message; the fee is kept exactly as written.
//!
//! The tables' visitors ([`table_a`], [`table_b`], [`table_c`]) read rows of
//! counts ([`counts`]) made of single values ([`cells`]); problems with single
//! values are collected ([`deferred`]) and reported together by the loader.

mod cells;
mod counts;
mod deferred;
mod table_a;
mod table_b;
mod table_c;

pub(super) use deferred::take_deferred;
pub(super) use table_a::RawTableA;
pub(super) use table_b::RawTableB;
pub(super) use table_c::RawTableC;
