//! The project file: one pretty-printed RON file with a format version, saved atomically.
//!
//! Saving writes a temporary file beside the project, syncs it, keeps the previous version as
//! `NAME.ron.bak` and renames the new file over the old one, so a crash at any moment leaves
//! either the old or the new project on disk. Loading checks every invariant the editor relies
//! on; a file that fails is reported with its path and never written to.

mod files;
mod lock;
mod restore;

pub use files::{real_path, remove_stale_temporaries, write_atomically};
pub use lock::{LOCK_WAIT, LockError, ProjectLock, lock, lock_path, try_lock};
pub use restore::{Fallback, FallbackKind, fallbacks, local_time, restore};

use crate::model::{Document, Project};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The file format this build writes, and the newest it reads.
///
/// - 1: every entity analysis found was stored, with the user's decisions mixed in.
/// - 2: only the entities the user decided something about are stored; the others are derived
///   from the documents on every load. A file of format 1 is migrated when opened (see
///   [`crate::workspace::Workspace::open`]).
pub const FORMAT_VERSION: u32 = 2;

/// The extension of project files.
pub const EXTENSION: &str = "ron";

#[derive(Serialize)]
struct FileOut<'a> {
    format_version: u32,
    project: &'a Project,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    format_version: u32,
    project: Project,
}

/// Reads only the version, so that a newer file is refused before its schema is interpreted.
#[derive(Deserialize)]
struct VersionOnly {
    format_version: u32,
}

/// Why a project could not be loaded. Nothing on disk was changed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read the project: {source}: {}", path.display())]
    Io {
        /// The project file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The file is not valid UTF-8 text.
    #[error("the project is not a text file (invalid UTF-8 at byte {offset}): {}", path.display())]
    NotText {
        /// The project file.
        path: PathBuf,
        /// Where the first invalid byte is.
        offset: usize,
    },
    /// The file is not a well-formed project.
    #[error("{}:{line}:{column}: the project file is damaged or not a project: {message}", path.display())]
    Syntax {
        /// The project file.
        path: PathBuf,
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem, from 1.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The file was written by a newer Triangulate.
    #[error("the project was saved in format {found}, newer than this version of Triangulate reads ({FORMAT_VERSION}); update Triangulate to open it: {}", path.display())]
    NewerVersion {
        /// The project file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
    },
    /// The file parses but breaks an invariant, such as a claim whose quote no longer matches.
    #[error("{}{}: the project is inconsistent: {problem}", path.display(), format_position(*position))]
    Invalid {
        /// The project file.
        path: PathBuf,
        /// Line and column of the offending item, when it can be found in the file.
        position: Option<(usize, usize)>,
        /// The first problem found.
        problem: String,
    },
}

/// Why a project could not be saved. The previous file, if any, is intact.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Writing failed.
    #[error("cannot save the project: {source}: {}", path.display())]
    Io {
        /// The project file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The project file is read-only: the user made it so, and a save must not replace it.
    #[error("cannot save the project: the file is read-only (make it writable, or save a copy under another name): {}", path.display())]
    ReadOnly {
        /// The project file.
        path: PathBuf,
    },
    /// Serialising failed (a bug, never the user's doing).
    #[error("cannot write the project as RON: {message}: {}", path.display())]
    Serialize {
        /// The project file.
        path: PathBuf,
        /// The serialiser's message.
        message: String,
    },
}

impl LoadError {
    /// The file that could not be read.
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::NotText { path, .. }
            | Self::Syntax { path, .. }
            | Self::NewerVersion { path, .. }
            | Self::Invalid { path, .. } => path,
        }
    }
}

/// What a project file looked like on disk when it was last read or written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    /// Last modification time.
    pub modified: Option<SystemTime>,
    /// Length in bytes.
    pub len: u64,
}

impl DiskStamp {
    /// The stamp of the file at `path` now, or `None` if there is no such file.
    pub fn read(path: &Path) -> Option<Self> {
        crate::frame_guard::heavy("reading a file's stamp");
        let metadata = std::fs::metadata(path).ok()?;
        Some(Self {
            modified: metadata.modified().ok(),
            len: metadata.len(),
        })
    }
}

/// Whether the file at `path` changed since `known` was taken (created, deleted or rewritten).
pub fn changed_on_disk(path: &Path, known: Option<DiskStamp>) -> bool {
    crate::frame_guard::heavy("checking a project file on disk");
    DiskStamp::read(path) != known
}

/// The backup kept beside a project: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// The recovery file kept beside a project while it has unsaved changes: `NAME.ron.recovery`.
pub fn recovery_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".recovery");
    path.with_file_name(name)
}

/// Writes unsaved changes to the project's recovery file, atomically; the project file itself
/// and its backup are not touched.
pub fn write_recovery(project: &Project, path: &Path) -> Result<(), SaveError> {
    crate::frame_guard::heavy("writing a recovery copy");
    let path = &real_path(path).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        source,
    })?;
    let recovery = recovery_path(path);
    let io = |source| SaveError::Io {
        path: recovery.clone(),
        source,
    };
    let text = to_ron(project).map_err(|error| SaveError::Serialize {
        path: recovery.clone(),
        message: error.to_string(),
    })?;
    files::with_retries(|| {
        let mut file = atomic_write_file::AtomicWriteFile::open(&recovery)?;
        files::copy_permissions(path, file.as_file())?;
        file.write_all(text.as_bytes())?;
        file.commit()
    })
    .map_err(io)
}

/// Whether a recovery file newer than the project is waiting beside it.
pub fn has_newer_recovery(path: &Path) -> bool {
    crate::frame_guard::heavy("looking for a recovery copy");
    let modified = |path: &Path| {
        std::fs::metadata(path)
            .and_then(|metadata| metadata.modified())
            .ok()
    };
    match (modified(&recovery_path(path)), modified(path)) {
        (Some(recovery), Some(project)) => recovery > project,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Serialises a project as pretty RON text.
pub fn to_ron(project: &Project) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::default()
        .escape_strings(false)
        .struct_names(false);
    ron::ser::to_string_pretty(
        &FileOut {
            format_version: FORMAT_VERSION,
            project,
        },
        config,
    )
}

/// Parses and checks a project from RON text; `path` only names the file in errors.
pub fn from_ron(text: &str, path: &Path) -> Result<Project, LoadError> {
    from_ron_versioned(text, path).map(|(project, _)| project)
}

/// [`from_ron`], with the format version the file was written in.
///
/// A byte-order mark, which some editors add, is skipped. Line endings of CRLF, which a git
/// checkout with `autocrlf` makes of the file, are read back as the LF the file was written
/// with: document texts are stored with LF line endings only (the importers normalise them),
/// so the conversion is exact and every text still matches its hash.
pub fn from_ron_versioned(text: &str, path: &Path) -> Result<(Project, u32), LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unix;
    let text = if text.contains("\r\n") {
        unix = text.replace("\r\n", "\n");
        unix.as_str()
    } else {
        text
    };
    let syntax = |error: ron::error::SpannedError| LoadError::Syntax {
        path: path.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: error.code.to_string(),
    };
    let version = ron::from_str::<VersionOnly>(text)
        .map_err(syntax)?
        .format_version;
    if version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion {
            path: path.to_owned(),
            found: version,
        });
    }
    if version == 0 {
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            position: None,
            problem: "format version 0 does not exist".into(),
        });
    }
    let file: FileIn = ron::from_str(text).map_err(syntax)?;
    debug_assert_eq!(file.format_version, version);
    let mut project = file.project;
    validate(&mut project).map_err(|inconsistency| LoadError::Invalid {
        path: path.to_owned(),
        position: inconsistency
            .near
            .as_deref()
            .and_then(|near| position_of(text, near)),
        problem: inconsistency.problem,
    })?;
    Ok((project, version))
}

/// The largest project file read: a bigger file is refused before it is read.
pub const MAX_PROJECT_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Loads a project and returns it with the file's stamp.
pub fn load(path: &Path) -> Result<(Project, Option<DiskStamp>), LoadError> {
    load_versioned(path).map(|(project, stamp, _)| (project, stamp))
}

/// [`load`], with the format version the file was written in, which may be older than
/// [`FORMAT_VERSION`] and need migrating.
pub fn load_versioned(path: &Path) -> Result<(Project, Option<DiskStamp>, u32), LoadError> {
    crate::frame_guard::heavy("reading a project file");
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    // Only a regular file is read, and only up to the limit: a FIFO or a device would hang or
    // read forever.
    let metadata = std::fs::metadata(path).map_err(io)?;
    if !metadata.is_file() {
        return Err(io(std::io::Error::other(
            "it is not a regular file (a folder, a device or a pipe)",
        )));
    }
    if metadata.len() > MAX_PROJECT_BYTES {
        return Err(io(std::io::Error::other(format!(
            "it is {} MB, over the limit of {} MB for a project",
            metadata.len() / 1_000_000,
            MAX_PROJECT_BYTES / 1_000_000
        ))));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let stamp = DiskStamp::read(path);
    let text = std::str::from_utf8(&bytes).map_err(|error| LoadError::NotText {
        path: path.to_owned(),
        offset: error.valid_up_to(),
    })?;
    let (project, version) = from_ron_versioned(text, path)?;
    Ok((project, stamp, version))
}

/// Saves a project atomically, keeping the previous file as a backup; returns the new stamp.
///
/// Through a symbolic link, the file it leads to is saved and the link stays. The new file
/// keeps the project's permissions, and so does the backup; a read-only project is not
/// replaced. Temporary files that earlier saves left when killed midway are removed (the
/// caller holds the project's lock).
pub fn save(project: &Project, path: &Path) -> Result<Option<DiskStamp>, SaveError> {
    crate::frame_guard::heavy("writing a project file");
    let given = path;
    let path = &real_path(given).map_err(|source| SaveError::Io {
        path: given.to_owned(),
        source,
    })?;
    let io = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    if std::fs::metadata(path).is_ok_and(|metadata| metadata.permissions().readonly()) {
        return Err(SaveError::ReadOnly {
            path: given.to_owned(),
        });
    }
    let text = to_ron(project).map_err(|error| SaveError::Serialize {
        path: path.to_owned(),
        message: error.to_string(),
    })?;
    if let Some(parent) = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    // The backup first: if anything fails after it, the project is as it was and so is its copy.
    if path.exists() {
        files::with_retries(|| keep_backup(path)).map_err(io)?;
    }
    files::with_retries(|| {
        let mut file = atomic_write_file::AtomicWriteFile::open(path)?;
        file.write_all(text.as_bytes())?;
        // `commit` syncs the file, renames it over the project and syncs the folder.
        file.commit()
    })
    .map_err(io)?;
    remove_stale_temporaries(path);
    Ok(DiskStamp::read(path))
}

/// Copies the current project to its backup through a temporary file, so the backup is whole too.
fn keep_backup(path: &Path) -> std::io::Result<()> {
    let backup = backup_path(path);
    let mut temporary = atomic_write_file::AtomicWriteFile::open(&backup)?;
    files::copy_permissions(path, temporary.as_file())?;
    let mut current = std::fs::File::open(path)?;
    std::io::copy(&mut current, &mut temporary)?;
    temporary.commit()
}

/// A broken invariant, and text near the offending item to find it in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inconsistency {
    /// What is wrong.
    pub problem: String,
    /// A piece of the file that stands near the problem, such as a claim's quote.
    pub near: Option<String>,
}

impl From<String> for Inconsistency {
    fn from(problem: String) -> Self {
        Self {
            problem,
            near: None,
        }
    }
}

fn format_position(position: Option<(usize, usize)>) -> String {
    position.map_or_else(String::new, |(line, column)| format!(":{line}:{column}"))
}

/// Line and column (from 1) of the first occurrence of `needle` in `text`.
fn position_of(text: &str, needle: &str) -> Option<(usize, usize)> {
    let offset = text.find(needle)?;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    Some((line, column))
}

/// Checks every invariant the editor relies on; sorts collections that were edited out of order.
pub fn validate(project: &mut Project) -> Result<(), Inconsistency> {
    let percent = project.near_duplicate.percent();
    if crate::model::NearDuplicate::new(percent).is_none() {
        return Err(format!(
            "near_duplicate is {percent}: it must be a share from 1 to 100 percent"
        )
        .into());
    }
    // Collections are sorted by id with each id once by their type (`model::Table`), which
    // refuses a file that gives an id twice while it is read.
    for document in &project.documents {
        let near = || Some(document.content_hash.clone());
        if Document::hash_text(&document.text) != document.content_hash {
            let problem = format!(
                "document {} ({}): its text does not match its content hash",
                document.id, document.file
            );
            return Err(Inconsistency {
                problem,
                near: near(),
            });
        }
        if let Some(error) = document
            .boilerplate
            .iter()
            .find_map(|span| span.check(&document.text).err())
        {
            let problem = format!(
                "document {} ({}): a set-aside paragraph {error}",
                document.id, document.file
            );
            return Err(Inconsistency {
                problem,
                near: near(),
            });
        }
        if let Err(error) = document.body.check(&document.text) {
            let problem = format!("document {} ({}): body {error}", document.id, document.file);
            return Err(Inconsistency {
                problem,
                near: near(),
            });
        }
    }
    for code in &project.codes {
        project.check_code(code)?;
    }
    project
        .distinct
        .iter_mut()
        .for_each(|pair| *pair = (pair.0.min(pair.1), pair.0.max(pair.1)));
    project.distinct.sort_unstable();
    project.distinct.dedup();
    if let Some((a, b)) = project
        .distinct
        .iter()
        .find(|(a, b)| project.entity(*a).is_none() || project.entity(*b).is_none())
    {
        return Err(format!(
            "entities {a} and {b}, marked as not the same, are not both in the project"
        )
        .into());
    }
    for claim in &project.claims {
        project
            .check_claim(claim)
            .map_err(|problem| Inconsistency {
                problem,
                near: Some(claim.quote.exact.clone()).filter(|exact| !exact.is_empty()),
            })?;
    }
    Ok(())
}
