//! Any bytes as an article file and as a JSONL feed: each record is
//! refused with an error naming its line, or loaded whole, and what was
//! loaded before a bad record is kept.

#![no_main]

use claimtrack::{Corpus, Loader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let loader = Loader::new();
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(article) = loader.parse_document("fuzz.md", text)
    {
        assert!(!article.body().trim().is_empty(), "a loaded article has a body");
    }
    let mut corpus = Corpus::new();
    let report = loader.load_jsonl(&mut corpus, "fuzz.jsonl", data);
    assert_eq!(corpus.len(), report.added.len(), "every loaded record is in the corpus");
    for error in &report.errors {
        assert!(error.to_string().contains("fuzz.jsonl"), "an error names the file: {error}");
    }
});
