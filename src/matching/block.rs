//! Candidate generation without comparing all pairs: prefix filtering.
//!
//! Each claim's terms (words, entities, amount values) are ordered from
//! rarest to commonest. Its *prefix* is the shortest run of rarest terms
//! that carries a set share of its total weight; only prefixes are indexed.
//! A pair is a candidate when a term of one claim is in the other's prefix.
//! Two claims that share much of their weight must share one of their
//! rarer terms, so they meet, while a common term ("minister") never
//! makes a posting list long.
//!
//! Terms in more than `max_df` claims are not keys on their own: their
//! posting lists would grow with the corpus, and so would every claim's
//! candidates. Instead each claim combines its [`PAIRED`] rarest such
//! terms two by two, and a pair in at most `max_df` claims is a key, in
//! the prefix and the probe alike. In a large feed over a bounded
//! vocabulary ("Russia", "sanctions", "programme" in tens of thousands of
//! claims) single words stop telling claims apart, while "sanctions" with
//! a matter's name still does: recall does not fall with size, and no
//! posting list is longer than `max_df`. Where every term is under
//! `max_df` there are no pair keys at all, and blocking is plain prefix
//! filtering.

use rayon::prelude::*;

use super::features::{Features, Term, Vocabulary};

/// How many of a claim's terms over `max_df` it combines into pair keys
/// (its rarest ones): up to 10 pairs a claim.
pub(crate) const PAIRED: usize = 5;

/// One claim's keys.
#[derive(Clone, Debug, Default)]
struct Keys {
    /// Indexed keys, sorted by id.
    prefix: Vec<Term>,
    /// Probe keys (every key), sorted by id.
    probe: Vec<Term>,
}

/// The keys of one claim, and its [`PAIRED`] rarest terms over `max_df`,
/// which its pair keys are made of.
fn keys(
    f: &Features,
    vocabulary: &Vocabulary,
    weights: &[f32],
    share: f64,
    max_df: u32,
) -> (Keys, Vec<Term>) {
    let mut terms: Vec<Term> = f
        .words
        .iter()
        .copied()
        .chain(f.entities.iter().map(|e| e.0))
        .chain(f.values.iter().copied())
        .collect();
    terms.sort_unstable_by_key(|&t| (vocabulary.df(t), t));
    terms.dedup();
    let split = terms.partition_point(|&t| vocabulary.df(t) <= max_df);
    let common: Vec<Term> = terms[split..].iter().copied().take(PAIRED).collect();
    terms.truncate(split);
    let weight = |t: Term| f64::from(weights.get(t as usize).copied().unwrap_or(0.0));
    let total: f64 = terms.iter().map(|&t| weight(t)).sum();
    let mut prefix = Vec::new();
    let mut carried = 0.0;
    for &t in &terms {
        if !prefix.is_empty() && carried >= share * total {
            break;
        }
        prefix.push(t);
        carried += weight(t);
    }
    prefix.sort_unstable();
    let mut probe = terms;
    probe.sort_unstable();
    (Keys { prefix, probe }, common)
}

/// The pairs of `terms`, each packed as the lower id over the higher.
fn pairs(terms: &[Term]) -> impl Iterator<Item = u64> + '_ {
    terms.iter().enumerate().flat_map(move |(k, &x)| {
        terms[k + 1..].iter().map(move |&y| (u64::from(x.min(y)) << 32) | u64::from(x.max(y)))
    })
}

/// Window keys for claims whose two rarest terms over `max_df` are a
/// crowded pair, itself in more than `max_df` claims: a fact repeated by
/// hundreds of outlets in nearly the same words, whose every word and pair
/// of words is common. Such claims are sorted by their rarest terms, so
/// the near-identical ones are next to each other, and cut into windows of
/// `max_df` claims, each overlapping the next by half: a window is a key.
/// Every claim is in at most two windows, so its candidates stay bounded,
/// and a run of near-identical claims longer than a window still links up
/// through the overlaps. Returns `(claim, window key)`, sorted, with the
/// keys numbered from `first` on, and the number after the last key.
fn windows(common: &[Vec<Term>], crowded: &[u64], max_df: u32, first: usize) -> (Vec<(u32, Term)>, usize) {
    let mut members: Vec<(u64, [Term; PAIRED], u32)> = common
        .par_iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let pair = pairs(c.get(..2)?).next()?;
            crowded.binary_search(&pair).ok()?;
            let mut rarest = [Term::MAX; PAIRED];
            rarest[..c.len()].copy_from_slice(c);
            Some((pair, rarest, u32::try_from(i).ok()?))
        })
        .collect();
    members.par_sort_unstable();
    let width = (max_df as usize).max(2);
    let step = width / 2;
    let mut out = Vec::new();
    let mut next = first;
    for run in members.chunk_by(|x, y| x.0 == y.0).filter(|run| run.len() >= 2) {
        let mut start = 0;
        loop {
            let end = (start + width).min(run.len());
            let Ok(key) = Term::try_from(next) else { break };
            next += 1;
            out.extend(run[start..end].iter().map(|m| (m.2, key)));
            if end == run.len() {
                break;
            }
            start += step;
        }
    }
    out.par_sort_unstable();
    (out, next)
}

/// The blocking index of a set of claims: their keys, and the posting
/// lists of prefix keys (key → claims, in claim order), laid out flat.
pub(crate) struct Blocks {
    keys: Vec<Keys>,
    /// Where each key's list starts in `claims`, and one past the last.
    offsets: Vec<usize>,
    claims: Vec<u32>,
}

impl Blocks {
    /// The keys and posting lists of claims with these features. Key ids
    /// are the term ids, then the pair keys in the order of their terms,
    /// numbered from the vocabulary's size on, then the window keys.
    pub(crate) fn new(
        features: &[Features],
        vocabulary: &Vocabulary,
        weights: &[f32],
        share: f64,
        max_df: u32,
    ) -> Self {
        let (mut keys, common): (Vec<Keys>, Vec<Vec<Term>>) =
            features.par_iter().map(|f| keys(f, vocabulary, weights, share, max_df)).unzip();
        // The pairs in at least two claims (one alone finds nothing): keys
        // when in at most `max_df`, crowded when in more.
        let mut all: Vec<u64> = common.par_iter().flat_map_iter(|c| pairs(c)).collect();
        all.par_sort_unstable();
        let (mut kept, mut crowded) = (Vec::new(), Vec::new());
        for run in all.chunk_by(|x, y| x == y).filter(|run| run.len() >= 2) {
            if run.len() <= max_df as usize { kept.push(run[0]) } else { crowded.push(run[0]) }
        }
        drop(all);
        let base = vocabulary.len();
        let (windows, space) = windows(&common, &crowded, max_df, base + kept.len());
        keys.par_iter_mut().zip(common.par_iter()).enumerate().for_each(|(i, (k, c))| {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            let mut found: Vec<Term> = pairs(c)
                .filter_map(|p| kept.binary_search(&p).ok())
                .filter_map(|n| Term::try_from(base + n).ok())
                .collect();
            found.sort_unstable();
            let from = windows.partition_point(|w| w.0 < i);
            let to = windows.partition_point(|w| w.0 <= i);
            // Pair ids are above every term id, and window ids above every
            // pair id: the lists stay sorted.
            found.extend(windows[from..to].iter().map(|w| w.1));
            k.prefix.extend_from_slice(&found);
            k.probe.extend_from_slice(&found);
        });
        let mut offsets = vec![0usize; space + 1];
        for k in &keys {
            for &t in &k.prefix {
                if let Some(n) = offsets.get_mut(t as usize + 1) {
                    *n += 1;
                }
            }
        }
        for t in 1..offsets.len() {
            offsets[t] += offsets[t - 1];
        }
        let mut fill = offsets.clone();
        let mut claims = vec![0u32; offsets[space]];
        for (i, k) in keys.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            for &t in &k.prefix {
                if let Some(at) = fill.get_mut(t as usize) {
                    claims[*at] = i;
                    *at += 1;
                }
            }
        }
        Self { keys, offsets, claims }
    }

    /// The claims with `key` in their prefix.
    fn posting(&self, key: Term) -> &[u32] {
        let k = key as usize;
        match (self.offsets.get(k), self.offsets.get(k + 1)) {
            (Some(&from), Some(&to)) => &self.claims[from..to],
            _ => &[],
        }
    }

    /// For every claim `i`, the candidates `j` it is responsible for: each
    /// unordered pair is produced exactly once, by the lower index unless
    /// only the higher one reaches the other. Calls `visit(i, j)` in
    /// parallel and returns, per claim, what `visit` kept, in claim order.
    pub(crate) fn for_each_candidate<T: Send>(
        &self,
        visit: impl Fn(u32, u32) -> Option<T> + Sync,
    ) -> Vec<Vec<T>> {
        let keys = &self.keys;
        (0..keys.len())
            .into_par_iter()
            // One buffer per worker, reused from claim to claim.
            .map_init(Vec::new, |found: &mut Vec<u32>, i| {
                let me = &keys[i];
                let i = u32::try_from(i).unwrap_or(u32::MAX);
                found.clear();
                for &t in &me.probe {
                    found.extend(self.posting(t).iter().copied().filter(|&j| j != i));
                }
                found.sort_unstable();
                found.dedup();
                found
                    .iter()
                    .copied()
                    .filter(|&j| j > i || !meet(&keys[j as usize].probe, &me.prefix))
                    .filter_map(|j| visit(i.min(j), i.max(j)))
                    .collect()
            })
            .collect()
    }
}

impl Blocks {
    /// The candidate pairs [`Blocks::for_each_candidate`] gives that have
    /// at least one claim `marked`, each once, without walking the others'
    /// pairs: the marked claims' probes are read against every posting
    /// list, and every other claim's probe against an index of the marked
    /// claims' prefixes alone. The work grows with the marked claims'
    /// candidates and one pass over the keys. Calls `visit(i, j)` (`i <
    /// j`) in parallel and returns what it kept, ordered by `(i, j)`.
    pub(crate) fn for_each_candidate_of<T: Send>(
        &self,
        marked: &[bool],
        visit: impl Fn(u32, u32) -> Option<T> + Sync,
    ) -> Vec<T> {
        let keys = &self.keys;
        let is_marked = |i: usize| marked.get(i).copied().unwrap_or(false);
        let pack = |i: u32, j: u32| (u64::from(i.min(j)) << 32) | u64::from(i.max(j));
        // The marked claims' prefix keys, sorted: (key, claim).
        let mut marked_prefix: Vec<(Term, u32)> = (0..keys.len())
            .filter(|&i| is_marked(i))
            .flat_map(|i| {
                let i = u32::try_from(i).unwrap_or(u32::MAX);
                keys[i as usize].prefix.iter().map(move |&t| (t, i))
            })
            .collect();
        marked_prefix.sort_unstable();
        let mut pairs: Vec<u64> = (0..keys.len())
            .into_par_iter()
            .flat_map_iter(|i| {
                let me = &keys[i];
                let i = u32::try_from(i).unwrap_or(u32::MAX);
                let mut found: Vec<u64> = Vec::new();
                if is_marked(i as usize) {
                    for &t in &me.probe {
                        found.extend(self.posting(t).iter().filter(|&&j| j != i).map(|&j| pack(i, j)));
                    }
                } else {
                    for &t in &me.probe {
                        let from = marked_prefix.partition_point(|&(k, _)| k < t);
                        found.extend(
                            marked_prefix[from..]
                                .iter()
                                .take_while(|&&(k, _)| k == t)
                                .map(|&(_, j)| pack(i, j)),
                        );
                    }
                }
                found
            })
            .collect();
        pairs.par_sort_unstable();
        pairs.dedup();
        pairs
            .par_iter()
            .filter_map(|&p| {
                visit(u32::try_from(p >> 32).unwrap_or(u32::MAX), (p & u64::from(u32::MAX)) as u32)
            })
            .collect()
    }
}

/// Whether two sorted key lists share a key.
fn meet(a: &[Term], b: &[Term]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::matching::{MatchConfig, Matcher};
    use crate::model::{Claim, Span};

    /// Three words each in four claims, over `max_df`: single words are
    /// no keys, and each pair of them, in two claims, is one.
    #[test]
    fn common_words_meet_as_pairs() {
        let texts = [
            "alpha beta kiwa",
            "alpha beta lomo",
            "alpha gamma nubi",
            "alpha gamma pesk",
            "beta gamma ruxo",
            "beta gamma sult",
        ];
        let claims: Vec<Claim> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Claim::new(format!("c#{i}"), "c", Span::new(0, 0), *t))
            .collect();
        let paired = Matcher::new(MatchConfig { max_df: 3, ..MatchConfig::default() }).group(&claims);
        assert_eq!(paired.candidate_pairs(), 3);
        let mut pairs: Vec<(String, String)> =
            paired.pairs().map(|(a, b, _)| (a.to_owned(), b.to_owned())).collect();
        pairs.sort();
        let expected = [("c#0", "c#1"), ("c#2", "c#3"), ("c#4", "c#5")];
        assert_eq!(pairs, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
        // Under the cap, the words are keys themselves and every pair
        // sharing one is a candidate.
        let single = Matcher::new(MatchConfig { max_df: 4, ..MatchConfig::default() }).group(&claims);
        assert!(single.candidate_pairs() > 3, "{}", single.candidate_pairs());
    }

    /// One fact repeated by twice as many claims as `max_df`, in nearly
    /// the same words: every word and every pair of words is over the cap,
    /// and the claims still meet, through windows, and make one group.
    #[test]
    fn a_fact_repeated_past_the_cap_is_one_group() {
        let words = ["kiwa", "lomo", "nubi", "pesk", "ruxo", "sult", "tavo", "umbe"];
        let claims: Vec<Claim> = (0..20)
            .map(|i| {
                let outlet = words[i % words.len()];
                let text = format!("Brakk downed the Zelvor jet over Quonsa, {outlet} wrote.");
                Claim::new(format!("c#{i:02}"), "c", Span::new(0, 0), text)
            })
            .collect();
        let capped = MatchConfig { max_df: 10, ..MatchConfig::default() };
        let grouping = Matcher::new(capped).group(&claims);
        let largest = grouping.groups().iter().map(|g| g.members.len()).max();
        assert_eq!(
            largest,
            Some(20),
            "{:?}",
            grouping.groups().iter().map(|g| g.members.len()).collect::<Vec<_>>()
        );
        // Each claim is in at most two windows of ten: bounded candidates.
        assert!(grouping.candidate_pairs() <= 20 * 20, "{}", grouping.candidate_pairs());
    }

    /// The pairs touching marked claims are exactly the whole run's pairs
    /// with a marked end, on a feed whose common words make pair keys and
    /// windows.
    #[test]
    fn the_candidates_of_marked_claims_are_the_whole_runs_that_touch_them() {
        use crate::synthetic::{Synthetic, SyntheticConfig};
        let claims = Synthetic::generate(&SyntheticConfig::hard(3_000, 7)).claims;
        for max_df in [20, 1_000] {
            let matcher = Matcher::new(MatchConfig { max_df, ..MatchConfig::default() });
            let p = matcher.prepare(&claims);
            let blocks = super::Blocks::new(&p.features, &p.vocabulary, &p.weights, 0.5, max_df);
            let mut whole: Vec<(u32, u32)> =
                blocks.for_each_candidate(|i, j| Some((i, j))).into_iter().flatten().collect();
            whole.sort_unstable();
            for every in [1, 7, 500] {
                let marked: Vec<bool> = (0..claims.len()).map(|i| i % every == 3 % every).collect();
                let expected: Vec<(u32, u32)> = whole
                    .iter()
                    .copied()
                    .filter(|&(i, j)| marked[i as usize] || marked[j as usize])
                    .collect();
                let got = blocks.for_each_candidate_of(&marked, |i, j| Some((i, j)));
                assert!(!expected.is_empty());
                assert_eq!(got, expected, "max_df {max_df}, every {every}th claim marked");
            }
        }
    }
}
