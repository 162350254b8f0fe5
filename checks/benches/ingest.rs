//! Ingestion and extraction throughput on the corpus replicated to about
//! 10 MB, against a baseline in the same run: the same bytes only read and
//! checked as UTF-8 lines.

use std::hint::black_box;
use std::path::Path;

use claimtrack::{Corpus, Extractor, Loader};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The bundled corpus's documents, read once.
fn corpus_texts() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let corpus = Corpus::load([dir]).expect("the bundled corpus loads");
    corpus.articles().map(|a| (a.id().to_owned(), a.original().to_owned())).collect()
}

fn ingest_and_extract(c: &mut Criterion) {
    let texts = corpus_texts();
    let one_copy: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let copies = (10_000_000 / one_copy).max(1);
    let bytes = (one_copy * copies) as u64;
    let loader = Loader::new();
    let extractor = Extractor::new();

    let mut group = c.benchmark_group("corpus_x10MB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("baseline_line_scan", |b| {
        b.iter(|| {
            let mut lines = 0usize;
            for _ in 0..copies {
                for (_, text) in &texts {
                    lines += black_box(text.as_str()).lines().filter(|l| !l.trim().is_empty()).count();
                }
            }
            lines
        })
    });
    group.bench_function("parse_documents", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for copy in 0..copies {
                for (id, text) in &texts {
                    let article = loader.parse_document(&format!("{id}-{copy}"), text).expect("parses");
                    n += article.body().len();
                }
            }
            n
        })
    });
    group.bench_function("parse_and_extract", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for copy in 0..copies {
                for (id, text) in &texts {
                    let article = loader.parse_document(&format!("{id}-{copy}"), text).expect("parses");
                    n += extractor.extract(&article).claims.len();
                }
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, ingest_and_extract);
criterion_main!(benches);
