//! The matcher on synthetic claims with planted clusters: quality against
//! the planted truth, and what blocking finds against exhaustive scoring.
//! Figures are printed; floors are asserted. Speed is measured by
//! `benches/matching.rs` and `examples/scale.rs`, not here.

use std::collections::{HashMap, HashSet};

use claimtrack::synthetic::{Synthetic, SyntheticConfig};
use claimtrack::{MatchConfig, Matcher};

#[test]
fn planted_clusters_are_found_and_blocking_keeps_what_exhaustive_scoring_finds() {
    let data = Synthetic::generate(&SyntheticConfig { claims: 1500, seed: 7, ..SyntheticConfig::default() });
    let matcher = Matcher::new(MatchConfig::default());
    let grouping = matcher.group(&data.claims);
    let position: HashMap<&str, usize> = data.claims.iter().enumerate().map(|(i, c)| (c.id(), i)).collect();
    let (p, r, f1) = data.b_cubed(&grouping);
    println!("planted clusters: B-cubed precision {p:.4} recall {r:.4} F1 {f1:.4}");

    let threshold = matcher.config().threshold;
    let blocked: HashSet<(usize, usize)> = grouping
        .pairs()
        .map(|(a, b, _)| {
            let (i, j) = (position[a], position[b]);
            (i.min(j), i.max(j))
        })
        .collect();
    let exhaustive = matcher.score_all_pairs(&data.claims, threshold);
    let found = exhaustive.iter().filter(|&&(i, j, _)| blocked.contains(&(i, j))).count();
    let recall = found as f64 / exhaustive.len() as f64;
    println!("pair recall against exhaustive scoring: {found}/{} = {recall:.4}", exhaustive.len());
    println!("candidates per claim: {:.1}", grouping.candidate_pairs() as f64 / data.claims.len() as f64);

    assert!(f1 >= 0.97, "B-cubed F1 {f1:.4} under 0.97");
    assert!(p >= 0.97 && r >= 0.97, "B-cubed precision {p:.4} or recall {r:.4} under 0.97");
    assert!(recall >= 0.95, "pair recall {recall:.4} under 0.95");
}

#[test]
fn hard_negative_twins_stay_apart() {
    // Every planted cluster is one fact or its twin with one party
    // swapped; a group holding claims of two clusters merged a twin or
    // unrelated claims. Count the claims in groups that mix clusters.
    let data = Synthetic::generate(&SyntheticConfig {
        claims: 1500,
        seed: 11,
        twins: 0.5,
        ..SyntheticConfig::default()
    });
    let grouping = Matcher::new(MatchConfig::default()).group(&data.claims);
    let position: HashMap<&str, usize> = data.claims.iter().enumerate().map(|(i, c)| (c.id(), i)).collect();
    let mixed: usize = grouping
        .groups()
        .iter()
        .filter(|g| {
            let planted: HashSet<u32> =
                g.members.iter().map(|m| data.planted[position[m.as_str()]]).collect();
            planted.len() > 1
        })
        .map(|g| g.members.len())
        .sum();
    let share = mixed as f64 / data.claims.len() as f64;
    println!("claims in groups mixing planted clusters (half the facts have a twin): {mixed} ({share:.4})");
    assert!(share <= 0.04, "{mixed} claims in mixed groups");
}

/// The hard feed (mostly undated, five countries, a fixed 3,000-word
/// vocabulary) at 20,000 claims: most of its words are in more than
/// `max_df` claims, so blocking finds pairs through pair keys, and recall
/// must not fall for it; precision is what the many look-alike facts
/// cost (`checks/examples/scale.rs --hard` prints it at 10^6).
#[test]
fn the_hard_feed_keeps_its_recall_with_few_candidates() {
    let data = Synthetic::generate(&SyntheticConfig::hard(20_000, 42));
    let grouping = Matcher::new(MatchConfig::default()).group(&data.claims);
    let (p, r, f1) = data.b_cubed(&grouping);
    let per_claim = grouping.candidate_pairs() as f64 / data.claims.len() as f64;
    println!(
        "hard feed, 20,000 claims: B-cubed P {p:.4} R {r:.4} F1 {f1:.4}, {per_claim:.1} candidates a claim"
    );
    assert!(r >= 0.98, "B-cubed recall {r:.4} under 0.98");
    assert!(f1 >= 0.92, "B-cubed F1 {f1:.4} under 0.92");
    assert!(per_claim <= 100.0, "{per_claim:.1} candidates a claim");
}
