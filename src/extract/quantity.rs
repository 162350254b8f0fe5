//! Amounts: money, percentages, durations and counts, normalized.
//!
//! "$400B", "$400bn", "400 billion USD", "US$400 billion",
//! "$400,000,000,000" and "400 billion dollars" are all 4e11 USD. Numbers in
//! words count ("four-day", "three countries"). Bounds such as "up to" and
//! "about" are kept. Years and days of the month belong to dates
//! ([`super::time`]), not here.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::time::is_month_word;
use crate::model::{QuantityKind, QuantityValue};

/// A quantity found in clean text, before its span is mapped.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    pub(crate) kind: QuantityKind,
    pub(crate) value: QuantityValue,
    pub(crate) unit: String,
    pub(crate) bound: Option<&'static str>,
    pub(crate) range: Range<usize>,
}

const NUM: &str = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?";
const WORD_NUM: &str = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|a hundred|a thousand";
const SCALE: &str = r"thousand|million|billion|trillion|bn|mn|tn|[mbkMBK]";
const BOUND: &str =
    r"up to|about|around|approximately|roughly|nearly|almost|more than|over|at least|fewer than|less than";
const CURRENCY_WORD: &str = r"USD|U\.S\. dollars?|US dollars?|dollars?|EUR|euros?|GBP|pounds sterling|pounds?|CNY|yuan|renminbi|RUB|rubles?|roubles?|IRR|rials?|JPY|yen|INR|rupees?";

static MONEY_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:(?P<bound>{BOUND})\s+)?(?P<cur>US\$|\$|€|£|¥|₽|₹)\s?(?P<num>{NUM})(?:\s?(?P<scale>{SCALE}))?(?-u:\b)"
    ))
    .expect("valid money pattern")
});

static MONEY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:(?P<bound>{BOUND})\s+)?(?-u:\b)(?P<num>{NUM}|(?i:{WORD_NUM}))(?:\s?(?P<scale>{SCALE}))?\s(?P<cur>{CURRENCY_WORD})(?-u:\b)"
    ))
    .expect("valid money pattern")
});

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:(?P<bound>{BOUND})\s+)?(?-u:\b)(?P<num>{NUM}|(?i:{WORD_NUM}))(?:\s?%|\s(?i:per ?cent|percent)(?-u:\b))"
    ))
    .expect("valid percent pattern")
});

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:(?P<bound>{BOUND})\s+)?(?-u:\b)(?P<num>{NUM}|(?i:{WORD_NUM}))[- ](?P<unit>(?i:year|month|week|day|hour|decade|centur)(?:y|ies|s)?)(?-u:\b)"
    ))
    .expect("valid duration pattern")
});

static FOR_A: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?i:for|over|within) (?P<num>an?) (?P<unit>(?i:year|month|week|day|decade|century))(?-u:\b)")
        .expect("valid duration pattern")
});

/// A cheap superset test for the patterns that need a number: a digit, or
/// the start of a number word. Most sentences have neither, and one
/// literal scan is much cheaper than five full patterns.
static NUMBER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|a hundred|a thousand)(?-u:\b)")
        .expect("valid number-word pattern")
});

fn may_hold_number(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || NUMBER_WORD.is_match(text)
}

static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:(?P<bound>{BOUND})\s+)?(?-u:\b)(?P<num>{NUM}|(?i:{WORD_NUM}))(?:\s(?P<scale>thousand|million|billion))?(?:[- ]|\s\[)(?P<unit>[a-z]+(?: [a-z]+)?)"
    ))
    .expect("valid count pattern")
});

/// A number standing on its own ("all 298 in total perished", "the
/// workforce numbers about 7,500"): a count of what the sentence is about.
static BARE_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:(?P<bound>{BOUND})\s+)?(?-u:\b)(?P<num>[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]{{2,}})(?-u:\b)"
    ))
    .expect("valid bare count pattern")
});

/// Words that end a count's unit: the unit is the noun right after the
/// number, and these are not nouns.
const NOT_NOUNS: &[&str] = &[
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "and",
    "or",
    "but",
    "the",
    "a",
    "an",
    "that",
    "which",
    "who",
    "is",
    "are",
    "was",
    "were",
    "have",
    "has",
    "had",
    "will",
    "would",
    "and",
    "as",
    "than",
    "per",
    "upon",
    "between",
    "into",
    "since",
    "after",
    "before",
    "during",
    "more",
    "times",
    "percent",
    // Adverbs and adjectives that follow a counted noun ("298 people
    // aboard", "11 workers dead") without being part of it.
    "aboard",
    "onboard",
    "abroad",
    "inside",
    "overall",
    "total",
    "dead",
    "alive",
    "apiece",
    "each",
    "worldwide",
    "alone",
    "there",
    "here",
    "now",
    "then",
];

/// The disjoint byte ranges already read as quantities, by start: an
/// overlap test is one ordered lookup, so a sentence of many amounts stays
/// n log n.
#[derive(Default)]
struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    /// Whether `r` overlaps a taken range. The ranges are disjoint, so the
    /// one starting last before `r` ends reaches furthest.
    fn overlaps(&self, r: &Range<usize>) -> bool {
        self.0.range(..r.end).next_back().is_some_and(|(_, &end)| end > r.start)
    }

    fn insert(&mut self, r: Range<usize>) {
        self.0.insert(r.start, r.end);
    }
}

/// Every quantity in `text`, in text order, without overlaps (money and
/// percentages win over durations, durations over counts).
pub(crate) fn find(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut taken = Taken::default();
    let overlaps = |taken: &Taken, r: &Range<usize>| taken.overlaps(r);
    let numbered = may_hold_number(text);

    for re in [&*MONEY_SYMBOL, &*MONEY_WORD].into_iter().filter(|_| numbered) {
        for caps in re.captures_iter(text) {
            let whole = caps.get(0).map_or(0..0, |m| m.range());
            let Some(value) = caps.name("num").and_then(|m| number(m.as_str())) else { continue };
            let scale = caps.name("scale").map_or(1.0, |m| scale(m.as_str()));
            let unit = currency(caps.name("cur").map_or("", |m| m.as_str()));
            if overlaps(&taken, &whole) {
                continue;
            }
            taken.insert(whole.clone());
            out.push(Found {
                kind: QuantityKind::Money,
                value: QuantityValue::Number(value * scale),
                unit: unit.to_owned(),
                bound: caps.name("bound").map(|m| bound(m.as_str())),
                range: whole,
            });
        }
    }
    for caps in numbered.then(|| PERCENT.captures_iter(text)).into_iter().flatten() {
        let whole = caps.get(0).map_or(0..0, |m| m.range());
        let Some(value) = caps.name("num").and_then(|m| number(m.as_str())) else { continue };
        if overlaps(&taken, &whole) {
            continue;
        }
        taken.insert(whole.clone());
        out.push(Found {
            kind: QuantityKind::Percent,
            value: QuantityValue::Number(value),
            unit: "percent".into(),
            bound: caps.name("bound").map(|m| bound(m.as_str())),
            range: whole,
        });
    }
    // Without a number only "for a year" can be a duration.
    let durations: &[&Regex] = if numbered { &[&DURATION, &FOR_A] } else { &[&FOR_A] };
    for re in durations {
        for caps in re.captures_iter(text) {
            let Some(num) = caps.name("num") else { continue };
            let start = caps.name("bound").map_or(num.start(), |b| b.start());
            let end = caps.name("unit").map_or(num.end(), |u| u.end());
            let whole = start..end;
            let Some(value) = number(num.as_str()) else { continue };
            let (unit, factor) = time_unit(caps.name("unit").map_or("", |m| m.as_str()));
            if overlaps(&taken, &whole) || is_year_like(text, &num.range()) {
                continue;
            }
            taken.insert(whole.clone());
            out.push(Found {
                kind: QuantityKind::Duration,
                value: QuantityValue::Number(value * factor),
                unit: unit.to_owned(),
                bound: caps.name("bound").map(|m| bound(m.as_str())),
                range: whole,
            });
        }
    }
    for caps in numbered.then(|| COUNT.captures_iter(text)).into_iter().flatten() {
        let Some(num) = caps.name("num") else { continue };
        let Some(unit_match) = caps.name("unit") else { continue };
        // "18-page document": a hyphenated number qualifies one word.
        let hyphenated = text[..unit_match.start()].ends_with('-');
        let unit_text = if hyphenated {
            unit_match.as_str().split(' ').next().unwrap_or("")
        } else {
            unit_match.as_str()
        };
        let Some(unit) = count_unit(unit_text) else { continue };
        let unit_end = unit_match.start() + unit.1;
        // "5,000 [barrels]": the closing bracket is the unit's too.
        let bracketed = text[..unit_match.start()].ends_with('[') && text[unit_end..].starts_with(']');
        let unit_end = unit_end + usize::from(bracketed);
        let start = caps.name("bound").map_or(num.start(), |b| b.start());
        let whole = start..unit_end;
        let Some(value) = number(num.as_str()) else { continue };
        let value = value * caps.name("scale").map_or(1.0, |m| scale(m.as_str()));
        if overlaps(&taken, &whole)
            || is_year_like(text, &num.range())
            || is_date_part(text, &num.range())
            || is_identifier_part(text, num.start())
        {
            continue;
        }
        if text[num.range()].eq_ignore_ascii_case("one") {
            // "one" is as often a pronoun ("one should not forget") as a number.
            continue;
        }
        taken.insert(whole.clone());
        out.push(Found {
            kind: QuantityKind::Count,
            value: QuantityValue::Number(value),
            unit: unit.0,
            bound: caps.name("bound").map(|m| bound(m.as_str())),
            range: whole,
        });
    }
    for caps in numbered.then(|| BARE_COUNT.captures_iter(text)).into_iter().flatten() {
        let Some(num) = caps.name("num") else { continue };
        let start = caps.name("bound").map_or(num.start(), |b| b.start());
        let whole = start..num.end();
        let Some(value) = number(num.as_str()) else { continue };
        // Only a number between words or at the end of the sentence: not
        // part of a time, a decimal, a code or a name ("Flight 17").
        let before = text[..num.start()].chars().next_back();
        let after = text[num.end()..].chars().next();
        let glued = |c: Option<char>| {
            c.is_some_and(|c| {
                !c.is_whitespace() && !matches!(c, ',' | ';' | '.' | '!' | '?' | '"' | '”' | ')')
            })
        };
        let named = text[..num.start()]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| w.starts_with(char::is_uppercase));
        let decimal = text[num.end()..].starts_with('.')
            && text[num.end() + 1..].starts_with(|c: char| c.is_ascii_digit());
        if value < 10.0
            || glued(before)
            || (glued(after) && after != Some(','))
            || decimal
            || named
            || overlaps(&taken, &whole)
            || is_year_like(text, &num.range())
            || is_date_part(text, &num.range())
        {
            continue;
        }
        taken.insert(whole.clone());
        out.push(Found {
            kind: QuantityKind::Count,
            value: QuantityValue::Number(value),
            unit: String::new(),
            bound: caps.name("bound").map(|m| bound(m.as_str())),
            range: whole,
        });
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// Parses digits (with thousands separators) or a number in words.
pub(crate) fn number(text: &str) -> Option<f64> {
    let lower = text.to_lowercase();
    if lower.starts_with(|c: char| c.is_ascii_digit()) {
        return lower.replace(',', "").parse().ok();
    }
    let unit = |w: &str| -> Option<f64> {
        Some(match w {
            "one" | "a" | "an" => 1.0,
            "two" => 2.0,
            "three" => 3.0,
            "four" => 4.0,
            "five" => 5.0,
            "six" => 6.0,
            "seven" => 7.0,
            "eight" => 8.0,
            "nine" => 9.0,
            "ten" => 10.0,
            "eleven" => 11.0,
            "twelve" => 12.0,
            "thirteen" => 13.0,
            "fourteen" => 14.0,
            "fifteen" => 15.0,
            "sixteen" => 16.0,
            "seventeen" => 17.0,
            "eighteen" => 18.0,
            "nineteen" => 19.0,
            "twenty" => 20.0,
            "thirty" => 30.0,
            "forty" => 40.0,
            "fifty" => 50.0,
            "sixty" => 60.0,
            "seventy" => 70.0,
            "eighty" => 80.0,
            "ninety" => 90.0,
            "dozen" => 12.0,
            "hundred" => 100.0,
            "thousand" => 1000.0,
            _ => return None,
        })
    };
    let parts: Vec<&str> = lower.split([' ', '-']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        ["a", rest] => unit(rest),
        [tens, ones] => Some(unit(tens)? + unit(ones)?),
        [one] => unit(one),
        _ => None,
    }
}

fn scale(text: &str) -> f64 {
    match text.to_lowercase().as_str() {
        "thousand" | "k" => 1e3,
        "million" | "mn" | "m" => 1e6,
        "billion" | "bn" | "b" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => 1.0,
    }
}

fn currency(text: &str) -> &'static str {
    let lower = text.to_lowercase();
    match lower.as_str() {
        "$" | "us$" | "usd" => "USD",
        "€" | "eur" => "EUR",
        "£" | "gbp" | "pounds sterling" => "GBP",
        "¥" => "CNY",
        "₽" | "rub" => "RUB",
        "₹" | "inr" => "INR",
        "cny" | "yuan" | "renminbi" => "CNY",
        "irr" => "IRR",
        "jpy" | "yen" => "JPY",
        _ if lower.contains("dollar") => "USD",
        _ if lower.starts_with("euro") => "EUR",
        _ if lower.starts_with("pound") => "GBP",
        _ if lower.starts_with("ruble") || lower.starts_with("rouble") => "RUB",
        _ if lower.starts_with("rial") => "IRR",
        _ if lower.starts_with("rupee") => "INR",
        _ => "XXX",
    }
}

fn bound(text: &str) -> &'static str {
    match text.to_lowercase().as_str() {
        "up to" => "up_to",
        "about" | "around" | "approximately" | "roughly" => "about",
        "nearly" | "almost" => "nearly",
        "more than" | "over" => "more_than",
        "at least" => "at_least",
        "fewer than" | "less than" => "less_than",
        _ => "about",
    }
}

/// Normalizes a time unit: decades and centuries become years.
fn time_unit(text: &str) -> (&'static str, f64) {
    let lower = text.to_lowercase();
    match lower.trim_end_matches('s') {
        l if l.starts_with("decade") => ("year", 10.0),
        l if l.starts_with("centur") => ("year", 100.0),
        l if l.starts_with("month") => ("month", 1.0),
        l if l.starts_with("week") => ("week", 1.0),
        l if l.starts_with("day") => ("day", 1.0),
        l if l.starts_with("hour") => ("hour", 1.0),
        _ => ("year", 1.0),
    }
}

/// The unit of a count: one noun, or two when the first qualifies the
/// second ("security personnel"), singularized; and its length in `text`.
fn count_unit(text: &str) -> Option<(String, usize)> {
    let mut words = text.split(' ');
    let first = words.next()?;
    if NOT_NOUNS.contains(&first) || is_month_word(first) || first.len() < 3 {
        return None;
    }
    let second = words.next().filter(|w| {
        !NOT_NOUNS.contains(w)
            && w.len() > 2
            && !w.ends_with("ed")
            && !w.ends_with("ly")
            && !first.ends_with('s')
    });
    Some(match second {
        Some(second) => (format!("{first} {}", singular(second)), first.len() + 1 + second.len()),
        None => (singular(first), first.len()),
    })
}

fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with("sses")
        || word.ends_with("ches")
        || word.ends_with("shes")
        || word.ends_with("xes")
    {
        word[..word.len() - 2].to_owned()
    } else if word.ends_with('s') && !word.ends_with("ss") && word != "personnel" {
        word[..word.len() - 1].to_owned()
    } else {
        word.to_owned()
    }
}

/// A four-digit number between 1000 and 2100 standing alone is a year.
fn is_year_like(text: &str, range: &Range<usize>) -> bool {
    let n = &text[range.clone()];
    n.len() == 4
        && n.chars().all(|c| c.is_ascii_digit())
        && (1000..=2100).contains(&n.parse::<u32>().unwrap_or(0))
}

/// A number glued to letters by a hyphen is part of a name ("COVID-19").
fn is_identifier_part(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    before.next() == Some('-') && before.next().is_some_and(char::is_alphabetic)
}

/// A day of the month next to a month name ("March 27", "27 March").
fn is_date_part(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].trim_end();
    let after = text[range.end..].trim_start();
    let last_word = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let next_word = after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    is_month_word(last_word) || is_month_word(next_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        find(text)
            .into_iter()
            .map(|f| {
                let v = match f.value {
                    QuantityValue::Number(n) => format!("{n}"),
                    QuantityValue::Date(d) => d.to_string(),
                };
                let bound = f.bound.map(|b| format!(" {b}")).unwrap_or_default();
                format!("{:?} {v} {}{bound} <{}>", f.kind, f.unit, &text[f.range])
            })
            .collect()
    }

    #[test]
    fn money_in_every_spelling_is_the_same_amount() {
        for text in [
            "$400B",
            "$400bn",
            "400 billion USD",
            "US$400 billion",
            "$400,000,000,000",
            "400 billion dollars",
        ] {
            let found = find(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].value, QuantityValue::Number(4e11), "{text}");
            assert_eq!(found[0].unit, "USD", "{text}");
            assert_eq!(&text[found[0].range.clone()], text);
        }
        assert_eq!(values("a €2.5 million grant"), ["Money 2500000 EUR <€2.5 million>"]);
    }

    #[test]
    fn percentages_durations_and_counts() {
        assert_eq!(values("a 90 per cent reduction"), ["Percent 90 percent <90 per cent>"]);
        assert_eq!(values("90% of it"), ["Percent 90 percent <90%>"]);
        assert_eq!(values("a 25-year partnership"), ["Duration 25 year <25-year>"]);
        assert_eq!(values("for 444 days"), ["Duration 444 day <444 days>"]);
        assert_eq!(values("The four-day drill"), ["Duration 4 day <four-day>"]);
        assert_eq!(values("for the next four decades"), ["Duration 40 year <four decades>"]);
        assert_eq!(values("extended it for a year"), ["Duration 1 year <a year>"]);
        assert_eq!(
            values("up to 5,000 security personnel were sent"),
            ["Count 5000 security personnel up_to <up to 5,000 security personnel>"]
        );
        assert_eq!(values("an 18-page document"), ["Count 18 page <18-page>"]);
        assert_eq!(values("the three countries conducted"), ["Count 3 country <three countries>"]);
        assert_eq!(values("killing all 298 people aboard"), ["Count 298 people <298 people>"]);
        assert_eq!(values("all 298 in total perished"), ["Count 298  <298>"]);
        assert_eq!(values("the workforce numbers about 7,500."), ["Count 7500  about <about 7,500>"]);
        // A noun an editor put in brackets counts as written.
        assert_eq!(
            values("around 5,000 [barrels] a day"),
            ["Count 5000 barrel about <around 5,000 [barrels]>"]
        );
        // No bare count in a name, a time or a decimal.
        assert!(values("Flight 17, at 10:15, took 3.5 hours.").iter().all(|v| !v.contains("  ")));
    }

    #[test]
    fn years_and_days_are_not_counts() {
        assert!(find("in 2016 the deal").is_empty());
        assert!(find("on March 27 they signed").is_empty());
        assert!(find("on 27 March they signed").is_empty());
        assert!(find("one should not forget").is_empty());
        assert!(find("the COVID-19 pandemic").is_empty());
    }
}
