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
            let line = article.line_of(span.start);
            let _ = writeln!(out, "\n{} L{line} [{}..{}] {}", claim.id(), span.start, span.end, claim.text());
            if let Some(a) = claim.attribution() {
                let _ = writeln!(
                    out,
                    "  attribution: {:?} via {:?} cue {:?} ({:?})",
                    a.speaker, a.chain, a.cue, a.mode
                );
            }
            if let Some(f) = claim.factuality() {
                let _ = writeln!(out, "  factuality: {f}");
            }
            for q in claim.quantities() {
                let value = match &q.value {
                    claimtrack::QuantityValue::Number(n) => format!("{n}"),
                    claimtrack::QuantityValue::Date(d) => d.to_string(),
                };
                let bound = q.bound.as_deref().map(|b| format!(" {b}")).unwrap_or_default();
                let _ = writeln!(out, "  {:?}: {value} {}{bound} <{}>", q.kind, q.unit, q.text);
            }
            for d in claim.unresolved_dates() {
                let _ = writeln!(out, "  unresolved date: <{}>", d.text);
            }
            if !claim.entities().is_empty() {
                let names: Vec<&str> = claim.entities().iter().map(|e| e.name.as_str()).collect();
                let _ = writeln!(out, "  entities: {}", names.join(", "));
            }
        }
        let _ = writeln!(out, "\nskipped:");
        for skipped in tracker.skipped().iter().filter(|s| s.article == id) {
            let line = article.line_of(skipped.span.start);
            let _ = writeln!(out, "L{line} {}: {}", skipped.reason.as_str(), skipped.text);
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

/// Every group of two or more claims over the corpus: id, canonical member,
/// members, and each scored pair with its components.
#[test]
fn claim_groups() {
    let tracker = common::tracker();
    let mut out = String::new();
    for group in tracker.groups().iter().filter(|g| g.claims.len() > 1) {
        let _ = writeln!(out, "{} canonical {}", group.id, group.canonical_claim);
        for id in &group.claims {
            let text = tracker.claim(id).map_or("", |c| c.text());
            let _ = writeln!(out, "  {id}: {text}");
        }
        for pair in &group.evidence.pairs {
            let c = &pair.components;
            let _ = writeln!(
                out,
                "  {} ~ {} {:.3}: words {:.3} entities {:?} quantities {:?} wording {:.3} penalties {:?}",
                pair.a,
                pair.b,
                pair.score,
                c.words.score,
                c.entities.as_ref().map(|e| e.score),
                c.quantities.as_ref().map(|q| q.score),
                c.wording.score,
                c.penalties.iter().map(|p| p.factor).collect::<Vec<_>>()
            );
        }
        out.push('\n');
    }
    insta::assert_snapshot!(out);
}

/// The analysis of the corpus: every relation with the claim pairs behind
/// it, then every group that is more than one claim's say (several
/// members, a relation, or a verdict other than single-source) with its
/// verdict, origins and timeline.
#[test]
fn corpus_analysis() {
    let tracker = common::tracker();
    let mut out = String::new();
    let text = |id: &str| tracker.claim(id).map_or(String::new(), |c| c.text().to_owned());
    let _ = writeln!(out, "relations: {}", tracker.relations().len());
    for r in tracker.relations() {
        let kind = r
            .contradiction
            .map_or(r.kind.as_str().to_owned(), |t| format!("{} ({})", r.kind.as_str(), t.as_str()));
        let _ = writeln!(out, "\n{kind}: {} -> {}\n  {}", r.from, r.to, r.reason);
        for p in &r.pairs {
            let _ = writeln!(out, "  {} {:?}\n    -> {} {:?}", p.from, text(&p.from), p.to, text(&p.to));
        }
    }
    let _ = writeln!(out, "\ngroups:");
    for (group, a) in tracker.groups().iter().zip(tracker.assessments()) {
        let related = tracker.relations_of(&group.id).next().is_some();
        if group.claims.len() < 2 && !related && a.verdict == claimtrack::Verdict::SingleSource {
            continue;
        }
        let _ = writeln!(
            out,
            "\n{} {:?}\n  verdict: {} ({}), {} source(s): {}",
            group.id,
            text(&group.canonical_claim),
            a.verdict,
            a.factuality.as_str(),
            a.independent_sources(),
            a.reason
        );
        for o in &a.origins {
            let _ = writeln!(out, "  origin: {} via {:?}: {}", o.name, o.via, o.claims.join(", "));
        }
        for t in &a.timeline {
            let date = t.date.map_or_else(|| "undated".to_owned(), |d| d.to_string());
            let _ = writeln!(out, "  {date} {} {} {} -> {}", t.article, t.event, t.claim, t.status);
        }
    }
    insta::assert_snapshot!("corpus_analysis", out);
}
