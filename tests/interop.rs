//! The formats other tools read, over the corpus: CSV parses back with a
//! header and one row per claim, the DOT graph parses and lays out, and the
//! ClaimReview JSON-LD uses schema.org's types and property names only.
//! Each format, Markdown and JSON included, is also snapshotted over the
//! corpus (read the diff before accepting).

mod common;

use std::collections::BTreeMap;

use claimtrack::report;
use serde_json::Value;

#[test]
fn csv_has_a_header_and_one_row_per_claim() {
    let tracker = common::tracker();
    let text = report::csv(&tracker);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(header, report::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows parse");
    assert_eq!(rows.len(), tracker.claims().len());
    for (row, claim) in rows.iter().zip(tracker.claims()) {
        assert_eq!(&row[0], claim.id());
        assert_eq!(&row[12], claim.text(), "quoting keeps the text whole");
        let group = tracker.group_of(claim.id()).expect("grouped");
        assert_eq!(&row[8], group.id);
        assert_eq!(&row[9], tracker.assessment(&group.id).expect("assessed").verdict.as_str());
    }
    insta::assert_snapshot!("corpus_csv", text);
}

#[test]
fn the_dot_graph_parses_and_renders() {
    let tracker = common::tracker();
    let text = report::dot(&tracker);
    assert!(text.contains("color=red"), "contradictions are red");
    assert!(text.contains("style=dashed"), "updates are dashed");
    assert!(text.contains("\"outlet: Global Research\" -> \"outlet: The Jordan Times\" [style=dotted"));
    // Parsed and laid out in-process by layout-rs, so `cargo test` needs
    // no Graphviz; `.ci/run` also renders it with the real `dot` when it is
    // installed.
    let graph = layout::gv::DotParser::new(&text).process().unwrap_or_else(|e| panic!("DOT parses: {e}"));
    let mut builder = layout::gv::GraphBuilder::new();
    builder.visit_graph(&graph);
    let mut visual = builder.get();
    let nodes =
        text.lines().filter(|l| l.trim_start().starts_with("\"g-") && l.contains("[shape=note")).count();
    assert!(nodes > 0, "groups are nodes");
    let mut svg = layout::backends::svg::SVGWriter::new();
    visual.do_it(false, false, false, &mut svg);
    let svg = svg.finalize();
    assert!(svg.starts_with("<svg") || svg.contains("<svg"), "renders to SVG");
    assert!(svg.contains("Global Research"), "outlet labels are drawn");
    insta::assert_snapshot!("corpus_dot", text);
}

/// The schema.org properties each type may carry here, and the expected
/// JSON type of each.
fn allowed() -> BTreeMap<&'static str, Vec<(&'static str, &'static str)>> {
    BTreeMap::from([
        (
            "ClaimReview",
            vec![
                ("@id", "string"),
                ("@type", "string"),
                ("claimReviewed", "string"),
                ("itemReviewed", "object"),
                ("author", "object"),
                ("reviewRating", "object"),
                ("url", "string"),
                ("datePublished", "string"),
            ],
        ),
        (
            "Claim",
            vec![
                ("@type", "string"),
                ("appearance", "array"),
                ("firstAppearance", "object"),
                ("author", "array"),
                ("datePublished", "string"),
            ],
        ),
        (
            "NewsArticle",
            vec![
                ("@id", "string"),
                ("@type", "string"),
                ("headline", "string"),
                ("url", "string"),
                ("datePublished", "string"),
                ("publisher", "object"),
                ("author", "object"),
            ],
        ),
        (
            "Rating",
            vec![
                ("@type", "string"),
                ("ratingValue", "number"),
                ("bestRating", "number"),
                ("worstRating", "number"),
                ("alternateName", "string"),
                ("ratingExplanation", "string"),
            ],
        ),
        ("Organization", vec![("@type", "string"), ("name", "string")]),
        ("Person", vec![("@type", "string"), ("name", "string")]),
    ])
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Bool(_) => "bool",
        Value::Null => "null",
    }
}

/// Checks a node and everything under it against [`allowed`].
fn check(node: &Value, allowed: &BTreeMap<&str, Vec<(&str, &str)>>, path: &str) {
    match node {
        Value::Array(items) => items.iter().for_each(|v| check(v, allowed, path)),
        Value::Object(map) => {
            let kind =
                map.get("@type").and_then(Value::as_str).unwrap_or_else(|| panic!("{path} has no @type"));
            let props = allowed.get(kind).unwrap_or_else(|| panic!("{path}: unexpected type {kind}"));
            for (key, value) in map {
                let expected = props
                    .iter()
                    .find(|(p, _)| p == key)
                    .unwrap_or_else(|| panic!("{path}: {kind} has no property {key} in schema.org"))
                    .1;
                assert_eq!(json_type(value), expected, "{path}.{key}");
                check_children(value, allowed, &format!("{path}.{key}"));
            }
        }
        _ => {}
    }
}

fn check_children(value: &Value, allowed: &BTreeMap<&str, Vec<(&str, &str)>>, path: &str) {
    match value {
        Value::Object(_) => check(value, allowed, path),
        Value::Array(items) => items.iter().filter(|v| v.is_object()).for_each(|v| check(v, allowed, path)),
        _ => {}
    }
}

#[test]
fn claimreview_uses_schema_org_names_and_types() {
    let tracker = common::tracker();
    let text = report::claimreview(&tracker);
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["@context"], "https://schema.org");
    let graph = doc["@graph"].as_array().expect("@graph");
    let reviewed = tracker.assessments().iter().filter(|a| report::review_words(a.verdict).is_some()).count();
    assert_eq!(graph.len(), reviewed, "one ClaimReview per group with a defensible review");
    assert!(reviewed < tracker.groups().len(), "single-source groups get none");
    let allowed = allowed();
    for review in graph {
        assert_eq!(review["@type"], "ClaimReview");
        check(review, &allowed, "ClaimReview");
        let rating = &review["reviewRating"];
        // No number: readers take one for a truthfulness rating, which
        // claimtrack does not give.
        assert!(rating.get("ratingValue").is_none() && rating.get("bestRating").is_none());
        assert!(rating["alternateName"].as_str().is_some_and(|w| !w.is_empty()));
        let item = &review["itemReviewed"];
        assert!(!item["appearance"].as_array().expect("appearances").is_empty());
        assert_eq!(item["firstAppearance"], item["appearance"][0]);
    }
    // A claim is dated by its first appearance.
    for review in graph.iter().filter(|r| r["itemReviewed"]["firstAppearance"].get("datePublished").is_some())
    {
        let item = &review["itemReviewed"];
        assert_eq!(item["datePublished"], item["firstAppearance"]["datePublished"]);
    }
    // The signing, told by one article (RT) only, gets no review.
    assert!(
        !graph
            .iter()
            .any(|r| r["claimReviewed"].as_str().is_some_and(|t| t.contains("was signed on 27 March")))
    );
    insta::assert_snapshot!("corpus_claimreview", text);
    let options = report::ClaimReviewOptions::default()
        .author("Example Fact Desk")
        .url("https://example.org/reviews")
        .date_published(claimtrack::PartialDate::parse("2021-04-01").expect("date"));
    let doc: Value = serde_json::from_str(&report::claimreview_with(&tracker, &options)).expect("JSON");
    let first = &doc["@graph"][0];
    assert_eq!(first["author"]["name"], "Example Fact Desk");
    assert_eq!(first["datePublished"], "2021-04-01");
    assert_eq!(first["url"], format!("https://example.org/reviews{}", first["@id"].as_str().expect("id")));
    check(first, &allowed, "ClaimReview");
}

#[test]
fn the_markdown_report_snapshot() {
    // Loaded by a relative path (tests run in the crate's folder), so the
    // report names `corpus/...` wherever the crate lives.
    let tracker = claimtrack::Tracker::new(claimtrack::Corpus::load(["corpus"]).expect("the corpus loads"));
    insta::assert_snapshot!("corpus_markdown", report::markdown(&tracker));
}

#[test]
fn the_json_document_snapshot() {
    let tracker = claimtrack::TrackerBuilder::default()
        .evidence(true)
        .build(claimtrack::Corpus::load(["corpus"]).expect("the corpus loads"));
    insta::assert_snapshot!("corpus_json", report::json::Document::new(&tracker).to_json());
}
