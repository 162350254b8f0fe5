//! claimtrack tracks the claims made in news articles: what is claimed,
//! who says it and how surely, which articles say the same thing in other
//! words, and where sources agree, contradict each other, or change their
//! story over time.
//!
//! # Quick start
//!
//! ```
//! use claimtrack::{Corpus, Tracker, report};
//!
//! // Read the bundled corpus: Markdown or plain-text files with YAML
//! // front matter, or JSONL records.
//! let corpus = Corpus::load([concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")])?;
//! let tracker = Tracker::new(corpus);
//!
//! // Every claim points back into the file it came from.
//! let claim = &tracker.claims()[0];
//! let article = tracker.corpus().get(claim.article()).unwrap();
//! assert!(claim.span().slice(article.original()).is_some());
//!
//! // The same results as the `claimtrack/1` JSON document.
//! let json = report::json::Document::new(&tracker).to_json();
//! assert!(json.contains("\"schema\": \"claimtrack/1\""));
//! # Ok::<(), claimtrack::Error>(())
//! ```
//!
//! Articles can come from memory as well, and a program can teach the
//! tracker its own entities:
//!
//! ```
//! use claimtrack::{Article, ArticleMeta, Corpus, EntityKind, EntityTable, Loader, TrackerBuilder};
//!
//! let mut corpus = Corpus::new();
//! // One article made in memory, with its metadata set directly.
//! let meta = ArticleMeta::default().outlet("Reuters: World News");
//! corpus.insert(Article::new("r1", meta, "Acme Corp signed the supply deal with Borealis on Monday.")?)?;
//! // JSONL records from any reader: standard input, a socket, a string.
//! let feed = r#"{"id": "f1", "outlet": "Daily", "text": "Acme Corp denied that it signed the supply deal with Borealis."}"#;
//! let report = Loader::new().load_jsonl(&mut corpus, "feed", feed.as_bytes());
//! assert!(report.is_ok(), "{:?}", report.errors);
//!
//! // The built-in entities and one of the program's own.
//! let mut entities = EntityTable::builtin();
//! entities.add("Acme Corporation", EntityKind::Organisation, ["Acme Corp", "Acme"])?;
//! let tracker = TrackerBuilder::default().entities(entities).build(corpus);
//! let claim = tracker.claims_of("f1").next().expect("a claim");
//! assert!(claim.entities().iter().any(|e| e.name == "Acme Corporation"));
//! let group = tracker.group_of(claim.id()).expect("grouped");
//! let assessment = tracker.assessment(&group.id).expect("assessed");
//! println!("{}: {} ({})", claim.text(), assessment.verdict, assessment.reason);
//! for relation in tracker.relations_of(&group.id) {
//!     println!("  {:?} {} -> {}: {}", relation.kind, relation.from, relation.to, relation.reason);
//! }
//! # Ok::<(), claimtrack::Error>(())
//! ```
//!
//! # Main types
//!
//! - [`Corpus`] and [`Loader`] read articles ([`Article`]) from files,
//!   directories and JSONL, with their metadata ([`ArticleMeta`]).
//! - [`Extractor`] turns an article into [`Claim`]s, each with a [`Span`]
//!   into the original text.
//! - [`Matcher`] groups the claims that say the same thing, with the
//!   evidence for every decision ([`matching`]).
//! - [`analysis`] relates the groups ([`Relation`]: supports, contradicts,
//!   updates), traces each claim to its independent [`Origin`], and gives
//!   each group an [`Assessment`]: a [`Verdict`] with its reason, a
//!   factuality summary and a timeline.
//! - [`Tracker`] runs the pipeline and holds claims, groups
//!   ([`ClaimGroup`]), relations and assessments, and answers queries
//!   ([`Tracker::query`]).
//! - [`report`] renders results as Markdown, the `claimtrack/1` JSON (or
//!   JSON Lines), CSV, Graphviz DOT or schema.org ClaimReview.
//!
//! # Factuality codes
//!
//! How surely a source asserts a claim, as FactBank (Saurí and
//! Pustejovsky 2009) writes it, a certainty then a polarity, in the
//! Markdown, CSV and JSON:
//!
//! | code | meaning |
//! |---|---|
//! | `CT+` | certainly so: "the two sides signed the deal" |
//! | `PR+` | probably so: "the deal is likely to be signed" |
//! | `PS+` | possibly so: "the deal may be signed" |
//! | `CT-` | certainly not: "the deal was not signed" |
//! | `PR-` | probably not: "the deal is unlikely to be signed" |
//! | `PS-` | possibly not: "the deal may not be signed" |
//! | `CTu` | certain, but the polarity is not known |
//! | `Uu` | the source does not commit: "it is unclear whether the deal was signed" |
//!
//! # What it does not do
//!
//! claimtrack does not fetch articles from the web, and it does not judge
//! whether a claim is true: it reports who says what, how surely, and how
//! the sources relate.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod analysis;
mod corpus;
mod error;
mod extract;
mod hash;
pub mod matching;
mod model;
pub mod report;
mod state;
pub mod synthetic;
mod tracker;

pub use corpus::{BlockKind, Corpus, DEFAULT_MAX_FILE_SIZE, LoadReport, Loader, MAX_ARTICLE_SIZE, TextBlock};
pub use error::{Error, Location, Result};
pub use extract::{EntityTable, Extraction, Extractor};
pub use matching::{Grouping, MatchConfig, Matcher, PairFeatures, Scorer};
pub use model::{
    Article, ArticleMeta, Assessment, Attribution, AttributionMode, Certainty, Claim, ClaimGroup, ClaimPair,
    ContradictionType, DatePrecision, Entity, EntityKind, Fact, FactKind, FactValue, Factuality,
    FactualitySummary, Origin, PartialDate, Polarity, Quantity, QuantityKind, QuantityValue, Relation,
    RelationKind, Retired, SkipReason, Skipped, Source, SourceKind, Span, TimelineEntry, UnreadAmount,
    UnresolvedDate, Verdict,
};
pub use state::{STATE_FORMAT, STATE_VERSION, State, StoredGroup, write_atomically};
pub use tracker::{QUERY_FLOOR, QueryHit, Tracker, TrackerBuilder};

/// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
