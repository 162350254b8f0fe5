//! Ingestion: reading articles from files, directories and JSONL.
//!
//! Invariants: this is the only module that touches the file system for
//! input; every article it yields has a non-empty body, a unique id, and
//! spans into the text exactly as read.

mod fields;
mod front_matter;
mod jsonl;
pub(crate) mod markup;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use crate::error::{Error, Location};
use crate::model::{Article, ArticleMeta, Span};

pub use markup::{BlockKind, TextBlock};

/// The default size limit for one input file: 16 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// The largest one article may be, whatever limit is set: 64 MiB. The
/// pipeline holds some fifty bytes per byte of an article's text while it
/// reads it, so a larger text is refused up front rather than run out of
/// memory; split it into articles (a JSONL feed has no limit as a whole).
pub const MAX_ARTICLE_SIZE: u64 = 64 * 1024 * 1024;

/// File names in a directory that document the directory rather than
/// hold an article (the corpus keeps its README next to the articles).
const DOCUMENTATION_STEMS: &[&str] = &["readme", "license", "licence", "changelog", "contributing"];

/// A set of articles keyed by id, in the order they were added.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    articles: IndexMap<String, Article>,
}

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Self {
        Self::default()
    }

    /// Loads every path (file or directory) with the default [`Loader`],
    /// failing on the first bad input.
    ///
    /// Use [`Loader::load_path`] to keep going past bad files and collect
    /// every error.
    ///
    /// # Errors
    /// The first file that cannot be read or parsed, or a duplicate id.
    pub fn load<P: AsRef<Path>>(paths: impl IntoIterator<Item = P>) -> Result<Self, Error> {
        let loader = Loader::new();
        let mut corpus = Corpus::new();
        for path in paths {
            let report = loader.load_path(&mut corpus, path);
            if let Some(error) = report.errors.into_iter().next() {
                return Err(error);
            }
        }
        Ok(corpus)
    }

    /// Adds an article.
    ///
    /// # Errors
    /// [`Error::DuplicateId`] when an article with the same id is already
    /// in the corpus; the corpus is then unchanged.
    pub fn insert(&mut self, article: Article) -> Result<(), Error> {
        if let Some(first) = self.articles.get(article.id()) {
            return Err(Error::DuplicateId {
                at: Location::new(article.path(), Some(article.id_line)),
                id: article.id().to_owned(),
                first: Location::new(first.path(), None),
            });
        }
        self.articles.insert(article.id().to_owned(), article);
        Ok(())
    }

    /// Puts `article` in place of the article with its id, at that
    /// article's place in the order, and gives the one it replaced; adds
    /// it at the end when there is none. For an edited article: a tracker
    /// built from a [`State`](crate::State) retires the old version's
    /// claims and extracts the new one's.
    pub fn replace(&mut self, article: Article) -> Option<Article> {
        self.articles.insert(article.id().to_owned(), article)
    }

    /// The article with this id.
    pub fn get(&self, id: &str) -> Option<&Article> {
        self.articles.get(id)
    }

    /// The articles in the order they were added (files in sorted path
    /// order, JSONL records in line order).
    pub fn articles(&self) -> impl ExactSizeIterator<Item = &Article> {
        self.articles.values()
    }

    /// Takes the articles out, in the order they were added.
    pub fn into_articles(self) -> impl Iterator<Item = Article> {
        self.articles.into_values()
    }

    /// How many articles there are.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }
}

/// What one call to [`Loader::load_path`] did: the articles added and the
/// inputs that failed. Failures never undo what was added.
#[derive(Debug, Default)]
#[must_use]
#[non_exhaustive]
pub struct LoadReport {
    /// Ids of the articles added, in order.
    pub added: Vec<String>,
    /// One error per file, record or duplicate that could not be loaded.
    pub errors: Vec<Error>,
}

impl LoadReport {
    /// Whether everything loaded.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Reads articles from disk or memory.
///
/// # Examples
/// ```
/// use claimtrack::{Corpus, Loader};
/// let loader = Loader::new().max_file_size(1 << 20);
/// let mut corpus = Corpus::new();
/// let report = loader.load_path(&mut corpus, concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"));
/// assert!(report.is_ok());
/// assert_eq!(corpus.len(), 5);
/// ```
#[derive(Clone, Debug)]
pub struct Loader {
    max_file_size: u64,
}

impl Default for Loader {
    fn default() -> Self {
        Self { max_file_size: DEFAULT_MAX_FILE_SIZE }
    }
}

impl Loader {
    /// A loader with the default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the largest file, in bytes, that will be read
    /// ([`DEFAULT_MAX_FILE_SIZE`] by default), and of a JSONL feed the
    /// largest record; at most [`MAX_ARTICLE_SIZE`].
    pub fn max_file_size(mut self, bytes: u64) -> Self {
        self.max_file_size = bytes.min(MAX_ARTICLE_SIZE);
        self
    }

    /// Loads a file, or every article file in a directory and its
    /// subdirectories, into `corpus`.
    ///
    /// In a directory, files ending in `.md`, `.markdown`, `.txt` and
    /// `.jsonl` are read in sorted path order; hidden files and a
    /// directory's README, LICENSE, CHANGELOG and CONTRIBUTING are skipped.
    /// A bad file is reported and skipped; the others still load.
    pub fn load_path(&self, corpus: &mut Corpus, path: impl AsRef<Path>) -> LoadReport {
        let (files, errors) = self.article_files(path);
        let mut report = LoadReport { errors, ..LoadReport::default() };
        for file in files {
            self.load_file_into(corpus, &file, &mut report);
        }
        report
    }

    /// The article files [`Loader::load_path`] reads for `path`, in the
    /// order it reads them, with the errors met listing them (an
    /// unreadable directory, a file of an unsupported kind). Lets a caller
    /// load file by file, to show progress over many files.
    pub fn article_files(&self, path: impl AsRef<Path>) -> (Vec<PathBuf>, Vec<Error>) {
        let path = path.as_ref();
        let mut files = Vec::new();
        let mut errors = Vec::new();
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                collect_files(path, &mut files, &mut errors, &mut Vec::new());
                files.sort();
            }
            Ok(_) if article_format(path).is_none() => {
                errors.push(Error::UnsupportedFile { path: path.to_path_buf() });
            }
            Ok(_) => files.push(path.to_path_buf()),
            Err(source) => errors.push(Error::Io { path: path.to_path_buf(), source }),
        }
        (files, errors)
    }

    /// Loads JSONL records, one article object per line, from `reader`
    /// into `corpus`: standard input, a socket, a string in memory.
    /// Errors name the record's line, in `name` when given (`<stdin>`),
    /// and a record without an `id` is named `{name}-{line}`. The size
    /// limit applies to each record, not to the whole stream, so a feed of
    /// any length reads in bounded memory per line. A bad record is
    /// reported and skipped; the others still load.
    pub fn load_jsonl(&self, corpus: &mut Corpus, name: &str, reader: impl std::io::BufRead) -> LoadReport {
        let mut report = LoadReport::default();
        self.read_jsonl(corpus, &mut report, None, Path::new(name), name, reader);
        report
    }

    /// JSONL records from `reader`, each held to the size limit: from the
    /// file `path` if any, with errors pointing at `source`, records
    /// without an id named after `stem`.
    fn read_jsonl(
        &self,
        corpus: &mut Corpus,
        report: &mut LoadReport,
        path: Option<&Path>,
        source: &Path,
        stem: &str,
        mut reader: impl std::io::BufRead,
    ) {
        let at = |line| Location::new(Some(source), Some(line));
        let mut buffer = Vec::new();
        // The records this read loaded, by id, with their lines.
        let mut loaded: HashMap<String, usize> = HashMap::new();
        for line_no in 1.. {
            buffer.clear();
            // Room for a record at the limit and its `\r\n`.
            let limit = self.max_file_size.saturating_add(2);
            match std::io::BufRead::read_until(
                &mut std::io::Read::take(&mut reader, limit),
                b'\n',
                &mut buffer,
            ) {
                Ok(0) => break,
                Ok(_) => {}
                Err(error) => {
                    report.errors.push(Error::Io { path: source.to_path_buf(), source: error });
                    break;
                }
            }
            let ending = line_ending(&buffer);
            let size = (buffer.len() - ending) as u64;
            if size > self.max_file_size {
                // The rest of a line cut at the limit, less a `\r` that
                // ends it.
                let (rest, cr) =
                    if ending > 0 { (0, false) } else { skip_line(&mut reader, buffer.last().copied()) };
                report.errors.push(Error::Json {
                    at: at(line_no),
                    message: format!(
                        "record is {} bytes, over the limit of {} bytes",
                        size + rest - u64::from(cr),
                        self.max_file_size
                    ),
                });
                continue;
            }
            let line = match std::str::from_utf8(&buffer[..buffer.len() - ending]) {
                Ok(line) => line,
                Err(e) => {
                    report.errors.push(Error::NotUtf8 { at: at(line_no), offset: e.valid_up_to() });
                    continue;
                }
            };
            match jsonl_article(path, source, stem, line_no, line) {
                Ok(Some(article)) => {
                    let id = article.id().to_owned();
                    match corpus.insert(article) {
                        Ok(()) => {
                            loaded.insert(id.clone(), line_no);
                            report.added.push(id);
                        }
                        // A stream's records have no file: name the stream.
                        // A first record this read loaded is named by line.
                        Err(Error::DuplicateId { at, id, first }) => {
                            let at =
                                if path.is_none() { Location::new(Some(source), Some(line_no)) } else { at };
                            let first = match loaded.get(&id) {
                                Some(&line) => Location::new(Some(source), Some(line)),
                                None => first,
                            };
                            report.errors.push(Error::DuplicateId { at, id, first });
                        }
                        Err(error) => report.errors.push(error),
                    }
                }
                Ok(None) => {}
                Err(error) => report.errors.push(error),
            }
        }
    }

    /// The files under directory `path` that [`Loader::load_path`] passes
    /// over because claimtrack does not read their type (a `.pdf`, an
    /// `.html`), in sorted order; hidden files and a directory's README,
    /// LICENSE, CHANGELOG and CONTRIBUTING are not counted. Empty for a
    /// file.
    pub fn passed_over(&self, path: impl AsRef<Path>) -> Vec<PathBuf> {
        let path = path.as_ref();
        let mut passed = Vec::new();
        if path.is_dir() {
            collect_files(path, &mut Vec::new(), &mut Vec::new(), &mut passed);
        }
        passed.sort();
        passed
    }

    /// Parses one Markdown or plain-text document held in memory, with
    /// optional front matter. Without an `id` field, `name` is the id.
    ///
    /// # Errors
    /// Bad front matter, an empty body, or a text over the loader's size
    /// limit ([`Error::TooLarge`], naming `name`).
    pub fn parse_document(&self, name: &str, text: &str) -> Result<Article, Error> {
        let size = text.len() as u64;
        if size > self.max_file_size {
            return Err(Error::TooLarge { path: PathBuf::from(name), size, limit: self.max_file_size });
        }
        parse_document(None, name, text.to_owned())
    }

    fn load_file_into(&self, corpus: &mut Corpus, path: &Path, report: &mut LoadReport) {
        if article_format(path) == Some(Format::Jsonl) {
            // A feed: the size limit bounds each record, not the file.
            match fs::File::open(path) {
                Ok(file) => {
                    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                    let reader = std::io::BufReader::new(file);
                    self.read_jsonl(corpus, report, Some(path), path, &stem, reader);
                }
                Err(source) => report.errors.push(Error::Io { path: path.to_path_buf(), source }),
            }
            return;
        }
        let text = match self.read_text(path) {
            Ok(text) => text,
            Err(error) => {
                report.errors.push(error);
                return;
            }
        };
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let article = match parse_document(Some(path), stem.as_deref().unwrap_or("article"), text) {
            Ok(article) => article,
            Err(error) => {
                report.errors.push(error);
                return;
            }
        };
        let id = article.id().to_owned();
        match corpus.insert(article) {
            Ok(()) => report.added.push(id),
            Err(error) => report.errors.push(error),
        }
    }

    fn read_text(&self, path: &Path) -> Result<String, Error> {
        let io = |source| Error::Io { path: path.to_path_buf(), source };
        let size = fs::metadata(path).map_err(io)?.len();
        if size > self.max_file_size {
            return Err(Error::TooLarge { path: path.to_path_buf(), size, limit: self.max_file_size });
        }
        let bytes = fs::read(path).map_err(io)?;
        // The file may have grown since its size was checked.
        let size = bytes.len() as u64;
        if size > self.max_file_size {
            return Err(Error::TooLarge { path: path.to_path_buf(), size, limit: self.max_file_size });
        }
        String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes().iter().take(offset).filter(|&&b| b == b'\n').count();
            Error::NotUtf8 { at: Location::new(Some(path), Some(line)), offset }
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Document,
    Jsonl,
}

fn article_format(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" | "txt" => Some(Format::Document),
        "jsonl" => Some(Format::Jsonl),
        _ => None,
    }
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Error>, passed: &mut Vec<PathBuf>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            errors.push(Error::Io { path: dir.to_path_buf(), source });
            return;
        }
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => paths.push(entry.path()),
            Err(source) => errors.push(Error::Io { path: dir.to_path_buf(), source }),
        }
    }
    paths.sort();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect_files(&path, files, errors, passed);
            continue;
        }
        let stem = name.split('.').next().unwrap_or_default();
        if DOCUMENTATION_STEMS.contains(&stem) {
            continue;
        }
        if article_format(&path).is_none() {
            passed.push(path);
            continue;
        }
        files.push(path);
    }
}

fn parse_document(path: Option<&Path>, stem: &str, text: String) -> Result<Article, Error> {
    let fm = front_matter::parse(&text).map_err(|e| match e {
        front_matter::FrontMatterError::Syntax { line, message } => {
            Error::FrontMatter { at: Location::new(path, Some(line)), message }
        }
        front_matter::FrontMatterError::Field { line, error } => {
            Error::Field { at: Location::new(path, Some(line)), field: error.field, message: error.message }
        }
    })?;
    let id = match fm.raw.id {
        Some(id) => id,
        None => {
            fields::check_id(stem).map_err(|message| Error::Field {
                at: Location::new(path, None),
                field: "id".into(),
                message: format!("{message} (the id comes from the file name; set `id` in front matter)"),
            })?;
            stem.to_owned()
        }
    };
    let body = Span::new(fm.body_start, text.len());
    let article = Article {
        id,
        path: path.map(Path::to_path_buf),
        meta: fm.raw.meta,
        original: text,
        body,
        first_body_line: fm.body_line,
        record_line: None,
        id_line: fm.id_line.unwrap_or(1),
        lines: Default::default(),
    };
    check_body(article, path)
}

/// Checks an article read back from a saved state as strictly as fresh
/// input, with the check `Article::new` makes ([`check_article`]).
pub(crate) fn check_stored(article: &Article) -> Result<(), String> {
    check_article(&article.id, article.body(), &article.meta)
        .map_err(|message| format!("article {:?}: {message}", article.id))
}

/// What every article holds to, however it was made: a non-empty id
/// without whitespace, control characters or `#`, a text that is not
/// blank and at most [`MAX_ARTICLE_SIZE`] bytes, in English. The message
/// leaves the id out.
fn check_article(id: &str, text: &str, meta: &ArticleMeta) -> Result<(), String> {
    if id.is_empty() {
        return Err("the id is empty".into());
    }
    fields::check_id(id)?;
    if text.trim().is_empty() {
        return Err("the text is empty".into());
    }
    if text.len() as u64 > MAX_ARTICLE_SIZE {
        return Err(format!(
            "the text is {} bytes, over the {MAX_ARTICLE_SIZE} bytes one article may have; split it",
            text.len()
        ));
    }
    if let Some(language) = meta.language.as_deref().filter(|l| !is_english(l)) {
        return Err(format!("language `{language}`: claimtrack reads English (`en`) only"));
    }
    Ok(())
}

/// Checks an article has text in a language claimtrack reads; errors
/// point at `source`, the file or stream it came from.
fn check_body(article: Article, source: Option<&Path>) -> Result<Article, Error> {
    if article.body().trim().is_empty() {
        let line = article.record_line.unwrap_or(article.first_body_line);
        return Err(Error::EmptyBody { at: Location::new(source, Some(line)), id: article.id });
    }
    if let Some(language) = article.meta.language.as_deref().filter(|l| !is_english(l)) {
        let line = article.record_line.unwrap_or(1);
        return Err(Error::UnsupportedLanguage {
            at: Location::new(source, Some(line)),
            language: language.to_owned(),
            id: article.id,
        });
    }
    Ok(article)
}

/// Whether a BCP 47 tag names English (`en`, `en-GB`, `EN_us`).
fn is_english(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    primary.eq_ignore_ascii_case("en")
        || primary.eq_ignore_ascii_case("eng")
        || tag.eq_ignore_ascii_case("english")
}

/// The article of one JSONL line, `None` for a blank line. `path` is the
/// file it came from, if any; errors point at `source` (the file, or the
/// stream's name); `stem` names records without an id.
fn jsonl_article(
    path: Option<&Path>,
    source: &Path,
    stem: &str,
    line_no: usize,
    line: &str,
) -> Result<Option<Article>, Error> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let at = Location::new(Some(source), Some(line_no));
    let record = match jsonl::parse_line(line) {
        Ok(record) => record,
        Err(jsonl::RecordError::Syntax(message)) => return Err(Error::Json { at, message }),
        Err(jsonl::RecordError::Field(e)) => {
            return Err(Error::Field { at, field: e.field, message: e.message });
        }
    };
    let id = record.raw.id.unwrap_or_else(|| format!("{stem}-{line_no}"));
    let body = Span::new(0, record.text.len());
    let article = Article {
        id,
        path: path.map(Path::to_path_buf),
        meta: record.raw.meta,
        original: record.text,
        body,
        first_body_line: 1,
        record_line: Some(line_no),
        id_line: line_no,
        lines: Default::default(),
    };
    check_body(article, Some(source)).map(Some)
}

impl Article {
    /// An article made in memory: its id, metadata and text (the whole
    /// text is the body; spans index it).
    ///
    /// ```
    /// use claimtrack::{Article, ArticleMeta, PartialDate};
    ///
    /// let meta = ArticleMeta::default()
    ///     .outlet("Reuters: World News")
    ///     .published(PartialDate::parse("2021-03-27").expect("a date"));
    /// let article = Article::new("r1", meta, "Iran and China signed a 25-year agreement.")?;
    /// assert_eq!(article.meta().outlet.as_deref(), Some("Reuters: World News"));
    /// # Ok::<(), claimtrack::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArticle`] when the id is empty or holds whitespace,
    /// a control character or `#`, or the text is blank.
    pub fn new(id: impl Into<String>, meta: ArticleMeta, text: impl Into<String>) -> Result<Self, Error> {
        let id = id.into();
        let text = text.into();
        check_article(&id, &text, &meta)
            .map_err(|message| Error::InvalidArticle { id: id.clone(), message })?;
        Ok(Self {
            body: Span::new(0, text.len()),
            id: id.clone(),
            path: None,
            meta,
            original: text,
            first_body_line: 1,
            record_line: None,
            id_line: 1,
            lines: Default::default(),
        })
    }
}

/// How many bytes of `line` are its ending: `\n`, `\r\n`, or none.
fn line_ending(line: &[u8]) -> usize {
    match line {
        [.., b'\r', b'\n'] => 2,
        [.., b'\n'] => 1,
        _ => 0,
    }
}

/// Consumes `reader` up to and including the next newline: the bytes
/// skipped before it, and whether the byte before it was a `\r` (`last`:
/// the byte read just before `reader`'s position, if any).
fn skip_line(reader: &mut impl std::io::BufRead, mut last: Option<u8>) -> (u64, bool) {
    let mut skipped = 0u64;
    while let Ok(chunk) = reader.fill_buf() {
        if chunk.is_empty() {
            break;
        }
        if let Some(i) = chunk.iter().position(|&b| b == b'\n') {
            let before = if i > 0 { Some(chunk[i - 1]) } else { last };
            skipped += i as u64;
            reader.consume(i + 1);
            return (skipped, before == Some(b'\r'));
        }
        last = chunk.last().copied();
        skipped += chunk.len() as u64;
        let used = chunk.len();
        reader.consume(used);
    }
    (skipped, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_without_front_matter_use_the_name_as_id() {
        let article = Loader::new().parse_document("note", "Hello there.").unwrap();
        assert_eq!(article.id(), "note");
        assert_eq!(article.body(), "Hello there.");
        assert_eq!(article.meta().title, None);
    }

    #[test]
    fn front_matter_id_wins_over_the_name() {
        let article = Loader::new().parse_document("note", "---\nid: x7\n---\nHello.").unwrap();
        assert_eq!(article.id(), "x7");
        assert_eq!(article.body(), "Hello.");
        assert_eq!(article.first_body_line(), 4);
    }

    #[test]
    fn empty_bodies_are_refused() {
        let err = Loader::new().parse_document("note", "---\ntitle: x\n---\n \n\n").unwrap_err();
        insta::assert_snapshot!(err, @"<input>:4: article `note` has an empty body");
    }

    #[test]
    fn a_document_in_memory_is_held_to_the_size_limit() {
        let loader = Loader::new().max_file_size(10);
        let err = loader.parse_document("note", "Hello there, world.").unwrap_err();
        insta::assert_snapshot!(err, @"note: file is 19 bytes, over the limit of 10 bytes");
        assert!(loader.parse_document("note", "Hello.").is_ok());
    }

    #[test]
    fn a_duplicate_in_a_stream_names_the_stream_and_both_lines() {
        let feed = "{\"id\": \"a\", \"text\": \"One.\"}\n{\"id\": \"b\", \"text\": \"Two.\"}\n{\"id\": \"a\", \"text\": \"Three.\"}\n";
        let mut corpus = Corpus::new();
        let report = Loader::new().load_jsonl(&mut corpus, "<stdin>", feed.as_bytes());
        assert_eq!(report.added, ["a", "b"]);
        let errors: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors, ["<stdin>:3: duplicate article id `a` (first loaded from <stdin>:1)"]);
    }

    #[test]
    fn duplicate_ids_leave_the_corpus_unchanged() {
        let loader = Loader::new();
        let mut corpus = Corpus::new();
        corpus.insert(loader.parse_document("a", "One.").unwrap()).unwrap();
        let err = corpus.insert(loader.parse_document("a", "Two.").unwrap()).unwrap_err();
        insta::assert_snapshot!(err, @"<input>:1: duplicate article id `a` (first loaded from <input>)");
        assert_eq!(corpus.len(), 1);
        assert_eq!(corpus.get("a").unwrap().body(), "One.");
    }
}
