//! The readable report: Markdown that reads well in a terminal too.

use std::fmt::Write as _;

use crate::model::{Article, QuantityValue};
use crate::tracker::Tracker;

/// Renders the readable report: each article with its metadata, then its
/// claims with the line they start on.
pub fn markdown(tracker: &Tracker) -> String {
    let mut out = String::new();
    let corpus = tracker.corpus();
    let _ = writeln!(
        out,
        "# claimtrack report\n\n{} articles, {} claims, {} groups, {} relations",
        corpus.len(),
        tracker.claims().len(),
        tracker.groups().len(),
        tracker.relations().len()
    );
    for article in corpus.articles() {
        let _ = write!(out, "\n## {}", article.id());
        if let Some(title) = &article.meta().title {
            let _ = write!(out, ": {}", one_line(title));
        }
        out.push_str("\n\n");
        let about = describe(article);
        if !about.is_empty() {
            let _ = writeln!(out, "{about}\n");
        }
        for claim in tracker.claims_of(article.id()) {
            let line = article.line_of(claim.span().start);
            let _ = write!(out, "- line {line}: {}", escape(claim.text()));
            let mut notes = Vec::new();
            if let Some(f) = claim.factuality() {
                notes.push(f.to_string());
            }
            if let Some(speaker) = claim.attribution().and_then(|a| a.speaker.as_deref()) {
                notes.push(format!("says {}", escape(speaker)));
            }
            for q in claim.quantities() {
                let value = match &q.value {
                    QuantityValue::Number(n) => format!("{n}"),
                    QuantityValue::Date(d) => d.to_string(),
                };
                notes.push(format!("{} = {value} {}", escape(&q.text), q.unit));
            }
            if !claim.entities().is_empty() {
                let names: Vec<String> = claim.entities().iter().map(|e| escape(&e.name)).collect();
                notes.push(names.join(", "));
            }
            if !notes.is_empty() {
                let _ = write!(out, "  \n  _{}_", notes.join("; "));
            }
            out.push('\n');
        }
        let skipped: Vec<_> = tracker.skipped().iter().filter(|s| s.article == article.id()).collect();
        if !skipped.is_empty() {
            let _ = writeln!(
                out,
                "\nNot claims: {} pieces (headlines, captions, boilerplate ...).",
                skipped.len()
            );
        }
    }
    out
}

/// "Global Research, by Michael Jansen, published 2020-07-23, republishing
/// The Jordan Times, from `corpus/000.txt`".
fn describe(article: &Article) -> String {
    let meta = article.meta();
    let mut parts = Vec::new();
    if let Some(outlet) = &meta.outlet {
        parts.push(one_line(outlet));
    }
    if let Some(author) = &meta.author {
        parts.push(format!("by {}", one_line(author)));
    }
    if let Some(date) = meta.published {
        parts.push(format!("published {date}"));
    }
    if let Some(via) = &meta.via {
        parts.push(format!("republishing {}", one_line(via)));
    }
    if let Some(path) = article.path() {
        let mut from = format!("from `{}`", path.display());
        if let Some(line) = article.record_line() {
            let _ = write!(from, " line {line}");
        }
        parts.push(from);
    }
    parts.join(", ")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes what Markdown would otherwise read as markup at the start of a
/// list item or inline.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
