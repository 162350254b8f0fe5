//! The `claimtrack` binary's contract: options, input classes, outputs,
//! exit codes and error messages.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The workspace root, where `corpus/` is.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("cli/ is in the workspace").to_path_buf()
}

fn claimtrack(args: &[&str]) -> Output {
    Command::cargo_bin("claimtrack").expect("built").args(args).current_dir(root()).output().expect("runs")
}

fn with_stdin(args: &[&str], input: &str) -> Output {
    Command::cargo_bin("claimtrack")
        .expect("built")
        .args(args)
        .current_dir(root())
        .write_stdin(input)
        .output()
        .expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_gives_every_option_and_the_exit_codes_and_version_the_version() {
    let out = claimtrack(&["--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    assert!(help.contains("Usage: claimtrack [OPTIONS] [PATH]..."), "{help}");
    for flag in [
        "--format",
        "--query",
        "--limit",
        "--state",
        "--evidence",
        "--max-file-size",
        "--output",
        "--completions",
    ] {
        assert!(help.contains(flag), "help lacks {flag}");
    }
    assert!(help.contains("Exit status:") && help.contains("2  a bad option"), "{help}");
    let out = claimtrack(&["--version"]);
    assert_eq!(text(&out.stdout), format!("claimtrack {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn short_options_take_their_value_attached() {
    let out = claimtrack(&["-fjson", "corpus"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["schema"], "claimtrack/1");
    let out =
        claimtrack(&["-qIran and China signed the cooperation plan", "--limit", "1", "-fjson", "corpus"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["hits"].as_array().expect("hits").len(), 1, "--limit 1");
}

#[test]
fn the_evidence_is_written_on_request_only() {
    let has_evidence = |args: &[&str]| {
        let out = claimtrack(args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout).contains("\"evidence\"")
    };
    assert!(!has_evidence(&["-f", "json", "corpus"]), "json without --evidence");
    assert!(has_evidence(&["-f", "json", "--evidence", "corpus"]), "json with --evidence");
    assert!(!has_evidence(&["-f", "jsonl", "corpus"]), "jsonl without --evidence");
    assert!(has_evidence(&["-f", "jsonl", "--evidence", "corpus"]), "jsonl with --evidence");
}

#[test]
fn options_that_do_not_apply_are_refused_with_status_2() {
    for (args, message) in [
        (&["--bogus", "corpus"][..], "unexpected argument '--bogus'"),
        (&["--format", "xml", "corpus"][..], "invalid value 'xml' for '--format <FORMAT>'"),
        (&["--format"][..], "a value is required for '--format <FORMAT>'"),
        (&["--evidence=no", "corpus"][..], "unexpected value 'no' for '--evidence'"),
        (&["--help=x"][..], "unexpected value 'x' for '--help'"),
        (
            &["--evidence", "-f", "csv", "corpus"][..],
            "--evidence applies to --format markdown, json and jsonl",
        ),
        (&["-q", "Iran", "-f", "csv", "corpus"][..], "--query answers in markdown or json, not --format csv"),
        (&["--limit", "3", "corpus"][..], "--query <TEXT>"),
        (&["--limit", "0", "-q", "Iran", "corpus"][..], "invalid value '0' for '--limit <N>'"),
        (
            &["--review-url", "https://example.org", "corpus"][..],
            "--review-url applies to --format claimreview only",
        ),
        (&["-f", "claimreview", "--review-date", "2021-02-30", "corpus"][..], "is not a calendar date"),
        (&["--max-file-size", "300000000", "corpus"][..], "300000000 is not in 0..=67108864"),
    ] {
        let out = claimtrack(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains(message), "{args:?}: {}", text(&out.stderr));
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_missing_or_unsupported_path_is_status_2_and_no_path_asks_for_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("article.pdf");
    std::fs::write(&pdf, "not an article").expect("write");
    let pdf = pdf.to_str().expect("utf-8");
    for (args, message) in [
        (vec!["no/such/dir"], "claimtrack: no/such/dir: no such file or directory\n".to_owned()),
        (
            vec![pdf],
            format!("claimtrack: {pdf}: unsupported file type (expected .md, .markdown, .txt or .jsonl)\n"),
        ),
        (
            vec![],
            "claimtrack: no input: give one or more PATHs, or - for JSONL on standard input\n".to_owned(),
        ),
    ] {
        let out = claimtrack(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stderr), message);
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn an_empty_input_warns_and_fails_and_says_what_it_passed_over() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = claimtrack(&[dir.path().to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "claimtrack: no article to track in the input\n");
    assert!(out.stdout.is_empty());
    std::fs::write(dir.path().join("a.pdf"), "x").expect("write");
    std::fs::write(dir.path().join("b.html"), "x").expect("write");
    let out = claimtrack(&[dir.path().to_str().expect("utf-8")]);
    let stderr = text(&out.stderr);
    assert!(stderr.contains(": 2 file(s) passed over, not of a type claimtrack reads"), "{stderr}");
    assert!(stderr.contains("a.pdf") && stderr.contains("b.html"), "{stderr}");
}

#[test]
fn a_dash_reads_jsonl_from_standard_input_and_names_its_bad_lines() {
    let input = concat!(
        r#"{"id": "a", "text": "The minister said the two countries signed the agreement on Monday.", "outlet": "Daily"}"#,
        "\n",
        "not json\n",
        r#"{"id": "b", "text": "The two countries signed the agreement on Monday, officials said.", "outlet": "Weekly"}"#,
        "\n",
    );
    let out = with_stdin(&["-", "-f", "json"], input);
    assert_eq!(out.status.code(), Some(1), "a bad record fails the run, the rest is reported");
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("claimtrack: <stdin>:2: "), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let ids: Vec<&str> =
        doc["articles"].as_array().expect("articles").iter().filter_map(|a| a["id"].as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn jsonl_is_one_record_a_line_with_what_the_document_holds() {
    let doc: serde_json::Value =
        serde_json::from_slice(&claimtrack(&["-f", "json", "corpus"]).stdout).expect("JSON");
    let out = claimtrack(&["-f", "jsonl", "corpus"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for (k, line) in text(&out.stdout).lines().enumerate() {
        let record: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", k + 1));
        let kind = record["record"].as_str().expect("each record names its kind").to_owned();
        if k == 0 {
            assert_eq!((kind.as_str(), &record["schema"]), ("document", &serde_json::json!("claimtrack/1")));
        }
        *counts.entry(kind).or_default() += 1;
    }
    for (kind, field) in
        [("article", "articles"), ("claim", "claims"), ("group", "groups"), ("relation", "relations")]
    {
        assert_eq!(
            counts.get(kind).copied().unwrap_or(0),
            doc[field].as_array().expect(field).len(),
            "{kind}"
        );
    }
}

#[test]
fn output_goes_to_a_file_whole_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.json");
    let out = claimtrack(&["-f", "json", "-o", file.to_str().expect("utf-8"), "corpus"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let written = std::fs::read(&file).expect("written");
    assert_eq!(written, claimtrack(&["-f", "json", "corpus"]).stdout);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["report.json"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file).expect("written").permissions().mode();
        assert_ne!(mode & 0o044, 0, "a new file's usual permissions, not a temporary's 0600: {mode:o}");
    }
    // A file in a directory that does not exist: status 1, nothing written.
    let out = claimtrack(&["-o", "no/such/dir/report.md", "corpus"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("claimtrack: no/such/dir/report.md: "), "{}", text(&out.stderr));
}

#[test]
fn completions_are_generated_for_the_shells_clap_knows() {
    let out = claimtrack(&["--completions", "bash"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("claimtrack"));
    let out = claimtrack(&["--completions", "bash", "corpus"]);
    assert_eq!(out.status.code(), Some(2), "completions take no other argument");
}

#[test]
fn claimreview_takes_its_publisher_from_the_options() {
    let out = claimtrack(&[
        "-f",
        "claimreview",
        "--review-author",
        "Example Fact Desk",
        "--review-url",
        "https://example.org/reviews",
        "--review-date",
        "2021-04-01",
        "corpus",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let first = &doc["@graph"][0];
    assert_eq!(first["author"]["name"], "Example Fact Desk");
    assert_eq!(first["datePublished"], "2021-04-01");
    assert!(first["url"].as_str().is_some_and(|u| u.starts_with("https://example.org/reviews#g-")));
}
