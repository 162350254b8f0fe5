//! The pipeline driver: corpus in, claims, groups and relations out.
//!
//! Invariants: the tracker owns the results of every stage and runs the
//! stages in order (extraction, grouping, analysis); it knows nothing of
//! output formats. Results depend only on the corpus and the settings,
//! never on timing or thread count.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use crate::analysis::{self, AnalysisConfig};
use crate::corpus::{Corpus, Loader};
use crate::extract::{EntityTable, Extractor};
use crate::matching::{Evidence, MatchConfig, Matcher};
use crate::model::{Assessment, Claim, ClaimGroup, Relation, Skipped};

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
        let mut matcher = self.matcher;
        if let Some(entities) = self.entities {
            matcher.aliases = entities;
        }
        let (analysis, evidence, previous) = (self.analysis, self.evidence, self.previous);
        let run = move || {
            let (mut grouped, scored) = Grouped::new(corpus, matcher, evidence);
            if !previous.is_empty() {
                grouped.keep_group_ids(&previous);
            }
            finish(grouped, scored, &analysis)
        };
        match self.threads.and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().ok()) {
            Some(pool) => pool.install(run),
            None => run(),
        }
    }
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
        let mut claims = Vec::new();
        let mut skipped = Vec::new();
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
        let mut first: HashMap<String, usize> = HashMap::new();
        let keys: Vec<String> = claims.iter().map(identity).collect();
        for (i, key) in keys.iter().enumerate() {
            let entry = first.entry(key.clone()).or_insert(i);
            if claims[i].id() < claims[*entry].id() {
                *entry = i;
            }
        }
        let representative: Vec<usize> = keys.iter().map(|k| first[k]).collect();
        let unique: Cow<'_, [Claim]> = if first.len() == claims.len() {
            Cow::Borrowed(&claims)
        } else {
            Cow::Owned(
                claims
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| representative[i] == i)
                    .map(|(_, c)| c.clone())
                    .collect(),
            )
        };
        let grouping = matcher.group(&unique);
        let by_id: HashMap<String, usize> =
            claims.iter().enumerate().map(|(i, c)| (c.id().to_owned(), i)).collect();
        let group_index: HashMap<String, usize> =
            grouping.groups().iter().enumerate().map(|(g, x)| (x.id.clone(), g)).collect();
        let group_of: Vec<usize> = representative
            .iter()
            .map(|&r| {
                grouping.group_of(claims[r].id()).and_then(|g| group_index.get(&g.id)).copied().unwrap_or(0)
            })
            .collect();
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
            .pairs()
            .filter_map(|(a, b, s)| Some((*by_id.get(a)?, *by_id.get(b)?, s)))
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
        Tracker { base: self, relations, relations_by_group, assessments, answer_only }
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
                None => {
                    let mut id = group.id.clone();
                    let mut n = 2;
                    while taken.contains(&id) {
                        id = format!("{}-{n}", group.id);
                        n += 1;
                    }
                    taken.insert(id.clone());
                    id
                }
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
