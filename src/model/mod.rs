//! Plain data types shared by every stage of the pipeline, one file per
//! stage that produces them.
//!
//! Nothing in this module does I/O or analysis: these are the nouns the
//! stages pass to each other.
//!
//! - `corpus`: what ingest reads: articles, their metadata, spans
//!   and dates;
//! - `claim`: what extraction finds in them: claims with their
//!   attribution, factuality, quantities, entities and facts;
//! - `group`: what matching makes of the claims: groups;
//! - `analysis`: what the analysis says of the groups: relations,
//!   verdicts, origins and timelines.

mod analysis;
mod claim;
mod corpus;
mod group;

pub use analysis::*;
pub use claim::*;
pub use corpus::*;
pub use group::*;
