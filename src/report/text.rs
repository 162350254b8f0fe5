//! The readable report: Markdown that reads well in a terminal too.

use std::fmt::Write as _;

use crate::model::{Article, QuantityValue};
use crate::tracker::Tracker;

/// What the readable report includes beyond the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Under each group, its scored pairs with their components and the
    /// pairs kept apart.
    pub evidence: bool,
}

/// Renders the readable report: the claims reported more than once, then
/// each article with its metadata and its claims with the line they start
/// on.
pub fn markdown(tracker: &Tracker) -> String {
    markdown_with(tracker, MarkdownOptions::default())
}

/// [`markdown`] with options.
pub fn markdown_with(tracker: &Tracker, options: MarkdownOptions) -> String {
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
    groups(tracker, options, &mut out);
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

/// The groups of two or more claims: canonical statement, then every
/// member with its article and line, and the evidence on request.
fn groups(tracker: &Tracker, options: MarkdownOptions, out: &mut String) {
    let shared: Vec<_> = tracker.groups().iter().filter(|g| g.claims.len() > 1).collect();
    if shared.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Claims reported more than once\n");
    for group in shared {
        let canonical = tracker.claim(&group.canonical).map_or("", |c| c.text());
        let _ =
            writeln!(out, "### {} ({} claims)\n\n> {}\n", group.id, group.claims.len(), escape(canonical));
        for id in &group.claims {
            let Some(claim) = tracker.claim(id) else { continue };
            let article = tracker.corpus().get(claim.article());
            let line = article.map_or(0, |a| a.line_of(claim.span().start));
            let outlet = article.and_then(|a| a.meta().outlet.clone()).unwrap_or_default();
            let _ = writeln!(
                out,
                "- {} line {line} ({}): {}",
                claim.article(),
                escape(&outlet),
                escape(claim.text())
            );
        }
        if options.evidence {
            out.push('\n');
            for pair in &group.evidence.pairs {
                let c = &pair.components;
                let mut parts = vec![format!("words {:.2}", c.words.score)];
                if let Some(e) = &c.entities {
                    parts.push(format!("entities {:.2}", e.score));
                }
                if let Some(q) = &c.quantities {
                    parts.push(format!("quantities {:.2}", q.score));
                    for d in &q.disagreements {
                        parts.push(format!("{} differs: {} vs {}", d.slot, d.a, d.b));
                    }
                }
                parts.push(format!("wording {:.2}", c.wording.score));
                for p in &c.penalties {
                    parts.push(format!("{} (x{})", p.reason, p.factor));
                }
                let shared: Vec<&str> = c.words.shared.iter().map(|t| t.term.as_str()).collect();
                let _ = writeln!(
                    out,
                    "- {} ~ {}: score {:.3} ({}); shared: {}",
                    pair.a,
                    pair.b,
                    pair.score,
                    parts.join(", "),
                    escape(&shared.join(", "))
                );
            }
            for apart in &group.evidence.kept_apart {
                let _ = writeln!(
                    out,
                    "- kept apart from {} ({}): {}",
                    apart.b,
                    apart.group,
                    escape(&apart.reason)
                );
            }
        }
        out.push('\n');
    }
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
