//! Agreement, contradiction and change over time: relations between
//! groups, independent origins, verdicts and timelines.
//!
//! Invariants:
//! - Every examined claim pair gets at most one relation, and a pair of
//!   groups at most one kind of relation: a contradiction outweighs an
//!   update, which outweighs support. No pair both supports and
//!   contradicts.
//! - Pairs are examined where the matcher already looked (inside a group,
//!   and across groups for pairs it scored), and inside small buckets of
//!   claims about the same agreement or alignment of the same parties,
//!   each claim compared with a bounded window of its bucket: the work
//!   grows linearly with the claims.
//! - Corroboration counts independent origins only (see `origin.rs`):
//!   republications, copies of one story and relays collapse onto their
//!   origin, so adding a copy of an article never adds an origin.
//! - Pairs, relations and events are ordered by claim and group id, so
//!   the results depend on neither the input order nor the thread count.

mod frame;
mod origin;
mod relate;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::extract::EntityTable;
use crate::model::{
    Assessment, Certainty, Claim, ClaimGroup, ClaimPair, ContradictionType, FactualitySummary, Origin,
    Relation, RelationKind, TimelineEntry, Verdict,
};
use frame::Frame;
use origin::ClaimOrigin;
use relate::{Context, Found};

/// Everything the analysis can be tuned with.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AnalysisConfig {
    /// A matcher score from which two claims in different groups count as
    /// the same claim (they support or contradict each other).
    pub same_floor: f64,
    /// A matcher score from which a pair of claims in different groups is
    /// examined at all.
    pub related_floor: f64,
    /// A matcher score from which a negation in one claim contradicts
    /// the other: they are worded alike but for it.
    pub polarity_floor: f64,
    /// A matcher score from which two claims in different groups that give
    /// different figures for one measure revise or contradict each other.
    pub measure_floor: f64,
    /// Relative difference under which two amounts are the same (0.02 is
    /// 2%).
    pub amount_tolerance: f64,
    /// How many neighbours, in publication order, each claim is compared
    /// with inside a bucket of claims about the same agreement.
    pub window: usize,
}

impl Default for AnalysisConfig {
    fn default() -> Self {
        Self {
            same_floor: 0.45,
            related_floor: 0.2,
            polarity_floor: 0.6,
            measure_floor: 0.25,
            amount_tolerance: 0.02,
            window: 64,
        }
    }
}

/// The score under which the analysis reads a scored pair as no pair at
/// all: every floor it compares a score with is at least this, so a saved
/// state keeps only the pairs from it up.
pub(crate) fn pair_floor(config: &AnalysisConfig) -> f64 {
    config.related_floor.min(config.same_floor).min(config.polarity_floor).min(config.measure_floor)
}

/// What the analysis works on: the tracker's claims and groups, with the
/// pairs the matcher scored.
pub(crate) struct Input<'a> {
    pub corpus: &'a Corpus,
    pub claims: &'a [Claim],
    pub groups: &'a [ClaimGroup],
    /// The group index of each claim.
    pub group_of: &'a [usize],
    /// The pairs the matcher scored, as claim indices with the score.
    pub scored: &'a [(usize, usize, f64)],
    pub entities: &'a EntityTable,
    /// The matcher's settings: its paraphrase classes and kinds of event
    /// read the words of a denial and of what it denies.
    pub matcher: &'a crate::MatchConfig,
}

/// The analysis results for the groups `focus` marks, all when `None`:
/// the relations they take part in, and one assessment per group in group
/// order, the same as the whole analysis gives them. The groups judged are
/// the marked ones and those their relations reach; the others have
/// `None`.
///
/// The claim pairs of the other groups are classified only as far as the
/// result needs them: a relation of a focused group is dropped when two
/// others imply it (A updates B, B updates C), so the pairs of the groups
/// a focused group relates to are classified too.
pub(crate) fn analyze(
    input: &Input<'_>,
    config: &AnalysisConfig,
    focus: Option<&[bool]>,
) -> (Vec<Relation>, Vec<Option<Assessment>>) {
    let frames = frames(input, config);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); input.groups.len()];
    for (i, &g) in input.group_of.iter().enumerate() {
        members[g].push(i);
    }
    // One u64 key a pair, not a tuple of two usizes: a third less memory
    // for millions of pairs. Claim indices fit in 32 bits (a corpus of
    // 4 billion claims would not fit in memory in the first place).
    let key = |a: usize, b: usize| ((a as u64) << 32) | (b as u64 & 0xffff_ffff);
    let scores: rustc_hash::FxHashMap<u64, f64> =
        input.scored.iter().map(|&(a, b, s)| (key(a, b), s)).collect();
    let classify = |pairs: &[(usize, usize)]| -> Vec<(usize, usize, Found)> {
        pairs
            .par_iter()
            .filter_map(|&(i, j)| {
                let cx = Context {
                    same_group: input.group_of[i] == input.group_of[j],
                    score: scores.get(&key(i.min(j), i.max(j))).copied().unwrap_or(0.0),
                    same_floor: config.same_floor,
                    polarity_floor: config.polarity_floor,
                    measure_floor: config.measure_floor,
                };
                relate::classify(&frames[i], &frames[j], cx).map(|f| (i, j, f))
            })
            .collect()
    };
    let touches =
        |marked: &[bool], &(i, j): &(usize, usize)| marked[input.group_of[i]] || marked[input.group_of[j]];
    let found = match focus {
        None => classify(&candidate_pairs(input, &members, &frames, config, None)),
        Some(focus) => {
            let near = candidate_pairs(input, &members, &frames, config, Some(focus));
            let mut found = classify(&near);
            // The groups the focused ones relate to, whose own relations
            // decide which of the focused ones another two imply.
            let mut related = focus.to_vec();
            for &(i, j, _) in &found {
                related[input.group_of[i]] = true;
                related[input.group_of[j]] = true;
            }
            let second: Vec<_> = candidate_pairs(input, &members, &frames, config, Some(&related))
                .into_iter()
                .filter(|p| !touches(focus, p))
                .collect();
            // Each pair of groups has all its findings from one of the two
            // passes, in the order the whole analysis finds them, which is
            // all `aggregate` needs.
            found.extend(classify(&second));
            found
        }
    };
    let mut relations = transitive_reduction(aggregate(input, found));
    // The focused groups are judged, and those their relations reach,
    // whose verdicts those relations may change: every relation of theirs
    // is found, since the pairs touching them were classified.
    let judged = focus.map(|focus| {
        let mut judged = focus.to_vec();
        for r in relations.iter().filter(|r| focus[r.from] || focus[r.to]) {
            judged[r.from] = true;
            judged[r.to] = true;
        }
        judged
    });
    let article_origins = origin::article_origins(input.corpus, input.claims);
    let origins: Vec<ClaimOrigin> = input
        .claims
        .iter()
        .map(|c| {
            let outlet = input.corpus.get(c.article()).and_then(|a| a.meta().outlet.as_deref());
            let own = article_origins.get(c.article()).map_or(c.article(), String::as_str);
            origin::claim_origin(c, outlet, own)
        })
        .collect();
    let assessments = assess(input, &members, &frames, &origins, &relations, judged.as_deref());
    if let Some(focus) = focus {
        relations.retain(|r| focus[r.from] || focus[r.to]);
    }
    let relations = relations.into_iter().map(|r| r.into_relation(input)).collect();
    (relations, assessments)
}

/// Each claim's frame, with the parties of agreement clauses filled in
/// from the sentence before.
fn frames(input: &Input<'_>, config: &AnalysisConfig) -> Vec<Frame> {
    let mut frames: Vec<Frame> = input
        .claims
        .par_iter()
        .map(|c| Frame::new(c, input.corpus.get(c.article()), config.amount_tolerance))
        .collect();
    // Kinds of event and who they are said of: what a denial answers,
    // and rival accounts of who did it.
    let tokenizer = crate::matching::Tokenizer::new(input.matcher);
    frames
        .par_iter_mut()
        .zip(input.claims)
        .for_each(|(f, c)| f.read_events(c.text(), &tokenizer, &input.matcher.aliases));
    let mut start = 0;
    while start < input.claims.len() {
        let article = input.claims[start].article();
        let end = start + input.claims[start..].iter().take_while(|c| c.article() == article).count();
        if let Some(a) = input.corpus.get(article) {
            let claims: Vec<&Claim> = input.claims[start..end].iter().collect();
            let mut refs: Vec<&mut Frame> = frames[start..end].iter_mut().collect();
            frame::fill_parties(a, &claims, &mut refs);
            frame::mark_histories(&mut refs);
        }
        start = end;
    }
    frames
}

/// Groups larger than this compare each member with the canonical one
/// and along the matcher's pairs only, not all pairs.
const ALL_PAIRS_UP_TO: usize = 24;

/// The claim pairs worth classifying, each `(i, j)` with claim `i`'s id
/// before claim `j`'s; with `marked`, only those with a claim in a marked
/// group (the same pairs as without, filtered, at the cost of those
/// alone and one pass over the claims).
fn candidate_pairs(
    input: &Input<'_>,
    members: &[Vec<usize>],
    frames: &[Frame],
    config: &AnalysisConfig,
    marked: Option<&[bool]>,
) -> Vec<(usize, usize)> {
    let is_marked = |claim: usize| marked.is_none_or(|m| m[input.group_of[claim]]);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (g, (group, members)) in input.groups.iter().zip(members).enumerate() {
        if marked.is_some_and(|m| !m[g]) {
            continue;
        }
        if members.len() <= ALL_PAIRS_UP_TO {
            for (k, &x) in members.iter().enumerate() {
                pairs.extend(members[k + 1..].iter().map(|&y| (x.min(y), x.max(y))));
            }
        } else if let Some(&canonical) =
            members.iter().find(|&&m| input.claims[m].id() == group.canonical_claim)
        {
            pairs.extend(
                members.iter().filter(|&&m| m != canonical).map(|&m| (m.min(canonical), m.max(canonical))),
            );
        }
    }
    pairs.extend(
        input
            .scored
            .iter()
            .filter(|p| p.2 >= config.related_floor && (is_marked(p.0) || is_marked(p.1)))
            .map(|&(a, b, _)| (a.min(b), a.max(b))),
    );
    // Buckets of claims about one agreement of the same parties, or about
    // how one party aligns.
    let mut buckets: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, f) in frames.iter().enumerate() {
        if f.agreement && f.countries.len() >= 2 {
            buckets.entry(format!("agreement:{}", f.countries.join("|"))).or_default().push(i);
        } else if f.agreement {
            // A deal between people and organisations: one bucket for
            // each two of the first few it names.
            let parties = &f.parties[..f.parties.len().min(4)];
            for (k, x) in parties.iter().enumerate() {
                for y in &parties[k + 1..] {
                    buckets.entry(format!("deal:{x}|{y}")).or_default().push(i);
                }
            }
        }
        // Claims giving a figure for one counted thing (barrels, workers):
        // revisions of a figure are worded every which way.
        for m in &f.measures {
            buckets.entry(format!("measure:{m}")).or_default().push(i);
        }
        if f.alignment.is_some() {
            for c in &f.countries {
                buckets.entry(format!("alignment:{c}")).or_default().push(i);
            }
        }
    }
    // A denial and the claims naming a kind of event it names, each
    // denial with the `window` of them on either side of it; so too a
    // claim naming who did an event of one doer, for rival accounts.
    let mut by_event: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, f) in frames.iter().enumerate() {
        for kind in f.events.iter().filter(|k| Some(*k) != f.denial_kind.as_ref()) {
            by_event.entry(kind.as_str()).or_default().push(i);
        }
    }
    for (kind, members) in &mut by_event {
        let anchor = |m: usize| {
            frames[m].denier.is_some() || frames[m].accounts.iter().any(|(k, ..)| k.as_str() == *kind)
        };
        if !members.iter().any(|&m| anchor(m)) {
            continue;
        }
        members.sort_by(|&a, &b| {
            (frames[a].published, input.claims[a].id()).cmp(&(frames[b].published, input.claims[b].id()))
        });
        let w = config.window;
        for (k, &x) in members.iter().enumerate().filter(|(_, x)| anchor(**x)) {
            let near = members[k.saturating_sub(w)..k].iter().chain(members.iter().skip(k + 1).take(w));
            for &y in near {
                if input.group_of[x] != input.group_of[y] && (is_marked(x) || is_marked(y)) {
                    pairs.push((x.min(y), x.max(y)));
                }
            }
        }
    }
    for members in buckets.values_mut() {
        if !members.iter().any(|&m| is_marked(m)) {
            continue;
        }
        members.sort_by(|&a, &b| {
            (frames[a].published, input.claims[a].id()).cmp(&(frames[b].published, input.claims[b].id()))
        });
        // Each claim with the `window` after it. With marks, only the
        // pairs of a marked claim: the `window` on either side of it.
        let w = config.window;
        let mut push = |x: usize, y: usize| {
            if input.group_of[x] != input.group_of[y] {
                pairs.push((x.min(y), x.max(y)));
            }
        };
        for (k, &x) in members.iter().enumerate() {
            if marked.is_none() {
                members.iter().skip(k + 1).take(w).for_each(|&y| push(x, y));
            } else if is_marked(x) {
                members[k.saturating_sub(w)..k].iter().for_each(|&y| push(y, x));
                members.iter().skip(k + 1).take(w).for_each(|&y| push(x, y));
            }
        }
    }
    pairs.par_sort_unstable();
    pairs.dedup();
    // Each pair in the order of its claim ids, so what is said about it
    // does not depend on the input order.
    for p in &mut pairs {
        if input.claims[p.0].id() > input.claims[p.1].id() {
            *p = (p.1, p.0);
        }
    }
    pairs
}

/// One relation under construction.
struct Pending {
    kind: RelationKind,
    contradiction: Option<ContradictionType>,
    /// For updates, whether the group with the smaller id is the later.
    low_is_later: bool,
    pairs: Vec<(usize, usize, String)>,
}

fn rank(kind: RelationKind) -> u8 {
    match kind {
        RelationKind::Contradicts => 0,
        RelationKind::Updates => 1,
        _ => 2,
    }
}

/// A relation between groups by index, with its claim pairs by index
/// (from the `from` side), as the assessment reads it.
struct GroupRelation {
    from: usize,
    to: usize,
    kind: RelationKind,
    contradiction: Option<ContradictionType>,
    reason: String,
    pairs: Vec<(usize, usize, String)>,
}

impl GroupRelation {
    fn into_relation(self, input: &Input<'_>) -> Relation {
        Relation {
            from: input.groups[self.from].id.clone(),
            to: input.groups[self.to].id.clone(),
            kind: self.kind,
            contradiction: self.contradiction,
            reason: self.reason,
            pairs: self
                .pairs
                .into_iter()
                .map(|(a, b, reason)| ClaimPair {
                    from: input.claims[a].id().to_owned(),
                    to: input.claims[b].id().to_owned(),
                    reason,
                })
                .collect(),
        }
    }
}

/// Claim-pair findings into group relations, one kind per pair of groups.
fn aggregate(input: &Input<'_>, found: Vec<(usize, usize, Found)>) -> Vec<GroupRelation> {
    // Keyed and ordered by group id, so neither the relations nor their
    // direction depend on the input order.
    let mut by_groups: BTreeMap<(&str, &str, usize, usize), Pending> = BTreeMap::new();
    let id = |g: usize| input.groups[g].id.as_str();
    for (i, j, f) in found {
        let (gi, gj) = (input.group_of[i], input.group_of[j]);
        // Claim `x` sits in the group with the smaller id, `y` in the other.
        let first = (id(gi), input.claims[i].id()) <= (id(gj), input.claims[j].id());
        let ((x, gx), (y, gy)) = if first { ((i, gi), (j, gj)) } else { ((j, gj), (i, gi)) };
        let (kind, contradiction, x_is_later, reason) = match f {
            Found::Supports(r) => (RelationKind::Supports, None, false, r),
            Found::Contradicts(t, r) => (RelationKind::Contradicts, Some(t), false, r),
            Found::Updates { a_is_later, reason } => {
                (RelationKind::Updates, None, a_is_later == (x == i), reason)
            }
        };
        if gx == gy && kind == RelationKind::Supports {
            continue;
        }
        // Pairs are stored from the `from` side: the later for updates.
        let pair = if kind == RelationKind::Updates && !x_is_later { (y, x, reason) } else { (x, y, reason) };
        let entry = by_groups.entry((id(gx), id(gy), gx, gy)).or_insert(Pending {
            kind,
            contradiction,
            low_is_later: x_is_later,
            pairs: Vec::new(),
        });
        if rank(kind) < rank(entry.kind) {
            *entry = Pending { kind, contradiction, low_is_later: x_is_later, pairs: Vec::new() };
        }
        // Across two groups, an update goes one way: pairs that say the
        // other group is the later one are left out. Inside one group
        // every pair is stored from its later claim, so all count,
        // whichever pair comes first.
        let same_way = kind != RelationKind::Updates || gx == gy || entry.low_is_later == x_is_later;
        if entry.kind == kind && same_way {
            if let Some(c) = contradiction
                && entry.contradiction.is_none_or(|t| c < t)
            {
                entry.contradiction = Some(c);
            }
            entry.pairs.push(pair);
        }
    }
    by_groups
        .into_iter()
        .map(|((_, _, gx, gy), p)| {
            let (from, to) =
                if p.kind == RelationKind::Updates && !p.low_is_later { (gy, gx) } else { (gx, gy) };
            let mut pairs = p.pairs;
            pairs.sort_by(|a, b| {
                (input.claims[a.0].id(), input.claims[a.1].id())
                    .cmp(&(input.claims[b.0].id(), input.claims[b.1].id()))
            });
            let first = pairs.first().map(|p| p.2.clone()).unwrap_or_default();
            let reason = match pairs.len() {
                1 => first,
                n => format!("{first} ({n} claim pairs)"),
            };
            let contradiction = if p.kind == RelationKind::Contradicts { p.contradiction } else { None };
            GroupRelation { from, to, kind: p.kind, contradiction, reason, pairs }
        })
        .collect()
}

/// Updates without the ones a chain of others implies: when A updates B
/// and B updates C, "A updates C" says nothing more, and a reader
/// following a figure wants each value with the one it replaced.
fn transitive_reduction(relations: Vec<GroupRelation>) -> Vec<GroupRelation> {
    let mut later_than: HashMap<usize, BTreeSet<usize>> = HashMap::new();
    for r in relations.iter().filter(|r| r.kind == RelationKind::Updates && r.from != r.to) {
        later_than.entry(r.from).or_default().insert(r.to);
    }
    let implied = |r: &GroupRelation| {
        r.kind == RelationKind::Updates
            && later_than.get(&r.from).is_some_and(|earlier| {
                earlier.iter().any(|&b| b != r.to && later_than.get(&b).is_some_and(|e| e.contains(&r.to)))
            })
    };
    let keep: Vec<bool> = relations.iter().map(|r| !implied(r)).collect();
    relations.into_iter().zip(keep).filter_map(|(r, k)| k.then_some(r)).collect()
}

/// What is known of a group at one point of its history.
#[derive(Clone, Debug, Default)]
struct State {
    origins: BTreeSet<String>,
    asserted: bool,
    disputed: bool,
    denied: bool,
    superseded: bool,
}

impl State {
    fn verdict(&self) -> Verdict {
        if self.denied {
            Verdict::Denied
        } else if self.disputed {
            Verdict::Disputed
        } else if self.superseded {
            Verdict::Superseded
        } else if self.origins.len() >= 2 {
            Verdict::Corroborated
        } else if !self.asserted {
            Verdict::AttributedOnly
        } else {
            Verdict::SingleSource
        }
    }
}

/// What happened to a group at one point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum EventKind {
    /// A member was reported.
    Reports,
    /// A claim contradicted it.
    Contradicts,
    /// A later report updated it.
    Updates,
}

impl EventKind {
    fn as_str(self) -> &'static str {
        match self {
            EventKind::Reports => "reports",
            EventKind::Contradicts => "contradicts",
            EventKind::Updates => "updates",
        }
    }
}

/// Something that happened to a group: a member reported, or a claim of
/// another group contradicting or updating it.
struct Event {
    claim: usize,
    kind: EventKind,
    denial: bool,
}

/// A contradiction or update of a group, in words, for its verdict's
/// reason.
struct Note {
    kind: RelationKind,
    contradiction: Option<ContradictionType>,
    text: String,
}

fn assess(
    input: &Input<'_>,
    members: &[Vec<usize>],
    frames: &[Frame],
    origins: &[ClaimOrigin],
    relations: &[GroupRelation],
    focus: Option<&[bool]>,
) -> Vec<Option<Assessment>> {
    let mut events: Vec<Vec<Event>> = (0..input.groups.len()).map(|_| Vec::new()).collect();
    let mut notes: Vec<Vec<Note>> = (0..input.groups.len()).map(|_| Vec::new()).collect();
    for r in relations {
        let (gf, gt) = (r.from, r.to);
        if r.kind == RelationKind::Supports || (r.kind == RelationKind::Updates && gf == gt) {
            continue;
        }
        for &(cf, ct, _) in &r.pairs {
            if r.kind == RelationKind::Contradicts {
                // Each side is contradicted by the other (inside one group,
                // each member by the other).
                for (target, other, mine) in [(gt, cf, ct), (gf, ct, cf)] {
                    let denial = is_denial(input, frames, other, mine);
                    events[target].push(Event { claim: other, kind: EventKind::Contradicts, denial });
                }
            } else {
                events[gt].push(Event { claim: cf, kind: EventKind::Updates, denial: false });
            }
        }
        let what = match r.contradiction {
            Some(t) => format!("contradicted ({})", t.as_str()),
            None => "updated by a later report".to_owned(),
        };
        let targets: &[usize] =
            if r.kind == RelationKind::Contradicts && gf != gt { &[gf, gt] } else { &[gt] };
        for &g in targets {
            let other = if g == gt { gf } else { gt };
            let claim = r.pairs.first().map(|p| if g == gt { p.0 } else { p.1 });
            let (id, text) = claim.map_or(("", ""), |c| (input.claims[c].id(), input.claims[c].text()));
            notes[g].push(Note {
                kind: r.kind,
                contradiction: r.contradiction,
                text: format!("{what} by {} ({}): {id}; \"{text}\"", input.groups[other].id, r.reason),
            });
        }
    }
    input
        .groups
        .par_iter()
        .zip(members)
        .zip(events.into_par_iter())
        .zip(notes.into_par_iter())
        .enumerate()
        .map(|(g, (((group, members), mut events), notes))| {
            if focus.is_some_and(|f| !f[g]) {
                return None;
            }
            events.extend(members.iter().map(|&m| Event {
                claim: m,
                kind: EventKind::Reports,
                denial: false,
            }));
            Some(assessment(input, group, members, events, &notes, origins))
        })
        .collect()
}

/// Whether `claim` denies `target` and its speaker is a party to it: a
/// named speaker who is, or names, an entity of the target claim.
fn is_denial(input: &Input<'_>, frames: &[Frame], claim: usize, target: usize) -> bool {
    let f = &frames[claim];
    if !f.negated() {
        return false;
    }
    let Some(speaker) = input.claims[claim].attribution().and_then(|a| a.speaker.as_deref()) else {
        return false;
    };
    // The speaker itself, what its name mentions, and each of its words
    // ("Chinese Foreign Ministry" is China's).
    let mut names: Vec<String> = input.entities.find(speaker).into_iter().map(|m| m.entity.name).collect();
    names.extend(input.entities.lookup(speaker).map(|e| e.name.clone()));
    names.extend(speaker.split_whitespace().filter_map(|w| input.entities.lookup(w)).map(|e| e.name.clone()));
    let t = &frames[target];
    names.iter().any(|n| t.entities.binary_search(n).is_ok() || t.countries.binary_search(n).is_ok())
}

fn assessment(
    input: &Input<'_>,
    group: &ClaimGroup,
    members: &[usize],
    mut events: Vec<Event>,
    notes: &[Note],
    origins: &[ClaimOrigin],
) -> Assessment {
    let claims = input.claims;
    let published = |i: usize| input.corpus.get(claims[i].article()).and_then(|a| a.meta().published);
    events.sort_by(|a, b| {
        let (da, db) = (published(a.claim), published(b.claim));
        (da.is_none(), da, claims[a.claim].article(), a.kind, a.claim).cmp(&(
            db.is_none(),
            db,
            claims[b.claim].article(),
            b.kind,
            b.claim,
        ))
    });

    // An outlet and a person it quotes in the same article are one
    // origin: the outlet's own sentence on what its source says is not a
    // second source. Its claims take the origin of the first named speaker
    // of the group in that article.
    let mut speaker_in: BTreeMap<&str, &ClaimOrigin> = BTreeMap::new();
    for &m in members {
        if origins[m].speaker.is_some() {
            speaker_in.entry(claims[m].article()).or_insert(&origins[m]);
        }
    }
    let origin_of = |m: usize| -> &ClaimOrigin {
        let own = &origins[m];
        match speaker_in.get(claims[m].article()) {
            Some(speaker) if own.speaker.is_none() => speaker,
            _ => own,
        }
    };
    let mut state = State::default();
    let mut timeline: Vec<TimelineEntry> = Vec::new();
    let mut seen: BTreeSet<(&str, EventKind)> = BTreeSet::new();
    for e in &events {
        let article = claims[e.claim].article();
        match e.kind {
            EventKind::Reports => {
                // A sentence that folds into its speaker's origin restates
                // the speaker: it is not the outlet's own claim.
                let origin = origin_of(e.claim);
                state.origins.insert(origin.name.clone());
                state.asserted |= origin.asserted;
            }
            EventKind::Contradicts => {
                state.disputed = true;
                state.denied |= e.denial;
            }
            EventKind::Updates => state.superseded = true,
        }
        if seen.insert((article, e.kind)) {
            timeline.push(TimelineEntry {
                date: published(e.claim),
                article: article.to_owned(),
                claim: claims[e.claim].id().to_owned(),
                event: e.kind.as_str().to_owned(),
                status: state.verdict(),
            });
        } else if let Some(last) =
            timeline.iter_mut().rev().find(|t| t.article == article && t.event == e.kind.as_str())
        {
            last.status = state.verdict();
        }
    }
    // Statuses only ever reflect the entries up to each point; the last
    // one is the verdict.
    let verdict = state.verdict();
    let mut by_origin: BTreeMap<String, Origin> = BTreeMap::new();
    for &m in members {
        let o = origin_of(m);
        let entry = by_origin.entry(o.name.clone()).or_insert_with(|| Origin {
            name: o.name.clone(),
            claims: Vec::new(),
            via: Vec::new(),
        });
        entry.claims.push(claims[m].id().to_owned());
        for v in &o.via {
            if !entry.via.contains(v) {
                entry.via.push(v.clone());
            }
        }
    }
    let origins: Vec<Origin> = by_origin.into_values().collect();
    let certain = members
        .iter()
        .filter(|&&m| claims[m].factuality().is_none_or(|f| f.certainty == Certainty::Certain))
        .count();
    let factuality = match certain {
        c if c == members.len() => FactualitySummary::Certain,
        0 => FactualitySummary::Hedged,
        _ => FactualitySummary::Mixed,
    };
    let names: Vec<&str> = origins.iter().map(|o| o.name.as_str()).collect();
    let articles: BTreeSet<&str> = members.iter().map(|&m| claims[m].article()).collect();
    let reason = match verdict {
        Verdict::Denied | Verdict::Disputed | Verdict::Superseded => {
            let wanted = |n: &Note| match verdict {
                Verdict::Denied => n.contradiction == Some(ContradictionType::Polarity),
                Verdict::Disputed => n.kind == RelationKind::Contradicts,
                _ => n.kind == RelationKind::Updates,
            };
            let lead = if verdict == Verdict::Denied { "denied by a party to it: " } else { "" };
            let lines: Vec<&str> = notes.iter().filter(|n| wanted(n)).map(|n| n.text.as_str()).collect();
            format!("{lead}{}", lines.join("; "))
        }
        Verdict::Corroborated => format!("{} independent origins: {}", names.len(), names.join(", ")),
        Verdict::AttributedOnly => format!(
            "one origin, {}; no outlet says it in its own voice ({} article{})",
            names.join(", "),
            articles.len(),
            if articles.len() == 1 { "" } else { "s" }
        ),
        Verdict::SingleSource => format!(
            "one origin, {}, in {} article{}",
            names.join(", "),
            articles.len(),
            if articles.len() == 1 { "" } else { "s" }
        ),
    };
    Assessment { group: group.id.clone(), verdict, reason, factuality, origins, timeline }
}
