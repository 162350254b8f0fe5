//! What ingest reads: articles, their metadata, spans and dates.

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
    /// The years a date may have: four digits, as `YYYY` writes them ("last
    /// year" in an article dated 0000 is no date at all).
    pub const YEARS: std::ops::RangeInclusive<i32> = 0..=9999;

    /// A year-precision date, or `None` for a year outside
    /// [`PartialDate::YEARS`].
    pub fn from_year(year: i32) -> Option<Self> {
        Self::YEARS.contains(&year).then_some(Self { year, month: None, day: None })
    }

    /// A month-precision date, or `None` when `month` is not 1 to 12 or
    /// the year is outside [`PartialDate::YEARS`].
    pub fn year_month(year: i32, month: u8) -> Option<Self> {
        let valid = Self::YEARS.contains(&year) && (1..=12).contains(&month);
        valid.then_some(Self { year, month: Some(month), day: None })
    }

    /// A day-precision date, or `None` when the date does not exist
    /// (`2021-02-30`) or the year is outside [`PartialDate::YEARS`].
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = Self::YEARS.contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
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
            return Self::from_year(year).ok_or_else(shape);
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
#[non_exhaustive]
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
    /// Fields claimtrack does not read (`tags`, `categories`), each with
    /// its value as written, in JSON: kept, never a reason to drop the
    /// article.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub extra: std::collections::BTreeMap<String, String>,
}

/// Setters that chain, since the struct is `#[non_exhaustive]` (a field
/// added later breaks no caller): `ArticleMeta::default().outlet("Reuters")`.
impl ArticleMeta {
    /// With this headline.
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// With this outlet.
    #[must_use]
    pub fn outlet(mut self, outlet: impl Into<String>) -> Self {
        self.outlet = Some(outlet.into());
        self
    }

    /// With this byline.
    #[must_use]
    pub fn author(mut self, author: impl Into<String>) -> Self {
        self.author = Some(author.into());
        self
    }

    /// With this address.
    #[must_use]
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// With this publication date.
    #[must_use]
    pub fn published(mut self, published: PartialDate) -> Self {
        self.published = Some(published);
        self
    }

    /// With this language (a BCP 47 tag).
    #[must_use]
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// As a republication of `via`.
    #[must_use]
    pub fn via(mut self, via: impl Into<String>) -> Self {
        self.via = Some(via.into());
        self
    }
}

/// Who a piece of text comes from: an outlet, a person, an organisation,
/// or an unnamed source.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
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
    /// Where each line of `original` starts, worked out on first use.
    pub(crate) lines: LineStarts,
}

/// The byte offsets at which the lines of a text start, made on first
/// use, so that finding the line of many offsets is a binary search each
/// rather than a count from the top. A cache: equal whatever it holds.
#[derive(Clone, Debug, Default)]
pub(crate) struct LineStarts(std::sync::OnceLock<Vec<u32>>);

impl LineStarts {
    /// The 1-based line of `text` on which byte `offset` lies.
    fn line_of(&self, text: &str, offset: usize) -> usize {
        // Offsets fit in 32 bits: an article is at most `MAX_ARTICLE_SIZE`.
        let starts = self.0.get_or_init(|| {
            std::iter::once(0)
                .chain(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1))
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect()
        });
        // Lines starting at or before `offset`; a newline at `offset` is
        // still on the line it ends.
        starts.partition_point(|&start| start as usize <= offset)
    }
}

impl PartialEq for LineStarts {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LineStarts {}

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
        self.lines.line_of(&self.original, offset.min(self.original.len()))
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
            lines: LineStarts::default(),
        };
        assert_eq!(article.line_of(0), 1);
        assert_eq!(article.line_of(3), 1, "a newline is on the line it ends");
        assert_eq!(article.line_of(4), 2);
        assert_eq!(article.line_of(100), 3);
    }
}
