//! Properties of the matcher: the pair score is symmetric, in [0, 1] and 1
//! for a claim with itself; grouping depends on neither input order nor
//! thread count.

mod common;

use claimtrack::{Claim, MatchConfig, Matcher, Span};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Short news-like sentences from a small vocabulary, so pairs overlap.
fn sentence() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Iran",
        "China",
        "Russia",
        "Beijing",
        "Tehran",
        "signed",
        "a",
        "25-year",
        "deal",
        "agreement",
        "on",
        "$400bn",
        "400 billion USD",
        "investment",
        "in",
        "March 2021",
        "talks",
        "the",
        "minister",
        "said",
        "sanctions",
        "oil",
        "naval",
        "drill",
        "Indian Ocean",
        "not",
        "denied",
        "partnership",
    ]);
    prop::collection::vec(words, 1..14).prop_map(|w| w.join(" "))
}

fn claim(id: &str, text: &str) -> Claim {
    Claim::new(id, id.split('#').next().unwrap_or(id), Span::new(0, text.len()), text)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        // Failures are kept next to this file (`*.proptest-regressions`),
        // where proptest replays them first on the next run.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn score_is_symmetric_and_bounded(a in sentence(), b in sentence()) {
        let matcher = Matcher::new(MatchConfig::default());
        let (x, y) = (claim("a#1", &a), claim("b#1", &b));
        let (ab, _) = matcher.score_pair(&x, &y);
        let (ba, _) = matcher.score_pair(&y, &x);
        prop_assert!((0.0..=1.0).contains(&ab), "score {ab} out of [0, 1]");
        prop_assert!((ab - ba).abs() < 1e-9, "score({a:?}, {b:?}) = {ab} but reversed {ba}");
    }

    #[test]
    fn a_claim_scores_one_with_itself(a in sentence()) {
        let matcher = Matcher::new(MatchConfig::default());
        let (score, _) = matcher.score_pair(&claim("a#1", &a), &claim("b#1", &a));
        prop_assert!((score - 1.0).abs() < 1e-9, "score({a:?}, itself) = {score}");
    }
}

fn partition(claims: &[Claim]) -> Vec<Vec<String>> {
    let grouping = Matcher::new(MatchConfig::default()).group(claims);
    let mut groups: Vec<Vec<String>> = grouping
        .groups()
        .iter()
        .map(|g| {
            let mut m = g.members.clone();
            m.sort();
            m
        })
        .collect();
    groups.sort();
    groups
}

#[test]
fn grouping_ignores_input_order_and_thread_count() {
    let tracker = common::tracker();
    let claims = tracker.claims().to_vec();
    let expected = partition(&claims);
    let mut reversed = claims.clone();
    reversed.reverse();
    assert_eq!(partition(&reversed), expected, "reversed input");
    let mut interleaved: Vec<Claim> = claims.iter().step_by(2).cloned().collect();
    interleaved.extend(claims.iter().skip(1).step_by(2).cloned());
    assert_eq!(partition(&interleaved), expected, "interleaved input");
    let one_thread = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    assert_eq!(one_thread.install(|| partition(&claims)), expected, "one thread");
    let four_threads = rayon::ThreadPoolBuilder::new().num_threads(4).build().expect("pool");
    assert_eq!(four_threads.install(|| partition(&claims)), expected, "four threads");
}

#[test]
fn an_unrelated_claim_changes_no_group() {
    let tracker = common::tracker();
    let claims = tracker.claims().to_vec();
    let before = Matcher::new(MatchConfig::default()).group(&claims);
    let mut more = claims.clone();
    more.push(claim("zz#1", "Quarterly zinc smelting output in Peru rose sharply."));
    let after = Matcher::new(MatchConfig::default()).group(&more);
    for group in before.groups() {
        let now = after.group_of(&group.members[0]).expect("still grouped");
        assert_eq!(now.id, group.id);
        assert_eq!(now.members, group.members);
    }
}
