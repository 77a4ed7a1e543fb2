//! A REFI-QDA project, or the XML of its project.qde: read and joined to a project without a
//! panic, imported or refused.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    triangulate::import::fuzz_targets::qdpx(data);
});
