//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::path::{Path, PathBuf};

use claimtrack::{Corpus, Tracker};

/// The bundled corpus directory.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The bundled corpus.
pub fn corpus() -> Corpus {
    Corpus::load([corpus_dir()]).expect("the bundled corpus loads")
}

/// The tracker over the bundled corpus.
pub fn tracker() -> Tracker {
    Tracker::new(corpus())
}

/// A fresh temporary directory for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimtrack-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
