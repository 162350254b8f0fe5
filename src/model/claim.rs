//! What extraction finds in an article: claims, with who says them, how
//! surely, and the quantities, entities and facts they state.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{PartialDate, Span};

/// How a claim reached the article: said by someone (quoted or reported)
/// or asserted in the outlet's own voice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AttributionMode {
    /// A direct quotation.
    Direct,
    /// Reported speech ("X said that ...").
    Indirect,
    /// The outlet asserts it itself.
    OwnVoice,
}

impl AttributionMode {
    /// The mode's name, as in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionMode::Direct => "direct",
            AttributionMode::Indirect => "indirect",
            AttributionMode::OwnVoice => "own_voice",
        }
    }
}

/// Who a claim is attributed to, FactBank-style: a chain of sources from
/// the outlet down to the speaker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Attribution {
    /// The innermost source ("Wang Yi"), or `None` in the outlet's own voice.
    pub speaker: Option<String>,
    /// The nesting of sources, outermost first (outlet, relay, speaker).
    pub chain: Vec<String>,
    /// The words that mark the attribution ("said", "according to").
    pub cue: Option<String>,
    /// Direct, indirect, or the outlet's own voice.
    pub mode: AttributionMode,
}

/// Certainty of an event according to its source (FactBank's scale).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Certainty {
    /// Certain (`CT`).
    Certain,
    /// Probable (`PR`).
    Probable,
    /// Possible (`PS`).
    Possible,
    /// Underspecified (`U`).
    Underspecified,
}

/// Polarity of an event according to its source (FactBank's scale).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Polarity {
    /// Asserted to happen or hold (`+`).
    Positive,
    /// Asserted not to happen or hold (`-`).
    Negative,
    /// Unknown or uncommitted (`u`).
    Unknown,
}

/// FactBank factuality value: certainty combined with polarity, written
/// `CT+`, `PR-`, `Uu` and so on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub struct Factuality {
    /// How certain the source is.
    pub certainty: Certainty,
    /// Whether the source asserts or denies it.
    pub polarity: Polarity,
}

impl fmt::Display for Factuality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let certainty = match self.certainty {
            Certainty::Certain => "CT",
            Certainty::Probable => "PR",
            Certainty::Possible => "PS",
            Certainty::Underspecified => "U",
        };
        let polarity = match self.polarity {
            Polarity::Positive => "+",
            Polarity::Negative => "-",
            Polarity::Unknown => "u",
        };
        write!(f, "{certainty}{polarity}")
    }
}

impl Serialize for Factuality {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl std::str::FromStr for Factuality {
    type Err = String;

    /// Reads a value as [`Factuality`]'s `Display` writes it (`CT+`, `Uu`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("{text:?} is not a FactBank value (CT+, PR-, Uu ...)");
        let (certainty, rest) = [
            ("CT", Certainty::Certain),
            ("PR", Certainty::Probable),
            ("PS", Certainty::Possible),
            ("U", Certainty::Underspecified),
        ]
        .into_iter()
        .find_map(|(prefix, c)| text.strip_prefix(prefix).map(|rest| (c, rest)))
        .ok_or_else(bad)?;
        let polarity = match rest {
            "+" => Polarity::Positive,
            "-" => Polarity::Negative,
            "u" => Polarity::Unknown,
            _ => return Err(bad()),
        };
        Ok(Self { certainty, polarity })
    }
}

impl<'de> Deserialize<'de> for Factuality {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// What a [`Quantity`] measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuantityKind {
    /// An amount of money; the unit is an ISO 4217 code.
    Money,
    /// A percentage.
    Percent,
    /// A length of time; the unit is a calendar unit ("year", "day").
    Duration,
    /// A count of things; the unit names them.
    Count,
    /// A calendar date.
    Date,
}

/// The normalized value of a [`Quantity`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum QuantityValue {
    /// A number (4e11 for "$400bn").
    Number(f64),
    /// A date, to the precision known.
    Date(PartialDate),
}

/// An amount, duration, count or date found in a claim, normalized.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Quantity {
    /// What is measured.
    pub kind: QuantityKind,
    /// The normalized value.
    pub value: QuantityValue,
    /// The unit ("USD", "percent", "year").
    pub unit: String,
    /// The text the value was read from.
    pub text: String,
    /// Where that text is in the article's original.
    pub span: Span,
    /// A bound the text puts on the value: `up_to`, `about`, `nearly`,
    /// `more_than`, `at_least` or `less_than`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<String>,
}

/// What a [`Fact`] says of its matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FactKind {
    /// Something happened, or is happening, or not: a status reached
    /// ("signed", "under negotiation"), a denial.
    Event,
    /// A measure has a value: a death toll, a flow rate, a price, a share.
    Measure,
}

/// The value a [`Fact`] gives a measure, as stated: a point (`low` and
/// `high` equal), a range ("12,000 to 19,000"), or a bound ("less than
/// 5%" has no `low`, "more than 40,000" no `high`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FactValue {
    /// Money, percent, count or duration.
    pub kind: QuantityKind,
    /// The smallest value stated, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// The largest value stated, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// `about` or `nearly` when the text hedges the figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<String>,
    /// The text it was read from.
    pub text: String,
}

/// One fact a claim states, in the shape of a Wikidata statement (item,
/// property, value, qualifiers) with FactBank's source and polarity: what
/// it is about, what is said of it, the value, when it holds and who says
/// it. "MH17 crashed on July 17, 2014, killing all 298 people aboard"
/// states an event (crashed) and a measure (298 people).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Fact {
    /// Event or measure.
    pub kind: FactKind,
    /// What is said: for an event its status ("done", "under
    /// negotiation") or `denied`; for a measure what it counts, in a
    /// normalized unit: a currency code, `percent`, a calendar unit, or
    /// the counted noun (`barrel/day` for a daily rate, `person` for
    /// people counted by any noun).
    pub predicate: String,
    /// Where it is stated in the article's original text: the figure, or
    /// the word that names the event.
    pub span: Span,
    /// What it is about: the first person, country or organisation the
    /// claim names that is not who says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// A measure's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<FactValue>,
    /// Whether the claim asserts it or its negation.
    pub polarity: Polarity,
    /// When it holds: the first date the claim names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holds: Option<PartialDate>,
    /// Who says it; `None` in the outlet's own voice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
}

/// What kind of thing an [`Entity`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntityKind {
    /// A person.
    Person,
    /// A country or its government.
    Country,
    /// An organisation.
    Organisation,
    /// A place that is not a country.
    Place,
}

/// A person, country, organisation or place, under its canonical name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Entity {
    /// The canonical name all aliases resolve to ("China").
    pub name: String,
    /// What kind of thing it is.
    pub kind: EntityKind,
}

/// The smallest checkable statement in an article.
///
/// It serializes with every field, as a saved state keeps it; a
/// deserialized claim is only as sound as its source, so the state checks
/// its spans against the article before using it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub(crate) id: String,
    pub(crate) article: String,
    pub(crate) span: Span,
    pub(crate) text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) attribution: Option<Attribution>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) factuality: Option<Factuality>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) quantities: Vec<Quantity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) entities: Vec<Entity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) unresolved_dates: Vec<UnresolvedDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) unread_amounts: Vec<UnreadAmount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) facts: Vec<Fact>,
}

impl Claim {
    /// Frees the spare room of its lists.
    pub(crate) fn shrink_to_fit(&mut self) {
        if let Some(a) = &mut self.attribution {
            a.chain.shrink_to_fit();
        }
        self.quantities.shrink_to_fit();
        self.entities.shrink_to_fit();
        self.unresolved_dates.shrink_to_fit();
        self.unread_amounts.shrink_to_fit();
        self.facts.shrink_to_fit();
    }

    /// Creates a claim with only its identity, place and text; the
    /// attribution, factuality, quantities and entities are left for
    /// extraction to fill in.
    pub fn new(
        id: impl Into<String>,
        article: impl Into<String>,
        span: Span,
        text: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            article: article.into(),
            span,
            text: text.into(),
            attribution: None,
            factuality: None,
            quantities: Vec::new(),
            entities: Vec::new(),
            unresolved_dates: Vec::new(),
            unread_amounts: Vec::new(),
            facts: Vec::new(),
        }
    }

    /// The claim with these entities (canonical, as extraction gives them).
    pub fn with_entities(mut self, entities: Vec<Entity>) -> Self {
        self.entities = entities;
        self
    }

    /// The claim with these normalized quantities.
    pub fn with_quantities(mut self, quantities: Vec<Quantity>) -> Self {
        self.quantities = quantities;
        self
    }

    /// The claim's id, unique in a corpus and stable as long as its
    /// article's text is unchanged (`"003_2ae25c5b15da7739#4"`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The id of the article the claim is made in.
    pub fn article(&self) -> &str {
        &self.article
    }

    /// Where the claim is in the article's original text.
    pub fn span(&self) -> Span {
        self.span
    }

    /// The claim's clean text: markup removed, whitespace folded.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Who the claim is attributed to, once extraction has looked.
    pub fn attribution(&self) -> Option<&Attribution> {
        self.attribution.as_ref()
    }

    /// How surely the source asserts it, once extraction has looked.
    pub fn factuality(&self) -> Option<Factuality> {
        self.factuality
    }

    /// Amounts, durations, counts and dates in the claim.
    pub fn quantities(&self) -> &[Quantity] {
        &self.quantities
    }

    /// Entities the claim mentions, under their canonical names.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Date expressions the publication date could not resolve.
    pub fn unresolved_dates(&self) -> &[UnresolvedDate] {
        &self.unresolved_dates
    }

    /// Amounts too large to represent, left as text.
    pub fn unread_amounts(&self) -> &[UnreadAmount] {
        &self.unread_amounts
    }

    /// The facts the claim states, once extraction has read them.
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }
}

/// Why a piece of text was not taken as a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SkipReason {
    /// The article's headline, or a repeat of it.
    Headline,
    /// A section heading or kicker: a short line without final punctuation.
    Heading,
    /// A photo caption.
    Caption,
    /// A photo or source credit ("Getty Images", "(Photo: ...)").
    Credit,
    /// A byline ("By Michael Jansen").
    Byline,
    /// A dateline or date stamp ("Global Research, July 23, 2020").
    Dateline,
    /// Share buttons, footers, disclaimers, copyright notices.
    Boilerplate,
    /// A bare list of names or tags ("Region: Asia, Middle East").
    List,
    /// A bare link or handle.
    Link,
    /// A piece too short to check ("She writes,", "RT").
    Fragment,
    /// An article body that holds no sentence at all (only rules,
    /// bullets, punctuation): the whole body, so the article is not
    /// silently empty.
    NoSentence,
}

impl SkipReason {
    /// The reason's name, as in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Headline => "headline",
            SkipReason::Heading => "heading",
            SkipReason::Caption => "caption",
            SkipReason::Credit => "credit",
            SkipReason::Byline => "byline",
            SkipReason::Dateline => "dateline",
            SkipReason::Boilerplate => "boilerplate",
            SkipReason::List => "list",
            SkipReason::Link => "link",
            SkipReason::Fragment => "fragment",
            SkipReason::NoSentence => "no_sentence",
        }
    }
}

/// A piece of an article that was not taken as a claim, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Skipped {
    /// The article's id.
    pub article: String,
    /// Where the piece is in the article's original text.
    pub span: Span,
    /// Its clean text.
    pub text: String,
    /// Why it is not a claim.
    pub reason: SkipReason,
}

/// A date expression that the publication date is not precise enough to
/// resolve ("Friday" in an article dated only July 2020). It stays text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UnresolvedDate {
    /// The expression as written.
    pub text: String,
    /// Where it is in the article's original text.
    pub span: Span,
}

/// An amount too large to represent ("$" and 400 nines): it stays text,
/// and is not read as a quantity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UnreadAmount {
    /// The amount as written.
    pub text: String,
    /// Where it is in the article's original text.
    pub span: Span,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factuality_is_written_as_in_factbank() {
        let f = Factuality { certainty: Certainty::Underspecified, polarity: Polarity::Unknown };
        assert_eq!(f.to_string(), "Uu");
        let f = Factuality { certainty: Certainty::Probable, polarity: Polarity::Negative };
        assert_eq!(f.to_string(), "PR-");
        for text in ["CT+", "CT-", "PR+", "PS-", "Uu", "CTu"] {
            assert_eq!(text.parse::<Factuality>().map(|f| f.to_string()), Ok(text.to_owned()));
        }
        for text in ["", "CT", "U+-", "XX+", "ct+"] {
            assert!(text.parse::<Factuality>().is_err(), "{text:?}");
        }
    }
}
