//! Every kind of bad input gives a clear error naming the file, the line
//! and the field, and never loses what was already loaded.

mod common;

use std::fs;

use claimtrack::{Corpus, Error, Loader};

/// Loads `files` (name, bytes) from a fresh directory and returns the
/// corpus and the error messages, with the directory replaced by `DIR`.
fn load(test: &str, files: &[(&str, &[u8])], loader: Loader) -> (Corpus, Vec<String>) {
    let tmp = common::temp_dir(test);
    let dir = tmp.path();
    for (name, bytes) in files {
        fs::write(dir.join(name), bytes).expect("write fixture");
    }
    let mut corpus = Corpus::new();
    let report = loader.load_path(&mut corpus, dir);
    let prefix = format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR);
    let errors = report.errors.iter().map(|e| e.to_string().replace(&prefix, "DIR/")).collect();
    (corpus, errors)
}

const GOOD: &[u8] = b"---\ntitle: Fine\n---\nA good article.\n";

fn ids(corpus: &Corpus) -> Vec<&str> {
    corpus.articles().map(|a| a.id()).collect()
}

#[test]
fn not_utf8_names_file_and_line() {
    let (corpus, errors) =
        load("utf8", &[("a.md", GOOD), ("b.md", b"First line.\nSecond \xff line.\n")], Loader::new());
    assert_eq!(errors, ["DIR/b.md:2: not valid UTF-8 (invalid byte at offset 19)"]);
    assert_eq!(ids(&corpus), ["a"]);
}

#[test]
fn unterminated_front_matter() {
    let (corpus, errors) =
        load("unterminated", &[("a.md", GOOD), ("b.md", b"---\ntitle: x\nBody.\n")], Loader::new());
    assert_eq!(
        errors,
        ["DIR/b.md:1: front matter: block opened with `---` on line 1 is never closed by a `---` line"]
    );
    assert_eq!(ids(&corpus), ["a"]);
}

#[test]
fn malformed_front_matter() {
    let (_, errors) =
        load("malformed", &[("b.md", b"---\ntitle: x\noutlet: \"unclosed\n---\nBody.\n")], Loader::new());
    assert_eq!(
        errors,
        [
            "DIR/b.md:4: front matter: found unexpected end of stream at line 4 column 1, while scanning a quoted scalar at line 3 column 9"
        ]
    );
}

#[test]
fn an_unknown_field_is_kept_and_never_drops_the_article() {
    let (corpus, errors) = load(
        "unknown",
        &[("b.md", b"---\ntitle: x\nauthr: Someone\ntags: [a, b]\n---\nBody.\n")],
        Loader::new(),
    );
    assert!(errors.is_empty(), "{errors:?}");
    let extra = &corpus.get("b").expect("loaded").meta().extra;
    assert_eq!(extra.get("authr").map(String::as_str), Some("\"Someone\""));
    assert_eq!(extra.get("tags").map(String::as_str), Some(r#"["a","b"]"#));
}

#[test]
fn mistyped_field() {
    let (_, errors) =
        load("mistyped", &[("b.md", b"---\ntitle: x\noutlet: [RT, TASS]\n---\nBody.\n")], Loader::new());
    assert_eq!(errors, ["DIR/b.md:3: field `outlet`: expected text, found a list"]);
}

#[test]
fn impossible_date() {
    let (_, errors) = load("date", &[("b.md", b"---\npublished: 2021-02-30\n---\nBody.\n")], Loader::new());
    assert_eq!(errors, ["DIR/b.md:2: field `published`: \"2021-02-30\" is not a calendar date"]);
}

#[test]
fn empty_body() {
    let (_, errors) = load("empty", &[("b.md", b"---\ntitle: x\n---\n\n  \n")], Loader::new());
    assert_eq!(errors, ["DIR/b.md:4: article `b` has an empty body"]);
}

#[test]
fn duplicate_id_keeps_the_first() {
    let (corpus, errors) =
        load("dup", &[("a.md", GOOD), ("b.md", b"---\nid: a\n---\nAnother article.\n")], Loader::new());
    assert_eq!(errors, ["DIR/b.md:2: duplicate article id `a` (first loaded from DIR/a.md)"]);
    assert_eq!(ids(&corpus), ["a"]);
    assert_eq!(corpus.get("a").unwrap().body(), "A good article.\n");
}

#[test]
fn file_over_the_size_limit() {
    let big = vec![b'x'; 200];
    let (corpus, errors) = load("size", &[("a.md", GOOD), ("b.txt", &big)], Loader::new().max_file_size(100));
    assert_eq!(errors, ["DIR/b.txt: file is 200 bytes, over the limit of 100 bytes"]);
    assert_eq!(ids(&corpus), ["a"]);
}

#[test]
fn the_size_limit_bounds_each_jsonl_record_not_the_feed() {
    // Twenty records of about 50 bytes: a 1 KB feed under a 100-byte limit.
    let mut feed: String =
        (0..20).map(|i| format!("{{\"id\": \"r{i}\", \"text\": \"Record {i} is here.\"}}\n")).collect();
    feed.push_str(&format!("{{\"id\": \"big\", \"text\": \"{}\"}}\n", "x".repeat(200)));
    let (corpus, errors) =
        load("feed-size", &[("feed.jsonl", feed.as_bytes())], Loader::new().max_file_size(100));
    assert_eq!(errors, ["DIR/feed.jsonl:21: record is 225 bytes, over the limit of 100 bytes"]);
    assert_eq!(corpus.len(), 20);
}

#[test]
fn a_record_at_the_limit_loads_whatever_its_line_ending() {
    let record = |id: &str| format!("{{\"id\": \"{id}\", \"text\": \"Record {id} is here.\"}}");
    let limit = record("a").len() as u64;
    let feed = format!("{}\r\n{}\n{}", record("a"), record("b"), record("c"));
    let (corpus, errors) =
        load("feed-limit", &[("feed.jsonl", feed.as_bytes())], Loader::new().max_file_size(limit));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ids(&corpus), ["a", "b", "c"]);
    // Longer is over, and says by how much, whatever its line ending.
    let feed = format!("{}\r\n{}\n{}\r\n{}", record("a"), record("bb"), record("cc"), record("d"));
    let (corpus, errors) =
        load("feed-over", &[("feed.jsonl", feed.as_bytes())], Loader::new().max_file_size(limit));
    let over = |line: usize| {
        format!("DIR/feed.jsonl:{line}: record is {} bytes, over the limit of {limit} bytes", limit + 2)
    };
    assert_eq!(errors, [over(2), over(3)]);
    assert_eq!(ids(&corpus), ["a", "d"]);
}

#[test]
fn a_duplicate_across_files_names_the_file_it_came_from() {
    let a = b"{\"id\": \"x\", \"text\": \"One.\"}\n{\"id\": \"y\", \"text\": \"Two.\"}\n";
    let b = b"{\"id\": \"z\", \"text\": \"Three.\"}\n{\"id\": \"y\", \"text\": \"Again.\"}\n{\"id\": \"z\", \"text\": \"More.\"}\n";
    let (corpus, errors) = load("dup-files", &[("a.jsonl", a), ("b.jsonl", b)], Loader::new());
    assert_eq!(
        errors,
        [
            "DIR/b.jsonl:2: duplicate article id `y` (first loaded from DIR/a.jsonl)",
            "DIR/b.jsonl:3: duplicate article id `z` (first loaded from DIR/b.jsonl:1)",
        ]
    );
    assert_eq!(ids(&corpus), ["x", "y", "z"]);
}

#[test]
fn jsonl_errors_name_the_line_and_keep_good_records() {
    let jsonl = concat!(
        "{\"id\": \"j1\", \"text\": \"First record.\"}\n",
        "\n",
        "{\"id\": \"j2\", \"text\": \"Second\"\n",
        "{\"id\": \"j3\", \"outlet\": 7, \"text\": \"Third.\"}\n",
        "{\"id\": \"j4\", \"publisher\": \"RT\", \"text\": \"Fourth.\"}\n",
        "{\"id\": \"j5\", \"published\": \"2021-02-30\", \"text\": \"Fifth.\"}\n",
        "{\"id\": \"j6\", \"text\": \"  \"}\n",
        "{\"text\": \"Seventh, without id.\"}\n",
        "{\"id\": \"j1\", \"text\": \"Duplicate.\"}\n",
    );
    let (corpus, errors) = load("jsonl", &[("feed.jsonl", jsonl.as_bytes())], Loader::new());
    assert_eq!(
        errors,
        [
            "DIR/feed.jsonl:3: invalid JSON at column 29: EOF while parsing an object",
            "DIR/feed.jsonl:4: field `outlet`: expected a string, found a number",
            "DIR/feed.jsonl:6: field `published`: \"2021-02-30\" is not a calendar date",
            "DIR/feed.jsonl:7: article `j6` has an empty body",
            "DIR/feed.jsonl:9: duplicate article id `j1` (first loaded from DIR/feed.jsonl:1)",
        ]
    );
    assert_eq!(ids(&corpus), ["j1", "j4", "feed-8"], "an unknown field (`publisher`) is kept");
    assert_eq!(corpus.get("feed-8").unwrap().record_line(), Some(8));
}

#[test]
fn missing_path_and_unsupported_file() {
    let mut corpus = Corpus::new();
    let report = Loader::new().load_path(&mut corpus, "/no/such/claimtrack/path");
    assert!(matches!(report.errors.as_slice(), [Error::Io { .. }]));
    assert!(report.errors[0].to_string().starts_with("/no/such/claimtrack/path: "));

    let tmp = common::temp_dir("unsupported");
    let dir = tmp.path();
    let file = dir.join("data.pdf");
    fs::write(&file, b"%PDF").unwrap();
    let report = Loader::new().load_path(&mut corpus, &file);
    assert_eq!(
        report.errors[0].to_string(),
        format!("{}: unsupported file type (expected .md, .markdown, .txt or .jsonl)", file.display())
    );
}

#[test]
fn directories_skip_their_readme_and_read_in_sorted_order() {
    let (corpus, errors) = load(
        "sorted",
        &[
            ("c.md", GOOD),
            ("README.md", b"# About this folder\n"),
            ("a.txt", GOOD),
            ("b.jsonl", b"{\"text\": \"x\"}\n"),
        ],
        Loader::new(),
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ids(&corpus), ["a", "b-1", "c"]);
}

#[test]
fn corpus_load_stops_at_the_first_error_but_loader_keeps_going() {
    let tmp = common::temp_dir("first-error");
    let dir = tmp.path();
    fs::write(dir.join("a.md"), GOOD).unwrap();
    fs::write(dir.join("b.md"), b"---\noutlet: [1, 2]\n---\nBody.\n").unwrap();
    fs::write(dir.join("c.md"), GOOD).unwrap();
    let err = Corpus::load([dir]).unwrap_err();
    assert!(matches!(err, Error::Field { ref field, .. } if field == "outlet"));
    assert_eq!(err.location().and_then(|l| l.line), Some(2));
    let mut corpus = Corpus::new();
    let report = Loader::new().load_path(&mut corpus, dir);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.added, ["a", "c"]);
}

#[test]
fn jsonl_from_a_reader_limits_each_record_not_the_stream() {
    let small = r#"{"id": "a", "text": "The minister said the talks would resume on Monday."}"#;
    let big = format!(r#"{{"id": "b", "text": "{}"}}"#, "word ".repeat(100));
    let input = format!("{small}\n{big}\n{}\n", small.replace("\"a\"", "\"c\""));
    let mut corpus = Corpus::new();
    let report = Loader::new().max_file_size(200).load_jsonl(&mut corpus, "<stdin>", input.as_bytes());
    assert_eq!(report.added, ["a", "c"], "the records on either side of the big one load");
    let errors: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with("<stdin>:2: record is "), "{}", errors[0]);
    assert!(errors[0].ends_with("over the limit of 200 bytes"), "{}", errors[0]);
}

#[test]
fn articles_made_in_memory_are_checked_like_loaded_ones() {
    use claimtrack::{Article, ArticleMeta};
    let meta = ArticleMeta::default().outlet("Reuters: World News");
    let article = Article::new("r1", meta.clone(), "The two sides signed the agreement.").expect("valid");
    assert_eq!((article.body(), article.path()), ("The two sides signed the agreement.", None));
    let mut corpus = Corpus::new();
    corpus.insert(article).expect("inserted");
    let tracker = claimtrack::Tracker::new(corpus);
    assert_eq!(tracker.claims().len(), 1);
    for (id, text, message) in [
        (
            "a b",
            "Text.",
            "article \"a b\": id \"a b\" must not contain whitespace, control characters or `#`",
        ),
        ("", "Text.", "article \"\": the id is empty"),
        ("ok", "  \n", "article \"ok\": the text is empty"),
    ] {
        let error = Article::new(id, meta.clone(), text).expect_err("refused");
        assert_eq!(error.to_string(), message);
        assert!(matches!(error, Error::InvalidArticle { .. }));
    }
}

#[test]
fn an_article_in_another_language_is_skipped_with_a_diagnostic() {
    let (corpus, errors) = load(
        "language",
        &[
            ("a.md", GOOD),
            (
                "de.md",
                "---\ntitle: x\nlanguage: de\n---\nDie beiden Länder haben das Abkommen unterzeichnet.\n"
                    .as_bytes(),
            ),
            ("gb.md", b"---\ntitle: y\nlanguage: en-GB\n---\nThe two countries signed the agreement.\n"),
        ],
        Loader::new(),
    );
    assert_eq!(
        errors,
        [
            "DIR/de.md:1: article `de` is in language `de`; claimtrack reads English (`en`) only, so it is skipped"
        ]
    );
    assert_eq!(ids(&corpus), ["a", "gb"]);
}

#[test]
fn an_article_without_a_sentence_is_noted_not_silently_empty() {
    let article =
        Loader::new().parse_document("rules", "---\ntitle: t\n---\n***\n\n- - -\n\n* * *\n").expect("parses");
    let mut corpus = claimtrack::Corpus::new();
    corpus.insert(article).expect("id");
    let tracker = claimtrack::Tracker::new(corpus);
    assert!(tracker.claims().is_empty());
    let skipped: Vec<_> = tracker.skipped_of("rules").collect();
    assert_eq!(skipped.iter().map(|s| s.reason).collect::<Vec<_>>(), [claimtrack::SkipReason::NoSentence]);
    // The span covers the text it gives, trimmed.
    let article = tracker.corpus().get("rules").expect("loaded");
    let span = skipped[0].span;
    assert_eq!(&article.original()[span.start..span.end], skipped[0].text);
    assert_eq!(skipped[0].text, "***\n\n- - -\n\n* * *");
}
