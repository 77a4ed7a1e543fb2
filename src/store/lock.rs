//! An advisory lock per project file, held by every writer for its load → modify → save.
//!
//! The lock is taken on a small file beside the project (`.NAME.ron.lock`), never on the project
//! itself: saving renames a new file over the project, and a lock on the old file would not
//! keep out a writer who opens the new one. The lock file stays on disk; only the lock matters.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a writer waits for another to finish before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Why the project's lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another writer held the lock for longer than [`LOCK_WAIT`].
    #[error(
        "another program is saving this project and did not finish within {} seconds; try again: {}",
        LOCK_WAIT.as_secs(),
        path.display()
    )]
    Busy {
        /// The project file.
        path: PathBuf,
    },
    /// The lock file could not be created or locked.
    #[error("cannot lock the project ({source}): {}", path.display())]
    Io {
        /// The lock file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
}

/// A held lock on a project; released when dropped.
#[derive(Debug)]
pub struct ProjectLock {
    _file: File,
}

/// The lock file beside a project: `.NAME.ron.lock`, beside the file a link leads to, so that
/// writers through the link and through the file take one lock.
pub fn lock_path(path: &Path) -> PathBuf {
    let path = &super::real_path(path).unwrap_or_else(|_| path.to_owned());
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".lock");
    path.with_file_name(name)
}

/// The project's lock if no one holds it now; never waits.
pub fn try_lock(path: &Path) -> Option<ProjectLock> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(path))
        .ok()?;
    file.try_lock().ok()?;
    Some(ProjectLock { _file: file })
}

/// Takes the project's lock, waiting up to [`LOCK_WAIT`] for another writer to let go.
pub fn lock(path: &Path) -> Result<ProjectLock, LockError> {
    crate::frame_guard::heavy("taking a project's lock");
    let lock_file = lock_path(path);
    let io = |source| LockError::Io {
        path: lock_file.clone(),
        source,
    };
    if let Some(parent) = lock_file
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_file)
        .map_err(io)?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(ProjectLock { _file: file }),
            Err(TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(LockError::Busy {
                    path: path.to_owned(),
                });
            }
            Err(TryLockError::Error(source)) => return Err(io(source)),
        }
    }
}
