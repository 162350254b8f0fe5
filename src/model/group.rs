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

/// A claim an article no longer makes: the saved version of the article
/// made it, and an edited version replaced that one
/// ([`Corpus::replace`](crate::Corpus::replace)). It is in no group; the
/// group it was in shows the retraction in its timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Retired {
    /// The claim's id in the replaced version (the edited version's claims
    /// may reuse it).
    pub claim: String,
    /// The article.
    pub article: String,
    /// The claim's text.
    pub text: String,
    /// The group it was retired from.
    pub group: String,
    /// The edited version's publication date, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<crate::model::PartialDate>,
}
