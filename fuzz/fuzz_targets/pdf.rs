//! A PDF file: read without a panic, imported or refused.
#![no_main]

use std::sync::atomic::{AtomicUsize, Ordering};

/// Panics of the PDF library that the reader caught.
static CAUGHT: AtomicUsize = AtomicUsize::new(0);

libfuzzer_sys::fuzz_target!(
    init: {
        // The PDF reader catches a panic of the PDF library and refuses the file, but the hook
        // that libfuzzer-sys installs aborts before anything can catch. Put a hook back that only
        // prints the first few; a panic that nothing catches still ends the run, since it cannot
        // unwind out of the fuzz target.
        let _abort = std::panic::take_hook();
        let print = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CAUGHT.fetch_add(1, Ordering::Relaxed) < 5 {
                print(info);
            }
        }));
    },
    |data: &[u8]| {
        triangulate::import::fuzz_targets::pdf(data);
    }
);
