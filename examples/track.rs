//! The main job: load articles, track their claims, print a report. The
//! same tool as the `claimtrack` binary (`cargo install --path cli`), with
//! the bundled corpus as the default input.
//!
//! ```text
//! cargo run --release --example track -- [OPTIONS] [PATH]...
//! ```
//!
//! Run with `--help` for the options.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The bundled corpus, named relative to the working directory when run
/// from the crate root so reports do not depend on where the crate lives.
fn default_corpus() -> PathBuf {
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let relative = Path::new("corpus");
    match (relative.canonicalize(), bundled.canonicalize()) {
        (Ok(a), Ok(b)) if a == b => relative.to_path_buf(),
        _ => bundled,
    }
}

fn main() -> ExitCode {
    claimtrack_cli::run(std::env::args_os(), Some(default_corpus()))
}
