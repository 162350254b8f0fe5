//! The main job: load articles, track their claims, print a report.
//!
//! ```text
//! cargo run --release --example track -- [OPTIONS] [PATH ...]
//! ```
//!
//! Run with `--help` for the options.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimtrack::{Corpus, Loader, State, report};
use indicatif::{ProgressBar, ProgressStyle};

const HELP: &str = "\
track: find the claims in news articles and report who says what

USAGE:
    cargo run --release --example track -- [OPTIONS] [PATH ...]

ARGS:
    PATH ...    Article files (.md, .markdown, .txt with optional YAML front
                matter; .jsonl with one article object per line) or
                directories of them. Default: the crate's bundled corpus/.

OPTIONS:
    -f, --format FORMAT     Output format: `markdown` (the default; a readable
                            report), `json` (the claimtrack/1 document), `csv`
                            (one row per claim), `dot` (a Graphviz graph of
                            outlets, groups and relations) or `claimreview`
                            (schema.org ClaimReview JSON-LD, one per group).
    -q, --query TEXT        Instead of the whole report, what the sources say
                            about TEXT: the groups of claims most like it,
                            each with its verdict, relations and timeline.
        --state FILE        Keep the tracker in FILE: read it first when it
                            exists (its articles, and its groups' ids), add
                            the PATHs' articles, report, then save it back
                            atomically. A corrupt or truncated FILE is an
                            error and is left untouched.
        --evidence          In the readable report, show under each group its
                            scored pairs with their components and the pairs
                            kept apart (the JSON always has them).
        --max-file-size N   Skip files larger than N bytes (default 16777216).
    -h, --help              Print this help and exit.

Files that cannot be loaded are reported on stderr, one line each, and the
report covers the rest; the exit status is then 1. When stderr is a
terminal, a progress bar over the files shows there. A bad option or path
exits with status 2.";

/// How many groups a query shows at most.
const QUERY_HITS: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Markdown,
    Json,
    Csv,
    Dot,
    ClaimReview,
}

struct Options {
    format: Format,
    evidence: bool,
    query: Option<String>,
    state: Option<PathBuf>,
    max_file_size: u64,
    paths: Vec<PathBuf>,
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options {
        format: Format::Markdown,
        evidence: false,
        query: None,
        state: None,
        max_file_size: claimtrack::DEFAULT_MAX_FILE_SIZE,
        paths: Vec::new(),
    };
    let mut args = args.peekable();
    let mut only_paths = false;
    while let Some(arg) = args.next() {
        if only_paths {
            options.paths.push(arg.into());
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(value.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "-f" | "--format" => {
                options.format = match value("--format")?.as_str() {
                    "markdown" | "md" | "text" => Format::Markdown,
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    "dot" => Format::Dot,
                    "claimreview" => Format::ClaimReview,
                    other => {
                        return Err(format!(
                            "unknown format `{other}` (expected markdown, json, csv, dot or claimreview)"
                        ));
                    }
                }
            }
            "--evidence" => options.evidence = true,
            "-q" | "--query" => options.query = Some(value("--query")?),
            "--state" => options.state = Some(value("--state")?.into()),
            "--max-file-size" => {
                let text = value("--max-file-size")?;
                options.max_file_size = text
                    .parse()
                    .map_err(|_| format!("--max-file-size expects a number of bytes, got `{text}`"))?;
            }
            "--" => only_paths = true,
            other if other.starts_with('-') && other.len() > 1 => {
                return Err(format!("unknown option `{other}` (see --help)"));
            }
            _ => options.paths.push(arg.into()),
        }
    }
    Ok(Some(options))
}

/// The bundled corpus, named relative to the working directory when run
/// from the crate root so reports do not depend on where the crate lives.
fn default_corpus() -> PathBuf {
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let relative = Path::new("corpus");
    match (relative.canonicalize(), bundled.canonicalize()) {
        (Ok(a), Ok(b)) if a == b => relative.to_path_buf(),
        _ => bundled,
    }
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("track: {message}");
            return ExitCode::from(2);
        }
    };
    // A saved state is read first; if it cannot be, nothing is written.
    let mut state = match &options.state {
        Some(file) if file.exists() => match State::load(file) {
            Ok(state) => state,
            Err(error) => {
                eprintln!("track: {error}");
                return ExitCode::from(1);
            }
        },
        _ => State::default(),
    };
    let paths = match (options.paths.is_empty(), state.corpus.is_empty()) {
        (true, true) => vec![default_corpus()],
        (true, false) => Vec::new(),
        (false, _) => options.paths,
    };
    for path in &paths {
        if !path.exists() {
            eprintln!("track: {}: no such file or directory", path.display());
            return ExitCode::from(2);
        }
    }

    let loader = Loader::new().max_file_size(options.max_file_size);
    let mut incoming = Corpus::new();
    let mut failed = false;
    let mut files = Vec::new();
    for path in &paths {
        let (found, errors) = loader.article_files(path);
        files.extend(found);
        for error in errors {
            eprintln!("track: {error}");
            failed = true;
        }
    }
    // A progress bar on stderr when it is a terminal, and nothing when it
    // is not (a pipe, a file, CI).
    let progress = if std::io::stderr().is_terminal() {
        ProgressBar::new(files.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    progress.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} files ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    progress.set_message("loading");
    for file in &files {
        for error in loader.load_path(&mut incoming, file).errors {
            progress.suspend(|| eprintln!("track: {error}"));
            failed = true;
        }
        progress.inc(1);
    }
    // Articles already in the state are skipped when unchanged; a changed
    // one is reported and the saved copy kept.
    for article in incoming.into_articles() {
        match state.corpus.get(article.id()) {
            Some(saved) if saved.original() == article.original() => {}
            Some(_) => {
                let from =
                    article.path().map_or_else(|| article.id().to_owned(), |p| p.display().to_string());
                progress.suspend(|| {
                    eprintln!(
                        "track: {from}: article {} differs from the saved one; the saved one is kept",
                        article.id()
                    )
                });
                failed = true;
            }
            None => {
                let _ = state.corpus.insert(article);
            }
        }
    }
    progress.set_message("extracting, matching and analysing");
    progress.enable_steady_tick(std::time::Duration::from_millis(120));
    let tracker = state.into_tracker();
    progress.finish_and_clear();
    let output = match (options.format, &options.query) {
        (Format::Markdown, Some(query)) => {
            report::query_markdown(&tracker, query, &tracker.query(query, QUERY_HITS))
        }
        (Format::Json, Some(query)) => {
            report::json::QueryDocument::new(&tracker, query, &tracker.query(query, QUERY_HITS)).to_json()
        }
        (Format::Markdown, None) => {
            report::markdown_with(&tracker, report::MarkdownOptions { evidence: options.evidence })
        }
        (Format::Json, None) => report::json::Document::new(&tracker).to_json(),
        (Format::Csv, _) => report::csv(&tracker),
        (Format::Dot, _) => report::dot(&tracker),
        (Format::ClaimReview, _) => report::claimreview(&tracker),
    };
    if let Some(file) = &options.state
        && let Err(error) = tracker.save(file)
    {
        eprintln!("track: {error}");
        failed = true;
    }
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(output.as_bytes()).and_then(|()| stdout.flush()).is_err() {
        // A closed pipe (`track | head`) is not worth a panic.
        return ExitCode::from(1);
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
