//! The facts a claim states, read from what extraction already found in
//! it: each figure is a measure with its value, a status word or a denial
//! is an event, and every fact takes the claim's subject, first date,
//! speaker and polarity.
//!
//! A figure's measure is what it counts, normalized so that reports
//! worded apart meet: "5,000 barrels a day" and "between 12,000 and
//! 19,000 barrels per day" are both `barrel/day`, a rate, where "4.9
//! million barrels" is `barrel`, a total; "298 people", "283 passengers
//! and 15 crew" and "11 workers" are all `person`. Two figures joined by
//! "to", "and" after "between", or a dash are one range.

use std::ops::Range;

use super::lexicon::{denial_at, stage_at};
use crate::model::{
    Claim, EntityKind, Fact, FactKind, FactValue, Polarity, Quantity, QuantityKind, QuantityValue, Span,
};

/// Nouns that count people, in the singular the extractor gives them.
const PEOPLE: &[&str] = &[
    "people",
    "person",
    "passenger",
    "crew",
    "victim",
    "worker",
    "employee",
    "civilian",
    "soldier",
    "resident",
    "child",
    "children",
    "adult",
    "man",
    "men",
    "woman",
    "women",
    "casualty",
    "national",
    "citizen",
];

/// Units of length, area, height, weight and temperature: where or how
/// big, not a figure that is reported and revised.
const DIMENSIONS: &[&str] = &[
    "mile",
    "kilometre",
    "kilometer",
    "km",
    "metre",
    "meter",
    "m",
    "feet",
    "foot",
    "ft",
    "yard",
    "inch",
    "acre",
    "hectare",
    "square",
    "degree",
    "kilogram",
    "kg",
    "pound",
    "ton",
    "tonne",
];

/// Whether a measure is a size or distance rather than a reported figure.
pub(crate) fn is_dimension(predicate: &str) -> bool {
    DIMENSIONS.contains(&predicate)
}

/// The facts of `claim`, whose article's original text is `original`;
/// `country` names the country a word is the demonym or name of
/// ("Dutch": Netherlands), for counts of people by nationality.
pub(crate) fn facts(original: &str, claim: &Claim, country: &dyn Fn(&str) -> Option<String>) -> Vec<Fact> {
    let holds = claim.quantities().iter().find_map(|q| match q.value {
        QuantityValue::Date(d) => Some(d),
        QuantityValue::Number(_) => None,
    });
    let holder = claim.attribution().and_then(|a| a.speaker.clone());
    let about = subject(claim);
    let polarity = claim.factuality().map_or(Polarity::Positive, |f| f.polarity);
    let fact = |kind, predicate: String, span: Span, value: Option<FactValue>| Fact {
        kind,
        predicate,
        span,
        about: about.clone(),
        value,
        polarity,
        holds,
        holder: holder.clone(),
    };
    let mut out = Vec::new();
    // Events: the status word and the denial, found in the claim's own
    // stretch of the original so their spans are exact.
    let span = claim.span();
    let own = original.get(span.start..span.end).unwrap_or_default();
    let at = |r: Range<usize>| Span::new(span.start + r.start, span.start + r.end);
    if let Some((stage, r)) = stage_at(own) {
        out.push(fact(FactKind::Event, stage.as_str().to_owned(), at(r), None));
    }
    if let Some(r) = denial_at(own) {
        out.push(fact(FactKind::Event, "denied".to_owned(), at(r), None));
    }
    let set_aside: Vec<Range<usize>> = super::attribution::contrastive_negations(own)
        .into_iter()
        .map(|r| span.start + r.start..span.start + r.end)
        .collect();
    // Measures: each figure, a range of two as one.
    let numbers: Vec<(&Quantity, f64)> = claim
        .quantities()
        .iter()
        .filter_map(|q| match q.value {
            QuantityValue::Number(v) if q.kind != QuantityKind::Date => Some((q, v)),
            _ => None,
        })
        .collect();
    // What befell the people a claim counts is the claim's, read once
    // however many counts it gives.
    let claim_fate = std::cell::OnceCell::new();
    let mut k = 0;
    while k < numbers.len() {
        let (q, v) = numbers[k];
        let range_end = numbers.get(k + 1).filter(|(r, _)| {
            r.kind == q.kind && (q.unit == r.unit || q.unit.is_empty()) && is_range(original, q, r)
        });
        let (last, low, high, bound) = match range_end {
            Some(&(r, w)) => (r, v.min(w), v.max(w), None),
            None => match q.bound.as_deref() {
                Some("up_to" | "less_than") => (q, f64::NAN, v, None),
                Some("more_than" | "at_least") => (q, v, f64::NAN, None),
                other => (q, v, v, other.map(str::to_owned)),
            },
        };
        let text = match range_end {
            Some(_) => original.get(q.span.start..last.span.end).unwrap_or(&q.text).to_owned(),
            None => q.text.clone(),
        };
        let value = FactValue {
            kind: q.kind,
            low: (!low.is_nan()).then_some(low),
            high: (!high.is_nan()).then_some(high),
            bound,
            text,
        };
        let mut predicate = measure(original, last);
        let people = predicate == "person" || (q.kind == QuantityKind::Count && q.unit.is_empty());
        if people && let Some(nation) = nationality(original, last, span.end, country) {
            // "154 Dutch", "196 Dutch nationals", "200 were Dutch
            // citizens": the victims of one nationality, a measure apart
            // from the death toll.
            predicate = format!("person/{nation}");
        } else if predicate == "person"
            && let Some(fate) = *claim_fate.get_or_init(|| fate(own))
        {
            predicate = format!("person/{fate}");
        }
        let mut measure =
            fact(FactKind::Measure, predicate, Span::new(q.span.start, last.span.end), Some(value));
        // "5,000 barrels a day, not the 1,000 estimated earlier": the
        // figure set aside is denied, the one asserted stands.
        if set_aside.iter().any(|r| r.contains(&q.span.start)) {
            measure.polarity = Polarity::Negative;
        }
        out.push(measure);
        k += if range_end.is_some() { 2 } else { 1 };
    }
    out.sort_by_key(|f| (f.span.start, f.span.end));
    out
}

/// Who the claim comes through: its speaker and every source in its
/// attribution chain (outlet, relays).
pub(crate) fn sources(claim: &Claim) -> Vec<&str> {
    claim
        .attribution()
        .map(|a| a.speaker.iter().chain(&a.chain).map(String::as_str).collect())
        .unwrap_or_default()
}

/// The first person, country or organisation `claim` names that is not
/// its speaker or a relay: most often the subject of what it says.
pub(crate) fn subject(claim: &Claim) -> Option<String> {
    let sources = sources(claim);
    claim
        .entities()
        .iter()
        .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Country | EntityKind::Organisation))
        .find(|e| !sources.iter().any(|s| s.contains(e.name.as_str()) || e.name.contains(s)))
        .map(|e| e.name.clone())
}

/// What quantity `q` measures: a count's noun, with people under one name
/// and "/day" for a daily rate; otherwise its unit.
fn measure(original: &str, q: &Quantity) -> String {
    if q.kind == QuantityKind::Money
        && let Some(each) = price_of_one(original, q)
    {
        return format!("{}/{each}", q.unit);
    }
    if q.kind != QuantityKind::Count || q.unit.is_empty() {
        return q.unit.clone();
    }
    let first = q.unit.split(' ').next().unwrap_or_default();
    let last = q.unit.rsplit(' ').next().unwrap_or_default();
    if is_dimension(first) {
        return first.to_owned();
    }
    // "298 killed", "17 injured": people, counted by what befell them.
    let fated = !q.unit.contains(' ') && fate(&q.unit).is_some();
    let noun = if PEOPLE.contains(&last) || fated { "person" } else { q.unit.as_str() };
    if per_day(original, q) { format!("{noun}/day") } else { noun.to_owned() }
}

/// Words that may sit between a count of people and their nationality:
/// "193 people, were of Dutch nationality".
const BEFORE_NATIONALITY: &[&str] = &["were", "are", "was", "is", "of", "from", "all"];

/// The country whose people a count counts, named within the next few
/// words after it and inside the claim (`end`): "154 Dutch", "200 were
/// Dutch citizens", "193 people, were of Dutch nationality". Past a comma
/// only a verb may come first ("298 people, Ukraine said" names who says
/// it), and a sentence's end stops the search.
fn nationality(
    original: &str,
    q: &Quantity,
    end: usize,
    country: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let after = original.get(q.span.end..end.max(q.span.end))?;
    let mut after_comma = false;
    for raw in after.split_whitespace().take(4) {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            after_comma |= raw.contains(',');
            continue;
        }
        let lower = word.to_lowercase();
        if after_comma && !BEFORE_NATIONALITY.contains(&lower.as_str()) {
            return None;
        }
        if word.starts_with(char::is_uppercase) {
            return country(word);
        }
        if !(BEFORE_NATIONALITY.contains(&lower.as_str()) || PEOPLE.contains(&singular(&lower))) {
            return None;
        }
        if raw.ends_with(['.', ';', ':', '!', '?']) {
            return None;
        }
        after_comma = raw.ends_with(',');
    }
    None
}

fn singular(word: &str) -> &str {
    word.strip_suffix('s').filter(|w| PEOPLE.contains(w)).unwrap_or(word)
}

/// What the claim says of the people it counts, in order of precedence:
/// "298 people aboard ... all perished" counts the dead.
const FATES: &[(&str, &[&str])] = &[
    ("dead", &["killed", "killing", "kill", "died", "dead", "perished", "deaths", "death toll", "lives"]),
    ("injured", &["injured", "wounded", "hurt", "injuring", "wounding"]),
    ("missing", &["missing", "unaccounted"]),
    ("aboard", &["aboard", "on board", "carrying", "carried", "passengers and crew"]),
];

/// `person` narrowed by what `text` says befell them ("person/dead",
/// "person/aboard"): 11 workers killed and 126 workers on the rig are
/// two measures.
fn fate(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    let has = |w: &str| {
        lower.match_indices(w).any(|(i, _)| {
            let before = lower[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = lower[i + w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    };
    FATES.iter().find(|(_, words)| words.iter().any(|w| has(w))).map(|(fate, _)| *fate)
}

/// Whether quantities `p` and `q`, in this order, are the two ends of one
/// range: "12,000 to 19,000", "between 20,000 and 40,000", "25-30".
fn is_range(original: &str, p: &Quantity, q: &Quantity) -> bool {
    let (Some(between), Some(before)) =
        (original.get(p.span.end..q.span.start), original.get(..p.span.start))
    else {
        return false;
    };
    match between.trim() {
        "to" | "-" | "–" | "—" => true,
        "and" => {
            let before = before.trim_end();
            before.get(before.len().saturating_sub(7)..).is_some_and(|w| w.eq_ignore_ascii_case("between"))
        }
        _ => false,
    }
}

/// What one unit of an amount of money buys or costs, when the words
/// right after it say so: "$54.20 a share" and "$54.20 per share" are a
/// price per `share`, "$44 billion a year" a yearly sum, neither the
/// $44 billion a deal costs in all.
fn price_of_one(original: &str, q: &Quantity) -> Option<String> {
    let after = original.get(q.span.end..)?;
    let mut end = after.len().min(24);
    while !after.is_char_boundary(end) {
        end -= 1;
    }
    let after = after[..end].to_lowercase();
    let mut words = after.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let (per, noun) = (words.next()?, words.next()?);
    // A word only, wholly in the text taken: not cut off at its end.
    let whole = after.find(noun).is_some_and(|at| at + noun.len() < after.len());
    let plain =
        noun.chars().all(|c| c.is_ascii_lowercase()) && !matches!(noun, "total" | "record" | "further");
    if !matches!(per, "a" | "an" | "per" | "each" | "every") || !whole || !plain {
        return None;
    }
    // Before any comma or full stop: "$54.20, a share" is no price.
    let gap = &after[..after.find(per)?];
    if gap.contains([',', ';', '.']) {
        return None;
    }
    Some(noun.strip_suffix('s').filter(|n| n.len() > 3 && noun != "news").unwrap_or(noun).to_owned())
}

/// Whether the words right after a count make it a daily rate: "5,000
/// barrels a day", "1,000 barrels of oil per day", "a 5,000 barrel-a-day
/// estimate", "1,000 barrels of oil is escaping each day": up to seven
/// words, inside the clause (to a comma, semicolon or full stop), where
/// "a day" is no point in time ("a day later").
fn per_day(original: &str, q: &Quantity) -> bool {
    let Some(after) = original.get(q.span.end..) else { return false };
    let mut end = after.len().min(60);
    while !after.is_char_boundary(end) {
        end -= 1;
    }
    let after = after[..end].to_lowercase();
    let clause = after.split([',', ';', '.']).next().unwrap_or_default();
    let words: Vec<&str> =
        clause.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(8).collect();
    let time =
        |w: Option<&&str>| matches!(w, Some(&("later" | "earlier" | "after" | "before" | "ago" | "of")));
    let rate = (0..words.len()).any(|i| {
        matches!(words[i], "a" | "per" | "each" | "every")
            && words.get(i + 1) == Some(&"day")
            && !time(words.get(i + 2))
    });
    rate || words.contains(&"daily")
}

#[cfg(test)]
mod tests {
    use crate::corpus::Loader;
    use crate::extract::Extractor;
    use crate::model::FactKind;

    /// A measure as `(predicate, low, high, text)`.
    type Measure = (String, Option<f64>, Option<f64>, String);

    /// The measures, and the events as "predicate polarity".
    fn read(body: &str) -> (Vec<Measure>, Vec<String>) {
        let doc = format!("---\ntitle: t\npublished: 2010-05-01\n---\n{body}\n");
        let article = Loader::new().parse_document("a", &doc).expect("parses");
        let claims = Extractor::default().extract(&article).claims;
        let facts: Vec<_> = claims.iter().flat_map(|c| c.facts().to_vec()).collect();
        for f in &facts {
            assert!(article.original().get(f.span.start..f.span.end).is_some(), "{f:?}");
        }
        let measures = facts
            .iter()
            .filter(|f| f.kind == FactKind::Measure)
            .map(|f| {
                let v = f.value.clone().expect("a measure has a value");
                (f.predicate.clone(), v.low, v.high, article.original()[f.span.start..f.span.end].to_owned())
            })
            .collect();
        let events = facts
            .iter()
            .filter(|f| f.kind == FactKind::Event)
            .map(|f| format!("{} {:?}", f.predicate, f.polarity))
            .collect();
        (measures, events)
    }

    #[test]
    fn figures_are_measures_with_their_unit_and_range() {
        let (m, _) = read(
            "The well leaks between 12,000 and 19,000 barrels of oil per day. It released 4.9 million barrels.",
        );
        assert_eq!(
            m,
            [
                (
                    "barrel/day".to_owned(),
                    Some(12000.0),
                    Some(19000.0),
                    "12,000 and 19,000 barrels".to_owned()
                ),
                ("barrel".to_owned(), Some(4.9e6), Some(4.9e6), "4.9 million barrels".to_owned()),
            ]
        );
        // A rate said further on in its clause; "a day later" is a time.
        let (m, _) = read(
            "Officials estimate that as much as 1,000 barrels of oil is escaping each day. \
             Crews collected 3,000 barrels and a day later burned the slick.",
        );
        let predicates: Vec<&str> = m.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(predicates, ["barrel/day", "barrel"]);
        let (m, _) = read("The crash killed 283 passengers and 15 crew, less than 5% of them children.");
        let predicates: Vec<&str> = m.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(predicates, ["person/dead", "person/dead", "percent"]);
        assert_eq!((m[2].1, m[2].2), (None, Some(5.0)), "\"less than\" bounds from above only");
        let (m, _) = read("The rig had 126 workers on board. Eleven workers are missing.");
        let predicates: Vec<&str> = m.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(predicates, ["person/aboard", "person/missing"]);
        // People counted by nationality are a measure of their own, not
        // the death toll.
        let (m, _) = read(
            "Among the 298 killed were 196 Dutch nationals and 10 Britons. Of the dead, 193 people were of Dutch nationality.",
        );
        let predicates: Vec<&str> = m.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            predicates,
            ["person/dead", "person/Netherlands", "person/United Kingdom", "person/Netherlands"]
        );
        // Not who says it, nor the next sentence.
        let (m, _) =
            read("The crash killed 298 people, Ukraine said. It injured 40 workers. Britons were safe.");
        let predicates: Vec<&str> = m.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(predicates, ["person/dead", "person/injured"]);
        // A price for one share is not the deal's total.
        let (m, _) = read(
            "Musk offered $54.20 per share, a total of $41.4 billion. He pays $54.20 a share, $1 billion a year.",
        );
        let predicates: Vec<&str> = m.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(predicates, ["USD/share", "USD", "USD/share", "USD/year"]);
    }

    #[test]
    fn status_words_and_denials_are_events() {
        let (_, e) = read("The rebels denied that they signed the agreement.");
        assert_eq!(e, ["denied Negative", "done Negative"]);
        let (_, e) = read("The two sides have signed the agreement.");
        assert_eq!(e, ["done Positive"]);
    }
}
