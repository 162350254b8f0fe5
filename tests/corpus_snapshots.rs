//! One readable snapshot per corpus article: its metadata and every claim
//! with its line, span and text. Read the diff before accepting a change:
//! a snapshot is a claim about correctness.

mod common;

use std::fmt::Write as _;

use claimtrack::Tracker;

#[test]
fn ingested_articles() {
    let tracker = common::tracker();
    insta::glob!("../corpus", "*.txt", |path| {
        let id = path.file_stem().and_then(|s| s.to_str()).expect("file stem");
        let article = tracker.corpus().get(id).expect("article loaded");
        let mut out = String::new();
        let meta = article.meta();
        let _ = writeln!(out, "id: {}", article.id());
        let _ = writeln!(out, "title: {:?}", meta.title);
        let _ = writeln!(out, "outlet: {:?}", meta.outlet);
        let _ = writeln!(out, "author: {:?}", meta.author);
        let _ = writeln!(out, "url: {:?}", meta.url);
        let _ = writeln!(out, "published: {:?}", meta.published.map(|d| d.to_string()));
        let _ = writeln!(out, "language: {:?}", meta.language);
        let _ = writeln!(out, "via: {:?}", meta.via);
        let _ = writeln!(
            out,
            "body: bytes {}..{} from line {}",
            article.body_span().start,
            article.body_span().end,
            article.first_body_line()
        );
        let _ = writeln!(out, "\nclaims:");
        for claim in tracker.claims_of(id) {
            let span = claim.span();
            let _ = writeln!(
                out,
                "{} L{} [{}..{}] {}",
                claim.id(),
                article.line_of(span.start),
                span.start,
                span.end,
                claim.text()
            );
        }
        insta::assert_snapshot!(out);
    });
}

#[test]
fn every_span_slices_its_source_and_matches_its_text() {
    let tracker: Tracker = common::tracker();
    for claim in tracker.claims() {
        let article = tracker.corpus().get(claim.article()).expect("article");
        let source = claim.span().slice(article.original()).expect("span on char boundaries");
        assert!(claim.span().start >= article.body_span().start, "{} starts in front matter", claim.id());
        // The clean text's words all appear in the source slice, in order
        // (markup and whitespace aside).
        let mut rest = source;
        for word in claim.text().split_whitespace() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if word.is_empty() {
                continue;
            }
            let at = rest.find(word).unwrap_or_else(|| panic!("{}: {word:?} not in {source:?}", claim.id()));
            rest = &rest[at + word.len()..];
        }
    }
}
