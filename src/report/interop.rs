//! Formats other tools read: CSV for spreadsheets, Graphviz DOT for a
//! picture of who says what, and schema.org `ClaimReview` JSON-LD for
//! fact-checking platforms and search engines.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::model::{Claim, EntityKind, RelationKind, Verdict};
use crate::tracker::Tracker;

/// The CSV header, one column per field of [`csv()`]'s rows.
pub const CSV_COLUMNS: [&str; 13] = [
    "claim",
    "article",
    "outlet",
    "date",
    "line",
    "speaker",
    "attribution",
    "factuality",
    "group",
    "verdict",
    "independent_sources",
    "canonical",
    "text",
];

/// One row per claim, in corpus order: where it is (article, outlet,
/// publication date, line), who says it and how surely, its group with
/// the group's verdict and number of independent sources, and its text.
/// Written with the `csv` crate: RFC 4180 quoting, a header row, `\n`
/// line ends.
pub fn csv(tracker: &Tracker) -> String {
    let mut writer =
        ::csv::WriterBuilder::new().terminator(::csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    // Writing into memory cannot fail.
    let _ = writer.write_record(CSV_COLUMNS);
    for claim in tracker.claims() {
        let article = tracker.corpus().get(claim.article());
        let meta = article.map(|a| a.meta());
        let group = tracker.group_of(claim.id());
        let assessment = group.and_then(|g| tracker.assessment(&g.id));
        let attribution = claim.attribution();
        let row = [
            claim.id().to_owned(),
            claim.article().to_owned(),
            meta.and_then(|m| m.outlet.clone()).unwrap_or_default(),
            meta.and_then(|m| m.published).map(|d| d.to_string()).unwrap_or_default(),
            article.map(|a| a.line_of(claim.span().start).to_string()).unwrap_or_default(),
            attribution.and_then(|a| a.speaker.clone()).unwrap_or_default(),
            attribution.map(|a| a.mode.as_str()).unwrap_or_default().to_owned(),
            claim.factuality().map(|f| f.to_string()).unwrap_or_default(),
            group.map(|g| g.id.clone()).unwrap_or_default(),
            assessment.map(|a| a.verdict.to_string()).unwrap_or_default(),
            assessment.map(|a| a.independent_sources().to_string()).unwrap_or_default(),
            group.map(|g| g.canonical_claim == claim.id()).unwrap_or_default().to_string(),
            claim.text().to_owned(),
        ];
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A DOT string literal.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` cut to lines of about `width` characters, at most `lines` of
/// them.
fn wrap(text: &str, width: usize, lines: usize) -> String {
    let mut out: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let last = out.last_mut().expect("never empty");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            if out.len() == lines {
                out.last_mut().expect("never empty").push_str(" ...");
                break;
            }
            out.push(String::new());
        }
        let last = out.last_mut().expect("never empty");
        if !last.is_empty() {
            last.push(' ');
        }
        last.push_str(word);
    }
    out.join("\n")
}

/// The outlet an article is shown under: its outlet, or its id.
fn outlet_of(tracker: &Tracker, claim: &Claim) -> String {
    tracker
        .corpus()
        .get(claim.article())
        .and_then(|a| a.meta().outlet.clone())
        .unwrap_or_else(|| claim.article().to_owned())
}

/// One graph of outlets, claim groups and relations, for Graphviz: each
/// outlet (a box) points to the groups it carries, republications point
/// from the republishing outlet to the original (dotted), and relations
/// join groups: contradictions red, updates dashed (from the later
/// report), support grey. Groups shown are those reported more than once
/// or in a relation; their label is the canonical claim, the verdict and
/// the number of independent sources.
pub fn dot(tracker: &Tracker) -> String {
    let mut out = String::from(
        "digraph claimtrack {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n",
    );
    let shown: Vec<_> = tracker
        .groups()
        .iter()
        .filter(|g| g.claims.len() > 1 || tracker.relations_of(&g.id).next().is_some())
        .collect();
    let mut outlets: BTreeSet<String> = BTreeSet::new();
    let mut republishes: BTreeSet<(String, String)> = BTreeSet::new();
    for article in tracker.corpus().articles() {
        let name = article.meta().outlet.clone().unwrap_or_else(|| article.id().to_owned());
        if let Some(via) = &article.meta().via {
            outlets.insert(via.clone());
            republishes.insert((name.clone(), via.clone()));
        }
        outlets.insert(name);
    }
    out.push_str("  subgraph outlets {\n    node [shape=box, style=filled, fillcolor=\"#eef2f7\"];\n");
    for outlet in &outlets {
        let _ = writeln!(out, "    {};", quoted(&format!("outlet: {outlet}")));
    }
    out.push_str("  }\n");
    for (from, to) in &republishes {
        let _ = writeln!(
            out,
            "  {} -> {} [style=dotted, label=\"republishes\"];",
            quoted(&format!("outlet: {from}")),
            quoted(&format!("outlet: {to}"))
        );
    }
    let colour = |verdict: Verdict| match verdict {
        Verdict::Denied | Verdict::Disputed => "#f8d7da",
        Verdict::Superseded => "#fff3cd",
        Verdict::Corroborated => "#d4edda",
        _ => "#ffffff",
    };
    for group in &shown {
        let canonical = tracker.claim(&group.canonical_claim).map_or("", |c| c.text());
        let Some(a) = tracker.assessment(&group.id) else { continue };
        let label = format!(
            "{}\n{} ({} source{})",
            wrap(canonical, 40, 4),
            a.verdict,
            a.independent_sources(),
            if a.independent_sources() == 1 { "" } else { "s" }
        );
        let _ = writeln!(
            out,
            "  {} [shape=note, style=filled, fillcolor=\"{}\", label={}];",
            quoted(&group.id),
            colour(a.verdict),
            quoted(&label)
        );
        let carriers: BTreeMap<String, usize> =
            group.claims.iter().filter_map(|id| tracker.claim(id)).fold(BTreeMap::new(), |mut m, c| {
                *m.entry(outlet_of(tracker, c)).or_default() += 1;
                m
            });
        for (outlet, n) in carriers {
            let label = if n > 1 { format!(" [label=\"{n} claims\"]") } else { String::new() };
            let _ =
                writeln!(out, "  {} -> {}{label};", quoted(&format!("outlet: {outlet}")), quoted(&group.id));
        }
    }
    for r in tracker.relations() {
        let style = match r.kind {
            RelationKind::Contradicts => "color=red, fontcolor=red",
            RelationKind::Updates => "style=dashed",
            _ => "color=grey, fontcolor=grey",
        };
        let label = match r.contradiction {
            Some(t) => format!("contradicts ({})", t.as_str()),
            None => r.kind.as_str().to_owned(),
        };
        let _ =
            writeln!(out, "  {} -> {} [{style}, label={}];", quoted(&r.from), quoted(&r.to), quoted(&label));
    }
    out.push_str("}\n");
    out
}

/// Who publishes the `ClaimReview`s and where: the review's `author`,
/// `url` and `datePublished`, which schema.org and Google's fact-check
/// markup ask for and which only the user can give.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClaimReviewOptions {
    /// The organisation publishing the reviews (default: "claimtrack").
    pub author: Option<String>,
    /// The address of the page holding the reviews; each review's `url`
    /// is it with `#` and the group id.
    pub url: Option<String>,
    /// When the reviews are published (default: none written).
    pub date_published: Option<crate::PartialDate>,
}

impl ClaimReviewOptions {
    /// Options with this author.
    #[must_use]
    pub fn author(mut self, author: impl Into<String>) -> Self {
        self.author = Some(author.into());
        self
    }

    /// Options with this page address.
    #[must_use]
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Options with this publication date.
    #[must_use]
    pub fn date_published(mut self, date: crate::PartialDate) -> Self {
        self.date_published = Some(date);
        self
    }
}

/// The textual rating a `ClaimReview` gives a verdict, or `None` when
/// claimtrack has no review it can defend. claimtrack does not judge
/// truth, and readers such as Google's Fact Check Explorer read
/// `reviewRating` as a truthfulness rating; so no number is given, and a
/// review is written only where the sources themselves settle something a
/// reader should know:
///
/// | verdict | `alternateName` | why |
/// |---|---|---|
/// | denied | "Denied by a party to it" | a party to the claim denies it |
/// | disputed | "Disputed by another source" | a source contradicts it |
/// | superseded | "Superseded by a later report" | a later report changes it |
/// | corroborated | "Corroborated by independent sources" | two or more independent origins say it |
/// | attributed-only, single-source | none | one origin: nothing to review |
pub fn review_words(verdict: Verdict) -> Option<&'static str> {
    match verdict {
        Verdict::Denied => Some("Denied by a party to it"),
        Verdict::Disputed => Some("Disputed by another source"),
        Verdict::Superseded => Some("Superseded by a later report"),
        Verdict::Corroborated => Some("Corroborated by independent sources"),
        _ => None,
    }
}

/// schema.org `ClaimReview` JSON-LD, in an `@graph`, for the groups with a
/// review claimtrack can defend (see [`review_words`]), with the default
/// [`ClaimReviewOptions`].
pub fn claimreview(tracker: &Tracker) -> String {
    claimreview_with(tracker, &ClaimReviewOptions::default())
}

/// schema.org `ClaimReview` JSON-LD: one review per group with a verdict
/// [`review_words`] maps, in an `@graph`. `claimReviewed` is the canonical
/// claim; `itemReviewed` is a `Claim` with an `appearance` (a
/// `NewsArticle`) for every article that carries it, its
/// `firstAppearance`, its `author` (the independent origins, as `Person`
/// or `Organization`) and its `datePublished` (the first appearance's
/// date); `reviewRating` is a `Rating` with the verdict in words as
/// `alternateName` and the reason as `ratingExplanation`, and no number.
/// The review's `author`, `url` and `datePublished` come from `options`.
pub fn claimreview_with(tracker: &Tracker, options: &ClaimReviewOptions) -> String {
    let entities = tracker.entities();
    let mut graph = Vec::new();
    for (group, a) in tracker.groups().iter().zip(tracker.assessments()) {
        let Some(words) = review_words(a.verdict) else { continue };
        let mut appearances: BTreeMap<(bool, Option<String>, String), Value> = BTreeMap::new();
        for claim in group.claims.iter().filter_map(|id| tracker.claim(id)) {
            let Some(article) = tracker.corpus().get(claim.article()) else { continue };
            let meta = article.meta();
            let date = meta.published.map(|d| d.to_string());
            let mut work = json!({
                "@type": "NewsArticle",
                "@id": format!("#article-{}", article.id()),
                "headline": meta.title.clone().unwrap_or_else(|| article.id().to_owned()),
            });
            if let Some(url) = &meta.url {
                work["url"] = json!(url);
            }
            if let Some(date) = &date {
                work["datePublished"] = json!(date);
            }
            if let Some(outlet) = &meta.outlet {
                work["publisher"] = json!({"@type": "Organization", "name": outlet});
            }
            if let Some(author) = &meta.author {
                work["author"] = json!({"@type": "Person", "name": author});
            }
            // In publication order, undated last.
            appearances.entry((date.is_none(), date, article.id().to_owned())).or_insert(work);
        }
        let first = appearances.values().next().cloned();
        let authors: Vec<Value> = a
            .origins
            .iter()
            .map(|o| {
                let person = entities.lookup(&o.name).is_some_and(|e| e.kind == EntityKind::Person);
                json!({"@type": if person { "Person" } else { "Organization" }, "name": o.name})
            })
            .collect();
        let mut claim = json!({
            "@type": "Claim",
            "appearance": appearances.values().cloned().collect::<Vec<_>>(),
            "author": authors,
        });
        if let Some(first) = first {
            if let Some(date) = first.get("datePublished") {
                claim["datePublished"] = date.clone();
            }
            claim["firstAppearance"] = first;
        }
        let mut review = json!({
            "@type": "ClaimReview",
            "@id": format!("#{}", group.id),
            "claimReviewed": tracker.claim(&group.canonical_claim).map_or("", |c| c.text()),
            "itemReviewed": claim,
            "author": {"@type": "Organization", "name": options.author.as_deref().unwrap_or("claimtrack")},
            "reviewRating": {
                "@type": "Rating",
                "alternateName": words,
                "ratingExplanation": a.reason,
            },
        });
        if let Some(url) = &options.url {
            review["url"] = json!(format!("{url}#{}", group.id));
        }
        if let Some(date) = options.date_published {
            review["datePublished"] = json!(date.to_string());
        }
        graph.push(review);
    }
    let document = json!({"@context": "https://schema.org", "@graph": graph});
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
