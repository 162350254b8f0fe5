//! Properties of the analysis over generated stories: no claim pair both
//! supports and contradicts, verdicts do not depend on the order the
//! articles are added in, adding a republication of an article never
//! raises any group's count of independent sources, and the JSON export
//! reads back to the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use claimtrack::{Corpus, Loader, RelationKind, Tracker};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

const COUNTRIES: &[&str] = &["Iran", "China", "Russia", "India", "Turkey"];
const OUTLETS: &[&str] = &["Outlet A", "Outlet B", "Outlet C", "Outlet D"];

/// One sentence about two parties, from templates that mix statuses,
/// amounts, dates, denials and attribution.
fn sentence() -> impl Strategy<Value = String> {
    (0..COUNTRIES.len(), 0..COUNTRIES.len(), 0..9usize, 1..6u32, 1..28u32).prop_map(|(a, b, t, n, day)| {
        let (a, b) = (COUNTRIES[a], COUNTRIES[if a == b { (b + 1) % COUNTRIES.len() } else { b }]);
        match t {
            0 => format!("{a} and {b} are negotiating a 25-year cooperation agreement."),
            1 => format!("{a} and {b} signed a 25-year cooperation agreement on {day} March 2021."),
            2 => format!("{a} will invest ${n}00 billion in {b} over 25 years."),
            3 => format!("The foreign ministry of {a} denied that {a} and {b} signed a military pact."),
            4 => format!("{a} and {b} signed a military pact, officials said."),
            5 => format!("Analysts say {a} is moving closer to {b}."),
            6 => format!("{a} has kept a non-aligned stance towards {b} since 1979."),
            7 => format!(
                "{a} and {b} held talks on oil exports on {day} March 2021, the minister of {a} said."
            ),
            _ => format!("{a} did not sign the cooperation agreement with {b}."),
        }
    })
}

/// `(outlet, month, sentences)` per article.
fn stories() -> impl Strategy<Value = Vec<(usize, u32, Vec<String>)>> {
    prop::collection::vec((0..OUTLETS.len(), 1..13u32, prop::collection::vec(sentence(), 1..5)), 1..6)
}

fn document(outlet: &str, month: u32, via: Option<&str>, sentences: &[String]) -> String {
    let via = via.map(|v| format!("via: {v}\n")).unwrap_or_default();
    format!(
        "---\ntitle: story\noutlet: {outlet}\npublished: 2021-{month:02}\n{via}---\n{}\n",
        sentences.join("\n\n")
    )
}

fn tracker(articles: &[(String, String)]) -> Tracker {
    let mut corpus = Corpus::new();
    for (id, text) in articles {
        corpus.insert(Loader::new().parse_document(id, text).expect("story parses")).expect("unique ids");
    }
    // With the evidence, so the round trips cover it.
    claimtrack::TrackerBuilder::default().evidence(true).build(corpus)
}

fn articles(stories: &[(usize, u32, Vec<String>)]) -> Vec<(String, String)> {
    stories
        .iter()
        .enumerate()
        .map(|(i, (outlet, month, sentences))| {
            (format!("s{i}"), document(OUTLETS[*outlet], *month, None, sentences))
        })
        .collect()
}

/// Each group's verdict and source count, by group id.
fn verdicts(t: &Tracker) -> BTreeMap<String, (String, usize)> {
    t.assessments()
        .iter()
        .map(|a| (a.group.clone(), (a.verdict.to_string(), a.independent_sources())))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        // Failures are kept next to this file (`*.proptest-regressions`),
        // where proptest replays them first on the next run.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_pair_both_supports_and_contradicts(stories in stories()) {
        let t = tracker(&articles(&stories));
        let mut kinds: BTreeMap<(String, String), BTreeSet<RelationKind>> = BTreeMap::new();
        let mut group_pairs = BTreeSet::new();
        for r in t.relations() {
            let key = if r.from <= r.to { (r.from.clone(), r.to.clone()) } else { (r.to.clone(), r.from.clone()) };
            prop_assert!(group_pairs.insert(key), "two relations between {} and {}", r.from, r.to);
            for p in &r.pairs {
                let key = if p.from <= p.to { (p.from.clone(), p.to.clone()) } else { (p.to.clone(), p.from.clone()) };
                kinds.entry(key).or_default().insert(r.kind);
            }
        }
        for (pair, kinds) in kinds {
            prop_assert!(
                !(kinds.contains(&RelationKind::Supports) && kinds.contains(&RelationKind::Contradicts)),
                "{pair:?} both supports and contradicts"
            );
        }
    }

    #[test]
    fn json_export_import_export_is_byte_identical(stories in stories()) {
        let t = tracker(&articles(&stories));
        let first = claimtrack::report::json::Document::new(&t).to_json();
        let back = claimtrack::report::json::Document::from_json(&first).expect("reads back");
        prop_assert_eq!(back.to_json(), first);
    }

    #[test]
    fn verdicts_do_not_depend_on_input_order(stories in stories(), rotate in 0..6usize) {
        let forward = articles(&stories);
        let mut reordered = forward.clone();
        reordered.reverse();
        let len = reordered.len();
        reordered.rotate_left(rotate % len);
        let (a, b) = (tracker(&forward), tracker(&reordered));
        prop_assert_eq!(verdicts(&a), verdicts(&b));
        let relations = |t: &Tracker| t.relations().iter().map(|r| format!("{r:?}")).collect::<BTreeSet<_>>();
        prop_assert_eq!(relations(&a), relations(&b));
    }

    #[test]
    fn a_republication_never_raises_independent_sources(
        stories in stories(),
        pick in 0..6usize,
        with_via in any::<bool>(),
        outlet in 0..OUTLETS.len(),
    ) {
        let before_articles = articles(&stories);
        let before = tracker(&before_articles);
        let (source_outlet, month, sentences) = &stories[pick % stories.len()];
        // A republication names what it republishes; a copy without `via`
        // is recognised by its text when it repeats three claims or more.
        let copied = before.claims_of(&format!("s{}", pick % stories.len())).count();
        prop_assume!(with_via || copied >= 3);
        let via = with_via.then_some(OUTLETS[*source_outlet]);
        let mut after_articles = before_articles.clone();
        after_articles.push(("z-copy".to_owned(), document(OUTLETS[outlet], *month, via, sentences)));
        let after = tracker(&after_articles);
        for claim in before.claims() {
            let sources = |t: &Tracker| {
                let group = t.group_of(claim.id()).expect("grouped");
                t.assessment(&group.id).expect("assessed").independent_sources()
            };
            prop_assert!(
                sources(&after) <= sources(&before),
                "{}: {} sources before, {} after adding a copy",
                claim.id(),
                sources(&before),
                sources(&after)
            );
        }
    }
}

/// Regression (issue 14): proptest's shrunk case. One story of three
/// sentences, two of them identical, copied by another outlet without
/// `via`, counted its copy as a second origin, because the copy detection
/// counted the repeated sentence once.
#[test]
fn a_copy_repeating_a_sentence_is_still_one_story() {
    let sentences = [
        "Iran and China signed a military pact, officials said.".to_owned(),
        "Iran and China signed a military pact, officials said.".to_owned(),
        "Iran will invest $100 billion in China over 25 years.".to_owned(),
    ];
    let original = ("s0".to_owned(), document(OUTLETS[0], 3, None, &sentences));
    let copy = ("z-copy".to_owned(), document(OUTLETS[1], 3, None, &sentences));
    let before = tracker(std::slice::from_ref(&original));
    let after = tracker(&[original, copy]);
    for claim in before.claims() {
        let sources = |t: &Tracker| {
            let group = t.group_of(claim.id()).expect("grouped");
            t.assessment(&group.id).expect("assessed").independent_sources()
        };
        assert_eq!(sources(&after), sources(&before), "{}", claim.id());
    }
}
