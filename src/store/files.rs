//! The files around a project: the real file behind a link, its mode, and the temporary files
//! a save killed midway leaves behind.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The file a project path names: the path itself, or for a symbolic link the file it leads
/// to, so that a save replaces the project and not the link. A link to nothing is an error.
pub fn real_path(path: &Path) -> io::Result<PathBuf> {
    crate::frame_guard::heavy("resolving a file's links");
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
    with_retries(|| {
        let mut file = atomic_write_file::AtomicWriteFile::open(path)?;
        file.write_all(bytes)?;
        file.commit()
    })
}

/// The pauses between tries of a replace that another program got in the way of: about one
/// second in all, then the error is the user's to see.
const REPLACE_PAUSES: [Duration; 6] = [
    Duration::from_millis(10),
    Duration::from_millis(25),
    Duration::from_millis(50),
    Duration::from_millis(100),
    Duration::from_millis(250),
    Duration::from_millis(500),
];

/// Runs `replace` (write a temporary file and rename it over a file) and, while it fails for a
/// reason that passes by itself, runs it again after a short pause, a bounded number of times.
/// On Windows a scanner, an indexer or a sync client that has the file open for a moment makes
/// the rename fail; elsewhere nothing is tried twice.
pub fn with_retries<T>(replace: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    retry_while(replace, is_transient, &REPLACE_PAUSES)
}

fn retry_while<T>(
    mut replace: impl FnMut() -> io::Result<T>,
    transient: impl Fn(&io::Error) -> bool,
    pauses: &[Duration],
) -> io::Result<T> {
    let mut pauses = pauses.iter();
    loop {
        match replace() {
            Err(error) if transient(&error) => match pauses.next() {
                Some(pause) => std::thread::sleep(*pause),
                None => return Err(error),
            },
            result => return result,
        }
    }
}

/// Whether a failed replace may work when tried again: on Windows, access denied, a sharing
/// violation or a lock violation (error codes 5, 32, 33), which another program holding the
/// file open without sharing causes.
#[cfg(windows)]
fn is_transient(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(5 | 32 | 33))
}

/// Whether a failed replace may work when tried again: on Unix a rename does not fail because
/// another program has the file open, so no error passes by itself.
#[cfg(not(windows))]
fn is_transient(_error: &io::Error) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replace_is_tried_again_while_its_error_passes_and_no_more_than_bounded() {
        let pauses = [Duration::ZERO; 3];
        let busy = || io::Error::new(io::ErrorKind::ResourceBusy, "held by another program");
        let transient = |error: &io::Error| error.kind() == io::ErrorKind::ResourceBusy;

        let mut tries = 0;
        let result = retry_while(
            || {
                tries += 1;
                if tries < 3 { Err(busy()) } else { Ok(tries) }
            },
            transient,
            &pauses,
        );
        assert_eq!(result.ok(), Some(3));

        let mut tries = 0;
        let result: io::Result<()> = retry_while(
            || {
                tries += 1;
                Err(busy())
            },
            transient,
            &pauses,
        );
        assert_eq!(
            result.map_err(|error| error.kind()),
            Err(io::ErrorKind::ResourceBusy)
        );
        assert_eq!(tries, 4, "the first try and one after each pause");

        let mut tries = 0;
        let result: io::Result<()> = retry_while(
            || {
                tries += 1;
                Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
            },
            transient,
            &pauses,
        );
        assert!(result.is_err());
        assert_eq!(tries, 1, "an error that does not pass is not tried again");
    }

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
