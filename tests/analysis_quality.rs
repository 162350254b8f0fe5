//! Scores relations and verdicts against the hand annotation in
//! `tests/data/relations.yaml` (and the groups of `groups.yaml`, whose
//! member pairs are `supports` pairs and whose negatives are `none`
//! pairs): precision and recall per relation kind, and verdict accuracy,
//! printed, with floors that fail the test when quality drops.
//!
//! Run `cargo test --test analysis_quality -- --nocapture` to see the
//! figures; set `CLAIMTRACK_SHOW_ERRORS=1` to list every disagreement.
//! Raise a floor when a change lifts a figure; never lower one to make a
//! change pass.

mod common;

use std::collections::BTreeMap;

use claimtrack::Tracker;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Quote {
    article: String,
    quote: String,
}

#[derive(Debug, Deserialize)]
struct Groups {
    groups: Vec<GoldGroup>,
    negatives: Vec<Negative>,
}

#[derive(Debug, Deserialize)]
struct GoldGroup {
    name: String,
    members: Vec<Quote>,
}

#[derive(Debug, Deserialize)]
struct Negative {
    a: Quote,
    b: Quote,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Relations {
    relations: Vec<GoldRelation>,
    verdicts: Vec<GoldVerdict>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldRelation {
    kind: String,
    #[serde(rename = "type")]
    contradiction: Option<String>,
    a: Quote,
    b: Quote,
    #[allow(dead_code)]
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldVerdict {
    group: Option<String>,
    claim: Option<Quote>,
    verdict: String,
    origins: Vec<String>,
    #[allow(dead_code)]
    why: String,
}

fn read<T: for<'de> Deserialize<'de>>(name: &str) -> T {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("annotation readable");
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The id of the claim whose span holds the quote.
fn claim_of(tracker: &Tracker, q: &Quote) -> String {
    common::claim_of(tracker, &q.article, &q.quote)
}

/// The relation the tracker gives the claim pair: a kind (`updates` only
/// when `a` is on the later side) and, for a contradiction, its type.
fn predicted(tracker: &Tracker, a: &str, b: &str) -> (String, Option<String>) {
    let (ga, gb) = (&tracker.group_of(a).expect("grouped").id, &tracker.group_of(b).expect("grouped").id);
    for r in tracker.relations() {
        let involves = (r.from == *ga && r.to == *gb) || (r.from == *gb && r.to == *ga);
        if !involves {
            continue;
        }
        if ga == gb && !r.pairs.iter().any(|p| (p.from == a && p.to == b) || (p.from == b && p.to == a)) {
            continue;
        }
        let kind = match r.kind.as_str() {
            "updates" if r.from != *ga || ga == gb => "updates (reversed)".to_owned(),
            k => k.to_owned(),
        };
        return (kind, r.contradiction.map(|t| t.as_str().to_owned()));
    }
    if ga == gb { ("supports".to_owned(), None) } else { ("none".to_owned(), None) }
}

struct Figures {
    /// kind -> (true positives, false positives, false negatives)
    counts: BTreeMap<&'static str, (usize, usize, usize)>,
    types_right: usize,
    types: usize,
    verdicts_right: usize,
    verdicts: usize,
    entries_right: usize,
    entries: usize,
    origins_right: usize,
    errors: Vec<String>,
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

fn evaluate() -> Figures {
    let tracker = common::tracker();
    let groups: Groups = read("groups.yaml");
    let relations: Relations = read("relations.yaml");
    // Gold pairs: kind and type, keyed by the claim pair in order.
    let mut gold: BTreeMap<(String, String), (String, Option<String>)> = BTreeMap::new();
    for g in &groups.groups {
        let ids: Vec<String> = g.members.iter().map(|m| claim_of(&tracker, m)).collect();
        for (k, x) in ids.iter().enumerate() {
            for y in &ids[k + 1..] {
                gold.insert((x.clone(), y.clone()), ("supports".to_owned(), None));
            }
        }
    }
    for n in &groups.negatives {
        gold.insert((claim_of(&tracker, &n.a), claim_of(&tracker, &n.b)), ("none".to_owned(), None));
    }
    for r in &relations.relations {
        let (a, b) = (claim_of(&tracker, &r.a), claim_of(&tracker, &r.b));
        gold.remove(&(b.clone(), a.clone()));
        gold.insert((a, b), (r.kind.clone(), r.contradiction.clone()));
    }
    let mut counts: BTreeMap<&'static str, (usize, usize, usize)> = BTreeMap::new();
    let (mut types_right, mut types) = (0, 0);
    let mut errors = Vec::new();
    for ((a, b), (kind, kind_type)) in &gold {
        let (got, got_type) = predicted(&tracker, a, b);
        for k in ["supports", "contradicts", "updates"] {
            let entry = counts.entry(k).or_default();
            match (kind == k, got == k) {
                (true, true) => entry.0 += 1,
                (false, true) => entry.1 += 1,
                (true, false) => entry.2 += 1,
                _ => {}
            }
        }
        if kind == "contradicts" && got == "contradicts" {
            types += 1;
            types_right += usize::from(got_type == *kind_type);
        }
        if got != *kind {
            errors.push(format!("{a} / {b}: annotated {kind}, found {got} {}", got_type.unwrap_or_default()));
        }
    }
    let (mut verdicts_right, mut verdicts, mut entries_right, mut origins_right) = (0, 0, 0, 0);
    for v in &relations.verdicts {
        let members: Vec<String> = match (&v.group, &v.claim) {
            (Some(name), _) => {
                let g =
                    groups.groups.iter().find(|g| g.name == *name).unwrap_or_else(|| panic!("group {name}"));
                g.members.iter().map(|m| claim_of(&tracker, m)).collect()
            }
            (None, Some(q)) => vec![claim_of(&tracker, q)],
            _ => panic!("a verdict names a group or a claim"),
        };
        let mut found: BTreeMap<String, usize> = BTreeMap::new();
        for m in &members {
            let group = tracker.group_of(m).expect("grouped");
            let a = tracker.assessment(&group.id).expect("assessed");
            verdicts += 1;
            if a.verdict.as_str() == v.verdict {
                verdicts_right += 1;
            } else {
                errors.push(format!(
                    "{m}: verdict {} annotated, {} found ({})",
                    v.verdict, a.verdict, a.reason
                ));
            }
            *found.entry(group.id.clone()).or_default() += 1;
        }
        // The entry's group: the one holding most of its members.
        let (main, _) =
            found.iter().max_by_key(|(id, n)| (**n, std::cmp::Reverse((*id).clone()))).expect("members");
        let a = tracker.assessment(main).expect("assessed");
        entries_right += usize::from(a.verdict.as_str() == v.verdict);
        origins_right += usize::from(a.independent_sources() == v.origins.len());
        if a.independent_sources() != v.origins.len() {
            let found: Vec<&str> = a.origins.iter().map(|o| o.name.as_str()).collect();
            errors.push(format!("{main}: origins {:?} annotated, {found:?} found", v.origins));
        }
    }
    Figures {
        counts,
        types_right,
        types,
        verdicts_right,
        verdicts,
        entries_right,
        entries: relations.verdicts.len(),
        origins_right,
        errors,
    }
}

#[test]
fn relations_and_verdicts_against_the_annotation() {
    let f = evaluate();
    println!("relation kind   precision  recall   (tp/fp/fn)");
    let mut pr = BTreeMap::new();
    for (kind, &(tp, fp, fn_)) in &f.counts {
        let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
        println!("{kind:<14}  {p:>9.3}  {r:>6.3}   ({tp}/{fp}/{fn_})");
        pr.insert(*kind, (p, r));
    }
    println!("contradiction type right  {}/{}", f.types_right, f.types);
    let per_claim = ratio(f.verdicts_right, f.verdicts);
    let per_entry = ratio(f.entries_right, f.entries);
    let origins = ratio(f.origins_right, f.entries);
    println!("verdict accuracy, per claim  {per_claim:.3} ({}/{})", f.verdicts_right, f.verdicts);
    println!("verdict accuracy, per entry  {per_entry:.3} ({}/{})", f.entries_right, f.entries);
    println!("independent sources right    {origins:.3} ({}/{})", f.origins_right, f.entries);
    if std::env::var_os("CLAIMTRACK_SHOW_ERRORS").is_some() {
        for e in &f.errors {
            println!("  {e}");
        }
    }
    // (kind, precision floor, recall floor): just under the figures.
    let floors = [("supports", 0.95, 0.37), ("contradicts", 0.95, 0.30), ("updates", 0.95, 0.85)];
    for (kind, p_floor, r_floor) in floors {
        let (p, r) = pr[kind];
        assert!(p >= p_floor, "{kind} precision {p:.3} under {p_floor}");
        assert!(r >= r_floor, "{kind} recall {r:.3} under {r_floor}");
    }
    assert!(f.types_right == f.types, "contradiction types {}/{}", f.types_right, f.types);
    assert!(per_claim >= 0.50, "verdict accuracy {per_claim:.3}");
    assert!(per_entry >= 0.55, "verdict accuracy per entry {per_entry:.3}");
    assert!(origins >= 0.60, "independent sources right {origins:.3}");
}
