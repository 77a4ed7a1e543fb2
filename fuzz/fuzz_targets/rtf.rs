//! An RTF document: read without a panic, imported or refused.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    triangulate::import::fuzz_targets::rtf(data);
});
