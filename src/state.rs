//! A saved tracker: its articles and its groups' ids, in one versioned
//! JSON file, so a later run can add articles and keep the ids users have
//! already seen.
//!
//! Invariants:
//! - Writes are atomic and durable ([`write_atomically`], which the
//!   command line's reports use too): the state goes to a temporary file in
//!   the same directory (`.NAME.XXXXXX.tmp`), is flushed to disk, renamed
//!   over the old one (keeping its permissions), and the directory is
//!   synced. A crash leaves the old
//!   state or the new one, never half of either; a temporary a killed run
//!   left behind is removed by the next save of the same state. Two
//!   processes saving one state at once are not supported.
//! - A state that cannot be read (corrupt, truncated, another format or
//!   version) is an [`Error::State`] naming the file and line; it is never
//!   overwritten by a caller that stops on the error.
//! - Results are not stored: they are recomputed from the articles, which
//!   gives the same results (the pipeline is deterministic), and the
//!   stored group membership only carries group ids forward.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::error::{Error, Location};
use crate::model::{Article, ArticleMeta, Span};
use crate::tracker::{QueryHit, Tracker, TrackerBuilder};

/// How a temporary of a state being written ends: `.NAME.XXXXXX.tmp`.
const TEMPORARY_SUFFIX: &str = ".tmp";

/// Whether `name` is a temporary of the state whose temporaries start with
/// `prefix` (`.NAME.`): `.NAME.` and six letters or digits and `.tmp`, as
/// `tempfile` names them, or `.NAME.tmp-PID` as earlier versions did. A
/// file of another state (`.NAME.bak.XXXXXX.tmp`) is not one.
fn is_temporary_of(name: &str, prefix: &str) -> bool {
    let Some(rest) = name.strip_prefix(prefix) else { return false };
    let random = rest
        .strip_suffix(TEMPORARY_SUFFIX)
        .is_some_and(|r| r.len() == 6 && r.chars().all(|c| c.is_ascii_alphanumeric()));
    let old = rest
        .strip_prefix("tmp-")
        .is_some_and(|pid| !pid.is_empty() && pid.chars().all(|c| c.is_ascii_digit()));
    random || old
}

/// The state file format's name, written in every file.
pub const STATE_FORMAT: &str = "claimtrack-state";

/// The version this build writes and reads. Version 1 is the first; a file
/// of another version is refused with a message saying so.
pub const STATE_VERSION: u32 = 1;

/// The file as stored.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    format: String,
    version: u32,
    articles: Vec<StoredArticle>,
    groups: Vec<StoredGroup>,
}

/// One article, with everything needed to rebuild it exactly.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredArticle {
    id: String,
    path: Option<PathBuf>,
    meta: ArticleMeta,
    original: String,
    body: Span,
    first_body_line: usize,
    record_line: Option<usize>,
    id_line: usize,
}

/// A group's id and members when the state was saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StoredGroup {
    /// The group id.
    pub id: String,
    /// Its member claim ids.
    pub claims: Vec<String>,
}

/// A saved tracker, read back: the articles, and the groups as they were.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct State {
    /// The saved articles.
    pub corpus: Corpus,
    /// The saved groups, whose ids carry over to a new run.
    pub groups: Vec<StoredGroup>,
}

impl State {
    /// Reads a state file.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read, [`Error::State`] when it
    /// is not a complete state file of this version.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let text =
            fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        let at = |line: Option<usize>| Location::new(Some(path), line);
        // The version first, so a newer file is refused for what it is
        // rather than for a field this build does not know.
        #[derive(Deserialize)]
        struct Header {
            format: Option<String>,
            // Wider than the file's own field, so a far newer version
            // is read as a version, not as corruption.
            version: Option<u64>,
        }
        let header: Header = serde_json::from_str(&text).map_err(|e| Error::State {
            at: at(Some(e.line())),
            message: format!("corrupt or truncated ({e}); the file was left as it is"),
        })?;
        if header.format.as_deref() != Some(STATE_FORMAT) {
            return Err(Error::State { at: at(None), message: format!("not a {STATE_FORMAT} file") });
        }
        match header.version {
            Some(v) if v == u64::from(STATE_VERSION) => {}
            Some(v) => {
                return Err(Error::State {
                    at: at(None),
                    message: format!(
                        "version {v}, but this claimtrack reads version {STATE_VERSION} only; \
                         use the claimtrack that wrote it, or rebuild the state from the articles"
                    ),
                });
            }
            None => return Err(Error::State { at: at(None), message: "no version".into() }),
        }
        let file: StateFile = serde_json::from_str(&text).map_err(|e| Error::State {
            at: at(Some(e.line())),
            message: format!("corrupt ({e}); the file was left as it is"),
        })?;
        let mut corpus = Corpus::new();
        for a in file.articles {
            let consistent =
                a.original.get(a.body.start..a.body.end).is_some() && a.body.end == a.original.len();
            if !consistent {
                return Err(Error::State {
                    at: at(None),
                    message: format!("article {:?} has a body span outside its text", a.id),
                });
            }
            let article = Article {
                id: a.id,
                path: a.path,
                meta: a.meta,
                original: a.original,
                body: a.body,
                first_body_line: a.first_body_line,
                record_line: a.record_line,
                id_line: a.id_line,
                lines: Default::default(),
            };
            crate::corpus::check_stored(&article)
                .map_err(|message| Error::State { at: at(None), message })?;
            corpus.insert(article).map_err(|e| Error::State { at: at(None), message: e.to_string() })?;
        }
        Ok(Self { corpus, groups: file.groups })
    }

    /// Runs the pipeline over the state's articles, keeping the saved
    /// groups' ids: each old id goes to the new group holding most of its
    /// old members, and is used once.
    pub fn into_tracker(self) -> Tracker {
        self.into_tracker_with(TrackerBuilder::default())
    }

    /// As [`State::into_tracker`], with the entity table and settings of
    /// `builder` (the state stores articles, not settings).
    pub fn into_tracker_with(self, builder: TrackerBuilder) -> Tracker {
        builder.previous(self.groups).build(self.corpus)
    }

    /// Answers `query` over the state's articles, with the saved groups'
    /// ids: see [`TrackerBuilder::answer`].
    pub fn answer(self, query: &str, limit: usize) -> (Tracker, Vec<QueryHit>) {
        self.answer_with(TrackerBuilder::default(), query, limit)
    }

    /// As [`State::answer`], with the entity table and settings of
    /// `builder`.
    pub fn answer_with(self, builder: TrackerBuilder, query: &str, limit: usize) -> (Tracker, Vec<QueryHit>) {
        builder.previous(self.groups).answer(self.corpus, query, limit)
    }
}

impl Tracker {
    /// Saves the articles and the groups' ids to `path`, atomically: a
    /// temporary file in the same directory, flushed, then renamed over
    /// `path`.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be written; `path` is then
    /// unchanged. [`Error::State`] for a tracker built by
    /// [`TrackerBuilder::answer`], which holds only its answer's groups.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let path = path.as_ref();
        if self.is_answer() {
            return Err(Error::State {
                at: Location::new(Some(path), None),
                message: "not written: this tracker answers a query and holds only the groups of its answer"
                    .to_owned(),
            });
        }
        let file = StateFile {
            format: STATE_FORMAT.to_owned(),
            version: STATE_VERSION,
            articles: self
                .corpus()
                .articles()
                .map(|a| StoredArticle {
                    id: a.id.clone(),
                    path: a.path.clone(),
                    meta: a.meta.clone(),
                    original: a.original.clone(),
                    body: a.body,
                    first_body_line: a.first_body_line,
                    record_line: a.record_line,
                    id_line: a.id_line,
                })
                .collect(),
            groups: self
                .groups()
                .iter()
                .map(|g| StoredGroup { id: g.id.clone(), claims: g.claims.clone() })
                .collect(),
        };
        // Streamed: a large state is never held twice.
        write_atomically(path, |mut out| {
            serde_json::to_writer(&mut out, &file)?;
            out.write_all(b"\n")
        })
        .map_err(|source| Error::Io { path: path.to_path_buf(), source })
    }
}

/// Writes `path` atomically and durably, with what `write` writes: to a
/// temporary file in the same directory (`.NAME.XXXXXX.tmp`), flushed and
/// synced, renamed over `path`, and the directory synced. A reader sees
/// the old file or the new one, never a part; a crash leaves one of them.
/// A new file gets a new file's usual permissions (0666 less the umask), a
/// replaced one keeps its own. Temporaries of `path` that a killed run
/// left behind are removed first. Saves go through it, and the command
/// line's reports.
///
/// # Errors
/// The first I/O error. Up to the rename, `path` is then unchanged and
/// the temporary gone; an error syncing the directory comes after the
/// rename, when `path` already holds the new contents but may not yet be
/// durable.
pub fn write_atomically(
    path: impl AsRef<Path>,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let path = path.as_ref();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "state".into());
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = format!(".{name}.");
    if let Ok(entries) = fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let other = entry.file_name().to_string_lossy().into_owned();
            if is_temporary_of(&other, &prefix) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMPORARY_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(&dir)?;
    if let Ok(existing) = fs::metadata(path) {
        temporary.as_file().set_permissions(existing.permissions())?;
    }
    {
        let mut out = std::io::BufWriter::new(temporary.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    temporary.as_file().sync_all()?;
    // On failure the temporary is removed when it is dropped.
    temporary.persist(path).map_err(|e| e.error)?;
    // The rename is durable once the directory is synced; where a
    // directory cannot be opened as a file (Windows), the rename is all
    // there is.
    if let Ok(d) = fs::File::open(&dir) {
        d.sync_all()?;
    }
    Ok(())
}
