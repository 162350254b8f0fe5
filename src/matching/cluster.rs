//! Average-linkage clustering over the sparse graph of scored pairs.
//!
//! Two clusters merge when the mean score over all pairs between them
//! (a missing pair counts as 0) reaches the threshold, best pair first.
//! Unlike single-link components, a middle claim that resembles two
//! unrelated ones cannot chain them: once it joins one, the mean from the
//! merged cluster to the other falls by half.
//!
//! Clusters never merge across the connected components of the pairs that
//! reach the threshold on their own (a mean never exceeds its best pair),
//! so each such component is clustered on its own, in parallel. Ties break on the lower claim index, and indices follow the
//! claims' ids, so the result depends on neither input order nor thread
//! count.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

/// A scored pair, `a < b`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Edge {
    pub(crate) a: u32,
    pub(crate) b: u32,
    pub(crate) score: f32,
    /// The score leaving out the figure and event penalties: how alike the two are
    /// worded, which the analysis weighs to relate their figures.
    pub(crate) alike: f32,
}

/// The clusters of `n` nodes, each a sorted list of node indices, sorted
/// by their first node.
pub(crate) fn clusters(n: usize, edges: &[Edge], threshold: f64) -> Vec<Vec<u32>> {
    // Two clusters merge only when their mean reaches the threshold, and a
    // mean never exceeds the best pair in it: clusters never merge across
    // the components of the edges that reach the threshold on their own.
    // The weaker edges inside a component still count in its means.
    let (components, local_edges) = split(n, edges, threshold);
    let mut out: Vec<Vec<u32>> = components
        .par_iter()
        .zip(local_edges.par_iter())
        .flat_map_iter(|(members, edges)| {
            if members.len() == 1 {
                return vec![members.clone()];
            }
            average_linkage(members.len(), edges, threshold)
                .into_iter()
                .map(|local| local.into_iter().map(|k| members[k as usize]).collect())
                .collect()
        })
        .collect();
    out.sort_unstable_by_key(|c: &Vec<u32>| c[0]);
    out
}

/// The connected components of the edges that reach the threshold, and
/// each component's edges (all of them, weak ones too) in edge order, by
/// index inside the component.
fn split(n: usize, edges: &[Edge], threshold: f64) -> (Vec<Vec<u32>>, Vec<Vec<Edge>>) {
    let strong: Vec<Edge> = edges.iter().filter(|e| f64::from(e.score) >= threshold).copied().collect();
    let components = components(n, &strong);
    let mut local_edges: Vec<Vec<Edge>> = vec![Vec::new(); components.len()];
    let mut component_of = vec![0usize; n];
    let mut local_index = vec![0u32; n];
    for (c, members) in components.iter().enumerate() {
        for (k, &m) in members.iter().enumerate() {
            component_of[m as usize] = c;
            local_index[m as usize] = u32::try_from(k).unwrap_or(u32::MAX);
        }
    }
    for e in edges {
        let c = component_of[e.a as usize];
        if component_of[e.b as usize] == c {
            local_edges[c].push(Edge { a: local_index[e.a as usize], b: local_index[e.b as usize], ..*e });
        }
    }
    (components, local_edges)
}

/// Connected components, each sorted, sorted by first node.
fn components(n: usize, edges: &[Edge]) -> Vec<Vec<u32>> {
    let mut parent: Vec<u32> = (0..n).map(|i| u32::try_from(i).unwrap_or(u32::MAX)).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    for e in edges {
        let (ra, rb) = (find(&mut parent, e.a), find(&mut parent, e.b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            parent[hi as usize] = lo;
        }
    }
    let mut by_root: Vec<Vec<u32>> = vec![Vec::new(); n];
    for i in 0..n {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        let r = find(&mut parent, i);
        by_root[r as usize].push(i);
    }
    by_root.into_iter().filter(|c| !c.is_empty()).collect()
}

/// A candidate merge in the queue.
#[derive(Clone, Copy, Debug)]
struct Merge {
    mean: f64,
    /// The two clusters' labels, lower first.
    a: u32,
    b: u32,
    /// The slot of the cluster whose best merge this is, and the other's.
    slot: u32,
    other: u32,
}

impl PartialEq for Merge {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Merge {}
impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Merge {
    /// Highest mean first; on a tie, the pair with the lower indices.
    fn cmp(&self, other: &Self) -> Ordering {
        self.mean
            .total_cmp(&other.mean)
            .then_with(|| (other.a, other.b).cmp(&(self.a, self.b)))
            .then_with(|| (other.slot, other.other).cmp(&(self.slot, self.other)))
    }
}

/// Average-linkage clusters of one connected component of `m` nodes.
fn average_linkage(m: usize, edges: &[Edge], threshold: f64) -> Vec<Vec<u32>> {
    let sums = edges.iter().map(|e| (e.a, e.b, f64::from(e.score)));
    linkage(vec![1; m], vec![false; m], sums, threshold)
}

/// Average linkage of nodes of the given sizes (a node of size `k` stands
/// for `k` items, and the sums are over all item pairs), never merging two
/// clusters that both hold a `frozen` node. `sums` are `(a, b, sum)` with
/// `a != b`; a pair given twice adds up.
///
/// Each step merges the two clusters of highest mean, ties to the lower
/// pair of labels (a cluster's label is its lowest node), as a queue of
/// every pair would; but the queue holds one entry per cluster, its best
/// neighbour, since average linkage is reducible: the mean from a merged
/// cluster to a third lies between the means of its two parts, so a third
/// whose best neighbour was neither part keeps it. A merge then costs a
/// scan of the merged cluster's neighbours and of those that had one of
/// the two parts as their best, not a queue entry per neighbour.
fn linkage(
    mut size: Vec<u32>,
    mut frozen: Vec<bool>,
    sums: impl Iterator<Item = (u32, u32, f64)>,
    threshold: f64,
) -> Vec<Vec<u32>> {
    let m = size.len();
    let mut alive = vec![true; m];
    // A cluster's label is its lowest node; its slot is where its data
    // lives (the slot of the part with more neighbours, so a merge moves
    // the smaller neighbour map).
    let mut label: Vec<u32> = (0..m).map(|i| u32::try_from(i).unwrap_or(u32::MAX)).collect();
    let mut members: Vec<Vec<u32>> = label.iter().map(|&i| vec![i]).collect();
    // Sum of pair scores between clusters, by slot.
    let mut links: Vec<HashMap<u32, f64>> = vec![HashMap::default(); m];
    for (a, b, sum) in sums {
        *links[a as usize].entry(b).or_default() += sum;
        *links[b as usize].entry(a).or_default() += sum;
    }
    // The best merge of the cluster in a slot: mean and the other slot.
    let best_of = |x: usize, links: &[HashMap<u32, f64>], size: &[u32], frozen: &[bool], label: &[u32]| {
        let mut best: Option<Merge> = None;
        for (&c, &sum) in &links[x] {
            if frozen[x] && frozen[c as usize] {
                continue;
            }
            let mean = sum / (f64::from(size[x]) * f64::from(size[c as usize]));
            let (lx, lc) = (label[x], label[c as usize]);
            let candidate = Merge {
                mean,
                a: lx.min(lc),
                b: lx.max(lc),
                slot: u32::try_from(x).unwrap_or(u32::MAX),
                other: c,
            };
            if best.is_none_or(|b| candidate > b) {
                best = Some(candidate);
            }
        }
        best
    };
    let mut best: Vec<Option<Merge>> = (0..m).map(|x| best_of(x, &links, &size, &frozen, &label)).collect();
    let mut queue: BinaryHeap<Merge> = best.iter().flatten().copied().collect();
    while let Some(top) = queue.pop() {
        // An entry counts while it is its cluster's current best.
        let (x, y) = (top.slot as usize, top.other as usize);
        if !alive[x] || best[x] != Some(top) {
            continue;
        }
        if top.mean < threshold {
            break;
        }
        // Merge: the data goes to the slot with more neighbours.
        let (keep, gone) = if links[x].len() >= links[y].len() { (x, y) } else { (y, x) };
        alive[gone] = false;
        best[gone] = None;
        size[keep] += size[gone];
        frozen[keep] |= frozen[gone];
        label[keep] = label[keep].min(label[gone]);
        let moved = std::mem::take(&mut members[gone]);
        members[keep].extend(moved);
        let from_gone = std::mem::take(&mut links[gone]);
        let (keep32, gone32) =
            (u32::try_from(keep).unwrap_or(u32::MAX), u32::try_from(gone).unwrap_or(u32::MAX));
        links[keep].remove(&gone32);
        for (c, sum) in from_gone {
            if c == keep32 {
                continue;
            }
            *links[keep].entry(c).or_default() += sum;
            let back = &mut links[c as usize];
            back.remove(&gone32);
            *back.entry(keep32).or_default() += sum;
        }
        // The merged cluster's best, and that of each neighbour whose best
        // was one of the two parts; the others keep theirs.
        let mut stale: Vec<u32> = links[keep]
            .keys()
            .copied()
            .filter(|&c| best[c as usize].is_some_and(|b| b.other == keep32 || b.other == gone32))
            .collect();
        stale.sort_unstable();
        stale.push(keep32);
        for c in stale {
            let c = c as usize;
            best[c] = best_of(c, &links, &size, &frozen, &label);
            if let Some(b) = best[c] {
                queue.push(b);
            }
        }
    }
    surviving(members, &alive)
}

/// The members of the clusters still alive, each sorted, in the order of
/// their smallest member.
fn surviving(members: Vec<Vec<u32>>, alive: &[bool]) -> Vec<Vec<u32>> {
    let mut out: Vec<Vec<u32>> = members
        .into_iter()
        .zip(alive)
        .filter(|(_, alive)| **alive)
        .map(|(mut m, _)| {
            m.sort_unstable();
            m
        })
        .collect();
    out.sort_unstable_by_key(|c| c[0]);
    out
}

/// New items clustered onto a clustering that stays as it is: nodes
/// `0..sizes.len()` are the existing clusters, of those sizes, and the
/// `new` nodes after them are the new items. `edges` are scored item
/// pairs with a new end, given by node (an existing item by its cluster's
/// node). A new item joins the existing cluster, or the other new items,
/// whose mean score over all item pairs reaches the threshold, best first,
/// as [`clusters`] merges; two existing clusters never merge. Returns the
/// clusters holding a new node, each sorted, sorted by first node: each
/// holds at most one existing cluster, which is then its first node.
pub(crate) fn extend(sizes: &[u32], new: usize, edges: &[Edge], threshold: f64) -> Vec<Vec<u32>> {
    let n = sizes.len() + new;
    // Merges stay inside the components of the pairs that reach the
    // threshold on their own, as in `clusters`.
    let (components, local_edges) = split(n, edges, threshold);
    let old = sizes.len();
    let mut out: Vec<Vec<u32>> = components
        .par_iter()
        .zip(local_edges.par_iter())
        .filter(|(members, _)| members.iter().any(|&m| m as usize >= old))
        .flat_map_iter(|(members, edges)| {
            let size = members.iter().map(|&m| sizes.get(m as usize).copied().unwrap_or(1)).collect();
            let frozen = members.iter().map(|&m| (m as usize) < old).collect();
            let sums = edges.iter().map(|e| (e.a, e.b, f64::from(e.score)));
            linkage(size, frozen, sums, threshold)
                .into_iter()
                .map(|local| local.into_iter().map(|k| members[k as usize]).collect::<Vec<u32>>())
                .filter(|c| c.iter().any(|&m| m as usize >= old))
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_unstable_by_key(|c: &Vec<u32>| c[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(a: u32, b: u32, score: f32) -> Edge {
        Edge { a, b, score, alike: score }
    }

    #[test]
    fn a_middle_claim_does_not_chain_two_unrelated_ones() {
        // 0-1 and 1-2 are close, 0-2 unrelated: single link would make one
        // group; average link keeps 2 apart.
        let got = clusters(3, &[edge(0, 1, 0.9), edge(1, 2, 0.8)], 0.5);
        assert_eq!(got, vec![vec![0, 1], vec![2]]);
    }

    #[test]
    fn a_tight_group_merges_whole() {
        let got = clusters(4, &[edge(0, 1, 0.9), edge(0, 2, 0.8), edge(1, 2, 0.85), edge(2, 3, 0.1)], 0.5);
        assert_eq!(got, vec![vec![0, 1, 2], vec![3]]);
    }

    #[test]
    fn a_new_item_joins_the_existing_cluster_its_mean_reaches() {
        // Cluster 0 holds two items; the new item 2 scores 0.9 with one
        // and nothing with the other: a mean of 0.45, under 0.5. Item 3
        // scores 0.8 with both: a mean of 0.8.
        let edges = [edge(0, 2, 0.9), edge(0, 3, 0.8), edge(0, 3, 0.8), edge(1, 2, 0.3)];
        let got = extend(&[2, 1], 2, &edges, 0.5);
        assert_eq!(got, vec![vec![0, 3], vec![2]]);
    }

    #[test]
    fn two_existing_clusters_never_merge_through_a_new_item() {
        // The new item 2 is close to both existing singletons: it joins
        // the first (lower index on a tie), and the second stays apart.
        let got = extend(&[1, 1], 1, &[edge(0, 2, 0.9), edge(1, 2, 0.9)], 0.5);
        assert_eq!(got, vec![vec![0, 2]]);
        // New items cluster among themselves when no existing one is near.
        let got = extend(&[1], 3, &[edge(1, 2, 0.9), edge(2, 3, 0.9), edge(1, 3, 0.8)], 0.5);
        assert_eq!(got, vec![vec![1, 2, 3]]);
    }

    #[test]
    fn one_queue_entry_per_cluster_merges_as_a_queue_of_every_pair() {
        // Random sparse graphs with repeated scores (ties) and frozen
        // nodes, against the former queue of every pair.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |bound: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % bound
        };
        for round in 0..400 {
            let m = 2 + next(40) as usize;
            let edges: Vec<(u32, u32, f64)> = (0..next(120))
                .filter_map(|_| {
                    let (a, b) = (next(m as u64) as u32, next(m as u64) as u32);
                    (a != b).then(|| (a, b, f64::from(next(8) as u32) / 8.0))
                })
                .collect();
            let size: Vec<u32> = (0..m).map(|_| 1 + next(3) as u32).collect();
            let frozen: Vec<bool> = (0..m).map(|_| round % 2 == 0 && next(4) == 0).collect();
            for threshold in [0.3, 0.5] {
                let got = linkage(size.clone(), frozen.clone(), edges.iter().copied(), threshold);
                let want = reference(size.clone(), frozen.clone(), edges.iter().copied(), threshold);
                assert_eq!(got, want, "round {round}, threshold {threshold}: {edges:?}");
            }
        }
    }

    /// The queue of every pair that the clustering replaced: the oracle
    /// it is checked against.
    fn reference(
        mut size: Vec<u32>,
        mut frozen: Vec<bool>,
        sums: impl Iterator<Item = (u32, u32, f64)>,
        threshold: f64,
    ) -> Vec<Vec<u32>> {
        let m = size.len();
        let mut alive = vec![true; m];
        let mut version = vec![0u32; m];
        let mut members: Vec<Vec<u32>> = (0..m).map(|i| vec![u32::try_from(i).unwrap_or(u32::MAX)]).collect();
        // Sum of pair scores between clusters.
        let mut links: Vec<HashMap<u32, f64>> = vec![HashMap::default(); m];
        let mut queue = BinaryHeap::new();
        for (a, b, sum) in sums {
            *links[a as usize].entry(b).or_default() += sum;
            *links[b as usize].entry(a).or_default() += sum;
        }
        for (a, map) in links.iter().enumerate() {
            let a = u32::try_from(a).unwrap_or(u32::MAX);
            for (&b, &sum) in map {
                if a < b {
                    let mean = sum / (f64::from(size[a as usize]) * f64::from(size[b as usize]));
                    queue.push(Merge { mean, a, b, slot: 0, other: 0 });
                }
            }
        }
        while let Some(top) = queue.pop() {
            let (a, b) = (top.a as usize, top.b as usize);
            if !alive[a] || !alive[b] || version[a] != top.slot || version[b] != top.other {
                continue;
            }
            if top.mean < threshold {
                break;
            }
            if frozen[a] && frozen[b] {
                continue;
            }
            // Merge b into a (a is the lower index, which names the cluster).
            alive[b] = false;
            size[a] += size[b];
            frozen[a] |= frozen[b];
            version[a] += 1;
            let moved = std::mem::take(&mut members[b]);
            members[a].extend(moved);
            let from_b = std::mem::take(&mut links[b]);
            links[a].remove(&top.b);
            for (c, sum) in from_b {
                if c == top.a {
                    continue;
                }
                *links[a].entry(c).or_default() += sum;
                let back = &mut links[c as usize];
                back.remove(&top.b);
                *back.entry(top.a).or_default() += sum;
            }
            let mut next: Vec<(u32, f64)> = links[a].iter().map(|(&c, &s)| (c, s)).collect();
            next.sort_unstable_by_key(|&(c, _)| c);
            for (c, sum) in next {
                let mean = sum / (f64::from(size[a]) * f64::from(size[c as usize]));
                let (x, y) = (top.a.min(c), top.a.max(c));
                queue.push(Merge { mean, a: x, b: y, slot: version[x as usize], other: version[y as usize] });
            }
        }
        surviving(members, &alive)
    }
}
