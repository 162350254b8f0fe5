//! How two claims relate: the same claim with compatible values, a
//! contradiction (typed after de Marneffe, Rafferty and Manning 2008), a
//! later update of the same matter, or nothing.

use std::cmp::Ordering;

use super::frame::{ANTONYMS, Alignment, Frame};
use crate::extract::lexicon::Stage;
use crate::model::{ContradictionType, PartialDate, QuantityKind};

/// What [`classify`] found for a pair `(a, b)`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Found {
    Supports(String),
    Contradicts(ContradictionType, String),
    /// `a_is_later`: `a` updates `b`; otherwise `b` updates `a`.
    Updates {
        a_is_later: bool,
        reason: String,
    },
}

/// What is known of the pair besides the claims.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Context {
    /// The matcher put both in one group.
    pub same_group: bool,
    /// The matcher's score, 0 when the pair was not scored.
    pub score: f64,
    /// The score from which a pair counts as the same claim.
    pub same_floor: f64,
    /// The score from which two claims are worded alike enough that a
    /// negation in one contradicts the other.
    pub polarity_floor: f64,
    /// The score from which two claims giving different figures for one
    /// measure are about the same measure.
    pub measure_floor: f64,
}

/// How the parties of two claims compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Parties {
    /// One names no country.
    Unknown,
    /// The same countries, or one's are all among the other's.
    Compatible,
    /// Each names a country the other does not.
    Different,
}

fn parties(a: &Frame, b: &Frame) -> Parties {
    compare_countries(&a.countries, &b.countries)
}

/// How the parties compare, leaving out the countries each claim's
/// speaker names ("Ukrainian officials" speak for Ukraine; the figure is
/// not about it for that).
fn parties_besides_speakers(a: &Frame, b: &Frame) -> Parties {
    let own = |f: &Frame| -> Vec<String> {
        let speaker = f.speaker.as_deref().unwrap_or_default();
        f.countries.iter().filter(|c| !speaker.contains(c.as_str())).cloned().collect()
    };
    compare_countries(&own(a), &own(b))
}

/// How two sorted lists of countries compare.
fn compare_countries(a: &[String], b: &[String]) -> Parties {
    if a.is_empty() || b.is_empty() {
        return Parties::Unknown;
    }
    let a_in_b = a.iter().all(|c| b.binary_search(c).is_ok());
    let b_in_a = b.iter().all(|c| a.binary_search(c).is_ok());
    if a_in_b || b_in_a { Parties::Compatible } else { Parties::Different }
}

/// Whether two dates can be the same day: equal as far as both are known.
fn overlap(x: PartialDate, y: PartialDate) -> bool {
    x.year() == y.year()
        && (x.month().is_none() || y.month().is_none() || x.month() == y.month())
        && (x.day().is_none() || y.day().is_none() || x.day() == y.day())
}

/// `x` before `y` as far as both are known; `None` when they overlap.
pub(crate) fn order(x: PartialDate, y: PartialDate) -> Option<Ordering> {
    if overlap(x, y) {
        return None;
    }
    let key = |d: PartialDate, month: bool, day: bool| {
        (d.year(), if month { d.month() } else { None }, if day { d.day() } else { None })
    };
    let month = x.month().is_some() && y.month().is_some();
    let day = month && x.day().is_some() && y.day().is_some();
    Some(key(x, month, day).cmp(&key(y, month, day)))
}

/// Both name dates and none of one's can be any of the other's.
fn dates_disjoint(a: &Frame, b: &Frame) -> bool {
    !a.dates.is_empty()
        && !b.dates.is_empty()
        && !a.dates.iter().any(|&x| b.dates.iter().any(|&y| overlap(x, y)))
}

/// Both name dates and at least one of one's can be one of the other's.
fn dates_shared(a: &Frame, b: &Frame) -> bool {
    a.dates.iter().any(|&x| b.dates.iter().any(|&y| overlap(x, y)))
}

/// Whether the two claims can be about the same time: their dates
/// overlap; a claim naming no date is about the year it was published.
fn same_time(a: &Frame, b: &Frame) -> bool {
    let year = |f: &Frame| f.published.and_then(|d| PartialDate::from_year(d.year()));
    match (a.dates.is_empty(), b.dates.is_empty()) {
        (false, false) => dates_shared(a, b),
        (true, true) => true,
        (true, false) => year(a).is_none_or(|y| b.dates.iter().any(|&d| overlap(d, y))),
        (false, true) => year(b).is_none_or(|y| a.dates.iter().any(|&d| overlap(d, y))),
    }
}

fn published(f: &Frame) -> String {
    f.published.map_or_else(|| "undated".to_owned(), |d| d.to_string())
}

/// The relation between `a` and `b`, if any.
pub(crate) fn classify(a: &Frame, b: &Frame, cx: Context) -> Option<Found> {
    // A denial contradicts the accusation it answers, however worded: the
    // other claim says an event of a kind the denial names besides
    // denying ("shot down") of the denier ("the rebels", "militants"), at
    // a time the denial can answer. The countries each names do not
    // matter: the denier's ("Ukrainian rebels") are not the accuser's.
    if let Some(kind) = denial_answers(a, b).or_else(|| denial_answers(b, a)) {
        return Some(Found::Contradicts(
            ContradictionType::Polarity,
            format!("one says it of the denier ({kind}), the other denies it"),
        ));
    }
    // Rival accounts of one event that one party does: different parties
    // named as who shot the plane down, or who is to blame. Read before
    // the parties test too: the parties are the point.
    if let Some((kind, x, y)) = rival_accounts(a, b) {
        return Some(Found::Contradicts(
            ContradictionType::Structure,
            format!("rival accounts of who is behind it ({kind}): {x} vs {y}"),
        ));
    }
    // The same counted thing ("5,000 barrels a day", "between 12,000 and
    // 19,000 barrels") is the same measure however it is worded; other
    // figures need the claims worded alike.
    // Two sources of one article giving their own figures for one
    // measure, neither told as what came before or after (however the
    // article's other figures tell a history), are rivals unless the
    // countries each names besides its source's own ("Ukrainian
    // officials") differ: those are two parties' figures (NATO's count of
    // Russia's troops, a minister's of Ukraine's). Read before the
    // parties test, since the countries are often the sources' own.
    let alike = cx.same_group || cx.score >= cx.measure_floor;
    let shared = shared_measure(a, b);
    // A figure supposed under "if" is no estimate of the measure: it
    // neither revises, rivals nor bears out another.
    let supposed = a.conditional || b.conditional;
    let ordered = matches!((a.holds(), b.holds()), (Some(x), Some(y)) if order(x, y).is_some());
    if !ordered
        && !supposed
        && (alike || shared.is_some())
        && rival_sources(a, b)
        && parties_besides_speakers(a, b) != Parties::Different
        && a.negated() == b.negated()
        && let Some((reason, _)) = measure_revision(a, b, if alike { None } else { shared })
    {
        return Some(rivals(a, b, &reason));
    }
    let parties = parties(a, b);
    if parties == Parties::Different {
        return None;
    }
    let same = cx.same_group || cx.score >= cx.same_floor;
    let agreement = a.agreement && b.agreement && same_deal(a, b);
    let policy =
        a.alignment.is_some() && a.alignment_kind() == b.alignment_kind() && parties == Parties::Compatible;

    let numeric = numeric_conflict(a, b);
    if (same || ((agreement || policy) && numeric.is_none()))
        && let Some(found) = status_change(a, b, policy)
    {
        return Some(found);
    }
    // Two reports worded alike that give different figures for one
    // measure (a death toll, a flow rate, a price): a revision when one
    // was published later, a numeric contradiction when at the same time.
    // Terms of agreements are left to the rule below: two terms for the
    // same parties are often two agreements. Inside one group it is the
    // same: the group's verdict says superseded or disputed.
    if (alike || shared.is_some())
        && !supposed
        && !agreement
        && a.negated() == b.negated()
        && let Some((reason, moves)) = measure_revision(a, b, if alike { None } else { shared })
    {
        // Figures are ordered by when they hold: a retrospective article
        // tells the whole history of a figure, and one voice in one
        // article does not contradict itself (two sources it quotes may).
        let when = match (a.holds(), b.holds()) {
            (Some(x), Some(y)) => order(x, y),
            _ => None,
        };
        // Moves on two days ("fell 6%" on Friday, "up 12%" in April) are
        // two events, neither a revision of the other; on one day they
        // are rival reports of one move.
        if moves && matches!(when, Some(Ordering::Greater | Ordering::Less)) {
            return None;
        }
        let date = |f: &Frame| f.holds().map_or_else(|| "undated".to_owned(), |d| d.to_string());
        return Some(match when {
            Some(Ordering::Greater) => Found::Updates {
                a_is_later: true,
                reason: format!("a later figure ({}) gives {reason}", date(a)),
            },
            Some(Ordering::Less) => Found::Updates {
                a_is_later: false,
                reason: format!("a later figure ({}) gives {}", date(b), flip(&reason)),
            },
            _ if same_time(a, b)
                && (a.article != b.article || a.speaker != b.speaker)
                && a.holds().is_some()
                && b.holds().is_some() =>
            {
                Found::Contradicts(ContradictionType::Numeric, reason)
            }
            _ => return None,
        });
    }
    // The same counted measure, one value inside the other's range,
    // however worded: "60,000 barrels per day" bears out "35,000 to 60,000
    // barrels daily".
    if !same
        && !supposed
        && !agreement
        && a.negated() == b.negated()
        && let Some(unit) = shared
        && measure_narrows(a, b, unit)
    {
        return Some(Found::Supports(format!("a narrower estimate of the same measure ({unit})")));
    }
    // A leak and an official disclosure are two predicates, however alike
    // the wording: "the terms have not been revealed" and "a draft was
    // leaked" are both true of one secret agreement.
    let disclosures = a.disclosure.is_some() && b.disclosure.is_some();
    let other_disclosure = disclosures && a.leaked() != b.leaked();
    let same_predicate = !other_disclosure
        && ((same && cx.score >= cx.polarity_floor)
            || (agreement && (disclosures || (a.stage.is_some() && a.stage_kind() == b.stage_kind())))
            || policy);
    if same_predicate && a.negated() != b.negated() && same_time(a, b) {
        let (neg, pos) = if a.negated() { (a, b) } else { (b, a) };
        // A plain negation contradicts only what is said of the same
        // subject: "Beijing is interested" and "the US is not interested"
        // are about two parties. A denial names the denier, not the
        // subject of what it denies.
        let other_subject =
            !neg.denial && matches!((&neg.subject, &pos.subject), (Some(x), Some(y)) if x != y);
        if neg.firmly_negated() && !other_subject {
            let verb = if neg.denial { "denies" } else { "negates" };
            let what = pos
                .disclosure
                .as_ref()
                .or(pos.stage.as_ref().map(|s| &s.1))
                .map_or_else(String::new, |w| format!(" ({w:?})"));
            return Some(Found::Contradicts(
                ContradictionType::Polarity,
                format!("one asserts it{what}, the other {verb} it"),
            ));
        }
    }
    // Two agreements of the same parties with different terms are two
    // agreements, unless the matcher says they are the same claim.
    if same
        && !dates_disjoint(a, b)
        && let Some(reason) = numeric
    {
        return Some(Found::Contradicts(ContradictionType::Numeric, reason));
    }
    if same && a.stage_kind() == b.stage_kind() && dates_disjoint(a, b) {
        let list = |f: &Frame| f.dates.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        return Some(Found::Contradicts(
            ContradictionType::Date,
            format!("the same event dated {} vs {}", list(a), list(b)),
        ));
    }
    if let (Some((x, wx)), Some((y, wy))) = (&a.alignment, &b.alignment)
        && x != y
        && parties == Parties::Compatible
        && dates_shared(a, b)
        && !a.negated()
        && !b.negated()
    {
        let (close, apart) = if *x == Alignment::Close { (wx, wy) } else { (wy, wx) };
        return Some(Found::Contradicts(
            ContradictionType::Antonymy,
            format!("over the same period, {apart:?} vs {close:?}"),
        ));
    }
    if same && !dates_disjoint(a, b) && a.negated() == b.negated() {
        // One has a word and not its opposite, the other the opposite and
        // not the word.
        let (ax, ay, bx, by) = (a.antonym_first, a.antonym_second, b.antonym_first, b.antonym_second);
        let opposed = (ax & !ay & by & !bx) | (ay & !ax & bx & !by);
        if opposed != 0 {
            let (x, y) = ANTONYMS[opposed.trailing_zeros() as usize];
            let (x, y) = (x.trim_end_matches('*'), y.trim_end_matches('*'));
            return Some(Found::Contradicts(ContradictionType::Antonymy, format!("{x:?} vs {y:?}")));
        }
    }
    if same && a.negated() == b.negated() && !dates_disjoint(a, b) {
        // Support inside a group goes without saying: no reason to write.
        if cx.same_group {
            return Some(Found::Supports(String::new()));
        }
        let shared: Vec<String> = a
            .amounts
            .iter()
            .filter(|x| b.amounts.iter().any(|y| same_slot(x.kind, &x.unit, y.kind, &y.unit)))
            .map(|x| x.text.clone())
            .collect();
        let reason = if shared.is_empty() {
            "the same claim".to_owned()
        } else {
            format!("the same claim, and the values agree ({})", shared.join(", "))
        };
        return Some(Found::Supports(reason));
    }
    None
}

/// An update (a later report moves the matter to an outcome) or a
/// modality conflict (done vs still expected, at the same time).
///
/// `state`: the matter is a state of affairs (a policy) rather than an
/// agreement, so a report without a status word describes it as it was.
fn status_change(a: &Frame, b: &Frame, state: bool) -> Option<Found> {
    let (sa, sb) = (a.stage.clone(), b.stage.clone());
    if a.stage_kind() == b.stage_kind() || a.negated() || b.negated() {
        return None;
    }
    let when = match (a.published, b.published) {
        (Some(x), Some(y)) => order(x, y),
        _ => None,
    };
    let update = |later: &Frame, earlier: &Frame, a_is_later: bool| -> Option<Found> {
        let (stage, word) = later.stage.as_ref().map(|(s, w)| (*s, w.as_str()))?;
        // A deal put on hold is news of it too, though not its end.
        if !stage.is_outcome() && stage != Stage::Paused {
            return None;
        }
        let before = earlier.stage_kind();
        if before.is_some_and(|s| s >= stage) || (before.is_none() && !state) {
            return None;
        }
        // An outcome dated before the earlier report is an older event,
        // not news that changes it.
        if let (Some(&event), Some(then)) = (later.dates.first(), earlier.published)
            && order(event, then) == Some(Ordering::Less)
        {
            return None;
        }
        let was = earlier
            .stage
            .as_ref()
            .map_or_else(|| "as it was".to_owned(), |s| format!("{} ({:?})", s.0.as_str(), s.1));
        Some(Found::Updates {
            a_is_later,
            reason: format!(
                "a later report ({}) says {} ({word:?}); the earlier one ({}) had it {was}",
                published(later),
                stage.as_str(),
                published(earlier)
            ),
        })
    };
    match when {
        Some(Ordering::Greater) => update(a, b, true),
        Some(Ordering::Less) => update(b, a, false),
        _ => {
            let ((x, wx), (y, wy)) = (sa?, sb?);
            if x.is_outcome() == y.is_outcome() || !same_time(a, b) {
                return None;
            }
            let ((done, wd), (open, wo)) =
                if x.is_outcome() { ((x, wx), (y, wy)) } else { ((y, wy), (x, wx)) };
            // Only a report that it is still proposed or under talks says
            // it is not done: "agreed" in April and "inked" in April are
            // one deal.
            if !matches!(open, Stage::Proposed | Stage::Negotiating) {
                return None;
            }
            Some(Found::Contradicts(
                ContradictionType::Modality,
                format!(
                    "at the same time, one says {} ({wd:?}), the other {} ({wo:?})",
                    done.as_str(),
                    open.as_str()
                ),
            ))
        }
    }
}

/// A figure of one measure both claims give, with values that cannot be
/// the same: "298 vs 295". Money, percentages and rates compare in one
/// unit; counts compare whatever noun counts them ("298 people", "295
/// passengers"), from ten up, since small counts ("two countries") are
/// rarely the measure a report is about. Parts that add up to the other's
/// whole agree.
///
/// `only`: compare counts of this noun only. With the reason, whether
/// the figures compared are all moves (see `Amount::movement`).
fn measure_revision(a: &Frame, b: &Frame, only: Option<&str>) -> Option<(String, bool)> {
    let measure = |x: &super::frame::Amount, y: &super::frame::Amount| {
        x.kind == y.kind
            && only.is_none_or(|u| x.kind == QuantityKind::Count && x.unit == u && y.unit == u)
            && match x.kind {
                QuantityKind::Count => {
                    (x.unit == y.unit || x.unit.is_empty() || y.unit.is_empty())
                        && x.low >= 10.0
                        && y.low >= 10.0
                }
                QuantityKind::Money | QuantityKind::Percent => x.unit == y.unit,
                _ => false,
            }
    };
    for x in &a.amounts {
        let ours: Vec<_> = a.amounts.iter().filter(|y| measure(x, y)).collect();
        let theirs: Vec<_> = b.amounts.iter().filter(|y| measure(x, y)).collect();
        if theirs.is_empty() {
            continue;
        }
        let agree = ours.iter().any(|p| theirs.iter().any(|q| agrees(p, q)));
        // Parts of any size: "283 passengers and 15 crew".
        let ours_parts: Vec<_> = a.amounts.iter().filter(|y| y.kind == x.kind && y.unit == x.unit).collect();
        let their_parts: Vec<_> = b.amounts.iter().filter(|y| y.kind == x.kind && y.unit == x.unit).collect();
        if agree || sums_to(&ours_parts, &theirs) || sums_to(&their_parts, &ours) {
            return None;
        }
        let texts =
            |v: &[&super::frame::Amount]| v.iter().map(|q| q.text.clone()).collect::<Vec<_>>().join(", ");
        let moves = ours.iter().chain(&theirs).all(|q| q.movement);
        return Some((format!("{} where the other gives {}", texts(&ours), texts(&theirs)), moves));
    }
    None
}

/// The kind of event `neg` denies and `pos` asserts of the denier, if
/// `neg` is a denial answering `pos`.
fn denial_answers<'f>(neg: &'f Frame, pos: &Frame) -> Option<&'f str> {
    let denier = neg.denier?;
    if !neg.denial || pos.negated() || dates_disjoint(neg, pos) || !super::frame::said_of(pos, denier) {
        return None;
    }
    neg.events
        .iter()
        .filter(|k| Some(*k) != neg.denial_kind.as_ref())
        .find(|k| pos.events.binary_search(k).is_ok())
        .map(String::as_str)
}

/// Whether `a` and `b` name different parties as the doer of an event of
/// one kind in [`super::frame::ACCOUNTS`] (for an accusation, as the one
/// accused), none in common: the kind and each side's parties, as
/// written. Neither may negate (a denial answers an accusation by the
/// rule of its own), their dates must be able to meet, and they must be
/// two sources: two articles, two speakers, or two accusers ("BP blamed
/// Transocean", "Transocean blamed Halliburton").
fn rival_accounts(a: &Frame, b: &Frame) -> Option<(String, String, String)> {
    let accusers_apart = !a.accusers.is_empty()
        && !b.accusers.is_empty()
        && !a.accusers.iter().any(|x| b.accusers.binary_search(x).is_ok());
    if a.accounts.is_empty()
        || b.accounts.is_empty()
        || a.negated()
        || b.negated()
        || dates_disjoint(a, b)
        || (a.article == b.article && a.speaker == b.speaker && !accusers_apart)
    {
        return None;
    }
    let of = |f: &Frame, kind: &str| -> Vec<(u64, String)> {
        f.accounts.iter().filter(|(k, ..)| k == kind).map(|(_, key, word)| (*key, word.clone())).collect()
    };
    a.accounts.iter().map(|(k, ..)| k.as_str()).find_map(|kind| {
        let (x, y) = (of(a, kind), of(b, kind));
        let apart = !y.is_empty() && !x.iter().any(|(key, _)| y.iter().any(|(other, _)| other == key));
        let words = |v: Vec<(u64, String)>| v.into_iter().map(|(_, w)| w).collect::<Vec<_>>().join(", ");
        apart.then(|| (kind.to_owned(), words(x), words(y)))
    })
}

/// The contradiction of two rival sources' figures; `reason` is
/// `measure_revision`'s, `a`'s figures first.
fn rivals(a: &Frame, b: &Frame, reason: &str) -> Found {
    let (ours, theirs) = reason.split_once(" where the other gives ").unwrap_or((reason, ""));
    Found::Contradicts(
        ContradictionType::Numeric,
        format!(
            "rival figures: {} gives {ours}, {} {theirs}",
            a.speaker.as_deref().unwrap_or_default(),
            b.speaker.as_deref().unwrap_or_default()
        ),
    )
}

/// Whether two claims of one article come from two named sources, each
/// giving its figure as it stands: neither tells of a figure changing
/// ("earlier", "raised to"), and their dates, if any, overlap.
fn rival_sources(a: &Frame, b: &Frame) -> bool {
    a.article == b.article
        && matches!((&a.speaker, &b.speaker), (Some(x), Some(y)) if x != y)
        && !a.narrates_change
        && !b.narrates_change
        && !dates_disjoint(a, b)
}

/// Whether two values of one measure can be the same figure: one inside
/// the other ("60,000", the top of "35,000 to 60,000"), or overlapping
/// hedges ("around $44 billion", "about $43B"). Two stated ranges that
/// only overlap are two estimates ("12,000 to 25,000", then "25,000 to
/// 30,000").
fn agrees(p: &super::frame::Amount, q: &super::frame::Amount) -> bool {
    let overlap = p.low <= q.high && q.low <= p.high;
    within(p, q) || within(q, p) || (overlap && !(p.stated_range && q.stated_range))
}

/// Whether two amounts are near enough in size to be two values of one
/// thing: rival figures differ by a few times, while "$54.20" and "$44
/// billion" are a price and a total, whatever their words.
fn same_magnitude(p: &super::frame::Amount, q: &super::frame::Amount) -> bool {
    const APART: f64 = 100.0;
    let (x, y) = (p.value.abs(), q.value.abs());
    x.max(y) <= APART * x.min(y)
}

/// Whether the value or range `inner` lies inside `outer`.
fn within(inner: &super::frame::Amount, outer: &super::frame::Amount) -> bool {
    outer.low <= inner.low && inner.high <= outer.high
}

/// Whether one claim gives the counted measure `unit` a value inside a
/// range the other states ("35,000 to 60,000"), and holds no earlier: a
/// narrower estimate that bears the wider one out. A value inside a
/// hedge ("about 62,000") or a bound ("more than 40,000") narrows
/// nothing; the same value twice is a restatement, the matcher's to
/// group, not a relation between two facts. A range inside the other's
/// ("12,000 to 19,000" in "12,000 to 25,000") is a second estimate, two
/// teams' or two methods', not one value bearing the other out.
fn measure_narrows(a: &Frame, b: &Frame, unit: &str) -> bool {
    let of = |x: &&super::frame::Amount| x.kind == QuantityKind::Count && x.unit == unit;
    let same = |p: &super::frame::Amount, q: &super::frame::Amount| within(p, q) && within(q, p);
    let any_same = a.amounts.iter().filter(of).any(|p| b.amounts.iter().filter(of).any(|q| same(p, q)));
    let narrows = |inner: &Frame, outer: &Frame| {
        let not_earlier = match (inner.holds(), outer.holds()) {
            (Some(x), Some(y)) => order(x, y) != Some(Ordering::Less),
            _ => true,
        };
        not_earlier
            && inner.amounts.iter().filter(of).any(|p| {
                !p.stated_range
                    && outer.amounts.iter().filter(of).any(|q| q.stated_range && within(p, q) && !same(p, q))
            })
    };
    !any_same && (narrows(a, b) || narrows(b, a))
}

/// Whether `parts`, two or more, add up to one of `whole` ($280bn +
/// $120bn = $400bn; 283 passengers and 15 crew are 298 people).
fn sums_to(parts: &[&super::frame::Amount], whole: &[&super::frame::Amount]) -> bool {
    parts.len() > 1 && {
        let total: f64 = parts.iter().map(|p| p.value).sum();
        whole.iter().any(|w| w.low <= total && total <= w.high)
    }
}

/// Whether two claims name the same deal's parties: the same countries,
/// or two or more of the same people and organisations.
fn same_deal(a: &Frame, b: &Frame) -> bool {
    if a.countries.len() >= 2 || b.countries.len() >= 2 {
        return a.countries.len() >= 2 && a.countries == b.countries;
    }
    let (x, y) = (a.deal_parties(), b.deal_parties());
    x.iter().filter(|p| y.binary_search(p).is_ok()).count() >= 2
}

/// The first noun both claims count ten or more of.
fn shared_measure<'f>(a: &'f Frame, b: &Frame) -> Option<&'f str> {
    a.measures.iter().find(|m| b.measures.binary_search(m).is_ok()).map(String::as_str)
}

/// "X where the other gives Y" from the other side.
fn flip(reason: &str) -> String {
    match reason.split_once(" where the other gives ") {
        Some((x, y)) => format!("{y} where the other gives {x}"),
        None => reason.to_owned(),
    }
}

/// Amounts, percentages and durations compare; counts of things are too
/// loose ("the two countries") to contradict anything.
fn same_slot(ka: QuantityKind, ua: &str, kb: QuantityKind, ub: &str) -> bool {
    ka == kb && ua == ub && matches!(ka, QuantityKind::Money | QuantityKind::Percent | QuantityKind::Duration)
}

/// A slot both claims fill with values that cannot be the same, where
/// neither claim's parts add up to the other's whole ($280bn + $120bn =
/// $400bn agrees).
fn numeric_conflict(a: &Frame, b: &Frame) -> Option<String> {
    for x in &a.amounts {
        let ours: Vec<_> = a.amounts.iter().filter(|y| same_slot(x.kind, &x.unit, y.kind, &y.unit)).collect();
        let theirs: Vec<_> = b
            .amounts
            .iter()
            .filter(|y| same_slot(x.kind, &x.unit, y.kind, &y.unit) && same_magnitude(x, y))
            .collect();
        if theirs.is_empty() {
            continue;
        }
        let agree = ours.iter().any(|p| theirs.iter().any(|q| agrees(p, q)));
        if agree || sums_to(&ours, &theirs) || sums_to(&theirs, &ours) {
            continue;
        }
        let texts =
            |v: &[&super::frame::Amount]| v.iter().map(|q| q.text.clone()).collect::<Vec<_>>().join(" + ");
        return Some(format!("{}: {} vs {}", x.unit, texts(&ours), texts(&theirs)));
    }
    None
}
