//! The files around a project: the real file behind a link, its mode, and the temporary files
//! a save killed midway leaves behind.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The file a project path names: the path itself, or for a symbolic link the file it leads
/// to, so that a save replaces the project and not the link. A link to nothing is an error.
pub fn real_path(path: &Path) -> io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|error| {
                let target = std::fs::read_link(path)
                    .map(|target| target.display().to_string())
                    .unwrap_or_default();
                io::Error::new(
                    error.kind(),
                    format!("it is a link to {target:?}, which cannot be followed ({error})"),
                )
            })
        }
        _ => Ok(path.to_owned()),
    }
}

/// Gives `file` the permissions of the project at `project`, if there is one: a backup or a
/// recovery copy of a private project is private too.
pub fn copy_permissions(project: &Path, file: &std::fs::File) -> io::Result<()> {
    match std::fs::metadata(project) {
        Ok(metadata) => file.set_permissions(metadata.permissions()),
        Err(_) => Ok(()),
    }
}

/// How old a temporary file must be before it is taken for the remains of a killed save: a save
/// in progress writes its file continuously, and on Linux its file has no name until the end.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Removes the temporary files that saves of the project at `path` (and of its backup and
/// recovery copy) left behind when they were killed midway: `.NAME.ron.XXXXXX`,
/// `.NAME.ron.bak.XXXXXX`, `.NAME.ron.recovery.XXXXXX`, six letters or digits, regular files
/// last written over a minute ago. To be called while holding the project's lock, so that no
/// save of ours is writing one. Returns how many were removed.
pub fn remove_stale_temporaries(path: &Path) -> usize {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return 0;
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        if !is_temporary_of(file_name, name) {
            continue;
        }
        // Never a link or a folder, and only when it has not been written to for a while.
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        let stale = metadata
            .modified()
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if metadata.file_type().is_file() && stale && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether `file_name` is the name of a temporary file of a save of the project `name`.
fn is_temporary_of(file_name: &str, name: &str) -> bool {
    let Some(rest) = file_name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(name))
    else {
        return false;
    };
    let suffix = [".bak.", ".recovery.", "."]
        .iter()
        .find_map(|middle| rest.strip_prefix(middle));
    suffix.is_some_and(|suffix| {
        suffix.len() == 6 && suffix.bytes().all(|byte| byte.is_ascii_alphanumeric())
    })
}

/// Writes a whole file (an export) through a temporary file renamed over it, so a reader
/// never sees half of it and a failed write leaves the old file as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = atomic_write_file::AtomicWriteFile::open(path)?;
    file.write_all(bytes)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_of_a_project_are_told_from_everything_else() {
        let of = |file: &str| is_temporary_of(file, "p.ron");
        assert!(of(".p.ron.a1B2c3"));
        assert!(of(".p.ron.bak.zzzzzz"));
        assert!(of(".p.ron.recovery.000000"));
        for other in [
            ".p.ron.lock",
            ".p.ron.abc12",
            ".p.ron.abc1234",
            ".p.ron.ab-123",
            "p.ron.abc123",
            ".q.ron.abc123",
            ".p.ron",
            ".p.ron.bak",
            ".p.ron.bak.lock12x",
        ] {
            assert!(!of(other), "{other}");
        }
    }
}
