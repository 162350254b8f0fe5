//! Grouping at scale, measured on synthetic claims with planted clusters.
//!
//! ```text
//! cargo run --release --example scale                  # 1e6 claims, all baselines
//! cargo run --release --example scale -- --claims 100000 --quick
//! cargo run --release --example scale -- --claims 100000 --quick --hard
//! ```
//!
//! `--hard` draws from [`SyntheticConfig::hard`]: most claims undated, the
//! parties from five countries, so many facts share their event and their
//! parties; the 1e3 and 1e4 runs then use it too, so F1 can be read
//! against size.
//!
//! Prints, for the main run: time, claims per second, peak memory,
//! candidate pairs per claim and B-cubed precision, recall and F1 against
//! the planted clusters. Then, at 1e3 and 1e4 claims, in the same run:
//! blocking's pair recall against exhaustive scoring, and the all-pairs
//! baselines (`strsim::normalized_levenshtein`, and `rapidfuzz`'s
//! `fuzz::ratio` through its batch comparator) with the ratios to
//! claimtrack. `--quick` leaves out the slowest baseline (strsim at 1e4,
//! about 50 million edit distances over whole sentences).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use claimtrack::synthetic::{Synthetic, SyntheticConfig};
use claimtrack::{Claim, MatchConfig, Matcher};
use rayon::prelude::*;

struct Options {
    claims: usize,
    seed: u64,
    quick: bool,
    hard: bool,
}

fn options() -> Result<Options, String> {
    let mut o = Options { claims: 1_000_000, seed: 42, quick: false, hard: false };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--claims" => o.claims = value("--claims")?.parse().map_err(|e| format!("--claims: {e}"))?,
            "--seed" => o.seed = value("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--quick" => o.quick = true,
            "--hard" => o.hard = true,
            "-h" | "--help" => {
                return Err("usage: scale [--claims N] [--seed S] [--quick] [--hard]".to_owned());
            }
            other => return Err(format!("unknown argument `{other}`; see --help")),
        }
    }
    Ok(o)
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    println!(
        "claimtrack scale run: seed {}, {} threads, {} generator",
        o.seed,
        rayon::current_num_threads(),
        if o.hard { "hard" } else { "default" }
    );
    let matcher = Matcher::new(MatchConfig::default());

    // Exhaustive scoring and the baselines first, where all pairs are
    // feasible, so freeing the big run's memory does not disturb them.
    for size in [1_000, 10_000] {
        compare(&matcher, size, o.seed, o.hard, o.quick && size > 1_000);
    }

    // The main run.
    let started = Instant::now();
    let data = generate(o.claims, o.seed, o.hard);
    println!("\n## {} claims", o.claims);
    println!("generated in {:.2} s (not counted below)", started.elapsed().as_secs_f64());
    let before = memory();
    reset_peak();
    let started = Instant::now();
    let grouping = matcher.group(&data.claims);
    let took = started.elapsed();
    let peak = peak_memory();
    let n = o.claims as f64;
    println!("grouped in {:.2} s: {:.0} claims/s", took.as_secs_f64(), n / took.as_secs_f64());
    match (before, peak) {
        (Some(b), Some(p)) => {
            println!("memory: {} before grouping (the claims), peak {} while grouping", mib(b), mib(p));
        }
        _ => println!("memory: not measured on this platform"),
    }
    println!(
        "candidate pairs: {} ({:.1} per claim), {} kept as edges; {} groups",
        grouping.candidate_pairs(),
        grouping.candidate_pairs() as f64 / n,
        grouping.scored_pairs(),
        grouping.groups().len()
    );
    let (p, r, f1) = data.b_cubed(&grouping);
    println!("B-cubed against the planted clusters: precision {p:.4}, recall {r:.4}, F1 {f1:.4}");
}

fn generate(claims: usize, seed: u64, hard: bool) -> Synthetic {
    let config = if hard {
        SyntheticConfig::hard(claims, seed)
    } else {
        SyntheticConfig { claims, seed, ..SyntheticConfig::default() }
    };
    Synthetic::generate(&config)
}

/// Blocking against exhaustive scoring, and claimtrack against the
/// all-pairs baselines, on `size` claims.
fn compare(matcher: &Matcher, size: usize, seed: u64, hard: bool, skip_strsim: bool) {
    let data = generate(size, seed, hard);
    let pairs = (size * (size - 1) / 2) as f64;
    println!("\n## {size} claims: {pairs:.0} pairs");

    // The best of three runs: small runs are at the mercy of a noisy
    // machine.
    let mut grouped = Duration::MAX;
    let mut grouping = None;
    for _ in 0..3 {
        let started = Instant::now();
        let g = matcher.group(&data.claims);
        grouped = grouped.min(started.elapsed());
        grouping = Some(g);
    }
    let Some(grouping) = grouping else { return };
    let (_, _, f1) = data.b_cubed(&grouping);
    println!(
        "claimtrack grouping: {} ({:.1} candidates per claim), B-cubed F1 {f1:.4}",
        secs(grouped),
        grouping.candidate_pairs() as f64 / size as f64
    );

    // Pair recall: of the pairs exhaustive scoring finds, the share
    // blocking also scored.
    let config = matcher.config();
    let started = Instant::now();
    let exhaustive = matcher.score_all_pairs(&data.claims, config.edge_floor);
    let all_scored = started.elapsed();
    let index: HashMap<&str, usize> = data.claims.iter().enumerate().map(|(i, c)| (c.id(), i)).collect();
    let blocked: HashMap<(usize, usize), f64> = grouping
        .pairs()
        .map(|(a, b, s)| {
            let (i, j) = (index[a], index[b]);
            ((i.min(j), i.max(j)), s)
        })
        .collect();
    for (name, floor) in [("threshold", config.threshold), ("edge floor", config.edge_floor)] {
        let wanted: Vec<&(usize, usize, f64)> = exhaustive.iter().filter(|p| p.2 >= floor).collect();
        let found = wanted.iter().filter(|p| blocked.contains_key(&(p.0, p.1))).count();
        println!(
            "pair recall against exhaustive scoring, pairs scoring at least the {name} ({floor}): {found}/{} = {:.4}",
            wanted.len(),
            found as f64 / wanted.len().max(1) as f64
        );
    }
    println!(
        "claimtrack exhaustive scoring (every pair through the kernel): {}, {} per pair; grouping is {:.1}x faster",
        secs(all_scored),
        per_pair(all_scored, pairs),
        ratio(all_scored, grouped)
    );

    // The kernel alone, against the baselines' per-pair cost.
    let texts: Vec<&str> = data.claims.iter().map(Claim::text).collect();
    let rapidfuzz = all_pairs_rapidfuzz(&texts);
    println!(
        "baseline rapidfuzz fuzz::ratio, batch comparator, all pairs: {}, {} per pair; claimtrack grouping is {:.1}x faster, its kernel {:.2}x the speed per pair",
        secs(rapidfuzz),
        per_pair(rapidfuzz, pairs),
        ratio(rapidfuzz, grouped),
        ratio(rapidfuzz, all_scored)
    );
    if skip_strsim {
        println!("baseline strsim::normalized_levenshtein: left out (--quick)");
    } else {
        let strsim = all_pairs_strsim(&texts);
        println!(
            "baseline strsim::normalized_levenshtein, all pairs: {}, {} per pair; claimtrack grouping is {:.1}x faster, its kernel {:.2}x the speed per pair",
            secs(strsim),
            per_pair(strsim, pairs),
            ratio(strsim, grouped),
            ratio(strsim, all_scored)
        );
    }
}

/// Every pair through `strsim::normalized_levenshtein`, on both cores;
/// pairs at 0.6 or more are kept, as a matcher would.
fn all_pairs_strsim(texts: &[&str]) -> Duration {
    let started = Instant::now();
    let kept: usize = (0..texts.len())
        .into_par_iter()
        .map(|i| texts[i + 1..].iter().filter(|t| strsim::normalized_levenshtein(texts[i], t) >= 0.6).count())
        .sum();
    std::hint::black_box(kept);
    started.elapsed()
}

/// Every pair through `rapidfuzz::fuzz::ratio`, one batch comparator per
/// claim (its pattern preprocessed once), on both cores.
fn all_pairs_rapidfuzz(texts: &[&str]) -> Duration {
    let started = Instant::now();
    let kept: usize = (0..texts.len())
        .into_par_iter()
        .map(|i| {
            let scorer = rapidfuzz::fuzz::RatioBatchComparator::new(texts[i].chars());
            texts[i + 1..].iter().filter(|t| scorer.similarity(t.chars()) >= 0.6).count()
        })
        .sum();
    std::hint::black_box(kept);
    started.elapsed()
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn per_pair(d: Duration, pairs: f64) -> String {
    format!("{:.0} ns", d.as_secs_f64() * 1e9 / pairs)
}

fn ratio(slow: Duration, fast: Duration) -> f64 {
    slow.as_secs_f64() / fast.as_secs_f64().max(1e-9)
}

fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// A field of `/proc/self/status` in bytes (Linux).
fn status_field(name: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(name))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn memory() -> Option<u64> {
    status_field("VmRSS:")
}

fn peak_memory() -> Option<u64> {
    status_field("VmHWM:")
}

/// Resets the peak resident size, so the peak covers what follows
/// (Linux 4.0 and later; elsewhere the peak is the whole run's).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
