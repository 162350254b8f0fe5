//! Any bytes, read as a Markdown document and as JSONL records, through
//! the whole pipeline and every output format: no panic, the JSON reads
//! back to the same bytes, and a query answered alone says what the whole
//! tracker says.

#![no_main]

use claimtrack::report::{self, json::Document};
use claimtrack::{Corpus, Loader, TrackerBuilder};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let loader = Loader::new();
    let mut corpus = Corpus::new();
    if let Ok(article) = loader.parse_document("fuzz", text) {
        let _ = corpus.insert(article);
    }
    let _ = loader.load_jsonl(&mut corpus, "fuzz.jsonl", text.as_bytes());
    // With the evidence, so its explanations are fuzzed too.
    let tracker = TrackerBuilder::default().evidence(true).build(corpus.clone());
    let document = Document::new(&tracker);
    let json = document.to_json();
    let back = Document::from_json(&json).expect("the tracker's own JSON reads back");
    assert_eq!(back.to_json(), json, "and to the same bytes");
    let mut jsonl = Vec::new();
    document.write_jsonl(&mut jsonl).expect("writes to memory");
    let _ = report::markdown_with(&tracker, report::MarkdownOptions::default().evidence(true));
    let _ = report::csv(&tracker);
    let _ = report::dot(&tracker);
    let _ = report::claimreview(&tracker);
    // The input's first line as a query.
    let query = text.lines().next().unwrap_or_default();
    let hits = tracker.query(query, 5);
    let markdown = report::query_markdown(&tracker, query, &hits);
    // Answered alone, the query says the same of the same groups.
    let (answer, answered) = TrackerBuilder::default().answer(corpus, query, 5);
    assert_eq!(answered, hits, "the same hits");
    for hit in &hits {
        assert_eq!(answer.assessment(&hit.group), tracker.assessment(&hit.group), "the same verdict");
        let mine: Vec<_> = answer.relations_of(&hit.group).collect();
        let whole: Vec<_> = tracker.relations_of(&hit.group).collect();
        assert_eq!(mine, whole, "the same relations");
    }
    assert_eq!(report::query_markdown(&answer, query, &answered), markdown, "the same answer");
});
