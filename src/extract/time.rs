//! Dates: absolute ("27 March 2021", "July 21, 2020", "January 2016",
//! "in 2016") and relative ("last year", "Friday", "last August", "earlier
//! this month"), resolved against the article's publication date to the
//! precision that date allows. What cannot be resolved stays text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{DatePrecision, PartialDate};

/// Month names in lowercase, January first.
const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month abbreviations written with a full stop ("Jan."); May has none.
pub(crate) const MONTH_ABBREVIATIONS: &[&str] =
    &["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];

/// Whether a word names a month in full, in any case.
pub(crate) fn is_month_name(word: &str) -> bool {
    MONTH_NAMES.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// Whether a word names a month, in full or abbreviated, in any case.
pub(crate) fn is_month_word(word: &str) -> bool {
    is_month_name(word) || MONTH_ABBREVIATIONS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// Day names, Sunday first.
const WEEKDAY_NAMES: [&str; 7] =
    ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/// Whether a word names a day of the week, in any case.
pub(crate) fn is_weekday(word: &str) -> bool {
    WEEKDAY_NAMES.iter().any(|d| d.eq_ignore_ascii_case(word))
}

/// A date expression found in clean text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The resolved date, or `None` when the publication date is not
    /// precise enough to resolve it.
    pub(crate) date: Option<PartialDate>,
    pub(crate) range: Range<usize>,
}

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?P<md>(?P<md_m>{MONTH})\s?(?P<md_d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s(?P<md_y>[0-9]{{4}})(?-u:\b))?)
      | (?P<dm>(?-u:\b)(?P<dm_d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s(?P<dm_m>{MONTH})(?:,?\s(?P<dm_y>[0-9]{{4}})(?-u:\b))?)
      | (?P<my>(?P<my_m>{MONTH})\s(?P<my_y>[0-9]{{4}})(?-u:\b))
      | (?P<lm>(?-u:\b)(?i:last)\s(?P<lm_m>{MONTH}))
      | (?P<m>(?-u:\b)(?i:(?P<m_mod>in\s(?:early|mid|late)|early|mid|late|in|since|by|until|this|next)[\s-])(?P<m_m>{MONTH})(?:\s(?P<m_y>[0-9]{{4}}))?(?-u:\b))
      | (?P<range>(?-u:\b)(?P<r_a>1[5-9][0-9][0-9]|20[0-9][0-9])[-–](?P<r_b>[0-9]{{4}}|[0-9]{{2}})(?-u:\b))
      | (?P<rel>(?-u:\b)(?i:(?:late|early|mid-?)\s?)?(?i:(?P<rel_w>last|this|next|earlier\sthis|later\sthis|earlier\slast))\s(?P<rel_u>(?i:year|month|week|summer|winter|spring|autumn|fall))(?-u:\b))
      | (?P<day>(?-u:\b)(?i:yesterday|today|tomorrow)(?-u:\b))
      | (?P<wd>(?-u:\b)(?:(?i:(?P<wd_w>last|next|this))\s)?(?P<wd_d>{WEEKDAY})(?-u:\b))
      | (?P<y>(?-u:\b)(?P<y_y>1[5-9][0-9][0-9]|20[0-9][0-9])(?-u:\b))
        "
    ))
    .expect("valid date pattern")
});

/// Words that make a bare month refer forward rather than back, each a
/// sequence of whole words.
const FUTURE: &[&[&str]] = &[
    &["will"],
    &["shall"],
    &["expire"],
    &["expires"],
    &["is", "due"],
    &["is", "set", "to"],
    &["scheduled"],
    &["upcoming"],
    &["next"],
];

/// Whether `text` holds one of [`FUTURE`] as whole words, as
/// [`words`](super::text::words) reads them: a hyphen or an apostrophe
/// between letters joins a word, so "a will-he-won't-he saga" and
/// "goodwill" say nothing of tense, while "'will close" and "talks--will
/// resume" do.
fn looks_ahead(text: &str) -> bool {
    let words: Vec<String> = super::text::words(text).into_iter().map(|r| text[r].to_lowercase()).collect();
    FUTURE.iter().any(|phrase| words.windows(phrase.len()).any(|w| w == *phrase))
}

/// Every date expression in `text`, resolved against `published`.
pub(crate) fn find(text: &str, published: Option<PartialDate>) -> Vec<Found> {
    // Worked out only for a date that needs it: most have a year.
    let future = std::cell::OnceCell::new();
    let future = || *future.get_or_init(|| looks_ahead(text));
    let mut out = Vec::new();
    for caps in DATE.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let range = whole.range();
        // A year followed by digits or a percent sign is not a year.
        let after = &text[range.end..];
        if caps.name("y").is_some()
            && (after.starts_with(['%', ',']) && after[1..].starts_with(|c: char| c.is_ascii_digit()))
        {
            continue;
        }
        if caps.name("y").is_some() && text[..range.start].ends_with(['$', '€', '£']) {
            continue;
        }
        if caps.name("md").is_some() {
            let month = month_number(&caps["md_m"]);
            let day: u8 = caps["md_d"].parse().unwrap_or(0);
            let date = match caps.name("md_y") {
                Some(y) => y.as_str().parse().ok().and_then(|y| PartialDate::ymd(y, month, day)),
                None => year_for(month, Some(day), published, future())
                    .and_then(|y| PartialDate::ymd(y, month, day)),
            };
            out.push(Found { date, range });
        } else if caps.name("dm").is_some() {
            let month = month_number(&caps["dm_m"]);
            let day: u8 = caps["dm_d"].parse().unwrap_or(0);
            let date = match caps.name("dm_y") {
                Some(y) => y.as_str().parse().ok().and_then(|y| PartialDate::ymd(y, month, day)),
                None => year_for(month, Some(day), published, future())
                    .and_then(|y| PartialDate::ymd(y, month, day)),
            };
            out.push(Found { date, range });
        } else if caps.name("my").is_some() {
            let month = month_number(&caps["my_m"]);
            let date = caps["my_y"].parse().ok().and_then(|y| PartialDate::year_month(y, month));
            out.push(Found { date, range });
        } else if caps.name("lm").is_some() {
            let month = month_number(&caps["lm_m"]);
            // The most recent such month strictly before publication.
            let date = month_precise(published).and_then(|(py, pm)| {
                let year = if month < pm { py } else { py - 1 };
                PartialDate::year_month(year, month)
            });
            out.push(Found { date, range });
        } else if caps.name("m").is_some() {
            let month = month_number(&caps["m_m"]);
            // "May" is too often a modal verb to read alone as a month.
            if &caps["m_m"] == "May" && !caps["m_mod"].to_lowercase().contains("in") {
                continue;
            }
            let modifier = caps["m_mod"].to_lowercase();
            // "by June" looks ahead only in a sentence about the future:
            // "By June the estimate was raised" is the June before.
            let forward = future() || modifier == "next";
            let year = match caps.name("m_y") {
                Some(y) => y.as_str().parse().ok(),
                None => year_for(month, None, published, forward),
            };
            let date = year.and_then(|y| PartialDate::year_month(y, month));
            out.push(Found { date, range });
        } else if caps.name("range").is_some() {
            let a: i32 = caps["r_a"].parse().unwrap_or(0);
            let b_text = &caps["r_b"];
            let b: i32 = if b_text.len() == 2 {
                a / 100 * 100 + b_text.parse::<i32>().unwrap_or(0)
            } else {
                b_text.parse().unwrap_or(0)
            };
            if b > a && b - a < 100 {
                let a_end = caps.name("r_a").map_or(range.start, |m| m.end());
                out.push(Found { date: PartialDate::from_year(a), range: range.start..a_end });
                let b_range = caps.name("r_b").map_or(range.clone(), |m| m.range());
                out.push(Found { date: PartialDate::from_year(b), range: b_range });
            }
        } else if caps.name("rel").is_some() {
            let which = caps["rel_w"].to_lowercase();
            let unit = caps["rel_u"].to_lowercase();
            out.push(Found { date: relative(&which, &unit, published), range });
        } else if caps.name("day").is_some() {
            let date = day_precise(published).and_then(|d| match whole.as_str().to_lowercase().as_str() {
                "yesterday" => add_days(d, -1),
                "tomorrow" => add_days(d, 1),
                _ => Some(d),
            });
            out.push(Found { date, range });
        } else if caps.name("wd").is_some() {
            let target = weekday_number(&caps["wd_d"]);
            let forward = caps.name("wd_w").is_some_and(|w| w.as_str().eq_ignore_ascii_case("next"));
            let date = day_precise(published).and_then(|d| {
                let today = weekday(d)?;
                let delta =
                    if forward { (target + 7 - today - 1) % 7 + 1 } else { -((today + 7 - target) % 7) };
                add_days(d, i64::from(delta))
            });
            out.push(Found { date, range });
        } else if caps.name("y").is_some() {
            let year: i32 = caps["y_y"].parse().unwrap_or(0);
            out.push(Found { date: PartialDate::from_year(year), range });
        }
    }
    out
}

/// The year of a month (and day) given without one: the most recent such
/// date not after publication, or the next one when the text looks ahead.
fn year_for(month: u8, day: Option<u8>, published: Option<PartialDate>, forward: bool) -> Option<i32> {
    let (py, pm) = month_precise(published)?;
    let pd = published.and_then(|p| p.day());
    let not_after = match (month.cmp(&pm), day, pd) {
        (std::cmp::Ordering::Less, _, _) => true,
        (std::cmp::Ordering::Greater, _, _) => false,
        (std::cmp::Ordering::Equal, Some(d), Some(p)) => d <= p,
        (std::cmp::Ordering::Equal, _, _) => true,
    };
    Some(match (forward, not_after) {
        (false, true) => py,
        (false, false) => py - 1,
        (true, true) if (month, day) == (pm, pd) || month == pm => py,
        (true, true) => py + 1,
        (true, false) => py,
    })
}

fn relative(which: &str, unit: &str, published: Option<PartialDate>) -> Option<PartialDate> {
    let p = published?;
    let offset = |w: &str| match w {
        "last" | "earlier last" => -1,
        "next" => 1,
        _ => 0,
    };
    match unit {
        "year" => PartialDate::from_year(p.year() + offset(which)),
        "month" => {
            let (y, m) = month_precise(Some(p))?;
            let total = y * 12 + i32::from(m) - 1 + offset(which);
            PartialDate::year_month(total.div_euclid(12), u8::try_from(total.rem_euclid(12) + 1).ok()?)
        }
        // Seasons resolve to their year; "last summer" needs the month to
        // know whether this year's summer is over.
        "summer" | "winter" | "spring" | "autumn" | "fall" => match which {
            "this" => PartialDate::from_year(p.year()),
            "last" => {
                let (y, m) = month_precise(Some(p))?;
                PartialDate::from_year(if m >= 9 && unit == "summer" { y } else { y - 1 })
            }
            _ => None,
        },
        // A week is not a calendar date at any precision: leave it as text.
        _ => None,
    }
}

fn month_precise(date: Option<PartialDate>) -> Option<(i32, u8)> {
    let d = date?;
    Some((d.year(), d.month()?))
}

fn day_precise(date: Option<PartialDate>) -> Option<PartialDate> {
    date.filter(|d| d.precision() == DatePrecision::Day)
}

fn month_number(name: &str) -> u8 {
    let lower = name.to_lowercase();
    const NAMES: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    NAMES.iter().position(|n| lower.starts_with(n)).map_or(0, |i| i as u8 + 1)
}

fn weekday_number(name: &str) -> i32 {
    WEEKDAY_NAMES.iter().position(|n| n.eq_ignore_ascii_case(name)).map_or(0, |i| i as i32)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> Option<PartialDate> {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    PartialDate::ymd(i32::try_from(y).ok()?, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

fn add_days(date: PartialDate, days: i64) -> Option<PartialDate> {
    civil_from_days(days_from_civil(date.year(), date.month()?, date.day()?) + days)
}

/// 0 = Sunday.
fn weekday(date: PartialDate) -> Option<i32> {
    let days = days_from_civil(date.year(), date.month()?, date.day()?);
    i32::try_from((days + 4).rem_euclid(7)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(text: &str, published: &str) -> Vec<String> {
        let p = PartialDate::parse(published).ok();
        find(text, p)
            .into_iter()
            .map(|f| format!("{} <{}>", f.date.map_or("?".into(), |d| d.to_string()), &text[f.range]))
            .collect()
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(resolve("signed on 27 March 2021.", "2021-03-28"), ["2021-03-27 <27 March 2021>"]);
        assert_eq!(resolve("on July 21, 2020, he", "2020-07"), ["2020-07-21 <July 21, 2020>"]);
        assert_eq!(resolve("a July16 call", "2020-07"), ["2020-07-16 <July16>"]);
        assert_eq!(resolve("in January 2016", "2021"), ["2016-01 <in January 2016>"]);
        assert_eq!(resolve("January 2016", "2021"), ["2016-01 <January 2016>"]);
        assert_eq!(resolve("begun in 2016", "2021"), ["2016 <2016>"]);
        assert_eq!(resolve("(1997-2005)", "2021"), ["1997 <1997>", "2005 <2005>"]);
        assert_eq!(resolve("[1989-97]", "2021"), ["1989 <1989>", "1997 <97>"]);
    }

    #[test]
    fn dates_without_a_year_take_the_most_recent_one() {
        assert_eq!(resolve("signed on March 27", "2021-03-28"), ["2021-03-27 <March 27>"]);
        assert_eq!(resolve("remarked October 1 that", "2020-10-12"), ["2020-10-01 <October 1>"]);
        assert_eq!(resolve("on December 3 they met", "2021-03-28"), ["2020-12-03 <December 3>"]);
        assert_eq!(resolve("the ban expires in October", "2020-07-23"), ["2020-10 <in October>"]);
        assert_eq!(resolve("on March 27", "2021"), ["? <March 27>"]);
        // "by" looks ahead with the future tense only.
        assert_eq!(resolve("By June the estimate was raised", "2010-08-02"), ["2010-06 <By June>"]);
        assert_eq!(resolve("the deal will close by June", "2010-08-02"), ["2011-06 <by June>"]);
        // Only whole words look ahead.
        let saga = "a will-he-won't-he saga after he clinched a deal in April";
        assert_eq!(resolve(saga, "2022-07-08"), ["2022-04 <in April>"]);
        assert_eq!(
            resolve("Williams said in context that it fell in May", "2022-07-08"),
            ["2022-05 <in May>"]
        );
        assert_eq!(resolve("'will close in April'", "2022-07-08"), ["2023-04 <in April>"]);
        assert_eq!(resolve("Talks--will resume in April", "2022-07-08"), ["2023-04 <in April>"]);
    }

    #[test]
    fn relative_dates_resolve_to_the_precision_allowed() {
        assert_eq!(resolve("Last year, China", "2020-07-23"), ["2019 <Last year>"]);
        assert_eq!(resolve("Late last year, the three", "2020-07"), ["2019 <Late last year>"]);
        assert_eq!(resolve("late last year", "2018"), ["2017 <late last year>"]);
        assert_eq!(resolve("arrived in China Friday", "2020-10-12"), ["2020-10-09 <Friday>"]);
        assert_eq!(resolve("arrived Friday", "2020-07"), ["? <Friday>"]);
        assert_eq!(resolve("at last August's fair", "2020-07-23"), ["2019-08 <last August>"]);
        assert_eq!(resolve("earlier this month", "2020-07-23"), ["2020-07 <earlier this month>"]);
        assert_eq!(resolve("reported Saturday", "2020-10-12"), ["2020-10-10 <Saturday>"]);
    }

    #[test]
    fn calendar_arithmetic() {
        let d = PartialDate::ymd(2021, 3, 1).unwrap();
        assert_eq!(add_days(d, -1), PartialDate::ymd(2021, 2, 28));
        assert_eq!(weekday(PartialDate::ymd(2020, 10, 12).unwrap()), Some(1));
    }
}
