//! Plain data types shared by every stage of the pipeline.
//!
//! Nothing in this module does I/O or analysis: these are the nouns the
//! stages pass to each other (articles, spans, claims, and the attribution,
//! factuality, quantity and entity information that extraction fills in).

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A half-open range of byte offsets, `start..end`, into an article's
/// original text (the file exactly as read from disk, or a JSONL line's
/// `text` value).
///
/// Spans produced by this crate always lie on `char` boundaries of the text
/// they index, so [`Span::slice`] never fails on them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// Creates the span `start..end`.
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text this span covers in `text`, or `None` when the span is out
    /// of range or not on `char` boundaries.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(deserializer)?;
        if start > end {
            return Err(serde::de::Error::custom(format!("span start {start} is after its end {end}")));
        }
        Ok(Self { start, end })
    }
}

/// How much of a [`PartialDate`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum DatePrecision {
    /// Only the year is known (`2018`).
    Year,
    /// The year and month are known (`2020-07`).
    Month,
    /// The full calendar date is known (`2020-07-23`).
    Day,
}

/// A calendar date known to year, month or day precision.
///
/// Publication dates are often only partly known ("July 2020"); keeping the
/// precision lets later stages resolve "last year" against a year-only date
/// without inventing a month. Dates order chronologically, and a less
/// precise date sorts before the more precise dates it contains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    /// A year-precision date.
    pub fn from_year(year: i32) -> Self {
        Self { year, month: None, day: None }
    }

    /// A month-precision date, or `None` when `month` is not 1 to 12.
    pub fn year_month(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self { year, month: Some(month), day: None })
    }

    /// A day-precision date, or `None` when the date does not exist
    /// (`2021-02-30`).
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Self { year, month: Some(month), day: Some(day) })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    ///
    /// # Errors
    /// Returns a message saying what is wrong when the text has another
    /// shape or names a date that does not exist.
    ///
    /// # Examples
    /// ```
    /// use claimtrack::{DatePrecision, PartialDate};
    /// let d = PartialDate::parse("2020-07").unwrap();
    /// assert_eq!(d.precision(), DatePrecision::Month);
    /// assert_eq!(d.to_string(), "2020-07");
    /// assert!(PartialDate::parse("2021-02-30").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, String> {
        let shape = || format!("expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {text:?}");
        let mut parts = text.split('-');
        let year_text = parts.next().unwrap_or_default();
        let month_text = parts.next();
        let day_text = parts.next();
        if parts.next().is_some() {
            return Err(shape());
        }
        let number = |s: &str, width: usize| {
            (s.len() == width && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let year = number(year_text, 4).ok_or_else(shape)?;
        // Four ASCII digits always fit in an i32.
        let year = i32::try_from(year).map_err(|_| shape())?;
        let Some(month_text) = month_text else {
            return Ok(Self::from_year(year));
        };
        let month = number(month_text, 2).ok_or_else(shape)?;
        let month = u8::try_from(month).map_err(|_| shape())?;
        let Some(day_text) = day_text else {
            return Self::year_month(year, month)
                .ok_or_else(|| format!("month {month} does not exist in {text:?}"));
        };
        let day = number(day_text, 2).ok_or_else(shape)?;
        let day = u8::try_from(day).map_err(|_| shape())?;
        Self::ymd(year, month, day).ok_or_else(|| format!("{text:?} is not a calendar date"))
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month (1 to 12), when known.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, when known.
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// How much of the date is known.
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Days in `month` of `year` in the proleptic Gregorian calendar.
pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Bibliographic facts about an article, all optional: scraped input often
/// lacks some of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// The headline.
    pub title: Option<String>,
    /// The outlet that published this copy ("Global Research").
    pub outlet: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// When this copy was published, to the precision known.
    pub published: Option<PartialDate>,
    /// The language of the text, as a BCP 47 tag ("en").
    pub language: Option<String>,
    /// The outlet this copy republishes, when it is a republication
    /// ("The Jordan Times"). Republications are not independent sources.
    pub via: Option<String>,
}

/// Who a piece of text comes from: an outlet, a person, an organisation,
/// or an unnamed source.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// The name as best known ("The Jordan Times", "Wang Yi", "experts").
    pub name: String,
    /// What kind of source it is.
    pub kind: SourceKind,
}

impl Source {
    /// A news outlet.
    pub fn outlet(name: impl Into<String>) -> Self {
        Self { name: name.into(), kind: SourceKind::Outlet }
    }
}

/// What kind of thing a [`Source`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SourceKind {
    /// A news outlet or wire service.
    Outlet,
    /// A named person.
    Person,
    /// A government body, company or other organisation.
    Organisation,
    /// An unnamed source ("experts", "international sources").
    Unnamed,
}

/// One article: its identity, metadata and the exact text it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub(crate) id: String,
    pub(crate) path: Option<PathBuf>,
    pub(crate) meta: ArticleMeta,
    pub(crate) original: String,
    pub(crate) body: Span,
    pub(crate) first_body_line: usize,
    pub(crate) record_line: Option<usize>,
    /// The line that gave the article its id, for duplicate-id messages.
    pub(crate) id_line: usize,
}

impl Article {
    /// The article's id: the front-matter `id`, the JSONL `id`, or the
    /// file stem.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The file the article was read from, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Bibliographic metadata.
    pub fn meta(&self) -> &ArticleMeta {
        &self.meta
    }

    /// The text exactly as read: the whole file including any front
    /// matter, or the JSONL line's `text` value. Every [`Span`] of this
    /// article indexes into it.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The span of the body (the original without its front matter).
    pub fn body_span(&self) -> Span {
        self.body
    }

    /// The body text (the original without its front matter).
    pub fn body(&self) -> &str {
        self.body.slice(&self.original).unwrap_or_default()
    }

    /// The outlet that published this copy, if known.
    pub fn outlet(&self) -> Option<Source> {
        self.meta.outlet.as_ref().map(Source::outlet)
    }

    /// The 1-based line of the original text on which byte `offset` lies,
    /// counting front-matter lines, so it matches what an editor shows.
    pub fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.original.len());
        let before = self.original.as_bytes().get(..end).unwrap_or_default();
        1 + before.iter().filter(|&&b| b == b'\n').count()
    }

    /// The 1-based line on which the body starts.
    pub fn first_body_line(&self) -> usize {
        self.first_body_line
    }

    /// For an article read from JSONL, the line of its record in that file.
    pub fn record_line(&self) -> Option<usize> {
        self.record_line
    }
}

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
pub struct Entity {
    /// The canonical name all aliases resolve to ("China").
    pub name: String,
    /// What kind of thing it is.
    pub kind: EntityKind,
}

/// The smallest checkable statement in an article.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub(crate) id: String,
    pub(crate) article: String,
    pub(crate) span: Span,
    pub(crate) text: String,
    pub(crate) attribution: Option<Attribution>,
    pub(crate) factuality: Option<Factuality>,
    pub(crate) quantities: Vec<Quantity>,
    pub(crate) entities: Vec<Entity>,
    pub(crate) unresolved_dates: Vec<UnresolvedDate>,
}

impl Claim {
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
    /// article's text is unchanged (`"003_2ae25c5b15da7739/4"`).
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
        }
    }
}

/// A piece of an article that was not taken as a claim, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
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
pub struct UnresolvedDate {
    /// The expression as written.
    pub text: String,
    /// Where it is in the article's original text.
    pub span: Span,
}

/// Claims that say the same thing; every claim is in exactly one group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimGroup {
    /// The group's id, stable when unrelated articles are added.
    pub id: String,
    /// The ids of its member claims, in corpus order.
    pub claims: Vec<String>,
    /// The id of its most representative member.
    pub canonical: String,
    /// Why the group holds what it holds.
    pub evidence: crate::matching::Evidence,
}

/// A directed relation between two claim groups, with the claim pairs
/// behind it.
///
/// `from` and `to` are the same group when two of its own members
/// disagree (another amount for the same matter). For
/// [`RelationKind::Updates`], `from` is the later report and `to` the
/// earlier one it changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct Origin {
    /// The origin's name ("Wang Yi", "The Jordan Times").
    pub name: String,
    /// The claims that trace back to it.
    pub claims: Vec<String>,
    /// How the claims reached it, when through other outlets: the
    /// republications and relays that collapse onto this origin.
    pub via: Vec<String>,
}

/// One point in a group's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(PartialDate::parse("2018").unwrap().precision(), DatePrecision::Year);
        assert_eq!(PartialDate::parse("2020-07").unwrap().to_string(), "2020-07");
        assert_eq!(PartialDate::parse("2020-07-23").unwrap().to_string(), "2020-07-23");
        assert!(PartialDate::parse("2020-07").unwrap() < PartialDate::parse("2020-07-01").unwrap());
    }

    #[test]
    fn impossible_dates_are_refused() {
        insta::assert_snapshot!(PartialDate::parse("2021-02-30").unwrap_err(), @r#""2021-02-30" is not a calendar date"#);
        insta::assert_snapshot!(PartialDate::parse("2021-13").unwrap_err(), @r#"month 13 does not exist in "2021-13""#);
        insta::assert_snapshot!(PartialDate::parse("21-1-1").unwrap_err(), @r#"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found "21-1-1""#);
        assert!(PartialDate::parse("2020-02-29").is_ok());
        assert!(PartialDate::parse("1900-02-29").is_err());
        assert!(PartialDate::parse("2020-7-1").is_err());
        assert!(PartialDate::parse("").is_err());
    }

    #[test]
    fn factuality_is_written_as_in_factbank() {
        let f = Factuality { certainty: Certainty::Underspecified, polarity: Polarity::Unknown };
        assert_eq!(f.to_string(), "Uu");
        let f = Factuality { certainty: Certainty::Probable, polarity: Polarity::Negative };
        assert_eq!(f.to_string(), "PR-");
    }

    #[test]
    fn line_numbers_count_from_one() {
        let article = Article {
            id: "a".into(),
            path: None,
            meta: ArticleMeta::default(),
            original: "one\ntwo\nthree".into(),
            body: Span::new(0, 13),
            first_body_line: 1,
            record_line: None,
            id_line: 1,
        };
        assert_eq!(article.line_of(0), 1);
        assert_eq!(article.line_of(4), 2);
        assert_eq!(article.line_of(100), 3);
    }
}
