//! Reports: the readable Markdown report and the `claimtrack/1` JSON
//! document.
//!
//! Invariants: reports only read a [`Tracker`](crate::Tracker); they never
//! change results. Output is deterministic: the same tracker gives
//! byte-identical text.

pub mod json;
mod text;

pub use text::{MarkdownOptions, markdown, markdown_with, query_markdown};
