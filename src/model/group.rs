//! What matching makes of the claims: groups of claims that say the same
//! thing.

use serde::{Deserialize, Serialize};

/// Claims that say the same thing; every claim is in exactly one group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimGroup {
    /// The group's id, stable when unrelated articles are added.
    pub id: String,
    /// The ids of its member claims, in corpus order.
    pub claims: Vec<String>,
    /// The id of its most representative member (its text is
    /// [`Tracker::claim`](crate::Tracker::claim)`(id).text()`).
    pub canonical_claim: String,
    /// Why the group holds what it holds; empty unless the tracker was
    /// built with [`TrackerBuilder::evidence`](crate::TrackerBuilder::evidence).
    pub evidence: crate::matching::Evidence,
}
