//! Reports: the readable Markdown report, the `claimtrack/1` JSON
//! document, and CSV, Graphviz DOT and schema.org ClaimReview JSON-LD.
//!
//! Invariants: reports only read a [`Tracker`](crate::Tracker); they never
//! change results. Output is deterministic: the same tracker gives
//! byte-identical text.

mod interop;
pub mod json;
mod text;

pub use interop::{CSV_COLUMNS, ClaimReviewOptions, claimreview, claimreview_with, csv, dot, review_words};
pub use text::{MarkdownOptions, markdown, markdown_with, query_markdown};
