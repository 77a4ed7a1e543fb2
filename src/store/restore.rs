//! When a project cannot be read: the copies that can stand in for it, and putting one in its
//! place while the damaged file is kept aside.

use super::{backup_path, load, recovery_path};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Which copy of a project a fallback is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FallbackKind {
    /// The previous save (`NAME.ron.bak`).
    Backup,
    /// The unsaved changes the window copied (`NAME.ron.recovery`).
    Recovery,
}

impl FallbackKind {
    /// How the user calls it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Backup => "backup",
            Self::Recovery => "recovery copy",
        }
    }
}

/// A copy of a project that loads, and can stand in for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fallback {
    /// Which copy it is.
    pub kind: FallbackKind,
    /// Its file.
    pub path: PathBuf,
    /// When it was written.
    pub modified: Option<SystemTime>,
}

impl Fallback {
    /// When it was written, in local time ("2026-12-01 14:03"), or "an unknown time".
    pub fn when(&self) -> String {
        self.modified
            .map_or_else(|| "an unknown time".to_owned(), local_time)
    }
}

/// A file's time as the messages about copies give it: local, to the minute
/// ("2026-12-01 14:03").
pub fn local_time(time: SystemTime) -> String {
    chrono::DateTime::<chrono::Local>::from(time)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The backup and the recovery copy of the project at `path` that load, the newest first. Each
/// is read whole to check it; nothing is written.
pub fn fallbacks(path: &Path) -> Vec<Fallback> {
    crate::frame_guard::heavy("looking for a project's backups");
    let mut found: Vec<Fallback> = [
        (FallbackKind::Recovery, recovery_path(path)),
        (FallbackKind::Backup, backup_path(path)),
    ]
    .into_iter()
    .filter(|(_, copy)| load(copy).is_ok())
    .map(|(kind, copy)| Fallback {
        kind,
        modified: std::fs::metadata(&copy)
            .and_then(|metadata| metadata.modified())
            .ok(),
        path: copy,
    })
    .collect();
    found.sort_by_key(|fallback| std::cmp::Reverse(fallback.modified));
    found
}

/// Where a damaged project is kept: `NAME.ron.damaged`, or `NAME.ron.damaged-2` and so on when
/// that exists already.
fn damaged_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_os_string();
    (1..)
        .map(|number| {
            let mut kept = name.clone();
            kept.push(if number == 1 {
                ".damaged".to_owned()
            } else {
                format!(".damaged-{number}")
            });
            path.with_file_name(kept)
        })
        .find(|kept| std::fs::symlink_metadata(kept).is_err())
        .unwrap_or_else(|| path.with_extension("damaged"))
}

/// Puts the copy at `copy` in the place of the project at `path`, after moving the project's
/// file aside (see [`damaged_path`]); returns where the damaged file is now, if there was one.
/// The copy stays where it is.
pub fn restore(path: &Path, copy: &Path) -> io::Result<Option<PathBuf>> {
    crate::frame_guard::heavy("restoring a project from a copy");
    let path = &super::real_path(path)?;
    let bytes = std::fs::read(copy)?;
    let kept = if std::fs::symlink_metadata(path).is_ok() {
        let kept = damaged_path(path);
        super::files::with_retries(|| std::fs::rename(path, &kept))?;
        Some(kept)
    } else {
        None
    };
    super::files::with_retries(|| {
        let mut file = atomic_write_file::AtomicWriteFile::open(path)?;
        if let Some(kept) = &kept {
            super::files::copy_permissions(kept, file.as_file())?;
        }
        file.write_all(&bytes)?;
        file.commit()
    })?;
    Ok(kept)
}
