//! The `claimtrack/1` JSON document.
//!
//! These types are the export format, kept apart from the internal model
//! so the model can change without breaking the promise: later versions
//! add fields, none renames or removes one. A field without a value (an
//! unknown, or an empty list the schema does not require) is left out:
//! readers take a missing field as null or empty.

use serde::{Deserialize, Serialize};

use crate::model::{
    Assessment, AttributionMode, ClaimGroup, ClaimPair, ContradictionType, Fact, FactualitySummary, Origin,
    Quantity, Relation, RelationKind, Span, UnreadAmount, UnresolvedDate, Verdict,
};
use crate::tracker::Tracker;

/// The schema name written in every document.
pub const SCHEMA: &str = "claimtrack/1";

/// A whole `claimtrack/1` document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The articles, in corpus order.
    pub articles: Vec<ArticleRecord>,
    /// Every claim, article by article.
    pub claims: Vec<ClaimRecord>,
    /// Groups of claims that say the same thing.
    pub groups: Vec<GroupRecord>,
    /// Relations between groups.
    pub relations: Vec<RelationRecord>,
    /// Text that was not taken as a claim, and why.
    #[serde(default)]
    pub skipped: Vec<SkippedRecord>,
    /// Claims edited articles no longer make (left out when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<RetiredRecord>,
}

/// A claim an edited article no longer makes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RetiredRecord {
    /// Its id in the replaced version of the article.
    pub claim: String,
    /// The article.
    pub article: String,
    /// Its text.
    pub text: String,
    /// The group it was retired from.
    pub group: String,
    /// The edited version's publication date, or null.
    pub date: Option<String>,
}

/// A piece of text that is not a claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SkippedRecord {
    /// The article's id.
    pub article: String,
    /// Byte offsets into the article's original text.
    pub span: Span,
    /// The clean text.
    pub text: String,
    /// `headline`, `heading`, `caption`, `credit`, `byline`, `dateline`,
    /// `boilerplate`, `list`, `link` or `fragment`.
    pub reason: String,
}

/// Who a claim is attributed to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AttributionRecord {
    /// The innermost source; left out in the outlet's own voice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Sources from the outlet down to the speaker.
    pub chain: Vec<String>,
    /// The attribution cue; left out when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// `direct`, `indirect` or `own_voice`.
    pub mode: AttributionMode,
}

/// An article's identity and metadata; what is unknown is left out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ArticleRecord {
    /// The article id.
    pub id: String,
    /// The file it was read from, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The publishing outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The byline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The outlet it republishes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// The language of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// One claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimRecord {
    /// The claim id.
    pub id: String,
    /// The id of its article.
    pub article: String,
    /// Byte offsets `[start, end]` into the article's original text.
    pub span: Span,
    /// The clean text.
    pub text: String,
    /// Who says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<AttributionRecord>,
    /// FactBank value: `CT+`, `PR+`, `PS+`, `CT-`, `PR-`, `PS-`, `CTu`, `Uu`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factuality: Option<String>,
    /// Money, percentages, durations, counts and dates, normalized.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<Quantity>,
    /// Date expressions the publication date could not resolve.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unresolved_dates: Vec<UnresolvedDate>,
    /// Amounts too large to represent, left as text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unread_amounts: Vec<UnreadAmount>,
    /// Canonical names of the entities mentioned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<String>,
    /// The facts the claim states: events and measures, each with its
    /// span, subject, value, time and holder.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Fact>,
}

/// One group of claims.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroupRecord {
    /// The group id.
    pub id: String,
    /// Its member claims' ids.
    pub claims: Vec<String>,
    /// The text of its most representative member.
    pub canonical: String,
    /// That member's id.
    pub canonical_claim: String,
    /// What the sources make of it: `denied`, `disputed`, `superseded`,
    /// `corroborated`, `attributed-only` or `single-source`.
    pub verdict: Verdict,
    /// Why, in words.
    pub verdict_reason: String,
    /// `certain`, `hedged` or `mixed`, over the members' factuality.
    pub factuality: FactualitySummary,
    /// How many independent origins carry it.
    pub independent_sources: usize,
    /// The independent origins' names.
    pub origins: Vec<String>,
    /// Each origin with the claims that trace back to it and the outlets
    /// and relays in between.
    pub origin_details: Vec<Origin>,
    /// When each source first reported, contradicted or updated it, and
    /// the verdict at that point.
    pub timeline: Vec<TimelineRecord>,
    /// The scored pairs inside the group, each with its score broken into
    /// components, and the scored pairs to claims outside with why they
    /// were kept apart; left out when empty (a single claim without near
    /// misses, or a tracker built without
    /// [`TrackerBuilder::evidence`](crate::TrackerBuilder::evidence)).
    #[serde(default, skip_serializing_if = "crate::matching::Evidence::is_empty")]
    pub evidence: crate::matching::Evidence,
}

/// One point of a group's timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TimelineRecord {
    /// The article's publication date; left out when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The article.
    pub article: String,
    /// Its first claim at this point.
    pub claim: String,
    /// `reports`, `contradicts`, `updates`, or `retracts` (an edit of the
    /// article removed the claim).
    pub event: String,
    /// The group's verdict counting every entry up to this one.
    pub status: Verdict,
}

/// One relation between groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RelationRecord {
    /// The group it starts from.
    pub from: String,
    /// The group it points to.
    pub to: String,
    /// `supports`, `contradicts` or `updates` (from the later group to the
    /// earlier).
    pub kind: RelationKind,
    /// For `contradicts`: `numeric`, `date`, `polarity`, `modality`,
    /// `antonymy` or `structure`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub contradiction: Option<ContradictionType>,
    /// Why, in words.
    pub reason: String,
    /// The claim pairs behind it.
    pub pairs: Vec<ClaimPair>,
}

impl GroupRecord {
    /// The record of one group with its assessment.
    fn new(tracker: &Tracker, g: &ClaimGroup, a: &Assessment) -> Self {
        Self {
            id: g.id.clone(),
            claims: g.claims.clone(),
            canonical: tracker.claim(&g.canonical_claim).map(|c| c.text().to_owned()).unwrap_or_default(),
            canonical_claim: g.canonical_claim.clone(),
            verdict: a.verdict,
            verdict_reason: a.reason.clone(),
            factuality: a.factuality,
            independent_sources: a.independent_sources(),
            origins: a.origins.iter().map(|o| o.name.clone()).collect(),
            origin_details: a.origins.clone(),
            timeline: a
                .timeline
                .iter()
                .map(|t| TimelineRecord {
                    date: t.date.map(|d| d.to_string()),
                    article: t.article.clone(),
                    claim: t.claim.clone(),
                    event: t.event.clone(),
                    status: t.status,
                })
                .collect(),
            evidence: g.evidence.clone(),
        }
    }
}

impl From<&Relation> for RelationRecord {
    fn from(r: &Relation) -> Self {
        Self {
            from: r.from.clone(),
            to: r.to.clone(),
            kind: r.kind,
            contradiction: r.contradiction,
            reason: r.reason.clone(),
            pairs: r.pairs.clone(),
        }
    }
}

impl Document {
    /// The document describing everything `tracker` holds.
    pub fn new(tracker: &Tracker) -> Self {
        let articles = tracker
            .corpus()
            .articles()
            .map(|a| {
                let meta = a.meta();
                ArticleRecord {
                    id: a.id().to_owned(),
                    path: a.path().map(|p| p.to_string_lossy().replace('\\', "/")),
                    title: meta.title.clone(),
                    outlet: meta.outlet.clone(),
                    author: meta.author.clone(),
                    url: meta.url.clone(),
                    published: meta.published.map(|d| d.to_string()),
                    via: meta.via.clone(),
                    language: meta.language.clone(),
                }
            })
            .collect();
        let claims = tracker
            .claims()
            .iter()
            .map(|c| ClaimRecord {
                id: c.id().to_owned(),
                article: c.article().to_owned(),
                span: c.span(),
                text: c.text().to_owned(),
                attribution: c.attribution().map(|a| AttributionRecord {
                    speaker: a.speaker.clone(),
                    chain: a.chain.clone(),
                    cue: a.cue.clone(),
                    mode: a.mode,
                }),
                factuality: c.factuality().map(|f| f.to_string()),
                quantities: c.quantities().to_vec(),
                facts: c.facts().to_vec(),
                unresolved_dates: c.unresolved_dates().to_vec(),
                unread_amounts: c.unread_amounts().to_vec(),
                entities: c.entities().iter().map(|e| e.name.clone()).collect(),
            })
            .collect();
        let groups = tracker
            .groups()
            .iter()
            .zip(tracker.assessments())
            .map(|(g, a)| GroupRecord::new(tracker, g, a))
            .collect();
        let relations = tracker.relations().iter().map(RelationRecord::from).collect();
        let skipped = tracker
            .skipped()
            .iter()
            .map(|s| SkippedRecord {
                article: s.article.clone(),
                span: s.span,
                text: s.text.clone(),
                reason: s.reason.as_str().to_owned(),
            })
            .collect();
        let retired = tracker
            .retired()
            .iter()
            .map(|r| RetiredRecord {
                claim: r.claim.clone(),
                article: r.article.clone(),
                text: r.text.clone(),
                group: r.group.clone(),
                date: r.date.map(|d| d.to_string()),
            })
            .collect();
        Self { schema: SCHEMA.to_owned(), articles, claims, groups, relations, skipped, retired }
    }

    /// The document as pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        // Writing plain structs of strings and numbers to memory cannot
        // fail, and serde_json writes UTF-8.
        let _ = self.write_json(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes [`to_json`](Self::to_json)'s bytes to `out` as they are
    /// made, without holding the whole text: a report of a million claims
    /// is gigabytes.
    ///
    /// # Errors
    /// When writing to `out` fails.
    pub fn write_json(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self).map_err(std::io::Error::other)?;
        out.write_all(b"\n")
    }

    /// Writes the document as JSON Lines, one compact record per line, for
    /// tools that read a stream (jq, DuckDB's `read_json`): first
    /// `{"record": "document", "schema": "claimtrack/1"}`, then each
    /// article, claim, group (with its assessment: verdict, origins,
    /// timeline), relation and skipped text, each with `"record"` naming
    /// its kind and otherwise the fields of the JSON document's record.
    ///
    /// # Errors
    /// When writing to `out` fails.
    pub fn write_jsonl(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        #[derive(Serialize)]
        struct Line<'a, T: Serialize> {
            record: &'static str,
            #[serde(flatten)]
            item: &'a T,
        }
        #[derive(Serialize)]
        struct Header<'a> {
            schema: &'a str,
        }
        fn write<T: Serialize>(
            out: &mut impl std::io::Write,
            record: &'static str,
            item: &T,
        ) -> std::io::Result<()> {
            serde_json::to_writer(&mut *out, &Line { record, item }).map_err(std::io::Error::other)?;
            out.write_all(b"\n")
        }
        write(out, "document", &Header { schema: &self.schema })?;
        for a in &self.articles {
            write(out, "article", a)?;
        }
        for c in &self.claims {
            write(out, "claim", c)?;
        }
        for g in &self.groups {
            write(out, "group", g)?;
        }
        for r in &self.relations {
            write(out, "relation", r)?;
        }
        for s in &self.skipped {
            write(out, "skipped", s)?;
        }
        for r in &self.retired {
            write(out, "retired", r)?;
        }
        Ok(())
    }

    /// Reads a document back from JSON.
    ///
    /// # Errors
    /// [`Error::Json`](crate::Error::Json) when the text is not a
    /// `claimtrack/1` document.
    pub fn from_json(text: &str) -> Result<Self, crate::Error> {
        let at = |line| crate::error::Location { path: None, line: Some(line) };
        let doc: Self = serde_json::from_str(text)
            .map_err(|e| crate::Error::Json { at: at(e.line()), message: e.to_string() })?;
        if doc.schema != SCHEMA {
            return Err(crate::Error::Json {
                at: at(1),
                message: format!("schema {:?} is not {SCHEMA:?}", doc.schema),
            });
        }
        Ok(doc)
    }
}

/// The answer to a query as JSON: each matching group's record with its
/// score, and the relations they take part in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QueryDocument {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The query text.
    pub query: String,
    /// The matching groups, best first.
    pub hits: Vec<QueryHitRecord>,
    /// The relations the matching groups take part in.
    pub relations: Vec<RelationRecord>,
}

/// One group answering a query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QueryHitRecord {
    /// The best score of a member against the query.
    pub score: f64,
    /// That member's id.
    pub claim: String,
    /// The group, as in the full document.
    pub group: GroupRecord,
}

impl QueryDocument {
    /// The answer to `query` given `hits` from [`Tracker::query`].
    pub fn new(tracker: &Tracker, query: &str, hits: &[crate::QueryHit]) -> Self {
        let records: Vec<QueryHitRecord> = hits
            .iter()
            .filter_map(|h| {
                let group = tracker.group(&h.group)?;
                let assessment = tracker.assessment(&h.group)?;
                Some(QueryHitRecord {
                    score: h.score,
                    claim: h.claim.clone(),
                    group: GroupRecord::new(tracker, group, assessment),
                })
            })
            .collect();
        let relations = tracker
            .relations()
            .iter()
            .filter(|r| hits.iter().any(|h| h.group == r.from || h.group == r.to))
            .map(RelationRecord::from)
            .collect();
        Self { schema: SCHEMA.to_owned(), query: query.to_owned(), hits: records, relations }
    }

    /// The answer as pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}
