//! What a frame of the window must never do: read or write files, or work over the whole
//! corpus. The window marks the time it spends drawing a frame ([`FrameScope`]); the core's file
//! I/O and whole-corpus functions call [`heavy`], which records each of them run inside a
//! frame and logs it. A test drives the whole workflow and asserts the record stays empty, so a
//! change that puts such work back on the UI thread fails there.
//!
//! The record is per thread: worker threads are never in a frame, so their work is not noted.

use std::cell::{Cell, RefCell};

thread_local! {
    /// How many frame scopes are open on this thread (the frame's tick and its drawing nest).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// What ran inside a frame on this thread since the record was last taken.
    static RECORD: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// At most this many distinct entries are kept, so a frame loop that repeats one mistake does
/// not grow the record without end.
const MAX_RECORDED: usize = 64;

/// The time a frame is being drawn on this thread, from [`FrameScope::enter`] until it drops.
#[must_use = "the scope ends when this is dropped"]
pub struct FrameScope(());

impl FrameScope {
    /// Marks this thread as drawing a frame until the returned scope drops.
    pub fn enter() -> Self {
        DEPTH.with(|depth| depth.set(depth.get() + 1));
        Self(())
    }
}

impl Drop for FrameScope {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
}

/// Whether this thread is drawing a frame.
pub fn in_frame() -> bool {
    DEPTH.with(Cell::get) > 0
}

/// Notes that `what` (file I/O, or work over every document) is about to run: inside a frame
/// it is recorded and logged as a warning; anywhere else this does nothing.
pub fn heavy(what: &'static str) {
    if !in_frame() {
        return;
    }
    RECORD.with(|record| {
        let mut record = record.borrow_mut();
        if !record.contains(&what) && record.len() < MAX_RECORDED {
            log::warn!("{what} ran in a frame of the window: it belongs on a worker thread");
            record.push(what);
        }
    });
}

/// What ran inside a frame on this thread since the last call, each once, in the order first
/// seen; the record is emptied.
pub fn take_record() -> Vec<&'static str> {
    RECORD.with(|record| std::mem::take(&mut *record.borrow_mut()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_work_inside_a_frame_is_recorded_once_each() {
        take_record();
        heavy("reading a file");
        assert!(take_record().is_empty(), "outside a frame nothing is noted");
        {
            let _frame = FrameScope::enter();
            {
                let _nested = FrameScope::enter();
                heavy("reading a file");
            }
            assert!(in_frame(), "the outer scope is still open");
            heavy("deriving entities");
            heavy("reading a file");
        }
        assert!(!in_frame());
        heavy("writing a file");
        assert_eq!(take_record(), ["reading a file", "deriving entities"]);
        assert!(take_record().is_empty(), "taking the record empties it");
    }

    #[test]
    fn another_thread_is_never_in_this_threads_frame() {
        take_record();
        let _frame = FrameScope::enter();
        let worker = std::thread::spawn(|| {
            heavy("saving");
            take_record()
        });
        assert!(worker.join().expect("worker").is_empty());
        assert!(take_record().is_empty());
    }
}
