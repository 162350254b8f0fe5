//! Any bytes as claimtrack's JSON: refused with an error or read, and a
//! document read writes back to JSON that reads back to the same bytes.

#![no_main]

use claimtrack::report::json::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(document) = Document::from_json(text) else { return };
    let json = document.to_json();
    let back = Document::from_json(&json).expect("JSON written from a document read reads back");
    assert_eq!(back.to_json(), json, "and to the same bytes");
});
