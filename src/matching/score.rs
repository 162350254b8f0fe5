//! The pair score: how surely two claims say the same thing.
//!
//! The score is a weighted mean of components in [0, 1], times penalties:
//!
//! - `words`: IDF-weighted Dice overlap of the stemmed content words;
//! - `entities`: IDF-weighted Dice overlap of the canonical entities (present
//!   when either claim names one). Its weight in the mean is scaled by
//!   `told / (told + entity_prior)`, `told` the claims' mean entity weight:
//!   agreeing on entities that half the corpus names tells little;
//! - `quantities`: the share of shared slots (money in USD, a duration in
//!   years, a date) whose values agree (present when both claims fill a
//!   common slot);
//! - `wording`: normalized Levenshtein similarity of the two term
//!   sequences in text order, which rewards near-identical wording.
//!
//! A component that is not present leaves the mean, so a pair without
//! entities is judged on the rest. When each claim names a party of the
//! same kind that the other does not (Russia here, China there), the score
//! is multiplied by the party-conflict penalty: the claims are about other
//! parties. A differing amount or date only lowers `quantities` and is
//! recorded as a disagreement: on the same matter it is what the analysis
//! flags as a contradiction, not a reason to split. Different figures for
//! one measure, and different kinds of event with none in common, take
//! their penalties last, outside the score the analysis weighs (`alike`).

use serde::{Deserialize, Serialize};

use super::features::{Amount, AmountValue, Features, Term, Vocabulary, display};
use super::{MatchConfig, Weights};
use crate::model::EntityKind;

/// The weight of each term: IDF, `ln(1 + scale / df)`. A fixed scale
/// instead of the corpus size means a claim that shares no term with the
/// others changes no weight, and so no score.
pub(crate) fn term_weights(vocabulary: &Vocabulary, scale: f64) -> Vec<f32> {
    (0..vocabulary.len())
        .map(|t| {
            let df = f64::from(vocabulary.df(Term::try_from(t).unwrap_or(Term::MAX)).max(1));
            (1.0 + scale / df).ln() as f32
        })
        .collect()
}

/// Per-claim sums of term weights, so Dice needs only the shared part.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Totals {
    words: f32,
    /// The part of `words` that is figures.
    figures: f32,
    entities: f32,
}

pub(crate) fn totals(f: &Features, weights: &[f32]) -> Totals {
    let w = |t: Term| weights.get(t as usize).copied().unwrap_or(0.0);
    Totals {
        words: f.words.iter().chain(&f.figures).map(|&t| w(t)).sum(),
        figures: f.figures.iter().map(|&t| w(t)).sum(),
        entities: f.entities.iter().map(|&(t, _)| w(t)).sum(),
    }
}

/// The numbers of one pair's score, without the explanation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Parts {
    pub(crate) words: f64,
    /// Words and entities as the overlap coefficient: the shared weight
    /// over the smaller claim's.
    pub(crate) contained: f64,
    /// Whether the claims share a figure (an amount that is not a date).
    pub(crate) shared_figure: bool,
    pub(crate) content: f64,
    /// `content` without the figures: the words the claims share, which
    /// the content floor is on.
    pub(crate) said: f64,
    pub(crate) entities: Option<f64>,
    /// The entities component's weight in the mean, scaled by how much
    /// the entities tell.
    pub(crate) entities_weight: f64,
    pub(crate) quantities: Option<f64>,
    pub(crate) wording: f64,
    pub(crate) party_conflict: bool,
    pub(crate) status_conflict: bool,
    pub(crate) event_conflict: bool,
    pub(crate) money_missing: bool,
    pub(crate) figure_conflict: bool,
    /// The score without the figure and event penalties.
    pub(crate) alike: f64,
    pub(crate) thin_content: bool,
    pub(crate) score: f64,
}

/// Everything the kernel needs about the corpus.
pub(crate) struct Kernel<'a> {
    pub(crate) weights: &'a [f32],
    pub(crate) config: &'a MatchConfig,
}

impl Kernel<'_> {
    fn weight(&self, t: Term) -> f32 {
        self.weights.get(t as usize).copied().unwrap_or(0.0)
    }

    /// The score of a pair with its parts.
    pub(crate) fn parts(&self, a: &Features, ta: Totals, b: &Features, tb: Totals) -> Parts {
        self.parts_reaching(a, ta, b, tb, f64::NEG_INFINITY).unwrap_or_default()
    }

    /// The score of a pair with its parts, or `None` when it cannot reach
    /// `floor`: the hot path. Merges of sorted term lists first; the edit
    /// distance, the dearest part, only when the score with a perfect
    /// wording would reach `floor`. The bound is exact (every step is
    /// monotone in the wording), so skipping changes no result.
    pub(crate) fn parts_reaching(
        &self,
        a: &Features,
        ta: Totals,
        b: &Features,
        tb: Totals,
        floor: f64,
    ) -> Option<Parts> {
        let Weights { words: w_words, entities: w_entities, quantities: w_quantities, wording: w_wording } =
            self.config.weights;
        // Words and entities together: a rare shared entity (the Indian
        // Ocean) is as telling as a rare shared word, a common one (Iran in
        // a corpus about Iran) tells little.
        let shared_figures = self.shared_weight(&a.figures, &b.figures);
        let shared_words = self.shared_weight(&a.words, &b.words) + shared_figures;
        let shared_entities = self.shared_weight_by(&a.entities, &b.entities, |e| e.0);
        let containment = self.config.containment;
        let words = overlap(
            shared_words + shared_entities,
            ta.words + ta.entities,
            tb.words + tb.entities,
            containment,
        );
        let contained =
            overlap(shared_words + shared_entities, ta.words + ta.entities, tb.words + tb.entities, 1.0);
        let shared_figure = shared_figures > 0.0;
        // What is claimed, without who it is about.
        let content = overlap(shared_words, ta.words, tb.words, containment);
        let entities = (!a.entities.is_empty() || !b.entities.is_empty())
            .then(|| dice(shared_entities, ta.entities, tb.entities));
        let quantities = amount_agreement(a, b, self.config.amount_tolerance);
        // The entities component counts as much as the entities tell:
        // names half the corpus shares weigh little against the prior.
        let told = f64::from(ta.entities + tb.entities) / 2.0;
        let prior = self.config.entity_prior;
        let entities_weight =
            if prior > 0.0 && entities.is_some() { w_entities * told / (told + prior) } else { w_entities };
        let mut num = w_words * words;
        let mut den = w_words + w_wording;
        if let Some(e) = entities {
            num += entities_weight * e;
            den += entities_weight;
        }
        if let Some(q) = quantities {
            num += w_quantities * q;
            den += w_quantities;
        }
        let content_floor = self.config.content_floor;
        // A figure both state is content they share, but not a predicate:
        // "trade in oil rose 46%" and "trade in grain rose 46%" share
        // one. The floor is on the words alone, unless neither claim has
        // a word: then it is on what they have (two bare figures).
        let (words_a, words_b) = (ta.words - ta.figures, tb.words - tb.figures);
        let said = if words_a <= 0.0 && words_b <= 0.0 {
            content
        } else {
            overlap(shared_words - shared_figures, words_a, words_b, containment)
        };
        let thin_content = said < content_floor;
        let party_conflict = party_conflict(&a.entities, &b.entities);
        let status_conflict = matches!((a.outcome, b.outcome), (Some(x), Some(y)) if x != y);
        let money_missing = a.money != b.money;
        let finish = |wording: f64| {
            let mut score = if den > 0.0 { (num + w_wording * wording) / den } else { 0.0 };
            if thin_content {
                score *= said / content_floor;
            }
            if party_conflict {
                score *= self.config.party_conflict;
            }
            if status_conflict {
                score *= self.config.status_conflict;
            }
            if money_missing {
                score *= self.config.money_missing;
            }
            score.clamp(0.0, 1.0)
        };
        // The figure and event penalties come last, so the score without
        // them, the one the analysis weighs, is `finish` itself; pairs are
        // kept on it. Another figure or another event of the same matter
        // is another fact of it: a revision, a later stage, a denial.
        if finish(1.0) < floor {
            return None;
        }
        let figure_conflict = figures_conflict(a, b, self.config.amount_tolerance);
        // A step and an outcome ("talks", "signed") are two kinds of event
        // too: the status penalty already says so.
        let event_conflict = !status_conflict && event_conflict(a, b);
        let other_fact = if figure_conflict { self.config.figure_conflict } else { 1.0 }
            * if event_conflict { self.config.event_conflict } else { 1.0 };
        let longer = a.sequence.len().max(b.sequence.len());
        let wording = if longer == 0 {
            1.0
        } else {
            1.0 - edit_distance(&a.sequence, &b.sequence) as f64 / longer as f64
        };
        Some(Parts {
            words,
            contained,
            shared_figure,
            content,
            said,
            entities,
            entities_weight,
            quantities,
            wording,
            party_conflict,
            status_conflict,
            event_conflict,
            money_missing,
            figure_conflict,
            alike: finish(wording),
            thin_content,
            score: finish(wording) * other_fact,
        })
    }

    fn shared_weight(&self, a: &[Term], b: &[Term]) -> f32 {
        self.shared_weight_by(a, b, |&t| t)
    }

    fn shared_weight_by<T>(&self, a: &[T], b: &[T], key: impl Fn(&T) -> Term) -> f32 {
        let (mut i, mut j, mut shared) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            let (x, y) = (key(&a[i]), key(&b[j]));
            match x.cmp(&y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += self.weight(x);
                    i += 1;
                    j += 1;
                }
            }
        }
        shared
    }

    /// The score of a pair with its explanation.
    pub(crate) fn explain(
        &self,
        vocabulary: &Vocabulary,
        a: &Features,
        ta: Totals,
        b: &Features,
        tb: Totals,
    ) -> (f64, Components) {
        let parts = self.parts(a, ta, b, tb);
        let w = self.config.weights;
        let shared_words = intersect(&a.words, &b.words)
            .chain(intersect(&a.figures, &b.figures))
            .map(|t| Shared {
                term: display(vocabulary.term(t)).to_owned(),
                weight: round(f64::from(self.weight(t))),
            })
            .collect();
        let a_entities: Vec<Term> = a.entities.iter().map(|e| e.0).collect();
        let b_entities: Vec<Term> = b.entities.iter().map(|e| e.0).collect();
        let shared_entities = intersect(&a_entities, &b_entities)
            .map(|t| Shared {
                term: display(vocabulary.term(t)).to_owned(),
                weight: round(f64::from(self.weight(t))),
            })
            .collect();
        let mut penalties = Vec::new();
        if parts.party_conflict {
            let only = |x: &[(Term, EntityKind)], y: &[Term]| -> Vec<String> {
                x.iter()
                    .filter(|e| party_kind(e.1) && !y.contains(&e.0))
                    .map(|e| display(vocabulary.term(e.0)).to_owned())
                    .collect()
            };
            penalties.push(Penalty {
                reason: format!(
                    "different parties: {} vs {}",
                    only(&a.entities, &b_entities).join(", "),
                    only(&b.entities, &a_entities).join(", ")
                ),
                factor: self.config.party_conflict,
            });
        }
        if parts.status_conflict {
            let name = |outcome: Option<bool>| {
                if outcome == Some(true) { "an outcome" } else { "a step towards one" }
            };
            penalties.push(Penalty {
                reason: format!("different status: {} vs {}", name(a.outcome), name(b.outcome)),
                factor: self.config.status_conflict,
            });
        }
        if parts.event_conflict {
            let names = |events: &[Term]| -> String {
                events.iter().map(|&t| display(vocabulary.term(t))).collect::<Vec<_>>().join(", ")
            };
            penalties.push(Penalty {
                reason: format!("different events: {} vs {}", names(&a.events), names(&b.events)),
                factor: self.config.event_conflict,
            });
        }
        if parts.money_missing {
            penalties.push(Penalty {
                reason: "only one states an amount of money".to_owned(),
                factor: self.config.money_missing,
            });
        }
        if parts.figure_conflict {
            penalties.push(Penalty {
                reason: "different figures for the same measure".to_owned(),
                factor: self.config.figure_conflict,
            });
        }
        if parts.thin_content {
            let floor = self.config.content_floor;
            penalties.push(Penalty {
                reason: format!(
                    "little shared content: content words (figures aside) {:.3} under {floor}",
                    parts.said
                ),
                factor: round(parts.said / floor),
            });
        }
        let (matched, disagreements) = amount_details(vocabulary, a, b, self.config.amount_tolerance);
        let components = Components {
            words: Component { score: round(parts.words), weight: w.words, shared: shared_words },
            entities: parts.entities.map(|e| Component {
                score: round(e),
                weight: round(parts.entities_weight),
                shared: shared_entities,
            }),
            quantities: parts.quantities.map(|q| QuantityComponent {
                score: round(q),
                weight: w.quantities,
                matched,
                disagreements,
            }),
            wording: WordingComponent { score: round(parts.wording), weight: w.wording },
            penalties,
        };
        (parts.score, components)
    }
}

/// Levenshtein distance between two term sequences. Claims hold a dozen
/// terms or so: the common ends are cut, and the rest is one dynamic
/// programming row, on the stack up to 64 terms (strsim's
/// `generic_levenshtein`, and rapidfuzz over `u32` items, allocate on every
/// call, which made them a third of the kernel's time).
///
/// Past [`EXACT_TERMS`] differing terms on the longer side the distance is
/// estimated, so a pair of long claims costs a bounded time, not the
/// product of their lengths: the distance between the first
/// `EXACT_TERMS` terms of each, scaled to the longer side. Only the
/// `wording` component reads it.
fn edit_distance(a: &[Term], b: &[Term]) -> usize {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let longer = a.len().max(b.len());
    if longer <= EXACT_TERMS {
        return levenshtein(a, b);
    }
    let (x, y) = (&a[..a.len().min(EXACT_TERMS)], &b[..b.len().min(EXACT_TERMS)]);
    let window = x.len().max(y.len());
    let d = levenshtein(x, y);
    // Never under the length difference, which any alignment must pay.
    (d * longer).div_ceil(window).clamp(a.len().abs_diff(b.len()), longer)
}

/// The differing terms up to which [`edit_distance`] is exact.
const EXACT_TERMS: usize = 256;

/// Levenshtein distance over one row, on the stack for short sequences.
fn levenshtein(a: &[Term], b: &[Term]) -> usize {
    const STACK: usize = 64;
    let mut stack = [0usize; STACK + 1];
    let mut heap = Vec::new();
    let row: &mut [usize] = if b.len() <= STACK {
        &mut stack[..=b.len()]
    } else {
        heap.resize(b.len() + 1, 0);
        &mut heap
    };
    for (j, cell) in row.iter_mut().enumerate() {
        *cell = j;
    }
    for (i, x) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (up + 1).min(row[j] + 1).min(diagonal + usize::from(x != y));
            diagonal = up;
        }
    }
    row[b.len()]
}

/// IDF-weighted Dice blended with the overlap coefficient (the shared
/// weight over the smaller side's), `containment` of the latter: a clause
/// that states one fact of a long sentence shares little of the sentence's
/// weight, but most of its own.
fn overlap(shared: f32, a: f32, b: f32, containment: f64) -> f64 {
    let smaller = a.min(b);
    let contained =
        if smaller <= 0.0 { dice(shared, a, b) } else { (f64::from(shared) / f64::from(smaller)).min(1.0) };
    (1.0 - containment) * dice(shared, a, b) + containment * contained
}

/// IDF-weighted Dice. Two empty sets are alike: nothing tells them apart,
/// and a claim must score 1 with itself.
fn dice(shared: f32, a: f32, b: f32) -> f64 {
    if a + b <= 0.0 { 1.0 } else { (2.0 * f64::from(shared) / f64::from(a + b)).min(1.0) }
}

fn intersect<'a>(a: &'a [Term], b: &'a [Term]) -> impl Iterator<Item = Term> + 'a {
    let mut j = 0;
    a.iter().copied().filter(move |&x| {
        while j < b.len() && b[j] < x {
            j += 1;
        }
        j < b.len() && b[j] == x
    })
}

/// Kinds of entity that are parties to a claim: people, countries and
/// organisations (a place is where, not who).
fn party_kind(kind: EntityKind) -> bool {
    matches!(kind, EntityKind::Person | EntityKind::Country | EntityKind::Organisation)
}

/// Whether each claim names a kind of event and the two share none.
fn event_conflict(a: &Features, b: &Features) -> bool {
    !a.events.is_empty() && !b.events.is_empty() && intersect(&a.events, &b.events).next().is_none()
}

/// Whether each side names a party of some kind that the other side does
/// not name, while the other names one of that kind: Russia vs China.
fn party_conflict(a: &[(Term, EntityKind)], b: &[(Term, EntityKind)]) -> bool {
    let only = |x: &[(Term, EntityKind)], y: &[(Term, EntityKind)], kind: EntityKind| {
        // Entity terms are sorted.
        x.iter().any(|e| e.1 == kind && y.binary_search_by_key(&e.0, |f| f.0).is_err())
    };
    [EntityKind::Country, EntityKind::Person, EntityKind::Organisation]
        .into_iter()
        .any(|kind| only(a, b, kind) && only(b, a, kind))
}

/// The share of slots both claims fill whose values agree; `None` when
/// they share none. Symmetric: a slot agrees when any of its values on one
/// side agrees with any on the other.
fn amount_agreement(a: &Features, b: &Features, tolerance: f64) -> Option<f64> {
    let (mut shared, mut agree) = (0usize, 0usize);
    for (n, x) in a.amounts.iter().enumerate() {
        if a.amounts[..n].iter().any(|z| z.slot == x.slot) || !b.amounts.iter().any(|y| y.slot == x.slot) {
            continue;
        }
        shared += 1;
        let ok = a.amounts.iter().filter(|z| z.slot == x.slot).any(|z| {
            b.amounts.iter().filter(|y| y.slot == x.slot).any(|y| same_value(z.value, y.value, tolerance))
        });
        agree += usize::from(ok);
    }
    (shared > 0).then(|| agree as f64 / shared as f64)
}

/// Whether the claims give figures (counts from ten up, amounts of money,
/// shares) of the same measure and agree on none of them: "298 killed" and
/// "295 killed" are two figures, two facts, for the analysis to relate as
/// a revision or a contradiction.
fn figures_conflict(a: &Features, b: &Features, tolerance: f64) -> bool {
    fn figures(f: &Features) -> impl Iterator<Item = (&Amount, f64)> + '_ {
        f.amounts.iter().filter(|x| x.figure).filter_map(|x| match x.value {
            AmountValue::Number(n) => Some((x, n)),
            AmountValue::Date(_) => None,
        })
    }
    // Two figures are of one measure when written in one unit ("298
    // people", "193 people") or read as counting one thing ("196 Dutch
    // nationals", "193 people of Dutch nationality").
    let mut shared = false;
    for (x, n) in figures(a) {
        for (_, m) in figures(b).filter(|(y, _)| y.slot == x.slot || y.measure == x.measure) {
            if same_value(AmountValue::Number(n), AmountValue::Number(m), tolerance) {
                return false;
            }
            shared = true;
        }
    }
    shared
}

/// Whether two values agree: numbers within the relative tolerance, dates
/// when one is a refinement of the other (2019 and 2019-08 agree).
pub(crate) fn same_value(a: AmountValue, b: AmountValue, tolerance: f64) -> bool {
    match (a, b) {
        (AmountValue::Number(x), AmountValue::Number(y)) => {
            (x - y).abs() <= tolerance * x.abs().max(y.abs()) || x == y
        }
        (AmountValue::Date(x), AmountValue::Date(y)) => {
            x.year() == y.year()
                && (x.month().is_none() || y.month().is_none() || x.month() == y.month())
                && (x.day().is_none() || y.day().is_none() || x.day() == y.day())
        }
        _ => false,
    }
}

fn value_text(v: AmountValue) -> String {
    match v {
        AmountValue::Number(n) => format!("{n}"),
        AmountValue::Date(d) => d.to_string(),
    }
}

fn amount_details(
    vocabulary: &Vocabulary,
    a: &Features,
    b: &Features,
    tolerance: f64,
) -> (Vec<String>, Vec<Disagreement>) {
    let mut matched = Vec::new();
    let mut disagreements = Vec::new();
    let mut slots: Vec<Term> = a.amounts.iter().map(|x| x.slot).collect();
    slots.sort_unstable();
    slots.dedup();
    for slot in slots {
        let xs: Vec<AmountValue> = a.amounts.iter().filter(|x| x.slot == slot).map(|x| x.value).collect();
        let ys: Vec<AmountValue> = b.amounts.iter().filter(|y| y.slot == slot).map(|y| y.value).collect();
        if ys.is_empty() {
            continue;
        }
        let name = display(vocabulary.term(slot)).to_owned();
        match xs.iter().find_map(|&x| ys.iter().find(|&&y| same_value(x, y, tolerance)).map(|&y| (x, y))) {
            Some((x, _)) => matched.push(format!("{name} {}", value_text(x))),
            None => disagreements.push(Disagreement {
                slot: name,
                a: xs.iter().map(|&v| value_text(v)).collect::<Vec<_>>().join(", "),
                b: ys.iter().map(|&v| value_text(v)).collect::<Vec<_>>().join(", "),
            }),
        }
    }
    (matched, disagreements)
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A pair's score broken into its parts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Components {
    /// Content words, IDF-weighted Dice.
    pub words: Component,
    /// Canonical entities, IDF-weighted Dice; absent when neither claim
    /// names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<Component>,
    /// Amounts and dates in shared slots; absent when the claims share no
    /// slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantities: Option<QuantityComponent>,
    /// Similarity of the wording (edit distance over the term sequences).
    pub wording: WordingComponent,
    /// Factors applied to the weighted mean, with why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penalties: Vec<Penalty>,
}

/// One overlap component: its value, its weight in the mean, and the
/// shared terms with their IDF weights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Component {
    /// The component's value in [0, 1].
    pub score: f64,
    /// Its weight in the weighted mean.
    pub weight: f64,
    /// The terms both claims have, with their IDF weights.
    pub shared: Vec<Shared>,
}

/// A term both claims share.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Shared {
    /// The word stem or the entity's canonical name.
    pub term: String,
    /// Its IDF weight.
    pub weight: f64,
}

/// The quantity component.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuantityComponent {
    /// The share of shared slots whose values agree.
    pub score: f64,
    /// Its weight in the weighted mean.
    pub weight: f64,
    /// Slots whose values agree ("money usd 400000000000").
    pub matched: Vec<String>,
    /// Slots whose values differ.
    pub disagreements: Vec<Disagreement>,
}

/// A slot both claims fill with different values: on the same matter, a
/// contradiction for the analysis to weigh.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Disagreement {
    /// What is measured ("money usd", "duration year", "date").
    pub slot: String,
    /// The first claim's values.
    pub a: String,
    /// The second claim's values.
    pub b: String,
}

/// The wording component.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WordingComponent {
    /// Normalized Levenshtein similarity of the term sequences.
    pub score: f64,
    /// Its weight in the weighted mean.
    pub weight: f64,
}

/// A factor applied to the score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Penalty {
    /// Why, in words.
    pub reason: String,
    /// The factor.
    pub factor: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_agrees_with_strsim() {
        let long = [5; 70];
        let longer: Vec<Term> = (0..200).map(|i| i % 7).collect();
        let other: Vec<Term> = (0..180).map(|i| i % 5).collect();
        assert_eq!(edit_distance(&longer, &other), strsim::generic_levenshtein(&longer, &other));
        let cases: [(&[Term], &[Term]); 6] = [
            (&[], &[]),
            (&[1, 2, 3], &[]),
            (&[1, 2, 3], &[1, 2, 3]),
            (&[1, 2, 3, 4], &[1, 3, 4, 5]),
            (&[7, 1, 2, 9], &[1, 2, 7, 9, 9]),
            (&long, &[5, 6, 5]),
        ];
        for (a, b) in cases {
            assert_eq!(
                edit_distance(a, b),
                strsim::generic_levenshtein(&a.to_vec(), &b.to_vec()),
                "{a:?} {b:?}"
            );
            assert_eq!(edit_distance(b, a), edit_distance(a, b));
        }
    }

    #[test]
    fn the_edit_distance_of_long_claims_is_estimated_within_bounds() {
        // Past the exact window the estimate stays between the true
        // distance's bounds: the length difference and the longer length.
        let a: Vec<Term> = (0..3000).map(|i| i % 11).collect();
        let b: Vec<Term> = (0..2000).map(|i| (i * 3) % 13).collect();
        let d = edit_distance(&a, &b);
        assert!((1000..=3000).contains(&d), "{d}");
        let same_but_one: Vec<Term> =
            a.iter().enumerate().map(|(i, &t)| if i == 1500 { 99 } else { t }).collect();
        assert_eq!(edit_distance(&a, &same_but_one), 1, "common ends are cut first");
        let prefix: Vec<Term> = a[..301].iter().map(|&t| if t == 3 { 77 } else { t }).collect();
        assert!(edit_distance(&a, &prefix) >= 3000 - 301, "never under the length difference");
        for (x, y) in [(&a, &b), (&b, &a)] {
            assert_eq!(edit_distance(x, y), d, "symmetric");
        }
    }
}
