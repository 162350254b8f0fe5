//! The `claimtrack` command-line tool, as a library so that the binary and
//! the crate's `track` example (the README's main job) run one
//! implementation.
//!
//! ```text
//! claimtrack [OPTIONS] [PATH]...
//! ```

use std::ffi::OsString;
use std::io::{BufWriter, IsTerminal as _, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimtrack::{Corpus, Loader, QueryHit, State, Tracker, TrackerBuilder, report};
use clap::{CommandFactory as _, Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

const EXIT_CODES: &str = "\
Exit status:
  0  the report was written
  1  some input could not be read (the report covers the rest), there was
     no article to track, the state could not be read or saved, or the
     output could not be written
  2  a bad option, a missing or unsupported PATH";

/// Find the claims in news articles and report who says what, how surely,
/// and where sources agree, contradict each other or change their story.
///
/// Files that cannot be loaded are reported on stderr, one line each, and
/// the report covers the rest. When stderr is a terminal, a progress bar
/// over the files shows there.
#[derive(Debug, Parser)]
#[command(name = "claimtrack", version, after_help = EXIT_CODES)]
struct Cli {
    /// Article files (.md, .markdown, .txt with optional YAML front
    /// matter; .jsonl with one article object per line) or directories of
    /// them; `-` reads JSONL records from standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// The output format.
    #[arg(short, long, value_enum, default_value_t = Format::Markdown)]
    format: Format,

    /// Instead of the whole report, what the sources say about TEXT: the
    /// groups of claims most like it, each with its verdict, relations and
    /// timeline (markdown or json).
    #[arg(short, long, value_name = "TEXT")]
    query: Option<String>,

    /// How many groups a query shows at most.
    #[arg(long, value_name = "N", requires = "query", value_parser = clap::value_parser!(u16).range(1..))]
    limit: Option<u16>,

    /// Keep the tracker in FILE: read it first when it exists (its
    /// articles, and its groups' ids), add the PATHs' articles, report,
    /// then save it back atomically. A corrupt or truncated FILE is an
    /// error and is left untouched.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,

    /// With --state: an article whose id the state holds with another
    /// text replaces the saved one; its old claims are retired from their
    /// groups (without it, the saved one is kept and the run fails).
    #[arg(long, requires = "state")]
    replace: bool,

    /// Compute and write each group's evidence: its scored pairs with their
    /// components, and the near misses kept apart with why (markdown,
    /// json and jsonl). Off by default: it re-scores every pair and is
    /// most of a large report's size.
    #[arg(long)]
    evidence: bool,

    /// Skip files, and JSONL records, larger than BYTES (at most 64 MiB,
    /// 67108864: a larger article would take more memory than a machine
    /// has; split it, or feed it as JSONL records).
    #[arg(
        long,
        value_name = "BYTES",
        default_value_t = claimtrack::DEFAULT_MAX_FILE_SIZE,
        value_parser = clap::value_parser!(u64).range(..=claimtrack::MAX_ARTICLE_SIZE)
    )]
    max_file_size: u64,

    /// Write the report to FILE (atomically: FILE is whole or untouched)
    /// instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// For --format claimreview: the organisation publishing the reviews
    /// (default: claimtrack).
    #[arg(long, value_name = "NAME")]
    review_author: Option<String>,

    /// For --format claimreview: the address of the page holding the
    /// reviews; each review's url is it with `#` and the group id.
    #[arg(long, value_name = "URL")]
    review_url: Option<String>,

    /// For --format claimreview: when the reviews are published, as
    /// YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    review_date: Option<claimtrack::PartialDate>,

    /// Print a completion script for SHELL and exit.
    #[arg(long, value_name = "SHELL", exclusive = true)]
    completions: Option<clap_complete::Shell>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A readable report.
    #[value(alias = "md")]
    Markdown,
    /// The claimtrack/1 document.
    Json,
    /// One JSON record per line: articles, claims, groups with their
    /// assessments, relations (for jq, DuckDB).
    Jsonl,
    /// One row per claim.
    Csv,
    /// A Graphviz graph of outlets, groups and relations.
    Dot,
    /// schema.org ClaimReview JSON-LD, one per group.
    Claimreview,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Dot => "dot",
            Format::Claimreview => "claimreview",
        }
    }
}

/// How many groups a query shows unless `--limit` says otherwise.
const QUERY_HITS: usize = 5;

/// Runs the tool on `args` (the program name first). `default_input` is
/// read when no PATH is given and no state holds articles: the `track`
/// example passes the bundled corpus; the installed tool has none and asks
/// for a PATH.
pub fn run(args: impl IntoIterator<Item = OsString>, default_input: Option<PathBuf>) -> ExitCode {
    // The tool's name, however it was started (`track`, a path).
    let args = std::iter::once(OsString::from("claimtrack")).chain(args.into_iter().skip(1));
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout with status 0, the rest to
            // stderr with status 2.
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    if let Some(shell) = cli.completions {
        let mut command = Cli::command();
        clap_complete::generate(shell, &mut command, "claimtrack", &mut std::io::stdout());
        return ExitCode::SUCCESS;
    }
    if let Err(message) = check(&cli) {
        let mut command = Cli::command();
        let _ = command.error(clap::error::ErrorKind::ArgumentConflict, message).print();
        return ExitCode::from(2);
    }
    match track(cli, default_input) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Usage(message)) => {
            eprintln!("claimtrack: {message}");
            ExitCode::from(2)
        }
    }
}

fn parse_date(text: &str) -> Result<claimtrack::PartialDate, String> {
    claimtrack::PartialDate::parse(text)
}

/// Options that parse but do not apply together.
fn check(cli: &Cli) -> Result<(), String> {
    let review = [
        ("--review-author", cli.review_author.is_some()),
        ("--review-url", cli.review_url.is_some()),
        ("--review-date", cli.review_date.is_some()),
    ];
    if let Some((flag, _)) = review.iter().find(|(_, given)| *given)
        && cli.format != Format::Claimreview
    {
        return Err(format!("{flag} applies to --format claimreview only"));
    }
    if cli.evidence && !matches!(cli.format, Format::Markdown | Format::Json | Format::Jsonl) {
        return Err(format!(
            "--evidence applies to --format markdown, json and jsonl; --format {} has none",
            cli.format.name()
        ));
    }
    if cli.query.is_some() && !matches!(cli.format, Format::Markdown | Format::Json) {
        return Err(format!("--query answers in markdown or json, not --format {}", cli.format.name()));
    }
    Ok(())
}

/// A bad PATH: exit status 2.
struct Usage(String);

/// Loads, tracks and writes. `Ok(false)` when something failed that the
/// report could go on without.
fn track(cli: Cli, default_input: Option<PathBuf>) -> Result<bool, Usage> {
    let mut ok = true;
    // A saved state is read first; if it cannot be, nothing is written.
    let mut state = match &cli.state {
        Some(file) if file.exists() => match State::load(file) {
            Ok(state) => state,
            Err(error) => {
                eprintln!("claimtrack: {error}");
                return Ok(false);
            }
        },
        _ => State::default(),
    };
    let paths = match (cli.paths.is_empty(), state.corpus.is_empty(), default_input) {
        (false, _, _) => cli.paths.clone(),
        (true, false, _) => Vec::new(),
        (true, true, Some(default)) => vec![default],
        (true, true, None) => {
            return Err(Usage("no input: give one or more PATHs, or - for JSONL on standard input".into()));
        }
    };
    let stdin = Path::new("-");
    for path in paths.iter().filter(|p| p.as_path() != stdin) {
        if !path.exists() {
            return Err(Usage(format!("{}: no such file or directory", path.display())));
        }
    }

    let loader = Loader::new().max_file_size(cli.max_file_size);
    let mut incoming = Corpus::new();
    let mut files = Vec::new();
    for path in &paths {
        if path.as_path() == stdin {
            files.push(path.clone());
            continue;
        }
        let passed = loader.passed_over(path);
        if !passed.is_empty() {
            let names: Vec<String> = passed.iter().take(3).map(|p| p.display().to_string()).collect();
            let more = if passed.len() > 3 { ", ..." } else { "" };
            eprintln!(
                "claimtrack: {}: {} file(s) passed over, not of a type claimtrack reads (.md, .markdown, .txt, .jsonl): {}{more}",
                path.display(),
                passed.len(),
                names.join(", ")
            );
        }
        let (found, errors) = loader.article_files(path);
        for error in errors {
            // A file named on the command line that claimtrack cannot read
            // is a bad path; an unreadable entry inside a directory is not.
            if matches!(error, claimtrack::Error::UnsupportedFile { .. }) && path.is_file() {
                return Err(Usage(error.to_string()));
            }
            eprintln!("claimtrack: {error}");
            ok = false;
        }
        files.extend(found);
    }
    let progress = progress_bar(files.len());
    for file in &files {
        let report = if file.as_path() == stdin {
            loader.load_jsonl(&mut incoming, "<stdin>", std::io::stdin().lock())
        } else {
            loader.load_path(&mut incoming, file)
        };
        for error in report.errors {
            progress.suspend(|| eprintln!("claimtrack: {error}"));
            ok = false;
        }
        progress.inc(1);
    }
    // Articles already in the state are skipped when unchanged; a changed
    // one replaces the saved one with --replace, and is otherwise reported
    // and the saved copy kept.
    let mut added = 0usize;
    for article in incoming.into_articles() {
        match state.corpus.get(article.id()) {
            Some(saved) if saved.original() == article.original() => {}
            Some(_) if cli.replace => {
                state.corpus.replace(article);
                added += 1;
            }
            Some(_) => {
                let from =
                    article.path().map_or_else(|| article.id().to_owned(), |p| p.display().to_string());
                progress.suspend(|| {
                    eprintln!(
                        "claimtrack: {from}: article {} differs from the saved one; the saved one is kept \
                         (--replace replaces it)",
                        article.id()
                    );
                });
                ok = false;
            }
            None => {
                added += usize::from(state.corpus.insert(article).is_ok());
            }
        }
    }
    if state.corpus.is_empty() {
        progress.finish_and_clear();
        eprintln!("claimtrack: no article to track in the input");
        return Ok(false);
    }
    progress.set_message("extracting, matching and analysing");
    progress.enable_steady_tick(std::time::Duration::from_millis(120));
    let limit = cli.limit.map_or(QUERY_HITS, usize::from);
    // A state holding results for these settings is read back, not
    // computed again, and saved only when articles were added.
    let current = state.is_current(&TrackerBuilder::default());
    // A query is answered by analysing the groups of its answer alone,
    // unless new articles make a state to save: then the whole tracker is
    // built, saved, and asked.
    let (tracker, hits) = match &cli.query {
        Some(query) if cli.state.is_none() || added == 0 => {
            let (tracker, hits) = state.answer_with(TrackerBuilder::default(), query, limit);
            (tracker, Some(hits))
        }
        query => {
            // A query's answer shows no evidence: none is computed for it.
            let evidence = cli.evidence && query.is_none();
            let tracker = state.into_tracker_with(TrackerBuilder::default().evidence(evidence));
            let hits = query.as_ref().map(|q| tracker.query(q, limit));
            (tracker, hits)
        }
    };
    progress.finish_and_clear();
    if let Some(file) = &cli.state
        && !tracker.is_answer()
        && (added > 0 || !current || !file.exists())
        && let Err(error) = tracker.save(file)
    {
        eprintln!("claimtrack: {error}");
        ok = false;
    }
    let hits = hits.as_deref();
    let written = match &cli.output {
        Some(file) => {
            claimtrack::write_atomically(file, |mut out| write_report(&cli, &tracker, hits, &mut out))
        }
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            write_report(&cli, &tracker, hits, &mut out).and_then(|()| out.flush())
        }
    };
    match written {
        Ok(()) => Ok(ok),
        // A closed pipe (`claimtrack | head`) is not worth a message.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(error) => {
            let to = cli
                .output
                .as_deref()
                .map_or_else(|| "standard output".to_owned(), |p| p.display().to_string());
            eprintln!("claimtrack: {to}: {error}");
            Ok(false)
        }
    }
}

/// A progress bar on stderr when it is a terminal, and nothing when it is
/// not (a pipe, a file, CI).
fn progress_bar(files: usize) -> ProgressBar {
    let progress =
        if std::io::stderr().is_terminal() { ProgressBar::new(files as u64) } else { ProgressBar::hidden() };
    progress.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} files ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    progress.set_message("loading");
    progress
}

/// Writes the report, or the answer `hits` to `--query`.
fn write_report(
    cli: &Cli,
    tracker: &Tracker,
    hits: Option<&[QueryHit]>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let text = match (cli.format, cli.query.as_deref().zip(hits)) {
        (Format::Markdown, Some((query, hits))) => report::query_markdown(tracker, query, hits),
        (Format::Json, Some((query, hits))) => {
            report::json::QueryDocument::new(tracker, query, hits).to_json()
        }
        (Format::Jsonl, _) => return report::json::Document::new(tracker).write_jsonl(out),
        (Format::Markdown, None) => {
            report::markdown_with(tracker, report::MarkdownOptions::default().evidence(cli.evidence))
        }
        (Format::Json, None) => return report::json::Document::new(tracker).write_json(out),
        (Format::Csv, _) => report::csv(tracker),
        (Format::Dot, _) => report::dot(tracker),
        (Format::Claimreview, _) => {
            let mut options = report::ClaimReviewOptions::default();
            options.author.clone_from(&cli.review_author);
            options.url.clone_from(&cli.review_url);
            options.date_published = cli.review_date;
            report::claimreview_with(tracker, &options)
        }
    };
    out.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_is_well_formed() {
        Cli::command().debug_assert();
    }
}
