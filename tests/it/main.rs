//! Integration tests: one binary, a module per area.

// A test fails loudly: expect() with a message is the clearest way to say what was missing.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod cli;
mod crash;
mod edits;
#[cfg(feature = "gui")]
mod gui;
mod incremental;
mod interchange;
mod migration;
mod properties;
mod store;
mod support;
