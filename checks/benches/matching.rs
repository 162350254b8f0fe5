//! The matcher's speed on synthetic claims with planted clusters.
//!
//! - `pair`: one pair through claimtrack's scoring kernel, against
//!   `rapidfuzz::fuzz::ratio` through its batch comparator and
//!   `strsim::normalized_levenshtein` on the same pairs' texts. Every side
//!   prepares its claims first (claimtrack its features, rapidfuzz one
//!   comparator per claim), so only the per-pair work is timed.
//! - `group`: grouping 1e3, 1e4 and 1e5 claims, with the all-pairs
//!   rapidfuzz baseline at 1e3 in the same run for a ratio.
//!
//! `cargo bench --bench matching`; the `scale` example covers 1e6.

use std::hint::black_box;

use claimtrack::synthetic::{Synthetic, SyntheticConfig};
use claimtrack::{Claim, MatchConfig, Matcher};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rapidfuzz::fuzz::RatioBatchComparator;

fn claims(n: usize) -> Vec<Claim> {
    Synthetic::generate(&SyntheticConfig { claims: n, ..SyntheticConfig::default() }).claims
}

/// Pairs to score: each claim with the next 9, wrapping.
fn pairs(n: usize) -> Vec<(usize, usize)> {
    (0..n).flat_map(|i| (1..10).map(move |k| (i, (i + k) % n))).collect()
}

fn pair(c: &mut Criterion) {
    let claims = claims(1000);
    let pairs = pairs(claims.len());
    let matcher = Matcher::new(MatchConfig::default());
    let scorer = matcher.scorer(&claims);
    let texts: Vec<&str> = claims.iter().map(Claim::text).collect();
    let comparators: Vec<RatioBatchComparator<char>> =
        texts.iter().map(|t| RatioBatchComparator::new(t.chars())).collect();

    let mut group = c.benchmark_group("pair");
    group.throughput(Throughput::Elements(pairs.len() as u64));
    group.bench_function("claimtrack kernel", |b| {
        b.iter(|| pairs.iter().map(|&(i, j)| scorer.score(i, j)).sum::<f64>())
    });
    group.bench_function("rapidfuzz fuzz::ratio (batch)", |b| {
        b.iter(|| pairs.iter().map(|&(i, j)| comparators[i].similarity(texts[j].chars())).sum::<f64>())
    });
    group.bench_function("strsim normalized_levenshtein", |b| {
        b.iter(|| pairs.iter().map(|&(i, j)| strsim::normalized_levenshtein(texts[i], texts[j])).sum::<f64>())
    });
    group.finish();
}

fn grouping(c: &mut Criterion) {
    let matcher = Matcher::new(MatchConfig::default());
    let mut group = c.benchmark_group("group");
    group.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let claims = claims(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("claimtrack", n), &claims, |b, claims| {
            b.iter(|| black_box(matcher.group(claims).groups().len()))
        });
        if n == 1_000 {
            let texts: Vec<&str> = claims.iter().map(Claim::text).collect();
            group.bench_with_input(BenchmarkId::new("rapidfuzz all pairs", n), &texts, |b, texts| {
                b.iter(|| {
                    let mut kept = 0usize;
                    for (i, t) in texts.iter().enumerate() {
                        let comparator = RatioBatchComparator::new(t.chars());
                        kept +=
                            texts[i + 1..].iter().filter(|u| comparator.similarity(u.chars()) >= 0.6).count();
                    }
                    black_box(kept)
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, pair, grouping);
criterion_main!(benches);
