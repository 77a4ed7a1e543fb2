//! Every reader runs where a runaway cannot hold the import up: on a worker of its own, with a
//! large stack, a time budget and a catch for a reader's panic.
//!
//! A reader that overruns its budget is abandoned: its file is refused at once and the batch goes
//! on; the worker finishes in the background (a thread cannot be stopped from outside; the PDF
//! reader checks the clock between pages so that it stops early). The depth pre-checks of the
//! HTML and PDF readers keep a hostile file from overflowing even this stack, which would abort
//! the process.

use super::ImportError;
use std::time::Duration;

/// The stack a reader gets: parsers of nested formats recurse.
const READER_STACK: usize = 64 * 1024 * 1024;

/// Runs `read` on a worker named `name` and waits for it at most `budget`.
pub(super) fn within_budget<T: Send + 'static>(
    name: &str,
    budget: Duration,
    read: impl FnOnce() -> Result<T, ImportError> + Send + 'static,
) -> Result<T, ImportError> {
    let (sender, receiver) = std::sync::mpsc::channel();
    let worker = std::thread::Builder::new()
        .name(name.to_owned())
        .stack_size(READER_STACK)
        .spawn(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
            let _ = sender.send(outcome);
        });
    if worker.is_err() {
        return Err(ImportError::Damaged {
            reason: "no worker could be started to read it".into(),
        });
    }
    match receiver.recv_timeout(budget) {
        Ok(Ok(read)) => read,
        Ok(Err(_)) => Err(ImportError::Damaged {
            reason: "the reader failed on this file".into(),
        }),
        Err(_) => Err(ImportError::TooSlow { budget }),
    }
}

#[cfg(test)]
mod tests {
    use super::within_budget;
    use crate::import::ImportError;
    use std::time::Duration;

    #[test]
    fn a_reader_that_panics_or_overruns_is_refused_and_one_that_finishes_is_not() {
        let read = within_budget("test", Duration::from_secs(30), || Ok(7));
        assert_eq!(read.ok(), Some(7));
        let panicked =
            within_budget::<()>("test", Duration::from_secs(30), || panic!("a reader's bug"));
        assert_eq!(
            panicked.map_err(|error| error.to_string()),
            Err("it cannot be read: the reader failed on this file".to_owned())
        );
        let (release, wait) = std::sync::mpsc::channel::<()>();
        let overran = within_budget("test", Duration::from_millis(10), move || {
            let _ = wait.recv();
            Ok(())
        });
        assert!(
            matches!(overran, Err(ImportError::TooSlow { budget }) if budget == Duration::from_millis(10)),
            "{overran:?}"
        );
        let _ = release.send(());
    }
}
