//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::path::{Path, PathBuf};

use claimtrack::{Corpus, Tracker, TrackerBuilder};

/// The bundled corpus directory.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The bundled corpus.
pub fn corpus() -> Corpus {
    Corpus::load([corpus_dir()]).expect("the bundled corpus loads")
}

/// The tracker over the bundled corpus, with the evidence, so the
/// snapshots cover it.
pub fn tracker() -> Tracker {
    TrackerBuilder::default().evidence(true).build(corpus())
}

/// A fresh temporary directory for one test, removed when dropped.
pub fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(&format!("claimtrack-test-{name}-")).tempdir().expect("temp dir")
}

/// The id of the claim of `article` whose span holds `quote` (an exact,
/// unique substring of the article's body, as the annotation files give
/// it).
pub fn claim_of(tracker: &Tracker, article: &str, quote: &str) -> String {
    let a = tracker.corpus().get(article).unwrap_or_else(|| panic!("article {article} in corpus"));
    let body = a.body_span();
    let at = a.body().find(quote).unwrap_or_else(|| panic!("quote {quote:?} in {article}"));
    let (start, end) = (body.start + at, body.start + at + quote.len());
    tracker
        .claims_of(article)
        .find(|c| c.span().start <= start && end <= c.span().end)
        .unwrap_or_else(|| panic!("quote {quote:?} lies inside one claim of {article}"))
        .id()
        .to_owned()
}

/// Runs the `track` example (built by `cargo test`, next to the test
/// executables) in the crate's folder.
pub fn track(args: &[&str]) -> std::process::Output {
    let mut exe = std::env::current_exe().expect("test executable");
    exe.pop();
    if exe.ends_with("deps") {
        exe.pop();
    }
    let exe = exe.join("examples").join(format!("track{}", std::env::consts::EXE_SUFFIX));
    assert!(exe.exists(), "{} not built; run through `cargo test`", exe.display());
    std::process::Command::new(exe).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("runs")
}
