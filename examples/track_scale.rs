//! The whole pipeline at scale: synthetic claims written out as articles
//! from many outlets over two years, run through [`Tracker`], with the
//! analysis's share measured against extraction and matching alone in the
//! same run.
//!
//! ```text
//! cargo run --release --example track_scale -- [--claims N] [--seed S]
//! ```
//!
//! Prints the time of extraction plus matching (the baseline), of the whole
//! tracker (extraction, matching and analysis), the analysis's share as the
//! difference and the ratio, peak memory, and what the analysis found:
//! relations by kind and verdicts by kind.

use std::collections::BTreeMap;
use std::time::Instant;

use claimtrack::synthetic::{Synthetic, SyntheticConfig};
use claimtrack::{Corpus, Extractor, Loader, MatchConfig, Matcher, Tracker};
use rayon::prelude::*;

/// Sentences per article.
const PER_ARTICLE: usize = 20;
const OUTLETS: usize = 200;

fn main() {
    let mut claims = 100_000usize;
    let mut seed = 42u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().and_then(|v| v.parse::<u64>().ok());
        match (arg.as_str(), value) {
            ("--claims", Some(v)) => claims = v as usize,
            ("--seed", Some(v)) => seed = v,
            _ => {
                eprintln!("usage: track_scale [--claims N] [--seed S]");
                std::process::exit(2);
            }
        }
    }
    let synthetic = Synthetic::generate(&SyntheticConfig { seed, claims, ..SyntheticConfig::default() });
    // Articles: consecutive synthetic claims, one paragraph each, from one
    // of many outlets, a month in 2020-2021.
    let documents: Vec<(String, String)> = synthetic
        .claims
        .chunks(PER_ARTICLE)
        .enumerate()
        .map(|(i, chunk)| {
            let body: Vec<String> =
                chunk.iter().map(|c| format!("{}.", c.text().trim_end_matches('.'))).collect();
            let text = format!(
                "---\ntitle: article {i}\noutlet: Outlet {}\npublished: {}-{:02}\n---\n{}\n",
                i % OUTLETS,
                2020 + (i / 12) % 2,
                1 + i % 12,
                body.join("\n\n")
            );
            (format!("a{i:07}"), text)
        })
        .collect();
    let mut corpus = Corpus::new();
    for (id, text) in &documents {
        corpus
            .insert(Loader::new().parse_document(id, text).expect("synthetic article parses"))
            .expect("unique");
    }
    println!("{} articles, {} sentences", corpus.len(), claims);

    // Baseline: extraction and matching alone.
    let start = Instant::now();
    let extractor = Extractor::new();
    let articles: Vec<_> = corpus.articles().collect();
    let extracted: Vec<_> = articles.par_iter().flat_map_iter(|a| extractor.extract(a).claims).collect();
    let grouping = Matcher::new(MatchConfig::default()).group(&extracted);
    let baseline = start.elapsed();
    println!(
        "extraction + matching: {:.2} s ({} claims, {} groups)",
        baseline.as_secs_f64(),
        extracted.len(),
        grouping.groups().len()
    );
    drop(grouping);
    drop(extracted);

    let start = Instant::now();
    let tracker = Tracker::new(corpus);
    let whole = start.elapsed();
    let analysis = whole.saturating_sub(baseline);
    println!(
        "tracker (extraction, matching, analysis): {:.2} s; analysis about {:.2} s, {:.2}x the baseline's time",
        whole.as_secs_f64(),
        analysis.as_secs_f64(),
        whole.as_secs_f64() / baseline.as_secs_f64()
    );
    if let Some(kib) = peak_kib() {
        println!("peak memory: {:.2} GiB", kib as f64 / (1024.0 * 1024.0));
    }
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for r in tracker.relations() {
        let kind =
            r.contradiction.map_or(r.kind.as_str().to_owned(), |t| format!("contradicts ({})", t.as_str()));
        *kinds.entry(kind).or_default() += 1;
    }
    println!("relations: {kinds:?}");
    let mut verdicts: BTreeMap<String, usize> = BTreeMap::new();
    for a in tracker.assessments() {
        *verdicts.entry(a.verdict.to_string()).or_default() += 1;
    }
    println!("verdicts: {verdicts:?}");
}

/// Peak resident memory from /proc, where there is one.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
