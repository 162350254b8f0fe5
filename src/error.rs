//! The crate's one error type.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in the input an error was found: a file (or `<input>` for text
/// given in memory) and, when known, a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file, if the input came from one.
    pub path: Option<PathBuf>,
    /// The 1-based line (for JSONL input, the record's line number).
    pub line: Option<usize>,
}

impl Location {
    pub(crate) fn new(path: Option<&Path>, line: Option<usize>) -> Self {
        Self { path: path.map(Path::to_path_buf), line }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{}", path.display())?,
            None => f.write_str("<input>")?,
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in claimtrack.
///
/// Messages name the file and line at fault (`corpus/a.md:3: ...`), and the
/// field where one is to blame, so a user can go straight to the problem.
/// Loading never loses what was already loaded: a bad file is reported and
/// skipped, the rest of the corpus stays.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A saved state file is corrupt, truncated, of another version, or
    /// not a state file at all. It is left untouched.
    #[error("{at}: state file: {message}")]
    State {
        /// The file and, when known, the line.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// A file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file given explicitly has an extension claimtrack does not read.
    #[error("{}: unsupported file type (expected .md, .markdown, .txt or .jsonl)", path.display())]
    UnsupportedFile {
        /// The file.
        path: PathBuf,
    },
    /// A file is larger than the loader's size limit.
    #[error("{}: file is {size} bytes, over the limit of {limit} bytes", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The configured limit in bytes.
        limit: u64,
    },
    /// The input is not valid UTF-8.
    #[error("{at}: not valid UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 {
        /// The file and the line of the first invalid byte.
        at: Location,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The front-matter block is unterminated or is not valid YAML.
    #[error("{at}: front matter: {message}")]
    FrontMatter {
        /// The file and line.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// A JSONL line is not a valid JSON object.
    #[error("{at}: {message}")]
    Json {
        /// The file and line.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// A metadata field is unknown, has the wrong type, or holds an
    /// impossible value.
    #[error("{at}: field `{field}`: {message}")]
    Field {
        /// The file and line.
        at: Location,
        /// The field's name.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// An article has no text.
    #[error("{at}: article `{id}` has an empty body")]
    EmptyBody {
        /// The file and line where the body should be.
        at: Location,
        /// The article's id.
        id: String,
    },
    /// An article is in a language claimtrack does not read yet (only
    /// English): skipped rather than misread.
    #[error(
        "{at}: article `{id}` is in language `{language}`; claimtrack reads English (`en`) only, so it is skipped"
    )]
    UnsupportedLanguage {
        /// The file and line of the article.
        at: Location,
        /// The article's id.
        id: String,
        /// Its `language` field.
        language: String,
    },
    /// Two articles have the same id.
    #[error("{at}: duplicate article id `{id}` (first loaded from {first})")]
    DuplicateId {
        /// Where the second article was found.
        at: Location,
        /// The id.
        id: String,
        /// Where the first was loaded from.
        first: Location,
    },
    /// An article made in memory ([`Article::new`](crate::Article::new))
    /// has a bad id or no text.
    #[error("article {id:?}: {message}")]
    InvalidArticle {
        /// The id given.
        id: String,
        /// What is wrong.
        message: String,
    },
    /// An entity table entry is malformed, or an alias already names
    /// another entity.
    #[error("entity table{}: {message}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    EntityTable {
        /// The table's line, when read from text.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A command-line or configuration value is invalid.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// The location the error points at, when it has one.
    pub fn location(&self) -> Option<Location> {
        match self {
            Error::Io { path, .. } | Error::UnsupportedFile { path } | Error::TooLarge { path, .. } => {
                Some(Location::new(Some(path), None))
            }
            Error::NotUtf8 { at, .. }
            | Error::FrontMatter { at, .. }
            | Error::Json { at, .. }
            | Error::Field { at, .. }
            | Error::EmptyBody { at, .. }
            | Error::UnsupportedLanguage { at, .. }
            | Error::DuplicateId { at, .. }
            | Error::State { at, .. } => Some(at.clone()),
            Error::Usage(_) | Error::InvalidArticle { .. } | Error::EntityTable { .. } => None,
        }
    }
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
