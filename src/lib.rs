//! Triangulate: a workbench for comparing sources.
//!
//! Analysts import reports from many outlets about one event, see the same people, organisations
//! and places across them under all their spellings, tag claims with who said what, and compare.
//!
//! # Bird's-eye view
//! - [`model`]: the project as plain data: documents with immutable text, curated entities,
//!   the codebook and claims. Spans are checked byte ranges ([`model::ByteSpan`]).
//! - [`edit`]: every change is an [`edit::Edit`] value that returns its inverse when applied;
//!   undo, redo and the dirty flag come from [`edit::History`].
//! - [`store`]: the RON project file, atomic save with a backup, and load-time checks.
//! - [`import`]: files to documents, with their metadata.
//! - [`analysis`]: what can be recomputed: entity candidates and mentions.
//! - [`cli`]: the headless commands.
//! - `gui` (feature `gui`): the egui application.
//!
//! # Invariants
//! - The core (everything but `gui`) knows nothing of egui: it builds with `--no-default-features`.
//! - A document's text never changes after import; its hash is stored and checked on load.
//! - Every collection of a project is a [`model::Table`]: sorted by id, each id once, so the
//!   file is stable under small changes.
//! - A claim's quote matches its document's text, or the project does not load.

pub mod analysis;
pub mod cli;
pub mod corpus;
pub mod edit;
pub mod export;
pub mod frame_guard;
pub mod import;
pub mod model;
pub mod store;
pub mod text;
pub mod workspace;

#[cfg(feature = "gui")]
pub mod gui;
