//! Every stage stays linear whatever the input's shape: each hostile
//! shape at 1, 2 and 4 MB through the whole pipeline, with the time per MB
//! and the ratio of the largest size's time per MB to the smallest's. A
//! linear path gives a ratio near 1, a quadratic one near 4.
//!
//! ```text
//! cargo run --release --example shapes -- [--mb 1] [--check 2.5] [SHAPE ...]
//! ```
//!
//! `--mb` scales the sizes (0.25 gives 0.25, 0.5 and 1 MB); `--check R`
//! exits with status 1 when a shape's ratio exceeds `R`. The shapes:
//!
//! - `paragraph`: one paragraph of short sentences;
//! - `line`: one line of words without punctuation;
//! - `lines`: two such lines, alike but for a word in a hundred;
//! - `quotes`: quotation marks nested `“"` deep;
//! - `brackets`: brackets nested `([` deep;
//! - `amounts`: one sentence of many amounts of money;
//! - `pairs`: two such sentences, alike but for an amount in ten, so the
//!   two claims are compared amount by amount;
//! - `clauses`: one sentence of many clauses, each with a date, an amount
//!   and parties;
//! - `counts`: one sentence of many counts of people;
//! - `keys`: front matter of many fields;
//! - `abbreviations`: a run of abbreviations, many short claims in a few
//!   groups, each with many near misses to explain;
//! - `csv`: one article of many claims on many lines, the CSV report alone;
//! - `markdown`: many short articles, the readable report alone.

use std::process::ExitCode;
use std::time::Instant;

use claimtrack::{Corpus, Loader, Tracker, report};

/// A document of about `bytes` bytes of body in the given shape.
fn body(shape: &str, bytes: usize) -> String {
    let words = [
        "minister",
        "envoy",
        "talks",
        "Vienna",
        "agreement",
        "sanctions",
        "pipeline",
        "Beijing",
        "oil",
        "investment",
        "Tehran",
        "signed",
        "officials",
        "denied",
        "report",
        "estimate",
    ];
    let mut out = String::with_capacity(bytes + 64);
    match shape {
        // Short sentences, run on or one to a paragraph.
        "paragraph" | "csv" => {
            let after = if shape == "csv" { "\n\n" } else { " " };
            let mut i = 0usize;
            while out.len() < bytes {
                let (a, b) = (words[i % words.len()], words[(i * 7 + 3) % words.len()]);
                out.push_str(&format!("The {a} met the {b} on day {i}.{after}"));
                i += 1;
            }
        }
        "line" => {
            let mut i = 0usize;
            while out.len() < bytes {
                out.push_str(words[(i * 5 + i / 7) % words.len()]);
                out.push(' ');
                i += 1;
            }
        }
        "lines" => {
            // Two long claims alike enough to be compared word by word.
            for shift in [0, 1] {
                let mut i = 0usize;
                while out.len() < (bytes / 2) * (shift + 1) {
                    out.push_str(
                        words[(i * 5 + i / 7 + usize::from(i.is_multiple_of(97)) * shift) % words.len()],
                    );
                    out.push(' ');
                    i += 1;
                }
                out.push_str(".\n\n");
            }
        }
        "quotes" | "brackets" => {
            let (open, close) = if shape == "quotes" { ("“\"", "\"”") } else { ("([", "])") };
            let depth = bytes / (2 * (open.len() + close.len()));
            out.push_str("He said ");
            for _ in 0..depth {
                out.push_str(open);
            }
            out.push_str("the deal was signed");
            for _ in 0..depth {
                out.push_str(close);
            }
            out.push('.');
        }
        "amounts" => {
            out.push_str("Iran paid");
            let mut i = 0usize;
            while out.len() < bytes {
                out.push_str(&format!(" ${},000,000 and", 1 + i % 997));
                i += 1;
            }
            out.push_str(" more.");
        }
        "pairs" => {
            for shift in [0, 1] {
                out.push_str("Iran paid");
                let mut i = 0usize;
                while out.len() < (bytes / 2) * (shift + 1) {
                    let value = 1 + i % 997 + usize::from(i.is_multiple_of(10)) * shift;
                    out.push_str(&format!(" ${value},000,000 and"));
                    i += 1;
                }
                out.push_str(" more.\n\n");
            }
        }
        "clauses" => {
            let parties = ["Iran", "China", "Russia", "France", "Germany", "Beijing", "Tehran"];
            let mut i = 0usize;
            while out.len() < bytes {
                let (a, b) = (parties[i % parties.len()], parties[(i * 3 + 1) % parties.len()]);
                let sep = if i == 0 { "" } else { ", and " };
                // Every clause its own fact: no two alike.
                out.push_str(&format!(
                    "{sep}on March {} {}, {a} paid {b} ${} million",
                    1 + i % 28,
                    1000 + i / 28 % 1000,
                    1 + i
                ));
                i += 1;
            }
            out.push('.');
        }
        "counts" => {
            out.push_str("Iran reported");
            let mut i = 0usize;
            while out.len() < bytes {
                out.push_str(&format!(" {} people,", 1 + i * 7 % 997));
                i += 1;
            }
            out.push_str(" and more.");
        }
        "abbreviations" => {
            let abbreviations = ["U.S.", "U.K.", "Dr.", "Mr.", "Gen.", "No.", "e.g.", "etc.", "Inc.", "St."];
            let mut i = 0usize;
            while out.len() < bytes {
                out.push_str(abbreviations[(i * 7 + i / 13) % abbreviations.len()]);
                out.push(' ');
                i += 1;
            }
            out.push_str("said 5 percent.");
        }
        _ => unreachable!("known shape"),
    }
    out
}

/// Many short articles of about `bytes` bytes in all.
fn articles(bytes: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = 0usize;
    while total < bytes {
        let text = format!(
            "---\ntitle: article {i}\noutlet: Outlet {}\npublished: 2021-{:02}-01\n---\nThe minister met envoy {i} in Vienna. Officials said talks on the pipeline would go on. Tehran denied report {}.\n",
            i % 50,
            1 + i % 12,
            i / 3
        );
        total += text.len();
        out.push((format!("a{i:07}"), text));
        i += 1;
    }
    out
}

fn corpus_of(documents: &[(String, String)]) -> Corpus {
    let loader = Loader::new();
    let mut corpus = Corpus::new();
    for (id, text) in documents {
        let article = loader.parse_document(id, text).expect("a generated document parses");
        corpus.insert(article).expect("unique ids");
    }
    corpus
}

/// Seconds to run `shape` at `bytes`.
fn run(shape: &str, bytes: usize) -> f64 {
    if shape == "markdown" {
        let tracker = Tracker::new(corpus_of(&articles(bytes)));
        let start = Instant::now();
        let text = report::markdown(&tracker);
        let seconds = start.elapsed().as_secs_f64();
        assert!(!text.is_empty());
        return seconds;
    }
    if shape == "csv" {
        let document = format!("---\ntitle: csv\n---\n{}\n", body(shape, bytes));
        let tracker = Tracker::new(corpus_of(&[(shape.to_owned(), document)]));
        let start = Instant::now();
        let text = report::csv(&tracker);
        let seconds = start.elapsed().as_secs_f64();
        assert!(text.lines().count() > tracker.claims().len(), "a row per claim");
        return seconds;
    }
    let document = if shape == "keys" {
        // Front matter of many fields, over a one-line body.
        let mut fields = String::new();
        let mut i = 0usize;
        while fields.len() < bytes {
            fields.push_str(&format!("field{i}: value {i}\n"));
            i += 1;
        }
        format!("---\ntitle: keys\n{fields}---\nIran paid $5 million.\n")
    } else {
        format!("---\ntitle: {shape}\noutlet: Shapes\npublished: 2021-03-01\n---\n{}\n", body(shape, bytes))
    };
    let start = Instant::now();
    let tracker = Tracker::new(corpus_of(&[(shape.to_owned(), document)]));
    let json = report::json::Document::new(&tracker).to_json();
    let seconds = start.elapsed().as_secs_f64();
    assert!(!json.is_empty());
    seconds
}

const SHAPES: [&str; 13] = [
    "paragraph",
    "line",
    "lines",
    "quotes",
    "brackets",
    "amounts",
    "pairs",
    "clauses",
    "counts",
    "keys",
    "abbreviations",
    "csv",
    "markdown",
];

fn main() -> ExitCode {
    let mut scale = 1.0f64;
    let mut check: Option<f64> = None;
    let mut shapes: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--mb" => scale = args.next().and_then(|v| v.parse().ok()).unwrap_or(scale),
            "--check" => check = args.next().and_then(|v| v.parse().ok()),
            s if SHAPES.contains(&s) => shapes.push(s.to_owned()),
            _ => {
                eprintln!("usage: shapes [--mb M] [--check RATIO] [{}]", SHAPES.join("|"));
                return ExitCode::from(2);
            }
        }
    }
    if shapes.is_empty() {
        shapes = SHAPES.iter().map(|s| (*s).to_owned()).collect();
    }
    println!(
        "| shape | {:.2} MB s/MB | {:.2} MB s/MB | {:.2} MB s/MB | ratio |",
        scale,
        2.0 * scale,
        4.0 * scale
    );
    println!("|---|---|---|---|---|");
    let mut failed = Vec::new();
    for shape in &shapes {
        let per_mb: Vec<f64> = [1.0, 2.0, 4.0]
            .iter()
            .map(|m| {
                let mb = m * scale;
                run(shape, (mb * 1e6) as usize) / mb
            })
            .collect();
        // Below a millisecond per MB the ratio is noise.
        let ratio = per_mb[2] / per_mb[0].max(1e-3);
        println!("| {shape} | {:.3} | {:.3} | {:.3} | {ratio:.2} |", per_mb[0], per_mb[1], per_mb[2]);
        if check.is_some_and(|limit| ratio > limit) {
            failed
                .push(format!("{shape}: time per MB grew {ratio:.2}x from {scale} MB to {} MB", 4.0 * scale));
        }
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        for f in failed {
            eprintln!("shapes: {f}");
        }
        ExitCode::FAILURE
    }
}
