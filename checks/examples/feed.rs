//! Writes a synthetic feed as JSONL, one claim an article, for measuring
//! `claimtrack` end to end on standard input or a file.
//!
//! ```text
//! cargo run --release -p claimtrack-checks --example feed -- --claims 100000 --hard > feed.jsonl
//! claimtrack -f json -o report.json feed.jsonl
//! ```
//!
//! Each record has an id (`syn-` and the planted cluster, then the claim's
//! number, so a grouping can be scored from the report alone), one of 50
//! outlets, a publication date in 2021 and the claim's text.

use std::io::Write as _;

use claimtrack::synthetic::{Synthetic, SyntheticConfig};

fn main() {
    let mut claims = 100_000usize;
    let mut seed = 42u64;
    let mut hard = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--hard" => hard = true,
            "--claims" | "--seed" => {
                let Some(value) = args.next().and_then(|v| v.parse::<u64>().ok()) else {
                    eprintln!("{arg} needs a number");
                    std::process::exit(2);
                };
                if arg == "--claims" {
                    claims = usize::try_from(value).unwrap_or(usize::MAX);
                } else {
                    seed = value;
                }
            }
            _ => {
                eprintln!("usage: feed [--claims N] [--seed S] [--hard]");
                std::process::exit(2);
            }
        }
    }
    let config = if hard {
        SyntheticConfig::hard(claims, seed)
    } else {
        SyntheticConfig { claims, seed, ..SyntheticConfig::default() }
    };
    let data = Synthetic::generate(&config);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (n, (claim, cluster)) in data.claims.iter().zip(&data.planted).enumerate() {
        let record = serde_json::json!({
            "id": format!("syn-{cluster}-{n}"),
            "outlet": format!("Outlet {}", n % 50),
            "published": format!("2021-{:02}-{:02}", 1 + n % 12, 1 + n % 28),
            "text": claim.text(),
        });
        if writeln!(out, "{record}").is_err() {
            std::process::exit(1);
        }
    }
    if out.flush().is_err() {
        std::process::exit(1);
    }
}
