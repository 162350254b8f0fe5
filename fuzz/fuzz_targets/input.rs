//! Any bytes as an article file and as a JSONL feed: no panic; a loaded
//! article has a body; every record is loaded or refused with an error
//! that names the stream and the record's line.

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
    for error in &report.errors {
        let at = error.location();
        assert!(
            at.as_ref().is_some_and(|l| l.line.is_some() && error.to_string().starts_with("fuzz.jsonl:")),
            "an error names the stream and the line: {error}"
        );
    }
    let records = data.split(|&b| b == b'\n').filter(|r| !r.iter().all(u8::is_ascii_whitespace)).count();
    assert!(report.added.len() + report.errors.len() <= records, "one outcome per record at most");
});
