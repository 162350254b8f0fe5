//! The readable report: Markdown that reads well in a terminal too.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use crate::model::{Article, ClaimGroup, QuantityValue, Relation, RelationKind, Verdict};
use crate::tracker::{QueryHit, Tracker};

/// What the readable report includes beyond the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct MarkdownOptions {
    /// Under each group, its scored pairs with their components and the
    /// pairs kept apart: the tracker must have computed them
    /// ([`TrackerBuilder::evidence`](crate::TrackerBuilder::evidence)),
    /// or the sections are empty.
    pub evidence: bool,
}

impl MarkdownOptions {
    /// Options with the evidence under each group, or without.
    #[must_use]
    pub fn evidence(mut self, evidence: bool) -> Self {
        self.evidence = evidence;
        self
    }
}

/// Renders the readable report: first what needs attention
/// (contradictions and denials, updates, claims with a single origin),
/// then the claims reported more than once with their verdicts, origins
/// and timelines, then each article with its metadata and its claims with
/// the line they start on.
pub fn markdown(tracker: &Tracker) -> String {
    markdown_with(tracker, MarkdownOptions::default())
}

/// What the factuality codes in the report mean (FactBank's values).
const FACTUALITY_LEGEND: &str = "\nFactuality, as FactBank writes it: `CT` certain, `PR` probable, `PS` possible, \
`U` uncommitted; then `+` so, `-` not so, `u` unknown (`CT+` the source says it is so, `PR-` probably not, \
`Uu` the source does not commit).\n";

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
    out.push_str(FACTUALITY_LEGEND);
    attention(tracker, &mut out);
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
        let retired: Vec<_> = tracker.retired().iter().filter(|r| r.article == article.id()).collect();
        if !retired.is_empty() {
            let _ = writeln!(out, "\nRetired by an edit of the article: {} claims.\n", retired.len());
            for r in retired {
                let _ = writeln!(out, "- ~~{}~~ (was {}, in {})", escape(&r.text), r.claim, r.group);
            }
        }
        let skipped: Vec<_> = tracker.skipped_of(article.id()).collect();
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

/// Where a claim is: "003_2ae25c5b15da7739 line 24, VOV World, 2020-07".
fn locate(tracker: &Tracker, id: &str) -> String {
    let Some(claim) = tracker.claim(id) else { return id.to_owned() };
    let article = tracker.corpus().get(claim.article());
    let line = article.map_or(0, |a| a.line_of(claim.span().start));
    let mut about = Vec::new();
    if let Some(outlet) = article.and_then(|a| a.meta().outlet.as_deref()) {
        about.push(one_line(outlet));
    }
    if let Some(date) = article.and_then(|a| a.meta().published) {
        about.push(date.to_string());
    }
    let mut out = format!("{} line {line}", claim.article());
    for part in about {
        let _ = write!(out, ", {}", escape(&part));
    }
    out
}

fn quote(tracker: &Tracker, id: &str) -> String {
    format!("\"{}\"", escape(tracker.claim(id).map_or("", |c| c.text())))
}

/// Contradictions and denials, updates, and the claims that rest on one
/// origin although several reports carry them.
fn attention(tracker: &Tracker, out: &mut String) {
    let contradictions: Vec<_> =
        tracker.relations().iter().filter(|r| r.kind == RelationKind::Contradicts).collect();
    let updates: Vec<_> = tracker.relations().iter().filter(|r| r.kind == RelationKind::Updates).collect();
    let _ = writeln!(out, "\n## Contradictions and denials\n");
    if contradictions.is_empty() {
        out.push_str("None found.\n");
    }
    for r in contradictions {
        let Some(pair) = r.pairs.first() else { continue };
        let denied = [&r.from, &r.to]
            .iter()
            .any(|g| tracker.assessment(g).is_some_and(|a| a.verdict == Verdict::Denied));
        let what = r.contradiction.map_or("contradiction", |t| t.as_str());
        let _ = writeln!(
            out,
            "- **{what}{}**: {} ({})  \n  vs {} ({})  \n  _{}_",
            if denied { ", denied" } else { "" },
            quote(tracker, &pair.from),
            locate(tracker, &pair.from),
            quote(tracker, &pair.to),
            locate(tracker, &pair.to),
            escape(&r.reason)
        );
    }
    let _ = writeln!(out, "\n## Updates\n");
    if updates.is_empty() {
        out.push_str("None found.\n");
    }
    // One line per matter: the groups that updates link, directly or
    // through one another, are reports of one matter at different stages.
    for matter in matters(&updates) {
        let date = |id: &str| {
            tracker.claim(id).and_then(|c| tracker.corpus().get(c.article())).and_then(|a| a.meta().published)
        };
        // The latest report of the matter and the earliest one it updates.
        let latest = matter
            .iter()
            .filter_map(|r| Some((r, r.pairs.first()?)))
            .max_by(|(_, x), (_, y)| date(&x.from).cmp(&date(&y.from)).then(y.from.cmp(&x.from)));
        let earliest = matter.iter().filter_map(|r| Some((r, r.pairs.first()?))).min_by(|(_, x), (_, y)| {
            (date(&x.to).is_none(), date(&x.to), &x.to).cmp(&(date(&y.to).is_none(), date(&y.to), &y.to))
        });
        // The reason is the earliest step's: it names the first status.
        let (Some((_, latest)), Some((first, earliest))) = (latest, earliest) else { continue };
        let pairs: usize = matter.iter().map(|r| r.pairs.len()).sum();
        let later: BTreeSet<&str> = matter.iter().map(|r| r.from.as_str()).collect();
        let earlier: BTreeSet<&str> = matter.iter().map(|r| r.to.as_str()).collect();
        let _ = writeln!(
            out,
            "- {} ({}){}  \n  updates {} ({}){}  \n  _{}; {pairs} claim pair{} in all_",
            quote(tracker, &latest.from),
            locate(tracker, &latest.from),
            more(later.len()),
            quote(tracker, &earliest.to),
            locate(tracker, &earliest.to),
            more(earlier.len()),
            escape(&first.reason),
            if pairs == 1 { "" } else { "s" },
        );
    }
    let single: Vec<_> = tracker
        .groups()
        .iter()
        .zip(tracker.assessments())
        .filter(|(g, a)| {
            // A sentence repeated inside one article is not repeated by
            // others: only a claim carried by two articles or more counts.
            let articles: BTreeSet<&str> =
                g.claims.iter().filter_map(|c| tracker.claim(c)).map(|c| c.article()).collect();
            articles.len() > 1 && matches!(a.verdict, Verdict::SingleSource | Verdict::AttributedOnly)
        })
        .collect();
    let _ = writeln!(out, "\n## Repeated, but from a single origin\n");
    if single.is_empty() {
        out.push_str("None found.\n");
    }
    for (g, a) in single {
        let _ = writeln!(
            out,
            "- {} ({}, {} claims): {}  \n  _{}_",
            quote(tracker, &g.canonical_claim),
            a.verdict,
            g.claims.len(),
            g.id,
            escape(&a.reason)
        );
    }
}

/// " and N other groups" for a side of a matter holding N + 1 groups.
fn more(groups: usize) -> String {
    match groups {
        0 | 1 => String::new(),
        2 => " and 1 other group".to_owned(),
        n => format!(" and {} other groups", n - 1),
    }
}

/// The updates grouped by matter: the connected sets of groups that
/// updates link. Each matter's relations are in relation order (the
/// latest report's first), matters in the order of their first relation.
fn matters<'r>(updates: &[&'r Relation]) -> Vec<Vec<&'r Relation>> {
    let mut parent: HashMap<&str, &str> = HashMap::new();
    fn root<'a>(parent: &mut HashMap<&'a str, &'a str>, mut x: &'a str) -> &'a str {
        while let Some(&p) = parent.get(x) {
            if p == x {
                break;
            }
            x = p;
        }
        x
    }
    for r in updates {
        parent.entry(&r.from).or_insert(&r.from);
        parent.entry(&r.to).or_insert(&r.to);
        let (a, b) = (root(&mut parent, &r.from), root(&mut parent, &r.to));
        if a != b {
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            parent.insert(high, low);
        }
    }
    let mut order: Vec<&str> = Vec::new();
    let mut by_root: HashMap<&str, Vec<&Relation>> = HashMap::new();
    for r in updates {
        let key = root(&mut parent, &r.from);
        if !by_root.contains_key(key) {
            order.push(key);
        }
        by_root.entry(key).or_default().push(r);
    }
    order.into_iter().filter_map(|k| by_root.remove(k)).collect()
}

/// One group: canonical statement, verdict and why, origins, timeline,
/// relations and members with article and line; the evidence on request.
fn group_block(tracker: &Tracker, group: &ClaimGroup, options: MarkdownOptions, out: &mut String) {
    let canonical = tracker.claim(&group.canonical_claim).map_or("", |c| c.text());
    let n = group.claims.len();
    let verdict = tracker.assessment(&group.id).map_or_else(String::new, |a| format!(": {}", a.verdict));
    let _ = writeln!(
        out,
        "### {}{verdict} ({n} claim{})\n\n> {}\n",
        group.id,
        if n == 1 { "" } else { "s" },
        escape(canonical)
    );
    if let Some(a) = tracker.assessment(&group.id) {
        let _ = writeln!(
            out,
            "**{}**, {}, {} independent source{}: {}\n",
            a.verdict,
            a.factuality.as_str(),
            a.independent_sources(),
            if a.independent_sources() == 1 { "" } else { "s" },
            escape(&a.reason)
        );
        let origins: Vec<String> = a
            .origins
            .iter()
            .map(|o| {
                if o.via.is_empty() {
                    escape(&o.name)
                } else {
                    format!("{} (via {})", escape(&o.name), escape(&o.via.join(", ")))
                }
            })
            .collect();
        let _ = writeln!(out, "Origins: {}\n\nTimeline:\n", origins.join("; "));
        for t in &a.timeline {
            let date = t.date.map_or_else(|| "undated".to_owned(), |d| d.to_string());
            let _ = writeln!(out, "- {date}: {} {} ({}), now {}", t.article, t.event, t.claim, t.status);
        }
        out.push('\n');
    }
    let relations: Vec<_> = tracker.relations_of(&group.id).collect();
    if !relations.is_empty() {
        out.push_str("Relations:\n\n");
        for r in relations {
            let other = if r.from == group.id { &r.to } else { &r.from };
            let kind = match (r.kind, r.contradiction) {
                (RelationKind::Contradicts, Some(t)) => format!("contradicts ({})", t.as_str()),
                (RelationKind::Updates, _) if r.from == group.id => "updates".to_owned(),
                (RelationKind::Updates, _) => "updated by".to_owned(),
                (kind, _) => kind.as_str().to_owned(),
            };
            let other = if other == &group.id { "itself".to_owned() } else { other.clone() };
            let _ = writeln!(out, "- {kind} {other}: {}", escape(&r.reason));
        }
        out.push('\n');
    }
    out.push_str("Claims:\n\n");
    for id in &group.claims {
        let Some(claim) = tracker.claim(id) else { continue };
        let speaker = claim.attribution().and_then(|a| a.speaker.as_deref());
        let says = speaker.map_or_else(String::new, |s| format!(", says {}", escape(s)));
        let _ = writeln!(out, "- {}{says}: {}", locate(tracker, id), escape(claim.text()));
    }
    if options.evidence {
        out.push('\n');
        evidence(group, out);
    }
    out.push('\n');
}

/// The groups of two or more claims, and those in a relation.
fn groups(tracker: &Tracker, options: MarkdownOptions, out: &mut String) {
    let shown: Vec<_> = tracker
        .groups()
        .iter()
        .filter(|g| g.claims.len() > 1 || tracker.relations_of(&g.id).next().is_some())
        .collect();
    if shown.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Claims reported more than once, or related to others\n");
    for group in shown {
        group_block(tracker, group, options, out);
    }
}

/// The answer to [`Tracker::query`] as Markdown: each matching group with
/// its verdict, relations and timeline.
pub fn query_markdown(tracker: &Tracker, text: &str, hits: &[QueryHit]) -> String {
    let mut out = format!("# What the sources say about \"{}\"\n\n", escape(text.trim()));
    if hits.is_empty() {
        out.push_str("No claim in the corpus is close to this.\n");
    }
    for hit in hits {
        let Some(group) = tracker.group(&hit.group) else { continue };
        let _ = writeln!(out, "## Score {:.3}: {}\n", hit.score, quote(tracker, &hit.claim));
        group_block(tracker, group, MarkdownOptions::default(), &mut out);
    }
    out
}

fn evidence(group: &ClaimGroup, out: &mut String) {
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
        let _ = writeln!(out, "- kept apart from {} ({}): {}", apart.b, apart.group, escape(&apart.reason));
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
