//! A DOCX file, or the markup of its main part: read without a panic, imported or refused.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    triangulate::import::fuzz_targets::docx(data);
});
