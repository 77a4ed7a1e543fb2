//! Analysis: pure functions from a project to what the program can recompute.
//!
//! Nothing here is saved; the project file keeps only what the user decided (which spellings
//! belong to which entity, what is hidden). Mentions are found again from those on every load.

pub mod entities;
pub mod fold;
pub mod mentions;
pub mod quotes;
pub mod variants;
pub mod words;
