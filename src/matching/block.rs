//! Candidate generation without comparing all pairs: prefix filtering.
//!
//! Each claim's terms (words, entities, amount values) are ordered from
//! rarest to commonest. Its *prefix* is the shortest run of rarest terms
//! that carries a set share of its total weight; only prefixes are indexed.
//! A pair is a candidate when a term of one claim is in the other's prefix.
//! Two claims that share much of their weight must share one of their
//! rarer terms, so they meet, while a common term ("minister") never
//! makes a posting list long. Terms in more than `max_df` claims are not
//! keys at all.

use rayon::prelude::*;

use super::features::{Features, Term, Vocabulary};

/// One claim's keys.
#[derive(Clone, Debug, Default)]
pub(crate) struct Keys {
    /// Indexed terms, sorted by term id.
    pub(crate) prefix: Vec<Term>,
    /// Probe terms (every key term), sorted by term id.
    pub(crate) probe: Vec<Term>,
}

/// The keys of one claim.
pub(crate) fn keys(f: &Features, vocabulary: &Vocabulary, weights: &[f32], share: f64, max_df: u32) -> Keys {
    let mut terms: Vec<Term> = f
        .words
        .iter()
        .copied()
        .chain(f.entities.iter().map(|e| e.0))
        .chain(f.values.iter().copied())
        .filter(|&t| vocabulary.df(t) <= max_df)
        .collect();
    terms.sort_unstable_by_key(|&t| (vocabulary.df(t), t));
    terms.dedup();
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
    Keys { prefix, probe }
}

/// Posting lists of prefix terms: term → claims, in index order.
pub(crate) fn index(keys: &[Keys], vocabulary_len: usize) -> Vec<Vec<u32>> {
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocabulary_len];
    for (i, k) in keys.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        for &t in &k.prefix {
            if let Some(list) = postings.get_mut(t as usize) {
                list.push(i);
            }
        }
    }
    postings
}

/// Whether two sorted term lists share a term.
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

/// For every claim `i`, the candidates `j` it is responsible for: each
/// unordered pair is produced exactly once, by the lower index unless only
/// the higher one reaches the other. Calls `visit(i, j)` in parallel and
/// returns, per claim, what `visit` kept, in claim order.
pub(crate) fn for_each_candidate<T: Send>(
    keys: &[Keys],
    postings: &[Vec<u32>],
    visit: impl Fn(u32, u32) -> Option<T> + Sync,
) -> Vec<Vec<T>> {
    (0..keys.len())
        .into_par_iter()
        // One buffer per worker, reused from claim to claim.
        .map_init(Vec::new, |found: &mut Vec<u32>, i| {
            let me = &keys[i];
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            found.clear();
            for list in me.probe.iter().filter_map(|&t| postings.get(t as usize)) {
                found.extend(list.iter().copied().filter(|&j| j != i));
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
