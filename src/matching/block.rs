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
    /// numbered from the vocabulary's size on.
    pub(crate) fn new(
        features: &[Features],
        vocabulary: &Vocabulary,
        weights: &[f32],
        share: f64,
        max_df: u32,
    ) -> Self {
        let (mut keys, common): (Vec<Keys>, Vec<Vec<Term>>) =
            features.par_iter().map(|f| keys(f, vocabulary, weights, share, max_df)).unzip();
        // The pairs in at least two claims (one alone finds nothing) and at
        // most `max_df`.
        let mut all: Vec<u64> = common.par_iter().flat_map_iter(|c| pairs(c)).collect();
        all.par_sort_unstable();
        let mut kept: Vec<u64> = Vec::new();
        let mut i = 0;
        while i < all.len() {
            let run = all[i..].partition_point(|&p| p == all[i]);
            if run >= 2 && run <= max_df as usize {
                kept.push(all[i]);
            }
            i += run;
        }
        drop(all);
        let base = vocabulary.len();
        keys.par_iter_mut().zip(common.par_iter()).for_each(|(k, c)| {
            let mut found: Vec<Term> = pairs(c)
                .filter_map(|p| kept.binary_search(&p).ok())
                .map(|n| Term::try_from(base + n).unwrap_or(Term::MAX))
                .collect();
            found.sort_unstable();
            // Pair ids are above every term id: the lists stay sorted.
            k.prefix.extend_from_slice(&found);
            k.probe.extend_from_slice(&found);
        });
        let space = base + kept.len();
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
}
