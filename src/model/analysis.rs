//! What the analysis says of the groups: relations between them, and a
//! verdict, origins and a timeline for each.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::PartialDate;

/// A directed relation between two claim groups, with the claim pairs
/// behind it.
///
/// `from` and `to` are the same group when two of its own members
/// disagree (another amount for the same matter). For
/// [`RelationKind::Updates`], `from` is the later report and `to` the
/// earlier one it changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Relation {
    /// The group the relation starts from.
    pub from: String,
    /// The group it points to.
    pub to: String,
    /// What the relation is.
    pub kind: RelationKind,
    /// For a contradiction, what kind of contradiction.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub contradiction: Option<ContradictionType>,
    /// Why, in words a person can read.
    pub reason: String,
    /// The claim pairs behind it, the strongest first.
    pub pairs: Vec<ClaimPair>,
}

/// One pair of claims behind a [`Relation`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimPair {
    /// The claim on the relation's `from` side.
    pub from: String,
    /// The claim on its `to` side.
    pub to: String,
    /// Why this pair relates as it does.
    pub reason: String,
}

/// The kind of a [`Relation`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RelationKind {
    /// The same claim with compatible values.
    Supports,
    /// Incompatible claims about the same matter at the same time.
    Contradicts,
    /// A later report changes the status of the same matter.
    Updates,
}

impl RelationKind {
    /// The kind's name, as in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Supports => "supports",
            RelationKind::Contradicts => "contradicts",
            RelationKind::Updates => "updates",
        }
    }
}

/// How two claims contradict each other, after de Marneffe, Rafferty and
/// Manning (2008), "Finding contradictions in text".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ContradictionType {
    /// The same slot holds amounts that differ beyond the tolerance.
    Numeric,
    /// The same event is dated differently.
    Date,
    /// One asserts what the other negates or denies.
    Polarity,
    /// One says it is done, the other that it is only expected or under
    /// way, at the same time.
    Modality,
    /// Opposite words for the same relation ("non-aligned" vs "close
    /// ties").
    Antonymy,
    /// The same event with another party in one of its roles: rival
    /// accounts of who did it ("the rebels shot it down", "Ukrainian
    /// forces did"), or of who is to blame.
    Structure,
}

impl ContradictionType {
    /// The type's name, as in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            ContradictionType::Numeric => "numeric",
            ContradictionType::Date => "date",
            ContradictionType::Polarity => "polarity",
            ContradictionType::Modality => "modality",
            ContradictionType::Antonymy => "antonymy",
            ContradictionType::Structure => "structure",
        }
    }
}

/// What the sources, taken together, make of a group of claims.
///
/// When several apply, the first in declaration order is the verdict:
/// a denial outweighs a dispute, which outweighs an update, and so on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Verdict {
    /// A party to the claim denies it.
    Denied,
    /// A contradicting claim exists.
    Disputed,
    /// A later report changes its status (talks, then a signature).
    Superseded,
    /// Two or more independent origins, no contradiction.
    Corroborated,
    /// One origin, and no outlet asserts it in its own voice: every
    /// report attributes it to someone else.
    AttributedOnly,
    /// One origin, however many outlets carry it.
    SingleSource,
}

impl Verdict {
    /// The verdict's name, as in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Denied => "denied",
            Verdict::Disputed => "disputed",
            Verdict::Superseded => "superseded",
            Verdict::Corroborated => "corroborated",
            Verdict::AttributedOnly => "attributed-only",
            Verdict::SingleSource => "single-source",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How surely a group's claims are made, over all its members.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FactualitySummary {
    /// Every member is asserted as certain (`CT`).
    Certain,
    /// No member is certain: all are probable, possible or underspecified.
    Hedged,
    /// Some members are certain and some are not.
    Mixed,
}

impl FactualitySummary {
    /// The summary's name, as in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            FactualitySummary::Certain => "certain",
            FactualitySummary::Hedged => "hedged",
            FactualitySummary::Mixed => "mixed",
        }
    }
}

/// One independent origin of a group's claims: the person or body whose
/// statement it is, or the outlet that first published it in its own
/// voice.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Origin {
    /// The origin's name ("Wang Yi", "The Jordan Times").
    pub name: String,
    /// The claims that trace back to it.
    pub claims: Vec<String>,
    /// How the claims reached it, when through other outlets: the
    /// republications and relays that collapse onto this origin; left
    /// out of JSON when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
}

/// One point in a group's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TimelineEntry {
    /// The article's publication date, when known.
    pub date: Option<PartialDate>,
    /// The article.
    pub article: String,
    /// Its first claim at this point.
    pub claim: String,
    /// What the article does: `reports` the claim, `contradicts` it or
    /// `updates` it.
    pub event: String,
    /// The group's verdict counting every entry up to this one.
    pub status: Verdict,
}

/// What the analysis found about one group: its verdict with the reason,
/// its origins, its factuality and its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Assessment {
    /// The group.
    pub group: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Why, in words a person can read.
    pub reason: String,
    /// How surely the members are made.
    pub factuality: FactualitySummary,
    /// The independent origins, by name.
    pub origins: Vec<Origin>,
    /// When each source first reported it, and the status at each point.
    pub timeline: Vec<TimelineEntry>,
}

impl Assessment {
    /// The number of independent origins.
    pub fn independent_sources(&self) -> usize {
        self.origins.len()
    }
}
