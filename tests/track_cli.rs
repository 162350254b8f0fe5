//! The `track` example, the README's main job: the `claimtrack` tool
//! (tested through its binary in `cli/tests`) with the bundled corpus as
//! its default input. `cargo test` builds the examples, so the binary sits
//! next to the test executables.

mod common;

use common::track;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn default_run_reports_the_bundled_corpus() {
    let out = track(&[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("# claimtrack report\n\n5 articles, "), "{stdout}");
    // No progress bar when stderr is not a terminal (here, a pipe).
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert!(stdout.contains("## 003_2ae25c5b15da7739: Iran's foreign policy shifts"));
}

#[test]
fn json_format_emits_the_contract() {
    let out = track(&["--format", "json", "corpus"]);
    assert!(out.status.success());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(value["schema"], "claimtrack/1");
    assert_eq!(value["articles"][0]["path"], "corpus/000_6381181499891bc2.txt");
    // Byte-identical on a second run.
    assert_eq!(track(&["--format=json", "corpus"]).stdout, out.stdout);
}

#[test]
fn a_query_answers_with_matching_groups_and_their_verdicts() {
    let out = track(&["--query", "Iran and China signed the cooperation plan"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("# What the sources say about \"Iran and China signed the cooperation plan\""),
        "{stdout}"
    );
    assert!(stdout.contains("was signed on 27 March"), "{stdout}");
    assert!(stdout.contains("Timeline:"), "{stdout}");
    let out = track(&["--format", "json", "--query", "Iran and China signed the cooperation plan"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let hits = value["hits"].as_array().expect("hits");
    assert!(!hits.is_empty() && hits.len() <= 5);
    assert!(hits[0]["group"]["verdict"].is_string());
    let nothing = track(&["--query", "zebra migration patterns"]);
    assert!(text(&nothing.stdout).contains("No claim in the corpus is close to this."));
}
