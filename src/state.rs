//! A saved tracker: its articles and its results, in one versioned JSON
//! file, so a later run adds articles without computing again what they
//! do not touch, and keeps the ids users have already seen.
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
//! - Results are stored with a fingerprint of the settings they were
//!   computed with, and reused only under the same fingerprint
//!   ([`State::is_current`]); they are checked against the articles on
//!   load (`check_saved`), so a tracker made of them holds to a run's
//!   invariants. Otherwise (another fingerprint, a version 1 file) they
//!   are computed again from the articles, and the stored group
//!   membership carries the group ids forward.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::error::{Error, Location};
use crate::model::{Article, ArticleMeta, Assessment, Claim, ClaimGroup, Relation, Retired, Skipped, Span};
use crate::tracker::{QueryHit, Saved, Tracker, TrackerBuilder, text_hash};

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

/// The version this build writes. Version 2 adds the results (claims,
/// groups, scored pairs, relations, verdicts) to version 1's articles and
/// group ids; this build reads both, a version 1 file by computing its
/// results again. A file of another version is refused with a message
/// saying so.
pub const STATE_VERSION: u32 = 2;

/// The first version, which this build still reads.
const FIRST_VERSION: u32 = 1;

/// A version 1 file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFileV1 {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    articles: Vec<StoredArticle>,
    groups: Vec<StoredGroup>,
}

/// A version 2 file, as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    /// The fingerprint of the settings the results were computed with.
    settings: String,
    articles: Vec<StoredArticle>,
    claims: Vec<Claim>,
    skipped: Vec<Skipped>,
    groups: Vec<StoredGroup>,
    /// Scored claim pairs: indices into `claims` and the score.
    pairs: Vec<(u32, u32, f32)>,
    relations: Vec<Relation>,
    assessments: Vec<Assessment>,
    /// Claims edited articles no longer make.
    #[serde(default)]
    retired: Vec<Retired>,
}

/// A version 2 file, as written: borrowed from the tracker.
#[derive(Serialize)]
struct StateFileOut<'a> {
    format: &'a str,
    version: u32,
    settings: &'a str,
    articles: Vec<StoredArticleOut<'a>>,
    claims: &'a [Claim],
    skipped: &'a [Skipped],
    groups: Vec<StoredGroupOut<'a>>,
    pairs: &'a [(u32, u32, f32)],
    relations: &'a [Relation],
    assessments: &'a [Assessment],
    #[serde(skip_serializing_if = "<[Retired]>::is_empty")]
    retired: &'a [Retired],
}

#[derive(Serialize)]
struct StoredArticleOut<'a> {
    id: &'a str,
    path: Option<&'a Path>,
    meta: &'a ArticleMeta,
    original: &'a str,
    body: Span,
    first_body_line: usize,
    record_line: Option<usize>,
    id_line: usize,
}

#[derive(Serialize)]
struct StoredGroupOut<'a> {
    id: &'a str,
    claims: &'a [String],
    canonical_claim: &'a str,
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
    /// Its most representative member (version 2 on; empty in version 1).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub canonical_claim: String,
}

/// A saved tracker, read back: the articles, the groups as they were, and
/// (from version 2) the results, which a run reuses when its settings are
/// the ones they were computed with ([`State::is_current`]).
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct State {
    /// The saved articles. Articles added here are new to the state; a
    /// saved one replaced by an edited version (same id, other text) is
    /// new too, and its old claims are retired.
    pub corpus: Corpus,
    /// The saved groups, whose ids carry over to a new run.
    pub groups: Vec<StoredGroup>,
    /// The saved results, when the file holds them.
    saved: Option<Saved>,
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
            Some(v) if v == u64::from(STATE_VERSION) || v == u64::from(FIRST_VERSION) => {}
            Some(v) => {
                return Err(Error::State {
                    at: at(None),
                    message: format!(
                        "version {v}, but this claimtrack reads versions {FIRST_VERSION} and {STATE_VERSION} only; \
                         use the claimtrack that wrote it, or rebuild the state from the articles"
                    ),
                });
            }
            None => return Err(Error::State { at: at(None), message: "no version".into() }),
        }
        let corrupt = |e: serde_json::Error| Error::State {
            at: at(Some(e.line())),
            message: format!("corrupt ({e}); the file was left as it is"),
        };
        let (articles, groups, results) = if header.version == Some(u64::from(FIRST_VERSION)) {
            let file: StateFileV1 = serde_json::from_str(&text).map_err(corrupt)?;
            (file.articles, file.groups, None)
        } else {
            let file: StateFile = serde_json::from_str(&text).map_err(corrupt)?;
            // The articles and groups are filled in once read.
            let results = Saved {
                settings: file.settings,
                articles: Default::default(),
                claims: file.claims,
                skipped: file.skipped,
                groups: Vec::new(),
                pairs: file.pairs,
                relations: file.relations,
                assessments: file.assessments,
                retired: file.retired,
            };
            (file.articles, file.groups, Some(results))
        };
        drop(text);
        let mut corpus = Corpus::new();
        for a in articles {
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
        let saved = match results {
            None => None,
            Some(mut saved) => {
                saved.articles =
                    corpus.articles().map(|a| (a.id().to_owned(), text_hash(a.original()))).collect();
                saved.groups = groups
                    .iter()
                    .map(|g| ClaimGroup {
                        id: g.id.clone(),
                        claims: g.claims.clone(),
                        canonical_claim: g.canonical_claim.clone(),
                        evidence: Default::default(),
                    })
                    .collect();
                check_saved(&corpus, &saved).map_err(|message| Error::State { at: at(None), message })?;
                Some(saved)
            }
        };
        Ok(Self { corpus, groups, saved })
    }

    /// Whether the state holds results computed with `builder`'s settings
    /// (the same claimtrack version, matcher and analysis settings and
    /// entity table), which a run then reuses: unchanged articles are not
    /// extracted again, their groups, relations and verdicts stay, and
    /// only what new articles touch is computed. Otherwise a run computes
    /// everything again, keeping the groups' ids.
    pub fn is_current(&self, builder: &TrackerBuilder) -> bool {
        self.saved.as_ref().is_some_and(|s| s.settings == builder.fingerprint())
    }

    /// Runs the pipeline over the state's articles, keeping the saved
    /// groups' ids: each old id goes to the new group holding most of its
    /// old members, and is used once.
    pub fn into_tracker(self) -> Tracker {
        self.into_tracker_with(TrackerBuilder::default())
    }

    /// As [`State::into_tracker`], with the entity table and settings of
    /// `builder` (the state stores articles, not settings).
    ///
    /// When the state [`is_current`](State::is_current) for `builder`
    /// and no evidence is asked for, its results are reused: see there.
    pub fn into_tracker_with(self, builder: TrackerBuilder) -> Tracker {
        match self.saved {
            Some(saved) if saved.settings == builder.fingerprint() && !builder.wants_evidence() => {
                builder.resume(self.corpus, saved)
            }
            saved => {
                let retired = saved.map(|s| s.retired).unwrap_or_default();
                builder.previous(self.groups).build(self.corpus).with_retired(retired, None)
            }
        }
    }

    /// Answers `query` over the state's articles, with the saved groups'
    /// ids: see [`TrackerBuilder::answer`].
    pub fn answer(self, query: &str, limit: usize) -> (Tracker, Vec<QueryHit>) {
        self.answer_with(TrackerBuilder::default(), query, limit)
    }

    /// As [`State::answer`], with the entity table and settings of
    /// `builder`.
    ///
    /// When the state [`is_current`](State::is_current) for `builder`, the
    /// saved results are read back (and what new articles touch computed)
    /// rather than analysing the answer alone: the tracker returned is
    /// then whole, not an answer.
    pub fn answer_with(self, builder: TrackerBuilder, query: &str, limit: usize) -> (Tracker, Vec<QueryHit>) {
        if self.is_current(&builder) {
            let tracker = self.into_tracker_with(builder.evidence(false));
            let hits = tracker.query(query, limit);
            return (tracker, hits);
        }
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
        let (claims, skipped, pairs, relations, assessments, settings) = self.saved_parts();
        let file = StateFileOut {
            format: STATE_FORMAT,
            version: STATE_VERSION,
            settings,
            articles: self
                .corpus()
                .articles()
                .map(|a| StoredArticleOut {
                    id: &a.id,
                    path: a.path.as_deref(),
                    meta: &a.meta,
                    original: &a.original,
                    body: a.body,
                    first_body_line: a.first_body_line,
                    record_line: a.record_line,
                    id_line: a.id_line,
                })
                .collect(),
            claims,
            skipped,
            groups: self
                .groups()
                .iter()
                .map(|g| StoredGroupOut { id: &g.id, claims: &g.claims, canonical_claim: &g.canonical_claim })
                .collect(),
            pairs,
            relations,
            assessments,
            retired: self.retired(),
        };
        // Streamed: a large state is never held twice.
        write_atomically(path, |mut out| {
            serde_json::to_writer(&mut out, &file)?;
            out.write_all(b"\n")
        })
        .map_err(|source| Error::Io { path: path.to_path_buf(), source })
    }
}

/// Checks saved results against the articles they were read with, so a
/// tracker made of them holds to the invariants a run's does: every claim
/// and skipped piece of a saved article, in article order, its spans
/// inside the article's text on character boundaries; claim ids unique;
/// every claim in exactly one group, whose canonical claim is a member;
/// pairs between two claims; relations between groups, over claims; one
/// verdict per group, in group order. The message names what is wrong.
fn check_saved(corpus: &Corpus, saved: &Saved) -> Result<(), String> {
    let position: std::collections::HashMap<&str, usize> =
        corpus.articles().enumerate().map(|(k, a)| (a.id(), k)).collect();
    let span_ok = |article: &str, span: Span| {
        corpus.get(article).is_some_and(|a| a.original().get(span.start..span.end).is_some())
    };
    let mut last = 0usize;
    let mut ids = std::collections::HashSet::new();
    for c in &saved.claims {
        let Some(&k) = position.get(c.article()) else {
            return Err(format!(
                "claim {:?} is of article {:?}, which the state does not hold",
                c.id(),
                c.article()
            ));
        };
        if k < last {
            return Err(format!("claim {:?} is out of article order", c.id()));
        }
        last = k;
        let spans = std::iter::once(c.span())
            .chain(c.quantities().iter().map(|q| q.span))
            .chain(c.facts().iter().map(|f| f.span))
            .chain(c.unresolved_dates().iter().map(|d| d.span))
            .chain(c.unread_amounts().iter().map(|d| d.span));
        for span in spans {
            if !span_ok(c.article(), span) {
                return Err(format!("claim {:?} has a span outside its article's text", c.id()));
            }
        }
        if !ids.insert(c.id()) {
            return Err(format!("claim {:?} is saved twice", c.id()));
        }
    }
    let mut last = 0usize;
    for k in &saved.skipped {
        let Some(&at) = position.get(k.article.as_str()) else {
            return Err(format!("skipped text of article {:?}, which the state does not hold", k.article));
        };
        if at < last || !span_ok(&k.article, k.span) {
            return Err(format!(
                "skipped text of article {:?} is out of order or outside its text",
                k.article
            ));
        }
        last = at;
    }
    let mut group_ids = std::collections::HashSet::new();
    let mut grouped = std::collections::HashSet::new();
    for g in &saved.groups {
        if !group_ids.insert(g.id.as_str()) {
            return Err(format!("group {:?} is saved twice", g.id));
        }
        if !g.claims.contains(&g.canonical_claim) {
            return Err(format!("group {:?}: its canonical claim is not a member", g.id));
        }
        for c in &g.claims {
            if !ids.contains(c.as_str()) || !grouped.insert(c.as_str()) {
                return Err(format!("group {:?}: claim {c:?} is unknown or in another group too", g.id));
            }
        }
    }
    if grouped.len() != ids.len() {
        return Err(format!("{} claims are in no group", ids.len() - grouped.len()));
    }
    let n = saved.claims.len();
    if let Some(&(a, b, _)) =
        saved.pairs.iter().find(|&&(a, b, s)| a >= b || b as usize >= n || !s.is_finite())
    {
        return Err(format!("scored pair ({a}, {b}) is not between two saved claims"));
    }
    for r in &saved.relations {
        let known = group_ids.contains(r.from.as_str()) && group_ids.contains(r.to.as_str());
        let over_claims =
            r.pairs.iter().all(|p| ids.contains(p.from.as_str()) && ids.contains(p.to.as_str()));
        if !known || !over_claims {
            return Err(format!(
                "relation {:?} -> {:?} is not between saved groups and claims",
                r.from, r.to
            ));
        }
    }
    if let Some(r) = saved.retired.iter().find(|r| corpus.get(&r.article).is_none()) {
        return Err(format!(
            "retired claim {:?} is of article {:?}, which the state does not hold",
            r.claim, r.article
        ));
    }
    let in_order = saved.assessments.len() == saved.groups.len()
        && saved.assessments.iter().zip(&saved.groups).all(|(a, g)| a.group == g.id);
    if !in_order {
        return Err("the verdicts are not one per group, in group order".to_owned());
    }
    Ok(())
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
