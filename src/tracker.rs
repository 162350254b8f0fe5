//! The pipeline driver: corpus in, claims, groups and relations out.
//!
//! Invariants: the tracker owns the results of every stage and runs the
//! stages in order (extraction, grouping, analysis); it knows nothing of
//! output formats. Results depend only on the corpus and the settings,
//! never on timing or thread count.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use crate::analysis::{self, AnalysisConfig};
use crate::corpus::{Corpus, Loader};
use crate::extract::{EntityTable, Extractor};
use crate::matching::{Evidence, MatchConfig, Matcher};
use crate::model::{Assessment, Claim, ClaimGroup, Relation, Retired, Skipped, TimelineEntry};

/// A corpus together with everything claimtrack found in it.
///
/// # Examples
/// ```
/// use claimtrack::{Loader, Corpus, Tracker};
/// let mut corpus = Corpus::new();
/// corpus.insert(Loader::new().parse_document("note", "Iran and China signed a deal. Talks went on.")?)?;
/// let tracker = Tracker::new(corpus);
/// assert_eq!(tracker.claims().len(), 2);
/// assert_eq!(tracker.claims()[0].text(), "Iran and China signed a deal.");
/// # Ok::<(), claimtrack::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Tracker {
    /// The claims and their groups.
    base: Grouped,
    relations: Vec<Relation>,
    /// For each group, the indices of the relations it takes part in.
    relations_by_group: Vec<Vec<usize>>,
    assessments: Vec<Assessment>,
    /// Built by [`TrackerBuilder::answer`]: only the answer's groups are
    /// held, and `group_of` is `usize::MAX` for a claim of another group.
    answer_only: bool,
    /// The pairs the matcher scored, as claim indices `(i, j, score)` with
    /// `i < j`, for a saved state (empty in an answer).
    pairs: Vec<(u32, u32, f32)>,
    /// The fingerprint of the settings it ran with ([`settings_fingerprint`]).
    settings: String,
    /// Claims that edited articles no longer make.
    retired: Vec<Retired>,
}

/// Settings for a [`Tracker`]: the entity table, the matcher's and the
/// analysis's settings. `Default` gives the built-in ones.
///
/// # Examples
/// ```
/// use claimtrack::{Corpus, Loader, MatchConfig, TrackerBuilder};
/// let mut corpus = Corpus::new();
/// corpus.insert(Loader::new().parse_document("a", "Iran and China signed a deal.")?)?;
/// let mut matcher = MatchConfig::default();
/// matcher.threshold = 0.4;
/// let tracker = TrackerBuilder::default().matcher(matcher).build(corpus);
/// assert_eq!(tracker.claims().len(), 1);
/// # Ok::<(), claimtrack::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct TrackerBuilder {
    entities: Option<EntityTable>,
    matcher: MatchConfig,
    analysis: AnalysisConfig,
    threads: Option<usize>,
    evidence: bool,
    /// A saved state's groups, whose ids the new groups take over.
    previous: Vec<crate::state::StoredGroup>,
}

impl TrackerBuilder {
    /// Resolves names with `entities` in extraction, matching and
    /// analysis (extend [`EntityTable::builtin`] to add names).
    pub fn entities(mut self, entities: EntityTable) -> Self {
        self.entities = Some(entities);
        self
    }

    /// The matcher's settings. Its alias table is replaced by the one given
    /// to [`TrackerBuilder::entities`], when one is.
    pub fn matcher(mut self, config: MatchConfig) -> Self {
        self.matcher = config;
        self
    }

    /// The analysis's settings.
    pub fn analysis(mut self, config: AnalysisConfig) -> Self {
        self.analysis = config;
        self
    }

    /// Computes each group's evidence ([`ClaimGroup::evidence`]): its
    /// scored pairs explained, and its near misses with why they were kept
    /// apart. Off by default: it re-scores every edge, and it is most of a
    /// large report's size. Without it the evidence is empty.
    pub fn evidence(mut self, evidence: bool) -> Self {
        self.evidence = evidence;
        self
    }

    /// Whether evidence is asked for.
    pub(crate) fn wants_evidence(&self) -> bool {
        self.evidence
    }

    /// Runs the pipeline on a pool of its own of `threads` threads (0: one
    /// per core), rather than on rayon's global pool. The output is the
    /// same whatever the number.
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = Some(threads);
        self
    }

    /// Gives the new groups the ids of a saved state's groups (see
    /// [`State::into_tracker`](crate::State::into_tracker)).
    pub(crate) fn previous(mut self, groups: Vec<crate::state::StoredGroup>) -> Self {
        self.previous = groups;
        self
    }

    /// Runs the pipeline over `corpus` with these settings. When a pool of
    /// its own was asked for and the system cannot start its threads, it
    /// runs on the global pool: the same output, on other threads.
    pub fn build(self, corpus: Corpus) -> Tracker {
        self.on_pool(corpus, |grouped, scored, config| grouped.analyse(&scored, config, None))
    }

    /// Answers `query` over `corpus` as [`Tracker::query`] would, and
    /// analyses only the groups of the answer: claims are extracted and
    /// grouped as by [`TrackerBuilder::build`], but no evidence is
    /// computed, only the claim pairs touching the answer's groups or the
    /// groups they relate to are classified, and only the answer's groups
    /// are judged.
    ///
    /// The tracker returned holds every claim but only the groups of the
    /// answer, with the same ids, relations, verdicts and timelines as a
    /// whole run gives them; its relations are those the answer's groups
    /// take part in, and their other ends may be groups it does not hold.
    /// It is an answer, not a state: [`Tracker::save`] refuses it, and a
    /// whole report (`report::markdown`, `json::Document`) made from it
    /// covers the answer alone.
    ///
    /// # Examples
    /// ```
    /// use claimtrack::{Loader, Corpus, TrackerBuilder};
    /// let mut corpus = Corpus::new();
    /// corpus.insert(Loader::new().parse_document("a", "Iran and China signed a 25-year cooperation deal in Tehran.")?)?;
    /// corpus.insert(Loader::new().parse_document("b", "Russia held naval drills in the Baltic Sea.")?)?;
    /// let (tracker, hits) = TrackerBuilder::default().answer(corpus, "China signed a deal with Iran", 5);
    /// assert_eq!(hits[0].claim, "a#1");
    /// assert_eq!(tracker.groups().len(), hits.len());
    /// assert!(tracker.assessment(&hits[0].group).is_some());
    /// # Ok::<(), claimtrack::Error>(())
    /// ```
    pub fn answer(mut self, corpus: Corpus, query: &str, limit: usize) -> (Tracker, Vec<QueryHit>) {
        self.evidence = false;
        let mut hits = Vec::new();
        let tracker = self.on_pool(corpus, |grouped, scored, config| {
            hits = grouped.hits(query, limit);
            let mut focus = vec![false; grouped.groups.len()];
            for hit in &hits {
                if let Some(&g) = grouped.group_index.get(&hit.group) {
                    focus[g] = true;
                }
            }
            grouped.analyse(&scored, config, Some(focus))
        });
        (tracker, hits)
    }

    /// Extracts and groups `corpus`, then hands the result to `finish`,
    /// all on the pool asked for.
    fn on_pool(
        self,
        corpus: Corpus,
        finish: impl FnOnce(Grouped, Vec<(usize, usize, f64)>, &AnalysisConfig) -> Tracker + Send,
    ) -> Tracker {
        let threads = self.threads;
        let (matcher, analysis, evidence, previous) = self.settings();
        let run = move || {
            let (mut grouped, scored) = Grouped::new(corpus, matcher, evidence);
            if !previous.is_empty() {
                grouped.keep_group_ids(&previous);
            }
            finish(grouped, scored, &analysis)
        };
        install(threads, run)
    }

    /// The matcher's settings (with the entity table asked for), the
    /// analysis's, whether to compute evidence, and the previous groups.
    fn settings(self) -> (MatchConfig, AnalysisConfig, bool, Vec<crate::state::StoredGroup>) {
        let mut matcher = self.matcher;
        if let Some(entities) = self.entities {
            matcher.aliases = entities;
        }
        (matcher, self.analysis, self.evidence, self.previous)
    }

    /// The fingerprint of these settings: see [`settings_fingerprint`].
    pub(crate) fn fingerprint(&self) -> String {
        let aliases = self.entities.as_ref().unwrap_or(&self.matcher.aliases);
        settings_fingerprint(&self.matcher, aliases, &self.analysis)
    }

    /// Continues from a saved state's results: articles of `corpus` that
    /// `saved` holds unchanged keep their claims, groups, relations and
    /// verdicts; the other articles are extracted, their claims matched
    /// against all the claims and put in the old groups or new ones, and
    /// the groups that changed are analysed again with those their
    /// relations reach. Claims of saved articles that `corpus` no longer
    /// holds, or holds changed, are retired from their groups. With
    /// nothing new, the saved results are the tracker as they are.
    ///
    /// `saved` must come from a tracker with these settings
    /// ([`TrackerBuilder::fingerprint`]); evidence is not computed.
    pub(crate) fn resume(self, corpus: Corpus, saved: Saved) -> Tracker {
        let threads = self.threads;
        let (matcher, analysis, _, _) = self.settings();
        install(threads, move || resume(corpus, saved, matcher, &analysis))
    }
}

/// Runs `run` on a pool of `threads` threads when one is asked for and can
/// be started, else on the global pool.
fn install<T: Send>(threads: Option<usize>, run: impl FnOnce() -> T + Send) -> T {
    match threads.and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok()) {
        Some(pool) => pool.install(run),
        None => run(),
    }
}

/// A hash of everything the results depend on besides the articles: the
/// claimtrack version, the matcher's and the analysis's settings and the
/// entity table. A saved state's results are reused only under the same
/// fingerprint.
pub(crate) fn settings_fingerprint(
    matcher: &MatchConfig,
    aliases: &EntityTable,
    analysis: &AnalysisConfig,
) -> String {
    let mut plain = matcher.clone();
    plain.aliases = EntityTable::new();
    let mut hash = crate::hash::Fnv::default();
    hash.write(env!("CARGO_PKG_VERSION").as_bytes());
    hash.write(format!("{plain:?}\u{1e}{analysis:?}\u{1e}").as_bytes());
    hash.write(&aliases.fingerprint().to_le_bytes());
    format!("{:016x}", hash.0)
}

/// A saved tracker's results, as a state file holds them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Saved {
    /// The settings' fingerprint they were computed with.
    pub settings: String,
    /// Each article they cover, by id, with the hash of its original text
    /// ([`text_hash`]).
    pub articles: HashMap<String, u64>,
    /// Their claims, article by article.
    pub claims: Vec<Claim>,
    pub skipped: Vec<Skipped>,
    /// The groups (without evidence), in group order.
    pub groups: Vec<ClaimGroup>,
    /// The scored pairs, as indices into `claims`.
    pub pairs: Vec<(u32, u32, f32)>,
    pub relations: Vec<Relation>,
    /// One per group, in group order.
    pub assessments: Vec<Assessment>,
    /// Claims edited articles no longer make.
    pub retired: Vec<Retired>,
}

/// The hash a saved state keeps of an article's original text, to tell an
/// edited article from the one it saved.
pub(crate) fn text_hash(text: &str) -> u64 {
    let mut hash = crate::hash::Fnv::default();
    hash.write(text.as_bytes());
    hash.0
}

/// A group that answers a [`Tracker::query`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct QueryHit {
    /// The group's id.
    pub group: String,
    /// The best matcher score between the query and a member, in [0, 1].
    pub score: f64,
    /// That member's id.
    pub claim: String,
}

impl Tracker {
    /// Runs the pipeline over `corpus` with the default settings.
    pub fn new(corpus: Corpus) -> Self {
        Self::with_config(corpus, &AnalysisConfig::default())
    }

    /// Runs the pipeline over `corpus` with these analysis settings.
    pub fn with_config(corpus: Corpus, config: &AnalysisConfig) -> Self {
        TrackerBuilder::default().analysis(config.clone()).build(corpus)
    }

    /// Whether [`TrackerBuilder::answer`] built it: it then holds only the
    /// groups of its answer, and the relations they take part in.
    pub fn is_answer(&self) -> bool {
        self.answer_only
    }

    /// What a saved state keeps besides the articles and groups: claims,
    /// skipped text, scored pairs, relations, verdicts and the settings'
    /// fingerprint.
    #[allow(clippy::type_complexity)]
    pub(crate) fn saved_parts(
        &self,
    ) -> (&[Claim], &[Skipped], &[(u32, u32, f32)], &[Relation], &[Assessment], &str) {
        let b = &self.base;
        (&b.claims, &b.skipped, &self.pairs, &self.relations, &self.assessments, &self.settings)
    }

    /// The entity table names were resolved with.
    pub(crate) fn entities(&self) -> &EntityTable {
        &self.base.matcher.aliases
    }

    /// The articles.
    pub fn corpus(&self) -> &Corpus {
        &self.base.corpus
    }

    /// Every claim, article by article in corpus order, in text order
    /// within an article.
    pub fn claims(&self) -> &[Claim] {
        &self.base.claims
    }

    /// Text that was not taken as a claim (headlines, captions,
    /// boilerplate ...), with the reason, in corpus order.
    pub fn skipped(&self) -> &[Skipped] {
        &self.base.skipped
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.base.by_id.get(id).and_then(|&i| self.base.claims.get(i))
    }

    /// The claims of one article, in text order (none for an unknown id).
    pub fn claims_of(&self, article: &str) -> impl Iterator<Item = &Claim> + '_ {
        let range = self.base.by_article.get(article).map_or(0..0, |r| r.0.clone());
        self.base.claims[range].iter()
    }

    /// The text of one article that was not taken as a claim, in text
    /// order.
    pub fn skipped_of(&self, article: &str) -> impl Iterator<Item = &Skipped> + '_ {
        let range = self.base.by_article.get(article).map_or(0..0, |r| r.1.clone());
        self.base.skipped[range].iter()
    }

    /// The groups of claims that say the same thing; every claim is in
    /// exactly one (in an [`is_answer`](Tracker::is_answer) tracker,
    /// only the answer's groups are held, and other claims are in none).
    pub fn groups(&self) -> &[ClaimGroup] {
        &self.base.groups
    }

    /// Relations between groups, ordered by their groups: contradictions,
    /// updates (from the later group to the earlier) and support.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// The group of a claim; `None` for an unknown id, or in an
    /// [`is_answer`](Tracker::is_answer) tracker for a claim outside
    /// the answer.
    pub fn group_of(&self, claim: &str) -> Option<&ClaimGroup> {
        self.base.by_id.get(claim).and_then(|&i| self.base.groups.get(self.base.group_of[i]))
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&ClaimGroup> {
        self.base.group_index.get(id).and_then(|&g| self.base.groups.get(g))
    }

    /// What the sources make of each group, in group order: verdict,
    /// origins, factuality and timeline.
    pub fn assessments(&self) -> &[Assessment] {
        &self.assessments
    }

    /// The assessment of the group with this id.
    pub fn assessment(&self, group: &str) -> Option<&Assessment> {
        self.base.group_index.get(group).and_then(|&g| self.assessments.get(g))
    }

    /// The claims that edited articles no longer make, each with the group
    /// it was retired from (whose timeline shows the retraction), in the
    /// order they were retired.
    pub fn retired(&self) -> &[Retired] {
        &self.retired
    }

    /// The tracker with these retired claims, each shown in the timeline of
    /// the group it was retired from, for the groups `judged` marks (all
    /// when `None`; the others' saved timelines show them already).
    pub(crate) fn with_retired(mut self, retired: Vec<Retired>, judged: Option<&[bool]>) -> Self {
        for r in &retired {
            let Some(&g) = self.base.group_index.get(&r.group) else { continue };
            if judged.is_some_and(|j| !j[g]) {
                continue;
            }
            let Some(a) = self.assessments.get_mut(g) else { continue };
            let key = |date: Option<crate::model::PartialDate>| (date.is_none(), date);
            let at = a.timeline.partition_point(|t| key(t.date) <= key(r.date));
            let status = at.checked_sub(1).map_or(a.verdict, |k| a.timeline[k].status);
            a.timeline.insert(
                at,
                TimelineEntry {
                    date: r.date,
                    article: r.article.clone(),
                    claim: r.claim.clone(),
                    event: "retracts".to_owned(),
                    status,
                },
            );
        }
        self.retired = retired;
        self
    }

    /// The relations a group takes part in, on either side.
    pub fn relations_of<'s>(&'s self, group: &'s str) -> impl Iterator<Item = &'s Relation> + 's {
        let indices = self.base.group_index.get(group).and_then(|&g| self.relations_by_group.get(g));
        indices.into_iter().flatten().filter_map(|&r| self.relations.get(r))
    }

    /// "What do the sources say about X?": the groups whose claims are
    /// most like `text`, best first, at most `limit`, each with the best
    /// score of a member. Look up their verdicts, relations and timelines
    /// with [`Tracker::assessment`] and [`Tracker::relations_of`].
    ///
    /// The query is read like an article sentence (entities, amounts and
    /// dates are recognised) and scored against every claim with the
    /// matcher's kernel and the corpus's term weights; groups scoring
    /// under [`QUERY_FLOOR`] are left out. The cost is linear in the
    /// number of claims.
    ///
    /// # Examples
    /// ```
    /// use claimtrack::{Loader, Corpus, Tracker};
    /// let mut corpus = Corpus::new();
    /// corpus.insert(Loader::new().parse_document("a", "Iran and China signed a 25-year cooperation deal in Tehran.")?)?;
    /// corpus.insert(Loader::new().parse_document("b", "Russia held naval drills in the Baltic Sea.")?)?;
    /// let tracker = Tracker::new(corpus);
    /// let hits = tracker.query("China signed a deal with Iran", 5);
    /// assert_eq!(hits[0].claim, "a#1");
    /// # Ok::<(), claimtrack::Error>(())
    /// ```
    pub fn query(&self, text: &str, limit: usize) -> Vec<QueryHit> {
        query_hits(&self.base.claims, &self.base.groups, &self.base.group_of, &self.base.matcher, text, limit)
    }
}

/// The groups whose claims are most like `text`, best first, at most
/// `limit`: see [`Tracker::query`].
fn query_hits(
    claims: &[Claim],
    groups: &[ClaimGroup],
    group_of: &[usize],
    matcher: &MatchConfig,
    text: &str,
    limit: usize,
) -> Vec<QueryHit> {
    // A title of its own keeps the text from being taken for the
    // headline; a query with no sentence shape is taken whole.
    let text = text.trim();
    let stop = if text.ends_with(['.', '!', '?', '"']) { "" } else { "." };
    let document = format!("---\ntitle: query\n---\n{text}{stop}\n");
    let Ok(article) = Loader::new().parse_document("query", &document) else { return Vec::new() };
    let asked = Extractor::new().with_entities(matcher.aliases.clone()).extract(&article).claims;
    if asked.is_empty() || claims.is_empty() {
        return Vec::new();
    }
    let mut all: Vec<Claim> = claims.to_vec();
    all.extend(asked.iter().cloned());
    let matcher = Matcher::new(matcher.clone());
    let scorer = matcher.scorer(&all);
    let n = claims.len();
    let scores: Vec<f64> = (0..n)
        .into_par_iter()
        .map(|i| (n..all.len()).map(|q| scorer.score(q, i)).fold(0.0, f64::max))
        .collect();
    let mut best: HashMap<usize, (f64, usize)> = HashMap::new();
    for (i, &score) in scores.iter().enumerate() {
        // A claim of a group an answer's tracker does not hold answers
        // nothing.
        let g = group_of[i];
        if score < QUERY_FLOOR || g >= groups.len() {
            continue;
        }
        let entry = best.entry(g).or_insert((score, i));
        if score > entry.0 {
            *entry = (score, i);
        }
    }
    let mut hits: Vec<(usize, f64, usize)> = best.into_iter().map(|(g, (s, i))| (g, s, i)).collect();
    hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    hits.truncate(limit);
    hits.into_iter()
        .map(|(g, score, i)| QueryHit {
            group: groups[g].id.clone(),
            score: (score * 1000.0).round() / 1000.0,
            claim: claims[i].id().to_owned(),
        })
        .collect()
}

/// A corpus extracted and grouped: the tracker before the analysis.
#[derive(Clone, Debug)]
struct Grouped {
    corpus: Corpus,
    claims: Vec<Claim>,
    /// Claim id to its index in `claims`.
    by_id: HashMap<String, usize>,
    skipped: Vec<Skipped>,
    /// Article id to the range of its claims in `claims` and of its
    /// skipped text in `skipped` (both in corpus order, so contiguous).
    by_article: HashMap<String, (Range<usize>, Range<usize>)>,
    groups: Vec<ClaimGroup>,
    /// Group index of each claim.
    group_of: Vec<usize>,
    /// Group id to its index in `groups`.
    group_index: HashMap<String, usize>,
    /// The matcher's settings it ran with, for queries; their alias table
    /// is the entity table the whole pipeline resolved names with.
    matcher: MatchConfig,
}

impl Grouped {
    /// Extracts and groups `corpus`; also gives the pairs the matcher
    /// scored, as claim indices with the score, for the analysis.
    fn new(corpus: Corpus, match_config: MatchConfig, evidence: bool) -> (Self, Vec<(usize, usize, f64)>) {
        let extractor = Extractor::new().with_entities(match_config.aliases.clone());
        // Articles are extracted on all cores and collected in corpus order.
        let articles: Vec<_> = corpus.articles().collect();
        let extractions: Vec<_> = articles.par_iter().map(|a| extractor.extract(a)).collect();
        // Reserved exactly: grown by doubling, a million claims' buffer
        // could hold room for a million more.
        let mut claims = Vec::with_capacity(extractions.iter().map(|e| e.claims.len()).sum());
        let mut skipped = Vec::with_capacity(extractions.iter().map(|e| e.skipped.len()).sum());
        let mut by_article = HashMap::new();
        for (article, extraction) in articles.iter().zip(extractions) {
            let (c, k) = (claims.len(), skipped.len());
            claims.extend(extraction.claims);
            skipped.extend(extraction.skipped);
            by_article.insert(article.id().to_owned(), (c..claims.len(), k..skipped.len()));
        }
        let matcher = Matcher::new(match_config);
        // Identical claims (a republication's, a wire story's) are matched
        // once: a copy adds appearances to a group, never new groups or
        // new term weights.
        // The representative is the copy with the smallest id, so group ids
        // do not depend on the order articles were added in.
        let keys: Vec<String> = claims.iter().map(identity).collect();
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, key) in keys.iter().enumerate() {
            let entry = first.entry(key.as_str()).or_insert(i);
            if claims[i].id() < claims[*entry].id() {
                *entry = i;
            }
        }
        let representative: Vec<usize> = keys.iter().map(|k| first[k.as_str()]).collect();
        let distinct = first.len();
        drop(first);
        drop(keys);
        // The representatives, borrowed: a copy of the claims would double
        // their memory while they are grouped.
        let grouping = if distinct == claims.len() {
            matcher.group(&claims)
        } else {
            let unique: Vec<&Claim> =
                claims.iter().enumerate().filter(|&(i, _)| representative[i] == i).map(|(_, c)| c).collect();
            matcher.group(&unique)
        };
        // The claims grouped are the representatives, in claim order.
        let unique_index: Vec<usize> = if distinct == claims.len() {
            (0..claims.len()).collect()
        } else {
            (0..claims.len()).filter(|&i| representative[i] == i).collect()
        };
        let mut unique_group = vec![0usize; claims.len()];
        for (u, g) in grouping.input_groups().into_iter().enumerate() {
            unique_group[unique_index[u]] = g;
        }
        let by_id: HashMap<String, usize> =
            claims.iter().enumerate().map(|(i, c)| (c.id().to_owned(), i)).collect();
        let group_index: HashMap<String, usize> =
            grouping.groups().iter().enumerate().map(|(g, x)| (x.id.clone(), g)).collect();
        let group_of: Vec<usize> = representative.iter().map(|&r| unique_group[r]).collect();
        let mut members: Vec<Vec<String>> = vec![Vec::new(); grouping.groups().len()];
        for (i, &g) in group_of.iter().enumerate() {
            members[g].push(claims[i].id().to_owned());
        }
        let groups: Vec<ClaimGroup> = grouping
            .groups()
            .par_iter()
            .zip(members)
            .enumerate()
            .map(|(g, (group, claims))| ClaimGroup {
                id: group.id.clone(),
                claims,
                canonical_claim: group.canonical_claim.clone(),
                evidence: if evidence { grouping.evidence(g) } else { Evidence::default() },
            })
            .collect();
        let scored: Vec<(usize, usize, f64)> = grouping
            .index_pairs()
            .map(|(a, b, s)| (unique_index[a], unique_index[b], s))
            .map(|(a, b, s)| (a.min(b), a.max(b), s))
            .collect();
        // The matcher's settings, kept for queries; their alias table serves
        // the analysis and the reports.
        let matcher = matcher.config().clone();
        (Self { corpus, claims, by_id, skipped, by_article, groups, group_of, group_index, matcher }, scored)
    }

    /// The answer to `text`: see [`Tracker::query`].
    fn hits(&self, text: &str, limit: usize) -> Vec<QueryHit> {
        query_hits(&self.claims, &self.groups, &self.group_of, &self.matcher, text, limit)
    }

    /// Analyses the groups `focus` marks (all when `None`), given the pairs
    /// the matcher `scored` (claim indices and score), and keeps only those.
    fn analyse(
        mut self,
        scored: &[(usize, usize, f64)],
        config: &AnalysisConfig,
        focus: Option<Vec<bool>>,
    ) -> Tracker {
        let input = analysis::Input {
            corpus: &self.corpus,
            claims: &self.claims,
            groups: &self.groups,
            group_of: &self.group_of,
            scored,
            entities: &self.matcher.aliases,
            matcher: &self.matcher,
        };
        let (relations, assessments) = analysis::analyze(&input, config, focus.as_deref());
        let answer_only = focus.is_some();
        let assessments = match focus {
            None => assessments.into_iter().flatten().collect(),
            Some(focus) => {
                // The answer's groups in their order, each claim of another
                // group in none.
                let mut new_index = vec![usize::MAX; self.groups.len()];
                let mut kept = Vec::new();
                let mut kept_assessments = Vec::new();
                for (g, ((group, assessment), keep)) in
                    std::mem::take(&mut self.groups).into_iter().zip(assessments).zip(focus).enumerate()
                {
                    if let (true, Some(assessment)) = (keep, assessment) {
                        new_index[g] = kept.len();
                        kept.push(group);
                        kept_assessments.push(assessment);
                    }
                }
                for g in &mut self.group_of {
                    *g = new_index[*g];
                }
                self.group_index = kept.iter().enumerate().map(|(g, x)| (x.id.clone(), g)).collect();
                self.groups = kept;
                kept_assessments
            }
        };
        let relations_by_group = relations_by_group(&relations, &self.group_index, self.groups.len());
        let pairs = if answer_only { Vec::new() } else { compact(scored, config) };
        let settings = settings_fingerprint(&self.matcher, &self.matcher.aliases, config);
        Tracker {
            base: self,
            relations,
            relations_by_group,
            assessments,
            answer_only,
            pairs,
            settings,
            retired: Vec::new(),
        }
    }

    /// Gives the groups the ids they had in `previous` (a saved state), so
    /// ids users have seen stay put when articles are added: each old id
    /// goes to the new group holding most of its old members (ties to the
    /// smaller new id), and is used once. A group holding no old claims
    /// keeps its own id (with a `-2`, `-3` ... suffix in the rare case it
    /// collides with a carried-over one). The evidence follows the renaming;
    /// the analysis runs after it.
    fn keep_group_ids(&mut self, previous: &[crate::state::StoredGroup]) {
        let old_of: HashMap<&str, &str> =
            previous.iter().flat_map(|g| g.claims.iter().map(move |c| (c.as_str(), g.id.as_str()))).collect();
        // (overlap, new group, old id) for every pair that shares claims.
        let mut candidates: Vec<(usize, usize, &str)> = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for c in &group.claims {
                if let Some(&old) = old_of.get(c.as_str()) {
                    *counts.entry(old).or_default() += 1;
                }
            }
            candidates.extend(counts.into_iter().map(|(old, n)| (n, g, old)));
        }
        candidates.sort_by(|a, b| {
            b.0.cmp(&a.0).then_with(|| self.groups[a.1].id.cmp(&self.groups[b.1].id)).then(a.2.cmp(b.2))
        });
        let mut renamed: Vec<Option<String>> = vec![None; self.groups.len()];
        let mut used: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for (_, g, old) in candidates {
            if renamed[g].is_none() && used.insert(old) {
                renamed[g] = Some(old.to_owned());
            }
        }
        let mut taken: std::collections::HashSet<String> = used.iter().map(|s| (*s).to_owned()).collect();
        let mut map: HashMap<String, String> = HashMap::new();
        for (g, group) in self.groups.iter().enumerate() {
            let id = match renamed[g].take() {
                Some(old) => old,
                None => unique_id(&group.id, &mut taken),
            };
            map.insert(group.id.clone(), id);
        }
        let rename = |id: &mut String| {
            if let Some(new) = map.get(id.as_str()) {
                id.clone_from(new);
            }
        };
        for group in &mut self.groups {
            rename(&mut group.id);
            for apart in &mut group.evidence.kept_apart {
                rename(&mut apart.group);
            }
        }
        self.group_index = self.groups.iter().enumerate().map(|(g, x)| (x.id.clone(), g)).collect();
    }
}

/// `id`, or when it is taken `id-2`, `id-3` ...: the first free one,
/// marked taken.
fn unique_id(id: &str, taken: &mut std::collections::HashSet<String>) -> String {
    let mut unique = id.to_owned();
    let mut n = 2;
    while taken.contains(&unique) {
        unique = format!("{id}-{n}");
        n += 1;
    }
    taken.insert(unique.clone());
    unique
}

/// For each group (by index), the relations it takes part in, in relation
/// order, each once.
fn relations_by_group(
    relations: &[Relation],
    group_index: &HashMap<String, usize>,
    groups: usize,
) -> Vec<Vec<usize>> {
    let mut by_group = vec![Vec::new(); groups];
    for (k, r) in relations.iter().enumerate() {
        for id in [&r.from, &r.to] {
            if let Some(&g) = group_index.get(id)
                && by_group[g].last() != Some(&k)
            {
                by_group[g].push(k);
            }
        }
    }
    by_group
}

/// The score under which a group does not answer a query.
pub const QUERY_FLOOR: f64 = 0.2;

/// What makes two claims the same for matching: text, values and
/// entities.
fn identity(claim: &Claim) -> String {
    let mut key = claim.text().to_owned();
    for q in claim.quantities() {
        key.push_str(&format!("\u{1f}{:?}", q.value));
    }
    for e in claim.entities() {
        key.push('\u{1e}');
        key.push_str(&e.name);
    }
    key
}

/// The scored pairs the analysis reads ([`analysis::pair_floor`]),
/// compact, as a tracker keeps them for its state.
fn compact(scored: &[(usize, usize, f64)], config: &AnalysisConfig) -> Vec<(u32, u32, f32)> {
    let floor = analysis::pair_floor(config);
    scored
        .iter()
        .filter(|p| p.2 >= floor)
        .filter_map(|&(a, b, s)| Some((u32::try_from(a).ok()?, u32::try_from(b).ok()?, s as f32)))
        .collect()
}

/// [`TrackerBuilder::resume`], on the pool asked for.
fn resume(corpus: Corpus, saved: Saved, matcher: MatchConfig, config: &AnalysisConfig) -> Tracker {
    let Saved {
        settings,
        articles: saved_articles,
        claims: saved_claims,
        skipped: saved_skipped,
        retired,
        ..
    } = saved;
    let (saved_groups, saved_pairs, saved_relations, saved_assessments) =
        (saved.groups, saved.pairs, saved.relations, saved.assessments);
    let unchanged =
        |a: &crate::model::Article| saved_articles.get(a.id()).is_some_and(|&h| h == text_hash(a.original()));
    // The saved claims and skipped text of each article, by range.
    let saved_ranges = article_ranges(&saved_claims, &saved_skipped);
    let extractor = Extractor::new().with_entities(matcher.aliases.clone());
    let fresh: Vec<&crate::model::Article> = corpus.articles().filter(|a| !unchanged(a)).collect();
    let mut extractions = fresh.par_iter().map(|a| extractor.extract(a)).collect::<Vec<_>>().into_iter();
    let gone = saved_articles.len() - corpus.articles().filter(|a| unchanged(a)).count();
    if fresh.is_empty() && gone == 0 {
        // Nothing new: the saved results are the tracker.
        return restore(
            retired,
            corpus,
            saved_claims,
            saved_skipped,
            saved_groups,
            saved_pairs,
            saved_relations,
            saved_assessments,
            matcher,
            settings,
        );
    }
    // The claims of a saved article that an edited one replaced are
    // retired from their groups.
    let mut retired = retired;
    let group_of_saved: HashMap<&str, &str> =
        saved_groups.iter().flat_map(|g| g.claims.iter().map(move |c| (c.as_str(), g.id.as_str()))).collect();
    for article in corpus.articles().filter(|a| saved_articles.contains_key(a.id()) && !unchanged(a)) {
        let range = saved_ranges.get(article.id()).map_or(0..0, |r| r.0.clone());
        for c in &saved_claims[range] {
            retired.push(Retired {
                claim: c.id().to_owned(),
                article: c.article().to_owned(),
                text: c.text().to_owned(),
                group: group_of_saved.get(c.id()).map_or_else(String::new, |g| (*g).to_owned()),
                date: article.meta().published,
            });
        }
    }
    drop(group_of_saved);
    // Claims in corpus order: saved ones moved over, new ones extracted.
    let mut saved_claims: Vec<Option<Claim>> = saved_claims.into_iter().map(Some).collect();
    let mut saved_skipped: Vec<Option<Skipped>> = saved_skipped.into_iter().map(Some).collect();
    // Reserved for every saved claim and every new one: grown by doubling,
    // the buffer could hold room for as many again.
    let fresh_claims: usize = extractions.as_slice().iter().map(|e| e.claims.len()).sum();
    let fresh_skipped: usize = extractions.as_slice().iter().map(|e| e.skipped.len()).sum();
    let mut claims = Vec::with_capacity(saved_claims.len() + fresh_claims);
    let mut skipped = Vec::with_capacity(saved_skipped.len() + fresh_skipped);
    let mut by_article = HashMap::new();
    // The new index of each saved claim that stays.
    let mut moved: Vec<Option<usize>> = vec![None; saved_claims.len()];
    let mut is_new: Vec<bool> = Vec::new();
    for article in corpus.articles() {
        let (c, k) = (claims.len(), skipped.len());
        if unchanged(article) {
            let (rc, rk) = saved_ranges.get(article.id()).cloned().unwrap_or((0..0, 0..0));
            for i in rc {
                moved[i] = Some(claims.len());
                claims.extend(saved_claims[i].take());
            }
            skipped.extend(rk.filter_map(|i| saved_skipped[i].take()));
        } else if let Some(extraction) = extractions.next() {
            claims.extend(extraction.claims);
            skipped.extend(extraction.skipped);
        }
        is_new.resize(claims.len(), !unchanged(article));
        by_article.insert(article.id().to_owned(), (c..claims.len(), k..skipped.len()));
    }
    drop(saved_claims);
    let by_id: HashMap<String, usize> =
        claims.iter().enumerate().map(|(i, c)| (c.id().to_owned(), i)).collect();
    // The saved group of each claim that stays.
    let mut old_group: Vec<Option<usize>> = vec![None; claims.len()];
    for (g, group) in saved_groups.iter().enumerate() {
        for id in &group.claims {
            if let Some(&i) = by_id.get(id)
                && !is_new[i]
            {
                old_group[i] = Some(g);
            }
        }
    }
    // Identical claims are matched once, as in a whole run; a new copy of
    // a saved claim joins its group.
    let keys: Vec<String> = claims.par_iter().map(identity).collect();
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        let entry = first.entry(key.as_str()).or_insert(i);
        let (held, me) = (old_group[*entry].is_some(), old_group[i].is_some());
        if (me && !held) || (me == held && claims[i].id() < claims[*entry].id()) {
            *entry = i;
        }
    }
    let representative: Vec<usize> = keys.iter().map(|k| first[k.as_str()]).collect();
    drop(first);
    let unique: Vec<usize> = (0..claims.len()).filter(|&i| representative[i] == i).collect();
    // Borrowed, not copied, as in a whole run.
    let unique_claims: Vec<&Claim> = unique.iter().map(|&i| &claims[i]).collect();
    let unique_old: Vec<Option<usize>> = unique.iter().map(|&i| old_group[i]).collect();
    let extension = Matcher::new(matcher.clone()).extend(&unique_claims, &unique_old, saved_groups.len());
    drop(unique_claims);
    // Groups: the saved ones, then the new; a claim's group is its
    // representative's.
    let mut group_of = vec![usize::MAX; claims.len()];
    for (u, &i) in unique.iter().enumerate() {
        group_of[i] = extension.group_of[u];
    }
    for i in 0..claims.len() {
        group_of[i] = group_of[representative[i]];
    }
    let saved_sizes: Vec<usize> = saved_groups.iter().map(|g| g.claims.len()).collect();
    let mut taken: std::collections::HashSet<String> = saved_groups.iter().map(|g| g.id.clone()).collect();
    let mut all: Vec<ClaimGroup> = saved_groups
        .into_iter()
        .map(|g| ClaimGroup { claims: Vec::new(), evidence: Evidence::default(), ..g })
        .collect();
    for group in extension.groups {
        all.push(ClaimGroup {
            id: unique_id(&group.id, &mut taken),
            claims: Vec::new(),
            canonical_claim: group.canonical_claim,
            evidence: Evidence::default(),
        });
    }
    for (i, &g) in group_of.iter().enumerate() {
        all[g].claims.push(claims[i].id().to_owned());
    }
    // A saved group changed when it gained claims or lost some; a new one
    // is new.
    let mut changed: Vec<bool> = (0..all.len()).map(|g| g >= saved_sizes.len()).collect();
    let mut staying = vec![0usize; saved_sizes.len()];
    for (i, &g) in group_of.iter().enumerate() {
        if is_new[i] {
            changed[g] = true;
        } else if g < staying.len() {
            staying[g] += 1;
        }
    }
    for (g, (&size, &stays)) in saved_sizes.iter().zip(&staying).enumerate() {
        changed[g] |= size != stays;
    }
    // Groups in the order of their first member, empty ones dropped.
    let mut order: Vec<usize> = (0..all.len()).filter(|&g| !all[g].claims.is_empty()).collect();
    order.sort_by_key(|&g| by_id[all[g].claims[0].as_str()]);
    let mut new_index = vec![usize::MAX; all.len()];
    for (k, &g) in order.iter().enumerate() {
        new_index[g] = k;
    }
    let mut slots: Vec<Option<ClaimGroup>> = all.into_iter().map(Some).collect();
    let mut groups: Vec<ClaimGroup> = order.iter().filter_map(|&g| slots[g].take()).collect();
    let focus: Vec<bool> = order.iter().map(|&g| changed[g]).collect();
    for g in &mut group_of {
        *g = new_index[*g];
    }
    for group in &mut groups {
        if !group.claims.contains(&group.canonical_claim) {
            group.canonical_claim.clone_from(&group.claims[0]);
        }
    }
    let group_index: HashMap<String, usize> =
        groups.iter().enumerate().map(|(g, x)| (x.id.clone(), g)).collect();
    // The scored pairs: the saved ones that stay, then the new.
    let mut scored: Vec<(usize, usize, f64)> = saved_pairs
        .iter()
        .filter_map(|&(a, b, s)| {
            let (a, b) = ((*moved.get(a as usize)?)?, (*moved.get(b as usize)?)?);
            Some((a.min(b), a.max(b), f64::from(s)))
        })
        .collect();
    scored.extend(extension.pairs.iter().map(|&(a, b, s)| {
        let (a, b) = (unique[a], unique[b]);
        (a.min(b), a.max(b), s)
    }));
    // The new pairs have a new claim: none is a saved one.
    scored.par_sort_unstable_by_key(|p| (p.0, p.1));
    let mut saved_assessments: HashMap<String, Assessment> =
        saved_assessments.into_iter().map(|a| (a.group.clone(), a)).collect();
    // A group without a saved verdict is judged too.
    let focus: Vec<bool> =
        focus.iter().zip(&groups).map(|(&f, g)| f || !saved_assessments.contains_key(&g.id)).collect();
    let grouped =
        Grouped { corpus, claims, by_id, skipped, by_article, groups, group_of, group_index, matcher };
    let input = analysis::Input {
        corpus: &grouped.corpus,
        claims: &grouped.claims,
        groups: &grouped.groups,
        group_of: &grouped.group_of,
        scored: &scored,
        entities: &grouped.matcher.aliases,
        matcher: &grouped.matcher,
    };
    let (new_relations, judged) = analysis::analyze(&input, config, Some(&focus));
    // The saved relations between groups that did not change, and the new
    // ones, ordered by their groups as a whole run orders them.
    let mut relations: Vec<Relation> = saved_relations
        .into_iter()
        .filter(|r| {
            let stays = |id: &str| grouped.group_index.get(id).is_some_and(|&g| !focus[g]);
            stays(&r.from) && stays(&r.to)
        })
        .chain(new_relations)
        .collect();
    relations.sort_by(|a, b| {
        let key = |r: &Relation| (r.from.clone().min(r.to.clone()), r.from.clone().max(r.to.clone()));
        key(a).cmp(&key(b))
    });
    let rejudged: Vec<bool> = judged.iter().map(Option::is_some).collect();
    let assessments: Vec<Assessment> = grouped
        .groups
        .iter()
        .zip(judged)
        .filter_map(|(g, judged)| judged.or_else(|| saved_assessments.remove(&g.id)))
        .collect();
    let relations_by_group = relations_by_group(&relations, &grouped.group_index, grouped.groups.len());
    let pairs = compact(&scored, config);
    let tracker = Tracker {
        base: grouped,
        relations,
        relations_by_group,
        assessments,
        answer_only: false,
        pairs,
        settings,
        retired: Vec::new(),
    };
    tracker.with_retired(retired, Some(&rejudged))
}

/// Each article's range of `claims` and of `skipped`, both held article
/// by article, for the articles that have either.
fn article_ranges(claims: &[Claim], skipped: &[Skipped]) -> HashMap<String, (Range<usize>, Range<usize>)> {
    let mut ranges: HashMap<String, (Range<usize>, Range<usize>)> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        match ranges.get_mut(c.article()) {
            Some(entry) => entry.0.end = i + 1,
            None => {
                ranges.insert(c.article().to_owned(), (i..i + 1, 0..0));
            }
        }
    }
    for (i, k) in skipped.iter().enumerate() {
        let entry = ranges.entry(k.article.clone()).or_insert((0..0, i..i));
        if entry.1.is_empty() {
            entry.1 = i..i;
        }
        entry.1.end = i + 1;
    }
    ranges
}

/// A tracker made of saved results, as they are.
#[allow(clippy::too_many_arguments)]
fn restore(
    retired: Vec<Retired>,
    corpus: Corpus,
    claims: Vec<Claim>,
    skipped: Vec<Skipped>,
    groups: Vec<ClaimGroup>,
    pairs: Vec<(u32, u32, f32)>,
    relations: Vec<Relation>,
    assessments: Vec<Assessment>,
    matcher: MatchConfig,
    settings: String,
) -> Tracker {
    let by_id: HashMap<String, usize> =
        claims.iter().enumerate().map(|(i, c)| (c.id().to_owned(), i)).collect();
    let mut by_article: HashMap<String, (Range<usize>, Range<usize>)> =
        corpus.articles().map(|a| (a.id().to_owned(), (0..0, 0..0))).collect();
    for (article, ranges) in article_ranges(&claims, &skipped) {
        if let Some(entry) = by_article.get_mut(&article) {
            *entry = ranges;
        }
    }
    let mut group_of = vec![0usize; claims.len()];
    for (g, group) in groups.iter().enumerate() {
        for id in &group.claims {
            if let Some(&i) = by_id.get(id) {
                group_of[i] = g;
            }
        }
    }
    let group_index: HashMap<String, usize> =
        groups.iter().enumerate().map(|(g, x)| (x.id.clone(), g)).collect();
    let relations_by_group = relations_by_group(&relations, &group_index, groups.len());
    let base = Grouped { corpus, claims, by_id, skipped, by_article, groups, group_of, group_index, matcher };
    Tracker { base, relations, relations_by_group, assessments, answer_only: false, pairs, settings, retired }
}
