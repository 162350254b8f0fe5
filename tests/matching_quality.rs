//! Scores claim grouping against the hand annotation in
//! `tests/data/groups.yaml` (see `tests/data/README.md`): B-cubed and
//! pairwise precision and recall over the annotated claims, and the hard
//! negatives kept apart, printed, with floors that fail the test when
//! quality drops.
//!
//! Run `cargo test --test matching_quality -- --nocapture` to see the
//! figures; set `CLAIMTRACK_SHOW_ERRORS=1` to list every merged or split
//! pair with its explanation. Raise a floor when a change lifts a figure;
//! never lower one to make a change pass.

mod common;

use std::collections::BTreeMap;

use claimtrack::Tracker;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Gold {
    groups: Vec<GoldGroup>,
    negatives: Vec<Negative>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldGroup {
    name: String,
    cross: bool,
    members: Vec<Quote>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Negative {
    a: Quote,
    b: Quote,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Quote {
    article: String,
    quote: String,
}

fn gold() -> Gold {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/groups.yaml");
    let text = std::fs::read_to_string(path).expect("annotation readable");
    serde_yaml_ng::from_str(&text).expect("annotation parses")
}

/// The id of the claim whose span holds the quote.
fn claim_of(tracker: &Tracker, q: &Quote) -> String {
    common::claim_of(tracker, &q.article, &q.quote)
}

struct Figures {
    bcubed_precision: f64,
    bcubed_recall: f64,
    pair_precision: f64,
    pair_recall: f64,
    cross_pair_recall: f64,
    negatives_apart: usize,
    negatives: usize,
    errors: Vec<String>,
}

impl Figures {
    fn bcubed_f1(&self) -> f64 {
        2.0 * self.bcubed_precision * self.bcubed_recall / (self.bcubed_precision + self.bcubed_recall)
    }
}

/// A pair's score and parts, for the error listing.
fn explain(grouping: &claimtrack::Grouping, a: &str, b: &str) -> String {
    let Some(e) = grouping.explain(a, b) else { return String::new() };
    let c = &e.components;
    format!(
        "score {:.3} [words {:.2}, entities {}, quantities {}, wording {:.2}{}]",
        e.score,
        c.words.score,
        c.entities.as_ref().map_or("-".to_owned(), |x| format!("{:.2}", x.score)),
        c.quantities.as_ref().map_or("-".to_owned(), |x| format!("{:.2}", x.score)),
        c.wording.score,
        c.penalties.iter().map(|p| format!(", {} x{}", p.reason, p.factor)).collect::<String>()
    )
}

fn evaluate() -> Figures {
    let tracker = common::tracker();
    let grouping = claimtrack::Matcher::new(claimtrack::MatchConfig::default()).group(tracker.claims());
    let gold = gold();
    let group_of: BTreeMap<&str, &str> = tracker
        .groups()
        .iter()
        .flat_map(|g| g.claims.iter().map(move |c| (c.as_str(), g.id.as_str())))
        .collect();
    let predicted = |claim: &str| group_of.get(claim).copied().unwrap_or("");
    let pair_error = |what: &str, a: &(String, usize), b: &(String, usize), groups: &str| {
        format!("{what}: {} + {} ({groups}) {}", a.0, b.0, explain(&grouping, &a.0, &b.0))
    };

    // Annotated claims with their gold group.
    let mut items: Vec<(String, usize)> = Vec::new();
    for (g, group) in gold.groups.iter().enumerate() {
        for m in &group.members {
            items.push((claim_of(&tracker, m), g));
        }
    }
    // B-cubed over the annotated claims: labels are the gold group and
    // the predicted group's id, numbered.
    let mut predicted_ids: BTreeMap<&str, u32> = BTreeMap::new();
    let truth: Vec<u32> = items.iter().map(|(_, g)| *g as u32).collect();
    let labels: Vec<u32> = items
        .iter()
        .map(|(c, _)| {
            let next = predicted_ids.len() as u32;
            *predicted_ids.entry(predicted(c)).or_insert(next)
        })
        .collect();
    let (bcubed_precision, bcubed_recall, _) = claimtrack::matching::b_cubed(&truth, &labels);
    let mut errors = Vec::new();
    let (mut tp, mut fp, mut fn_, mut cross_tp, mut cross_gold) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for x in 0..items.len() {
        for y in x + 1..items.len() {
            let (a, b) = (&items[x], &items[y]);
            let gold_same = a.1 == b.1;
            let predicted_same = predicted(&a.0) == predicted(&b.0);
            let cross = gold.groups[a.1].cross && a.0.split('#').next() != b.0.split('#').next();
            match (gold_same, predicted_same) {
                (true, true) => {
                    tp += 1;
                    errors.push(pair_error("joined", a, b, &gold.groups[a.1].name));
                }
                (false, true) => {
                    fp += 1;
                    let groups = format!("{} / {}", gold.groups[a.1].name, gold.groups[b.1].name);
                    errors.push(pair_error("merged", a, b, &groups));
                }
                (true, false) => {
                    fn_ += 1;
                    errors.push(pair_error("split", a, b, &gold.groups[a.1].name));
                }
                (false, false) => {}
            }
            if gold_same && cross {
                cross_gold += 1;
                cross_tp += usize::from(predicted_same);
            }
        }
    }
    let mut negatives_apart = 0;
    for neg in &gold.negatives {
        let (a, b) = (claim_of(&tracker, &neg.a), claim_of(&tracker, &neg.b));
        if predicted(&a) != predicted(&b) {
            negatives_apart += 1;
            errors.push(format!("negative apart: {a} / {b} {}", explain(&grouping, &a, &b)));
        } else {
            errors.push(format!("negative merged: {a} + {b} ({})", neg.why));
        }
    }
    let ratio = |x: usize, y: usize| if y == 0 { 1.0 } else { x as f64 / y as f64 };
    Figures {
        bcubed_precision,
        bcubed_recall,
        pair_precision: ratio(tp, tp + fp),
        pair_recall: ratio(tp, tp + fn_),
        cross_pair_recall: ratio(cross_tp, cross_gold),
        negatives_apart,
        negatives: gold.negatives.len(),
        errors,
    }
}

#[test]
fn grouping_meets_its_quality_floors() {
    let f = evaluate();
    println!(
        "B-cubed precision {:.3}  recall {:.3}  F1 {:.3}",
        f.bcubed_precision,
        f.bcubed_recall,
        f.bcubed_f1()
    );
    println!("pairwise precision {:.3}  recall {:.3}", f.pair_precision, f.pair_recall);
    println!("cross-article pair recall {:.3}", f.cross_pair_recall);
    println!("hard negatives kept apart {}/{}", f.negatives_apart, f.negatives);
    if std::env::var_os("CLAIMTRACK_SHOW_ERRORS").is_some() {
        for e in &f.errors {
            println!("  {e}");
        }
    }
    let floors = [
        ("B-cubed precision", f.bcubed_precision, 0.95),
        ("B-cubed recall", f.bcubed_recall, 0.62),
        ("B-cubed F1", f.bcubed_f1(), 0.75),
        ("pairwise precision", f.pair_precision, 0.82),
        ("pairwise recall", f.pair_recall, 0.34),
        ("cross-article pair recall", f.cross_pair_recall, 0.19),
    ];
    let failures: Vec<String> = floors
        .iter()
        .filter(|(_, got, floor)| got < floor)
        .map(|(name, got, floor)| format!("{name}: {got:.3} under the floor {floor}"))
        .collect();
    assert!(failures.is_empty(), "below the floor:\n{}", failures.join("\n"));
    assert!(
        f.negatives_apart >= f.negatives,
        "hard negatives merged: {}/{}",
        f.negatives - f.negatives_apart,
        f.negatives
    );
}
