//! Grouping the claims that say the same thing, with every decision
//! explained.
//!
//! Invariants:
//! - The score of a pair is symmetric, in [0, 1], and 1 for a claim with
//!   itself; [`Components`] explains its parts.
//! - Candidates come from prefix filtering on rare terms, never from all
//!   pairs; clusters from average linkage, which does not chain unrelated
//!   claims through a middle one.
//! - Claims are processed in the order of their ids and every tie breaks
//!   on that order, so the groups depend on neither the input order nor
//!   the thread count.
//! - Term weights use a fixed IDF scale, not the corpus size, and a group's
//!   id is a hash of its smallest member id: adding claims that share no
//!   term with a group changes neither its members nor its id.

mod block;
mod cluster;
mod features;
mod score;

use std::borrow::Borrow;
use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub(crate) use features::{COMPARED, Tokenizer, Word};
pub use score::{Component, Components, Disagreement, Penalty, QuantityComponent, Shared, WordingComponent};

use crate::extract::EntityTable;
use crate::model::Claim;
use features::{Features, Vocabulary};
use score::{Kernel, Totals};

/// The weights of the score's components in their weighted mean.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Weights {
    /// Content words (IDF-weighted Dice).
    pub words: f64,
    /// Canonical entities (IDF-weighted Dice).
    pub entities: f64,
    /// Agreement of amounts and dates in shared slots.
    pub quantities: f64,
    /// Edit-distance similarity of the wording.
    pub wording: f64,
}

/// Everything the matcher can be tuned with.
///
/// The defaults were tuned on the corpus annotation in
/// `tests/data/groups.yaml`; `tests/matching_quality.rs` prints the
/// figures they give.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct MatchConfig {
    /// Two groups merge when the mean score over all pairs between them
    /// reaches this.
    pub threshold: f64,
    /// Component weights.
    pub weights: Weights,
    /// The factor applied when the claims name different parties of the
    /// same kind (Russia vs China). Under the threshold by default, so a
    /// different party alone keeps two claims apart, however alike the
    /// rest is: "a 25-year deal with Russia" is not "a 25-year deal with
    /// China".
    pub party_conflict: f64,
    /// The factor applied when one claim reports an outcome ("signed",
    /// "cancelled") and the other a step towards it ("talks", "agreed"):
    /// a change of status is another claim, for the analysis to relate as
    /// an update or a contradiction.
    pub status_conflict: f64,
    /// The factor applied when each claim names a kind of event and the
    /// two name none in common ("imposed sanctions" against "held
    /// drills", "pledged an investment" against "agreed to supply"): what
    /// happened differs, however alike the parties and the figures are.
    /// The kinds are the paraphrase classes marked `event:` in
    /// [`PARAPHRASES`] ([`MatchConfig::events`]). Like the figure penalty,
    /// it is left out of the score the analysis weighs: another event of
    /// the same matter is what it relates as an update. On the stories'
    /// labelled pairs, 5% of same-fact pairs and 20% of others name
    /// different kinds; 0.8 is milder than that ratio, as a sentence often
    /// names several events and a quote one of them.
    pub event_conflict: f64,
    /// The factor applied when one claim states an amount of money and
    /// the other none: "$400bn of investment" is a fact that "more
    /// investment" does not state, and repeating the second does not
    /// confirm the first.
    pub money_missing: f64,
    /// The factor applied when the claims give different figures for the
    /// same measure and agree on none ("298 killed", "295 killed"): two
    /// figures are two facts, which the analysis relates as a revision or
    /// a contradiction (it weighs the score without this factor).
    pub figure_conflict: f64,
    /// Overlap of the content words, figures aside, under which the claims
    /// do not share a predicate: the score is scaled by `overlap / this`.
    /// The same parties alone ("Rouhani") do not make the same claim, nor
    /// does the same figure alone ("trade in oil rose 46%", "trade in
    /// grain rose 46%"): in a large feed many facts share one.
    pub content_floor: f64,
    /// How much of the overlap of words and entities is measured as
    /// containment rather than Dice: 0 is Dice alone, 1 the overlap
    /// coefficient alone (the shared weight over the smaller claim's). A
    /// short claim stating one fact of a long sentence shares most of its
    /// own weight and little of the sentence's.
    pub containment: f64,
    /// How informative entities must be for the `entities` component to
    /// count in full: its weight is scaled by `told / (told + prior)`,
    /// `told` the mean of the two claims' summed entity weights. Two claims
    /// naming the same two countries that half the corpus names agree on
    /// little; two naming the same rare company agree on much. 0.5 is the
    /// weight of a term in about 1,500 claims (with `idf_scale` 1000), and
    /// 0 turns the scaling off. Without it, a large feed in which every
    /// pair of parties recurs has thousands of pairs that agree on nothing
    /// but their parties and one figure and still reach the threshold, and
    /// average linkage merges them.
    pub entity_prior: f64,
    /// Relative difference under which two amounts are the same (0.01 is
    /// 1%).
    pub amount_tolerance: f64,
    /// The IDF scale: a term's weight is `ln(1 + idf_scale / df)`.
    pub idf_scale: f64,
    /// Pairs scoring under this are not kept (they count as 0 in the
    /// average linkage).
    pub edge_floor: f64,
    /// The share of a claim's term weight its blocking prefix carries.
    /// Higher finds more of the pairs exhaustive scoring finds, at the cost
    /// of more candidates. The default is the smallest share that found 95%
    /// of them on 10,000 synthetic claims (`checks/examples/scale.rs`),
    /// measured with single-term keys only (`max_df` 1000).
    pub prefix_share: f64,
    /// Terms in more claims than this are not blocking keys on their own;
    /// pairs of them in at most this many claims are. No posting list
    /// grows past it, so the candidates of one claim are bounded however
    /// large the input, and recall does not fall with it. 100 leaves the
    /// stories of a few hundred claims as plain prefix filtering; on the
    /// hard synthetic feed it gives 40 candidates a claim at 10^4 and 57
    /// at 10^6 (`checks/examples/scale.rs --hard`).
    pub max_df: u32,
    /// Words that carry no content ("the", "said", "would").
    pub stop_words: Vec<String>,
    /// Sets of words that count as one ("deal", "agreement", "pact"); each
    /// word is stemmed and stands for the first of its set. An entry of
    /// several words ("shot down") is a phrase, matched word by word, each
    /// word stemmed; its first word must not be a stop word.
    pub synonyms: Vec<Vec<String>>,
    /// The synonym sets that name a kind of event, each as its first word
    /// and the kind ("sign" and "sign"; "buy" and "supply" both
    /// "transaction"): two claims naming kinds of event and none in common
    /// take the `event_conflict` factor.
    pub events: Vec<(String, String)>,
    /// Aliases mapped to canonical entities before comparing.
    pub aliases: EntityTable,
}

/// English function words, and the reporting and modal verbs that say how
/// a claim is made rather than what it claims.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "said",
    "says",
    "say",
    "told",
    "according",
    "reported",
    "reportedly",
    "noted",
    "added",
    "stressed",
    "stated",
    "announced",
    "claimed",
    "believes",
    "argued",
    "argues",
    // Titles and offices describe who is meant, not what is claimed.
    "president",
    "minister",
    "ministry",
    "foreign",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "head",
    "leader",
    "supreme",
    "deputy",
    "director",
    "adviser",
    "advisor",
    "ambassador",
    "chairman",
    "prime",
    "general",
    "acting",
    "mr",
    "mrs",
    "ms",
    "dr",
    "ayatollah",
];

/// The paraphrase classes: sets of words of one event or measure that a
/// paraphrase swaps for each other, one set a line in
/// `src/matching/paraphrases.txt` (see the README beside it).
pub const PARAPHRASES: &str = include_str!("paraphrases.txt");

/// The sets of [`PARAPHRASES`]: comments (`#`) and blank lines dropped,
/// an `event:` mark taken off, words split at commas and trimmed.
pub fn paraphrase_sets(text: &str) -> Vec<Vec<String>> {
    class_lines(text)
        .filter(|(_, words)| words.len() > 1)
        .map(|(_, words)| words.into_iter().map(str::to_owned).collect())
        .collect()
}

/// Each line of a paraphrase text, comments (`#`) dropped: its event mark
/// (`None` when it has none, else the kind it names, if any) and its words,
/// split at commas and trimmed.
fn class_lines(text: &str) -> impl Iterator<Item = (Option<Option<&str>>, Vec<&str>)> {
    text.lines().map(|line| {
        let line = line.split('#').next().unwrap_or_default();
        let (mark, words) = match event_line(line) {
            Some((kind, words)) => (Some(kind), words),
            None => (None, line),
        };
        (mark, words.split(',').map(str::trim).filter(|w| !w.is_empty()).collect())
    })
}

/// A line marked as a kind of event, `event: words` or `event(kind):
/// words`: the kind when named, and the words.
fn event_line(line: &str) -> Option<(Option<&str>, &str)> {
    let rest = line.trim_start().strip_prefix("event")?;
    if let Some(words) = rest.strip_prefix(':') {
        return Some((None, words));
    }
    let (kind, words) = rest.strip_prefix('(')?.split_once("):")?;
    Some((Some(kind.trim()), words))
}

/// The sets of [`PARAPHRASES`] marked as kinds of event, each as its first
/// word and its kind: the one named in `event(kind):`, else the first word
/// ([`MatchConfig::events`]).
pub fn event_classes(text: &str) -> Vec<(String, String)> {
    class_lines(text)
        .filter_map(|(mark, words)| {
            let (kind, head) = (mark?, *words.first()?);
            Some((head.to_owned(), kind.unwrap_or(head).to_owned()))
        })
        .collect()
}

impl Default for MatchConfig {
    fn default() -> Self {
        Self {
            threshold: 0.32,
            weights: Weights { words: 0.55, entities: 0.2, quantities: 0.15, wording: 0.1 },
            party_conflict: 0.3,
            status_conflict: 0.3,
            event_conflict: 0.8,
            money_missing: 0.5,
            figure_conflict: 0.3,
            content_floor: 0.15,
            containment: 0.0,
            entity_prior: 0.5,
            amount_tolerance: 0.01,
            idf_scale: 1000.0,
            edge_floor: 0.15,
            prefix_share: 0.65,
            max_df: 100,
            stop_words: STOP_WORDS.iter().map(|w| (*w).to_owned()).collect(),
            synonyms: paraphrase_sets(PARAPHRASES),
            events: event_classes(PARAPHRASES),
            aliases: EntityTable::builtin(),
        }
    }
}

/// Groups claims; see the module documentation.
///
/// # Examples
/// ```
/// use claimtrack::{Claim, Matcher, MatchConfig, Span};
/// let claims = [
///     Claim::new("a#1", "a", Span::new(0, 0), "Iran and China signed a 25-year cooperation agreement."),
///     Claim::new("b#1", "b", Span::new(0, 0), "Tehran and Beijing signed a 25-year agreement on cooperation."),
///     Claim::new("b#2", "b", Span::new(0, 0), "Oil prices fell sharply in London on Monday."),
/// ];
/// let grouping = Matcher::new(MatchConfig::default()).group(&claims);
/// assert_eq!(grouping.groups().len(), 2);
/// assert_eq!(grouping.groups()[0].members, ["a#1", "b#1"]);
/// ```
pub struct Matcher {
    config: MatchConfig,
    tokenizer: Tokenizer,
}

impl Matcher {
    /// A matcher with this configuration.
    pub fn new(config: MatchConfig) -> Self {
        let tokenizer = Tokenizer::new(&config);
        Self { config, tokenizer }
    }

    /// The configuration.
    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    /// Groups `claims` (owned or borrowed: `&[Claim]` or `&[&Claim]`).
    /// Every claim ends up in exactly one group.
    pub fn group<C: Borrow<Claim> + Sync>(&self, claims: &[C]) -> Grouping {
        let (prepared, blocks) = self.index(claims);
        let counted = std::sync::atomic::AtomicU64::new(0);
        let per_claim = blocks.for_each_candidate(|a, b| {
            counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            self.edge(&prepared, a, b)
        });
        let candidates = counted.into_inner();
        let mut edges: Vec<cluster::Edge> = per_claim.into_iter().flatten().collect();
        edges.sort_unstable_by_key(|e| (e.a, e.b));
        let clusters = cluster::clusters(claims.len(), &edges, self.config.threshold);
        Grouping::new(self.config.clone(), prepared, edges, clusters, candidates)
    }

    /// The claims prepared, and their blocking index.
    fn index<C: Borrow<Claim> + Sync>(&self, claims: &[C]) -> (Prepared, block::Blocks) {
        let prepared = self.prepare(claims);
        let blocks = block::Blocks::new(
            &prepared.features,
            &prepared.vocabulary,
            &prepared.weights,
            self.config.prefix_share,
            self.config.max_df,
        );
        (prepared, blocks)
    }

    /// The edge between prepared claims `a` and `b`, when they score at
    /// least the edge floor.
    fn edge(&self, prepared: &Prepared, a: u32, b: u32) -> Option<cluster::Edge> {
        let kernel = Kernel { weights: &prepared.weights, config: &self.config };
        let floor = self.config.edge_floor;
        let (fa, fb) = (&prepared.features[a as usize], &prepared.features[b as usize]);
        let (ta, tb) = (prepared.totals[a as usize], prepared.totals[b as usize]);
        let parts = kernel.parts_reaching(fa, ta, fb, tb, floor)?;
        (parts.alike >= floor).then_some(cluster::Edge {
            a,
            b,
            score: parts.score as f32,
            alike: parts.alike as f32,
        })
    }

    /// Groups new claims onto groups that stay as they are: `claims` are
    /// the old claims and the new, `old_group[i]` the group (of
    /// `old_groups`) of old claim `i`, `None` for a new one. Only pairs with
    /// a new claim are scored, found through the blocking index of all the
    /// claims ([`block::Blocks::for_each_candidate_of`]); a new claim joins
    /// the old group, or the other new claims, whose mean score reaches the
    /// threshold, as [`Matcher::group`] merges (`cluster::extend`), and
    /// two old groups never merge. The old claims' pairs among themselves
    /// are not scored again: a saved state keeps them.
    pub(crate) fn extend<C: Borrow<Claim> + Sync>(
        &self,
        claims: &[C],
        old_group: &[Option<usize>],
        old_groups: usize,
    ) -> Extension {
        let (prepared, blocks) = self.index(claims);
        let score = |a: u32, b: u32| self.edge(&prepared, a, b);
        let old_of = |p: usize| old_group[prepared.order[p]];
        let n = claims.len();
        let is_new: Vec<bool> = (0..n).map(|p| old_of(p).is_none()).collect();
        let new_edges = blocks.for_each_candidate_of(&is_new, score);
        // Nodes: the old groups, then the new claims in prepared order.
        let mut node = vec![0u32; n];
        let mut new_claims: Vec<u32> = Vec::new();
        let mut sizes = vec![0u32; old_groups];
        for (p, node) in node.iter_mut().enumerate() {
            match old_of(p) {
                Some(g) => {
                    *node = u32::try_from(g).unwrap_or(u32::MAX);
                    sizes[g] += 1;
                }
                None => {
                    *node = u32::try_from(old_groups + new_claims.len()).unwrap_or(u32::MAX);
                    new_claims.push(u32::try_from(p).unwrap_or(u32::MAX));
                }
            }
        }
        let node_edges: Vec<cluster::Edge> = new_edges
            .iter()
            .map(|e| {
                let (x, y) = (node[e.a as usize], node[e.b as usize]);
                cluster::Edge { a: x.min(y), b: x.max(y), ..*e }
            })
            .collect();
        let clusters = cluster::extend(&sizes, new_claims.len(), &node_edges, self.config.threshold);
        // Group of each prepared claim: an old group's index, or past them
        // a new group's.
        let mut group_of: Vec<usize> = (0..n).map(|p| old_of(p).unwrap_or(usize::MAX)).collect();
        let mut fresh: Vec<Vec<u32>> = Vec::new();
        for cluster in clusters {
            let first = cluster[0] as usize;
            let members: Vec<u32> = cluster
                .iter()
                .filter_map(|&m| (m as usize).checked_sub(old_groups).map(|k| new_claims[k]))
                .collect();
            let g = if first < old_groups {
                first
            } else {
                fresh.push(members.clone());
                old_groups + fresh.len() - 1
            };
            for m in members {
                group_of[m as usize] = g;
            }
        }
        let mut strength = vec![0.0f64; n];
        for e in &new_edges {
            if group_of[e.a as usize] == group_of[e.b as usize] {
                strength[e.a as usize] += f64::from(e.score);
                strength[e.b as usize] += f64::from(e.score);
            }
        }
        let groups = fresh.iter().map(|members| Group::of(&prepared, members, &strength)).collect();
        let mut by_input = vec![0usize; n];
        for (p, &i) in prepared.order.iter().enumerate() {
            by_input[i] = group_of[p];
        }
        let pairs = new_edges
            .iter()
            .map(|e| {
                let (a, b) = (prepared.order[e.a as usize], prepared.order[e.b as usize]);
                (a.min(b), a.max(b), f64::from(e.alike))
            })
            .collect();
        Extension { group_of: by_input, groups, pairs }
    }

    /// The score of every pair among `claims`, without blocking: the
    /// exhaustive reference blocking is measured against. Quadratic; for
    /// tests and benchmarks on small inputs. Pairs are `(i, j, score)`
    /// with `i < j` indices into `claims`, for the pairs scoring at least
    /// `min_score`.
    pub fn score_all_pairs(&self, claims: &[Claim], min_score: f64) -> Vec<(usize, usize, f64)> {
        let scorer = self.scorer(claims);
        let n = claims.len();
        (0..n)
            .into_par_iter()
            .flat_map_iter(|i| {
                let scorer = &scorer;
                (i + 1..n).filter_map(move |j| {
                    let s = scorer.score(i, j);
                    (s >= min_score).then_some((i, j, s))
                })
            })
            .collect()
    }

    /// A scorer for pairs among `claims`, with term weights from all of
    /// them: the per-pair kernel on its own, as grouping runs it.
    pub fn scorer(&self, claims: &[Claim]) -> Scorer<'_> {
        let prepared = self.prepare(claims);
        let mut position = vec![0usize; claims.len()];
        for (k, &i) in prepared.order.iter().enumerate() {
            position[i] = k;
        }
        Scorer { config: &self.config, prepared, position }
    }

    /// The score of two claims on their own, explained. Term weights come
    /// from the two claims only; inside a corpus, use
    /// [`Grouping::explain`], whose weights come from the whole corpus.
    pub fn score_pair(&self, a: &Claim, b: &Claim) -> (f64, Components) {
        let grouping = self.group(&[a.clone(), b.clone()]);
        let e = grouping.explain(a.id(), b.id());
        e.map_or((0.0, empty_components()), |e| (e.score, e.components))
    }

    /// Features of the claims, in the order of their ids.
    fn prepare<C: Borrow<Claim> + Sync>(&self, claims: &[C]) -> Prepared {
        let mut order: Vec<usize> = (0..claims.len()).collect();
        // Stable, so equal claims keep their input order.
        order.par_sort_by(|&x, &y| {
            let (x, y) = (claims[x].borrow(), claims[y].borrow());
            x.id().cmp(y.id()).then_with(|| x.text().cmp(y.text()))
        });
        let tokens: Vec<features::Tokens> = order
            .par_iter()
            .map(|&i| self.tokenizer.tokens(claims[i].borrow(), &self.config.aliases))
            .collect();
        let mut vocabulary = Vocabulary::default();
        let features: Vec<Features> = tokens.iter().map(|t| vocabulary.add(t)).collect();
        // Millions of small strings: free them on all cores.
        tokens.into_par_iter().for_each(drop);
        let weights = score::term_weights(&vocabulary, self.config.idf_scale);
        let totals = features.par_iter().map(|f| score::totals(f, &weights)).collect();
        let ids = order.par_iter().map(|&i| claims[i].borrow().id().to_owned()).collect();
        Prepared { order, ids, vocabulary, features, weights, totals }
    }
}

/// Scores pairs among a set of claims; see [`Matcher::scorer`].
pub struct Scorer<'m> {
    config: &'m MatchConfig,
    prepared: Prepared,
    /// Prepared position of each input claim.
    position: Vec<usize>,
}

impl Scorer<'_> {
    /// The score of claims `i` and `j` (positions in the input); 0 when
    /// either is out of range.
    pub fn score(&self, i: usize, j: usize) -> f64 {
        let (Some(&a), Some(&b)) = (self.position.get(i), self.position.get(j)) else { return 0.0 };
        let p = &self.prepared;
        let kernel = Kernel { weights: &p.weights, config: self.config };
        kernel.parts(&p.features[a], p.totals[a], &p.features[b], p.totals[b]).score
    }

    /// What the score of claims `i` and `j` is made of, as numbers a model
    /// can be fitted on; `None` when either is out of range.
    pub fn features(&self, i: usize, j: usize) -> Option<PairFeatures> {
        let (&a, &b) = (self.position.get(i)?, self.position.get(j)?);
        let p = &self.prepared;
        let kernel = Kernel { weights: &p.weights, config: self.config };
        let parts = kernel.parts(&p.features[a], p.totals[a], &p.features[b], p.totals[b]);
        Some(PairFeatures::from(&parts))
    }

    /// How many claims it scores.
    pub fn len(&self) -> usize {
        self.position.len()
    }

    /// Whether it has no claims.
    pub fn is_empty(&self) -> bool {
        self.position.is_empty()
    }
}

/// The parts of a pair's score as numbers in [0, 1], for fitting and
/// inspecting a pair model ([`Scorer::features`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct PairFeatures {
    /// Words and entities, IDF-weighted Dice.
    pub words: f64,
    /// Words and entities, the overlap coefficient (shared weight over the
    /// smaller claim's).
    pub contained: f64,
    /// Content words alone (Dice blended with containment as configured).
    pub content: f64,
    /// Entities, IDF-weighted Dice; 0 when neither names one.
    pub entities: f64,
    /// 1 when either claim names an entity.
    pub has_entities: f64,
    /// The share of shared amount slots whose values agree; 0 when none.
    pub quantities: f64,
    /// 1 when the claims fill a common amount slot.
    pub has_quantities: f64,
    /// 1 when they share a figure that is not a date.
    pub shared_figure: f64,
    /// Wording similarity (edit distance over the term sequences).
    pub wording: f64,
    /// 1 when they name different parties of one kind.
    pub party_conflict: f64,
    /// 1 when one reports an outcome and the other a step towards it.
    pub status_conflict: f64,
    /// 1 when each names a kind of event and none is in both.
    pub event_conflict: f64,
    /// 1 when only one states an amount of money.
    pub money_missing: f64,
    /// 1 when they give different figures for the same measure.
    pub figure_conflict: f64,
    /// The matcher's score.
    pub score: f64,
}

impl From<&score::Parts> for PairFeatures {
    fn from(p: &score::Parts) -> Self {
        let flag = |b: bool| f64::from(u8::from(b));
        Self {
            words: p.words,
            contained: p.contained,
            content: p.content,
            entities: p.entities.unwrap_or(0.0),
            has_entities: flag(p.entities.is_some()),
            quantities: p.quantities.unwrap_or(0.0),
            has_quantities: flag(p.quantities.is_some()),
            shared_figure: flag(p.shared_figure),
            wording: p.wording,
            party_conflict: flag(p.party_conflict),
            status_conflict: flag(p.status_conflict),
            event_conflict: flag(p.event_conflict),
            money_missing: flag(p.money_missing),
            figure_conflict: flag(p.figure_conflict),
            score: p.score,
        }
    }
}

fn empty_components() -> Components {
    Components {
        words: Component { score: 0.0, weight: 0.0, shared: Vec::new() },
        entities: None,
        quantities: None,
        wording: WordingComponent { score: 0.0, weight: 0.0 },
        penalties: Vec::new(),
    }
}

/// Claims prepared for comparison, in the order of their ids.
struct Prepared {
    /// Input position of each prepared claim.
    order: Vec<usize>,
    ids: Vec<String>,
    vocabulary: Vocabulary,
    features: Vec<Features>,
    weights: Vec<f32>,
    totals: Vec<Totals>,
}

/// Claims that say the same thing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Group {
    /// The id: `g-` and a hash of the smallest member id, so it stays the
    /// same when unrelated claims are added.
    pub id: String,
    /// Member claim ids, in input order.
    pub members: Vec<String>,
    /// The id of the most representative member: the highest total score
    /// to the others.
    pub canonical_claim: String,
}

/// The result of [`Matcher::extend`].
pub(crate) struct Extension {
    /// The group of each input claim: an old group's index, or the old
    /// groups' number plus the index of a new group in `groups`.
    pub group_of: Vec<usize>,
    /// The new groups, in the order of their smallest member id.
    pub groups: Vec<Group>,
    /// The pairs scored, those with a new claim, as input indices `(i, j,
    /// alike)` with `i < j` and the score without the figure penalty (as
    /// [`Grouping::pairs`] gives it).
    pub pairs: Vec<(usize, usize, f64)>,
}

impl Group {
    /// The group of these prepared claims (sorted by prepared index, that
    /// is by id), its canonical claim the one of highest `strength` (total
    /// score to the other members), the lower index on a tie.
    fn of(prepared: &Prepared, members: &[u32], strength: &[f64]) -> Self {
        let canonical = members
            .iter()
            .copied()
            .max_by(|&x, &y| strength[x as usize].total_cmp(&strength[y as usize]).then(y.cmp(&x)))
            .unwrap_or(members[0]);
        let mut by_input = members.to_vec();
        by_input.sort_by_key(|&m| prepared.order[m as usize]);
        Group {
            // The first member has the smallest id.
            id: group_id(&prepared.ids[members[0] as usize]),
            members: by_input.iter().map(|&m| prepared.ids[m as usize].clone()).collect(),
            canonical_claim: prepared.ids[canonical as usize].clone(),
        }
    }
}

/// Pairs across groups are listed as kept apart from this share of the
/// threshold up: the near misses worth explaining.
const NEAR_MISS: f64 = 0.75;

/// Why a group holds what it holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Evidence {
    /// The scored pairs inside the group.
    pub pairs: Vec<PairEvidence>,
    /// Near misses: pairs from a member to a claim outside scoring at
    /// least three quarters of the threshold, with why they were kept
    /// apart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept_apart: Vec<KeptApart>,
}

impl Evidence {
    /// Whether it holds nothing: a group of one claim without near
    /// misses, or evidence not asked for.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty() && self.kept_apart.is_empty()
    }
}

/// One scored pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PairEvidence {
    /// One claim id.
    pub a: String,
    /// The other claim id.
    pub b: String,
    /// The pair's score.
    pub score: f64,
    /// The score's parts.
    pub components: Components,
}

/// A scored pair across two groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KeptApart {
    /// The member of this group.
    pub a: String,
    /// The claim in the other group.
    pub b: String,
    /// The other claim's group.
    pub group: String,
    /// The pair's score.
    pub score: f64,
    /// Why they are apart, in words.
    pub reason: String,
}

/// A pair explained: its score, its parts, and the decision.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Explanation {
    /// The score.
    pub score: f64,
    /// Its parts.
    pub components: Components,
    /// The threshold the grouping used.
    pub threshold: f64,
    /// Whether the two claims are in one group.
    pub same_group: bool,
    /// The decision in words.
    pub reason: String,
}

/// The result of [`Matcher::group`].
pub struct Grouping {
    config: MatchConfig,
    prepared: Prepared,
    edges: Vec<cluster::Edge>,
    groups: Vec<Group>,
    /// Group of each prepared claim.
    group_of: Vec<usize>,
    /// For each group, the edges with at least one end in it.
    touching: Vec<Vec<usize>>,
    candidates: u64,
}

impl Grouping {
    fn new(
        config: MatchConfig,
        prepared: Prepared,
        edges: Vec<cluster::Edge>,
        mut clusters: Vec<Vec<u32>>,
        candidates: u64,
    ) -> Self {
        // Groups in the input order of their first member.
        clusters.sort_by_key(|members| members.iter().map(|&m| prepared.order[m as usize]).min());
        let n = prepared.ids.len();
        let mut group_of = vec![0usize; n];
        for (g, members) in clusters.iter().enumerate() {
            for &m in members {
                group_of[m as usize] = g;
            }
        }
        let mut touching = vec![Vec::new(); clusters.len()];
        // Total score of each claim to the others of its group.
        let mut strength = vec![0.0f64; n];
        for (k, e) in edges.iter().enumerate() {
            let (ga, gb) = (group_of[e.a as usize], group_of[e.b as usize]);
            touching[ga].push(k);
            if ga == gb {
                strength[e.a as usize] += f64::from(e.score);
                strength[e.b as usize] += f64::from(e.score);
            } else {
                touching[gb].push(k);
            }
        }
        let groups = clusters.iter().map(|members| Group::of(&prepared, members, &strength)).collect();
        Self { config, prepared, edges, groups, group_of, touching, candidates }
    }

    /// The groups, in the input order of their first member.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The scored pairs kept as edges (score at least the edge floor).
    pub fn scored_pairs(&self) -> usize {
        self.edges.len()
    }

    /// The scored pairs kept as edges, as `(claim id, claim id, score)`,
    /// ordered by the first id, then the second. The score leaves out the
    /// figure and event penalties ([`MatchConfig::figure_conflict`],
    /// [`MatchConfig::event_conflict`]): it says how alike
    /// two claims are worded, so that the analysis can relate two figures
    /// for one measure.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str, f64)> + '_ {
        let ids = &self.prepared.ids;
        self.edges
            .iter()
            .map(|e| (ids[e.a as usize].as_str(), ids[e.b as usize].as_str(), f64::from(e.alike)))
    }

    /// [`Grouping::pairs`] by input position: `(i, j, score)` with `i`
    /// and `j` indices into the claims grouped, in the same order.
    pub(crate) fn index_pairs(&self) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
        let order = &self.prepared.order;
        self.edges.iter().map(|e| (order[e.a as usize], order[e.b as usize], f64::from(e.alike)))
    }

    /// The group (an index into [`Grouping::groups`]) of each claim, by
    /// input position.
    pub(crate) fn input_groups(&self) -> Vec<usize> {
        let mut groups = vec![0usize; self.group_of.len()];
        for (p, &i) in self.prepared.order.iter().enumerate() {
            groups[i] = self.group_of[p];
        }
        groups
    }

    /// The candidate pairs blocking produced, each scored once.
    pub fn candidate_pairs(&self) -> u64 {
        self.candidates
    }

    /// The group of a claim, by id.
    pub fn group_of(&self, claim: &str) -> Option<&Group> {
        let i = self.index(claim)?;
        self.groups.get(self.group_of[i])
    }

    fn index(&self, claim: &str) -> Option<usize> {
        // Prepared claims are sorted by id (then text): binary search.
        let i = self.prepared.ids.partition_point(|id| id.as_str() < claim);
        (self.prepared.ids.get(i).map(String::as_str) == Some(claim)).then_some(i)
    }

    fn components(&self, i: usize, j: usize) -> (f64, Components) {
        let p = &self.prepared;
        let kernel = Kernel { weights: &p.weights, config: &self.config };
        let (score, components) =
            kernel.explain(&p.vocabulary, &p.features[i], p.totals[i], &p.features[j], p.totals[j]);
        ((score * 1000.0).round() / 1000.0, components)
    }

    /// Why group `g` holds what it holds: its scored pairs, explained, and
    /// the near misses to claims outside it, with why they were kept
    /// apart.
    pub fn evidence(&self, g: usize) -> Evidence {
        let Some(touching) = self.touching.get(g) else { return Evidence::default() };
        let ids = &self.prepared.ids;
        let mut pairs = Vec::new();
        let mut kept_apart = Vec::new();
        // The summed scores to each other group, in one pass: a group
        // with many near misses is not re-read once per miss.
        let mut links: HashMap<usize, f64> = HashMap::new();
        for e in touching.iter().map(|&k| self.edges[k]) {
            let (ga, gb) = (self.group_of[e.a as usize], self.group_of[e.b as usize]);
            if ga != gb {
                *links.entry(if ga == g { gb } else { ga }).or_default() += f64::from(e.score);
            }
        }
        let mean = |h: usize| {
            links.get(&h).copied().unwrap_or(0.0)
                / (self.groups[g].members.len() * self.groups[h].members.len()) as f64
        };
        for e in touching.iter().map(|&k| self.edges[k]) {
            let (i, j) = (e.a as usize, e.b as usize);
            let (ga, gb) = (self.group_of[i], self.group_of[j]);
            if ga == gb {
                let (score, components) = self.components(i, j);
                pairs.push(PairEvidence { a: ids[i].clone(), b: ids[j].clone(), score, components });
            } else {
                let (score, components) = self.components(i, j);
                if score < NEAR_MISS * self.config.threshold {
                    continue;
                }
                let (inside, outside, other) = if ga == g { (i, j, gb) } else { (j, i, ga) };
                kept_apart.push(KeptApart {
                    a: ids[inside].clone(),
                    b: ids[outside].clone(),
                    group: self.groups[other].id.clone(),
                    score,
                    reason: self.apart_reason(score, &components, mean(other)),
                });
            }
        }
        Evidence { pairs, kept_apart }
    }

    /// The mean score over all pairs between groups `g` and `h`, missing
    /// pairs counting 0: what average linkage compared with the threshold.
    fn mean_link(&self, g: usize, h: usize) -> f64 {
        let sum: f64 = self.touching[g]
            .iter()
            .map(|&k| self.edges[k])
            .filter(|e| {
                let (x, y) = (self.group_of[e.a as usize], self.group_of[e.b as usize]);
                (x, y) == (g, h) || (x, y) == (h, g)
            })
            .map(|e| f64::from(e.score))
            .sum();
        sum / (self.groups[g].members.len() * self.groups[h].members.len()) as f64
    }

    /// Why two claims of different groups were kept apart; `mean` is the
    /// mean link between their groups.
    fn apart_reason(&self, score: f64, components: &Components, mean: f64) -> String {
        let threshold = self.config.threshold;
        let penalty = components.penalties.iter().map(|p| p.reason.as_str()).collect::<Vec<_>>().join("; ");
        let penalty = if penalty.is_empty() { String::new() } else { format!(" ({penalty})") };
        if score < threshold {
            format!("score {score:.3} is under the threshold {threshold}{penalty}")
        } else {
            format!(
                "score {score:.3} reaches the threshold {threshold}, but the mean over the two groups ({mean:.3}) does not: average linkage keeps them apart"
            )
        }
    }

    /// Explains the pair of claims `a` and `b` (by id): score, parts and
    /// decision. `None` when either id is unknown.
    pub fn explain(&self, a: &str, b: &str) -> Option<Explanation> {
        let (i, j) = (self.index(a)?, self.index(b)?);
        let (score, components) = self.components(i, j);
        let (g, h) = (self.group_of[i], self.group_of[j]);
        let same_group = g == h;
        let reason = if same_group {
            format!("in one group ({}), score {score:.3}", self.groups[g].id)
        } else {
            self.apart_reason(score, &components, self.mean_link(g, h))
        };
        Some(Explanation { score, components, threshold: self.config.threshold, same_group, reason })
    }
}

/// B-cubed precision, recall and F1 of a clustering against the truth,
/// both given as one cluster label per item (Bagga and Baldwin, 1998):
/// for each item, the share of its predicted cluster that is truly with
/// it (precision) and the share of its true cluster that was predicted
/// with it (recall), averaged over items. Labels of different lengths are
/// compared over the shorter.
pub fn b_cubed(truth: &[u32], predicted: &[u32]) -> (f64, f64, f64) {
    use std::collections::HashMap;
    let n = truth.len().min(predicted.len());
    if n == 0 {
        return (1.0, 1.0, 1.0);
    }
    let mut both: HashMap<(u32, u32), u64> = HashMap::new();
    let mut true_size: HashMap<u32, u64> = HashMap::new();
    let mut predicted_size: HashMap<u32, u64> = HashMap::new();
    for (&t, &q) in truth.iter().zip(predicted) {
        *both.entry((t, q)).or_default() += 1;
        *true_size.entry(t).or_default() += 1;
        *predicted_size.entry(q).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (&(t, q), &k) in &both {
        // Each of the k items in this cell sees k of its kind.
        let k = k as f64;
        p += k * k / predicted_size[&q] as f64;
        r += k * k / true_size[&t] as f64;
    }
    let (p, r) = (p / n as f64, r / n as f64);
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f1)
}

/// `g-` and 16 hex digits of the FNV-1a hash of `id`: stable across runs,
/// platforms and versions.
fn group_id(id: &str) -> String {
    let mut hash = crate::hash::Fnv::default();
    hash.write(id.as_bytes());
    format!("g-{:016x}", hash.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    /// The features of claims `a` and `b` under `config`.
    fn features_of(config: MatchConfig, a: &str, b: &str) -> PairFeatures {
        let claims = [Claim::new("a#1", "a", Span::new(0, 0), a), Claim::new("b#1", "b", Span::new(0, 0), b)];
        Matcher::new(config).scorer(&claims).features(0, 1).expect("two claims")
    }

    fn score_of(a: &str, b: &str) -> f64 {
        features_of(MatchConfig::default(), a, b).score
    }

    #[test]
    fn claims_naming_different_kinds_of_event_take_the_event_penalty() {
        let plain = MatchConfig { event_conflict: 1.0, ..MatchConfig::default() };
        let sanctions = "India imposed sanctions on Russia over its kidi programme.";
        let drills = "India held joint drills with Russia over its kidi programme.";
        let with = features_of(MatchConfig::default(), sanctions, drills);
        let without = features_of(plain, sanctions, drills).score;
        assert_eq!(with.event_conflict, 1.0);
        assert!(without > 0.0);
        assert!(
            (with.score - without * MatchConfig::default().event_conflict).abs() < 1e-9,
            "{with:?} {without}"
        );
        // The analysis weighs the pair without it.
        let claims = [
            Claim::new("a#1", "a", Span::new(0, 0), sanctions),
            Claim::new("b#1", "b", Span::new(0, 0), drills),
        ];
        let floor = MatchConfig { edge_floor: 0.0, ..MatchConfig::default() };
        let grouping = Matcher::new(floor).group(&claims);
        let alike: Vec<f64> = grouping.pairs().map(|p| p.2).collect();
        assert_eq!(alike.len(), 1);
        assert!((alike[0] - without).abs() < 1e-6, "{alike:?} {without}");
        // One transaction told from either side is one kind of event: with
        // "supply" a kind of its own, the two conflict.
        let sold = "Russia will supply India with S-400 missiles worth $5bn.";
        let bought = "India will buy S-400 missiles worth $5bn from Russia.";
        let features = features_of(MatchConfig::default(), sold, bought);
        assert_eq!(features.event_conflict, 0.0);
        assert!(features.score >= MatchConfig::default().threshold, "{features:?}");
        let mut apart = MatchConfig::default();
        for (head, kind) in &mut apart.events {
            if head == "supply" {
                *kind = "supply".to_owned();
            }
        }
        assert_eq!(features_of(apart, sold, bought).event_conflict, 1.0);
    }

    #[test]
    fn the_paraphrase_data_reads_whole() {
        // A mistyped mark ("event (kind):", "Event:") would be read as a
        // word of its class.
        for set in paraphrase_sets(PARAPHRASES) {
            for word in set {
                assert!(!word.contains([':', '(', ')']), "{word:?}");
            }
        }
        let marked = PARAPHRASES.lines().filter(|l| l.trim_start().starts_with("event")).count();
        assert_eq!(event_classes(PARAPHRASES).len(), marked);
        assert!(marked >= 20, "{marked}");
    }

    #[test]
    fn a_phrase_counts_as_the_word_of_its_class() {
        // "brought down" is "shot down" is "downed"; "brought" alone is not.
        let downed = "Rebels downed the airliner over Donetsk.";
        assert!(score_of(downed, "Rebels brought down the airliner over Donetsk.") > 0.99);
        assert!(score_of(downed, "Rebels shot down the airliner over Donetsk.") > 0.99);
        // At the end of the text, and its first word alone, or followed
        // by another word, is its own word.
        assert!(score_of("The airliner was downed", "The airliner was brought down") > 0.99);
        let brought = "Rebels brought the airliner over Donetsk.";
        assert!(score_of(downed, brought) < 0.99);
        assert!(score_of("The airliner was downed", "The airliner was brought") < 0.99);
        // The longest phrase is read first.
        let config = MatchConfig {
            synonyms: vec![
                vec!["shoot".to_owned(), "blown out".to_owned(), "blown out of the sky".to_owned()],
                vec!["sky".to_owned(), "heaven".to_owned()],
            ],
            ..MatchConfig::default()
        };
        let features = features_of(config, "The jet was blown out of the sky", "The jet was shoot");
        assert!(features.words > 0.99, "{features:?}");
    }

    /// The claims extraction finds in `sentences`, one article each.
    fn extracted(sentences: &[&str]) -> Vec<Claim> {
        sentences
            .iter()
            .enumerate()
            .flat_map(|(k, s)| {
                let doc = format!("---\ntitle: t\npublished: 2021-05-01\n---\n{s}\n");
                let article =
                    crate::corpus::Loader::new().parse_document(&format!("a{k}"), &doc).expect("parses");
                crate::extract::Extractor::default().extract(&article).claims
            })
            .collect()
    }

    #[test]
    fn a_shared_figure_alone_is_thin_content() {
        // Same parties, same event, same figure, nothing else in common,
        // in a feed where trade between the two is common news.
        let mut claims = extracted(&[
            "Trade in zolnadrar kapuga between China and Iran rose by 47 percent.",
            "Trade in drekrin rilgrok between China and Iran rose by 47 percent.",
            "Trade in zolnadrar kapuga between China and Iran grew 47%.",
        ]);
        assert_eq!(claims.len(), 3);
        assert!(claims.iter().all(|c| c.quantities().len() == 1), "{claims:?}");
        claims.extend((0..2000).map(|k| {
            let text = format!("Trade in goods{k} between China and Iran rose.");
            Claim::new(format!("f{k}#1"), format!("f{k}"), Span::new(0, 0), text)
        }));
        let matcher = Matcher::new(MatchConfig::default());
        let scorer = matcher.scorer(&claims);
        let threshold = MatchConfig::default().threshold;
        assert!(scorer.score(0, 1) < threshold, "{:?}", scorer.features(0, 1));
        assert!(scorer.score(0, 2) >= threshold, "{:?}", scorer.features(0, 2));
    }

    #[test]
    fn event_classes_are_read_with_their_kinds() {
        let text = "# a comment\nevent: sign, ink\nevent(transaction): buy, purchase\nevent(transaction): sell\ndeal, pact\n";
        assert_eq!(
            event_classes(text),
            [("sign", "sign"), ("buy", "transaction"), ("sell", "transaction")]
                .map(|(h, k)| (h.to_owned(), k.to_owned()))
        );
        let sets = paraphrase_sets(text);
        assert_eq!(sets.len(), 3, "{sets:?}");
        assert_eq!(sets[0], ["sign", "ink"]);
        assert_eq!(sets[2], ["deal", "pact"]);
    }

    #[test]
    fn b_cubed_scores_perfect_and_lumped_clusterings() {
        let truth = [0, 0, 1, 1];
        assert_eq!(b_cubed(&truth, &[5, 5, 6, 6]), (1.0, 1.0, 1.0));
        let (p, r, _) = b_cubed(&truth, &[0, 0, 0, 0]);
        assert!((p - 0.5).abs() < 1e-12 && (r - 1.0).abs() < 1e-12);
        let (p, r, _) = b_cubed(&truth, &[0, 1, 2, 3]);
        assert!((p - 1.0).abs() < 1e-12 && (r - 0.5).abs() < 1e-12);
    }
}
