//! A REFI-QDA project, or the XML of its project.qde: read without a panic, every passage a
//! range of its text, or refused.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    triangulate::import::fuzz_targets::qdpx(data);
});
