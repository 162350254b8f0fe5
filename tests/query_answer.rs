//! A query answered by analysing its answer's groups alone
//! (`TrackerBuilder::answer`) says what the whole tracker says of them.

mod common;

use claimtrack::synthetic::{Synthetic, SyntheticConfig};
use claimtrack::{Corpus, Loader, Tracker, TrackerBuilder, report};

/// Asks `queries` of `corpus` both ways and compares the answers: hits,
/// groups, verdicts, timelines, relations, and both reports.
fn answers_agree(corpus: &Corpus, queries: &[String]) -> usize {
    let full = Tracker::new(corpus.clone());
    let mut related = 0;
    for query in queries {
        let expected = full.query(query, 5);
        let (answer, hits) = TrackerBuilder::default().answer(corpus.clone(), query, 5);
        assert_eq!(hits, expected, "{query}");
        assert!(answer.is_answer() && !full.is_answer());
        assert_eq!(answer.groups().len(), hits.len(), "only the answer's groups: {query}");
        assert_eq!(answer.claims().len(), full.claims().len());
        for hit in &hits {
            assert_eq!(answer.group(&hit.group), full.group(&hit.group), "{query}");
            assert_eq!(answer.assessment(&hit.group), full.assessment(&hit.group), "{query}");
            let mine: Vec<_> = answer.relations_of(&hit.group).collect();
            let whole: Vec<_> = full.relations_of(&hit.group).collect();
            assert_eq!(mine, whole, "relations of {} for {query}", hit.group);
            related += mine.len();
        }
        assert_eq!(
            report::query_markdown(&answer, query, &hits),
            report::query_markdown(&full, query, &expected)
        );
        assert_eq!(
            report::json::QueryDocument::new(&answer, query, &hits).to_json(),
            report::json::QueryDocument::new(&full, query, &expected).to_json()
        );
        // Asking the answer's tracker again finds the same groups.
        assert_eq!(answer.query(query, 5), hits, "{query}");
    }
    related
}

#[test]
fn the_answer_on_the_corpus_is_the_whole_trackers() {
    let queries: Vec<String> = [
        "China will invest 400 billion dollars in Iran",
        "Iran and China signed a 25-year agreement",
        "The United States reinstated sanctions on Iran",
        "Talks on the partnership continued",
    ]
    .map(str::to_owned)
    .into();
    let related = answers_agree(&common::corpus(), &queries);
    assert!(related > 0, "the answers take part in relations, so the comparison covers them");
}

#[test]
fn the_answer_on_a_synthetic_feed_is_the_whole_trackers() {
    let data = Synthetic::generate(&SyntheticConfig { claims: 2000, ..SyntheticConfig::hard(2000, 7) });
    let loader = Loader::new();
    let mut corpus = Corpus::new();
    for (n, claim) in data.claims.iter().enumerate() {
        let document = format!(
            "---\noutlet: Outlet {}\npublished: 2021-{:02}-{:02}\n---\n{}\n",
            n % 40,
            1 + n % 12,
            1 + n % 28,
            claim.text()
        );
        let article = loader.parse_document(&format!("a{n}"), &document).expect("a synthetic article parses");
        corpus.insert(article).expect("ids are unique");
    }
    let queries: Vec<String> = data.claims.iter().step_by(250).map(|c| c.text().to_owned()).collect();
    let related = answers_agree(&corpus, &queries);
    assert!(related > 0, "the answers take part in relations, so the comparison covers them");
}

#[test]
fn an_answer_is_not_saved_as_a_state() {
    let dir = common::temp_dir("answer-state");
    let path = dir.path().join("state.json");
    let (answer, _) = TrackerBuilder::default().answer(common::corpus(), "sanctions on Iran", 5);
    let error = answer.save(&path).expect_err("an answer is not a state");
    assert!(error.to_string().contains("answers a query"), "{error}");
    assert!(!path.exists(), "nothing is written");
}
